import { GetCommand, type NativeAttributeValue } from "@aws-sdk/lib-dynamodb";
import { Cases, type Case, Inputs } from "@seller-ops/core";
import type { Db } from "./context";
import { stamped, upgraded } from "./shapes";
import { putIfAbsent, type TransactItem } from "./transact";

/**
 * One guard per (order, refund reference) in the Orders table: `ORDER_REFUND#<orderId>#<reference>` / `GUARD`. A
 * marketplace's refund id names one refund of the order, on whichever case it is recorded: the guard is written,
 * only if absent, in the transaction that records the refund, so the reference is taken once even when the order's
 * other cases are read from an index that lags, or two cases record it at once (as `marketplaceOrderGuard` does
 * for a marketplace order id). Refunds recorded before the guard existed have none: their cases are still read.
 */

const PK_PREFIX = "ORDER_REFUND#";

/**
 * Keyed by the reference folded (`Inputs.foldedIdentifier`): a reference an earlier release stored as typed
 * (`ＲＦ１２３`) and the same one sent folded today (`RF123`) take one guard.
 */
export const refundGuardKey = (orderId: string, reference: string) => ({
  pk: `${PK_PREFIX}${orderId}#${Inputs.foldedIdentifier(reference)}`,
  sk: "GUARD",
});

/** What the guard names: the refund that holds the reference, and its case. */
export interface RefundGuard {
  orderId: string;
  reference: string;
  caseId: string;
  remedyId: string;
  kind: Cases.RemedyKind;
  amount: Cases.Remedy["amount"];
  recordedAt: string;
}

function toItem(guard: RefundGuard): Record<string, NativeAttributeValue> {
  return stamped("refundReferenceGuard", { ...refundGuardKey(guard.orderId, guard.reference), ...guard });
}

/** The guard of one refund with a reference (`Cases.newRefundReferences`) recorded on case `c`. */
export function refundGuardOf(c: Pick<Case, "id" | "orderId">, remedy: Cases.Remedy): RefundGuard {
  return {
    orderId: c.orderId,
    reference: remedy.reference!,
    caseId: c.id,
    remedyId: remedy.id,
    kind: remedy.kind,
    amount: remedy.amount,
    recordedAt: remedy.recordedAt,
  };
}

/** The write of a guard, only if absent: a reference is taken once, and a guard is never overwritten. */
export function refundGuardWrite(db: Db, guard: RefundGuard): TransactItem {
  return putIfAbsent(db.tables.Orders, toItem(guard));
}

/** The guards a case change takes: one per refund with a reference it records (`Cases.newRefundReferences`). */
export function refundGuardWrites(db: Db, before: Case, after: Case): TransactItem[] {
  return Cases.newRefundReferences(before, after).map((remedy) => refundGuardWrite(db, refundGuardOf(after, remedy)));
}

/** Whether a transaction's item is a refund guard: its failed condition means the reference is taken. */
export function isRefundGuardWrite(item: TransactItem | undefined): boolean {
  const pk = item?.Put?.Item?.pk;
  return typeof pk === "string" && pk.startsWith(PK_PREFIX) && item?.Put?.Item?.sk === "GUARD";
}

/** The guard of a reference on the order, strongly consistent (it decides a refusal); null when it is free. */
export async function getRefundGuard(db: Db, orderId: string, reference: string): Promise<RefundGuard | null> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tables.Orders, Key: refundGuardKey(orderId, reference), ConsistentRead: true }),
  );
  if (!result.Item) return null;
  const { pk: _pk, sk: _sk, shape: _shape, ...guard } = upgraded("refundReferenceGuard", result.Item);
  return guard as unknown as RefundGuard;
}
