import { text } from "../i18n/texts";
import {
  anythingLeftToOffer,
  heldMinor,
  isReturnOffer,
  leftForOffer,
  refundableMinor,
  refusedOnCancelled,
  type OrderMoney,
} from "../compensation";
import { userError, type UserError } from "../errors";
import { sumMinor, type Money } from "../money";
import type { Order } from "../orders";
import { remedyPlan, type StepCode } from "../remedies";
import type { Instant } from "../time";
import { evidenceAtCap, sideOfAction } from "./evidence";
import { givenBackOnCase, type GivenBackRecords } from "./given-back";
import { availableActions, CASE_ACTIONS, type ActorRole, type CaseAction, type CaseOutcome } from "./machine";
import { asReadAt } from "./offers";
import { DELAY_REASONS, remedyEvidence } from "./order-effects";
import { GOODS_NEVER_RECEIVED, hasLapsed, isLateIncident, type Case, type RemedyKind } from "./shapes";

/**
 * The remedies that back each outcome a seller may resolve a case with. A seller settles a case by
 * what it gave, so the outcome must be on record first (`recordRemedy`): otherwise a seller could
 * close a buyer's dispute as REFUNDED without refunding anything, and the buyer could no longer
 * escalate it.
 */
export const SELLER_OUTCOME_REMEDIES = {
  REFUNDED: ["FULL_REFUND", "PARTIAL_REFUND"],
  REPLACED: ["REPLACEMENT", "RESEND"],
  RETURNED_AND_REFUNDED: ["RETURN_AND_REFUND"],
} as const satisfies Partial<Record<CaseOutcome, readonly RemedyKind[]>>;
export type SellerOutcome = keyof typeof SELLER_OUTCOME_REMEDIES;

/**
 * Whether the case's recorded remedies back a seller's resolution with `outcome`. On a buyer's claim about the delay
 * (`claimCountsOtherCases`), money given back on the order's other cases about it (`givenBackOnCase`: a refund, a
 * money-back offer the buyer accepted, the platform's refund) backs REFUNDED too: the seller gave the delay back on
 * its late-shipment incident, and the claim counts that money (`refundCoversClaim`). So does an order whose whole
 * payment already came back (`refundedInFull`): a second dispute opened after a full refund on another case can get
 * no refund of its own (nothing is left), and without this it could be settled by no one but the buyer or the
 * platform.
 */
export function remedyBacks(
  c: Pick<Case, "id" | "source" | "reason" | "claimAmount" | "remedies">,
  outcome: SellerOutcome,
  others?: OtherCases,
  order?: OrderMoney | null,
): boolean {
  const kinds: readonly RemedyKind[] = SELLER_OUTCOME_REMEDIES[outcome];
  if (c.remedies.some((r) => kinds.includes(r.kind))) return true;
  if (outcome !== "REFUNDED") return false;
  if (order && refundedInFull(order)) return true;
  if (!claimCountsOtherCases(c)) return false;
  return (others ?? []).some((o) => o.id !== c.id && DELAY_REASONS.includes(o.reason) && givenBackOnCase(o) > 0);
}

/**
 * Whether everything the buyer paid for the order came back as refunds (on any of its cases), nothing held for a
 * return still to refund. Not a CANCELLED order: the cancellation refunded it, and no case is settled by that.
 */
export function refundedInFull(order: OrderMoney): boolean {
  return (
    order.status !== "CANCELLED" &&
    order.buyerTotal.amountMinor > 0 &&
    order.refundedMinor >= order.buyerTotal.amountMinor &&
    heldMinor(order) === 0
  );
}

/** The seller's outcomes that tell the buyer its money came back. */
const REFUND_OUTCOMES: readonly SellerOutcome[] = ["REFUNDED", "RETURNED_AND_REFUNDED"];

/**
 * The order's other cases, as the money rules read them: a case about the delay counts what the others gave back
 * (`givenBackOnCase`).
 */
export type OtherCases = readonly (Pick<Case, "id" | "reason"> & GivenBackRecords)[];

