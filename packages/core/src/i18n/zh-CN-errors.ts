import type { CaseOpener } from "../cases/limits";
import type { ActorRole, CaseAction } from "../cases/machine";
import type { RemedyKind } from "../cases/shapes";
import type { OfferKind } from "../compensation";
import type { StepCode } from "../remedies";
import type { ReturnAction } from "../returns/machine";
import type { AddressCategory } from "../webhooks/addresses";
import type { RefusalKey, Writers } from "./texts";
import type { ChangedWhat, CursorProblem, ForbiddenRule, KeyGrantRule, SettlementAmountWhat } from "./texts-errors";
import {
  caseStatusZh,
  depositStatusZh,
  either,
  offerStatusZh,
  orderStatusZh,
  returnKindZh,
  returnStatusZh,
  violationWords,
} from "./zh-CN-words";
import { REASON } from "./zh-CN-risk-factors";

/**
 * Simplified Chinese: the refusals rules word themselves, in the glossary's words (docs/glossary.md).
 * Codes (statuses, kinds), field and operation names stay as the API spells them.
 */

export const OFFER: Record<OfferKind, string> = {
  COUPON: "优惠券",
  DISCOUNT: "折扣",
  PARTIAL_REFUND: "部分退款",
  GIFT: "小礼品",
  FREE_SHIPPING: "免运费",
  REFUND_WITH_RETURN: "退货退款",
  REPLACEMENT_WITH_RETURN: "退货换货",
};

/** 补救方案的步骤，供拒绝信息列出尚未完成的步骤。 */
const STEP_WORDS: Record<StepCode, string> = {
  PLATFORM_SUPPORT_TICKET: "联系平台客服并记录工单编号",
  CONTACT_BUYER: "联系买家（留言或致歉）",
  EXPEDITE_AND_SHIP: "发货并提供物流跟踪号",
  OFFER_COMPENSATION: "提供补偿",
  GOODWILL_GESTURE: "给予买家额外关怀",
};

export const REMEDY: Record<RemedyKind, string> = {
  FULL_REFUND: "全额退款",
  PARTIAL_REFUND: "部分退款",
  REPLACEMENT: "换货",
  RETURN_AND_REFUND: "退货退款",
  RESEND: "重新发货",
  EXPEDITED_SHIPPING: "加急发货",
  APOLOGY: "道歉",
  PLATFORM_SUPPORT_TICKET: "平台客服工单",
};

const CASE_ACTION: Record<CaseAction, string> = {
  POST_SELLER_MESSAGE: "发送卖家留言",
  POST_BUYER_MESSAGE: "发送买家留言",
  POST_PLATFORM_MESSAGE: "发送平台留言",
  RECORD_REMEDY: "记录补救措施",
  MAKE_OFFER: "提出补偿方案",
  WITHDRAW_OFFER: "撤回补偿方案",
  ACCEPT_OFFER: "接受补偿方案",
  DECLINE_OFFER: "拒绝补偿方案",
  EXPIRE_OFFER: "使补偿方案过期",
  ESCALATE: "升级纠纷",
  RESOLVE_BY_SELLER: "由卖家解决纠纷",
  WITHDRAW_BY_BUYER: "由买家撤销纠纷",
  DECIDE: "裁决纠纷",
  CLOSE: "关闭纠纷",
  ACCEPT_RETURN_OFFER: "接受退货方案",
  CANCEL_RETURN: "取消退货",
  LAPSE_RETURN: "使退货失效",
  ESCALATE_RETURN: "升级退货",
  COMPLETE_RETURN: "完成退货",
  SUBMIT_SELLER_EVIDENCE: "提交卖家证据",
  SUBMIT_BUYER_EVIDENCE: "提交买家证据",
  SUBMIT_PLATFORM_EVIDENCE: "提交平台证据",
};

const RETURN_ACTION: Record<ReturnAction, string> = {
  SHIP_BACK: "寄回退货商品",
  CONFIRM_RECEIPT: "确认收到退货",
  REFUND: "为退货退款",
  SHIP_REPLACEMENT: "发出换货商品",
  CANCEL: "取消退货",
  VOID: "作废退货",
  EXPIRE: "使退货过期",
  FLAG_OVERDUE: "标记退货逾期",
};

const ORDER_ACTION = { ship: "发货", deliver: "标记妥投", cancel: "取消" };

export const SIDE: Record<ActorRole, string> = {
  SELLER: "卖家",
  BUYER: "买家",
  PLATFORM: "平台",
  SYSTEM: "系统",
  OPERATOR: "平台运营",
};

