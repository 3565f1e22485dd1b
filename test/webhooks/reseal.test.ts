import { randomBytes } from "node:crypto";
import { Webhooks } from "@seller-ops/core";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { Idempotency, storedPayloadOf, transactWrite, WebhookEndpointsRepo, type Db } from "@seller-ops/db";
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

/** A new endpoint of `sellerId` (null: the platform's), its signing secret sealed under `keyring`. */
const prepare = (sellerId: string | null, keyring: Webhooks.Keyring, now: string) =>
  WebhookEndpointsRepo.prepareEndpoint({
    endpointId: `whe_${ulid()}`,
    sellerId,
    url: "https://erp.example.com/hooks",
    eventTypes: [],
    ownerKeyId: "key_x",
    keyring,
    now,
  });

describe("npm run webhooks:reseal", () => {
  it("re-seals every secret under the new key, keeps them, bumps each version once, and is idempotent", async () => {
    const db = await isolatedTables("reseal");
    const now = testEpoch().toISOString();
    const old = Webhooks.keyringFrom(OLD);
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const secrets: Record<string, string[]> = {};
    for (const sellerId of ["sel_a", "sel_b", null]) {
      const prepared = prepare(sellerId, old, now);
      const rotated = WebhookEndpointsRepo.rotateSecret({ endpoint: prepared.endpoint, keyring: old, now });
      if (!rotated.ok) throw new Error(rotated.message);
      await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, rotated.endpoint));
      secrets[prepared.endpoint.endpointId] = [rotated.secret, prepared.secret];
    }

    expect((await resealAll(db, both)).endpoints).toEqual({
      scanned: 3,
      resealed: 3,
      current: 0,
      conflicts: 0,
      unreadable: [],
      unopenable: [],
    });
    expect((await resealAll(db, both)).endpoints).toEqual({
      scanned: 3,
      resealed: 0,
      current: 3,
      conflicts: 0,
      unreadable: [],
      unopenable: [],
    });

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
    const prepared = prepare("sel_a", old, now);
    await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
    const readBefore = (await WebhookEndpointsRepo.get(db, "sel_a", prepared.endpoint.endpointId))!;

    expect((await resealAll(db, both)).endpoints).toMatchObject({ resealed: 1 });
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
      const prepared = prepare(sellerId, old, now);
      await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
      endpoints.push(prepared.endpoint);
    }
    const [unreadable, readable] = endpoints as [Webhooks.WebhookEndpoint, Webhooks.WebhookEndpoint];
    await overwriteEndpointItem(db, unreadable);

    expect((await resealAll(db, both)).endpoints).toEqual({
      scanned: 2,
      resealed: 1,
      current: 0,
      conflicts: 0,
      unreadable: [`sel_a/${unreadable.endpointId}`],
      unopenable: [],
    });
    expect((await WebhookEndpointsRepo.get(db, "sel_b", readable.endpointId))!.version).toBe(2);
  });

  it("names an endpoint whose secret no key of the keyring opens, leaves it, and re-seals the others", async () => {
    const db = await isolatedTables("reseal");
    const now = testEpoch().toISOString();
    const retired = Webhooks.keyringFrom("retired-webhook-key-secret-0123456789ab");
    const endpoints: Webhooks.WebhookEndpoint[] = [];
    for (const [sellerId, keyring] of [
      ["sel_a", retired],
      ["sel_b", Webhooks.keyringFrom(OLD)],
    ] as const) {
      const prepared = prepare(sellerId, keyring, now);
      await transactWrite(db.doc, WebhookEndpointsRepo.registerWrites(db, prepared.endpoint));
      endpoints.push(prepared.endpoint);
    }
    const [lost, kept] = endpoints as [Webhooks.WebhookEndpoint, Webhooks.WebhookEndpoint];
    expect((await resealAll(db, Webhooks.keyringFrom(`${NEW} ${OLD}`))).endpoints).toEqual({
      scanned: 2,
      resealed: 1,
      current: 0,
      conflicts: 0,
      unreadable: [],
      unopenable: [`sel_a/${lost.endpointId}`],
    });
    expect((await WebhookEndpointsRepo.get(db, "sel_a", lost.endpointId))!.version).toBe(lost.version);
    expect((await WebhookEndpointsRepo.get(db, "sel_b", kept.endpointId))!.version).toBe(kept.version + 1);
  });

  it("re-seals a key's record's secret; a record changed meanwhile is a conflict, never overwritten", async () => {
    const db = await isolatedTables("reseal");
    const old = Webhooks.keyringFrom(OLD);
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const at = testEpoch().toISOString();
    const scope = { principalId: "key_partner", mutation: "rotateWebhookSecret", key: "rotate-0001" };
    await Idempotency.record(db, scope, { requestHash: "h1", payload: rotationAnswer("whe_1", "s1", old), at });
    // The record expires and the key is used again (a new answer) while the tool is between its read and its write.
    const later = new Date(testEpoch().getTime() + 25 * 3_600_000).toISOString();
    const newer = rotationAnswer("whe_1", "s2", old);
    const changing = beforeFirstWrite(db, async () => {
      expect(await Idempotency.record(db, scope, { requestHash: "h2", payload: newer, at: later })).toBe(true);
    });

    expect((await resealAll(changing, both)).answers).toMatchObject({ scanned: 1, resealed: 0, conflicts: 1 });
    expect(await answerOf(db, scope)).toEqual(newer);
    // Run again: it re-reads the record and re-seals what it keeps now.
    expect((await resealAll(db, both)).answers).toMatchObject({ scanned: 1, resealed: 1, conflicts: 0 });
    const resealed = (await answerOf(db, scope)) as { sealedSigningSecret: string };
    expect(Webhooks.unseal({ sealed: resealed.sealedSigningSecret, keyring: onlyNew(), context: "whe_1" })).toBe("s2");
  });

  it("writes nothing to a record without a sealed secret, one sealed under NEW, or one no key opens", async () => {
    const db = await isolatedTables("reseal");
    const both = Webhooks.keyringFrom(`${NEW} ${OLD}`);
    const gone = Webhooks.keyringFrom("a-key-retired-before-this-one-0123456789");
    const at = testEpoch().toISOString();
    const refused = { webhookEndpoint: null, signingSecret: null, userErrors: [{ code: "NOT_FOUND" }] };
    const records = [
      [{ principalId: "key_p", mutation: "rotateWebhookSecret", key: "rotate-refused" }, refused],
      [
        { principalId: "key_p", mutation: "registerWebhookEndpoint", key: "register-new" },
        rotationAnswer("whe_2", "s", both),
      ],
      [{ principalId: "key_p", mutation: "updateWebhookEndpoint", key: "update-0001" }, { webhookEndpoint: null }],
      // Sealed under a key retired before this rotation: no key opens it, so it is counted and left as it is.
      [
        { principalId: "key_p", mutation: "rotateWebhookSecret", key: "rotate-older" },
        rotationAnswer("whe_3", "s", gone),
      ],
    ] as const;
    for (const [scope, payload] of records) await Idempotency.record(db, scope, { requestHash: "h", payload, at });
    const before = await Promise.all(records.map(([scope]) => rawRecord(db, scope)));
    const writes: string[] = [];
    const counting = { ...db, doc: Object.create(db.doc) as Db["doc"] };
    counting.doc.send = ((command: { constructor: { name: string } }) => {
      if (!/^(Get|Scan|Query)/.test(command.constructor.name)) writes.push(command.constructor.name);
      return db.doc.send(command as never);
    }) as Db["doc"]["send"];

    expect((await resealAll(counting, both)).answers).toEqual({
      scanned: 3,
      resealed: 0,
      current: 1,
      withoutSecret: 1,
      conflicts: 0,
      unopenable: 1,
    });
    expect(writes).toEqual([]);
    expect(await Promise.all(records.map(([scope]) => rawRecord(db, scope)))).toEqual(before);
  });
});

