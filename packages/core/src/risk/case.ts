import { assertNever } from "../errors";
import { actionsFor, evidenceBySide, remedyEvidence, type Case, type CaseReason, type CaseStatus } from "../cases";
import { format } from "../money";
import type { Order } from "../orders";
import { remedyPlan } from "../remedies";
import { deadlineOf, openReturnOf, OWED_BY } from "../returns";
import { HOUR_MS, toMs, type Instant } from "../time";
import {
  action,
  ACTIONS,
  RISK_MODEL,
  type ActionCode,
  type RecommendedAction,
  type RiskAssessment,
  type RiskModel,
} from "./model";
import { assemble, deadlineFactor, hours, plural, round2, when, type FactorDraft } from "./score";

export interface CaseRiskInput {
  case: Case;
  /** The order the case is about: the claim is compared with what the buyer paid. */
  order: Order;
  now: Instant;
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
 * @example caseRisk({ case: escalatedCase, order, now }).level // "CRITICAL"
 */
export function caseRisk(input: CaseRiskInput): RiskAssessment {
  const model = input.rules ?? RISK_MODEL;
  const { case: c, order, now } = input;
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
  return assemble(drafts, caseActions(c, order, open, now), model, now);
}

const closedSentence = (c: Case) => {
  const outcome = c.outcome ? ` (${c.outcome})` : "";
  const since = c.resolvedAt ? ` since ${when(c.resolvedAt)}` : "";
  return `The case is ${c.status.toLowerCase()}${outcome}${since}: it can no longer escalate.`;
};

function escalated(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const isEscalated = c.status === "ESCALATED";
  const base = {
    code: "ESCALATED" as const,
    unit: "FLAG" as const,
    weight: model.case.weights.ESCALATED,
    value: isEscalated ? 1 : 0,
  };
  if (!open)
    return {
      ...base,
      display: c.escalatedAt ? "was escalated" : "not escalated",
      share: 0,
      explanation: closedSentence(c),
    };
  if (isEscalated) {
    return {
      ...base,
      display: "escalated",
      share: 1,
      explanation:
        `The buyer escalated the case to the platform${c.escalatedAt ? ` on ${when(c.escalatedAt)}` : ""}: the ` +
        `platform now decides, and a decision for the buyer counts against the seller.`,
    };
  }
  return {
    ...base,
    display: "not escalated",
    share: 0,
    explanation: "The case has not been escalated to the platform.",
  };
}

function respondByDeadline(c: Case, open: boolean, now: Instant, model: RiskModel): FactorDraft {
  const base = {
    code: "RESPOND_BY_DEADLINE" as const,
    unit: "HOURS" as const,
    weight: model.case.weights.RESPOND_BY_DEADLINE,
  };
  if (!open) return { ...base, value: 0, display: c.status.toLowerCase(), share: 0, explanation: closedSentence(c) };
  // A return under way binds the seller to its own deadlines once the goods are on their way back.
  const ret = openReturnOf(c.returns);
  if (ret) return returnDeadline(base, ret, now, model);
  // respondBy binds only while the case waits for the seller; after an answer the buyer has the move.
  if (c.status !== "AWAITING_SELLER") {
    return {
      ...base,
      value: 0,
      display: "answered",
      share: 0,
      explanation: `The case does not wait for a seller answer now (${STATUS_WORDS[c.status]}).`,
    };
  }
  const curve = model.case.respondByCurve;
  const h = (toMs(c.respondBy) - toMs(now)) / HOUR_MS;
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve,
    overdue: h < 0,
    explanation: {
      overdue:
        `The seller had to answer by ${when(c.respondBy)}, ${hours(h)} ago, and has not: the buyer can take the ` +
        `case to the platform at any moment.`,
      left:
        h >= curve.horizonHours
          ? `${hours(h)} are left to answer before the respond-by deadline (${when(c.respondBy)}); it only starts ` +
            `to count in its last ${curve.horizonHours} hours.`
          : `Only ${hours(h)} are left to answer before the respond-by deadline (${when(c.respondBy)}).`,
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
  r: import("../returns").Return,
  now: Instant,
  model: RiskModel,
): FactorDraft {
  const deadline = deadlineOf(r)!;
  if (OWED_BY[r.status] !== "SELLER") {
    return {
      ...base,
      value: 0,
      display: "return awaited",
      share: 0,
      explanation:
        `A return is under way: the buyer ships the goods back by ${when(deadline)}; the seller owes nothing until ` +
        `they arrive.`,
    };
  }
  const h = (toMs(deadline) - toMs(now)) / HOUR_MS;
  const step =
    r.status === "SHIPPED_BACK"
      ? "confirm receipt of the returned goods"
      : r.kind === "REFUND_WITH_RETURN"
        ? "refund the received return"
        : "ship the replacement";
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve: model.case.respondByCurve,
    overdue: h < 0,
    explanation: {
      overdue:
        `The seller had to ${step} by ${when(deadline)}, ${hours(h)} ago: the buyer has sent the goods back and ` +
        `waits on the seller alone, so the case goes to the platform.`,
      left: `${hours(h)} are left to ${step} (by ${when(deadline)}).`,
    },
  });
}

