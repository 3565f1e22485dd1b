import * as z from "zod/mini";
import { defaultCompensationPolicy, OFFER_KINDS, type CompensationPolicy } from "../compensation";
import { StoredMoney } from "../money";
import type { Order } from "../orders";
import { defaultReturnRules, type ReturnRules } from "../returns/machine";
import { dueAt, Info as ReturnInfo, openReturnOf } from "../returns/shapes";
import { addMs, DAY_MS, toMs, type Instant } from "../time";
import { Evidence } from "./evidence-shape";
import { ACTOR_ROLES, CASE_OUTCOMES, CASE_STATUSES, type CaseStatus } from "./machine";

/**
 * The case as stored and as core's decisions return it, its offers, remedies and timeline
 * events, and the rules that parameterise the decisions.
 */

export const CASE_REASONS = [
  "NOT_RECEIVED",
  "NOT_AS_DESCRIBED",
  "QUALITY_ISSUE",
  "DAMAGED",
  "WRONG_ITEM",
  "NOT_SHIPPED",
  "LATE_SHIPMENT",
  "OTHER",
] as const;
export type CaseReason = (typeof CASE_REASONS)[number];

/**
 * The case reasons that say the buyer never had the goods: a parcel that never came, an order never shipped, a
 * shipment late. A return asks the buyer to send back goods they hold; the guide offers 退货退款 / 换货 for a
 * complaint about goods received (quality, damage, the wrong item) or a buyer asking to return, never for these.
 */
/**
 * The late-shipment incident: the seller's tracking of an order that has not shipped, the one case the late-order job
 * opens (or adopts, when the seller's side or the platform opened it first through `openCase`) and the order names
 * (`Order.lateShipmentCaseId`). Never a buyer's dispute, whatever its reason.
 */
export function isLateIncident(c: Pick<Case, "source" | "reason">): boolean {
  return c.source === "SYSTEM" && c.reason === "LATE_SHIPMENT";
}

export const GOODS_NEVER_RECEIVED: readonly CaseReason[] = ["NOT_RECEIVED", "NOT_SHIPPED", "LATE_SHIPMENT"];

export const CASE_SOURCES = ["BUYER", "SYSTEM"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const REMEDY_KINDS = [
  "FULL_REFUND",
  "PARTIAL_REFUND",
  "REPLACEMENT",
  "RETURN_AND_REFUND",
  "RESEND",
  "EXPEDITED_SHIPPING",
  "APOLOGY",
  "PLATFORM_SUPPORT_TICKET",
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/** Remedies that give money back to the buyer. */
export const REFUND_REMEDIES: readonly RemedyKind[] = ["FULL_REFUND", "PARTIAL_REFUND", "RETURN_AND_REFUND"];

/**
 * Remedies that are not addressed to the buyer, so recording one answers nobody: a ticket with platform support (the
 * guide's first step for a system error, before the buyer is told anything) and the order's own expedited handling
 * (the guide's "加急处理", a step apart from contacting the buyer, who learns of it by a message or the tracking).
 * The case keeps its status, `respondBy` and its response tracking; the remedy plan's CONTACT_BUYER step is not done
 * by them either. Every other remedy (a refund, a replacement, a resend, an apology) is the seller's answer.
 */
export const REMEDIES_NOT_TO_BUYER: readonly RemedyKind[] = ["PLATFORM_SUPPORT_TICKET", "EXPEDITED_SHIPPING"];

export const OFFER_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN", "EXPIRED"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const CompensationOffer = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(OFFER_KINDS),
    amount: StoredMoney,
    /** For discounts: the percentage the amount was computed from. */
    percentOff: z.nullable(z.number().check(z.int())),
    note: z.nullable(z.string()),
    status: z.enum(OFFER_STATUSES),
    madeAt: z.string(),
    expiresAt: z.string(),
    answeredAt: z.nullable(z.string()),
  }),
);
export type CompensationOffer = z.infer<typeof CompensationOffer>;

/**
 * Whether an offer is past its `expiresAt`: from then on it can be neither answered nor withdrawn, whether or not
 * the case-deadline job has recorded it EXPIRED yet.
 */
export function hasLapsed(offer: Pick<CompensationOffer, "expiresAt">, now: Instant): boolean {
  return toMs(now) > toMs(offer.expiresAt);
}

