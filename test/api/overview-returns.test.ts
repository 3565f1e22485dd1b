import { describe, expect, it } from "vitest";
import { HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { readOverview, recountOverview } from "../support/overview";
import { acceptedReturn, ok } from "../support/returns";
import { world, type World } from "../support/world";

/**
 * A return the buyer has shipped back waits on the seller (confirm receipt by `receiveBy`, then refund or
 * replace by `settleBy`, or the case-deadline job escalates the case and counts it against the seller): the
 * seller overview counts it in `returnsAwaitingSeller` from the shipment to the seller's last move, and no
 * longer once the return ends or the case is escalated to the platform.
 */

const REFUND = { kind: "REFUND_WITH_RETURN", amount: { amountMinor: 1000, currency: "USD" } };
const REPLACEMENT = { kind: "REPLACEMENT_WITH_RETURN" };

/** The seller's overview, checked against a recount from the stored items, as the seller reads it. */
async function waiting(w: World): Promise<number> {
  const read = await readOverview(w.api, w.key, w.sellerId);
  expect(read).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  return read.returnsAwaitingSeller;
}

async function shippedBack(w: World, offer: Record<string, unknown>) {
  const r = await acceptedReturn(w, offer);
  expect(await waiting(w)).toBe(0); // AUTHORISED: the buyer's move
  const parcel = { carrier: "YunExpress", trackingNumber: "YT2611290001" };
  await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...parcel });
  return r;
}

describe("returnsAwaitingSeller in the seller overview", () => {
  it("counts a return from the buyer's shipment to the seller's refund, 12 h before settleBy too", async () => {
    const w = await world();
    const r = await shippedBack(w, REFUND);
    expect(await waiting(w)).toBe(1); // SHIPPED_BACK: the seller confirms receipt by receiveBy
    await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    w.now = new Date(w.now.getTime() + 60 * HOUR); // settleBy is 3 days after receipt: 12 h left
    expect(await waiting(w)).toBe(1);
    const refunded = await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(refunded.returns[0].status).toBe("REFUNDED");
    expect(await waiting(w)).toBe(0);
    await checkInvariants(w.db);
  });

  it("stops counting a replacement once it ships", async () => {
    const w = await world();
    const r = await shippedBack(w, REPLACEMENT);
    await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    expect(await waiting(w)).toBe(1);
    const parcel = { carrier: "Cainiao", trackingNumber: "LP00999888" };
    await ok(w, w.key, "shipReplacement", { caseId: r.caseId, returnId: r.returnId, ...parcel });
    expect(await waiting(w)).toBe(0);
  });

  it("never counts a return the buyer cancels before shipping it", async () => {
    const w = await world();
    const r = await acceptedReturn(w, REFUND);
    expect(await waiting(w)).toBe(0);
    await ok(w, w.marketplace, "cancelReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(await waiting(w)).toBe(0);
  });

  for (const step of ["receipt", "settlement"] as const)
    it(`stops counting when the case-deadline job escalates a missed ${step}`, async () => {
      const w = await world();
      const r = await shippedBack(w, REFUND);
      if (step === "settlement")
        await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
      expect(await waiting(w)).toBe(1);
      w.now = new Date(w.now.getTime() + (step === "receipt" ? 30 * 24 + 1 : 3 * 24 + 1) * HOUR);
      expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 1 });
      expect(await waiting(w)).toBe(0); // the platform's to decide now
      await checkInvariants(w.db);
    });

  it("stops counting when the buyer escalates, and the operator's decision ends the return", async () => {
    const w = await world();
    const r = await shippedBack(w, REFUND);
    expect(await waiting(w)).toBe(1);
    await ok(w, w.marketplace, "escalateCase", { caseId: r.caseId });
    expect(await waiting(w)).toBe(0);
    await ok(w, w.operator, "resolveCase", {
      caseId: r.caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Decided on the evidence.",
    });
    expect(await waiting(w)).toBe(0);
    await checkInvariants(w.db);
  });
});
