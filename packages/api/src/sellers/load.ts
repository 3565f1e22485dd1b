import { Errors, I18n, type Result, type Seller } from "@seller-ops/core";
import { SellersRepo } from "@seller-ops/db";
import type { Context } from "../context";

/**
 * The seller a mutation names in `input.sellerId`, or NOT_FOUND on that field. The request's batched read is
 * eventually consistent; a miss is read again consistently before it is refused, since a refusal is kept under
 * the caller's retry key: a seller created a moment ago must not be NOT_FOUND for a day of retries. (What a
 * write uses of a found profile, its zone, currency and language, does not race the write.)
 */
export async function loadSellerForWrite(ctx: Context, sellerId: string): Promise<Result<Seller>> {
  const seller =
    (await ctx.loaders.sellerById.load(sellerId)) ??
    (await SellersRepo.getSeller(ctx.db, sellerId, { consistent: true }));
  return seller
    ? Errors.ok(seller)
    : Errors.refuse(
        Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "seller" }), ["input", "sellerId"]),
      );
}
