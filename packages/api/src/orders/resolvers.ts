import { z } from "zod";
import { Auth, Errors, Orders, Time, type Order } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { actingSellerId, type Context } from "../context";
import { badUserInput, forbidden } from "../errors";
import { mutationInput, runMutation, type MutationSpec } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import type { Resolvers } from "../generated/resolvers-types";

/** An order the principal may read, or null: another seller's order is simply "not found". */
export async function loadVisibleOrder(ctx: Context, id: string): Promise<Order | null> {
  if (id.length > 64) return null;
  const order = await ctx.loaders.orderById.load(id);
  return order && Auth.canAccessSeller(ctx.principal, order.sellerId, "READ") ? order : null;
}

/**
 * Loads an order to change it. Not visible → NOT_FOUND userError; visible but read-only for this
 * principal → top-level FORBIDDEN (the caller cannot fix that in the input).
 */
async function loadOrderForWrite(ctx: Context, id: string): Promise<{ order: Order } | { errors: Errors.UserError[] }> {
  const order = await OrdersRepo.getOrder(ctx.db, id);
  if (!order || !Auth.canAccessSeller(ctx.principal, order.sellerId, "READ")) {
    return { errors: [Errors.userError("NOT_FOUND", "No such order.", ["input", "orderId"])] };
  }
  if (!Auth.canAccessSeller(ctx.principal, order.sellerId, "WRITE")) throw forbidden("This credential is read-only for that seller.");
  return { order };
}

const createOrder: MutationSpec<ReturnType<typeof createOrderInput>, { order: Order | null }> = {
  name: "createOrder",
  input: createOrderInput(),
  refusedPayload: { order: null },
  async execute(ctx, input) {
    const { sellerId: requestedSellerId, idempotencyKey: _key, ...orderInput } = input;
    const sellerId = actingSellerId(ctx, requestedSellerId, "WRITE");
    const seller = await ctx.loaders.sellerById.load(sellerId);
    if (!seller) return { kind: "refused", errors: [Errors.userError("NOT_FOUND", "No such seller.", ["input", "sellerId"])] };

    const decided = Orders.create({
      id: ulid(Time.toMs(ctx.now)),
      sellerId,
      settlementCurrency: seller.settlementCurrency,
      input: orderInput,
      now: ctx.now,
      rules: ctx.config.orderRules,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const order = decided.value;
    return {
      kind: "write",
      writes: OrdersRepo.createOrderWrites(ctx.db, order),
      payload: { order },
      async onConditionFailed(failed) {
        const existingId = failed.includes(OrdersRepo.DUPLICATE_GUARD_INDEX)
          ? await OrdersRepo.findByMarketplaceOrderId(ctx.db, sellerId, order.marketplaceOrderId)
          : null;
        if (!existingId) throw new Error(`createOrder: unexpected failed conditions ${failed.join(",")}`);
        return [
          Errors.userError(
            "DUPLICATE_ORDER",
            `The seller already has marketplace order ${order.marketplaceOrderId} as order ${existingId}.`,
            ["input", "marketplaceOrderId"],
          ),
        ];
      },
    };
  },
};

function createOrderInput() {
  return mutationInput(Orders.CreateInput).extend({ sellerId: z.string().max(64).nullish() });
}

const markOrderShipped: MutationSpec<ReturnType<typeof shipInput>, { order: Order | null }> = {
  name: "markOrderShipped",
  input: shipInput(),
  refusedPayload: { order: null },
  async execute(ctx, input) {
    const loaded = await loadOrderForWrite(ctx, input.orderId);
    if ("errors" in loaded) return { kind: "refused", errors: loaded.errors };
    const decided = Orders.markShipped(loaded.order, input, ctx.now, ctx.config.orderRules);
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    return {
      kind: "write",
      writes: [OrdersRepo.updateOrderWrite(ctx.db, loaded.order, decided.value)],
      payload: { order: decided.value },
      async onConditionFailed() {
        return [
          Errors.userError("VERSION_CONFLICT", "The order changed while it was being shipped; reload it and retry.", [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};

function shipInput() {
  return mutationInput(Orders.ShipInput);
}

const OrdersArgs = z.object({
  status: z.enum(Orders.ORDER_STATUSES).nullish(),
  shipByBefore: Time.InstantInput.nullish(),
  late: z.boolean().nullish(),
  atRisk: z.boolean().nullish(),
});

export const orderResolvers: Resolvers = {
  Query: {
    order: (_root, { id }, ctx) => loadVisibleOrder(ctx, id),
    async orders(_root, args, ctx) {
      const sellerId = actingSellerId(ctx, args.sellerId, "READ");
      const filter = OrdersArgs.safeParse(args.filter ?? {});
      if (!filter.success) {
        const issue = filter.error.issues[0]!;
        throw badUserInput(`filter.${issue.path.join(".")}: ${issue.message}`, "filter");
      }
      const sort = args.orderBy ?? "SHIP_BY_DESC";
      const scope = { list: "orders", args: { sellerId, filter: filter.data, sort } };
      const request = pageRequest(ctx, scope, args);
      const page = await OrdersRepo.listOrders(ctx.db, {
        sellerId,
        filter: filter.data,
        sort,
        now: ctx.now,
        page: request,
        atRiskWindowMs: ctx.config.orderRules.atRiskWindowMs,
      });
      for (const { item } of page.items) ctx.loaders.orderById.prime(item.id, item);
      return toConnection(ctx, scope, request, page);
    },
  },
  Mutation: {
    createOrder: (_root, { input }, ctx) => runMutation(ctx, createOrder, input),
    markOrderShipped: (_root, { input }, ctx) => runMutation(ctx, markOrderShipped, input),
  },
  Order: {
    late: (order, _args, ctx) => Orders.isLate(order, ctx.now),
    atRisk: (order, _args, ctx) => Orders.isAtRisk(order, ctx.now, ctx.config.orderRules),
    timeLeftSeconds: (order, _args, ctx) => {
      const ms = Orders.timeLeftMs(order, ctx.now);
      return ms === null ? null : Math.trunc(ms / 1000);
    },
    shippedLate: (order) => Orders.shippedLate(order),
  },
};
