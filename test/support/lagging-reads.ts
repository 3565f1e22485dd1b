import { createDocumentClient, tableSpecs, type Db, type TableName } from "@seller-ops/db";

/**
 * Real DynamoDB answers an eventually consistent read (GetItem, BatchGetItem or a Query of the table without
 * ConsistentRead, any Query of a global index) from a copy that may not hold the last moment's writes yet; DynamoDB
 * Local never lags. This client hides every item it Puts (alone or in a transaction) from such reads until
 * `catchUp()`, as a copy that has not caught up would; consistent reads and conditions see it at once. (An item
 * changed meanwhile is hidden rather than shown as it was: enough for a write that must re-read a miss. An item only
 * ever Updated, such as a daily counter, shows its latest state.)
 */
export function laggingReads(db: Db): { db: Db; catchUp: () => void } {
  const doc = createDocumentClient();
  const logicalName = new Map(Object.entries(db.tables).map(([logical, physical]) => [physical, logical]));
  /** The items written that the lagging copy does not hold yet, by table and primary key. */
  const notCopied = new Set<string>();
  // The middleware may see attributes marshalled ({ S: "…" }) or plain, depending on where the document client
  // converts them: the key's value is the same either way.
  const plain = (v: unknown) => (v && typeof v === "object" && "S" in v ? (v as { S: unknown }).S : v);
  const identity = (table: string, item: Record<string, unknown>) => {
    const { hashKey, rangeKey } = tableSpecs[logicalName.get(table) as TableName].primaryIndex;
    return JSON.stringify([table, plain(item[hashKey]), rangeKey ? plain(item[rangeKey]) : null]);
  };
  const copied = (table: string) => (item: Record<string, unknown>) => !notCopied.has(identity(table, item));
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/ItemCommand$|ItemsCommand$|Command$/, "");
      const input = args.input as Record<string, any>;
      const puts: { TableName: string; Item: Record<string, unknown> }[] =
        name === "TransactWrite"
          ? (input.TransactItems ?? []).flatMap((t: Record<string, any>) => (t.Put ? [t.Put] : []))
          : name === "Put"
            ? [input as { TableName: string; Item: Record<string, unknown> }]
            : [];
      const result = await next(args);
      // Only once written (a write refused by its condition changed nothing, and threw).
      for (const put of puts) notCopied.add(identity(put.TableName, put.Item));
      const output = result.output as Record<string, any>;
      if (name === "Get" && !input.ConsistentRead && output.Item && !copied(input.TableName)(output.Item))
        output.Item = undefined;
      if (name === "BatchGet") {
        for (const [table, request] of Object.entries(input.RequestItems ?? {}) as [string, any][]) {
          const got = output.Responses?.[table];
          if (!request.ConsistentRead && got) output.Responses[table] = got.filter(copied(table));
        }
      }
      if (name === "Query" && (input.IndexName || !input.ConsistentRead))
        output.Items = (output.Items ?? []).filter(copied(input.TableName));
      return result;
    },
    { step: "initialize", name: "laggingReads", priority: "high" },
  );
  return { db: { doc, tables: db.tables }, catchUp: () => notCopied.clear() };
}
