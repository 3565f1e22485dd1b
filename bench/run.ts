/**
 * `npm run bench`: the performance figures of docs' "Performance" targets, measured in one run
 * on a private, in-memory DynamoDB Local. Prints a table and writes bench/results.json.
 * Exits non-zero only when a `count` target is missed (counts do not depend on the machine);
 * times and ratios are reported, never fatal. See bench/README.md.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, ensureTables, localTableNames, tableLinkEnv, type Db } from "@seller-ops/db";
import { startDynamoLocal, type DynamoLocal } from "../packages/local/src/dynamodb-local";
import type { LambdaHttpHandler } from "./lib/api";
import { API_DATASET, checkOperation, operations, seedApiDataset } from "./lib/api-dataset";
import { mutationFigures, readCapacity, type OperationUnits } from "./lib/capacity-section";
import { coldStart, peakMemory } from "./lib/cold-start";
import { chooseMemory, costFigures, type Priced, type Timing } from "./lib/cost";
import { handlerOverhead } from "./lib/overhead";
import { jobScaling, type CreateJob } from "./lib/job-scaling";
import { memory } from "./lib/memory";
import { instrument } from "./lib/requests";
import { Results } from "./lib/results";
import { roundTrips, type Captured } from "./lib/roundtrips";
import { LAMBDA_NODE_MAJOR, LAMBDA_RUNTIME, onLambdaNode } from "./lib/runtime";

/**
 * `BENCH_SECTIONS=cold,memory` runs only the sections whose title contains one of these words
 * (case-insensitive; seeding always runs). Like a quick run, a partial run must not overwrite the
 * reported figures.
 */
const SECTIONS = (process.env.BENCH_SECTIONS ?? "")
  .split(",")
  .map((w) => w.trim().toLowerCase())
  .filter(Boolean);
const selected = (title: string) =>
  SECTIONS.length === 0 || title.startsWith("Seed") || SECTIONS.some((w) => title.toLowerCase().includes(w));

/** A quick smoke run (`BENCH_QUICK=1`) or a partial one must not overwrite the reported figures. */
const RESULTS_FILE = fileURLToPath(
  new URL(
    process.env.BENCH_QUICK === "1"
      ? "./.out/results.quick.json"
      : SECTIONS.length > 0
        ? "./.out/results.sections.json"
        : "./results.json",
    import.meta.url,
  ),
);

function machine(): string {
  let cpu = "unknown CPU";
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return (
    `${availableParallelism()} cores (nproc), ${cpu}, Node ` + `${process.version}, ${process.platform}/${process.arch}`
  );
}

const section = (title: string) => process.stdout.write(`\n== ${title}\n`);

