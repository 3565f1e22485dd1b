import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { StartKey } from "./cursor";

/** The largest page any list serves (`first` ≤ 100, documented in the schema). */
export const MAX_PAGE_SIZE = 100;

/**
 * When a FilterExpression drops items, a page may need several Query calls; this caps them so
 * one request's cost stays bounded. The page then ends early with `hasNextPage` and a cursor
 * positioned where the reading stopped.
 */
const MAX_QUERY_CALLS = 10;

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

/**
 * One page of a Query. Asks for one item more than the page so `hasNextPage` is exact, and gives
 * each item its own start key (table keys + index keys) so every edge has a working cursor.
 */
export async function queryPage<T>(
  doc: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: PageRequest,
  keyAttributes: string[],
  parse: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const wanted = page.first + 1;
  const collected: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = page.after ?? undefined;
  let calls = 0;
  do {
    const need = wanted - collected.length;
    const result = await doc.send(
      new QueryCommand({
        ...query,
        Limit: query.FilterExpression ? Math.max(need, 50) : need,
        ExclusiveStartKey: startKey,
      }),
    );
    calls += 1;
    collected.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (collected.length < wanted && startKey && calls < MAX_QUERY_CALLS);

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
