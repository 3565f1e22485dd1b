import * as z from "zod/mini";
import { Cases, Inputs, Overview, Time, type I18n } from "@seller-ops/core";
import { CasesRepo } from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { parseListFilter } from "../filters";
import type { Resolvers } from "../generated/resolvers-types";
import { writerForSeller } from "../language";
import { runMutation } from "../mutation";
import { loadVisibleOrder } from "../orders/load";
import { pageRequest, toConnection } from "../pagination";
import { asks } from "../selection";
// Each case as this request reads it (`Cases.asReadAt`), one memo shared with the risk resolvers.
import { caseAsRead as asRead } from "./as-read";
import { loadVisibleCase } from "./load";
import * as Mutations from "./mutations";

/**
 * The writer of a case's seller, fetched once by a timeline page for its entries' summaries, by
 * request and case. With it each summary is written without a promise: a page of 50 entries was 50
 * async resolvers with their loader hops, and graphql-js's promise bookkeeping for every entry and
 * edge (about a third of the timeline page's CPU over its DynamoDB requests, bench/README.md).
 */
const summaryWriters = new WeakMap<Context, Map<string, (text: I18n.Text) => string>>();

const CaseFilter = z.lazy(() =>
  z.object({
    status: z.nullish(z.enum(Cases.CASE_STATUSES)),
    reason: z.nullish(z.enum(Cases.CASE_REASONS)),
    orderId: z.nullish(z.string().check(z.maxLength(Inputs.ID_MAX_LENGTH))),
    source: z.nullish(z.enum(Cases.CASE_SOURCES)),
    updatedSince: z.nullish(Time.InstantInput),
    owesAnswer: z.nullish(z.boolean()),
    dueWithin24h: z.nullish(z.boolean()),
  }),
);

/** Whether `orderId` names an order of `sellerId` (one read, batched and kept by the request's loader). */
async function isSellersOrder(ctx: Context, sellerId: string, orderId: string): Promise<boolean> {
  if (!Inputs.couldBeId(orderId)) return false;
  const order = await ctx.loaders.orderById.load(orderId);
  return order?.sellerId === sellerId;
}

