import { MAX_PAYLOAD_BYTES, type Payload } from "./types";

/**
 * Payloads are compact snapshots of an object's own fields at the version the event records:
 * consumers read anything more through GraphQL. A snapshot keeps the scalar fields (strings,
 * numbers, booleans, nulls) and money amounts (`{ amountMinor, currency }`), and leaves out:
 * - nested lists and other nested objects (items, incidents, offers, timeline, documents);
 * - fields that depend on the viewer or the clock (`availableActions`, risk, `timeLeft`): they are
 *   computed when read and never stored, so a snapshot of the stored object has none;
 * - free text people wrote (notes, message bodies, evidence descriptions and references, titles).
 *   Left out rather than copied, so the event log holds nothing that the retention job must
 *   redact later: message bodies and evidence references keep living in one place, the case,
 *   where retention redacts them (docs/events.md);
 * - the service's own bookkeeping (when a job looks next, the timeline's counter);
 * - who acted (`submittedBy`, a violation's `voidedBy`): the envelope's `actorKeyId` says it, to each reader as its
 *   side may see it;
 * - the object's instants (`updatedAt`, near the event's `occurredAt` but not equal: the request's
 *   decision instant, not its write attempt's; `createdAt`, near the first event's, which expires),
 *   read exactly through GraphQL; and fields not set (null): a field absent from a payload is unset
 *   (but for the case fields a part's change cleared: `caseEvent`, ./drafts.ts). An event is one Put
 *   in its change's transaction, where each started KB is charged twice: these cuts keep an order's
 *   event within one KB for typical inputs (docs/events.md, "Cost").
 */

/** Free text written by people: never copied into an event. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  "note",
  "cancelNote",
  "body",
  "summary",
  "description",
  "reference",
  "title",
  "supportTicketRef",
  "voidReason",
]);

/** The service's bookkeeping: meaningful to its jobs and counters only (`buyerDisputed`: the dispute rate's). */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  "nextCheckAt",
  "nextDeadlineAt",
  "eventCount",
  "shape",
  "buyerDisputed",
]);

/**
 * The acting credential's key id kept on a part (evidence's `submittedBy`): GraphQL shows it to its own key and
 * operators only, and a payload reaches the other side's readers and the seller's webhook endpoints.
 */
const ACTOR_FIELDS: ReadonlySet<string> = new Set(["submittedBy", "voidedBy"]);

/**
 * The object's instants: near the envelope's `occurredAt` (this event's, or the first's), exact in GraphQL. An order's
 * `shipmentDeclaredAt` is its ORDER_SHIPPED event's decision instant, or, for an order recorded after it shipped, its
 * `shippedAt` (read through GraphQL).
 */
const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(["createdAt", "updatedAt", "shipmentDeclaredAt"]);

/** The fields a payload keeps when the snapshot would pass the cap. */
const IDENTITY_FIELDS = ["id", "sellerId", "status", "version"] as const;

function isMoney(value: object): boolean {
  const keys = Object.keys(value);
  const money = value as { amountMinor?: unknown; currency?: unknown };
  return keys.length === 2 && typeof money.amountMinor === "number" && typeof money.currency === "string";
}

function keeps(key: string, value: unknown, cleared: ReadonlySet<string> = new Set()): boolean {
  if (FREE_TEXT_FIELDS.has(key) || BOOKKEEPING_FIELDS.has(key) || ENVELOPE_FIELDS.has(key) || ACTOR_FIELDS.has(key))
    return false;
  if (value === null) return cleared.has(key);
  if (value === undefined) return false;
  if (["string", "number", "boolean"].includes(typeof value)) return true;
  return typeof value === "object" && !Array.isArray(value) && isMoney(value);
}

/**
 * The object's own scalar fields that are set, and money amounts, without free text, bookkeeping or envelope;
 * the `cleared` fields also when null (a change unset them).
 */
export function scalarsOf(object: object, cleared: readonly string[] = []): Payload {
  const said = new Set(cleared);
  return Object.fromEntries(Object.entries(object).filter(([key, value]) => keeps(key, value, said)));
}

/** Serialized size in UTF-8 bytes: what the cap measures. */
export function payloadBytes(payload: Payload): number {
  return new TextEncoder().encode(JSON.stringify(payload)).length;
}

/**
 * The snapshot of an object, and of the part of it the event is about (an offer, remedy, return
 * or evidence of a case) under `part`. Never over `MAX_PAYLOAD_BYTES`: a snapshot that would be
 * (only ids and enums are unbounded by input rules) keeps the identity fields and says
 * `truncated: true`, so the consumer reads the object through GraphQL.
 */
export function snapshot(args: { object: object; part?: object | null; cleared?: readonly string[] }): Payload {
  const full: Payload = {
    ...scalarsOf(args.object, args.cleared),
    ...(args.part ? { part: scalarsOf(args.part) } : {}),
  };
  if (payloadBytes(full) <= MAX_PAYLOAD_BYTES) return full;
  const identity = Object.fromEntries(
    IDENTITY_FIELDS.filter((key) => key in full).map((key) => [key, full[key]]),
  ) as Payload;
  return { ...identity, truncated: true };
}
