import { Events, Time, Webhooks } from "@seller-ops/core";
import { EventsRepo, TransactionDeadlineExceeded, transactWrite, WebhookEndpointsRepo } from "@seller-ops/db";
import { commitBound } from "../jobs/sweep";
import type { DispatcherDeps } from "./dispatch";

/**
 * An endpoint switched off after repeated failures (`Webhooks.shouldDisable`) and the `WEBHOOK_ENDPOINT_DISABLED`
 * event saying so, in one transaction; false when the endpoint changed meanwhile, or the transaction could not
 * commit in time (nothing written: the endpoint's next failure decides again, its streak kept).
 * Stamped when decided, after the attempt (up to 10 s) and its writes, just before the transaction, which is bounded
 * like a job's (`commitBound`): the events feed serves an event once it is 60 s old, trusting every transaction
 * attempted before to have committed or failed (docs/events.md), so the event commits within 30 s of its instant;
 * and, given the invocation's remaining time (`remainingMs`), no attempt starts too close to its end.
 */
export async function disableAfterFailures(
  deps: Pick<DispatcherDeps, "db" | "clock" | "newEventId" | "logger">,
  endpoint: Webhooks.WebhookEndpoint,
  remainingMs?: () => number,
): Promise<boolean> {
  const { db } = deps;
  const at = deps.clock().toISOString();
  const decided = WebhookEndpointsRepo.disable(db, endpoint, "REPEATED_FAILURES", at);
  if (!decided.ok) return false;
  const event = Events.record({
    draft: Webhooks.endpointDisabledDraft({ endpoint: decided.endpoint }),
    eventId: deps.newEventId(Time.toMs(at)),
    occurredAt: at,
    actorKeyId: Events.jobActor("webhook-dispatch"),
  });
  const fields = { endpointId: endpoint.endpointId, scope: endpoint.scope };
  try {
    const result = await transactWrite(
      db.doc,
      [...decided.writes, EventsRepo.put(db, event)],
      commitBound(deps.clock, at, remainingMs),
    );
    if (result.ok) deps.logger.warn("webhook endpoint disabled after repeated failures", fields);
    return result.ok;
  } catch (error) {
    if (!(error instanceof TransactionDeadlineExceeded)) throw error;
    deps.logger.error("webhook endpoint not disabled: its transaction could not commit in time", {
      ...fields,
      attempts: error.attempts,
    });
    return false;
  }
}
