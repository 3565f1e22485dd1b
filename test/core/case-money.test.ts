import { describe, expect, it } from "vitest";
import { Cases, Compensation, I18n, Orders, Time, type Case, type Order } from "@seller-ops/core";

/**
 * The money a case moves, at the edges a real order reaches: a discount asked at exactly the
 * policy's cap on totals that do not halve evenly, and a "full" refund given an amount.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);

function shippedOrder(amountMinor: number, start: string = START): Order {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor, currency: "USD" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "US",
      placedAt: start,
      handlingDays: 3,
      shipBy: null,
    },
    now: start,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const input = { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0001" };
  const shipped = Orders.markShipped({ order: created.value, input, now: start });
  if (!shipped.ok) throw new Error(JSON.stringify(shipped.errors));
  return shipped.value;
}

function dispute(order: Order, start: string = START): Case {
  const input = { orderId: order.id, reason: "DAMAGED" as const, source: "BUYER" as const };
  const opened = Cases.open({
    id: "c1",
    order,
    openCaseOpeners: [],
    openBuyerCases: [],
    input,
    roles: ["BUYER", "PLATFORM"],
    now: start,
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return opened.value.case;
}

describe("a discount at the policy's cap", () => {
  it.each([3, 99, 3_999, 10_001, 123_457])("is offered on a total of %i minor units", (total) => {
    const order = shippedOrder(total);
    const input = { caseId: "c1", kind: "DISCOUNT" as const, percentOff: 50, expiresAt: at(48) };
    const offered = Cases.makeOffer({ case: dispute(order), order, input, id: "d1", roles: ["SELLER"], now: at(1) });
    expect(offered.ok, JSON.stringify(offered)).toBe(true);
    if (!offered.ok) return;
    // Never more than the percent asked: 50 % of 39.99 is 19.99, not 20.00.
    expect(offered.value.case.offers.at(-1)!.amount.amountMinor).toBe(Math.floor(total / 2));
  });

  it("is refused a point above it", () => {
    const order = shippedOrder(3_999);
    const input = { caseId: "c1", kind: "DISCOUNT" as const, percentOff: 51, expiresAt: at(48) };
    const offered = Cases.makeOffer({ case: dispute(order), order, input, id: "d1", roles: ["SELLER"], now: at(1) });
    expect(offered).toMatchObject({ ok: false, errors: [{ code: "AMOUNT_ABOVE_POLICY" }] });
  });
});

describe("a full refund", () => {
  const refund = (order: Order, amount?: number) =>
    Cases.recordRemedy({
      case: dispute(order),
      order,
      input: {
        caseId: "c1",
        kind: "FULL_REFUND",
        ...(amount === undefined ? {} : { amount: { amountMinor: amount, currency: "USD" } }),
      },
      id: "r1",
      roles: ["SELLER"],
      now: at(1),
    });

  it("refunds all that is left of the order", () => {
    const order = { ...shippedOrder(4_000), refundedMinor: 1_000 };
    const done = refund(order);
    expect(done.ok).toBe(true);
    if (done.ok) expect(done.value.order!.refundedMinor).toBe(4_000);
  });

  it("takes an amount only when it is what is left", () => {
    const order = { ...shippedOrder(4_000), refundedMinor: 1_000 };
    expect(refund(order, 3_000).ok).toBe(true);
    const short = refund(order, 1);
    expect(short).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT", field: ["input", "amount"], text: { key: "refusal.remedy.fullRefundAmount" } }],
    });
  });

  it("is refused an amount of 0 as bad input, not as nothing left, as a partial refund is", () => {
    const order = shippedOrder(4_000);
    const zero = { ok: false, errors: [{ code: "INVALID_INPUT", field: ["input", "amount"] }] };
    expect(refund(order, 0)).toMatchObject(zero);
    const partial = Cases.recordRemedy({
      case: dispute(order),
      order,
      input: { caseId: "c1", kind: "PARTIAL_REFUND", amount: { amountMinor: 0, currency: "USD" } },
      id: "r1",
      roles: ["SELLER"],
      now: at(1),
    });
    expect(partial).toMatchObject(zero);
    if (partial.ok) return;
    for (const language of I18n.LANGUAGES) {
      const write = I18n.writer({ language, timeZone: "UTC" });
      expect(write(partial.errors[0]!.text!), language).toMatch(/more than zero|大于零/);
    }
  });

  it("says first what the caller must fix first: the currency, then that nothing is left", () => {
    const order = { ...shippedOrder(4_000), refundedMinor: 4_000 };
    expect(refund(order, 1)).toMatchObject({ ok: false, errors: [{ text: { key: "refusal.remedy.nothingLeft" } }] });
    const done = Cases.recordRemedy({
      case: dispute(order),
      order: shippedOrder(4_000),
      input: { caseId: "c1", kind: "FULL_REFUND", amount: { amountMinor: 1, currency: "EUR" } },
      id: "r1",
      roles: ["SELLER"],
      now: at(1),
    });
    expect(done).toMatchObject({ ok: false, errors: [{ code: "CURRENCY_MISMATCH" }] });
  });
});

describe("refunds and goodwill on one order", () => {
  // $40 paid; the buyer accepted a $2 coupon for the delay on the order's late-shipment case.
  const couponed = (): Order => ({ ...shippedOrder(4_000), compensatedMinor: 200 });
  const remedy = (order: Order, kind: "FULL_REFUND" | "PARTIAL_REFUND", amountMinor?: number) =>
    Cases.recordRemedy({
      case: dispute(order),
      order,
      input: { caseId: "c1", kind, ...(amountMinor ? { amount: { amountMinor, currency: "USD" } } : {}) },
      id: "r1",
      roles: ["SELLER"],
      now: at(1),
    });
  const offer = (order: Order, kind: Compensation.OfferKind, amountMinor: number) =>
    Cases.makeOffer({
      case: dispute(order),
      order,
      input: { caseId: "c1", kind, amount: { amountMinor, currency: "USD" }, expiresAt: at(48) },
      id: "f1",
      roles: ["SELLER"],
      now: at(1),
    });

  it("leaves the whole price refundable after an accepted coupon", () => {
    const order = couponed();
    expect(Compensation.refundableMinor(order)).toBe(4_000);
    const partial = remedy(order, "PARTIAL_REFUND", 4_000);
    expect(partial.ok, JSON.stringify(partial)).toBe(true);
    const full = remedy(order, "FULL_REFUND");
    expect(full.ok && full.value.order?.refundedMinor).toBe(4_000);
    if (!full.ok) return;
    // The refund covers the buyer's $40 claim: the seller may call the dispute refunded.
    const claimed = { ...full.value.case, claimAmount: { amountMinor: 4_000, currency: "USD" } };
    expect(Cases.actionsFor({ case: claimed, roles: ["SELLER"], order: full.value.order })).toContain(
      "RESOLVE_BY_SELLER",
    );
    // A return for the whole price fits as well, offered and accepted.
    const made = offer(order, "REFUND_WITH_RETURN", 4_000);
    expect(made.ok, JSON.stringify(made)).toBe(true);
    if (!made.ok) return;
    const pending = made.value.case.offers.at(-1)!;
    const accepted = Cases.respondToOffer({
      case: made.value.case,
      order: { ...order, compensatedMinor: 1_400 },
      input: { caseId: "c1", offerId: pending.id, accept: true },
      roles: ["BUYER"],
      now: at(2),
    });
    expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
  });

  it("bounds goodwill by what the buyer has not got back, money back by what is left to refund, in their words", () => {
    const refunded = { ...couponed(), refundedMinor: 4_000 };
    // Refunded in full: no more money back, and no goodwill on top (refunds plus compensation never pass the price).
    expect(offer(refunded, "COUPON", 1)).toMatchObject({
      ok: false,
      errors: [{ code: "AMOUNT_ABOVE_POLICY", text: { key: "refusal.compensation.goodwillAbovePaid" } }],
    });
    expect(offer(refunded, "PARTIAL_REFUND", 1)).toMatchObject({
      ok: false,
      errors: [{ code: "AMOUNT_ABOVE_POLICY", text: { key: "refusal.compensation.abovePaid" } }],
    });
    // 35.00 of 40.00 refunded, goodwill fills at most the rest: 5.00 less the 2.00 of coupons accepted.
    const mostlyRefunded = { ...couponed(), refundedMinor: 3_500 };
    expect(offer(mostlyRefunded, "COUPON", 300).ok).toBe(true);
    expect(offer(mostlyRefunded, "COUPON", 301)).toMatchObject({
      ok: false,
      errors: [{ text: { key: "refusal.compensation.goodwillAbovePaid", params: { left: { amountMinor: 300 } } } }],
    });
    const generous = { ...shippedOrder(4_000), compensatedMinor: 3_900 };
    expect(offer(generous, "PARTIAL_REFUND", 4_000).ok).toBe(true);
    expect(offer(generous, "GIFT", 101)).toMatchObject({
      ok: false,
      errors: [
        {
          code: "AMOUNT_ABOVE_POLICY",
          field: ["input", "amount"],
          text: { key: "refusal.compensation.goodwillAbovePaid", params: { left: { amountMinor: 100 } } },
        },
      ],
    });
    // Goodwill given first never reduces the money back the buyer may be owed: 39.00 of coupons, then all 40.00.
    const spent = { ...generous, refundedMinor: 4_000 };
    expect(Cases.actionsFor({ case: dispute(spent), roles: ["SELLER"], order: spent })).not.toContain("MAKE_OFFER");
    expect(Cases.actionsFor({ case: dispute(refunded), roles: ["SELLER"], order: refunded })).not.toContain(
      "MAKE_OFFER",
    );
    expect(Cases.actionsFor({ case: dispute(mostlyRefunded), roles: ["SELLER"], order: mostlyRefunded })).toContain(
      "MAKE_OFFER",
    );
  });

  it("counts a discount on this order as money back: bounded by what is left to refund, refunded once accepted", () => {
    const discount = (order: Order) =>
      Cases.makeOffer({
        case: dispute(order),
        order,
        input: { caseId: "c1", kind: "DISCOUNT", percentOff: 50, expiresAt: at(48) },
        id: "d1",
        roles: ["SELLER"],
        now: at(1),
      });
    // Refunded in full, nothing of the price is left to take off: as goodwill it would have been 150 % back.
    const refunded = { ...shippedOrder(4_000), refundedMinor: 4_000 };
    expect(discount(refunded)).toMatchObject({
      ok: false,
      errors: [{ code: "AMOUNT_ABOVE_POLICY", text: { key: "refusal.compensation.abovePaid" } }],
    });
    const order = shippedOrder(4_000);
    const made = discount(order);
    expect(made.ok, JSON.stringify(made)).toBe(true);
    if (!made.ok) return;
    const accepted = Cases.respondToOffer({
      case: made.value.case,
      order,
      input: { caseId: "c1", offerId: made.value.case.offers.at(-1)!.id, accept: true },
      roles: ["BUYER"],
      now: at(2),
    });
    expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.value.order).toMatchObject({ refundedMinor: 2_000, compensatedMinor: 0 });
    expect(Compensation.refundableMinor(accepted.value.order!)).toBe(2_000);
  });
});

describe("an offer's validity", () => {
  const offer = (hours: number) =>
    Cases.makeOffer({
      case: dispute(shippedOrder(4_000)),
      order: shippedOrder(4_000),
      input: {
        caseId: "c1",
        kind: "COUPON" as const,
        amount: { amountMinor: 300, currency: "USD" },
        expiresAt: at(hours),
      },
      id: "o-1",
      roles: ["SELLER"],
      now: at(1),
    });

  it("gives the buyer 24 hours at least and 14 calendar days at most", () => {
    // An offer counts as the seller's answer and its expiry starts a new respondBy: one that expired at once
    // would stall the case without giving the buyer anything to answer.
    for (const [hours, ok] of [
      [1 + 1 / 3600, false],
      [24, false],
      [25, true],
      [1 + 14 * 24, true],
      // 14 days ahead on a clock that leaves daylight time in between: an hour more on the stopwatch.
      [2 + 14 * 24, true],
      [2 + 14 * 24 + 1 / 3600, false],
    ] as const) {
      const made = offer(hours);
      expect(made.ok, `${hours - 1} h`).toBe(ok);
      if (!made.ok) expect(made.errors[0]).toMatchObject({ code: "INVALID_INPUT", field: ["input", "expiresAt"] });
    }
  });
});

describe("an offer valid 14 days on the seller's clock", () => {
  it("is taken across the autumn clock change (Berlin: 10:00 summer time to 10:00 winter time)", () => {
    const opened = "2026-10-19T08:00:00.000Z";
    const order = shippedOrder(4_000, opened);
    const made = Cases.makeOffer({
      case: dispute(order, opened),
      order,
      input: {
        caseId: "c1",
        kind: "COUPON" as const,
        amount: { amountMinor: 300, currency: "USD" },
        // Tuesday 20 October 2026, 10:00 in Berlin (UTC+2), and the same time two weeks later (UTC+1).
        expiresAt: Time.addLocalDays("2026-10-20T08:00:00.000Z", 14, "Europe/Berlin"),
      },
      id: "o-1",
      roles: ["SELLER"],
      now: "2026-10-20T08:00:00.000Z",
    });
    expect(made.ok, JSON.stringify(made)).toBe(true);
  });
});
