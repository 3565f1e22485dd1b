import * as z from "zod/mini";
import { Cases, Compensation, I18n, Orders, Remedies, Time } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import { parseListFilter } from "../filters";
import { actingSellerId } from "../context";
import { badUserInput } from "../errors";
import type { Resolvers } from "../generated/resolvers-types";
import { runMutation } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import { loadVisibleOrderByMarketplaceId, loadVisibleOrder } from "./load";
import { planView } from "./remedy";
import * as Mutations from "./mutations";
import { requirePlatform } from "./tracking";

const OrderFilter = z.lazy(() =>
  z.object({
    status: z.nullish(z.enum(Orders.ORDER_STATUSES)),
    shipByBefore: z.nullish(Time.InstantInput),
    late: z.nullish(z.boolean()),
    atRisk: z.nullish(z.boolean()),
    updatedSince: z.nullish(Time.InstantInput),
  }),
);

export const orderResolvers: Resolvers = {
  Query: {
    async order(_root, { id, marketplaceOrderId, sellerId }, ctx) {
      if ((id == null) === (marketplaceOrderId == null)) {
        const argument = id == null ? "marketplaceOrderId" : "id";
        throw badUserInput(I18n.text("refusal.request.orderLookup", { problem: "idOrMarketplaceId" }), argument);
      }
      if (id != null) {
        if (sellerId != null) {
          throw badUserInput(I18n.text("refusal.request.orderLookup", { problem: "sellerIdWithId" }), "sellerId");
        }
        return loadVisibleOrder(ctx, id);
      }
      return loadVisibleOrderByMarketplaceId(ctx, actingSellerId(ctx, sellerId, "READ"), marketplaceOrderId!);
    },

    async orders(_root, args, ctx) {
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const filterData = parseListFilter(ctx, OrderFilter, args.filter);
      const sort = args.orderBy ?? "SHIP_BY_DESC";
      const scope = { list: "orders", args: { sellerId, filter: filterData, sort } };
      const request = pageRequest(ctx, scope, args);
      const page = await OrdersRepo.listOrders(ctx.db, {
        sellerId,
        filter: filterData,
        sort,
        now: ctx.now,
        page: request,
        atRiskWindowMs: ctx.config.orderRules.atRiskWindowMs,
      });
      for (const { item } of page.items) ctx.loaders.orderById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },

    async lateOrders(_root, args, ctx) {
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const scope = { list: "lateOrders", args: { sellerId } };
      const request = pageRequest(ctx, scope, args);
      // Unshipped with shipBy before the end of the at-risk window, earliest deadline first:
      // the longest overdue first, then the nearest deadline.
      const page = await OrdersRepo.listOrders(ctx.db, {
        sellerId,
        filter: {
          status: "AWAITING_SHIPMENT",
          shipByBefore: Time.addMs(ctx.now, ctx.config.orderRules.atRiskWindowMs + 1),
        },
        sort: "SHIP_BY_ASC",
        now: ctx.now,
        page: request,
        atRiskWindowMs: ctx.config.orderRules.atRiskWindowMs,
      });
      for (const { item } of page.items) ctx.loaders.orderById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },
  },

  Mutation: {
    createOrder: (_root, { input }, ctx) => runMutation(ctx, Mutations.createOrder, input),
    importOrders: (_root, { input }, ctx) => runMutation(ctx, Mutations.importOrders, input),
    markOrderShipped: (_root, { input }, ctx) => runMutation(ctx, Mutations.markOrderShipped, input),
    markOrderDelivered: (_root, { input }, ctx) => runMutation(ctx, Mutations.markOrderDelivered, input),
    expediteOrder: (_root, { input }, ctx) => runMutation(ctx, Mutations.expediteOrder, input),
    cancelOrder: (_root, { input }, ctx) => runMutation(ctx, Mutations.cancelOrder, input),
    recordShippingIncident: (_root, { input }, ctx) => runMutation(ctx, Mutations.recordShippingIncident, input),
    reportInvalidTracking(_root, { input }, ctx) {
      requirePlatform(ctx);
      return runMutation(ctx, Mutations.reportInvalidTracking, input);
    },
    withdrawInvalidTrackingReport(_root, { input }, ctx) {
      requirePlatform(ctx);
      return runMutation(ctx, Mutations.withdrawInvalidTrackingReport, input);
    },
  },

  ImportOrdersPayload: {
    createdCount: (payload) => payload.results.filter((r) => r.outcome === "CREATED").length,
    duplicateCount: (payload) => payload.results.filter((r) => r.outcome === "DUPLICATE").length,
    rejectedCount: (payload) => payload.results.filter((r) => r.outcome === "REJECTED").length,
    notAttemptedCount: (payload) => payload.results.filter((r) => r.outcome === "NOT_ATTEMPTED").length,
  },

  Order: {
    late: (order, _args, ctx) => Orders.isLate(order, ctx.now),
    atRisk: (order, _args, ctx) => Orders.isAtRisk(order, ctx.now, ctx.config.orderRules),
    timeLeftSeconds: (order, _args, ctx) => {
      const ms = Orders.timeLeftMs(order, ctx.now);
      // Down, not toward zero: the first second past shipBy is already -1, as `late` says.
      return ms === null ? null : Math.floor(ms / 1000);
    },
    shippedLate: (order) => Orders.shippedLate(order),
    refunded: (order) => ({ amountMinor: order.refundedMinor, currency: order.buyerTotal.currency }),
    compensated: (order) => ({ amountMinor: order.compensatedMinor, currency: order.buyerTotal.currency }),
    refundable: (order) => ({ amountMinor: Compensation.refundableMinor(order), currency: order.buyerTotal.currency }),
    heldForReturns: (order) => ({ amountMinor: Compensation.heldMinor(order), currency: order.buyerTotal.currency }),
    async remedyPlan(order, _args, ctx) {
      // The order's one late-shipment case (opened by the job, or adopted by it) holds the offer awaiting the buyer;
      // what was done on any case about the delay is on the order too. Loaded in one batch for a page.
      // Days late are the seller's calendar days: its profile, through the loader its steps' instructions are written
      // with (one batched read per request, whatever the page size).
      const lateCaseId = Cases.lateShipmentCaseOf(order);
      const [lateCase, seller] = await Promise.all([
        lateCaseId ? ctx.loaders.caseById.load(lateCaseId) : null,
        ctx.loaders.sellerById.load(order.sellerId),
      ]);
      const timeZone = seller?.timeZone ?? "UTC";
      return planView(
        Remedies.remedyPlan(order, ctx.now, timeZone, Cases.remedyEvidence(lateCase, order, ctx.now)),
        order.sellerId,
      );
    },
  },
};
