import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { openStreamReader } from "../../packages/local/src/stream-poller";
import { isolatedTables } from "../support/isolated";

/**
 * The local stand-in for Lambda's stream polling: a reader opened before any event (as `npm start`
 * opens it) still gets the events written later, each once, and a batch not committed comes again.
 */
describe("reading the Events stream locally", () => {
  it("starts on an empty stream, then gets each new item once; an uncommitted batch is given again", async () => {
    const db = await isolatedTables("stream");
    const client = new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const reader = await openStreamReader(client, {
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: db.tables.Events,
      from: "TRIM_HORIZON",
    });
    try {
      // Polled empty for a while, as `npm start` polls before anything happens.
      for (let i = 0; i < 12; i++) {
        expect((await reader.poll()).Records).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const put = (n: number) =>
        db.doc.send(new PutCommand({ TableName: db.tables.Events, Item: { pk: "SELLER#s", sk: `EVENT#${n}`, n } }));
      await put(1);
      const first = await reader.poll();
      expect(first.Records.map((r) => r.dynamodb?.NewImage?.sk?.S)).toEqual(["EVENT#1"]);
      expect(first.Records[0]).toMatchObject({
        eventName: "INSERT",
        eventSourceARN: expect.stringContaining("stream"),
      });
      // Not committed (the handler failed): the same batch again.
      expect((await reader.poll()).Records.map((r) => r.eventID)).toEqual(first.Records.map((r) => r.eventID));
      reader.commit();
      await put(2);
      expect((await reader.poll()).Records.map((r) => r.dynamodb?.NewImage?.sk?.S)).toEqual(["EVENT#2"]);
      reader.commit();
      expect((await reader.poll()).Records).toEqual([]);
    } finally {
      reader.close();
      client.destroy();
    }
  });
});
