import { expect } from "vitest";
import { ApiKeys, SellersRepo, tablesFromLinks, type Db, type TableName } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { createCaseDeadlineJobHandler } from "@seller-ops/functions/src/jobs/case-deadlines";
import { createLateOrderJobHandler } from "@seller-ops/functions/src/jobs/late-orders";
import { functionTables } from "@seller-ops/functions/src/tables";
import { ulid } from "ulid";
import { graphql } from "./api";
import { testEpoch } from "./clock";
import { scheduledEvent } from "./events";
import { orderInput, testDb } from "./fixtures";
import { isolatedTables } from "./isolated";

/**
 * A seller on its own tables with the GraphQL handler and both scheduled jobs on one injected
 * clock: for stories that span the API and the jobs (the jobs read every due item, so they get
 * tables no other suite writes to).
 */
export interface World {
  db: Db;
  sellerId: string;
  /** The seller's key. */
  key: string;
  /** A read-write partner key granted to the seller: the seller's side (an ERP). */
  partner: string;
  /** A marketplace key granted to the seller: the buyer's and the marketplace's side. */
  marketplace: string;
  operator: string;
  now: Date;
  api: ReturnType<typeof createGraphqlHandler>;
  /** `remainingMs`: the Lambda's remaining time, fixed or as a function (of the world's clock, say). */
  lateOrders: (db?: Db, remainingMs?: Remaining) => ReturnType<ReturnType<typeof createLateOrderJobHandler>>;
  caseDeadlines: (db?: Db, remainingMs?: Remaining) => ReturnType<ReturnType<typeof createCaseDeadlineJobHandler>>;
}

/** A job's remaining Lambda time: a constant, or read on each call. */
export type Remaining = number | (() => number);

export interface WorldOptions {
  /**
   * `own` (the default): tables no other suite writes to, which the jobs need. `shared`: the
   * run's tables, for API suites that also arrange data with `fixtures.ts` (other sellers, keys).
   */
  tables?: "own" | "shared";
}

/** A world whose clock starts at `start` (by default the test epoch: today at 12:00 UTC, see `clock.ts`). */
export async function world(start = testEpoch(), options: WorldOptions = {}): Promise<World> {
  const db = options.tables === "shared" ? testDb() : await isolatedTables("world");
  const sellerId = `sel_${ulid()}`;
  const createdAt = start.toISOString();
  await SellersRepo.putSellerIfAbsent(db, {
    id: sellerId,
    name: "World Seller",
    settlementCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    createdAt,
  });
  const key = `seller_${ulid()}`;
  const partner = `partner_${ulid()}`;
  const operator = `operator_${ulid()}`;
  const marketplace = `marketplace_${ulid()}`;
  await ApiKeys.putApiKey(db, marketplace, {
    role: "MARKETPLACE",
    keyId: `key_${ulid()}`,
    label: "world marketplace",
    allSellers: false,
    sellerIds: [sellerId],
    createdAt,
  });
  await ApiKeys.putApiKey(db, key, {
    role: "SELLER",
    keyId: `key_${ulid()}`,
    label: "world seller",
    sellerId,
    createdAt,
  });
  await ApiKeys.putApiKey(db, partner, {
    role: "PARTNER",
    keyId: `key_${ulid()}`,
    label: "world partner",
    sellerIds: [sellerId],
    access: "READ_WRITE",
    createdAt,
  });
  await ApiKeys.putApiKey(db, operator, {
    role: "OPERATOR",
    keyId: `key_${ulid()}`,
    label: "world operator",
    createdAt,
  });
  const w = { db, sellerId, key, partner, marketplace, operator, now: start } as World;
  const context = (remainingMs: Remaining = 600_000) => ({
    awsRequestId: ulid(),
    getRemainingTimeInMillis: typeof remainingMs === "number" ? () => remainingMs : remainingMs,
  });
  w.api = createGraphqlHandler({ db: linkedOnly(db, functionTables.graphql), clock: () => w.now });
  w.lateOrders = (jobDb = linkedOnly(db, functionTables.lateOrders), remainingMs) =>
    createLateOrderJobHandler({ db: jobDb, clock: () => w.now })(scheduledEvent(), context(remainingMs));
  w.caseDeadlines = (jobDb = linkedOnly(db, functionTables.caseDeadlines), remainingMs) =>
    createCaseDeadlineJobHandler({ db: jobDb, clock: () => w.now })(scheduledEvent(), context(remainingMs));
  return w;
}

/** Another partner tool granted to the world's seller: its secret (`access` read-write unless said). */
export async function anotherPartner(
  w: World,
  options: { access?: "READ" | "READ_WRITE"; label?: string } = {},
): Promise<string> {
  const secret = `partner_${ulid()}`;
  await ApiKeys.putApiKey(w.db, secret, {
    role: "PARTNER",
    keyId: `key_${ulid()}`,
    label: options.label ?? "another tool",
    sellerIds: [w.sellerId],
    access: options.access ?? "READ_WRITE",
    createdAt: w.now.toISOString(),
  });
  return secret;
}

