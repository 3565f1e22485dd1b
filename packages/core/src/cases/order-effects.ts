import { isReturnOffer } from "../compensation";
import type { DelayRemedies, Order } from "../orders";
import { delayBeganAt, type CaseEvidence } from "../remedies";
import { holdsAfter } from "../returns/holds";
import type { Instant } from "../time";
import { CASE_OPENERS, type CaseOpener } from "./limits";
import { lateShipmentCaseOf } from "./opening";
import {
  hasLapsed,
  isLateIncident,
  isOpen,
  REFUND_REMEDIES,
  type Case,
  type CaseEvent,
  type CaseReason,
} from "./shapes";

/** What cases do to their order: the remedy plan's evidence, the money totals and the open-case list. */

/**
 * The cases about the order's delay: its late-shipment case and the buyer's not-shipped and not-received disputes.
 * An apology, a compensation or a support ticket on any of them is that step of the remedy plan done, and is kept
 * on the order (`delayRemedies`) so that a plan read with one of them sees what was done on the others.
 */
export const DELAY_REASONS: readonly CaseReason[] = ["LATE_SHIPMENT", "NOT_SHIPPED", "NOT_RECEIVED"];

const first = (times: (string | null | undefined)[]) => times.filter((t): t is string => !!t).sort()[0] ?? null;

type DoneRemedies = Omit<DelayRemedies, "offersAwaitingBuyer">;

/**
 * What a case records of the seller's remedies for a delay that began at `since`, each the first time it was done
 * since then (`Remedies.delayBeganAt`). The case keeps only its first and latest seller answer, so a message after
 * an earlier one sent while the order was on time is `messageNow`, the time of the change that posts it. An accepted
 * exchange or return is no compensation: its refund, when made, is.
 */
function delayRemediesOf(c: Case, since: Instant, messageNow: Instant | null = null): DoneRemedies {
  const sinceDelay = (t: string | null | undefined) => (t && t >= since ? t : null);
  return {
    sellerContactedAt: first([
      sinceDelay(c.firstSellerMessageAt),
      sinceDelay(messageNow),
      ...c.remedies.filter((r) => r.kind === "APOLOGY").map((r) => sinceDelay(r.recordedAt)),
    ]),
    compensationAcceptedAt: first([
      ...c.offers.filter((o) => o.status === "ACCEPTED" && !isReturnOffer(o.kind)).map((o) => sinceDelay(o.answeredAt)),
      ...c.remedies.filter((r) => REFUND_REMEDIES.includes(r.kind)).map((r) => sinceDelay(r.recordedAt)),
    ]),
    supportTicketAt: first(
      c.remedies.filter((r) => r.kind === "PLATFORM_SUPPORT_TICKET").map((r) => sinceDelay(r.recordedAt)),
    ),
  };
}

/** Each remedy at the earlier of the two times. */
function earliest(a: DoneRemedies, b: DoneRemedies): DoneRemedies {
  return {
    sellerContactedAt: first([a.sellerContactedAt, b.sellerContactedAt]),
    compensationAcceptedAt: first([a.compensationAcceptedAt, b.compensationAcceptedAt]),
    supportTicketAt: first([a.supportTicketAt, b.supportTicketAt]),
  };
}

/**
 * A compensation offer of `c` that waits for the buyer's answer at `now` (an exchange or a return is none). Until it
 * has lapsed (`hasLapsed`), the instant of `expiresAt` included: the buyer can still accept it then.
 */
function offerAwaiting(c: Case, now: Instant) {
  return c.offers.find((o) => o.status === "PENDING" && !hasLapsed(o, now) && !isReturnOffer(o.kind)) ?? null;
}

/**
 * The remedy plan's evidence for an order: what the seller did about the delay since it began, on any case about it
 * (the order's `delayRemedies`, and `c` itself, whose latest change the order may not carry), each step at the first
 * time it was done; the offer that awaits the buyer, on `c` or on another case about the delay; and whether `c` is the
 * order's late-shipment case, closed (nothing more can be offered on it, and the order gets no other).
 */
export function remedyEvidence(c: Case | null, order: Order, now: Instant): CaseEvidence {
  const kept = order.delayRemedies;
  const since = delayBeganAt(order, now);
  const done = c && since ? earliest(kept, delayRemediesOf(c, since)) : kept;
  // The order's record of an offer on `c` itself is older than `c`: `c` says whether it still waits.
  const elsewhere = kept.offersAwaitingBuyer.filter((o) => o.caseId !== c?.id && !hasLapsed(o, now));
  return {
    sellerContactedAt: done.sellerContactedAt,
    compensationAcceptedAt: done.compensationAcceptedAt,
    supportTicketAt: done.supportTicketAt,
    compensationOfferedAt: first([c && offerAwaiting(c, now)?.madeAt, ...elsewhere.map((o) => o.madeAt)]),
    lateCaseClosed: c !== null && c.id === lateShipmentCaseOf(order) && !isOpen(c.status),
  };
}

