import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { LambdaHttpHandler, Operation } from "./api";
import { graphqlEvent, lambdaContext } from "./events";
import type { Results } from "./results";

export const MEMORY_REQUESTS = process.env.BENCH_QUICK === "1" ? 100 : 1_000;

/** `global.gc` when node runs with --expose-gc; otherwise the flag is set now and gc taken from a fresh context. */
export function collector(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === "function") return existing;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function heapAfterGc(gc: () => void): number {
  // Several passes: weak references and finalizers free more on the second and third.
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * 1,000 sequential requests (the operations in turn) through one handler instance, heap measured after GC before and
 * after.
 */
export async function memory(handler: LambdaHttpHandler, ops: Operation[], results: Results): Promise<void> {
  const gc = collector();
  const before = heapAfterGc(gc);
  for (let i = 0; i < MEMORY_REQUESTS; i++) {
    const op = ops[i % ops.length]!;
    const result = await handler(graphqlEvent(op.query(50), op.key, op.variables), lambdaContext());
    if (result.statusCode !== 200) throw new Error(`memory run: ${op.label} answered HTTP ${result.statusCode}`);
  }
  const after = heapAfterGc(gc);
  process.stdout.write(
    `  heap after GC: ${(before / 1_048_576).toFixed(1)} MiB before, ${(after / 1_048_576).toFixed(1)} MiB after ` +
      `${MEMORY_REQUESTS} requests\n`,
  );
  results.add(
    `heap growth after GC, ${MEMORY_REQUESTS.toLocaleString("en-US")} requests through one handler instance`,
    "bytes",
    after - before,
    "bytes",
    { op: "<", value: 10 * 1_048_576, label: "< 10 MiB" },
  );
}
