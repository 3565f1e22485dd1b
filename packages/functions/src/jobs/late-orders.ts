import { Cases, Events, Orders, Stats, type Seller } from "@seller-ops/core";
import {
  CasesRepo,
  EventsRepo,
  OrdersRepo,
  OverviewRepo,
  SellersRepo,
  StatsRepo,
  transactWrite,
  type Db,
} from "@seller-ops/db";
import type { Logger } from "@seller-ops/api";
import { changedMeanwhile, commitBound, jobBase, runDueJob, scheduledHandler, type DueJobReport } from "./sweep";

/**
 * The late-order job. Every run reads only the orders whose next check time has come, from the
 * sparse, sharded `ordersByNextCheck` index (never a Scan), and for each asks core what changed:
 * entering the at-risk window → flagged at risk and re-keyed to `shipBy`; past `shipBy` unshipped
 * → flagged late and, in the same transaction, its one `LATE_SHIPMENT` case opened (the case id
 * is derived from the order id, written only if absent) — or, when the seller's side opened one
 * first, that case adopted (the order names its one late-shipment case). Each write is conditioned on the
 * order's version, so a rerun, a retry or a concurrent run can never flag twice: a run killed
 * half-way and started again ends in the same state as one clean run. The events (ORDER_AT_RISK,
 * ORDER_LATE, CASE_OPENED) are in that transaction too; a reschedule is bookkeeping and makes none.
 */

/** The actor of the job's events. */
export const LATE_ORDERS_ACTOR = Events.jobActor("late-orders");

/** What a decision makes known: the flag, and the late-shipment case when one is opened. */
function lateOrderEvents(
  decision: Orders.DeadlineCheck,
  opened: ReturnType<typeof Cases.flagLate>["opened"],
): Events.EventDraft[] {
  switch (decision.kind) {
    case "atRisk":
      return [Events.orderEvent({ type: "ORDER_AT_RISK", order: decision.order })];
    case "late":
      return [
        Events.orderEvent({ type: "ORDER_LATE", order: decision.order }),
        ...(opened ? [Events.caseEvent({ type: "CASE_OPENED", case: opened.case })] : []),
      ];
    default:
      return [];
  }
}

export interface LateOrderJobDeps {
  db: Db;
  clock: () => Date;
  orderRules: Orders.OrderRules;
  caseRules: Cases.CaseRules;
  shards: number;
  logger: Logger;
}

export interface LateOrderJobReport extends DueJobReport {
  newlyAtRisk: number;
  newlyLate: number;
  casesOpened: number;
  /** Late orders whose late-shipment case was already there (opened through openCase): adopted, not opened again. */
  casesAdopted: number;
}

/** Orders read per Query: a page the job can finish well within its remaining time. */
const PAGE_SIZE = 100;

