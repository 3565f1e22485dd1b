import type { EvidenceKind } from "../cases/evidence-shape";
import type { Money } from "../money";
import { OFFER, REMEDY, SIDE } from "./zh-CN-errors";
import { OUTCOME, REASON } from "./zh-CN-risk-factors";
import type { Formats } from "./formats";
import type { TimelineKey, Writers } from "./texts";

/**
 * 简体中文：纠纷时间线，每条记录一句（键与数据见 texts-timeline.ts）。Words from the glossary
 * (docs/glossary.md); codes are never written into a sentence, nor the people's notes (an entry's body).
 */

const EVIDENCE: Record<EvidenceKind, string> = {
  TRACKING_PROOF: "物流跟踪凭证",
  PHOTO: "照片",
  CHAT_EXCERPT: "聊天记录节选",
  INSPECTION_REPORT: "检验报告",
  PRODUCT_LISTING: "商品页面",
  RETURN_PROOF: "退货凭证",
  REFUND_PROOF: "退款凭证",
  OTHER: "其他证据",
};

const amountOf = (amount: Money | null, f: Formats) => (amount ? `（${f.money(amount)}）` : "");

export const zhCNTimeline: Writers<TimelineKey> = {
  "timeline.openedLateShipment": (p, f) =>
    `订单 ${p.marketplaceOrderId} 已过发货截止时间（${f.dateTime(p.shipBy)}）仍未发货。`,
  "timeline.opened": (p) => `${SIDE[p.side]}方发起了纠纷：${REASON[p.reason]}。`,
  "timeline.message": (p) => `${SIDE[p.side]}方发送了留言。`,
  // An exchange moves no money: its amount (0) is left out.
  "timeline.offerMade": (p, f) =>
    `卖家提出了补偿方案：${OFFER[p.kind]}${p.kind === "REPLACEMENT_WITH_RETURN" ? "" : `，金额 ${f.money(p.amount)}`}，` +
    `有效期至 ${f.dateTime(p.expiresAt)}。`,
  "timeline.offerDeclined": (p) => `买家拒绝了${OFFER[p.kind]}补偿方案。`,
  "timeline.offerAccepted": (p) => `买家接受了${OFFER[p.kind]}补偿方案，纠纷已解决。`,
  "timeline.offerAcceptedCaseOpen": (p) =>
    `买家接受了${OFFER[p.kind]}补偿方案：补偿步骤已完成；纠纷保持未结，直至订单发货并有物流跟踪号或订单被取消。`,
  "timeline.returnOfferAccepted": (p, f) =>
    `买家接受了${OFFER[p.kind]}方案：退货已获批准，须在 ${f.dateTime(p.shipBackBy)} 前寄回。`,
  "timeline.offerWithdrawn": (p) => `卖家撤回了${OFFER[p.kind]}补偿方案。`,
  "timeline.offerExpired": (p) => `${OFFER[p.kind]}补偿方案过期未答复。`,
  "timeline.responseOverdue": (p, f) => `卖家未在 ${f.dateTime(p.respondBy)} 前答复。`,
  "timeline.remedyRecorded": (p, f) => `卖家记录了补救措施：${REMEDY[p.kind]}${amountOf(p.amount, f)}。`,
  "timeline.escalated": (p) =>
    `纠纷已升级至平台。${p.offerDeclined ? `待答复的${OFFER[p.offerDeclined]}补偿方案视为已拒绝。` : ""}`,
  "timeline.resolved": (p, f) =>
    `纠纷已解决：${OUTCOME[p.outcome]}。` +
    (p.platformRefund ? `平台已从该订单向买家退款 ${f.money(p.platformRefund)}。` : "") +
    (p.offerWithdrawn ? `待答复的${OFFER[p.offerWithdrawn]}补偿方案已撤回。` : "") +
    (p.returnCancelled ? "进行中的退货已取消。" : ""),
  "timeline.closed": () => "纠纷已关闭。",
  "timeline.evidenceSubmitted": (p) => `${SIDE[p.side]}方提交了证据：${EVIDENCE[p.kind]}。`,
  "timeline.returnShippedBack": (p, f) =>
    `买家已寄回退货商品（${p.carrier} ${p.trackingNumber}）；卖家须在 ${f.dateTime(p.receiveBy)} 前确认收货。`,
  "timeline.returnReceived": (p, f) =>
    `卖家已收到退货商品；须在 ${f.dateTime(p.settleBy)} 前` +
    `${p.kind === "REFUND_WITH_RETURN" ? "退款" : "发出换货商品"}。`,
  "timeline.returnRefunded": (p, f) =>
    p.amount ? `卖家收到退货后退款 ${f.money(p.amount)}，纠纷已解决。` : "卖家收到退货后未退任何款项，纠纷已解决。",
  "timeline.replacementShipped": (p) => `卖家已发出换货商品（${p.carrier} ${p.trackingNumber}），纠纷已解决。`,
  "timeline.returnCancelled": () => "买家取消了退货。",
  "timeline.returnExpired": (p, f) => `买家未在 ${f.dateTime(p.shipBackBy)} 前寄回退货商品，退货已失效。`,
  "timeline.returnOverdue": (p, f) =>
    `卖家未在 ${f.dateTime(p.by)} 前${p.step === "RECEIVE" ? "确认收到退货" : "退款或发出换货商品"}，` +
    "纠纷已升级至平台。",
};
