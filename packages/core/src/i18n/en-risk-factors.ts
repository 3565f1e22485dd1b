import type { CaseOutcome, CaseStatus } from "../cases/machine";
import type { CaseReason } from "../cases/shapes";
import { count, hoursWord, ORDER_STATUS_EN, timeLeft } from "./en-risk";
import type { Writers } from "./texts";
import type { ReturnStep, RiskFactorKey } from "./texts-risk-factors";

/** English: what order and case risk factors read as (`display`), and why each case factor counts. */

/** A case's status as a factor's value. */
const CASE_STATUS: Record<CaseStatus, string> = {
  AWAITING_SELLER: "awaiting seller",
  AWAITING_BUYER: "awaiting buyer",
  OFFER_PENDING: "offer pending",
  RETURN_IN_PROGRESS: "return in progress",
  ESCALATED: "escalated",
  RESOLVED: "resolved",
  CLOSED: "closed",
};

/** A case's status inside a sentence: who has the move. */
const WHO_MOVES: Record<CaseStatus, string> = {
  AWAITING_SELLER: "it waits for the seller",
  AWAITING_BUYER: "it waits for the buyer",
  OFFER_PENDING: "an offer waits for the buyer's answer",
  RETURN_IN_PROGRESS: "a return is under way",
  ESCALATED: "the platform decides",
  RESOLVED: "resolved",
  CLOSED: "closed",
};

/** A case's outcome in words: how the timeline and the risk factors of an ended case name it. */
export const OUTCOME: Record<CaseOutcome, string> = {
  REFUNDED: "refunded",
  REPLACED: "replaced",
  RETURNED_AND_REFUNDED: "returned and refunded",
  COMPENSATION_ACCEPTED: "compensation accepted",
  BUYER_WITHDREW: "the buyer withdrew",
  DECIDED_FOR_SELLER: "decided for the seller",
  DECIDED_FOR_BUYER: "decided for the buyer",
  SHIPPED: "the late order shipped",
  ORDER_CANCELLED: "the order was cancelled",
};

