import { createDocumentClient, WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LEASE_MS } from "../../packages/functions/src/webhooks/dispatch";
import { graphql } from "../support/api";
import { laggingReplica, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * The dispatcher reads a group's unsettled deliveries right after writing one and after recording each
 * attempt. In AWS an eventually consistent read may miss those writes (DynamoDB Local never does): it would
 * send a delivered event a second time (then find its lease lost), or not see the delivery just written and
 * leave it a minute for the retry job. `laggingReplica` answers as such a read would, half a second behind.
 */
let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const LAG_MS = 500;

describe("the dispatcher's read of a group, against a lagging copy of the table", () => {
  it("sends a delivered event once, though the group is read again right after its attempt was recorded", async () => {
    world = await webhookWorld();
    const seller = `sel_${ulid()}`;
    await world.register({ sellerId: seller, path: "/once", ownerKeyId: await world.sellerKey(seller) });
    await world.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });

    const { report } = await world.pump({ db: laggingReplica(world.db, { lagMs: LAG_MS, missesNew: false }) });

    expect(world.received("/once")).toHaveLength(1);
    expect(report).toMatchObject({ delivered: 1, leasesLost: 0 });
    expect((await world.deliveries()).map((d) => [d.status, d.attemptCount])).toEqual([["DELIVERED", 1]]);
  });

  it("attempts a delivery it has just written in the same run, not a minute later in the retry job", async () => {
    world = await webhookWorld();
    const seller = `sel_${ulid()}`;
    await world.register({ sellerId: seller, path: "/fresh", ownerKeyId: await world.sellerKey(seller) });
    await world.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await world.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });

    const { report } = await world.pump({ db: laggingReplica(world.db, { lagMs: LAG_MS, missesNew: true }) });

    expect(world.received("/fresh").map((r) => r.version)).toEqual([1, 2]);
    expect(report).toMatchObject({ delivered: 2 });
  });
});

/**
 * Settled deliveries stay in their group for the log's 30 days, and an object's events have no cap (a case takes
 * any number of messages). The dispatcher reads a group from its settled position, kept on the group's lease item,
 * so the next delivery of a busy object costs a read of what is unsettled, not of every event before it.
 */
