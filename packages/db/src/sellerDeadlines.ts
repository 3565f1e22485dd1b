import { Overview } from "@seller-ops/core";

/**
 * The sparse index `casesBySellerDeadline` (Cases table), which the seller overview counts its due-soon figures
 * from: a case carries its keys while it owes the seller's move (`Overview.sellerDeadline`), the seller's id and
 * `<deadline>#ANSWER` (an answer by `respondBy`) or `<deadline>#RETURN` (an open return's receipt or settlement),
 * and neither otherwise (absent, never NULL). Pure, for `CasesRepo.toItem` and the migration step alike.
 */
export const SELLER_DEADLINE_INDEX = "casesBySellerDeadline";

export function sellerDeadlineKeys(
  c: Parameters<typeof Overview.sellerDeadline>[0] & { sellerId: string },
): { deadlineSellerId: string; sellerDeadline: string } | Record<string, never> {
  const due = Overview.sellerDeadline(c);
  return due ? { deadlineSellerId: c.sellerId, sellerDeadline: `${due.by}#${due.owes}` } : {};
}

/**
 * The range-key bounds of the deadlines from `from` to `to`, both included, whatever they owe: `<from>` sorts
 * before every `<from>#…`, and `<to>#~` after every `<to>#…` (`~` sorts after the capital letters of the kinds).
 */
export const deadlineBounds = (range: { from: string; to: string }) => ({ from: range.from, to: `${range.to}#~` });

/** What a range key says the seller owes. */
export const owedBy = (sellerDeadline: string): "ANSWER" | "RETURN" | null =>
  sellerDeadline.endsWith("#ANSWER") ? "ANSWER" : sellerDeadline.endsWith("#RETURN") ? "RETURN" : null;
