import { sumExact } from "../money";
import { recordedLate, type Order } from "../orders";
import { netSettledMinor } from "../stats";
import { dayOf, fromMs, toMs, type Instant } from "../time";
import type { EligibilityInput } from "./eligibility";

/** An order read at the term's edges: what `eligibility` needs to take its sales back out of its day. */
export type EdgeOrder = Pick<Order, "id" | "placedAt" | "status" | "settlementAmount" | "buyerTotal" | "refundedMinor">;

/** An order placed in the term and recorded late (see `recordedLateInTerm`): when it was recorded too. */
export type LateRecordedOrder = EdgeOrder & Pick<Order, "createdAt">;

type Term = { termStart: Instant; termEnd: Instant };

/**
 * A limited term's sales, from the seller's daily counters and the orders read at the term's edges: summed exactly,
 * however large (a BigInt; `Money.atMostMax` says how it is sent).
 *
 * A term cut inside a seller day: the day's counter holds the whole day, and the orders placed on it outside the term
 * are read from the global index `ordersBySellerPlacedAt` and taken back out. DynamoDB reads a global index only
 * eventually consistently: an order written a moment before (an import placed before the term, an order placed on
 * the term's last day after it ended) may be in the counter, read consistently, and not in the index yet. Its sales
 * would then stay in the term's, and an application could be taken, or recommended for a full refund, on sales the
 * term does not have.
 *
 * So an application reads every order of an edge day from the index, those of the term's part too
 * (`edgeOrdersWholeDays`), and the day counts the smaller of two figures: its counter less the orders outside the
 * term, and the term's orders as read. An order the index does not show yet lowers the day's figure rather than
 * raising it, whichever side of the term's instant it was placed on: the application errs toward refusing until the
 * index has caught up, a moment later. Once caught up both figures agree, and so do the application and the
 * eligibility query. (An order changed a moment before, refunded or cancelled, may still show as it was on either
 * side: the smaller figure is taken either way.)
 *
 * A figure reported after the term does not move its result: an order placed in the term but recorded once it had
 * ended, more than `Orders.RECORDING_GRACE_MS` after it was placed (`recordedAfterTerm`), is taken out in addition, as
 * it stands now (a cancelled one adds nothing to take out). It stays in its day's counter, which stays exact (a
 * cancellation still takes it out where it was added); the api reads those orders from the sparse index of the orders
 * recorded late (`lateRecordedOrders`, once the term ended).
 */

/** Exact sum of the daily counters whose day lies in [from, to] (`YYYY-MM-DD` compares as text). */
export function sumDays(salesByDay: Record<string, number | bigint>, range: { from: string; to: string }): bigint {
  return sumExact(
    Object.entries(salesByDay).flatMap(([day, amount]) => (day >= range.from && day <= range.to ? [amount] : [])),
  );
}

/**
 * The term's sales so far (see above): the counters of its days, less the orders placed outside the term on its first
 * or last day, less (with `edgeOrdersWholeDays`) what an edge day's counter shows beyond the term's orders read on it,
 * less the orders reported after the term (`leftOut`, which says how much that was).
 * Not clamped: counters written before sales were kept per placed day may dip below zero until a stats rebuild.
 */
export function termSales(
  args: Pick<
    EligibilityInput,
    "salesByDay" | "edgeOrders" | "edgeOrdersWholeDays" | "lateRecordedOrders" | "timeZone"
  > & {
    term: Term;
    /** The seller days of the term so far. */
    days: { from: string; to: string };
    /** The days of the window's `termEdges`, whose every order was read: only with `edgeOrdersWholeDays`. */
    edgeDays: string[];
  },
): { counted: bigint; leftOut: bigint } {
  const { term, days, timeZone } = args;
  // One order may be read twice when the term's two edges fall close together.
  const orders = [...new Map((args.edgeOrders ?? []).map((o) => [o.id, o])).values()];
  const start = toMs(term.termStart);
  const end = toMs(term.termEnd);
  // The first and last day's counters hold every order of the day: take out those placed outside the term.
  const outside = orders.filter((o) => {
    const at = toMs(o.placedAt);
    const day = dayOf(o.placedAt, timeZone);
    return (at < start && day === days.from) || (at >= end && day === days.to);
  });
  let unseen = 0n;
  if (args.edgeOrdersWholeDays) {
    for (const day of new Set(args.edgeDays)) {
      const onDay = (o: EdgeOrder) => dayOf(o.placedAt, timeZone) === day;
      const inTerm = (o: EdgeOrder) => toMs(o.placedAt) >= start && toMs(o.placedAt) < end;
      const read = sumExact(orders.filter((o) => onDay(o) && inTerm(o)).map(netSettledMinor));
      const counter = sumExact([args.salesByDay[day] ?? 0]) - sumExact(outside.filter(onDay).map(netSettledMinor));
      if (counter > read) unseen += counter - read;
    }
  }
  const late = new Map((args.lateRecordedOrders ?? []).filter((o) => recordedAfterTerm(o, term)).map((o) => [o.id, o]));
  const leftOut = sumExact([...late.values()].map(netSettledMinor));
  const counted = sumDays(args.salesByDay, days) - sumExact(outside.map(netSettledMinor)) - unseen - leftOut;
  return { counted, leftOut };
}

/**
 * Whether an order was reported after the term's fact: placed in the term, recorded once the term had ended, and more
 * than `Orders.RECORDING_GRACE_MS` after it was placed. An ERP syncing an order of the term's last days a few days
 * late still counts; from a grace period after the term's end on, nothing recorded does.
 */
function recordedAfterTerm(o: LateRecordedOrder, term: Term): boolean {
  const placed = toMs(o.placedAt);
  return (
    placed >= toMs(term.termStart) &&
    placed < toMs(term.termEnd) &&
    toMs(o.createdAt) >= toMs(term.termEnd) &&
    recordedLate(o)
  );
}

/**
 * An unlimited deposit's months (`YYYY-MM`, the seller's), each with the sales of its orders reported after it ended:
 * placed in the month, recorded on a seller day of a later month, more than `Orders.RECORDING_GRACE_MS` after they
 * were placed. Every month of a sustained rule has ended when it is checked, so the same rule as a term's applies to
 * each (`recordedAfterTerm`), on the seller's calendar as the counters are: exact at the month's first and last
 * instant, whatever span of `orders` was read. The api reads them from the sparse index of the orders recorded late,
 * over a span holding the months (`recordedLateInTerm`).
 */
export function recordedAfterMonths(
  orders: LateRecordedOrder[],
  months: string[],
  timeZone: string,
): Map<string, bigint> {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const late = [...byId.values()].filter(recordedLate);
  return new Map(
    months.map((month) => {
      const after = late.filter(
        (o) => dayOf(o.placedAt, timeZone).slice(0, 7) === month && dayOf(o.createdAt, timeZone).slice(0, 7) > month,
      );
      return [month, sumExact(after.map(netSettledMinor))];
    }),
  );
}

/**
 * The seller's days of the term up to now. The term is [termStart, termEnd): a term ending at
 * midnight does not take in the next day's sales. The first and last day's counters hold the whole
 * day; `eligibility` takes what happened outside the term back out (`termEdges`).
 */
export function termDays(term: Term, now: Instant, timeZone: string): { from: string; to: string } {
  const last = toMs(now) < toMs(term.termEnd) ? now : fromMs(toMs(term.termEnd) - 1);
  return { from: dayOf(term.termStart, timeZone), to: dayOf(last, timeZone) };
}
