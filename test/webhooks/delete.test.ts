import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Webhooks } from "@seller-ops/core";
import { createDocumentClient, WebhookDeliveriesRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { ulid } from "ulid";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";
import { anotherPartner, world, type World } from "../support/world";

/**
 * Deleting a webhook endpoint: it leaves the scope's list and frees its place under the cap of 10
 * in the same transaction; a stale version is refused; only who may change it may delete it; and
 * what was still waiting to be delivered to it is never sent.
 */

const DELETE = `mutation($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { field code } }
}`;

async function register(w: World, key: string, url = `https://erp.example.com/hooks/${ulid()}`) {
  const response = await graphql(
    w.api,
    `mutation($input: RegisterWebhookEndpointInput!) {
      registerWebhookEndpoint(input: $input) { webhookEndpoint { id version } userErrors { code } } }`,
    { key, variables: { input: { sellerId: w.sellerId, url } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.registerWebhookEndpoint;
}

async function remove(w: World, key: string, input: Record<string, unknown>) {
  return graphql(w.api, DELETE, { key, variables: { input: { sellerId: w.sellerId, ...input } } });
}

async function listed(w: World, key: string): Promise<string[]> {
  const response = await graphql(
    w.api,
    `query($s: ID) { webhookEndpoints(sellerId: $s, first: 50) { edges { node { id } } } }`,
    { key, variables: { s: w.sellerId } },
  );
  return response.body.data.webhookEndpoints.edges.map((e: { node: { id: string } }) => e.node.id);
}

async function registeredCount(w: World): Promise<number> {
  const count = await w.db.doc.send(
    new GetCommand({
      TableName: w.db.tables.WebhookEndpoints,
      Key: { pk: `SCOPE#${w.sellerId}`, sk: "COUNT" },
      ConsistentRead: true,
    }),
  );
  return Number(count.Item?.registered);
}

describe("deleting a webhook endpoint", () => {
  it("frees its place under the cap: 10 registered, one deleted, one more registered, then the cap again", async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < Webhooks.MAX_ENDPOINTS_PER_SCOPE; i++) ids.push((await register(w, w.key)).webhookEndpoint.id);
    expect((await register(w, w.key)).userErrors).toEqual([{ code: "LIMIT_REACHED" }]);

    const deleted = (await remove(w, w.key, { endpointId: ids[3] })).body.data.deleteWebhookEndpoint;
    expect(deleted).toEqual({ deletedEndpointId: ids[3], userErrors: [] });
    expect((await listed(w, w.key)).sort()).toEqual(ids.filter((id) => id !== ids[3]).sort());
    expect(await registeredCount(w)).toBe(Webhooks.MAX_ENDPOINTS_PER_SCOPE - 1);

    const again = await register(w, w.key);
    expect(again.userErrors).toEqual([]);
    expect(await registeredCount(w)).toBe(Webhooks.MAX_ENDPOINTS_PER_SCOPE);
    expect((await register(w, w.key)).userErrors).toEqual([{ code: "LIMIT_REACHED" }]);

    // Gone is gone: a second delete is NOT_FOUND and changes nothing.
    const twice = (await remove(w, w.key, { endpointId: ids[3] })).body.data.deleteWebhookEndpoint;
    expect(twice).toEqual({
      deletedEndpointId: null,
      userErrors: [{ code: "NOT_FOUND", field: ["input", "endpointId"] }],
    });
    expect(await registeredCount(w)).toBe(Webhooks.MAX_ENDPOINTS_PER_SCOPE);
    await checkInvariants(w.db);
  }, 60_000);

  it("refuses a stale expectedVersion and deletes nothing; the current one deletes", async () => {
    const w = await world();
    const { id } = (await register(w, w.partner)).webhookEndpoint;
    const disabled = await graphql(
      w.api,
      `mutation($input: DisableWebhookEndpointInput!) {
        disableWebhookEndpoint(input: $input) { webhookEndpoint { version } userErrors { code } } }`,
      { key: w.partner, variables: { input: { sellerId: w.sellerId, endpointId: id } } },
    );
    expect(disabled.body.data.disableWebhookEndpoint).toEqual({ webhookEndpoint: { version: 2 }, userErrors: [] });

    const stale = (await remove(w, w.partner, { endpointId: id, expectedVersion: 1 })).body.data;
    expect(stale.deleteWebhookEndpoint).toEqual({
      deletedEndpointId: null,
      userErrors: [{ code: "VERSION_CONFLICT", field: ["input", "expectedVersion"] }],
    });
    expect(await listed(w, w.partner)).toEqual([id]);
    expect(await registeredCount(w)).toBe(1);

    // A disabled endpoint may be deleted like an enabled one.
    const current = (await remove(w, w.partner, { endpointId: id, expectedVersion: 2 })).body.data;
    expect(current.deleteWebhookEndpoint).toEqual({ deletedEndpointId: id, userErrors: [] });
    expect(await listed(w, w.partner)).toEqual([]);
    expect(await registeredCount(w)).toBe(0);
  }, 60_000);

  it("loses a race to a change between its read and write: refused with a version, else decided again", async () => {
    const w = await world();
    const { id } = (await register(w, w.partner)).webhookEndpoint;
    // Another writer changes the endpoint just before each delete's transaction (the first one only).
    let raced = false;
    const doc = createDocumentClient();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "TransactWriteItemsCommand" && !raced) {
          raced = true;
          await w.db.doc.send(
            new UpdateCommand({
              TableName: w.db.tables.WebhookEndpoints,
              Key: { pk: `SCOPE#${w.sellerId}`, sk: `ENDPOINT#${id}` },
              UpdateExpression: "SET version = version + :one",
              ExpressionAttributeValues: { ":one": 1 },
            }),
          );
        }
        return next(args);
      },
      { step: "initialize", name: "racingWriter" },
    );
    const racing: World = {
      ...w,
      api: createGraphqlHandler({ db: { doc, tables: w.db.tables } as Db, clock: () => w.now }),
    };

    const versioned = (await remove(racing, w.partner, { endpointId: id, expectedVersion: 1 })).body.data;
    expect(versioned.deleteWebhookEndpoint).toEqual({
      deletedEndpointId: null,
      userErrors: [{ code: "VERSION_CONFLICT", field: ["input", "expectedVersion"] }],
    });
    expect(await listed(w, w.partner)).toEqual([id]);
    expect(await registeredCount(w)).toBe(1);

    raced = false;
    const unversioned = (await remove(racing, w.partner, { endpointId: id })).body.data;
    expect(unversioned.deleteWebhookEndpoint).toEqual({ deletedEndpointId: id, userErrors: [] });
    expect(await listed(w, w.partner)).toEqual([]);
    expect(await registeredCount(w)).toBe(0);
  }, 60_000);

  describe("who may delete", () => {
    let w: World;
    let otherPartner: string;
    let readOnlyPartner: string;
    beforeAll(async () => {
      w = await world();
      otherPartner = await anotherPartner(w);
      readOnlyPartner = await anotherPartner(w, { access: "READ", label: "a reporting tool" });
    }, 60_000);

    it("not another tool, a read-only partner or a marketplace key; the seller and operators may", async () => {
      const ofPartner = (await register(w, w.partner)).webhookEndpoint.id;
      const another = (await register(w, w.partner)).webhookEndpoint.id;

      const notTheirs = (await remove(w, otherPartner, { endpointId: ofPartner })).body.data.deleteWebhookEndpoint;
      expect(notTheirs.userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "endpointId"] }]);
      for (const key of [readOnlyPartner, w.marketplace]) {
        const refused = await remove(w, key, { endpointId: ofPartner });
        expect(refused.body.errors?.[0]?.extensions?.code, JSON.stringify(refused.body)).toBe("FORBIDDEN");
      }
      expect(await listed(w, w.partner)).toEqual(expect.arrayContaining([ofPartner, another]));

      const bySeller = (await remove(w, w.key, { endpointId: ofPartner })).body.data.deleteWebhookEndpoint;
      expect(bySeller).toEqual({ deletedEndpointId: ofPartner, userErrors: [] });
      const byOperator = (await remove(w, w.operator, { endpointId: another })).body.data.deleteWebhookEndpoint;
      expect(byOperator).toEqual({ deletedEndpointId: another, userErrors: [] });
      expect(await listed(w, w.key)).toEqual([]);
    }, 60_000);
  });
});

