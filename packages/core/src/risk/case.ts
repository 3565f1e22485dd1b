import { assertNever } from "../errors";
import {
  actionsFor,
  evidenceBySide,
  givenBackOnCase,
  owesAnswer,
  remedyEvidence,
  type Case,
  type CaseStatus,
} from "../cases";
import { anythingLeftToOffer, refundableMinor } from "../compensation";
import { text, type Text } from "../i18n/texts";
import type { ReturnStep } from "../i18n/texts-risk-factors";
import type { Order } from "../orders";
import { remedyPlan } from "../remedies";
import { deadlineOf, openReturnOf, OWED_BY, type Return } from "../returns";
import { HOUR_MS, toMs, type Instant } from "../time";
import {
  actionsOf,
  stepAction,
  takeableOn,
  RISK_MODEL,
  type ActionCode,
  type RecommendedAction,
  type RiskAssessment,
  type RiskModel,
} from "./model";
import { assemble, deadlineFactor, hoursToMinute, round2, wholePercent, type FactorDraft } from "./score";

export interface CaseRiskInput {
  case: Case;
  /** The order the case is about: the claim is compared with what the buyer paid. */
  order: Order;
  now: Instant;
  /** The seller's time zone: the remedy plan of a late-shipment case counts days late on its calendar. */
  timeZone: string;
  rules?: RiskModel;
}

/** Whether a case can still move: resolved and closed cases cannot escalate any more. */
export function isOpenStatus(status: CaseStatus): boolean {
  switch (status) {
    case "AWAITING_SELLER":
    case "AWAITING_BUYER":
    case "OFFER_PENDING":
    case "RETURN_IN_PROGRESS":
    case "ESCALATED":
      return true;
    case "RESOLVED":
    case "CLOSED":
      return false;
    default:
      return assertNever(status);
  }
}

/**
 * How likely the case escalates to the platform (or, once escalated, is decided against the
 * seller). An escalated case is CRITICAL; a resolved or closed one scores 0. A seller reply never
 * raises the score: it can only clear the deadline, no-reply and unanswered-message factors.
 * @example caseRisk({ case: escalatedCase, order, now, timeZone: "Asia/Shanghai" }).level // "CRITICAL"
 */
export function caseRisk(input: CaseRiskInput): RiskAssessment {
  const model = input.rules ?? RISK_MODEL;
  const { case: c, order, now, timeZone } = input;
  const open = isOpenStatus(c.status);
  const drafts = [
    escalated(c, open, model),
    respondByDeadline(c, open, now, model),
    noSellerReply(c, open, now, model),
    unansweredMessages(c, open, model),
    rejectedOffers(c, open, model),
    claimSize(c, order, open, model),
    caseReason(c, open, model),
  ];
  return assemble(drafts, () => caseActions(c, order, open, now, timeZone, model), model, now);
}

/** The one sentence every factor of an ended case says. */
const closedSentence = (c: Case): Text =>
  text("risk.case.closed", {
    status: c.status === "CLOSED" ? "CLOSED" : "RESOLVED",
    outcome: c.outcome,
    since: c.resolvedAt,
  });

// Each factor below decides its value and share first; its words (`display`, `explanation`) are
// a closure over the same facts, called only when the assessment's factors are read.

function escalated(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const isEscalated = c.status === "ESCALATED";
  return {
    code: "ESCALATED",
    unit: "FLAG",
    weight: model.case.weights.ESCALATED,
    value: isEscalated ? 1 : 0,
    share: open && isEscalated ? 1 : 0,
    words() {
      if (!open) {
        const state = c.escalatedAt ? "WAS_ESCALATED" : "NOT_ESCALATED";
        return { display: text("risk.display.escalated", { state }), explanation: closedSentence(c) };
      }
      if (isEscalated)
        return {
          display: text("risk.display.escalated", { state: "ESCALATED" }),
          explanation: text("risk.case.escalated", { since: c.escalatedAt, ...escalatedBy(c) }),
        };
      return {
        display: text("risk.display.escalated", { state: "NOT_ESCALATED" }),
        explanation: text("risk.case.notEscalated", {}),
      };
    },
  };
}

/**
 * Who escalated the case, from what it keeps: the case-deadline job escalates only for a seller past a return's
 * `receiveBy` or `settleBy` (returns/verbs.ts `returnDeadline`), stamping that return's `receiptOverdueAt` or
 * `settlementOverdueAt` with the instant it sets `escalatedAt`. Any other escalation is the buyer's ESCALATE (a
 * marketplace key escalates for the buyer); the seller has no such move. A return flagged after the buyer escalated
 * carries a later stamp: the escalation stays the buyer's.
 */
