import { text } from "../i18n/texts";
import { ok, refuse, userError, type Result, type UserError } from "../errors";
import { scaleMinor, type Money } from "../money";
import type { OrderStatus } from "../orders";

/**
 * Compensation policy, per order, across every case of the order (a late-shipment case and a dispute alike):
 * - money given back to the buyer (refunds, a PARTIAL_REFUND offer, a DISCOUNT on this order, a refund on a return's
 *   receipt) never exceeds what the buyer paid: at most paid − refunded (− what open refund returns hold) is left;
 * - goodwill (a coupon for a next purchase, a gift, free shipping) only fills what the buyer has not got back: refunds
 *   plus compensation never exceed what the buyer paid (design/api.md), so at most paid − refunded − held −
 *   compensated is left (a cancellation, which the marketplace refunds, is none of the order's refunds). Goodwill
 *   never reduces what can be refunded, though: a buyer given a coupon for a delay whose parcel is then lost is owed
 *   the whole price, and a return accepted for the whole price must still be refundable on receipt. That refund,
 *   owed after goodwill given first, is the one way the two together pass what was paid.
 * The order keeps both totals and every change to them is written under the order's version, in the same
 * transaction as the case change. Caps per kind of offer are configuration.
 *
 * A CANCELLED order has nothing left to refund: the marketplace's cancellation gave the buyer back what it paid (the
 * order settles nothing: `Stats.netSettledMinor`), so a refund, money-back offer or return's refund on record would pay
 * the buyer twice (`refusedOnCancelled`). Goodwill is no money back on the order and keeps its bound there.
 */

