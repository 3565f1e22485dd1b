import { GetCommand, QueryCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { Deposits, Stats, type Deposit, type DepositRefundApplication, type DepositViolation } from "@seller-ops/core";
import { batchGetByIds, type ById } from "./batch";
import type { Db } from "./context";
import { defaultRetentionRules, REDACTED, redactionKeys } from "./retention";
import { queryAll, queryPage, type Page, type PageRequest } from "./pagination";
import { guardedPut, stamped, readItem, upgraded } from "./shapes";
import { tableSpecs } from "./specs";
import { listPlacedBetween, listRecordedLatePlacedBetween } from "./orders";
import {
  listQualityDisputesAmongAllCases,
  listQualityDisputesLostBetween,
  listQualityDisputesOpenedBetween,
} from "./cases";
import { readDaysWithExactSales } from "./stats";
import { applicationChangeWrites } from "./overview";
import { putIfAbsent, putIfVersion, type TransactItem } from "./transact";

export * from "./violation-guards";

/**
 * The Deposits table holds two kinds of partitions:
 *
 * - a deposit and its refund applications as one item collection: `DEPOSIT#<id>` / `DEPOSIT` and
 *   `DEPOSIT#<id>` / `APPLICATION#<applicationId>`, so one Query reads a deposit with every
 *   application it had (the "one open application" check and `Deposit.refundApplications`);
 * - a seller's violations: `SELLER#<sellerId>` / `VIOLATION#<occurredAt>#<violationId>`, so the
 *   violations that can block a refund (those since a given instant) are one Query with a key range.
 *
 * Violations live here rather than in the Sellers table: they exist to decide deposit refunds, and
 * the seller partition of the Sellers table takes a counter update with every order change, so
 * keeping rarely written, rarely read violations out of it keeps that partition small and hot-only.
 *
 * Index membership follows from which attributes an item carries (DynamoDB indexes only items
 * with every key attribute): a deposit has `sellerId` + `paidAt` (`depositsBySellerPaidAt`); an
 * application has `applicationStatus` + `appliedAt` (`refundApplicationsByStatus`) but no
 * `paidAt`; a violation carries neither pair and is in no index.
 */

export const depositKey = (id: string) => ({ pk: `DEPOSIT#${id}`, sk: "DEPOSIT" });
export const applicationKey = (application: Pick<DepositRefundApplication, "depositId" | "id">) => ({
  pk: `DEPOSIT#${application.depositId}`,
  sk: `APPLICATION#${application.id}`,
});
export const violationKey = (violation: Pick<DepositViolation, "sellerId" | "occurredAt" | "id">) => ({
  pk: `SELLER#${violation.sellerId}`,
  sk: `VIOLATION#${violation.occurredAt}#${violation.id}`,
});

/**
 * An application's id names its deposit (`<depositId>.<ulid>`), so an operator's decision, which
 * carries only the application id, finds the deposit's item collection without a lookup index.
 */
export function newApplicationId(depositId: string, unique: string): string {
  return `${depositId}.${unique}`;
}

/** The deposit an application id belongs to; null for an id that was never issued. */
export function depositIdOfApplication(applicationId: string): string | null {
  const dot = applicationId.lastIndexOf(".");
  if (dot <= 0 || dot === applicationId.length - 1) return null;
  return applicationId.slice(0, dot);
}

export function depositToItem(deposit: Deposit): Record<string, NativeAttributeValue> {
  return stamped("deposit", { ...depositKey(deposit.id), entity: "DEPOSIT", ...deposit });
}

export function applicationToItem(application: DepositRefundApplication): Record<string, NativeAttributeValue> {
  // `applicationStatus` is the review queue's partition: the whole item is replaced on every
  // change, so a decided application moves out of the PENDING partition in the same write.
  const key = applicationKey(application);
  // Evidence references may point at personal data: schedule their redaction unless done already.
  const retention =
    application.documents.length > 0 && !application.documents.every((d) => d.reference === REDACTED)
      ? redactionKeys(`${key.pk}/${key.sk}`, application.appliedAt, defaultRetentionRules.evidenceMs)
      : {};
  return stamped("refundApplication", {
    ...key,
    entity: "APPLICATION",
    ...application,
    applicationStatus: application.status,
    ...retention,
  });
}

export function violationToItem(violation: DepositViolation): Record<string, NativeAttributeValue> {
  return stamped("violation", { ...violationKey(violation), entity: "VIOLATION", ...violation });
}

export function depositFromItem(raw: Record<string, unknown>): Deposit {
  return readItem("deposit", Deposits.Info, raw);
}

export function applicationFromItem(raw: Record<string, unknown>): DepositRefundApplication {
  return readItem("refundApplication", Deposits.RefundApplication, raw);
}

export function violationFromItem(raw: Record<string, unknown>): DepositViolation {
  return readItem("violation", Deposits.Violation, raw);
}

export async function getDeposit(db: Db, id: string, options: { consistent?: boolean } = {}): Promise<Deposit | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Deposits, Key: depositKey(id), ConsistentRead: options.consistent }),
  );
  return result.Item ? depositFromItem(result.Item) : null;
}

