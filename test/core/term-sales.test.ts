import { describe, expect, it } from "vitest";
import { Cases, Deposits, Errors, Orders, Stats, type Order } from "@seller-ops/core";

/**
 * Term sales follow one definition: the net settled sales of the orders placed in [termStart,
 * termEnd), as they stand now (nothing for a cancelled order, less the refunds given on those same
 * orders whenever given), never negative; exact at the term's instants, not per seller day.
 */

const TZ = "Asia/Shanghai";
const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });

function order(id: string, placedAtWithOffset: string, overrides: Partial<Order> = {}): Order {
  const placedAt = new Date(placedAtWithOffset).toISOString(); // as the API's input parsing stores it
  const created = Orders.create({
    id,
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: `AE-${id}`,
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "USD" },
      settlementAmount: CNY(700),
      buyerCountry: "US",
      placedAt,
      handlingDays: 3,
      shipBy: null,
    },
    now: placedAt,
  });
  if (!created.ok) throw new Error("fixture");
  return { ...created.value, ...overrides };
}

function limitedTerm(termStart: string, termEnd: string, target = CNY(1_000)): Deposits.Deposit {
  const parsed = Errors.parseInput(
    Deposits.RecordDepositInput,
    {
      kind: "LIMITED_TERM",
      amount: CNY(10_000),
      paidAt: "2026-01-01T00:00:00Z",
      termStart,
      termEnd,
      salesTarget: target,
    },
    { now: "2026-01-02T00:00:00.000Z" },
  );
  if (!parsed.ok) throw new Error("fixture");
  const recorded = Deposits.record({
    id: "d1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    input: parsed.value,
    now: "2026-01-02T00:00:00.000Z",
  });
  if (!recorded.ok) throw new Error("fixture");
  return recorded.value;
}

/** Applies counter deltas to a running per-day total of settled sales. */
function apply(totals: Record<string, number>, deltas: Stats.CounterDeltas) {
  for (const [day, counters] of Object.entries(deltas))
    if (counters.settledSalesMinor) totals[day] = (totals[day] ?? 0) + counters.settledSalesMinor;
  return totals;
}

describe("the daily sales counter", () => {
  it(
    "takes a refund out of the day its order was placed, not the day " +
      "it is given, and never below that order's zero",
    () => {
      const placed = order("o1", "2026-02-20T02:00:00.000Z");
      const totals = apply({}, Stats.orderDeltas(null, placed, TZ));
      expect(totals).toEqual({ "2026-02-20": 70_000 });

      // A full refund given on 2026-03-15, through the order's late-shipment case.
      const opened = Cases.openLateShipmentCase({ order: placed, now: "2026-02-24T00:00:00.000Z" }).case;
      const remedy = {
        id: "r1",
        kind: "FULL_REFUND" as const,
        amount: { amountMinor: 10_000, currency: "USD" },
        note: null,
        reference: null,
        recordedAt: "2026-03-15T08:00:00.000Z",
      };
      const refunded = { ...opened, remedies: [remedy] };
      apply(totals, Stats.caseDeltas(opened, refunded, placed, TZ));
      expect(totals).toEqual({ "2026-02-20": 0 });

      // Cancelling the refunded order takes nothing more out: its net is already zero.
      const after = { ...placed, refundedMinor: 10_000 };
      const cancelled = {
        ...after,
        status: "CANCELLED" as const,
        cancelReason: "BUYER_REQUESTED" as const,
        cancelledAt: "2026-03-16T00:00:00.000Z",
      };
      apply(totals, Stats.orderDeltas(after, cancelled, TZ));
      expect(totals).toEqual({ "2026-02-20": 0 });

      // What the deltas added up to is what a rebuild recomputes from the orders and cases.
      const rebuilt = Stats.recountAll([cancelled], [refunded], TZ);
      expect(rebuilt["2026-02-20"]?.settledSalesMinor ?? 0).toBe(0);
    },
  );

  it("rounds a partial refund's share once per order, so the counters and the order's own net agree exactly", () => {
    const placed = {
      ...order("o2", "2026-02-20T02:00:00.000Z"),
      settlementAmount: { amountMinor: 100, currency: "CNY" },
      buyerTotal: { amountMinor: 3, currency: "USD" },
    };
    const opened = Cases.openLateShipmentCase({ order: placed, now: "2026-02-24T00:00:00.000Z" }).case;
    const refund = (id: string, at: string) => ({
      id,
      kind: "PARTIAL_REFUND" as const,
      amount: { amountMinor: 1, currency: "USD" },
      note: null,
      reference: null,
      recordedAt: at,
    });
    const one = { ...opened, remedies: [refund("r1", "2026-03-01T00:00:00.000Z")] };
    const two = { ...one, remedies: [...one.remedies, refund("r2", "2026-03-02T00:00:00.000Z")] };
    const totals = apply({}, Stats.orderDeltas(null, placed, TZ));
    apply(totals, Stats.caseDeltas(opened, one, placed, TZ));
    apply(totals, Stats.caseDeltas(one, two, { ...placed, refundedMinor: 1 }, TZ));
    expect(totals["2026-02-20"]).toBe(Stats.netSettledMinor({ ...placed, refundedMinor: 2 }));
    expect(totals["2026-02-20"]).toBe(33);
  });
});

