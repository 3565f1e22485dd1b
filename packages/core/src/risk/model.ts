import type { CaseAction, CaseReason } from "../cases";
import type { Text } from "../i18n/texts";
import type { StepCode } from "../remedies";
import { expediteMarkStands, type Order } from "../orders";
import { HOUR_MS, toMs, type Instant } from "../time";

/**
 * The risk model in one place: its version, every factor's weight, the curves that turn a fact
 * into a share of that weight, the level cut-offs and the fixed list of recommended actions.
 * README.md next to this file explains each factor; `renderModelTables()` prints the tables it
 * shows, and a test fails when the README's copy differs. Changing any number here is a new
 * model: bump `MODEL_VERSION` so stored or cached assessments can tell which model produced them.
 */
export const MODEL_VERSION = "risk-2026.12-4";

export const RISK_LEVELS = ["LOW", "ELEVATED", "HIGH", "CRITICAL"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ORDER_FACTORS = [
  "SHIP_BY_DEADLINE",
  "NOT_SHIPPED",
  "EXPEDITE",
  "SELLER_LATE_RATE",
  "OPEN_CASES",
  "ORDER_VALUE",
] as const;
export type OrderFactorCode = (typeof ORDER_FACTORS)[number];

export const CASE_FACTORS = [
  "ESCALATED",
  "RESPOND_BY_DEADLINE",
  "NO_SELLER_REPLY",
  "UNANSWERED_BUYER_MESSAGES",
  "REJECTED_OFFERS",
  "CLAIM_SIZE",
  "CASE_REASON",
] as const;
export type CaseFactorCode = (typeof CASE_FACTORS)[number];

export const SELLER_FACTORS = [
  "LATE_SHIPMENT_RATE",
  "DISPUTE_RATE",
  "ON_TIME_FIRST_RESPONSE_RATE",
  "VALID_TRACKING_RATE",
  "SELLER_CANCELLATION_RATE",
  "VIOLATIONS",
  "ESCALATIONS",
] as const;
export type SellerFactorCode = (typeof SELLER_FACTORS)[number];

export type FactorCode = OrderFactorCode | CaseFactorCode | SellerFactorCode;

/**
 * How to read a factor's `value`: `HOURS` (negative once a deadline has passed), `PERCENT` (0–100),
 * `COUNT`, `RATIO` (a multiple, e.g. 2.5× the average order), `FLAG` (1 yes, 0 no) or `CATEGORY`
 * (the share of the weight the model gives the category, 0–1; `display` names the category).
 * `display` is the same value written for people, e.g. "49.5 hours overdue", "10.0%", "quality issue".
 */
export const FACTOR_UNITS = ["HOURS", "PERCENT", "COUNT", "RATIO", "FLAG", "CATEGORY"] as const;
export type FactorUnit = (typeof FACTOR_UNITS)[number];

export const FACTOR_LABELS: Record<FactorCode, string> = {
  SHIP_BY_DEADLINE: "Time left to the ship-by deadline",
  NOT_SHIPPED: "Not shipped yet",
  EXPEDITE: "Expedite flag",
  SELLER_LATE_RATE: "Seller's late-shipment rate (30 days)",
  OPEN_CASES: "Open cases on the order",
  ORDER_VALUE: "Order value",
  ESCALATED: "Escalated to the platform",
  RESPOND_BY_DEADLINE: "Time left to the seller's deadline (respondBy, or an open return's)",
  NO_SELLER_REPLY: "No seller reply yet",
  UNANSWERED_BUYER_MESSAGES: "Unanswered buyer messages",
  REJECTED_OFFERS: "Declined or expired offers",
  CLAIM_SIZE: "Claim size",
  CASE_REASON: "Case reason",
  LATE_SHIPMENT_RATE: "Late-shipment rate (30 days)",
  DISPUTE_RATE: "Dispute rate (60 days)",
  ON_TIME_FIRST_RESPONSE_RATE: "On-time first response rate (30 days)",
  VALID_TRACKING_RATE: "Valid tracking rate (30 days)",
  SELLER_CANCELLATION_RATE: "Seller-cancellation rate (30 days)",
  VIOLATIONS: "Violations (12 months) and quality disputes lost (60 days)",
  ESCALATIONS: "Cases escalated to the platform (60 days)",
};

/**
 * A deadline turned into a share of the factor's weight, non-decreasing as the deadline nears
 * and passes: 0 until `horizonHours` before it, rising linearly to `shareAtDeadline` at the
 * deadline, then jumping to `overdueShareFloor` the moment it passes and rising to 1 after
 * `overdueFullAfterHours` overdue. An overdue hour adds more than an hour before the deadline.
 */
export interface DeadlineCurve {
  horizonHours: number;
  shareAtDeadline: number;
  overdueShareFloor: number;
  overdueFullAfterHours: number;
}

export interface RiskModel {
  /** Written on every assessment; custom models carry their own. */
  version: string;
  /** The lowest score of each level above LOW: LOW < 25 ≤ ELEVATED < 50 ≤ HIGH < 75 ≤ CRITICAL. */
  cutoffs: { ELEVATED: number; HIGH: number; CRITICAL: number };
  order: {
    /** The most points each factor can add. */
    weights: Record<OrderFactorCode, number>;
    shipByCurve: DeadlineCurve;
    /**
     * An unexpedited order inside this window before `shipBy` gets half the EXPEDITE weight (the orders' at-risk
     * window).
     */
    atRiskWindowHours: number;
    /** The seller's 30-day late-shipment rate (a fraction) at which SELLER_LATE_RATE counts in full. */
    lateRateFullAt: number;
    /** Share of OPEN_CASES each open case adds (the sum is capped at 1). */
    openCaseShare: { escalated: number; dispute: number; system: number };
    /** The multiple of the seller's 30-day average order at which ORDER_VALUE counts in full. */
    valueFullAtMultiple: number;
  };
  case: {
    weights: Record<CaseFactorCode, number>;
    respondByCurve: DeadlineCurve;
    /** Unanswered buyer messages at which the factor counts in full. */
    unansweredFullAt: number;
    /** Declined or expired offers at which the factor counts in full. */
    rejectedOffersFullAt: number;
    /** Share of CASE_REASON per reason: the reasons the platform most often decides for the buyer weigh most. */
    reasonShare: Record<CaseReason, number>;
  };
  seller: {
    weights: Record<SellerFactorCode, number>;
    /**
     * Share of VIOLATIONS per violation (the sum is capped at 1). `MINOR_BLOCKING` is a minor
     * violation of a kind that blocks a deposit refund whatever its severity (`DepositRules.qualityViolationKinds`:
     * QUALITY by default); the same share counts quality disputes lost past the deposit rules' limit.
     */
    violationShare: { CRITICAL: number; MAJOR: number; MINOR_BLOCKING: number; MINOR: number };
    /** Escalations in 60 days at which ESCALATIONS counts in full. */
    escalationsFullAt: number;
  };
}

/** The model every assessment uses unless a caller passes another. */
export const RISK_MODEL: RiskModel = {
  version: MODEL_VERSION,
  cutoffs: { ELEVATED: 25, HIGH: 50, CRITICAL: 75 },
  order: {
    weights: {
      SHIP_BY_DEADLINE: 55,
      NOT_SHIPPED: 10,
      EXPEDITE: 10,
      SELLER_LATE_RATE: 15,
      OPEN_CASES: 16,
      ORDER_VALUE: 8,
    },
    shipByCurve: { horizonHours: 72, shareAtDeadline: 0.45, overdueShareFloor: 0.55, overdueFullAfterHours: 48 },
    // The order rules' at-risk window (`defaultOrderRules.atRiskWindowMs`: the late-order job's flag, and when
    // `expediteOrder` takes a second mark), so that the advice to mark an order again is never refused. Written out,
    // not read from the order rules, so that this constant does not depend on the order in which modules load;
    // test/core/risk.test.ts fails when the two differ.
    atRiskWindowHours: 24,
    lateRateFullAt: 0.1,
    openCaseShare: { escalated: 1, dispute: 0.6, system: 0.25 },
    valueFullAtMultiple: 3,
  },
  case: {
    weights: {
      ESCALATED: 80,
      RESPOND_BY_DEADLINE: 35,
      NO_SELLER_REPLY: 15,
      UNANSWERED_BUYER_MESSAGES: 15,
      REJECTED_OFFERS: 10,
      CLAIM_SIZE: 10,
      CASE_REASON: 10,
    },
    respondByCurve: { horizonHours: 48, shareAtDeadline: 0.45, overdueShareFloor: 0.55, overdueFullAfterHours: 48 },
    unansweredFullAt: 3,
    rejectedOffersFullAt: 2,
    reasonShare: {
      QUALITY_ISSUE: 1,
      NOT_AS_DESCRIBED: 1,
      NOT_RECEIVED: 1,
      DAMAGED: 0.7,
      WRONG_ITEM: 0.7,
      NOT_SHIPPED: 0.5,
      LATE_SHIPMENT: 0.4,
      OTHER: 0.3,
    },
  },
  seller: {
    weights: {
      LATE_SHIPMENT_RATE: 25,
      DISPUTE_RATE: 20,
      ON_TIME_FIRST_RESPONSE_RATE: 10,
      VALID_TRACKING_RATE: 10,
      SELLER_CANCELLATION_RATE: 10,
      VIOLATIONS: 30,
      ESCALATIONS: 10,
    },
    violationShare: { CRITICAL: 1, MAJOR: 0.85, MINOR_BLOCKING: 0.6, MINOR: 0.2 },
    escalationsFullAt: 5,
  },
};

// ---------------------------------------------------------------------------------------------
// Recommended actions: a fixed list, never free text.

/**
 * Every action an assessment may recommend. The first five are the remedy plan's step codes
 * (../remedies), the next four are the case state machine's seller actions (../cases/machine.ts),
 * the rest are what a seller does about an account-health metric or a violation. `caseAction`
 * names the case machine action that carries the step out, when there is one: a case assessment
 * only recommends what the machine allows in the case's state.
 */
export const ACTIONS = {
  CONTACT_BUYER: {
    label: "Contact the buyer now: apologise honestly, explain and offer a solution",
    caseAction: "POST_SELLER_MESSAGE",
  },
  EXPEDITE_AND_SHIP: {
    label:
      "Ship the order at once with faster shipping and accurate tracking; mark it expedited if it is not, " +
      "or again if marked before it was at risk",
    caseAction: null,
  },
  OFFER_COMPENSATION: {
    label: "Offer compensation within policy (a coupon, a discount or a partial refund)",
    caseAction: "MAKE_OFFER",
  },
  PLATFORM_SUPPORT_TICKET: {
    label: "Contact platform support with the order and shipping records and record the ticket",
    caseAction: "RECORD_REMEDY",
  },
  GOODWILL_GESTURE: {
    label: "Once the problem is solved, make a goodwill gesture (a discount or a coupon)",
    caseAction: "MAKE_OFFER",
  },
  SHIP_BEFORE_DEADLINE: {
    label: "Ship the order before its ship-by deadline, with a tracking number",
    caseAction: null,
  },
  SETTLE_RETURN: {
    label: "Confirm the returned goods' receipt, then refund or ship the replacement before the return's deadline",
    caseAction: null,
  },
  POST_SELLER_MESSAGE: { label: "Reply to the buyer on the case", caseAction: "POST_SELLER_MESSAGE" },
  RECORD_REMEDY: {
    label: "Give a concrete solution: a refund, a replacement or a return and refund",
    caseAction: "RECORD_REMEDY",
  },
  MAKE_OFFER: { label: "Make a compensation offer the buyer can accept", caseAction: "MAKE_OFFER" },
  SUBMIT_EVIDENCE: {
    label:
      "Submit your evidence to the platform: tracking proof, photos, the chat with the buyer, an inspection report",
    caseAction: "SUBMIT_SELLER_EVIDENCE",
  },
  IMPROVE_LATE_SHIPMENT_RATE: {
    label: "Ship every order before its ship-by deadline: work the late and at-risk queue daily",
    caseAction: null,
  },
  REDUCE_DISPUTE_RATE: {
    label: "Prevent disputes: check quality and that listings match the items before shipping",
    caseAction: null,
  },
  REPLY_WITHIN_DEADLINE: { label: "Answer every case before its respond-by deadline", caseAction: null },
  SHIP_WITH_VALID_TRACKING: { label: "Ship every order with a valid carrier tracking number", caseAction: null },
  AVOID_SELLER_CANCELLATIONS: {
    label: "Keep stock levels and listings accurate so that no paid order has to be cancelled on your side",
    caseAction: null,
  },
  REVIEW_VIOLATIONS: {
    label: "Review the recorded violations; contact the platform operator to contest one",
    caseAction: null,
  },
} as const satisfies Record<string, { label: string; caseAction: CaseAction | null }>;

export type ActionCode = keyof typeof ACTIONS;
export const ACTION_CODES = Object.keys(ACTIONS) as ActionCode[];

/**
 * Whether the seller can take a recommended action on a case whose available actions are `allowed`: an action
 * carried out by a case action needs it listed; one carried out elsewhere (shipping, a metric) always can.
 */
export function takeableOn(allowed: ReadonlySet<CaseAction>, code: ActionCode): boolean {
  const caseAction = ACTIONS[code].caseAction;
  return caseAction === null || allowed.has(caseAction);
}

// ---------------------------------------------------------------------------------------------
// What an assessment looks like.

export interface RiskFactor {
  code: FactorCode;
  label: string;
  /** The fact the factor measured, in `unit`; `display` writes it for people. */
  value: number;
  unit: FactorUnit;
  /**
   * The value for people (`49.5 hours overdue`): a text the API writes in the reader's language, or
   * an English string where the catalog has no key for it yet (`inEnglish` reads either).
   */
  display: Text | string;
  /** The most points this factor can add. */
  weight: number;
  /** The points it added: an integer; the contributions of an assessment add up to its score. */
  contribution: number;
  /**
   * A sentence a seller can read, with the concrete numbers: a text the API writes in the reader's
   * language and the seller's time zone, or an English string where the catalog has no key for it yet.
   */
  explanation: Text | string;
}

export interface RecommendedAction {
  code: ActionCode;
  label: string;
}

export interface RiskAssessment {
  /** Integer 0–100: the sum of the factors' contributions. */
  score: number;
  level: RiskLevel;
  /** Every factor of the model, largest contribution first (ties in the model's order). */
  factors: RiskFactor[];
  /** Most urgent first. */
  recommendedActions: RecommendedAction[];
  modelVersion: string;
  assessedAt: Instant;
}

export function action(code: ActionCode): RecommendedAction {
  return { code, label: ACTIONS[code].label };
}

/** The order fields the shipping advice reads. */
type ExpeditedOrder = Pick<Order, "expedited" | "expeditedAt" | "shipBy">;

/**
 * The action that carries out the remedy plan's `EXPEDITE_AND_SHIP` step, or an order's at-risk advice: an order whose
 * expedite mark stands before its ship-by deadline has only to ship in time (`SHIP_BEFORE_DEADLINE`); telling its
 * seller to mark it expedited again would contradict the `EXPEDITE` factor that credits the mark, and `expediteOrder`
 * would refuse. A mark stands when the factor credits it (`expediteMarkCounts`), or while the at-risk window has not
 * begun (marking again would be as early). A mark made before the window no longer stands inside it: the seller marks
 * it again (`expediteOrder` takes it then). Past the deadline it is `EXPEDITE_AND_SHIP` either way: ship at once with
 * faster shipping.
 */
export function shipAction(order: ExpeditedOrder, now: Instant, model: RiskModel): ActionCode {
  if (toMs(now) > toMs(order.shipBy)) return "EXPEDITE_AND_SHIP";
  const stands = expediteMarkStands(order, now, model.order.atRiskWindowHours * HOUR_MS);
  return stands ? "SHIP_BEFORE_DEADLINE" : "EXPEDITE_AND_SHIP";
}

/** The action that carries out a remedy plan step still to do: each step is its own action, shipping `shipAction`. */
export function stepAction(code: StepCode, order: ExpeditedOrder, now: Instant, model: RiskModel): ActionCode {
  return code === "EXPEDITE_AND_SHIP" ? shipAction(order, now, model) : code;
}

/** The codes as actions, each once, in the order first listed. */
export function actionsOf(codes: readonly ActionCode[]): RecommendedAction[] {
  return [...new Set(codes)].map(action);
}

/** The weight tables as Markdown, as printed in README.md. */
export function renderModelTables(model: RiskModel = RISK_MODEL): string {
  const table = (title: string, codes: readonly FactorCode[], weights: Partial<Record<FactorCode, number>>) => {
    const total = codes.reduce((sum, code) => sum + (weights[code] ?? 0), 0);
    return [
      `**${title}** (weights add up to ${total}; above 100 the contributions are scaled down)`,
      "",
      "| factor | label | weight |",
      "|---|---|---|",
      ...codes.map((code) => `| \`${code}\` | ${FACTOR_LABELS[code]} | ${weights[code]} |`),
    ].join("\n");
  };
  const c = model.cutoffs;
  return [
    `Model version: \`${model.version}\``,
    "",
    `Levels: LOW < ${c.ELEVATED} ≤ ELEVATED < ${c.HIGH} ≤ HIGH < ${c.CRITICAL} ≤ CRITICAL`,
    "",
    table("Order risk", ORDER_FACTORS, model.order.weights),
    "",
    table("Case risk", CASE_FACTORS, model.case.weights),
    "",
    table("Seller risk", SELLER_FACTORS, model.seller.weights),
  ].join("\n");
}