/**
 * The order's `delayRemedies` after a change of case `c` at `now`: unchanged (the same object) unless `c` is about
 * the delay, the delay has begun, and the change adds a remedy done earlier or moves the offer awaiting the buyer.
 * Nothing is kept while the order needs no plan, so a dispute on an order shipped on time never writes the order.
 */
function delayRemediesAfter(orderBefore: Order, c: Case, event: CaseEvent | undefined, now: Instant): DelayRemedies {
  const before = orderBefore.delayRemedies;
  const since = delayBeganAt(orderBefore, now);
  if (!since || !DELAY_REASONS.includes(c.reason)) return before;
  const messageNow = event?.type === "MESSAGE" && event.actor === "SELLER" ? now : null;
  const done = earliest(before, delayRemediesOf(c, since, messageNow));
  // This case's entry follows its offer; another case's stays until that case answers it, or it expires.
  const pending = offerAwaiting(c, now);
  const own = before.offersAwaitingBuyer.find((o) => o.caseId === c.id);
  const offerMoved = pending ? own?.madeAt !== pending.madeAt : own !== undefined;
  const offersAwaitingBuyer = [
    ...before.offersAwaitingBuyer.filter((o) => o.caseId !== c.id && (!offerMoved || !hasLapsed(o, now))),
    ...(pending ? [{ caseId: c.id, madeAt: pending.madeAt, expiresAt: pending.expiresAt }] : []),
  ];
  const unchanged =
    done.sellerContactedAt === before.sellerContactedAt &&
    done.compensationAcceptedAt === before.compensationAcceptedAt &&
    done.supportTicketAt === before.supportTicketAt &&
    !offerMoved;
  return unchanged
    ? before
    : { ...done, offersAwaitingBuyer: offerMoved ? offersAwaitingBuyer : before.offersAwaitingBuyer };
}

/**
 * The order as a case change leaves it: its money totals (when the change moved them), what it holds for the case's
 * refund returns (`Returns.holdsAfter`) and its list of open cases (when the case opened, or left the open states).
 * Null when the order does
 * not change. One version step from `orderBefore`, whatever changed.
 */
