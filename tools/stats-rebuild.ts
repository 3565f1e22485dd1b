import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { type Deposits, Overview, Stats, type Case, type Order, type Seller } from "@seller-ops/core";
import {
  CasesRepo,
  DepositsRepo,
  isConditionFailed,
  kindOf,
  OrdersRepo,
  OverviewRepo,
  SellersRepo,
  StatsRepo,
  type Db,
} from "@seller-ops/db";

/**
 * A maintenance tool, never a request path — which is why it lives in tools/, outside the
 * service's packages: it reads whole tables with Scan. The statistics
 * rebuild recomputes every seller's daily counters and overview counters from the orders, cases
 * and refund applications as they are and reports (or repairs) any difference from the stored ones.
 * It is also how sellers stored before the overview existed get theirs (docs/changing-stored-data.md).
 */

/** Every item of a table, or (strongly consistent) every item of one seller's. */
async function scanAll(db: Db, table: keyof Db["tables"], sellerId?: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  const ofSeller = sellerId && {
    FilterExpression: "sellerId = :seller",
    ExpressionAttributeValues: { ":seller": sellerId },
    ConsistentRead: true,
  };
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tables[table], ExclusiveStartKey: start, ...ofSeller }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export interface CounterMismatch {
  sellerId: string;
  day: string;
  counter: string;
  stored: number;
  expected: number;
}

/** An overview counter (packages/core/src/overview) that differs from a recount. */
export interface OverviewMismatch {
  sellerId: string;
  counter: Overview.Counter;
  stored: number;
  expected: number;
}

export interface StatsReport {
  sellers: number;
  daysChecked: number;
  mismatches: CounterMismatch[];
  /** Days rewritten (rebuild only). */
  daysWritten: number;
  overviewMismatches: OverviewMismatch[];
  /** Overview items rewritten (rebuild only). */
  overviewsWritten: number;
}

export async function rebuildStats(db: Db, options: { write: boolean }): Promise<StatsReport> {
  const [sellerItems, orderItems, caseItems, depositItems] = await Promise.all([
    scanAll(db, "Sellers"),
    scanAll(db, "Orders"),
    scanAll(db, "Cases"),
    scanAll(db, "Deposits"),
  ]);
  const sellers: Seller[] = sellerItems.filter((i) => i.sk === "PROFILE").map(SellersRepo.sellerFromItem);
  const { orders, cases, applications } = countedFromItems(orderItems, caseItems, depositItems);
  const report: StatsReport = {
    sellers: sellers.length,
    daysChecked: 0,
    mismatches: [],
    daysWritten: 0,
    overviewMismatches: [],
    overviewsWritten: 0,
  };

  for (const seller of sellers) {
    const expected = Stats.recountAll(
      orders.filter((o) => o.sellerId === seller.id),
      cases.filter((c) => c.sellerId === seller.id),
      seller.timeZone,
    );
    const stored = new Map<string, Record<string, unknown>>();
    for (const item of sellerItems)
      if (item.pk === `SELLER#${seller.id}` && String(item.sk).startsWith("STATS#")) stored.set(String(item.day), item);
    const days = new Set([...Object.keys(expected), ...stored.keys()]);
    const mismatchesBefore = report.mismatches.length;
    for (const day of [...days].sort()) {
      report.daysChecked++;
      const want = expected[day] ?? {};
      const have = stored.get(day) ?? {};
      for (const counter of Stats.COUNTERS) {
        const e = want[counter] ?? 0;
        const s = typeof have[counter] === "number" ? (have[counter] as number) : 0;
        if (e !== s) report.mismatches.push({ sellerId: seller.id, day, counter, stored: s, expected: e });
      }
    }
    // The check above compares one Scan of every table, taken while the service may be writing; the
    // repair reads and recounts the seller again, consistently, and writes only what still differs.
    if (report.mismatches.length > mismatchesBefore && options.write)
      report.daysWritten += await repairDays(db, seller);
    await checkOverview(db, {
      seller,
      expected: Overview.recount({
        orders: orders.filter((o) => o.sellerId === seller.id),
        cases: cases.filter((c) => c.sellerId === seller.id),
        applications: applications.filter((a) => a.sellerId === seller.id),
      }),
      storedItem: sellerItems.find((i) => i.pk === `SELLER#${seller.id}` && i.sk === "OVERVIEW") ?? null,
      report,
      write: options.write,
    });
  }
  return report;
}

/** Compares one seller's stored overview with the recount, and rewrites it when asked and it differs. */
async function checkOverview(
  db: Db,
  args: {
    seller: Seller;
    expected: Overview.Counters;
    storedItem: Record<string, unknown> | null;
    report: StatsReport;
    write: boolean;
  },
) {
  const stored = OverviewRepo.storedCounters(args.storedItem ?? {});
  let differs = false;
  for (const counter of Overview.COUNTERS) {
    if (stored[counter] === args.expected[counter]) continue;
    differs = true;
    args.report.overviewMismatches.push({
      sellerId: args.seller.id,
      counter,
      stored: stored[counter],
      expected: args.expected[counter],
    });
  }
  if (differs && args.write && (await repairOverview(db, args.seller))) args.report.overviewsWritten++;
}