/** Deposits by id in one BatchGetItem per 100 ids; the answer is in the order of `ids`, null where missing. */
export async function batchGetDeposits(db: Db, ids: readonly string[]): Promise<(Deposit | null)[]> {
  return batchGetByIds(db, byId, ids);
}

/** Deposits by id, for a batch that reads several tables at once (`batchGetItems`). */
export const byId: ById<Deposit> = { table: "Deposits", key: depositKey, parse: depositFromItem };

/**
 * A deposit with all its refund applications, oldest first: one Query on the deposit's item
 * collection (a deposit has a handful of applications over its life). Null when there is no deposit.
 */
export async function getDepositWithApplications(
  db: Db,
  depositId: string,
  options: { consistent?: boolean } = {},
): Promise<{ deposit: Deposit; applications: DepositRefundApplication[] } | null> {
  let deposit: Deposit | null = null;
  const applications: DepositRefundApplication[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.Deposits,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `DEPOSIT#${depositId}` },
        ConsistentRead: options.consistent,
        ExclusiveStartKey: start,
      }),
    );
    for (const raw of page.Items ?? []) {
      if (raw.sk === "DEPOSIT") deposit = depositFromItem(raw);
      else if (typeof raw.sk === "string" && raw.sk.startsWith("APPLICATION#"))
        applications.push(applicationFromItem(raw));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return deposit ? { deposit, applications } : null;
}

/**
 * The write for a new deposit, only if absent (ids are new ulids; seeded ids are fixed, so a second seed writes
 * nothing).
 */
export function recordDepositWrite(db: Db, deposit: Deposit): TransactItem {
  return putIfAbsent(db.tables.Deposits, depositToItem(deposit));
}

/**
 * The uniqueness guard of one payment (`Deposits.paymentOf`): it names the deposit that records it. It carries no
 * `sellerId` or `paidAt`, so no index of the table holds it.
 */
export const paymentGuardKey = (deposit: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">) => ({
  pk: `DEPOSIT_PAYMENT#${Deposits.paymentOf(deposit)}`,
  sk: "GUARD",
});

/**
 * Writes for a new deposit: the deposit and its payment's guard, both only if absent, in one transaction. Index
 * `DUPLICATE_PAYMENT_INDEX` failing means the payment is already recorded (`findGuardedDepositOfPayment` names the
 * deposit).
 */
export function recordNewDepositWrites(db: Db, deposit: Deposit): TransactItem[] {
  return [
    recordDepositWrite(db, deposit),
    putIfAbsent(
      db.tables.Deposits,
      stamped("depositPaymentGuard", {
        ...paymentGuardKey(deposit),
        depositId: deposit.id,
        createdAt: deposit.createdAt,
      }),
    ),
  ];
}
export const DUPLICATE_PAYMENT_INDEX = 1;