export async function runLateOrderJob(
  deps: LateOrderJobDeps,
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<LateOrderJobReport> {
  // One read per seller per run: the counters of a flagged order and its case are kept in the seller's days. An
  // eventually consistent read may miss a seller written a moment ago (created, its orders imported, just before
  // the run): a miss is read again strongly consistent, and a seller missing even then fails the order (counted,
  // logged, retried by the next run) rather than flag it without its counters, as the case-deadline job does. A
  // failed read or a miss is forgotten, so the seller's next order reads again rather than failing with it.
  const sellers = new Map<string, Promise<Seller>>();
  const readSeller = async (id: string): Promise<Seller> => {
    const seller =
      (await SellersRepo.getSeller(deps.db, id)) ?? (await SellersRepo.getSeller(deps.db, id, { consistent: true }));
    if (!seller) throw new Error(`Seller ${id} not found.`);
    return seller;
  };
  const sellerOf = (id: string) => {
    let read = sellers.get(id);
    if (!read) {
      read = readSeller(id);
      sellers.set(id, read);
      read.catch(() => sellers.delete(id));
    }
    return read;
  };

  const check = (report: LateOrderJobReport) => async (order: Orders.Order, stamp: () => string) => {
    report.examined++;
    const decide = (at: string) => Orders.checkDeadline({ order, now: at, rules: deps.orderRules });
    // Decided at the instant its change and events are stamped with, taken after the reads the decision needs: a
    // late order's seller (its calendar, for the counters) is read first, then the order decided again at the instant
    // after the read (still late: time only moves on), just before its one transaction.
    let now = stamp();
    const seller = decide(now).kind === "late" ? await sellerOf(order.sellerId) : null;
    if (seller) now = stamp();
    const decision = decide(now);
    if (decision.kind === "nothing") return;
    let opened: ReturnType<typeof Cases.flagLate>["opened"] = null;
    if (decision.kind === "late") {
      // The order adopts the late-shipment case it already has, or gets its one case opened and
      // listed as open, in the same write.
      const flagged = Cases.flagLate({ before: order, flagged: decision.order, now, rules: deps.caseRules });
      decision.order = flagged.order;
      opened = flagged.opened;
    }
    const writes = [
      OrdersRepo.updateOrderWrite(deps.db, order, decision.order),
      // The order's flag and its newly opened case move the seller's overview in one update.
      ...(opened
        ? OverviewRepo.caseChangeWrites(deps.db, {
            caseBefore: null,
            caseAfter: opened.case,
            orderBefore: order,
            orderAfter: decision.order,
          })
        : OverviewRepo.orderChangeWrites(deps.db, order, decision.order)),
    ];
    if (opened) writes.push(...CasesRepo.openCaseWrites(deps.db, opened));
    if (decision.kind === "late") {
      // A flagged order counts against the late-shipment rate from the flag; its case counts as opened. Both
      // move the same day's item, so their deltas go out as one update. Decided late, the order was late at
      // the first instant too (the only one, unless its seller was read): its seller is at hand.
      const { id, timeZone } = seller!;
      const deltas = Stats.merged(
        Stats.orderDeltas(order, decision.order, timeZone),
        opened ? Stats.caseDeltas(null, opened.case, order, timeZone) : {},
      );
      writes.push(...StatsRepo.counterWrites(deps.db, id, deltas));
    }
    const events = EventsRepo.writesFor(deps.db, {
      drafts: lateOrderEvents(decision, opened),
      occurredAt: now,
      actorKeyId: LATE_ORDERS_ACTOR,
    });
    const all = [...writes, ...events.writes];
    const result = await transactWrite(deps.db.doc, all, commitBound(deps.clock, now, remainingMs));
    // The order's write (first) is conditioned on the version read; a counter's or a new case's failing is no race.
    if (!result.ok && changedMeanwhile(result.failedConditions, all, 1)) {
      report.skippedChanged++;
      return;
    }
    switch (decision.kind) {
      case "late":
        report.newlyLate++;
        if (opened) report.casesOpened++;
        else report.casesAdopted++;
        deps.logger.info("order flagged late", {
          orderId: order.id,
          sellerId: order.sellerId,
          shipBy: order.shipBy,
          caseId: decision.order.lateShipmentCaseId,
          adopted: !opened,
        });
        break;
      case "atRisk":
        report.newlyAtRisk++;
        break;
      case "reschedule":
        report.rescheduled++;
        break;
      default: {
        const unexpected: never = decision;
        throw new Error(`Unexpected decision ${JSON.stringify(unexpected)}`);
      }
    }
  };

  return runDueJob({
    clock: deps.clock,
    counts: { newlyAtRisk: 0, newlyLate: 0, casesOpened: 0, casesAdopted: 0 },
    shards: deps.shards,
    readPage: async (now, shard, startKey) => {
      const page = await OrdersRepo.dueForCheck(deps.db, { shard, now, startKey, limit: PAGE_SIZE });
      return { items: page.orders, nextKey: page.nextKey };
    },
    check,
    remainingMs,
    logger: deps.logger,
    failure: { message: "order check failed", idField: "orderId" },
  });
}

/** Builds the scheduled handler; `handler` below is this with the real clock and configuration. */
export function createLateOrderJobHandler(overrides: Partial<LateOrderJobDeps> = {}) {
  const { config, db, clock, logger, writeMetrics } = jobBase("late-orders", "lateOrders", overrides);
  const deps: LateOrderJobDeps = {
    db,
    clock,
    orderRules: overrides.orderRules ?? config.orderRules,
    caseRules: overrides.caseRules ?? config.caseRules,
    shards: overrides.shards ?? OrdersRepo.defaultOrderStorageRules.checkShards,
    logger,
  };
  return scheduledHandler({
    service: "late-orders",
    logger: deps.logger,
    writeMetrics,
    run: (logger, remainingMs) => runLateOrderJob({ ...deps, logger }, remainingMs),
    metrics: (r) => ({
      counts: {
        examined: r.examined,
        newlyAtRisk: r.newlyAtRisk,
        newlyLate: r.newlyLate,
        casesOpened: r.casesOpened,
        failures: r.failures,
      },
      durationMs: r.durationMs,
    }),
  });
}

export const handler = createLateOrderJobHandler();
