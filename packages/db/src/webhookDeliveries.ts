import { createHash } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Events, Time, Webhooks } from "@seller-ops/core";
import * as z from "zod/mini";
import type { Db } from "./context";
import { dueItems, queryPage, type DueItem, type Page, type PageRequest } from "./pagination";
import { currentShape, guardedPut, stamped, readItem, upgraded } from "./shapes";
import { isConditionFailed, landed, type TransactItem } from "./transact";
import { redeliveryReadFrom, type HeldLease } from "./webhookGroupLease";

/**
 * The WebhookDeliveries table is both the retry queue and the delivery log. One item per delivery
 * of an event to an endpoint, grouped by (endpoint, object) in one partition and ordered in it by
 * (objectVersion, eventId), so an endpoint receives one object's events in version order: a
 * group's next delivery waits until the one before it is delivered or given up. A lease item in
 * the group keeps two dispatchers from interleaving one group, and says where the group's unsettled
 * deliveries begin (webhookGroupLease.ts), so a read skips the settled ones. Unsettled deliveries carry
 * `dueShard` + `nextAttemptAt`, the sparse `deliveriesDue` index the retry job reads (no Scan).
 * Each endpoint's failing streak is one more item, which decides when it is switched off, and each
 * event redelivered to an endpoint has a guard item in its group that every redelivery moves on.
 */

/** Shards of the due index: spreads the retry job's reads and the index's writes over several keys. */
export const DUE_SHARDS = 8;

/** How long a delivery stays in the log after it was created or last redelivered (TTL; docs/webhooks.md). */
export const LOG_RETENTION_MS = 30 * Time.DAY_MS;

/** The attempts a delivery item keeps (the newest); the count goes on. Keeps the item small whatever happens. */
export const KEPT_ATTEMPTS = 20;

/** The sequence of a delivery made by the dispatcher; a redelivery gets its own (a ULID, which sorts after it). */
export const FIRST_DELIVERY = "0";

const attemptSchema = z.lazy(() =>
  z.object({
    at: z.string(),
    outcome: z.string(),
    statusCode: z.nullable(z.number()),
    durationMs: z.number(),
    responseExcerpt: z.string(),
    detail: z.nullable(z.string()),
  }),
);
export type Attempt = z.infer<typeof attemptSchema>;

const deliverySchema = z.lazy(() =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    sequence: z.string(),
    eventType: z.string(),
    /** The scope the event belongs to: a seller id, or null for operator-level events. */
    sellerId: z.nullable(z.string()),
    objectType: z.string(),
    objectId: z.string(),
    objectVersion: z.number(),
    /** The exact bytes sent (`Webhooks.deliveryBody`): retries and redeliveries need no other read. */
    body: z.string(),
    status: z.enum(Webhooks.DELIVERY_STATUSES),
    createdAt: z.string(),
    /** Who asked for a redelivery (the key id); null for the dispatcher's own deliveries. */
    requestedBy: z.nullable(z.string()),
    /**
     * The side `requestedBy` acts on (`Events.ActorSide`), which decides who reads the key id; absent for the
     * dispatcher's deliveries and for redeliveries recorded before it was kept.
     */
    requestedBySide: z.nullish(z.enum(Events.ACTOR_SIDES)),
    firstAttemptAt: z.nullable(z.string()),
    nextAttemptAt: z._default(z.nullable(z.string()), null),
    attemptCount: z.number(),
    attempts: z.array(attemptSchema),
    settledAt: z.nullable(z.string()),
  }),
);
export type Delivery = Omit<z.infer<typeof deliverySchema>, "pk" | "sk" | "requestedBySide"> & {
  group: string;
  position: string;
  requestedBySide: Events.ActorSide | null;
};

/** The partition of one (endpoint, object) group. */
export function groupKey(args: { endpointId: string; objectType: string; objectId: string }): string {
  return `GROUP#${args.endpointId}#${args.objectType}#${args.objectId}`;
}

