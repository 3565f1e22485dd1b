import { text, type Text } from "../i18n/texts";
import { defaultCompensationPolicy, goodwillLeftMinor, leftForOffer, type CompensationPolicy } from "../compensation";
import { minorDigits, scaleMinor, type Money } from "../money";
import {
  countedShippedAt,
  defaultOrderRules,
  expediteMarkStands,
  isLate,
  shippedLate,
  type IncidentCause,
  type Order,
} from "../orders";
import { dayOf, daysBetween, type Instant } from "../time";

/**
 * The remedy plan for a late or forgotten order, from the seller guide's "forgot to ship"
 * section. Computed on read from the order (its incidents, expedite flag and shipment) and what the
 * seller did on the order's cases about the delay (`Cases.remedyEvidence`); the plan itself is never
 * stored, so it cannot go stale.
 *
 * Human error or unknown cause: contact and apologise → expedite and ship with tracking →
 * compensation within policy. System error, confirmed or suspected: platform support ticket first
 * (with the order and shipping records) → contact the buyer → a goodwill gesture once it is solved (NOT_DUE until the
 * order shipped with tracking).
 * Only a human error is admitted to the buyer as the seller's mistake: until the cause is known the
 * message apologises for the delay without saying whose fault it was.
 */

export type StepCode =
  | "CONTACT_BUYER"
  | "EXPEDITE_AND_SHIP"
  | "OFFER_COMPENSATION"
  | "PLATFORM_SUPPORT_TICKET"
  | "GOODWILL_GESTURE";

export type CompensationKind = "COUPON" | "DISCOUNT" | "PARTIAL_REFUND" | "GIFT" | "FREE_SHIPPING";

import {
  awaitingTrackingMessages,
  compensationMessages,
  contactTemplate,
  messages,
  type BuyerMessage,
  type OrderStanding,
} from "./templates";

export { compensationMessages, type BuyerMessage, type OfferSaid } from "./templates";

export interface SuggestedCompensation {
  kind: CompensationKind;
  /** Share of what the buyer paid, in percent. */
  percentOfOrder: number;
  /** The same in the order currency. */
  amount: Money;
}

/**
 * Where a step is. Only a compensation step waits on the buyer: once offered it is
 * AWAITING_BUYER until accepted (DONE); a declined, expired or withdrawn offer leaves it NOT_STARTED. A system
 * error's goodwill gesture is NOT_DUE until the problem is solved (`problemSolved`): the guide gives it "after the
 * problem is solved" (在问题解决后), so it is no to-do before, and nothing recommends it.
 */
export type StepStatus = "NOT_DUE" | "NOT_STARTED" | "AWAITING_BUYER" | "DONE";

/**
 * Whether the delay's problem is solved: the order shipped with tracking. Until then a system error's goodwill
 * gesture is not due.
 */
export function problemSolved(order: Pick<Order, "shippedAt" | "trackingNumber">): boolean {
  return order.shippedAt !== null && order.trackingNumber !== null;
}

export interface RemedyStep {
  code: StepCode;
  /** What the seller should do, in one sentence (written in the reader's language by the API). */
  instruction: Text;
  /** Ready-to-send messages for the buyer: English, and the buyer's language where known. */
  buyerMessages: BuyerMessage[];
  suggestedCompensation: SuggestedCompensation | null;
  status: StepStatus;
  /** `status === "DONE"`, kept for clients written before `status`. */
  done: boolean;
  doneAt: Instant | null;
}

export interface RemedyPlan {
  /** The cause the plan follows: the latest recorded incident's, UNKNOWN when none is recorded. */
  cause: IncidentCause;
  /**
   * Calendar days late in the seller's time zone: from `shipBy`'s local date to the local date of the counted shipment
   * (or now while unshipped). A shipment 2 hours late across the seller's midnight is 1 day late; one late on the day
   * `shipBy` falls on is 0, as is one not late. A DST day of 23 or 25 hours is one day like any other.
   */
  daysLate: number;
  steps: RemedyStep[];
  /** True when every step is done. */
  complete: boolean;
}

/**
 * What the seller did about the delay on the order's cases (`Cases.remedyEvidence`: the late-shipment case, and the
 * buyer's disputes about the delay through the order's `delayRemedies`); empty until there is any.
 */
export interface CaseEvidence {
  sellerContactedAt?: Instant | null;
  compensationAcceptedAt?: Instant | null;
  /** When the offer still waiting for the buyer's answer was made; null when none waits. */
  compensationOfferedAt?: Instant | null;
  supportTicketAt?: Instant | null;
  /**
   * The order's late-shipment case is resolved or closed: an offer not made on it can no longer be (the order gets no
   * second one), so the plan shows no such step.
   */
  lateCaseClosed?: boolean;
}

