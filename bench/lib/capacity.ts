import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { itemSizeBytes, KeyedItems, tableSpecs, type TableName } from "@seller-ops/db";

/** The attribute a one-item effect under a key carries. */
const KEY_MARKER = KeyedItems.MARKER_ATTRIBUTE;

/**
 * DynamoDB capacity units by AWS's published rules, computed from the requests a document client
 * sends and the items they touch (DynamoDB Local's own ConsumedCapacity does not double
 * transactions, so it is not used):
 *
 * - a write unit covers 1 KB of the item written (the larger of the item before and after; a
 *   delete, the item before), rounded up per item, at least 1; ×2 inside TransactWriteItems;
 *   a ConditionCheck in a transaction is counted like a write of the checked item (the conservative
 *   reading of AWS's pages, which do not single it out);
 * - a read unit covers 4 KB: per item for GetItem / BatchGetItem / TransactGetItems (a missing
 *   item still costs the minimum), summed over all items examined for a Query or Scan (a filter
 *   does not lower it) and rounded up once per request, at least 1; ½ for an eventually
 *   consistent read (every GSI read is), ×2 for TransactGetItems;
 * - item sizes are `itemSizeBytes` (packages/db): UTF-8 bytes of names and strings, 21 bytes
 *   per number (the most a number can take), 1 per boolean or null, 3 + 1 per element for maps and
 *   lists.
 */
export const CAPACITY_RULES = { writeUnitBytes: 1024, readUnitBytes: 4096 } as const;

export const writeUnits = (bytes: number, transactional: boolean) =>
  Math.max(1, Math.ceil(bytes / CAPACITY_RULES.writeUnitBytes)) * (transactional ? 2 : 1);

export const readUnits = (bytes: number, consistent: boolean, transactional = false) =>
  (Math.max(1, Math.ceil(bytes / CAPACITY_RULES.readUnitBytes)) * (transactional ? 2 : 1)) / (consistent ? 1 : 2);

/** One item a request read or wrote, with what it is (`domain`, `event`, `idempotency`, `apiKey`). */
export interface MeteredItem {
  table: TableName;
  key: string;
  bytes: number;
  /** Of `bytes`, what the idempotency key's marker on the item (`keyedBy`) adds: the key's cost, not the change's. */
  keyMarkerBytes: number;
  role: "apiKey" | "idempotency" | "event" | "domain";
}

/** One request with its units and the items behind them. */
export interface MeteredRequest {
  name: string;
  /** The logical tables the request touched, e.g. `Cases` or `Orders+Idempotency`. */
  tables: string;
  read: number;
  write: number;
  transactional: boolean;
  /** For reads: the items the request returned (after any filter); for writes: the items written. */
  items: MeteredItem[];
  /** For a Query/Scan: the requests's items are read together (one rounding); otherwise one by one. */
  listed: boolean;
  consistent: boolean;
  failed: boolean;
}

type Key = Record<string, unknown>;

/**
 * Attaches a meter to `doc`: every request is priced after it ran, from the items it read or
 * wrote, fetched again with `raw` (a client without the meter). Writes read their items before
 * and after, so an update is priced at the larger size, as DynamoDB does.
 */
export function meter(
  doc: DynamoDBDocumentClient,
  raw: DynamoDBDocumentClient,
  tables: Record<TableName, string>,
): { requests: MeteredRequest[]; reset(): void } {
  const logical = new Map(Object.entries(tables).map(([k, v]) => [v, k as TableName]));
  const requests: MeteredRequest[] = [];
  const tableOf = (physical: string): TableName => {
    const t = logical.get(physical);
    if (!t) throw new Error(`unknown table ${physical}`);
    return t;
  };
  const keyOf = (table: TableName, item: Key): Key => {
    const { hashKey, rangeKey } = tableSpecs[table].primaryIndex;
    return rangeKey ? { [hashKey]: item[hashKey], [rangeKey]: item[rangeKey] } : { [hashKey]: item[hashKey] };
  };
  const sizeAt = async (table: TableName, key: Key) => {
    const item = (await raw.send(new GetCommand({ TableName: tables[table], Key: key, ConsistentRead: true }))).Item;
    return { item, bytes: item ? itemSizeBytes(item) : 0 };
  };
  const describe = (table: TableName, key: Key, item?: Key): MeteredItem => ({
    table,
    key: JSON.stringify(key),
    bytes: item ? itemSizeBytes(item) : 0,
    keyMarkerBytes: item ? markerBytes(item) : 0,
    role: roleOf(table, item ?? key),
  });

  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "unknown").replace(/Command$/, "");
      const input = args.input as Record<string, any>;
      const writes = writeTargets(name, input, tableOf, keyOf);
      const before = await Promise.all(writes.map((w) => sizeAt(w.table, w.key)));
      let failed = false;
      try {
        return await next(args);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (writes.length > 0) {
          const after = await Promise.all(writes.map((w) => sizeAt(w.table, w.key)));
          const transactional = name === "TransactWriteItems";
          const items = writes.map((w, i) => {
            const bytes = w.kind === "delete" ? before[i]!.bytes : Math.max(before[i]!.bytes, after[i]!.bytes);
            return { ...describe(w.table, w.key, after[i]!.item ?? before[i]!.item), bytes };
          });
          requests.push({
            name,
            tables: [...new Set(writes.map((w) => w.table))].join("+"),
            read: 0,
            write: items.reduce((s, it) => s + writeUnits(it.bytes, transactional), 0),
            transactional,
            items,
            listed: false,
            consistent: true,
            failed,
          });
        } else if (!failed) {
          requests.push(await priceRead(name, input, raw, tableOf, keyOf, sizeAt, describe));
        }
      }
    },
    { step: "initialize", name: "benchCapacityMeter" },
  );
  return {
    requests,
    reset: () => {
      requests.length = 0;
    },
  };
}

