import { createHash } from "node:crypto";
import { GetCommand, PutCommand, QueryCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { Cases, Deposits, Stats, Time, type Case, type Order } from "@seller-ops/core";
import { batchGetByIds, type ById } from "./batch";
import type { Db } from "./context";
import { toItem as orderItem } from "./orders";
import { refundGuardWrites } from "./refundGuards";
import { defaultRetentionRules, redactionKeys } from "./retention";
import { sellerDeadlineKeys } from "./sellerDeadlines";
import {
  dueItems,
  EMPTY_PAGE,
  idAfter,
  pageWithinKeyRange,
  queryAll,
  queryPage,
  type DueItem,
  type KeyRange,
  type Page,
  type PageRequest,
} from "./pagination";
import { stamped, readItem } from "./shapes";
import { tableSpecs } from "./specs";
import { landed, putIfAbsent, putIfVersion, type TransactItem } from "./transact";

/**
 * Cases and their timelines as one item collection in the Cases table: the case at
 * `CASE#<id>` / `CASE`, each timeline event at `CASE#<id>` / `EVENT#<eventId>` (event ids are the
 * case's running event number spelt to sort as numbers do, `Cases.eventIdOf`, so the sort key orders the timeline).
 * Events carry none of the attributes the case indexes use, so they never appear in them.
 */
export const caseKey = (id: string) => ({ pk: `CASE#${id}`, sk: "CASE" });
export const eventKey = (event: Pick<Cases.CaseEvent, "caseId" | "eventId">) => ({
  pk: `CASE#${event.caseId}`,
  sk: `EVENT#${event.eventId}`,
});

export interface CaseStorageRules {
  /** Partitions of `casesByNextDeadline`, for the same reason as the orders' job index. */
  deadlineShards: number;
}

/** Kept in code, not in a setting: fixed for the life of a stage (see `defaultOrderStorageRules`). */
export const defaultCaseStorageRules: CaseStorageRules = { deadlineShards: 4 };

function shardOf(caseId: string, shards: number): string {
  return `DEADLINE#${createHash("sha256").update(caseId).digest().readUInt32BE(0) % shards}`;
}

export function toItem(
  c: Case,
  rules: CaseStorageRules = defaultCaseStorageRules,
): Record<string, NativeAttributeValue> {
  const item: Record<string, NativeAttributeValue> = stamped("case", {
    ...caseKey(c.id),
    entity: "CASE",
    ...c,
    sellerStatus: `${c.sellerId}#${c.status}`,
  });
  if (c.nextDeadlineAt) item.deadlineShard = shardOf(c.id, rules.deadlineShards);
  else delete item.nextDeadlineAt; // sparse index: absent, never NULL
  // Deposit eligibility reads a term's edge day's lost quality disputes here rather than from the day's counter item,
  // whose every write is charged on its whole size: a list kept there grew without bound on a busy day.
  const lostAt = Stats.qualityDisputeLostAt(c);
  if (lostAt) item.qualityDisputeLostAt = lostAt;
  // ...and the quality disputes a term opened in their own index, so a seller's other cases are not read with them.
  if (Stats.isQualityDispute(c)) item.qualityDisputeOpenedAt = c.openedAt;
  Object.assign(item, sellerDeadlineKeys(c));
  // Evidence references are redacted like a deposit application's (packages/db/src/retention.ts):
  // the case is scheduled for its earliest piece still kept, and every write recomputes it.
  const due = Cases.evidenceRedactionDue(c, defaultRetentionRules.evidenceMs);
  if (due) Object.assign(item, redactionKeys(`${item.pk}/${item.sk}`, due, 0));
  return item;
}

export function caseFromItem(raw: Record<string, unknown>): Case {
  return readItem("case", Cases.Info, raw);
}

export function eventFromItem(raw: Record<string, unknown>): Cases.CaseEvent {
  return readItem("caseEvent", Cases.CaseEvent, raw);
}

export async function getCase(db: Db, id: string, options: { consistent?: boolean } = {}): Promise<Case | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Cases, Key: caseKey(id), ConsistentRead: options.consistent }),
  );
  return result.Item ? caseFromItem(result.Item) : null;
}

