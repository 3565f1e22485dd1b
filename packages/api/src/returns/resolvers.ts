import { Cases, Returns, Time, type Case, type Return } from "@seller-ops/core";
import type { Resolvers } from "../generated/resolvers-types";
import { runMutation } from "../mutation";
import * as Mutations from "./mutations";

/**
 * A return as the API reads it: with its case's order, for what is left to refund, and its case's status, which
 * refunding, replacing and cancelling move too.
 */
export type ReturnView = Return & { orderId: string; caseStatus: Case["status"] };

const view = (c: { orderId: string; status: Case["status"] }, r: Return): ReturnView => ({
  ...r,
  orderId: c.orderId,
  caseStatus: c.status,
});

/**
 * Returns are read as part of their case (`Case.returns`, `Case.openReturn`); their moves are
 * mutations on the case. `availableActions` comes from the return's table for the caller's roles,
 * less what the verbs would refuse now (packages/core/src/returns/verbs.ts, `returnActionsFor`).
 */
export const returnResolvers: Resolvers = {
  Mutation: {
    shipReturn: (_root, { input }, ctx) => runMutation(ctx, Mutations.shipReturn, input),
    confirmReturnReceived: (_root, { input }, ctx) => runMutation(ctx, Mutations.confirmReturnReceived, input),
    refundReturn: (_root, { input }, ctx) => runMutation(ctx, Mutations.refundReturn, input),
    shipReplacement: (_root, { input }, ctx) => runMutation(ctx, Mutations.shipReplacement, input),
    cancelReturn: (_root, { input }, ctx) => runMutation(ctx, Mutations.cancelReturn, input),
  },
  Case: {
    returns: (c) => c.returns.map((r) => view(c, r)),
    openReturn: (c) => {
      const open = Returns.openReturnOf(c.returns);
      return open ? view(c, open) : null;
    },
  },
  CaseReturn: {
    dueBy: (r) => Returns.deadlineOf(r),
    overdue: (r, _args, ctx) => {
      const deadline = Returns.deadlineOf(r);
      return deadline !== null && Time.toMs(ctx.now) > Time.toMs(deadline);
    },
    // The order is batched with the page's other orders (one BatchGetItem per tick).
    availableActions: async (r, _args, ctx) =>
      Returns.returnActionsFor({
        return: r,
        caseStatus: r.caseStatus,
        roles: Cases.rolesOf(ctx.principal),
        order: await ctx.loaders.orderById.load(r.orderId),
        now: ctx.now,
      }),
  },
};