describe("the dispatcher's read of a group with a long settled history", () => {
  const CASE = { objectType: "CASE" as const, type: "CASE_MESSAGE_POSTED" as const };

  it("reads a handful of items for one more message on a case with many delivered", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    const { endpoint } = await w.register({ sellerId, path: "/case", ownerKeyId: await w.sellerKey(sellerId) });
    const earlier = 40;
    for (let version = 1; version <= earlier; version++)
      await w.writeEvent({ sellerId, objectId: "case_busy", version, ...CASE });
    while ((await w.pump()).records > 0);
    expect(w.received("/case")).toHaveLength(earlier);

    w.advance(1_000);
    await w.writeEvent({ sellerId, objectId: "case_busy", version: earlier + 1, ...CASE });
    const reads = { scanned: 0 };
    await w.pump({ db: countingGroupReads(w.db, caseGroup(endpoint.endpointId), reads) });

    expect(w.received("/case").map((r) => r.version)).toEqual(Array.from({ length: earlier + 1 }, (_, i) => i + 1));
    // The new delivery, and nothing after it once it settled; from the group's start it was 2 × 41.
    expect(reads.scanned).toBeLessThanOrEqual(2);
  });

  it("reads a group stored without a position from its start once, then from where it is settled", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    const events = [];
    for (let version = 1; version <= 30; version++)
      events.push(await w.writeEvent({ sellerId, objectId: "case_old", version, ...CASE }));
    while ((await w.pump()).records > 0);
    // Delivered by a release that kept no position: settled deliveries, and no lease item in their group.
    const { endpoint } = await w.register({ sellerId, path: "/old", ownerKeyId: await w.sellerKey(sellerId) });
    for (const event of events) {
      const at = w.now().toISOString();
      const delivery = WebhookDeliveriesRepo.newDelivery({
        endpointId: endpoint.endpointId,
        event: WebhookDeliveriesRepo.deliveredEvent(event),
        now: at,
      });
      const settled = { status: "DELIVERED" as const, nextAttemptAt: null, settledAt: at, attemptCount: 1 };
      await WebhookDeliveriesRepo.createIfAbsent(w.db, { ...delivery, ...settled, firstAttemptAt: at });
    }
    const group = caseGroup(endpoint.endpointId, "case_old");

    const first = { scanned: 0 };
    await w.writeEvent({ sellerId, objectId: "case_old", version: 31, ...CASE });
    await w.pump({ db: countingGroupReads(w.db, group, first) });
    const second = { scanned: 0 };
    await w.writeEvent({ sellerId, objectId: "case_old", version: 32, ...CASE });
    await w.pump({ db: countingGroupReads(w.db, group, second) });

    expect(w.received("/old").map((r) => r.version)).toEqual([31, 32]);
    expect(first.scanned).toBeGreaterThanOrEqual(31);
    expect(second.scanned).toBeLessThanOrEqual(2);
  });

  it("keeps the object's order for a redelivery behind the position; finds a delivery recorded behind it", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const sellerId = `sel_${ulid()}`;
    const owner = await w.sellerCredential(sellerId);
    const { endpoint } = await w.register({ sellerId, path: "/order", ownerKeyId: owner.keyId });
    const events = [];
    for (let version = 1; version <= 5; version++)
      events.push(await w.writeEvent({ sellerId, objectId: "case_1", version, ...CASE }));
    while ((await w.pump()).records > 0);

    // Version 2 again, placed by its version behind the settled position (version 5); then version 6 arrives.
    const input = { endpointId: endpoint.endpointId, eventId: events[1]!.eventId };
    const answer = await graphql(api, REDELIVER, { key: owner.secret, variables: { input } });
    expect(answer.body.data.redeliverWebhookEvent.userErrors).toEqual([]);
    await w.writeEvent({ sellerId, objectId: "case_1", version: 6, ...CASE });
    await w.pump();
    expect(w.received("/order").map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 2, 6]);

    // A delivery recorded late, behind the position (a stream batch replayed from the dead-letter queue): the retry
    // job, which finds it due, reads the group from where it begins.
    const late = await w.writeEvent({ sellerId, objectId: "case_1", version: 3, ...CASE });
    while ((await w.pump({ db: withoutDrains(w.db) })).records > 0);
    const recorded = WebhookDeliveriesRepo.newDelivery({
      endpointId: endpoint.endpointId,
      event: WebhookDeliveriesRepo.deliveredEvent(late),
      now: w.now().toISOString(),
    });
    expect(await WebhookDeliveriesRepo.createIfAbsent(w.db, recorded)).toBe("exists");
    await w.retryJob();
    expect(w.received("/order").map((r) => r.eventId)).toContain(late.eventId);
    expect((await w.deliveries()).filter((d) => d.settledAt === null)).toEqual([]);
  });

  it("skips nothing when a drain stopped before recording how far it settled the group", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    await w.register({ sellerId, path: "/crash", ownerKeyId: await w.sellerKey(sellerId) });
    for (let version = 1; version <= 3; version++)
      await w.writeEvent({ sellerId, objectId: "case_1", version, ...CASE });
    while ((await w.pump()).records > 0);
    // Versions 4 and 5 settle, and the drain's process ends before it gives the lease back with its position.
    await w.writeEvent({ sellerId, objectId: "case_1", version: 4, ...CASE });
    await w.writeEvent({ sellerId, objectId: "case_1", version: 5, ...CASE });
    await w.pump({ db: withoutLeaseRelease(w.db) });

    w.advance(DEFAULT_LEASE_MS + 1_000);
    await w.writeEvent({ sellerId, objectId: "case_1", version: 6, ...CASE });
    await w.pump();
    expect(w.received("/crash").map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

const REDELIVER = `mutation($input: RedeliverWebhookEventInput!) {
  redeliverWebhookEvent(input: $input) { delivery { id } userErrors { code field } }
}`;

const caseGroup = (endpointId: string, objectId = "case_busy") =>
  WebhookDeliveriesRepo.groupKey({ endpointId, objectType: "CASE", objectId });

/** A client of `db` that adds up the items the Queries of one group examine (`ScannedCount`). */
function countingGroupReads(db: Db, group: string, reads: { scanned: number }): Db {
  const doc = createDocumentClient();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = (args as { input: { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> } })
        .input;
      const ofGroup = !input.IndexName && input.ExpressionAttributeValues?.[":group"] === group;
      if (context.commandName === "QueryCommand" && ofGroup)
        reads.scanned += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return result;
    },
    { step: "initialize", name: "countGroupReads" },
  );
  return { doc, tables: db.tables };
}

/** A client of `db` on which no group's lease can be taken: the stream records deliveries and attempts none. */
function withoutDrains(db: Db): Db {
  return leaseUpdates(db, "SET leaseOwner");
}

/** A client of `db` whose lease releases never land, as when the process ends right before them. */
function withoutLeaseRelease(db: Db): Db {
  return leaseUpdates(db, "REMOVE leaseOwner");
}

/** A client of `db` that answers the lease updates containing `part` as if refused (taking) or lost (releasing). */
function leaseUpdates(db: Db, part: string): Db {
  const doc = createDocumentClient();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: { Key?: { sk?: unknown }; UpdateExpression?: string } }).input;
      const matches = input.Key?.sk === "LEASE" && input.UpdateExpression?.includes(part);
      if (context.commandName !== "UpdateItemCommand" || !matches) return next(args);
      if (part.startsWith("SET")) {
        const refused = new Error("The conditional request failed");
        refused.name = "ConditionalCheckFailedException";
        throw refused;
      }
      return { output: { $metadata: {} }, response: {} } as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "leaseUpdates" },
  );
  return { doc, tables: db.tables };
}