/** 各方上限所计的未结纠纷（`Cases.CASE_OPENERS`）。 */
const OPEN_CASES_OF: Record<CaseOpener, string> = {
  BUYER: "买家纠纷（来源 BUYER）",
  SELLER: "由卖家一方开启的系统纠纷（来源 SYSTEM）",
  PLATFORM: "由平台开启的系统纠纷（来源 SYSTEM）",
};

const ORDER_CURRENCY = { offer: "补偿方案", refund: "退款", claim: "买家索赔金额", itemPrice: "商品单价" };

const SETTLEMENT_AMOUNT: Record<SettlementAmountWhat, string> = {
  settlementAmount: "结算金额",
  depositAmount: "保证金金额",
  salesTarget: "销售目标",
  minMonthlySales: "每月最低销售额",
};

const CHANGED: Record<ChangedWhat, string> = {
  order: "处理本请求期间订单已被修改：请重新读取订单后再试。",
  case: "处理本请求期间纠纷或其订单已被修改：请重新读取后再试。",
  deposit: "处理本请求期间保证金已被修改：请重新读取后再试。",
  application: "处理本请求期间保证金退还申请或其保证金已被修改：请重新读取后再试。",
  violation: "处理本请求期间违规记录已被修改：请重新读取后再试。",
  endpoint: "处理本请求期间事件推送端点已被修改：请重新读取后再试。",
  redeliveries: "处理本请求期间该事件已向此端点重新推送：请查看推送记录后再试。",
  seller: "处理本请求期间卖家设置已被修改：请重新读取后再试。",
};

const GRANT: Record<KeyGrantRule, string> = {
  sellerNeedsSeller: "卖家密钥需要指定它所代表的卖家（sellerId）。",
  sellerNoGrant: "卖家密钥不能带有合作方授权。",
  partnerAtLeastOne: "合作方密钥至少要授权给一个卖家。",
  partnerUsesSellerIds: "合作方密钥在 sellerIds 中列出它的卖家。",
  partnerNotAll: "合作方密钥只代表被授权的卖家，不能代表所有卖家。",
  marketplaceUsesSellerIds: "平台密钥在 sellerIds 中列出它的卖家，或使用 allSellers。",
  marketplaceNoAccess: "平台密钥代表买家和平台，没有卖家访问级别（access）。",
  allOrList: "allSellers 和 sellerIds 只能二选一。",
  marketplaceNeedsGrant: "平台密钥需要 allSellers，或至少授权给一个卖家。",
  operatorNoGrant: "运营密钥代表所有卖家，不带任何授权。",
};

const FORBIDDEN: Record<ForbiddenRule, string> = {
  readOnly: "此凭证对该卖家只有只读权限。",
  sellerMissing: "此凭证对应的卖家不存在。",
  operatorsListSellers: "只有平台运营方可以列出所有卖家。",
  operatorsCreateSellers: "只有平台运营方可以创建卖家。",
  operatorsManageKeys: "只有平台运营方可以管理密钥。",
  operatorsReviewRefunds: "只有平台运营方可以审核保证金退还申请。",
  operatorsRecordDeposits:
    "保证金条款（金额、类型、期限、销售目标）由平台制定：只有平台运营方可以记录保证金；卖家查看保证金并申请退还。",
  operatorsRecordViolations: "只有平台运营方可以记录违规。",
  operatorsVoidViolations: "只有平台运营方可以撤销违规。",
  operatorsDecideRefunds: "只有平台运营方可以决定保证金退还。",
  sellerAppliesForRefund: "保证金退还由卖家（或其合作方工具）申请，由平台运营方决定。",
  depositsNotForMarketplace: "保证金只涉及卖家和平台运营方：平台密钥不能读取。",
  webhooksNotForMarketplace: "事件推送端点属于卖家一方和平台：平台密钥没有事件推送端点。",
  platformWebhooksOperatorsOnly: "平台的事件推送端点只由平台运营方管理。",
  mayNotRedeliver: "此凭证无权重新投递事件。",
  platformReportsTracking: "只有平台（平台密钥或平台运营方）可以报告承运商查不到的物流跟踪号，或撤回此类报告。",
};

/** 某项操作所属的一方，供拒绝信息使用（“买家一方”“平台运营方”）。 */
const sideOf = (role: ActorRole) => (role === "OPERATOR" ? "平台运营方" : `${SIDE[role]}一方`);

const CURSOR: Record<CursorProblem, string> = {
  malformed: "游标格式不正确：请原样使用上一页返回的游标。",
  altered: "游标已被改动，或不是本 API 签发的。",
  otherList: "该游标属于另一个列表或筛选条件：请不带 `after` 重新开始。",
  outOfRange: "该游标指向此列表当前读取范围之外：请不带 `after` 重新开始。",
};

