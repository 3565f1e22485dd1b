import { addMs, toMs, type Instant } from "../time";
import { defaultOrderRules, type Order, type OrderRules } from "./shapes";

/** Late and at-risk, derived from `shipBy` and the clock, and the late-order job's rule. */

/** Unshipped past its deadline. */
export function isLate(order: Pick<Order, "status" | "shipBy">, now: Instant): boolean {
  return order.status === "AWAITING_SHIPMENT" && toMs(now) > toMs(order.shipBy);
}

/** Unshipped, deadline not passed yet but within the at-risk window. */
export function isAtRisk(
  order: Pick<Order, "status" | "shipBy">,
  now: Instant,
  rules: OrderRules = defaultOrderRules,
): boolean {
  const left = toMs(order.shipBy) - toMs(now);
  return order.status === "AWAITING_SHIPMENT" && left >= 0 && left <= rules.atRiskWindowMs;
}

/**
 * Whether the order's expedite mark shows it is being handled now: made once the order was at risk (within
 * `windowMs` of `shipBy`, or later). The guide expedites an order found forgotten; a mark made long before (a tool
 * that expedites every order as it is placed) says nothing of whether anyone handles it now. A mark stored without
 * its instant counts.
 */
export function expediteMarkCounts(order: Pick<Order, "expedited" | "expeditedAt" | "shipBy">, windowMs: number) {
  if (!order.expedited) return false;
  if (!order.expeditedAt) return true;
  return toMs(order.expeditedAt) >= toMs(order.shipBy) - windowMs;
}

/**
 * Whether the order's expedite mark stands at `now`: it counts (`expediteMarkCounts`), or the at-risk window has not
 * begun yet, so a second mark would be as early as the first. A mark made before the window no longer stands inside
 * it: the seller marks the order again (`mayExpedite`), and the advice says so.
 */
export function expediteMarkStands(
  order: Pick<Order, "expedited" | "expeditedAt" | "shipBy">,
  now: Instant,
  windowMs: number,
): boolean {
  return order.expedited && (expediteMarkCounts(order, windowMs) || toMs(now) < toMs(order.shipBy) - windowMs);
}

/**
 * Whether `expediteOrder` marks the order at `now`: it waits for shipment and no mark stands (`expediteMarkStands`),
 * so the seller may show it is being handled now.
 */
export function mayExpedite(
  order: Pick<Order, "status" | "expedited" | "expeditedAt" | "shipBy">,
  now: Instant,
  windowMs: number,
): boolean {
  return order.status === "AWAITING_SHIPMENT" && !expediteMarkStands(order, now, windowMs);
}

/** Milliseconds to `shipBy` (negative once overdue); null once the order no longer waits for shipment. */
export function timeLeftMs(order: Pick<Order, "status" | "shipBy">, now: Instant): number | null {
  if (order.status !== "AWAITING_SHIPMENT") return null;
  return toMs(order.shipBy) - toMs(now);
}

/**
 * When a shipment counts as made (null while not shipped). The marketplaces' rule: a shipment counts from when it is
 * declared, whatever `shippedAt` says; without it a seller could take back a late shipment, its case and its
 * late-shipment rate by reporting a `shippedAt` before `shipBy` once the deadline had passed. So when the order was
 * seen unshipped past `shipBy` after the `shippedAt` claimed, the shipment counts from the first time it was seen so:
 * the late-order job's flag, or, if the job had not flagged it yet, the declaration itself. Whether a shipment is late
 * then never depends on when the job last ran. Nor does a shipment count later than its declaration: `shippedAt` may
 * be up to `clockSkewMs` ahead of the server's clock, and a partner whose clock runs fast must not turn a shipment
 * declared before `shipBy` into a late one. `shippedAt` stays as reported. Orders shipped before declarations were
 * kept (`shipmentDeclaredAt` null) have the job's flag only.
 */
