import type * as z from "zod/mini";
import { english } from "../i18n";
import { says, saidText } from "../i18n/schema-text";
import { text, type ExpectedKind, type Text } from "../i18n/texts";
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
  // recordRemedy: the refund's reference is already on record as another refund (the message names it).
  "DUPLICATE_REFUND",
  // Seller deposits (core/src/deposits).
  "MISSING_DOCUMENTS",
  "NOT_ELIGIBLE",
  "APPLICATION_ALREADY_OPEN",
  "AMOUNT_ABOVE_DEPOSIT",
  // voidViolation: the violation was voided already (the message says when).
  "VIOLATION_ALREADY_VOIDED",
  // recordDeposit: the seller already has a deposit for this payment (the message names it).
  "DUPLICATE_DEPOSIT",
  // recordViolation: the seller already has this violation in force (the message names it).
  "DUPLICATE_VIOLATION",
  // A webhook endpoint URL breaks a rule (core/src/webhooks/endpoints.ts); the message names it.
  "WEBHOOK_URL_REFUSED",
  // withdrawInvalidTrackingReport: no report that the carrier does not know the order's number stands.
  "TRACKING_NOT_REPORTED_INVALID",
  // importOrders: one order would take one of the seller's totals past 2^53 − 1 minor units (createOrder fails whole).
  "AMOUNT_OVERFLOW",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface UserError {
  /**
   * Path to the offending input field, starting at the mutation argument (`["input", "total", "amountMinor"]`); null
   * when no one field is to blame.
   */
  field: string[] | null;
  /** In English (logs, tests); the API answers `text` in the reader's language. */
  message: string;
  code: ErrorCode;
  /**
   * The message as a text key and its figures, so the API can write it in the reader's language.
   * Optional only for answers stored before texts existed (an idempotent replay of an old refusal).
   */
  text?: Text;
}

/**
 * A refusal with a stable code and its message as a `Text` (`text("error.versionConflict", …)`),
 * which the API writes in the reader's language. There is no plain-string form: a refusal worded
 * only in English would be a refusal a Chinese reader cannot read.
 */
export function userError(code: ErrorCode, message: Text, field: (string | number)[] | null = null): UserError {
  const path = field ? field.map(String) : null;
  let written: string | undefined;
  return {
    code,
    // Written on first read, then kept: a refusal that is only probed (availableActions tries every
    // verb) or answered in another language never pays for its English sentence.
    get message() {
      written ??= english(message);
      return written;
    },
    field: path,
    text: message,
  };
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
export function parseInput<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  context: { now: Instant; root?: string },
): Result<z.output<S>> {
  const root = context.root ?? "input";
  // A schema's own message (`says(key, params)`) wins; this map words, as a text, every issue the
  // schemas left to zod's defaults, from the issue's kind and figures. Both come back as texts.
  // (zod/mini loads no locale: its own default is a bare "Invalid input", never in an answer.)
  const parsed = schema.safeParse(input, { error: (issue) => says(...keyed(humanText(issue as Issue))) });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = [root, ...issue.path.map((p) => String(p))];
        // A schema check written with a plain string would be English only: it is answered with the
        // generic sentence instead (test/core/schema-texts.test.ts finds such checks).
        const said = saidText(issue.message) ?? humanText({ code: "custom", path: issue.path } as Issue);
        return userError("INVALID_INPUT", namingTheField(said, issue.path), field);
      }),
    };
  }
  const beyond = instantsBeyondHorizon({ schema, value: parsed.data, now: context.now });
  if (beyond.length > 0)
    return { ok: false, errors: beyond.map((b) => userError("INVALID_INPUT", b.text, [root, ...b.path])) };
  return ok(parsed.data);
}

/**
 * The sentence of one issue of a parse that is not a mutation's input (a query's filter, a
 * maintenance command): the schema's own text, or the issue worded from its kind. Never the marked
 * string zod carries, never zod's own wording.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  return saidText(issue.message) ?? humanText(issue as unknown as Issue);
}

/** A text as `says` takes it. */
const keyed = (t: Text) => [t.key, t.params] as Parameters<typeof says>;

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

/** `items[0].sku`: the field as a client wrote it, from the issue's path; null for the input as a whole. */
function fieldName(path: readonly PropertyKey[] | undefined): string | null {
  if (!path || path.length === 0) return null;
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

const EXPECTED: Record<string, ExpectedKind> = {
  string: "text",
  number: "number",
  int: "wholeNumber",
  bigint: "wholeNumber",
  boolean: "boolean",
  object: "object",
  array: "list",
  date: "date",
  nan: "number",
};

/**
 * A sentence a person can act on for an issue a schema gave no message of its own: the field, and
 * the rule it broke, as a text in any language. Never zod's wording ("Too small: expected string
 * to have >=1 characters").
 * @example humanText({ code: "too_small", origin: "string", minimum: 1, path: ["supportTicketRef"] }) //
 * text("input.empty", { field: "supportTicketRef" })
 */
export function humanText(issue: Issue): Text {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined || issue.input === null) return text("input.required", { field });
      const expected = EXPECTED[issue.expected ?? ""];
      return expected
        ? text("input.wrongType", { field, expected })
        : text("input.wrongTypeNamed", { field, type: String(issue.expected) });
    }
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string")
        return n <= 1 ? text("input.empty", { field }) : text("input.tooShort", { field, min: n });
      if (issue.origin === "array" || issue.origin === "set") return text("input.tooFewEntries", { field, min: n });
      return text("input.tooSmall", { field, min: n, inclusive: issue.inclusive !== false });
    }
    case "too_big": {
      const n = Number(issue.maximum);
      if (issue.origin === "string") return text("input.tooLong", { field, max: n });
      if (issue.origin === "array" || issue.origin === "set") return text("input.tooManyEntries", { field, max: n });
      return text("input.tooBig", { field, max: n, inclusive: issue.inclusive !== false });
    }
    case "invalid_value":
      return text("input.oneOf", { field, values: (issue.values ?? []).map(String) });
    case "unrecognized_keys":
      return text("input.unknownFields", { field, keys: issue.keys ?? [] });
    case "invalid_format":
      return text("input.invalidFormat", { field, format: issue.format ?? "value" });
    case "not_multiple_of":
      return text("input.notMultipleOf", { field, divisor: Number((issue as { divisor?: unknown }).divisor) });
    default:
      return text("input.invalid", { field });
  }
}

/** The English sentence of `humanText`. */
export function humanMessage(issue: Issue): string {
  return english(humanText(issue));
}

/**
 * A schema's own message names the rule ("Dates are ISO 8601 with a time zone…"); when it does not
 * also name the field, the field leads: "shipBy: Dates are ISO 8601 with a time zone…" (decided on
 * the English, so every language names the field in the same cases).
 */
function namingTheField(said: Text, path: readonly PropertyKey[]): Text {
  const last = [...path].reverse().find((p): p is string => typeof p === "string");
  if (!last || mentions(english(said), last)) return said;
  return text("schema.aboutField", { field: fieldName(path) ?? last, text: said });
}

/** Whether a sentence names a field: `shipBy`, "ship by", or its last word ("The note", "A tracking number"). */
export function mentions(message: string, field: string): boolean {
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const lastWord = words.split(" ").at(-1)!;
  const word = (w: string) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(message);
  return message.includes(field) || word(words) || (lastWord.length >= 3 && word(lastWord));
}
