import type { DocumentKind } from "../deposits/shapes";
import type { DepositKey, Writers } from "./texts";
import { SEVERITY_ZH, violationWords } from "./zh-CN-words";

/** 简体中文：保证金退还资格（阻碍原因、计入的销售额）与退还申请。 */

const DOCUMENT: Record<DocumentKind, string> = {
  SALES_DATA: "销售数据（SALES_DATA）",
  QUALITY_INSPECTION_REPORT: "质量检验报告（QUALITY_INSPECTION_REPORT）",
  OTHER: "其他证明材料（OTHER）",
};

const CONTEST = "如对该违规记录有异议，请联系平台运营方。";

/** 纠纷编号：最多列出 `SHOWN` 个，其余说明数量。 */
const SHOWN = 10;
function listed(ids: string[]): string {
  return ids.length <= SHOWN ? ids.join("、") : `${ids.slice(0, SHOWN).join("、")}等 ${ids.length} 起`;
}

export const zhCNDeposits: Writers<DepositKey> = {
  "deposit.refundAlreadyRequested": () => "该保证金已提交退还申请，请等待平台对该申请的决定。",
  "deposit.alreadyRefunded": (p, f) => `该保证金已全额退还（${f.money(p.refunded)}），没有可再退还的金额。`,
  "deposit.partiallyRefunded": (p, f) =>
    `该保证金已部分退还（${f.money(p.amount)}中的${p.refunded ? f.money(p.refunded) : "已批准部分"}），` +
    "被扣除的其余部分不予退还。",
  "deposit.qualityViolation": (p, f) =>
    `${f.day(p.day)}（保证金期限内）有一条${violationWords(p)}，属于质量问题：有限期保证金仅在期限内` +
    `没有质量问题时才可退还。${CONTEST}`,
  "deposit.blockingViolationInTerm": (p, f) =>
    `${f.day(p.day)}（保证金期限内）有一条${violationWords(p)}，阻碍退还：有限期保证金仅在期限内没有` +
    `${p.threshold === "MINOR" ? "任何" : `${SEVERITY_ZH[p.threshold]}及以上的`}违规时才可退还。${CONTEST}`,
  "deposit.tooManyQualityDisputes": (p) =>
    `期限内有 ${p.lost} 起关于质量问题或商品与描述不符的纠纷以买家胜诉结束（含期限内发起、期限结束后才以买家胜诉结束的），` +
    `超过允许的 ${p.allowed} 起：这属于质量问题，本期保证金不予退还。如对纠纷结果有异议，请联系平台运营方。`,
  "deposit.qualityDisputesOpen": (p) =>
    `期限内发起的 ${p.caseIds.length} 起关于质量问题或商品与描述不符的纠纷尚未结束：${listed(p.caseIds)}。` +
    "退还须等这些纠纷结束后再评估：期限内发起的质量纠纷即使在期限结束后才以买家胜诉结束，也计入本期；" +
    `以买家胜诉结束的超过 ${p.allowed} 起即属于质量问题（目前已有 ${p.lost} 起）。`,
  "deposit.termNotEnded": (p, f) =>
    `期限内销售额为${f.money(p.sales)}，目标为${f.money(p.target)}：再完成${f.money(p.missing)}的销售额，` +
    (p.disputesOpen ? "待尚未结束的质量纠纷结束后即可全额退还保证金" : "即可立即全额退还保证金") +
    `；否则可在期限结束后${p.disputesOpen ? "且这些纠纷结束后" : ""}申请退还，退还金额由平台运营方决定` +
    `（最后一天为${f.day(p.lastDay)}，还剩 ${p.daysLeft} 天）。`,
  "deposit.termNotStarted": (p, f) =>
    `保证金期限尚未开始：期限自${f.day(p.firstDay)}开始，只有自那时起下单的订单的销售额计入${f.money(p.target)}` +
    `的目标。在期限内达到目标即可提前全额退还保证金；否则可在期限结束后申请退还，退还金额由平台运营方决定` +
    `（最后一天为${f.day(p.lastDay)}）。`,
  "deposit.sustainedSalesNotMet": (p, f) =>
    `该保证金要求最近 ${p.months} 个自然月每月销售额至少为${f.money(p.min)}，其中 ${p.short.length} 个月未达到：` +
    `${p.short.map((m) => `${m.month}（${f.money(m.sales)}，差${f.money(m.missing)}）`).join("、")}。` +
    "请继续销售：每到新的一个月都会重新核对。",
  "deposit.heldFewerMonths": (p, f) =>
    `该保证金于${f.day(p.paidOn)}缴纳：规则要求的 ${p.months} 个完整自然月（每月销售额至少为${f.money(p.min)}）中，` +
    `至今仅持有 ${p.heldMonths} 个；缴纳之前已开始的月份不计入` +
    (p.short.length === 0
      ? ""
      : `。持有的月份中有 ${p.short.length} 个月未达到：` +
        p.short.map((m) => `${m.month}（${f.money(m.sales)}，差${f.money(m.missing)}）`).join("、")) +
    `。请继续销售：最早可于${f.day(p.from)}满足该规则。`,
  "deposit.blockingViolationUnlimited": (p, f) =>
    `${f.day(p.day)}有一条${violationWords(p)}，在最近 ${p.windowMonths} 个月内，阻碍无限期保证金的退还；` +
    `该违规自${f.day(p.until)}起不再阻碍退还。${CONTEST}`,
  "deposit.salesBasisTerm": (p, f) =>
    `自${f.dateTime(p.termStart)}起至${p.ongoing ? "现在" : `${f.dateTime(p.termEnd)}（不含）`}下单的订单的结算` +
    "销售额，扣除取消及这些订单" +
    `的退款，最低为零：${p.beyond ? "超过" : ""}${f.money(p.sales)}。期限开始前下单的订单及其退款不计入；` +
    `期限结束后才在此录入、且录入时距下单已超过 ${p.graceDays} 天的订单也不计入` +
    (p.leftOut ? `（已排除此类订单${f.money(p.leftOut)}）。` : "。"),
  "deposit.salesBasisMonths": (p, f) =>
    `最近 ${p.months} 个完整自然月（按您的时区 ${p.timeZone}）每月下单的订单的结算销售额，扣除取消及这些订单的退款，` +
    "每月最低为零。这些月份之外下单的订单不计入；" +
    `在所属月份结束后才在此录入、且录入时距下单已超过 ${p.graceDays} 天的订单也不计入该月` +
    (p.leftOut ? `（已排除此类订单${f.money(p.leftOut)}）。` : "。") +
    (p.shownUpTo ? `超过${f.money(p.shownUpTo)}（可精确发送的最大金额）的金额按该金额显示。` : ""),
  "deposit.notEligible": (p, f) =>
    `该保证金目前不能退还。${p.reasons.map((r) => f.write(r)).join("") || "不满足退还规则。"}`,
  "deposit.missingDocuments": (p) =>
    `保证金退还申请必须附上${p.required.map((k) => DOCUMENT[k]).join("、")}；` +
    `缺少：${p.missing.map((k) => DOCUMENT[k]).join("、")}。`,
  "deposit.sameDocumentForKinds": (p) =>
    `同一个文件（${p.reference}）被同时用作${p.kinds.map((k) => DOCUMENT[k]).join("和")}：` +
    "引用或校验和相同的材料视为同一个文件，每份必需的材料都必须是单独的文件。请为每一种分别附上文件。",
};
