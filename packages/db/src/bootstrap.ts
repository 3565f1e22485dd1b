import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type { TableNames } from "./config";
import { tableSpecs, TABLE_NAMES, type TableSpec } from "./specs";

/** The only stream the service uses: each written item's new image (`stream: "new-image"` in a spec). */
const streamSpecification = { StreamEnabled: true, StreamViewType: "NEW_IMAGE" as const };

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
        Projection: { ProjectionType: index.projection === "keys-only" ? ("KEYS_ONLY" as const) : ("ALL" as const) },
      })),
    }),
    ...(spec.stream && { StreamSpecification: streamSpecification }),
  };
}

/**
 * Adds the indexes a newer spec defines to a table kept from an older run (`npm start` keeps its
 * data in .local/): one UpdateTable per index, as DynamoDB allows.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  spec: TableSpec,
  name: string,
  existing: string[],
): Promise<void> {
  const full = createTableInput(spec, name);
  for (const index of full.GlobalSecondaryIndexes ?? []) {
    if (existing.includes(index.IndexName!)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: full.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } },
        ],
      }),
    );
  }
}

/** Turns the stream on for a table kept from a run before its spec had one. */
async function addMissingStream(client: DynamoDBClient, spec: TableSpec, name: string, enabled: boolean) {
  if (!spec.stream || enabled) return;
  await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: streamSpecification }));
}

/** Creates every missing table and index (local stages only; deployed tables come from `stacks/`). */
export async function ensureTables(client: DynamoDBClient, names: TableNames): Promise<string[]> {
  const created: string[] = [];
  await Promise.all(
    TABLE_NAMES.map(async (table) => {
      const spec = tableSpecs[table];
      const name = names[table];
      try {
        const existing = await client.send(new DescribeTableCommand({ TableName: name }));
        await addMissingIndexes(
          client,
          spec,
          name,
          existing.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName!) ?? [],
        );
        await addMissingStream(client, spec, name, existing.Table?.StreamSpecification?.StreamEnabled === true);
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
