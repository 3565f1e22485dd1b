import type { CaseOpener } from "../cases/limits";
import type { ActorRole, CaseAction } from "../cases/machine";
import type { StepCode } from "../remedies";
import type { ReturnAction } from "../returns/machine";
import type { AddressCategory } from "../webhooks/addresses";
import { REASON } from "./en-risk-factors";
import { aViolation } from "./en-words";
import type { RefusalKey, Writers } from "./texts";
import type { ChangedWhat, CursorProblem, ForbiddenRule, KeyGrantRule, SettlementAmountWhat } from "./texts-errors";

/** English: the refusals rules word themselves (keys and figures in texts-errors.ts). */

/** `PARTIAL_REFUND` → "partial refund": a code read as words. */
const words = (code: string) => code.toLowerCase().replaceAll("_", " ");

const caseAction = (action: CaseAction) => words(action);
const returnAction = (action: ReturnAction) => `${words(action)} on a return`;

/** A remedy-plan step, as a refusal names one still to do. */
const STEP_WORDS: Record<StepCode, string> = {
  PLATFORM_SUPPORT_TICKET: "contact platform support and record the ticket",
  CONTACT_BUYER: "contact the buyer (a message or an apology)",
  EXPEDITE_AND_SHIP: "ship with tracking",
  OFFER_COMPENSATION: "offer compensation",
  GOODWILL_GESTURE: "make a goodwill gesture",
};

/** The cases each side's caps count (`Cases.CASE_OPENERS`). */
const OPEN_CASES_OF: Record<CaseOpener, string> = {
  BUYER: "buyer cases (source BUYER)",
  SELLER: "system cases (source SYSTEM) opened by the seller's side",
  PLATFORM: "system cases (source SYSTEM) opened by the platform",
};

const ORDER_CURRENCY = {
  offer: (c: string) => `Offers are in the order currency ${c}.`,
  refund: (c: string) => `Refunds are in the order currency ${c}.`,
  claim: (c: string) => `The claim must be in the order currency ${c}.`,
  itemPrice: (c: string) => `Item prices must be in the order currency ${c}.`,
};

const SETTLEMENT_AMOUNT: Record<SettlementAmountWhat, string> = {
  settlementAmount: "The settlement amount",
  depositAmount: "The deposit amount",
  salesTarget: "The sales target",
  minMonthlySales: "The minimum monthly sales",
};

const CHANGED: Record<ChangedWhat, string> = {
  order: "The order changed while this request was running; reload it and retry.",
  case: "The case or its order changed while this request was running; reload and retry.",
  deposit: "The deposit changed while this request was running; reload it and retry.",
  application: "The application or its deposit changed while this request was running; reload and retry.",
  violation: "The violation changed while this request was running; reload it and retry.",
  endpoint: "The endpoint changed while this request was running; reload it and retry.",
  redeliveries: "The event was redelivered to the endpoint while this request was running; read the log and retry.",
  seller: "The seller's settings changed while this request was running; reload them and retry.",
};

/** An address kind in words, with its article ("an IPv4-mapped"): the kind's code stays in the API's fields. */
const ADDRESS: Record<AddressCategory, string> = {
  public: "a public",
  unspecified: "an unspecified",
  loopback: "a loopback",
  private: "a private-network",
  carrierGradeNat: "a carrier-grade NAT",
  linkLocal: "a link-local",
  multicast: "a multicast",
  uniqueLocal: "a unique local",
  ipv4Mapped: "an IPv4-mapped",
  reserved: "a reserved",
};

const GRANT: Record<KeyGrantRule, string> = {
  sellerNeedsSeller: "A seller key needs the seller it acts for.",
  sellerNoGrant: "A seller key has no partner grant.",
  partnerAtLeastOne: "A partner key is granted at least one seller.",
  partnerUsesSellerIds: "A partner key names its sellers in sellerIds.",
  partnerNotAll: "A partner key acts for the sellers it is granted, never for all of them.",
  marketplaceUsesSellerIds: "A marketplace key names its sellers in sellerIds, or takes allSellers.",
  marketplaceNoAccess: "A marketplace key speaks for buyers and the platform; it has no seller access level.",
  allOrList: "Give either allSellers or sellerIds, not both.",
  marketplaceNeedsGrant: "A marketplace key is granted allSellers or at least one seller.",
  operatorNoGrant: "An operator key acts for every seller and takes no grant.",
};

