/**
 * The day the dates in `graphql/operations/*.variables.json` are written as of. Read as they stand, those dates pass:
 * an offer's `expiresAt` goes into the past and is refused, imported orders arrive already late. So the explorer
 * (and the test that runs the examples) moves every date-time in them by the whole days since this day: on any day,
 * the example offer expires in about a week and the imported orders are due to ship within two days, as written.
 */
export const EXAMPLES_WRITTEN_ON = "2026-11-27T00:00:00Z";

const DAY_MS = 86_400_000;

/** A JSON string holding an ISO 8601 date-time (not a bare date, nor an id or a key that contains one). */
const DATE_TIME_STRING = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))"/g;

/**
 * The text of an example's variables with each date-time moved by the whole days from `EXAMPLES_WRITTEN_ON` to `now`
 * (the time of day kept, so "08:30" stays 08:30 UTC). The text is edited in place, so the file's layout is served
 * as written.
 */
export function exampleVariablesOn(text: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(EXAMPLES_WRITTEN_ON)) / DAY_MS);
  return text.replace(DATE_TIME_STRING, (_, dateTime: string) => {
    const moved = new Date(Date.parse(dateTime) + days * DAY_MS).toISOString();
    return `"${moved.replace(".000Z", "Z")}"`;
  });
}
