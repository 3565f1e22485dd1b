import type { Webhooks } from "@seller-ops/core";
import { WebhookDeliveriesRepo, type Db } from "@seller-ops/db";

/**
 * One dispatch run's writes to its endpoints' failing streaks. One 2xx anywhere resets an endpoint's streak
 * (docs/webhooks.md), and other invocations attempt the same endpoint meanwhile, counting failures of their own. So
 * the run's first 2xx to an endpoint ends its stored streak at once: another invocation's next failure starts a new
 * streak rather than lengthening the old one, which could switch off, a moment after a 2xx, an endpoint that had
 * failed for a day. The run's later 2xx answers to it keep only the latest, written before the run's next failure to
 * the endpoint (`failed`) or when the run ends (`finish`): at most one more write per endpoint and run. A failure
 * another invocation counted after that 2xx is kept: `WebhookDeliveriesRepo.recordSuccess` orders them by their
 * attempts' starts.
 */
export class RunStreaks {
  /** Endpoints whose streak a 2xx of this run has ended in the table (the run's first 2xx to each). */
  private readonly ended = new Set<string>();
  /** The start of each endpoint's latest 2xx in this run not written yet. */
  private readonly unwritten = new Map<string, string>();

  constructor(private readonly db: Db) {}

  /** An attempt started at `at` answered 2xx. */
  async succeeded(endpointId: string, at: string): Promise<void> {
    if (this.ended.has(endpointId)) {
      // The latest started, not the last answered: a slow 2xx answered last ends no failure started after another.
      const kept = this.unwritten.get(endpointId);
      if (kept === undefined || kept < at) this.unwritten.set(endpointId, at);
      return;
    }
    this.ended.add(endpointId);
    await WebhookDeliveriesRepo.recordSuccess(this.db, { endpointId, at });
  }

  /** An attempt started at `at` failed: counted after this run's latest 2xx to the endpoint ended what came before. */
  async failed(args: { endpointId: string; attemptId: string; at: string }): Promise<Webhooks.FailureStreak> {
    await this.writeLatestSuccess(args.endpointId);
    return WebhookDeliveriesRepo.recordFailure(this.db, {
      endpointId: args.endpointId,
      now: args.at,
      attemptId: args.attemptId,
    });
  }

  /** Ends the run: each endpoint's latest 2xx not written yet ends the failures counted before it. */
  async finish(): Promise<void> {
    await Promise.all([...this.unwritten.keys()].map((id) => this.writeLatestSuccess(id)));
  }

  private async writeLatestSuccess(endpointId: string): Promise<void> {
    const at = this.unwritten.get(endpointId);
    if (at === undefined) return;
    this.unwritten.delete(endpointId);
    await WebhookDeliveriesRepo.recordSuccess(this.db, { endpointId, at });
  }
}
