// The modules themselves, not the package index: the index also exports the GraphQL server, and through it
// the schema and every resolver would be bundled into (and evaluated by) each job (bench/README.md, cold start).
import { loadConfig, type ApiConfig } from "@seller-ops/api/src/config";
import { createLogger, logWriter, type Logger } from "@seller-ops/api/src/log";
import {
  AWS_CALL_MAX_MS,
  createDocumentClient,
  TransactionDeadlineExceeded,
  type Db,
  type DueItem,
  type RetryBound,
  type TransactItem,
} from "@seller-ops/db";
import { emitJobMetrics, metricsWriter, type MetricsWriter } from "../metrics";
import { functionSecrets, functionTables, type FunctionLinked } from "../tables";

/**
 * What every job handler starts from: its configuration, read once here when the container
 * starts, and its tables' client, clock, logger and metric writer (tests replace the first three).
 */
export function jobBase(
  service: string,
  fn: Exclude<FunctionLinked, "graphql">,
  overrides: { db?: Db; clock?: () => Date; logger?: Logger },
): { config: ApiConfig; db: Db; clock: () => Date; logger: Logger; writeMetrics: MetricsWriter } {
  const loaded = loadConfig(functionTables[fn], functionSecrets[fn]);
  return {
    config: loaded.config,
    // Lambda's role credentials only: the bundle leaves the SDK's other sources out (stacks/wiring.ts).
    db: overrides.db ?? { doc: createDocumentClient({ credentials: "environment" }), tables: loaded.tables },
    clock: overrides.clock ?? (() => new Date()),
    logger: overrides.logger ?? createLogger({ service }, logWriter(loaded.config.output.logs)),
    writeMetrics: metricsWriter(loaded.config.output.metrics),
  };
}

/**
 * How every scheduled job reads its work: one sparse, write-sharded index, all shards in
 * parallel, page by page, handling each due item; it stops taking work when the Lambda's time runs
 * short and says which shards it left for the next run. A failing item is counted and logged and
 * the sweep goes on (every write is conditional, so the next run retries it safely).
 */
export interface SweepReport {
  failures: number;
  /** True when the run stopped before the end to stay within its Lambda time; the next run continues. */
  stoppedEarly: boolean;
  /** Shards whose due items were not all read because time ran out: what is left for the next run. */
  unfinishedShards: number[];
}

/**
 * What a run keeps of its Lambda's time after the last DynamoDB call of an item: one call in AWS ends within
 * `AWS_CALL_MAX_MS` (10 s: its three timed attempts and their backoff), then the report is logged and its metrics
 * emitted. No transaction attempt of an item starts with less than this left (`commitBound`): started then, however
 * slow, it ends before Lambda would kill the run (no report line, no `stoppedEarly` metric, the run retried).
 */
export const LAST_CALL_MARGIN_MS = AWS_CALL_MAX_MS + 2_000;

/**
 * Stop taking new work when less than this is left of the Lambda's time: enough for the item in hand. Its reads are
 * not bounded by the run's time, its transaction is (`commitBound`): an item's reads (a seller read, read again
 * strongly consistent after a miss: two calls, 20 s at worst), a few seconds of its transaction's attempts and
 * `LAST_CALL_MARGIN_MS` for the last one. An item whose transaction could not commit within it is left for the next
 * run, as the items not taken are. The jobs' functions run 5 minutes (stacks/wiring.ts): this is under a sixth.
 */
export const SAFETY_MARGIN_MS = 2 * AWS_CALL_MAX_MS + 8_000 + LAST_CALL_MARGIN_MS;

export async function sweepShards<T>(args: {
  shards: number;
  readPage: (
    shard: number,
    startKey: Record<string, unknown> | undefined,
  ) => Promise<{ items: T[]; nextKey: Record<string, unknown> | undefined }>;
  handle: (item: T) => Promise<void>;
  /** The Lambda's remaining time; the sweep stops taking work when less than a margin is left. */
  remainingMs: () => number;
  onError: (error: Error, item: T | null) => void;
}): Promise<SweepReport> {
  const report: SweepReport = { failures: 0, stoppedEarly: false, unfinishedShards: [] };
  const outOfTime = () => args.remainingMs() < SAFETY_MARGIN_MS;
  const stop = (shard: number) => {
    report.stoppedEarly = true;
    report.unfinishedShards.push(shard);
  };
  const runShard = async (shard: number) => {
    let startKey: Record<string, unknown> | undefined;
    do {
      if (outOfTime()) return stop(shard);
      const page = await args.readPage(shard, startKey);
      for (const item of page.items) {
        if (outOfTime()) return stop(shard);
        try {
          await args.handle(item);
        } catch (error) {
          // Its transaction ran into the run's end, not the events' bound: nothing written, the item is the next
          // run's, as those this shard has not taken (no failure: the run did what its time allowed).
          if (error instanceof TransactionDeadlineExceeded && error.limit === "runTime") return stop(shard);
          report.failures++;
          args.onError(error as Error, item);
        }
      }
      startKey = page.nextKey;
    } while (startKey);
  };
  const settled = await Promise.allSettled(Array.from({ length: args.shards }, (_, shard) => runShard(shard)));
  for (const result of settled) {
    if (result.status === "rejected") {
      report.failures++;
      args.onError(result.reason as Error, null);
    }
  }
  report.unfinishedShards.sort((a, b) => a - b);
  return report;
}

