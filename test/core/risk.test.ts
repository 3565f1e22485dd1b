import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Cases,
  I18n,
  Orders,
  Remedies,
  Returns,
  Risk,
  Stats,
  Time,
  type Case,
  type DepositViolation as Violation,
  type Order,
} from "@seller-ops/core";
import { DAY, HOUR } from "../support/clock";

const PLACED = "2026-11-20T00:00:00.000Z";
const SHIP_BY = "2026-11-23T00:00:00.000Z";
const at = (base: string, ms: number) => new Date(Date.parse(base) + ms).toISOString();
const RUNS = { numRuns: 300 };

/** A fresh order placed 2026-11-20 with 3 days of handling (ship by 2026-11-23), €100 / CN¥700. */
function makeOrder(overrides: Partial<Order> = {}): Order {
  const created = Orders.create({
    id: overrides.id ?? "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-1001",
      items: [{ sku: "MUG-1", title: "Mug", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "EUR" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "DE",
      placedAt: PLACED,
      handlingDays: 3,
      shipBy: null,
    },
    now: PLACED,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  return { ...created.value, ...overrides };
}

/** 30 days of a seller shipping 100 orders, `late` of them late, all with tracking, CN¥700 each. */
function window(late = 0, overrides: Partial<Record<Stats.Counter, number>> = {}): Record<Stats.Counter, number> {
  return Stats.sum([
    {
      ordersPlaced: 100,
      shippedOnTime: 100 - late,
      shippedLate: late,
      shippedWithTracking: 100,
      settledSalesMinor: 100 * 70_000,
      ...overrides,
    },
  ]);
}

function ok<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** A buyer dispute opened through the case rules, with the buyer's text as its first message. */
function openDispute(
  order: Order,
  now: string,
  reason: Cases.CaseReason = "QUALITY_ISSUE",
  claimMinor: number | null = null,
): Case {
  return ok(
    Cases.open({
      id: `c-${order.id}-${reason}`,
      order,
      openCaseOpeners: [],
      openBuyerCases: [],
      input: {
        orderId: order.id,
        reason,
        source: "BUYER",
        claimAmount: claimMinor === null ? null : { amountMinor: claimMinor, currency: "EUR" },
        claimText: "The mug arrived cracked.",
      },
      roles: ["BUYER"],
      now,
    }),
  ).case;
}

const buyerWrites = (c: Case, now: string) =>
  ok(
    Cases.postMessage({
      case: c,
      input: { caseId: c.id, direction: "BUYER", body: "Hello? Any news?", expectedVersion: null },
      roles: ["BUYER"],
      now,
    }),
  ).case;
const sellerWrites = (c: Case, now: string) =>
  ok(
    Cases.postMessage({
      case: c,
      input: {
        caseId: c.id,
        direction: "SELLER",
        body: "We are sorry, here is what we will do.",
        expectedVersion: null,
      },
      roles: ["SELLER"],
      now,
    }),
  ).case;

function violation(
  id: string,
  kind: Violation["kind"],
  severity: Violation["severity"],
  occurredAt: string,
): Violation {
  const standing = { version: 1, voidedAt: null, voidedBy: null, voidReason: null };
  return {
    id,
    sellerId: "s1",
    kind,
    severity,
    occurredAt,
    note: "recorded by the platform",
    recordedAt: occurredAt,
    ...standing,
  };
}

const sumOf = (a: Risk.RiskAssessment) => a.factors.reduce((s, f) => s + f.contribution, 0);

/** What every assessment must satisfy, whatever the input. */
function expectWellFormed(a: Risk.RiskAssessment) {
  expect(Number.isInteger(a.score)).toBe(true);
  expect(a.score).toBeGreaterThanOrEqual(0);
  expect(a.score).toBeLessThanOrEqual(100);
  expect(sumOf(a)).toBe(a.score);
  expect(a.level).toBe(Risk.levelOf(a.score, Risk.RISK_MODEL.cutoffs));
  expect(a.modelVersion).toBe(Risk.MODEL_VERSION);
  for (const f of a.factors) {
    expect(Number.isInteger(f.contribution)).toBe(true);
    expect(f.contribution).toBeGreaterThanOrEqual(0);
    expect(f.contribution).toBeLessThanOrEqual(f.weight);
    expect(Number.isFinite(f.value)).toBe(true);
    expect(Risk.inEnglish(f.explanation).length).toBeGreaterThan(20);
    expect(Risk.inEnglish(f.display).length).toBeGreaterThan(0);
  }
  for (const action of a.recommendedActions) {
    expect(Risk.ACTION_CODES).toContain(action.code);
    expect(action.label).toBe(Risk.ACTIONS[action.code].label);
  }
}

// ---------------------------------------------------------------------------------------------
// Table-driven scores.

describe("order risk", () => {
  const forgotten = makeOrder();
  const twoDaysOverdue = at(SHIP_BY, 2 * DAY);
  const cases: {
    name: string;
    order: Order;
    now: string;
    sellerWindow30?: Record<Stats.Counter, number>;
    openCases?: Case[];
    levels: Risk.RiskLevel[];
    firstAction?: Risk.ActionCode | null;
    topFactor?: Risk.FactorCode;
  }[] = [
    {
      name:
        "a forgotten order 2 days past its ship-by deadline is critical, and the first thing to do is contact the " +
        "buyer",
      order: forgotten,
      now: twoDaysOverdue,
      levels: ["CRITICAL"],
      firstAction: "CONTACT_BUYER",
      topFactor: "SHIP_BY_DEADLINE",
    },
    {
      name:
        "the same order with its late-shipment case open stays critical, the plan still starts with contacting the " +
        "buyer",
      order: forgotten,
      now: twoDaysOverdue,
      openCases: [Cases.openLateShipmentCase({ order: forgotten, now: at(SHIP_BY, 15 * 60_000) }).case],
      levels: ["CRITICAL"],
      firstAction: "CONTACT_BUYER",
    },
    {
      name: "an expedited late order is still late but being handled: high, not critical",
      order: makeOrder({ expedited: true, expeditedAt: at(SHIP_BY, DAY) }),
      now: twoDaysOverdue,
      levels: ["HIGH"],
      firstAction: "CONTACT_BUYER",
    },
    {
      name: "an order expedited when it was placed, long before it was at risk, and forgotten is critical all the same",
      order: makeOrder({ expedited: true, expeditedAt: PLACED }),
      now: twoDaysOverdue,
      levels: ["CRITICAL"],
      firstAction: "CONTACT_BUYER",
    },
    {
      name: "a forgotten order after a system error starts with the platform support ticket",
      order: makeOrder({
        incidents: [
          {
            id: "i1",
            cause: "SYSTEM_ERROR",
            note: "order dropped by the sync",
            supportTicketRef: null,
            recordedAt: at(SHIP_BY, HOUR),
          },
        ],
      }),
      now: twoDaysOverdue,
      levels: ["CRITICAL"],
      firstAction: "PLATFORM_SUPPORT_TICKET",
    },
    {
      name: "an order one hour overdue is already high",
      order: forgotten,
      now: at(SHIP_BY, HOUR),
      levels: ["HIGH"],
      firstAction: "CONTACT_BUYER",
    },
    {
      name: "an order 12 hours before its deadline, not expedited, is elevated: expedite and ship",
      order: forgotten,
      now: at(SHIP_BY, -12 * HOUR),
      levels: ["ELEVATED"],
      firstAction: "EXPEDITE_AND_SHIP",
    },
    {
      name: "a fresh order with days to go from a punctual seller is low",
      order: forgotten,
      now: at(PLACED, HOUR),
      levels: ["LOW"],
      firstAction: null,
    },
    {
      name: "a shipped order is low",
      order: makeOrder({ status: "SHIPPED", shippedAt: at(SHIP_BY, -DAY), carrier: "DHL", trackingNumber: "JD0001" }),
      now: twoDaysOverdue,
      sellerWindow30: window(10),
      levels: ["LOW"],
      firstAction: null,
    },
    {
      name: "a delivered order with an open dispute is still low: the case carries that risk",
      order: makeOrder({
        status: "DELIVERED",
        shippedAt: at(SHIP_BY, -DAY),
        deliveredAt: at(SHIP_BY, DAY),
        carrier: "DHL",
        trackingNumber: "JD0001",
        settlementAmount: { amountMinor: 700_000, currency: "CNY" },
      }),
      now: twoDaysOverdue,
      openCases: [openDispute(makeOrder(), at(SHIP_BY, DAY), "QUALITY_ISSUE")],
      levels: ["LOW"],
      firstAction: "POST_SELLER_MESSAGE",
    },
    {
      name: "a cancelled order scores 0",
      order: makeOrder({ status: "CANCELLED", cancelledAt: at(PLACED, DAY), cancelReason: "BUYER_REQUESTED" }),
      now: twoDaysOverdue,
      levels: ["LOW"],
      firstAction: null,
    },
  ];

  it.each(cases)("$name", ({ order, now, sellerWindow30, openCases, levels, firstAction, topFactor }) => {
    const risk = Risk.orderRisk({
      order,
      timeZone: "UTC",
      sellerWindow30: sellerWindow30 ?? window(0),
      openCases: openCases ?? [],
      now,
    });
    expectWellFormed(risk);
    expect(levels).toContain(risk.level);
    if (firstAction !== undefined) expect(risk.recommendedActions[0]?.code ?? null).toBe(firstAction);
    if (topFactor) expect(risk.factors[0]!.code).toBe(topFactor);
  });

  it("explains the forgotten order with the concrete numbers", () => {
    const risk = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: window(3),
      openCases: [],
      now: at(SHIP_BY, 49.5 * HOUR),
    });
    const deadline = risk.factors.find((f) => f.code === "SHIP_BY_DEADLINE")!;
    expect(deadline).toMatchObject({ value: -49.5, unit: "HOURS", weight: 55, contribution: 55 });
    expect(Risk.inEnglish(deadline.display)).toBe("49.5 hours overdue");
    expect(Risk.inEnglish(deadline.explanation)).toContain("49.5 hours past its ship-by deadline (23 Nov, 00:00)");
    expect(Risk.inEnglish(risk.factors.find((f) => f.code === "SELLER_LATE_RATE")!.explanation)).toContain(
      "3 of the seller's 100 other orders shipped or due went late (3.00%",
    );
    expect(risk.score).toBe(sumOf(risk));
  });

  it("does not recommend a compensation offer again while one waits for the buyer's answer", () => {
    const late = makeOrder();
    const lateCase = Cases.openLateShipmentCase({ order: late, now: at(SHIP_BY, HOUR) }).case;
    const now = at(SHIP_BY, DAY);
    const input = {
      caseId: lateCase.id,
      kind: "COUPON" as const,
      amount: { amountMinor: 500, currency: "EUR" },
      expiresAt: at(now, 2 * DAY),
    };
    const offered = ok(Cases.makeOffer({ case: lateCase, order: late, input, id: "d1", roles: ["SELLER"], now }));
    const codes = (c: Case) =>
      Risk.orderRisk({
        order: late,
        timeZone: "UTC",
        sellerWindow30: window(0),
        openCases: [c],
        now,
      }).recommendedActions.map((a) => a.code);
    expect(codes(lateCase)).toContain("OFFER_COMPENSATION");
    // Following it would be refused ("An offer is already pending"): the buyer has the move.
    expect(Cases.makeOffer({ case: offered.case, order: late, input, id: "d2", roles: ["SELLER"], now })).toMatchObject(
      { ok: false, errors: [{ code: "INVALID_TRANSITION" }] },
    );
    expect(codes(offered.case)).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP"]);
    // Declined, then escalated before escalation was refused on the incident (stored so): no offer can be made on it.
    const declined = ok(
      Cases.respondToOffer({
        case: offered.case,
        order: late,
        input: { caseId: lateCase.id, offerId: offered.case.offers[0]!.id, accept: false },
        roles: ["BUYER"],
        now,
      }),
    );
    expect(
      Cases.escalate({ case: declined.case, input: { caseId: lateCase.id }, roles: ["BUYER"], now }),
    ).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    const escalated = { case: { ...declined.case, status: "ESCALATED" as const, escalatedAt: now } };
    expect(
      Cases.makeOffer({ case: escalated.case, order: late, input, id: "d3", roles: ["SELLER"], now }),
    ).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    expect(codes(escalated.case)).not.toContain("OFFER_COMPENSATION");
    expect(codes(escalated.case)).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP"]);
  });

  it("SELLER_LATE_RATE leaves the order's own counts out of the window, on the window's days only", () => {
    const now = at(SHIP_BY, 2 * HOUR);
    const flagged = makeOrder({ lateFlaggedAt: at(SHIP_BY, HOUR) });
    const rate = (order: Order, w: Record<Stats.Counter, number>, zone = "UTC", when = now) =>
      Risk.orderRisk({ order, timeZone: zone, sellerWindow30: w, openCases: [], now: when }).factors.find(
        (f) => f.code === "SELLER_LATE_RATE",
      )!;
    // Its own flag is the whole window: no history, as before the job flagged it.
    const alone = rate(flagged, window(0, { shippedOnTime: 0, lateUnshipped: 1 }));
    expect(alone).toMatchObject({ value: 0, contribution: 0 });
    expect(Risk.inEnglish(alone.explanation)).toMatch(/^Apart from this order, the seller shipped no orders/);
    expect(alone.contribution).toBe(rate(makeOrder(), window(0, { shippedOnTime: 0 })).contribution);
    // With 100 other shipments, 10 late: 10%, not 11 of 101.
    const withOthers = rate(flagged, window(10, { lateUnshipped: 1 }));
    expect(withOthers.value).toBe(10);
    expect(Risk.inEnglish(withOthers.explanation)).toContain("10 of the seller's 100 other orders");
    // A flag older than the window's 30 days is not in it, and nothing is taken out.
    const old = makeOrder({ lateFlaggedAt: at(SHIP_BY, -40 * DAY) });
    expect(rate(old, window(10)).value).toBe(10);
    // The window's days are the seller's: flagged 23 Oct 23:00 UTC is 24 Oct in Shanghai, the window's first day.
    const lateEvening = makeOrder({ lateFlaggedAt: "2026-10-23T23:00:00.000Z" });
    const nov22 = "2026-11-22T12:00:00.000Z";
    expect(rate(lateEvening, window(10, { lateUnshipped: 1 }), "Asia/Shanghai", nov22).value).toBe(10);
    expect(rate(lateEvening, window(10, { lateUnshipped: 1 }), "UTC", nov22).value).toBeCloseTo(10.89, 2);
  });

  it("a seller's recent late-shipment rate and a large order make an at-risk order riskier", () => {
    const now = at(SHIP_BY, -12 * HOUR);
    const base = Risk.orderRisk({ order: makeOrder(), timeZone: "UTC", sellerWindow30: window(0), openCases: [], now });
    const lateSeller = Risk.orderRisk({
      order: makeOrder(),
      timeZone: "UTC",
      sellerWindow30: window(10),
      openCases: [],
      now,
    });
    const bigOrder = Risk.orderRisk({
      order: makeOrder({ settlementAmount: { amountMinor: 210_000, currency: "CNY" } }),
      timeZone: "UTC",
      // Its CN¥2,100 among the window's sales: the 99 other orders average CN¥700, a third of it.
      sellerWindow30: window(0, { settledSalesMinor: 99 * 70_000 + 210_000 }),
      openCases: [],
      now,
    });
    expect(lateSeller.score).toBe(base.score + 15);
    expect(bigOrder.score).toBe(base.score + 8);
    expect(bigOrder.factors.find((f) => f.code === "ORDER_VALUE")).toMatchObject({ value: 3, contribution: 8 });
  });
});

describe("case risk", () => {
  const order = makeOrder({
    status: "DELIVERED",
    shippedAt: at(SHIP_BY, -DAY),
    deliveredAt: at(SHIP_BY, 5 * DAY),
    carrier: "DHL",
    trackingNumber: "JD0001",
  });
  const opened = at(SHIP_BY, 6 * DAY);

  /** An unanswered quality dispute: the buyer wrote 3 times, the last 6 days ago (respondBy passed a day ago). */
  const unanswered = (() => {
    let c = openDispute(order, opened, "QUALITY_ISSUE");
    c = buyerWrites(c, at(opened, DAY));
    c = buyerWrites(c, at(opened, 2 * DAY));
    return c;
  })();
  const dayAfterRespondBy = at(unanswered.respondBy, DAY);
  const escalated = ok(
    Cases.escalate({
      case: unanswered,
      input: { caseId: unanswered.id, note: null, expectedVersion: null },
      roles: ["BUYER"],
      now: dayAfterRespondBy,
    }),
  ).case;
  const answered = sellerWrites(unanswered, dayAfterRespondBy);
  const refund = ok(
    Cases.recordRemedy({
      case: answered,
      order,
      input: { caseId: answered.id, kind: "FULL_REFUND" },
      id: "r1",
      roles: ["SELLER"],
      now: dayAfterRespondBy,
    }),
  );
  const refunded = refund.case;
  const resolved = ok(
    Cases.resolve({
      case: refunded,
      order: refund.order!,
      input: { caseId: answered.id, outcome: "REFUNDED", note: null, expectedVersion: null },
      roles: ["SELLER"],
      now: dayAfterRespondBy,
    }),
  ).case;
  const withDeclinedOffers = {
    ...answered,
    status: "AWAITING_SELLER" as const,
    offers: [0, 1].map((i) => ({
      id: `of${i}`,
      kind: "COUPON" as const,
      amount: { amountMinor: 500, currency: "EUR" },
      percentOff: null,
      note: null,
      status: i === 0 ? ("DECLINED" as const) : ("EXPIRED" as const),
      madeAt: opened,
      expiresAt: at(opened, DAY),
      answeredAt: at(opened, DAY),
    })),
  };

  const table: {
    name: string;
    case: Case;
    now: string;
    levels: Risk.RiskLevel[];
    firstAction?: Risk.ActionCode | null;
    score?: number;
  }[] = [
    {
      name: "an unanswered dispute past respondBy with 3 buyer messages is high or critical: reply first",
      case: unanswered,
      now: dayAfterRespondBy,
      levels: ["HIGH", "CRITICAL"],
      firstAction: "POST_SELLER_MESSAGE",
    },
    {
      name: "an escalated case is critical",
      case: escalated,
      now: dayAfterRespondBy,
      levels: ["CRITICAL"],
      firstAction: "POST_SELLER_MESSAGE",
    },
    {
      name: "the same dispute once the seller replied is low",
      case: answered,
      now: dayAfterRespondBy,
      levels: ["LOW"],
    },
    {
      name: "a resolved case scores 0 and needs nothing",
      case: resolved,
      now: dayAfterRespondBy,
      levels: ["LOW"],
      firstAction: null,
      score: 0,
    },
    {
      name: "a fresh quality dispute claiming the whole order is elevated",
      case: openDispute(order, opened, "QUALITY_ISSUE", 10_000),
      now: at(opened, HOUR),
      levels: ["ELEVATED"],
      firstAction: "POST_SELLER_MESSAGE",
    },
    {
      name: "a fresh dispute for another reason, without a claim, is low",
      case: openDispute(order, opened, "OTHER"),
      now: at(opened, HOUR),
      levels: ["LOW"],
    },
  ];

  it.each(table)("$name", ({ case: c, now, levels, firstAction, score }) => {
    const risk = Risk.caseRisk({ case: c, order, now, timeZone: "UTC" });
    expectWellFormed(risk);
    expect(levels).toContain(risk.level);
    if (firstAction !== undefined) expect(risk.recommendedActions[0]?.code ?? null).toBe(firstAction);
    if (score !== undefined) expect(risk.score).toBe(score);
  });

  it("names the numbers: hours past respondBy, three waiting messages", () => {
    const risk = Risk.caseRisk({ case: unanswered, order, now: dayAfterRespondBy, timeZone: "UTC" });
    const deadline = risk.factors.find((f) => f.code === "RESPOND_BY_DEADLINE")!;
    expect(deadline.value).toBe(-24);
    expect(Risk.inEnglish(deadline.display)).toBe("24.0 hours overdue");
    expect(risk.factors.find((f) => f.code === "UNANSWERED_BUYER_MESSAGES")).toMatchObject({
      value: 3,
      contribution: 15,
    });
    expect(Risk.inEnglish(risk.factors.find((f) => f.code === "UNANSWERED_BUYER_MESSAGES")!.explanation)).toContain(
      "3 buyer messages are waiting",
    );
  });

  it("declined and expired offers raise the risk and call for a concrete solution", () => {
    const without = Risk.caseRisk({
      case: { ...withDeclinedOffers, offers: [] },
      order,
      now: dayAfterRespondBy,
      timeZone: "UTC",
    });
    const withOffers = Risk.caseRisk({ case: withDeclinedOffers, order, now: dayAfterRespondBy, timeZone: "UTC" });
    expect(withOffers.score).toBe(without.score + 10);
    expect(Risk.inEnglish(withOffers.factors.find((f) => f.code === "REJECTED_OFFERS")!.explanation)).toContain(
      "1 offer was declined and 1 offer expired",
    );
    expect(withOffers.recommendedActions.map((a) => a.code)).toContain("RECORD_REMEDY");
  });

  it("a late-shipment case recommends the remedy plan's open steps", () => {
    const late = makeOrder();
    const c = Cases.openLateShipmentCase({ order: late, now: at(SHIP_BY, HOUR) }).case;
    const risk = Risk.caseRisk({ case: c, order: late, now: at(SHIP_BY, DAY), timeZone: "UTC" });
    expect(risk.recommendedActions.map((a) => a.code)).toEqual([
      "CONTACT_BUYER",
      "EXPEDITE_AND_SHIP",
      "OFFER_COMPENSATION",
    ]);
    // Goodwill fills only what the buyer has not got back: refunded in full, no goodwill for the delay is left to
    // offer; goodwill given up to what was paid, a partial refund is still an offer to make (goodwill never reduces
    // the money back); both spent, no offer is left.
    const codes = (o: Order) =>
      Risk.caseRisk({ case: c, order: o, now: at(SHIP_BY, DAY), timeZone: "UTC" }).recommendedActions.map(
        (a) => a.code,
      );
    const paid = late.buyerTotal.amountMinor;
    expect(codes({ ...late, refundedMinor: paid })).not.toContain("OFFER_COMPENSATION");
    expect(codes({ ...late, refundedMinor: paid - 500 })).toContain("OFFER_COMPENSATION");
    expect(codes({ ...late, compensatedMinor: paid })).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP", "MAKE_OFFER"]);
    expect(codes({ ...late, compensatedMinor: paid, refundedMinor: paid })).toEqual([
      "CONTACT_BUYER",
      "EXPEDITE_AND_SHIP",
    ]);
  });

  it("an expedited order is told to ship in time, not to mark it expedited again, and each action once", () => {
    const expedited = makeOrder({ expedited: true, expeditedAt: at(SHIP_BY, -20 * HOUR) });
    const incident = { id: "i1", cause: "HUMAN_ERROR" as const, note: "Missed", supportTicketRef: null };
    // 10 hours before its deadline, with a shipping incident on record: the plan's shipping step and the at-risk
    // advice are the same thing to do, once.
    const atRisk = { ...expedited, incidents: [{ ...incident, recordedAt: at(SHIP_BY, -DAY) }] };
    const codes = Risk.orderRisk({
      order: atRisk,
      timeZone: "UTC",
      sellerWindow30: window(0),
      openCases: [],
      now: at(SHIP_BY, -10 * HOUR),
    }).recommendedActions.map((a) => a.code);
    expect(codes).toContain("SHIP_BEFORE_DEADLINE");
    expect(codes).not.toContain("EXPEDITE_AND_SHIP");
    expect(new Set(codes).size).toBe(codes.length);
    // Past the deadline it ships at once with faster shipping; the advice no longer says to mark it.
    const c = Cases.openLateShipmentCase({ order: expedited, now: at(SHIP_BY, HOUR) }).case;
    const late = Risk.caseRisk({ case: c, order: expedited, now: at(SHIP_BY, DAY), timeZone: "UTC" });
    const ship = late.recommendedActions.find((a) => a.code === "EXPEDITE_AND_SHIP")!;
    expect(ship.label).toMatch(/^Ship the order at once.*mark it expedited if it is not, or again if marked before/);
  });

  it("a claim calls for a concrete solution only while some of it is left to refund", () => {
    const c = openDispute(order, opened, "NOT_AS_DESCRIBED", 5_000);
    const refunded = (amountMinor: number) =>
      ok(
        Cases.recordRemedy({
          case: c,
          order,
          input: { caseId: c.id, kind: "PARTIAL_REFUND", amount: { amountMinor, currency: "EUR" } },
          id: `r-${amountMinor}`,
          roles: ["SELLER"],
          now: at(opened, HOUR),
        }),
      );
    const codes = (change: { case: Case; order: Order | null }) =>
      Risk.caseRisk({
        case: change.case,
        order: change.order ?? order,
        now: at(opened, 2 * HOUR),
        timeZone: "UTC",
      }).recommendedActions.map((a) => a.code);
    expect(codes(refunded(2_000))).toContain("RECORD_REMEDY");
    const inFull = refunded(5_000);
    expect(inFull.case.status).not.toBe("RESOLVED");
    expect(codes(inFull)).not.toContain("RECORD_REMEDY");
    // Nothing left on the order to refund (refunded on another case): a claim of any size asks for no refund here.
    expect(codes({ case: c, order: { ...order, refundedMinor: order.buyerTotal.amountMinor } })).not.toContain(
      "RECORD_REMEDY",
    );
  });

  it("a dispute awaiting the seller recommends an offer only while the policy leaves one to make", () => {
    const c = openDispute(order, opened);
    const codes = (o: Order) =>
      Risk.caseRisk({ case: c, order: o, now: at(opened, HOUR), timeZone: "UTC" }).recommendedActions.map(
        (a) => a.code,
      );
    expect(codes(order)).toContain("MAKE_OFFER");
    // Either goodwill or money back left is an offer to make; refunded in full, neither is.
    const paid = order.buyerTotal.amountMinor;
    expect(codes({ ...order, compensatedMinor: paid })).toContain("MAKE_OFFER");
    expect(codes({ ...order, refundedMinor: paid - 1 })).toContain("MAKE_OFFER");
    expect(codes({ ...order, refundedMinor: paid })).not.toContain("MAKE_OFFER");
    expect(codes({ ...order, compensatedMinor: paid, refundedMinor: paid })).not.toContain("MAKE_OFFER");
  });

  const english = I18n.formatsFor({ language: "en", timeZone: "UTC" });
  const chinese = I18n.formatsFor({ language: "zh-CN", timeZone: "Asia/Shanghai" });
  const inChinese = I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai" });
  const zh = (value: I18n.Text | string) => (typeof value === "string" ? value : inChinese(value));
  const factorOf = (c: Case, code: Risk.CaseFactorCode, now: string) =>
    Risk.caseRisk({ case: c, order, now, timeZone: "UTC" }).factors.find((f) => f.code === code)!;

  /** A damaged-item dispute answered with a refund-with-return offer: the buyer accepted and shipped the goods back. */
  function returnShippedBack(): Case {
    let c = openDispute(order, opened, "DAMAGED");
    const amount = { amountMinor: 4_000, currency: "EUR" };
    const offer = { caseId: c.id, kind: "REFUND_WITH_RETURN" as const, amount, expiresAt: at(opened, 2 * DAY) };
    c = ok(
      Cases.makeOffer({ case: c, order, input: offer, id: "ret1", roles: ["SELLER"], now: at(opened, HOUR) }),
    ).case;
    const accept = { caseId: c.id, offerId: "ret1", accept: true, expectedVersion: null };
    c = ok(Cases.respondToOffer({ case: c, order, input: accept, roles: ["BUYER"], now: at(opened, 2 * HOUR) })).case;
    const parcel = { caseId: c.id, returnId: "ret1", carrier: "YunExpress", trackingNumber: "YT0001" };
    return ok(Returns.shipReturn({ case: c, input: parcel, roles: ["BUYER"], now: at(opened, 3 * HOUR) })).case;
  }

  it("says the platform escalated a case whose seller missed the return's receipt, on the day it did", () => {
    const shipped = returnShippedBack();
    const receiveBy = shipped.returns[0]!.receiveBy!;
    const jobRan = at(receiveBy, 5 * HOUR);
    const c = Returns.returnDeadline({ case: shipped, now: jobRan })!.case;
    expect(c).toMatchObject({ status: "ESCALATED", escalatedAt: jobRan });
    const { explanation } = factorOf(c, "ESCALATED", at(jobRan, HOUR));
    expect(Risk.inEnglish(explanation)).toBe(
      `The platform escalated the case on ${english.dateTime(jobRan)} because the seller did not confirm receipt ` +
        `of the returned goods by ${english.dateTime(receiveBy)}: the platform now decides, and a decision for ` +
        "the buyer counts against the seller.",
    );
    expect(zh(explanation)).toBe(
      `卖家未在${chinese.dateTime(receiveBy)}前确认收到退货，纠纷已于${chinese.dateTime(jobRan)}自动升级至平台：` +
        "现在由平台裁决，支持买家的裁决会计入卖家的不利记录。",
    );
  });

  it("names the refund the seller missed after receipt, and the buyer when the buyer escalated first", () => {
    const shipped = returnShippedBack();
    const receipt = { caseId: shipped.id, returnId: "ret1" };
    const received = ok(
      Returns.confirmReturnReceived({ case: shipped, input: receipt, roles: ["SELLER"], now: at(opened, DAY) }),
    ).case;
    const settleBy = received.returns[0]!.settleBy!;
    const late = Returns.returnDeadline({ case: received, now: at(settleBy, HOUR) })!.case;
    const lateWords = Risk.inEnglish(factorOf(late, "ESCALATED", at(settleBy, 2 * HOUR)).explanation);
    expect(lateWords).toContain(
      `because the seller did not refund the received return by ${english.dateTime(settleBy)}`,
    );
    expect(zh(factorOf(late, "ESCALATED", at(settleBy, 2 * HOUR)).explanation)).toContain("前为收到的退货退款");

    // The buyer escalated while the goods were on their way; the job flagging the missed receipt later changes nothing.
    const buyerAt = at(opened, 4 * HOUR);
    const input = { caseId: shipped.id, note: null, expectedVersion: null };
    const byBuyer = ok(Cases.escalate({ case: shipped, input, roles: ["BUYER"], now: buyerAt })).case;
    const receiveBy = byBuyer.returns[0]!.receiveBy!;
    const flagged = Returns.returnDeadline({ case: byBuyer, now: at(receiveBy, HOUR) })!.case;
    expect(flagged.returns[0]!.receiptOverdueAt).toBe(at(receiveBy, HOUR));
    const { explanation } = factorOf(flagged, "ESCALATED", at(receiveBy, 2 * HOUR));
    const byWhom = `The buyer escalated the case to the platform on ${english.dateTime(buyerAt)}:`;
    expect(Risk.inEnglish(explanation).slice(0, byWhom.length)).toBe(byWhom);
    expect(zh(explanation)).toContain(`买家已于${chinese.dateTime(buyerAt)}将纠纷升级至平台：`);
  });

  it("an escalated case the seller never answered: no seller reply is due, none was given", () => {
    const now = at(dayAfterRespondBy, HOUR);
    const deadline = factorOf(escalated, "RESPOND_BY_DEADLINE", now).display;
    const reply = factorOf(escalated, "NO_SELLER_REPLY", now).display;
    expect([Risk.inEnglish(deadline), Risk.inEnglish(reply)]).toEqual(["no seller reply due", "no reply yet"]);
    expect([zh(deadline), zh(reply)]).toEqual(["无需卖家回复", "尚未回复"]);
  });

  it("an escalated case's unanswered buyer messages no longer warn that the buyer escalates", () => {
    const now = at(dayAfterRespondBy, HOUR);
    const written = buyerWrites(escalated, at(dayAfterRespondBy, 0));
    expect(written.unansweredBuyerMessages).toBeGreaterThan(0);
    const { explanation } = factorOf(written, "UNANSWERED_BUYER_MESSAGES", now);
    expect(Risk.inEnglish(explanation)).toContain("the platform reads the case when it decides, answers included");
    expect(Risk.inEnglish(explanation)).not.toContain("escalates");
    expect(zh(explanation)).toContain("平台裁决时会查看整个纠纷");
    expect(zh(explanation)).not.toContain("升级纠纷");
  });

  it.each(Cases.CASE_OUTCOMES)("a case resolved %s names its outcome in words, in both languages", (outcome) => {
    const c = { ...resolved, outcome };
    // Every factor of an ended case says the one sentence of its end.
    for (const f of Risk.caseRisk({ case: c, order, now: at(dayAfterRespondBy, HOUR), timeZone: "UTC" }).factors) {
      expect(Risk.inEnglish(f.explanation)).toMatch(/^The case is resolved \([a-z ]+\) since /);
      expect(Risk.inEnglish(f.explanation)).not.toContain(outcome);
      expect(zh(f.explanation)).not.toContain(outcome);
    }
  });
});

describe("an assessment read for its score and level", () => {
  /** The object with every property read counted: which facts an assessment looked at, how often, and when. */
  function watched<T extends object>(value: T): { value: T; read: Map<string, number> } {
    const read = new Map<string, number>();
    const get = (target: T, key: string | symbol) => {
      read.set(String(key), (read.get(String(key)) ?? 0) + 1);
      return Reflect.get(target, key);
    };
    return { value: new Proxy(value, { get }), read };
  }

  // A page of 50 cases with their orders' risk asks for `risk { score level }` 100 times: the
  // sentences of the factors are built only when the factors are read. `lastBuyerMessageAt` is a fact only those
  // sentences name, and `expeditedAt` one the score reads (whether the mark answers the risk) and the EXPEDITE
  // sentence reads again: reading them (again) shows the words were built.
  it("writes no sentence until its factors are read", () => {
    const delivered = makeOrder({ status: "DELIVERED", shippedAt: at(SHIP_BY, -DAY), deliveredAt: at(SHIP_BY, DAY) });
    const opened = at(SHIP_BY, 2 * DAY);
    const c = watched(buyerWrites(buyerWrites(openDispute(delivered, opened), at(opened, HOUR)), at(opened, DAY)));
    const o = watched(makeOrder({ expedited: true, expeditedAt: at(SHIP_BY, -HOUR) }));
    const now = at(SHIP_BY, 3 * DAY);
    const caseRisk = Risk.caseRisk({ case: c.value, order: delivered, now, timeZone: "UTC" });
    const orderRisk = Risk.orderRisk({
      order: o.value,
      timeZone: "UTC",
      sellerWindow30: window(5),
      openCases: [],
      now,
    });
    expect([caseRisk.level, orderRisk.level]).toEqual(["ELEVATED", "HIGH"]);
    expect(c.read.has("lastBuyerMessageAt")).toBe(false);
    const expeditedAtReadForScore = o.read.get("expeditedAt") ?? 0;

    const messages = caseRisk.factors.find((f) => f.code === "UNANSWERED_BUYER_MESSAGES")!;
    const expedite = orderRisk.factors.find((f) => f.code === "EXPEDITE")!;
    expect(c.read.has("lastBuyerMessageAt")).toBe(true);
    expect(o.read.get("expeditedAt")).toBeGreaterThan(expeditedAtReadForScore);
    expect(Risk.inEnglish(messages.explanation)).toContain("3 buyer messages are waiting");
    expect(Risk.inEnglish(expedite.explanation)).toContain("expedited");
  });
});

describe("seller health", () => {
  const NOW = "2026-11-25T00:00:00.000Z";
  const health = (
    w30: Partial<Record<Stats.Counter, number>>,
    w60: Partial<Record<Stats.Counter, number>> = w30,
    violations: Violation[] = [],
  ) => Risk.sellerHealth({ window30: w30, window60: w60, violations, now: NOW });
  const metricOf = (h: Risk.SellerHealth, name: Risk.MetricName) => h.metrics.find((m) => m.name === name)!;

  const table: {
    name: string;
    metric: Risk.MetricName;
    window: Partial<Record<Stats.Counter, number>>;
    value: number;
    status: Risk.HealthStatus;
  }[] = [
    {
      name: "a 10% late rate is BAD",
      metric: "LATE_SHIPMENT_RATE",
      window: { shippedOnTime: 90, shippedLate: 10 },
      value: 10,
      status: "BAD",
    },
    {
      name: "exactly 4% late misses the < 4% target",
      metric: "LATE_SHIPMENT_RATE",
      window: { shippedOnTime: 96, shippedLate: 4 },
      value: 4,
      status: "BAD",
    },
    {
      name: "3.5% late is within a point of the target",
      metric: "LATE_SHIPMENT_RATE",
      window: { shippedOnTime: 193, shippedLate: 7 },
      value: 3.5,
      status: "AT_RISK",
    },
    {
      name: "2% late is good",
      metric: "LATE_SHIPMENT_RATE",
      window: { shippedOnTime: 98, shippedLate: 2 },
      value: 2,
      status: "GOOD",
    },
    {
      name: "1 dispute in 100 orders misses the < 1% target",
      metric: "DISPUTE_RATE",
      window: { ordersPlaced: 100, disputesOpened: 1 },
      value: 1,
      status: "BAD",
    },
    {
      name: "0.8% disputes is at risk",
      metric: "DISPUTE_RATE",
      window: { ordersPlaced: 500, disputesOpened: 4 },
      value: 0.8,
      status: "AT_RISK",
    },
    {
      name: "85% of first replies on time is BAD",
      metric: "ON_TIME_FIRST_RESPONSE_RATE",
      window: { firstReplies: 20, firstRepliesOnTime: 17 },
      value: 85,
      status: "BAD",
    },
    {
      name: "exactly 90% on time meets the ≥ 90% target, but only just",
      metric: "ON_TIME_FIRST_RESPONSE_RATE",
      window: { firstReplies: 20, firstRepliesOnTime: 18 },
      value: 90,
      status: "AT_RISK",
    },
    {
      name: "every first reply on time is good",
      metric: "ON_TIME_FIRST_RESPONSE_RATE",
      window: { firstReplies: 20, firstRepliesOnTime: 20 },
      value: 100,
      status: "GOOD",
    },
    {
      name: "exactly 95% with tracking misses the > 95% target",
      metric: "VALID_TRACKING_RATE",
      window: { shippedOnTime: 100, shippedWithTracking: 95 },
      value: 95,
      status: "BAD",
    },
    {
      name: "96% with tracking is at risk",
      metric: "VALID_TRACKING_RATE",
      window: { shippedOnTime: 100, shippedWithTracking: 96 },
      value: 96,
      status: "AT_RISK",
    },
  ];

  it.each(table)("$name", ({ metric, window: w, value, status }) => {
    expect(metricOf(health(w), metric)).toMatchObject({
      value,
      status,
      target: Risk.defaultHealthTargets[metric].target,
      window: Risk.defaultHealthTargets[metric].window,
    });
  });

  // Rates a hair either side of each kind of target and at-risk bound, among 40,000: the figure shown (two decimals)
  // stays on the rate's side of every bound, so it never contradicts the status, in either language.
  const edges: [Risk.MetricName, Partial<Record<Stats.Counter, number>>, string, Risk.HealthStatus][] = [
    ["LATE_SHIPMENT_RATE", { shippedOnTime: 40_000 - 1_599, shippedLate: 1_599 }, "3.99", "AT_RISK"],
    ["LATE_SHIPMENT_RATE", { shippedOnTime: 40_000 - 1_601, shippedLate: 1_601 }, "4.00", "BAD"],
    ["LATE_SHIPMENT_RATE", { shippedOnTime: 40_000 - 1_199, shippedLate: 1_199 }, "2.99", "GOOD"],
    ["ON_TIME_FIRST_RESPONSE_RATE", { firstReplies: 40_000, firstRepliesOnTime: 35_999 }, "89.99", "BAD"],
    ["ON_TIME_FIRST_RESPONSE_RATE", { firstReplies: 40_000, firstRepliesOnTime: 36_001 }, "90.00", "AT_RISK"],
    ["ON_TIME_FIRST_RESPONSE_RATE", { firstReplies: 40_000, firstRepliesOnTime: 37_999 }, "94.99", "AT_RISK"],
    ["VALID_TRACKING_RATE", { shippedOnTime: 40_000, shippedWithTracking: 37_999 }, "95.00", "BAD"],
    ["VALID_TRACKING_RATE", { shippedOnTime: 40_000, shippedWithTracking: 38_001 }, "95.01", "AT_RISK"],
    ["VALID_TRACKING_RATE", { shippedOnTime: 40_000, shippedWithTracking: 38_801 }, "97.01", "GOOD"],
    ["SELLER_CANCELLATION_RATE", { ordersPlaced: 40_000, cancelledBySeller: 999 }, "2.49", "AT_RISK"],
    ["SELLER_CANCELLATION_RATE", { ordersPlaced: 40_000, cancelledBySeller: 1_000 }, "2.50", "BAD"],
    ["SELLER_CANCELLATION_RATE", { ordersPlaced: 40_000, cancelledBySeller: 799 }, "1.99", "GOOD"],
    // Exactly on each at-risk bound: included for a BELOW or ABOVE target, left out for an AT_LEAST one.
    ["LATE_SHIPMENT_RATE", { shippedOnTime: 40_000 - 1_200, shippedLate: 1_200 }, "3.00", "AT_RISK"],
    ["DISPUTE_RATE", { ordersPlaced: 40_000, disputesOpened: 300 }, "0.75", "AT_RISK"],
    ["ON_TIME_FIRST_RESPONSE_RATE", { firstReplies: 40_000, firstRepliesOnTime: 38_000 }, "95.00", "GOOD"],
    ["VALID_TRACKING_RATE", { shippedOnTime: 40_000, shippedWithTracking: 38_800 }, "97.00", "AT_RISK"],
    ["SELLER_CANCELLATION_RATE", { ordersPlaced: 40_000, cancelledBySeller: 800 }, "2.00", "AT_RISK"],
  ];
  // An AT_RISK metric's words draw its bound as `statusOf` does: a rate exactly the margin inside a BELOW or ABOVE
  // target is AT_RISK ("no more than"), one exactly the margin above an AT_LEAST target is GOOD ("less than").
  const AT_RISK_VERDICT: Record<Risk.MetricName, { en: string; zh: string }> = {
    LATE_SHIPMENT_RATE: {
      en: "this meets the target by no more than 1 percentage point.",
      zh: "当前达到目标，但与目标相差不超过 1 个百分点。",
    },
    DISPUTE_RATE: {
      en: "this meets the target by no more than 0.25 percentage points.",
      zh: "当前达到目标，但与目标相差不超过 0.25 个百分点。",
    },
    ON_TIME_FIRST_RESPONSE_RATE: {
      en: "this meets the target by less than 5 percentage points.",
      zh: "当前达到目标，但与目标相差不足 5 个百分点。",
    },
    VALID_TRACKING_RATE: {
      en: "this meets the target by no more than 2 percentage points.",
      zh: "当前达到目标，但与目标相差不超过 2 个百分点。",
    },
    SELLER_CANCELLATION_RATE: {
      en: "this meets the target by no more than 0.5 percentage points.",
      zh: "当前达到目标，但与目标相差不超过 0.5 个百分点。",
    },
  };
  const verdict = (name: Risk.MetricName, status: Risk.HealthStatus) =>
    status === "AT_RISK"
      ? AT_RISK_VERDICT[name]
      : status === "BAD"
        ? { en: "this misses the target.", zh: "当前未达到目标。" }
        : { en: "this meets the target.", zh: "当前达到目标。" };
  it.each(edges)("%s of %j is shown as %s percent, %s", (name, window, shown, status) => {
    const m = metricOf(health(window), name);
    expect(m).toMatchObject({ value: Number(shown), status });
    const chinese = I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai", now: NOW });
    expect(I18n.english(m.explanation)).toContain(`${shown}%`);
    expect(I18n.english(m.explanation)).toContain(verdict(name, status).en);
    expect(chinese(m.explanation)).toContain(`${shown}%`);
    expect(chinese(m.explanation)).toContain(verdict(name, status).zh);
  });

  it("reports each metric with its numerator, denominator and window, the dispute rate over 60 days", () => {
    const h = health(
      { shippedOnTime: 27, shippedLate: 3, shippedWithTracking: 30, ordersPlaced: 30, disputesOpened: 0 },
      { ordersPlaced: 70, disputesOpened: 2 },
    );
    expect(metricOf(h, "LATE_SHIPMENT_RATE")).toMatchObject({
      value: 10,
      numerator: 3,
      denominator: 30,
      window: "30d",
      target: 4,
      status: "BAD",
    });
    expect(metricOf(h, "DISPUTE_RATE")).toMatchObject({ numerator: 2, denominator: 70, window: "60d", status: "BAD" });
    expect(I18n.english(metricOf(h, "LATE_SHIPMENT_RATE").explanation)).toContain(
      "3 of 30 orders shipped or due went late (shipped after their ship-by deadline, or not shipped by it)",
    );
    expect(h.status).toBe("BAD");
  });

  it("a zero denominator is value 0, GOOD, with a note", () => {
    const h = health({});
    for (const m of h.metrics) {
      expect(m).toMatchObject({ value: 0, numerator: 0, denominator: 0, status: "GOOD" });
      expect(I18n.english(m.note!)).toContain("nothing to measure");
    }
    expect(h.status).toBe("GOOD");
    expect(h.depositConsequences).toEqual([]);
  });

  it(
    "lists the violations that block a deposit refund, as the deposit rules decide, and the rates that weigh " +
      "against it",
    () => {
      const violations = [
        violation("v-major", "LATE_SHIPMENT_BREACH", "MAJOR", "2026-08-03T04:00:00.000Z"),
        violation("v-counterfeit", "COUNTERFEIT", "MINOR", "2026-05-01T04:00:00.000Z"),
        violation("v-quality", "QUALITY", "MINOR", "2026-04-10T04:00:00.000Z"),
        violation("v-minor", "OTHER", "MINOR", "2026-09-01T04:00:00.000Z"),
        violation("v-old", "FRAUD", "CRITICAL", "2025-10-01T04:00:00.000Z"),
        violation("v-future", "FRAUD", "CRITICAL", "2026-12-01T04:00:00.000Z"),
      ];
      const h = health(
        { shippedOnTime: 90, shippedLate: 10, shippedWithTracking: 100 },
        { qualityDisputesLost: 3 },
        violations,
      );
      expect(h.depositConsequences.map((c) => [c.code, c.effect, c.violationId ?? c.metric, c.depositKinds])).toEqual([
        // A MINOR QUALITY violation blocks limited-term deposits only; a MINOR COUNTERFEIT one blocks nothing.
        ["QUALITY_VIOLATION", "BLOCKS_REFUND", "v-quality", ["LIMITED_TERM"]],
        ["BLOCKING_VIOLATION", "BLOCKS_REFUND", "v-major", ["LIMITED_TERM", "UNLIMITED"]],
        ["TOO_MANY_QUALITY_DISPUTES", "BLOCKS_REFUND", null, ["LIMITED_TERM"]],
        ["METRIC_MISSES_TARGET", "WEIGHS_AGAINST_REFUND", "LATE_SHIPMENT_RATE", ["UNLIMITED"]],
      ]);
      expect(I18n.english(h.depositConsequences[0]!.explanation)).toContain(
        "A minor quality violation on 2026-04-10 blocks a deposit refund: a limited-term deposit whose term it falls " +
          "in is not refundable for that term; one milder than major does not block an unlimited deposit.",
      );
      expect(I18n.english(h.depositConsequences[1]!.explanation)).toContain(
        "an unlimited deposit is not refundable until 2027-08-03",
      );
      expect(I18n.english(h.depositConsequences[1]!.explanation)).toContain(
        "If you contest the violation, contact the platform operator.",
      );
      expect(h.status).toBe("BAD");
    },
  );

  it("counts a violation recorded by a clock running ahead from when it was recorded, as eligibility does", () => {
    // Recorded a minute before NOW with an occurredAt 3 minutes after it (recordViolation accepts 5 minutes).
    const skewed = {
      ...violation("v-skewed", "FRAUD", "CRITICAL", "2026-11-25T00:03:00.000Z"),
      recordedAt: "2026-11-24T23:59:00.000Z",
    };
    const h = health({ shippedOnTime: 100, shippedWithTracking: 100 }, {}, [skewed]);
    expect(h.depositConsequences.map((c) => [c.code, c.violationId])).toEqual([["BLOCKING_VIOLATION", "v-skewed"]]);
    expect(I18n.english(h.depositConsequences[0]!.explanation)).toContain("2026-11-24");
  });

  it("ranks the seller with a violation above a clean seller, and says what to do", () => {
    const clean = Risk.sellerRisk({ window30: window(1), window60: window(1), violations: [], now: NOW });
    const violating = Risk.sellerRisk({
      window30: window(1),
      window60: window(1),
      violations: [violation("v1", "COUNTERFEIT", "MAJOR", "2026-10-01T00:00:00.000Z")],
      now: NOW,
    });
    expectWellFormed(clean);
    expectWellFormed(violating);
    expect(violating.score).toBeGreaterThan(clean.score);
    expect(violating.level).toBe("ELEVATED");
    expect(violating.factors[0]!.code).toBe("VIOLATIONS");
    expect(violating.recommendedActions[0]!.code).toBe("REVIEW_VIOLATIONS");
  });

  it(
    "quality disputes lost past the deposit rules' limit block a refund: health BAD, and the VIOLATIONS factor " +
      "weighs them as a minor quality violation, in words in both languages",
    () => {
      const w30 = window(0, { firstReplies: 10, firstRepliesOnTime: 10 });
      // 5 disputes of 1,000 orders over 60 days: a GOOD dispute rate.
      const lost = (n: number) => ({
        ...w30,
        ordersPlaced: 1000,
        disputesOpened: 5,
        casesResolvedForBuyer: 5,
        qualityDisputesLost: n,
      });
      const input = (n: number, violations: Violation[] | null = []) => ({
        window30: w30,
        window60: lost(n),
        violations,
        now: NOW,
      });
      // Every metric GOOD; 2 lost is what the deposit rules allow: nothing blocks.
      expect(Risk.sellerHealth(input(2))).toMatchObject({ status: "GOOD", depositConsequences: [] });
      const allowed = Risk.sellerRisk(input(2));
      const blocked = Risk.sellerRisk(input(3));
      expectWellFormed(blocked);

      const health = Risk.sellerHealth(input(3));
      expect(health.depositConsequences.map((c) => [c.code, c.effect])).toEqual([
        ["TOO_MANY_QUALITY_DISPUTES", "BLOCKS_REFUND"],
      ]);
      expect(health.status).toBe("BAD");
      // The share a MINOR QUALITY violation takes (it blocks a limited-term refund the same way): the same score.
      const minorQuality = Risk.sellerRisk(
        input(2, [violation("v-q", "QUALITY", "MINOR", "2026-10-01T00:00:00.000Z")]),
      );
      expect(blocked.score).toBe(minorQuality.score);
      expect(blocked.score).toBeGreaterThan(allowed.score);
      const factor = blocked.factors.find((f) => f.code === "VIOLATIONS")!;
      expect(factor).toMatchObject({ value: 0, contribution: 18 });
      expect(blocked.recommendedActions.map((a) => a.code)).toEqual(["REDUCE_DISPUTE_RATE"]);
      expect(Risk.inEnglish(factor.display)).toBe(
        "0 violations, 0 blocking a deposit refund; 3 quality disputes lost, blocking one too",
      );
      expect(Risk.inEnglish(factor.explanation)).toBe(
        "No violation in the last 12 months. 3 quality disputes were resolved for the buyer in the last 60 days, " +
          "more than the 2 a limited-term deposit's term allows: they block its refund and weigh as a minor quality " +
          "violation.",
      );
      const chinese = I18n.writer({ language: "zh-CN", timeZone: "Asia/Shanghai", now: NOW });
      expect(chinese(factor.display as I18n.Text)).toBe(
        "0 条违规，其中 0 条阻碍保证金退还；另有 3 起质量纠纷败诉，同样阻碍退还",
      );
      expect(chinese(factor.explanation as I18n.Text)).toBe(
        "最近 12 个月没有违规。最近60天有 3 起质量纠纷以买家胜诉结束，超过有限期保证金一个期限允许的 2 起：" +
          "这会阻碍其退还，并按一条轻微质量违规计入风险。",
      );

      // A viewer that may not read the deposit side (a marketplace key): the metrics' status and score alone.
      expect(Risk.sellerHealth(input(3, null)).status).toBe("GOOD");
      expect(Risk.sellerRisk(input(3, null)).factors.map((f) => f.code)).not.toContain("VIOLATIONS");
    },
  );

  it("recommends what to do in the order of the factors' contributions, whatever a metric's share past full", () => {
    // 10% late is 2.5 times the 4% target: the factor is in full (25), a critical violation is in full too (30).
    const critical = violation("v1", "QUALITY", "CRITICAL", "2026-11-01T00:00:00.000Z");
    const late = window(10, { firstReplies: 10, firstRepliesOnTime: 8 });
    const risk = Risk.sellerRisk({ window30: late, window60: late, violations: [critical], now: NOW });
    const contribution = (code: string) => risk.factors.find((f) => f.code === code)!.contribution;
    expect(contribution("VIOLATIONS")).toBeGreaterThan(contribution("LATE_SHIPMENT_RATE"));
    expect(contribution("LATE_SHIPMENT_RATE")).toBeGreaterThan(contribution("ON_TIME_FIRST_RESPONSE_RATE"));
    expect(risk.recommendedActions.map((a) => a.code)).toEqual([
      "REVIEW_VIOLATIONS",
      "IMPROVE_LATE_SHIPMENT_RATE",
      "REPLY_WITHIN_DEADLINE",
    ]);
  });

  it("a seller with a 10% late rate gets the late-rate factor in full and is told to improve it", () => {
    const risk = Risk.sellerRisk({ window30: window(10), window60: window(10), violations: [], now: NOW });
    expectWellFormed(risk);
    expect(risk.factors[0]).toMatchObject({ code: "LATE_SHIPMENT_RATE", value: 10, contribution: 25 });
    expect(risk.recommendedActions.map((a) => a.code)).toEqual(["IMPROVE_LATE_SHIPMENT_RATE"]);
  });
});

describe("the model", () => {
  it("is written down in the README exactly as in the code", () => {
    const readme = readFileSync(new URL("../../packages/core/src/risk/README.md", import.meta.url), "utf8");
    expect(readme).toContain(Risk.renderModelTables());
    for (const code of [...Risk.ORDER_FACTORS, ...Risk.CASE_FACTORS, ...Risk.SELLER_FACTORS])
      expect(readme).toContain(`\`${code}\``);
    for (const code of Risk.ACTION_CODES) expect(readme).toContain(`\`${code}\``);
  });

  it("rounds with the largest remainder: contributions sum exactly to the score, scaled down above 100", () => {
    expect(Risk.allocate([55, 10, 10, 15, 16, 8])).toEqual({ score: 100, contributions: [48, 9, 9, 13, 14, 7] });
    expect(Risk.allocate([10.4, 10.4, 10.4])).toEqual({ score: 31, contributions: [11, 10, 10] });
    expect(Risk.allocate([0.4, 0.4])).toEqual({ score: 0, contributions: [0, 0] });
    expect(Risk.allocate([0, 24.99])).toEqual({ score: 24, contributions: [0, 24] });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const orderArb = fc
  .record({
    handlingDays: fc.integer({ min: 1, max: 20 }),
    status: fc.constantFrom(...Orders.ORDER_STATUSES),
    expedited: fc.boolean(),
    shippedOffsetHours: fc.integer({ min: -400, max: 400 }),
    settlementMinor: fc.integer({ min: 0, max: 5_000_000 }),
    buyerMinor: fc.integer({ min: 0, max: 1_000_000 }),
    systemError: fc.boolean(),
  })
  .map((g) => {
    const shipBy = at(PLACED, g.handlingDays * DAY);
    const shippedAt =
      g.status === "SHIPPED" || g.status === "DELIVERED" ? at(shipBy, g.shippedOffsetHours * HOUR) : null;
    return makeOrder({
      handlingDays: g.handlingDays,
      shipBy,
      status: g.status,
      expedited: g.expedited && g.status === "AWAITING_SHIPMENT",
      expeditedAt: g.expedited && g.status === "AWAITING_SHIPMENT" ? PLACED : null,
      shippedAt,
      carrier: shippedAt ? "DHL" : null,
      trackingNumber: shippedAt ? "JD0001" : null,
      deliveredAt: g.status === "DELIVERED" ? shippedAt : null,
      cancelledAt: g.status === "CANCELLED" ? PLACED : null,
      cancelReason: g.status === "CANCELLED" ? "OUT_OF_STOCK" : null,
      settlementAmount: { amountMinor: g.settlementMinor, currency: "CNY" },
      buyerTotal: { amountMinor: g.buyerMinor, currency: "EUR" },
      incidents: g.systemError
        ? [{ id: "i1", cause: "SYSTEM_ERROR", note: "dropped", supportTicketRef: "T-1", recordedAt: PLACED }]
        : [],
    });
  });

const counterArb = fc.integer({ min: 0, max: 500 });
const windowArb = fc.record(
  Object.fromEntries(
    Stats.COUNTERS.map((c) => [
      c,
      c === "settledSalesMinor" ? fc.integer({ min: -1_000_000, max: 100_000_000 }) : counterArb,
    ]),
  ) as Record<Stats.Counter, fc.Arbitrary<number>>,
);

/** Any case on order `o1` in any state, as the case rules could have left it. */
const caseArb = fc
  .record({
    status: fc.constantFrom(...Cases.CASE_STATUSES),
    reason: fc.constantFrom(...Cases.CASE_REASONS),
    source: fc.constantFrom(...Cases.CASE_SOURCES),
    claimMinor: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    openedHoursAgo: fc.integer({ min: 0, max: 500 }),
    respondByHours: fc.integer({ min: -300, max: 300 }),
    replied: fc.boolean(),
    unanswered: fc.integer({ min: 0, max: 8 }),
    offers: fc.array(fc.constantFrom(...Cases.OFFER_STATUSES), { maxLength: 4 }),
  })
  .map((g): ((now: string) => Case) => (now) => {
    const base = Cases.openLateShipmentCase({ order: makeOrder(), now: at(now, -g.openedHoursAgo * HOUR) }).case;
    const open = g.status !== "RESOLVED" && g.status !== "CLOSED";
    return {
      ...base,
      id: "c-prop",
      status: g.status,
      reason: g.reason,
      source: g.source,
      claimAmount: g.claimMinor === null ? null : { amountMinor: g.claimMinor, currency: "EUR" },
      respondBy: at(now, g.respondByHours * HOUR),
      firstResponseAt: g.replied ? base.openedAt : null,
      firstResponseWithinDeadline: g.replied ? true : null,
      unansweredBuyerMessages: g.unanswered,
      lastBuyerMessageAt: g.unanswered > 0 ? base.openedAt : null,
      escalatedAt: g.status === "ESCALATED" ? now : null,
      resolvedAt: open ? null : now,
      outcome: open ? null : "REFUNDED",
      offers: g.offers.map((status, i) => ({
        id: `of${i}`,
        kind: "COUPON" as const,
        amount: { amountMinor: 500, currency: "EUR" },
        percentOff: null,
        note: null,
        status,
        madeAt: base.openedAt,
        expiresAt: at(now, DAY),
        answeredAt: status === "PENDING" ? null : now,
      })),
    };
  });

const nowArb = fc.integer({ min: -10 * 24, max: 30 * 24 }).map((h) => at(SHIP_BY, h * HOUR));

const violationArb = fc
  .record({
    kind: fc.constantFrom<Violation["kind"]>("COUNTERFEIT", "QUALITY", "LATE_SHIPMENT_BREACH", "FRAUD", "OTHER"),
    severity: fc.constantFrom<Violation["severity"]>("MINOR", "MAJOR", "CRITICAL"),
    daysAgo: fc.integer({ min: -30, max: 500 }),
    id: fc.integer({ min: 0, max: 10_000 }),
  })
  .map((g) => violation(`v${g.id}`, g.kind, g.severity, at("2026-11-25T00:00:00.000Z", -g.daysAgo * DAY)));

describe("properties", () => {
  it("seller health: each metric's figure, read against its target, has the metric's status", () => {
    // Counts a few units either side of a bound (targets and at-risk bounds, in hundredths of a percent), among
    // totals large enough for the third decimal to matter.
    const bounds = [75, 100, 300, 400, 8_500, 9_000, 9_500, 9_700];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.constantFrom(...bounds),
        fc.integer({ min: -2, max: 2 }),
        (total, bound, delta) => {
          const part = Math.min(total, Math.max(0, Math.floor((total * bound) / 10_000) + delta));
          const window = {
            shippedOnTime: total - part,
            shippedLate: part,
            shippedWithTracking: part,
            ordersPlaced: total,
            disputesOpened: part,
            firstReplies: total,
            firstRepliesOnTime: part,
          };
          const h = Risk.sellerHealth({
            window30: window,
            window60: window,
            violations: [],
            now: "2026-11-25T00:00:00Z",
          });
          for (const m of h.metrics) {
            expect(Risk.statusOf(m.value / 100, Risk.defaultHealthTargets[m.name]), `${m.name} ${part}/${total}`).toBe(
              m.status,
            );
          }
        },
      ),
      RUNS,
    );
  });

  it("order risk: an integer 0–100 that its contributions add up to, each within its weight", () => {
    fc.assert(
      fc.property(orderArb, windowArb, fc.array(caseArb, { maxLength: 3 }), nowArb, (order, w, cases, now) => {
        expectWellFormed(
          Risk.orderRisk({ order, timeZone: "UTC", sellerWindow30: w, openCases: cases.map((c) => c(now)), now }),
        );
      }),
      RUNS,
    );
  });

  it(
    "case risk: an integer 0–100 that its contributions add up to, " + "recommending only what the case machine allows",
    () => {
      fc.assert(
        fc.property(caseArb, orderArb, nowArb, (makeCase, order, now) => {
          const c = makeCase(now);
          const risk = Risk.caseRisk({ case: c, order, now, timeZone: "UTC" });
          expectWellFormed(risk);
          const allowed = Cases.availableActions(c.status, ["SELLER"]);
          for (const a of risk.recommendedActions) {
            const machine = Risk.ACTIONS[a.code].caseAction;
            if (machine) expect(allowed).toContain(machine);
          }
          if (c.status === "ESCALATED") expect(risk.level).toBe("CRITICAL");
          if (c.status === "RESOLVED" || c.status === "CLOSED") expect(risk.score).toBe(0);
        }),
        RUNS,
      );
    },
  );

  it("seller risk: an integer 0–100 that its contributions add up to", () => {
    fc.assert(
      fc.property(windowArb, windowArb, fc.array(violationArb, { maxLength: 5 }), (w30, w60, violations) => {
        expectWellFormed(
          Risk.sellerRisk({ window30: w30, window60: w60, violations, now: "2026-11-25T00:00:00.000Z" }),
        );
      }),
      RUNS,
    );
  });

  it("more hours overdue never lowers order risk", () => {
    fc.assert(
      fc.property(
        orderArb,
        windowArb,
        fc.array(caseArb, { maxLength: 2 }),
        nowArb,
        fc.integer({ min: 0, max: 24 * 20 }),
        (order, w, cases, now, moreHours) => {
          const openCases = cases.map((c) => c(now));
          const later = at(now, moreHours * HOUR);
          // `w` is the seller's other orders; the window as stored holds the order's own counters too while its day is
          // in the 30 days, as it would at each instant (the assessment takes them out again).
          const stored = (instant: string) => {
            const today = Time.dayOf(instant, "UTC");
            const from = Time.addDays(today, -(Risk.SELLER_WINDOW_DAYS - 1));
            const own = Object.entries(Stats.orderDeltas(null, order, "UTC"));
            return Stats.sum([w, ...own.flatMap(([day, c]) => (day >= from && day <= today ? [c] : []))]);
          };
          const before = Risk.orderRisk({ order, timeZone: "UTC", sellerWindow30: stored(now), openCases, now });
          const after = Risk.orderRisk({
            order,
            timeZone: "UTC",
            sellerWindow30: stored(later),
            openCases,
            now: later,
          });
          expect(after.score).toBeGreaterThanOrEqual(before.score);
        },
      ),
      RUNS,
    );
  });

  it("shipped, delivered and cancelled orders are always LOW", () => {
    fc.assert(
      fc.property(orderArb, windowArb, fc.array(caseArb, { maxLength: 3 }), nowArb, (order, w, cases, now) => {
        fc.pre(order.status !== "AWAITING_SHIPMENT");
        expect(
          Risk.orderRisk({ order, timeZone: "UTC", sellerWindow30: w, openCases: cases.map((c) => c(now)), now }).level,
        ).toBe("LOW");
      }),
      RUNS,
    );
  });

  it("a seller reply never raises case risk", () => {
    fc.assert(
      fc.property(caseArb, orderArb, nowArb, (makeCase, order, now) => {
        const c = makeCase(now);
        const before = Risk.caseRisk({ case: c, order, now, timeZone: "UTC" }).score;
        // Through the case rules, where the state allows a seller message.
        const posted = Cases.postMessage({
          case: c,
          input: { caseId: c.id, direction: "SELLER", body: "Sorry, we are on it.", expectedVersion: null },
          roles: ["SELLER"],
          now,
        });
        if (posted.ok)
          expect(Risk.caseRisk({ case: posted.value.case, order, now, timeZone: "UTC" }).score).toBeLessThanOrEqual(
            before,
          );
        // And the bare facts of a reply, whatever the state.
        const replied = {
          ...c,
          firstResponseAt: c.firstResponseAt ?? now,
          lastSellerMessageAt: now,
          unansweredBuyerMessages: 0,
        };
        expect(Risk.caseRisk({ case: replied, order, now, timeZone: "UTC" }).score).toBeLessThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it("a higher late-shipment rate never improves seller health nor lowers seller risk", () => {
    const rank = { GOOD: 0, AT_RISK: 1, BAD: 2 } as const;
    fc.assert(
      fc.property(
        windowArb,
        windowArb,
        fc.array(violationArb, { maxLength: 3 }),
        fc.integer({ min: 0, max: 200 }),
        fc.boolean(),
        (w30, w60, violations, k, moveOnTime) => {
          // Either k on-time shipments turn out late (same shipments), or k more late shipments happen.
          const moved = moveOnTime ? Math.min(k, w30.shippedOnTime) : 0;
          const worse = (w: Record<Stats.Counter, number>) =>
            moveOnTime
              ? {
                  ...w,
                  shippedOnTime: w.shippedOnTime - Math.min(moved, w.shippedOnTime),
                  shippedLate: w.shippedLate + Math.min(moved, w.shippedOnTime),
                }
              : { ...w, shippedLate: w.shippedLate + k };
          const now = "2026-11-25T00:00:00.000Z";
          const input = { window30: w30, window60: w60, violations, now };
          const worseInput = { window30: worse(w30), window60: worse(w60), violations, now };
          const h1 = Risk.sellerHealth(input);
          const h2 = Risk.sellerHealth(worseInput);
          const late = (h: Risk.SellerHealth) => h.metrics.find((m) => m.name === "LATE_SHIPMENT_RATE")!;
          expect(late(h2).value).toBeGreaterThanOrEqual(late(h1).value);
          expect(rank[late(h2).status]).toBeGreaterThanOrEqual(rank[late(h1).status]);
          expect(rank[h2.status]).toBeGreaterThanOrEqual(rank[h1.status]);
          expect(Risk.sellerRisk(worseInput).score).toBeGreaterThanOrEqual(Risk.sellerRisk(input).score);
        },
      ),
      RUNS,
    );
  });

  it("is deterministic: the same input gives the same output", () => {
    fc.assert(
      fc.property(
        orderArb,
        windowArb,
        windowArb,
        caseArb,
        fc.array(violationArb, { maxLength: 4 }),
        nowArb,
        (order, w30, w60, makeCase, violations, now) => {
          const c = makeCase(now);
          const run = () => ({
            order: Risk.orderRisk({
              order: structuredClone(order),
              timeZone: "UTC",
              sellerWindow30: { ...w30 },
              openCases: [structuredClone(c)],
              now,
            }),
            case: Risk.caseRisk({ case: structuredClone(c), order: structuredClone(order), now, timeZone: "UTC" }),
            health: Risk.sellerHealth({
              window30: { ...w30 },
              window60: { ...w60 },
              violations: structuredClone(violations),
              now,
            }),
            seller: Risk.sellerRisk({
              window30: { ...w30 },
              window60: { ...w60 },
              violations: structuredClone(violations),
              now,
            }),
          });
          expect(run()).toStrictEqual(run());
        },
      ),
      RUNS,
    );
  });
});

describe("a factor's value says what its sentence says", () => {
  const factor = (code: string, now: string) =>
    Risk.orderRisk({ order: makeOrder(), timeZone: "UTC", sellerWindow30: window(0), openCases: [], now }).factors.find(
      (f) => f.code === code,
    )!;

  it("a deadline passed seconds ago is negative hours, not 0 (JSON writes -0 as 0)", () => {
    for (const seconds of [1, 30, 170]) {
      const deadline = factor("SHIP_BY_DEADLINE", at(SHIP_BY, seconds * 1_000));
      expect(JSON.parse(JSON.stringify(deadline.value)), `${seconds} s`).toBeLessThan(0);
      expect(Risk.inEnglish(deadline.display), `${seconds} s`).toContain("overdue");
    }
    expect(factor("SHIP_BY_DEADLINE", SHIP_BY).value).toBe(0);
  });

  it("handling time almost used up is 99 percent in the value as in the words", () => {
    const handlingMs = Date.parse(SHIP_BY) - Date.parse(PLACED);
    const notShipped = factor("NOT_SHIPPED", at(PLACED, Math.floor(handlingMs * 0.996)));
    expect(notShipped.value).toBe(99);
    expect(Risk.inEnglish(notShipped.display)).toContain("99");
  });
});

describe("an order marked expedited before it was at risk", () => {
  const early = makeOrder({ expedited: true, expeditedAt: PLACED });
  const assess = (order: Order, now: string) => {
    const assessed = Risk.orderRisk({ order, timeZone: "UTC", sellerWindow30: window(0), openCases: [], now });
    const factor = assessed.factors.find((f) => f.code === "EXPEDITE")!;
    return {
      contribution: factor.contribution,
      words: Risk.inEnglish(factor.explanation),
      actions: assessed.recommendedActions.map((a) => a.code),
    };
  };
  const markAgain = (order: Order, now: string) =>
    Orders.expedite({ order, input: { orderId: order.id }, now, rules: Orders.defaultOrderRules });

  it("is judged on one at-risk window: the order rules' (expediteOrder) and the risk model's (the advice)", () => {
    expect(Risk.RISK_MODEL.order.atRiskWindowHours * HOUR).toBe(Orders.defaultOrderRules.atRiskWindowMs);
  });

  it("is not praised while the window is ahead, and marking it again then is refused as already expedited", () => {
    const before = at(SHIP_BY, -2 * DAY);
    const seen = assess(early, before);
    expect(seen.contribution).toBe(0);
    expect(seen.words).not.toContain("being handled with priority");
    expect(seen.words).toContain("If it has not shipped when those hours begin, mark it expedited again.");
    const refused = markAgain(early, before);
    expect(refused).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });
    // The refusal says from when the order can be marked again: its last 24 hours to ship.
    if (!refused.ok) expect(refused.errors[0]!.message).toContain("can be marked again from 22 Nov, 00:00.");
  });

  it("inside the window is told to mark it again, which is accepted, and then only to ship in time", () => {
    const now = at(SHIP_BY, -10 * HOUR);
    const seen = assess(early, now);
    expect(seen.contribution).toBeGreaterThan(0);
    expect(seen.words).toContain("Mark it expedited again to show it is.");
    expect(seen.actions).toContain("EXPEDITE_AND_SHIP");
    expect(seen.actions).not.toContain("SHIP_BEFORE_DEADLINE");
    const marked = markAgain(early, now);
    if (!marked.ok) throw new Error(JSON.stringify(marked.errors));
    expect(marked.value.expeditedAt).toBe(now);
    const after = assess(marked.value, now);
    expect(after.contribution).toBe(0);
    expect(after.actions).toContain("SHIP_BEFORE_DEADLINE");
    expect(after.actions).not.toContain("EXPEDITE_AND_SHIP");
    // Marked again inside the window, a third mark is refused: this one counts.
    expect(markAgain(marked.value, at(SHIP_BY, -HOUR))).toMatchObject({ ok: false });
  });

  it("inside the window, is told to expedite exactly when expediteOrder takes a mark: any mark, any instant", () => {
    const minutes = (m: number) => at(SHIP_BY, m * 60_000);
    const WINDOW = 24 * 60;
    fc.assert(
      fc.property(
        // Not expedited, expedited with no instant stored, or marked at a minute from placement to shipBy.
        fc.oneof(fc.constant("none" as const), fc.constant(null), fc.integer({ min: -3 * WINDOW, max: 0 })),
        fc.integer({ min: -WINDOW, max: 0 }),
        (mark, nowMinute) => {
          fc.pre(typeof mark !== "number" || mark <= nowMinute);
          const order =
            mark === "none"
              ? makeOrder()
              : makeOrder({ expedited: true, expeditedAt: mark === null ? null : minutes(mark) });
          const now = minutes(nowMinute);
          const { actions, words } = assess(order, now);
          const takes = markAgain(order, now).ok;
          expect(actions.includes("EXPEDITE_AND_SHIP"), `${mark} at ${nowMinute}`).toBe(takes);
          expect(actions.includes("SHIP_BEFORE_DEADLINE"), `${mark} at ${nowMinute}`).toBe(!takes);
          // The factor's words ask for a second mark exactly when it would be taken.
          if (order.expedited) expect(words.includes("Mark it expedited again"), `${mark} at ${nowMinute}`).toBe(takes);
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });

  it("once late, is marked again too, the factor's weight goes, and the remedy plan's words agree", () => {
    const now = at(SHIP_BY, 6 * HOUR);
    const shipStep = (order: Order) =>
      Risk.inEnglish(
        Remedies.remedyPlan(order, now, "UTC")!.steps.find((s) => s.code === "EXPEDITE_AND_SHIP")!.instruction,
      );
    expect(assess(early, now).contribution).toBe(Risk.RISK_MODEL.order.weights.EXPEDITE);
    expect(shipStep(early)).toContain(": mark it expedited, ship it as soon as possible");
    const marked = markAgain(early, now);
    if (!marked.ok) throw new Error(JSON.stringify(marked.errors));
    expect(assess(marked.value, now).contribution).toBe(0);
    expect(shipStep(marked.value)).toContain("and is expedited: ship it as soon as possible");
  });
});

describe("the EXPEDITE factor credits a mark made once the order was at risk", () => {
  const now = at(SHIP_BY, 2 * DAY);
  const expedite = (expeditedAt: string | null) => {
    const assessed = Risk.orderRisk({
      order: makeOrder({ expedited: true, expeditedAt }),
      timeZone: "UTC",
      sellerWindow30: {},
      openCases: [],
      now,
    });
    const factor = assessed.factors.find((f) => f.code === "EXPEDITE")!;
    return { contribution: factor.contribution, words: Risk.inEnglish(factor.explanation) };
  };

  it("from the at-risk window's first instant (24 h before shipBy) on, and a mark stored without its instant", () => {
    for (const markedAt of [at(SHIP_BY, -DAY), at(SHIP_BY, DAY), null]) {
      expect(expedite(markedAt)).toMatchObject({ contribution: 0, words: expect.stringContaining("being handled") });
    }
  });

  it("not a mark made before it (a tool that expedites every order as it is placed): all the weight, once late", () => {
    for (const markedAt of [PLACED, at(SHIP_BY, -DAY - 1)]) {
      const { contribution, words } = expedite(markedAt);
      expect(contribution).toBe(Risk.RISK_MODEL.order.weights.EXPEDITE);
      expect(words).toContain("before its last 24 hours to ship");
      expect(words).toContain("counts as not expedited now that the order is late");
    }
  });
});
