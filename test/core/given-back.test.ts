import { describe, expect, it } from "vitest";
import { type Case, Cases } from "@seller-ops/core";

/**
 * One rule says what a case gave back to the buyer (`Cases.givenBackOnCase`): refund remedies, money-back offers once
 * ACCEPTED, returns once REFUNDED and the platform's refund, each payment once. The buyer's claim counts it
 * (`refundedTowardClaim`), on the case and, for a case about the delay, on the order's other delay cases.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const T = "2026-11-20T00:00:00.000Z";

type Offer = Case["offers"][number];
type Return = Case["returns"][number];

const offer = (kind: Offer["kind"], amountMinor: number, status: Offer["status"]): Offer => ({
  id: `of-${kind}-${status}`,
  kind,
  amount: USD(amountMinor),
  percentOff: null,
  note: null,
  status,
  madeAt: T,
  expiresAt: T,
  answeredAt: status === "PENDING" ? null : T,
});

const returned = (status: Return["status"], amountMinor: number): Return => ({
  id: "of-REFUND_WITH_RETURN-ACCEPTED",
  kind: "REFUND_WITH_RETURN",
  status,
  refund: USD(amountMinor),
  authorisedAt: T,
  shipBackBy: T,
  returnShipment: null,
  receiveBy: null,
  receivedAt: null,
  settleBy: null,
  refundedAt: status === "REFUNDED" ? T : null,
  replacementShipment: null,
  endedAt: null,
  receiptOverdueAt: null,
  settlementOverdueAt: null,
});

type Records = Pick<Case, "id" | "reason" | "remedies" | "offers" | "returns" | "platformRefund" | "resolvedAt">;
const kase = (over: Partial<Records> = {}): Records => ({
  id: "c1",
  reason: "DAMAGED",
  remedies: [],
  offers: [],
  returns: [],
  platformRefund: null,
  resolvedAt: null,
  ...over,
});

describe("what a case gave back to the buyer", () => {
  it("counts an accepted partial refund or discount, never one pending, declined, withdrawn or expired", () => {
    const offers = [
      offer("PARTIAL_REFUND", 7_00, "ACCEPTED"),
      offer("DISCOUNT", 2_00, "ACCEPTED"),
      offer("PARTIAL_REFUND", 1_00, "PENDING"),
      offer("PARTIAL_REFUND", 1_00, "DECLINED"),
      offer("DISCOUNT", 1_00, "WITHDRAWN"),
      offer("DISCOUNT", 1_00, "EXPIRED"),
    ];
    expect(Cases.refundedTowardClaim(kase({ offers }), undefined)).toBe(9_00);
  });

  it("counts no goodwill: an accepted coupon, gift or free shipping is compensation, not money back", () => {
    const offers = [offer("COUPON", 5_00, "ACCEPTED"), offer("GIFT", 1_00, "ACCEPTED")];
    expect(Cases.refundedTowardClaim(kase({ offers }), undefined)).toBe(0);
  });

  it("counts a return's refund once it is REFUNDED, and its accepted return offer not again", () => {
    const accepted = offer("REFUND_WITH_RETURN", 15_00, "ACCEPTED");
    const travelling = kase({ offers: [accepted], returns: [returned("SHIPPED_BACK", 15_00)] });
    expect(Cases.refundedTowardClaim(travelling, undefined)).toBe(0);
    const refunded = kase({ offers: [accepted], returns: [returned("REFUNDED", 15_00)] });
    expect(Cases.refundedTowardClaim(refunded, undefined)).toBe(15_00);
    expect(Cases.givenBackOf(refunded)).toEqual([{ at: T, amountMinor: 15_00 }]);
  });

  it("counts the platform's refund at its decision, and the refund remedies", () => {
    const remedy = { id: "r1", kind: "PARTIAL_REFUND" as const, amount: USD(3_00), note: null, reference: null };
    const c = kase({ remedies: [{ ...remedy, recordedAt: T }], platformRefund: USD(4_00), resolvedAt: T });
    expect(Cases.refundedTowardClaim(c, undefined)).toBe(7_00);
  });

  it("counts on a delay claim what the order's other delay cases gave back, any form; not on another dispute", () => {
    const incident = kase({ id: "late", reason: "LATE_SHIPMENT", offers: [offer("DISCOUNT", 4_00, "ACCEPTED")] });
    const decided = kase({ id: "c3", reason: "NOT_RECEIVED", platformRefund: USD(1_00), resolvedAt: T });
    const damaged = kase({ id: "c4", reason: "DAMAGED", offers: [offer("PARTIAL_REFUND", 9_00, "ACCEPTED")] });
    const dispute = kase({ id: "c2", reason: "NOT_SHIPPED" });
    expect(Cases.refundedTowardClaim(dispute, [incident, decided, damaged])).toBe(5_00);
    expect(Cases.refundedTowardClaim(kase({ id: "c5" }), [incident, decided, damaged])).toBe(0);
  });
});