/**
 * How long after the instant an item is decided at (the instant its change and events are stamped with) its
 * transaction may still be attempted. The events feed serves an event once it is `SETTLE_MS` (60 s,
 * packages/api/src/events/resolvers.ts) old, trusting every transaction attempted before to have committed or failed
 * by then: the item's last attempt starts within 20 s of its instant and lasts at most the SDK's three timed attempts
 * (`AWS_REQUEST_TIMEOUTS` in packages/db/src/client.ts: under 10 s), so a change commits within 30 s of its instant,
 * or not at all. An item that cannot commit in time fails (`TransactionDeadlineExceeded`: counted, logged); its
 * writes are conditional, so the next run decides it again, at its own instant.
 */
export const COMMIT_WITHIN_MS = 20_000;

/**
 * The retry bound of the transaction of an item decided at `now`: `COMMIT_WITHIN_MS` later, on the job's clock, or
 * earlier when the run's time (`remainingMs`, the Lambda's) ends first: no attempt starts with less than
 * `LAST_CALL_MARGIN_MS` left (the item then fails as `runTime`, which the sweep leaves for the next run).
 */
export function commitBound(clock: () => Date, now: string, remainingMs?: () => number): RetryBound {
  const settle = Date.parse(now) + COMMIT_WITHIN_MS;
  const run = runTimeBound(clock, remainingMs);
  return run && run.deadlineMs < settle ? run : { clock: run?.clock ?? (() => clock().getTime()), deadlineMs: settle };
}

/**
 * The retry bound of a write that makes no event (bookkeeping): only the run's time, as in `commitBound`; none
 * without a remaining time.
 */
export function runTimeBound(clock: () => Date, remainingMs?: () => number): RetryBound | undefined {
  if (!remainingMs) return undefined;
  // The Lambda's end on the job's clock (they run at the same pace): where no attempt may start less than
  // `LAST_CALL_MARGIN_MS` before.
  const nowMs = clock().getTime();
  return {
    clock: () => clock().getTime(),
    deadlineMs: nowMs + remainingMs() - LAST_CALL_MARGIN_MS,
    limit: "runTime",
  };
}

/**
 * Whether a job's transaction that failed conditions (`failed`: their indexes in `writes`) failed because the item
 * changed between the job's read and its write: the item's own writes, the first `ownWrites`, are conditioned on the
 * version read, and the next run reads the item again. When one of them failed, the rest of the change was decided on
 * that stale read too, so its other failures say nothing more: a run racing another (a throttled run and the next
 * one) finds the case the winner opened already there. Any condition failing while the item's own held (a counter
 * past its bound, or an attribute that is no number, which a hand edit leaves) would fail the same way on every run:
 * skipped as a change, the item would stay undone run after run without a word in the log. It is thrown instead,
 * naming the items, so the item fails alone, logged, and the run's failures alarm.
 */
export function changedMeanwhile(failed: readonly number[], writes: readonly TransactItem[], ownWrites: number): true {
  if (failed.some((index) => index < ownWrites)) return true;
  const others = failed.filter((index) => index >= ownWrites);
  if (others.length === 0) return true;
  const named = others.map((index) => {
    const write = writes[index];
    // Not a condition-only item: the jobs write none, and their roles are not allowed one (stacks/wiring.ts).
    const op = write?.Put ?? write?.Update ?? write?.Delete;
    const key = write?.Put ? { pk: write.Put.Item?.pk, sk: write.Put.Item?.sk } : (op as { Key?: object })?.Key;
    return `${op?.TableName} ${Object.values(key ?? {}).join("/")}`;
  });
  throw new Error(
    `A condition failed on ${named.join(", ")}: not a change made meanwhile; the item is left as it was.`,
  );
}

/**
 * What every due-item job reports besides its own counters: the items it examined, those it only
 * re-keyed, those that changed between read and write, and the sweep's outcome and timing.
 */
