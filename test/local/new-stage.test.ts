import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EventsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { epochPlus } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { sstShellEnv } from "../support/sst-shell";
import { scanTable } from "../support/scan";

/**
 * A new stage brought up from nothing, in the order of the README's Deploy section: empty tables;
 * the first operator key made by `npm run keys` (the real command, in its own process, with exactly
 * the environment `npx sst shell --stage NAME` gives it); the first seller onboarded through
 * `createSeller`; that seller's key issued through `createApiKey`; and the seller's first calls.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

describe("a new stage, from nothing to a seller's first call", () => {
  it("operator key by npm run keys → createSeller → the seller's " +
    "key → the seller records and lists an order", async () => {
    const db = await isolatedTables("stage");
    for (const table of ["Sellers", "ApiKeys", "Orders", "Events"] as const)
      expect(await scanTable(db, table)).toEqual([]);

    // Step 3: the first operator key, by the command the README gives.
    // Run as `npx sst shell --stage NAME -- npm run keys -- …` runs it: only the variables SST sets,
    // with DynamoDB Local standing in for AWS through the SDK's own endpoint variable.
    const base = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT ?? "",
    };
    const env = sstShellEnv({
      stage: "new-stage",
      tables: db.tables,
      secretValues: { CursorSecret: "new-stage-cursor-secret" },
      base,
    });
    const { stdout } = await run(
      "npm",
      ["run", "--silent", "keys", "--", "create", "--role", "operator", "--label", "First operator"],
      { cwd: ROOT, env, timeout: 60_000 },
    );
    const operatorKey = /Secret \(shown once, store it now\): (\S+)/.exec(stdout)?.[1];
    expect(operatorKey, stdout).toMatch(/^sk_/);
    // The creation wrote its operator-level event with the key, as the createApiKey mutation does.
    const keyId = /Created OPERATOR key (\S+) /.exec(stdout)?.[1];
    const events = (await scanTable(db, "Events")).map((item) => EventsRepo.fromItem(item));
    expect(events.map((e) => [e.type, e.objectId, e.objectVersion, e.actorKeyId, e.sellerId ?? null])).toEqual([
      ["API_KEY_CREATED", keyId, 1, "tool:keys", null],
    ]);

    const now = epochPlus(0);
    const api = createGraphqlHandler({ db, clock: () => now });

    // Step 4: onboard the first seller.
    const created = await graphql(
      api,
      `mutation($input: CreateSellerInput!) { createSeller(input: $input) { seller { id settlementCurrency ` +
        `timeZone } userErrors { code message } } }`,
      {
        key: operatorKey!,
        variables: {
          input: {
            id: "seller-first",
            name: "First Seller Co., Ltd.",
            settlementCurrency: "CNY",
            timeZone: "Asia/Shanghai",
            idempotencyKey: "onboard-seller-first",
          },
        },
      },
    );
    expect(created.body.data.createSeller).toEqual({
      seller: { id: "seller-first", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" },
      userErrors: [],
    });

    // Step 5: issue that seller's key.
    const issued = await graphql(
      api,
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id role sellerId } secret ` +
        `userErrors { code message } } }`,
      {
        key: operatorKey!,
        variables: { input: { role: "SELLER", sellerId: "seller-first", label: "First Seller back office" } },
      },
    );
    expect(issued.body.data.createApiKey.userErrors).toEqual([]);
    expect(issued.body.data.createApiKey.apiKey).toMatchObject({ role: "SELLER", sellerId: "seller-first" });
    const sellerKey = issued.body.data.createApiKey.secret as string;

    // The seller calls the API with its key.
    const order = await graphql(
      api,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id sellerId status } userErrors ` +
        `{ code message } } }`,
      {
        key: sellerKey,
        variables: {
          input: {
            marketplaceOrderId: "AE-FIRST-1",
            items: [{ sku: "FIRST-1", title: "First item", quantity: 1 }],
            buyerTotal: { amountMinor: 2500, currency: "USD" },
            settlementAmount: { amountMinor: 17_000, currency: "CNY" },
            buyerCountry: "US",
            placedAt: epochPlus(-2).toISOString(),
            handlingDays: 3,
          },
        },
      },
    );
    expect(order.body.data.createOrder.userErrors).toEqual([]);
    expect(order.body.data.createOrder.order).toMatchObject({ sellerId: "seller-first", status: "AWAITING_SHIPMENT" });
    const listed = await graphql(
      api,
      `{ orders(first: 5) { edges { node { id } } } seller(id: "seller-first") { id health { status } } }`,
      { key: sellerKey },
    );
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([order.body.data.createOrder.order.id]);
    expect(listed.body.data.seller.id).toBe("seller-first");

    // The seller's key cannot onboard sellers or issue keys.
    const refused = await graphql(
      api,
      `mutation { createSeller(input: { name: "Another", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" }) { ` +
        `seller { id } } }`,
      { key: sellerKey },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  }, 120_000);
});
