import { Webhooks } from "@seller-ops/core";
import { WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
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

describe("the failing streak, written by invocations that race", () => {
  it("a failure of an attempt started before a recorded 2xx does not count (slow, recorded late)", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await failures(db, endpointId, 3, 0);
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(10) });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
    // Its attempt started at 9 h and timed out; another invocation's 2xx, started at 10 h, was written first.
    const late = await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(9), attemptId: "g|slow|1" });
    expect(late.failedAttempts).toBe(0);
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
    // One that started after the 2xx starts a new streak.
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(11), attemptId: "g|next|1" });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual({ failedAttempts: 1, failingSince: at(11) });
  });

  it("a 2xx written after a later attempt's failure was counted keeps that failure, and only it", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    // Failing for a day and more: 9 failures from 0 h to 28 h (an hour apart from 20 h on).
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
  });

  it("an older 2xx written after a newer one changes nothing", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await failures(db, endpointId, 2, 0);
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(5) });
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(6), attemptId: "g|after|1" });
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(4) });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual({ failedAttempts: 1, failingSince: at(6) });
  });

  it("a 2xx to an endpoint with no streak writes nothing", async () => {
    const db = await isolatedTables("streak-race");
    const endpointId = `whe_${ulid()}`;
    await WebhookDeliveriesRepo.recordSuccess(db, { endpointId, at: at(1) });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toBeNull();
    await WebhookDeliveriesRepo.recordFailure(db, { endpointId, now: at(0), attemptId: "g|before|1" });
    expect(await WebhookDeliveriesRepo.streakOf(db, endpointId)).toEqual({ failedAttempts: 1, failingSince: at(0) });
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

    // While version 2's attempt is under way (its answer takes 100 ms), another invocation's attempt, started a
    // second later, fails and is counted.
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
      return { status: 204, delayMs: 100 };
    });
    const report = await w.retryJob();
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
