import { assertNever } from "../errors";

/**
 * Who is calling, and on whose behalf. A credential resolves to a principal; every read and
 * write is then checked against the acting seller. A seller key acts for its own seller only;
 * partner keys (an ERP, an order-management tool) act for the sellers they are granted, on the
 * seller's side only; marketplace keys speak for buyers and the platform, for all sellers or a
 * granted list, and never for the seller; operator keys are the platform's staff. No credential
 * acts on both sides of one case.
 */
export type Principal =
  | { role: "SELLER"; principalId: string; sellerId: string }
  | { role: "PARTNER"; principalId: string; sellerIds: string[]; access: "READ" | "READ_WRITE" }
  | { role: "MARKETPLACE"; principalId: string; allSellers: boolean; sellerIds: string[] }
  | { role: "OPERATOR"; principalId: string };

/** A frontend user's principal id is this prefix and the token's subject; an API key's is its key id. */
export const TOKEN_PRINCIPAL_PREFIX = "jwt:";

/** The principal id of a frontend user, from the verified token's subject. */
export function tokenPrincipalId(subject: string): string {
  return `${TOKEN_PRINCIPAL_PREFIX}${subject}`;
}

/**
 * Whose retry keys (`idempotencyKey`) a request's key is one of. An API key's own: it acts for one
 * seller, or names the seller in its inputs. A frontend user's together with the seller of the token:
 * one user may hold tokens for several sellers, and a seller's inputs do not name the seller, so the
 * same key and input sent for another seller is another request, not a retry. Seller ids have no
 * `@`, so the joined id is never another user's.
 */
export function retryOwnerId(principal: Principal): string {
  if (principal.role === "SELLER" && principal.principalId.startsWith(TOKEN_PRINCIPAL_PREFIX))
    return `${principal.principalId}@${principal.sellerId}`;
  return principal.principalId;
}

/** Whether a marketplace key covers a seller: every seller, or one of its granted list. */
function marketplaceCovers(principal: { allSellers: boolean; sellerIds: string[] }, sellerId: string): boolean {
  return principal.allSellers || principal.sellerIds.includes(sellerId);
}

export type Access = "READ" | "WRITE";

/** Why a seller cannot be acted for: the caller can fix neither, so these become top-level errors. */
export type ActingSellerRefusal = "FORBIDDEN" | "SELLER_REQUIRED";

/**
 * The seller a request acts for. Implicit for a seller key (an explicit other seller is refused);
 * explicit and checked against the grant for partner, marketplace and operator keys. WRITE here
 * means acting as the seller (orders, deposits): a marketplace key never does; its case actions
 * are checked by the case state machine's roles instead.
 */
export function actingSeller(
  principal: Principal,
  requestedSellerId: string | null | undefined,
  access: Access,
): { ok: true; sellerId: string } | { ok: false; reason: ActingSellerRefusal } {
  switch (principal.role) {
    case "SELLER":
      if (requestedSellerId && requestedSellerId !== principal.sellerId) return { ok: false, reason: "FORBIDDEN" };
      return { ok: true, sellerId: principal.sellerId };
    case "PARTNER":
      if (!requestedSellerId) return { ok: false, reason: "SELLER_REQUIRED" };
      if (!principal.sellerIds.includes(requestedSellerId)) return { ok: false, reason: "FORBIDDEN" };
      if (access === "WRITE" && principal.access !== "READ_WRITE") return { ok: false, reason: "FORBIDDEN" };
      return { ok: true, sellerId: requestedSellerId };
    case "MARKETPLACE":
      if (!requestedSellerId) return { ok: false, reason: "SELLER_REQUIRED" };
      if (!marketplaceCovers(principal, requestedSellerId) || access === "WRITE")
        return { ok: false, reason: "FORBIDDEN" };
      return { ok: true, sellerId: requestedSellerId };
    case "OPERATOR":
      if (!requestedSellerId) return { ok: false, reason: "SELLER_REQUIRED" };
      return { ok: true, sellerId: requestedSellerId };
    default:
      return assertNever(principal);
  }
}

/**
 * Whether the principal may see (READ) or change as the seller (WRITE) an object owned by
 * `ownerSellerId`. When it may not even see it, the object is answered as "not found", so another
 * seller's objects are never revealed to exist.
 */
export function canAccessSeller(principal: Principal, ownerSellerId: string, access: Access): boolean {
  switch (principal.role) {
    case "SELLER":
      return principal.sellerId === ownerSellerId;
    case "PARTNER":
      return principal.sellerIds.includes(ownerSellerId) && (access === "READ" || principal.access === "READ_WRITE");
    case "MARKETPLACE":
      return marketplaceCovers(principal, ownerSellerId) && access === "READ";
    case "OPERATOR":
      return true;
    default:
      return assertNever(principal);
  }
}
