import type { OrderStatus } from "../orders/shapes";
import { FACTOR_LABELS, type ActionCode } from "../risk/model";
import type { Formats } from "./formats";
import type { OrderState, RiskKey, Writers } from "./texts";

/** English: risk factor labels (the model's own, risk/model.ts) and explanations, recommended actions. */

export const ACTION_LABELS_EN: Record<ActionCode, string> = {
  CONTACT_BUYER: "Contact the buyer now: apologise honestly, explain and offer a solution",
  EXPEDITE_AND_SHIP:
    "Ship the order at once with faster shipping and accurate tracking; mark it expedited if it is not, " +
    "or again if marked before it was at risk",
  OFFER_COMPENSATION: "Offer compensation within policy (a coupon, a discount or a partial refund)",
  PLATFORM_SUPPORT_TICKET: "Contact platform support with the order and shipping records and record the ticket",
  GOODWILL_GESTURE: "Once the problem is solved, make a goodwill gesture (a discount or a coupon)",
  SHIP_BEFORE_DEADLINE: "Ship the order before its ship-by deadline, with a tracking number",
  SETTLE_RETURN:
    "Confirm the returned goods' receipt, then refund or ship the replacement before the return's deadline",
  POST_SELLER_MESSAGE: "Reply to the buyer on the case",
  RECORD_REMEDY: "Give a concrete solution: a refund, a replacement or a return and refund",
  MAKE_OFFER: "Make a compensation offer the buyer can accept",
  SUBMIT_EVIDENCE:
    "Submit your evidence to the platform: tracking proof, photos, the chat with the buyer, an inspection report",
  IMPROVE_LATE_SHIPMENT_RATE: "Ship every order before its ship-by deadline: work the late and at-risk queue daily",
  REDUCE_DISPUTE_RATE: "Prevent disputes: check quality and that listings match the items before shipping",
  REPLY_WITHIN_DEADLINE: "Answer every case before its respond-by deadline",
  SHIP_WITH_VALID_TRACKING: "Ship every order with a valid carrier tracking number",
  AVOID_SELLER_CANCELLATIONS:
    "Keep stock levels and listings accurate so that no paid order has to be cancelled on your side",
  REVIEW_VIOLATIONS: "Review the recorded violations; contact the platform operator to contest one",
};

const STATUS: Record<OrderStatus, string> = {
  AWAITING_SHIPMENT: "awaiting shipment",
  SHIPPED: "shipped",
  DELIVERED: "delivered",
  CANCELLED: "cancelled",
};

/**
 * A span given in hours, in words and whether it is one thing (for the verb): minutes below an hour ("2 minutes",
 * "less than a minute"), hours with one decimal from one on ("1 hour", "49.5 hours").
 */
function span(h: number): { words: string; one: boolean } {
  const minutes = Math.round(Math.abs(h) * 60);
  if (minutes < 1) return { words: "less than a minute", one: true };
  if (minutes < 60) return { words: count(minutes, "minute", "minutes"), one: minutes === 1 };
  const r = Math.round(Math.abs(h) * 10) / 10;
  return r === 1 ? { words: "1 hour", one: true } : { words: `${r.toFixed(1)} hours`, one: false };
}
const hoursWord = (h: number) => span(h).words;
/**
 * The time left, opening a sentence: "72.0 hours are left", "1 minute is left"; with `only`, "Only 1 hour is left"
 * (but "Less than a minute is left").
 */
