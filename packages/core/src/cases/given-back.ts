import { givesMoneyBack } from "../compensation";
import { sumMinor } from "../money";
import { REFUND_REMEDIES, type Case } from "./shapes";

/**
 * The records of a case that say what it gave back to the buyer: the one rule the case money rules (a buyer's claim,
 * `refundedTowardClaim`), the risk factors (CLAIM_SIZE) and the stats (`Stats.caseDeltas`) read.
 */
export type GivenBackRecords = Pick<Case, "remedies" | "offers" | "returns" | "platformRefund" | "resolvedAt">;

/** One payment back to the buyer on a case: when, and how much in the order currency. */
export interface GivenBack {
  at: string;
  amountMinor: number;
}

/**
 * Every payment the case gave back to the buyer, each once, dated: the money the seller or the platform moved into
 * the order's refunded total on this case.
 * - a refund remedy (`REFUND_REMEDIES`: full, partial, return-and-refund), when recorded;
 * - a money-back offer (`givesMoneyBack`: a partial refund, a discount on the order) once the buyer ACCEPTED it, when
 *   answered; one pending, declined, withdrawn or expired gave nothing, and goodwill (a coupon, a gift, free shipping)
 *   is compensation, not money back;
 * - a return once REFUNDED, its refund, when refunded. The return offer the buyer accepted to start it (ACCEPTED, with
 *   the same amount) is the same payment promised, not another: it counts only through its return, and a return
 *   voided, cancelled or lapsed gave nothing;
 * - the platform's refund when it decided the case for the buyer (`Case.platformRefund`), at its resolution.
 * No record makes another: accepting an offer records no remedy, refunding a return records no remedy, and the
 * decision's refund is neither; each of them moved the order's refunded total once. A refund sent again under its
 * reference is answered as already recorded, so it is one remedy.
 */
export function givenBackOf(c: GivenBackRecords): GivenBack[] {
  return [
    ...c.remedies
      .filter((r) => REFUND_REMEDIES.includes(r.kind) && r.amount)
      .map((r) => ({ at: r.recordedAt, amountMinor: r.amount!.amountMinor })),
    ...c.offers
      .filter((o) => o.status === "ACCEPTED" && givesMoneyBack(o.kind))
      .map((o) => ({ at: o.answeredAt!, amountMinor: o.amount.amountMinor })),
    ...c.returns
      .filter((r) => r.status === "REFUNDED" && r.refund)
      .map((r) => ({ at: r.refundedAt!, amountMinor: r.refund!.amountMinor })),
    ...(c.platformRefund && c.resolvedAt ? [{ at: c.resolvedAt, amountMinor: c.platformRefund.amountMinor }] : []),
  ];
}

/** What the case gave back to the buyer in all (`givenBackOf`), in the order currency: 0 for none. */
export function givenBackOnCase(c: GivenBackRecords | null): number {
  return c ? sumMinor(givenBackOf(c).map((g) => g.amountMinor)) : 0;
}
