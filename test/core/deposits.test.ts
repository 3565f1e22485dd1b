import { describe, expect, it } from "vitest";
import {
  Cases,
  Deposits,
  Errors,
  I18n,
  Money,
  Orders,
  Returns,
  Stats,
  Time,
  type Case,
  type Order,
} from "@seller-ops/core";

const TZ = "Asia/Shanghai";
const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const USD = (minor: number) => ({ amountMinor: minor, currency: "USD" });
const checksum = (c: string) => c.repeat(64);

/** Goes through the boundary like the api does: parse the raw input, then decide. */
function recordDeposit(raw: Record<string, unknown>, now = "2026-01-05T00:00:00.000Z") {
  const parsed = Errors.parseInput(Deposits.RecordDepositInput, raw, { now });
  if (!parsed.ok) return parsed;
  return Deposits.record({ id: "d1", sellerId: "s1", settlementCurrency: "CNY", input: parsed.value, now });
}

function deposit(raw: Record<string, unknown>, now?: string): Deposits.Deposit {
  const result = recordDeposit(raw, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** 10,000 CNY for calendar 2026 in Shanghai, with a target of 500,000 CNY of sales. */
const limitedTermInput = (overrides: Record<string, unknown> = {}) => ({
  kind: "LIMITED_TERM",
  amount: CNY(10_000),
  paidAt: "2025-12-20T10:00:00+08:00",
  termStart: "2026-01-01T00:00:00+08:00",
  termEnd: "2027-01-01T00:00:00+08:00",
  salesTarget: CNY(500_000),
  ...overrides,
});
const limitedTerm = (overrides: Record<string, unknown> = {}) => deposit(limitedTermInput(overrides));

/** 20,000 CNY, refundable after at least 50,000 CNY of sales in each of the last 3 calendar months. */
const unlimitedInput = (overrides: Record<string, unknown> = {}) => ({
  kind: "UNLIMITED",
  amount: CNY(20_000),
  paidAt: "2025-06-01T00:00:00Z",
  sustainedRule: { minMonthlySales: CNY(50_000), months: 3 },
  ...overrides,
});
const unlimited = (overrides: Record<string, unknown> = {}) => deposit(unlimitedInput(overrides));

const toMsOf = (instant: string) => Date.parse(instant);

/** A violation recorded a day after it occurred, unless said otherwise. */
const violation = (overrides: Partial<Deposits.Violation>): Deposits.Violation => {
  const occurredAt = overrides.occurredAt ?? "2026-03-01T00:00:00.000Z";
  return {
    id: "v1",
    sellerId: "s1",
    kind: "OTHER",
    severity: "MINOR",
    occurredAt,
    note: "noted",
    recordedAt: new Date(toMsOf(occurredAt) + 86_400_000).toISOString(),
    version: 1,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
    ...overrides,
  };
};

const check = (
  args: Partial<Parameters<typeof Deposits.eligibility>[0]> & { deposit: Deposits.Deposit; now: string },
) => Deposits.eligibility({ violations: [], salesByDay: {}, qualityDisputesLostInTerm: 0, timeZone: TZ, ...args });

const documents: Deposits.EvidenceDocument[] = [
  { kind: "SALES_DATA", reference: "evidence/s1/sales-2026.csv", checksum: checksum("a"), title: "Sales 2026" },
  {
    kind: "QUALITY_INSPECTION_REPORT",
    reference: "https://example.com/qc/2026.pdf",
    checksum: checksum("b"),
    title: "QC report 2026",
  },
];

describe("a limited-term deposit", () => {
  it("is refunded in full as soon as the sales target is reached within the term, before the term ends", () => {
    const d = limitedTerm();
    const result = check({
      deposit: d,
      now: "2026-07-01T04:00:00.000Z",
      // The day before the term (Shanghai time) does not count; the term's days do.
      salesByDay: {
        "2025-12-31": 99_000_000,
        "2026-01-01": 10_000_000,
        "2026-03-15": 25_000_000,
        "2026-06-30": 15_000_000,
      },
    });
    expect(result).toMatchObject({ eligible: true, recommendation: "REFUND_IN_FULL", blockers: [] });
    expect(result.progress).toMatchObject({
      salesToDate: CNY(500_000),
      salesTarget: CNY(500_000),
      termEndsAt: "2026-12-31T16:00:00.000Z",
      daysLeft: 184,
    });
  });

  it(
    "is not eligible yet before the term ends: the blocker says how much sales are missing and how many days are " +
      "left",
    () => {
      const result = check({
        deposit: limitedTerm(),
        now: "2026-12-01T16:00:00.000Z",
        salesByDay: { "2026-05-01": 3_000_000 },
      });
      expect(result.eligible).toBe(false);
      expect(result.recommendation).toBe("NOT_YET_ELIGIBLE");
      expect(result.blockers.map((b) => b.code)).toEqual(["TERM_NOT_ENDED"]);
      const message = result.blockers[0]!.message;
      expect(message).toContain(Money.format(CNY(470_000))); // missing
      expect(message).toContain(Money.format(CNY(30_000))); // to date
      expect(message).toContain("30 days left");
      expect(message).toContain("2026-12-31");
      expect(result.progress.daysLeft).toBe(30);
    },
  );

  it("before its term starts, says when it starts and that only sales from then count, not how much to sell", () => {
    // Paid on 2025-12-20 for calendar 2026; 600,000 CNY sold before the term.
    const result = check({
      deposit: limitedTerm(),
      now: "2025-12-25T00:00:00.000Z",
      salesByDay: { "2025-12-24": 60_000_000 },
    });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_YET_ELIGIBLE" });
    expect(result.progress.salesToDate).toEqual(CNY(0));
    expect(result.blockers.map((b) => b.code)).toEqual(["TERM_NOT_ENDED"]);
    const message = result.blockers[0]!.message;
    expect(message).toContain("starts on 2026-01-01");
    expect(message).toContain(Money.format(CNY(500_000)));
    expect(message).toContain("2026-12-31");
    expect(message).not.toMatch(/more in sales|right away/);
    expect(result.blockers[0]!.text).toEqual({
      key: "deposit.termNotStarted",
      params: { firstDay: "2026-01-01", target: CNY(500_000), lastDay: "2026-12-31" },
    });
  });

  it(
    "is refundable once the term ended with no violations and no quality problems; below the target, the amount " +
      "is the operator's to weigh",
    () => {
      const result = check({
        deposit: limitedTerm(),
        now: "2027-01-03T00:00:00.000Z",
        salesByDay: { "2026-05-01": 3_000_000, "2027-01-01": 90_000_000 },
      });
      // The guide promises the whole deposit only for the sales target reached within the term.
      expect(result).toMatchObject({ eligible: true, recommendation: "REFER_TO_OPERATOR", blockers: [] });
      // The term is [termStart, termEnd): sales on the day after it do not count.
      expect(result.progress).toMatchObject({ salesToDate: CNY(30_000), daysLeft: 0 });
      const reached = check({
        deposit: limitedTerm(),
        now: "2027-01-03T00:00:00.000Z",
        salesByDay: { "2026-05-01": 50_000_000 },
      });
      expect(reached).toMatchObject({ eligible: true, recommendation: "REFUND_IN_FULL", blockers: [] });
    },
  );

  it("is blocked by a quality violation during the term, whatever its severity, even with the target reached", () => {
    const d = limitedTerm();
    const result = check({
      deposit: d,
      now: "2026-07-01T00:00:00.000Z",
      salesByDay: { "2026-03-01": 50_000_000 },
      violations: [violation({ kind: "QUALITY", severity: "MINOR", occurredAt: "2026-04-10T02:00:00.000Z" })],
    });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(result.blockers).toMatchObject([
      { code: "QUALITY_VIOLATION", message: expect.stringContaining("2026-04-10") },
    ]);
  });

  it(
    "is blocked by a violation of the configured severity or above during the term, not by a minor one or one " +
      "before the term",
    () => {
      const d = limitedTerm();
      const at = (violations: Deposits.Violation[], rules?: Deposits.DepositRules) =>
        check({ deposit: d, now: "2027-01-02T00:00:00.000Z", violations, rules });
      expect(at([violation({ kind: "LATE_SHIPMENT_BREACH", severity: "MINOR" })]).eligible).toBe(true);
      expect(
        at([violation({ kind: "FRAUD", severity: "CRITICAL", occurredAt: "2025-12-31T15:59:59.000Z" })]).eligible,
      ).toBe(true);
      const major = at([
        violation({ kind: "LATE_SHIPMENT_BREACH", severity: "MAJOR", occurredAt: "2026-08-03T01:00:00.000Z" }),
      ]);
      expect(major.blockers).toMatchObject([
        {
          code: "BLOCKING_VIOLATION",
          message: expect.stringMatching(/major late-shipment violation on 2026-08-03/),
        },
      ]);
      // The threshold is configuration.
      const strict = { ...Deposits.defaultDepositRules, blockingSeverity: "MINOR" as const };
      expect(at([violation({ kind: "LATE_SHIPMENT_BREACH", severity: "MINOR" })], strict).blockers).toMatchObject([
        { code: "BLOCKING_VIOLATION", message: expect.stringContaining("refundable only without any violation") },
      ]);
    },
  );

  it("is blocked by more quality disputes lost during the term than allowed (default 2)", () => {
    const d = limitedTerm();
    expect(check({ deposit: d, now: "2027-01-02T00:00:00.000Z", qualityDisputesLostInTerm: 2 }).eligible).toBe(true);
    const result = check({ deposit: d, now: "2027-01-02T00:00:00.000Z", qualityDisputesLostInTerm: 3 });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(result.blockers.map((b) => b.code)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(result.blockers[0]!.message).toContain("3 disputes");
    expect(result.blockers[0]!.message).toContain("2 allowed");
  });

  it("on a term cut mid-day, counts only the quality disputes its first and last days lost inside it", () => {
    // 12:00 to 12:00 in Shanghai: the first and last days' counters also hold the other half-days.
    const d = limitedTerm({ termStart: "2026-01-01T12:00:00+08:00", termEnd: "2026-12-31T12:00:00+08:00" });
    const now = "2027-01-02T00:00:00.000Z";
    const edges = [
      "2026-01-01T02:00:00.000Z", // 10:00 on the first day, before the term: out
      "2026-01-01T03:59:59.999Z", // the last instant before the term: out
      "2026-01-01T04:00:00.000Z", // the term's first instant: in
      "2026-12-31T03:00:00.000Z", // 11:00 on the last day: in
      "2026-12-31T04:00:00.000Z", // the term's end, excluded from it: out
    ].map((lostAt, i) => ({ caseId: `cas_${i}`, lostAt }));
    expect(check({ deposit: d, now, qualityDisputesLostInTerm: 5, edgeQualityDisputesLost: edges }).eligible).toBe(
      true,
    );
    const blocked = check({ deposit: d, now, qualityDisputesLostInTerm: 6, edgeQualityDisputesLost: edges });
    expect(blocked.blockers.map((b) => b.code)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(blocked.blockers[0]!.message).toContain("3 disputes");
    // Instants not read (the index not yet migrated, or a dispute lost a moment ago): every dispute counted stays in.
    expect(check({ deposit: d, now, qualityDisputesLostInTerm: 5 }).eligible).toBe(false);
  });

  it("tells the api which days of counters and which violations to read", () => {
    const d = limitedTerm();
    expect(Deposits.eligibilityWindow({ deposit: d, now: "2026-07-01T04:00:00.000Z", timeZone: TZ })).toEqual({
      timeZone: TZ,
      salesDays: { from: "2026-01-01", to: "2026-07-01" },
      qualityDisputeDays: { from: "2026-01-01", to: "2026-07-01" },
      violationsFrom: "2025-12-31T16:00:00.000Z",
      // The term starts at the seller's midnight: the counters are exact, nothing at its edges is read.
      termEdges: [],
      // The quality disputes opened in the whole term: one opened now may still be open when it ends.
      casesOpened: { from: "2025-12-31T16:00:00.000Z", before: "2026-12-31T16:00:00.000Z" },
      // The term runs: nothing was recorded after it yet.
      recordedLateInTerm: null,
    });
    expect(Deposits.eligibilityWindow({ deposit: d, now: "2027-03-01T00:00:00.000Z", timeZone: TZ }).salesDays).toEqual(
      {
        from: "2026-01-01",
        to: "2026-12-31",
      },
    );
    expect(
      Deposits.eligibilityWindow({ deposit: d, now: "2025-12-25T00:00:00.000Z", timeZone: TZ }).salesDays,
    ).toBeNull();
    expect(
      Deposits.eligibilityWindow({ deposit: d, now: "2025-12-25T00:00:00.000Z", timeZone: TZ }).casesOpened,
    ).toBeNull();
    expect(Deposits.eligibilityWindow({ deposit: unlimited(), now: "2026-07-01T04:00:00.000Z", timeZone: TZ })).toEqual(
      expect.objectContaining({ casesOpened: null }),
    );
  });
});

describe("which quality disputes count as lost (the `qualityDisputesLost` counter a limited term sums)", () => {
  const PLACED = "2026-03-01T02:00:00.000Z";
  const OPENED = "2026-03-10T02:00:00.000Z";
  const SETTLED = "2026-03-12T02:00:00.000Z";

  function placedOrder(): Order {
    const created = Orders.create({
      id: "o1",
      sellerId: "s1",
      settlementCurrency: "CNY",
      timeZone: "UTC",
      input: {
        marketplaceOrderId: "AE-1",
        items: [{ sku: "S", title: "T", quantity: 1 }],
        buyerTotal: USD(10_000),
        settlementAmount: CNY(700),
        buyerCountry: "US",
        placedAt: PLACED,
        handlingDays: 3,
        shipBy: null,
      },
      now: PLACED,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.value;
  }

  /** The value of a decision that must succeed. */
  function value<T>(result: Errors.Result<T>): T {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value;
  }

  function opened(reason: Cases.CaseReason = "QUALITY_ISSUE"): { order: Order; case: Case } {
    const order = placedOrder();
    const raw = { orderId: order.id, reason, source: "BUYER", claimText: "The stitching came apart on day one." };
    const input = value(Errors.parseInput(Cases.OpenCaseInput, raw, { now: OPENED }));
    const c = value(
      Cases.open({ id: "c1", order, openCaseOpeners: [], openBuyerCases: [], input, roles: ["BUYER"], now: OPENED }),
    ).case;
    return { order, case: c };
  }

  /** The buyer accepts the seller's offer of `kind` (inputs parsed as the api does): the case before and after. */
  function settledByOffer(kind: string, reason?: Cases.CaseReason) {
    const { order, case: c } = opened(reason);
    const terms = kind === "DISCOUNT" ? { percentOff: 10 } : { amount: USD(500) };
    const raw = { caseId: c.id, kind, ...terms, expiresAt: "2026-03-20T00:00:00.000Z" };
    const offer = value(Errors.parseInput(Cases.MakeCompensationOfferInput, raw, { now: OPENED }));
    const made = value(Cases.makeOffer({ case: c, order, id: "f1", input: offer, roles: ["SELLER"], now: OPENED }));
    const answer = value(
      Errors.parseInput(
        Cases.RespondToCompensationOfferInput,
        { caseId: c.id, offerId: "f1", accept: true },
        {
          now: SETTLED,
        },
      ),
    );
    const accepted = value(
      Cases.respondToOffer({ case: made.case, order, input: answer, roles: ["BUYER"], now: SETTLED }),
    );
    expect(accepted.case.outcome).toBe("COMPENSATION_ACCEPTED");
    return { before: made.case, after: accepted.case };
  }

  /** The seller records `remedy` and resolves the case with `outcome`. */
  function settledBySeller(remedy: string, outcome: string) {
    const { order, case: c } = opened();
    const kind = value(Errors.parseInput(Cases.RecordRemedyInput, { caseId: c.id, kind: remedy }, { now: OPENED }));
    const recorded = value(
      Cases.recordRemedy({ case: c, order, id: "r1", input: kind, roles: ["SELLER"], now: OPENED }),
    );
    const resolution = value(Errors.parseInput(Cases.ResolveCaseInput, { caseId: c.id, outcome }, { now: SETTLED }));
    const resolved = value(
      Cases.resolve({
        case: recorded.case,
        order: recorded.order ?? order,
        input: resolution,
        roles: ["SELLER"],
        now: SETTLED,
      }),
    );
    return { before: recorded.case, after: resolved.case };
  }

  /**
   * The seller records `remedy` (money back, a replacement, or an apology), then the case ends without the seller's
   * own outcome: the buyer accepts a one-cent coupon, or withdraws.
   */
  function endedAfterRemedy(remedy: string, ending: "COUPON" | "BUYER_WITHDREW") {
    const { order, case: c } = opened();
    const raw = { caseId: c.id, kind: remedy, ...(remedy === "PARTIAL_REFUND" ? { amount: USD(500) } : {}) };
    const kind = value(Errors.parseInput(Cases.RecordRemedyInput, raw, { now: OPENED }));
    const recorded = value(
      Cases.recordRemedy({ case: c, order, id: "r1", input: kind, roles: ["SELLER"], now: OPENED }),
    );
    const after = recorded.order ?? order;
    if (ending === "BUYER_WITHDREW") {
      const withdrawal = { caseId: c.id, outcome: "BUYER_WITHDREW" };
      const input = value(Errors.parseInput(Cases.ResolveCaseInput, withdrawal, { now: SETTLED }));
      const resolved = value(
        Cases.resolve({ case: recorded.case, order: after, input, roles: ["BUYER"], now: SETTLED }),
      );
      return { before: recorded.case, after: resolved.case };
    }
    const terms = { caseId: c.id, kind: "COUPON", amount: USD(1), expiresAt: "2026-03-20T00:00:00.000Z" };
    const coupon = value(Errors.parseInput(Cases.MakeCompensationOfferInput, terms, { now: OPENED }));
    // Goodwill on top of a full refund is refused today (refunds plus compensation never pass what was paid); a case
    // settled so under the earlier rule is stored all the same, so the coupon is taken on the order as it was before
    // the refund, to count such a case.
    const couponOrder = after.refundedMinor >= after.buyerTotal.amountMinor ? order : after;
    const made = value(
      Cases.makeOffer({
        case: recorded.case,
        order: couponOrder,
        id: "f1",
        input: coupon,
        roles: ["SELLER"],
        now: OPENED,
      }),
    );
    const answer = { caseId: c.id, offerId: "f1", accept: true };
    const input = value(Errors.parseInput(Cases.RespondToCompensationOfferInput, answer, { now: SETTLED }));
    const accepted = value(
      Cases.respondToOffer({ case: made.case, order: couponOrder, input, roles: ["BUYER"], now: SETTLED }),
    );
    expect(accepted.case.outcome).toBe("COMPENSATION_ACCEPTED");
    return { before: made.case, after: accepted.case };
  }

  /**
   * The buyer takes the seller's exchange (REPLACEMENT_WITH_RETURN): the goods go back and the seller ships new ones,
   * which resolves the case REPLACED (a seller cannot close a buyer's dispute as REPLACED on a recorded remedy).
   */
  function settledByExchange() {
    const { order: placed, case: c } = opened();
    const parcel = { orderId: placed.id, carrier: "Cainiao", trackingNumber: "LP0001" };
    const order = value(Orders.markShipped({ order: placed, input: parcel, now: PLACED }));
    const terms = { caseId: c.id, kind: "REPLACEMENT_WITH_RETURN" as const, expiresAt: "2026-03-20T00:00:00.000Z" };
    const made = value(Cases.makeOffer({ case: c, order, id: "x1", input: terms, roles: ["SELLER"], now: OPENED }));
    const answer = { caseId: c.id, offerId: "x1", accept: true };
    const taken = value(Cases.respondToOffer({ case: made.case, order, input: answer, roles: ["BUYER"], now: OPENED }));
    const returnId = taken.case.returns.at(-1)!.id;
    const back = { caseId: c.id, returnId, carrier: "YunExpress", trackingNumber: "YT0001" };
    const shippedBack = value(Returns.shipReturn({ case: taken.case, input: back, roles: ["BUYER"], now: OPENED }));
    const received = value(
      Returns.confirmReturnReceived({
        case: shippedBack.case,
        input: { caseId: c.id, returnId },
        roles: ["SELLER"],
        now: OPENED,
      }),
    );
    const replacement = { caseId: c.id, returnId, carrier: "Cainiao", trackingNumber: "LP0002" };
    const replaced = value(
      Returns.shipReplacement({ case: received.case, input: replacement, roles: ["SELLER"], now: SETTLED }),
    );
    expect(replaced.case.outcome).toBe("REPLACED");
    return { before: received.case, after: replaced.case };
  }

  /** What the resolving change adds to the day it happened on (Shanghai), and what a recount finds there. */
  function counted({ before, after }: { before: Case; after: Case }) {
    const day = Time.dayOf(SETTLED, TZ);
    const moved = Stats.caseActivityDeltas(before, after, TZ)[day] ?? {};
    const recounted = Stats.recountAll([placedOrder()], [after], TZ)[day] ?? {};
    const pick = (c: Stats.DayCounters) => ({
      casesResolvedForBuyer: c.casesResolvedForBuyer ?? 0,
      qualityDisputesLost: c.qualityDisputesLost ?? 0,
    });
    expect(pick(recounted)).toEqual(pick(moved));
    return { ...pick(moved), lostAt: Stats.qualityDisputeLostAt(after) };
  }

  const lost = { casesResolvedForBuyer: 1, qualityDisputesLost: 1, lostAt: SETTLED };
  const notLost = { casesResolvedForBuyer: 0, qualityDisputesLost: 0, lostAt: null };

  it("counts one settled by money back through an accepted offer: part of the payment back, or a discount", () => {
    expect(counted(settledByOffer("PARTIAL_REFUND"))).toEqual(lost);
    expect(counted(settledByOffer("DISCOUNT"))).toEqual(lost);
  });

  it("counts one settled by an exchange the buyer took, or a refund the seller recorded, as before", () => {
    expect(counted(settledByExchange())).toEqual(lost);
    expect(counted(settledBySeller("FULL_REFUND", "REFUNDED"))).toEqual(lost);
  });

  it("does not count a goodwill gesture the buyer accepted: a coupon, a gift, free shipping", () => {
    for (const kind of ["COUPON", "GIFT", "FREE_SHIPPING"])
      expect(counted(settledByOffer(kind)), kind).toEqual(notLost);
  });

  it("counts one given money back or replaced goods before a coupon settled it or the buyer withdrew it", () => {
    // Else a seller refunds in part (or, before goodwill had to fit beside refunds, in full), then closes the dispute
    // with a one-cent coupon and keeps it off its record.
    for (const remedy of ["FULL_REFUND", "PARTIAL_REFUND", "REPLACEMENT", "RESEND"])
      for (const ending of ["COUPON", "BUYER_WITHDREW"] as const)
        expect(counted(endedAfterRemedy(remedy, ending)), `${remedy}, ${ending}`).toEqual(lost);
  });

  it("counts one whose refund remedy was stored without its amount, then settled with a coupon", () => {
    const { before, after } = endedAfterRemedy("FULL_REFUND", "COUPON");
    const unpriced = after.remedies.map((r) => ({ ...r, amount: null }));
    expect(counted({ before: { ...before, remedies: unpriced }, after: { ...after, remedies: unpriced } })).toEqual(
      lost,
    );
  });

  it("does not count one the buyer withdrew, or settled with a coupon, after an apology alone", () => {
    for (const ending of ["COUPON", "BUYER_WITHDREW"] as const)
      expect(counted(endedAfterRemedy("APOLOGY", ending)), ending).toEqual(notLost);
  });

  it("counts money back on a dispute of another reason as resolved for the buyer, not as a quality dispute", () => {
    expect(counted(settledByOffer("PARTIAL_REFUND", "NOT_RECEIVED"))).toEqual({ ...notLost, casesResolvedForBuyer: 1 });
  });
});

describe("an unlimited deposit", () => {
  const now = "2026-12-10T00:00:00.000Z";
  const everyMonth = { "2026-09-03": 6_000_000, "2026-10-20": 5_000_000, "2026-11-30": 5_500_000 };

  it("that meets the sustained-sales rule is eligible, but the decision stays with an operator", () => {
    const result = check({ deposit: unlimited(), now, salesByDay: everyMonth });
    expect(result).toMatchObject({ eligible: true, recommendation: "REFER_TO_OPERATOR", blockers: [] });
    expect(result.progress).toMatchObject({
      salesToDate: CNY(165_000),
      salesTarget: null,
      termEndsAt: null,
      daysLeft: null,
      monthsMeetingRule: 3,
      monthsRequired: 3,
    });
    expect(result.progress.monthlySales!.map((m) => [m.month, m.meetsRule])).toEqual([
      ["2026-09", true],
      ["2026-10", true],
      ["2026-11", true],
    ]);
  });

  it("that misses a month is not eligible, and the blocker names the month and the shortfall", () => {
    const result = check({ deposit: unlimited(), now, salesByDay: { ...everyMonth, "2026-10-20": 4_200_000 } });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(result.progress).toMatchObject({ monthsMeetingRule: 2, monthsRequired: 3 });
    expect(result.blockers.map((b) => b.code)).toEqual(["SUSTAINED_SALES_NOT_MET"]);
    expect(result.blockers[0]!.message).toContain(
      `2026-10 (${Money.format(CNY(42_000))}, ${Money.format(CNY(8_000))} short)`,
    );
    expect(result.blockers[0]!.message).toContain(Money.format(CNY(50_000)));
  });

  it(
    "counts only the months it was held from their first instant: paid days ago, it is not refundable on the sales " +
      "of the months before",
    () => {
      // Three good months, all before the deposit was paid on 10 November (Shanghai).
      const paidLate = check({
        deposit: deposit(unlimitedInput({ paidAt: "2026-11-10T00:00:00Z" }), now),
        now,
        salesByDay: everyMonth,
      });
      expect(paidLate).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
      expect(paidLate.progress).toMatchObject({ salesToDate: CNY(165_000), monthsMeetingRule: 0, monthsRequired: 3 });
      expect(paidLate.progress.monthlySales!.map((m) => m.meetsRule)).toEqual([false, false, false]);
      expect(paidLate.blockers.map((b) => b.code)).toEqual(["SUSTAINED_SALES_NOT_MET"]);
      // December is the first month held all of; after three of them, the rule can be met.
      expect(paidLate.blockers[0]!.message).toBe(
        "The deposit was paid on 2026-11-10: it has been held for 0 of the 3 full calendar months the rule needs " +
          `(at least ${Money.format(CNY(50_000))} in sales in each), and a month that began before it was paid ` +
          "does not count. Keep selling: the rule can be met on 2027-03-01 at the earliest.",
      );
      const zh = I18n.writer({ language: "zh-CN", timeZone: TZ })(paidLate.blockers[0]!.text);
      expect(zh).toContain("该保证金于2026年11月10日缴纳");
      expect(zh).toContain("至今仅持有 0 个");

      // Paid at the first instant of September: September counts. A second later it does not.
      const paidAtMidnight = deposit(unlimitedInput({ paidAt: "2026-09-01T00:00:00+08:00" }), now);
      expect(check({ deposit: paidAtMidnight, now, salesByDay: everyMonth })).toMatchObject({
        eligible: true,
        recommendation: "REFER_TO_OPERATOR",
      });
      const paidASecondLater = check({
        deposit: deposit(unlimitedInput({ paidAt: "2026-09-01T00:00:01+08:00" }), now),
        now,
        salesByDay: { ...everyMonth, "2026-10-20": 4_200_000 },
      });
      expect(paidASecondLater.progress.monthsMeetingRule).toBe(1);
      // Held for October and November; October fell short, so the run of three starts in November.
      expect(paidASecondLater.blockers[0]!.message).toContain("held for 2 of the 3 full calendar months");
      expect(paidASecondLater.blockers[0]!.message).toContain(
        `Of the months it was held, 1 fell short: 2026-10 (${Money.format(CNY(42_000))}`,
      );
      expect(paidASecondLater.blockers[0]!.message).toContain("the rule can be met on 2027-02-01 at the earliest");
    },
  );

  it("is blocked by a MAJOR or worse violation in the last 12 months, not by an older one", () => {
    const at = (v: Deposits.Violation) => check({ deposit: unlimited(), now, salesByDay: everyMonth, violations: [v] });
    expect(
      at(violation({ kind: "COUNTERFEIT", severity: "CRITICAL", occurredAt: "2025-12-09T00:00:00.000Z" })).eligible,
    ).toBe(true);
    expect(
      at(violation({ kind: "LATE_SHIPMENT_BREACH", severity: "MINOR", occurredAt: "2026-11-01T00:00:00.000Z" }))
        .eligible,
    ).toBe(true);
    const blocked = at(violation({ kind: "COUNTERFEIT", severity: "MAJOR", occurredAt: "2026-05-01T00:00:00.000Z" }));
    expect(blocked.recommendation).toBe("NOT_ELIGIBLE");
    expect(blocked.blockers).toMatchObject([
      { code: "BLOCKING_VIOLATION", message: expect.stringContaining("counterfeit violation on 2026-05-01") },
    ]);
    expect(blocked.blockers[0]!.message).toContain("stops blocking on 2027-05-01");
  });

  it(
    "is not blocked by a MINOR violation of any kind: only MAJOR and above block, and QUALITY of any severity " +
      "blocks limited-term deposits only",
    () => {
      const at = (v: Deposits.Violation) =>
        check({ deposit: unlimited(), now, salesByDay: everyMonth, violations: [v] });
      for (const kind of Deposits.VIOLATION_KINDS) {
        expect(at(violation({ kind, severity: "MINOR", occurredAt: "2026-10-01T00:00:00.000Z" })), kind).toMatchObject({
          eligible: true,
          blockers: [],
        });
        expect(
          at(violation({ kind, severity: "MAJOR", occurredAt: "2026-10-01T00:00:00.000Z" })).blockers.map(
            (b) => b.code,
          ),
          kind,
        ).toEqual(["BLOCKING_VIOLATION"]);
      }
    },
  );

  it(
    "counts calendar months in the seller's time zone: in Shanghai a " +
      "sale at 2026-10-31T17:00Z belongs to November",
    () => {
      const saleAt = "2026-10-31T17:00:00.000Z";
      const d = unlimited({ sustainedRule: { minMonthlySales: CNY(1_000), months: 1 } });
      const salesIn = (timeZone: string) => ({ [Time.dayOf(saleAt, timeZone)]: 100_000 });
      expect(salesIn(TZ)).toEqual({ "2026-11-01": 100_000 });

      const inShanghai = check({ deposit: d, now: "2026-12-15T00:00:00.000Z", salesByDay: salesIn(TZ), timeZone: TZ });
      expect(inShanghai.progress.monthlySales).toEqual([{ month: "2026-11", sales: CNY(1_000), meetsRule: true }]);
      const inUtc = check({ deposit: d, now: "2026-12-15T00:00:00.000Z", salesByDay: salesIn("UTC"), timeZone: "UTC" });
      expect(inUtc.progress.monthlySales).toEqual([{ month: "2026-11", sales: CNY(0), meetsRule: false }]);

      // At 2026-11-30T16:30Z it is already 1 December in Shanghai: November is the last full month there.
      const atMidnight = check({ deposit: d, now: "2026-11-30T16:30:00.000Z", salesByDay: salesIn(TZ) });
      expect(atMidnight).toMatchObject({ eligible: true, recommendation: "REFER_TO_OPERATOR" });
      expect(
        Deposits.eligibilityWindow({ deposit: d, now: "2026-11-30T16:30:00.000Z", timeZone: TZ }).salesDays,
      ).toEqual({
        from: "2026-11-01",
        to: "2026-11-30",
      });
    },
  );
});

describe("recording a deposit", () => {
  it(
    "refuses a deposit or a target in another currency than the " + "seller's settlement currency, naming the field",
    () => {
      expect(recordDeposit(limitedTermInput({ salesTarget: { amountMinor: 100, currency: "USD" } }))).toMatchObject({
        ok: false,
        errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "salesTarget", "currency"] }],
      });
      expect(recordDeposit(limitedTermInput({ amount: { amountMinor: 100, currency: "USD" } }))).toMatchObject({
        ok: false,
        errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "amount", "currency"] }],
      });
      expect(
        recordDeposit(
          unlimitedInput({ sustainedRule: { minMonthlySales: { amountMinor: 1, currency: "EUR" }, months: 3 } }),
        ),
      ).toMatchObject({
        ok: false,
        errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "sustainedRule", "minMonthlySales", "currency"] }],
      });
    },
  );

  it("needs the fields of its kind, and only those", () => {
    const missing = recordDeposit(limitedTermInput({ termEnd: undefined, salesTarget: null }));
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual([
      ["input", "termEnd"],
      ["input", "salesTarget"],
    ]);
    const mixed = recordDeposit(unlimitedInput({ termStart: "2026-01-01T00:00:00Z" }));
    expect(mixed).toMatchObject({ ok: false, errors: [{ code: "INVALID_INPUT", field: ["input", "termStart"] }] });
    expect(recordDeposit(limitedTermInput({ sustainedRule: { minMonthlySales: CNY(1), months: 1 } }))).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "sustainedRule"] }],
    });
  });

  it(
    "checks what a schema cannot: a term that ends after it starts, positive amounts, a payment not in the future, " +
      "1 to 24 months",
    () => {
      const fieldOf = (r: ReturnType<typeof recordDeposit>) => (r.ok ? null : r.errors[0]!.field);
      expect(fieldOf(recordDeposit(limitedTermInput({ termEnd: "2025-12-31T00:00:00Z" })))).toEqual([
        "input",
        "termEnd",
      ]);
      expect(fieldOf(recordDeposit(limitedTermInput({ amount: CNY(0) })))).toEqual(["input", "amount", "amountMinor"]);
      expect(fieldOf(recordDeposit(limitedTermInput({ paidAt: "2026-02-01T00:00:00Z" })))).toEqual(["input", "paidAt"]);
      expect(
        fieldOf(recordDeposit(unlimitedInput({ sustainedRule: { minMonthlySales: CNY(1), months: 25 } }))),
      ).toEqual(["input", "sustainedRule", "months"]);
      expect(fieldOf(recordDeposit(unlimitedInput({ sustainedRule: { minMonthlySales: CNY(1), months: 0 } })))).toEqual(
        ["input", "sustainedRule", "months"],
      );
    },
  );

  it("refuses a term that ended before the deposit was paid, or began before it: its sales would count unheld", () => {
    const ended = recordDeposit(
      limitedTermInput({
        paidAt: "2026-06-15T03:00:00Z",
        termStart: "2026-07-01T00:00:00+08:00",
        termEnd: "2026-06-01T00:00:00+08:00",
      }),
      "2026-06-15T04:00:00Z",
    );
    // termEnd before termStart: that one sentence, not a second about paidAt.
    expect(ended).toMatchObject({ ok: false, errors: [{ field: ["input", "termEnd"] }] });
    const lastYear = recordDeposit(limitedTermInput({ paidAt: "2027-06-15T03:00:00Z" }), "2027-06-15T04:00:00Z");
    expect(lastYear).toMatchObject({
      ok: false,
      errors: [
        { code: "INVALID_INPUT", field: ["input", "termEnd"], message: expect.stringContaining("paidAt") },
        { code: "INVALID_INPUT", field: ["input", "termStart"], message: expect.stringContaining("paidAt") },
      ],
    });
    const startedBefore = recordDeposit(
      limitedTermInput({ paidAt: "2026-01-02T10:00:00+08:00" }),
      "2026-01-03T00:00:00Z",
    );
    expect(startedBefore).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT", field: ["input", "termStart"], message: expect.stringContaining("paidAt") }],
    });
    // Paid at the term's first instant, or before it: held for the whole term.
    expect(recordDeposit(limitedTermInput({ paidAt: "2026-01-01T00:00:00+08:00" }), "2026-01-03T00:00:00Z").ok).toBe(
      true,
    );
    expect(recordDeposit(limitedTermInput(), "2026-01-03T00:00:00Z").ok).toBe(true);
  });

  it("stores a held deposit at version 1 with the instants normalised to UTC", () => {
    expect(limitedTerm()).toMatchObject({
      id: "d1",
      sellerId: "s1",
      status: "HELD",
      termStart: "2025-12-31T16:00:00.000Z",
      sustainedRule: null,
      refundedAmount: null,
      version: 1,
    });
    expect(Deposits.Info.parse(unlimited())).toMatchObject({ kind: "UNLIMITED", termStart: null, salesTarget: null });
  });
});

