import { describe, expect, it } from "vitest";
import { createDocumentClient, type Db } from "@seller-ops/db";
import { I18n } from "@seller-ops/core";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * A partner or marketplace key acts for a seller: when a request acts for one seller, its userErrors
 * are written for that seller, in its language (Accept-Language still wins) and with dates on its
 * clock, and reading the profile for it costs no request where the mutation loaded it anyway.
 */

/** A client on the same tables that counts the requests it sends. */
function counting(db: Db): { db: Db; sent: string[] } {
  const doc = createDocumentClient();
  const sent: string[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: "initialize", name: "requestCounter" },
  );
  return { db: { doc, tables: db.tables }, sent };
}

async function expediteAgain(w: World, key: string, orderId: string, options: { language?: string; api?: any } = {}) {
  const response = await graphql(
    options.api ?? w.api,
    "mutation($input: ExpediteOrderInput!) { expediteOrder(input: $input) { userErrors { code message } } }",
    {
      key,
      variables: { input: { orderId } },
      headers: options.language ? { "accept-language": options.language } : {},
    },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.expediteOrder.userErrors as { code: string; message: string }[];
}

describe("userErrors of a key that acts for a seller", () => {
  it("are in the seller's language and on its clock; Accept-Language overrides the language only", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const order = await orderDue(w, 24);
    await mutate(w, w.partner, "expediteOrder", "ExpediteOrderInput", { orderId: order.id }, "order { id }");
    const since = { instant: w.now.toISOString(), now: w.now.toISOString() };
    const shanghai = (language: I18n.Language) => I18n.dateTime({ language, timeZone: "Asia/Shanghai", ...since });
    const utc = (language: I18n.Language) => I18n.dateTime({ language, timeZone: "UTC", ...since });
    // Noon UTC is 20:00 in Shanghai: the two clocks never write the same time.
    expect(shanghai("en")).not.toBe(utc("en"));

    expect(await expediteAgain(w, w.partner, order.id)).toEqual([
      { code: "INVALID_TRANSITION", message: `该订单已标记为加急处理（自${shanghai("zh-CN")}起）。` },
    ]);
    expect((await expediteAgain(w, w.partner, order.id, { language: "en" }))[0]!.message).toBe(
      `The order is already expedited (since ${shanghai("en")}).`,
    );
    // An operator acts for the platform, not for the seller: English (or what it asks for), UTC.
    expect((await expediteAgain(w, w.operator, order.id))[0]!.message).toBe(
      `The order is already expedited (since ${utc("en")}).`,
    );
  });

  it("read the seller's profile through the load the mutation made: no extra request", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    await mutate(w, w.partner, "expediteOrder", "ExpediteOrderInput", { orderId: order.id }, "order { id }");
    const recorded = counting(w.db);
    const api = createGraphqlHandler({ db: recorded.db, clock: () => w.now });
    const send = async (selection: string) => {
      recorded.sent.length = 0;
      const response = await graphql(
        api,
        `mutation($input: ExpediteOrderInput!) { expediteOrder(input: $input) { userErrors { ${selection} } } }`,
        { key: w.partner, variables: { input: { orderId: order.id } } },
      );
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      return [...recorded.sent];
    };
    await send("code"); // warms whatever the handler keeps between requests (the key)
    const withoutMessage = await send("code");
    const withMessage = await send("code message");
    expect(withoutMessage.length).toBeGreaterThan(0);
    expect(withMessage).toEqual(withoutMessage);
  });
});

/** An order's two amounts as `formatted` for `key`, optionally asking for a language. */
async function formattedAmounts(w: World, key: string, orderId: string, language?: string, api = w.api) {
  const response = await graphql(
    api,
    "query($id: ID) { order(id: $id) { buyerTotal { formatted } settlementAmount { formatted } } }",
    { key, variables: { id: orderId }, headers: language ? { "accept-language": language } : {} },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const order = response.body.data.order as {
    buyerTotal: { formatted: string };
    settlementAmount: { formatted: string };
  };
  return [order.buyerTotal.formatted, order.settlementAmount.formatted];
}

describe("Money.formatted for a key that acts for a seller", () => {
  // The world's orders: $40.00 from the buyer, CN¥260.00 settled.
  const amounts = (language: I18n.Language) => [
    I18n.money({ language, money: { amountMinor: 4000, currency: "USD" } }),
    I18n.money({ language, money: { amountMinor: 26000, currency: "CNY" } }),
  ];

  it("is in the acted-for seller's language like userErrors; Accept-Language overrides", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const order = await orderDue(w, 24);
    // The two languages never write these amounts the same.
    expect(amounts("zh-CN")).not.toEqual(amounts("en"));

    expect(await formattedAmounts(w, w.key, order.id)).toEqual(amounts("zh-CN"));
    expect(await formattedAmounts(w, w.partner, order.id)).toEqual(amounts("zh-CN"));
    expect(await formattedAmounts(w, w.marketplace, order.id)).toEqual(amounts("zh-CN"));
    expect(await formattedAmounts(w, w.partner, order.id, "en")).toEqual(amounts("en"));
    expect(await formattedAmounts(w, w.operator, order.id)).toEqual(amounts("en"));
    expect(await formattedAmounts(w, w.operator, order.id, "zh-CN")).toEqual(amounts("zh-CN"));

    // A mutation's answer too: the seller the partner's createOrder acted for.
    const created = await mutate(
      w,
      w.partner,
      "createOrder",
      "CreateOrderInput",
      {
        sellerId: w.sellerId,
        marketplaceOrderId: `AE-PARTNER-${w.sellerId}`,
        items: [{ sku: "LED-STRIP-5M", title: "LED strip 5 m", quantity: 1 }],
        buyerTotal: { amountMinor: 4000, currency: "USD" },
        settlementAmount: { amountMinor: 26000, currency: "CNY" },
        buyerCountry: "ES",
        placedAt: w.now.toISOString(),
        shipBy: new Date(w.now.getTime() + 48 * 3_600_000).toISOString(),
      },
      "order { buyerTotal { formatted } settlementAmount { formatted } }",
    );
    expect([created.order.buyerTotal.formatted, created.order.settlementAmount.formatted]).toEqual(amounts("zh-CN"));
  });

  it("costs a partner the requests it costs the seller's own key", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const recorded = counting(w.db);
    const api = createGraphqlHandler({ db: recorded.db, clock: () => w.now });
    const requests = async (key: string) => {
      await formattedAmounts(w, key, order.id, undefined, api); // warms whatever the handler keeps (the key)
      recorded.sent.length = 0;
      await formattedAmounts(w, key, order.id, undefined, api);
      return [...recorded.sent];
    };
    expect(await requests(w.partner)).toEqual(await requests(w.key));
  });
});
