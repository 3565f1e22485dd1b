import {
  CursorError,
  cursorEncoder,
  decodeCursor,
  MAX_PAGE_SIZE,
  type CursorScope,
  type Page,
  type PageRequest,
  type StartKey,
} from "@seller-ops/db";
import { I18n } from "@seller-ops/core";
import type { Context } from "./context";
import { badUserInput } from "./errors";

/** Turns `first` / `after` into a page request, refusing what no list serves (top-level BAD_USER_INPUT). */
export function pageRequest(
  ctx: Context,
  scope: CursorScope,
  args: { first?: number | null; after?: string | null },
): PageRequest {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(I18n.text("refusal.request.pageSize", { max: MAX_PAGE_SIZE }), "first");
  }
  if (!args.after) return { first, after: null };
  try {
    return { first, after: decodeCursor(ctx.config.cursorSecret, scope, args.after) };
  } catch (error) {
    if (error instanceof CursorError || error instanceof SyntaxError) {
      const problem =
        error instanceof CursorError ? error.text : I18n.text("refusal.request.cursor", { problem: "malformed" });
      throw badUserInput(problem, "after");
    }
    throw error;
  }
}

/**
 * A Relay connection from a page: every edge gets a cursor bound to the same query. Cursors are
 * signed when read: a page that selects none (the cases page) signs none, where signing one per
 * edge was a hash and an HMAC for each item (bench/README.md, handler overhead).
 */
export function toConnection<T>(ctx: Context, scope: CursorScope, request: PageRequest, page: Page<T>) {
  const encode = cursorEncoder(ctx.config.cursorSecret, scope);
  const edges = page.items.map(({ item, key }) => new Edge(item, key, encode));
  let endCursor: string | null | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: request.after !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        if (endCursor === undefined)
          endCursor = page.resumeKey ? encode(page.resumeKey) : (edges.at(-1)?.cursor ?? null);
        return endCursor;
      },
    },
  };
}

/** An edge whose cursor is written the first time it is read (a class: no closure per edge). */
class Edge<T> {
  #cursor: string | undefined;
  constructor(
    readonly node: T,
    private readonly key: StartKey,
    private readonly encode: (key: StartKey) => string,
  ) {}

  get cursor(): string {
    this.#cursor ??= this.encode(this.key);
    return this.#cursor;
  }
}
