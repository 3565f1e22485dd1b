import * as z from "zod";

/**
 * Money is an integer amount in the currency's minor units plus an ISO 4217 code: never a float.
 * The currency list and the number of minor digits come from the runtime's ICU data.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

const SUPPORTED = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return SUPPORTED.has(code);
}

// Building an Intl.NumberFormat costs far more than using one: keep one per currency and locale.
const digitsByCurrency = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point: 2 for CNY and USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Largest amount we accept: far above any order, far below Number.MAX_SAFE_INTEGER and GraphQL's Int. */
export const MAX_AMOUNT_MINOR = 2_000_000_000;

/**
 * Human-readable amount, e.g. `CN¥10,000.00`.
 * @example format({ amountMinor: 1000000, currency: "CNY" }) // "CN¥10,000.00"
 */
export function format(money: Money, locale = "en-US"): string {
  const digits = minorDigits(money.currency);
  const key = `${locale}|${money.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(key, formatter);
  }
  return formatter.format(money.amountMinor / 10 ** digits);
}

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "Currency must be an ISO 4217 code such as USD or CNY.")
  .refine(isCurrency, { message: "Unknown ISO 4217 currency code." });

export const MoneyInput = z.strictObject({
  amountMinor: z
    .number()
    .int("Amounts are integers in minor units (cents, fen).")
    .min(0, "Amounts cannot be negative.")
    .max(MAX_AMOUNT_MINOR, `Amounts cannot exceed ${MAX_AMOUNT_MINOR} minor units.`),
  currency: CurrencyCode,
});
