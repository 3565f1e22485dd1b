import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Webhooks } from "@seller-ops/core";
import * as z from "zod/mini";
import type { Db } from "./context";
import { stamped, upgraded } from "./shapes";
import { isConditionFailed, type TransactItem } from "./transact";
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

/** What every counted failure sets besides the count: which endpoint, which attempt, the item's shape. */
const REST_OF_FAILURE = "endpointId = :endpoint, lastFailedAttempt = :attempt, #shape = if_not_exists(#shape, :shape)";

/**
 * Counts a failed attempt in the endpoint's streak (started now if there is none) and returns the streak.
 * The add is not a transaction, and the SDK sends a request again when its answer is late (a timed-out attempt)
 * even if the first one landed: the streak keeps the last attempt it counted, so the same attempt sent twice
 * counts once, and an endpoint is never switched off early for failures it did not have.
 * `restart`: the endpoint answered 2xx since the stored streak was counted (earlier in the caller's run, its reset
 * not written yet), so this failure starts a new streak in place of the stored one, in the same one write.
 */
export async function recordFailure(
  db: Db,
  args: { endpointId: string; now: string; attemptId: string; restart?: boolean },
): Promise<Webhooks.FailureStreak> {
  const count = args.restart
    ? "SET failedAttempts = :one, failingSince = :now, "
    : "ADD failedAttempts :one SET failingSince = if_not_exists(failingSince, :now), ";
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.WebhookDeliveries,
        Key: healthKey(args.endpointId),
        UpdateExpression: `${count}${REST_OF_FAILURE}`,
        ConditionExpression: "attribute_not_exists(lastFailedAttempt) OR lastFailedAttempt <> :attempt",
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
    // This attempt was counted already (its first send landed): the streak as it stands; none if it ended since.
    return (await streakOf(db, args.endpointId)) ?? { failedAttempts: 0, failingSince: args.now };
  }
}

function streakOfItem(item: Record<string, unknown>): Webhooks.FailureStreak {
  return z
    .object({ failedAttempts: z.number(), failingSince: z.string() })
    .parse(upgraded("webhookEndpointHealth", item));
}

/** A delivered attempt ends the streak. */
export async function recordSuccess(db: Db, endpointId: string): Promise<void> {
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
  if (!result.Item) return null;
  return streakOfItem(result.Item);
}