/**
 * What was given back to the buyer on the order's other cases about its delay (`DELAY_REASONS`: the late-shipment
 * incident and the buyer's not-shipped, not-received and late-shipment disputes), when `c` is one of them; 0
 * otherwise. Given back is `givenBackOnCase`: refund remedies, money-back offers the buyer accepted, returns refunded
 * and the platform's refund. The remedy plan treats those cases as one (`delayRemedies`), and so does the money: a
 * refund the seller gave on the incident, or a partial refund or discount the buyer accepted there, is what the
 * buyer's delay claim asked, and is not paid again on the dispute. A dispute about anything else (DAMAGED,
 * NOT_AS_DESCRIBED, ...) counts only its own.
 */
export function refundedOnOtherDelayCases(c: Pick<Case, "id" | "reason">, others: OtherCases | undefined): number {
  if (!others || !DELAY_REASONS.includes(c.reason)) return 0;
  return sumMinor(others.filter((o) => o.id !== c.id && DELAY_REASONS.includes(o.reason)).map(givenBackOnCase));
}

/**
 * Whether the money rules on `c` read the order's other cases (`refundedOnOtherDelayCases`): a buyer's claim of an
 * amount about the delay. A caller reads them only then (`otherCasesOfOrder`).
 */
export function claimCountsOtherCases(c: Pick<Case, "source" | "reason" | "claimAmount">): boolean {
  return c.source === "BUYER" && DELAY_REASONS.includes(c.reason) && (c.claimAmount?.amountMinor ?? 0) > 0;
}

/**
 * What counts toward the case's claim: what was given back on it (`givenBackOnCase`), and for a delay case on the
 * other delay cases too.
 */
export function refundedTowardClaim(c: OtherCases[number], others: OtherCases | undefined): number {
  return givenBackOnCase(c) + refundedOnOtherDelayCases(c, others);
}

/**
 * Why a refund amount a caller gave (a refund remedy's, the platform's decision's) cannot be taken, or null: it is
 * in the order's currency (CURRENCY_MISMATCH) and more than zero (INVALID_INPUT). What is left to refund is the
 * caller's to check after (`checkWithinPaid`).
 */
export function givenRefundRefusal(
  order: Pick<OrderMoney, "buyerTotal">,
  amount: Money,
  field: string[],
): UserError | null {
  const currency = order.buyerTotal.currency;
  if (amount.currency !== currency)
    return userError("CURRENCY_MISMATCH", text("refusal.currency.order", { what: "refund", currency }), [
      ...field,
      "currency",
    ]);
  if (amount.amountMinor <= 0) return userError("INVALID_INPUT", text("refusal.remedy.amountAboveZero", {}), field);
  return null;
}

/**
 * Whether the money given back on a buyer's case (`refundedTowardClaim`) is enough for the seller to call it
 * refunded: it covers the buyer's `claimAmount`, or the order has nothing left to refund (always so when the buyer
 * claimed no amount: then only the whole order settles it); money held for another case's accepted return is still
 * left, as it is not refunded yet. A refund remedy of the right kind is not
 * enough on its own: a seller could refund 0.01 of a 40.00 claim, resolve as REFUNDED and take the
 * buyer's escalation away. Settling for less is a compensation offer the buyer accepts. Cases no
 * buyer opened keep the remedy rule alone. Without the order (a caller that has not read it), only
 * the claim can be checked. On a case about the order's delay, what was given back on the order's other cases about
 * it counts too (`refundedTowardClaim`), given `others`: the seller that refunded the delay on its late-shipment
 * incident, or whose partial refund the buyer accepted there, settles the buyer's not-shipped dispute REFUNDED without
 * refunding it again.
 */
export function refundCoversClaim(
  c: OtherCases[number] & Pick<Case, "source" | "claimAmount">,
  order: OrderMoney | null,
  outcome: SellerOutcome,
  others?: OtherCases,
): boolean {
  if (c.source !== "BUYER" || !REFUND_OUTCOMES.includes(outcome)) return true;
  if (order && (order.status === "CANCELLED" || refundableMinor(order) + heldMinor(order) === 0)) return true;
  // A claim of 0 (stored before openCase refused one) names no amount: as with none, a refund covers nothing.
  return (
    c.claimAmount !== null &&
    c.claimAmount.amountMinor > 0 &&
    refundedTowardClaim(c, others) >= c.claimAmount.amountMinor
  );
}

