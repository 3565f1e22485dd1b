/**
 * How much attempt time one scope's receivers may take of a dispatcher's invocation, so that a slow one cannot keep
 * everyone else waiting: the retry job's share (its lanes are one queue for every seller) and the stream
 * handler's budget (its shard is read in order, so the whole shard waits). Both are summed over attempts and
 * checked before an attempt starts.
 */

/**
 * The attempt time one scope's endpoints (a seller's, or the operator-level ones) may take of a retry run together,
 * summed over their attempts: one run has 8 lanes of about 5 minutes, and receivers that answer slowly (or not at
 * all) with many due groups (a backlog, or a flood of redeliveries) would otherwise hold every lane and keep other
 * sellers' retries waiting. Per scope, not per endpoint: a scope may have 10 endpoints, and 10 shares for a seller
 * whose receivers all hang would keep the others waiting most of every run. It is checked before an attempt starts,
 * so a scope takes its share plus at most one attempt per lane: receivers that answer in 100 ms get about 1,500
 * attempts a run, ones that hang 15 or so; another seller's group due behind a backlog waits about 20 s at most for
 * it. The scope's other groups stay due for the next run, a minute later, and are passed over without a lease or a
 * read (the retry job asks `overShare` first). Runs of the stream handler have no share.
 */
export const SCOPE_SHARE_MS = 150_000;

/**
 * The attempt time one scope's endpoints (a seller's, or the operator-level ones) may take of a stream run together,
 * summed over their attempts, before their other groups are left to the retry job as a failing endpoint's are. A
 * receiver that answers 2xx just under the 10 s limit never fails, yet every seller on the shard waits for each of
 * its attempts as for a hanging one. Per scope, not per endpoint, as the retry job's share (`SCOPE_SHARE_MS`): a
 * seller with 10 slow endpoints would otherwise hold the shard for 10 budgets. Checked before an attempt starts, so
 * a slow scope costs the batch the attempts under way when it ran out (at most one per lane): about one round, as a
 * failing endpoint does. A seller's one receiver answering within 200 ms is never affected, a batch holding at most
 * 100 events (10 receivers, within 20 ms); a seller whose receivers answer in 1 s gets about 20 attempts in the
 * stream, the rest within about a minute from the retry job, the rest of each group from where it stopped.
 */
export const STREAM_SCOPE_BUDGET_MS = 20_000;

/** The limits, when a caller (a test, scaled down) sets them. */
export interface AttemptTimeLimits {
  /** How much attempt time one scope's endpoints may take of a retry run (`SCOPE_SHARE_MS` unless set). */
  scopeShareMs?: number;
  /** How much attempt time one scope's endpoints may take of a stream run (`STREAM_SCOPE_BUDGET_MS` unless set). */
  streamScopeBudgetMs?: number;
}

/** The attempt time one invocation has spent on each scope's endpoints; `inStream`: the stream handler's. */
export class AttemptTime {
  private readonly byScope = new Map<string, number>();

  constructor(
    private readonly limits: AttemptTimeLimits,
    private readonly inStream: boolean,
  ) {}

  /** An attempt's duration, counted once it ended (whatever its outcome). */
  add(endpoint: { scope: string }, durationMs: number): void {
    this.byScope.set(endpoint.scope, (this.byScope.get(endpoint.scope) ?? 0) + durationMs);
  }

  /**
   * Whether a scope's endpoints have used their share of a retry run. The retry job's runs only: the stream handler
   * leaves a failing endpoint, or a slow scope's, to the retry job instead (`overStreamBudget`).
   */
  overShare(scope: string): boolean {
    if (this.inStream) return false;
    return (this.byScope.get(scope) ?? 0) >= (this.limits.scopeShareMs ?? SCOPE_SHARE_MS);
  }

  /** Whether a scope's endpoints have used their budget of a stream run (the stream handler's runs only). */
  overStreamBudget(scope: string): boolean {
    if (!this.inStream) return false;
    return (this.byScope.get(scope) ?? 0) >= (this.limits.streamScopeBudgetMs ?? STREAM_SCOPE_BUDGET_MS);
  }
}
