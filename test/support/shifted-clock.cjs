/**
 * The suite run as on another day (`TEST_EPOCH=YYYY-MM-DD npm test`, to probe a month or year end before it comes).
 *
 * World clocks start at the test epoch (clock.ts), but the exported handlers, the deployed bundle the synthesis test
 * runs and the tools the tests start read the process clock, as in Lambda. With the epoch on another day the two
 * disagreed: fixtures placed on the epoch's day lay in the future of the real clock, and were refused. So every test
 * process, and every Node process they start (NODE_OPTIONS), has `Date` moved by the whole days from today to the
 * epoch's day (`TEST_CLOCK_SHIFT_MS`, set once per run by vitest.config.ts), keeping the real time of day.
 *
 * DynamoDB Local (Java) still deletes items on the real clock, so the TTL guard compares with `realNow()`; its answers'
 * `Date` header is moved by a proxy (shifted-date-proxy.ts), or the SDK would read days of clock skew and send failed
 * requests again.
 */
const shiftMs = Number(process.env.TEST_CLOCK_SHIFT_MS || 0);
const RealDate = globalThis.__realDate ?? Date;

function shiftedNow() {
  return RealDate.now() + shiftMs;
}

/** `Date` read on the shifted clock: `new Date()`, `Date()` and `Date.now()`; every other use as the real one. */
function ShiftedDate(...args) {
  if (!new.target) return new RealDate(shiftedNow()).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [shiftedNow()] : args, new.target);
}

if (shiftMs !== 0 && !globalThis.__realDate) {
  globalThis.__realDate = RealDate;
  ShiftedDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(ShiftedDate, RealDate); // Date.parse, Date.UTC
  ShiftedDate.now = shiftedNow;
  globalThis.Date = ShiftedDate;
}

/** The real clock's now in ms, whatever the shift. */
function realNow() {
  return RealDate.now();
}

/**
 * What a child Node process's environment needs for its clock to move as this one's, for a test that builds that
 * environment from scratch (the deployed bundle in the synthesis test); nothing on a run on today's date.
 */
function shiftedClockEnv() {
  // Only this preload: the child starts as the test built it, not with the run's other Node options.
  return shiftMs === 0 ? {} : { TEST_CLOCK_SHIFT_MS: String(shiftMs), NODE_OPTIONS: `--require "${__filename}"` };
}

module.exports = { realNow, shiftedClockEnv };
