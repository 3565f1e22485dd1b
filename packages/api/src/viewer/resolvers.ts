import { Viewer } from "@seller-ops/core";
import type { Resolvers } from "../generated/resolvers-types";

/** `viewer`: the credential describes itself; no read, nothing secret (core decides what is said). */
export const viewerResolvers: Resolvers = {
  Query: {
    viewer: (_root, _args, ctx) => Viewer.describe(ctx.principal),
  },
};
