import { describe, expect, it } from "vitest";
import { Cases, Risk, Time, type Case, type Order } from "@seller-ops/core";
import { must, shippedOrder as shippedAt } from "../support/core-orders";
import { MIGRATIONS } from "@seller-ops/db";

/**
 * A buyer's message written while the seller's offer is pending is owed an answer (the guide's first rule: keep
 * communication open): the case-deadline job watches it, withdrawing the offer or a return lapsing leaves the case
 * awaiting the seller. And a case whose offer lapsed before the job looked lists what the server accepts on it.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (h: number) => Time.addMs(START, h * Time.HOUR_MS);
const WINDOW_H = Cases.defaultCaseRules.respondWithinMs.DAMAGED / Time.HOUR_MS;
const SELLER = ["SELLER"] as const;
/** How long before respondBy the job warns (CASE_RESPONSE_DUE_SOON). */
const DUE_SOON_MS = Time.DAY_MS;
const BUYER = ["BUYER", "PLATFORM"] as const;

const shippedOrder = () => shippedAt(START);

function dispute(order: Order): Case {
  const input = { orderId: "o1", reason: "DAMAGED" as const, source: "BUYER" as const };
  return must(Cases.open({ id: "c1", order, openCaseOpeners: [], openBuyerCases: [], input, roles: BUYER, now: START }))
    .case;
}

function coupon(c: Case, order: Order, hour: number, expiresAt = at(100)): Case {
  const input = { caseId: "c1", kind: "COUPON" as const, amount: { amountMinor: 500, currency: "USD" }, expiresAt };
  return must(Cases.makeOffer({ case: c, order, id: `f${hour}`, roles: SELLER, now: at(hour), input })).case;
}

function buyerWrites(c: Case, hour: number): Case {
  const input = { caseId: "c1", direction: "BUYER" as const, body: "No coupon, refund please" };
  return must(Cases.postMessage({ case: c, roles: BUYER, now: at(hour), input })).case;
}

