import type { Case } from "../cases";
import { resolvedForBuyer } from "../cases";
import type { Order } from "../orders";
import { cancelledBySeller } from "../orders";
import { addMinor, scaleMinor } from "../money";
import type { Instant } from "../time";

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
  /** Orders shipped that day on or before `shipBy`. */
  "shippedOnTime",
  /** Orders shipped that day after `shipBy`. */
  "shippedLate",
  /** Orders shipped that day with a carrier tracking number. */
  "shippedWithTracking",
  /** Orders cancelled that day for a reason on the seller's side (out of stock, unable to ship…). */
  "cancelledBySeller",
  /** Orders cancelled that day at the buyer's request. */
  "cancelledByBuyer",
  /** Settled sales of orders placed that day, in the seller's settlement currency, minor units, net of cancellations and refunds (a refund counts on the day it is given). */
  "settledSalesMinor",
  /** Cases opened that day (late-shipment incidents and disputes). */
  "casesOpened",
  /** Buyer disputes opened that day. */
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
  /** Cases resolved for the buyer that day (refunded, returned and refunded, decided for the buyer). */
  "casesResolvedForBuyer",
  /** Of those, disputes about quality (QUALITY_ISSUE, NOT_AS_DESCRIBED): they block a deposit refund. */
  "qualityDisputesLost",
  /** First seller replies on cases that day. */
  "firstReplies",
  /** Of those, replies within `respondBy`. */
  "firstRepliesOnTime",
] as const;
export type Counter = (typeof COUNTERS)[number];

export type DayCounters = Partial<Record<Counter, number>>;

/** Deltas to apply, per day (`YYYY-MM-DD` in the seller's time zone). */
export type CounterDeltas = Record<string, DayCounters>;

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The seller's calendar day of an instant. */
export function dayOf(instant: Instant, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}

function add(deltas: CounterDeltas, day: string, counter: Counter, amount: number) {
  if (amount === 0) return;
  const counters = (deltas[day] ??= {});
  counters[counter] = addMinor(counters[counter] ?? 0, amount);
}

/**
 * What an order change does to the counters: `before` null for a new order. Each counter moves
 * on the day its event happened, so the same change always lands in the same bucket.
 */
export function orderDeltas(before: Order | null, after: Order, timeZone: string): CounterDeltas {
  const deltas: CounterDeltas = {};
  const placedDay = dayOf(after.placedAt, timeZone);
  if (!before) {
    add(deltas, placedDay, "ordersPlaced", 1);
    add(deltas, placedDay, "settledSalesMinor", after.settlementAmount.amountMinor);
  }
  const wasShipped = before?.shippedAt != null;
  if (!wasShipped && after.shippedAt) {
    const day = dayOf(after.shippedAt, timeZone);
    add(deltas, day, after.shippedAt > after.shipBy ? "shippedLate" : "shippedOnTime", 1);
    if (after.trackingNumber) add(deltas, day, "shippedWithTracking", 1);
  }
  if (before?.status !== "CANCELLED" && after.status === "CANCELLED" && after.cancelReason && after.cancelledAt) {
    add(deltas, dayOf(after.cancelledAt, timeZone), cancelledBySeller(after.cancelReason) ? "cancelledBySeller" : "cancelledByBuyer", 1);
    // A cancelled order never settles: take its sale back out of the day it was placed.
    add(deltas, placedDay, "settledSalesMinor", -after.settlementAmount.amountMinor);
  }
  return deltas;
}

/** The counters recomputed from orders as they are now: what the deltas must always add up to. */
export function recount(orders: Order[], timeZone: string): CounterDeltas {
  const totals: CounterDeltas = {};
  for (const order of orders) {
    for (const [day, counters] of Object.entries(orderDeltas(null, order, timeZone))) {
      for (const [counter, amount] of Object.entries(counters)) add(totals, day, counter as Counter, amount);
    }
  }
  return totals;
}

/** Sums daily counters over a window (the days are whatever the caller read). */
export function sum(days: DayCounters[]): Record<Counter, number> {
  const total = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  for (const day of days) for (const c of COUNTERS) total[c] = addMinor(total[c], day[c] ?? 0);
  return total;
}

/** A refund in the order currency, as it reduces settled sales in the seller's currency (pro rata). */
export function refundInSettlement(order: Pick<Order, "buyerTotal" | "settlementAmount">, refundMinor: number): number {
  if (order.buyerTotal.amountMinor === 0) return 0;
  return scaleMinor({ amountMinor: refundMinor, numerator: order.settlementAmount.amountMinor, denominator: order.buyerTotal.amountMinor, rounding: "half-up" });
}

const QUALITY_REASONS = new Set(["QUALITY_ISSUE", "NOT_AS_DESCRIBED"]);

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

/** The refunds a case gave: refund remedies and accepted partial-refund offers, each on its own day. */
function refundsOf(c: Case): { at: string; amountMinor: number }[] {
  return [
    ...c.remedies.filter((r) => r.amount).map((r) => ({ at: r.recordedAt, amountMinor: r.amount!.amountMinor })),
    ...c.offers.filter((o) => o.status === "ACCEPTED" && o.kind === "PARTIAL_REFUND").map((o) => ({ at: o.answeredAt!, amountMinor: o.amount.amountMinor })),
  ];
}

/**
 * What a case change does to the counters: `before` null for a new case. Compares the two states,
 * so the same change always moves the same counters, and a recount from the final states agrees.
 */
export function caseDeltas(before: Case | null, after: Case, order: Pick<Order, "buyerTotal" | "settlementAmount">, timeZone: string): CounterDeltas {
  const deltas: CounterDeltas = {};
  if (!before) {
    const day = dayOf(after.openedAt, timeZone);
    add(deltas, day, "casesOpened", 1);
    add(deltas, day, OPENED_BY_REASON[after.reason], 1);
    if (after.source === "BUYER") add(deltas, day, "disputesOpened", 1);
  }
  if (!before?.firstResponseAt && after.firstResponseAt) {
    const day = dayOf(after.firstResponseAt, timeZone);
    add(deltas, day, "firstReplies", 1);
    if (after.firstResponseWithinDeadline) add(deltas, day, "firstRepliesOnTime", 1);
  }
  if (!before?.escalatedAt && after.escalatedAt) add(deltas, dayOf(after.escalatedAt, timeZone), "casesEscalated", 1);
  if (!before?.resolvedAt && after.resolvedAt && resolvedForBuyer(after.outcome)) {
    const day = dayOf(after.resolvedAt, timeZone);
    add(deltas, day, "casesResolvedForBuyer", 1);
    if (QUALITY_REASONS.has(after.reason)) add(deltas, day, "qualityDisputesLost", 1);
  }
  const seen = before ? refundsOf(before).length : 0;
  for (const refund of refundsOf(after).slice(seen)) {
    add(deltas, dayOf(refund.at, timeZone), "settledSalesMinor", -refundInSettlement(order, refund.amountMinor));
  }
  return deltas;
}

/** The counters recomputed from orders and cases as they are now. */
export function recountAll(orders: Order[], cases: Case[], timeZone: string): CounterDeltas {
  const totals = recount(orders, timeZone);
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const c of cases) {
    const order = byId.get(c.orderId);
    if (!order) continue;
    for (const [day, counters] of Object.entries(caseDeltas(null, c, order, timeZone))) {
      for (const [counter, amount] of Object.entries(counters)) add(totals, day, counter as Counter, amount);
    }
  }
  return totals;
}
