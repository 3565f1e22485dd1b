import type { CaseOutcome, CaseStatus } from "../cases/machine";
import type { CaseReason } from "../cases/shapes";
import type { Writers } from "./texts";
import type { ReturnStep, RiskFactorKey } from "./texts-risk-factors";
import { hoursWord } from "./zh-CN-risk";
import { CASE_STATUS_ZH, ORDER_STATUS_ZH } from "./zh-CN-words";

/** 简体中文：订单与纠纷风险因素的取值（display），以及各纠纷风险因素的说明。 */

/** 句中的纠纷状态：现在轮到谁处理。 */
const WHO_MOVES: Record<CaseStatus, string> = {
  AWAITING_SELLER: "正在等待卖家",
  AWAITING_BUYER: "正在等待买家",
  OFFER_PENDING: "补偿方案正在等待买家答复",
  RETURN_IN_PROGRESS: "退货正在进行中",
  ESCALATED: "由平台裁决",
  RESOLVED: "已解决",
  CLOSED: "已关闭",
};

const ENDED: Record<"RESOLVED" | "CLOSED", string> = { RESOLVED: "解决", CLOSED: "关闭" };

export const OUTCOME: Record<CaseOutcome, string> = {
  REFUNDED: "已退款",
  REPLACED: "已换货",
  RETURNED_AND_REFUNDED: "已退货退款",
  COMPENSATION_ACCEPTED: "买家接受了补偿",
  BUYER_WITHDREW: "买家撤回了纠纷",
  DECIDED_FOR_SELLER: "平台裁决支持卖家",
  DECIDED_FOR_BUYER: "平台裁决支持买家",
  SHIPPED: "延迟的订单已发货",
  ORDER_CANCELLED: "订单已取消",
};

export const REASON: Record<CaseReason, string> = {
  NOT_RECEIVED: "未收到货",
  NOT_AS_DESCRIBED: "商品与描述不符",
  QUALITY_ISSUE: "质量问题",
  DAMAGED: "商品损坏",
  WRONG_ITEM: "发错货",
  NOT_SHIPPED: "订单未发货",
  LATE_SHIPMENT: "延迟发货",
  OTHER: "其他原因",
};

const CHECKED_COMPLAINT = "买家有平台会核实的具体投诉，这类纠纷最常升级至平台，也最常以支持买家的裁决结束。";
const SHOWN_PROBLEM = "买家能拿出问题的证据；换货或退款通常能在升级之前解决。";
const SELLER_CAN_FIX = "卖家可以按卖家指南的补救方案解决：提供物流跟踪号发货，并向买家道歉。";

const REASON_WHY: Record<CaseReason, string> = {
  NOT_RECEIVED: CHECKED_COMPLAINT,
  NOT_AS_DESCRIBED: CHECKED_COMPLAINT,
  QUALITY_ISSUE: CHECKED_COMPLAINT,
  DAMAGED: SHOWN_PROBLEM,
  WRONG_ITEM: SHOWN_PROBLEM,
  NOT_SHIPPED: SELLER_CAN_FIX,
  LATE_SHIPMENT: SELLER_CAN_FIX,
  OTHER: "没有具体的投诉，最不容易升级。",
};

const STEP: Record<ReturnStep, string> = {
  CONFIRM_RECEIPT: "确认收到退货",
  REFUND: "为收到的退货退款",
  SHIP_REPLACEMENT: "寄出换货",
};

