import { Overview, Stats } from "@seller-ops/core";
import { isConditionFailed, OverviewRepo, SellersRepo, StatsRepo, type Db } from "@seller-ops/db";
import { recount, scanPages, type Recount } from "./stats-recount";

/**
 * A maintenance tool, never a request path — which is why it lives in tools/, outside the
 * service's packages: it reads whole tables with Scan. The statistics
 * rebuild recomputes every seller's daily counters and overview counters from the orders, cases
 * and refund applications as they are and reports (or repairs) any difference from the stored ones.
 * It is also how sellers stored before the overview existed get theirs (docs/changing-stored-data.md).
 */

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
  /** Sellers a change reached during the first pass, repaired by a pass after it (rebuild only). */
  sellersRepairedAlone: number;
  /** Passes over Orders, Cases and Deposits after the first: at most `EXTRA_PASSES` (rebuild only). */
  extraPasses: number;
  /**
   * Sellers a change still reached during the last pass: not repaired (or only in part). `npm run stats -- rebuild`
   * lists them and exits non-zero, to be run again.
   */
  sellersStillChanging: string[];
}

type StoredDay = { counters: Stats.DayCounters; version: number };
/** A seller's stored counters and the versions a pass read them at. */
type Stored = { days: Map<string, StoredDay>; overview: { counters: Overview.Counters; version: number } };

/** Passes after the first, each over the sellers a change reached during the one before. */
export const EXTRA_PASSES = 5;

/**
 * A pass reads the sellers' stored counters and their versions first (a strongly consistent Scan of Sellers), then
 * recounts every seller from one strongly consistent Scan of Orders, Cases and Deposits each, whatever the number of
 * sellers (tools/stats-recount.ts, which keeps totals, never items), and repairs each difference on the condition that
 * the version is still the one read. A change that lands after the read moves the version of what it counts, so that
 * seller's write is refused: every seller refused in a pass is read again (its own items, by key) and recounted in ONE
 * more pass over the tables, up to `EXTRA_PASSES` times; the sellers still refused after the last are reported in
 * `sellersStillChanging`. A change landing mid-pass can show as a mismatch in a check; the repair never writes it.
 */
export async function rebuildStats(db: Db, options: { write: boolean }): Promise<StatsReport> {
  const timeZones = new Map<string, string>();
  const stored = new Map<string, Stored>();
  const of = (sellerId: string) => {
    const mine = stored.get(sellerId) ?? { days: new Map(), overview: OverviewRepo.overviewForRepair(null) };
    stored.set(sellerId, mine);
    return mine;
  };
  await scanPages(db, "Sellers", (items) => {
    for (const item of items) {
      const sellerId = String(item.pk).slice("SELLER#".length);
      if (item.sk === "PROFILE") timeZones.set(sellerId, SellersRepo.sellerFromItem(item).timeZone);
      if (item.sk === "OVERVIEW") of(sellerId).overview = OverviewRepo.overviewForRepair(item);
      if (!String(item.sk).startsWith("STATS#")) continue;
      const { day, ...atVersion } = StatsRepo.dayForRepair(item);
      of(sellerId).days.set(day, atVersion);
    }
  });
  const report: StatsReport = {
    sellers: timeZones.size,
    daysChecked: 0,
    mismatches: [],
    daysWritten: 0,
    overviewMismatches: [],
    overviewsWritten: 0,
    sellersRepairedAlone: 0,
    extraPasses: 0,
    sellersStillChanging: [],
  };
  const counted = await recount(db, timeZones);
  let refused = new Set<string>();
  for (const sellerId of timeZones.keys()) {
    const written = await checkSeller(db, { sellerId, counted, stored, report, write: options.write, first: true });
    report.daysWritten += written.days.length;
    if (written.overview) report.overviewsWritten++;
    if (written.refused) refused.add(sellerId);
  }
  const changed = refused.size;
  // What the passes after the first wrote, per seller: a day written in two of them is one day repaired.
  const repaired = new Map<string, { days: Set<string>; overview: boolean }>();
  while (refused.size > 0 && report.extraPasses < EXTRA_PASSES) {
    report.extraPasses++;
    const again = new Map<string, Stored>();
    for (const sellerId of refused) {
      const days = await StatsRepo.readDaysForRepair(db, sellerId);
      again.set(sellerId, { days, overview: await OverviewRepo.readForRepair(db, sellerId) });
    }
    const zones = new Map([...refused].map((id) => [id, timeZones.get(id)!] as const));
    const recounted = await recount(db, zones);
    const stillRefused = new Set<string>();
    for (const sellerId of refused) {
      const args = { sellerId, counted: recounted, stored: again, report, write: true, first: false };
      const written = await checkSeller(db, args);
      const mine = repaired.get(sellerId) ?? { days: new Set<string>(), overview: false };
      for (const day of written.days) mine.days.add(day);
      mine.overview ||= written.overview;
      repaired.set(sellerId, mine);
      if (written.refused) stillRefused.add(sellerId);
    }
    refused = stillRefused;
  }
  for (const mine of repaired.values()) {
    report.daysWritten += mine.days.size;
    if (mine.overview) report.overviewsWritten++;
  }
  report.sellersRepairedAlone = changed - refused.size;
  report.sellersStillChanging = [...refused].sort();
  return report;
}

