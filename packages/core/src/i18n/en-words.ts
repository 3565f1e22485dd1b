import type { Severity, ViolationKind } from "../deposits/shapes";

/**
 * English words for the codes a sentence names (a violation's severity and kind): the code itself stays in the
 * structured fields a tool matches on; a sentence reads words.
 */

export const SEVERITY_EN: Record<Severity, string> = { MINOR: "minor", MAJOR: "major", CRITICAL: "critical" };

export const VIOLATION_KIND_EN: Record<ViolationKind, string> = {
  COUNTERFEIT: "counterfeit",
  QUALITY: "quality",
  LATE_SHIPMENT_BREACH: "late-shipment",
  FRAUD: "fraud",
  OTHER: "other",
};

/** "a major late-shipment violation". */
export const aViolation = (v: { severity: Severity; kind: ViolationKind }) =>
  `a ${SEVERITY_EN[v.severity]} ${VIOLATION_KIND_EN[v.kind]} violation`;

export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
