import { TOKEN_PRINCIPAL_PREFIX, type Principal } from "../auth";
import { assertNever } from "../errors";

/**
 * The event log's vocabulary (issue #19): every state change worth knowing is recorded as one
 * event, in the same transaction as the change. These types are what the Events table stores,
 * what the `events` query answers and what webhook deliveries carry.
 */

/**
 * Every event type, grouped by the object it is about. The schema's `EventType` enum lists the
 * same values (a test keeps them equal), each with its description.
 */
export const EVENT_TYPES = [
  // Orders
  "ORDER_IMPORTED",
  "ORDER_SHIPPED",
  "ORDER_DELIVERED",
  "ORDER_CANCELLED",
  "ORDER_EXPEDITED",
  "ORDER_INCIDENT_RECORDED",
  "ORDER_TRACKING_INVALID",
  "ORDER_TRACKING_REPORT_WITHDRAWN",
  // A refund or accepted compensation on one of the order's cases, recorded with that case's event
  "ORDER_REFUNDED_OR_COMPENSATED",
  "ORDER_AT_RISK",
  "ORDER_LATE",
  // Cases
  "CASE_OPENED",
  "CASE_MESSAGE_POSTED",
  "CASE_ANSWERED",
  "CASE_ESCALATED",
  "CASE_RESPONSE_DUE_SOON",
  "CASE_OVERDUE",
  "CASE_DECIDED",
  "CASE_CLOSED",
  // Parts of a case: offers, remedies, returns, evidence
  "OFFER_MADE",
  "OFFER_ACCEPTED",
  "OFFER_DECLINED",
  "OFFER_WITHDRAWN",
  "OFFER_LAPSED",
  "REMEDY_RECORDED",
  "RETURN_SHIPPED_BACK",
  "RETURN_RECEIVED",
  "RETURN_REFUNDED",
  "RETURN_REPLACEMENT_SHIPPED",
  "RETURN_CANCELLED",
  "RETURN_EXPIRED",
  "RETURN_OVERDUE",
  "EVIDENCE_SUBMITTED",
  // Deposits
  "DEPOSIT_RECORDED",
  "VIOLATION_RECORDED",
  "VIOLATION_VOIDED",
  "REFUND_APPLICATION_MADE",
  "REFUND_APPLICATION_DECIDED",
  // Sellers
  "SELLER_CREATED",
  "SELLER_UPDATED",
  // Operator-level (no seller)
  "API_KEY_CREATED",
  "API_KEY_REVOKED",
  // Webhooks: an endpoint switched off after repeated failures (the seller's event for a seller's
  // endpoint, an operator-level one for an operator endpoint)
  "WEBHOOK_ENDPOINT_DISABLED",
] as const;

/** The events of the seller's deposits: between the seller and the platform's operators, not the marketplace's. */
export const DEPOSIT_EVENT_TYPES: readonly EventType[] = [
  "DEPOSIT_RECORDED",
  "VIOLATION_RECORDED",
  "VIOLATION_VOIDED",
  "REFUND_APPLICATION_MADE",
  "REFUND_APPLICATION_DECIDED",
];
/** The events of the seller's webhook endpoints: the seller's side and the platform's, not the marketplace's. */
export const WEBHOOK_ENDPOINT_EVENT_TYPES: readonly EventType[] = ["WEBHOOK_ENDPOINT_DISABLED"];
export type EventType = (typeof EVENT_TYPES)[number];