describe("recording a violation", () => {
  it("takes a kind, a severity, a date not in the future and a note", () => {
    const parsed = Errors.parseInput(
      Deposits.RecordViolationInput,
      {
        sellerId: "s1",
        kind: "QUALITY",
        severity: "MAJOR",
        occurredAt: "2026-03-01T09:00:00+08:00",
        note: "Batch failed inspection",
      },
      { now: "2026-03-02T00:00:00.000Z" },
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const now = "2026-03-02T00:00:00.000Z";
    expect(Deposits.recordViolation({ id: "v1", sellerId: "s1", input: parsed.value, now })).toMatchObject({
      ok: true,
      value: { kind: "QUALITY", severity: "MAJOR", occurredAt: "2026-03-01T01:00:00.000Z", recordedAt: now },
    });
    const future = Deposits.recordViolation({
      id: "v2",
      sellerId: "s1",
      input: { ...parsed.value, occurredAt: "2026-03-03T00:00:00.000Z" },
      now,
    });
    expect(future).toMatchObject({ ok: false, errors: [{ field: ["input", "occurredAt"] }] });
    expect(
      Errors.parseInput(
        Deposits.RecordViolationInput,
        { ...parsed.value, severity: "SEVERE" },
        { now: "2026-03-02T00:00:00.000Z" },
      ).ok,
    ).toBe(false);
  });
});

describe("a violation recorded by a clock running ahead (its occurredAt after its recordedAt)", () => {
  // recordViolation accepts an occurredAt up to 5 minutes ahead of the server's clock: an operator's machine that
  // runs fast. Such a violation counts from when it was recorded, never later.
  it("recorded before a limited term ends, blocks its refund even though its occurredAt is past the end", () => {
    const termEnd = "2026-12-31T16:00:00.000Z"; // 2027-01-01 00:00 in Shanghai
    const skewed = violation({
      kind: "QUALITY",
      severity: "MAJOR",
      recordedAt: "2026-12-31T15:58:00.000Z",
      occurredAt: "2026-12-31T16:03:00.000Z",
    });
    const recorded = Deposits.recordViolation({
      id: "v1",
      sellerId: "s1",
      input: { sellerId: "s1", kind: "QUALITY", severity: "MAJOR", occurredAt: skewed.occurredAt, note: "noted" },
      now: skewed.recordedAt,
    });
    expect(recorded.ok).toBe(true);
    const result = check({
      deposit: limitedTerm(),
      now: "2027-01-05T00:00:00.000Z",
      salesByDay: { "2026-06-01": 50_000_000 },
      violations: [skewed],
    });
    expect(toMsOf(skewed.occurredAt)).toBeGreaterThan(toMsOf(termEnd));
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(result.blockers.map((b) => b.code)).toEqual(["QUALITY_VIOLATION"]);
    // The day named is the day it was recorded on, in the seller's time zone: the term's last day.
    expect(result.blockers[0]!.message).toContain("2026-12-31");
  });

  it("blocks an unlimited deposit from the moment it is recorded, not minutes later", () => {
    const now = "2026-12-10T00:00:00.000Z";
    const everyMonth = { "2026-09-03": 6_000_000, "2026-10-20": 5_000_000, "2026-11-30": 5_500_000 };
    const skewed = violation({
      severity: "MAJOR",
      recordedAt: "2026-12-09T23:59:00.000Z",
      occurredAt: "2026-12-10T00:03:00.000Z",
    });
    const result = check({ deposit: unlimited(), now, salesByDay: everyMonth, violations: [skewed] });
    expect(result).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(result.blockers.map((b) => b.code)).toEqual(["BLOCKING_VIOLATION"]);
    expect(Deposits.violationCountedAt(skewed)).toBe(skewed.recordedAt);
    expect(Deposits.violationCountedAt(violation({}))).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("a refund application", () => {
  const now = "2027-01-05T00:00:00.000Z";
  const eligibleDeposit = () => {
    const d = limitedTerm();
    return { deposit: d, eligibility: check({ deposit: d, now }) };
  };

  it("must carry the quality inspection report: without it, MISSING_DOCUMENTS names it", () => {
    const { deposit: d, eligibility } = eligibleDeposit();
    const result = Deposits.applyForRefund({
      deposit: d,
      eligibility,
      documents: [documents[0]!],
      existingOpenApplication: null,
      id: "a1",
      now,
    });
    expect(result).toMatchObject({ ok: false, errors: [{ code: "MISSING_DOCUMENTS", field: ["input", "documents"] }] });
    const message = result.ok ? "" : result.errors[0]!.message;
    expect(message).toContain("QUALITY_INSPECTION_REPORT");
    expect(message).not.toMatch(/missing:.*SALES_DATA/);
    // Eligibility reports the same for an application being prepared.
    expect(check({ deposit: d, now, documents: [documents[0]!] }).missingDocuments).toEqual([
      "QUALITY_INSPECTION_REPORT",
    ]);
    expect(eligibility.requiredDocuments).toEqual(["SALES_DATA", "QUALITY_INSPECTION_REPORT"]);
  });

  it("needs a file of its own for each required kind: one checksum or reference as two is MISSING_DOCUMENTS", () => {
    const { deposit: d, eligibility } = eligibleDeposit();
    const apply = (docs: Deposits.EvidenceDocument[]) =>
      Deposits.applyForRefund({
        deposit: d,
        eligibility,
        documents: docs,
        existingOpenApplication: null,
        id: "a1",
        now,
      });
    const sameFile = [documents[0]!, { ...documents[0]!, kind: "QUALITY_INSPECTION_REPORT" as const, title: "QC" }];
    const result = apply(sameFile);
    expect(result).toMatchObject({ ok: false, errors: [{ code: "MISSING_DOCUMENTS", field: ["input", "documents"] }] });
    expect(result.ok ? "" : result.errors[0]!.message).toBe(
      "One file (evidence/s1/sales-2026.csv) is given as sales data (SALES_DATA) and a quality inspection report " +
        "(QUALITY_INSPECTION_REPORT): documents with the same reference or the same checksum are one file, and each " +
        "required document must be a file of its own. Attach a separate file for each.",
    );
    // The same file under another reference is still the same file.
    expect(apply([documents[0]!, { ...documents[1]!, checksum: documents[0]!.checksum }]).ok).toBe(false);
    // The same reference is the same file whatever checksums the caller writes beside it: as given, with the URL's
    // scheme and host in another case, a default port, a fragment or a trailing slash.
    const qc = documents[1]!;
    for (const reference of [
      qc.reference,
      " HTTPS://Example.COM/qc/2026.pdf",
      "https://example.com:443/qc/2026.pdf#page=2",
      "https://example.com/qc/2026.pdf/",
    ]) {
      const refused = apply([{ ...documents[0]!, reference }, qc]);
      expect(refused, reference).toMatchObject({ ok: false, errors: [{ code: "MISSING_DOCUMENTS" }] });
      expect(refused.ok ? "" : refused.errors[0]!.message).toContain(`One file (${reference}) is given as sales data`);
    }
    expect(
      apply([
        { ...documents[0]!, reference: "evidence/s1/qc/" },
        { ...qc, reference: "evidence/s1/qc" },
      ]).ok,
    ).toBe(false);
    // A path or a query in another case, or another query, may be another file; an object key is case-sensitive.
    expect(apply([{ ...documents[0]!, reference: "https://example.com/QC/2026.pdf" }, qc]).ok).toBe(true);
    expect(apply([{ ...documents[0]!, reference: `${qc.reference}?v=2` }, qc]).ok).toBe(true);
    expect(apply([{ ...documents[0]!, reference: "Evidence/s1/sales-2026.csv" }, qc]).ok).toBe(true);
    // A chain of matches is one file, named once: a third document with the first's reference and the second's
    // checksum.
    const chained = apply([documents[0]!, qc, { ...documents[0]!, checksum: qc.checksum }]);
    expect(chained).toMatchObject({ ok: false, errors: [{ code: "MISSING_DOCUMENTS" }] });
    expect(chained.ok ? [] : chained.errors).toHaveLength(1);
    // An OTHER document may repeat a required one; the same kind twice is harmless.
    expect(apply([...documents, { ...documents[0]!, kind: "OTHER" }]).ok).toBe(true);
    expect(apply([...documents, documents[0]!]).ok).toBe(true);
  });

  it(
    "while it waits, eligibility keeps the rules' verdict for the operator: a violation recorded since shows, " +
      "beside REFUND_ALREADY_REQUESTED",
    () => {
      const d = limitedTerm({ salesTarget: CNY(100) });
      const during = "2026-06-15T04:00:00.000Z";
      const salesByDay = { "2026-03-02": 16_000 };
      const applied = Deposits.applyForRefund({
        deposit: d,
        eligibility: check({ deposit: d, now: during, salesByDay }),
        documents,
        existingOpenApplication: null,
        id: "a1",
        now: during,
      });
      if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
      const waiting = applied.value.deposit;
      // No other application is taken, but the rules still recommend the refund the seller applied for.
      expect(check({ deposit: waiting, now: during, salesByDay })).toMatchObject({
        eligible: false,
        recommendation: "REFUND_IN_FULL",
        blockers: [{ code: "REFUND_ALREADY_REQUESTED" }],
        progress: { salesToDate: CNY(160), salesTarget: CNY(100) },
      });
      const counterfeit = violation({ kind: "COUNTERFEIT", severity: "CRITICAL", occurredAt: "2026-06-01T00:00:00Z" });
      const since = check({ deposit: waiting, now: during, salesByDay, violations: [counterfeit] });
      expect(since).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
      expect(since.blockers.map((b) => b.code)).toEqual(["REFUND_ALREADY_REQUESTED", "BLOCKING_VIOLATION"]);
      expect(since.blockers[1]!.message).toContain("critical counterfeit violation on 2026-06-01, during the term");

      // Once refunded the answer is final: only the status, whatever the rules would say now.
      const refunded = { ...waiting, status: "REFUNDED" as const, refundedAmount: waiting.amount };
      expect(check({ deposit: refunded, now: during, salesByDay, violations: [counterfeit] })).toMatchObject({
        eligible: false,
        recommendation: "NOT_ELIGIBLE",
        blockers: [{ code: "ALREADY_REFUNDED" }],
      });
      expect(check({ deposit: refunded, now: during, salesByDay }).blockers).toHaveLength(1);
    },
  );

  it("with its evidence moves the deposit to REFUND_REQUESTED; a second one is refused while the first is open", () => {
    const { deposit: d, eligibility } = eligibleDeposit();
    const applied = Deposits.applyForRefund({
      deposit: d,
      eligibility,
      documents,
      existingOpenApplication: null,
      id: "a1",
      now,
    });
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    expect(applied.value.deposit).toMatchObject({ status: "REFUND_REQUESTED", version: 2, updatedAt: now });
    expect(applied.value.application).toMatchObject({
      id: "a1",
      depositId: "d1",
      sellerId: "s1",
      status: "PENDING",
      // The term ended with no sales recorded: refundable, for the operator to weigh.
      recommendation: "REFER_TO_OPERATOR",
      appliedAt: now,
      decision: null,
      version: 1,
    });
    expect(Deposits.RefundApplication.parse(applied.value.application)).toEqual(applied.value.application);

    const again = Deposits.applyForRefund({
      deposit: applied.value.deposit,
      eligibility: check({ deposit: applied.value.deposit, now }),
      documents,
      existingOpenApplication: applied.value.application,
      id: "a2",
      now,
    });
    expect(again).toMatchObject({ ok: false, errors: [{ code: "APPLICATION_ALREADY_OPEN" }] });
    expect(check({ deposit: applied.value.deposit, now }).blockers.map((b) => b.code)).toEqual([
      "REFUND_ALREADY_REQUESTED",
    ]);
  });

  it("is refused for a deposit that is not eligible, with the blockers as the reason", () => {
    const d = limitedTerm();
    const eligibility = check({ deposit: d, now: "2026-06-01T00:00:00.000Z", qualityDisputesLostInTerm: 5 });
    const result = Deposits.applyForRefund({
      deposit: d,
      eligibility,
      documents,
      existingOpenApplication: null,
      id: "a1",
      now: "2026-06-01T00:00:00.000Z",
    });
    expect(result).toMatchObject({ ok: false, errors: [{ code: "NOT_ELIGIBLE" }] });
    expect(result.ok ? "" : result.errors[0]!.message).toContain("5 disputes");
  });

  it("validates its documents: SHA-256 as 64 lowercase hex characters, an object key or an https URL", () => {
    const valid = { kind: "SALES_DATA", reference: "evidence/s1/sales.csv", checksum: checksum("0"), title: "Sales" };
    const parse = (doc: Record<string, unknown>) =>
      Errors.parseInput(Deposits.ApplyForRefundInput, { depositId: "d1", documents: [doc] }, { now });
    expect(parse(valid).ok).toBe(true);
    expect(parse({ ...valid, reference: "https://files.example.com/sales.csv" }).ok).toBe(true);
    expect(parse({ ...valid, checksum: checksum("A") })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "documents", "0", "checksum"] }],
    });
    expect(parse({ ...valid, checksum: "abc" }).ok).toBe(false);
    expect(parse({ ...valid, reference: "http://files.example.com/sales.csv" })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "documents", "0", "reference"] }],
    });
    expect(parse({ ...valid, reference: "x".repeat(1025) }).ok).toBe(false);
    expect(parse({ ...valid, title: "" }).ok).toBe(false);
  });
});

