import { describe, expect, it } from "vitest";
import { Cases, I18n, Orders, Risk, Stats, type Case, type Order } from "@seller-ops/core";

const TZ = "Asia/Shanghai";
// 20:00 UTC on 19 Sep is 20 Sep in Shanghai: the seller's calendar day, as ordersPlaced counts it.
const PLACED = "2026-09-19T20:00:00.000Z";
const NOW = "2026-11-28T02:00:00.000Z";

function placed(id: string, at = PLACED): Order {
  const created = Orders.create({
    id,
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: `AE-${id}`,
      items: [{ sku: "MUG-1", title: "Mug", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "EUR" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "DE",
      placedAt: at,
      handlingDays: 3,
      shipBy: null,
    },
    now: at,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return created.value;
}

function dispute(order: Order, id: string, reason: Cases.CaseReason, now = NOW): Case {
  const opened = Cases.open({
    id,
    order,
    openCaseOpeners: [],
    openBuyerCases: [],
    input: { orderId: order.id, reason, source: "BUYER", claimAmount: null, claimText: "It broke." },
    roles: ["BUYER"],
    now,
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  return opened.value.case;
}

const dayCounters = (deltas: Stats.CounterDeltas, counter: Stats.Counter) =>
  Object.fromEntries(Object.entries(deltas).flatMap(([day, c]) => (c[counter] ? [[day, c[counter]]] : [])));

describe("the dispute rate counts disputes with the orders they are about", () => {
  it("an order's first buyer dispute counts on the order's placed day (seller's day), as ordersPlaced does", () => {
    const order = placed("o1");
    const first = dispute(order, "c1", "DAMAGED");
    const opening = Stats.caseDeltas(null, first, { ...order, buyerDisputed: false }, TZ);
    expect(dayCounters(opening, "disputesOpened")).toEqual({ "2026-09-20": 1 });
    expect(dayCounters(Stats.orderDeltas(null, order, TZ), "ordersPlaced")).toEqual({ "2026-09-20": 1 });
    // The day the case opened still counts the case itself.
    expect(dayCounters(opening, "casesOpened")).toEqual({ "2026-11-28": 1 });
    // A second complaint about the same order adds nothing; the rebuild recounts the same.
    const second = dispute({ ...order, buyerDisputed: true }, "c2", "QUALITY_ISSUE", "2026-11-29T02:00:00.000Z");
    expect(
      dayCounters(Stats.caseDeltas(null, second, { ...order, buyerDisputed: true }, TZ), "disputesOpened"),
    ).toEqual({});
    expect(dayCounters(Stats.recountAll([order], [second, first], TZ), "disputesOpened")).toEqual({ "2026-09-20": 1 });
  });

  it("a window holds the disputes of the orders placed in it: never more disputed orders than orders", () => {
    // 3 orders placed 70 days ago, disputed today, 1 placed 3 days ago: the 60-day window holds 1 order, 0 disputed.
    const old = ["a", "b", "c"].map((id) => placed(id, "2026-09-19T02:00:00.000Z"));
    const recent = placed("d", "2026-11-25T02:00:00.000Z");
    const cases = old.map((o, i) => dispute(o, `c${i}`, "NOT_RECEIVED"));
    const days = Stats.recountAll([...old, recent], cases, TZ);
    const window60 = Stats.sum(Object.entries(days).flatMap(([day, c]) => (day >= "2026-09-29" ? [c] : [])));
    expect(window60).toMatchObject({ ordersPlaced: 1, disputesOpened: 0 });
    const metric = Risk.sellerHealth({
      window30: window60,
      window60,
      violations: [],
      now: NOW,
      timeZone: TZ,
    }).metrics.find((m) => m.name === "DISPUTE_RATE")!;
    expect(metric).toMatchObject({ numerator: 0, denominator: 1, status: "GOOD" });
  });

  it("counters that disagree (days stored before a rebuild) never show more disputed orders than orders", () => {
    const window60 = Stats.sum([{ ordersPlaced: 1, disputesOpened: 3 }]);
    const metric = Risk.sellerHealth({ window30: window60, window60, violations: [], now: NOW }).metrics.find(
      (m) => m.name === "DISPUTE_RATE",
    )!;
    expect(metric).toMatchObject({ numerator: 1, denominator: 1, value: 100, status: "BAD" });
    expect(I18n.english(metric.explanation)).not.toContain("3 of 1");
  });
});
