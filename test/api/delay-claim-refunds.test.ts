import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * resolveCase reads the order's other cases for a buyer's claim about the delay: a refund the seller gave on the
 * late-shipment incident counts toward it, so the seller settles the dispute REFUNDED (and availableActions lists it)
 * and the platform's decision for the buyer refunds by default only what the refunds left of the claim.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

/** A 40.00 order gone late with its incident, the buyer's NOT_SHIPPED claim of 10.00, `refund` on the incident. */
async function delayClaimRefundedOnIncident(w: World, refund: number) {
  const order = await orderDue(w, -20);
  await w.lateOrders();
  const input = { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER", claimAmount: USD(10_00) };
  const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
  expect(opened.userErrors).toEqual([]);
  const remedy = { caseId: Cases.lateShipmentCaseId(order.id), kind: "PARTIAL_REFUND", amount: USD(refund) };
  const recorded = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", remedy, "case { id }");
  expect(recorded.userErrors).toEqual([]);
  return { orderId: order.id, caseId: opened.case.id as string };
}

const CASE = "case { status outcome platformRefund { amountMinor } order { refunded { amountMinor } } }";

describe("a buyer's delay claim refunded on the order's late-shipment incident", () => {
  it("is the seller's to settle REFUNDED, listed in availableActions, with nothing refunded again", async () => {
    const w = await world();
    const { caseId } = await delayClaimRefundedOnIncident(w, 10_00);
    const read = await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.key });
    expect(read.body.data.case.availableActions).toContain("RESOLVE_BY_SELLER");
    const settled = await mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId, outcome: "REFUNDED" }, CASE);
    expect(settled.userErrors).toEqual([]);
    expect(settled.case).toMatchObject({ outcome: "REFUNDED", order: { refunded: { amountMinor: 10_00 } } });
  });

  it("is decided for the buyer refunding by default only what the incident's refund left of the claim", async () => {
    const w = await world();
    const { caseId } = await delayClaimRefundedOnIncident(w, 4_00);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
    const input = { caseId, outcome: "DECIDED_FOR_BUYER", note: "The order was late." };
    const decided = await mutate(w, w.operator, "resolveCase", "ResolveCaseInput", input, CASE);
    expect(decided.userErrors).toEqual([]);
    expect(decided.case).toMatchObject({
      outcome: "DECIDED_FOR_BUYER",
      platformRefund: { amountMinor: 6_00 },
      order: { refunded: { amountMinor: 10_00 } },
    });
  });
});
