import { Cases, type Case, Inputs } from "@seller-ops/core";
import { CasesRepo, MAX_PAGE_SIZE, RefundGuardsRepo, type Db, type Page } from "@seller-ops/db";
import {
  commandArgs,
  maintenanceDatabase,
  putIfStillAbsent,
  runWhenCalled,
  scanItems,
} from "../packages/local/src/maintenance";

/**
 * `npm run repair:refund-guards [-- --dry-run]`: a one-off backfill after the release in which a refund's reference
 * (the marketplace's refund id) started taking a guard item per order in the remedy's transaction
 * (`RefundGuardsRepo`). Refunds recorded before it have none, so for them DUPLICATE_REFUND still relies on the
 * eventually consistent cases index. The tool Scans the Cases table page by page (a maintenance tool may Scan; it
 * keeps nothing per case) and gives every refund with a reference the guard the service writes today: the same
 * refunds (`Cases.newRefundReferences` of the case against none), the same item (`RefundGuardsRepo.refundGuardOf`,
 * `refundGuardWrite`), only if absent, so a guard the live service wrote meanwhile is never overwritten.
 *
 * A reference on two cases of one order (the double count already happened) is a conflict for an operator: the
 * earliest-recorded refund of the order under it (then the lowest case id) is the one guarded, whatever the Scan
 * order; each other one is reported, never written. Idempotent: a second run writes 0 and reports the conflicts again.
 */

/** One refund under a reference: the guard it has or would have. */
export type GuardedRefund = RefundGuardsRepo.RefundGuard;

/** A refund whose reference another case of the order holds (or, absent a guard, recorded earlier). */
export interface RefundConflict {
  orderId: string;
  reference: string;
  /** The refund left without the guard. */
  refund: GuardedRefund;
  /** The refund that holds the guard, or in a dry run (or before its case is reached) would hold it. */
  holder: GuardedRefund;
}

export type RefundGuardOutcome =
  | { kind: "written"; guard: GuardedRefund }
  | { kind: "alreadyGuarded"; guard: GuardedRefund }
  | ({ kind: "conflict" } & RefundConflict);

export interface RefundGuardReport {
  dryRun: boolean;
  /** Case items read. */
  examined: number;
  /** Refunds with a reference on them. */
  references: number;
  /** Guards written (in a dry run: that would be written). */
  written: number;
  /** Refunds whose guard was there already (the live service's, or an earlier run's). */
  alreadyGuarded: number;
  conflicts: RefundConflict[];
}

const earliest = (a: GuardedRefund, b: GuardedRefund) =>
  a.recordedAt.localeCompare(b.recordedAt) || a.caseId.localeCompare(b.caseId) || a.remedyId.localeCompare(b.remedyId);

/** The refunds with a reference a case holds, each as the guard the service writes for it. */
const guardsOf = (c: Case): GuardedRefund[] =>
  Cases.newRefundReferences({ remedies: [] }, c).map((remedy) => RefundGuardsRepo.refundGuardOf(c, remedy));

/** Every refund of the order under `reference`, the scanned case as read; the others from the order's index. */
async function holdersOf(db: Db, c: Case, reference: string): Promise<GuardedRefund[]> {
  const holders = guardsOf(c).filter((g) => Inputs.sameIdentifier(g.reference, reference));
  let after: Page<Case>["resumeKey"] = null;
  do {
    const page = await CasesRepo.listCases(db, {
      sellerId: c.sellerId,
      filter: { orderId: c.orderId },
      page: { first: MAX_PAGE_SIZE, after },
    });
    for (const { item } of page.items) {
      if (item.id !== c.id)
        holders.push(...guardsOf(item).filter((g) => Inputs.sameIdentifier(g.reference, reference)));
    }
    after = page.resumeKey;
  } while (after);
  return holders.sort(earliest);
}

/** The outcome of one refund with a reference against the order's guard of it as stored now. */
function against(refund: GuardedRefund, held: RefundGuardsRepo.RefundGuard): RefundGuardOutcome {
  if (held.caseId === refund.caseId && held.remedyId === refund.remedyId)
    return { kind: "alreadyGuarded", guard: held };
  return { kind: "conflict", orderId: refund.orderId, reference: refund.reference, refund, holder: held };
}

