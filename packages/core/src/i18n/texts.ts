import type { DocumentKind, Severity, ViolationKind } from "../deposits/shapes";
import type { Money } from "../money";
import type { IncidentCause, OrderStatus } from "../orders/shapes";
import type { ActionCode, FactorCode } from "../risk/model";
import type { Instant } from "../time";
import type { Formats } from "./formats";
import type { HealthTextParams } from "./texts-health";
import type { RiskFactorTextParams } from "./texts-risk-factors";
import type { TimelineTextParams } from "./texts-timeline";
import type { ErrorTextParams, SchemaTextParams } from "./texts-errors";

/**
 * Every seller-facing sentence, by key, with the figures it is built from. Core decides and
 * returns `Text` values (a key and its parameters, no language); the API writes them in the
 * reader's language with `render`. A key's parameters are typed here, once, and each language's
 * catalog (`en.ts`, `zh-CN.ts`) must write every key: a missing one is a type error, and
 * `test/core/texts.test.ts` walks every key in every language.
 *
 * Parameters hold figures as data (`Money`, `Instant`, numbers), never preformatted strings, so
 * each language formats them its own way and the catalog test can check that the sentence shows
 * the same figures as the structured fields next to it.
 */
export interface TextParams
  extends RiskTextParams,
    RiskFactorTextParams,
    HealthTextParams,
    ErrorTextParams,
    SchemaTextParams,
    TimelineTextParams {
  // Remedy plans (core/src/remedies): one instruction per step.
  "remedy.contactBuyer": { cause: IncidentCause };
  "remedy.expedite": { shipBy: Instant; expedited: boolean };
  "remedy.offerCompensation": { kind: CompensationKindWord; amount: Money; percent: number };
  "remedy.goodwillGesture": { kind: CompensationKindWord; amount: Money; percent: number };
  "remedy.nothingLeftToOffer": Record<string, never>;
  "remedy.platformSupportTicket": Record<string, never>;

  // userErrors any mutation can answer (core/src/errors, core/src/inputs, the mutation pipeline).
  "error.versionConflict": { expected: number; current: number };
  "error.notFound": { what: NotFoundWhat };
  "error.idempotencyKeyReused": Record<string, never>;
  "error.idempotencyInProgress": Record<string, never>;
  "error.idempotencyOutcomeUnknown": Record<string, never>;
  "error.duplicateSeller": { sellerId: string };
  // An amount past the exact range (core/src/money AmountOverflow): the API's AMOUNT_OVERFLOW. `value` as
  // a decimal string (it may be past 2^53); `day` the seller's day of a stored daily counter.
  "error.amountOverflow": { what: AmountOverflowWhat; value: string | null; day: string | null };
  // Input issues no schema worded itself (core/src/errors humanText). `field` is the input path
  // as the client wrote it (`items[0].sku`), never translated; null for the input as a whole.
  "input.required": { field: string | null };
  "input.wrongType": { field: string | null; expected: ExpectedKind };
  "input.wrongTypeNamed": { field: string | null; type: string };
  "input.empty": { field: string | null };
  "input.tooShort": { field: string | null; min: number };
  "input.tooLong": { field: string | null; max: number };
  "input.tooFewEntries": { field: string | null; min: number };
  "input.tooManyEntries": { field: string | null; max: number };
  "input.tooSmall": { field: string | null; min: number; inclusive: boolean };
  "input.tooBig": { field: string | null; max: number; inclusive: boolean };
  "input.oneOf": { field: string | null; values: string[] };
  "input.unknownFields": { field: string | null; keys: string[] };
  "input.invalidFormat": { field: string | null; format: string };
  "input.notMultipleOf": { field: string | null; divisor: number };
  "input.invalid": { field: string | null };

  // Deposit refunds (core/src/deposits): eligibility blockers, what the sales figure counts, refusals.
  // `day` and `until` are the seller's calendar days (`YYYY-MM-DD`); `month` is `YYYY-MM`.
  "deposit.refundAlreadyRequested": Record<string, never>;
  "deposit.alreadyRefunded": { refunded: Money };
  "deposit.partiallyRefunded": { refunded: Money | null; amount: Money };
  "deposit.qualityViolation": { severity: Severity; kind: ViolationKind; day: string };
  "deposit.blockingViolationInTerm": { severity: Severity; kind: ViolationKind; day: string; threshold: Severity };
  "deposit.tooManyQualityDisputes": { lost: number; allowed: number };
  /** `caseIds`: the term's open quality disputes, oldest first; `lost`: the term's quality disputes lost so far. */
  "deposit.qualityDisputesOpen": { caseIds: string[]; lost: number; allowed: number };
  /**
   * `disputesOpen`: a quality dispute opened in the term is still open (QUALITY_DISPUTES_OPEN), which the refund waits
   * on whatever the sales. Short of the target at the term's end, the operator decides (REFER_TO_OPERATOR).
   */
  "deposit.termNotEnded": {
    sales: Money;
    target: Money;
    missing: Money;
    lastDay: string;
    daysLeft: number;
    disputesOpen: boolean;
  };
  "deposit.termNotStarted": { firstDay: string; target: Money; lastDay: string };
  "deposit.sustainedSalesNotMet": {
    min: Money;
    months: number;
    short: { month: string; sales: Money; missing: Money }[];
  };
  /** `paidOn` is the seller's day the deposit was paid; `from` the first day the rule can be met. */
  "deposit.heldFewerMonths": {
    paidOn: string;
    min: Money;
    months: number;
    heldMonths: number;
    short: { month: string; sales: Money; missing: Money }[];
    from: string;
  };
  "deposit.blockingViolationUnlimited": {
    severity: Severity;
    kind: ViolationKind;
    day: string;
    windowMonths: number;
    until: string;
  };
  "deposit.salesBasisTerm": {
    termStart: Instant;
    termEnd: Instant;
    ongoing: boolean;
    sales: Money;
    /** The sales add up to more than `sales`, the largest amount sent exactly. */
    beyond?: boolean;
    /** `Orders.RECORDING_GRACE_MS` in days. */
    graceDays: number;
    /** What the orders recorded after the term, past the grace, would have added (left out); null when none. */
    leftOut: Money | null;
  };
  /** `shownUpTo`: the largest amount sent exactly, when some sales figure is past it (shown as it); else null. */
  "deposit.salesBasisMonths": {
    months: number;
    timeZone: string;
    shownUpTo?: Money | null;
    /** `Orders.RECORDING_GRACE_MS` in days. */
    graceDays: number;
    /** What the orders recorded after their month ended, past the grace, would have added; null when none. */
    leftOut: Money | null;
  };
  "deposit.notEligible": { reasons: Text[] };
  "deposit.missingDocuments": { required: DocumentKind[]; missing: DocumentKind[] };
  "deposit.sameDocumentForKinds": { kinds: DocumentKind[]; reference: string };
}

