import { describe, expect, it } from "vitest";
import { ApiKeys, createDocumentClient, type Db } from "@seller-ops/db";
import { I18n } from "@seller-ops/core";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * A partner or marketplace key speaks for a seller (packages/api/src/language.ts): the one it is
 * granted, or, granted several, the one its mutation acts for. Its userErrors and money are written
 * for that seller, in its language (Accept-Language still wins) and with dates on its clock, the
 * same on every run whatever the document reads, and reading the profile for it costs no request
 * where the mutation loaded it anyway.
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

describe("a key granted two sellers", () => {
  /** Two sellers on the same tables (the first reads Chinese), one order each, a partner key granted both. */
  async function twoSellers() {
    const first = await world(undefined, { tables: "shared" });
    const second = await world(first.now, { tables: "shared" });
    await mutate(
      first,
      first.key,
      "setSellerLanguage",
      "SetSellerLanguageInput",
      { language: "ZH_CN" },
      "seller { id }",
    );
    const [a, b] = [await orderDue(first, 24), await orderDue(second, 24)];
    const both = `partner_${ulid()}`;
    await ApiKeys.putApiKey(first.db, both, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "two sellers",
      sellerIds: [first.sellerId, second.sellerId],
      access: "READ_WRITE",
      createdAt: first.now.toISOString(),
    });
    return { w: first, both, a: a.id, b: b.id };
  }
  const money = "{ buyerTotal { formatted } settlementAmount { formatted } }";
  const amounts = (language: I18n.Language) => [
    I18n.money({ language, money: { amountMinor: 4000, currency: "USD" } }),
    I18n.money({ language, money: { amountMinor: 26000, currency: "CNY" } }),
  ];

  it("reads every amount in one language, whatever the document reads next to it and on every run", async () => {
    const { w, both, a, b } = await twoSellers();
    const documents = [
      `query($a: ID) { a: order(id: $a) ${money} }`,
      `query($a: ID, $b: ID) { a: order(id: $a) ${money} b: order(id: $b) ${money} }`,
      `query($a: ID, $b: ID) { b: order(id: $b) ${money} a: order(id: $a) ${money} }`,
      `query($a: ID, $s: ID) { a: order(id: $a) ${money}
        l: orders(sellerId: $s, first: 1) { edges { node ${money} } } }`,
    ];
    const formatted = (order: { buyerTotal: { formatted: string }; settlementAmount: { formatted: string } }) => [
      order.buyerTotal.formatted,
      order.settlementAmount.formatted,
    ];
    for (let run = 0; run < 5; run += 1) {
      for (const query of documents) {
        for (const [language, expected] of [
          [undefined, "en"],
          ["zh-CN", "zh-CN"],
        ] as const) {
          const response = await graphql(w.api, query, {
            key: both,
            variables: { a, b, s: w.sellerId },
            headers: language ? { "accept-language": language } : {},
          });
          expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
          const data = response.body.data;
          const read = [data.a, data.b, ...(data.l?.edges.map((e: { node: unknown }) => e.node) ?? [])];
          // Several sellers and no header: English, for the seller that reads Chinese too.
          expect(read.filter(Boolean).length).toBeGreaterThan(0);
          for (const order of read.filter(Boolean)) expect(formatted(order), query).toEqual(amounts(expected));
        }
      }
    }
  });

  it("writes a mutation's money and userErrors for the seller it acted for, on every run", async () => {
    const { w, both, a } = await twoSellers();
    const expedite =
      "mutation($input: ExpediteOrderInput!) { " +
      `expediteOrder(input: $input) { order ${money} userErrors { code message } } }`;
    for (let run = 0; run < 5; run += 1) {
      const response = await graphql(w.api, expedite, { key: both, variables: { input: { orderId: a } } });
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      const payload = response.body.data.expediteOrder;
      if (run === 0) {
        expect(payload.userErrors).toEqual([]);
        expect([payload.order.buyerTotal.formatted, payload.order.settlementAmount.formatted]).toEqual(
          amounts("zh-CN"),
        );
      } else {
        expect(payload.userErrors).toEqual([
          { code: "INVALID_TRANSITION", message: expect.stringMatching(/^该订单已标记为加急处理/) },
        ]);
      }
    }
  });
});
