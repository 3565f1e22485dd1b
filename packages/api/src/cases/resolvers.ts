import * as z from "zod/mini";
import { Cases, Errors, Inputs, Time } from "@seller-ops/core";
import { CasesRepo } from "@seller-ops/db";
import { actingSellerId } from "../context";
import { badUserInput } from "../errors";
import { writerForCaller } from "../language";
import type { Resolvers } from "../generated/resolvers-types";
import { writerForSeller } from "../language";
import { runMutation } from "../mutation";
import { loadVisibleOrder } from "../orders/load";
import { pageRequest, toConnection } from "../pagination";
import { loadVisibleCase } from "./load";
import * as Mutations from "./mutations";

const CaseFilter = z.object({
  status: z.nullish(z.enum(Cases.CASE_STATUSES)),
  reason: z.nullish(z.enum(Cases.CASE_REASONS)),
  orderId: z.nullish(z.string().check(z.maxLength(Inputs.ID_MAX_LENGTH))),
  source: z.nullish(z.enum(Cases.CASE_SOURCES)),
  updatedSince: z.nullish(Time.InstantInput),
});

export const caseResolvers: Resolvers = {
  Query: {
    case: (_root, { id }, ctx) => loadVisibleCase(ctx, id),
    async cases(_root, args, ctx, info) {
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const filter = CaseFilter.safeParse(args.filter ?? {});
      if (!filter.success) {
        const issue = filter.error.issues[0]!;
        const sentence = (await writerForCaller(ctx, info))(Errors.issueText(issue));
        throw badUserInput(`filter.${issue.path.join(".")}: ${sentence}`, "filter");
      }
      const scope = { list: "cases", args: { sellerId, filter: filter.data } };
      const request = pageRequest(ctx, scope, args);
      const page = await CasesRepo.listCases(ctx.db, { sellerId, filter: filter.data, page: request });
      for (const { item } of page.items) ctx.loaders.caseById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },
  },
  Mutation: {
    openCase: (_root, { input }, ctx) => runMutation(ctx, Mutations.openCase, input),
    postCaseMessage: (_root, { input }, ctx) => runMutation(ctx, Mutations.postCaseMessage, input),
    recordRemedy: (_root, { input }, ctx) => runMutation(ctx, Mutations.recordRemedy, input),
    makeCompensationOffer: (_root, { input }, ctx) => runMutation(ctx, Mutations.makeCompensationOffer, input),
    respondToCompensationOffer: (_root, { input }, ctx) =>
      runMutation(ctx, Mutations.respondToCompensationOffer, input),
    withdrawCompensationOffer: (_root, { input }, ctx) => runMutation(ctx, Mutations.withdrawCompensationOffer, input),
    escalateCase: (_root, { input }, ctx) => runMutation(ctx, Mutations.escalateCase, input),
    resolveCase: (_root, { input }, ctx) => runMutation(ctx, Mutations.resolveCase, input),
    closeCase: (_root, { input }, ctx) => runMutation(ctx, Mutations.closeCase, input),
    submitCaseEvidence: (_root, { input }, ctx) => runMutation(ctx, Mutations.submitCaseEvidence, input),
  },
  Case: {
    order: (c, _args, ctx) => loadVisibleOrder(ctx, c.orderId),
    overdue: (c, _args, ctx) => c.status === "AWAITING_SELLER" && Time.toMs(ctx.now) > Time.toMs(c.respondBy),
    respondTimeLeftSeconds: (c, _args, ctx) =>
      c.status === "AWAITING_SELLER" ? Math.trunc((Time.toMs(c.respondBy) - Time.toMs(ctx.now)) / 1000) : null,
    pendingOffer: (c) => c.offers.find((o) => o.status === "PENDING") ?? null,
    evidence: (c) => {
      const bySide = Cases.evidenceBySide(c);
      return { seller: bySide.SELLER, buyer: bySide.BUYER, platform: bySide.PLATFORM };
    },
    // The roles are the whole answer (a read-only key has none, and a case it cannot see never
    // gets here), less the actions whose list on the case is at its cap.
    availableActions: async (c, _args, ctx) =>
      Cases.actionsFor({
        case: c,
        roles: Cases.rolesOf(ctx.principal),
        order: await ctx.loaders.orderById.load(c.orderId),
        now: ctx.now,
      }),
    async timeline(c, args, ctx) {
      const scope = { list: "caseTimeline", args: { caseId: c.id } };
      const request = pageRequest(ctx, scope, args);
      return toConnection(ctx, scope, request, await CasesRepo.timelinePage(ctx.db, c.id, request));
    },
  },
  CaseEvent: {
    id: (e) => e.eventId,
    // Written when read, in the reader's language and the seller's time zone; an entry stored
    // before entries kept their sentence's key and figures reads its stored English line.
    async summary(e, _args, ctx) {
      const said = Cases.saidOf(e);
      const c = said && (await ctx.loaders.caseById.load(e.caseId));
      return said && c ? (await writerForSeller(ctx, c.sellerId))(said) : e.summary;
    },
  },
  CaseEvidence: {
    // Key ids say which tool or person acted: the platform's staff and the submitter may see them, the other side not.
    submittedBy: (e, _args, ctx) =>
      ctx.principal.role === "OPERATOR" || ctx.principal.principalId === e.submittedBy ? e.submittedBy : null,
  },
};
