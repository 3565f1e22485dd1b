/**
 * Where every test clock that writes to DynamoDB starts.
 *
 * Tests inject their clock, but DynamoDB Local deletes an item whose TTL attribute (the
 * Idempotency table's `expiresAtEpoch`) lies in the *real* past within about a second, so a
 * clock fixed on a calendar day stops working the day after that day + 24 h. The start is
 * therefore taken from the real date, at a fixed time of day (12:00 UTC, 20:00 in Shanghai), so
 * that day boundaries in the sellers' time zones fall the same way on every run: `testEpoch()` is
 * today's date at 12:00 UTC, at most 12 h from the real now, so a record kept for 24 h under it
 * still expires at least 12 h in the real future.
 *
 * The day is read once per run (vitest.config.ts sets `TEST_EPOCH` for every worker), so a run that
 * crosses midnight UTC keeps one epoch: the real now then lies up to 12 h plus the run's length after
 * it, and records kept 24 h still expire in the real future.
 *
 * `TEST_EPOCH=YYYY-MM-DD` moves the day (to probe month and year ends); a day in the past makes
 * the TTL guard (`ttl-guard.ts`) fail the tests that write under it, as it should.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Today (or `TEST_EPOCH`) at 12:00 UTC. */
export function testEpoch(): Date {
  const day = process.env.TEST_EPOCH ?? new Date().toISOString().slice(0, 10);
  const epoch = new Date(`${day}T12:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(epoch.getTime()))
    throw new Error(`TEST_EPOCH must be a day (YYYY-MM-DD), not ${day}`);
  return epoch;
}

/** An instant `hours` after the test epoch (negative: before it). */
export function epochPlus(hours: number): Date {
  return new Date(testEpoch().getTime() + hours * HOUR);
}
