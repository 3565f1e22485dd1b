import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "@seller-ops/db";
import { ulid } from "ulid";
import { testDb } from "../support/fixtures";

/**
 * In AWS a one-item write that meets an item a transaction is writing is refused with
 * TransactionConflictException (a seller's day counters are in every order and case transaction; the stats
 * repair, retention's redaction and the webhook lease write such items alone). DynamoDB Local runs
 * transactions one at a time and never answers it, so a proxy in front of it answers the first writes with
 * that refusal, as AWS would, and passes the rest through to DynamoDB Local.
 */

const CONFLICT = JSON.stringify({
  __type: "com.amazonaws.dynamodb.v20120810#TransactionConflictException",
  message: "Transaction is ongoing for the item",
});

let proxy: Server;
let endpoint = "";
/** How many of the next writes (PutItem, UpdateItem, DeleteItem) the proxy refuses, and what it saw. */
let conflictsToAnswer = 0;
const seen: string[] = [];

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

beforeAll(async () => {
  const target = new URL(process.env.DYNAMODB_ENDPOINT!);
  proxy = createServer(async (req, res) => {
    const payload = await body(req);
    const operation = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
    seen.push(operation);
    if (/^(PutItem|UpdateItem|DeleteItem)$/.test(operation) && conflictsToAnswer > 0) {
      conflictsToAnswer--;
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(CONFLICT);
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    forward.end(payload);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
});

const table = () => testDb().tables.Sellers;
const stored = async (key: { pk: string; sk: string }) =>
  (await testDb().doc.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

describe("a one-item write that meets a transaction on its item", () => {
  it("is tried again and lands", async () => {
    const doc = createDocumentClient({ endpoint });
    const key = { pk: `CONFLICT#${ulid()}`, sk: "ITEM" };
    seen.length = 0;
    conflictsToAnswer = 1;
    const put = await doc.send(new PutCommand({ TableName: table(), Item: { ...key, n: 1 } }));
    expect(put.$metadata.attempts).toBe(2);
    conflictsToAnswer = 1;
    const update = await doc.send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: "ADD n :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
    expect(update.$metadata.attempts).toBe(2);
    expect(seen).toEqual(["PutItem", "PutItem", "UpdateItem", "UpdateItem"]);
    // Applied once each: the refused attempt wrote nothing.
    expect((await stored(key))?.n).toBe(2);
    doc.destroy();
  });

  it("fails after the client's 3 attempts when the item stays held, having written nothing", async () => {
    const doc = createDocumentClient({ endpoint });
    const key = { pk: `CONFLICT#${ulid()}`, sk: "ITEM" };
    seen.length = 0;
    conflictsToAnswer = 5;
    const error = await doc.send(new PutCommand({ TableName: table(), Item: { ...key, n: 1 } })).then(
      () => null,
      (e: Error & { $metadata?: { attempts?: number } }) => e,
    );
    conflictsToAnswer = 0;
    expect(error?.name).toBe("TransactionConflictException");
    expect(error?.$metadata?.attempts).toBe(3);
    expect(seen).toEqual(["PutItem", "PutItem", "PutItem"]);
    expect(await stored(key)).toBeUndefined();
    doc.destroy();
  });

  it("a failed condition is an answer, not a conflict: not tried again", async () => {
    const doc = createDocumentClient({ endpoint });
    const key = { pk: `CONFLICT#${ulid()}`, sk: "ITEM" };
    await testDb().doc.send(new PutCommand({ TableName: table(), Item: { ...key, n: 1 } }));
    seen.length = 0;
    const error = await doc
      .send(new PutCommand({ TableName: table(), Item: key, ConditionExpression: "attribute_not_exists(pk)" }))
      .then(
        () => null,
        (e: Error & { $metadata?: { attempts?: number } }) => e,
      );
    expect(error?.name).toBe("ConditionalCheckFailedException");
    expect(seen).toEqual(["PutItem"]);
    doc.destroy();
  });
});
