import { describe, expect, it } from "vitest";
import { I18n } from "@seller-ops/core";
import { SellersRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * The seller's language: a profile setting (createSeller, setSellerLanguage), overridden by a
 * request's Accept-Language; texts about a seller follow it, codes never change.
 */

const SET = `mutation($input: SetSellerLanguageInput!) { setSellerLanguage(input: $input) {
  seller { id language version }
  userErrors { field code message } } }`;

const PLAN = `query($id: ID!) { order(id: $id) { shipBy buyerTotal { formatted } remedyPlan { steps { code instruction
  suggestedCompensation { percentOfOrder amount { amountMinor currency formatted } } } } } }`;

async function lateOrder(w: World) {
  // Due 30 hours ago: late, with a plan whose compensation step names an amount.
  return orderDue(w, -30);
}

const zhWriter = (w: World) => I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai", now: w.now.toISOString() });

describe("a seller's language", () => {
  it("is English for a new seller unless createSeller names one, and is kept on the profile", async () => {
    const w = await world();
    const create = `mutation($input: CreateSellerInput!) { createSeller(input: $input) { seller { id language version }
      userErrors { code } } }`;
    const base = { name: "深圳明亮电子", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" };
    const plain = await graphql(w.api, create, { key: w.operator, variables: { input: { ...base } } });
    expect(plain.body.data.createSeller.seller).toMatchObject({ language: "EN", version: 1 });
    const chinese = await graphql(w.api, create, {
      key: w.operator,
      variables: { input: { ...base, id: `sz-${ulid().toLowerCase()}`, language: "ZH_CN" } },
    });
    expect(chinese.body.data.createSeller.seller).toMatchObject({ language: "ZH_CN", version: 1 });
    const stored = await SellersRepo.getSeller(w.db, chinese.body.data.createSeller.seller.id);
    expect(stored?.language).toBe("zh-CN");
  });

  it("is changed by the seller with setSellerLanguage: versioned, a stale version refused in its words", async () => {
    const w = await world();
    const first = await graphql(w.api, SET, {
      key: w.key,
      variables: { input: { language: "ZH_CN", expectedVersion: 1 } },
    });
    expect(first.body.data.setSellerLanguage).toEqual({
      seller: { id: w.sellerId, language: "ZH_CN", version: 2 },
      userErrors: [],
    });
    // The same language again changes nothing: no new version, no conflict.
    const again = await graphql(w.api, SET, { key: w.key, variables: { input: { language: "ZH_CN" } } });
    expect(again.body.data.setSellerLanguage.seller.version).toBe(2);

    const stale = await graphql(w.api, SET, {
      key: w.key,
      variables: { input: { language: "EN", expectedVersion: 1 } },
    });
    expect(stale.body.data.setSellerLanguage.seller).toBeNull();
    // The seller reads Chinese now; the code is the same in every language.
    expect(stale.body.data.setSellerLanguage.userErrors).toEqual([
      {
        field: ["input", "expectedVersion"],
        code: "VERSION_CONFLICT",
        message: "期望的版本是 1，但当前版本是 2：请重新读取后再试。",
      },
    ]);
    const asked = await graphql(w.api, SET, {
      key: w.key,
      headers: { "accept-language": "en-US,en;q=0.9" },
      variables: { input: { language: "EN", expectedVersion: 1 } },
    });
    expect(asked.body.data.setSellerLanguage.userErrors[0].message).toBe(
      "Expected version 1 but the current version is 2; reload and retry.",
    );
    expect((await SellersRepo.getSeller(w.db, w.sellerId))?.language).toBe("zh-CN");
  });

  it("is set by an operator or a read-write partner naming the seller; a marketplace key is FORBIDDEN", async () => {
    const w = await world();
    const by = (key: string, language: string) =>
      graphql(w.api, SET, { key, variables: { input: { sellerId: w.sellerId, language } } });
    expect((await by(w.partner, "ZH_CN")).body.data.setSellerLanguage.seller.language).toBe("ZH_CN");
    expect((await by(w.operator, "EN")).body.data.setSellerLanguage.seller).toMatchObject({
      language: "EN",
      version: 3,
    });
    const refused = await by(w.marketplace, "ZH_CN");
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await SellersRepo.getSeller(w.db, w.sellerId))?.version).toBe(3);
  });
});

