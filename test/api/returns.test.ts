import { describe, expect, it } from "vitest";
import { ulid } from "ulid";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Time } from "@seller-ops/core";
import { OrdersRepo } from "@seller-ops/db";
import { graphql } from "../support/api";
import { DAY, HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { acceptedReturn, call, ok } from "../support/returns";
import { mutate, orderDue, world } from "../support/world";

/**
 * Exchanges and returns, as the seller guide answers a dispute (退货退款, 换货), through the Lambda
 * handler: a return offer, the buyer's acceptance starting a tracked return, the parcel back, the
 * receipt, the refund or the replacement, each move by its own side only, and the deadline job at
 * the stuck ends.
 */

describe("a return for a refund (REFUND_WITH_RETURN)", () => {
  it(
    "goes AUTHORISED → SHIPPED_BACK → RECEIVED → REFUNDED with its tracking, each move by its side, and the refund " +
      "lands on the order",
    async () => {
      const w = await world();
      const { caseId, returnId, accepted } = await acceptedReturn(w, {
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 2500, currency: "USD" },
      });
      expect(accepted.status).toBe("RETURN_IN_PROGRESS");
      expect(accepted.order.refunded.amountMinor).toBe(0); // nothing moves before the goods are back
      const authorised = accepted.returns[0];
      expect(authorised).toMatchObject({
        id: returnId,
        kind: "REFUND_WITH_RETURN",
        status: "AUTHORISED",
        refund: { amountMinor: 2500, currency: "USD" },
        overdue: false,
      });
      expect(authorised.shipBackBy).toBe(new Date(w.now.getTime() + 14 * DAY).toISOString());
      expect(authorised.dueBy).toBe(authorised.shipBackBy);
      // The payload is read with the caller's (the buyer's side's) roles.
      expect(authorised.availableActions).toEqual(["SHIP_BACK", "CANCEL"]);
      const seen = (
        await graphql(w.api, `query($id: ID!) { case(id: $id) { availableActions returns { availableActions } } }`, {
          key: w.key,
          variables: { id: caseId },
        })
      ).body.data.case;
      expect(seen.availableActions).toEqual(["POST_SELLER_MESSAGE", "SUBMIT_SELLER_EVIDENCE"]);
      expect(seen.returns[0].availableActions).toEqual([]); // the seller waits for the parcel

      // The seller cannot ship the buyer's parcel, nor the buyer confirm its own receipt.
      const wrongSide = await call(w, w.key, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT2611290001",
      });
      expect(wrongSide.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

      w.now = new Date(w.now.getTime() + 3 * DAY);
      const shipped = await ok(w, w.marketplace, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT2611290001",
      });
      expect(shipped.returns[0]).toMatchObject({
        status: "SHIPPED_BACK",
        returnShipment: { carrier: "YunExpress", trackingNumber: "YT2611290001", shippedAt: w.now.toISOString() },
      });
      expect(shipped.returns[0].receiveBy).toBe(new Date(w.now.getTime() + 30 * DAY).toISOString());
      const buyerConfirms = await call(w, w.marketplace, "confirmReturnReceived", { caseId, returnId });
      expect(buyerConfirms.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      // Refunding before the goods are back is not a move of the table.
      const early = await call(w, w.partner, "refundReturn", { caseId, returnId });
      expect(early.data.refundReturn.userErrors).toMatchObject([
        { code: "INVALID_TRANSITION", field: ["input", "returnId"] },
      ]);

      w.now = new Date(w.now.getTime() + 6 * DAY);
      const received = await ok(w, w.partner, "confirmReturnReceived", { caseId, returnId });
      expect(received.returns[0]).toMatchObject({
        status: "RECEIVED",
        receivedAt: w.now.toISOString(),
        availableActions: ["REFUND"],
      });
      const refunded = await ok(w, w.key, "refundReturn", { caseId, returnId });
      expect(refunded).toMatchObject({ status: "RESOLVED", outcome: "RETURNED_AND_REFUNDED", openReturn: null });
      expect(refunded.returns[0]).toMatchObject({
        status: "REFUNDED",
        refundedAt: w.now.toISOString(),
        dueBy: null,
        availableActions: [],
      });
      expect(refunded.order.refunded.amountMinor).toBe(2500);
      expect(refunded.order.refundable.amountMinor).toBe(1500);

      const timeline = (
        await graphql(
          w.api,
          `query($id: ID!) { case(id: $id) { timeline(first: 20) { edges { node { type actor statusAfter summary } ` +
            `} } } }`,
          { key: w.key, variables: { id: caseId } },
        )
      ).body.data.case.timeline.edges.map((e: any) => e.node);
      expect(timeline.map((e: any) => `${e.type}/${e.actor}/${e.statusAfter}`).slice(0, 4)).toEqual([
        "RETURN_REFUNDED/SELLER/RESOLVED",
        "RETURN_RECEIVED/SELLER/RETURN_IN_PROGRESS",
        "RETURN_SHIPPED_BACK/BUYER/RETURN_IN_PROGRESS",
        "OFFER_ACCEPTED/BUYER/RETURN_IN_PROGRESS",
      ]);
      expect(timeline[2].summary).toContain("YT2611290001");

      // The refund on receipt counts like any refund: the seller's net sales drop by it, pro rata in
      // the settlement currency, on the order's placed day (CN¥260.00 for $40.00: $25.00 is CN¥162.50).
      const days = (await scanTable(w.db, "Sellers")).filter(
        (i) => i.pk === `SELLER#${w.sellerId}` && String(i.sk).startsWith("STATS#"),
      );
      expect(days.reduce((sum, d) => sum + Number(d.settledSalesMinor ?? 0), 0)).toBe(26_000 - 16_250);
      expect(days.reduce((sum, d) => sum + Number(d.returnsAuthorised ?? 0), 0)).toBe(1);
      // And every counter is what a recount of the orders and cases gives (npm run stats -- rebuild --check).
      await checkInvariants(w.db);
    },
  );

  it(
    "refuses a refund that no longer fits what is left of the order (a return accepted before holds were kept), " +
      "and another seller's key finds nothing",
    async () => {
      const w = await world();
      const { caseId, orderId, returnId } = await acceptedReturn(w, {
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 3000, currency: "USD" },
      });
      // The order as stored before it held money for its open returns (test/api/returns-held.test.ts): nothing held.
      const orders = { TableName: w.db.tables.Orders, Key: OrdersRepo.orderKey(orderId) };
      await w.db.doc.send(new UpdateCommand({ ...orders, UpdateExpression: "REMOVE heldForReturns" }));
      await ok(w, w.marketplace, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT0000000002",
      });
      await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
      // Meanwhile a second case of the order was refunded $20 of the $40 paid: $30 no longer fits.
      const other = await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId, reason: "WRONG_ITEM", source: "BUYER" },
        "case { id }",
      );
      await mutate(
        w,
        w.key,
        "recordRemedy",
        "RecordRemedyInput",
        { caseId: other.case.id, kind: "PARTIAL_REFUND", amount: { amountMinor: 2000, currency: "USD" } },
        "case { id }",
      );
      const listed = (
        await graphql(w.api, `query($id: ID!) { case(id: $id) { returns { availableActions } } }`, {
          key: w.key,
          variables: { id: caseId },
        })
      ).body.data.case;
      expect(listed.returns[0].availableActions).toEqual([]);
      const tooMuch = await call(w, w.key, "refundReturn", { caseId, returnId });
      expect(tooMuch.data.refundReturn.userErrors).toMatchObject([
        { code: "AMOUNT_ABOVE_POLICY", field: ["input", "returnId"] },
      ]);

      const stranger = await world();
      const notFound = await call(stranger, stranger.key, "refundReturn", { caseId, returnId });
      expect(notFound.data.refundReturn.userErrors).toMatchObject([{ code: "NOT_FOUND" }]);
      // Nothing was written by either refusal.
      const stored = (await scanTable(w.db, "Cases")).find((i) => i.pk === `CASE#${caseId}` && i.sk === "CASE")!;
      expect((stored.returns as { status: string }[])[0]!.status).toBe("RECEIVED");
    },
  );

  it("refunds the return in full on receipt though the buyer took goodwill meanwhile, fitted beside it", async () => {
    const w = await world();
    const { caseId, orderId, returnId } = await acceptedReturn(w, {
      kind: "REFUND_WITH_RETURN",
      amount: { amountMinor: 3000, currency: "USD" },
    });
    // A coupon on a second case of the order: goodwill takes nothing from the return's refund, and fills only what the
    // buyer does not get back (40.00 paid, 30.00 held for the return): 10.00 fits, a cent more does not.
    const coupon = (amountMinor: number) => ({
      caseId: other.case.id,
      kind: "COUPON",
      amount: { amountMinor, currency: "USD" },
      expiresAt: new Date(w.now.getTime() + 2 * DAY).toISOString(),
    });
    const other = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId, reason: "OTHER", source: "BUYER" },
      "case { id }",
    );
    const tooMuch = await call(w, w.key, "makeCompensationOffer", coupon(1001));
    expect(tooMuch.data.makeCompensationOffer.userErrors).toMatchObject([
      { code: "AMOUNT_ABOVE_POLICY", field: ["input", "amount"] },
    ]);
    const offered = await ok(w, w.key, "makeCompensationOffer", coupon(1000));
    const offerId = (
      await graphql(w.api, `query($id: ID!) { case(id: $id) { pendingOffer { id } } }`, {
        key: w.key,
        variables: { id: offered.id },
      })
    ).body.data.case.pendingOffer.id;
    await ok(w, w.marketplace, "respondToCompensationOffer", { caseId: other.case.id, offerId, accept: true });
    await ok(w, w.marketplace, "shipReturn", {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000004",
    });
    const received = await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
    expect(received.returns[0].availableActions).toContain("REFUND");
    const refunded = await ok(w, w.key, "refundReturn", { caseId, returnId });
    expect(refunded).toMatchObject({
      outcome: "RETURNED_AND_REFUNDED",
      order: { refunded: { amountMinor: 3000 }, refundable: { amountMinor: 1000 } },
    });
    await checkInvariants(w.db);
  });

  it("a stale expectedVersion is VERSION_CONFLICT, and a repeated idempotencyKey moves the return once", async () => {
    const w = await world();
    const { caseId, returnId, accepted } = await acceptedReturn(w, {
      kind: "REFUND_WITH_RETURN",
      amount: { amountMinor: 1000, currency: "USD" },
    });
    const stale = await call(w, w.marketplace, "shipReturn", {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000003",
      expectedVersion: accepted.version - 1,
    });
    expect(stale.data.shipReturn.userErrors).toMatchObject([{ code: "VERSION_CONFLICT" }]);
    const input = {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000003",
      idempotencyKey: `ship-back-${ulid()}`,
    };
    const [first, second] = await Promise.all([
      call(w, w.marketplace, "shipReturn", input),
      call(w, w.marketplace, "shipReturn", input),
    ]);
    expect(first.data.shipReturn.userErrors).toEqual([]);
    expect(second.data.shipReturn).toEqual(first.data.shipReturn);
    const events = (await scanTable(w.db, "Cases")).filter(
      (i) => i.pk === `CASE#${caseId}` && i.type === "RETURN_SHIPPED_BACK",
    );
    expect(events).toHaveLength(1);
    const reused = await call(w, w.marketplace, "shipReturn", { ...input, trackingNumber: "YT0000000004" });
    expect(reused.data.shipReturn.userErrors).toMatchObject([{ code: "IDEMPOTENCY_KEY_REUSED" }]);
  });
});

