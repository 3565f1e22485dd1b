import { describe, expect, it } from "vitest";
import { Geo } from "@seller-ops/core";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const COUNTRIES = [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b)).filter(Geo.isCountryCode);

/** A region's zones as this runtime's data lists them (a getter on older V8, a method on newer). */
function zonesOf(country: string): string[] {
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & {
    getTimeZones?: () => string[];
    timeZones?: string[];
  };
  return (locale.getTimeZones ? locale.getTimeZones() : locale.timeZones) ?? [];
}

/** What a zone's clock reads against UTC in winter and in summer: two zones that differ here name different days. */
function clockOf(zone: string): string {
  return ["2026-01-15T12:00:00Z", "2026-07-15T12:00:00Z"]
    .map(
      (at) =>
        new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" })
          .formatToParts(new Date(at))
          .find((p) => p.type === "timeZoneName")!.value,
    )
    .join("/");
}

/** A zone's canonical name in this runtime (`Europe/Kyiv` may be listed as `Europe/Kiev`). */
const canonical = (zone: string) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;

describe("the time zone a buyer's day is named in", () => {
  it("every country whose zones keep different clocks has its principal zone, one of its own", () => {
    const split = COUNTRIES.filter((c) => new Set(zonesOf(c).map(clockOf)).size > 1);
    // The runtime's data has split some two dozen countries (the US, Russia, Brazil, Australia…): if it finds none,
    // the check below checks nothing.
    expect(split.length).toBeGreaterThan(15);
    for (const country of split) {
      expect(Geo.PRINCIPAL_TIME_ZONES[country], `${country} has zones ${zonesOf(country).join(", ")}`).toBeDefined();
    }
    for (const [country, zone] of Object.entries(Geo.PRINCIPAL_TIME_ZONES)) {
      expect(zonesOf(country).map(canonical), country).toContain(canonical(zone));
    }
  });

  it("a country of one clock is that clock; a region with none is UTC", () => {
    expect(Geo.buyerTimeZone("JP")).toBe("Asia/Tokyo");
    expect(Geo.buyerTimeZone("DE")).toBe("Europe/Berlin");
    expect(Geo.buyerTimeZone("US")).toBe("America/New_York");
    expect(Geo.buyerTimeZone("BV")).toBe("UTC");
    for (const country of COUNTRIES) expect(() => canonical(Geo.buyerTimeZone(country)), country).not.toThrow();
  });
});