describe("a buyer's message while the seller's offer is pending", () => {
  it("stays owed when the seller withdraws the offer: the case awaits the seller by the message's respondBy", () => {
    const order = shippedOrder();
    const written = buyerWrites(coupon(dispute(order), order, 1), 2);
    expect(written).toMatchObject({ status: "OFFER_PENDING", unansweredBuyerMessages: 1, respondBy: at(2 + WINDOW_H) });
    const input = { caseId: "c1", offerId: "f1" };
    const withdrawn = must(Cases.withdrawOffer({ case: written, roles: SELLER, now: at(3), input })).case;
    expect(withdrawn).toMatchObject({
      status: "AWAITING_SELLER",
      unansweredBuyerMessages: 1,
      // A withdrawal answers nobody: the deadline the message set stays, the withdrawal buys no time.
      respondBy: at(2 + WINDOW_H),
      responseOverdueAt: null,
      nextDeadlineAt: Time.addMs(at(2 + WINDOW_H), -DUE_SOON_MS),
    });
  });

  it("leaves an offer withdrawn with nothing unanswered awaiting the buyer, as before", () => {
    const order = shippedOrder();
    const offered = coupon(dispute(order), order, 1);
    const input = { caseId: "c1", offerId: "f1" };
    const withdrawn = must(Cases.withdrawOffer({ case: offered, roles: SELLER, now: at(3), input })).case;
    expect(withdrawn).toMatchObject({ status: "AWAITING_BUYER", unansweredBuyerMessages: 0 });
  });

  it("stays owed when the buyer declines the offer: the message's respondBy and overdue mark stay", () => {
    const order = shippedOrder();
    const written = buyerWrites(coupon(dispute(order), order, 1, at(1 + 14 * 24)), 2);
    const late = Time.addMs(at(2 + WINDOW_H), 60_000);
    const flagged = Cases.checkDeadlines({ case: written, now: late });
    expect(flagged.kind).toBe("change");
    if (flagged.kind !== "change") return;
    expect(flagged.change.case.responseOverdueAt).toBe(late);
    const input = { caseId: "c1", offerId: "f1", accept: false };
    const now = Time.addMs(late, Time.HOUR_MS);
    const declined = must(Cases.respondToOffer({ case: flagged.change.case, order, roles: BUYER, now, input })).case;
    expect(declined).toMatchObject({
      status: "AWAITING_SELLER",
      offers: [{ status: "DECLINED" }],
      // The decline answers the seller's offer, not the buyer's message: it buys the seller no time.
      respondBy: at(2 + WINDOW_H),
      responseOverdueAt: late,
    });
  });

  it("restarts the seller's window when the buyer declines the offer with nothing owed", () => {
    const order = shippedOrder();
    const offered = coupon(dispute(order), order, 1);
    const input = { caseId: "c1", offerId: "f1", accept: false };
    const declined = must(Cases.respondToOffer({ case: offered, order, roles: BUYER, now: at(3), input })).case;
    expect(declined).toMatchObject({ status: "AWAITING_SELLER", respondBy: at(3 + WINDOW_H), responseOverdueAt: null });
  });

  it("is watched by the case-deadline job: warned due soon, flagged overdue once; a reminder moves nothing", () => {
    const order = shippedOrder();
    const offerValid = at(1 + 14 * 24); // the longest an offer stands: past the message's respondBy
    let c = buyerWrites(coupon(dispute(order), order, 1, offerValid), 2);
    const respondBy = at(2 + WINDOW_H);
    expect(c.nextDeadlineAt).toBe(Time.addMs(respondBy, -DUE_SOON_MS));
    // A reminder while the answer is owed neither restarts the deadline nor the warning.
    c = buyerWrites(c, 10);
    expect(c).toMatchObject({ unansweredBuyerMessages: 2, respondBy });

    const soon = Cases.checkDeadlines({ case: c, now: c.nextDeadlineAt! });
    expect(soon.kind).toBe("dueSoon");
    if (soon.kind !== "dueSoon") return;
    c = soon.case;
    expect(c.nextDeadlineAt).toBe(respondBy);
    const late = Time.addMs(respondBy, 60_000);
    const flagged = Cases.checkDeadlines({ case: c, now: late });
    expect(flagged.kind).toBe("change");
    if (flagged.kind !== "change") return;
    expect(flagged.change.event.type).toBe("RESPONSE_OVERDUE");
    c = flagged.change.case;
    // Still the offer's case (the overview counts it in offersPending, by status), now overdue.
    expect(c).toMatchObject({ status: "OFFER_PENDING", responseOverdueAt: late, nextDeadlineAt: offerValid });
    expect(Cases.checkDeadlines({ case: c, now: late }).kind).toBe("nothing");
    // A reminder keeps the overdue mark.
    expect(buyerWrites(c, 2 + WINDOW_H + 1)).toMatchObject({ respondBy, responseOverdueAt: late });

    // The offer's lapse keeps the owed deadline and its mark: it is not flagged a second time.
    const expired = Cases.checkDeadlines({ case: c, now: Time.addMs(offerValid, 1000) });
    expect(expired.kind).toBe("change");
    if (expired.kind !== "change") return;
    expect(expired.change.case).toMatchObject({ status: "AWAITING_SELLER", respondBy, responseOverdueAt: late });
  });

  it("weighs in the case risk as the respondBy deadline while it is owed, and not once the seller answers", () => {
    const order = shippedOrder();
    const offered = coupon(dispute(order), order, 1, at(1 + 14 * 24));
    const c = buyerWrites(offered, 2);
    const deadline = (x: Case, hour: number) =>
      Risk.caseRisk({ case: x, order, now: at(hour), timeZone: "UTC" }).factors.find(
        (f) => f.code === "RESPOND_BY_DEADLINE",
      )!;
    expect(deadline(offered, 2 + WINDOW_H + 1).contribution).toBe(0);
    expect(deadline(c, 2 + WINDOW_H + 1).contribution).toBeGreaterThan(0);
    const input = { caseId: "c1", direction: "SELLER" as const, body: "A refund is on its way." };
    const answered = must(Cases.postMessage({ case: c, roles: SELLER, now: at(3), input })).case;
    expect(answered).toMatchObject({
      status: "OFFER_PENDING",
      unansweredBuyerMessages: 0,
      nextDeadlineAt: at(1 + 336),
    });
    expect(deadline(answered, 2 + WINDOW_H + 1).contribution).toBe(0);
  });
});

