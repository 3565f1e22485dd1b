import * as z from "zod";
import { checkOffer, checkWithinPaid, defaultCompensationPolicy, OFFER_KINDS, remainingMinor, type CompensationPolicy } from "../compensation";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { addMinor, MoneyInput, scaleMinor, type Money } from "../money";
import { checkVersion, moneyBack, type Order } from "../orders";
import { addMs, DAY_MS, InstantInput, toMs, type Instant } from "../time";
import {
  ACTOR_ROLES,
  availableActions,
  CASE_OUTCOMES,
  CASE_STATUSES,
  checkAction,
  resolvingAction,
  RoleForbidden,
  type ActorRole,
  type CaseAction,
  type CaseOutcome,
  type CaseStatus,
} from "./machine";

export * from "./machine";

/**
 * A case: a buyer dispute or a late-shipment incident. The seller guide's three rules become its
 * shape: keep communication open (a message log, `respondBy`, `firstResponseAt`, unanswered
 * buyer messages), offer a concrete solution (remedies and compensation offers), and follow the
 * platform's process (the state machine in ./machine.ts, escalation, resolution outcomes).
 *
 * Every decision here returns the case's next state and the timeline event that records it;
 * the db layer writes both in one transaction under the case's version.
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

export const OFFER_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "WITHDRAWN", "EXPIRED"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const Offer = z.object({
  id: z.string(),
  kind: z.enum(OFFER_KINDS),
  amount: MoneySchema,
  /** For discounts: the percentage the amount was computed from. */
  percentOff: z.number().int().nullable(),
  note: z.string().nullable(),
  status: z.enum(OFFER_STATUSES),
  madeAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type Offer = z.infer<typeof Offer>;

export const Remedy = z.object({
  id: z.string(),
  kind: z.enum(REMEDY_KINDS),
  amount: MoneySchema.nullable(),
  note: z.string().nullable(),
  reference: z.string().nullable(),
  recordedAt: z.string(),
});
export type Remedy = z.infer<typeof Remedy>;

