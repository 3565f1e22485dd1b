import * as z from "zod/mini";
import { CASE_REASONS } from "../cases/shapes";
import { StoredMoney } from "../money";
import { HOUR_MS, type Instant } from "../time";
import { CANCELLED_BY } from "./cancellation";

/** The order as stored, its enums, and the rules its deadlines follow. */

/**
 * An order as the marketplace reports it, and the one deadline this product exists to protect:
 * `shipBy`. Late and at-risk are derived from `shipBy` and the clock whenever they are read.
 */

export const ORDER_STATUSES = ["AWAITING_SHIPMENT", "SHIPPED", "DELIVERED", "CANCELLED"] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Why an order was cancelled, in the words of whoever recorded it; the reason and who recorded it (`cancelledBy`)
 * decide together whether it counts against the seller (./cancellation.ts).
 */
export const CANCEL_REASONS = [
  "BUYER_REQUESTED",
  "OUT_OF_STOCK",
  "UNABLE_TO_SHIP",
  "SUSPECTED_FRAUD",
  "OTHER",
] as const;

export type CancelReason = (typeof CANCEL_REASONS)[number];

/**
 * What caused a shipping problem; the seller guide gives each cause its own remedy.
 * SUSPECTED_PLATFORM_ERROR is a system error not confirmed yet: its plan starts with contacting
 * platform support (a to-do until the ticket is recorded), and nothing tells the buyer whose fault it was.
 */
export const INCIDENT_CAUSES = ["HUMAN_ERROR", "SYSTEM_ERROR", "SUSPECTED_PLATFORM_ERROR", "UNKNOWN"] as const;

export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/**
 * An order keeps at most this many incidents: they are stored on the order item, and 10 keep its worst case near 170 KB
 * (test/reliability/item-growth.test.ts).
 */
export const MAX_INCIDENTS = 10;

export interface OrderRules {
  /** How long before `shipBy` an unshipped order counts as at risk. */
  atRiskWindowMs: number;
  /** How far in the future a reported `placedAt` or `shippedAt` may be (clock skew between systems). */
  clockSkewMs: number;
  /** Handling time bounds, in days, when `shipBy` is derived. */
  maxHandlingDays: number;
}

export const defaultOrderRules: OrderRules = {
  atRiskWindowMs: 24 * HOUR_MS,
  clockSkewMs: 5 * 60_000,
  maxHandlingDays: 60,
};

export const Incident = z.lazy(() =>
  z.object({
    id: z.string(),
    cause: z.enum(INCIDENT_CAUSES),
    note: z.string(),
    supportTicketRef: z.nullable(z.string()),
    recordedAt: z.string(),
  }),
);

export type Incident = z.infer<typeof Incident>;

export const OrderItem = z.lazy(() =>
  z.object({
    sku: z.string(),
    title: z.string(),
    quantity: z.number().check(z.int()),
    unitPrice: z.optional(z.nullable(StoredMoney)),
  }),
);

export type OrderItem = z.infer<typeof OrderItem>;

/**
 * What the seller did about the order's delay once it began: when they first contacted the buyer, had compensation
 * accepted (or refunded), and recorded a support ticket; and the compensation offers that may still await the buyer's
 * answer, one per case at most (each does until `expiresAt`, unless its case answers otherwise).
 */
export const DelayRemedies = z.lazy(() =>
  z.object({
    sellerContactedAt: z.nullable(z.string()),
    compensationAcceptedAt: z.nullable(z.string()),
    supportTicketAt: z.nullable(z.string()),
    offersAwaitingBuyer: z._default(
      z.array(z.object({ caseId: z.string(), madeAt: z.string(), expiresAt: z.string() })),
      () => [],
    ),
  }),
);

export type DelayRemedies = z.infer<typeof DelayRemedies>;

export const NO_DELAY_REMEDIES: DelayRemedies = {
  sellerContactedAt: null,
  compensationAcceptedAt: null,
  supportTicketAt: null,
  offersAwaitingBuyer: [],
};

/** Whether anything was done about a delay: any time set, any offer awaiting the buyer (whatever the fields are). */
export function hasDelayRemedies(d: DelayRemedies): boolean {
  return Object.values(d).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null));
}

/**
 * The stored shape of an order; items read from the table are parsed with it, never cast. Every field that may be
 * null has a default: the stored item leaves nulls out (`OrdersRepo.toItem`), so that a typical order stays within
 * the one KB a write unit pays for.
 */