describe("the deliveries of a deleted endpoint", () => {
  let hooks: WebhookWorld | null = null;
  afterEach(async () => {
    await hooks?.close();
    hooks = null;
  });

  it("are never sent: a retrying one is given up, and an event after the delete makes none", async () => {
    hooks = await webhookWorld();
    const h = hooks;
    const api = createGraphqlHandler({ db: h.db, clock: () => h.now() });
    const seller = `sel_${ulid()}`;
    const owner = await h.sellerCredential(seller);
    const { endpoint } = await h.register({ sellerId: seller, path: "/retired", ownerKeyId: owner.keyId });
    h.answers.set("/retired", () => ({ status: 500 }));
    const event = await h.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await h.pump();
    expect(h.received("/retired")).toHaveLength(1);
    const [waiting] = await h.deliveries();
    expect(waiting).toMatchObject({ eventId: event.eventId, status: "RETRYING" });
    expect(await WebhookDeliveriesRepo.streakOf(h.db, endpoint.endpointId)).not.toBeNull();

    const deleted = await graphql(api, DELETE, {
      key: owner.secret,
      variables: { input: { endpointId: endpoint.endpointId, idempotencyKey: `delete-${ulid()}` } },
    });
    expect(deleted.body.data.deleteWebhookEndpoint).toEqual({
      deletedEndpointId: endpoint.endpointId,
      userErrors: [],
    });
    // Its failing streak went with it, in the same transaction.
    expect(await WebhookDeliveriesRepo.streakOf(h.db, endpoint.endpointId)).toBeNull();

    // Well past the retry's due time: the retry job gives it up without a request.
    h.advance(2 * 3_600_000);
    await h.retryJob();
    expect(h.received("/retired")).toHaveLength(1);
    const [settled] = await h.deliveries();
    expect(settled).toMatchObject({ eventId: event.eventId, status: "GAVE_UP", nextAttemptAt: null });
    expect(settled!.attempts.at(-1)).toMatchObject({ outcome: "ENDPOINT_UNAVAILABLE" });

    // A later event of the seller finds no endpoint: no delivery, no request.
    await h.writeEvent({ sellerId: seller, objectId: "ord_2", version: 1 });
    await h.pump();
    await h.retryJob();
    expect(h.received("/retired")).toHaveLength(1);
    expect(await h.deliveries()).toHaveLength(1);
  }, 60_000);
});
