import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { apolloFeaturesOff } from "./apollo-features";
import { makeExecutableSchemaFrom } from "./schema";
import type { Context } from "./context";
import { createFormatError, noteRequestOfErrors, refusePersistedQueries } from "./errors";
import { callerLanguageErrors } from "./language";
import { armorRules, blockFieldSuggestions, costPlugin, parseOptions } from "./limits";
import { apolloLines, type Logger } from "./log";

/**
 * The Apollo server, built once per container. Stack traces never leave the server; in
 * production mode introspection is off too.
 */
export function createServer(options: {
  production: boolean;
  logger: Logger;
  plugins?: ApolloServerPlugin<Context>[];
}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: makeExecutableSchemaFrom(),
    formatError: createFormatError(options.logger),
    logger: apolloLines(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries are off: each Lambda container would keep its own in-memory
    // cache, so a hash registered on one container is unknown to the next, and the API's
    // requests are small authenticated POSTs no CDN caches. A request carrying the extension is
    // a 400 PERSISTED_QUERY_NOT_SUPPORTED, which also tells Apollo Client to resend the full query.
    persistedQueries: false,
    validationRules: armorRules(),
    parseOptions,
    plugins: [
      ...apolloFeaturesOff(),
      ...(options.production ? [blockFieldSuggestions()] : []),
      costPlugin(),
      refusePersistedQueries(),
      noteRequestOfErrors(),
      callerLanguageErrors(),
      ...(options.plugins ?? []),
    ],
  });
}
