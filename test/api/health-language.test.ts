import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY } from "../support/clock";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * `Seller.health` in the seller's language: the metrics' names, notes and sentences, the deposit
 * consequences and the seller risk factors' explanations, with days on the seller's calendar.
 * Names, codes, values, targets and statuses are the same in every language.
 */

const HEALTH = `query($id: ID!) { seller(id: $id) { health { status
  metrics { name label value numerator denominator window target comparison status note explanation }
  depositConsequences { code effect depositKinds violationId metric explanation }
  risk { score factors { code value contribution display explanation } } } } }`;

/** A seller who shipped one order on time and one late, and has a MAJOR violation from 10 days ago. */
async function sellerWithARecord(w: World) {
  const ship = (orderId: string) =>
    mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId, carrier: "Cainiao", trackingNumber: `LP${orderId.slice(-10)}` },
      "order { id }",
    );
  await ship((await orderDue(w, -10)).id);
  await ship((await orderDue(w, 24)).id);
  // 18:00 UTC is 02:00 the next day in Shanghai: the sentences name the seller's day, not UTC's.
  const utcDay = new Date(w.now.getTime() - 10 * DAY).toISOString().slice(0, 10);
  const occurredAt = `${utcDay}T18:00:00.000Z`;
  const violation = await mutate(
    w,
    w.operator,
    "recordViolation",
    "RecordViolationInput",
    { sellerId: w.sellerId, kind: "LATE_SHIPMENT_BREACH", severity: "MAJOR", occurredAt, note: "Repeated delays." },
    "violation { id }",
  );
  const shanghaiDay = new Date(Date.parse(occurredAt) + 8 * 3_600_000).toISOString().slice(0, 10);
  return { violationId: violation.violation.id as string, utcDay, shanghaiDay };
}

const read = async (w: World, headers: Record<string, string> = {}) => {
  const response = await graphql(w.api, HEALTH, { key: w.key, headers, variables: { id: w.sellerId } });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.seller.health;
};

/** Everything but the words. */
const structure = (health: any) => ({
  status: health.status,
  metrics: health.metrics.map(({ label, note, explanation, ...rest }: any) => rest),
  depositConsequences: health.depositConsequences.map(({ explanation, ...rest }: any) => rest),
  risk: { ...health.risk, factors: health.risk.factors.map(({ display, explanation, ...rest }: any) => rest) },
});

const zhDay = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

describe("Seller.health in the seller's language", () => {
  it("is English by default, in the sentences existing readers know", async () => {
    const w = await world();
    const { violationId, shanghaiDay } = await sellerWithARecord(w);
    const health = await read(w);
    const late = health.metrics.find((m: any) => m.name === "LATE_SHIPMENT_RATE");
    expect(late).toMatchObject({ label: "Late-shipment rate", value: 50, numerator: 1, denominator: 2, note: null });
    expect(late.explanation).toBe(
      "Late-shipment rate 50.00%: 1 of 2 orders shipped or due went late (shipped after their ship-by deadline, or " +
        "not shipped by it) in the last 30 days. The target is below 4%; this misses the target.",
    );
    const consequence = health.depositConsequences.find((c: any) => c.violationId === violationId);
    expect(consequence.explanation).toMatch(new RegExp(`^A major late-shipment violation on ${shanghaiDay} `));
    const escalations = health.risk.factors.find((f: any) => f.code === "ESCALATIONS");
    expect(escalations).toMatchObject({
      display: "0 escalations",
      explanation: "No case was escalated to the platform in the last 60 days.",
    });
    const violations = health.risk.factors.find((f: any) => f.code === "VIOLATIONS");
    expect(violations.display).toBe("1 violation, 1 blocking a deposit refund");
    expect(health.risk.factors.find((f: any) => f.code === "LATE_SHIPMENT_RATE").display).toBe("50.00%");
  });

  it("is Chinese for a Chinese seller or a zh-CN request, days on the seller's clock, the same figures", async () => {
    const w = await world();
    const { violationId, utcDay, shanghaiDay } = await sellerWithARecord(w);
    const english = await read(w);
    const asked = await read(w, { "accept-language": "zh-CN" });
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const chinese = await read(w);
    expect(asked).toEqual(chinese);
    expect(structure(chinese)).toEqual(structure(english));

    const late = chinese.metrics.find((m: any) => m.name === "LATE_SHIPMENT_RATE");
    expect(late.label).toBe("延迟发货率");
    expect(late.explanation).toBe(
      "延迟发货率 50.00%：最近30天发货或超过发货截止时间仍未发货的 2 个订单中有 1 个延迟。目标为低于 4%；当前未达到目标。",
    );
    const disputes = chinese.metrics.find((m: any) => m.name === "DISPUTE_RATE");
    expect(disputes.explanation).toContain(`${disputes.value.toFixed(2)}%`);
    expect(disputes.explanation).toContain(`下单的 ${disputes.denominator} 个订单中有 ${disputes.numerator} 个`);
    const tracking = chinese.metrics.find((m: any) => m.name === "VALID_TRACKING_RATE");
    expect(tracking.explanation).toMatch(/^有效物流跟踪率 100\.00%：/);
    const replies = chinese.metrics.find((m: any) => m.name === "ON_TIME_FIRST_RESPONSE_RATE");
    expect(replies.note).toBe("最近30天没有对买家纠纷的首次回复：暂无可衡量的数据。");

    const blocking = chinese.depositConsequences.find((c: any) => c.violationId === violationId);
    expect(blocking).toMatchObject({ code: "BLOCKING_VIOLATION", depositKinds: ["LIMITED_TERM", "UNLIMITED"] });
    expect(blocking.explanation).toMatch(new RegExp(`^${zhDay(shanghaiDay)}有一条严重的延迟发货违规`));
    expect(blocking.explanation).not.toContain(zhDay(utcDay));
    const misses = chinese.depositConsequences.find((c: any) => c.metric === "LATE_SHIPMENT_RATE");
    expect(misses.explanation).toContain("最近30天的延迟发货率为 50.00%，未达到目标（低于 4%）");

    const violations = chinese.risk.factors.find((f: any) => f.code === "VIOLATIONS");
    expect(violations.display).toBe("1 条违规，其中 1 条阻碍保证金退还");
    expect(chinese.risk.factors.find((f: any) => f.code === "ESCALATIONS").display).toBe("0 起纠纷升级至平台");
    expect(violations.explanation).toBe(
      `${zhDay(shanghaiDay)}一条严重的延迟发货违规：其中 1 条阻碍保证金退还。违规按严重程度计入风险，` +
        "一条特别严重的违规即计满权重。",
    );
    const lateFactor = chinese.risk.factors.find((f: any) => f.code === "LATE_SHIPMENT_RATE");
    expect(lateFactor.explanation).toBe(late.explanation);

    // An English request still reads English, whatever the setting.
    expect((await read(w, { "accept-language": "en" })).metrics[0].explanation).toBe(english.metrics[0].explanation);
  });
});
