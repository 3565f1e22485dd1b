import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError, type OperationTypeNode } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { I18n, Money } from "@seller-ops/core";
import { CursorError } from "@seller-ops/db";
import { describeError, type Logger } from "./log";

/**
 * Top-level errors: only what the caller cannot fix in the input. Expected failures of mutations
 * are `userErrors` in the payload, never these.
 */
export const unauthenticated = (message = "A valid API key is required: send `Authorization: Bearer <key>`.") =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });

/**
 * Refusals raised once the caller is known take a text of the catalog, never a sentence: they are
 * answered in the caller's language (`callerLanguageErrors`), and a plain string here is a type error
 * (test/core/texts.test.ts also checks the sources for one).
 */
export const forbidden = (message: I18n.Text) =>
  worded(new GraphQLError(I18n.english(message), { extensions: { code: "FORBIDDEN" } }), message);

/** FORBIDDEN for a rule of a role or an access level (`refusal.request.forbidden`). */
export const forbiddenBecause = (rule: I18n.ForbiddenRule) =>
  forbidden(I18n.text("refusal.request.forbidden", { rule }));

export const badUserInput = (message: I18n.Text, argument?: string) =>
  worded(
    new GraphQLError(I18n.english(message), {
      extensions: { code: "BAD_USER_INPUT", ...(argument && { argument }) },
    }),
    message,
  );

/**
 * The texts of top-level errors: written in English when raised, and again in the caller's language
 * before the answer is sent (`callerLanguageErrors`), where the request knows whose language that
 * is. A map, not a field: nothing of it reaches the answer's `extensions`.
 */
const textOfErrors = new WeakMap<object, I18n.Text>();

function worded(error: GraphQLError, message: I18n.Text): GraphQLError {
  textOfErrors.set(error, message);
  return error;
}

/** The text an error was raised with, also when graphql-js wrapped it with its path (or it is a CursorError). */
export function textOfError(error: GraphQLError): I18n.Text | null {
  const original = error.originalError;
  if (original instanceof CursorError) return original.text;
  if (original instanceof Money.AmountOverflow) return original.text;
  return textOfErrors.get(error) ?? (original ? (textOfErrors.get(original) ?? null) : null);
}

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
    const overflow = amountOverflow(original);
    if (overflow) {
      // Not a bug to hide: an amount the exact range cannot hold. Say so rather than send a rounded number.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      // Written in the caller's language by callerLanguageErrors; in English where that language could not be read.
      const message = formatted.message === overflow.message ? I18n.english(overflow.text) : formatted.message;
      return { ...formatted, message, extensions: { ...extensions, code: "AMOUNT_OVERFLOW" } };
    }
    if (typeof code === "string" && EXPOSED_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (original instanceof CursorError) {
      // A signed cursor whose start key the list's Query refused (see queryPage): the caller's input.
      return {
        // The error's message, written in the caller's language by then (callerLanguageErrors).
        message: formatted.message,
        ...(formatted.path && { path: formatted.path }),
        extensions: { code: "BAD_USER_INPUT", argument: "after" },
      };
    }
    return maskInternalError(logger, original, formatted, requestOfError(error));
  };
}

/**
 * An internal error as the caller sees it: logged in full under the request id, answered with
 * only that id (also for failures outside GraphQL execution, e.g. in the Lambda adapter).
 */
export function maskInternalError(
  logger: Logger,
  original: unknown,
  formatted: Pick<GraphQLFormattedError, "path" | "locations"> = {},
  scope?: RequestScope,
): GraphQLFormattedError {
  const requestId = scope?.requestId;
  logger.error("internal error", {
    requestId,
    principalId: scope?.principalId ?? null,
    operation: scope?.operation ?? null,
    operationName: scope?.operationName ?? null,
    path: formatted.path,
    ...describeError(original),
  });
  return {
    message: `Internal server error. Reference: ${requestId ?? "unknown"}.`,
    ...(formatted.path && { path: formatted.path }),
    ...(formatted.locations && { locations: formatted.locations }),
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}

/** The AmountOverflow behind an error, also when graphql-js wrapped it (a scalar's serialize). */
function amountOverflow(error: unknown): Money.AmountOverflow | null {
  if (error instanceof Money.AmountOverflow) return error;
  if (error instanceof GraphQLError && error.originalError) return amountOverflow(error.originalError);
  return null;
}

/**
 * The request being served: its id, the caller once authenticated, and the operation once Apollo resolved it (the
 * handler's request line and the internal-error line read them).
 */
export interface RequestScope {
  requestId: string;
  /** The key id (or token subject) of the caller, once authenticated; null when there is none. */
  principalId?: string | null;
  /** `query` or `mutation`, once the document is parsed and the operation chosen. */
  operation?: OperationTypeNode | null;
  /**
   * The operation's name as the document spells it (a GraphQL name, so nothing a caller could put in a log line
   * beyond letters, digits and underscores); null for an anonymous operation or one not resolved.
   */
  operationName?: string | null;
  /**
   * Until when, in real time (`performance.now()`), not the service's clock, new work may begin: from the invocation's
   * remaining time when the handler took the request (context.ts, `workUntil`).
   */
  workUntilMs?: number;
}

/**
 * The request each error was raised in. formatError has no access to the GraphQL context, so the
 * places that know the request note it on the error before Apollo formats it: the plugin below for
 * errors of the GraphQL pipeline, `buildContext` for a context that failed. Not an AsyncLocalStorage:
 * an active one makes every promise of every request slower (bench/README.md, handler overhead).
 */
const requestOfErrors = new WeakMap<object, RequestScope>();

/** Notes the request an error belongs to, for the masking in formatError. */
export function noteRequestOfError(error: unknown, scope: RequestScope): void {
  if (typeof error === "object" && error !== null) requestOfErrors.set(error, scope);
}

/** The request noted on the error, or on an error it wraps (Apollo wraps a failed context's error). */
function requestOfError(error: unknown): RequestScope | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const scope = requestOfErrors.get(current);
    if (scope) return scope;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Notes each error of a request on its way to formatError: Apollo calls `didEncounterErrors`
 * before it formats the errors of a request it has a context for.
 */
export function noteRequestOfErrors<
  C extends { requestId: string; principal: { principalId: string } },
>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operation }) {
          const scope: RequestScope = {
            requestId: contextValue.requestId,
            principalId: contextValue.principal.principalId,
            operation: operation?.operation ?? null,
            operationName: operation?.name?.value ?? null,
          };
          for (const error of errors) noteRequestOfError(error, scope);
        },
      };
    },
  };
}

/**
 * Apollo answers an unsupported persisted query with HTTP 200 (the protocol's "send the full
 * query" signal); a client error is a 4xx here like every other refused request, and Apollo
 * Client's persisted-query link treats a 400 as "not supported" and resends the full query.
 */
export function refusePersistedQueries<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const codes = response.body.singleResult.errors?.map((e) => e.extensions?.code) ?? [];
          if (codes.includes("PERSISTED_QUERY_NOT_SUPPORTED") || codes.includes("PERSISTED_QUERY_NOT_FOUND"))
            response.http.status = 400;
        },
      };
    },
  };
}
