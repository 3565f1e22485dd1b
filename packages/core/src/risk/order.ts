import { text, type OrderState, type Text } from "../i18n/texts";
import { remedyEvidence, type Case } from "../cases";
import { isLate, timeLeftMs, type Order } from "../orders";
import { remedyPlan } from "../remedies";
import type { Counter } from "../stats";
import { HOUR_MS, toMs, type Instant } from "../time";
import { action, RISK_MODEL, type RecommendedAction, type RiskAssessment, type RiskModel } from "./model";
import { assemble, clamp01, deadlineFactor, round1, round2, type FactorDraft } from "./score";

/** Daily counters summed over a window (`Stats.sum` of the days read); missing counters read as 0. */
export type CounterWindow = Partial<Record<Counter, number>>;

export interface OrderRiskInput {
  order: Order;
  /** The seller's counters summed over the last 30 days. */
  sellerWindow30: CounterWindow;
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
  const drafts = [
    shipByDeadline(order, now, model),
    notShipped(order, now, model),
    expediteFlag(order, now, model),
    sellerLateRate(order, input.sellerWindow30, model),
    openCasesFactor(open, model),
    orderValue(order, input.sellerWindow30, open.length > 0, model),
  ];
  return assemble(drafts, () => orderActions(order, cases, open, now, model), model, now);
}

function shipByDeadline(order: Order, now: Instant, model: RiskModel): FactorDraft {
  const base = {
    code: "SHIP_BY_DEADLINE" as const,
    unit: "HOURS" as const,
    weight: model.order.weights.SHIP_BY_DEADLINE,
  };
  const left = timeLeftMs(order, now);
  if (left === null)
    return { ...base, value: 0, display: statusWord(order), share: 0, explanation: afterShipping(order) };
  const h = left / HOUR_MS;
  const curve = model.order.shipByCurve;
  return deadlineFactor({
    base,
    hoursLeft: h,
    curve,
    overdue: isLate(order, now),
    explanation: {
      overdue: text("risk.order.shipByOverdue", {
        hours: round1(-h),
        shipBy: order.shipBy,
        fullAfterHours: curve.overdueFullAfterHours,
      }),
      left:
        h >= curve.horizonHours
          ? text("risk.order.shipByFar", { hours: round1(h), shipBy: order.shipBy, horizonHours: curve.horizonHours })
          : text("risk.order.shipByNear", { hours: round1(h), shipBy: order.shipBy }),
    },
  });
}

function notShipped(order: Order, now: Instant, model: RiskModel): FactorDraft {
  const base = { code: "NOT_SHIPPED" as const, unit: "PERCENT" as const, weight: model.order.weights.NOT_SHIPPED };
  if (order.status !== "AWAITING_SHIPMENT")
    return { ...base, value: 0, display: statusWord(order), share: 0, explanation: afterShipping(order) };
  const handling = toMs(order.shipBy) - toMs(order.placedAt);
  const used = handling > 0 ? clamp01((toMs(now) - toMs(order.placedAt)) / handling) : 1;
  return {
    ...base,
    value: Math.round(used * 100),
    display: text("risk.display.handlingUsed", { usedPercent: Math.round(used * 100) }),
    share: used,
    explanation:
      used >= 1
        ? text("risk.order.handlingUsedUp", { placedAt: order.placedAt, shipBy: order.shipBy })
        : text("risk.order.handlingUsed", {
            usedPercent: Math.round(used * 100),
            placedAt: order.placedAt,
            shipBy: order.shipBy,
          }),
  };
}

/**
 * The guide's second remedy step is to expedite: a late order that is expedited is still late,
 * but being handled, so only an unexpedited order adds points (all of the weight once late, half
 * inside the at-risk window). The flag never makes a score negative.
 */
function expediteFlag(order: Order, now: Instant, model: RiskModel): FactorDraft {
  const base = {
    code: "EXPEDITE" as const,
    unit: "FLAG" as const,
    weight: model.order.weights.EXPEDITE,
    value: order.expedited ? 1 : 0,
  };
  const display = text("risk.display.expedited", { expedited: order.expedited });
  const left = timeLeftMs(order, now);
  if (left === null) return { ...base, display, share: 0, explanation: afterShipping(order) };
  if (order.expedited) {
    return {
      ...base,
      display,
      share: 0,
      explanation: text("risk.order.expedited", { since: order.expeditedAt ?? null, late: isLate(order, now) }),
    };
  }
  if (isLate(order, now)) {
    return {
      ...base,
      display,
      share: 1,
      explanation: text("risk.order.lateNotExpedited", {}),
    };
  }
  if (left <= model.order.atRiskWindowHours * HOUR_MS) {
    return {
      ...base,
      display,
      share: 0.5,
      explanation: text("risk.order.nearNotExpedited", { windowHours: model.order.atRiskWindowHours }),
    };
  }
  return {
    ...base,
    display,
    share: 0,
    explanation: text("risk.order.farNotExpedited", { windowHours: model.order.atRiskWindowHours }),
  };
}

