import { decimalString, minorDigits, type Money } from "../money";
import type { Instant } from "../time";
import type { Language } from "./language";
import type { Text } from "./texts";

/**
 * Figures in sentences, written the same on every runtime. Intl's output moves between ICU
 * versions (Node 20 and 22 ship different ones: symbols such as `US$`, spaces in dates), so the
 * parts that vary are pinned here: the currency symbol per language for the currencies sellers
 * use, the grouping of amounts, and the order of date parts. Intl still supplies the calendar
 * arithmetic of a time zone, which does not vary.
 */

/** The symbols we pin; any other currency takes Intl's symbol for the language. */
const SYMBOLS: Record<Language, Record<string, string>> = {
  en: { CNY: "CN¥", USD: "$", EUR: "€", GBP: "£", JPY: "¥", HKD: "HK$", AUD: "A$", CAD: "CA$", KRW: "₩" },
  "zh-CN": { CNY: "¥", USD: "US$", EUR: "€", GBP: "£", JPY: "JP¥", HKD: "HK$", AUD: "AU$", CAD: "CA$", KRW: "₩" },
};

/** The locale Intl names an unpinned currency's symbol in. */
const INTL_LOCALE: Record<Language, string> = { en: "en-US", "zh-CN": "zh-CN" };

const symbolCache = new Map<string, string>();

/**
 * `1234567.50` → `1,234,567.50`: both languages group thousands with `,` and mark decimals with
 * `.`. Written here rather than asked of an `Intl.NumberFormat`: the first one a process builds
 * loads ICU's number data, about 14 ms of a cold start's first answer that shows an amount
 * (bench/README.md, cold start); and grouping a decimal string is exact at any size.
 */
function grouped(decimal: string): string {
  const point = decimal.indexOf(".");
  const whole = point < 0 ? decimal : decimal.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+$)/g, ",") + (point < 0 ? "" : decimal.slice(point));
}

function symbol(language: Language, currency: string): string {
  const pinned = SYMBOLS[language][currency];
  if (pinned) return pinned;
  const key = `${language}|${currency}`;
  let found = symbolCache.get(key);
  if (found === undefined) {
    const parts = new Intl.NumberFormat(INTL_LOCALE[language], { style: "currency", currency }).formatToParts(0);
    found = parts.find((p) => p.type === "currency")?.value ?? currency;
    symbolCache.set(key, found);
  }
  return found;
}

/**
 * An amount as a seller reads it: `CN¥1,234.50` in English, `¥1,234.50` in Chinese, exactly (a
 * decimal string, never a division that rounds large amounts).
 * @example money({ language: "zh-CN", money: { amountMinor: 123450, currency: "CNY" } }) // "¥1,234.50"
 */
export function money(args: { language: Language; money: Money }): string {
  const { amountMinor, currency } = args.money;
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const number = grouped(decimalString(Math.abs(amountMinor), digits));
  const sign = symbol(args.language, currency);
  // A code standing for the symbol (`KWD`) is set apart from the digits by a no-break space, as Intl does.
  const gap = /[A-Za-z]$/.test(sign) ? "\u00a0" : "";
  return `${negative ? "-" : ""}${sign}${gap}${number}`;
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

type WallClock = { year: number; month: number; day: number; time: string };

/**
 * The wall-clock parts already worked out, by zone and instant: each costs an `Intl` formatting
 * (tens of microseconds), and the dates of one answer repeat (every date is compared with the same
 * `now`, a deadline is in a factor's sentence and in the remedy plan). Bounded: cleared when full.
 */
const wallClocks = new Map<string, WallClock>();

/** The wall-clock parts of an instant in a time zone (numbers, which do not vary with ICU). */
function zoned(instant: Instant, timeZone: string): WallClock {
  const key = `${timeZone}|${instant}`;
  const known = wallClocks.get(key);
  if (known) return known;
  if (wallClocks.size >= 2_000) wallClocks.clear();
  const found = wallClockOf(instant, timeZone);
  wallClocks.set(key, found);
  return found;
}

function wallClockOf(instant: Instant, timeZone: string): WallClock {
  let formatter = zonedFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    zonedFormats.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value] as const),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    time: `${parts.hour!.padStart(2, "0")}:${parts.minute!.padStart(2, "0")}`,
  };
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A date and time in a sentence, on the seller's wall clock: `28 Nov, 18:00` / `11月28日 18:00`;
 * the year is added when it is not the year of `now` (`28 Nov 2027, 18:00` / `2027年11月28日 18:00`).
 * @example dateTime({ language: "en", instant: "2026-11-28T10:00:00.000Z", timeZone: "Asia/Shanghai" })
 * // "28 Nov, 18:00"
 */
export function dateTime(args: { language: Language; instant: Instant; timeZone: string; now?: Instant }): string {
  const at = zoned(args.instant, args.timeZone);
  const showYear = args.now !== undefined && zoned(args.now, args.timeZone).year !== at.year;
  if (args.language === "zh-CN") return `${showYear ? `${at.year}年` : ""}${at.month}月${at.day}日 ${at.time}`;
  return `${at.day} ${MONTHS_EN[at.month - 1]}${showYear ? ` ${at.year}` : ""}, ${at.time}`;
}

/**
 * A count of hours as a seller reads it: `5 h`, `1.5 h` / `5小时`, `1.5小时` (one decimal at most).
 */
export function hours(args: { language: Language; hours: number }): string {
  const value = Math.round(Math.abs(args.hours) * 10) / 10;
  return args.language === "zh-CN" ? `${value}小时` : `${value} h`;
}

/** The formats a catalog entry writes figures with, bound to one language and the seller's time zone. */
export interface Formats {
  language: Language;
  money(value: Money): string;
  dateTime(value: Instant): string;
  /** A seller's calendar day (`YYYY-MM-DD`): as it is in English, `2026年11月28日` in Chinese. */
  day(value: string): string;
  /** Another text in the same language (a refusal that lists the blockers' own sentences). */
  write(value: Text): string;
  /** A share in percent as given (`15` → `15%`), or with a fixed number of decimals (`4, 2` → `4.00%`). */
  percent(value: number, digits?: number): string;
  hours(value: number): string;
}

export function baseFormats(args: {
  language: Language;
  timeZone: string;
  now?: Instant;
  write: (text: Text, f: Formats) => string;
}): Formats {
  const { language, timeZone, now } = args;
  const formats: Formats = {
    write: (text) => args.write(text, formats),
    day: (value) => day({ language, day: value }),
    language,
    money: (value) => money({ language, money: value }),
    dateTime: (instant) => dateTime({ language, instant, timeZone, ...(now !== undefined && { now }) }),
    percent: (value, digits) => `${digits === undefined ? value : value.toFixed(digits)}%`,
    hours: (value) => hours({ language, hours: value }),
  };
  return formats;
}

/** A calendar day `YYYY-MM-DD` as a seller reads it (unchanged in English: that is how the texts always wrote it). */
export function day(args: { language: Language; day: string }): string {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(args.day);
  if (!match || args.language === "en") return args.day;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}