export const caseResolvers: Resolvers = {
  Query: {
    case: (_root, { id }, ctx) => loadVisibleCase(ctx, id),
    async cases(_root, args, ctx) {
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const filter = parseListFilter(ctx, CaseFilter, args.filter);
      const scope = { list: "cases", args: { sellerId, filter } };
      const request = pageRequest(ctx, scope, args);
      // The order's index is keyed by the order alone, the seller being a filter on it: for another seller's order
      // DynamoDB would read that seller's cases, and a page cut short by the request's query budget would carry
      // one of their keys in its cursor. Such an order, or none, lists nothing, as an order id that does not
      // exist does. The order is read through the request's loader, which `Case.order` then answers from.
      if (filter.orderId && !(await isSellersOrder(ctx, sellerId, filter.orderId)))
        return toConnection(ctx, scope, request, { items: [], hasNextPage: false, resumeKey: null });
      // Due soon as the overview counts it: the same range, from the request's instant.
      const { dueWithin24h, ...rest } = filter;
      const respondByWithin =
        typeof dueWithin24h === "boolean" ? { ...Overview.dueSoonRange({ now: ctx.now }), inside: dueWithin24h } : null;
      const page = await CasesRepo.listCases(ctx.db, { sellerId, filter: { ...rest, respondByWithin }, page: request });
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
    // What a lapsed offer moves reads as the job leaves it (`asRead`); the list filters and the overview's counters
    // follow the stored status until the job or the seller's next offer records the expiry.
    status: (c, _args, ctx) => asRead(c, ctx).status,
    respondBy: (c, _args, ctx) => asRead(c, ctx).respondBy,
    responseOverdueAt: (c, _args, ctx) => asRead(c, ctx).responseOverdueAt,
    offers: (c, _args, ctx) => asRead(c, ctx).offers,
    overdue: (stored, _args, ctx) => {
      const c = asRead(stored, ctx);
      return Cases.owesAnswer(c) && Time.toMs(ctx.now) > Time.toMs(c.respondBy);
    },
    respondTimeLeftSeconds: (stored, _args, ctx) => {
      const c = asRead(stored, ctx);
      // Down, not toward zero: the first second past respondBy is already -1, as `overdue` says.
      return Cases.owesAnswer(c) ? Math.floor((Time.toMs(c.respondBy) - Time.toMs(ctx.now)) / 1000) : null;
    },
    pendingOffer: (c, _args, ctx) => asRead(c, ctx).offers.find((o) => o.status === "PENDING") ?? null,
    evidence: (c) => {
      const bySide = Cases.evidenceBySide(c);
      return { seller: bySide.SELLER, buyer: bySide.BUYER, platform: bySide.PLATFORM };
    },
    // The roles are the whole answer (a read-only key has none, and a case it cannot see never
    // gets here), less the actions whose list on the case is at its cap. On the stored case: what the verbs act on.
    // A buyer's claim about the delay counts what was given back on the order's other cases about it, as resolveCase:
    // those are read only when the case alone does not let the seller settle.
    async availableActions(c, _args, ctx) {
      const args = { case: c, roles: Cases.rolesOf(ctx.principal), order: await ctx.loaders.orderById.load(c.orderId) };
      const alone = Cases.actionsFor({ ...args, now: ctx.now });
      const settles = alone.includes("RESOLVE_BY_SELLER") || !args.roles.includes("SELLER");
      if (settles || !Cases.isOpen(c.status) || !Cases.claimCountsOtherCases(c)) return alone;
      const at = { sellerId: c.sellerId, orderId: c.orderId, caseId: c.id };
      const otherCasesOfOrder = await Mutations.casesOfOrderBesides(ctx, at);
      return Cases.actionsFor({ ...args, now: ctx.now, otherCasesOfOrder });
    },
    async timeline(c, args, ctx, info) {
      const scope = { list: "caseTimeline", args: { caseId: c.id } };
      const request = pageRequest(ctx, scope, args);
      const page = await CasesRepo.timelinePage(ctx.db, c.id, request);
      // After the page, as the first summary would: the same reads, in the same order, and none
      // when no summary is asked for or none has a sentence to write.
      if (asks(info, ["edges", "node", "summary"]) && page.items.some(({ item }) => Cases.saidOf(item))) {
        const writers = summaryWriters.get(ctx) ?? new Map();
        writers.set(c.id, await writerForSeller(ctx, c.sellerId));
        summaryWriters.set(ctx, writers);
      }
      return toConnection(ctx, scope, request, page);
    },
  },
  CaseEvent: {
    id: (e) => e.eventId,
    // Written when read, in the reader's language and the seller's time zone; an entry stored
    // before entries kept their sentence's key and figures reads its stored English line.
    summary(e, _args, ctx) {
      const said = Cases.saidOf(e);
      if (!said) return e.summary;
      const write = summaryWriters.get(ctx)?.get(e.caseId);
      return write ? write(said) : writtenSummary(ctx, e, said);
    },
  },
  CaseEvidence: {
    // Key ids say which tool or person acted: the platform's staff and the submitter may see them, the other side not.
    submittedBy: (e, _args, ctx) =>
      ctx.principal.role === "OPERATOR" || ctx.principal.principalId === e.submittedBy ? e.submittedBy : null,
  },
};

/** A summary whose writer no timeline page fetched: the case and its seller's writer through the loaders. */
async function writtenSummary(ctx: Context, e: Cases.CaseEvent, said: Cases.TimelineText): Promise<string> {
  const c = await ctx.loaders.caseById.load(e.caseId);
  return c ? (await writerForSeller(ctx, c.sellerId))(said) : e.summary;
}
