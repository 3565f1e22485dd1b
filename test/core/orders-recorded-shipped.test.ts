import { describe, expect, it } from "vitest";
import { Errors, Orders, Stats } from "@seller-ops/core";

/** An order a partner's sync records after the seller already shipped it. */

const NOW = "2026-11-30T10:00:00.000Z";
const PLACED = "2026-11-25T10:00:00.000Z";
/** placedAt + 2 handling days (UTC). */
const SHIP_BY = "2026-11-27T10:00:00.000Z";
const shipment = (shippedAt: string) => ({ carrier: "Cainiao", trackingNumber: "LP00123456789CN", shippedAt });
const input = (overrides: Partial<Orders.CreateInput> = {}): Orders.CreateInput => ({
  marketplaceOrderId: "AE-1",
  items: [{ sku: "S", title: "T", quantity: 1, unitPrice: { amountMinor: 1000, currency: "USD" } }],
  buyerTotal: { amountMinor: 1000, currency: "USD" },
  settlementAmount: { amountMinor: 7000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: PLACED,
  handlingDays: 2,
  shipBy: null,
  ...overrides,
});
const steps = (overrides: Partial<Orders.CreateInput> = {}, now = NOW) =>
  Orders.createSteps({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: input(overrides),
    now,
  });

function recorded(overrides: Partial<Orders.CreateInput> = {}) {
  const result = steps(overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("an order recorded after it shipped", () => {
  it("is stored shipped on time by its real shippedAt, out of the late-order job's sight, counted on time", () => {
    const { created, shipped } = recorded({ shipment: shipment("2026-11-26T08:00:00.000Z") });
    // The two versions its events record: as it came in, then shipped.
    expect(created).toMatchObject({ status: "AWAITING_SHIPMENT", version: 1, shippedAt: null });
    expect(shipped).toMatchObject({
      status: "SHIPPED",
      version: 2,
      shipBy: SHIP_BY,
      shippedAt: "2026-11-26T08:00:00.000Z",
      shipmentDeclaredAt: "2026-11-26T08:00:00.000Z",
      carrier: "Cainiao",
      trackingNumber: "LP00123456789CN",
      nextCheckAt: null,
      lateFlaggedAt: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(Orders.shippedLate(shipped!)).toBe(false);
    expect(Orders.isLate(shipped!, NOW)).toBe(false);
    expect(Orders.checkDeadline({ order: shipped!, now: NOW })).toEqual({ kind: "nothing" });
    // The counters of the new order: placed, and shipped on time on the day it shipped, as markShipped at shippedAt.
    expect(Stats.orderDeltas(null, shipped!, "UTC")).toEqual({
      "2026-11-25": { ordersPlaced: 1, settledSalesMinor: 7000, ordersSettled: 1 },
      "2026-11-26": { shippedOnTime: 1, shippedWithTracking: 1 },
    });
    // `create` answers the order to store.
    expect(
      Orders.create({
        id: "o1",
        sellerId: "s1",
        settlementCurrency: "CNY",
        timeZone: "UTC",
        input: input({ shipment: shipment("2026-11-26T08:00:00.000Z") }),
        now: NOW,
      }),
    ).toEqual({ ok: true, value: shipped });
  });

  it("counts a shipment made after shipBy as late, on the day it shipped", () => {
    const { shipped } = recorded({ shipment: shipment("2026-11-28T09:00:00.000Z") });
    expect(Orders.shippedLate(shipped!)).toBe(true);
    expect(Orders.countedShippedAt(shipped!)).toBe("2026-11-28T09:00:00.000Z");
    expect(Stats.orderDeltas(null, shipped!, "UTC")["2026-11-28"]).toEqual({ shippedLate: 1, shippedWithTracking: 1 });
  });

  it("counts a shippedAt ahead of our clock (within the skew) from now, as markShipped does", () => {
    const ahead = "2026-11-30T10:02:00.000Z";
    const { shipped } = recorded({ shipment: shipment(ahead) });
    expect(shipped).toMatchObject({ shippedAt: ahead, shipmentDeclaredAt: NOW });
    expect(Orders.countedShippedAt(shipped!)).toBe(NOW);
  });

  it("is refused when it shipped in the future or before it was placed, naming input.shipment.shippedAt", () => {
    const future = steps({ shipment: shipment("2026-11-30T10:06:00.000Z") });
    expect(future).toMatchObject({
      ok: false,
      errors: [
        {
          code: "INVALID_INPUT",
          field: ["input", "shipment", "shippedAt"],
          message: "shippedAt cannot be in the future.",
        },
      ],
    });
    const early = steps({ shipment: shipment("2026-11-25T09:59:59.999Z") });
    expect(early).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT", field: ["input", "shipment", "shippedAt"] }],
    });
    // The refusal reads in the seller's language like markOrderShipped's.
    expect(early.ok ? null : early.errors[0]!.text).toEqual({ key: "refusal.order.shippedBeforePlaced", params: {} });
  });

  it("validates carrier and tracking number as markOrderShipped does", () => {
    const parsed = (s: Record<string, unknown>) =>
      Errors.parseInput(Orders.CreateInput, { ...input(), shipment: s }, { now: NOW });
    expect(parsed(shipment("2026-11-26T08:00:00.000Z")).ok).toBe(true);
    expect(parsed({ ...shipment("2026-11-26T08:00:00.000Z"), trackingNumber: "LP 1" })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "shipment", "trackingNumber"] }],
    });
    expect(parsed({ ...shipment("2026-11-26T08:00:00.000Z"), carrier: "" })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "shipment", "carrier"] }],
    });
    // The real shippedAt is the point of it: required.
    expect(parsed({ carrier: "Cainiao", trackingNumber: "LP00123456789CN" })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "shipment", "shippedAt"] }],
    });
  });

  it("without a shipment, is created awaiting shipment as before", () => {
    expect(recorded()).toMatchObject({ created: { status: "AWAITING_SHIPMENT", version: 1 }, shipped: null });
  });
});

describe("a placedAt a little ahead of our clock (a partner's clock running fast, within the skew)", () => {
  it("does not refuse a shipment and a delivery recorded at once without their times", () => {
    const ahead = "2026-11-30T10:03:00.000Z"; // 3 minutes ahead of NOW: accepted (clockSkewMs is 5 minutes)
    const created = Orders.create({
      id: "o1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      input: input({ placedAt: ahead }),
      now: NOW,
      timeZone: "UTC",
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const shipped = Orders.markShipped({
      order: created.value,
      input: { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP00123456789CN" },
      now: NOW,
    });
    // The shipment is dated no earlier than the order, not refused as shipped before it was placed.
    expect(shipped).toMatchObject({
      ok: true,
      value: { status: "SHIPPED", shippedAt: ahead, shipmentDeclaredAt: NOW },
    });
    if (!shipped.ok) return;
    const delivered = Orders.markDelivered({ order: shipped.value, input: { orderId: "o1" }, now: NOW });
    expect(delivered).toMatchObject({ ok: true, value: { status: "DELIVERED", deliveredAt: ahead } });
  });
});
