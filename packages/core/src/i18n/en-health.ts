import type { Comparison, MetricName, MetricWindow } from "../risk/seller";
import type { Formats } from "./formats";
import type { HealthKey, Writers } from "./texts";
import type { QualityDisputesMention, TargetMention } from "./texts-health";
import { aViolation, capital, SEVERITY_EN } from "./en-words";

/** English: seller health (metrics, deposit consequences, the seller risk factors' sentences). */

const LABEL: Record<MetricName, string> = {
  LATE_SHIPMENT_RATE: "Late-shipment rate",
  DISPUTE_RATE: "Dispute rate",
  ON_TIME_FIRST_RESPONSE_RATE: "On-time first response rate",
  VALID_TRACKING_RATE: "Valid tracking rate",
  SELLER_CANCELLATION_RATE: "Seller-cancellation rate",
};

/**
 * What a metric counts, after "3 of 30 …" (`one` after "… of 1"), and what it says when nothing was counted.
 */
const COUNTS: Record<MetricName, { what: string; one: string; none: string }> = {
  LATE_SHIPMENT_RATE: {
    what: "orders shipped or due went late (shipped after their ship-by deadline, or not shipped by it)",
    one: "order shipped or due went late (shipped after its ship-by deadline, or not shipped by it)",
    none: "No orders shipped or left unshipped past their deadline",
  },
  DISPUTE_RATE: {
    what: "orders placed led to a buyer dispute",
    one: "order placed led to a buyer dispute",
    none: "No orders placed",
  },
  ON_TIME_FIRST_RESPONSE_RATE: {
    what:
      "first replies owed on buyer disputes came within the respond-by deadline " +
      "(one still missing when it passed counts as late)",
    one:
      "first reply owed on buyer disputes came within the respond-by deadline " +
      "(one still missing when it passed counts as late)",
    none: "No first replies to buyer disputes",
  },
  VALID_TRACKING_RATE: {
    what: "shipments carried a tracking number the carrier knows (none reported invalid by the marketplace)",
    one: "shipment carried a tracking number the carrier knows (none reported invalid by the marketplace)",
    none: "No orders shipped",
  },
  SELLER_CANCELLATION_RATE: {
    what:
      "orders placed were cancelled against the seller (every cancellation the seller or its tools recorded, " +
      "whatever the reason; not those the marketplace or an operator recorded at the buyer's request or for " +
      "suspected fraud)",
    one:
      "order placed was cancelled against the seller (every cancellation the seller or its tools recorded, " +
      "whatever the reason; not those the marketplace or an operator recorded at the buyer's request or for " +
      "suspected fraud)",
    none: "No orders placed",
  },
};

const windowWords = (w: MetricWindow) => (w === "30d" ? "the last 30 days" : "the last 60 days");

/** Typed over every comparison: a new one without its words is a type error. */
const COMPARISON: Record<Comparison, string> = { BELOW: "below", AT_LEAST: "at least", ABOVE: "above" };

/**
 * How close to the target AT_RISK reaches, drawn as `statusOf` (risk/seller.ts) draws it: a BELOW or ABOVE target's
 * at-risk bound is AT_RISK itself (3.00% late against "below 4%" with a 1-point margin), an AT_LEAST target's is GOOD.
 */
const WITHIN: Record<Comparison, string> = { BELOW: "no more than", AT_LEAST: "less than", ABOVE: "no more than" };
const points = (n: number) => `${n} percentage ${n === 1 ? "point" : "points"}`;

const targetWords = (t: TargetMention, f: Formats) => `${COMPARISON[t.comparison]} ${f.percent(t.target)}`;
const nothingCounted = (name: MetricName, window: MetricWindow) =>
  `${COUNTS[name].none} in ${windowWords(window)}: nothing to measure yet.`;
const CONTEST = "If you contest the violation, contact the platform operator.";
/** The lost quality disputes the VIOLATIONS factor weighs, after its sentence on violations; nothing if none block. */
const disputesWeighed = (q: QualityDisputesMention | null) =>
  q === null
    ? ""
    : ` ${q.lost} ${q.lost === 1 ? "quality dispute was" : "quality disputes were"} resolved for the buyer in the ` +
      `last ${q.windowDays} days, more than the ${q.allowed} a limited-term deposit's term allows: ` +
      `${q.lost === 1 ? "it blocks its refund and weighs" : "they block its refund and weigh"} as a minor quality ` +
      "violation.";

