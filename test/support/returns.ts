import { expect } from "vitest";
import { graphql } from "./api";
import { DAY } from "./clock";
import { mutate, orderDue, type World } from "./world";

/**
 * Returns through the API: a case's fields with its returns, a mutation answered with them, and a shipped order's
 * dispute with the seller's return offer accepted by the buyer's side (test/api/returns*.test.ts).
 */

export const RETURN = `id kind status refund { amountMinor currency } shipBackBy receiveBy settleBy dueBy overdue
  availableActions
  returnShipment { carrier trackingNumber shippedAt } replacementShipment { carrier trackingNumber }
  receivedAt refundedAt endedAt receiptOverdueAt settlementOverdueAt`;
export const CASE = `case { id status outcome version availableActions escalatedAt
  returns { ${RETURN} } openReturn { id status }
  order { id refunded { amountMinor } refundable { amountMinor } } }`;

export async function call(w: World, key: string, name: string, input: Record<string, unknown>) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const response = await graphql(
    w.api,
    `mutation($input: ${type}!) { ${name}(input: $input) { ${CASE} userErrors { field code message } } }`,
    {
      key,
      variables: { input },
    },
  );
  return response.body;
}

export async function ok(w: World, key: string, name: string, input: Record<string, unknown>) {
  const body = await call(w, key, name, input);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data[name].userErrors).toEqual([]);
  return body.data[name].case;
}

/** A shipped order with a buyer dispute on it, and the seller's return offer accepted by the buyer's side. */
export async function acceptedReturn(w: World, offer: Record<string, unknown>, reason = "DAMAGED") {
  const order = await orderDue(w, 24);
  await mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" },
    "order { id }",
  );
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: order.id, reason, source: "BUYER", claimText: "Broken on arrival." },
    "case { id }",
  );
  const caseId = opened.case.id as string;
  const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
  const offered = await ok(w, w.key, "makeCompensationOffer", { caseId, expiresAt, ...offer });
  expect(offered.availableActions).toEqual([
    "POST_SELLER_MESSAGE",
    "RECORD_REMEDY",
    "WITHDRAW_OFFER",
    "SUBMIT_SELLER_EVIDENCE",
  ]);
  const offerId = (
    await graphql(w.api, `query($id: ID!) { case(id: $id) { pendingOffer { id } availableActions } }`, {
      key: w.marketplace,
      variables: { id: caseId },
    })
  ).body.data.case;
  // The buyer's side is offered the acceptance that starts a return, not the plain one.
  expect(offerId.availableActions).toContain("ACCEPT_RETURN_OFFER");
  expect(offerId.availableActions).not.toContain("ACCEPT_OFFER");
  const accepted = await ok(w, w.marketplace, "respondToCompensationOffer", {
    caseId,
    offerId: offerId.pendingOffer.id,
    accept: true,
  });
  return { caseId, orderId: order.id, returnId: offerId.pendingOffer.id as string, accepted };
}