export const Info = z.object({
  id: z.string(),
  sellerId: z.string(),
  orderId: z.string(),
  reason: z.enum(CASE_REASONS),
  source: z.enum(CASE_SOURCES),
  status: z.enum(CASE_STATUSES),
  outcome: z.enum(CASE_OUTCOMES).nullable().default(null),
  /** What the buyer claims, in the order currency (null for system cases). */
  claimAmount: MoneySchema.nullable().default(null),
  openedAt: z.string(),
  /** The seller must answer by then; restarts when the buyer writes. */
  respondBy: z.string(),
  firstResponseAt: z.string().nullable().default(null),
  /** Whether that first response came within `respondBy` as it stood then. */
  firstResponseWithinDeadline: z.boolean().nullable().default(null),
  lastBuyerMessageAt: z.string().nullable().default(null),
  /** The seller's first message on the case (contacting the buyer, step one of a remedy plan). */
  firstSellerMessageAt: z.string().nullable().default(null),
  /** The seller's last answer: a message, a remedy or an offer. */
  lastSellerMessageAt: z.string().nullable().default(null),
  /** Buyer messages since the seller last wrote. */
  unansweredBuyerMessages: z.number().int().default(0),
  /** When the case-deadline job saw `respondBy` pass without a seller answer (cleared when the seller answers). */
  responseOverdueAt: z.string().nullable().default(null),
  offers: z.array(Offer).default([]),
  remedies: z.array(Remedy).default([]),
  escalatedAt: z.string().nullable().default(null),
  resolvedAt: z.string().nullable().default(null),
  closedAt: z.string().nullable().default(null),
  /** When the case-deadline job should look at it next (respondBy or an offer's expiry); null when nothing is pending. */
  nextDeadlineAt: z.string().nullable().default(null),
  /** Events appended so far; names the next event so timeline keys are unique and ordered. */
  eventCount: z.number().int().default(0),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof Info>;

export const EVENT_TYPES = [
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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One entry of a case's append-only timeline. */
export const TimelineEvent = z.object({
  caseId: z.string(),
  eventId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  actor: z.enum(ACTOR_ROLES),
  /** One line for people: what happened. Never contains a message body. */
  summary: z.string(),
  /** The message text, for MESSAGE events only. */
  body: z.string().nullable().default(null),
  statusAfter: z.enum(CASE_STATUSES),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/**
 * Caps on the lists a case keeps in its own item, so that no case (nor the idempotency record
 * that keeps a copy of it as a mutation's answer) can approach DynamoDB's 400 KB item limit,
 * whatever a caller sends: at a cap the action is refused with LIMIT_REACHED naming the cap, and
 * it leaves `availableActions`. Worst-case sizes from the input limits are checked in
 * test/reliability/item-growth.test.ts. Messages and every other timeline event are items of
 * their own and need no cap.
 */
export const CASE_LIMITS = {
  /** Remedies recorded on one case (each up to ~4 KB: a 1,000-character note, a 256-character reference). */
  remedies: 20,
  /** Compensation offers made on one case, answered or not (each up to ~3.5 KB). */
  offers: 20,
} as const;

/**
 * The order keeps the ids of its open cases in its own item (order risk reads them in one batch):
 * `openCase` stops at this many. The late-order job's one case is let past it, so an order holds
 * at most one more.
 */
export const ORDER_CASE_LIMITS = {
  openCases: 20,
} as const;

/** The action a list at its cap takes away, for `availableActions` and for the refusal. */
function atCap(c: Pick<Case, "remedies" | "offers">, action: CaseAction): UserError | null {
  if (action === "RECORD_REMEDY" && c.remedies.length >= CASE_LIMITS.remedies) {
    return userError("LIMIT_REACHED", `A case keeps at most ${CASE_LIMITS.remedies} remedies; this one has reached that cap. Resolve or escalate the case instead.`, ["input", "caseId"]);
  }
  if (action === "MAKE_OFFER" && c.offers.length >= CASE_LIMITS.offers) {
    return userError("LIMIT_REACHED", `A case keeps at most ${CASE_LIMITS.offers} compensation offers; this one has reached that cap. Resolve or escalate the case instead.`, ["input", "caseId"]);
  }
  return null;
}

/**
 * What the given roles may do on this case now: the state machine's actions for its status, less
 * those whose list on the case is at its cap and, given the order and the instant, less those the
 * verbs would refuse whatever the input: answering an offer past its `expiresAt`, accepting an
 * offer larger than what is left of the order (refunds and compensation on the order's other
 * cases may have used it up), making an offer when nothing is left. `Case.availableActions` shows
 * exactly this; test/core/available-actions.test.ts checks it against the verbs.
 */
export function actionsFor(args: {
  case: Pick<Case, "status" | "remedies" | "offers">;
  roles: readonly ActorRole[];
  order?: Pick<Order, "buyerTotal" | "refundedMinor" | "compensatedMinor"> | null;
  now?: Instant;
}): CaseAction[] {
  const pending = args.case.offers.find((o) => o.status === "PENDING");
  const expired = pending !== undefined && args.now !== undefined && toMs(args.now) > toMs(pending.expiresAt);
  const left = args.order ? remainingMinor(args.order) : null;
  return availableActions(args.case.status, args.roles).filter((action) => {
    if (atCap(args.case, action) !== null) return false;
    switch (action) {
      case "ACCEPT_OFFER":
        return !expired && !(pending && left !== null && pending.amount.amountMinor > left);
      case "DECLINE_OFFER":
        return !expired;
      case "MAKE_OFFER":
        return left === null || left > 0;
      default:
        return true;
    }
  });
}

export interface CaseRules {
  /** How long the seller has to answer, per reason. */
  respondWithinMs: Record<CaseReason, number>;
  /** Longest validity of a compensation offer. */
  maxOfferValidityMs: number;
  compensation: CompensationPolicy;
}

export const defaultCaseRules: CaseRules = {
  respondWithinMs: Object.fromEntries(CASE_REASONS.map((r) => [r, 5 * DAY_MS])) as Record<CaseReason, number>,
  maxOfferValidityMs: 14 * DAY_MS,
  compensation: defaultCompensationPolicy,
};

/** The outcome of a decision: the case after it, the event recording it, and the order if its money totals moved. */
export interface Change {
  case: Case;
  event: TimelineEvent;
  order: Order | null;
}

const isOpen = (status: CaseStatus) => status !== "RESOLVED" && status !== "CLOSED";

/** When the case-deadline job should look at a case next. */
export function nextDeadlineAt(c: Pick<Case, "status" | "respondBy" | "responseOverdueAt" | "offers">): Instant | null {
  const candidates: string[] = [];
  if (c.status === "AWAITING_SELLER" && !c.responseOverdueAt) candidates.push(c.respondBy);
  const pending = c.offers.find((o) => o.status === "PENDING");
  if (c.status === "OFFER_PENDING" && pending) candidates.push(pending.expiresAt);
  return candidates.sort()[0] ?? null;
}

function event(c: Case, type: EventType, actor: ActorRole, at: Instant, summary: string, body: string | null = null): TimelineEvent {
  return { caseId: c.id, eventId: String(c.eventCount + 1).padStart(6, "0"), type, at, actor, summary, body, statusAfter: c.status };
}

/** The case after a change: version, time, event count and next deadline kept in step. */
function next(c: Case, now: Instant, fields: Partial<Case>): Case {
  const updated = { ...c, ...fields, version: c.version + 1, updatedAt: now, eventCount: c.eventCount + 1 };
  return { ...updated, nextDeadlineAt: nextDeadlineAt(updated) };
}

function changeOf(before: Case, after: Case, type: EventType, actor: ActorRole, now: Instant, summary: string, order: Order | null = null, body: string | null = null): Change {
  return { case: after, event: event({ ...after, eventCount: before.eventCount }, type, actor, now, summary, body), order };
}

/** The id of the late-shipment case the late-order job opens: derived from the order's, so the job opens it once. */
export function lateShipmentCaseId(orderId: string): string {
  return `late-${orderId}`;
}

/**
 * The order's one late-shipment case, however it was opened, or null. Orders written before
 * `lateShipmentCaseId` existed name no case; the job's derived id stands for theirs.
 */
export function lateShipmentCaseOf(order: Pick<Order, "id" | "lateShipmentCaseId" | "lateFlaggedAt">): string | null {
  return order.lateShipmentCaseId ?? (order.lateFlaggedAt ? lateShipmentCaseId(order.id) : null);
}

/**
 * The late-order job's decision for an order it has just flagged late: the order adopts a
 * late-shipment case that is already there (opened through `openCase` before the job saw the
 * order), or gets its one case opened now. Never two, and the adopted case is not counted again.
 */
export function flagLate(args: {
  /** The order as read, before the job flagged it. */
  before: Order;
  /** The order as the job's deadline check leaves it (late-flagged). */
  flagged: Order;
  now: Instant;
  rules?: CaseRules;
}): { order: Order; opened: { case: Case; event: TimelineEvent } | null } {
  if (args.before.lateShipmentCaseId) return { order: args.flagged, opened: null };
  const opened = openLateShipmentCase(args.before, args.now, args.rules ?? defaultCaseRules);
  return {
    order: { ...args.flagged, lateShipmentCaseId: opened.case.id, openCaseIds: [...args.flagged.openCaseIds, opened.case.id] },
    opened,
  };
}

function newCase(fields: Pick<Case, "id" | "sellerId" | "orderId" | "reason" | "source" | "claimAmount">, now: Instant, rules: CaseRules): Case {
  const c: Case = {
    ...fields,
    status: "AWAITING_SELLER",
    outcome: null,
    openedAt: now,
    respondBy: addMs(now, rules.respondWithinMs[fields.reason]),
    firstResponseAt: null,
    firstResponseWithinDeadline: null,
    lastBuyerMessageAt: null,
    firstSellerMessageAt: null,
    lastSellerMessageAt: null,
    unansweredBuyerMessages: 0,
    responseOverdueAt: null,
    offers: [],
    remedies: [],
    escalatedAt: null,
    resolvedAt: null,
    closedAt: null,
    nextDeadlineAt: null,
    eventCount: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return { ...c, nextDeadlineAt: nextDeadlineAt(c) };
}

/** The late-shipment incident case the late-order job opens for an order that passed `shipBy`. */
export function openLateShipmentCase(
  order: { id: string; sellerId: string; shipBy: string; marketplaceOrderId: string },
  now: Instant,
  rules: CaseRules = defaultCaseRules,
): { case: Case; event: TimelineEvent } {
  const c = newCase(
    { id: lateShipmentCaseId(order.id), sellerId: order.sellerId, orderId: order.id, reason: "LATE_SHIPMENT", source: "SYSTEM", claimAmount: null },
    now,
    rules,
  );
  return {
    case: c,
    event: event({ ...c, eventCount: 0 }, "OPENED", "SYSTEM", now, `Order ${order.marketplaceOrderId} passed its ship-by deadline (${order.shipBy}) without shipping.`),
  };
}

const Body = z.string().trim().min(1, "A message cannot be empty.").max(5000, "A message is at most 5000 characters.");
const Note = z.string().trim().max(1000, "A note is at most 1000 characters.").nullish();
const Id = z.string().trim().min(1, "An id cannot be empty.").max(64, "An id is at most 64 characters.");
const Version = z.number().int().min(1, "Versions start at 1.").nullish();

export const OpenInput = z.strictObject({
  orderId: Id,
  reason: z.enum(CASE_REASONS),
  source: z.enum(CASE_SOURCES),
  claimAmount: MoneyInput.nullish(),
  claimText: Body.nullish(),
});
export type OpenInput = z.output<typeof OpenInput>;

/**
 * A case opened through the API. A buyer's dispute is relayed by a partner tool (the BUYER side);
 * a SYSTEM case may come from the seller's own tools or the marketplace. The claim is in the
 * order currency and never above what the buyer paid; the buyer's text becomes the first message.
 */
export function open(args: {
  id: string;
  order: Order;
  input: OpenInput;
  roles: readonly ActorRole[];
  now: Instant;
  rules?: CaseRules;
}): Result<{ case: Case; events: TimelineEvent[] }> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const actor: ActorRole = input.source === "BUYER" ? "BUYER" : args.roles.includes("SELLER") ? "SELLER" : "PLATFORM";
  if (!args.roles.includes(actor)) {
    throw new RoleForbidden(input.source === "BUYER" ? "Only the buyer's side (a partner tool) may open a buyer case." : "This credential may not open a system case.");
  }
  if (input.claimAmount) {
    if (input.claimAmount.currency !== order.buyerTotal.currency) {
      return refuse(userError("CURRENCY_MISMATCH", `The claim must be in the order currency ${order.buyerTotal.currency}.`, ["input", "claimAmount", "currency"]));
    }
    if (input.claimAmount.amountMinor > order.buyerTotal.amountMinor) {
      return refuse(userError("INVALID_INPUT", "The claim cannot exceed what the buyer paid.", ["input", "claimAmount", "amountMinor"]));
    }
  }
  if (input.source === "SYSTEM" && input.claimText) {
    return refuse(userError("INVALID_INPUT", "Only a buyer case carries the buyer's claim text.", ["input", "claimText"]));
  }
  // What the buyer claims is the buyer's to say (authority per field): never on a system case.
  if (input.source === "SYSTEM" && input.claimAmount) {
    return refuse(userError("INVALID_INPUT", "Only a buyer case carries the buyer's claim amount.", ["input", "claimAmount"]));
  }
  if (order.status === "CANCELLED") {
    return refuse(userError("INVALID_TRANSITION", "Cannot open a case on a CANCELLED order.", ["input", "orderId"]));
  }
  if (order.openCaseIds.length >= ORDER_CASE_LIMITS.openCases) {
    return refuse(
      userError("LIMIT_REACHED", `An order has at most ${ORDER_CASE_LIMITS.openCases} open cases at a time; resolve one of its cases first.`, ["input", "orderId"]),
    );
  }
  const lateCase = input.reason === "LATE_SHIPMENT" ? lateShipmentCaseOf(order) : null;
  if (lateCase) {
    return refuse(userError("DUPLICATE_CASE", `Order ${order.id} already has its late-shipment case ${lateCase}; add to that case instead.`, ["input", "reason"]));
  }
  const opened = newCase({ id: args.id, sellerId: order.sellerId, orderId: order.id, reason: input.reason, source: input.source, claimAmount: input.claimAmount ?? null }, now, rules);
  const events = [event({ ...opened, eventCount: 0 }, "OPENED", actor, now, `Case opened by the ${actor.toLowerCase()} side: ${input.reason}.`)];
  if (!input.claimText) return ok({ case: opened, events });
  const withClaim: Case = { ...opened, lastBuyerMessageAt: now, unansweredBuyerMessages: 1, eventCount: 2 };
  events.push(event({ ...withClaim, eventCount: 1 }, "MESSAGE", "BUYER", now, "The buyer wrote.", input.claimText));
  return ok({ case: withClaim, events });
}

export const DIRECTIONS = ["SELLER", "BUYER", "PLATFORM"] as const;

export const MessageInput = z.strictObject({
  caseId: Id,
  direction: z.enum(DIRECTIONS),
  body: Body,
  expectedVersion: Version,
});
export type MessageInput = z.output<typeof MessageInput>;

const MESSAGE_ACTION: Record<(typeof DIRECTIONS)[number], CaseAction> = {
  SELLER: "POST_SELLER_MESSAGE",
  BUYER: "POST_BUYER_MESSAGE",
  PLATFORM: "POST_PLATFORM_MESSAGE",
};

/** A message on the case. The seller's first sets `firstResponseAt`; the buyer's restarts `respondBy`. */
export function postMessage(c: Case, input: MessageInput, roles: readonly ActorRole[], now: Instant, rules: CaseRules = defaultCaseRules): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, MESSAGE_ACTION[input.direction], roles);
  if (!status.ok) return status;
  let fields: Partial<Case> = { status: status.value };
  if (input.direction === "SELLER") {
    fields = { ...fields, ...sellerAnswered(c, now), firstSellerMessageAt: c.firstSellerMessageAt ?? now };
  } else if (input.direction === "BUYER") {
    fields = {
      ...fields,
      lastBuyerMessageAt: now,
      unansweredBuyerMessages: c.unansweredBuyerMessages + 1,
      ...(c.status !== "ESCALATED" && { respondBy: addMs(now, rules.respondWithinMs[c.reason]), responseOverdueAt: null }),
    };
  }
  const after = next(c, now, fields);
  return ok(changeOf(c, after, "MESSAGE", input.direction, now, `The ${input.direction.toLowerCase()} side wrote.`, null, input.body));
}

/** What a seller's answer (a message or a remedy) changes: the first response, the unanswered count, an overdue flag. */
function sellerAnswered(c: Case, now: Instant): Partial<Case> {
  const first = c.firstResponseAt === null;
  return {
    firstResponseAt: c.firstResponseAt ?? now,
    firstResponseWithinDeadline: first ? toMs(now) <= toMs(c.respondBy) : c.firstResponseWithinDeadline,
    lastSellerMessageAt: now,
    unansweredBuyerMessages: 0,
    responseOverdueAt: null,
  };
}

export const RemedyInput = z.strictObject({
  caseId: Id,
  kind: z.enum(REMEDY_KINDS),
  amount: MoneyInput.nullish(),
  note: Note,
  reference: z.string().trim().min(1).max(256, "A reference is at most 256 characters.").nullish(),
  expectedVersion: Version,
});
export type RemedyInput = z.output<typeof RemedyInput>;

/**
 * A remedy the seller gave. Refunds move the order's refunded total, never past what the buyer
 * paid across all the order's cases; a full refund refunds whatever is left.
 */
export function recordRemedy(c: Case, order: Order, input: RemedyInput, remedyId: string, roles: readonly ActorRole[], now: Instant): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, "RECORD_REMEDY", roles);
  if (!status.ok) return status;
  const full = atCap(c, "RECORD_REMEDY");
  if (full) return refuse(full);

  let amount: Money | null = null;
  let updatedOrder: Order | null = null;
  if (REFUND_REMEDIES.includes(input.kind)) {
    if (input.kind === "PARTIAL_REFUND" && !input.amount) {
      return refuse(userError("INVALID_INPUT", "A partial refund needs its amount.", ["input", "amount"]));
    }
    const amountMinor = input.amount?.amountMinor ?? remainingMinor(order);
    if (input.amount && input.amount.currency !== order.buyerTotal.currency) {
      return refuse(userError("CURRENCY_MISMATCH", `Refunds are in the order currency ${order.buyerTotal.currency}.`, ["input", "amount", "currency"]));
    }
    if (amountMinor <= 0) {
      return refuse(userError("AMOUNT_ABOVE_POLICY", "Nothing is left to refund on this order: refunds and compensation already equal what the buyer paid.", ["input", "amount"]));
    }
    const within = checkWithinPaid(order, amountMinor, ["input", "amount"]);
    if (!within.ok) return within;
    amount = { amountMinor, currency: order.buyerTotal.currency };
    updatedOrder = moneyBack(order, now, { refundedMinor: addMinor(order.refundedMinor, amountMinor) });
  } else if (input.amount) {
    return refuse(userError("INVALID_INPUT", `A ${input.kind.toLowerCase().replaceAll("_", " ")} remedy has no amount.`, ["input", "amount"]));
  }
  if (input.kind === "PLATFORM_SUPPORT_TICKET" && !input.reference) {
    return refuse(userError("INVALID_INPUT", "Record the platform support ticket's reference.", ["input", "reference"]));
  }
  const remedy: Remedy = { id: remedyId, kind: input.kind, amount, note: input.note ?? null, reference: input.reference ?? null, recordedAt: now };
  const after = next(c, now, { status: status.value, remedies: [...c.remedies, remedy], ...sellerAnswered(c, now) });
  return ok(changeOf(c, after, "REMEDY_RECORDED", "SELLER", now, `Remedy recorded: ${input.kind}${amount ? ` (${amount.amountMinor} ${amount.currency} minor units)` : ""}.`, updatedOrder));
}

export const OfferInput = z.strictObject({
  caseId: Id,
  kind: z.enum(OFFER_KINDS),
  amount: MoneyInput.nullish(),
  percentOff: z.number().int().min(1, "A discount is at least 1%.").max(100, "A discount is at most 100%.").nullish(),
  expiresAt: InstantInput,
  note: Note,
  expectedVersion: Version,
});
export type OfferInput = z.output<typeof OfferInput>;

/** A compensation offer: within its kind's cap and what is left of the order; one open offer per case. */
export function makeOffer(
  c: Case,
  order: Order,
  input: OfferInput,
  offerId: string,
  roles: readonly ActorRole[],
  now: Instant,
  rules: CaseRules = defaultCaseRules,
): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  if (c.status === "OFFER_PENDING" && roles.includes("SELLER")) {
    return refuse(userError("INVALID_TRANSITION", "An offer is already pending on this case: withdraw it or wait for the buyer's answer (one open offer per case)."));
  }
  const status = checkAction(c.status, "MAKE_OFFER", roles);
  if (!status.ok) return status;
  const full = atCap(c, "MAKE_OFFER");
  if (full) return refuse(full);

  let amountMinor: number;
  if (input.kind === "DISCOUNT") {
    if (input.percentOff == null || input.amount) {
      return refuse(userError("INVALID_INPUT", "A discount is given as percentOff, without an amount.", ["input", "percentOff"]));
    }
    amountMinor = scaleMinor({ amountMinor: order.buyerTotal.amountMinor, numerator: input.percentOff, denominator: 100, rounding: "half-up" });
  } else {
    if (!input.amount || input.percentOff != null) {
      return refuse(userError("INVALID_INPUT", `A ${input.kind.toLowerCase().replace("_", " ")} offer needs its amount (and no percentOff).`, ["input", "amount"]));
    }
    if (input.amount.currency !== order.buyerTotal.currency) {
      return refuse(userError("CURRENCY_MISMATCH", `Offers are in the order currency ${order.buyerTotal.currency}.`, ["input", "amount", "currency"]));
    }
    amountMinor = input.amount.amountMinor;
  }
  if (amountMinor <= 0) return refuse(userError("INVALID_INPUT", "An offer is worth more than nothing.", ["input", input.kind === "DISCOUNT" ? "percentOff" : "amount"]));
  const policy = checkOffer(order, input.kind, amountMinor, rules.compensation);
  if (!policy.ok) {
    return input.kind === "DISCOUNT" ? refuse(...policy.errors.map((e) => ({ ...e, field: ["input", "percentOff"] }))) : policy;
  }
  if (toMs(input.expiresAt) <= toMs(now)) return refuse(userError("INVALID_INPUT", "expiresAt must be in the future.", ["input", "expiresAt"]));
  if (toMs(input.expiresAt) > toMs(now) + rules.maxOfferValidityMs) {
    return refuse(userError("INVALID_INPUT", `An offer is valid for at most ${rules.maxOfferValidityMs / DAY_MS} days.`, ["input", "expiresAt"]));
  }
  const offer: Offer = {
    id: offerId,
    kind: input.kind,
    amount: { amountMinor, currency: order.buyerTotal.currency },
    percentOff: input.percentOff ?? null,
    note: input.note ?? null,
    status: "PENDING",
    madeAt: now,
    expiresAt: input.expiresAt,
    answeredAt: null,
  };
  const after = next(c, now, { status: status.value, offers: [...c.offers, offer], ...sellerAnswered(c, now) });
  return ok(changeOf(c, after, "OFFER_MADE", "SELLER", now, `Offer made: ${offer.kind}, ${amountMinor} ${offer.amount.currency} minor units, until ${offer.expiresAt}.`));
}

