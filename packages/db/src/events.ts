import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Events } from "@seller-ops/core";
import { encodeTime, monotonicFactory } from "ulid";
import * as z from "zod/mini";
import type { Db } from "./context";
import { queryPage, type Page, type PageRequest } from "./pagination";
import { stamped, readItem } from "./shapes";
import type { TransactItem } from "./transact";

/**
 * The event log (docs/events.md): `SELLER#<sellerId>` or `OPERATORS` / `EVENT#<eventId>`. One
 * seller's events are one partition in event-id order, and an event id is a ULID of the instant
 * it was written, so a time range is a key range. Each event is one Put in the transaction of the
 * change it records (no condition: a new ULID is unique), kept `RETENTION_DAYS` (TTL), and
 * streamed (NEW_IMAGE) to the webhook dispatcher.
 */

/** How long an event is kept: DynamoDB's TTL deletes it after this (lazily, up to about two days later). */
export const RETENTION_DAYS = 30;
const RETENTION_SECONDS = RETENTION_DAYS * 24 * 3600;

/** The partition of operator-level events (no seller). */
export const OPERATORS_PARTITION = "OPERATORS";

/** The partition an event lives in: its seller's, or the operators' for an event that belongs to no seller. */
export const partitionOf = (sellerId: string | null) => (sellerId ? `SELLER#${sellerId}` : OPERATORS_PARTITION);

export const eventKey = (sellerId: string | null, eventId: string) => ({
  pk: partitionOf(sellerId),
  sk: `EVENT#${eventId}`,
});

const Stored = z.lazy(() =>
  z.object({
    eventId: z.string(),
    type: z.enum(Events.EVENT_TYPES),
    sellerId: z.nullish(z.string()),
    objectType: z.enum(Events.OBJECT_TYPES),
    objectId: z.string(),
    objectVersion: z.number().check(z.int()),
    partId: z.nullish(z.string()),
    occurredAt: z.string(),
    actorKeyId: z.string(),
    actorSide: z.nullish(z.enum(Events.ACTOR_SIDES)),
    payload: z.record(z.string(), z.unknown()),
  }),
);

/**
 * The stored item of an event. Absent `sellerId` (operator-level) and `partId` are left out, not null. `follows`: the
 * id of the event of the same object written just before it in the same transaction (`writesFor`), for the webhook
 * dispatcher; it is not part of the event.
 */
export function toItem(event: Events.EventRecord, follows: string | null = null): Record<string, unknown> {
  return stamped("event", {
    ...eventKey(event.sellerId, event.eventId),
    eventId: event.eventId,
    type: event.type,
    ...(event.sellerId ? { sellerId: event.sellerId } : {}),
    objectType: event.objectType,
    objectId: event.objectId,
    objectVersion: event.objectVersion,
    ...(event.partId ? { partId: event.partId } : {}),
    occurredAt: event.occurredAt,
    actorKeyId: event.actorKeyId,
    ...(event.actorSide ? { actorSide: event.actorSide } : {}),
    payload: event.payload,
    ...(follows ? { follows } : {}),
    expiresAtEpoch: Math.floor(Date.parse(event.occurredAt) / 1000) + RETENTION_SECONDS,
  });
}

/** An event from a stored item or a stream record's NEW_IMAGE (unmarshalled). */
export function fromItem(item: Record<string, unknown>): Events.EventRecord {
  const parsed = readItem("event", Stored, item);
  return {
    ...parsed,
    sellerId: parsed.sellerId ?? null,
    partId: parsed.partId ?? null,
    actorSide: parsed.actorSide ?? null,
  };
}

/**
 * The event its stored item (or a stream record's image) says was written just before it in the same transaction, of
 * the same object; null when none was. Stream records of one transaction reach a reader in no guaranteed order, even
 * one batch apart: this is how the webhook dispatcher finds the earlier one to keep the object's order.
 */
export function followsOf(item: Record<string, unknown>): string | null {
  return typeof item.follows === "string" && item.follows !== "" ? item.follows : null;
}

/** One event by its seller (null: operator-level) and id; null when there is none (or it expired). */
export async function get(db: Db, sellerId: string | null, eventId: string): Promise<Events.EventRecord | null> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tables.Events, Key: eventKey(sellerId, eventId) }));
  return result.Item ? fromItem(result.Item) : null;
}

/**
 * The stored item of an event just committed (read strongly consistent), unparsed (`fromItem`, `followsOf`); null
 * when there is none (it expired).
 */
export async function getItemJustWritten(
  db: Db,
  sellerId: string | null,
  eventId: string,
): Promise<Record<string, unknown> | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Events, Key: eventKey(sellerId, eventId), ConsistentRead: true }),
  );
  return result.Item ?? null;
}

/** The write that records an event, for the transaction of the change it describes (`follows`: see `toItem`). */
export function put(db: Db, event: Events.EventRecord, follows: string | null = null): TransactItem {
  return { Put: { TableName: db.tables.Events, Item: toItem(event, follows) } };
}

