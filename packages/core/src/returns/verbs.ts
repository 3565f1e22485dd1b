import { text } from "../i18n/texts";
import { checkWithinPaid, isReturnOffer, refundableMinor, refusedOnCancelled } from "../compensation";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { addMinor } from "../money";
import { checkVersion } from "../inputs";
import { moneyBack, type Order } from "../orders";
import { addMs, toMs, type Instant } from "../time";
import { changeOf, next, timelineText, type CaseVerbArgs, type TimelineText } from "../cases/change";
import { CASE_LIMITS } from "../cases/limits";
import { checkAction, nextOwed, type ActorRole, type CaseOutcome, type CaseStatus } from "../cases/machine";
import {
  defaultCaseRules,
  GOODS_NEVER_RECEIVED,
  type Case,
  type CaseEventType,
  type CaseRules,
  type Change,
  type CompensationOffer,
} from "../cases/shapes";
import type {
  CancelReturnInput,
  ConfirmReturnReceivedInput,
  RefundReturnInput,
  ShipReplacementInput,
  ShipReturnInput,
} from "./inputs";
import {
  checkReturnAction,
  isOpenReturn,
  RETURN_TRANSITIONS,
  ReturnRoleForbidden,
  returnActions,
  type ReturnAction,
} from "./machine";
import { authorise, isDue, moved, openReturnOf, type Return, withMissedDeadline } from "./shapes";

/**
 * The moves of a return, each one change of its case: the return's table (./machine.ts) checks
 * the side, the kind and the state, the case machine checks the case's move when the table names
 * one, and the case, its timeline event and (for a refund) the order are written together.
 */

function findReturn(c: Case, returnId: string): Result<Return> {
  const found = c.returns.find((r) => r.id === returnId);
  return found
    ? ok(found)
    : refuse(userError("NOT_FOUND", text("refusal.notFound", { what: "returnOnCase" }), ["input", "returnId"]));
}

const withReturn = (c: Case, r: Return): Return[] => c.returns.map((x) => (x.id === r.id ? r : x));

/** A return the buyer can no longer ship or cancel: past `shipBackBy`, even before the job has ended it. */
function lapsed(r: Return, now: Instant): UserError | null {
  if (r.status !== "AUTHORISED" || toMs(now) <= toMs(r.shipBackBy)) return null;
  return userError("INVALID_TRANSITION", text("refusal.return.lapsed", { shipBackBy: r.shipBackBy }), [
    "input",
    "returnId",
  ]);
}

interface MoveArgs {
  case: Case;
  input: { returnId: string; expectedVersion?: number | null };
  roles: readonly ActorRole[];
  now: Instant;
  action: ReturnAction;
  type: CaseEventType;
  summary: (r: Return) => TimelineText;
  /** Free text the acting side gave with the move: the timeline entry's body, redacted like a message's. */
  note?: string | null;
  shipment?: { carrier: string; trackingNumber: string };
  /** A refusal of the move's own, checked once the return and its state are known. */
  refusal?: (r: Return) => UserError | null;
  /** What else the case or the order takes in the same change. */
  effects?: (r: Return) => Result<{ fields?: Partial<Case>; order?: Order | null }>;
}

/** One move: version, side, the return and its state, the case's move, then the change. */
function move(args: MoveArgs): Result<Change> {
  const { case: c, now } = args;
  const version = checkVersion(c, args.input.expectedVersion);
  if (!version.ok) return version;
  const rule = RETURN_TRANSITIONS[args.action];
  if (!args.roles.includes(rule.role)) {
    throw new ReturnRoleForbidden(text("refusal.return.roleForbidden", { action: args.action, role: rule.role }));
  }
  const found = findReturn(c, args.input.returnId);
  if (!found.ok) return found;
  const before = found.value;
  const to = checkReturnAction({ status: before.status, kind: before.kind, action: args.action, roles: args.roles });
  if (!to.ok) return to;
  const refused = args.refusal?.(before);
  if (refused) return refuse(refused);
  let status = c.status;
  if (rule.caseAction) {
    const caseTo = checkAction(c.status, rule.caseAction, [rule.role]);
    if (!caseTo.ok) return caseTo;
    status = caseTo.value;
  }
  // A seller's step past its deadline records the deadline as missed (counted once, as the job would have), without
  // escalating: the seller has acted, and the buyer may still escalate.
  const from = rule.role === "SELLER" ? withMissedDeadline(before, now) : before;
  const after = moved({ return: from, to: to.value, now, shipment: args.shipment });
  const effects: Result<{ fields?: Partial<Case>; order?: Order | null }> = args.effects?.(after) ?? ok({});
  if (!effects.ok) return effects;
  const fields = { status, returns: withReturn(c, after), ...effects.value.fields };
  return ok(
    changeOf(
      c,
      next(c, now, fields),
      args.type,
      rule.role,
      now,
      args.summary(after),
      effects.value.order ?? null,
      args.note || null,
    ),
  );
}

