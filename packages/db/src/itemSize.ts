/**
 * The size DynamoDB counts for an item, by its published rules: the UTF-8 bytes of every
 * attribute name and string, up to 21 bytes per number, 1 byte for a boolean or null, and 3 bytes
 * plus 1 per element for each map and list, the bytes of a binary value, the sum of a set's
 * elements. Used to keep every item well below the 400 KB limit (the idempotency record checks its
 * payload; test/reliability/item-growth.test.ts checks the worst case of every item that grows
 * with use) and by the bench's capacity units.
 */

/** DynamoDB refuses an item above this many bytes. */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

export function itemSizeBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += Buffer.byteLength(name, "utf8") + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === "boolean") return 1;
  if (typeof value === "string") return Buffer.byteLength(value, "utf8");
  if (typeof value === "number" || typeof value === "bigint") return 21;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === "object") {
    let size = 3;
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      size += 1 + Buffer.byteLength(name, "utf8") + valueSize(v);
    }
    return size;
  }
  return 0;
}
