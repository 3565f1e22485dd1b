import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";

/**
 * Apollo Server on an API Gateway HTTP API (payload v2) event: what `@as-integrations/aws-lambda`'s
 * `startServerAndCreateLambdaHandler` with its `createAPIGatewayProxyEventV2RequestHandler` does
 * (its 4.1.0 code, step for step, except that every answer carries `cache-control: no-store` and a
 * failure other than an unparsable body is a masked 500), on the ES module build of `@apollo/server`
 * that the rest of the API imports. That package is CommonJS only: through it, a bundle carried Apollo Server twice
 * (its ESM and CJS builds, with their protobuf and caches), about 200 KB more to load at every
 * cold start (bench/README.md, cold start).
 */

/** Runs before the request is parsed: an answer returned here is sent as it is. */
export type LambdaMiddleware = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

/**
 * `R` is what the caller of the returned handler passes along with each event (the GraphQL
 * handler: its record of the request, with the request id), handed to `context` and `internalError`.
 */
export interface LambdaHandlerOptions<C extends BaseContext, R = undefined> {
  middleware?: LambdaMiddleware[];
  context: (args: { event: APIGatewayProxyEventV2; context: LambdaContext; request: R }) => Promise<C>;
  /**
   * The error entry of a masked 500 for anything that fails in the adapter itself (a malformed
   * event, an incomplete body): it logs the error and returns no detail of it to the caller.
   */
  internalError?: (error: unknown, request: R) => Record<string, unknown>;
}

/**
 * Every answer carries seller data (and, for key and endpoint creation, secrets shown once):
 * no cache or proxy may keep one. Apollo's cache-control plugin, which the server turns off
 * (packages/api/src/server.ts), used to set this on every answer; the adapter sets it now.
 */
const NO_STORE = { "cache-control": "no-store" } as const;

/** A body the request declared as JSON but that does not parse: the caller's error (400). */
class UnparsableBody extends Error {}

export function startApolloOnLambda<C extends BaseContext, R = undefined>(
  server: ApolloServer<C>,
  options: LambdaHandlerOptions<C, R>,
) {
  server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  return async (
    event: APIGatewayProxyEventV2,
    context: LambdaContext,
    request: R,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      for (const middleware of options.middleware ?? []) {
        const answer = await middleware(event);
        if (typeof answer === "object" && answer !== null)
          return { ...answer, headers: { ...answer.headers, ...NO_STORE } };
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: fromEvent(event),
        context: () => options.context({ event, context, request }),
      });
      if (response.body.kind !== "complete") throw new Error("Only complete body type supported");
      return {
        statusCode: response.status ?? 200,
        headers: {
          ...Object.fromEntries(response.headers),
          ...NO_STORE,
          "content-length": Buffer.byteLength(response.body.string).toString(),
        },
        body: response.body.string,
      };
    } catch (error) {
      // A body that is not the JSON it claims to be: the integration's bare 400 with the parser's text.
      if (error instanceof UnparsableBody) return { statusCode: 400, headers: { ...NO_STORE }, body: error.message };
      // Anything else is the server's fault, and its message may say more than a caller should read.
      const entry = options.internalError?.(error, request) ?? {
        message: "Internal server error.",
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      };
      return {
        statusCode: 500,
        headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE },
        body: JSON.stringify({ errors: [entry] }),
      };
    }
  };
}

function fromEvent(event: APIGatewayProxyEventV2): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(event.headers ?? {})) headers.set(key, value ?? "");
  // Apollo reads the content type (its CSRF check, a GET's) as the body is read here: by its media type alone.
  const contentType = headers.get("content-type");
  if (contentType !== undefined) headers.set("content-type", mediaType(contentType));
  return {
    method: event.requestContext.http.method,
    headers,
    search: event.rawQueryString,
    body: bodyOf(event, headers.get("content-type")),
  };
}

/**
 * The body's bytes as UTF-8, the only encoding GraphQL over HTTP requires: bytes that are not (a Latin-1 body)
 * are refused rather than read with U+FFFD in place of each character and stored so.
 */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UnparsableBody("The request body is not valid UTF-8.");
  }
}

/**
 * A Content-Type's media type: its type and subtype in lower case, without parameters. They are case-insensitive
 * (RFC 9110, 8.3.1): `Application/JSON` was answered "POST body missing". A charset is not read: a body is UTF-8.
 */
function mediaType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

function bodyOf(event: APIGatewayProxyEventV2, contentType: string | undefined): unknown {
  if (event.body) {
    const text = event.isBase64Encoded ? utf8(Buffer.from(event.body, "base64")) : event.body;
    if (contentType === "application/json") {
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new UnparsableBody((error as Error).message);
      }
    }
    if (contentType === "text/plain") return text;
  }
  return "";
}
