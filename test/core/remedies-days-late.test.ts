import { describe, expect, it } from "vitest";
import { Orders, Remedies, type Order } from "@seller-ops/core";

/**
 * `daysLate` counts the seller's calendar days: from the local date of `shipBy` to the local date the delay ended
 * (the counted shipment, or now while unshipped), in the seller's time zone. Not 24-hour blocks, which put a shipment
 * a few hours late across midnight at 0 days and let a DST day of 23 or 25 hours move the compensation tier.
 */
const order = (shipBy: string, overrides: Partial<Order> = {}): Order => {
  const placedAt = new Date(Date.parse(shipBy) - 3 * 86_400_000).toISOString();
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-78",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "EUR" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "DE",
      placedAt,
      handlingDays: null,
      shipBy,
    },
    now: placedAt,
  });
  if (!created.ok) throw new Error("fixture");
  return { ...created.value, ...overrides };
};

const plan = (shipBy: string, now: string, timeZone: string) => Remedies.remedyPlan(order(shipBy), now, timeZone)!;
const daysLate = (shipBy: string, now: string, timeZone: string) => plan(shipBy, now, timeZone).daysLate;
const offered = (shipBy: string, now: string, timeZone: string) =>
  plan(shipBy, now, timeZone).steps.find((s) => s.code === "OFFER_COMPENSATION")!.suggestedCompensation!.kind;

describe("days late, in the seller's calendar days", () => {
  it("counts a shipment a few hours late across the seller's midnight as 1 day, the same day as 0", () => {
    // Due 20:00, unshipped at 19:00 the next day: 23 hours late, but on the next calendar day.
    expect(daysLate("2026-11-23T20:00:00.000Z", "2026-11-24T19:00:00.000Z", "UTC")).toBe(1);
    expect(daysLate("2026-11-23T20:00:00.000Z", "2026-11-24T00:30:00.000Z", "UTC")).toBe(1);
    expect(daysLate("2026-11-23T20:00:00.000Z", "2026-11-23T23:59:59.999Z", "UTC")).toBe(0);
    expect(daysLate("2026-11-23T20:00:00.000Z", "2026-11-26T00:00:00.000Z", "UTC")).toBe(3);
    // Shipped: counted to the shipment, not to now.
    const shipped = order("2026-11-23T20:00:00.000Z", {
      status: "SHIPPED",
      shippedAt: "2026-11-24T01:00:00.000Z",
      carrier: "DHL",
      trackingNumber: "JD1",
    });
    expect(Remedies.remedyPlan(shipped, "2026-12-30T00:00:00.000Z", "UTC")!.daysLate).toBe(1);
  });

  it("counts a 25-hour day as one day when Europe/Berlin falls back (last Sunday of October)", () => {
    // 2026-10-25: 03:00 CEST becomes 02:00 CET. Due at 00:30 CEST on the 25th (22:30Z on the 24th).
    const shipBy = "2026-10-24T22:30:00.000Z";
    // 23:45 CET the same day: 24 h 15 min later, still the 25th on the seller's calendar.
    expect(daysLate(shipBy, "2026-10-25T22:45:00.000Z", "Europe/Berlin")).toBe(0);
    // 23:45 CET on the 28th: 4 days and 15 minutes of elapsed time, 3 calendar days, so still a coupon.
    expect(daysLate(shipBy, "2026-10-28T22:45:00.000Z", "Europe/Berlin")).toBe(3);
    expect(offered(shipBy, "2026-10-28T22:45:00.000Z", "Europe/Berlin")).toBe("COUPON");
    expect(daysLate(shipBy, "2026-10-28T23:00:00.000Z", "Europe/Berlin")).toBe(4);
    expect(offered(shipBy, "2026-10-28T23:00:00.000Z", "Europe/Berlin")).toBe("DISCOUNT");
  });

  it("counts a 23-hour day as one day when America/New_York springs forward (second Sunday of March)", () => {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT. Due at 12:00 EST on the 7th (17:00Z).
    const shipBy = "2026-03-07T17:00:00.000Z";
    // 12:30 EDT on the 11th: the clock reads 4 days and 30 minutes later, 23 h 30 min short of 4 × 24 h elapsed.
    expect(daysLate(shipBy, "2026-03-11T16:30:00.000Z", "America/New_York")).toBe(4);
    expect(offered(shipBy, "2026-03-11T16:30:00.000Z", "America/New_York")).toBe("DISCOUNT");
    // 23:30 EDT on the 8th: the next calendar day, though only 10 h 30 min later.
    expect(daysLate(shipBy, "2026-03-09T03:30:00.000Z", "America/New_York")).toBe(1);
    expect(daysLate(shipBy, "2026-03-08T04:59:59.999Z", "America/New_York")).toBe(0);
  });

  it("counts in a seller's far time zone, not in UTC: Asia/Shanghai", () => {
    // Due 23:00 on the 23rd in Shanghai (15:00Z); 01:00 on the 24th there (17:00Z) is 1 day late, though UTC
    // still reads the 23rd.
    expect(daysLate("2026-11-23T15:00:00.000Z", "2026-11-23T17:00:00.000Z", "Asia/Shanghai")).toBe(1);
    // Due 01:00 on the 24th (17:00Z on the 23rd); 23:00 on the 24th (15:00Z) is the same local day, though UTC
    // has moved on a day.
    expect(daysLate("2026-11-23T17:00:00.000Z", "2026-11-24T15:00:00.000Z", "Asia/Shanghai")).toBe(0);
    expect(daysLate("2026-11-23T17:00:00.000Z", "2026-11-24T16:00:00.000Z", "Asia/Shanghai")).toBe(1);
  });

  it("counts in a seller's far time zone, not in UTC: Pacific/Auckland", () => {
    // NZDT, UTC+13 in November. Due 23:00 on the 23rd there (10:00Z); 01:00 on the 24th (12:00Z) is 1 day late.
    expect(daysLate("2026-11-23T10:00:00.000Z", "2026-11-23T12:00:00.000Z", "Pacific/Auckland")).toBe(1);
    // Due 00:30 on the 24th there (11:30Z on the 23rd); 23:30 the same day (10:30Z on the 24th) is 0.
    expect(daysLate("2026-11-23T11:30:00.000Z", "2026-11-24T10:30:00.000Z", "Pacific/Auckland")).toBe(0);
    // Shipped at 23:30 on the 27th there: 3 days late on the seller's calendar (a coupon), where the UTC dates of the
    // same two instants (the 23rd and the 27th) are 4 apart.
    const shipped = order("2026-11-23T11:30:00.000Z", {
      status: "SHIPPED",
      shippedAt: "2026-11-27T10:30:00.000Z",
      carrier: "DHL",
      trackingNumber: "JD1",
    });
    const read = Remedies.remedyPlan(shipped, "2026-11-30T00:00:00.000Z", "Pacific/Auckland")!;
    expect(read.daysLate).toBe(3);
    expect(read.steps.find((s) => s.code === "OFFER_COMPENSATION")!.suggestedCompensation!.kind).toBe("COUPON");
    expect(Remedies.remedyPlan(shipped, "2026-11-30T00:00:00.000Z", "UTC")!.daysLate).toBe(4);
  });
});
