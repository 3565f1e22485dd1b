import { DAY_MS, toMs } from "../time";
import type { Order } from "./shapes";

/** When an order was recorded here against when it says it was placed. */

/**
 * How long after its `placedAt` an order may be recorded here and still count as reported when it happened: 7 days.
 * Sellers, their ERPs and marketplace exports report orders, and a sync runs late: a nightly batch that failed and was
 * retried, a connector down over a long weekend or a week of public holidays (Golden Week, the Spring Festival), an
 * export run once a week with the settlement report. A week covers those; an order recorded later was reported after
 * the fact. It still counts everywhere, except toward the sales of a deposit term that had ended by the time it was
 * recorded (`Deposits.eligibility`): a figure the seller reports once a term is over must not move its result.
 * Fixed, not a setting: the `lateRecordedOrdersBySeller` index holds the orders recorded later than this, decided
 * when each order is written (a longer grace would strand the orders already left out of it).
 */
export const RECORDING_GRACE_MS = 7 * DAY_MS;

/** Whether the order was recorded more than `RECORDING_GRACE_MS` after the `placedAt` it reports. */
export function recordedLate(order: Pick<Order, "placedAt" | "createdAt">): boolean {
  return toMs(order.createdAt) - toMs(order.placedAt) > RECORDING_GRACE_MS;
}