describe("an exchange (REPLACEMENT_WITH_RETURN)", () => {
  it("moves no money, ends REPLACEMENT_SHIPPED with the new parcel's tracking, and the case is REPLACED", async () => {
    const w = await world();
    const { caseId, returnId, accepted } = await acceptedReturn(w, { kind: "REPLACEMENT_WITH_RETURN" });
    expect(accepted.returns[0]).toMatchObject({ kind: "REPLACEMENT_WITH_RETURN", refund: null });
    await ok(w, w.marketplace, "shipReturn", {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000005",
    });
    const received = await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
    expect(received.returns[0].availableActions).toEqual(["SHIP_REPLACEMENT"]);
    const refund = await call(w, w.key, "refundReturn", { caseId, returnId });
    expect(refund.data.refundReturn.userErrors).toMatchObject([
      { code: "INVALID_TRANSITION", message: expect.stringContaining("REPLACEMENT_WITH_RETURN") },
    ]);
    const replaced = await ok(w, w.key, "shipReplacement", {
      caseId,
      returnId,
      carrier: "Cainiao",
      trackingNumber: "LP00999888",
    });
    expect(replaced).toMatchObject({
      status: "RESOLVED",
      outcome: "REPLACED",
      order: { refunded: { amountMinor: 0 } },
    });
    expect(replaced.returns[0]).toMatchObject({
      status: "REPLACEMENT_SHIPPED",
      returnShipment: { trackingNumber: "YT0000000005" },
      replacementShipment: { carrier: "Cainiao", trackingNumber: "LP00999888" },
    });
  });

  it("refuses an amount on an exchange, and a return on goods never shipped", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      // A buyer asking to return (the guide's 退货): not a dispute about goods never received, refused for that.
      { orderId: order.id, reason: "OTHER", source: "BUYER" },
      "case { id }",
    );
    const expiresAt = new Date(w.now.getTime() + DAY).toISOString();
    const unshipped = await call(w, w.key, "makeCompensationOffer", {
      caseId: opened.case.id,
      kind: "REFUND_WITH_RETURN",
      amount: { amountMinor: 100, currency: "USD" },
      expiresAt,
    });
    expect(unshipped.data.makeCompensationOffer.userErrors).toMatchObject([
      { code: "INVALID_TRANSITION", message: expect.stringContaining("AWAITING_SHIPMENT") },
    ]);
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123457" },
      "order { id }",
    );
    const priced = await call(w, w.key, "makeCompensationOffer", {
      caseId: opened.case.id,
      kind: "REPLACEMENT_WITH_RETURN",
      amount: { amountMinor: 100, currency: "USD" },
      expiresAt,
    });
    expect(priced.data.makeCompensationOffer.userErrors).toMatchObject([
      { code: "INVALID_INPUT", field: ["input", "amount"] },
    ]);
  });
});