const NOT_FOUND = {
  offerOnCase: "该纠纷中找不到此补偿方案。",
  returnOnCase: "该纠纷中找不到此退货。",
  webhookEndpoint: "找不到该事件推送端点。",
  endpoint: "找不到该端点。",
  event: "找不到该事件（事件保留 30 天）。",
};

const LIMITED_NEEDS = {
  termStart: "有限期保证金需要期限的开始时间（termStart）。",
  termEnd: "有限期保证金需要期限的结束时间（termEnd）。",
  salesTarget: "有限期保证金需要该期限内的销售目标（salesTarget）。",
};

const ADDRESS: Record<AddressCategory, string> = {
  public: "公网",
  unspecified: "未指定",
  loopback: "环回",
  private: "私有网络",
  carrierGradeNat: "运营商级 NAT",
  linkLocal: "链路本地",
  multicast: "组播",
  uniqueLocal: "唯一本地",
  ipv4Mapped: "IPv4 映射",
  reserved: "保留",
};

export const zhCNErrors: Writers<RefusalKey> = {
  "refusal.compensation.aboveCap": (p, f) =>
    `${OFFER[p.kind]}补偿不得超过订单金额的${f.percent(p.capPercent)}（${f.money(p.cap)}）。`,
  "refusal.compensation.abovePaid": (p, f) =>
    `该订单的退款合计不得超过买家实付金额（${f.money(p.paid)}）：最多还可退款 ${f.money(p.left)}。`,
  "refusal.compensation.heldForReturns": (p, f) =>
    `该订单有 ${f.money(p.held)} 已为买家已接受的退货退款预留，在该退货退款完成或结束前不能用于其他退款：` +
    `目前最多还可退款 ${f.money(p.left)}。`,
  "refusal.compensation.goodwillAbovePaid": (p, f) =>
    `该订单的退款（含为未完成的退货退款预留的金额）与优惠券、赠品、免运费合计不得超过买家实付金额（${f.money(p.paid)}）：` +
    `最多还可给予 ${f.money(p.left)} 的补偿。`,
  "refusal.compensation.orderCancelled": () =>
    "该订单已取消：取消时已向买家退还其实付金额，不能再在该订单上退款或提供退款类补偿。" +
    "仍可在实付金额扣除取消前已记录的退款和已给予的补偿后的范围内，提供优惠券、赠品或免运费。",
  "refusal.currency.order": (p) => `${ORDER_CURRENCY[p.what]}必须使用订单币种 ${p.currency}。`,
  "refusal.currency.settlement": (p) =>
    `${SETTLEMENT_AMOUNT[p.what]}必须使用卖家的结算币种 ${p.currency}${p.given ? `，而不是 ${p.given}` : ""}。`,
  "refusal.currency.deposit": (p) => `退款必须使用保证金的币种 ${p.currency}，而不是 ${p.given}。`,
  "refusal.time.future": (p) => `字段 ${p.field} 不能是未来的时间。`,
  "refusal.time.mustBeFuture": (p) => `字段 ${p.field} 必须是未来的时间。`,
  "refusal.order.shipByAfterPlaced": () => "shipBy 必须晚于下单时间 placedAt。",
  "refusal.order.shippedBeforePlaced": () => "shippedAt 不能早于下单时间。",
  "refusal.order.deliveredBeforeShipped": () => "deliveredAt 不能早于发货时间。",
  "refusal.deposit.termEndAfterStart": () => "termEnd 必须晚于 termStart。",
  "refusal.deposit.termEndAfterPaid": () =>
    "termEnd 必须晚于 paidAt：在缴纳保证金之前就已结束的期限，会把未持有保证金期间的销售额计算在内。",
  "refusal.deposit.termStartBeforePaid": () =>
    "termStart 不得早于 paidAt：只有持有保证金期间的销售额才计入期限。请将期限的开始时间设为缴纳保证金之时或更晚。",

  "refusal.limit.caseRemedies": (p) => `一个纠纷最多记录 ${p.max} 条补救措施，此纠纷已达上限。请改为解决或升级该纠纷。`,
  "refusal.limit.caseOffers": (p) => `一个纠纷最多提出 ${p.max} 个补偿方案，此纠纷已达上限。请改为解决或升级该纠纷。`,
  "refusal.limit.caseReturns": (p) => `一个纠纷最多发起 ${p.max} 次退货，此纠纷已达上限。请改为提供退款或升级纠纷。`,
  "refusal.limit.caseEvidence": (p) => `一个纠纷中${SIDE[p.side]}一方最多提交 ${p.max} 份证据，这一方已达上限。`,
  "refusal.limit.casePlatformEvidence": (p) =>
    `一个纠纷中平台市场方最多提交 ${p.max} 份平台证据，已达上限；其余 ${p.forOperators} 份留给裁决该纠纷的平台运营。`,
  "refusal.limit.orderOpenCases": (p) =>
    `一个订单同时最多有 ${p.max} 个未结的${OPEN_CASES_OF[p.side]}；请先解决其中一个。`,
  "refusal.limit.orderCases": (p) =>
    `一个订单最多可开启 ${p.max} 个${OPEN_CASES_OF[p.side]}（含已结的），此订单已达上限；请联系平台运营处理该订单。`,
  "refusal.limit.orderIncidents": (p) => `一个订单最多记录 ${p.max} 次发货异常，此订单已达上限。`,
  "refusal.limit.webhookEndpoints": (p) => `每个范围最多 ${p.max} 个事件推送端点；请修改或复用已有的端点。`,
  "refusal.limit.webhookEndpointsPerTool": (p) =>
    `每个合作方工具为同一卖家最多注册 ${p.max} 个事件推送端点；请修改或删除你已有的端点。`,

  "refusal.order.transition": (p) =>
    `订单状态为${orderStatusZh(p.status)}，无法${ORDER_ACTION[p.action]}；只有${either(p.allowed, orderStatusZh)}的订单可以。`,
  "refusal.order.expediteFrom": (p) =>
    `订单状态为${orderStatusZh(p.status)}，无法加急处理；只有${orderStatusZh("AWAITING_SHIPMENT")}的订单可以。`,
  "refusal.order.alreadyExpedited": (p, f) =>
    `该订单已标记为加急处理${p.since ? `（自${f.dateTime(p.since)}起）` : ""}。` +
    (p.markAgainFrom ? `该标记早于订单出现风险之时；自${f.dateTime(p.markAgainFrom)}起可再次标记加急。` : ""),
  "refusal.order.handlingOrShipBy": () => "handlingDays 和 shipBy 必须且只能给出其中一个。",
  "refusal.order.handlingTooLong": (p) => `备货期最多 ${p.maxDays} 天。`,
  "refusal.order.shipByTooLate": (p) => `shipBy 最多在下单时间 placedAt 之后 ${p.maxDays} 天。`,
  "refusal.order.systemErrorTicket": () =>
    "SYSTEM_ERROR 需要提供 supportTicketRef：请先联系平台客服提交工单，或在原因确认前记录为 SUSPECTED_PLATFORM_ERROR。",
  "refusal.order.incidentOn": (p) => `订单状态为${orderStatusZh(p.status)}，无法记录发货异常。`,
  "refusal.order.trackingReportOn": (p) =>
    `订单状态为${orderStatusZh(p.status)}，无法报告其物流跟踪号：只有已发货或已送达的订单才有跟踪号。`,
  "refusal.order.trackingNotTheOrders": (p) =>
    `报告的物流跟踪号（${p.given}）与订单上的（${p.tracking ?? "未记录"}）不同：请报告订单上的跟踪号。`,
  "refusal.order.trackingNotReported": () => "该订单没有“承运商查不到物流跟踪号”的报告：没有可撤回的报告。",
  "refusal.order.duplicate": (p) => `该卖家已有平台订单 ${p.marketplaceOrderId}，对应订单 ${p.orderId}。`,
  "refusal.order.importKeyReused": () => "此次导入的幂等键已用于其他订单；请使用新的键。",

  "refusal.case.transition": (p) =>
    `纠纷状态为${caseStatusZh(p.status)}，无法${CASE_ACTION[p.action]}；只能在以下状态进行：${either(p.allowed, caseStatusZh)}。`,
  "refusal.case.offerPending": () =>
    "该纠纷已有一个待买家答复的补偿方案：请先撤回，或等待买家答复（每个纠纷同时只能有一个）。",
  "refusal.case.cancelledOrder": () => "不能在已取消（CANCELLED）的订单上发起纠纷。",
  "refusal.case.duplicateLateCase": (p) => `订单 ${p.orderId} 已有延迟发货纠纷 ${p.caseId}；请在该纠纷中继续处理。`,
  "refusal.case.duplicateDispute": (p) =>
    `订单 ${p.orderId} 已有一个因“${REASON[p.reason]}”发起且仍未结束的买家纠纷 ${p.caseId}；请在该纠纷中继续处理。`,
  "refusal.case.lateShipmentNotLate": (p, f) =>
    `该订单尚未延迟：只有在发货截止时间（${f.dateTime(p.shipBy)}）已过且订单仍未发货，或订单在截止时间之后才发货时，` +
    "才能发起延迟发货（LATE_SHIPMENT）纠纷。",
  "refusal.case.claimZero": () => "索赔金额为 0 即未索赔：买家未提出金额时，请不要填写 claimAmount。",
  "refusal.case.claimAbovePaid": (p, f) => `买家索赔金额不能超过买家实付金额（${f.money(p.paid)}）。`,
  "refusal.case.claimOnBuyerCaseOnly": (p) =>
    `只有买家发起的纠纷才带有买家的索赔${p.part === "text" ? "说明" : "金额"}。`,
  "refusal.case.outcomeViaOffer": () => "COMPENSATION_ACCEPTED 的结果只能通过买家接受补偿方案得到，不能直接设置。",
  "refusal.case.outcomeWithoutRemedy": (p) =>
    `卖家须先在案件上记录${p.kinds.map((k) => `${REMEDY[k]}（${k}）`).join("或")}补救措施（recordRemedy），` +
    `才能以 ${p.outcome} 结案。`,
  "refusal.case.replacedNeedsBuyer": () =>
    "卖家不能自行以 REPLACED 结束买家发起的纠纷：记录在案的换货并不代表买家已经收到。" +
    "请提出买家接受的换货方案（REPLACEMENT_WITH_RETURN，之后由 shipReplacement 以 REPLACED 结案），" +
    "或寄出商品、待买家收到后撤回纠纷，或退还买家索赔的金额（REFUNDED）。",
  "refusal.case.lateIncidentOutcome": (p) =>
    `延迟发货事件（原因 LATE_SHIPMENT，来源 SYSTEM）不能以 ${p.outcome} 结案：只有订单已发货并附物流跟踪号、` +
    "且补救方案的必要步骤完成后以 SHIPPED 结案，或订单取消后以 ORDER_CANCELLED 结案。记录在案的退款或补发并不能结束延迟。" +
    "已全额退款且不再发货的订单应予取消（cancelOrder，订单待发货时无论是否已退款均可取消），取消即结束该事件。",
  "refusal.case.lateIncidentAction": (p) =>
    `延迟发货事件（原因 LATE_SHIPMENT，来源 SYSTEM）不接受 ${p.action}：它是卖家对尚未发货订单的跟踪，` +
    "只有订单已发货并附物流跟踪号、且补救方案的必要步骤完成后以 SHIPPED 结案，或订单取消后以 ORDER_CANCELLED 结案。" +
    "任何一方都不能撤回它，平台也不对它作出裁决。买家对延迟的投诉是单独的纠纷（openCase，原因 LATE_SHIPMENT，" +
    "来源 BUYER），可以撤回、升级并由平台裁决。",
  "refusal.case.decisionNeedsNote": (p) =>
    `平台的裁决（${p.outcome}）需要附上说明理由的备注：卖家须对其负责，并可提出申诉。`,
  "refusal.case.platformRefundOutcome": (p) =>
    `platformRefund 只能与结果 DECIDED_FOR_BUYER 一起提交，不能用于 ${p.outcome}：` +
    "只有平台裁定买家胜诉时才通过 resolveCase 向买家退款。",
  "refusal.case.platformRefundHeld": (p, f) =>
    `该订单默认已无可退款金额：其中 ${f.money(p.held)} 已为另一案件中买家已接受的退货退款预留，在该退货退款完成或结束前不能使用。` +
    "请在该退货退款完成或结束后再裁定。",
  "refusal.case.shippedLateCaseOnly": () =>
    "SHIPPED 只能用于延迟发货事件（原因 LATE_SHIPMENT，来源 SYSTEM），不能用于买家发起的纠纷：" +
    "买家纠纷请先记录 REFUNDED 或 RETURNED_AND_REFUNDED 所需的退款再结案，或提出买家接受的方案（补偿或换货）。",
  "refusal.case.shippedNotShipped": () =>
    "订单须已发货并附物流跟踪号（markOrderShipped），卖家才能以 SHIPPED 结束延迟发货纠纷。",
  "refusal.case.cancelledLateCaseOnly": () =>
    "ORDER_CANCELLED 只能用于延迟发货事件（原因 LATE_SHIPMENT，来源 SYSTEM），不能用于买家发起的纠纷：" +
    "无论订单结果如何，买家纠纷都由买家和解、撤回或升级。",
  "refusal.case.cancelledNotCancelled": () =>
    "订单取消后（cancelOrder），卖家才能以 ORDER_CANCELLED 结束延迟发货纠纷；订单仍可发货时，请发货后以 SHIPPED 结案。",
  "refusal.case.shippedStepsOpen": (p) =>
    "补救方案的必要步骤完成后，卖家才能以 SHIPPED 结束延迟发货纠纷；尚未完成：" +
    `${p.open.map((s) => `${STEP_WORDS[s]}（${s}）`).join("、")}。`,
  "refusal.case.refundShortOfClaim": (p, f) => {
    const missing = p.claimed
      ? `已退款 ${f.money(p.refunded)}` +
        (p.elsewhere ? `（其中 ${f.money(p.elsewhere)} 退于该订单其他延迟相关案件）` : "") +
        `，买家索赔 ${f.money(p.claimed)}，订单仍可退款 ${f.money(p.left)}`
      : `买家未提出索赔金额，应退还整笔订单：本纠纷已退款 ${f.money(p.refunded)}，订单仍可退款 ${f.money(p.left)}`;
    return (
      `退款须达到买家应得的金额，卖家才能以 ${p.outcome} 结案：${missing}。` +
      "请退还其余款项，或提出补偿方案，由买家接受后按较少金额和解。"
    );
  },
  "refusal.offer.discountAsPercent": () => "折扣以 percentOff 给出，不带金额。",
  "refusal.offer.needsAmount": (p) => `${OFFER[p.kind]}补偿方案需要给出金额（且不带 percentOff）。`,
  "refusal.offer.worthNothing": () => "补偿方案的价值必须大于零。",
  "refusal.offer.validity": (p) => `补偿方案的有效期最长 ${p.maxDays} 天。`,
  "refusal.offer.tooShort": (p) => `补偿方案的有效期至少 ${p.minHours} 小时，以便买家答复。`,
  "refusal.offer.notPending": (p) => `该补偿方案的状态为${offerStatusZh(p.status)}，已不再等待答复。`,
  "refusal.offer.expired": (p, f) => `该补偿方案已于${f.dateTime(p.expiresAt)}过期；卖家可以重新提出。`,
  "refusal.offer.expiredNotWithdrawn": (p, f) =>
    `该补偿方案已于${f.dateTime(p.expiresAt)}过期，无法撤回；案件已回到您这里：您可以给买家留言或提出新的补偿方案。`,
  "refusal.remedy.partialRefundAmount": () => "部分退款需要给出金额。",
  "refusal.remedy.nothingLeft": () => "该订单已无可退款金额：退款合计已等于买家实付金额。",
  "refusal.remedy.amountAboveZero": () => "退款金额必须大于零。",
  "refusal.remedy.noAmount": (p) => `${REMEDY[p.kind]}补救措施不带金额。`,
  "refusal.remedy.fullRefundAmount": (p, f) =>
    `全额退款退还该订单剩余的全部金额 ${f.money(p.left)}；如只退一部分，请记录部分退款。`,
  "refusal.remedy.ticketReference": () => "请记录平台客服工单的编号（reference）。",
  "refusal.remedy.openReturn": (p) =>
    `本纠纷的退货尚未结束（状态为${returnStatusZh(p.status)}），不能记录${REMEDY[p.kind]}：` +
    (p.returnKind === "REFUND_WITH_RETURN"
      ? "退款随退货进行，收到退回的商品后请通过 refundReturn 退款。"
      : "这是换货，收到退回的商品后请通过 shipReplacement 寄出新商品；换货不退款（refundReturn 只用于退货退款）。"),
  "refusal.remedy.duplicateRefund": (p, f) =>
    `退款 ${p.reference} 已记录为${p.caseId ? `该订单纠纷 ${p.caseId} 上的` : "本纠纷上的"}补救措施 ${p.remedyId}` +
    `（${REMEDY[p.kind]}${p.amount ? `，${f.money(p.amount)}` : ""}）；同一笔退款只记录一次。`,

  "refusal.return.kind": (p) =>
    `类型为${returnKindZh(p.kind)}的退货无法${RETURN_ACTION[p.action]}；仅适用于${either(p.kinds, returnKindZh)}。`,
  "refusal.return.transition": (p) =>
    `退货状态为${returnStatusZh(p.status)}，无法${RETURN_ACTION[p.action]}；只能在以下状态进行：${either(p.allowed, returnStatusZh)}。`,
  "refusal.return.lapsed": (p, f) => `买家未在${f.dateTime(p.shipBackBy)}前寄回商品，该退货已失效。`,
  "refusal.return.needsGoods": (p) => `退货需要有可寄回的商品；该订单的状态为${orderStatusZh(p.status)}。`,
  "refusal.return.goodsNeverReceived": (p) =>
    `退货需要买家寄回商品，而本纠纷（${REASON[p.reason]}）表明买家未收到商品：请改用退款、重新发货或补偿方案处理。`,
  "refusal.return.acceptGoodsNeverReceived": (p) =>
    `无法接受此退货方案：本纠纷（${REASON[p.reason]}）表明买家未收到商品，没有可寄回的商品。请拒绝该方案，卖家可改为提供退款、重新发货或补偿。`,
  "refusal.return.noPercentOff": () => "退货方案不带 percentOff。",
  "refusal.return.exchangeNoAmount": () => "换货不涉及退款：请不要给出金额。",

  "refusal.changedMeanwhile": (p) => CHANGED[p.what],

  "refusal.deposit.moreThanZero": (p) => `${SETTLEMENT_AMOUNT[p.what]}必须大于零。`,
  "refusal.deposit.limitedNeeds": (p) => LIMITED_NEEDS[p.part],
  "refusal.deposit.onlyUnlimitedSustained": () => "只有无限期保证金才有持续销售规则（sustainedRule）。",
  "refusal.deposit.unlimitedNeedsRule": () =>
    "无限期保证金需要持续销售规则（sustainedRule：若干个月内的每月最低销售额）。",
  "refusal.deposit.unlimitedNoTerm": (p) => `无限期保证金没有期限；请删除 ${p.field}。`,
  "refusal.deposit.unlimitedNoTarget": () => "无限期保证金没有销售目标；请使用 sustainedRule。",
  "refusal.deposit.sustainedMonths": (p) => `持续销售规则最多覆盖 ${p.max} 个月。`,
  "refusal.deposit.applicationOpen": (p) =>
    `该保证金的退还申请 ${p.applicationId} 仍在等待平台决定；一笔保证金同时只能有一个未结申请。`,
  "refusal.deposit.duplicate": (p, f) =>
    `保证金 ${p.depositId} 已记录这笔付款（${f.money(p.amount)}，付款时间 ${f.dateTime(p.paidAt)}）；未再次记录。`,
  "refusal.deposit.alreadyDecided": (p, f) =>
    `申请 ${p.applicationId} 已有决定（${p.status}${p.decidedAt ? `，${f.dateTime(p.decidedAt)}` : ""}）；决定不能更改。`,
  "refusal.deposit.duplicateViolation": (p, f) =>
    `违规 ${p.violationId} 已记录 ${f.dateTime(p.occurredAt)} 的这条${violationWords(p)}；` +
    "未再次记录（如需重新记录，请先撤销它）。",
  "refusal.deposit.violationAlreadyVoided": (p, f) =>
    `违规 ${p.violationId} 已于 ${f.dateTime(p.voidedAt)} 撤销；撤销不能重复，也不能恢复。`,
  "refusal.deposit.decideFrom": (p) =>
    `保证金状态为${depositStatusZh(p.status)}，无法决定退还；只有${depositStatusZh("REFUND_REQUESTED")}的保证金可以。`,
  "refusal.deposit.fullIsWhole": (p, f) => `全额退还即退还全部保证金（${f.money(p.deposit)}）；金额更少时请部分批准。`,
  "refusal.deposit.partialNeedsAmount": () => "部分退还需要给出退还金额。",
  "refusal.deposit.partialMoreThanZero": () => "部分退还的金额必须大于零；若不退还，请拒绝并说明理由。",
  "refusal.deposit.aboveDeposit": (p, f) =>
    `退还金额不能超过保证金 ${f.money(p.deposit)}；申请的是 ${f.money(p.asked)}。`,
  "refusal.deposit.partialIsWhole": (p, f) => `${f.money(p.asked)} 即全部保证金：请改为全额批准。`,
  "refusal.deposit.needsReason": (p) =>
    p.decision === "partial"
      ? "部分退还需要说明扣除的理由。"
      : p.decision === "deny"
        ? "拒绝退还需要给出卖家可以据此改进的理由。"
        : "规则认定保证金（尚）不可退还时全额退还，需要说明推翻规则的理由。",
  "refusal.deposit.denyNoAmount": () => "拒绝退还不退任何金额；请删除金额。",

  "refusal.key.grant": (p) => GRANT[p.rule],
  "refusal.key.alreadyRevoked": (p, f) => `该密钥已于${f.dateTime(p.revokedAt)}吊销。`,
  "refusal.key.revokedMeanwhile": () => "该密钥在此期间已被吊销。",
  "refusal.key.unknownSellers": (p) => `找不到卖家：${p.sellerIds.join(", ")}。`,

  "refusal.webhook.urlTooLong": (p) => `URL 最多 ${p.max} 个字符。`,
  "refusal.webhook.urlNotAbsolute": () => "请给出完整的 URL（以 https:// 开头，包含主机名和路径）。",
  "refusal.webhook.urlCredentials": () => "URL 中不要包含用户名或密码：请改为校验签名。",
  "refusal.webhook.urlLocal": () => "本地端点只能用于开发环境。",
  "refusal.webhook.urlHttps": () => "端点必须是 https:// URL（只有开发环境中的 localhost 可以用 http://）。",
  "refusal.webhook.urlPort": (p) =>
    `端口 ${p.port} 属于其他服务：请使用 https 默认端口（443）或 1024 到 65535 之间的端口。`,
  "refusal.webhook.urlPrivate": (p) => `主机 ${p.host} 是${ADDRESS[p.addressKind]}地址：请使用公网主机名。`,
  "refusal.webhook.already": (p) => `该端点已经${p.state === "ENABLED" ? "启用" : "停用"}。`,
  "refusal.webhook.disabledByHigher": (p) =>
    p.by === "OPERATOR"
      ? "该端点由运营人员停用：只有运营人员可以重新启用。"
      : p.by === "SELLER"
        ? "该端点由卖家停用：只有卖家或运营人员可以重新启用。"
        : "该端点由权限更高的一方停用：您无法重新启用。",
  "refusal.webhook.deleteSwitchedOff": (p) =>
    p.by === "OPERATOR"
      ? "该端点由运营人员停用：只有运营人员可以重新启用或删除它。"
      : p.by === "SELLER"
        ? "该端点由卖家停用：只有卖家或运营人员可以重新启用或删除它。"
        : "该端点由权限更高的一方停用：您无法删除它。",
  "refusal.webhook.registerWhileSwitchedOff": (p) =>
    p.by === "OPERATOR"
      ? `运营人员已停用端点 ${p.endpointId}：在运营人员重新启用或删除它之前，不能为该卖家注册新端点。`
      : p.by === "SELLER"
        ? `卖家已停用端点 ${p.endpointId}：在卖家或运营人员重新启用或删除它之前，不能用此密钥为该卖家注册新端点。`
        : `端点 ${p.endpointId} 由权限更高的一方停用：在其重新启用或删除该端点之前，不能注册新端点。`,
  "refusal.webhook.ownerAccessEnded": () =>
    "注册该端点的合作伙伴工具已无权访问该卖家（其密钥的授权不再包含该卖家），因此端点收不到任何事件：" +
    "请由该工具使用已授权该卖家的有效密钥注册新端点，或删除此端点。",
  "refusal.webhook.updateNothing": () => "请给出新的 url、新的 eventTypes，或两者都给出。",
  "refusal.webhook.overlap": (p) => `新旧密钥的重叠时间为 0 到 ${p.maxHours} 小时。`,
  "refusal.webhook.disabledRedeliver": () => "该端点已停用：请先启用，再重新投递。",
  "refusal.webhook.endpointUnreadable": () =>
    "当前版本的服务无法读取该端点保存的设置（可能正在上线新版本）：未做任何更改。请稍后重试；如仍然如此，请联系客服。",
  "refusal.webhook.redeliveryWaiting": () =>
    "该事件发往此端点的一次投递仍在等待发送，会自行送出；请在它送达或放弃后再重新投递（投递日志中可查看）。",
  "refusal.webhook.redeliveryCap": (p) =>
    `该事件已向此端点重新投递 ${p.max} 次，已达投递日志保留的 ${p.days} 天内的上限：投递日志中可查看每次尝试及端点的应答。`,
  "refusal.webhook.notSubscribed": (p) => `该端点没有订阅 ${p.type} 事件。`,
  "refusal.notFound": (p) => NOT_FOUND[p.what],
  "refusal.request.pageSize": (p) => `\`first\` 须在 1 到 ${p.max} 之间。`,
  "refusal.request.cursor": (p) => CURSOR[p.problem],
  "refusal.request.sellerForbidden": () => "此凭证无权代表该卖家操作。",
  "refusal.request.sellerRequired": () => "请指明代表哪个卖家操作：传入 `sellerId`。",
  "refusal.request.sellerIdInvalid": () =>
    "没有卖家使用该编号：卖家编号由 3 到 64 个字母、数字、“.”、“_”或“-”组成，并以字母或数字开头。",
  "refusal.request.orderLookup": (p) =>
    p.problem === "idOrMarketplaceId"
      ? "`id` 和 `marketplaceOrderId` 须给出且只给出其中一个。"
      : "`sellerId` 只与 `marketplaceOrderId` 一起使用：订单 ID 已指明其卖家。",
  "refusal.request.filter": (p, f) => `filter.${p.field}: ${f.write(p.text)}`,
  "refusal.request.forbidden": (p) => FORBIDDEN[p.rule],
  "refusal.case.roleForbidden": (p) => `只有${sideOf(p.role)}才能${CASE_ACTION[p.action]}。`,
  "refusal.case.openForbidden": (p) =>
    p.source === "BUYER" ? "只有买家一方（合作方工具）才能开启买家纠纷。" : "此凭证无权开启系统纠纷。",
  "refusal.return.roleForbidden": (p) => `只有${sideOf(p.role)}才能${RETURN_ACTION[p.action]}。`,
};