export const RespondInput = z.strictObject({
  caseId: Id,
  offerId: Id,
  accept: z.boolean(),
  expectedVersion: Version,
});
export type RespondInput = z.output<typeof RespondInput>;

function pendingOffer(c: Case, offerId: string): Result<Offer> {
  const offer = c.offers.find((o) => o.id === offerId);
  if (!offer) return refuse(userError("NOT_FOUND", "No such offer on this case.", ["input", "offerId"]));
  if (offer.status !== "PENDING") {
    return refuse(userError("INVALID_TRANSITION", `The offer is ${offer.status}, no longer pending.`, ["input", "offerId"]));
  }
  return ok(offer);
}

function withOffer(c: Case, offer: Offer): Offer[] {
  return c.offers.map((o) => (o.id === offer.id ? offer : o));
}

/**
 * The buyer's answer, relayed by a partner tool. An offer past `expiresAt` cannot be accepted,
 * even before the case-deadline job has marked it expired. Acceptance resolves the case and
 * adds the offer to the order's compensated total, checked again against what is left.
 */
export function respondToOffer(c: Case, order: Order, input: RespondInput, roles: readonly ActorRole[], now: Instant, rules: CaseRules = defaultCaseRules): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, input.accept ? "ACCEPT_OFFER" : "DECLINE_OFFER", roles);
  if (!status.ok) return status;
  const found = pendingOffer(c, input.offerId);
  if (!found.ok) return found;
  const offer = found.value;
  if (toMs(now) > toMs(offer.expiresAt)) {
    return refuse(userError("OFFER_EXPIRED", `The offer expired at ${offer.expiresAt}; the seller may make a new one.`, ["input", "offerId"]));
  }
  if (!input.accept) {
    const after = next(c, now, { status: status.value, offers: withOffer(c, { ...offer, status: "DECLINED", answeredAt: now }), respondBy: addMs(now, rules.respondWithinMs[c.reason]), responseOverdueAt: null });
    return ok(changeOf(c, after, "OFFER_DECLINED", "BUYER", now, `The buyer declined the ${offer.kind} offer.`));
  }
  const within = checkWithinPaid(order, offer.amount.amountMinor, ["input", "offerId"]);
  if (!within.ok) return within;
  const refund = offer.kind === "PARTIAL_REFUND";
  const updatedOrder = moneyBack(
    order,
    now,
    refund ? { refundedMinor: addMinor(order.refundedMinor, offer.amount.amountMinor) } : { compensatedMinor: addMinor(order.compensatedMinor, offer.amount.amountMinor) },
  );
  const after = next(c, now, {
    status: status.value,
    outcome: "COMPENSATION_ACCEPTED",
    resolvedAt: now,
    offers: withOffer(c, { ...offer, status: "ACCEPTED", answeredAt: now }),
  });
  return ok(changeOf(c, after, "OFFER_ACCEPTED", "BUYER", now, `The buyer accepted the ${offer.kind} offer; the case is resolved.`, updatedOrder));
}

