import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Time } from "@seller-ops/core";
import * as z from "zod/mini";
import type { Db } from "./context";
import { currentShape, upgraded } from "./shapes";
import { isConditionFailed, type TransactItem } from "./transact";

/**
 * The lease item of a webhook delivery group (endpoint, object): who drains the group now, and where its unsettled
 * deliveries begin. Read and written through `WebhookDeliveriesRepo`, which re-exports this module.
 */

/**
 * How long a lease item outlives its last lease: the log's 30 days (`LOG_RETENTION_MS`), while the settled
 * deliveries its position skips may still be there. Gone sooner, a read only starts over from the group's start.
 */
const POSITION_KEPT_MS = 30 * Time.DAY_MS;

const epochSeconds = (instant: string) => Math.ceil(Time.toMs(instant) / 1000);

const leaseKey = (group: string) => ({ pk: group, sk: "LEASE" });

/** `leaseUntil` of a lease given back (the item stays: `GroupLease`), which the previous release takes too. */
const RELEASED = new Date(0).toISOString();

/**
 * The lease item of a group also says where the group's unsettled deliveries begin, so a drain does not read every
 * settled delivery the log keeps (30 days of an object's events: a case's messages have no cap).
 * - `settledThrough`: a position every delivery up to which was settled, moved on by the drain that holds the lease
 *   and written when it gives the lease back. A crash before that write loses only the move: the next drain reads
 *   from the older position, longer, and skips nothing. Absent (a group drained before the position was kept, or
 *   whose item expired): the group's start.
 * - `redeliveredFrom`: a redelivery is placed by its event's version, maybe behind that position, so it adds where
 *   its event's deliveries begin, in its own transaction; a set, so it never undoes a drain's move, nor a drain its
 *   addition (a drain removes only what it saw when it took the lease, and read from).
 */
export interface GroupLease {
  settledThrough: string | null;
  redeliveredFrom: string[];
}

/**
 * A lease a drain holds: its group, its owner's name, until when, the redeliveries it found (`redeliveredFrom`), and
 * where the drain's next read starts (`readAfter`, null: the group's start), which it moves past what it finds settled.
 */
export interface HeldLease {
  group: string;
  owner: string;
  until: string;
  redeliveredFrom: string[];
  readAfter: string | null;
}

/**
 * Where a drain reads its group from (null: the start): the settled position, no later than a redelivery behind it,
 * nor than `notAfter`, where the deliveries that brought the drain begin (`readFromOf`: one recorded behind the
 * position is found).
 */
export function readStart(lease: GroupLease, notAfter: string | null): string | null {
  if (lease.settledThrough === null) return null;
  // The earliest: positions are ASCII, so JavaScript's order is DynamoDB's (by bytes).
  return [lease.settledThrough, ...lease.redeliveredFrom, ...(notAfter === null ? [] : [notAfter])].sort()[0]!;
}

const leaseSchema = z.object({
  settledThrough: z.optional(z.string()),
  redeliveredFrom: z.optional(z.custom<Set<string>>((value) => value instanceof Set)),
});

/** A group's lease item as the dispatcher reads it (and `npm run migrate` checks it). */
export function leaseOfItem(item: Record<string, unknown>): z.infer<typeof leaseSchema> {
  return leaseSchema.parse(upgraded("webhookDeliveryLease", item));
}

/**
 * Takes the group's lease until `now + leaseMs`, when it is free, expired, or already ours (null when not), with
 * where the group's read starts (`readStart`, no later than `readFrom`). While it is held no other dispatcher
 * attempts this group's deliveries.
 */
export async function acquireLease(
  db: Db,
  args: { group: string; owner: string; now: string; leaseMs: number; readFrom?: string | null },
): Promise<HeldLease | null> {
  const until = Time.addMs(args.now, args.leaseMs);
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.WebhookDeliveries,
        Key: leaseKey(args.group),
        // An update, not a put: the item keeps the group's read position.
        UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until, expiresAtEpoch = :expires, #shape = :shape",
        ConditionExpression: "attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: {
          ":owner": args.owner,
          ":until": until,
          ":now": args.now,
          ":shape": currentShape("webhookDeliveryLease"),
          ":expires": epochSeconds(Time.addMs(args.now, POSITION_KEPT_MS)),
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    const item = leaseOfItem(result.Attributes ?? {});
    const found = { settledThrough: item.settledThrough ?? null, redeliveredFrom: [...(item.redeliveredFrom ?? [])] };
    const { group, owner } = args;
    return {
      group,
      owner,
      until,
      redeliveredFrom: found.redeliveredFrom,
      readAfter: readStart(found, args.readFrom ?? null),
    };
  } catch (error) {
    if (isConditionFailed(error)) return null;
    throw error;
  }
}

/**
 * Gives the lease back (only our own: a lease that lapsed and was taken stays with its new owner), with the read
 * position as this drain left it (`readAfter`), less the redeliveries it read from (those it took the lease with).
 */
export async function releaseLease(db: Db, lease: HeldLease): Promise<void> {
  const values: Record<string, unknown> = { ":owner": lease.owner, ":released": RELEASED };
  let update = "SET leaseUntil = :released";
  if (lease.readAfter !== null) {
    update += ", settledThrough = :through";
    values[":through"] = lease.readAfter;
  }
  update += " REMOVE leaseOwner";
  if (lease.redeliveredFrom.length > 0) {
    update += " DELETE redeliveredFrom :seen";
    values[":seen"] = new Set(lease.redeliveredFrom);
  }
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.WebhookDeliveries,
        Key: leaseKey(lease.group),
        UpdateExpression: update,
        ConditionExpression: "leaseOwner = :owner",
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

/**
 * A redelivery's write to its group's lease item, for the redelivery's transaction: where its event begins added to
 * `redeliveredFrom` (`GroupLease`), so the next drain reads from there and sends it in its object's order. No
 * condition: held or not, the lease is not touched.
 */
export function redeliveryReadFrom(
  db: Db,
  args: { group: string; readFrom: string; expiresAtEpoch: number },
): TransactItem {
  return {
    Update: {
      TableName: db.tables.WebhookDeliveries,
      Key: leaseKey(args.group),
      UpdateExpression:
        "ADD redeliveredFrom :from SET leaseUntil = if_not_exists(leaseUntil, :released), " +
        "expiresAtEpoch = if_not_exists(expiresAtEpoch, :expires), #shape = if_not_exists(#shape, :shape)",
      ExpressionAttributeNames: { "#shape": "shape" },
      ExpressionAttributeValues: {
        ":from": new Set([args.readFrom]),
        ":released": RELEASED,
        ":expires": args.expiresAtEpoch,
        ":shape": currentShape("webhookDeliveryLease"),
      },
    },
  };
}
