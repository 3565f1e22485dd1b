import {
  CursorError,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type CursorScope,
  type Page,
  type PageRequest,
} from "@seller-ops/db";
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
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}.`, "first");
  }
  if (!args.after) return { first, after: null };
  try {
    return { first, after: decodeCursor(ctx.config.cursorSecret, scope, args.after) };
  } catch (error) {
    if (error instanceof CursorError || error instanceof SyntaxError) {
      throw badUserInput(error instanceof CursorError ? error.message : "The cursor is malformed.", "after");
    }
    throw error;
  }
}

/** A Relay connection from a page: every edge gets a cursor bound to the same query. */
export function toConnection<T>(ctx: Context, scope: CursorScope, request: PageRequest, page: Page<T>) {
  const cursor = (key: Parameters<typeof encodeCursor>[2]) => encodeCursor(ctx.config.cursorSecret, scope, key);
  const edges = page.items.map(({ item, key }) => ({ node: item, cursor: cursor(key) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: page.resumeKey ? cursor(page.resumeKey) : (edges.at(-1)?.cursor ?? null),
    },
  };
}
