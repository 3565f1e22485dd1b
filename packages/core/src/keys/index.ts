import { says } from "../i18n/schema-text";
import { text } from "../i18n/texts";
import type { KeyGrantRule } from "../i18n/texts-errors";
import * as z from "zod/mini";
import { ok, refuse, userError, type Result } from "../errors";
import { IdInput, plainCharacters, maxChars } from "../inputs";
import type { Instant } from "../time";

/**
 * API keys as operators manage them: who a key acts for, and whether it is still valid. The
 * secret itself never passes through here: the db layer stores only its SHA-256 hash and the
 * secret is shown once, when the key is created.
 */

export const KEY_ROLES = ["SELLER", "PARTNER", "MARKETPLACE", "OPERATOR"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

const Id = IdInput("sellerId");

export const CreateInput = z.lazy(() =>
  z.strictObject({
    role: z.enum(KEY_ROLES),
    label: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, says("schema.giveKeyLabel", {})),
        maxChars(100, says("schema.tooLong", { what: "label", max: 100 })),
        plainCharacters("label"),
      ),
    /** For a SELLER key: the seller it acts for. */
    sellerId: z.nullish(Id),
    /** For a PARTNER key, or a MARKETPLACE key without allSellers: the sellers it is granted. */
    sellerIds: z.nullish(
      z.array(Id).check(z.maxLength(1000, says("schema.atMost", { what: "keySellers", max: 1000 }))),
    ),
    /** For a MARKETPLACE key: every seller, present and future. */
    allSellers: z.nullish(z.boolean()),
    /** For a PARTNER key: read-only or read-write. */
    access: z.nullish(z.enum(["READ", "READ_WRITE"])),
  }),
);
export type CreateInput = z.output<typeof CreateInput>;

/** The grant a key carries, as stored. */
export type Grant =
  | { role: "SELLER"; sellerId: string }
  | { role: "PARTNER"; sellerIds: string[]; access: "READ" | "READ_WRITE" }
  | { role: "MARKETPLACE"; allSellers: boolean; sellerIds: string[] }
  | { role: "OPERATOR" };

/** The sellers a grant names, each of which must exist: a seller key's one, a partner's or marketplace's list. */
export function grantedSellerIds(grant: Grant): string[] {
  if (grant.role === "SELLER") return [grant.sellerId];
  if (grant.role === "PARTNER" || grant.role === "MARKETPLACE") return grant.sellerIds;
  return [];
}

const grant = (rule: KeyGrantRule) => text("refusal.key.grant", { rule });

/** Checks that each role gets exactly the grant fields it needs. */
export function decideGrant(input: CreateInput): Result<Grant> {
  switch (input.role) {
    case "SELLER":
      if (!input.sellerId) return refuse(userError("INVALID_INPUT", grant("sellerNeedsSeller"), ["input", "sellerId"]));
      if (input.sellerIds || input.access || input.allSellers)
        return refuse(userError("INVALID_INPUT", grant("sellerNoGrant"), ["input", "sellerIds"]));
      return ok({ role: "SELLER", sellerId: input.sellerId });
    case "PARTNER": {
      const sellerIds = [...new Set(input.sellerIds ?? [])];
      if (sellerIds.length === 0)
        return refuse(userError("INVALID_INPUT", grant("partnerAtLeastOne"), ["input", "sellerIds"]));
      if (input.sellerId)
        return refuse(userError("INVALID_INPUT", grant("partnerUsesSellerIds"), ["input", "sellerId"]));
      if (input.allSellers) return refuse(userError("INVALID_INPUT", grant("partnerNotAll"), ["input", "allSellers"]));
      return ok({ role: "PARTNER", sellerIds, access: input.access ?? "READ" });
    }
    case "MARKETPLACE": {
      const sellerIds = [...new Set(input.sellerIds ?? [])];
      if (input.sellerId)
        return refuse(userError("INVALID_INPUT", grant("marketplaceUsesSellerIds"), ["input", "sellerId"]));
      if (input.access) return refuse(userError("INVALID_INPUT", grant("marketplaceNoAccess"), ["input", "access"]));
      if (input.allSellers && sellerIds.length > 0)
        return refuse(userError("INVALID_INPUT", grant("allOrList"), ["input", "sellerIds"]));
      if (!input.allSellers && sellerIds.length === 0)
        return refuse(userError("INVALID_INPUT", grant("marketplaceNeedsGrant"), ["input", "sellerIds"]));
      return ok({ role: "MARKETPLACE", allSellers: input.allSellers ?? false, sellerIds });
    }
    case "OPERATOR":
      if (input.sellerId || input.sellerIds || input.access || input.allSellers) {
        return refuse(userError("INVALID_INPUT", grant("operatorNoGrant"), ["input", "role"]));
      }
      return ok({ role: "OPERATOR" });
    default: {
      const unexpected: never = input.role;
      throw new Error(`Unknown role ${String(unexpected)}`);
    }
  }
}

export const RevokeInput = z.lazy(() => z.strictObject({ keyId: Id }));

/** A key already revoked stays revoked: revoking twice changes nothing and says so. */
export function checkRevocable(key: { revokedAt?: Instant | null }): Result<true> {
  if (key.revokedAt)
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.key.alreadyRevoked", { revokedAt: key.revokedAt }), [
        "input",
        "keyId",
      ]),
    );
  return ok(true);
}
