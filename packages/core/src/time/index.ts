import * as z from "zod";

/**
 * Time in the domain is an ISO 8601 UTC string (`2026-11-26T09:00:00.000Z`); `now` is always
 * passed in, so every rule can be tested at any instant.
 */
export type Instant = string;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function toMs(instant: Instant): number {
  return Date.parse(instant);
}

export function fromMs(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function addMs(instant: Instant, ms: number): Instant {
  return fromMs(toMs(instant) + ms);
}

/** Accepts ISO 8601 with an offset (`Z` or `+08:00`) and normalises it to UTC milliseconds. */
export const InstantInput = z
  .string()
  .max(40, "Dates are ISO 8601 strings such as 2026-11-26T09:00:00Z.")
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    "Dates are ISO 8601 with a time zone, such as 2026-11-26T09:00:00Z.",
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "Not a real calendar date." })
  .transform((s) => fromMs(Date.parse(s)));

/** IANA time zone such as `Asia/Shanghai`, as the runtime knows them. */
export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "Unknown IANA time zone." },
);
