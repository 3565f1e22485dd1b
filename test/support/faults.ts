import { createDocumentClient, type Db } from "@seller-ops/db";

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
        throw Object.assign(
          new Error(
            "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
          ),
          {
            name: "TransactionCanceledException",
            CancellationReasons: [{ Code: "TransactionConflict" }],
            $metadata: { httpStatusCode: 400 },
            $fault: "client",
          },
        );
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
