import { Time } from "@seller-ops/core";

/**
 * The day the dates in `graphql/operations/*.variables.json` are written as of. Read as they stand, those dates pass:
 * an offer's `expiresAt` goes into the past and is refused, imported orders arrive already late. So the explorer
 * (and the test that runs the examples) moves every date in them by the whole days since this day: on any day, the
 * example offer expires in about a week and the imported orders are due to ship within two days, as written.
 */
export const EXAMPLES_WRITTEN_ON = "2026-11-27T00:00:00Z";

/**
 * What is moved: a JSON string holding a date-time (its date, group 1), and the date in an `idempotencyKey`. A key
 * holds its day so that, moved with the dates, the next day's request is a new one: under yesterday's key it would
 * be another input than the one the key answered, refused as `IDEMPOTENCY_KEY_REUSED`.
 */
const DATE_TIME_STRING = /"(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))"/g;
const IDEMPOTENCY_KEY = /("idempotencyKey"\s*:\s*")([^"]*)"/g;
const DATE = /\d{4}-\d{2}-\d{2}/g;

/**
 * The text of an example's variables with each date moved by the whole days from `EXAMPLES_WRITTEN_ON` to `now`: only
 * the date, so the time of day and its offset stay as written ("08:30+08:00" stays 08:30+08:00). A string that only
 * looks like a date (`2026-13-40`) is left as it is. The text is edited in place: the file's layout is served as
 * written.
 */
export function exampleVariablesOn(text: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(EXAMPLES_WRITTEN_ON)) / Time.DAY_MS);
  const move = (date: string) => movedDate(date, days);
  return text
    .replace(DATE_TIME_STRING, (_, date: string, time: string) => `"${move(date)}${time}"`)
    .replace(IDEMPOTENCY_KEY, (_, name: string, key: string) => `${name}${key.replace(DATE, move)}"`);
}

/** `date` (YYYY-MM-DD) `days` later on the calendar, or unchanged when it is no calendar date. */
function movedDate(date: string, days: number): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== date) return date;
  return new Date(at + days * Time.DAY_MS).toISOString().slice(0, 10);
}
