import { Auth, Errors, Events, I18n, Inputs, Orders, Stats, type Order } from "@seller-ops/core";
import { OrdersRepo, OverviewRepo, StatsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import { actedFor } from "../language";
import { mutationInput, type MutationSpec } from "../mutation";

/**
 * `reportInvalidTracking`: the platform's word that the carrier does not know an order's tracking number. A seller's
 * own word on its shipment would make the valid-tracking rate its own to set, so only the platform's side reports it
 * (a marketplace key, which relays what the marketplace's carrier checks found, or an operator). Seeing the order is
 * enough for them: a marketplace key reads its sellers' orders and changes only this about them. The order, the
 * ship day's counters and the event are one transaction; a number already reported answers the order and writes
 * nothing.
 */

const schema = mutationInput(Orders.InvalidTrackingInput);

/** Only the platform's side reports a tracking number unknown to the carrier. */
export function requirePlatform(ctx: Context): void {
  if (ctx.principal.role !== "MARKETPLACE" && ctx.principal.role !== "OPERATOR") {
    throw forbiddenBecause("platformReportsTracking");
  }
}

export const reportInvalidTracking: MutationSpec<typeof schema, { order: Order | null }> = {
  name: "reportInvalidTracking",
  input: schema,
  refusedPayload: { order: null },
  async execute(ctx, parsed) {
    // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
    const input = parsed as Orders.InvalidTrackingInput;
    const before = !Inputs.couldBeId(input.orderId)
      ? null
      : await OrdersRepo.getOrder(ctx.db, input.orderId, { consistent: true });
    if (!before || !Auth.canAccessSeller(ctx.principal, before.sellerId, "READ")) {
      return {
        kind: "refused",
        errors: [Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "order" }), ["input", "orderId"])],
      };
    }
    actedFor(ctx, before.sellerId);
    const decided = Orders.reportInvalidTracking({ order: before, input, now: ctx.now, rules: ctx.config.orderRules });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const after = decided.value;
    // Reported before: nothing changes, nothing is counted again.
    if (after === before) return { kind: "performed", payload: { order: after } };
    const seller = await ctx.loaders.sellerById.load(before.sellerId);
    if (!seller) throw new Error(`Order ${before.id} belongs to missing seller ${before.sellerId}.`);
    return {
      kind: "write",
      writes: [
        OrdersRepo.updateOrderWrite(ctx.db, before, after),
        ...StatsRepo.counterWrites(ctx.db, seller.id, Stats.orderDeltas(before, after, seller.timeZone)),
        ...OverviewRepo.orderChangeWrites(ctx.db, before, after),
      ],
      events: [Events.orderEvent({ type: "ORDER_TRACKING_INVALID", order: after })],
      payload: { order: after },
      async onConditionFailed() {
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "order" }), [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};