describe("the operator's decision", () => {
  const now = "2027-01-06T00:00:00.000Z";
  function pending() {
    const d = limitedTerm();
    const applied = Deposits.applyForRefund({
      deposit: d,
      eligibility: check({ deposit: d, now }),
      documents,
      existingOpenApplication: null,
      id: "a1",
      now,
    });
    if (!applied.ok) throw new Error(JSON.stringify(applied.errors));
    return applied.value;
  }
  const decide = (decision: Parameters<typeof Deposits.decideRefund>[0]["decision"], state = pending()) =>
    Deposits.decideRefund({ ...state, decision, recommendation: "REFUND_IN_FULL", now });

  it("approves in full: the deposit is REFUNDED with the whole amount", () => {
    expect(decide({ outcome: "APPROVE_FULL" })).toMatchObject({
      ok: true,
      value: {
        deposit: { status: "REFUNDED", refundedAmount: CNY(10_000), version: 3 },
        application: {
          status: "APPROVED",
          decidedAt: now,
          decision: { outcome: "APPROVE_FULL", amount: CNY(10_000), reason: null },
          version: 2,
        },
      },
    });
  });

  it("refuses a full approval in another currency as CURRENCY_MISMATCH, and the wrong sum as not the whole", () => {
    expect(decide({ outcome: "APPROVE_FULL", amount: USD(1_000_000) })).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          code: "CURRENCY_MISMATCH",
          field: ["input", "amount", "currency"],
          text: expect.objectContaining({ params: { currency: "CNY", given: "USD" } }),
        }),
      ],
    });
    // The same code as a partial approval answers for the same wrong currency.
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: USD(500), reason: "Damaged goods." })).toMatchObject({
      ok: false,
      errors: [{ code: "CURRENCY_MISMATCH" }],
    });
    expect(decide({ outcome: "APPROVE_FULL", amount: CNY(9_999) })).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "amount"] })],
    });
  });

  it("approves in full against a recommendation not to refund only with the reason for overriding the rules", () => {
    const against = (recommendation: Deposits.Recommendation, reason?: string | null) =>
      Deposits.decideRefund({ ...pending(), decision: { outcome: "APPROVE_FULL", reason }, recommendation, now });
    for (const recommendation of ["NOT_YET_ELIGIBLE", "NOT_ELIGIBLE"] as const)
      for (const reason of [undefined, null, "", "  \n "]) {
        expect(against(recommendation, reason), `${recommendation} ${JSON.stringify(reason)}`).toEqual({
          ok: false,
          errors: [
            expect.objectContaining({
              code: "INVALID_INPUT",
              field: ["input", "reason"],
              text: expect.objectContaining({ params: { decision: "override" } }),
            }),
          ],
        });
        const overridden = against(recommendation, "Term ended early by agreement; sales target met.");
        expect(overridden).toMatchObject({ ok: true, value: { deposit: { status: "REFUNDED" } } });
      }
    // Where the rules refund in full, or leave it to the operator, no reason is needed.
    for (const recommendation of ["REFUND_IN_FULL", "REFER_TO_OPERATOR"] as const)
      expect(against(recommendation)).toMatchObject({ ok: true, value: { application: { status: "APPROVED" } } });
  });

  it("approves partially only below the deposit, in its currency, with a deduction reason", () => {
    const reason = "Deduction for two lost quality disputes";
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: CNY(10_001), reason })).toMatchObject({
      ok: false,
      errors: [{ code: "AMOUNT_ABOVE_DEPOSIT", field: ["input", "amount", "amountMinor"] }],
    });
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: CNY(10_000), reason })).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT" }],
    });
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: CNY(0), reason })).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_INPUT" }],
    });
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: { amountMinor: 100, currency: "USD" }, reason })).toMatchObject(
      {
        ok: false,
        errors: [{ code: "CURRENCY_MISMATCH", field: ["input", "amount", "currency"] }],
      },
    );
    expect(decide({ outcome: "APPROVE_PARTIAL", amount: CNY(6_000) })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "reason"] }],
    });
    expect(decide({ outcome: "APPROVE_PARTIAL", reason })).toMatchObject({
      ok: false,
      errors: [{ field: ["input", "amount"] }],
    });

    const partial = decide({ outcome: "APPROVE_PARTIAL", amount: CNY(6_000), reason });
    expect(partial).toMatchObject({
      ok: true,
      value: {
        deposit: { status: "PARTIALLY_REFUNDED", refundedAmount: CNY(6_000) },
        application: {
          status: "PARTIALLY_APPROVED",
          decision: { outcome: "APPROVE_PARTIAL", amount: CNY(6_000), reason },
        },
      },
    });
    if (!partial.ok) return;
    expect(partial.value.deposit.refundedAmount!.amountMinor).toBeLessThan(partial.value.deposit.amount.amountMinor);
    expect(check({ deposit: partial.value.deposit, now }).blockers.map((b) => b.code)).toEqual(["ALREADY_REFUNDED"]);
  });

  it("denies with a reason: the deposit is held again and the seller may apply later", () => {
    expect(decide({ outcome: "DENY" })).toMatchObject({ ok: false, errors: [{ field: ["input", "reason"] }] });
    const denied = decide({ outcome: "DENY", reason: "Reputation review pending" });
    expect(denied).toMatchObject({
      ok: true,
      value: {
        deposit: { status: "HELD", refundedAmount: null },
        application: { status: "DENIED", decision: { amount: null } },
      },
    });
    if (!denied.ok) return;
    expect(check({ deposit: denied.value.deposit, now }).eligible).toBe(true);
  });

  it("cannot decide an application twice", () => {
    const first = decide({ outcome: "APPROVE_FULL" });
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const second = Deposits.decideRefund({
      ...first.value,
      decision: { outcome: "DENY", reason: "changed my mind" },
      recommendation: "REFUND_IN_FULL",
      now,
    });
    expect(second).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    expect(second.ok ? "" : second.errors[0]!.message).toContain("already decided");
  });

  it("refuses a stale expected version", () => {
    const state = pending();
    expect(
      Deposits.decideRefund({
        ...state,
        decision: { outcome: "APPROVE_FULL" },
        recommendation: "REFUND_IN_FULL",
        now,
        expectedVersion: 7,
      }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: "VERSION_CONFLICT" }],
    });
  });
});

