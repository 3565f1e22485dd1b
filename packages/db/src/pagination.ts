import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db, QueryBudget } from "./context";
import { CursorError, type StartKey } from "./cursor";

/** The largest page any list serves (`first` ≤ 100, documented in the schema). */
export const MAX_PAGE_SIZE = 100;

/**
 * When a FilterExpression drops items, a page may need several Query calls; this caps them so
 * one page's cost stays bounded. The page then ends early with `hasNextPage` and a cursor
 * positioned where the reading stopped.
 */
const MAX_QUERY_CALLS = 10;

/**
 * The Query calls past each page's first that one GraphQL request may make in all (`Db.queryBudget`): three filtered
 * pages at their cap. Without it, 15 aliases of a filtered list at `first: 1` made 150 calls reading ~7,500 items for
 * a query priced at ~100. Past it, every page still makes its first call (so each makes progress) and ends early
 * like a page at its cap.
 */
export const REQUEST_EXTRA_QUERY_CALLS = 3 * (MAX_QUERY_CALLS - 1);

/** A request's allowance of extra Query calls, fresh. */
export function newQueryBudget(): QueryBudget {
  return { extraCallsLeft: REQUEST_EXTRA_QUERY_CALLS };
}

export interface PageRequest {
  first: number;
  after: StartKey | null;
}

export interface Page<T> {
  items: { item: T; key: StartKey }[];
  hasNextPage: boolean;
  /** Where the next page starts; null when there is none. */
  resumeKey: StartKey | null;
}

/** Inclusive bounds on an index's range key; ISO strings in milliseconds sort as time does. */
export interface KeyRange {
  from?: string;
  to?: string;
}

/**
 * The page request to read when the key condition is a range of `rangeKey` that may have moved since the cursor was
 * made, or null when nothing is left. A range that starts at the request's `now` (orders at risk, cases due within
 * 24 h) moves on between two pages: the item a page ended on may have passed its deadline, and its cursor then lies
 * below the range, which DynamoDB refuses as a start key. Such a cursor is no error. Reading on past it (earliest
 * first), the range's start is where the next page begins: that repeats nothing, since every item shown before came
 * at or before the cursor and has left the range too. Reading back from it (latest first), nothing of the range is
 * left. A cursor above the range (the window made shorter between two pages) is the mirror image.
 */
export function pageWithinKeyRange(
  page: PageRequest,
  rangeKey: string,
  range: KeyRange,
  forward: boolean,
): PageRequest | null {
  const at = page.after?.[rangeKey];
  if (typeof at !== "string") return page;
  const below = range.from !== undefined && at < range.from;
  const above = range.to !== undefined && at > range.to;
  if (!below && !above) return page;
  // Past the range in the reading direction: nothing left. Before it: start at the range's first item.
  if (forward ? above : below) return null;
  return { ...page, after: null };
}

/** A list with nothing in it. */
export const EMPTY_PAGE: Page<never> = { items: [], hasNextPage: false, resumeKey: null };

/**
 * Every item of a Query, page after page, for lists known to be small (a seller's applications or
 * violations): DynamoDB pages at 1 MB, so one call is not always all of them.
 */
export async function queryAll<T>(
  doc: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, "ExclusiveStartKey">,
  parse: (raw: Record<string, unknown>) => T,
): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...query, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(parse));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * One page of a Query. Asks for one item more than the page so `hasNextPage` is exact, and gives
 * each item its own start key (table keys + index keys) so every edge has a working cursor.
 */
