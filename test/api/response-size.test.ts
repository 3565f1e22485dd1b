import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { Orders, type Order } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import { createGraphqlHandler, MAX_RESPONSE_BYTES } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { linkedOnly, world, type World } from "../support/world";
import { functionTables } from "@seller-ops/functions/src/tables";

/**
 * Lambda cannot answer more than 6 MiB. A page is bounded in items, not bytes: 100 orders of 100
 * items with the longest SKUs and titles in Chinese are ~8 MB, well within the cost budget. Such a
 * query is refused with a clear RESPONSE_TOO_LARGE, not a bare 500 from API Gateway.
 */

const wide = (n: number) => "界".repeat(n);
const ITEMS_PAGE =
  "query($first: Int!) { orders(first: $first) { edges { node { id items { sku title quantity } } } } }";

describe("an answer larger than Lambda can carry", () => {
  let w: World;
  const warnings: string[] = [];
  beforeAll(async () => {
    w = await world();
    const orders: Order[] = Array.from({ length: 100 }, (_, i) => {
      const created = Orders.create({
        id: ulid(),
        sellerId: w.sellerId,
        settlementCurrency: "CNY",
        input: {
          marketplaceOrderId: `AE-WIDE-${i}`,
          items: Array.from({ length: 100 }, () => ({ sku: wide(64), title: wide(200), quantity: 1 })),
          buyerTotal: { amountMinor: 1000, currency: "USD" },
          settlementAmount: { amountMinor: 7000, currency: "CNY" },
          buyerCountry: "US",
          placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
          handlingDays: 3,
          shipBy: null,
        },
        now: w.now.toISOString(),
      });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      return created.value;
    });
    for (let i = 0; i < orders.length; i += 25) {
      const puts = orders.slice(i, i + 25).map((o) => ({ PutRequest: { Item: OrdersRepo.toItem(o) } }));
      await w.db.doc.send(new BatchWriteCommand({ RequestItems: { [w.db.tables.Orders]: puts } }));
    }
    w.api = createGraphqlHandler({
      db: linkedOnly(w.db, functionTables.graphql),
      clock: () => w.now,
      logger: {
        info: () => {},
        warn: (message, fields) => warnings.push(JSON.stringify({ message, ...fields })),
        error: () => {},
        child() {
          return this;
        },
      },
    });
  }, 120_000);

  it("is refused as RESPONSE_TOO_LARGE, with the size, in a response Lambda can carry", async () => {
    const result = await w.api(
      httpEvent({
        body: JSON.stringify({ query: ITEMS_PAGE, variables: { first: 100 } }),
        headers: { "content-type": "application/json", authorization: `Bearer ${w.key}` },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
    const body = JSON.parse(result.body!);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", limit: MAX_RESPONSE_BYTES });
    expect(body.errors[0].extensions.bytes).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(body.errors[0].message).toMatch(/fewer items/);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(10_000);
    expect(result.headers?.["x-request-id"]).toBeTruthy();
    expect(warnings.some((line) => line.includes("response too large"))).toBe(true);
  });

  it("a smaller page of the same orders is answered in full", async () => {
    const response = await graphql(w.api, ITEMS_PAGE, { key: w.key, variables: { first: 40 } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.orders.edges).toHaveLength(40);
    expect(response.body.data.orders.edges[0].node.items).toHaveLength(100);
  });
});
