import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Deposits, type DepositViolation } from "@seller-ops/core";
import type { Db } from "./context";
import { queryAll } from "./pagination";
import { stamped, upgraded } from "./shapes";
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

/** What `findViolationInForce` answers: the violation in force recording it, and the voided one its guard names. */
export interface ViolationGuardState {
  /** The violation in force that records it already (refuse with DUPLICATE_VIOLATION); null when there is none. */
  existingId: string | null;
  /** The violation the guard names, voided (or gone): the new record takes the guard over; null with no guard. */
  voidedGuarded: string | null;
}

/**
 * Whether the violation is recorded already and in force: its guard and the seller's violations, both read strongly
 * consistently (a seller has a handful of violations; one Query on the seller's violation partition, no index). The
 * partition also finds a violation recorded before guards existed (the same violation spelled at any offset). A
 * voided violation does not count: the same violation may be recorded again once the first is voided (a void is
 * final, and the violation still occurred at that instant).
 */
export async function findViolationInForce(
  db: Db,
  violation: Pick<DepositViolation, "sellerId" | "kind" | "severity" | "occurredAt">,
): Promise<ViolationGuardState> {
  const [guarded, violations] = await Promise.all([
    db.doc.send(
      new GetCommand({ TableName: db.tables.Deposits, Key: violationGuardKey(violation), ConsistentRead: true }),
    ),
    queryAll(
      db.doc,
      {
        TableName: db.tables.Deposits,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": `SELLER#${violation.sellerId}`, ":prefix": "VIOLATION#" },
        ConsistentRead: true,
      },
      (raw) => Deposits.Violation.parse(upgraded("violation", raw)),
    ),
  ]);
  const guard = guarded.Item ? upgraded("violationGuard", guarded.Item) : null;
  const guardedId = typeof guard?.violationId === "string" ? guard.violationId : null;
  const inForce = violations.filter((v) => v.voidedAt === null && Deposits.sameViolation(v, violation));
  const existing = inForce.find((v) => v.id === guardedId) ?? inForce[0];
  if (existing) return { existingId: existing.id, voidedGuarded: null };
  return { existingId: null, voidedGuarded: guardedId };
}

/**
 * The guard of a new violation, written in the violation's transaction (`recordViolationWrite` at index 0, this at
 * `DUPLICATE_VIOLATION_INDEX`): only if absent, or, taking over from a voided violation (`voidedGuarded`), only while
 * it still names that one. Failing means the violation was recorded meanwhile (`findViolationInForce` names it).
 */
export function violationGuardWrite(db: Db, violation: DepositViolation, voidedGuarded: string | null): TransactItem {
  const guard = stamped("violationGuard", {
    ...violationGuardKey(violation),
    violationId: violation.id,
    createdAt: violation.recordedAt,
  });
  if (voidedGuarded === null) return putIfAbsent(db.tables.Deposits, guard);
  return {
    Put: {
      TableName: db.tables.Deposits,
      Item: guard,
      ConditionExpression: "violationId = :voided",
      ExpressionAttributeValues: { ":voided": voidedGuarded },
    },
  };
}
export const DUPLICATE_VIOLATION_INDEX = 1;
