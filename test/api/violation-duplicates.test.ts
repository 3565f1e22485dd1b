import { Deposits } from "@seller-ops/core";
import { DepositsRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { scanTable } from "../support/scan";
import { mutate, world, type World } from "../support/world";

/**
 * A violation is recorded once (`Deposits.violationOf`: seller, kind, severity, occurred instant). A second
 * recordViolation of it without an idempotency key (an operator tool retrying a timed-out call, a concurrent call) is
 * refused with DUPLICATE_VIOLATION naming the violation already recorded, and writes nothing: a violation recorded
 * twice blocks refunds and weighs in the risk score twice. Through the Lambda handler on DynamoDB Local.
 */

const DAY_MS = 86_400_000;
const violation = (w: World, overrides: Record<string, unknown> = {}) => ({
  sellerId: w.sellerId,
  kind: "QUALITY",
  severity: "MAJOR",
  occurredAt: new Date(w.now.getTime() - DAY_MS).toISOString(),
  note: "QC failed on lot 42.",
  ...overrides,
});

const record = (w: World, input: Record<string, unknown>) =>
  mutate(w, w.operator, "recordViolation", "RecordViolationInput", input, "violation { id }");

async function recorded(w: World, input: Record<string, unknown>): Promise<string> {
  const answer = await record(w, input);
  expect(answer.userErrors).toEqual([]);
  return answer.violation.id;
}

function expectDuplicateOf(answer: { violation: unknown; userErrors: any[] }, existingId: string) {
  expect(answer.violation).toBeNull();
  expect(answer.userErrors.map((e) => [e.code, e.field])).toEqual([["DUPLICATE_VIOLATION", ["input", "occurredAt"]]]);
  expect(answer.userErrors[0].message).toContain(existingId);
}

async function voidOne(w: World, violationId: string) {
  const input = { sellerId: w.sellerId, violationId, reason: "Voided by mistake." };
  const voided = await mutate(w, w.operator, "voidViolation", "VoidViolationInput", input, "violation { id }");
  expect(voided.userErrors).toEqual([]);
}

async function risk(w: World): Promise<number> {
  const q = `{ sellerRisk(sellerId: "${w.sellerId}") { score } }`;
  return (await graphql(w.api, q, { key: w.operator })).body.data.sellerRisk.score;
}

/** The world's violations, their guards (the violation each names) and VIOLATION_RECORDED events. */
async function stored(w: World) {
  const [items, events] = await Promise.all([scanTable(w.db, "Deposits"), scanTable(w.db, "Events")]);
  return {
    violations: items.filter((i) => i.entity === "VIOLATION").map((i) => i.id),
    guards: items.filter((i) => String(i.pk).startsWith("DEPOSIT_VIOLATION#")).map((i) => i.violationId),
    events: events.filter((i) => i.type === "VIOLATION_RECORDED").length,
  };
}

describe("recordViolation of a violation already recorded", () => {
  it("a retry without a key is DUPLICATE_VIOLATION naming the first; the risk score counts one", async () => {
    const w = await world();
    const first = await recorded(w, violation(w));
    const scoreAfterOne = await risk(w);
    const before = await stored(w);
    expect(before).toEqual({ violations: [first], guards: [first], events: 1 });

    expectDuplicateOf(await record(w, violation(w)), first);
    // The same instant spelled in another offset, and a note corrected on the retry, are the violation recorded.
    const shanghai = new Date(w.now.getTime() - DAY_MS + 8 * 3_600_000).toISOString().replace("Z", "+08:00");
    expectDuplicateOf(await record(w, violation(w, { occurredAt: shanghai })), first);
    expectDuplicateOf(await record(w, violation(w, { note: "QC failed on lot 42 (re-sent)." })), first);
    expect(await stored(w)).toEqual(before);
    expect(await risk(w)).toBe(scoreAfterOne);
  });

  it("two concurrent identical records give exactly one violation; the other names it", async () => {
    const w = await world();
    const answers = await Promise.all([record(w, violation(w)), record(w, violation(w))]);
    const won = answers.filter((a) => a.userErrors.length === 0);
    expect(won).toHaveLength(1);
    expectDuplicateOf(answers.find((a) => a.userErrors.length > 0)!, won[0].violation.id);
    const id = won[0].violation.id;
    expect(await stored(w)).toEqual({ violations: [id], guards: [id], events: 1 });
  });

  it("another instant, kind or severity is another violation, and is recorded", async () => {
    const w = await world();
    const ids = [await recorded(w, violation(w))];
    ids.push(await recorded(w, violation(w, { occurredAt: new Date(w.now.getTime() - DAY_MS + 1).toISOString() })));
    ids.push(await recorded(w, violation(w, { kind: "FRAUD" })));
    ids.push(await recorded(w, violation(w, { severity: "MINOR" })));
    expect(new Set(ids).size).toBe(4);
    const now = await stored(w);
    expect(now.violations.sort()).toEqual([...ids].sort());
    expect(now.guards.sort()).toEqual([...ids].sort());
  });

  it("a voided violation may be recorded again; its guard then names the new one", async () => {
    const w = await world();
    const first = await recorded(w, violation(w));
    await voidOne(w, first);
    const again = await recorded(w, violation(w));
    expect(again).not.toBe(first);
    expectDuplicateOf(await record(w, violation(w)), again);
    const now = await stored(w);
    expect(now.violations.sort()).toEqual([first, again].sort());
    expect(now.guards).toEqual([again]);
  });

  it("voided and recorded again twice, the guard moves each time; two concurrent takeovers: one", async () => {
    const w = await world();
    const first = await recorded(w, violation(w));
    await voidOne(w, first);
    const second = await recorded(w, violation(w));
    await voidOne(w, second);
    // The guard names the second, voided: each of two concurrent records may take it over, and exactly one does.
    const answers = await Promise.all([record(w, violation(w)), record(w, violation(w))]);
    const won = answers.filter((a) => a.userErrors.length === 0);
    expect(won).toHaveLength(1);
    const third = won[0].violation.id;
    expectDuplicateOf(answers.find((a) => a.userErrors.length > 0)!, third);
    const now = await stored(w);
    expect(now.violations.sort()).toEqual([first, second, third].sort());
    expect(now.guards).toEqual([third]);
    expect(now.events).toBe(3);
  });

  it("a violation recorded before guards existed is found among the seller's violations", async () => {
    const w = await world();
    // As an earlier release stored it: the violation alone, with no guard.
    const decided = Deposits.recordViolation({
      id: ulid(),
      sellerId: w.sellerId,
      input: Deposits.RecordViolationInput.parse(violation(w)),
      now: w.now.toISOString(),
    });
    if (!decided.ok) throw new Error(JSON.stringify(decided.errors));
    expect((await transactWrite(w.db.doc, [DepositsRepo.recordViolationWrite(w.db, decided.value)])).ok).toBe(true);
    expectDuplicateOf(await record(w, violation(w)), decided.value.id);
    expect(await stored(w)).toEqual({ violations: [decided.value.id], guards: [], events: 0 });
  });
});
