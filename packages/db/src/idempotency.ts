import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Time } from "@seller-ops/core";
import type { Db } from "./context";
import { itemSizeBytes } from "./itemSize";
import type { ClaimTarget } from "./keyedItems";
import { stamped, upgraded } from "./shapes";
import { encodeStoredPayload, storedPayloadOf } from "./storedPayload";
import { isConditionFailed, landed, type TransactItem } from "./transact";

/**
 * Idempotency records, one per principal + mutation + key, each written once, complete: the
 * answer is Put in the effect's own transaction, conditioned on no live record for the key. So
 * an effect without its record (or the reverse) cannot exist, and of two concurrent first
 * attempts only one transaction can land: the other fails on the record's condition and answers
 * the record that won. Nothing is written before the effect (no lock to take, release or take
 * over): inside a transaction DynamoDB charges each started KB twice, and a separate "in
 * progress" write cost a third of a key's price for no guarantee the condition does not give.
 * Expiry is checked here in code: DynamoDB's TTL deletes late (DynamoDB Local within a second).
 * The one exception is an effect made of parts that keep their own records (a batch import): its
 * key is claimed before the parts (`claim`), so another input under the key writes no part.
 *
 * One-item effects (one item and no event: a webhook endpoint's change) are not
 * transactions: inside one, the record would cost as much as the item (2 write units each per KB).
 * Their key costs three single writes of 1 unit: the key's claim (`claimItem`: the request's hash,
 * the item it will write and the version it decided from, a lease), the item (with a marker of the
 * key, packages/db/src/keyedItems.ts), then the completed record (`completeClaim`), which replaces the
 * claim. The claim comes first so that no other input under the key writes anything, even on another
 * item: while it lives, another input is IDEMPOTENCY_KEY_REUSED. A concurrent duplicate, or a retry
 * after the claiming attempt died, reads the item: landed (the marker is on the version it
 * produced) → the answer is rebuilt from the item and recorded; otherwise it waits for the record,
 * and once the lease is over takes the claim over and decides again, unless the item changed twice
 * since (it cannot tell its own write from another one then: `claimUnknown`, never a second effect).
 */

export interface IdempotencyScope {
  principalId: string;
  mutation: string;
  key: string;
}

export interface IdempotencyRules {
  /** How long a key is remembered; a retry after this is a new request. */
  retentionMs: number;
  /** How long a one-item effect's claim is its attempt's alone (`CLAIM_LEASE_MS`). */
  claimLeaseMs: number;
}

/**
 * A one-item effect's claim lease: twice the GraphQL function's timeout (29 s, stacks/wiring.ts;
 * test/infra/wiring.test.ts holds the two together). An attempt whose write could still land must
 * be over before another takes the key over, and the lease is reckoned on the claiming container's
 * clock but read against another's: the second half is the margin for a write still in flight when
 * the function is stopped, and for clocks that differ.
 */
export const CLAIM_LEASE_MS = 60_000;

export const defaultIdempotencyRules: IdempotencyRules = {
  retentionMs: 24 * Time.HOUR_MS,
  claimLeaseMs: CLAIM_LEASE_MS,
};

/** A one-item effect's claim on a key: whose it is, what it writes, until when it is its own. */
export interface ItemClaim {
  /** The claiming attempt (a takeover writes its own). */
  attempt: string;
  /** The id the effect's new item is named by (kept by a takeover, so a late write of the first attempt collides). */
  effectId: string;
  target: ClaimTarget;
  lockedUntil: string;
}

/** What a key says before an attempt: nothing yet, an answer to replay, or another input's key. */
export type Lookup =
  | { kind: "absent" }
  | { kind: "replay"; payload: unknown }
  | { kind: "reused" }
  /** This request's one-item effect claimed the key and its record is not complete yet. */
  | { kind: "claimed"; claim: ItemClaim }
  /** Held by an attempt of the previous release (which took an "in progress" lock first), lease not over. */
  | { kind: "busy" };