export const WithdrawInput = z.strictObject({ caseId: Id, offerId: Id, expectedVersion: Version });
export type WithdrawInput = z.output<typeof WithdrawInput>;

export function withdrawOffer(c: Case, input: WithdrawInput, roles: readonly ActorRole[], now: Instant): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, "WITHDRAW_OFFER", roles);
  if (!status.ok) return status;
  const found = pendingOffer(c, input.offerId);
  if (!found.ok) return found;
  const after = next(c, now, { status: status.value, offers: withOffer(c, { ...found.value, status: "WITHDRAWN", answeredAt: now }) });
  return ok(changeOf(c, after, "OFFER_WITHDRAWN", "SELLER", now, `The seller withdrew the ${found.value.kind} offer.`));
}

export const EscalateInput = z.strictObject({ caseId: Id, note: Note, expectedVersion: Version });
export type EscalateInput = z.output<typeof EscalateInput>;

/** Platform arbitration: a pending offer counts as declined. */
export function escalate(c: Case, input: EscalateInput, roles: readonly ActorRole[], now: Instant): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, "ESCALATE", roles);
  if (!status.ok) return status;
  const offers = c.offers.map((o) => (o.status === "PENDING" ? { ...o, status: "DECLINED" as const, answeredAt: now } : o));
  const after = next(c, now, { status: status.value, escalatedAt: now, offers });
  return ok(changeOf(c, after, "ESCALATED", "BUYER", now, `Escalated to the platform${input.note ? `: ${input.note}` : "."}`));
}

