import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Money, Stats } from "@seller-ops/core";
import type { Db } from "./context";
import { addToCounters, atVersion, versionOf, type CounterEntries, type CounterMarks } from "./counterItems";
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
 */
export function counterWrites(
  db: Db,
  sellerId: string,
  deltas: Stats.CounterDeltas,
  lost: readonly Stats.QualityDisputeMark[] = [],
): TransactItem[] {
  return Object.entries(deltas)
    .map(([day, counters]) => [day, counterEntries(counters)] as const)
    .filter(([, entries]) => entries.length > 0)
    .map(([day, entries]) => {
      const marks = lost.filter((l) => l.day === day).map((l) => l.mark);
      return { Update: addToDay(db, sellerId, day, entries, marks.length > 0 ? [[LOST_MARKS, marks]] : []) };
    });
}

/**
 * The day item's set of the quality disputes lost that day, `<resolvedAt>#<caseId>` each
 * (`Stats.qualityDisputeMarks`), next to its `qualityDisputesLost` counter. A day counted before
 * the set was kept has the counter without it: readers take what the set names and no more.
 */
const LOST_MARKS = "qualityDisputesLostAt";

const counterEntries = (counters: Stats.DayCounters) =>
  Stats.COUNTERS.flatMap((c) => (counters[c] ? [[c, counters[c]] as const] : []));

const addToDay = (db: Db, sellerId: string, day: string, entries: CounterEntries, marks: CounterMarks = []) =>
  addToCounters(db, { kind: "sellerDay", key: statsKey(sellerId, day), set: { sellerId, day }, entries, marks });

/** The daily counters of a seller between two days inclusive: one Query on the seller's partition. */
export async function readDays(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
): Promise<Record<string, Stats.DayCounters>> {
  const days = await readDaysWithMarks(db, sellerId, fromDay, toDay);
  return Object.fromEntries(Object.entries(days).map(([day, d]) => [day, d.counters]));
}

/** `readDays` with each day's marks of the quality disputes lost that day (empty where none were kept). */
export async function readDaysWithMarks(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
): Promise<Record<string, { counters: Stats.DayCounters; qualityDisputesLostAt: string[] }>> {
  const days: Record<string, { counters: Stats.DayCounters; qualityDisputesLostAt: string[] }> = {};
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
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of page.Items ?? []) {
      const item = upgraded("sellerDay", raw);
      days[String(item.day)] = { counters: countersOf(item), qualityDisputesLostAt: marksOf(item) };
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return days;
}

/** A day item's marks of the quality disputes lost that day (none on a day counted before they were kept). */
export function marksOf(item: Record<string, unknown>): string[] {
  const marks = item[LOST_MARKS];
  return marks instanceof Set ? [...marks].map(String).sort() : [];
}

function countersOf(item: Record<string, unknown>): Stats.DayCounters {
  const counters: Stats.DayCounters = {};
  for (const c of Stats.COUNTERS) {
    const value: unknown = item[c];
    // DynamoDB adds exactly past 2^53 and the document client then answers a BigInt: refuse it
    // explicitly rather than skip it (a missing counter would read as 0, a wrong number).
    if (typeof value === "bigint")
      throw new Money.AmountOverflow(`The ${c} counter of ${String(item.day)} is ${value}, beyond 2^53 − 1.`);
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
): Promise<Map<string, { counters: Stats.DayCounters; version: number; qualityDisputesLostAt: string[] }>> {
  const days = new Map<string, { counters: Stats.DayCounters; version: number; qualityDisputesLostAt: string[] }>();
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
      const item = upgraded("sellerDay", raw);
      days.set(String(item.day), {
        counters: countersOf(item),
        version: versionOf(item),
        qualityDisputesLostAt: marksOf(item),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return days;
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
  args: { day: string; differences: Stats.DayCounters; version: number; missingMarks?: readonly string[] },
) => {
  const marks: CounterMarks = args.missingMarks?.length ? [[LOST_MARKS, args.missingMarks]] : [];
  return new UpdateCommand(
    atVersion(addToDay(db, sellerId, args.day, counterEntries(args.differences), marks), args.version),
  );
};
