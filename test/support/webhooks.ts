import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { Events, Webhooks } from "@seller-ops/core";
import {
  ApiKeys,
  createDocumentClient,
  EventsRepo,
  transactWrite,
  WebhookDeliveriesRepo,
  WebhookEndpointsRepo,
  type Db,
  type WebhookDelivery,
} from "@seller-ops/db";
import { createLogger } from "@seller-ops/api";
import { createWebhookDispatchHandler } from "../../packages/functions/src/webhooks/dispatcher";
import { createWebhookRetryJobHandler } from "../../packages/functions/src/jobs/webhook-retries";
import type { DispatcherDeps } from "../../packages/functions/src/webhooks/dispatch";
import { openStreamReader, type StreamReader } from "../../packages/local/src/stream-poller";
import {
  startWebhookReceiver,
  type Answer,
  type ReceivedDelivery,
  type WebhookReceiver,
} from "../../packages/local/src/webhook-receiver";
import { testEpoch } from "./clock";
import { lambdaContext, scheduledEvent } from "./events";
import { isolatedTables } from "./isolated";

/**
 * A webhook world: its own tables (so the Events table's stream carries only this test's events),
 * a clock the test moves, a receiver on localhost that verifies signatures and answers as told,
 * the real dispatcher handler fed with records read from DynamoDB Local's stream, and the real
 * retry job handler invoked with a scheduler event.
 */

export const TEST_KEYRING = Webhooks.keyringFrom("test-webhook-sealing-key-0123456789");

/** Small timeouts, so a slow receiver is a timeout in a fraction of a second. */
export const TEST_LIMITS = { connectTimeoutMs: 500, responseTimeoutMs: 400 };

export interface WebhookWorld {
  db: Db;
  now(): Date;
  advance(ms: number): void;
  setNow(date: Date): void;
  receiver: WebhookReceiver;
  /** How the receiver answers each path (by the path's request count and the event); 204 (verified) by default. */
  answers: Map<string, (attempt: number, event: ReceivedDelivery["event"]) => Answer>;
  /** A seller key (an endpoint's owner); its key id. */
  sellerKey(sellerId: string): Promise<string>;
  /** A seller key's id and its secret (to call the API with). */
  sellerCredential(sellerId: string): Promise<{ keyId: string; secret: string }>;
  operatorKey(): Promise<string>;
  /** An operator key's id and its secret (to call the API with). */
  operatorCredential(): Promise<{ keyId: string; secret: string }>;
  register(args: {
    sellerId: string | null;
    path: string;
    ownerKeyId: string;
    eventTypes?: string[];
  }): Promise<{ endpoint: Webhooks.WebhookEndpoint; secret: string }>;
  writeEvent(args: {
    sellerId: string | null;
    objectId: string;
    version: number;
    type?: Events.EventType;
    objectType?: Events.ObjectType;
  }): Promise<Events.EventRecord>;
  /**
   * Reads the stream's next batch and gives it to the dispatcher handler; the batch is re-read if it throws.
   * `remainingMs`: the Lambda's remaining time, fixed or as a function (by default that of its real 2-minute timeout).
   */
  pump(
    overrides?: Partial<DispatcherDeps>,
    remainingMs?: number | (() => number),
  ): Promise<{ records: number; report: unknown }>;
  retryJob(overrides?: Partial<DispatcherDeps>): Promise<Record<string, number>>;
  deliveries(): Promise<WebhookDelivery[]>;
  received(path: string): { eventId: string; version: number; status: number; verified: boolean }[];
  endpoint(endpoint: Webhooks.WebhookEndpoint): Promise<Webhooks.WebhookEndpoint | null>;
  close(): Promise<void>;
}