/**
 * The deposit recorded before payment guards existed that already records this payment, if any: the seller's
 * deposits paid at that instant (one Query of `depositsBySellerPaidAt` on one key, usually no item). It is asked
 * before the write and reads no guard: every deposit recorded since guards exist has one, and the transaction's
 * condition on it refuses the payment (`DUPLICATE_PAYMENT_INDEX`; `findGuardedDepositOfPayment` then names the
 * deposit). The index is only eventually consistent, which is safe for what it is asked here: a deposit with no guard
 * was recorded before guards existed, long enough ago to show.
 */
export async function findUnguardedDepositOfPayment(
  db: Db,
  payment: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">,
): Promise<string | null> {
  const paidThen = await queryAll(
    db.doc,
    {
      TableName: db.tables.Deposits,
      IndexName: "depositsBySellerPaidAt",
      KeyConditionExpression: "sellerId = :seller AND paidAt = :paidAt",
      ExpressionAttributeValues: { ":seller": payment.sellerId, ":paidAt": payment.paidAt },
    },
    depositFromItem,
  );
  return paidThen.find((d) => Deposits.samePayment(d, payment))?.id ?? null;
}

/**
 * The deposit this payment's guard names, read strongly consistently; null without a guard. Read only once a
 * transaction was refused on the guard's condition (`DUPLICATE_PAYMENT_INDEX`), so the refusal names the deposit
 * that got in first, even one recorded a moment before by a concurrent call.
 */
export async function findGuardedDepositOfPayment(
  db: Db,
  payment: Pick<Deposit, "sellerId" | "kind" | "amount" | "paidAt">,
): Promise<string | null> {
  const guarded = await db.doc.send(
    new GetCommand({ TableName: db.tables.Deposits, Key: paymentGuardKey(payment), ConsistentRead: true }),
  );
  const guard = guarded.Item ? upgraded("depositPaymentGuard", guarded.Item) : null;
  return typeof guard?.depositId === "string" ? guard.depositId : null;
}

/**
 * The write for a new violation, only if absent. `recordViolation` writes it with its guard (`violationGuardWrite`,
 * in ./violation-guards, re-exported here).
 */
export function recordViolationWrite(db: Db, violation: DepositViolation): TransactItem {
  return putIfAbsent(db.tables.Deposits, violationToItem(violation));
}

/**
 * A void of a violation (`voidViolation`): its next state under the version it was read at, only while it is not
 * voided.
 * A violation stored before versions (the `violation-2-voidable` step, until `npm run migrate`) has no `version`
 * attribute and is at version 1. Failing: it was voided (or changed) since it was read.
 */
export function voidViolationWrite(db: Db, before: DepositViolation, after: DepositViolation): TransactItem {
  const unversioned = before.version === 1 ? " OR attribute_not_exists(#version)" : "";
  return {
    Put: guardedPut({
      TableName: db.tables.Deposits,
      Item: violationToItem(after),
      ConditionExpression:
        `attribute_exists(pk) AND (#version = :expected${unversioned}) AND ` +
        "(attribute_not_exists(voidedAt) OR voidedAt = :none)",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":expected": before.version, ":none": null },
    }),
  };
}

/** Replaces a deposit with its next state, only if nobody changed it since it was read. */
function depositUpdateWrite(db: Db, before: Deposit, after: Deposit): TransactItem {
  return putIfVersion(db.tables.Deposits, depositToItem(after), before.version);
}

/**
 * A refund application: the deposit (now REFUND_REQUESTED) under the version it was read at, and
 * the new application only if absent. Index 0 failing: the deposit changed (often: another
 * application got in first).
 */
export function applyWrites(
  db: Db,
  depositBefore: Deposit,
  applied: { deposit: Deposit; application: DepositRefundApplication },
): TransactItem[] {
  return [
    depositUpdateWrite(db, depositBefore, applied.deposit),
    newApplicationWrite(db, applied.application),
    ...applicationChangeWrites(db, null, applied.application),
  ];
}

