import { describe, expect, it } from "vitest";
import { I18n } from "@seller-ops/core";
import { ApiKeys } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { buyerOpensCase, linkedOnly, mutate, orderDue, world, type World } from "../support/world";

/**
 * Refusals a rule or a schema words itself are answered in the reader's language like the shared
 * ones: the same code and field in every language, the figures formatted for the language and
 * dates on the seller's clock. Each case sends the refused mutation twice, in Chinese
 * (`Accept-Language: zh-CN`) and in English, and compares.
 */

type Refusal = { field: string[] | null; code: string; message: string };

/** Sends one mutation in both languages; returns its userErrors in each. */
async function inBoth(
  w: World,
  mutation: { name: string; inputType: string; input: Record<string, unknown>; key?: string },
): Promise<{ zh: Refusal[]; en: Refusal[] }> {
  const query = `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) {
    userErrors { field code message } } }`;
  const send = async (language: string) => {
    const response = await graphql(w.api, query, {
      key: mutation.key ?? w.key,
      headers: { "accept-language": language },
      variables: { input: mutation.input },
    });
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    return response.body.data[mutation.name].userErrors as Refusal[];
  };
  const zh = await send("zh-CN");
  const en = await send("en");
  // Codes and fields never change with the language; only the sentence does.
  expect(zh.map(({ field, code }) => ({ field, code }))).toEqual(en.map(({ field, code }) => ({ field, code })));
  expect(zh.length).toBeGreaterThan(0);
  for (const error of zh) expect(error.message, error.message).toMatch(/[\u4e00-\u9fff]/);
  for (const error of en) expect(error.message, error.message).not.toMatch(/[\u4e00-\u9fff]/);
  return { zh, en };
}

const inFuture = (w: World, hours: number) => new Date(w.now.getTime() + hours * 3_600_000).toISOString();

