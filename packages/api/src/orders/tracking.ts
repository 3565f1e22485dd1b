import { Events, Orders, type Order, type Result } from "@seller-ops/core";
import type * as z from "zod/mini";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import { mutationInput, type MutationInput, type MutationSpec } from "../mutation";
import { orderChangeEffect, type OrderPayload } from "./change";
import { loadOrderToChange } from "./load";

/** Only the platform's side reports a tracking number unknown to the carrier. */
export function requirePlatform(ctx: Context): void {
  if (ctx.principal.role !== "MARKETPLACE" && ctx.principal.role !== "OPERATOR") {
    throw forbiddenBecause("platformReportsTracking");
  }
}

/**
 * One of the platform's tracking verbs, built from what differs between them: the order it may see
 * (`loadOrderToChange`, READ), core's decision on it, then the order under its version, the ship day's counters and
 * the one event the decision makes, in one transaction (`orderChangeEffect`). Who may call it is checked in the
 * resolvers (`requirePlatform`).
 */
function trackingVerb<S extends z.ZodMiniType, I extends MutationInput<S> & { orderId: string }>(verb: {
  name: string;
  input: S;
  decide: (args: Orders.OrderVerbArgs<I>) => Result<Order>;
  event: (after: Order, input: I) => Events.EventDraft;
}): MutationSpec<S, OrderPayload> {
  return {
    name: verb.name,
    input: verb.input,
    refusedPayload: { order: null },
    async execute(ctx, parsed) {
      // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
      const input = parsed as I;
      const read = await loadOrderToChange(ctx, input.orderId, "READ");
      if (!read.ok) return { kind: "refused", errors: read.errors };
      const before = read.value;
      const decided = verb.decide({ order: before, input, now: ctx.now, rules: ctx.config.orderRules });
      if (!decided.ok) return { kind: "refused", errors: decided.errors };
      const after = decided.value;
      return orderChangeEffect(ctx, { before, after, events: [verb.event(after, input)] });
    },
  };
}

/**
 * `reportInvalidTracking`: the platform's word that the carrier does not know an order's tracking number. A seller's
 * own word on its shipment would make the valid-tracking rate its own to set, so only the platform's side reports it
 * (a marketplace key, which relays what the marketplace's carrier checks found, or an operator). Seeing the order is
 * enough for them: a marketplace key reads its sellers' orders and changes only this about them. The order, the
 * ship day's counters and the event are one transaction (`orderChangeEffect`); a number already reported answers
 * the order and writes nothing.
 */
export const reportInvalidTracking = trackingVerb({
  name: "reportInvalidTracking",
  input: mutationInput(Orders.InvalidTrackingInput),
  decide: Orders.reportInvalidTracking,
  event: (order) => Events.orderEvent({ type: "ORDER_TRACKING_INVALID", order }),
});

/**
 * `withdrawInvalidTrackingReport`: the platform takes its report back (a scan turned up, the report named the wrong
 * order), with the same authority that made it. The shipment counts again on its ship day; the order under its
 * version, the counter and ORDER_TRACKING_REPORT_WITHDRAWN with the reason are one transaction (`orderChangeEffect`).
 * With no report standing: TRACKING_NOT_REPORTED_INVALID, nothing written.
 */
export const withdrawInvalidTrackingReport = trackingVerb({
  name: "withdrawInvalidTrackingReport",
  input: mutationInput(Orders.WithdrawInvalidTrackingReportInput),
  decide: Orders.withdrawInvalidTrackingReport,
  event: (order, input) => Events.trackingReportWithdrawnEvent({ order, reason: input.reason }),
});
