import { Cases, Errors, Events, I18n, Orders, Stats, type Case, type Order } from "@seller-ops/core";
import { CasesRepo, OrdersRepo, OverviewRepo, StatsRepo, type TransactItem } from "@seller-ops/db";
import type { Context } from "../context";
import { mutationInput, type MutationSpec } from "../mutation";
import { loadOrderForWrite } from "./load";

/**
 * `cancelOrder`: the order's change and, in the same transaction, its late-shipment incident ended with it
 * (`Cases.resolvedByCancellation`): the case under its version, its RESOLVED entry and CASE_DECIDED event, the
 * order's open cases, the counters and the overview, each written once; an offer on it past `expiresAt` has its
 * expiry recorded first, with its OFFER_LAPSED event (`Cases.afterLapse`). The order steps one version for the whole
 * change, as one change of the order. An incident left as it is (something under way on it) writes nothing of it.
 *
 * The order keeps who recorded the cancellation (`cancelledBy`, the caller's side): the seller's side, whose
 * cancellation always counts against it whatever its reason, or the platform, whose BUYER_REQUESTED and
 * SUSPECTED_FRAUD do not (`Orders.cancelledBySeller`). A marketplace key relays the buyer's cancellation request for
 * the sellers it serves: it needs only to see the order (READ, as `reportInvalidTracking`); another seller's order is
 * NOT_FOUND to it, as to every key, and it still acts as the seller nowhere else.
 */

const schema = mutationInput(Orders.CancelInput);

/** The order's late-shipment incident, read strongly consistent (its version guards the write); null without one. */
async function incidentOf(ctx: Context, order: Order): Promise<Case | null> {
  const id = Cases.lateShipmentCaseOf(order);
  return id ? CasesRepo.getCase(ctx.db, id, { consistent: true }) : null;
}

export const cancelOrder: MutationSpec<typeof schema, { order: Order | null }> = {
  name: "cancelOrder",
  input: schema,
  refusedPayload: { order: null },
  async execute(ctx, parsed) {
    // The schema is the verb's own input schema plus the idempotency key, which the pipeline took off.
    const input = parsed as Orders.CancelInput;
    const by = Orders.cancellingSide(ctx.principal);
    const read = await loadOrderForWrite(ctx, input.orderId, ctx.principal.role === "MARKETPLACE" ? "READ" : "WRITE");
    if (!read.ok) return { kind: "refused", errors: read.errors };
    const { order: before, seller } = read.value;
    const decided = Orders.cancel({ order: before, input, now: ctx.now, rules: ctx.config.orderRules, by });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const cancelled = decided.value;
    const incident = await incidentOf(ctx, before);
    const change = incident
      ? Cases.resolvedByCancellation({
          case: incident,
          order: cancelled,
          now: ctx.now,
          rules: ctx.config.caseRules,
        })
      : null;
    const withCase = change && Cases.orderAfter({ orderBefore: cancelled, change, caseBefore: incident, now: ctx.now });
    const after: Order = withCase ? { ...withCase, version: cancelled.version } : cancelled;
    const tz = seller.timeZone;
    let writes: TransactItem[];
    let events: Events.EventDraft[];
    if (incident && change) {
      writes = [
        ...CasesRepo.changeWrites(ctx.db, incident, change, before, after),
        ...StatsRepo.counterWrites(
          ctx.db,
          seller.id,
          Stats.merged(Stats.orderDeltas(before, after, tz), Stats.caseDeltas(incident, change.case, cancelled, tz)),
        ),
        ...OverviewRepo.caseChangeWrites(ctx.db, {
          caseBefore: incident,
          caseAfter: change.case,
          orderBefore: before,
          orderAfter: after,
        }),
      ];
      events = [
        Events.orderEvent({ type: "ORDER_CANCELLED", order: after }),
        ...Events.caseChangeEvents(incident, change),
      ];
    } else {
      writes = [
        OrdersRepo.updateOrderWrite(ctx.db, before, after),
        ...StatsRepo.counterWrites(ctx.db, seller.id, Stats.orderDeltas(before, after, tz)),
        ...OverviewRepo.orderChangeWrites(ctx.db, before, after),
      ];
      events = [Events.orderEvent({ type: "ORDER_CANCELLED", order: after })];
    }
    return {
      kind: "write",
      writes,
      events,
      payload: { order: after },
      async onConditionFailed(failed) {
        // The order, or its incident, changed since it was read: the caller reads again and retries.
        const what = incident && change && failed.includes(0) ? "case" : "order";
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what }), [
            "input",
            "expectedVersion",
          ]),
        ];
      },
    };
  },
};