const timeLeft = (h: number, only = false) => {
  const { words, one } = span(h);
  const said = `${words} ${one ? "is" : "are"} left`;
  if (only && !words.startsWith("less")) return `Only ${said}`;
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}`;
};
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where an order is once it left the queue: shipped (on time or late), delivered, cancelled. */
function state(p: OrderState, f: Formats): string {
  switch (p.status) {
    case "AWAITING_SHIPMENT":
      return "The order awaits shipment.";
    case "SHIPPED":
    case "DELIVERED":
      if (!p.shippedAt) return `The order is ${STATUS[p.status]}.`;
      return p.lateHours !== null && p.lateHours > 0
        ? `The order is ${STATUS[p.status]}; it shipped on ${f.dateTime(p.shippedAt)}, ${hoursWord(p.lateHours)} ` +
            "after its ship-by deadline."
        : `The order is ${STATUS[p.status]}; it shipped on ${f.dateTime(p.shippedAt)}, before its ship-by deadline.`;
    case "CANCELLED":
      return `The order was cancelled${p.cancelledAt ? ` on ${f.dateTime(p.cancelledAt)}` : ""}; it will not ship.`;
  }
}

export const enRisk: Writers<RiskKey> = {
  "risk.factorLabel": (p) => FACTOR_LABELS[p.code],
  "risk.action": (p) => ACTION_LABELS_EN[p.code],
  "risk.order.state": (p, f) => state(p, f),
  "risk.order.shipByOverdue": (p, f) =>
    `The order is ${hoursWord(p.hours)} past its ship-by deadline (${f.dateTime(p.shipBy)}) and has not shipped; ` +
    `every hour overdue adds more risk than an hour before the deadline, up to the full weight at ` +
    `${p.fullAfterHours} hours overdue.`,
  "risk.order.shipByFar": (p, f) =>
    `${timeLeft(p.hours)} to ship before the deadline (${f.dateTime(p.shipBy)}); the deadline only ` +
    `starts to count in its last ${p.horizonHours} hours.`,
  "risk.order.shipByNear": (p, f) =>
    `${timeLeft(p.hours, true)} to ship before the deadline (${f.dateTime(p.shipBy)}).`,
  "risk.order.handlingUsedUp": (p, f) =>
    `The order is not shipped and its whole handling time (placed ${f.dateTime(p.placedAt)}, ship by ` +
    `${f.dateTime(p.shipBy)}) is used up.`,
  "risk.order.handlingUsed": (p, f) =>
    `The order is not shipped yet and ${f.percent(p.usedPercent)} of its handling time (placed ` +
    `${f.dateTime(p.placedAt)}, ship by ${f.dateTime(p.shipBy)}) is used.`,
  "risk.order.expedited": (p, f) =>
    `The order is marked expedited${p.since ? ` (since ${f.dateTime(p.since)})` : ""}: ` +
    `${p.late ? "it is late, but being handled" : "it is being handled with priority"}.`,
  "risk.order.expeditedBeforeRisk": (p, f) =>
    `The order was marked expedited on ${f.dateTime(p.since)}, before its last ${p.windowHours} hours to ship: ` +
    (p.windowBegun
      ? "a mark made before the order was at risk does not show it is being handled, so it counts as not expedited" +
        `${p.late ? " now that the order is late" : ""}. Mark it expedited again to show it is.`
      : "such an early mark does not show it will be handled then. If it has not shipped when those hours begin, " +
        "mark it expedited again."),
  "risk.order.lateNotExpedited": () =>
    "The order is late and not marked expedited: the seller guide's second remedy step is to expedite it and ship " +
    "as soon as possible.",
  "risk.order.nearNotExpedited": (p) =>
    `The ship-by deadline is less than ${p.windowHours} hours away and the order is not marked expedited.`,
  "risk.order.farNotExpedited": (p) =>
    `The ship-by deadline is more than ${p.windowHours} hours away; expediting is not needed yet.`,
  "risk.order.lateRateIrrelevant": (p, f) => `${state(p, f)} The seller's late-shipment rate no longer matters for it.`,
  "risk.order.noShipments": () =>
    "Apart from this order, the seller shipped no orders and left none unshipped past its deadline in the last " +
    "30 days: there is no late-shipment rate to go by.",
  "risk.order.lateRate": (p) =>
    `In the last 30 days ${p.late} of the seller's ${count(p.counted, "other order", "other orders")} shipped or due ` +
    `went late ` +
    `(${p.ratePercent.toFixed(2)}%: shipped after their ship-by deadline, or not shipped by it); ` +
    `a seller who ships late tends to ship this order late too. The factor counts in full from ` +
    `${p.fullAtPercent.toFixed(0)}%.`,
  "risk.order.noOpenCases": () => "No case is open on this order.",
  "risk.order.openCases": (p) => {
    const parts = [
      p.escalated > 0 ? `${count(p.escalated, "case", "cases")} escalated to the platform` : null,
      p.disputes > 0 ? count(p.disputes, "buyer dispute", "buyer disputes") : null,
      p.system > 0 ? count(p.system, "late-shipment or system case", "late-shipment or system cases") : null,
    ].filter((part): part is string => part !== null);
    return (
      `The order has ${parts.join(", ")} open: an open case can still end in a refund or a platform decision ` +
      "against the seller."
    );
  },
  "risk.order.valueNoBaseline": (p, f) =>
    `${netValue(f.money(p.amount))}; the seller has no other settled sales in the last 30 days to compare it with.`,
  "risk.order.valueNotAtStake": (p, f) =>
    `${netValue(f.money(p.amount))}, ${p.ratio.toFixed(1)} times the seller's average order of the last 30 days ` +
    `(${f.money(p.average)}), both net of refunds; ` +
    (p.status === "CANCELLED"
      ? "with the order cancelled, nothing is settled for it: its value is not at stake."
      : `with the order ${STATUS[p.status]} and no case open, its value is not at stake.`),
  "risk.order.value": (p, f) =>
    `${netValue(f.money(p.amount))}, ${p.ratio.toFixed(1)} times the seller's average order of the last 30 days ` +
    `(${f.money(p.average)}), both net of refunds: the more is left to refund, the more a refund costs and the more ` +
    `the order weighs with the buyer. The factor counts from the average up, in full at ${p.fullAtMultiple} times it.`,
  "risk.order.valueRefunded": (p, f) =>
    `Nothing is left to refund on the order: of the ${f.money(p.paid)} the buyer paid, ${f.money(p.refunded)} was ` +
    `refunded${p.held ? ` and ${f.money(p.held)} is held for a return` : ""}; its value is no longer at stake.`,
};

/** ORDER_VALUE's amount: what the order can still cost in refunds, in its settlement currency. */
function netValue(amount: string): string {
  return `The order's settlement less its refunds (given, or held for a return) is ${amount}`;
}

/** The words the factors' `display` and the case sentences share with these (en-risk-factors.ts). */
export { count, hoursWord, STATUS as ORDER_STATUS_EN, timeLeft };
