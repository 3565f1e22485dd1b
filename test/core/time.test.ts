import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Time } from "@seller-ops/core";

/** Year 0000 to 9999: every instant `toISOString` writes with four digits. */
const instantMs = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
/** Years 0000–0099, which Date.UTC would read as 1900–1999. */
const years0To99 = fc.integer({ min: -62_167_219_200_000, max: -59_011_459_200_001 });
/** This century, where stored instants are. */
const recent = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

describe("Time.toMs", () => {
  it("reads every instant as Date.parse does, the stored form (read digit by digit) and any other", () => {
    fc.assert(
      fc.property(fc.oneof(instantMs, years0To99, recent), (ms) => {
        const stored = new Date(ms).toISOString();
        expect(Time.toMs(stored)).toBe(Date.parse(stored));
        expect(Time.toMs(stored)).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it("leaves anything not exactly in the stored form to Date.parse, impossible dates and offsets included", () => {
    const odd = [
      "2026-02-30T10:00:00.000Z",
      "2026-02-29T10:00:00.000Z",
      "2026-13-01T10:00:00.000Z",
      "2026-11-30T24:00:00.000Z",
      "2026-11-30T10:60:00.000Z",
      "2026-11-3aT10:00:00.000Z",
      "0050-06-01T00:00:00.000Z",
      "2026-11-30T10:00:00.000+08:00",
      "2026-11-30T10:00:00Z",
      "2026-11-30",
      "",
      "not a date at all, 24 ch",
    ];
    for (const s of odd) expect(Object.is(Time.toMs(s), Date.parse(s)), s).toBe(true);
    // A type hole (a field missing from an old stored item) reads as Date.parse reads it, NaN, not a TypeError.
    for (const hole of [undefined, null]) expect(Time.toMs(hole as unknown as string)).toBeNaN();
    fc.assert(
      fc.property(fc.oneof(instantMs, recent), fc.nat(23), fc.constantFrom(..."0123456789-:.TZ+ x"), (ms, at, ch) => {
        const s = new Date(ms).toISOString();
        const changed = s.slice(0, at) + ch + s.slice(at + 1);
        expect(Object.is(Time.toMs(changed), Date.parse(changed)), changed).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("Time.addDays", () => {
  it.each([
    ["2026-03-01", -1, "2026-02-28"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -365, "2026-01-01"],
    ["2026-11-30", -59, "2026-10-02"],
    ["2026-03-08", 0, "2026-03-08"],
  ])("%s moved by %i days is %s, on the calendar", (day, delta, expected) => {
    expect(Time.addDays(day, delta)).toBe(expected);
  });
});

describe("Time.daysBetween", () => {
  it("counts the calendar days addDays steps, either way", () => {
    expect(Time.daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(Time.daysBetween("2028-02-27", "2028-03-01")).toBe(3);
    expect(Time.daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(Time.daysBetween("2026-03-08", "2026-03-08")).toBe(0);
    expect(Time.daysBetween("2026-11-30", "2026-10-02")).toBe(-59);
    fc.assert(
      fc.property(fc.integer({ min: -4000, max: 4000 }), (delta) => {
        expect(Time.daysBetween("2026-10-25", Time.addDays("2026-10-25", delta))).toBe(delta);
      }),
    );
  });
});

describe("Time.InstantInput's UTC offsets", () => {
  it.each(["+14:00", "-14:00", "+05:45", "-09:30", "+00:00"])("accepts %s", (offset) => {
    expect(Time.InstantInput.safeParse(`2026-11-26T09:00:00${offset}`).success).toBe(true);
  });

  // No zone is further than 14 hours from UTC (docs/using-the-api.md: "no offset beyond ±14:00").
  it.each(["+14:30", "-14:59", "+15:00", "+05:60"])("refuses %s", (offset) => {
    expect(Time.InstantInput.safeParse(`2026-11-26T09:00:00${offset}`).success).toBe(false);
  });
});
