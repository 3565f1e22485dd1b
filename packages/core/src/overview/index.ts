import { owesAnswer, type Case } from "../cases";
import { deadlineOf, openReturnOf } from "../returns/shapes";
import { isOpen as isOpenApplication } from "../deposits/applications";
import type { RefundApplication } from "../deposits/shapes";
import type { Order } from "../orders";
import { addMs, HOUR_MS, type Instant } from "../time";

/**
 * The dashboard's first screen: how many things wait for the seller right now. Unlike the daily
 * statistics (../stats), which only ever grow on the day something happened, these counters hold a
 * current state: each goes up when an object enters the state and down when it leaves it. So every
 * change derives its deltas from the object before and after it (one function per kind of object),
 * and the db layer adds them to the seller's one overview item in the change's own transaction. A
 * recount from the stored objects (`recount`) is what the counters must always equal.
 */
export const COUNTERS = [
  /** Unshipped orders the late-order job flagged late (past `shipBy`). */
  "ordersLate",
  /** Unshipped orders the late-order job flagged at risk (inside the at-risk window) and not late yet. */
  "ordersAtRisk",
  /** Open cases whose next move is the seller's (status AWAITING_SELLER). */
  "casesAwaitingSeller",
  /**
   * Cases in OFFER_PENDING on which the buyer wrote after the seller's offer and the seller has not answered yet: the
   * seller owes an answer by `respondBy` (`owesAnswer`) while the offer also waits for the buyer. Not part of
   * `casesAwaitingSeller`, which counts the status the `cases` status filter lists.
   */
  "casesAwaitingAnswerOnOffer",
  /** Compensation offers the buyer has not answered yet (status PENDING). */
  "offersPending",
  /** Deposit refund applications waiting for the platform's decision. */
  "refundApplicationsOpen",
  /**
   * Open returns waiting on the seller (`returnAwaitsSeller`): shipped back (confirm receipt by `receiveBy`) or
   * received (refund or ship the replacement by `settleBy`), on a case still in progress.
   */
  "returnsAwaitingSeller",
] as const;
export type Counter = (typeof COUNTERS)[number];

export type Counters = Record<Counter, number>;

/** What a change adds to each counter (negative when objects leave a state); absent means 0. */
export type Deltas = Partial<Counters>;

/** How far ahead "due soon" looks for the seller's response deadlines. */
export const DUE_SOON_MS = 24 * HOUR_MS;

export const zero = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

type OrderState = Pick<Order, "status" | "lateFlaggedAt" | "atRiskFlaggedAt">;

/** What one order contributes to the counters in its current state. */
function orderCounts(order: OrderState | null): Deltas {
  if (order?.status !== "AWAITING_SHIPMENT") return {};
  if (order.lateFlaggedAt) return { ordersLate: 1 };
  if (order.atRiskFlaggedAt) return { ordersAtRisk: 1 };
  return {};
}

type CaseState = Pick<Case, "status" | "offers" | "returns" | "unansweredBuyerMessages">;

/**
 * Whether the case's open return waits on the seller: the buyer has shipped it back (SHIPPED_BACK: the seller
 * confirms receipt) or the seller has it (RECEIVED: the seller refunds or ships the replacement), each step due
 * by a deadline the case-deadline job escalates at. Not while AUTHORISED (the buyer's move) nor once the case
 * is ESCALATED (the platform's to decide, as a case escalated while awaiting the seller leaves
 * `casesAwaitingSeller`; the job's escalation at a missed deadline ends the count).
 */
export function returnAwaitsSeller(c: Pick<Case, "status" | "returns">): boolean {
  if (c.status !== "RETURN_IN_PROGRESS") return false;
  const open = openReturnOf(c.returns);
  return open?.status === "SHIPPED_BACK" || open?.status === "RECEIVED";
}

function caseCounts(c: CaseState | null): Deltas {
  if (!c) return {};
  return {
    casesAwaitingSeller: c.status === "AWAITING_SELLER" ? 1 : 0,
    casesAwaitingAnswerOnOffer: c.status === "OFFER_PENDING" && owesAnswer(c) ? 1 : 0,
    offersPending: c.offers.filter((o) => o.status === "PENDING").length,
    returnsAwaitingSeller: returnAwaitsSeller(c) ? 1 : 0,
  };
}

function applicationCounts(application: Pick<RefundApplication, "status"> | null): Deltas {
  return application && isOpenApplication(application) ? { refundApplicationsOpen: 1 } : {};
}

/** The difference of two contributions, without the counters that did not move. */
function difference(before: Deltas, after: Deltas): Deltas {
  const deltas: Deltas = {};
  for (const c of COUNTERS) {
    const moved = (after[c] ?? 0) - (before[c] ?? 0);
    if (moved !== 0) deltas[c] = moved;
  }
  return deltas;
}

