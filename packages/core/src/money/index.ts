import { z } from "zod";

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

/** Digits after the decimal point: 2 for CNY and USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Largest amount we accept: far above any order, far below Number.MAX_SAFE_INTEGER and GraphQL's Int. */
export const MAX_AMOUNT_MINOR = 2_000_000_000;

/**
 * Human-readable amount, e.g. `CN¥10,000.00`.
 * @example format({ amountMinor: 1000000, currency: "CNY" }) // "CN¥10,000.00"
 */
export function format(money: Money, locale = "en-US"): string {
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amountMinor / 10 ** digits);
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
