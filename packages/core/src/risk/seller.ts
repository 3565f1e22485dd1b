import { assertNever } from "../errors";
import {
  atLeast,
  defaultDepositRules,
  inForce,
  violationCountedAt,
  violationCounts,
  violationCountsUntil,
  type DepositKind,
  type DepositRules,
  type Violation,
} from "../deposits";
import { text, type Text } from "../i18n/texts";
import type { QualityDisputesMention } from "../i18n/texts-health";
import { lateShipments } from "../stats";
import { dayOf, toMs, type Instant } from "../time";
import {
  action,
  RISK_MODEL,
  type ActionCode,
  type RecommendedAction,
  type RiskAssessment,
  type RiskModel,
} from "./model";
import type { CounterWindow } from "./order";
import { assemble, type FactorDraft } from "./score";

/**
 * Seller account health, shaped as marketplaces report it (`{ name, value, numerator,
 * denominator, window, target, status }`), what it and the seller's violations do to a deposit
 * refund, and the seller risk score built from both. Targets are configuration.
 */

export const HEALTH_STATUSES = ["GOOD", "AT_RISK", "BAD"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export const METRIC_NAMES = [
  "LATE_SHIPMENT_RATE",
  "DISPUTE_RATE",
  "ON_TIME_FIRST_RESPONSE_RATE",
  "VALID_TRACKING_RATE",
  "SELLER_CANCELLATION_RATE",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export type MetricWindow = "30d" | "60d";

/** How the value must compare with the target to meet it: `BELOW` (<), `AT_LEAST` (≥), `ABOVE` (>). */
export type Comparison = "BELOW" | "AT_LEAST" | "ABOVE";

export interface MetricTarget {
  /** In percent, e.g. 4 for 4%. */
  target: number;
  comparison: Comparison;
  /**
   * Percentage points: a value that meets the target within this is AT_RISK, by no more than it for a BELOW or ABOVE
   * target, by less than it for an AT_LEAST one (`statusOf`).
   */
  atRiskMargin: number;
  window: MetricWindow;
}

export type HealthTargets = Record<MetricName, MetricTarget>;

/**
 * The targets marketplaces set: late shipments below 4% over 30 days (Amazon's target), disputes
 * below 1% of orders over 60 days, at least 90% of first replies within `respondBy`, more than
 * 95% of shipments with valid tracking, seller-caused cancellations below 2.5% of orders over 30 days (Amazon's
 * cancellation-rate target; AliExpress watches the same as 成交不卖率).
 */
export const defaultHealthTargets: HealthTargets = {
  LATE_SHIPMENT_RATE: { target: 4, comparison: "BELOW", atRiskMargin: 1, window: "30d" },
  DISPUTE_RATE: { target: 1, comparison: "BELOW", atRiskMargin: 0.25, window: "60d" },
  ON_TIME_FIRST_RESPONSE_RATE: { target: 90, comparison: "AT_LEAST", atRiskMargin: 5, window: "30d" },
  VALID_TRACKING_RATE: { target: 95, comparison: "ABOVE", atRiskMargin: 2, window: "30d" },
  SELLER_CANCELLATION_RATE: { target: 2.5, comparison: "BELOW", atRiskMargin: 0.5, window: "30d" },
};

/**
 * One metric. `label`, `note` and `explanation` are texts: the API writes them in the reader's
 * language (`I18n.english` gives the English), with the figures of the fields next to them.
 */
export interface HealthMetric {
  name: MetricName;
  label: Text;
  /** In percent (0–100), two decimals; 0 when the denominator is 0. */
  value: number;
  numerator: number;
  denominator: number;
  window: MetricWindow;
  /** In percent. */
  target: number;
  comparison: Comparison;
  status: HealthStatus;
  /** Set when there is nothing to measure (a zero denominator). */
  note: Text | null;
  explanation: Text;
}

export const CONSEQUENCE_CODES = [
  "BLOCKING_VIOLATION",
  "QUALITY_VIOLATION",
  "TOO_MANY_QUALITY_DISPUTES",
  "METRIC_MISSES_TARGET",
] as const;
export type ConsequenceCode = (typeof CONSEQUENCE_CODES)[number];

/**
 * `BLOCKS_REFUND`: the deposit rules refuse the refund while it stands. `WEIGHS_AGAINST_REFUND`:
 * no rule refuses it, but for an unlimited deposit the platform decides after weighing sales and
 * reputation, and this counts against the seller.
 */
export type ConsequenceEffect = "BLOCKS_REFUND" | "WEIGHS_AGAINST_REFUND";

export interface DepositConsequence {
  code: ConsequenceCode;
  effect: ConsequenceEffect;
  /** The deposit kinds it applies to. */
  depositKinds: DepositKind[];
  violationId: string | null;
  metric: MetricName | null;
  /** The consequence in a sentence (a text, written in the reader's language by the API). */
  explanation: Text;
}

export interface SellerHealth {
  /** The worst metric status; BAD as well when a violation blocks a deposit refund. */
  status: HealthStatus;
  metrics: HealthMetric[];
  depositConsequences: DepositConsequence[];
  modelVersion: string;
  assessedAt: Instant;
}

export interface SellerHealthInput {
  /** The seller's counters summed over the last 30 days. */
  window30: CounterWindow;
  /** The same over the last 60 days. */
  window60: CounterWindow;
  /**
   * The seller's violations; those after `now` or older than the deposit rules' window (12 months) are left out.
   * Null when the viewer may not know them (a marketplace key: violations are the deposit side's, between the seller
   * and the platform's operators): the health and the score are then the metrics' alone, with no VIOLATIONS factor,
   * rather than a "no violations" that would not be true.
   */
  violations: Violation[] | null;
  now: Instant;
  targets?: HealthTargets;
  depositRules?: DepositRules;
  /** The seller's time zone, for the calendar days in sentences and the violation window; UTC by default. */
  timeZone?: string;
}

export interface SellerRiskInput extends SellerHealthInput {
  rules?: RiskModel;
}

const METRIC_ACTIONS: Record<MetricName, ActionCode> = {
  LATE_SHIPMENT_RATE: "IMPROVE_LATE_SHIPMENT_RATE",
  DISPUTE_RATE: "REDUCE_DISPUTE_RATE",
  ON_TIME_FIRST_RESPONSE_RATE: "REPLY_WITHIN_DEADLINE",
  VALID_TRACKING_RATE: "SHIP_WITH_VALID_TRACKING",
  SELLER_CANCELLATION_RATE: "AVOID_SELLER_CANCELLATIONS",
};

const STATUS_RANK: Record<HealthStatus, number> = { GOOD: 0, AT_RISK: 1, BAD: 2 };

/** The worse of two statuses. */
export function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}

/** The metrics' numerators and denominators, read from the windows. */
function counts(name: MetricName, window: CounterWindow): { numerator: number; denominator: number } {
  const shipped = (window.shippedOnTime ?? 0) + (window.shippedLate ?? 0);
  switch (name) {
    case "LATE_SHIPMENT_RATE": {
      const { late, counted } = lateShipments(window);
      return { numerator: late, denominator: counted };
    }
    case "DISPUTE_RATE":
      // Both by the order's placed day: the orders placed in the window and, of them, those that led to a dispute.
      return { numerator: window.disputesOpened ?? 0, denominator: window.ordersPlaced ?? 0 };
    case "ON_TIME_FIRST_RESPONSE_RATE":
      return { numerator: window.firstRepliesOnTime ?? 0, denominator: window.firstReplies ?? 0 };
    case "VALID_TRACKING_RATE":
      return { numerator: window.shippedWithTracking ?? 0, denominator: shipped };
    case "SELLER_CANCELLATION_RATE":
      // The cancellations the seller made in the window (on their day, whatever day the order was placed), of the
      // orders placed in it: one of an order placed before the window counts without its order (`metric` never shows
      // a part above its whole), one made after it of an order placed in it counts in a later window.
      return { numerator: window.cancelledBySeller ?? 0, denominator: window.ordersPlaced ?? 0 };
    default:
      return assertNever(name);
  }
}

/** Status of a rate (a fraction) against its target: misses → BAD, meets it within the margin → AT_RISK. */
export function statusOf(rate: number, t: MetricTarget): HealthStatus {
  const target = t.target / 100;
  switch (t.comparison) {
    case "BELOW":
      return rate >= target ? "BAD" : rate >= (t.target - t.atRiskMargin) / 100 ? "AT_RISK" : "GOOD";
    case "AT_LEAST":
      return rate < target ? "BAD" : rate < (t.target + t.atRiskMargin) / 100 ? "AT_RISK" : "GOOD";
    case "ABOVE":
      return rate <= target ? "BAD" : rate <= (t.target + t.atRiskMargin) / 100 ? "AT_RISK" : "GOOD";
    default:
      return assertNever(t.comparison);
  }
}

/**
 * A rate as shown (`value`: percent, two decimals), rounded the way that keeps the figure on the same side as the rate
 * of every bound its status is decided on, so that no figure contradicts its status ("4.00%, target below 4%, meets
 * the target" for 1,599 late of 40,000). A BELOW or AT_LEAST target and its at-risk bound split rates into "under
 * k" and "k or more": rounding down keeps each rate on its side of any k with two decimals. An ABOVE target splits
 * them into "k or less" and "over k": rounding up does. Targets and margins have at most two decimals. Integer
 * arithmetic, exact: a rate of 29 % is not shown as 28.99 % by a binary fraction. `numerator` is within
 * 0..`denominator` (`metric` reads inconsistent counters so).
 */
export function shownPercent(numerator: number, denominator: number, comparison: Comparison): number {
  const hundredths = numerator * 10_000;
  const rest = hundredths % denominator;
  const down = (hundredths - rest) / denominator;
  return (comparison === "ABOVE" && rest > 0 ? down + 1 : down) / 100;
}

function metric(
  name: MetricName,
  input: SellerHealthInput,
  targets: HealthTargets,
): { metric: HealthMetric; rate: number } {
  const t = targets[name];
  const counted = counts(name, t.window === "30d" ? input.window30 : input.window60);
  const denominator = Math.max(0, counted.denominator);
  // A part is never shown larger than its whole nor negative: counters that disagree (days stored under an older
  // counting rule, before `npm run stats -- rebuild`) read as the closest consistent count.
  const numerator = Math.min(Math.max(0, counted.numerator), denominator);
  const target = { window: t.window, target: t.target, comparison: t.comparison };
  const base = { name, label: text("health.metricLabel", { name }), numerator, denominator, ...target };
  if (denominator <= 0) {
    const note = text("health.metric.nothingCounted", { name, window: t.window });
    const explanation = text("health.metric.nothingCountedTarget", { name, ...target });
    return { metric: { ...base, value: 0, status: "GOOD", note, explanation }, rate: 0 };
  }
  const rate = numerator / denominator;
  const status = statusOf(rate, t);
  // The sentence shows the field's own figure (`value`, two decimals), never a second rounding of the rate.
  const value = shownPercent(numerator, denominator, t.comparison);
  const explanation = text("health.metric.rate", {
    name,
    value,
    numerator,
    denominator,
    status,
    atRiskMargin: t.atRiskMargin,
    ...target,
  });
  return { metric: { ...base, value, status, note: null, explanation }, rate };
}

/**
 * The violations the deposit rules still count: in force (not voided), not after `now`, within the trailing window of
 * calendar months.
 */
function recentViolations(input: SellerHealthInput, rules: DepositRules): Violation[] {
  const tz = input.timeZone ?? "UTC";
  const today = dayOf(input.now, tz);
  return (input.violations ?? [])
    .filter(
      (v) =>
        inForce(v, input.now) &&
        toMs(violationCountedAt(v)) <= toMs(input.now) &&
        violationCounts(dayOf(violationCountedAt(v), tz), today, rules.violationWindowMonths),
    )
    .sort(
      (a, b) => toMs(violationCountedAt(a)) - toMs(violationCountedAt(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Which deposit kinds a violation blocks, by the deposit rules. */
function blockedKinds(v: Violation, rules: DepositRules): DepositKind[] {
  const kinds: DepositKind[] = [];
  if (rules.qualityViolationKinds.includes(v.kind) || atLeast(v.severity, rules.blockingSeverity))
    kinds.push("LIMITED_TERM");
  if (atLeast(v.severity, rules.blockingSeverity)) kinds.push("UNLIMITED");
  return kinds;
}

/** The quality disputes lost in the last 60 days when they are more than the deposit rules allow (they block a
 * limited-term refund), else null. */
function qualityDisputesBlocking(input: SellerHealthInput, rules: DepositRules): QualityDisputesMention | null {
  // window60 holds the last 60 days' counters.
  const lost = input.window60.qualityDisputesLost ?? 0;
  return lost > rules.maxQualityDisputesLost ? { lost, allowed: rules.maxQualityDisputesLost, windowDays: 60 } : null;
}

function depositConsequences(
  input: SellerHealthInput,
  metrics: HealthMetric[],
  rules: DepositRules,
): DepositConsequence[] {
  const tz = input.timeZone ?? "UTC";
  const consequences: DepositConsequence[] = [];
  for (const v of recentViolations(input, rules)) {
    const kinds = blockedKinds(v, rules);
    if (kinds.length === 0) continue;
    const day = dayOf(violationCountedAt(v), tz);
    // Whatever blocks an unlimited deposit (the severity) blocks a limited-term one too.
    const until = kinds.includes("UNLIMITED") ? violationCountsUntil(day, rules.violationWindowMonths) : null;
    consequences.push({
      code: rules.qualityViolationKinds.includes(v.kind) ? "QUALITY_VIOLATION" : "BLOCKING_VIOLATION",
      effect: "BLOCKS_REFUND",
      depositKinds: kinds,
      violationId: v.id,
      metric: null,
      explanation: text("health.consequence.violation", {
        severity: v.severity,
        kind: v.kind,
        day,
        until,
        blockingSeverity: rules.blockingSeverity,
      }),
    });
  }
  const disputes = qualityDisputesBlocking(input, rules);
  if (disputes) {
    consequences.push({
      code: "TOO_MANY_QUALITY_DISPUTES",
      effect: "BLOCKS_REFUND",
      depositKinds: ["LIMITED_TERM"],
      violationId: null,
      metric: null,
      explanation: text("health.consequence.qualityDisputes", disputes),
    });
  }
  for (const m of metrics) {
    if (m.status !== "BAD") continue;
    consequences.push({
      code: "METRIC_MISSES_TARGET",
      effect: "WEIGHS_AGAINST_REFUND",
      depositKinds: ["UNLIMITED"],
      violationId: null,
      metric: m.name,
      explanation: text("health.consequence.metricMissesTarget", {
        name: m.name,
        value: m.value,
        window: m.window,
        target: m.target,
        comparison: m.comparison,
      }),
    });
  }
  return consequences;
}

/**
 * The seller's account health: the metrics with their status, and what the violations and
 * the rates do to a deposit refund.
 */
export function sellerHealth(input: SellerHealthInput): SellerHealth {
  const targets = input.targets ?? defaultHealthTargets;
  const rules = input.depositRules ?? defaultDepositRules;
  const metrics = METRIC_NAMES.map((name) => metric(name, input, targets).metric);
  const consequences = depositConsequences(input, metrics, rules);
  let status: HealthStatus = metrics.reduce<HealthStatus>((s, m) => worse(s, m.status), "GOOD");
  // A refund refused is BAD health whatever refuses it: a violation, or too many quality disputes lost. What blocks a
  // refund is the deposit side's: a viewer that may not read it (violations null) gets the metrics' status alone.
  if (input.violations !== null && consequences.some((c) => c.effect === "BLOCKS_REFUND")) status = "BAD";
  return {
    status,
    metrics,
    depositConsequences: consequences,
    modelVersion: RISK_MODEL.version,
    assessedAt: input.now,
  };
}

/**
 * The seller risk score from the health metrics, the violations and the escalations: a metric
 * takes half its weight at its target and all of it at twice the target (or twice the distance
 * from 100% for "at least" and "above" targets).
 */
export function sellerRisk(input: SellerRiskInput): RiskAssessment {
  const model = input.rules ?? RISK_MODEL;
  const targets = input.targets ?? defaultHealthTargets;
  const rules = input.depositRules ?? defaultDepositRules;
  const drafts: FactorDraft[] = [];
  const actions: ActionDraft[] = [];
  for (const name of METRIC_NAMES) {
    const { metric: m, rate } = metric(name, input, targets);
    const t = targets[name];
    const share = m.denominator <= 0 ? 0 : metricShare(rate, t);
    const weight = model.seller.weights[name];
    drafts.push({
      code: name,
      value: m.value,
      unit: "PERCENT",
      weight,
      share,
      // The display is a figure, the same in every language; a rate with nothing to count says so (0 % would read
      // as the worst on-time or valid-tracking rate, for a seller with no orders yet).
      words() {
        const display = m.denominator <= 0 ? text("risk.display.noData", {}) : `${m.value.toFixed(2)}%`;
        return { display, explanation: m.explanation };
      },
    });
    if (m.status !== "GOOD")
      actions.push({ code: METRIC_ACTIONS[name], factor: drafts.length - 1, part: 1, index: actions.length });
  }

  if (input.violations !== null) violationFactor(input, model, rules, drafts, actions);
  escalationFactor(input, model, drafts, actions);
  // Largest contribution first, as the factors are listed (a metric past twice its target adds its weight, no more);
  // within one factor, the larger part of it; then the order above.
  const recommended = (contributions: readonly number[]): RecommendedAction[] =>
    actions
      .sort((a, b) => contributions[b.factor]! - contributions[a.factor]! || b.part - a.part || a.index - b.index)
      .map((a) => action(a.code));
  return assemble(drafts, recommended, model, input.now);
}

/** An action and the factor it answers (its index among the drafts); `part`: the share of that factor it answers. */
type ActionDraft = { code: ActionCode; factor: number; part: number; index: number };

/**
 * The VIOLATIONS factor: what blocks or weighs against a deposit refund. The violations by severity, and too many
 * quality disputes lost, which block a limited-term refund as a minor QUALITY violation does, with its share; with
 * REVIEW_VIOLATIONS when there are violations and REDUCE_DISPUTE_RATE when the disputes block.
 */
function violationFactor(
  input: SellerRiskInput,
  model: RiskModel,
  rules: DepositRules,
  drafts: FactorDraft[],
  actions: ActionDraft[],
): void {
  const tz = input.timeZone ?? "UTC";
  const violations = recentViolations(input, rules);
  const share = model.seller.violationShare;
  const violationPoints = violations.map((v) => {
    if (v.severity === "CRITICAL") return share.CRITICAL;
    if (v.severity === "MAJOR") return share.MAJOR;
    return blockedKinds(v, rules).length > 0 ? share.MINOR_BLOCKING : share.MINOR;
  });
  const blocking = violations.filter((v) => blockedKinds(v, rules).length > 0).length;
  const disputes = qualityDisputesBlocking(input, rules);
  const disputeShare = disputes ? share.MINOR_BLOCKING : 0;
  const violationShare = violationPoints.reduce((sum, p) => sum + p, 0) + disputeShare;
  drafts.push({
    code: "VIOLATIONS",
    value: violations.length,
    unit: "COUNT",
    weight: model.seller.weights.VIOLATIONS,
    share: violationShare,
    words() {
      return {
        display: text("health.display.violations", {
          count: violations.length,
          blocking,
          qualityDisputesLost: disputes?.lost ?? null,
        }),
        explanation:
          violations.length === 0
            ? text("health.risk.noViolations", { windowMonths: rules.violationWindowMonths, qualityDisputes: disputes })
            : text("health.risk.violations", {
                violations: violations.map((v) => ({
                  severity: v.severity,
                  kind: v.kind,
                  day: dayOf(violationCountedAt(v), tz),
                })),
                blocking,
                qualityDisputes: disputes,
              }),
      };
    },
  });
  const factor = drafts.length - 1;
  if (violations.length > 0)
    actions.push({ code: "REVIEW_VIOLATIONS", factor, part: violationShare - disputeShare, index: actions.length });
  if (disputes) actions.push({ code: "REDUCE_DISPUTE_RATE", factor, part: disputeShare, index: actions.length });
}

/** The ESCALATIONS factor, and REPLY_WITHIN_DEADLINE when there are any. */
function escalationFactor(input: SellerRiskInput, model: RiskModel, drafts: FactorDraft[], actions: ActionDraft[]) {
  const escalations = input.window60.casesEscalated ?? 0;
  const escalationShare = escalations / model.seller.escalationsFullAt;
  drafts.push({
    code: "ESCALATIONS",
    value: escalations,
    unit: "COUNT",
    weight: model.seller.weights.ESCALATIONS,
    share: escalationShare,
    words() {
      return {
        display: text("health.display.escalations", { count: escalations }),
        explanation:
          escalations === 0
            ? text("health.risk.noEscalations", { windowDays: 60 })
            : text("health.risk.escalations", {
                count: escalations,
                fullAt: model.seller.escalationsFullAt,
                windowDays: 60,
              }),
      };
    },
  });
  if (escalations > 0)
    actions.push({ code: "REPLY_WITHIN_DEADLINE", factor: drafts.length - 1, part: 1, index: actions.length });
}

/** Half the weight at the target, all of it at twice the target (or twice the distance from 100%). */
function metricShare(rate: number, t: MetricTarget): number {
  const target = t.target / 100;
  switch (t.comparison) {
    case "BELOW":
      return target > 0 ? rate / (2 * target) : rate > 0 ? 1 : 0;
    case "AT_LEAST":
    case "ABOVE":
      return target < 1 ? (1 - rate) / (2 * (1 - target)) : rate < 1 ? 1 : 0;
    default:
      return assertNever(t.comparison);
  }
}
