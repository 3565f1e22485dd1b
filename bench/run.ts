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
import { coldStart } from "./lib/cold-start";
import { handlerOverhead } from "./lib/overhead";
import { jobScaling, type CreateJob } from "./lib/job-scaling";
import { memory } from "./lib/memory";
import { instrument } from "./lib/requests";
import { Results } from "./lib/results";
import { roundTrips, type Captured } from "./lib/roundtrips";

/** A quick smoke run (`BENCH_QUICK=1`) must not overwrite the reported figures. */
const RESULTS_FILE = fileURLToPath(
  new URL(process.env.BENCH_QUICK === "1" ? "./.out/results.quick.json" : "./results.json", import.meta.url),
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
      if (captured.length > 0) {
        await run("Handler overhead: exported Lambda handler vs the same requests sent directly", () =>
          handlerOverhead(exported, createDocumentClient(), captured, results),
        );
      }
      await run("Memory: 1,000 requests through one handler instance", () =>
        memory(graphqlModule.createGraphqlHandler(), ops, results),
      );
      await run("Cold start: esbuild bundles as SST builds them", () =>
        coldStart(results, handlerEnv, { endpoint, key: dataset.keys.seller, query: ops[0]!.query(50) }),
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

process.exitCode = await main();