export interface RemedyRules {
  /** Compensation suggested on the first day late, in percent of the order. */
  basePercent: number;
  /** Added per further day late. */
  percentPerDay: number;
  /**
   * Where the growth per day stops. On a small order the suggestion's floor of one whole currency unit can lie
   * above it (20 % of a 1.50 order is 0.30; the coupon suggested is 0.45, the coupon cap's 30 %): the compensation
   * policy's cap for the kind, which `Compensation.checkOffer` applies again when the offer is made, is the one the
   * suggestion never passes.
   */
  maxPercent: number;
}

export const defaultRemedyRules: RemedyRules = { basePercent: 5, percentPerDay: 5, maxPercent: 20 };

/**
 * When the order's delay began, from which the seller's remedies count: its `shipBy`, or an incident recorded before
 * it. Null when the order needs no plan (`remedyPlan`). A reply sent while the order was still on time is no apology
 * for a delay that came later, nor is a coupon given then a compensation for it.
 */
export function delayBeganAt(order: Order, now: Instant): Instant | null {
  if (!needsPlan(order, now)) return null;
  const firstIncident = order.incidents[0]?.recordedAt;
  return firstIncident && firstIncident < order.shipBy ? firstIncident : order.shipBy;
}

function needsPlan(order: Order, now: Instant): boolean {
  if (order.status === "CANCELLED") return false;
  const incidentBeforeShipment = order.incidents.length > 0 && order.status === "AWAITING_SHIPMENT";
  return isLate(order, now) || order.lateFlaggedAt !== null || shippedLate(order) === true || incidentBeforeShipment;
}

/**
 * Calendar days from `shipBy`'s date to the date of `lateUntil`, both on the seller's calendar (`timeZone`, as its
 * counters count days: `dayOf`); 0 when `lateUntil` is not on a later day.
 */
function daysLateUntil(shipBy: Instant, lateUntil: Instant, timeZone: string): number {
  return Math.max(0, daysBetween(dayOf(shipBy, timeZone), dayOf(lateUntil, timeZone)));
}

/**
 * The plan for an order, or null when the order needs none: not late, never flagged late, and no incident while it
 * awaits shipment. An incident on an order that then shipped on time caused no delay: nothing to apologise or
 * compensate for. `timeZone` is the seller's (`Seller.timeZone`): the days late, and so the compensation suggested,
 * are counted on its calendar.
 * @example remedyPlan(forgottenOrder, now, "Asia/Shanghai")?.steps[0]?.code // "CONTACT_BUYER"
 */
