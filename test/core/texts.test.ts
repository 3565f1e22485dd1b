import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Cases,
  Compensation,
  Errors,
  I18n,
  Money,
  Orders,
  Remedies,
  Returns,
  Risk,
  type Order,
  type Webhooks,
} from "@seller-ops/core";
import * as z from "zod";

/**
 * Every seller-facing text in every language: no key missing, nothing left unfilled, and the
 * figures a sentence shows equal to the figures it was given (the structured fields next to it).
 */

const money = (amountMinor: number, currency = "CNY") => ({ amountMinor, currency });
const SHIP_BY = "2026-11-28T10:00:00.000Z";

const ORDER_STATES: I18n.OrderState[] = [
  { status: "AWAITING_SHIPMENT", shippedAt: null, lateHours: null, cancelledAt: null },
  { status: "SHIPPED", shippedAt: "2026-11-28T12:30:00.000Z", lateHours: 2.5, cancelledAt: null },
  { status: "DELIVERED", shippedAt: "2026-11-27T12:30:00.000Z", lateHours: -21.5, cancelledAt: null },
  { status: "SHIPPED", shippedAt: null, lateHours: null, cancelledAt: null },
  { status: "CANCELLED", shippedAt: null, lateHours: null, cancelledAt: "2026-11-26T01:00:00.000Z" },
  { status: "CANCELLED", shippedAt: null, lateHours: null, cancelledAt: null },
];

/** Every kind of address a webhook URL may be refused for: a new kind fails to compile here until it is listed. */
const ADDRESS_KINDS = Object.keys({
  public: true,
  unspecified: true,
  loopback: true,
  private: true,
  carrierGradeNat: true,
  linkLocal: true,
  multicast: true,
  uniqueLocal: true,
  ipv4Mapped: true,
  reserved: true,
} satisfies Record<Webhooks.AddressCategory, true>) as Webhooks.AddressCategory[];

/** Every rule a credential is refused by: a new rule fails to compile here until it is listed. */
const FORBIDDEN_RULES = Object.keys({
  readOnly: true,
  sellerMissing: true,
  operatorsListSellers: true,
  operatorsCreateSellers: true,
  operatorsManageKeys: true,
  operatorsReviewRefunds: true,
  operatorsRecordDeposits: true,
  operatorsRecordViolations: true,
  operatorsDecideRefunds: true,
  sellerAppliesForRefund: true,
  depositsNotForMarketplace: true,
  webhooksNotForMarketplace: true,
  platformWebhooksOperatorsOnly: true,
  mayNotRedeliver: true,
  platformReportsTracking: true,
  operatorsVoidViolations: true,
} satisfies Record<I18n.ForbiddenRule, true>) as I18n.ForbiddenRule[];

/** The default health targets as the sentences take them. */
const TARGETS = Object.fromEntries(
  Risk.METRIC_NAMES.map((name) => {
    const { window, target, comparison } = Risk.defaultHealthTargets[name];
    return [name, { window, target, comparison }];
  }),
) as Record<Risk.MetricName, I18n.TargetMention>;

/**
 * Parameters for every key, several where a key has branches. Typed over every key: a new key
 * without samples is a type error here, and the walk below then runs it in every language.
 */
const NOUNS: I18n.Noun[] = [
  "id",
  "sellerId",
  "orderId",
  "marketplaceOrderId",
  "depositId",
  "applicationId",
  "endpointId",
  "eventId",
  "sku",
  "itemTitle",
  "carrier",
  "note",
  "shortNote",
  "reason",
  "documentTitle",
  "description",
  "evidenceReference",
  "documentReference",
  "message",
  "reference",
  "trackingNumber",
  "supportTicketRef",
  "url",
  "label",
  "sellerName",
  "idempotencyKey",
];
const COUNTS: I18n.Count[] = [
  "quantity",
  "orderItems",
  "importOrders",
  "handlingDays",
  "discountPercent",
  "version",
  "sustainedMonths",
  "eventTypes",
  "overlapHours",
  "keySellers",
  "documents",
];

/** The case timeline's lines: every branch (a note or none, an amount or none, each step a return misses). */
const TIMELINE_SAMPLES: { [K in I18n.TimelineKey]: I18n.TextParams[K][] } = {
  "timeline.openedLateShipment": [{ marketplaceOrderId: "AE-1001", shipBy: SHIP_BY }],
  "timeline.opened": [
    { side: "BUYER", reason: "NOT_RECEIVED" },
    { side: "SYSTEM", reason: "LATE_SHIPMENT" },
  ],
  "timeline.message": (["SELLER", "BUYER", "PLATFORM"] as const).map((side) => ({ side })),
  "timeline.offerMade": Compensation.OFFER_KINDS.map((kind) => ({
    kind,
    amount: money(570, "USD"),
    expiresAt: "2026-12-03T10:00:00.000Z",
  })),
  "timeline.offerDeclined": [{ kind: "COUPON" }],
  "timeline.offerAccepted": [{ kind: "PARTIAL_REFUND" }],
  "timeline.offerAcceptedCaseOpen": [{ kind: "COUPON" }],
  "timeline.returnOfferAccepted": Compensation.RETURN_OFFER_KINDS.map((kind) => ({ kind, shipBackBy: SHIP_BY })),
  "timeline.offerWithdrawn": [{ kind: "GIFT" }],
  "timeline.offerExpired": [{ kind: "FREE_SHIPPING" }],
  "timeline.responseOverdue": [{ respondBy: SHIP_BY }],
  "timeline.remedyRecorded": [
    { kind: "PARTIAL_REFUND", amount: money(123_450) },
    { kind: "APOLOGY", amount: null },
  ],
  "timeline.escalated": [{}, { offerDeclined: null }, { offerDeclined: "PARTIAL_REFUND" }],
  "timeline.resolved": Cases.CASE_OUTCOMES.map((outcome, i) => ({
    outcome,
    returnCancelled: i === 0,
    offerWithdrawn: outcome === "BUYER_WITHDREW" ? "COUPON" : null,
  })),
  "timeline.closed": [{}],
  "timeline.evidenceSubmitted": Cases.EVIDENCE_KINDS.map((kind, i) => ({
    kind,
    side: Cases.EVIDENCE_SIDES[i % Cases.EVIDENCE_SIDES.length]!,
  })),
  "timeline.returnShippedBack": [{ carrier: "Cainiao", trackingNumber: "LP00123456789CN", receiveBy: SHIP_BY }],
  "timeline.returnReceived": Compensation.RETURN_OFFER_KINDS.map((kind) => ({ kind, settleBy: SHIP_BY })),
  "timeline.returnRefunded": [{ amount: money(2_500, "EUR") }, { amount: null }],
  "timeline.replacementShipped": [{ carrier: "YunExpress", trackingNumber: "YT2026112800001" }],
  "timeline.returnCancelled": [{}],
  "timeline.returnExpired": [{ shipBackBy: SHIP_BY }],
  "timeline.returnOverdue": [
    { step: "RECEIVE", by: SHIP_BY },
    { step: "SETTLE", by: "2026-12-01T23:30:00.000Z" },
  ],
};