/** What an event is about. Events about an offer, remedy, return or evidence name their case (and the part's id). */
export const OBJECT_TYPES = [
  "ORDER",
  "CASE",
  "DEPOSIT",
  "REFUND_APPLICATION",
  "VIOLATION",
  "SELLER",
  "API_KEY",
  "WEBHOOK_ENDPOINT",
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** The most a payload may take, serialized as JSON (UTF-8 bytes). */
export const MAX_PAYLOAD_BYTES = 4096;

/** A payload: a compact, flat snapshot (scalars, money amounts, and for a part of a case the part's own scalars). */
export type Payload = Record<string, unknown>;

/** What a decision produces: the event before the write pipeline gives it an id, a time and an actor. */
export interface EventDraft {
  type: EventType;
  /** Null for operator-level events (a key created or revoked): they belong to no seller. */
  sellerId: string | null;
  objectType: ObjectType;
  objectId: string;
  /** The version of the stored item that changed (per-object order is by version, then event id). */
  objectVersion: number;
  /** The offer, remedy, return or evidence id when the event is about a part of a case. */
  partId: string | null;
  payload: Payload;
}

/** One recorded event, as stored, queried and delivered. */
export interface EventRecord extends EventDraft {
  /** A ULID of `occurredAt`: unique, and the receivers' deduplication key. */
  eventId: string;
  occurredAt: string;
  /** The acting credential's key id (`jwt:<sub>` for a frontend user), or `job:<job-name>` for a scheduled job. */
  actorKeyId: string;
  /** Whose side the actor acts on; null for events recorded before the side was kept. */
  actorSide: ActorSide | null;
}

/**
 * Whose side an actor acts on: a seller (its keys, its partners' tools, its frontend users), the
 * marketplace (buyers and the platform's integrations), the platform's operators, or the service
 * itself (a scheduled job, a maintenance tool). A viewer learns the key ids of its own side only,
 * as `CaseEvidence.submittedBy` hides the other side's key.
 */
export const ACTOR_SIDES = ["SELLER", "MARKETPLACE", "OPERATOR", "SERVICE"] as const;
export type ActorSide = (typeof ACTOR_SIDES)[number];

/** The side a principal acts on. */
export function sideOf(principal: Principal): ActorSide {
  switch (principal.role) {
    case "SELLER":
    case "PARTNER":
      return "SELLER";
    case "MARKETPLACE":
      return "MARKETPLACE";
    case "OPERATOR":
      return "OPERATOR";
    default:
      return assertNever(principal);
  }
}

const JOB_ACTOR_PREFIX = "job:";
const TOOL_ACTOR_PREFIX = "tool:";

/** The side of an actor known by its id alone: the service's jobs and tools, and frontend users (sellers' only). */
function sideOfActorId(actorKeyId: string): ActorSide | null {
  if (actorKeyId.startsWith(JOB_ACTOR_PREFIX) || actorKeyId.startsWith(TOOL_ACTOR_PREFIX)) return "SERVICE";
  if (actorKeyId.startsWith(TOKEN_PRINCIPAL_PREFIX)) return "SELLER";
  return null;
}

/**
 * The actor as a viewer may see it: the key id when the viewer is an operator, on the actor's side,
 * or the actor itself, and for the service's jobs; otherwise only the side (`side:marketplace`,
 * `side:seller`, `side:operator`), or `side:unknown` for a key of an event recorded before sides were kept.
 */
export function actorSeenBy(viewer: Principal, event: Pick<EventRecord, "actorKeyId" | "actorSide">): string {
  const side = event.actorSide ?? sideOfActorId(event.actorKeyId);
  if (viewer.role === "OPERATOR" || side === "SERVICE" || side === sideOf(viewer)) return event.actorKeyId;
  if (event.actorKeyId === viewer.principalId) return event.actorKeyId;
  return side ? `side:${side.toLowerCase()}` : "side:unknown";
}

/** The actor id a scheduled job writes its events under. */
export function jobActor(jobName: string): string {
  return `${JOB_ACTOR_PREFIX}${jobName}`;
}

/** The actor id a maintenance tool (`npm run keys`) writes its events under. */
export function toolActor(toolName: string): string {
  return `${TOOL_ACTOR_PREFIX}${toolName}`;
}

/** A draft made into a record: the one place an event gets its id, time and actor. */
export function record(args: {
  draft: EventDraft;
  eventId: string;
  occurredAt: string;
  actorKeyId: string;
  /** Required for a credential's key id; a job's, a tool's or a frontend user's side follows from the id. */
  actorSide?: ActorSide;
}): EventRecord {
  return {
    ...args.draft,
    eventId: args.eventId,
    occurredAt: args.occurredAt,
    actorKeyId: args.actorKeyId,
    actorSide: args.actorSide ?? sideOfActorId(args.actorKeyId),
  };
}
