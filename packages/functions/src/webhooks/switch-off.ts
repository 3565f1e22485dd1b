import { Events, Time, Webhooks } from "@seller-ops/core";
import { EventsRepo, transactWrite, WebhookEndpointsRepo } from "@seller-ops/db";
import type { DispatcherDeps } from "./dispatch";

/**
 * An endpoint switched off after repeated failures (`Webhooks.shouldDisable`) and the `WEBHOOK_ENDPOINT_DISABLED`
 * event saying so, in one transaction; false when the endpoint changed meanwhile (nothing written).
 */
export async function disableAfterFailures(
  deps: Pick<DispatcherDeps, "db" | "newEventId" | "logger">,
  endpoint: Webhooks.WebhookEndpoint,
  at: string,
): Promise<boolean> {
  const { db } = deps;
  const decided = WebhookEndpointsRepo.disable(db, endpoint, "REPEATED_FAILURES", at);
  if (!decided.ok) return false;
  const event = Events.record({
    draft: Webhooks.endpointDisabledDraft({ endpoint: decided.endpoint }),
    eventId: deps.newEventId(Time.toMs(at)),
    occurredAt: at,
    actorKeyId: Events.jobActor("webhook-dispatch"),
  });
  const result = await transactWrite(db.doc, [...decided.writes, EventsRepo.put(db, event)]);
  if (result.ok) {
    deps.logger.warn("webhook endpoint disabled after repeated failures", {
      endpointId: endpoint.endpointId,
      scope: endpoint.scope,
    });
  }
  return result.ok;
}
