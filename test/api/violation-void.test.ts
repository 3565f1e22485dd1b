import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { orderInput } from "../support/fixtures";
import { DAY } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { mutate, world, type World } from "../support/world";

/**
 * voidViolation through the Lambda handler on DynamoDB Local: a violation recorded by mistake is voided by an operator,
 * kept for audit, and from then on blocks no refund and weighs in no risk score.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const sha = (c: string) => c.repeat(64);
const DOCUMENTS = [
  { kind: "SALES_DATA", reference: "evidence/sales-2026-h1.csv", checksum: sha("a"), title: "Sales 2026 H1" },
  { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/qc.pdf", checksum: sha("b"), title: "QC report" },
];
const VIOLATION = "violation { id sellerId kind severity note recordedAt voided voidedAt voidedBy voidReason }";

const daysFrom = (w: World, days: number) => new Date(w.now.getTime() + days * DAY).toISOString();

/** A term that runs, whose target is reached, and a QUALITY violation during it: the refund is blocked. */
async function blockedDeposit(w: World): Promise<{ depositId: string; violationId: string }> {
  const deposit = await mutate(
    w,
    w.operator,
    "recordDeposit",
    "RecordDepositInput",
    {
      sellerId: w.sellerId,
      kind: "LIMITED_TERM",
      amount: CNY(10_000),
      paidAt: daysFrom(w, -200),
      termStart: daysFrom(w, -199),
      termEnd: daysFrom(w, 100),
      salesTarget: CNY(3_000),
    },
    "deposit { id }",
  );
  const order = orderInput({ placedAt: daysFrom(w, -30), settlementAmount: CNY(5_000) });
  expect((await mutate(w, w.key, "createOrder", "CreateOrderInput", order, "order { id }")).userErrors).toEqual([]);
  const recorded = await mutate(
    w,
    w.operator,
    "recordViolation",
    "RecordViolationInput",
    {
      sellerId: w.sellerId,
      kind: "QUALITY",
      severity: "MINOR",
      occurredAt: daysFrom(w, -20),
      note: "Recorded against the wrong seller.",
    },
    VIOLATION,
  );
  expect(recorded.violation).toMatchObject({ voided: false, voidedAt: null, voidedBy: null, voidReason: null });
  return { depositId: deposit.deposit.id, violationId: recorded.violation.id };
}

const voidIt = (w: World, key: string, input: Record<string, unknown>) =>
  graphql(
    w.api,
    `mutation($input: VoidViolationInput!) { voidViolation(input: $input) { ${VIOLATION} userErrors { field code } } }`,
    { key, variables: { input } },
  );

const apply = (w: World, depositId: string) =>
  mutate(
    w,
    w.key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    { depositId, documents: DOCUMENTS },
    "application { id status recommendation }",
  );

