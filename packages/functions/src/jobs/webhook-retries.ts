import { Webhooks } from "@seller-ops/core";
import { WebhookDeliveriesRepo, type WebhookDelivery } from "@seller-ops/db";
import { DispatchRun, type DispatcherDeps } from "../webhooks/dispatch";
import { emptyCounts, type DispatchCounts } from "../webhooks/dispatch-counts";
import { dispatcherDeps } from "../webhooks/dispatcher";
import { jobBase, runDueJob, scheduledHandler, type DueJobReport } from "./sweep";

/**
 * The webhook retry job, every minute: it reads the deliveries whose next attempt has come from
 * the sparse, sharded `deliveriesDue` index (never a Scan) and drains each one's group once per
 * run, with the dispatcher's own rules (group lease, version order, backoff, switching an endpoint
 * off). It also picks up what a crashed dispatcher left: every unsettled delivery is in the index,
 * due from the moment it was recorded. Running twice at once is safe: the group lease and the
 * attempt count on each write keep a delivery from being recorded twice.
 */

export type WebhookRetryJobReport = DueJobReport & DispatchCounts;

const PAGE_SIZE = 100;

export async function runWebhookRetryJob(
  deps: DispatcherDeps,
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<WebhookRetryJobReport> {
  const run = new DispatchRun(deps, remainingMs);
  const drained = new Set<string>();
  const report = await runDueJob<WebhookDelivery, WebhookRetryJobReport>({
    clock: deps.clock,
    counts: emptyCounts(),
    shards: WebhookDeliveriesRepo.DUE_SHARDS,
    readPage: async (now, shard, startKey) => {
      const page = await WebhookDeliveriesRepo.due(deps.db, { shard, now, startKey, limit: PAGE_SIZE });
      return { items: page.deliveries, nextKey: page.nextKey };
    },
    check: (report) => async (delivery) => {
      report.examined++;
      // A group is drained once per run, from its head: its other due deliveries come with it.
      if (drained.has(delivery.group)) return;
      drained.add(delivery.group);
      // A scope that used its share of this run is passed over before its group's lease or read: a backlog of
      // thousands of groups costs this run nothing but the index entries it reads.
      if (run.attemptTime.overShare(Webhooks.scopeOf(delivery.sellerId))) {
        run.counts.groupsOverShare++;
        return;
      }
      // Read from where this due delivery's event begins at the latest: found even when recorded behind the group's
      // settled position (the group is still drained from its head).
      await run.drainGroup(delivery.group, WebhookDeliveriesRepo.readFromOf(delivery));
    },
    remainingMs,
    logger: deps.logger,
    failure: { message: "webhook retry failed", idField: "deliveryId" },
  });
  await run.finish();
  // The dispatcher starts no attempt in its last 35 s (`DEADLINE_MARGIN_MS`): groups it left then (their drain began
  // before the sweep's margin, and the time ran short meanwhile) are work this run did not do, as a sweep that
  // stopped early would not have.
  const stoppedEarly = report.stoppedEarly || run.counts.groupsLeftForRetry > 0;
  return { ...report, ...run.counts, stoppedEarly };
}

export function createWebhookRetryJobHandler(overrides: Partial<DispatcherDeps> = {}) {
  const base = jobBase("webhook-retries", "webhookRetries", overrides);
  const deps = dispatcherDeps(base, overrides);
  return scheduledHandler({
    service: "webhook-retries",
    logger: base.logger,
    writeMetrics: base.writeMetrics,
    run: (logger, remainingMs) => runWebhookRetryJob({ ...deps, logger }, remainingMs),
    metrics: (r) => ({
      counts: {
        examined: r.examined,
        delivered: r.delivered,
        failed: r.failed,
        gaveUp: r.gaveUp,
        deferred: r.deferred,
        endpointsDisabled: r.endpointsDisabled,
        groupsOverShare: r.groupsOverShare,
        leasesRanShort: r.leasesRanShort,
        unreadableEndpoints: r.unreadableEndpoints,
        unreadableDeliveries: r.unreadableDeliveries,
        failures: r.failures,
      },
      durationMs: r.durationMs,
    }),
  });
}

export const handler = createWebhookRetryJobHandler();
