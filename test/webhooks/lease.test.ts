import { createLogger } from "@seller-ops/api";
import { Webhooks } from "@seller-ops/core";
import { AWS_CALL_MAX_MS, WebhookDeliveriesRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_LEASE_MS,
  DispatchRun,
  LEASE_ATTEMPT_MARGIN_MS,
  type DispatcherDeps,
} from "../../packages/functions/src/webhooks/dispatch";
import { DEFAULT_DELIVERY_LIMITS } from "../../packages/functions/src/webhooks/deliver";
import { TEST_KEYRING, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * A group's lease keeps two dispatchers from interleaving one object's deliveries. A dispatcher
 * that lost it mid-attempt (a pause longer than the lease: a slow DynamoDB write, a frozen
 * container) learns so when recording its attempt fails, and must then leave the group alone.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** One object's deliveries, one per version, to a new endpoint of a new seller at `path`: their group. */
async function queuedGroup(w: WebhookWorld, path: string, versions: number[]): Promise<string> {
  const seller = `sel_${ulid()}`;
  const { endpoint } = await w.register({ sellerId: seller, path, ownerKeyId: await w.sellerKey(seller) });
  let group = "";
  for (const version of versions) {
    const event = await w.writeEvent({ sellerId: seller, objectId: "ord_1", version });
    const delivery = WebhookDeliveriesRepo.newDelivery({
      endpointId: endpoint.endpointId,
      event: WebhookDeliveriesRepo.deliveredEvent(event),
      now: w.now().toISOString(),
    });
    await WebhookDeliveriesRepo.createIfAbsent(w.db, delivery);
    group = delivery.group;
  }
  return group;
}

const loopback = async () => [{ address: "127.0.0.1", family: 4 }];

/** A dispatcher named `owner` on the default lease, delivering to the local receiver. */
function dispatcherDeps(
  w: WebhookWorld,
  run: Pick<DispatcherDeps, "owner" | "clock"> & Partial<Pick<DispatcherDeps, "db" | "resolve" | "limits" | "logger">>,
): DispatcherDeps {
  return {
    db: w.db,
    keyring: TEST_KEYRING,
    allowLocalEndpoints: true,
    retryPolicy: Webhooks.DEFAULT_RETRY_POLICY,
    disablePolicy: Webhooks.DEFAULT_DISABLE_POLICY,
    leaseMs: DEFAULT_LEASE_MS,
    random: () => 0.5,
    newEventId: (ms) => ulid(ms),
    logger: createLogger({}, () => {}),
    resolve: loopback,
    ...run,
  };
}

describe("a dispatcher whose group lease lapsed mid-attempt", () => {
  it("stops draining the group once recording its attempt loses: nothing is sent out of order", async () => {
    world = await webhookWorld();
    const w = world;
    const group = await queuedGroup(w, "/orders", [1, 2, 3, 4]);
    // Roomy: A's lookup waits for B's whole drain, which must end within A's connect limit.
    const limits = { connectTimeoutMs: 10_000, responseTimeoutMs: 10_000 };
    // B (the retry job) runs past A's lease: its clock is a lease and a minute ahead.
    const later = () => new Date(w.now().getTime() + DEFAULT_LEASE_MS + 60_000);
    const b = new DispatchRun(dispatcherDeps(w, { owner: "B", clock: later, limits }));
    let paused = false;
    // A pauses inside its first attempt, long enough for its lease to lapse and B to drain the group.
    const pausedOnce = async () => {
      if (!paused) {
        paused = true;
        await b.drainGroup(group);
      }
      return loopback();
    };
    const a = new DispatchRun(dispatcherDeps(w, { owner: "A", clock: () => w.now(), limits, resolve: pausedOnce }));

    await a.drainGroup(group);

    // B sent all four in order; A's first attempt went out too (at least once), and nothing after it.
    expect(w.received("/orders").map((r) => r.version)).toEqual([1, 2, 3, 4, 1]);
    expect(a.counts).toMatchObject({ leasesLost: 1, delivered: 0 });
    expect(b.counts).toMatchObject({ delivered: 4 });
    const stored = await w.deliveries();
    expect(stored.map((d) => [d.objectVersion, d.status, d.attemptCount])).toEqual([
      [1, "DELIVERED", 1],
      [2, "DELIVERED", 1],
      [3, "DELIVERED", 1],
      [4, "DELIVERED", 1],
    ]);
  });
});

describe("a dispatcher whose reads before an attempt used up the lease's room", () => {
  it("sends and records nothing: the next drain finds the group whole and sends it in order", async () => {
    world = await webhookWorld();
    const w = world;
    const group = await queuedGroup(w, "/slow", [1, 2]);
    // DynamoDB is slow: the endpoint's read right before the attempt takes most of the lease (acquired with all of
    // it, checked with room for an attempt before the reads), leaving less than an attempt needs.
    let elapsedMs = 0;
    const clock = () => new Date(w.now().getTime() + elapsedMs);
    const slowEndpointRead = {
      ...w.db,
      doc: {
        send: (command: { constructor: { name: string }; input: { TableName?: string } }, ...rest: unknown[]) => {
          if (command.constructor.name === "GetCommand" && command.input.TableName === w.db.tables.WebhookEndpoints)
            elapsedMs += DEFAULT_LEASE_MS - LEASE_ATTEMPT_MARGIN_MS + 1;
          return (w.db.doc.send as (...args: unknown[]) => unknown)(command, ...rest);
        },
      },
    } as unknown as DispatcherDeps["db"];
    const logLines: string[] = [];
    const logger = createLogger({}, (line) => logLines.push(line));
    const slow = new DispatchRun(dispatcherDeps(w, { owner: "A", clock, db: slowEndpointRead, logger }));
    await slow.drainGroup(group);

    expect(w.received("/slow")).toEqual([]);
    expect(slow.counts).toMatchObject({ delivered: 0, failed: 0, gaveUp: 0, leasesLost: 0, leasesRanShort: 1 });
    expect(logLines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        message: "webhook group lease ran short before an attempt: nothing sent",
      }),
    );
    expect((await w.deliveries()).map((d) => [d.objectVersion, d.status, d.attemptCount])).toEqual([
      [1, "PENDING", 0],
      [2, "PENDING", 0],
    ]);

    // The lease was given back: the next drain, at once, sends both in order.
    const next = new DispatchRun(dispatcherDeps(w, { owner: "B", clock }));
    await next.drainGroup(group);
    expect(w.received("/slow").map((r) => r.version)).toEqual([1, 2]);
    expect(next.counts).toMatchObject({ delivered: 2, busyGroups: 0 });
  });
});