/** One key of one principal for one mutation: what a record is stored under and a marker names. */
export const scopeId = (scope: IdempotencyScope) => `${scope.principalId}#${scope.mutation}#${scope.key}`;

const recordKey = (scope: IdempotencyScope) => ({ pk: scopeId(scope) });

/**
 * The key's record at `at`, read consistently: a replay, a reuse, or absent (never written, or expired).
 * `formerRequestHash`: how the previous release hashed the same request, where it hashed it otherwise; a record it
 * kept is this request's too, for as long as the record lives.
 */
export async function lookup(
  db: Db,
  scope: IdempotencyScope,
  requestHash: string,
  at: string,
  formerRequestHash?: string,
): Promise<Lookup> {
  const existing = await liveRecord(db, scope, at);
  if (!existing) return { kind: "absent" };
  const sameRequest =
    existing.requestHash === requestHash ||
    (formerRequestHash !== undefined && existing.requestHash === formerRequestHash);
  if (!sameRequest) return { kind: "reused" };
  if (existing.status === "COMPLETED") return { kind: "replay", payload: storedPayloadOf(existing) };
  if (existing.target !== undefined) {
    // A one-item effect's claim: its effect may have landed whatever its lease says, so only this
    // request may go on with the key (see the top of this file).
    return { kind: "claimed", claim: claimOf(existing) };
  }
  // Only the previous release wrote IN_PROGRESS records: a live one still owns its outcome; an
  // abandoned one (lease over) is taken over by the next record written for the key.
  return String(existing.lockedUntil) < at ? { kind: "absent" } : { kind: "busy" };
}

/**
 * What the key keeps for this very input as sent (`sentHash`), for a retry that today's rules refuse: a deploy that
 * tightened a rule between an attempt and its retry must not turn an effect that landed into INVALID_INPUT. Its
 * answer; or a one-item effect's claim (its attempt died after the item write, maybe), with the hash of the request
 * it was parsed as, for the caller to settle as any retry would. Null when the key keeps nothing live, or another
 * input's, or a record written before records kept `sentHash`: the refusal stands then.
 */
export async function answerOfSent(
  db: Db,
  scope: IdempotencyScope,
  sentHash: string,
  at: string,
): Promise<{ kind: "answer"; payload: unknown } | { kind: "claimed"; claim: ItemClaim; requestHash: string } | null> {
  const existing = await liveRecord(db, scope, at);
  if (!existing || existing.sentHash !== sentHash) return null;
  if (existing.status === "COMPLETED") return { kind: "answer", payload: storedPayloadOf(existing) };
  if (existing.target === undefined) return null;
  return { kind: "claimed", claim: claimOf(existing), requestHash: String(existing.requestHash) };
}

/**
 * The key's record, read consistently, in today's shape; undefined when there is none or it is past its retention
 * window at `at` (treated as absent even if TTL has not removed it yet: DynamoDB's TTL deletes late).
 */
async function liveRecord(db: Db, scope: IdempotencyScope, at: string): Promise<Record<string, unknown> | undefined> {
  const stored = (
    await db.doc.send(new GetCommand({ TableName: db.tables.Idempotency, Key: recordKey(scope), ConsistentRead: true }))
  ).Item;
  const existing = stored ? upgraded("idempotencyRecord", stored) : undefined;
  return existing && String(existing.expiresAt) >= at ? existing : undefined;
}

/** A one-item effect's claim, as its record keeps it. */
function claimOf(record: Record<string, unknown>): ItemClaim {
  const { attempt, effectId, target, lockedUntil } = record as Record<string, unknown> & ItemClaim;
  return { attempt, effectId, target, lockedUntil };
}

/**
 * Largest answer a record keeps. The caps on every list that grows (core's CASE_LIMITS,
 * ORDER_CASE_LIMITS, MAX_INCIDENTS…) keep every answer far below it; this is the backstop that
 * says which answer broke through, before DynamoDB refuses the whole transaction.
 */
export const MAX_PAYLOAD_BYTES = 300 * 1024;

