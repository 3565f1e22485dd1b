import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";

/**
 * The events AWS delivers to the functions, built in one place for everything that calls a
 * handler without AWS: the local HTTP adapter (from a real HTTP request), the test suite and the
 * benchmark (from a few options). Never part of the deployed stack.
 */

/** How long API Gateway waits for the integration before answering 503 (HTTP API: 30 s). */
export const INTEGRATION_TIMEOUT_MS = 30_000;

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
export function gatewayTime(date: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** One HTTP request as API Gateway sees it; headers are lower-cased here. */
export interface GatewayRequest {
  method?: string;
  rawPath?: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp?: string;
  protocol?: string;
  /** The account and API the event names: the local stage's, or example values for tests. */
  api?: { accountId: string; apiId: string };
  now?: Date;
}

/**
 * A real API Gateway HTTP API (payload v2) event: the route key, the query string both raw and
 * parsed (repeated keys joined with commas), cookies in their own field, the request context.
 */
export function httpApiEvent(request: GatewayRequest): APIGatewayProxyEventV2 {
  const method = (request.method ?? "POST").toUpperCase();
  const rawPath = request.rawPath ?? "/graphql";
  const rawQueryString = request.rawQueryString ?? "";
  const now = request.now ?? new Date();
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }
  const routeKey = `${method} ${rawPath}`;
  const host = headers.host ?? "localhost";
  const api = request.api ?? { accountId: "123456789012", apiId: "api" };
  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString,
    ...(request.cookies && request.cookies.length > 0 && { cookies: request.cookies }),
    headers,
    ...(rawQueryString && { queryStringParameters }),
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      domainName: host,
      domainPrefix: host.split(".")[0]!.split(":")[0]!,
      http: {
        method,
        path: rawPath,
        protocol: request.protocol ?? "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: "$default",
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
  if (request.body !== undefined) event.body = request.body;
  return event;
}

/** A Lambda context for one invocation, with the integration deadline as the remaining time. */
export function lambdaContext(
  functionName = "graphql",
  options: { timeoutMs?: number; region?: string; accountId?: string } = {},
): Context {
  const deadline = Date.now() + (options.timeoutMs ?? INTEGRATION_TIMEOUT_MS);
  const awsRequestId = randomUUID();
  const arn = `arn:aws:lambda:${options.region ?? "us-east-1"}:${options.accountId ?? "123456789012"}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `${arn}:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${awsRequestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The event EventBridge Scheduler delivers to a job: the schedule's constant `input`, which the stacks leave at its
 * default, `{}`. Unlike an EventBridge rule's event it carries no time and no detail, so a job reads its own clock.
 * test/infra/synth.test.ts checks it against the synthesized schedules.
 */
export function scheduledEvent(): Record<string, never> {
  return {};
}
