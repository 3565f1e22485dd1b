import { describe, expect, it } from "vitest";
import { Cases, Risk, Time, type Case, type Order } from "@seller-ops/core";
import { newOrder } from "../support/core-orders";

/**
 * The seller's response window per reason: a late shipment gives 24 hours (the guide's forgotten-shipment section:
 * contact the buyer at once, 立即), every other reason 5 days; and the due-soon warning that goes with each window.
 */

const PLACED = "2026-11-20T00:00:00.000Z";
const SHIP_BY = "2026-11-23T00:00:00.000Z";
const at = (base: string, ms: number) => Time.addMs(base, ms);
const { HOUR_MS, DAY_MS } = Time;

function makeOrder(overrides: Partial<Order> = {}): Order {
  return { ...newOrder(PLACED, { amountMinor: 10_000, currency: "EUR" }), ...overrides };
}

function ok<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** The buyer opens a case of `reason` on the order at `now`. */
const buyerOpens = (order: Order, reason: Cases.CaseReason, now: string): Case =>
  ok(
    Cases.open({
      id: `c-${reason}`,
      order,
      openCaseOpeners: [],
      openBuyerCases: [],
      input: { orderId: order.id, reason, source: "BUYER", claimText: "Where is my order?" },
      roles: ["BUYER"],
      now,
    }),
  ).case;

const post = (c: Case, direction: "SELLER" | "BUYER", now: string): Case =>
  ok(
    Cases.postMessage({
      case: c,
      input: { caseId: c.id, direction, body: "A message.", expectedVersion: null },
      roles: [direction],
      now,
    }),
  ).case;

const OPENED = at(SHIP_BY, HOUR_MS);

describe("a late-shipment case's response window", () => {
  it("is 24 hours, opened by the late-order job or by the buyer", () => {
    const order = makeOrder();
    const bySystem = Cases.openLateShipmentCase({ order, now: OPENED }).case;
    expect(bySystem).toMatchObject({ reason: "LATE_SHIPMENT", source: "SYSTEM", openedAt: OPENED });
    expect(bySystem.respondBy).toBe(at(OPENED, DAY_MS));
    const byBuyer = buyerOpens(order, "LATE_SHIPMENT", OPENED);
    expect(byBuyer).toMatchObject({ reason: "LATE_SHIPMENT", source: "BUYER" });
    expect(byBuyer.respondBy).toBe(at(OPENED, DAY_MS));
  });

  it("stays 5 days for every other reason", () => {
    const order = makeOrder({ status: "SHIPPED", shippedAt: at(PLACED, DAY_MS), carrier: "DHL", trackingNumber: "J1" });
    for (const reason of ["NOT_RECEIVED", "QUALITY_ISSUE", "DAMAGED", "NOT_AS_DESCRIBED"] as const)
      expect(buyerOpens(order, reason, OPENED).respondBy, reason).toBe(at(OPENED, 5 * DAY_MS));
    expect(buyerOpens(makeOrder(), "NOT_SHIPPED", OPENED).respondBy).toBe(at(OPENED, 5 * DAY_MS));
  });

  it("restarts by 24 hours when the buyer writes after the seller answered", () => {
    const c = Cases.openLateShipmentCase({ order: makeOrder(), now: OPENED }).case;
    const answered = post(c, "SELLER", at(OPENED, 2 * HOUR_MS));
    const buyerWrote = at(OPENED, 3 * DAY_MS);
    const again = post(answered, "BUYER", buyerWrote);
    expect(again).toMatchObject({ status: "AWAITING_SELLER", respondBy: at(buyerWrote, DAY_MS) });
  });

  it("counts a fresh 24 hours from a lapsed offer's expiresAt", () => {
    const order = makeOrder();
    const c = Cases.openLateShipmentCase({ order, now: OPENED }).case;
    const expiresAt = at(OPENED, 2 * DAY_MS);
    const input = { caseId: c.id, kind: "COUPON" as const, amount: { amountMinor: 500, currency: "EUR" }, expiresAt };
    const offered = ok(Cases.makeOffer({ case: c, order, input, id: "d1", roles: ["SELLER"], now: OPENED })).case;
    const check = Cases.checkDeadlines({ case: offered, now: at(expiresAt, 15 * 60_000) });
    if (check.kind !== "change") throw new Error(check.kind);
    expect(check.change.case).toMatchObject({ status: "AWAITING_SELLER", respondBy: at(expiresAt, DAY_MS) });
  });
});

describe("the due-soon warning", () => {
  it("comes 12 hours before a late shipment's deadline: half its window, not at once", () => {
    const c = Cases.openLateShipmentCase({ order: makeOrder(), now: OPENED }).case;
    const warnAt = at(c.respondBy, -12 * HOUR_MS);
    expect(c.nextDeadlineAt).toBe(warnAt);
    expect(Cases.checkDeadlines({ case: c, now: OPENED }).kind).not.toBe("dueSoon");
    expect(Cases.checkDeadlines({ case: c, now: at(warnAt, -1) }).kind).not.toBe("dueSoon");
    const warned = Cases.checkDeadlines({ case: c, now: warnAt });
    if (warned.kind !== "dueSoon") throw new Error(warned.kind);
    expect(warned.case).toMatchObject({ responseDueSoonFor: c.respondBy, nextDeadlineAt: c.respondBy });
  });

  it("still comes a day before a 5-day deadline", () => {
    const order = makeOrder({ status: "SHIPPED", shippedAt: at(PLACED, DAY_MS), carrier: "DHL", trackingNumber: "J1" });
    const c = buyerOpens(order, "QUALITY_ISSUE", OPENED);
    const warnAt = at(c.respondBy, -DAY_MS);
    expect(c.nextDeadlineAt).toBe(warnAt);
    expect(Cases.checkDeadlines({ case: c, now: at(warnAt, -1) }).kind).not.toBe("dueSoon");
    expect(Cases.checkDeadlines({ case: c, now: warnAt }).kind).toBe("dueSoon");
  });
});

describe("a fresh late-shipment case's risk", () => {
  it("no longer reads LOW: its 24 hours left are inside the deadline curve at once", () => {
    const order = makeOrder();
    const c = Cases.openLateShipmentCase({ order, now: OPENED }).case;
    const risk = Risk.caseRisk({ case: c, order, now: OPENED, timeZone: "UTC" });
    expect(risk.level).toBe("ELEVATED");
    expect(risk.factors.find((f) => f.code === "RESPOND_BY_DEADLINE")!.contribution).toBeGreaterThan(0);
  });
});
