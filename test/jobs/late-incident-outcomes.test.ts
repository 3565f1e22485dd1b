import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * The late-shipment incident (reason LATE_SHIPMENT, source SYSTEM, opened by the late-order job) closes only as
 * SHIPPED or ORDER_CANCELLED: a token refund or a resend on record would close it on an order that never shipped, and
 * the job would never open another (the order keeps `lateShipmentCaseId`), so the forgotten order would drop out of
 * tracking for good.
 */

const CASE = "case { id status outcome }";
const ERRORS = "userErrors { code field message }";

async function lateIncident(w: World) {
  const order = await orderDue(w, -20);
  await w.lateOrders();
  return { order, caseId: Cases.lateShipmentCaseId(order.id) };
}

const cancelOutOfStock = (w: World, orderId: string) =>
  mutate(w, w.key, "cancelOrder", "CancelOrderInput", { orderId, reason: "OUT_OF_STOCK" }, "order { status }");

const sellerActions = async (w: World, caseId: string) =>
  (await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.key })).body.data.case
    .availableActions as string[];

describe("the late-shipment incident of an order that never shipped", () => {
  for (const [remedy, outcome] of [
    [{ kind: "PARTIAL_REFUND", amount: { amountMinor: 1, currency: "USD" } }, "REFUNDED"],
    [{ kind: "RESEND" }, "REPLACED"],
  ] as const) {
    it(`is not closed ${outcome} after a ${remedy.kind}, in either language, and stays tracked`, async () => {
      const w = await world();
      const { caseId } = await lateIncident(w);
      const recorded = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", { caseId, ...remedy }, CASE);
      expect(recorded.userErrors).toEqual([]);
      expect(await sellerActions(w, caseId)).not.toContain("RESOLVE_BY_SELLER");
      const mutation = `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { ${CASE} ${ERRORS} } }`;
      const resolve = async (language: string) =>
        (
          await graphql(w.api, mutation, {
            key: w.key,
            headers: { "accept-language": language },
            variables: { input: { caseId, outcome } },
          })
        ).body.data.resolveCase;
      const en = await resolve("en");
      expect(en).toMatchObject({
        case: null,
        userErrors: [{ code: "INVALID_TRANSITION", field: ["input", "outcome"] }],
      });
      expect(en.userErrors[0].message).toMatch(/SHIPPED.*ORDER_CANCELLED.*cancelOrder/s);
      const zh = await resolve("zh-CN");
      expect(zh.userErrors[0]).toMatchObject({ code: "INVALID_TRANSITION" });
      expect(zh.userErrors[0].message).toContain("延迟发货事件");
      const still = (await graphql(w.api, `{ case(id: "${caseId}") { status } }`, { key: w.key })).body.data.case;
      expect(still.status).not.toBe("RESOLVED");
      await checkInvariants(w.db);
    });
  }

  it("is closed by cancelling the order after a full refund", async () => {
    const w = await world();
    const { order, caseId } = await lateIncident(w);
    await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", { caseId, kind: "FULL_REFUND" }, CASE);
    expect(await cancelOutOfStock(w, order.id)).toEqual({ order: { status: "CANCELLED" }, userErrors: [] });
    const after = (await graphql(w.api, `{ case(id: "${caseId}") { status outcome } }`, { key: w.key })).body.data;
    expect(after.case).toEqual({ status: "RESOLVED", outcome: "ORDER_CANCELLED" });
    await checkInvariants(w.db);
  });

  it("is closed by cancelling the order when its offer has lapsed but the job has not yet recorded it", async () => {
    const w = await world();
    const { order, caseId } = await lateIncident(w);
    const expiresAt = new Date(w.now.getTime() + 24 * 3600 * 1000).toISOString();
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: { amountMinor: 100, currency: "USD" }, expiresAt },
      CASE,
    );
    expect(offered).toMatchObject({ case: { status: "OFFER_PENDING" }, userErrors: [] });
    // Five minutes past the offer's expiry, before the case-deadline job has run: the offer awaits nobody.
    w.now = new Date(Date.parse(expiresAt) + 5 * 60_000);
    expect(await cancelOutOfStock(w, order.id)).toEqual({ order: { status: "CANCELLED" }, userErrors: [] });
    const read = await graphql(
      w.api,
      `{ case(id: "${caseId}") { status outcome offers { status }
         timeline(first: 20) { edges { node { type statusAfter } } } } }`,
      { key: w.key },
    );
    const incident = read.body.data.case;
    expect(incident).toMatchObject({ status: "RESOLVED", outcome: "ORDER_CANCELLED", offers: [{ status: "EXPIRED" }] });
    const steps = incident.timeline.edges.map((e: { node: { type: string; statusAfter: string } }) => e.node);
    // Newest first: the lapse recorded, then the incident resolved, in the one change.
    expect(steps.slice(0, 2)).toEqual([
      { type: "RESOLVED", statusAfter: "RESOLVED" },
      { type: "OFFER_EXPIRED", statusAfter: "AWAITING_SELLER" },
    ]);
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const events = await graphql(
      w.api,
      `query($seller: ID!, $id: ID!) { events(sellerId: $seller, first: 10, filter: { objectId: $id }) {
        edges { node { type } } } }`,
      { key: w.key, variables: { seller: w.sellerId, id: caseId } },
    );
    expect(events.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type).slice(-2)).toEqual([
      "OFFER_LAPSED",
      "CASE_DECIDED",
    ]);
    // Nothing is left for the case-deadline job to ask of the seller.
    await w.caseDeadlines();
    const after = (await graphql(w.api, `{ case(id: "${caseId}") { status } }`, { key: w.key })).body.data.case;
    expect(after.status).toBe("RESOLVED");
    await checkInvariants(w.db);
  });

  it(
    "is neither withdrawn by the buyer's side nor escalated, nor decided: INVALID_TRANSITION in either language, " +
      "not offered, and the order stays tracked until it ships",
    async () => {
      const w = await world();
      const { order, caseId } = await lateIncident(w);
      const as = async (key: string, verb: string, type: string, input: object, language = "en") =>
        (
          await graphql(w.api, `mutation($input: ${type}!) { ${verb}(input: $input) { ${CASE} ${ERRORS} } }`, {
            key,
            headers: { "accept-language": language },
            variables: { input: { caseId, ...input } },
          })
        ).body.data[verb];
      const withdrawn = await as(w.marketplace, "resolveCase", "ResolveCaseInput", { outcome: "BUYER_WITHDREW" });
      const escalated = await as(w.marketplace, "escalateCase", "EscalateCaseInput", {});
      for (const refused of [withdrawn, escalated]) {
        expect(refused).toMatchObject({ case: null, userErrors: [{ code: "INVALID_TRANSITION" }] });
        expect(refused.userErrors[0].message).toMatch(/SHIPPED.*ORDER_CANCELLED.*source BUYER/s);
      }
      const zh = await as(w.marketplace, "escalateCase", "EscalateCaseInput", {}, "zh-CN");
      expect(zh.userErrors[0].message).toContain("延迟发货事件");
      const buyerSide = (await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.marketplace }))
        .body.data.case.availableActions;
      expect(buyerSide).not.toContain("ESCALATE");
      expect(buyerSide).not.toContain("WITHDRAW_BY_BUYER");

      w.now = new Date(w.now.getTime() + 3 * 24 * 3600 * 1000);
      await w.lateOrders();
      const still = (await graphql(w.api, `{ case(id: "${caseId}") { status } }`, { key: w.key })).body.data.case;
      expect(still.status).toBe("AWAITING_SELLER");
      // It still ends as it should: the order ships and the seller closes it SHIPPED (the plan's steps done).
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "Sorry." },
        CASE,
      );
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00999999" },
        "order { status }",
      );
      const shipped = await mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId, outcome: "SHIPPED" }, CASE);
      expect(shipped).toMatchObject({ case: { status: "RESOLVED", outcome: "SHIPPED" }, userErrors: [] });
      await checkInvariants(w.db);
    },
  );

  it("is not decided by an operator, so no decision refunds an order that can still ship", async () => {
    const w = await world();
    const { order, caseId } = await lateIncident(w);
    // The buyer's side asks for arbitration (refused), and an operator decides all the same.
    await graphql(w.api, `mutation { escalateCase(input: { caseId: "${caseId}" }) { case { status } } }`, {
      key: w.marketplace,
    });
    for (const outcome of ["DECIDED_FOR_BUYER", "DECIDED_FOR_SELLER"]) {
      const decided = await mutate(
        w,
        w.operator,
        "resolveCase",
        "ResolveCaseInput",
        { caseId, outcome, note: "Decided." },
        CASE,
      );
      expect(decided).toMatchObject({ case: null, userErrors: [{ code: "INVALID_TRANSITION" }] });
    }
    const read = `{ order(id: "${order.id}") { status refunded { amountMinor } } case(id: "${caseId}") { status } }`;
    expect((await graphql(w.api, read, { key: w.operator })).body.data).toEqual({
      order: { status: "AWAITING_SHIPMENT", refunded: { amountMinor: 0 } },
      case: { status: "AWAITING_SELLER" },
    });
    await checkInvariants(w.db);
  });
});
