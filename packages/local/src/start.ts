import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, ensureTables, localTableNames, type Db } from "@seller-ops/db";
import { checkJava, startDynamoLocal, type DynamoLocal } from "./dynamodb-local";
import { createExplorer } from "./explorer";
import { GRAPHQL_PATH, startHttpAdapter, type HttpAdapter, type HttpApiHandler } from "./http-adapter";
import { JOB_USAGE } from "./jobs";
import { localStageEnv } from "./local-stage";
import { UsageError } from "./process";
import { claimRuntime, publishRuntime, releaseRuntime, type RuntimeInfo } from "./runtime";
import { startSchedule, type LocalSchedule } from "./scheduler";
import { DEMO_KEYS, seedDemoData } from "./seed";
import { DEMO_MARKETPLACE_KEY, DEMO_OPERATOR_KEY, DEMO_PARTNER_KEY } from "./seed-deposits";
import { DEMO_WEBHOOK_SECRET, startLocalWebhooks, type LocalWebhooks } from "./webhooks-local";

/**
 * `npm start`: DynamoDB Local (or DYNAMODB_ENDPOINT), tables, demo data, and the real GraphQL
 * Lambda handler behind a local HTTP API at http://localhost:4000/graphql. Ctrl-C stops
 * everything it started, the Java process included.
 *
 *   npm start                    data kept in .local/dynamodb
 *   npm start -- --in-memory     throwaway data
 *   npm start -- --port 4001     another port (or PORT=4001)
 *
 * The late-order job runs on its schedule too: at start, then every LATE_ORDER_JOB_INTERVAL_SECONDS
 * (30 s by default; 15 minutes when deployed).
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const LOCAL_DIR = join(ROOT, ".local");
const TABLE_PREFIX = "local";

/** The demo key in each explorer tab's headers, by the user the example is written for. */
const EXPLORER_KEYS = {
  seller: DEMO_KEYS["seller-shenzhen-gadgets"],
  partner: DEMO_PARTNER_KEY,
  marketplace: DEMO_MARKETPLACE_KEY,
  operator: DEMO_OPERATOR_KEY,
};

const say = (line = "") => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

