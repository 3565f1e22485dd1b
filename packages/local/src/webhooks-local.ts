import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { Webhooks } from "@seller-ops/core";
import { ApiKeys, transactWrite, WebhookEndpointsRepo, type Db } from "@seller-ops/db";
import { UsageError } from "./process";
import { jobContext, startSchedule, type LocalSchedule } from "./scheduler";
import { DEMO_KEYS } from "./seed";
import { openStreamReader } from "./stream-poller";
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from "./webhook-receiver";

/**
 * Webhooks under `npm start`: the dispatcher handler fed from DynamoDB Local's stream of the
 * Events table (as Lambda's event source mapping feeds it when deployed), the retry job on a
 * local schedule, and a test receiver on localhost that verifies each delivery's signature and
 * prints it. The first demo seller has an endpoint registered at that receiver (local endpoints
 * are allowed in development only), signed with a fixed local secret so the receiver knows it.
 */

/** The demo endpoint's signing secret: local only, printed at start like the demo keys. */
export const DEMO_WEBHOOK_SECRET = "whsec_local-demo-endpoint-secret-not-for-production";
export const DEMO_ENDPOINT_ID = "whe_local-demo";
export const DEMO_ENDPOINT_PATH = "/hooks/demo";
const DEMO_SELLER = "seller-shenzhen-gadgets";

export interface LocalWebhooks {
  receiverUrl: string;
  stop(): Promise<void>;
}

type StreamHandler = (event: DynamoDBStreamEvent, context: unknown) => Promise<{ events: number; recorded: number }>;
type JobHandler = (event: unknown, context: unknown) => Promise<{ delivered: number; failed: number }>;

/**
 * The demo endpoint, registered once (kept across runs with the data): the demo seller's own key
 * owns it, so it receives that seller's events while the key is valid. A run on another receiver
 * port (WEBHOOK_RECEIVER_PORT) moves the kept endpoint's URL there, as an owner's update would.
 */
export async function ensureDemoEndpoint(db: Db, url: string, keyring: Webhooks.Keyring, now: string): Promise<void> {
  const existing = await WebhookEndpointsRepo.get(db, DEMO_SELLER, DEMO_ENDPOINT_ID);
  if (existing) {
    if (existing.url === url) return;
    // As its owner's update: the demo seller's key keeps it.
    const updated = Webhooks.update({ endpoint: existing, url, by: existing.ownerKeyId, now });
    if (!updated.ok) throw new Error(`the demo endpoint's URL could not be changed to ${url}`);
    const { write } = WebhookEndpointsRepo.changeWrite(db, existing, updated.value);
    await transactWrite(db.doc, [write]);
    return;
  }
  const owner = await ApiKeys.principalForSecret(db, DEMO_KEYS[DEMO_SELLER]);
  if (!owner) return;
  const prepared = WebhookEndpointsRepo.prepareEndpoint({
    endpointId: DEMO_ENDPOINT_ID,
    sellerId: DEMO_SELLER,
    url,
    eventTypes: [],
    ownerKeyId: owner.principalId,
    keyring,
    now,
  });
  const sealed = Webhooks.seal({
    plaintext: DEMO_WEBHOOK_SECRET,
    keyring,
    context: DEMO_ENDPOINT_ID,
    iv: randomBytes(12),
  });
  const endpoint = { ...prepared.endpoint, secrets: [{ sealed, createdAt: now, expiresAt: null }] };
  await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, endpoint));
}

function describe(delivery: ReceivedDelivery): string {
  const e = delivery.event;
  const what = e ? `${e.type} ${e.object.id} v${e.object.version} (event ${e.id})` : "(not JSON)";
  const check = delivery.verified ? "signature ok" : `signature REFUSED: ${delivery.verifyRefusal}`;
  return `webhook ▸ ${delivery.path}: ${what}, ${check} → ${delivery.status}`;
}

export async function startLocalWebhooks(args: {
  endpoint: string;
  db: Db;
  keyring: Webhooks.Keyring;
  say: (line: string) => void;
  fail: (line: string) => void;
}): Promise<LocalWebhooks> {
  const port = Number(process.env.WEBHOOK_RECEIVER_PORT ?? 4010);
  let receiver: WebhookReceiver;
  try {
    receiver = await startWebhookReceiver({
      port,
      secretsFor: (path) => (path === DEMO_ENDPOINT_PATH ? [DEMO_WEBHOOK_SECRET] : []),
      onDelivery: (delivery) => args.say(describe(delivery)),
    });
  } catch (error) {
    // As for the API's port (start.ts): say what to do, not a stack.
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UsageError(
        `Port ${port} (the webhook test receiver) is already in use: stop what uses it or run with ` +
          "WEBHOOK_RECEIVER_PORT=N.",
      );
    }
    throw error;
  }
  await ensureDemoEndpoint(args.db, receiver.url(DEMO_ENDPOINT_PATH), args.keyring, new Date().toISOString());

  // Imported now that the configuration (tables, mode) is in the environment, like the other handlers.
  const dispatcher = (await import("@seller-ops/functions/src/webhooks/dispatcher")) as { handler: StreamHandler };
  const retries = (await import("@seller-ops/functions/src/jobs/webhook-retries")) as { handler: JobHandler };

  const client = new DynamoDBClient({
    endpoint: args.endpoint,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  // From the oldest record kept: events written while `npm start` was stopped are delivered too
  // (recorded deliveries are found again, never sent twice by the dispatcher).
  const reader = await openStreamReader(client, {
    endpoint: args.endpoint,
    tableName: args.db.tables.Events,
    from: "TRIM_HORIZON",
  });
  const pollMs = Number(process.env.WEBHOOK_POLL_MS ?? 250);
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const pollOnce = async () => {
    const batch = await reader.poll(100);
    if (batch.Records.length === 0) return;
    try {
      await dispatcher.handler(batch, jobContext("webhook-dispatch", 2 * 60_000));
      reader.commit();
    } catch (error) {
      // As Lambda does: the same batch again on the next poll.
      args.fail(`webhook dispatcher failed (the batch is retried): ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const loop = async () => {
    while (!stopped) {
      await pollOnce().catch((error: Error) => args.fail(`webhook stream polling failed: ${error.message}`));
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };
  polling = loop();

  const retryInterval = Number(process.env.WEBHOOK_RETRY_INTERVAL_SECONDS ?? 15);
  const schedule: LocalSchedule = startSchedule({
    name: "WebhookRetries",
    intervalMs: retryInterval * 1000,
    run: (event, context) => retries.handler(event, context),
    onResult: (r) => {
      if (r.delivered + r.failed > 0) args.say(`webhook retry job: delivered ${r.delivered}, failed ${r.failed}`);
    },
    onError: (error) => args.fail(`webhook retry job failed: ${error.message}`),
  });

  return {
    receiverUrl: receiver.url(DEMO_ENDPOINT_PATH),
    async stop() {
      stopped = true;
      await polling;
      await schedule.stop();
      reader.close();
      client.destroy();
      await receiver.stop();
    },
  };
}