/** The write for a new refund application, only if absent. */
export function newApplicationWrite(db: Db, application: DepositRefundApplication): TransactItem {
  return putIfAbsent(db.tables.Deposits, applicationToItem(application));
}

/**
 * An operator's decision: the application under its version (index 0; failing means it was
 * decided or changed meanwhile) and the deposit under its version (index 1), in one transaction.
 */
export function decideWrites(
  db: Db,
  before: { deposit: Deposit; application: DepositRefundApplication },
  decided: { deposit: Deposit; application: DepositRefundApplication },
): TransactItem[] {
  return [
    putIfVersion(db.tables.Deposits, applicationToItem(decided.application), before.application.version),
    depositUpdateWrite(db, before.deposit, decided.deposit),
    ...applicationChangeWrites(db, before.application, decided.application),
  ];
}

/** A seller's deposits, the most recently paid first, one page (`depositsBySellerPaidAt`). */
export async function listDeposits(db: Db, args: { sellerId: string; page: PageRequest }): Promise<Page<Deposit>> {
  return indexPage(db, "depositsBySellerPaidAt", args.sellerId, false, args.page, depositFromItem);
}

/** Refund applications in one status, the oldest application first, one page (`refundApplicationsByStatus`). */
export async function listApplications(
  db: Db,
  args: { status: Deposits.ApplicationStatus; page: PageRequest },
): Promise<Page<DepositRefundApplication>> {
  return indexPage(db, "refundApplicationsByStatus", args.status, true, args.page, applicationFromItem);
}

/**
 * One page of one partition of a Deposits index, in sort-key order (`oldestFirst`) or the reverse;
 * each item's cursor carries the table's and the index's keys.
 */
function indexPage<T>(
  db: Db,
  indexName: "depositsBySellerPaidAt" | "refundApplicationsByStatus",
  partition: string,
  oldestFirst: boolean,
  page: PageRequest,
  parse: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const index = tableSpecs.Deposits.globalIndexes[indexName]!;
  return queryPage(
    db,
    {
      TableName: db.tables.Deposits,
      IndexName: indexName,
      KeyConditionExpression: "#partition = :partition",
      ExpressionAttributeNames: { "#partition": index.hashKey },
      ExpressionAttributeValues: { ":partition": partition },
      ScanIndexForward: oldestFirst,
    },
    page,
    ["pk", "sk", index.hashKey, index.rangeKey!],
    parse,
  );
}

/**
 * Every refund application of a seller, oldest first (`refundApplicationsBySeller`): what
 * `Deposit.refundApplications` needs for a whole page of the seller's deposits, in one Query
 * (more only past 1 MB of applications). An application is a few kB and a deposit has a handful.
 */
export async function listApplicationsOfSeller(db: Db, sellerId: string): Promise<DepositRefundApplication[]> {
  return queryAll(
    db.doc,
    {
      TableName: db.tables.Deposits,
      IndexName: "refundApplicationsBySeller",
      KeyConditionExpression: "sellerId = :sellerId",
      ExpressionAttributeValues: { ":sellerId": sellerId },
      ScanIndexForward: true,
    },
    applicationFromItem,
  );
}

/**
 * A seller's violations that occurred at or after `from`, oldest first: one Query on the seller's
 * violation partition with a sort-key range (`$` sorts right after `#`, closing the range). `consistent` (twice the
 * read capacity) for a write that decides on them: otherwise one recorded a moment before may not show yet.
 */
export async function listViolations(
  db: Db,
  sellerId: string,
  from: string,
  options: { consistent?: boolean } = {},
): Promise<DepositViolation[]> {
  return queryAll(
    db.doc,
    {
      TableName: db.tables.Deposits,
      KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":pk": `SELLER#${sellerId}`, ":from": `VIOLATION#${from}`, ":to": "VIOLATION$" },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    },
    violationFromItem,
  );
}

