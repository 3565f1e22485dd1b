import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, ensureTables, localTableNames, OrdersRepo, type Db } from "@seller-ops/db";
import { Time } from "@seller-ops/core";
import { scheduledEvent } from "./events";
import { instrument, type RequestLog } from "./requests";
import type { Results } from "./results";
import { benchSeller, bulkLoadOrders, LOAD_CONCURRENCY, decideOrder, iso, jobOrders, putSeller } from "./seed";
import { median, round, timed } from "./stats";

/** `BENCH_QUICK=1` shrinks every size for a smoke run of the bench itself; its figures are not the reported ones. */
export const QUICK = process.env.BENCH_QUICK === "1";
export const JOB_SIZES: readonly [number, number] = QUICK ? [1_000, 10_000] : [10_000, 100_000];
/** The job's page size (orders per Query) and shard count, for the request bound `shards + pages + writes`. */
const JOB_PAGE_SIZE = 100;
const SHARDS = OrdersRepo.defaultOrderStorageRules.checkShards;
const IDLE_RUNS = 9;
/** Orders made due after the first run, the same number at every size. */
const NEWLY_DUE = { late: 100, atRisk: 200 };

export interface JobReport {
  examined: number;
  newlyAtRisk: number;
  newlyLate: number;
  casesOpened: number;
  failures: number;
}

export type CreateJob = (deps: {
  db: Db;
  clock: () => Date;
}) => (event: unknown, context: { awsRequestId: string; getRemainingTimeInMillis: () => number }) => Promise<JobReport>;

interface Pass {
  report: JobReport;
  ms: number;
  log: { total: number; queries: number; scans: number; transactions: number; gets: number };
}

const context = () => ({ awsRequestId: `bench-${Date.now()}`, getRemainingTimeInMillis: () => 900_000 });

async function pass(job: ReturnType<CreateJob>, log: RequestLog): Promise<Pass> {
  log.reset();
  const { ms, value: report } = await timed(() => job(scheduledEvent(), context()));
  return {
    report,
    ms,
    log: {
      total: log.count(),
      queries: log.count("QueryCommand"),
      scans: log.count("ScanCommand"),
      transactions: log.count("TransactWriteItemsCommand"),
      gets: log.count("GetItemCommand") + log.count("BatchGetItemCommand"),
    },
  };
}

/**
 * One unreported run on 3,000 orders first (90 due), so the first measured size does not also pay for
 * the JIT compiling the job's path (in node and in DynamoDB Local's JVM).
 */
async function warmUp(admin: DynamoDBClient, endpoint: string, createJob: CreateJob, t0: number): Promise<void> {
  const tables = localTableNames("bench-job-warmup");
  await ensureTables(admin, tables);
  const db: Db = { doc: createDocumentClient({ endpoint }), tables };
  const sellerId = "sel_bench_job_warmup";
  await putSeller(db, benchSeller(sellerId, iso(t0 - 400 * 24 * Time.HOUR_MS)));
  await bulkLoadOrders(db, jobOrders(sellerId, 3_000, t0, "warmup").orders);
  let now = t0;
  const job = createJob({ db, clock: () => new Date(now) });
  await job(scheduledEvent(), context());
  now = t0 + Time.HOUR_MS;
  for (let i = 0; i < 3; i++) await job(scheduledEvent(), context());
  db.doc.destroy();
}

/**
 * The late-order job on its own tables with `size` orders (1% late, 2% at risk), through its
 * handler with an instrumented client: a first run (flags every due order), then runs an hour
 * later with the backlog present and nothing due; then 300 newly due orders added and one more
 * run, at every size.
 */
