import * as z from "zod";
import { ok, refuse, userError, type ErrorCode, type Result, type UserError } from "../errors";
import { format, MoneyInput, sumMinor, type Money } from "../money";
import { checkVersion } from "../orders";
import { dayOf, netSettledMinor } from "../stats";
import type { Order } from "../orders";
import { DAY_MS, fromMs, InstantInput, toMs, type Instant } from "../time";

/**
 * Seller security deposits (押金 / 保证金): what was paid, under which refund rule, and whether it
 * can be refunded now. Everything here decides from plain data and an injected `now`; the api
 * layer reads the deposit, the seller's violations, the daily sales counters and the disputes lost,
 * asks `eligibility`, and writes what `applyForRefund` / `decideRefund` return.
 * The rules, every threshold and the status machine are explained in README.md next to this file.
 */

export const DEPOSIT_KINDS = ["LIMITED_TERM", "UNLIMITED"] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];

/** HELD → REFUND_REQUESTED → REFUNDED | PARTIALLY_REFUNDED | HELD (denied). Both refunded states are final. */
export const DEPOSIT_STATUSES = ["HELD", "REFUND_REQUESTED", "REFUNDED", "PARTIALLY_REFUNDED"] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const VIOLATION_KINDS = ["COUNTERFEIT", "QUALITY", "LATE_SHIPMENT_BREACH", "FRAUD", "OTHER"] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** Ordered from least to most severe: thresholds compare by position in this list. */
export const SEVERITIES = ["MINOR", "MAJOR", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DOCUMENT_KINDS = ["SALES_DATA", "QUALITY_INSPECTION_REPORT", "OTHER"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const APPLICATION_STATUSES = ["PENDING", "APPROVED", "PARTIALLY_APPROVED", "DENIED"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const DECISION_OUTCOMES = ["APPROVE_FULL", "APPROVE_PARTIAL", "DENY"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const RECOMMENDATIONS = ["REFUND_IN_FULL", "REFER_TO_OPERATOR", "NOT_YET_ELIGIBLE", "NOT_ELIGIBLE"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Why a deposit cannot be refunded (yet); each comes with a sentence the seller can act on. */
export const BLOCKER_CODES = [
  "TERM_NOT_ENDED",
  "BLOCKING_VIOLATION",
  "QUALITY_VIOLATION",
  "TOO_MANY_QUALITY_DISPUTES",
  "SUSTAINED_SALES_NOT_MET",
  "REFUND_ALREADY_REQUESTED",
  "ALREADY_REFUNDED",
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

/** Error codes this module adds to the shared `ErrorCode` list (`errors/index.ts` lists them too). */
export const DEPOSIT_ERROR_CODES = ["MISSING_DOCUMENTS", "NOT_ELIGIBLE", "APPLICATION_ALREADY_OPEN", "AMOUNT_ABOVE_DEPOSIT"] as const satisfies readonly ErrorCode[];

/** Every threshold of the deposit rules; the api passes `defaultDepositRules` unless configured otherwise. */
export interface DepositRules {
  /**
   * Violations of this severity or above block a refund (both kinds); below it nothing blocks an
   * unlimited deposit, as the contract says (ViolationSeverity, ViolationKind.QUALITY).
   */
  blockingSeverity: Severity;
  /** Limited-term: violation kinds that are a quality problem whatever their severity. */
  qualityViolationKinds: readonly ViolationKind[];
  /**
   * Limited-term: more than this many disputes resolved for the buyer for a quality reason during the
   * term is a quality problem. Which reasons count (QUALITY_ISSUE, NOT_AS_DESCRIBED) is decided where
   * they are counted: the `qualityDisputesLost` daily counter of the stats module.
   */
  maxQualityDisputesLost: number;
  /** Unlimited: how many calendar months back a violation still blocks. */
  violationWindowMonths: number;
  /** Unlimited: the longest sustained-sales rule that can be recorded, in months. */
  maxSustainedMonths: number;
  /** Evidence every refund application must carry. */
  requiredDocuments: readonly DocumentKind[];
  /** How far in the future a reported `paidAt` or `occurredAt` may be (clock skew between systems). */
  clockSkewMs: number;
}

export const defaultDepositRules: DepositRules = {
  blockingSeverity: "MAJOR",
  qualityViolationKinds: ["QUALITY"],
  maxQualityDisputesLost: 2,
  violationWindowMonths: 12,
  maxSustainedMonths: 24,
  requiredDocuments: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"],
  clockSkewMs: 5 * 60_000,
};

/** True when `severity` is `threshold` or worse. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

// ---------------------------------------------------------------------------------------------
// Stored shapes: items read from the table are parsed with these, never cast.

const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const SustainedRule = z.object({ minMonthlySales: MoneySchema, months: z.number().int() });
export type SustainedRule = z.infer<typeof SustainedRule>;

/** A deposit. Kind-specific fields are null for the other kind (term and target for LIMITED_TERM, sustainedRule for UNLIMITED). */
export const Info = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(DEPOSIT_KINDS),
  amount: MoneySchema,
  paidAt: z.string(),
  status: z.enum(DEPOSIT_STATUSES),
  termStart: z.string().nullable().default(null),
  termEnd: z.string().nullable().default(null),
  salesTarget: MoneySchema.nullable().default(null),
  sustainedRule: SustainedRule.nullable().default(null),
  /** What was paid back: the whole amount, or the approved part; null while nothing was refunded. */
  refundedAmount: MoneySchema.nullable().default(null),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Deposit = z.infer<typeof Info>;

export const Violation = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(VIOLATION_KINDS),
  severity: z.enum(SEVERITIES),
  occurredAt: z.string(),
  note: z.string(),
  recordedAt: z.string(),
});
export type Violation = z.infer<typeof Violation>;

export const EvidenceDocument = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  reference: z.string(),
  checksum: z.string(),
  title: z.string(),
});
export type EvidenceDocument = z.infer<typeof EvidenceDocument>;

export const Decision = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  /** The amount refunded: the whole deposit for APPROVE_FULL, the approved part for APPROVE_PARTIAL, null for DENY. */
  amount: MoneySchema.nullable(),
  /** The deduction reason (partial), the denial reason, or an optional note (full). */
  reason: z.string().nullable(),
});
export type Decision = z.infer<typeof Decision>;