const SAMPLES: { [K in I18n.TextKey]: I18n.TextParams[K][] } = {
  "remedy.contactBuyer": (["HUMAN_ERROR", "SYSTEM_ERROR", "SUSPECTED_PLATFORM_ERROR", "UNKNOWN"] as const).map(
    (cause) => ({ cause }),
  ),
  "remedy.expedite": [
    { shipBy: SHIP_BY, expedited: true },
    { shipBy: SHIP_BY, expedited: false },
  ],
  "remedy.offerCompensation": [
    { kind: "COUPON", amount: money(123_450), percent: 15 },
    { kind: "PARTIAL_REFUND", amount: money(570, "USD"), percent: 20 },
  ],
  "remedy.goodwillGesture": [{ kind: "COUPON", amount: money(1_000, "EUR"), percent: 5 }],
  "remedy.nothingLeftToOffer": [{}],
  "remedy.platformSupportTicket": [{}],
  "error.versionConflict": [{ expected: 3, current: 4 }],
  "error.notFound": (["order", "case", "seller", "deposit", "refundApplication", "apiKey"] as const).map((what) => ({
    what,
  })),
  "error.idempotencyKeyReused": [{}],
  "error.idempotencyInProgress": [{}],
  "error.idempotencyOutcomeUnknown": [{}],
  "error.duplicateSeller": [{ sellerId: "seller-yiwu-home" }],
  "error.amountOverflow": [
    { what: "sum", value: "9007199254740992", day: null },
    { what: "scaled", value: "-9007199254740992", day: null },
    { what: "inexact", value: "0.5", day: null },
    { what: "answer", value: "9007199254740992", day: null },
    { what: "sellerTotal", value: null, day: null },
    { what: "dailyCounter", value: "9007199254740993", day: "2026-11-30" },
  ],
  "input.required": [{ field: "name" }, { field: null }],
  "input.wrongType": [{ field: "items[0].quantity", expected: "wholeNumber" }],
  "input.wrongTypeNamed": [{ field: "x", type: "symbol" }],
  "input.empty": [{ field: "supportTicketRef" }],
  "input.tooShort": [{ field: "reference", min: 4 }],
  "input.tooLong": [{ field: "note", max: 1000 }],
  "input.tooFewEntries": [{ field: "items", min: 1 }],
  "input.tooManyEntries": [{ field: "orders", max: 100 }],
  "input.tooSmall": [
    { field: "handlingDays", min: 1, inclusive: true },
    { field: "handlingDays", min: 0, inclusive: false },
  ],
  "input.tooBig": [
    { field: "handlingDays", max: 30, inclusive: true },
    { field: "handlingDays", max: 31, inclusive: false },
  ],
  "input.oneOf": [{ field: "cause", values: ["HUMAN_ERROR", "SYSTEM_ERROR", "UNKNOWN"] }],
  "input.unknownFields": [
    { field: null, keys: ["colour"] },
    { field: "items[0]", keys: ["colour", "size"] },
  ],
  "input.invalidFormat": [{ field: "reference", format: "url" }],
  "input.notMultipleOf": [{ field: "amountMinor", divisor: 5 }],
  "input.invalid": [{ field: "input" }],
  "deposit.refundAlreadyRequested": [{}],
  "deposit.alreadyRefunded": [{ refunded: money(1_000_000) }],
  "deposit.partiallyRefunded": [
    { refunded: money(400_000), amount: money(1_000_000) },
    { refunded: null, amount: money(1_000_000) },
  ],
  "deposit.qualityViolation": [{ severity: "MINOR", kind: "QUALITY", day: "2026-04-10" }],
  "deposit.blockingViolationInTerm": [
    { severity: "MAJOR", kind: "LATE_SHIPMENT_BREACH", day: "2026-08-03", threshold: "MAJOR" },
  ],
  "deposit.tooManyQualityDisputes": [{ lost: 3, allowed: 2 }],
  "deposit.qualityDisputesOpen": [
    { caseIds: ["cas_01"], lost: 0, allowed: 2 },
    { caseIds: ["cas_01", "cas_02", "cas_03"], lost: 2, allowed: 2 },
    { caseIds: Array.from({ length: 12 }, (_, i) => `cas_${String(i + 1).padStart(2, "0")}`), lost: 1, allowed: 2 },
  ],
  "deposit.termNotEnded": [
    {
      sales: money(0),
      target: money(5_000_000),
      missing: money(5_000_000),
      lastDay: "2026-12-31",
      daysLeft: 31,
      disputesOpen: false,
    },
    { sales: money(10), target: money(20), missing: money(10), lastDay: "2026-12-01", daysLeft: 1, disputesOpen: true },
  ],
  "deposit.termNotStarted": [{ firstDay: "2027-01-01", target: money(50_000_000), lastDay: "2027-12-31" }],
  "deposit.sustainedSalesNotMet": [
    {
      min: money(5_000_000),
      months: 3,
      short: [
        { month: "2026-09", sales: money(4_000_000), missing: money(1_000_000) },
        { month: "2026-10", sales: money(1_234_550), missing: money(3_765_450) },
      ],
    },
    { min: money(100), months: 1, short: [{ month: "2026-10", sales: money(0), missing: money(100) }] },
  ],
  "deposit.heldFewerMonths": [
    { paidOn: "2026-06-10", min: money(5_000_000), months: 3, heldMonths: 0, short: [], from: "2026-10-01" },
    {
      paidOn: "2026-04-01",
      min: money(100),
      months: 3,
      heldMonths: 2,
      short: [{ month: "2026-05", sales: money(40), missing: money(60) }],
      from: "2026-07-01",
    },
  ],
  "deposit.blockingViolationUnlimited": [
    { severity: "CRITICAL", kind: "COUNTERFEIT", day: "2026-05-01", windowMonths: 12, until: "2027-05-01" },
  ],
  "deposit.salesBasisTerm": [
    {
      termStart: "2026-03-01T00:00:00.000Z",
      termEnd: "2027-03-01T00:00:00.000Z",
      ongoing: true,
      sales: money(7),
      graceDays: 7,
      leftOut: null,
    },
    {
      termStart: "2026-03-01T00:00:00.000Z",
      termEnd: "2026-09-01T00:00:00.000Z",
      ongoing: false,
      sales: money(8),
      graceDays: 7,
      leftOut: money(499_000_00),
    },
    {
      termStart: "2026-03-01T00:00:00.000Z",
      termEnd: "2026-09-01T00:00:00.000Z",
      ongoing: false,
      sales: money(Number.MAX_SAFE_INTEGER),
      beyond: true,
      graceDays: 7,
      leftOut: null,
    },
  ],
  "deposit.salesBasisMonths": [
    { months: 3, timeZone: "Asia/Shanghai", graceDays: 7, leftOut: null },
    { months: 3, timeZone: "Asia/Shanghai", graceDays: 7, leftOut: money(15_000_000) },
    { months: 3, timeZone: "Asia/Shanghai", shownUpTo: money(Number.MAX_SAFE_INTEGER), graceDays: 7, leftOut: null },
  ],
  "deposit.notEligible": [
    { reasons: [{ key: "deposit.tooManyQualityDisputes", params: { lost: 3, allowed: 2 } }] },
    { reasons: [] },
  ],
  "deposit.missingDocuments": [
    { required: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"], missing: ["QUALITY_INSPECTION_REPORT"] },
  ],
  "deposit.sameDocumentForKinds": [
    { kinds: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"], reference: "evidence/s1/sales.csv" },
  ],
  // Refusals rules word themselves (texts-errors.ts).
  "refusal.compensation.aboveCap": [
    { kind: "GIFT", capPercent: 10, cap: money(400, "USD") },
    { kind: "REFUND_WITH_RETURN", capPercent: 100, cap: money(123_450) },
  ],
  "refusal.compensation.abovePaid": [{ paid: money(4_000, "USD"), left: money(1_250, "USD") }],
  "refusal.compensation.heldForReturns": [{ held: money(1_500, "USD"), left: money(0, "USD") }],
  "refusal.compensation.goodwillAbovePaid": [{ paid: money(4_000, "USD"), left: money(1_250, "USD") }],
  "refusal.compensation.orderCancelled": [{}],
  "refusal.currency.order": (["offer", "refund", "claim", "itemPrice"] as const).map((what) => ({
    what,
    currency: "USD",
  })),
  "refusal.currency.settlement": [
    { what: "settlementAmount", currency: "CNY", given: null },
    { what: "minMonthlySales", currency: "CNY", given: "USD" },
  ],
  "refusal.currency.deposit": [{ currency: "CNY", given: "USD" }],
  "refusal.time.future": [{ field: "placedAt" }],
  "refusal.time.mustBeFuture": [{ field: "expiresAt" }],
  "refusal.order.shipByAfterPlaced": [{}],
  "refusal.order.shippedBeforePlaced": [{}],
  "refusal.order.deliveredBeforeShipped": [{}],
  "refusal.deposit.termEndAfterStart": [{}],
  "refusal.deposit.termEndAfterPaid": [{}],
  "refusal.deposit.termStartBeforePaid": [{}],
  "refusal.limit.caseRemedies": [{ max: 20 }],
  "refusal.limit.caseOffers": [{ max: 20 }],
  "refusal.limit.caseReturns": [{ max: 5 }],
  "refusal.limit.caseEvidence": (["SELLER", "BUYER", "PLATFORM"] as const).map((side) => ({ max: 10, side })),
  "refusal.limit.casePlatformEvidence": [{ max: 3, forOperators: 2 }],
  "refusal.limit.orderOpenCases": (["BUYER", "SELLER", "PLATFORM"] as const).map((side) => ({ max: 20, side })),
  "refusal.limit.orderCases": (["BUYER", "SELLER", "PLATFORM"] as const).map((side) => ({ max: 50, side })),
  "refusal.limit.orderIncidents": [{ max: 10 }],
  "refusal.limit.webhookEndpoints": [{ max: 10 }],
  "refusal.limit.webhookEndpointsPerTool": [{ max: 3 }],
  "refusal.order.transition": [
    { action: "ship", status: "CANCELLED", allowed: ["AWAITING_SHIPMENT"] },
    { action: "deliver", status: "AWAITING_SHIPMENT", allowed: ["SHIPPED"] },
    { action: "cancel", status: "SHIPPED", allowed: ["AWAITING_SHIPMENT"] },
  ],
  "refusal.order.expediteFrom": [{ status: "SHIPPED" }],
  "refusal.order.alreadyExpedited": [
    { since: "2026-11-27T02:00:00.000Z", markAgainFrom: null },
    { since: "2026-11-20T02:00:00.000Z", markAgainFrom: "2026-11-22T02:00:00.000Z" },
    { since: null, markAgainFrom: null },
  ],
  "refusal.order.handlingOrShipBy": [{}],
  "refusal.order.handlingTooLong": [{ maxDays: 30 }],
  "refusal.order.shipByTooLate": [{ maxDays: 30 }],
  "refusal.order.systemErrorTicket": [{}],
  "refusal.order.incidentOn": [{ status: "DELIVERED" }],
  "refusal.order.trackingReportOn": [{ status: "AWAITING_SHIPMENT" }],
  "refusal.order.trackingNotTheOrders": [
    { given: "LP00123456789CN", tracking: "LP00999999999CN" },
    { given: "LP00123456789CN", tracking: null },
  ],
  "refusal.order.trackingNotReported": [{}],
  "refusal.order.duplicate": [{ marketplaceOrderId: "AE-77", orderId: "ord_01J" }],
  "refusal.order.importKeyReused": [{}],
  "refusal.case.transition": Cases.CASE_ACTIONS.map((action) => ({
    action,
    status: "CLOSED" as const,
    allowed: ["AWAITING_SELLER", "AWAITING_BUYER"] as Cases.CaseStatus[],
  })),
  "refusal.case.offerPending": [{}],
  "refusal.case.cancelledOrder": [{}],
  "refusal.case.duplicateLateCase": [{ orderId: "ord_01J", caseId: "case_01K" }],
  "refusal.case.duplicateDispute": Cases.CASE_REASONS.map((reason) => ({
    orderId: "ord_01J",
    caseId: "case_01K",
    reason,
  })),
  "refusal.case.lateShipmentNotLate": [{ shipBy: "2026-11-27T02:00:00.000Z" }],
  "refusal.case.claimAbovePaid": [{ paid: money(3_800, "USD") }],
  "refusal.case.claimZero": [{}],
  "refusal.case.claimOnBuyerCaseOnly": [{ part: "text" }, { part: "amount" }],
  "refusal.case.outcomeViaOffer": [{}],
  "refusal.case.outcomeWithoutRemedy": [{ outcome: "REFUNDED", kinds: ["FULL_REFUND", "PARTIAL_REFUND"] }],
  "refusal.case.refundShortOfClaim": [
    { outcome: "REFUNDED", refunded: money(1, "USD"), claimed: money(4_000, "USD"), left: money(4_999, "USD") },
    {
      outcome: "REFUNDED",
      refunded: money(900, "USD"),
      claimed: money(1_000, "USD"),
      left: money(3_100, "USD"),
      elsewhere: money(400, "USD"),
    },
    { outcome: "RETURNED_AND_REFUNDED", refunded: money(1_000, "USD"), claimed: null, left: money(3_999, "USD") },
  ],
  "refusal.case.replacedNeedsBuyer": [{}],
  "refusal.case.lateIncidentOutcome": [{ outcome: "REFUNDED" }],
  "refusal.case.lateIncidentAction": [{ action: "ESCALATE" }, { action: "DECIDE" }],
  "refusal.case.shippedLateCaseOnly": [{}],
  "refusal.case.decisionNeedsNote": [{ outcome: "DECIDED_FOR_BUYER" }],
  "refusal.case.platformRefundOutcome": [{ outcome: "DECIDED_FOR_SELLER" }],
  "refusal.case.platformRefundHeld": [{ held: money(4_000, "USD") }],
  "refusal.case.shippedNotShipped": [{}],
  "refusal.case.cancelledLateCaseOnly": [{}],
  "refusal.case.cancelledNotCancelled": [{}],
  "refusal.case.shippedStepsOpen": [
    { open: ["PLATFORM_SUPPORT_TICKET", "CONTACT_BUYER"] },
    { open: ["CONTACT_BUYER"] },
  ],
  "refusal.offer.discountAsPercent": [{}],
  "refusal.offer.needsAmount": Compensation.OFFER_KINDS.map((kind) => ({ kind })),
  "refusal.offer.worthNothing": [{}],
  "refusal.offer.validity": [{ maxDays: 30 }],
  "refusal.offer.tooShort": [{ minHours: 24 }],
  "refusal.offer.notPending": [{ status: "WITHDRAWN" }],
  "refusal.offer.expired": [{ expiresAt: SHIP_BY }],
  "refusal.offer.expiredNotWithdrawn": [{ expiresAt: SHIP_BY }],
  "refusal.remedy.partialRefundAmount": [{}],
  "refusal.remedy.nothingLeft": [{}],
  "refusal.remedy.amountAboveZero": [{}],
  "refusal.remedy.noAmount": Cases.REMEDY_KINDS.map((kind) => ({ kind })),
  "refusal.remedy.fullRefundAmount": [{ left: money(3_999, "USD") }],
  "refusal.remedy.ticketReference": [{}],
  "refusal.remedy.openReturn": [
    { kind: "PARTIAL_REFUND", returnKind: "REFUND_WITH_RETURN", status: "RECEIVED" },
    { kind: "RETURN_AND_REFUND", returnKind: "REPLACEMENT_WITH_RETURN", status: "AUTHORISED" },
  ],
  "refusal.remedy.duplicateRefund": [
    { reference: "RF-778812", remedyId: "rem_1", kind: "PARTIAL_REFUND", amount: money(1_500, "USD"), caseId: null },
    { reference: "RF-778812", remedyId: "rem_1", kind: "FULL_REFUND", amount: null, caseId: "cas_2" },
  ],
  "refusal.return.kind": Returns.RETURN_ACTIONS.map((action) => ({
    action,
    kind: "REFUND_WITH_RETURN" as const,
    kinds: ["REPLACEMENT_WITH_RETURN"] as Returns.ReturnKind[],
  })),
  "refusal.return.transition": Returns.RETURN_ACTIONS.map((action) => ({
    action,
    status: "CANCELLED" as const,
    allowed: ["AUTHORISED", "SHIPPED_BACK"] as Returns.ReturnStatus[],
  })),
  "refusal.return.lapsed": [{ shipBackBy: SHIP_BY }],
  "refusal.return.needsGoods": [{ status: "AWAITING_SHIPMENT" }],
  "refusal.return.goodsNeverReceived": [
    { reason: "NOT_RECEIVED" },
    { reason: "NOT_SHIPPED" },
    { reason: "LATE_SHIPMENT" },
  ],
  "refusal.return.acceptGoodsNeverReceived": [{ reason: "NOT_RECEIVED" }, { reason: "LATE_SHIPMENT" }],
  "refusal.return.noPercentOff": [{}],
  "refusal.return.exchangeNoAmount": [{}],
  "refusal.changedMeanwhile": (
    ["order", "case", "deposit", "application", "violation", "endpoint", "redeliveries", "seller"] as const
  ).map((what) => ({
    what,
  })),
  "refusal.deposit.moreThanZero": (
    ["settlementAmount", "depositAmount", "salesTarget", "minMonthlySales"] as const
  ).map((what) => ({ what })),
  "refusal.deposit.limitedNeeds": (["termStart", "termEnd", "salesTarget"] as const).map((part) => ({ part })),
  "refusal.deposit.onlyUnlimitedSustained": [{}],
  "refusal.deposit.unlimitedNeedsRule": [{}],
  "refusal.deposit.unlimitedNoTerm": [{ field: "termStart" }, { field: "termEnd" }],
  "refusal.deposit.unlimitedNoTarget": [{}],
  "refusal.deposit.sustainedMonths": [{ max: 24 }],
  "refusal.deposit.applicationOpen": [{ applicationId: "dep_01#app_02" }],
  "refusal.deposit.duplicate": [{ depositId: "dep_01", amount: money(1_000_000), paidAt: SHIP_BY }],
  "refusal.deposit.alreadyDecided": [
    { applicationId: "dep_01#app_02", status: "DENIED", decidedAt: SHIP_BY },
    { applicationId: "dep_01#app_02", status: "APPROVED", decidedAt: null },
  ],
  "refusal.deposit.duplicateViolation": [
    { violationId: "01JVIOLATION", severity: "MAJOR", kind: "QUALITY", occurredAt: SHIP_BY },
  ],
  "refusal.deposit.violationAlreadyVoided": [{ violationId: "01JVIOLATION", voidedAt: SHIP_BY }],
  "refusal.deposit.decideFrom": [{ status: "HELD" }],
  "refusal.deposit.fullIsWhole": [{ deposit: money(1_000_000) }],
  "refusal.deposit.partialNeedsAmount": [{}],
  "refusal.deposit.partialMoreThanZero": [{}],
  "refusal.deposit.aboveDeposit": [{ deposit: money(1_000_000), asked: money(1_200_000) }],
  "refusal.deposit.partialIsWhole": [{ asked: money(1_000_000) }],
  "refusal.deposit.needsReason": [{ decision: "partial" }, { decision: "deny" }, { decision: "override" }],
  "refusal.deposit.denyNoAmount": [{}],
  "refusal.key.grant": (
    [
      "sellerNeedsSeller",
      "sellerNoGrant",
      "partnerAtLeastOne",
      "partnerUsesSellerIds",
      "partnerNotAll",
      "marketplaceUsesSellerIds",
      "marketplaceNoAccess",
      "allOrList",
      "marketplaceNeedsGrant",
      "operatorNoGrant",
    ] as const
  ).map((rule) => ({ rule })),
  "refusal.key.alreadyRevoked": [{ revokedAt: SHIP_BY }],
  "refusal.key.revokedMeanwhile": [{}],
  "refusal.key.unknownSellers": [{ sellerIds: ["seller-a", "seller-b"] }],
  "refusal.webhook.urlTooLong": [{ max: 2048 }],
  "refusal.webhook.urlNotAbsolute": [{}],
  "refusal.webhook.urlCredentials": [{}],
  "refusal.webhook.urlLocal": [{}],
  "refusal.webhook.urlHttps": [{}],
  "refusal.webhook.urlPort": [{ port: 25 }],
  "refusal.webhook.urlPrivate": ADDRESS_KINDS.map((addressKind) => ({ host: "10.0.0.5", addressKind })),
  "refusal.webhook.already": [{ state: "ENABLED" }, { state: "DISABLED" }],
  "refusal.webhook.disabledByHigher": [{ by: "SELLER" }, { by: "OPERATOR" }, { by: "PARTNER" }],
  "refusal.webhook.deleteSwitchedOff": [{ by: "SELLER" }, { by: "OPERATOR" }, { by: "PARTNER" }],
  "refusal.webhook.registerWhileSwitchedOff": [
    { by: "SELLER", endpointId: "whe_01" },
    { by: "OPERATOR", endpointId: "whe_01" },
    { by: "PARTNER", endpointId: "whe_01" },
  ],
  "refusal.webhook.ownerAccessEnded": [{}],
  "refusal.webhook.updateNothing": [{}],
  "refusal.webhook.overlap": [{ maxHours: 168 }],
  "refusal.webhook.disabledRedeliver": [{}],
  "refusal.webhook.endpointUnreadable": [{}],
  "refusal.webhook.redeliveryWaiting": [{}],
  "refusal.webhook.redeliveryCap": [{ max: 10, days: 30 }],
  "refusal.webhook.notSubscribed": [{ type: "ORDER_CREATED" }],
  "refusal.notFound": (["offerOnCase", "returnOnCase", "webhookEndpoint", "endpoint", "event"] as const).map(
    (what) => ({ what }),
  ),
  "refusal.request.pageSize": [{ max: 100 }],
  "refusal.request.cursor": (["malformed", "altered", "otherList", "outOfRange"] as const).map((problem) => ({
    problem,
  })),
  "refusal.request.sellerForbidden": [{}],
  "refusal.request.sellerRequired": [{}],
  "refusal.request.sellerIdInvalid": [{}],
  "refusal.request.orderLookup": [{ problem: "idOrMarketplaceId" }, { problem: "sellerIdWithId" }],
  "refusal.request.filter": [{ field: "updatedSince", text: { key: "schema.dateFormat", params: {} } }],
  "refusal.request.forbidden": FORBIDDEN_RULES.map((rule) => ({ rule })),
  // Each action refused with the side the table gives it, and an operator's.
  "refusal.case.roleForbidden": Cases.CASE_ACTIONS.flatMap((action) => [
    { action, role: Cases.TRANSITIONS[action].role },
    { action, role: "OPERATOR" as const },
  ]),
  "refusal.case.openForbidden": [{ source: "BUYER" }, { source: "SYSTEM" }],
  "refusal.return.roleForbidden": Returns.RETURN_ACTIONS.map((action) => ({
    action,
    role: Returns.RETURN_TRANSITIONS[action].role,
  })),
  // Messages input schemas give their own checks.
  "schema.aboutField": [{ field: "shipBy", text: { key: "schema.dateFormat", params: {} } }],
  "schema.empty": NOUNS.map((what) => ({ what })),
  "schema.tooLong": NOUNS.map((what) => ({ what, max: 64 })),
  "schema.tooShort": [
    { what: "trackingNumber", min: 4 },
    { what: "idempotencyKey", min: 8 },
  ],
  "schema.atLeast": COUNTS.flatMap((what) => [
    { what, min: 1 },
    { what, min: 2 },
  ]),
  "schema.atMost": COUNTS.map((what) => ({ what, max: 168 })),
  "schema.wholeNumber": COUNTS.map((what) => ({ what })),
  "schema.referenceAscii": [{ what: "evidenceReference" }],
  "schema.referenceFormat": [{ what: "evidenceReference" }, { what: "documentReference" }],
  "schema.trackingCharacters": [{}],
  "schema.controlCharacters": NOUNS.flatMap((what) => [
    { what, multiLine: false },
    { what, multiLine: true },
  ]),
  "schema.loneSurrogate": NOUNS.map((what) => ({ what })),
  "schema.invisibleCharacters": NOUNS.map((what) => ({ what })),
  "schema.idempotencyKeyCharacters": [{}],
  "schema.checksum": [{}],
  "schema.currencyCode": [{}],
  "schema.currencyUnknown": [{}],
  "schema.countryCode": [{}],
  "schema.countryUnknown": [{}],
  "schema.amountNumber": [{}],
  "schema.amountInteger": [{}],
  "schema.amountNegative": [{}],
  "schema.amountTooBig": [{ max: Number.MAX_SAFE_INTEGER }],
  "schema.dateFormat": [{}],
  "schema.dateNoMonth": [{ month: "13" }],
  "schema.dateNoDay": [{ yearMonth: "2026-02", dayOfMonth: "30" }],
  "schema.timeOfDay": [{}],
  "schema.utcOffset": [{}],
  "schema.dateEarliest": [{ earliest: "2000-01-01T00:00:00Z" }],
  "schema.dateHorizon": [{ field: "shipBy", years: 10, latest: "2036-11-20T00:00:00.000Z" }],
  "schema.timeZoneUnknown": [{}],
  "schema.timeZoneName": [{}],
  "schema.sellerIdReserved": [{ id: "OPERATORS" }],
  "schema.language": [{ values: ["en", "zh-CN"] }, { values: ["EN", "ZH_CN"] }],
  "schema.giveUrl": [{}],
  "schema.giveSellerName": [{}],
  "schema.giveKeyLabel": [{}],
  "risk.factorLabel": [...Risk.ORDER_FACTORS, ...Risk.CASE_FACTORS, ...Risk.SELLER_FACTORS].map((code) => ({ code })),
  "risk.action": Risk.ACTION_CODES.map((code) => ({ code })),
  "risk.order.state": ORDER_STATES,
  "risk.order.shipByOverdue": [{ hours: 49.5, shipBy: SHIP_BY, fullAfterHours: 72 }],
  "risk.order.shipByFar": [{ hours: 100, shipBy: SHIP_BY, horizonHours: 72 }],
  "risk.order.shipByNear": [{ hours: 1, shipBy: SHIP_BY }],
  "risk.order.handlingUsedUp": [{ placedAt: "2026-11-25T02:00:00.000Z", shipBy: SHIP_BY }],
  "risk.order.handlingUsed": [{ usedPercent: 40, placedAt: "2026-11-25T02:00:00.000Z", shipBy: SHIP_BY }],
  "risk.order.expedited": [
    { since: "2026-11-27T02:00:00.000Z", late: true },
    { since: null, late: false },
  ],
  "risk.order.expeditedBeforeRisk": [
    { since: "2026-11-20T02:00:00.000Z", windowHours: 24, late: true, windowBegun: true },
    { since: "2026-11-20T02:00:00.000Z", windowHours: 24, late: false, windowBegun: true },
    { since: "2026-11-20T02:00:00.000Z", windowHours: 24, late: false, windowBegun: false },
  ],
  "risk.order.lateNotExpedited": [{}],
  "risk.order.nearNotExpedited": [{ windowHours: 24 }],
  "risk.order.farNotExpedited": [{ windowHours: 24 }],
  "risk.order.lateRateIrrelevant": ORDER_STATES,
  "risk.order.noShipments": [{}],
  "risk.order.lateRate": [{ late: 3, counted: 100, ratePercent: 3, fullAtPercent: 10 }],
  "risk.order.noOpenCases": [{}],
  "risk.order.openCases": [
    { escalated: 1, disputes: 2, system: 3 },
    { escalated: 0, disputes: 1, system: 0 },
  ],
  "risk.order.valueNoBaseline": [{ amount: money(26_000) }],
  "risk.order.valueNotAtStake": (["SHIPPED", "CANCELLED"] as const).map((status) => ({
    amount: money(26_000),
    ratio: 2.5,
    average: money(10_400),
    status,
  })),
  "risk.order.value": [{ amount: money(26_000), ratio: 2.5, average: money(10_400), fullAtMultiple: 4 }],
  "risk.order.valueRefunded": [
    { paid: money(4_000, "USD"), refunded: money(4_000, "USD"), held: null },
    { paid: money(4_000, "USD"), refunded: money(1_500, "USD"), held: money(2_500, "USD") },
  ],
  "risk.display.deadline": [
    { hours: 49.5, overdue: true },
    { hours: 1, overdue: false },
  ],
  "risk.display.orderStatus": (["AWAITING_SHIPMENT", "SHIPPED", "DELIVERED", "CANCELLED"] as const).map((status) => ({
    status,
  })),
  "risk.display.handlingUsed": [{ usedPercent: 40 }],
  "risk.display.expedited": [{ expedited: true }, { expedited: false }],
  "risk.display.lateRate": [{ ratePercent: 3.3 }, { ratePercent: 0 }],
  "risk.display.noData": [{}],
  "risk.display.openCases": [{ count: 1 }, { count: 2 }],
  "risk.display.orderValue": [
    { amount: money(26_000), ratio: 2.5 },
    { amount: money(26_000), ratio: null },
  ],
  "risk.display.escalated": (["ESCALATED", "WAS_ESCALATED", "NOT_ESCALATED"] as const).map((state) => ({ state })),
  "risk.display.caseStatus": Cases.CASE_STATUSES.map((status) => ({ status })),
  "risk.display.answered": [{}],
  "risk.display.returnAwaited": [{}],
  "risk.display.replied": [{ replied: true }, { replied: false }],
  "risk.display.messages": [{ count: 1 }, { count: 3 }],
  "risk.display.offers": [{ count: 0 }, { count: 2 }],
  "risk.display.claim": [
    { claim: money(1_200, "USD"), paid: money(3_800, "USD") },
    { claim: money(1_200, "USD"), paid: money(3_800, "USD"), left: money(200, "USD") },
    { claim: money(1_200, "EUR"), paid: null },
    { claim: null, paid: null },
  ],
  "risk.display.caseReason": Cases.CASE_REASONS.map((reason) => ({ reason })),
  "risk.case.closed": [
    { status: "RESOLVED", outcome: "REFUNDED", since: "2026-11-26T01:00:00.000Z" },
    { status: "CLOSED", outcome: null, since: null },
    ...Cases.CASE_OUTCOMES.map((outcome) => ({ status: "RESOLVED" as const, outcome, since: null })),
  ],
  "risk.case.escalated": [
    { since: "2026-11-26T01:00:00.000Z", by: "BUYER" as const },
    { since: null, by: "BUYER" as const },
    ...(["CONFIRM_RECEIPT", "REFUND", "SHIP_REPLACEMENT"] as const).map((step) => ({
      since: "2026-11-26T01:00:00.000Z",
      by: "MISSED_RETURN_DEADLINE" as const,
      step,
      deadline: SHIP_BY,
    })),
  ],
  "risk.case.notEscalated": [{}],
  "risk.case.notAwaitingSeller": Cases.CASE_STATUSES.map((status) => ({ status })),
  "risk.case.respondByOverdue": [{ hours: 24, respondBy: SHIP_BY }],
  "risk.case.respondByFar": [{ hours: 100.5, respondBy: SHIP_BY, horizonHours: 48 }],
  "risk.case.respondByNear": [{ hours: 1, respondBy: SHIP_BY }],
  "risk.case.returnAwaited": [{ shipBackBy: SHIP_BY }],
  "risk.case.returnOverdue": (["CONFIRM_RECEIPT", "REFUND", "SHIP_REPLACEMENT"] as const).map((step) => ({
    step,
    hours: 60,
    deadline: SHIP_BY,
  })),
  "risk.case.returnLeft": (["CONFIRM_RECEIPT", "REFUND", "SHIP_REPLACEMENT"] as const).map((step) => ({
    step,
    hours: 71.2,
    deadline: SHIP_BY,
  })),
  "risk.case.replied": [
    { at: "2026-11-26T01:00:00.000Z", afterDeadline: true },
    { at: "2026-11-26T01:00:00.000Z", afterDeadline: false },
  ],
  "risk.case.noReply": [{ openedAt: "2026-11-26T01:00:00.000Z", hours: 30.5 }],
  "risk.case.noUnansweredMessages": [{}],
  "risk.case.unansweredMessages": [
    { count: 3, lastAt: "2026-11-26T01:00:00.000Z", fullAt: 3, escalated: false },
    { count: 1, lastAt: null, fullAt: 3, escalated: false },
    { count: 2, lastAt: "2026-11-26T01:00:00.000Z", fullAt: 3, escalated: true },
  ],
  "risk.case.noOffers": [{}],
  "risk.case.noRejectedOffers": [{}],
  "risk.case.rejectedOffers": [
    { declined: 1, expired: 1 },
    { declined: 0, expired: 2 },
    { declined: 3, expired: 0 },
  ],
  "risk.case.noClaim": [{}],
  "risk.case.claimIncomparable": [{ claim: money(1_200, "EUR"), paid: money(3_800, "USD") }],
  "risk.case.claim": [{ claim: money(1_200, "USD"), paid: money(3_800, "USD"), percent: 32 }],
  "risk.case.claimAboveRefundable": [
    { claim: money(3_800, "USD"), left: money(0, "USD"), paid: money(3_800, "USD"), percent: 0 },
    { claim: money(3_800, "USD"), left: money(800, "USD"), paid: money(3_800, "USD"), percent: 21 },
  ],
  "risk.case.claimLeft": [
    {
      claim: money(1_200, "USD"),
      refunded: money(1_000, "USD"),
      left: money(200, "USD"),
      paid: money(3_800, "USD"),
      percent: 5,
    },
    {
      claim: money(1_200, "USD"),
      refunded: money(3_800, "USD"),
      left: money(0, "USD"),
      paid: money(3_800, "USD"),
      percent: 0,
    },
  ],
  "risk.case.reason": Cases.CASE_REASONS.map((reason) => ({ reason })),
  "health.metricLabel": Risk.METRIC_NAMES.map((name) => ({ name })),
  "health.metric.nothingCounted": Risk.METRIC_NAMES.flatMap((name) =>
    (["30d", "60d"] as const).map((window) => ({ name, window })),
  ),
  "health.metric.nothingCountedTarget": Risk.METRIC_NAMES.map((name) => ({ name, ...TARGETS[name] })),
  "health.metric.rate": [
    { name: "LATE_SHIPMENT_RATE", value: 10, numerator: 3, denominator: 30, status: "BAD", atRiskMargin: 1 },
    { name: "DISPUTE_RATE", value: 0.8, numerator: 4, denominator: 500, status: "AT_RISK", atRiskMargin: 0.25 },
    {
      name: "ON_TIME_FIRST_RESPONSE_RATE",
      value: 100,
      numerator: 20,
      denominator: 20,
      status: "GOOD",
      atRiskMargin: 5,
    },
    { name: "VALID_TRACKING_RATE", value: 96.67, numerator: 29, denominator: 30, status: "AT_RISK", atRiskMargin: 2 },
  ].map((p) => ({ ...p, ...TARGETS[p.name as Risk.MetricName] }) as I18n.TextParams["health.metric.rate"]),
  "health.consequence.violation": [
    { severity: "MINOR", kind: "QUALITY", day: "2026-04-10", until: null, blockingSeverity: "MAJOR" },
    {
      severity: "MAJOR",
      kind: "LATE_SHIPMENT_BREACH",
      day: "2026-08-03",
      until: "2027-08-03",
      blockingSeverity: "MAJOR",
    },
  ],
  "health.consequence.qualityDisputes": [{ lost: 3, allowed: 2, windowDays: 60 }],
  "health.consequence.metricMissesTarget": [
    { name: "LATE_SHIPMENT_RATE", value: 12.5, ...TARGETS.LATE_SHIPMENT_RATE },
    { name: "VALID_TRACKING_RATE", value: 95, ...TARGETS.VALID_TRACKING_RATE },
  ],
  "health.risk.noViolations": [
    { windowMonths: 12, qualityDisputes: null },
    { windowMonths: 12, qualityDisputes: { lost: 5, allowed: 2, windowDays: 60 } },
  ],
  "health.risk.violations": [
    {
      violations: [
        { severity: "MINOR", kind: "QUALITY", day: "2026-04-10" },
        { severity: "CRITICAL", kind: "COUNTERFEIT", day: "2026-10-01" },
      ],
      blocking: 2,
      qualityDisputes: { lost: 3, allowed: 2, windowDays: 60 },
    },
    { violations: [{ severity: "MINOR", kind: "OTHER", day: "2026-09-01" }], blocking: 0, qualityDisputes: null },
  ],
  "health.display.violations": [
    { count: 1, blocking: 0, qualityDisputesLost: null },
    { count: 3, blocking: 2, qualityDisputesLost: null },
    { count: 0, blocking: 0, qualityDisputesLost: 5 },
  ],
  "health.display.escalations": [{ count: 1 }, { count: 4 }],
  "health.risk.noEscalations": [{ windowDays: 60 }],
  "health.risk.escalations": [
    { count: 1, fullAt: 5, windowDays: 60 },
    { count: 7, fullAt: 5, windowDays: 60 },
  ],
  ...TIMELINE_SAMPLES,
};

/** Parameters shown as they are (ids, field paths, the client's own words): the sentence must show them verbatim. */
const VERBATIM = new Set([
  ...["field", "sellerId", "keys", "values", "type", "format", "sellerIds", "host", "currency", "given"],
  ...["allowed", "kinds", "orderId", "caseId", "marketplaceOrderId", "applicationId", "earliest"],
  ...["yearMonth", "dayOfMonth"],
]);

/** A refusal names the state it refuses in as the API spells it (`CANCELLED`); other texts say it in words. */
const verbatimIn = (key: string) =>
  key.startsWith("refusal.")
    ? new Set([...VERBATIM, "status"])
    : key.startsWith("timeline.")
      ? new Set([...VERBATIM, ...TIMELINE_VERBATIM])
      : VERBATIM;

/** A timeline line shows the people's notes and the parcel's carrier and tracking number as they were given. */
const TIMELINE_VERBATIM = ["note", "carrier", "trackingNumber"];

/** Parameters that are a calendar day or month of the seller's (`YYYY-MM-DD`, `YYYY-MM`). */
const DAYS = new Set(["day", "until", "lastDay", "month"]);

/** The figures a sentence must show for its parameters, written as the language writes them. */
function figures(params: Record<string, unknown>, f: I18n.Formats, verbatim = VERBATIM): string[] {
  return Object.entries(params).flatMap(([name, value]): string[] => {
    if (value === null || typeof value === "boolean") return [];
    // Parts of a list that are absent ("1 buyer dispute", no "0 escalated cases").
    if (value === 0 && ["escalated", "disputes", "system", "declined", "expired"].includes(name)) return [];
    // An exchange moves no money: its offer's line leaves the amount (0) out.
    if (name === "amount" && params.kind === "REPLACEMENT_WITH_RETURN") return [];
    // A term still running is counted "up to now": its end is not in the sentence.
    if (name === "termEnd" && params.ongoing === true) return [];
    // A sentence that says "before the deadline" instead of a negative delay.
    if (name === "lateHours" && typeof value === "number" && value <= 0) return [];
    // The margin of an AT_RISK metric: only a metric that meets its target by less than it names it.
    if (name === "atRiskMargin" && params.status !== "AT_RISK") return [];
    // Percents: a share as given, a health target (`4%`), a health rate as its field holds it (`12.50%`).
    if (typeof value === "number" && (name === "percent" || name === "target")) return [f.percent(value)];
    if (typeof value === "number" && name === "value") return [f.percent(value, 2)];
    if (typeof value === "number") return [String(value)];
    if (Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && !("key" in v)))
      return value.flatMap((v) => figures(v as Record<string, unknown>, f, verbatim));
    if (Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && "key" in v))
      return value.map((v) => f.write(v as I18n.Text));
    if (typeof value === "string" && DAYS.has(name)) return [name === "month" ? value : f.day(value)];
    if (typeof value === "object" && value !== null && "amountMinor" in value)
      return [f.money(value as { amountMinor: number; currency: string })];
    // An instant a rule states as a client writes it (`Dates start at 2000-01-01T00:00:00Z`) is shown verbatim.
    if (verbatim.has(name)) return Array.isArray(value) ? value.map(String) : [String(value)];
    if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) return [f.dateTime(value)];
    return [];
  });
}

