import type { Case, CaseEvent, Change } from "../cases/shapes";
import type { Deposit, RefundApplication, Violation } from "../deposits/shapes";
import type { Order } from "../orders/shapes";
import type { Seller } from "../sellers";
import { snapshot } from "./snapshot";
import type { EventDraft, EventType } from "./types";

/**
 * The drafts each kind of change yields: one builder per object, each taking one input object.
 * A draft names the object and its version after the change; the write pipeline stamps the id,
 * time and actor (`record`).
 */

export function orderEvent(args: { type: EventType; order: Order }): EventDraft {
  const { order } = args;
  return {
    type: args.type,
    sellerId: order.sellerId,
    objectType: "ORDER",
    objectId: order.id,
    objectVersion: order.version,
    partId: null,
    payload: snapshot({ object: order }),
  };
}

/**
 * ORDER_TRACKING_REPORT_WITHDRAWN: the order with the report cleared, and the platform's `reason` for withdrawing it
 * (its own words about its own report, capped at `Orders.MAX_WITHDRAWAL_REASON` characters): the seller learns why
 * its shipment counts again. Inside the snapshot, so the payload's cap holds with it; `trackingInvalidAt` is null.
 */
export function trackingReportWithdrawnEvent(args: { order: Order; reason: string }): EventDraft {
  const { order } = args;
  return {
    ...orderEvent({ type: "ORDER_TRACKING_REPORT_WITHDRAWN", order }),
    payload: snapshot({ object: { ...order, reason: args.reason }, cleared: ["trackingInvalidAt"] }),
  };
}

/**
 * The order's event when one of its cases gave money back (a refund remedy, an accepted offer, a return refunded):
 * its `refunded` / `compensated` totals moved under a new version, and a consumer following the order's events
 * must see them. None when the case change left the order's money alone (it may still step the order's version,
 * for what the order keeps of its cases: the schema's `Order.version` says which).
 */
export function orderMoneyEvents(args: { before: Order; after: Order | null }): EventDraft[] {
  const { before, after } = args;
  if (!after) return [];
  if (after.refundedMinor === before.refundedMinor && after.compensatedMinor === before.compensatedMinor) return [];
  return [orderEvent({ type: "ORDER_REFUNDED_OR_COMPENSATED", order: after })];
}

/** The parts of a case an event can be about. */
const CASE_PARTS = ["offers", "remedies", "returns", "evidence"] as const;

/**
 * The part a change touched: the one offer, remedy, return or evidence that is new or differs
 * from before (an offer answered, a return moved). Null when the change is about the case alone.
 */
export function changedPart(before: Case | null, after: Case): { id: string } | null {
  for (const list of CASE_PARTS) {
    const previous = new Map((before?.[list] ?? []).map((part) => [part.id, JSON.stringify(part)]));
    const changed = (after[list] as { id: string }[]).find((part) => previous.get(part.id) !== JSON.stringify(part));
    if (changed) return changed;
  }
  return null;
}

/**
 * What an event about a part (an offer, remedy, return or evidence) keeps of its case: its frame
 * (whose and which case it is, the order, the state the change left it in) and every other case
 * field the change moved, with its new value. A part change can move more than the part:
 * declining an offer, an offer lapsing and cancelling a return restart `respondBy` and clear
 * `responseOverdueAt`; making an offer or recording a remedy is the seller's answer
 * (`firstResponseAt`, `lastSellerMessageAt`…); escalating with a pending offer and a return overdue
 * set `escalatedAt`; accepting an offer, settling a return and deciding with a pending offer or an
 * open return set `resolvedAt`. The part is the news; the case's fields the change left alone are
 * in its earlier events and in GraphQL, and with them an event about a return or an offer passed
 * one KB, where every started KB of an event is charged twice (docs/events.md).
 */
const CASE_FRAME = ["id", "sellerId", "orderId", "status", "outcome", "version"] as const satisfies (keyof Case)[];

/** The case's fields whose value a change moved (lists included; the snapshot keeps scalars only). */
function movedFields(before: Case, after: Case): (keyof Case)[] {
  return (Object.keys(after) as (keyof Case)[]).filter(
    (field) => JSON.stringify(after[field]) !== JSON.stringify(before[field]),
  );
}

/**
 * A case event; with `part`, about that part, and `before`, the case the change started from
 * (whose moved fields the event carries).
 */
export function caseEvent(args: {
  type: EventType;
  case: Case;
  part?: { id: string } | null;
  before?: Case | null;
}): EventDraft {
  const c = args.case;
  const part = args.part ?? null;
  const moved = args.before ? movedFields(args.before, c) : [];
  const fields = [...new Set<keyof Case>([...CASE_FRAME, ...moved])];
  const object = part ? Object.fromEntries(fields.map((field) => [field, c[field]])) : c;
  return {
    type: args.type,
    sellerId: c.sellerId,
    objectType: "CASE",
    objectId: c.id,
    objectVersion: c.version,
    partId: part?.id ?? null,
    // A moved field now unset is said (null): in a part's event, absent means "not carried".
    payload: snapshot({ object, part, cleared: part ? moved.filter((field) => c[field] === null) : [] }),
  };
}

/**
 * The public event a timeline entry stands for. Every entry a case verb or job appends is worth
 * knowing; a message is the seller's answer when the seller wrote it, and news from the other
 * side otherwise.
 */
