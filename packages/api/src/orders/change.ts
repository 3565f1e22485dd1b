import { Errors, type Events, I18n, Stats, type Order, type Seller } from "@seller-ops/core";
import { OrdersRepo, OverviewRepo, StatsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import type { Effect } from "../mutation";
import { sellerOfOrder } from "./load";

/**
 * The write set of a change to one existing order, built in one place for every verb that changes only the order
 * (`orderChange`'s verbs, `reportInvalidTracking`, `withdrawInvalidTrackingReport`): the order under the version it
 * was read at, the seller's day counters the change moves (in the seller's time zone), the overview's counters and
 * the change's events, one transaction; the idempotency record is the pipeline's, in the same transaction.
 */

export type OrderPayload = { order: Order | null };

export interface OrderChange {
  /** The order as read, strongly consistent: its version guards the write. */
  before: Order;
  /** The order as the verb decided it; the very same object when the verb changed nothing. */
  after: Order;
  events: Events.EventDraft[];
  /** The order's seller when the caller loaded it already; otherwise it is loaded only when there is a write. */
  seller?: Seller;
}

/**
 * The effect of a decided change of one order. A verb that answered the order unchanged (`after === before`: a
 * report repeated) is performed with nothing written and nothing counted again.
 */
export async function orderChangeEffect(ctx: Context, change: OrderChange): Promise<Effect<OrderPayload>> {
  const { before, after } = change;
  if (after === before) return { kind: "performed", payload: { order: after } };
  const seller = change.seller ?? (await sellerOfOrder(ctx, before));
  return {
    kind: "write",
    writes: [
      OrdersRepo.updateOrderWrite(ctx.db, before, after),
      ...StatsRepo.counterWrites(ctx.db, seller.id, Stats.orderDeltas(before, after, seller.timeZone)),
      ...OverviewRepo.orderChangeWrites(ctx.db, before, after),
    ],
    events: change.events,
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
}
