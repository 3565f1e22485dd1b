import { Cases, Events, Returns, Stats, type Case, type Order, type Seller } from "@seller-ops/core";
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
import {
  changedMeanwhile,
  commitBound,
  jobBase,
  runDueJob,
  runTimeBound,
  scheduledHandler,
  type DueJobReport,
} from "./sweep";

/**
 * The case-deadline job, on the same rules as the late-order job: it reads only the cases whose
 * next deadline has come, from the sparse, sharded `casesByNextDeadline` index (never a Scan),
 * and asks core what happened — an offer past `expiresAt` becomes EXPIRED (the seller must answer
 * again), a case past `respondBy` still awaiting the seller is flagged once (RESPONSE_OVERDUE; a
 * buyer's case never answered counts as a first reply not on time in the seller's counters), a
 * return not shipped back by `shipBackBy` lapses (RETURN_EXPIRED, the case awaits the buyer) and a
 * seller past a return's `receiveBy` or `settleBy` is flagged once and the case escalated
 * (RETURN_OVERDUE; the escalation is counted in the seller's `casesEscalated`).
 * Each change is the case (under its version) plus its timeline entry and its event (OFFER_LAPSED,
 * CASE_OVERDUE, RETURN_EXPIRED, RETURN_OVERDUE) in one transaction, so a rerun or a crashed run
 * started again never flags twice.
 */

/** The actor of the job's events. */
export const CASE_DEADLINES_ACTOR = Events.jobActor("case-deadlines");

export interface CaseDeadlineJobDeps {
  db: Db;
  clock: () => Date;
  caseRules: Cases.CaseRules;
  shards: number;
  logger: Logger;
}

export interface CaseDeadlineJobReport extends DueJobReport {
  offersExpired: number;
  responsesOverdue: number;
  /** Cases whose response deadline came near: warned once per deadline (CASE_RESPONSE_DUE_SOON). */
  responsesDueSoon: number;
  returnsExpired: number;
  returnsEscalated: number;
}

const PAGE_SIZE = 100;

