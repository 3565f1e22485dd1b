import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";
import { makeExecutableSchemaFrom } from "./schema";
import type { Context } from "./context";
import { createFormatError, noteRequestOfErrors, refusePersistedQueries } from "./errors";
import { armorRules, blockFieldSuggestions, costPlugin, parseOptions } from "./limits";
import type { Logger } from "./log";

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
    // No landing page from the Lambda (Apollo's default loads a sandbox from a CDN, in production
    // too): a browser GET without a query gets the spec's 400. The local runtime serves its own
    // offline explorer in front of the handler (packages/local/src/explorer.ts).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Apollo installs its cache-control plugin unless told not to; it hooks every field
      // (Apollo then wraps every resolver) to compute a cache policy, and with no @cacheControl
      // in the schema that policy is always "not cacheable", answered as `cache-control: no-store`.
      // Off: the Lambda adapter sets that header on every answer instead
      // (packages/functions/src/apollo-lambda.ts), without a wrapper around each field
      // (bench/README.md, handler overhead).
      ApolloServerPluginCacheControlDisabled(),
      // Nothing is reported to Apollo's cloud, whatever APOLLO_KEY, APOLLO_GRAPH_REF or
      // APOLLO_SCHEMA_REPORTING an environment carries, and no federation traces are written (this is
      // not a subgraph; Apollo otherwise loads that plugin, and its protobuf, at every start). The
      // deployed bundle leaves these plugins out (`neverLoaded` in stacks/wiring.ts), so Apollo
      // must never import them: test/infra/synth.test.ts runs the deployed bundle with those variables set.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.production ? [blockFieldSuggestions()] : []),
      costPlugin(),
      refusePersistedQueries(),
      noteRequestOfErrors(),
      ...(options.plugins ?? []),
    ],
  });
}