async function guardRefund(db: Db, c: Case, refund: GuardedRefund, dryRun: boolean): Promise<RefundGuardOutcome> {
  const held = await RefundGuardsRepo.getRefundGuard(db, refund.orderId, refund.reference);
  if (held) return against(refund, held);
  const [keeper] = await holdersOf(db, c, refund.reference);
  if (keeper && (keeper.caseId !== refund.caseId || keeper.remedyId !== refund.remedyId)) {
    return { kind: "conflict", orderId: refund.orderId, reference: refund.reference, refund, holder: keeper };
  }
  if (dryRun || (await putIfStillAbsent(db, RefundGuardsRepo.refundGuardWrite(db, refund))))
    return { kind: "written", guard: refund };
  const now = await RefundGuardsRepo.getRefundGuard(db, refund.orderId, refund.reference);
  if (!now)
    throw new Error(`The guard of ${refund.reference} on order ${refund.orderId} failed its write and is absent.`);
  return against(refund, now);
}

export async function repairRefundGuards(
  db: Db,
  options: { dryRun?: boolean; onOutcome?: (outcome: RefundGuardOutcome) => void } = {},
): Promise<RefundGuardReport> {
  const dryRun = options.dryRun ?? false;
  const report: RefundGuardReport = {
    dryRun,
    examined: 0,
    references: 0,
    written: 0,
    alreadyGuarded: 0,
    conflicts: [],
  };
  for await (const item of scanItems(db, {
    TableName: db.tables.Cases,
    // A case's timeline events are items of its collection: only the case itself holds remedies.
    FilterExpression: "sk = :case",
    ExpressionAttributeValues: { ":case": "CASE" },
  })) {
    report.examined++;
    const c = CasesRepo.caseFromItem(item);
    for (const refund of guardsOf(c)) {
      report.references++;
      const outcome = await guardRefund(db, c, refund, dryRun);
      if (outcome.kind === "written") report.written++;
      else if (outcome.kind === "alreadyGuarded") report.alreadyGuarded++;
      else
        report.conflicts.push({
          orderId: outcome.orderId,
          reference: outcome.reference,
          refund,
          holder: outcome.holder,
        });
      options.onOutcome?.(outcome);
    }
  }
  return report;
}

const money = (amount: GuardedRefund["amount"]) => (amount ? `${amount.amountMinor} ${amount.currency}` : "no amount");
const described = (r: GuardedRefund) =>
  `case ${r.caseId} remedy ${r.remedyId} (${r.kind} ${money(r.amount)}, recorded ${r.recordedAt})`;

/** One line per outcome worth a line: a guard written (or that would be) and a conflict. */
export function outcomeLine(outcome: RefundGuardOutcome, dryRun: boolean): string | null {
  if (outcome.kind === "alreadyGuarded") return null;
  if (outcome.kind === "written") {
    const g = outcome.guard;
    return `${dryRun ? "would guard" : "guarded"} reference ${g.reference} of order ${g.orderId}: ${described(g)}`;
  }
  return (
    `CONFLICT order ${outcome.orderId} reference ${outcome.reference}: ${described(outcome.refund)} ` +
    `is also recorded on ${described(outcome.holder)}, which holds the guard`
  );
}

export function summaryLines(report: RefundGuardReport): string[] {
  const written = report.dryRun
    ? `guards to write ${report.written} (dry run: 0 written)`
    : `guards written ${report.written}`;
  const lines = [
    `Cases examined: ${report.examined}, refunds with a reference ${report.references}, ${written}, ` +
      `already guarded ${report.alreadyGuarded}, conflicts ${report.conflicts.length}`,
  ];
  if (report.conflicts.length > 0) {
    lines.push(
      `${report.conflicts.length} refund reference(s) are recorded on two cases of one order (counted twice): ` +
        "the earliest is guarded, the others are listed above as CONFLICT for an operator " +
        "(a run again lists them again).",
    );
  }
  return lines;
}

async function main() {
  const { values } = commandArgs("Usage: npm run repair:refund-guards [-- --dry-run]", {
    "dry-run": { type: "boolean", default: false },
  });
  const dryRun = values["dry-run"] ?? false;
  const report = await repairRefundGuards(maintenanceDatabase(), {
    dryRun,
    onOutcome: (outcome) => {
      const line = outcomeLine(outcome, dryRun);
      if (line) process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(`${summaryLines(report).join("\n")}\n`);
  // 2, not 1: running again does not clear a conflict (remedies are never withdrawn); it needs an operator.
  if (report.conflicts.length > 0) process.exitCode = 2;
}

runWhenCalled(import.meta.url, main);
