import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Time, Webhooks } from "@seller-ops/core";
import { ApiKeys, transactWrite, WebhookEndpointsRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { testEpoch } from "../support/clock";
import { makeSeller, testDb } from "../support/fixtures";
import { instrumented } from "../support/isolated";
import { laggingReads } from "../support/lagging-reads";
import { scanTable } from "../support/scan";

/**
 * The endpoint store the dispatcher reads: which endpoints of a scope receive events now, the
 * versioned switch-off it uses after repeated failures, and the secrets that sign.
 */

const KEY_SECRET = "repo-test-webhook-key-secret-0123456789";
const keyring = Webhooks.keyringFrom(KEY_SECRET);
const now = testEpoch().toISOString();

async function storeKey(record: ApiKeys.NewApiKey): Promise<ApiKeys.ApiKeyRecord> {
  const secret = `test_${randomUUID()}`;
  await ApiKeys.putApiKey(testDb(), secret, record);
  return (await ApiKeys.findByKeyId(testDb(), record.keyId))!;
}

/** A new endpoint of the scope, prepared (secret sealed) but not stored. */
function preparedEndpoint(sellerId: string | null, ownerKeyId: string) {
  return WebhookEndpointsRepo.prepareEndpoint({
    endpointId: `whe_${ulid()}`,
    sellerId,
    url: "https://erp.example.com/hooks",
    eventTypes: [],
    ownerKeyId,
    keyring,
    now,
  });
}

async function register(sellerId: string | null, ownerKeyId: string) {
  const prepared = preparedEndpoint(sellerId, ownerKeyId);
  const result = await transactWrite(testDb().doc, WebhookEndpointsRepo.registerWrites(testDb(), prepared.endpoint));
  expect(result.ok).toBe(true);
  return prepared;
}

describe("WebhookEndpointsRepo", () => {
  it("stores the signing secret sealed only: no plain secret and no key in the table, and it signs", async () => {
    const { seller } = await makeSeller();
    const owner = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const { endpoint, secret } = await register(seller.id, owner.keyId);
    const items = await scanTable(testDb(), "WebhookEndpoints");
    const text = JSON.stringify(items);
    expect(text).toContain(endpoint.endpointId);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice("whsec_".length, 30));
    expect(text).not.toContain(KEY_SECRET);
    const stored = items.find((i) => i.endpointId === endpoint.endpointId)!;
    // Shape 3: an endpoint may carry an idempotency key's marker (`keyedBy`, shape 2); a new one carries none, nor
    // `disabledBy` (shape 3) while enabled.
    expect(stored.shape).toBe(3);
    expect(stored.disabledBy).toBeUndefined();
    expect(stored.keyedBy).toBeUndefined();
    expect(WebhookEndpointsRepo.signingSecrets(WebhookEndpointsRepo.fromItem(stored), keyring, now)).toEqual([secret]);
  });

  it("listDeliverable leaves out disabled endpoints, any revoked key's, and an ungranted partner's", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const revoked = await storeKey({
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "gone",
      sellerIds: [seller.id],
      access: "READ_WRITE",
      createdAt: now,
    });
    // Read-time too, a revoked operator's or seller's key stops the endpoints it answers for: the revocation switches
    // them off (test/webhooks/key-revocation.test.ts), but it finds them through an index that lags.
    const formerStaff = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "left", createdAt: now });
    const rotated = await storeKey({
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "old",
      sellerId: seller.id,
      createdAt: now,
    });
    const partner = await storeKey({
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "erp",
      sellerIds: [seller.id],
      access: "READ_WRITE",
      createdAt: now,
    });
    const live = await register(seller.id, operator.keyId);
    const ofRevoked = await register(seller.id, revoked.keyId);
    const ofPartner = await register(seller.id, partner.keyId);
    const ofFormerStaff = await register(seller.id, formerStaff.keyId);
    const ofRotated = await register(seller.id, rotated.keyId);
    const switchedOff = await register(seller.id, operator.keyId);
    const off = WebhookEndpointsRepo.disable(testDb(), switchedOff.endpoint, "REPEATED_FAILURES", now);
    if (!off.ok) throw new Error("disable refused");
    expect((await transactWrite(testDb().doc, off.writes)).ok).toBe(true);

    const ids = async () =>
      (await WebhookEndpointsRepo.listDeliverable(testDb(), seller.id, now)).endpoints.map((e) => e.endpointId).sort();
    const stillLive = [live, ofFormerStaff, ofRotated, ofRevoked, ofPartner].map((r) => r.endpoint.endpointId);
    expect(await ids()).toEqual(stillLive.sort());

    // The keys alone revoked, as before KEY_REVOKED (KeyRevocation.revokeKey also switches their endpoints off, which
    // would hide the rule read here): what the dispatcher decides from the key for an endpoint stored ENABLED.
    for (const key of [revoked, formerStaff, rotated])
      expect((await transactWrite(testDb().doc, [ApiKeys.revokeKeyWrite(testDb(), key.keyHash, now)])).ok).toBe(true);
    // The partner's grant no longer names the seller (the key item rewritten as a grant change would).
    await testDb().doc.send(
      new PutCommand({ TableName: testDb().tables.ApiKeys, Item: { ...partner, listing: "KEY", sellerIds: [] } }),
    );
    expect(await ids()).toEqual([live.endpoint.endpointId]);
  });

  it("a key the index does not hold yet: its new endpoint delivers, for a minute after it was written", async () => {
    const { seller } = await makeSeller();
    // A partner tool's key created a moment ago: the key index (eventually consistent) does not list it yet.
    const lagging = laggingReads(testDb());
    const keyId = `key_${ulid()}`;
    const keySecret = `test_${randomUUID()}`;
    await ApiKeys.putApiKey(lagging.db, keySecret, {
      role: "PARTNER",
      keyId,
      label: "new tool",
      sellerIds: [seller.id],
      access: "READ_WRITE",
      createdAt: now,
    });
    expect(await ApiKeys.findByKeyId(lagging.db, keyId)).toBeNull();
    const { endpoint } = await register(seller.id, keyId);
    const deliversAt = async (at: string) =>
      (await WebhookEndpointsRepo.listDeliverable(lagging.db, seller.id, at)).endpoints
        .map((e) => e.endpointId)
        .includes(endpoint.endpointId);
    // The events of that moment reach it: the key authenticated the registration a moment ago.
    expect(await deliversAt(now)).toBe(true);
    expect(await deliversAt(Time.addMs(now, Webhooks.OWNER_KEY_INDEX_LAG_MS - 1))).toBe(true);
    // A key still missing a minute later is not the index lagging: treated as revoked, as before.
    expect(await deliversAt(Time.addMs(now, Webhooks.OWNER_KEY_INDEX_LAG_MS))).toBe(false);
    // Once the index holds the key it decides, however late; revoked, the endpoint receives nothing, however new.
    lagging.catchUp();
    expect(await deliversAt(Time.addMs(now, 3_600_000))).toBe(true);
    const keyHash = (await ApiKeys.findByKeyId(testDb(), keyId))!.keyHash;
    expect((await transactWrite(testDb().doc, [ApiKeys.revokeKeyWrite(testDb(), keyHash, now)])).ok).toBe(true);
    expect(await deliversAt(now)).toBe(false);
  });

  it("listDeliverable costs one Query for the scope plus one key lookup per distinct owner", async () => {
    const { seller } = await makeSeller();
    const first = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "a", createdAt: now });
    const second = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "b", createdAt: now });
    for (const owner of [first, first, second, first]) await register(seller.id, owner.keyId);
    const { db, log } = instrumented(testDb());
    expect((await WebhookEndpointsRepo.listDeliverable(db, seller.id, now)).endpoints).toHaveLength(4);
    expect(log.commands).toEqual(["QueryCommand", "QueryCommand", "QueryCommand"]);
  });

  it("an operator scope is separate from every seller's, and only operator keys' endpoints deliver there", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const ops = await register(null, operator.keyId);
    expect(ops.endpoint.scope).toBe(Webhooks.OPERATOR_SCOPE);
    const deliverable = (await WebhookEndpointsRepo.listDeliverable(testDb(), Webhooks.OPERATOR_SCOPE, now)).endpoints;
    expect(deliverable.map((e) => e.endpointId)).toContain(ops.endpoint.endpointId);
    expect((await WebhookEndpointsRepo.listDeliverable(testDb(), seller.id, now)).endpoints).toEqual([]);
  });

  it("disable is a versioned write: a stale endpoint's write fails its condition", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const { endpoint } = await register(seller.id, operator.keyId);
    const first = WebhookEndpointsRepo.disable(testDb(), endpoint, "REPEATED_FAILURES", now);
    const second = WebhookEndpointsRepo.disable(testDb(), endpoint, "BY_OWNER", now);
    if (!first.ok || !second.ok) throw new Error("disable refused");
    expect(first.endpoint.version).toBe(2);
    expect((await transactWrite(testDb().doc, first.writes)).ok).toBe(true);
    expect(await transactWrite(testDb().doc, second.writes)).toEqual({ ok: false, failedConditions: [0] });
    const stored = await WebhookEndpointsRepo.get(testDb(), seller.id, endpoint.endpointId);
    expect(stored).toMatchObject({ status: "DISABLED", disabledReason: "REPEATED_FAILURES", version: 2 });
    // Switched off again by no more authority than the failure streak: refused; by its seller: taken over.
    expect(WebhookEndpointsRepo.disable(testDb(), stored!, "REPEATED_FAILURES", now).ok).toBe(false);
    expect(WebhookEndpointsRepo.disable(testDb(), stored!, "BY_OWNER", now)).toMatchObject({
      ok: true,
      endpoint: { disabledReason: "BY_OWNER", disabledBy: "SELLER", version: 3 },
    });
  });

  it("a rotation signs with both secrets until the overlap ends, then with the new one only", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const { endpoint, secret: first } = await register(seller.id, operator.keyId);
    const rotated = WebhookEndpointsRepo.rotateSecret({ endpoint, keyring, now, overlapMs: 3_600_000 });
    if (!rotated.ok) throw new Error(rotated.message);
    const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    expect(WebhookEndpointsRepo.signingSecrets(rotated.endpoint, keyring, later(1000))).toEqual([
      rotated.secret,
      first,
    ]);
    expect(WebhookEndpointsRepo.signingSecrets(rotated.endpoint, keyring, later(3_600_000))).toEqual([rotated.secret]);
    expect(WebhookEndpointsRepo.rotateSecret({ endpoint, keyring, now, overlapMs: 8 * 86_400_000 }).ok).toBe(false);
  });

  it("the scope counter refuses the registration past the cap, inside the transaction", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    for (let i = 0; i < Webhooks.MAX_ENDPOINTS_PER_SCOPE; i++) await register(seller.id, operator.keyId);
    const extra = preparedEndpoint(seller.id, operator.keyId);
    const result = await transactWrite(testDb().doc, WebhookEndpointsRepo.registerWrites(testDb(), extra.endpoint));
    expect(result).toEqual({ ok: false, failedConditions: [0] });
    const count = await testDb().doc.send(
      new GetCommand({ TableName: testDb().tables.WebhookEndpoints, Key: { pk: `SCOPE#${seller.id}`, sk: "COUNT" } }),
    );
    expect(count.Item?.registered).toBe(Webhooks.MAX_ENDPOINTS_PER_SCOPE);
  });
  it("a registration decided on a read of the scope lands only while the scope is as read (seenChanges)", async () => {
    const { seller } = await makeSeller();
    const operator = await storeKey({ role: "OPERATOR", keyId: `key_${ulid()}`, label: "ops", createdAt: now });
    const registerSeen = (seen: number) =>
      transactWrite(
        testDb().doc,
        WebhookEndpointsRepo.registerWrites(testDb(), preparedEndpoint(seller.id, operator.keyId).endpoint, seen),
      );

    // A new scope reads 0 changes; one registration landing since fails a decision made on that read.
    expect((await WebhookEndpointsRepo.listScopeForRegistration(testDb(), seller.id)).changes).toBe(0);
    const first = await register(seller.id, operator.keyId);
    expect(await registerSeen(0)).toEqual({ ok: false, failedConditions: [0] });
    const read = await WebhookEndpointsRepo.listScopeForRegistration(testDb(), seller.id);
    expect(read).toEqual({ endpoints: [first.endpoint], changes: 1 });

    // A deletion counts as a change too: the scope holds as many as it did, but not the same endpoints.
    await register(seller.id, operator.keyId);
    const result = await transactWrite(testDb().doc, WebhookEndpointsRepo.deleteWrites(testDb(), first.endpoint));
    expect(result.ok).toBe(true);
    expect(await registerSeen(2)).toEqual({ ok: false, failedConditions: [0] });
    expect((await registerSeen(3)).ok).toBe(true);
    expect((await WebhookEndpointsRepo.listScopeForRegistration(testDb(), seller.id)).changes).toBe(4);
  });
});