/**
 * What an order change does to the overview: `before` null for a new order (a new order is never
 * flagged yet, so it moves nothing until the late-order job looks at it).
 * @example orderDeltas({ before: flaggedAtRisk, after: flaggedLate }) // { ordersAtRisk: -1, ordersLate: 1 }
 */
export function orderDeltas(args: { before: OrderState | null; after: OrderState | null }): Deltas {
  return difference(orderCounts(args.before), orderCounts(args.after));
}

/**
 * What a case change does to the overview: `before` null for a new case.
 * @example caseDeltas({ before: awaitingSeller, after: offerPending }) // { casesAwaitingSeller: -1, offersPending: 1 }
 */
export function caseDeltas(args: { before: CaseState | null; after: CaseState | null }): Deltas {
  return difference(caseCounts(args.before), caseCounts(args.after));
}

/** What a deposit refund application's change does to the overview: `before` null for a new application. */
export function applicationDeltas(args: {
  before: Pick<RefundApplication, "status"> | null;
  after: Pick<RefundApplication, "status"> | null;
}): Deltas {
  return difference(applicationCounts(args.before), applicationCounts(args.after));
}

/**
 * The deltas of several objects changed in one transaction, as one: a transaction may touch the
 * seller's overview item only once (a late order flagged with its case opened moves both).
 */
export function combine(args: { parts: Deltas[] }): Deltas {
  const total: Deltas = {};
  for (const part of args.parts) for (const c of COUNTERS) if (part[c]) total[c] = (total[c] ?? 0) + (part[c] ?? 0);
  for (const c of COUNTERS) if (total[c] === 0) delete total[c];
  return total;
}

export const isEmpty = (deltas: Deltas) => COUNTERS.every((c) => !deltas[c]);

/** The counters recomputed from one seller's objects as they are now: what the deltas must always add up to. */
export function recount(args: {
  orders: OrderState[];
  cases: CaseState[];
  applications: Pick<RefundApplication, "status">[];
}): Counters {
  const totals = zero();
  const parts = [
    ...args.orders.map((o) => orderCounts(o)),
    ...args.cases.map((c) => caseCounts(c)),
    ...args.applications.map((a) => applicationCounts(a)),
  ];
  for (const part of parts) for (const c of COUNTERS) totals[c] += part[c] ?? 0;
  return totals;
}

/**
 * What the seller owes on a case by a deadline, for the due-soon figures: an answer by `respondBy` while it owes one
 * (`owesAnswer`: the case awaits the seller, or the buyer wrote during a pending offer), or its open return's step by
 * the return's deadline while the return waits on it (`returnAwaitsSeller`: receipt by `receiveBy`, refund or
 * replacement by `settleBy`). At most one: a case owing an answer has no return in progress. Null when the case
 * owes nothing (the buyer's move, the platform's, or ended). The db layer keeps it as the key of a sparse index,
 * so one request counts both figures.
 */
export function sellerDeadline(
  c: Pick<Case, "status" | "unansweredBuyerMessages" | "respondBy" | "returns">,
): { owes: "ANSWER" | "RETURN"; by: Instant } | null {
  if (owesAnswer(c)) return { owes: "ANSWER", by: c.respondBy };
  const open = openReturnOf(c.returns);
  const by = open && returnAwaitsSeller(c) ? deadlineOf(open) : null;
  return by ? { owes: "RETURN", by } : null;
}

/**
 * The response-deadline range whose cases are "due soon": from now (a deadline already passed is
 * overdue, not due) to `DUE_SOON_MS` ahead, both included.
 */
export function dueSoonRange(args: { now: Instant }): { from: Instant; to: Instant } {
  return { from: args.now, to: addMs(args.now, DUE_SOON_MS) };
}

/** What a case counts in at `now`: its seller deadline's kind when inside `dueSoonRange`, else null. */
export function dueSoonAs(args: {
  case: Parameters<typeof sellerDeadline>[0];
  now: Instant;
}): "ANSWER" | "RETURN" | null {
  const due = sellerDeadline(args.case);
  const { from, to } = dueSoonRange({ now: args.now });
  return due && due.by >= from && due.by <= to ? due.owes : null;
}

/**
 * What the dashboard reads: the stored counters, the answers (`casesDueWithin24h`) and the returns
 * (`returnsDueWithin24h`) due soon counted at `now`, and `now` itself.
 */
export interface View extends Counters {
  casesDueWithin24h: number;
  returnsDueWithin24h: number;
  asOf: Instant;
}

export function view(args: { counters: Counters; dueSoon: { answers: number; returns: number }; now: Instant }): View {
  return {
    ...args.counters,
    casesDueWithin24h: args.dueSoon.answers,
    returnsDueWithin24h: args.dueSoon.returns,
    asOf: args.now,
  };
}
