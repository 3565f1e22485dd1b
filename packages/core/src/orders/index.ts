import { z } from "zod";
import { ok, refuse, userError, type Result } from "../errors";
import { CountryCode } from "../geo";
import { MoneyInput, type Money } from "../money";
import { addMs, DAY_MS, HOUR_MS, InstantInput, toMs, type Instant } from "../time";

/**
 * An order as the marketplace reports it, and the one deadline this product exists to protect:
 * `shipBy`. Late and at-risk are derived from `shipBy` and the clock whenever they are read.
 */

export const ORDER_STATUSES = ["AWAITING_SHIPMENT", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

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

const Text = (max: number, what: string) =>
  z.string().trim().min(1, `${what} cannot be empty.`).max(max, `${what} is at most ${max} characters.`);

const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const OrderItem = z.object({
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  unitPrice: MoneySchema.nullable().optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

/** The stored shape of an order; items read from the table are parsed with it, never cast. */
export const Info = z.object({
  id: z.string(),
  sellerId: z.string(),
  marketplaceOrderId: z.string(),
  status: z.enum(ORDER_STATUSES),
  items: z.array(OrderItem),
  buyerTotal: MoneySchema,
  settlementAmount: MoneySchema,
  buyerCountry: z.string(),
  placedAt: z.string(),
  handlingDays: z.number().int().nullable(),
  shipBy: z.string(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof Info>;

export const CreateInput = z.strictObject({
  marketplaceOrderId: Text(64, "The marketplace order id"),
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
  orderId: Text(64, "The order id"),
  carrier: Text(64, "The carrier"),
  trackingNumber: z
    .string()
    .trim()
    .min(4, "A tracking number has at least 4 characters.")
    .max(64, "A tracking number is at most 64 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "A tracking number has letters, digits and dashes only."),
  shippedAt: InstantInput.nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
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

  return ok({
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
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
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

/** The version check every racing update goes through: a stale `expectedVersion` is refused. */
export function checkVersion(current: { version: number }, expectedVersion: number | null | undefined): Result<true> {
  if (expectedVersion != null && expectedVersion !== current.version) {
    return refuse(
      userError(
        "VERSION_CONFLICT",
        `Expected version ${expectedVersion} but the current version is ${current.version}; reload and retry.`,
        ["input", "expectedVersion"],
      ),
    );
  }
  return ok(true);
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
  return ok({
    ...order,
    status: next.value,
    shippedAt,
    carrier: input.carrier,
    trackingNumber: input.trackingNumber,
    version: order.version + 1,
    updatedAt: now,
  });
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
