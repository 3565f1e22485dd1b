import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "./log";

/**
 * Top-level errors: only what the caller cannot fix in the input. Expected failures of mutations
 * are `userErrors` in the payload, never these.
 */
export const unauthenticated = (message = "A valid API key is required: send `Authorization: Bearer <key>`.") =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });

export const forbidden = (message = "This credential may not do that.") =>
  new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });

export const badUserInput = (message: string, argument?: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...(argument && { argument }) } });

/** Codes we raise on purpose; anything else reaching formatError is a bug and is masked. */
const EXPOSED_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "QUERY_TOO_COSTLY",
]);

/**
 * The one error mapping of the API: known errors pass, everything else becomes a generic
 * internal error carrying the request id (to find the full error in the logs), never a stack
 * or a DynamoDB message.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    if (typeof code === "string" && EXPOSED_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const requestId = requestScope.getStore()?.requestId;
    logger.error("internal error", { requestId, path: formatted.path, ...describe(original) });
    return {
      message: `Internal server error. Reference: ${requestId ?? "unknown"}.`,
      ...(formatted.path && { path: formatted.path }),
      ...(formatted.locations && { locations: formatted.locations }),
      extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
    };
  };
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { errorName: error.name, errorMessage: error.message, stack: error.stack } : { error: String(error) };
}

/**
 * The request being served. formatError has no access to the GraphQL context, and the local
 * adapter may serve requests concurrently, so the handler runs each invocation in this scope.
 */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();
