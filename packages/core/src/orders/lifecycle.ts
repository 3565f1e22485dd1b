import { text } from "../i18n/texts";
import { ok, refuse, userError, type Result } from "../errors";
import { checkVersion } from "../inputs";
import { addLocalDays, addMs, DAY_MS, HOUR_MS, toMs, type Instant } from "../time";
import { changed, expediteMarkCounts, mayExpedite, withNextCheck } from "./deadlines";
import type { CancellingSide } from "./cancellation";
import {
  sameTrackingNumber,
  type CancelInput,
  type CreateInput,
  type DeliverInput,
  type ExpediteInput,
  type IncidentInput,
  type InvalidTrackingInput,
  type ShipInput,
  type ShipmentInput,
  type WithdrawInvalidTrackingReportInput,
} from "./inputs";
import {
  defaultOrderRules,
  MAX_INCIDENTS,
  NO_DELAY_REMEDIES,
  type Incident,
  type Order,
  type OrderRules,
  type OrderStatus,
  type OrderVerbArgs,
} from "./shapes";

/** Creating an order and the verbs of its lifecycle: ship, deliver, cancel, expedite, record an incident. */

export interface CreateArgs {
  id: string;
  sellerId: string;
  settlementCurrency: string;
  input: CreateInput;
  now: Instant;
  /** The seller's time zone: handling days are its calendar days (`deriveShipBy`). */
  timeZone: string;
  rules?: OrderRules;
}

/**
 * A new order as recorded: `created`, the order as it came in (version 1, awaiting shipment), and `shipped`, when the
 * input carried its shipment, the same order shipped (version 2): what is stored, and the two versions its events
 * (ORDER_IMPORTED, ORDER_SHIPPED) record, as a create and a `markOrderShipped` would have.
 */
export interface CreatedOrder {
  created: Order;
  shipped: Order | null;
}

/** The order to store from `createSteps`: the shipped one when the input carried its shipment. */
export const storedOrder = (steps: CreatedOrder): Order => steps.shipped ?? steps.created;

/** Decides a new order (`createSteps`) and answers the order to store. */
export function create(args: CreateArgs): Result<Order> {
  const steps = createSteps(args);
  return steps.ok ? ok(storedOrder(steps.value)) : steps;
}

/**
 * Decides a new order from validated input: checks what a schema cannot (currencies against the
 * seller, dates against each other and the clock) and derives `shipBy`; with a shipment, ships it
 * (`shippedOnArrival`).
 */
export function createSteps(args: CreateArgs): Result<CreatedOrder> {
  const { input, now } = args;
  const rules = args.rules ?? defaultOrderRules;

  if (input.settlementAmount.currency !== args.settlementCurrency) {
    return refuse(
      userError(
        "CURRENCY_MISMATCH",
        text("refusal.currency.settlement", {
          what: "settlementAmount",
          currency: args.settlementCurrency,
          given: null,
        }),
        ["input", "settlementAmount", "currency"],
      ),
    );
  }
  const mismatchedItem = input.items.findIndex(
    (item) => item.unitPrice != null && item.unitPrice.currency !== input.buyerTotal.currency,
  );
  if (mismatchedItem >= 0) {
    return refuse(
      userError(
        "CURRENCY_MISMATCH",
        text("refusal.currency.order", { what: "itemPrice", currency: input.buyerTotal.currency }),
        ["input", "items", mismatchedItem, "unitPrice", "currency"],
      ),
    );
  }
  if (toMs(input.placedAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.time.future", { field: "placedAt" }), ["input", "placedAt"]),
    );
  }

  const shipBy = deriveShipBy(input, args.timeZone, rules);
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
    trackingInvalidAt: null,
    expedited: false,
    expeditedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    cancelReason: null,
    cancelledBy: null,
    cancelNote: null,
    incidents: [],
    refundedMinor: 0,
    compensatedMinor: 0,
    heldForReturns: {},
    openCaseIds: [],
    openBuyerCaseIds: [],
    openBuyerCaseReasons: {},
    buyerDisputed: false,
    openPlatformCaseIds: [],
    casesOpened: {},
    lateShipmentCaseId: null,
    delayRemedies: { ...NO_DELAY_REMEDIES },
    shipmentDeclaredAt: null,
    atRiskFlaggedAt: null,
    lateFlaggedAt: null,
    nextCheckAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const created = withNextCheck(order, rules);
  if (!input.shipment) return ok({ created, shipped: null });
  const shipped = shippedOnArrival(created, input.shipment, now, rules);
  return shipped.ok ? ok({ created, shipped: shipped.value }) : shipped;
}

