import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LambdaHttpHandler } from "./api";
import { graphqlEvent, lambdaContext } from "./events";
import { replay } from "./requests";
import type { Results } from "./results";
import type { Captured } from "./roundtrips";
import { percentile, round, spread } from "./stats";

/** quality.md: a page through the handler ≤ 1.3× the same DynamoDB requests sent directly (p50). */
export const OVERHEAD_TARGET = 1.3;

export const OVERHEAD_SAMPLES = process.env.BENCH_QUICK === "1" ? 20 : 200;
const WARMUP = process.env.BENCH_QUICK === "1" ? 5 : 25;

/**
 * Each operation through the exported Lambda handler versus the same DynamoDB requests (captured
 * once, replayed with the same inputs, concurrent ones concurrently) sent directly with the SDK.
 * Interleaved in one loop — handler, direct, direct, handler, … — so both see the same machine.
 */
export async function handlerOverhead(
  handler: LambdaHttpHandler,
  direct: DynamoDBDocumentClient,
  captured: Captured[],
  results: Results,
): Promise<Map<string, { handlerP50: number; directP50: number }>> {
  const samples = new Map(captured.map((c) => [c.op.id, { handler: [] as number[], direct: [] as number[] }]));
  const viaHandler = async (c: Captured) => {
    const event = graphqlEvent(c.op.query(50), c.op.key, c.op.variables);
    const context = lambdaContext();
    const start = performance.now();
    const result = await handler(event, context);
    const ms = performance.now() - start;
    if (result.statusCode !== 200)
      throw new Error(`${c.op.label}: HTTP ${result.statusCode} ${result.body?.slice(0, 300)}`);
    return ms;
  };
  const viaSdk = async (c: Captured) => {
    const start = performance.now();
    await replay(direct, c.plan);
    return performance.now() - start;
  };

  for (let i = 0; i < WARMUP + OVERHEAD_SAMPLES; i++) {
    for (let k = 0; k < captured.length; k++) {
      const c = captured[(i + k) % captured.length]!;
      const s = samples.get(c.op.id)!;
      const handlerFirst = i % 2 === 0;
      const a = handlerFirst ? await viaHandler(c) : await viaSdk(c);
      const b = handlerFirst ? await viaSdk(c) : await viaHandler(c);
      if (i < WARMUP) continue;
      s.handler.push(handlerFirst ? a : b);
      s.direct.push(handlerFirst ? b : a);
    }
  }

  const p50s = new Map<string, { handlerP50: number; directP50: number }>();
  for (const c of captured) {
    const s = samples.get(c.op.id)!;
    const h50 = percentile(s.handler, 50);
    const d50 = percentile(s.direct, 50);
    p50s.set(c.op.id, { handlerP50: h50, directP50: d50 });
    results.add(`handler p50: ${c.op.label}`, "time", round(h50), "ms");
    results.add(`handler p99: ${c.op.label}`, "time", round(percentile(s.handler, 99)), "ms");
    results.add(`direct SDK p50 (${c.requests.length} requests): ${c.op.label}`, "time", round(d50), "ms");
    results.add(`direct SDK p99: ${c.op.label}`, "time", round(percentile(s.direct, 99)), "ms");
    results.add(
      `overhead p50 ratio handler/direct: ${c.op.label}`,
      "ratio",
      round(h50 / d50),
      "×",
      { op: "<=", value: OVERHEAD_TARGET },
      `${s.handler.length} samples each, interleaved; spread of the paired ratios ${spread(s.handler, s.direct)}`,
    );
  }
  return p50s;
}