const parcel = (s: { carrier: string; trackingNumber: string }) => ({
  carrier: s.carrier,
  trackingNumber: s.trackingNumber,
});
const resolvedAs = (outcome: CaseOutcome, now: Instant): Partial<Case> => ({ outcome, resolvedAt: now });

/** The buyer ships the goods back, with the parcel's tracking, before `shipBackBy`. */
export function shipReturn(args: CaseVerbArgs<ShipReturnInput>): Result<Change> {
  const { input } = args;
  return move({
    ...args,
    action: "SHIP_BACK",
    type: "RETURN_SHIPPED_BACK",
    shipment: { carrier: input.carrier, trackingNumber: input.trackingNumber },
    refusal: (r) => lapsed(r, args.now),
    summary: (r) => timelineText("timeline.returnShippedBack", { ...parcel(input), receiveBy: r.receiveBy! }),
  });
}

/** The seller confirms the goods arrived; the refund or the replacement is due by `settleBy`. */
export function confirmReturnReceived(args: CaseVerbArgs<ConfirmReturnReceivedInput>): Result<Change> {
  return move({
    ...args,
    action: "CONFIRM_RECEIPT",
    type: "RETURN_RECEIVED",
    summary: (r) => timelineText("timeline.returnReceived", { kind: r.kind, settleBy: r.settleBy! }),
  });
}

/**
 * The seller refunds a received return: the offer's amount moves into the order's refunded
 * total and its hold on the order is released (`holdsAfter`), checked again against what is left with its own
 * hold (a return accepted before holds were kept holds nothing, and another case of the order may have been
 * refunded since), and the case is resolved RETURNED_AND_REFUNDED. Never on a CANCELLED order: the cancellation
 * refunded the buyer (unreachable through the verbs, which cancel only orders not shipped, but never a second refund).
 */
export function refundReturn(args: CaseVerbArgs<RefundReturnInput> & { order: Order }): Result<Change> {
  const { order, now } = args;
  return move({
    ...args,
    action: "REFUND",
    type: "RETURN_REFUNDED",
    refusal: () => refusedOnCancelled(order, ["input", "returnId"]),
    effects: (r) => {
      const amountMinor = r.refund?.amountMinor ?? 0;
      // Its own hold is the return's to refund; no other hold is (`holdsAfter` releases it in the same change).
      const within = checkWithinPaid(order, amountMinor, ["input", "returnId"], r.id);
      if (!within.ok) return within;
      return ok({
        fields: resolvedAs("RETURNED_AND_REFUNDED", now),
        order: moneyBack(order, now, { refundedMinor: addMinor(order.refundedMinor, amountMinor) }),
      });
    },
    summary: (r) => timelineText("timeline.returnRefunded", { amount: r.refund ?? null }),
  });
}

/** The seller ships the replacement of a received exchange, with its tracking; the case is resolved REPLACED. */
export function shipReplacement(args: CaseVerbArgs<ShipReplacementInput>): Result<Change> {
  const { input, now } = args;
  return move({
    ...args,
    action: "SHIP_REPLACEMENT",
    type: "REPLACEMENT_SHIPPED",
    shipment: { carrier: input.carrier, trackingNumber: input.trackingNumber },
    effects: () => ok({ fields: resolvedAs("REPLACED", now) }),
    summary: () => timelineText("timeline.replacementShipped", parcel(input)),
  });
}

/** The buyer gives up a return not shipped yet: the seller must answer the case again (respondBy restarts). */
export function cancelReturn(args: CaseVerbArgs<CancelReturnInput>): Result<Change> {
  const { case: c, input, now } = args;
  const rules = args.rules ?? defaultCaseRules;
  return move({
    ...args,
    action: "CANCEL",
    type: "RETURN_CANCELLED",
    refusal: (r) => lapsed(r, now),
    effects: () =>
      ok({
        fields:
          c.status === "ESCALATED"
            ? {}
            : { respondBy: addMs(now, rules.respondWithinMs[c.reason]), responseOverdueAt: null },
      }),
    summary: () => timelineText("timeline.returnCancelled", {}),
    note: input.note,
  });
}

