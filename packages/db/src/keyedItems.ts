import { createHash } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./context";
import { type IdempotencyScope, scopeId } from "./idempotency";
import { tableSpecs, type TableName } from "./specs";
import { guardedPut, refuseNewer } from "./shapes";
import { isConditionFailed } from "./transact";

/**
 * Effects made of one item and no event (a webhook endpoint's change), written under
 * an idempotency key without a transaction. A transaction charges every item twice, so the key's
 * record as a second item of it costs as much as the effect (2 write units of a floor of 2): here
 * the item is one conditional Put (1 unit per KB), between the key's claim and its completed record
 * (1 unit each; packages/db/src/idempotency.ts, "One-item effects").
 *
 * What tells a retry whether the effect landed, when the attempt that claimed the key died:
 * - a changed item carries a marker of the key and the request (`keyedBy`) on the version it
 *   produced; every later write of the item replaces it (repositories write whole items through
 *   their own `toItem`, which never carries it; test/reliability/keyed-marker.test.ts fails on an
 *   endpoint write that would not), so a marker on the item says its current state is this request's effect;
 * - a new item's key comes from the claim (its effect id): no other request can write that key,
 *   so the item being there says the effect landed, whatever was written to it since.
 */

/** The attribute that names the key and request whose write produced the item's current version. */
export const MARKER_ATTRIBUTE = "keyedBy";

/** One item's next state, written only if the stored item is still at the version it was decided from. */
export interface OneItemWrite {
  table: TableName;
  /** The whole item, keys included, as its repository builds it. */
  item: Record<string, unknown>;
  /** The stored version the change was decided from; null for a new item (written only if its key is free). */
  expectedVersion: number | null;
}

/** Where a claim's effect lands: the item's table and key, and the version it was decided from (null: new). */
export interface ClaimTarget {
  table: TableName;
  key: Record<string, unknown>;
  expectedVersion: number | null;
}

export function targetOf(write: OneItemWrite): ClaimTarget {
  const { hashKey, rangeKey } = tableSpecs[write.table].primaryIndex;
  const key = { [hashKey]: write.item[hashKey], ...(rangeKey ? { [rangeKey]: write.item[rangeKey] } : {}) };
  return { table: write.table, key, expectedVersion: write.expectedVersion };
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/**
 * The marker of a key (principal, mutation, key) and a request: two 128-bit digests (72 bytes with
 * its name), small enough to leave an item within the KB it was in.
 */
export function markerOf(scope: IdempotencyScope, requestHash: string): string {
  return `${digest(scopeId(scope))}:${requestHash.slice(0, 32)}`;
}

/**
 * Writes the item alone, with the marker when one is given (a changed item under a key). When its
 * condition failed (the stored version moved on, or the new item's key is taken), says whether the
 * SDK sent it more than once: then its first send may have landed, its answer lost, and the failed
 * condition be its own change (`stateOf` tells, when the item has not changed again since).
 */
export async function writeOne(
  db: Db,
  write: OneItemWrite,
  marker: string | null,
): Promise<{ ok: true } | { ok: false; sentMoreThanOnce: boolean }> {
  const condition =
    write.expectedVersion === null
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "version = :expected",
          ExpressionAttributeValues: { ":expected": write.expectedVersion },
        };
  const item = marker && write.expectedVersion !== null ? { ...write.item, [MARKER_ATTRIBUTE]: marker } : write.item;
  const plain = { TableName: db.tables[write.table], Item: item, ...condition };
  // A change of an item read before must not write over one a newer release stored; a new item has nothing to keep.
  const put = write.expectedVersion === null ? plain : guardedPut(plain);
  try {
    await db.doc.send(new PutCommand(put));
    return { ok: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    refuseNewer(put, (error as { Item?: unknown }).Item);
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts;
    return { ok: false, sentMoreThanOnce: attempts === undefined || attempts > 1 };
  }
}

/** What the stored item says of a claim's effect. */
export type EffectState =
  /** The effect landed: `item` is the state it produced (a new item: as stored now). */
  | { kind: "landed"; item: Record<string, unknown> }
  /** Not landed, and the claimed write may still land (the item is at the version it was decided from). */
  | { kind: "pending" }
  /** Not landed, and it never can: another write produced the version it was to produce, or the item is gone. */
  | { kind: "lost" }
  /** Landed and overwritten since, or lost and overwritten since: the item cannot tell. */
  | { kind: "unknown" };

/** Reads the claim's item (strongly consistent) and says whether its effect landed. */
export async function stateOf(db: Db, target: ClaimTarget, marker: string): Promise<EffectState> {
  const item = (
    await db.doc.send(new GetCommand({ TableName: db.tables[target.table], Key: target.key, ConsistentRead: true }))
  ).Item;
  if (target.expectedVersion === null) return item ? { kind: "landed", item } : { kind: "pending" };
  if (!item) return { kind: "lost" };
  const version = Number(item.version);
  if (version <= target.expectedVersion) return { kind: "pending" };
  if (version === target.expectedVersion + 1) {
    return item[MARKER_ATTRIBUTE] === marker ? { kind: "landed", item } : { kind: "lost" };
  }
  return { kind: "unknown" };
}