export async function webhookWorld(): Promise<WebhookWorld> {
  const db = await isolatedTables("wh");
  let now = testEpoch().getTime();
  const secrets = new Map<string, string[]>();
  const answers: WebhookWorld["answers"] = new Map();
  const attemptsByPath = new Map<string, number>();
  const receiver = await startWebhookReceiver({
    secretsFor: (path) => secrets.get(path) ?? [],
    nowSeconds: () => Math.floor(now / 1000),
    answer: (delivery) => {
      const n = (attemptsByPath.get(delivery.path) ?? 0) + 1;
      attemptsByPath.set(delivery.path, n);
      return answers.get(delivery.path)?.(n, delivery.event);
    },
  });
  const client = new DynamoDBClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const reader: StreamReader = await openStreamReader(client, {
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: db.tables.Events,
    from: "TRIM_HORIZON",
  });
  const silent = createLogger({}, () => {});
  const base = (overrides: Partial<DispatcherDeps>) => ({
    db,
    clock: () => new Date(now),
    logger: silent,
    keyring: TEST_KEYRING,
    allowLocalEndpoints: true,
    limits: TEST_LIMITS,
    random: () => 0.5,
    ...overrides,
  });
  const putKey = async (record: ApiKeys.NewApiKey, secret = `k_${randomUUID()}`) => {
    await ApiKeys.putApiKey(db, secret, record);
    return record.keyId;
  };

  return {
    db,
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    setNow: (date) => {
      now = date.getTime();
    },
    receiver,
    answers,
    sellerKey: (sellerId) =>
      putKey({ role: "SELLER", keyId: `key_${ulid()}`, label: "t", sellerId, createdAt: testEpoch().toISOString() }),
    async sellerCredential(sellerId) {
      const secret = `k_${randomUUID()}`;
      const record = { role: "SELLER" as const, keyId: `key_${ulid()}`, label: "t", sellerId };
      const keyId = await putKey({ ...record, createdAt: testEpoch().toISOString() }, secret);
      return { keyId, secret };
    },
    operatorKey: () =>
      putKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "t", createdAt: testEpoch().toISOString() }),
    async operatorCredential() {
      const secret = `k_${randomUUID()}`;
      const record = { role: "OPERATOR" as const, keyId: `key_${ulid()}`, label: "t" };
      const keyId = await putKey({ ...record, createdAt: testEpoch().toISOString() }, secret);
      return { keyId, secret };
    },
    async register(args) {
      const prepared = WebhookEndpointsRepo.prepareEndpoint({
        endpointId: `whe_${ulid()}`,
        sellerId: args.sellerId,
        url: receiver.url(args.path),
        eventTypes: args.eventTypes ?? [],
        ownerKeyId: args.ownerKeyId,
        keyring: TEST_KEYRING,
        now: new Date(now).toISOString(),
      });
      const result = await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
      if (!result.ok) throw new Error("endpoint not registered");
      secrets.set(args.path, [prepared.secret]);
      return prepared;
    },
    async writeEvent(args) {
      const event = Events.record({
        draft: {
          type: args.type ?? "ORDER_SHIPPED",
          sellerId: args.sellerId,
          objectType: args.objectType ?? "ORDER",
          objectId: args.objectId,
          objectVersion: args.version,
          partId: null,
          payload: { id: args.objectId, version: args.version },
        },
        eventId: ulid(now),
        occurredAt: new Date(now).toISOString(),
        actorKeyId: "job:test",
      });
      const result = await transactWrite(db.doc, [EventsRepo.put(db, event)]);
      if (!result.ok) throw new Error("event not written");
      return event;
    },
    async pump(overrides = {}, remainingMs) {
      const batch = await reader.poll();
      if (batch.Records.length === 0) return { records: 0, report: null };
      const handler = createWebhookDispatchHandler(base(overrides));
      const context =
        remainingMs === undefined
          ? lambdaContext("webhook-dispatch", { timeoutMs: 120_000 })
          : {
              awsRequestId: ulid(),
              getRemainingTimeInMillis: typeof remainingMs === "number" ? () => remainingMs : remainingMs,
            };
      const report = await handler(batch, context as never);
      reader.commit();
      return { records: batch.Records.length, report };
    },
    async retryJob(overrides = {}) {
      const handler = createWebhookRetryJobHandler(base(overrides));
      const context = lambdaContext("webhook-retries", { timeoutMs: 300_000 });
      return (await handler(scheduledEvent(), context as never)) as unknown as Record<string, number>;
    },
    async deliveries() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new ScanCommand({ TableName: db.tables.WebhookDeliveries, ExclusiveStartKey: start }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items
        .filter((i) => String(i.sk).startsWith("DELIVERY#"))
        .map(WebhookDeliveriesRepo.fromItem)
        .sort((a, b) => (a.group + a.position).localeCompare(b.group + b.position));
    },
    received: (path) =>
      receiver.received
        .filter((r) => r.path === path)
        .map((r) => ({
          eventId: r.event?.id ?? "",
          version: r.event?.object.version ?? -1,
          status: r.status,
          verified: r.verified,
        })),
    endpoint: (endpoint) => WebhookEndpointsRepo.get(db, endpoint.scope, endpoint.endpointId),
    async close() {
      reader.close();
      client.destroy();
      await receiver.stop();
    },
  };
}

