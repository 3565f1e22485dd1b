import type { SchemaKey, Writers } from "./texts";
import type { Count, Noun } from "./texts-errors";

/** English: the messages input schemas give their own checks (keys and figures in texts-errors.ts). */

const NOUN: Record<Noun, string> = {
  id: "An id",
  sellerId: "The seller id",
  orderId: "The order id",
  marketplaceOrderId: "The marketplace order id",
  depositId: "The deposit id",
  applicationId: "The application id",
  violationId: "The violation id",
  endpointId: "The endpoint id",
  eventId: "The event id",
  sku: "The SKU",
  itemTitle: "The item title",
  carrier: "The carrier",
  note: "The note",
  shortNote: "A note",
  reason: "The reason",
  documentTitle: "The document title",
  description: "A description",
  evidenceReference: "An evidence reference",
  documentReference: "A document reference",
  message: "A message",
  reference: "A reference",
  trackingNumber: "A tracking number",
  supportTicketRef: "A support ticket reference",
  url: "A URL",
  label: "A label",
  sellerName: "A seller's name",
  idempotencyKey: "An idempotency key",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const AT_LEAST: Record<Count, (n: number) => string> = {
  quantity: (n) => `Quantity is at least ${n}.`,
  orderItems: (n) => `An order has at least ${plural(n, "item", "items")}.`,
  importOrders: (n) => `Import at least ${plural(n, "order", "orders")}.`,
  handlingDays: (n) => `Handling time is at least ${plural(n, "day", "days")}.`,
  discountPercent: (n) => `A discount is at least ${n}%.`,
  version: (n) => `Versions start at ${n}.`,
  sustainedMonths: (n) => `The sustained-sales rule covers at least ${plural(n, "month", "months")}.`,
  eventTypes: (n) => `An endpoint subscribes to at least ${plural(n, "event type", "event types")}.`,
  overlapHours: (n) => `The overlap is ${n} hours or more.`,
  keySellers: (n) => `A key is granted at least ${plural(n, "seller", "sellers")}.`,
  documents: (n) => `An application carries at least ${plural(n, "document", "documents")}.`,
};

const AT_MOST: Record<Count, (n: number) => string> = {
  quantity: (n) => `Quantity is at most ${n}.`,
  orderItems: (n) => `An order has at most ${n} items.`,
  importOrders: (n) => `Import at most ${n} orders per call.`,
  handlingDays: (n) => `Handling time is at most ${n} days.`,
  discountPercent: (n) => `A discount is at most ${n}%.`,
  version: (n) => `Versions are at most ${n}.`,
  sustainedMonths: (n) => `The sustained-sales rule covers at most ${n} months.`,
  eventTypes: (n) => `An endpoint subscribes to at most ${n} event types; an empty list means all.`,
  overlapHours: (n) => `The overlap is at most ${n} hours (${n / 24} days).`,
  keySellers: (n) => `A key is granted at most ${n} sellers; a marketplace key may take allSellers instead.`,
  documents: (n) => `An application carries at most ${n} documents.`,
};

const WHOLE: Record<Count, string> = {
  quantity: "Quantity is a whole number.",
  orderItems: "The number of items is a whole number.",
  importOrders: "The number of orders is a whole number.",
  handlingDays: "Handling time is a whole number of days.",
  discountPercent: "A discount is a whole percent.",
  version: "Versions are whole numbers.",
  sustainedMonths: "Months are a whole number.",
  eventTypes: "The number of event types is a whole number.",
  overlapHours: "The overlap is whole hours.",
  keySellers: "The number of sellers is a whole number.",
  documents: "The number of documents is a whole number.",
};

export const enSchema: Writers<SchemaKey> = {
  "schema.aboutField": (p, f) => `${p.field}: ${f.write(p.text)}`,
  "schema.empty": (p) => `${NOUN[p.what]} cannot be empty.`,
  "schema.tooLong": (p) => `${NOUN[p.what]} is at most ${p.max} characters.`,
  "schema.tooShort": (p) => `${NOUN[p.what]} has at least ${p.min} characters.`,
  "schema.atLeast": (p) => AT_LEAST[p.what](p.min),
  "schema.atMost": (p) => AT_MOST[p.what](p.max),
  "schema.wholeNumber": (p) => WHOLE[p.what],
  "schema.referenceAscii": (p) => `${NOUN[p.what]} is printable ASCII without spaces: percent-encode other characters.`,
  "schema.referenceFormat": (p) =>
    `${NOUN[p.what]} is an object key (not starting with "/" or "\\", with no ".." segment) or an https:// URL ` +
    "without a user name or password.",
  "schema.trackingCharacters": () =>
    "A tracking number has at least 4 letters or digits, with single dashes only between them (LX-123-456-789-CN).",
  "schema.controlCharacters": (p) =>
    `${NOUN[p.what]} cannot contain ${
      p.multiLine
        ? "control characters other than line breaks and tabs, nor"
        : "control characters (such as line breaks and tabs) or"
    } bidirectional-override characters.`,
  "schema.loneSurrogate": (p) =>
    `${NOUN[p.what]} has half of a UTF-16 surrogate pair without the other half: send valid Unicode.`,
  "schema.invisibleCharacters": (p) =>
    `${NOUN[p.what]} cannot contain invisible characters (zero-width spaces or joiners, word joiners, soft ` +
    "hyphens, byte order marks, direction marks, variation selectors, fillers), private-use characters or " +
    "noncharacters.",
  "schema.idempotencyKeyCharacters": () => "An idempotency key has letters, digits and . _ : - only.",
  "schema.checksum": () => "The checksum is the document's SHA-256 as 64 lowercase hex characters.",
  "schema.currencyCode": () => "Currency must be an ISO 4217 code such as USD or CNY.",
  "schema.currencyUnknown": () =>
    "Not an ISO 4217 currency in use: a new order or seller cannot be kept in a withdrawn one, such as HRK or BGN.",
  "schema.countryCode": () => "Country must be an ISO 3166-1 alpha-2 code such as US or DE.",
  "schema.countryUnknown": () => "Unknown ISO 3166-1 alpha-2 country code.",
  "schema.amountNumber": () => "Amounts are whole numbers of minor units (cents, fen).",
  "schema.amountInteger": () => "Amounts are integers in minor units (cents, fen).",
  "schema.amountNegative": () => "Amounts cannot be negative.",
  "schema.amountTooBig": (p) => `Amounts cannot exceed ${p.max} minor units (2^53 − 1, the largest exact JSON number).`,
  "schema.dateFormat": () => "Dates are ISO 8601 with a time zone, such as 2026-11-26T09:00:00Z.",
  "schema.dateNoMonth": (p) => `Not a real calendar date: there is no month ${p.month}.`,
  "schema.dateNoDay": (p) => `Not a real calendar date: ${p.yearMonth} has no day ${p.dayOfMonth}.`,
  "schema.timeOfDay": () => "Not a real time of day: hours run 00 to 23, minutes and seconds 00 to 59.",
  "schema.utcOffset": () => "Not a real UTC offset: offsets run from -14:00 to +14:00.",
  "schema.dateEarliest": (p) => `Dates start at ${p.earliest}.`,
  "schema.dateHorizon": (p, f) =>
    `${p.field} is at most ${p.years} years ahead: no later than ${f.dateTime(p.latest)}.`,
  "schema.timeZoneUnknown": () => "Unknown IANA time zone.",
  "schema.timeZoneName": () =>
    "Give an IANA time zone name such as Asia/Shanghai (or UTC), not an offset or an abbreviation such as EST.",
  "schema.sellerIdReserved": (p) => `The seller id ${p.id} is reserved for the platform: choose another.`,
  "schema.language": (p) => `Choose a language this API speaks: ${p.values.join(" or ")}.`,
  "schema.giveUrl": () => "Give the endpoint's URL.",
  "schema.giveSellerName": () => "Give the seller's name.",
  "schema.giveKeyLabel": () => "Give the key a label (who or what uses it).",
};
