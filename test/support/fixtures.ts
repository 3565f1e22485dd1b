import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Sellers, type Seller } from "@seller-ops/core";
import { linksFrom } from "@seller-ops/api";
import {
  ApiKeys,
  createDocumentClient,
  SellersRepo,
  TABLE_NAMES,
  tablesFromLinks,
  type Db,
  type TableNames,
} from "@seller-ops/db";
import { ulid } from "ulid";
import { HOUR, testEpoch } from "./clock";

let db: Db | undefined;

/** The run's tables, read from their links the way the service reads them. */
export function testTables(): TableNames {
  return tablesFromLinks(linksFrom(process.env), TABLE_NAMES);
}

/** The run's tables through a plain client: for arranging data and checking what was written. */
export function testDb(): Db {
  db ??= { doc: createDocumentClient(), tables: testTables() };
  return db;
}

/** A new seller with its own API key; unique per call so tests never see each other's data. */
export async function makeSeller(overrides: Partial<Seller> = {}): Promise<{ seller: Seller; key: string }> {
  const seller: Seller = Sellers.withDefaults({
    id: `sel_${ulid()}`,
    name: "Test Seller",
    settlementCurrency: "CNY",
    timeZone: "Asia/Shanghai",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  });
  await SellersRepo.putSellerIfAbsent(testDb(), seller);
  const key = `test_${randomUUID()}`;
  await ApiKeys.putApiKey(testDb(), key, {
    role: "SELLER",
    keyId: `key_${ulid()}`,
    label: "test",
    sellerId: seller.id,
    createdAt: seller.createdAt,
  });
  return { seller, key };
}

/**
 * When `orderInput` says the order was placed: 13 hours before the test epoch. A handler reads either the real
 * clock or a world's clock (the test epoch, today at 12:00 UTC), and the real now lies within 12 hours of the
 * epoch, so this instant is in the past of both at any time of day. (One hour before the *real* now was in the
 * future of a world's clock every afternoon after 13:00 UTC, and createOrder refused it.)
 */
export function fixturePlacedAt(): string {
  return new Date(testEpoch().getTime() - 13 * HOUR).toISOString();
}

/** A valid createOrder input; override any field. */
export function orderInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    marketplaceOrderId: `AE-${ulid()}`,
    items: [{ sku: "SKU-1", title: "Phone case", quantity: 2, unitPrice: { amountMinor: 1250, currency: "USD" } }],
    buyerTotal: { amountMinor: 2500, currency: "USD" },
    settlementAmount: { amountMinor: 16000, currency: "CNY" },
    buyerCountry: "US",
    placedAt: fixturePlacedAt(),
    handlingDays: 3,
    ...overrides,
  };
}

/**
 * `count` distinct orders for one import, placed two hours before `now` (one day's counters, the seller's overview):
 * marketplace order ids `<prefix>-<i>`, amounts that differ by order.
 */
export function importBatch(now: Date, count: number, prefix: string): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    marketplaceOrderId: `${prefix}-${i}`,
    items: [{ sku: `SKU-${i}`, title: "Phone case", quantity: 1 }],
    buyerTotal: { amountMinor: 1000 + i, currency: "USD" },
    settlementAmount: { amountMinor: 7000 + i, currency: "CNY" },
    buyerCountry: "DE",
    placedAt: new Date(now.getTime() - 2 * HOUR).toISOString(),
    handlingDays: 3,
  }));
}

/** Every item of a table whose attributes match: tests may Scan, the service never does. */
export async function scanWhere(table: keyof Db["tables"], match: (item: Record<string, unknown>) => boolean) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await testDb().doc.send(
      new ScanCommand({ TableName: testDb().tables[table], ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).filter(match));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A partner tool's key granted to some sellers; read-write unless said otherwise. */
export async function makePartner(sellerIds: string[], access: "READ" | "READ_WRITE" = "READ_WRITE"): Promise<string> {
  const key = `partner_${randomUUID()}`;
  await ApiKeys.putApiKey(testDb(), key, {
    role: "PARTNER",
    keyId: `key_${ulid()}`,
    label: "test partner",
    sellerIds,
    access,
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  return key;
}

/** A marketplace integration's key (the buyer's and the platform's side), for some sellers or all of them. */
export async function makeMarketplace(sellerIds: string[] | "ALL"): Promise<string> {
  const key = `marketplace_${randomUUID()}`;
  const grant = sellerIds === "ALL" ? { allSellers: true, sellerIds: [] } : { allSellers: false, sellerIds };
  await ApiKeys.putApiKey(testDb(), key, {
    role: "MARKETPLACE",
    keyId: `key_${ulid()}`,
    label: "test marketplace",
    ...grant,
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  return key;
}

/** An operator's key. */
export async function makeOperator(): Promise<string> {
  const key = `operator_${randomUUID()}`;
  await ApiKeys.putApiKey(testDb(), key, {
    role: "OPERATOR",
    keyId: `key_${ulid()}`,
    label: "test operator",
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  return key;
}
