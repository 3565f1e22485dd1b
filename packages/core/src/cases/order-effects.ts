import type { Order } from "../orders";
import type { Instant } from "../time";
import { isOpen, REFUND_REMEDIES, type Case } from "./shapes";

/** What cases do to their order: the remedy plan's evidence, the money totals and the open-case list. */

/** What a late-shipment case records for its order's remedy plan. */
export function remedyEvidence(c: Case | null): {
  sellerContactedAt: string | null;
  compensationAcceptedAt: string | null;
  compensationOfferedAt: string | null;
  supportTicketAt: string | null;
} {
  if (!c)
    return {
      sellerContactedAt: null,
      compensationAcceptedAt: null,
      compensationOfferedAt: null,
      supportTicketAt: null,
    };
  const first = (times: (string | null | undefined)[]) => times.filter((t): t is string => !!t).sort()[0] ?? null;
  return {
    sellerContactedAt: first([
      c.firstSellerMessageAt,
      ...c.remedies.filter((r) => r.kind === "APOLOGY").map((r) => r.recordedAt),
    ]),
    compensationAcceptedAt: first([
      ...c.offers.filter((o) => o.status === "ACCEPTED").map((o) => o.answeredAt),
      ...c.remedies.filter((r) => REFUND_REMEDIES.includes(r.kind)).map((r) => r.recordedAt),
    ]),
    compensationOfferedAt: first(c.offers.filter((o) => o.status === "PENDING").map((o) => o.madeAt)),
    supportTicketAt: first(c.remedies.filter((r) => r.kind === "PLATFORM_SUPPORT_TICKET").map((r) => r.recordedAt)),
  };
}

/**
 * The order as a case change leaves it: its money totals (when the change moved them) and its
 * list of open cases (when the case opened, or left the open states). Null when the order does
 * not change. One version step from `orderBefore`, whatever changed.
 */
export function orderAfter(args: {
  orderBefore: Order;
  change: { case: Case; order: Order | null };
  /** The case before the change; null when the change opened it. */
  caseBefore: Case | null;
  now: Instant;
}): Order | null {
  const { orderBefore, change, caseBefore, now } = args;
  const wasOpen = caseBefore !== null && isOpen(caseBefore.status);
  const openNow = isOpen(change.case.status);
  let openCaseIds = orderBefore.openCaseIds;
  if (!wasOpen && openNow && !openCaseIds.includes(change.case.id)) openCaseIds = [...openCaseIds, change.case.id];
  if (wasOpen && !openNow) openCaseIds = openCaseIds.filter((id) => id !== change.case.id);
  // A late-shipment case opened here becomes the order's one late-shipment case.
  const lateShipmentCaseId =
    caseBefore === null && change.case.reason === "LATE_SHIPMENT" && !orderBefore.lateShipmentCaseId
      ? change.case.id
      : orderBefore.lateShipmentCaseId;
  if (!change.order && openCaseIds === orderBefore.openCaseIds && lateShipmentCaseId === orderBefore.lateShipmentCaseId)
    return null;
  return {
    ...(change.order ?? orderBefore),
    openCaseIds,
    lateShipmentCaseId,
    version: orderBefore.version + 1,
    updatedAt: now,
  };
}
