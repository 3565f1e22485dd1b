/**
 * How much attempt time one receiver may take of a dispatcher's invocation, so that a slow one cannot keep
 * everyone else waiting: the retry job's share (its lanes are one queue for every seller) and the stream
 * handler's budget (its shard is read in order, so the whole shard waits). Both are summed over attempts and
 * checked before an attempt starts.
 */

/**
 * The attempt time one endpoint may take of a retry run, summed over its attempts: one run has 8 lanes of about
 * 5 minutes, and a receiver that answers slowly (or not at all) with many due groups (a backlog, or a flood of
 * redeliveries) would otherwise hold every lane and keep other sellers' retries waiting. It is checked before an
 * attempt starts, so an endpoint takes its share plus at most one attempt per lane: a receiver that answers in
 * 100 ms gets about 1,500 attempts a run, one that hangs 15 or so; another seller's group due behind a backlog
 * waits about 20 s at most for it. Its other groups stay due for the next run, a minute later, and are passed
 * over without a lease or a read (the retry job asks `overShare` first). Runs of the stream handler have no share.
 */
export const ENDPOINT_SHARE_MS = 150_000;

/**
 * The attempt time one endpoint may take of a stream run, summed over its attempts, before its other groups are
 * left to the retry job as a failing endpoint's are. A receiver that answers 2xx just under the 10 s limit never
 * fails, yet every seller on the shard waits for each of its attempts as for a hanging one. Checked before an
 * attempt starts, so a slow endpoint costs the batch the attempts under way when it ran out (at most one per lane):
 * about one round, as a failing endpoint does. A receiver answering within 200 ms is never affected, a batch
 * holding at most 100 of its events; one answering in 1 s gets about 20 attempts in the stream, the rest within
 * about a minute from the retry job, the rest of each group from where it stopped.
 */
export const STREAM_ENDPOINT_BUDGET_MS = 20_000;

/** The limits, when a caller (a test, scaled down) sets them. */
export interface AttemptTimeLimits {
  /** How much attempt time one endpoint may take of a retry run (`ENDPOINT_SHARE_MS` unless set). */
  endpointShareMs?: number;
  /** How much attempt time one endpoint may take of a stream run (`STREAM_ENDPOINT_BUDGET_MS` unless set). */
  streamEndpointBudgetMs?: number;
}

/** The attempt time one invocation has spent on each endpoint; `inStream`: the stream handler's invocation. */
export class AttemptTime {
  private readonly byEndpoint = new Map<string, number>();

  constructor(
    private readonly limits: AttemptTimeLimits,
    private readonly inStream: boolean,
  ) {}

  /** An attempt's duration, counted once it ended (whatever its outcome). */
  add(endpointId: string, durationMs: number): void {
    this.byEndpoint.set(endpointId, this.spentOn(endpointId) + durationMs);
  }

  /**
   * Whether an endpoint has used its share of a retry run. The retry job's runs only: the stream handler leaves a
   * failing or slow endpoint to the retry job instead (`overStreamBudget`).
   */
  overShare(endpointId: string): boolean {
    if (this.inStream) return false;
    return this.spentOn(endpointId) >= (this.limits.endpointShareMs ?? ENDPOINT_SHARE_MS);
  }

  /** Whether an endpoint has used its budget of a stream run (the stream handler's runs only). */
  overStreamBudget(endpointId: string): boolean {
    if (!this.inStream) return false;
    return this.spentOn(endpointId) >= (this.limits.streamEndpointBudgetMs ?? STREAM_ENDPOINT_BUDGET_MS);
  }

  private spentOn(endpointId: string): number {
    return this.byEndpoint.get(endpointId) ?? 0;
  }
}
