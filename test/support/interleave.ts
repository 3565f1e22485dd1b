import { createDocumentClient, type Db, type TableName } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { linkedOnly, type World } from "./world";

/**
 * A client that runs `meanwhile` (another writer's change, on another client) just before it sends its first
 * TransactWriteItems writing to `table`, then sends it: that change lands between the request's reads and its
 * write every time, not only when two requests happen to overlap. `ran` tells whether it did.
 */
export function changeBeforeFirstWrite(
  db: Db,
  table: TableName,
  meanwhile: () => Promise<unknown>,
): { db: Db; ran: () => boolean } {
  const raced = changeBeforeWrites(db, table, 1, meanwhile);
  return { db: raced.db, ran: () => raced.changes() > 0 };
}

/**
 * `changeBeforeFirstWrite` for each of the first `times` TransactWriteItems writing to `table`: a request that loses
 * that many races in a row. `changes` tells how many ran.
 */
export function changeBeforeWrites(
  db: Db,
  table: TableName,
  times: number,
  meanwhile: () => Promise<unknown>,
): { db: Db; changes: () => number } {
  const doc = createDocumentClient();
  let changes = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const items = (args.input as { TransactItems?: Record<string, { TableName?: string }>[] }).TransactItems;
      const writes = (items ?? []).some((item) => Object.values(item).some((op) => op.TableName === db.tables[table]));
      if (changes < times && String(context.commandName).startsWith("TransactWrite") && writes) {
        changes++;
        await meanwhile();
      }
      return next(args);
    },
    { step: "initialize", name: "changeBeforeWrites", priority: "high" },
  );
  return { db: { doc, tables: db.tables }, changes: () => changes };
}

/**
 * The world's GraphQL handler, with `meanwhile` landing between a mutation's reads and its first write to `table`
 * (`changeBeforeFirstWrite`); `ran` tells whether it did.
 */
export function racedApi(
  w: World,
  table: TableName,
  meanwhile: () => Promise<unknown>,
): { api: World["api"]; ran: () => boolean } {
  const raced = racedApiTimes(w, table, 1, meanwhile);
  return { api: raced.api, ran: () => raced.changes() > 0 };
}

/** The world's GraphQL handler, with `meanwhile` landing before each of its first `times` writes to `table`. */
export function racedApiTimes(
  w: World,
  table: TableName,
  times: number,
  meanwhile: () => Promise<unknown>,
): { api: World["api"]; changes: () => number } {
  const raced = changeBeforeWrites(w.db, table, times, meanwhile);
  return {
    api: createGraphqlHandler({ db: linkedOnly(raced.db, functionTables.graphql), clock: () => w.now }),
    changes: raced.changes,
  };
}

/**
 * A client that runs `then` once, as soon as its first Query has come back: for a job, right after its read of the
 * due index and before it decides the first item. A run that reaches an item minutes after it started (a backlog)
 * is then the same every time: `then` moves the test clock, and the job's read of what is due has already been made.
 */
export function afterFirstQuery(db: Db, then: () => void): Db {
  const doc = createDocumentClient();
  let ran = false;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (!ran && String(context.commandName) === "QueryCommand") {
        ran = true;
        then();
      }
      return out;
    },
    { step: "initialize", name: "afterFirstQuery" },
  );
  return { doc, tables: db.tables };
}