/**
 * What a return offer needs when it is made: a case about goods the buyer received (not `GOODS_NEVER_RECEIVED`),
 * goods that shipped (nothing to send back otherwise), room on the case for another return, and for an exchange no
 * amount (it moves no money: its amount is 0). Null when the offer is not a return offer.
 */
export function checkReturnOffer(args: {
  case: Pick<Case, "returns" | "reason">;
  order: Pick<Order, "status">;
  kind: CompensationOffer["kind"];
  amount: unknown;
  percentOff: number | null | undefined;
}): Result<{ amountMinor: number | null }> | null {
  if (!isReturnOffer(args.kind)) return null;
  if (GOODS_NEVER_RECEIVED.includes(args.case.reason)) {
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.return.goodsNeverReceived", { reason: args.case.reason }), [
        "input",
        "kind",
      ]),
    );
  }
  if (args.order.status !== "SHIPPED" && args.order.status !== "DELIVERED") {
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.return.needsGoods", { status: args.order.status }), [
        "input",
        "kind",
      ]),
    );
  }
  if (args.case.returns.length >= CASE_LIMITS.returns) {
    return refuse(
      userError("LIMIT_REACHED", text("refusal.limit.caseReturns", { max: CASE_LIMITS.returns }), ["input", "kind"]),
    );
  }
  if (args.percentOff != null)
    return refuse(userError("INVALID_INPUT", text("refusal.return.noPercentOff", {}), ["input", "percentOff"]));
  if (args.kind === "REPLACEMENT_WITH_RETURN") {
    if (args.amount)
      return refuse(userError("INVALID_INPUT", text("refusal.return.exchangeNoAmount", {}), ["input", "amount"]));
    return ok({ amountMinor: 0 });
  }
  return ok({ amountMinor: null });
}

/**
 * The buyer accepts a return offer: the return starts AUTHORISED and the case waits for it. No
 * money moves yet; a refund on receipt must fit in what is left of the order now, and is held on the order until
 * the return ends (`holdsAfter`, by `Cases.orderAfter`: the order is written with the case, under its version), so
 * no other refund of the order can use it up while the goods travel back.
 */
export function acceptReturnOffer(args: {
  case: Case;
  order: Order;
  offer: CompensationOffer;
  roles: readonly ActorRole[];
  now: Instant;
  rules?: CaseRules;
}): Result<Change> {
  const { case: c, offer, now } = args;
  const status = checkAction(c.status, "ACCEPT_RETURN_OFFER", args.roles);
  if (!status.ok) return status;
  // Offers made before return offers were refused on these disputes are still pending somewhere: accepting one
  // would ask the buyer to send back goods they never had, and stall the case until the return lapses.
  if (GOODS_NEVER_RECEIVED.includes(c.reason)) {
    return refuse(
      userError("INVALID_TRANSITION", text("refusal.return.acceptGoodsNeverReceived", { reason: c.reason }), [
        "input",
        "offerId",
      ]),
    );
  }
  // A return offer left pending on an order cancelled since: the buyer has its money back, nothing is to send back.
  const cancelled = refusedOnCancelled(args.order, ["input", "offerId"]);
  if (cancelled) return refuse(cancelled);
  const within = checkWithinPaid(args.order, offer.amount.amountMinor, ["input", "offerId"]);
  if (!within.ok) return within;
  if (!isReturnOffer(offer.kind)) throw new Error(`Offer ${offer.id} is not a return offer.`);
  const started = authorise({
    offer: { id: offer.id, kind: offer.kind, amount: offer.amount },
    now,
    rules: (args.rules ?? defaultCaseRules).returns,
  });
  const after = next(c, now, {
    status: status.value,
    offers: c.offers.map((o) => (o.id === offer.id ? { ...offer, status: "ACCEPTED" as const, answeredAt: now } : o)),
    returns: [...c.returns, started],
  });
  const summary = timelineText("timeline.returnOfferAccepted", { kind: offer.kind, shipBackBy: started.shipBackBy });
  return ok(changeOf(c, after, "OFFER_ACCEPTED", "BUYER", now, summary));
}

