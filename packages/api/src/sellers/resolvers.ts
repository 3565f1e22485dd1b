import { Auth, Inputs } from "@seller-ops/core";
import type { Resolvers } from "../generated/resolvers-types";
import { createSellerMutation } from "./mutations";
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
  },
  Seller: {
    overview: (seller, _args, ctx) => sellerOverview(ctx, seller),
  },
};
