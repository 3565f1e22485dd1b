import { isOpen, type Case } from "../cases/shapes";
import { said } from "../i18n";
import { text } from "../i18n/texts";
import { isQualityDispute, qualityDisputeLostAt } from "../stats";
import { addDays, dayOf, fromMs, HOUR_MS, toMs, type Instant } from "../time";
import type { Blocker } from "./eligibility";

/**
 * The quality disputes of a limited term (QUALITY_ISSUE, NOT_AS_DESCRIBED: `Stats.isQualityDispute`), and whether
 * they make it a term with a quality problem.
 *
 * A dispute belongs to the term when it was lost during it (`Stats.qualityDisputeLostAt` in [termStart, termEnd),
 * whenever it was opened: the `qualityDisputesLost` counter, as before) or when it was opened during it, however long
 * it then stays open: lost after the term ended it counts against the term too, and while it is open the term's
 * refund waits on it. A seller cannot take a dispute out of the term by drawing it out past `termEnd`. A dispute
 * opened after the term ended does not belong to it, even about an order placed in it: the refund would otherwise
 * wait out every buyer's time to complain after each term.
 */

/**
 * A quality dispute opened in the term, as read for `eligibility` (`EligibilityWindow.casesOpened`), in its state now
 * (`termCaseOf`). `lostAt`: `Stats.qualityDisputeLostAt`, null while it is not lost.
 */
export interface TermCase {
  id: string;
  reason: Case["reason"];
  status: Case["status"];
  openedAt: Instant;
  lostAt: Instant | null;
}

/** The `TermCase` of a case. */
export function termCaseOf(c: Case): TermCase {
  return { id: c.id, reason: c.reason, status: c.status, openedAt: c.openedAt, lostAt: qualityDisputeLostAt(c) };
}

/** A quality dispute lost on a term's first or last day, outside the term (`EligibilityWindow.termEdges`). */
export interface EdgeQualityDisputeLost {
  caseId: string;
  lostAt: Instant;
}

export interface TermQualityDisputes {
  /** Lost during the term, or opened during it and lost since. */
  lost: number;
  /** Opened during the term and still open, the oldest first. */
  open: TermCase[];
}

/**
 * Counts the term's quality disputes at `now`.
 * - `lostByCounter`: the `qualityDisputesLost` counter summed over the term's days so far (`days`).
 * - `edgeLost`: the disputes lost on the first or last day that were read (`termEdges`); those lost before `termStart`
 *   or from `termEnd` on are taken back out of the counter, unless opened in the term (they count anyway). One not
 *   read stays counted: the side that does not refund by mistake.
 * - `casesOpened`: the seller's quality disputes opened in [termStart, termEnd) (`casesOpened` of the window; others
 *   are ignored). Those lost on a later day than `days.to` are added: no counter of the term holds them. Those lost
 *   after `termEnd` on `days.to` itself are in the counter already.
 */
export function termQualityDisputes(args: {
  term: { termStart: Instant; termEnd: Instant };
  days: { from: string; to: string };
  lostByCounter: number;
  edgeLost: readonly EdgeQualityDisputeLost[];
  casesOpened: readonly TermCase[];
  now: Instant;
  timeZone: string;
}): TermQualityDisputes {
  const { term, days, timeZone } = args;
  const start = toMs(term.termStart);
  const end = toMs(term.termEnd);
  const opened = args.casesOpened.filter((c) => {
    const at = toMs(c.openedAt);
    return isQualityDispute(c) && at >= start && at < end && at <= toMs(args.now);
  });
  const openedIds = new Set(opened.map((c) => c.id));
  const lostOutside = args.edgeLost.filter(
    (l) =>
      !openedIds.has(l.caseId) &&
      ((toMs(l.lostAt) < start && dayOf(l.lostAt, timeZone) === days.from) ||
        (toMs(l.lostAt) >= end && dayOf(l.lostAt, timeZone) === days.to)),
  ).length;
  const lostLater = opened.filter(
    (c) => c.lostAt !== null && toMs(c.lostAt) >= end && dayOf(c.lostAt, timeZone) > days.to,
  ).length;
  const open = opened
    .filter((c) => isOpen(c.status))
    .sort((a, b) => toMs(a.openedAt) - toMs(b.openedAt) || (a.id < b.id ? -1 : 1));
  return { lost: Math.max(0, args.lostByCounter - lostOutside) + lostLater, open };
}

