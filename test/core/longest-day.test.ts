import { describe, expect, it } from "vitest";
import { Time } from "@seller-ops/core";

/** A zone's offset from UTC at an instant, in ms, as the runtime's time-zone data has it. */
function offsetMs(format: Intl.DateTimeFormat, ms: number): number {
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")!.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m) throw new Error(`unreadable offset ${name}`);
  return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
}

describe("the longest day a seller's clock can have", () => {
  it("bounds every day of every zone the runtime knows, from 2026 to 2028", () => {
    // A day is 24 h less what its clock change adds to the offset: autumn's setback makes it longer. Offsets sampled
    // a day apart catch every change (no zone changes its clock twice in a day).
    let longest = { zone: "", ms: 0 };
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const format = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" });
      let before = offsetMs(format, Date.UTC(2026, 0, 1, 12));
      for (let ms = Date.UTC(2026, 0, 2, 12); ms < Date.UTC(2029, 0, 1); ms += Time.DAY_MS) {
        const after = offsetMs(format, ms);
        const day = Time.DAY_MS + before - after;
        if (day > longest.ms) longest = { zone, ms: day };
        before = after;
      }
    }
    expect(longest.ms, `${longest.zone}'s longest day`).toBeLessThanOrEqual(Time.LONGEST_DAY_MS);
    // Antarctica/Troll sets its clock back two hours each October: the bound is met there, not only in DST's hour.
    expect(longest.ms).toBeGreaterThan(Time.DAY_MS + Time.HOUR_MS);
  });
});
