import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { httpApiEvent } from "../../packages/local/src/gateway-events";

export { lambdaContext, scheduledEvent } from "../../packages/local/src/gateway-events";

/** A POST of one GraphQL operation with a bearer key, as a partner tool or the dashboard sends it. */
export function graphqlEvent(query: string, key: string, variables?: Record<string, unknown>): APIGatewayProxyEventV2 {
  return httpApiEvent({
    body: JSON.stringify({ query, variables }),
    headers: {
      host: "api.example.test",
      "user-agent": "bench",
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
    },
  });
}
