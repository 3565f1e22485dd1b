import type { Case } from "../cases";
import { type GivenBackRecords, givenBackOnCase, resolvedForBuyer } from "../cases";
import type { Order } from "../orders";
import { cancelledBySeller, countedShippedAt, lateUnshippedAt, shippedLate } from "../orders";
import { addMinor, MAX_AMOUNT_MINOR, scaleMinor, sumExact } from "../money";
import { dayOf } from "../time";

/**
 * Seller statistics are counters per seller per day (the seller's own calendar day), so any
 * window — 30 or 60 days, a deposit's term — is a sum over at most a few hundred small items and
 * never a read of all orders. This module decides which counters a change moves; the db layer
 * writes the deltas in the same transaction as the change. Later concepts (cases, deposits) add
 * their counters here.
 */
export const COUNTERS = [
  /** Orders placed that day (by `placedAt`). */
  "ordersPlaced",
  /** Orders shipped that day on or before `shipBy` (`Orders.shippedLate` false). */
  "shippedOnTime",
  /** Orders shipped that day after `shipBy`, or recorded only after being flagged late (`Orders.shippedLate`). */
  "shippedLate",
  /**
   * Orders flagged late that day (past `shipBy`, unshipped: a forgotten order) that have not shipped since: still
   * waiting, or cancelled without shipping by either side; and orders cancelled that day after `shipBy` before the
   * job had flagged them (`Orders.lateUnshippedAt`). One that ships moves to `shippedLate` on its ship day, so a
   * forgotten order counts against the late-shipment rate once, whatever the seller does with it afterwards.
   */
  "lateUnshipped",
  /**
   * Orders shipped that day with a valid carrier tracking number: one given, and not reported since as unknown to the
   * carrier (`Order.trackingInvalidAt`, `reportInvalidTracking`). A report moves the shipment out of its ship day's
   * count, once (`validTracking`).
   */
  "shippedWithTracking",
  /**
   * Orders cancelled that day that count against the seller (`Orders.cancelledBySeller`): every cancellation the
   * seller's side recorded, whatever its reason, and the platform's for a reason on the seller's side (out of stock,
   * unable to ship, other): the seller-cancellation rate's numerator (`SELLER_CANCELLATION_RATE`, on the cancellation
   * day, not the placed day). Orders cancelled before who recorded it was kept count by their reason, as then.
   */
  "cancelledBySeller",
  /**
   * Orders cancelled that day that do not count against the seller: the platform recorded the buyer's request
   * (BUYER_REQUESTED) or its own fraud check (SUSPECTED_FRAUD).
   */
  "cancelledByBuyer",
  /**
   * Net settled sales of the orders placed that day (`netSettledMinor` summed), in the seller's
   * settlement currency, minor units: what the marketplace settles for each order, nothing for a
   * cancelled one, less the refunds given on that same order whenever they are given. A refund moves
   * the day its order was placed, never the day it is given, so a window of days holds exactly the
   * orders placed in it and is never negative.
   */
  "settledSalesMinor",
  /**
   * Of the orders placed that day, those whose net settlement is above zero (`netSettledMinor` > 0: not cancelled,
   * not refunded in full): the orders `settledSalesMinor` is the sales of, so that the two divide into an average
   * order. Moves on the placed day, as the sales do, when an order is cancelled or its last money refunded.
   */
  "ordersSettled",
  /** Cases opened that day (late-shipment incidents and disputes). */
  "casesOpened",
  /**
   * Orders placed that day (by `placedAt`, as `ordersPlaced`) that led to a buyer dispute (source BUYER), counted when
   * the first one opens: the dispute rate is a share of the orders placed in its window, so a window holds the disputes
   * of its own orders and never more disputed orders than orders, and an order counts once however many disputes
   * follow (another complaint, a relay retried). See `disputeDeltas`.
   */
  "disputesOpened",
  /** Cases opened that day, by reason (see `OPENED_BY_REASON`). */
  "casesOpenedNotReceived",
  "casesOpenedNotAsDescribed",
  "casesOpenedQualityIssue",
  "casesOpenedDamaged",
  "casesOpenedWrongItem",
  "casesOpenedNotShipped",
  "casesOpenedLateShipment",
  "casesOpenedOther",
  /** Cases escalated to the platform that day. */
  "casesEscalated",
  /**
   * Cases resolved for the buyer that day, in a form that concedes the complaint (`Cases.resolvedForBuyer`: money
   * back, a refund offer or a discount accepted, a replacement, a decision for the buyer; not a goodwill gesture, nor
   * a withdrawal, unless the case gave money back or replaced the goods before it).
   */
  "casesResolvedForBuyer",
  /** Of those, disputes about quality (QUALITY_ISSUE, NOT_AS_DESCRIBED): they block a deposit refund. */
  "qualityDisputesLost",
  /**
   * First seller answers due on cases the buyer opened (source BUYER): the guide's metric is replying to the buyer's
   * messages on time, and a seller could otherwise lift it with system cases it opens and answers itself. A first reply
   * counts on the day it is made; a first answer missed (the case-deadline job found `respondBy` passed with no reply:
   * `firstResponseMissedAt`) counts, not on time, on the day of the deadline it missed, and the late reply that may
   * follow is not counted again. Without the missed ones a seller who never answers would score better than one who
   * answers late.
   */
  "firstReplies",
  /** Of those, replies within `respondBy` (a missed answer never is). */
  "firstRepliesOnTime",
  /** Returns authorised that day (the buyer accepted a return or exchange offer). */
  "returnsAuthorised",
  /**
   * Returns whose seller first missed a deadline that day (receipt, or refund/replacement): counted on the day of the
   * deadline, whenever the case-deadline job or the seller's late step found it missed.
   */
  "returnsOverdue",
] as const;
export type Counter = (typeof COUNTERS)[number];

