import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from "@apollo/server/plugin/disabled";

/**
 * The Apollo Server features the service turns off, each by installing its disabled plugin (Apollo
 * otherwise installs the feature's plugin itself at start). The server installs these; the bench's
 * floor installs the same, so that floor and handler differ only by the API.
 */
export function apolloFeaturesOff(): ApolloServerPlugin[] {
  return [
    // No landing page from the Lambda (Apollo's default loads a sandbox from a CDN, in production
    // too): a browser GET without a query gets the spec's 400. The local runtime serves its own
    // offline explorer in front of the handler (packages/local/src/explorer.ts).
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
  ];
}