/**
 * An order recorded after it shipped, shipped as `markShipped` would have shipped it had it been called at
 * `shippedAt` (the same checks: not in the future, not before `placedAt`): declared when it shipped, so it counts on
 * time or late by its real `shippedAt` against `shipBy` (`countedShippedAt`), on that day. A shipment a partner's clock
 * puts ahead of ours (within `clockSkewMs`) counts from now, as `markShipped` counts it. The late-order job never
 * examines it: a shipped order has no next check, so it never enters the job's index. Backdating cannot take back a
 * late shipment this way: an order already recorded here is a duplicate, and its shipment goes through `markShipped`.
 */
function shippedOnArrival(order: Order, shipment: ShipmentInput, now: Instant, rules: OrderRules): Result<Order> {
  const input = { orderId: order.id, ...shipment, expectedVersion: order.version };
  const shipped = markShipped({ order, input, now, rules });
  if (!shipped.ok) {
    // The same refusals, about the field of this input: `input.shipment.shippedAt`.
    return refuse(
      ...shipped.errors.map((e) =>
        userError(e.code, e.text!, e.field ? ["input", "shipment", ...e.field.slice(1)] : null),
      ),
    );
  }
  const declaredAt = toMs(shipment.shippedAt) < toMs(now) ? shipment.shippedAt : now;
  return ok({ ...shipped.value, shipmentDeclaredAt: declaredAt });
}

/**
 * `shipBy` is either given, or `placedAt` plus the handling time in whole calendar days in the seller's `timeZone`, at
 * the same local time of day (`Time.addLocalDays`); exactly one of the two.
 */
export function deriveShipBy(
  input: Pick<CreateInput, "placedAt" | "handlingDays" | "shipBy">,
  timeZone: string,
  rules: OrderRules = defaultOrderRules,
): Result<Instant> {
  const hasDays = input.handlingDays != null;
  const hasShipBy = input.shipBy != null;
  if (hasDays === hasShipBy) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.order.handlingOrShipBy", {}), [
        "input",
        hasDays ? "shipBy" : "handlingDays",
      ]),
    );
  }
  if (hasDays) {
    if (input.handlingDays! > rules.maxHandlingDays) {
      return refuse(
        userError("INVALID_INPUT", text("refusal.order.handlingTooLong", { maxDays: rules.maxHandlingDays }), [
          "input",
          "handlingDays",
        ]),
      );
    }
    // Calendar days in the seller's time zone, at the time of day the order was placed: 3 days from Saturday 10:00 are
    // Tuesday 10:00 on the seller's clock, whether or not the clock changes in between.
    return ok(addLocalDays(input.placedAt, input.handlingDays!, timeZone));
  }
  const shipBy = input.shipBy!;
  if (toMs(shipBy) <= toMs(input.placedAt)) {
    return refuse(userError("INVALID_INPUT", text("refusal.order.shipByAfterPlaced", {}), ["input", "shipBy"]));
  }
  // On the calendar, not the stopwatch: 60 days on a clock that leaves daylight time in between are 60 days and an
  // hour (two on Antarctica/Troll's), and a marketplace that sets its deadline on local days must not be refused for
  // it. So the latest ship-by is the later of the calendar's 60 days (what `handlingDays` gives) and the stopwatch's
  // with an hour more, which was the bound before.
  const latest = Math.max(
    toMs(addLocalDays(input.placedAt, rules.maxHandlingDays, timeZone)),
    toMs(input.placedAt) + rules.maxHandlingDays * DAY_MS + HOUR_MS,
  );
  if (toMs(shipBy) > latest) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.order.shipByTooLate", { maxDays: rules.maxHandlingDays }), [
        "input",
        "shipBy",
      ]),
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
        text("refusal.order.transition", { action, status: order.status, allowed: [...rule.from] }),
        null,
      ),
    );
  }
  return ok(rule.to);
}