export interface DueJobReport extends SweepReport {
  examined: number;
  /** Index entries re-keyed without a flag (the window changed since they were written). */
  rescheduled: number;
  /** Items that changed between read and write; the next run sees them again if still due. */
  skippedChanged: number;
  startedAt: string;
  durationMs: number;
}

/**
 * One run of a due-item job: its report (the job's own counters at zero), the sweep of its index
 * with the run's start as `now` (what is due), each item decided at the clock read when it is
 * decided (after its reads), each failed item logged with its id, and the sweep's outcome and the run's duration
 * merged into the report.
 */
export async function runDueJob<T, R extends DueJobReport>(args: {
  clock: () => Date;
  /** The job's own counters, all at zero. */
  counts: Omit<R, keyof DueJobReport>;
  shards: number;
  readPage: (
    now: string,
    shard: number,
    startKey: Record<string, unknown> | undefined,
  ) => Promise<{ items: DueItem<T>[]; nextKey: Record<string, unknown> | undefined }>;
  /**
   * Builds the per-item check over the run's report. Each item is decided at its own instant, which `stamp` reads
   * from the clock: a run works through a backlog for minutes, and a deadline passing meanwhile must be judged as
   * passed (not as due soon), at the instant its change and events are stamped with. A check reads what its
   * decision needs first and stamps after, just before its one transaction (bounded by `commitBound`), so no read,
   * however slow, lies between the instant an event carries and its transaction (docs/events.md, catch-up).
   */
  check: (report: R) => (item: T, stamp: () => string) => Promise<void>;
  remainingMs: () => number;
  logger: Logger;
  /** The log line of a failed item, and the field its id is logged under. */
  failure: { message: string; idField: string };
}): Promise<R> {
  const startedMs = Date.now();
  const now = args.clock().toISOString();
  const report = {
    examined: 0,
    ...args.counts,
    rescheduled: 0,
    skippedChanged: 0,
    failures: 0,
    stoppedEarly: false,
    unfinishedShards: [],
    startedAt: now,
    durationMs: 0,
  } as unknown as R;
  const check = args.check(report);
  const swept = await sweepShards<DueItem<T>>({
    shards: args.shards,
    readPage: (shard, startKey) => args.readPage(now, shard, startKey),
    // Parsed here, inside the sweep's per-item try: an unreadable item fails alone, named by its key.
    handle: (item) => check(item.read(), () => args.clock().toISOString()),
    remainingMs: args.remainingMs,
    onError: (error, item) =>
      args.logger.error(args.failure.message, {
        [args.failure.idField]: item?.id,
        errorName: error?.name,
        errorMessage: error?.message,
      }),
  });
  Object.assign(report, {
    failures: swept.failures,
    stoppedEarly: swept.stoppedEarly,
    unfinishedShards: swept.unfinishedShards,
  });
  report.durationMs = Date.now() - startedMs;
  return report;
}

export type JobContext = { getRemainingTimeInMillis?: () => number; awsRequestId?: string };

/**
 * The Lambda side every scheduled job shares: a logger with the invocation's request id, the run
 * with the Lambda's remaining time, its report logged and emitted as metrics (before the verdict,
 * so a failing run is counted too), and a thrown error when items failed — Lambda then retries
 * and, after the retries, the dead-letter queue keeps the run. The schedule sends a constant
 * event: jobs read their own clock, never the event's time.
 */
export function scheduledHandler<R extends { failures: number; stoppedEarly?: boolean }>(options: {
  service: string;
  logger: Logger;
  /** Where the report's metrics go (`metricsWriter` of the configuration's `output.metrics`). */
  writeMetrics: MetricsWriter;
  run: (logger: Logger, remainingMs: () => number) => Promise<R>;
  metrics?: (report: R) => { counts: Record<string, number>; durationMs: number };
}) {
  return async (_event: unknown, context?: JobContext): Promise<R> => {
    const logger = options.logger.child({ requestId: context?.awsRequestId });
    const report = await options.run(logger, () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY);
    logger.info(`${options.service} job finished`, { ...report });
    if (options.metrics) {
      const { counts, durationMs } = options.metrics(report);
      // A run that stopped to stay within its time left work for the next: the "behind" alarm counts these.
      const behind: Record<string, number> =
        report.stoppedEarly === undefined ? {} : { stoppedEarly: report.stoppedEarly ? 1 : 0 };
      emitJobMetrics(options.writeMetrics, options.service, { ...counts, ...behind }, durationMs);
    }
    if (report.failures > 0)
      throw new Error(`${options.service} job: ${report.failures} failures (see the log lines above)`);
    return report;
  };
}
