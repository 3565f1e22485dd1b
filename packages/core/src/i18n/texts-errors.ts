import type { CaseOpener } from "../cases/limits";
import type { ActorRole, CaseAction, CaseStatus } from "../cases/machine";
import type { CaseReason, OfferStatus, RemedyKind } from "../cases/shapes";
import type { OfferKind } from "../compensation";
import type { ApplicationStatus, DepositStatus, Severity, ViolationKind } from "../deposits/shapes";
import type { Money } from "../money";
import type { OrderStatus } from "../orders/shapes";
import type { StepCode } from "../remedies";
import type { ReturnAction, ReturnKind, ReturnStatus } from "../returns/machine";
import type { Instant } from "../time";
import type { Text } from "./texts";
import type { AddressCategory } from "../webhooks/addresses";

/**
 * The refusals a rule words itself (`refusal.*`: compensation caps, the order and case lifecycles,
 * returns, evidence, deposits, keys, webhooks, the caps of growing lists) and the messages input
 * schemas give their own checks (`schema.*`). Parameters are figures and codes, never sentences:
 * codes (statuses, actions, kinds) stay as the API spells them in every language, since they are
 * what a client sends and reads; field names too.
 */
export interface ErrorTextParams {
  // Compensation policy (core/src/compensation): the cap of a kind, and what the buyer paid.
  "refusal.compensation.aboveCap": { kind: OfferKind; capPercent: number; cap: Money };
  "refusal.compensation.abovePaid": { paid: Money; left: Money };
  "refusal.compensation.goodwillAbovePaid": { paid: Money; left: Money };
  /** Money back on a CANCELLED order: the cancellation refunded the buyer already. */
  "refusal.compensation.orderCancelled": Record<string, never>;
  // Money back that only the amount held for the order's open refund returns keeps out of reach.
  "refusal.compensation.heldForReturns": { held: Money; left: Money };
  // Money in the wrong currency: `what` is the amount the rule speaks of.
  "refusal.currency.order": { what: "offer" | "refund" | "claim" | "itemPrice"; currency: string };
  "refusal.currency.settlement": { what: SettlementAmountWhat; currency: string; given: string | null };
  "refusal.currency.deposit": { currency: string; given: string };
  // A date an input gives that the clock or another date rules out (`field` as sent).
  "refusal.time.future": { field: string };
  "refusal.time.mustBeFuture": { field: string };
  "refusal.order.shipByAfterPlaced": Record<string, never>;
  "refusal.order.shippedBeforePlaced": Record<string, never>;
  "refusal.order.deliveredBeforeShipped": Record<string, never>;
  "refusal.deposit.termEndAfterStart": Record<string, never>;
  "refusal.deposit.termEndAfterPaid": Record<string, never>;
  "refusal.deposit.termStartBeforePaid": Record<string, never>;

  // Lists at their cap (LIMIT_REACHED), naming the cap.
  "refusal.limit.caseRemedies": { max: number };
  "refusal.limit.caseOffers": { max: number };
  "refusal.limit.caseReturns": { max: number };
  "refusal.limit.caseEvidence": { max: number; side: ActorRole };
  "refusal.limit.casePlatformEvidence": { max: number; forOperators: number };
  "refusal.limit.orderOpenCases": { max: number; side: CaseOpener };
  "refusal.limit.orderCases": { max: number; side: CaseOpener };
  "refusal.limit.orderIncidents": { max: number };
  "refusal.limit.webhookEndpoints": { max: number };
  "refusal.limit.webhookEndpointsPerTool": { max: number };

