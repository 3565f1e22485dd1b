import { describe, expect, it } from "vitest";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { ApiKeys, OrdersRepo } from "@seller-ops/db";
import * as Maintenance from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { orderDue, world, type World } from "../support/world";

/**
 * The seller-cancellation rate through the Lambda handler: every cancel path (the seller, its partner, a marketplace
 * key, an operator, a late order's cancellation that ends its late-shipment incident) moves it by the reason and who
 * recorded it: the seller's side's cancellations all count, its own BUYER_REQUESTED too (the reason is its word, kept
 * as its record); only the platform's BUYER_REQUESTED and SUSPECTED_FRAUD do not. The seller's health and risk read
 * it in the reader's language.
 */

const METRICS = "metrics { name value numerator denominator window target status explanation }";
const RISK = "risk { modelVersion factors { code value contribution } recommendedActions { code label } }";

async function health(w: World, language = "en") {
  const r = await graphql(w.api, `query($id: ID!) { seller(id: $id) { health { status ${METRICS} ${RISK} } } }`, {
    key: w.key,
    variables: { id: w.sellerId },
    headers: { "accept-language": language },
  });
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  const h = r.body.data.seller.health;
  return { ...h, metric: h.metrics.find((m: { name: string }) => m.name === "SELLER_CANCELLATION_RATE") };
}

const cancel = (w: World, key: string, orderId: string, reason: string) =>
  graphql(
    w.api,
    `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { order { status cancelReason cancelledBy }
      userErrors { code } } }`,
    { key, variables: { input: { orderId, reason } } },
  );

