import { isOpenReturn } from "./machine";
import type { Return } from "./shapes";

/**
 * The money an order holds for its open refund returns (`Order.heldForReturns`, by return id): while the buyer sends
 * the goods back, no other refund on the order (a remedy, an offer, another return) may use what a return will give
 * back, so the seller can always refund the return it promised. A return's hold starts when the buyer accepts its
 * offer (its amount; an exchange holds nothing) and ends with the return: refunded (into the order's refunded total,
 * in the same change), cancelled by the buyer, expired by the case-deadline job, voided by the platform's decision.
 * Kept by `Cases.orderAfter` from the case's returns before and after each change, so every way a return starts or
 * ends moves it, under the order's version, in the change's own transaction.
 */

type Held = Readonly<Record<string, number>>;

/**
 * The holds after a change of one case: a refund return the change started is held, a return the change ended is
 * released. A return accepted before holds were kept holds nothing and releases nothing. The same object when nothing
 * moved.
 */
export function holdsAfter(held: Held, before: readonly Return[] | null, after: readonly Return[]): Held {
  let next: Record<string, number> | null = null;
  for (const r of after) {
    const existed = before?.some((b) => b.id === r.id) ?? false;
    const amountMinor = r.refund?.amountMinor ?? 0;
    if (!existed && isOpenReturn(r.status) && r.kind === "REFUND_WITH_RETURN" && amountMinor > 0) {
      next ??= { ...held };
      next[r.id] = amountMinor;
    } else if (!isOpenReturn(r.status) && Object.hasOwn(held, r.id)) {
      next ??= { ...held };
      delete next[r.id];
    }
  }
  return next ?? held;
}

/** Whether a change of a case ends a return that may hold money on its order: the order must then be read. */
export function endsRefundReturn(before: readonly Return[], after: readonly Return[]): boolean {
  return after.some(
    (r) =>
      r.kind === "REFUND_WITH_RETURN" &&
      !isOpenReturn(r.status) &&
      before.some((b) => b.id === r.id && isOpenReturn(b.status)),
  );
}