  // Orders (core/src/orders/lifecycle.ts).
  "refusal.order.transition": { action: "ship" | "deliver" | "cancel"; status: OrderStatus; allowed: OrderStatus[] };
  "refusal.order.expediteFrom": { status: OrderStatus };
  /** `markAgainFrom`: when a mark made before the order was at risk may be made again (its at-risk window begins). */
  "refusal.order.alreadyExpedited": { since: Instant | null; markAgainFrom: Instant | null };
  "refusal.order.handlingOrShipBy": Record<string, never>;
  "refusal.order.handlingTooLong": { maxDays: number };
  "refusal.order.shipByTooLate": { maxDays: number };
  "refusal.order.systemErrorTicket": Record<string, never>;
  "refusal.order.incidentOn": { status: OrderStatus };
  "refusal.order.trackingReportOn": { status: OrderStatus };
  "refusal.order.trackingNotTheOrders": { given: string; tracking: string | null };
  "refusal.order.trackingNotReported": Record<string, never>;
  "refusal.order.duplicate": { marketplaceOrderId: string; orderId: string };
  "refusal.order.importKeyReused": Record<string, never>;

  // Cases (core/src/cases): the state machine, opening, offers, remedies, resolution.
  "refusal.case.transition": { action: CaseAction; status: CaseStatus; allowed: CaseStatus[] };
  "refusal.case.offerPending": Record<string, never>;
  "refusal.case.cancelledOrder": Record<string, never>;
  "refusal.case.duplicateLateCase": { orderId: string; caseId: string };
  "refusal.case.duplicateDispute": { orderId: string; caseId: string; reason: CaseReason };
  "refusal.case.lateShipmentNotLate": { shipBy: Instant };
  "refusal.case.claimAbovePaid": { paid: Money };
  "refusal.case.claimZero": Record<string, never>;
  "refusal.case.claimOnBuyerCaseOnly": { part: "text" | "amount" };
  "refusal.case.outcomeViaOffer": Record<string, never>;
  "refusal.case.outcomeWithoutRemedy": { outcome: string; kinds: RemedyKind[] };
  "refusal.case.replacedNeedsBuyer": Record<string, never>;
  /** The late-shipment incident closes only as SHIPPED or ORDER_CANCELLED, never with a refund or a replacement. */
  "refusal.case.lateIncidentOutcome": { outcome: string };
  "refusal.case.lateIncidentAction": { action: string };
  "refusal.case.shippedLateCaseOnly": Record<string, never>;
  /** The platform decided a case (DECIDED_FOR_BUYER, DECIDED_FOR_SELLER) without a note saying why. */
  "refusal.case.decisionNeedsNote": { outcome: string };
  "refusal.case.platformRefundOutcome": { outcome: string };
  /** The decision's default refund comes to 0 only because other cases' returns hold the order's money (`held`). */
  "refusal.case.platformRefundHeld": { held: Money };
  "refusal.case.shippedNotShipped": Record<string, never>;
  "refusal.case.cancelledLateCaseOnly": Record<string, never>;
  "refusal.case.cancelledNotCancelled": Record<string, never>;
  /** The remedy plan's required steps not done yet (never its optional compensation). */
  "refusal.case.shippedStepsOpen": { open: StepCode[] };
  /** `claimed` null: the buyer claimed no amount, so the whole order (`left` still refundable) is what is owed. */
  "refusal.case.refundShortOfClaim": {
    outcome: string;
    refunded: Money;
    claimed: Money | null;
    left: Money;
    /**
     * Of `refunded` (all given back, `refundedTowardClaim`: refunds, accepted money-back offers, returns refunded,
     * the platform's refund), what was given back on the order's other cases about the delay; null when none counts.
     */
    elsewhere?: Money | null;
  };
  "refusal.offer.discountAsPercent": Record<string, never>;
  "refusal.offer.needsAmount": { kind: OfferKind };
  "refusal.offer.worthNothing": Record<string, never>;
  "refusal.offer.validity": { maxDays: number };
  "refusal.offer.tooShort": { minHours: number };
  "refusal.offer.notPending": { status: OfferStatus };
  "refusal.offer.expired": { expiresAt: Instant };
  "refusal.offer.expiredNotWithdrawn": { expiresAt: Instant };
  "refusal.remedy.partialRefundAmount": Record<string, never>;
  "refusal.remedy.nothingLeft": Record<string, never>;
  /** A refund given an amount of 0. */
  "refusal.remedy.amountAboveZero": Record<string, never>;
  "refusal.remedy.noAmount": { kind: RemedyKind };
  "refusal.remedy.fullRefundAmount": { left: Money };
  "refusal.remedy.ticketReference": Record<string, never>;
  // A money-back remedy while the case's return is open: the return is how the buyer's money (or new item) comes.
  "refusal.remedy.openReturn": { kind: RemedyKind; returnKind: ReturnKind; status: ReturnStatus };
  /** `caseId`: the other case of the order the refund is on; null when it is on this case. */
  "refusal.remedy.duplicateRefund": {
    reference: string;
    remedyId: string;
    kind: RemedyKind;
    amount: Money | null;
    caseId: string | null;
  };