export async function batchGetCases(
  db: Db,
  ids: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<(Case | null)[]> {
  return batchGetByIds(db, byId, ids, options);
}

/** What opening a case on an order checks of the order's other cases (`Cases.open`, `Stats.caseDeltas`). */
export interface OpeningContext {
  /** The order with `buyerDisputed` known (never null). */
  order: Order;
  /** Who opened each of the order's open cases: each side has its own cap. */
  openCaseOpeners: Cases.CaseOpener[];
  /** The order's open buyer cases with their reasons: one open dispute per reason. */
  openBuyerCases: Cases.OpenBuyerCase[];
}

/**
 * What opening a case on `order` (read strongly consistent) needs to know of its other cases. The order keeps all of
 * it, so this usually reads nothing: an order stored before it kept its open buyer cases has its open cases read
 * (consistent, as the order is), one whose open buyer cases opened before it kept their reasons has those read, and
 * one stored before it kept `buyerDisputed` has its cases queried once for a buyer dispute (the next case opened on
 * it writes the answer on the order). That query is eventually consistent, which is enough for cases opened before
 * the order kept the flag.
 */
export async function openingContext(db: Db, order: Order): Promise<OpeningContext> {
  const buyerIds = order.openBuyerCaseIds;
  const reasons = order.openBuyerCaseReasons;
  const unread = buyerIds === null ? order.openCaseIds : buyerIds.filter((id) => !Object.hasOwn(reasons, id));
  const read = unread.length === 0 ? [] : await batchGetCases(db, unread, { consistent: true });
  const readCases = read.map((c, i) => {
    if (!c) throw new Error(`Order ${order.id} lists missing open case ${unread[i]}.`);
    return c;
  });
  const openBuyerCases =
    buyerIds === null
      ? readCases.filter((c) => c.source === "BUYER").map((c) => ({ id: c.id, reason: c.reason }))
      : buyerIds.map((id) => ({ id, reason: reasons[id] ?? readCases.find((c) => c.id === id)!.reason }));
  const openCaseOpeners =
    Cases.openCaseOpenersOf(order) ??
    Cases.openersOf(
      order,
      openBuyerCases.map((c) => c.id),
    );
  const buyerDisputed = order.buyerDisputed ?? (openBuyerCases.length > 0 || (await hasBuyerCase(db, order.id)));
  return { order: { ...order, buyerDisputed }, openCaseOpeners, openBuyerCases };
}

/** Whether any buyer case (source BUYER, open or not) was ever opened on the order. */
async function hasBuyerCase(db: Db, orderId: string): Promise<boolean> {
  const found = await queryAll(
    db.doc,
    {
      TableName: db.tables.Cases,
      IndexName: "casesByOrderOpenedAt",
      KeyConditionExpression: "orderId = :orderId",
      FilterExpression: "#source = :buyer",
      ProjectionExpression: "pk",
      ExpressionAttributeNames: { "#source": "source" },
      ExpressionAttributeValues: { ":orderId": orderId, ":buyer": "BUYER" },
    },
    (item) => item.pk,
  );
  return found.length > 0;
}

/** Cases by id, for a batch that reads several tables at once (`batchGetItems`). */
export const byId: ById<Case> = { table: "Cases", key: caseKey, parse: caseFromItem };

function eventItem(event: Cases.CaseEvent): Record<string, NativeAttributeValue> {
  const key = eventKey(event);
  // A body (a message's text, a note) is personal data: schedule its redaction (packages/db/src/retention.ts).
  const retention = event.body
    ? redactionKeys(`${key.pk}/${key.sk}`, event.at, defaultRetentionRules.messageBodyMs)
    : {};
  return stamped("caseEvent", { ...key, entity: "EVENT", ...event, ...retention });
}

/**
 * Writes that open a case with its first events, all only if absent (one case per id; index 0
 * failing: the case exists), and — when given — the order with the case in its open list, under
 * the order's version.
 */
export function openCaseWrites(
  db: Db,
  opened: { case: Case; events?: Cases.CaseEvent[]; event?: Cases.CaseEvent },
  order?: { before: Order; after: Order },
): TransactItem[] {
  const events = opened.events ?? (opened.event ? [opened.event] : []);
  const orderWrite: TransactItem[] = order
    ? [putIfVersion(db.tables.Orders, orderItem(order.after), order.before.version)]
    : [];
  return [
    putIfAbsent(db.tables.Cases, toItem(opened.case)),
    ...events.map((e) => putIfAbsent(db.tables.Cases, eventItem(e))),
    ...orderWrite,
  ];
}

/**
 * Writes for one decided change: the case under its previous version, the new timeline event
 * (only if absent), and the order under its previous version when its money totals moved — one
 * transaction, so there is never an event without its case change or a refund past the order.
 */
export function changeWrites(
  db: Db,
  before: Case,
  change: Cases.Change,
  orderBefore: Order | null,
  orderAfter: Order | null = change.order,
): TransactItem[] {
  const writes: TransactItem[] = [
    putIfVersion(db.tables.Cases, toItem(change.case), before.version),
    // The timeline entries of the changes it stands on (an offer's lapse `makeOffer` records), then its own.
    ...(change.earlier ?? []).map((earlier) => putIfAbsent(db.tables.Cases, eventItem(earlier.event))),
    putIfAbsent(db.tables.Cases, eventItem(change.event)),
  ];
  if (orderAfter && orderBefore) {
    writes.push(putIfVersion(db.tables.Orders, orderItem(orderAfter), orderBefore.version));
  }
  // A refund with a reference takes the order's guard of it, only if absent (`isRefundGuardWrite` tells it apart).
  writes.push(...refundGuardWrites(db, before, change.case));
  return writes;
}

/** Moves a case's next deadline without changing it otherwise (no event), if nobody changed it since it was read. */
export function rescheduleWrite(db: Db, before: Case, after: Case): TransactItem {
  return putIfVersion(db.tables.Cases, toItem(after), before.version);
}

/**
 * When a seller's quality disputes lost in [from, before) were lost (`Stats.qualityDisputeLostAt`), every page of the
 * sparse keys-only index `qualityDisputesLostBySeller`: used for the few hours of a deposit term's first or last day
 * that lie outside the term. Eventually consistent: a dispute lost a moment ago may be missing, and then counts.
 */
export function listQualityDisputesLostBetween(
  db: Db,
  sellerId: string,
  from: string,
  before: string,
): Promise<{ caseId: string; lostAt: string }[]> {
  return queryAll(
    db.doc,
    {
      TableName: db.tables.Cases,
      IndexName: "qualityDisputesLostBySeller",
      KeyConditionExpression: "sellerId = :seller AND qualityDisputeLostAt BETWEEN :from AND :last",
      ExpressionAttributeValues: { ":seller": sellerId, ":from": from, ":last": Time.fromMs(Time.toMs(before) - 1) },
    },
    (item) => ({ caseId: idAfter("CASE#")(item), lostAt: String(item.qualityDisputeLostAt) }),
  );
}

/**
 * A seller's quality disputes (`Stats.QUALITY_DISPUTE_REASONS`) opened in [from, before), oldest first, in whatever
 * state they are now: every page of one Query of the sparse index `qualityDisputesBySellerOpenedAt`, which holds only
 * quality disputes, so however many other cases the seller has, none is read. It holds the cases written or migrated
 * since it came (`case-12-quality-dispute-opened-indexed`): the caller holds the answer to the days' counters
 * (`Deposits.daysShortOfQualityDisputes`) and reads the days it is short of with `listQualityDisputesAmongAllCases`.
 * Eventually consistent: a dispute settled a moment ago may show as open.
 */
export function listQualityDisputesOpenedBetween(
  db: Db,
  sellerId: string,
  from: string,
  before: string,
): Promise<Deposits.TermCase[]> {
  return queryAll(
    db.doc,
    {
      TableName: db.tables.Cases,
      IndexName: "qualityDisputesBySellerOpenedAt",
      KeyConditionExpression: "sellerId = :seller AND qualityDisputeOpenedAt BETWEEN :from AND :last",
      ExpressionAttributeValues: { ":seller": sellerId, ":from": from, ":last": Time.fromMs(Time.toMs(before) - 1) },
    },
    (item) => Deposits.termCaseOf(caseFromItem(item)),
  );
}

/**
 * The same answer as `listQualityDisputesOpenedBetween`, from all the seller's cases opened in [from, before): every
 * page of one Query of `casesBySellerOpenedAt`, the reasons as a filter. The filter leaves the seller's other cases out
 * of the answer, but DynamoDB reads them all: only for the days the quality disputes' own index is short of (a case
 * stored before it and not migrated yet, or written a moment ago), kept to the days whose counters say a quality
 * dispute opened (`Deposits.qualityDisputesOpenedRange`).
 */
export function listQualityDisputesAmongAllCases(
  db: Db,
  sellerId: string,
  from: string,
  before: string,
): Promise<Deposits.TermCase[]> {
  const reasons = Stats.QUALITY_DISPUTE_REASONS;
  return queryAll(
    db.doc,
    {
      TableName: db.tables.Cases,
      IndexName: "casesBySellerOpenedAt",
      KeyConditionExpression: "sellerId = :seller AND openedAt BETWEEN :from AND :last",
      FilterExpression: `reason IN (${reasons.map((_, i) => `:reason${i}`).join(", ")})`,
      ExpressionAttributeValues: {
        ":seller": sellerId,
        ":from": from,
        ":last": Time.fromMs(Time.toMs(before) - 1),
        ...Object.fromEntries(reasons.map((r, i) => [`:reason${i}`, r])),
      },
    },
    (item) => Deposits.termCaseOf(caseFromItem(item)),
  );
}

/** A case's timeline, newest first, one page (a Query on the case's item collection). */
export async function timelinePage(db: Db, caseId: string, page: PageRequest): Promise<Page<Cases.CaseEvent>> {
  return queryPage(
    db,
    {
      TableName: db.tables.Cases,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :events)",
      ExpressionAttributeValues: { ":pk": `CASE#${caseId}`, ":events": "EVENT#" },
      ScanIndexForward: false,
    },
    page,
    ["pk", "sk"],
    eventFromItem,
  );
}