/**
 * One violation of a seller by its id, or null: one Query on the seller's violation partition (the id is not in the
 * sort key, which leads with `occurredAt`), filtered to the id. `consistent` for a write that decides on it. A seller
 * has a handful of violations, so the Query reads a few small items (more pages only past 1 MB of them).
 */
export async function getViolation(
  db: Db,
  sellerId: string,
  violationId: string,
  options: { consistent?: boolean } = {},
): Promise<DepositViolation | null> {
  const found = await queryAll(
    db.doc,
    {
      TableName: db.tables.Deposits,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      FilterExpression: "#id = :id",
      ExpressionAttributeNames: { "#id": "id" },
      ExpressionAttributeValues: { ":pk": `SELLER#${sellerId}`, ":prefix": "VIOLATION#", ":id": violationId },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    },
    violationFromItem,
  );
  return found[0] ?? null;
}

/**
 * What `Deposits.eligibility` needs besides the deposit: the counters, the violations, and what happened at a term's
 * edges.
 */
export interface EligibilityInputs {
  violations: DepositViolation[];
  salesByDay: Record<string, number | bigint>;
  qualityDisputesLostInTerm: number;
  edgeOrders: Deposits.EdgeOrder[];
  /** `edgeOrders` hold every order of the edge days (`TermEdge.wholeDay`): a consistent read's. */
  edgeOrdersWholeDays: boolean;
  lateRecordedOrders: Deposits.LateRecordedOrder[];
  edgeQualityDisputesLost: Deposits.EdgeQualityDisputeLost[];
  casesOpened: Deposits.TermCase[];
}

const noDays = { counters: {} as Record<string, Stats.DayCounters>, salesByDay: {} as Record<string, number> };

/**
 * The seller's quality disputes a term opened (`casesOpened` of `eligibility`): none read when the days' counters say
 * none opened; otherwise one Query of their own index over the days from the first that opened one to the last
 * (`Deposits.qualityDisputeDaysSpan`), whatever else the seller has. Only when that answer is short of a day's counter
 * (a dispute stored before the index and not migrated yet, or written a moment ago) are those days read again from
 * all the seller's cases, an open dispute the index missed would let the refund through.
 */
async function readQualityDisputesOpened(
  db: Db,
  sellerId: string,
  term: { from: string; before: string },
  openedByDay: Record<string, number>,
  timeZone: string,
): Promise<Deposits.TermCase[]> {
  const span = Deposits.qualityDisputeDaysSpan(openedByDay);
  if (!span || !Deposits.qualityDisputesOpenedRange(term, openedByDay)) return [];
  const indexed = await listQualityDisputesOpenedBetween(db, sellerId, span.from, span.before);
  const short = Object.fromEntries(
    Deposits.daysShortOfQualityDisputes(openedByDay, indexed, timeZone).map((day) => [day, openedByDay[day] ?? 0]),
  );
  const again = Deposits.qualityDisputesOpenedRange(term, short);
  if (!again) return indexed;
  const all = await listQualityDisputesAmongAllCases(db, sellerId, again.from, again.before);
  return [...new Map([...indexed, ...all].map((c) => [c.id, c])).values()];
}

