import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { acceptedReturn, call, ok } from "../support/returns";
import { mutate, world, type World } from "../support/world";

/**
 * The money a buyer's accepted return will get back is held on the order until the return ends: another case of the
 * same order (a refund remedy, a money-back offer) cannot give it away while the goods travel back, so the seller can
 * always refund the return it promised, and is never flagged overdue for a refund the order no longer allows.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const PARCEL = { carrier: "YunExpress", trackingNumber: "YT2611290001" };

/** A $15 refund return accepted on a $40 order's DAMAGED dispute, and a second dispute on the same order. */
async function heldAndSecondCase(w: World, offer: Record<string, unknown> = { kind: "REFUND_WITH_RETURN" }) {
  const r = await acceptedReturn(w, { amount: USD(1500), ...offer });
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: r.orderId, reason: "WRONG_ITEM", source: "BUYER", claimText: "The second strip is the wrong one." },
    "case { id }",
  );
  return { ...r, otherCaseId: opened.case.id as string };
}

async function orderMoney(w: World, caseId: string) {
  const query = `query($id: ID!) { case(id: $id) { version order { refunded { amountMinor } refundable { amountMinor }
    heldForReturns { amountMinor currency } } } }`;
  return (await graphql(w.api, query, { key: w.key, variables: { id: caseId } })).body.data.case;
}