export type DayCounters = Partial<Record<Counter, number>>;

/** Deltas to apply, per day (`YYYY-MM-DD` in the seller's time zone). */
export type CounterDeltas = Record<string, DayCounters>;

function add(deltas: CounterDeltas, day: string, counter: Counter, amount: number) {
  if (amount === 0) return;
  const counters = deltas[day] ?? {};
  deltas[day] = counters;
  counters[counter] = addMinor(counters[counter] ?? 0, amount);
}

type SalesOrder = Pick<Order, "status" | "settlementAmount" | "buyerTotal" | "refundedMinor">;

/**
 * What one order adds to sales: its settlement amount, less its refunds converted pro rata to the
 * settlement currency (rounded once, on the order's total refunded), 0 when cancelled; never negative.
 * @example netSettledMinor({ status: "SHIPPED", settlementAmount: CNY(700_00), buyerTotal: USD(100_00), refundedMinor:
 * 25_00 }) // 525_00
 */
export function netSettledMinor(order: SalesOrder): number {
  if (order.status === "CANCELLED") return 0;
  return Math.max(0, order.settlementAmount.amountMinor - refundInSettlement(order, order.refundedMinor));
}

/** 1 when the order counts in `ordersSettled` (something of its sale stands), else 0. */
const settledCount = (order: SalesOrder | null) => (order && netSettledMinor(order) > 0 ? 1 : 0);

/** 1 when the order shipped with a tracking number the carrier is not reported not to know, else 0. */
export const validTracking = (o: Pick<Order, "shippedAt" | "trackingNumber" | "trackingInvalidAt"> | null): number =>
  o?.shippedAt != null && o.trackingNumber != null && o.trackingInvalidAt == null ? 1 : 0;

/**
 * What an order change does to the counters: `before` null for a new order. Each counter moves
 * on the day its event happened, so the same change always lands in the same bucket.
 */