/**
 * Whether the seller may resolve the case as `outcome` on its own: none of them on the late-shipment incident
 * (`lateIncidentRefusal`), any on another case no buyer opened, all but REPLACED on a buyer's dispute. A replacement
 * on record is a promise (a RESEND needs no tracking, nothing from the buyer), so closing the buyer's dispute on it
 * would take the buyer's escalation away before anything arrived, as a token refund would (`refundCoversClaim`). A
 * replacement settles a buyer's dispute only through the buyer: an exchange offer it accepts (REPLACEMENT_WITH_RETURN,
 * which `shipReplacement` resolves REPLACED), the buyer withdrawing once the goods arrived, or the platform's decision
 * on the escalated case.
 */
export function sellerMayResolveAlone(c: Pick<Case, "source" | "reason">, outcome: SellerOutcome): boolean {
  if (isLateIncident(c)) return false;
  return c.source !== "BUYER" || outcome !== "REPLACED";
}

export { isLateIncident };

/**
 * Why the late-shipment incident may not close as `outcome`, or null: it closes only as SHIPPED (`shippedRefusal`) or
 * ORDER_CANCELLED (`cancelledRefusal`). A refund or a replacement on record (a RESEND needs no tracking) ends no
 * delay: closed so on an order that never shipped, the incident would keep `Order.lateShipmentCaseId` and the
 * late-order job would never open another, so the order would drop out of tracking for good. A seller that refunded
 * the order in full and will not ship it cancels it (`cancelOrder`), which closes the incident.
 */
export function lateIncidentRefusal(c: Pick<Case, "source" | "reason">, outcome: string): UserError | null {
  if (!isLateIncident(c) || !(outcome in SELLER_OUTCOME_REMEDIES)) return null;
  return userError("INVALID_TRANSITION", text("refusal.case.lateIncidentOutcome", { outcome }), ["input", "outcome"]);
}

/** Remedy-plan steps a seller may leave undone and still close the late-shipment case: the guide's "may" offers. */
const OPTIONAL_STEPS: readonly StepCode[] = ["OFFER_COMPENSATION", "GOODWILL_GESTURE"];

/**
 * Why the seller may not resolve the case as SHIPPED now, or null when it may. SHIPPED closes the late-shipment
 * incident (reason LATE_SHIPMENT, source SYSTEM: the case the late-order job opens, or the one it adopts) once the
 * seller did what the remedy plan requires: the order shipped with tracking, the buyer was contacted (a seller message
 * or an apology, on this case or on a buyer's dispute about the delay) and, for a system error, the platform support
 * ticket recorded. The plan's compensation is the seller's choice (the guide: "can offer"), so it is not required.
 * Without this outcome the incident stayed open forever after the plan was followed, as no remedy backs another
 * outcome and only the platform closes. A buyer's dispute never ends this way: the buyer settles, withdraws or
 * escalates it, whatever shipped.
 */
export function shippedRefusal(c: Case, order: Order, now: Instant): UserError | null {
  const field = ["input", "outcome"];
  if (c.source !== "SYSTEM" || c.reason !== "LATE_SHIPMENT") {
    return userError("INVALID_TRANSITION", text("refusal.case.shippedLateCaseOnly", {}), field);
  }
  if (order.shippedAt === null || order.trackingNumber === null) {
    return userError("INVALID_TRANSITION", text("refusal.case.shippedNotShipped", {}), field);
  }
  // The steps required here never depend on how many days late the order is (only the optional offer's kind and
  // amount do), so the plan is read on any calendar: UTC, with no seller profile to load.
  const plan = remedyPlan(order, now, "UTC", remedyEvidence(c, order, now));
  const open = (plan?.steps ?? []).filter((s) => !s.done && !OPTIONAL_STEPS.includes(s.code)).map((s) => s.code);
  if (open.length > 0) return userError("INVALID_TRANSITION", text("refusal.case.shippedStepsOpen", { open }), field);
  return null;
}

/**
 * Why the seller may not resolve the case as ORDER_CANCELLED, or null when it may: the late-shipment incident (reason
 * LATE_SHIPMENT, source SYSTEM) of an order that was cancelled. Nothing is left to ship, so nothing in the remedy plan
 * can still be done; the late-shipment rate counted the order when it went late. `cancelOrder` resolves the incident
 * so itself when it awaits the seller or the buyer, or was escalated before that was refused there
 * (`resolvedByCancellation`); one with an offer awaiting the buyer is the seller's to close this way once the offer
 * ends and the case is back with it. A
 * buyer's dispute never ends this way: the cancellation's refund is the marketplace's, not a settlement on record.
 */
