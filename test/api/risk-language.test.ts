import { describe, expect, it } from "vitest";
import { I18n } from "@seller-ops/core";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * Risk in the reader's language: every factor's `display` and `explanation` of a case and an
 * order, written by the catalog with the figures of the structured fields next to them (money as
 * the language writes it, dates on the seller's clock); codes and values the same in every language.
 */

const CASE = `query($id: ID!) { case(id: $id) { respondBy claimAmount { amountMinor currency formatted }
  order { buyerTotal { amountMinor currency formatted } }
  risk { score factors { code value display explanation } recommendedActions { code label } } } }`;

const ORDER = `query($id: ID!) { order(id: $id) { risk { score factors { code value display explanation } } } }`;

const CJK = /[\u4e00-\u9fff]/;

/** A quality dispute awaiting the seller: CN¥1,380.00 paid, CN¥690.00 claimed, the buyer's complaint unanswered. */
async function disputeAwaitingSeller(w: World) {
  const order = await orderDue(w, 48, { buyerTotal: { amountMinor: 138_000, currency: "CNY" } });
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    {
      orderId: order.id,
      reason: "NOT_AS_DESCRIBED",
      source: "BUYER",
      claimAmount: { amountMinor: 69_000, currency: "CNY" },
      claimText: "The colour is not the one in the photos.",
    },
    "case { id respondBy }",
  );
  expect(opened.userErrors).toEqual([]);
  return { orderId: order.id, caseId: opened.case.id as string, respondBy: opened.case.respondBy as string };
}

const factorsOf = (risk: any) => Object.fromEntries(risk.factors.map((f: any) => [f.code, f]));

