import { Events, Orders } from "@seller-ops/core";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import { mutationInput, type MutationSpec } from "../mutation";
import { orderChangeEffect, type OrderPayload } from "./change";
import { loadOrderToChange } from "./load";

/**
 * `reportInvalidTracking`: the platform's word that the carrier does not know an order's tracking number. A seller's
 * own word on its shipment would make the valid-tracking rate its own to set, so only the platform's side reports it
 * (a marketplace key, which relays what the marketplace's carrier checks found, or an operator). Seeing the order is
 * enough for them: a marketplace key reads its sellers' orders and changes only this about them. The order, the
 * ship day's counters and the event are one transaction (`orderChangeEffect`); a number already reported answers
 * the order and writes nothing.
 */

const schema = mutationInput(Orders.InvalidTrackingInput);

/** Only the platform's side reports a tracking number unknown to the carrier. */
export function requirePlatform(ctx: Context): void {
  if (ctx.principal.role !== "MARKETPLACE" && ctx.principal.role !== "OPERATOR") {
    throw forbiddenBecause("platformReportsTracking");
  }
}

export const reportInvalidTracking: MutationSpec<typeof schema, OrderPayload> = {
  name: "reportInvalidTracking",
  input: schema,
  refusedPayload: { order: null },
  async execute(ctx, parsed) {
    // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
    const input = parsed as Orders.InvalidTrackingInput;
    const read = await loadOrderToChange(ctx, input.orderId, "READ");
    if (!read.ok) return { kind: "refused", errors: read.errors };
    const before = read.value;
    const decided = Orders.reportInvalidTracking({ order: before, input, now: ctx.now, rules: ctx.config.orderRules });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const after = decided.value;
    // Reported before: `after` is `before`, and nothing changes, nothing is counted again.
    return orderChangeEffect(ctx, {
      before,
      after,
      events: [Events.orderEvent({ type: "ORDER_TRACKING_INVALID", order: after })],
    });
  },
};

const withdrawSchema = mutationInput(Orders.WithdrawInvalidTrackingReportInput);

/**
 * `withdrawInvalidTrackingReport`: the platform takes its report back (a scan turned up, the report named the wrong
 * order), with the same authority that made it. The shipment counts again on its ship day; the order under its
 * version, the counter and ORDER_TRACKING_REPORT_WITHDRAWN with the reason are one transaction (`orderChangeEffect`).
 * With no report standing: TRACKING_NOT_REPORTED_INVALID, nothing written.
 */
export const withdrawInvalidTrackingReport: MutationSpec<typeof withdrawSchema, OrderPayload> = {
  name: "withdrawInvalidTrackingReport",
  input: withdrawSchema,
  refusedPayload: { order: null },
  async execute(ctx, parsed) {
    const input = parsed as Orders.WithdrawInvalidTrackingReportInput;
    const read = await loadOrderToChange(ctx, input.orderId, "READ");
    if (!read.ok) return { kind: "refused", errors: read.errors };
    const before = read.value;
    const decided = Orders.withdrawInvalidTrackingReport({
      order: before,
      input,
      now: ctx.now,
      rules: ctx.config.orderRules,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const after = decided.value;
    return orderChangeEffect(ctx, {
      before,
      after,
      events: [Events.trackingReportWithdrawnEvent({ order: after, reason: input.reason })],
    });
  },
};