describe("a return that lapses while a buyer's message is unanswered", () => {
  it("leaves the case awaiting the seller, respondBy counted from shipBackBy", () => {
    const order = shippedOrder();
    const input = {
      caseId: "c1",
      kind: "REFUND_WITH_RETURN" as const,
      amount: { amountMinor: 1_000, currency: "USD" },
    };
    const offer = { ...input, expiresAt: at(48) };
    const offered = must(
      Cases.makeOffer({ case: dispute(order), order, input: offer, id: "f1", roles: SELLER, now: at(1) }),
    );
    const answer = { caseId: "c1", offerId: "f1", accept: true };
    const started = must(Cases.respondToOffer({ case: offered.case, order, input: answer, roles: BUYER, now: at(2) }));
    const c = buyerWrites(started.case, 3);
    const shipBackBy = c.returns[0]!.shipBackBy!;
    const lapsed = Cases.checkDeadlines({ case: c, now: Time.addMs(shipBackBy, 60_000) });
    expect(lapsed.kind).toBe("change");
    if (lapsed.kind !== "change") return;
    expect(lapsed.change.case).toMatchObject({
      status: "AWAITING_SELLER",
      unansweredBuyerMessages: 1,
      respondBy: Time.addMs(shipBackBy, WINDOW_H * Time.HOUR_MS),
      responseOverdueAt: null,
    });
    // Without the message it awaits the buyer, as before.
    const quiet = Cases.checkDeadlines({ case: started.case, now: Time.addMs(shipBackBy, 60_000) });
    expect(quiet.kind === "change" && quiet.change.case.status).toBe("AWAITING_BUYER");
  });
});

describe("the actions of a case whose pending offer lapsed before the job looked", () => {
  it("are exactly the seller actions the server accepts then (the case as read at now)", () => {
    let order = shippedOrder();
    // The buyer claims 30.00, which the refund covers: the seller may close the case as refunded.
    const claimed = { ...dispute(order), claimAmount: { amountMinor: 3_000, currency: "USD" } };
    const refunded = must(
      Cases.recordRemedy({
        case: claimed,
        order,
        id: "r1",
        roles: SELLER,
        now: at(2),
        // Refunded in part: goodwill fits only beside what is not refunded (refunds plus compensation ≤ paid).
        input: { caseId: "c1", kind: "PARTIAL_REFUND", amount: { amountMinor: 3_000, currency: "USD" } },
      }),
    ) as Cases.Change;
    order = refunded.order!;
    const c = coupon(refunded.case, order, 3, at(30));
    const now = at(40);
    const listed = Cases.actionsFor({ case: c, roles: SELLER, order, now });
    const base = { case: c, order, roles: SELLER, now };
    // Each seller action through its verb, as the API takes it (`afterLapse`, but for the verbs answering the offer).
    const attempt = (action: Cases.CaseAction): { ok: boolean } | null => {
      switch (action) {
        case "POST_SELLER_MESSAGE":
          return Cases.afterLapse(Cases.postMessage)({
            ...base,
            input: { caseId: "c1", direction: "SELLER", body: "Hi" },
          });
        case "RECORD_REMEDY":
          return Cases.afterLapse(Cases.recordRemedy)({ ...base, id: "r2", input: { caseId: "c1", kind: "APOLOGY" } });
        case "MAKE_OFFER": {
          const amount = { amountMinor: 300, currency: "USD" };
          return Cases.makeOffer({
            ...base,
            id: "f2",
            input: { caseId: "c1", kind: "COUPON", amount, expiresAt: at(80) },
          });
        }
        case "WITHDRAW_OFFER":
          return Cases.withdrawOffer({ ...base, input: { caseId: "c1", offerId: "f3" } });
        case "RESOLVE_BY_SELLER":
          return Cases.afterLapse(Cases.resolve)({ ...base, input: { caseId: "c1", outcome: "REFUNDED" } });
        case "SUBMIT_SELLER_EVIDENCE": {
          const input = { caseId: "c1", side: "SELLER" as const, kind: "PHOTO" as const, reference: "p1" };
          return Cases.afterLapse(Cases.submitEvidence)({ ...base, id: "e1", submittedBy: "k", input });
        }
        default:
          return null;
      }
    };
    const sellerActions = Cases.CASE_ACTIONS.filter(
      (a) => Cases.TRANSITIONS[a].role === "SELLER" && !Cases.RETURN_CASE_ACTIONS.includes(a),
    );
    for (const action of sellerActions) {
      const accepted = attempt(action);
      expect(accepted, `no attempt written for ${action}`).not.toBeNull();
      expect(listed.includes(action), action).toBe(accepted!.ok);
    }
    expect(listed).toContain("RESOLVE_BY_SELLER");
  });
});

