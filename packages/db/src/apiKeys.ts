import { createHash, randomBytes } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Principal } from "@seller-ops/core";
import type { Db } from "./context";

/**
 * API keys. Only the SHA-256 hash of a secret is stored (it is the table key), so a leaked table
 * reveals no usable key. The secret is shown once, when the key is created.
 */
export const ApiKeyRecord = z.discriminatedUnion("role", [
  z.object({ role: z.literal("SELLER"), keyHash: z.string(), keyId: z.string(), label: z.string(), sellerId: z.string(), createdAt: z.string(), revokedAt: z.string().nullish() }),
  z.object({ role: z.literal("PARTNER"), keyHash: z.string(), keyId: z.string(), label: z.string(), sellerIds: z.array(z.string()), access: z.enum(["READ", "READ_WRITE"]), createdAt: z.string(), revokedAt: z.string().nullish() }),
  z.object({ role: z.literal("OPERATOR"), keyHash: z.string(), keyId: z.string(), label: z.string(), createdAt: z.string(), revokedAt: z.string().nullish() }),
]);
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** A new random secret: `sk_` + 32 random bytes, base64url. */
export function newSecret(): string {
  return `sk_${randomBytes(32).toString("base64url")}`;
}

/** The principal a secret stands for, or null when it is unknown or revoked. */
export async function principalForSecret(db: Db, secret: string): Promise<Principal | null> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tables.ApiKeys, Key: { keyHash: hashSecret(secret) } }));
  if (!result.Item) return null;
  const record = ApiKeyRecord.parse(result.Item);
  if (record.revokedAt) return null;
  switch (record.role) {
    case "SELLER":
      return { role: "SELLER", principalId: record.keyId, sellerId: record.sellerId };
    case "PARTNER":
      return { role: "PARTNER", principalId: record.keyId, sellerIds: record.sellerIds, access: record.access };
    case "OPERATOR":
      return { role: "OPERATOR", principalId: record.keyId };
  }
}

/** Stores a key for a secret the caller generated (or a fixed local demo secret); idempotent on the hash. */
export type NewApiKey = ApiKeyRecord extends infer R ? (R extends ApiKeyRecord ? Omit<R, "keyHash"> : never) : never;

export async function putApiKey(db: Db, secret: string, record: NewApiKey): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tables.ApiKeys,
      Item: ApiKeyRecord.parse({ ...record, keyHash: hashSecret(secret) }),
      ConditionExpression: "attribute_not_exists(keyHash)",
    }),
  ).catch((error: Error) => {
    if (error.name !== "ConditionalCheckFailedException") throw error;
  });
}
