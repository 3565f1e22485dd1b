import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { ApiKeys, transactWrite, WebhookEndpointsRepo } from "@seller-ops/db";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { overwriteEndpointItem } from "../support/webhooks";
import { world, type World } from "../support/world";
import { Webhooks } from "@seller-ops/core";

/**
 * Who may switch an endpoint back on (the one that switched it off, or someone above: the seller decides which tools
 * receive its data, operators above it), and what becomes of an endpoint when the key that registered it is revoked
 * (switched off, KEY_REVOKED, whoever the key was, also when the revocation missed it; switched on again with a live
 * key, which takes it over; a partner tool's out of its grant shows OWNER_ACCESS_ENDED).
 */

const ENDPOINT = "webhookEndpoint { id status disabledReason disabledBy version }";

async function call(w: World, key: string, verb: string, input: Record<string, unknown>) {
  const type = `${verb[0]!.toUpperCase()}${verb.slice(1)}WebhookEndpointInput`;
  const response = await graphql(
    w.api,
    `mutation($input: ${type}!) { ${verb}WebhookEndpoint(input: $input) { ${ENDPOINT} ` +
      "userErrors { field code message } } }",
    { key, variables: { input } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data[`${verb}WebhookEndpoint`];
}

async function register(w: World, key: string, sellerId = w.sellerId): Promise<string> {
  const response = await graphql(
    w.api,
    "mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { " +
      "webhookEndpoint { id } userErrors { code } } }",
    { key, variables: { input: { sellerId, url: "https://erp.example.com/hooks/seller-ops" } } },
  );
  expect(response.body.data.registerWebhookEndpoint.userErrors).toEqual([]);
  return response.body.data.registerWebhookEndpoint.webhookEndpoint.id;
}

/** A registration's whole answer (refusals included). */
async function registered(w: World, key: string) {
  const response = await graphql(
    w.api,
    "mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { " +
      "webhookEndpoint { id } signingSecret userErrors { field code message } } }",
    { key, variables: { input: { sellerId: w.sellerId, url: "https://erp.example.com/hooks/seller-ops" } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.registerWebhookEndpoint;
}

/** A delete's whole answer, in `language` if given. */
async function deleted(w: World, key: string, endpointId: string, language?: string) {
  const response = await graphql(
    w.api,
    "mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { " +
      "deletedEndpointId userErrors { field code message } } }",
    {
      key,
      ...(language ? { headers: { "accept-language": language } } : {}),
      variables: { input: { sellerId: w.sellerId, endpointId } },
    },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.deleteWebhookEndpoint;
}

async function seen(w: World, key: string, endpointId: string) {
  const response = await graphql(
    w.api,
    "query($sellerId: ID) { webhookEndpoints(sellerId: $sellerId, first: 50) { " +
      "edges { node { id status disabledReason disabledBy } } } }",
    { key, variables: { sellerId: w.sellerId } },
  );
  const nodes = response.body.data.webhookEndpoints.edges.map((e: { node: { id: string } }) => e.node);
  return nodes.find((n: { id: string }) => n.id === endpointId);
}

const now = () => new Date().toISOString();

const deliverable = async (w: World, scope: string) =>
  (await WebhookEndpointsRepo.listDeliverable(w.db, scope, w.now.toISOString())).endpoints.map((e) => e.endpointId);

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

async function revokeKey(w: World, keyId: string): Promise<void> {
  const response = await graphql(
    w.api,
    "mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } userErrors { code } } }",
    { key: w.operator, variables: { input: { keyId } } },
  );
  expect(response.body.data.revokeApiKey.userErrors).toEqual([]);
}

describe("switching an endpoint back on takes the authority that switched it off", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it("a partner tool cannot switch on what its seller switched off: INVALID_TRANSITION, nothing written", async () => {
    const endpointId = await register(w, w.partner);
    const off = await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect(off.webhookEndpoint).toMatchObject({ status: "DISABLED", disabledReason: "BY_OWNER", disabledBy: "SELLER" });

    const refused = await call(w, w.partner, "enable", { sellerId: w.sellerId, endpointId });
    expect(refused.webhookEndpoint).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ["input", "endpointId"],
        code: "INVALID_TRANSITION",
        message: "The seller switched this endpoint off: only the seller or an operator can switch it on again.",
      },
    ]);
    const stored = await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId);
    expect(stored).toMatchObject({ status: "DISABLED", disabledBy: "SELLER", version: off.webhookEndpoint.version });
    expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);

    // The seller itself switches it on again.
    const on = await call(w, w.key, "enable", { sellerId: w.sellerId, endpointId });
    expect(on).toMatchObject({
      webhookEndpoint: { status: "ENABLED", disabledReason: null, disabledBy: null },
      userErrors: [],
    });
  });

  it("a seller cannot switch on what an operator switched off; an operator can", async () => {
    const endpointId = await register(w, w.key);
    const off = await call(w, w.operator, "disable", { sellerId: w.sellerId, endpointId });
    expect(off.webhookEndpoint).toMatchObject({ status: "DISABLED", disabledBy: "OPERATOR" });
    for (const key of [w.key, w.partner]) {
      const refused = await call(w, key, "enable", { sellerId: w.sellerId, endpointId });
      expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual([
        key === w.key ? "INVALID_TRANSITION" : "NOT_FOUND",
      ]);
    }
    expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.status).toBe("DISABLED");
    const on = await call(w, w.operator, "enable", { sellerId: w.sellerId, endpointId });
    expect(on).toMatchObject({ webhookEndpoint: { status: "ENABLED" }, userErrors: [] });
  });

  it("the partner tool switches on what it, or the failure streak, switched off", async () => {
    const endpointId = await register(w, w.partner);
    const off = await call(w, w.partner, "disable", { sellerId: w.sellerId, endpointId });
    expect(off.webhookEndpoint).toMatchObject({ disabledBy: "PARTNER" });
    expect((await call(w, w.partner, "enable", { sellerId: w.sellerId, endpointId })).userErrors).toEqual([]);

    const stored = await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId);
    const failing = WebhookEndpointsRepo.disable(w.db, stored!, "REPEATED_FAILURES", w.now.toISOString());
    if (!failing.ok) throw new Error("not switched off");
    expect(failing.endpoint).toMatchObject({ disabledBy: "SYSTEM" });
    expect((await transactWrite(w.db.doc, failing.writes)).ok).toBe(true);
    const on = await call(w, w.partner, "enable", { sellerId: w.sellerId, endpointId });
    expect(on).toMatchObject({ webhookEndpoint: { status: "ENABLED" }, userErrors: [] });
  });

  it("a seller, then an operator, takes over the switch-off of an endpoint already off; no one else does", async () => {
    const endpointId = await register(w, w.partner);
    const stored = await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId);
    const failing = WebhookEndpointsRepo.disable(w.db, stored!, "REPEATED_FAILURES", w.now.toISOString());
    if (!failing.ok) throw new Error("not switched off");
    expect((await transactWrite(w.db.doc, failing.writes)).ok).toBe(true);
    // The partner tool has no more authority than the failure streak: refused as before, nothing written.
    const same = await call(w, w.partner, "disable", { sellerId: w.sellerId, endpointId });
    expect(same.userErrors.map((e: { code: string }) => e.code)).toEqual(["INVALID_TRANSITION"]);
    expect(await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId)).toMatchObject({
      disabledBy: "SYSTEM",
      version: failing.endpoint.version,
    });
    // The seller records its own switch-off: the partner tool can no longer switch it back on.
    const bySeller = await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect(bySeller).toMatchObject({
      webhookEndpoint: { status: "DISABLED", disabledReason: "BY_OWNER", disabledBy: "SELLER" },
      userErrors: [],
    });
    expect(bySeller.webhookEndpoint.version).toBe(failing.endpoint.version + 1);
    const partnerOn = await call(w, w.partner, "enable", { sellerId: w.sellerId, endpointId });
    expect(partnerOn.webhookEndpoint).toBeNull();
    expect(partnerOn.userErrors.map((e: { code: string }) => e.code)).toEqual(["INVALID_TRANSITION"]);
    // Again by the seller: nothing to raise, refused; an operator raises it above the seller.
    const again = await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect(again.userErrors.map((e: { code: string }) => e.code)).toEqual(["INVALID_TRANSITION"]);
    const byOperator = await call(w, w.operator, "disable", { sellerId: w.sellerId, endpointId });
    expect(byOperator.webhookEndpoint).toMatchObject({ disabledBy: "OPERATOR", version: failing.endpoint.version + 2 });
    expect((await call(w, w.key, "enable", { sellerId: w.sellerId, endpointId })).webhookEndpoint).toBeNull();
    expect((await call(w, w.operator, "disable", { sellerId: w.sellerId, endpointId })).userErrors).toHaveLength(1);
    expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);
    // The operator deletes it: while it stood, the partner tool could register nothing more for this seller.
    expect((await deleted(w, w.operator, endpointId)).userErrors).toEqual([]);
  });

  it("an endpoint switched off BY_OWNER before it recorded who is taken as the seller's", async () => {
    const endpointId = await register(w, w.partner);
    await call(w, w.partner, "disable", { sellerId: w.sellerId, endpointId });
    // As the previous release stored it: shape 2, no `disabledBy`.
    await overwriteEndpointItem(
      w.db,
      { scope: w.sellerId, endpointId },
      { shape: 2, status: "DISABLED", disabledReason: "BY_OWNER", disabledBy: undefined },
    );
    expect(await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId)).toMatchObject({ disabledBy: "SELLER" });
    const refused = await call(w, w.partner, "enable", { sellerId: w.sellerId, endpointId });
    expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(["INVALID_TRANSITION"]);
    expect((await call(w, w.key, "enable", { sellerId: w.sellerId, endpointId })).userErrors).toEqual([]);
  });
});

