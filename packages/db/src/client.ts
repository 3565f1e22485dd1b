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
}

/**
 * The one place the DynamoDB client is built. Standard retry mode with 3 attempts: throttling and
 * 5xx are retried with backoff by the SDK, and a Lambda behind API Gateway's 29 s limit cannot
 * afford more. Locally any credentials work (DynamoDB Local runs with -sharedDb).
 */
export function createDocumentClient(options: ClientOptions = {}): DynamoDBDocumentClient {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? "us-east-1",
    retryMode: "standard",
    maxAttempts: 3,
  };
  if (endpoint) {
    config.endpoint = endpoint;
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  } else if (options.credentials === "environment") {
    config.credentials = fromEnv();
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
