import { BatchGetCommand, type BatchGetCommandOutput, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./context";
import type { TableName } from "./specs";

/**
 * Items by id from one table, in one BatchGetItem per 100 ids (DynamoDB's limit), retrying the
 * keys DynamoDB leaves unprocessed with backoff. The answer is in the order of `ids`, null where
 * an item is missing: what a DataLoader batch function returns.
 */
export async function batchGetByIds<T extends { id: string }>(
  db: Db,
  table: TableName,
  ids: readonly string[],
  keyOf: (id: string) => Record<string, NativeAttributeValue>,
  parse: (raw: Record<string, unknown>) => T,
): Promise<(T | null)[]> {
  const tableName = db.tables[table];
  const found = new Map<string, T>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, NativeAttributeValue>[] | undefined = [...new Set(ids.slice(i, i + 100))].map(keyOf);
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 5) throw new Error(`BatchGetItem on ${table} left keys unprocessed after 5 retries.`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const result: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      for (const raw of result.Responses?.[tableName] ?? []) {
        const item = parse(raw);
        found.set(item.id, item);
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return ids.map((id) => found.get(id) ?? null);
}