export const zhCNRiskFactors: Writers<RiskFactorKey> = {
  "risk.display.deadline": (p) => `${p.overdue ? "超时" : "剩余"}${hoursWord(p.hours)}`,
  "risk.display.orderStatus": (p) => ORDER_STATUS_ZH[p.status],
  "risk.display.handlingUsed": (p) => `备货期已用${p.usedPercent}%`,
  "risk.display.expedited": (p) => (p.expedited ? "已加急" : "未加急"),
  "risk.display.lateRate": (p) => `延迟发货${p.ratePercent.toFixed(2)}%`,
  "risk.display.noData": () => "暂无数据",
  "risk.display.openCases": (p) => `${p.count}起未结纠纷`,
  "risk.display.orderValue": (p, f) =>
    p.ratio === null ? `订单金额${f.money(p.amount)}` : `${f.money(p.amount)}，30天平均值的${p.ratio.toFixed(1)}倍`,
  "risk.display.escalated": (p) =>
    p.state === "ESCALATED" ? "已升级至平台" : p.state === "WAS_ESCALATED" ? "曾升级至平台" : "未升级",
  "risk.display.caseStatus": (p) => CASE_STATUS_ZH[p.status],
  "risk.display.answered": () => "无需卖家回复",
  "risk.display.returnAwaited": () => "等待买家退货",
  "risk.display.replied": (p) => (p.replied ? "已回复" : "尚未回复"),
  "risk.display.messages": (p) => `${p.count}条消息`,
  "risk.display.offers": (p) => `${p.count}个补偿方案`,
  "risk.display.claim": (p, f) =>
    p.claim === null
      ? "无索赔"
      : p.paid === null
        ? `索赔${f.money(p.claim)}`
        : p.left
          ? `索赔${f.money(p.claim)}，尚余${f.money(p.left)}，实付${f.money(p.paid)}`
          : `索赔${f.money(p.claim)}，实付${f.money(p.paid)}`,
  "risk.display.caseReason": (p) => REASON[p.reason],

  "risk.case.closed": (p, f) =>
    `该纠纷${p.since ? `已于${f.dateTime(p.since)}` : "已"}${ENDED[p.status]}` +
    `${p.outcome ? `（${OUTCOME[p.outcome]}）` : ""}，不会再升级至平台。`,
  "risk.case.escalated": (p, f) =>
    `${
      p.by === "BUYER"
        ? `买家${p.since ? `已于${f.dateTime(p.since)}` : "已"}将纠纷升级至平台`
        : `卖家未在${f.dateTime(p.deadline)}前${STEP[p.step]}，纠纷${p.since ? `已于${f.dateTime(p.since)}` : "已"}自动升级至平台`
    }：现在由平台裁决，支持买家的裁决会计入卖家的不利记录。`,
  "risk.case.notEscalated": () => "该纠纷尚未升级至平台。",
  "risk.case.notAwaitingSeller": (p) => `该纠纷目前不需要卖家回复（${WHO_MOVES[p.status]}）。`,
  "risk.case.respondByOverdue": (p, f) =>
    `卖家应在${f.dateTime(p.respondBy)}前回复，已超时${hoursWord(p.hours)}，仍未回复：买家随时可以将纠纷升级至平台。`,
  "risk.case.respondByFar": (p, f) =>
    `距回复截止时间（${f.dateTime(p.respondBy)}）还有${hoursWord(p.hours)}；截止时间只在最后 ${p.horizonHours} ` +
    "小时内开始计入风险。",
  "risk.case.respondByNear": (p, f) => `距回复截止时间（${f.dateTime(p.respondBy)}）只剩${hoursWord(p.hours)}。`,
  "risk.case.returnAwaited": (p, f) =>
    `退货进行中：买家应在${f.dateTime(p.shipBackBy)}前寄回商品；商品寄到之前，卖家无需操作。`,
  "risk.case.returnOverdue": (p, f) =>
    `卖家应在${f.dateTime(p.deadline)}前${STEP[p.step]}，已超时${hoursWord(p.hours)}：买家已寄回商品，只等卖家处理，` +
    "纠纷将升级至平台。",
  "risk.case.returnLeft": (p, f) =>
    `还有${hoursWord(p.hours)}可以${STEP[p.step]}（截止时间：${f.dateTime(p.deadline)}）。`,
  "risk.case.replied": (p, f) => `卖家于${f.dateTime(p.at)}首次回复${p.afterDeadline ? "，已超过回复截止时间" : ""}。`,
  "risk.case.noReply": (p, f) =>
    `纠纷于${f.dateTime(p.openedAt)}开启（${hoursWord(p.hours)}前），卖家至今未回复：卖家指南的第一条就是保持沟通，` +
    "及时回复买家的消息。",
  "risk.case.noUnansweredMessages": () => "没有等待回复的买家消息。",
  "risk.case.unansweredMessages": (p, f) =>
    `有 ${p.count} 条买家消息等待回复${p.lastAt ? `（最近一条在${f.dateTime(p.lastAt)}）` : ""}；` +
    (p.escalated ? "平台裁决时会查看整个纠纷，包括卖家的回复。" : "一再来信却得不到回复的买家会升级纠纷。") +
    `该因素在 ${p.fullAt} 条时计满权重。`,
  "risk.case.noOffers": () => "尚未提出补偿方案。",
  "risk.case.noRejectedOffers": () => "没有被拒绝或过期未答复的补偿方案。",
  "risk.case.rejectedOffers": (p) =>
    `${[
      p.declined > 0 ? `${p.declined} 个补偿方案被买家拒绝` : null,
      p.expired > 0 ? `${p.expired} 个补偿方案过期未答复` : null,
    ]
      .filter((part): part is string => part !== null)
      .join("，")}：买家想要别的解决方案，下一步往往是升级至平台。`,
  "risk.case.noClaim": () => "买家没有索赔具体金额。",
  "risk.case.claimIncomparable": (p, f) => `索赔金额${f.money(p.claim)}无法与买家实付的${f.money(p.paid)}比较。`,
  "risk.case.claim": (p, f) =>
    `买家索赔${f.money(p.claim)}，占实付金额${f.money(p.paid)}的${f.percent(p.percent)}：涉及的订单金额越多，` +
    "买家越不会满足于小小的补偿。",
  "risk.case.claimLeft": (p, f) =>
    `买家索赔${f.money(p.claim)}，本纠纷已退款${f.money(p.refunded)}：索赔尚余${f.money(p.left)}，` +
    `占实付金额${f.money(p.paid)}的${f.percent(p.percent)}。仍涉及的订单金额越多，买家越不会满足于小小的补偿。`,
  "risk.case.claimAboveRefundable": (p, f) =>
    `买家索赔${f.money(p.claim)}，但该订单仅剩${f.money(p.left)}可退款（其余已退款或为退货保留）：` +
    `涉及实付金额${f.money(p.paid)}的${f.percent(p.percent)}。`,
  "risk.case.reason": (p) => `${REASON[p.reason]}：${REASON_WHY[p.reason]}`,
};