/**
 * Where to read the quality disputes opened in the term (`casesOpened` of `eligibility`), given how many each seller
 * day of it opened (`Stats.qualityDisputesOpened` of the day's counters, written with each case): from the first day
 * that opened one to the last, cut to `term` (the window's `casesOpened`); null when none did, and nothing is read.
 * A day's bounds are taken wide, from 14 hours before its date in UTC to 12 hours after its end (every clock's day
 * lies inside): `termQualityDisputes` keeps exactly the term's. So a term with no quality dispute reads no case,
 * and one with a few reads the seller's cases opened between its first and its last.
 */
export function qualityDisputesOpenedRange(
  term: { from: Instant; before: Instant },
  openedByDay: Record<string, number>,
): { from: Instant; before: Instant } | null {
  const span = qualityDisputeDaysSpan(openedByDay);
  if (!span) return null;
  const from = Math.max(toMs(term.from), toMs(span.from));
  const before = Math.min(toMs(term.before), toMs(span.before));
  return from < before ? { from: fromMs(from), before: fromMs(before) } : null;
}

/**
 * The instants holding the whole of every seller day from the first to the last that opened a quality dispute
 * (`openedByDay`, as for `qualityDisputesOpenedRange`), not cut to the term: read there, the index of quality
 * disputes answers for each day whole, so `daysShortOfQualityDisputes` can hold it to the days' counters. Null when
 * no day opened one.
 */
export function qualityDisputeDaysSpan(openedByDay: Record<string, number>): { from: Instant; before: Instant } | null {
  const days = Object.keys(openedByDay)
    .filter((day) => (openedByDay[day] ?? 0) > 0)
    .sort();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  return {
    from: fromMs(toMs(`${first}T00:00:00.000Z`) - 14 * HOUR_MS),
    before: fromMs(toMs(`${addDays(last, 1)}T00:00:00.000Z`) + 12 * HOUR_MS),
  };
}

/**
 * The seller days whose counters say more quality disputes opened (`openedByDay`) than `found` holds opened on them
 * (in `timeZone`, the seller's, as the counters count them). The sparse index of quality disputes only holds the cases
 * written or migrated since it came (`case-12-quality-dispute-opened-indexed`), and lags a write by a moment: a day it
 * is short of must be read from all the seller's cases, or an open dispute would not hold the refund. Empty when the
 * index holds them all.
 */
export function daysShortOfQualityDisputes(
  openedByDay: Record<string, number>,
  found: readonly Pick<TermCase, "openedAt" | "reason">[],
  timeZone: string,
): string[] {
  const foundByDay = new Map<string, number>();
  for (const c of found) {
    if (!isQualityDispute(c)) continue;
    const day = dayOf(c.openedAt, timeZone);
    foundByDay.set(day, (foundByDay.get(day) ?? 0) + 1);
  }
  return Object.keys(openedByDay)
    .filter((day) => (foundByDay.get(day) ?? 0) < (openedByDay[day] ?? 0))
    .sort();
}

/** The QUALITY_DISPUTES_OPEN blocker: the term's open quality disputes, which the refund waits on; null when none. */
export function openDisputesBlocker(disputes: TermQualityDisputes, allowed: number): Blocker | null {
  if (disputes.open.length === 0) return null;
  return {
    code: "QUALITY_DISPUTES_OPEN",
    ...said(
      text("deposit.qualityDisputesOpen", { caseIds: disputes.open.map((c) => c.id), lost: disputes.lost, allowed }),
    ),
  };
}