  // Returns (core/src/returns).
  "refusal.return.kind": { action: ReturnAction; kind: ReturnKind; kinds: ReturnKind[] };
  "refusal.return.transition": { action: ReturnAction; status: ReturnStatus; allowed: ReturnStatus[] };
  "refusal.return.lapsed": { shipBackBy: Instant };
  "refusal.return.needsGoods": { status: OrderStatus };
  "refusal.return.goodsNeverReceived": { reason: CaseReason };
  "refusal.return.acceptGoodsNeverReceived": { reason: CaseReason };
  "refusal.return.noPercentOff": Record<string, never>;
  "refusal.return.exchangeNoAmount": Record<string, never>;

  // A write that lost a race (the object changed between read and write).
  "refusal.changedMeanwhile": { what: ChangedWhat };

  // Deposits (core/src/deposits): recording one, and deciding a refund.
  "refusal.deposit.moreThanZero": { what: SettlementAmountWhat };
  "refusal.deposit.limitedNeeds": { part: "termStart" | "termEnd" | "salesTarget" };
  "refusal.deposit.onlyUnlimitedSustained": Record<string, never>;
  "refusal.deposit.unlimitedNeedsRule": Record<string, never>;
  "refusal.deposit.unlimitedNoTerm": { field: "termStart" | "termEnd" };
  "refusal.deposit.unlimitedNoTarget": Record<string, never>;
  "refusal.deposit.sustainedMonths": { max: number };
  "refusal.deposit.applicationOpen": { applicationId: string };
  "refusal.deposit.duplicate": { depositId: string; amount: Money; paidAt: Instant };
  "refusal.deposit.alreadyDecided": { applicationId: string; status: ApplicationStatus; decidedAt: Instant | null };
  "refusal.deposit.duplicateViolation": {
    violationId: string;
    severity: Severity;
    kind: ViolationKind;
    occurredAt: Instant;
  };
  "refusal.deposit.violationAlreadyVoided": { violationId: string; voidedAt: Instant };
  "refusal.deposit.decideFrom": { status: DepositStatus };
  "refusal.deposit.fullIsWhole": { deposit: Money };
  "refusal.deposit.partialNeedsAmount": Record<string, never>;
  "refusal.deposit.partialMoreThanZero": Record<string, never>;
  "refusal.deposit.aboveDeposit": { deposit: Money; asked: Money };
  "refusal.deposit.partialIsWhole": { asked: Money };
  /** `override`: approving in full against a recommendation not to refund. */
  "refusal.deposit.needsReason": { decision: "partial" | "deny" | "override" };
  "refusal.deposit.denyNoAmount": Record<string, never>;

  // API keys (core/src/keys).
  "refusal.key.grant": { rule: KeyGrantRule };
  "refusal.key.alreadyRevoked": { revokedAt: Instant };
  "refusal.key.revokedMeanwhile": Record<string, never>;
  "refusal.key.unknownSellers": { sellerIds: string[] };