/**
 * Checks one seller's stored days and overview against the recount and, when asked, repairs them at the versions read.
 * The first pass reports what differs; a later one only repairs (as it reads the seller again after a change).
 */
async function checkSeller(
  db: Db,
  args: {
    sellerId: string;
    counted: Map<string, Recount>;
    stored: Map<string, Stored>;
    report: StatsReport;
    write: boolean;
    first: boolean;
  },
): Promise<{ days: string[]; overview: boolean; refused: boolean }> {
  const { sellerId } = args;
  const mine = args.counted.get(sellerId) ?? { days: {}, overview: Overview.zero() };
  const stored = args.stored.get(sellerId) ?? { days: new Map(), overview: OverviewRepo.overviewForRepair(null) };
  const days = await checkDays(db, { ...args, expected: mine.days, stored: stored.days });
  const overview = await checkOverview(db, { ...args, expected: mine.overview, stored: stored.overview });
  return { days: days.written, overview: overview.written, refused: days.refused || overview.refused };
}

/**
 * Compares one seller's stored days with the recount and, when asked, ADDs each day's difference at the version the
 * pass read. A day a change moved since refuses its write (`refused`): the seller is then read and recounted again.
 */
async function checkDays(
  db: Db,
  args: {
    sellerId: string;
    expected: Stats.CounterDeltas;
    stored: Map<string, StoredDay>;
    report: StatsReport;
    write: boolean;
    first: boolean;
  },
): Promise<{ written: string[]; refused: boolean }> {
  const { sellerId, expected, stored, report } = args;
  const repairs: { day: string; differences: Stats.DayCounters; version: number }[] = [];
  for (const day of [...new Set([...Object.keys(expected), ...stored.keys()])].sort()) {
    if (args.first) report.daysChecked++;
    const have = stored.get(day) ?? { counters: {}, version: 0 };
    const differences: Stats.DayCounters = {};
    for (const counter of Stats.COUNTERS) {
      const e = expected[day]?.[counter] ?? 0;
      const s = have.counters[counter] ?? 0;
      if (e === s) continue;
      if (args.first) report.mismatches.push({ sellerId, day, counter, stored: s, expected: e });
      differences[counter] = e - s;
    }
    if (Object.keys(differences).length > 0) repairs.push({ day, differences, version: have.version });
  }
  const written: string[] = [];
  let refused = false;
  if (!args.write) return { written, refused };
  for (const repair of repairs) {
    try {
      await db.doc.send(StatsRepo.repairDayWrite(db, sellerId, repair));
      written.push(repair.day);
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      refused = true;
    }
  }
  return { written, refused };
}

/**
 * Compares one seller's stored overview with the recount and, when asked, ADDs the difference at the version the
 * pass read. A change that moved it since refuses the write (`refused`).
 */
async function checkOverview(
  db: Db,
  args: {
    sellerId: string;
    expected: Overview.Counters;
    stored: { counters: Overview.Counters; version: number };
    report: StatsReport;
    write: boolean;
    first: boolean;
  },
): Promise<{ written: boolean; refused: boolean }> {
  const { sellerId, expected, stored, report } = args;
  const differences: Overview.Deltas = {};
  for (const counter of Overview.COUNTERS) {
    if (stored.counters[counter] === expected[counter]) continue;
    if (args.first)
      report.overviewMismatches.push({
        sellerId,
        counter,
        stored: stored.counters[counter],
        expected: expected[counter],
      });
    differences[counter] = expected[counter] - stored.counters[counter];
  }
  if (!args.write || Object.keys(differences).length === 0) return { written: false, refused: false };
  try {
    await db.doc.send(OverviewRepo.repairWrite(db, sellerId, { differences, version: stored.version }));
    return { written: true, refused: false };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    return { written: false, refused: true };
  }
}
