import { text, type OrderState, type Text } from "../i18n/texts";
import { actionsFor, lateShipmentCaseOf, remedyEvidence, type Case, type CaseAction } from "../cases";
import { countedShippedAt, expediteMarkCounts, isLate, timeLeftMs, type Order } from "../orders";
import { remedyPlan } from "../remedies";
import { heldMinor, refundableMinor } from "../compensation";
import type { Money } from "../money";
import { lateShipments, netSettledMinor, orderDeltas, sum, type Counter } from "../stats";
import { addDays, dayOf, HOUR_MS, toMs, type Instant } from "../time";
import {
  actionsOf,
  RISK_MODEL,
  shipAction,
  stepAction,
  takeableOn,
  type ActionCode,
  type RecommendedAction,
  type RiskAssessment,
  type RiskModel,
} from "./model";
import { shownPercent } from "./seller";
import {
  assemble,
  clamp01,
  deadlineFactor,
  hoursToMinute,
  round1,
  round2,
  wholePercent,
  type FactorDraft,
} from "./score";

/**
 * Daily counters summed over a window (`Stats.sumWindow` of the days read); missing counters read as 0. The sales may
 * pass 2^53 − 1 minor units (a BigInt), a count never does.
 */
export type CounterWindow = Partial<Omit<Record<Counter, number>, "settledSalesMinor">> & {
  settledSalesMinor?: number | bigint;
};

export interface OrderRiskInput {
  order: Order;
  /**
   * The seller's counters summed over its last 30 calendar days (today included, `SELLER_WINDOW_DAYS`): the order's
   * own counts are in it, and SELLER_LATE_RATE takes them out.
   */
  sellerWindow30: CounterWindow;
  /**
   * The seller's time zone: the days its counters are kept in, so that the order's own counts can be found, and the
   * days late its remedy plan counts.
   */
  timeZone: string;
  /** The order's cases (any status; cases of other orders are ignored). */
  openCases: Case[];
  now: Instant;
  rules?: RiskModel;
}

const isOpenCase = (c: Case) => c.status !== "RESOLVED" && c.status !== "CLOSED";

/**
 * How likely the order ships late or turns into a dispute, with the reasons and what to do next.
 * Shipped, delivered and cancelled orders keep only OPEN_CASES and ORDER_VALUE (at most 24 points
 * with the default weights: always LOW).
 * @example orderRisk({ order, sellerWindow30, openCases: [], now }).recommendedActions[0]?.code // "CONTACT_BUYER" for
 * a forgotten order
 */
export function orderRisk(input: OrderRiskInput): RiskAssessment {
  const model = input.rules ?? RISK_MODEL;
  const { order, now } = input;
  const cases = input.openCases.filter((c) => c.orderId === order.id);
  const open = cases.filter(isOpenCase);
  // Where the order stands against shipBy, read once for the three factors that depend on it.
  const deadline: ShipByStanding = { left: timeLeftMs(order, now), late: isLate(order, now) };
  const drafts = [
    shipByDeadline(order, deadline, model),
    notShipped(order, now, model),
    expediteFlag(order, deadline, model),
    sellerLateRate(order, othersLateShipments(input), model),
    openCasesFactor(open, model),
    orderValue(order, othersSales(input), open.length > 0, model),
  ];
  return assemble(drafts, () => orderActions(order, cases, open, now, input.timeZone, model), model, now);
}

/** Milliseconds to `shipBy` (`timeLeftMs`: null once the order no longer waits for shipment) and `isLate`. */
interface ShipByStanding {
  left: number | null;
  late: boolean;
}

// Each factor below decides its value and share first; its words (`display`, `explanation`) are
// a closure over the same facts, called only when the assessment's factors are read.

