import type { CaseStatus } from "../cases/machine";
import type { OfferStatus } from "../cases/shapes";
import type { ReturnOfferKind } from "../compensation";
import type { DepositStatus, Severity, ViolationKind } from "../deposits/shapes";
import type { OrderStatus } from "../orders/shapes";
import type { ReturnStatus } from "../returns/machine";

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

/*
 * 句中的状态：词语在前，API 的代码放在括号里（工具据此比对，卖家读词语）。
 * 例：“已发货（SHIPPED）”。
 */
const named =
  <C extends string>(words: Record<C, string>) =>
  (code: C) =>
    `“${words[code]}”（${code}）`;

export const ORDER_STATUS_ZH: Record<OrderStatus, string> = {
  AWAITING_SHIPMENT: "待发货",
  SHIPPED: "已发货",
  DELIVERED: "已送达",
  CANCELLED: "已取消",
};
export const orderStatusZh = named(ORDER_STATUS_ZH);

export const CASE_STATUS_ZH: Record<CaseStatus, string> = {
  AWAITING_SELLER: "等待卖家处理",
  AWAITING_BUYER: "等待买家回复",
  OFFER_PENDING: "补偿方案待买家答复",
  RETURN_IN_PROGRESS: "退货进行中",
  ESCALATED: "已升级至平台",
  RESOLVED: "已解决",
  CLOSED: "已关闭",
};
export const caseStatusZh = named(CASE_STATUS_ZH);

export const returnStatusZh = named<ReturnStatus>({
  AUTHORISED: "已同意退货",
  SHIPPED_BACK: "买家已寄回",
  RECEIVED: "卖家已收到退货",
  REFUNDED: "已退款",
  REPLACEMENT_SHIPPED: "换货已发出",
  CANCELLED: "已取消",
  EXPIRED: "已失效",
});

export const offerStatusZh = named<OfferStatus>({
  PENDING: "待买家答复",
  ACCEPTED: "买家已接受",
  DECLINED: "买家已拒绝",
  WITHDRAWN: "已撤回",
  EXPIRED: "已过期",
});

export const depositStatusZh = named<DepositStatus>({
  HELD: "冻结中",
  REFUND_REQUESTED: "已申请退还",
  REFUNDED: "已退还",
  PARTIALLY_REFUNDED: "已部分退还",
});

export const returnKindZh = named<ReturnOfferKind>({
  REFUND_WITH_RETURN: "退货退款",
  REPLACEMENT_WITH_RETURN: "退货换货",
});

/** 几个状态连成“A 或 B”。 */
export const either = <C extends string>(codes: readonly C[], word: (code: C) => string) => codes.map(word).join("或");