/** Records the shipment: carrier and tracking number, only while the order awaits shipment. */
export function markShipped(args: OrderVerbArgs<ShipInput>): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "ship");
  if (!next.ok) return next;
  // Unstated, the shipment is now; but never before the order was placed: a `placedAt` up to `clockSkewMs` ahead of
  // this clock (a partner's clock running fast) is accepted, and a scanner shipping at once must not be refused for it.
  const shippedAt = input.shippedAt ?? later(now, order.placedAt);
  if (toMs(shippedAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.time.future", { field: "shippedAt" }), ["input", "shippedAt"]),
    );
  }
  if (toMs(shippedAt) < toMs(order.placedAt)) {
    return refuse(userError("INVALID_INPUT", text("refusal.order.shippedBeforePlaced", {}), ["input", "shippedAt"]));
  }
  return ok(
    changed(order, now, rules, {
      status: next.value,
      shippedAt,
      shipmentDeclaredAt: now,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
    }),
  );
}

/**
 * The marketplace's report that the carrier does not know the order's tracking number (no scan ever showed up): the
 * shipment leaves the seller's valid-tracking count. Only a shipped (or delivered) order has a number to report, and
 * only the number it carries: a report for another one is refused. A report of a number already reported answers the
 * order as it is, unchanged (no new version, nothing to write), so a relay that retries never counts twice.
 */
export function reportInvalidTracking(args: OrderVerbArgs<InvalidTrackingInput>): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  if (order.status !== "SHIPPED" && order.status !== "DELIVERED") {
    return refuse(userError("INVALID_TRANSITION", text("refusal.order.trackingReportOn", { status: order.status })));
  }
  if (order.trackingNumber === null || !sameTrackingNumber(input.trackingNumber, order.trackingNumber)) {
    return refuse(
      userError(
        "INVALID_INPUT",
        text("refusal.order.trackingNotTheOrders", { given: input.trackingNumber, tracking: order.trackingNumber }),
        ["input", "trackingNumber"],
      ),
    );
  }
  if (order.trackingInvalidAt !== null) return ok(order);
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  return ok(changed(order, now, rules, { trackingInvalidAt: now }));
}

/**
 * Withdraws the platform's report that the carrier does not know the order's number: the shipment counts again as
 * shipped with valid tracking on its ship day (`Stats.validTracking`), and a later report counts it out again, once.
 * With no report standing there is nothing to withdraw: refused, so a retry after the withdrawal landed (another
 * key) or a withdrawal of the wrong order says so rather than answering as if it had changed something.
 */
export function withdrawInvalidTrackingReport(args: OrderVerbArgs<WithdrawInvalidTrackingReportInput>): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  if (order.trackingInvalidAt === null) {
    return refuse(
      userError("TRACKING_NOT_REPORTED_INVALID", text("refusal.order.trackingNotReported", {}), ["input", "orderId"]),
    );
  }
  return ok(changed(order, now, rules, { trackingInvalidAt: null }));
}

/**
 * Marks an unshipped order for expedited handling: the second step of the "forgot to ship" remedy. A mark made before
 * the order was at risk is made again once it is (`mayExpedite`): the risk score credits only a mark made since.
 */
export function expedite(args: OrderVerbArgs<ExpediteInput>): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  if (order.status !== "AWAITING_SHIPMENT") {
    return refuse(userError("INVALID_TRANSITION", text("refusal.order.expediteFrom", { status: order.status })));
  }
  if (!mayExpedite(order, now, rules.atRiskWindowMs)) {
    // An early mark that does not count yet is taken again once the window begins: the refusal says from when.
    const markAgainFrom = expediteMarkCounts(order, rules.atRiskWindowMs)
      ? null
      : addMs(order.shipBy, -rules.atRiskWindowMs);
    return refuse(
      userError(
        "INVALID_TRANSITION",
        text("refusal.order.alreadyExpedited", { since: order.expeditedAt ?? null, markAgainFrom }),
      ),
    );
  }
  return ok(changed(order, now, rules, { expedited: true, expeditedAt: now }));
}