const onlyNew = () => Webhooks.keyringFrom(NEW);

/** A rotation's answer as its key's record keeps it: the secret sealed for the endpoint, none in the clear. */
function rotationAnswer(endpointId: string, secret: string, keyring: Webhooks.Keyring) {
  const sealed = Webhooks.seal({ plaintext: secret, keyring, context: endpointId, iv: randomBytes(12) });
  return {
    webhookEndpoint: { endpointId, version: 2 },
    signingSecret: null,
    sealedSigningSecret: sealed,
    userErrors: [],
  };
}

async function rawRecord(db: Db, scope: Idempotency.IdempotencyScope) {
  const key = { pk: Idempotency.scopeId(scope) };
  return (await db.doc.send(new GetCommand({ TableName: db.tables.Idempotency, Key: key, ConsistentRead: true }))).Item;
}

const answerOf = async (db: Db, scope: Idempotency.IdempotencyScope) => storedPayloadOf((await rawRecord(db, scope))!);

/** The same tables, `change` run right before the tool's first transaction (between its read and its write). */
function beforeFirstWrite(db: Db, change: () => Promise<void>): Db {
  let done = false;
  const doc = Object.create(db.doc) as Db["doc"];
  doc.send = (async (command: unknown) => {
    if (!done && command instanceof TransactWriteCommand) {
      done = true;
      await change();
    }
    return db.doc.send(command as never);
  }) as Db["doc"]["send"];
  return { ...db, doc };
}
