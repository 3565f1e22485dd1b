import { WebhookDeliveriesRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { DAY } from "../support/clock";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * One 2xx anywhere resets an endpoint's failing streak (docs/webhooks.md), also when it comes earlier in the same
 * run as the next failure: that failure starts a new streak, as it would after the stored reset, and keeps it.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const sellerId = () => `sel_${ulid()}`;

describe("a 2xx, then a failure, in one run", () => {
  it("retry job: back from a day's outage, it answers 2xx, then refuses one event: not switched off", async () => {
    world = await webhookWorld();
    const w = world;
    const seller = sellerId();
    const { endpoint } = await w.register({ sellerId: seller, path: "/back", ownerKeyId: await w.sellerKey(seller) });
    let down = true;
    // Down, every attempt fails; back up, it answers 204 but refuses version 2 of ord_1 (a 400 for that one event).
    w.answers.set("/back", (_n, event) =>
      down ? { status: 503 } : event?.object.version === 2 ? { status: 400 } : { status: 204 },
    );
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    const started = w.now().getTime();
    // 9 failed attempts over more than a day: one more failure would switch it off.
    for (;;) {
      const streak = await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId);
      if (streak && streak.failedAttempts >= 9 && w.now().getTime() - started >= DAY) break;
      const pending = (await w.deliveries()).find((d) => d.status !== "DELIVERED")!;
      w.setNow(new Date(pending.nextAttemptAt!));
      await w.retryJob();
    }
    expect((await w.endpoint(endpoint))!.status).toBe("ENABLED");

    // Repaired; the order's next version waits behind version 1, so one retry run sends both, in order.
    down = false;
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });
    await w.pump();
    const head = (await w.deliveries()).find((d) => d.objectVersion === 1)!;
    w.setNow(new Date(head.nextAttemptAt!));
    const report = await w.retryJob();
    expect(
      w
        .received("/back")
        .slice(-2)
        .map((r) => [r.version, r.status]),
    ).toEqual([
      [1, 204],
      [2, 400],
    ]);
    expect(report).toMatchObject({ delivered: 1, failed: 1, endpointsDisabled: 0 });
    expect((await w.endpoint(endpoint))!.status).toBe("ENABLED");
    // The 204 ended the old streak; the 400 after it is the first of a new one, kept after the run.
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toEqual({
      failedAttempts: 1,
      failingSince: w.now().toISOString(),
    });
  });

  it("stream: a 2xx, then a failure in the same batch, leaves the endpoint failing for the next batch", async () => {
    world = await webhookWorld();
    const w = world;
    const seller = sellerId();
    const { endpoint } = await w.register({ sellerId: seller, path: "/picky", ownerKeyId: await w.sellerKey(seller) });
    w.answers.set("/picky", (_n, event) => (event?.object.version === 2 ? { status: 400 } : { status: 204 }));
    // One object's two versions: one group, attempted one after the other in the batch.
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    w.advance(1);
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });
    expect((await w.pump()).report).toMatchObject({ delivered: 1, failed: 1 });
    expect(w.received("/picky").map((r) => [r.version, r.status])).toEqual([
      [1, 204],
      [2, 400],
    ]);
    // Its last attempt failed: it has a streak of one, so the next batch leaves it to the retry job.
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 1 });
    await w.writeEvent({ sellerId: seller, objectId: "ord_2", version: 1 });
    expect((await w.pump()).report).toMatchObject({ delivered: 0, groupsOfFailingEndpoints: 1 });
  });
});
