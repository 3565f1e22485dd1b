import { text } from "../i18n/texts";
import { ok, refuse, userError, type Result } from "../errors";
import type { Order } from "../orders";
import { isLate, shippedLate } from "../orders/deadlines";
import { addMs, type Instant } from "../time";
import { event, timelineText } from "./change";
import type { OpenCaseInput } from "./inputs";
import { ORDER_CASE_LIMITS, type CaseOpener } from "./limits";
import { RoleForbidden, type ActorRole } from "./machine";
import { defaultCaseRules, nextDeadlineAt, type Case, type CaseEvent, type CaseReason, type CaseRules } from "./shapes";

/** One of the order's open buyer cases, as `open` checks a new dispute against it. */
export interface OpenBuyerCase {
  id: string;
  reason: CaseReason;
}

/** Opening a case: through the API, or the late-order job's one late-shipment case per order. */

/** The id of the late-shipment case the late-order job opens: derived from the order's, so the job opens it once. */
export function lateShipmentCaseId(orderId: string): string {
  return `late-${orderId}`;
}

/**
 * The order's one late-shipment case, however it was opened, or null. Orders written before
 * `lateShipmentCaseId` existed name no case; the job's derived id stands for theirs.
 */
export function lateShipmentCaseOf(order: Pick<Order, "id" | "lateShipmentCaseId" | "lateFlaggedAt">): string | null {
  return order.lateShipmentCaseId ?? (order.lateFlaggedAt ? lateShipmentCaseId(order.id) : null);
}

/**
 * The late-order job's decision for an order it has just flagged late: the order adopts the
 * late-shipment incident that is already there (source SYSTEM, opened through `openCase` by the seller's side or the
 * platform before the job saw the order: `Order.lateShipmentCaseId` never names a buyer's dispute, which ends as a
 * dispute does), or gets its one incident opened now, beside any buyer's LATE_SHIPMENT dispute. Never two, and the
 * adopted case is not counted again.
 * The adopted case is kept as it is, even when no longer open: `open` takes a late-shipment case only once the
 * order has gone late, so that case is about the very delay the flag records, and settling it before the job ran is
 * what the seller and the buyer could equally do with the job's own case just after.
 */
export function flagLate(args: {
  /** The order as read, before the job flagged it. */
  before: Order;
  /** The order as the job's deadline check leaves it (late-flagged). */
  flagged: Order;
  now: Instant;
  rules?: CaseRules;
}): { order: Order; opened: { case: Case; event: CaseEvent } | null } {
  if (args.before.lateShipmentCaseId) return { order: args.flagged, opened: null };
  const opened = openLateShipmentCase({ order: args.before, now: args.now, rules: args.rules });
  return {
    order: {
      ...args.flagged,
      lateShipmentCaseId: opened.case.id,
      openCaseIds: [...args.flagged.openCaseIds, opened.case.id],
    },
    opened,
  };
}