describe("an endpoint and the key that registered it", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  const revokedOff = { status: "DISABLED", disabledReason: "KEY_REVOKED", disabledBy: "SYSTEM" };

  it("a seller rotating its key switches its endpoints on again with the new key", async () => {
    const old = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const endpointId = await register(w, old.secret);
    const fresh = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    await revokeKey(w, old.keyId);
    expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);
    expect(await seen(w, fresh.secret, endpointId)).toEqual({ id: endpointId, ...revokedOff });
    const on = await call(w, fresh.secret, "enable", { endpointId });
    expect(on.userErrors).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(endpointId);
    expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.ownerKeyId).toBe(fresh.keyId);
  });

  it("an endpoint an operator set up for a seller is switched off with that operator's key", async () => {
    const staff = await createKey(w, { role: "OPERATOR" });
    const forSeller = await register(w, staff.secret);
    await revokeKey(w, staff.keyId);
    expect(await deliverable(w, w.sellerId)).not.toContain(forSeller);
    expect(await seen(w, w.key, forSeller)).toMatchObject(revokedOff);
    // SYSTEM's switch-off: the seller switches it on again (it is the seller's data).
    expect((await call(w, w.key, "enable", { endpointId: forSeller })).userErrors).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(forSeller);
  });

  it("an operator-scope endpoint stops with the key that registered it, and shows it", async () => {
    const staff = await createKey(w, { role: "OPERATOR" });
    const response = await graphql(
      w.api,
      "mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { " +
        "webhookEndpoint { id } userErrors { code } } }",
      { key: staff.secret, variables: { input: { url: "https://ops.example.com/hooks/seller-ops" } } },
    );
    const endpointId = response.body.data.registerWebhookEndpoint.webhookEndpoint.id;
    expect(await deliverable(w, Webhooks.OPERATOR_SCOPE)).toContain(endpointId);
    await revokeKey(w, staff.keyId);
    // Revoking is how a leaked key is shut off: an endpoint it registered for every seller's events stops with it.
    expect(await deliverable(w, Webhooks.OPERATOR_SCOPE)).not.toContain(endpointId);
    const listed = await graphql(
      w.api,
      "{ webhookEndpoints(first: 50) { edges { node { id status disabledReason } } } }",
      {
        key: w.operator,
      },
    );
    expect(listed.body.data.webhookEndpoints.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      id: endpointId,
      status: "DISABLED",
      disabledReason: "KEY_REVOKED",
    });
    // Another operator takes it over with a live key: it delivers again, under that key.
    const on = await call(w, w.operator, "enable", { endpointId });
    expect(on.userErrors).toEqual([]);
    expect(await deliverable(w, Webhooks.OPERATOR_SCOPE)).toContain(endpointId);
  });

  /** The key revoked alone, as a release before KEY_REVOKED did, or as a revocation whose index read missed it. */
  const revokeAlone = async (secret: string) =>
    expect(await transactWrite(w.db.doc, [ApiKeys.revokeKeyWrite(w.db, ApiKeys.hashSecret(secret), now())])).toEqual({
      ok: true,
    });
  const keyIdOf = async (secret: string) => (await ApiKeys.principalForSecret(w.db, secret))?.principalId;
  const pointAt = (key: string, endpointId: string, url: string) => call(w, key, "update", { endpointId, url });

  it("an endpoint a revocation missed stops with its key, whoever the key was: shown KEY_REVOKED", async () => {
    const tool = await createKey(w, { role: "PARTNER", sellerIds: [w.sellerId], access: "READ_WRITE" });
    const ofTool = await register(w, tool.secret);
    // A leaked seller key points the seller's endpoint at its own receiver a moment before it is revoked.
    const leaked = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const ofSeller = await register(w, w.key);
    expect((await pointAt(leaked.secret, ofSeller, "https://attacker.example.net/hooks")).userErrors).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toEqual(expect.arrayContaining([ofTool, ofSeller]));
    await revokeAlone(tool.secret);
    await revokeAlone(leaked.secret);
    for (const endpointId of [ofTool, ofSeller]) {
      expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);
      expect(await seen(w, w.key, endpointId)).toEqual({ id: endpointId, ...revokedOff });
      // Stored as it was; the dispatcher and the view read the key.
      expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.status).toBe("ENABLED");
    }
    // The seller switches it on with its live key and takes it over: never again under the revoked one.
    expect((await call(w, w.key, "enable", { endpointId: ofSeller })).userErrors).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(ofSeller);
    expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, ofSeller))?.ownerKeyId).toBe(await keyIdOf(w.key));
    // So does an operator the tool's (the seller's data: the tool's new key registers its own).
    expect((await call(w, w.operator, "enable", { sellerId: w.sellerId, endpointId: ofTool })).userErrors).toEqual([]);
    expect(await deliverable(w, w.sellerId)).toContain(ofTool);
  });

  it("an endpoint a leaked key pointed elsewhere and switched off itself is taken over when switched on", async () => {
    const leaked = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    const endpointId = await register(w, w.key);
    expect((await pointAt(leaked.secret, endpointId, "https://attacker.example.net/hooks")).userErrors).toEqual([]);
    expect((await call(w, leaked.secret, "disable", { endpointId })).userErrors).toEqual([]);
    // The revocation switches off only what is ENABLED: this one keeps its switch-off, and the leaked key as owner.
    await revokeKey(w, leaked.keyId);
    expect(await seen(w, w.key, endpointId)).toMatchObject({ status: "DISABLED", disabledReason: "BY_OWNER" });
    expect((await call(w, w.key, "enable", { endpointId })).userErrors).toEqual([]);
    expect((await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId))?.ownerKeyId).toBe(await keyIdOf(w.key));
  });

  it("a partner tool's endpoint stops when its key no longer covers the seller: shown OWNER_ACCESS_ENDED", async () => {
    const tool = await createKey(w, { role: "PARTNER", sellerIds: [w.sellerId], access: "READ_WRITE" });
    const endpointId = await register(w, tool.secret);
    expect(await seen(w, w.key, endpointId)).toMatchObject({ status: "ENABLED", disabledReason: null });
    // The grant no longer names the seller (the key item rewritten as a grant change would).
    const keyItem = (
      await w.db.doc.send(
        new GetCommand({ TableName: w.db.tables.ApiKeys, Key: { keyHash: ApiKeys.hashSecret(tool.secret) } }),
      )
    ).Item!;
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.ApiKeys, Item: { ...keyItem, sellerIds: [] } }));
    expect(await deliverable(w, w.sellerId)).not.toContain(endpointId);
    expect(await seen(w, w.key, endpointId)).toEqual({
      id: endpointId,
      status: "DISABLED",
      disabledReason: "OWNER_ACCESS_ENDED",
      disabledBy: null,
    });
    // Stored as it was: the seller still deletes it.
    const stored = await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId);
    expect(stored?.status).toBe("ENABLED");
    // Switching it on is refused with the cause and the remedy, not "already enabled"; nothing written.
    for (const key of [w.key, w.operator]) {
      const on = await call(w, key, "enable", { sellerId: w.sellerId, endpointId });
      expect(on).toEqual({
        webhookEndpoint: null,
        userErrors: [
          {
            field: ["input", "endpointId"],
            code: "INVALID_TRANSITION",
            message:
              "The partner tool that registered this endpoint no longer has access to this seller (its key no " +
              "longer covers the seller), so the endpoint receives nothing: the tool registers a new one with a " +
              "live key granted this seller, or delete this one.",
          },
        ],
      });
    }
    const zh = await graphql(
      w.api,
      "mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { " +
        "userErrors { message } } }",
      {
        key: w.key,
        headers: { "accept-language": "zh-CN" },
        variables: { input: { sellerId: w.sellerId, endpointId } },
      },
    );
    expect(zh.body.data.enableWebhookEndpoint.userErrors[0].message).toMatch(/合作伙伴工具.*删除/);
    expect(await WebhookEndpointsRepo.get(w.db, w.sellerId, endpointId)).toEqual(stored);
  });
});

