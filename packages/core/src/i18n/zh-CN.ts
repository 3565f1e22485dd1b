import type { IncidentCause } from "../orders/shapes";
import type { Formats } from "./formats";
import type {
  AmountOverflowWhat,
  Catalog,
  CompensationKindWord,
  ExpectedKind,
  NotFoundWhat,
  TextParams,
} from "./texts";
import { zhCNDeposits } from "./zh-CN-deposits";
import { zhCNHealth } from "./zh-CN-health";
import { zhCNErrors } from "./zh-CN-errors";
import { zhCNRisk } from "./zh-CN-risk";
import { zhCNRiskFactors } from "./zh-CN-risk-factors";
import { zhCNSchema } from "./zh-CN-schema";
import { zhCNTimeline } from "./zh-CN-timeline";

/**
 * Simplified Chinese: every seller-facing sentence, in the seller guide's own words (纠纷, 退款,
 * 换货, 退货, 保证金, 发货 …; docs/glossary.md). Field and operation names stay in English: they
 * are what a seller's tool sends.
 */

const KIND: Record<CompensationKindWord, string> = {
  COUPON: "优惠券",
  DISCOUNT: "折扣",
  PARTIAL_REFUND: "部分退款",
  GIFT: "小礼品",
  FREE_SHIPPING: "免运费",
};

const CONTACT: Record<IncidentCause, string> = {
  HUMAN_ERROR: "请立即联系买家：诚实地道歉，解释延迟发货的原因，并提供解决方案（加快发货、补偿）。",
  SYSTEM_ERROR: "在已向平台客服提交工单的同时联系买家：道歉，如实说明系统问题，并告知订单何时发货。",
  SUSPECTED_PLATFORM_ERROR:
    "请联系买家：为延迟发货道歉，说明正在与平台客服核实原因，订单将优先发货；原因查明前不要说明是谁的责任。",
  UNKNOWN:
    "请立即联系买家：为延迟发货道歉并提供解决方案（加快发货、补偿）；查明原因后记录下来，在此之前不要说明是谁的责任。",
};

const NOT_FOUND: Record<NotFoundWhat, string> = {
  order: "找不到该订单。",
  case: "找不到该纠纷。",
  seller: "找不到该卖家。",
  deposit: "找不到该保证金。",
  refundApplication: "找不到该保证金退还申请。",
  violation: "找不到该违规记录。",
  apiKey: "找不到该密钥。",
};

type Overflow = TextParams["error.amountOverflow"];
const LARGEST = "可精确表示的最大金额 2^53 − 1 个最小货币单位";

const OVERFLOW: Record<AmountOverflowWhat, (p: Overflow, f: Formats) => string> = {
  sum: (p) => `金额合计为 ${p.value} 个最小货币单位，超出了正负${LARGEST}。`,
  scaled: (p) => `计算所得金额为 ${p.value} 个最小货币单位，超出了正负${LARGEST}。`,
  inexact: (p) => `金额 ${p.value} 不是整数个最小货币单位，无法精确计算。`,
  answer: (p) => `${p.value} 个最小货币单位的金额无法精确返回。`,
  sellerTotal: () => `此操作会使卖家的某项累计金额超出${LARGEST}。`,
  dailyCounter: (p, f) => `卖家${f.day(p.day ?? "")}的某项累计为 ${p.value}，超出了${LARGEST}。`,
};

const EXPECTED: Record<ExpectedKind, string> = {
  text: "文本",
  number: "数字",
  wholeNumber: "整数",
  boolean: "true 或 false",
  object: "对象",
  list: "列表",
  date: "日期",
};

/** The field as the client wrote it, set apart from the Chinese around it. */
const field = (name: string | null) => (name === null ? "输入" : `字段 ${name} `);

