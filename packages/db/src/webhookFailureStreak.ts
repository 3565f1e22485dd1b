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
 * to an attempt that started later ends the streak, `recordSuccess`; the last failure recorded, which is the latest
 * started but for a slow attempt's, so a late 2xx may end one failure too many: a switch-off comes later, not
 * earlier), the item's shape.
 */
const STREAK_START = "failingSince = if_not_exists(failingSince, :now)";
const REST_OF_FAILURE =
  "endpointId = :endpoint, lastFailedAttempt = :attempt, lastFailedAt = :now, #shape = if_not_exists(#shape, :shape)";

/** A failure counts unless its attempt was counted already (the SDK sent the write again). */
const FAILURE_COUNTS = "attribute_not_exists(lastFailedAttempt) OR lastFailedAttempt <> :attempt";

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
    // Counted already: the streak as it stands; none if it ended since.
    return (await streakOf(db, args.endpointId)) ?? { failedAttempts: 0, failingSince: args.now };
  }
}

function streakOfItem(item: Record<string, unknown>): Webhooks.FailureStreak {
  return z
    .object({ failedAttempts: z.number(), failingSince: z.string() })
    .parse(upgraded("webhookEndpointHealth", item));
}

/** Every failure counted started before this 2xx (an item from before `lastFailedAt` was kept: all of them). */
const NO_LATER_FAILURE = "attribute_not_exists(lastFailedAt) OR lastFailedAt < :at";

/**
 * A 2xx to an attempt that started at `at` ends the failures counted before it: the streak item is deleted, as a
 * healthy endpoint has none. Another invocation may have counted a failure of a later attempt meanwhile (the endpoint
 * went down again after answering): that failure is not erased, the streak starts again at the latest one (one
 * failure, failing since then; others after the 2xx, if any, are not counted: a switch-off comes later, not earlier).
 * Attempts started in the same millisecond as the 2xx count as after it: a tie never erases a failure.
 * The item is deleted, not kept with the 2xx's start, so a release before this one, which reads an item as a streak,
 * still reads every item this one leaves (docs/changing-stored-data.md, rollbacks). The price: a failure of an attempt
 * that started before the 2xx but is recorded after it (a timeout, up to 10 s later) starts a new streak.
 */
export async function recordSuccess(db: Db, args: { endpointId: string; at: string }): Promise<void> {
  const key = { TableName: db.tables.WebhookDeliveries, Key: healthKey(args.endpointId) };
  let lastFailedAt: string | undefined;
  try {
    await db.doc.send(
      new DeleteCommand({
        ...key,
        ConditionExpression: NO_LATER_FAILURE,
        ExpressionAttributeValues: { ":at": args.at },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    lastFailedAt = (error as { Item?: Record<string, AttributeValue> }).Item?.lastFailedAt?.S;
  }
  if (lastFailedAt === undefined || lastFailedAt < args.at) return;
  // A failure after this 2xx was counted: the streak restarts at it. If the item changed again meanwhile, the
  // writer that changed it counted or ended the streak itself.
  await landed(
    db.doc.send(
      new UpdateCommand({
        ...key,
        UpdateExpression: "SET failedAttempts = :one, failingSince = lastFailedAt",
        ConditionExpression: "lastFailedAt >= :at",
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
  return result.Item ? healthOfItem(result.Item) : null;
}

/** An endpoint's stored health as the dispatcher reads it (and `npm run migrate` checks it): its streak, or none. */
export function healthOfItem(item: Record<string, unknown>): Webhooks.FailureStreak | null {
  // An item without a count (none is written today; a later release may keep one past a 2xx): no streak.
  return item.failedAttempts === undefined ? null : streakOfItem(item);
}