/** The sort key: version (zero-padded, so it sorts as a number), event id, delivery sequence. */
function positionOf(d: { objectVersion: number; eventId: string; sequence: string }): string {
  return `DELIVERY#${String(d.objectVersion).padStart(12, "0")}#${d.eventId}#${d.sequence}`;
}

/**
 * Where a delivery's event begins in its group: a drain started there finds it, wherever the group's settled
 * position is (a delivery recorded late, behind it: a stream batch replayed from the dead-letter queue).
 */
export function readFromOf(delivery: Pick<Delivery, "objectVersion" | "eventId">): string {
  return positionOf({ objectVersion: delivery.objectVersion, eventId: delivery.eventId, sequence: "" });
}

function dueShardOf(group: string): string {
  const n = createHash("sha256").update(group).digest().readUInt32BE(0) % DUE_SHARDS;
  return `DUE#${n}`;
}

const epochSeconds = (instant: string) => Math.ceil(Time.toMs(instant) / 1000);

export function toItem(d: Delivery): Record<string, unknown> {
  // An index key attribute must be absent, never null: the settled leave the due index by losing both.
  const { group, position, nextAttemptAt, requestedBySide, ...rest } = d;
  const unsettled = !Webhooks.isSettled(d.status) && nextAttemptAt !== null;
  return stamped("webhookDelivery", {
    ...rest,
    ...(requestedBySide ? { requestedBySide } : {}),
    pk: group,
    sk: position,
    // The delivery log: an endpoint's deliveries by event id (ULIDs sort by time), one event's by prefix.
    logKey: `${d.eventId}#${d.sequence}`,
    ...(unsettled ? { dueShard: dueShardOf(group), nextAttemptAt } : {}),
    expiresAtEpoch: epochSeconds(Time.addMs(d.settledAt ?? d.createdAt, LOG_RETENTION_MS)),
  });
}

export function fromItem(raw: Record<string, unknown>): Delivery {
  const { pk, sk, requestedBySide, ...rest } = readItem("webhookDelivery", deliverySchema, raw);
  return { ...rest, requestedBySide: requestedBySide ?? null, group: pk, position: sk };
}

/** The event as delivered: the body receivers parse. */
export function deliveredEvent(event: Events.EventRecord): Webhooks.DeliveredEvent {
  return {
    id: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    sellerId: event.sellerId,
    object: { type: event.objectType, id: event.objectId, version: event.objectVersion, partId: event.partId },
    payload: event.payload,
  };
}

/** A new delivery of an event to an endpoint, due now. */
export function newDelivery(args: {
  endpointId: string;
  event: Webhooks.DeliveredEvent;
  now: string;
  sequence?: string;
  /** Who asked for a redelivery, and the side it acts on; none for the dispatcher's own deliveries. */
  requestedBy?: { keyId: string; side: Events.ActorSide } | null;
}): Delivery {
  const { event } = args;
  const sequence = args.sequence ?? FIRST_DELIVERY;
  const ids = { endpointId: args.endpointId, objectType: event.object.type, objectId: event.object.id };
  return {
    group: groupKey(ids),
    position: positionOf({ objectVersion: event.object.version, eventId: event.id, sequence }),
    endpointId: args.endpointId,
    eventId: event.id,
    sequence,
    eventType: event.type,
    sellerId: event.sellerId,
    objectType: event.object.type,
    objectId: event.object.id,
    objectVersion: event.object.version,
    body: Webhooks.deliveryBody(event),
    status: "PENDING",
    createdAt: args.now,
    requestedBy: args.requestedBy?.keyId ?? null,
    requestedBySide: args.requestedBy?.side ?? null,
    firstAttemptAt: null,
    nextAttemptAt: args.now,
    attemptCount: 0,
    attempts: [],
    settledAt: null,
  };
}

/**
 * A delivery as it was created (due now, no attempt yet): what the request that created it answered,
 * rebuilt for an attempt of that request that finds it stored, whatever the dispatcher did since.
 */
