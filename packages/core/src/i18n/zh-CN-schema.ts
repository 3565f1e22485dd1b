import type { SchemaKey, Writers } from "./texts";
import type { Count, Noun } from "./texts-errors";

/** Simplified Chinese: the messages input schemas give their own checks. */

const NOUN: Record<Noun, string> = {
  id: "ID",
  sellerId: "卖家 ID",
  orderId: "订单 ID",
  marketplaceOrderId: "平台订单号",
  depositId: "保证金 ID",
  applicationId: "申请 ID",
  violationId: "违规 ID",
  endpointId: "端点 ID",
  eventId: "事件 ID",
  sku: "SKU",
  itemTitle: "商品标题",
  carrier: "物流商",
  note: "备注",
  shortNote: "备注",
  reason: "理由",
  documentTitle: "文件标题",
  description: "说明",
  evidenceReference: "证据引用",
  documentReference: "文件引用",
  message: "留言",
  reference: "编号",
  trackingNumber: "物流跟踪号",
  supportTicketRef: "客服工单编号",
  url: "URL",
  label: "标签",
  sellerName: "卖家名称",
  idempotencyKey: "幂等键",
};

const AT_LEAST: Record<Count, (n: number) => string> = {
  quantity: (n) => `数量至少为 ${n}。`,
  orderItems: (n) => `一个订单至少有 ${n} 件商品。`,
  importOrders: (n) => `至少导入 ${n} 个订单。`,
  handlingDays: (n) => `备货期至少 ${n} 天。`,
  discountPercent: (n) => `折扣至少为 ${n}%。`,
  version: (n) => `版本号从 ${n} 开始。`,
  sustainedMonths: (n) => `持续销售规则至少覆盖 ${n} 个月。`,
  eventTypes: (n) => `端点至少订阅 ${n} 种事件。`,
  overlapHours: (n) => `新旧密钥的重叠时间不少于 ${n} 小时。`,
  keySellers: (n) => `密钥至少授权给 ${n} 个卖家。`,
  documents: (n) => `一份申请至少附 ${n} 份文件。`,
};

const AT_MOST: Record<Count, (n: number) => string> = {
  quantity: (n) => `数量最多为 ${n}。`,
  orderItems: (n) => `一个订单最多有 ${n} 件商品。`,
  importOrders: (n) => `一次最多导入 ${n} 个订单。`,
  handlingDays: (n) => `备货期最多 ${n} 天。`,
  discountPercent: (n) => `折扣最多为 ${n}%。`,
  version: (n) => `版本号最大为 ${n}。`,
  sustainedMonths: (n) => `持续销售规则最多覆盖 ${n} 个月。`,
  eventTypes: (n) => `端点最多订阅 ${n} 种事件；列表为空表示订阅全部事件。`,
  overlapHours: (n) => `新旧密钥的重叠时间最多 ${n} 小时（${n / 24} 天）。`,
  keySellers: (n) => `密钥最多授权给 ${n} 个卖家；平台密钥可以改用 allSellers。`,
  documents: (n) => `一份申请最多附 ${n} 份文件。`,
};

const WHOLE: Record<Count, string> = {
  quantity: "数量必须是整数。",
  orderItems: "商品件数必须是整数。",
  importOrders: "订单数必须是整数。",
  handlingDays: "备货期必须是整数天。",
  discountPercent: "折扣必须是整数百分比。",
  version: "版本号必须是整数。",
  sustainedMonths: "月数必须是整数。",
  eventTypes: "事件种类数必须是整数。",
  overlapHours: "重叠时间必须是整数小时。",
  keySellers: "卖家数必须是整数。",
  documents: "文件数必须是整数。",
};