/**
 * The Put of a key's completed record, for the effect's own transaction (as its last item, by
 * convention). Its condition fails when the key already has a live record: another attempt with
 * the key landed first, and its answer is the key's. With `claim`, the record replaces that one-item
 * claim instead, and only while the key holds it: the attempt's own claim, or a dead one it took over,
 * when the request is decided again as a transaction (an endpoint's URL changed meanwhile, so its update
 * is no longer one item). Without it the claim would fail the record of the very request that holds it.
 */
export function recordWrite(
  db: Db,
  scope: IdempotencyScope,
  args: { requestHash: string; sentHash?: string; payload: unknown; at: string; claim?: string | null },
  rules: IdempotencyRules = defaultIdempotencyRules,
): TransactItem {
  const size = itemSizeBytes({ payload: args.payload });
  if (size > MAX_PAYLOAD_BYTES) {
    throw new Error(
      `The answer of ${scope.mutation} is ${size} bytes, above the ${MAX_PAYLOAD_BYTES} an idempotency record ` +
        `keeps: a list is missing its cap.`,
    );
  }
  const expiresAt = Time.addMs(args.at, rules.retentionMs);
  return {
    Put: {
      TableName: db.tables.Idempotency,
      // The record's shape is unchanged (shape 2): a completed record as the previous release left it
      // after its Update, less `completedAt`, which is `createdAt` now that the record is written once.
      Item: stamped("idempotencyRecord", {
        ...recordKey(scope),
        status: "COMPLETED",
        requestHash: args.requestHash,
        // No step derives it: a record written before it answers no refused retry (`answerOfSent`).
        ...(args.sentHash ? { sentHash: args.sentHash } : {}),
        payloadZ: encodeStoredPayload(args.payload),
        createdAt: args.at,
        expiresAt,
        expiresAtEpoch: Math.ceil(Time.toMs(expiresAt) / 1000),
      }),
      ...(args.claim
        ? { ConditionExpression: "attempt = :claim", ExpressionAttributeValues: { ":claim": args.claim } }
        : {
            // The previous release's abandoned lock is taken over by any attempt; another attempt's one-item
            // claim (it names its `target`) never is here: its effect may have landed (see the top of this file).
            ConditionExpression:
              "attribute_not_exists(pk) OR expiresAt < :now OR " +
              "(#status = :inProgress AND lockedUntil < :now AND attribute_not_exists(target))",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":now": args.at, ":inProgress": "IN_PROGRESS" },
          }),
    },
  };
}

/**
 * Keeps an answer that wrote nothing else (a refusal, or an effect that wrote on its own): the
 * same Put, alone. False when another attempt's record got there first.
 */
export async function record(
  db: Db,
  scope: IdempotencyScope,
  args: { requestHash: string; sentHash?: string; payload: unknown; at: string },
  rules: IdempotencyRules = defaultIdempotencyRules,
): Promise<boolean> {
  return landed(db.doc.send(new PutCommand(recordWrite(db, scope, args, rules).Put!)));
}

/**
 * A completed record's answer replaced by another form of the same answer (`npm run webhooks:reseal`: its secret
 * re-sealed under the new key), for `transactWrite`. Conditioned on the record still keeping the answer read
 * (`payloadZ`, byte for byte) under the same expiry: a record that changed since (written again after it
 * expired, or deleted) fails the condition and is left as it is; a re-run reads it again. Nothing else changes.
 */
export function answerWrite(db: Db, record: Record<string, unknown>, payload: unknown): TransactItem {
  if (!(record.payloadZ instanceof Uint8Array)) throw new Error("answerWrite: the record keeps no compressed answer.");
  return {
    Update: {
      TableName: db.tables.Idempotency,
      Key: { pk: record.pk },
      UpdateExpression: "SET payloadZ = :answer",
      ConditionExpression: "payloadZ = :read AND expiresAt = :expiresAt",
      ExpressionAttributeValues: {
        ":answer": encodeStoredPayload(payload),
        ":read": record.payloadZ,
        ":expiresAt": record.expiresAt,
      },
    },
  };
}

