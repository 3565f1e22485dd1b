import { createGraphqlHandler } from "@seller-ops/functions";
import { WebhookDeliveriesRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY } from "../support/clock";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * An owner enables an endpoint once its receiver works again: the failures from before must not
 * count against it, or the first failure after (a blip) switches it off again at once.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe("enabling an endpoint again", () => {
  it("drops its failing streak: one failure afterwards does not switch it off", async () => {
    world = await webhookWorld();
    const w = world;
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/erp", ownerKeyId: owner.keyId });
    let down = true;
    w.answers.set("/erp", () => ({ status: down ? 503 : 204 }));
    const switchTo = async (verb: "disable" | "enable") => {
      const type = verb === "disable" ? "DisableWebhookEndpointInput" : "EnableWebhookEndpointInput";
      const response = await graphql(
        api,
        `mutation($i: ${type}!) { ${verb}WebhookEndpoint(input: $i) { ` +
          "webhookEndpoint { status } userErrors { code } } }",
        { key: owner.secret, variables: { i: { endpointId: endpoint.endpointId } } },
      );
      return response.body.data[`${verb}WebhookEndpoint`];
    };

    // The receiver breaks: an event's delivery fails 9 times over more than a day (one short of switching it off).
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    for (let i = 1; i < 9; i++) {
      const [waiting] = await w.deliveries();
      w.setNow(new Date(waiting!.nextAttemptAt!));
      await w.retryJob();
    }
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 9 });
    expect((await switchTo("disable")).webhookEndpoint.status).toBe("DISABLED");
    w.advance(3 * DAY);
    down = false;
    expect(await switchTo("enable")).toEqual({ webhookEndpoint: { status: "ENABLED" }, userErrors: [] });
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toBeNull();

    // A blip at the receiver: one failed attempt is the start of a new streak, nothing more.
    down = true;
    await w.writeEvent({ sellerId: seller, objectId: "ord_new", version: 1 });
    await w.pump();
    expect(await w.endpoint(endpoint)).toMatchObject({ status: "ENABLED", disabledReason: null });
    expect(await WebhookDeliveriesRepo.streakOf(w.db, endpoint.endpointId)).toMatchObject({ failedAttempts: 1 });
  });
});
