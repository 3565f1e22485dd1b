import * as z from "zod";
import { instantsBeyondHorizon, type Instant } from "../time";

/**
 * Expected failures are values, not exceptions: every mutation answers them as `userErrors`.
 * The codes are the GraphQL `ErrorCode` enum, so they are stable across layers.
 */
export const ERROR_CODES = [
  "INVALID_INPUT",
  "NOT_FOUND",
  "DUPLICATE_ORDER",
  "INVALID_TRANSITION",
  "VERSION_CONFLICT",
  "CURRENCY_MISMATCH",
  "IDEMPOTENCY_KEY_REUSED",
  "IDEMPOTENCY_IN_PROGRESS",
  "AMOUNT_ABOVE_POLICY",
  "OFFER_EXPIRED",
  // A list that grows with use is at its cap (the message names the cap).
  "LIMIT_REACHED",
  // The order already has its one late-shipment case (the message names it).
  "DUPLICATE_CASE",
  // createSeller: a seller with this id exists.
  "DUPLICATE_SELLER",
  // Seller deposits (core/src/deposits).
  "MISSING_DOCUMENTS",
  "NOT_ELIGIBLE",
  "APPLICATION_ALREADY_OPEN",
  "AMOUNT_ABOVE_DEPOSIT",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface UserError {
  /** Path to the offending input field, starting at the mutation argument (`["input", "total", "amountMinor"]`); null when no one field is to blame. */
  field: string[] | null;
  message: string;
  code: ErrorCode;
}

export function userError(code: ErrorCode, message: string, field: (string | number)[] | null = null): UserError {
  return { code, message, field: field ? field.map(String) : null };
}

/** A decision of the domain: the value, or the reasons it was refused. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (...errors: UserError[]): Result<never> => ({ ok: false, errors });

/**
 * Parses untrusted input with a zod schema; every issue becomes a userError whose field path
 * starts at `root` (the mutation argument name). Dates are bounded here too: the schema refuses
 * impossible ones and those before 2000, and `now` (the request's instant) sets the latest one.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, context: { now: Instant; root?: string }): Result<z.output<S>> {
  const root = context.root ?? "input";
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) =>
        userError("INVALID_INPUT", issue.message, [root, ...issue.path.map((p) => String(p))]),
      ),
    };
  }
  const beyond = instantsBeyondHorizon({ schema, value: parsed.data, now: context.now });
  if (beyond.length > 0) return { ok: false, errors: beyond.map((b) => userError("INVALID_INPUT", b.message, [root, ...b.path])) };
  return ok(parsed.data);
}
