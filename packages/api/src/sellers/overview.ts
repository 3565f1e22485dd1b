import { Auth, I18n, Overview, type Seller } from "@seller-ops/core";
import { OverviewRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbidden } from "../errors";

/**
 * `Seller.overview`: two requests in parallel whatever the seller's size, after the seller's profile
 * that `Seller` itself was read from — one GetItem of the seller's overview counters and one
 * keys-only Query of the seller's deadlines within 24 hours (a key range on `casesBySellerDeadline`),
 * which counts both the answers and the returns due. It follows `Seller`'s own rule: a credential
 * that may not read the seller is refused, as for `Seller.health`.
 */
export async function sellerOverview(ctx: Context, seller: Seller): Promise<Overview.View> {
  if (!Auth.canAccessSeller(ctx.principal, seller.id, "READ"))
    throw forbidden(I18n.text("refusal.request.sellerForbidden", {}));
  const now = ctx.now;
  const range = Overview.dueSoonRange({ now });
  const [counters, dueSoon] = await Promise.all([
    OverviewRepo.readCounters(ctx.db, seller.id),
    OverviewRepo.countDueSoon(ctx.db, { sellerId: seller.id, ...range }),
  ]);
  return Overview.view({ counters, dueSoon, now });
}
