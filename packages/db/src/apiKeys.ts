import { createHash, randomBytes } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import * as z from "zod/mini";
import { Events, type Principal } from "@seller-ops/core";
import type { Db } from "./context";
import { CursorError, type StartKey } from "./cursor";
import * as EventsRepo from "./events";
import { queryPage, type Page, type PageRequest } from "./pagination";
import { stamped, readItem } from "./shapes";
import { isConditionFailed, transactWrite, type TransactItem } from "./transact";

/**
 * API keys. Only the SHA-256 hash of a secret is stored (it is the table key), so a leaked table
 * reveals no usable key. The secret is shown once, when the key is created.
 */
export const ApiKeyRecord = z.discriminatedUnion("role", [
  z.object({
    role: z.literal("SELLER"),
    keyHash: z.string(),
    keyId: z.string(),
    label: z.string(),
    sellerId: z.string(),
    createdAt: z.string(),
    revokedAt: z.nullish(z.string()),
  }),
  z.object({
    role: z.literal("PARTNER"),
    keyHash: z.string(),
    keyId: z.string(),
    label: z.string(),
    sellerIds: z.array(z.string()),
    access: z.enum(["READ", "READ_WRITE"]),
    /** Set by migration apiKey-2 on read-write keys issued when partner keys could also act for the buyer. */
    formerlyBuyerSide: z.optional(z.boolean()),
    createdAt: z.string(),
    revokedAt: z.nullish(z.string()),
  }),
  z.object({
    role: z.literal("MARKETPLACE"),
    keyHash: z.string(),
    keyId: z.string(),
    label: z.string(),
    allSellers: z.boolean(),
    sellerIds: z.array(z.string()),
    createdAt: z.string(),
    revokedAt: z.nullish(z.string()),
  }),
  z.object({
    role: z.literal("OPERATOR"),
    keyHash: z.string(),
    keyId: z.string(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.nullish(z.string()),
  }),
]);
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

/** A stored key, brought to the current shape and parsed. */
export function keyFromItem(raw: Record<string, unknown>): ApiKeyRecord {
  return readItem("apiKey", ApiKeyRecord, raw);
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A new random secret: `sk_` + 32 random bytes, base64url. */
export function newSecret(): string {
  return `sk_${randomBytes(32).toString("base64url")}`;
}

/**
 * The principal a secret stands for, or null when it is unknown or revoked. Strongly consistent: a key is revoked to
 * shut off a leak, so the next request with it must be UNAUTHENTICATED, not served by a replica that has not seen the
 * revocation yet (one read unit instead of half, for a key item under 4 KB).
 */
export async function principalForSecret(db: Db, secret: string): Promise<Principal | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.ApiKeys, Key: { keyHash: hashSecret(secret) }, ConsistentRead: true }),
  );
  return result.Item ? principalOf(keyFromItem(result.Item)) : null;
}

/** The principal a stored key stands for, or null when it is revoked. */
export function principalOf(record: ApiKeyRecord): Principal | null {
  return record.revokedAt ? null : grantOf(record);
}

/** What a stored key was issued to act as, revoked or not (who registered a webhook endpoint: webhookEndpoints.ts). */
export function grantOf(record: ApiKeyRecord): Principal {
  switch (record.role) {
    case "SELLER":
      return { role: "SELLER", principalId: record.keyId, sellerId: record.sellerId };
    case "PARTNER":
      return { role: "PARTNER", principalId: record.keyId, sellerIds: record.sellerIds, access: record.access };
    case "MARKETPLACE":
      return {
        role: "MARKETPLACE",
        principalId: record.keyId,
        allSellers: record.allSellers,
        sellerIds: record.sellerIds,
      };
    case "OPERATOR":
      return { role: "OPERATOR", principalId: record.keyId };
  }
}

/** Stores a key for a secret the caller generated (or a fixed local demo secret); idempotent on the hash. */
export type NewApiKey = ApiKeyRecord extends infer R ? (R extends ApiKeyRecord ? Omit<R, "keyHash"> : never) : never;

/** Every key carries the same `listing` value: the one partition of the operators' key list. */
const LISTING = "KEY";

export async function putApiKey(db: Db, secret: string, record: NewApiKey): Promise<void> {
  await db.doc
    .send(
      new PutCommand({
        TableName: db.tables.ApiKeys,
        Item: stamped(
          "apiKey",
          withoutRevocation({ ...ApiKeyRecord.parse({ ...record, keyHash: hashSecret(secret) }), listing: LISTING }),
        ),
        ConditionExpression: "attribute_not_exists(keyHash)",
      }),
    )
    .catch((error: Error) => {
      if (!isConditionFailed(error)) throw error;
    });
}

/** What an operator sees of a key: everything but the hash (and the secret, which is never stored). */
export type KeyView = ApiKeyRecord extends infer R ? (R extends ApiKeyRecord ? Omit<R, "keyHash"> : never) : never;

const view = (raw: Record<string, unknown>): KeyView => {
  const { keyHash: _hash, ...rest } = keyFromItem(raw);
  return rest;
};

/** The actor of the maintenance tool's key changes in the event log. */
const TOOL_ACTOR = Events.toolActor("keys");
// Revoking a key, with the webhook endpoints it registered: keyRevocation.ts.

