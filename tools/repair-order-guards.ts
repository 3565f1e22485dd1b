import { Orders, type Order } from "@seller-ops/core";
import { OrdersRepo, type Db } from "@seller-ops/db";
import {
  commandArgs,
  maintenanceDatabase,
  putIfStillAbsent,
  runWhenCalled,
  scanItems,
} from "../packages/local/src/maintenance";

/**
 * `npm run repair:order-guards [-- --dry-run]`: a one-off backfill after the release that folds identifiers to Unicode
 * NFKC (`Inputs.Identifier`). An order an earlier release created under a spelling NFKC changes (`ＡＥ－２０２６`, a
 * Chinese input method's full-width letters; `CAFÉ-1001` with E and a combining accent) has its uniqueness guard
 * keyed by that spelling. The same marketplace order sent today arrives folded (`AE-2026`), finds no guard under it,
 * and becomes a second order: the settlement counted twice in the seller's sales. The tool Scans the Orders table page
 * by page (a maintenance tool may Scan) and gives each such order the guard `createOrder` writes today under the
 * folded spelling (`OrdersRepo.marketplaceGuardWrite`), only if absent, so a guard the live service wrote meanwhile is
 * never overwritten. The guard under the typed spelling stays: `order(marketplaceOrderId:)` still finds the order by
 * it.
 *
 * It keeps in memory only the orders whose id NFKC changes (rare spellings, not the table). Two such orders of one
 * seller that fold to one id, or one whose folded id an order created since holds, are the same marketplace order
 * recorded twice already: a conflict for an operator. The earliest-created (then the lowest id) holds the guard when
 * none does; the others are reported, never written. Idempotent: a second run writes 0 and reports the conflicts again.
 */

/** An order an earlier release keyed under a spelling NFKC changes. */
export interface UnfoldedOrder {
  orderId: string;
  sellerId: string;
  /** As stored, and as its guard is keyed. */
  marketplaceOrderId: string;
  /** As `createOrder` keys it today. */
  folded: string;
  createdAt: string;
}

export type OrderGuardOutcome =
  | { kind: "written"; order: UnfoldedOrder }
  | { kind: "alreadyGuarded"; order: UnfoldedOrder }
  /** Another order holds (or, in a dry run, would hold) the folded spelling's guard. */
  | { kind: "conflict"; order: UnfoldedOrder; holderOrderId: string };

export interface OrderGuardReport {
  dryRun: boolean;
  /** Order items read. */
  examined: number;
  /** Orders whose marketplace id NFKC changes. */
  unfolded: number;
  /** Guards written (in a dry run: that would be written). */
  written: number;
  alreadyGuarded: number;
  conflicts: Extract<OrderGuardOutcome, { kind: "conflict" }>[];
}

/**
 * The order's marketplace id as `createOrder` stores and keys it today, when that differs from the stored one. None
 * for an id the folding leaves alone, or one whose folded form `createOrder` refuses (longer than the limit, say):
 * no request today can name the order by it, so no guard is needed.
 */
export function unfolded(order: Order): UnfoldedOrder | null {
  const folded = Orders.MarketplaceOrderIdInput.safeParse(order.marketplaceOrderId);
  if (!folded.success || folded.data === order.marketplaceOrderId) return null;
  return {
    orderId: order.id,
    sellerId: order.sellerId,
    marketplaceOrderId: order.marketplaceOrderId,
    folded: folded.data,
    createdAt: order.createdAt,
  };
}

const earliest = (a: UnfoldedOrder, b: UnfoldedOrder) =>
  a.createdAt.localeCompare(b.createdAt) || a.orderId.localeCompare(b.orderId);

/** Every order item, page by page, with the ones to guard. */
async function scanUnfolded(db: Db, report: OrderGuardReport): Promise<Map<string, UnfoldedOrder[]>> {
  const bySpelling = new Map<string, UnfoldedOrder[]>();
  for await (const item of scanItems(db, {
    TableName: db.tables.Orders,
    // The table also holds the guards themselves (marketplace ids, refund references).
    FilterExpression: "sk = :order",
    ExpressionAttributeValues: { ":order": "ORDER" },
  })) {
    report.examined++;
    const order = unfolded(OrdersRepo.fromItem(item));
    if (!order) continue;
    report.unfolded++;
    // JSON keeps the two parts apart whatever characters they hold.
    const key = JSON.stringify([order.sellerId, order.folded]);
    bySpelling.set(key, [...(bySpelling.get(key) ?? []), order]);
  }
  return bySpelling;
}