/** The returns as the platform's decision of the escalated case leaves them: an open one ends CANCELLED. */
export function voidedByDecision(c: Pick<Case, "returns">, now: Instant): Return[] {
  return c.returns.map((r) => {
    if (!isOpenReturn(r.status)) return r;
    const to = checkReturnAction({ status: r.status, kind: r.kind, action: "VOID", roles: ["OPERATOR"] });
    return to.ok ? moved({ return: r, to: to.value, now }) : r;
  });
}

/**
 * The case-deadline job's rule for the open return, when its deadline has passed: a return not
 * shipped back lapses (EXPIRED; the case awaits the buyer, or the seller while a buyer's message is
 * unanswered); a seller past `receiveBy` or `settleBy` is flagged once per deadline and the case is
 * escalated to the platform. Null when nothing is due.
 */
export function returnDeadline(args: { case: Case; now: Instant; rules?: CaseRules }): Change | null {
  const { case: c, now, rules } = args;
  const open = openReturnOf(c.returns);
  if (!open || !isDue(open, now)) return null;
  const action: ReturnAction = open.status === "AUTHORISED" ? "EXPIRE" : "FLAG_OVERDUE";
  const rule = RETURN_TRANSITIONS[action];
  const to = checkReturnAction({ status: open.status, kind: open.kind, action, roles: ["SYSTEM"] });
  const caseTo = rule.caseAction ? checkAction(c.status, rule.caseAction, ["SYSTEM"]) : null;
  if (!to.ok || !caseTo?.ok) return null;
  const after = moved({ return: open, to: to.value, now });
  if (action === "EXPIRE") {
    // A buyer's message unanswered during the return is still owed an answer (`nextOwed`): the case awaits the seller
    // again, its respondBy counted from shipBackBy as an offer's lapse counts from expiresAt (not from this run); the
    // return's own deadlines bound the seller until then, so the message's deadline was never watched.
    const status = nextOwed(c.status, "LAPSE_RETURN", c.unansweredBuyerMessages, caseTo.value);
    const owed = status !== caseTo.value && {
      respondBy: addMs(open.shipBackBy, (rules ?? defaultCaseRules).respondWithinMs[c.reason]),
      responseOverdueAt: null,
    };
    const fields = { status, returns: withReturn(c, after), ...owed };
    return changeOf(
      c,
      next(c, now, fields),
      "RETURN_EXPIRED",
      "SYSTEM",
      now,
      timelineText("timeline.returnExpired", { shipBackBy: open.shipBackBy }),
    );
  }
  const missed =
    open.status === "SHIPPED_BACK"
      ? timelineText("timeline.returnOverdue", { step: "RECEIVE", by: open.receiveBy! })
      : timelineText("timeline.returnOverdue", { step: "SETTLE", by: open.settleBy! });
  const fields = { status: caseTo.value, returns: withReturn(c, after), escalatedAt: c.escalatedAt ?? now };
  return changeOf(c, next(c, now, fields), "RETURN_OVERDUE", "SYSTEM", now, missed);
}

/**
 * What the given roles may do on a return now: its table's moves, less those the verbs would
 * refuse whatever the input: a move whose case move the case's status refuses (as `move` checks it),
 * shipping back or cancelling past `shipBackBy`, refunding more than is left of the order, or at all
 * on a CANCELLED order. `CaseReturn.availableActions` shows exactly this.
 */
export function returnActionsFor(args: {
  return: Return;
  /** The status of the return's case: refunding, replacing and cancelling move the case too. */
  caseStatus: CaseStatus;
  roles: readonly ActorRole[];
  order?: Pick<Order, "buyerTotal" | "refundedMinor" | "compensatedMinor" | "status" | "heldForReturns"> | null;
  now: Instant;
}): ReturnAction[] {
  const r = args.return;
  const left = args.order ? refundableMinor(args.order, r.id) : null;
  return returnActions({ status: r.status, kind: r.kind, roles: args.roles }).filter((action) => {
    const rule = RETURN_TRANSITIONS[action];
    if (rule.caseAction && !checkAction(args.caseStatus, rule.caseAction, [rule.role]).ok) return false;
    switch (action) {
      case "SHIP_BACK":
      case "CANCEL":
        return lapsed(r, args.now) === null;
      case "REFUND":
        if (args.order && refusedOnCancelled(args.order, []) !== null) return false;
        return left === null || (r.refund?.amountMinor ?? 0) <= left;
      default:
        return true;
    }
  });
}
