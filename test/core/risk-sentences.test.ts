import { describe, expect, it } from "vitest";
import { I18n, Orders, Risk, type Order } from "@seller-ops/core";

const PLACED = "2026-11-20T00:00:00.000Z";
const SHIP_BY = "2026-11-23T00:00:00.000Z";
const MINUTE = 60_000;
const at = (ms: number) => new Date(Date.parse(SHIP_BY) + ms).toISOString();
const zh = I18n.writer({ language: "zh-CN", timeZone: "UTC" });

function makeOrder(): Order {
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
  return created.value;
}

/** The SHIP_BY_DEADLINE factor's display and explanation, in English and Chinese, at `ms` from the deadline. */
function shipBy(ms: number) {
  const r = Risk.orderRisk({ order: makeOrder(), timeZone: "UTC", sellerWindow30: {}, openCases: [], now: at(ms) });
  const f = r.factors.find((x) => x.code === "SHIP_BY_DEADLINE")!;
  return {
    display: Risk.inEnglish(f.display),
    explanation: Risk.inEnglish(f.explanation),
    zh: `${zh(f.display as I18n.Text)} | ${zh(f.explanation as I18n.Text)}`,
  };
}
const en = <K extends I18n.TextKey>(key: K, params: I18n.TextParams[K]) => I18n.english(I18n.text(key, params));
const chinese = <K extends I18n.TextKey>(key: K, params: I18n.TextParams[K]) => zh(I18n.text(key, params));

describe("time in the risk sentences", () => {
  it("writes minutes below an hour, never '0.0 hours'", () => {
    const overdue = shipBy(2 * MINUTE);
    expect(overdue.display).toBe("2 minutes overdue");
    expect(overdue.explanation).toContain("The order is 2 minutes past its ship-by deadline");
    expect(overdue.zh).toContain("2分钟");
    expect(overdue.zh).not.toContain("0.0小时");
    expect(shipBy(-57 * MINUTE).explanation).toContain("Only 57 minutes are left to ship before the deadline");
    expect(shipBy(-MINUTE).explanation).toContain("Only 1 minute is left to ship");
    const now = shipBy(-20_000);
    expect(now.explanation).toContain("Less than a minute is left to ship");
    expect(now.display).toBe("less than a minute left");
    expect(now.zh).toContain("不到1分钟");
  });

  it("agrees the verb and the noun with one hour", () => {
    const hour = shipBy(-60 * MINUTE);
    expect(hour.display).toBe("1 hour left");
    expect(hour.explanation).toContain("Only 1 hour is left to ship before the deadline");
    expect(shipBy(-150 * MINUTE).explanation).toContain("Only 2.5 hours are left to ship");
    expect(en("risk.case.respondByNear", { hours: 1, respondBy: SHIP_BY })).toContain("Only 1 hour is left to answer");
    expect(en("risk.case.returnLeft", { step: "REFUND", hours: 1 / 60, deadline: SHIP_BY })).toMatch(
      /^1 minute is left to refund/,
    );
    expect(chinese("risk.case.returnLeft", { step: "REFUND", hours: 1 / 60, deadline: SHIP_BY })).toContain("1分钟");
    expect(en("risk.case.noReply", { openedAt: SHIP_BY, hours: 0 })).toContain("(less than a minute ago)");
  });

  it("writes one order as one order", () => {
    expect(en("risk.order.lateRate", { late: 1, counted: 1, ratePercent: 100, fullAtPercent: 10 })).toContain(
      "1 of the seller's 1 other order shipped or due went late",
    );
    const rate = (name: Risk.MetricName) =>
      en("health.metric.rate", {
        name,
        value: 100,
        numerator: 1,
        denominator: 1,
        status: "BAD",
        atRiskMargin: 1,
        window: "60d",
        target: 1,
        comparison: "BELOW",
      });
    expect(rate("DISPUTE_RATE")).toContain("1 of 1 order placed led to a buyer dispute");
    expect(rate("LATE_SHIPMENT_RATE")).toContain("1 of 1 order shipped or due went late");
    expect(rate("ON_TIME_FIRST_RESPONSE_RATE")).toContain("1 of 1 first reply owed");
    expect(rate("VALID_TRACKING_RATE")).toContain("1 of 1 shipment carried");
    // Quality disputes lost past a limit of none: one dispute.
    const lost = { lost: 1, allowed: 0, windowDays: 60 };
    expect(en("health.consequence.qualityDisputes", lost)).toMatch(/^1 dispute about .* was resolved .* if it falls/);
    expect(en("health.risk.noViolations", { windowMonths: 12, qualityDisputes: lost })).toContain(
      "1 quality dispute was resolved for the buyer in the last 60 days, more than the 0 a limited-term deposit's " +
        "term allows: it blocks its refund and weighs as a minor quality violation.",
    );
    expect(en("health.display.violations", { count: 0, blocking: 0, qualityDisputesLost: 1 })).toContain(
      "1 quality dispute lost",
    );
  });
});

