import { Webhooks } from "@seller-ops/core";
import { ApiKeys, EventsRepo, KeyRevocation, WebhookEndpointsRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { world, type World } from "../support/world";

/**
 * Revoking a key switches off the webhook endpoints it registered, in every scope, in the revoking transaction: they
 * are listed in the answer, shown DISABLED (`KEY_REVOKED`, by `SYSTEM`), the dispatcher's choice of endpoints
 * (`listDeliverable`) leaves them out, and whoever may switch them on again does so with a live key, taking them over.
 */

const REVOKE =
  "mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } " +
  "disabledWebhookEndpoints { id status disabledReason disabledBy } moreWebhookEndpointsToDisable " +
  "userErrors { field code } } }";

async function createKey(w: World, input: Record<string, unknown>): Promise<{ keyId: string; secret: string }> {
  const response = await graphql(
    w.api,
    "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }",
    { key: w.operator, variables: { input: { label: "t", ...input } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const { apiKey, secret } = response.body.data.createApiKey;
  return { keyId: apiKey.id, secret };
}

async function register(w: World, key: string, sellerId: string | null = w.sellerId): Promise<string> {
  const response = await graphql(
    w.api,
    "mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { " +
      "webhookEndpoint { id } userErrors { code } } }",
    { key, variables: { input: { ...(sellerId ? { sellerId } : {}), url: "https://erp.example.com/hooks/x" } } },
  );
  expect(response.body.data.registerWebhookEndpoint.userErrors).toEqual([]);
  return response.body.data.registerWebhookEndpoint.webhookEndpoint.id;
}

/** The endpoint of the world's seller changed with `key`: the codes of its user errors. */
async function update(w: World, key: string, input: Record<string, unknown>): Promise<string[]> {
  const response = await graphql(
    w.api,
    "mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }",
    { key, variables: { input: { sellerId: w.sellerId, ...input } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.updateWebhookEndpoint.userErrors.map((e: { code: string }) => e.code);
}

async function revoke(w: World, input: Record<string, unknown>) {
  const response = await graphql(w.api, REVOKE, { key: w.operator, variables: { input } });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.revokeApiKey;
}

const deliverable = async (w: World, scope: string) =>
  (await WebhookEndpointsRepo.listDeliverable(w.db, scope, w.now.toISOString())).endpoints.map((e) => e.endpointId);

const off = (id: string) => ({ id, status: "DISABLED", disabledReason: "KEY_REVOKED", disabledBy: "SYSTEM" });

/** The index the revocation reads is eventually consistent: DynamoDB Local's is at once, AWS's within a second. */
describe("revoking a key switches off the webhook endpoints it registered", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it("switches off and lists key A's endpoints in every scope, leaves key B's, stops their deliveries", async () => {
    const a = await createKey(w, { role: "OPERATOR" });
    const b = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const aSeller = [await register(w, a.secret), await register(w, a.secret)];
    const aOperators = await register(w, a.secret, null);
    const bSeller = await register(w, b.secret);
    expect(await deliverable(w, w.sellerId)).toEqual(expect.arrayContaining([...aSeller, bSeller]));

    const input = { keyId: a.keyId, idempotencyKey: ulid() };
    const answer = await revoke(w, input);
    expect(answer.userErrors).toEqual([]);
    expect(answer.apiKey.id).toBe(a.keyId);
    expect(answer.moreWebhookEndpointsToDisable).toBe(false);
    const listed = [...answer.disabledWebhookEndpoints].sort((x: { id: string }, y: { id: string }) =>
      x.id.localeCompare(y.id),
    );
    expect(listed).toEqual([...aSeller, aOperators].sort().map(off));

    // Stored switched off (not only shown so), with the reason, and out of the dispatcher's choice; B's untouched.
    for (const id of aSeller)
      expect(await WebhookEndpointsRepo.get(w.db, w.sellerId, id)).toMatchObject({
        status: "DISABLED",
        disabledReason: "KEY_REVOKED",
        disabledBy: "SYSTEM",
        version: 2,
      });
    const seller = await deliverable(w, w.sellerId);
    expect(seller).toContain(bSeller);
    expect(seller).not.toEqual(expect.arrayContaining([aSeller[0]]));
    expect(seller).not.toEqual(expect.arrayContaining([aSeller[1]]));
    expect(await deliverable(w, Webhooks.OPERATOR_SCOPE)).not.toContain(aOperators);
    expect(await WebhookEndpointsRepo.get(w.db, w.sellerId, bSeller)).toMatchObject({ status: "ENABLED", version: 1 });

    // The seller is told, in its event stream: one WEBHOOK_ENDPOINT_DISABLED per endpoint of its scope.
    const events = await EventsRepo.listPage(
      w.db,
      { sellerId: w.sellerId, fromMs: 0, toMs: Date.now() + 86_400_000, types: ["WEBHOOK_ENDPOINT_DISABLED"] },
      { first: 50, after: null },
    );
    const told = events.items.map(({ item }) => item.objectId);
    expect(told).toEqual(expect.arrayContaining(aSeller));
    expect(told).not.toContain(bSeller);

    // A retry with the same key answers the same; without it, the revoked key with nothing left is refused.
    expect(await revoke(w, input)).toEqual(answer);
    const again = await revoke(w, { keyId: a.keyId });
    expect(again.userErrors).toEqual([{ field: ["input", "keyId"], code: "INVALID_TRANSITION" }]);
    expect(again.disabledWebhookEndpoints).toEqual([]);
  });

  it("the seller switches one on again with its live key and it becomes the seller's", async () => {
    const a = await createKey(w, { role: "PARTNER", sellerIds: [w.sellerId], access: "READ_WRITE" });
    const endpointId = await register(w, a.secret);
    expect((await revoke(w, { keyId: a.keyId })).disabledWebhookEndpoints).toEqual([off(endpointId)]);
    const response = await graphql(
      w.api,
      "mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { " +
        "webhookEndpoint { id status disabledReason } userErrors { code } } }",
      { key: w.key, variables: { input: { sellerId: w.sellerId, endpointId } } },
    );
    expect(response.body.data.enableWebhookEndpoint).toEqual({
      webhookEndpoint: { id: endpointId, status: "ENABLED", disabledReason: null },
      userErrors: [],
    });
    expect(await deliverable(w, w.sellerId)).toContain(endpointId);
    expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.ownerKeyId).not.toBe(a.keyId);
  });

  it("the key that last set an endpoint's URL answers for it: revoking a leaked key stops its redirect", async () => {
    const legit = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const leaked = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const endpointId = await register(w, legit.secret);
    const owner = async () => (await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.ownerKeyId;
    // Narrowing the event types changes nothing about where the events go: the registering key still answers.
    expect(await update(w, leaked.secret, { endpointId, eventTypes: ["ORDER_LATE"] })).toEqual([]);
    expect(await owner()).toBe(legit.keyId);
    // The same URL sent again is no new receiver either.
    expect(await update(w, leaked.secret, { endpointId, url: "https://erp.example.com/hooks/x" })).toEqual([]);
    expect(await owner()).toBe(legit.keyId);
    // Pointed at another receiver, the endpoint is the pointing key's.
    expect(await update(w, leaked.secret, { endpointId, url: "https://receiver.example.org/hooks/y" })).toEqual([]);
    expect(await owner()).toBe(leaked.keyId);
    expect((await revoke(w, { keyId: legit.keyId })).disabledWebhookEndpoints).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(endpointId);
    expect((await revoke(w, { keyId: leaked.keyId })).disabledWebhookEndpoints).toEqual([off(endpointId)]);
    expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);
  });

  it("a partner tool's endpoint its seller points elsewhere is the seller's: the tool no longer sees it", async () => {
    const tool = await createKey(w, { role: "PARTNER", sellerIds: [w.sellerId], access: "READ_WRITE" });
    const endpointId = await register(w, tool.secret);
    const seen = async () => {
      const response = await graphql(
        w.api,
        "query($s: ID) { webhookEndpoints(sellerId: $s, first: 100) { edges { node { id } } } }",
        { key: tool.secret, variables: { s: w.sellerId } },
      );
      return response.body.data.webhookEndpoints.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    expect(await seen()).toContain(endpointId);
    expect(await update(w, w.key, { endpointId, url: "https://seller.example.org/hooks/own" })).toEqual([]);
    expect(await seen()).not.toContain(endpointId);
    expect(await update(w, tool.secret, { endpointId, url: "https://erp.example.com/hooks/back" })).toEqual([
      "NOT_FOUND",
    ]);
    // Revoking the tool's key leaves the seller's receiver delivering.
    expect((await revoke(w, { keyId: tool.keyId })).disabledWebhookEndpoints).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(endpointId);
  });

  it("the maintenance tool's revoke (npm run keys -- revoke) does the same, through the same code", async () => {
    const c = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const endpoints = [await register(w, c.secret), await register(w, c.secret)];
    // One transaction holds at most MAX_ENDPOINTS_DISABLED_PER_REVOKE: the lookup says when more are left.
    expect((await KeyRevocation.enabledEndpointsOf(w.db, c.keyId, 1)).more).toBe(true);
    const now = new Date().toISOString();
    const outcome = await KeyRevocation.revokeKey(w.db, ApiKeys.hashSecret(c.secret), now);
    expect(outcome.revoked).toBe(true);
    expect(outcome.more).toBe(false);
    expect(outcome.disabledEndpoints.map((e) => e.endpointId).sort()).toEqual([...endpoints].sort());
    for (const id of endpoints) expect(await deliverable(w, w.sellerId)).not.toContain(id);
    // Run again: nothing left, nothing written.
    expect(await KeyRevocation.revokeKey(w.db, ApiKeys.hashSecret(c.secret), now)).toEqual({
      revoked: false,
      disabledEndpoints: [],
      more: false,
    });
  });
});
