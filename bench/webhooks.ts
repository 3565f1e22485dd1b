/**
 * `npm run bench:webhooks`: what webhook delivery costs, measured on a private, in-memory DynamoDB
 * Local with the real dispatcher handler fed from the Events table's stream and a receiver on
 * localhost that verifies every signature.
 *
 * - DynamoDB requests the dispatcher makes per event (one seller, one endpoint), by command, for
 *   events of distinct objects and for several events of one object in a batch;
 * - commit → delivery latency: from the event's write returning to the receiver holding the
 *   verified request, median and p90 over N events written one at a time, with the stream polled
 *   every `WEBHOOK_POLL_MS` (250 ms, as `npm start`; Lambda polls a shard about 4 times a second).
 *
 * Writes bench/webhooks-results.json. `N=…` sets the number of events (default 50).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ulid } from "ulid";
import { Events, Webhooks } from "@seller-ops/core";
import {
  ApiKeys,
  createDocumentClient,
  ensureTables,
  EventsRepo,
  localTableNames,
  tableLinkEnv,
  transactWrite,
  WebhookEndpointsRepo,
  type Db,
} from "@seller-ops/db";
import { createLogger } from "@seller-ops/api";
import { startDynamoLocal, type DynamoLocal } from "../packages/local/src/dynamodb-local";
import { openStreamReader } from "../packages/local/src/stream-poller";
import { startWebhookReceiver } from "../packages/local/src/webhook-receiver";
import { instrument } from "./lib/requests";

const N = Number(process.env.N ?? 50);
const POLL_MS = Number(process.env.WEBHOOK_POLL_MS ?? 250);
const OUT = fileURLToPath(new URL("./webhooks-results.json", import.meta.url));
const keyring = Webhooks.keyringFrom("bench-webhook-sealing-key-0123456789");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

async function main(): Promise<void> {
  let local: DynamoLocal | null = null;
  process.once("exit", () => local?.process.kill("SIGKILL"));
  try {
    local = await startDynamoLocal({ dataDir: null });
    const tables = localTableNames("bench-webhooks");
    const admin = new DynamoDBClient({
      endpoint: local.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTables(admin, tables);
    Object.assign(process.env, tableLinkEnv(tables), {
      DYNAMODB_ENDPOINT: local.endpoint,
      LOG_LEVEL: "silent",
      METRICS_DISABLED: "true",
      APP_MODE: "development",
      // The receiver is on localhost: allowed in development only, when asked for.
      WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true",
    });
    const { createWebhookDispatchHandler } = await import("../packages/functions/src/webhooks/dispatcher");
    const db: Db = { doc: createDocumentClient(), tables };

    // One seller, one endpoint at a receiver that verifies each signature.
    const sellerId = `sel_${ulid()}`;
    const keyId = `key_${ulid()}`;
    await ApiKeys.putApiKey(db, `bench_${ulid()}`, {
      role: "SELLER",
      keyId,
      label: "bench",
      sellerId,
      createdAt: new Date().toISOString(),
    });
    const arrived = new Map<string, number>();
    let secret = "";
    const receiver = await startWebhookReceiver({
      secretsFor: () => [secret],
      onDelivery: (d) => {
        if (d.verified && d.event) arrived.set(d.event.id, performance.now());
      },
    });
    const prepared = WebhookEndpointsRepo.prepareEndpoint({
      endpointId: `whe_${ulid()}`,
      sellerId,
      url: receiver.url("/bench"),
      eventTypes: [],
      ownerKeyId: keyId,
      keyring,
      now: new Date().toISOString(),
    });
    secret = prepared.secret;
    await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));

    const countedDoc = createDocumentClient();
    const log = instrument(countedDoc);
    const handler = createWebhookDispatchHandler({
      db: { doc: countedDoc, tables },
      keyring,
      logger: createLogger({}, () => {}),
    });
    const reader = await openStreamReader(admin, {
      endpoint: local.endpoint,
      tableName: tables.Events,
      from: "TRIM_HORIZON",
    });
    const writeEvent = async (objectId: string, version: number) => {
      const now = new Date();
      const event = Events.record({
        draft: {
          type: "ORDER_SHIPPED",
          sellerId,
          objectType: "ORDER",
          objectId,
          objectVersion: version,
          partId: null,
          payload: { id: objectId, status: "SHIPPED", version },
        },
        eventId: ulid(now.getTime()),
        occurredAt: now.toISOString(),
        actorKeyId: keyId,
      });
      await transactWrite(db.doc, [EventsRepo.put(db, event)]);
      return event;
    };
    const drain = async () => {
      for (;;) {
        const batch = await reader.poll();
        if (batch.Records.length === 0) return;
        await handler(batch);
        reader.commit();
      }
    };

    // 1. Requests per event: a batch of N events of distinct objects, then N events of 5 objects.
    const counts: Record<string, { perEvent: number; byCommand: Record<string, number> }> = {};
    for (const [label, objects] of [
      ["distinct objects", N],
      ["5 objects, several versions each", 5],
    ] as const) {
      for (let i = 0; i < N; i++) await writeEvent(`ord_${label.length}_${i % objects}`, Math.floor(i / objects) + 1);
      log.reset();
      await drain();
      const byCommand: Record<string, number> = {};
      for (const r of log.requests) byCommand[r.name] = (byCommand[r.name] ?? 0) + 1;
      counts[label] = { perEvent: log.requests.length / N, byCommand };
    }

    // 2. Commit → delivery, one event at a time, the stream polled every POLL_MS.
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await drain();
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < N; i++) {
      const event = await writeEvent(`ord_latency_${i}`, 1);
      const committed = performance.now();
      const deadline = committed + 10_000;
      while (!arrived.has(event.eventId) && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 2));
      if (!arrived.has(event.eventId)) throw new Error(`event ${event.eventId} was not delivered within 10 s`);
      latencies.push(arrived.get(event.eventId)! - committed);
    }
    polling = false;
    await poller;

    const results = {
      measuredAt: new Date().toISOString(),
      events: N,
      pollMs: POLL_MS,
      dispatcherRequestsPerEvent: counts,
      commitToDeliveryMs: {
        median: Math.round(median(latencies)),
        p90: Math.round(p90(latencies)),
        min: Math.round(Math.min(...latencies)),
        max: Math.round(Math.max(...latencies)),
      },
    };
    writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwrote ${OUT}\n`);
    reader.close();
    await receiver.stop();
    admin.destroy();
  } finally {
    await local?.stop();
  }
}

await main();
