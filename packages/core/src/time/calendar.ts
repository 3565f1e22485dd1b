import type { Instant } from "./index";

/**
 * Calendar days and months, as a seller's counters, deposit terms and violation windows count
 * them: days are `YYYY-MM-DD` and months `YYYY-MM` in the seller's time zone, so they compare as
 * text.
 */

// Building an Intl.DateTimeFormat costs far more than using one: keep one per time zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The seller's calendar day of an instant. */
export function dayOf(instant: Instant, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the seller's wall clock reads it, in milliseconds as if that reading were UTC: the
 * difference of two readings is the time between them on the seller's clock, where a DST day is 24
 * hours like any other.
 */
export function wallClockMs(instant: Instant, timeZone: string): number {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormatters.set(timeZone, formatter);
  }
  const ms = Date.parse(instant);
  const part = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const reading = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return reading + (((ms % 1000) + 1000) % 1000);
}

/**
 * An instant `days` calendar days later in `timeZone`, at the same local time of day: across a DST change that is 23
 * or 25 hours a day, not 24. A local time the clock skips that day (spring forward) reads as the clock shows it after
 * the jump, an hour later, unless that is the next day (America/Nuuk springs forward at 23:00): then the day's last
 * instant, before the jump, so the day stays the one asked for. One it shows twice (autumn) is its first time.
 * @example addLocalDays("2026-10-24T08:00:00.000Z", 3, "Europe/Berlin") // "2026-10-27T09:00:00.000Z" (10:00 both)
 */
export function addLocalDays(instant: Instant, days: number, timeZone: string): Instant {
  const dayMs = 24 * 60 * 60 * 1000;
  const target = wallClockMs(instant, timeZone) + days * dayMs;
  const guess = Date.parse(instant) + days * dayMs;
  // The zone's offsets on either side of the day: a zone changes its clock at most once within two days.
  const offsets = [guess - dayMs, guess + dayMs].map((ms) => wallClockMs(new Date(ms).toISOString(), timeZone) - ms);
  const matching = [...new Set(offsets)]
    .map((offset) => target - offset)
    .filter((ms) => wallClockMs(new Date(ms).toISOString(), timeZone) === target)
    .sort((a, b) => a - b);
  if (matching[0] !== undefined) return new Date(matching[0]).toISOString();
  const afterJump = target - offsets[0]!;
  const wallAfterJump = wallClockMs(new Date(afterJump).toISOString(), timeZone);
  const nextMidnight = (Math.floor(target / dayMs) + 1) * dayMs;
  // Past midnight after the jump: the clock went from the day's last minute before the jump straight to the next day.
  const jumped = wallAfterJump >= nextMidnight ? afterJump - (wallAfterJump - nextMidnight) - 1 : afterJump;
  return new Date(jumped).toISOString();
}

/**
 * A seller's day lasts at most 26 hours, so this reaches its start or end from any instant in it: a DST change sets
 * most clocks back an hour, but Antarctica/Troll's sets it back two (test/core/longest-day.test.ts reads every zone).
 */
export const LONGEST_DAY_MS = 26 * 60 * 60 * 1000;

/** True when `instant` is the first instant of a seller day in `timeZone`. */
export function startsADay(instant: Instant, timeZone: string): boolean {
  return dayOf(new Date(Date.parse(instant) - 1).toISOString(), timeZone) !== dayOf(instant, timeZone);
}

/**
 * `YYYY-MM-DD` moved by whole calendar days. On the calendar, not by 24 hours from an instant: across
 * a DST change a day of the seller's is 23 or 25 hours, and stepping back N × 24 h lands a day off
 * for an hour of the day.
 * @example addDays("2026-03-01", -1) // "2026-02-28"
 */
export function addDays(day: string, delta: number): string {
  const date = new Date(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + delta),
  );
  return date.toISOString().slice(0, 10);
}

/**
 * Calendar days from one `YYYY-MM-DD` to another (negative when `to` is earlier), as `addDays` steps them: whole days
 * on the calendar, whatever the hours between two instants on those days.
 * @example daysBetween("2026-02-27", "2026-03-01") // 2
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / (24 * 60 * 60 * 1000));
}

/** The number of days of a `YYYY-MM` month. */
export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** `YYYY-MM` moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * `YYYY-MM-DD` moved by whole calendar months, the day clamped to the month's length (31 March − 1 month = 28/29
 * February).
 */
export function shiftDay(day: string, months: number): string {
  const month = shiftMonth(day.slice(0, 7), months);
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(d).padStart(2, "0")}`;
}

/** The `count` full calendar months before the month of `today`, oldest first. */
export function previousMonths(today: string, count: number): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => shiftMonth(current, i - count));
}