function noSellerReply(c: Case, open: boolean, now: Instant, model: RiskModel): FactorDraft {
  const replied = c.firstResponseAt !== null;
  const base = {
    code: "NO_SELLER_REPLY" as const,
    unit: "FLAG" as const,
    weight: model.case.weights.NO_SELLER_REPLY,
    value: replied ? 0 : 1,
    display: replied ? "replied" : "no reply yet",
  };
  if (!open) return { ...base, share: 0, explanation: closedSentence(c) };
  if (replied)
    return {
      ...base,
      share: 0,
      explanation:
        `The seller first replied on ` +
        `${when(c.firstResponseAt!)}${c.firstResponseWithinDeadline === false ? ", after the deadline" : ""}.`,
    };
  const age = (toMs(now) - toMs(c.openedAt)) / HOUR_MS;
  return {
    ...base,
    share: 1,
    explanation:
      `The seller has not replied since the case was opened on ${when(c.openedAt)} (${hours(Math.max(0, age))} ` +
      `ago): the seller guide's first rule is to keep communication open and reply quickly.`,
  };
}

function unansweredMessages(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const n = c.unansweredBuyerMessages;
  const base = {
    code: "UNANSWERED_BUYER_MESSAGES" as const,
    unit: "COUNT" as const,
    weight: model.case.weights.UNANSWERED_BUYER_MESSAGES,
    value: n,
    display: plural(n, "message", "messages"),
  };
  if (!open) return { ...base, share: 0, explanation: closedSentence(c) };
  if (n === 0) return { ...base, share: 0, explanation: "No buyer message is waiting for an answer." };
  return {
    ...base,
    share: n / model.case.unansweredFullAt,
    explanation:
      `${plural(n, "buyer message is", "buyer messages are")} waiting for an ` +
      `answer${c.lastBuyerMessageAt ? ` (the last one from ${when(c.lastBuyerMessageAt)})` : ""}; a buyer who ` +
      `writes again and again without an answer escalates. The factor counts in full from ` +
      `${model.case.unansweredFullAt}.`,
  };
}

function rejectedOffers(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const declined = c.offers.filter((o) => o.status === "DECLINED").length;
  const expired = c.offers.filter((o) => o.status === "EXPIRED").length;
  const n = declined + expired;
  const base = {
    code: "REJECTED_OFFERS" as const,
    unit: "COUNT" as const,
    weight: model.case.weights.REJECTED_OFFERS,
    value: n,
    display: plural(n, "offer", "offers"),
  };
  if (!open) return { ...base, share: 0, explanation: closedSentence(c) };
  if (n === 0)
    return {
      ...base,
      share: 0,
      explanation:
        c.offers.length === 0 ? "No compensation offer was made yet." : "No offer was declined or left to expire.",
    };
  return {
    ...base,
    share: n / model.case.rejectedOffersFullAt,
    explanation: `${[
      declined > 0 ? `${plural(declined, "offer was", "offers were")} declined` : null,
      expired > 0 ? `${plural(expired, "offer", "offers")} expired unanswered` : null,
    ]
      .filter(Boolean)
      .join(" and ")}: the buyer wants a different solution, and the next step is often the platform.`,
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
      display: claim ? format(claim) : "no claim",
      share: 0,
      explanation: open
        ? claim
          ? `The claim of ${format(claim)} cannot be compared with the ${format(paid)} paid.`
          : "The buyer claims no amount."
        : closedSentence(c),
    };
  }
  const ratio = claim.amountMinor / paid.amountMinor;
  const display = `${format(claim)} of ${format(paid)}`;
  if (!open) return { ...base, value: round2(ratio * 100), display, share: 0, explanation: closedSentence(c) };
  return {
    ...base,
    value: round2(ratio * 100),
    display,
    share: ratio,
    explanation:
      `The buyer claims ${format(claim)}, ${Math.round(ratio * 100)}% of the ${format(paid)} paid: the more of the ` +
      `order is at stake, the less a buyer settles for a gesture.`,
  };
}

