import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { deployedBuildOptions, handlerEntry, type NodejsBuildProperties } from "../../tools/deployed-bundle";
import { functions, type Runtime } from "../../stacks/wiring";
import type { Results } from "./results";
import { median, percentile, round, spread } from "./stats";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = join(ROOT, "bench", ".out");
const PROBE = fileURLToPath(new URL("./init-probe.mjs", import.meta.url));
/** quality.md: the GraphQL handler's bundle ≤ 1.15× the floor's bytes, its module init ≤ 1.25× the floor's. */
export const BYTES_TARGET = 1.15;
export const INIT_TARGET = 1.25;

export const INIT_SAMPLES = process.env.BENCH_QUICK === "1" ? 3 : 25;
const FIRST_ANSWER_SAMPLES = process.env.BENCH_QUICK === "1" ? 3 : 15;

interface Bundle {
  name: string;
  entry: string;
  file: string;
  bytes: number;
  metafile: Metafile;
}

/**
 * What is bundled, each as `sst deploy` builds it (`tools/deployed-bundle.ts`): the floor, a hello-world with
 * the GraphQL function's own build options, so that the two differ only by the API; the two functions with
 * their own options; and, for context, the same hello-world with nothing left out, the floor of the rounds
 * before the functions' bundles left out what they never load.
 */
export const BUNDLES = {
  floor: { entry: "bench/fixtures/hello-handler.ts", ...functions.graphql },
  graphql: { entry: handlerEntry(functions.graphql.handler), ...functions.graphql },
  lateOrders: { entry: handlerEntry(functions.lateOrders.handler), ...functions.lateOrders },
  fullFloor: { entry: "bench/fixtures/hello-handler.ts", runtime: functions.graphql.runtime, nodejs: { minify: true } },
} as const;

async function bundle(
  name: string,
  { entry, runtime, nodejs }: { entry: string; runtime: Runtime; nodejs: NodejsBuildProperties },
): Promise<Bundle> {
  const file = join(OUT, `${name}.mjs`);
  const options = deployedBuildOptions(ROOT, join(ROOT, entry), runtime, nodejs);
  const result = await build({ ...options, outfile: file });
  writeFileSync(join(OUT, `${name}.meta.json`), JSON.stringify(result.metafile));
  return { name, entry, file, bytes: statSync(file).size, metafile: result.metafile };
}

/**
 * `node_modules/@aws-sdk/client-dynamodb/dist-es/x.js` → `@aws-sdk/client-dynamodb`; `packages/api/src/…` →
 * `@seller-ops/api`.
 */
function packageOf(path: string): string {
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ws = /^packages\/([^/]+)\//.exec(path);
  if (ws) return `@seller-ops/${ws[1]}`;
  return path;
}

function inputs(b: Bundle): { path: string; bytes: number }[] {
  // The metafile lists the source map as an output too (with no inputs): read the bundle's own entry.
  const output = Object.entries(b.metafile.outputs).find(([path]) => path.endsWith(".mjs"))?.[1];
  if (!output || Object.keys(output.inputs).length === 0)
    throw new Error(`${b.name}: the metafile names no inputs of ${b.file}; the byte lists would print nothing`);
  return Object.entries(output.inputs)
    .map(([path, i]) => ({ path, bytes: i.bytesInOutput }))
    .sort((x, y) => y.bytes - x.bytes);
}

