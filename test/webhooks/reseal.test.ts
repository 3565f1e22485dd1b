import { Webhooks } from "@seller-ops/core";
import { transactWrite, WebhookEndpointsRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { resealAll } from "../../tools/reseal-webhook-secrets";
import { testEpoch } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { overwriteEndpointItem } from "../support/webhooks";

/**
 * Rotating the key that seals signing secrets: with the secret set to `NEW OLD`, `npm run
 * webhooks:reseal` moves every endpoint to NEW, after which NEW alone opens every secret.
 */

const OLD = "old-webhook-key-secret-0123456789abcdef";
const NEW = "new-webhook-key-secret-fedcba9876543210";

describe("npm run webhooks:reseal", () => {
  it("re-seals every secret under the new key, keeps them, bumps each version once, and is idempotent", async () => {
    const db = await isolatedTables("reseal");
    const now = testEpoch().toISOString();
    const old = Webhooks.keyringFrom(OLD);
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const secrets: Record<string, string[]> = {};
    for (const sellerId of ["sel_a", "sel_b", null]) {
      const prepared = WebhookEndpointsRepo.prepareEndpoint({
        endpointId: `whe_${ulid()}`,
        sellerId,
        url: "https://erp.example.com/hooks",
        eventTypes: [],
        ownerKeyId: "key_x",
        keyring: old,
        now,
      });
      const rotated = WebhookEndpointsRepo.rotateSecret({ endpoint: prepared.endpoint, keyring: old, now });
      if (!rotated.ok) throw new Error(rotated.message);
      await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, rotated.endpoint));
      secrets[prepared.endpoint.endpointId] = [rotated.secret, prepared.secret];
    }

    expect(await resealAll(db, both)).toEqual({ scanned: 3, resealed: 3, current: 0, conflicts: 0, unreadable: [] });
    expect(await resealAll(db, both)).toEqual({ scanned: 3, resealed: 0, current: 3, conflicts: 0, unreadable: [] });

    const onlyNew = Webhooks.keyringFrom(NEW);
    for (const [endpointId, plain] of Object.entries(secrets)) {
      const scope = (
        await Promise.all(
          ["sel_a", "sel_b", Webhooks.OPERATOR_SCOPE].map((s) => WebhookEndpointsRepo.get(db, s, endpointId)),
        )
      ).find(Boolean)!;
      expect(scope.version).toBe(2);
      expect(scope.secrets.map((s) => Webhooks.sealedKeyId(s.sealed))).toEqual([
        onlyNew.currentKeyId,
        onlyNew.currentKeyId,
      ]);
      expect(WebhookEndpointsRepo.signingSecrets(scope, onlyNew, now)).toEqual(plain);
    }
  });
  it("a change decided from a read before the re-seal fails its version check (no old-key seal returns)", async () => {
    const db = await isolatedTables("reseal");
    const now = testEpoch().toISOString();
    const old = Webhooks.keyringFrom(OLD);
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const prepared = WebhookEndpointsRepo.prepareEndpoint({
      endpointId: `whe_${ulid()}`,
      sellerId: "sel_a",
      url: "https://erp.example.com/hooks",
      eventTypes: [],
      ownerKeyId: "key_x",
      keyring: old,
      now,
    });
    await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
    const readBefore = (await WebhookEndpointsRepo.get(db, "sel_a", prepared.endpoint.endpointId))!;

    expect(await resealAll(db, both)).toMatchObject({ resealed: 1 });
    const stale = WebhookEndpointsRepo.changeWrite(db, readBefore, { ...readBefore, eventTypes: ["ORDER_SHIPPED"] });
    expect((await transactWrite(db.doc, [stale.write])).ok).toBe(false);

    const stored = (await WebhookEndpointsRepo.get(db, "sel_a", prepared.endpoint.endpointId))!;
    expect(stored.secrets.map((s) => Webhooks.sealedKeyId(s.sealed))).toEqual([both.currentKeyId]);
    expect(WebhookEndpointsRepo.signingSecrets(stored, Webhooks.keyringFrom(NEW), now)).toEqual([prepared.secret]);
  });
  it("lists an endpoint item it cannot read and leaves it as it is; the others are re-sealed", async () => {
    const db = await isolatedTables("reseal");
    const now = testEpoch().toISOString();
    const old = Webhooks.keyringFrom(OLD);
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const endpoints = [];
    for (const sellerId of ["sel_a", "sel_b"]) {
      const prepared = WebhookEndpointsRepo.prepareEndpoint({
        endpointId: `whe_${ulid()}`,
        sellerId,
        url: "https://erp.example.com/hooks",
        eventTypes: [],
        ownerKeyId: "key_x",
        keyring: old,
        now,
      });
      await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
      endpoints.push(prepared.endpoint);
    }
    const [unreadable, readable] = endpoints as [Webhooks.WebhookEndpoint, Webhooks.WebhookEndpoint];
    await overwriteEndpointItem(db, unreadable);

    expect(await resealAll(db, both)).toEqual({
      scanned: 2,
      resealed: 1,
      current: 0,
      conflicts: 0,
      unreadable: [`sel_a/${unreadable.endpointId}`],
    });
    expect((await WebhookEndpointsRepo.get(db, "sel_b", readable.endpointId))!.version).toBe(2);
  });
});
