import { configFromEnv, createLogger } from "@seller-ops/api";
import { Webhooks } from "@seller-ops/core";
import { Idempotency, storedPayloadOf, WebhookEndpointsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { resealAll } from "../../tools/reseal-webhook-secrets";
import { graphql } from "../support/api";
import { TEST_KEYRING, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * A partner tool whose answer to a rotation (or a registration) was lost retries with its idempotency
 * key, as the docs tell it to: the retry answers the same secret. Rotating again instead would stop the
 * secret the receiver still has (a rotation during an overlap keeps only two), so the replay must carry it.
 * The key's record keeps it sealed with the webhook keyring, never in the clear, and only for its caller.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const ROTATE =
  "mutation($i: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $i) { signingSecret " +
  "webhookEndpoint { version secretOverlapEndsAt } userErrors { code } } }";
const REGISTER =
  "mutation($i: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $i) { signingSecret " +
  "webhookEndpoint { id version } userErrors { code } } }";

function apiOf(w: WebhookWorld, lines: string[], keyring: Webhooks.Keyring = TEST_KEYRING) {
  const config = configFromEnv({ WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true", METRICS_DISABLED: "true" });
  return createGraphqlHandler({
    db: w.db,
    clock: () => w.now(),
    config: { ...config, webhooks: { ...config.webhooks, keyring } },
    logger: createLogger({}, (line) => lines.push(line)),
  });
}

/** The key's record as stored (raw), and its answer decoded as a replay reads it. */
async function recordOf(w: WebhookWorld, scope: { principalId: string; mutation: string; key: string }) {
  const item = (
    await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Idempotency, Key: { pk: Idempotency.scopeId(scope) } }))
  ).Item!;
  return {
    raw: JSON.stringify({ ...item, payloadZ: Buffer.from(item.payloadZ).toString("latin1") }),
    answer: JSON.stringify(storedPayloadOf(item)),
  };
}

describe("a retried rotateWebhookSecret", () => {
  it("answers the same secret, stored sealed under the key; the receiver's secret keeps its overlap", async () => {
    world = await webhookWorld();
    const w = world;
    const lines: string[] = [];
    const api = apiOf(w, lines);
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/rx", ownerKeyId: owner.keyId });
    const rotate = async (credential: string, input: Record<string, unknown>) =>
      (await graphql(api, ROTATE, { key: credential, variables: { i: { endpointId: endpoint.endpointId, ...input } } }))
        .body.data.rotateWebhookSecret;

    // The answer of the rotation is lost to a client timeout; the tool retries with the same key.
    const input = { sellerId: seller, overlapHours: 24, idempotencyKey: "rotate-2026-12-01-a" };
    const lost = await rotate(owner.secret, input);
    expect(lost.signingSecret).toMatch(/^whsec_/);
    const retried = await rotate(owner.secret, input);
    expect(retried).toEqual(lost);
    // The secret answered is the one that signs now, and the rotation happened once.
    const stored = (await w.endpoint(endpoint))!;
    expect(stored.version).toBe(2);
    expect(WebhookEndpointsRepo.signingSecrets(stored, TEST_KEYRING, w.now().toISOString())[0]).toBe(
      lost.signingSecret,
    );

    // The key's record holds it sealed, never in the clear; no log line holds it.
    const plain = String(lost.signingSecret).slice("whsec_".length);
    const record = await recordOf(w, {
      principalId: owner.keyId,
      mutation: "rotateWebhookSecret",
      key: input.idempotencyKey,
    });
    expect(record.answer).toContain("whsealed1.");
    expect(record.answer).not.toContain(plain);
    expect(record.raw).not.toContain(plain);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(plain);

    // Another input under the key gets nothing; nor does another caller sending the same key (its own rotation).
    const reused = await rotate(owner.secret, { ...input, overlapHours: 0 });
    expect(reused).toEqual({
      signingSecret: null,
      webhookEndpoint: null,
      userErrors: [{ code: "IDEMPOTENCY_KEY_REUSED" }],
    });
    const operator = await w.operatorCredential();
    const other = await rotate(operator.secret, input);
    expect(other.userErrors).toEqual([]);
    expect(other.signingSecret).toMatch(/^whsec_/);
    expect(other.signingSecret).not.toBe(lost.signingSecret);
  });

  it("leaves the receiver's secret signing through its overlap: no second rotation is needed", async () => {
    world = await webhookWorld();
    const w = world;
    const api = apiOf(w, []);
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/rx", ownerKeyId: owner.keyId });
    const i = { endpointId: endpoint.endpointId, overlapHours: 24, idempotencyKey: "rotate-2026-12-01-b" };
    const rotate = async () =>
      (await graphql(api, ROTATE, { key: owner.secret, variables: { i } })).body.data.rotateWebhookSecret;
    const first = await rotate();
    expect((await rotate()).signingSecret).toBe(first.signingSecret);
    await w.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    await w.pump();
    expect(w.received("/rx").map((r) => r.verified)).toEqual([true]);
  });
});

describe("a retried registerWebhookEndpoint", () => {
  it("answers the same secret, stored sealed under the key", async () => {
    world = await webhookWorld();
    const w = world;
    const lines: string[] = [];
    const api = apiOf(w, lines);
    // The operators' scope: no seller to set up.
    const owner = await w.operatorCredential();
    const i = { url: w.receiver.url("/rx"), idempotencyKey: "register-2026-12-01-a" };
    const register = async () =>
      (await graphql(api, REGISTER, { key: owner.secret, variables: { i } })).body.data.registerWebhookEndpoint;
    const first = await register();
    expect(first.userErrors).toEqual([]);
    expect(first.signingSecret).toMatch(/^whsec_/);
    expect(await register()).toEqual(first);

    const plain = String(first.signingSecret).slice("whsec_".length);
    const record = await recordOf(w, {
      principalId: owner.keyId,
      mutation: "registerWebhookEndpoint",
      key: i.idempotencyKey,
    });
    expect(record.answer).toContain("whsealed1.");
    expect(record.answer).not.toContain(plain);
    expect(record.raw).not.toContain(plain);
    expect(lines.join("\n")).not.toContain(plain);
  });
});

describe("a retry after the webhook sealing key rotated (NEW OLD, webhooks:reseal, then NEW alone)", () => {
  it("answers the same secrets: the reseal moved the keys' records to NEW as well as the endpoints", async () => {
    world = await webhookWorld();
    const w = world;
    const lines: string[] = [];
    // TEST_KEYRING is OLD: the world's endpoints and the first answers are sealed under it.
    const NEW = "new-webhook-sealing-key-fedcba9876543210";
    const both = Webhooks.keyringFrom(`${NEW} test-webhook-sealing-key-0123456789`);
    const onlyNew = Webhooks.keyringFrom(NEW);
    const operator = await w.operatorCredential();
    const register = { url: w.receiver.url("/new"), idempotencyKey: "register-before-key-rotation" };
    const seller = `sel_${ulid()}`;
    const owner = await w.sellerCredential(seller);
    const { endpoint } = await w.register({ sellerId: seller, path: "/rx", ownerKeyId: owner.keyId });
    const rotate = { endpointId: endpoint.endpointId, sellerId: seller, idempotencyKey: "rotate-before-key-rotation" };
    const call = async (keyring: Webhooks.Keyring) => ({
      registered: (
        await graphql(apiOf(w, lines, keyring), REGISTER, { key: operator.secret, variables: { i: register } })
      ).body.data.registerWebhookEndpoint,
      rotated: (await graphql(apiOf(w, lines, keyring), ROTATE, { key: owner.secret, variables: { i: rotate } })).body
        .data.rotateWebhookSecret,
    });
    const first = await call(TEST_KEYRING);
    expect(first.registered.signingSecret).toMatch(/^whsec_/);
    expect(first.rotated.signingSecret).toMatch(/^whsec_/);

    // The operators rotate the sealing key within the records' 24 h: NEW OLD, the reseal, then NEW alone.
    expect((await resealAll(w.db, both)).answers).toEqual({
      scanned: 2,
      resealed: 2,
      current: 0,
      withoutSecret: 0,
      conflicts: 0,
      unopenable: 0,
    });
    const retried = await call(onlyNew);
    expect(retried).toEqual(first);
    expect(lines.join("\n")).not.toContain("no longer opens");
  });
});
