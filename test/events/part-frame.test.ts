import { describe, expect, it } from "vitest";
import { Cases, Events, Orders, Returns, Time, type Case, type Order } from "@seller-ops/core";

/**
 * An event about a part (an offer, remedy, return or evidence) keeps of its case only a frame;
 * every case field the change moved must still reach the consumer through that event. Each verb
 * and job rule that changes a part is run, and every case-level scalar the change moved (other
 * than the envelope's instants and the jobs' bookkeeping) must be in the event's payload with its
 * new value, a field the change cleared as null (in a part's event, absent means "not carried").
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);
const BUYER: Cases.ActorRole[] = ["BUYER", "PLATFORM"];
const SELLER: Cases.ActorRole[] = ["SELLER"];
/** An operator: the platform, and the only one that decides an escalated case. */
const OPERATOR: Cases.ActorRole[] = ["PLATFORM", "OPERATOR"];

/** Case fields an event leaves to its envelope or that only the jobs read. */
const NOT_NEWS = new Set(["updatedAt", "createdAt", "nextDeadlineAt", "eventCount"]);

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function shippedOrder(): Order {
  const input = {
    marketplaceOrderId: "AE-1",
    items: [{ sku: "S", title: "T", quantity: 1 }],
    buyerTotal: { amountMinor: 10_000, currency: "USD" },
    settlementAmount: { amountMinor: 70_000, currency: "CNY" },
    buyerCountry: "US",
    placedAt: START,
    handlingDays: 3,
    shipBy: null,
  };
  const created = must(
    Orders.create({ id: "o1", sellerId: "s1", settlementCurrency: "CNY", timeZone: "UTC", input, now: START }),
  );
  const ship = { orderId: "o1", carrier: "Cainiao", trackingNumber: "LP0001" };
  return must(Orders.markShipped({ order: created, input: ship, now: START }));
}

