/**
 * `npm run bench:cpu`: the handler's CPU time per request against the same DynamoDB requests sent
 * directly, in one process (bench/README.md, "Handler overhead"). On a loaded machine the wall
 * time also counts the time a request waits for a core; this process's CPU time (user + system,
 * `process.cpuUsage()`, DynamoDB Local's JVM excluded) moves far less from run to run, so an A/B of
 * a change is this command run before and after it.
 *
 * `BENCH_OPS=cases,timeline` picks operations by id (default: both cases pages and the timeline);
 * `BENCH_ROUNDS` sets the samples per operation (default 400, after 50 warm-up rounds);
 * `BENCH_PROFILE=timeline` profiles that operation's handler calls instead (`node:inspector`) and
 * prints the functions and files with the most self time.
 * `BENCH_BASE=/tmp/a,/tmp/b` (other checkouts, each with its own `npm ci`, e.g. `git archive main |
 * tar -x -C /tmp/a`) loads their handlers too and measures all in the same loop, so an A/B of a
 * change sees the same machine at the same moments: the sturdiest comparison on a shared machine.
 * The handler imported first tends to measure a few percent faster than a later copy of the same
 * code: compare two checkouts given here with each other, not with this one.
 */
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, ensureTables, localTableNames, tableLinkEnv, type Db } from "@seller-ops/db";
import { startDynamoLocal } from "../packages/local/src/dynamodb-local";
import type { LambdaHttpHandler } from "./lib/api";
import { operations, seedApiDataset } from "./lib/api-dataset";
import { graphqlEvent, lambdaContext } from "./lib/events";
import { instrument, replay, replayPlan } from "./lib/requests";
import { percentile } from "./lib/stats";
import { onLambdaNode } from "./lib/runtime";

const OPS = (process.env.BENCH_OPS ?? "cases,casesWithOrderRisk,timeline").split(",").map((s) => s.trim());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const WARMUP = 50;
const PROFILE = process.env.BENCH_PROFILE ?? "";
const BASES = (process.env.BENCH_BASE ?? "").split(",").filter(Boolean);

/** Microseconds of this process's CPU (user + system) that `fn` took. */
async function cpuOf(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

interface Profile {
  /** Microseconds per call, by source file, by function (self time), and under each of the service's functions. */
  byFile: Map<string, number>;
  byFunction: Map<string, number>;
  inclusive: Map<string, number>;
  busy: number;
}

/** `rounds` calls of `fn` under the sampling profiler, summed by file and function, per call. */
async function profiled(fn: () => Promise<unknown>, rounds: number): Promise<Profile> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  for (let i = 0; i < rounds; i++) await fn();
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const dt = new Map<number, number>();
  for (let i = 0; i < profile.samples!.length; i++)
    dt.set(profile.samples![i]!, (dt.get(profile.samples![i]!) ?? 0) + profile.timeDeltas![i]! / rounds);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n: (typeof profile.nodes)[number]) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url.replace(/^.*\/(node_modules|packages)\//, "$1/") || "(native)";
    return { file, fn: `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}` };
  };
  const result: Profile = { byFile: new Map(), byFunction: new Map(), inclusive: new Map(), busy: 0 };
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  // Time under each of the service's functions (callees included; a recursive frame counted once).
  const walk = (id: number, open: Set<string>): number => {
    const node = nodes.get(id)!;
    const { fn } = label(node);
    let us = dt.get(id) ?? 0;
    const inner = new Set(open).add(fn);
    for (const child of node.children ?? []) us += walk(child, inner);
    if (fn.includes("packages/") && !open.has(fn)) add(result.inclusive, fn, us);
    return us;
  };
  walk(profile.nodes[0]!.id, new Set());
  for (const node of profile.nodes) {
    if (node.callFrame.functionName === "(idle)") continue;
    const us = dt.get(node.id) ?? 0;
    const { file, fn } = label(node);
    result.busy += us;
    add(result.byFunction, fn, us);
    add(result.byFile, file, us);
  }
  return result;
}

/** The handler's profile, and where it spends more than the direct requests (per request, by file). */
function printProfiles(name: string, handler: Profile, direct: Profile): void {
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${us.toFixed(1).padStart(8)} µs  ${k}`)
      .join("\n");
  const extra = new Map<string, number>();
  for (const [file, us] of handler.byFile) extra.set(file, us - (direct.byFile.get(file) ?? 0));
  process.stdout.write(
    `\n${name}, per request under the profiler: handler ${Math.round(handler.busy)} µs busy, direct ` +
      `${Math.round(direct.busy)} µs\nhandler minus direct, by file\n${top(extra, 30)}\n\n` +
      `handler, by function\n${top(handler.byFunction, 40)}\n\n` +
      `direct, by function\n${top(direct.byFunction, 15)}\n\n` +
      `the service's functions, callees included\n${top(handler.inclusive, 40)}\n`,
  );
}

