import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";
import {
  buildContext,
  createLogger,
  createServer,
  loadConfig,
  logWriter,
  maskInternalError,
  type ApiDeps,
  type Context,
  type RequestScope,
  workUntil,
} from "@seller-ops/api";
import { createDocumentClient } from "@seller-ops/db";
import { startApolloOnLambda } from "./apollo-lambda";
import { internalErrorMetricsPlugin, metricsWriter, mutationMetricsPlugin } from "./metrics";
import { functionSecrets, functionTables } from "./tables";

/** Requests above this size are refused before parsing (GraphQL documents plus variables are small). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Lambda refuses a synchronous answer above 6 MiB, counted on the whole result as serialized, and API
 * Gateway then answers a bare 500. Pages are bounded in items, not bytes (an order carries up to 100
 * items of long texts), so a query within the cost budget can still ask for more than this.
 */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** The key the handler's record of the request (its `RequestScope`) rides on the context under. */
const HANDLED = Symbol("handled request");

/**
 * Builds the GraphQL Lambda handler: the Apollo server once per container, the principal and
 * fresh DataLoaders per request. `handler` below is this with the real clock and configuration;
 * tests call this factory only to inject a clock (or a smaller response limit).
 */
export function createGraphqlHandler(
  overrides: Partial<ApiDeps> = {},
  { maxResponseBytes = MAX_RESPONSE_BYTES }: { maxResponseBytes?: number } = {},
) {
  // Configuration is read once, here, when the container starts.
  const loaded = overrides.config && overrides.db ? null : loadConfig(functionTables.graphql, functionSecrets.graphql);
  const config = overrides.config ?? loaded!.config;
  const logger = overrides.logger ?? createLogger({ service: "graphql" }, logWriter(config.output.logs));
  const deps: ApiDeps = {
    // Lambda's role credentials only: the bundle leaves the SDK's other sources out (stacks/wiring.ts).
    db: overrides.db ?? { doc: createDocumentClient({ credentials: "environment" }), tables: loaded!.tables },
    config,
    clock: overrides.clock ?? (() => new Date()),
    logger,
  };
  const writeMetrics = metricsWriter(config.output.metrics);
  // The operation's type and name, noted on the handler's record of the request once Apollo resolved it. The record
  // rides on the context under a symbol: Apollo hands the plugins a copy of the context, not the object.
  const noteOperation: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const scope = (contextValue as Context & { [HANDLED]?: RequestScope })[HANDLED];
          if (!scope || !operation) return;
          scope.operation = operation.operation;
          scope.operationName = operation.name?.value ?? null;
        },
      };
    },
  };
  const server = createServer({
    production: config.mode === "production",
    logger,
    plugins: [mutationMetricsPlugin(writeMetrics), internalErrorMetricsPlugin(writeMetrics), noteOperation],
  });
  const apollo = startApolloOnLambda<Context, RequestScope>(server, {
    middleware: [
      async (event) => {
        const size = event.body ? Buffer.byteLength(event.body, event.isBase64Encoded ? "base64" : "utf8") : 0;
        if (size > MAX_BODY_BYTES) {
          return {
            statusCode: 413,
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              errors: [
                {
                  message: `Request body too large: at most ${MAX_BODY_BYTES} bytes.`,
                  extensions: { code: "PAYLOAD_TOO_LARGE" },
                },
              ],
            }),
          };
        }
      },
    ],
    context: async ({ event, request }) => {
      const context = await buildContext(deps, event, request);
      return Object.assign(context, { [HANDLED]: request });
    },
    internalError: (error, request) => ({ ...maskInternalError(logger, error, {}, request) }),
  });

  return async (event: APIGatewayProxyEventV2, context: LambdaContext): Promise<APIGatewayProxyStructuredResultV2> => {
    const requestId = event.requestContext?.requestId || context?.awsRequestId || randomUUID();
    const started = Date.now();
    const scope: RequestScope = {
      requestId,
      principalId: null,
      workUntilMs: workUntil(context?.getRemainingTimeInMillis?.()),
    };
    const result = await apollo(event, context, scope);
    // Every line names the caller's key id; null when the request carried no valid credential.
    const answer = withinResponseLimit(
      { ...asJsonError(result), headers: { ...asJsonError(result).headers, "x-request-id": requestId } },
      { limit: maxResponseBytes, mutation: scope.operation === "mutation" },
      (bytes) =>
        logger.warn("response too large", {
          requestId,
          principalId: scope.principalId ?? null,
          bytes,
          operation: scope.operation ?? null,
        }),
    );
    logger.info("request", {
      requestId,
      principalId: scope.principalId ?? null,
      operation: scope.operation ?? null,
      operationName: scope.operationName ?? null,
      status: answer.statusCode,
      durationMs: Date.now() - started,
    });
    return answer;
  };
}

export const handler = createGraphqlHandler();

/**
 * The answer, or a clear error in its place when Lambda could not deliver it (`MAX_RESPONSE_BYTES`). A
 * query's is a refusal (400 RESPONSE_TOO_LARGE): nothing happened, ask for fewer items or fields. A mutation
 * has run by then, and its writes landed: it is answered 200 RESPONSE_TOO_LARGE_APPLIED with `applied: true`
 * (as any executed operation whose result carries an error), so that no client takes it for a refusal and
 * makes the change again. The mutation payload budget (`LIMITS.maxPayloadCost`) keeps this from happening.
 */
function withinResponseLimit(
  result: APIGatewayProxyStructuredResultV2,
  { limit, mutation }: { limit: number; mutation: boolean },
  tooLarge: (bytes: number) => void,
): APIGatewayProxyStructuredResultV2 {
  // Serialized, a character takes at most 6 bytes (a \u escape): below this, no answer can be too large.
  if (typeof result.body !== "string" || result.body.length * 6 < limit) return result;
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes <= limit) return result;
  tooLarge(bytes);
  const error = mutation
    ? {
        message:
          `The mutation was carried out and its changes are saved, but its answer would be ${bytes} bytes, above ` +
          `the ${limit} a response can carry. Do not send it again: read the result with a query.`,
        extensions: { code: "RESPONSE_TOO_LARGE_APPLIED", applied: true, bytes, limit },
      }
    : {
        message:
          `The answer would be ${bytes} bytes, above the ${limit} a response can carry: ` +
          "ask for fewer items (a smaller `first`) or fewer fields.",
        extensions: { code: "RESPONSE_TOO_LARGE", bytes, limit },
      };
  return {
    statusCode: mutation ? 200 : 400,
    headers: { ...result.headers, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(mutation ? { data: null, errors: [error] } : { errors: [error] }),
  };
}

/**
 * The integration answers a request it cannot parse (e.g. invalid JSON) with its bare error text;
 * answer it as a GraphQL error body instead, so every client reads one shape.
 */
function asJsonError(result: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const status = result.statusCode ?? 200;
  const contentType = String(result.headers?.["content-type"] ?? "");
  if (status < 400 || contentType.includes("json") || typeof result.body !== "string") return result;
  return {
    ...result,
    headers: { ...result.headers, "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ errors: [{ message: result.body || "Bad request.", extensions: { code: "BAD_REQUEST" } }] }),
  };
}
