import { Auth, Errors, I18n, Inputs, Orders, type Order, type Result, type Seller } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import { actedFor } from "../language";

/**
 * An order the principal may read, or null: another seller's order is simply "not found". Reading
 * it acts for its seller (`actedFor`): in a mutation, the caller's money and userErrors then follow
 * that seller.
 */
export async function loadVisibleOrder(ctx: Context, id: string): Promise<Order | null> {
  if (!Inputs.couldBeId(id)) return null;
  const order = await ctx.loaders.orderById.load(id);
  if (!order || !Auth.canAccessSeller(ctx.principal, order.sellerId, "READ")) return null;
  actedFor(ctx, order.sellerId);
  return order;
}

/**
 * A seller's order by the marketplace's own id, or null: the uniqueness guard names the order
 * (one GetItem), then the order is read through the request's loader (one more, batched). The
 * seller was checked against the credential's grant before; the owner check stays, so a guard
 * and an order that disagree can never show another seller's order.
 */
export async function loadVisibleOrderByMarketplaceId(
  ctx: Context,
  sellerId: string,
  marketplaceOrderId: string,
): Promise<Order | null> {
  // A seller id no seller can have names no order (an operator's or all-sellers key's is not checked against a list).
  if (!Inputs.couldBeId(sellerId)) return null;
  const find = (spelling: string) =>
    OrdersRepo.findByMarketplaceOrderId(ctx.db, sellerId, spelling, { consistent: false });
  // The id as createOrder stores it today (trimmed, NFKC).
  const stored = Orders.MarketplaceOrderIdInput.safeParse(marketplaceOrderId);
  let id = stored.success ? await find(stored.data) : null;
  // An earlier release keyed an order by its id as typed: before ids were brought to NFKC (`Inputs.Identifier`), until
  // `npm run repair:order-guards` gives it the folded spelling's guard too, and before some characters were refused
  // (a tab, U+2028, private use: CHANGELOG.md), which today's rule then refuses to look up. Bounded as those releases
  // bounded an id (64 characters), so a lookup never reads a key no release could have written.
  const asTyped = marketplaceOrderId.trim();
  const couldBeStored = asTyped !== "" && [...asTyped].length <= Inputs.ID_MAX_LENGTH;
  if (!id && (!stored.success || asTyped !== stored.data) && couldBeStored) id = await find(asTyped);
  const order = id ? await loadVisibleOrder(ctx, id) : null;
  return order?.sellerId === sellerId ? order : null;
}

/**
 * Reads an order to change it, strongly consistent (the version it carries guards the write). Not visible → NOT_FOUND
 * userError; with `WRITE`, visible but read-only for this principal → top-level FORBIDDEN. `READ` is for the
 * platform's verbs on an order it may see (`reportInvalidTracking`): a marketplace key reads its sellers' orders and
 * changes only what such a verb decides about them.
 */
export async function loadOrderToChange(ctx: Context, id: string, access: "READ" | "WRITE"): Promise<Result<Order>> {
  const order = !Inputs.couldBeId(id) ? null : await OrdersRepo.getOrder(ctx.db, id, { consistent: true });
  if (!order || !Auth.canAccessSeller(ctx.principal, order.sellerId, "READ")) {
    return Errors.refuse(
      Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "order" }), ["input", "orderId"]),
    );
  }
  if (access === "WRITE" && !Auth.canAccessSeller(ctx.principal, order.sellerId, "WRITE")) {
    throw forbiddenBecause("readOnly");
  }
  actedFor(ctx, order.sellerId);
  return Errors.ok(order);
}

/**
 * Loads an order to change it (`loadOrderToChange`, WRITE unless a platform verb says READ), with its seller (for the
 * statistics' time zone).
 */
export async function loadOrderForWrite(
  ctx: Context,
  id: string,
  access: "READ" | "WRITE" = "WRITE",
): Promise<Result<{ order: Order; seller: Seller }>> {
  const read = await loadOrderToChange(ctx, id, access);
  if (!read.ok) return read;
  const order = read.value;
  return Errors.ok({ order, seller: await sellerOfOrder(ctx, order) });
}

/** The order's seller, for the time zone of its day counters; an order without one is a bug, not a refusal. */
export async function sellerOfOrder(ctx: Context, order: Order): Promise<Seller> {
  const seller = await ctx.loaders.sellerById.load(order.sellerId);
  if (!seller) throw new Error(`Order ${order.id} belongs to missing seller ${order.sellerId}.`);
  return seller;
}
