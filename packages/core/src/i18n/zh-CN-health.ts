import type { Comparison, MetricName, MetricWindow } from "../risk/seller";
import type { Formats } from "./formats";
import type { HealthKey, Writers } from "./texts";
import type { QualityDisputesMention, TargetMention } from "./texts-health";
import { SEVERITY_ZH, violationWords } from "./zh-CN-words";

/** 简体中文：账户健康（各项指标、对保证金退还的影响、卖家风险因素的说明）。 */

const LABEL: Record<MetricName, string> = {
  LATE_SHIPMENT_RATE: "延迟发货率",
  DISPUTE_RATE: "纠纷率",
  ON_TIME_FIRST_RESPONSE_RATE: "首次回复及时率",
  VALID_TRACKING_RATE: "有效物流跟踪率",
  SELLER_CANCELLATION_RATE: "成交不卖率",
};

const windowWords = (w: MetricWindow) => (w === "30d" ? "最近30天" : "最近60天");

/** What a metric counted: "n of d …" in the window's words, and what it says when nothing was counted. */
const COUNTS: Record<
  MetricName,
  { counted: (n: number, d: number, window: string) => string; none: (window: string) => string }
> = {
  LATE_SHIPMENT_RATE: {
    counted: (n, d, w) => `${w}发货或超过发货截止时间仍未发货的 ${d} 个订单中有 ${n} 个延迟`,
    none: (w) => `${w}没有发货的订单，也没有超过发货截止时间仍未发货的订单`,
  },
  DISPUTE_RATE: {
    counted: (n, d, w) => `${w}下单的 ${d} 个订单中有 ${n} 个引发了买家纠纷`,
    none: (w) => `${w}没有新订单`,
  },
  ON_TIME_FIRST_RESPONSE_RATE: {
    counted: (n, d, w) =>
      `${w}对买家纠纷应做的 ${d} 次首次回复中有 ${n} 次在回复截止时间（respondBy）之前（截止时仍未回复的计为逾期）`,
    none: (w) => `${w}没有对买家纠纷的首次回复`,
  },
  VALID_TRACKING_RATE: {
    counted: (n, d, w) => `${w}发货的 ${d} 个订单中有 ${n} 个带有承运商可查到的有效物流跟踪号（未被平台报告为无效）`,
    none: (w) => `${w}没有发货的订单`,
  },
  SELLER_CANCELLATION_RATE: {
    counted: (n, d, w) =>
      `${w}下单的 ${d} 个订单中有 ${n} 个计为卖家取消` +
      "（卖家或其工具记录的取消无论原因均计入；平台或运营人员因买家申请或疑似欺诈记录的取消不计入）",
    none: (w) => `${w}没有新订单`,
  },
};

const COMPARISON: Record<Comparison, string> = { BELOW: "低于", AT_LEAST: "不低于", ABOVE: "高于" };

/** How close to the target AT_RISK reaches, as `statusOf` draws it: BELOW and ABOVE include the bound, AT_LEAST not. */
const WITHIN: Record<Comparison, string> = { BELOW: "不超过", AT_LEAST: "不足", ABOVE: "不超过" };

const targetWords = (t: TargetMention, f: Formats) => `${COMPARISON[t.comparison]} ${f.percent(t.target)}`;
const nothingCounted = (name: MetricName, window: MetricWindow) =>
  `${COUNTS[name].none(windowWords(window))}：暂无可衡量的数据。`;
const CONTEST = "如对该违规记录有异议，请联系平台运营方。";

/** VIOLATIONS 因素计入的质量纠纷败诉，接在违规说明之后；不阻碍退还时为空。 */
const disputesWeighed = (q: QualityDisputesMention | null) =>
  q === null
    ? ""
    : `最近${q.windowDays}天有 ${q.lost} 起质量纠纷以买家胜诉结束，超过有限期保证金一个期限允许的 ${q.allowed} 起：` +
      "这会阻碍其退还，并按一条轻微质量违规计入风险。";

export const zhCNHealth: Writers<HealthKey> = {
  "health.metricLabel": (p) => LABEL[p.name],
  "health.metric.nothingCounted": (p) => nothingCounted(p.name, p.window),
  "health.metric.nothingCountedTarget": (p, f) => `${nothingCounted(p.name, p.window)}目标为${targetWords(p, f)}。`,
  "health.metric.rate": (p, f) => {
    const verdict =
      p.status === "BAD"
        ? "未达到目标"
        : p.status === "AT_RISK"
          ? `达到目标，但与目标相差${WITHIN[p.comparison]} ${p.atRiskMargin} 个百分点`
          : "达到目标";
    const counted = COUNTS[p.name].counted(p.numerator, p.denominator, windowWords(p.window));
    return `${LABEL[p.name]} ${f.percent(p.value, 2)}：${counted}。目标为${targetWords(p, f)}；当前${verdict}。`;
  },

  "health.consequence.violation": (p, f) => {
    const unlimited =
      p.until !== null
        ? `无限期保证金在${f.day(p.until)}之前不可退还。`
        : `严重程度低于“${SEVERITY_ZH[p.blockingSeverity]}”的违规不阻碍无限期保证金的退还。`;
    return (
      `${f.day(p.day)}有一条${violationWords(p)}，阻碍保证金退还：违规所在期限的有限期保证金在该期限内不可` +
      `退还；${unlimited}${CONTEST}`
    );
  },
  "health.consequence.qualityDisputes": (p) =>
    `最近${p.windowDays}天有 ${p.lost} 起关于质量问题或商品与描述不符的纠纷以买家胜诉结束，超过有限期保证金一个期限允许的 ` +
    `${p.allowed} 起：如果这些纠纷在保证金期限内，该期限的保证金不可退还。`,
  "health.consequence.metricMissesTarget": (p, f) =>
    `${windowWords(p.window)}的${LABEL[p.name]}为 ${f.percent(p.value, 2)}，未达到目标（${targetWords(p, f)}）。` +
    "它本身不会阻碍保证金退还，但无限期保证金的退还由平台综合考虑销售额和信誉后决定，这一点会对您不利。",

  "health.risk.noViolations": (p) => `最近 ${p.windowMonths} 个月没有违规。${disputesWeighed(p.qualityDisputes)}`,
  "health.risk.violations": (p, f) =>
    `${p.violations.map((v) => `${f.day(v.day)}一条${violationWords(v)}`).join("、")}：其中 ${p.blocking} 条` +
    `阻碍保证金退还。违规按严重程度计入风险，一条${SEVERITY_ZH.CRITICAL}的违规即计满权重。` +
    disputesWeighed(p.qualityDisputes),
  "health.display.violations": (p) =>
    `${p.count} 条违规，其中 ${p.blocking} 条阻碍保证金退还` +
    (p.qualityDisputesLost === null ? "" : `；另有 ${p.qualityDisputesLost} 起质量纠纷败诉，同样阻碍退还`),
  "health.display.escalations": (p) => `${p.count} 起纠纷升级至平台`,
  "health.risk.noEscalations": (p) => `最近${p.windowDays}天没有纠纷升级至平台。`,
  "health.risk.escalations": (p) =>
    `最近${p.windowDays}天有 ${p.count} 起纠纷升级至平台：买家未能及时得到答复或可以接受的解决方案，或卖家错过` +
    `退货期限，纠纷都会升级。该因素在 ${p.fullAt} 起时计满权重。`,
};