/**
 * A switch-off stands until the one who made it, or someone above, lifts it: deleting the endpoint would lift it, so
 * that takes the same authority as switching it on; and the caller gets no new endpoint in the scope while a
 * switch-off above it stands on one it manages (a partner tool: one it registered; the seller: any of its own).
 */
describe("a switch-off stands until who made it lifts it", () => {
  const endpointsOf = async (w: World) =>
    (await WebhookEndpointsRepo.listScope(w.db, w.sellerId)).map((e) => ({ ...e }));
  const deliverableUrls = async (w: World) =>
    (await WebhookEndpointsRepo.listDeliverable(w.db, w.sellerId, w.now.toISOString())).endpoints.map((e) => e.url);

  it("a partner tool cannot undo its seller's switch-off by deleting and registering again", async () => {
    const w = await world();
    const endpointId = await register(w, w.partner);
    await register(w, w.key);
    const off = await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect(off.webhookEndpoint).toMatchObject({ status: "DISABLED", disabledBy: "SELLER" });
    const before = await endpointsOf(w);

    const del = await deleted(w, w.partner, endpointId);
    expect(del).toEqual({
      deletedEndpointId: null,
      userErrors: [
        {
          field: ["input", "endpointId"],
          code: "INVALID_TRANSITION",
          message:
            "The seller switched this endpoint off: only the seller or an operator can switch it on again or " +
            "delete it.",
        },
      ],
    });
    const zh = await deleted(w, w.partner, endpointId, "zh-CN");
    expect(zh.userErrors[0].message).toMatch(/卖家.*删除/);

    const again = await registered(w, w.partner);
    expect(again).toEqual({
      webhookEndpoint: null,
      signingSecret: null,
      userErrors: [
        {
          field: ["input"],
          code: "INVALID_TRANSITION",
          message:
            `The seller switched off the endpoint ${endpointId}: no new endpoint can be registered with this key ` +
            "for this seller until the seller or an operator switches it on again or deletes it.",
        },
      ],
    });
    // Nothing written: the same endpoints at the same versions, the URL still receives nothing from the tool.
    expect(await endpointsOf(w)).toEqual(before);
    expect(await deliverableUrls(w)).toHaveLength(1);
  });

  it("once the seller switches it on again, or deletes it, the partner tool may delete and register", async () => {
    const w = await world();
    const first = await register(w, w.partner);
    await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId: first });
    expect((await call(w, w.key, "enable", { sellerId: w.sellerId, endpointId: first })).userErrors).toEqual([]);
    expect((await registered(w, w.partner)).userErrors).toEqual([]);
    expect(await deleted(w, w.partner, first)).toEqual({ deletedEndpointId: first, userErrors: [] });

    const second = await register(w, w.partner);
    await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId: second });
    expect((await registered(w, w.partner)).userErrors.map((e: { code: string }) => e.code)).toEqual([
      "INVALID_TRANSITION",
    ]);
    // The seller itself deletes the endpoint it switched off: the tool may register again.
    expect(await deleted(w, w.key, second)).toEqual({ deletedEndpointId: second, userErrors: [] });
    expect((await registered(w, w.partner)).userErrors).toEqual([]);
  });

  it("a seller cannot undo an operator's switch-off either, with any of its credentials", async () => {
    const w = await world();
    const endpointId = await register(w, w.key);
    await call(w, w.operator, "disable", { sellerId: w.sellerId, endpointId });
    const del = await deleted(w, w.key, endpointId);
    expect(del.deletedEndpointId).toBeNull();
    expect(del.userErrors).toEqual([
      {
        field: ["input", "endpointId"],
        code: "INVALID_TRANSITION",
        message: "An operator switched this endpoint off: only an operator can switch it on again or delete it.",
      },
    ]);
    const other = await createKey(w, { role: "SELLER", sellerId: w.sellerId });
    for (const key of [w.key, other.secret]) {
      const refused = await registered(w, key);
      expect(refused.webhookEndpoint).toBeNull();
      expect(refused.userErrors).toEqual([
        {
          field: ["input"],
          code: "INVALID_TRANSITION",
          message:
            `An operator switched off the endpoint ${endpointId}: no new endpoint can be registered for this ` +
            "seller until an operator switches it on again or deletes it.",
        },
      ]);
    }
    expect(await WebhookEndpointsRepo.listScope(w.db, w.sellerId)).toHaveLength(1);
    // The operator lifts it: the seller registers again, and deletes what it switched off itself.
    expect((await call(w, w.operator, "enable", { sellerId: w.sellerId, endpointId })).userErrors).toEqual([]);
    expect((await registered(w, w.key)).userErrors).toEqual([]);
    await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect(await deleted(w, w.key, endpointId)).toEqual({ deletedEndpointId: endpointId, userErrors: [] });
    // An operator deletes one it switched off.
    const again = (await registered(w, w.key)).webhookEndpoint.id;
    await call(w, w.operator, "disable", { sellerId: w.sellerId, endpointId: again });
    expect(await deleted(w, w.operator, again)).toEqual({ deletedEndpointId: again, userErrors: [] });
    expect((await registered(w, w.key)).userErrors).toEqual([]);
  });

  it("an endpoint switched off after failures, or by the tool itself, blocks nothing", async () => {
    const w = await world();
    const failing = await register(w, w.partner);
    const stored = await WebhookEndpointsRepo.get(w.db, w.sellerId, failing);
    const off = WebhookEndpointsRepo.disable(w.db, stored!, "REPEATED_FAILURES", w.now.toISOString());
    if (!off.ok) throw new Error("not switched off");
    expect((await transactWrite(w.db.doc, off.writes)).ok).toBe(true);
    const own = await register(w, w.partner);
    await call(w, w.partner, "disable", { sellerId: w.sellerId, endpointId: own });
    expect((await registered(w, w.partner)).userErrors).toEqual([]);
    expect(await deleted(w, w.partner, failing)).toEqual({ deletedEndpointId: failing, userErrors: [] });
    expect(await deleted(w, w.partner, own)).toEqual({ deletedEndpointId: own, userErrors: [] });
  });

  it("a partner tool's switch-off by its seller does not hold the seller back", async () => {
    const w = await world();
    const endpointId = await register(w, w.partner);
    await call(w, w.key, "disable", { sellerId: w.sellerId, endpointId });
    expect((await registered(w, w.key)).userErrors).toEqual([]);
    expect(await deleted(w, w.key, endpointId)).toEqual({ deletedEndpointId: endpointId, userErrors: [] });
  });
});