export const enHealth: Writers<HealthKey> = {
  "health.metricLabel": (p) => LABEL[p.name],
  "health.metric.nothingCounted": (p) => nothingCounted(p.name, p.window),
  "health.metric.nothingCountedTarget": (p, f) =>
    `${nothingCounted(p.name, p.window)} The target is ${targetWords(p, f)}.`,
  "health.metric.rate": (p, f) => {
    const verdict =
      p.status === "BAD"
        ? "misses the target"
        : p.status === "AT_RISK"
          ? `meets the target by ${WITHIN[p.comparison]} ${points(p.atRiskMargin)}`
          : "meets the target";
    return (
      `${LABEL[p.name]} ${f.percent(p.value, 2)}: ${p.numerator} of ${p.denominator} ` +
      `${p.denominator === 1 ? COUNTS[p.name].one : COUNTS[p.name].what} in ` +
      `${windowWords(p.window)}. The target is ${targetWords(p, f)}; this ${verdict}.`
    );
  },

  "health.consequence.violation": (p, f) => {
    const limited = "a limited-term deposit whose term it falls in is not refundable for that term";
    const sentence =
      p.until !== null
        ? `${limited}, and an unlimited deposit is not refundable until ${f.day(p.until)}.`
        : `${limited}; one milder than ${SEVERITY_EN[p.blockingSeverity]} does not block an unlimited deposit.`;
    return `${capital(aViolation(p))} on ${f.day(p.day)} blocks a deposit refund: ${sentence} ${CONTEST}`;
  },
  "health.consequence.qualityDisputes": (p) => {
    const one = p.lost === 1;
    return (
      `${p.lost} ${one ? "dispute" : "disputes"} about quality or items not as described ${one ? "was" : "were"} ` +
      `resolved for the buyer in the last ${p.windowDays} days, more than the ${p.allowed} a limited-term deposit's ` +
      `term allows: if ${one ? "it falls" : "they fall"} in the term, the deposit is not refundable for it.`
    );
  },
  "health.consequence.metricMissesTarget": (p, f) =>
    `The ${LABEL[p.name].toLowerCase()} of ${f.percent(p.value, 2)} over ${windowWords(p.window)} misses its ` +
    `target (${targetWords(p, f)}). It does not block a refund by itself, but for an unlimited deposit the ` +
    `platform decides after weighing sales and reputation, and this counts against it.`,

  "health.risk.noViolations": (p) =>
    `No violation in the last ${p.windowMonths} months.${disputesWeighed(p.qualityDisputes)}`,
  "health.risk.violations": (p, f) =>
    `${capital(p.violations.map((v) => `${aViolation(v)} on ${f.day(v.day)}`).join(", "))}: ` +
    `${p.blocking} ${p.blocking === 1 ? "violation blocks" : "violations block"} a deposit refund. Violations ` +
    `weigh by severity; a ${SEVERITY_EN.CRITICAL} one takes the whole weight.${disputesWeighed(p.qualityDisputes)}`,
  "health.display.violations": (p) =>
    `${p.count} ${p.count === 1 ? "violation" : "violations"}, ${p.blocking} blocking a deposit refund` +
    (p.qualityDisputesLost === null
      ? ""
      : `; ${p.qualityDisputesLost} quality ${p.qualityDisputesLost === 1 ? "dispute" : "disputes"} lost, blocking ` +
        "one too"),
  "health.display.escalations": (p) => `${p.count} ${p.count === 1 ? "escalation" : "escalations"}`,
  "health.risk.noEscalations": (p) => `No case was escalated to the platform in the last ${p.windowDays} days.`,
  "health.risk.escalations": (p) =>
    `${p.count} ${p.count === 1 ? "case was" : "cases were"} escalated to the platform in the last ` +
    `${p.windowDays} days: a case escalates when the buyer gets no answer or no solution they accept in time, or ` +
    `when a return deadline of the seller's is missed. The factor counts in full from ${p.fullAt}.`,
};