/**
 * Reads exactly what core's `eligibilityWindow` names, in Queries run together: the seller's
 * daily counters over the sales (and quality-dispute) days, the seller's violations since the
 * window's start, and, only when a limited term starts or ends inside a seller day, the orders of
 * that day's part outside the term (one Query each, at most a day of orders), and once a limited term ended, the
 * orders placed in it that were recorded late (one Query of the sparse `lateRecordedOrdersBySeller` index: usually
 * empty); for an unlimited deposit, whose months of the rule have all ended, the same Query over those months. A
 * term of a year is some 365 small counter items; no other order is read. Then, together and only when the
 * counters say so: when the term opened a quality dispute, one Query of their own index for them (those still open
 * hold the refund, those lost after the term count against it), over the days between the first and the last that
 * opened one (`readQualityDisputesOpened`); and for an edge day whose counter says it lost a quality
 * dispute, one Query of the keys-only `qualityDisputesLostBySeller` index over the same part of the day. A term with
 * no quality dispute stays at the Queries run together.
 *
 * `consistent`, for a write that decides on the answer (a refund application): the counters and the violations, base
 * table Queries, are read strongly consistently (twice the read capacity), so a violation recorded or an order changed
 * a moment before counts. The term's edges, its orders recorded late and its quality disputes are read from global
 * indexes, which DynamoDB only reads eventually consistently, whatever is asked: an order or a dispute written there
 * a moment before (usually well under a second) may not show yet. A lost dispute not shown stays counted (the safe
 * side). For the orders, every order of each edge day is read (`TermEdge.wholeDay`, about a day more of orders), so
 * one not shown yet lowers the term's sales rather than raising them (core's deposits/term-sales.ts). An order
 * recorded late that does not show yet counts toward its term a moment longer; it was recorded a week or more after
 * it was placed, once the term had ended, so a moment is all it gains. Without `consistent` (the eligibility query)
 * every read is eventually consistent, at half the read capacity, and only the parts of the edge days outside the
 * term.
 */
export async function readEligibilityInputs(
  db: Db,
  deposit: Deposit,
  window: Deposits.EligibilityWindow,
  options: { consistent?: boolean } = {},
): Promise<EligibilityInputs> {
  const ranges = [window.salesDays, window.qualityDisputeDays].filter(
    (r): r is { from: string; to: string } => r !== null,
  );
  const from = ranges.map((r) => r.from).sort()[0];
  const to = ranges
    .map((r) => r.to)
    .sort()
    .at(-1);
  const late = window.recordedLateInTerm;
  const [days, violations, lateRecordedOrders, ...edges] = await Promise.all([
    from && to ? readDaysWithExactSales(db, deposit.sellerId, from, to, options) : Promise.resolve(noDays),
    listViolations(db, deposit.sellerId, window.violationsFrom, options),
    late ? listRecordedLatePlacedBetween(db, deposit.sellerId, late.from, late.before) : Promise.resolve([]),
    ...window.termEdges.map(({ from, before, wholeDay }) =>
      options.consistent
        ? listPlacedBetween(db, deposit.sellerId, wholeDay.from, wholeDay.before)
        : listPlacedBetween(db, deposit.sellerId, from, before),
    ),
  ]);
  const { counters } = days;
  const inRange = (range: { from: string; to: string } | null) =>
    range ? Object.entries(counters).filter(([day]) => day >= range.from && day <= range.to) : [];
  // Waiting for the counters costs a round trip only when the term opened a quality dispute, or on the rare edge day
  // that lost one.
  const edgesThatLost = window.qualityDisputeDays
    ? window.termEdges.filter((edge) => (counters[edge.day]?.qualityDisputesLost ?? 0) > 0)
    : [];
  const openedByDay = Object.fromEntries(
    inRange(window.qualityDisputeDays).map(([day, c]) => [day, Stats.qualityDisputesOpened(c)]),
  );
  const [casesOpened, ...lost] = await Promise.all([
    window.casesOpened
      ? readQualityDisputesOpened(db, deposit.sellerId, window.casesOpened, openedByDay, window.timeZone)
      : Promise.resolve([]),
    ...edgesThatLost.map((edge) => listQualityDisputesLostBetween(db, deposit.sellerId, edge.from, edge.before)),
  ]);
  return {
    violations,
    salesByDay: days.salesByDay,
    qualityDisputesLostInTerm: Stats.sum(inRange(window.qualityDisputeDays).map(([, c]) => c)).qualityDisputesLost,
    edgeOrders: edges.flat(),
    edgeOrdersWholeDays: options.consistent === true,
    lateRecordedOrders,
    edgeQualityDisputesLost: lost.flat(),
    casesOpened,
  };
}
