import { Errors, Events, I18n, Inputs, Time, Webhooks } from "@seller-ops/core";
import { EventsRepo, WebhookDeliveriesRepo, WebhookEndpointsRepo, type WebhookDelivery } from "@seller-ops/db";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import type { Resolvers } from "../generated/resolvers-types";
import { mutationInput, runMutation, type MutationSpec } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import { endpointUnreadable, managedEndpoint, scopeFor } from "./mutations";

/**
 * The delivery log (`webhookDeliveries`) and `redeliverWebhookEvent`. An endpoint is named as the
 * endpoint mutations name it: its id in a scope, the scope being the seller (implied by a seller
 * key, passed by a partner or an operator) or, with no seller, the operators' scope. Only the
 * endpoint's owner side sees or redelivers: the seller itself and operators every endpoint of the
 * scope, a partner only the endpoints it registered (`Webhooks.mayManage`).
 */

const RedeliverInput = mutationInput(Webhooks.RedeliverInput);

/** The (endpoint, event) pairs each request has redelivered, and by which alias's input, for its later aliases. */
const redeliveredBy = new WeakMap<Context, Map<string, unknown>>();
type RedeliverPayload = { delivery: WebhookDelivery | null };

const notFound = (what: "endpoint" | "event", field: string) =>
  Errors.userError("NOT_FOUND", I18n.text("refusal.notFound", { what }), ["input", field]);

const redeliverWebhookEvent: MutationSpec<typeof RedeliverInput, RedeliverPayload> = {
  name: "redeliverWebhookEvent",
  input: RedeliverInput,
  refusedPayload: { delivery: null },
  async execute(ctx, input, request) {
    const scope = scopeFor(ctx, input.sellerId, "WRITE");
    // Marketplace keys act for buyers and the platform: a seller's event stream is not theirs.
    if (!Webhooks.mayRegister({ principal: ctx.principal, scope })) throw forbiddenBecause("mayNotRedeliver");
    const endpoint = await managedEndpoint(ctx, scope, input.endpointId);
    if (!endpoint) return { kind: "refused", errors: [notFound("endpoint", "endpointId")] };
    // Whether it subscribes to the event, or is enabled at all, cannot be read: nothing is queued for it.
    if (WebhookEndpointsRepo.isUnreadable(endpoint)) return { kind: "refused", errors: [endpointUnreadable()] };
    if (endpoint.status !== "ENABLED") {
      return {
        kind: "refused",
        errors: [
          Errors.userError("INVALID_TRANSITION", I18n.text("refusal.webhook.disabledRedeliver", {}), [
            "input",
            "endpointId",
          ]),
        ],
      };
    }
    const event = await EventsRepo.get(ctx.db, endpoint.sellerId, input.eventId);
    if (!event) return { kind: "refused", errors: [notFound("event", "eventId")] };
    if (!Webhooks.subscribes({ endpoint, type: event.type })) {
      return {
        kind: "refused",
        errors: [
          Errors.userError("INVALID_INPUT", I18n.text("refusal.webhook.notSubscribed", { type: event.type }), [
            "input",
            "eventId",
          ]),
        ],
      };
    }
    // One waiting delivery per event and endpoint: a request (of up to 15 aliases) cannot queue the same event
    // over and over ahead of every other seller's retries; once it settles, it can be sent again, up to the cap
    // (`MAX_REDELIVERIES_PER_EVENT`), which bounds what every drain of the object's group reads past. Both are
    // read consistently from the event's own deliveries (a bounded read); this request's own redeliveries are
    // remembered here as well, so its later aliases are refused whatever that read finds. Requests at the same
    // moment (a dashboard and a tool, two workers) would all pass that read: the event's redelivery guard, read
    // first and moved on in the write's transaction, lets one land and sends the others to decide again.
    const pair = `${endpoint.endpointId}/${event.eventId}`;
    const requested = redeliveredBy.get(ctx) ?? new Map<string, unknown>();
    redeliveredBy.set(ctx, requested);
    const byAnotherAlias = requested.has(pair) && requested.get(pair) !== input;
    const delivered = WebhookDeliveriesRepo.deliveredEvent(event);
    const cap = Webhooks.MAX_REDELIVERIES_PER_EVENT;
    const guard = await WebhookDeliveriesRepo.redeliveryGuard(ctx.db, {
      endpointId: endpoint.endpointId,
      event: delivered,
    });
    const log = await WebhookDeliveriesRepo.redeliveryState(ctx.db, {
      endpointId: endpoint.endpointId,
      event: delivered,
      now: ctx.now,
      cap,
    });
    if (byAnotherAlias || log.waiting) {
      return {
        kind: "refused",
        errors: [
          Errors.userError("LIMIT_REACHED", I18n.text("refusal.webhook.redeliveryWaiting", {}), ["input", "eventId"]),
        ],
      };
    }
    if (log.redeliveries >= cap) {
      const days = WebhookDeliveriesRepo.LOG_RETENTION_MS / Time.DAY_MS;
      return {
        kind: "refused",
        errors: [
          Errors.userError("LIMIT_REACHED", I18n.text("refusal.webhook.redeliveryCap", { max: cap, days }), [
            "input",
            "eventId",
          ]),
        ],
      };
    }
    requested.set(pair, input); // the same alias deciding again (a lost race) is not another redelivery
    const delivery = WebhookDeliveriesRepo.newDelivery({
      endpointId: endpoint.endpointId,
      event: delivered,
      now: ctx.now,
      // A new delivery of its own: a ULID sorts after the first (`0`) and after earlier redeliveries.
      // The request's effect id: one per attempt, or the one a dead attempt's claim named when this
      // attempt takes it over (the previous release's one-item path), so both name the same item.
      sequence: request.effectId,
      requestedBy: { keyId: ctx.principal.principalId, side: Events.sideOf(ctx.principal) },
    });
    return {
      // A redelivery re-sends an event and records none (test/events/catalog.ts NO_EVENT). Two items, the
      // delivery and the event's guard, so the normal keyed path: the key's record in the same transaction.
      kind: "write",
      writes: WebhookDeliveriesRepo.redeliveryWrites(ctx.db, delivery, guard),
      events: [],
      payload: { delivery },
      async onConditionFailed(failed) {
        // Another redelivery of the event landed since the guard was read: decide again, on what it left.
        if (failed.includes(0)) return [redeliveredMeanwhile()];
        throw new Error("redeliverWebhookEvent: a fresh delivery id collided with an existing delivery.");
      },
    };
  },
  // A key claimed by the previous release, whose redelivery was one item written alone: a retry under it still
  // answers from the delivery that claim's attempt wrote (oneItemEffect.ts, awaitClaim).
  answerOfItem: (_ctx, item) => ({ delivery: WebhookDeliveriesRepo.asCreated(WebhookDeliveriesRepo.fromItem(item)) }),
};

