import { describe, expect, it } from "vitest";
import { type Case, Cases, type Order, Risk, Time } from "@seller-ops/core";
import { buyerDispute, must, shippedOrder } from "../support/core-orders";

/**
 * A second dispute on an order already refunded in full on another case. Nothing is left to refund, so the seller can
 * record no refund on it; the buyer's money is back all the same. The seller settles it REFUNDED, and only while the
 * whole payment is back (nothing held for a return, nothing left to refund).
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);
const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

const dispute = (order: Order, id: string, reason: Cases.OpenCaseInput["reason"], claim: number) =>
  buyerDispute({ order, id, reason, now: at(1), claim: USD(claim) });

/** A 40.00 order refunded `refunded` on a DAMAGED dispute, then disputed again NOT_AS_DESCRIBED for 40.00. */
function secondDispute(refunded: number) {
  const paid = shippedOrder(START, USD(40_00));
  const first = dispute(paid, "c1", "DAMAGED", 40_00);
  const input = { caseId: "c1", kind: "PARTIAL_REFUND" as const, amount: USD(refunded), reference: "RF-1" };
  const change = must<Cases.Change | Cases.AlreadyDone>(
    Cases.recordRemedy({ case: first, order: paid, id: "r1", roles: ["SELLER"], now: at(2), input }),
  );
  if (Cases.isAlreadyDone(change)) throw new Error("already done");
  const order = Cases.orderAfter({ orderBefore: paid, change, caseBefore: first, now: at(2) }) ?? paid;
  expect(order.refundedMinor).toBe(refunded);
  return { order, second: dispute(order, "c2", "NOT_AS_DESCRIBED", 40_00) };
}

const resolve = (c: Case, order: Order, outcome: Cases.ResolveCaseInput["outcome"]) =>
  Cases.resolve({ case: c, order, roles: ["SELLER"], now: at(3), input: { caseId: c.id, outcome } });

const codes = (r: { ok: boolean; errors?: { code: string }[] }) => (r.ok ? [] : r.errors!.map((e) => e.code));

describe("a dispute on an order already refunded in full on another case", () => {
  it("the seller settles it REFUNDED: the buyer's whole payment is back, no refund can be recorded on it", () => {
    const { order, second } = secondDispute(40_00);
    const refund = { caseId: "c2", kind: "FULL_REFUND" as const, amount: null, reference: null };
    expect(
      codes(Cases.recordRemedy({ case: second, order, id: "r2", roles: ["SELLER"], now: at(3), input: refund })),
    ).toEqual(["AMOUNT_ABOVE_POLICY"]);
    expect(Cases.actionsFor({ case: second, roles: ["SELLER"], order })).toContain("RESOLVE_BY_SELLER");
    const resolved = must<Cases.Change>(resolve(second, order, "REFUNDED"));
    expect(resolved.case).toMatchObject({ status: "RESOLVED", outcome: "REFUNDED" });
  });

  it("not as RETURNED_AND_REFUNDED: no return took place", () => {
    const { order, second } = secondDispute(40_00);
    expect(codes(resolve(second, order, "RETURNED_AND_REFUNDED"))).toEqual(["INVALID_TRANSITION"]);
  });

  it("while some of the payment is left to refund, REFUNDED needs a refund on the case, as before", () => {
    const { order, second } = secondDispute(39_99);
    expect(codes(resolve(second, order, "REFUNDED"))).toEqual(["INVALID_TRANSITION"]);
    expect(Cases.actionsFor({ case: second, roles: ["SELLER"], order })).not.toContain("RESOLVE_BY_SELLER");
  });
});

/** The CLAIM_SIZE factor of the case's risk. */
const claimSize = (c: Case, order: Order) =>
  Risk.caseRisk({ case: c, order, now: at(3), timeZone: "UTC" }).factors.find((f) => f.code === "CLAIM_SIZE")!;

describe("the claim size of a dispute on an order refunded on another case", () => {
  it("weighs what the order can still refund: nothing at stake once the whole payment is back", () => {
    const { order, second } = secondDispute(40_00);
    const factor = claimSize(second, order);
    expect(factor).toMatchObject({ value: 0, contribution: 0 });
    expect(Risk.inEnglish(factor.display)).toBe("$0.00 left of $40.00 claimed, $40.00 paid");
    expect(Risk.inEnglish(factor.explanation)).toBe(
      "The buyer claims $40.00, but only $0.00 of the order can still be refunded (the rest was refunded or is held " +
        "for a return): 0% of the $40.00 paid is at stake.",
    );
  });

  it("a claim above what is left counts what is left: 30.00 refunded elsewhere leaves 10.00, a quarter", () => {
    const { order, second } = secondDispute(30_00);
    const factor = claimSize(second, order);
    expect(factor.value).toBe(25);
    expect(Risk.inEnglish(factor.explanation)).toContain("only $10.00 of the order can still be refunded");
  });
});