export function countedShippedAt(
  order: Pick<Order, "shippedAt" | "shipBy" | "lateFlaggedAt" | "shipmentDeclaredAt">,
): Instant | null {
  if (!order.shippedAt) return null;
  const declaredAfterShipBy = order.shipmentDeclaredAt !== null && toMs(order.shipmentDeclaredAt) > toMs(order.shipBy);
  const seenLateAt = order.lateFlaggedAt ?? (declaredAfterShipBy ? order.shipmentDeclaredAt : null);
  if (seenLateAt !== null && toMs(seenLateAt) > toMs(order.shippedAt)) return seenLateAt;
  if (order.shipmentDeclaredAt !== null && toMs(order.shipmentDeclaredAt) < toMs(order.shippedAt)) {
    return order.shipmentDeclaredAt;
  }
  return order.shippedAt;
}

/** A late shipment (null while not shipped): counted as made after the deadline (`countedShippedAt`). */
export function shippedLate(
  order: Pick<Order, "shippedAt" | "shipBy" | "lateFlaggedAt" | "shipmentDeclaredAt">,
): boolean | null {
  const counted = countedShippedAt(order);
  return counted === null ? null : toMs(counted) > toMs(order.shipBy);
}

/**
 * When a forgotten order was first seen unshipped past `shipBy`, while it never shipped (null otherwise): the
 * late-order job's flag or, when the seller cancelled it after `shipBy` before the job had flagged it, the
 * cancellation, which the job then never sees (a cancelled order leaves its index). So a forgotten order counts against
 * the late-shipment rate once, whatever becomes of it and whichever comes first, as a shipment declared after `shipBy`
 * counts as late before the job ran (`countedShippedAt`). `cancelledAt` is the server's instant of the cancellation.
 */
export function lateUnshippedAt(
  order: Pick<Order, "shippedAt" | "shipBy" | "lateFlaggedAt" | "cancelledAt">,
): Instant | null {
  if (order.shippedAt) return null;
  if (order.lateFlaggedAt) return order.lateFlaggedAt;
  return order.cancelledAt !== null && toMs(order.cancelledAt) > toMs(order.shipBy) ? order.cancelledAt : null;
}

/** The next state of an order: one more version, the change time, and the job's next check recomputed. */
export function changed(order: Order, now: Instant, rules: OrderRules, fields: Partial<Order>): Order {
  return withNextCheck({ ...order, ...fields, version: order.version + 1, updatedAt: now }, rules);
}

/**
 * When the late-order job should look at an order next: the start of the at-risk window, then
 * `shipBy`; never once it is flagged late, shipped or cancelled (it leaves the job's index).
 */
export function nextCheckAt(order: Order, rules: OrderRules = defaultOrderRules): Instant | null {
  if (order.status !== "AWAITING_SHIPMENT" || order.lateFlaggedAt) return null;
  if (order.atRiskFlaggedAt) return order.shipBy;
  return addMs(order.shipBy, -rules.atRiskWindowMs);
}

export function withNextCheck(order: Order, rules: OrderRules): Order {
  return { ...order, nextCheckAt: nextCheckAt(order, rules) };
}

/** What the late-order job decides for an order whose check time has come. */
export type DeadlineCheck =
  | { kind: "late"; order: Order }
  | { kind: "atRisk"; order: Order }
  /** Nothing to flag now; the order's next check moves (e.g. after a change of the window). */
  | { kind: "reschedule"; order: Order }
  | { kind: "nothing" };

/**
 * The late-order job's rule: past `shipBy` unshipped → flagged late (and an incident case is
 * opened with it); inside the window → flagged at risk and re-keyed to `shipBy`.
 */
export function checkDeadline(args: { order: Order; now: Instant; rules?: OrderRules }): DeadlineCheck {
  const { order, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  if (order.status !== "AWAITING_SHIPMENT" || order.lateFlaggedAt) return { kind: "nothing" };
  if (isLate(order, now)) {
    return { kind: "late", order: changed(order, now, rules, { lateFlaggedAt: now }) };
  }
  if (!order.atRiskFlaggedAt && toMs(order.shipBy) - toMs(now) <= rules.atRiskWindowMs) {
    return { kind: "atRisk", order: changed(order, now, rules, { atRiskFlaggedAt: now }) };
  }
  const next = nextCheckAt(order, rules);
  if (next !== order.nextCheckAt) return { kind: "reschedule", order: { ...order, nextCheckAt: next } };
  return { kind: "nothing" };
}
