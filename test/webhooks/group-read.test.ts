import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
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