async function main(): Promise<number> {
  const started = performance.now();
  const results = new Results();
  const failures: string[] = [];
  process.stdout.write(`seller-ops bench — ${machine()}\n`);
  results.add(
    "Node major version the bench ran on",
    "count",
    Number(process.versions.node.split(".")[0]),
    `(${process.version})`,
    { op: "=", value: LAMBDA_NODE_MAJOR, label: `= ${LAMBDA_NODE_MAJOR} (the ${LAMBDA_RUNTIME} Lambda runtime)` },
    process.version,
  );

  let local: DynamoLocal | null = null;
  const stopLocal = async () => {
    const running = local;
    local = null;
    await running?.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stopLocal().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Last resort when the process dies without reaching `finally` (an uncaught error, a closed
  // stdout pipe): a signal is synchronous, so no Java process is left behind.
  process.once("exit", () => local?.process.kill("SIGKILL"));
  process.stdout.on("error", () => undefined);

  try {
    local = await startDynamoLocal({ dataDir: null });
    const endpoint = local.endpoint;
    process.stdout.write(`DynamoDB Local (in memory) on ${endpoint}\n`);
    const admin = new DynamoDBClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const tables = localTableNames("bench");
    await ensureTables(admin, tables);

    // The handler modules read their configuration when imported: set it first.
    // Logs and EMF metric lines are muted, as in the test suite: writing them to stdout is not measured.
    const handlerEnv: Record<string, string> = {
      ...tableLinkEnv(tables),
      // As on every deployed function (stacks/wiring.ts, environmentFor); `npm run bench` sets it for
      // this process too, before graphql-js is loaded, and the cold-start children get it from here.
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      METRICS_DISABLED: "true",
      APP_MODE: "development",
      AWS_REGION: "us-east-1",
    };
    Object.assign(process.env, handlerEnv, { DYNAMODB_ENDPOINT: endpoint });
    const graphqlModule = await import("@seller-ops/functions/src/graphql");
    const jobModule = await import("@seller-ops/functions/src/jobs/late-orders");
    const createJob: CreateJob = (deps) => jobModule.createLateOrderJobHandler(deps);
    const exported: LambdaHttpHandler = graphqlModule.handler;

    const run = async (title: string, fn: () => Promise<void>) => {
      if (!selected(title)) return;
      section(title);
      const t = performance.now();
      try {
        await fn();
      } catch (error) {
        failures.push(title);
        results.note(`${title} FAILED: ${(error as Error).stack ?? error}`);
      }
      process.stdout.write(`  (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
    };

    let captured: Captured[] = [];
    let data: Awaited<ReturnType<typeof seedApiDataset>> | null = null;
    await run("Seed the API dataset", async () => {
      const db: Db = { doc: createDocumentClient(), tables };
      data = await seedApiDataset(db, graphqlModule.createGraphqlHandler(), (jobDb) =>
        jobModule.createLateOrderJobHandler({ db: jobDb }),
      );
      process.stdout.write(`  ${data.summary}\n  schema: ${JSON.stringify(data.features)}\n`);
      const { caseRisk, orderRisk } = data.features;
      if (!caseRisk || !orderRisk) {
        results.note(
          `the schema has no ${[!caseRisk && "Case.risk", !orderRisk && "Order.risk"].filter(Boolean).join(" / ")} ` +
            `yet: the cases page is measured without it`,
        );
      }
      if (data.depositNote) results.note(data.depositNote);
    });
    const dataset = data as Awaited<ReturnType<typeof seedApiDataset>> | null;
    const ops = dataset ? operations(dataset) : [];

    if (dataset) {
      await run("Round trips: DynamoDB requests per GraphQL operation", async () => {
        const countedDoc = createDocumentClient();
        const log = instrument(countedDoc);
        const counted = graphqlModule.createGraphqlHandler({ db: { doc: countedDoc, tables } });
        for (const op of ops) await checkOperation(counted, op, 50);
        captured = await roundTrips(counted, log, ops, results, tables);
      });
      let readUnits: OperationUnits[] = [];
      let mutations: Awaited<ReturnType<typeof import("./lib/mutation-capacity").mutationCapacity>> = [];
      await run("Capacity units: example operations (page of 50) against their floor", async () => {
        readUnits = await readCapacity((db) => graphqlModule.createGraphqlHandler({ db }), tables, ops, results);
      });
      await run("Capacity units: every mutation with an idempotencyKey against its floor", async () => {
        const { mutationCapacity } = await import("./lib/mutation-capacity");
        mutations = await mutationCapacity();
        mutationFigures(mutations, results);
      });
      let timings = new Map<string, { handlerP50: number; directP50: number }>();
      if (captured.length > 0) {
        await run("Handler overhead: exported Lambda handler vs the same requests sent directly", async () => {
          timings = await handlerOverhead(exported, createDocumentClient(), captured, results);
        });
      }
      await run("Memory: 1,000 requests through one handler instance", () =>
        memory(graphqlModule.createGraphqlHandler(), ops, results),
      );
      let initMs = Number.NaN;
      await run("Cold start: esbuild bundles as SST builds them", async () => {
        initMs = await coldStart(results, handlerEnv, { endpoint, key: dataset.keys.seller, query: ops[0]!.query(50) });
      });
      // Imported here: the wiring names the handler modules, which read their configuration when imported.
      const wiring = await import("../stacks/wiring");
      const configuredMb = Number.parseInt(wiring.functions.graphql.memory, 10);
      await run("Memory setting: peak RSS at first: 100 and Lambda's CPU share", async () => {
        const first100 = ops.map((op) => ({ ...op, query: op.query(100) }));
        const peak = await peakMemory(results, handlerEnv, endpoint, first100);
        const heaviest = [...timings.values()].sort((a, b) => b.handlerP50 - a.handlerP50)[0];
        if (!heaviest || !Number.isFinite(initMs)) throw new Error("needs the overhead and cold-start sections");
        chooseMemory(
          peak,
          initMs,
          { handlerMs: heaviest.handlerP50, directMs: heaviest.directP50 },
          configuredMb,
          results,
        );
      });
      await run(
        `Money: US dollars per million requests at ${configuredMb} MB (prices in bench/README.md)`,
        async () => {
          const priced: Priced[] = [];
          for (const r of readUnits) {
            const t = timings.get(r.id);
            if (t) priced.push({ ...r, units: r.measured, timing: { handlerMs: t.handlerP50, directMs: t.directP50 } });
          }
          for (const m of mutations)
            priced.push({ id: m.name, label: m.name, units: m.measured, timing: m.timing as Timing });
          const lines = costFigures(priced, configuredMb, results);
          process.stdout.write(
            "  | operation | read units | billed ms | DynamoDB | Lambda | HTTP API | total |\n" +
              "  |---|---|---|---|---|---|---|\n" +
              lines.map((l) => `  ${l}`).join("\n") +
              "\n",
          );
        },
      );
    }
    await run("Late-order job scaling: 10,000 and 100,000 orders", () =>
      jobScaling(admin, endpoint, createJob, results),
    );
    admin.destroy();
  } catch (error) {
    failures.push("setup");
    results.note(`setup FAILED: ${(error as Error).stack ?? error}`);
  } finally {
    await stopLocal();
  }

  const wall = (performance.now() - started) / 1000;
  results.add("bench total wall time", "time", Math.round(wall), "s");
  section("Results");
  process.stdout.write(
    `API dataset: ${API_DATASET.backgroundOrders + API_DATASET.lateOrders + API_DATASET.atRiskOrders} orders, ` +
      `${API_DATASET.lateOrders + 1} cases; machine: ${machine()}\n\n`,
  );
  process.stdout.write(`${results.table()}\n`);
  results.write(RESULTS_FILE);
  process.stdout.write(`\nwrote ${RESULTS_FILE}; total ${wall.toFixed(0)} s\n`);
  if (results.notes.length)
    process.stdout.write(`notes:\n${results.notes.map((n) => `  - ${n.split("\n")[0]}`).join("\n")}\n`);

  const missed = results.missedCounts();
  if (missed.length > 0)
    process.stdout.write(
      `\nmissed count targets:\n${missed.map((f) => `  - ${f.figure}: ${f.value} (target ${f.target})`).join("\n")}\n`,
    );
  if (failures.length > 0) process.stdout.write(`\nsections that failed: ${failures.join("; ")}\n`);
  return missed.length > 0 || failures.length > 0 ? 1 : 0;
}

process.exitCode = onLambdaNode(fileURLToPath(import.meta.url)) ?? (await main());