describe("an attempt started with only the margin left of its group's lease", () => {
  it("ends, answer and record at their slowest, within the lease: no other dispatcher takes the group", async () => {
    world = await webhookWorld();
    const w = world;
    const group = await queuedGroup(w, "/edge", [1]);
    let elapsedMs = 0;
    const clock = () => new Date(w.now().getTime() + elapsedMs);
    // The receiver answers at the attempt's limit.
    w.answers.set("/edge", () => {
      elapsedMs += DEFAULT_DELIVERY_LIMITS.responseTimeoutMs;
      return { status: 204 };
    });
    let takenMeanwhile: unknown = "not tried";
    type Sent = { constructor: { name: string }; input: { TableName?: string; Item?: Record<string, unknown> } };
    const slowAtTheEdge = {
      ...w.db,
      doc: {
        send: async (command: Sent, ...rest: unknown[]) => {
          const send = () => (w.db.doc.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
          const { TableName, Item } = command.input;
          // The endpoint's read right before the attempt leaves exactly the margin of the lease.
          if (command.constructor.name === "GetCommand" && TableName === w.db.tables.WebhookEndpoints)
            elapsedMs = DEFAULT_LEASE_MS - LEASE_ATTEMPT_MARGIN_MS;
          const recordsAttempt =
            command.constructor.name === "PutCommand" &&
            TableName === w.db.tables.WebhookDeliveries &&
            String(Item?.sk).startsWith("DELIVERY#") &&
            Item?.attemptCount === 1;
          if (!recordsAttempt) return send();
          // The write that records the attempt lands at its slowest (three timed tries); another dispatcher then
          // tries to take the group.
          elapsedMs += AWS_CALL_MAX_MS;
          const result = await send();
          takenMeanwhile = await WebhookDeliveriesRepo.acquireLease(w.db, {
            group,
            owner: "B",
            now: clock().toISOString(),
            leaseMs: DEFAULT_LEASE_MS,
            readFrom: null,
          });
          return result;
        },
      },
    } as unknown as DispatcherDeps["db"];

    const a = new DispatchRun(dispatcherDeps(w, { owner: "A", clock, db: slowAtTheEdge }));
    await a.drainGroup(group);

    expect(w.received("/edge")).toHaveLength(1);
    expect(a.counts).toMatchObject({ delivered: 1, leasesRanShort: 0, leasesLost: 0 });
    expect(takenMeanwhile).toBeNull();
  });
});
