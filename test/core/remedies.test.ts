import { describe, expect, it } from "vitest";
import { Compensation, Orders, Remedies, Risk, type Order } from "@seller-ops/core";

const base = (overrides: Partial<Order> = {}): Order => {
  const created = Orders.create({
    id: "o1",
    sellerId: "s1",
    settlementCurrency: "CNY",
    timeZone: "UTC",
    input: {
      marketplaceOrderId: "AE-77",
      items: [{ sku: "S", title: "T", quantity: 1 }],
      buyerTotal: { amountMinor: 10_000, currency: "EUR" },
      settlementAmount: { amountMinor: 70_000, currency: "CNY" },
      buyerCountry: "DE",
      placedAt: "2026-11-20T00:00:00.000Z",
      handlingDays: 3,
      shipBy: null,
    },
    now: "2026-11-20T00:00:00.000Z",
  });
  if (!created.ok) throw new Error("fixture");
  return { ...created.value, ...overrides };
};

describe("the remedy plan for a forgotten order", () => {
  it("is needed only once an order is late, was flagged late, or has an incident", () => {
    expect(Remedies.remedyPlan(base(), "2026-11-22T00:00:00.000Z", "UTC")).toBeNull();
    expect(Remedies.remedyPlan(base(), "2026-11-23T00:00:01.000Z", "UTC")).not.toBeNull();
    expect(Remedies.remedyPlan(base({ status: "CANCELLED" }), "2026-11-25T00:00:00.000Z", "UTC")).toBeNull();
  });

  it("is not needed for an incident on an order that then shipped on time: no delay to apologise for", () => {
    // shipBy is 2026-11-23T00:00Z. The seller found a picking-list slip on day 1 and shipped on day 2.
    const slip = {
      id: "i1",
      cause: "HUMAN_ERROR" as const,
      note: "Missed in picking.",
      supportTicketRef: null,
      recordedAt: "2026-11-21T00:00:00.000Z",
    };
    const awaiting = base({ incidents: [slip] });
    expect(Remedies.remedyPlan(awaiting, "2026-11-21T01:00:00.000Z", "UTC")).not.toBeNull();
    const shipment = { status: "SHIPPED" as const, carrier: "DHL", trackingNumber: "JD1", incidents: [slip] };
    const onTime = base({ ...shipment, shippedAt: "2026-11-22T00:00:00.000Z" });
    expect(Remedies.remedyPlan(onTime, "2026-11-25T00:00:00.000Z", "UTC")).toBeNull();
    expect(
      Risk.orderRisk({
        order: onTime,
        timeZone: "UTC",
        sellerWindow30: {},
        openCases: [],
        now: "2026-11-25T00:00:00.000Z",
      }).recommendedActions,
    ).toEqual([]);
    // Shipped late, or reported as shipped on time only after the late-order job flagged it: still a plan.
    const late = base({ ...shipment, shippedAt: "2026-11-24T00:00:00.000Z" });
    expect(Remedies.remedyPlan(late, "2026-11-25T00:00:00.000Z", "UTC")?.steps[0]?.code).toBe("CONTACT_BUYER");
    const backdated = base({
      ...shipment,
      shippedAt: "2026-11-22T00:00:00.000Z",
      lateFlaggedAt: "2026-11-23T00:00:01.000Z",
    });
    expect(Remedies.remedyPlan(backdated, "2026-11-25T00:00:00.000Z", "UTC")).not.toBeNull();
  });

  it("for a human error or an unknown cause: contact and apologise, expedite and ship, then compensate", () => {
    const plan = Remedies.remedyPlan(base(), "2026-11-24T12:00:00.000Z", "UTC")!;
    expect(plan.cause).toBe("UNKNOWN");
    expect(plan.daysLate).toBe(1);
    expect(plan.steps.map((s) => s.code)).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP", "OFFER_COMPENSATION"]);
    // A German buyer gets the apology in English and German.
    expect(plan.steps[0]!.buyerMessages.map((m) => m.language)).toEqual(["en", "de"]);
    expect(plan.steps[0]!.buyerMessages[1]!.text).toContain("AE-77");
  });

  it("for a system error: the platform support ticket first, then the buyer, then a goodwill gesture", () => {
    const order = base({
      incidents: [
        {
          id: "i1",
          cause: "SYSTEM_ERROR",
          note: "dropped",
          supportTicketRef: "T-1",
          recordedAt: "2026-11-23T05:00:00.000Z",
        },
      ],
    });
    const plan = Remedies.remedyPlan(order, "2026-11-24T00:00:00.000Z", "UTC")!;
    expect(plan.steps.map((s) => [s.code, s.done])).toEqual([
      ["PLATFORM_SUPPORT_TICKET", true],
      ["CONTACT_BUYER", false],
      ["EXPEDITE_AND_SHIP", false],
      ["GOODWILL_GESTURE", false],
    ]);
    expect(plan.steps[1]!.buyerMessages[0]!.text).toContain("T-1");
  });

  it(
    "for a suspected platform fault: contacting support is a to-do until a ticket is recorded, and the buyer is not " +
      "told whose fault it was",
    () => {
      const suspected = {
        id: "i1",
        cause: "SUSPECTED_PLATFORM_ERROR" as const,
        note: "Order missing from our ERP export.",
        supportTicketRef: null,
        recordedAt: "2026-11-23T05:00:00.000Z",
      };
      const plan = Remedies.remedyPlan(base({ incidents: [suspected] }), "2026-11-24T00:00:00.000Z", "UTC")!;
      expect(plan.cause).toBe("SUSPECTED_PLATFORM_ERROR");
      expect(plan.steps.map((s) => [s.code, s.status])).toEqual([
        ["PLATFORM_SUPPORT_TICKET", "NOT_STARTED"],
        ["CONTACT_BUYER", "NOT_STARTED"],
        ["EXPEDITE_AND_SHIP", "NOT_STARTED"],
        // Given once the problem is solved, not before: the order has not shipped.
        ["GOODWILL_GESTURE", "NOT_DUE"],
      ]);
      const english = plan.steps[1]!.buyerMessages.find((m) => m.language === "en")!.text;
      expect(english).toContain("checking with the platform's support");
      expect(english).not.toMatch(/mistake|fault|error|problem with the order system/i);
      expect(plan.steps[1]!.buyerMessages.map((m) => m.language)).toEqual(["en", "de"]);
      expect(plan.steps[1]!.buyerMessages[1]!.text).not.toContain("Fehler");

      // The ticket recorded later, with a second incident, does the first step.
      const ticketed = { ...suspected, id: "i2", supportTicketRef: "AE-SUP-1", recordedAt: "2026-11-23T09:00:00.000Z" };
      const after = Remedies.remedyPlan(base({ incidents: [suspected, ticketed] }), "2026-11-24T00:00:00.000Z", "UTC")!;
      expect(after.steps[0]).toMatchObject({
        code: "PLATFORM_SUPPORT_TICKET",
        status: "DONE",
        doneAt: "2026-11-23T09:00:00.000Z",
      });
    },
  );

  it("admits a mistake to the buyer only for a human error, never while the cause is unknown", () => {
    const english = (order: Order) =>
      Remedies.remedyPlan(order, "2026-11-24T00:00:00.000Z", "UTC")!.steps[0]!.buyerMessages[0]!.text;
    expect(english(base())).not.toMatch(/mistake/i);
    expect(english(base())).toContain("we are very sorry that your order AE-77 has not shipped on time");
    const human = {
      id: "i1",
      cause: "HUMAN_ERROR" as const,
      note: "Missed in picking.",
      supportTicketRef: null,
      recordedAt: "2026-11-23T05:00:00.000Z",
    };
    expect(english(base({ incidents: [human] }))).toContain("that is our mistake");
  });

  it("marks the expedite step done once the order ships with tracking, and counts days late until shipment", () => {
    const shipped = base({
      status: "SHIPPED",
      shippedAt: "2026-11-25T00:00:00.000Z",
      carrier: "DHL",
      trackingNumber: "JD1",
      expedited: true,
    });
    const plan = Remedies.remedyPlan(shipped, "2026-11-30T00:00:00.000Z", "UTC")!;
    expect(plan.daysLate).toBe(2);
    expect(plan.steps.find((s) => s.code === "EXPEDITE_AND_SHIP")).toMatchObject({
      done: true,
      doneAt: "2026-11-25T00:00:00.000Z",
    });
    expect(plan.complete).toBe(false);
  });

  it("marks the expedite step done when the shipment counts, not at a shippedAt reported after shipBy passed", () => {
    // shipBy 2026-11-23T00:00Z; declared on the 26th with a shippedAt of the 22nd: it counts (and is late) from the
    // declaration, so the plan must not say it was done before the deadline while it asks for compensation.
    const backdated = base({
      status: "SHIPPED",
      shippedAt: "2026-11-22T00:00:00.000Z",
      shipmentDeclaredAt: "2026-11-26T00:00:00.000Z",
      carrier: "DHL",
      trackingNumber: "JD1",
    });
    const plan = Remedies.remedyPlan(backdated, "2026-11-26T01:00:00.000Z", "UTC")!;
    expect(plan.daysLate).toBe(3);
    expect(plan.steps.find((s) => s.code === "EXPEDITE_AND_SHIP")).toMatchObject({
      done: true,
      doneAt: "2026-11-26T00:00:00.000Z",
    });
  });

  it("counts calendar days past shipBy's date: 26 hours late is 1 day, 23 hours on shipBy's own day is 0", () => {
    // shipBy is 2026-11-23T00:00Z (placed 2026-11-20, 3 handling days), the start of a day in UTC, the seller's zone
    // here (other zones, DST and midnight: remedies-days-late.test.ts).
    const daysLateAt = (now: string) => Remedies.remedyPlan(base(), now, "UTC")!.daysLate;
    expect(daysLateAt("2026-11-23T23:00:00.000Z")).toBe(0);
    expect(daysLateAt("2026-11-24T00:00:00.000Z")).toBe(1);
    expect(daysLateAt("2026-11-24T02:00:00.000Z")).toBe(1);
    expect(daysLateAt("2026-11-25T23:59:59.999Z")).toBe(2);
    const shippedAfter26Hours = base({
      status: "SHIPPED",
      shippedAt: "2026-11-24T02:00:00.000Z",
      carrier: "DHL",
      trackingNumber: "JD1",
    });
    expect(Remedies.remedyPlan(shippedAfter26Hours, "2026-12-30T00:00:00.000Z", "UTC")!.daysLate).toBe(1);
  });

  it("shows an offered compensation as awaiting the buyer, done only once accepted", () => {
    const step = (evidence: Remedies.CaseEvidence) =>
      Remedies.remedyPlan(base(), "2026-11-24T12:00:00.000Z", "UTC", evidence)!.steps[2]!;
    expect(step({})).toMatchObject({ code: "OFFER_COMPENSATION", status: "NOT_STARTED", done: false, doneAt: null });
    expect(step({ compensationOfferedAt: "2026-11-24T10:00:00.000Z" })).toMatchObject({
      status: "AWAITING_BUYER",
      done: false,
      doneAt: null,
    });
    expect(step({ compensationOfferedAt: null, compensationAcceptedAt: "2026-11-24T11:00:00.000Z" })).toMatchObject({
      status: "DONE",
      done: true,
      doneAt: "2026-11-24T11:00:00.000Z",
    });
    // Steps nobody answers for are never awaiting anyone.
    const plan = Remedies.remedyPlan(base(), "2026-11-24T12:00:00.000Z", "UTC", {
      compensationOfferedAt: "2026-11-24T10:00:00.000Z",
    })!;
    expect(plan.steps.slice(0, 2).map((s) => s.status)).toEqual(["NOT_STARTED", "NOT_STARTED"]);
  });

  it("suggests compensation that grows with the delay and stops at the cap", () => {
    const order = base();
    const percents = [1, 2, 3, 4, 5, 10].map((d) => Remedies.suggestCompensation(order, d)!.percentOfOrder);
    expect(percents).toEqual([5, 10, 15, 20, 20, 20]);
    expect(Remedies.suggestCompensation(order, 1)).toMatchObject({
      kind: "COUPON",
      amount: { amountMinor: 500, currency: "EUR" },
    });
    // The guide's remedies are offers and discounts ("优惠或折扣"): a discount on the order for a long delay.
    expect(Remedies.suggestCompensation(order, 4)!.kind).toBe("DISCOUNT");
    // One whole unit of the currency where the policy allows it.
    const small = base({ buyerTotal: { amountMinor: 500, currency: "USD" } });
    expect(Remedies.suggestCompensation(small, 1)).toMatchObject({ percentOfOrder: 20, amount: { amountMinor: 100 } });
  });

  it("suggests only what can be offered: within the cap and what is left, its percent the true share", () => {
    // A 1.50 order: one whole unit would be 66 %, above the coupon cap (30 %): the cap, 0.45, and 30 %.
    const tiny = base({ buyerTotal: { amountMinor: 150, currency: "USD" } });
    expect(Remedies.suggestCompensation(tiny, 1)).toEqual({
      kind: "COUPON",
      percentOfOrder: 30,
      amount: { amountMinor: 45, currency: "USD" },
    });
    // The last of a large order's goodwill is under half a percent of it: 1 %, never "0 % of the order" beside money.
    const large = base({ buyerTotal: { amountMinor: 9_077_825, currency: "KWD" }, compensatedMinor: 9_052_798 });
    expect(Remedies.suggestCompensation(large, 1)).toEqual({
      kind: "COUPON",
      percentOfOrder: 1,
      amount: { amountMinor: 25_027, currency: "KWD" },
    });
    // KWD has three decimals: 2.000 KWD, coupon cap 0.600.
    const kwd = base({ buyerTotal: { amountMinor: 2_000, currency: "KWD" } });
    expect(Remedies.suggestCompensation(kwd, 1)!.amount.amountMinor).toBe(600);
    // A discount is money back on this order: 99.00 of 100.00 already refunded, at most 1.00 can come off it.
    const mostlyRefunded = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 9_900 });
    expect(Remedies.suggestCompensation(mostlyRefunded, 5)).toEqual({
      kind: "DISCOUNT",
      percentOfOrder: 1,
      amount: { amountMinor: 100, currency: "EUR" },
    });
    // 95 % refunded: 5 %, which the offer check accepts (20 % would be refused AMOUNT_ABOVE_POLICY).
    const refunded95 = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 9_500 });
    const suggested95 = Remedies.suggestCompensation(refunded95, 5)!;
    expect(suggested95).toMatchObject({ kind: "DISCOUNT", percentOfOrder: 5, amount: { amountMinor: 500 } });
    expect(Compensation.checkOffer(refunded95, "DISCOUNT", suggested95.amount.amountMinor).ok).toBe(true);
    // Goodwill never reduces money back: used up, a discount is still there to offer, as for an order with none given.
    const goodwillSpent = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, compensatedMinor: 10_000 });
    expect(Remedies.suggestCompensation(goodwillSpent, 5)).toEqual(
      Remedies.suggestCompensation(base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" } }), 5),
    );
    // A coupon (goodwill for a short delay) fills only what the buyer has not got back: nothing once refunded in full,
    // the 2.00 left once 98.00 were refunded.
    const refunded = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 10_000 });
    expect(Remedies.suggestCompensation(refunded, 1)).toBeNull();
    const mostly = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 9_800 });
    expect(Remedies.suggestCompensation(mostly, 1)).toEqual({
      kind: "COUPON",
      percentOfOrder: 2,
      amount: { amountMinor: 200, currency: "EUR" },
    });
    // A discount is a whole percent off, rounded down: the suggestion names the amount that percent makes.
    const odd = base({ buyerTotal: { amountMinor: 3_999, currency: "USD" } });
    expect(Remedies.suggestCompensation(odd, 5)).toEqual({
      kind: "DISCOUNT",
      percentOfOrder: 20,
      amount: { amountMinor: 799, currency: "USD" },
    });
    // 2.99: one whole unit is 34 % (33 % makes 0.98); 0.50 left of 100.00 is no whole percent: nothing to suggest.
    expect(Remedies.suggestCompensation(base({ buyerTotal: { amountMinor: 299, currency: "USD" } }), 5)).toMatchObject({
      percentOfOrder: 34,
      amount: { amountMinor: 101 },
    });
    const halfUnitLeft = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 9_950 });
    expect(Remedies.suggestCompensation(halfUnitLeft, 5)).toBeNull();
    // Nothing left: no suggestion, and no offer step to take, so the plan can be completed.
    const settled = base({ buyerTotal: { amountMinor: 10_000, currency: "EUR" }, refundedMinor: 10_000 });
    expect(Remedies.suggestCompensation(settled, 5)).toBeNull();
    const plan = Remedies.remedyPlan(settled, "2026-11-30T12:00:00.000Z", "UTC")!;
    expect(plan.steps.map((s) => s.code)).toEqual(["CONTACT_BUYER", "EXPEDITE_AND_SHIP"]);
    const done = Remedies.remedyPlan(
      { ...settled, shippedAt: "2026-11-29T00:00:00.000Z", trackingNumber: "LP1" },
      "2026-11-30T12:00:00.000Z",
      "UTC",
      {
        sellerContactedAt: "2026-11-29T00:00:00.000Z",
      },
    )!;
    expect(done.complete).toBe(true);
    // An offer already accepted stays in the plan, done, saying there is nothing more to offer.
    const accepted = Remedies.remedyPlan(settled, "2026-11-30T12:00:00.000Z", "UTC", {
      compensationAcceptedAt: "2026-11-29T00:00:00.000Z",
    })!.steps.at(-1)!;
    expect(accepted).toMatchObject({
      code: "OFFER_COMPENSATION",
      status: "DONE",
      suggestedCompensation: null,
      buyerMessages: [],
    });
    expect(accepted.instruction.key).toBe("remedy.nothingLeftToOffer");
    // A 0.03 order: the coupon cap (30 %) rounds down to nothing, though money is left.
    expect(Remedies.suggestCompensation(base({ buyerTotal: { amountMinor: 3, currency: "USD" } }), 1)).toBeNull();
    // Exact at amounts a double cannot multiply exactly: 20 % of 9,006,733,729,391,672.
    const huge = base({ buyerTotal: { amountMinor: 9_006_733_729_391_672, currency: "USD" } });
    expect(Remedies.suggestCompensation(huge, 4)!.amount.amountMinor).toBe(1_801_346_745_878_334);
    // Whatever the order and the delay, the suggestion passes the offer check it will meet.
    for (const total of [1, 99, 150, 333, 3_999, 10_000, 123_457])
      for (const days of [1, 2, 3, 4, 8]) {
        const order = base({ buyerTotal: { amountMinor: total, currency: "USD" } });
        const suggestion = Remedies.suggestCompensation(order, days);
        // None only where the cap leaves nothing (total × 30 % < 1 minor unit for a coupon; for a discount, no whole
        // percent up to 50 % makes a minor unit).
        expect(suggestion === null, `${total} ${days}`).toBe(total * (days <= 3 ? 30 : 50) < 100);
        if (!suggestion) continue;
        expect(Compensation.checkOffer(order, suggestion.kind, suggestion.amount.amountMinor).ok).toBe(true);
        // A discount is offered by its percent: that percent must make exactly the amount suggested.
        if (suggestion.kind === "DISCOUNT")
          expect(Math.floor((total * suggestion.percentOfOrder) / 100), `${total} ${days}`).toBe(
            suggestion.amount.amountMinor,
          );
      }
  });
});
