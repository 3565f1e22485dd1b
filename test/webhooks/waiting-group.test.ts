import { WebhookDeliveriesRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { instrumented } from "../support/isolated";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * An endpoint that is down holds every (endpoint, object) group behind its head: the deliveries behind a failed head
 * wait as long as it does (docs/webhooks.md). A group longer than one read of it (a case's messages) must wait whole:
 * a delivery left due behind a waiting head costs every retry run (each minute) the group's lease, taken and given
 * back, and a strongly consistent read of the group, only to find the head still waiting.
 */
let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const CASE = { objectType: "CASE" as const, type: "CASE_MESSAGE_POSTED" as const };

describe("a group behind a waiting head", () => {
  it("waits whole, however long: retry runs before the head's time read the due index and nothing else", async () => {
    world = await webhookWorld();
    const w = world;
    const sellerId = `sel_${ulid()}`;
    await w.register({ sellerId, path: "/down", ownerKeyId: await w.sellerKey(sellerId) });
    w.answers.set("/down", () => ({ status: 503 }));
    const versions = 25;
    for (let version = 1; version <= versions; version++)
      await w.writeEvent({ sellerId, objectId: "case_long", version, ...CASE });
    while ((await w.pump()).records > 0);

    const head = (await w.deliveries()).find((d) => d.objectVersion === 1)!;
    expect(head).toMatchObject({ status: "RETRYING", attemptCount: 1 });
    const dueBehindHead = async () => {
      const now = w.now().toISOString();
      return (await w.deliveries()).filter(
        (d) => d.objectVersion > 1 && d.nextAttemptAt !== null && d.nextAttemptAt <= now,
      ).length;
    };

    // Two retry runs 20 s apart, before the head's time: nothing of the group is due.
    const runs: { due: number; requests: number }[] = [];
    for (let run = 1; run <= 2; run++) {
      w.advance(20_000);
      const due = await dueBehindHead();
      const counted = instrumented(w.db);
      const report = await w.retryJob({ db: counted.db });
      expect(report).toMatchObject({ delivered: 0, failed: 0 });
      runs.push({ due, requests: counted.log.count() });
    }
    // Each run: one Query of each shard of the due index; no lease taken and given back, no group read. (Before, 15
    // deliveries stayed due in each run: 11 requests a run, the lease's two writes and a group read among them.)
    const quiet = { due: 0, requests: WebhookDeliveriesRepo.DUE_SHARDS };
    expect(runs).toEqual([quiet, quiet]);

    // At the head's time it is attempted again, fails again, and the whole group waits for its next time.
    w.setNow(new Date(head.nextAttemptAt!));
    const retried = await w.retryJob();
    expect(retried).toMatchObject({ failed: 1, delivered: 0 });
    const after = await w.deliveries();
    const newHead = after.find((d) => d.objectVersion === 1)!;
    expect(newHead.attemptCount).toBe(2);
    expect(after.filter((d) => d.objectVersion > 1).every((d) => d.nextAttemptAt === newHead.nextAttemptAt)).toBe(true);
    w.advance(20_000);
    expect(await dueBehindHead()).toBe(0);
    // Nothing behind the head was sent: the object's order holds.
    expect(w.received("/down").map((r) => r.version)).toEqual([1, 1]);
  });
});