describe("the seller-cancellation rate", () => {
  it("counts every cancellation the seller's side records, and the platform's but its buyer requests and fraud", {
    timeout: 180_000,
  }, async () => {
    const w = await world();
    const orders: string[] = [];
    for (let i = 0; i < 19; i++) orders.push((await orderDue(w, 24)).id);
    // A forgotten order: the late-order job opens its late-shipment incident, which the cancellation ends.
    const late = await orderDue(w, -10);
    await w.lateOrders();
    const incidents = async () =>
      (await graphql(w.api, "{ cases(first: 10) { edges { node { status order { id } } } } }", { key: w.key })).body
        .data.cases.edges;
    expect(await incidents()).toEqual([
      { node: { status: expect.stringMatching(/^OPEN|AWAITING/), order: { id: late.id } } },
    ]);

    expect((await health(w)).metric).toMatchObject({ numerator: 0, denominator: 20, status: "GOOD" });

    // A marketplace key that does not serve the seller: the order is not found, and nothing is written.
    const stranger = `marketplace_${ulid()}`;
    await ApiKeys.putApiKey(w.db, stranger, {
      role: "MARKETPLACE",
      keyId: `key_${ulid()}`,
      label: "another marketplace",
      allSellers: false,
      sellerIds: [`sel_${ulid()}`],
      createdAt: w.now.toISOString(),
    });
    const storedOrder = async (id: string) =>
      (
        await w.db.doc.send(
          new GetCommand({ TableName: w.db.tables.Orders, Key: OrdersRepo.orderKey(id), ConsistentRead: true }),
        )
      ).Item;
    const untouched = await storedOrder(orders[0]!);
    const refused = await cancel(w, stranger, orders[0]!, "BUYER_REQUESTED");
    expect(refused.body.errors, JSON.stringify(refused.body.errors)).toBeUndefined();
    expect(refused.body.data.cancelOrder).toEqual({ order: null, userErrors: [{ code: "NOT_FOUND" }] });
    expect(await storedOrder(orders[0]!)).toEqual(untouched);
    expect((await health(w)).metric).toMatchObject({ numerator: 0, denominator: 20 });

    for (const [key, orderId, reason, by, counts] of [
      // The seller's side: every cancellation counts, its own BUYER_REQUESTED and SUSPECTED_FRAUD too.
      [w.key, orders[0]!, "OUT_OF_STOCK", "SELLER", true],
      [w.key, orders[1]!, "BUYER_REQUESTED", "SELLER", true],
      [w.partner, orders[2]!, "BUYER_REQUESTED", "SELLER", true],
      [w.key, orders[3]!, "SUSPECTED_FRAUD", "SELLER", true],
      // The platform: the buyer's request relayed by the marketplace, and a fraud check, are not the seller's.
      [w.marketplace, orders[4]!, "BUYER_REQUESTED", "PLATFORM", false],
      [w.marketplace, orders[5]!, "SUSPECTED_FRAUD", "PLATFORM", false],
      [w.operator, orders[6]!, "BUYER_REQUESTED", "PLATFORM", false],
      // The platform recording a reason on the seller's side: it counts.
      [w.operator, orders[7]!, "UNABLE_TO_SHIP", "PLATFORM", true],
      [w.key, late.id, "OTHER", "SELLER", true],
    ] as const) {
      const numerator = (await health(w)).metric.numerator;
      const r = await cancel(w, key, orderId, reason);
      expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
      expect(r.body.data.cancelOrder, reason).toEqual({
        order: { status: "CANCELLED", cancelReason: reason, cancelledBy: by },
        userErrors: [],
      });
      expect((await health(w)).metric.numerator, `${reason} by ${by}`).toBe(numerator + (counts ? 1 : 0));
    }
    expect(await incidents()).toEqual([{ node: { status: "RESOLVED", order: { id: late.id } } }]);
    // Cancelled again: refused, counted once.
    expect((await cancel(w, w.key, orders[0]!, "OUT_OF_STOCK")).body.data.cancelOrder.userErrors).toEqual([
      { code: "INVALID_TRANSITION" },
    ]);

    const english = await health(w);
    expect(english.metric).toMatchObject({
      value: 30,
      numerator: 6,
      denominator: 20,
      window: "30d",
      target: 2.5,
      status: "BAD",
    });
    expect(english.metric.explanation).toBe(
      "Seller-cancellation rate 30.00%: 6 of 20 orders placed were cancelled against the seller (every " +
        "cancellation the seller or its tools recorded, whatever the reason; not those the marketplace or an " +
        "operator recorded at the buyer's request or for suspected fraud) in the last 30 days. The target is below " +
        "2.5%; this misses the target.",
    );
    expect(english.status).toBe("BAD");
    const factor = english.risk.factors.find((f: { code: string }) => f.code === "SELLER_CANCELLATION_RATE");
    // 30% is past twice the target: the whole weight.
    expect(factor).toEqual({ code: "SELLER_CANCELLATION_RATE", value: 30, contribution: 10 });
    expect(english.risk.recommendedActions).toContainEqual({
      code: "AVOID_SELLER_CANCELLATIONS",
      label: "Keep stock levels and listings accurate so that no paid order has to be cancelled on your side",
    });
    expect(english.risk.modelVersion).toBe("risk-2026.12-4");

    const chinese = await health(w, "zh-CN");
    expect(chinese.metric.explanation).toContain("成交不卖率 30.00%");
    expect(chinese.metric.explanation).toContain(
      "下单的 20 个订单中有 6 个计为卖家取消（卖家或其工具记录的取消无论原因均计入；" +
        "平台或运营人员因买家申请或疑似欺诈记录的取消不计入）",
    );
    expect(
      chinese.risk.recommendedActions.find((a: { code: string }) => a.code === "AVOID_SELLER_CANCELLATIONS").label,
    ).toBe("保持库存和商品信息准确，避免因卖家原因取消已付款的订单");

    // The root field answers the same.
    const root = await graphql(w.api, "{ sellerRisk { factors { code contribution } } }", { key: w.key });
    expect(root.body.data.sellerRisk.factors).toContainEqual({ code: "SELLER_CANCELLATION_RATE", contribution: 10 });

    // The counters are what the orders say: a rebuild finds nothing to correct.
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await checkInvariants(w.db);
  });
});
