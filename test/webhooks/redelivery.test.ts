import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Webhooks } from "@seller-ops/core";
import { createDocumentClient, WebhookDeliveriesRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { graphql } from "../support/api";
import { meetingAt } from "../support/isolated";
import { overwriteEndpointItem, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * The delivery log and redelivery through the API: `webhookDeliveries` shows what the dispatcher
 * did, `redeliverWebhookEvent` records a new delivery that the retry job sends, byte for byte the
 * same body; only the endpoint's owner side reads the log.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const LOG = `query($s: ID, $e: ID!, $event: ID, $status: WebhookDeliveryStatus) {
  webhookDeliveries(sellerId: $s, endpointId: $e, eventId: $event, status: $status) {
    edges { node { id eventId eventType status redelivery attemptCount attempts { outcome statusCode durationMs } } }
  }
}`;
const REDELIVER = `mutation($input: RedeliverWebhookEventInput!) {
  redeliverWebhookEvent(input: $input) { delivery { id eventId status redelivery } userErrors { code field } }
}`;

const WHO = `mutation($input: RedeliverWebhookEventInput!) {
  redeliverWebhookEvent(input: $input) { delivery { requestedBy } userErrors { code field } }
}`;
const WHO_LOG = `query($s: ID, $e: ID!) {
  webhookDeliveries(sellerId: $s, endpointId: $e) { edges { node { redelivery requestedBy } } }
}`;

/** The world's tables through a client that counts the items its Queries read (`ScannedCount`). */
function countingScans(w: WebhookWorld) {
  const doc = createDocumentClient();
  let scanned = 0;
  doc.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      scanned += (out.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return out;
    },
    { step: "initialize", name: "scannedCounter" },
  );
  return { db: { doc: doc as DynamoDBDocumentClient, tables: w.db.tables }, scanned: () => scanned };
}

describe("the delivery log and redelivery", () => {
  it("lists an endpoint's deliveries and sends an event again on request, once per idempotency key", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/log", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();

    const log = async (variables: Record<string, unknown>, key = owner.secret) =>
      (await graphql(api, LOG, { key, variables: { e: endpoint.endpointId, ...variables } })).body;
    const first = await log({});
    expect(first.errors).toBeUndefined();
    expect(first.data.webhookDeliveries.edges.map((e: any) => e.node)).toMatchObject([
      {
        eventId: event.eventId,
        eventType: "ORDER_SHIPPED",
        status: "DELIVERED",
        redelivery: false,
        attemptCount: 1,
        attempts: [{ outcome: "DELIVERED", statusCode: 204 }],
      },
    ]);

    const input = { endpointId: endpoint.endpointId, eventId: event.eventId, idempotencyKey: "redeliver-0001" };
    const asked = (await graphql(api, REDELIVER, { key: owner.secret, variables: { input } })).body;
    expect(asked.data.redeliverWebhookEvent.userErrors).toEqual([]);
    expect(asked.data.redeliverWebhookEvent.delivery).toMatchObject({ status: "PENDING", redelivery: true });
    const again = (await graphql(api, REDELIVER, { key: owner.secret, variables: { input } })).body;
    expect(again.data.redeliverWebhookEvent.delivery.id).toBe(asked.data.redeliverWebhookEvent.delivery.id);

    await w.retryJob();
    const bodies = w.receiver.received.filter((r) => r.path === "/log").map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(w.receiver.received.every((r) => r.verified)).toBe(true);
    const both = await log({ event: event.eventId, status: "DELIVERED" });
    expect(both.data.webhookDeliveries.edges.map((e: any) => e.node.redelivery).sort()).toEqual([false, true]);

    // Another seller's key: refused or an empty log; never this endpoint's deliveries.
    const stranger = await w.sellerCredential(`sel_${ulid()}`);
    const theirs = await log({ s: seller }, stranger.secret);
    expect(theirs.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ownScope = await log({}, stranger.secret);
    expect(ownScope.data.webhookDeliveries.edges).toEqual([]);
    const refused = (
      await graphql(api, REDELIVER, { key: stranger.secret, variables: { input: { ...input, idempotencyKey: null } } })
    ).body;
    expect(refused.data.redeliverWebhookEvent.userErrors[0].code).toBe("NOT_FOUND");
  });

  it("refuses an event the endpoint does not subscribe to, and one that is not there", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({
      sellerId: seller,
      path: "/cases",
      ownerKeyId: owner.keyId,
      eventTypes: ["CASE_OPENED"],
    });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    const ask = async (eventId: string) =>
      (
        await graphql(api, REDELIVER, {
          key: owner.secret,
          variables: { input: { endpointId: endpoint.endpointId, eventId } },
        })
      ).body.data.redeliverWebhookEvent;
    expect((await ask(event.eventId)).userErrors).toEqual([{ code: "INVALID_INPUT", field: ["input", "eventId"] }]);
    expect((await ask(ulid())).userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "eventId"] }]);
    expect(await w.deliveries()).toEqual([]);
  });

  it("shows the log of an endpoint whose item this code cannot read, and refuses to redeliver to it", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/edited", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    await overwriteEndpointItem(w.db, endpoint);

    const log = (await graphql(api, LOG, { key: owner.secret, variables: { e: endpoint.endpointId } })).body;
    expect(log.errors).toBeUndefined();
    expect(log.data.webhookDeliveries.edges.map((e: any) => e.node.eventId)).toEqual([event.eventId]);
    // Only its owner side, as for any endpoint: the owner's key id is still read from the item.
    const stranger = await w.sellerCredential(`sel_${ulid()}`);
    const theirs = (await graphql(api, LOG, { key: stranger.secret, variables: { e: endpoint.endpointId } })).body;
    expect(theirs.data.webhookDeliveries.edges).toEqual([]);

    const input = { endpointId: endpoint.endpointId, eventId: event.eventId };
    const asked = (await graphql(api, REDELIVER, { key: owner.secret, variables: { input } })).body;
    expect(asked.errors).toBeUndefined();
    expect(asked.data.redeliverWebhookEvent).toEqual({
      delivery: null,
      userErrors: [{ code: "INVALID_TRANSITION", field: ["input", "endpointId"] }],
    });
    expect(await w.deliveries()).toHaveLength(1);
  });

  it("names who asked for a redelivery by key id to its own side and operators, by side to the others", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const operator = await w.operatorCredential();
    const { endpoint } = await w.register({ sellerId: seller, path: "/who", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    const redeliver = async (key: string, sellerId: string | null) => {
      const input = { sellerId, endpointId: endpoint.endpointId, eventId: event.eventId };
      const body = (await graphql(api, WHO, { key, variables: { input } })).body;
      expect(body.data.redeliverWebhookEvent.userErrors).toEqual([]);
      await w.retryJob(); // settled: the next redelivery of the event is not refused as waiting
      return body.data.redeliverWebhookEvent.delivery.requestedBy as string;
    };
    /** The `requestedBy` of the endpoint's redeliveries, as this key reads them (sorted). */
    const requesters = async (key: string, s: string | null) => {
      const body = (await graphql(api, WHO_LOG, { key, variables: { s, e: endpoint.endpointId } })).body;
      expect(body.errors).toBeUndefined();
      const nodes: { redelivery: boolean; requestedBy: string | null }[] = body.data.webhookDeliveries.edges.map(
        (e: { node: unknown }) => e.node,
      );
      return nodes
        .filter((n) => n.redelivery)
        .map((n) => n.requestedBy)
        .sort();
    };

    // The operator's redelivery answers the operator its own key id; the seller's names the seller's key.
    expect(await redeliver(operator.secret, seller)).toBe(operator.keyId);
    expect(await redeliver(owner.secret, null)).toBe(owner.keyId);
    expect(await requesters(owner.secret, null)).toEqual([owner.keyId, "side:operator"].sort());
    expect(await requesters(operator.secret, seller)).toEqual([owner.keyId, operator.keyId].sort());

    // A redelivery recorded before the side was kept: its key id to that key and operators, `side:unknown` to others.
    const before = WebhookDeliveriesRepo.newDelivery({
      endpointId: endpoint.endpointId,
      event: WebhookDeliveriesRepo.deliveredEvent(event),
      now: w.now().toISOString(),
      sequence: ulid(w.now().getTime() + 1),
      requestedBy: { keyId: operator.keyId, side: "OPERATOR" },
    });
    const old = { ...before, requestedBySide: null };
    expect(WebhookDeliveriesRepo.toItem(old)).not.toHaveProperty("requestedBySide"); // as such an item is stored
    await WebhookDeliveriesRepo.createIfAbsent(w.db, old);
    expect(await requesters(owner.secret, null)).toEqual([owner.keyId, "side:operator", "side:unknown"].sort());
    expect(await requesters(operator.secret, seller)).toEqual([owner.keyId, operator.keyId, operator.keyId].sort());
  });

  it("redelivers an event to an endpoint at most 10 times: the 11th is LIMIT_REACHED, writing nothing", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/capped", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    const cap = Webhooks.MAX_REDELIVERIES_PER_EVENT;
    expect(cap).toBe(10);
    const input = { endpointId: endpoint.endpointId, eventId: event.eventId };
    const redeliver = async (language = "en") =>
      (
        await graphql(
          api,
          `mutation($input: RedeliverWebhookEventInput!) {
            redeliverWebhookEvent(input: $input) { delivery { id } userErrors { code field message } }
          }`,
          { key: owner.secret, variables: { input }, headers: { "accept-language": language } },
        )
      ).body.data.redeliverWebhookEvent;
    for (let n = 1; n <= cap; n++) {
      expect((await redeliver()).userErrors).toEqual([]);
      await w.retryJob(); // settled: the next one is not refused as waiting
    }
    expect(w.received("/capped")).toHaveLength(1 + cap);

    const refused = await redeliver();
    expect(refused.delivery).toBeNull();
    expect(refused.userErrors).toEqual([
      { code: "LIMIT_REACHED", field: ["input", "eventId"], message: expect.stringContaining("10 times") },
    ]);
    expect(refused.userErrors[0].message).toContain("30 days");
    expect((await redeliver("zh-CN")).userErrors[0].message).toContain("10 次");
    expect(await w.deliveries()).toHaveLength(1 + cap);
    // The check itself reads at most `cap` of the event's deliveries, however many the log holds.
    const counted = countingScans(w);
    const state = await WebhookDeliveriesRepo.redeliveryState(counted.db, {
      endpointId: endpoint.endpointId,
      event: WebhookDeliveriesRepo.deliveredEvent(event),
      now: w.now().toISOString(),
      cap,
    });
    expect(state).toEqual({ waiting: false, redeliveries: cap });
    expect(counted.scanned()).toBe(cap);
    // Another event of the same object is another event: its own cap.
    const next = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });
    await w.pump();
    const other = { input: { ...input, eventId: next.eventId } };
    const otherAnswer = await graphql(api, REDELIVER, { key: owner.secret, variables: other });
    expect(otherAnswer.body.data.redeliverWebhookEvent.userErrors).toEqual([]);

    // What this bounds: a read of an (endpoint, object) group from its start reads its settled deliveries past
    // (they stay in the log 30 days; a drain reads from the group's settled position instead, group-read.test.ts).
    // Each event of the object now adds at most 1 + 10 of them, so the worst case is 11 × the object's events
    // within 30 days. Here the group holds 13 (version 1's 11, version 2's first and its redelivery, still due)
    // and a Query from the start reads all 13 to find the one that is due.
    const drain = countingScans(w);
    const group = WebhookDeliveriesRepo.groupKey({
      endpointId: endpoint.endpointId,
      objectType: "ORDER",
      objectId: "ord_1",
    });
    expect((await WebhookDeliveriesRepo.unsettledInGroup(drain.db, group)).unsettled).toHaveLength(1);
    expect(drain.scanned()).toBe(1 + cap + 2);
  });
});

describe("redeliveries asked for at the same moment", () => {
  /**
   * `n` requests for one redelivery at once, as a seller's dashboard and its tool, or two workers, send them: each
   * decides before any writes (`meetingAt`), as the requests of one moment can.
   */
  const atOnce = (w: WebhookWorld, secret: string, input: Record<string, unknown>, n: number) => {
    const db = meetingAt(w.db, { command: "TransactWriteItemsCommand", requests: n });
    const api = createGraphqlHandler({ db, clock: () => w.now() });
    return Promise.all(
      Array.from({ length: n }, async (_, i) => {
        // Half with keys of their own, half with none: a key only joins retries of one request.
        const idempotencyKey = i % 2 === 0 ? `worker-${i}-${ulid()}` : null;
        const body = (
          await graphql(api, REDELIVER, { key: secret, variables: { input: { ...input, idempotencyKey } } })
        ).body;
        expect(body.errors).toBeUndefined();
        return body.data.redeliverWebhookEvent as { delivery: { id: string } | null; userErrors: unknown[] };
      }),
    );
  };

  it("make one waiting delivery: the others are refused as the later ones of a row are, writing nothing", async () => {
    world = await webhookWorld();
    const w = world;
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/burst", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();

    const input = { endpointId: endpoint.endpointId, eventId: event.eventId };
    const answers = await atOnce(w, owner.secret, input, 8);
    const made = answers.filter((a) => a.delivery !== null);
    expect(made).toHaveLength(1);
    expect(answers.filter((a) => a.delivery === null).map((a) => a.userErrors)).toEqual(
      Array.from({ length: 7 }, () => [{ code: "LIMIT_REACHED", field: ["input", "eventId"] }]),
    );
    const redeliveries = (await w.deliveries()).filter((d) => d.sequence !== WebhookDeliveriesRepo.FIRST_DELIVERY);
    expect(redeliveries.map((d) => [d.eventId, d.status])).toEqual([[event.eventId, "PENDING"]]);

    await w.retryJob();
    expect(w.received("/burst")).toHaveLength(2);
  });

  it("stop at 10 redeliveries of an event to an endpoint, however many ask for the last one", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/last", ownerKeyId: owner.keyId });
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    const cap = Webhooks.MAX_REDELIVERIES_PER_EVENT;
    const input = { endpointId: endpoint.endpointId, eventId: event.eventId };
    for (let n = 1; n < cap; n++) {
      const body = (await graphql(api, REDELIVER, { key: owner.secret, variables: { input } })).body;
      expect(body.data.redeliverWebhookEvent.userErrors).toEqual([]);
      await w.retryJob(); // settled: the next one is not refused as waiting
    }

    // One place left, and eight ask for it at once.
    const answers = await atOnce(w, owner.secret, input, 8);
    expect(answers.filter((a) => a.delivery !== null)).toHaveLength(1);
    await w.retryJob();
    const redeliveries = (await w.deliveries()).filter((d) => d.sequence !== WebhookDeliveriesRepo.FIRST_DELIVERY);
    expect(redeliveries).toHaveLength(cap);
    expect(w.received("/last")).toHaveLength(1 + cap);
    const refused = (await graphql(api, REDELIVER, { key: owner.secret, variables: { input } })).body;
    expect(refused.data.redeliverWebhookEvent.userErrors).toEqual([
      { code: "LIMIT_REACHED", field: ["input", "eventId"] },
    ]);
  });
});