export function asCreated(delivery: Delivery): Delivery {
  return {
    ...delivery,
    status: "PENDING",
    firstAttemptAt: null,
    nextAttemptAt: delivery.createdAt,
    attemptCount: 0,
    attempts: [],
    settledAt: null,
  };
}

/**
 * Writes a delivery unless it is already there: the stream retrying a batch, or a dispatcher
 * started again after a crash, finds its deliveries recorded and never resets their state.
 */
export async function createIfAbsent(db: Db, delivery: Delivery): Promise<"created" | "exists"> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.WebhookDeliveries,
        Item: toItem(delivery),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return "created";
  } catch (error) {
    if (isConditionFailed(error)) return "exists";
    throw error;
  }
}

/**
 * What one read of a group found: its unsettled deliveries (the head first), and the position of the last delivery
 * of the settled run the read began with (`after` when there was none): every delivery up to it was settled.
 */
/**
 * A delivery item this code cannot parse: during a deploy a newer release can store a value this one does not know,
 * and a hand edit can break one. Named by its group and position and why, never its body or url.
 */
export interface UnreadableDelivery {
  group: string;
  position: string;
  errorName: string;
  errorMessage: string;
}

/** A delivery item parsed, or what names it when this code cannot parse it. */
export function readDelivery(raw: Record<string, unknown>): Delivery | UnreadableDelivery {
  try {
    return fromItem(raw);
  } catch (error) {
    return {
      group: String(raw.pk),
      position: String(raw.sk),
      errorName: error instanceof Error ? error.name : typeof error,
      // A schema error names the attribute paths and the values it expected, never the values read.
      errorMessage: error instanceof Error ? error.message.slice(0, 500) : String(error),
    };
  }
}

export const isReadable = (read: Delivery | UnreadableDelivery): read is Delivery => !("errorName" in read);

/**
 * A group's unsettled deliveries in order, up to the first one this code cannot read (`unreadable`): the group's
 * order holds, so nothing behind that one is attempted until it reads.
 */
export type GroupRead = { unsettled: Delivery[]; settledThrough: string | null; unreadable: UnreadableDelivery | null };

/**
 * The unsettled deliveries of a group after a position (`after`; null: from the group's start), in delivery order,
 * at most `limit`. Strongly consistent (the base table; an index cannot be): the dispatcher reads the group right
 * after writing a delivery and after recording each attempt, and a lagging answer would send a delivered event
 * again (then find its lease lost) or miss the delivery just written until the retry job. Settled deliveries stay
 * in the group (the log) 30 days: a drain reads after the group's settled position (`GroupLease`), and no filter
 * hides the settled ones this read passes (a filter saves no read units), so the position moves past them.
 */
export async function unsettledInGroup(
  db: Db,
  group: string,
  limit = 10,
  after: string | null = null,
): Promise<GroupRead> {
  const unsettled: Delivery[] = [];
  let unreadable: UnreadableDelivery | null = null;
  let settledThrough = after;
  let start: Record<string, unknown> | undefined = settledThrough ? { pk: group, sk: settledThrough } : undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.WebhookDeliveries,
        KeyConditionExpression: "pk = :group AND begins_with(sk, :delivery)",
        ExpressionAttributeValues: { ":group": group, ":delivery": "DELIVERY#" },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of page.Items ?? []) {
      // Unsettled is what the due index holds (`toItem`): a delivery without `dueShard` waits for nothing.
      if (raw.dueShard === undefined) {
        if (unsettled.length === 0) settledThrough = String(raw.sk);
        continue;
      }
      if (unsettled.length === limit) break;
      const read = readDelivery(raw);
      if (!isReadable(read)) {
        unreadable = read;
        break;
      }
      unsettled.push(read);
    }
    start = page.LastEvaluatedKey;
  } while (start && unsettled.length < limit && !unreadable);
  return { unsettled, settledThrough, unreadable };
}