describe("refusals worded by the rules, in the reader's language", () => {
  it("a compensation offer over its kind's cap names the cap in the language's money format", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    // A gift is capped at 10% of the USD 40.00 the buyer paid: USD 4.00.
    const { zh, en } = await inBoth(w, {
      name: "makeCompensationOffer",
      inputType: "MakeCompensationOfferInput",
      input: { caseId, kind: "GIFT", amount: { amountMinor: 500, currency: "USD" }, expiresAt: inFuture(w, 48) },
    });
    expect(zh).toEqual([
      {
        field: ["input", "amount"],
        code: "AMOUNT_ABOVE_POLICY",
        message: "小礼品补偿不得超过订单金额的10%（US$4.00）。",
      },
    ]);
    expect(en[0]!.message).toBe("A gift offer is capped at 10% of the order ($4.00).");
  });

  it("an illegal lifecycle move names the state; a date in it is on the seller's clock", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const cancelled = await orderDue(w, 24);
    await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: cancelled.id, reason: "BUYER_REQUESTED" },
      "order { id }",
    );
    const ship = await inBoth(w, {
      name: "markOrderShipped",
      inputType: "MarkOrderShippedInput",
      input: { orderId: cancelled.id, carrier: "Cainiao", trackingNumber: "LP00123456789CN" },
    });
    expect(ship.zh).toEqual([
      {
        field: null,
        code: "INVALID_TRANSITION",
        message: "订单状态为“已取消”（CANCELLED），无法发货；只有“待发货”（AWAITING_SHIPMENT）的订单可以。",
      },
    ]);
    expect(ship.en[0]!.message).toBe("Cannot ship an order that is CANCELLED; only from AWAITING_SHIPMENT.");

    await mutate(w, w.key, "expediteOrder", "ExpediteOrderInput", { orderId: order.id }, "order { id }");
    const again = await inBoth(w, {
      name: "expediteOrder",
      inputType: "ExpediteOrderInput",
      input: { orderId: order.id },
    });
    const at = { instant: w.now.toISOString(), timeZone: "Asia/Shanghai", now: w.now.toISOString() };
    expect(again.zh[0]).toEqual({
      field: null,
      code: "INVALID_TRANSITION",
      message: `该订单已标记为加急处理（自${I18n.dateTime({ language: "zh-CN", ...at })}起）。`,
    });
    expect(again.en[0]!.message).toBe(
      `The order is already expedited (since ${I18n.dateTime({ language: "en", ...at })}).`,
    );
  });

  it("bad input caught by a schema: the schema's own check and zod's defaults both have their Chinese", async () => {
    const w = await world();
    const input = {
      marketplaceOrderId: `AE-${ulid()}`,
      items: [{ sku: "LED-STRIP-5M", title: "LED strip 5 m", quantity: 0 }],
      buyerTotal: { amountMinor: 4000, currency: "XYZ" },
      settlementAmount: { amountMinor: 26000, currency: "CNY" },
      buyerCountry: "ES",
      placedAt: "2026-11-31T10:00:00Z",
      handlingDays: 3,
    };
    const { zh, en } = await inBoth(w, { name: "createOrder", inputType: "CreateOrderInput", input });
    const byField = (errors: Refusal[]) => Object.fromEntries(errors.map((e) => [e.field!.join("."), e]));
    expect(byField(zh)).toEqual({
      "input.items.0.quantity": {
        field: ["input", "items", "0", "quantity"],
        code: "INVALID_INPUT",
        message: "数量至少为 1。",
      },
      "input.buyerTotal.currency": {
        field: ["input", "buyerTotal", "currency"],
        code: "INVALID_INPUT",
        message: "不是现行的 ISO 4217 币种代码：新订单和新卖家不能使用已停用的币种，例如 HRK 或 BGN。",
      },
      // A schema message that does not name its field is led by the field as sent.
      "input.placedAt": {
        field: ["input", "placedAt"],
        code: "INVALID_INPUT",
        message: "字段 placedAt：不是有效的日期：2026-11 没有第 31 天。",
      },
    });
    expect(byField(en)["input.items.0.quantity"]!.message).toBe("Quantity is at least 1.");
    expect(byField(en)["input.placedAt"]!.message).toBe("placedAt: Not a real calendar date: 2026-11 has no day 31.");

    const version = await inBoth(w, {
      name: "expediteOrder",
      inputType: "ExpediteOrderInput",
      input: { orderId: "ord_x", expectedVersion: 0 },
    });
    expect(version.zh[0]).toEqual({
      field: ["input", "expectedVersion"],
      code: "INVALID_INPUT",
      message: "字段 expectedVersion：版本号从 1 开始。",
    });
    expect(version.en[0]!.message).toBe("expectedVersion: Versions start at 1.");

    // An empty reference is worded by the identifier's own rule (`Identifier`), in Chinese too.
    const { caseId } = await buyerOpensCase(w);
    const empty = await inBoth(w, {
      name: "recordRemedy",
      inputType: "RecordRemedyInput",
      input: { caseId, kind: "APOLOGY", reference: " " },
    });
    expect(empty.zh).toEqual([{ field: ["input", "reference"], code: "INVALID_INPUT", message: "编号不能为空。" }]);
  });

  it("a webhook URL refused by the URL rules: WEBHOOK_URL_REFUSED with the rule in Chinese", async () => {
    const w = await world();
    const { zh, en } = await inBoth(w, {
      name: "registerWebhookEndpoint",
      inputType: "RegisterWebhookEndpointInput",
      input: { url: "http://erp.example.com/hooks" },
    });
    expect(zh).toEqual([
      {
        field: ["input", "url"],
        code: "WEBHOOK_URL_REFUSED",
        message: "端点必须是 https:// URL（只有开发环境中的 localhost 可以用 http://）。",
      },
    ]);
    expect(en[0]!.message).toBe("Endpoints are https:// URLs (http:// only for localhost in development).");
    const privateHost = await inBoth(w, {
      name: "registerWebhookEndpoint",
      inputType: "RegisterWebhookEndpointInput",
      input: { url: "https://10.0.0.5/hooks" },
    });
    expect(privateHost.zh[0]!.message).toBe("主机 10.0.0.5 是私有网络地址：请使用公网主机名。");
  });

  it("a list at its cap: LIMIT_REACHED names the cap", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const incident = { orderId: order.id, cause: "HUMAN_ERROR", note: "Picked late." };
    for (let i = 0; i < 10; i++)
      await mutate(w, w.key, "recordShippingIncident", "RecordShippingIncidentInput", incident, "order { id }");
    const { zh, en } = await inBoth(w, {
      name: "recordShippingIncident",
      inputType: "RecordShippingIncidentInput",
      input: incident,
    });
    expect(zh).toEqual([
      {
        field: ["input", "orderId"],
        code: "LIMIT_REACHED",
        message: "一个订单最多记录 10 次发货异常，此订单已达上限。",
      },
    ]);
    expect(en[0]!.message).toBe("An order keeps at most 10 incidents; this one has reached that cap.");
  });

  it("a query's bad filter is a request error worded from the schema's text, in the reader's language", async () => {
    const w = await world();
    const query = `query($filter: CaseFilter) { cases(filter: $filter, first: 5) { edges { cursor } } }`;
    const ask = (language: string) =>
      graphql(w.api, query, {
        key: w.key,
        headers: { "accept-language": language },
        variables: { filter: { updatedSince: "2026-02-30T00:00:00Z" } },
      });
    const [zh] = (await ask("zh-CN")).body.errors ?? [];
    expect(zh?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(zh?.message).toBe("filter.updatedSince: 不是有效的日期：2026-02 没有第 30 天。");
    const [en] = (await ask("en")).body.errors ?? [];
    expect(en?.message).toBe("filter.updatedSince: Not a real calendar date: 2026-02 has no day 30.");
  });

  it("a refused page size, cursor or seller is a request error in the reader's language, same code", async () => {
    const w = await world();
    const ask = (language: string, query: string, key = w.key) =>
      graphql(w.api, query, { key, headers: { "accept-language": language } });
    const refusals = [
      { query: "{ orders(first: 500) { edges { cursor } } }", argument: "first" },
      // A cursor whose signature is not the server's (a client that edited it).
      { query: `{ orders(after: "eyJzIjoiIiwiayI6e319.${"A".repeat(43)}") { edges { cursor } } }`, argument: "after" },
      // A partner key granted one seller, asking for another's risk.
      { query: `{ sellerRisk(sellerId: "someone-else") { score } }`, key: w.partner, code: "FORBIDDEN" },
    ];
    const answers = [];
    for (const { query, argument, key, code = "BAD_USER_INPUT" } of refusals) {
      const [zh] = (await ask("zh-CN", query, key)).body.errors ?? [];
      const [en] = (await ask("en", query, key)).body.errors ?? [];
      expect(zh?.extensions).toEqual(en?.extensions);
      expect(zh?.extensions).toEqual({ code, ...(argument && { argument }) });
      answers.push([zh?.message, en?.message]);
    }
    expect(answers).toEqual([
      ["`first` 须在 1 到 100 之间。", "`first` must be between 1 and 100."],
      ["游标已被改动，或不是本 API 签发的。", "The cursor was altered or was not issued by this API."],
      ["此凭证无权代表该卖家操作。", "This credential may not act for that seller."],
    ]);
  });

  it("an internal error stays masked in every language: a request id, no cause", async () => {
    const w = await world();
    // A handler whose tables are all unlinked: the key lookup itself fails, which is a bug, not input.
    const broken = createGraphqlHandler({ db: linkedOnly(w.db, []), clock: () => w.now });
    const response = await graphql(
      broken,
      "mutation($input: ExpediteOrderInput!) { expediteOrder(input: $input) { userErrors { code } } }",
      {
        key: w.key,
        headers: { "accept-language": "zh-CN" },
        variables: { input: { orderId: "ord_x" } },
      },
    );
    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error?.message).toMatch(/^Internal server error\. Reference: [\w-]+\.$/);
    expect(JSON.stringify(response.body)).not.toMatch(/table|Table|linked|stack|\.ts:/);
  });

  it("without a header a seller reads its profile's language; an operator reads English", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const query = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) {
      userErrors { field code message } } }`;
    const seller = await graphql(w.api, query, { key: w.key, variables: { input: { url: "not a url" } } });
    expect(seller.body.data.registerWebhookEndpoint.userErrors).toEqual([
      {
        field: ["input", "url"],
        code: "WEBHOOK_URL_REFUSED",
        message: "请给出完整的 URL（以 https:// 开头，包含主机名和路径）。",
      },
    ]);
    const operator = await graphql(w.api, query, {
      key: w.operator,
      variables: { input: { sellerId: w.sellerId, url: "not a url" } },
    });
    expect(operator.body.data.registerWebhookEndpoint.userErrors[0].message).toBe(
      "Give an absolute URL such as https://erp.example.com/hooks/seller-ops.",
    );
  });
});

/**
 * Sends one request that a credential may not make, in Chinese and in English; answers its top-level
 * refusal's message in each. The code is FORBIDDEN in both, and only the sentence changes.
 */
async function forbiddenInBoth(
  w: World,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ zh: string; en: string }> {
  const send = async (language: string) => {
    const response = await graphql(w.api, query, { key, headers: { "accept-language": language }, variables });
    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");
    return error!.message as string;
  };
  const zh = await send("zh-CN");
  const en = await send("en");
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  return { zh, en };
}

describe("refusals of what a credential may do, in the reader's language", () => {
  it("a read-only partner key writing for a zh-CN seller: refused in Chinese whichever mutation it tries", async () => {
    const w = await world();
    await mutate(w, w.key, "setSellerLanguage", "SetSellerLanguageInput", { language: "ZH_CN" }, "seller { id }");
    const order = await orderDue(w, 48);
    const readOnly = `partner_ro_${ulid()}`;
    await ApiKeys.putApiKey(w.db, readOnly, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "read-only ERP",
      sellerIds: [w.sellerId],
      access: "READ",
      createdAt: w.now.toISOString(),
    });
    const create = await forbiddenInBoth(
      w,
      readOnly,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { userErrors { code } } }`,
      {
        input: {
          sellerId: w.sellerId,
          marketplaceOrderId: `AE-${ulid()}`,
          items: [{ sku: "S", title: "T", quantity: 1 }],
          buyerTotal: { amountMinor: 4000, currency: "USD" },
          settlementAmount: { amountMinor: 26000, currency: "CNY" },
          buyerCountry: "ES",
          placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
          handlingDays: 3,
        },
      },
    );
    expect(create).toEqual({ zh: "此凭证无权代表该卖家操作。", en: "This credential may not act for that seller." });
    const shipQuery = `mutation($input: MarkOrderShippedInput!) { markOrderShipped(input: $input) {
      userErrors { code } } }`;
    const ship = { input: { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00000001" } };
    expect(await forbiddenInBoth(w, readOnly, shipQuery, ship)).toEqual({
      zh: "此凭证对该卖家只有只读权限。",
      en: "This credential is read-only for that seller.",
    });
    // Without the header, the seller the key is granted speaks for it: its setting is Chinese.
    const unasked = await graphql(w.api, shipQuery, { key: readOnly, variables: ship });
    expect(unasked.body.errors?.[0]?.message).toBe("此凭证对该卖家只有只读权限。");
  });

  it("a marketplace key reading the deposit side of a seller's health, or listing every seller", async () => {
    const w = await world();
    const health = await forbiddenInBoth(
      w,
      w.marketplace,
      `query($id: ID!) { seller(id: $id) { health { depositConsequences { code } } } }`,
      { id: w.sellerId },
    );
    expect(health).toEqual({
      zh: "保证金只涉及卖家和平台运营方：平台密钥不能读取。",
      en: "Deposits are between the seller and the platform's operators: marketplace keys do not read them.",
    });
    const sellers = await forbiddenInBoth(w, w.marketplace, "{ sellers(first: 5) { edges { cursor } } }");
    expect(sellers).toEqual({ zh: "只有平台运营方可以列出所有卖家。", en: "Only operators list every seller." });
  });

  it("a case action of another side, refused by the case's rules: the side and the action in words", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const decide = await forbiddenInBoth(
      w,
      w.marketplace,
      `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { userErrors { code } } }`,
      { input: { caseId, outcome: "DECIDED_FOR_BUYER", note: "Not as described." } },
    );
    expect(decide).toEqual({ zh: "只有平台运营方才能裁决纠纷。", en: "Only an operator may decide." });
  });
});
