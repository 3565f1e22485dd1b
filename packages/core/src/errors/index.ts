import type * as z from "zod";
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
  // A webhook endpoint URL breaks a rule (core/src/webhooks/endpoints.ts); the message names it.
  "WEBHOOK_URL_REFUSED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface UserError {
  /**
   * Path to the offending input field, starting at the mutation argument (`["input", "total", "amountMinor"]`); null
   * when no one field is to blame.
   */
  field: string[] | null;
  message: string;
  code: ErrorCode;
}

export function userError(code: ErrorCode, message: string, field: (string | number)[] | null = null): UserError {
  return { code, message, field: field ? field.map(String) : null };
}

/** A decision of the domain: the value, or the reasons it was refused. */
/** The `never` check of an exhaustive switch: a new enum member breaks the build, not production. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (...errors: UserError[]): Result<never> => ({ ok: false, errors });

/**
 * Parses untrusted input with a zod schema; every issue becomes a userError whose field path
 * starts at `root` (the mutation argument name). Dates are bounded here too: the schema refuses
 * impossible ones and those before 2000, and `now` (the request's instant) sets the latest one.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  context: { now: Instant; root?: string },
): Result<z.output<S>> {
  const root = context.root ?? "input";
  // Schema-level messages win; this map words every issue the schemas left to zod's defaults.
  const parsed = schema.safeParse(input, { error: (issue) => humanMessage(issue as Issue) });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) =>
        userError("INVALID_INPUT", namingTheField(issue.message, issue.path), [
          root,
          ...issue.path.map((p) => String(p)),
        ]),
      ),
    };
  }
  const beyond = instantsBeyondHorizon({ schema, value: parsed.data, now: context.now });
  if (beyond.length > 0)
    return { ok: false, errors: beyond.map((b) => userError("INVALID_INPUT", b.message, [root, ...b.path])) };
  return ok(parsed.data);
}

type Issue = z.core.$ZodRawIssue & {
  path?: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  origin?: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  format?: string;
};

/** `items[0].sku`: the field as a client wrote it, from the issue's path. */
function fieldName(path: readonly PropertyKey[] | undefined): string {
  if (!path || path.length === 0) return "The input";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
  nan: "a number",
};

/**
 * A sentence a person can act on for an issue a schema gave no message of its own: the field, and
 * the rule it broke. Never zod's wording ("Too small: expected string to have >=1 characters").
 * @example humanMessage({ code: "too_small", origin: "string", minimum: 1, path: ["supportTicketRef"] }) //
 * "supportTicketRef cannot be empty."
 */
export function humanMessage(issue: Issue): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return `${field} is required.`;
      return `${field} must be ${EXPECTED[issue.expected ?? ""] ?? `of type ${issue.expected}`}.`;
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string")
        return n <= 1 ? `${field} cannot be empty.` : `${field} must be at least ${n} characters long.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `${field} needs at least ${n} ${n === 1 ? "entry" : "entries"}.`;
      return issue.inclusive === false ? `${field} must be more than ${n}.` : `${field} must be at least ${n}.`;
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "string") return `${field} is at most ${n} characters long.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `${field} holds at most ${n} ${n === 1 ? "entry" : "entries"}.`;
      return issue.inclusive === false ? `${field} must be less than ${n}.` : `${field} must be at most ${n}.`;
    }
    case "invalid_value":
      return `${field} must be one of ${(issue.values ?? []).map(String).join(", ")}.`;
    case "unrecognized_keys": {
      const keys = issue.keys ?? [];
      return (
        `${keys.join(", ")} ${keys.length === 1 ? "is not a field" : "are not fields"} of ` +
        `${issue.path && issue.path.length > 0 ? field : "this input"}: remove ` +
        `${keys.length === 1 ? "it" : "them"}.`
      );
    }
    case "invalid_format":
      return `${field} is not a valid ${issue.format ?? "value"}.`;
    case "not_multiple_of":
      return `${field} must be a multiple of ${String((issue as { divisor?: unknown }).divisor)}.`;
    default:
      return `${field} is not valid here; see the field's description in the schema.`;
  }
}

/**
 * A schema's own message names the rule ("Dates are ISO 8601 with a time zone…"); when it does not
 * also name the field, the field leads: "shipBy: Dates are ISO 8601 with a time zone…".
 */
function namingTheField(message: string, path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((p): p is string => typeof p === "string");
  if (!last) return message;
  if (mentions(message, last)) return message;
  return `${fieldName(path)}: ${message}`;
}

/** Whether a sentence names a field: `shipBy`, "ship by", or its last word ("The note", "A tracking number"). */
export function mentions(message: string, field: string): boolean {
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const lastWord = words.split(" ").at(-1)!;
  const word = (w: string) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(message);
  return message.includes(field) || word(words) || (lastWord.length >= 3 && word(lastWord));
}
