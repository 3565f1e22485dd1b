import { createLogger } from "@seller-ops/api/src/log";
import { Webhooks } from "@seller-ops/core";
import { createDocumentClient, WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { runWebhookRetryJob } from "@seller-ops/functions/src/jobs/webhook-retries";
import { SAFETY_MARGIN_MS } from "@seller-ops/functions/src/jobs/sweep";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { DEFAULT_LEASE_MS, LEASE_ATTEMPT_MARGIN_MS } from "@seller-ops/functions/src/webhooks/dispatch";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { TEST_KEYRING, TEST_LIMITS, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * The retry job is one queue for every seller. An endpoint with many due deliveries (a backlog, or a
 * flood of redeliveries) and a slow receiver must not take every lane of a run: each seller (scope) gets
 * a share of the run's attempt time, whatever its number of endpoints, and an event has at most one waiting
 * delivery per endpoint.
 */
let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function due(w: WebhookWorld, endpointId: string, sellerId: string, objectId: string) {
  const event = await w.writeEvent({ sellerId, objectId, version: 1 });
  const delivery = WebhookDeliveriesRepo.newDelivery({
    endpointId,
    event: WebhookDeliveriesRepo.deliveredEvent(event),
    now: w.now().toISOString(),
  });
  await WebhookDeliveriesRepo.createIfAbsent(w.db, delivery);
  return event;
}

describe("one seller's share of a retry run", () => {
  it("a slow endpoint with many due groups takes its share, the others are served, and its rest waits", async () => {
    world = await webhookWorld();
    const w = world;
    const busy = `sel_${ulid()}`;
    const slow = await w.register({ sellerId: busy, path: "/slow", ownerKeyId: await w.sellerKey(busy) });
    // Slow against its share (500 ms a run), never against the time limit: on a loaded machine an answer 100 ms
    // under the limit timed out now and then, and the test counted deliveries that were still to be retried.
    const limits = { ...TEST_LIMITS, responseTimeoutMs: 2_000 };
    w.answers.set("/slow", () => ({ status: 204, delayMs: 300 }));
    for (let i = 0; i < 24; i++) await due(w, slow.endpoint.endpointId, busy, `ord_${i}`);
    const other = `sel_${ulid()}`;
    const fine = await w.register({ sellerId: other, path: "/fine", ownerKeyId: await w.sellerKey(other) });
    await due(w, fine.endpoint.endpointId, other, "ord_other");
    w.advance(60_000);

    const leases = { taken: 0 };
    const first = await w.retryJob({ scopeShareMs: 500, limits, db: countingLeases(w.db, leases) });
    expect(w.received("/fine")).toHaveLength(1);
    const sentFirst = w.received("/slow").length;
    // At most the attempts under way when its share ran out (one per lane), never the whole backlog.
    expect(sentFirst).toBeLessThanOrEqual(16);
    expect(first.groupsOverShare).toBe(24 - sentFirst);
    // The groups passed over cost no lease: one per group attempted, the busy endpoint's and the other one.
    expect(leases.taken).toBe(sentFirst + 1);

    // Nothing is lost: later runs send the rest, each within the endpoint's share, and each sends at least one.
    for (let run = 0; run < 24 && w.received("/slow").length < 24; run++) {
      const before = w.received("/slow").length;
      w.advance(60_000);
      await w.retryJob({ scopeShareMs: 500, limits });
      expect(w.received("/slow").length).toBeGreaterThan(before);
    }
    expect(new Set(w.received("/slow").map((r) => r.eventId)).size).toBe(24);
  });
});

describe("a seller with several endpoints", () => {
  // Scaled: each hanging attempt lasts the 400 ms limit (10 s in production), the share is 2 s (150 s).
  const limits = { connectTimeoutMs: 500, responseTimeoutMs: 400 };
  const scopeShareMs = 2_000;

  it("a seller whose endpoints all hang takes one share of the run, not one per endpoint", async () => {
    world = await webhookWorld();
    const w = world;
    const busy = `sel_${ulid()}`;
    const key = await w.sellerKey(busy);
    let busyAttempts = 0;
    for (let e = 0; e < 4; e++) {
      const { endpoint } = await w.register({ sellerId: busy, path: `/hangs-${e}`, ownerKeyId: key });
      w.answers.set(`/hangs-${e}`, () => {
        busyAttempts++;
        return { status: 204, delayMs: 5_000 };
      });
      for (let i = 0; i < 8; i++) await due(w, endpoint.endpointId, busy, `ord_${e}_${i}`);
    }
    const other = `sel_${ulid()}`;
    const fine = await w.register({ sellerId: other, path: "/fine", ownerKeyId: await w.sellerKey(other) });
    await due(w, fine.endpoint.endpointId, other, "ord_other");
    w.advance(60_000);

    const report = await w.retryJob({ scopeShareMs, limits });
    expect(w.received("/fine")).toHaveLength(1);
    // An attempt starts only while fewer than 5 have ended (5 x 400 ms is the share), and at most 8 are under way:
    // 12 at most, across the seller's 4 endpoints. A share per endpoint let each of them take that many, so all 32.
    expect(busyAttempts).toBeGreaterThanOrEqual(1);
    expect(busyAttempts).toBeLessThanOrEqual(12);
    expect(report).toMatchObject({ failed: busyAttempts, groupsOverShare: 32 - busyAttempts });
  });
});

describe("the share applies to retry runs only", () => {
  it("the stream serves a healthy endpoint's whole burst, whatever the share", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    await w.register({ sellerId, path: "/busy", ownerKeyId: await w.sellerKey(sellerId) });
    w.answers.set("/busy", () => ({ status: 204, delayMs: 100 }));
    for (let i = 0; i < 20; i++) await w.writeEvent({ sellerId, objectId: `ord_${i}`, version: 1 });
    await w.pump({ scopeShareMs: 150 });
    expect(w.received("/busy")).toHaveLength(20);
  });

  it("a retry run that left groups unattempted for lack of time says it stopped early", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    const { endpoint } = await w.register({ sellerId, path: "/late", ownerKeyId: await w.sellerKey(sellerId) });
    await due(w, endpoint.endpointId, sellerId, "ord_1");
    w.advance(60_000);
    const leases = { taken: 0 };
    const deps = {
      db: countingLeases(w.db, leases),
      clock: () => w.now(),
      keyring: TEST_KEYRING,
      allowLocalEndpoints: true,
      retryPolicy: Webhooks.DEFAULT_RETRY_POLICY,
      disablePolicy: Webhooks.DEFAULT_DISABLE_POLICY,
      leaseMs: 30_000,
      random: () => 0.5,
      owner: "late-run",
      newEventId: (ms: number) => ulid(ms),
      logger: createLogger({}, () => undefined),
      limits: TEST_LIMITS,
    };
    // Time enough when the sweep takes the group (past its margin), 12 s of the Lambda's time left once its lease is
    // taken: inside the dispatcher's 35 s deadline margin (DEADLINE_MARGIN_MS), so the drain attempts nothing.
    const report = await runWebhookRetryJob(deps, () => (leases.taken === 0 ? SAFETY_MARGIN_MS + 1_000 : 12_000));
    expect(report).toMatchObject({ delivered: 0, groupsLeftForRetry: 1, stoppedEarly: true, unfinishedShards: [] });
  });
});