async function eligibility(w: World, depositId: string) {
  const response = await graphql(
    w.api,
    `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation blockers { code } } }`,
    { key: w.key, variables: { id: depositId } },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data.depositRefundEligibility;
}

/** The seller risk score's VIOLATIONS factor (its value: the violations counted) and the recommended actions. */
async function risk(w: World): Promise<{ violations: number; contribution: number; actions: string[] }> {
  const query = `query($id: ID!) { sellerRisk(sellerId: $id) { factors { code value contribution }
    recommendedActions { code } } }`;
  const response = await graphql(w.api, query, {
    key: w.key,
    variables: { id: w.sellerId },
  });
  expect(response.body.errors).toBeUndefined();
  const { factors, recommendedActions } = response.body.data.sellerRisk;
  const factor = factors.find((f: { code: string }) => f.code === "VIOLATIONS");
  return {
    violations: factor?.value ?? 0,
    contribution: factor?.contribution ?? 0,
    actions: recommendedActions.map((a: { code: string }) => a.code),
  };
}

async function violationEvents(w: World): Promise<Record<string, unknown>[]> {
  const page = await w.db.doc.send(
    new QueryCommand({
      TableName: w.db.tables.Events,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": `SELLER#${w.sellerId}` },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).filter((e) => e.objectType === "VIOLATION");
}

describe("voidViolation", () => {
  it("unblocks a refund refused NOT_ELIGIBLE for it, stops counting in the risk score, is kept", async () => {
    const w = await world();
    const { depositId, violationId } = await blockedDeposit(w);
    expect((await apply(w, depositId)).userErrors.map((e: { code: string }) => e.code)).toEqual(["NOT_ELIGIBLE"]);
    expect(await risk(w)).toMatchObject({ violations: 1, actions: expect.arrayContaining(["REVIEW_VIOLATIONS"]) });

    const input = { sellerId: w.sellerId, violationId, reason: "Recorded against the wrong seller." };
    const first = await voidIt(w, w.operator, { ...input, idempotencyKey: "void-0001" });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.voidViolation).toMatchObject({
      userErrors: [],
      violation: {
        id: violationId,
        kind: "QUALITY",
        note: "Recorded against the wrong seller.",
        voided: true,
        voidedAt: w.now.toISOString(),
        voidedBy: expect.stringMatching(/^key_/),
        voidReason: "Recorded against the wrong seller.",
      },
    });
    // A retry under the same key replays the first answer; a new request is refused.
    const voidedAt = w.now.toISOString();
    w.now = new Date(w.now.getTime() + 3_600_000);
    const replay = await voidIt(w, w.operator, { ...input, idempotencyKey: "void-0001" });
    expect(JSON.stringify(replay.body.data.voidViolation)).toBe(JSON.stringify(first.body.data.voidViolation));
    const again = await voidIt(w, w.operator, { ...input, idempotencyKey: "void-0002" });
    expect(again.body.data.voidViolation).toEqual({
      violation: null,
      userErrors: [{ code: "VIOLATION_ALREADY_VOIDED", field: ["input", "violationId"] }],
    });

    // One VIOLATION_VOIDED event, at the violation's version 2, naming the operator's key as its actor.
    const events = await violationEvents(w);
    expect(events.map((e) => e.type).sort()).toEqual(["VIOLATION_RECORDED", "VIOLATION_VOIDED"]);
    const voided = events.find((e) => e.type === "VIOLATION_VOIDED")!;
    expect(voided).toMatchObject({ objectId: violationId, objectVersion: 2, actorSide: "OPERATOR" });
    expect(voided.actorKeyId).toBe(first.body.data.voidViolation.violation.voidedBy);
    expect(voided.payload).toMatchObject({ voidedAt });
    expect(JSON.stringify(voided.payload)).not.toMatch(/wrong seller|voidedBy/);

    expect(await eligibility(w, depositId)).toMatchObject({ eligible: true, recommendation: "REFUND_IN_FULL" });
    const after = await risk(w);
    expect(after).toMatchObject({ violations: 0, contribution: 0 });
    expect(after.actions).not.toContain("REVIEW_VIOLATIONS");
    const applied = await apply(w, depositId);
    expect(applied.userErrors).toEqual([]);
    expect(applied.application).toMatchObject({ status: "PENDING", recommendation: "REFUND_IN_FULL" });
    await checkInvariants(w.db);
  });

  it("refuses an unknown id (NOT_FOUND), an empty or overlong reason (INVALID_INPUT), writing nothing", async () => {
    const w = await world();
    const { depositId, violationId } = await blockedDeposit(w);
    const refusals = [
      [{ sellerId: w.sellerId, violationId: "01NOSUCHVIOLATION", reason: "Mistake." }, "NOT_FOUND", "violationId"],
      [{ sellerId: "sel_nobody", violationId, reason: "Mistake." }, "NOT_FOUND", "violationId"],
      [{ sellerId: w.sellerId, violationId, reason: "   " }, "INVALID_INPUT", "reason"],
      [{ sellerId: w.sellerId, violationId, reason: "x".repeat(2001) }, "INVALID_INPUT", "reason"],
    ] as const;
    for (const [input, code, field] of refusals) {
      const response = await voidIt(w, w.operator, input);
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      expect(response.body.data.voidViolation).toEqual({
        violation: null,
        userErrors: [{ code, field: ["input", field] }],
      });
    }
    expect((await violationEvents(w)).map((e) => e.type)).toEqual(["VIOLATION_RECORDED"]);
    expect(await eligibility(w, depositId)).toMatchObject({
      eligible: false,
      blockers: [{ code: "QUALITY_VIOLATION" }],
    });
  });

  it("is refused to seller, partner and marketplace keys with FORBIDDEN", async () => {
    const w = await world();
    const { violationId } = await blockedDeposit(w);
    for (const key of [w.key, w.partner, w.marketplace]) {
      const response = await voidIt(w, key, { sellerId: w.sellerId, violationId, reason: "Not mine." });
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");
    }
    expect((await violationEvents(w)).map((e) => e.type)).toEqual(["VIOLATION_RECORDED"]);
  });
});