function shipByDeadline(order: Order, { left, late }: ShipByStanding, model: RiskModel): FactorDraft {
  const base = {
    code: "SHIP_BY_DEADLINE" as const,
    unit: "HOURS" as const,
    weight: model.order.weights.SHIP_BY_DEADLINE,
  };
  if (left === null) return afterShippingFactor(base, order);
  const h = left / HOUR_MS;
  const curve = model.order.shipByCurve;
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve,
    overdue: late,
    explain(overdue) {
      const { shipBy } = order;
      if (overdue)
        return text("risk.order.shipByOverdue", {
          hours: hoursToMinute(-h),
          shipBy,
          fullAfterHours: curve.overdueFullAfterHours,
        });
      return h >= curve.horizonHours
        ? text("risk.order.shipByFar", { hours: hoursToMinute(h), shipBy, horizonHours: curve.horizonHours })
        : text("risk.order.shipByNear", { hours: hoursToMinute(h), shipBy });
    },
  });
}

function notShipped(order: Order, now: Instant, model: RiskModel): FactorDraft {
  const base = { code: "NOT_SHIPPED" as const, unit: "PERCENT" as const, weight: model.order.weights.NOT_SHIPPED };
  if (order.status !== "AWAITING_SHIPMENT") return afterShippingFactor(base, order);
  const placedAt = toMs(order.placedAt);
  const handling = toMs(order.shipBy) - placedAt;
  const used = handling > 0 ? clamp01((toMs(now) - placedAt) / handling) : 1;
  const usedPercent = wholePercent(used);
  return {
    ...base,
    // The figure the sentence gives: 99.6 % used is 99 beside "is used", not 100.
    value: usedPercent,
    share: used,
    words() {
      return {
        display: text("risk.display.handlingUsed", { usedPercent }),
        explanation:
          used >= 1
            ? text("risk.order.handlingUsedUp", { placedAt: order.placedAt, shipBy: order.shipBy })
            : text("risk.order.handlingUsed", { usedPercent, placedAt: order.placedAt, shipBy: order.shipBy }),
      };
    },
  };
}

/**
 * The guide's second remedy step is to expedite: a late order that is expedited is still late,
 * but being handled, so only an order not expedited since it was at risk adds points (all of the weight once late,
 * half inside the at-risk window). The flag never makes a score negative.
 */
function expediteFlag(order: Order, { left, late }: ShipByStanding, model: RiskModel): FactorDraft {
  const windowHours = model.order.atRiskWindowHours;
  const nearDeadline = left !== null && left <= windowHours * HOUR_MS;
  // A mark made before the order was at risk is not credited (`expediteMarkCounts`): crediting it would keep a
  // forgotten order out of CRITICAL however late it got. The seller marks it again once at risk (`expediteOrder`).
  const handled = expediteMarkCounts(order, windowHours * HOUR_MS);
  const notHandled = () =>
    late
      ? text("risk.order.lateNotExpedited", {})
      : nearDeadline
        ? text("risk.order.nearNotExpedited", { windowHours })
        : text("risk.order.farNotExpedited", { windowHours });
  return {
    code: "EXPEDITE",
    unit: "FLAG",
    weight: model.order.weights.EXPEDITE,
    value: order.expedited ? 1 : 0,
    share: left === null || handled ? 0 : late ? 1 : nearDeadline ? 0.5 : 0,
    words() {
      return {
        display: text("risk.display.expedited", { expedited: order.expedited }),
        explanation:
          left === null
            ? afterShipping(order)
            : handled
              ? text("risk.order.expedited", { since: order.expeditedAt ?? null, late })
              : order.expedited
                ? text("risk.order.expeditedBeforeRisk", {
                    since: order.expeditedAt!,
                    windowHours,
                    late,
                    windowBegun: late || nearDeadline,
                  })
                : notHandled(),
      };
    },
  };
}

/** The days `sellerWindow30` sums, the seller's today among them. */
export const SELLER_WINDOW_DAYS = 30;

/** The assessed order's own counters (`Stats.orderDeltas`) on the days of `sellerWindow30`, summed. */
function ownInWindow({ order, timeZone, now }: OrderRiskInput): Record<Counter, number> {
  const today = dayOf(now, timeZone);
  const from = addDays(today, -(SELLER_WINDOW_DAYS - 1));
  const days = Object.entries(orderDeltas(null, order, timeZone));
  return sum(days.flatMap(([day, counters]) => (day >= from && day <= today ? [counters] : [])));
}