export const Remedy = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(REMEDY_KINDS),
    amount: z.nullable(StoredMoney),
    note: z.nullable(z.string()),
    reference: z.nullable(z.string()),
    recordedAt: z.string(),
  }),
);
export type Remedy = z.infer<typeof Remedy>;

export const Info = z.lazy(() =>
  z.object({
    id: z.string(),
    sellerId: z.string(),
    orderId: z.string(),
    reason: z.enum(CASE_REASONS),
    source: z.enum(CASE_SOURCES),
    status: z.enum(CASE_STATUSES),
    outcome: z._default(z.nullable(z.enum(CASE_OUTCOMES)), null),
    /** What the buyer claims, in the order currency (null for system cases). */
    claimAmount: z._default(z.nullable(StoredMoney), null),
    /**
     * What the platform refunded the buyer out of the order's money when it decided the case for the buyer
     * (DECIDED_FOR_BUYER), in the order currency; null otherwise (and on a decision with nothing left to refund).
     */
    platformRefund: z._default(z.nullable(StoredMoney), null),
    openedAt: z.string(),
    /** The seller must answer by then; restarts when the buyer writes. */
    respondBy: z.string(),
    firstResponseAt: z._default(z.nullable(z.string()), null),
    /** Whether that first response came within `respondBy` as it stood then. */
    firstResponseWithinDeadline: z._default(z.nullable(z.boolean()), null),
    /**
     * The `respondBy` the seller's first answer missed: set once, by the case-deadline job when it finds the deadline
     * passed with no seller answer yet (RESPONSE_OVERDUE), or by a change that takes the case out of AWAITING_SELLER
     * past the deadline with no seller answer before the job looked (./change.ts, `missedFirstAnswer`), and never
     * cleared. The on-time first response rate counts the missed answer then, on that deadline's day, so a seller who
     * stays silent does not escape the rate; the late answer that may follow is not counted again (../stats,
     * `firstReplies`).
     */
    firstResponseMissedAt: z._default(z.nullable(z.string()), null),
    lastBuyerMessageAt: z._default(z.nullable(z.string()), null),
    /** The seller's first message on the case (contacting the buyer, step one of a remedy plan). */
    firstSellerMessageAt: z._default(z.nullable(z.string()), null),
    /** The seller's last answer: a message, an offer or a remedy addressed to the buyer. */
    lastSellerMessageAt: z._default(z.nullable(z.string()), null),
    /** Buyer messages since the seller last wrote. */
    unansweredBuyerMessages: z._default(z.number().check(z.int()), 0),
    /** When the case-deadline job saw `respondBy` pass without a seller answer (cleared when the seller answers). */
    responseOverdueAt: z._default(z.nullable(z.string()), null),
    /**
     * The `respondBy` the case-deadline job last warned was near (CASE_RESPONSE_DUE_SOON): it warns once per
     * deadline, and again when the deadline restarts (the buyer writes, an offer lapses).
     */
    responseDueSoonFor: z._default(z.nullable(z.string()), null),
    offers: z._default(z.array(CompensationOffer), []),
    remedies: z._default(z.array(Remedy), []),
    /** Returns started by accepted return offers, oldest first (../returns): at most one open, a few in all. */
    returns: z._default(z.array(ReturnInfo), []),
    /** Evidence each side submitted, oldest first (./evidence.ts); absent on cases stored before evidence existed. */
    evidence: z._default(z.array(Evidence), []),
    escalatedAt: z._default(z.nullable(z.string()), null),
    resolvedAt: z._default(z.nullable(z.string()), null),
    closedAt: z._default(z.nullable(z.string()), null),
    /**
     * When the case-deadline job should look at it next (respondBy, an offer's expiry, the open return's
     * deadline); null when nothing is pending.
     */
    nextDeadlineAt: z._default(z.nullable(z.string()), null),
    /** Events appended so far; names the next event so timeline keys are unique and ordered. */
    eventCount: z._default(z.number().check(z.int()), 0),
    version: z.number().check(z.int()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Case = z.infer<typeof Info>;

export const CASE_EVENT_TYPES = [
  "OPENED",
  "MESSAGE",
  "REMEDY_RECORDED",
  "OFFER_MADE",
  "OFFER_ACCEPTED",
  "OFFER_DECLINED",
  "OFFER_WITHDRAWN",
  "OFFER_EXPIRED",
  "ESCALATED",
  "RESOLVED",
  "CLOSED",
  "RESPONSE_OVERDUE",
  "RETURN_SHIPPED_BACK",
  "RETURN_RECEIVED",
  "RETURN_REFUNDED",
  "REPLACEMENT_SHIPPED",
  "RETURN_CANCELLED",
  "RETURN_EXPIRED",
  "RETURN_OVERDUE",
  "EVIDENCE_SUBMITTED",
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** One entry of a case's append-only timeline. */
export const CaseEvent = z.lazy(() =>
  z.object({
    caseId: z.string(),
    eventId: z.string(),
    type: z.enum(CASE_EVENT_TYPES),
    at: z.string(),
    actor: z.enum(ACTOR_ROLES),
    /**
     * One line for people, in English with UTC instants: what happened. Never contains a body nor a note.
     * Kept for entries written before `said` and for readers of an older release; the API writes `said`.
     */
    summary: z.string(),
    /**
     * The same line as a timeline text (`timeline.*` key and its figures), written when read in the
     * reader's language and the seller's time zone. Null on entries written before it (caseEvent shape 2).
     */
    said: z._default(z.nullable(z.object({ key: z.string(), params: z.record(z.string(), z.unknown()) })), null),
    /**
     * The people's own words: a MESSAGE's text, or the note given with ESCALATED, RESOLVED or RETURN_CANCELLED
     * (caseEvent shape 3; before, the note was in `summary` and `said`). Redacted after 365 days.
     */
    body: z._default(z.nullable(z.string()), null),
    statusAfter: z.enum(CASE_STATUSES),
  }),
);
export type CaseEvent = z.infer<typeof CaseEvent>;

export interface CaseRules {
  /**
   * How long the seller has to answer, per reason (`defaultCaseRules`): from the opening, from the buyer's message
   * that restarts the deadline, or from a lapsed offer's `expiresAt`.
   */
  respondWithinMs: Record<CaseReason, number>;
  /** Longest validity of a compensation offer. */
  maxOfferValidityMs: number;
  /**
   * Shortest validity of a compensation offer: the buyer gets a real chance to answer. An offer counts as the
   * seller's answer, and its expiry gives the seller a new `respondBy`, so an offer that expired a second after it
   * was made answered nobody and stalled the case.
   */
  minOfferValidityMs: number;
  compensation: CompensationPolicy;
  /** How long each side has at each step of a return. */
  returns: ReturnRules;
}

/**
 * The response windows: 24 hours for a late shipment, 5 days for every other reason. The guide's forgotten-shipment
 * section has the seller contact the buyer at once (立即) once it finds the order was not shipped, so the case the
 * delay opens (the late-order job's, or the buyer's LATE_SHIPMENT dispute) gives a day, not the five days a dispute
 * about goods gives. Applied when a deadline is set or restarts; a case already stored keeps the `respondBy` it has
 * (no migration): a late-shipment case opened under the 5-day window keeps it until the buyer writes again or an
 * offer lapses, which count the new window.
 */
export const RESPOND_WITHIN_MS: Readonly<Record<CaseReason, number>> = {
  ...(Object.fromEntries(CASE_REASONS.map((r) => [r, 5 * DAY_MS])) as Record<CaseReason, number>),
  LATE_SHIPMENT: DAY_MS,
};

export const defaultCaseRules: CaseRules = {
  respondWithinMs: { ...RESPOND_WITHIN_MS },
  maxOfferValidityMs: 14 * DAY_MS,
  minOfferValidityMs: DAY_MS,
  compensation: defaultCompensationPolicy,
  returns: defaultReturnRules,
};

/** The outcome of a decision: the case after it, the event recording it, and the order if its money totals moved. */
export interface Change {
  case: Case;
  event: CaseEvent;
  order: Order | null;
  /**
   * Changes this one stands on, oldest first, written in the same transaction with their own timeline entries and
   * events: a pending offer past `expiresAt` that `makeOffer` records EXPIRED, as the case-deadline job would have,
   * before it takes the new offer. `case` is the state after all of them.
   */
  earlier?: readonly Change[];
}

/**
 * A verb's answer to what is already on the case (the same refund or piece of evidence sent again, under another
 * idempotency key by a retry whose first answer was lost): the case as it is. Nothing is written, no event is told.
 */
export interface AlreadyDone {
  case: Case;
  /** No timeline entry and no order change: nothing happened. */
  event: null;
  order: null;
  alreadyDone: true;
}

/** Whether a verb's answer is a change to write or something already on the case. */
export const isAlreadyDone = (answer: Change | AlreadyDone): answer is AlreadyDone => "alreadyDone" in answer;

export const isOpen = (status: CaseStatus) => status !== "RESOLVED" && status !== "CLOSED";

/**
 * The longest time before `respondBy` the case-deadline job warns that the seller's answer is due
 * (CASE_RESPONSE_DUE_SOON): a day, for the 5-day windows.
 */
export const RESPONSE_DUE_SOON_MS = DAY_MS;

/**
 * Whether the seller owes the buyer an answer by `respondBy`: the case awaits the seller, or the buyer wrote while the
 * seller's offer was pending (the offer answered the case, not the buyer's later message; the keep-communication-open
 * rule). The case-deadline job warns and flags both alike; the overview counts the first in `casesAwaitingSeller`
 * (the cases the status filter lists), the second in `casesAwaitingAnswerOnOffer`, and both in `casesDueWithin24h`.
 */
export function owesAnswer(c: Pick<Case, "status" | "unansweredBuyerMessages">): boolean {
  return c.status === "AWAITING_SELLER" || (c.status === "OFFER_PENDING" && c.unansweredBuyerMessages > 0);
}

/**
 * The most of a response window the warning may take: half. A lead as long as the window (a day for a late
 * shipment's 24 hours) would warn the moment the deadline is set, telling the seller nothing the opening or the
 * buyer's message did not; half a window leaves the first half to answer unprompted and the second half to act on
 * the warning (12 hours for a late shipment: a night on the seller's clock, whatever its time zone).
 */
export const RESPONSE_DUE_SOON_SHARE = 0.5;

/** How long before `respondBy` the warning comes for a case of this reason: a day, or half its window if shorter. */
export function responseDueSoonLeadMs(reason: CaseReason, rules: CaseRules = defaultCaseRules): number {
  return Math.min(RESPONSE_DUE_SOON_MS, Math.floor(rules.respondWithinMs[reason] * RESPONSE_DUE_SOON_SHARE));
}

/**
 * When the warning for the current response deadline is due; null when there is none to give. The lead is the
 * reason's (`responseDueSoonLeadMs`), also for a late-shipment case stored with a 5-day `respondBy`: it is warned
 * 12 hours before it.
 */
export function responseDueSoonAt(
  c: Pick<
    Case,
    "reason" | "status" | "unansweredBuyerMessages" | "respondBy" | "responseOverdueAt" | "responseDueSoonFor"
  >,
  rules: CaseRules = defaultCaseRules,
): Instant | null {
  if (!owesAnswer(c) || c.responseOverdueAt || c.responseDueSoonFor === c.respondBy) return null;
  return addMs(c.respondBy, -responseDueSoonLeadMs(c.reason, rules));
}

/** When the case-deadline job should look at a case next. */
export function nextDeadlineAt(
  c: Pick<
    Case,
    | "reason"
    | "status"
    | "unansweredBuyerMessages"
    | "respondBy"
    | "responseOverdueAt"
    | "responseDueSoonFor"
    | "offers"
    | "returns"
  >,
  rules: CaseRules = defaultCaseRules,
): Instant | null {
  const candidates: string[] = [];
  const warning = responseDueSoonAt(c, rules);
  if (warning) candidates.push(warning);
  const open = openReturnOf(c.returns);
  const returnDue = open ? dueAt(open) : null;
  if (returnDue) candidates.push(returnDue);
  if (owesAnswer(c) && !c.responseOverdueAt) candidates.push(c.respondBy);
  const pending = c.offers.find((o) => o.status === "PENDING");
  if (c.status === "OFFER_PENDING" && pending) candidates.push(pending.expiresAt);
  return candidates.sort()[0] ?? null;
}
