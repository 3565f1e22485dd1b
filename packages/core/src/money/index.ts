import * as z from "zod/mini";
import { says } from "../i18n/schema-text";
import { type AmountOverflowWhat, type Text, text } from "../i18n/texts";

/**
 * Money is an integer amount in the currency's minor units plus an ISO 4217 code: never a float.
 * Both the list of currencies (`CURRENCIES`) and their minor digits (`minorDigits`) are ISO 4217's, pinned
 * here, never the runtime's ICU data.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * The currencies an amount may be in: ISO 4217 List One's currencies in use on 2026-12-06, without its funds
 * (BOV, CLF, USN…), metals, units of account (XDR, XSU, XAD) and testing codes, which no buyer pays in.
 * Pinned rather than read from `Intl.supportedValuesOf("currency")`, which depends on the runtime's ICU data
 * (so a Node update could change what is accepted) and still lists withdrawn currencies: the Croatian kuna
 * (HRK, replaced by the euro in 2023), the Bulgarian lev (BGN, the euro in 2026), the Zimbabwe dollar (ZWL, by
 * ZWG in 2024), the Netherlands Antillean guilder (ANG, by XCG in 2025), the convertible peso (CUC, withdrawn
 * in 2021) and the old leone (SLL, by SLE); and it lacks Venezuela's VED. When ISO adds or withdraws one, the
 * change is made here, with a line in CHANGELOG.md. Only a new record's currency is checked against this list
 * (`CurrencyCode`): records kept in a currency since withdrawn are read, shown and acted on in it (`MoneyInput`).
 */
export const CURRENCIES: ReadonlySet<string> = new Set(
  (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF " +
    "CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ " +
    "GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP " +
    "LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR " +
    "PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC " +
    "SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF " +
    "XPF YER ZAR ZMW ZWG"
  ).split(" "),
);

/** A currency an amount may be in (`CURRENCIES`): upper case, as ISO 4217 writes it. */
export function isCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/**
 * ISO 4217's minor units where they are not 2 (List One, the "Minor unit" column). ICU's are display digits
 * (CLDR), and differ for 17 currencies of its list: 0 for IDR, HUF, COP, PKR, IQD and others, which ISO gives 2
 * (3 for IQD). Amounts are stored as integers, so the digits say what a stored number means: taken from ICU, an
 * IDR amount in sen read 100 times too large, and a change in the runtime's ICU data would rescale stored
 * amounts.
 */
