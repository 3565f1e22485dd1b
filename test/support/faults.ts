import { createDocumentClient, tableSpecs, type Db, type TableName } from "@seller-ops/db";

/** The error real DynamoDB answers a cancelled TransactWriteItems with: one reason per item, in order. */
function transactionCanceled(reasons: string[]): Error {
  return Object.assign(
    new Error(`Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons}]`),
    {
      name: "TransactionCanceledException",
      CancellationReasons: reasons.map((Code) => ({ Code })),
      $metadata: { httpStatusCode: 400 },
      $fault: "client",
    },
  );
}

/**
 * Fails a chosen fraction of DynamoDB calls *below* the SDK's retry layer (the middleware sits in
 * the deserialize step, inside each attempt), so the SDK's real retry policy runs:
 * - throttling and HTTP 500 fail before the request is sent (nothing happened);
 * - a connection reset fails *after* DynamoDB answered (the write happened, the answer was lost);
 * - `TransactionCanceledException` / `TransactionConflict` — which real DynamoDB raises on hot
 *   items such as a seller's daily counters, and DynamoDB Local never does — fails a transaction
 *   before it is sent; the SDK does not retry it, our `transactWrite` does.
 * Deterministic for a seed, so a failing run can be replayed.
 */
export interface FaultLog {
  calls: number;
  injected: Record<"throttling" | "server" | "reset" | "conflict", number>;
}

export function withFaults(db: Db, options: { rate: number; seed?: number }): { db: Db; log: FaultLog } {
  const doc = createDocumentClient();
  const log: FaultLog = { calls: 0, injected: { throttling: 0, server: 0, reset: 0, conflict: 0 } };
  let state = options.seed ?? 42;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      log.calls++;
      if (random() >= options.rate) return next(args);
      const name = String(context.commandName);
      const pick = random();
      if (name === "TransactWriteItemsCommand" && pick < 0.25) {
        log.injected.conflict++;
        throw transactionCanceled(["TransactionConflict"]);
      }
      if (pick < 0.5) {
        log.injected.throttling++;
        throw Object.assign(new Error("Rate of requests exceeds the allowed throughput."), {
          name: "ThrottlingException",
          $metadata: { httpStatusCode: 400 },
          $fault: "client",
        });
      }
      if (pick < 0.75) {
        log.injected.server++;
        throw Object.assign(new Error("Internal server error"), {
          name: "InternalServerError",
          $metadata: { httpStatusCode: 500 },
          $fault: "server",
        });
      }
      const result = await next(args);
      log.injected.reset++;
      void result;
      throw Object.assign(new Error("socket hang up"), { name: "Error", code: "ECONNRESET" });
    },
    { step: "deserialize", name: "faultInjection", priority: "high" },
  );
  return { db: { doc, tables: db.tables }, log };
}

/** What `withTransactionConflicts` saw: every TransactWriteItems attempt, and those it cancelled. */
export interface ConflictLog {
  transactions: number;
  conflicts: number;
}

/**
 * Real DynamoDB's transaction-conflict rule, which DynamoDB Local does not apply: a TransactWriteItems that
 * touches an item another transaction is still writing is cancelled as a whole, with reason
 * `TransactionConflict` on that item (`None` on the others). Here each transaction holds its items for
 * `holdMs` (a TransactWriteItems' time in AWS, about 10 ms) from when it is sent, or until its answer if that
 * comes first; one that touches a held item is cancelled before it reaches DynamoDB Local. DynamoDB Local's own
 * transactions take 100-300 ms on a loaded machine: the hold does not last as long (that would make every
 * overlap a conflict, as AWS does not), the caller still waits for the answer.
 * Only transactions against transactions: the code under test writes counters only in transactions.
 *
 * `meetingClient()` is a second client under the same rule, with its own log, whose first transaction is sent only
 * while another one holds its items: two writers side by side meet for certain, where left to the scheduler they
 * meet less the busier the machine (DynamoDB Local answers one transaction at a time, spacing the attempts out).
 */
