import { type Case, Cases, type MoneyAmount as Money, type Order, Orders } from "@seller-ops/core";

/**
 * Orders for the core's pure tests, made by the core's own verbs: one item, paid `buyerTotal`, placed at `placedAt`
 * with 3 handling days in UTC, and, for `shippedOrder`, shipped with tracking at `placedAt`.
 */

/** The value of a core result, or the test fails naming the refusal. */
export function must<T>(result: { ok: boolean; value?: T; errors?: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value as T;
}

export function newOrder(placedAt: string, buyerTotal: Money = { amountMinor: 4000, currency: "USD" }): Order {
  return must<Order>(
    Orders.create({
      id: "o1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      input: {
        marketplaceOrderId: "AE-1",
        items: [{ sku: "S", title: "T", quantity: 1 }],
        buyerTotal,
        settlementAmount: { amountMinor: 26000, currency: "CNY" },
        buyerCountry: "US",
        placedAt,
        handlingDays: 3,
        shipBy: null,
      },
      now: placedAt,
      timeZone: "UTC",
    }),
  );
}

export function shippedOrder(placedAt: string, buyerTotal?: Money): Order {
  const input = { orderId: "o1", carrier: "C", trackingNumber: "LP1" };
  return must<Order>(Orders.markShipped({ order: newOrder(placedAt, buyerTotal), input, now: placedAt }));
}

/** A buyer's dispute `id` on `order`, opened at `now` by the marketplace, claiming `claim` when given. */
export function buyerDispute(args: {
  order: Order;
  id: string;
  reason: Cases.OpenCaseInput["reason"];
  now: string;
  claim?: Money;
}): Case {
  const { order, id, reason, now, claim } = args;
  const input = { orderId: order.id, reason, source: "BUYER" as const, ...(claim && { claimAmount: claim }) };
  const roles = ["BUYER", "PLATFORM"] as const;
  return must<{ case: Case }>(Cases.open({ id, order, openCaseOpeners: [], openBuyerCases: [], input, roles, now }))
    .case;
}
