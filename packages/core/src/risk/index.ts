/**
 * Risk scoring: explainable, deterministic, versioned. Order risk (ships late or turns into a
 * dispute), case risk (escalates to the platform), seller health (the metrics marketplaces report,
 * and what they and the violations do to a deposit refund) and seller risk. Pure functions of plain
 * data and an injected `now`; the weights, curves and cut-offs live in ./model.ts and README.md
 * explains each factor.
 */
export {
  ACTION_CODES,
  ACTIONS,
  action,
  CASE_FACTORS,
  FACTOR_LABELS,
  FACTOR_UNITS,
  MODEL_VERSION,
  ORDER_FACTORS,
  renderModelTables,
  RISK_LEVELS,
  RISK_MODEL,
  SELLER_FACTORS,
  type ActionCode,
  type CaseFactorCode,
  type DeadlineCurve,
  type FactorCode,
  type FactorUnit,
  type OrderFactorCode,
  type RecommendedAction,
  type RiskAssessment,
  type RiskFactor,
  type RiskLevel,
  type RiskModel,
  type SellerFactorCode,
} from "./model";
export { allocate, deadlineShare, inEnglish, levelOf } from "./score";
export { orderRisk, SELLER_WINDOW_DAYS, type CounterWindow, type OrderRiskInput } from "./order";
export { caseRisk, isOpenStatus, type CaseRiskInput } from "./case";
export {
  CONSEQUENCE_CODES,
  defaultHealthTargets,
  HEALTH_STATUSES,
  METRIC_NAMES,
  sellerHealth,
  sellerRisk,
  statusOf,
  worse,
  type Comparison,
  type ConsequenceCode,
  type ConsequenceEffect,
  type DepositConsequence,
  type HealthMetric,
  type HealthStatus,
  type HealthTargets,
  type MetricName,
  type MetricTarget,
  type MetricWindow,
  type SellerHealth,
  type SellerHealthInput,
  type SellerRiskInput,
} from "./seller";