/**
 * One page of a group's unsettled deliveries after a position, at most `limit` items read (strongly consistent, as
 * `unsettledInGroup`), and where the next page starts (null: the group ends there): the deliveries behind a waiting
 * head, which the dispatcher defers page by page however long the group is.
 */
export async function unsettledAfter(
  db: Db,
  group: string,
  after: string,
  limit: number,
): Promise<{ unsettled: Delivery[]; next: string | null }> {
  const page = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookDeliveries,
      KeyConditionExpression: "pk = :group AND begins_with(sk, :delivery)",
      ExpressionAttributeValues: { ":group": group, ":delivery": "DELIVERY#" },
      ConsistentRead: true,
      ExclusiveStartKey: { pk: group, sk: after },
      Limit: limit,
    }),
  );
  // Unsettled is what the due index holds (`toItem`). One this code cannot read is not moved: it stays due, and the
  // group's drain stops at it (`unsettledInGroup`).
  const unsettled = (page.Items ?? [])
    .filter((raw) => raw.dueShard !== undefined)
    .map(readDelivery)
    .filter(isReadable);
  return { unsettled, next: page.LastEvaluatedKey ? String(page.LastEvaluatedKey.sk) : null };
}

/**
 * The next unsettled deliveries of a held lease's group, from where its drain has read to (`readAfter`, moved on), and
 * the one this code cannot read that they stop before, if any.
 */
export async function readGroup(
  db: Db,
  lease: HeldLease,
  limit: number,
): Promise<{ deliveries: Delivery[]; unreadable: UnreadableDelivery | null }> {
  const read = await unsettledInGroup(db, lease.group, limit, lease.readAfter);
  lease.readAfter = read.settledThrough;
  return { deliveries: read.unsettled, unreadable: read.unreadable };
}

/**
 * The result of one attempt written back, only if no other attempt was recorded meanwhile (the
 * count is the version); null when one was (the other writer's result stands).
 */
export async function recordAttempt(
  db: Db,
  delivery: Delivery,
  attempt: Attempt,
  next: { status: Webhooks.DeliveryStatus; nextAttemptAt: string | null },
): Promise<Delivery | null> {
  const settled = Webhooks.isSettled(next.status);
  const updated: Delivery = {
    ...delivery,
    status: next.status,
    firstAttemptAt: delivery.firstAttemptAt ?? attempt.at,
    nextAttemptAt: settled ? null : next.nextAttemptAt,
    attemptCount: delivery.attemptCount + 1,
    attempts: [...delivery.attempts, attempt].slice(-KEPT_ATTEMPTS),
    settledAt: settled ? attempt.at : null,
  };
  return (await putIfAttemptCount(db, delivery, updated)) ? updated : null;
}

/** A waiting delivery moved to a later time (it waits for the one before it in its group). */
export async function deferTo(db: Db, delivery: Delivery, nextAttemptAt: string): Promise<boolean> {
  return putIfAttemptCount(db, delivery, { ...delivery, nextAttemptAt });
}

async function putIfAttemptCount(db: Db, before: Delivery, after: Delivery): Promise<boolean> {
  const put = guardedPut({
    TableName: db.tables.WebhookDeliveries,
    Item: toItem(after),
    ConditionExpression: "attemptCount = :count AND #status = :status",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":count": before.attemptCount, ":status": before.status },
  });
  return landed(db.doc.send(new PutCommand(put)), put);
}

/** One page of the deliveries due at `now` in a shard of the due index, the longest-waiting first. */
export async function due(
  db: Db,
  args: { shard: number; now: string; startKey?: Record<string, unknown>; limit: number },
): Promise<{ deliveries: DueItem<Delivery>[]; nextKey: Record<string, unknown> | undefined }> {
  const page = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookDeliveries,
      IndexName: "deliveriesDue",
      KeyConditionExpression: "dueShard = :shard AND nextAttemptAt <= :now",
      ExpressionAttributeValues: { ":shard": `DUE#${args.shard}`, ":now": args.now },
      ExclusiveStartKey: args.startKey,
      Limit: args.limit,
    }),
  );
  const idOf = (raw: Record<string, unknown>) => `${raw.endpointId}/${raw.eventId}/${raw.sequence}`;
  return { deliveries: dueItems(page.Items, idOf, fromItem), nextKey: page.LastEvaluatedKey };
}