const CURSOR: Record<CursorProblem, string> = {
  malformed: "The cursor is malformed; use a cursor exactly as a previous page returned it.",
  altered: "The cursor was altered or was not issued by this API.",
  otherList: "The cursor belongs to a different list or filter; start again without `after`.",
  outOfRange: "The cursor points outside what this list reads now; start again without `after`.",
};

const FORBIDDEN: Record<ForbiddenRule, string> = {
  readOnly: "This credential is read-only for that seller.",
  sellerMissing: "No such seller for this credential.",
  operatorsListSellers: "Only operators list every seller.",
  operatorsCreateSellers: "Only operators create sellers.",
  operatorsManageKeys: "Only operators manage API keys.",
  operatorsReviewRefunds: "Only operators review deposit refund applications.",
  operatorsRecordDeposits:
    "Deposit terms (amount, kind, term, sales target) are the platform's: only operators record deposits; " +
    "sellers read them and apply for refunds.",
  operatorsRecordViolations: "Only operators record violations.",
  operatorsVoidViolations: "Only operators void violations.",
  operatorsDecideRefunds: "Only operators decide deposit refunds.",
  sellerAppliesForRefund: "Refunds are applied for by the seller (or its partner tool) and decided by operators.",
  depositsNotForMarketplace:
    "Deposits are between the seller and the platform's operators: marketplace keys do not read them.",
  webhooksNotForMarketplace: "Webhook endpoints are the seller's side and the platform's: marketplace keys have none.",
  platformWebhooksOperatorsOnly: "The platform's webhook endpoints are the operators' alone.",
  mayNotRedeliver: "This credential may not redeliver.",
  platformReportsTracking:
    "Only the platform (a marketplace or operator key) reports a tracking number the carrier does not know, or " +
    "withdraws such a report.",
};

/** The side an action belongs to, as a refusal names it ("the buyer side", "an operator"). */
const sideOf = (role: ActorRole) => (role === "OPERATOR" ? "an operator" : `the ${role.toLowerCase()} side`);

const NOT_FOUND = {
  offerOnCase: "No such offer on this case.",
  returnOnCase: "No such return on this case.",
  webhookEndpoint: "No such webhook endpoint.",
  endpoint: "No such endpoint.",
  event: "No such event (events are kept 30 days).",
};

const LIMITED_NEEDS = {
  termStart: "A limited-term deposit needs the start of its term.",
  termEnd: "A limited-term deposit needs the end of its term.",
  salesTarget: "A limited-term deposit needs a sales target for its term.",
};