export function remedyPlan(
  order: Order,
  now: Instant,
  timeZone: string,
  evidence: CaseEvidence = {},
  rules: RemedyRules = defaultRemedyRules,
): RemedyPlan | null {
  if (!needsPlan(order, now)) return null;

  const latest = order.incidents.at(-1);
  const cause: IncidentCause = latest?.cause ?? "UNKNOWN";
  const lateUntil = countedShippedAt(order) ?? now;
  // The seller's calendar days, not 24-hour blocks: 2 hours late across its midnight is 1 day (the schema's words).
  const daysLate = daysLateUntil(order.shipBy, lateUntil, timeZone);
  const compensation = suggestCompensation(order, daysLate, rules);
  const language = buyerLanguage(order.buyerCountry);
  // Any incident that carries a ticket: a SYSTEM_ERROR's, or one recorded later for a suspected fault.
  const ticket = order.incidents.find((i) => i.supportTicketRef);
  const shipped = problemSolved(order);
  const standing = orderStanding(order, now);

  const contact: RemedyStep = {
    code: "CONTACT_BUYER",
    instruction: text("remedy.contactBuyer", { cause }),
    buyerMessages:
      standing === "SHIPPED_AWAITING_TRACKING"
        ? awaitingTrackingMessages(language, {
            order: order.marketplaceOrderId,
            shippedAt: countedShippedAt(order) ?? now,
            carrier: order.carrier,
            buyerCountry: order.buyerCountry,
          })
        : messages(language, contactTemplate(cause, standing), {
            order: order.marketplaceOrderId,
            ticket: ticket?.supportTicketRef ?? "",
            tracking: order.trackingNumber ?? "",
            carrier: order.carrier ?? "",
          }),
    suggestedCompensation: null,
    ...progress(evidence.sellerContactedAt),
  };
  const expedite: RemedyStep = {
    code: "EXPEDITE_AND_SHIP",
    // "Is expedited" only while the mark stands: one made before the order was at risk is to be made again (as the
    // EXPEDITE factor and the advice say, and `expediteOrder` takes it).
    instruction: text("remedy.expedite", {
      shipBy: order.shipBy,
      expedited: expediteMarkStands(order, now, defaultOrderRules.atRiskWindowMs),
    }),
    buyerMessages: messages(language, "tracking", {
      order: order.marketplaceOrderId,
      tracking: order.trackingNumber ?? "<tracking number>",
      carrier: order.carrier ?? "<carrier>",
    }),
    suggestedCompensation: null,
    // Done when the shipment counts, as `daysLate` reads it: a `shippedAt` reported once shipBy had passed is not.
    ...progress(shipped ? countedShippedAt(order) : null),
  };
  const offer = (code: "OFFER_COMPENSATION" | "GOODWILL_GESTURE"): RemedyStep => ({
    code,
    // The sentence carries the suggestion's own figures, so it always says what suggestedCompensation holds.
    instruction: compensation
      ? text(code === "OFFER_COMPENSATION" ? "remedy.offerCompensation" : "remedy.goodwillGesture", {
          kind: compensation.kind,
          amount: compensation.amount,
          percent: compensation.percentOfOrder,
        })
      : text("remedy.nothingLeftToOffer", {}),
    buyerMessages: compensation
      ? compensationMessages(language, { order: order.marketplaceOrderId, ...compensation })
      : [],
    suggestedCompensation: compensation,
    ...progress(evidence.compensationAcceptedAt, evidence.compensationOfferedAt),
  });

  const supportFirst = cause === "SYSTEM_ERROR" || cause === "SUSPECTED_PLATFORM_ERROR";
  const planned: RemedyStep[] = supportFirst
    ? [
        {
          code: "PLATFORM_SUPPORT_TICKET",
          instruction: text("remedy.platformSupportTicket", {}),
          buyerMessages: [],
          suggestedCompensation: null,
          ...progress(ticket?.recordedAt ?? evidence.supportTicketAt),
        },
        contact,
        expedite,
        notDueUntil(shipped, offer("GOODWILL_GESTURE")),
      ]
    : [contact, expedite, offer("OFFER_COMPENSATION")];
  // With nothing the policy lets the seller offer, an offer not yet made is no step: the plan can still be
  // completed, and no one is told to make an offer that would be refused. Before `shipBy` there is no delay to
  // compensate (a problem found while there is still time), and once the late-shipment case is closed there is no
  // case left to make it on: no offer step either. One made or accepted stays.
  const noOffer = standing === "BEFORE_SHIP_BY" || evidence.lateCaseClosed === true;
  const steps = planned.filter(
    (s) => !isOfferStep(s) || s.done || s.status === "AWAITING_BUYER" || (s.suggestedCompensation && !noOffer),
  );
  return { cause, daysLate, steps, complete: steps.every((s) => s.done) };
}

/**
 * Where the order stands for the buyer: shipped with tracking; shipped with no tracking number yet (a plan is only
 * for a shipment counted late: it shipped, late, and the number follows); still before `shipBy` (not late, never
 * flagged late, a problem found while there is still time); or late and unshipped.
 */
function orderStanding(order: Order, now: Instant): OrderStanding {
  if (problemSolved(order)) return "SHIPPED";
  if (order.shippedAt !== null) return "SHIPPED_AWAITING_TRACKING";
  const beforeShipBy = order.status === "AWAITING_SHIPMENT" && !isLate(order, now) && order.lateFlaggedAt === null;
  return beforeShipBy ? "BEFORE_SHIP_BY" : "LATE_UNSHIPPED";
}

const isOfferStep = (step: RemedyStep) => step.code === "OFFER_COMPENSATION" || step.code === "GOODWILL_GESTURE";

/** The step as it stands, or NOT_DUE while it is not started and its condition (`due`) is not met yet. */
function notDueUntil(due: boolean, step: RemedyStep): RemedyStep {
  return !due && step.status === "NOT_STARTED" ? { ...step, status: "NOT_DUE" } : step;
}

/** A step's status from when it was done and, for offers, when the offer awaiting the buyer was made. */
function progress(
  doneAt: Instant | null | undefined,
  awaitingSince?: Instant | null,
): Pick<RemedyStep, "status" | "done" | "doneAt"> {
  if (doneAt) return { status: "DONE", done: true, doneAt };
  return { status: awaitingSince ? "AWAITING_BUYER" : "NOT_STARTED", done: false, doneAt: null };
}