describe("a rate with nothing to count", () => {
  it("reads 'no data yet', not 0 %, for a seller without orders and for an order whose seller has no others", () => {
    const seller = Risk.sellerRisk({ window30: {}, window60: {}, violations: [], now: at(0) });
    const rates = seller.factors.filter((f) => f.unit === "PERCENT");
    expect(rates.length).toBeGreaterThan(3);
    for (const f of rates) {
      expect([f.code, Risk.inEnglish(f.display)]).toEqual([f.code, "no data yet"]);
      expect(zh(f.display as I18n.Text)).toBe("暂无数据");
      expect(f.value).toBe(0);
    }
    const order = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: {},
      openCases: [],
      now: at(0),
    });
    const late = order.factors.find((f) => f.code === "SELLER_LATE_RATE")!;
    expect(Risk.inEnglish(late.display)).toBe("no data yet");
    expect(zh(late.display as I18n.Text)).toBe("暂无数据");
  });

  it("reads the figure once there is one", () => {
    const seller = Risk.sellerRisk({
      window30: { ordersPlaced: 4, shippedOnTime: 3, shippedLate: 1 },
      window60: {},
      violations: [],
      now: at(0),
    });
    const late = seller.factors.find((f) => f.code === "LATE_SHIPMENT_RATE")!;
    expect(Risk.inEnglish(late.display)).toMatch(/^\d+\.\d\d%$/);
  });
});

describe("the seller's late-shipment rate on an order", () => {
  it("is rounded down to hundredths, as the seller's health shows it: 1,599 late of 40,000 is 3.99 %", () => {
    const window30 = { shippedOnTime: 38_401, shippedLate: 1_599 };
    const order = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: window30,
      openCases: [],
      now: at(0),
    });
    const late = order.factors.find((f) => f.code === "SELLER_LATE_RATE")!;
    expect(late.value).toBe(3.99);
    expect(Risk.inEnglish(late.display)).toBe("3.99%");
    expect(Risk.inEnglish(late.explanation)).toContain(
      "1599 of the seller's 40000 other orders shipped or due went late (3.99%",
    );
    const health = Risk.sellerRisk({ window30, window60: {}, violations: [], now: at(0) });
    expect(Risk.inEnglish(health.factors.find((f) => f.code === "LATE_SHIPMENT_RATE")!.display)).toBe("3.99%");
  });
});

describe("shares in whole percent", () => {
  it("never read 0 % for something nor 100 % for less than all", () => {
    // 17 minutes before the deadline of a 72-hour handling time: 99.6 % used, and the sentence says "is used".
    const risk = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: {},
      openCases: [],
      now: at(-17 * MINUTE),
    });
    const used = risk.factors.find((f) => f.code === "NOT_SHIPPED")!;
    expect(Risk.inEnglish(used.display)).toBe("99% of the handling time used");
    expect(Risk.inEnglish(used.explanation)).toContain("99% of its handling time");
    // The value is the figure the words give (a chart beside the sentence agrees with it).
    expect(used.value).toBe(99);
  });
});
