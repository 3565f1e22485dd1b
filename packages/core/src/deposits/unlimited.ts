import { english, said } from "../i18n";
import { text } from "../i18n/texts";
import { atMostMax, sumExact } from "../money";
import { RECORDING_GRACE_MS } from "../orders";
import { addDays, dayOf, DAY_MS, previousMonths, shiftDay, shiftMonth, startsADay, toMs, type Instant } from "../time";
import {
  violationCountedAt,
  type Assessment,
  type Blocker,
  type EligibilityInput,
  type MonthSales,
  type Progress,
} from "./eligibility";
import { atLeast, type DepositRules, sustainedRule } from "./shapes";
import { recordedAfterMonths, sumDays } from "./term-sales";

/**
 * An unlimited deposit's eligibility (`eligibility` asks it): the sustained-sales rule over the last calendar months
 * in the seller's time zone, and the blocking violations of the trailing window.
 */

export function assessUnlimited(args: EligibilityInput, rules: DepositRules): Assessment {
  const { deposit, now, timeZone } = args;
  const rule = sustainedRule(deposit);
  const min = rule.minMonthlySales;
  const today = dayOf(now, timeZone);
  // Sales count while the deposit is held: a month that began before it was paid does not meet the rule.
  const firstHeldMonth = firstMonthHeld(deposit.paidAt, timeZone);
  const months = previousMonths(today, rule.months);
  // Every month of the rule has ended: what was reported after one ended does not move it (term-sales.ts).
  const leftOut = recordedAfterMonths(args.lateRecordedOrders ?? [], months, timeZone);
  const exactByMonth = months.map((month) => {
    const exact = sumDays(args.salesByDay, { from: `${month}-01`, to: `${month}-31` }) - (leftOut.get(month) ?? 0n);
    return { month, exact: exact > 0n ? exact : 0n };
  });
  const leftOutTotal = sumExact([...leftOut.values()]);
  const monthlySales: MonthSales[] = exactByMonth.map(({ month, exact }) => {
    const meetsRule = month >= firstHeldMonth && exact >= BigInt(min.amountMinor);
    return { month, sales: { amountMinor: atMostMax(exact).amountMinor, currency: min.currency }, meetsRule };
  });
  const monthsMeetingRule = monthlySales.filter((m) => m.meetsRule).length;
  const total = atMostMax(sumExact(exactByMonth.map((m) => m.exact)));
  const basis = text("deposit.salesBasisMonths", {
    months: rule.months,
    timeZone,
    shownUpTo: total.beyond ? { amountMinor: total.amountMinor, currency: min.currency } : null,
    graceDays: RECORDING_GRACE_MS / DAY_MS,
    leftOut: leftOutTotal > 0n ? { amountMinor: atMostMax(leftOutTotal).amountMinor, currency: min.currency } : null,
  });
  const progress: Progress = {
    salesToDate: { amountMinor: total.amountMinor, currency: min.currency },
    salesBasis: english(basis),
    salesBasisText: basis,
    salesTarget: null,
    termEndsAt: null,
    daysLeft: null,
    monthsMeetingRule,
    monthsRequired: rule.months,
    monthlySales,
    salesRecordedAfterTerm: { amountMinor: atMostMax(leftOutTotal).amountMinor, currency: min.currency },
  };

  const blockers: Blocker[] = [];
  const held = monthlySales.filter((m) => m.month >= firstHeldMonth);
  const short = held
    .filter((m) => !m.meetsRule)
    .map((m) => ({
      month: m.month,
      sales: m.sales,
      missing: { amountMinor: min.amountMinor - m.sales.amountMinor, currency: min.currency },
    }));
  if (held.length < monthlySales.length) {
    // The earliest run of `months` full months held with none short starts after the last short one held.
    const runStart = short.length > 0 ? shiftMonth(short[short.length - 1]!.month, 1) : firstHeldMonth;
    blockers.push({
      code: "SUSTAINED_SALES_NOT_MET",
      ...said(
        text("deposit.heldFewerMonths", {
          paidOn: dayOf(deposit.paidAt, timeZone),
          min,
          months: rule.months,
          heldMonths: held.length,
          short,
          from: `${shiftMonth(runStart, rule.months)}-01`,
        }),
      ),
    });
  } else if (short.length > 0) {
    blockers.push({
      code: "SUSTAINED_SALES_NOT_MET",
      ...said(text("deposit.sustainedSalesNotMet", { min, months: rule.months, short })),
    });
  }
  const blocking = args.violations
    .filter(
      (v) =>
        toMs(violationCountedAt(v)) <= toMs(now) &&
        violationCounts(dayOf(violationCountedAt(v), timeZone), today, rules.violationWindowMonths),
    )
    .filter((v) => atLeast(v.severity, rules.blockingSeverity))
    .sort((a, b) => toMs(violationCountedAt(a)) - toMs(violationCountedAt(b)));
  for (const v of blocking) {
    const day = dayOf(violationCountedAt(v), timeZone);
    blockers.push({
      code: "BLOCKING_VIOLATION",
      ...said(
        text("deposit.blockingViolationUnlimited", {
          severity: v.severity,
          kind: v.kind,
          day,
          windowMonths: rules.violationWindowMonths,
          until: violationCountsUntil(day, rules.violationWindowMonths),
        }),
      ),
    });
  }
  // Even when the rules are met the platform weighs sales and reputation: a recommendation, not a refund.
  return { recommendation: blockers.length === 0 ? "REFER_TO_OPERATOR" : "NOT_ELIGIBLE", blockers, progress };
}

/**
 * The first calendar month (`YYYY-MM`, the seller's) the deposit was held for all of: the month it was paid in when
 * paid at the first instant of that month, the next one otherwise.
 */
function firstMonthHeld(paidAt: Instant, timeZone: string): string {
  const day = dayOf(paidAt, timeZone);
  const month = day.slice(0, 7);
  return day.endsWith("-01") && startsADay(paidAt, timeZone) ? month : shiftMonth(month, 1);
}

/** Whether a violation on the seller's `day` still counts on `today`: within the trailing `months` calendar months. */
export function violationCounts(day: string, today: string, months: number): boolean {
  return day > shiftDay(today, -months);
}

/**
 * The first day a violation on `day` no longer counts (`violationCounts`): `months` later, or the
 * day after that when the month is shorter. 29 February + 12 months is 28 February, and the window
 * of that day still reaches back to 29 February: the violation stops counting on 1 March.
 */
export function violationCountsUntil(day: string, months: number): string {
  const until = shiftDay(day, months);
  return violationCounts(day, until, months) ? addDays(until, 1) : until;
}