describe("sales toward a limited-term target", () => {
  // The term starts at 10:00 and ends at 15:00 Shanghai time, both inside a seller day.
  const deposit = limitedTerm("2026-03-10T10:00:00+08:00", "2026-06-10T15:00:00+08:00");
  const before = order("before", "2026-03-10T09:00:00+08:00");
  const first = order("first", "2026-03-10T11:00:00+08:00");
  const last = order("last", "2026-06-10T14:00:00+08:00");
  const after = order("after", "2026-06-10T16:00:00+08:00");
  const all = [before, first, last, after];
  const counters = all.reduce(
    (totals, o) => apply(totals, Stats.orderDeltas(null, o, TZ)),
    {} as Record<string, number>,
  );

  it("count exactly the orders placed within [termStart, termEnd), not whole first and last days", () => {
    const now = "2026-06-15T04:00:00.000Z";
    const window = Deposits.eligibilityWindow({ deposit, now, timeZone: TZ });
    expect(window.salesDays).toEqual({ from: "2026-03-10", to: "2026-06-10" });
    // The api reads the orders of the hours outside the term on those two days.
    // An application reads every order of those days (`wholeDay`, below).
    expect(window.termEdges).toEqual([
      {
        day: "2026-03-10",
        from: "2026-03-09T00:00:00.000Z",
        before: "2026-03-10T02:00:00.000Z",
        wholeDay: { from: "2026-03-09T00:00:00.000Z", before: "2026-03-11T04:00:00.000Z" },
      },
      {
        day: "2026-06-10",
        from: "2026-06-10T07:00:00.000Z",
        before: "2026-06-11T09:00:00.000Z",
        wholeDay: { from: "2026-06-09T05:00:00.000Z", before: "2026-06-11T09:00:00.000Z" },
      },
    ]);
    const inWindow = (o: Order) => window.termEdges.some((e) => o.placedAt >= e.from && o.placedAt < e.before);
    const result = Deposits.eligibility({
      deposit,
      violations: [],
      salesByDay: counters,
      qualityDisputesLostInTerm: 0,
      now,
      timeZone: TZ,
      edgeOrders: all.filter(inWindow),
    });
    expect(result.progress.salesToDate).toEqual(CNY(1_400));
    expect(result.progress.salesBasis).toContain("orders placed from 10 Mar, 02:00 up to 10 Jun, 07:00 (exclusive)");
    expect(result.progress.salesBasis).toContain("Orders placed before the term, and their refunds, do not count;");
  });

  it(
    "read for an application (every order of the edge days), count the smaller figure: an order the index does not " +
      "show yet never adds to the term",
    () => {
      const now = "2026-06-15T04:00:00.000Z";
      const window = Deposits.eligibilityWindow({ deposit, now, timeZone: TZ });
      const read = (shown: Order[]) =>
        Deposits.eligibility({
          deposit,
          violations: [],
          salesByDay: counters,
          qualityDisputesLostInTerm: 0,
          now,
          timeZone: TZ,
          edgeOrders: shown.filter((o) =>
            window.termEdges.some((e) => o.placedAt >= e.wholeDay.from && o.placedAt < e.wholeDay.before),
          ),
          edgeOrdersWholeDays: true,
        }).progress.salesToDate;
      // Every order shown: the figure the eligibility query answers.
      expect(read(all)).toEqual(CNY(1_400));
      // Placed outside the term a moment ago and not in the index yet: the eligibility query would count it (the
      // counter has it); the application does not.
      expect(read([first, last, after])).toEqual(CNY(1_400));
      expect(read([before, first, last])).toEqual(CNY(1_400));
      const queried = (shown: Order[]) =>
        Deposits.eligibility({
          deposit,
          violations: [],
          salesByDay: counters,
          qualityDisputesLostInTerm: 0,
          now,
          timeZone: TZ,
          edgeOrders: shown.filter((o) => window.termEdges.some((e) => o.placedAt >= e.from && o.placedAt < e.before)),
        }).progress.salesToDate;
      expect(queried([first, last, after])).toEqual(CNY(2_100));
      // Inside the term and not shown yet: the smaller figure, until the index catches up.
      expect(read([before, last, after])).toEqual(CNY(700));
    },
  );

  it("need no order reads when the term's instants start seller days", () => {
    const midnight = limitedTerm("2026-03-10T00:00:00+08:00", "2026-06-10T00:00:00+08:00");
    expect(
      Deposits.eligibilityWindow({ deposit: midnight, now: "2026-06-15T04:00:00.000Z", timeZone: TZ }).termEdges,
    ).toEqual([]);
    // While the term runs, only its first day needs them.
    expect(
      Deposits.eligibilityWindow({ deposit, now: "2026-04-01T00:00:00.000Z", timeZone: TZ }).termEdges,
    ).toHaveLength(1);
  });

  it("are never negative, even from counters written before the definition (until the rebuild)", () => {
    const now = "2026-04-01T00:00:00.000Z";
    const result = Deposits.eligibility({
      deposit,
      violations: [],
      salesByDay: { "2026-03-20": -53_350 },
      qualityDisputesLostInTerm: 0,
      now,
      timeZone: TZ,
      edgeOrders: [],
    });
    expect(result.progress.salesToDate).toEqual(CNY(0));
    expect(result.blockers[0]!.message).toMatch(/^Sales in the term are CN¥0\.00 of/);
  });
});