export function withTransactionConflicts(
  db: Db,
  options: { holdMs: number },
): { db: Db; log: ConflictLog; meetingClient(): { db: Db; log: ConflictLog } } {
  /**
   * Each held item, the transaction holding it and until when (a hold ends at most once, and only its own). The end is
   * a time, not only a timer: in AWS a transaction holds its items about `holdMs` whatever the client's machine is
   * doing, and on a loaded one the timer fires late, which would stretch every hold and cancel far more than AWS does.
   */
  const held = new Map<string, { transaction: object; until: number }>();
  const holding = (key: string) => (held.get(key)?.until ?? 0) > Date.now();
  /** Called with its items, then forgotten, when a transaction next starts holding them. */
  let onHold: ((keys: string[]) => void)[] = [];
  const logicalName = new Map(Object.entries(db.tables).map(([logical, physical]) => [physical, logical]));
  const itemKey = (write: Record<string, any>): string => {
    const op = write.Put ?? write.Update ?? write.Delete ?? write.ConditionCheck;
    const { hashKey, rangeKey } = tableSpecs[logicalName.get(op.TableName) as TableName].primaryIndex;
    const attributes = op.Key ?? op.Item;
    return JSON.stringify([op.TableName, attributes[hashKey], rangeKey ? attributes[rangeKey] : null]);
  };

  function client(firstMeetsAnother: boolean): { db: Db; log: ConflictLog } {
    const doc = createDocumentClient();
    const log: ConflictLog = { transactions: 0, conflicts: 0 };
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const name = String(context.commandName);
        if (name !== "TransactWriteCommand" && name !== "TransactWriteItemsCommand") return next(args);
        // Sent at the instant the other transaction started holding its items: it meets those, however late this
        // code resumes on a loaded machine. Not forever: with no other writer left, it goes on after 10 s and meets
        // nothing, as the log then says.
        let met = new Set<string>();
        if (firstMeetsAnother && log.transactions === 0 && ![...held.keys()].some(holding))
          met = new Set(
            await new Promise<string[]>((resolve) => {
              onHold.push(resolve);
              setTimeout(() => resolve([]), 10_000).unref();
            }),
          );
        log.transactions++;
        const keys = (args.input as { TransactItems: Record<string, any>[] }).TransactItems.map(itemKey);
        // Decided once: a hold is a time, and asked twice a hold ending in between would cancel the transaction with
        // every reason `None`, which AWS never answers (and `transactWrite` rightly does not retry).
        const reasons = keys.map((key) => (holding(key) || met.has(key) ? "TransactionConflict" : "None"));
        if (reasons.includes("TransactionConflict")) {
          log.conflicts++;
          throw transactionCanceled(reasons);
        }
        const transaction = {};
        const release = () => {
          for (const key of keys) if (held.get(key)?.transaction === transaction) held.delete(key);
        };
        const until = Date.now() + options.holdMs;
        for (const key of keys) held.set(key, { transaction, until });
        const waiting = onHold;
        onHold = [];
        for (const wake of waiting) wake(keys);
        // The hold ends after holdMs, or with the answer if that comes first: an answered transaction is over.
        const timer = setTimeout(release, options.holdMs);
        try {
          return await next(args);
        } finally {
          clearTimeout(timer);
          release();
        }
      },
      { step: "initialize", name: "transactionConflicts", priority: "high" },
    );
    return { db: { doc, tables: db.tables }, log };
  }

  return { ...client(false), meetingClient: () => client(true) };
}

/**
 * Cancels the first `times` TransactWriteItems as real DynamoDB does when one of their items is over its
 * table's or partition's throughput (DynamoDB Local never throttles): TransactionCanceledException with
 * `reason` on the first item, `None` on the others. The SDK does not retry it (it retries a throttled single
 * write only). `attempts` counts every TransactWriteItems sent.
 */
export function cancelTransactions(
  db: Db,
  options: { reason: string; times: number },
): { db: Db; log: { attempts: number } } {
  const doc = createDocumentClient();
  const log = { attempts: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      if (name !== "TransactWriteCommand" && name !== "TransactWriteItemsCommand") return next(args);
      log.attempts++;
      if (log.attempts > options.times) return next(args);
      const items = (args.input as { TransactItems: unknown[] }).TransactItems;
      const reasons = items.map((_, index) => (index === 0 ? options.reason : "None"));
      throw transactionCanceled(reasons);
    },
    { step: "initialize", name: "cancelTransactions", priority: "high" },
  );
  return { db: { doc, tables: db.tables }, log };
}
