import { describe, expect, it } from "vitest";
import { type Case, Cases, Compensation, type Order, Stats, Time } from "@seller-ops/core";
import { must, shippedOrder as shippedAt } from "../support/core-orders";

/**
 * The platform's decision for the buyer (DECIDED_FOR_BUYER) refunds the buyer out of the order's money, as a refund
 * remedy does: the order's refunded total, what is refundable and the seller's settled sales follow.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (h: number) => Time.addMs(START, h * Time.HOUR_MS);
const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

const ok = must;

const shippedOrder = () => shippedAt(START);

function escalated(order: Order, claimAmount: { amountMinor: number; currency: string } | null): Case {
  const input = { orderId: "o1", reason: "NOT_RECEIVED" as const, source: "BUYER" as const, claimAmount };
  const roles = ["BUYER", "PLATFORM"] as const;
  const opened = ok<{ case: Case }>(
    Cases.open({ id: "c1", order, openCaseOpeners: [], openBuyerCases: [], input, roles, now: at(1) }),
  ).case;
  return ok<{ case: Case }>(Cases.escalate({ case: opened, roles: ["BUYER"], now: at(2), input: { caseId: "c1" } }))
    .case;
}

const decide = (c: Case, order: Order, input: Partial<Cases.ResolveCaseInput>) =>
  Cases.resolve({
    case: c,
    order,
    roles: ["PLATFORM", "OPERATOR"],
    now: at(3),
    input: { caseId: c.id, outcome: "DECIDED_FOR_BUYER", note: "The claim stands.", ...input },
  });

describe("a dispute the platform decides for the buyer", () => {
  it("refunds the buyer's claim out of the order: refundable, refunded and settled sales follow", () => {
    const order = shippedOrder();
    const c = escalated(order, USD(2500));
    const decided = ok<Cases.Change>(decide(c, order, {}));
    expect(decided.case.platformRefund).toEqual(USD(2500));
    const after = Cases.orderAfter({ orderBefore: order, change: decided, caseBefore: c, now: at(3) })!;
    expect(after.refundedMinor).toBe(2500);
    expect(after.version).toBe(order.version + 1);
    expect(Compensation.refundableMinor(after)).toBe(1500);
    const deltas = Stats.caseDeltas(c, decided.case, order, "Asia/Shanghai");
    const sales = Object.values(deltas).reduce((s, d) => s + (d.settledSalesMinor ?? 0), 0);
    expect(sales).toBeLessThan(0);
    expect(decided.event.summary).toContain("The platform refunded the buyer");
    expect(decided.event.summary).toContain("25.00");
  });

  it("refunds all that is refundable when no amount was claimed, and the operator's amount when given", () => {
    const order = shippedOrder();
    const c = escalated(order, null);
    expect(ok<Cases.Change>(decide(c, order, {})).case.platformRefund).toEqual(USD(4000));
    const given = ok<Cases.Change>(decide(c, order, { platformRefund: USD(1200) }));
    expect(given.case.platformRefund).toEqual(USD(1200));
    expect(given.order?.refundedMinor).toBe(1200);
  });

  it("refuses a bad platformRefund with a stable code and decides nothing", () => {
    const order = shippedOrder();
    const c = escalated(order, USD(2500));
    const code = (input: Partial<Cases.ResolveCaseInput>) => {
      const r = decide(c, order, input);
      return r.ok ? "OK" : [r.errors[0]!.code, r.errors[0]!.field];
    };
    expect(code({ platformRefund: USD(4001) })).toEqual(["AMOUNT_ABOVE_POLICY", ["input", "platformRefund"]]);
    expect(code({ platformRefund: USD(0) })).toEqual(["INVALID_INPUT", ["input", "platformRefund"]]);
    expect(code({ platformRefund: { amountMinor: 100, currency: "EUR" } })).toEqual([
      "CURRENCY_MISMATCH",
      ["input", "platformRefund", "currency"],
    ]);
    expect(code({ outcome: "DECIDED_FOR_SELLER", platformRefund: USD(100) })).toEqual([
      "INVALID_INPUT",
      ["input", "platformRefund"],
    ]);
  });

  it("moves nothing when decided for the seller", () => {
    const order = shippedOrder();
    const c = escalated(order, USD(2500));
    const decided = ok<Cases.Change>(decide(c, order, { outcome: "DECIDED_FOR_SELLER" }));
    expect(decided.order).toBeNull();
    expect(decided.case.platformRefund).toBeNull();
  });
  it("by default refunds what the claim lacks after the seller's refunds on the case, not the claim again", () => {
    const order = shippedOrder();
    const input = { orderId: "o1", reason: "NOT_RECEIVED" as const, source: "BUYER" as const, claimAmount: USD(2500) };
    const opened = ok<{ case: Case }>(
      Cases.open({ id: "c1", order, openCaseOpeners: [], openBuyerCases: [], input, roles: ["BUYER"], now: at(1) }),
    ).case;
    const refunded = ok<Cases.Change | Cases.AlreadyDone>(
      Cases.recordRemedy({
        case: opened,
        order,
        input: { caseId: "c1", kind: "PARTIAL_REFUND", amount: USD(1000) } as Cases.RecordRemedyInput,
        id: "r1",
        roles: ["SELLER"],
        now: at(1.5),
      }),
    );
    if ("alreadyDone" in refunded) throw new Error("the refund was recorded before");
    const orderNow = Cases.orderAfter({ orderBefore: order, change: refunded, caseBefore: opened, now: at(1.5) })!;
    const c = ok<{ case: Case }>(
      Cases.escalate({ case: refunded.case, roles: ["BUYER"], now: at(2), input: { caseId: "c1" } }),
    ).case;
    expect(ok<Cases.Change>(decide(c, orderNow, {})).case.platformRefund).toEqual(USD(1500));
  });

  it("refuses the default while another case's return holds the money it would refund, and writes nothing", () => {
    // Another case's accepted refund-with-return holds all 40.00: the default (the 25.00 claim) comes to 0 only
    // because of it, which a silent decision with no refund would never pay back once the hold is released.
    const order = { ...shippedOrder(), heldForReturns: { other: 4000 } };
    const c = escalated(order, USD(2500));
    const refused = decide(c, order, {});
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ code: "AMOUNT_ABOVE_POLICY", field: ["input", "platformRefund"] });
    expect(refused.errors[0]!.message).toContain("40.00");
    expect(refused.errors[0]!.message).toContain("another case's return");
    // With no claim either: all that is refundable is held.
    expect(decide(escalated(order, null), order, {}).ok).toBe(false);
    // Part held, part left: the default refunds what is left, as before.
    const partly = { ...order, heldForReturns: { other: 3000 } };
    expect(ok<Cases.Change>(decide(escalated(partly, USD(2500)), partly, {})).case.platformRefund).toEqual(USD(1000));
  });

  it("decides with no refund when the order is already refunded in full: nothing is owed", () => {
    const order = { ...shippedOrder(), refundedMinor: 4000 };
    const decided = ok<Cases.Change>(decide(escalated(shippedOrder(), USD(2500)), order, {}));
    expect(decided.case).toMatchObject({ status: "RESOLVED", outcome: "DECIDED_FOR_BUYER", platformRefund: null });
    expect(decided.order).toBeNull();
  });
});