/**
 * Creates a key with a new random secret and returns the secret: the only time it exists
 * outside the caller's hands. The key id is a ULID, so the key list is in creation order. Records
 * its `API_KEY_CREATED` event in the same transaction, as the `createApiKey` mutation does. For the
 * maintenance tool (`npm run keys`), whose actor is named by `actorKeyId`.
 */
export async function createKey(
  db: Db,
  args: { grant: NewApiKeyGrant; label: string; now: string; actorKeyId?: string },
): Promise<{ secret: string; key: KeyView }> {
  const prepared = prepareKey(args.grant, args.label, args.now);
  const event = Events.apiKeyEvent({ type: "API_KEY_CREATED", key: prepared.key });
  const { writes } = EventsRepo.writesFor(db, {
    drafts: [event],
    occurredAt: args.now,
    actorKeyId: args.actorKeyId ?? TOOL_ACTOR,
  });
  const result = await transactWrite(db.doc, [createKeyWrite(db, prepared), ...writes]);
  if (!result.ok) throw new Error("A fresh 32-byte secret collided with an existing key; nothing was stored.");
  return prepared;
}

/** A new key's secret and record, not yet stored (the API stores it in its mutation's transaction). */
export function prepareKey(grant: NewApiKeyGrant, label: string, now: string): { secret: string; key: KeyView } {
  return {
    secret: newSecret(),
    key: { ...grant, keyId: `key_${ulid(Date.parse(now))}`, label, createdAt: now, revokedAt: null } as KeyView,
  };
}

/** The write that stores a prepared key: only its hash, only if the hash is new. */
export function createKeyWrite(db: Db, prepared: { secret: string; key: KeyView }): TransactItem {
  return {
    Put: {
      TableName: db.tables.ApiKeys,
      Item: stamped(
        "apiKey",
        withoutRevocation({
          ...ApiKeyRecord.parse({ ...prepared.key, keyHash: hashSecret(prepared.secret) }),
          listing: LISTING,
        }),
      ),
      ConditionExpression: "attribute_not_exists(keyHash)",
    },
  };
}

/** A live key has no `revokedAt` attribute at all (revocation is conditioned on its absence). */
function withoutRevocation<T extends { revokedAt?: string | null }>(item: T): T {
  const { revokedAt, ...rest } = item;
  return (revokedAt ? item : rest) as T;
}

/** The write that revokes a key, only if it is not revoked yet. */
export function revokeKeyWrite(db: Db, keyHash: string, now: string): TransactItem {
  return {
    Update: {
      TableName: db.tables.ApiKeys,
      Key: { keyHash },
      UpdateExpression: "SET revokedAt = :now",
      ConditionExpression: "attribute_exists(keyHash) AND attribute_not_exists(revokedAt)",
      ExpressionAttributeValues: { ":now": now },
    },
  };
}
export type NewApiKeyGrant =
  | { role: "SELLER"; sellerId: string }
  | { role: "PARTNER"; sellerIds: string[]; access: "READ" | "READ_WRITE" }
  | { role: "MARKETPLACE"; allSellers: boolean; sellerIds: string[] }
  | { role: "OPERATOR" };

/**
 * The operators' key list, oldest first (the index's sort key is the key id, a ULID). A page starts after a key id
 * (`keyId > :after`), not at DynamoDB's start key: that one holds the table's key, the SHA-256 of the secret, which
 * a cursor (signed, not encrypted) would show to whoever holds it. Key ids are unique, so the pages are exact.
 */
export async function listKeys(db: Db, page: PageRequest): Promise<Page<KeyView>> {
  const after = page.after ? keyIdAfter(page.after) : null;
  const listed = await queryPage(
    db,
    {
      TableName: db.tables.ApiKeys,
      IndexName: "apiKeysByKeyId",
      KeyConditionExpression: after === null ? "listing = :listing" : "listing = :listing AND keyId > :after",
      ExpressionAttributeValues: { ":listing": LISTING, ...(after !== null && { ":after": after }) },
    },
    { first: page.first, after: null },
    ["keyId"],
    view,
  );
  // A page stopped by the call cap resumes at DynamoDB's start key, hash included: its key id resumes there too.
  return { ...listed, resumeKey: listed.resumeKey && { keyId: String(listed.resumeKey.keyId) } };
}

/** The key id a page of keys starts after; a cursor of any other form (one holding a hash) is refused. */
function keyIdAfter(key: StartKey): string {
  const { keyId, ...rest } = key;
  if (typeof keyId !== "string" || keyId === "" || keyId.length > 1024 || Object.keys(rest).length > 0)
    throw new CursorError("malformed");
  return keyId;
}

/** A key by its id, with its hash (to revoke it). */
export async function findByKeyId(db: Db, keyId: string): Promise<ApiKeyRecord | null> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.ApiKeys,
      IndexName: "apiKeysByKeyId",
      KeyConditionExpression: "listing = :listing AND keyId = :keyId",
      ExpressionAttributeValues: { ":listing": LISTING, ":keyId": keyId },
    }),
  );
  const item = result.Items?.[0];
  return item ? keyFromItem(item) : null;
}