/**
 * The window's late-shipment counts without the assessed order's own (`Stats.orderDeltas` of the order, on the days of
 * the window): the seller's history is its other orders. Counting the order itself would make its score depend on
 * whether the late-order job had flagged it yet, and call a new seller's only late order a 100% late history.
 */
function othersLateShipments(input: OrderRiskInput) {
  const own = lateShipments(ownInWindow(input));
  const all = lateShipments(input.sellerWindow30);
  // Never below zero, whatever window a caller passes.
  const counted = Math.max(0, all.counted - own.counted);
  return { late: Math.min(counted, Math.max(0, all.late - own.late)), counted };
}

function sellerLateRate(order: Order, counts: { late: number; counted: number }, model: RiskModel): FactorDraft {
  const { late, counted } = counts;
  const rate = counted > 0 ? late / counted : 0;
  // As the seller's health shows its late-shipment rate (a BELOW target): 1,599 late of 40,000 reads 3.99 % in both,
  // not 4.0 % here beside "3.99 %, meets the target".
  const ratePercent = counted > 0 ? shownPercent(late, counted, "BELOW") : 0;
  const awaiting = order.status === "AWAITING_SHIPMENT";
  return {
    code: "SELLER_LATE_RATE",
    unit: "PERCENT",
    weight: model.order.weights.SELLER_LATE_RATE,
    value: ratePercent,
    share: awaiting && counted > 0 ? rate / model.order.lateRateFullAt : 0,
    words() {
      return {
        display: counted === 0 ? text("risk.display.noData", {}) : text("risk.display.lateRate", { ratePercent }),
        explanation: !awaiting
          ? text("risk.order.lateRateIrrelevant", orderState(order))
          : counted === 0
            ? text("risk.order.noShipments", {})
            : text("risk.order.lateRate", {
                late,
                counted,
                ratePercent,
                fullAtPercent: Math.round(model.order.lateRateFullAt * 100),
              }),
      };
    },
  };
}

function openCasesFactor(open: Case[], model: RiskModel): FactorDraft {
  const shares = model.order.openCaseShare;
  let escalated = 0;
  let disputes = 0;
  for (const c of open) {
    if (c.status === "ESCALATED") escalated++;
    else if (c.source === "BUYER") disputes++;
  }
  const system = open.length - escalated - disputes;
  return {
    code: "OPEN_CASES",
    unit: "COUNT",
    weight: model.order.weights.OPEN_CASES,
    value: open.length,
    share: escalated * shares.escalated + disputes * shares.dispute + system * shares.system,
    words() {
      return {
        display: text("risk.display.openCases", { count: open.length }),
        explanation:
          open.length === 0
            ? text("risk.order.noOpenCases", {})
            : text("risk.order.openCases", { escalated, disputes, system }),
      };
    },
  };
}

/**
 * The orders the window's net settled sales are the sales of: `ordersSettled` (placed in the window, not cancelled nor
 * refunded in full). Days counted before that counter existed hold none until `npm run stats -- rebuild` recounts
 * them: a window without any divides by the orders placed, as it did then.
 */
function ordersSold(window: CounterWindow): number {
  const settled = window.ordersSettled ?? 0;
  return settled > 0 ? settled : (window.ordersPlaced ?? 0);
}

/**
 * The window's sales counters without the assessed order's own (`Stats.orderDeltas` of the order, on its placement
 * day when that is in the window), as `othersLateShipments` does for lateness: the order is compared with the seller's
 * other orders. Counted in, a seller with n orders in the window could never show an order above n times the average,
 * and a new seller's only order would be "1.0 times the average" of itself.
 */
