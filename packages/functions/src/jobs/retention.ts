import type { Logger } from "@seller-ops/api";
import { RetentionRepo, type Db } from "@seller-ops/db";
// The module itself, not the package's namespace: the job's bundle then carries only the cases functions it calls, and
// its role only the actions they send (stacks/wiring.ts, `retentionCommands`).
import * as CasesRepo from "@seller-ops/db/src/cases";
import { jobBase, scheduledHandler, sweepShards } from "./sweep";

/**
 * The retention job (hourly): redacts buyer message bodies, case evidence and deposit evidence
 * references past their retention period, reading only what is due from two sparse, sharded
 * indexes (never a Scan). Each redaction is conditional, so reruns and retries are harmless.
 */

export interface RetentionJobDeps {
  db: Db;
  clock: () => Date;
  shards: number;
  logger: Logger;
}

export interface RetentionJobReport {
  messagesRedacted: number;
  /** Cases whose evidence (one piece or more) was redacted. */
  caseEvidenceRedacted: number;
  applicationsRedacted: number;
  examined: number;
  failures: number;
  stoppedEarly: boolean;
  startedAt: string;
  durationMs: number;
}

export async function runRetentionJob(
  deps: RetentionJobDeps,
  remainingMs: () => number = () => Number.POSITIVE_INFINITY,
): Promise<RetentionJobReport> {
  const startedMs = Date.now();
  const now = deps.clock().toISOString();
  const report: RetentionJobReport = {
    messagesRedacted: 0,
    caseEvidenceRedacted: 0,
    applicationsRedacted: 0,
    examined: 0,
    failures: 0,
    stoppedEarly: false,
    startedAt: now,
    durationMs: 0,
  };
  // Both tables at once, not one after the other: a backlog of case messages that takes the whole run would
  // otherwise leave deposit evidence past its period unredacted day after day.
  const sweepTable = async (table: "Cases" | "Deposits") => {
    const swept = await sweepShards({
      shards: deps.shards,
      readPage: (shard, startKey) =>
        RetentionRepo.dueForRedaction(deps.db, { table, shard, now, startKey, limit: 100 }),
      handle: async (item) => {
        report.examined++;
        // A case item is in the index for its evidence, a timeline event for its message body.
        if (table === "Cases" && item.sk === "CASE") {
          if (await CasesRepo.redactDueEvidence(deps.db, item, now)) report.caseEvidenceRedacted++;
        } else if (await RetentionRepo.redact(deps.db, table, item, now)) {
          if (table === "Cases") report.messagesRedacted++;
          else report.applicationsRedacted++;
        }
      },
      remainingMs,
      // The item's key names what to look at (the runbook: read the failure lines, fix the cause); its keys are ids
      // only (`CASE#…`/`EVENT#…`, `DEPOSIT#…`/`APPLICATION#…`), never the body or evidence being redacted.
      onError: (error, item) =>
        deps.logger.error("redaction failed", {
          table,
          pk: item?.pk,
          sk: item?.sk,
          errorName: error?.name,
          errorMessage: error?.message,
        }),
    });
    report.failures += swept.failures;
    report.stoppedEarly ||= swept.stoppedEarly;
  };
  await Promise.all([sweepTable("Cases"), sweepTable("Deposits")]);
  report.durationMs = Date.now() - startedMs;
  return report;
}

export function createRetentionJobHandler(overrides: Partial<RetentionJobDeps> = {}) {
  const { db, clock, logger, writeMetrics } = jobBase("retention", "retention", overrides);
  const deps: RetentionJobDeps = {
    db,
    clock,
    shards: overrides.shards ?? RetentionRepo.defaultRetentionRules.shards,
    logger,
  };
  return scheduledHandler({
    service: "retention",
    logger: deps.logger,
    writeMetrics,
    run: (logger, remainingMs) => runRetentionJob({ ...deps, logger }, remainingMs),
    metrics: (r) => ({
      counts: {
        examined: r.examined,
        messagesRedacted: r.messagesRedacted,
        caseEvidenceRedacted: r.caseEvidenceRedacted,
        applicationsRedacted: r.applicationsRedacted,
        failures: r.failures,
      },
      durationMs: r.durationMs,
    }),
  });
}

export const handler = createRetentionJobHandler();
