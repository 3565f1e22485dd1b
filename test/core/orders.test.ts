import { describe, expect, it } from "vitest";
import { Errors, Money, Orders, Time } from "@seller-ops/core";

const NOW = "2026-11-26T10:00:00.000Z";
const input = (overrides: Partial<Orders.CreateInput> = {}): Orders.CreateInput => ({
  marketplaceOrderId: "AE-1",
  items: [{ sku: "S", title: "T", quantity: 1, unitPrice: { amountMinor: 1000, currency: "USD" } }],
  buyerTotal: { amountMinor: 1000, currency: "USD" },
  settlementAmount: { amountMinor: 7000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: "2026-11-25T10:00:00.000Z",
  handlingDays: 2,
  shipBy: null,
  ...overrides,
});
const create = (overrides: Partial<Orders.CreateInput> = {}) =>
  Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: input(overrides),
    now: NOW,
  });

function order(overrides: Partial<Orders.CreateInput> = {}) {
  const result = create(overrides);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("an order's ship-by deadline", () => {
  it("is placedAt plus the handling days, or the marketplace's own shipBy — exactly one of them", () => {
    expect(order().shipBy).toBe("2026-11-27T10:00:00.000Z");
    expect(order({ handlingDays: null, shipBy: "2026-11-28T00:00:00.000Z" }).shipBy).toBe("2026-11-28T00:00:00.000Z");
    for (const overrides of [
      { handlingDays: null, shipBy: null },
      { handlingDays: 2, shipBy: "2026-11-28T00:00:00.000Z" },
    ]) {
      const result = create(overrides);
      expect(result.ok).toBe(false);
    }
  });

  it("cannot be before the order was placed, nor absurdly far", () => {
    expect(create({ handlingDays: null, shipBy: "2026-11-25T09:00:00.000Z" })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "shipBy"] }],
    });
    expect(create({ handlingDays: 61 })).toMatchObject({ ok: false, errors: [{ field: ["input", "handlingDays"] }] });
    const shipByAfter = (placedAt: string, shipBy: string) => create({ handlingDays: null, placedAt, shipBy });
    expect(shipByAfter(NOW, "2027-01-25T11:00:00.001Z")).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "shipBy"] }],
    });
    // 60 days on New York's calendar, from daylight time (UTC-4) to standard time (UTC-5): 60 days and an hour.
    expect(shipByAfter("2026-09-15T14:00:00.000Z", "2026-11-14T15:00:00.000Z").ok).toBe(true);
    expect(shipByAfter("2026-09-15T14:00:00.000Z", "2026-11-14T15:00:00.001Z").ok).toBe(false);
    // Antarctica/Troll leaves summer time two hours at once (+02 to +00, 25 Oct 2026): 60 of its days from 1 Sep
    // 10:00 are 60 days and two hours. The deadline `handlingDays: 60` gives is accepted as a `shipBy` too.
    const placedAt = "2026-09-01T08:00:00.000Z";
    const sixtyDays = Orders.deriveShipBy({ placedAt, handlingDays: 60, shipBy: null }, "Antarctica/Troll");
    expect(sixtyDays).toEqual({ ok: true, value: "2026-10-31T10:00:00.000Z" });
    const given = (shipBy: string) => Orders.deriveShipBy({ placedAt, handlingDays: null, shipBy }, "Antarctica/Troll");
    expect(given("2026-10-31T10:00:00.000Z")).toEqual({ ok: true, value: "2026-10-31T10:00:00.000Z" });
    expect(given("2026-10-31T10:00:00.001Z").ok).toBe(false);
  });

  it("makes an unshipped order at risk inside the window and late once passed, never both", () => {
    const o = order(); // shipBy 2026-11-27T10:00Z
    const at = (iso: string) => ({ late: Orders.isLate(o, iso), atRisk: Orders.isAtRisk(o, iso) });
    expect(at("2026-11-26T09:59:59.000Z")).toEqual({ late: false, atRisk: false });
    expect(at("2026-11-26T10:00:00.000Z")).toEqual({ late: false, atRisk: true });
    expect(at("2026-11-27T10:00:00.000Z")).toEqual({ late: false, atRisk: true });
    expect(at("2026-11-27T10:00:00.001Z")).toEqual({ late: true, atRisk: false });
    expect(Orders.timeLeftMs(o, "2026-11-27T11:00:00.000Z")).toBe(-3_600_000);
  });
});

describe("recording an order", () => {
  it("requires the settlement amount in the seller's settlement currency and item prices in the order currency", () => {
    expect(create({ settlementAmount: { amountMinor: 1, currency: "USD" } })).toMatchObject({
      ok: false,
      errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "settlementAmount", "currency"] }],
    });
    expect(
      create({ items: [{ sku: "S", title: "T", quantity: 1, unitPrice: { amountMinor: 1, currency: "EUR" } }] }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "items", "0", "unitPrice", "currency"] }],
    });
  });

  it("refuses a placedAt in the future beyond clock skew", () => {
    expect(create({ placedAt: "2026-11-26T10:04:00.000Z" }).ok).toBe(true);
    expect(create({ placedAt: "2026-11-26T10:06:00.000Z" }).ok).toBe(false);
  });

  it("parses input into userErrors with the field path, money as integers only", () => {
    const parsed = Errors.parseInput(
      Orders.CreateInput,
      { ...input(), buyerTotal: { amountMinor: 1.5, currency: "USD" } },
      { now: NOW },
    );
    expect(parsed).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT", field: ["input", "buyerTotal", "amountMinor"] }],
    });
    const extra = Errors.parseInput(Orders.CreateInput, { ...input(), surprise: true }, { now: NOW });
    expect(extra.ok).toBe(false);
  });
});

