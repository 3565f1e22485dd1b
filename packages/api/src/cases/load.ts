import { Auth, Errors, type Case, type Order, type Seller } from "@seller-ops/core";
import { CasesRepo, OrdersRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbidden } from "../errors";

/** A case the principal may read, or null: another seller's case is simply "not found". */
export async function loadVisibleCase(ctx: Context, id: string): Promise<Case | null> {
  if (id.length > 64) return null;
  const c = await ctx.loaders.caseById.load(id);
  return c && Auth.canAccessSeller(ctx.principal, c.sellerId, "READ") ? c : null;
}

/**
 * Loads a case to change it, with its order (the compensation policy's totals) and seller (the
 * statistics' time zone), strongly consistent: their versions guard the write.
 */
export async function loadCaseForWrite(
  ctx: Context,
  id: string,
): Promise<{ case: Case; order: Order; seller: Seller } | { errors: Errors.UserError[] }> {
  const c = id.length > 64 ? null : await CasesRepo.getCase(ctx.db, id, { consistent: true });
  if (!c || !Auth.canAccessSeller(ctx.principal, c.sellerId, "READ")) {
    return { errors: [Errors.userError("NOT_FOUND", "No such case.", ["input", "caseId"])] };
  }
  if (!Auth.canAccessSeller(ctx.principal, c.sellerId, "WRITE")) throw forbidden("This credential is read-only for that seller.");
  const [order, seller] = await Promise.all([OrdersRepo.getOrder(ctx.db, c.orderId, { consistent: true }), ctx.loaders.sellerById.load(c.sellerId)]);
  if (!order || !seller) throw new Error(`Case ${c.id} refers to a missing order or seller.`);
  return { case: c, order, seller };
}
