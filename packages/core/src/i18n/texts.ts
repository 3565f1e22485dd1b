import type { Money } from "../money";
import type { IncidentCause } from "../orders/shapes";
import type { Instant } from "../time";
import type { Formats } from "./formats";

/**
 * Every seller-facing sentence, by key, with the figures it is built from. Core decides and
 * returns `Text` values (a key and its parameters, no language); the API writes them in the
 * reader's language with `render`. A key's parameters are typed here, once, and each language's
 * catalog (`en.ts`, `zh-CN.ts`) must write every key: a missing one is a type error, and
 * `test/core/texts.test.ts` walks every key in every language.
 *
 * Parameters hold figures as data (`Money`, `Instant`, numbers), never preformatted strings, so
 * each language formats them its own way and the catalog test can check that the sentence shows
 * the same figures as the structured fields next to it.
 */
export interface TextParams {
  // Remedy plans (core/src/remedies): one instruction per step.
  "remedy.contactBuyer": { cause: IncidentCause };
  "remedy.expedite": { shipBy: Instant; expedited: boolean };
  "remedy.offerCompensation": { kind: CompensationKindWord; amount: Money; percent: number };
  "remedy.goodwillGesture": { kind: CompensationKindWord; amount: Money; percent: number };
  "remedy.platformSupportTicket": Record<string, never>;

  // userErrors any mutation can answer (core/src/errors, core/src/inputs, the mutation pipeline).
  "error.versionConflict": { expected: number; current: number };
  "error.notFound": { what: NotFoundWhat };
  "error.idempotencyKeyReused": Record<string, never>;
  "error.idempotencyInProgress": Record<string, never>;
  "error.duplicateSeller": { sellerId: string };
  // Input issues no schema worded itself (core/src/errors humanText). `field` is the input path
  // as the client wrote it (`items[0].sku`), never translated; null for the input as a whole.
  "input.required": { field: string | null };
  "input.wrongType": { field: string | null; expected: ExpectedKind };
  "input.wrongTypeNamed": { field: string | null; type: string };
  "input.empty": { field: string | null };
  "input.tooShort": { field: string | null; min: number };
  "input.tooLong": { field: string | null; max: number };
  "input.tooFewEntries": { field: string | null; min: number };
  "input.tooManyEntries": { field: string | null; max: number };
  "input.tooSmall": { field: string | null; min: number; inclusive: boolean };
  "input.tooBig": { field: string | null; max: number; inclusive: boolean };
  "input.oneOf": { field: string | null; values: string[] };
  "input.unknownFields": { field: string | null; keys: string[] };
  "input.invalidFormat": { field: string | null; format: string };
  "input.notMultipleOf": { field: string | null; divisor: number };
  "input.invalid": { field: string | null };
}

/** What a NOT_FOUND names. */
export type NotFoundWhat = "order" | "case" | "seller" | "deposit" | "refundApplication" | "apiKey";

/** The kind of value an input field expects, in words. */
export type ExpectedKind = "text" | "number" | "wholeNumber" | "boolean" | "object" | "list" | "date";

/** The compensation kinds a remedy step suggests, as the remedy plan names them. */
export type CompensationKindWord = "COUPON" | "DISCOUNT" | "PARTIAL_REFUND" | "GIFT" | "FREE_SHIPPING";

export type TextKey = keyof TextParams;

/** A sentence not yet written in any language: its key and its figures. */
export type Text = { [K in TextKey]: { key: K; params: TextParams[K] } }[TextKey];

/** Builds a `Text`, checking the parameters against the key. */
export function text<K extends TextKey>(key: K, params: TextParams[K]): Text {
  return { key, params } as Text;
}

/** One language's sentences: a writer for every key (a missing key is a type error). */
export type Catalog = { [K in TextKey]: (params: TextParams[K], f: Formats) => string };
