import { describe, expect, it } from "vitest";
import { type Cases, Deposits, Errors, I18n } from "@seller-ops/core";

/**
 * The quality disputes of a limited term that outlast it (`Deposits.termQualityDisputes`): opened during the term,
 * they hold its refund while open (QUALITY_DISPUTES_OPEN) and count against it when lost, even after it ended.
 */

const TZ = "Asia/Shanghai";
const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });

function deposit(overrides: Record<string, unknown> = {}): Deposits.Deposit {
  const raw = {
    kind: "LIMITED_TERM",
    amount: CNY(10_000),
    paidAt: "2025-12-20T10:00:00+08:00",
    termStart: "2026-01-01T00:00:00+08:00",
    termEnd: "2026-02-01T00:00:00+08:00",
    salesTarget: CNY(1_000),
    ...overrides,
  };
  const parsed = Errors.parseInput(Deposits.RecordDepositInput, raw, { now: "2025-12-21T00:00:00.000Z" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const recorded = Deposits.record({
    id: "d1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    input: parsed.value,
    now: "2025-12-21T00:00:00.000Z",
  });
  if (!recorded.ok) throw new Error(JSON.stringify(recorded.errors));
  return recorded.value;
}

/** A case as the eligibility read gives it: open unless `lostAt` (decided for the buyer) or `wonAt` is given. */
function dispute(
  id: string,
  openedAt: string,
  settled: { lostAt?: string; wonAt?: string } = {},
  reason: Deposits.TermCase["reason"] = "QUALITY_ISSUE",
): Deposits.TermCase {
  const resolvedAt = settled.lostAt ?? settled.wonAt ?? null;
  return { id, reason, openedAt, status: resolvedAt ? "RESOLVED" : "ESCALATED", lostAt: settled.lostAt ?? null };
}

/** Sales over the target on the term's first day; `qualityDisputesLostInTerm` 0 unless given. */
const check = (args: Partial<Parameters<typeof Deposits.eligibility>[0]> & { now: string }) =>
  Deposits.eligibility({
    deposit: deposit(),
    violations: [],
    salesByDay: { "2026-01-01": 200_000 },
    qualityDisputesLostInTerm: 0,
    timeZone: TZ,
    ...args,
  });

const codes = (e: Deposits.Eligibility) => e.blockers.map((b) => b.code);
const AFTER = "2026-02-03T04:00:00.000Z";

describe("a quality dispute opened during a limited term and still open", () => {
  it("holds the refund after the term, the target reached: NOT_YET_ELIGIBLE, naming it", () => {
    const result = check({ now: AFTER, casesOpened: [dispute("cas_b", "2026-01-20T02:00:00.000Z")] });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_YET_ELIGIBLE" });
    expect(codes(result)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(result.blockers[0]!.message).toContain("cas_b");
    expect(result.blockers[0]!.message).toContain("1 dispute about quality");
    // Settled for the seller, it no longer holds anything.
    const won = check({ now: AFTER, casesOpened: [dispute("cas_b", "2026-01-20T02:00:00.000Z", { wonAt: AFTER })] });
    expect(won).toMatchObject({ eligible: true, recommendation: "REFUND_IN_FULL", blockers: [] });
  });

  it("waits beside the term that runs, and holds an early refund once the target is reached", () => {
    const open = [dispute("cas_a", "2026-01-05T02:00:00.000Z")];
    const running = check({ now: "2026-01-10T04:00:00.000Z", salesByDay: {}, casesOpened: open });
    expect(codes(running)).toEqual(["TERM_NOT_ENDED", "QUALITY_DISPUTES_OPEN"]);
    const early = check({ now: "2026-01-10T04:00:00.000Z", casesOpened: open });
    expect(early).toMatchObject({ recommendation: "NOT_YET_ELIGIBLE" });
    expect(codes(early)).toEqual(["QUALITY_DISPUTES_OPEN"]);
  });

  it("names the oldest first, and ignores other reasons and disputes opened outside the term", () => {
    const result = check({
      now: AFTER,
      casesOpened: [
        dispute("cas_late", "2026-01-31T15:59:59.999Z", {}, "NOT_AS_DESCRIBED"), // the term's last instant: in
        dispute("cas_first", "2025-12-31T16:00:00.000Z"), // its first instant: in
        dispute("cas_after", "2026-01-31T16:00:00.000Z"), // its end: out
        dispute("cas_before", "2025-12-31T15:59:59.999Z"), // before it: out
        dispute("cas_late_ship", "2026-01-10T02:00:00.000Z", {}, "NOT_RECEIVED"), // not about quality
      ],
    });
    expect(codes(result)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    const message = result.blockers[0]!.message;
    expect(message).toContain("2 disputes");
    expect(message.indexOf("cas_first")).toBeLessThan(message.indexOf("cas_late"));
    for (const out of ["cas_after", "cas_before", "cas_late_ship"]) expect(message).not.toContain(out);
  });

  it("is not listed when the term already has a quality problem or a blocking violation", () => {
    const open = [dispute("cas_a", "2026-01-05T02:00:00.000Z")];
    const lost = check({ now: AFTER, qualityDisputesLostInTerm: 3, casesOpened: open });
    expect(lost.recommendation).toBe("NOT_ELIGIBLE");
    expect(codes(lost)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
  });
});

describe("a quality dispute opened during a limited term and lost after it ended", () => {
  it("counts against the term: two lost inside it and one after are three, more than the 2 allowed", () => {
    const opened = [dispute("cas_a", "2026-01-20T02:00:00.000Z", { lostAt: "2026-02-04T04:00:00.000Z" })];
    expect(check({ now: AFTER, qualityDisputesLostInTerm: 2 }).eligible).toBe(true);
    const result = check({ now: "2026-02-05T00:00:00.000Z", qualityDisputesLostInTerm: 2, casesOpened: opened });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(codes(result)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(result.blockers[0]!.message).toContain("3 disputes");
  });

  it("one opened before the term and lost during it still counts (the counter), and is not counted twice", () => {
    // Lost on 2026-01-20: the term's counter holds it; the read of the term's openings does not hold it at all.
    const before = [dispute("cas_old", "2025-12-20T02:00:00.000Z", { lostAt: "2026-01-20T02:00:00.000Z" })];
    expect(check({ now: AFTER, qualityDisputesLostInTerm: 3, casesOpened: before }).eligible).toBe(false);
    // Opened and lost during the term: in the counter, and not added again.
    const inside = [dispute("cas_in", "2026-01-10T02:00:00.000Z", { lostAt: "2026-01-20T02:00:00.000Z" })];
    expect(check({ now: AFTER, qualityDisputesLostInTerm: 2, casesOpened: inside }).eligible).toBe(true);
  });

  it("on a term that ends mid-day, lost later that day: counted once, whether the edge read saw it or not", () => {
    // Ends at 15:00 in Shanghai on 2026-01-31; lost at 16:00 the same day, so the day's counter holds it.
    const d = deposit({ termEnd: "2026-01-31T15:00:00+08:00" });
    const lostAt = "2026-01-31T08:00:00.000Z";
    const opened = [dispute("cas_a", "2026-01-20T02:00:00.000Z", { lostAt })];
    const base = { deposit: d, now: AFTER, casesOpened: opened };
    // The counter holds it and one more (lost inside the term): two, the most allowed.
    const seen = check({
      ...base,
      qualityDisputesLostInTerm: 2,
      edgeQualityDisputesLost: [{ caseId: "cas_a", lostAt }],
    });
    expect(seen.eligible).toBe(true);
    // Seen by the edge read, it is not taken back out of the counter: three is one too many.
    const three = { ...base, qualityDisputesLostInTerm: 3, edgeQualityDisputesLost: [{ caseId: "cas_a", lostAt }] };
    expect(check(three).eligible).toBe(false);
    expect(check({ ...base, qualityDisputesLostInTerm: 2 }).eligible).toBe(true);
    expect(check({ ...base, qualityDisputesLostInTerm: 3 }).eligible).toBe(false);
    // One lost after the term that day but opened after it too is taken back out, as before.
    const other = { caseId: "cas_other", lostAt: "2026-01-31T09:00:00.000Z" };
    const edges = [{ caseId: "cas_a", lostAt }, other];
    expect(check({ ...base, qualityDisputesLostInTerm: 3, edgeQualityDisputesLost: edges }).eligible).toBe(true);
  });
});

describe("where the api reads the quality disputes opened in a term", () => {
  const term = { from: "2025-12-31T16:00:00.000Z", before: "2026-01-31T16:00:00.000Z" };

  it("nowhere when the term's counters say none opened", () => {
    expect(Deposits.qualityDisputesOpenedRange(term, {})).toBeNull();
    expect(Deposits.qualityDisputesOpenedRange(term, { "2026-01-05": 0, "2026-01-06": 0 })).toBeNull();
  });

  it("from the first day that opened one to the last, each day taken wide for any clock, cut to the term", () => {
    expect(Deposits.qualityDisputesOpenedRange(term, { "2026-01-05": 1, "2026-01-09": 0, "2026-01-20": 2 })).toEqual({
      from: "2026-01-04T10:00:00.000Z", // 14 hours before 5 January in UTC: the first instant of it at UTC+14
      before: "2026-01-21T12:00:00.000Z", // 12 hours after 20 January in UTC: its last instant at UTC-12
    });
    // The term's first and last days: no wider than the term.
    expect(Deposits.qualityDisputesOpenedRange(term, { "2026-01-01": 1, "2026-01-31": 1 })).toEqual(term);
  });

  it("their own index over the same days whole, not cut to the term: each day's counter can then be held to it", () => {
    expect(Deposits.qualityDisputeDaysSpan({ "2026-01-05": 0 })).toBeNull();
    expect(Deposits.qualityDisputeDaysSpan({ "2026-01-01": 1, "2026-01-31": 1 })).toEqual({
      from: "2025-12-31T10:00:00.000Z",
      before: "2026-02-01T12:00:00.000Z",
    });
  });

  it("again from all the cases for the days their index holds fewer than the counter (on the seller's clock)", () => {
    const found = (openedAt: string, reason: Cases.CaseReason = "QUALITY_ISSUE") => ({ openedAt, reason });
    const counted = { "2026-01-05": 2, "2026-01-06": 1, "2026-01-07": 0 };
    // 5 January in Shanghai runs from 16:00 UTC on the 4th: both of its disputes are there.
    const both = [found("2026-01-04T17:00:00.000Z"), found("2026-01-05T15:59:59.999Z", "NOT_AS_DESCRIBED")];
    expect(Deposits.daysShortOfQualityDisputes(counted, [...both, found("2026-01-06T01:00:00Z")], TZ)).toEqual([]);
    // One read on the 6th by the UTC calendar is the 7th's in Shanghai; another case of other reason does not count.
    expect(
      Deposits.daysShortOfQualityDisputes(
        counted,
        [...both, found("2026-01-06T17:00:00Z"), found("2026-01-06T01:00:00Z", "DAMAGED")],
        TZ,
      ),
    ).toEqual(["2026-01-06"]);
    expect(Deposits.daysShortOfQualityDisputes(counted, [], TZ)).toEqual(["2026-01-05", "2026-01-06"]);
  });
});

describe("what the TERM_NOT_ENDED blocker promises while the term runs short of its target", () => {
  const running = "2026-01-10T04:00:00.000Z";
  const zh = (e: Deposits.Eligibility) => I18n.writer({ language: "zh-CN", timeZone: TZ })(e.blockers[0]!.text);

  it("with no quality dispute open: in full right away at the target, the operator's call at the term's end", () => {
    const result = check({ now: running, salesByDay: { "2026-01-05": 40_000 } });
    expect(codes(result)).toEqual(["TERM_NOT_ENDED"]);
    const { message } = result.blockers[0]!;
    expect(message).toContain("more in sales makes the deposit refundable in full right away;");
    expect(message).toContain("otherwise you may apply once the term ends, and the operator decides the amount");
    expect(message).not.toMatch(/becomes refundable/);
    expect(zh(result)).toContain("即可立即全额退还保证金；否则可在期限结束后申请退还，退还金额由平台运营方决定");
  });

  it("with one open: in full once it is settled, not right away, and applying after the term waits for it too", () => {
    const open = [dispute("cas_a", "2026-01-05T02:00:00.000Z")];
    const result = check({ now: running, salesByDay: { "2026-01-05": 40_000 }, casesOpened: open });
    expect(codes(result)).toEqual(["TERM_NOT_ENDED", "QUALITY_DISPUTES_OPEN"]);
    const { message } = result.blockers[0]!;
    expect(message).toContain("more in sales makes the deposit refundable in full once the open quality disputes are ");
    expect(message).toContain(
      "otherwise you may apply once the term ends and they are settled, and the operator decides the amount",
    );
    expect(message).not.toMatch(/right away|becomes refundable/);
    expect(zh(result)).toContain("待尚未结束的质量纠纷结束后即可全额退还保证金");
    expect(zh(result)).not.toContain("立即");
  });
});
