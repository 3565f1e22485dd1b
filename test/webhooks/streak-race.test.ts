import { Webhooks } from "@seller-ops/core";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { RunStreaks } from "../../packages/functions/src/webhooks/run-streaks";
import { DAY, epochPlus, HOUR } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * One 2xx anywhere resets an endpoint's failing streak (docs/webhooks.md), while other invocations (the stream
 * handler, the retry job, a second retry run) attempt the same endpoint and count failures of their own. Failures and
 * 2xx answers are ordered by when their attempts started, whichever invocation writes first.
 */

const at = (hours: number) => epochPlus(hours).toISOString();
const DISABLE = Webhooks.DEFAULT_DISABLE_POLICY;

/** A streak of `n` failures, one an hour from `fromHours` on, as earlier runs counted them. */
async function failures(db: Db, endpointId: string, n: number, fromHours: number): Promise<Webhooks.FailureStreak> {
  let streak: Webhooks.FailureStreak | null = null;
  for (let i = 0; i < n; i++) {
    const now = at(fromHours + i);
    streak = await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now, attemptId: `g|old|${i}` });
  }
  return streak!;
}

/** The endpoint's stored item as it is, for what a release before this one would read of it. */
async function storedHealth(db: Db, endpointId: string) {
  const key = { pk: `ENDPOINT#${endpointId}`, sk: "HEALTH" };
  return (await db.doc.send(new GetCommand({ TableName: db.tables.WebhookDeliveries, Key: key }))).Item ?? null;
}

describe("the failing streak, written by invocations that race", () => {
  it("a 2xx deletes the streak: a healthy endpoint has no item (what the release before can read)", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await failures(db, endpointId, 3, 0);
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(10) });
    expect(await storedHealth(db, endpointId)).toBeNull();
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
    // One that started after the 2xx starts a new streak.
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(11), attemptId: "g|next|1" });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual({ failedAttempts: 1, failingSince: at(11) });
  });

  it("a 2xx written after a later attempt's failure was counted keeps that failure, and only it", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    // Failing for a day and more: 9 failures from 0 h to 28 h (an hour apart from 25 h on).
    await failures(db, endpointId, 5, 0);
    await failures(db, endpointId, 4, 25);
    // A 2xx to an attempt started at 29 h, written late: another invocation counted a failure started at 30 h first.
    const tenth = await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(30), attemptId: "g|new|1" });
    expect(tenth.failedAttempts).toBe(10);
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(29) });
    // The 9 before the 2xx are gone; the one after it is the new streak, failing since its attempt.
    const streak = await WebhookDeliveriesRepo.streakOf(db, endpointId);
    expect(streak).toEqual({ failedAttempts: 1, failingSince: at(30) });
    expect(Webhooks.shouldDisable({ streak: streak!, now: at(31), policy: DISABLE })).toBe(false);
    // A tie (the 2xx's attempt started in the same millisecond as the failure's) never erases the failure either.
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(30) });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual(streak);
  });

  it("an older 2xx written after a newer one and a failure does not erase the failure", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await failures(db, endpointId, 2, 0);
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(5) });
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(6), attemptId: "g|after|1" });
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(4) });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual({ failedAttempts: 1, failingSince: at(6) });
  });

  it("reads an item without a count, as a later release may keep past a 2xx, as no streak", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    const item = { pk: `ENDPOINT#${endpointId}`, sk: "HEALTH", endpointId, shape: 1, lastFailedAt: at(1) };
    await db.doc.send(new PutCommand({ TableName: db.tables.WebhookDeliveries, Item: item }));
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
  });

  it("a run writes its latest started 2xx at its end, not the one answered last", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await failures(db, endpointId, 3, 0);
    const run = new RunStreaks(db);
    await run.succeeded(endpointId, at(3));
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
    // Two more 2xx in the run: one started at 5 h answers first, a slow one started at 4 h answers after it.
    await run.succeeded(endpointId, at(5));
    await run.succeeded(endpointId, at(4));
    // Meanwhile another invocation counts a failure started at 4.5 h: before the run's latest 2xx.
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(4.5), attemptId: "other|1|1" });
    await run.finish();
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
  });
});

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe("a retry run's 2xx while another invocation fails the same endpoint", () => {
  it("ends the stored streak at the run's first 2xx, and keeps the failure counted after it", async () => {
    world = await webhookWorld();
    const w = world;
    const seller = `sel_${ulid()}`;
    const { endpoint } = await w.register({ sellerId: seller, path: "/flaky", ownerKeyId: await w.sellerKey(seller) });
    // Failing for more than a day: 9 failures, one more would switch it off.
    const start = w.now().getTime();
    for (let i = 0; i < 9; i++) {
      const now = new Date(start + i * 3 * HOUR).toISOString();
      await WebhookDeliveriesRepo.recordFailure(w.db, {
        endpointId: endpoint.endpointId,
        now,
        attemptId: `g|old|${i}`,
      });
    }
    w.setNow(new Date(start + DAY + HOUR));
    // Two versions of one order: one group, which the retry run attempts in order (the stream leaves it, failing).
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    w.advance(1);
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });
    expect((await w.pump()).report).toMatchObject({ delivered: 0, groupsOfFailingEndpoints: 1 });

    // While version 2's attempt is under way (the receiver answers once this is done), another invocation's attempt,
    // started a second later, fails and is counted.
    let during: Promise<{ stored: Webhooks.FailureStreak | null; counted: Webhooks.FailureStreak }> | null = null;
    w.answers.set("/flaky", (_n, event) => {
      // Version 2's attempt starts a millisecond after version 1's: the run's end has its own 2xx to write.
      w.advance(1);
      if (event?.object.version !== 2) return { status: 204 };
      during = (async () => {
        const stored = await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId);
        w.advance(1000);
        const counted = await WebhookDeliveriesRepo.recordFailure(w.db, {
          endpointId: endpoint.endpointId,
          now: w.now().toISOString(),
          attemptId: "other|1|1",
        });
        return { stored, counted };
      })();
      return { status: 204, after: during };
    });
    // A loaded machine may take a while for the two writes the answer waits for: no timeout here.
    const report = await w.retryJob({ limits: { connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 } });
    expect(report).toMatchObject({ delivered: 2, endpointsDisabled: 0 });
    const seen = await during!;
    // Version 1's 2xx ended the day-long streak before version 2 was sent.
    expect(seen.stored).toBeNull();
    // So the other invocation's failure starts a new streak: 1, not a tenth failure over a day (a switch-off).
    expect(seen.counted).toEqual({ failedAttempts: 1, failingSince: w.now().toISOString() });
    expect(Webhooks.shouldDisable({ streak: seen.counted, now: w.now().toISOString(), policy: DISABLE })).toBe(false);
    // The run's end wrote version 2's 2xx, which started before that failure: the failure is still counted.
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toEqual(seen.counted);
    expect((await w.endpoint(endpoint))!.status).toBe("ENABLED");
  });
});