export const OFFER_KINDS = [
  "COUPON",
  "DISCOUNT",
  "PARTIAL_REFUND",
  "GIFT",
  "FREE_SHIPPING",
  "REFUND_WITH_RETURN",
  "REPLACEMENT_WITH_RETURN",
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/**
 * Offers that start a return when accepted (packages/core/src/returns): the money, if any, moves on
 * receipt of the goods, not on acceptance. A replacement moves no money: its amount is 0.
 */
export const RETURN_OFFER_KINDS = [
  "REFUND_WITH_RETURN",
  "REPLACEMENT_WITH_RETURN",
] as const satisfies readonly OfferKind[];
export type ReturnOfferKind = (typeof RETURN_OFFER_KINDS)[number];

export function isReturnOffer(kind: OfferKind): kind is ReturnOfferKind {
  return (RETURN_OFFER_KINDS as readonly OfferKind[]).includes(kind);
}

/**
 * Offers that, once accepted, give the buyer money on the order itself: part of the payment back, or a discount
 * on this order (the price of the goods lowered). An accepted one concedes a quality complaint as a refund does
 * (`Cases.resolvedForBuyer`). A coupon for a next purchase, a small gift or free shipping is a goodwill gesture: the
 * guide offers those to apologise for an inconvenience (表达歉意), not as its answer to a quality complaint (退款、换货).
 * Return offers are neither: their case resolves as RETURNED_AND_REFUNDED or REPLACED when the return completes.
 */
export const MONEY_BACK_OFFER_KINDS = ["PARTIAL_REFUND", "DISCOUNT"] as const satisfies readonly OfferKind[];

export function givesMoneyBack(kind: OfferKind): boolean {
  return (MONEY_BACK_OFFER_KINDS as readonly OfferKind[]).includes(kind);
}

export interface CompensationPolicy {
  /** Largest offer of each kind, in percent of what the buyer paid. */
  capPercent: Record<OfferKind, number>;
}

export const defaultCompensationPolicy: CompensationPolicy = {
  // A refund on receipt of the return may give back all that is left; a replacement gives no money.
  capPercent: {
    COUPON: 30,
    DISCOUNT: 50,
    PARTIAL_REFUND: 100,
    GIFT: 10,
    FREE_SHIPPING: 20,
    REFUND_WITH_RETURN: 100,
    REPLACEMENT_WITH_RETURN: 0,
  },
};

/** What an order has already given back, and what it holds for its open refund returns, in the order currency. */
export interface OrderMoney {
  buyerTotal: Money;
  refundedMinor: number;
  compensatedMinor: number;
  /** CANCELLED: the cancellation refunded the buyer, nothing is left to refund. */
  status: OrderStatus;
  /** By return id: each accepted refund return's amount until it is refunded or ends (`Returns.holdsAfter`). */
  heldForReturns: Readonly<Record<string, number>>;
}

/**
 * Offers the buyer takes as goodwill rather than money back: accepted, they add to the order's compensated total. A
 * DISCOUNT is not one: it lowers the price of this order, which is money back (`MONEY_BACK_OFFER_KINDS`), so it is
 * bounded by what is left to refund and, accepted, counts as refunded; as goodwill a full refund could be followed by
 * a discount on the same money.
 */
export const GOODWILL_OFFER_KINDS = ["COUPON", "GIFT", "FREE_SHIPPING"] as const satisfies readonly OfferKind[];

export function isGoodwillOffer(kind: OfferKind): boolean {
  return (GOODWILL_OFFER_KINDS as readonly OfferKind[]).includes(kind);
}

/** What the order holds for its open refund returns, less the hold of the return `except` names (its own refund). */
export function heldMinor(order: Pick<OrderMoney, "heldForReturns">, except: string | null = null): number {
  let held = 0;
  for (const [returnId, amountMinor] of Object.entries(order.heldForReturns))
    if (returnId !== except) held += amountMinor;
  return held;
}

/**
 * What can still be refunded on the order: what the buyer paid less what was refunded and what is held for its open
 * refund returns (a return's own hold is its to refund: `except` names it); nothing on a CANCELLED order. Goodwill
 * takes none of it.
 */
export function refundableMinor(order: OrderMoney, except: string | null = null): number {
  if (order.status === "CANCELLED") return 0;
  return Math.max(0, order.buyerTotal.amountMinor - order.refundedMinor - heldMinor(order, except));
}

/**
 * What goodwill can still be given on the order: what the buyer paid less what was refunded on it, what is held for
 * its open refund returns and the goodwill accepted, so that the order's refunds plus compensation never pass what the
 * buyer paid. A cancellation is not one of the order's refunds (the marketplace gave the price back, the order records
 * none): an apology for it is bounded as on any order.
 */
export function goodwillLeftMinor(order: OrderMoney): number {
  const paid = order.buyerTotal.amountMinor;
  return Math.max(0, paid - order.refundedMinor - heldMinor(order) - order.compensatedMinor);
}

/** What is left for an offer of this kind: goodwill, or money back (a replacement moves none). */
export function leftForOffer(order: OrderMoney, kind: OfferKind): number {
  return isGoodwillOffer(kind) ? goodwillLeftMinor(order) : refundableMinor(order);
}

/** Whether any offer could still be made on the order: goodwill or money back is left. */
export function anythingLeftToOffer(order: OrderMoney): boolean {
  return refundableMinor(order) > 0 || goodwillLeftMinor(order) > 0;
}

/**
 * Money back to the buyer (a refund remedy, a money-back or return offer, its acceptance, a return's refund) on a
 * CANCELLED order: refused, the cancellation already refunded the buyer. Null on any other order.
 */
export function refusedOnCancelled(order: Pick<OrderMoney, "status">, field: string[]): UserError | null {
  if (order.status !== "CANCELLED") return null;
  return userError("INVALID_TRANSITION", text("refusal.compensation.orderCancelled", {}), field);
}

const money = (order: OrderMoney, amountMinor: number): Money => ({ amountMinor, currency: order.buyerTotal.currency });

/**
 * Money back to the buyer may not pass what the buyer paid, less what was already refunded and what is held for the
 * order's open refund returns (but for the hold of the return `except` names, being refunded). A refusal that the
 * held money alone causes says so.
 */
export function checkWithinPaid(
  order: OrderMoney,
  amountMinor: number,
  field: string[],
  except: string | null = null,
): Result<true> {
  const left = refundableMinor(order, except);
  if (amountMinor <= left) return ok(true);
  const held = heldMinor(order, except);
  return refuse(
    userError(
      "AMOUNT_ABOVE_POLICY",
      held > 0 && amountMinor <= left + held
        ? text("refusal.compensation.heldForReturns", { held: money(order, held), left: money(order, left) })
        : text("refusal.compensation.abovePaid", { paid: order.buyerTotal, left: money(order, left) }),
      field,
    ),
  );
}

/** An offer, made or accepted, must fit in what is left for its kind: goodwill, or money back. */
export function checkOfferWithinPaid(
  order: OrderMoney,
  kind: OfferKind,
  amountMinor: number,
  field: string[],
): Result<true> {
  if (!isGoodwillOffer(kind)) return checkWithinPaid(order, amountMinor, field);
  const left = goodwillLeftMinor(order);
  if (amountMinor > left) {
    return refuse(
      userError(
        "AMOUNT_ABOVE_POLICY",
        text("refusal.compensation.goodwillAbovePaid", { paid: order.buyerTotal, left: money(order, left) }),
        field,
      ),
    );
  }
  return ok(true);
}

/** An offer must be within its kind's cap and within what is left of the order. */
export function checkOffer(
  order: OrderMoney,
  kind: OfferKind,
  amountMinor: number,
  policy: CompensationPolicy = defaultCompensationPolicy,
): Result<true> {
  const cap = scaleMinor({
    amountMinor: order.buyerTotal.amountMinor,
    numerator: policy.capPercent[kind],
    denominator: 100,
    rounding: "down",
  });
  if (amountMinor > cap) {
    return refuse(
      userError(
        "AMOUNT_ABOVE_POLICY",
        text("refusal.compensation.aboveCap", { kind, capPercent: policy.capPercent[kind], cap: money(order, cap) }),
        ["input", "amount"],
      ),
    );
  }
  return checkOfferWithinPaid(order, kind, amountMinor, ["input", "amount"]);
}
