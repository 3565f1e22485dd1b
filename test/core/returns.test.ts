import { describe, expect, it } from "vitest";
import { Cases, Orders, Returns, Risk, Time, type Case, type Order } from "@seller-ops/core";

/**
 * Returns in core: the cap on a case's returns, the return offer's money rules, and case risk
 * while a return is under way (nothing owed by the seller while the buyer ships; the seller's
 * deadline, then overdue, once the goods are back).
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);

function shippedOrder(): Order {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "USD" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 3,
      shipBy: null,
    },
    now: START,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const input = { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0001" };
  const shipped = Orders.markShipped({ order: created.value, input, now: START });
  if (!shipped.ok) throw new Error(JSON.stringify(shipped.errors));
  return shipped.value;
}

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const BUYER: Cases.ActorRole[] = ["BUYER", "PLATFORM"];
const SELLER: Cases.ActorRole[] = ["SELLER"];

function dispute(order: Order): Case {
  const input = { orderId: order.id, reason: "DAMAGED" as const, source: "BUYER" as const };
  return must(Cases.open({ id: "c1", order, openCaseOpeners: [], openBuyerCases: [], input, roles: BUYER, now: START }))
    .case;
}

/** A return offer made and accepted at `hour`. */
function startReturn(c: Case, order: Order, hour: number, kind: "REFUND_WITH_RETURN" | "REPLACEMENT_WITH_RETURN") {
  const amount = kind === "REFUND_WITH_RETURN" ? { amount: { amountMinor: 1_000, currency: "USD" } } : {};
  const input = { caseId: c.id, kind, ...amount, expiresAt: at(hour + 24) };
  const offered = must(Cases.makeOffer({ case: c, order, input, id: `offer-${hour}`, roles: SELLER, now: at(hour) }));
  const answer = { caseId: c.id, offerId: `offer-${hour}`, accept: true };
  return must(Cases.respondToOffer({ case: offered.case, order, input: answer, roles: BUYER, now: at(hour) }));
}

/** The case's return shipped back by the buyer at hour 2 and received by the seller at hour 10. */
function received(c: Case): Case {
  const returnId = c.returns[0]!.id;
  const parcel = { carrier: "YunExpress", trackingNumber: "YT0001" };
  const back = must(
    Returns.shipReturn({ case: c, input: { caseId: c.id, returnId, ...parcel }, roles: BUYER, now: at(2) }),
  ).case;
  return must(
    Returns.confirmReturnReceived({ case: back, input: { caseId: c.id, returnId }, roles: SELLER, now: at(10) }),
  ).case;
}