/**
 * A small compensation that grows with the delay (`daysLate`: the seller's calendar days late, as `remedyPlan` counts
 * them): a coupon up to 3 days late, a discount on the order beyond, as the guide says ("提供额外的优惠或折扣",
 * "提供一定的折扣或优惠") and the step's label promises. Always one the seller can offer as suggested: within the
 * policy's cap for its kind and within what is left of the order for that kind (`Compensation.checkOffer`: goodwill
 * for a coupon, what is left to refund for a discount, which is money back), and its percent is the share the amount
 * is. Null when the policy leaves nothing to offer: that kind's room is used up, or the kind's cap rounds down to
 * nothing on a very small order.
 */
export function suggestCompensation(
  order: Order,
  daysLate: number,
  rules: RemedyRules = defaultRemedyRules,
  policy: CompensationPolicy = defaultCompensationPolicy,
): SuggestedCompensation | null {
  const kind = daysLate <= 3 ? "COUPON" : "DISCOUNT";
  const total = order.buyerTotal.amountMinor;
  const percent = Math.min(rules.maxPercent, rules.basePercent + rules.percentPerDay * Math.max(0, daysLate - 1));
  if (kind === "DISCOUNT") return suggestDiscount(order, percent, policy);
  const share = scaleMinor({ amountMinor: total, numerator: percent, denominator: 100, rounding: "half-up" });
  // At least one whole unit of the currency: a 0.30 coupon reads as an insult, not an apology...
  const atLeast = Math.max(share, 10 ** minorDigits(order.buyerTotal.currency));
  // ...but never more than the policy lets the seller offer, nor than is left of the order.
  const cap = scaleMinor({
    amountMinor: total,
    numerator: policy.capPercent[kind],
    denominator: 100,
    rounding: "down",
  });
  const amountMinor = Math.min(atLeast, cap, goodwillLeftMinor(order));
  if (amountMinor <= 0) return null;
  // The share in whole percent, and never 0 % beside money offered: the last of a large order's goodwill (25 of
  // 9,000) is under half a percent, and "0 % of the order" would read as nothing.
  const shareOfTotal = scaleMinor({ amountMinor, numerator: 100, denominator: total, rounding: "half-up" });
  return {
    kind,
    percentOfOrder: amountMinor === share ? percent : Math.max(1, shareOfTotal),
    amount: { amountMinor, currency: order.buyerTotal.currency },
  };
}

/**
 * A discount is offered as a whole percent off the order (`percentOff`), its amount rounded down
 * (`Cases.makeOffer`): the suggestion is such a percent, so the amount it names is the one the offer makes.
 * At least one whole unit of the currency where the cap allows, never above the policy's cap for a discount
 * nor above what is left to refund on the order (a discount is money back: `Compensation.leftForOffer`, as
 * `checkOffer` bounds it); null when no whole percent fits (little or nothing left).
 */
function suggestDiscount(order: Order, percent: number, policy: CompensationPolicy): SuggestedCompensation | null {
  const total = order.buyerTotal.amountMinor;
  if (total <= 0) return null; // a free order: nothing to take a percent of
  const currency = order.buyerTotal.currency;
  const oneUnit = Math.ceil((10 ** minorDigits(currency) * 100) / total);
  const leftPercent = scaleMinor({
    amountMinor: leftForOffer(order, "DISCOUNT"),
    numerator: 100,
    denominator: total,
    rounding: "down",
  });
  const percentOff = Math.min(Math.max(percent, oneUnit), policy.capPercent.DISCOUNT, leftPercent);
  if (percentOff <= 0) return null;
  const amountMinor = scaleMinor({ amountMinor: total, numerator: percentOff, denominator: 100, rounding: "down" });
  if (amountMinor <= 0) return null;
  return { kind: "DISCOUNT", percentOfOrder: percentOff, amount: { amountMinor, currency } };
}

const LANGUAGE_BY_COUNTRY: Record<string, string> = {
  ES: "es",
  MX: "es",
  AR: "es",
  CL: "es",
  CO: "es",
  PE: "es",
  UY: "es",
  EC: "es",
  FR: "fr",
  BE: "fr",
  LU: "fr",
  MC: "fr",
  DE: "de",
  AT: "de",
  LI: "de",
  BR: "pt",
  PT: "pt",
  RU: "ru",
  BY: "ru",
  KZ: "ru",
};

/** The buyer's likely language from the country; English where we have no better guess. */
export function buyerLanguage(country: string): string {
  return LANGUAGE_BY_COUNTRY[country] ?? "en";
}
