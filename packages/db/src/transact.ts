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
      const conflictOnly = reasons.length > 0 && reasons.every((code) => code === "TransactionConflict" || code === "None");
      if (!conflictOnly || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
