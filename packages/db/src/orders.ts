import { createHash } from "node:crypto";
import { GetCommand, QueryCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { Orders, Time, type Order, type OrderStatus } from "@seller-ops/core";
import { batchGetByIds, type ById } from "./batch";
import type { Db } from "./context";
import {
  dueItems,
  EMPTY_PAGE,
  idAfter,
  pageWithinKeyRange,
  queryPage,
  type DueItem,
  type KeyRange,
  type Page,
  type PageRequest,
} from "./pagination";
import { stamped, readItem, upgraded } from "./shapes";
import { tableSpecs } from "./specs";
import { putIfAbsent, putIfVersion, type TransactItem } from "./transact";

/**
 * Orders in the Orders table. Item collection per order: `ORDER#<id>` / `ORDER`; plus one
 * uniqueness guard per (seller, marketplace order id) so a second create fails in the same
 * transaction that would have written the order.
 */

export interface OrderStorageRules {
  /** Partitions of the `ordersByNextCheck` index; see packages/db/README.md for why it is sharded. */
  checkShards: number;
}

/**
 * Shard count: kept in code, not in a setting, because it is fixed for the life of a stage
 * (changing it strands entries in shards no longer queried).
 */
export const defaultOrderStorageRules: OrderStorageRules = {
  checkShards: 8,
};

export const orderKey = (id: string) => ({ pk: `ORDER#${id}`, sk: "ORDER" });
export const marketplaceGuardKey = (sellerId: string, marketplaceOrderId: string) => ({
  pk: `MARKETPLACE_ORDER#${sellerId}#${marketplaceOrderId}`,
  sk: "GUARD",
});

/** A stable shard for an order, so its index entry never moves between partitions. */
export function checkShardOf(orderId: string, shards: number): string {
  const n = createHash("sha256").update(orderId).digest().readUInt32BE(0) % shards;
  return `CHECK#${n}`;
}

/** The stored item: the order plus the attributes that place it in each index. */
export function toItem(
  order: Order,
  rules: OrderStorageRules = defaultOrderStorageRules,
): Record<string, NativeAttributeValue> {
  const item: Record<string, NativeAttributeValue> = stamped("order", {
    ...orderKey(order.id),
    ...order,
    sellerStatus: `${order.sellerId}#${order.status}`,
    // DynamoDB refuses an index's key attributes in a FilterExpression; this copy lets
    // `late: false` / `atRisk: false` filter on the index whose range key is `shipBy`.
    shipByForFilter: order.shipBy,
  });
  // Nulls, and remedies of a delay not yet begun, are left out: the shape's defaults read them back. Their names alone
  // took a typical order past one KB, which doubled what each of its writes costs (a write unit is 1 KB).
  for (const [name, value] of Object.entries(item)) if (value === null) delete item[name];
  if (!Orders.hasDelayRemedies(order.delayRemedies)) delete item.delayRemedies;
  // Most orders never have a platform case open: an absent list reads as empty, as on orders stored before it.
  if (order.openPlatformCaseIds.length === 0) delete item.openPlatformCaseIds;
  // As are the reasons of open buyer cases while there are none (an absent record reads as empty).
  if (Object.keys(order.openBuyerCaseReasons).length === 0) delete item.openBuyerCaseReasons;
  // And what is held for open refund returns while nothing is (an absent record reads as nothing held).
  if (Object.keys(order.heldForReturns).length === 0) delete item.heldForReturns;
  // And the count of cases opened while no side has opened one (an absent record reads as none).
  if (Object.keys(order.casesOpened).length === 0) delete item.casesOpened;
  // Sparse: only an order recorded more than the grace after it was placed is in `lateRecordedOrdersBySeller`.
  if (Orders.recordedLate(order)) item.recordedLatePlacedAt = order.placedAt;
  if (order.nextCheckAt) {
    // Sparse: only orders the late-order job still has to look at carry the index keys.
    item.checkShard = checkShardOf(order.id, rules.checkShards);
  } else {
    delete item.nextCheckAt; // a NULL index key is refused by DynamoDB; absence keeps the index sparse
  }
  return item;
}

export function fromItem(raw: Record<string, unknown>): Order {
  return readItem("order", Orders.Info, raw);
}

export async function getOrder(db: Db, id: string, options: { consistent?: boolean } = {}): Promise<Order | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Orders, Key: orderKey(id), ConsistentRead: options.consistent }),
  );
  return result.Item ? fromItem(result.Item) : null;
}