/** What an item's key marker adds to its size (0 without one). */
function markerBytes(item: Key): number {
  if (!(KEY_MARKER in item)) return 0;
  const { [KEY_MARKER]: _marker, ...rest } = item;
  return itemSizeBytes(item) - itemSizeBytes(rest);
}

function roleOf(table: TableName, item: Key): MeteredItem["role"] {
  if (table === "ApiKeys") return "apiKey";
  if (table === "Idempotency") return "idempotency";
  // Timeline and log entries: what an event log writes next to the domain items.
  const marker = `${String(item.entity ?? "")} ${String(item.sk ?? "")}`;
  return /EVENT|#EV#|^EV#| EV#/i.test(marker) ? "event" : "domain";
}

interface WriteTarget {
  table: TableName;
  key: Key;
  kind: "put" | "update" | "delete" | "check";
}

function writeTargets(
  name: string,
  input: Record<string, any>,
  tableOf: (t: string) => TableName,
  keyOf: (t: TableName, item: Key) => Key,
): WriteTarget[] {
  const one = (kind: WriteTarget["kind"], op: Record<string, any>): WriteTarget => {
    const table = tableOf(op.TableName);
    return { table, key: kind === "put" ? keyOf(table, op.Item) : op.Key, kind };
  };
  switch (name) {
    case "PutItem":
      return [one("put", input)];
    case "UpdateItem":
      return [one("update", input)];
    case "DeleteItem":
      return [one("delete", input)];
    case "TransactWriteItems":
      return (input.TransactItems as Record<string, any>[]).map((t) =>
        t.Put
          ? one("put", t.Put)
          : t.Update
            ? one("update", t.Update)
            : t.Delete
              ? one("delete", t.Delete)
              : one("check", t.ConditionCheck),
      );
    case "BatchWriteItem":
      return Object.entries(input.RequestItems as Record<string, any[]>).flatMap(([t, ops]) =>
        ops.map((op) =>
          op.PutRequest
            ? one("put", { TableName: t, Item: op.PutRequest.Item })
            : one("delete", { TableName: t, Key: op.DeleteRequest.Key }),
        ),
      );
    default:
      return [];
  }
}

async function priceRead(
  name: string,
  input: Record<string, any>,
  raw: DynamoDBDocumentClient,
  tableOf: (t: string) => TableName,
  keyOf: (t: TableName, item: Key) => Key,
  sizeAt: (t: TableName, key: Key) => Promise<{ item?: Key; bytes: number }>,
  describe: (t: TableName, key: Key, item?: Key) => MeteredItem,
): Promise<MeteredRequest> {
  const touched = input.TableName
    ? tableOf(input.TableName)
    : Object.keys(input.RequestItems ?? {})
        .map(tableOf)
        .concat((input.TransactItems ?? []).map((t: { Get: { TableName: string } }) => tableOf(t.Get.TableName)))
        .join("+");
  const base = { name, tables: touched, write: 0, transactional: false, failed: false };
  const keyed = async (table: TableName, key: Key) => describe(table, key, (await sizeAt(table, key)).item);
  switch (name) {
    case "GetItem": {
      const item = await keyed(tableOf(input.TableName), input.Key);
      const consistent = input.ConsistentRead === true;
      return { ...base, read: readUnits(item.bytes, consistent), items: [item], listed: false, consistent };
    }
    case "BatchGetItem": {
      let read = 0;
      const items: MeteredItem[] = [];
      let consistent = false;
      for (const [t, request] of Object.entries(input.RequestItems as Record<string, any>)) {
        consistent ||= request.ConsistentRead === true;
        for (const key of request.Keys as Key[]) {
          const item = await keyed(tableOf(t), key);
          read += readUnits(item.bytes, request.ConsistentRead === true);
          if (item.bytes > 0) items.push(item);
        }
      }
      return { ...base, read, items, listed: false, consistent };
    }
    case "TransactGetItems": {
      const items = await Promise.all(
        (input.TransactItems as { Get: { TableName: string; Key: Key } }[]).map((t) =>
          keyed(tableOf(t.Get.TableName), t.Get.Key),
        ),
      );
      const read = items.reduce((s, it) => s + readUnits(it.bytes, true, true), 0);
      return { ...base, read, transactional: true, items, listed: false, consistent: true };
    }
    case "Query":
    case "Scan": {
      const table = tableOf(input.TableName);
      const consistent = input.ConsistentRead === true;
      // Examined: the same request without its filter (a filter drops items after they are read).
      const examined = await raw.send(command(name, withoutFilter(input)));
      const returned = input.FilterExpression ? await raw.send(command(name, input)) : examined;
      const bytes = (examined.Items ?? []).reduce((s, it) => s + itemSizeBytes(it), 0);
      const items = (returned.Items ?? []).map((it) => describe(table, keyOf(table, it), it));
      return { ...base, read: readUnits(bytes, consistent), items, listed: true, consistent };
    }
    default:
      throw new Error(`capacity: no rule for ${name}`);
  }
}

