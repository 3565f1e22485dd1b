import type { Order } from "../orders";
import type { Instant } from "../time";
import { cancelledRefusal } from "./limits";
import { afterLapse } from "./offers";
import { resolve } from "./resolution";
import type { Case, CaseRules, Change } from "./shapes";

/**
 * What cancelling an order does to its late-shipment incident (the order's `lateShipmentCaseId`, reason LATE_SHIPMENT,
 * source SYSTEM): nothing is left to ship, so the incident ends with the cancellation, in its change, as the seller
 * would end it (`resolve` with ORDER_CANCELLED: the seller's RESOLVE_BY_SELLER, its RESOLVED timeline entry). Null
 * when the case stays as it is: already ended, not the incident, or with an offer awaiting the buyer, which ends by its
 * own moves; once the case is back with the seller, the seller closes it as ORDER_CANCELLED (`cancelledRefusal`). An
 * incident escalated before escalation was refused there (`INCIDENT_REFUSED`) is closed here too: no decision comes.
 * Without this the incident stayed open for good: no other outcome fits an order that will never ship, and the
 * case-deadline job flagged its answer overdue.
 *
 * It decides on the case as it reads (`afterLapse`), as every case verb does: an offer past `expiresAt` that the job
 * has not yet recorded awaits nobody, so its expiry is recorded first (`Change.earlier`) and the incident, back with
 * the seller, ends here. Decided on the stored case, the lapsed offer kept the incident open, and the job then asked
 * the seller for an answer on an order that will never ship.
 */
export function resolvedByCancellation(args: {
  case: Case;
  /** The order as the cancellation leaves it (CANCELLED). */
  order: Order;
  now: Instant;
  rules?: CaseRules;
}): Change | null {
  const { case: c, order, now, rules } = args;
  if (c.orderId !== order.id || cancelledRefusal(c, order) !== null) return null;
  const decided = resolveAsRead({
    case: c,
    order,
    input: { caseId: c.id, outcome: "ORDER_CANCELLED" },
    roles: ["SELLER"],
    now,
    rules,
  });
  return decided.ok ? decided.value : null;
}

const resolveAsRead = afterLapse(resolve);