function sellerLateRate(order: Order, window: CounterWindow, model: RiskModel): FactorDraft {
  const late = window.shippedLate ?? 0;
  const shipped = (window.shippedOnTime ?? 0) + late;
  const rate = shipped > 0 ? late / shipped : 0;
  const base = {
    code: "SELLER_LATE_RATE" as const,
    unit: "PERCENT" as const,
    weight: model.order.weights.SELLER_LATE_RATE,
    value: round2(rate * 100),
    display: text("risk.display.lateRate", { ratePercent: round1(rate * 100) }),
  };
  if (order.status !== "AWAITING_SHIPMENT") {
    return {
      ...base,
      share: 0,
      explanation: text("risk.order.lateRateIrrelevant", orderState(order)),
    };
  }
  if (shipped === 0)
    return {
      ...base,
      share: 0,
      explanation: text("risk.order.noShipments", {}),
    };
  return {
    ...base,
    share: rate / model.order.lateRateFullAt,
    explanation: text("risk.order.lateRate", {
      late,
      shipped,
      ratePercent: round1(rate * 100),
      fullAtPercent: Math.round(model.order.lateRateFullAt * 100),
    }),
  };
}

function openCasesFactor(open: Case[], model: RiskModel): FactorDraft {
  const shares = model.order.openCaseShare;
  const escalated = open.filter((c) => c.status === "ESCALATED").length;
  const disputes = open.filter((c) => c.status !== "ESCALATED" && c.source === "BUYER").length;
  const system = open.length - escalated - disputes;
  const base = {
    code: "OPEN_CASES" as const,
    unit: "COUNT" as const,
    weight: model.order.weights.OPEN_CASES,
    value: open.length,
    display: text("risk.display.openCases", { count: open.length }),
  };
  if (open.length === 0) return { ...base, share: 0, explanation: text("risk.order.noOpenCases", {}) };
  return {
    ...base,
    share: escalated * shares.escalated + disputes * shares.dispute + system * shares.system,
    explanation: text("risk.order.openCases", { escalated, disputes, system }),
  };
}

/** Large orders are worse: compared with the seller's own 30-day average order, so no exchange rates are needed. */
function orderValue(order: Order, window: CounterWindow, hasOpenCase: boolean, model: RiskModel): FactorDraft {
  const placed = window.ordersPlaced ?? 0;
  const sales = window.settledSalesMinor ?? 0;
  const amount = order.settlementAmount;
  const average = placed > 0 && sales > 0 ? sales / placed : null;
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
      display: text("risk.display.orderValue", { amount, ratio: null }),
      share: 0,
      explanation: text("risk.order.valueNoBaseline", { amount }),
    };
  }
  const display = text("risk.display.orderValue", { amount, ratio: round1(ratio) });
  const averageOrder = { amountMinor: Math.round(average), currency: amount.currency };
  const compared = { amount, ratio: round1(ratio), average: averageOrder };
  if (order.status === "CANCELLED" || (order.status !== "AWAITING_SHIPMENT" && !hasOpenCase)) {
    return {
      ...base,
      display,
      share: 0,
      explanation: text("risk.order.valueNotAtStake", { ...compared, status: order.status }),
    };
  }
  const full = model.order.valueFullAtMultiple;
  return {
    ...base,
    display,
    share: (ratio - 1) / (full - 1),
    explanation: text("risk.order.value", { ...compared, fullAtMultiple: full }),
  };
}

/**
 * What to do, most urgent first: the remedy plan's open steps for a late order (contact the buyer
 * first), expediting and shipping for an order inside the at-risk window, then answering open cases.
 */
function orderActions(order: Order, cases: Case[], open: Case[], now: Instant, model: RiskModel): RecommendedAction[] {
  const actions: RecommendedAction[] = [];
  const lateCase = cases.find((c) => c.reason === "LATE_SHIPMENT") ?? null;
  const plan = remedyPlan(order, now, remedyEvidence(lateCase));
  if (plan) for (const step of plan.steps) if (!step.done) actions.push(action(step.code));
  const left = timeLeftMs(order, now);
  if (left !== null && left >= 0 && left <= model.order.atRiskWindowHours * HOUR_MS) {
    actions.push(action(order.expedited ? "SHIP_BEFORE_DEADLINE" : "EXPEDITE_AND_SHIP"));
  }
  if (
    open.some(
      (c) =>
        c.reason !== "LATE_SHIPMENT" &&
        (c.status === "AWAITING_SELLER" || c.status === "ESCALATED" || c.unansweredBuyerMessages > 0),
    )
  ) {
    actions.push(action("POST_SELLER_MESSAGE"));
  }
  return actions;
}

function statusWord(order: Order): Text {
  return text("risk.display.orderStatus", { status: order.status });
}

/** Where the order is, as the sentences about an order out of the shipping queue need it. */
function orderState(order: Order): OrderState {
  return {
    status: order.status,
    shippedAt: order.shippedAt,
    lateHours: order.shippedAt ? (toMs(order.shippedAt) - toMs(order.shipBy)) / HOUR_MS : null,
    cancelledAt: order.cancelledAt ?? null,
  };
}

function afterShipping(order: Order): Text {
  return text("risk.order.state", orderState(order));
}
