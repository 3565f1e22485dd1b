import { describe, expect, it } from "vitest";
import { Cases, Compensation, I18n, Orders, Risk, Stats, Time, type Case, type Order } from "@seller-ops/core";

const START = "2026-11-20T00:00:00.000Z";
const at = (h: number) => Time.addMs(START, h * Time.HOUR_MS);
const zh = I18n.writer({ language: "zh-CN", timeZone: "UTC" });
/** The seller's 10 other orders, settled for CN¥1,000.00 in all, net of refunds: an average order of CN¥100.00. */
const OTHERS = { ordersPlaced: 10, ordersSettled: 10, settledSalesMinor: 1_000_00 };
/** The seller's 30 days as stored: the other orders and the assessed one as it stands (its counters, refunds taken). */
const windowWith = (order: Order) => Stats.sum([OTHERS, ...Object.values(Stats.orderDeltas(null, order, "UTC"))]);

/**
 * A $40.00 order settled for CN¥260.00, shipped, with the buyer's DAMAGED case claiming $40.00, and `refunds`
 * (PARTIAL_REFUND amounts in cents, or "FULL" for a FULL_REFUND of what is left) recorded on the case.
 */
function refunded(refunds: (number | "FULL")[]): { order: Order; c: Case } {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 40_00, currency: "USD" },
      settlementAmount: { amountMinor: 260_00, currency: "CNY" },
      buyerCountry: "US",
      placedAt: START,
      handlingDays: 3,
      shipBy: null,
    },
    now: START,
  });
  if (!created.ok) throw new Error("create");
  const input = { orderId: "o1", carrier: "C", trackingNumber: "LP1" };
  const shipped = Orders.markShipped({ order: created.value, input, now: at(1) });
  if (!shipped.ok) throw new Error("ship");
  let order: Order = shipped.value;
  const opened = Cases.open({
    id: "c1",
    order,
    openCaseOpeners: [],
    openBuyerCases: [],
    roles: ["BUYER", "PLATFORM"],
    now: at(2),
    input: { orderId: "o1", reason: "DAMAGED", source: "BUYER", claimAmount: { amountMinor: 40_00, currency: "USD" } },
  });
  if (!opened.ok) throw new Error("open");
  let c = opened.value.case;
  order = Cases.orderAfter({
    orderBefore: order,
    change: { case: c, order: null, event: opened.value.events[0]! },
    caseBefore: null,
    now: at(2),
  })!;
  refunds.forEach((refund, i) => {
    const remedy = Cases.recordRemedy({
      case: c,
      order,
      id: `r${i}`,
      roles: ["SELLER"],
      now: at(3 + i),
      input:
        refund === "FULL"
          ? { caseId: "c1", kind: "FULL_REFUND" }
          : { caseId: "c1", kind: "PARTIAL_REFUND", amount: { amountMinor: refund, currency: "USD" } },
    });
    if (!remedy.ok || Cases.isAlreadyDone(remedy.value)) throw new Error("refund");
    order = Cases.orderAfter({ orderBefore: order, change: remedy.value, caseBefore: c, now: at(3 + i) })!;
    c = remedy.value.case;
  });
  return { order, c };
}

function assess({ order, c }: { order: Order; c: Case }) {
  const value = Risk.orderRisk({
    order,
    sellerWindow30: windowWith(order),
    timeZone: "UTC",
    openCases: [c],
    now: at(10),
  }).factors.find((f) => f.code === "ORDER_VALUE")!;
  const claim = Risk.caseRisk({ case: c, order, now: at(10), timeZone: "UTC" }).factors.find(
    (f) => f.code === "CLAIM_SIZE",
  )!;
  return { value, claim };
}