export function orderDeltas(before: Order | null, after: Order, timeZone: string): CounterDeltas {
  const deltas: CounterDeltas = {};
  const placedDay = dayOf(after.placedAt, timeZone);
  if (!before) add(deltas, placedDay, "ordersPlaced", 1);
  // Sales move by the change in the order's net (placed, cancelled, refunded), on the day it was placed.
  add(deltas, placedDay, "settledSalesMinor", netSettledMinor(after) - (before ? netSettledMinor(before) : 0));
  add(deltas, placedDay, "ordersSettled", settledCount(after) - settledCount(before));
  const wasShipped = before?.shippedAt != null;
  if (!wasShipped && after.shippedAt) {
    // On the day the shipment counts from (`countedShippedAt`), as its lateness does: a late shipment reported with
    // an old `shippedAt` would otherwise land on a day outside the 30-day window and leave the rate.
    const day = dayOf(countedShippedAt(after) ?? after.shippedAt, timeZone);
    add(deltas, day, shippedLate(after) ? "shippedLate" : "shippedOnTime", 1);
  }
  // From what the order is now less what it was, on the ship day: a report of an invalid number takes it out once,
  // however often it is repeated.
  const validDelta = validTracking(after) - validTracking(before);
  if (validDelta !== 0 && after.shippedAt) {
    add(deltas, dayOf(countedShippedAt(after) ?? after.shippedAt, timeZone), "shippedWithTracking", validDelta);
  }
  // Counted from what the order is now less what it was, so a flag and a later shipment or cancellation always net out.
  const unshippedLateDay = (o: Order | null) => {
    const at = o ? lateUnshippedAt(o) : null;
    return at ? dayOf(at, timeZone) : null;
  };
  const [wasUnshippedLate, isUnshippedLate] = [unshippedLateDay(before), unshippedLateDay(after)];
  if (wasUnshippedLate !== isUnshippedLate) {
    if (wasUnshippedLate) add(deltas, wasUnshippedLate, "lateUnshipped", -1);
    if (isUnshippedLate) add(deltas, isUnshippedLate, "lateUnshipped", 1);
  }
  if (before?.status !== "CANCELLED" && after.status === "CANCELLED" && after.cancelReason && after.cancelledAt) {
    add(
      deltas,
      dayOf(after.cancelledAt, timeZone),
      cancelledBySeller({ cancelReason: after.cancelReason, cancelledBy: after.cancelledBy })
        ? "cancelledBySeller"
        : "cancelledByBuyer",
      1,
    );
  }
  return deltas;
}

/**
 * Several changes' deltas as one: a transaction that moves counters for two reasons (an order flagged late and the
 * case it opens) must write each day's item once, because DynamoDB refuses two operations on one item in a transaction.
 */
export function merged(...parts: CounterDeltas[]): CounterDeltas {
  const totals: CounterDeltas = {};
  for (const part of parts) {
    for (const [day, counters] of Object.entries(part)) {
      for (const [counter, amount] of Object.entries(counters)) add(totals, day, counter as Counter, amount);
    }
  }
  return totals;
}

/** The counters recomputed from orders as they are now: what the deltas must always add up to. */
export function recount(orders: Order[], timeZone: string): CounterDeltas {
  return merged(...orders.map((order) => orderDeltas(null, order, timeZone)));
}

/**
 * The late-shipment rate's counts in a window: orders that went late (shipped after `shipBy`, or flagged late and
 * never shipped) of the orders shipped or flagged late. An order the seller forgot and then cancelled counts as late.
 */
export function lateShipments(window: Pick<DayCounters, "shippedLate" | "lateUnshipped" | "shippedOnTime">): {
  late: number;
  counted: number;
} {
  const late = addMinor(window.shippedLate ?? 0, window.lateUnshipped ?? 0);
  return { late, counted: addMinor(window.shippedOnTime ?? 0, late) };
}

/** Sums daily counters over a window (the days are whatever the caller read). */
export function sum(days: DayCounters[]): Record<Counter, number> {
  const total = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  for (const day of days) for (const c of COUNTERS) total[c] = addMinor(total[c], day[c] ?? 0);
  return total;
}

/** A seller's counters summed over a window: the counts, and the sales summed exactly (`sumWindow`). */
export type Window = Omit<Record<Counter, number>, "settledSalesMinor"> & { settledSalesMinor: number | bigint };

/**
 * `sum` over a window, with the sales (`settledSalesByDay`, each day's `settledSalesMinor` as read exactly) summed
 * exactly: a day's sales are kept within 2^53 − 1 minor units when written, but a window of days holding the largest
 * orders passes it, and must still answer (a BigInt then), as no count can. `days` may hold the sales or not: they are
 * taken from `settledSalesByDay` only.
 */
export function sumWindow(days: DayCounters[], settledSalesByDay: Iterable<number | bigint>): Window {
  const counts = sum(days.map(({ settledSalesMinor: _, ...day }) => day));
  const sales = sumExact(settledSalesByDay);
  return { ...counts, settledSalesMinor: sales <= BigInt(MAX_AMOUNT_MINOR) ? Number(sales) : sales };
}

