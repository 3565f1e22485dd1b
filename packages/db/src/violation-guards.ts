import { Deposits, type DepositViolation, Time } from "@seller-ops/core";
import type { Db } from "./context";
import { queryAll } from "./pagination";
import { stamped, readItem } from "./shapes";
import { putIfAbsent, type TransactItem } from "./transact";

/**
 * The uniqueness guard of one violation (`Deposits.violationOf`: seller, kind, severity, occurred instant), in the
 * Deposits table: it names the violation that records it. It carries no index attribute, so no index holds it, and
 * its key is not in a seller's violation partition (`SELLER#<id>` / `VIOLATION#...`), so listing violations skips it.
 */
export const violationGuardKey = (
  violation: Pick<DepositViolation, "sellerId" | "kind" | "severity" | "occurredAt">,
) => ({
  pk: `DEPOSIT_VIOLATION#${Deposits.violationOf(violation)}`,
  sk: "GUARD",
});

/** What `findViolationInForce` answers: the violation in force recording it, or the voided records of it. */
export interface ViolationGuardState {
  /** The violation in force that records it already (refuse with DUPLICATE_VIOLATION); null when there is none. */
  existingId: string | null;
  /**
   * With none in force, the voided records of the same violation, last recorded first, at most
   * `GUARD_TAKEOVER_CANDIDATES`: the guard, if there is one, names one of them, and the new record takes it over.
   */
  voidedIds: string[];
}

/**
 * How many voided records the guard's takeover condition names (DynamoDB's IN takes at most 100 operands). Each record
 * after the first needs the one before it voided, so the guard names the last recorded; the rest are margin.
 */
const GUARD_TAKEOVER_CANDIDATES = 20;

/**
 * Whether the violation is recorded already and in force: one strongly consistent Query on the seller's violation
 * partition (a seller has a handful of violations; no index). The guard itself is not read: the partition holds
 * every record the guard can name, and the guard's condition in the transaction checks it (`violationGuardWrite`).
 * The partition also finds a violation recorded before guards existed (the same violation spelled at any offset). A
 * voided violation does not count: the same violation may be recorded again once the first is voided (a void is
 * final, and the violation still occurred at that instant).
 */
export async function findViolationInForce(
  db: Db,
  violation: Pick<DepositViolation, "sellerId" | "kind" | "severity" | "occurredAt">,
): Promise<ViolationGuardState> {
  const violations = await queryAll(
    db.doc,
    {
      TableName: db.tables.Deposits,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": `SELLER#${violation.sellerId}`, ":prefix": "VIOLATION#" },
      ConsistentRead: true,
    },
    (raw) => readItem("violation", Deposits.Violation, raw),
  );
  const same = violations
    .filter((v) => Deposits.sameViolation(v, violation))
    .sort((a, b) => Time.toMs(a.recordedAt) - Time.toMs(b.recordedAt));
  const existing = same.find((v) => v.voidedAt === null);
  if (existing) return { existingId: existing.id, voidedIds: [] };
  const lastRecordedFirst = same.reverse().slice(0, GUARD_TAKEOVER_CANDIDATES);
  return { existingId: null, voidedIds: lastRecordedFirst.map((v) => v.id) };
}

/**
 * The guard of a new violation, written in the violation's transaction (`recordViolationWrite` at index 0, this at
 * `DUPLICATE_VIOLATION_INDEX`): only if absent, or, taking over from a voided record of the violation, only while it
 * names one of `voidedIds`. Failing means the violation was recorded meanwhile (`findViolationInForce` names it).
 */
export function violationGuardWrite(db: Db, violation: DepositViolation, voidedIds: string[]): TransactItem {
  const guard = stamped("violationGuard", {
    ...violationGuardKey(violation),
    violationId: violation.id,
    createdAt: violation.recordedAt,
  });
  if (voidedIds.length === 0) return putIfAbsent(db.tables.Deposits, guard);
  const names = voidedIds.map((_, i) => `:voided${i}`);
  return {
    Put: {
      TableName: db.tables.Deposits,
      Item: guard,
      ConditionExpression: `attribute_not_exists(pk) OR violationId IN (${names.join(", ")})`,
      ExpressionAttributeValues: Object.fromEntries(voidedIds.map((id, i) => [names[i], id])),
    },
  };
}
export const DUPLICATE_VIOLATION_INDEX = 1;