function caseReason(c: Case, open: boolean, model: RiskModel): FactorDraft {
  const share = model.case.reasonShare[c.reason];
  const base = {
    code: "CASE_REASON" as const,
    unit: "CATEGORY" as const,
    weight: model.case.weights.CASE_REASON,
    value: share,
    display: REASON_WORDS[c.reason],
  };
  if (!open) return { ...base, share: 0, explanation: closedSentence(c) };
  return { ...base, share, explanation: `${capitalise(REASON_WORDS[c.reason])}: ${REASON_WHY[c.reason]}` };
}

/**
 * What to do, most urgent first, only among what the case state machine lets the seller do now:
 * for a late-shipment case, the remedy plan's open steps; otherwise reply, then a concrete
 * solution, then an offer.
 */
function caseActions(c: Case, order: Order, open: boolean, now: Instant): RecommendedAction[] {
  if (!open) return [];
  const allowed = new Set(actionsFor({ case: c, roles: ["SELLER"] }));
  const codes: ActionCode[] = [];
  if (c.reason === "LATE_SHIPMENT" || c.reason === "NOT_SHIPPED") {
    const plan = remedyPlan(order, now, remedyEvidence(c));
    if (plan) for (const step of plan.steps) if (!step.done) codes.push(step.code);
  }
  const waitsForSeller = c.status === "AWAITING_SELLER" || c.status === "ESCALATED" || c.unansweredBuyerMessages > 0;
  if (waitsForSeller && !codes.includes("CONTACT_BUYER")) codes.push("POST_SELLER_MESSAGE");
  if (
    c.status === "ESCALATED" ||
    c.offers.some((o) => o.status === "DECLINED" || o.status === "EXPIRED") ||
    c.claimAmount
  )
    codes.push("RECORD_REMEDY");
  if (c.status === "AWAITING_SELLER" && !codes.includes("OFFER_COMPENSATION") && !codes.includes("GOODWILL_GESTURE"))
    codes.push("MAKE_OFFER");
  const ret = openReturnOf(c.returns);
  if (ret && OWED_BY[ret.status] === "SELLER") codes.unshift("SETTLE_RETURN");
  // Evidence changes no score (an escalated case is already CRITICAL, and a piece of evidence says
  // nothing of its weight), but the platform decides on what each side showed: a seller with
  // none, on an escalated case or against the buyer's evidence, is told to submit its own.
  const evidence = evidenceBySide(c);
  if (evidence.SELLER.length === 0 && (c.status === "ESCALATED" || evidence.BUYER.length > 0))
    codes.push("SUBMIT_EVIDENCE");
  return codes
    .filter((code) => {
      const caseAction = ACTIONS[code].caseAction;
      return caseAction === null || allowed.has(caseAction);
    })
    .map(action);
}

// Words for people, one per status and reason: a table typed over every value, so a new status or
// reason does not compile until it has its words.
const STATUS_WORDS: Record<CaseStatus, string> = {
  AWAITING_SELLER: "it waits for the seller",
  AWAITING_BUYER: "it waits for the buyer",
  OFFER_PENDING: "an offer waits for the buyer's answer",
  RETURN_IN_PROGRESS: "a return is under way",
  ESCALATED: "the platform decides",
  RESOLVED: "resolved",
  CLOSED: "closed",
};

const REASON_WORDS: Record<CaseReason, string> = {
  NOT_RECEIVED: "item not received",
  NOT_AS_DESCRIBED: "item not as described",
  QUALITY_ISSUE: "quality issue",
  DAMAGED: "item damaged",
  WRONG_ITEM: "wrong item",
  NOT_SHIPPED: "order not shipped",
  LATE_SHIPMENT: "late shipment",
  OTHER: "other reason",
};

const CHECKED_COMPLAINT =
  "the buyer has a concrete complaint the platform checks, and these disputes are the most often escalated " +
  "and decided for the buyer.";
const SHOWN_PROBLEM =
  "the buyer can show the problem; a replacement or a refund usually settles it before it escalates.";
const SELLER_CAN_FIX =
  "the seller can fix it by shipping with tracking and apologising, as the seller guide's remedy plan says.";

const REASON_WHY: Record<CaseReason, string> = {
  NOT_RECEIVED: CHECKED_COMPLAINT,
  NOT_AS_DESCRIBED: CHECKED_COMPLAINT,
  QUALITY_ISSUE: CHECKED_COMPLAINT,
  DAMAGED: SHOWN_PROBLEM,
  WRONG_ITEM: SHOWN_PROBLEM,
  NOT_SHIPPED: SELLER_CAN_FIX,
  LATE_SHIPMENT: SELLER_CAN_FIX,
  OTHER: "no specific complaint, the least likely to escalate.",
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
