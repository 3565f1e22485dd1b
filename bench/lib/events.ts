import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";

/**
 * A real API Gateway HTTP API (payload v2) event, as the `POST|GET /graphql` route delivers it.
 * A copy of the test suite's builder: the bench must not depend on test/.
 */
export function httpEvent(options: {
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  rawQueryString?: string;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEventV2 {
  const method = options.method ?? "POST";
  const requestId = randomUUID();
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: "2.0",
    routeKey: `${method} /graphql`,
    rawPath: "/graphql",
    rawQueryString: options.rawQueryString ?? "",
    headers: { host: "api.example.test", "user-agent": "bench", ...headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.test",
      domainPrefix: "api",
      http: { method, path: "/graphql", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId,
      routeKey: `${method} /graphql`,
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}

export function lambdaContext(functionName = "graphql"): Context {
  const id = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: id,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "stream",
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A POST of one GraphQL operation with a bearer key, as a partner tool or the dashboard sends it. */
export function graphqlEvent(query: string, key: string, variables?: Record<string, unknown>): APIGatewayProxyEventV2 {
  return httpEvent({ body: JSON.stringify({ query, variables }), headers: { "content-type": "application/json", authorization: `Bearer ${key}` } });
}

/** The event EventBridge Scheduler delivers to the late-order job (constant; the job reads its own clock). */
export function scheduledEvent() {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "123456789012",
    time: "2026-01-01T00:00:00Z",
    region: "us-east-1",
    resources: ["arn:aws:scheduler:us-east-1:123456789012:schedule/default/LateOrders"],
    detail: {},
  };
}