function escalatedBy(c: Case): { by: "BUYER" } | { by: "MISSED_RETURN_DEADLINE"; step: ReturnStep; deadline: Instant } {
  const at = c.escalatedAt === null ? null : toMs(c.escalatedAt);
  const stamped = (overdueAt: Instant | null) => at !== null && overdueAt !== null && toMs(overdueAt) === at;
  for (const r of c.returns) {
    if (stamped(r.receiptOverdueAt) && r.receiveBy)
      return { by: "MISSED_RETURN_DEADLINE", step: "CONFIRM_RECEIPT", deadline: r.receiveBy };
    if (stamped(r.settlementOverdueAt) && r.settleBy) {
      const step = r.kind === "REFUND_WITH_RETURN" ? "REFUND" : "SHIP_REPLACEMENT";
      return { by: "MISSED_RETURN_DEADLINE", step, deadline: r.settleBy };
    }
  }
  return { by: "BUYER" };
}

function respondByDeadline(c: Case, open: boolean, now: Instant, model: RiskModel): FactorDraft {
  const base = {
    code: "RESPOND_BY_DEADLINE" as const,
    unit: "HOURS" as const,
    weight: model.case.weights.RESPOND_BY_DEADLINE,
  };
  if (!open) {
    return {
      ...base,
      value: 0,
      share: 0,
      words() {
        return { display: text("risk.display.caseStatus", { status: c.status }), explanation: closedSentence(c) };
      },
    };
  }
  // A return under way binds the seller to its own deadlines once the goods are on their way back.
  const ret = openReturnOf(c.returns);
  if (ret) return returnDeadline(base, ret, now, model);
  // respondBy binds only while the seller owes an answer (`owesAnswer`: the case awaits it, or the buyer wrote while
  // its offer was pending, which the case-deadline job watches too); after an answer the buyer has the move.
  if (!owesAnswer(c)) {
    return {
      ...base,
      value: 0,
      share: 0,
      words() {
        return {
          display: text("risk.display.answered", {}),
          explanation: text("risk.case.notAwaitingSeller", { status: c.status }),
        };
      },
    };
  }
  const curve = model.case.respondByCurve;
  const h = (toMs(c.respondBy) - toMs(now)) / HOUR_MS;
  const respondBy = c.respondBy;
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve,
    overdue: h < 0,
    explain(overdue) {
      if (overdue) return text("risk.case.respondByOverdue", { hours: hoursToMinute(-h), respondBy });
      return h >= curve.horizonHours
        ? text("risk.case.respondByFar", { hours: hoursToMinute(h), respondBy, horizonHours: curve.horizonHours })
        : text("risk.case.respondByNear", { hours: hoursToMinute(h), respondBy });
    },
  });
}

/**
 * The deadline factor while a return is under way: nothing while the buyer owes the parcel; once
 * it is on its way back, the seller's `receiveBy`, then `settleBy` after receipt, on the same curve
 * as `respondBy`. A return stuck after receipt counts in full soon after `settleBy`: the job escalates it.
 */
function returnDeadline(
  base: { code: "RESPOND_BY_DEADLINE"; unit: "HOURS"; weight: number },
  r: Return,
  now: Instant,
  model: RiskModel,
): FactorDraft {
  const deadline = deadlineOf(r)!;
  if (OWED_BY[r.status] !== "SELLER") {
    return {
      ...base,
      value: 0,
      share: 0,
      words() {
        return {
          display: text("risk.display.returnAwaited", {}),
          explanation: text("risk.case.returnAwaited", { shipBackBy: deadline }),
        };
      },
    };
  }
  const h = (toMs(deadline) - toMs(now)) / HOUR_MS;
  const step: ReturnStep =
    r.status === "SHIPPED_BACK" ? "CONFIRM_RECEIPT" : r.kind === "REFUND_WITH_RETURN" ? "REFUND" : "SHIP_REPLACEMENT";
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve: model.case.respondByCurve,
    overdue: h < 0,
    explain(overdue) {
      return overdue
        ? text("risk.case.returnOverdue", { step, hours: hoursToMinute(-h), deadline })
        : text("risk.case.returnLeft", { step, hours: hoursToMinute(h), deadline });
    },
  });
}

