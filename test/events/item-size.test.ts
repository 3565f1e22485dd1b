import { describe, expect, it } from "vitest";
import { Cases, Events, Money, Orders, Returns, Sellers, Time, type Case, type Order } from "@seller-ops/core";
import { EventsRepo, itemSizeBytes } from "@seller-ops/db";
import { ulid } from "ulid";

/**
 * The event items at the input limits: every free-length value that reaches a payload or the
 * envelope at its longest, in the characters that take the most UTF-8 bytes its rule allows (3
 * bytes per UTF-16 unit for free text, ASCII where a pattern allows only that), every amount at
 * `Money.MAX_AMOUNT_MINOR`. Typical items stay within one KB (catalog.test.ts); these are the
 * worst case docs/events.md ("Cost") states: within 2 KB, so at most 4 write units each.
 */

const START = "2026-11-20T00:00:00.000Z";
const at = (hours: number) => Time.addMs(START, hours * Time.HOUR_MS);
const wide = (length: number) => "中".repeat(length);
const SELLER_ID = `s${"x".repeat(63)}`;
/** The longest actor: a token subject making a 64-character principal id (API key ids are shorter). */
const ACTOR = `jwt:${"a".repeat(60)}`;
const MAX = Money.MAX_AMOUNT_MINOR;
/** The largest items, in bytes, docs/events.md states; a payload change that grows them must say so there. */
const WORST = { order: 1757, seller: 1324, casePart: 1122 };
/** Each started KB of an item in a transaction costs 2 write units: at most 4 units at the limits. */
const TWO_KB = 2048;
const BUYER: Cases.ActorRole[] = ["BUYER", "PLATFORM"];
const SELLER: Cases.ActorRole[] = ["SELLER"];

function must<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function itemBytes(draft: Events.EventDraft): number {
  const record = Events.record({ draft, eventId: ulid(Date.parse(START)), occurredAt: START, actorKeyId: ACTOR });
  return itemSizeBytes(EventsRepo.toItem(record));
}

/** An order with every field set at once (no real order is shipped, delivered and cancelled): an upper bound. */
function longestOrder(): Order {
  const input = {
    marketplaceOrderId: wide(64),
    items: [{ sku: "S", title: "T", quantity: 1 }],
    buyerTotal: { amountMinor: MAX, currency: "USD" },
    settlementAmount: { amountMinor: MAX, currency: "CNY" },
    buyerCountry: "US",
    placedAt: START,
    handlingDays: 3,
    shipBy: null,
  };
  const id = ulid(Date.parse(START));
  const created = must(
    Orders.create({ id, sellerId: SELLER_ID, settlementCurrency: "CNY", timeZone: "UTC", input, now: START }),
  );
  const ship = { orderId: id, carrier: wide(64), trackingNumber: "T".repeat(64) };
  const shipped = must(Orders.markShipped({ order: created, input: ship, now: START }));
  return {
    ...shipped,
    expedited: true,
    expeditedAt: START,
    deliveredAt: START,
    cancelledAt: START,
    cancelReason: "BUYER_REQUESTED" as Order["cancelReason"],
    refundedMinor: MAX,
    compensatedMinor: MAX,
    lateShipmentCaseId: ulid(Date.parse(START)),
    atRiskFlaggedAt: START,
    lateFlaggedAt: START,
    version: MAX,
  };
}

describe("event items at the input limits", () => {
  it("an order's event, with every field set and every free-length value at its longest", () => {
    const bytes = itemBytes(Events.orderEvent({ type: "ORDER_DELIVERED", order: longestOrder() }));
    expect(bytes).toBe(WORST.order);
    expect(WORST.order).toBeLessThanOrEqual(TWO_KB);
  });

  it("a seller's event, with a 200-character name and the longest id and time zone", () => {
    const seller = Sellers.create({
      input: {
        id: SELLER_ID,
        name: wide(200),
        settlementCurrency: "CNY",
        timeZone: "America/Argentina/ComodRivadavia",
        language: "zh-CN",
      },
      generatedId: "unused",
      now: START,
    });
    const bytes = itemBytes(Events.sellerEvent({ seller: { ...seller, version: MAX } as typeof seller }));
    expect(bytes).toBe(WORST.seller);
    expect(WORST.seller).toBeLessThanOrEqual(TWO_KB);
  });

  it("events about a case's part, an offer through a refunded return, at the longest seller id and amount", () => {
    const order = { ...longestOrder(), refundedMinor: 0, compensatedMinor: 0 };
    const openInput = { orderId: order.id, reason: "NOT_AS_DESCRIBED" as const, source: "BUYER" as const };
    const drafts: Events.EventDraft[] = [];
    const step = (before: Case, change: Cases.Change) => {
      drafts.push(Events.caseChangeEvent({ before, after: change.case, timeline: change.event }));
      return change.case;
    };
    let c: Case = must(
      Cases.open({
        id: ulid(Date.parse(START)),
        order,
        openCaseOpeners: [],
        openBuyerCases: [],
        input: openInput,
        roles: BUYER,
        now: START,
      }),
    ).case;
    const offer = {
      caseId: c.id,
      kind: "REFUND_WITH_RETURN" as const,
      amount: { amountMinor: MAX, currency: "USD" },
      expiresAt: at(48),
    };
    const offerId = ulid(Date.parse(START));
    c = step(c, must(Cases.makeOffer({ case: c, order, input: offer, id: offerId, roles: SELLER, now: at(1) })));
    const answer = { caseId: c.id, offerId, accept: true };
    c = step(c, must(Cases.respondToOffer({ case: c, order, input: answer, roles: BUYER, now: at(2) })));
    const returnId = c.returns[0]!.id;
    const ship = { caseId: c.id, returnId, carrier: wide(64), trackingNumber: "T".repeat(64) };
    c = step(c, must(Returns.shipReturn({ case: c, input: ship, roles: BUYER, now: at(3) })));
    const ids = { caseId: c.id, returnId };
    c = step(c, must(Returns.confirmReturnReceived({ case: c, input: ids, roles: SELLER, now: at(4) })));
    step(c, must(Returns.refundReturn({ case: c, order, input: ids, roles: SELLER, now: at(5) })));
    expect(drafts.map((d) => d.type)).toEqual([
      "OFFER_MADE",
      "OFFER_ACCEPTED",
      "RETURN_SHIPPED_BACK",
      "RETURN_RECEIVED",
      "RETURN_REFUNDED",
    ]);
    for (const draft of drafts) expect(itemBytes(draft), draft.type).toBeLessThanOrEqual(WORST.casePart);
    expect(Math.max(...drafts.map(itemBytes))).toBe(WORST.casePart);
    expect(WORST.casePart).toBeLessThanOrEqual(TWO_KB);
  });
});
