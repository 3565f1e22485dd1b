import * as z from "zod/mini";
import type { ErrorCode } from "../errors";
import { StoredMoney, type Money } from "../money";
import type { Instant } from "../time";

/** Deposits as stored, their enums and the rules every threshold comes from. */

export const DEPOSIT_KINDS = ["LIMITED_TERM", "UNLIMITED"] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];

/** HELD → REFUND_REQUESTED → REFUNDED | PARTIALLY_REFUNDED | HELD (denied). Both refunded states are final. */
export const DEPOSIT_STATUSES = ["HELD", "REFUND_REQUESTED", "REFUNDED", "PARTIALLY_REFUNDED"] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const VIOLATION_KINDS = ["COUNTERFEIT", "QUALITY", "LATE_SHIPMENT_BREACH", "FRAUD", "OTHER"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Ordered from least to most severe: thresholds compare by position in this list. */
export const SEVERITIES = ["MINOR", "MAJOR", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DOCUMENT_KINDS = ["SALES_DATA", "QUALITY_INSPECTION_REPORT", "OTHER"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const APPLICATION_STATUSES = ["PENDING", "APPROVED", "PARTIALLY_APPROVED", "DENIED"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const DECISION_OUTCOMES = ["APPROVE_FULL", "APPROVE_PARTIAL", "DENY"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const RECOMMENDATIONS = ["REFUND_IN_FULL", "REFER_TO_OPERATOR", "NOT_YET_ELIGIBLE", "NOT_ELIGIBLE"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Why a deposit cannot be refunded (yet); each comes with a sentence the seller can act on. */
export const BLOCKER_CODES = [
  "TERM_NOT_ENDED",
  "BLOCKING_VIOLATION",
  "QUALITY_VIOLATION",
  "TOO_MANY_QUALITY_DISPUTES",
  "QUALITY_DISPUTES_OPEN",
  "SUSTAINED_SALES_NOT_MET",
  "REFUND_ALREADY_REQUESTED",
  "ALREADY_REFUNDED",
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** Error codes this module adds to the shared `ErrorCode` list (`errors/index.ts` lists them too). */
export const DEPOSIT_ERROR_CODES = [
  "MISSING_DOCUMENTS",
  "NOT_ELIGIBLE",
  "APPLICATION_ALREADY_OPEN",
  "AMOUNT_ABOVE_DEPOSIT",
  "VIOLATION_ALREADY_VOIDED",
  "DUPLICATE_DEPOSIT",
  "DUPLICATE_VIOLATION",
] as const satisfies readonly ErrorCode[];

/** Every threshold of the deposit rules; the api passes `defaultDepositRules` unless configured otherwise. */
export interface DepositRules {
  /**
   * Violations of this severity or above block a refund (both kinds); below it nothing blocks an
   * unlimited deposit, as the contract says (ViolationSeverity, ViolationKind.QUALITY).
   */
  blockingSeverity: Severity;
  /** Limited-term: violation kinds that are a quality problem whatever their severity. */
  qualityViolationKinds: readonly ViolationKind[];
  /**
   * Limited-term: more than this many disputes resolved for the buyer for a quality reason during the
   * term, or opened during it and resolved for the buyer since, is a quality problem (`termQualityDisputes`). Which
   * reasons count (QUALITY_ISSUE, NOT_AS_DESCRIBED) and which outcomes are for the buyer (`Cases.resolvedForBuyer`)
   * is decided where they are counted: the `qualityDisputesLost` daily counter of the stats module
   * (`Stats.qualityDisputeLostAt`).
   */
  maxQualityDisputesLost: number;
  /** Unlimited: how many calendar months back a violation still blocks. */
  violationWindowMonths: number;
  /** Unlimited: the longest sustained-sales rule that can be recorded, in months. */
  maxSustainedMonths: number;
  /** Evidence every refund application must carry. */
  requiredDocuments: readonly DocumentKind[];
  /** How far in the future a reported `paidAt` or `occurredAt` may be (clock skew between systems). */
  clockSkewMs: number;
}

export const defaultDepositRules: DepositRules = {
  // The guide asks for "没有发生任何违规行为" (no violation at all); the product's contract (issues #5, #17, the
  // schema) makes the threshold configuration, MAJOR by default: a MINOR warning does not cost the deposit.
  blockingSeverity: "MAJOR",
  qualityViolationKinds: ["QUALITY"],
  maxQualityDisputesLost: 2,
  violationWindowMonths: 12,
  maxSustainedMonths: 24,
  requiredDocuments: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"],
  clockSkewMs: 5 * 60_000,
};

/** True when `severity` is `threshold` or worse. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

// ---------------------------------------------------------------------------------------------
// Stored shapes: items read from the table are parsed with these, never cast.

export const SustainedRule = z.lazy(() =>
  z.object({ minMonthlySales: StoredMoney, months: z.number().check(z.int()) }),
);
export type SustainedRule = z.infer<typeof SustainedRule>;

/**
 * A deposit. Kind-specific fields are null for the other kind (term and target for LIMITED_TERM, sustainedRule for
 * UNLIMITED).
 */
export const Info = z.lazy(() =>
  z.object({
    id: z.string(),
    sellerId: z.string(),
    kind: z.enum(DEPOSIT_KINDS),
    amount: StoredMoney,
    paidAt: z.string(),
    status: z.enum(DEPOSIT_STATUSES),
    termStart: z._default(z.nullable(z.string()), null),
    termEnd: z._default(z.nullable(z.string()), null),
    salesTarget: z._default(z.nullable(StoredMoney), null),
    sustainedRule: z._default(z.nullable(SustainedRule), null),
    /** What was paid back: the whole amount, or the approved part; null while nothing was refunded. */
    refundedAmount: z._default(z.nullable(StoredMoney), null),
    version: z.number().check(z.int()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export type Deposit = z.infer<typeof Info>;

/** A limited-term deposit's term and target (throws for an unlimited one). */
export function limitedTerm(deposit: Deposit): { termStart: Instant; termEnd: Instant; salesTarget: Money } {
  if (!deposit.termStart || !deposit.termEnd || !deposit.salesTarget) {
    throw new Error(`Limited-term deposit ${deposit.id} has no term or sales target.`);
  }
  return { termStart: deposit.termStart, termEnd: deposit.termEnd, salesTarget: deposit.salesTarget };
}

/** An unlimited deposit's sustained-sales rule (throws for a limited-term one). */
export function sustainedRule(deposit: Deposit): SustainedRule {
  if (!deposit.sustainedRule) throw new Error(`Unlimited deposit ${deposit.id} has no sustained-sales rule.`);
  return deposit.sustainedRule;
}

export const Violation = z.lazy(() =>
  z.object({
    id: z.string(),
    sellerId: z.string(),
    kind: z.enum(VIOLATION_KINDS),
    severity: z.enum(SEVERITIES),
    occurredAt: z.string(),
    note: z.string(),
    recordedAt: z.string(),
    /** 1 when recorded, 2 once voided: the void is written under the version read (`voidViolation`). */
    version: z._default(z.number(), 1),
    /**
     * Set when an operator withdrew a violation recorded by mistake (`voidViolation`): the record is kept for audit,
     * but from then on it blocks no refund and weighs in no risk score. Null while it stands.
     */
    voidedAt: z._default(z.nullable(z.string()), null),
    /** The acting credential's key id (as an event's actor) of the operator that voided it; null while it stands. */
    voidedBy: z._default(z.nullable(z.string()), null),
    /** Why it was voided, in the operator's words; null while it stands. */
    voidReason: z._default(z.nullable(z.string()), null),
  }),
);
export type Violation = z.infer<typeof Violation>;

export const EvidenceDocument = z.lazy(() =>
  z.object({
    kind: z.enum(DOCUMENT_KINDS),
    reference: z.string(),
    checksum: z.string(),
    title: z.string(),
  }),
);
export type EvidenceDocument = z.infer<typeof EvidenceDocument>;

export const Decision = z.lazy(() =>
  z.object({
    outcome: z.enum(DECISION_OUTCOMES),
    /**
     * The amount refunded: the whole deposit for APPROVE_FULL, the approved part for APPROVE_PARTIAL, null for
     * DENY.
     */
    amount: z.nullable(StoredMoney),
    /** The deduction reason (partial), the denial reason, or an optional note (full). */
    reason: z.nullable(z.string()),
    /**
     * What the rules recommended when the operator decided, assessed again then (the application's `recommendation`
     * is the one made when the seller applied). Null on decisions made before it was kept.
     */
    recommendation: z._default(z.nullable(z.enum(RECOMMENDATIONS)), null),
  }),
);
export type Decision = z.infer<typeof Decision>;

export const RefundApplication = z.lazy(() =>
  z.object({
    id: z.string(),
    depositId: z.string(),
    sellerId: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    documents: z.array(EvidenceDocument),
    /**
     * What the rules recommended when the seller applied, kept as it was: the figures it rests on may change after
     * (an order cancelled or refunded, a violation recorded), so the operator reviews against the rules' verdict now
     * too, and the decision keeps the one it was made under (`Decision.recommendation`).
     */
    recommendation: z.enum(RECOMMENDATIONS),
    appliedAt: z.string(),
    decidedAt: z._default(z.nullable(z.string()), null),
    decision: z._default(z.nullable(Decision), null),
    version: z.number().check(z.int()),
    updatedAt: z.string(),
  }),
);
export type RefundApplication = z.infer<typeof RefundApplication>;
