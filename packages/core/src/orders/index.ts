import * as z from "zod";
import { ok, refuse, userError, type Result } from "../errors";
import { CountryCode } from "../geo";
import { checkVersion, IdInput, Text, VersionInput } from "../inputs";
import { MoneyInput, StoredMoney, type Money } from "../money";
import { addMs, DAY_MS, HOUR_MS, InstantInput, toMs, type Instant } from "../time";

/**
 * An order as the marketplace reports it, and the one deadline this product exists to protect:
 * `shipBy`. Late and at-risk are derived from `shipBy` and the clock whenever they are read.
 */

export const ORDER_STATUSES = ["AWAITING_SHIPMENT", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Why an order was cancelled; who asked decides whether it counts against the seller. */
export const CANCEL_REASONS = ["BUYER_REQUESTED", "OUT_OF_STOCK", "UNABLE_TO_SHIP", "SUSPECTED_FRAUD", "OTHER"] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Cancellations the buyer asked for do not count against the seller; every other one does. */
export function cancelledBySeller(reason: CancelReason): boolean {
  return reason !== "BUYER_REQUESTED";
}

/**
 * What caused a shipping problem; the seller guide gives each cause its own remedy.
 * SUSPECTED_PLATFORM_ERROR is a system error not confirmed yet: its plan starts with contacting
 * platform support (a to-do until the ticket is recorded), and nothing tells the buyer whose fault it was.
 */
export const INCIDENT_CAUSES = ["HUMAN_ERROR", "SYSTEM_ERROR", "SUSPECTED_PLATFORM_ERROR", "UNKNOWN"] as const;
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/** An order keeps at most this many incidents: they are stored on the order item, and 10 keep its worst case near 170 KB (test/reliability/item-growth.test.ts). */
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

export const Incident = z.object({
  id: z.string(),
  cause: z.enum(INCIDENT_CAUSES),
  note: z.string(),
  supportTicketRef: z.string().nullable(),
  recordedAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;

export const OrderItem = z.object({
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  unitPrice: StoredMoney.nullable().optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

/** The stored shape of an order; items read from the table are parsed with it, never cast. */
export const Info = z.object({
  id: z.string(),
  sellerId: z.string(),
  marketplaceOrderId: z.string(),
  status: z.enum(ORDER_STATUSES),
  items: z.array(OrderItem),
  buyerTotal: StoredMoney,
  settlementAmount: StoredMoney,
  buyerCountry: z.string(),
  placedAt: z.string(),
  handlingDays: z.number().int().nullable(),
  shipBy: z.string(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  expedited: z.boolean().default(false),
  expeditedAt: z.string().nullable().default(null),
  deliveredAt: z.string().nullable().default(null),
  cancelledAt: z.string().nullable().default(null),
  cancelReason: z.enum(CANCEL_REASONS).nullable().default(null),
  cancelNote: z.string().nullable().default(null),
  incidents: z.array(Incident).default([]),
  /** Refunded to the buyer so far, across all cases, in the order currency. */
  refundedMinor: z.number().int().default(0),
  /** Accepted compensation so far (coupons, discounts, gifts…), in the order currency. */
  compensatedMinor: z.number().int().default(0),
  /**
   * The order's cases that are still open, kept in the same transaction as every case change so
   * a page of orders can load them in one batch (order risk) instead of one query per order.
   */
  openCaseIds: z.array(z.string()).default([]),
  /**
   * The order's one late-shipment case, however it was opened (by the late-order job, or by the
   * seller's side before the job saw the order): a second one is refused, and the job adopts it.
   * Null on orders stored before this field existed; `Cases.lateShipmentCaseOf` reads those.
   */
  lateShipmentCaseId: z.string().nullable().default(null),
  /** When the late-order job saw the order enter the at-risk window. */
  atRiskFlaggedAt: z.string().nullable().default(null),
  /** When the late-order job saw the order pass `shipBy` unshipped (and opened its case). */
  lateFlaggedAt: z.string().nullable().default(null),
  /** When the late-order job should look at the order next; null once there is nothing left to flag. */
  nextCheckAt: z.string().nullable().default(null),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof Info>;

export const CreateInput = z.strictObject({
  marketplaceOrderId: IdInput("The marketplace order id"),
  items: z
    .array(
      z.strictObject({
        sku: Text(64, "The SKU"),
        title: Text(200, "The item title"),
        quantity: z.number().int().min(1, "Quantity is at least 1.").max(10_000, "Quantity is at most 10000."),
        unitPrice: MoneyInput.nullish(),
      }),
    )
    .min(1, "An order has at least one item.")
    .max(100, "An order has at most 100 items."),
  buyerTotal: MoneyInput,
  settlementAmount: MoneyInput,
  buyerCountry: CountryCode,
  placedAt: InstantInput,
  handlingDays: z.number().int().min(1, "Handling time is at least 1 day.").nullish(),
  shipBy: InstantInput.nullish(),
});
export type CreateInput = z.output<typeof CreateInput>;

export const ShipInput = z.strictObject({
  orderId: IdInput("The order id"),
  carrier: Text(64, "The carrier"),
  trackingNumber: z
    .string()
    .trim()
    .min(4, "A tracking number has at least 4 characters.")
    .max(64, "A tracking number is at most 64 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "A tracking number has letters, digits and dashes only."),
  shippedAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});
export type ShipInput = z.output<typeof ShipInput>;

/**
 * Decides a new order from validated input: checks what a schema cannot (currencies against the
 * seller, dates against each other and the clock) and derives `shipBy`.
 */
export function create(args: {
  id: string;
  sellerId: string;
  settlementCurrency: string;
  input: CreateInput;
  now: Instant;
  rules?: OrderRules;
}): Result<Order> {
  const { input, now } = args;
  const rules = args.rules ?? defaultOrderRules;

  if (input.settlementAmount.currency !== args.settlementCurrency) {
    return refuse(
      userError(
        "CURRENCY_MISMATCH",
        `The settlement amount must be in the seller's settlement currency ${args.settlementCurrency}.`,
        ["input", "settlementAmount", "currency"],
      ),
    );
  }
  const mismatchedItem = input.items.findIndex(
    (item) => item.unitPrice != null && item.unitPrice.currency !== input.buyerTotal.currency,
  );
  if (mismatchedItem >= 0) {
    return refuse(
      userError("CURRENCY_MISMATCH", `Item prices must be in the order currency ${input.buyerTotal.currency}.`, [
        "input",
        "items",
        mismatchedItem,
        "unitPrice",
        "currency",
      ]),
    );
  }
  if (toMs(input.placedAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(userError("INVALID_INPUT", "placedAt cannot be in the future.", ["input", "placedAt"]));
  }

  const shipBy = deriveShipBy(input, rules);
  if (!shipBy.ok) return shipBy;

  const order: Order = {
    id: args.id,
    sellerId: args.sellerId,
    marketplaceOrderId: input.marketplaceOrderId,
    status: "AWAITING_SHIPMENT",
    items: input.items.map((item) => ({ ...item, unitPrice: item.unitPrice ?? null })),
    buyerTotal: input.buyerTotal,
    settlementAmount: input.settlementAmount,
    buyerCountry: input.buyerCountry,
    placedAt: input.placedAt,
    handlingDays: input.handlingDays ?? null,
    shipBy: shipBy.value,
    shippedAt: null,
    carrier: null,
    trackingNumber: null,
    expedited: false,
    expeditedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    cancelReason: null,
    cancelNote: null,
    incidents: [],
    refundedMinor: 0,
    compensatedMinor: 0,
    openCaseIds: [],
    lateShipmentCaseId: null,
    atRiskFlaggedAt: null,
    lateFlaggedAt: null,
    nextCheckAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ok(withNextCheck(order, rules));
}

/** `shipBy` is either given, or `placedAt` plus the handling time in whole days; exactly one of the two. */
export function deriveShipBy(
  input: Pick<CreateInput, "placedAt" | "handlingDays" | "shipBy">,
  rules: OrderRules = defaultOrderRules,
): Result<Instant> {
  const hasDays = input.handlingDays != null;
  const hasShipBy = input.shipBy != null;
  if (hasDays === hasShipBy) {
    return refuse(
      userError("INVALID_INPUT", "Give either handlingDays or shipBy, exactly one of them.", [
        "input",
        hasDays ? "shipBy" : "handlingDays",
      ]),
    );
  }
  if (hasDays) {
    if (input.handlingDays! > rules.maxHandlingDays) {
      return refuse(
        userError("INVALID_INPUT", `Handling time is at most ${rules.maxHandlingDays} days.`, ["input", "handlingDays"]),
      );
    }
    return ok(addMs(input.placedAt, input.handlingDays! * DAY_MS));
  }
  const shipBy = input.shipBy!;
  if (toMs(shipBy) <= toMs(input.placedAt)) {
    return refuse(userError("INVALID_INPUT", "shipBy must be after placedAt.", ["input", "shipBy"]));
  }
  if (toMs(shipBy) > toMs(input.placedAt) + rules.maxHandlingDays * DAY_MS) {
    return refuse(
      userError("INVALID_INPUT", `shipBy is at most ${rules.maxHandlingDays} days after placedAt.`, ["input", "shipBy"]),
    );
  }
  return ok(shipBy);
}

/** The order lifecycle: which action leads from which status to which. */
export const TRANSITIONS = {
  ship: { from: ["AWAITING_SHIPMENT"], to: "SHIPPED" },
  deliver: { from: ["SHIPPED"], to: "DELIVERED" },
  cancel: { from: ["AWAITING_SHIPMENT"], to: "CANCELLED" },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type OrderAction = keyof typeof TRANSITIONS;

export function checkTransition(order: Order, action: OrderAction): Result<OrderStatus> {
  const rule = TRANSITIONS[action];
  if (!(rule.from as readonly OrderStatus[]).includes(order.status)) {
    return refuse(
      userError(
        "INVALID_TRANSITION",
        `Cannot ${action} an order that is ${order.status}; only from ${rule.from.join(" or ")}.`,
        null,
      ),
    );
  }
  return ok(rule.to);
}

/** Records the shipment: carrier and tracking number, only while the order awaits shipment. */
export function markShipped(order: Order, input: ShipInput, now: Instant, rules: OrderRules = defaultOrderRules): Result<Order> {
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "ship");
  if (!next.ok) return next;
  const shippedAt = input.shippedAt ?? now;
  if (toMs(shippedAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(userError("INVALID_INPUT", "shippedAt cannot be in the future.", ["input", "shippedAt"]));
  }
  if (toMs(shippedAt) < toMs(order.placedAt)) {
    return refuse(userError("INVALID_INPUT", "shippedAt cannot be before the order was placed.", ["input", "shippedAt"]));
  }
  return ok(
    changed(order, now, rules, {
      status: next.value,
      shippedAt,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
    }),
  );
}

/** Unshipped past its deadline. */
export function isLate(order: Pick<Order, "status" | "shipBy">, now: Instant): boolean {
  return order.status === "AWAITING_SHIPMENT" && toMs(now) > toMs(order.shipBy);
}

/** Unshipped, deadline not passed yet but within the at-risk window. */
export function isAtRisk(order: Pick<Order, "status" | "shipBy">, now: Instant, rules: OrderRules = defaultOrderRules): boolean {
  const left = toMs(order.shipBy) - toMs(now);
  return order.status === "AWAITING_SHIPMENT" && left >= 0 && left <= rules.atRiskWindowMs;
}

/** Milliseconds to `shipBy` (negative once overdue); null once the order no longer waits for shipment. */
export function timeLeftMs(order: Pick<Order, "status" | "shipBy">, now: Instant): number | null {
  if (order.status !== "AWAITING_SHIPMENT") return null;
  return toMs(order.shipBy) - toMs(now);
}

/** Shipped after the deadline (null while not shipped). */
export function shippedLate(order: Pick<Order, "shippedAt" | "shipBy">): boolean | null {
  if (!order.shippedAt) return null;
  return toMs(order.shippedAt) > toMs(order.shipBy);
}

export type { Money };

/**
 * Money given back on the order (a refund remedy, an accepted offer): the totals the compensation
 * policy checks, under a new version so racing refunds cannot both pass the check.
 */
export function moneyBack(order: Order, now: Instant, totals: Partial<Pick<Order, "refundedMinor" | "compensatedMinor">>): Order {
  return { ...order, ...totals, version: order.version + 1, updatedAt: now };
}

/** The next state of an order: one more version, the change time, and the job's next check recomputed. */
export function changed(order: Order, now: Instant, rules: OrderRules, fields: Partial<Order>): Order {
  return withNextCheck({ ...order, ...fields, version: order.version + 1, updatedAt: now }, rules);
}

/**
 * When the late-order job should look at an order next: the start of the at-risk window, then
 * `shipBy`; never once it is flagged late, shipped or cancelled (it leaves the job's index).
 */
export function nextCheckAt(order: Order, rules: OrderRules = defaultOrderRules): Instant | null {
  if (order.status !== "AWAITING_SHIPMENT" || order.lateFlaggedAt) return null;
  if (order.atRiskFlaggedAt) return order.shipBy;
  return addMs(order.shipBy, -rules.atRiskWindowMs);
}

function withNextCheck(order: Order, rules: OrderRules): Order {
  return { ...order, nextCheckAt: nextCheckAt(order, rules) };
}

export const ExpediteInput = z.strictObject({
  orderId: IdInput("The order id"),
  expectedVersion: VersionInput,
});
export type ExpediteInput = z.output<typeof ExpediteInput>;

/** Marks an unshipped order for expedited handling: the second step of the "forgot to ship" remedy. */
export function expedite(order: Order, input: ExpediteInput, now: Instant, rules: OrderRules = defaultOrderRules): Result<Order> {
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  if (order.status !== "AWAITING_SHIPMENT") {
    return refuse(userError("INVALID_TRANSITION", `Cannot expedite an order that is ${order.status}; only from AWAITING_SHIPMENT.`));
  }
  if (order.expedited) {
    return refuse(userError("INVALID_TRANSITION", `The order is already expedited (since ${order.expeditedAt}).`));
  }
  return ok(changed(order, now, rules, { expedited: true, expeditedAt: now }));
}

export const CancelInput = z.strictObject({
  orderId: IdInput("The order id"),
  reason: z.enum(CANCEL_REASONS),
  note: z.string().trim().max(1000, "A note is at most 1000 characters.").nullish(),
  expectedVersion: VersionInput,
});
export type CancelInput = z.output<typeof CancelInput>;

/** Cancels an order that has not shipped; it leaves the late-order job's index. */
export function cancel(order: Order, input: CancelInput, now: Instant, rules: OrderRules = defaultOrderRules): Result<Order> {
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "cancel");
  if (!next.ok) return next;
  return ok(
    changed(order, now, rules, { status: next.value, cancelledAt: now, cancelReason: input.reason, cancelNote: input.note || null }),
  );
}

export const DeliverInput = z.strictObject({
  orderId: IdInput("The order id"),
  deliveredAt: InstantInput.nullish(),
  expectedVersion: VersionInput,
});
export type DeliverInput = z.output<typeof DeliverInput>;

/** Records delivery of a shipped order. */
export function markDelivered(order: Order, input: DeliverInput, now: Instant, rules: OrderRules = defaultOrderRules): Result<Order> {
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "deliver");
  if (!next.ok) return next;
  const deliveredAt = input.deliveredAt ?? now;
  if (toMs(deliveredAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(userError("INVALID_INPUT", "deliveredAt cannot be in the future.", ["input", "deliveredAt"]));
  }
  if (order.shippedAt && toMs(deliveredAt) < toMs(order.shippedAt)) {
    return refuse(userError("INVALID_INPUT", "deliveredAt cannot be before the order was shipped.", ["input", "deliveredAt"]));
  }
  return ok(changed(order, now, rules, { status: next.value, deliveredAt }));
}

export const IncidentInput = z.strictObject({
  orderId: IdInput("The order id"),
  cause: z.enum(INCIDENT_CAUSES),
  note: Text(2000, "The note"),
  supportTicketRef: z.string().trim().min(1).max(128, "A support ticket reference is at most 128 characters.").nullish(),
  expectedVersion: VersionInput,
});
export type IncidentInput = z.output<typeof IncidentInput>;

/**
 * Records what went wrong with an order's shipping. A confirmed system error must carry the
 * platform support ticket: the guide says to contact platform support first, with the order
 * records. A suspected one may come without it (contacting support is then the plan's first to-do)
 * and the ticket is recorded later with another incident carrying `supportTicketRef`.
 */
export function recordIncident(
  order: Order,
  input: IncidentInput,
  incidentId: string,
  now: Instant,
  rules: OrderRules = defaultOrderRules,
): Result<Order> {
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  if (input.cause === "SYSTEM_ERROR" && !input.supportTicketRef) {
    return refuse(
      userError(
        "INVALID_INPUT",
        "supportTicketRef is required for a SYSTEM_ERROR: contact platform support first, or record SUSPECTED_PLATFORM_ERROR until the fault is confirmed.",
        ["input", "supportTicketRef"],
      ),
    );
  }
  if (order.status === "CANCELLED" || order.status === "DELIVERED") {
    return refuse(userError("INVALID_TRANSITION", `Cannot record a shipping incident on an order that is ${order.status}.`));
  }
  if (order.incidents.length >= MAX_INCIDENTS) {
    return refuse(userError("LIMIT_REACHED", `An order keeps at most ${MAX_INCIDENTS} incidents; this one has reached that cap.`, ["input", "orderId"]));
  }
  const incident: Incident = {
    id: incidentId,
    cause: input.cause,
    note: input.note,
    supportTicketRef: input.supportTicketRef ?? null,
    recordedAt: now,
  };
  return ok(changed(order, now, rules, { incidents: [...order.incidents, incident] }));
}

/** What the late-order job decides for an order whose check time has come. */
export type DeadlineCheck =
  | { kind: "late"; order: Order }
  | { kind: "atRisk"; order: Order }
  /** Nothing to flag now; the order's next check moves (e.g. after a change of the window). */
  | { kind: "reschedule"; order: Order }
  | { kind: "nothing" };

/**
 * The late-order job's rule: past `shipBy` unshipped → flagged late (and an incident case is
 * opened with it); inside the window → flagged at risk and re-keyed to `shipBy`.
 */
export function checkDeadline(order: Order, now: Instant, rules: OrderRules = defaultOrderRules): DeadlineCheck {
  if (order.status !== "AWAITING_SHIPMENT" || order.lateFlaggedAt) return { kind: "nothing" };
  if (isLate(order, now)) {
    return { kind: "late", order: changed(order, now, rules, { lateFlaggedAt: now }) };
  }
  if (!order.atRiskFlaggedAt && toMs(order.shipBy) - toMs(now) <= rules.atRiskWindowMs) {
    return { kind: "atRisk", order: changed(order, now, rules, { atRiskFlaggedAt: now }) };
  }
  const next = nextCheckAt(order, rules);
  if (next !== order.nextCheckAt) return { kind: "reschedule", order: { ...order, nextCheckAt: next } };
  return { kind: "nothing" };
}
