import { BatchWriteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLSchema,
} from "graphql";
import { TABLE_NAMES, type Db, type TableName } from "@seller-ops/db";
import { realNow } from "./shifted-clock.cjs";

/**
 * Committed fixtures of stored items (test/fixtures/stored-items-v*), each captured from an older
 * main by tools/capture-stored-items.ts, and the tools to load them and to read every field.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface StoredItemsFixture {
  /** The fixture's folder name, e.g. `stored-items-v1`. */
  name: string;
  /** The instant the items were written at: the clock to read them with. */
  clock: Date;
  capturedFrom: string;
  items: Record<TableName, Record<string, unknown>[]>;
}

/** Every committed `stored-items-v*` fixture, oldest first. */
export function storedItemFixtures(): StoredItemsFixture[] {
  return readdirSync(join(ROOT, "test/fixtures"))
    .filter((name) => name.startsWith("stored-items-v"))
    .sort((a, b) => Number(a.slice("stored-items-v".length)) - Number(b.slice("stored-items-v".length)))
    .map(readFixture);
}

/**
 * A binary attribute (a compressed payload) is committed as `{ "$binary": base64 }`, since JSON
 * has no bytes: read back as the Uint8Array the document client wrote. A string set (a seller day's
 * `qualityDisputesLostAt`, written by releases before `sellerDay-2-dispute-marks-dropped`) is committed as
 * `{ "$stringSet": [...] }`: read back as the Set.
 */
function reviveBinary(_key: string, value: unknown): unknown {
  const record = value as { $binary?: unknown; $stringSet?: unknown } | null;
  if (typeof record !== "object" || record === null || Object.keys(record).length !== 1) return value;
  if (typeof record.$binary === "string") return new Uint8Array(Buffer.from(record.$binary, "base64"));
  if (Array.isArray(record.$stringSet)) return new Set(record.$stringSet.map(String));
  return value;
}

/** One committed fixture folder under test/fixtures/ (`{ table, capturedFrom, clock, items }` per table). */
export function readFixture(name: string): StoredItemsFixture {
  const items = {} as StoredItemsFixture["items"];
  let clock = "";
  let capturedFrom = "";
  for (const table of TABLE_NAMES) {
    const path = join(ROOT, "test/fixtures", name, `${table}.json`);
    // A table that did not exist when the fixture was captured held nothing then.
    if (!existsSync(path)) {
      items[table] = [];
      continue;
    }
    const file = JSON.parse(readFileSync(path, "utf8"), reviveBinary) as {
      clock: string;
      capturedFrom: string;
      items: Record<string, unknown>[];
    };
    items[table] = file.items;
    clock = file.clock;
    capturedFrom = file.capturedFrom;
  }
  return { name, clock: new Date(clock), capturedFrom, items };
}

/**
 * Writes a fixture's items as they are, with one exception: DynamoDB Local deletes an item whose
 * TTL attribute is in the real past within a second, so `expiresAtEpoch` is moved to a day after
 * the real now when it is earlier. The service decides expiry from `expiresAt`, which is kept,
 * unless `keepRecordsUntil` asks for the idempotency records to be kept (both attributes) until
 * that instant: to replay them under a clock later than the fixture's.
 */
export async function loadFixture(
  db: Db,
  fixture: StoredItemsFixture,
  options: { keepRecordsUntil?: Date } = {},
): Promise<void> {
  const floor = Math.ceil(realNow() / 1000) + 86_400;
  const keep = options.keepRecordsUntil;
  for (const table of TABLE_NAMES) {
    const items = fixture.items[table].map((item) => {
      if (typeof item.expiresAtEpoch !== "number") return item;
      if (keep && String(item.expiresAt) < keep.toISOString())
        return {
          ...item,
          expiresAt: keep.toISOString(),
          expiresAtEpoch: Math.max(floor, Math.ceil(keep.getTime() / 1000)),
        };
      return item.expiresAtEpoch < floor ? { ...item, expiresAtEpoch: floor } : item;
    });
    for (let i = 0; i < items.length; i += 25) {
      let requests: { PutRequest: { Item: Record<string, unknown> } }[] | undefined = items
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 10) throw new Error(`Loading ${table}: items left unprocessed`);
        const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tables[table]]: requests } }));
        requests = result.UnprocessedItems?.[db.tables[table]] as typeof requests;
      }
    }
  }
}

/** Every item of every table, by table (a test may Scan). */
export async function scanAll(db: Db): Promise<Record<TableName, Record<string, unknown>[]>> {
  const all = {} as Record<TableName, Record<string, unknown>[]>;
  for (const table of TABLE_NAMES) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.doc.send(
        new ScanCommand({ TableName: db.tables[table], ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    all[table] = items;
  }
  return all;
}

let schema: GraphQLSchema | null = null;

/**
 * A selection of every field of a type that takes no required argument, nested objects to
 * `depth` levels (lists and connections included): a query that runs every resolver on the data.
 * `skip` names `Type.field`s to leave out (fields that repeat a whole subtree already read).
 */
export function everyField(typeName: string, depth: number, skip: readonly string[] = []): string {
  schema ??= buildSchema(readFileSync(join(ROOT, "graphql/schema.graphql"), "utf8"));
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const fields = Object.values(type.getFields())
    .filter((field) => !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
    .filter((field) => !skip.includes(`${typeName}.${field.name}`))
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (isAbstractType(named)) return [`${field.name} { __typename }`];
      if (depth <= 1) return [];
      const inner = everyField(named.name, depth - 1, skip);
      return inner ? [`${field.name} { ${inner} }`] : [];
    });
  return fields.join(" ");
}