export async function jobScaling(
  admin: DynamoDBClient,
  endpoint: string,
  createJob: CreateJob,
  results: Results,
): Promise<void> {
  const t0 = Date.parse("2026-11-26T12:00:00.000Z");
  const t1 = t0 + Time.HOUR_MS;
  const firstRuns = new Map<number, Pass & { due: number }>();
  const idle = new Map<number, number>();
  const newlyDue = new Map<number, Pass>();

  await warmUp(admin, endpoint, createJob, t0);
  for (const size of JOB_SIZES) {
    const label = `${size / 1000}k`;
    const tables = localTableNames(`bench-job-${label}`);
    await ensureTables(admin, tables);
    const doc = createDocumentClient({ endpoint });
    const log = instrument(doc);
    const db: Db = { doc, tables };
    const loader: Db = { doc: createDocumentClient({ endpoint }), tables };
    const sellerId = `sel_bench_job_${label}`;
    await putSeller(loader, benchSeller(sellerId, iso(t0 - 400 * 24 * Time.HOUR_MS)));

    const built = await timed(async () => jobOrders(sellerId, size, t0, label));
    const { orders, dataset } = built.value;
    const load = await timed(() => bulkLoadOrders(loader, orders));
    process.stdout.write(
      `  ${size.toLocaleString("en-US")} orders decided in ${Math.round(built.ms)} ms, bulk-loaded in ` +
        `${Math.round(load.ms)} ms (${Math.round(size / (load.ms / 1000))} orders/s)\n`,
    );
    results.add(
      `bulk load of ${size.toLocaleString("en-US")} orders (BatchWrite ×25, ${LOAD_CONCURRENCY} in flight)`,
      "time",
      Math.round(load.ms),
      "ms",
    );

    let now = t0;
    const job = createJob({ db, clock: () => new Date(now) });
    const due = dataset.late + dataset.atRisk;
    const first = await pass(job, log);
    firstRuns.set(size, { ...first, due });
    const r = first.report;
    const counts = {
      examined: r.examined,
      newlyLate: r.newlyLate,
      newlyAtRisk: r.newlyAtRisk,
      casesOpened: r.casesOpened,
    };
    const line = { ...counts, failures: r.failures, ...first.log, ms: Math.round(first.ms) };
    process.stdout.write(`  job @${label}: ${JSON.stringify(line)}\n`);
    const at = `late-order job @${label} orders (${dataset.late} late, ${dataset.atRisk} at risk)`;
    results.add(`${at}: items examined`, "count", r.examined, "orders", {
      op: "=",
      value: due,
      label: `= ${due} (late + at risk)`,
    });
    results.add(`${at}: orders flagged late`, "count", r.newlyLate, "orders", { op: "=", value: dataset.late });
    results.add(`${at}: late-shipment cases opened`, "count", r.casesOpened, "cases", { op: "=", value: dataset.late });
    results.add(`${at}: orders flagged at risk`, "count", r.newlyAtRisk, "orders", { op: "=", value: dataset.atRisk });
    results.add(`${at}: Scans`, "count", first.log.scans, "Scans", { op: "=", value: 0 });
    const bound = SHARDS + Math.floor(due / JOB_PAGE_SIZE) + due + 1;
    results.add(
      `${at}: DynamoDB requests`,
      "count",
      first.log.total,
      "requests",
      {
        op: "<=",
        value: bound,
        label: `≤ ${bound} (shards ${SHARDS} + pages ${Math.floor(due / JOB_PAGE_SIZE)} + writes ${due} + 1 seller)`,
      },
      `${first.log.queries} Query, ${first.log.transactions} TransactWriteItems, ${first.log.gets} Get/BatchGet`,
    );
    results.add(`${at}: wall time`, "time", Math.round(first.ms), "ms");

    // An hour later: the late ones left the index, the at-risk ones wait for shipBy. Nothing due.
    now = t1;
    const idleRuns: Pass[] = [];
    for (let i = 0; i < IDLE_RUNS; i++) idleRuns.push(await pass(job, log));
    const idleExamined = Math.max(...idleRuns.map((p) => p.report.examined));
    idle.set(size, median(idleRuns.map((p) => p.ms)));
    results.add(
      `late-order job @${label}, next run (backlog of ${due} flagged, nothing due): items examined`,
      "count",
      idleExamined,
      "orders",
      { op: "=", value: 0 },
    );
    results.add(`late-order job @${label}, next run: DynamoDB requests`, "count", idleRuns[0]!.log.total, "requests", {
      op: "<=",
      value: SHARDS,
      label: `≤ ${SHARDS} (one Query per shard)`,
    });
    results.add(
      `late-order job @${label}, next run: wall time (median of ${IDLE_RUNS})`,
      "time",
      round(idle.get(size)!),
      "ms",
    );

    // The same number of newly due orders at every size, after the same history (a first run and
    // idle runs): the fairest comparison of what the table size alone costs.
    const fresh = [
      ...Array.from({ length: NEWLY_DUE.late }, (_, i) =>
        decideOrder(sellerId, `AE-${label}-NEW-L${i}`, t1 - 80 * Time.HOUR_MS, t1 - (1 + (i % 48)) * Time.HOUR_MS),
      ),
      ...Array.from({ length: NEWLY_DUE.atRisk }, (_, i) =>
        decideOrder(sellerId, `AE-${label}-NEW-R${i}`, t1 - 48 * Time.HOUR_MS, t1 + (2 + (i % 21)) * Time.HOUR_MS),
      ),
    ];
    await bulkLoadOrders(loader, fresh);
    const newly = await pass(job, log);
    newlyDue.set(size, newly);
    const at3 =
      `late-order job @${label} orders, ${NEWLY_DUE.late + NEWLY_DUE.atRisk} newly due (${NEWLY_DUE.late} late, ` +
      `${NEWLY_DUE.atRisk} at risk)`;
    results.add(`${at3}: items examined`, "count", newly.report.examined, "orders", {
      op: "=",
      value: NEWLY_DUE.late + NEWLY_DUE.atRisk,
    });
    results.add(`${at3}: Scans`, "count", newly.log.scans, "Scans", { op: "=", value: 0 });
    results.add(`${at3}: wall time`, "time", Math.round(newly.ms), "ms");
    doc.destroy();
    loader.doc.destroy();
  }

  const [smallSize, largeSize] = JOB_SIZES;
  const small = firstRuns.get(smallSize)!;
  const large = firstRuns.get(largeSize)!;
  results.add(
    `late-order job wall time ratio ${largeSize / 1000}k/${smallSize / 1000}k (first runs)`,
    "ratio",
    round(large.ms / small.ms),
    "×",
    undefined,
    `examined grows ${round(large.report.examined / small.report.examined)}× too (${large.report.examined} vs ` +
      `${small.report.examined}): time follows examined orders`,
  );
  results.add(
    `late-order job time per examined order ratio ${largeSize / 1000}k/${smallSize / 1000}k`,
    "ratio",
    round(large.ms / large.report.examined / (small.ms / small.report.examined)),
    "×",
    { op: "<=", value: 1.5 },
  );
  results.add(
    `late-order job, the same ${NEWLY_DUE.late + NEWLY_DUE.atRisk} newly due orders: time ratio ` +
      `${largeSize / 1000}k/${smallSize / 1000}k orders`,
    "ratio",
    round(newlyDue.get(largeSize)!.ms / newlyDue.get(smallSize)!.ms),
    "×",
    { op: "<=", value: 1.5 },
    "10× the orders, the same work: time does not follow table size",
  );
  results.add(
    `late-order job, nothing due: time ratio ${largeSize / 1000}k/${smallSize / 1000}k orders`,
    "ratio",
    round(idle.get(largeSize)! / idle.get(smallSize)!),
    "×",
    { op: "<=", value: 1.5 },
  );
}