/** Orders by id in one BatchGetItem per 100 ids; the answer is in the order of `ids`, null where missing. */
export async function batchGetOrders(db: Db, ids: readonly string[]): Promise<(Order | null)[]> {
  return batchGetByIds(db, byId, ids);
}

/** Orders by id, for a batch that reads several tables at once (`batchGetItems`). */
export const byId: ById<Order> = { table: "Orders", key: orderKey, parse: fromItem };

/**
 * The existing order id for a marketplace order id, if this seller already has one. Strongly
 * consistent by default (a create names the duplicate it just lost to); a read-only lookup may
 * take the eventually consistent read at half the cost.
 */
export async function findByMarketplaceOrderId(
  db: Db,
  sellerId: string,
  marketplaceOrderId: string,
  options: { consistent?: boolean } = {},
): Promise<string | null> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.tables.Orders,
      Key: marketplaceGuardKey(sellerId, marketplaceOrderId),
      ConsistentRead: options.consistent ?? true,
    }),
  );
  const guard = result.Item ? upgraded("marketplaceOrderGuard", result.Item) : null;
  return typeof guard?.orderId === "string" ? guard.orderId : null;
}

/**
 * Writes for a new order: the order and its uniqueness guard, both only if absent. Index 1 failing means a duplicate.
 */
export function createOrderWrites(db: Db, order: Order): TransactItem[] {
  return [putIfAbsent(db.tables.Orders, toItem(order)), marketplaceGuardWrite(db, order, order.marketplaceOrderId)];
}

/**
 * The uniqueness guard naming `order` under one spelling of its marketplace id, only if absent: the one its create
 * writes, and the folded spelling `npm run repair:order-guards` gives an order an earlier release keyed as typed.
 */
export function marketplaceGuardWrite(
  db: Db,
  order: Pick<Order, "id" | "sellerId" | "createdAt">,
  marketplaceOrderId: string,
): TransactItem {
  return putIfAbsent(
    db.tables.Orders,
    stamped("marketplaceOrderGuard", {
      ...marketplaceGuardKey(order.sellerId, marketplaceOrderId),
      orderId: order.id,
      createdAt: order.createdAt,
    }),
  );
}
export const DUPLICATE_GUARD_INDEX = 1;

/**
 * Replaces an order with its next state, only if nobody changed it since it was read (optimistic
 * concurrency on `version`). Writing the whole item keeps the sparse index attributes in step.
 */
export function updateOrderWrite(db: Db, before: Order, after: Order): TransactItem {
  return putIfVersion(db.tables.Orders, toItem(after), before.version);
}

export type OrderSort = "SHIP_BY_ASC" | "SHIP_BY_DESC";

export interface OrderListFilter {
  status?: OrderStatus | null;
  shipByBefore?: string | null;
  late?: boolean | null;
  atRisk?: boolean | null;
  /** Only orders changed at or after this instant, the oldest change first (the sort does not apply). */
  updatedSince?: string | null;
}

/** What a filter asks of `shipBy` and the status, before an index is chosen. */
interface OrderConstraints {
  status: OrderStatus | null;
  range: KeyRange;
}

/** The status and `shipBy` range a filter asks for; null when no order can match. */
function constraintsOf(filter: OrderListFilter, now: string, atRiskWindowMs: number): OrderConstraints | null {
  const nowMs = Time.toMs(now);
  let range: KeyRange = {};
  if (filter.shipByBefore) range.to = Time.fromMs(Time.toMs(filter.shipByBefore) - 1);
  if (filter.late !== true && filter.atRisk !== true) return { status: filter.status ?? null, range };
  if (filter.late === true && filter.atRisk === true) return null; // an order is one or the other
  if (filter.status && filter.status !== "AWAITING_SHIPMENT") return null; // only unshipped orders are late or at risk
  const wanted = filter.late === true ? lateRange(nowMs) : atRiskRange(now, atRiskWindowMs);
  const merged = intersect(range, wanted);
  if (!merged) return null;
  range = merged;
  return { status: "AWAITING_SHIPMENT", range };
}

