import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "@seller-ops/db";

/** Every item of one table (tests may Scan to check invariants; the service never does). */
export async function scanTable(db: Db, table: keyof Db["tables"]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tables[table], ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
