import { english, said } from "../i18n";
import { text, type Text } from "../i18n/texts";
import { assertNever } from "../errors";
import { atMostMax, type Money } from "../money";
import { RECORDING_GRACE_MS } from "../orders";
import { termDays, termSales, type EdgeOrder, type LateRecordedOrder } from "./term-sales";
import {
  dayOf,
  daysInMonth,
  DAY_MS,
  fromMs,
  LONGEST_DAY_MS,
  previousMonths,
  shiftMonth,
  startsADay,
  toMs,
  wallClockMs,
  type Instant,
} from "../time";
import {
  atLeast,
  defaultDepositRules,
  type BlockerCode,
  type Deposit,
  type DepositRules,
  type DocumentKind,
  type EvidenceDocument,
  type Recommendation,
  type Violation,
  limitedTerm,
  sustainedRule,
} from "./shapes";
import { assessUnlimited } from "./unlimited";
import { inForce } from "./voiding";
import {
  openDisputesBlocker,
  termQualityDisputes,
  type EdgeQualityDisputeLost,
  type TermCase,
} from "./quality-disputes";

export type { EdgeOrder, LateRecordedOrder } from "./term-sales";
export { violationCounts, violationCountsUntil } from "./unlimited";

/** Eligibility: can a deposit be refunded now, and if not, what is missing. */

export interface Blocker {
  code: BlockerCode;
  /** In English; the API writes `text` in the reader's language. */
  message: string;
  text: Text;
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
  /** What `salesToDate` counts, in one sentence a seller can check against their own records (English). */
  salesBasis: string;
  /** The same sentence as a text, for the reader's language. */
  salesBasisText: Text;
  salesTarget: Money | null;
  termEndsAt: Instant | null;
  /** Whole days (rounded up) until the term ends; 0 once it ended; null for unlimited deposits. */
  daysLeft: number | null;
  monthsMeetingRule: number | null;
  monthsRequired: number | null;
  /** Unlimited: each month of the rule, oldest first. Null for limited-term deposits. */
  monthlySales: MonthSales[] | null;
  /**
   * The sales of the orders reported after the fact (term-sales.ts), left out of `salesToDate`. Limited-term: those
   * placed in the term, recorded after it ended. Unlimited: those placed in a month of the rule, recorded after that
   * month ended.
   */
  salesRecordedAfterTerm: Money | null;
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
  /** The seller's time zone, in which the days below are: the seller's counters count the days in it. */
  timeZone: string;
  /** Daily sales buckets to read, inclusive `YYYY-MM-DD` days in the seller's time zone; null when none matter yet. */
  salesDays: { from: string; to: string } | null;
  /**
   * Violations that occurred at or after this instant may matter (a safe lower bound; `eligibility` filters exactly).
   */
  violationsFrom: Instant;
  /**
   * Limited-term: the days over which to sum the `qualityDisputesLost` counter (the term so far); null for unlimited or
   * before the term.
   */
  qualityDisputeDays: { from: string; to: string } | null;
  /**
   * Limited-term: the parts outside the term, [from, before), of the seller days (`day`) the term starts or ends
   * inside, whose counters also hold what happened outside the term. The api reads the orders placed there, and the
   * quality disputes lost there when that day's `qualityDisputesLost` counter is not 0; `eligibility` takes them
   * back out. Empty when each instant of the term falls on the start of a seller day.
   */
  termEdges: TermEdge[];
  /**
   * Limited-term, once started: the instants [from, before) of the term, in which to read the seller's quality
   * disputes by when they were opened (`casesOpened` of `eligibility`; the api keeps to the days whose counters say
   * one opened, `qualityDisputesOpenedRange`); null for unlimited or before the term.
   */
  casesOpened: { from: Instant; before: Instant } | null;
  /**
   * Limited-term, once it ended: the term, [from, before), whose orders recorded late (`Orders.recordedLate`) the api
   * reads; `eligibility` takes out those recorded after it (term-sales.ts). Null while the term runs. Unlimited: a
   * span holding the months of the rule (all ended), a day wider on each side than their seller days; `eligibility`
   * takes out of each month the orders placed in it that were recorded after it ended (`recordedAfterMonths`).
   */
  recordedLateInTerm: { from: Instant; before: Instant } | null;
}