describe("the order lifecycle", () => {
  it("ships only from AWAITING_SHIPMENT and names the current status otherwise", () => {
    const shipped = Orders.markShipped({
      order: order(),
      input: { orderId: "o1", carrier: "DHL", trackingNumber: "JD1234" },
      now: NOW,
    });
    expect(shipped).toMatchObject({ ok: true, value: { status: "SHIPPED", version: 2, shippedAt: NOW } });
    if (!shipped.ok) return;
    const again = Orders.markShipped({
      order: shipped.value,
      input: { orderId: "o1", carrier: "DHL", trackingNumber: "JD1234" },
      now: NOW,
    });
    expect(again).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_TRANSITION", message: expect.stringContaining("SHIPPED") }],
    });
  });

  it("refuses a stale expected version", () => {
    expect(
      Orders.markShipped({
        order: order(),
        input: { orderId: "o1", carrier: "DHL", trackingNumber: "JD1234", expectedVersion: 3 },
        now: NOW,
      }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: "VERSION_CONFLICT" }],
    });
  });

  it("knows whether a shipment was late", () => {
    const o = order();
    expect(Orders.shippedLate({ ...o, shippedAt: "2026-11-27T10:00:00.000Z" })).toBe(false);
    expect(Orders.shippedLate({ ...o, shippedAt: "2026-11-27T10:00:01.000Z" })).toBe(true);
  });
});

describe("money", () => {
  it("formats minor units with the currency's own digits", () => {
    expect(Money.format({ amountMinor: 1_000_000, currency: "CNY" })).toBe("CN¥10,000.00");
    expect(Money.format({ amountMinor: 500, currency: "JPY" })).toBe("¥500");
    expect(Money.format({ amountMinor: 1234, currency: "KWD" })).toMatch(/^KWD\s1\.234$/u);
    expect(Money.minorDigits("USD")).toBe(2);
  });
});

describe("handlingDays are calendar days in the seller's time zone", () => {
  const shipBy = (placedAt: string, handlingDays: number, zone: string) => {
    const r = Orders.deriveShipBy({ placedAt, handlingDays, shipBy: null }, zone);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  const local = (instant: string, zone: string) =>
    new Date(instant).toLocaleString("en-GB", { timeZone: zone, hourCycle: "h23" });
  it.each([
    // Berlin leaves summer time on 25 Oct 2026: Sat 10:00 + 3 days is Tue 10:00, 73 hours later.
    [
      "autumn, Berlin",
      "2026-10-24T08:00:00.000Z",
      3,
      "Europe/Berlin",
      "2026-10-27T09:00:00.000Z",
      "27/10/2026, 10:00:00",
    ],
    // Berlin starts summer time on 29 Mar 2026: 71 hours.
    [
      "spring, Berlin",
      "2026-03-28T09:00:00.000Z",
      3,
      "Europe/Berlin",
      "2026-03-31T08:00:00.000Z",
      "31/03/2026, 10:00:00",
    ],
    // Sydney starts summer time on 4 Oct 2026 (southern spring), leaves it on 5 Apr 2026.
    [
      "spring, Sydney",
      "2026-10-02T23:00:00.000Z",
      3,
      "Australia/Sydney",
      "2026-10-05T22:00:00.000Z",
      "06/10/2026, 09:00:00",
    ],
    [
      "autumn, Sydney",
      "2026-04-03T22:00:00.000Z",
      3,
      "Australia/Sydney",
      "2026-04-06T23:00:00.000Z",
      "07/04/2026, 09:00:00",
    ],
    // No DST: exactly 3 × 24 hours.
    [
      "no DST, Shanghai",
      "2026-10-24T02:00:00.000Z",
      3,
      "Asia/Shanghai",
      "2026-10-27T02:00:00.000Z",
      "27/10/2026, 10:00:00",
    ],
  ])("%s", (_name, placedAt, days, zone, expected, wall) => {
    expect(shipBy(placedAt, days, zone)).toBe(expected);
    expect(local(expected, zone)).toBe(wall);
  });

  it("a local time the clock skips reads as the clock shows it after the jump; one it shows twice, the first", () => {
    // 02:30 does not exist in Berlin on 29 Mar 2026: placed 26 Mar 02:30 CET, 3 days later is 03:30 CEST.
    expect(shipBy("2026-03-26T01:30:00.000Z", 3, "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 comes twice in Berlin on 25 Oct 2026: the first, still in summer time.
    expect(shipBy("2026-10-22T00:30:00.000Z", 3, "Europe/Berlin")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("a skipped local time whose hour after the jump is the next day: the asked day's last instant", () => {
    // Nuuk springs forward at 23:00 (-02 → -01) on Saturday 29 Mar 2025: 23:30 that day does not exist. Placed
    // Thursday 27 Mar 23:30 with 2 handling days, the order ships by the end of Saturday, not Sunday 00:30.
    const due = shipBy("2025-03-28T01:30:00.000Z", 2, "America/Nuuk");
    expect(Time.dayOf(due, "America/Nuuk")).toBe("2025-03-29");
    expect(due).toBe("2025-03-30T00:59:59.999Z");
    expect(Time.dayOf(new Date(Date.parse(due) + 1).toISOString(), "America/Nuuk")).toBe("2025-03-30");
  });
});
