import { describe, expect, it } from "vitest";
import { Cases, Compensation, Orders, Returns, Time, type Case, type Order } from "@seller-ops/core";

/**
 * A cancelled order settles nothing on record: the marketplace's cancellation gave the buyer back what it paid. So
 * nothing is left to refund on it (`Order.refundable` reads 0), and the cases still open on it take no refund remedy,
 * no money-back offer nor its acceptance, and no return's refund: each is refused INVALID_TRANSITION saying the
 * cancellation already refunded the buyer, and `availableActions` does not offer it. Goodwill (a coupon for a next
 * purchase, a gift, free shipping) is no money back on the order: it is still offered and accepted, within its bound.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);
const BUYER: Cases.ActorRole[] = ["BUYER", "PLATFORM"];
const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });

function newOrder(): Order {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: usd(4_000),
      settlementAmount: { amountMinor: 28_000, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 3,
      shipBy: null,
    },
    now: START,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.value;
}

function cancelled(order: Order): Order {
  const done = Orders.cancel({ order, input: { orderId: order.id, reason: "OUT_OF_STOCK" }, now: at(2), by: "SELLER" });
  if (!done.ok) throw new Error(JSON.stringify(done.errors));
  return done.value;
}

function dispute(order: Order): Case {
  const opened = Cases.open({
    id: "c1",
    order,
    openCaseOpeners: [],
    openBuyerCases: [],
    input: { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER" },
    roles: BUYER,
    now: START,
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return opened.value.case;
}

function offered(c: Case, order: Order, input: Partial<Cases.MakeCompensationOfferInput>) {
  return Cases.makeOffer({
    case: c,
    order,
    input: { caseId: c.id, kind: "PARTIAL_REFUND", expiresAt: at(72), ...input } as Cases.MakeCompensationOfferInput,
    id: "f1",
    roles: ["SELLER"],
    now: at(3),
  });
}

const refusedAsCancelled = {
  ok: false,
  errors: [{ code: "INVALID_TRANSITION", text: { key: "refusal.compensation.orderCancelled" } }],
};

describe("a cancelled order", () => {
  it("has nothing left to refund, whatever was refunded before", () => {
    const order = cancelled(newOrder());
    expect(Compensation.refundableMinor(order)).toBe(0);
    expect(Compensation.refundableMinor({ ...order, refundedMinor: 1_000 })).toBe(0);
    // The cancellation is none of the order's refunds: goodwill (an apology for it) is left as it was...
    expect(Compensation.goodwillLeftMinor(order)).toBe(4_000);
    // ...but the refunds recorded before it take their share: refunds plus goodwill never pass what was paid.
    expect(Compensation.goodwillLeftMinor({ ...order, refundedMinor: 1_000 })).toBe(3_000);
    expect(Compensation.goodwillLeftMinor({ ...order, refundedMinor: 4_000 })).toBe(0);
  });

  it("takes no refund remedy on a case still open on it; remedies that move no money still are", () => {
    const order = cancelled(newOrder());
    const c = dispute(newOrder());
    const remedy = (input: Partial<Cases.RecordRemedyInput>) =>
      Cases.recordRemedy({
        case: c,
        order,
        input: { caseId: c.id, ...input } as Cases.RecordRemedyInput,
        id: "r1",
        roles: ["SELLER"],
        now: at(3),
      });
    expect(remedy({ kind: "FULL_REFUND" })).toMatchObject(refusedAsCancelled);
    expect(remedy({ kind: "FULL_REFUND", amount: usd(4_000) })).toMatchObject(refusedAsCancelled);
    expect(remedy({ kind: "PARTIAL_REFUND", amount: usd(1_000) })).toMatchObject(refusedAsCancelled);
    expect(remedy({ kind: "RETURN_AND_REFUND" })).toMatchObject(refusedAsCancelled);
    expect(remedy({ kind: "APOLOGY" }).ok).toBe(true);
  });

  it("takes no money-back offer; goodwill is still offered and accepted", () => {
    const order = cancelled(newOrder());
    const c = dispute(newOrder());
    expect(offered(c, order, { kind: "PARTIAL_REFUND", amount: usd(1_000) })).toMatchObject(refusedAsCancelled);
    expect(offered(c, order, { kind: "DISCOUNT", percentOff: 10 })).toMatchObject(refusedAsCancelled);
    // The seller is still offered MAKE_OFFER: a goodwill gesture is one it may make.
    expect(Cases.actionsFor({ case: c, roles: ["SELLER"], order, now: at(3) })).toContain("MAKE_OFFER");
    const coupon = offered(c, order, { kind: "COUPON", amount: usd(500) });
    expect(coupon.ok, JSON.stringify(coupon)).toBe(true);
    if (!coupon.ok) return;
    const pending = coupon.value.case;
    expect(Cases.actionsFor({ case: pending, roles: BUYER, order, now: at(4) })).toContain("ACCEPT_OFFER");
    const accepted = Cases.respondToOffer({
      case: pending,
      order,
      input: { caseId: c.id, offerId: "f1", accept: true },
      roles: BUYER,
      now: at(4),
    });
    expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
    if (accepted.ok) expect(accepted.value.order).toMatchObject({ compensatedMinor: 500, refundedMinor: 0 });
  });

  it("refunded in full before it was cancelled, takes no goodwill either, and offers none", () => {
    const order = { ...cancelled(newOrder()), refundedMinor: 4_000 };
    const c = dispute(newOrder());
    expect(offered(c, order, { kind: "COUPON", amount: usd(1) })).toMatchObject({
      ok: false,
      errors: [{ code: "AMOUNT_ABOVE_POLICY", text: { key: "refusal.compensation.goodwillAbovePaid" } }],
    });
    expect(Cases.actionsFor({ case: c, roles: ["SELLER"], order, now: at(3) })).not.toContain("MAKE_OFFER");
    // Refunded in part, the rest of the price is what goodwill can still fill.
    const partly = { ...order, refundedMinor: 3_500 };
    expect(offered(c, partly, { kind: "COUPON", amount: usd(500) }).ok).toBe(true);
    expect(offered(c, partly, { kind: "COUPON", amount: usd(501) }).ok).toBe(false);
  });

  it("refuses the acceptance of a money-back offer made before it was cancelled, and does not offer it", () => {
    for (const input of [
      { kind: "PARTIAL_REFUND" as const, amount: usd(1_000) },
      { kind: "DISCOUNT" as const, percentOff: 10 },
    ]) {
      const before = newOrder();
      const made = offered(dispute(before), before, input);
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      const order = cancelled(before);
      const c = made.value.case;
      const respond = (accept: boolean) =>
        Cases.respondToOffer({
          case: c,
          order,
          input: { caseId: c.id, offerId: "f1", accept },
          roles: BUYER,
          now: at(4),
        });
      expect(respond(true), input.kind).toMatchObject(refusedAsCancelled);
      const listed = Cases.actionsFor({ case: c, roles: BUYER, order, now: at(4) });
      expect(listed, input.kind).not.toContain("ACCEPT_OFFER");
      // The buyer may still decline it, and the seller withdraw it.
      expect(listed, input.kind).toContain("DECLINE_OFFER");
      expect(respond(false).ok, input.kind).toBe(true);
    }
  });
});

describe("a return on a cancelled order", () => {
  // Unreachable through the verbs (only an unshipped order is cancelled, and a return needs goods that shipped), but
  // an order read as CANCELLED beside a return must still never refund twice.
  function received(): { c: Case; order: Order } {
    const created = newOrder();
    const shipped = Orders.markShipped({
      order: created,
      input: { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0001" },
      now: at(1),
    });
    if (!shipped.ok) throw new Error(JSON.stringify(shipped.errors));
    const order = shipped.value;
    const opened = Cases.open({
      id: "c1",
      order,
      openCaseOpeners: [],
      openBuyerCases: [],
      input: { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
      roles: BUYER,
      now: at(1),
    });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    const made = offered(opened.value.case, order, { kind: "REFUND_WITH_RETURN", amount: usd(4_000) });
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const ids = { caseId: "c1", offerId: "f1" };
    const accepted = Cases.respondToOffer({
      case: made.value.case,
      order,
      input: { ...ids, accept: true },
      roles: BUYER,
      now: at(4),
    });
    if (!accepted.ok) throw new Error(JSON.stringify(accepted.errors));
    const returnId = accepted.value.case.returns[0]!.id;
    const parcel = { carrier: "YunExpress", trackingNumber: "YT0001" };
    const back = Returns.shipReturn({
      case: accepted.value.case,
      input: { caseId: "c1", returnId, ...parcel },
      roles: BUYER,
      now: at(5),
    });
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const got = Returns.confirmReturnReceived({
      case: back.value.case,
      input: { caseId: "c1", returnId },
      roles: ["SELLER"],
      now: at(6),
    });
    if (!got.ok) throw new Error(JSON.stringify(got.errors));
    return { c: got.value.case, order: { ...order, status: "CANCELLED" } };
  }

  it("offered before, is not accepted: the buyer has its money back already", () => {
    const order = { ...newOrder(), status: "SHIPPED" as const, shippedAt: at(1) };
    const opened = Cases.open({
      id: "c1",
      order,
      openCaseOpeners: [],
      openBuyerCases: [],
      input: { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
      roles: BUYER,
      now: at(1),
    });
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    for (const input of [
      { kind: "REFUND_WITH_RETURN" as const, amount: usd(4_000) },
      { kind: "REPLACEMENT_WITH_RETURN" as const },
    ]) {
      const made = offered(opened.value.case, order, input);
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      const gone = { ...order, status: "CANCELLED" as const };
      const c = made.value.case;
      const accepted = Cases.respondToOffer({
        case: c,
        order: gone,
        input: { caseId: c.id, offerId: "f1", accept: true },
        roles: BUYER,
        now: at(4),
      });
      expect(accepted, input.kind).toMatchObject(refusedAsCancelled);
      const listed = Cases.actionsFor({ case: c, roles: BUYER, order: gone, now: at(4) });
      expect(listed, input.kind).not.toContain("ACCEPT_RETURN_OFFER");
      expect(listed, input.kind).toContain("DECLINE_OFFER");
    }
  });

  it("is not refunded, and REFUND is not among its actions", () => {
    const { c, order } = received();
    const r = c.returns[0]!;
    const refund = Returns.refundReturn({
      case: c,
      order,
      input: { caseId: c.id, returnId: r.id },
      roles: ["SELLER"],
      now: at(7),
    });
    expect(refund).toMatchObject(refusedAsCancelled);
    expect(
      Returns.returnActionsFor({ return: r, caseStatus: c.status, roles: ["SELLER"], order, now: at(7) }),
    ).not.toContain("REFUND");
    // The same return on the order as it was (shipped) is refunded: only the cancellation stops it.
    const shipped = { ...order, status: "SHIPPED" as const };
    expect(
      Returns.returnActionsFor({ return: r, caseStatus: c.status, roles: ["SELLER"], order: shipped, now: at(7) }),
    ).toContain("REFUND");
  });
});
