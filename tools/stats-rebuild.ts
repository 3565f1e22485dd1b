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

/** Every item of a table, or every item of one seller's; strongly consistent either way. */
async function scanAll(db: Db, table: keyof Db["tables"], sellerId?: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  const ofSeller = sellerId && {
    FilterExpression: "sellerId = :seller",
    ExpressionAttributeValues: { ":seller": sellerId },
  };
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tables[table], ExclusiveStartKey: start, ConsistentRead: true, ...ofSeller }),
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
  /** Sellers a change reached during the pass, repaired again on their own (rebuild only). */
  sellersRepairedAlone: number;
}

type Counted = ReturnType<typeof countedFromItems>;
type StoredDay = { counters: Stats.DayCounters; version: number };

/**
 * One pass over every table, whatever the number of sellers: the sellers' stored counters are read first, then
 * the orders, cases and applications they count (all strongly consistent). A change that lands after the first
 * read moves the version of what it counts, so a repair written from this pass (conditional on the version read)
 * is refused, and only that seller is read and repaired again on its own (`repairDays`, `repairOverview`). A change
 * landing mid-pass can show as a mismatch in a check; the repair never writes it.
 */
export async function rebuildStats(db: Db, options: { write: boolean }): Promise<StatsReport> {
  const sellerItems = await scanAll(db, "Sellers");
  const [orderItems, caseItems, depositItems] = await Promise.all([
    scanAll(db, "Orders"),
    scanAll(db, "Cases"),
    scanAll(db, "Deposits"),
  ]);
  const sellers: Seller[] = sellerItems.filter((i) => i.sk === "PROFILE").map(SellersRepo.sellerFromItem);
  const counted = bySeller(countedFromItems(orderItems, caseItems, depositItems));
  const days = new Map<string, Map<string, StoredDay>>();
  const overviews = new Map<string, Record<string, unknown>>();
  for (const item of sellerItems) {
    const sellerId = String(item.pk).slice("SELLER#".length);
    if (item.sk === "OVERVIEW") overviews.set(sellerId, item);
    if (!String(item.sk).startsWith("STATS#")) continue;
    const { day, ...stored } = StatsRepo.dayForRepair(item);
    days.set(sellerId, (days.get(sellerId) ?? new Map()).set(day, stored));
  }
  const report: StatsReport = {
    sellers: sellers.length,
    daysChecked: 0,
    mismatches: [],
    daysWritten: 0,
    overviewMismatches: [],
    overviewsWritten: 0,
    sellersRepairedAlone: 0,
  };
  for (const seller of sellers) {
    const mine = counted.get(seller.id) ?? { orders: [], cases: [], applications: [] };
    const fromPass = await checkDays(db, {
      seller,
      expected: Stats.recountAll(mine.orders, mine.cases, seller.timeZone),
      stored: days.get(seller.id) ?? new Map(),
      report,
      write: options.write,
    });
    const overviewFromPass = await checkOverview(db, {
      seller,
      expected: Overview.recount(mine),
      stored: OverviewRepo.overviewForRepair(overviews.get(seller.id) ?? null),
      report,
      write: options.write,
    });
    if (fromPass === "refused" || overviewFromPass === "refused") report.sellersRepairedAlone++;
  }
  return report;
}

/** The counted items grouped by seller, so that each seller's recount reads only its own. */
function bySeller(counted: Counted): Map<string, Counted> {
  const groups = new Map<string, Counted>();
  const of = (sellerId: string) => {
    const group = groups.get(sellerId) ?? { orders: [], cases: [], applications: [] };
    groups.set(sellerId, group);
    return group;
  };
  for (const o of counted.orders) of(o.sellerId).orders.push(o);
  for (const c of counted.cases) of(c.sellerId).cases.push(c);
  for (const a of counted.applications) of(a.sellerId).applications.push(a);
  return groups;
}

/**
 * Compares one seller's stored days with the recount and, when asked, ADDs each day's difference at the version
 * the pass read. "refused" when a change moved a day since: the seller's days are then repaired on their own.
 */
async function checkDays(
  db: Db,
  args: {
    seller: Seller;
    expected: Record<string, Stats.DayCounters>;
    stored: Map<string, StoredDay>;
    report: StatsReport;
    write: boolean;
  },
): Promise<"refused" | "done"> {
  const { seller, expected, stored, report } = args;
  const repairs: { day: string; differences: Stats.DayCounters; version: number }[] = [];
  for (const day of [...new Set([...Object.keys(expected), ...stored.keys()])].sort()) {
    report.daysChecked++;
    const have = stored.get(day) ?? { counters: {}, version: 0 };
    const differences: Stats.DayCounters = {};
    for (const counter of Stats.COUNTERS) {
      const e = expected[day]?.[counter] ?? 0;
      const s = have.counters[counter] ?? 0;
      if (e === s) continue;
      report.mismatches.push({ sellerId: seller.id, day, counter, stored: s, expected: e });
      differences[counter] = e - s;
    }
    if (Object.keys(differences).length > 0) repairs.push({ day, differences, version: have.version });
  }
  if (!args.write || repairs.length === 0) return "done";
  let refused = false;
  for (const repair of repairs) {
    try {
      await db.doc.send(StatsRepo.repairDayWrite(db, seller.id, repair));
      report.daysWritten++;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      refused = true;
    }
  }
  if (!refused) return "done";
  report.daysWritten += await repairDays(db, seller);
  return "refused";
}

/**
 * Compares one seller's stored overview with the recount and, when asked, ADDs the difference at the version the
 * pass read. "refused" when a change moved it since: the overview is then repaired on its own.
 */
async function checkOverview(
  db: Db,
  args: {
    seller: Seller;
    expected: Overview.Counters;
    stored: { counters: Overview.Counters; version: number };
    report: StatsReport;
    write: boolean;
  },
): Promise<"refused" | "done"> {
  const { seller, expected, stored, report } = args;
  const differences: Overview.Deltas = {};
  for (const counter of Overview.COUNTERS) {
    if (stored.counters[counter] === expected[counter]) continue;
    report.overviewMismatches.push({
      sellerId: seller.id,
      counter,
      stored: stored.counters[counter],
      expected: expected[counter],
    });
    differences[counter] = expected[counter] - stored.counters[counter];
  }
  if (!args.write || Object.keys(differences).length === 0) return "done";
  try {
    await db.doc.send(OverviewRepo.repairWrite(db, seller.id, { differences, version: stored.version }));
    report.overviewsWritten++;
    return "done";
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  if (await repairOverview(db, seller)) report.overviewsWritten++;
  return "refused";
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

/**
 * One seller's orders, cases and refund applications as they are now (strongly consistent Scans of whole tables):
 * only for a seller a change reached during the pass, so the Scans do not grow with the number of sellers.
 */
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
