import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { fromEnv } from "@aws-sdk/credential-provider-env";

export interface ClientOptions {
  /** DynamoDB Local or another endpoint; unset in AWS, where the SDK finds the regional endpoint. */
  endpoint?: string;
  region?: string;
  /**
   * Where the credentials for AWS come from (ignored with an endpoint: any credentials work locally).
   * - `"environment"`: the variables Lambda sets for the function's role (`AWS_ACCESS_KEY_ID`,
   *   `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), the first source the SDK's default chain
   *   would try there anyway. The deployed functions use it, and their bundles leave the chain's other sources
   *   out (`neverLoaded` in stacks/wiring.ts), so the chain must not be reached in them.
   * - `"default chain"`: the SDK's own search (profiles, SSO, …), for tools an operator runs.
   */
  credentials?: "environment" | "default chain";
  /** Per-request timeouts; by default `AWS_REQUEST_TIMEOUTS`, or `LOCAL_REQUEST_TIMEOUTS` with an endpoint. */
  timeouts?: RequestTimeouts;
}

/**
 * How long one attempt of a DynamoDB request may take before the SDK abandons it and retries (3 attempts in all,
 * then the call throws a `TimeoutError`). The SDK's HTTP handler has no limit by default: a request on a
 * half-open socket (a connection the network dropped without a reset) would wait until Lambda killed the run,
 * with no "finished" log line and no metrics, the job's stop-before-the-end check waiting between items.
 */
export interface RequestTimeouts {
  /** Until the TCP connection is made. */
  connectionMs: number;
  /** The whole attempt, request sent and answer read (a TLS handshake on a new connection included). */
  requestMs: number;
}

/**
 * DynamoDB in the function's own region answers an item in a few milliseconds and a transaction or a 1 MB page
 * in tens: an attempt still unanswered after 3 s is on a dead connection, not slow, and is better retried on a
 * new one. A TCP connection within a region takes well under 10 ms; 1 s leaves room for a cold start. The worst a
 * call takes is then 3 attempts of 3 s and the retries' backoff (under 1 s): under 10 s (`AWS_CALL_MAX_MS`), within
 * API Gateway's 29 s; a job keeps one such call in hand before its Lambda's end (functions/src/jobs/sweep.ts).
 */
export const AWS_REQUEST_TIMEOUTS: RequestTimeouts = { connectionMs: 1_000, requestMs: 3_000 };

/** The longest one DynamoDB call takes in AWS before it answers or throws: its 3 timed attempts and their backoff. */
export const AWS_CALL_MAX_MS = 3 * AWS_REQUEST_TIMEOUTS.requestMs + 1_000;

/**
 * DynamoDB Local (the tests, `npm start`, the tools run against it) is a JVM on the same, often loaded, machine:
 * on 2 busy cores a transaction can take seconds. A timed-out attempt is retried, and a retry of a write that did
 * land can fail its condition: here the limit only turns a hang into an error, far above any slow answer.
 */
export const LOCAL_REQUEST_TIMEOUTS: RequestTimeouts = { connectionMs: 10_000, requestMs: 60_000 };

/**
 * The one place the DynamoDB client is built. Standard retry mode with 3 attempts: throttling,
 * 5xx and timed-out attempts (`RequestTimeouts`) are retried with backoff by the SDK, and a Lambda
 * behind API Gateway's 29 s limit cannot afford more. Locally any credentials work (DynamoDB Local
 * runs with -sharedDb).
 */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient(clientConfig(options));
  retryTransactionConflicts(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * A one-item write (Put, Update, Delete) that meets an item a transaction is writing at that moment (a
 * seller's day counters, a case, a webhook lease) is refused with TransactionConflictException, which the
 * SDK does not count as retryable. The write did not happen, so it is marked retryable here and tried again
 * with the SDK's backoff, like a throttled call, in every writer at once. DynamoDB Local runs transactions
 * one at a time and never answers it (test/reliability/transaction-conflict.test.ts makes it answer).
 */
function retryTransactionConflicts(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as Error | undefined)?.name === "TransactionConflictException")
          (error as { $retryable?: object }).$retryable = {};
        throw error;
      }
    },
    // Inside the retry loop (finalizeRequest), around the step that turns the answer into the error.
    { step: "deserialize", priority: "high", name: "retryTransactionConflicts" },
  );
}

/** The configuration `createDocumentClient` builds its client with (exported for the test of its timeouts). */
export function clientConfig(options: ClientOptions = {}): DynamoDBClientConfig {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const timeouts = options.timeouts ?? (endpoint ? LOCAL_REQUEST_TIMEOUTS : AWS_REQUEST_TIMEOUTS);
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? "us-east-1",
    retryMode: "standard",
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      // Without it the handler only logs a warning when `requestTimeout` passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
  if (endpoint) {
    config.endpoint = endpoint;
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  } else if (options.credentials === "environment") {
    config.credentials = fromEnv();
  }
  return config;
}
