import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

export type TransactResult =
  | { ok: true }
  /** Indexes (into the items given) whose condition failed: the caller turns them into userErrors. */
  | { ok: false; failedConditions: number[] };

/** How often a transaction that lost a race on a hot item (`TransactionConflict`) is tried again. */
const CONFLICT_ATTEMPTS = 4;

interface CancellationReason {
  Code?: string;
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
 * (the answer the caller turns into a domain outcome); any other error is rethrown.
 */
export async function landed(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * A Put of the item's next state, only if the stored item is still at `expectedVersion`
 * (optimistic concurrency). Writing the whole item keeps the sparse index attributes in step.
 */
export function putIfVersion(tableName: string, item: Record<string, unknown>, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: "version = :expected",
      ExpressionAttributeValues: { ":expected": expectedVersion },
    },
  };
}

/** A Put of a new item, only if no item has its key yet (a new id, a uniqueness guard). */
export function putIfAbsent(tableName: string, item: Record<string, unknown>): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" } };
}

/**
 * Runs TransactWriteItems. This is the one place that translates DynamoDB's cancellation into
 * domain terms: failed conditions are returned (expected: a duplicate, a stale version); a
 * `TransactionConflict` (another transaction on the same item; the SDK does not retry it) is
 * retried here with jittered backoff; anything else is rethrown untouched.
 */
export async function transactWrite(doc: DynamoDBDocumentClient, items: TransactItem[]): Promise<TransactResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if ((error as Error).name !== "TransactionCanceledException") throw error;
      const reasons = ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? []).map(
        (r) => r.Code ?? "None",
      );
      const failedConditions = reasons.flatMap((code, index) => (code === "ConditionalCheckFailed" ? [index] : []));
      if (failedConditions.length > 0) return { ok: false, failedConditions };
      const conflictOnly =
        reasons.length > 0 && reasons.every((code) => code === "TransactionConflict" || code === "None");
      if (!conflictOnly || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