/** A second seller in the world's tables, with its own seller key and a marketplace key granted it alone. */
export async function anotherSeller(w: World): Promise<{ sellerId: string; key: string; marketplace: string }> {
  const sellerId = `sel_${ulid()}`;
  const createdAt = w.now.toISOString();
  await SellersRepo.putSellerIfAbsent(w.db, {
    id: sellerId,
    name: "Second Seller",
    settlementCurrency: "CNY",
    timeZone: "Europe/Berlin",
    createdAt,
  });
  const key = `seller_${ulid()}`;
  const marketplace = `marketplace_${ulid()}`;
  await ApiKeys.putApiKey(w.db, key, { role: "SELLER", keyId: `key_${ulid()}`, label: "second", sellerId, createdAt });
  await ApiKeys.putApiKey(w.db, marketplace, {
    role: "MARKETPLACE",
    keyId: `key_${ulid()}`,
    label: "second marketplace",
    allSellers: false,
    sellerIds: [sellerId],
    createdAt,
  });
  return { sellerId, key, marketplace };
}

/**
 * The database as a deployed function sees it: only the tables `functionTables` links to it, and any
 * other table fails when used, as in AWS. So a handler that starts using a table nobody linked fails
 * its tests here instead of its first run after a deploy.
 */
export function linkedOnly(db: Db, linked: readonly TableName[]): Db {
  const links = Object.fromEntries(linked.map((table) => [table, { name: db.tables[table] }]));
  return { doc: db.doc, tables: tablesFromLinks(links, linked) };
}

/** Runs one mutation and expects it to succeed; returns its payload. */
export async function mutate(
  w: World,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<any> {
  const response = await graphql(
    w.api,
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`,
    { key, variables: { input } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data[name];
}

/** `CAFÉ-1001` as two systems send it: É precomposed, and E with a combining accent (some ERPs, macOS). */
export const PRECOMPOSED = "CAFÉ-1001";
export const DECOMPOSED = "CAFE\u0301-1001";

/** The seller's createOrder of a fixture order under `marketplaceOrderId`: its payload (order id and id as stored). */
export const createOrderAs = (w: World, marketplaceOrderId: string) =>
  mutate(
    w,
    w.key,
    "createOrder",
    "CreateOrderInput",
    orderInput({ marketplaceOrderId }),
    "order { id marketplaceOrderId }",
  );

/** A new order for the world's seller whose ship-by deadline is `hoursFromNow` away (placed 3 days earlier). */
export async function orderDue(
  w: World,
  hoursFromNow: number,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; marketplaceOrderId: string }> {
  const now = w.now.getTime();
  const payload = await mutate(
    w,
    w.key,
    "createOrder",
    "CreateOrderInput",
    {
      marketplaceOrderId: `AE-${ulid()}`,
      items: [{ sku: "LED-STRIP-5M", title: "LED strip 5 m", quantity: 1 }],
      buyerTotal: { amountMinor: 4000, currency: "USD" },
      settlementAmount: { amountMinor: 26000, currency: "CNY" },
      buyerCountry: "ES",
      placedAt: new Date(now - 72 * 3_600_000).toISOString(),
      shipBy: new Date(now + hoursFromNow * 3_600_000).toISOString(),
      ...overrides,
    },
    "order { id marketplaceOrderId }",
  );
  expect(payload.userErrors).toEqual([]);
  return payload.order;
}

/**
 * The buyer (the world's marketplace key) opens a case of `reason` on a new order due in 48 h:
 * the start most case stories share.
 */
export async function buyerOpensCase(
  w: World,
  reason = "NOT_RECEIVED",
): Promise<{ order: { id: string; marketplaceOrderId: string }; caseId: string; version: number }> {
  const order = await orderDue(w, 48);
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: order.id, reason, source: "BUYER" },
    "case { id version }",
  );
  return { order, caseId: opened.case.id, version: opened.case.version };
}

/** The remedy each outcome a seller resolves with needs on record first (core: SELLER_OUTCOME_REMEDIES). */
const BACKING_REMEDY = { REFUNDED: "FULL_REFUND", REPLACED: "REPLACEMENT", RETURNED_AND_REFUNDED: "RETURN_AND_REFUND" };

/** The seller (the world's seller key) records the remedy that backs `outcome`, then resolves the case with it. */
export async function sellerSettles(
  w: World,
  caseId: string,
  outcome: keyof typeof BACKING_REMEDY = "REFUNDED",
): Promise<void> {
  await recordBackingRemedy(w, caseId, outcome);
  const resolved = await mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId, outcome }, "case { id }");
  expect(resolved.userErrors).toEqual([]);
}

/** Only the remedy that backs `outcome`, for a test that resolves the case itself (with another key). */
export async function recordBackingRemedy(w: World, caseId: string, outcome: keyof typeof BACKING_REMEDY) {
  const recorded = await mutate(
    w,
    w.key,
    "recordRemedy",
    "RecordRemedyInput",
    { caseId, kind: BACKING_REMEDY[outcome] },
    "case { id }",
  );
  expect(recorded.userErrors).toEqual([]);
}