describe("orders reported after the term ended", () => {
  // A term of whole seller days, 1 March to 1 June (Shanghai), a 1,000 CNY target; each order settles 700 CNY.
  const deposit = limitedTerm("2026-03-01T00:00:00+08:00", "2026-06-01T00:00:00+08:00");
  const termEnd = "2026-05-31T16:00:00.000Z";
  const now = "2026-06-20T04:00:00.000Z";
  const DAY = 24 * 3_600_000;
  /** An order placed at `placedAt` and recorded here at `recordedAt`. */
  const reported = (id: string, placedAt: string, recordedAt: string) => ({
    ...order(id, placedAt),
    createdAt: new Date(recordedAt).toISOString(),
  });
  const assess = (orders: Order[], lateRecordedOrders = orders.filter(Orders.recordedLate)) =>
    Deposits.eligibility({
      deposit,
      violations: [],
      salesByDay: orders.reduce((totals, o) => apply(totals, Stats.orderDeltas(null, o, TZ)), {}),
      qualityDisputesLostInTerm: 0,
      now,
      timeZone: TZ,
      lateRecordedOrders,
    });
  const honest = reported("honest", "2026-03-05T10:00:00+08:00", "2026-03-05T10:05:00+08:00");

  it("is recorded late past a grace of 7 days after its placedAt, not at it", () => {
    expect(Orders.RECORDING_GRACE_MS).toBe(7 * DAY);
    const placedAt = "2026-05-01T00:00:00.000Z";
    expect(Orders.recordedLate({ placedAt, createdAt: new Date(Date.parse(placedAt) + 7 * DAY).toISOString() })).toBe(
      false,
    );
    expect(
      Orders.recordedLate({ placedAt, createdAt: new Date(Date.parse(placedAt) + 7 * DAY + 1).toISOString() }),
    ).toBe(true);
  });

  it("the window asks for the term's late-recorded orders only once the term ended", () => {
    const window = (at: string) => Deposits.eligibilityWindow({ deposit, now: at, timeZone: TZ }).recordedLateInTerm;
    expect(window("2026-05-31T15:59:59.999Z")).toBeNull();
    expect(window(termEnd)).toEqual({ from: "2026-02-28T16:00:00.000Z", before: termEnd });
  });

  it("an order placed in the term and recorded more than 7 days after it, once the term ended, does not count", () => {
    const backdated = reported("backdated", "2026-05-20T10:00:00+08:00", "2026-06-10T10:00:00+08:00");
    const result = assess([honest, backdated]);
    expect(result.progress.salesToDate).toEqual(CNY(700));
    expect(result.progress.salesRecordedAfterTerm).toEqual(CNY(700));
    expect(result.recommendation).toBe("REFER_TO_OPERATOR");
    expect(result.progress.salesBasis).toContain(
      "nor does an order recorded here after the term ended, more than 7 days after it was placed " +
        "(CN¥700.00 of such orders left out).",
    );
    // Without the index's answer (an order stored before it, until `npm run migrate`) it counts, as it did.
    expect(assess([honest, backdated], []).recommendation).toBe("REFUND_IN_FULL");
  });

  it("cancelled, it leaves nothing more out: its net is already out of its day's counter", () => {
    const backdated = reported("backdated", "2026-05-20T10:00:00+08:00", "2026-06-10T10:00:00+08:00");
    const cancelled = { ...backdated, status: "CANCELLED" as const };
    const result = assess([honest, cancelled]);
    expect(result.progress.salesToDate).toEqual(CNY(700));
    expect(result.progress.salesRecordedAfterTerm).toEqual(CNY(0));
  });

  it("an ERP's late sync within 7 days counts, even after the term ended", () => {
    const synced = reported("synced", "2026-05-31T22:00:00+08:00", "2026-06-05T09:00:00+08:00");
    const result = assess([honest, synced]);
    expect(result.progress.salesToDate).toEqual(CNY(1_400));
    expect(result.progress.salesRecordedAfterTerm).toEqual(CNY(0));
    expect(result.recommendation).toBe("REFUND_IN_FULL");
  });

  it("an order recorded late while the term ran counts: the term had not ended when it was reported", () => {
    const imported = reported("imported", "2026-03-02T10:00:00+08:00", "2026-04-20T10:00:00+08:00");
    expect(Orders.recordedLate(imported)).toBe(true);
    const result = assess([honest, imported]);
    expect(result.progress.salesToDate).toEqual(CNY(1_400));
    expect(result.recommendation).toBe("REFUND_IN_FULL");
  });

  it("an order placed outside the term, recorded late after it, changes nothing", () => {
    const old = reported("old", "2026-02-10T10:00:00+08:00", "2026-06-10T10:00:00+08:00");
    const result = assess([honest, old]);
    expect(result.progress.salesToDate).toEqual(CNY(700));
    expect(result.progress.salesRecordedAfterTerm).toEqual(CNY(0));
  });

  it("on a term cut mid-day, read for an application, is taken out once beside the edge day's smaller figure", () => {
    // 10 March 10:00 to 10 June 15:00 (Shanghai), a 2,000 CNY target: the term's last day is read whole.
    const cut = limitedTerm("2026-03-10T10:00:00+08:00", "2026-06-10T15:00:00+08:00", CNY(2_000));
    const inTerm = reported("in-term", "2026-03-20T10:00:00+08:00", "2026-03-20T10:01:00+08:00");
    const lastDay = reported("last-day", "2026-06-10T09:00:00+08:00", "2026-06-10T09:01:00+08:00");
    // Placed on the last day inside the term, recorded 15 days later.
    const backdated = reported("backdated", "2026-06-10T11:00:00+08:00", "2026-06-25T10:00:00+08:00");
    const after = reported("after", "2026-06-10T18:00:00+08:00", "2026-06-10T18:01:00+08:00");
    const all = [inTerm, lastDay, backdated, after];
    const at = "2026-06-28T04:00:00.000Z";
    const window = Deposits.eligibilityWindow({ deposit: cut, now: at, timeZone: TZ });
    expect(window.termEdges.map((e) => e.day)).toEqual(["2026-03-10", "2026-06-10"]);
    const assessCut = (wholeDays: boolean) =>
      Deposits.eligibility({
        deposit: cut,
        violations: [],
        salesByDay: all.reduce((totals, o) => apply(totals, Stats.orderDeltas(null, o, TZ)), {}),
        qualityDisputesLostInTerm: 0,
        now: at,
        timeZone: TZ,
        edgeOrders: all.filter((o) =>
          window.termEdges.some((e) =>
            wholeDays
              ? o.placedAt >= e.wholeDay.from && o.placedAt < e.wholeDay.before
              : o.placedAt >= e.from && o.placedAt < e.before,
          ),
        ),
        edgeOrdersWholeDays: wholeDays,
        lateRecordedOrders: all.filter(Orders.recordedLate),
      });
    for (const wholeDays of [true, false]) {
      const result = assessCut(wholeDays);
      expect(result.progress.salesToDate, String(wholeDays)).toEqual(CNY(1_400));
      expect(result.progress.salesRecordedAfterTerm, String(wholeDays)).toEqual(CNY(700));
      expect(result.recommendation, String(wholeDays)).toBe("REFER_TO_OPERATOR");
    }
  });
});