export function orderAfter(args: {
  orderBefore: Order;
  /** `event` is the change's timeline entry; when it opened the case, its OPENED entry, which names who opened it. */
  change: { case: Case; order: Order | null; event?: CaseEvent };
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
  const openBuyerCaseIds = buyerCasesAfter(orderBefore, openCaseIds, change.case);
  const openBuyerCaseReasons = buyerCaseReasonsAfter(orderBefore, openCaseIds, change.case);
  // The order's first buyer dispute marks it disputed for good: the dispute rate counts it once (`Stats.caseDeltas`).
  const buyerDisputed = caseBefore === null && change.case.source === "BUYER" ? true : orderBefore.buyerDisputed;
  // Who opened the case, when this change opened it: its OPENED entry names them.
  const openedBy = caseBefore === null && change.event?.type === "OPENED" ? change.event.actor : null;
  const openPlatformCaseIds = platformCasesAfter(orderBefore, openCaseIds, change.case, openedBy === "PLATFORM");
  const casesOpened = casesOpenedAfter(orderBefore, openedBy);
  // A late-shipment incident opened here (source SYSTEM: the seller's side or the platform, before the job saw the
  // order) becomes the order's one incident, which the job adopts. A buyer's LATE_SHIPMENT dispute never does: it
  // ends as a dispute does (a 0.01 refund covering a 0.01 claim, a withdrawal, a decision), and adopted, its end
  // would have ended the tracking of an order that never shipped, the job never opening the incident.
  const lateShipmentCaseId =
    caseBefore === null && isLateIncident(change.case) && !orderBefore.lateShipmentCaseId
      ? change.case.id
      : orderBefore.lateShipmentCaseId;
  // What the seller did about the delay on this case, kept on the order for the remedy plan of every case about it.
  const delayRemedies = delayRemediesAfter(orderBefore, change.case, change.event, now);
  // What the order holds for the case's refund returns: one accepted is held, one that ended is released.
  const money = change.order ?? orderBefore;
  const heldForReturns = holdsAfter(money.heldForReturns, caseBefore?.returns ?? null, change.case.returns);
  if (
    !change.order &&
    heldForReturns === orderBefore.heldForReturns &&
    openCaseIds === orderBefore.openCaseIds &&
    openBuyerCaseIds === orderBefore.openBuyerCaseIds &&
    openBuyerCaseReasons === orderBefore.openBuyerCaseReasons &&
    buyerDisputed === orderBefore.buyerDisputed &&
    openPlatformCaseIds === orderBefore.openPlatformCaseIds &&
    casesOpened === orderBefore.casesOpened &&
    lateShipmentCaseId === orderBefore.lateShipmentCaseId &&
    delayRemedies === orderBefore.delayRemedies
  )
    return null;
  return {
    ...money,
    heldForReturns,
    openCaseIds,
    openBuyerCaseIds,
    openBuyerCaseReasons,
    buyerDisputed,
    openPlatformCaseIds,
    casesOpened,
    lateShipmentCaseId,
    delayRemedies,
    version: orderBefore.version + 1,
    updatedAt: now,
  };
}

/**
 * The order's open buyer cases once `c` changed and the open cases are `openCaseIds`: the same list (the same
 * array) when nothing moved. An order stored before the list was kept has none (null) until no case is open.
 */
function buyerCasesAfter(orderBefore: Order, openCaseIds: readonly string[], c: Case): string[] | null {
  const before = orderBefore.openBuyerCaseIds;
  if (before === null) return openCaseIds.length === 0 ? [] : null;
  const listed = before.includes(c.id);
  const open = c.source === "BUYER" && openCaseIds.includes(c.id);
  if (open === listed) return before;
  return open ? [...before, c.id] : before.filter((id) => id !== c.id);
}

/**
 * The reasons of the order's open buyer cases once `c` changed and the open cases are `openCaseIds`: the same record
 * (the same object) when nothing moved. Kept on orders stored before the list of open buyer cases too: a case opened
 * since then enters it, one opened before is read from the case when needed (`CasesRepo.openingContext`).
 */
function buyerCaseReasonsAfter(
  orderBefore: Order,
  openCaseIds: readonly string[],
  c: Case,
): Record<string, CaseReason> {
  const before = orderBefore.openBuyerCaseReasons;
  const listed = Object.hasOwn(before, c.id);
  const open = c.source === "BUYER" && openCaseIds.includes(c.id);
  if (open === listed) return before;
  if (open) return { ...before, [c.id]: c.reason };
  const { [c.id]: _closed, ...stillOpen } = before;
  return stillOpen;
}

/**
 * The order's open system cases the platform opened once `c` changed and the open cases are `openCaseIds`: the same
 * list (the same array) when nothing moved. A case enters it only as the platform opens it, and leaves it when it
 * leaves the open states.
 */
function platformCasesAfter(
  orderBefore: Order,
  openCaseIds: readonly string[],
  c: Case,
  openedByPlatform: boolean,
): string[] {
  const before = orderBefore.openPlatformCaseIds;
  const listed = before.includes(c.id);
  const open = openCaseIds.includes(c.id) && (listed || openedByPlatform);
  if (open === listed) return before;
  return open ? [...before, c.id] : before.filter((id) => id !== c.id);
}

/**
 * The order's count of cases opened by each side once `openedBy` opened one (null when no case opened): the same
 * record (the same object) when nothing moved. The late-order job's case (actor SYSTEM) is not a side's and is not
 * counted.
 */
function casesOpenedAfter(orderBefore: Order, openedBy: CaseEvent["actor"] | null): Record<string, number> {
  const before = orderBefore.casesOpened;
  const side = CASE_OPENERS.find((s) => s === openedBy);
  return side ? { ...before, [side]: (before[side] ?? 0) + 1 } : before;
}

/**
 * Who opened each of the order's open cases, for each side's cap (`open`), given which of them the buyer opened: the
 * platform's listed apart, every other one the seller's side's (the late-order job's case about its delay included).
 */
export function openersOf(
  order: Pick<Order, "openCaseIds" | "openPlatformCaseIds">,
  buyerCaseIds: readonly string[],
): CaseOpener[] {
  return order.openCaseIds.map((id) =>
    buyerCaseIds.includes(id) ? "BUYER" : order.openPlatformCaseIds.includes(id) ? "PLATFORM" : "SELLER",
  );
}

/**
 * Who opened each of the order's open cases (`openersOf`); null on an order stored before its open buyer cases were
 * kept, whose open cases must then be read for their source.
 */
export function openCaseOpenersOf(
  order: Pick<Order, "openCaseIds" | "openBuyerCaseIds" | "openPlatformCaseIds">,
): CaseOpener[] | null {
  return order.openBuyerCaseIds === null ? null : openersOf(order, order.openBuyerCaseIds);
}