/** What a newer release can store during a deploy: a DISABLED endpoint with a reason this code does not know. */
export const NEWER_RELEASE_ENDPOINT = { status: "DISABLED", disabledReason: "OWNER_REVOKED" };

/**
 * Stores an endpoint's item again with `attributes` over what it holds, as a newer release or a hand edit can leave
 * it; by default one this code cannot parse (`NEWER_RELEASE_ENDPOINT`).
 */
export async function overwriteEndpointItem(
  db: Db,
  endpoint: { scope: string; endpointId: string },
  attributes: Record<string, unknown> = NEWER_RELEASE_ENDPOINT,
): Promise<void> {
  const Key = { pk: `SCOPE#${endpoint.scope}`, sk: `ENDPOINT#${endpoint.endpointId}` };
  const stored = await db.doc.send(
    new GetCommand({ TableName: db.tables.WebhookEndpoints, Key, ConsistentRead: true }),
  );
  if (!stored.Item) throw new Error(`no endpoint item ${Key.pk} ${Key.sk}`);
  await db.doc.send(new PutCommand({ TableName: db.tables.WebhookEndpoints, Item: { ...stored.Item, ...attributes } }));
}

/**
 * The WebhookDeliveries table as real DynamoDB answers a Query without ConsistentRead ("might not reflect the
 * results of a recently completed write"); DynamoDB Local is always strongly consistent. A Query of the base
 * table without ConsistentRead sees every delivery written in the last `lagMs` (real time) as it was before
 * that write, as a copy that has not applied the writes yet would; with `missesNew`, a delivery created then
 * is not seen at all (without, a test isolates what a lagging answer about a known delivery does). Every
 * delivery write is a Put, so the middleware keeps the item each Put replaced.
 */
export function laggingReplica(db: Db, options: { lagMs: number; missesNew: boolean }): Db {
  const doc = createDocumentClient();
  const recentWrites: { pk: string; sk: string; before: Record<string, unknown> | undefined; at: number }[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, any>;
      if (input.TableName !== db.tables.WebhookDeliveries) return next(args);
      const name = String(context.commandName);
      if (name.startsWith("Put") && String(input.Item?.sk).startsWith("DELIVERY#")) {
        const key = { pk: input.Item.pk, sk: input.Item.sk };
        const read = new GetCommand({ TableName: input.TableName, Key: key, ConsistentRead: true });
        const before = (await db.doc.send(read)).Item;
        const result = await next(args);
        if (before || options.missesNew) recentWrites.push({ ...key, before, at: Date.now() });
        return result;
      }
      if (!name.startsWith("Query") || input.IndexName || input.ConsistentRead) return next(args);
      const result = (await next(args)) as { output: { Items?: Record<string, unknown>[] } };
      const bySk = new Map((result.output.Items ?? []).map((item) => [String(item.sk), item]));
      for (const write of recentWrites) {
        if (write.pk !== input.ExpressionAttributeValues?.[":group"] || Date.now() - write.at > options.lagMs) continue;
        // The group Query starts after its ExclusiveStartKey (the group's settled position): so does the copy.
        const startSk = input.ExclusiveStartKey?.sk;
        if (typeof startSk === "string" && write.sk <= startSk) continue;
        if (write.before) bySk.set(write.sk, write.before);
        else bySk.delete(write.sk);
      }
      result.output.Items = [...bySk.values()].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
      return result as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "laggingReplica", priority: "high" },
  );
  return { doc, tables: db.tables };
}