function noSellerReply(c: Case, open: boolean, now: Instant, model: RiskModel): FactorDraft {
  const replied = c.firstResponseAt !== null;
  return {
    code: "NO_SELLER_REPLY",
    unit: "FLAG",
    weight: model.case.weights.NO_SELLER_REPLY,
    value: replied ? 0 : 1,
    share: open && !replied ? 1 : 0,
    words() {
      return {
        display: text("risk.display.replied", { replied }),
        explanation: !open ? closedSentence(c) : replySentence(c, now),
      };
    },
  };
}

function replySentence(c: Case, now: Instant): Text {
  if (c.firstResponseAt !== null)
    return text("risk.case.replied", {
      at: c.firstResponseAt,
      afterDeadline: c.firstResponseWithinDeadline === false,
    });
  const age = (toMs(now) - toMs(c.openedAt)) / HOUR_MS;
  return text("risk.case.noReply", { openedAt: c.openedAt, hours: hoursToMinute(Math.max(0, age)) });
}

function unansweredMessages(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const n = c.unansweredBuyerMessages;
  const fullAt = model.case.unansweredFullAt;
  return {
    code: "UNANSWERED_BUYER_MESSAGES",
    unit: "COUNT",
    weight: model.case.weights.UNANSWERED_BUYER_MESSAGES,
    value: n,
    share: open && n > 0 ? n / fullAt : 0,
    words() {
      return {
        display: text("risk.display.messages", { count: n }),
        explanation: !open
          ? closedSentence(c)
          : n === 0
            ? text("risk.case.noUnansweredMessages", {})
            : text("risk.case.unansweredMessages", {
                count: n,
                lastAt: c.lastBuyerMessageAt,
                fullAt,
                escalated: c.status === "ESCALATED",
              }),
      };
    },
  };
}

function rejectedOffers(c: Case, open: boolean, model: RiskModel): FactorDraft {
  let declined = 0;
  let expired = 0;
  for (const o of c.offers) {
    if (o.status === "DECLINED") declined++;
    else if (o.status === "EXPIRED") expired++;
  }
  const n = declined + expired;
  return {
    code: "REJECTED_OFFERS",
    unit: "COUNT",
    weight: model.case.weights.REJECTED_OFFERS,
    value: n,
    share: open && n > 0 ? n / model.case.rejectedOffersFullAt : 0,
    words() {
      return {
        display: text("risk.display.offers", { count: n }),
        explanation: !open
          ? closedSentence(c)
          : n > 0
            ? text("risk.case.rejectedOffers", { declined, expired })
            : c.offers.length === 0
              ? text("risk.case.noOffers", {})
              : text("risk.case.noRejectedOffers", {}),
      };
    },
  };
}

function claimSize(c: Case, order: Order, open: boolean, model: RiskModel): FactorDraft {
  const base = { code: "CLAIM_SIZE" as const, unit: "PERCENT" as const, weight: model.case.weights.CLAIM_SIZE };
  const claim = c.claimAmount;
  const paid = order.buyerTotal;
  if (!claim || claim.currency !== paid.currency || paid.amountMinor <= 0) {
    return {
      ...base,
      value: 0,
      share: 0,
      words() {
        return {
          display: text("risk.display.claim", { claim, paid: null }),
          explanation: !open
            ? closedSentence(c)
            : claim
              ? text("risk.case.claimIncomparable", { claim, paid })
              : text("risk.case.noClaim", {}),
        };
      },
    };
  }
  const { refundedMinor, leftMinor, capped } = claimStanding(c, order)!;
  const left = { amountMinor: leftMinor, currency: claim.currency };
  const ratio = left.amountMinor / paid.amountMinor;
  const refunded = refundedMinor > 0 ? { amountMinor: refundedMinor, currency: claim.currency } : null;
  return {
    ...base,
    value: round2(ratio * 100),
    share: open ? ratio : 0,
    words() {
      const percent = wholePercent(ratio);
      return {
        display: text("risk.display.claim", { claim, paid, left: refunded || capped ? left : null }),
        explanation: !open
          ? closedSentence(c)
          : capped
            ? text("risk.case.claimAboveRefundable", { claim, left, paid, percent })
            : refunded
              ? text("risk.case.claimLeft", { claim, refunded, left, paid, percent })
              : text("risk.case.claim", { claim, paid, percent }),
      };
    },
  };
}

/**
 * What the buyer still claims on the case: the claim less what was already given back on the case (`givenBackOnCase`,
 * the case money rules' own), never below zero, and never more than the order can still refund to it: what is
 * refundable and what is held for this case's own returns (`capped` when that is the smaller). A second dispute on an
 * order refunded in full on another case puts nothing at stake, however much it claims. Null without a claim
 * comparable with what the buyer paid.
 */