const ISO_MINOR_DIGITS: Readonly<Record<string, number>> = {
  ...digitsOf(0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
  ...digitsOf(3, "BHD IQD JOD KWD LYD OMR TND"),
  ...digitsOf(4, "CLF UYW"),
};

function digitsOf(digits: number, codes: string): Record<string, number> {
  return Object.fromEntries(codes.split(" ").map((code) => [code, digits]));
}

// Building an Intl.NumberFormat costs far more than using one: keep one per currency and locale.
const formatters = new Map<string, Intl.NumberFormat>();

/** Digits after the decimal point, ISO 4217's: 2 for CNY, USD and IDR, 0 for JPY and KRW, 3 for KWD and IQD. */
export function minorDigits(currency: string): number {
  return ISO_MINOR_DIGITS[currency] ?? 2;
}

/**
 * Largest amount we accept or compute: 2^53 − 1 minor units, the largest integer a JSON number
 * (and a JavaScript client) holds exactly. IDR 25,000,000.00 is 2.5 × 10^9 minor units, so the
 * old 32-bit ceiling was reachable by everyday orders; this one is not reachable by any real one.
 */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

/**
 * A computation on amounts left the exact range: an explicit failure instead of a wrong number.
 * The API answers it as the error code `AMOUNT_OVERFLOW`, with `text` in the caller's language; the
 * message is for the logs.
 */
export class AmountOverflow extends Error {
  override readonly name = "AmountOverflow";
  readonly text: Text;
  constructor(what: AmountOverflowWhat, value: bigint | number | null = null, day: string | null = null) {
    super(`Amount overflow (${what})${value === null ? "" : `: ${value}`}${day === null ? "" : ` on ${day}`}.`);
    this.text = text("error.amountOverflow", { what, value: value === null ? null : String(value), day });
  }
}

function checked(value: bigint, what: "sum" | "scaled"): number {
  if (value > BigInt(MAX_AMOUNT_MINOR) || value < -BigInt(MAX_AMOUNT_MINOR)) throw new AmountOverflow(what, value);
  return Number(value);
}

function exact(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new AmountOverflow("inexact", value);
  return BigInt(value);
}

/**
 * The one way to add amounts (daily counters, term sales, refunded totals, caps): exact, and an
 * `AmountOverflow` when the total leaves ±(2^53 − 1), never a rounded number.
 * @example addMinor(2_147_483_647, 1) // 2_147_483_648
 */
export function addMinor(...values: number[]): number {
  let total = 0n;
  for (const value of values) total += exact(value);
  return checked(total, "sum");
}

/** The exact sum of a list of amounts (see `addMinor`). */
export function sumMinor(values: Iterable<number>): number {
  return addMinor(...values);
}

/**
 * The exact sum of amounts that may add up past 2^53 − 1 (a deposit term's sales over many days): a BigInt, never an
 * overflow. An amount read back exactly past that range (a counter DynamoDB added) may be given as a BigInt; a number
 * that is not a safe integer is still an `AmountOverflow` ("inexact"). Send the result with `atMostMax`.
 * @example sumExact([9_007_199_254_740_991, 9_007_199_254_740_991]) // 18_014_398_509_481_982n
 */
export function sumExact(values: Iterable<number | bigint>): bigint {
  let total = 0n;
  for (const value of values) total += typeof value === "bigint" ? value : exact(value);
  return total;
}

/**
 * An exact total (`sumExact`) as an amount can be sent: itself while it is at most 2^53 − 1 minor units, that largest
 * exact amount otherwise, with `beyond` saying the total is larger (the reader is told "more than"). A floor the
 * caller states as one, never a rounded number; only for a figure reported, not one to compute with. Negative
 * totals are for the caller to clamp first.
 * @example atMostMax(18_014_398_509_481_982n) // { amountMinor: 9_007_199_254_740_991, beyond: true }
 */
export function atMostMax(total: bigint): { amountMinor: number; beyond: boolean } {
  const beyond = total > BigInt(MAX_AMOUNT_MINOR);
  return { amountMinor: beyond ? MAX_AMOUNT_MINOR : checked(total, "sum"), beyond };
}

/**
 * `amount × numerator ÷ denominator` computed exactly (the product of two large amounts is beyond
 * a double's precision), then rounded: `"half-up"` like Math.round for non-negative values,
 * `"down"` toward zero like Math.floor. Used for percentage caps and pro-rata conversions.
 * @example scaleMinor({ amountMinor: 9_007_199_254_740_991, numerator: 30, denominator: 100, rounding: "down" })
 */
export function scaleMinor(args: {
  amountMinor: number;
  numerator: number;
  denominator: number;
  rounding: "half-up" | "down";
}): number {
  const amount = exact(args.amountMinor);
  const numerator = exact(args.numerator);
  const denominator = exact(args.denominator);
  if (denominator === 0n) throw new RangeError("Cannot scale by a zero denominator.");
  const product = amount * numerator;
  const negative = product < 0n !== denominator < 0n;
  const [p, d] = [product < 0n ? -product : product, denominator < 0n ? -denominator : denominator];
  let quotient = p / d;
  if (args.rounding === "half-up" && (p % d) * 2n >= d) quotient += 1n;
  return checked(negative ? -quotient : quotient, "scaled");
}

/**
 * Human-readable amount, e.g. `CN¥10,000.00`.
 * @example format({ amountMinor: 1000000, currency: "CNY" }) // "CN¥10,000.00"
 */
export function format(money: Money, locale = "en-US"): string {
  const digits = minorDigits(money.currency);
  const key = `${locale}|${money.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  // A decimal string, not amountMinor / 10^digits: the division rounds large amounts (2^53 − 1 fen
  // would print as …409.90), while Intl formats a numeric string exactly.
  return formatter.format(decimalString(money.amountMinor, digits));
}

/** `amountMinor` with the decimal point put in by digits, exactly: decimalString(-5, 2) → "-0.05". */
export function decimalString(amountMinor: number, digits: number): `${number}` {
  const value = exact(amountMinor);
  const sign = value < 0n ? "-" : "";
  const units = (value < 0n ? -value : value).toString().padStart(digits + 1, "0");
  return (
    digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`
  ) as `${number}`;
}

/**
 * A currency a new record is kept in (an order's buyerTotal, a new seller's settlement currency): one in use
 * (`CURRENCIES`).
 */
export const CurrencyCode = z
  .string()
  .check(
    z.regex(/^[A-Z]{3}$/, says("schema.currencyCode", {})),
    z.refine(isCurrency, { message: says("schema.currencyUnknown", {}) }),
  );

/**
 * The currency of an amount that the verb compares with a currency on record (the order's, the deposit's, the
 * seller's settlement currency): only its shape is checked here, and any other currency than the record's is a
 * CURRENCY_MISMATCH naming the one to use. Not `CurrencyCode`: a record kept in a currency since withdrawn (an order
 * paid in BGN in 2025, a seller settled in HRK) must still take its refunds, offers and deposit decisions.
 */
const CurrencyOnRecord = z.string().check(z.regex(/^[A-Z]{3}$/, says("schema.currencyCode", {})));

/**
 * An amount as a client sends it: a whole number of minor units from 0 to 2^53 − 1. Anything
 * above is refused rather than trusted, because a JSON number past 2^53 may already have been
 * rounded by the parser (9007199254740993 arrives as 9007199254740992).
 */
export const MinorUnits = z.number(says("schema.amountNumber", {})).check(
  z.superRefine((value, ctx) => {
    const problem = !Number.isInteger(value)
      ? says("schema.amountInteger", {})
      : value < 0
        ? says("schema.amountNegative", {})
        : value > MAX_AMOUNT_MINOR
          ? says("schema.amountTooBig", { max: MAX_AMOUNT_MINOR })
          : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

/** Money as stored in items and returned by core: parsed, not validated again (the input was). */
export const StoredMoney = z.object({ amountMinor: z.number().check(z.int()), currency: z.string() });

/** An amount in a currency on record, which the verb compares (`CurrencyOnRecord`). */
export const MoneyInput = z.strictObject({
  amountMinor: MinorUnits,
  currency: CurrencyOnRecord,
});

/** An amount that sets the currency of a new record (an order's buyerTotal): a currency in use (`CurrencyCode`). */
export const NewMoneyInput = z.strictObject({
  amountMinor: MinorUnits,
  currency: CurrencyCode,
});