describe("the text catalogs", () => {
  const keys = Object.keys(SAMPLES).sort();

  it("have every key in every language, and no other", () => {
    expect(keys.length).toBeGreaterThan(20);
    for (const language of I18n.LANGUAGES) expect(Object.keys(I18n.CATALOGS[language]).sort(), language).toEqual(keys);
  });

  for (const language of I18n.LANGUAGES) {
    it(`write every key in ${language}: filled, with the figures they were given`, () => {
      const formats = I18n.formatsFor({ language, timeZone: "Asia/Shanghai", now: "2026-11-20T00:00:00.000Z" });
      for (const key of keys as I18n.TextKey[]) {
        for (const params of SAMPLES[key]) {
          const written = I18n.render({ text: { key, params } as I18n.Text, formats });
          expect(written.trim().length, key).toBeGreaterThan(2);
          expect(written, key).not.toMatch(/\{|\}|undefined|\bnull\b|NaN|\[object/);
          for (const figure of figures(params as Record<string, unknown>, formats, verbatimIn(key)))
            expect(written, `${key} shows ${figure}`).toContain(figure);
          // A Chinese text that is the English one copied over is a missing translation.
          if (language === "zh-CN") expect(written, key).toMatch(/[\u4e00-\u9fff]/);
          if (language === "zh-CN" && !CODES_KEPT.has(key))
            expect(codesInSentence(written), `${key}: codes read as words in a sentence`).toEqual([]);
          if (language === "en") expect(written, key).not.toMatch(/[\u4e00-\u9fff]/);
        }
      }
    });
  }
});

describe("the case timeline's lines", () => {
  it("name no code in Chinese: kinds, reasons, outcomes and sides in the glossary's words", () => {
    const formats = I18n.formatsFor({ language: "zh-CN", timeZone: "Asia/Shanghai", now: "2026-11-20T00:00:00.000Z" });
    for (const [key, samples] of Object.entries(TIMELINE_SAMPLES)) {
      for (const params of samples) {
        // What may stay in Latin letters: the order id, the parcel and the people's own notes.
        const given = [params, ...Object.values(params)].flatMap((v) =>
          typeof v === "object" && v !== null ? TIMELINE_VERBATIM.concat("marketplaceOrderId").map((n) => v[n]) : [],
        );
        let written = I18n.render({ text: { key, params } as I18n.Text, formats });
        for (const word of given) if (typeof word === "string") written = written.replace(word, "");
        expect(written, key).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
  });
});

describe("money in sentences and in `formatted`", () => {
  it("reads CN¥1,234.50 in English and ¥1,234.50 in Chinese, pinned on every runtime", () => {
    expect(I18n.money({ language: "en", money: money(123_450) })).toBe("CN¥1,234.50");
    expect(I18n.money({ language: "zh-CN", money: money(123_450) })).toBe("¥1,234.50");
    expect(I18n.money({ language: "en", money: money(570, "USD") })).toBe("$5.70");
    expect(I18n.money({ language: "zh-CN", money: money(570, "USD") })).toBe("US$5.70");
    expect(I18n.money({ language: "zh-CN", money: money(1_235, "JPY") })).toBe("JP¥1,235");
    expect(I18n.money({ language: "en", money: money(-5) })).toBe("-CN¥0.05");
    // Exact at the top of the range (a division would round it).
    expect(I18n.money({ language: "zh-CN", money: money(Number.MAX_SAFE_INTEGER) })).toBe("¥90,071,992,547,409.91");
  });

  it("groups thousands as Intl's en-US does, at every length and number of minor digits", () => {
    const symbols = { JPY: "¥", CNY: "CN¥", KWD: "KWD\u00a0", CLF: "CLF\u00a0" };
    for (const [currency, digits] of [
      ["JPY", 0],
      ["CNY", 2],
      ["KWD", 3],
      ["CLF", 4],
    ] as const) {
      const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
      // 1, 12, 123, … up to 16 digits, and the same minus one (…999), so every grouping boundary is crossed.
      const amounts = Array.from({ length: 16 }, (_, n) => Number("1234567890123456".slice(0, n + 1)));
      for (const amount of [
        0,
        ...amounts,
        ...amounts.map((a) => 10 ** String(a).length - 1).filter(Number.isSafeInteger),
        Number.MAX_SAFE_INTEGER,
      ]) {
        const expected = `${symbols[currency]}${intl.format(Money.decimalString(amount, digits))}`;
        expect(I18n.money({ language: "en", money: { amountMinor: amount, currency } }), `${amount}`).toBe(expected);
      }
    }
  });
});

describe("dates in sentences, on the seller's clock", () => {
  it("ship by 28 Nov, 18:00 in Shanghai / 11月28日 18:00", () => {
    const at = { instant: SHIP_BY, timeZone: "Asia/Shanghai", now: "2026-11-20T00:00:00.000Z" };
    expect(I18n.dateTime({ language: "en", ...at })).toBe("28 Nov, 18:00");
    expect(I18n.dateTime({ language: "zh-CN", ...at })).toBe("11月28日 18:00");
  });

  it("moves the day with the zone, and names the year when it is not this year's", () => {
    const la = { instant: "2027-01-01T07:30:00.000Z", timeZone: "America/Los_Angeles", now: SHIP_BY };
    expect(I18n.dateTime({ language: "en", ...la })).toBe("31 Dec, 23:30");
    expect(I18n.dateTime({ language: "en", ...la, timeZone: "Asia/Shanghai" })).toBe("1 Jan 2027, 15:30");
    expect(I18n.dateTime({ language: "zh-CN", ...la, timeZone: "Asia/Shanghai" })).toBe("2027年1月1日 15:30");
  });

  it("midnight is 00:00, not 24:00", () => {
    const at = { instant: "2026-11-27T16:00:00.000Z", timeZone: "Asia/Shanghai", now: SHIP_BY };
    expect(I18n.dateTime({ language: "en", ...at })).toBe("28 Nov, 00:00");
  });
});

describe("the language a request asks for", () => {
  const cases: [string | undefined, I18n.Language | null][] = [
    ["zh", "zh-CN"],
    ["zh-CN", "zh-CN"],
    ["zh-Hans", "zh-CN"],
    ["zh-hans-cn", "zh-CN"],
    ["en-GB", "en"],
    ["zh-TW", null],
    // A tag naming the Simplified script is Simplified Chinese whatever its region; the Traditional script never is.
    ["zh-Hans-HK", "zh-CN"],
    ["zh-Hans-TW", "zh-CN"],
    ["zh-hans-mo", "zh-CN"],
    ["zh-HK", null],
    ["zh-MO", null],
    ["zh-Hant", null],
    ["zh-Hant-CN", null],
    ["zh-Hant-HK, zh-Hans-HK;q=0.8, en;q=0.5", "zh-CN"],
    ["fr", null],
    ["*", null],
    ["", null],
    [undefined, null],
    ["fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.5", "zh-CN"],
    ["en;q=0.4, zh-CN;q=0.9", "zh-CN"],
    ["zh-CN;q=0, en", "en"],
    ["en;q=1, zh;q=1", "en"],
    ["zh;q=abc, en;q=0.1", "en"],
    ["zh;q=1.5, en;q=0.1", "en"],
    ["de, zh;q=0.001", "zh-CN"],
  ];
  for (const [header, expected] of cases)
    it(`${JSON.stringify(header)} → ${expected}`, () => expect(I18n.fromAcceptLanguage(header)).toBe(expected));

  it("falls back to the seller's setting, then English", () => {
    expect(I18n.chosen({ requested: null, sellerSetting: "zh-CN" })).toBe("zh-CN");
    expect(I18n.chosen({ requested: "en", sellerSetting: "zh-CN" })).toBe("en");
    expect(I18n.chosen({ requested: null, sellerSetting: null })).toBe("en");
  });
});

describe("texts built by the rules", () => {
  const late = (): Order => {
    const created = Orders.create({
      id: "o1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      timeZone: "UTC",
      input: {
        marketplaceOrderId: "AE-77",
        items: [{ sku: "S", title: "T", quantity: 1 }],
        buyerTotal: { amountMinor: 3_800, currency: "USD" },
        settlementAmount: { amountMinor: 27_000, currency: "CNY" },
        buyerCountry: "US",
        placedAt: "2026-11-20T00:00:00.000Z",
        handlingDays: null,
        shipBy: SHIP_BY,
      },
      now: "2026-11-20T00:00:00.000Z",
    });
    if (!created.ok) throw new Error("fixture");
    return created.value;
  };

  it("the compensation step's sentence shows the suggested amount and share, in both languages", () => {
    const plan = Remedies.remedyPlan(late(), "2026-12-02T12:00:00.000Z", "UTC")!;
    const offer = plan.steps.find((s) => s.code === "OFFER_COMPENSATION")!;
    const suggested = offer.suggestedCompensation!;
    for (const language of I18n.LANGUAGES) {
      const write = I18n.writer({ language, timeZone: "Asia/Shanghai" });
      const sentence = write(offer.instruction);
      expect(sentence).toContain(I18n.money({ language, money: suggested.amount }));
      expect(sentence).toContain(`${suggested.percentOfOrder}%`);
    }
    // A long delay suggests a discount on the order (the guide's "折扣"), in the reader's language.
    expect(I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai" })(offer.instruction)).toContain("折扣");
  });

  it("money refusals and an exchange offer's line say only the rules that apply", () => {
    const usd = money(1_250, "USD");
    const say = (language: I18n.Language, text: I18n.Text) =>
      I18n.writer({ language, timeZone: "UTC", now: "2026-11-20T00:00:00.000Z" })(text);
    const at = "2026-12-03T10:00:00.000Z";
    for (const language of I18n.LANGUAGES) {
      // Compensation (goodwill) takes nothing from what can be refunded.
      expect(say(language, { key: "refusal.remedy.nothingLeft", params: {} }), language).not.toMatch(
        /compensation|补偿/,
      );
      // A discount is money back on the order, bounded by what is left to refund: not goodwill.
      const goodwill = say(language, {
        key: "refusal.compensation.goodwillAbovePaid",
        params: { paid: usd, left: usd },
      });
      expect(goodwill, language).not.toMatch(/discount|折扣/);
      // An exchange moves no money: its line names no amount.
      const exchange = say(language, {
        key: "timeline.offerMade",
        params: { kind: "REPLACEMENT_WITH_RETURN", amount: money(0, "USD"), expiresAt: at },
      });
      expect(exchange, language).not.toMatch(/0\.00|金额/);
      const refund = say(language, {
        key: "timeline.offerMade",
        params: { kind: "PARTIAL_REFUND", amount: usd, expiresAt: at },
      });
      expect(refund, language).toContain(I18n.money({ language, money: usd }));
    }
    expect(
      say("en", {
        key: "timeline.offerMade",
        params: { kind: "REPLACEMENT_WITH_RETURN", amount: money(0, "USD"), expiresAt: at },
      }),
    ).toBe("Offer made: replacement with return, valid until 3 Dec, 10:00.");
  });

  it("the expedite step names the ship-by deadline on the seller's clock", () => {
    const plan = Remedies.remedyPlan(late(), "2026-11-29T00:00:00.000Z", "UTC")!;
    const expedite = plan.steps.find((s) => s.code === "EXPEDITE_AND_SHIP")!;
    const at = { timeZone: "Asia/Shanghai", now: "2026-11-29T00:00:00.000Z" };
    expect(I18n.writer({ language: "en", ...at })(expedite.instruction)).toContain("ship by 28 Nov, 18:00");
    expect(I18n.writer({ language: "zh-CN", ...at })(expedite.instruction)).toContain("11月28日 18:00前发货");
    expect(I18n.writer({ language: "en", ...at, timeZone: "UTC" })(expedite.instruction)).toContain("28 Nov, 10:00");
  });

  it("seller health: each sentence shows its metric's own figures, violation days on the seller's calendar", () => {
    const health = Risk.sellerHealth({
      window30: {
        shippedOnTime: 26,
        shippedLate: 4,
        shippedWithTracking: 29,
        firstReplies: 10,
        firstRepliesOnTime: 9,
        ordersPlaced: 50,
        cancelledBySeller: 1,
      },
      window60: { ordersPlaced: 70, disputesOpened: 2, qualityDisputesLost: 3 },
      violations: [
        {
          id: "v1",
          sellerId: "s1",
          kind: "COUNTERFEIT",
          severity: "MAJOR",
          // 10 April in Shanghai, still 9 April in UTC.
          occurredAt: "2026-04-09T20:00:00.000Z",
          note: "recorded by the platform",
          recordedAt: "2026-04-09T20:00:00.000Z",
          version: 1,
          voidedAt: null,
          voidedBy: null,
          voidReason: null,
        },
      ],
      now: "2026-11-25T00:00:00.000Z",
      timeZone: "Asia/Shanghai",
    });
    const late = health.metrics.find((m) => m.name === "LATE_SHIPMENT_RATE")!;
    expect(late).toMatchObject({ value: 13.33, numerator: 4, denominator: 30, target: 4, status: "BAD" });
    for (const language of I18n.LANGUAGES) {
      const write = I18n.writer({ language, timeZone: "Asia/Shanghai" });
      for (const m of health.metrics) {
        const sentence = write(m.explanation);
        expect(sentence, m.name).toContain(`${write(m.label)} ${m.value.toFixed(2)}%`);
        expect(sentence, m.name).toMatch(
          new RegExp(`\\b${m.numerator}\\b.*\\b${m.denominator}\\b|\\b${m.denominator}\\b.*\\b${m.numerator}\\b`),
        );
        expect(sentence, m.name).toContain(` ${m.target}%`);
      }
      const misses = health.depositConsequences.filter((c) => c.code === "METRIC_MISSES_TARGET");
      expect(misses.map((c) => c.metric)).toEqual(["LATE_SHIPMENT_RATE", "DISPUTE_RATE"]);
      expect(write(misses[0]!.explanation)).toContain("13.33%");
      const [blocking] = health.depositConsequences;
      expect(blocking).toMatchObject({ code: "BLOCKING_VIOLATION", violationId: "v1" });
      const day = language === "en" ? "2026-04-10" : "2026年4月10日";
      const until = language === "en" ? "2027-04-10" : "2027年4月10日";
      expect(write(blocking!.explanation)).toContain(day);
      expect(write(blocking!.explanation)).toContain(until);
    }
    expect(I18n.english(late.explanation)).toBe(
      "Late-shipment rate 13.33%: 4 of 30 orders shipped or due went late (shipped after their ship-by deadline, or " +
        "not shipped by it) in the last 30 days. The target is below 4%; this misses the target.",
    );
    expect(I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai" })(late.explanation)).toBe(
      "延迟发货率 13.33%：最近30天发货或超过发货截止时间仍未发货的 30 个订单中有 4 个延迟。目标为低于 4%；当前未达到目标。",
    );
  });

  it("a webhook URL refused for its address names the kind of address in words, with its article", () => {
    const formats = I18n.formatsFor({ language: "en", timeZone: "UTC", now: "2026-11-20T00:00:00.000Z" });
    const written = ADDRESS_KINDS.map((addressKind) =>
      I18n.render({ text: { key: "refusal.webhook.urlPrivate", params: { host: "10.0.0.5", addressKind } }, formats }),
    );
    // Not the kind's code ("a linkLocal address").
    for (const line of written) expect(line).not.toMatch(/[a-z][A-Z]/);
    expect(written).toContain("The host 10.0.0.5 is a link-local address: give a public host name.");
    expect(written).toContain("The host 10.0.0.5 is an IPv4-mapped address: give a public host name.");
    expect(written).toContain("The host 10.0.0.5 is an unspecified address: give a public host name.");
  });

  it("an input issue no schema worded is a text: the same refusal in both languages, the field as sent", () => {
    const parsed = Errors.parseInput(
      z.strictObject({ note: z.string().min(1) }),
      { note: "" },
      {
        now: "2026-11-20T00:00:00.000Z",
      },
    );
    if (parsed.ok) throw new Error("expected a refusal");
    const [error] = parsed.errors;
    expect(error!.message).toBe("note cannot be empty.");
    expect(I18n.writer({ language: "zh-CN", timeZone: "UTC" })(error!.text!)).toBe("字段 note 不能为空。");
  });
});

/**
 * Chinese sentences name a state (a status, a severity, a kind) in words from a catalog table; a code is
 * written only where it is what the seller's tool sends (glossary: codes are not translated), or in brackets
 * after the words. Acronyms (URL, ISO 8601, IANA, SKU) and currency codes are not codes.
 */
const ACRONYMS = new Set(["URL", "ISO", "IANA", "UTC", "SKU", "API", "ASCII", "NAT", "SHA"]);
/** Keys whose codes are values the seller's tool sends: the sentence tells it which one to send. */
const CODES_KEPT = new Set<string>([
  "refusal.order.systemErrorTicket", // record SUSPECTED_PLATFORM_ERROR instead
  "refusal.case.outcomeViaOffer", // the COMPENSATION_ACCEPTED outcome value
  "refusal.case.outcomeWithoutRemedy", // the outcome value the seller sent
  "refusal.case.refundShortOfClaim", // the outcome value the seller sent
  "refusal.case.replacedNeedsBuyer", // the REPLACED outcome value, and the offer kind and outcome that settle instead
  "refusal.case.lateIncidentOutcome", // the outcome values, and the cancelOrder mutation
  "refusal.case.lateIncidentAction", // the action refused, the outcome values, and openCase's values for a dispute
  "refusal.case.decisionNeedsNote", // the outcome value the operator sent
  "refusal.case.platformRefundOutcome", // the input field and the outcome values
  "refusal.case.shippedLateCaseOnly", // the SHIPPED outcome value, and the outcomes that settle a dispute instead
  "refusal.case.shippedNotShipped", // the SHIPPED outcome value the seller sent
  "refusal.case.shippedStepsOpen", // the SHIPPED outcome value the seller sent
  "refusal.case.cancelledLateCaseOnly", // the ORDER_CANCELLED outcome value, and the buyer's ways to end a dispute
  "refusal.case.cancelledNotCancelled", // the ORDER_CANCELLED and SHIPPED outcome values, and the mutation to call
  "refusal.webhook.notSubscribed", // the event type to subscribe to
  "schema.language", // EN / ZH_CN, the enum values of the input
  "input.oneOf", // the values an input field takes
  "schema.sellerIdReserved", // the id itself, as the caller sent it
]);

/** The codes (`LATE_SHIPMENT_BREACH`, `MINOR`) a text writes outside brackets. */
function codesInSentence(written: string): string[] {
  const outsideBrackets = written.replace(/（[^（）]*）|\([^()]*\)/g, " ");
  return [...outsideBrackets.matchAll(/(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![A-Za-z0-9_])/g)]
    .map((match) => match[0])
    .filter((token) => (token.includes("_") || token.length > 3) && !ACRONYMS.has(token));
}

/**
 * A refusal given as a sentence stays in that sentence's language whatever the caller asked for: every
 * refusal a caller can read is a text of the catalog. The types say so for `userError`, `forbidden`,
 * `badUserInput` and `RoleForbidden`; this reads the sources too, so a message slipped in as a string
 * (a cast, a widened type, a GraphQLError raised by hand) is named here.
 */
const SOURCE_ROOTS = ["packages/api/src", "packages/core/src"];
/** Raising a refusal with a string for its message: the first argument, or a userError's second (after its code). */
const RAISED_WITH_MESSAGE = "(?:forbidden|badUserInput|unauthenticated|GraphQLError|(?:Return)?RoleForbidden)\\(";
const PLAIN_REFUSAL = new RegExp(`\\b(?:${RAISED_WITH_MESSAGE}|userError\\(\\s*[^,()]+,)\\s*[\`"']`, "g");
/**
 * Refusals documented to stay English (docs/using-the-api.md, "Language"): raised before a query runs,
 * when no caller or no operation is known yet.
 */
const ENGLISH_BEFORE_THE_QUERY: Record<string, number> = {
  // A missing, unknown or revoked key, a token without a seller: no caller to take a language from.
  "packages/api/src/context.ts": 3,
  // The cost budgets, checked before execution (and a query that cannot be priced, refused then too), and validation's
  // refusal of an operation type the API has not (a subscription), in English as graphql-js's own validation errors.
  "packages/api/src/limits.ts": 4,
};

/** `file: count` for each file raising refusals as plain strings. */
function plainRefusals(sources: { file: string; text: string }[]): Record<string, number> {
  const found: Record<string, number> = {};
  for (const { file, text } of sources) {
    const count = text.match(PLAIN_REFUSAL)?.length ?? 0;
    if (count > 0) found[file] = count;
  }
  return found;
}

function sourcesUnder(root: string): { file: string; text: string }[] {
  const repo = join(import.meta.dirname, "../..");
  return readdirSync(join(repo, root), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.parentPath.includes("generated"))
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ file: relative(repo, path), text: readFileSync(path, "utf8") }));
}

describe("refusals in the sources", () => {
  it("are texts of the catalog, in the caller's language: none raised as a plain English string", () => {
    expect(plainRefusals(SOURCE_ROOTS.flatMap(sourcesUnder))).toEqual(ENGLISH_BEFORE_THE_QUERY);
  });

  it("the check does bite: each way of raising a refusal as a string is found", () => {
    const raised = [
      'throw forbidden("This credential is read-only for that seller.");',
      'throw badUserInput(`Give the page size.`, "first");',
      'Errors.userError("NOT_FOUND", "No such order.", ["input", "orderId"])',
      "throw new GraphQLError('Nope.', { extensions: { code: \"FORBIDDEN\" } });",
      'throw new ReturnRoleForbidden(\n  "Only the buyer side may ship back.",\n);',
    ];
    expect(plainRefusals(raised.map((text, i) => ({ file: String(i), text })))).toEqual({
      0: 1,
      1: 1,
      2: 1,
      3: 1,
      4: 1,
    });
    // A text of the catalog, and a rule's name, are not sentences.
    const worded = [
      'throw forbidden(I18n.text("refusal.request.sellerForbidden", {}));',
      'throw forbiddenBecause("readOnly");',
      'Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "order" }), ["input", "orderId"])',
    ];
    expect(plainRefusals(worded.map((text, i) => ({ file: String(i), text })))).toEqual({});
  });
});

/**
 * docs/glossary.md keeps one Chinese word per concept; the guide itself uses a second word for some, and a
 * translator reaches for a common synonym. These are the second words, each with the glossary's.
 */
const NOT_THE_GLOSSARY_WORD: Record<string, string> = {
  押金: "保证金",
  物流单号: "物流跟踪号",
  运单号: "物流跟踪号",
  快递单号: "物流跟踪号",
  追踪号: "物流跟踪号",
};

/** `synonym → files` for each synonym the Chinese texts write instead of the glossary's word. */
function synonymsUsed(sources: { file: string; text: string }[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  // 物流跟踪号 contains 跟踪号, not 追踪号: no word above is part of the glossary's own.
  for (const word of Object.keys(NOT_THE_GLOSSARY_WORD)) {
    const files = sources.filter((s) => s.text.includes(word)).map((s) => s.file);
    if (files.length > 0) found[word] = files;
  }
  return found;
}

describe("the Chinese texts' words", () => {
  const chinese = sourcesUnder("packages/core/src/i18n").filter((s) => /zh-CN[^/]*\.ts$/.test(s.file));

  it("are the glossary's: one word per concept", () => {
    expect(chinese.length).toBeGreaterThan(5);
    expect(synonymsUsed(chinese)).toEqual({});
    const glossary = readFileSync(join(import.meta.dirname, "../../docs/glossary.md"), "utf8");
    for (const word of new Set(Object.values(NOT_THE_GLOSSARY_WORD))) expect(glossary, word).toContain(word);
  });

  it("the check does bite: a synonym in a text is found", () => {
    expect(synonymsUsed([{ file: "x.ts", text: "`请填写物流单号。`" }])).toEqual({ 物流单号: ["x.ts"] });
  });
});