function othersSales(input: OrderRiskInput): CounterWindow {
  const { sellerWindow30 } = input;
  const own = ownInWindow(input);
  const sales = sellerWindow30.settledSalesMinor ?? 0;
  // Never below zero, whatever window a caller passes.
  const othersSalesMinor =
    typeof sales === "bigint"
      ? sales - BigInt(own.settledSalesMinor) // past 2^53 - 1 minor units: above one order's settlement
      : Math.max(0, sales - own.settledSalesMinor);
  // `ordersSold` divides by `ordersSettled`, or by `ordersPlaced` when the others have none (days counted before that
  // counter existed): the order is taken out of both. Taken out of `ordersPlaced` only when the whole window had no
  // `ordersSettled`, a window of such older days plus the order's own (counted since) divided the others' sales by a
  // count that still held the order: the average read too low, the order too large, until its day left the window.
  return {
    ...sellerWindow30,
    settledSalesMinor: othersSalesMinor,
    ordersSettled: Math.max(0, (sellerWindow30.ordersSettled ?? 0) - own.ordersSettled),
    ordersPlaced: Math.max(0, (sellerWindow30.ordersPlaced ?? 0) - own.ordersPlaced),
  };
}

/**
 * The window's average order. Past 2^53 − 1 minor units the sales are a BigInt and divide exactly (to the minor unit
 * below): the average is then within 2^53 − 1 again, as no order settles more.
 */
function averageOrder(sales: number | bigint, sold: number): number {
  return typeof sales === "bigint" ? Number(sales / BigInt(sold)) : sales / sold;
}

/**
 * What the order can still lose in refunds, in its settlement currency, net as the average it is compared with
 * (`Stats.netSettledMinor`, the settled sales the window sums): its settlement less what was refunded, and less what
 * is held for its open refund returns too, so what can still be refunded (`Compensation.refundableMinor`) converted
 * pro rata. Nothing on a CANCELLED order.
 */
function valueAtStakeMinor(order: Order): number {
  const { status, settlementAmount, buyerTotal } = order;
  const gone = buyerTotal.amountMinor - refundableMinor(order);
  return netSettledMinor({ status, settlementAmount, buyerTotal, refundedMinor: Math.max(order.refundedMinor, gone) });
}

/**
 * Large orders are worse: what the order can still cost in refunds, compared with the seller's own 30-day average
 * order, net of refunds both (so no exchange rates are needed). Nothing left to refund, nothing at stake.
 */
function orderValue(order: Order, window: CounterWindow, hasOpenCase: boolean, model: RiskModel): FactorDraft {
  const sold = ordersSold(window);
  const sales = window.settledSalesMinor ?? 0;
  const amount = { amountMinor: valueAtStakeMinor(order), currency: order.settlementAmount.currency };
  const average = sold > 0 && sales > 0 ? averageOrder(sales, sold) : null;
  const ratio = average ? amount.amountMinor / average : 1;
  const base = {
    code: "ORDER_VALUE" as const,
    unit: "RATIO" as const,
    weight: model.order.weights.ORDER_VALUE,
    value: round2(ratio),
  };
  if (average === null) {
    return {
      ...base,
      share: 0,
      words() {
        return {
          display: text("risk.display.orderValue", { amount, ratio: null }),
          explanation: text("risk.order.valueNoBaseline", { amount }),
        };
      },
    };
  }
  // A cancelled order settles nothing (`Stats.netSettledMinor`): no sale to lose, whatever case is still open on it.
  const open = order.status !== "CANCELLED" && (order.status === "AWAITING_SHIPMENT" || hasOpenCase);
  // All the buyer paid refunded or held for a return: the order can cost nothing more, open case or not.
  const refundedAll = open && refundableMinor(order) === 0;
  const atStake = open && !refundedAll;
  const full = model.order.valueFullAtMultiple;
  return {
    ...base,
    share: atStake ? (ratio - 1) / (full - 1) : 0,
    words() {
      const averageOrder = { amountMinor: Math.round(average), currency: amount.currency };
      const compared = { amount, ratio: round1(ratio), average: averageOrder };
      return {
        display: text("risk.display.orderValue", { amount, ratio: round1(ratio) }),
        explanation: refundedAll
          ? text("risk.order.valueRefunded", refundedSoFar(order))
          : atStake
            ? text("risk.order.value", { ...compared, fullAtMultiple: full })
            : text("risk.order.valueNotAtStake", { ...compared, status: order.status }),
      };
    },
  };
}