export function eventTypeOfTimeline(entry: Pick<CaseEvent, "type" | "actor">): EventType {
  switch (entry.type) {
    case "OPENED":
      return "CASE_OPENED";
    case "MESSAGE":
      return entry.actor === "SELLER" ? "CASE_ANSWERED" : "CASE_MESSAGE_POSTED";
    case "REMEDY_RECORDED":
      return "REMEDY_RECORDED";
    case "OFFER_MADE":
      return "OFFER_MADE";
    case "OFFER_ACCEPTED":
      return "OFFER_ACCEPTED";
    case "OFFER_DECLINED":
      return "OFFER_DECLINED";
    case "OFFER_WITHDRAWN":
      return "OFFER_WITHDRAWN";
    case "OFFER_EXPIRED":
      return "OFFER_LAPSED";
    case "ESCALATED":
      return "CASE_ESCALATED";
    case "RESOLVED":
      return "CASE_DECIDED";
    case "CLOSED":
      return "CASE_CLOSED";
    case "RESPONSE_OVERDUE":
      return "CASE_OVERDUE";
    case "RETURN_SHIPPED_BACK":
      return "RETURN_SHIPPED_BACK";
    case "RETURN_RECEIVED":
      return "RETURN_RECEIVED";
    case "RETURN_REFUNDED":
      return "RETURN_REFUNDED";
    case "REPLACEMENT_SHIPPED":
      return "RETURN_REPLACEMENT_SHIPPED";
    case "RETURN_CANCELLED":
      return "RETURN_CANCELLED";
    case "RETURN_EXPIRED":
      return "RETURN_EXPIRED";
    case "RETURN_OVERDUE":
      return "RETURN_OVERDUE";
    case "EVIDENCE_SUBMITTED":
      return "EVIDENCE_SUBMITTED";
  }
}

/** The event of a case change (a verb's or a job's): the timeline entry's type, about the part it touched. */
export function caseChangeEvent(args: { before: Case | null; after: Case; timeline: CaseEvent }): EventDraft {
  return caseEvent({
    type: eventTypeOfTimeline(args.timeline),
    case: args.after,
    part: changedPart(args.before, args.after),
    before: args.before,
  });
}

/**
 * The events of a case change and of those it stands on (`Change.earlier`: an offer's lapse that `Cases.afterLapse`
 * records first), each from the case before it: the lapse reads as the case-deadline job's OFFER_LAPSED would, then
 * the change's own.
 */
export function caseChangeEvents(before: Case, change: Change): EventDraft[] {
  const steps = [...(change.earlier ?? []), change];
  return steps.map((step, i) =>
    caseChangeEvent({ before: i === 0 ? before : steps[i - 1]!.case, after: step.case, timeline: step.event }),
  );
}

export function depositEvent(args: { type: EventType; deposit: Deposit }): EventDraft {
  const { deposit } = args;
  return {
    type: args.type,
    sellerId: deposit.sellerId,
    objectType: "DEPOSIT",
    objectId: deposit.id,
    objectVersion: deposit.version,
    partId: null,
    payload: snapshot({ object: deposit }),
  };
}

/**
 * An application's event. Its decision is a nested object a snapshot leaves out, and the deposit's own change (its
 * status, what was refunded) has no event of its own: so a decided application's payload carries what was paid back,
 * `refundedAmount` (the whole deposit or the approved part; absent when denied), as `Deposit.refundedAmount` reads.
 * The decision's reason is the operator's free text: never copied.
 */
export function refundApplicationEvent(args: { type: EventType; application: RefundApplication }): EventDraft {
  const { application } = args;
  const refundedAmount = application.decision?.amount ?? null;
  return {
    type: args.type,
    sellerId: application.sellerId,
    objectType: "REFUND_APPLICATION",
    objectId: application.id,
    objectVersion: application.version,
    partId: null,
    payload: snapshot({ object: { ...application, ...(refundedAmount && { refundedAmount }) } }),
  };
}

/**
 * A violation recorded (version 1) or voided (`VIOLATION_VOIDED`, its version after the void: the one change a
 * violation has).
 */
export function violationEvent(args: {
  violation: Violation;
  type?: "VIOLATION_RECORDED" | "VIOLATION_VOIDED";
}): EventDraft {
  const { violation } = args;
  return {
    type: args.type ?? "VIOLATION_RECORDED",
    sellerId: violation.sellerId,
    objectType: "VIOLATION",
    objectId: violation.id,
    objectVersion: violation.version,
    partId: null,
    payload: snapshot({ object: violation }),
  };
}

/** A seller created (version 1) or its settings changed (its version after the change). */
export function sellerEvent(args: { seller: Seller; type?: "SELLER_CREATED" | "SELLER_UPDATED" }): EventDraft {
  return {
    type: args.type ?? "SELLER_CREATED",
    sellerId: args.seller.id,
    objectType: "SELLER",
    objectId: args.seller.id,
    objectVersion: (args.seller as { version?: number }).version ?? 1,
    partId: null,
    payload: snapshot({ object: args.seller }),
  };
}

/** What an API key event shows of the key: never its secret or hash. */
export interface KeyFacts {
  keyId: string;
  role: string;
  access?: string | null;
  createdAt: string;
  revokedAt?: string | null;
}

/**
 * Operator-level: a key belongs to no seller's event stream, even a seller's key (its revocation
 * is the operators' business). A key has two versions: 1 created, 2 revoked.
 */
export function apiKeyEvent(args: { type: "API_KEY_CREATED" | "API_KEY_REVOKED"; key: KeyFacts }): EventDraft {
  const { key } = args;
  return {
    type: args.type,
    sellerId: null,
    objectType: "API_KEY",
    objectId: key.keyId,
    objectVersion: args.type === "API_KEY_CREATED" ? 1 : 2,
    partId: null,
    payload: snapshot({
      object: {
        keyId: key.keyId,
        role: key.role,
        access: key.access ?? null,
        createdAt: key.createdAt,
        revokedAt: key.revokedAt ?? null,
      },
    }),
  };
}
