import type { IncidentCause } from "../orders/shapes";
import type { Formats } from "./formats";
import { enDeposits } from "./en-deposits";
import { enHealth } from "./en-health";
import { enErrors } from "./en-errors";
import { enRisk } from "./en-risk";
import { enRiskFactors } from "./en-risk-factors";
import { enSchema } from "./en-schema";
import { enTimeline } from "./en-timeline";
import type {
  AmountOverflowWhat,
  Catalog,
  CompensationKindWord,
  ExpectedKind,
  NotFoundWhat,
  TextParams,
} from "./texts";

/** English: every seller-facing sentence (the keys and their figures are in texts.ts). */

const KIND: Record<CompensationKindWord, string> = {
  COUPON: "coupon",
  DISCOUNT: "discount",
  PARTIAL_REFUND: "partial refund",
  GIFT: "gift",
  FREE_SHIPPING: "free shipping",
};

const CONTACT: Record<IncidentCause, string> = {
  HUMAN_ERROR:
    "Write to the buyer now: apologise honestly, explain the delay and offer a solution (faster shipping, " +
    "compensation).",
  SYSTEM_ERROR:
    "With the support ticket open, write to the buyer: apologise, explain the system problem honestly and say when " +
    "the order will ship.",
  SUSPECTED_PLATFORM_ERROR:
    "Write to the buyer: apologise for the delay, say it is being checked with platform support and that the " +
    "order ships with priority; do not say whose fault it was until the cause is known.",
  UNKNOWN:
    "Write to the buyer now: apologise for the delay and offer a solution (faster shipping, compensation); record " +
    "the cause once it is known, and do not say whose fault it was before.",
};

const NOT_FOUND: Record<NotFoundWhat, string> = {
  order: "No such order.",
  case: "No such case.",
  seller: "No such seller.",
  deposit: "No such deposit.",
  refundApplication: "No such refund application.",
  violation: "No such violation.",
  apiKey: "No such key.",
};

type Overflow = TextParams["error.amountOverflow"];
const LARGEST = "2^53 − 1 minor units, the largest exact amount";

const OVERFLOW: Record<AmountOverflowWhat, (p: Overflow, f: Formats) => string> = {
  sum: (p) => `A sum of amounts is ${p.value} minor units, past ±${LARGEST}.`,
  scaled: (p) => `A computed amount is ${p.value} minor units, past ±${LARGEST}.`,
  inexact: (p) => `An amount of ${p.value} is not an exact whole number of minor units.`,
  answer: (p) => `An amount of ${p.value} minor units cannot be sent exactly.`,
  sellerTotal: () => `This change would take one of the seller's totals past ${LARGEST}.`,
  dailyCounter: (p, f) => `One of the seller's totals for ${f.day(p.day ?? "")} is ${p.value}, past ${LARGEST}.`,
};

const EXPECTED: Record<ExpectedKind, string> = {
  text: "text",
  number: "a number",
  wholeNumber: "a whole number",
  boolean: "true or false",
  object: "an object",
  list: "a list",
  date: "a date",
};

const entries = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;

export const en: Catalog = {
  ...enDeposits,
  ...enHealth,
  ...enRisk,
  ...enRiskFactors,
  ...enErrors,
  ...enSchema,
  ...enTimeline,
  "remedy.contactBuyer": (p) => CONTACT[p.cause],
  "remedy.expedite": (p, f) =>
    p.expedited
      ? `The order was due to ship by ${f.dateTime(p.shipBy)} and is expedited: ship it as soon as possible and ` +
        "give the buyer the tracking number."
      : `The order was due to ship by ${f.dateTime(p.shipBy)}: mark it expedited, ship it as soon as possible with ` +
        "faster shipping, and give the buyer accurate tracking information.",
  "remedy.offerCompensation": (p, f) =>
    `Offer compensation within policy to keep the buyer's goodwill: a ${KIND[p.kind]} of ${f.money(p.amount)} ` +
    `(${f.percent(p.percent)} of the order).`,
  "remedy.goodwillGesture": (p, f) =>
    `Once the problem is solved, make a goodwill gesture: a ${KIND[p.kind]} of ${f.money(p.amount)} ` +
    `(${f.percent(p.percent)} of the order).`,
  "remedy.nothingLeftToOffer": () => "The compensation policy leaves nothing more to offer on this order.",
  "remedy.platformSupportTicket": () =>
    "Contact platform support first, with accurate order and shipping records, and record the ticket reference " +
    "(recordShippingIncident with supportTicketRef, or recordRemedy PLATFORM_SUPPORT_TICKET on the case).",

  "error.versionConflict": (p) =>
    `Expected version ${p.expected} but the current version is ${p.current}; reload and retry.`,
  "error.notFound": (p) => NOT_FOUND[p.what],
  "error.idempotencyKeyReused": () =>
    "This idempotency key was already used with a different input; use a new key for a new request.",
  "error.idempotencyInProgress": () => "A request with this idempotency key is still running; retry in a moment.",
  "error.idempotencyOutcomeUnknown": () =>
    "An earlier attempt with this idempotency key stopped before it answered, and the object has changed twice " +
    "since: whether that attempt's change is among them cannot be told. Read the object, then send a new request " +
    "with a new key if the change is still wanted.",
  "error.duplicateSeller": (p) => `A seller with the id ${p.sellerId} already exists.`,
  "error.amountOverflow": (p, f) => OVERFLOW[p.what](p, f),
  "input.required": (p) => `${p.field ?? "The input"} is required.`,
  "input.wrongType": (p) => `${p.field ?? "The input"} must be ${EXPECTED[p.expected]}.`,
  "input.wrongTypeNamed": (p) => `${p.field ?? "The input"} must be of type ${p.type}.`,
  "input.empty": (p) => `${p.field ?? "The input"} cannot be empty.`,
  "input.tooShort": (p) => `${p.field ?? "The input"} must be at least ${p.min} characters long.`,
  "input.tooLong": (p) => `${p.field ?? "The input"} is at most ${p.max} characters long.`,
  "input.tooFewEntries": (p) => `${p.field ?? "The input"} needs at least ${entries(p.min)}.`,
  "input.tooManyEntries": (p) => `${p.field ?? "The input"} holds at most ${entries(p.max)}.`,
  "input.tooSmall": (p) => `${p.field ?? "The input"} must be ${p.inclusive ? "at least" : "more than"} ${p.min}.`,
  "input.tooBig": (p) => `${p.field ?? "The input"} must be ${p.inclusive ? "at most" : "less than"} ${p.max}.`,
  "input.oneOf": (p) => `${p.field ?? "The input"} must be one of ${p.values.join(", ")}.`,
  "input.unknownFields": (p) =>
    `${p.keys.join(", ")} ${p.keys.length === 1 ? "is not a field" : "are not fields"} of ` +
    `${p.field ?? "this input"}: remove ${p.keys.length === 1 ? "it" : "them"}.`,
  "input.invalidFormat": (p) => `${p.field ?? "The input"} is not a valid ${p.format}.`,
  "input.notMultipleOf": (p) => `${p.field ?? "The input"} must be a multiple of ${p.divisor}.`,
  "input.invalid": (p) => `${p.field ?? "The input"} is not valid here; see the field's description in the schema.`,
};
