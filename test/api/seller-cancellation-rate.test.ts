import { describe, expect, it } from "vitest";
import * as Maintenance from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { orderDue, world, type World } from "../support/world";

/**
 * The seller-cancellation rate through the Lambda handler: every cancel path (the seller, its partner, an operator, a
 * late order's cancellation that ends its late-shipment incident) moves it by the reason given, never by who recorded
 * it; a buyer-requested cancellation does not count; the seller's health and risk read it in the reader's language.
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
    `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { order { status }
      userErrors { code } } }`,
    { key, variables: { input: { orderId, reason } } },
  );

describe("the seller-cancellation rate", () => {
  it("counts the seller's side's cancellations on every path, not the buyer's", { timeout: 180_000 }, async () => {
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

    // The marketplace's side may not cancel: refused, nothing counted.
    const refused = await cancel(w, w.marketplace, orders[0]!, "OUT_OF_STOCK");
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    for (const [key, orderId, reason] of [
      [w.key, orders[0]!, "OUT_OF_STOCK"],
      [w.partner, orders[1]!, "BUYER_REQUESTED"],
      [w.operator, orders[2]!, "UNABLE_TO_SHIP"],
      [w.operator, orders[3]!, "BUYER_REQUESTED"],
      [w.key, late.id, "OTHER"],
    ] as const) {
      const r = await cancel(w, key, orderId, reason);
      expect(r.body.data.cancelOrder, reason).toEqual({ order: { status: "CANCELLED" }, userErrors: [] });
    }
    expect(await incidents()).toEqual([{ node: { status: "RESOLVED", order: { id: late.id } } }]);
    // Cancelled again: refused, counted once.
    expect((await cancel(w, w.key, orders[0]!, "OUT_OF_STOCK")).body.data.cancelOrder.userErrors).toEqual([
      { code: "INVALID_TRANSITION" },
    ]);

    const english = await health(w);
    expect(english.metric).toMatchObject({
      value: 15,
      numerator: 3,
      denominator: 20,
      window: "30d",
      target: 2.5,
      status: "BAD",
    });
    expect(english.metric.explanation).toBe(
      "Seller-cancellation rate 15.00%: 3 of 20 orders placed were cancelled by the seller (out of stock, unable to " +
        "ship, or another reason on the seller's side; not at the buyer's request) in the last 30 days. The target " +
        "is below 2.5%; this misses the target.",
    );
    expect(english.status).toBe("BAD");
    const factor = english.risk.factors.find((f: { code: string }) => f.code === "SELLER_CANCELLATION_RATE");
    // 15% is past twice the target: the whole weight.
    expect(factor).toEqual({ code: "SELLER_CANCELLATION_RATE", value: 15, contribution: 10 });
    expect(english.risk.recommendedActions).toContainEqual({
      code: "AVOID_SELLER_CANCELLATIONS",
      label: "Keep stock levels and listings accurate so that no paid order has to be cancelled on your side",
    });
    expect(english.risk.modelVersion).toBe("risk-2026.12-3");

    const chinese = await health(w, "zh-CN");
    expect(chinese.metric.explanation).toContain("成交不卖率 15.00%");
    expect(chinese.metric.explanation).toContain("下单的 20 个订单中有 3 个被卖家取消");
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