/**
 * Takes a key for an effect made of parts that each keep their own record (a batch import), before
 * any part is written: the same completed record, conditioned on no live record for the key or one
 * of the same request. So a different input under the key is refused before it writes a part, and
 * the same input (a concurrent duplicate, a retry after a crash part-way) goes on and converges.
 * False when the key holds another request's record (or one the previous release still locks).
 */
export async function claim(
  db: Db,
  scope: IdempotencyScope,
  args: { requestHash: string; payload: unknown; at: string },
  rules: IdempotencyRules = defaultIdempotencyRules,
): Promise<boolean> {
  const put = recordWrite(db, scope, args, rules).Put!;
  return landed(
    db.doc.send(
      new PutCommand({
        ...put,
        ConditionExpression: `${put.ConditionExpression} OR (#status = :completed AND requestHash = :requestHash)`,
        ExpressionAttributeValues: {
          ...put.ExpressionAttributeValues,
          ":completed": "COMPLETED",
          ":requestHash": args.requestHash,
        },
      }),
    ),
  );
}

/**
 * Claims a key for a one-item effect, before its write: the request's hash, the attempt, the item
 * and the version decided from, with a lease. Conditioned as a completed record is (no live record
 * for the key), or, with `replacing`, on that claim still being the one stored (an attempt deciding
 * again after a lost race, or taking over a claim whose lease is over). False when the condition failed.
 */
export async function claimItem(
  db: Db,
  scope: IdempotencyScope,
  args: {
    requestHash: string;
    sentHash?: string;
    claim: Omit<ItemClaim, "lockedUntil">;
    at: string;
    replacing?: string;
  },
  rules: IdempotencyRules = defaultIdempotencyRules,
): Promise<boolean> {
  const expiresAt = Time.addMs(args.at, rules.retentionMs);
  const fresh = recordWrite(db, scope, { requestHash: args.requestHash, payload: null, at: args.at }, rules).Put!;
  const condition = args.replacing
    ? {
        ConditionExpression: "attempt = :replaced AND requestHash = :requestHash",
        ExpressionAttributeValues: { ":replaced": args.replacing, ":requestHash": args.requestHash },
      }
    : {
        ConditionExpression: fresh.ConditionExpression,
        ExpressionAttributeNames: fresh.ExpressionAttributeNames,
        ExpressionAttributeValues: fresh.ExpressionAttributeValues,
      };
  return landed(
    db.doc.send(
      new PutCommand({
        TableName: db.tables.Idempotency,
        Item: stamped("idempotencyRecord", {
          ...recordKey(scope),
          status: "IN_PROGRESS",
          requestHash: args.requestHash,
          ...(args.sentHash ? { sentHash: args.sentHash } : {}),
          ...args.claim,
          lockedUntil: Time.addMs(args.at, rules.claimLeaseMs),
          createdAt: args.at,
          expiresAt,
          expiresAtEpoch: Math.ceil(Time.toMs(expiresAt) / 1000),
        }),
        ...condition,
      }),
    ),
  );
}

/**
 * Replaces a claim by the key's completed record (the effect's answer), only while the claim is
 * `attempt`'s. False when it is not (taken over, or completed by a duplicate that found the effect).
 */
export async function completeClaim(
  db: Db,
  scope: IdempotencyScope,
  args: { requestHash: string; sentHash?: string; payload: unknown; at: string; attempt: string },
  rules: IdempotencyRules = defaultIdempotencyRules,
): Promise<boolean> {
  return landed(db.doc.send(new PutCommand(recordWrite(db, scope, { ...args, claim: args.attempt }, rules).Put!)));
}

/** Gives a claim up (its attempt lost a race it may not decide again): a retry with the key decides afresh. */
export async function releaseClaim(db: Db, scope: IdempotencyScope, attempt: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.tables.Idempotency,
        Key: recordKey(scope),
        ConditionExpression: "attempt = :attempt",
        ExpressionAttributeValues: { ":attempt": attempt },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
