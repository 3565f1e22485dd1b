import { createHash } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { stableJson } from "@seller-ops/db";
import { withoutNulls } from "@seller-ops/api/src/mutation";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";

/**
 * A partner tool that retries an import does not always send the same bytes: it rebuilds the batch from its own
 * records, and an id may come back with spaces around it or in another Unicode form, a left-out field as null.
 * The import compares its orders as it parses them, as createOrder compares its input: such a retry is the same
 * import, answered as the first was, and never IDEMPOTENCY_KEY_REUSED for orders it created itself.
 */
const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
  results { index marketplaceOrderId outcome order { id } existingOrderId errors { code field } }
  createdCount duplicateCount rejectedCount userErrors { code field } } }`;

function batchOf(w: World, tag: string) {
  const placedAt = new Date(w.now.getTime() - 2 * HOUR).toISOString();
  return [0, 1, 2].map((i) => ({
    marketplaceOrderId: `IMP-${tag}-${i}`,
    items: [{ sku: `SKU-${i}`, title: "Phone case", quantity: 1 }],
    buyerTotal: { amountMinor: 1000 + i, currency: "USD" },
    settlementAmount: { amountMinor: 7000 + i, currency: "CNY" },
    buyerCountry: "DE",
    placedAt,
    handlingDays: 3,
  }));
}

/** The same orders as a retry may spell them: ids padded and full-width, a title padded, a left-out field null. */
function respelled(batch: ReturnType<typeof batchOf>) {
  const fullWidth = (s: string) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return batch.map((order, i) => ({
    ...order,
    marketplaceOrderId: i === 0 ? `  ${order.marketplaceOrderId}\t` : fullWidth(order.marketplaceOrderId),
    items: order.items.map((item) => ({ ...item, title: ` ${item.title} `, unitPrice: null })),
    shipBy: null,
  }));
}

async function importedOrders(w: World, tag: string) {
  return (await scanTable(w.db, "Orders")).filter(
    (i) => i.sk === "ORDER" && String(i.marketplaceOrderId).startsWith(`IMP-${tag}-`),
  );
}

const sha256 = (value: unknown) => createHash("sha256").update(stableJson(value)).digest("hex");

describe("a keyed import retried with its orders spelled otherwise", () => {
  it("is the same import: the first answer again, no order created twice, no key refused", async () => {
    const w = await world();
    const tag = ulid();
    const batch = batchOf(w, tag);
    const idempotencyKey = `import-spelling-${tag}`;
    const first = (
      await graphql(w.api, IMPORT, { key: w.key, variables: { input: { orders: batch, idempotencyKey } } })
    ).body.data.importOrders;
    expect(first.userErrors).toEqual([]);
    expect(first.createdCount).toBe(3);

    const retried = await graphql(w.api, IMPORT, {
      key: w.key,
      variables: { input: { orders: respelled(batch), idempotencyKey } },
    });
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data.importOrders).toEqual(first);
    expect(await importedOrders(w, tag)).toHaveLength(3);

    // An order that parses to another value is another request under the key: refused, nothing written.
    const changed = respelled(batch).map((o, i) =>
      i === 1 ? { ...o, buyerTotal: { ...o.buyerTotal, amountMinor: 5 } } : o,
    );
    const reused = (
      await graphql(w.api, IMPORT, { key: w.key, variables: { input: { orders: changed, idempotencyKey } } })
    ).body.data.importOrders;
    expect(reused.userErrors).toEqual([
      expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED", field: ["input", "idempotencyKey"] }),
    ]);
    expect(await importedOrders(w, tag)).toHaveLength(3);
    await checkInvariants(w.db);
  });

  it("a record the release before kept (the orders hashed as sent) still answers the retry of its import", async () => {
    const w = await world();
    const tag = ulid();
    // Sent spelled otherwise than parsed, so that the hash of the orders as sent is not the hash of them parsed.
    const sent = respelled(batchOf(w, tag));
    const idempotencyKey = `import-former-${tag}`;
    const input = { orders: sent, idempotencyKey };
    const first = (await graphql(w.api, IMPORT, { key: w.key, variables: { input } })).body.data.importOrders;
    expect(first.createdCount).toBe(3);
    const sellerId = (await importedOrders(w, tag))[0]!.sellerId;

    // The records as the release before wrote them: the import's input and each order hashed as they came.
    const records = (await scanTable(w.db, "Idempotency")).filter((r) => String(r.pk).includes(idempotencyKey));
    expect(records).toHaveLength(4);
    for (const record of records) {
      const part = /#importOrders\.order#.*#(\d+)$/.exec(String(record.pk));
      const formerHash = part
        ? sha256({ sellerId, order: withoutNulls(sent[Number(part[1])]) })
        : sha256(withoutNulls({ orders: sent }));
      expect(formerHash).not.toBe(record.requestHash);
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Idempotency,
          Key: { pk: record.pk },
          UpdateExpression: "SET requestHash = :former",
          ExpressionAttributeValues: { ":former": formerHash },
        }),
      );
    }

    const retried = await graphql(w.api, IMPORT, { key: w.key, variables: { input } });
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data.importOrders).toEqual(first);
    expect(await importedOrders(w, tag)).toHaveLength(3);
    await checkInvariants(w.db);
  });
});