describe("the deadline job at a return's stuck ends", () => {
  it(
    "a return never shipped back lapses (EXPIRED) and the case " + "awaits the buyer; the buyer can no longer ship it",
    async () => {
      const w = await world();
      const { caseId, returnId } = await acceptedReturn(w, {
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 1000, currency: "USD" },
      });
      w.now = new Date(w.now.getTime() + 14 * DAY + 60_000);
      const late = await call(w, w.marketplace, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT0000000006",
      });
      expect(late.data.shipReturn.userErrors).toMatchObject([
        { code: "INVALID_TRANSITION", message: expect.stringContaining("lapsed") },
      ]);
      const report = await w.caseDeadlines();
      expect(report).toMatchObject({ returnsExpired: 1, returnsEscalated: 0 });
      const c = (
        await graphql(
          w.api,
          `query($id: ID!) { case(id: $id) { status returns { status endedAt } timeline(first: 1) { edges { node { ` +
            `type actor } } } } }`,
          { key: w.key, variables: { id: caseId } },
        )
      ).body.data.case;
      expect(c).toMatchObject({
        status: "AWAITING_BUYER",
        returns: [{ status: "EXPIRED", endedAt: w.now.toISOString() }],
      });
      expect(c.timeline.edges[0].node).toEqual({ type: "RETURN_EXPIRED", actor: "SYSTEM" });
      expect(await w.caseDeadlines()).toMatchObject({ returnsExpired: 0 }); // once
    },
  );

  it(
    "a seller who never refunds after receipt is flagged once and the case escalated; the seller can still refund, " +
      "and that resolves it",
    async () => {
      const w = await world();
      const { caseId, returnId } = await acceptedReturn(w, {
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 1000, currency: "USD" },
      });
      await ok(w, w.marketplace, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT0000000007",
      });
      await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
      w.now = new Date(w.now.getTime() + 3 * DAY + 2 * HOUR);
      const risk = (
        await graphql(w.api, `query($id: ID!) { caseRisk(caseId: $id) { factors { code value } } }`, {
          key: w.key,
          variables: { id: caseId },
        })
      ).body.data.caseRisk;
      expect(risk.factors.find((f: any) => f.code === "RESPOND_BY_DEADLINE").value).toBeLessThan(0);
      expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 1 });
      expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0 });
      const c = (
        await graphql(
          w.api,
          `query($id: ID!) { case(id: $id) { status escalatedAt returns { status settlementOverdueAt overdue } } }`,
          { key: w.key, variables: { id: caseId } },
        )
      ).body.data.case;
      expect(c).toMatchObject({
        status: "ESCALATED",
        escalatedAt: w.now.toISOString(),
        returns: [{ status: "RECEIVED", settlementOverdueAt: w.now.toISOString(), overdue: true }],
      });
      const refunded = await ok(w, w.key, "refundReturn", { caseId, returnId });
      expect(refunded).toMatchObject({ status: "RESOLVED", outcome: "RETURNED_AND_REFUNDED" });
      const days = (await scanTable(w.db, "Sellers")).filter(
        (i) => i.pk === `SELLER#${w.sellerId}` && String(i.sk).startsWith("STATS#"),
      );
      const total = (counter: string) => days.reduce((sum, d) => sum + Number(d[counter] ?? 0), 0);
      expect({ overdue: total("returnsOverdue"), escalated: total("casesEscalated") }).toEqual({
        overdue: 1,
        escalated: 1,
      });
      await checkInvariants(w.db);
    },
  );

  it("a seller missing a deadline on a case the buyer already escalated is still counted, once", async () => {
    const w = await world();
    const { caseId, returnId } = await acceptedReturn(w, { kind: "REPLACEMENT_WITH_RETURN" });
    await ok(w, w.marketplace, "shipReturn", {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000009",
    });
    await ok(w, w.marketplace, "escalateCase", { caseId });
    w.now = new Date(w.now.getTime() + 31 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 1 });
    const c = (
      await graphql(w.api, `query($id: ID!) { case(id: $id) { status returns { status receiptOverdueAt } } }`, {
        key: w.key,
        variables: { id: caseId },
      })
    ).body.data.case;
    expect(c).toMatchObject({
      status: "ESCALATED",
      returns: [{ status: "SHIPPED_BACK", receiptOverdueAt: w.now.toISOString() }],
    });
    await checkInvariants(w.db);
  });

  it(
    "a seller taking its step after the deadline, before the job ran, has the deadline missed on record and counted " +
      "once",
    async () => {
      const w = await world();
      const { caseId, returnId } = await acceptedReturn(w, {
        kind: "REFUND_WITH_RETURN",
        amount: { amountMinor: 1000, currency: "USD" },
      });
      const shipped = await ok(w, w.marketplace, "shipReturn", {
        caseId,
        returnId,
        carrier: "YunExpress",
        trackingNumber: "YT0000000010",
      });
      // A day past receiveBy, and the job has not looked since (its runs failed, or it runs in a few minutes).
      w.now = new Date(new Date(shipped.returns[0].receiveBy).getTime() + DAY);
      const received = await ok(w, w.key, "confirmReturnReceived", { caseId, returnId });
      expect(received.returns[0]).toMatchObject({ status: "RECEIVED", receiptOverdueAt: w.now.toISOString() });
      // The seller acted: not escalated for it (the buyer may still escalate).
      expect(received.status).not.toBe("ESCALATED");
      w.now = new Date(new Date(received.returns[0].settleBy).getTime() + DAY);
      const refunded = await ok(w, w.key, "refundReturn", { caseId, returnId });
      expect(refunded.returns[0]).toMatchObject({ status: "REFUNDED", settlementOverdueAt: w.now.toISOString() });
      expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0 });
      // One return whose seller missed its deadlines: counted once, on the day of the first deadline it missed (in the
      // seller's time zone), not the day a step or the job found it missed, a day later.
      const days = (await scanTable(w.db, "Sellers")).filter(
        (i) => i.pk === `SELLER#${w.sellerId}` && String(i.sk).startsWith("STATS#"),
      );
      expect(
        days.filter((day) => Number(day.returnsOverdue ?? 0) > 0).map((day) => [day.sk, day.returnsOverdue]),
      ).toEqual([[`STATS#${Time.dayOf(shipped.returns[0].receiveBy, "Asia/Shanghai")}`, 1]]);
      await checkInvariants(w.db);
    },
  );

  it("the platform deciding the escalated case ends the open return", async () => {
    const w = await world();
    const { caseId, returnId } = await acceptedReturn(w, { kind: "REPLACEMENT_WITH_RETURN" });
    await ok(w, w.marketplace, "shipReturn", {
      caseId,
      returnId,
      carrier: "YunExpress",
      trackingNumber: "YT0000000008",
    });
    await ok(w, w.marketplace, "escalateCase", { caseId });
    const decided = await ok(w, w.operator, "resolveCase", {
      caseId,
      outcome: "DECIDED_FOR_BUYER",
      note: "Return overdue.",
    });
    expect(decided).toMatchObject({
      status: "RESOLVED",
      outcome: "DECIDED_FOR_BUYER",
      openReturn: null,
      returns: [{ status: "CANCELLED" }],
    });
  });

  it("the buyer cancelling before shipping gives the case back to the seller", async () => {
    const w = await world();
    const { caseId, returnId } = await acceptedReturn(w, { kind: "REPLACEMENT_WITH_RETURN" });
    const sellerCancels = await call(w, w.key, "cancelReturn", { caseId, returnId });
    expect(sellerCancels.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const cancelled = await ok(w, w.marketplace, "cancelReturn", { caseId, returnId, note: "Kept the item." });
    expect(cancelled).toMatchObject({ status: "AWAITING_SELLER", returns: [{ status: "CANCELLED" }] });
    expect(cancelled.availableActions).toContain("POST_BUYER_MESSAGE");
    // The buyer's note is the entry's body, redacted with the message bodies; the line never repeats it.
    const timeline = await graphql(
      w.api,
      `{ case(id: "${caseId}") { timeline(first: 1) { edges { node { type body summary } } } } }`,
      { key: w.key },
    );
    expect(timeline.body.data.case.timeline.edges[0].node).toEqual({
      type: "RETURN_CANCELLED",
      body: "Kept the item.",
      summary: "The buyer cancelled the return.",
    });
  });
});