export async function runCaseDeadlineJob(
  deps: CaseDeadlineJobDeps,
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<CaseDeadlineJobReport> {
  const check = (report: CaseDeadlineJobReport) => async (c: Case, stamp: () => string) => {
    report.examined++;
    const decide = (at: string) => Cases.checkDeadlines({ case: c, now: at, rules: deps.caseRules });
    // Expiring an offer or a return, or flagging a case the seller has answered before, moves no
    // seller counter (the counters count openings, first replies, escalations, resolutions, refunds
    // and returns); a seller missing a buyer's case's first answer does (firstReplies, not on time),
    // and so does missing a return's deadline (returnsOverdue, and casesEscalated when it escalates
    // the case): only then is the seller read, for the day in its time zone. A refund return that lapses releases
    // what its order holds for it (`Returns.holdsAfter`): only then is the order read, strongly consistent, to be
    // written under its version in the same transaction (nothing else the job does touches the order). The case is
    // decided at the instant its change and event are stamped with, taken after those reads: decided again then,
    // just before its one transaction, so a slow read neither dates the change before it nor eats its commit window.
    let seller: Seller | null = null;
    let order: Order | null = null;
    let now = stamp();
    let decision = decide(now);
    // Each read at most once: what was read is at hand for whatever the case is decided at the later instant.
    while (decision.kind === "change") {
      const after = decision.change.case;
      const readSeller = !seller && Stats.movesActivityCounters(c, after);
      const readOrder = !order && Returns.endsRefundReturn(c.returns, after.returns);
      if (!readSeller && !readOrder) break;
      if (readSeller) {
        seller = await SellersRepo.getSeller(deps.db, c.sellerId);
        if (!seller) throw new Error(`Seller ${c.sellerId} of case ${c.id} not found.`);
      }
      if (readOrder) {
        order = await OrdersRepo.getOrder(deps.db, c.orderId, { consistent: true });
        if (!order) throw new Error(`Order ${c.orderId} of case ${c.id} not found.`);
      }
      now = stamp();
      decision = decide(now);
    }
    if (decision.kind === "nothing") return;
    if (decision.kind === "dueSoon") {
      const events = EventsRepo.writesFor(deps.db, {
        drafts: [Events.caseEvent({ type: "CASE_RESPONSE_DUE_SOON", case: decision.case })],
        occurredAt: now,
        actorKeyId: CASE_DEADLINES_ACTOR,
      });
      const writes = [CasesRepo.rescheduleWrite(deps.db, c, decision.case), ...events.writes];
      const result = await transactWrite(deps.db.doc, writes, commitBound(deps.clock, now, remainingMs));
      if (result.ok) report.responsesDueSoon++;
      else if (changedMeanwhile(result.failedConditions, writes, 1)) report.skippedChanged++;
      return;
    }
    if (decision.kind === "reschedule") {
      const result = await transactWrite(
        deps.db.doc,
        [CasesRepo.rescheduleWrite(deps.db, c, decision.case)],
        runTimeBound(deps.clock, remainingMs),
      );
      if (result.ok) report.rescheduled++;
      else report.skippedChanged++;
      return;
    }
    const change = decision.change;
    let counters: ReturnType<typeof StatsRepo.counterWrites> = [];
    if (Stats.movesActivityCounters(c, change.case)) {
      // A change that moves counters was decided after the seller's read (the loop above).
      const { id, timeZone } = seller!;
      counters = StatsRepo.counterWrites(deps.db, id, Stats.caseActivityDeltas(c, change.case, timeZone));
    }
    // The order, read above, is written only when the change ends a refund return (its hold released).
    const orderBefore = Returns.endsRefundReturn(c.returns, change.case.returns) ? order : null;
    const orderAfter = orderBefore && Cases.orderAfter({ orderBefore, change, caseBefore: c, now });
    const events = EventsRepo.writesFor(deps.db, {
      drafts: [Events.caseChangeEvent({ before: c, after: change.case, timeline: change.event })],
      occurredAt: now,
      actorKeyId: CASE_DEADLINES_ACTOR,
    });
    // The case's own writes (and its order's) come first, conditioned on the versions read; counters and events after.
    const own = CasesRepo.changeWrites(deps.db, c, change, orderBefore, orderAfter);
    const writes = [
      ...own,
      ...counters,
      ...OverviewRepo.caseChangeWrites(deps.db, { caseBefore: c, caseAfter: change.case, orderBefore, orderAfter }),
      ...events.writes,
    ];
    const result = await transactWrite(deps.db.doc, writes, commitBound(deps.clock, now, remainingMs));
    if (!result.ok && changedMeanwhile(result.failedConditions, writes, own.length)) {
      report.skippedChanged++;
      return;
    }
    const counted = {
      OFFER_EXPIRED: "offersExpired",
      RETURN_EXPIRED: "returnsExpired",
      RETURN_OVERDUE: "returnsEscalated",
    } as const;
    report[counted[change.event.type as keyof typeof counted] ?? "responsesOverdue"]++;
    deps.logger.info("case deadline passed", { caseId: c.id, sellerId: c.sellerId, event: decision.change.event.type });
  };

  return runDueJob({
    clock: deps.clock,
    counts: { offersExpired: 0, responsesOverdue: 0, responsesDueSoon: 0, returnsExpired: 0, returnsEscalated: 0 },
    shards: deps.shards,
    readPage: async (now, shard, startKey) => {
      const page = await CasesRepo.dueForDeadline(deps.db, { shard, now, startKey, limit: PAGE_SIZE });
      return { items: page.cases, nextKey: page.nextKey };
    },
    check,
    remainingMs,
    logger: deps.logger,
    failure: { message: "case deadline check failed", idField: "caseId" },
  });
}

export function createCaseDeadlineJobHandler(overrides: Partial<CaseDeadlineJobDeps> = {}) {
  const { config, db, clock, logger, writeMetrics } = jobBase("case-deadlines", "caseDeadlines", overrides);
  const deps: CaseDeadlineJobDeps = {
    db,
    clock,
    caseRules: overrides.caseRules ?? config.caseRules,
    shards: overrides.shards ?? CasesRepo.defaultCaseStorageRules.deadlineShards,
    logger,
  };
  return scheduledHandler({
    service: "case-deadlines",
    logger: deps.logger,
    writeMetrics,
    run: (logger, remainingMs) => runCaseDeadlineJob({ ...deps, logger }, remainingMs),
    metrics: (r) => ({
      counts: {
        examined: r.examined,
        offersExpired: r.offersExpired,
        responsesOverdue: r.responsesOverdue,
        returnsExpired: r.returnsExpired,
        returnsEscalated: r.returnsEscalated,
        failures: r.failures,
      },
      durationMs: r.durationMs,
    }),
  });
}

export const handler = createCaseDeadlineJobHandler();
