import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Money, Stats } from "@seller-ops/core";
import type { Db } from "./context";
import { addToCounters, atVersion, versionOf, type CounterEntries } from "./counterItems";
import { upgraded } from "./shapes";
import type { TransactItem } from "./transact";

/**
 * The one module that writes and reads seller statistics: daily counter items in the seller's
 * partition of the Sellers table (`SELLER#<id>` / `STATS#<YYYY-MM-DD>`). Writes are `ADD`
 * updates that go into the same transaction as the change they count; a repair by the stats
 * rebuild is an `ADD` too, conditional on the day's `version` (`repairDayWrite`).
 */
export const statsKey = (sellerId: string, day: string) => ({ pk: `SELLER#${sellerId}`, sk: `STATS#${day}` });

/**
 * One update per touched day, for the change's transaction: the `ADD` every counter item shares
 * (counterItems.ts). It stamps the shape of a new item only and leaves an older item's shape to
 * `npm run migrate`, which upgrades the whole item; its `version` + 1 lets a repair see the change.
 * A day item holds a fixed set of counters and nothing that grows with the day's activity: every
 * write to it is a transactional update charged on the whole item.
 */
export function counterWrites(db: Db, sellerId: string, deltas: Stats.CounterDeltas): TransactItem[] {
  return Object.entries(deltas)
    .map(([day, counters]) => [day, counterEntries(counters)] as const)
    .filter(([, entries]) => entries.length > 0)
    .map(([day, entries]) => ({ Update: addToDay(db, sellerId, day, entries) }));
}

const counterEntries = (counters: Stats.DayCounters) =>
  Stats.COUNTERS.flatMap((c) => (counters[c] ? [[c, counters[c]] as const] : []));

const addToDay = (db: Db, sellerId: string, day: string, entries: CounterEntries) =>
  addToCounters(db, { kind: "sellerDay", key: statsKey(sellerId, day), set: { sellerId, day }, entries });

/**
 * How a read of the daily counters is made. `consistent`: a strongly consistent Query (twice the read capacity), for a
 * write that decides on them (a deposit refund application); otherwise eventually consistent, and a change made a
 * moment before may not show yet.
 */
export interface ReadDaysOptions {
  consistent?: boolean;
}

/** The daily counters of a seller between two days inclusive: one Query on the seller's partition. */
export async function readDays(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
): Promise<Record<string, Stats.DayCounters>> {
  const days: Record<string, Stats.DayCounters> = {};
  for (const item of await dayItems(db, sellerId, fromDay, toDay, {})) days[String(item.day)] = countersOf(item);
  return days;
}

/**
 * `readDays` for a deposit's eligibility: each day's `settledSalesMinor` apart and exact, a BigInt for a day past
 * 2^53 − 1 minor units (two of the largest orders placed that day) instead of an `AmountOverflow`, for
 * `Deposits.eligibility` sums the term exactly; the other counters as `readDays` reads them.
 */
export async function readDaysWithExactSales(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
  options: ReadDaysOptions = {},
): Promise<{ counters: Record<string, Stats.DayCounters>; salesByDay: Record<string, number | bigint> }> {
  const counters: Record<string, Stats.DayCounters> = {};
  const salesByDay: Record<string, number | bigint> = {};
  for (const item of await dayItems(db, sellerId, fromDay, toDay, options)) {
    const day = String(item.day);
    counters[day] = countersOf(item, "settledSalesMinor");
    const sales: unknown = item.settledSalesMinor;
    salesByDay[day] = typeof sales === "number" || typeof sales === "bigint" ? sales : 0;
  }
  return { counters, salesByDay };
}

async function dayItems(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
  options: ReadDaysOptions,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.Sellers,
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":pk": `SELLER#${sellerId}`,
          ":from": `STATS#${fromDay}`,
          ":to": `STATS#${toDay}`,
        },
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((raw) => upgraded("sellerDay", raw)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The counters of a day item; `apart`, when named, is left out (its caller reads it exactly). */
function countersOf(item: Record<string, unknown>, apart?: Stats.Counter): Stats.DayCounters {
  const counters: Stats.DayCounters = {};
  for (const c of Stats.COUNTERS) {
    if (c === apart) continue;
    const value: unknown = item[c];
    // DynamoDB adds exactly past 2^53 and the document client then answers a BigInt: refuse it
    // explicitly rather than skip it (a missing counter would read as 0, a wrong number).
    if (typeof value === "bigint") throw new Money.AmountOverflow("dailyCounter", value, String(item.day));
    if (typeof value === "number") counters[c] = value;
  }
  return counters;
}

/**
 * Every day of a seller's counters as a repair reads them (strongly consistent): the counters and
 * the version of each stored day. A maintenance read of the whole partition's `STATS#` range.
 */
export async function readDaysForRepair(
  db: Db,
  sellerId: string,
): Promise<Map<string, { counters: Stats.DayCounters; version: number }>> {
  const days = new Map<string, { counters: Stats.DayCounters; version: number }>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.Sellers,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :stats)",
        ExpressionAttributeValues: { ":pk": `SELLER#${sellerId}`, ":stats": "STATS#" },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of page.Items ?? []) {
      const { day, ...stored } = dayForRepair(raw);
      days.set(day, stored);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return days;
}

/** A stored day item as a repair reads it: its day, its counters and the version they are at. */
export function dayForRepair(raw: Record<string, unknown>): {
  day: string;
  counters: Stats.DayCounters;
  version: number;
} {
  const item = upgraded("sellerDay", raw);
  return { day: String(item.day), counters: countersOf(item), version: versionOf(item) };
}

/**
 * A repair of one day (a maintenance tool's write): ADDs the difference between a recount and the
 * counters read at `version`, only while the day is still at that version. A change that landed
 * after the read moved the version, so the write fails its condition (`isConditionFailed`) instead
 * of undoing that change; the caller reads, recounts and tries again. The repair counts as a change.
 */
export const repairDayWrite = (
  db: Db,
  sellerId: string,
  args: { day: string; differences: Stats.DayCounters; version: number },
) => new UpdateCommand(atVersion(addToDay(db, sellerId, args.day, counterEntries(args.differences)), args.version));
