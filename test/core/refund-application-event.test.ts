import { Events } from "@seller-ops/core";
import { describe, expect, it } from "vitest";

/**
 * A decided refund application's event says what was paid back: the decision is a nested object a snapshot leaves
 * out, and the deposit's change has no event of its own, so without it a consumer learnt an approval but not its
 * amount. The operator's reason is free text, never copied.
 */

const application = {
  id: "dra_1",
  depositId: "dep_1",
  sellerId: "sel_1",
  status: "PENDING" as const,
  documents: [],
  recommendation: "REFUND_IN_FULL" as const,
  appliedAt: "2026-12-01T00:00:00.000Z",
  decidedAt: null,
  decision: null,
  version: 1,
  updatedAt: "2026-12-01T00:00:00.000Z",
};
const decided = (outcome: "APPROVE_FULL" | "APPROVE_PARTIAL" | "DENY", amountMinor: number | null) => ({
  ...application,
  status:
    outcome === "DENY"
      ? ("DENIED" as const)
      : outcome === "APPROVE_FULL"
        ? ("APPROVED" as const)
        : ("PARTIALLY_APPROVED" as const),
  decidedAt: "2026-12-03T00:00:00.000Z",
  decision: {
    outcome,
    amount: amountMinor === null ? null : { amountMinor, currency: "CNY" },
    reason: "Deducted for the quality dispute of 12 November (operator's words)",
    recommendation: "REFER_TO_OPERATOR" as const,
  },
  version: 2,
});
const payloadOf = (a: Parameters<typeof Events.refundApplicationEvent>[0]["application"]) =>
  Events.refundApplicationEvent({ type: "REFUND_APPLICATION_DECIDED", application: a }).payload;

describe("a refund application's event payload", () => {
  it("carries the amount refunded once approved, in full or in part", () => {
    expect(payloadOf(decided("APPROVE_FULL", 1_000_000))).toMatchObject({
      status: "APPROVED",
      refundedAmount: { amountMinor: 1_000_000, currency: "CNY" },
    });
    expect(payloadOf(decided("APPROVE_PARTIAL", 600_000))).toMatchObject({
      status: "PARTIALLY_APPROVED",
      refundedAmount: { amountMinor: 600_000, currency: "CNY" },
    });
  });

  it("carries none while pending or once denied, and never the operator's reason", () => {
    expect(payloadOf(application)).not.toHaveProperty("refundedAmount");
    const denied = payloadOf(decided("DENY", null));
    expect(denied).toMatchObject({ status: "DENIED" });
    expect(denied).not.toHaveProperty("refundedAmount");
    for (const a of [decided("APPROVE_PARTIAL", 600_000), decided("DENY", null)])
      expect(JSON.stringify(payloadOf(a))).not.toContain("operator's words");
  });
});