export const Info = z.lazy(() =>
  z.object({
    id: z.string(),
    sellerId: z.string(),
    marketplaceOrderId: z.string(),
    status: z.enum(ORDER_STATUSES),
    items: z.array(OrderItem),
    buyerTotal: StoredMoney,
    settlementAmount: StoredMoney,
    buyerCountry: z.string(),
    placedAt: z.string(),
    handlingDays: z._default(z.nullable(z.number().check(z.int())), null),
    shipBy: z.string(),
    shippedAt: z._default(z.nullable(z.string()), null),
    carrier: z._default(z.nullable(z.string()), null),
    trackingNumber: z._default(z.nullable(z.string()), null),
    /**
     * When the marketplace (or an operator) reported that the carrier does not know `trackingNumber`: no scans ever
     * showed up (`reportInvalidTracking`). The shipment then leaves the valid-tracking count of its ship day
     * (`Stats.orderDeltas`). Null while no one reported it, and on orders stored before it was kept.
     */
    trackingInvalidAt: z._default(z.nullable(z.string()), null),
    expedited: z._default(z.boolean(), false),
    expeditedAt: z._default(z.nullable(z.string()), null),
    deliveredAt: z._default(z.nullable(z.string()), null),
    cancelledAt: z._default(z.nullable(z.string()), null),
    cancelReason: z._default(z.nullable(z.enum(CANCEL_REASONS)), null),
    /**
     * Who recorded the cancellation: the seller's side (SELLER) or the platform (PLATFORM), which decides with the
     * reason whether it counts against the seller (`cancelledBySeller`); NOT_RECORDED on orders cancelled before it
     * was kept (step `order-4-cancelled-by`). Null while the order is not cancelled.
     */
    cancelledBy: z._default(z.nullable(z.enum(CANCELLED_BY)), null),
    cancelNote: z._default(z.nullable(z.string()), null),
    incidents: z._default(z.array(Incident), []),
    /** Refunded to the buyer so far, across all cases, in the order currency. */
    refundedMinor: z._default(z.number().check(z.int()), 0),
    /** Accepted compensation so far (coupons, discounts, gifts…), in the order currency. */
    compensatedMinor: z._default(z.number().check(z.int()), 0),
    /**
     * What is held for the order's accepted refund returns not settled yet, by return id, in the order currency
     * (`Returns.holdsAfter`): held when the buyer accepts the return offer, released when the return is refunded
     * (into `refundedMinor`) or ends without a refund. No other refund may use it (`Compensation.refundableMinor`).
     * Absent (orders stored before it, and while nothing is held) reads as none: a return accepted before it holds
     * nothing.
     */
    heldForReturns: z._default(z.record(z.string(), z.number().check(z.int())), () => ({})),
    /**
     * The order's cases that are still open, kept in the same transaction as every case change so
     * a page of orders can load them in one batch (order risk) instead of one query per order.
     */
    openCaseIds: z._default(z.array(z.string()), []),
    /**
     * Which of `openCaseIds` the buyer opened (source BUYER), kept with them, so that opening a case checks each
     * source's cap without reading the open cases. Null on orders stored before, until they have no case open.
     */
    openBuyerCaseIds: z._default(z.nullable(z.array(z.string())), null),
    /**
     * The reason of each open buyer case, by its id, kept with `openBuyerCaseIds`, so that opening a case refuses a
     * second open dispute about the same thing without reading the open cases. A case opened before it was kept
     * has no entry (absent reads as none): its reason is read from the case.
     */
    openBuyerCaseReasons: z._default(z.record(z.string(), z.enum(CASE_REASONS)), () => ({})),
    /**
     * Whether a buyer dispute (a case of source BUYER) was ever opened on the order, open or not: the dispute rate
     * counts an order once, with its first dispute (`Stats.disputeDeltas`). False on new orders; null on orders
     * stored before it was kept, whose cases are then read for it.
     */
    buyerDisputed: z._default(z.nullable(z.boolean()), null),
    /**
     * Which of `openCaseIds` are system cases the platform opened (a marketplace or operator key), kept with them,
     * so that the platform's cases have a cap of their own that the seller's system cases cannot use up. Absent
     * (orders stored before, and while there are none) reads as none: a platform case opened before counts with
     * the seller's side until it closes.
     */
    openPlatformCaseIds: z._default(z.array(z.string()), []),
    /**
     * How many cases each side (`Cases.CASE_OPENERS`: BUYER, SELLER, PLATFORM) has opened on the order, open or
     * closed, for its cap in all (`ORDER_CASE_LIMITS.casesPerSide`); the late-order job's case is not counted.
     * Absent (orders stored before it, and sides that opened none) reads as 0: cases opened before it are not
     * counted.
     */
    casesOpened: z._default(z.record(z.string(), z.number().check(z.int())), () => ({})),
    /**
     * The order's one late-shipment incident (reason LATE_SHIPMENT, source SYSTEM), however it was opened (by the
     * late-order job, or by the seller's side or the platform before the job saw the order): a second one is refused,
     * and the job adopts it. Never a buyer's LATE_SHIPMENT dispute, which is a complaint of its own beside it.
     * Null on orders stored before this field existed; `Cases.lateShipmentCaseOf` reads those.
     */
    lateShipmentCaseId: z._default(z.nullable(z.string()), null),
    /**
     * What the seller did about the delay on any of the order's cases about it (`Cases.DELAY_REASONS`: its
     * late-shipment case, the buyer's not-shipped and not-received disputes), each the first time, so that the
     * remedy plan counts an apology or a compensation whichever of them it was given on, without reading every case
     * of the order. Written in the transaction of the case change that does it; all null on orders stored before.
     */
    delayRemedies: z._default(DelayRemedies, () => ({ ...NO_DELAY_REMEDIES })),
    /** When the late-order job saw the order enter the at-risk window. */
    atRiskFlaggedAt: z._default(z.nullable(z.string()), null),
    /**
     * When the seller declared the shipment (the instant `markOrderShipped` recorded it), whatever `shippedAt` it
     * claims: a shipment counts from when it is declared (`countedShippedAt`). An order recorded after it shipped was
     * declared when it shipped: its `shippedAt`, or the instant it was recorded if that is earlier (`createSteps`).
     * Null until shipped, and on orders shipped before this field existed.
     */
    shipmentDeclaredAt: z._default(z.nullable(z.string()), null),
    /** When the late-order job saw the order pass `shipBy` unshipped (and opened its case). */
    lateFlaggedAt: z._default(z.nullable(z.string()), null),
    /** When the late-order job should look at the order next; null once there is nothing left to flag. */
    nextCheckAt: z._default(z.nullable(z.string()), null),
    version: z.number().check(z.int()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export type Order = z.infer<typeof Info>;

/** What every order verb takes: the order as read, the caller's input, the instant and the rules. */
export interface OrderVerbArgs<Input> {
  order: Order;
  input: Input;
  now: Instant;
  rules?: OrderRules;
}