describe("risk counts only the money still at stake", () => {
  it("a fully refunded order: ORDER_VALUE and CLAIM_SIZE add nothing, and their sentences say what is left", () => {
    const state = refunded(["FULL"]);
    expect(Compensation.refundableMinor(state.order)).toBe(0);
    expect(state.c.status).toBe("AWAITING_BUYER"); // still open until the seller resolves it
    const { value, claim } = assess(state);
    expect(value).toMatchObject({ value: 0, contribution: 0 });
    expect(Risk.inEnglish(value.explanation)).toBe(
      "Nothing is left to refund on the order: of the $40.00 the buyer paid, $40.00 was refunded; its value is no " +
        "longer at stake.",
    );
    expect(zh(value.explanation as I18n.Text)).toBe(
      "该订单已无可退款金额：买家实付US$40.00，已退款US$40.00，其金额不再受影响。",
    );
    expect(claim).toMatchObject({ value: 0, contribution: 0 });
    expect(Risk.inEnglish(claim.explanation)).toBe(
      "The buyer claims $40.00 and was refunded $40.00 on the case: $0.00 of the claim is left, 0% of the $40.00 " +
        "paid; the more of the order is still at stake, the less a buyer settles for a gesture.",
    );
    expect(Risk.inEnglish(claim.display)).toBe("$0.00 left of $40.00 claimed, $40.00 paid");
    expect(zh(claim.explanation as I18n.Text)).toContain(
      "本纠纷已退款US$40.00：索赔尚余US$0.00，占实付金额US$40.00的0%",
    );
  });

  it("a partial refund reduces both in proportion: half refunded, half the value and half the claim", () => {
    const before = assess(refunded([]));
    const after = assess(refunded([20_00]));
    expect(before.value.value).toBe(2.6);
    expect(after.value.value).toBe(1.3); // CN¥130.00 of CN¥260.00 left, against an average of CN¥100.00
    expect(after.value.contribution).toBeLessThan(before.value.contribution);
    expect(Risk.inEnglish(after.value.explanation)).toContain(
      "The order's settlement less its refunds (given, or held for a return) is CN¥130.00, 1.3 times the seller's " +
        "average order of the last 30 days (CN¥100.00), both net of refunds: ",
    );
    expect(zh(after.value.explanation as I18n.Text)).toContain("扣除退款（已退或为退货预留）后为¥130.00");
    expect(before.claim.value).toBe(100);
    expect(after.claim).toMatchObject({ value: 50, contribution: 5 });
    expect(Risk.inEnglish(after.claim.explanation)).toContain(
      "The buyer claims $40.00 and was refunded $20.00 on the case: $20.00 of the claim is left, 50% of the $40.00 " +
        "paid",
    );
    // Two refunds on the case add up.
    expect(assess(refunded([10_00, 10_00])).claim).toMatchObject({ value: 50, contribution: 5 });
  });

  it("money held for a return is no longer at stake either", () => {
    const { order, c } = refunded([20_00]);
    const held = { ...order, heldForReturns: { ret1: 20_00 } };
    const { value } = assess({ order: held, c });
    expect(value).toMatchObject({ value: 0, contribution: 0 });
    expect(Risk.inEnglish(value.explanation)).toBe(
      "Nothing is left to refund on the order: of the $40.00 the buyer paid, $20.00 was refunded and $20.00 is " +
        "held for a return; its value is no longer at stake.",
    );
  });

  it("an order with nothing refunded scores as before", () => {
    const { value, claim } = assess(refunded([]));
    expect(value).toMatchObject({ value: 2.6, contribution: 6 });
    expect(Risk.inEnglish(value.explanation)).toContain(
      "is CN¥260.00, 2.6 times the seller's average order of the last 30 days (CN¥100.00)",
    );
    expect(claim).toMatchObject({ value: 100, contribution: 10 });
    expect(Risk.inEnglish(claim.display)).toBe("$40.00 of $40.00");
    expect(Risk.inEnglish(claim.explanation)).toBe(
      "The buyer claims $40.00, 100% of the $40.00 paid: the more of the order is at stake, the less a buyer " +
        "settles for a gesture.",
    );
  });
});