const command = (name: string, input: Record<string, any>) =>
  name === "Scan" ? new ScanCommand(input as any) : new QueryCommand(input as any);

/** The input without FilterExpression, keeping only the names and values the rest still uses. */
function withoutFilter(input: Record<string, any>): Record<string, any> {
  if (!input.FilterExpression) return input;
  const { FilterExpression: _, ExpressionAttributeNames, ExpressionAttributeValues, ...rest } = input;
  const used = `${input.KeyConditionExpression ?? ""} ${input.ProjectionExpression ?? ""}`;
  const keep = (o?: Record<string, unknown>) => {
    const kept = Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => new RegExp(`${k}\\b`).test(used)));
    return Object.keys(kept).length > 0 ? kept : undefined;
  };
  const names = keep(ExpressionAttributeNames);
  const values = keep(ExpressionAttributeValues);
  return {
    ...rest,
    ...(names && { ExpressionAttributeNames: names }),
    ...(values && { ExpressionAttributeValues: values }),
  };
}

export interface Units {
  read: number;
  write: number;
}

export const total = (requests: readonly MeteredRequest[]): Units => ({
  read: requests.reduce((s, r) => s + r.read, 0),
  write: requests.reduce((s, r) => s + r.write, 0),
});

/**
 * The floor of a read: the API-key lookup as it was made, plus the distinct items the requests
 * returned read directly with eventually consistent reads (a listed item in its Query's one
 * rounding, a keyed item on its own).
 */
export function readFloor(requests: readonly MeteredRequest[]): Units {
  const keyLookup = requests.find((r) => r.items[0]?.role === "apiKey");
  const seen = new Set<string>(keyLookup ? [`${keyLookup.items[0]!.table} ${keyLookup.items[0]!.key}`] : []);
  let read = keyLookup?.read ?? 0;
  // Listed items first, so an item both listed and fetched is counted in its list.
  const ordered = [...requests.filter((r) => r.listed), ...requests.filter((r) => !r.listed && r !== keyLookup)];
  for (const r of ordered) {
    const fresh = r.items.filter((it) => !seen.has(`${it.table} ${it.key}`));
    for (const it of fresh) seen.add(`${it.table} ${it.key}`);
    // A list that came back empty still had to be asked for: its minimum read.
    if (r.listed) {
      if (fresh.length > 0 || r.items.length === 0)
        read += readUnits(
          fresh.reduce((s, it) => s + it.bytes, 0),
          false,
        );
    } else for (const it of fresh) read += readUnits(it.bytes, false);
  }
  return { read, write: 0 };
}

/**
 * The floor of a mutation: the API-key lookup plus the same domain and event items written in
 * one transaction, without idempotency (no record taken, none completed, no key marker on an item).
 * `directWrite` prices the same items as written without a transaction when there is only one
 * (a one-item change with no event needs none): the cheapest way to make that change at all.
 */
export function mutationFloor(requests: readonly MeteredRequest[]): Units & { directWrite: number } {
  const keyLookup = requests.find((r) => r.items[0]?.role === "apiKey" && r.write === 0);
  const written = new Map<string, MeteredItem>();
  for (const r of requests) {
    if (r.write === 0 || r.failed) continue;
    for (const it of r.items) {
      if (it.role === "idempotency") continue;
      const id = `${it.table} ${it.key}`;
      if (!written.has(id) || written.get(id)!.bytes < it.bytes) written.set(id, it);
    }
  }
  const items = [...written.values()];
  const units = (transactional: boolean) =>
    items.reduce((s, it) => s + writeUnits(it.bytes - it.keyMarkerBytes, transactional), 0);
  return {
    read: keyLookup?.read ?? 0,
    write: units(true),
    directWrite: items.length === 1 ? units(false) : units(true),
  };
}

/** `GetItem ApiKeys 1r → PutItem Idempotency 1w → TransactWriteItems Orders+Idempotency×3 6w`. */
export function describe(requests: readonly MeteredRequest[]): string {
  return requests
    .map((r) => {
      const count = r.items.length > 1 ? `×${r.items.length}` : "";
      return `${r.name} ${r.tables}${count} ${r.write > 0 ? `${r.write}w` : `${r.read}r`}`;
    })
    .join(" → ");
}