/** Attempts at a repair before giving up on a seller whose overview keeps changing under it. */
const REPAIR_ATTEMPTS = 5;

/**
 * Repairs one seller's overview while the service keeps writing it: reads the counters and their
 * version, recounts the seller's orders, cases and applications (strongly consistent Scans), and
 * ADDs the difference only if the version is still the one read. A change that lands in between
 * moves the version, the write is refused, and the repair starts over: it never overwrites a
 * change, and it ends exact. False when the recount found nothing left to repair.
 */
export async function repairOverview(db: Db, seller: Seller): Promise<boolean> {
  for (let attempt = 1; attempt <= REPAIR_ATTEMPTS; attempt++) {
    const stored = await OverviewRepo.readForRepair(db, seller.id);
    const expected = Overview.recount(await sellerAsItIs(db, seller.id));
    const differences = Object.fromEntries(
      Overview.COUNTERS.map((c) => [c, expected[c] - stored.counters[c]] as const).filter(([, d]) => d !== 0),
    ) as Overview.Deltas;
    if (Object.keys(differences).length === 0) return false;
    try {
      await db.doc.send(OverviewRepo.repairWrite(db, seller.id, { differences, version: stored.version }));
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  throw new Error(
    `The overview of seller ${seller.id} changed during each of ${REPAIR_ATTEMPTS} repairs; run the rebuild again.`,
  );
}

/**
 * Repairs one seller's daily counters while the service keeps writing them, day by day the way
 * `repairOverview` repairs the overview: reads every stored day with its version, recounts the
 * seller's orders and cases (strongly consistent Scans), and ADDs each day's difference only if that
 * day's version is still the one read. A day a change landed on in between refuses the write, and
 * the repair reads and recounts again; the days already repaired then show no difference. Each day
 * is its own item and its own repair: a refusal on one never holds back another. How many days it
 * wrote. Safe only once every function counts the day's version: a function of an older release
 * ADDs to a day without moving it, and a change it counts during the recount is counted twice.
 */
export async function repairDays(db: Db, seller: Seller): Promise<number> {
  const written = new Set<string>();
  for (let attempt = 1; attempt <= REPAIR_ATTEMPTS; attempt++) {
    const stored = await StatsRepo.readDaysForRepair(db, seller.id);
    const { orders, cases } = await sellerAsItIs(db, seller.id);
    const expected = Stats.recountAll(orders, cases, seller.timeZone);
    let refused = false;
    for (const day of new Set([...Object.keys(expected), ...stored.keys()])) {
      const have = stored.get(day) ?? { counters: {}, version: 0 };
      const differences: Stats.DayCounters = Object.fromEntries(
        Stats.COUNTERS.map((c) => [c, (expected[day]?.[c] ?? 0) - (have.counters[c] ?? 0)] as const).filter(
          ([, d]) => d !== 0,
        ),
      );
      if (Object.keys(differences).length === 0) continue;
      try {
        await db.doc.send(StatsRepo.repairDayWrite(db, seller.id, { day, differences, version: have.version }));
        written.add(day);
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        refused = true;
      }
    }
    if (!refused) return written.size;
  }
  throw new Error(
    `The daily counters of seller ${seller.id} changed during each of ${REPAIR_ATTEMPTS} repairs; ` +
      "run the rebuild again.",
  );
}

/** One seller's orders, cases and refund applications as they are now (strongly consistent Scans). */
async function sellerAsItIs(db: Db, sellerId: string) {
  const [orderItems, caseItems, depositItems] = await Promise.all([
    scanAll(db, "Orders", sellerId),
    scanAll(db, "Cases", sellerId),
    scanAll(db, "Deposits", sellerId),
  ]);
  return countedFromItems(orderItems, caseItems, depositItems);
}

/**
 * The orders, cases and refund applications among scanned items, read as the service reads them: through their
 * repository, which upgrades an item still in an older shape (a seller's items before `npm run migrate` has run)
 * before parsing it in the current one, so the rebuild does not depend on migrate having run first.
 */
function countedFromItems(
  orderItems: Record<string, unknown>[],
  caseItems: Record<string, unknown>[],
  depositItems: Record<string, unknown>[],
): { orders: Order[]; cases: Case[]; applications: Deposits.RefundApplication[] } {
  return {
    orders: orderItems.filter((i) => i.sk === "ORDER").map(OrdersRepo.fromItem),
    cases: caseItems.filter((i) => i.sk === "CASE").map(CasesRepo.caseFromItem),
    applications: depositItems
      .filter((i) => kindOf("Deposits", i) === "refundApplication")
      .map(DepositsRepo.applicationFromItem),
  };
}
