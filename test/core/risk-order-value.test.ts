import { describe, expect, it } from "vitest";
import { Cases, I18n, Orders, Risk, Stats, type Order } from "@seller-ops/core";

const TZ = "Asia/Shanghai";
const PLACED = "2026-11-20T00:00:00.000Z";
const SHIP_BY = "2026-11-23T00:00:00.000Z";
const H = 3_600_000;
const at = (ms: number) => new Date(Date.parse(SHIP_BY) + ms).toISOString();

/** An order of CN¥700 (€100) placed 2026-11-20, to ship by 2026-11-23. */
function makeOrder(overrides: Partial<Order> = {}): Order {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "M", title: "Mug", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "EUR" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "DE",
      placedAt: PLACED,
      handlingDays: 3,
      shipBy: null,
    },
    now: PLACED,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return { ...created.value, ...overrides };
}

const factor = (a: Risk.RiskAssessment, code: string) => a.factors.find((f) => f.code === code)!;
const en = (a: Risk.RiskAssessment, code: string) => Risk.inEnglish(factor(a, code).explanation);
/** Each day's `counter`, with the days it does not move left out. */
const byDay = (deltas: Stats.CounterDeltas, counter: Stats.Counter) =>
  Object.fromEntries(Object.entries(deltas).flatMap(([day, c]) => (c[counter] ? [[day, c[counter]]] : [])));

