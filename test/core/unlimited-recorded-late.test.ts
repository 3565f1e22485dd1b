import { describe, expect, it } from "vitest";
import { Deposits, Errors } from "@seller-ops/core";

/**
 * An unlimited deposit's sustained-sales rule looks at calendar months in the seller's time zone, all ended when it
 * is checked: an order placed in one of them and recorded once it had ended, more than 7 days after its `placedAt`,
 * does not count toward it (as toward a limited term that ended), exactly at the month's first and last instants.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });

function unlimited(): Deposits.Deposit {
  const raw = {
    kind: "UNLIMITED",
    amount: CNY(20_000),
    paidAt: "2025-06-01T00:00:00Z",
    sustainedRule: { minMonthlySales: CNY(50_000), months: 3 },
  };
  const now = "2026-01-05T00:00:00.000Z";
  const parsed = Errors.parseInput(Deposits.RecordDepositInput, raw, { now });
  if (!parsed.ok) throw new Error("fixture");
  const recorded = Deposits.record({ id: "d1", sellerId: "s1", settlementCurrency: "CNY", input: parsed.value, now });
  if (!recorded.ok) throw new Error("fixture");
  return recorded.value;
}

/** An order of 50,000 CNY as the late-recorded index gives it. */
function late(id: string, placedAt: string, createdAt: string): Deposits.LateRecordedOrder {
  const at = (s: string) => new Date(s).toISOString();
  return {
    id,
    placedAt: at(placedAt),
    createdAt: at(createdAt),
    status: "AWAITING_SHIPMENT",
    settlementAmount: CNY(50_000),
    buyerTotal: { amountMinor: 10_000, currency: "USD" },
    refundedMinor: 0,
  };
}

const now = "2026-12-10T00:00:00.000Z";

describe("an unlimited deposit's orders reported after their month ended", () => {
  it("are read over the rule's months, a day wider on each side than any clock's (one Query, no Scan)", () => {
    const window = Deposits.eligibilityWindow({ deposit: unlimited(), now, timeZone: "Asia/Shanghai" });
    expect(window.recordedLateInTerm).toEqual({ from: "2026-08-30T22:00:00.000Z", before: "2026-12-02T02:00:00.000Z" });
    // The first instant of September on the earliest clock (UTC+14) and the last of November on the latest (UTC−12).
    const span = window.recordedLateInTerm!;
    for (const instant of ["2026-09-01T00:00:00+14:00", "2026-11-30T23:59:59.999-12:00"]) {
      const ms = Date.parse(instant);
      expect(ms >= Date.parse(span.from) && ms < Date.parse(span.before), instant).toBe(true);
    }
  });

  it("are taken out of their month on the seller's calendar, across a DST change, exactly at its end", () => {
    const timeZone = "America/New_York";
    const salesByDay = { "2026-09-15": 5_000_000, "2026-10-15": 5_000_000, "2026-11-15": 5_000_000 };
    // Within the months' counters already; each is recorded more than 7 days after it was placed.
    const orders = [
      // 31 October, 23:59:59.999 in New York (EDT): October had not ended.
      late("in-time", "2026-10-20T12:00:00-04:00", "2026-10-31T23:59:59.999-04:00"),
      // 1 November, 00:00 in New York (04:00 UTC): October had ended.
      late("after-oct", "2026-10-21T12:00:00-04:00", "2026-11-01T00:00:00-04:00"),
      // 30 November, 23:59 in New York (EST, after the change): still November's month.
      late("nov-in-time", "2026-11-10T12:00:00-05:00", "2026-11-30T23:59:00-05:00"),
      // Placed on September's first instant in New York (04:00 UTC), recorded in December: out of September.
      late("sep-first", "2026-09-01T00:00:00-04:00", "2026-12-05T10:00:00-05:00"),
      // Placed on 31 August in New York (1 September in UTC), outside the months: nothing to take out.
      late("august", "2026-08-31T23:00:00-04:00", "2026-12-05T10:00:00-05:00"),
      // The same order read twice is taken out once.
      late("after-oct", "2026-10-21T12:00:00-04:00", "2026-11-01T00:00:00-04:00"),
    ];
    const result = Deposits.eligibility({
      deposit: unlimited(),
      violations: [],
      salesByDay,
      qualityDisputesLostInTerm: 0,
      now,
      timeZone,
      lateRecordedOrders: orders,
    });
    expect(result.progress.monthlySales!.map((m) => [m.month, m.sales.amountMinor])).toEqual([
      ["2026-09", 0],
      ["2026-10", 0],
      ["2026-11", 5_000_000],
    ]);
    expect(result.progress.salesRecordedAfterTerm).toEqual(CNY(100_000));
    expect(result.blockers.map((b) => b.code)).toEqual(["SUSTAINED_SALES_NOT_MET"]);
    expect(result.progress.salesBasis).toContain("(CN¥100,000.00 of such orders left out).");

    // None recorded late: nothing left out, and the sentence says what would be.
    const none = Deposits.eligibility({
      deposit: unlimited(),
      violations: [],
      salesByDay,
      qualityDisputesLostInTerm: 0,
      now,
      timeZone,
    });
    expect(none).toMatchObject({ eligible: true, recommendation: "REFER_TO_OPERATOR" });
    expect(none.progress.salesRecordedAfterTerm).toEqual(CNY(0));
    expect(none.progress.salesBasis).toContain("more than 7 days after it was placed.");
  });
});
