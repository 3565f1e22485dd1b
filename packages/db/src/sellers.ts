import { BatchGetCommand, GetCommand, type BatchGetCommandOutput, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Sellers, type Seller } from "@seller-ops/core";
import type { Db } from "./context";
import { queryPage, type Page, type PageRequest } from "./pagination";

/** Seller profiles: `SELLER#<id>` / `PROFILE`. The daily statistics counters share the partition. */
export const sellerKey = (id: string) => ({ pk: `SELLER#${id}`, sk: "PROFILE" });

export async function getSeller(db: Db, id: string): Promise<Seller | null> {
  const result = await db.doc.send(new GetCommand({ TableName: db.tables.Sellers, Key: sellerKey(id) }));
  return result.Item ? Sellers.Info.parse(result.Item) : null;
}

export async function batchGetSellers(db: Db, ids: readonly string[]): Promise<(Seller | null)[]> {
  const found = new Map<string, Seller>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys = [...new Set(ids.slice(i, i + 100))].map(sellerKey) as Record<string, unknown>[] | undefined;
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 5) throw new Error("BatchGetItem left keys unprocessed after 5 retries.");
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const result: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.tables.Sellers]: { Keys: keys } } }),
      );
      for (const raw of result.Responses?.[db.tables.Sellers] ?? []) {
        const seller = Sellers.Info.parse(raw);
        found.set(seller.id, seller);
      }
      keys = result.UnprocessedKeys?.[db.tables.Sellers]?.Keys;
    }
  }
  return ids.map((id) => found.get(id) ?? null);
}

/** Every profile carries the same `directory` value: the one partition of the operators' seller list. */
const DIRECTORY = "SELLER";

/** Every seller, one page, in id order (operators only). */
export async function listSellers(db: Db, page: PageRequest): Promise<Page<Seller>> {
  return queryPage(
    db.doc,
    { TableName: db.tables.Sellers, IndexName: "sellersById", KeyConditionExpression: "directory = :directory", ExpressionAttributeValues: { ":directory": DIRECTORY } },
    page,
    ["pk", "sk", "directory", "id"],
    (raw) => Sellers.Info.parse(raw),
  );
}

/** Creates a seller profile if it does not exist yet (seeding and operator tooling). */
export async function putSellerIfAbsent(db: Db, seller: Seller): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.Sellers,
        Item: { ...sellerKey(seller.id), ...seller, directory: DIRECTORY },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