export async function queryPage<T>(
  db: Pick<Db, "doc" | "queryBudget">,
  query: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: PageRequest,
  keyAttributes: string[],
  parse: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const wanted = page.first + 1;
  const collected: Record<string, unknown>[] = [];
  if (page.after) checkStartKey(query, page.after, keyAttributes);
  let startKey: Record<string, unknown> | undefined = page.after ?? undefined;
  let calls = 0;
  do {
    const need = wanted - collected.length;
    const command = new QueryCommand({
      ...query,
      Limit: query.FilterExpression ? Math.max(need, 50) : need,
      ExclusiveStartKey: startKey,
    });
    const result = await db.doc.send(command).catch((error: unknown) => {
      // The same Query without a start key is valid, so DynamoDB refusing the first call's start
      // key means the cursor's key does not fit this list. The scope hash proved the cursor is this
      // list's and `checkStartKey` its partition, so what is left is a position outside the key range
      // read now (a key edited with a known secret, or a range that moved and its list did not place
      // the cursor): saying "another list" would send the reader looking for the wrong mistake.
      if (calls === 0 && page.after && error instanceof Error && error.name === "ValidationException") {
        throw new CursorError("outOfRange");
      }
      throw error;
    });
    calls += 1;
    collected.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (collected.length < wanted && startKey && calls < MAX_QUERY_CALLS && mayCallAgain(db.queryBudget));

  const keyOf = (raw: Record<string, unknown>): StartKey =>
    Object.fromEntries(keyAttributes.map((a) => [a, raw[a] as string | number]));
  const items = collected.slice(0, page.first).map((raw) => ({ item: parse(raw), key: keyOf(raw) }));
  if (collected.length > page.first) {
    return { items, hasNextPage: true, resumeKey: items[items.length - 1]!.key };
  }
  if (startKey) {
    // Stopped by the call cap: resume where DynamoDB stopped reading.
    return { items, hasNextPage: true, resumeKey: startKey as StartKey };
  }
  return { items, hasNextPage: false, resumeKey: null };
}

/** Takes one extra Query call from the request's allowance; true when there was one (always, without an allowance). */
function mayCallAgain(budget: QueryBudget | undefined): boolean {
  if (!budget) return true;
  if (budget.extraCallsLeft <= 0) return false;
  budget.extraCallsLeft -= 1;
  return true;
}

/**
 * A start key taken from a cursor must be a key of this very Query: exactly the list's key
 * attributes, each a non-empty string or a number, and the partition the Query reads. The
 * signature already proves the server issued the cursor; this holds even when the signing
 * secret is known (the development default), so a forged key is a client error, never a read
 * elsewhere nor an internal error.
 */
function checkStartKey(
  query: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  key: StartKey,
  keyAttributes: string[],
): void {
  const wanted = [...new Set(keyAttributes)].sort();
  const given = Object.keys(key).sort();
  const fits =
    given.length === wanted.length &&
    given.every((name, i) => name === wanted[i]) &&
    Object.values(key).every(
      (v) =>
        (typeof v === "string" && v.length > 0 && v.length <= 1024) || (typeof v === "number" && Number.isFinite(v)),
    );
  if (!fits) throw new CursorError("malformed");
  // The partition: the key condition starts with `<hash attribute> = :value`.
  const partition = /^\s*(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/.exec(query.KeyConditionExpression ?? "");
  if (!partition) return;
  const name = partition[1]!.startsWith("#") ? query.ExpressionAttributeNames?.[partition[1]!] : partition[1];
  const value = query.ExpressionAttributeValues?.[partition[2]!];
  if (name && name in key && key[name] !== value) {
    throw new CursorError("otherList");
  }
}

/**
 * An item of a job's due index, named by its key and parsed only when the job handles it: an item
 * this code cannot read (written by a later release, or by hand) then fails alone, named in the
 * log, instead of failing the page and with it every later item of its shard, run after run.
 */
export interface DueItem<T> {
  /** The item's id (or key) for the log line of its failure. */
  id: string;
  read: () => T;
}

export function dueItems<T>(
  items: readonly Record<string, unknown>[] | undefined,
  idOf: (raw: Record<string, unknown>) => string,
  parse: (raw: Record<string, unknown>) => T,
): DueItem<T>[] {
  return (items ?? []).map((raw) => ({ id: idOf(raw), read: () => parse(raw) }));
}

/** The id in an item's partition key after its prefix (`ORDER#<id>`), or the whole key when it has another form. */
export const idAfter =
  (prefix: string) =>
  (raw: Record<string, unknown>): string => {
    const pk = String(raw.pk);
    return pk.startsWith(prefix) ? pk.slice(prefix.length) : pk;
  };
