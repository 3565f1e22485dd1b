import type { CaseOutcome, CaseStatus } from "../cases/machine";
import type { CaseReason } from "../cases/shapes";
import type { Money } from "../money";
import type { OrderStatus } from "../orders/shapes";
import type { Instant } from "../time";

/** What the case factor ESCALATED reads: escalated now, escalated before it ended, never escalated. */
export type EscalationState = "ESCALATED" | "WAS_ESCALATED" | "NOT_ESCALATED";

/** A case that can no longer move. */
export type EndedCaseStatus = Extract<CaseStatus, "RESOLVED" | "CLOSED">;

/** What the seller owes on a return the buyer has sent back: the receipt, then the refund or the replacement. */
export type ReturnStep = "CONFIRM_RECEIPT" | "REFUND" | "SHIP_REPLACEMENT";

/**
 * Risk factors (core/src/risk): each factor's `display` (its value written for people) for order and
 * case factors, and the case factors' explanations. Hours are given rounded to one decimal and
 * positive (the sentence says "overdue" or "left"); percents as whole numbers unless named otherwise.
 */
export interface RiskFactorTextParams {
  "risk.display.deadline": { hours: number; overdue: boolean };
  "risk.display.orderStatus": { status: OrderStatus };
  "risk.display.handlingUsed": { usedPercent: number };
  "risk.display.expedited": { expedited: boolean };
  /** One decimal. */
  "risk.display.lateRate": { ratePercent: number };
  /** A rate with nothing to count yet: said so, not 0 %, the worst figure of a rate where higher is better. */
  "risk.display.noData": Record<string, never>;
  "risk.display.openCases": { count: number };
  /** `ratio` to the seller's 30-day average order, one decimal; null without an average. */
  "risk.display.orderValue": { amount: Money; ratio: number | null };
  "risk.display.escalated": { state: EscalationState };
  "risk.display.caseStatus": { status: CaseStatus };
  "risk.display.answered": Record<string, never>;
  "risk.display.returnAwaited": Record<string, never>;
  "risk.display.replied": { replied: boolean };
  "risk.display.messages": { count: number };
  "risk.display.offers": { count: number };
  /** `paid` is null when the claim cannot be compared with it (another currency, nothing paid). */
  /** `left`: the claim less the refunds given on the case, when there were any (null when none). */
  "risk.display.claim": { claim: Money | null; paid: Money | null; left?: Money | null };
  "risk.display.caseReason": { reason: CaseReason };

  "risk.case.closed": { status: EndedCaseStatus; outcome: CaseOutcome | null; since: Instant | null };
  /**
   * An escalated case, by who escalated it: the buyer, or the case-deadline job when the seller missed a return's
   * `deadline` for `step` (the platform's rule, no one's request). `since` is when it was escalated.
   */
  "risk.case.escalated":
    | { since: Instant | null; by: "BUYER" }
    | { since: Instant | null; by: "MISSED_RETURN_DEADLINE"; step: ReturnStep; deadline: Instant };
  "risk.case.notEscalated": Record<string, never>;
  "risk.case.notAwaitingSeller": { status: CaseStatus };
  "risk.case.respondByOverdue": { hours: number; respondBy: Instant };
  "risk.case.respondByFar": { hours: number; respondBy: Instant; horizonHours: number };
  "risk.case.respondByNear": { hours: number; respondBy: Instant };
  "risk.case.returnAwaited": { shipBackBy: Instant };
  "risk.case.returnOverdue": { step: ReturnStep; hours: number; deadline: Instant };
  "risk.case.returnLeft": { step: ReturnStep; hours: number; deadline: Instant };
  "risk.case.replied": { at: Instant; afterDeadline: boolean };
  "risk.case.noReply": { openedAt: Instant; hours: number };
  "risk.case.noUnansweredMessages": Record<string, never>;
  /** `escalated`: the case is escalated already, so the warning that such a buyer escalates is no longer said. */
  "risk.case.unansweredMessages": { count: number; lastAt: Instant | null; fullAt: number; escalated: boolean };
  "risk.case.noOffers": Record<string, never>;
  "risk.case.noRejectedOffers": Record<string, never>;
  "risk.case.rejectedOffers": { declined: number; expired: number };
  "risk.case.noClaim": Record<string, never>;
  "risk.case.claimIncomparable": { claim: Money; paid: Money };
  "risk.case.claim": { claim: Money; paid: Money; percent: number };
  "risk.case.claimLeft": { claim: Money; refunded: Money; left: Money; paid: Money; percent: number };
  "risk.case.claimAboveRefundable": { claim: Money; left: Money; paid: Money; percent: number };
  "risk.case.reason": { reason: CaseReason };
}

export type RiskFactorKey = keyof RiskFactorTextParams;
