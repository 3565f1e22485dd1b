import { describe, expect, it } from "vitest";
import { type Case, Cases, type Order, Time } from "@seller-ops/core";
import { buyerDispute, must, shippedOrder } from "../support/core-orders";

/**
 * A refund's reference is one refund however it is spelled in Unicode. Ids and references are folded to NFKC on the
 * way in (`Inputs.Identifier`), but an earlier release stored them as typed: a refund recorded then as `ＲＦ１２３`
 * (a Chinese input method's full-width letters) and sent again today, folded to `RF123`, is that refund, answered as
 * already recorded, never a second refund counted on the order.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);
const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const AS_STORED_BEFORE = "ＲＦ１２３";
const AS_SENT_NOW = "RF123";

const dispute = (order: Order, id: string) => buyerDispute({ order, id, reason: "DAMAGED", now: START });

function refund(c: Case, order: Order, reference: string, amountMinor: number, others?: Case[]) {
  const input = { caseId: c.id, kind: "PARTIAL_REFUND" as const, amount: USD(amountMinor), reference };
  return Cases.recordRemedy({
    case: c,
    order,
    id: `r-${reference}`,
    roles: ["SELLER"],
    now: at(2),
    input,
    otherCasesOfOrder: others,
  });
}

/** A 40.00 order with a dispute on which an earlier release recorded a 10.00 refund under `AS_STORED_BEFORE`. */
function recordedBefore() {
  const order = shippedOrder(START, USD(40_00));
  const first = dispute(order, "c1");
  const change = must<Cases.Change | Cases.AlreadyDone>(refund(first, order, AS_STORED_BEFORE, 10_00));
  if (Cases.isAlreadyDone(change)) throw new Error("already done");
  expect(change.case.remedies.at(-1)!.reference).toBe(AS_STORED_BEFORE);
  const refunded = Cases.orderAfter({ orderBefore: order, change, caseBefore: first, now: at(1) }) ?? order;
  return { order: refunded, first: change.case };
}

describe("a refund reference stored as typed by an earlier release, sent again folded", () => {
  it("on the same case, same kind and amount: answered as already recorded, nothing added", () => {
    const { order, first } = recordedBefore();
    const again = must<Cases.Change | Cases.AlreadyDone>(refund(first, order, AS_SENT_NOW, 10_00));
    expect(Cases.isAlreadyDone(again)).toBe(true);
  });

  it("on the same case with another amount: DUPLICATE_REFUND", () => {
    const { order, first } = recordedBefore();
    const other = refund(first, order, AS_SENT_NOW, 5_00);
    expect(other.ok ? [] : other.errors.map((e) => e.code)).toEqual(["DUPLICATE_REFUND"]);
  });

  it("on another case of the order: DUPLICATE_REFUND naming the first case", () => {
    const { order, first } = recordedBefore();
    const second = dispute(order, "c2");
    const elsewhere = refund(second, order, AS_SENT_NOW, 10_00, [first]);
    expect(elsewhere.ok ? [] : elsewhere.errors.map((e) => e.code)).toEqual(["DUPLICATE_REFUND"]);
    if (!elsewhere.ok) expect(elsewhere.errors[0]!.message).toContain("c1");
  });
});
