import { BatchGetCommand, type BatchGetCommandOutput, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./context";
import type { TableName } from "./specs";

/** One kind of item read by its id: the table it lives in, its key, and how a stored item is parsed. */
export interface ById<T extends { id: string } = { id: string }> {
  table: TableName;
  key: (id: string) => Record<string, NativeAttributeValue>;
  parse: (raw: Record<string, unknown>) => T;
}

/** The read of one item by id, of any kind: what a request's batch collects across tables. */
export interface ItemRead {
  kind: ById;
  id: string;
}

/** DynamoDB's limit of keys in one BatchGetItem, whatever the tables. */
const KEYS_PER_BATCH = 100;

/**
 * Items of one or several tables in one BatchGetItem per 100 keys, retrying the keys DynamoDB
 * leaves unprocessed with backoff. Reading a page's orders and their seller together costs one
 * request, not one per table. The answer is in the order of `reads`, null where an item is
 * missing, and the parse error where a stored item does not parse: what a DataLoader batch function
 * returns. One bad item fails only the reads of that item, not the page's other reads that shared
 * its request.
 */
export async function batchGetItems(
  db: Db,
  reads: readonly ItemRead[],
  options: { consistent?: boolean } = {},
): Promise<({ id: string } | null | Error)[]> {
  // A response names its table: each table is read as one kind, so the table says how to parse.
  const kindOfTable = new Map<string, ById>();
  for (const { kind } of reads) {
    const tableName = db.tables[kind.table];
    const known = kindOfTable.get(tableName);
    if (known && known !== kind) throw new Error(`Two kinds of item read by id from ${kind.table} in one batch.`);
    kindOfTable.set(tableName, kind);
  }
  const refOf = (tableName: string, id: string) => `${tableName}\u0000${id}`;
  const unique = [...new Map(reads.map((read) => [refOf(db.tables[read.kind.table], read.id), read])).values()];
  const found = new Map<string, { id: string } | Error>();
  for (let i = 0; i < unique.length; i += KEYS_PER_BATCH) {
    const keysByTable = new Map<string, Record<string, NativeAttributeValue>[]>();
    for (const { kind, id } of unique.slice(i, i + KEYS_PER_BATCH)) {
      const tableName = db.tables[kind.table];
      const keys = keysByTable.get(tableName) ?? [];
      keys.push(kind.key(id));
      keysByTable.set(tableName, keys);
    }
    let requests: BatchGetCommandOutput["UnprocessedKeys"] = Object.fromEntries(
      [...keysByTable].map(([tableName, keys]) => [tableName, { Keys: keys, ConsistentRead: options.consistent }]),
    );
    for (let attempt = 0; requests && Object.keys(requests).length > 0; attempt++) {
      if (attempt > 5) throw new Error(`BatchGetItem left keys unprocessed after 5 retries.`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const result: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: requests }));
      for (const [tableName, items] of Object.entries(result.Responses ?? {})) {
        const kind = kindOfTable.get(tableName);
        if (!kind) throw new Error(`BatchGetItem answered for a table it was not asked: ${tableName}.`);
        for (const raw of items) {
          try {
            const item = kind.parse(raw);
            found.set(refOf(tableName, item.id), item);
          } catch (error) {
            const read = unique.find((r) => db.tables[r.kind.table] === tableName && sameKey(r.kind.key(r.id), raw));
            // An item the batch did not ask for cannot be told apart from the rest: fail the whole read.
            if (!read) throw error;
            found.set(refOf(tableName, read.id), error instanceof Error ? error : new Error(String(error)));
          }
        }
      }
      requests = result.UnprocessedKeys;
    }
  }
  return reads.map((read) => found.get(refOf(db.tables[read.kind.table], read.id)) ?? null);
}

/** Whether a stored item has this key: every key attribute equal. */
function sameKey(key: Record<string, NativeAttributeValue>, raw: Record<string, unknown>): boolean {
  return Object.entries(key).every(([name, value]) => raw[name] === value);
}

/**
 * Items of one kind by id (see `batchGetItems`); the answer is in the order of `ids`, null where missing.
 * An item that does not parse fails the whole answer: its callers want every item or an error.
 */
export async function batchGetByIds<T extends { id: string }>(
  db: Db,
  kind: ById<T>,
  ids: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<(T | null)[]> {
  const found = await batchGetItems(
    db,
    ids.map((id) => ({ kind: kind as ById, id })),
    options,
  );
  const failed = found.find((item) => item instanceof Error);
  if (failed) throw failed;
  return found as (T | null)[];
}
