import { describe, expect, it } from "vitest";
import { I18n, Orders, Risk, Stats, type Order } from "@seller-ops/core";
import { must, newOrder } from "../support/core-orders";

/**
 * The seller-cancellation rate (Amazon's cancellation rate, AliExpress's 成交不卖率): the orders the seller cancelled for
 * a reason on its side in the last 30 days, of the orders placed in them. Buyer-requested cancellations do not count.
 */

const TZ = "Asia/Shanghai";
const PLACED = "2026-11-20T00:00:00.000Z";
const CANCELLED = "2026-11-21T03:00:00.000Z";
const NOW = "2026-11-27T03:00:00.000Z";

const cancelled = (reason: Orders.CancelReason): Order =>
  must<Order>(Orders.cancel({ order: newOrder(PLACED), input: { orderId: "o1", reason }, now: CANCELLED }));

/** The 30-day window of 100 orders placed, `bySeller` cancelled by the seller and `byBuyer` at the buyer's request. */
function windowOf(bySeller: number, byBuyer: number, reason: Orders.CancelReason = "OUT_OF_STOCK") {
  const placed = Array.from({ length: 100 - bySeller - byBuyer }, () => newOrder(PLACED));
  const orders = [
    ...placed,
    ...Array.from({ length: bySeller }, () => cancelled(reason)),
    ...Array.from({ length: byBuyer }, () => cancelled("BUYER_REQUESTED")),
  ];
  return Stats.sum(Object.values(Stats.recount(orders, TZ)));
}

const assess = (bySeller: number, byBuyer: number, reason?: Orders.CancelReason) => {
  const w = windowOf(bySeller, byBuyer, reason);
  const input = { window30: w, window60: w, violations: [], now: NOW, timeZone: TZ };
  return { health: Risk.sellerHealth(input), risk: Risk.sellerRisk(input) };
};
const metricOf = (health: Risk.SellerHealth) => health.metrics.find((m) => m.name === "SELLER_CANCELLATION_RATE");
const zh = I18n.writer({ language: "zh-CN", timeZone: TZ });

describe("the seller-cancellation rate", () => {
  it("is BAD at 3 seller-caused cancellations of 100 orders (target below 2.5%), and says so in both languages", () => {
    const { health, risk } = assess(3, 0);
    const m = metricOf(health)!;
    expect(m).toMatchObject({
      value: 3,
      numerator: 3,
      denominator: 100,
      window: "30d",
      target: 2.5,
      comparison: "BELOW",
      status: "BAD",
      note: null,
    });
    expect(I18n.english(m.label)).toBe("Seller-cancellation rate");
    expect(I18n.english(m.explanation)).toBe(
      "Seller-cancellation rate 3.00%: 3 of 100 orders placed were cancelled by the seller (out of stock, unable to " +
        "ship, or another reason on the seller's side; not at the buyer's request) in the last 30 days. The target " +
        "is below 2.5%; this misses the target.",
    );
    expect(zh(m.label)).toBe("成交不卖率");
    expect(zh(m.explanation)).toContain("下单的 100 个订单中有 3 个被卖家取消");
    expect(zh(m.explanation)).toContain("未达到目标");
    expect(health.status).toBe("BAD");
    expect(health.depositConsequences).toContainEqual(
      expect.objectContaining({ code: "METRIC_MISSES_TARGET", metric: "SELLER_CANCELLATION_RATE" }),
    );

    // The risk factor: half its weight at the target, more past it; its action recommended.
    const factor = risk.factors.find((f) => f.code === "SELLER_CANCELLATION_RATE")!;
    expect(factor).toMatchObject({ value: 3, unit: "PERCENT", weight: 10 });
    expect(factor.contribution).toBeGreaterThan(0);
    expect(Risk.inEnglish(factor.explanation)).toContain("3 of 100 orders placed were cancelled by the seller");
    expect(risk.recommendedActions).toContainEqual({
      code: "AVOID_SELLER_CANCELLATIONS",
      label: Risk.ACTIONS.AVOID_SELLER_CANCELLATIONS.label,
    });
    expect(zh(I18n.text("risk.action", { code: "AVOID_SELLER_CANCELLATIONS" }))).toContain("库存");
  });

  it("does not count cancellations the buyer asked for", () => {
    const { health, risk } = assess(0, 10);
    expect(metricOf(health)).toMatchObject({ value: 0, numerator: 0, denominator: 100, status: "GOOD" });
    expect(risk.factors.find((f) => f.code === "SELLER_CANCELLATION_RATE")?.contribution).toBe(0);
    expect(risk.recommendedActions.map((a) => a.code)).not.toContain("AVOID_SELLER_CANCELLATIONS");
  });

  it("counts every reason on the seller's side, and is AT_RISK from 2% to 2.5%", () => {
    for (const reason of ["OUT_OF_STOCK", "UNABLE_TO_SHIP", "SUSPECTED_FRAUD", "OTHER"] as const)
      expect(metricOf(assess(2, 5, reason).health)).toMatchObject({ numerator: 2, status: "AT_RISK" });
    expect(metricOf(assess(1, 5).health)).toMatchObject({ numerator: 1, status: "GOOD" });
  });

  it(
    "counts a cancellation on its own day: one of an order placed before the window never makes a part above its " +
      "whole",
    () => {
      // The window holds 2 orders placed, and 3 cancellations the seller made in it of orders placed before it.
      const w = { ...Stats.sum([]), ordersPlaced: 2, cancelledBySeller: 3 };
      const m = metricOf(Risk.sellerHealth({ window30: w, window60: w, violations: [], now: NOW }))!;
      expect(m).toMatchObject({ numerator: 2, denominator: 2, value: 100, status: "BAD" });
      // No order placed in the window: nothing to measure, whatever was cancelled.
      const none = { ...Stats.sum([]), cancelledBySeller: 1 };
      const empty = metricOf(Risk.sellerHealth({ window30: none, window60: none, violations: [], now: NOW }))!;
      expect(empty).toMatchObject({ numerator: 0, denominator: 0, status: "GOOD" });
      expect(I18n.english(empty.note!)).toBe("No orders placed in the last 30 days: nothing to measure yet.");
    },
  );

  it("the counter moves on the cancellation day (the seller's), by who caused it", () => {
    const order = newOrder(PLACED);
    const days = (reason: Orders.CancelReason) => {
      const after = must<Order>(Orders.cancel({ order, input: { orderId: "o1", reason }, now: CANCELLED }));
      return Stats.orderDeltas(order, after, TZ);
    };
    expect(days("UNABLE_TO_SHIP")).toMatchObject({ "2026-11-21": { cancelledBySeller: 1 } });
    expect(days("BUYER_REQUESTED")).toMatchObject({ "2026-11-21": { cancelledByBuyer: 1 } });
    expect(days("BUYER_REQUESTED")["2026-11-21"]?.cancelledBySeller).toBeUndefined();
  });
});