function byPackage(b: Bundle): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of inputs(b)) m.set(packageOf(i.path), (m.get(packageOf(i.path)) ?? 0) + i.bytes);
  return m;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function probe(
  file: string,
  env: Record<string, string>,
): {
  importMs: number;
  sinceStartMs: number;
  importCpuMs: number;
  firstRequestMs?: number;
  firstRequestCpuMs?: number;
  smoke?: { status: number; body: string };
  memory?: { rssAfterImport: number; peakRss: number; responseBytes: number };
} {
  const child = spawnSync(process.execPath, [PROBE, file], { env, encoding: "utf8", timeout: 60_000 });
  if (child.status !== 0)
    throw new Error(`init probe of ${file} failed (${child.status}): ${child.stderr.slice(0, 1000)}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!);
}

/**
 * `probe` with one GraphQL request sent through the bundle to the bench's DynamoDB Local (`repeat`
 * times); fails unless it answered without errors, since an error answer would measure as a fast one.
 */
function probeAnswering(
  file: string,
  env: Record<string, string>,
  request: { endpoint: string; key: string; query: string; variables?: Record<string, unknown>; repeat?: number },
  what: string,
): Required<ReturnType<typeof probe>> {
  const r = probe(file, {
    ...env,
    DYNAMODB_ENDPOINT: request.endpoint,
    BENCH_SMOKE_KEY: request.key,
    BENCH_SMOKE_QUERY: request.query,
    ...(request.variables ? { BENCH_SMOKE_VARIABLES: JSON.stringify(request.variables) } : {}),
    ...(request.repeat ? { BENCH_SMOKE_REPEAT: String(request.repeat) } : {}),
  });
  if (r.smoke?.status !== 200 || r.smoke.body.includes('"errors"') || r.firstRequestCpuMs === undefined)
    throw new Error(`${what} did not answer: ${JSON.stringify(r.smoke)}`);
  return r as Required<typeof r>;
}

/**
 * Bundles the two handlers and the floor as deployed (the floor with the GraphQL function's options),
 * compares bytes, then imports each bundle in fresh `node` processes, interleaved, and compares the
 * median module-init time.
 */
export async function coldStart(
  results: Results,
  env: Record<string, string>,
  smoke: { endpoint: string; key: string; query: string },
): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  const floor = await bundle("floor", BUNDLES.floor);
  const graphql = await bundle("graphql", BUNDLES.graphql);
  const job = await bundle("late-orders", BUNDLES.lateOrders);
  const fullFloor = await bundle("floor-full", BUNDLES.fullFloor);

  // The GraphQL bundle must work, not only load: one request through it against the bench tables.
  const smokeRun = probeAnswering(graphql.file, env, smoke, "the bundled GraphQL handler");
  process.stdout.write(`  the bundled GraphQL handler answers the cases page: HTTP ${smokeRun.smoke.status}\n`);
  // The floor too: left out what it never loads, it must still start and answer, or it is no floor.
  const floorRun = probeAnswering(floor.file, env, { ...smoke, query: "{ hello }" }, "the bundled floor");
  process.stdout.write(`  the bundled floor answers { hello }: HTTP ${floorRun.smoke.status}\n`);

  results.add("bundle bytes: floor (hello-world Apollo on Lambda + document client)", "bytes", floor.bytes, "bytes");
  for (const b of [graphql, job]) {
    const label = b === graphql ? "GraphQL handler" : "late-order job handler";
    results.add(`bundle bytes: ${label}`, "bytes", b.bytes, "bytes");
    results.add(`bundle bytes ratio: ${label}/floor`, "ratio", round(b.bytes / floor.bytes), "×", {
      op: "<=",
      value: BYTES_TARGET,
    });
  }

  // For context, no target: against the floor of earlier rounds, which shipped what no function loads.
  results.add("bundle bytes: floor with nothing left out (earlier rounds' floor)", "bytes", fullFloor.bytes, "bytes");
  results.add(
    "bundle bytes ratio: GraphQL handler/floor with nothing left out",
    "ratio",
    round(graphql.bytes / fullFloor.bytes),
    "×",
  );

  const floorPackages = byPackage(floor);
  for (const b of [graphql, job]) {
    process.stdout.write(`  ${b.name} bundle, top 10 inputs by bytes in output:\n`);
    for (const i of inputs(b).slice(0, 10)) process.stdout.write(`    ${kb(i.bytes).padStart(10)}  ${i.path}\n`);
    const over = [...byPackage(b)]
      .map(([pkg, bytes]) => ({ pkg, bytes, extra: bytes - (floorPackages.get(pkg) ?? 0) }))
      .filter((p) => p.extra > 0)
      .sort((x, y) => y.extra - x.extra)
      .slice(0, 10);
    process.stdout.write(`  ${b.name} bundle, packages adding the most bytes over the floor:\n`);
    for (const p of over)
      process.stdout.write(
        `    +${kb(p.extra).padStart(10)}  ${p.pkg}${floorPackages.has(p.pkg) ? "" : " (not in the floor)"}\n`,
      );
  }

  const samples = new Map<string, { importMs: number[]; sinceStartMs: number[]; importCpuMs: number[] }>(
    [floor, graphql, job, fullFloor].map((b) => [b.name, { importMs: [], sinceStartMs: [], importCpuMs: [] }]),
  );
  const order = [floor, graphql, job, fullFloor];
  for (let i = 0; i < INIT_SAMPLES; i++) {
    for (let k = 0; k < order.length; k++) {
      const b = order[(i + k) % order.length]!;
      const r = probe(b.file, env);
      samples.get(b.name)!.importMs.push(r.importMs);
      samples.get(b.name)!.sinceStartMs.push(r.sinceStartMs);
      samples.get(b.name)!.importCpuMs.push(r.importCpuMs);
    }
  }
  const m = (name: string, key: "importMs" | "sinceStartMs" | "importCpuMs") => median(samples.get(name)![key]);
  results.add(`module init (import), median of ${INIT_SAMPLES}: floor`, "time", round(m("floor", "importMs")), "ms");
  for (const b of [graphql, job]) {
    const label = b === graphql ? "GraphQL handler" : "late-order job handler";
    results.add(
      `module init (import), median of ${INIT_SAMPLES}: ${label}`,
      "time",
      round(m(b.name, "importMs")),
      "ms",
    );
    results.add(
      `module init ratio: ${label}/floor`,
      "ratio",
      round(m(b.name, "importMs") / m("floor", "importMs")),
      "×",
      { op: "<=", value: INIT_TARGET },
      `${INIT_SAMPLES} interleaved rounds; spread of the per-round ratios ` +
        spread(samples.get(b.name)!.importMs, samples.get("floor")!.importMs),
    );
  }
  // For context: the same imports' CPU time. On a loaded machine the wall time also counts waiting for a
  // core, which pulls both sides' medians together; CPU time moves far less from run to run.
  results.add(`module init CPU time, median: floor`, "time", round(m("floor", "importCpuMs")), "ms");
  for (const b of [graphql, job]) {
    const label = b === graphql ? "GraphQL handler" : "late-order job handler";
    results.add(`module init CPU time, median: ${label}`, "time", round(m(b.name, "importCpuMs")), "ms");
    results.add(
      `module init CPU time ratio: ${label}/floor`,
      "ratio",
      round(m(b.name, "importCpuMs") / m("floor", "importCpuMs")),
      "×",
      undefined,
      spread(samples.get(b.name)!.importCpuMs, samples.get("floor")!.importCpuMs),
    );
  }
  results.add(
    `module init CPU time, median: floor with nothing left out (earlier rounds' floor)`,
    "time",
    round(m(fullFloor.name, "importCpuMs")),
    "ms",
  );
  results.add(
    `module init CPU time ratio: GraphQL handler/floor with nothing left out`,
    "ratio",
    round(m(graphql.name, "importCpuMs") / m(fullFloor.name, "importCpuMs")),
    "×",
    undefined,
    spread(samples.get(graphql.name)!.importCpuMs, samples.get(fullFloor.name)!.importCpuMs),
  );
  // What a cold start costs the first caller: the import and then the first request (here the cases page,
  // against the bench tables). Work deferred from the import to first use (zod schemas built when a request
  // first needs them) shows up here, so it is not only moved out of the figure above. No target: the floor
  // cannot answer this request.
  const coldAnswers: number[] = [];
  const coldAnswersCpu: number[] = [];
  for (let i = 0; i < FIRST_ANSWER_SAMPLES; i++) {
    const r = probeAnswering(graphql.file, env, smoke, "module init + first request: the cases page");
    coldAnswers.push(r.importMs + r.firstRequestMs);
    coldAnswersCpu.push(r.importCpuMs + r.firstRequestCpuMs);
  }
  results.add(
    `module init + first request (cases page), median of ${FIRST_ANSWER_SAMPLES}: GraphQL handler`,
    "time",
    round(median(coldAnswers)),
    "ms",
    undefined,
    `spread p25–p75 ${round(percentile(coldAnswers, 25), 1)}–${round(percentile(coldAnswers, 75), 1)} ms`,
  );
  // The same in CPU time of the handler's process (DynamoDB Local's own work is not in it): steadier on a
  // shared machine.
  results.add(
    `module init + first request (cases page), CPU time, median: GraphQL handler`,
    "time",
    round(median(coldAnswersCpu)),
    "ms",
    undefined,
    `spread p25–p75 ${round(percentile(coldAnswersCpu, 25), 1)}–${round(percentile(coldAnswersCpu, 75), 1)} ms`,
  );
  const graphqlInitMs = m(graphql.name, "importMs");
  results.add(`process start → import done, median: floor`, "time", round(m("floor", "sinceStartMs")), "ms");
  for (const b of [graphql, job]) {
    const label = b === graphql ? "GraphQL handler" : "late-order job handler";
    results.add(`process start → import done, median: ${label}`, "time", round(m(b.name, "sinceStartMs")), "ms");
    results.add(
      `process start → import done ratio: ${label}/floor`,
      "ratio",
      round(m(b.name, "sinceStartMs") / m("floor", "sinceStartMs")),
      "×",
      { op: "<=", value: INIT_TARGET },
      spread(samples.get(b.name)!.sinceStartMs, samples.get("floor")!.sinceStartMs),
    );
  }
  return graphqlInitMs;
}

/**
 * Peak resident memory of the bundled GraphQL handler (built by `coldStart`) on each operation at
 * `first: 100`, each in a fresh process that imports the bundle and sends the request 20 times:
 * the process's maxRSS, which is what Lambda reports as "Max Memory Used".
 */
export async function peakMemory(
  results: Results,
  env: Record<string, string>,
  endpoint: string,
  ops: { label: string; key: string; query: string; variables?: Record<string, unknown> }[],
): Promise<number> {
  const file = join(OUT, "graphql.mjs");
  let peak = 0;
  let afterImport = 0;
  for (const op of ops) {
    const request = { endpoint, key: op.key, query: op.query, variables: op.variables ?? {}, repeat: 20 };
    const r = probeAnswering(file, env, request, `peak memory: ${op.label} at first: 100`);
    const m = r.memory;
    afterImport = Math.max(afterImport, m.rssAfterImport);
    process.stdout.write(
      `  ${op.label} at first: 100: peak RSS ${mib(m.peakRss)} (${mib(m.rssAfterImport)} after import; ` +
        `answer ${kb(m.responseBytes)})\n`,
    );
    results.add(`peak RSS, bundled handler, first: 100: ${op.label}`, "bytes", m.peakRss, "bytes");
    peak = Math.max(peak, m.peakRss);
  }
  results.add("peak RSS after import only (bundled GraphQL handler)", "bytes", afterImport, "bytes");
  return peak;
}

const mib = (n: number) => `${(n / 1_048_576).toFixed(1)} MiB`;
