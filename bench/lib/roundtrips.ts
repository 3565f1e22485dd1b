import { call, type LambdaHttpHandler, type Operation } from "./api";
import { describeRequests, describeTargets, replayPlan, type CapturedRequest, type RequestLog } from "./requests";
import type { Results } from "./results";

export interface Captured {
  op: Operation;
  requests: CapturedRequest[];
  plan: CapturedRequest[][];
}

/**
 * DynamoDB requests per operation, through a handler built on an instrumented document client.
 * Counted twice, for a page of 50 and a page of 5: the same count means no read per list item.
 */
export async function roundTrips(
  counted: LambdaHttpHandler,
  log: RequestLog,
  ops: Operation[],
  results: Results,
  tables: Record<string, string>,
): Promise<Captured[]> {
  const captured: Captured[] = [];
  let scans = 0;
  for (const op of ops) {
    const counts: Record<number, number> = {};
    let requests: CapturedRequest[] = [];
    for (const n of [5, 50]) {
      log.reset();
      const { body } = await call(counted, op.query(n), op.key, op.variables);
      if (body.errors?.length) throw new Error(`${op.label}: ${JSON.stringify(body.errors)}`);
      counts[n] = log.count();
      scans += log.count("ScanCommand");
      if (n === 50) requests = [...log.requests];
    }
    const detail = `${describeRequests(requests)}: ${describeTargets(requests, tables)}`;
    process.stdout.write(`  ${op.label}: ${counts[50]} requests (${detail}); page of 5: ${counts[5]}\n`);
    if (op.id === "cases") {
      const fig = results.add(
        `requests: ${op.label}, incl. API-key lookup`,
        "count",
        counts[50]!,
        "requests",
        { op: "<=", value: 3 },
        detail,
      );
      if (!fig.met) {
        const withoutKey = requests.filter(
          (r) => !(r.name === "GetItemCommand" && (r.input as { TableName?: string }).TableName === tables.ApiKeys),
        ).length;
        results.note(
          `cases page: ${counts[50]} requests against a target of ≤ 3 including the API-key lookup (${withoutKey} ` +
            `without it). Requests in order: ${describeTargets(requests, tables)}.`,
        );
      }
    } else if (op.id === "overview") {
      // Constant by design: the key lookup, the seller's profile (`seller(id)`), then in parallel the counters'
      // GetItem and one COUNT Query of the cases due within 24 h (bench/README.md). The dataset's seller has
      // 2,080 orders, 60 of them late, and 61 cases: the count does not depend on them.
      results.add(
        `requests: ${op.label}, incl. API-key lookup`,
        "count",
        counts[50]!,
        "requests",
        { op: "<=", value: 4, label: "≤ 4, whatever the seller's size" },
        detail,
      );
    } else {
      results.add(
        `requests: ${op.label}, incl. API-key lookup`,
        "count",
        counts[50]!,
        "requests",
        { op: "<=", value: counts[5]!, label: `≤ page of 5 (${counts[5]}): no per-item reads` },
        detail,
      );
    }
    captured.push({ op, requests, plan: replayPlan(requests) });
  }
  results.add("Scans in all GraphQL operations above", "count", scans, "Scans", { op: "=", value: 0 });
  return captured;
}