export const RefundApplication = z.object({
  id: z.string(),
  depositId: z.string(),
  sellerId: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  documents: z.array(EvidenceDocument),
  /** What the rules recommended when the seller applied: what the operator reviews against. */
  recommendation: z.enum(RECOMMENDATIONS),
  appliedAt: z.string(),
  decidedAt: z.string().nullable().default(null),
  decision: Decision.nullable().default(null),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type RefundApplication = z.infer<typeof RefundApplication>;

// ---------------------------------------------------------------------------------------------
// Inputs, named as the GraphQL inputs name them.

const Text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} cannot be empty.`).max(max, `${what} is at most ${max} characters.`);

const VersionInput = z.number().int().min(1, "Versions start at 1.").nullish();

/** A refund application carries at most this many documents. */
export const MAX_DOCUMENTS = 20;

export const RecordDepositInput = z.strictObject({
  /** For operators and partner tools acting for a seller; a seller's own key implies it. */
  sellerId: Text(64, "The seller id").nullish(),
  kind: z.enum(DEPOSIT_KINDS),
  amount: MoneyInput,
  paidAt: InstantInput,
  termStart: InstantInput.nullish(),
  termEnd: InstantInput.nullish(),
  salesTarget: MoneyInput.nullish(),
  sustainedRule: z
    .strictObject({
      minMonthlySales: MoneyInput,
      months: z.number().int("Months are a whole number.").min(1, "The sustained-sales rule covers at least 1 month."),
    })
    .nullish(),
});
export type RecordDepositInput = z.output<typeof RecordDepositInput>;

export const RecordViolationInput = z.strictObject({
  /** Violations are recorded by operators, who always name the seller. */
  sellerId: Text(64, "The seller id"),
  kind: z.enum(VIOLATION_KINDS),
  severity: z.enum(SEVERITIES),
  occurredAt: InstantInput,
  note: Text(2000, "The note"),
});
export type RecordViolationInput = z.output<typeof RecordViolationInput>;

export const EvidenceDocumentInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  reference: z
    .string()
    .trim()
    .min(1, "A document reference cannot be empty.")
    .max(1024, "A document reference is at most 1024 characters.")
    .refine(isDocumentReference, { message: "A document reference is an object key or an https:// URL." }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/, "The checksum is the document's SHA-256 as 64 lowercase hex characters."),
  title: Text(200, "The document title"),
});
export type EvidenceDocumentInput = z.output<typeof EvidenceDocumentInput>;

export const ApplyForRefundInput = z.strictObject({
  depositId: Text(64, "The deposit id"),
  documents: z.array(EvidenceDocumentInput).max(MAX_DOCUMENTS, `An application carries at most ${MAX_DOCUMENTS} documents.`),
  /** The deposit version the seller looked at. */
  expectedVersion: VersionInput,
});
export type ApplyForRefundInput = z.output<typeof ApplyForRefundInput>;

export const DecideRefundInput = z.strictObject({
  // Application ids are `<deposit id>.<ulid>`: a 64-character deposit id makes a 91-character one.
  applicationId: Text(91, "The application id"),
  outcome: z.enum(DECISION_OUTCOMES),
  amount: MoneyInput.nullish(),
  reason: Text(2000, "The reason").nullish(),
  /** The application version the operator looked at. */
  expectedVersion: VersionInput,
});
export type DecideRefundInput = z.output<typeof DecideRefundInput>;

/** An object key (no scheme, no control characters) or an https URL; other schemes are refused. */
function isDocumentReference(reference: string): boolean {
  if (/[\u0000-\u001f\u007f]/.test(reference)) return false;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(reference)) return !reference.startsWith("/");
  try {
    const url = new URL(reference);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Recording deposits and violations.

/**
 * Decides a new deposit from validated input: the fields its kind needs, every amount in the
 * seller's settlement currency, a term that ends after it starts, a payment not in the future.
 * All problems are reported at once, each with its field.
 * @example
 * record({ id, sellerId: "s1", settlementCurrency: "CNY", now, input: {
 *   kind: "LIMITED_TERM", amount: { amountMinor: 1_000_000, currency: "CNY" }, paidAt: now,
 *   termStart: "2026-01-01T00:00:00Z", termEnd: "2027-01-01T00:00:00Z", salesTarget: { amountMinor: 50_000_000, currency: "CNY" } } })
 */
export function record(args: {
  id: string;
  sellerId: string;
  settlementCurrency: string;
  input: RecordDepositInput;
  now: Instant;
  rules?: DepositRules;
}): Result<Deposit> {
  const { input, now, settlementCurrency } = args;
  const rules = args.rules ?? defaultDepositRules;
  const errors: UserError[] = [];

  const money = (value: Money, field: string[], what: string) => {
    if (value.currency !== settlementCurrency) {
      errors.push(
        userError(
          "CURRENCY_MISMATCH",
          `${what} must be in the seller's settlement currency ${settlementCurrency}, not ${value.currency}.`,
          ["input", ...field, "currency"],
        ),
      );
    } else if (value.amountMinor <= 0) {
      errors.push(userError("INVALID_INPUT", `${what} must be more than zero.`, ["input", ...field, "amountMinor"]));
    }
  };
  const required = (present: boolean, field: string, sentence: string) => {
    if (!present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };
  const forbidden = (present: boolean, field: string, sentence: string) => {
    if (present) errors.push(userError("INVALID_INPUT", sentence, ["input", field]));
  };

  money(input.amount, ["amount"], "The deposit amount");
  if (toMs(input.paidAt) > toMs(now) + rules.clockSkewMs) {
    errors.push(userError("INVALID_INPUT", "paidAt cannot be in the future.", ["input", "paidAt"]));
  }

  switch (input.kind) {
    case "LIMITED_TERM": {
      required(input.termStart != null, "termStart", "A limited-term deposit needs the start of its term.");
      required(input.termEnd != null, "termEnd", "A limited-term deposit needs the end of its term.");
      required(input.salesTarget != null, "salesTarget", "A limited-term deposit needs a sales target for its term.");
      forbidden(input.sustainedRule != null, "sustainedRule", "Only an unlimited deposit has a sustained-sales rule.");
      if (input.termStart && input.termEnd && toMs(input.termEnd) <= toMs(input.termStart)) {
        errors.push(userError("INVALID_INPUT", "termEnd must be after termStart.", ["input", "termEnd"]));
      }
      if (input.salesTarget) money(input.salesTarget, ["salesTarget"], "The sales target");
      break;
    }
    case "UNLIMITED": {
      required(input.sustainedRule != null, "sustainedRule", "An unlimited deposit needs a sustained-sales rule (minimum monthly sales over a number of months).");
      forbidden(input.termStart != null, "termStart", "An unlimited deposit has no term; remove termStart.");
      forbidden(input.termEnd != null, "termEnd", "An unlimited deposit has no term; remove termEnd.");
      forbidden(input.salesTarget != null, "salesTarget", "An unlimited deposit has no sales target; use sustainedRule.");
      if (input.sustainedRule) {
        money(input.sustainedRule.minMonthlySales, ["sustainedRule", "minMonthlySales"], "The minimum monthly sales");
        if (input.sustainedRule.months > rules.maxSustainedMonths) {
          errors.push(
            userError("INVALID_INPUT", `The sustained-sales rule covers at most ${rules.maxSustainedMonths} months.`, [
              "input",
              "sustainedRule",
              "months",
            ]),
          );
        }
      }
      break;
    }
    default:
      return assertNever(input.kind);
  }
  if (errors.length > 0) return refuse(...errors);

  const limited = input.kind === "LIMITED_TERM";
  return ok({
    id: args.id,
    sellerId: args.sellerId,
    kind: input.kind,
    amount: input.amount,
    paidAt: input.paidAt,
    status: "HELD",
    termStart: limited ? input.termStart! : null,
    termEnd: limited ? input.termEnd! : null,
    salesTarget: limited ? input.salesTarget! : null,
    sustainedRule: limited ? null : input.sustainedRule!,
    refundedAmount: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** Decides a violation an operator records against a seller (the api checks the role). */
export function recordViolation(args: {
  id: string;
  sellerId: string;
  input: RecordViolationInput;
  now: Instant;
  rules?: DepositRules;
}): Result<Violation> {
  const rules = args.rules ?? defaultDepositRules;
  if (toMs(args.input.occurredAt) > toMs(args.now) + rules.clockSkewMs) {
    return refuse(userError("INVALID_INPUT", "occurredAt cannot be in the future.", ["input", "occurredAt"]));
  }
  return ok({
    id: args.id,
    sellerId: args.sellerId,
    kind: args.input.kind,
    severity: args.input.severity,
    occurredAt: args.input.occurredAt,
    note: args.input.note,
    recordedAt: args.now,
  });
}

// ---------------------------------------------------------------------------------------------
// Eligibility.

export interface Blocker {
  code: BlockerCode;
  message: string;
}

export interface MonthSales {
  /** `YYYY-MM` in the seller's time zone. */
  month: string;
  sales: Money;
  meetsRule: boolean;
}

export interface Progress {
  /** Limited-term: settled sales in the term so far. Unlimited: settled sales over the months of the rule. */
  salesToDate: Money;
  /** What `salesToDate` counts, in one sentence a seller can check against their own records. */
  salesBasis: string;
  salesTarget: Money | null;
  termEndsAt: Instant | null;
  /** Whole days (rounded up) until the term ends; 0 once it ended; null for unlimited deposits. */
  daysLeft: number | null;
  monthsMeetingRule: number | null;
  monthsRequired: number | null;
  /** Unlimited: each month of the rule, oldest first. Null for limited-term deposits. */
  monthlySales: MonthSales[] | null;
}

export interface Eligibility {
  eligible: boolean;
  recommendation: Recommendation;
  blockers: Blocker[];
  progress: Progress;
  requiredDocuments: DocumentKind[];
  missingDocuments: DocumentKind[];
}

/** What the api must read before asking `eligibility`: never more than these windows. */
export interface EligibilityWindow {
  /** Daily sales buckets to read, inclusive `YYYY-MM-DD` days in the seller's time zone; null when none matter yet. */
  salesDays: { from: string; to: string } | null;
  /** Violations that occurred at or after this instant may matter (a safe lower bound; `eligibility` filters exactly). */
  violationsFrom: Instant;
  /** Limited-term: the days over which to sum the `qualityDisputesLost` counter (the term so far); null for unlimited or before the term. */
  qualityDisputeDays: { from: string; to: string } | null;
  /**
   * Limited-term: the seller's orders to read by `placedAt`, in [from, before), because the term
   * starts or ends inside a day whose counter also holds orders outside the term; `eligibility`
   * takes those out again. Empty when each instant of the term falls on the start of a seller day.
   */
  termEdgeOrders: { from: Instant; before: Instant }[];
}

/** An order read at the term's edges: what `eligibility` needs to take its sales back out of its day. */
export type EdgeOrder = Pick<Order, "id" | "placedAt" | "status" | "settlementAmount" | "buyerTotal" | "refundedMinor">;

// A seller's day lasts at most 25 hours (a DST change), so this reaches its start or end from any instant in it.
const LONGEST_DAY_MS = 25 * 60 * 60 * 1000;

/** True when `instant` is the first instant of a seller day in `timeZone`. */
function startsADay(instant: Instant, timeZone: string): boolean {
  return dayOf(fromMs(toMs(instant) - 1), timeZone) !== dayOf(instant, timeZone);
}

/** The windows of data a deposit's eligibility depends on at `now`. */
export function eligibilityWindow(args: { deposit: Deposit; now: Instant; timeZone: string; rules?: DepositRules }): EligibilityWindow {
  const { deposit, now, timeZone } = args;
  const rules = args.rules ?? defaultDepositRules;
  switch (deposit.kind) {
    case "LIMITED_TERM": {
      const term = limitedTerm(deposit);
      const days = termDays(term, now, timeZone);
      const started = days.from <= days.to && toMs(now) >= toMs(term.termStart);
      const termEdgeOrders: { from: Instant; before: Instant }[] = [];
      if (started && !startsADay(term.termStart, timeZone)) {
        termEdgeOrders.push({ from: fromMs(toMs(term.termStart) - LONGEST_DAY_MS), before: term.termStart });
      }
      // While the term runs no order is placed after it; once it ended, its last day may go on past termEnd.
      if (started && toMs(now) >= toMs(term.termEnd) && !startsADay(term.termEnd, timeZone)) {
        termEdgeOrders.push({ from: term.termEnd, before: fromMs(toMs(term.termEnd) + LONGEST_DAY_MS) });
      }
      return { salesDays: started ? days : null, violationsFrom: term.termStart, qualityDisputeDays: started ? days : null, termEdgeOrders };
    }
    case "UNLIMITED": {
      const rule = sustainedRule(deposit);
      const months = previousMonths(dayOf(now, timeZone), rule.months);
      const newest = months[months.length - 1]!;
      return {
        salesDays: { from: `${months[0]}-01`, to: `${newest}-${String(daysInMonth(newest)).padStart(2, "0")}` },
        // A month has at most 31 days and the seller's day starts at most 14 hours before UTC's.
        violationsFrom: fromMs(toMs(now) - (rules.violationWindowMonths * 31 + 1) * DAY_MS),
        qualityDisputeDays: null,
        // Months are whole seller days: the counters are exact for them.
        termEdgeOrders: [],
      };
    }
    default:
      return assertNever(deposit.kind);
  }
}

/**
 * Can this deposit be refunded, and if not, what is missing? Explains itself with blockers
 * (code + sentence), progress against the target or the sustained-sales rule, and the documents
 * an application still needs.
 *
 * `salesByDay` holds the seller's `settledSalesMinor` counter per day (`YYYY-MM-DD` in `timeZone`)
 * for at least the days of `eligibilityWindow`; days outside the window are ignored.
 * `qualityDisputesLostInTerm` is the `qualityDisputesLost` counter summed over the days of the
 * term so far (limited-term deposits only; pass 0 for unlimited ones).
 * `edgeOrders` are the orders read for `termEdgeOrders` (none when it is empty).
 *
 * Sales of a limited-term deposit: the net settled sales (`Stats.netSettledMinor`: the settlement
 * amount, nothing for a cancelled order, less that order's refunds) of the orders placed in
 * [termStart, termEnd), as the order stands now; never negative. The daily counters hold exactly
 * that per seller day; the term's first and last day are made exact with `edgeOrders`.
 * `documents` are those of an application being prepared, to report what is still missing.
 * @example
 * eligibility({ deposit, violations, salesByDay: { "2026-03-01": 120_000 }, qualityDisputesLostInTerm: 0, now, timeZone: "Asia/Shanghai" })
 * // → { eligible: false, recommendation: "NOT_YET_ELIGIBLE", blockers: [{ code: "TERM_NOT_ENDED", message: "…" }], … }
 */
export function eligibility(args: {
  deposit: Deposit;
  violations: Violation[];
  salesByDay: Record<string, number>;
  qualityDisputesLostInTerm: number;
  now: Instant;
  timeZone: string;
  edgeOrders?: EdgeOrder[];
  documents?: Pick<EvidenceDocument, "kind">[];
  rules?: DepositRules;
}): Eligibility {
  const rules = args.rules ?? defaultDepositRules;
  const { deposit } = args;
  const requiredDocuments = [...rules.requiredDocuments];
  const present = new Set((args.documents ?? []).map((d) => d.kind));
  const missingDocuments = requiredDocuments.filter((kind) => !present.has(kind));

  const assessed = deposit.kind === "LIMITED_TERM" ? assessLimitedTerm(args, rules) : assessUnlimited(args, rules);

  const statusBlocker = blockerForStatus(deposit);
  if (statusBlocker) {
    return { eligible: false, recommendation: "NOT_ELIGIBLE", blockers: [statusBlocker], progress: assessed.progress, requiredDocuments, missingDocuments };
  }
  return { eligible: assessed.blockers.length === 0, ...assessed, requiredDocuments, missingDocuments };
}

type Assessment = Pick<Eligibility, "recommendation" | "blockers" | "progress">;

function blockerForStatus(deposit: Deposit): Blocker | null {
  switch (deposit.status) {
    case "HELD":
      return null;
    case "REFUND_REQUESTED":
      return {
        code: "REFUND_ALREADY_REQUESTED",
        message: "A refund of this deposit was already requested; wait for the platform's decision on that application.",
      };
    case "REFUNDED":
      return {
        code: "ALREADY_REFUNDED",
        message: `This deposit was already refunded in full (${format(deposit.refundedAmount ?? deposit.amount)}); there is nothing left to refund.`,
      };
    case "PARTIALLY_REFUNDED":
      return {
        code: "ALREADY_REFUNDED",
        message: `This deposit was already partially refunded (${deposit.refundedAmount ? format(deposit.refundedAmount) : "an approved part"} of ${format(deposit.amount)}); the deducted rest is not refundable.`,
      };
    default:
      return assertNever(deposit.status);
  }
}

function assessLimitedTerm(
  args: {
    deposit: Deposit;
    violations: Violation[];
    salesByDay: Record<string, number>;
    qualityDisputesLostInTerm: number;
    now: Instant;
    timeZone: string;
    edgeOrders?: EdgeOrder[];
  },
  rules: DepositRules,
): Assessment {
  const { deposit, now, timeZone } = args;
  const term = limitedTerm(deposit);
  const target = term.salesTarget;
  const days = termDays(term, now, timeZone);
  const started = toMs(now) >= toMs(term.termStart);
  // The first and last day's counters hold every order of the day: take out those placed outside the term.
  const outside = new Map<string, EdgeOrder>();
  for (const o of args.edgeOrders ?? []) {
    const before = toMs(o.placedAt) < toMs(term.termStart) && dayOf(o.placedAt, timeZone) === days.from;
    const after = toMs(o.placedAt) >= toMs(term.termEnd) && dayOf(o.placedAt, timeZone) === days.to;
    if (before || after) outside.set(o.id, o);
  }
  const counted = started ? sumDays(args.salesByDay, days) - sumMinor([...outside.values()].map(netSettledMinor)) : 0;
  // Counters written before sales were kept per order's placed day may still dip below zero until `npm run stats -- rebuild`.
  const salesToDate: Money = { amountMinor: Math.max(0, counted), currency: target.currency };
  const msLeft = toMs(term.termEnd) - toMs(now);
  const daysLeft = Math.max(0, Math.ceil(msLeft / DAY_MS));
  const progress: Progress = {
    salesToDate,
    salesBasis: `Settled sales of the orders placed from ${term.termStart} up to ${toMs(now) < toMs(term.termEnd) ? "now" : `${term.termEnd} (exclusive)`}, net of cancellations and of the refunds given on those same orders, never below zero: ${format(salesToDate)}. Orders placed before the term, and their refunds, do not count.`,
    salesTarget: target,
    termEndsAt: term.termEnd,
    daysLeft,
    monthsMeetingRule: null,
    monthsRequired: null,
    monthlySales: null,
  };

  // Blockers that no amount of selling or waiting removes: they happened during the term.
  const blockers: Blocker[] = [];
  const inTerm = args.violations
    .filter((v) => toMs(v.occurredAt) >= toMs(term.termStart) && toMs(v.occurredAt) < toMs(term.termEnd) && toMs(v.occurredAt) <= toMs(now))
    .sort((a, b) => toMs(a.occurredAt) - toMs(b.occurredAt));
  for (const v of inTerm) {
    const day = dayOf(v.occurredAt, timeZone);
    if (rules.qualityViolationKinds.includes(v.kind)) {
      blockers.push({
        code: "QUALITY_VIOLATION",
        message: `A ${v.severity} ${v.kind} violation on ${day}, during the term, is a quality problem: a limited-term deposit is refundable only when its term had none. If you contest the violation, contact the platform operator.`,
      });
    } else if (atLeast(v.severity, rules.blockingSeverity)) {
      blockers.push({
        code: "BLOCKING_VIOLATION",
        message: `A ${v.severity} ${v.kind} violation on ${day}, during the term, blocks the refund: a limited-term deposit is refundable only without violations of severity ${rules.blockingSeverity} or above in its term. If you contest the violation, contact the platform operator.`,
      });
    }
  }
  if (args.qualityDisputesLostInTerm > rules.maxQualityDisputesLost) {
    blockers.push({
      code: "TOO_MANY_QUALITY_DISPUTES",
      message: `${args.qualityDisputesLostInTerm} disputes about quality or items not as described were resolved for the buyer during the term, more than the ${rules.maxQualityDisputesLost} allowed: that is a quality problem, and the deposit is not refundable for this term. If you contest a dispute outcome, contact the platform operator.`,
    });
  }
  // Selling more or waiting would not lift these, so TERM_NOT_ENDED is not added (progress still shows the numbers).
  if (blockers.length > 0) return { recommendation: "NOT_ELIGIBLE", blockers, progress };
  // The target reached within the term makes the deposit refundable early; otherwise the end of the term does.
  const pending = termPending(salesToDate, target, msLeft, daysLeft, term.termEnd, timeZone);
  if (pending) return { recommendation: "NOT_YET_ELIGIBLE", blockers: [pending], progress };
  return { recommendation: "REFUND_IN_FULL", blockers: [], progress };
}

/** The TERM_NOT_ENDED blocker: the term runs on and the target is not reached yet; null otherwise. */
function termPending(salesToDate: Money, target: Money, msLeft: number, daysLeft: number, termEnd: Instant, timeZone: string): Blocker | null {
  if (msLeft <= 0 || salesToDate.amountMinor >= target.amountMinor) return null;
  const missing: Money = { amountMinor: target.amountMinor - salesToDate.amountMinor, currency: target.currency };
  const lastDay = dayOf(fromMs(toMs(termEnd) - 1), timeZone);
  return {
    code: "TERM_NOT_ENDED",
    message: `Sales in the term are ${format(salesToDate)} of the ${format(target)} target: ${format(missing)} more in sales makes the deposit refundable in full right away; otherwise it becomes refundable once the term ends (its last day is ${lastDay}, ${daysLeft} ${daysLeft === 1 ? "day" : "days"} left).`,
  };
}

function assessUnlimited(
  args: { deposit: Deposit; violations: Violation[]; salesByDay: Record<string, number>; now: Instant; timeZone: string },
  rules: DepositRules,
): Assessment {
  const { deposit, now, timeZone } = args;
  const rule = sustainedRule(deposit);
  const min = rule.minMonthlySales;
  const today = dayOf(now, timeZone);
  const monthlySales: MonthSales[] = previousMonths(today, rule.months).map((month) => {
    const amountMinor = Math.max(0, sumDays(args.salesByDay, { from: `${month}-01`, to: `${month}-31` }));
    return { month, sales: { amountMinor, currency: min.currency }, meetsRule: amountMinor >= min.amountMinor };
  });
  const monthsMeetingRule = monthlySales.filter((m) => m.meetsRule).length;
  const progress: Progress = {
    salesToDate: { amountMinor: sumMinor(monthlySales.map((m) => m.sales.amountMinor)), currency: min.currency },
    salesBasis: `Settled sales of the orders placed in each of the last ${rule.months} full calendar ${rule.months === 1 ? "month" : "months"} (your time zone, ${timeZone}), net of cancellations and of the refunds given on those same orders, never below zero per month.`,
    salesTarget: null,
    termEndsAt: null,
    daysLeft: null,
    monthsMeetingRule,
    monthsRequired: rule.months,
    monthlySales,
  };

  const blockers: Blocker[] = [];
  const short = monthlySales.filter((m) => !m.meetsRule);
  if (short.length > 0) {
    const list = short.map((m) => `${m.month} (${format(m.sales)}, ${format({ amountMinor: min.amountMinor - m.sales.amountMinor, currency: min.currency })} short)`);
    blockers.push({
      code: "SUSTAINED_SALES_NOT_MET",
      message: `The deposit needs at least ${format(min)} in sales in each of the last ${rule.months} calendar ${rule.months === 1 ? "month" : "months"}, and ${short.length} of them fell short: ${joinList(list)}. Keep selling: the rule is checked again with each new month.`,
    });
  }
  const windowStart = shiftDay(today, -rules.violationWindowMonths);
  const blocking = args.violations
    .filter((v) => toMs(v.occurredAt) <= toMs(now) && dayOf(v.occurredAt, timeZone) > windowStart)
    .filter((v) => atLeast(v.severity, rules.blockingSeverity))
    .sort((a, b) => toMs(a.occurredAt) - toMs(b.occurredAt));
  for (const v of blocking) {
    const day = dayOf(v.occurredAt, timeZone);
    blockers.push({
      code: "BLOCKING_VIOLATION",
      message: `A ${v.severity} ${v.kind} violation on ${day} is within the last ${rules.violationWindowMonths} months and blocks the refund of an unlimited deposit; it stops blocking on ${shiftDay(day, rules.violationWindowMonths)}. If you contest the violation, contact the platform operator.`,
    });
  }
  // Even when the rules are met the platform weighs sales and reputation: a recommendation, not a refund.
  return { recommendation: blockers.length === 0 ? "REFER_TO_OPERATOR" : "NOT_ELIGIBLE", blockers, progress };
}

// ---------------------------------------------------------------------------------------------
// Applications and decisions.

/** An application the operator has not decided yet: one per deposit at a time. */
export function isOpen(application: Pick<RefundApplication, "status">): boolean {
  switch (application.status) {
    case "PENDING":
      return true;
    case "APPROVED":
    case "PARTIALLY_APPROVED":
    case "DENIED":
      return false;
    default:
      return assertNever(application.status);
  }
}

/**
 * A seller applies for the refund of an eligible deposit, with its evidence. Refused while another
 * application is open, when the deposit is not eligible (the blockers say why), or when a required
 * document is missing (named). On success the deposit becomes REFUND_REQUESTED.
 */
export function applyForRefund(args: {
  deposit: Deposit;
  eligibility: Eligibility;
  documents: EvidenceDocument[];
  existingOpenApplication: RefundApplication | null;
  id: string;
  now: Instant;
  expectedVersion?: number | null;
}): Result<{ application: RefundApplication; deposit: Deposit }> {
  const { deposit, now } = args;
  const version = checkVersion(deposit, args.expectedVersion);
  if (!version.ok) return version;
  if (args.existingOpenApplication && isOpen(args.existingOpenApplication)) {
    return refuse(
      userError(
        "APPLICATION_ALREADY_OPEN",
        `Application ${args.existingOpenApplication.id} for this deposit is still waiting for the platform's decision; a deposit has one open application at a time.`,
        ["input", "depositId"],
      ),
    );
  }

  const errors: UserError[] = [];
  if (!args.eligibility.eligible || deposit.status !== "HELD") {
    const reasons = args.eligibility.blockers.map((b) => b.message);
    const statusBlocker = blockerForStatus(deposit);
    if (statusBlocker && !args.eligibility.blockers.some((b) => b.code === statusBlocker.code)) reasons.unshift(statusBlocker.message);
    errors.push(
      userError("NOT_ELIGIBLE", `This deposit cannot be refunded now. ${reasons.join(" ") || "The refund rules are not met."}`, ["input", "depositId"]),
    );
  }
  const present = new Set(args.documents.map((d) => d.kind));
  const missing = args.eligibility.requiredDocuments.filter((kind) => !present.has(kind));
  if (missing.length > 0) {
    errors.push(
      userError(
        "MISSING_DOCUMENTS",
        `A refund application must carry ${joinList(args.eligibility.requiredDocuments.map(documentName))}; missing: ${joinList(missing.map(documentName))}.`,
        ["input", "documents"],
      ),
    );
  }
  if (errors.length > 0) return refuse(...errors);

  return ok({
    application: {
      id: args.id,
      depositId: deposit.id,
      sellerId: deposit.sellerId,
      status: "PENDING",
      documents: args.documents,
      recommendation: args.eligibility.recommendation,
      appliedAt: now,
      decidedAt: null,
      decision: null,
      version: 1,
      updatedAt: now,
    },
    deposit: { ...deposit, status: "REFUND_REQUESTED", version: deposit.version + 1, updatedAt: now },
  });
}

/**
 * The operator's decision on an open application: approve in full, approve part of the deposit
 * with a deduction reason, or deny with a reason (the deposit is held again). Decided once.
 */
export function decideRefund(args: {
  deposit: Deposit;
  application: RefundApplication;
  decision: { outcome: DecisionOutcome; amount?: Money | null; reason?: string | null };
  now: Instant;
  expectedVersion?: number | null;
}): Result<{ application: RefundApplication; deposit: Deposit }> {
  const { deposit, application, decision, now } = args;
  if (application.depositId !== deposit.id) {
    throw new Error(`Application ${application.id} belongs to deposit ${application.depositId}, not ${deposit.id}.`);
  }
  const version = checkVersion(application, args.expectedVersion);
  if (!version.ok) return version;
  if (!isOpen(application)) {
    return refuse(
      userError(
        "INVALID_TRANSITION",
        `Application ${application.id} was already decided (${application.status}${application.decidedAt ? ` on ${application.decidedAt}` : ""}); a decision cannot be changed.`,
      ),
    );
  }
  if (deposit.status !== "REFUND_REQUESTED") {
    return refuse(userError("INVALID_TRANSITION", `Cannot decide a refund of a deposit that is ${deposit.status}; only from REFUND_REQUESTED.`));
  }
  const reason = decision.reason?.trim() || null;
  const amount = decision.amount ?? null;

  let applicationStatus: ApplicationStatus;
  let depositFields: Pick<Deposit, "status" | "refundedAmount">;
  let refunded: Money | null;
  switch (decision.outcome) {
    case "APPROVE_FULL": {
      if (amount && (amount.currency !== deposit.amount.currency || amount.amountMinor !== deposit.amount.amountMinor)) {
        return refuse(
          userError("INVALID_INPUT", `A full refund is the whole deposit (${format(deposit.amount)}); for less, approve partially.`, ["input", "amount"]),
        );
      }
      refunded = deposit.amount;
      applicationStatus = "APPROVED";
      depositFields = { status: "REFUNDED", refundedAmount: deposit.amount };
      break;
    }
    case "APPROVE_PARTIAL": {
      const errors: UserError[] = [];
      if (!amount) {
        errors.push(userError("INVALID_INPUT", "A partial refund needs the amount to refund.", ["input", "amount"]));
      } else if (amount.currency !== deposit.amount.currency) {
        errors.push(
          userError("CURRENCY_MISMATCH", `The refund must be in the deposit's currency ${deposit.amount.currency}, not ${amount.currency}.`, [
            "input",
            "amount",
            "currency",
          ]),
        );
      } else if (amount.amountMinor <= 0) {
        errors.push(userError("INVALID_INPUT", "A partial refund must be more than zero; to refund nothing, deny with a reason.", ["input", "amount", "amountMinor"]));
      } else if (amount.amountMinor > deposit.amount.amountMinor) {
        errors.push(
          userError("AMOUNT_ABOVE_DEPOSIT", `A refund cannot exceed the deposit of ${format(deposit.amount)}; ${format(amount)} was asked.`, [
            "input",
            "amount",
            "amountMinor",
          ]),
        );
      } else if (amount.amountMinor === deposit.amount.amountMinor) {
        errors.push(
          userError("INVALID_INPUT", `${format(amount)} is the whole deposit: approve in full instead.`, ["input", "amount", "amountMinor"]),
        );
      }
      if (!reason) errors.push(userError("INVALID_INPUT", "A partial refund needs the reason for the deduction.", ["input", "reason"]));
      if (errors.length > 0) return refuse(...errors);
      refunded = amount;
      applicationStatus = "PARTIALLY_APPROVED";
      depositFields = { status: "PARTIALLY_REFUNDED", refundedAmount: amount };
      break;
    }
    case "DENY": {
      const errors: UserError[] = [];
      if (!reason) errors.push(userError("INVALID_INPUT", "Denying a refund needs a reason the seller can act on.", ["input", "reason"]));
      if (amount) errors.push(userError("INVALID_INPUT", "A denial refunds nothing; remove the amount.", ["input", "amount"]));
      if (errors.length > 0) return refuse(...errors);
      refunded = null;
      applicationStatus = "DENIED";
      depositFields = { status: "HELD", refundedAmount: deposit.refundedAmount };
      break;
    }
    default:
      return assertNever(decision.outcome);
  }

  return ok({
    application: {
      ...application,
      status: applicationStatus,
      decidedAt: now,
      decision: { outcome: decision.outcome, amount: refunded, reason },
      version: application.version + 1,
      updatedAt: now,
    },
    deposit: { ...deposit, ...depositFields, version: deposit.version + 1, updatedAt: now },
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function assertNever(value: never): never {
  throw new Error(`Unexpected value ${String(value)}`);
}

function limitedTerm(deposit: Deposit): { termStart: Instant; termEnd: Instant; salesTarget: Money } {
  if (!deposit.termStart || !deposit.termEnd || !deposit.salesTarget) {
    throw new Error(`Limited-term deposit ${deposit.id} has no term or sales target.`);
  }
  return { termStart: deposit.termStart, termEnd: deposit.termEnd, salesTarget: deposit.salesTarget };
}

function sustainedRule(deposit: Deposit): SustainedRule {
  if (!deposit.sustainedRule) throw new Error(`Unlimited deposit ${deposit.id} has no sustained-sales rule.`);
  return deposit.sustainedRule;
}

/**
 * The seller's days of the term up to now. The term is [termStart, termEnd): a term ending at
 * midnight does not take in the next day's sales. The first and last day's counters hold the whole
 * day; `eligibility` takes the orders placed outside the term back out (`termEdgeOrders`).
 */
function termDays(term: { termStart: Instant; termEnd: Instant }, now: Instant, timeZone: string): { from: string; to: string } {
  const last = toMs(now) < toMs(term.termEnd) ? now : fromMs(toMs(term.termEnd) - 1);
  return { from: dayOf(term.termStart, timeZone), to: dayOf(last, timeZone) };
}

/** Sum of the daily counters whose day lies in [from, to] (`YYYY-MM-DD` compares as text). */
function sumDays(salesByDay: Record<string, number>, range: { from: string; to: string }): number {
  return sumMinor(Object.entries(salesByDay).flatMap(([day, amount]) => (day >= range.from && day <= range.to ? [amount] : [])));
}

/** `YYYY-MM` moved by `delta` months. */
function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** `YYYY-MM-DD` moved by whole calendar months, the day clamped to the month's length (31 March − 1 month = 28/29 February). */
function shiftDay(day: string, months: number): string {
  const month = shiftMonth(day.slice(0, 7), months);
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(d).padStart(2, "0")}`;
}

/** The `count` full calendar months before the month of `today`, oldest first. */
function previousMonths(today: string, count: number): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => shiftMonth(current, i - count));
}

function documentName(kind: DocumentKind): string {
  switch (kind) {
    case "SALES_DATA":
      return "sales data (SALES_DATA)";
    case "QUALITY_INSPECTION_REPORT":
      return "a quality inspection report (QUALITY_INSPECTION_REPORT)";
    case "OTHER":
      return "another document (OTHER)";
    default:
      return assertNever(kind);
  }
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