describe("case risk in the reader's language", () => {
  it("a dispute past its respond-by deadline reads in Chinese: ¥, the deadline on the seller's clock", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const { caseId, respondBy } = await disputeAwaitingSeller(w);
    // 5.5 hours past the deadline, the seller still silent.
    w.now = new Date(Date.parse(respondBy) + 5.5 * HOUR);
    const now = w.now.toISOString();
    const zh = I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai", now });

    const read = await graphql(w.api, CASE, { key: w.key, variables: { id: caseId } });
    expect(read.body.errors).toBeUndefined();
    const c = read.body.data.case;
    const f = factorsOf(c.risk);

    // The deadline: the hours are the factor's value, the date the case's respondBy in Shanghai.
    const deadline = f.RESPOND_BY_DEADLINE;
    expect(deadline.value).toBe(-5.5);
    expect(deadline.display).toBe("超时5.5小时");
    const due = I18n.dateTime({ language: "zh-CN", instant: c.respondBy, timeZone: "Asia/Shanghai", now });
    expect(deadline.explanation).toBe(`卖家应在${due}前回复，已超时5.5小时，仍未回复：买家随时可以将纠纷升级至平台。`);

    // The claim: the amounts are the case's and the order's own `formatted`, in Chinese (¥, not CN¥).
    expect(c.claimAmount.formatted).toBe("¥690.00");
    expect(c.order.buyerTotal.formatted).toBe("¥1,380.00");
    expect(f.CLAIM_SIZE.value).toBe(50);
    expect(f.CLAIM_SIZE.display).toBe(`索赔${c.claimAmount.formatted}，实付${c.order.buyerTotal.formatted}`);
    expect(f.CLAIM_SIZE.explanation).toBe(
      zh(I18n.text("risk.case.claim", { claim: c.claimAmount, paid: c.order.buyerTotal, percent: 50 })),
    );
    expect(f.CLAIM_SIZE.explanation).toContain(`占实付金额¥1,380.00的50%`);

    expect(f.CASE_REASON.display).toBe("商品与描述不符");
    expect(f.NO_SELLER_REPLY.display).toBe("尚未回复");
    expect(f.UNANSWERED_BUYER_MESSAGES).toMatchObject({ value: 1, display: "1条消息" });
    expect(f.ESCALATED.display).toBe("未升级");
    for (const factor of c.risk.factors) {
      expect(factor.display, factor.code).toMatch(CJK);
      expect(factor.explanation, factor.code).toMatch(CJK);
      // No English left in a Chinese sentence: any run of 3+ Latin letters would be a word.
      expect(factor.explanation, factor.code).not.toMatch(/[A-Za-z]{3,}/);
      expect(factor.display, factor.code).not.toMatch(/[A-Za-z]{3,}/);
    }
    expect(c.risk.recommendedActions[0].label).toMatch(CJK);

    // The same case in English on request: same codes, values and score; CN¥ and the English date.
    const en = await graphql(w.api, CASE, {
      key: w.key,
      headers: { "accept-language": "en" },
      variables: { id: caseId },
    });
    const e = en.body.data.case;
    expect(e.risk.score).toBe(c.risk.score);
    expect(e.risk.factors.map((x: any) => [x.code, x.value])).toEqual(
      c.risk.factors.map((x: any) => [x.code, x.value]),
    );
    const ef = factorsOf(e.risk);
    const dueEn = I18n.dateTime({ language: "en", instant: c.respondBy, timeZone: "Asia/Shanghai", now });
    expect(ef.RESPOND_BY_DEADLINE.display).toBe("5.5 hours overdue");
    expect(ef.RESPOND_BY_DEADLINE.explanation).toBe(
      `The seller had to answer by ${dueEn}, 5.5 hours ago, and has not: the buyer can take the case to the ` +
        "platform at any moment.",
    );
    expect(e.claimAmount.formatted).toBe("CN¥690.00");
    expect(ef.CLAIM_SIZE.display).toBe("CN¥690.00 of CN¥1,380.00");
    expect(ef.CLAIM_SIZE.explanation).toMatch(/^The buyer claims CN¥690\.00, 50% of the CN¥1,380\.00 paid: /);
    expect(ef.CASE_REASON.display).toBe("item not as described");
    for (const factor of e.risk.factors) expect(`${factor.display} ${factor.explanation}`).not.toMatch(CJK);
  });

  it("an English seller reads case risk in English, dates on its clock; Accept-Language zh-CN wins", async () => {
    const w = await world();
    const { caseId, respondBy } = await disputeAwaitingSeller(w);
    w.now = new Date(Date.parse(respondBy) - 10 * HOUR);
    const read = (headers: Record<string, string> = {}) =>
      graphql(w.api, CASE, { key: w.key, headers, variables: { id: caseId } });
    const en = factorsOf((await read()).body.data.case.risk);
    expect(en.RESPOND_BY_DEADLINE.display).toBe("10.0 hours left");
    const due = I18n.dateTime({
      language: "en",
      instant: respondBy,
      timeZone: "Asia/Shanghai",
      now: w.now.toISOString(),
    });
    expect(en.RESPOND_BY_DEADLINE.explanation).toBe(
      `Only 10.0 hours are left to answer before the respond-by deadline (${due}).`,
    );
    const zh = factorsOf((await read({ "accept-language": "zh-CN" })).body.data.case.risk);
    expect(zh.RESPOND_BY_DEADLINE.display).toBe("剩余10.0小时");
    expect(zh.RESPOND_BY_DEADLINE.explanation).toContain("只剩10.0小时");
  });
});

describe("order risk displays in the reader's language", () => {
  it("every order factor's display is written by the catalog: Chinese on request, English by default", async () => {
    const w = await world();
    const order = await orderDue(w, -30);
    const read = (headers: Record<string, string> = {}) =>
      graphql(w.api, ORDER, { key: w.key, headers, variables: { id: order.id } });
    const zh = (await read({ "accept-language": "zh-CN" })).body.data.order.risk;
    const f = factorsOf(zh);
    expect(f.SHIP_BY_DEADLINE).toMatchObject({ value: -30, display: "超时30.0小时" });
    expect(f.EXPEDITE.display).toBe("未加急");
    expect(f.NOT_SHIPPED.display).toBe(`备货期已用${f.NOT_SHIPPED.value}%`);
    expect(f.OPEN_CASES.display).toBe("0起未结纠纷");
    for (const factor of zh.factors) {
      expect(factor.display, factor.code).toMatch(CJK);
      expect(factor.display, factor.code).not.toMatch(/[A-Za-z]{3,}/);
    }
    const en = factorsOf((await read()).body.data.order.risk);
    expect(en.SHIP_BY_DEADLINE.display).toBe("30.0 hours overdue");
    expect(en.EXPEDITE.display).toBe("not expedited");
    expect(en.OPEN_CASES.display).toBe("0 open cases");
  });
});