export const ResolveInput = z.strictObject({ caseId: Id, outcome: z.enum(CASE_OUTCOMES), note: Note, expectedVersion: Version });
export type ResolveInput = z.output<typeof ResolveInput>;

/** Resolution: the outcome says who may resolve (the seller settles, the buyer withdraws, the platform decides). */
export function resolve(c: Case, input: ResolveInput, roles: readonly ActorRole[], now: Instant): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  if (input.outcome === "COMPENSATION_ACCEPTED") {
    return refuse(userError("INVALID_INPUT", "A case is resolved with COMPENSATION_ACCEPTED by accepting an offer, not directly.", ["input", "outcome"]));
  }
  const action = resolvingAction(input.outcome);
  const status = checkAction(c.status, action, roles);
  if (!status.ok) return status;
  const actor = action === "RESOLVE_BY_SELLER" ? "SELLER" : action === "WITHDRAW_BY_BUYER" ? "BUYER" : "PLATFORM";
  const offers = c.offers.map((o) => (o.status === "PENDING" ? { ...o, status: "WITHDRAWN" as const, answeredAt: now } : o));
  const after = next(c, now, { status: status.value, outcome: input.outcome, resolvedAt: now, offers });
  return ok(changeOf(c, after, "RESOLVED", actor, now, `Resolved: ${input.outcome}${input.note ? ` (${input.note})` : ""}.`));
}

