import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * A buyer's claim about the delay counts all the money the seller gave back on the order's other cases about it
 * (`Cases.givenBackOnCase`): a money-back offer the buyer accepted (a partial refund, a discount on the order) as well
 * as a refund remedy. The seller that gave the claim back through an accepted offer is not made to pay it twice,
 * by its own refund outcome nor by the platform's default decision.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const CASE = "case { status outcome platformRefund { amountMinor } order { refunded { amountMinor } } }";

/** A 40.00 order gone late with its incident, and the buyer's NOT_SHIPPED claim of 10.00. */
async function delayClaim(w: World) {
  const order = await orderDue(w, -20);
  await w.lateOrders();
  const input = { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER", claimAmount: USD(10_00) };
  const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
  expect(opened.userErrors).toEqual([]);
  return { orderId: order.id, incidentId: Cases.lateShipmentCaseId(order.id), caseId: opened.case.id as string };
}

/** The seller offers `offer` on `caseId` and the buyer's side accepts it. */
async function offerAccepted(w: World, caseId: string, offer: Record<string, unknown>) {
  const expiresAt = new Date(w.now.getTime() + 48 * 3_600_000).toISOString();
  const made = await mutate(
    w,
    w.key,
    "makeCompensationOffer",
    "MakeCompensationOfferInput",
    {
      caseId,
      expiresAt,
      ...offer,
    },
    "case { offers { id status } }",
  );
  expect(made.userErrors).toEqual([]);
  const offerId = made.case.offers.find((o: { status: string }) => o.status === "PENDING").id;
  const input = { caseId, offerId, accept: true };
  const accepted = await mutate(
    w,
    w.marketplace,
    "respondToCompensationOffer",
    "RespondToCompensationOfferInput",
    input,
    CASE,
  );
  expect(accepted.userErrors).toEqual([]);
  return accepted.case;
}

async function decidedForBuyer(w: World, caseId: string) {
  const escalated = await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
  expect(escalated.userErrors).toEqual([]);
  const input = { caseId, outcome: "DECIDED_FOR_BUYER", note: "The claim stands." };
  const decided = await mutate(w, w.operator, "resolveCase", "ResolveCaseInput", input, CASE);
  expect(decided.userErrors).toEqual([]);
  return decided.case;
}

describe("a buyer's delay claim met by money given back on the order's other delay cases", () => {
  it("a partial refund accepted on the incident meets the claim: the seller settles REFUNDED", async () => {
    const w = await world();
    const { caseId, incidentId } = await delayClaim(w);
    const incident = await offerAccepted(w, incidentId, { kind: "PARTIAL_REFUND", amount: USD(10_00) });
    expect(incident.order.refunded.amountMinor).toBe(10_00);
    const read = await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.key });
    expect(read.body.data.case.availableActions).toContain("RESOLVE_BY_SELLER");
    const settled = await mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId, outcome: "REFUNDED" }, CASE);
    expect(settled.userErrors).toEqual([]);
    expect(settled.case).toMatchObject({ outcome: "REFUNDED", order: { refunded: { amountMinor: 10_00 } } });
  });

  it("a claim the accepted offer met in full is decided for the buyer with nothing refunded again", async () => {
    const w = await world();
    const { caseId, incidentId } = await delayClaim(w);
    await offerAccepted(w, incidentId, { kind: "PARTIAL_REFUND", amount: USD(10_00) });
    const decided = await decidedForBuyer(w, caseId);
    expect(decided).toMatchObject({ outcome: "DECIDED_FOR_BUYER", platformRefund: null });
    expect(decided.order.refunded.amountMinor).toBe(10_00);
  });

  it("a discount accepted on the incident counts toward the claim the default decision refunds", async () => {
    const w = await world();
    const { caseId, incidentId } = await delayClaim(w);
    await offerAccepted(w, incidentId, { kind: "DISCOUNT", percentOff: 10 });
    const decided = await decidedForBuyer(w, caseId);
    expect(decided).toMatchObject({
      platformRefund: { amountMinor: 6_00 },
      order: { refunded: { amountMinor: 10_00 } },
    });
  });

  it("counts each payment once: a refund remedy, an accepted offer, a goodwill coupon none", async () => {
    const w = await world();
    const { caseId, incidentId } = await delayClaim(w);
    const remedy = { caseId: incidentId, kind: "PARTIAL_REFUND", amount: USD(3_00), reference: "RF-1" };
    const recorded = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", remedy, "case { id }");
    expect(recorded.userErrors).toEqual([]);
    await offerAccepted(w, incidentId, { kind: "PARTIAL_REFUND", amount: USD(2_00) });
    // The remedy's refund sent again under its reference is the same payment: recorded once, counted once.
    const again = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", remedy, "case { id }");
    expect(again.userErrors).toEqual([]);
    await offerAccepted(w, incidentId, { kind: "COUPON", amount: USD(1_00) });
    const decided = await decidedForBuyer(w, caseId);
    // 10.00 claimed, 5.00 given back on the incident (3.00 + 2.00; the coupon is goodwill, not money back).
    expect(decided).toMatchObject({
      platformRefund: { amountMinor: 5_00 },
      order: { refunded: { amountMinor: 10_00 } },
    });
  });
});