describe("a long group's turn", () => {
  it("ends at the lease's window without counting as work left behind for lack of time", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    const { endpoint } = await w.register({ sellerId, path: "/steady", ownerKeyId: await w.sellerKey(sellerId) });
    // Each answer takes 5 s on the run's clock: attempts start at 0, 5, 10… s while the lease has its margin left
    // (45 s and 23 s: five of them), fewer than the group's six.
    const turn = Math.floor((DEFAULT_LEASE_MS - LEASE_ATTEMPT_MARGIN_MS) / 5_000) + 1;
    expect(turn).toBeLessThan(6);
    w.answers.set("/steady", () => {
      w.advance(5_000);
      return { status: 204 };
    });
    for (let version = 1; version <= 6; version++) {
      const event = await w.writeEvent({ sellerId, objectId: "ord_1", version });
      const delivery = WebhookDeliveriesRepo.newDelivery({
        endpointId: endpoint.endpointId,
        event: WebhookDeliveriesRepo.deliveredEvent(event),
        now: w.now().toISOString(),
      });
      await WebhookDeliveriesRepo.createIfAbsent(w.db, delivery);
    }
    w.advance(60_000);
    const report = await w.retryJob();
    expect(report).toMatchObject({ delivered: turn, groupsLeftForRetry: 0, stoppedEarly: false });
  });
});

describe("redeliverWebhookEvent", () => {
  it("refuses a second delivery of an event while one waits, and sends it again once that one settled", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    const credential = await w.sellerCredential(sellerId);
    const { endpoint } = await w.register({ sellerId, path: "/hook", ownerKeyId: credential.keyId });
    const event = await w.writeEvent({ sellerId, objectId: "ord_1", version: 1 });
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const redeliver = (times: number) =>
      graphql(
        api,
        `mutation { ${Array.from(
          { length: times },
          (_, i) =>
            `r${i}: redeliverWebhookEvent(input: { endpointId: "${endpoint.endpointId}", ` +
            `eventId: "${event.eventId}" }) { delivery { id } userErrors { code field } }`,
        ).join("\n")} }`,
        { key: credential.secret },
      );

    // Fifteen aliases of the same event in one request: one delivery, fourteen refusals.
    const flood = await redeliver(15);
    const answers = Object.values(flood.body.data) as { delivery: unknown; userErrors: { code: string }[] }[];
    expect(answers.filter((a) => a.delivery)).toHaveLength(1);
    expect(answers.filter((a) => a.userErrors[0]?.code === "LIMIT_REACHED")).toHaveLength(14);
    // A later request, while it waits: refused too.
    expect((await redeliver(1)).body.data.r0.userErrors).toEqual([
      { code: "LIMIT_REACHED", field: ["input", "eventId"] },
    ]);
    expect(await w.deliveries()).toHaveLength(1);

    // Once it is delivered, the event can be sent again.
    w.advance(60_000);
    await w.retryJob();
    expect(w.received("/hook")).toHaveLength(1);
    expect((await redeliver(1)).body.data.r0.userErrors).toEqual([]);
    expect(await w.deliveries()).toHaveLength(2);
  });
});

/** The client of `db` counting the group leases taken (the conditional update naming a `LEASE` item's owner). */
function countingLeases(db: Db, leases: { taken: number }): Db {
  const doc = createDocumentClient();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: { Key?: Record<string, unknown>; UpdateExpression?: string } }).input;
      const taking = input.Key?.sk === "LEASE" && input.UpdateExpression?.includes("leaseOwner = :owner");
      if (context.commandName === "UpdateItemCommand" && taking) leases.taken++;
      return next(args);
    },
    { step: "initialize", name: "countLeases" },
  );
  return { doc, tables: db.tables };
}
