import type { ActorRole } from "../cases/machine";
import { OUTCOME, REASON } from "./en-risk-factors";
import type { Formats } from "./formats";
import type { Money } from "../money";
import type { TimelineKey, Writers } from "./texts";

/** English: the case timeline, one sentence per entry (the keys and their figures are in texts-timeline.ts). */

const words = (code: string) => code.toLowerCase().replaceAll("_", " ");

const SIDE: Record<ActorRole, string> = {
  SELLER: "seller",
  BUYER: "buyer",
  PLATFORM: "platform",
  SYSTEM: "system",
  OPERATOR: "operator",
};

const amountOf = (amount: Money | null, f: Formats) => (amount ? ` (${f.money(amount)})` : "");

export const enTimeline: Writers<TimelineKey> = {
  "timeline.openedLateShipment": (p, f) =>
    `Order ${p.marketplaceOrderId} passed its ship-by deadline (${f.dateTime(p.shipBy)}) without shipping.`,
  "timeline.opened": (p) => `Case opened by the ${SIDE[p.side]} side: ${REASON[p.reason]}.`,
  "timeline.message": (p) => `The ${SIDE[p.side]} side wrote.`,
  // An exchange moves no money: its amount (0) is left out.
  "timeline.offerMade": (p, f) =>
    `Offer made: ${words(p.kind)}${p.kind === "REPLACEMENT_WITH_RETURN" ? "" : ` of ${f.money(p.amount)}`}, ` +
    `valid until ${f.dateTime(p.expiresAt)}.`,
  "timeline.offerDeclined": (p) => `The buyer declined the ${words(p.kind)} offer.`,
  "timeline.offerAccepted": (p) => `The buyer accepted the ${words(p.kind)} offer; the case is resolved.`,
  "timeline.offerAcceptedCaseOpen": (p) =>
    `The buyer accepted the ${words(p.kind)} offer: the compensation step is done; the case stays open until the ` +
    "order ships with tracking or is cancelled.",
  "timeline.returnOfferAccepted": (p, f) =>
    `The buyer accepted the ${words(p.kind)} offer: the return is authorised, to be shipped back by ` +
    `${f.dateTime(p.shipBackBy)}.`,
  "timeline.offerWithdrawn": (p) => `The seller withdrew the ${words(p.kind)} offer.`,
  "timeline.offerExpired": (p) => `The ${words(p.kind)} offer expired unanswered.`,
  "timeline.responseOverdue": (p, f) => `No seller answer by ${f.dateTime(p.respondBy)}.`,
  "timeline.remedyRecorded": (p, f) => `Remedy recorded: ${words(p.kind)}${amountOf(p.amount, f)}.`,
  "timeline.escalated": (p) =>
    "Escalated to the platform." +
    (p.offerDeclined ? ` The pending ${words(p.offerDeclined)} offer counts as declined.` : ""),
  "timeline.resolved": (p, f) =>
    `Resolved: ${OUTCOME[p.outcome]}.` +
    (p.platformRefund ? ` The platform refunded the buyer ${f.money(p.platformRefund)} of the order.` : "") +
    (p.offerWithdrawn ? ` The pending ${words(p.offerWithdrawn)} offer is withdrawn.` : "") +
    (p.returnCancelled ? " The open return is cancelled." : ""),
  "timeline.closed": () => "Closed.",
  "timeline.evidenceSubmitted": (p) => `The ${SIDE[p.side]} submitted evidence: ${words(p.kind)}.`,
  "timeline.returnShippedBack": (p, f) =>
    `The buyer shipped the return back (${p.carrier} ${p.trackingNumber}); the seller confirms receipt by ` +
    `${f.dateTime(p.receiveBy)}.`,
  "timeline.returnReceived": (p, f) =>
    `The seller received the returned goods; the ${p.kind === "REFUND_WITH_RETURN" ? "refund" : "replacement"} ` +
    `is due by ${f.dateTime(p.settleBy)}.`,
  "timeline.returnRefunded": (p, f) =>
    `The seller refunded ${p.amount ? f.money(p.amount) : "nothing"} on receipt of the return; the case is resolved.`,
  "timeline.replacementShipped": (p) =>
    `The seller shipped the replacement (${p.carrier} ${p.trackingNumber}); the case is resolved.`,
  "timeline.returnCancelled": () => "The buyer cancelled the return.",
  "timeline.returnExpired": (p, f) => `The return was not shipped back by ${f.dateTime(p.shipBackBy)} and lapsed.`,
  "timeline.returnOverdue": (p, f) =>
    `The seller did not ${p.step === "RECEIVE" ? "confirm receipt" : "refund or replace"} by ${f.dateTime(p.by)}; ` +
    "the case is escalated to the platform.",
};