export const CloseInput = z.strictObject({ caseId: Id, expectedVersion: Version });
export type CloseInput = z.output<typeof CloseInput>;

export function close(c: Case, input: CloseInput, roles: readonly ActorRole[], now: Instant): Result<Change> {
  const version = checkVersion(c, input.expectedVersion);
  if (!version.ok) return version;
  const status = checkAction(c.status, "CLOSE", roles);
  if (!status.ok) return status;
  const after = next(c, now, { status: status.value, closedAt: now });
  return ok(changeOf(c, after, "CLOSED", "PLATFORM", now, "Closed."));
}

/** What the case-deadline job decides for a case whose deadline has come. */
export type DeadlineCheck = { kind: "change"; change: Change } | { kind: "reschedule"; case: Case } | { kind: "nothing" };

/**
 * The case-deadline job's rule: an offer past `expiresAt` becomes EXPIRED (the seller must answer
 * again); a case past `respondBy` still awaiting the seller is flagged once.
 */
export function checkDeadlines(c: Case, now: Instant, rules: CaseRules = defaultCaseRules): DeadlineCheck {
  if (!isOpen(c.status)) return c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: null } } : { kind: "nothing" };
  const pending = c.offers.find((o) => o.status === "PENDING");
  if (c.status === "OFFER_PENDING" && pending && toMs(now) > toMs(pending.expiresAt)) {
    const status = checkAction(c.status, "EXPIRE_OFFER", ["SYSTEM"]);
    if (!status.ok) return { kind: "nothing" };
    const after = next(c, now, {
      status: status.value,
      offers: withOffer(c, { ...pending, status: "EXPIRED", answeredAt: now }),
      respondBy: addMs(now, rules.respondWithinMs[c.reason]),
      responseOverdueAt: null,
    });
    return { kind: "change", change: changeOf(c, after, "OFFER_EXPIRED", "SYSTEM", now, `The ${pending.kind} offer expired unanswered.`) };
  }
  if (c.status === "AWAITING_SELLER" && !c.responseOverdueAt && toMs(now) > toMs(c.respondBy)) {
    const after = next(c, now, { responseOverdueAt: now });
    return { kind: "change", change: changeOf(c, after, "RESPONSE_OVERDUE", "SYSTEM", now, `No seller answer by ${c.respondBy}.`) };
  }
  const due = nextDeadlineAt(c);
  return due !== c.nextDeadlineAt ? { kind: "reschedule", case: { ...c, nextDeadlineAt: due } } : { kind: "nothing" };
}