/** A race lost to another redelivery of the event: decided again (mutation.ts), answered only if it keeps losing. */
const redeliveredMeanwhile = () =>
  Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "redeliveries" }), [
    "input",
    "eventId",
  ]);

export const webhookDeliveryResolvers: Resolvers = {
  Query: {
    async webhookDeliveries(_root, args, ctx) {
      const scope = scopeFor(ctx, args.sellerId, "READ");
      const filter = { endpointId: args.endpointId, eventId: args.eventId ?? null, status: args.status ?? null };
      const cursorScope = { list: "webhookDeliveries", args: { scope, ...filter } };
      const request = pageRequest(ctx, cursorScope, args);
      // The log of an endpoint whose item this code cannot read is still shown: only its owner is needed here.
      const endpoint = await managedEndpoint(ctx, scope, args.endpointId);
      // Likewise an event id no event can have: no delivery of the endpoint is for it.
      const noEvent = args.eventId != null && !Inputs.couldBeId(args.eventId);
      if (!endpoint || noEvent)
        return toConnection(ctx, cursorScope, request, { items: [], hasNextPage: false, resumeKey: null });
      const page = await WebhookDeliveriesRepo.logPage(ctx.db, filter, request);
      // A delivery item this code cannot read (a newer release's, a hand edit) is left out of the page, logged, rather
      // than failing the whole log: its owner still sees the rest, and pages past it (a page that ends with it resumes
      // after it: `resumeKey`).
      const items = page.items.filter((edge): edge is { item: WebhookDelivery; key: (typeof edge)["key"] } => {
        if (WebhookDeliveriesRepo.isReadable(edge.item)) return true;
        ctx.logger.error("webhook delivery log left out a delivery it cannot read", { ...edge.item });
        return false;
      });
      return toConnection(ctx, cursorScope, request, { ...page, items });
    },
  },
  Mutation: {
    redeliverWebhookEvent: (_root, { input }, ctx) => runMutation(ctx, redeliverWebhookEvent, input),
  },
  WebhookDelivery: {
    id: (d) => `${d.endpointId}/${d.eventId}/${d.sequence}`,
    redelivery: (d) => d.sequence !== WebhookDeliveriesRepo.FIRST_DELIVERY,
    // The key id to its own side and operators only, as an event's actor (the seller never learns an operator's key).
    requestedBy: (d, _args, ctx) =>
      d.requestedBy === null
        ? null
        : Events.actorSeenBy(ctx.principal, { actorKeyId: d.requestedBy, actorSide: d.requestedBySide }),
  },
};