describe("the case-9-owed-answer-watched migration step", () => {
  const step = MIGRATIONS.find((s) => s.name === "case-9-owed-answer-watched")!;
  const offerValid = at(1 + 14 * 24);

  /** A case as the release before stored it: the job watching only the pending offer's expiry. */
  function storedBefore(c: Case): Record<string, unknown> {
    return { ...c, shape: 8, deadlineShard: "3", nextDeadlineAt: offerValid };
  }

  it("has the job watch the answer a buyer's message is owed during a pending offer, not the offer's expiry", () => {
    const order = shippedOrder();
    const written = buyerWrites(coupon(dispute(order), order, 1, offerValid), 2);
    const up = step.up(storedBefore(written));
    expect(up.nextDeadlineAt).toBe(Time.addMs(at(2 + WINDOW_H), -DUE_SOON_MS));
    expect(up.deadlineShard).toBe("3");
  });

  it("leaves a pending offer with nothing unanswered on its expiry, and an unwatched case as it was", () => {
    const order = shippedOrder();
    const offered = coupon(dispute(order), order, 1, offerValid);
    expect(step.up(storedBefore(offered)).nextDeadlineAt).toBe(offerValid);
    const { deadlineShard: _none, nextDeadlineAt: _next, ...unwatched } = storedBefore(offered);
    expect(step.up(unwatched)).toEqual(unwatched);
  });
});

describe("the case-10-seller-deadline-indexed migration step", () => {
  const step = MIGRATIONS.find((s) => s.name === "case-10-seller-deadline-indexed")!;
  const storedBefore = (c: Case): Record<string, unknown> => ({ ...c, shape: 9 });

  it("indexes the answer a buyer's message is owed during a pending offer by its respondBy", () => {
    const order = shippedOrder();
    const written = buyerWrites(coupon(dispute(order), order, 1), 2);
    const up = step.up(storedBefore(written));
    expect(up).toMatchObject({ deadlineSellerId: written.sellerId, sellerDeadline: `${at(2 + WINDOW_H)}#ANSWER` });
    // A case awaiting the seller, as the overview's due-soon count read it before.
    expect(step.up(storedBefore(dispute(order))).sellerDeadline).toBe(`${dispute(order).respondBy}#ANSWER`);
  });

  it("leaves a pending offer with nothing unanswered out of the index, and drops keys it no longer owes", () => {
    const order = shippedOrder();
    const offered = coupon(dispute(order), order, 1);
    const up = step.up({ ...storedBefore(offered), deadlineSellerId: "s", sellerDeadline: `${at(1)}#ANSWER` });
    expect(up).not.toHaveProperty("deadlineSellerId");
    expect(up).not.toHaveProperty("sellerDeadline");
  });
});
