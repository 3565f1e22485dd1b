import { describe, expect, it } from "vitest";
import { EventsRepo } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { DAY } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { readOverview, recountOverview } from "../support/overview";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * The platform's decision for the buyer (DECIDED_FOR_BUYER) refunds the buyer out of the order's money in the case's
 * transaction: the order's refunded total and what is refundable, the seller's counters, the order's money event and
 * the case's timeline follow, and no other case of the order can refund it again.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });
const CASE = `case { id status outcome platformRefund { amountMinor currency }
  order { version refunded { amountMinor } refundable { amountMinor } } }`;

/** A shipped order (40.00 USD paid) and the buyer's dispute on it claiming `claim`, escalated. */
async function escalatedDispute(w: World, claim: number) {
  const order = await orderDue(w, 24);
  const parcel = { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" };
  await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", parcel, "order { id }");
  const input = { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER", claimAmount: USD(claim) };
  const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
  const caseId = opened.case.id as string;
  await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
  return { orderId: order.id, caseId };
}

/** The operator's decision, with the note every decision needs (unless `input` sets its own). */
const decide = (w: World, input: Record<string, unknown>) =>
  mutate(w, w.operator, "resolveCase", "ResolveCaseInput", { note: "Decided on the evidence.", ...input }, CASE);

describe("resolveCase DECIDED_FOR_BUYER", () => {
  it("refunds the buyer's claim on the order, with its event, counters and timeline", async () => {
    const w = await world();
    const { orderId, caseId } = await escalatedDispute(w, 2500);
    const decided = await decide(w, { caseId, outcome: "DECIDED_FOR_BUYER" });
    expect(decided.userErrors).toEqual([]);
    expect(decided.case).toMatchObject({
      status: "RESOLVED",
      platformRefund: USD(2500),
      order: { refunded: { amountMinor: 2500 }, refundable: { amountMinor: 1500 } },
    });
    const events = (await scanTable(w.db, "Events"))
      .map((i) => EventsRepo.fromItem(i))
      .filter((e) => e.objectId === orderId)
      .map((e) => e.type);
    expect(events).toContain("ORDER_REFUNDED_OR_COMPENSATED");
    const timeline = await graphql(
      w.api,
      `{ case(id: "${caseId}") { timeline(first: 1) { edges { node { type summary } } } } }`,
      { key: w.key, headers: { "accept-language": "zh-CN" } },
    );
    expect(timeline.body.data.case.timeline.edges[0].node.summary).toContain("平台已从该订单向买家退款");
    // Another case of the order can refund only what is left.
    const other = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId, reason: "DAMAGED", source: "BUYER", claimText: "Broken." },
      "case { id }",
    );
    const refund = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId: other.case.id, kind: "PARTIAL_REFUND", amount: USD(1501) },
      "case { id }",
    );
    expect(refund.userErrors[0]?.code).toBe("AMOUNT_ABOVE_POLICY");
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  });

  it("takes the operator's platformRefund, and refuses a bad one writing nothing", async () => {
    const w = await world();
    const { caseId } = await escalatedDispute(w, 2500);
    const before = (await graphql(w.api, `{ case(id: "${caseId}") { version } }`, { key: w.key })).body.data.case;
    for (const [input, code] of [
      [{ outcome: "DECIDED_FOR_BUYER", platformRefund: USD(4001) }, "AMOUNT_ABOVE_POLICY"],
      [{ outcome: "DECIDED_FOR_BUYER", platformRefund: USD(0) }, "INVALID_INPUT"],
      [{ outcome: "DECIDED_FOR_BUYER", platformRefund: { amountMinor: 100, currency: "EUR" } }, "CURRENCY_MISMATCH"],
      [{ outcome: "DECIDED_FOR_SELLER", platformRefund: USD(100) }, "INVALID_INPUT"],
    ] as const) {
      const refused = await decide(w, { caseId, ...input });
      expect(refused.case, code).toBeNull();
      expect(refused.userErrors[0]?.code).toBe(code);
    }
    const after = (await graphql(w.api, `{ case(id: "${caseId}") { version } }`, { key: w.key })).body.data.case;
    expect(after.version).toBe(before.version);
    const decided = await decide(w, { caseId, outcome: "DECIDED_FOR_BUYER", platformRefund: USD(1000) });
    expect(decided.case).toMatchObject({ platformRefund: USD(1000), order: { refunded: { amountMinor: 1000 } } });
    await checkInvariants(w.db);
  });

  it("needs a note saying why, for either side: refused INVALID_INPUT on note, writing nothing", async () => {
    const w = await world();
    const { orderId, caseId } = await escalatedDispute(w, 2500);
    const before = await scanTable(w.db, "Cases");
    for (const outcome of ["DECIDED_FOR_BUYER", "DECIDED_FOR_SELLER"])
      for (const note of [undefined, null, "", " \n\t "]) {
        const refused = await decide(w, { caseId, outcome, note });
        expect(refused.case, `${outcome} ${JSON.stringify(note)}`).toBeNull();
        expect(refused.userErrors).toEqual([
          { code: "INVALID_INPUT", field: ["input", "note"], message: expect.stringContaining(outcome) },
        ]);
      }
    expect(await scanTable(w.db, "Cases")).toEqual(before);
    const read = `{ order(id: "${orderId}") { refunded { amountMinor } } case(id: "${caseId}") { status } }`;
    expect((await graphql(w.api, read, { key: w.key })).body.data).toEqual({
      order: { refunded: { amountMinor: 0 } },
      case: { status: "ESCALATED" },
    });
    const decided = await decide(w, { caseId, outcome: "DECIDED_FOR_SELLER", note: "Tracking shows delivery." });
    expect(decided.case).toMatchObject({ status: "RESOLVED", outcome: "DECIDED_FOR_SELLER" });
  });

  it("moves no money when decided for the seller", async () => {
    const w = await world();
    const { caseId } = await escalatedDispute(w, 2500);
    const decided = await decide(w, { caseId, outcome: "DECIDED_FOR_SELLER" });
    expect(decided.case).toMatchObject({ platformRefund: null, order: { refunded: { amountMinor: 0 } } });
    await checkInvariants(w.db);
  });

  it("refuses the default while another case's return holds the order's money, then refunds once it ends", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const parcel = { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" };
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", parcel, "order { id }");
    const open = async (reason: string, claim: number | null) => {
      const input = { orderId: order.id, reason, source: "BUYER", claimAmount: claim ? USD(claim) : null };
      return (await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }")).case.id as string;
    };
    // Case A: the buyer accepted a 40.00 refund on return, which holds all the order's money.
    const a = await open("DAMAGED", null);
    const expiresAt = new Date(w.now.getTime() + 2 * DAY).toISOString();
    const offer = { caseId: a, expiresAt, kind: "REFUND_WITH_RETURN", amount: USD(4000) };
    await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", offer, "case { id }");
    const offerId = (await graphql(w.api, `{ case(id: "${a}") { pendingOffer { id } } }`, { key: w.key })).body.data
      .case.pendingOffer.id;
    const accept = { caseId: a, offerId, accept: true };
    await mutate(
      w,
      w.marketplace,
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      accept,
      "case { id }",
    );
    // Case B: another dispute claiming 40.00, escalated and decided for the buyer with no amount.
    const b = await open("NOT_AS_DESCRIBED", 4000);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId: b }, "case { id }");
    const version = async () =>
      (await graphql(w.api, `{ case(id: "${b}") { version } }`, { key: w.key })).body.data.case.version;
    const before = await version();
    const refused = await decide(w, { caseId: b, outcome: "DECIDED_FOR_BUYER" });
    expect(refused.case).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ["input", "platformRefund"],
        code: "AMOUNT_ABOVE_POLICY",
        message: expect.stringContaining("another case's return"),
      },
    ]);
    expect(await version()).toBe(before);
    // Case A's return is never shipped back: it lapses, the hold is released, and the same decision refunds.
    w.now = new Date(w.now.getTime() + 15 * DAY);
    await w.caseDeadlines();
    const decided = await decide(w, { caseId: b, outcome: "DECIDED_FOR_BUYER" });
    expect(decided.case).toMatchObject({ platformRefund: USD(4000), order: { refunded: { amountMinor: 4000 } } });
    await checkInvariants(w.db);
  });
});
