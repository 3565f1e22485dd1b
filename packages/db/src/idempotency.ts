import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Time } from "@seller-ops/core";
import type { Db } from "./context";
import { itemSizeBytes } from "./itemSize";
import { stamped, upgraded } from "./shapes";
import { encodeStoredPayload, storedPayloadOf } from "./storedPayload";
import { isConditionFailed, type TransactItem } from "./transact";

/**
 * Idempotency records, one per principal + mutation + key. A conditional "in progress" record is
 * taken before the effect, so concurrent first attempts never both run; the completed payload is
 * written in the effect's own transaction, so an effect without its record (or the reverse)
 * cannot exist. Expiry is checked here in code: DynamoDB's TTL deletes late (DynamoDB Local never).
 */

export interface IdempotencyScope {
  principalId: string;
  mutation: string;
  key: string;
}

export interface IdempotencyRules {
  /** How long a key is remembered; a retry after this is a new request. */
  retentionMs: number;
  /** How long an in-progress record blocks others; after it, a crashed attempt is taken over. */
  leaseMs: number;
  /** How long a concurrent duplicate waits for the first attempt before answering IDEMPOTENCY_IN_PROGRESS. */
  waitMs: number;
}

export const defaultIdempotencyRules: IdempotencyRules = {
  retentionMs: 24 * Time.HOUR_MS,
  leaseMs: 30_000,
  waitMs: 5_000,
};

export type BeginResult =
  | { kind: "acquired"; lockToken: string }
  | { kind: "replay"; payload: unknown }
  | { kind: "reused" }
  | { kind: "busy" };

const recordKey = (scope: IdempotencyScope) => ({ pk: `${scope.principalId}#${scope.mutation}#${scope.key}` });

export async function begin(
  db: Db,
  scope: IdempotencyScope,
  requestHash: string,
  now: () => string,
  rules: IdempotencyRules = defaultIdempotencyRules,
): Promise<BeginResult> {
  const startedWaiting = Date.now();
  for (;;) {
    const at = now();
    const lockToken = randomUUID();
    try {
      const expiresAt = Time.addMs(at, rules.retentionMs);
      await db.doc.send(
        new PutCommand({
          TableName: db.tables.Idempotency,
          Item: stamped("idempotencyRecord", {
            ...recordKey(scope),
            status: "IN_PROGRESS",
            requestHash,
            lockToken,
            lockedUntil: Time.addMs(at, rules.leaseMs),
            createdAt: at,
            expiresAt,
            expiresAtEpoch: Math.ceil(Time.toMs(expiresAt) / 1000),
          }),
          // A record past its retention window is treated as absent even if TTL has not removed it.
          ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
          ExpressionAttributeValues: { ":now": at },
        }),
      );
      return { kind: "acquired", lockToken };
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }

    const stored = (
      await db.doc.send(
        new GetCommand({ TableName: db.tables.Idempotency, Key: recordKey(scope), ConsistentRead: true }),
      )
    ).Item;
    const existing = stored ? upgraded("idempotencyRecord", stored) : undefined;
    if (!existing || String(existing.expiresAt) < at) continue; // released or expired meanwhile: try again
    if (existing.requestHash !== requestHash) return { kind: "reused" };
    // Our own write landed but its answer was lost (the SDK retried the same request): the lock is ours.
    if (existing.status === "IN_PROGRESS" && existing.lockToken === lockToken) return { kind: "acquired", lockToken };
    if (existing.status === "COMPLETED") return { kind: "replay", payload: storedPayloadOf(existing) };

    if (String(existing.lockedUntil) < at) {
      // The first attempt died without releasing its lock: take it over, once.
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tables.Idempotency,
            Key: recordKey(scope),
            UpdateExpression: "SET lockToken = :mine, lockedUntil = :until",
            ConditionExpression: "lockToken = :theirs AND #status = :inProgress",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":mine": lockToken,
              ":theirs": existing.lockToken,
              ":until": Time.addMs(at, rules.leaseMs),
              ":inProgress": "IN_PROGRESS",
            },
          }),
        );
        return { kind: "acquired", lockToken };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        continue;
      }
    }
    if (Date.now() - startedWaiting >= rules.waitMs) return { kind: "busy" };
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 50));
  }
}

/**
 * Largest answer a record keeps. The caps on every list that grows (core's CASE_LIMITS,
 * ORDER_CASE_LIMITS, MAX_INCIDENTS…) keep every answer far below it; this is the backstop that
 * says which answer broke through, before DynamoDB refuses the whole transaction.
 */
export const MAX_PAYLOAD_BYTES = 300 * 1024;

/** The write that completes a record with its payload; goes into the effect's own transaction. */
export function completeWrite(
  db: Db,
  scope: IdempotencyScope,
  lockToken: string,
  payload: unknown,
  at: string,
): TransactItem {
  const size = itemSizeBytes({ payload });
  if (size > MAX_PAYLOAD_BYTES) {
    throw new Error(
      `The answer of ${scope.mutation} is ${size} bytes, above the ${MAX_PAYLOAD_BYTES} an idempotency record ` +
        `keeps: a list is missing its cap.`,
    );
  }
  return {
    Update: {
      TableName: db.tables.Idempotency,
      Key: recordKey(scope),
      // The lock's token and lease end with it: a completed record is matched by its request hash only.
      UpdateExpression:
        "SET #status = :completed, payloadZ = :payload, completedAt = :at REMOVE lockedUntil, lockToken",
      ConditionExpression: "lockToken = :mine AND #status = :inProgress",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":completed": "COMPLETED",
        ":payload": encodeStoredPayload(payload),
        ":at": at,
        ":mine": lockToken,
        ":inProgress": "IN_PROGRESS",
      },
    },
  };
}

/** Completes a record on its own, for answers that wrote nothing else (a refusal found after the lock). */
export async function complete(
  db: Db,
  scope: IdempotencyScope,
  lockToken: string,
  payload: unknown,
  at: string,
): Promise<boolean> {
  const write = completeWrite(db, scope, lockToken, payload, at).Update!;
  try {
    await db.doc.send(new UpdateCommand(write));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Gives the key back after an internal error, so a retry can run at once instead of waiting for the lease. */
export async function release(db: Db, scope: IdempotencyScope, lockToken: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.tables.Idempotency,
        Key: recordKey(scope),
        ConditionExpression: "lockToken = :mine AND #status = :inProgress",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":mine": lockToken, ":inProgress": "IN_PROGRESS" },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
