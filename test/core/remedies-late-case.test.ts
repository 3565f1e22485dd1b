import { describe, expect, it } from "vitest";
import { Cases, I18n, Orders, Remedies, Risk, Time, type Case, type CaseEvent, type Order } from "@seller-ops/core";

/**
 * The late-shipment incident (the case the late-order job opens) and the remedy plan's compensation step: the guide
 * asks the seller to act at once and finish processing the forgotten order (尽快把遗漏的订单处理完毕), so a coupon the
 * buyer accepts is a step done, not the end of the incident while the order has still not shipped.
 */

const PLACED = "2026-11-20T00:00:00.000Z";
const SHIP_BY = "2026-11-23T00:00:00.000Z";
const at = (base: string, ms: number) => Time.addMs(base, ms);

function makeOrder(overrides: Partial<Order> = {}): Order {
  const created = Orders.create({
    id: "o1",
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

function ok<T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const sellerWrites = (c: Case, now: string) =>
  ok(
    Cases.postMessage({
      case: c,
      input: { caseId: c.id, direction: "SELLER", body: "We are sorry for the delay.", expectedVersion: null },
      roles: ["SELLER"],
      now,
    }),
  ).case;

/** An event's timeline line in English and in Chinese. */
const saidIn = (e: Pick<CaseEvent, "said">) =>
  (["en", "zh-CN"] as const).map((language) => I18n.writer({ language, timeZone: "UTC" })(Cases.saidOf(e)!));

/** The incident with a €5.00 coupon offered at `now` and accepted by the buyer an hour later. */
function couponAccepted(order: Order, c: Case, now: string) {
  const input = {
    caseId: c.id,
    kind: "COUPON" as const,
    amount: { amountMinor: 500, currency: "EUR" },
    expiresAt: at(now, 2 * Time.DAY_MS),
  };
  const offered = ok(Cases.makeOffer({ case: c, order, input, id: "d1", roles: ["SELLER"], now }));
  return ok(
    Cases.respondToOffer({
      case: offered.case,
      order,
      input: { caseId: c.id, offerId: "d1", accept: true },
      roles: ["BUYER"],
      now: at(now, Time.HOUR_MS),
    }),
  );
}

const sellerActions = (c: Case, order: Order, now: string) =>
  Cases.actionsFor({ case: c, roles: ["SELLER"], order, now });

describe("a compensation accepted on the late-shipment incident", () => {
  it("records the step done and keeps the incident open while the order has not shipped", () => {
    const order = makeOrder();
    const opened = Cases.openLateShipmentCase({ order, now: at(SHIP_BY, Time.HOUR_MS) }).case;
    const now = at(SHIP_BY, Time.DAY_MS);
    const accepted = couponAccepted(order, sellerWrites(opened, now), now);
    const later = at(now, 2 * Time.HOUR_MS);

    // The money moves as before, the offer is accepted, the compensation step is done...
    expect(accepted.order?.compensatedMinor).toBe(500);
    expect(accepted.case.offers[0]!.status).toBe("ACCEPTED");
    const afterOrder = accepted.order!;
    const plan = Remedies.remedyPlan(afterOrder, later, "UTC", Cases.remedyEvidence(accepted.case, afterOrder, later))!;
    expect(plan.steps.find((s) => s.code === "OFFER_COMPENSATION")?.status).toBe("DONE");
    expect(plan.steps.find((s) => s.code === "EXPEDITE_AND_SHIP")?.status).toBe("NOT_STARTED");
    // ...but the order still has to ship: the incident stays open, with no answer owed to the buyer.
    expect(accepted.case).toMatchObject({ status: "AWAITING_BUYER", outcome: null, resolvedAt: null });
    // The timeline (and so the event and its webhook) says the step is done and the case stays open, not resolved.
    expect(accepted.event.said).toEqual({ key: "timeline.offerAcceptedCaseOpen", params: { kind: "COUPON" } });
    const [en, zh] = saidIn(accepted.event);
    expect(accepted.event.summary).toBe(en);
    expect(en).toBe(
      "The buyer accepted the coupon offer: the compensation step is done; the case stays open until the order " +
        "ships with tracking or is cancelled.",
    );
    expect(zh).toMatch(/补偿步骤已完成/);
    expect(`${en} ${zh}`).not.toMatch(/resolved|纠纷已解决/);
    expect(sellerActions(accepted.case, afterOrder, later)).not.toContain("RESOLVE_BY_SELLER");
    expect(sellerActions(accepted.case, afterOrder, later)).toContain("POST_SELLER_MESSAGE");
    expect(
      Cases.resolve({
        case: accepted.case,
        order: afterOrder,
        input: { caseId: opened.id, outcome: "SHIPPED" },
        roles: ["SELLER"],
        now: later,
      }),
    ).toMatchObject({ ok: false, errors: [{ code: "INVALID_TRANSITION" }] });

    // Shipped with tracking: the seller closes it SHIPPED, as the README says.
    const shipped = ok(
      Orders.markShipped({
        order: afterOrder,
        input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD1" },
        now: later,
      }),
    );
    expect(sellerActions(accepted.case, shipped, later)).toContain("RESOLVE_BY_SELLER");
    const closed = ok(
      Cases.resolve({
        case: accepted.case,
        order: shipped,
        input: { caseId: opened.id, outcome: "SHIPPED" },
        roles: ["SELLER"],
        now: later,
      }),
    );
    expect(closed.case).toMatchObject({ status: "RESOLVED", outcome: "SHIPPED" });

    // Or the order is cancelled instead: the cancellation ends the incident, as it does one awaiting the buyer.
    const cancelled = ok(
      Orders.cancel({
        order: afterOrder,
        input: { orderId: order.id, reason: "OUT_OF_STOCK" },
        now: later,
        by: "SELLER",
      }),
    );
    expect(Cases.resolvedByCancellation({ case: accepted.case, order: cancelled, now: later })?.case).toMatchObject({
      status: "RESOLVED",
      outcome: "ORDER_CANCELLED",
    });
  });

  it("resolves it when the order already shipped with tracking and the plan's other steps are done", () => {
    const order = makeOrder({
      status: "SHIPPED",
      shippedAt: at(SHIP_BY, Time.DAY_MS),
      shipmentDeclaredAt: at(SHIP_BY, Time.DAY_MS),
      carrier: "DHL",
      trackingNumber: "JD1",
      lateFlaggedAt: at(SHIP_BY, Time.HOUR_MS),
    });
    const opened = Cases.openLateShipmentCase({ order, now: at(SHIP_BY, Time.HOUR_MS) }).case;
    const now = at(SHIP_BY, 2 * Time.DAY_MS);
    const accepted = couponAccepted(order, sellerWrites(opened, now), now);
    expect(accepted.case).toMatchObject({ status: "RESOLVED", outcome: "COMPENSATION_ACCEPTED" });
    expect(accepted.event.said?.key).toBe("timeline.offerAccepted");
    expect(saidIn(accepted.event)).toEqual([
      "The buyer accepted the coupon offer; the case is resolved.",
      expect.stringMatching(/纠纷已解决/),
    ]);
    // Shipped, but the buyer never contacted: the plan's contact step is still owed, so the incident stays open.
    const silent = couponAccepted(order, opened, now);
    expect(silent.case).toMatchObject({ status: "AWAITING_BUYER", outcome: null });
  });

  it("still resolves a buyer's dispute about the delay: the buyer settles it", () => {
    const order = makeOrder();
    const now = at(SHIP_BY, Time.DAY_MS);
    const dispute = ok(
      Cases.open({
        id: "c-b",
        order,
        openCaseOpeners: [],
        openBuyerCases: [],
        input: { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER", claimText: "Where is my order?" },
        roles: ["BUYER"],
        now,
      }),
    ).case;
    expect(couponAccepted(order, dispute, now).case).toMatchObject({
      status: "RESOLVED",
      outcome: "COMPENSATION_ACCEPTED",
    });
  });
});

describe("a system error's goodwill gesture", () => {
  const systemError = {
    id: "i1",
    cause: "SYSTEM_ERROR" as const,
    note: "The order never reached our ERP.",
    supportTicketRef: "T-1",
    recordedAt: at(SHIP_BY, Time.HOUR_MS),
  };
  const codesOf = (steps: Remedies.RemedyStep[]) => steps.map((s) => [s.code, s.status]);

  it("is no to-do, nor recommended, until the problem is solved: the order shipped with tracking", () => {
    const order = makeOrder({ incidents: [systemError] });
    const c = Cases.openLateShipmentCase({ order, now: at(SHIP_BY, Time.HOUR_MS) }).case;
    const now = at(SHIP_BY, Time.DAY_MS);
    const plan = Remedies.remedyPlan(order, now, "UTC", Cases.remedyEvidence(c, order, now))!;
    // The step is shown, but not yet due ("Once the problem is solved…").
    expect(codesOf(plan.steps)).toEqual([
      ["PLATFORM_SUPPORT_TICKET", "DONE"],
      ["CONTACT_BUYER", "NOT_STARTED"],
      ["EXPEDITE_AND_SHIP", "NOT_STARTED"],
      ["GOODWILL_GESTURE", "NOT_DUE"],
    ]);
    const orderCodes = (o: Order, cs: Case) =>
      Risk.orderRisk({ order: o, timeZone: "UTC", sellerWindow30: {}, openCases: [cs], now }).recommendedActions.map(
        (a) => a.code,
      );
    const caseCodes = (o: Order, cs: Case) =>
      Risk.caseRisk({ case: cs, order: o, now, timeZone: "UTC" }).recommendedActions.map((a) => a.code);
    expect(orderCodes(order, c)).not.toContain("GOODWILL_GESTURE");
    expect(caseCodes(order, c)).not.toContain("GOODWILL_GESTURE");
    // Nor as a generic offer on the case.
    expect(caseCodes(order, c)).not.toContain("MAKE_OFFER");

    const shipped = ok(
      Orders.markShipped({ order, input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD1" }, now }),
    );
    const solved = Remedies.remedyPlan(shipped, now, "UTC", Cases.remedyEvidence(c, shipped, now))!;
    expect(codesOf(solved.steps).at(-1)).toEqual(["GOODWILL_GESTURE", "NOT_STARTED"]);
    expect(orderCodes(shipped, c)).toContain("GOODWILL_GESTURE");
    expect(caseCodes(shipped, c)).toContain("GOODWILL_GESTURE");
  });
});

describe("the ready-to-send apology says where the order stands", () => {
  const human = {
    id: "i1",
    cause: "HUMAN_ERROR" as const,
    note: "Missed in picking.",
    supportTicketRef: null,
    recordedAt: "2026-11-21T00:00:00.000Z",
  };
  const contact = (order: Order, now: string) =>
    Remedies.remedyPlan(order, now, "UTC")!.steps.find((s) => s.code === "CONTACT_BUYER")!.buyerMessages;

  it("shipped late with tracking, buyer not contacted yet: shipped late, here is the tracking", () => {
    for (const incidents of [[], [human]]) {
      const order = makeOrder({
        incidents,
        status: "SHIPPED",
        shippedAt: at(SHIP_BY, Time.DAY_MS),
        shipmentDeclaredAt: at(SHIP_BY, Time.DAY_MS),
        carrier: "DHL",
        trackingNumber: "JD014600003333",
      });
      const messages = contact(order, at(SHIP_BY, 2 * Time.DAY_MS));
      expect(messages.map((m) => m.language)).toEqual(["en", "de"]);
      for (const m of messages) {
        expect(m.text).toContain("JD014600003333");
        expect(m.text).toContain("DHL");
      }
      expect(messages[0]!.text).toContain("shipped late");
      expect(messages[0]!.text).not.toMatch(/has not shipped|as soon as it ships/);
      expect(messages[1]!.text).not.toMatch(/nicht rechtzeitig versandt|sobald sie unterwegs ist/);
    }
  });

  it("a problem recorded before shipBy: it will ship with priority, no delay owned, no compensation step", () => {
    const order = makeOrder({ incidents: [human] });
    const now = "2026-11-21T01:00:00.000Z"; // two days before shipBy
    const plan = Remedies.remedyPlan(order, now, "UTC")!;
    expect(plan.steps.map((s) => s.code)).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP"]);
    const [en, de] = contact(order, now);
    expect(en!.text).toContain("with priority");
    expect(en!.text).not.toMatch(/on time|mistake|sorry/i);
    expect(de!.text).not.toMatch(/rechtzeitig|Fehler/);
    // Once past shipBy and still unshipped, the apology for the delay is due, as before.
    const late = contact(order, at(SHIP_BY, Time.HOUR_MS))[0]!.text;
    expect(late).toContain("has not shipped on time, and that is our mistake");
  });
});

describe("the ready-to-send apology in each shipping state", () => {
  const contact = (order: Order, now: string) =>
    Remedies.remedyPlan(order, now, "UTC")!.steps.find((s) => s.code === "CONTACT_BUYER")!.buyerMessages;
  const now = at(SHIP_BY, 2 * Time.DAY_MS);
  const shipped = { status: "SHIPPED" as const, shippedAt: at(SHIP_BY, Time.DAY_MS), shipmentDeclaredAt: null };

  it("unshipped: it will ship with priority and the tracking number follows when it ships", () => {
    const [en, de] = contact(makeOrder(), now);
    expect(en!.text).toContain("has not shipped on time");
    expect(en!.text).toContain("as soon as it ships");
    expect(de!.text).toContain("nicht rechtzeitig versandt");
    expect(de!.text).toContain("sobald sie unterwegs ist");
  });

  it("shipped without tracking: it shipped late on that day, with the carrier, and the number follows", () => {
    const [en, de] = contact(makeOrder({ ...shipped, carrier: "DHL" }), now);
    expect(en!.text).toBe(
      "Dear customer, we are very sorry that your order AE-1001 shipped late: it left on November 24, 2026 with " +
        "DHL. We will send you the tracking number as soon as the carrier gives it to us.",
    );
    expect(de!.text).toBe(
      "Liebe Kundin, lieber Kunde, es tut uns sehr leid, dass Ihre Bestellung AE-1001 verspätet versandt wurde: " +
        "Sie ist am 24. November 2026 mit DHL abgegangen. Wir senden Ihnen die Sendungsnummer, sobald der " +
        "Versanddienstleister sie uns mitteilt.",
    );
    // No carrier on the order: the day alone, never an empty name.
    const [bare] = contact(makeOrder({ ...shipped, carrier: null }), now);
    expect(bare!.text).toContain("it left on November 24, 2026. We will send you");
    for (const cause of ["HUMAN_ERROR", "SYSTEM_ERROR", "SUSPECTED_PLATFORM_ERROR"] as const) {
      const incident = { id: "i1", cause, note: "n", supportTicketRef: null, recordedAt: at(SHIP_BY, Time.HOUR_MS) };
      for (const m of contact(makeOrder({ ...shipped, carrier: "DHL", incidents: [incident] }), now)) {
        expect(m.text, `${cause} ${m.language}`).not.toMatch(
          /as soon as it ships|has not shipped|sobald sie unterwegs/,
        );
        expect(m.text, `${cause} ${m.language}`).toContain("DHL");
      }
    }
  });

  it("shipped without tracking: the day the shipment counts, not a shippedAt reported before shipBy", () => {
    const backdated = makeOrder({
      status: "SHIPPED",
      shippedAt: at(SHIP_BY, -Time.DAY_MS),
      shipmentDeclaredAt: at(SHIP_BY, 3 * Time.HOUR_MS),
      carrier: null,
    });
    expect(contact(backdated, now)[0]!.text).toContain("it left on November 23, 2026.");
  });

  it("shipped without tracking: the day on the buyer's calendar, not in UTC", () => {
    // The seller's clock is UTC here; the buyer's country decides. 20:00 UTC is the next morning in Tokyo, and 03:00
    // UTC is the evening before in New York, the zone most US buyers keep (Geo.PRINCIPAL_TIME_ZONES).
    const leftAt = (shippedAt: string, buyerCountry: string) =>
      contact(makeOrder({ ...shipped, shippedAt, carrier: null, buyerCountry }), now).map((m) => m.text);
    expect(leftAt("2026-11-24T20:00:00.000Z", "JP")[0]).toContain("it left on November 25, 2026.");
    expect(leftAt("2026-11-24T03:00:00.000Z", "US")[0]).toContain("it left on November 23, 2026.");
    // Both messages, English and the buyer's language, name the same day: Moscow, for Russia's eleven zones.
    const [en, ru] = leftAt("2026-11-24T22:00:00.000Z", "RU");
    expect(en).toContain("it left on November 25, 2026.");
    expect(ru).toContain("25 ноября 2026");
    // Where the buyer's clock is UTC's, as before.
    expect(leftAt("2026-11-24T23:30:00.000Z", "GB")[0]).toContain("it left on November 24, 2026.");
  });

  it("shipped with tracking: it shipped late, here is the tracking", () => {
    const [en, de] = contact(makeOrder({ ...shipped, carrier: "DHL", trackingNumber: "JD1" }), now);
    expect(en!.text).toContain("shipped late");
    expect(en!.text).toContain("Tracking number: JD1");
    expect(de!.text).toContain("Sendungsnummer: JD1");
  });

  it("shipped without tracking, in every buyer language: filled, dated, with the carrier", () => {
    const countries = { ES: "es", FR: "fr", DE: "de", BR: "pt", RU: "ru" };
    for (const [country, language] of Object.entries(countries)) {
      const order = makeOrder({ ...shipped, carrier: "DHL", buyerCountry: country });
      const messages = contact(order, now);
      expect(messages.map((m) => m.language)).toEqual(["en", language]);
      expect(messages[1]!.text, language).not.toMatch(/\{\w+\}/);
      expect(messages[1]!.text, language).toContain("AE-1001");
      expect(messages[1]!.text, language).toContain("DHL");
      expect(messages[1]!.text, language).toContain("2026");
      // Without a carrier, the sentence still ends once (a date ending in "г." is not followed by another dot).
      const [, bare] = contact(makeOrder({ ...shipped, carrier: null, buyerCountry: country }), now);
      expect(bare!.text, language).not.toMatch(/\.\.|\s[.,]/);
    }
  });
});

describe("the ready-to-send compensation message says what is offered", () => {
  const offerStep = (order: Order, now: string) =>
    Remedies.remedyPlan(order, now, "UTC")!.steps.find((s) => s.code === "OFFER_COMPENSATION")!;

  it("a coupon for the next order, or a percent off this order with the money back", () => {
    const order = makeOrder();
    const coupon = offerStep(order, at(SHIP_BY, Time.DAY_MS + Time.HOUR_MS));
    expect(coupon.suggestedCompensation).toMatchObject({ kind: "COUPON", amount: { amountMinor: 500 } });
    expect(coupon.buyerMessages[0]!.text).toContain("a €5.00 coupon for your next order");
    expect(coupon.buyerMessages[1]!.text).toContain("Gutschein über 5,00");
    const discount = offerStep(order, at(SHIP_BY, 5 * Time.DAY_MS + Time.HOUR_MS));
    expect(discount.suggestedCompensation).toMatchObject({ kind: "DISCOUNT", percentOfOrder: 20 });
    expect(discount.buyerMessages[0]!.text).toContain("a 20 % discount on this order (€20.00 back)");
    expect(discount.buyerMessages[1]!.text).toContain("Rabatt von 20 %");
  });

  it("has one wording per kind in every language", () => {
    for (const kind of ["COUPON", "DISCOUNT", "PARTIAL_REFUND", "GIFT", "FREE_SHIPPING"] as const)
      for (const language of ["en", "es", "fr", "de", "pt", "ru"]) {
        const [, own] = Remedies.compensationMessages(language === "en" ? "fr" : language, {
          order: "AE-1",
          kind,
          amount: { amountMinor: 500, currency: "EUR" },
          percentOfOrder: 5,
        });
        expect(own!.text, `${kind} ${language}`).not.toMatch(/\{\w+\}/);
        expect(own!.text, `${kind} ${language}`).toContain("5,00");
      }
  });
});

describe("the late-shipment incident of an order that never shipped", () => {
  const recorded = (c: Case, order: Order, kind: "PARTIAL_REFUND" | "RESEND", now: string) =>
    ok(
      Cases.recordRemedy({
        case: c,
        order,
        id: "r1",
        roles: ["SELLER"],
        now,
        input: {
          caseId: c.id,
          kind,
          ...(kind === "PARTIAL_REFUND" ? { amount: { amountMinor: 1, currency: "EUR" } } : {}),
        },
      }),
    ).case;

  for (const [kind, outcome] of [
    ["PARTIAL_REFUND", "REFUNDED"],
    ["RESEND", "REPLACED"],
  ] as const) {
    it(`is not closed ${outcome} by a ${kind} on record: only SHIPPED or ORDER_CANCELLED close it`, () => {
      const order = makeOrder();
      const now = at(SHIP_BY, 2 * Time.DAY_MS);
      const c = recorded(Cases.openLateShipmentCase({ order, now }).case, order, kind, now);
      const refused = Cases.resolve({ case: c, order, roles: ["SELLER"], now, input: { caseId: c.id, outcome } });
      expect(refused).toMatchObject({
        ok: false,
        errors: [{ code: "INVALID_TRANSITION", field: ["input", "outcome"] }],
      });
      const said = !refused.ok ? refused.errors[0]!.message : "";
      expect(said).toContain("SHIPPED");
      expect(said).toContain("ORDER_CANCELLED");
      expect(said).toContain("cancelOrder");
      expect(sellerActions(c, order, now)).not.toContain("RESOLVE_BY_SELLER");
    });
  }

  it("refuses RETURNED_AND_REFUNDED too, and is closed ORDER_CANCELLED once the refunded order is cancelled", () => {
    const order = makeOrder();
    const now = at(SHIP_BY, 2 * Time.DAY_MS);
    const c = Cases.openLateShipmentCase({ order, now }).case;
    const input = { caseId: c.id, outcome: "RETURNED_AND_REFUNDED" as const };
    expect(Cases.resolve({ case: c, order, roles: ["SELLER"], now, input })).toMatchObject({
      ok: false,
      errors: [{ code: "INVALID_TRANSITION" }],
    });
    const full = ok(
      Cases.recordRemedy({
        case: c,
        order,
        id: "r1",
        roles: ["SELLER"],
        now,
        input: { caseId: c.id, kind: "FULL_REFUND" },
      }),
    );
    const refunded = full.order!;
    // A full refund does not stop the order's cancellation, which then closes the incident.
    const cancelled = ok(
      Orders.cancel({ order: refunded, input: { orderId: order.id, reason: "OUT_OF_STOCK" }, now, by: "SELLER" }),
    );
    const closed = Cases.resolve({
      case: full.case,
      order: cancelled,
      roles: ["SELLER"],
      now,
      input: { caseId: c.id, outcome: "ORDER_CANCELLED" },
    });
    expect(closed).toMatchObject({ ok: true, value: { case: { status: "RESOLVED", outcome: "ORDER_CANCELLED" } } });
  });
});
