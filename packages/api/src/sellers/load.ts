import { Errors, I18n, type Result, type Seller } from "@seller-ops/core";
import type { Context } from "../context";

/** The seller a mutation names in `input.sellerId`, or NOT_FOUND on that field. */
export async function loadSellerForWrite(ctx: Context, sellerId: string): Promise<Result<Seller>> {
  const seller = await ctx.loaders.sellerById.load(sellerId);
  return seller
    ? Errors.ok(seller)
    : Errors.refuse(
        Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "seller" }), ["input", "sellerId"]),
      );
}