const order = shippedOrder();
const opened = (): Case =>
  must(
    Cases.open({
      id: "c1",
      order,
      openCaseOpeners: [],
      openBuyerCases: [],
      input: { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
      roles: BUYER,
      now: START,
    }),
  ).case;

/** The case fields the change moved, and the event it yields checked against them. */
function eventOf(before: Case, change: Cases.Change): { moved: string[]; payload: Events.Payload } {
  const draft = Events.caseChangeEvent({ before, after: change.case, timeline: change.event });
  expect(draft.partId, `${change.event.type} is about a part`).toBeTruthy();
  const after = change.case as unknown as Record<string, unknown>;
  const previous = before as unknown as Record<string, unknown>;
  const moved = Object.keys(after).filter(
    (key) =>
      !NOT_NEWS.has(key) &&
      (after[key] === null || ["string", "number", "boolean"].includes(typeof after[key])) &&
      after[key] !== previous[key],
  );
  for (const key of moved) {
    expect(draft.payload, `${change.event.type} ${key}`).toHaveProperty(key, after[key]);
  }
  return { moved, payload: draft.payload };
}

function offer(c: Case, id: string, hour: number, kind: "COUPON" | "REFUND_WITH_RETURN" = "COUPON") {
  const input = { caseId: c.id, kind, amount: { amountMinor: 1_000, currency: "USD" }, expiresAt: at(hour + 24) };
  return must(Cases.makeOffer({ case: c, order, input, id, roles: SELLER, now: at(hour) }));
}

function answer(c: Case, offerId: string, accept: boolean, hour: number) {
  const input = { caseId: c.id, offerId, accept };
  return must(Cases.respondToOffer({ case: c, order, input, roles: BUYER, now: at(hour) }));
}

/** A case whose refund return the buyer accepted at `hour`. */
function returning(hour: number): Case {
  const offered = offer(opened(), "ret", hour, "REFUND_WITH_RETURN").case;
  return answer(offered, "ret", true, hour).case;
}

describe("an event about a part carries every case field the change moved", () => {
  it("the seller's first answer by an offer or a remedy", () => {
    const c = opened();
    const made = eventOf(c, offer(c, "off", 2));
    expect(made.moved).toEqual(expect.arrayContaining(["firstResponseAt", "lastSellerMessageAt"]));
    const remedy = { caseId: c.id, kind: "APOLOGY" as const };
    const recorded = must(Cases.recordRemedy({ case: c, order, input: remedy, id: "rem", roles: SELLER, now: at(3) }));
    if (Cases.isAlreadyDone(recorded)) throw new Error("an apology is never already done");
    expect(eventOf(c, recorded).moved).toEqual(
      expect.arrayContaining(["firstResponseAt", "firstResponseWithinDeadline"]),
    );
  });

  it("an answer past respondBy clears the overdue flag: the event says it, as null", () => {
    const check = Cases.checkDeadlines({ case: opened(), now: at(24 * 30) });
    if (check.kind !== "change") throw new Error(`expected the case to be overdue, got ${check.kind}`);
    const overdue = check.change.case;
    expect(overdue.responseOverdueAt).toBe(at(24 * 30));
    const made = eventOf(overdue, offer(overdue, "off", 24 * 30 + 1));
    expect(made.moved).toContain("responseOverdueAt");
    expect(made.payload).toHaveProperty("responseOverdueAt", null);
  });

  it("a declined or lapsed offer restarts respondBy", () => {
    const offered = offer(opened(), "off", 2).case;
    const declined = answer(offered, "off", false, 20);
    expect(eventOf(offered, declined).payload.respondBy).toBe(declined.case.respondBy);
    expect(declined.case.respondBy).not.toBe(offered.respondBy);
    const check = Cases.checkDeadlines({ case: offered, now: at(100) });
    if (check.kind !== "change") throw new Error(`expected the offer to lapse, got ${check.kind}`);
    expect(check.change.event.type).toBe("OFFER_EXPIRED");
    expect(eventOf(offered, check.change).moved).toContain("respondBy");
  });

  it("escalating with a pending offer sets escalatedAt; accepting an offer resolves the case", () => {
    const offered = offer(opened(), "off", 2).case;
    const escalated = must(Cases.escalate({ case: offered, input: { caseId: "c1" }, roles: BUYER, now: at(5) }));
    expect(eventOf(offered, escalated).payload.escalatedAt).toBe(at(5));
    const accepted = answer(offered, "off", true, 6);
    expect(eventOf(offered, accepted).payload).toMatchObject({ resolvedAt: at(6), outcome: "COMPENSATION_ACCEPTED" });
  });

  it("a cancelled return restarts respondBy; a refunded one resolves the case", () => {
    const c = returning(2);
    const returnId = c.returns[0]!.id;
    const cancelled = must(
      Returns.cancelReturn({ case: c, input: { caseId: "c1", returnId }, roles: BUYER, now: at(40) }),
    );
    expect(eventOf(c, cancelled).payload.respondBy).toBe(cancelled.case.respondBy);
    expect(cancelled.case.respondBy).not.toBe(c.respondBy);
    const ship = { caseId: "c1", returnId, carrier: "Cainiao", trackingNumber: "LP0002" };
    const shipped = must(Returns.shipReturn({ case: c, input: ship, roles: BUYER, now: at(10) })).case;
    const receipt = { caseId: "c1", returnId };
    const received = must(Returns.confirmReturnReceived({ case: shipped, input: receipt, roles: SELLER, now: at(20) }));
    eventOf(shipped, received);
    const refund = { caseId: "c1", returnId };
    const refunded = must(
      Returns.refundReturn({ case: received.case, order, input: refund, roles: SELLER, now: at(21) }),
    );
    expect(eventOf(received.case, refunded).payload).toMatchObject({
      resolvedAt: at(21),
      outcome: "RETURNED_AND_REFUNDED",
    });
  });

  it("the job escalates an overdue return (escalatedAt); the platform's decision voids the open one", () => {
    const c = returning(2);
    const returnId = c.returns[0]!.id;
    const ship = { caseId: "c1", returnId, carrier: "Cainiao", trackingNumber: "LP0002" };
    const shipped = must(Returns.shipReturn({ case: c, input: ship, roles: BUYER, now: at(10) })).case;
    const check = Cases.checkDeadlines({ case: shipped, now: at(24 * 60) });
    if (check.kind !== "change") throw new Error(`expected the return to be overdue, got ${check.kind}`);
    expect(check.change.event.type).toBe("RETURN_OVERDUE");
    expect(eventOf(shipped, check.change).payload.escalatedAt).toBe(at(24 * 60));
    const escalated = check.change.case;
    const decide = { caseId: "c1", outcome: "DECIDED_FOR_BUYER" as const, note: "Return overdue." };
    const decided = must(Cases.resolve({ case: escalated, order, input: decide, roles: OPERATOR, now: at(24 * 61) }));
    expect(eventOf(escalated, decided).payload).toMatchObject({
      resolvedAt: at(24 * 61),
      outcome: "DECIDED_FOR_BUYER",
    });
  });
});