describe("returns in core", () => {
  it(
    "a case keeps at most CASE_LIMITS.returns returns: a further return offer is LIMIT_REACHED, other offers stay " +
      "possible",
    () => {
      const order = shippedOrder();
      let c = dispute(order);
      for (let i = 0; i < Cases.CASE_LIMITS.returns; i++) {
        c = startReturn(c, order, i * 10, "REPLACEMENT_WITH_RETURN").case;
        const r = c.returns.at(-1)!;
        c = must(
          Returns.cancelReturn({ case: c, input: { caseId: c.id, returnId: r.id }, roles: BUYER, now: at(i * 10 + 1) }),
        ).case;
      }
      expect(c.returns).toHaveLength(Cases.CASE_LIMITS.returns);
      const input = {
        caseId: c.id,
        kind: "REFUND_WITH_RETURN" as const,
        amount: { amountMinor: 100, currency: "USD" },
        expiresAt: at(200),
      };
      const refused = Cases.makeOffer({ case: c, order, input, id: "one-more", roles: SELLER, now: at(100) });
      expect(refused).toMatchObject({
        ok: false,
        errors: [{ code: "LIMIT_REACHED", message: expect.stringContaining("5 returns") }],
      });
      const coupon = { ...input, kind: "COUPON" as const };
      expect(Cases.makeOffer({ case: c, order, input: coupon, id: "coupon", roles: SELLER, now: at(100) }).ok).toBe(
        true,
      );
      expect(Cases.actionsFor({ case: c, roles: SELLER, order, now: at(100) })).toContain("MAKE_OFFER");
    },
  );

  it("a return for a refund is at most what is left of the order; nothing moves until the refund on receipt", () => {
    const order = shippedOrder();
    const c = dispute(order);
    const input = {
      caseId: c.id,
      kind: "REFUND_WITH_RETURN" as const,
      amount: { amountMinor: 10_001, currency: "USD" },
      expiresAt: at(24),
    };
    const tooMuch = Cases.makeOffer({ case: c, order, input, id: "x", roles: SELLER, now: START });
    expect(tooMuch).toMatchObject({ ok: false, errors: [{ code: "AMOUNT_ABOVE_POLICY" }] });
    const wrongCurrency = { ...input, amount: { amountMinor: 100, currency: "EUR" } };
    expect(Cases.makeOffer({ case: c, order, input: wrongCurrency, id: "x", roles: SELLER, now: START })).toMatchObject(
      {
        ok: false,
        errors: [{ code: "CURRENCY_MISMATCH" }],
      },
    );
    const accepted = startReturn(c, order, 0, "REFUND_WITH_RETURN");
    expect(accepted.order).toBeNull();
    expect(accepted.case).toMatchObject({ status: "RETURN_IN_PROGRESS", outcome: null });
  });

  it("no return is offered on a dispute about goods the buyer never received; every other reason may take one", () => {
    const order = shippedOrder();
    const c = dispute(order);
    const never: readonly Cases.CaseReason[] = ["NOT_RECEIVED", "NOT_SHIPPED", "LATE_SHIPMENT"];
    for (const reason of Cases.CASE_REASONS) {
      for (const kind of ["REFUND_WITH_RETURN", "REPLACEMENT_WITH_RETURN"] as const) {
        const amount = kind === "REFUND_WITH_RETURN" ? { amount: { amountMinor: 1_000, currency: "USD" } } : {};
        const input = { caseId: c.id, kind, ...amount, expiresAt: at(24) };
        const made = Cases.makeOffer({ case: { ...c, reason }, order, input, id: "x", roles: SELLER, now: START });
        if (never.includes(reason)) {
          expect(made, reason).toMatchObject({
            ok: false,
            errors: [{ code: "INVALID_TRANSITION", field: ["input", "kind"] }],
          });
        } else {
          expect(made.ok, reason).toBe(true);
        }
      }
    }
  });

  it("a return offer pending on a dispute about goods never received cannot be accepted; it can be declined", () => {
    // Such offers were made before return offers were refused on these reasons, and may still be pending.
    const order = shippedOrder();
    const c = dispute(order);
    const input = { caseId: c.id, kind: "REPLACEMENT_WITH_RETURN" as const, expiresAt: at(24) };
    const offered = must(Cases.makeOffer({ case: c, order, input, id: "old", roles: SELLER, now: START })).case;
    for (const reason of ["NOT_RECEIVED", "NOT_SHIPPED", "LATE_SHIPMENT"] as const) {
      const before = { ...offered, reason };
      const accept = { caseId: c.id, offerId: "old", accept: true };
      const accepted = Cases.respondToOffer({ case: before, order, input: accept, roles: BUYER, now: at(1) });
      expect(accepted, reason).toMatchObject({
        ok: false,
        errors: [
          { code: "INVALID_TRANSITION", field: ["input", "offerId"], message: expect.stringContaining("Decline it") },
        ],
      });
      // The buyer's side is not offered the button the server refuses; declining stays offered.
      const listed = Cases.actionsFor({ case: before, roles: BUYER, order, now: at(1) });
      expect(listed, reason).not.toContain("ACCEPT_RETURN_OFFER");
      expect(listed, reason).toContain("DECLINE_OFFER");
      const decline = { ...accept, accept: false };
      const declined = must(Cases.respondToOffer({ case: before, order, input: decline, roles: BUYER, now: at(1) }));
      expect(declined.case.offers[0]).toMatchObject({ status: "DECLINED" });
    }
    expect(Cases.actionsFor({ case: offered, roles: BUYER, order, now: at(1) })).toContain("ACCEPT_RETURN_OFFER");
    const accept = { caseId: c.id, offerId: "old", accept: true };
    expect(
      must(Cases.respondToOffer({ case: offered, order, input: accept, roles: BUYER, now: at(1) })).case,
    ).toMatchObject({ status: "RETURN_IN_PROGRESS" });
  });

  it(
    "case risk: nothing owed while the buyer ships; the seller's deadline once the goods are back; overdue counts " +
      "in full",
    () => {
      const order = shippedOrder();
      let c = startReturn(dispute(order), order, 0, "REFUND_WITH_RETURN").case;
      const factor = (now: string) => {
        const risk = Risk.caseRisk({ case: c, order, now, timeZone: "UTC" });
        return {
          deadline: risk.factors.find((f) => f.code === "RESPOND_BY_DEADLINE")!,
          actions: risk.recommendedActions.map((a) => a.code),
        };
      };
      expect(factor(at(1)).deadline.contribution).toBe(0);
      expect(Risk.inEnglish(factor(at(1)).deadline.display)).toBe("return awaited");
      c = received(c);
      const inTime = factor(at(11));
      expect(inTime.deadline.value).toBeCloseTo(71, 0);
      expect(inTime.actions[0]).toBe("SETTLE_RETURN");
      const late = factor(at(10 + 72 + 60));
      expect(late.deadline.value).toBeLessThan(0);
      expect(late.deadline.contribution).toBeGreaterThan(inTime.deadline.contribution);
      expect(Risk.inEnglish(late.deadline.explanation)).toContain("refund the received return");
    },
  );

  it("a return's listed moves leave out those its case's status refuses, as the verbs refuse them", () => {
    const order = shippedOrder();
    let c = startReturn(dispute(order), order, 0, "REFUND_WITH_RETURN").case;
    c = received(c);
    const returnId = c.returns[0]!.id;
    const listed = (status: Case["status"]) =>
      Returns.returnActionsFor({ return: c.returns[0]!, caseStatus: status, roles: SELLER, order, now: at(11) });
    expect(listed(c.status)).toEqual(["REFUND"]);
    // A received return on a case that reads closed (data mended by hand): the refund would move the case, which a
    // closed case refuses, so it is not listed either.
    const closed = { ...c, status: "CLOSED" as const };
    const refund = Returns.refundReturn({
      case: closed,
      order,
      input: { caseId: c.id, returnId },
      roles: SELLER,
      now: at(11),
    });
    expect(refund).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    expect(listed("CLOSED")).toEqual([]);
  });
});
