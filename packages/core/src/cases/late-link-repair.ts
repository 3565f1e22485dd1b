import type { Order } from "../orders";
import type { Instant } from "../time";
import { resolvedByCancellation } from "./cancellation";
import { lateShipmentCaseId, openLateShipmentCase } from "./opening";
import { orderAfter } from "./order-effects";
import { isLateIncident, type Case, type CaseEvent, type CaseRules } from "./shapes";

/**
 * The repair of an order an earlier release left naming a buyer's LATE_SHIPMENT dispute as its late-shipment incident
 * (`Order.lateShipmentCaseId`): that release's job adopted the dispute instead of opening its own SYSTEM incident, so
 * the incident's rules (it ends only SHIPPED or ORDER_CANCELLED, `cancelOrder` ends it) reached the buyer's case
 * through the link. The order is left as today's job would have left it (`npm run repair:late-links`,
 * docs/changing-stored-data.md):
 *
 * - not flagged late: unlinked. It is still in the job's index (`Orders.nextCheckAt`), so the job's next run flags it
 *   and opens its incident (`flagLate`), whatever its status (one that shipped or was cancelled leaves the index and,
 *   as today, never gets one);
 * - flagged late: the job's incident opened now (`openLateShipmentCase`), as the job opens it at the flag; a flagged
 *   order leaves the index, so the job would never open it. On a cancelled order it is ended ORDER_CANCELLED in the
 *   same change (`resolvedByCancellation`), as `cancelOrder` ends it today; on one shipped since, it is open and the
 *   seller closes it SHIPPED, as today.
 *
 * The buyer's dispute is never changed. "current" when the order names no case, the job's own or another SYSTEM
 * incident; "missing" when the named case is not found (nothing can tell which it was: left alone).
 */
export type LateLinkRepair =
  | { kind: "current" }
  | { kind: "missing"; caseId: string }
  | { kind: "unlink"; order: Order }
  | {
      kind: "open";
      order: Order;
      /** The incident as written: open, or already ended ORDER_CANCELLED. */
      case: Case;
      /** The incident as opened, before any ending. */
      opened: Case;
      /** Its timeline: OPENED, then RESOLVED when ended. */
      events: CaseEvent[];
    };

export function repairLateLink(args: {
  order: Order;
  /** The case the order names, read; null when not found. Not read when the order names the job's own id. */
  linked: Case | null;
  now: Instant;
  rules?: CaseRules;
}): LateLinkRepair {
  const { order, linked, now } = args;
  const named = order.lateShipmentCaseId;
  if (!named || named === lateShipmentCaseId(order.id)) return { kind: "current" };
  if (!linked || linked.id !== named) return { kind: "missing", caseId: named };
  if (isLateIncident(linked)) return { kind: "current" };
  const unlinked: Order = { ...order, lateShipmentCaseId: null };
  if (!order.lateFlaggedAt)
    return { kind: "unlink", order: { ...unlinked, version: order.version + 1, updatedAt: now } };
  const opened = openLateShipmentCase({ order, now, rules: args.rules });
  const ended = order.status === "CANCELLED" ? resolvedByCancellation({ case: opened.case, order, now }) : null;
  const incident = ended?.case ?? opened.case;
  const after = orderAfter({
    orderBefore: unlinked,
    change: { case: incident, order: null, event: opened.event },
    caseBefore: null,
    now,
  });
  if (!after) throw new Error(`Opening the late-shipment incident of order ${order.id} left the order as it was.`);
  return {
    kind: "open",
    order: after,
    case: incident,
    opened: opened.case,
    events: ended ? [opened.event, ended.event] : [opened.event],
  };
}
