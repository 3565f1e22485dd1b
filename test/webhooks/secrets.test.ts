import { randomBytes } from "node:crypto";
import { configFromEnv } from "@seller-ops/api";
import { Webhooks } from "@seller-ops/core";
import { describe, expect, it } from "vitest";

/** Signing secrets sealed at rest under a key outside the table, rotated with an overlap. */

const iv = () => randomBytes(12);
const keyA = "first-webhook-key-secret-0123456789";
const keyB = "second-webhook-key-secret-9876543210";

describe("sealed signing secrets", () => {
  const ring = Webhooks.keyringFrom(keyA);
  const secret = Webhooks.signingSecretFrom(randomBytes(32));

  it("a new secret is whsec_ and 32 random bytes; sealing it stores neither the secret nor the key", () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const sealed = Webhooks.seal({ plaintext: secret, keyring: ring, context: "ep_1", iv: iv() });
    expect(sealed).toMatch(/^whsealed1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 20));
    expect(Webhooks.sealedKeyId(sealed)).toBe(ring.currentKeyId);
    expect(Webhooks.unseal({ sealed, keyring: ring, context: "ep_1" })).toBe(secret);
    // Two seals of one secret differ (fresh IVs): equal ciphertexts would reveal equal secrets.
    expect(Webhooks.seal({ plaintext: secret, keyring: ring, context: "ep_1", iv: iv() })).not.toBe(sealed);
  });

  it("does not open under another endpoint, another key, or with any byte changed", () => {
    const sealed = Webhooks.seal({ plaintext: secret, keyring: ring, context: "ep_1", iv: iv() });
    expect(() => Webhooks.unseal({ sealed, keyring: ring, context: "ep_2" })).toThrow(Webhooks.SealError);
    expect(() => Webhooks.unseal({ sealed, keyring: Webhooks.keyringFrom(keyB), context: "ep_1" })).toThrow(
      /not in the keyring/,
    );
    const parts = sealed.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts.slice(0, index), bytes.toString("base64url"), ...parts.slice(index + 1)].join(".");
      expect(() => Webhooks.unseal({ sealed: tampered, keyring: ring, context: "ep_1" }), `part ${index}`).toThrow(
        Webhooks.SealError,
      );
    }
    expect(() => Webhooks.seal({ plaintext: secret, keyring: ring, context: "ep_1", iv: Buffer.alloc(8) })).toThrow(
      /12 random bytes/,
    );
  });

  it("the key rotates: NEW OLD seals with NEW and opens both; reseal moves an old secret to NEW", () => {
    const old = Webhooks.seal({ plaintext: secret, keyring: ring, context: "ep_1", iv: iv() });
    const both = Webhooks.keyringFrom(`${keyB} ${keyA}`);
    expect(both.currentKeyId).toBe(Webhooks.keyringFrom(keyB).currentKeyId);
    expect(Webhooks.unseal({ sealed: old, keyring: both, context: "ep_1" })).toBe(secret);
    const moved = Webhooks.reseal({ sealed: old, keyring: both, context: "ep_1", iv: iv() });
    expect(Webhooks.sealedKeyId(moved)).toBe(both.currentKeyId);
    expect(Webhooks.reseal({ sealed: moved, keyring: both, context: "ep_1", iv: iv() })).toBe(moved);
    expect(Webhooks.unseal({ sealed: moved, keyring: Webhooks.keyringFrom(keyB), context: "ep_1" })).toBe(secret);
    expect(() => Webhooks.keyringFrom("short")).toThrow(/16 characters/);
    expect(() => Webhooks.keyringFrom("  ")).toThrow(/empty/);
  });

  it("the key comes from the WebhookSecretKey link; required in production, a local one in development", () => {
    const cursor = { SST_RESOURCE_CursorSecret: JSON.stringify({ value: "a-production-cursor-secret" }) };
    expect(() => configFromEnv({ APP_MODE: "production", ...cursor })).toThrow(/WebhookSecretKey/);
    const production = configFromEnv({
      APP_MODE: "production",
      ...cursor,
      SST_RESOURCE_WebhookSecretKey: JSON.stringify({ value: keyA }),
    });
    expect(production.webhooks.keyring.currentKeyId).toBe(ring.currentKeyId);
    expect(production.webhooks.allowLocalEndpoints).toBe(false);
    const development = configFromEnv({});
    expect(development.webhooks.allowLocalEndpoints).toBe(false);
    expect(configFromEnv({ WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true" }).webhooks.allowLocalEndpoints).toBe(true);
    const productionAskingLocal = configFromEnv({
      APP_MODE: "production",
      ...cursor,
      SST_RESOURCE_WebhookSecretKey: JSON.stringify({ value: keyA }),
      WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true",
    });
    expect(productionAskingLocal.webhooks.allowLocalEndpoints).toBe(false);
    expect(development.webhooks.keyring.currentKeyId).not.toBe(ring.currentKeyId);
  });
});

describe("secret rotation with an overlap", () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000).toISOString();
  const first: Webhooks.EndpointSecret = { sealed: "sealed-1", createdAt: at(0), expiresAt: null };

  it("the new and the previous secret both sign until the overlap ends, then only the new one", () => {
    const rotated = Webhooks.rotate({ secrets: [first], added: "sealed-2", now: at(10), overlapMs: 24 * 3_600_000 });
    expect(rotated.ok).toBe(true);
    if (!rotated.ok) return;
    const signing = (hours: number) =>
      Webhooks.signingAt({ secrets: rotated.secrets, now: at(hours) }).map((s) => s.sealed);
    expect(signing(10)).toEqual(["sealed-2", "sealed-1"]);
    expect(signing(33.99)).toEqual(["sealed-2", "sealed-1"]);
    expect(signing(34)).toEqual(["sealed-2"]);
  });

  it("rotating again during an overlap ends the oldest secret at once: never more than two sign", () => {
    const once = Webhooks.rotate({ secrets: [first], added: "sealed-2", now: at(10) });
    if (!once.ok) throw new Error(once.message);
    const twice = Webhooks.rotate({ secrets: once.secrets, added: "sealed-3", now: at(11) });
    if (!twice.ok) throw new Error(twice.message);
    expect(Webhooks.signingAt({ secrets: twice.secrets, now: at(11) }).map((s) => s.sealed)).toEqual([
      "sealed-3",
      "sealed-2",
    ]);
    expect(twice.secrets).toHaveLength(2);
  });

  it("an overlap of 0 ends the previous secret now; more than 7 days is refused", () => {
    const now = Webhooks.rotate({ secrets: [first], added: "sealed-2", now: at(10), overlapMs: 0 });
    if (!now.ok) throw new Error(now.message);
    expect(Webhooks.signingAt({ secrets: now.secrets, now: at(10) }).map((s) => s.sealed)).toEqual(["sealed-2"]);
    expect(Webhooks.rotate({ secrets: [first], added: "x", now: at(10), overlapMs: 7 * 24 * 3_600_000 + 1 }).ok).toBe(
      false,
    );
    expect(Webhooks.rotate({ secrets: [first], added: "x", now: at(10), overlapMs: -1 }).ok).toBe(false);
  });
});