/** The outcomes of the orders (earliest first) that fold to one seller's one id. */
async function guardSpelling(db: Db, orders: UnfoldedOrder[], dryRun: boolean): Promise<OrderGuardOutcome[]> {
  const [first] = orders;
  if (!first) return [];
  const find = () => OrdersRepo.findByMarketplaceOrderId(db, first.sellerId, first.folded);
  let holder = await find();
  let written: UnfoldedOrder | null = null;
  if (!holder) {
    const stored = { id: first.orderId, sellerId: first.sellerId, createdAt: first.createdAt };
    if (dryRun || (await putIfStillAbsent(db, OrdersRepo.marketplaceGuardWrite(db, stored, first.folded)))) {
      written = first;
      holder = first.orderId;
    } else {
      // Written meanwhile (the live service's create): read whose it is.
      holder = await find();
      if (!holder) throw new Error(`The guard of ${first.folded} for seller ${first.sellerId} failed its write.`);
    }
  }
  return orders.map((order): OrderGuardOutcome => {
    if (order === written) return { kind: "written", order };
    return order.orderId === holder
      ? { kind: "alreadyGuarded", order }
      : { kind: "conflict", order, holderOrderId: holder };
  });
}

export async function repairOrderGuards(
  db: Db,
  options: { dryRun?: boolean; onOutcome?: (outcome: OrderGuardOutcome) => void } = {},
): Promise<OrderGuardReport> {
  const dryRun = options.dryRun ?? false;
  const report: OrderGuardReport = { dryRun, examined: 0, unfolded: 0, written: 0, alreadyGuarded: 0, conflicts: [] };
  const bySpelling = await scanUnfolded(db, report);
  for (const orders of bySpelling.values()) {
    for (const outcome of await guardSpelling(db, orders.sort(earliest), dryRun)) {
      if (outcome.kind === "written") report.written++;
      else if (outcome.kind === "alreadyGuarded") report.alreadyGuarded++;
      else report.conflicts.push(outcome);
      options.onOutcome?.(outcome);
    }
  }
  return report;
}

const described = (o: UnfoldedOrder) =>
  `order ${o.orderId} of seller ${o.sellerId} (marketplace id ${JSON.stringify(o.marketplaceOrderId)}, ` +
  `created ${o.createdAt})`;

/** One line per outcome worth a line: a guard written (or that would be) and a conflict. */
export function outcomeLine(outcome: OrderGuardOutcome, dryRun: boolean): string | null {
  if (outcome.kind === "alreadyGuarded") return null;
  if (outcome.kind === "written") {
    return `${dryRun ? "would guard" : "guarded"} ${outcome.order.folded} for ${described(outcome.order)}`;
  }
  return (
    `CONFLICT ${described(outcome.order)} is the marketplace order ${outcome.order.folded}, ` +
    `already recorded as order ${outcome.holderOrderId}, which holds the guard`
  );
}

export function summaryLines(report: OrderGuardReport): string[] {
  const written = report.dryRun
    ? `guards to write ${report.written} (dry run: 0 written)`
    : `guards written ${report.written}`;
  const lines = [
    `Orders examined: ${report.examined}, with a marketplace id NFKC changes ${report.unfolded}, ${written}, ` +
      `already guarded ${report.alreadyGuarded}, conflicts ${report.conflicts.length}`,
  ];
  if (report.conflicts.length > 0) {
    lines.push(
      `${report.conflicts.length} order(s) are a marketplace order recorded twice (counted twice in the seller's ` +
        "sales): listed above as CONFLICT for an operator (a run again lists them again).",
    );
  }
  return lines;
}

async function main() {
  const { values } = commandArgs("Usage: npm run repair:order-guards [-- --dry-run]", {
    "dry-run": { type: "boolean", default: false },
  });
  const dryRun = values["dry-run"] ?? false;
  const report = await repairOrderGuards(maintenanceDatabase(["Orders"]), {
    dryRun,
    onOutcome: (outcome) => {
      const line = outcomeLine(outcome, dryRun);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`${summaryLines(report).join("\n")}\n`);
  // 2, not 1: running again does not clear a conflict; cancelling the second order is the seller's and support's call.
  if (report.conflicts.length > 0) process.exitCode = 2;
}

runWhenCalled(import.meta.url, main);
