import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type { TableNames } from "./config";
import { tableSpecs, TABLE_NAMES, type TableSpec } from "./specs";

/** The CreateTable request for a spec: what `stacks/` deploys, in DynamoDB's own words. */
export function createTableInput(spec: TableSpec, physicalName: string): CreateTableCommandInput {
  const keySchema = (hashKey: string, rangeKey?: string) => [
    { AttributeName: hashKey, KeyType: "HASH" as const },
    ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: "RANGE" as const }] : []),
  ];
  const indexes = Object.entries(spec.globalIndexes);
  return {
    TableName: physicalName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(spec.fields).map(([name, type]) => ({
      AttributeName: name,
      AttributeType: type === "string" ? "S" : "N",
    })),
    KeySchema: keySchema(spec.primaryIndex.hashKey, spec.primaryIndex.rangeKey),
    ...(indexes.length > 0 && {
      GlobalSecondaryIndexes: indexes.map(([indexName, index]) => ({
        IndexName: indexName,
        KeySchema: keySchema(index.hashKey, index.rangeKey),
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  };
}

/** Creates every missing table (local stages only; deployed tables come from `stacks/`). */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<string[]> {
  const created: string[] = [];
  await Promise.all(
    TABLE_NAMES.map(async (table) => {
      const spec = tableSpecs[table];
      const name = names[table];
      try {
        await client.send(new DescribeTableCommand({ TableName: name }));
        return;
      } catch (error) {
        if ((error as Error).name !== "ResourceNotFoundException") throw error;
      }
      try {
        await client.send(new CreateTableCommand(createTableInput(spec, name)));
        created.push(name);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      if (spec.ttl) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: spec.ttl, Enabled: true },
          }),
        );
      }
    }),
  );
  return created;
}
