import { Auth, I18n, Risk, type Case, type Order, type Seller } from "@seller-ops/core";
import { SellersRepo } from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { forbidden, forbiddenBecause } from "../errors";
import type { Resolvers } from "../generated/resolvers-types";
import { caseAsRead } from "../cases/as-read";
import { loadVisibleCase } from "../cases/load";
import { mayReadDeposits, requireDepositReader } from "../deposits/load";
import { loadVisibleOrder } from "../orders/load";
import { writerForSeller } from "../language";
import { pageRequest, toConnection } from "../pagination";
import { localizedHealth } from "./health";
import { localizedRisk } from "./texts";

/**
 * Risk is computed on read (a score changes with the clock) from what the other concepts
 * recorded: the seller's daily counters, the order's open cases, the seller's violations. Every
 * read goes through the request's loaders (context.ts), so a page of 50 orders or cases costs a
 * constant number of DynamoDB requests, not one per item.
 */

async function orderRisk(ctx: Context, order: Order) {
  const [window30, openCases, write, seller] = await Promise.all([
    ctx.loaders.sellerWindow.load(`${order.sellerId}|${Risk.SELLER_WINDOW_DAYS}`),
    ctx.loaders.caseById.loadMany(order.openCaseIds),
    writerForSeller(ctx, order.sellerId),
    ctx.loaders.sellerById.load(order.sellerId),
  ]);
  const risk = Risk.orderRisk({
    order,
    sellerWindow30: window30,
    // The days the window's counters are kept in, as the window loader reads them.
    timeZone: seller?.timeZone ?? "UTC",
    // As Case.status reads them (a lapsed offer: awaiting the seller), through the same per-request memo.
    openCases: openCases.filter((c): c is Case => !!c && !(c instanceof Error)).map((c) => caseAsRead(c, ctx)),
    now: ctx.now,
  });
  return localizedRisk(risk, write);
}

async function caseRisk(ctx: Context, c: Case) {
  // The seller's profile is the one its writer loads (the same loader, one read per request).
  const [order, write, seller] = await Promise.all([
    ctx.loaders.orderById.load(c.orderId),
    writerForSeller(ctx, c.sellerId),
    ctx.loaders.sellerById.load(c.sellerId),
  ]);
  if (!order) throw new Error(`Case ${c.id} refers to missing order ${c.orderId}.`);
  // The case as Case.status and Case.offers read it: a lapsed offer reads as the case-deadline job will leave it. The
  // remedy plan behind its actions counts days late on the seller's calendar.
  const risk = Risk.caseRisk({ case: caseAsRead(c, ctx), order, now: ctx.now, timeZone: seller?.timeZone ?? "UTC" });
  return localizedRisk(risk, write);
}

async function sellerHealthOf(ctx: Context, seller: Seller) {
  const [window30, window60, violations] = await Promise.all([
    ctx.loaders.sellerWindow.load(`${seller.id}|30`),
    ctx.loaders.sellerWindow.load(`${seller.id}|60`),
    // Violations are the deposit side's, as the deposits are: a marketplace key's health and score leave them out.
    mayReadDeposits(ctx) ? ctx.loaders.violationsBySeller.load(seller.id) : null,
  ]);
  // The deposit rules eligibility applies, so that health and eligibility name the same blocking violations.
  const input = {
    window30,
    window60,
    violations,
    now: ctx.now,
    timeZone: seller.timeZone,
    depositRules: ctx.config.depositRules,
  };
  const write = await writerForSeller(ctx, seller.id);
  return localizedHealth({
    health: Risk.sellerHealth(input),
    risk: localizedRisk(Risk.sellerRisk(input), write),
    write,
  });
}

export const riskResolvers: Resolvers = {
  Query: {
    async orderRisk(_root, { orderId }, ctx) {
      const order = await loadVisibleOrder(ctx, orderId);
      return order ? orderRisk(ctx, order) : null;
    },
    async caseRisk(_root, { caseId }, ctx) {
      const c = await loadVisibleCase(ctx, caseId);
      return c ? caseRisk(ctx, c) : null;
    },
    async sellerRisk(_root, { sellerId }, ctx) {
      const id = actingSellerId(ctx, sellerId, "READ");
      const seller = await ctx.loaders.sellerById.load(id);
      if (!seller) throw forbiddenBecause("sellerMissing");
      return (await sellerHealthOf(ctx, seller)).risk;
    },
    async sellers(_root, args, ctx) {
      if (ctx.principal.role !== "OPERATOR") throw forbiddenBecause("operatorsListSellers");
      const scope = { list: "sellers", args: {} };
      const request = pageRequest(ctx, scope, args);
      const page = await SellersRepo.listSellers(ctx.db, request);
      for (const { item } of page.items) ctx.loaders.sellerById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },
  },
  Order: {
    risk: (order, _args, ctx) => orderRisk(ctx, order),
  },
  Case: {
    risk: (c, _args, ctx) => caseRisk(ctx, c),
  },
  Seller: {
    health: (seller, _args, ctx) => {
      if (!Auth.canAccessSeller(ctx.principal, seller.id, "READ"))
        throw forbidden(I18n.text("refusal.request.sellerForbidden", {}));
      return sellerHealthOf(ctx, seller);
    },
  },
  SellerHealth: {
    // What the record does to deposit refunds is the seller's and the operators' only, as the deposits are.
    depositConsequences: (health, _args, ctx) => {
      requireDepositReader(ctx);
      return health.depositConsequences;
    },
  },
};
