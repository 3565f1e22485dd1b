import { GetCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { CasesRepo, currentShape, KeyedItems, NewerItemRefused, OrdersRepo, type ItemKind } from "@seller-ops/db";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { buyerOpensCase, orderDue, world, type World } from "../support/world";

/**
 * Version skew. A deploy updates the functions one by one, and an operator may roll back after the newer release
 * wrote: this release then reads items of a newer shape, holding facts it does not know. Reading them works, but
 * writing a whole item back would drop those facts and move its shape back, and the newer release's steps would fill
 * them with defaults unseen (a platform's fraud cancellation read as the seller's, an open return gone from its case).
 * Such a write is refused and nothing is written; the same write lands once the newer release runs everywhere.
 */

const NEWER_FACT = "recorded by the newer release";

type Table = "Orders" | "Cases";

async function stored(w: World, table: Table, key: Record<string, string>) {
  const read = await w.db.doc.send(new GetCommand({ TableName: w.db.tables[table], Key: key, ConsistentRead: true }));
  return read.Item!;
}

/** What the newer release leaves: a fact this release does not know, at the next shape of the item's kind. */
async function writtenByNewerRelease(w: World, table: Table, key: Record<string, string>, kind: ItemKind) {
  await w.db.doc.send(
    new UpdateCommand({
      TableName: w.db.tables[table],
      Key: key,
      UpdateExpression: "SET newerFact = :fact, #shape = :shape",
      ExpressionAttributeNames: { "#shape": "shape" },
      ExpressionAttributeValues: { ":fact": NEWER_FACT, ":shape": currentShape(kind) + 1 },
    }),
  );
  return stored(w, table, key);
}

async function itemCount(w: World, table: "Events" | "Cases") {
  const scan = await w.db.doc.send(new ScanCommand({ TableName: w.db.tables[table], Select: "COUNT" }));
  return scan.Count ?? 0;
}

describe("an item a newer release wrote is not written over by this one", () => {
  it("an order's change is refused as an internal error; the item and its events stay", async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const key = OrdersRepo.orderKey(order.id);
    const before = await writtenByNewerRelease(w, "Orders", key, "order");
    const events = await itemCount(w, "Events");

    const expedited = await graphql(
      w.api,
      `mutation($input: ExpediteOrderInput!) { expediteOrder(input: $input) { order { version } ` +
        `userErrors { code } } }`,
      { key: w.key, variables: { input: { orderId: order.id, idempotencyKey: `skew-${order.id}` } } },
    );
    expect(expedited.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    // Masked: the caller learns nothing of the stored item.
    expect(JSON.stringify(expedited.body)).not.toContain("shape");
    expect(await stored(w, "Orders", key)).toEqual(before);
    expect(await itemCount(w, "Events")).toBe(events);
  });

  it("a case's change written with its order in one transaction is refused whole", async () => {
    const w = await world();
    const { caseId, order } = await buyerOpensCase(w);
    const caseKey = CasesRepo.caseKey(caseId);
    const orderBefore = await stored(w, "Orders", OrdersRepo.orderKey(order.id));
    const caseBefore = await writtenByNewerRelease(w, "Cases", caseKey, "case");
    const caseItems = await itemCount(w, "Cases");

    const answered = await graphql(
      w.api,
      `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { version } ` +
        `userErrors { code } } }`,
      { key: w.key, variables: { input: { caseId, direction: "SELLER", body: "We shipped it today." } } },
    );
    expect(answered.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await stored(w, "Cases", caseKey)).toEqual(caseBefore);
    expect(await stored(w, "Orders", OrdersRepo.orderKey(order.id))).toEqual(orderBefore);
    expect(await itemCount(w, "Cases")).toBe(caseItems);
  });

  it("the late-order job fails that order alone and leaves it for its next run", async () => {
    const w = await world();
    const newer = await orderDue(w, -5);
    const other = await orderDue(w, -5);
    const before = await writtenByNewerRelease(w, "Orders", OrdersRepo.orderKey(newer.id), "order");

    const run = await w.lateOrders().catch((error: Error) => error);
    expect(String(run)).toContain("1 failures");
    expect(await stored(w, "Orders", OrdersRepo.orderKey(newer.id))).toEqual(before);
    expect((await stored(w, "Orders", OrdersRepo.orderKey(other.id))).lateFlaggedAt).toBeTruthy();
  });

  it("a one-item write (no transaction) is refused, naming the item; over its own shape it lands", async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const key = OrdersRepo.orderKey(order.id);
    const current = await stored(w, "Orders", key);
    const write = (version: number) => ({
      table: "Orders" as const,
      item: { ...current, expeditedAt: w.now.toISOString(), version: version + 1 },
      expectedVersion: version,
    });
    const before = await writtenByNewerRelease(w, "Orders", key, "order");

    const refused = await KeyedItems.writeOne(w.db, write(before.version), null).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(NewerItemRefused);
    expect((refused as Error).message).toContain(`ORDER#${order.id}/ORDER`);
    expect(await stored(w, "Orders", key)).toEqual(before);

    // The guard names only the shape: at this release's shape, the same write lands.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: key,
        UpdateExpression: "SET #shape = :shape",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":shape": currentShape("order") },
      }),
    );
    expect(await KeyedItems.writeOne(w.db, write(before.version), null)).toEqual({ ok: true });
    expect((await stored(w, "Orders", key)).expeditedAt).toBe(w.now.toISOString());
  });
});
