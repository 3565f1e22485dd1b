/**
 * Who is calling, and on whose behalf. A credential resolves to a principal; every read and
 * write is then checked against the acting seller. The roles are those of `api.md`:
 * a seller key acts for its own seller only; partner and operator keys name the seller they act for.
 */
export type Principal =
  | { role: "SELLER"; principalId: string; sellerId: string }
  | { role: "PARTNER"; principalId: string; sellerIds: string[]; access: "READ" | "READ_WRITE" }
  | { role: "OPERATOR"; principalId: string };

export type Access = "READ" | "WRITE";

/** Why a seller cannot be acted for: the caller can fix neither, so these become top-level errors. */
export type ActingSellerRefusal = "FORBIDDEN" | "SELLER_REQUIRED";

/**
 * The seller a request acts for. Implicit for a seller key (an explicit other seller is refused);
 * explicit and checked against the grant for partner and operator keys.
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
    case "OPERATOR":
      if (!requestedSellerId) return { ok: false, reason: "SELLER_REQUIRED" };
      return { ok: true, sellerId: requestedSellerId };
    default:
      return assertNever(principal);
  }
}

/**
 * Whether the principal may see an object owned by `ownerSellerId`. When it may not, the object
 * is answered as "not found", so another seller's objects are never revealed to exist.
 */
export function canAccessSeller(principal: Principal, ownerSellerId: string, access: Access): boolean {
  switch (principal.role) {
    case "SELLER":
      return principal.sellerId === ownerSellerId;
    case "PARTNER":
      return principal.sellerIds.includes(ownerSellerId) && (access === "READ" || principal.access === "READ_WRITE");
    case "OPERATOR":
      return true;
    default:
      return assertNever(principal);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
