import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";

/**
 * Apollo Server on an API Gateway HTTP API (payload v2) event: what `@as-integrations/aws-lambda`'s
 * `startServerAndCreateLambdaHandler` with its `createAPIGatewayProxyEventV2RequestHandler` does
 * (its 4.1.0 code, step for step), on the ES module build of `@apollo/server` that the rest of the
 * API imports. That package is CommonJS only: through it, a bundle carried Apollo Server twice
 * (its ESM and CJS builds, with their protobuf and caches), about 200 KB more to load at every
 * cold start (bench/README.md, cold start).
 */

/** Runs before the request is parsed: an answer returned here is sent as it is. */
export type LambdaMiddleware = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

export interface LambdaHandlerOptions<C extends BaseContext> {
  middleware?: LambdaMiddleware[];
  context: (args: { event: APIGatewayProxyEventV2; context: LambdaContext }) => Promise<C>;
}

export function startApolloOnLambda<C extends BaseContext>(server: ApolloServer<C>, options: LambdaHandlerOptions<C>) {
  server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  return async (event: APIGatewayProxyEventV2, context: LambdaContext): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      for (const middleware of options.middleware ?? []) {
        const answer = await middleware(event);
        if (typeof answer === "object" && answer !== null) return answer;
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: fromEvent(event),
        context: () => options.context({ event, context }),
      });
      if (response.body.kind !== "complete") throw new Error("Only complete body type supported");
      return {
        statusCode: response.status ?? 200,
        headers: {
          ...Object.fromEntries(response.headers),
          "content-length": Buffer.byteLength(response.body.string).toString(),
        },
        body: response.body.string,
      };
    } catch (error) {
      // An event that cannot be parsed (invalid JSON): the integration's bare 400 with the error's text.
      return { statusCode: 400, body: (error as Error).message };
    }
  };
}

function fromEvent(event: APIGatewayProxyEventV2): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(event.headers ?? {})) headers.set(key, value ?? "");
  return {
    method: event.requestContext.http.method,
    headers,
    search: event.rawQueryString,
    body: bodyOf(event, headers),
  };
}

function bodyOf(event: APIGatewayProxyEventV2, headers: HeaderMap): unknown {
  if (event.body) {
    const contentType = headers.get("content-type");
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    if (contentType?.startsWith("application/json")) return JSON.parse(text);
    if (contentType?.startsWith("text/plain")) return text;
  }
  return "";
}
