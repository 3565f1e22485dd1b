import { describe, expect, it } from "vitest";
import { Compensation, Deposits, Errors, Money, Stats } from "@seller-ops/core";

/**
 * Amounts are exact from 0 to 2^53 − 1 minor units: parsed, added, scaled and formatted without
 * rounding, and any sum that would leave that range is an explicit AmountOverflow.
 */

const MAX = 2 ** 53 - 1;
const NOW = { now: "2026-11-26T00:00:00.000Z" };
/** An amount that sets a new record's currency (an order's buyerTotal). */
const parse = (amountMinor: number, currency = "CNY") =>
  Errors.parseInput(Money.NewMoneyInput, { amountMinor, currency }, NOW);
/** An amount the verb compares with a currency on record (a refund, an offer, a deposit). */
const parseOnRecord = (amountMinor: number, currency: string) =>
  Errors.parseInput(Money.MoneyInput, { amountMinor, currency }, NOW);

describe("an amount as input", () => {
  it("accepts 2^31 and 2^53 − 1 minor units and refuses 2^53 naming amountMinor", () => {
    expect(parse(2 ** 31)).toEqual({ ok: true, value: { amountMinor: 2 ** 31, currency: "CNY" } });
    expect(parse(MAX)).toEqual({ ok: true, value: { amountMinor: MAX, currency: "CNY" } });
    const refused = parse(2 ** 53);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "amountMinor"] }),
    ]);
    expect(refused.errors[0]!.message).toMatch(/9007199254740991/);
  });

  it("refuses fractions and negatives", () => {
    expect(parse(10.5).ok).toBe(false);
    expect(parse(-1).ok).toBe(false);
  });

  it("accepts the ISO 4217 currencies in use and refuses others, naming currency", () => {
    for (const code of ["CNY", "USD", "JPY", "KWD", "VED", "ZWG", "XCG", "SLE"])
      expect(parse(100, code).ok, code).toBe(true);
    // Unknown codes, and withdrawn currencies the runtime's ICU data still lists (kuna, lev, Zimbabwe dollar,
    // Antillean guilder, convertible peso, old leone): an order placed today is never paid in one.
    for (const code of ["XYZ", "ABC", "HRK", "BGN", "ZWL", "ANG", "CUC", "SLL"]) {
      const refused = parse(100, code);
      expect(refused.ok, code).toBe(false);
      if (refused.ok) continue;
      expect(refused.errors).toEqual([
        expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "currency"] }),
      ]);
    }
    expect(Money.isCurrency("EUR")).toBe(true);
    expect(Money.isCurrency("eur")).toBe(false);
  });

  it("on record, only the code's shape is checked: a record in a withdrawn currency still takes amounts", () => {
    // The verb compares the currency with the order's, deposit's or seller's (CURRENCY_MISMATCH): an order paid in
    // BGN before the euro is refunded in BGN.
    for (const code of ["BGN", "HRK", "CNY", "XYZ"]) expect(parseOnRecord(100, code).ok, code).toBe(true);
    for (const code of ["bgn", "BG", "BGNX", ""]) {
      const refused = parseOnRecord(100, code);
      expect(refused.ok, code).toBe(false);
      if (refused.ok) continue;
      expect(refused.errors).toEqual([
        expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "currency"] }),
      ]);
    }
    expect(parseOnRecord(2 ** 53, "BGN").ok).toBe(false);
  });

  it("keeps its own currency list, whatever the runtime's ICU data says", () => {
    // Pinned: the same on every Node the service runs on. Every code is a well-formed one Intl can format, and
    // each differs from the runtime's list only as CURRENCIES' comment says.
    expect(Money.CURRENCIES.size).toBe(155);
    const icu = new Set(Intl.supportedValuesOf("currency"));
    const onlyHere = [...Money.CURRENCIES].filter((code) => !icu.has(code));
    // A later ICU may learn VED; it may not add codes of its own to what is accepted.
    expect(onlyHere.filter((code) => code !== "VED")).toEqual([]);
    for (const code of Money.CURRENCIES) {
      expect(code, code).toMatch(/^[A-Z]{3}$/);
      expect(Money.format({ amountMinor: 150, currency: code }), code).toMatch(/1/);
    }
  });
});

describe("formatting", () => {
  it("prints the largest amount exactly in JPY (0 decimals), CNY (2) and KWD (3)", () => {
    expect(Money.format({ amountMinor: MAX, currency: "JPY" })).toBe("¥9,007,199,254,740,991");
    expect(Money.format({ amountMinor: MAX, currency: "CNY" })).toBe("CN¥90,071,992,547,409.91");
    expect(Money.format({ amountMinor: MAX, currency: "KWD" })).toBe("KWD\u00a09,007,199,254,740.991");
  });

  it("prints small and 32-bit-crossing amounts with their minor digits", () => {
    expect(Money.format({ amountMinor: 5, currency: "KWD" })).toBe("KWD\u00a00.005");
    expect(Money.format({ amountMinor: 2 ** 31, currency: "CNY" })).toBe("CN¥21,474,836.48");
    expect(Money.format({ amountMinor: 500, currency: "JPY" })).toBe("¥500");
  });

  it("reads minor units as ISO 4217 counts them, not as the runtime's display digits", () => {
    // ICU shows IDR, HUF, COP and PKR without decimals and IQD with none: as stored integers those would read
    // 100 (IQD: 1,000) times too large.
    expect(Money.format({ amountMinor: 2_500_000_000, currency: "IDR" })).toBe("IDR\u00a025,000,000.00");
    expect(Money.format({ amountMinor: 123_456, currency: "HUF" })).toBe("HUF\u00a01,234.56");
    expect(Money.format({ amountMinor: 5, currency: "IQD" })).toBe("IQD\u00a00.005");
    expect(["IDR", "HUF", "COP", "PKR", "IQD", "JPY", "KRW", "CLF"].map(Money.minorDigits)).toEqual([
      2, 2, 2, 2, 3, 0, 0, 4,
    ]);
    // Codes without minor units (special drawing rights, gold, testing) are no settlement currency.
    for (const code of ["XDR", "XAU", "XTS", "XXX"]) expect(Money.isCurrency(code), code).toBe(false);
  });
});

