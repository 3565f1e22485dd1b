import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createTableInput, ensureTables, localTableNames, tableSpecs } from "@seller-ops/db";
import { ulid } from "ulid";

describe("the local table bootstrap", () => {
  it("adds the indexes a newer spec defines to tables kept from an older run", async () => {
    const client = new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const names = localTableNames(`old-${ulid().slice(-8)}`);
    // An "older" Orders table: the spec without its job index.
    const { ordersByNextCheck: _dropped, ...olderIndexes } = tableSpecs.Orders.globalIndexes;
    const { checkShard: _c, nextCheckAt: _n, ...olderFields } = tableSpecs.Orders.fields;
    const { CreateTableCommand } = await import("@aws-sdk/client-dynamodb");
    await client.send(
      new CreateTableCommand(
        createTableInput({ ...tableSpecs.Orders, fields: olderFields, globalIndexes: olderIndexes }, names.Orders),
      ),
    );
    await ensureTables(client, names);
    const described = await client.send(new DescribeTableCommand({ TableName: names.Orders }));
    expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      Object.keys(tableSpecs.Orders.globalIndexes).sort(),
    );
    client.destroy();
  });
});
