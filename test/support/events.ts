import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { httpApiEvent, type GatewayRequest } from "../../packages/local/src/gateway-events";

export { lambdaContext, scheduledEvent } from "../../packages/local/src/gateway-events";

/** A real API Gateway HTTP API (payload v2) event, as the `POST|GET /graphql` route delivers it. */
export function httpEvent(
  options: Pick<GatewayRequest, "body" | "headers" | "rawQueryString" | "isBase64Encoded"> & {
    method?: "GET" | "POST";
  },
): APIGatewayProxyEventV2 {
  return httpApiEvent({ ...options, headers: { host: "api.example.test", "user-agent": "test", ...options.headers } });
}