export const zhCNSchema: Writers<SchemaKey> = {
  "schema.aboutField": (p, f) => `字段 ${p.field}：${f.write(p.text)}`,
  "schema.empty": (p) => `${NOUN[p.what]}不能为空。`,
  "schema.tooLong": (p) => `${NOUN[p.what]}最多 ${p.max} 个字符。`,
  "schema.tooShort": (p) => `${NOUN[p.what]}至少 ${p.min} 个字符。`,
  "schema.atLeast": (p) => AT_LEAST[p.what](p.min),
  "schema.atMost": (p) => AT_MOST[p.what](p.max),
  "schema.wholeNumber": (p) => WHOLE[p.what],
  "schema.referenceAscii": (p) => `${NOUN[p.what]}只能包含不含空格的可打印 ASCII 字符：其他字符请进行百分号编码。`,
  "schema.referenceFormat": (p) =>
    `${NOUN[p.what]}必须是对象存储的键（不以 "/" 或 "\\" 开头，不含 ".." 路径段）或不含用户名和密码的 https:// URL。`,
  "schema.trackingCharacters": () =>
    "物流跟踪号至少包含 4 个字母或数字，连字符只能单个出现在字母或数字之间（如 LX-123-456-789-CN）。",
  "schema.controlCharacters": (p) =>
    p.multiLine
      ? `${NOUN[p.what]}不能包含控制字符（换行符和制表符除外）或双向文本控制字符。`
      : `${NOUN[p.what]}不能包含控制字符（换行符、制表符、转义符等）或双向文本控制字符。`,
  "schema.loneSurrogate": (p) => `${NOUN[p.what]}包含不成对的 UTF-16 代理字符：请发送有效的 Unicode 文本。`,
  "schema.invisibleCharacters": (p) =>
    `${NOUN[p.what]}不能包含不可见字符（零宽空格、零宽连接符、单词连接符、软连字符、字节顺序标记、方向标记、变体选择符、填充符）、私用区字符或非字符码位。`,
  "schema.idempotencyKeyCharacters": () => "幂等键只能包含字母、数字和 . _ : -。",
  "schema.checksum": () => "校验和是文件的 SHA-256，由 64 个小写十六进制字符组成。",
  "schema.currencyCode": () => "币种必须是 ISO 4217 代码，例如 USD 或 CNY。",
  "schema.currencyUnknown": () => "不是现行的 ISO 4217 币种代码：新订单和新卖家不能使用已停用的币种，例如 HRK 或 BGN。",
  "schema.countryCode": () => "国家必须是 ISO 3166-1 二字母代码，例如 US 或 DE。",
  "schema.countryUnknown": () => "未知的 ISO 3166-1 二字母国家代码。",
  "schema.amountNumber": () => "金额是以最小货币单位（分）计的整数。",
  "schema.amountInteger": () => "金额必须是以最小货币单位（分）计的整数。",
  "schema.amountNegative": () => "金额不能为负数。",
  "schema.amountTooBig": (p) => `金额不能超过 ${p.max} 个最小货币单位（2^53 − 1，JSON 能精确表示的最大数）。`,
  "schema.dateFormat": () => "日期必须是带时区的 ISO 8601 格式，例如 2026-11-26T09:00:00Z。",
  "schema.dateNoMonth": (p) => `不是有效的日期：没有 ${p.month} 月。`,
  "schema.dateNoDay": (p) => `不是有效的日期：${p.yearMonth} 没有第 ${p.dayOfMonth} 天。`,
  "schema.timeOfDay": () => "不是有效的时间：小时为 00 到 23，分钟和秒为 00 到 59。",
  "schema.utcOffset": () => "不是有效的 UTC 偏移：偏移范围为 -14:00 到 +14:00。",
  "schema.dateEarliest": (p) => `日期不能早于 ${p.earliest}。`,
  "schema.dateHorizon": (p, f) => `字段 ${p.field} 最多为 ${p.years} 年之后：不能晚于${f.dateTime(p.latest)}。`,
  "schema.timeZoneUnknown": () => "未知的 IANA 时区。",
  "schema.timeZoneName": () => "请给出 IANA 时区名称，例如 Asia/Shanghai（或 UTC），而不是时差或 EST 之类的缩写。",
  "schema.sellerIdReserved": (p) => `卖家编号 ${p.id} 为平台保留，请另选一个。`,
  "schema.language": (p) => `请选择本 API 支持的语言：${p.values.join(" 或 ")}。`,
  "schema.giveUrl": () => "请给出端点的 URL。",
  "schema.giveSellerName": () => "请给出卖家名称。",
  "schema.giveKeyLabel": () => "请给密钥起一个标签（说明谁或什么在使用它）。",
};
