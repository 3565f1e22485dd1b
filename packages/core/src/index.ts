export * as Auth from "./auth";
export * as Errors from "./errors";
export * as Geo from "./geo";
export * as Inputs from "./inputs";
export * as Money from "./money";
export * as Orders from "./orders";
export * as Sellers from "./sellers";
export * as Time from "./time";
export type { UserError, ErrorCode, Result } from "./errors";
export type { Principal } from "./auth";
export type { Order, OrderStatus } from "./orders";
export type { Seller } from "./sellers";
export type { Money as MoneyAmount } from "./money";
export * as Stats from "./stats";
export * as Cases from "./cases";
export type { Case } from "./cases";
export * as Remedies from "./remedies";
export type { RemedyPlan, RemedyStep } from "./remedies";
export type { CaseEvent, CompensationOffer, Remedy as CaseRemedy, Evidence as CaseEvidence } from "./cases";
export * as Compensation from "./compensation";
export * as Deposits from "./deposits";
export * as Evidence from "./evidence";
export type {
  Deposit,
  Violation as DepositViolation,
  RefundApplication as DepositRefundApplication,
  Eligibility as DepositEligibility,
  EvidenceDocument as DepositEvidenceDocument,
} from "./deposits";
export * as Keys from "./keys";
export * as Authority from "./authority";
export * as Viewer from "./viewer";
export * as Returns from "./returns";
export type { Return } from "./returns";
export * as Webhooks from "./webhooks";
export * as Risk from "./risk";
export * as I18n from "./i18n";
export type { RiskAssessment } from "./risk";
export * as Events from "./events";
export type { EventRecord, EventType, EventDraft } from "./events";
export * as Overview from "./overview";
