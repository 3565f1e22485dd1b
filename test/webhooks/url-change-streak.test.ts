import { configFromEnv } from "@seller-ops/api";
import { WebhookDeliveriesRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * An owner moves an endpoint to a new receiver (updateWebhookEndpoint with a new `url`): the old
 * receiver's failures must not count against the new one, or its first failure (a blip) switches it off.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const UPDATE =
  "mutation($i: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $i) { " +
  "webhookEndpoint { url status version } userErrors { code } } }";

/** An endpoint whose receiver failed 9 times over more than a day: one failure short of being switched off. */
async function failingEndpoint(w: WebhookWorld) {
  const api = createGraphqlHandler({
    db: w.db,
    clock: () => w.now(),
    config: configFromEnv({ WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true", METRICS_DISABLED: "true" }),
  });
  const seller = `sel_${ulid()}`;
  const owner = await w.sellerCredential(seller);
  const { endpoint } = await w.register({ sellerId: seller, path: "/old-host", ownerKeyId: owner.keyId });
  w.answers.set("/old-host", () => ({ status: 503 }));
  await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
  await w.pump();
  for (let i = 1; i < 9; i++) {
    const [waiting] = await w.deliveries();
    w.setNow(new Date(waiting!.nextAttemptAt!));
    await w.retryJob();
  }
  expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 9 });
  const update = async (input: Record<string, unknown>) =>
    (await graphql(api, UPDATE, { key: owner.secret, variables: { i: { endpointId: endpoint.endpointId, ...input } } }))
      .body.data.updateWebhookEndpoint;
  return { seller, endpoint, update };
}

describe("moving an endpoint to a new URL", () => {
  it("drops the old receiver's failing streak: the new one's first failure does not switch it off", async () => {
    world = await webhookWorld();
    const w = world;
    const { seller, endpoint, update } = await failingEndpoint(w);

    const newUrl = w.receiver.url("/new-host");
    const moved = await update({ url: newUrl, idempotencyKey: "move-to-new-host-1" });
    expect(moved).toEqual({ webhookEndpoint: { url: newUrl, status: "ENABLED", version: 2 }, userErrors: [] });
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toBeNull();
    // A retry with the key answers the same and changes nothing more.
    expect(await update({ url: newUrl, idempotencyKey: "move-to-new-host-1" })).toEqual(moved);
    expect(await w.endpoint(endpoint)).toMatchObject({ version: 2, url: newUrl });

    // The new receiver fails its very first attempt (a deploy blip), then works.
    let calls = 0;
    w.answers.set("/new-host", () => ({ status: ++calls === 1 ? 503 : 204 }));
    await w.writeEvent({ sellerId: seller, objectId: "ord_2", version: 1 });
    await w.pump();
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "ENABLED", disabledReason: null });
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 1 });
    w.advance(60_000);
    await w.retryJob();
    expect(w.received("/new-host").map((r) => r.status)).toEqual([503, 204]);
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "ENABLED" });
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toBeNull();
  });

  it("keeps the streak when the URL stays (event types changed, or the same URL sent again)", async () => {
    world = await webhookWorld();
    const w = world;
    const { endpoint, update } = await failingEndpoint(w);
    const before = await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId);

    expect((await update({ eventTypes: ["ORDER_SHIPPED"], idempotencyKey: "types-only-1" })).userErrors).toEqual([]);
    expect((await update({ url: endpoint.url })).userErrors).toEqual([]);
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toEqual(before);
  });
});
