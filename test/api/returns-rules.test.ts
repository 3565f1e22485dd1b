import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY, HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { acceptedReturn, call, ok } from "../support/returns";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * What a return rules out, and what rules it out: while the buyer's goods are on their way back, the money goes back
 * through the return alone (refundReturn), never a second time through a remedy, however the case was escalated; and
 * no return is offered on a dispute about goods the buyer never received (the guide's 退货退款 / 换货 answer a
 * quality complaint or a buyer asking to return, not a parcel that never came).
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

/** A $15 return of a $40 order, shipped back, the case escalated by the buyer, and the goods received. */
async function escalatedReceived(w: World) {
  const r = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: USD(1500) });
  const parcel = { carrier: "YunExpress", trackingNumber: "YT2611290001" };
  await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...parcel });
  await ok(w, w.marketplace, "escalateCase", { caseId: r.caseId });
  const received = await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
  expect(received).toMatchObject({ status: "ESCALATED", returns: [{ status: "RECEIVED" }] });
  expect(received.order.refunded.amountMinor).toBe(0);
  return { ...r, received };
}

async function readCase(w: World, caseId: string) {
  const query = `query($id: ID!) { case(id: $id) { status version remedies { kind }
    returns { status } order { refunded { amountMinor } } } }`;
  return (await graphql(w.api, query, { key: w.key, variables: { id: caseId } })).body.data.case;
}

