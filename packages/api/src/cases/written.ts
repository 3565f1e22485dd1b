import { Cases, Errors, I18n, type Case, type Order, type UserError } from "@seller-ops/core";
import { RefundGuardsRepo, type TransactItem } from "@seller-ops/db";
import type { Context } from "../context";

/**
 * What a case mutation wrote (or read strongly and left as it was), put into the request's loaders: the payload's
 * `case { order { refunded refundable } }` then reads the order as the mutation left it, not an eventually consistent
 * copy that may not hold the write yet (or not hold the item at all).
 */
export function primeWritten(ctx: Context, c: Case, order: Order | null): void {
  ctx.loaders.caseById.clear(c.id).prime(c.id, c);
  if (order) ctx.loaders.orderById.clear(order.id).prime(order.id, order);
}

export const versionConflict = async (): Promise<UserError[]> => [
  Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "case" }), [
    "input",
    "expectedVersion",
  ]),
];

/**
 * A case change's failed conditions. A refund guard taken (`RefundGuardsRepo`) by another case of the order is
 * DUPLICATE_REFUND naming that case and its refund: the reference was recorded there a moment ago, or at the same
 * time. Taken by this case, or anything else failed (a version): the case or order changed meanwhile, and the
 * request decides again on them (a refund sent again to its case is then answered as recorded).
 */
export async function caseChangeConflict(
  ctx: Context,
  writes: readonly TransactItem[],
  failed: readonly number[],
  c: Case,
): Promise<UserError[]> {
  for (const i of failed) {
    const write = writes[i];
    if (!write || !RefundGuardsRepo.isRefundGuardWrite(write)) continue;
    const { orderId, reference } = write.Put!.Item as { orderId: string; reference: string };
    const guard = await RefundGuardsRepo.getRefundGuard(ctx.db, orderId, reference);
    if (!guard || guard.caseId === c.id) continue;
    const { remedyId, kind, amount, caseId } = guard;
    return [Cases.duplicateRefund({ reference, remedyId, kind, amount, caseId })];
  }
  return versionConflict();
}
