import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, type Db, EventsRepo, WebhookDeliveriesRepo } from "@seller-ops/db";
import { decodeTime, ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * The WEBHOOK_ENDPOINT_DISABLED event is served by the events feed once it is 60 s old, which trusts every
 * transaction attempted before then to have committed or failed (docs/events.md). Like a job's change, it is stamped
 * when decided, after the attempt (up to 10 s) that decided it, and its transaction is bounded (`commitBound`).
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Switched off at its first failure: what is tested is the switch-off's stamp and transaction, not its policy. */
const AT_FIRST_FAILURE = { disablePolicy: { attempts: 1, spanMs: 0 } };

async function failingEndpoint(w: WebhookWorld, answerMs: number) {
  const seller = `sel_${ulid()}`;
  const { endpoint } = await w.register({ sellerId: seller, path: "/broken", ownerKeyId: await w.sellerKey(seller) });
  // The attempt takes its time on the dispatcher's clock before the receiver refuses it.
  w.answers.set("/broken", () => {
    w.advance(answerMs);
    return { status: 500 };
  });
  await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
  return { seller, endpoint };
}

async function disabledEvents(w: WebhookWorld, seller: string) {
  const stored = await w.db.doc.send(
    new QueryCommand({
      TableName: w.db.tables.Events,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `SELLER#${seller}` },
    }),
  );
  return (stored.Items ?? []).map(EventsRepo.fromItem).filter((e) => e.type === "WEBHOOK_ENDPOINT_DISABLED");
}

/**
 * The switch-off's transactions (those that write an Events item) throttled every time, each attempt taking 8 s on
 * the world's clock, as real DynamoDB can under load; every other request goes through.
 */
function throttledSwitchOff(w: WebhookWorld): { db: Db; log: { attempts: number } } {
  const doc = createDocumentClient();
  const log = { attempts: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      if (name !== "TransactWriteCommand" && name !== "TransactWriteItemsCommand") return next(args);
      const items = (args.input as { TransactItems: { Put?: { TableName?: string } }[] }).TransactItems;
      if (!items.some((item) => item.Put?.TableName === w.db.tables.Events)) return next(args);
      log.attempts++;
      w.advance(8_000);
      throw Object.assign(new Error("Transaction cancelled [ThrottlingError]"), {
        name: "TransactionCanceledException",
        CancellationReasons: items.map((_, i) => ({ Code: i === 0 ? "ThrottlingError" : "None" })),
        $metadata: { httpStatusCode: 400 },
        $fault: "client",
      });
    },
    { step: "initialize", name: "throttledSwitchOff", priority: "high" },
  );
  return { db: { doc, tables: w.db.tables }, log };
}

describe("the WEBHOOK_ENDPOINT_DISABLED event", () => {
  it("is stamped when the switch-off is decided, after the attempt, not at the attempt's start", async () => {
    world = await webhookWorld();
    const w = world;
    const { seller, endpoint } = await failingEndpoint(w, 9_000);
    await w.pump(AT_FIRST_FAILURE);
    const attempt = (await w.deliveries())[0]!.attempts.at(-1)!;
    const decided = new Date(Date.parse(attempt.at) + 9_000).toISOString();
    expect(w.now().toISOString()).toBe(decided);
    const [event] = await disabledEvents(w, seller);
    expect(event).toMatchObject({ occurredAt: decided, objectId: endpoint.endpointId });
    expect(decodeTime(event!.eventId)).toBe(Date.parse(decided));
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "DISABLED", updatedAt: decided });
  });

  it("is not written unless it commits within 20 s of its instant; the next failure decides again", async () => {
    world = await webhookWorld();
    const w = world;
    const { seller, endpoint } = await failingEndpoint(w, 0);
    const throttled = throttledSwitchOff(w);
    const { report } = await w.pump({ ...AT_FIRST_FAILURE, db: throttled.db });
    // Attempts at 0, 8 and 16 s after the instant; none starts 20 s after it (unbounded: 10 attempts, 80 s).
    expect(throttled.log.attempts).toBe(3);
    expect(report).toMatchObject({ failed: 1, endpointsDisabled: 0 });
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "ENABLED" });
    expect(await disabledEvents(w, seller)).toHaveLength(0);
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 1 });

    // DynamoDB has recovered: the retry job's next failed attempt switches it off.
    w.setNow(new Date((await w.deliveries())[0]!.nextAttemptAt!));
    expect(await w.retryJob(AT_FIRST_FAILURE)).toMatchObject({ failed: 1, endpointsDisabled: 1 });
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "DISABLED", disabledReason: "REPEATED_FAILURES" });
    expect(await disabledEvents(w, seller)).toHaveLength(1);
  });
});
