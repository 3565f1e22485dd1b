import { describe, expect, it } from "vitest";
import { I18n, Orders, Risk, Stats, type Order } from "@seller-ops/core";
import { must, newOrder } from "../support/core-orders";

/**
 * The valid-tracking rate moves: a shipment whose number the marketplace reports unknown to the carrier leaves the
 * `shippedWithTracking` count of its ship day, once, and the seller's health and risk read it.
 */

const TZ = "Asia/Shanghai";
// Placed 20 Nov (UTC), shipped 21 Nov 20:00 UTC, which is 22 Nov in Shanghai: the ship day the counters use.
const PLACED = "2026-11-20T00:00:00.000Z";
const SHIPPED = "2026-11-21T20:00:00.000Z";
const REPORTED = "2026-11-27T03:00:00.000Z";

function shipped(): Order {
  const input = { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP00123456789CN" };
  return must<Order>(Orders.markShipped({ order: newOrder(PLACED), input, now: SHIPPED }));
}

const report = (order: Order, trackingNumber = "LP00123456789CN", now = REPORTED) =>
  Orders.reportInvalidTracking({ order, input: { orderId: order.id, trackingNumber }, now });

describe("reportInvalidTracking", () => {
  it("takes the shipment out of its ship day's valid-tracking count, not the report day's", () => {
    const before = shipped();
    expect(Stats.orderDeltas(newOrder(PLACED), before, TZ)["2026-11-22"]).toMatchObject({ shippedWithTracking: 1 });
    const after = must<Order>(report(before));
    expect(after).toMatchObject({ trackingInvalidAt: REPORTED, version: before.version + 1, status: "SHIPPED" });
    expect(Stats.orderDeltas(before, after, TZ)).toEqual({ "2026-11-22": { shippedWithTracking: -1 } });
    // What the deltas add up to is what the orders say now: shipped on time, without valid tracking.
    expect(Stats.recount([after], TZ)["2026-11-22"]).toMatchObject({ shippedOnTime: 1 });
    expect(Stats.recount([after], TZ)["2026-11-22"]?.shippedWithTracking ?? 0).toBe(0);
  });

  it("answers a repeated report with the order unchanged: nothing to write, nothing counted twice", () => {
    const once = must<Order>(report(shipped()));
    const again = must<Order>(report(once, "LP00123456789CN", "2026-11-28T00:00:00.000Z"));
    expect(again).toBe(once);
    expect(Stats.orderDeltas(once, again, TZ)).toEqual({});
  });

  it("takes the number as carriers read it: another case or other dashes name the same number", () => {
    for (const spelling of ["lp00123456789cn", "LP-00123456789-CN", "lp-0012-3456-789-cn"]) {
      const after = must<Order>(report(shipped(), spelling));
      expect(after.trackingInvalidAt, spelling).toBe(REPORTED);
    }
  });

  it("counts a delivered order's report too", () => {
    const delivered = must<Order>(
      Orders.markDelivered({ order: shipped(), input: { orderId: "o1" }, now: "2026-11-26T00:00:00.000Z" }),
    );
    const after = must<Order>(report(delivered));
    expect(Stats.orderDeltas(delivered, after, TZ)).toEqual({ "2026-11-22": { shippedWithTracking: -1 } });
  });

  it("refuses an order with no shipment, and a number the order does not carry", () => {
    const unshipped = report(newOrder(PLACED));
    expect(unshipped).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    const other = report(shipped(), "LP00999999999CN");
    expect(other).toMatchObject({ ok: false, errors: [{ code: "INVALID_INPUT", field: ["input", "trackingNumber"] }] });
    if (!other.ok) {
      expect(other.errors[0]!.message).toBe(
        "The order's tracking number is LP00123456789CN, not LP00999999999CN: report the number it carries.",
      );
    }
  });
});

describe("the valid-tracking rate from the counters", () => {
  // 20 orders shipped on time in the window, all with tracking; then the marketplace reports `invalid` of them.
  function windowAfter(invalid: number) {
    const orders = Array.from({ length: 20 }, (_, i) => ({ ...shipped(), id: `o${i}` }));
    const reported = orders.map((o, i) => (i < invalid ? must<Order>(report(o)) : o));
    const deltas = Stats.merged(
      ...orders.map((o) => Stats.orderDeltas(null, o, TZ)),
      ...orders.map((o, i) => Stats.orderDeltas(o, reported[i]!, TZ)),
    );
    return Stats.sum(Object.values(deltas));
  }
  const assess = (invalid: number) => {
    const w = windowAfter(invalid);
    const input = { window30: w, window60: w, violations: [], now: REPORTED, timeZone: TZ };
    return { health: Risk.sellerHealth(input), risk: Risk.sellerRisk(input) };
  };
  const metric = (invalid: number) => assess(invalid).health.metrics.find((m) => m.name === "VALID_TRACKING_RATE")!;

  it("is 100% and GOOD while no number is reported", () => {
    expect(metric(0)).toMatchObject({ value: 100, numerator: 20, denominator: 20, status: "GOOD" });
  });

  it("drops below the > 95% target with one unknown number in 20, and says why in both languages", () => {
    const m = metric(1);
    expect(m).toMatchObject({ value: 95, numerator: 19, denominator: 20, status: "BAD" });
    expect(I18n.english(m.explanation)).toContain("reported invalid by the marketplace");
    expect(I18n.writer({ language: "zh-CN", timeZone: TZ })(m.explanation)).toContain("未被平台报告为无效");
    const { risk } = assess(1);
    expect(risk.factors.find((f) => f.code === "VALID_TRACKING_RATE")?.contribution).toBeGreaterThan(0);
    expect(risk.recommendedActions.map((a) => a.code)).toContain("SHIP_WITH_VALID_TRACKING");
  });
});

describe("withdrawInvalidTrackingReport", () => {
  const WITHDRAWN = "2026-11-28T03:00:00.000Z";
  const withdraw = (order: Order, expectedVersion?: number) =>
    Orders.withdrawInvalidTrackingReport({
      order,
      input: { orderId: order.id, reason: "A scan turned up.", expectedVersion },
      now: WITHDRAWN,
    });

  it("puts the shipment back on its ship day, and the rebuild's recount agrees; a new report counts once", () => {
    const reported = must<Order>(report(shipped()));
    const withdrawn = must<Order>(withdraw(reported, reported.version));
    expect(withdrawn).toMatchObject({ trackingInvalidAt: null, version: reported.version + 1 });
    expect(Stats.orderDeltas(reported, withdrawn, TZ)).toEqual({ "2026-11-22": { shippedWithTracking: 1 } });
    expect(Stats.recount([withdrawn], TZ)["2026-11-22"]).toMatchObject({ shippedWithTracking: 1 });
    const again = must<Order>(report(withdrawn, "LP00123456789CN", "2026-11-29T00:00:00.000Z"));
    expect(Stats.orderDeltas(withdrawn, again, TZ)).toEqual({ "2026-11-22": { shippedWithTracking: -1 } });
  });

  it("refuses with no report standing, and a stale version", () => {
    const order = shipped();
    const none = withdraw(order);
    expect(none.ok ? [] : none.errors.map((e) => e.code)).toEqual(["TRACKING_NOT_REPORTED_INVALID"]);
    const reported = must<Order>(report(order));
    const stale = withdraw(reported, order.version);
    expect(stale.ok ? [] : stale.errors.map((e) => e.code)).toEqual(["VERSION_CONFLICT"]);
  });
});
