import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Webhooks } from "@seller-ops/core";
import * as z from "zod/mini";
import type { Db } from "./context";
import { stamped, upgraded } from "./shapes";
import { isConditionFailed, landed, type TransactItem } from "./transact";
import type { Delivery } from "./webhookDeliveries";

/**
 * An endpoint's failing streak: one item per endpoint in the WebhookDeliveries table, which decides when the endpoint
 * is switched off. Read and written through `WebhookDeliveriesRepo`, which re-exports this module.
 */
const healthKey = (endpointId: string) => ({ pk: `ENDPOINT#${endpointId}`, sk: "HEALTH" });

/** Which attempt a failure is: the delivery's place in the log and the attempt's number. */
export function attemptIdOf(delivery: Pick<Delivery, "group" | "position" | "attemptCount">): string {
  return `${delivery.group}|${delivery.position}|${delivery.attemptCount + 1}`;
}

/**
 * What every counted failure sets besides the count: which endpoint, which attempt, when that attempt started (a 2xx
 * that started later ends the streak, `recordSuccess`), the item's shape.
 */
const STREAK_START = "failingSince = if_not_exists(failingSince, :now)";
const REST_OF_FAILURE =
  "endpointId = :endpoint, lastFailedAttempt = :attempt, lastFailedAt = :now, #shape = if_not_exists(#shape, :shape)";

/**
 * A failure counts unless its attempt was counted already, or it started before a 2xx that was recorded (the
 * endpoint answered after it: a slow attempt's failure, recorded late, does not bring back a streak a 2xx ended).
 * Attempts started in the same millisecond as the 2xx count as after it: a tie never erases a failure.
 */
const FAILURE_COUNTS =
  "(attribute_not_exists(lastFailedAttempt) OR lastFailedAttempt <> :attempt) AND " +
  "(attribute_not_exists(lastSucceededAt) OR lastSucceededAt <= :now)";

/**
 * Counts a failed attempt in the endpoint's streak (started now if there is none) and returns the streak.
 * `now` is the attempt's start: failures and 2xx answers are ordered by when their attempts started, whichever
 * invocation records them first. The add is not a transaction, and the SDK sends a request again when its answer is
 * late (a timed-out attempt) even if the first one landed: the streak keeps the last attempt it counted, so the same
 * attempt sent twice counts once, and an endpoint is never switched off early for failures it did not have.
 */
export async function recordFailure(
  db: Db,
  args: { endpointId: string; now: string; attemptId: string },
): Promise<Webhooks.FailureStreak> {
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.WebhookDeliveries,
        Key: healthKey(args.endpointId),
        UpdateExpression: `ADD failedAttempts :one SET ${STREAK_START}, ${REST_OF_FAILURE}`,
        ConditionExpression: FAILURE_COUNTS,
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":now": args.now,
          ":endpoint": args.endpointId,
          ":attempt": args.attemptId,
          ":shape": stamped("webhookEndpointHealth", {}).shape,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return streakOfItem(result.Attributes ?? {});
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    // Counted already, or older than a 2xx: the streak as it stands; none if it ended.
    return (await streakOf(db, args.endpointId)) ?? { failedAttempts: 0, failingSince: args.now };
  }
}

function streakOfItem(item: Record<string, unknown>): Webhooks.FailureStreak {
  return z
    .object({ failedAttempts: z.number(), failingSince: z.string() })
    .parse(upgraded("webhookEndpointHealth", item));
}

/** A recorded 2xx is newer than this one: it ended what this one would. */
const NO_NEWER_SUCCESS = "(attribute_not_exists(lastSucceededAt) OR lastSucceededAt < :at)";
/** Every failure counted started before this 2xx (an item from before `lastFailedAt` was kept: all of them). */
const NO_LATER_FAILURE = "(attribute_not_exists(lastFailedAt) OR lastFailedAt < :at)";

/**
 * A 2xx to an attempt that started at `at` ends the failures counted before it: those of attempts that started
 * earlier. Another invocation may have counted a failure of a later attempt meanwhile (the endpoint went down again
 * after answering): that failure is not erased, the streak starts again at the latest one (one failure, failing since
 * then; others after the 2xx, if any, are not counted, so a switch-off is never early). The item keeps the 2xx's
 * start (`lastSucceededAt`) so a failure of an earlier attempt recorded after it does not count (`FAILURE_COUNTS`).
 * Without a streak nothing is written (the condition fails: one write unit, as a Delete of nothing costs).
 */
export async function recordSuccess(db: Db, args: { endpointId: string; at: string }): Promise<void> {
  const key = { TableName: db.tables.WebhookDeliveries, Key: healthKey(args.endpointId) };
  let stored: Record<string, AttributeValue> | undefined;
  try {
    await db.doc.send(
      new UpdateCommand({
        ...key,
        UpdateExpression: "SET lastSucceededAt = :at REMOVE failedAttempts, failingSince",
        ConditionExpression: `attribute_exists(failedAttempts) AND ${NO_NEWER_SUCCESS} AND ${NO_LATER_FAILURE}`,
        ExpressionAttributeValues: { ":at": args.at },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    stored = (error as { Item?: Record<string, AttributeValue> }).Item;
  }
  const lastFailedAt = stored?.lastFailedAt?.S;
  const lastSucceededAt = stored?.lastSucceededAt?.S;
  // No streak, or a newer 2xx ended it: nothing to end.
  if (!stored?.failedAttempts || lastFailedAt === undefined || lastFailedAt < args.at) return;
  if (lastSucceededAt !== undefined && lastSucceededAt >= args.at) return;
  // A failure after this 2xx was counted: the streak restarts at it. If the item changed again meanwhile, the
  // writer that changed it counted or ended the streak itself.
  await landed(
    db.doc.send(
      new UpdateCommand({
        ...key,
        UpdateExpression: "SET lastSucceededAt = :at, failedAttempts = :one, failingSince = lastFailedAt",
        ConditionExpression: `attribute_exists(failedAttempts) AND lastFailedAt >= :at AND ${NO_NEWER_SUCCESS}`,
        ExpressionAttributeValues: { ":at": args.at, ":one": 1 },
      }),
    ),
  );
}

/** The endpoint's streak and what it knows of its attempts removed: it was switched off, a new streak starts. */
export async function clearStreak(db: Db, endpointId: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.tables.WebhookDeliveries, Key: healthKey(endpointId) }));
}

/** The endpoint's streak item removed, as a write of the transaction that deletes the endpoint. */
export function forgetStreak(db: Db, endpointId: string): TransactItem {
  return { Delete: { TableName: db.tables.WebhookDeliveries, Key: healthKey(endpointId) } };
}

/** The endpoint's current streak, or null when its last attempt was delivered. */
export async function streakOf(db: Db, endpointId: string): Promise<Webhooks.FailureStreak | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.WebhookDeliveries, Key: healthKey(endpointId) }),
  );
  // The item outlives a streak a 2xx ended (it keeps that 2xx's start): no count, no streak.
  if (result.Item?.failedAttempts === undefined) return null;
  return streakOfItem(result.Item);
}