  // Webhook endpoints (core/src/webhooks): the URL rules (WEBHOOK_URL_REFUSED), switching, redelivery.
  "refusal.webhook.urlTooLong": { max: number };
  "refusal.webhook.urlNotAbsolute": Record<string, never>;
  "refusal.webhook.urlCredentials": Record<string, never>;
  "refusal.webhook.urlLocal": Record<string, never>;
  "refusal.webhook.urlHttps": Record<string, never>;
  "refusal.webhook.urlPort": { port: number };
  "refusal.webhook.urlPrivate": { host: string; addressKind: AddressCategory };
  "refusal.webhook.already": { state: "ENABLED" | "DISABLED" };
  "refusal.webhook.disabledByHigher": { by: "SYSTEM" | "PARTNER" | "SELLER" | "OPERATOR" };
  "refusal.webhook.deleteSwitchedOff": { by: "SYSTEM" | "PARTNER" | "SELLER" | "OPERATOR" };
  "refusal.webhook.registerWhileSwitchedOff": { by: "SYSTEM" | "PARTNER" | "SELLER" | "OPERATOR"; endpointId: string };
  "refusal.webhook.ownerAccessEnded": Record<string, never>;
  "refusal.webhook.updateNothing": Record<string, never>;
  "refusal.webhook.overlap": { maxHours: number };
  "refusal.webhook.disabledRedeliver": Record<string, never>;
  "refusal.webhook.endpointUnreadable": Record<string, never>;
  "refusal.webhook.redeliveryWaiting": Record<string, never>;
  "refusal.webhook.redeliveryCap": { max: number; days: number };
  "refusal.webhook.notSubscribed": { type: string };
  // NOT_FOUND of what lives inside another object or outside the shared list (`error.notFound`).
  "refusal.notFound": { what: "offerOnCase" | "returnOnCase" | "webhookEndpoint" | "endpoint" | "event" };

  // Top-level refusals of a request's arguments (the API's, not a rule's): the page size, the
  // cursor, the seller a credential acts for. `max` is the largest page.
  "refusal.request.pageSize": { max: number };
  "refusal.request.cursor": { problem: CursorProblem };
  "refusal.request.sellerForbidden": Record<string, never>;
  "refusal.request.sellerRequired": Record<string, never>;
  /** A `sellerId` argument no seller can have (its shape), refused before it is looked up. */
  "refusal.request.sellerIdInvalid": Record<string, never>;
  /** `order`'s arguments: exactly one of `id` and `marketplaceOrderId`; `sellerId` only with the latter. */
  "refusal.request.orderLookup": { problem: "idOrMarketplaceId" | "sellerIdWithId" };
  /** A list's bad `filter`: the field as sent (`updatedSince`), then what is wrong with it. */
  "refusal.request.filter": { field: string; text: Text };
  // Top-level FORBIDDEN: what a credential's role or access does not allow (the code never changes).
  "refusal.request.forbidden": { rule: ForbiddenRule };
  /** A case action of another side (core's checkAction): `role` is the side the action belongs to. */
  "refusal.case.roleForbidden": { action: CaseAction; role: ActorRole };
  /** Opening a case of a source the caller's side may not open (core's openCase). */
  "refusal.case.openForbidden": { source: "BUYER" | "SYSTEM" };
  /** A step of a return the other side takes (core's checkReturnAction). */
  "refusal.return.roleForbidden": { action: ReturnAction; role: ActorRole };
}

/**
 * Why a credential is refused (top-level FORBIDDEN) where no seller grant is the reason
 * (`refusal.request.sellerForbidden`): a role's limit, or a read-only grant.
 */
export type ForbiddenRule =
  | "readOnly"
  | "sellerMissing"
  | "operatorsListSellers"
  | "operatorsCreateSellers"
  | "operatorsManageKeys"
  | "operatorsReviewRefunds"
  | "operatorsRecordDeposits"
  | "operatorsRecordViolations"
  | "operatorsVoidViolations"
  | "operatorsDecideRefunds"
  | "sellerAppliesForRefund"
  | "depositsNotForMarketplace"
  | "webhooksNotForMarketplace"
  | "platformWebhooksOperatorsOnly"
  | "mayNotRedeliver"
  | "platformReportsTracking";

/**
 * What is wrong with an `after` cursor: not one a page returned, signed by another, of another list, or (its key
 * edited by someone who knows the signing secret) a position outside the key range the list reads.
 */
export type CursorProblem = "malformed" | "altered" | "otherList" | "outOfRange";

/**
 * Messages input schemas give their own checks (the rest are worded from the issue kind: `input.*`).
 * `what` names the field in words (`Noun`); the field path itself travels in `UserError.field`.
 */