describe("sums", () => {
  it("add exactly past 2^31 and up to 2^53 − 1", () => {
    expect(Money.addMinor(2 ** 31 - 1, 1)).toBe(2 ** 31);
    expect(Money.sumMinor([MAX - 2, 1, 1])).toBe(MAX);
  });

  it("past 2^53 − 1 are an AmountOverflow, never a rounded number", () => {
    expect(() => Money.addMinor(MAX, 1)).toThrow(Money.AmountOverflow);
    expect(() => Money.sumMinor([MAX, MAX])).toThrow(Money.AmountOverflow);
    expect(() => Stats.sum([{ settledSalesMinor: MAX }, { settledSalesMinor: 1 }])).toThrow(Money.AmountOverflow);
  });

  it("scale large amounts exactly (percentage caps, pro-rata refunds)", () => {
    // 30% of 2^53 − 1, rounded down: a double product would be off.
    expect(Money.scaleMinor({ amountMinor: MAX, numerator: 30, denominator: 100, rounding: "down" })).toBe(
      2_702_159_776_422_297,
    );
    expect(Money.scaleMinor({ amountMinor: 5, numerator: 1, denominator: 2, rounding: "half-up" })).toBe(3);
    const order = {
      buyerTotal: { amountMinor: MAX, currency: "IDR" },
      settlementAmount: { amountMinor: MAX - 1, currency: "CNY" },
    };
    expect(Stats.refundInSettlement(order, MAX)).toBe(MAX - 1);
  });

  it("compensation caps and what is left to refund stay exact on the largest order", () => {
    const order = {
      buyerTotal: { amountMinor: MAX, currency: "IDR" },
      refundedMinor: 2 ** 52,
      compensatedMinor: 1,
      status: "DELIVERED" as const,
      heldForReturns: {},
    };
    expect(Compensation.refundableMinor(order)).toBe(MAX - 2 ** 52);
    expect(Compensation.goodwillLeftMinor(order)).toBe(MAX - 2 ** 52 - 1);
  });
});

describe("a deposit term's sales summed past 2^31", () => {
  it("reads as the exact total; a total past 2^53 − 1 is sent as that amount, 'more than', never rounded", () => {
    const recorded = Deposits.record({
      id: "d1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      now: "2026-01-05T00:00:00.000Z",
      input: {
        kind: "LIMITED_TERM",
        amount: { amountMinor: 1_000_000, currency: "CNY" },
        paidAt: "2025-12-20T10:00:00+08:00",
        termStart: "2026-01-01T00:00:00+08:00",
        termEnd: "2027-01-01T00:00:00+08:00",
        salesTarget: { amountMinor: 3_000_000_000, currency: "CNY" },
      },
    });
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
    const assess = (salesByDay: Record<string, number>) =>
      Deposits.eligibility({
        deposit: recorded.value,
        violations: [],
        salesByDay,
        qualityDisputesLostInTerm: 0,
        now: "2026-06-15T04:00:00.000Z",
        timeZone: "Asia/Shanghai",
      });
    const read = assess({ "2026-03-01": 1_100_025_810, "2026-04-01": 1_100_025_810 });
    expect(read.progress.salesToDate).toEqual({ amountMinor: 2_200_051_620, currency: "CNY" });
    const past = assess({ "2026-03-01": MAX, "2026-04-01": 1 });
    expect(past.progress.salesToDate).toEqual({ amountMinor: MAX, currency: "CNY" });
    expect(past.progress.salesBasis).toContain("more than CN¥90,071,992,547,409.91");
    expect(past.recommendation).toBe("REFUND_IN_FULL");
    // A counter that is not an exact integer is never summed.
    expect(() => assess({ "2026-03-01": MAX + 2, "2026-04-01": 1 })).toThrow(Money.AmountOverflow);
  });

  it("sums exactly past the range, and sends at most the largest exact amount, saying when it is beyond", () => {
    expect(Money.sumExact([MAX, MAX, 2n])).toBe(2n * BigInt(MAX) + 2n);
    expect(Money.atMostMax(BigInt(MAX))).toEqual({ amountMinor: MAX, beyond: false });
    expect(Money.atMostMax(BigInt(MAX) + 1n)).toEqual({ amountMinor: MAX, beyond: true });
    expect(() => Money.sumExact([0.5])).toThrow(Money.AmountOverflow);
  });
});
