/**
 * Seller security deposits (押金 / 保证金): what was paid, under which refund rule, and whether it
 * can be refunded now. Everything here decides from plain data and an injected `now`; the api
 * layer reads the deposit, the seller's violations, the daily sales counters and the disputes lost,
 * asks `eligibility`, and writes what `applyForRefund` / `decideRefund` return.
 * The rules, every threshold and the status machine are explained in README.md next to this file.
 *
 * This file is the face of the module: shapes, rules and enums in ./shapes.ts, the inputs in
 * ./inputs.ts, recording in ./recording.ts, eligibility in ./eligibility.ts (the quality disputes of a term in
 * ./quality-disputes.ts), applications and decisions in ./applications.ts.
 */
export {
  APPLICATION_STATUSES,
  atLeast,
  BLOCKER_CODES,
  Decision,
  DECISION_OUTCOMES,
  defaultDepositRules,
  DEPOSIT_ERROR_CODES,
  DEPOSIT_KINDS,
  DEPOSIT_STATUSES,
  DOCUMENT_KINDS,
  EvidenceDocument,
  Info,
  RECOMMENDATIONS,
  RefundApplication,
  SEVERITIES,
  SustainedRule,
  Violation,
  VIOLATION_KINDS,
  type ApplicationStatus,
  type BlockerCode,
  type DecisionOutcome,
  type Deposit,
  type DepositKind,
  type DepositRules,
  type DepositStatus,
  type DocumentKind,
  type Recommendation,
  type Severity,
  type ViolationKind,
} from "./shapes";
export {
  ApplyForRefundInput,
  DecideRefundInput,
  EvidenceDocumentInput,
  MAX_DOCUMENTS,
  RecordDepositInput,
  RecordViolationInput,
  VoidViolationInput,
} from "./inputs";
export { inForce, voidViolation } from "./voiding";
export {
  duplicate,
  duplicateViolation,
  paymentOf,
  record,
  recordViolation,
  samePayment,
  sameViolation,
  violationOf,
} from "./recording";
export {
  eligibility,
  eligibilityWindow,
  violationCountedAt,
  violationCounts,
  violationsFrom,
  violationCountsUntil,
  type Blocker,
  type EdgeOrder,
  type Eligibility,
  type EligibilityWindow,
  type LateRecordedOrder,
  type MonthSales,
  type Progress,
  type TermEdge,
} from "./eligibility";
export {
  daysShortOfQualityDisputes,
  openDisputesBlocker,
  qualityDisputeDaysSpan,
  qualityDisputesOpenedRange,
  termCaseOf,
  termQualityDisputes,
  type EdgeQualityDisputeLost,
  type TermCase,
  type TermQualityDisputes,
} from "./quality-disputes";
export { applyForRefund, decideRefund, isOpen } from "./applications";
