import type { Severity, ViolationKind } from "../deposits/shapes";
import type { Comparison, HealthStatus, MetricName, MetricWindow } from "../risk/seller";

/** A violation as a sentence names it: severity, kind and the seller's calendar day (`YYYY-MM-DD`). */
export interface ViolationMention {
  severity: Severity;
  kind: ViolationKind;
  day: string;
}

/**
 * Quality disputes resolved for the buyer over a window, more than a limited-term deposit's term allows: they block
 * its refund (TOO_MANY_QUALITY_DISPUTES), and the seller risk's VIOLATIONS factor weighs them as it weighs a violation
 * that blocks one.
 */
export interface QualityDisputesMention {
  lost: number;
  allowed: number;
  windowDays: number;
}

/** A metric's target as the sentences state it: the figure in percent and how the rate must compare. */
export interface TargetMention {
  window: MetricWindow;
  /** In percent, as `HealthMetric.target`. */
  target: number;
  comparison: Comparison;
}

/**
 * Seller health (core/src/risk/seller.ts): the metrics' names and sentences, what the record does
 * to a deposit refund, and the seller risk factors' explanations and values. Rates are the
 * metric's `value` (percent, two decimals), the same figure the structured field holds; days are
 * the seller's calendar days.
 */
export interface HealthTextParams {
  "health.metricLabel": { name: MetricName };
  /** `HealthMetric.note`: nothing was counted in the window. */
  "health.metric.nothingCounted": { name: MetricName; window: MetricWindow };
  /** The explanation of a metric with nothing counted: the note and the target. */
  "health.metric.nothingCountedTarget": { name: MetricName } & TargetMention;
  "health.metric.rate": {
    name: MetricName;
    value: number;
    numerator: number;
    denominator: number;
    status: HealthStatus;
    /**
     * Percentage points: meeting the target within it is AT_RISK, the bound included for a BELOW or ABOVE target and
     * left out for an AT_LEAST one (`statusOf`).
     */
    atRiskMargin: number;
  } & TargetMention;

  /**
   * A violation that blocks a deposit refund: a limited-term deposit whose term it falls in, and an
   * unlimited one until `until` when it is `blockingSeverity` or worse (`until` null when it is not).
   */
  "health.consequence.violation": ViolationMention & { until: string | null; blockingSeverity: Severity };
  "health.consequence.qualityDisputes": { lost: number; allowed: number; windowDays: number };
  "health.consequence.metricMissesTarget": { name: MetricName; value: number } & TargetMention;

  /** `qualityDisputes`: the lost quality disputes that block a refund too, or null when they do not. */
  "health.risk.noViolations": { windowMonths: number; qualityDisputes: QualityDisputesMention | null };
  "health.risk.violations": {
    violations: ViolationMention[];
    blocking: number;
    qualityDisputes: QualityDisputesMention | null;
  };
  "health.risk.noEscalations": { windowDays: number };
  "health.risk.escalations": { count: number; fullAt: number; windowDays: number };

  /** The VIOLATIONS and ESCALATIONS factors' `display` (a metric factor's is its rate, `12.50%`, in every language). */
  /** `qualityDisputesLost`: as `qualityDisputes.lost` of the sentence, null when they do not block a refund. */
  "health.display.violations": { count: number; blocking: number; qualityDisputesLost: number | null };
  "health.display.escalations": { count: number };
}