/** Where an order is, for the sentences about an order out of the shipping queue. */
export interface OrderState {
  status: OrderStatus;
  shippedAt: Instant | null;
  /** Hours between ship-by and the shipment; null when not shipped. */
  lateHours: number | null;
  cancelledAt: Instant | null;
}

/** Risk (core/src/risk): labels by code, and the order factors' explanations with their figures. */
export interface RiskTextParams {
  "risk.factorLabel": { code: FactorCode };
  "risk.action": { code: ActionCode };
  "risk.order.state": OrderState;
  "risk.order.shipByOverdue": { hours: number; shipBy: Instant; fullAfterHours: number };
  "risk.order.shipByFar": { hours: number; shipBy: Instant; horizonHours: number };
  "risk.order.shipByNear": { hours: number; shipBy: Instant };
  "risk.order.handlingUsedUp": { placedAt: Instant; shipBy: Instant };
  "risk.order.handlingUsed": { usedPercent: number; placedAt: Instant; shipBy: Instant };
  "risk.order.expedited": { since: Instant | null; late: boolean };
  /** `windowBegun`: the order is inside its last `windowHours` to ship, or late (`expediteOrder` marks it again). */
  "risk.order.expeditedBeforeRisk": { since: Instant; windowHours: number; late: boolean; windowBegun: boolean };
  "risk.order.lateNotExpedited": Record<string, never>;
  "risk.order.nearNotExpedited": { windowHours: number };
  "risk.order.farNotExpedited": { windowHours: number };
  "risk.order.lateRateIrrelevant": OrderState;
  "risk.order.noShipments": Record<string, never>;
  "risk.order.lateRate": { late: number; counted: number; ratePercent: number; fullAtPercent: number };
  "risk.order.noOpenCases": Record<string, never>;
  "risk.order.openCases": { escalated: number; disputes: number; system: number };
  "risk.order.valueNoBaseline": { amount: Money };
  "risk.order.valueNotAtStake": { amount: Money; ratio: number; average: Money; status: OrderStatus };
  "risk.order.value": { amount: Money; ratio: number; average: Money; fullAtMultiple: number };
  "risk.order.valueRefunded": { paid: Money; refunded: Money; held: Money | null };
}

export type RiskKey = keyof RiskTextParams;

/** The keys of one part of the catalog, by prefix: each part has its own file per language. */
export type DepositKey = Extract<TextKey, `deposit.${string}`>;
export type HealthKey = keyof HealthTextParams;
export type TimelineKey = keyof TimelineTextParams;

/** The writers of some keys: a part of a catalog (`Writers<DepositKey>`), checked key by key like the whole. */
export type Writers<K extends TextKey> = { [P in K]: (params: TextParams[P], f: Formats) => string };

/** What left the exact range of amounts, ±(2^53 − 1) minor units (core/src/money). */
export type AmountOverflowWhat = "sum" | "scaled" | "inexact" | "answer" | "sellerTotal" | "dailyCounter";

/** What a NOT_FOUND names. */
export type NotFoundWhat = "order" | "case" | "seller" | "deposit" | "refundApplication" | "violation" | "apiKey";

/** The kind of value an input field expects, in words. */
export type ExpectedKind = "text" | "number" | "wholeNumber" | "boolean" | "object" | "list" | "date";

/** The compensation kinds a remedy step suggests, as the remedy plan names them. */
export type CompensationKindWord = "COUPON" | "DISCOUNT" | "PARTIAL_REFUND" | "GIFT" | "FREE_SHIPPING";

export type TextKey = keyof TextParams;

/** A sentence not yet written in any language: its key and its figures. */
export type Text = { [K in TextKey]: { key: K; params: TextParams[K] } }[TextKey];

/** The refusals rules word themselves, and the messages of schema checks: one catalog part each. */
export type RefusalKey = Extract<TextKey, `refusal.${string}`>;
export type SchemaKey = Extract<TextKey, `schema.${string}`>;

/** Builds a `Text`, checking the parameters against the key. */
export function text<K extends TextKey>(key: K, params: TextParams[K]): Text {
  return { key, params } as Text;
}

/** One language's sentences: a writer for every key (a missing key is a type error). */
export type Catalog = Writers<TextKey>;
