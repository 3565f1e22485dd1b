import { DepositsRepo } from "@seller-ops/db";
import { actingSellerId } from "../context";
import { forbiddenBecause } from "../errors";
import type { Resolvers } from "../generated/resolvers-types";
import { runMutation } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import { assessEligibility, currentEligibility } from "./eligibility";
import { loadVisibleDeposit, requireDepositReader, requireOperator } from "./load";
import * as Mutations from "./mutations";

export const depositResolvers: Resolvers = {
  Query: {
    deposit: (_root, { id }, ctx) => loadVisibleDeposit(ctx, id),

    async deposits(_root, args, ctx) {
      requireDepositReader(ctx);
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const scope = { list: "deposits", args: { sellerId } };
      const request = pageRequest(ctx, scope, args);
      const page = await DepositsRepo.listDeposits(ctx.db, { sellerId, page: request });
      for (const { item } of page.items) ctx.loaders.depositById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },

    async depositRefundApplications(_root, args, ctx) {
      requireOperator(ctx, "operatorsReviewRefunds");
      const status = args.status ?? "PENDING";
      const scope = { list: "depositRefundApplications", args: { status } };
      const request = pageRequest(ctx, scope, args);
      return toConnection(ctx, scope, request, await DepositsRepo.listApplications(ctx.db, { status, page: request }));
    },

    async depositRefundEligibility(_root, { depositId, documentKinds }, ctx) {
      const deposit = await loadVisibleDeposit(ctx, depositId);
      if (!deposit) return null;
      const seller = await ctx.loaders.sellerById.load(deposit.sellerId);
      if (!seller) throw new Error(`Deposit ${deposit.id} belongs to missing seller ${deposit.sellerId}.`);
      return assessEligibility(
        ctx,
        deposit,
        seller,
        (documentKinds ?? []).map((kind) => ({ kind })),
      );
    },
  },

  Mutation: {
    recordDeposit(_root, { input }, ctx) {
      // A deposit's amount, kind, term and sales target are the platform's terms (docs: authority per field).
      requireOperator(ctx, "operatorsRecordDeposits");
      return runMutation(ctx, Mutations.recordDeposit, input);
    },
    recordViolation(_root, { input }, ctx) {
      requireOperator(ctx, "operatorsRecordViolations");
      return runMutation(ctx, Mutations.recordViolation, input);
    },
    voidViolation(_root, { input }, ctx) {
      requireOperator(ctx, "operatorsVoidViolations");
      return runMutation(ctx, Mutations.voidViolation, input);
    },
    applyForDepositRefund(_root, { input }, ctx) {
      // The seller applies and the platform decides: an operator applying would review its own
      // request, and a marketplace key never acts for the seller.
      if (ctx.principal.role === "OPERATOR" || ctx.principal.role === "MARKETPLACE") {
        throw forbiddenBecause("sellerAppliesForRefund");
      }
      return runMutation(ctx, Mutations.applyForDepositRefund, input);
    },
    decideDepositRefund(_root, { input }, ctx) {
      requireOperator(ctx, "operatorsDecideRefunds");
      return runMutation(ctx, Mutations.decideDepositRefund, input);
    },
  },

  Deposit: {
    refundApplications: (deposit, _args, ctx) => ctx.loaders.refundApplicationsByDeposit.load(deposit),
  },

  Violation: {
    voided: (v) => v.voidedAt !== null,
    // The operator's key that voided it: shown to operators and to that credential, as evidence's `submittedBy`.
    voidedBy: (v, _args, ctx) =>
      ctx.principal.role === "OPERATOR" || ctx.principal.principalId === v.voidedBy ? v.voidedBy : null,
  },

  DepositRefundApplication: {
    deposit: (application, _args, ctx) => loadVisibleDeposit(ctx, application.depositId),
    currentRecommendation: async (application, _args, ctx) =>
      (await currentEligibility(ctx, application))?.recommendation ?? null,
    currentEligibility: (application, _args, ctx) => currentEligibility(ctx, application),
  },
};
