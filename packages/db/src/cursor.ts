import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { I18n } from "@seller-ops/core";

/**
 * Pagination cursors: opaque (base64url), tamper-evident (HMAC-SHA256 over the payload) and bound
 * to the query that produced them (a hash of the query name and its arguments), so a cursor can
 * neither be edited into a read from elsewhere nor replayed against another list.
 */

export type StartKey = Record<string, string | number>;

/** A cursor the list cannot take: its message in English, its `text` for the API to write in the reader's language. */
export class CursorError extends Error {
  override readonly name = "CursorError";
  readonly text: I18n.Text;

  constructor(problem: I18n.CursorProblem) {
    const text = I18n.text("refusal.request.cursor", { problem });
    super(I18n.english(text));
    this.text = text;
  }
}

/** What a cursor is bound to: the list and every argument that shapes it (seller, filter, order). */
export interface CursorScope {
  list: string;
  args: unknown;
}

function scopeHash(scope: CursorScope): string {
  return createHash("sha256").update(stableJson(scope)).digest("base64url").slice(0, 16);
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function encodeCursor(secret: string, scope: CursorScope, key: StartKey): string {
  return cursorEncoder(secret, scope)(key);
}

/**
 * Encodes the cursors of one list: the scope's hash is computed once (when the first cursor is
 * written), not once per edge.
 */
export function cursorEncoder(secret: string, scope: CursorScope): (key: StartKey) => string {
  let hash: string | undefined;
  return (key) => {
    hash ??= scopeHash(scope);
    const payload = Buffer.from(JSON.stringify({ s: hash, k: key })).toString("base64url");
    return `${payload}.${sign(secret, payload)}`;
  };
}

export function decodeCursor(secret: string, scope: CursorScope, cursor: string): StartKey {
  const [payload, signature, extra] = cursor.split(".");
  if (!payload || !signature || extra !== undefined || cursor.length > 2048) {
    throw new CursorError("malformed");
  }
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new CursorError("altered");
  }
  // Signed is not well formed: anyone holding the secret (the development one is public) can sign any payload,
  // and what does not decode to an object is a bad cursor, not an internal error.
  let decoded: { s?: unknown; k?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new CursorError("malformed");
  }
  if (typeof decoded !== "object" || decoded === null) throw new CursorError("malformed");
  if (decoded.s !== scopeHash(scope)) {
    throw new CursorError("otherList");
  }
  const key = decoded.k;
  if (
    typeof key !== "object" ||
    key === null ||
    !Object.values(key).every((v) => typeof v === "string" || typeof v === "number")
  ) {
    throw new CursorError("malformed");
  }
  return key as StartKey;
}

/** JSON with sorted object keys, so equal values always hash the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