/** A refund in the order currency, as it reduces settled sales in the seller's currency (pro rata). */
export function refundInSettlement(order: Pick<Order, "buyerTotal" | "settlementAmount">, refundMinor: number): number {
  if (order.buyerTotal.amountMinor === 0) return 0;
  return scaleMinor({
    amountMinor: refundMinor,
    numerator: order.settlementAmount.amountMinor,
    denominator: order.buyerTotal.amountMinor,
    rounding: "half-up",
  });
}

/** The reasons of a quality dispute: a buyer's complaint about the goods (the deposit rules' quality problems). */
export const QUALITY_DISPUTE_REASONS = [
  "QUALITY_ISSUE",
  "NOT_AS_DESCRIBED",
] as const satisfies readonly Case["reason"][];
const QUALITY_REASONS = new Set<Case["reason"]>(QUALITY_DISPUTE_REASONS);

/** Whether a case is a quality dispute (`QUALITY_DISPUTE_REASONS`), whatever its state. */
export const isQualityDispute = (c: Pick<Case, "reason">): boolean => QUALITY_REASONS.has(c.reason);

/** The quality disputes a day's counters say were opened that day (`casesOpened…` of their reasons). */
export function qualityDisputesOpened(day: Partial<Record<Counter, number>>): number {
  return QUALITY_DISPUTE_REASONS.reduce((n, reason) => n + (day[OPENED_BY_REASON[reason]] ?? 0), 0);
}

/** The counter of cases opened for each reason. */
export const OPENED_BY_REASON: Record<Case["reason"], Counter> = {
  NOT_RECEIVED: "casesOpenedNotReceived",
  NOT_AS_DESCRIBED: "casesOpenedNotAsDescribed",
  QUALITY_ISSUE: "casesOpenedQualityIssue",
  DAMAGED: "casesOpenedDamaged",
  WRONG_ITEM: "casesOpenedWrongItem",
  NOT_SHIPPED: "casesOpenedNotShipped",
  LATE_SHIPMENT: "casesOpenedLateShipment",
  OTHER: "casesOpenedOther",
};

/**
 * What a case change does to the counters: `before` null for a new case. Compares the two states,
 * so the same change always moves the same counters, and a recount from the final states agrees.
 */
export function caseDeltas(
  before: Case | null,
  after: Case,
  order: SalesOrder & Pick<Order, "placedAt" | "buyerDisputed">,
  timeZone: string,
): CounterDeltas {
  const deltas = merged(
    caseActivityDeltas(before, after, timeZone),
    before ? {} : disputeDeltas(after, order, order.buyerDisputed === true, timeZone),
  );
  // `order` is the order before this change: the refunds it adds change the order's net, on its placed day.
  // What a case gave back (`givenBackOnCase`, the case money rules' own) only ever grows, in any of the case's lists:
  // the difference of the totals is what this change refunded.
  const added = givenBackOnCase(after) - givenBackOnCase(before);
  if (added > 0) {
    const refunded = { ...order, refundedMinor: addMinor(order.refundedMinor, added) };
    const day = dayOf(order.placedAt, timeZone);
    add(deltas, day, "settledSalesMinor", netSettledMinor(refunded) - netSettledMinor(order));
    add(deltas, day, "ordersSettled", settledCount(refunded) - settledCount(order));
  }
  return deltas;
}

/**
 * When a case was lost as a quality dispute (reason `QUALITY_ISSUE` or `NOT_AS_DESCRIBED`, resolved for the buyer in
 * any form that concedes the complaint: `Cases.resolvedForBuyer`): its `resolvedAt`, or null. The
 * `qualityDisputesLost` counter counts the case on that instant's day, and the case item keeps the instant as the key
 * of a sparse index, so that a deposit term starting or ending inside that day can read which of the day's disputes
 * were lost outside the term.
 */
export function qualityDisputeLostAt(c: Pick<Case, "reason" | "outcome"> & GivenBackRecords): string | null {
  if (!c.resolvedAt || !resolvedForBuyer(c) || !QUALITY_REASONS.has(c.reason)) return null;
  return c.resolvedAt;
}

/**
 * What opening the case `opened` on `order` does to `disputesOpened`: 1 on the day the order was placed (the seller's
 * day, as `ordersPlaced` counts it) when it is the order's first buyer dispute, nothing otherwise. `disputedBefore`:
 * whether the order had a buyer dispute before it (`Order.buyerDisputed`, which `caseDeltas` reads from the order as
 * it was before the case opened).
 */
