import * as z from "zod";
import { ok, refuse, userError, type Result } from "../errors";
import type { Instant } from "../time";

/**
 * API keys as operators manage them: who a key acts for, and whether it is still valid. The
 * secret itself never passes through here: the db layer stores only its SHA-256 hash and the
 * secret is shown once, when the key is created.
 */

export const KEY_ROLES = ["SELLER", "PARTNER", "MARKETPLACE", "OPERATOR"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

const Id = z.string().trim().min(1).max(64);

export const CreateInput = z.strictObject({
  role: z.enum(KEY_ROLES),
  label: z
    .string()
    .trim()
    .min(1, "Give the key a label (who or what uses it).")
    .max(100, "A label is at most 100 characters."),
  /** For a SELLER key: the seller it acts for. */
  sellerId: Id.nullish(),
  /** For a PARTNER key, or a MARKETPLACE key without allSellers: the sellers it is granted. */
  sellerIds: z
    .array(Id)
    .max(1000, "A key is granted at most 1000 sellers; a marketplace key may take allSellers instead.")
    .nullish(),
  /** For a MARKETPLACE key: every seller, present and future. */
  allSellers: z.boolean().nullish(),
  /** For a PARTNER key: read-only or read-write. */
  access: z.enum(["READ", "READ_WRITE"]).nullish(),
});
export type CreateInput = z.output<typeof CreateInput>;

/** The grant a key carries, as stored. */
export type Grant =
  | { role: "SELLER"; sellerId: string }
  | { role: "PARTNER"; sellerIds: string[]; access: "READ" | "READ_WRITE" }
  | { role: "MARKETPLACE"; allSellers: boolean; sellerIds: string[] }
  | { role: "OPERATOR" };

/** Checks that each role gets exactly the grant fields it needs. */
export function decideGrant(input: CreateInput): Result<Grant> {
  switch (input.role) {
    case "SELLER":
      if (!input.sellerId)
        return refuse(userError("INVALID_INPUT", "A seller key needs the seller it acts for.", ["input", "sellerId"]));
      if (input.sellerIds || input.access || input.allSellers)
        return refuse(userError("INVALID_INPUT", "A seller key has no partner grant.", ["input", "sellerIds"]));
      return ok({ role: "SELLER", sellerId: input.sellerId });
    case "PARTNER": {
      const sellerIds = [...new Set(input.sellerIds ?? [])];
      if (sellerIds.length === 0)
        return refuse(
          userError("INVALID_INPUT", "A partner key is granted at least one seller.", ["input", "sellerIds"]),
        );
      if (input.sellerId)
        return refuse(
          userError("INVALID_INPUT", "A partner key names its sellers in sellerIds.", ["input", "sellerId"]),
        );
      if (input.allSellers)
        return refuse(
          userError("INVALID_INPUT", "A partner key acts for the sellers it is granted, never for all of them.", [
            "input",
            "allSellers",
          ]),
        );
      return ok({ role: "PARTNER", sellerIds, access: input.access ?? "READ" });
    }
    case "MARKETPLACE": {
      const sellerIds = [...new Set(input.sellerIds ?? [])];
      if (input.sellerId)
        return refuse(
          userError("INVALID_INPUT", "A marketplace key names its sellers in sellerIds, or takes allSellers.", [
            "input",
            "sellerId",
          ]),
        );
      if (input.access)
        return refuse(
          userError(
            "INVALID_INPUT",
            "A marketplace key speaks for buyers and the platform; it has no seller access level.",
            ["input", "access"],
          ),
        );
      if (input.allSellers && sellerIds.length > 0)
        return refuse(
          userError("INVALID_INPUT", "Give either allSellers or sellerIds, not both.", ["input", "sellerIds"]),
        );
      if (!input.allSellers && sellerIds.length === 0)
        return refuse(
          userError("INVALID_INPUT", "A marketplace key is granted allSellers or at least one seller.", [
            "input",
            "sellerIds",
          ]),
        );
      return ok({ role: "MARKETPLACE", allSellers: input.allSellers ?? false, sellerIds });
    }
    case "OPERATOR":
      if (input.sellerId || input.sellerIds || input.access || input.allSellers) {
        return refuse(
          userError("INVALID_INPUT", "An operator key acts for every seller and takes no grant.", ["input", "role"]),
        );
      }
      return ok({ role: "OPERATOR" });
    default: {
      const unexpected: never = input.role;
      throw new Error(`Unknown role ${String(unexpected)}`);
    }
  }
}

export const RevokeInput = z.strictObject({ keyId: Id });

/** A key already revoked stays revoked: revoking twice changes nothing and says so. */
export function checkRevocable(key: { revokedAt?: Instant | null }): Result<true> {
  if (key.revokedAt)
    return refuse(
      userError("INVALID_TRANSITION", `The key was already revoked at ${key.revokedAt}.`, ["input", "keyId"]),
    );
  return ok(true);
}