async function main(): Promise<number> {
  const local = await startDynamoLocal({ dataDir: null });
  process.once("exit", () => local.process.kill("SIGKILL"));
  try {
    const admin = new DynamoDBClient({
      endpoint: local.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const tables = localTableNames("bench");
    await ensureTables(admin, tables);
    admin.destroy();
    Object.assign(process.env, tableLinkEnv(tables), {
      LOG_LEVEL: "silent",
      METRICS_DISABLED: "true",
      APP_MODE: "development",
      AWS_REGION: "us-east-1",
      DYNAMODB_ENDPOINT: local.endpoint,
    });
    const graphql = await import("@seller-ops/functions/src/graphql");
    const job = await import("@seller-ops/functions/src/jobs/late-orders");
    const db: Db = { doc: createDocumentClient(), tables };
    const data = await seedApiDataset(db, graphql.createGraphqlHandler(), (jobDb) =>
      job.createLateOrderJobHandler({ db: jobDb }),
    );
    const handler: LambdaHttpHandler = graphql.handler;
    // The other checkout resolves its own workspace packages through its own node_modules.
    const bases: { name: string; handler: LambdaHttpHandler }[] = [];
    for (const dir of BASES) {
      const module = await import(pathToFileURL(join(dir, "packages/functions/src/graphql.ts")).href);
      bases.push({ name: dir, handler: module.handler });
    }
    const countedDoc = createDocumentClient();
    const log = instrument(countedDoc);
    const counted: LambdaHttpHandler = graphql.createGraphqlHandler({ db: { doc: countedDoc, tables } });
    const direct = createDocumentClient();
    process.stdout.write(`Node ${process.version}; ${data.summary}\n`);

    for (const op of operations(data).filter((o) => OPS.includes(o.id) || o.id === PROFILE)) {
      const event = () => graphqlEvent(op.query(50), op.key, op.variables);
      log.reset();
      await counted(event(), lambdaContext());
      const plan = replayPlan(log.requests);
      const through = (h: LambdaHttpHandler) => async () => {
        const result = await h(event(), lambdaContext());
        if (result.statusCode !== 200) throw new Error(`${op.label}: HTTP ${result.statusCode}`);
        return result.body;
      };
      const viaHandler = through(handler);
      const viaSdk = () => replay(direct, plan);
      if (op.id === PROFILE) {
        for (let i = 0; i < WARMUP; i++) await Promise.all([viaHandler(), viaSdk()]);
        printProfiles(op.label, await profiled(viaHandler, ROUNDS), await profiled(viaSdk, ROUNDS));
        continue;
      }
      const runs: { name: string; fn: () => Promise<unknown>; us: number[] }[] = [
        { name: "handler", fn: viaHandler, us: [] },
        { name: "direct", fn: viaSdk, us: [] },
      ];
      for (const base of bases) {
        const viaBase = through(base.handler);
        if ((await viaBase()) !== (await viaHandler()))
          process.stdout.write(`  ${op.label}: ${base.name} answers differently\n`);
        runs.push({ name: base.name, fn: viaBase, us: [] });
      }
      for (let i = 0; i < WARMUP + ROUNDS; i++) {
        // Each round in another order, so no variant always runs first or after the same one.
        for (let k = 0; k < runs.length; k++) {
          const run = runs[(i + k) % runs.length]!;
          const us = await cpuOf(run.fn);
          if (i >= WARMUP) run.us.push(us);
        }
      }
      const d = runs[1]!.us;
      const line = (name: string, us: number[]) => {
        const [p25, p50, p75] = [25, 50, 75].map((p) => percentile(us, p));
        const d50 = percentile(d, 50);
        return (
          `  ${name}: p50 ${p50} µs (p25–p75 ${p25}–${p75}), over direct ${p50! - d50} µs, ` +
          `ratio ${(p50! / d50).toFixed(2)}×`
        );
      };
      process.stdout.write(
        `${op.label}: CPU per request, ${ROUNDS} samples each, interleaved; direct p50 ${percentile(d, 50)} µs\n` +
          runs
            .filter((r) => r.name !== "direct")
            .map((r) => `${line(r.name, r.us)}\n`)
            .join(""),
      );
    }
    return 0;
  } finally {
    await local.stop();
  }
}

process.exitCode = onLambdaNode(fileURLToPath(import.meta.url)) ?? (await main());
