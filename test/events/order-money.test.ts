import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { buyerOpensCase, mutate, world } from "../support/world";

/**
 * Money given back on an order through one of its cases moves the order's `refunded` / `compensated` totals under a
 * new order version. A consumer keeping orders from their events must see that: the change records an order event
 * with the new totals, next to the case's own event. A case change that gives nothing back records none.
 */
const ORDER_EVENTS = `query($sellerId: ID, $orderId: ID) {
  events(sellerId: $sellerId, filter: { objectId: $orderId }, first: 50) {
    edges { node { type objectVersion payload } }
  }
}`;
const ORDER = `query($id: ID!) { order(id: $id) { version refunded { amountMinor } compensated { amountMinor } } }`;

describe("an order's events when its cases give money back", () => {
  it("record the order with its new totals on a refund and an accepted offer, and nothing on a message", async () => {
    const w = await world();
    const { order, caseId } = await buyerOpensCase(w, "DAMAGED");
    const step = async (name: string, inputType: string, input: Record<string, unknown>, key = w.key) => {
      const payload = await mutate(w, key, name, inputType, { caseId, ...input }, "case { id }");
      expect(payload.userErrors, name).toEqual([]);
    };
    await step("postCaseMessage", "PostCaseMessageInput", { direction: "SELLER", body: "Sorry!" });
    await step("recordRemedy", "RecordRemedyInput", {
      kind: "PARTIAL_REFUND",
      amount: { amountMinor: 500, currency: "USD" },
    });
    const expiresAt = new Date(w.now.getTime() + 48 * 3_600_000).toISOString();
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt },
      "case { offers { id } }",
    );
    expect(offered.userErrors).toEqual([]);
    const offerId = offered.case.offers[0].id;
    await step(
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      { offerId, accept: true },
      w.marketplace,
    );

    // Past the feed's settle window.
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const events = await graphql(w.api, ORDER_EVENTS, {
      key: w.key,
      variables: { sellerId: w.sellerId, orderId: order.id },
    });
    expect(events.body.errors).toBeUndefined();
    const nodes: { type: string; objectVersion: number; payload: Record<string, unknown> }[] =
      events.body.data.events.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n) => n.type)).toEqual([
      "ORDER_IMPORTED",
      "ORDER_REFUNDED_OR_COMPENSATED",
      "ORDER_REFUNDED_OR_COMPENSATED",
    ]);
    expect(nodes[1]!.payload).toMatchObject({ refundedMinor: 500, compensatedMinor: 0 });
    expect(nodes[2]!.payload).toMatchObject({ refundedMinor: 500, compensatedMinor: 300 });

    // The last order event is the order as it stands: a consumer following them has its totals.
    const now = await graphql(w.api, ORDER, { key: w.key, variables: { id: order.id } });
    expect(now.body.data.order).toMatchObject({ refunded: { amountMinor: 500 }, compensated: { amountMinor: 300 } });
    expect(nodes[2]!.objectVersion).toBe(now.body.data.order.version);
  });
});