describe("a money-back remedy while the case has an open return", () => {
  it("is refused on the escalated case, writes nothing, and refundReturn then refunds the return once", async () => {
    const w = await world();
    const r = await escalatedReceived(w);
    for (const remedy of [
      { kind: "PARTIAL_REFUND", amount: USD(1500) },
      { kind: "RETURN_AND_REFUND" },
      { kind: "FULL_REFUND" },
      { kind: "PARTIAL_REFUND", amount: USD(500), reference: "MP-REFUND-1" },
    ]) {
      const body = await call(w, w.key, "recordRemedy", { caseId: r.caseId, ...remedy });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(body.data.recordRemedy.case).toBeNull();
      expect(body.data.recordRemedy.userErrors).toEqual([
        { field: ["input", "kind"], code: "INVALID_TRANSITION", message: expect.stringContaining("refundReturn") },
      ]);
    }
    // Nothing written: the same version, no remedy, no money.
    expect(await readCase(w, r.caseId)).toEqual({
      status: "ESCALATED",
      version: r.received.version,
      remedies: [],
      returns: [{ status: "RECEIVED" }],
      order: { refunded: { amountMinor: 0 } },
    });
    // A remedy that moves no money is still the seller's to record.
    await ok(w, w.key, "recordRemedy", { caseId: r.caseId, kind: "APOLOGY", note: "Sorry for the damage." });
    const done = await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(done).toMatchObject({
      status: "RESOLVED",
      outcome: "RETURNED_AND_REFUNDED",
      returns: [{ status: "REFUNDED" }],
    });
    expect(done.order.refunded.amountMinor).toBe(1500);
    // The job finds nothing overdue on a return that could always be refunded.
    w.now = new Date(w.now.getTime() + 4 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0 });
    await checkInvariants(w.db);
  });

  it("is refused in Simplified Chinese naming refundReturn", async () => {
    const w = await world();
    const r = await escalatedReceived(w);
    const response = await graphql(
      w.api,
      `mutation($input: RecordRemedyInput!) { recordRemedy(input: $input) { userErrors { code message } } }`,
      {
        key: w.key,
        headers: { "accept-language": "zh-CN" },
        variables: { input: { caseId: r.caseId, kind: "RETURN_AND_REFUND" } },
      },
    );
    const [error] = response.body.data.recordRemedy.userErrors;
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.message).toContain("refundReturn");
    expect(error.message).toMatch(/退货/);
  });

  it("is refused while the return is not shipped back yet, and taken once the buyer cancelled it", async () => {
    const w = await world();
    const r = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: USD(1500) });
    await ok(w, w.marketplace, "escalateCase", { caseId: r.caseId });
    const refused = await call(w, w.key, "recordRemedy", { caseId: r.caseId, kind: "FULL_REFUND" });
    expect(refused.data.recordRemedy.userErrors[0]?.code).toBe("INVALID_TRANSITION");
    await ok(w, w.marketplace, "cancelReturn", { caseId: r.caseId, returnId: r.returnId });
    const refunded = await ok(w, w.key, "recordRemedy", { caseId: r.caseId, kind: "FULL_REFUND" });
    expect(refunded).toMatchObject({ status: "ESCALATED", returns: [{ status: "CANCELLED" }] });
    expect(refunded.order.refunded.amountMinor).toBe(4000);
    await checkInvariants(w.db);
  });

  it("the platform's decision ends the received return and refunds the buyer, the hold released into it", async () => {
    const w = await world();
    const r = await escalatedReceived(w);
    // The return holds 15.00 of the 40.00 paid; the decision may refund up to all of it, the hold included.
    const above = await call(w, w.operator, "resolveCase", {
      caseId: r.caseId,
      outcome: "DECIDED_FOR_BUYER",
      platformRefund: USD(4001),
      note: "The goods were not as described.",
    });
    expect(above.data.resolveCase.userErrors[0]?.code).toBe("AMOUNT_ABOVE_POLICY");
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId: r.caseId,
      outcome: "DECIDED_FOR_BUYER",
      platformRefund: USD(1500),
      note: "The goods were not as described.",
    });
    expect(decided).toMatchObject({ status: "RESOLVED", openReturn: null, returns: [{ status: "CANCELLED" }] });
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
    const again = await call(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(again.data.refundReturn.userErrors[0]?.code).toBe("INVALID_TRANSITION");
    const remedy = await call(w, w.key, "recordRemedy", { caseId: r.caseId, kind: "RETURN_AND_REFUND" });
    expect(remedy.data.recordRemedy.userErrors[0]?.code).toBe("INVALID_TRANSITION");
    expect((await readCase(w, r.caseId)).order.refunded.amountMinor).toBe(1500);
    await checkInvariants(w.db);
  });

  it("without an amount, the decision on a received return refunds what the return agreed: none claimed", async () => {
    const w = await world();
    const r = await escalatedReceived(w);
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId: r.caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Decided on the evidence.",
    });
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
    await checkInvariants(w.db);
  });

  /**
   * A shipped order (40.00 paid), the buyer's dispute claiming 10.00, and the seller's return offer accepted: the
   * goods go back, the seller confirms them and then misses settleBy, and the case-deadline job escalates it.
   */
  async function settlementMissed(w: World, offer: Record<string, unknown>) {
    const order = await orderDue(w, 24);
    const parcel = { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" };
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", parcel, "order { id }");
    const input = { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimAmount: USD(1000) };
    const caseId = (await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }")).case.id;
    const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
    await ok(w, w.key, "makeCompensationOffer", { caseId, expiresAt, ...offer });
    // A return takes the id of the offer that started it.
    const returnId = await pendingOfferId(w, caseId);
    await ok(w, w.marketplace, "respondToCompensationOffer", { caseId, offerId: returnId, accept: true });
    const shipped = { caseId, returnId, carrier: "Cainiao", trackingNumber: "RT00012345" };
    await ok(w, w.marketplace, "shipReturn", shipped);
    const received = await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
    w.now = new Date(new Date(received.returns[0].settleBy).getTime() + HOUR);
    await w.caseDeadlines();
    expect((await readCase(w, caseId)).status).toBe("ESCALATED");
    return caseId as string;
  }

  async function pendingOfferId(w: World, caseId: string) {
    const read = await graphql(w.api, `{ case(id: "${caseId}") { pendingOffer { id } } }`, { key: w.marketplace });
    return read.body.data.case.pendingOffer.id as string;
  }

  it("without an amount, the decision on goods given back refunds at least the return's refund", async () => {
    const w = await world();
    const caseId = await settlementMissed(w, { kind: "REFUND_WITH_RETURN", amount: USD(4000) });
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Decided on the evidence.",
    });
    // The buyer claimed 10.00 but gave the goods back for 40.00: the seller keeps neither the goods nor the money.
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 4000 }, refundable: { amountMinor: 0 } });
    await checkInvariants(w.db);
  });

  it("without an amount, the decision on an exchange received and never shipped refunds all that is left", async () => {
    const w = await world();
    const caseId = await settlementMissed(w, { kind: "REPLACEMENT_WITH_RETURN" });
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Decided on the evidence.",
    });
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 4000 }, refundable: { amountMinor: 0 } });
    await checkInvariants(w.db);
  });

  it("without an amount, the decision on a return not shipped back yet refunds the claim: the goods stay", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const parcel = { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" };
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", parcel, "order { id }");
    const input = { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimAmount: USD(1000) };
    const caseId = (await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }")).case.id;
    const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
    await ok(w, w.key, "makeCompensationOffer", { caseId, expiresAt, kind: "REFUND_WITH_RETURN", amount: USD(4000) });
    const offerId = await pendingOfferId(w, caseId);
    await ok(w, w.marketplace, "respondToCompensationOffer", { caseId, offerId, accept: true });
    await ok(w, w.marketplace, "escalateCase", { caseId });
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Decided on the evidence.",
    });
    expect(decided.order).toMatchObject({ refunded: { amountMinor: 1000 }, refundable: { amountMinor: 3000 } });
    await checkInvariants(w.db);
  });
});

