import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Money, Stats } from "@seller-ops/core";
import type { Db } from "./context";
import { currentShape, upgraded } from "./shapes";
import type { TransactItem } from "./transact";

/**
 * The one module that writes and reads seller statistics: daily counter items in the seller's
 * partition of the Sellers table (`SELLER#<id>` / `STATS#<YYYY-MM-DD>`). Writes are `ADD`
 * updates that go into the same transaction as the change they count.
 */
export const statsKey = (sellerId: string, day: string) => ({ pk: `SELLER#${sellerId}`, sk: `STATS#${day}` });

/** One update per touched day, for the change's transaction. */
export function counterWrites(db: Db, sellerId: string, deltas: Stats.CounterDeltas): TransactItem[] {
  return Object.entries(deltas)
    .filter(([, counters]) => Object.values(counters).some((v) => v !== 0))
    .map(([day, counters]) => {
      const entries = Object.entries(counters).filter(([, v]) => v !== 0);
      return {
        Update: {
          TableName: db.tables.Sellers,
          Key: statsKey(sellerId, day),
          // A counter update writes only some attributes: it stamps the shape of a new item and leaves
          // an older item's version for `npm run migrate`, which upgrades the whole item.
          UpdateExpression:
            `SET sellerId = :seller, #day = :day, #shape = if_not_exists(#shape, :shape) ADD ` +
            `${entries.map((_, i) => `#c${i} :v${i}`).join(", ")}`,
          ExpressionAttributeNames: {
            "#day": "day",
            "#shape": "shape",
            ...Object.fromEntries(entries.map(([c], i) => [`#c${i}`, c])),
          },
          ExpressionAttributeValues: {
            ":seller": sellerId,
            ":day": day,
            ":shape": currentShape("sellerDay"),
            ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
          },
        },
      };
    });
}

/** The daily counters of a seller between two days inclusive: one Query on the seller's partition. */
export async function readDays(
  db: Db,
  sellerId: string,
  fromDay: string,
  toDay: string,
): Promise<Record<string, Stats.DayCounters>> {
  const days: Record<string, Stats.DayCounters> = {};
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
      const counters: Stats.DayCounters = {};
      for (const c of Stats.COUNTERS) {
        const value: unknown = item[c];
        // DynamoDB adds exactly past 2^53 and the document client then answers a BigInt: refuse it
        // explicitly rather than skip it (a missing counter would read as 0, a wrong number).
        if (typeof value === "bigint")
          throw new Money.AmountOverflow(`The ${c} counter of ${String(item.day)} is ${value}, beyond 2^53 − 1.`);
        if (typeof value === "number") counters[c] = value;
      }
      days[String(item.day)] = counters;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return days;
}
