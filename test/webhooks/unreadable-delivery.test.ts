import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { WebhookDeliveriesRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * During a deploy a newer release can store a delivery this one cannot parse (a status it does not know), and a hand
 * edit can break one. Its group waits for it, as behind any unsettled head; the stream's batch and the other groups
 * do not.
 */
let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function setStatus(w: WebhookWorld, delivery: { group: string; position: string }, status: string) {
  await w.db.doc.send(
    new UpdateCommand({
      TableName: w.db.tables.WebhookDeliveries,
      Key: { pk: delivery.group, sk: delivery.position },
      UpdateExpression: "SET #status = :status",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":status": status },
    }),
  );
}

describe("a delivery item the dispatcher cannot read", () => {
  it("stops its own group only: the batch and the other groups go on; mended, the group goes in order", async () => {
    world = await webhookWorld();
    const w = world;
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/r", ownerKeyId: owner.keyId });
    // ord_1's first event is recorded while the endpoint is failing (the stream leaves it to the retry job) ...
    await WebhookDeliveriesRepo.recordFailure(w.db, {
      endpointId: endpoint.endpointId,
      now: w.now().toISOString(),
      attemptId: "g|0|1",
    });
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    expect((await w.pump()).report).toMatchObject({ recorded: 1, delivered: 0, groupsOfFailingEndpoints: 1 });
    // ... and a newer release rewrites it with a status this one does not know.
    const [stored] = await w.deliveries();
    await setStatus(w, stored!, "PAUSED_BY_NEWER_RELEASE");
    await WebhookDeliveriesRepo.clearStreak(w.db, endpoint.endpointId);

    w.advance(1000);
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 2 });
    await w.writeEvent({ sellerId: seller, objectId: "ord_2", version: 1 });
    const { report } = await w.pump();
    expect(report).toMatchObject({ events: 2, recorded: 2, delivered: 1, unreadableDeliveries: 1 });
    // ord_2 went; ord_1's version 2 waits behind the version 1 that cannot be read.
    expect(w.received("/r").map((r) => r.version)).toEqual([1]);
    expect(w.received("/r")[0]!.eventId).not.toBe(stored!.eventId);

    // The owner's delivery log leaves that one item out instead of failing: the other two are listed, a page at a time.
    const api = createGraphqlHandler({ db: w.db, clock: () => w.now() });
    const LOG = `query($e: ID!, $after: String) {
      webhookDeliveries(endpointId: $e, first: 1, after: $after) {
        edges { node { eventId status } } pageInfo { hasNextPage endCursor }
      }
    }`;
    const listed: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      type Log = {
        webhookDeliveries: {
          edges: { node: { eventId: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
      const variables: Record<string, unknown> = { e: endpoint.endpointId, after };
      const answer = await graphql<Log>(api, LOG, { key: owner.secret, variables });
      expect(answer.body.errors).toBeUndefined();
      const log: Log["webhookDeliveries"] = answer.body.data!.webhookDeliveries;
      listed.push(...log.edges.map((e) => e.node.eventId));
      if (!log.pageInfo.hasNextPage) break;
      after = log.pageInfo.endCursor;
    }
    expect(listed).toHaveLength(2);
    expect(listed).not.toContain(stored!.eventId);

    // Mended (the deploy done): the retry job sends ord_1's versions in order.
    await setStatus(w, stored!, "PENDING");
    expect(await w.retryJob()).toMatchObject({ failures: 0, delivered: 2, unreadableDeliveries: 0 });
    expect(
      w
        .received("/r")
        .slice(1)
        .map((r) => r.version),
    ).toEqual([1, 2]);
  });
});
