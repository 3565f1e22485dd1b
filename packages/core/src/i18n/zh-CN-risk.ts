import type { ActionCode, FactorCode } from "../risk/model";
import type { Formats } from "./formats";
import type { OrderState, RiskKey, Writers } from "./texts";
import { ORDER_STATUS_ZH } from "./zh-CN-words";

/** 简体中文：风险因素的名称与说明、建议操作。 */

const FACTOR_LABELS: Record<FactorCode, string> = {
  SHIP_BY_DEADLINE: "距发货截止时间的剩余时间",
  NOT_SHIPPED: "尚未发货",
  EXPEDITE: "加急标记",
  SELLER_LATE_RATE: "卖家延迟发货率（30天）",
  OPEN_CASES: "订单上未结的纠纷",
  ORDER_VALUE: "订单金额",
  ESCALATED: "已升级至平台",
  RESPOND_BY_DEADLINE: "距卖家截止时间的剩余时间（respondBy，或进行中退货的截止时间）",
  NO_SELLER_REPLY: "卖家尚未回复",
  UNANSWERED_BUYER_MESSAGES: "未回复的买家消息",
  REJECTED_OFFERS: "被拒绝或已过期的补偿方案",
  CLAIM_SIZE: "索赔金额",
  CASE_REASON: "纠纷原因",
  LATE_SHIPMENT_RATE: "延迟发货率（30天）",
  DISPUTE_RATE: "纠纷率（60天）",
  ON_TIME_FIRST_RESPONSE_RATE: "首次回复及时率（30天）",
  VALID_TRACKING_RATE: "有效物流跟踪率（30天）",
  SELLER_CANCELLATION_RATE: "成交不卖率（30天）",
  VIOLATIONS: "违规（12个月）与质量纠纷败诉（60天）",
  ESCALATIONS: "升级至平台的纠纷（60天）",
};

const ACTION_LABELS: Record<ActionCode, string> = {
  CONTACT_BUYER: "立即联系买家：诚实地道歉、解释原因并提供解决方案",
  EXPEDITE_AND_SHIP:
    "尽快以更快的物流发货，并提供准确的物流信息；如尚未标记加急，或在订单出现风险之前已标记，请（再次）将订单标记为加急处理",
  OFFER_COMPENSATION: "在政策范围内提供补偿（优惠券、折扣或部分退款）",
  PLATFORM_SUPPORT_TICKET: "携订单信息和发货记录联系平台客服，并记录工单编号",
  GOODWILL_GESTURE: "问题解决后，给予买家额外的关怀（折扣或优惠券）",
  SHIP_BEFORE_DEADLINE: "在发货截止时间前发货，并提供物流跟踪号",
  SETTLE_RETURN: "确认收到退货，然后在退货截止时间前退款或寄出换货",
  POST_SELLER_MESSAGE: "在纠纷中回复买家",
  RECORD_REMEDY: "给出具体的解决方案：退款、换货或退货退款",
  MAKE_OFFER: "提出买家可以接受的补偿方案",
  SUBMIT_EVIDENCE: "向平台提交证据：物流证明、照片、与买家的聊天记录、检验报告",
  IMPROVE_LATE_SHIPMENT_RATE: "每个订单都在发货截止时间前发货：每天处理延迟和有风险的订单",
  REDUCE_DISPUTE_RATE: "预防纠纷：发货前检查质量，确认商品与描述相符",
  REPLY_WITHIN_DEADLINE: "在回复截止时间前回复每一起纠纷",
  SHIP_WITH_VALID_TRACKING: "每个订单都使用有效的物流跟踪号发货",
  AVOID_SELLER_CANCELLATIONS: "保持库存和商品信息准确，避免因卖家原因取消已付款的订单",
  REVIEW_VIOLATIONS: "查看已记录的违规；如有异议，请联系平台运营方",
};

/** 以小时计的时长：不足一小时写分钟（"2分钟"、"不到1分钟"），一小时起保留一位小数（"49.5小时"）。 */
const hoursWord = (h: number) => {
  const minutes = Math.round(Math.abs(h) * 60);
  if (minutes < 1) return "不到1分钟";
  if (minutes < 60) return `${minutes}分钟`;
  return `${(Math.round(Math.abs(h) * 10) / 10).toFixed(1)}小时`;
};

function state(p: OrderState, f: Formats): string {
  switch (p.status) {
    case "AWAITING_SHIPMENT":
      return "该订单待发货。";
    case "SHIPPED":
    case "DELIVERED":
      if (!p.shippedAt) return `该订单${ORDER_STATUS_ZH[p.status]}。`;
      return p.lateHours !== null && p.lateHours > 0
        ? `该订单${ORDER_STATUS_ZH[p.status]}；于${f.dateTime(p.shippedAt)}发货，比发货截止时间晚了${hoursWord(p.lateHours)}。`
        : `该订单${ORDER_STATUS_ZH[p.status]}；于${f.dateTime(p.shippedAt)}发货，在发货截止时间之前。`;
    case "CANCELLED":
      return `该订单${p.cancelledAt ? `已于${f.dateTime(p.cancelledAt)}` : "已"}取消，不会发货。`;
  }
}