describe("a refund return accepted on an order", () => {
  it("holds its amount: a full refund on another case of the order leaves it, and the return is refunded", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w);
    expect(r.accepted.order).toMatchObject({ refunded: { amountMinor: 0 }, refundable: { amountMinor: 2500 } });
    expect((await orderMoney(w, r.caseId)).order.heldForReturns).toEqual(USD(1500));
    // The second case is refunded in full: what is left, not what is held for the return.
    const full = await ok(w, w.key, "recordRemedy", { caseId: r.otherCaseId, kind: "FULL_REFUND" });
    expect(full.order).toMatchObject({ refunded: { amountMinor: 2500 }, refundable: { amountMinor: 0 } });
    await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...PARCEL });
    await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    const received = await orderMoney(w, r.caseId);
    expect(received.order.heldForReturns).toEqual(USD(1500));
    const done = await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(done).toMatchObject({ status: "RESOLVED", outcome: "RETURNED_AND_REFUNDED" });
    expect(done.order).toMatchObject({ refunded: { amountMinor: 4000 }, refundable: { amountMinor: 0 } });
    expect((await orderMoney(w, r.caseId)).order.heldForReturns).toEqual(USD(0));
    // Nothing left overdue for the seller to be flagged for.
    w.now = new Date(w.now.getTime() + 40 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0 });
    await checkInvariants(w.db);
  });

  it("refuses a refund or an offer on another case that would use the held money, writing nothing", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w);
    const before = await orderMoney(w, r.otherCaseId);
    const remedy = await call(w, w.key, "recordRemedy", {
      caseId: r.otherCaseId,
      kind: "PARTIAL_REFUND",
      amount: USD(3000),
    });
    expect(remedy.errors, JSON.stringify(remedy.errors)).toBeUndefined();
    expect(remedy.data.recordRemedy.userErrors).toEqual([
      { field: ["input", "amount"], code: "AMOUNT_ABOVE_POLICY", message: expect.stringContaining("held") },
    ]);
    expect(remedy.data.recordRemedy.userErrors[0].message).toContain("open return");
    const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
    const offer = await call(w, w.key, "makeCompensationOffer", {
      caseId: r.otherCaseId,
      expiresAt,
      kind: "PARTIAL_REFUND",
      amount: USD(3000),
    });
    expect(offer.data.makeCompensationOffer.userErrors).toMatchObject([{ code: "AMOUNT_ABOVE_POLICY" }]);
    const zh = await graphql(
      w.api,
      `mutation($input: RecordRemedyInput!) { recordRemedy(input: $input) { userErrors { code message } } }`,
      {
        key: w.key,
        headers: { "accept-language": "zh-CN" },
        variables: { input: { caseId: r.otherCaseId, kind: "PARTIAL_REFUND", amount: USD(3000) } },
      },
    );
    expect(zh.body.data.recordRemedy.userErrors[0].message).toMatch(/退货/);
    expect(await orderMoney(w, r.otherCaseId)).toEqual(before);
    // What is left beside the hold is still the seller's to refund.
    const partial = await ok(w, w.key, "recordRemedy", {
      caseId: r.otherCaseId,
      kind: "PARTIAL_REFUND",
      amount: USD(2500),
    });
    expect(partial.order).toMatchObject({ refunded: { amountMinor: 2500 }, refundable: { amountMinor: 0 } });
    await checkInvariants(w.db);
  });

  it("does not settle a buyer's claim on a token refund while the rest is held for another return", async () => {
    const w = await world();
    // $39.99 held for case A's return; case B claims the whole $40 and the seller refunds $0.01 on it.
    const r = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: USD(3999) });
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: r.orderId, reason: "WRONG_ITEM", source: "BUYER", claimText: "Wrong item.", claimAmount: USD(4000) },
      "case { id }",
    );
    const caseId = opened.case.id as string;
    const token = await ok(w, w.key, "recordRemedy", { caseId, kind: "PARTIAL_REFUND", amount: USD(1) });
    expect(token.order).toMatchObject({ refunded: { amountMinor: 1 }, refundable: { amountMinor: 0 } });
    // Held is not refunded: the claim is not covered, so REFUNDED is neither offered nor taken.
    expect(token.availableActions).not.toContain("RESOLVE_BY_SELLER");
    const before = await orderMoney(w, caseId);
    const resolved = await call(w, w.key, "resolveCase", { caseId, outcome: "REFUNDED" });
    expect(resolved.data.resolveCase).toMatchObject({ case: null, userErrors: [{ code: "INVALID_TRANSITION" }] });
    expect((await orderMoney(w, caseId)).version).toBe(before.version);
    // Once the held money is refunded by the return, nothing is left: a refund of what remains settles it.
    await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...PARCEL });
    await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    const settled = await ok(w, w.key, "resolveCase", { caseId, outcome: "REFUNDED" });
    expect(settled).toMatchObject({ status: "RESOLVED", outcome: "REFUNDED" });
    await checkInvariants(w.db);
  });

  it("releases the hold when the buyer cancels the return", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w);
    const cancelled = await ok(w, w.marketplace, "cancelReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(cancelled.order).toMatchObject({ refundable: { amountMinor: 4000 } });
    const full = await ok(w, w.key, "recordRemedy", { caseId: r.otherCaseId, kind: "FULL_REFUND" });
    expect(full.order).toMatchObject({ refunded: { amountMinor: 4000 }, refundable: { amountMinor: 0 } });
    await checkInvariants(w.db);
  });

  it("releases the hold when the case-deadline job expires the return", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w);
    w.now = new Date(w.now.getTime() + 15 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ returnsExpired: 1 });
    const after = await orderMoney(w, r.caseId);
    expect(after.order).toMatchObject({ refundable: { amountMinor: 4000 }, heldForReturns: USD(0) });
    expect(await w.caseDeadlines()).toMatchObject({ returnsExpired: 0 });
    await checkInvariants(w.db);
  });

  it("releases the hold when the platform's decision voids the return", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w);
    await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...PARCEL });
    await ok(w, w.marketplace, "escalateCase", { caseId: r.caseId });
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId: r.caseId,
      outcome: "DECIDED_FOR_SELLER",
      note: "Decided on the evidence.",
    });
    expect(decided).toMatchObject({ status: "RESOLVED", returns: [{ status: "CANCELLED" }] });
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 0 }, refundable: { amountMinor: 4000 } });
    await checkInvariants(w.db);
  });

  it("an exchange holds nothing", async () => {
    const w = await world();
    const r = await heldAndSecondCase(w, { kind: "REPLACEMENT_WITH_RETURN", amount: null });
    expect(r.accepted.order).toMatchObject({ refundable: { amountMinor: 4000 } });
    const full = await ok(w, w.key, "recordRemedy", { caseId: r.otherCaseId, kind: "FULL_REFUND" });
    expect(full.order).toMatchObject({ refunded: { amountMinor: 4000 } });
    await checkInvariants(w.db);
  });
});