export const enErrors: Writers<RefusalKey> = {
  "refusal.compensation.aboveCap": (p, f) =>
    `A ${words(p.kind)} offer is capped at ${f.percent(p.capPercent)} of the order (${f.money(p.cap)}).`,
  "refusal.compensation.abovePaid": (p, f) =>
    `Refunds on this order cannot exceed what the buyer paid (${f.money(p.paid)}): ` +
    `at most ${f.money(p.left)} is left to refund.`,
  "refusal.compensation.heldForReturns": (p, f) =>
    `${f.money(p.held)} of this order is held for the refund of an open return the buyer accepted, until the ` +
    `return is refunded or ends: at most ${f.money(p.left)} is left to refund on the order now.`,
  "refusal.compensation.goodwillAbovePaid": (p, f) =>
    `Refunds (and money held for open refund returns) plus coupons, gifts and free shipping on this order cannot ` +
    `exceed what the buyer paid (${f.money(p.paid)}): at most ${f.money(p.left)} is left for goodwill.`,
  "refusal.compensation.orderCancelled": () =>
    "This order was cancelled: the cancellation already refunded the buyer what they paid, so nothing more can be " +
    "refunded on it, nor offered as money back. A coupon, a gift or free shipping can still be offered, within what " +
    "the refunds recorded before the cancellation and the goodwill given leave of the price.",
  "refusal.currency.order": (p) => ORDER_CURRENCY[p.what](p.currency),
  "refusal.currency.settlement": (p) =>
    `${SETTLEMENT_AMOUNT[p.what]} must be in the seller's settlement currency ${p.currency}` +
    `${p.given ? `, not ${p.given}` : ""}.`,
  "refusal.currency.deposit": (p) => `The refund must be in the deposit's currency ${p.currency}, not ${p.given}.`,
  "refusal.time.future": (p) => `${p.field} cannot be in the future.`,
  "refusal.time.mustBeFuture": (p) => `${p.field} must be in the future.`,
  "refusal.order.shipByAfterPlaced": () => "shipBy must be after placedAt.",
  "refusal.order.shippedBeforePlaced": () => "shippedAt cannot be before the order was placed.",
  "refusal.order.deliveredBeforeShipped": () => "deliveredAt cannot be before the order was shipped.",
  "refusal.deposit.termEndAfterStart": () => "termEnd must be after termStart.",
  "refusal.deposit.termEndAfterPaid": () =>
    "termEnd must be after paidAt: a term that ended before the deposit was paid would count sales made while no " +
    "deposit was held.",
  "refusal.deposit.termStartBeforePaid": () =>
    "termStart must not be before paidAt: only sales made while the deposit is held count toward its term. " +
    "Start the term when the deposit was paid, or later.",

  "refusal.limit.caseRemedies": (p) =>
    `A case keeps at most ${p.max} remedies; this one has reached that cap. Resolve or escalate the case instead.`,
  "refusal.limit.caseOffers": (p) =>
    `A case keeps at most ${p.max} compensation offers; this one has reached that cap. Resolve or escalate the ` +
    "case instead.",
  "refusal.limit.caseReturns": (p) =>
    `A case keeps at most ${p.max} returns; this one has reached that cap. Offer a refund or escalate instead.`,
  "refusal.limit.caseEvidence": (p) =>
    `A case keeps at most ${p.max} pieces of ${words(p.side)} evidence; this side has reached that cap.`,
  "refusal.limit.casePlatformEvidence": (p) =>
    `A marketplace submits at most ${p.max} pieces of the platform's evidence on a case, and has reached that cap; ` +
    `the other ${p.forOperators} are kept for the operator who decides the case.`,
  "refusal.limit.orderOpenCases": (p) =>
    `An order has at most ${p.max} open ${OPEN_CASES_OF[p.side]} at a time; resolve one of them first.`,
  "refusal.limit.orderCases": (p) =>
    `An order takes at most ${p.max} ${OPEN_CASES_OF[p.side]} in all, open or closed, and this one has reached that ` +
    "cap; ask the platform's operators to look at the order.",
  "refusal.limit.orderIncidents": (p) => `An order keeps at most ${p.max} incidents; this one has reached that cap.`,
  "refusal.limit.webhookEndpoints": (p) => `A scope has at most ${p.max} endpoints; update or reuse one instead.`,
  "refusal.limit.webhookEndpointsPerTool": (p) =>
    `A partner tool has at most ${p.max} endpoints per seller; update or delete one of yours.`,

  "refusal.order.transition": (p) =>
    `Cannot ${p.action} an order that is ${p.status}; only from ${p.allowed.join(" or ")}.`,
  "refusal.order.expediteFrom": (p) => `Cannot expedite an order that is ${p.status}; only from AWAITING_SHIPMENT.`,
  "refusal.order.alreadyExpedited": (p, f) =>
    `The order is already expedited${p.since ? ` (since ${f.dateTime(p.since)})` : ""}.` +
    (p.markAgainFrom
      ? ` That mark was made before the order was at risk; it can be marked again from ${f.dateTime(p.markAgainFrom)}.`
      : ""),
  "refusal.order.handlingOrShipBy": () => "Give either handlingDays or shipBy, exactly one of them.",
  "refusal.order.handlingTooLong": (p) => `Handling time is at most ${p.maxDays} days.`,
  "refusal.order.shipByTooLate": (p) => `shipBy is at most ${p.maxDays} days after placedAt.`,
  "refusal.order.systemErrorTicket": () =>
    "supportTicketRef is required for a SYSTEM_ERROR: contact platform support first, or record " +
    "SUSPECTED_PLATFORM_ERROR until the fault is confirmed.",
  "refusal.order.incidentOn": (p) => `Cannot record a shipping incident on an order that is ${p.status}.`,
  "refusal.order.trackingReportOn": (p) =>
    `Cannot report the tracking of an order that is ${p.status}: only a shipped or delivered order has a tracking ` +
    "number.",
  "refusal.order.trackingNotTheOrders": (p) =>
    `The order's tracking number is ${p.tracking ?? "not recorded"}, not ${p.given}: report the number it carries.`,
  "refusal.order.trackingNotReported": () =>
    "No report that the carrier does not know this order's tracking number stands: there is nothing to withdraw.",
  "refusal.order.duplicate": (p) =>
    `The seller already has marketplace order ${p.marketplaceOrderId} as order ${p.orderId}.`,
  "refusal.order.importKeyReused": () => "This import's key was used for other orders; use a new key.",

  "refusal.case.transition": (p) =>
    `Cannot ${caseAction(p.action)} while the case is ${p.status}; allowed from ${p.allowed.join(", ")}.`,
  "refusal.case.offerPending": () =>
    "An offer is already pending on this case: withdraw it or wait for the buyer's answer (one open offer per case).",
  "refusal.case.cancelledOrder": () => "Cannot open a case on a CANCELLED order.",
  "refusal.case.duplicateLateCase": (p) =>
    `Order ${p.orderId} already has its late-shipment case ${p.caseId}; add to that case instead.`,
  "refusal.case.duplicateDispute": (p) =>
    `Order ${p.orderId} already has an open buyer dispute about the same problem (${REASON[p.reason]}): ` +
    `case ${p.caseId}; add to that case instead.`,
  "refusal.case.lateShipmentNotLate": (p, f) =>
    `The order is not late: a LATE_SHIPMENT case opens once its ship-by deadline (${f.dateTime(p.shipBy)}) has ` +
    "passed with the order unshipped, or once it shipped after that deadline.",
  "refusal.case.claimZero": () => "A claim of 0 claims nothing: leave claimAmount out when the buyer names no amount.",
  "refusal.case.claimAbovePaid": (p, f) => `The claim cannot exceed what the buyer paid (${f.money(p.paid)}).`,
  "refusal.case.claimOnBuyerCaseOnly": (p) => `Only a buyer case carries the buyer's claim ${p.part}.`,
  "refusal.case.outcomeViaOffer": () =>
    "A case is resolved with COMPENSATION_ACCEPTED by accepting an offer, not directly.",
  "refusal.case.outcomeWithoutRemedy": (p) =>
    `A seller resolves a case as ${p.outcome} once it has recorded the remedy on it (recordRemedy): ` +
    `${p.kinds.map((k) => `${words(k)} (${k})`).join(" or ")}.`,
  "refusal.case.replacedNeedsBuyer": () =>
    "A seller cannot close a buyer's dispute as REPLACED on its own: a replacement on record is not one the buyer " +
    "received. Offer an exchange the buyer accepts (REPLACEMENT_WITH_RETURN; shipReplacement then resolves the case " +
    "REPLACED), send the goods and let the buyer withdraw once they arrive, or refund what the buyer claims " +
    "(REFUNDED).",
  "refusal.case.lateIncidentOutcome": (p) =>
    `The late-shipment incident (reason LATE_SHIPMENT, source SYSTEM) does not close as ${p.outcome}: it closes ` +
    "only as SHIPPED, once the order has shipped with tracking and the remedy plan's required steps are done, or as " +
    "ORDER_CANCELLED, once the order is cancelled. A refund or a resend on record does not end the delay. An order " +
    "refunded in full that will not ship should be cancelled (cancelOrder, possible while it awaits shipment, " +
    "refunds or not), which closes the incident.",
  "refusal.case.lateIncidentAction": (p) =>
    `${p.action} is not taken on the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM): it is the ` +
    "seller's tracking of an order that has not shipped, and it ends only as SHIPPED, once the order has shipped " +
    "with tracking and the remedy plan's required steps are done, or as ORDER_CANCELLED, once the order is " +
    "cancelled. Nobody withdraws it and the platform does not decide it. A buyer's complaint about the delay is a " +
    "dispute of its own (openCase with reason LATE_SHIPMENT and source BUYER), which can be withdrawn, escalated " +
    "and decided.",
  "refusal.case.decisionNeedsNote": (p) =>
    `The platform's decision (${p.outcome}) needs a note saying why: the seller answers to it and may appeal it.`,
  "refusal.case.platformRefundOutcome": (p) =>
    `platformRefund is taken only with the outcome DECIDED_FOR_BUYER, not ${p.outcome}: only the platform's ` +
    "decision for the buyer refunds the buyer through resolveCase.",
  "refusal.case.platformRefundHeld": (p, f) =>
    `Nothing is left to refund on this order by default: ${f.money(p.held)} of it is held for another case's return ` +
    "the buyer accepted, until that return is refunded or ends. Decide once that return has been refunded or has " +
    "ended.",
  "refusal.case.shippedLateCaseOnly": () =>
    "SHIPPED resolves only the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM), never a buyer's " +
    "dispute: settle a dispute with the refund behind REFUNDED or RETURNED_AND_REFUNDED, or an offer the buyer " +
    "accepts (compensation, or an exchange).",
  "refusal.case.shippedNotShipped": () =>
    "A seller resolves the late-shipment case as SHIPPED once the order has shipped with tracking (markOrderShipped).",
  "refusal.case.cancelledLateCaseOnly": () =>
    "ORDER_CANCELLED resolves only the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM), never a buyer's " +
    "dispute: the buyer settles, withdraws or escalates it, whatever became of the order.",
  "refusal.case.cancelledNotCancelled": () =>
    "A seller resolves the late-shipment case as ORDER_CANCELLED once the order is cancelled (cancelOrder); while it " +
    "may still ship, ship it and resolve as SHIPPED.",
  "refusal.case.shippedStepsOpen": (p) =>
    "A seller resolves the late-shipment case as SHIPPED once the remedy plan's required steps are done; still to " +
    `do: ${p.open.map((s) => `${STEP_WORDS[s]} (${s})`).join(", ")}.`,
  "refusal.case.refundShortOfClaim": (p, f) => {
    const missing = p.claimed
      ? `${f.money(p.refunded)} refunded` +
        (p.elsewhere ? ` (${f.money(p.elsewhere)} of it on the order's other cases about the delay)` : "") +
        `, ${f.money(p.claimed)} claimed, ` +
        `${f.money(p.left)} still refundable on the order`
      : `no amount claimed, so the whole order: ${f.money(p.refunded)} refunded on this case, ` +
        `${f.money(p.left)} still refundable on the order`;
    return (
      `A seller resolves a buyer's case as ${p.outcome} once the refunds cover what the buyer is owed: ${missing}. ` +
      "Refund the rest, or settle for less with a compensation offer the buyer accepts."
    );
  },
  "refusal.offer.discountAsPercent": () => "A discount is given as percentOff, without an amount.",
  "refusal.offer.needsAmount": (p) => `A ${words(p.kind)} offer needs its amount (and no percentOff).`,
  "refusal.offer.worthNothing": () => "An offer is worth more than nothing.",
  "refusal.offer.validity": (p) => `An offer is valid for at most ${p.maxDays} days.`,
  "refusal.offer.tooShort": (p) => `An offer is valid for at least ${p.minHours} hours, so the buyer can answer it.`,
  "refusal.offer.notPending": (p) => `The offer is ${p.status}, no longer pending.`,
  "refusal.offer.expired": (p, f) => `The offer expired at ${f.dateTime(p.expiresAt)}; the seller may make a new one.`,
  "refusal.offer.expiredNotWithdrawn": (p, f) =>
    `The offer expired at ${f.dateTime(p.expiresAt)}; it has lapsed and cannot be withdrawn. ` +
    "The case awaits your answer again: write to the buyer or make a new offer.",
  "refusal.remedy.partialRefundAmount": () => "A partial refund needs its amount.",
  "refusal.remedy.nothingLeft": () =>
    "Nothing is left to refund on this order: refunds already equal what the buyer paid.",
  "refusal.remedy.amountAboveZero": () => "A refund's amount must be more than zero.",
  "refusal.remedy.noAmount": (p) => `A ${words(p.kind)} remedy has no amount.`,
  "refusal.remedy.fullRefundAmount": (p, f) =>
    `A full refund refunds all that is left of the order, ${f.money(p.left)}; to refund less, record a partial refund.`,
  "refusal.remedy.ticketReference": () => "Record the platform support ticket's reference.",
  "refusal.remedy.openReturn": (p) =>
    `A ${words(p.kind)} cannot be recorded while the case's return is ${p.status}: ` +
    (p.returnKind === "REFUND_WITH_RETURN"
      ? "the buyer's money goes back with the return, by refundReturn once the goods are received."
      : "the buyer gets a new item with the exchange, by shipReplacement once the goods are received; " +
        "no refund goes with it (refundReturn refunds only a return for a refund)."),
  "refusal.remedy.duplicateRefund": (p, f) =>
    `The refund ${p.reference} is already recorded as remedy ${p.remedyId} ` +
    `(${words(p.kind)}${p.amount ? ` of ${f.money(p.amount)}` : ""}) ` +
    `${p.caseId ? `on case ${p.caseId} of this order` : "on this case"}; a refund is recorded once.`,

  "refusal.return.kind": (p) => `Cannot ${returnAction(p.action)} of kind ${p.kind}; only ${p.kinds.join(", ")}.`,
  "refusal.return.transition": (p) =>
    `Cannot ${returnAction(p.action)} while the return is ${p.status}; allowed from ${p.allowed.join(", ")}.`,
  "refusal.return.lapsed": (p, f) => `The return lapsed at ${f.dateTime(p.shipBackBy)} without being shipped back.`,
  "refusal.return.needsGoods": (p) => `A return needs goods to send back; the order is ${p.status}.`,
  "refusal.return.goodsNeverReceived": (p) =>
    `A return asks the buyer to send back goods, and this dispute (${REASON[p.reason]}) says the buyer never ` +
    "received them: answer it with a refund, a resend or compensation instead.",
  "refusal.return.acceptGoodsNeverReceived": (p) =>
    `This return offer cannot be accepted: the dispute (${REASON[p.reason]}) says the buyer never received the ` +
    "goods, so there is nothing to send back. Decline it; the seller can offer a refund, a resend or compensation.",
  "refusal.return.noPercentOff": () => "A return offer takes no percentOff.",
  "refusal.return.exchangeNoAmount": () => "An exchange moves no money: give no amount.",

  "refusal.changedMeanwhile": (p) => CHANGED[p.what],

  "refusal.deposit.moreThanZero": (p) => `${SETTLEMENT_AMOUNT[p.what]} must be more than zero.`,
  "refusal.deposit.limitedNeeds": (p) => LIMITED_NEEDS[p.part],
  "refusal.deposit.onlyUnlimitedSustained": () => "Only an unlimited deposit has a sustained-sales rule.",
  "refusal.deposit.unlimitedNeedsRule": () =>
    "An unlimited deposit needs a sustained-sales rule (minimum monthly sales over a number of months).",
  "refusal.deposit.unlimitedNoTerm": (p) => `An unlimited deposit has no term; remove ${p.field}.`,
  "refusal.deposit.unlimitedNoTarget": () => "An unlimited deposit has no sales target; use sustainedRule.",
  "refusal.deposit.sustainedMonths": (p) => `The sustained-sales rule covers at most ${p.max} months.`,
  "refusal.deposit.applicationOpen": (p) =>
    `Application ${p.applicationId} for this deposit is still waiting for the platform's decision; a deposit ` +
    "has one open application at a time.",
  "refusal.deposit.duplicate": (p, f) =>
    `Deposit ${p.depositId} already records this payment (${f.money(p.amount)} paid ${f.dateTime(p.paidAt)}); ` +
    "nothing was recorded again.",
  "refusal.deposit.alreadyDecided": (p, f) =>
    `Application ${p.applicationId} was already decided ` +
    `(${p.status}${p.decidedAt ? ` on ${f.dateTime(p.decidedAt)}` : ""}); a decision cannot be changed.`,
  "refusal.deposit.duplicateViolation": (p, f) =>
    `Violation ${p.violationId} already records ${aViolation(p)} at ${f.dateTime(p.occurredAt)}; nothing was ` +
    "recorded again (void it first to record it anew).",
  "refusal.deposit.violationAlreadyVoided": (p, f) =>
    `Violation ${p.violationId} was already voided on ${f.dateTime(p.voidedAt)}; a void cannot be repeated or undone.`,
  "refusal.deposit.decideFrom": (p) =>
    `Cannot decide a refund of a deposit that is ${p.status}; only from REFUND_REQUESTED.`,
  "refusal.deposit.fullIsWhole": (p, f) =>
    `A full refund is the whole deposit (${f.money(p.deposit)}); for less, approve partially.`,
  "refusal.deposit.partialNeedsAmount": () => "A partial refund needs the amount to refund.",
  "refusal.deposit.partialMoreThanZero": () =>
    "A partial refund must be more than zero; to refund nothing, deny with a reason.",
  "refusal.deposit.aboveDeposit": (p, f) =>
    `A refund cannot exceed the deposit of ${f.money(p.deposit)}; ${f.money(p.asked)} was asked.`,
  "refusal.deposit.partialIsWhole": (p, f) => `${f.money(p.asked)} is the whole deposit: approve in full instead.`,
  "refusal.deposit.needsReason": (p) =>
    p.decision === "partial"
      ? "A partial refund needs the reason for the deduction."
      : p.decision === "deny"
        ? "Denying a refund needs a reason the seller can act on."
        : "Refunding in full a deposit the rules do not find refundable (yet) needs the reason for overriding them.",
  "refusal.deposit.denyNoAmount": () => "A denial refunds nothing; remove the amount.",

  "refusal.key.grant": (p) => GRANT[p.rule],
  "refusal.key.alreadyRevoked": (p, f) => `The key was already revoked at ${f.dateTime(p.revokedAt)}.`,
  "refusal.key.revokedMeanwhile": () => "The key was revoked meanwhile.",
  "refusal.key.unknownSellers": (p) => `No such seller: ${p.sellerIds.join(", ")}.`,

  "refusal.webhook.urlTooLong": (p) => `A URL is at most ${p.max} characters.`,
  "refusal.webhook.urlNotAbsolute": () => "Give an absolute URL such as https://erp.example.com/hooks/seller-ops.",
  "refusal.webhook.urlCredentials": () => "Put no credentials in the URL: verify the signature instead.",
  "refusal.webhook.urlLocal": () => "Local endpoints are for development stages only.",
  "refusal.webhook.urlHttps": () => "Endpoints are https:// URLs (http:// only for localhost in development).",
  "refusal.webhook.urlPort": (p) =>
    `Port ${p.port} belongs to another service: use https's own port (443) or one from 1024 to 65535.`,
  "refusal.webhook.urlPrivate": (p) =>
    `The host ${p.host} is ${ADDRESS[p.addressKind]} address: give a public host name.`,
  "refusal.webhook.already": (p) => `The endpoint is already ${p.state === "ENABLED" ? "enabled" : "disabled"}.`,
  "refusal.webhook.disabledByHigher": (p) =>
    p.by === "OPERATOR"
      ? "An operator switched this endpoint off: only an operator can switch it on again."
      : p.by === "SELLER"
        ? "The seller switched this endpoint off: only the seller or an operator can switch it on again."
        : "This endpoint was switched off by someone with more authority over it: you cannot switch it on again.",
  "refusal.webhook.deleteSwitchedOff": (p) =>
    p.by === "OPERATOR"
      ? "An operator switched this endpoint off: only an operator can switch it on again or delete it."
      : p.by === "SELLER"
        ? "The seller switched this endpoint off: only the seller or an operator can switch it on again or delete it."
        : "This endpoint was switched off by someone with more authority over it: you cannot delete it.",
  "refusal.webhook.registerWhileSwitchedOff": (p) =>
    p.by === "OPERATOR"
      ? `An operator switched off the endpoint ${p.endpointId}: no new endpoint can be registered for this seller ` +
        "until an operator switches it on again or deletes it."
      : p.by === "SELLER"
        ? `The seller switched off the endpoint ${p.endpointId}: no new endpoint can be registered with this key ` +
          "for this seller until the seller or an operator switches it on again or deletes it."
        : `The endpoint ${p.endpointId} was switched off by someone with more authority over it: no new endpoint ` +
          "can be registered until they switch it on again or delete it.",
  "refusal.webhook.ownerAccessEnded": () =>
    "The partner tool that registered this endpoint no longer has access to this seller (its key no longer covers " +
    "the seller), so the endpoint receives nothing: the tool registers a new one with a live key granted this " +
    "seller, or delete this one.",
  "refusal.webhook.updateNothing": () => "Give a new url, new eventTypes, or both.",
  "refusal.webhook.overlap": (p) => `The overlap is 0 to ${p.maxHours} hours.`,
  "refusal.webhook.disabledRedeliver": () => "The endpoint is disabled: enable it, then redeliver.",
  "refusal.webhook.endpointUnreadable": () =>
    "This endpoint's stored settings cannot be read by this version of the service (a newer one may be rolling " +
    "out): nothing was changed. Try again later, or contact support if it persists.",
  "refusal.webhook.redeliveryWaiting": () =>
    "A delivery of this event to the endpoint is still waiting to be sent: it goes out on its own; redeliver it " +
    "once it has been delivered or given up (the delivery log shows it).",
  "refusal.webhook.redeliveryCap": (p) =>
    `This event has been redelivered to the endpoint ${p.max} times, the most within the delivery log's ` +
    `${p.days} days: the log shows each attempt and what the endpoint answered.`,
  "refusal.webhook.notSubscribed": (p) => `The endpoint does not subscribe to ${p.type} events.`,
  "refusal.notFound": (p) => NOT_FOUND[p.what],
  "refusal.request.pageSize": (p) => `\`first\` must be between 1 and ${p.max}.`,
  "refusal.request.cursor": (p) => CURSOR[p.problem],
  "refusal.request.sellerForbidden": () => "This credential may not act for that seller.",
  "refusal.request.sellerRequired": () => "Name the seller to act for: pass `sellerId`.",
  "refusal.request.sellerIdInvalid": () =>
    "No seller has that id: a seller id has 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
  "refusal.request.orderLookup": (p) =>
    p.problem === "idOrMarketplaceId"
      ? "Give exactly one of `id` and `marketplaceOrderId`."
      : "`sellerId` goes with `marketplaceOrderId`; an order id names its seller.",
  "refusal.request.filter": (p, f) => `filter.${p.field}: ${f.write(p.text)}`,
  "refusal.request.forbidden": (p) => FORBIDDEN[p.rule],
  "refusal.case.roleForbidden": (p) => `Only ${sideOf(p.role)} may ${caseAction(p.action)}.`,
  "refusal.case.openForbidden": (p) =>
    p.source === "BUYER"
      ? "Only the buyer's side (a partner tool) may open a buyer case."
      : "This credential may not open a system case.",
  "refusal.return.roleForbidden": (p) => `Only ${sideOf(p.role)} may ${returnAction(p.action)}.`,
};