describe("ORDER_VALUE's average order", () => {
  it("is the net settled sales over the orders that kept a sale, not over every order placed", () => {
    // 10 orders of CN¥700 placed, 5 of them cancelled: every order sold was worth CN¥700.
    const window = Stats.sum([{ ordersPlaced: 10, ordersSettled: 5, settledSalesMinor: 5 * 70_000 }]);
    const r = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: window,
      openCases: [],
      now: at(-10 * H),
    });
    expect(factor(r, "ORDER_VALUE")).toMatchObject({ value: 1, contribution: 0 });
    expect(en(r, "ORDER_VALUE")).toContain("1.0 times the seller's average order of the last 30 days (CN¥700.00)");
    // Days counted before `ordersSettled` existed (no rebuild yet) divide by the orders placed, as before: the 9
    // others placed, CN¥2,800 of their sales (CN¥311.11 each).
    const older = Stats.sum([{ ordersPlaced: 10, settledSalesMinor: 5 * 70_000 }]);
    const before = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: older,
      openCases: [],
      now: at(-10 * H),
    });
    expect(factor(before, "ORDER_VALUE").value).toBe(2.25);
  });

  it("is the seller's other orders': the assessed order's own sale is taken out of the window", () => {
    const assess = (order: Order, others: Partial<Record<Stats.Counter, number>>[]) => {
      const own = Object.values(Stats.orderDeltas(null, order, "UTC"));
      const r = Risk.orderRisk({
        order,
        timeZone: "UTC",
        sellerWindow30: Stats.sum([...others, ...own]),
        openCases: [],
        now: at(-10 * H),
      });
      return { value: factor(r, "ORDER_VALUE").value, words: en(r, "ORDER_VALUE") };
    };
    // A CN¥10,000 order and one other of CN¥100: 100 times the average, not 2 times a CN¥5,050 that counts itself.
    const big = makeOrder({ settlementAmount: { amountMinor: 1_000_000, currency: "CNY" } });
    const oneOther = [{ ordersPlaced: 1, ordersSettled: 1, settledSalesMinor: 10_000 }];
    expect(assess(big, oneOther)).toMatchObject({ value: 100, words: expect.stringContaining("(CN¥100.00)") });
    // A new seller's only order: nothing to compare it with, rather than "1.0 times" itself.
    expect(assess(big, []).words).toContain("no other settled sales in the last 30 days");
    // The other order's day counted before `ordersSettled` existed, the assessed order's since: compared with the other
    // order alone (1.0 times), not with a count of 2 that still held itself (2.0 times, falling to 1.0 the day its own
    // day left the window, so more hours overdue lowered the order's risk).
    const olderOther = [{ ordersPlaced: 1, settledSalesMinor: 70_000 }];
    expect(assess(makeOrder(), olderOther).value).toBe(1);
  });

  it("counts an order in ordersSettled on its placed day while its net settlement is above zero", () => {
    const placed = makeOrder();
    expect(byDay(Stats.orderDeltas(null, placed, TZ), "ordersSettled")).toEqual({ "2026-11-20": 1 });
    const cancelled = {
      ...placed,
      status: "CANCELLED" as const,
      cancelReason: "BUYER_REQUESTED" as const,
      cancelledAt: "2026-12-05T00:00:00.000Z",
    };
    expect(byDay(Stats.orderDeltas(placed, cancelled, TZ), "ordersSettled")).toEqual({ "2026-11-20": -1 });
    // A partial refund keeps the sale; a refund of the rest takes it out, on the order's day.
    const opened = Cases.openLateShipmentCase({ order: placed, now: "2026-11-24T00:00:00.000Z" }).case;
    const refund = (id: string, amountMinor: number) => ({
      id,
      kind: "PARTIAL_REFUND" as const,
      amount: { amountMinor, currency: "EUR" },
      note: null,
      reference: null,
      recordedAt: "2026-12-10T00:00:00.000Z",
    });
    const part = { ...opened, remedies: [refund("r1", 4_000)] };
    const all = { ...part, remedies: [...part.remedies, refund("r2", 6_000)] };
    expect(byDay(Stats.caseDeltas(opened, part, placed, TZ), "ordersSettled")).toEqual({});
    const rest = Stats.caseDeltas(part, all, { ...placed, refundedMinor: 4_000 }, TZ);
    expect(byDay(rest, "ordersSettled")).toEqual({ "2026-11-20": -1 });
    expect(byDay(Stats.recountAll([{ ...placed, refundedMinor: 10_000 }], [all], TZ), "ordersSettled")).toEqual({});
    expect(byDay(Stats.recountAll([{ ...placed, refundedMinor: 4_000 }], [part], TZ), "ordersSettled")).toEqual({
      "2026-11-20": 1,
    });
  });

  it("a cancelled order's value is not at stake, case or none, and its sentence says why, not 'no case open'", () => {
    const dispute = Cases.open({
      id: "c1",
      order: makeOrder(),
      openCaseOpeners: [],
      openBuyerCases: [],
      roles: ["BUYER"],
      now: at(-2 * H),
      input: { orderId: "o1", reason: "NOT_AS_DESCRIBED", source: "BUYER", claimAmount: null, claimText: "No." },
    });
    if (!dispute.ok) throw new Error(JSON.stringify(dispute.errors));
    const order = makeOrder({ status: "CANCELLED", cancelledAt: at(-H), cancelReason: "BUYER_REQUESTED" });
    const window = Stats.sum([{ ordersPlaced: 10, ordersSettled: 10, settledSalesMinor: 10 * 35_000 }]);
    const zh = I18n.writer({ language: "zh-CN", timeZone: "UTC" });
    for (const openCases of [[dispute.value.case], []]) {
      const r = Risk.orderRisk({ order, timeZone: "UTC", sellerWindow30: window, openCases, now: at(H) });
      expect(factor(r, "ORDER_VALUE").contribution).toBe(0);
      expect(en(r, "ORDER_VALUE")).toBe(
        // Net against net: a cancelled order's settlement less its refunds is nothing.
        "The order's settlement less its refunds (given, or held for a return) is CN¥0.00, 0.0 times the seller's " +
          "average order of the last 30 days (CN¥350.00), both net of refunds; with the order cancelled, nothing is " +
          "settled for it: its value is not at stake.",
      );
      expect(zh(factor(r, "ORDER_VALUE").explanation as I18n.Text)).not.toContain("没有未结纠纷");
    }
    // A shipped order: at stake while a case is open, not once none is.
    const shipped = makeOrder({ status: "SHIPPED", shippedAt: at(-H) });
    const withCase = Risk.orderRisk({
      order: shipped,
      timeZone: "UTC",
      sellerWindow30: window,
      openCases: [dispute.value.case],
      now: at(H),
    });
    expect(factor(withCase, "ORDER_VALUE").contribution).toBeGreaterThan(0);
    const without = Risk.orderRisk({
      order: shipped,
      timeZone: "UTC",
      sellerWindow30: window,
      openCases: [],
      now: at(H),
    });
    expect(en(without, "ORDER_VALUE")).toContain("with the order shipped and no case open, its value is not at stake.");
  });
});