/** Whether the outcome gave the buyer money back or the platform decided for the buyer. */
export function resolvedForBuyer(outcome: CaseOutcome | null): boolean {
  return outcome === "REFUNDED" || outcome === "RETURNED_AND_REFUNDED" || outcome === "DECIDED_FOR_BUYER";
}

export type { ActorRole, CaseAction, CaseOutcome, CaseStatus };

/** What a late-shipment case records for its order's remedy plan. */
export function remedyEvidence(c: Case | null): {
  sellerContactedAt: string | null;
  compensationAcceptedAt: string | null;
  compensationOfferedAt: string | null;
  supportTicketAt: string | null;
} {
  if (!c) return { sellerContactedAt: null, compensationAcceptedAt: null, compensationOfferedAt: null, supportTicketAt: null };
  const first = (times: (string | null | undefined)[]) => times.filter((t): t is string => !!t).sort()[0] ?? null;
  return {
    sellerContactedAt: first([c.firstSellerMessageAt, ...c.remedies.filter((r) => r.kind === "APOLOGY").map((r) => r.recordedAt)]),
    compensationAcceptedAt: first([
      ...c.offers.filter((o) => o.status === "ACCEPTED").map((o) => o.answeredAt),
      ...c.remedies.filter((r) => REFUND_REMEDIES.includes(r.kind)).map((r) => r.recordedAt),
    ]),
    compensationOfferedAt: first(c.offers.filter((o) => o.status === "PENDING").map((o) => o.madeAt)),
    supportTicketAt: first(c.remedies.filter((r) => r.kind === "PLATFORM_SUPPORT_TICKET").map((r) => r.recordedAt)),
  };
}