describe("texts follow the language", () => {
  it("a Chinese seller reads its remedy plan in Chinese, deadline on its clock, money as ¥; same codes", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const order = await lateOrder(w);
    const read = await graphql(w.api, PLAN, { key: w.key, variables: { id: order.id } });
    const { shipBy, remedyPlan, buyerTotal } = read.body.data.order;
    expect(remedyPlan.steps.map((s: any) => s.code)).toEqual([
      "CONTACT_BUYER",
      "EXPEDITE_AND_SHIP",
      "OFFER_COMPENSATION",
    ]);
    const [contact, expedite, offer] = remedyPlan.steps;
    expect(contact.instruction).toMatch(/^请立即联系买家/);
    const deadline = I18n.dateTime({
      language: "zh-CN",
      instant: shipBy,
      timeZone: "Asia/Shanghai",
      now: w.now.toISOString(),
    });
    expect(expedite.instruction).toContain(`${deadline}前发货`);
    expect(buyerTotal.formatted).toBe("US$40.00");
    // The sentence's figures are the structured fields'.
    expect(offer.instruction).toContain(offer.suggestedCompensation.amount.formatted);
    expect(offer.instruction).toContain(`${offer.suggestedCompensation.percentOfOrder}%`);
    expect(offer.suggestedCompensation.amount.formatted).toMatch(/^US\$/);
    expect(offer.instruction).toBe(
      zhWriter(w)({
        key: "remedy.offerCompensation",
        params: {
          kind: "COUPON",
          amount: { amountMinor: offer.suggestedCompensation.amount.amountMinor, currency: "USD" },
          percent: offer.suggestedCompensation.percentOfOrder,
        },
      }),
    );
  });

  it("Accept-Language overrides the setting; an unknown one falls back to the setting, then English", async () => {
    const w = await world();
    const order = await lateOrder(w);
    const read = (headers: Record<string, string>, key = w.key) =>
      graphql(w.api, PLAN, { key, headers, variables: { id: order.id } });
    const english = (await read({})).body.data.order;
    expect(english.remedyPlan.steps[0].instruction).toMatch(/^Write to the buyer now/);
    expect(english.buyerTotal.formatted).toBe("$40.00");
    for (const header of ["zh", "zh-CN", "zh-Hans", "fr-FR, zh-Hans;q=0.8, en;q=0.5"]) {
      const chinese = (await read({ "accept-language": header })).body.data.order;
      expect(chinese.remedyPlan.steps[0].instruction, header).toMatch(/^请立即联系买家/);
      expect(chinese.buyerTotal.formatted, header).toBe("US$40.00");
    }
    const unknown = (await read({ "accept-language": "tlh, fr;q=0.9" })).body.data.order;
    expect(unknown.remedyPlan.steps[0].instruction).toMatch(/^Write to the buyer now/);

    // An operator reading the seller without a header: the seller's own language for texts about it.
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const operator = (await read({}, w.operator)).body.data.order;
    expect(operator.remedyPlan.steps[0].instruction).toMatch(/^请立即联系买家/);
    const operatorAsks = (await read({ "accept-language": "en" }, w.operator)).body.data.order;
    expect(operatorAsks.remedyPlan.steps[0].instruction).toMatch(/^Write to the buyer now/);
  });

  it("input refusals are answered in the reader's language, the field path as sent, the same code", async () => {
    const w = await world();
    const incident = `mutation($input: RecordShippingIncidentInput!) { recordShippingIncident(input: $input) {
      userErrors { field code message } } }`;
    const order = await lateOrder(w);
    const input = { orderId: order.id, cause: "SYSTEM_ERROR", note: "Dropped.", supportTicketRef: " " };
    const zh = await graphql(w.api, incident, {
      key: w.key,
      headers: { "accept-language": "zh-CN" },
      variables: { input },
    });
    expect(zh.body.data.recordShippingIncident.userErrors).toEqual([
      {
        field: ["input", "supportTicketRef"],
        code: "INVALID_INPUT",
        message: "字段 supportTicketRef：客服工单编号不能为空。",
      },
    ]);
    const en = await graphql(w.api, incident, { key: w.key, variables: { input } });
    expect(en.body.data.recordShippingIncident.userErrors[0].message).toBe(
      "supportTicketRef: A support ticket reference cannot be empty.",
    );
  });
});