export interface CaseListFilter {
  status?: Cases.CaseStatus | null;
  reason?: Cases.CaseReason | null;
  orderId?: string | null;
  source?: Cases.CaseSource | null;
  /** Only cases changed at or after this instant, the oldest change first (with orderId: newest opened first). */
  updatedSince?: string | null;
  /** Only cases owing the buyer an answer (`Cases.owesAnswer`), or with false only the others. */
  owesAnswer?: boolean | null;
  /** Only cases whose `respondBy` is within `from`..`to` (both included), or with `inside` false only the others. */
  respondByWithin?: { from: string; to: string; inside: boolean } | null;
}

/**
 * A seller's cases, one page, from the index that fits the filter: orderId → `casesByOrderOpenedAt`
 * (keyed by the order alone, the seller a filter: the caller first checks the order is the seller's, or another
 * seller's cases are read and a page cut short resumes from one of their keys), newest opened first whatever else
 * the filter gives, as the schema says: the change order or the deadline order would mean reading all the order's cases
 * for every page, and closed cases have no cap; updatedSince →
 * `casesBySellerUpdatedAt` (a key range holding only what changed since, oldest change first);
 * status → `casesBySellerStatusRespondBy` (nearest deadline first); otherwise
 * `casesBySellerOpenedAt` (newest first). Reason and source, and the remaining fields, are
 * FilterExpressions on the chosen key range.
 */
