import type { DelayRemedies, Order } from "../orders";
import type { Instant } from "../time";
import { isOpen, REFUND_REMEDIES, type Case, type CaseReason } from "./shapes";

/** What cases do to their order: the remedy plan's evidence, the money totals and the open-case list. */

/**
 * The cases about the order's delay: its late-shipment case and the buyer's not-shipped and not-received disputes.
 * An apology, a compensation or a support ticket on any of them is that step of the remedy plan done, and is kept
 * on the order (`delayRemedies`) so that a plan read with one of them sees what was done on the others.
 */
export const DELAY_REASONS: readonly CaseReason[] = ["LATE_SHIPMENT", "NOT_SHIPPED", "NOT_RECEIVED"];

const first = (times: (string | null | undefined)[]) => times.filter((t): t is string => !!t).sort()[0] ?? null;

/** What a case records of the seller's remedies for a delay, each the first time it was done. */
function delayRemediesOf(c: Case): DelayRemedies {
  return {
    sellerContactedAt: first([
      c.firstSellerMessageAt,
      ...c.remedies.filter((r) => r.kind === "APOLOGY").map((r) => r.recordedAt),
    ]),
    compensationAcceptedAt: first([
      ...c.offers.filter((o) => o.status === "ACCEPTED").map((o) => o.answeredAt),
      ...c.remedies.filter((r) => REFUND_REMEDIES.includes(r.kind)).map((r) => r.recordedAt),
    ]),
    supportTicketAt: first(c.remedies.filter((r) => r.kind === "PLATFORM_SUPPORT_TICKET").map((r) => r.recordedAt)),
  };
}

/** Each remedy at the earlier of the two times; `a` itself when `b` adds nothing earlier. */
function earliest(a: DelayRemedies, b: DelayRemedies): DelayRemedies {
  const merged = {
    sellerContactedAt: first([a.sellerContactedAt, b.sellerContactedAt]),
    compensationAcceptedAt: first([a.compensationAcceptedAt, b.compensationAcceptedAt]),
    supportTicketAt: first([a.supportTicketAt, b.supportTicketAt]),
  };
  const same =
    merged.sellerContactedAt === a.sellerContactedAt &&
    merged.compensationAcceptedAt === a.compensationAcceptedAt &&
    merged.supportTicketAt === a.supportTicketAt;
  return same ? a : merged;
}

/**
 * The remedy plan's evidence for an order: what the seller did about the delay on any case about it (the order's
 * `delayRemedies`, and `c` itself, whose change may not be stored yet), each step at the first time it was done.
 * An offer awaiting the buyer is `c`'s own: the late-shipment case's for the order's plan (null before there is one).
 */
export function remedyEvidence(
  c: Case | null,
  order: Pick<Order, "delayRemedies">,
): {
  sellerContactedAt: string | null;
  compensationAcceptedAt: string | null;
  compensationOfferedAt: string | null;
  supportTicketAt: string | null;
} {
  if (!c) return { ...order.delayRemedies, compensationOfferedAt: null };
  return {
    ...earliest(order.delayRemedies, delayRemediesOf(c)),
    compensationOfferedAt: first(c.offers.filter((o) => o.status === "PENDING").map((o) => o.madeAt)),
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
  // What the seller did about the delay on this case, kept on the order for the remedy plan of every case about it.
  const delayRemedies = DELAY_REASONS.includes(change.case.reason)
    ? earliest(orderBefore.delayRemedies, delayRemediesOf(change.case))
    : orderBefore.delayRemedies;
  if (
    !change.order &&
    openCaseIds === orderBefore.openCaseIds &&
    lateShipmentCaseId === orderBefore.lateShipmentCaseId &&
    delayRemedies === orderBefore.delayRemedies
  )
    return null;
  return {
    ...(change.order ?? orderBefore),
    openCaseIds,
    lateShipmentCaseId,
    delayRemedies,
    version: orderBefore.version + 1,
    updatedAt: now,
  };
}
