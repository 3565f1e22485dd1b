import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface ClientOptions {
  /** DynamoDB Local or another endpoint; unset in AWS, where the SDK finds the regional endpoint. */
  endpoint?: string;
  region?: string;
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
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