describe("a return offer on a dispute about goods the buyer never received", () => {
  /** A shipped order and a dispute on it for the reason, opened by the buyer's side or the system's job. */
  async function disputed(w: World, reason: string) {
    const order = await orderDue(w, 24);
    const parcel = { carrier: "Cainiao", trackingNumber: "LP00123456" };
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, ...parcel },
      "order { id }",
    );
    const input = { orderId: order.id, reason, source: "BUYER", claimText: "Never arrived." };
    const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id version }");
    return opened.case as { id: string; version: number };
  }

  it("is refused for NOT_RECEIVED and NOT_SHIPPED, in en and zh-CN, and writes nothing", async () => {
    const w = await world();
    for (const reason of ["NOT_RECEIVED", "NOT_SHIPPED"]) {
      const c = await disputed(w, reason);
      const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
      for (const offer of [{ kind: "REFUND_WITH_RETURN", amount: USD(4000) }, { kind: "REPLACEMENT_WITH_RETURN" }]) {
        const body = await call(w, w.key, "makeCompensationOffer", { caseId: c.id, expiresAt, ...offer });
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        expect(body.data.makeCompensationOffer.userErrors).toEqual([
          { field: ["input", "kind"], code: "INVALID_TRANSITION", message: expect.stringContaining("never received") },
        ]);
      }
      const zh = await graphql(
        w.api,
        `mutation($input: MakeCompensationOfferInput!) {
          makeCompensationOffer(input: $input) { userErrors { code message } } }`,
        {
          key: w.key,
          headers: { "accept-language": "zh-CN" },
          variables: { input: { caseId: c.id, expiresAt, kind: "REFUND_WITH_RETURN", amount: USD(4000) } },
        },
      );
      expect(zh.body.data.makeCompensationOffer.userErrors[0].message).toMatch(/未收到/);
      const after = await graphql(w.api, `query($id: ID!) { case(id: $id) { status version offers { id } } }`, {
        key: w.key,
        variables: { id: c.id },
      });
      expect(after.body.data.case).toEqual({ status: "AWAITING_SELLER", version: c.version, offers: [] });
      // The seller may still answer with money back: a refund offer on the same case is taken.
      await ok(w, w.key, "makeCompensationOffer", {
        caseId: c.id,
        expiresAt,
        kind: "PARTIAL_REFUND",
        amount: USD(1000),
      });
    }
    await checkInvariants(w.db);
  });
});
