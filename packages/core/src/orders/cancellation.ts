import type { Principal } from "../auth";
import { assertNever } from "../errors";
import type { CancelReason } from "./shapes";

/**
 * Who recorded an order's cancellation, kept on the order with it (`Order.cancelledBy`), and whether it counts against
 * the seller (`cancelledBySeller`, the seller-cancellation rate's numerator).
 *
 * The reason is the word of whoever records it, so it cannot excuse the seller by itself: a seller that cancels its
 * out-of-stock orders as BUYER_REQUESTED would keep a perfect rate. As marketplaces count it (Amazon's cancellation
 * rate counts every cancellation the seller made, whatever it says; only the buyer's request through the
 * marketplace's own flow is excused), a cancellation is excused only when the platform records it:
 *
 * - SELLER: the seller's side recorded it (its own key, or a partner tool acting for it). It always counts against
 *   the seller; its reason is kept as the seller's own record.
 * - PLATFORM: a marketplace key (relaying the buyer's cancellation request made through the marketplace, or its own
 *   fraud check) or an operator. BUYER_REQUESTED and SUSPECTED_FRAUD are then not the seller's: the buyer asked, or
 *   the platform stopped a payment it did not trust (a platform's fraud cancellation is the platform's decision, never
 *   the seller's failure to fulfil). Every other reason the platform records (out of stock, unable to ship) is the
 *   seller's and counts.
 * - NOT_RECORDED: cancelled before who recorded it was kept (step `order-4-cancelled-by`). Counted by its reason
 *   alone, as every cancellation was then (all but BUYER_REQUESTED), so a recount agrees with the days counted.
 */
export const CANCELLED_BY = ["SELLER", "PLATFORM", "NOT_RECORDED"] as const;

export type CancelledBy = (typeof CANCELLED_BY)[number];

/** The side a cancellation is recorded by today: never NOT_RECORDED. */
export type CancellingSide = Exclude<CancelledBy, "NOT_RECORDED">;

/** The reasons that do not count against the seller when the platform records them. */
export const PLATFORM_EXCUSED_REASONS: readonly CancelReason[] = ["BUYER_REQUESTED", "SUSPECTED_FRAUD"];

/** The side of the principal that cancels: seller and partner keys, or the platform (marketplace, operator). */
export function cancellingSide(principal: Pick<Principal, "role">): CancellingSide {
  switch (principal.role) {
    case "SELLER":
    case "PARTNER":
      return "SELLER";
    case "MARKETPLACE":
    case "OPERATOR":
      return "PLATFORM";
    default:
      return assertNever(principal.role);
  }
}

/**
 * Whether a cancellation counts against the seller: unless the platform recorded it for a reason it excuses
 * (BUYER_REQUESTED, SUSPECTED_FRAUD). One cancelled before the side was kept (NOT_RECORDED, or none) counts as it was
 * counted then: for every reason but BUYER_REQUESTED.
 */
export function cancelledBySeller(cancellation: {
  cancelReason: CancelReason;
  cancelledBy: CancelledBy | null;
}): boolean {
  const { cancelReason, cancelledBy } = cancellation;
  switch (cancelledBy) {
    case "SELLER":
      return true;
    case "PLATFORM":
      return !PLATFORM_EXCUSED_REASONS.includes(cancelReason);
    case "NOT_RECORDED":
    case null:
      return cancelReason !== "BUYER_REQUESTED";
    default:
      return assertNever(cancelledBy);
  }
}

/**
 * `cancelledBy` for an order stored before it was kept (step `order-4-cancelled-by`): NOT_RECORDED when it is
 * cancelled, so that it counts by its reason as it was counted; null when it is not.
 */
export function storedCancelledBy(item: { status?: unknown; cancelledBy?: unknown }): CancelledBy | null {
  if (typeof item.cancelledBy === "string" && (CANCELLED_BY as readonly string[]).includes(item.cancelledBy))
    return item.cancelledBy as CancelledBy;
  return item.status === "CANCELLED" ? "NOT_RECORDED" : null;
}
