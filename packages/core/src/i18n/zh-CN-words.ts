import type { Severity, ViolationKind } from "../deposits/shapes";

/** 句中代码的中文说法（违规的严重程度和类型）：代码本身留在结构化字段中，句子里写词语。 */

export const SEVERITY_ZH: Record<Severity, string> = { MINOR: "轻微", MAJOR: "严重", CRITICAL: "特别严重" };

export const VIOLATION_KIND_ZH: Record<ViolationKind, string> = {
  COUNTERFEIT: "售假",
  QUALITY: "质量",
  LATE_SHIPMENT_BREACH: "延迟发货",
  FRAUD: "欺诈",
  OTHER: "其他",
};

/** “一条严重的延迟发货违规”中“一条”之后的部分。 */
export const violationWords = (v: { severity: Severity; kind: ViolationKind }) =>
  `${SEVERITY_ZH[v.severity]}的${VIOLATION_KIND_ZH[v.kind]}违规`;