function newCase(
  fields: Pick<Case, "id" | "sellerId" | "orderId" | "reason" | "source" | "claimAmount">,
  now: Instant,
  rules: CaseRules,
): Case {
  const c: Case = {
    ...fields,
    status: "AWAITING_SELLER",
    outcome: null,
    platformRefund: null,
    openedAt: now,
    respondBy: addMs(now, rules.respondWithinMs[fields.reason]),
    firstResponseAt: null,
    firstResponseWithinDeadline: null,
    firstResponseMissedAt: null,
    lastBuyerMessageAt: null,
    firstSellerMessageAt: null,
    lastSellerMessageAt: null,
    unansweredBuyerMessages: 0,
    responseOverdueAt: null,
    responseDueSoonFor: null,
    offers: [],
    remedies: [],
    returns: [],
    evidence: [],
    escalatedAt: null,
    resolvedAt: null,
    closedAt: null,
    nextDeadlineAt: null,
    eventCount: 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return { ...c, nextDeadlineAt: nextDeadlineAt(c, rules) };
}

/** The late-shipment incident case the late-order job opens for an order that passed `shipBy`. */
export function openLateShipmentCase(args: {
  order: { id: string; sellerId: string; shipBy: string; marketplaceOrderId: string };
  now: Instant;
  rules?: CaseRules;
}): { case: Case; event: CaseEvent } {
  const { order, now } = args;
  const c = newCase(
    {
      id: lateShipmentCaseId(order.id),
      sellerId: order.sellerId,
      orderId: order.id,
      reason: "LATE_SHIPMENT",
      source: "SYSTEM",
      claimAmount: null,
    },
    now,
    args.rules ?? defaultCaseRules,
  );
  return {
    case: c,
    event: event(
      { ...c, eventCount: 0 },
      "OPENED",
      "SYSTEM",
      now,
      timelineText("timeline.openedLateShipment", {
        marketplaceOrderId: order.marketplaceOrderId,
        shipBy: order.shipBy,
      }),
    ),
  };
}

/**
 * A case opened through the API. A buyer's dispute is relayed by a partner tool (the BUYER side);
 * a SYSTEM case may come from the seller's own tools or the marketplace. The claim is in the
 * order currency and never above what the buyer paid; the buyer's text becomes the first message.
 */
export function open(args: {
  id: string;
  order: Order;
  /** Who opened each of the order's open cases (those `openCaseIds` lists), in any order: each side has its own cap. */
  openCaseOpeners: readonly CaseOpener[];
  /** The order's open buyer cases, with their reasons: a buyer dispute is refused beside an open one of its reason. */
  openBuyerCases: readonly OpenBuyerCase[];
  input: OpenCaseInput;
  roles: readonly ActorRole[];
  now: Instant;
  rules?: CaseRules;
}): Result<{ case: Case; events: CaseEvent[] }> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  const actor: CaseOpener = input.source === "BUYER" ? "BUYER" : args.roles.includes("SELLER") ? "SELLER" : "PLATFORM";
  if (!args.roles.includes(actor)) {
    throw new RoleForbidden(text("refusal.case.openForbidden", { source: input.source }));
  }
  if (input.claimAmount) {
    if (input.claimAmount.currency !== order.buyerTotal.currency) {
      return refuse(
        userError(
          "CURRENCY_MISMATCH",
          text("refusal.currency.order", { what: "claim", currency: order.buyerTotal.currency }),
          ["input", "claimAmount", "currency"],
        ),
      );
    }
    // A relay that sends 0 for "no amount" would otherwise let a refund of 0.01 cover the claim (refundCoversClaim).
    if (input.claimAmount.amountMinor === 0) {
      return refuse(
        userError("INVALID_INPUT", text("refusal.case.claimZero", {}), ["input", "claimAmount", "amountMinor"]),
      );
    }
    if (input.claimAmount.amountMinor > order.buyerTotal.amountMinor) {
      return refuse(
        userError("INVALID_INPUT", text("refusal.case.claimAbovePaid", { paid: order.buyerTotal }), [
          "input",
          "claimAmount",
          "amountMinor",
        ]),
      );
    }
  }
  if (input.source === "SYSTEM" && input.claimText) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.case.claimOnBuyerCaseOnly", { part: "text" }), ["input", "claimText"]),
    );
  }
  // What the buyer claims is the buyer's to say (authority per field): never on a system case.
  if (input.source === "SYSTEM" && input.claimAmount) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.case.claimOnBuyerCaseOnly", { part: "amount" }), [
        "input",
        "claimAmount",
      ]),
    );
  }
  if (order.status === "CANCELLED") {
    return refuse(userError("INVALID_TRANSITION", text("refusal.case.cancelledOrder", {}), ["input", "orderId"]));
  }
  // One open dispute per complaint: a relay retried under a new idempotency key (its first request timed out after
  // the case was written) would otherwise open the buyer's dispute twice, and the buyer's one problem would have two
  // threads, two deadlines for the seller and two chances to be escalated. A dispute for another reason is a problem
  // of its own and opens, within the side's cap; so does this reason again once the open one is settled.
  const sameComplaint = input.source === "BUYER" ? args.openBuyerCases.find((c) => c.reason === input.reason) : null;
  if (sameComplaint) {
    return refuse(
      userError(
        "DUPLICATE_CASE",
        text("refusal.case.duplicateDispute", { orderId: order.id, caseId: sameComplaint.id, reason: input.reason }),
        ["input", "reason"],
      ),
    );
  }
  // Counted per side that opened them: a seller filling the order with its own system cases must refuse neither the
  // buyer's dispute nor the platform's system case (a problem the marketplace detected), which may be about it.
  const max = ORDER_CASE_LIMITS.openCasesPerSide;
  if (args.openCaseOpeners.filter((opener) => opener === actor).length >= max) {
    return refuse(
      userError("LIMIT_REACHED", text("refusal.limit.orderOpenCases", { max, side: actor }), ["input", "orderId"]),
    );
  }
  const inAll = ORDER_CASE_LIMITS.casesPerSide;
  if ((order.casesOpened[actor] ?? 0) >= inAll) {
    return refuse(
      userError("LIMIT_REACHED", text("refusal.limit.orderCases", { max: inAll, side: actor }), ["input", "orderId"]),
    );
  }
  // One incident per order; a buyer's LATE_SHIPMENT dispute is a complaint of its own beside it (one open at a time, as
  // every reason: `sameComplaint` above), so the remedy plan reads both and neither ends the other.
  const lateCase = input.reason === "LATE_SHIPMENT" && input.source === "SYSTEM" ? lateShipmentCaseOf(order) : null;
  if (lateCase) {
    return refuse(
      userError("DUPLICATE_CASE", text("refusal.case.duplicateLateCase", { orderId: order.id, caseId: lateCase }), [
        "input",
        "reason",
      ]),
    );
  }
  // A late-shipment case is about a deadline already missed. Opened before `shipBy`, the seller could settle it in
  // advance, and the late-order job would adopt it when the order goes late, leaving that order no open incident; a
  // buyer's complaint about a delay not yet there is no complaint either.
  if (input.reason === "LATE_SHIPMENT" && !isLate(order, now) && shippedLate(order) !== true) {
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.case.lateShipmentNotLate", { shipBy: order.shipBy }), [
        "input",
        "reason",
      ]),
    );
  }
  const opened = newCase(
    {
      id: args.id,
      sellerId: order.sellerId,
      orderId: order.id,
      reason: input.reason,
      source: input.source,
      claimAmount: input.claimAmount ?? null,
    },
    now,
    rules,
  );
  const events = [
    event(
      { ...opened, eventCount: 0 },
      "OPENED",
      actor,
      now,
      timelineText("timeline.opened", { side: actor, reason: input.reason }),
    ),
  ];
  if (!input.claimText) return ok({ case: opened, events });
  const withClaim: Case = { ...opened, lastBuyerMessageAt: now, unansweredBuyerMessages: 1, eventCount: 2 };
  events.push(
    event(
      { ...withClaim, eventCount: 1 },
      "MESSAGE",
      "BUYER",
      now,
      timelineText("timeline.message", { side: "BUYER" }),
      input.claimText,
    ),
  );
  return ok({ case: withClaim, events });
}