const lateRange = (nowMs: number): KeyRange => ({ to: Time.fromMs(nowMs - 1) });
const atRiskRange = (now: string, windowMs: number): KeyRange => ({
  from: now,
  to: Time.fromMs(Time.toMs(now) + windowMs),
});

/** Conditions on one attribute holding `shipBy` (the index key itself, or its filterable copy). */
function rangeConditions(
  attribute: string,
  range: KeyRange,
  prefix: string,
  values: Record<string, NativeAttributeValue>,
): string[] {
  if (range.from && range.to) {
    Object.assign(values, { [`:${prefix}From`]: range.from, [`:${prefix}To`]: range.to });
    return [`${attribute} BETWEEN :${prefix}From AND :${prefix}To`];
  }
  if (range.to) {
    values[`:${prefix}To`] = range.to;
    return [`${attribute} <= :${prefix}To`];
  }
  if (range.from) {
    values[`:${prefix}From`] = range.from;
    return [`${attribute} >= :${prefix}From`];
  }
  return [];
}

/**
 * A seller's orders, one page. Chooses the index from the filter so the filter is a key
 * condition, not a read-and-discard: `updatedSince` → `ordersBySellerUpdatedAt` (the key range
 * holds only what changed since; the other fields filter within it); status →
 * `ordersBySellerStatusShipBy`; late / at-risk are `shipBy` ranges on the AWAITING_SHIPMENT
 * partition of that index; otherwise `ordersBySellerShipBy`. Only `late: false` /
 * `atRisk: false` (and the fields combined with `updatedSince`) need a FilterExpression.
 */
export async function listOrders(
  db: Db,
  args: {
    sellerId: string;
    filter: OrderListFilter;
    sort: OrderSort;
    now: string;
    page: PageRequest;
    atRiskWindowMs: number;
  },
): Promise<Page<Order>> {
  const { filter, now } = args;
  const wanted = constraintsOf(filter, now, args.atRiskWindowMs);
  if (!wanted) return EMPTY_PAGE;

  const names: Record<string, string> = {};
  const values: Record<string, NativeAttributeValue> = {};
  const filters: string[] = [];
  let index: string;
  let keyCondition: string;
  let forward = args.sort === "SHIP_BY_ASC";
  if (filter.updatedSince) {
    index = "ordersBySellerUpdatedAt";
    names["#updatedAt"] = "updatedAt";
    Object.assign(values, { ":seller": args.sellerId, ":since": filter.updatedSince });
    keyCondition = "sellerId = :seller AND #updatedAt >= :since";
    forward = true; // change order: what a catch-up reads next is what changed next
    if (wanted.status) {
      names["#status"] = "status";
      values[":status"] = wanted.status;
      filters.push("#status = :status");
    }
    names["#shipByForFilter"] = "shipByForFilter";
    filters.push(...rangeConditions("#shipByForFilter", wanted.range, "shipBy", values));
  } else {
    const partition = wanted.status
      ? { index: "ordersBySellerStatusShipBy", hashKey: "sellerStatus", value: `${args.sellerId}#${wanted.status}` }
      : { index: "ordersBySellerShipBy", hashKey: "sellerId", value: args.sellerId };
    index = partition.index;
    names["#hash"] = partition.hashKey;
    names["#shipBy"] = "shipBy";
    values[":hash"] = partition.value;
    keyCondition = ["#hash = :hash", ...rangeConditions("#shipBy", wanted.range, "shipBy", values)].join(" AND ");
  }

  // Excluding late or at-risk orders cannot be a key range over all statuses: filter them out.
  const exclude = (name: string, r: KeyRange) => {
    names["#status"] = "status";
    names["#shipByForFilter"] = "shipByForFilter";
    values[":awaiting"] = "AWAITING_SHIPMENT";
    filters.push(`NOT (#status = :awaiting AND ${rangeConditions("#shipByForFilter", r, name, values).join(" AND ")})`);
  };
  if (filter.late === false) exclude("late", lateRange(Time.toMs(now)));
  if (filter.atRisk === false) exclude("atRisk", atRiskRange(now, args.atRiskWindowMs));

  // An attribute name no expression uses is refused by DynamoDB.
  const expressions = [keyCondition, ...filters].join(" ");
  for (const name of Object.keys(names)) if (!new RegExp(`${name}\\b`).test(expressions)) delete names[name];

  const spec = tableSpecs.Orders.globalIndexes[index]!;
  const page = filter.updatedSince ? args.page : pageWithinKeyRange(args.page, "shipBy", wanted.range, forward);
  if (!page) return EMPTY_PAGE;
  return queryPage(
    db,
    {
      TableName: db.tables.Orders,
      IndexName: index,
      KeyConditionExpression: keyCondition,
      ...(filters.length > 0 && { FilterExpression: filters.join(" AND ") }),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: forward,
    },
    page,
    ["pk", "sk", spec.hashKey, spec.rangeKey!],
    fromItem,
  );
}