/**
 * Cancels an order that has not shipped; it leaves the late-order job's index. `by` is the side recording it (the
 * caller's, `cancellingSide`), kept with the reason: whether it counts against the seller (`cancelledBySeller`).
 */
export function cancel(args: OrderVerbArgs<CancelInput> & { by: CancellingSide }): Result<Order> {
  const { order, input, now, by } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "cancel");
  if (!next.ok) return next;
  return ok(
    changed(order, now, rules, {
      status: next.value,
      cancelledAt: now,
      cancelReason: input.reason,
      cancelledBy: by,
      cancelNote: input.note || null,
    }),
  );
}

/** Records delivery of a shipped order. */
export function markDelivered(args: OrderVerbArgs<DeliverInput>): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  const next = checkTransition(order, "deliver");
  if (!next.ok) return next;
  // Unstated, now; never before the shipment, whose `shippedAt` may be up to `clockSkewMs` ahead (see `markShipped`).
  const deliveredAt = input.deliveredAt ?? (order.shippedAt ? later(now, order.shippedAt) : now);
  if (toMs(deliveredAt) > toMs(now) + rules.clockSkewMs) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.time.future", { field: "deliveredAt" }), ["input", "deliveredAt"]),
    );
  }
  if (order.shippedAt && toMs(deliveredAt) < toMs(order.shippedAt)) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.order.deliveredBeforeShipped", {}), ["input", "deliveredAt"]),
    );
  }
  return ok(changed(order, now, rules, { status: next.value, deliveredAt }));
}

/**
 * Records what went wrong with an order's shipping. A confirmed system error must carry the
 * platform support ticket: the guide says to contact platform support first, with the order
 * records. A suspected one may come without it (contacting support is then the plan's first to-do)
 * and the ticket is recorded later with another incident carrying `supportTicketRef`.
 */
export function recordIncident(
  args: OrderVerbArgs<IncidentInput> & { /** The new incident's id. */ id: string },
): Result<Order> {
  const { order, input, now } = args;
  const rules = args.rules ?? defaultOrderRules;
  const version = checkVersion(order, input.expectedVersion);
  if (!version.ok) return version;
  if (input.cause === "SYSTEM_ERROR" && !input.supportTicketRef) {
    return refuse(
      userError("INVALID_INPUT", text("refusal.order.systemErrorTicket", {}), ["input", "supportTicketRef"]),
    );
  }
  if (order.status === "CANCELLED" || order.status === "DELIVERED") {
    return refuse(userError("INVALID_TRANSITION", text("refusal.order.incidentOn", { status: order.status })));
  }
  if (order.incidents.length >= MAX_INCIDENTS) {
    return refuse(
      userError("LIMIT_REACHED", text("refusal.limit.orderIncidents", { max: MAX_INCIDENTS }), ["input", "orderId"]),
    );
  }
  const incident: Incident = {
    id: args.id,
    cause: input.cause,
    note: input.note,
    supportTicketRef: input.supportTicketRef ?? null,
    recordedAt: now,
  };
  return ok(changed(order, now, rules, { incidents: [...order.incidents, incident] }));
}

/**
 * Money given back on the order (a refund remedy, an accepted offer): the totals the compensation
 * policy checks, under a new version so racing refunds cannot both pass the check.
 */
export function moneyBack(
  order: Order,
  now: Instant,
  totals: Partial<Pick<Order, "refundedMinor" | "compensatedMinor">>,
): Order {
  return { ...order, ...totals, version: order.version + 1, updatedAt: now };
}

/** The later of two instants. */
function later(a: Instant, b: Instant): Instant {
  return toMs(b) > toMs(a) ? b : a;
}
