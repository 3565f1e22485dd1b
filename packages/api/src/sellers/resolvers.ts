import { Auth, Inputs } from "@seller-ops/core";
import { requireDepositReader } from "../deposits/load";
import type { Resolvers } from "../generated/resolvers-types";
import { toEnum } from "../language";
import { createSellerMutation, setSellerLanguageMutation } from "./mutations";
import { sellerOverview } from "./overview";

export const sellerResolvers: Resolvers = {
  Query: {
    async seller(_root, { id }, ctx) {
      if (!Inputs.couldBeId(id) || !Auth.canAccessSeller(ctx.principal, id, "READ")) return null;
      return ctx.loaders.sellerById.load(id);
    },
  },
  Mutation: {
    createSeller: (_root, { input }, ctx) => createSellerMutation(ctx, input),
    setSellerLanguage: (_root, { input }, ctx) => setSellerLanguageMutation(ctx, input),
  },
  Seller: {
    // A profile kept in an idempotent answer from before the setting existed has none: English, version 1.
    language: (seller) => toEnum(seller.language ?? "en"),
    version: (seller) => seller.version ?? 1,
    overview: (seller, _args, ctx) => sellerOverview(ctx, seller),
  },
  SellerOverview: {
    // The deposits' refund applications are the seller's and the operators' only, as the deposits are.
    refundApplicationsOpen: (overview, _args, ctx) => {
      requireDepositReader(ctx);
      return overview.refundApplicationsOpen;
    },
  },
};