export const zhCN: Catalog = {
  ...zhCNDeposits,
  ...zhCNHealth,
  ...zhCNRisk,
  ...zhCNRiskFactors,
  ...zhCNErrors,
  ...zhCNSchema,
  ...zhCNTimeline,
  "remedy.contactBuyer": (p) => CONTACT[p.cause],
  "remedy.expedite": (p, f) =>
    p.expedited
      ? `该订单应于${f.dateTime(p.shipBy)}前发货，已标记为加急：请尽快发货，并把物流跟踪号告知买家。`
      : `该订单应于${f.dateTime(p.shipBy)}前发货：请将订单标记为加急处理，尽快以更快的物流发货，并向买家提供准确的物流信息。`,
  "remedy.offerCompensation": (p, f) =>
    `在政策范围内提供补偿，以挽回买家的好感：${f.money(p.amount)}的${KIND[p.kind]}（订单金额的${f.percent(p.percent)}）。`,
  "remedy.goodwillGesture": (p, f) =>
    `问题解决后，给予买家额外的关怀：${f.money(p.amount)}的${KIND[p.kind]}（订单金额的${f.percent(p.percent)}）。`,
  "remedy.nothingLeftToOffer": () => "按补偿政策，该订单已无可再提供的补偿。",
  "remedy.platformSupportTicket": () =>
    "请先联系平台客服，提供准确、详细的订单信息和发货记录，并记录工单编号" +
    "（用 recordShippingIncident 的 supportTicketRef，或在纠纷上用 recordRemedy PLATFORM_SUPPORT_TICKET）。",

  "error.versionConflict": (p) => `期望的版本是 ${p.expected}，但当前版本是 ${p.current}：请重新读取后再试。`,
  "error.notFound": (p) => NOT_FOUND[p.what],
  "error.idempotencyKeyReused": () => "此幂等键已用于不同的输入；新的请求请使用新的键。",
  "error.idempotencyInProgress": () => "使用此幂等键的请求仍在处理中，请稍后重试。",
  "error.idempotencyOutcomeUnknown": () =>
    "使用此幂等键的先前请求在应答前中断，此后该对象又被修改了两次，无法判断其中是否包含该请求的修改。" +
    "请先读取该对象；如仍需修改，请使用新的键发送新的请求。",
  "error.duplicateSeller": (p) => `ID 为 ${p.sellerId} 的卖家已存在。`,
  "error.amountOverflow": (p, f) => OVERFLOW[p.what](p, f),
  "input.required": (p) => `${field(p.field)}为必填项。`,
  "input.wrongType": (p) => `${field(p.field)}必须是${EXPECTED[p.expected]}。`,
  "input.wrongTypeNamed": (p) => `${field(p.field)}必须是 ${p.type} 类型。`,
  "input.empty": (p) => `${field(p.field)}不能为空。`,
  "input.tooShort": (p) => `${field(p.field)}至少需要 ${p.min} 个字符。`,
  "input.tooLong": (p) => `${field(p.field)}最多 ${p.max} 个字符。`,
  "input.tooFewEntries": (p) => `${field(p.field)}至少需要 ${p.min} 项。`,
  "input.tooManyEntries": (p) => `${field(p.field)}最多 ${p.max} 项。`,
  "input.tooSmall": (p) => `${field(p.field)}必须${p.inclusive ? "不小于" : "大于"} ${p.min}。`,
  "input.tooBig": (p) => `${field(p.field)}必须${p.inclusive ? "不大于" : "小于"} ${p.max}。`,
  "input.oneOf": (p) => `${field(p.field)}必须是以下之一：${p.values.join(", ")}。`,
  "input.unknownFields": (p) =>
    `${p.keys.join(", ")} 不是${p.field === null ? "此输入" : `字段 ${p.field} `}的字段：请删除。`,
  "input.invalidFormat": (p) => `${field(p.field)}不是有效的 ${p.format}。`,
  "input.notMultipleOf": (p) => `${field(p.field)}必须是 ${p.divisor} 的倍数。`,
  "input.invalid": (p) => `${field(p.field)}在此无效；请参阅 schema 中该字段的说明。`,
};
