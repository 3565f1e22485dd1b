import { describe, expect, it } from "vitest";
import { I18n, Orders, Risk, Stats, type Order } from "@seller-ops/core";
import { must, newOrder } from "../support/core-orders";

/**
 * The seller-cancellation rate (Amazon's cancellation rate, AliExpress's 成交不卖率): the orders cancelled against the
 * seller in the last 30 days, of the orders placed in them. Only the platform's word excuses one: BUYER_REQUESTED or
 * SUSPECTED_FRAUD recorded by the platform's side; the seller's side's every cancellation counts, whatever its reason.
 */

const TZ = "Asia/Shanghai";
const PLACED = "2026-11-20T00:00:00.000Z";
const CANCELLED = "2026-11-21T03:00:00.000Z";
const NOW = "2026-11-27T03:00:00.000Z";

const cancelled = (reason: Orders.CancelReason, by: Orders.CancellingSide = "SELLER"): Order =>
  must<Order>(Orders.cancel({ order: newOrder(PLACED), input: { orderId: "o1", reason }, now: CANCELLED, by }));

/** The 30-day window of 100 orders placed, `bySeller` cancelled by the seller and `byBuyer` at the buyer's request. */
function windowOf(bySeller: number, byBuyer: number, reason: Orders.CancelReason = "OUT_OF_STOCK") {
  const placed = Array.from({ length: 100 - bySeller - byBuyer }, () => newOrder(PLACED));
  const orders = [
    ...placed,
    ...Array.from({ length: bySeller }, () => cancelled(reason)),
    ...Array.from({ length: byBuyer }, () => cancelled("BUYER_REQUESTED", "PLATFORM")),
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
      "Seller-cancellation rate 3.00%: 3 of 100 orders placed were cancelled against the seller (every cancellation " +
        "the seller or its tools recorded, whatever the reason; not those the marketplace or an operator recorded at " +
        "the buyer's request or for suspected fraud) in the last 30 days. The target is below 2.5%; this misses the " +
        "target.",
    );
    expect(zh(m.label)).toBe("成交不卖率");
    expect(zh(m.explanation)).toContain("下单的 100 个订单中有 3 个计为卖家取消");
    expect(zh(m.explanation)).toContain("未达到目标");
    expect(health.status).toBe("BAD");
    expect(health.depositConsequences).toContainEqual(
      expect.objectContaining({ code: "METRIC_MISSES_TARGET", metric: "SELLER_CANCELLATION_RATE" }),
    );

    // The risk factor: half its weight at the target, more past it; its action recommended.
    const factor = risk.factors.find((f) => f.code === "SELLER_CANCELLATION_RATE")!;
    expect(factor).toMatchObject({ value: 3, unit: "PERCENT", weight: 10 });
    expect(factor.contribution).toBeGreaterThan(0);
    expect(Risk.inEnglish(factor.explanation)).toContain("3 of 100 orders placed were cancelled against the seller");
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

  it("the counter moves on the cancellation day (the seller's), by the reason and who recorded it", () => {
    const order = newOrder(PLACED);
    const days = (reason: Orders.CancelReason, by: Orders.CancellingSide) => {
      const after = must<Order>(Orders.cancel({ order, input: { orderId: "o1", reason }, now: CANCELLED, by }));
      expect(after).toMatchObject({ cancelReason: reason, cancelledBy: by });
      return Stats.orderDeltas(order, after, TZ)["2026-11-21"];
    };
    const against = { cancelledBySeller: 1 };
    const excused = { cancelledByBuyer: 1 };
    // The seller's side: every reason counts, its own BUYER_REQUESTED and SUSPECTED_FRAUD too.
    for (const reason of Orders.CANCEL_REASONS) expect(days(reason, "SELLER"), reason).toEqual(against);
    // The platform: the buyer's request and its own fraud check are not the seller's; the rest is.
    expect(days("BUYER_REQUESTED", "PLATFORM")).toEqual(excused);
    expect(days("SUSPECTED_FRAUD", "PLATFORM")).toEqual(excused);
    for (const reason of ["OUT_OF_STOCK", "UNABLE_TO_SHIP", "OTHER"] as const)
      expect(days(reason, "PLATFORM"), reason).toEqual(against);
  });

  it("counts an order cancelled before who recorded it was kept by its reason alone, as it was counted", () => {
    const order = newOrder(PLACED);
    const stored = (reason: Orders.CancelReason): Order => ({
      ...must<Order>(Orders.cancel({ order, input: { orderId: "o1", reason }, now: CANCELLED, by: "SELLER" })),
      cancelledBy: "NOT_RECORDED",
    });
    const day = (reason: Orders.CancelReason) => Stats.orderDeltas(order, stored(reason), TZ)["2026-11-21"];
    expect(day("BUYER_REQUESTED")).toEqual({ cancelledByBuyer: 1 });
    for (const reason of ["OUT_OF_STOCK", "UNABLE_TO_SHIP", "SUSPECTED_FRAUD", "OTHER"] as const)
      expect(day(reason), reason).toEqual({ cancelledBySeller: 1 });
  });
});