export const zhCNRisk: Writers<RiskKey> = {
  "risk.factorLabel": (p) => FACTOR_LABELS[p.code],
  "risk.action": (p) => ACTION_LABELS[p.code],
  "risk.order.state": (p, f) => state(p, f),
  "risk.order.shipByOverdue": (p, f) =>
    `该订单已超过发货截止时间（${f.dateTime(p.shipBy)}）${hoursWord(p.hours)}，仍未发货；超时的每一小时比截止前的` +
    `一小时风险更大，超时 ${p.fullAfterHours} 小时时计满权重。`,
  "risk.order.shipByFar": (p, f) =>
    `距发货截止时间（${f.dateTime(p.shipBy)}）还有${hoursWord(p.hours)}；截止时间只在最后 ${p.horizonHours} 小时内` +
    "开始计入风险。",
  "risk.order.shipByNear": (p, f) => `距发货截止时间（${f.dateTime(p.shipBy)}）只剩${hoursWord(p.hours)}。`,
  "risk.order.handlingUsedUp": (p, f) =>
    `该订单尚未发货，备货期（${f.dateTime(p.placedAt)}下单，${f.dateTime(p.shipBy)}前发货）已全部用完。`,
  "risk.order.handlingUsed": (p, f) =>
    `该订单尚未发货，备货期（${f.dateTime(p.placedAt)}下单，${f.dateTime(p.shipBy)}前发货）已用去` +
    `${f.percent(p.usedPercent)}。`,
  "risk.order.expedited": (p, f) =>
    `该订单已标记为加急${p.since ? `（自${f.dateTime(p.since)}起）` : ""}：` +
    `${p.late ? "虽已延迟，但正在处理" : "正在优先处理"}。`,
  "risk.order.expeditedBeforeRisk": (p, f) =>
    `该订单于${f.dateTime(p.since)}标记为加急，早于发货截止前 ${p.windowHours} 小时：` +
    (p.windowBegun
      ? `订单出现风险之前所做的标记不能说明正在处理，因此${p.late ? "订单已延迟，" : ""}按未加急计。` +
        "请再次标记加急，以表明正在处理。"
      : `这么早的标记不能说明届时会有人处理。如果到最后 ${p.windowHours} 小时仍未发货，请再次标记加急。`),
  "risk.order.lateNotExpedited": () => "该订单已延迟且未标记为加急：卖家指南的第二步补救措施是加急处理并尽快发货。",
  "risk.order.nearNotExpedited": (p) => `距发货截止时间不足 ${p.windowHours} 小时，且订单未标记为加急。`,
  "risk.order.farNotExpedited": (p) => `距发货截止时间超过 ${p.windowHours} 小时，暂不需要加急。`,
  "risk.order.lateRateIrrelevant": (p, f) => `${state(p, f)}卖家的延迟发货率对该订单已不再有影响。`,
  "risk.order.noShipments": () =>
    "除该订单外，卖家最近30天没有发货的订单，也没有超过发货截止时间仍未发货的订单：没有可参考的延迟发货率。",
  "risk.order.lateRate": (p) =>
    `卖家最近30天的其他 ${p.counted} 个订单中有 ${p.late} 个延迟（${p.ratePercent.toFixed(2)}%：在发货截止时间之后发货，` +
    `或到截止时间仍未发货）；经常延迟发货的` +
    `卖家，这个订单也容易延迟。该因素在 ${p.fullAtPercent.toFixed(0)}% 时计满权重。`,
  "risk.order.noOpenCases": () => "该订单没有未结的纠纷。",
  "risk.order.openCases": (p) => {
    const parts = [
      p.escalated > 0 ? `${p.escalated} 起已升级至平台的纠纷` : null,
      p.disputes > 0 ? `${p.disputes} 起买家纠纷` : null,
      p.system > 0 ? `${p.system} 起延迟发货或系统纠纷` : null,
    ].filter((part): part is string => part !== null);
    return `该订单有${parts.join("、")}未结：未结的纠纷仍可能以退款或对卖家不利的平台裁决结束。`;
  },
  "risk.order.valueNoBaseline": (p, f) => `${NET_VALUE}${f.money(p.amount)}；卖家最近30天没有其他结算销售额可供比较。`,
  "risk.order.valueNotAtStake": (p, f) =>
    `${NET_VALUE}${f.money(p.amount)}，是卖家最近30天平均订单金额（${f.money(p.average)}）的 ${p.ratio.toFixed(1)} ` +
    "倍（两者均已扣除退款）" +
    (p.status === "CANCELLED"
      ? "；订单已取消，平台不为其结算任何款项，其金额不受影响。"
      : `；订单${ORDER_STATUS_ZH[p.status]}且没有未结纠纷，其金额不受影响。`),
  "risk.order.value": (p, f) =>
    `${NET_VALUE}${f.money(p.amount)}，是卖家最近30天平均订单金额（${f.money(p.average)}）的 ${p.ratio.toFixed(1)} ` +
    "倍（两者均已扣除退款）：可退款的金额越大，退款成本越高，对买家也越重要。该因素从平均值起计入，" +
    `达到 ${p.fullAtMultiple} 倍时计满权重。`,
  "risk.order.valueRefunded": (p, f) =>
    `该订单已无可退款金额：买家实付${f.money(p.paid)}，已退款${f.money(p.refunded)}` +
    `${p.held ? `，另有${f.money(p.held)}为退货预留` : ""}，其金额不再受影响。`,
};

/** ORDER_VALUE's amount: what the order can still cost in refunds, in its settlement currency. */
const NET_VALUE = "该订单结算金额扣除退款（已退或为退货预留）后为";

/** The words the factors' `display` and the case sentences share with these (zh-CN-risk-factors.ts). */
export { hoursWord };
