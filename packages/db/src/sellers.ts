import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Sellers, type Seller } from "@seller-ops/core";
import { batchGetByIds, type ById } from "./batch";
import type { Db } from "./context";
import { queryPage, type Page, type PageRequest } from "./pagination";
import { stamped, readItem } from "./shapes";
import { landed, putIfAbsent, type TransactItem } from "./transact";

/** Seller profiles: `SELLER#<id>` / `PROFILE`. The daily statistics counters share the partition. */
export const sellerKey = (id: string) => ({ pk: `SELLER#${id}`, sk: "PROFILE" });

/** `consistent`: a write decides on it (an eventually consistent read can miss a change made a moment ago). */
export async function getSeller(db: Db, id: string, options: { consistent?: boolean } = {}): Promise<Seller | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Sellers, Key: sellerKey(id), ConsistentRead: options.consistent }),
  );
  return result.Item ? sellerFromItem(result.Item) : null;
}

export function sellerFromItem(raw: Record<string, unknown>): Seller {
  return readItem("seller", Sellers.Info, raw);
}

export async function batchGetSellers(db: Db, ids: readonly string[]): Promise<(Seller | null)[]> {
  return batchGetByIds(db, byId, ids);
}

/** Seller profiles by id, for a batch that reads several tables at once (`batchGetItems`). */
export const byId: ById<Seller> = { table: "Sellers", key: sellerKey, parse: sellerFromItem };

/** Every profile carries the same `directory` value: the one partition of the operators' seller list. */
const DIRECTORY = "SELLER";

/** Every seller, one page, in id order (operators only). */
export async function listSellers(db: Db, page: PageRequest): Promise<Page<Seller>> {
  return queryPage(
    db,
    {
      TableName: db.tables.Sellers,
      IndexName: "sellersById",
      KeyConditionExpression: "directory = :directory",
      ExpressionAttributeValues: { ":directory": DIRECTORY },
    },
    page,
    ["pk", "sk", "directory", "id"],
    sellerFromItem,
  );
}

/** The stored profile: the seller, its keys, and the operators' list partition. */
function sellerItem(seller: Seller) {
  return stamped("seller", { ...sellerKey(seller.id), ...seller, directory: DIRECTORY });
}

/** The write that creates a seller, only if no seller has its id (createSeller: failing means a duplicate). */
export function createSellerWrite(db: Db, seller: Seller): TransactItem {
  return putIfAbsent(db.tables.Sellers, sellerItem(seller));
}

/**
 * The write that records a profile setting change, only if the stored profile is still at
 * `expectedVersion`. An Update of the settings alone, not a Put: the profile item is shared with
 * whatever else keeps per-seller state on it, and an older profile keeps its shape for migrate.
 */
export function updateSellerSettingsWrite(db: Db, seller: Seller, expectedVersion: number): TransactItem {
  return {
    Update: {
      TableName: db.tables.Sellers,
      Key: sellerKey(seller.id),
      UpdateExpression: "SET #language = :language, #version = :version, updatedAt = :updatedAt",
      // A profile from before versions has none: it is version 1 (seller-2-language-and-version).
      ConditionExpression:
        expectedVersion === 1
          ? "attribute_exists(pk) AND (#version = :expected OR attribute_not_exists(#version))"
          : "attribute_exists(pk) AND #version = :expected",
      ExpressionAttributeNames: { "#language": "language", "#version": "version" },
      ExpressionAttributeValues: {
        ":language": seller.language,
        ":version": seller.version,
        ":updatedAt": seller.updatedAt,
        ":expected": expectedVersion,
      },
    },
  };
}

/** Creates a seller profile if it does not exist yet (seeding and tests); left-out settings take a new seller's. */
export async function putSellerIfAbsent(db: Db, draft: Sellers.SellerDraft): Promise<boolean> {
  const seller = Sellers.withDefaults(draft);
  return landed(
    db.doc.send(
      new PutCommand({
        TableName: db.tables.Sellers,
        Item: sellerItem(seller),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}
