import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { Orders, Sellers, Time, type Order, type Seller } from "@seller-ops/core";
import { ApiKeys, OrdersRepo, SellersRepo, type Db } from "@seller-ops/db";
import { monotonicFactory, ulid } from "ulid";

export const iso = (ms: number) => new Date(ms).toISOString();

export function benchSeller(id: string, createdAt: string): Seller {
  return Sellers.withDefaults({
    id,
    name: `Bench Seller ${id}`,
    settlementCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    createdAt,
  });
}

/**
 * Order ids for bulk data: ULIDs from a monotonic factory (one random draw, then increments), as
 * unique as `ulid()` and about 30× cheaper, which matters for 100,000 of them.
 */
const nextId = monotonicFactory();

/** An order decided by core exactly as `createOrder` would decide it, placed at `placedAtMs`. */
export function decideOrder(sellerId: string, marketplaceOrderId: string, placedAtMs: number, shipByMs: number): Order {
  const input = Orders.CreateInput.parse({
    marketplaceOrderId,
    items: [
      { sku: "BENCH-LED-5M", title: "LED strip 5 m", quantity: 1, unitPrice: { amountMinor: 1000, currency: "USD" } },
    ],
    buyerTotal: { amountMinor: 1000, currency: "USD" },
    settlementAmount: { amountMinor: 7000, currency: "CNY" },
    buyerCountry: "US",
    placedAt: iso(placedAtMs),
    shipBy: iso(shipByMs),
  });
  const created = Orders.create({
    id: nextId(placedAtMs),
    sellerId,
    settlementCurrency: "CNY",
    timeZone: "Asia/Shanghai", // shipBy is given: the zone moves nothing
    input,
    now: iso(placedAtMs),
  });
  if (!created.ok) throw new Error(`order ${marketplaceOrderId} refused: ${JSON.stringify(created.errors)}`);
  return created.value;
}

/**
 * Writes orders with BatchWriteItem (25 per request), `concurrency` requests in flight, retrying
 * unprocessed items: the stored items are `OrdersRepo.toItem(order)`, what the API stores.
 */
/** BatchWrite requests in flight while bulk-loading: what a 2-core machine running DynamoDB Local serves best. */
export const LOAD_CONCURRENCY = 8;

export async function bulkLoadOrders(db: Db, orders: readonly Order[], concurrency = LOAD_CONCURRENCY): Promise<void> {
  const batches: Order[][] = [];
  for (let i = 0; i < orders.length; i += 25) batches.push(orders.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      let requests = batch.map((o) => ({ PutRequest: { Item: OrdersRepo.toItem(o) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 10) throw new Error("BatchWrite: items still unprocessed after 10 attempts");
        const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tables.Orders]: requests } }));
        requests = (result.UnprocessedItems?.[db.tables.Orders] ?? []) as typeof requests;
        if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface JobDataset {
  total: number;
  late: number;
  atRisk: number;
}

/**
 * `total` orders for one seller, relative to the job's clock `t0`: 1% already past `shipBy`
 * (1–72 h ago), 2% inside the 24 h at-risk window (`shipBy` 2–22 h ahead, so after being flagged
 * and re-keyed to `shipBy` they are not due again an hour later), the rest due in 2–27 days.
 */
export function jobOrders(
  sellerId: string,
  total: number,
  t0: number,
  tag: string,
): { orders: Order[]; dataset: JobDataset } {
  const late = Math.round(total * 0.01);
  const atRisk = Math.round(total * 0.02);
  const orders: Order[] = [];
  for (let i = 0; i < total; i++) {
    // Spread the due orders through the list rather than in one block.
    const kind = i % 100 === 0 ? "late" : i % 100 === 50 || i % 100 === 75 ? "atRisk" : "normal";
    const id = `AE-${tag}-${i}`;
    if (kind === "late") {
      const shipBy = t0 - (1 + (i % 72)) * Time.HOUR_MS;
      orders.push(decideOrder(sellerId, id, shipBy - 72 * Time.HOUR_MS, shipBy));
    } else if (kind === "atRisk") {
      const shipBy = t0 + (2 + (i % 21)) * Time.HOUR_MS;
      orders.push(decideOrder(sellerId, id, t0 - 48 * Time.HOUR_MS, shipBy));
    } else {
      const shipBy = t0 + (48 + (i % 600)) * Time.HOUR_MS;
      orders.push(decideOrder(sellerId, id, t0 - Time.HOUR_MS, shipBy));
    }
  }
  const counted = {
    late: orders.filter((o) => Date.parse(o.shipBy) < t0).length,
    atRisk: orders.filter((o) => Date.parse(o.shipBy) >= t0 && Date.parse(o.shipBy) <= t0 + 24 * Time.HOUR_MS).length,
  };
  if (counted.late !== late || counted.atRisk !== atRisk)
    throw new Error(`job dataset: expected ${late}/${atRisk}, built ${counted.late}/${counted.atRisk}`);
  return { orders, dataset: { total, late, atRisk } };
}

/** Keys for the API benchmarks: the seller's own, a marketplace integration (the buyer's side) and an operator. */
export async function putBenchKeys(db: Db, sellerId: string, createdAt: string) {
  const keys = {
    seller: `bench-seller-${ulid()}`,
    marketplace: `bench-marketplace-${ulid()}`,
    operator: `bench-operator-${ulid()}`,
  };
  await ApiKeys.putApiKey(db, keys.seller, {
    role: "SELLER",
    keyId: `key_${ulid()}`,
    label: "bench seller",
    sellerId,
    createdAt,
  });
  await ApiKeys.putApiKey(db, keys.marketplace, {
    role: "MARKETPLACE",
    keyId: `key_${ulid()}`,
    label: "bench marketplace",
    allSellers: false,
    sellerIds: [sellerId],
    createdAt,
  });
  await ApiKeys.putApiKey(db, keys.operator, {
    role: "OPERATOR",
    keyId: `key_${ulid()}`,
    label: "bench operator",
    createdAt,
  });
  return keys;
}

export async function putSeller(db: Db, seller: Seller): Promise<void> {
  await SellersRepo.putSellerIfAbsent(db, seller);
}
