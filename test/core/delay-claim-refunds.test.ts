import { describe, expect, it } from "vitest";
import { type Case, Cases, type Order, Orders, Time } from "@seller-ops/core";

/**
 * The order's cases about its delay (the late-order job's incident, the buyer's not-shipped, not-received and
 * late-shipment disputes) are one claim for the money rules, as for the remedy plan: a refund the seller gave on the
 * incident counts toward the buyer's delay claim, for the seller's REFUNDED settlement and for the platform's
 * default refund when it decides for the buyer. A dispute about anything else counts only its own refunds.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (h: number) => Time.addMs(START, h * Time.HOUR_MS);
const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

type Story = { order: Order; incident: Case; dispute: Case };

/** A 40.00 order flagged late with its incident, and the buyer's dispute of `reason` claiming `claim`. */
function lateOrderWithDispute(reason: Cases.OpenCaseInput["reason"], claim: number): Story {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: USD(40_00),
      settlementAmount: { amountMinor: 260_00, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 1,
      shipBy: null,
    } as Orders.CreateInput,
    now: START,
  });
  if (!created.ok) throw new Error("create");
  const deadline = Orders.checkDeadline({ order: created.value, now: at(72) });
  if (deadline.kind !== "late") throw new Error("not late");
  const flagged = Cases.flagLate({ before: created.value, flagged: deadline.order, now: at(72) });
  const opened = Cases.open({
    id: "c2",
    order: flagged.order,
    openCaseOpeners: ["SELLER"],
    openBuyerCases: [],
    roles: ["BUYER", "PLATFORM"],
    now: at(73),
    input: { orderId: "o1", reason, source: "BUYER", claimAmount: USD(claim) },
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  const dispute = opened.value.case;
  const change = { case: dispute, order: null, event: opened.value.events[0] };
  const order = Cases.orderAfter({ orderBefore: flagged.order, change, caseBefore: null, now: at(73) })!;
  return { order, incident: flagged.opened!.case, dispute };
}

function must<T>(r: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** The seller refunds `amount` on the story's case `on`; the order follows. */
function refund(s: Story, on: "incident" | "dispute", amount: number): Story {
  const c = s[on];
  const input = { caseId: c.id, kind: "PARTIAL_REFUND" as const, amount: USD(amount), reference: `RF-${on}` };
  const change = must(
    Cases.recordRemedy({ case: c, order: s.order, id: `r-${on}`, roles: ["SELLER"], now: at(74), input }),
  );
  if (Cases.isAlreadyDone(change)) throw new Error("already done");
  const order = Cases.orderAfter({ orderBefore: s.order, change, caseBefore: c, now: at(74) }) ?? s.order;
  return { ...s, order, [on]: change.case };
}

const settle = (s: Story, others: Case[] | undefined) =>
  Cases.resolve({
    case: s.dispute,
    order: s.order,
    roles: ["SELLER"],
    now: at(75),
    input: { caseId: s.dispute.id, outcome: "REFUNDED" },
    otherCasesOfOrder: others,
  });

/** The buyer escalates, the operator decides for the buyer without an amount: the decided case and the order. */
function decidedForBuyer(s: Story, others: Case[]): { platformRefund: unknown; refundedMinor: number } {
  const escalated = must(Cases.escalate({ case: s.dispute, roles: ["BUYER"], now: at(76), input: { caseId: "c2" } }));
  const input = { caseId: "c2", outcome: "DECIDED_FOR_BUYER" as const, note: "The order was late." };
  const args = { case: escalated.case, order: s.order, roles: ["OPERATOR", "PLATFORM"] as const, now: at(77), input };
  const decided = must(Cases.resolve({ ...args, otherCasesOfOrder: others }));
  const order = Cases.orderAfter({ orderBefore: s.order, change: decided, caseBefore: escalated.case, now: at(77) });
  return { platformRefund: decided.case.platformRefund, refundedMinor: (order ?? s.order).refundedMinor };
}

describe("a buyer's delay claim the seller refunded on the order's late-shipment incident", () => {
  it("lets the seller settle the dispute REFUNDED, as availableActions says", () => {
    const s = refund(lateOrderWithDispute("NOT_SHIPPED", 10_00), "incident", 10_00);
    // The refund on the incident backs REFUNDED and covers the claim: nothing is refunded on the dispute itself.
    const settled = must(settle(s, [s.incident]));
    expect(settled.case.outcome).toBe("REFUNDED");
    const actions = (others: Case[] | undefined) =>
      Cases.actionsFor({ case: s.dispute, roles: ["SELLER"], order: s.order, now: at(75), otherCasesOfOrder: others });
    expect(actions([s.incident])).toContain("RESOLVE_BY_SELLER");
    // Without the order's other cases (a caller that did not read them) only the dispute's own refunds count.
    expect(actions(undefined)).not.toContain("RESOLVE_BY_SELLER");
    expect(settle(s, undefined).ok).toBe(false);
  });

  it("is decided for the buyer with nothing more refunded by default: the buyer is not paid twice", () => {
    const s = refund(lateOrderWithDispute("NOT_SHIPPED", 10_00), "incident", 10_00);
    expect(decidedForBuyer(s, [s.incident])).toEqual({ platformRefund: null, refundedMinor: 10_00 });
  });

  it("refunds by default only the remainder a partial refund on the incident left", () => {
    const s = refund(lateOrderWithDispute("NOT_RECEIVED", 10_00), "incident", 4_00);
    const short = settle(refund(s, "dispute", 5_00), [s.incident]);
    expect(short.ok ? "OK" : short.errors.map((e) => e.code)).toEqual(["INVALID_TRANSITION"]);
    expect(short.ok ? "" : short.errors[0]!.message).toContain("9.00");
    expect(short.ok ? "" : short.errors[0]!.message).toContain("4.00 of it on the order's other cases about the delay");
    expect(decidedForBuyer(s, [s.incident])).toEqual({ platformRefund: USD(6_00), refundedMinor: 10_00 });
  });

  it("is a legitimate 0 while another case's return holds the rest of the order: no platformRefundHeld refusal", () => {
    const s = refund(lateOrderWithDispute("NOT_SHIPPED", 10_00), "incident", 10_00);
    // Everything left (30.00) held for another case's accepted return.
    const held: Story = { ...s, order: { ...s.order, heldForReturns: { "ret-other": 30_00 } } };
    expect(decidedForBuyer(held, [held.incident])).toEqual({ platformRefund: null, refundedMinor: 10_00 });
  });

  it("leaves a dispute about anything else (DAMAGED) to its own refunds", () => {
    const s = refund(lateOrderWithDispute("DAMAGED", 10_00), "incident", 10_00);
    expect(settle(s, [s.incident]).ok).toBe(false);
    expect(decidedForBuyer(s, [s.incident])).toEqual({ platformRefund: USD(10_00), refundedMinor: 20_00 });
  });
});