/** What the buyer paid, what it was refunded and what is held for its returns (null when nothing is). */
function refundedSoFar(order: Order): { paid: Money; refunded: Money; held: Money | null } {
  const currency = order.buyerTotal.currency;
  const held = heldMinor(order);
  return {
    paid: order.buyerTotal,
    refunded: { amountMinor: order.refundedMinor, currency },
    held: held > 0 ? { amountMinor: held, currency } : null,
  };
}

/**
 * What to do, most urgent first: the remedy plan's steps not started yet for a late order (contact the buyer
 * first), expediting and shipping for an order inside the at-risk window, then answering open cases.
 */
function orderActions(
  order: Order,
  cases: Case[],
  open: Case[],
  now: Instant,
  timeZone: string,
  model: RiskModel,
): RecommendedAction[] {
  const codes: ActionCode[] = [];
  const lateCaseId = lateShipmentCaseOf(order);
  const lateCase = cases.find((c) => c.id === lateCaseId) ?? cases.find((c) => c.reason === "LATE_SHIPMENT") ?? null;
  const plan = remedyPlan(order, now, timeZone, remedyEvidence(lateCase, order, now));
  // A step waiting for the buyer (an offer made, not answered yet) is the buyer's move, and a step the late case
  // no longer takes (an offer once the case is escalated) would be refused: only what the seller can do now. Once
  // the order's late-shipment case is closed (not among the order's `openCaseIds`), nothing is carried out on it any
  // more and the order gets no second one (DUPLICATE_CASE): no step that needs the case. Before the case is opened, a
  // step that needs it can still be taken: the seller may open it (the late-order job opens it when it flags it).
  const closed =
    lateCaseId !== null && (!order.openCaseIds.includes(lateCaseId) || (lateCase && !isOpenCase(lateCase)));
  const allowed = closed
    ? new Set<CaseAction>()
    : lateCase
      ? new Set(actionsFor({ case: lateCase, roles: ["SELLER"], order, now }))
      : null;
  if (plan) {
    for (const step of plan.steps)
      if (step.status === "NOT_STARTED" && (allowed === null || takeableOn(allowed, step.code)))
        codes.push(stepAction(step.code, order, now, model));
  }
  const left = timeLeftMs(order, now);
  if (left !== null && left >= 0 && left <= model.order.atRiskWindowHours * HOUR_MS) {
    codes.push(shipAction(order, now, model));
  }
  if (
    open.some(
      (c) =>
        c.reason !== "LATE_SHIPMENT" &&
        (c.status === "AWAITING_SELLER" || c.status === "ESCALATED" || c.unansweredBuyerMessages > 0),
    )
  ) {
    codes.push("POST_SELLER_MESSAGE");
  }
  return actionsOf(codes);
}

function statusWord(order: Order): Text {
  return text("risk.display.orderStatus", { status: order.status });
}

/** Where the order is, as the sentences about an order out of the shipping queue need it. */
function orderState(order: Order): OrderState {
  // When the shipment counts as made: a late flag before the shipment was recorded stands (countedShippedAt).
  const shippedAt = countedShippedAt(order);
  return {
    status: order.status,
    shippedAt,
    lateHours: shippedAt ? (toMs(shippedAt) - toMs(order.shipBy)) / HOUR_MS : null,
    cancelledAt: order.cancelledAt ?? null,
  };
}

function afterShipping(order: Order): Text {
  return text("risk.order.state", orderState(order));
}

/** A deadline factor once the order no longer waits for shipment: nothing to count, its status in words. */
function afterShippingFactor(base: Pick<FactorDraft, "code" | "unit" | "weight">, order: Order): FactorDraft {
  return {
    ...base,
    value: 0,
    share: 0,
    words() {
      return { display: statusWord(order), explanation: afterShipping(order) };
    },
  };
}