/** One delivery by its endpoint, event and sequence (through the log index: the group is not known to a caller). */
export async function get(
  db: Db,
  args: { endpointId: string; eventId: string; sequence: string },
): Promise<Delivery | null> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookDeliveries,
      IndexName: "deliveriesByEndpoint",
      KeyConditionExpression: "endpointId = :endpoint AND logKey = :log",
      ExpressionAttributeValues: { ":endpoint": args.endpointId, ":log": `${args.eventId}#${args.sequence}` },
    }),
  );
  const raw = result.Items?.[0];
  return raw ? fromItem(raw) : null;
}

/**
 * The delivery log of an endpoint, newest event first; optionally one event's deliveries, or one status. An item this
 * code cannot read comes as what names it (`readDelivery`), in its place: its edge keeps its cursor, so a reader pages
 * past it.
 */
export function logPage(
  db: Db,
  args: { endpointId: string; eventId: string | null; status: Webhooks.DeliveryStatus | null },
  page: PageRequest,
): Promise<Page<Delivery | UnreadableDelivery>> {
  const values: Record<string, unknown> = { ":endpoint": args.endpointId };
  let condition = "endpointId = :endpoint";
  if (args.eventId) {
    condition += " AND begins_with(logKey, :event)";
    values[":event"] = `${args.eventId}#`;
  }
  if (args.status) values[":status"] = args.status;
  return queryPage(
    db,
    {
      TableName: db.tables.WebhookDeliveries,
      IndexName: "deliveriesByEndpoint",
      KeyConditionExpression: condition,
      ...(args.status && { FilterExpression: "#status = :status", ExpressionAttributeNames: { "#status": "status" } }),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    page,
    ["pk", "sk", "endpointId", "logKey"],
    readDelivery,
  );
}

/**
 * What a redelivery of an event to an endpoint is decided from: whether a delivery of it still waits (`PENDING` or
 * `RETRYING`: the first or a redelivery), and how many redeliveries of it the log keeps, counted up to `cap`. One
 * strongly consistent Query of the event's own deliveries in its group, where they sort together by sequence (the
 * first, `0`, then the redeliveries' ULIDs in the order made): a delivery made a moment ago counts at once, and
 * the read stays at `cap` items however often the event was redelivered. Each delivery of an event settles before
 * the next is made (a redelivery is refused while one waits), so the newest `cap` hold any that waits, and when
 * they are all redeliveries the cap is reached; fewer than `cap` are every delivery of the event. Deliveries past
 * the log's retention that TTL has not removed yet (the oldest: they settled first) do not count.
 */
export async function redeliveryState(
  db: Db,
  args: { endpointId: string; event: Webhooks.DeliveredEvent; now: string; cap: number },
): Promise<{ waiting: boolean; redeliveries: number }> {
  const { event } = args;
  const group = groupKey({ endpointId: args.endpointId, objectType: event.object.type, objectId: event.object.id });
  const page = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookDeliveries,
      KeyConditionExpression: "pk = :group AND begins_with(sk, :event)",
      ExpressionAttributeValues: {
        ":group": group,
        ":event": positionOf({ objectVersion: event.object.version, eventId: event.id, sequence: "" }),
      },
      ConsistentRead: true,
      ScanIndexForward: false,
      Limit: args.cap,
    }),
  );
  const nowEpoch = Time.toMs(args.now) / 1000;
  const kept = (page.Items ?? []).filter((raw) => Number(raw.expiresAtEpoch) > nowEpoch).map(fromItem);
  return {
    waiting: kept.some((d) => !Webhooks.isSettled(d.status)),
    redeliveries: kept.filter((d) => d.sequence !== FIRST_DELIVERY).length,
  };
}