function parseOptions(argv: string[]): { inMemory: boolean; port: number } {
  const { values } = parseArgs({
    args: argv,
    options: { "in-memory": { type: "boolean", default: false }, port: { type: "string" } },
    strict: true,
  });
  const raw = values.port ?? process.env.PORT ?? "4000";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got "${raw}".`);
  return { inMemory: values["in-memory"] ?? false, port };
}

/**
 * If this process is killed outright (SIGKILL, a crashed terminal) no handler runs; a tiny
 * detached shell watches our pid and stops the Java process when we are gone.
 */
function watchdog(parentPid: number, childPid: number): ChildProcess {
  const script =
    `while kill -0 ${parentPid} 2>/dev/null; do sleep 1; done; kill ${childPid} 2>/dev/null; sleep 3; kill -9 ` +
    `${childPid} 2>/dev/null; exit 0`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

/** What to show when the start fails: a problem the person can fix by its message alone, anything else in full. */
function whyNotStarted(error: unknown): string {
  return error instanceof UsageError ? error.message : `Could not start: ${(error as Error).stack ?? String(error)}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  let options: { inMemory: boolean; port: number };
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    fail(`${(error as Error).message}\nUsage: npm start [-- --in-memory] [-- --port N]`);
    process.exit(2);
  }

  // Another `npm start` with the same data folder would fight over DynamoDB Local's files: the runtime file is the
  // lock, taken before anything starts (runtime.ts).
  let running: ReturnType<typeof claimRuntime>;
  try {
    running = claimRuntime();
  } catch (error) {
    fail(whyNotStarted(error));
    process.exit(1);
  }
  if (running) {
    fail(
      running.graphqlUrl
        ? `The local API is already running (pid ${running.pid}) at ${running.graphqlUrl}: stop it first.`
        : `The local API is already starting (pid ${running.pid}): stop it first, or use that one once it is ready.`,
    );
    process.exit(1);
  }

  let dynamo: DynamoLocal | null = null;
  let dynamoStarting: Promise<DynamoLocal> | null = null;
  let guard: ChildProcess | null = null;
  let adapter: HttpAdapter | null = null;
  const schedules: LocalSchedule[] = [];
  let webhooks: LocalWebhooks | null = null;
  let stopping = false;

  const cleanupSync = () => {
    // Last resort on any exit path: never leave the Java process behind.
    if (dynamo && dynamo.process.exitCode === null && dynamo.process.signalCode === null)
      dynamo.process.kill("SIGKILL");
    if (guard?.pid && guard.exitCode === null) {
      try {
        process.kill(-guard.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    releaseRuntime();
  };
  process.on("exit", cleanupSync);

  const shutdown = async (code: number, reason?: string) => {
    if (stopping) return;
    stopping = true;
    if (reason) say(`\n${reason}: stopping…`);
    const force = setTimeout(() => process.exit(code), 8000);
    force.unref();
    try {
      await Promise.all(schedules.map((s) => s.stop()));
      await webhooks?.stop();
      await adapter?.close();
    } catch {
      // closing anyway
    }
    // Stopped while DynamoDB Local was still starting: wait for it, then stop it too.
    const local = dynamo ?? (await dynamoStarting?.catch(() => null)) ?? null;
    await local?.stop();
    releaseRuntime();
    if (reason) say("Stopped.");
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    // A second Ctrl-C does not wait: the exit handler kills what is left.
    process.on(signal, () => (stopping ? process.exit(1) : void shutdown(0, signal)));
  }

  try {
    // 1-2. DynamoDB: an endpoint given by the caller, or DynamoDB Local (needs Java).
    let endpoint = process.env.DYNAMODB_ENDPOINT;
    if (endpoint) {
      say(`DynamoDB: using DYNAMODB_ENDPOINT ${endpoint}`);
    } else {
      const java = checkJava();
      if (!java.ok) {
        fail(java.message);
        process.exit(1);
      }
      const dataDir = options.inMemory ? null : join(LOCAL_DIR, "dynamodb");
      say(
        `DynamoDB Local: starting (Java ${java.version}, ` +
          `${dataDir ? `data in ${join(".local", "dynamodb")}` : "in memory"})…`,
      );
      dynamoStarting = startDynamoLocal({ dataDir });
      dynamo = await dynamoStarting;
      if (stopping) return;
      guard = watchdog(process.pid, dynamo.process.pid!);
      endpoint = dynamo.endpoint;
      say(`DynamoDB Local: ${endpoint}`);
    }

    // 3. Configuration for the handler, tables, demo data.
    const tables = localTableNames(TABLE_PREFIX);
    Object.assign(process.env, localStageEnv({ endpoint, tablePrefix: TABLE_PREFIX }));
    const client = new DynamoDBClient({
      endpoint,
      region: process.env.AWS_REGION ?? "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const created = await ensureTables(client, tables);
    client.destroy();
    say(
      created.length > 0
        ? `Tables: created ${created.join(", ")}`
        : `Tables: ${Object.values(tables).join(", ")} (existing)`,
    );
    const db: Db = { doc: createDocumentClient({ endpoint }), tables };
    const seed = await seedDemoData(db, new Date());
    say(
      seed.alreadySeeded
        ? "Demo data: already there, left as it is."
        : `Demo data: ${seed.sellers.length} sellers, ${seed.ordersCreated} orders (${seed.ordersShipped} shipped), ` +
            `${seed.casesOpened} disputes, ${seed.depositsRecorded} deposits.`,
    );
    if (stopping) return;

    // 5. The real Lambda handler, imported only now that its configuration is in the environment.
    const { handler } = (await import("@seller-ops/functions/src/graphql")) as { handler: HttpApiHandler };
    try {
      // The API explorer (GraphiQL, offline) for a browser opening the URL; the handler never serves a page.
      const explorer = createExplorer({ graphqlPath: GRAPHQL_PATH, keys: EXPLORER_KEYS });
      adapter = await startHttpAdapter({ handler, port: options.port, host: "127.0.0.1", explorer });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw new UsageError(
          `Port ${options.port} is already in use: stop what uses it or run \`npm start -- --port N\`.`,
        );
      }
      throw error;
    }

    // The late-order job on its (local) schedule, through its real Lambda handler.
    const intervalSeconds = Number(process.env.LATE_ORDER_JOB_INTERVAL_SECONDS ?? 30);
    const job = (await import("@seller-ops/functions/src/jobs/late-orders")) as {
      handler: (
        event: unknown,
        context: unknown,
      ) => Promise<{ examined: number; newlyAtRisk: number; newlyLate: number; casesOpened: number; failures: number }>;
    };
    const deadlines = (await import("@seller-ops/functions/src/jobs/case-deadlines")) as {
      handler: (
        event: unknown,
        context: unknown,
      ) => Promise<{ examined: number; offersExpired: number; responsesOverdue: number }>;
    };
    schedules.push(
      startSchedule({
        name: "CaseDeadlines",
        intervalMs: intervalSeconds * 1000,
        run: (event, context) => deadlines.handler(event, context),
        onResult: (r) => {
          if (r.offersExpired + r.responsesOverdue > 0) {
            say(
              `case-deadline job: examined ${r.examined}, offers expired ${r.offersExpired}, answers overdue ` +
                `${r.responsesOverdue}`,
            );
          }
        },
        onError: (error) => fail(`case-deadline job failed: ${error.message}`),
      }),
    );
    schedules.push(
      startSchedule({
        name: "LateOrders",
        intervalMs: intervalSeconds * 1000,
        run: (event, context) => job.handler(event, context),
        onResult: (r) => {
          if (r.examined > 0) {
            say(
              `late-order job: examined ${r.examined}, newly at risk ${r.newlyAtRisk}, newly late ${r.newlyLate}, ` +
                `late-shipment cases opened ${r.casesOpened}`,
            );
          }
        },
        onError: (error) => fail(`late-order job failed: ${error.message}`),
      }),
    );

    // Webhooks: the dispatcher on the Events stream, the retry job, a receiver for the demo endpoint.
    const { configFromEnv } = await import("@seller-ops/api");
    webhooks = await startLocalWebhooks({ endpoint, db, keyring: configFromEnv().webhooks.keyring, say, fail });

    // 4. Tell other commands where things are.
    const runtime: RuntimeInfo = { endpoint, tablePrefix: TABLE_PREFIX, graphqlUrl: adapter.url, pid: process.pid };
    publishRuntime(runtime);

    // 6. Ready.
    const firstKey = Object.values(DEMO_KEYS)[0];
    const query = `{"query":"{ orders(first: 5) { edges { node { id marketplaceOrderId shipBy late } } } }"}`;
    say();
    say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: GraphQL at ${adapter.url}`);
    say(`API explorer: open ${adapter.url} in a browser (example operations preloaded, demo keys in the headers).`);
    say();
    say("Demo API keys (local only, send as `authorization: Bearer <key>`):");
    for (const s of seed.sellers) say(`  ${s.apiKey.padEnd(36)} seller ${s.id} (${s.name})`);
    say(`  ${seed.partnerKey.padEnd(36)} partner tool (seller side), read-write, both sellers (pass sellerId)`);
    say(
      `  ${seed.marketplaceKey.padEnd(36)} marketplace (buyer and platform side), all sellers: buyer cases, offers, ` +
        `escalations`,
    );
    say(`  ${seed.operatorKey.padEnd(36)} operator: every seller, violations, refund decisions`);
    say();
    say("Try:");
    say(
      `  curl -s ${adapter.url} -H 'content-type: application/json' -H 'authorization: Bearer ${firstKey}' -d ` +
        `'${query}'`,
    );
    say("  (only the late ones: replace `orders(first: 5)` with `orders(filter: { late: true })`)");
    say();
    say(`The late-order and case-deadline jobs run every ${intervalSeconds} s; run one by hand with \`${JOB_USAGE}\`.`);
    say(
      `Webhooks: the demo seller's events are delivered to a test receiver at ${webhooks.receiverUrl} (signing ` +
        `secret ${DEMO_WEBHOOK_SECRET}); each delivery is printed below. docs/webhooks.md has more.`,
    );
    say("Ctrl-C stops the API, the jobs, the webhook dispatcher and DynamoDB Local.");
  } catch (error) {
    fail(whyNotStarted(error));
    await shutdown(1);
  }
}

await main();
