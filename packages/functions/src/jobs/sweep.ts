import { createLogger, loadConfig, logWriter, type ApiConfig, type Logger } from "@seller-ops/api";
import { createDocumentClient, type Db, type TableName } from "@seller-ops/db";
import { emitJobMetrics, metricsWriter, type MetricsWriter } from "../metrics";

/**
 * What every job handler starts from: its configuration, read once here when the container
 * starts, and its tables' client, clock, logger and metric writer (tests replace the first three).
 */
export function jobBase(
  service: string,
  tables: readonly TableName[],
  overrides: { db?: Db; clock?: () => Date; logger?: Logger },
): { config: ApiConfig; db: Db; clock: () => Date; logger: Logger; writeMetrics: MetricsWriter } {
  const loaded = loadConfig(tables);
  return {
    config: loaded.config,
    db: overrides.db ?? { doc: createDocumentClient(), tables: loaded.tables },
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
  stoppedEarly: boolean;
  unfinishedShards: number[];
}

/** Stop taking new work when less than this is left of the Lambda's time: enough to finish the item in hand. */
const SAFETY_MARGIN_MS = 10_000;

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

export type JobContext = { getRemainingTimeInMillis?: () => number; awsRequestId?: string };

/**
 * The Lambda side every scheduled job shares: a logger with the invocation's request id, the run
 * with the Lambda's remaining time, its report logged and emitted as metrics (before the verdict,
 * so a failing run is counted too), and a thrown error when items failed — Lambda then retries
 * and, after the retries, the dead-letter queue keeps the run. The schedule sends a constant
 * event: jobs read their own clock, never the event's time.
 */
export function scheduledHandler<R extends { failures: number }>(options: {
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
      emitJobMetrics(options.writeMetrics, options.service, counts, durationMs);
    }
    if (report.failures > 0)
      throw new Error(`${options.service} job: ${report.failures} failures (see the log lines above)`);
    return report;
  };
}