describe("how long a violation counts", () => {
  it.each([
    ["2028-02-29", 12, "2029-03-01"],
    ["2026-05-15", 12, "2027-05-15"],
    ["2026-03-31", 1, "2026-05-01"],
    ["2026-12-31", 2, "2027-03-01"],
  ])("a violation on %s counts for %i months: until %s", (day, months, until) => {
    expect(Deposits.violationCountsUntil(day, months)).toBe(until);
  });

  it("stops counting exactly on the day it names, for every day of three years", () => {
    for (const months of [1, 12]) {
      for (let day = "2027-01-01"; day <= "2029-12-31"; day = Time.addDays(day, 1)) {
        const until = Deposits.violationCountsUntil(day, months);
        expect(Deposits.violationCounts(day, Time.addDays(until, -1), months), `${day} ${months}`).toBe(true);
        expect(Deposits.violationCounts(day, until, months), `${day} ${months}`).toBe(false);
      }
    }
  });
});

describe("sales past 2^53 − 1 minor units, the largest amount sent exactly", () => {
  const MAX = Number.MAX_SAFE_INTEGER;

  it("are summed exactly over a term: the target is reached and the figure sent is that amount, 'more than'", () => {
    const result = check({
      deposit: limitedTerm(),
      now: "2026-07-01T04:00:00.000Z",
      salesByDay: { "2026-03-01": MAX, "2026-03-02": MAX },
    });
    expect(result).toMatchObject({ eligible: true, recommendation: "REFUND_IN_FULL", blockers: [] });
    expect(result.progress.salesToDate).toEqual({ amountMinor: MAX, currency: "CNY" });
    expect(result.progress.salesBasis).toContain("never below zero: more than CN¥90,071,992,547,409.91.");
    // A day read back past the range (its counter added exactly) counts as exactly.
    const bigDay = check({
      deposit: limitedTerm(),
      now: "2026-07-01T04:00:00.000Z",
      salesByDay: { "2026-03-01": 2n * BigInt(MAX) },
    });
    expect(bigDay.progress.salesToDate.amountMinor).toBe(MAX);
    expect(bigDay.recommendation).toBe("REFUND_IN_FULL");
  });

  it("stay exact when the term's edges take the total back within the range: no 'more than'", () => {
    const edge = (id: string, placedAt: string): Deposits.EdgeOrder => ({
      id,
      placedAt,
      status: "DELIVERED",
      settlementAmount: { amountMinor: MAX, currency: "CNY" },
      buyerTotal: { amountMinor: MAX, currency: "CNY" },
      refundedMinor: 0,
    });
    // The term starts at noon: two orders placed that morning are in the first day's counter, not in the term.
    const result = check({
      deposit: limitedTerm({ termStart: "2026-01-01T12:00:00+08:00" }),
      now: "2026-07-01T04:00:00.000Z",
      salesByDay: { "2026-01-01": 2n * BigInt(MAX) + 500n, "2026-03-02": MAX - 1_000 },
      edgeOrders: [edge("o1", "2026-01-01T01:00:00.000Z"), edge("o2", "2026-01-01T02:00:00.000Z")],
    });
    expect(result.progress.salesToDate).toEqual({ amountMinor: MAX - 500, currency: "CNY" });
    expect(result.progress.salesBasis).not.toContain("zero: more than");
  });

  it("are summed exactly per month of a sustained rule, each month and the total sent at most as that amount", () => {
    const result = check({
      deposit: unlimited(),
      now: "2026-12-10T00:00:00.000Z",
      salesByDay: { "2026-09-03": MAX, "2026-09-04": MAX, "2026-10-20": MAX, "2026-11-30": 4_000_000 },
    });
    expect(result.progress.monthlySales!.map((m) => [m.month, m.sales.amountMinor, m.meetsRule])).toEqual([
      ["2026-09", MAX, true],
      ["2026-10", MAX, true],
      ["2026-11", 4_000_000, false],
    ]);
    expect(result.progress.salesToDate.amountMinor).toBe(MAX);
    expect(result.progress.salesBasis).toContain("is shown as that amount");
    expect(result.blockers.map((b) => b.code)).toEqual(["SUSTAINED_SALES_NOT_MET"]);
  });
});

