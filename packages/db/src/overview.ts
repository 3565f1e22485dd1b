import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Overview, type Case, type DepositRefundApplication, type Order } from "@seller-ops/core";
import type { Db } from "./context";
import { addToCounters, atVersion, versionOf, type CounterEntries } from "./counterItems";
import { deadlineBounds, owedBy, SELLER_DEADLINE_INDEX } from "./sellerDeadlines";
import { upgraded } from "./shapes";
import type { TransactItem } from "./transact";

/**
 * The one module that writes and reads a seller's overview counters (packages/core/src/overview):
 * one item per seller in its partition of the Sellers table (`SELLER#<id>` / `OVERVIEW`). Writes
 * are `ADD` updates in the same transaction as the change they count; a read is one GetItem, plus
 * one Query that counts the answers and returns due soon (clock-dependent figures no counter can hold).
 */
export const overviewKey = (sellerId: string) => ({ pk: `SELLER#${sellerId}`, sk: "OVERVIEW" });

/**
 * The update for the change's transaction: none when nothing moved. Give the deltas of every
 * object the transaction changes at once (`Overview.combine`): a transaction touches an item once.
 */
export function overviewWrites(db: Db, sellerId: string, deltas: Overview.Deltas): TransactItem[] {
  const entries = counterEntries(deltas);
  return entries.length === 0 ? [] : [{ Update: addToOverview(db, sellerId, entries) }];
}

const counterEntries = (deltas: Overview.Deltas) =>
  Overview.COUNTERS.flatMap((c) => (deltas[c] ? [[c, deltas[c]] as const] : []));

/** The `ADD` of counter deltas to a seller's overview item (counterItems.ts), for a change and a repair alike. */
const addToOverview = (db: Db, sellerId: string, entries: CounterEntries) =>
  addToCounters(db, { kind: "sellerOverview", key: overviewKey(sellerId), set: { sellerId }, entries });

/** The overview writes of an order change (`before` null for a new order). */
export const orderChangeWrites = (db: Db, before: Order | null, after: Order): TransactItem[] =>
  overviewWrites(db, after.sellerId, Overview.orderDeltas({ before, after }));

/** The overview writes of a case change together with its order's (both in one transaction). */
export function caseChangeWrites(
  db: Db,
  change: { caseBefore: Case | null; caseAfter: Case; orderBefore?: Order | null; orderAfter?: Order | null },
): TransactItem[] {
  const parts = [Overview.caseDeltas({ before: change.caseBefore, after: change.caseAfter })];
  if (change.orderBefore && change.orderAfter)
    parts.push(Overview.orderDeltas({ before: change.orderBefore, after: change.orderAfter }));
  return overviewWrites(db, change.caseAfter.sellerId, Overview.combine({ parts }));
}

/** The overview writes of a refund application's change (`before` null for a new application). */
export const applicationChangeWrites = (
  db: Db,
  before: DepositRefundApplication | null,
  after: DepositRefundApplication,
): TransactItem[] => overviewWrites(db, after.sellerId, Overview.applicationDeltas({ before, after }));

/** The stored counters; all 0 for a seller whose overview item does not exist yet (nothing counted). */
export async function readCounters(db: Db, sellerId: string): Promise<Overview.Counters> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tables.Sellers, Key: overviewKey(sellerId) }));
  return countersOf(result.Item ? upgraded("sellerOverview", result.Item) : {});
}

function countersOf(item: Record<string, unknown>): Overview.Counters {
  const counters = Overview.zero();
  for (const c of Overview.COUNTERS) {
    const value = item[c];
    if (typeof value === "number") counters[c] = value;
  }
  return counters;
}

/**
 * How many answers and how many returns the seller owes with a deadline inside the due-soon range: one Query of
 * the sparse keys-only index `casesBySellerDeadline` (sellerDeadlines.ts), key range bounded on both sides, so it
 * reads only the seller's deadlines of that one day, each item a case's keys and its range key, which says whether
 * it owes an answer or a return's step. One request per MB of those keys (DynamoDB reads at most 1 MB per page):
 * one for any seller with fewer than some thousands of deadlines within a day. `requests` says how many it took.
 */
export async function countDueSoon(
  db: Db,
  args: { sellerId: string; from: string; to: string },
): Promise<{ answers: number; returns: number; requests: number }> {
  const bounds = deadlineBounds(args);
  const counts = { answers: 0, returns: 0 };
  let requests = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.Cases,
        IndexName: SELLER_DEADLINE_INDEX,
        KeyConditionExpression: "deadlineSellerId = :seller AND sellerDeadline BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":seller": args.sellerId, ":from": bounds.from, ":to": bounds.to },
        ProjectionExpression: "sellerDeadline",
        ExclusiveStartKey: start,
      }),
    );
    requests++;
    for (const item of page.Items ?? []) {
      const owes = owedBy(String(item.sellerDeadline));
      if (owes === "ANSWER") counts.answers++;
      if (owes === "RETURN") counts.returns++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { ...counts, requests };
}

/** The overview as a repair reads it: the counters and the version (0 for an item no change has counted yet). */
export async function readForRepair(
  db: Db,
  sellerId: string,
): Promise<{ counters: Overview.Counters; version: number }> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Sellers, Key: overviewKey(sellerId), ConsistentRead: true }),
  );
  return overviewForRepair(result.Item ?? null);
}

/** A stored overview item (or none) as a repair reads it: the counters and the version they are at. */
export function overviewForRepair(raw: Record<string, unknown> | null): {
  counters: Overview.Counters;
  version: number;
} {
  const item = raw ? upgraded("sellerOverview", raw) : {};
  return { counters: countersOf(item), version: versionOf(item) };
}

/**
 * A repair (a maintenance tool's write): ADDs the difference between a recount and the counters
 * read at `version`, only while the item is still at that version. A change that landed after the
 * read moved the version, so the write fails its condition (`isConditionFailed`) instead of
 * undoing that change; the caller reads, recounts and tries again. The repair counts as a change.
 */
export const repairWrite = (db: Db, sellerId: string, args: { differences: Overview.Deltas; version: number }) =>
  new UpdateCommand(atVersion(addToOverview(db, sellerId, counterEntries(args.differences)), args.version));

/** The stored counters of an overview item read by a Scan (maintenance tools). */
export const storedCounters = (raw: Record<string, unknown>): Overview.Counters =>
  countersOf(upgraded("sellerOverview", raw));