function intersect(a: KeyRange, b: KeyRange): KeyRange | null {
  const from = [a.from, b.from]
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  const to = [a.to, b.to].filter((x): x is string => !!x).sort()[0];
  if (from && to && from > to) return null;
  return { ...(from && { from }), ...(to && { to }) };
}

/**
 * One page of the late-order job's index: orders of one shard whose next check time has come.
 * Reads only what changes state now; the rest of the table, and the orders already flagged
 * late, are not in this index at all.
 */
export async function dueForCheck(
  db: Db,
  args: { shard: number; now: string; startKey?: Record<string, unknown>; limit: number },
): Promise<{ orders: DueItem<Order>[]; nextKey: Record<string, unknown> | undefined }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.Orders,
      IndexName: "ordersByNextCheck",
      KeyConditionExpression: "checkShard = :shard AND nextCheckAt <= :now",
      ExpressionAttributeValues: { ":shard": `CHECK#${args.shard}`, ":now": args.now },
      ExclusiveStartKey: args.startKey,
      Limit: args.limit,
    }),
  );
  return { orders: dueItems(result.Items, idAfter("ORDER#"), fromItem), nextKey: result.LastEvaluatedKey };
}

/**
 * A seller's orders placed in [from, before) that were recorded late (`Orders.recordedLate`), every page: the sparse
 * `lateRecordedOrdersBySeller` index, which holds no other order. For an ended deposit term: usually none, and only
 * ever the orders of the term a seller or its tools reported more than a week after they were placed.
 */
export function listRecordedLatePlacedBetween(db: Db, sellerId: string, from: string, before: string) {
  return placedBetween(db, { index: "lateRecordedOrdersBySeller", rangeKey: "recordedLatePlacedAt" }, sellerId, {
    from,
    before,
  });
}

/**
 * A seller's orders placed in [from, before), every page: used for the few hours of a deposit
 * term's first or last day that lie outside the term, so at most a day of one seller's orders.
 */
export function listPlacedBetween(db: Db, sellerId: string, from: string, before: string): Promise<Order[]> {
  return placedBetween(db, { index: "ordersBySellerPlacedAt", rangeKey: "placedAt" }, sellerId, { from, before });
}

async function placedBetween(
  db: Db,
  on: { index: string; rangeKey: string },
  sellerId: string,
  range: { from: string; before: string },
): Promise<Order[]> {
  const orders: Order[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.Orders,
        IndexName: on.index,
        KeyConditionExpression: "sellerId = :seller AND #placed BETWEEN :from AND :last",
        ExpressionAttributeNames: { "#placed": on.rangeKey },
        ExpressionAttributeValues: {
          ":seller": sellerId,
          ":from": range.from,
          ":last": Time.fromMs(Time.toMs(range.before) - 1),
        },
        ExclusiveStartKey: start,
      }),
    );
    orders.push(...(page.Items ?? []).map(fromItem));
    start = page.LastEvaluatedKey;
  } while (start);
  return orders;
}