describe("the days left of a term", () => {
  // A New York seller's term ends at midnight on 4 November; clocks fall back an hour on 1 November.
  const d = limitedTerm({ termStart: "2026-10-01T00:00:00-04:00", termEnd: "2026-11-04T00:00:00-05:00" });
  const daysLeft = (now: string) =>
    Deposits.eligibility({
      deposit: d,
      violations: [],
      salesByDay: {},
      qualityDisputesLostInTerm: 0,
      now,
      timeZone: "America/New_York",
    }).progress.daysLeft;

  it.each([
    ["2026-10-31T00:30:00-04:00", 4], // 31 Oct, 1, 2 and 3 Nov: 4 days, though 4 days and half an hour remain
    ["2026-10-31T01:30:00-04:00", 4],
    ["2026-10-31T23:59:00-04:00", 4],
    ["2026-11-01T00:00:00-04:00", 3],
    ["2026-11-03T12:00:00-05:00", 1],
    ["2026-11-03T23:59:59-05:00", 1],
    ["2026-11-04T00:00:00-05:00", 0],
  ])("at %s: %i", (now, expected) => {
    expect(daysLeft(now)).toBe(expected);
  });

  // Chile springs forward at midnight: Sunday 6 Sep 2026 begins at 01:00 -03 (04:00Z), and so do the Azores' 29 Mar
  // (01:00Z). A term ending at the start of such a day has the day before as its last: read as 01:00, the end made one
  // day too many in the first hour of every day before it.
  it.each([
    ["America/Santiago", "2026-09-06T04:00:00.000Z", "2026-09-05T04:00:00.000Z", 1], // Sat 5 Sep 00:00 -04
    ["America/Santiago", "2026-09-06T04:00:00.000Z", "2026-09-05T04:30:00.000Z", 1], // 00:30
    ["America/Santiago", "2026-09-06T04:00:00.000Z", "2026-09-05T16:00:00.000Z", 1], // 12:00
    ["America/Santiago", "2026-09-06T04:00:00.000Z", "2026-09-02T04:00:00.000Z", 4], // Wed 2 Sep 00:00: 2–5 Sep
    ["America/Santiago", "2026-09-06T04:00:00.000Z", "2026-09-06T04:00:00.000Z", 0],
    ["Atlantic/Azores", "2026-03-29T01:00:00.000Z", "2026-03-28T01:00:00.000Z", 1], // Sat 28 Mar 00:00 -01
  ])("in %s, a term ending at %s, at %s: %i", (timeZone, termEnd, now, expected) => {
    const term = limitedTerm({ paidAt: "2026-01-01T00:00:00Z", termStart: "2026-01-01T00:00:00Z", termEnd });
    const eligibility = Deposits.eligibility({
      deposit: term,
      violations: [],
      salesByDay: {},
      qualityDisputesLostInTerm: 0,
      now,
      timeZone,
    });
    expect(eligibility.progress.daysLeft).toBe(expected);
  });

  it("reads the seller's wall clock: the repeated hour reads the same twice", () => {
    const first = Time.wallClockMs("2026-11-01T05:30:00.000Z", "America/New_York"); // 01:30 EDT
    const second = Time.wallClockMs("2026-11-01T06:30:00.000Z", "America/New_York"); // 01:30 EST
    expect(second).toBe(first);
    expect(Time.wallClockMs("2026-11-29T16:00:00.250Z", "Asia/Shanghai")).toBe(Date.parse("2026-11-30T00:00:00.250Z"));
  });
});
