import { describe, expect, it } from "vitest";
import { Deposits, Errors, Risk, Stats, type DepositViolation } from "@seller-ops/core";

/**
 * Voiding a violation recorded by mistake (core/src/deposits/voiding.ts): the record stays, but the deposit rules and
 * the seller's risk score read only the violations in force.
 */

const TZ = "Asia/Shanghai";
const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const NOW = "2027-01-03T00:00:00.000Z";

function limitedTerm(): Deposits.Deposit {
  const input = Errors.parseInput(
    Deposits.RecordDepositInput,
    {
      kind: "LIMITED_TERM",
      amount: CNY(10_000),
      paidAt: "2025-12-28T10:00:00+08:00",
      termStart: "2026-01-01T00:00:00+08:00",
      termEnd: "2027-01-01T00:00:00+08:00",
      salesTarget: CNY(3_000),
    },
    { now: "2026-01-05T00:00:00.000Z" },
  );
  if (!input.ok) throw new Error(JSON.stringify(input.errors));
  const recorded = Deposits.record({
    id: "d1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    input: input.value,
    now: "2026-01-05T00:00:00.000Z",
  });
  if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
  return recorded.value;
}

function violation(overrides: Partial<DepositViolation> = {}): DepositViolation {
  const recorded = Deposits.recordViolation({
    id: "v1",
    sellerId: "s1",
    input: {
      sellerId: "s1",
      kind: "COUNTERFEIT",
      severity: "MAJOR",
      occurredAt: "2026-04-10T02:00:00.000Z",
      note: "Counterfeit listing.",
    },
    now: "2026-04-11T00:00:00.000Z",
  });
  if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
  return { ...recorded.value, ...overrides };
}

function voided(v: DepositViolation, at = "2026-12-01T00:00:00.000Z"): DepositViolation {
  const result = Deposits.voidViolation({ violation: v, input: { reason: "Wrong seller." }, by: "key_op", now: at });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const eligibilityWith = (violations: DepositViolation[], now = NOW) =>
  Deposits.eligibility({
    deposit: limitedTerm(),
    violations,
    salesByDay: { "2026-05-01": 50_000_000 },
    qualityDisputesLostInTerm: 0,
    now,
    timeZone: TZ,
  });

function window(): Record<Stats.Counter, number> {
  return Stats.sum([
    {
      ordersPlaced: 100,
      shippedOnTime: 100,
      shippedLate: 0,
      shippedWithTracking: 100,
      settledSalesMinor: 100 * 70_000,
    },
  ]);
}

describe("voiding a violation", () => {
  it("keeps the record with who voided it, when and why, at the next version", () => {
    const v = voided(violation());
    expect(v).toMatchObject({
      id: "v1",
      kind: "COUNTERFEIT",
      note: "Counterfeit listing.",
      version: 2,
      voidedAt: "2026-12-01T00:00:00.000Z",
      voidedBy: "key_op",
      voidReason: "Wrong seller.",
    });
  });

  it("refuses a violation voided already with VIOLATION_ALREADY_VOIDED, naming when", () => {
    const again = Deposits.voidViolation({
      violation: voided(violation()),
      input: { reason: "Again." },
      by: "key_op2",
      now: NOW,
    });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.errors).toMatchObject([{ code: "VIOLATION_ALREADY_VOIDED", field: ["input", "violationId"] }]);
    expect(again.errors[0]!.message).toContain("1 Dec");
  });

  it("no longer blocks a deposit refund", () => {
    expect(eligibilityWith([violation()])).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(eligibilityWith([voided(violation())])).toMatchObject({
      eligible: true,
      recommendation: "REFUND_IN_FULL",
      blockers: [],
    });
    // Read at an instant before the void, the violation still stood then.
    expect(eligibilityWith([voided(violation(), NOW)], "2027-01-02T00:00:00.000Z").eligible).toBe(false);
  });

  it("no longer counts in the risk score's VIOLATIONS factor nor in the health's consequences", () => {
    const now = "2026-12-15T00:00:00.000Z";
    const standing = Risk.sellerRisk({ window30: window(), window60: window(), violations: [violation()], now });
    const clean = Risk.sellerRisk({ window30: window(), window60: window(), violations: [], now });
    const withVoided = Risk.sellerRisk({
      window30: window(),
      window60: window(),
      violations: [voided(violation())],
      now,
    });
    expect(standing.factors.map((f) => f.code)).toContain("VIOLATIONS");
    expect(withVoided.score).toBe(clean.score);
    expect(withVoided.factors.find((f) => f.code === "VIOLATIONS")?.value ?? 0).toBe(0);
    expect(withVoided.recommendedActions.map((a) => a.code)).not.toContain("REVIEW_VIOLATIONS");
    const health = Risk.sellerHealth({
      window30: window(),
      window60: window(),
      violations: [voided(violation())],
      now,
    });
    expect(health.depositConsequences).toEqual([]);
  });
});
