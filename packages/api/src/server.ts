import { ApolloServer } from "@apollo/server";
import { makeExecutableSchemaFrom } from "./schema";
import type { Context } from "./context";
import { createFormatError } from "./errors";
import { armor, costPlugin } from "./limits";
import type { Logger } from "./log";

/**
 * The Apollo server, built once per container. Stack traces never leave the server; in
 * production mode introspection is off too.
 */
export function createServer(options: { production: boolean; logger: Logger }): ApolloServer<Context> {
  const protections = armor(options.production);
  return new ApolloServer<Context>({
    schema: makeExecutableSchemaFrom(),
    formatError: createFormatError(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: protections.validationRules,
    plugins: [...protections.plugins, costPlugin()],
  });
}