/**
 * The last id this process gave out. Ids of one millisecond continue from it (ULID's monotonic
 * increment), so events one process writes within a millisecond keep the order they were
 * written in (a change and the next change of the same object, called back to back). A new
 * millisecond, later or earlier (an injected clock may go back), starts afresh: an id's time is
 * always its event's `occurredAt`.
 */
let last: { ms: number; next: (ms: number) => string } | null = null;

function nextEventId(ms: number): string {
  if (last?.ms !== ms) last = { ms, next: monotonicFactory() };
  return last.next(ms);
}

/** Whether two events are about the same object, in the same partition (the dispatcher reads one from the other's). */
const sameObject = (a: Events.EventRecord, b: Events.EventRecord) =>
  a.objectType === b.objectType && a.objectId === b.objectId && a.sellerId === b.sellerId;

/**
 * The writes that record a change's events, stamped at one instant by one actor (a credential's
 * key id comes with its side; a job's or tool's side follows from its id): ids are ULIDs
 * of that instant, increasing in the order of the drafts (a change that yields two events lists
 * them in the order they happened). The instant is the write attempt's, read from the injected
 * clock just before the transaction, so an id's time is at most one transaction call older than
 * its commit: what the catch-up query's settle window relies on (docs/events.md).
 */
export function writesFor(
  db: Db,
  args: { drafts: readonly Events.EventDraft[]; occurredAt: string; actorKeyId: string; actorSide?: Events.ActorSide },
): { records: Events.EventRecord[]; writes: TransactItem[] } {
  const ms = Date.parse(args.occurredAt);
  const { occurredAt, actorKeyId, actorSide } = args;
  const records = args.drafts.map((draft) =>
    Events.record({ draft, eventId: nextEventId(ms), occurredAt, actorKeyId, actorSide }),
  );
  // Each event names the one of the same object written before it here, so a reader that gets them apart can
  // still deliver them in order (`followsOf`).
  const follows = (i: number): string | null =>
    records.slice(0, i).findLast((e) => sameObject(e, records[i]!))?.eventId ?? null;
  return { records, writes: records.map((event, i) => put(db, event, follows(i))) };
}

/** The lowest and highest event ids of a millisecond: a time range as a key range. */
export const lowestIdAt = (ms: number) => `${encodeTime(ms, 10)}${"0".repeat(16)}`;
export const highestIdAt = (ms: number) => `${encodeTime(ms, 10)}${"Z".repeat(16)}`;

export interface EventFilter {
  /** The seller whose events to read; null for operator-level events. */
  sellerId: string | null;
  /** Inclusive bounds, in epoch milliseconds (the reader's upper bound is at most its settle horizon). */
  fromMs: number;
  toMs: number;
  /** Only these types (empty or null: every type). */
  types?: readonly Events.EventType[] | null;
  /** Never these types (what the reader may not read); an event of a type this release does not know is still read. */
  exceptTypes?: readonly Events.EventType[] | null;
  /** Only events about this object (an order, case, deposit, …). */
  objectId?: string | null;
}

/**
 * One page of a partition's events, oldest first, within [fromMs, toMs]. Type and object filters
 * are applied by DynamoDB after the key range is read (no index per filter: every event stays one
 * cheap Put); a page that filters out much ends early with a cursor where reading stopped.
 */
export async function listPage(db: Db, filter: EventFilter, page: PageRequest): Promise<Page<Events.EventRecord>> {
  const from = `EVENT#${lowestIdAt(filter.fromMs)}`;
  const to = `EVENT#${highestIdAt(filter.toMs)}`;
  // A cursor outside the window (kept from a wider read, or older than what is kept) is no error:
  // before it, the window's start is where reading resumes; past it, nothing is there yet.
  const after = typeof page.after?.sk === "string" ? page.after.sk : null;
  if (after !== null && after >= to) return { items: [], hasNextPage: false, resumeKey: null };
  const request = after !== null && after < from ? { ...page, after: null } : page;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ":pk": partitionOf(filter.sellerId), ":from": from, ":to": to };
  const conditions: string[] = [];
  const typeList = (types: readonly Events.EventType[], prefix: string): string => {
    names["#type"] = "type";
    return types
      .map((type, i) => {
        values[`:${prefix}${i}`] = type;
        return `:${prefix}${i}`;
      })
      .join(", ");
  };
  if (filter.types && filter.types.length > 0) conditions.push(`#type IN (${typeList(filter.types, "type")})`);
  if (filter.exceptTypes && filter.exceptTypes.length > 0) {
    conditions.push(`NOT (#type IN (${typeList(filter.exceptTypes, "except")}))`);
  }
  if (filter.objectId) {
    values[":objectId"] = filter.objectId;
    conditions.push("objectId = :objectId");
  }
  return queryPage(
    db,
    {
      TableName: db.tables.Events,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ...(conditions.length > 0 && { FilterExpression: conditions.join(" AND ") }),
      ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: values,
    },
    request,
    ["pk", "sk"],
    fromItem,
  );
}