export function disputeDeltas(
  opened: Pick<Case, "source">,
  order: Pick<Order, "placedAt">,
  disputedBefore: boolean,
  timeZone: string,
): CounterDeltas {
  const deltas: CounterDeltas = {};
  if (opened.source === "BUYER" && !disputedBefore) add(deltas, dayOf(order.placedAt, timeZone), "disputesOpened", 1);
  return deltas;
}

/** Each order's first buyer dispute: the earliest opened (of two opened at one instant, the lower id). */
export function firstDisputes<C extends Pick<Case, "id" | "orderId" | "openedAt" | "source">>(
  cases: readonly C[],
): C[] {
  const first = new Map<string, C>();
  for (const c of cases) {
    if (c.source !== "BUYER") continue;
    const kept = first.get(c.orderId);
    if (!kept || c.openedAt < kept.openedAt || (c.openedAt === kept.openedAt && c.id < kept.id))
      first.set(c.orderId, c);
  }
  return [...first.values()];
}

/** The counters a case change moves other than sales: opened, replies, escalations, outcomes. */
export function caseActivityDeltas(before: Case | null, after: Case, timeZone: string): CounterDeltas {
  const deltas: CounterDeltas = {};
  if (!before) {
    const day = dayOf(after.openedAt, timeZone);
    add(deltas, day, "casesOpened", 1);
    add(deltas, day, OPENED_BY_REASON[after.reason], 1);
  }
  // One first answer per buyer case: missed (counted when the job records it) or, if never missed, made.
  if (after.source === "BUYER" && !before?.firstResponseMissedAt && after.firstResponseMissedAt)
    add(deltas, dayOf(after.firstResponseMissedAt, timeZone), "firstReplies", 1);
  if (after.source === "BUYER" && !after.firstResponseMissedAt && !before?.firstResponseAt && after.firstResponseAt) {
    const day = dayOf(after.firstResponseAt, timeZone);
    add(deltas, day, "firstReplies", 1);
    if (after.firstResponseWithinDeadline) add(deltas, day, "firstRepliesOnTime", 1);
  }
  if (!before?.escalatedAt && after.escalatedAt) add(deltas, dayOf(after.escalatedAt, timeZone), "casesEscalated", 1);
  if (!before?.resolvedAt && after.resolvedAt && resolvedForBuyer(after)) {
    const day = dayOf(after.resolvedAt, timeZone);
    add(deltas, day, "casesResolvedForBuyer", 1);
  }
  const lostAt = qualityDisputeLostAt(after);
  // Resolution is final: a case is counted once, by the change that resolved it.
  if (lostAt && !before?.resolvedAt) add(deltas, dayOf(lostAt, timeZone), "qualityDisputesLost", 1);
  for (const r of after.returns) {
    const was = before?.returns.find((x) => x.id === r.id);
    if (!was) add(deltas, dayOf(r.authorisedAt, timeZone), "returnsAuthorised", 1);
    const missed = firstMissed(r);
    if (missed && !(was && firstMissed(was))) add(deltas, dayOf(missed, timeZone), "returnsOverdue", 1);
  }
  return deltas;
}

/**
 * The first deadline of the return the seller missed, if any: the deadline itself, not when it was found missed (the
 * job, or the seller's own late step, days later), as `firstReplies` counts a missed first answer on the day of its
 * `respondBy`. A day's figure must not move with when the case-deadline job ran.
 */
function firstMissed(r: Case["returns"][number]): string | null {
  const missed = [r.receiptOverdueAt && r.receiveBy, r.settlementOverdueAt && r.settleBy];
  return missed.filter((t): t is string => Boolean(t)).sort()[0] ?? null;
}

/** Whether a case change moves any counter other than sales (the time zone only decides the day). */
export function movesActivityCounters(before: Case | null, after: Case): boolean {
  return Object.keys(caseActivityDeltas(before, after, "UTC")).length > 0;
}

/** The counters recomputed from orders and cases as they are now (sales from the orders' own refunded totals). */
export function recountAll(orders: Order[], cases: Case[], timeZone: string): CounterDeltas {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const counted = cases.filter((c) => byId.has(c.orderId));
  return merged(
    recount(orders, timeZone),
    ...counted.map((c) => caseActivityDeltas(null, c, timeZone)),
    ...firstDisputes(counted).map((c) => disputeDeltas(c, byId.get(c.orderId)!, false, timeZone)),
  );
}