export interface SchemaTextParams {
  /** A schema's message that does not name its field in words, led by the field as sent. */
  "schema.aboutField": { field: string; text: Text };
  "schema.empty": { what: Noun };
  "schema.tooLong": { what: Noun; max: number };
  "schema.tooShort": { what: Noun; min: number };
  "schema.atLeast": { what: Count; min: number };
  "schema.atMost": { what: Count; max: number };
  "schema.wholeNumber": { what: Count };
  "schema.referenceAscii": { what: Noun };
  "schema.referenceFormat": { what: Noun };
  "schema.trackingCharacters": Record<string, never>;
  /** A control or bidirectional-override character; `multiLine`: line breaks and tabs are allowed. */
  "schema.controlCharacters": { what: Noun; multiLine: boolean };
  "schema.loneSurrogate": { what: Noun };
  "schema.invisibleCharacters": { what: Noun };
  "schema.idempotencyKeyCharacters": Record<string, never>;
  "schema.checksum": Record<string, never>;
  "schema.currencyCode": Record<string, never>;
  "schema.currencyUnknown": Record<string, never>;
  "schema.countryCode": Record<string, never>;
  "schema.countryUnknown": Record<string, never>;
  "schema.amountNumber": Record<string, never>;
  "schema.amountInteger": Record<string, never>;
  "schema.amountNegative": Record<string, never>;
  "schema.amountTooBig": { max: number };
  "schema.dateFormat": Record<string, never>;
  "schema.dateNoMonth": { month: string };
  "schema.dateNoDay": { yearMonth: string; dayOfMonth: string };
  "schema.timeOfDay": Record<string, never>;
  "schema.utcOffset": Record<string, never>;
  "schema.dateEarliest": { earliest: string };
  "schema.dateHorizon": { field: string; years: number; latest: Instant };
  "schema.timeZoneUnknown": Record<string, never>;
  "schema.timeZoneName": Record<string, never>;
  "schema.sellerIdReserved": { id: string };
  "schema.language": { values: string[] };
  "schema.giveUrl": Record<string, never>;
  "schema.giveSellerName": Record<string, never>;
  "schema.giveKeyLabel": Record<string, never>;
}

/** A field named in words in a schema's message ("The order id", "订单 ID"). */
export type Noun =
  | "id"
  | "sellerId"
  | "orderId"
  | "marketplaceOrderId"
  | "depositId"
  | "applicationId"
  | "violationId"
  | "endpointId"
  | "eventId"
  | "sku"
  | "itemTitle"
  | "carrier"
  | "note"
  | "shortNote"
  | "reason"
  | "documentTitle"
  | "description"
  | "evidenceReference"
  | "documentReference"
  | "message"
  | "reference"
  | "trackingNumber"
  | "supportTicketRef"
  | "url"
  | "label"
  | "sellerName"
  | "idempotencyKey";

/** A counted input with a bound of its own ("Quantity is at least 1", "An order has at most 100 items"). */
export type Count =
  | "quantity"
  | "orderItems"
  | "importOrders"
  | "handlingDays"
  | "discountPercent"
  | "version"
  | "sustainedMonths"
  | "eventTypes"
  | "overlapHours"
  | "keySellers"
  | "documents";

/** An amount a seller's settlement currency applies to. */
export type SettlementAmountWhat = "settlementAmount" | "depositAmount" | "salesTarget" | "minMonthlySales";

/** What changed under a racing write. */
export type ChangedWhat =
  | "order"
  | "case"
  | "deposit"
  | "application"
  | "violation"
  | "endpoint"
  | "redeliveries"
  | "seller";

/** The grant rules of an API key by role (core/src/keys decideGrant). */
export type KeyGrantRule =
  | "sellerNeedsSeller"
  | "sellerNoGrant"
  | "partnerAtLeastOne"
  | "partnerUsesSellerIds"
  | "partnerNotAll"
  | "marketplaceUsesSellerIds"
  | "marketplaceNoAccess"
  | "allOrList"
  | "marketplaceNeedsGrant"
  | "operatorNoGrant";
