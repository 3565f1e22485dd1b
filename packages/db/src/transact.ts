import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { guardedPut, refuseNewer } from "./shapes";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export type TransactResult =
  | { ok: true }
  /** Indexes (into the items given) whose condition failed: the caller turns them into userErrors. */
  | { ok: false; failedConditions: number[] };

/**
 * How a transaction cancelled for a passing reason is tried again. Every order and case change of a seller
 * ADDs to the same counter items (its day's STATS item and its overview), so in AWS the seller's concurrent
 * transactions (an import, the late-order job's shards, partner tools) cancel each other with
 * `TransactionConflict`: a burst on one hot item needs room to spread out. Full-jitter exponential backoff
 * (after attempt n, a random wait below min(capMs, baseMs * 2^n)) keeps the retries of a burst from meeting
 * again in step. 10 attempts wait at most 0.1 + 0.2 + 0.4 + 0.8 + 5 * 1 = 6.5 s (half that expected): well
 * inside the GraphQL function's 29 s. Each attempt may itself take up to the SDK's three timed attempts (10 s), so
 * the jobs bound the retries by their clock (`RetryBound`): for the events feed's settle window, and so that no
 * attempt starts too close to the end of their Lambda's time (functions/src/jobs/sweep.ts, `commitBound`).
 *
 * A bounded transaction is tried until its deadline, not for 10 attempts: the late-order job's eight shards all write
 * a busy seller's counters at once, and with an import or a partner tool writing them too, ten cancellations in a row
 * happen (the item then failed, and with it the whole run, for a burst the next seconds would have absorbed).
 * `boundedAttempts` only stops a clock that does not move; 40 attempts wait about 19 s on average, the length of a
 * job's commit window (`COMMIT_WITHIN_MS`, 20 s).
 */
const TRANSACTION_RETRY = { attempts: 10, boundedAttempts: 40, baseMs: 50, capMs: 1_000 } as const;

/**
 * Cancellation reasons worth another attempt of the same transaction: another transaction was writing one of
 * its items, or the table or partition was over its throughput (on demand: `ThrottlingError`). The SDK
 * retries a throttled single write but never a TransactionCanceledException, whatever its reasons.
 */
const PASSING_REASONS: ReadonlySet<string> = new Set([
  "TransactionConflict",
  "ThrottlingError",
  "ProvisionedThroughputExceeded",
]);

interface CancellationReason {
  Code?: string;
  /** The stored item, when the failed item asked for it (`ReturnValuesOnConditionCheckFailure`). */
  Item?: unknown;
}

/**
 * Whether a single-item write failed its condition: the one AWS error a repository turns into a
 * domain answer (a duplicate, a stale version, a lost lease); anything else is rethrown.
 */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * Awaits one conditional single-item write: true when it landed, false when its condition failed
 * (the answer the caller turns into a domain outcome); any other error is rethrown. With the guarded Put it sent
 * (`guardedPut`), a failure on an item of a newer shape is `NewerItemRefused`, not a changed item.
 */
export async function landed(write: Promise<unknown>, put?: TransactItem["Put"]): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    refuseNewer(put, (error as { Item?: unknown }).Item);
    return false;
  }
}

/**
 * A Put of the item's next state, only if the stored item is still at `expectedVersion`
 * (optimistic concurrency) and not of a newer shape (`guardedPut`). Writing the whole item keeps the sparse index
 * attributes in step.
 */
export function putIfVersion(tableName: string, item: Record<string, unknown>, expectedVersion: number): TransactItem {
  return {
    Put: guardedPut({
      TableName: tableName,
      Item: item,
      ConditionExpression: "version = :expected",
      ExpressionAttributeValues: { ":expected": expectedVersion },
    }),
  };
}

/** A Put of a new item, only if no item has its key yet (a new id, a uniqueness guard). */
export function putIfAbsent(tableName: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" } };
}

/**
 * When the retries of a transaction must stop, on the caller's clock (a job's, which it stamps its events with): no
 * attempt starts at or after `deadlineMs`. A job's events carry the instant it decided at, and the events feed serves
 * an id once it is `SETTLE_MS` (60 s) old, trusting every transaction attempted before to have committed or failed by
 * then (docs/events.md); ten attempts of a throttled transaction, each up to the SDK's three timed attempts, could
 * take far longer.
 */
export interface RetryBound {
  clock: () => number;
  deadlineMs: number;
  /**
   * What sets `deadlineMs`, carried by the `TransactionDeadlineExceeded` it ends with: the events' settle window
   * (the default), or the caller's own time running out (a job's Lambda: the item is left for the next run).
   */
  limit?: "settleWindow" | "runTime";
}

/**
 * A transaction not committed when its `RetryBound` ran out: still cancelled for a passing reason, or not attempted
 * at all (`attempts` 0: the deadline had passed when it was asked for). Nothing was written.
 */
export class TransactionDeadlineExceeded extends Error {
  override readonly name = "TransactionDeadlineExceeded";
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
    readonly limit: NonNullable<RetryBound["limit"]> = "settleWindow",
  ) {
    super(
      attempts === 0
        ? "Transaction not attempted: its deadline had passed."
        : `Transaction still cancelled (${(lastError as Error)?.message}) after ${attempts} attempts, at its deadline.`,
    );
  }
}

/**
 * Runs TransactWriteItems. This is the one place that translates DynamoDB's cancellation into
 * domain terms: failed conditions are returned (expected: a duplicate, a stale version); a
 * cancellation only for a conflict or throttling (`TRANSACTION_RETRY`; the SDK retries neither) is
 * retried here with jittered backoff: 10 attempts, or until `bound` when given (then `TransactionDeadlineExceeded`:
 * no attempt starts at or after its deadline, the first one neither);
 * anything else is rethrown untouched.
 */
export async function transactWrite(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
  bound?: RetryBound,
): Promise<TransactResult> {
  const exceeded = (attempts: number, error: unknown) =>
    new TransactionDeadlineExceeded(attempts, error, bound?.limit ?? "settleWindow");
  if (bound && bound.clock() >= bound.deadlineMs) throw exceeded(0, null);
  const maxAttempts = bound ? TRANSACTION_RETRY.boundedAttempts : TRANSACTION_RETRY.attempts;
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if ((error as Error).name !== "TransactionCanceledException") throw error;
      const cancellations = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
      const reasons = cancellations.map((r) => r.Code ?? "None");
      const failedConditions = reasons.flatMap((code, index) => (code === "ConditionalCheckFailed" ? [index] : []));
      // A guarded Put failed on an item a newer release wrote: no domain answer, nothing to retry (NewerItemRefused).
      for (const index of failedConditions) refuseNewer(items[index]?.Put, cancellations[index]?.Item);
      if (failedConditions.length > 0) return { ok: false, failedConditions };
      const passing = reasons.some((code) => PASSING_REASONS.has(code));
      const passingOnly = passing && reasons.every((code) => code === "None" || PASSING_REASONS.has(code));
      if (!passingOnly || attempt >= maxAttempts) throw error;
      const ceiling = Math.min(TRANSACTION_RETRY.capMs, TRANSACTION_RETRY.baseMs * 2 ** attempt);
      const wait = Math.random() * ceiling;
      if (bound && bound.clock() + wait >= bound.deadlineMs) throw exceeded(attempt, error);
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (bound && bound.clock() >= bound.deadlineMs) throw exceeded(attempt, error);
    }
  }
}
