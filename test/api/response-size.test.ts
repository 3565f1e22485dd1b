import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { LIMITS } from "@seller-ops/api/src/limits";
import { Orders, type Order } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import { createGraphqlHandler, MAX_RESPONSE_BYTES } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { buyerOpensCase, linkedOnly, world, type World } from "../support/world";
import { functionTables } from "@seller-ops/functions/src/tables";

/**
 * Lambda cannot answer more than 6 MiB. A page is bounded in items, not bytes: 100 orders of 100
 * items with the longest SKUs and titles in Chinese are ~8 MB, well within the cost budget. Such a
 * query is refused with a clear RESPONSE_TOO_LARGE, not a bare 500 from API Gateway.
 */

const wide = (n: number) => "界".repeat(n);
const ITEMS_PAGE =
  "query($first: Int!) { orders(first: $first) { edges { node { id items { sku title quantity } } } } }";

describe("an answer larger than Lambda can carry", () => {
  let w: World;
  const warnings: string[] = [];
  beforeAll(async () => {
    w = await world();
    const orders: Order[] = Array.from({ length: 100 }, (_, i) => {
      const created = Orders.create({
        id: ulid(),
        sellerId: w.sellerId,
        settlementCurrency: "CNY",
        timeZone: "UTC",
        input: {
          marketplaceOrderId: `AE-WIDE-${i}`,
          items: Array.from({ length: 100 }, () => ({ sku: wide(64), title: wide(200), quantity: 1 })),
          buyerTotal: { amountMinor: 1000, currency: "USD" },
          settlementAmount: { amountMinor: 7000, currency: "CNY" },
          buyerCountry: "US",
          placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
          handlingDays: 3,
          shipBy: null,
        },
        now: w.now.toISOString(),
      });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      return created.value;
    });
    for (let i = 0; i < orders.length; i += 25) {
      const puts = orders.slice(i, i + 25).map((o) => ({ PutRequest: { Item: OrdersRepo.toItem(o) } }));
      await w.db.doc.send(new BatchWriteCommand({ RequestItems: { [w.db.tables.Orders]: puts } }));
    }
    w.api = createGraphqlHandler({
      db: linkedOnly(w.db, functionTables.graphql),
      clock: () => w.now,
      logger: {
        info: () => {},
        warn: (message, fields) => warnings.push(JSON.stringify({ message, ...fields })),
        error: () => {},
        child() {
          return this;
        },
      },
    });
  }, 120_000);

  it("is refused as RESPONSE_TOO_LARGE, with the size, in a response Lambda can carry", async () => {
    const result = await w.api(
      httpEvent({
        body: JSON.stringify({ query: ITEMS_PAGE, variables: { first: 100 } }),
        headers: { "content-type": "application/json", authorization: `Bearer ${w.key}` },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
    const body = JSON.parse(result.body!);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", limit: MAX_RESPONSE_BYTES });
    expect(body.errors[0].extensions.bytes).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(body.errors[0].message).toMatch(/fewer items/);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(10_000);
    expect(result.headers?.["x-request-id"]).toBeTruthy();
    expect(warnings.some((line) => line.includes("response too large"))).toBe(true);
  });

  it("a smaller page of the same orders is answered in full", async () => {
    const response = await graphql(w.api, ITEMS_PAGE, { key: w.key, variables: { first: 40 } });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.orders.edges).toHaveLength(40);
    expect(response.body.data.orders.edges[0].node.items).toHaveLength(100);
  });
});

/**
 * A mutation's write lands before its answer is built: an answer too large for Lambda must not read as a refusal
 * ("ask for fewer fields"), or the client retries and the change is made twice. So a mutation whose payload could
 * weigh more than `LIMITS.maxPayloadCost` is refused before it runs, and one that still trips the limit says the
 * change was applied.
 */
describe("a mutation whose answer could be larger than Lambda can carry", () => {
  const page = (first: number) => `timeline(first: ${first}) { edges { node { body } } }`;
  const refund = (selection: string) => `mutation($input: RecordRemedyInput!) { recordRemedy(input: $input) {
      userErrors { code message } case { id ${selection} } } }`;
  const input = { caseId: "", kind: "PARTIAL_REFUND", amount: { amountMinor: 1000, currency: "USD" } };
  const refunded = async (w: World, orderId: string) =>
    (
      await graphql(w.api, "query($id: ID!) { order(id: $id) { refunded { amountMinor } } }", {
        key: w.key,
        variables: { id: orderId },
      })
    ).body.data.order.refunded.amountMinor;

  /** Seller messages of 5,000 Chinese characters (15 kB each) on the case. */
  async function longMessages(w: World, caseId: string, count: number) {
    for (let i = 0; i < count; i++) {
      const posted = await graphql(
        w.api,
        "mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { userErrors { code } } }",
        { key: w.key, variables: { input: { caseId, direction: "SELLER", body: wide(5000) } } },
      );
      expect(posted.body.data.postCaseMessage.userErrors).toEqual([]);
    }
  }

  it("is refused before it runs when its payload could pass the budget: nothing is written", async () => {
    const w = await world(undefined, { tables: "shared" });
    const { order, caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    await longMessages(w, caseId, 3);
    // Five full timeline pages: 7.4 MB on a case of 105 such messages, at a query cost of ~1,500.
    const selection = [1, 2, 3, 4, 5].map((i) => `t${i}: ${page(100)}`).join(" ");
    const refused = await graphql(w.api, refund(selection), {
      key: w.partner,
      variables: { input: { ...input, caseId } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    const [error] = refused.body.errors!;
    expect(error!.extensions).toMatchObject({
      code: "QUERY_TOO_COSTLY",
      payloadCost: { requested: expect.any(Number), budget: LIMITS.maxPayloadCost },
    });
    expect((error!.extensions as any).payloadCost.requested).toBeGreaterThan(LIMITS.maxPayloadCost);
    expect((error!.extensions as any).cost).toBeUndefined();
    expect(error!.message).toMatch(/Nothing was written/);
    expect(await refunded(w, order.id)).toBe(0);

    // The same change with a payload within the budget is made, and says what its payload cost.
    const made = await graphql(w.api, refund(page(20)), { key: w.partner, variables: { input: { ...input, caseId } } });
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data.recordRemedy.case.timeline.edges.length).toBeGreaterThan(0);
    expect((made.body as any).extensions.payloadCost).toEqual({
      requested: expect.any(Number),
      budget: LIMITS.maxPayloadCost,
    });
    expect(await refunded(w, order.id)).toBe(1000);
  }, 60_000);

  it("that still trips the limit answers that the change was applied, and a replay makes no second one", async () => {
    const w = await world(undefined, { tables: "shared" });
    const { order, caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    await longMessages(w, caseId, 4);
    // A limit of 100 kB in place of 6 MiB: two pages of four messages of 15 kB each pass it.
    const api = createGraphqlHandler(
      { db: linkedOnly(w.db, functionTables.graphql), clock: () => w.now },
      { maxResponseBytes: 100_000 },
    );
    const variables = { input: { ...input, caseId, idempotencyKey: `too-large-${ulid()}` } };
    const big = refund(`a: ${page(10)} b: ${page(10)}`);

    const first = await graphql(api, big, { key: w.partner, variables });
    expect(first.status).toBe(200);
    expect(first.body.data).toBeNull();
    expect(first.body.errors).toHaveLength(1);
    expect(first.body.errors![0]!.extensions).toMatchObject({
      code: "RESPONSE_TOO_LARGE_APPLIED",
      applied: true,
      limit: 100_000,
    });
    expect(first.body.errors![0]!.message).toMatch(/changes are saved.*Do not send it again: read the result/);
    expect(await refunded(w, order.id)).toBe(1000);

    // Sent again as it was, under its key: the same answer, no second refund.
    const again = await graphql(api, big, { key: w.partner, variables });
    expect(again.status).toBe(200);
    expect(again.body.errors![0]!.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE_APPLIED", applied: true });
    // With fewer fields under the same key: the first payload, and still one refund.
    const smaller = await graphql(api, refund("remedies { kind amount { amountMinor } }"), {
      key: w.partner,
      variables,
    });
    expect(smaller.status).toBe(200);
    expect(smaller.body.data.recordRemedy.userErrors).toEqual([]);
    expect(smaller.body.data.recordRemedy.case.remedies).toEqual([
      { kind: "PARTIAL_REFUND", amount: { amountMinor: 1000 } },
    ]);
    expect(await refunded(w, order.id)).toBe(1000);

    // A query over the same limit is still a refusal: nothing happened.
    const read = await graphql(api, `query($id: ID!) { case(id: $id) { a: ${page(10)} b: ${page(10)} } }`, {
      key: w.key,
      variables: { id: caseId },
    });
    expect(read.status).toBe(400);
    expect(read.body.errors![0]!.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE" });
  }, 60_000);
});