/** The part of a seller day cut by a term's instant that lies outside the term (see `termEdges`). */
export interface TermEdge {
  day: string;
  from: Instant;
  before: Instant;
  /** A span holding the whole `day`, its part in the term too: what an application reads (`edgeOrdersWholeDays`). */
  wholeDay: { from: Instant; before: Instant };
}

/**
 * The earliest instant a violation still blocking at `now` can have occurred: the trailing window counts whole
 * calendar months in the seller's time zone (`violationCounts`), so the bound is generous rather than exact. A month
 * has at most 31 days and the seller's day starts at most 14 hours before UTC's. The one bound for every reader of a
 * seller's violations (eligibility, the seller's health): a shorter one would drop a violation the rule still counts.
 */
export function violationsFrom(now: Instant, rules: DepositRules = defaultDepositRules): Instant {
  return fromMs(toMs(now) - (rules.violationWindowMonths * 31 + 1) * DAY_MS);
}

/**
 * When a violation counts as having happened: its `occurredAt`, but never after it was recorded. The operator's
 * clock may run up to `clockSkewMs` ahead (`recordViolation` accepts that much), and a violation recorded before a
 * term's end with an `occurredAt` past it must not leave the term it was recorded in, nor wait to count.
 */
export function violationCountedAt(v: Pick<Violation, "occurredAt" | "recordedAt">): Instant {
  return toMs(v.recordedAt) < toMs(v.occurredAt) ? v.recordedAt : v.occurredAt;
}

/** The windows of data a deposit's eligibility depends on at `now`. */
export function eligibilityWindow(args: {
  deposit: Deposit;
  now: Instant;
  timeZone: string;
  rules?: DepositRules;
}): EligibilityWindow {
  const { deposit, now, timeZone } = args;
  const rules = args.rules ?? defaultDepositRules;
  switch (deposit.kind) {
    case "LIMITED_TERM": {
      const term = limitedTerm(deposit);
      const days = termDays(term, now, timeZone);
      const started = days.from <= days.to && toMs(now) >= toMs(term.termStart);
      const termEdges: TermEdge[] = [];
      if (started && !startsADay(term.termStart, timeZone)) {
        const from = fromMs(toMs(term.termStart) - LONGEST_DAY_MS);
        const wholeDay = { from, before: fromMs(toMs(term.termStart) + LONGEST_DAY_MS) };
        termEdges.push({ day: days.from, from, before: term.termStart, wholeDay });
      }
      // While the term runs nothing happens after it; once it ended, its last day may go on past termEnd.
      if (started && toMs(now) >= toMs(term.termEnd) && !startsADay(term.termEnd, timeZone)) {
        const before = fromMs(toMs(term.termEnd) + LONGEST_DAY_MS);
        const wholeDay = { from: fromMs(toMs(term.termEnd) - LONGEST_DAY_MS), before };
        termEdges.push({ day: days.to, from: term.termEnd, before, wholeDay });
      }
      const ended = toMs(now) >= toMs(term.termEnd);
      return {
        timeZone,
        salesDays: started ? days : null,
        violationsFrom: term.termStart,
        qualityDisputeDays: started ? days : null,
        termEdges,
        casesOpened: started ? { from: term.termStart, before: term.termEnd } : null,
        recordedLateInTerm: ended ? { from: term.termStart, before: term.termEnd } : null,
      };
    }
    case "UNLIMITED": {
      const rule = sustainedRule(deposit);
      const months = previousMonths(dayOf(now, timeZone), rule.months);
      const newest = months[months.length - 1]!;
      // The months' first and last instants in any time zone lie within a day of their UTC midnights.
      const monthsSpan = {
        from: fromMs(Date.parse(`${months[0]}-01T00:00:00.000Z`) - LONGEST_DAY_MS),
        before: fromMs(Date.parse(`${shiftMonth(newest, 1)}-01T00:00:00.000Z`) + LONGEST_DAY_MS),
      };
      return {
        timeZone,
        salesDays: { from: `${months[0]}-01`, to: `${newest}-${String(daysInMonth(newest)).padStart(2, "0")}` },
        violationsFrom: violationsFrom(now, rules),
        qualityDisputeDays: null,
        // Months are whole seller days: the counters are exact for them.
        termEdges: [],
        casesOpened: null,
        recordedLateInTerm: monthsSpan,
      };
    }
    default:
      return assertNever(deposit.kind);
  }
}