export function cancelledRefusal(c: Pick<Case, "source" | "reason">, order: Pick<Order, "status">): UserError | null {
  const field = ["input", "outcome"];
  if (c.source !== "SYSTEM" || c.reason !== "LATE_SHIPMENT") {
    return userError("INVALID_TRANSITION", text("refusal.case.cancelledLateCaseOnly", {}), field);
  }
  if (order.status !== "CANCELLED") {
    return userError("INVALID_TRANSITION", text("refusal.case.cancelledNotCancelled", {}), field);
  }
  return null;
}

/**
 * Whether the seller may resolve the case now with one of its outcomes: one it may take alone, backed by a remedy, and
 * by enough refund; or, with the order, ORDER_CANCELLED and, with the instant too, SHIPPED.
 */
function sellerCanSettle(c: Case, order: Order | null, now: Instant | undefined, others?: OtherCases): boolean {
  const backed = (Object.keys(SELLER_OUTCOME_REMEDIES) as SellerOutcome[]).some(
    (o) => sellerMayResolveAlone(c, o) && remedyBacks(c, o, others, order) && refundCoversClaim(c, order, o, others),
  );
  if (backed || (order !== null && cancelledRefusal(c, order) === null)) return true;
  return order !== null && now !== undefined && shippedRefusal(c, order, now) === null;
}

/**
 * Caps on the lists a case keeps in its own item, so that no case (nor the idempotency record
 * that keeps a copy of it as a mutation's answer) can approach DynamoDB's 400 KB item limit,
 * whatever a caller sends: at a cap the action is refused with LIMIT_REACHED naming the cap, and
 * it leaves `availableActions`. Worst-case sizes from the input limits are checked in
 * test/reliability/item-growth.test.ts. Messages and every other timeline event are items of
 * their own and need no cap.
 */
export const CASE_LIMITS = {
  /** Remedies recorded on one case (each up to ~4 KB: a 1,000-character note, a 256-character reference). */
  remedies: 20,
  /** Compensation offers made on one case, answered or not (each up to ~3.5 KB). */
  offers: 20,
  /**
   * Returns started on one case, at most one open at a time (each up to ~1.9 KB: two parcels with
   * their tracking); a further return offer is refused.
   */
  returns: 5,
} as const;

/**
 * Who opened a case, as the order's cap on open cases counts it: the buyer's side (a marketplace key relaying a
 * dispute, source BUYER), the seller's side (its own and its tools' keys; the late-order job's case about its
 * delay counts here too) or the platform (a marketplace or operator key opening a SYSTEM case). A SYSTEM case is
 * the seller's or the platform's by who opened it, so the party a platform case is about cannot use up its slots.
 */
export const CASE_OPENERS = ["BUYER", "SELLER", "PLATFORM"] as const satisfies readonly ActorRole[];
export type CaseOpener = (typeof CASE_OPENERS)[number];

/**
 * The order keeps the ids of its open cases in its own item (order risk reads them in one batch):
 * `openCase` stops at this many open cases opened by the side that opens one (`CASE_OPENERS`). Each side
 * counts only its own, so the system cases the seller's side opens never use up the slots the buyer's disputes
 * need, nor those of the platform's own system cases (a problem the marketplace detected on the order), nor the
 * other way round. The late-order job's one case is let past the seller's cap, so an order lists at most
 * `MAX_OPEN_CASE_IDS`.
 */
export const ORDER_CASE_LIMITS = {
  openCasesPerSide: 20,
  /**
   * Cases each side may open on one order in all, open or closed (`Order.casesOpened`). Without it a side could open
   * and end cases on one order without end, and every refund recorded with a reference, every settlement of a
   * buyer's delay claim and every case's `availableActions` reads all of the order's cases: thousands of them would
   * time those out. Counted per side like the open cases, so no side can use up another's. The late-order job's one
   * case is not counted.
   */
  casesPerSide: 50,
} as const;

/** The most ids an order's `openCaseIds` holds: every side at its cap, and the late-order job's case. */
export const MAX_OPEN_CASE_IDS = CASE_OPENERS.length * ORDER_CASE_LIMITS.openCasesPerSide + 1;