// ---- The redelivery guard ---------------------------------------------------------------------

/**
 * One item per (endpoint, event), in the event's group, that every redelivery of the event to the endpoint moves on
 * in the transaction that writes it: `redeliveries` counts them all, and is the version a redelivery is decided
 * from. The rules (one waiting delivery, at most `cap` in the log's 30 days) are decided from the event's
 * deliveries (`redeliveryState`), a read that two requests can make at the same moment and both pass; the guard is
 * what makes only one of them land: each writes on the condition that the count is still the one it read, so the
 * other fails, decides again, and sees the delivery that landed. Only a redelivery can turn a passing decision into
 * a failing one (a delivery settling or leaving the log only frees room), so the dispatcher never writes the guard.
 * Not under `DELIVERY#`: the group's Queries and the log never see it.
 */
const guardKey = (group: string, eventId: string) => ({ pk: group, sk: `REDELIVERIES#${eventId}` });

/**
 * The redeliveries the guard has counted, 0 when there is none (the event was never redelivered since guards exist,
 * or its guard left with the log). Strongly consistent, and read before `redeliveryState`: a redelivery that lands
 * after this read fails the write's condition; one that landed before it is in the deliveries read after.
 */
export async function redeliveryGuard(
  db: Db,
  args: { endpointId: string; event: Webhooks.DeliveredEvent },
): Promise<number> {
  const { event } = args;
  const group = groupKey({ endpointId: args.endpointId, objectType: event.object.type, objectId: event.object.id });
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.WebhookDeliveries, Key: guardKey(group, event.id), ConsistentRead: true }),
  );
  return result.Item ? redeliveriesOfGuard(result.Item) : 0;
}

/** An event's redelivery guard as a redelivery reads it (and `npm run migrate` checks it): its count. */
export function redeliveriesOfGuard(item: Record<string, unknown>): number {
  return z.object({ redeliveries: z.number() }).parse(upgraded("webhookRedeliveryGuard", item)).redeliveries;
}

/**
 * The writes of a redelivery, for one transaction: the guard one higher, only if it still holds the count read
 * before the decision (index 0 fails when another redelivery of the event landed since), the new delivery,
 * only if its key is new (index 1), and where it begins added to the group's lease item (`GroupLease`).
 */
export function redeliveryWrites(db: Db, delivery: Delivery, guardRead: number): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.tables.WebhookDeliveries,
        Key: guardKey(delivery.group, delivery.eventId),
        UpdateExpression: "SET redeliveries = :next, #shape = :shape, expiresAtEpoch = :expires",
        ConditionExpression: guardRead === 0 ? "attribute_not_exists(pk)" : "redeliveries = :read",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: {
          ":next": guardRead + 1,
          ":shape": currentShape("webhookRedeliveryGuard"),
          // 30 days after the redelivery it last counted was made. A guard gone reads 0 and is written only if
          // still absent: it is a version, not what the cap is counted from, so starting it again loses nothing.
          ":expires": epochSeconds(Time.addMs(delivery.createdAt, LOG_RETENTION_MS)),
          ...(guardRead === 0 ? {} : { ":read": guardRead }),
        },
      },
    },
    {
      Put: {
        TableName: db.tables.WebhookDeliveries,
        Item: toItem(delivery),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    // Placed by its event's version, maybe behind the group's settled position: where its event begins is added.
    redeliveryReadFrom(db, {
      group: delivery.group,
      readFrom: readFromOf(delivery),
      expiresAtEpoch: epochSeconds(Time.addMs(delivery.createdAt, LOG_RETENTION_MS)),
    }),
  ];
}

// ---- The group lease, and where the group's read starts (webhookGroupLease.ts) ------------------

export * from "./webhookGroupLease";

// ---- An endpoint's failing streak (webhookFailureStreak.ts) -----------------------------------

export * from "./webhookFailureStreak";
