import {
  Auth,
  Errors,
  I18n,
  Inputs,
  type Deposit,
  type DepositRefundApplication,
  type Result,
  type Seller,
} from "@seller-ops/core";
import { DepositsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import { actedFor } from "../language";

/** Recording violations, reviewing and deciding refunds: the platform's side, operator keys only. */
export function requireOperator(ctx: Context, rule: I18n.ForbiddenRule): void {
  if (ctx.principal.role !== "OPERATOR") throw forbiddenBecause(rule);
}

/**
 * Deposits, their refund applications and evidence, and what the seller's record does to their refunds are between the
 * seller and the platform's operators (design/api.md, roles): a marketplace key speaks for the buyer and is refused
 * them, whichever seller it is granted, as it is refused the seller's webhook endpoints.
 */
export function requireDepositReader(ctx: Context): void {
  if (!mayReadDeposits(ctx)) throw forbiddenBecause("depositsNotForMarketplace");
}

/** Whether the caller may know the deposit side: deposits, violations and what they do to a refund. */
export function mayReadDeposits(ctx: Context): boolean {
  return ctx.principal.role !== "MARKETPLACE";
}

/**
 * A deposit the principal may read, or null: another seller's deposit is simply "not found".
 * Reading it acts for its seller (`actedFor`): in a mutation, the caller's money and userErrors then
 * follow that seller.
 */
export async function loadVisibleDeposit(ctx: Context, id: string): Promise<Deposit | null> {
  requireDepositReader(ctx);
  if (!Inputs.couldBeId(id)) return null;
  const deposit = await ctx.loaders.depositById.load(id);
  if (!deposit || !Auth.canAccessSeller(ctx.principal, deposit.sellerId, "READ")) return null;
  actedFor(ctx, deposit.sellerId);
  return deposit;
}

/**
 * Loads a deposit to apply for its refund: with its applications (one open at a time) and its
 * seller (the time zone of the counters), strongly consistent, since the version guards the write.
 * Not visible → NOT_FOUND userError; visible but read-only for this principal → top-level FORBIDDEN.
 */
export async function loadDepositForWrite(
  ctx: Context,
  id: string,
): Promise<Result<{ deposit: Deposit; applications: DepositRefundApplication[]; seller: Seller }>> {
  const loaded = !Inputs.couldBeId(id)
    ? null
    : await DepositsRepo.getDepositWithApplications(ctx.db, id, { consistent: true });
  if (!loaded || !Auth.canAccessSeller(ctx.principal, loaded.deposit.sellerId, "READ")) {
    return Errors.refuse(
      Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "deposit" }), ["input", "depositId"]),
    );
  }
  if (!Auth.canAccessSeller(ctx.principal, loaded.deposit.sellerId, "WRITE")) throw forbiddenBecause("readOnly");
  actedFor(ctx, loaded.deposit.sellerId);
  const seller = await ctx.loaders.sellerById.load(loaded.deposit.sellerId);
  if (!seller) throw new Error(`Deposit ${loaded.deposit.id} belongs to missing seller ${loaded.deposit.sellerId}.`);
  return Errors.ok({ ...loaded, seller });
}