export async function listCases(
  db: Db,
  args: { sellerId: string; filter: CaseListFilter; page: PageRequest },
): Promise<Page<Case>> {
  const { filter } = args;
  let index: string;
  let keyCondition: string;
  const names: Record<string, string> = {};
  const values: Record<string, NativeAttributeValue> = {};
  const filters: string[] = [];
  let forward: boolean;

  if (filter.orderId) {
    index = "casesByOrderOpenedAt";
    keyCondition = "orderId = :orderId";
    values[":orderId"] = filter.orderId;
    filters.push("sellerId = :sellerId");
    values[":sellerId"] = args.sellerId;
    if (filter.status) {
      filters.push("#status = :status");
      names["#status"] = "status";
      values[":status"] = filter.status;
    }
    if (filter.updatedSince) {
      filters.push("updatedAt >= :since");
      values[":since"] = filter.updatedSince;
    }
    forward = false;
  } else if (filter.updatedSince) {
    index = "casesBySellerUpdatedAt";
    keyCondition = "sellerId = :sellerId AND updatedAt >= :since";
    Object.assign(values, { ":sellerId": args.sellerId, ":since": filter.updatedSince });
    if (filter.status) {
      filters.push("#status = :status");
      names["#status"] = "status";
      values[":status"] = filter.status;
    }
    forward = true;
  } else if (filter.status && filter.respondByWithin?.inside !== false) {
    index = "casesBySellerStatusRespondBy";
    keyCondition = "sellerStatus = :sellerStatus";
    values[":sellerStatus"] = `${args.sellerId}#${filter.status}`;
    forward = true;
  } else {
    // Also a status's cases whose respondBy is outside a window: on the status index `respondBy` is the range key,
    // which no filter may name, and the two ranges outside are no one key range.
    index = "casesBySellerOpenedAt";
    keyCondition = "sellerId = :sellerId";
    values[":sellerId"] = args.sellerId;
    if (filter.status) {
      filters.push("#status = :status");
      names["#status"] = "status";
      values[":status"] = filter.status;
    }
    forward = false;
  }
  if (filter.reason) {
    filters.push("reason = :reason");
    values[":reason"] = filter.reason;
  }
  if (filter.source) {
    filters.push("#source = :source");
    names["#source"] = "source";
    values[":source"] = filter.source;
  }
  if (typeof filter.owesAnswer === "boolean") {
    // `Cases.owesAnswer` as an expression on the stored case.
    const owes = "(#owesStatus = :awaitingSeller OR (#owesStatus = :offerPending AND unansweredBuyerMessages > :none))";
    filters.push(filter.owesAnswer ? owes : `NOT ${owes}`);
    names["#owesStatus"] = "status";
    Object.assign(values, { ":awaitingSeller": "AWAITING_SELLER", ":offerPending": "OFFER_PENDING", ":none": 0 });
  }
  let keyRange: KeyRange | null = null;
  if (filter.respondByWithin) {
    const { from, to, inside } = filter.respondByWithin;
    const within = "respondBy BETWEEN :respondFrom AND :respondTo";
    Object.assign(values, { ":respondFrom": from, ":respondTo": to });
    // On the status index `respondBy` is the range key: the window is a key range, read alone. It starts at the
    // request's `now`, so a cursor may lie below it by the next page (pageWithinKeyRange).
    if (inside && index === "casesBySellerStatusRespondBy") {
      keyCondition += ` AND ${within}`;
      keyRange = { from, to };
    } else filters.push(inside ? within : `NOT (${within})`);
  }
  const spec = tableSpecs.Cases.globalIndexes[index]!;
  const page = keyRange ? pageWithinKeyRange(args.page, "respondBy", keyRange, forward) : args.page;
  if (!page) return EMPTY_PAGE;
  return queryPage(
    db,
    {
      TableName: db.tables.Cases,
      IndexName: index,
      KeyConditionExpression: keyCondition,
      ...(filters.length > 0 && { FilterExpression: filters.join(" AND ") }),
      ...(Object.keys(names).length > 0 && { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: values,
      ScanIndexForward: forward,
    },
    page,
    ["pk", "sk", spec.hashKey, spec.rangeKey!],
    caseFromItem,
  );
}

/** One page of the case-deadline job's index: cases of one shard whose next deadline has come. */
export async function dueForDeadline(
  db: Db,
  args: { shard: number; now: string; startKey?: Record<string, unknown>; limit: number },
): Promise<{ cases: DueItem<Case>[]; nextKey: Record<string, unknown> | undefined }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.Cases,
      IndexName: "casesByNextDeadline",
      KeyConditionExpression: "deadlineShard = :shard AND nextDeadlineAt <= :now",
      ExpressionAttributeValues: { ":shard": `DEADLINE#${args.shard}`, ":now": args.now },
      ExclusiveStartKey: args.startKey,
      Limit: args.limit,
    }),
  );
  return { cases: dueItems(result.Items, idAfter("CASE#"), caseFromItem), nextKey: result.LastEvaluatedKey };
}

/**
 * The retention job's step for a case holding evidence past its retention period: the due
 * pieces lose their reference and description, under the case's version (a request that changed
 * the case meanwhile wins, and the case, still in the redaction index, is redacted on the next
 * run). The version moves, so a request that read the case before cannot write the references back.
 */
export async function redactDueEvidence(db: Db, raw: Record<string, unknown>, now: string): Promise<boolean> {
  const before = caseFromItem(raw);
  const evidence = Cases.redactDueEvidence(before, defaultRetentionRules.evidenceMs, now);
  // Scheduled but nothing due (an item written before the index was right): the Put reschedules it.
  const after: Case = { ...before, evidence: evidence ?? before.evidence, version: before.version + 1, updatedAt: now };
  const put = putIfVersion(db.tables.Cases, toItem(after), before.version).Put!;
  const wrote = await landed(db.doc.send(new PutCommand(put)), put);
  return wrote && evidence !== null;
}