export const REASON: Record<CaseReason, string> = {
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

/** Why a reason weighs what it weighs (risk/model.ts `reasonShare`). */
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

const STEP: Record<ReturnStep, string> = {
  CONFIRM_RECEIPT: "confirm receipt of the returned goods",
  REFUND: "refund the received return",
  SHIP_REPLACEMENT: "ship the replacement",
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const enRiskFactors: Writers<RiskFactorKey> = {
  "risk.display.deadline": (p) => `${hoursWord(p.hours)} ${p.overdue ? "overdue" : "left"}`,
  "risk.display.orderStatus": (p) => ORDER_STATUS_EN[p.status],
  "risk.display.handlingUsed": (p) => `${p.usedPercent}% of the handling time used`,
  "risk.display.expedited": (p) => (p.expedited ? "expedited" : "not expedited"),
  "risk.display.lateRate": (p) => `${p.ratePercent.toFixed(2)}%`,
  "risk.display.noData": () => "no data yet",
  "risk.display.openCases": (p) => count(p.count, "open case", "open cases"),
  "risk.display.orderValue": (p, f) =>
    p.ratio === null ? f.money(p.amount) : `${f.money(p.amount)}, ${p.ratio.toFixed(1)}× the 30-day average`,
  "risk.display.escalated": (p) =>
    p.state === "ESCALATED" ? "escalated" : p.state === "WAS_ESCALATED" ? "was escalated" : "not escalated",
  "risk.display.caseStatus": (p) => CASE_STATUS[p.status],
  "risk.display.answered": () => "no seller reply due",
  "risk.display.returnAwaited": () => "return awaited",
  "risk.display.replied": (p) => (p.replied ? "replied" : "no reply yet"),
  "risk.display.messages": (p) => count(p.count, "message", "messages"),
  "risk.display.offers": (p) => count(p.count, "offer", "offers"),
  "risk.display.claim": (p, f) =>
    p.claim === null
      ? "no claim"
      : p.paid === null
        ? f.money(p.claim)
        : p.left
          ? `${f.money(p.left)} left of ${f.money(p.claim)} claimed, ${f.money(p.paid)} paid`
          : `${f.money(p.claim)} of ${f.money(p.paid)}`,
  "risk.display.caseReason": (p) => REASON[p.reason],

  "risk.case.closed": (p, f) =>
    `The case is ${CASE_STATUS[p.status]}${p.outcome ? ` (${OUTCOME[p.outcome]})` : ""}` +
    `${p.since ? ` since ${f.dateTime(p.since)}` : ""}: it can no longer escalate.`,
  "risk.case.escalated": (p, f) =>
    `${
      p.by === "BUYER"
        ? `The buyer escalated the case to the platform${p.since ? ` on ${f.dateTime(p.since)}` : ""}`
        : `The platform escalated the case${p.since ? ` on ${f.dateTime(p.since)}` : ""} because the seller did not ` +
          `${STEP[p.step]} by ${f.dateTime(p.deadline)}`
    }: the platform now decides, and a decision for the buyer counts against the seller.`,
  "risk.case.notEscalated": () => "The case has not been escalated to the platform.",
  "risk.case.notAwaitingSeller": (p) => `The case does not wait for a seller answer now (${WHO_MOVES[p.status]}).`,
  "risk.case.respondByOverdue": (p, f) =>
    `The seller had to answer by ${f.dateTime(p.respondBy)}, ${hoursWord(p.hours)} ago, and has not: the buyer can ` +
    "take the case to the platform at any moment.",
  "risk.case.respondByFar": (p, f) =>
    `${timeLeft(p.hours)} to answer before the respond-by deadline (${f.dateTime(p.respondBy)}); it only ` +
    `starts to count in its last ${p.horizonHours} hours.`,
  "risk.case.respondByNear": (p, f) =>
    `${timeLeft(p.hours, true)} to answer before the respond-by deadline (${f.dateTime(p.respondBy)}).`,
  "risk.case.returnAwaited": (p, f) =>
    `A return is under way: the buyer ships the goods back by ${f.dateTime(p.shipBackBy)}; the seller owes nothing ` +
    "until they arrive.",
  "risk.case.returnOverdue": (p, f) =>
    `The seller had to ${STEP[p.step]} by ${f.dateTime(p.deadline)}, ${hoursWord(p.hours)} ago: the buyer has sent ` +
    "the goods back and waits on the seller alone, so the case goes to the platform.",
  "risk.case.returnLeft": (p, f) => `${timeLeft(p.hours)} to ${STEP[p.step]} (by ${f.dateTime(p.deadline)}).`,
  "risk.case.replied": (p, f) =>
    `The seller first replied on ${f.dateTime(p.at)}${p.afterDeadline ? ", after the deadline" : ""}.`,
  "risk.case.noReply": (p, f) =>
    `The seller has not replied since the case was opened on ${f.dateTime(p.openedAt)} (${hoursWord(p.hours)} ago): ` +
    "the seller guide's first rule is to keep communication open and reply quickly.",
  "risk.case.noUnansweredMessages": () => "No buyer message is waiting for an answer.",
  "risk.case.unansweredMessages": (p, f) =>
    `${count(p.count, "buyer message is", "buyer messages are")} waiting for an answer` +
    `${p.lastAt ? ` (the last one from ${f.dateTime(p.lastAt)})` : ""}; ` +
    (p.escalated
      ? "the platform reads the case when it decides, answers included. "
      : "a buyer who writes again and again without an answer escalates. ") +
    `The factor counts in full from ${p.fullAt}.`,
  "risk.case.noOffers": () => "No compensation offer was made yet.",
  "risk.case.noRejectedOffers": () => "No offer was declined or left to expire.",
  "risk.case.rejectedOffers": (p) =>
    `${[
      p.declined > 0 ? `${count(p.declined, "offer was", "offers were")} declined` : null,
      p.expired > 0 ? `${count(p.expired, "offer", "offers")} expired unanswered` : null,
    ]
      .filter((part): part is string => part !== null)
      .join(" and ")}: the buyer wants a different solution, and the next step is often the platform.`,
  "risk.case.noClaim": () => "The buyer claims no amount.",
  "risk.case.claimIncomparable": (p, f) =>
    `The claim of ${f.money(p.claim)} cannot be compared with the ${f.money(p.paid)} paid.`,
  "risk.case.claim": (p, f) =>
    `The buyer claims ${f.money(p.claim)}, ${f.percent(p.percent)} of the ${f.money(p.paid)} paid: the more of the ` +
    "order is at stake, the less a buyer settles for a gesture.",
  "risk.case.claimLeft": (p, f) =>
    `The buyer claims ${f.money(p.claim)} and was refunded ${f.money(p.refunded)} on the case: ${f.money(p.left)} of ` +
    `the claim is left, ${f.percent(p.percent)} of the ${f.money(p.paid)} paid; the more of the order is still at ` +
    "stake, the less a buyer settles for a gesture.",
  "risk.case.claimAboveRefundable": (p, f) =>
    `The buyer claims ${f.money(p.claim)}, but only ${f.money(p.left)} of the order can still be refunded (the rest ` +
    `was refunded or is held for a return): ${f.percent(p.percent)} of the ${f.money(p.paid)} paid is at stake.`,
  "risk.case.reason": (p) => `${capitalise(REASON[p.reason])}: ${REASON_WHY[p.reason]}`,
};