/**
 * The order as a case change leaves it: its money totals (when the change moved them) and its
 * list of open cases (when the case opened, or left the open states). Null when the order does
 * not change. One version step from `orderBefore`, whatever changed.
 */
export function orderAfter(orderBefore: Order, change: { case: Case; order: Order | null }, caseBefore: Case | null, now: Instant): Order | null {
  const wasOpen = caseBefore !== null && isOpen(caseBefore.status);
  const openNow = isOpen(change.case.status);
  let openCaseIds = orderBefore.openCaseIds;
  if (!wasOpen && openNow && !openCaseIds.includes(change.case.id)) openCaseIds = [...openCaseIds, change.case.id];
  if (wasOpen && !openNow) openCaseIds = openCaseIds.filter((id) => id !== change.case.id);
  // A late-shipment case opened here becomes the order's one late-shipment case.
  const lateShipmentCaseId =
    caseBefore === null && change.case.reason === "LATE_SHIPMENT" && !orderBefore.lateShipmentCaseId ? change.case.id : orderBefore.lateShipmentCaseId;
  if (!change.order && openCaseIds === orderBefore.openCaseIds && lateShipmentCaseId === orderBefore.lateShipmentCaseId) return null;
  return { ...(change.order ?? orderBefore), openCaseIds, lateShipmentCaseId, version: orderBefore.version + 1, updatedAt: now };
}