function claimStanding(c: Case, order: Order): { refundedMinor: number; leftMinor: number; capped: boolean } | null {
  const claim = c.claimAmount;
  if (!claim || claim.currency !== order.buyerTotal.currency || order.buyerTotal.amountMinor <= 0) return null;
  const refundedMinor = givenBackOnCase(c);
  const unpaid = Math.max(0, claim.amountMinor - refundedMinor);
  const refundable = refundableMinor(order) + heldForCase(c, order);
  return { refundedMinor, leftMinor: Math.min(unpaid, refundable), capped: refundable < unpaid };
}

/** What the order holds for the case's own returns (`Order.heldForReturns`): refundable to this case alone. */
function heldForCase(c: Case, order: Order): number {
  return c.returns.reduce((held, r) => held + (order.heldForReturns[r.id] ?? 0), 0);
}

function caseReason(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const share = model.case.reasonShare[c.reason];
  return {
    code: "CASE_REASON",
    unit: "CATEGORY",
    weight: model.case.weights.CASE_REASON,
    value: share,
    share: open ? share : 0,
    words() {
      return {
        display: text("risk.display.caseReason", { reason: c.reason }),
        explanation: open ? text("risk.case.reason", { reason: c.reason }) : closedSentence(c),
      };
    },
  };
}

/**
 * What to do, most urgent first, only among what the case state machine lets the seller do now:
 * for a late-shipment case, the remedy plan's open steps; otherwise reply, then a concrete
 * solution, then an offer.
 */
function caseActions(
  c: Case,
  order: Order,
  open: boolean,
  now: Instant,
  timeZone: string,
  model: RiskModel,
): RecommendedAction[] {
  if (!open) return [];
  const allowed = new Set(actionsFor({ case: c, roles: ["SELLER"], order, now }));
  const codes: ActionCode[] = [];
  let gestureNotDue = false;
  if (c.reason === "LATE_SHIPMENT" || c.reason === "NOT_SHIPPED") {
    const plan = remedyPlan(order, now, timeZone, remedyEvidence(c, order, now));
    // A step awaiting the buyer (an offer made here or on another case about the delay) is the buyer's move; one
    // not due yet (a system error's goodwill gesture before the problem is solved) is nobody's yet.
    if (plan)
      for (const step of plan.steps)
        if (step.status === "NOT_STARTED") codes.push(stepAction(step.code, order, now, model));
    gestureNotDue = plan?.steps.some((s) => s.status === "NOT_DUE") ?? false;
  }
  const waitsForSeller = c.status === "AWAITING_SELLER" || c.status === "ESCALATED" || c.unansweredBuyerMessages > 0;
  if (waitsForSeller && !codes.includes("CONTACT_BUYER")) codes.push("POST_SELLER_MESSAGE");
  // A claim asks for a concrete solution while some of it is still unpaid and refundable (`CLAIM_SIZE`'s own figure):
  // a case refunded in full, or whose order has nothing left to refund, is not told to give another refund.
  const claim = claimStanding(c, order);
  if (
    c.status === "ESCALATED" ||
    c.offers.some((o) => o.status === "DECLINED" || o.status === "EXPIRED") ||
    (c.claimAmount && (claim === null || claim.leftMinor > 0))
  )
    codes.push("RECORD_REMEDY");
  // An offer only where the policy leaves something to offer: one beyond what is left would be refused.
  // Nor while the plan's goodwill gesture is not due yet (a system error not solved): the guide gives it after.
  const offered = codes.includes("OFFER_COMPENSATION") || codes.includes("GOODWILL_GESTURE") || gestureNotDue;
  if (c.status === "AWAITING_SELLER" && !offered && anythingLeftToOffer(order)) codes.push("MAKE_OFFER");
  const ret = openReturnOf(c.returns);
  if (ret && OWED_BY[ret.status] === "SELLER") codes.unshift("SETTLE_RETURN");
  // Evidence changes no score (an escalated case is already CRITICAL, and a piece of evidence says
  // nothing of its weight), but the platform decides on what each side showed: a seller with
  // none, on an escalated case or against the buyer's evidence, is told to submit its own.
  const evidence = evidenceBySide(c);
  if (evidence.SELLER.length === 0 && (c.status === "ESCALATED" || evidence.BUYER.length > 0))
    codes.push("SUBMIT_EVIDENCE");
  return actionsOf(codes.filter((code) => takeableOn(allowed, code)));
}