/** The action a list at its cap takes away from a caller with `roles`, for `availableActions` and for the refusal. */
export function atCap(
  c: Pick<Case, "remedies" | "offers" | "evidence">,
  action: CaseAction,
  roles: readonly ActorRole[],
): UserError | null {
  const side = sideOfAction(action);
  if (side) return evidenceAtCap(c, side, roles);
  if (action === "RECORD_REMEDY" && c.remedies.length >= CASE_LIMITS.remedies) {
    return userError("LIMIT_REACHED", text("refusal.limit.caseRemedies", { max: CASE_LIMITS.remedies }), [
      "input",
      "caseId",
    ]);
  }
  if (action === "MAKE_OFFER" && c.offers.length >= CASE_LIMITS.offers) {
    return userError("LIMIT_REACHED", text("refusal.limit.caseOffers", { max: CASE_LIMITS.offers }), [
      "input",
      "caseId",
    ]);
  }
  return null;
}

/**
 * What the given roles may do on this case now: the state machine's actions for its status, less
 * those whose list on the case is at its cap and, given the order and the instant, less those the
 * verbs would refuse whatever the input: answering or withdrawing an offer past its `expiresAt` (the case then reads
 * as the case-deadline job leaves it, `asReadAt`, as every other verb acts on it: a new offer or a resolution is
 * allowed), accepting an
 * offer larger than what is left of the order for its kind (refunds, or goodwill, on the order's other
 * cases may have used it up; a CANCELLED order has nothing left to refund) or a return offer on a cancelled order,
 * making an offer when nothing is left (goodwill is still left on a cancelled order), resolving as the seller with
 * no remedy on record to back an outcome (or, on a buyer's case, refunds short of its claim, or only a replacement,
 * which the seller cannot close a buyer's dispute with alone) and, for the
 * late-shipment case, not SHIPPED either (`shippedRefusal`, which needs the order and the instant), nor ORDER_CANCELLED
 * before the order is cancelled (`cancelledRefusal`).
 * `Case.availableActions` shows
 * exactly this; test/core/available-actions.test.ts checks it against the verbs. Given the order's other cases
 * (`otherCasesOfOrder`), a case about the delay counts their refunds toward its claim, as `resolveCase` does.
 */
export function actionsFor(args: {
  case: Case;
  roles: readonly ActorRole[];
  order?: Order | null;
  now?: Instant;
  otherCasesOfOrder?: OtherCases;
}): CaseAction[] {
  const pending = args.case.offers.find((o) => o.status === "PENDING");
  const expired = pending !== undefined && args.now !== undefined && hasLapsed(pending, args.now);
  // A lapsed offer is gone for every verb but those answering it (`afterLapse`, ./offers.ts: the expiry is recorded
  // first, as the case-deadline job would): the actions are those of the case as it reads at `now` (awaiting the
  // seller, no offer pending): answering or withdrawing the lapsed offer is not listed, the rest is as after the job.
  const c = expired && args.now !== undefined ? asReadAt({ case: args.case, now: args.now }) : args.case;
  const listed = new Set(availableActions(c.status, args.roles, isLateIncident(c)));
  return CASE_ACTIONS.filter((action) => listed.has(action)).filter((action) => {
    if (atCap(c, action, args.roles) !== null) return false;
    switch (action) {
      case "ACCEPT_OFFER":
      case "ACCEPT_RETURN_OFFER":
        // Which of the two the buyer's acceptance takes depends on the pending offer's kind.
        if (!pending || isReturnOffer(pending.kind) !== (action === "ACCEPT_RETURN_OFFER")) return false;
        // A return offer left pending on a dispute about goods never received is refused (returns/verbs.ts).
        if (action === "ACCEPT_RETURN_OFFER" && GOODS_NEVER_RECEIVED.includes(args.case.reason)) return false;
        // On a CANCELLED order nothing is left to refund (a money-back offer's amount is above it) and a return offer
        // is refused whatever its kind (returns/verbs.ts): the cancellation refunded the buyer.
        if (action === "ACCEPT_RETURN_OFFER" && args.order && refusedOnCancelled(args.order, []) !== null) return false;
        return !expired && !(args.order && pending.amount.amountMinor > leftForOffer(args.order, pending.kind));
      case "DECLINE_OFFER":
      case "WITHDRAW_OFFER":
        return !expired;
      case "MAKE_OFFER":
        return !args.order || anythingLeftToOffer(args.order);
      case "RESOLVE_BY_SELLER":
        return sellerCanSettle(c, args.order ?? null, args.now, args.otherCasesOfOrder);
      default:
        return true;
    }
  });
}
