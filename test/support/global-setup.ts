import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TestProject } from "vitest/node";
import { ensureTables, localTableNames } from "@seller-ops/db";
import { startDynamoLocal } from "../../packages/local/src/dynamodb-local";
import { startShiftedDateProxy } from "./shifted-date-proxy";

/** One DynamoDB Local for the whole run, on a free port, in memory; stopped when the run ends. */
export default async function setup(project: TestProject) {
  const external = process.env.DYNAMODB_ENDPOINT;
  const local = external ? null : await startDynamoLocal({ dataDir: null });
  // A run moved to another day (TEST_EPOCH; vitest.config.ts) reads DynamoDB Local's answers dated on that day.
  const shiftMs = Number(process.env.TEST_CLOCK_SHIFT_MS || 0);
  const shifted = shiftMs ? await startShiftedDateProxy(external ?? local!.endpoint, shiftMs) : null;
  const endpoint = shifted?.endpoint ?? external ?? local!.endpoint;
  const tables = localTableNames(`test-${Date.now()}`);
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTables(client, tables);
  client.destroy();
  project.provide("dynamoEndpoint", endpoint);
  project.provide("tableNames", tables);
  return async () => {
    await shifted?.stop();
    await local?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableNames: Record<string, string>;
  }
}
