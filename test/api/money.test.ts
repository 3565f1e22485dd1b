import { describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { StatsRepo, transactWrite } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { epochPlus } from "../support/clock";
import { makeOperator, makeSeller, orderInput, scanWhere, testDb } from "../support/fixtures";

/**
 * Money of any realistic size through the Lambda handler: amounts past 2^31 minor units are
 * recorded, stored, summed and formatted exactly; 2^53 is refused naming the field; a sum past
 * 2^53 − 1 is an explicit AMOUNT_OVERFLOW error, never a rounded number, except a deposit term's sales, summed
 * exactly and sent as at most 2^53 − 1 with "more than", and a seller window's sales, summed exactly for the risk's
 * average order.
 */

const MAX = 2 ** 53 - 1;
const OVERFLOW_MESSAGE =
  "This change would take one of the seller's totals past 2^53 − 1 minor units, the largest exact amount.";
type Handler = ReturnType<typeof createGraphqlHandler>;

async function setup() {
  const h = createGraphqlHandler({ clock: () => new Date("2026-06-15T04:00:00.000Z") });
  const { seller, key } = await makeSeller();
  return { h, key, sellerId: seller.id, operator: await makeOperator() };
}

const MONEY = "amountMinor currency formatted";

async function createOrder(h: Handler, key: string, overrides: Record<string, unknown>) {
  const response = await graphql(
    h,
    `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id buyerTotal { ${MONEY} } ` +
      `settlementAmount { ${MONEY} } } userErrors { field code message } } }`,
    { key, variables: { input: orderInput({ placedAt: "2026-06-14T00:00:00.000Z", ...overrides }) } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.createOrder;
}

describe("amounts past 32 bits", () => {
  it(
    "an order of 2^31 and of 2^53 − 1 minor units is recorded and " +
      "read back exactly, formatted in JPY, CNY and KWD",
    async () => {
      const s = await setup();
      const big = await createOrder(s.h, s.key, {
        items: [{ sku: "SKU-1", title: "Excavator", quantity: 1 }],
        buyerTotal: { amountMinor: 2 ** 31, currency: "JPY" },
        settlementAmount: { amountMinor: MAX, currency: "CNY" },
      });
      expect(big.userErrors).toEqual([]);
      expect(big.order.buyerTotal).toEqual({
        amountMinor: 2_147_483_648,
        currency: "JPY",
        formatted: "¥2,147,483,648",
      });
      expect(big.order.settlementAmount).toEqual({
        amountMinor: MAX,
        currency: "CNY",
        formatted: "CN¥90,071,992,547,409.91",
      });

      const kwd = await createOrder(s.h, s.key, {
        items: [{ sku: "SKU-1", title: "Generator", quantity: 1 }],
        buyerTotal: { amountMinor: MAX, currency: "KWD" },
        settlementAmount: { amountMinor: 3_000_000_000, currency: "CNY" },
        // Another day: on the first order's, the day's sales would pass 2^53 − 1 (refused, below).
        placedAt: "2026-06-13T00:00:00.000Z",
      });
      expect(kwd.order.buyerTotal).toEqual({
        amountMinor: MAX,
        currency: "KWD",
        formatted: "KWD\u00a09,007,199,254,740.991",
      });

      // Read again from the table, not from the mutation's answer.
      const read = await graphql(
        s.h,
        `query($id: ID!) { order(id: $id) { buyerTotal { ${MONEY} } settlementAmount { amountMinor } } }`,
        { key: s.key, variables: { id: big.order.id } },
      );
      expect(read.body.data.order).toEqual({
        buyerTotal: big.order.buyerTotal,
        settlementAmount: { amountMinor: MAX },
      });
    },
  );

  it("two days of the largest orders: the seller's window sums them exactly and every risk still reads", async () => {
    const s = await setup();
    // Each day's sales stay within 2^53 − 1 (its write is checked); the 30-day window of both does not.
    const orders = [];
    for (const placedAt of ["2026-06-13T00:00:00.000Z", "2026-06-14T00:00:00.000Z"]) {
      const created = await createOrder(s.h, s.key, {
        placedAt,
        settlementAmount: { amountMinor: MAX, currency: "CNY" },
      });
      expect(created.userErrors).toEqual([]);
      orders.push(created.order.id);
    }
    const small = await createOrder(s.h, s.key, {
      placedAt: "2026-06-12T00:00:00.000Z",
      settlementAmount: { amountMinor: 1_000, currency: "CNY" },
    });
    expect(small.userErrors).toEqual([]);
    const risk = await graphql(
      s.h,
      `query($big: ID!, $small: ID!) { sellerRisk { score } big: orderRisk(orderId: $big) { factors { code value } } ` +
        `small: orderRisk(orderId: $small) { factors { code value } } ` +
        `orders(first: 5) { edges { node { id risk { score } } } } }`,
      { key: s.key, variables: { big: orders[0], small: small.order.id } },
    );
    expect(risk.body.errors, JSON.stringify(risk.body.errors)).toBeUndefined();
    const orderValue = (r: { factors: { code: string; value: number }[] }) =>
      r.factors.find((f) => f.code === "ORDER_VALUE")?.value;
    // The others' average order is (2^53 − 1 + 1,000) / 2, taken out of a window past 2^53 − 1: the largest is 2.0
    // times it, the small one nothing.
    expect(orderValue(risk.body.data.big)).toBe(2);
    expect(orderValue(risk.body.data.small)).toBe(0);
    expect(risk.body.data.orders.edges).toHaveLength(3);
    // The operator's read of the seller, the same.
    const operator = await graphql(s.h, `query($id: ID!) { sellerRisk(sellerId: $id) { score } }`, {
      key: s.operator,
      variables: { id: s.sellerId },
    });
    expect(operator.body.errors, JSON.stringify(operator.body.errors)).toBeUndefined();
  });

  it("2^53 minor units is refused with a userError naming the field, and nothing is written", async () => {
    const s = await setup();
    const refused = await createOrder(s.h, s.key, { settlementAmount: { amountMinor: 2 ** 53, currency: "CNY" } });
    expect(refused.order).toBeNull();
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "settlementAmount", "amountMinor"] }),
    ]);
    // Written inline (a literal, not a variable), the same.
    const literal = await graphql(
      s.h,
      `mutation { createOrder(input: { marketplaceOrderId: "AE-LIT", items: [{ sku: "S", title: "T", quantity: 1 }],
        buyerTotal: { amountMinor: 9007199254740992, currency: "USD" },
        settlementAmount: { amountMinor: 1, currency: "CNY" }, buyerCountry: "US", placedAt: "2026-06-14T00:00:00Z",
          handlingDays: 3 }) { order { id } userErrors { field code } } }`,
      { key: s.key },
    );
    expect(literal.body.data.createOrder).toEqual({
      order: null,
      userErrors: [{ field: ["input", "buyerTotal", "amountMinor"], code: "INVALID_INPUT" }],
    });
    const orders = await graphql(s.h, `{ orders(first: 5) { edges { node { id } } } }`, { key: s.key });
    expect(orders.body.data.orders.edges).toEqual([]);
  });

  it("a string is still a request error, as it was for Int", async () => {
    const s = await setup();
    const response = await graphql(
      s.h,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`,
      {
        key: s.key,
        variables: { input: orderInput({ buyerTotal: { amountMinor: "2500", currency: "USD" } }) },
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("a deposit term's sales", () => {
  const recordDeposit = async (s: Awaited<ReturnType<typeof setup>>, salesTarget: number) => {
    const response = await graphql(
      s.h,
      `mutation($input: RecordDepositInput!) { recordDeposit(input: $input) { deposit { id } userErrors { field ` +
        `code message } } }`,
      {
        key: s.operator,
        variables: {
          input: {
            sellerId: s.sellerId,
            kind: "LIMITED_TERM",
            amount: { amountMinor: 1_000_000, currency: "CNY" },
            paidAt: "2025-12-28T10:00:00+08:00",
            termStart: "2026-01-01T00:00:00+08:00",
            termEnd: "2027-01-01T00:00:00+08:00",
            salesTarget: { amountMinor: salesTarget, currency: "CNY" },
          },
        },
      },
    );
    expect(response.body.data.recordDeposit.userErrors).toEqual([]);
    return response.body.data.recordDeposit.deposit.id as string;
  };
  const eligibility = (s: Awaited<ReturnType<typeof setup>>, id: string, language = "en", basis = "") =>
    graphql(
      s.h,
      `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation progress { salesToDate ` +
        `{ ${MONEY} } salesTarget { amountMinor } ${basis} } } }`,
      { key: s.key, variables: { id }, headers: { "accept-language": language } },
    );
  /** What a term past 2^53 − 1 answers: the largest exact amount, "more than", and the target reached. */
  const pastTheRange = async (s: Awaited<ReturnType<typeof setup>>, depositId: string) => {
    const response = await eligibility(s, depositId, "en", "salesBasis");
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    const answer = response.body.data.depositRefundEligibility;
    expect(answer).toMatchObject({
      eligible: true,
      recommendation: "REFUND_IN_FULL",
      progress: {
        salesToDate: { amountMinor: MAX, currency: "CNY", formatted: "CN¥90,071,992,547,409.91" },
        salesTarget: { amountMinor: 3_000_000_000 },
      },
    });
    expect(answer.progress.salesBasis).toContain("never below zero: more than CN¥90,071,992,547,409.91.");
    const chinese = await eligibility(s, depositId, "zh-CN", "salesBasis");
    expect(chinese.body.data.depositRefundEligibility.progress.salesBasis).toContain("最低为零：超过");
  };

  it("summed past 2^31 (CN¥22,000,516.20) reads exactly: the eligibility a seller asks for answers", async () => {
    const s = await setup();
    const depositId = await recordDeposit(s, 3_000_000_000);
    for (const placedAt of ["2026-03-02T02:00:00Z", "2026-05-02T02:00:00Z"]) {
      const created = await createOrder(s.h, s.key, {
        placedAt,
        settlementAmount: { amountMinor: 1_100_025_810, currency: "CNY" },
      });
      expect(created.userErrors).toEqual([]);
    }
    const response = await eligibility(s, depositId);
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect(response.body.data.depositRefundEligibility.progress).toEqual({
      salesToDate: { amountMinor: 2_200_051_620, currency: "CNY", formatted: "CN¥22,000,516.20" },
      salesTarget: { amountMinor: 3_000_000_000 },
    });
  });

  it("summed past 2^53 − 1 is exact: sent as the largest exact amount, 'more than', never rounded", async () => {
    const s = await setup();
    const depositId = await recordDeposit(s, 3_000_000_000);
    // Counter items as the order mutations write them, arranged directly: no real order is this large.
    const written = await transactWrite(
      testDb().doc,
      StatsRepo.counterWrites(testDb(), s.sellerId, {
        "2026-03-02": { settledSalesMinor: MAX },
        "2026-03-03": { settledSalesMinor: 1 },
      }),
    );
    expect(written.ok).toBe(true);
    await pastTheRange(s, depositId);
  });

  it("two orders of 2^53 − 1 on two days of the term: the eligibility answers the seller and operator", async () => {
    const s = await setup();
    const depositId = await recordDeposit(s, 3_000_000_000);
    for (const placedAt of ["2026-03-01T02:00:00Z", "2026-03-02T02:00:00Z"]) {
      const created = await createOrder(s.h, s.key, {
        placedAt,
        settlementAmount: { amountMinor: MAX, currency: "CNY" },
      });
      expect(created.userErrors).toEqual([]);
    }
    await pastTheRange(s, depositId);
    const operator = await graphql(s.h, `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible } }`, {
      key: s.operator,
      variables: { id: depositId },
    });
    expect(operator.body.errors).toBeUndefined();
    expect(operator.body.data).toEqual({ depositRefundEligibility: { eligible: true } });
  });

  it("a day's counter past 2^53 − 1 (DynamoDB adds it exactly) is read exactly, never as 0 nor a failure", async () => {
    const s = await setup();
    const depositId = await recordDeposit(s, 3_000_000_000);
    // Stored before the counters refused to pass the exact range (below): a plain ADD, as DynamoDB takes it.
    for (const settledSalesMinor of [MAX, 1]) {
      await testDb().doc.send(
        new UpdateCommand({
          TableName: testDb().tables.Sellers,
          Key: StatsRepo.statsKey(s.sellerId, "2026-03-02"),
          UpdateExpression: "SET sellerId = :s, #day = :d ADD settledSalesMinor :v",
          ExpressionAttributeNames: { "#day": "day" },
          ExpressionAttributeValues: { ":s": s.sellerId, ":d": "2026-03-02", ":v": settledSalesMinor },
        }),
      );
    }
    await pastTheRange(s, depositId);
  });

  it("an order that would take a day's sales past 2^53 − 1 is AMOUNT_OVERFLOW and writes nothing", async () => {
    const s = await setup();
    const first = await createOrder(s.h, s.key, { settlementAmount: { amountMinor: MAX, currency: "CNY" } });
    expect(first.userErrors).toEqual([]);
    const before = await StatsRepo.readDays(testDb(), s.sellerId, "2026-06-14", "2026-06-14");
    const response = await graphql(
      s.h,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`,
      {
        key: s.key,
        variables: {
          input: orderInput({
            placedAt: "2026-06-14T00:00:00.000Z",
            settlementAmount: { amountMinor: 1, currency: "CNY" },
          }),
        },
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("AMOUNT_OVERFLOW");
    expect(response.body.errors?.[0]?.message).toBe(OVERFLOW_MESSAGE);
    expect(await StatsRepo.readDays(testDb(), s.sellerId, "2026-06-14", "2026-06-14")).toEqual(before);
    expect(await scanWhere("Orders", (item) => item.sellerId === s.sellerId && item.sk === "ORDER")).toHaveLength(1);
    // The seller's risk still reads: no counter left the exact range.
    const risk = await graphql(s.h, "{ sellerRisk { score } }", { key: s.key });
    expect(risk.body.errors, JSON.stringify(risk.body.errors)).toBeUndefined();
  });

  const rejectedAlone =
    "in an import, that order alone is REJECTED AMOUNT_OVERFLOW: the batch goes on, its retry agrees";
  it(rejectedAlone, async () => {
    // Under an idempotencyKey, whose record must expire in the real future: a clock from the test epoch.
    const s = { ...(await setup()), h: createGraphqlHandler({ clock: () => epochPlus(0) }) };
    const row = (marketplaceOrderId: string, amountMinor: number) => {
      const { idempotencyKey: _key, ...input } = orderInput({
        marketplaceOrderId,
        placedAt: epochPlus(-24).toISOString(),
        settlementAmount: { amountMinor, currency: "CNY" },
      }) as Record<string, unknown>;
      return input;
    };
    const orders = [row("AE-OVF-1", MAX - 10), row("AE-OVF-2", 100), row("AE-OVF-3", 5)];
    const send = () =>
      graphql(
        s.h,
        "mutation($input: ImportOrdersInput!) { importOrders(input: $input) { " +
          "results { marketplaceOrderId outcome errors { field code message } } userErrors { code } } }",
        { key: s.key, variables: { input: { orders, idempotencyKey: "import-overflow-0001" } } },
      );
    const first = await send();
    expect(first.body.errors, JSON.stringify(first.body.errors)).toBeUndefined();
    expect(first.body.data.importOrders).toEqual({
      results: [
        { marketplaceOrderId: "AE-OVF-1", outcome: "CREATED", errors: [] },
        {
          marketplaceOrderId: "AE-OVF-2",
          outcome: "REJECTED",
          errors: [
            {
              field: ["input", "orders", "1"],
              code: "AMOUNT_OVERFLOW",
              message: OVERFLOW_MESSAGE,
            },
          ],
        },
        { marketplaceOrderId: "AE-OVF-3", outcome: "CREATED", errors: [] },
      ],
      userErrors: [],
    });
    const created = await scanWhere("Orders", (item) => item.sellerId === s.sellerId && item.sk === "ORDER");
    expect(created.map((o) => o.marketplaceOrderId).sort()).toEqual(["AE-OVF-1", "AE-OVF-3"]);
    const retried = await send();
    expect(retried.body.data.importOrders).toEqual(first.body.data.importOrders);
  });
});