/** What `eligibility` decides from (see there). */
export interface EligibilityInput {
  deposit: Deposit;
  violations: Violation[];
  /** A day past 2^53 − 1 minor units (its counter adds exactly) may be read back as a BigInt. */
  salesByDay: Record<string, number | bigint>;
  qualityDisputesLostInTerm: number;
  now: Instant;
  timeZone: string;
  edgeOrders?: EdgeOrder[];
  /**
   * `edgeOrders` hold every order placed on the edge days (read over `TermEdge.wholeDay`), the term's too: each edge
   * day then counts the smaller of two figures (term-sales.ts says why). An application reads so; the query need not.
   */
  edgeOrdersWholeDays?: boolean;
  /** The orders placed in `recordedLateInTerm` that were recorded late (none while a limited term runs). */
  lateRecordedOrders?: LateRecordedOrder[];
  /** The quality disputes lost in the parts of `termEdges`, and when (read for the days that lost any). */
  edgeQualityDisputesLost?: EdgeQualityDisputeLost[];
  /** Limited-term: the seller's quality disputes opened in the window's `casesOpened` (others are ignored). */
  casesOpened?: TermCase[];
  documents?: Pick<EvidenceDocument, "kind">[];
  rules?: DepositRules;
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
 * `edgeOrders` are the orders placed in `termEdges` (none when it is empty).
 * `edgeQualityDisputesLost` are the quality disputes lost in `termEdges` (only a day whose counter is not 0 needs
 * reading): those lost before `termStart` or from `termEnd` on, on the term's first or last day, are taken back out
 * of the count. One missing from them (not read) stays counted: the safe side.
 * `casesOpened` are the seller's quality disputes opened in the term (`termQualityDisputes`): one lost after the term
 * ended counts against it, and while one is open the refund waits (QUALITY_DISPUTES_OPEN, NOT_YET_ELIGIBLE).
 *
 * Sales of a limited-term deposit: the net settled sales (`Stats.netSettledMinor`: the settlement
 * amount, nothing for a cancelled order, less that order's refunds) of the orders placed in
 * [termStart, termEnd), as the order stands now; never negative. The daily counters hold exactly
 * that per seller day; the term's first and last day are made exact with `edgeOrders`. `lateRecordedOrders` reported
 * after the term do not count (`progress.salesRecordedAfterTerm`).
 * Sales are summed exactly, however large (a BigInt), and compared with the target or the monthly minimum exactly. A
 * figure past 2^53 − 1 minor units, the largest amount sent exactly, is reported as that amount, and the basis says
 * "more than" (`Money.atMostMax`): any target is reached by then, and no answer fails for it.
 * `documents` are those of an application being prepared, to report what is still missing.
 * A REFUND_REQUESTED deposit is never eligible, but keeps the rules' verdict beside REFUND_ALREADY_REQUESTED (the
 * operator decides on it); a refunded one answers ALREADY_REFUNDED alone.
 * @example
 * eligibility({ deposit, violations, salesByDay: { "2026-03-01": 120_000 }, qualityDisputesLostInTerm: 0, now,
 * timeZone: "Asia/Shanghai" })
 * // → { eligible: false, recommendation: "NOT_YET_ELIGIBLE", blockers: [{ code: "TERM_NOT_ENDED", message: "…" }], … }
 */
export function eligibility(input: EligibilityInput): Eligibility {
  // A violation voided (withdrawn as recorded by mistake) blocks nothing: the rules read only those in force.
  const args = { ...input, violations: input.violations.filter((v) => inForce(v, input.now)) };
  const rules = args.rules ?? defaultDepositRules;
  const { deposit } = args;
  const requiredDocuments = [...rules.requiredDocuments];
  const present = new Set((args.documents ?? []).map((d) => d.kind));
  const missingDocuments = requiredDocuments.filter((kind) => !present.has(kind));

  const assessed = deposit.kind === "LIMITED_TERM" ? assessLimitedTerm(args, rules) : assessUnlimited(args, rules);

  const statusBlocker = blockerForStatus(deposit);
  if (!statusBlocker) {
    return { eligible: assessed.blockers.length === 0, ...assessed, requiredDocuments, missingDocuments };
  }
  if (deposit.status === "REFUND_REQUESTED") {
    // The operator reads this answer before deciding the pending application: the rules' verdict now (a violation
    // recorded since the seller applied included) stays, and the status blocker says why no other application is
    // taken meanwhile.
    return {
      eligible: false,
      recommendation: assessed.recommendation,
      blockers: [statusBlocker, ...assessed.blockers],
      progress: assessed.progress,
      requiredDocuments,
      missingDocuments,
    };
  }
  // Refunded in full or in part: final, no decision is left for the rules to inform.
  return {
    eligible: false,
    recommendation: "NOT_ELIGIBLE",
    blockers: [statusBlocker],
    progress: assessed.progress,
    requiredDocuments,
    missingDocuments,
  };
}

export type Assessment = Pick<Eligibility, "recommendation" | "blockers" | "progress">;

export function blockerForStatus(deposit: Deposit): Blocker | null {
  switch (deposit.status) {
    case "HELD":
      return null;
    case "REFUND_REQUESTED":
      return { code: "REFUND_ALREADY_REQUESTED", ...said(text("deposit.refundAlreadyRequested", {})) };
    case "REFUNDED":
      return {
        code: "ALREADY_REFUNDED",
        ...said(text("deposit.alreadyRefunded", { refunded: deposit.refundedAmount ?? deposit.amount })),
      };
    case "PARTIALLY_REFUNDED":
      return {
        code: "ALREADY_REFUNDED",
        ...said(text("deposit.partiallyRefunded", { refunded: deposit.refundedAmount, amount: deposit.amount })),
      };
    default:
      return assertNever(deposit.status);
  }
}

/**
 * The seller's wall clock at `instant`, where the first instant of a day reads that day's 00:00: in zones whose clock
 * springs forward at midnight (America/Santiago, Atlantic/Azores, Asia/Beirut…) a day starts at 01:00, and a term
 * ending at its start would read an hour into it, one day too many once rounded up.
 */
function dayWallClockMs(instant: Instant, timeZone: string): number {
  return startsADay(instant, timeZone)
    ? Date.parse(`${dayOf(instant, timeZone)}T00:00:00.000Z`)
    : wallClockMs(instant, timeZone);
}

function assessLimitedTerm(args: EligibilityInput, rules: DepositRules): Assessment {
  const { deposit, now, timeZone } = args;
  const term = limitedTerm(deposit);
  const target = term.salesTarget;
  const days = termDays(term, now, timeZone);
  const started = toMs(now) >= toMs(term.termStart);
  const edgeDays = args.edgeOrdersWholeDays
    ? eligibilityWindow({ deposit, now, timeZone, rules }).termEdges.map((edge) => edge.day)
    : [];
  const { counted, leftOut } = started ? termSales({ ...args, term, days, edgeDays }) : { counted: 0n, leftOut: 0n };
  // Counters written before sales were kept per order's placed day may still dip below zero
  // until `npm run stats -- rebuild`.
  const sales = atMostMax(counted > 0n ? counted : 0n);
  const salesToDate: Money = { amountMinor: sales.amountMinor, currency: target.currency };
  const salesRecordedAfterTerm: Money = { amountMinor: atMostMax(leftOut).amountMinor, currency: target.currency };
  const msLeft = toMs(term.termEnd) - toMs(now);
  // Days on the seller's clock: in the week before a DST change 24-hour steps would count one too many or few.
  const wallLeft = dayWallClockMs(term.termEnd, timeZone) - dayWallClockMs(now, timeZone);
  const daysLeft = msLeft <= 0 ? 0 : Math.max(1, Math.ceil(wallLeft / DAY_MS));
  const basis = text("deposit.salesBasisTerm", {
    termStart: term.termStart,
    termEnd: term.termEnd,
    ongoing: toMs(now) < toMs(term.termEnd),
    sales: salesToDate,
    beyond: sales.beyond,
    graceDays: RECORDING_GRACE_MS / DAY_MS,
    leftOut: leftOut > 0n ? salesRecordedAfterTerm : null,
  });
  const progress: Progress = {
    salesToDate,
    salesBasis: english(basis),
    salesBasisText: basis,
    salesTarget: target,
    termEndsAt: term.termEnd,
    daysLeft,
    monthsMeetingRule: null,
    monthsRequired: null,
    monthlySales: null,
    salesRecordedAfterTerm,
  };

  // Blockers that no amount of selling or waiting removes: they happened during the term.
  const blockers: Blocker[] = [];
  const inTerm = args.violations
    .filter((v) => {
      const at = toMs(violationCountedAt(v));
      return at >= toMs(term.termStart) && at < toMs(term.termEnd) && at <= toMs(now);
    })
    .sort((a, b) => toMs(violationCountedAt(a)) - toMs(violationCountedAt(b)));
  for (const v of inTerm) {
    const day = dayOf(violationCountedAt(v), timeZone);
    if (rules.qualityViolationKinds.includes(v.kind)) {
      blockers.push({
        code: "QUALITY_VIOLATION",
        ...said(text("deposit.qualityViolation", { severity: v.severity, kind: v.kind, day })),
      });
    } else if (atLeast(v.severity, rules.blockingSeverity)) {
      blockers.push({
        code: "BLOCKING_VIOLATION",
        ...said(
          text("deposit.blockingViolationInTerm", {
            severity: v.severity,
            kind: v.kind,
            day,
            threshold: rules.blockingSeverity,
          }),
        ),
      });
    }
  }
  // Lost in the term, or opened in it and lost since; the first and last day's counters hold the whole day.
  const disputes = termQualityDisputes({
    term,
    days,
    lostByCounter: args.qualityDisputesLostInTerm,
    edgeLost: args.edgeQualityDisputesLost ?? [],
    casesOpened: args.casesOpened ?? [],
    now,
    timeZone,
  });
  if (disputes.lost > rules.maxQualityDisputesLost) {
    blockers.push({
      code: "TOO_MANY_QUALITY_DISPUTES",
      ...said(text("deposit.tooManyQualityDisputes", { lost: disputes.lost, allowed: rules.maxQualityDisputesLost })),
    });
  }
  // Selling more or waiting would not lift these, so TERM_NOT_ENDED is not added (progress still shows the numbers),
  // nor the disputes still open: whatever their outcome, the term had a quality problem or a blocking violation.
  if (blockers.length > 0) return { recommendation: "NOT_ELIGIBLE", blockers, progress };
  // The target reached within the term makes the deposit refundable early; otherwise the end of the term does. Either
  // way not while a quality dispute of the term is open: lost, even after the term, it counts against the term.
  const waiting = [
    termPending({ term, started, salesToDate, msLeft, daysLeft, timeZone, disputesOpen: disputes.open.length > 0 }),
    openDisputesBlocker(disputes, rules.maxQualityDisputesLost),
  ].filter((b): b is Blocker => b !== null);
  if (waiting.length > 0) return { recommendation: "NOT_YET_ELIGIBLE", blockers: waiting, progress };
  // Refundable either way, but the guide promises the whole deposit only for the target reached within the
  // term ("达到了一定的销售额度,那么押金将会全额返还"); a term that ended short of it is the operator's to weigh.
  // (A target is at most 2^53 − 1 minor units, so comparing the figure sent is comparing the exact sum.)
  const targetReached = salesToDate.amountMinor >= target.amountMinor;
  return { recommendation: targetReached ? "REFUND_IN_FULL" : "REFER_TO_OPERATOR", blockers: [], progress };
}

/**
 * The TERM_NOT_ENDED blocker: the term runs on (or has not started) and the target is not reached yet; null
 * otherwise. Before the term, selling now does not bring the refund closer (orders placed before the term do not
 * count), so the blocker says when the term starts rather than how much more to sell.
 */
function termPending(args: {
  term: { termStart: Instant; termEnd: Instant; salesTarget: Money };
  started: boolean;
  salesToDate: Money;
  msLeft: number;
  daysLeft: number;
  timeZone: string;
  /** A quality dispute opened in the term is open: the refund waits on it, whatever the sales. */
  disputesOpen: boolean;
}): Blocker | null {
  const { term, salesToDate, timeZone } = args;
  const target = term.salesTarget;
  if (args.msLeft <= 0 || salesToDate.amountMinor >= target.amountMinor) return null;
  const lastDay = dayOf(fromMs(toMs(term.termEnd) - 1), timeZone);
  if (!args.started) {
    const firstDay = dayOf(term.termStart, timeZone);
    return { code: "TERM_NOT_ENDED", ...said(text("deposit.termNotStarted", { firstDay, target, lastDay })) };
  }
  const missing: Money = { amountMinor: target.amountMinor - salesToDate.amountMinor, currency: target.currency };
  return {
    code: "TERM_NOT_ENDED",
    ...said(
      text("deposit.termNotEnded", {
        sales: salesToDate,
        target,
        missing,
        lastDay,
        daysLeft: args.daysLeft,
        disputesOpen: args.disputesOpen,
      }),
    ),
  };
}
