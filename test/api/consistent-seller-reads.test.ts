import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, SellersRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { world, type World } from "../support/world";

/**
 * In AWS an eventually consistent read can answer a copy of an item from before a write made a
 * moment ago (DynamoDB Local always answers the latest). A write must not decide on such a copy:
 * its answer, and a refusal kept under the caller's retry key, would be wrong for good.
 */
type Handler = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;

/**
 * A client whose eventually consistent reads of the seller's profile answer `lagging` (null: not there yet); a batched
 * read misses it, or with `batchGets: "lagging"` answers `lagging` too.
 */
function laggingSellerReads(
  w: World,
  lagging: Record<string, unknown> | null,
  batchGets: "missing" | "lagging" = "missing",
): Db {
  const doc = createDocumentClient();
  const lag = (next: Handler, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
    const input = args.input;
    const result = await next(args);
    if (context.commandName === "GetItemCommand" && input.TableName === w.db.tables.Sellers && !input.ConsistentRead)
      return { ...result, output: { ...result.output, Item: lagging ?? undefined } };
    const sellers = input.RequestItems?.[w.db.tables.Sellers];
    if (context.commandName === "BatchGetItemCommand" && sellers && !sellers.ConsistentRead) {
      const responses = (result.output.Responses ?? {}) as Record<string, unknown[]>;
      const answered = batchGets === "lagging" && lagging ? [lagging] : [];
      return { ...result, output: { ...result.output, Responses: { ...responses, [w.db.tables.Sellers]: answered } } };
    }
    return result;
  };
  doc.middlewareStack.add(lag as never, { step: "deserialize", name: "laggingSellerReads", priority: "high" });
  return { doc: doc as DynamoDBDocumentClient, tables: w.db.tables };
}

const SET_LANGUAGE = `mutation($input: SetSellerLanguageInput!) {
  setSellerLanguage(input: $input) { seller { language version } userErrors { code } }
}`;

const CREATE_ORDER = `mutation($input: CreateOrderInput!) {
  createOrder(input: $input) { order { id } userErrors { code field } }
}`;

describe("writes decide on a consistent read of the seller", () => {
  it("a language change right after another is written, not answered from the older copy", async () => {
    const w = await world();
    const key = SellersRepo.sellerKey(w.sellerId);
    const v1 = await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Sellers, Key: key, ConsistentRead: true }));
    const toChinese = await graphql(w.api, SET_LANGUAGE, { key: w.key, variables: { input: { language: "ZH_CN" } } });
    expect(toChinese.body.data.setSellerLanguage.userErrors).toEqual([]);
    const api = createGraphqlHandler({ db: laggingSellerReads(w, v1.Item!), clock: () => w.now });
    const back = await graphql(api, SET_LANGUAGE, { key: w.key, variables: { input: { language: "EN" } } });
    expect(back.body.data.setSellerLanguage).toEqual({ seller: { language: "EN", version: 3 }, userErrors: [] });
    expect((await SellersRepo.getSeller(w.db, w.sellerId, { consistent: true }))?.language).toBe("en");
  });

  it("a language change answers in the new language, though the next read of the seller is older", async () => {
    const w = await world();
    const key = SellersRepo.sellerKey(w.sellerId);
    const v1 = await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Sellers, Key: key, ConsistentRead: true }));
    const api = createGraphqlHandler({ db: laggingSellerReads(w, v1.Item!, "lagging"), clock: () => w.now });
    const CHANGE_WITH_TEXTS = `mutation {
      setSellerLanguage(input: { language: ZH_CN }) { seller { language version health { metrics { label } } } }
    }`;
    const answer = await graphql(api, CHANGE_WITH_TEXTS, { key: w.key });
    const seller = answer.body.data.setSellerLanguage.seller;
    expect(seller).toMatchObject({ language: "ZH_CN", version: 2 });
    // The texts of the answer are written in the language it changed to, not from the copy read before the write.
    expect(seller.health.metrics.map((m: { label: string }) => m.label)).toContain("延迟发货率");
  });

  it("an order for a seller created a moment ago is created, not refused NOT_FOUND under its retry key", async () => {
    const w = await world();
    const api = createGraphqlHandler({ db: laggingSellerReads(w, null), clock: () => w.now });
    const input = {
      sellerId: w.sellerId,
      marketplaceOrderId: "AE-LAG-1",
      items: [{ sku: "SKU-1", title: "Lamp", quantity: 1 }],
      buyerTotal: { amountMinor: 4000, currency: "USD" },
      settlementAmount: { amountMinor: 26000, currency: "CNY" },
      buyerCountry: "ES",
      placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
      shipBy: new Date(w.now.getTime() + 48 * 3_600_000).toISOString(),
      idempotencyKey: "first-order-0001",
    };
    const first = await graphql(api, CREATE_ORDER, { key: w.partner, variables: { input } });
    expect(first.body.data.createOrder.userErrors).toEqual([]);
    expect(first.body.data.createOrder.order.id).toBeTruthy();
  });
});
