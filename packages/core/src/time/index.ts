import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import { text, type Text } from "../i18n/texts";
import { daysInMonth } from "./calendar";

/**
 * Time in the domain is an ISO 8601 UTC string (`2026-11-26T09:00:00.000Z`); `now` is always
 * passed in, so every rule can be tested at any instant.
 */
export type Instant = string;

export {
  addDays,
  addLocalDays,
  dayOf,
  daysBetween,
  daysInMonth,
  LONGEST_DAY_MS,
  previousMonths,
  shiftDay,
  shiftMonth,
  startsADay,
  wallClockMs,
} from "./calendar";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Milliseconds since the epoch. Stored and normalised instants are all `YYYY-MM-DDTHH:MM:SS.sssZ`
 * (`fromMs`), and a page reads them hundreds of times (every deadline against `now`): that form is
 * read digit by digit, about twice as fast as `Date.parse`, which reads anything else. Days past the
 * 28th go to `Date.parse` too, so an impossible date (February 30) is read exactly as it reads it.
 */
export function toMs(s: Instant): number {
  if (
    typeof s !== "string" || // a type hole (a field missing from an old item) reads as Date.parse reads it: NaN
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 // Z
  )
    return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  // A non-digit reads as -1 and fails these bounds; Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23) return Date.parse(s);
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return Date.parse(s);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The decimal number written by `length` digits of `s` from `start`; -1 when one of them is not a digit. */
function digits(s: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function fromMs(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function addMs(instant: Instant, ms: number): Instant {
  return fromMs(toMs(instant) + ms);
}

/**
 * The bounds of every date a client sends (the one rule for all input dates, in the schema
 * descriptions and docs/using-the-api.md): a real calendar instant, not before 2000-01-01T00:00:00Z
 * and not more than 10 years (3,653 days) after the instant the request is served at. The floor is
 * fixed, so the schema checks it; the ceiling moves with the injected clock, so `instantsBeyondHorizon`
 * checks it wherever input is parsed (`Errors.parseInput`).
 */
export const EARLIEST_INPUT_INSTANT: Instant = "2000-01-01T00:00:00.000Z";
export const MAX_INPUT_AHEAD_MS = 3653 * DAY_MS;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Why a string is not a real calendar instant, or null when it is one. `Date.parse` rolls
 * impossible dates over (February 30 becomes March 2), so each part is checked on its own.
 */
function calendarProblem(s: string): string | null {
  const m = ISO_INSTANT.exec(s);
  if (!m) return says("schema.dateFormat", {});
  const [, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return says("schema.dateNoMonth", { month: m[2]! });
  if (day < 1 || day > daysInMonth(`${m[1]}-${m[2]}`))
    return says("schema.dateNoDay", { yearMonth: `${m[1]}-${m[2]}`, dayOfMonth: m[3]! });
  if (hour > 23 || minute > 59 || second > 59) return says("schema.timeOfDay", {});
  // No zone is more than 14 hours from UTC: +14:00 is the last offset, +14:30 and -14:59 are not.
  if (m[9] && (Number(m[11]) > 59 || Number(m[10]) * 60 + Number(m[11]) > 14 * 60)) return says("schema.utcOffset", {});
  return null;
}

/**
 * Accepts ISO 8601 with an offset (`Z` or `+08:00`), a real calendar instant from 2000 on; normalises it to UTC
 * milliseconds.
 */
export const InstantInput = z.pipe(
  z.string().check(z.maxLength(40, says("schema.dateFormat", {})), (ctx) => {
    const problem = calendarProblem(ctx.value);
    if (problem) ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
    else if (Date.parse(ctx.value) < toMs(EARLIEST_INPUT_INSTANT)) {
      ctx.issues.push({
        code: "custom",
        message: says("schema.dateEarliest", { earliest: EARLIEST_INPUT_INSTANT.replace(".000", "") }),
        input: ctx.value,
      });
    }
  }),
  z.transform((s) => fromMs(Date.parse(s))),
);

/**
 * Every date of a parsed input that lies more than `MAX_INPUT_AHEAD_MS` after `now`, with its
 * path. Finds them through the schema: any field parsed by `InstantInput`, however deep (inside
 * objects, arrays, optional or nullable fields), so a new date field is bounded without more code.
 */
export function instantsBeyondHorizon(args: {
  schema: z.ZodMiniType;
  value: unknown;
  now: Instant;
}): { path: (string | number)[]; text: Text }[] {
  const latest = toMs(args.now) + MAX_INPUT_AHEAD_MS;
  const found: { path: (string | number)[]; text: Text }[] = [];
  for (const { path, value } of instantsIn(args.schema, args.value, [])) {
    if (toMs(value) > latest) {
      const name = [...path].reverse().find((p) => typeof p === "string") ?? "The date";
      found.push({
        path,
        text: text("schema.dateHorizon", { field: String(name), years: 10, latest: fromMs(latest) }),
      });
    }
  }
  return found;
}

function* instantsIn(
  schema: z.ZodMiniType,
  value: unknown,
  path: (string | number)[],
): Generator<{ path: (string | number)[]; value: Instant }> {
  if (schema === InstantInput) {
    if (typeof value === "string") yield { path, value };
    return;
  }
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case "lazy":
      // An input schema built on first use: walk the schema it builds.
      yield* instantsIn((schema as z.ZodMiniLazy)._zod.innerType as z.ZodMiniType, value, path);
      return;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      yield* instantsIn(def.innerType as z.ZodMiniType, value, path);
      return;
    case "pipe": {
      // A transform keeps the shape it was given (ours only normalise); walk the schema that has one.
      const out = def.out as z.ZodMiniType;
      const side =
        (out as unknown as { _zod: { def: { type: string } } })._zod.def.type === "transform"
          ? (def.in as z.ZodMiniType)
          : out;
      yield* instantsIn(side, value, path);
      return;
    }
    case "object":
      if (value && typeof value === "object") {
        for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodMiniType>)) {
          yield* instantsIn(field, (value as Record<string, unknown>)[key], [...path, key]);
        }
      }
      return;
    case "array":
      if (Array.isArray(value))
        for (const [i, item] of value.entries()) yield* instantsIn(def.element as z.ZodMiniType, item, [...path, i]);
      return;
    case "union":
      for (const option of def.options as z.ZodMiniType[]) yield* instantsIn(option, value, path);
      return;
    default:
      return;
  }
}

/** IANA time zone such as `Asia/Shanghai`, as the runtime knows them. */
export const TimeZone = z.string().check(
  z.refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: says("schema.timeZoneUnknown", {}) },
  ),
);
