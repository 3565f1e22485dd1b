import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

/**
 * How an idempotency record keeps its answer: the payload's JSON, brotli-compressed, as one
 * binary attribute (`payloadZ`). The completed record is written inside the effect's transaction,
 * where DynamoDB charges each started KB twice: an answer's JSON (1–2 KB for a case, mostly
 * repeated field names, ISO instants and nulls) compresses to about a third, which keeps a
 * record within one KB. JSON keeps exactly what the document client kept (no undefined, numbers
 * as numbers), so a replay answers what the first attempt answered. Quality 5: near the best
 * ratio on answers this small at a fraction of a millisecond (11 gains ~10% for ~20× the time).
 */
export function encodeStoredPayload(payload: unknown): Uint8Array {
  return brotliCompressSync(Buffer.from(JSON.stringify(payload), "utf8"), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
  });
}

export function decodeStoredPayload(bytes: Uint8Array): unknown {
  return JSON.parse(brotliDecompressSync(bytes).toString("utf8"));
}

/** The answer a completed record keeps, whichever way it was written (`payload` by shape 1 writers). */
export function storedPayloadOf(record: Record<string, unknown>): unknown {
  return record.payloadZ instanceof Uint8Array ? decodeStoredPayload(record.payloadZ) : record.payload;
}
