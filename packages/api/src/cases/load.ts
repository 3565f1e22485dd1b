import { Auth, Errors, I18n, Inputs, type Case, type Order, type Result, type Seller } from "@seller-ops/core";
import { CasesRepo, OrdersRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { actedFor } from "../language";

/**
 * A case the principal may read, or null: another seller's case is simply "not found". Reading it
 * acts for its seller (`actedFor`): in a mutation, the caller's money and userErrors then follow
 * that seller.
 */
export async function loadVisibleCase(ctx: Context, id: string): Promise<Case | null> {
  if (!Inputs.couldBeId(id)) return null;
  const c = await ctx.loaders.caseById.load(id);
  if (!c || !Auth.canAccessSeller(ctx.principal, c.sellerId, "READ")) return null;
  actedFor(ctx, c.sellerId);
  return c;
}

/**
 * Loads a case to change it, with its order (the compensation policy's totals) and seller (the
 * statistics' time zone), strongly consistent: their versions guard the write. Seeing the case is
 * enough here: which side the credential may act for is the state machine's role check
 * (`Cases.rolesOf`), so a marketplace key acts as the buyer on a case it could never change as the seller.
 */
export async function loadCaseForWrite(
  ctx: Context,
  id: string,
): Promise<Result<{ case: Case; order: Order; seller: Seller }>> {
  const c = !Inputs.couldBeId(id) ? null : await CasesRepo.getCase(ctx.db, id, { consistent: true });
  if (!c || !Auth.canAccessSeller(ctx.principal, c.sellerId, "READ")) {
    return Errors.refuse(
      Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "case" }), ["input", "caseId"]),
    );
  }
  actedFor(ctx, c.sellerId);
  const [order, seller] = await Promise.all([
    OrdersRepo.getOrder(ctx.db, c.orderId, { consistent: true }),
    ctx.loaders.sellerById.load(c.sellerId),
  ]);
  if (!order || !seller) throw new Error(`Case ${c.id} refers to a missing order or seller.`);
  return Errors.ok({ case: c, order, seller });
}

/**
 * Loads the order a case is opened on, with its seller and what opening a case checks of its other cases
 * (`CasesRepo.openingContext`). Like `loadCaseForWrite`, seeing the order is enough: `Cases.open` checks the side (a
 * buyer case needs the buyer's side).
 */
export async function loadOrderForCase(
  ctx: Context,
  id: string,
): Promise<Result<CasesRepo.OpeningContext & { seller: Seller }>> {
  const order = !Inputs.couldBeId(id) ? null : await OrdersRepo.getOrder(ctx.db, id, { consistent: true });
  if (!order || !Auth.canAccessSeller(ctx.principal, order.sellerId, "READ")) {
    return Errors.refuse(
      Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "order" }), ["input", "orderId"]),
    );
  }
  actedFor(ctx, order.sellerId);
  const [seller, opening] = await Promise.all([
    ctx.loaders.sellerById.load(order.sellerId),
    CasesRepo.openingContext(ctx.db, order),
  ]);
  if (!seller) throw new Error(`Order ${order.id} belongs to missing seller ${order.sellerId}.`);
  return Errors.ok({ ...opening, seller });
}
