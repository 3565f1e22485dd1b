import { describe, expect, it } from "vitest";
import { Cases, Time } from "@seller-ops/core";
import { createDocumentClient, EventsRepo, StatsRepo } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { readOverview, recountOverview } from "../support/overview";
import { scanTable } from "../support/scan";
import { buyerOpensCase, linkedOnly, mutate, orderDue, world, type World } from "../support/world";
import { DAY, HOUR } from "../support/clock";
import { afterFirstQuery } from "../support/interleave";
import { acceptedReturn } from "../support/returns";
import { functionTables } from "@seller-ops/functions/src/tables";

const CASE = "case { id status version offers { id status } pendingOffer { id } responseOverdueAt }";

describe("a forgotten order's late-shipment case", () => {
  it(
    "has its remedy plan fully done after a message to the buyer, " + "the expedited shipment and an accepted coupon",
    async () => {
      const w = await world();
      const order = await orderDue(w, -20);
      await w.lateOrders();
      const caseId = Cases.lateShipmentCaseId(order.id);
      const plan = async () =>
        (
          await graphql(w.api, `{ order(id: "${order.id}") { remedyPlan { complete steps { code done } } } }`, {
            key: w.key,
          })
        ).body.data.order.remedyPlan;
      expect((await plan()).steps).toEqual([
        { code: "CONTACT_BUYER", done: false },
        { code: "EXPEDITE_AND_SHIP", done: false },
        { code: "OFFER_COMPENSATION", done: false },
      ]);

      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "We are very sorry, your order ships today with express." },
        CASE,
      );
      await mutate(w, w.key, "expediteOrder", "ExpediteOrderInput", { orderId: order.id }, "order { expedited }");
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "DHL Express", trackingNumber: "JD014600003333" },
        "order { status }",
      );
      expect((await plan()).steps.map((s: any) => s.done)).toEqual([true, true, false]);

      const offered = await mutate(
        w,
        w.key,
        "makeCompensationOffer",
        "MakeCompensationOfferInput",
        {
          caseId,
          kind: "COUPON",
          amount: { amountMinor: 400, currency: "USD" },
          expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
        },
        CASE,
      );
      expect(offered.userErrors).toEqual([]);
      const accepted = await mutate(
        w,
        w.marketplace,
        "respondToCompensationOffer",
        "RespondToCompensationOfferInput",
        { caseId, offerId: offered.case.pendingOffer.id, accept: true },
        CASE,
      );
      expect(accepted.case.status).toBe("RESOLVED");
      expect(await plan()).toEqual({
        complete: true,
        steps: [
          { code: "CONTACT_BUYER", done: true },
          { code: "EXPEDITE_AND_SHIP", done: true },
          { code: "OFFER_COMPENSATION", done: true },
        ],
      });
    },
  );

  it("is closed by the seller as SHIPPED once the plan's required steps are done, not a buyer's dispute", async () => {
    const w = await world();
    const order = await orderDue(w, -20);
    await w.lateOrders();
    const lateCase = Cases.lateShipmentCaseId(order.id);
    const dispute = (
      await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER" },
        "case { id }",
      )
    ).case.id as string;
    // A suspected platform fault: the plan starts with the support ticket, then the buyer, then shipping.
    await mutate(
      w,
      w.key,
      "recordShippingIncident",
      "RecordShippingIncidentInput",
      { orderId: order.id, cause: "SUSPECTED_PLATFORM_ERROR", note: "The order vanished from the ERP" },
      "order { id }",
    );
    const shipped = (caseId: string) =>
      mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId, outcome: "SHIPPED" }, "case { status outcome }");
    const sellerActions = async (caseId: string) =>
      (await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.key })).body.data.case
        .availableActions as string[];
    const openCases = async () =>
      (
        await graphql(w.api, `{ order(id: "${order.id}") { risk { factors { code value } } } }`, { key: w.key })
      ).body.data.order.risk.factors.find((f: { code: string }) => f.code === "OPEN_CASES").value;
    const refusal = async (caseId: string) => {
      const answer = await shipped(caseId);
      expect(answer.case).toBeNull();
      expect(answer.userErrors).toHaveLength(1);
      expect(answer.userErrors[0]).toMatchObject({ code: "INVALID_TRANSITION", field: ["input", "outcome"] });
      return answer.userErrors[0].message as string;
    };

    expect(await sellerActions(lateCase)).not.toContain("RESOLVE_BY_SELLER");
    expect(await refusal(lateCase)).toContain("shipped with tracking (markOrderShipped)");

    // The buyer told on its own dispute (the plan counts it on every case about the delay), the order shipped.
    await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId: dispute, direction: "SELLER", body: "Sorry for the delay: we are checking it with support." },
      CASE,
    );
    await mutate(w, w.key, "expediteOrder", "ExpediteOrderInput", { orderId: order.id }, "order { expedited }");
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "DHL Express", trackingNumber: "JD014600004444" },
      "order { status }",
    );
    const ticketFirst = await refusal(lateCase);
    expect(ticketFirst).toContain("(PLATFORM_SUPPORT_TICKET)");
    expect(ticketFirst).not.toContain("CONTACT_BUYER");
    expect(await sellerActions(lateCase)).not.toContain("RESOLVE_BY_SELLER");

    await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId: lateCase, kind: "PLATFORM_SUPPORT_TICKET", reference: "SUP-77" },
      CASE,
    );
    // The compensation is the seller's choice: not needed to close the incident.
    expect(await sellerActions(lateCase)).toContain("RESOLVE_BY_SELLER");
    // Shipping settles nothing the buyer claims: the dispute stays the buyer's to settle, withdraw or escalate.
    expect(await sellerActions(dispute)).not.toContain("RESOLVE_BY_SELLER");
    expect(await refusal(dispute)).toContain("never a buyer's dispute");
    expect(await openCases()).toBe(2);

    const closed = await shipped(lateCase);
    expect(closed).toEqual({ case: { status: "RESOLVED", outcome: "SHIPPED" }, userErrors: [] });
    expect(await openCases()).toBe(1);
    const timeline = await graphql(
      w.api,
      `{ case(id: "${lateCase}") { timeline(first: 1) { edges { node { type actor summary } } } } }`,
      { key: w.key },
    );
    expect(timeline.body.data.case.timeline.edges[0].node).toEqual({
      type: "RESOLVED",
      actor: "SELLER",
      summary: "Resolved: the late order shipped.",
    });
    // Not resolved for the buyer: no dispute lost in the seller's counters.
    const stats = (await scanTable(w.db, "Sellers")).filter((i) => String(i.sk).startsWith("STATS#"));
    expect(stats.reduce((sum, i) => sum + Number(i.casesResolvedForBuyer ?? 0), 0)).toBe(0);
  });

  it("is resolved ORDER_CANCELLED when the seller cancels the order, in the cancellation's transaction", async () => {
    const w = await world();
    const order = await orderDue(w, -2);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1 });
    const caseId = Cases.lateShipmentCaseId(order.id);
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ casesAwaitingSeller: 1, ordersLate: 1 });
    // Out of stock: the seller gives up on the order while the incident awaits its answer.
    w.now = new Date(w.now.getTime() + HOUR);
    const cancelled = await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: order.id, reason: "OUT_OF_STOCK" },
      "order { status version }",
    );
    // One change of the order: one version step, for the cancellation and its incident's end together.
    expect(cancelled).toEqual({ order: { status: "CANCELLED", version: 3 }, userErrors: [] });
    const read = async (language: string) =>
      graphql(
        w.api,
        `query($c: ID!) { case(id: $c) { status outcome resolvedAt overdue availableActions
          timeline(first: 1) { edges { node { type actor summary } } } } }`,
        { key: w.key, headers: { "accept-language": language }, variables: { c: caseId } },
      );
    const en = (await read("en")).body.data.case;
    expect(en).toEqual({
      status: "RESOLVED",
      outcome: "ORDER_CANCELLED",
      resolvedAt: w.now.toISOString(),
      overdue: false,
      availableActions: [],
      timeline: {
        edges: [{ node: { type: "RESOLVED", actor: "SELLER", summary: "Resolved: the order was cancelled." } }],
      },
    });
    const zh = (await read("zh-CN")).body.data.case;
    expect(zh.timeline.edges[0].node.summary).toBe("纠纷已解决：订单已取消。");
    // Nothing left for the seller: no case awaiting it, none due, none flagged overdue after its deadline.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ casesAwaitingSeller: 0, ordersLate: 0 });
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
    w.now = new Date(w.now.getTime() + 6 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ examined: 0, responsesOverdue: 0 });
    const events = (await scanTable(w.db, "Events"))
      .map((i) => EventsRepo.fromItem(i))
      .filter((e) => e.objectId === order.id || e.objectId === caseId)
      .sort((a, b) => a.eventId.localeCompare(b.eventId))
      .map((e) => e.type);
    expect(events.slice(-2)).toEqual(["ORDER_CANCELLED", "CASE_DECIDED"]);
    // Not resolved for the buyer; the counters equal a recount.
    const stats = (await scanTable(w.db, "Sellers")).filter((i) => String(i.sk).startsWith("STATS#"));
    expect(stats.reduce((sum, i) => sum + Number(i.casesResolvedForBuyer ?? 0), 0)).toBe(0);
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("is left to what is under way at the cancellation, then closed by the seller as ORDER_CANCELLED", async () => {
    const w = await world();
    const order = await orderDue(w, -2);
    await w.lateOrders();
    const caseId = Cases.lateShipmentCaseId(order.id);
    const resolve = (id: string) =>
      mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId: id, outcome: "ORDER_CANCELLED" }, CASE);
    const sellerActions = async () =>
      (await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key: w.key })).body.data.case
        .availableActions as string[];
    // Not while the order may still ship.
    expect(await sellerActions()).not.toContain("RESOLVE_BY_SELLER");
    expect((await resolve(caseId)).userErrors).toMatchObject([
      { code: "INVALID_TRANSITION", field: ["input", "outcome"] },
    ]);
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId,
        kind: "COUPON",
        amount: { amountMinor: 400, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
      },
      CASE,
    );
    expect(offered.case.status).toBe("OFFER_PENDING");
    // A buyer's dispute on the same order is the buyer's to settle: the cancellation leaves it open.
    const dispute = (
      await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER" },
        "case { id }",
      )
    ).case.id as string;
    await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: order.id, reason: "OUT_OF_STOCK" },
      "order { status }",
    );
    // The offer awaits the buyer's answer: the case keeps it. Once the seller takes it back, the seller closes.
    const after = (await graphql(w.api, `{ case(id: "${caseId}") { status } }`, { key: w.key })).body.data.case;
    expect(after.status).toBe("OFFER_PENDING");
    await mutate(
      w,
      w.key,
      "withdrawCompensationOffer",
      "WithdrawCompensationOfferInput",
      { caseId, offerId: offered.case.pendingOffer.id },
      CASE,
    );
    expect(await sellerActions()).toContain("RESOLVE_BY_SELLER");
    expect(await resolve(caseId)).toMatchObject({ case: { status: "RESOLVED" }, userErrors: [] });
    expect((await resolve(dispute)).userErrors).toMatchObject([
      { code: "INVALID_TRANSITION", field: ["input", "outcome"] },
    ]);
    await checkInvariants(w.db);
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  });

  it("caps refunds on a dispute and goodwill on the late-shipment case of the same order apart", async () => {
    const w = await world();
    const order = await orderDue(w, -30); // the buyer paid 40.00 USD
    await w.lateOrders();
    const lateCase = Cases.lateShipmentCaseId(order.id);
    const coupon = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId: lateCase,
        kind: "COUPON",
        amount: { amountMinor: 1000, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 25 * HOUR).toISOString(),
      },
      CASE,
    );
    await mutate(
      w,
      w.marketplace,
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      { caseId: lateCase, offerId: coupon.case.pendingOffer.id, accept: true },
      CASE,
    );
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456789" },
      "order { id }",
    );

    // The parcel never arrives: the buyer claims the whole price. The coupon for the delay is no part of it.
    const dispute = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      {
        orderId: order.id,
        reason: "NOT_RECEIVED",
        source: "BUYER",
        claimAmount: { amountMinor: 4000, currency: "USD" },
      },
      CASE,
    );
    const tooMuch = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId: dispute.case.id, kind: "PARTIAL_REFUND", amount: { amountMinor: 4001, currency: "USD" } },
      CASE,
    );
    expect(tooMuch.userErrors).toEqual([
      {
        code: "AMOUNT_ABOVE_POLICY",
        field: ["input", "amount"],
        message: expect.stringContaining("at most $40.00 is left to refund"),
      },
    ]);
    const refund = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId: dispute.case.id, kind: "FULL_REFUND" },
      "case { remedies { amount { amountMinor } } availableActions order { refunded { amountMinor } " +
        "compensated { amountMinor } refundable { amountMinor } } }",
    );
    expect(refund.case).toMatchObject({
      remedies: [{ amount: { amountMinor: 4000 } }],
      order: { refunded: { amountMinor: 4000 }, compensated: { amountMinor: 1000 }, refundable: { amountMinor: 0 } },
    });
    // The refund covers the claim: the seller may settle the dispute as refunded.
    expect(refund.case.availableActions).toContain("RESOLVE_BY_SELLER");
    const nothingLeft = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId: dispute.case.id, kind: "FULL_REFUND" },
      CASE,
    );
    expect(nothingLeft.userErrors[0].code).toBe("AMOUNT_ABOVE_POLICY");
    const refundOffer = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId: dispute.case.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 100, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 25 * HOUR).toISOString(),
      },
      CASE,
    );
    expect(refundOffer.userErrors[0].code).toBe("AMOUNT_ABOVE_POLICY");

    // The counters saw the refund: settled sales drop by the refunded share (all 40 USD of 260 CNY).
    const stats = (await scanTable(w.db, "Sellers")).filter((i) => String(i.sk).startsWith("STATS#"));
    const sales = stats.reduce((sum, i) => sum + Number(i.settledSalesMinor ?? 0), 0);
    expect(sales).toBe(0);
    await checkInvariants(w.db);
  });
});

describe("what the seller does about a delay on the buyer's own dispute", () => {
  const PLAN = "remedyPlan { complete steps { code status doneAt } } risk { recommendedActions { code } } version";
  const readOrder = async (w: World, id: string) => {
    const read = await graphql(w.api, `query($id: ID!) { order(id: $id) { ${PLAN} } }`, {
      key: w.key,
      variables: { id },
    });
    expect(read.body.errors).toBeUndefined();
    return read.body.data.order;
  };
  const caseActions = async (w: World, id: string) => {
    const read = await graphql(w.api, `query($id: ID!) { case(id: $id) { risk { recommendedActions { code } } } }`, {
      key: w.key,
      variables: { id },
    });
    expect(read.body.errors).toBeUndefined();
    return read.body.data.case.risk.recommendedActions.map((a: { code: string }) => a.code);
  };
  const stepOf = (order: any, code: string) => order.remedyPlan.steps.find((s: { code: string }) => s.code === code);
  const codes = (order: any) => order.risk.recommendedActions.map((a: { code: string }) => a.code);
  const openDispute = async (w: World, orderId: string, reason = "NOT_SHIPPED") =>
    (await mutate(w, w.marketplace, "openCase", "OpenCaseInput", { orderId, reason, source: "BUYER" }, "case { id }"))
      .case.id as string;
  const sellerSays = (w: World, caseId: string, body: string) =>
    mutate(w, w.key, "postCaseMessage", "PostCaseMessageInput", { caseId, direction: "SELLER", body }, CASE);
  const offerCoupon = async (w: World, caseId: string) => {
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId,
        kind: "COUPON",
        amount: { amountMinor: 400, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
      },
      CASE,
    );
    expect(offered.userErrors).toEqual([]);
    return offered.case.pendingOffer.id as string;
  };
  const answer = async (w: World, caseId: string, offerId: string, accept: boolean) =>
    expect(
      (
        await mutate(
          w,
          w.marketplace,
          "respondToCompensationOffer",
          "RespondToCompensationOfferInput",
          { caseId, offerId, accept },
          CASE,
        )
      ).userErrors,
    ).toEqual([]);

  it("counts an apology and an accepted coupon given there once the order is late, in plan and risk", async () => {
    const w = await world();
    const order = await orderDue(w, 20);
    const disputeId = await openDispute(w, order.id);
    // Past shipBy and still unshipped; the job has not run yet. The seller answers the buyer's dispute.
    w.now = new Date(w.now.getTime() + 1 * DAY);
    const contactedAt = w.now.toISOString();
    await sellerSays(w, disputeId, "Sorry for the wait: it ships today, with a coupon for you.");
    await answer(w, disputeId, await offerCoupon(w, disputeId), true);
    w.now = new Date(w.now.getTime() + HOUR);
    await w.lateOrders();

    const late = await readOrder(w, order.id);
    expect(late.remedyPlan).toEqual({
      complete: false,
      steps: [
        { code: "CONTACT_BUYER", status: "DONE", doneAt: contactedAt },
        { code: "EXPEDITE_AND_SHIP", status: "NOT_STARTED", doneAt: null },
        { code: "OFFER_COMPENSATION", status: "DONE", doneAt: contactedAt },
      ],
    });
    // Neither the order's risk nor the late case's tells the seller to apologise or compensate again.
    for (const actions of [codes(late), await caseActions(w, Cases.lateShipmentCaseId(order.id))]) {
      expect(actions).toContain("EXPEDITE_AND_SHIP");
      expect(actions).not.toContain("CONTACT_BUYER");
      expect(actions).not.toContain("OFFER_COMPENSATION");
    }
  });

  it("does not take a reply sent while the order was on time for an apology, and writes no order", async () => {
    const w = await world();
    const order = await orderDue(w, 30);
    const disputeId = await openDispute(w, order.id);
    const versionBefore = (await readOrder(w, order.id)).version;
    await sellerSays(w, disputeId, "It is on schedule and ships before the deadline.");
    expect((await readOrder(w, order.id)).version).toBe(versionBefore);

    // Then forgotten: the job flags it late two days later. The reply was no apology for that.
    w.now = new Date(w.now.getTime() + 2 * DAY);
    await w.lateOrders();
    expect(stepOf(await readOrder(w, order.id), "CONTACT_BUYER")).toEqual({
      code: "CONTACT_BUYER",
      status: "NOT_STARTED",
      doneAt: null,
    });
    // The seller's next message on the same dispute, now that the order is late, is.
    w.now = new Date(w.now.getTime() + HOUR);
    await sellerSays(w, disputeId, "We are very sorry: your order was forgotten and ships today by express.");
    expect(stepOf(await readOrder(w, order.id), "CONTACT_BUYER")).toMatchObject({
      status: "DONE",
      doneAt: w.now.toISOString(),
    });
  });

  it("shows an offer on the dispute as awaiting the buyer, and nobody is told to offer another meanwhile", async () => {
    const w = await world();
    const order = await orderDue(w, -20);
    await w.lateOrders();
    const lateId = Cases.lateShipmentCaseId(order.id);
    const disputeId = await openDispute(w, order.id);
    const offerId = await offerCoupon(w, disputeId);

    const waiting = await readOrder(w, order.id);
    expect(stepOf(waiting, "OFFER_COMPENSATION").status).toBe("AWAITING_BUYER");
    expect(codes(waiting)).not.toContain("OFFER_COMPENSATION");
    expect(await caseActions(w, lateId)).not.toContain("OFFER_COMPENSATION");

    // An offer on the late case as well, declined: the dispute's still waits.
    w.now = new Date(w.now.getTime() + HOUR);
    await answer(w, lateId, await offerCoupon(w, lateId), false);
    expect(stepOf(await readOrder(w, order.id), "OFFER_COMPENSATION").status).toBe("AWAITING_BUYER");

    // The dispute's declined too: the step is to take again.
    await answer(w, disputeId, offerId, false);
    const declined = await readOrder(w, order.id);
    expect(stepOf(declined, "OFFER_COMPENSATION").status).toBe("NOT_STARTED");
    expect(codes(declined)).toContain("OFFER_COMPENSATION");
  });

  it("shows an offer as awaiting the buyer up to and at its expiresAt, while the buyer can accept it", async () => {
    const w = await world();
    // Two forgotten orders, one offered a coupon on the buyer's dispute, the other on its late-shipment case.
    const onDispute = await orderDue(w, -20);
    const onLateCase = await orderDue(w, -20);
    await w.lateOrders();
    const disputeId = await openDispute(w, onDispute.id);
    const expiresAt = w.now.getTime() + 48 * HOUR; // offerCoupon's
    const offerId = await offerCoupon(w, disputeId);
    await offerCoupon(w, Cases.lateShipmentCaseId(onLateCase.id));
    const step = async (order: { id: string }) => stepOf(await readOrder(w, order.id), "OFFER_COMPENSATION");

    // A millisecond later both have lapsed: the step is to take again.
    w.now = new Date(expiresAt + 1);
    expect((await step(onDispute)).status).toBe("NOT_STARTED");
    expect((await step(onLateCase)).status).toBe("NOT_STARTED");
    // At the instant itself the buyer can still accept: the plans wait for the answer.
    w.now = new Date(expiresAt);
    expect((await step(onDispute)).status).toBe("AWAITING_BUYER");
    expect((await step(onLateCase)).status).toBe("AWAITING_BUYER");
    // An offer made and declined on the late case at that instant leaves the dispute's on the order's record.
    const lateId = Cases.lateShipmentCaseId(onDispute.id);
    await answer(w, lateId, await offerCoupon(w, lateId), false);
    expect((await step(onDispute)).status).toBe("AWAITING_BUYER");
    await answer(w, disputeId, offerId, true);
    expect(await step(onDispute)).toMatchObject({ status: "DONE", doneAt: new Date(expiresAt).toISOString() });
  });

  it("does not count an accepted exchange as compensation", async () => {
    const w = await world();
    const order = await orderDue(w, -30);
    await w.lateOrders();
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "DHL", trackingNumber: "JD014600004444" },
      "order { id }",
    );
    w.now = new Date(w.now.getTime() + 12 * DAY);
    // An exchange answers goods the buyer has (here damaged), never a parcel that did not come.
    const disputeId = await openDispute(w, order.id, "DAMAGED");
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId: disputeId,
        kind: "REPLACEMENT_WITH_RETURN",
        expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
      },
      CASE,
    );
    expect(offered.userErrors).toEqual([]);
    await answer(w, disputeId, offered.case.pendingOffer.id, true);
    expect(stepOf(await readOrder(w, order.id), "OFFER_COMPENSATION").status).toBe("NOT_STARTED");
  });
});

describe("the case-deadline job", () => {
  it("flags a case past respondBy without a seller answer once, and expires offers past expiresAt", async () => {
    const w = await world();
    const a = await orderDue(w, 48);
    const b = await orderDue(w, 48);
    const unanswered = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: a.id, reason: "DAMAGED", source: "BUYER", claimText: "Broken on arrival." },
      CASE,
    );
    const withOffer = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: b.id, reason: "QUALITY_ISSUE", source: "BUYER", claimText: "Poor quality." },
      CASE,
    );
    const expiresAt = new Date(w.now.getTime() + 24 * HOUR).toISOString();
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId: withOffer.case.id, kind: "DISCOUNT", percentOff: 20, expiresAt },
      CASE,
    );
    expect(offered.userErrors).toEqual([]);

    expect(await w.caseDeadlines()).toMatchObject({ examined: 0, offersExpired: 0, responsesOverdue: 0 });
    // The offer expired at day 1; this run comes a day late (an outage, say).
    w.now = new Date(w.now.getTime() + 2 * 24 * HOUR);
    expect(await w.caseDeadlines()).toMatchObject({ examined: 1, offersExpired: 1, responsesOverdue: 0, failures: 0 });
    // The seller's fresh respondBy counts from the offer's expiry (day 1 + 5 days), not from the late run (day 7).
    const expiredOffer = await graphql(w.api, `{ case(id: "${withOffer.case.id}") { respondBy } }`, { key: w.key });
    expect(expiredOffer.body.data.case.respondBy).toBe(new Date(Date.parse(expiresAt) + 5 * DAY).toISOString());
    // 5.5 days: respondBy (5 days) passed on the first case; the second one's fresh respondBy (day 6) is 12 h away.
    w.now = new Date(w.now.getTime() + 3.5 * 24 * HOUR);
    expect(await w.caseDeadlines()).toMatchObject({
      examined: 2,
      responsesOverdue: 1,
      responsesDueSoon: 1,
      offersExpired: 0,
    });
    expect(await w.caseDeadlines()).toMatchObject({ examined: 0 });

    const read = async (id: string) =>
      (
        await graphql(
          w.api,
          `{ case(id: "${id}") { status overdue responseOverdueAt offers { status } timeline(first: 1) { edges { ` +
            `node { type actor } } } } }`,
          { key: w.key },
        )
      ).body.data.case;
    expect(await read(unanswered.case.id)).toMatchObject({
      status: "AWAITING_SELLER",
      overdue: true,
      responseOverdueAt: w.now.toISOString(),
      timeline: { edges: [{ node: { type: "RESPONSE_OVERDUE", actor: "SYSTEM" } }] },
    });
    // The expired offer sent the case back to the seller, with a fresh respondBy.
    expect(await read(withOffer.case.id)).toMatchObject({ status: "AWAITING_SELLER", offers: [{ status: "EXPIRED" }] });

    // The seller answers: the overdue flag is cleared.
    const answered = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId: unanswered.case.id, direction: "SELLER", body: "Sorry, a replacement is on its way." },
      CASE,
    );
    expect(answered.case).toMatchObject({ status: "AWAITING_BUYER", responseOverdueAt: null });
  });

  it("records a lapsed offer as it would when the seller offers again first, then finds nothing", async () => {
    // Twin worlds on the same clock: in one the job expires the offer before the seller's new one, in the other the
    // seller's new offer comes first. Both must end alike: case, timeline, events, overview.
    const story = async (jobFirst: boolean) => {
      const w = await world();
      const { caseId } = await buyerOpensCase(w);
      const offer = (hours: number) =>
        mutate(
          w,
          w.key,
          "makeCompensationOffer",
          "MakeCompensationOfferInput",
          {
            caseId,
            kind: "COUPON",
            amount: { amountMinor: 300, currency: "USD" },
            expiresAt: new Date(w.now.getTime() + hours * HOUR).toISOString(),
          },
          "case { version }",
        );
      const first = await offer(24);
      expect(first.userErrors).toEqual([]);
      w.now = new Date(w.now.getTime() + 24 * HOUR + 60_000);
      if (jobFirst) expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 1, failures: 0 });
      const again = await offer(48);
      expect(again.userErrors).toEqual([]);
      expect(again.case.version).toBe(first.case.version + 2);
      // Nothing left for the job: the expiry is on record either way.
      expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 0, failures: 0 });
      const read = await graphql(
        w.api,
        `query($id: ID!) { case(id: $id) { status version respondBy firstResponseAt responseOverdueAt
          offers { kind status madeAt expiresAt answeredAt }
          timeline { edges { node { type actor statusAfter summary } } } } }`,
        { key: w.key, variables: { id: caseId } },
      );
      const overview = await readOverview(w.api, w.key, w.sellerId);
      expect(overview).toEqual(await recountOverview(w.db, w.sellerId, w.now));
      const ids = new Set<string>();
      const events = (await scanTable(w.db, "Events"))
        .map((i) => EventsRepo.fromItem(i))
        .filter((e) => e.objectId === caseId)
        .sort((a, b) => a.objectVersion - b.objectVersion)
        .map((e) => {
          if (e.partId) ids.add(e.partId);
          return { type: e.type, objectVersion: e.objectVersion, payload: e.payload };
        });
      // The ids differ between the worlds; what the events say must not.
      let said = JSON.stringify({ case: read.body.data.case, overview, events });
      for (const id of [caseId, w.sellerId, ...ids]) said = said.replaceAll(id, "<id>");
      return JSON.parse(said.replace(/"orderId":"[^"]+"/g, '"orderId":"<id>"'));
    };
    const [jobFirst, offerFirst] = [await story(true), await story(false)];
    expect(offerFirst).toEqual(jobFirst);
    expect(offerFirst.case.offers.map((o: { status: string }) => o.status)).toEqual(["EXPIRED", "PENDING"]);
    expect(offerFirst.case.timeline.edges.map((e: any) => [e.node.type, e.node.actor])).toEqual([
      ["OFFER_MADE", "SELLER"],
      ["OFFER_EXPIRED", "SYSTEM"],
      ["OFFER_MADE", "SELLER"],
      ["OPENED", "BUYER"],
    ]);
    expect(offerFirst.events.map((e: { type: string }) => e.type)).toEqual([
      "CASE_OPENED",
      "OFFER_MADE",
      "OFFER_LAPSED",
      "OFFER_MADE",
    ]);
  });

  it("flags a case whose respondBy passes while the run works through its backlog overdue, not due soon", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const read = async () =>
      (await graphql(w.api, `{ case(id: "${caseId}") { respondBy overdue responseOverdueAt } }`, { key: w.key })).body
        .data.case;
    const respondBy = Date.parse((await read()).respondBy);
    // The run starts a minute before the deadline and reaches this case five minutes after it (thousands of due
    // cases before it): the case is due soon when the index is read, and overdue when it is decided.
    w.now = new Date(respondBy - 60_000);
    const reached = new Date(respondBy + 5 * 60_000);
    const slowRun = afterFirstQuery(linkedOnly(w.db, functionTables.caseDeadlines), () => {
      w.now = reached;
    });

    const report = await w.caseDeadlines(slowRun);
    expect(report).toMatchObject({ examined: 1, responsesOverdue: 1, responsesDueSoon: 0, failures: 0 });
    expect(report.startedAt).toBe(new Date(respondBy - 60_000).toISOString());
    const events = (await scanTable(w.db, "Events"))
      .filter((e) => e.objectId === caseId && ["CASE_RESPONSE_DUE_SOON", "CASE_OVERDUE"].includes(String(e.type)))
      .map((e) => ({ type: e.type, occurredAt: e.occurredAt }));
    expect(events).toEqual([{ type: "CASE_OVERDUE", occurredAt: reached.toISOString() }]);
    expect(await read()).toMatchObject({ overdue: true, responseOverdueAt: reached.toISOString() });
  });

  it("keeps a missed deadline when the buyer chases a silent seller: the late first reply counts late", async () => {
    const w = await world();
    const t0 = w.now.getTime();
    const { caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    const DEADLINE = "case { status respondBy overdue responseOverdueAt unansweredBuyerMessages }";
    const opened = (await graphql(w.api, `{ case(id: "${caseId}") { respondBy } }`, { key: w.key })).body.data.case;

    w.now = new Date(t0 + 6 * DAY);
    await w.caseDeadlines();
    const flaggedAt = w.now.toISOString();

    // Day 6.5: "any news?" The seller still owes the first answer, due on day 5.
    w.now = new Date(t0 + 6 * DAY + 12 * HOUR);
    const chased = await mutate(
      w,
      w.marketplace,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "BUYER", body: "Hello? Any news about my complaint?" },
      DEADLINE,
    );
    expect(chased.case).toMatchObject({
      status: "AWAITING_SELLER",
      respondBy: opened.respondBy,
      overdue: true,
      responseOverdueAt: flaggedAt,
      unansweredBuyerMessages: 1,
    });

    // Day 11: the first answer, six days after respondBy.
    w.now = new Date(t0 + 11 * DAY);
    const answered = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry, we will look into it." },
      DEADLINE,
    );
    expect(answered.case).toMatchObject({ status: "AWAITING_BUYER", responseOverdueAt: null });
    const metrics = (
      await graphql(w.api, `{ seller(id: "${w.sellerId}") { health { metrics { name numerator denominator } } } }`, {
        key: w.key,
      })
    ).body.data.seller.health.metrics;
    expect(metrics.find((m: any) => m.name === "ON_TIME_FIRST_RESPONSE_RATE")).toMatchObject({
      numerator: 0,
      denominator: 1,
    });

    // Once the seller has answered, the buyer's next message starts a new deadline from then.
    w.now = new Date(t0 + 12 * DAY);
    const again = await mutate(
      w,
      w.marketplace,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "BUYER", body: "That is not enough." },
      DEADLINE,
    );
    expect(again.case).toMatchObject({
      status: "AWAITING_SELLER",
      respondBy: new Date(t0 + 17 * DAY).toISOString(),
      overdue: false,
    });
  });

  it("keeps a missed deadline for a message written during an offer when the buyer then declines it", async () => {
    const w = await world();
    const t0 = w.now.getTime();
    const { caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    const coupon = {
      caseId,
      kind: "COUPON",
      amount: { amountMinor: 500, currency: "USD" },
      expiresAt: new Date(t0 + 10 * DAY).toISOString(),
    };
    await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", coupon, "case { id }");
    // An hour later the buyer writes: the seller owes that message an answer, due 5 days on.
    w.now = new Date(t0 + HOUR);
    const message = { caseId, direction: "BUYER", body: "I want a refund, please answer." };
    await mutate(w, w.marketplace, "postCaseMessage", "PostCaseMessageInput", message, "case { id }");
    w.now = new Date(t0 + 6 * DAY + 2 * HOUR);
    await w.caseDeadlines();
    const DEADLINE = "case { status respondBy overdue responseOverdueAt pendingOffer { id } }";
    const flagged = (
      await graphql(w.api, `{ ${DEADLINE.replace("case {", `case(id: "${caseId}") {`)} }`, {
        key: w.key,
      })
    ).body.data.case;
    expect(flagged).toMatchObject({ status: "OFFER_PENDING", overdue: true });
    // The decline answers the seller's offer, not the buyer's message: the deadline and its overdue mark stay.
    w.now = new Date(t0 + 6 * DAY + 3 * HOUR);
    const answer = { caseId, offerId: flagged.pendingOffer.id, accept: false };
    const declined = await mutate(
      w,
      w.marketplace,
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      answer,
      DEADLINE,
    );
    expect(declined.case).toMatchObject({
      status: "AWAITING_SELLER",
      respondBy: flagged.respondBy,
      overdue: true,
      responseOverdueAt: flagged.responseOverdueAt,
    });
    await checkInvariants(w.db);
  });

  it(
    "counts a buyer's case the seller leaves unanswered past respondBy as a first reply not on time, once, on the " +
      "day of the deadline it missed: answering late never scores better or worse than silence, live or rebuilt",
    async () => {
      const w = await world();
      const t0 = w.now.getTime();
      const disputes = [await buyerOpensCase(w, "NOT_AS_DESCRIBED"), await buyerOpensCase(w, "QUALITY_ISSUE")];
      const respondBy = await Promise.all(
        disputes.map(
          async ({ caseId }) =>
            (await graphql(w.api, `{ case(id: "${caseId}") { respondBy } }`, { key: w.key })).body.data.case
              .respondBy as string,
        ),
      );
      const health = async () => {
        const r = await graphql(
          w.api,
          `{ seller(id: "${w.sellerId}") { health { status metrics { name numerator denominator status } ` +
            "risk { score factors { code contribution } } } } }",
          { key: w.key },
        );
        const h = r.body.data.seller.health;
        return {
          status: h.status,
          rate: h.metrics.find((m: any) => m.name === "ON_TIME_FIRST_RESPONSE_RATE"),
          score: h.risk.score,
          factor: h.risk.factors.find((f: any) => f.code === "ON_TIME_FIRST_RESPONSE_RATE").contribution,
        };
      };
      const firstReplyDays = async () =>
        Object.fromEntries(
          Object.entries(await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01"))
            .filter(([, c]) => (c.firstReplies ?? 0) !== 0 || (c.firstRepliesOnTime ?? 0) !== 0)
            .map(([day, c]) => [day, [c.firstReplies ?? 0, c.firstRepliesOnTime ?? 0]]),
        );

      // Day 6: both deadlines (5 days) passed without a word from the seller; the job runs twice.
      w.now = new Date(t0 + 6 * DAY);
      expect(await w.caseDeadlines()).toMatchObject({ responsesOverdue: 2, failures: 0 });
      await w.caseDeadlines();
      const silent = await health();
      expect(silent.rate).toMatchObject({ numerator: 0, denominator: 2, status: "BAD" });
      expect(silent.status).toBe("BAD");
      expect(silent.factor).toBeGreaterThan(0);
      // On the seller's calendar day of the deadline each case missed, not the day the job noticed.
      const missedDays: Record<string, [number, number]> = {};
      for (const at of respondBy) {
        const day = Time.dayOf(at, "Asia/Shanghai");
        missedDays[day] = [(missedDays[day]?.[0] ?? 0) + 1, 0];
      }
      expect(await firstReplyDays()).toEqual(missedDays);

      // Day 8: the seller answers both, late. The answers are the same missed first replies: counted once.
      w.now = new Date(t0 + 8 * DAY);
      for (const { caseId } of disputes) {
        const sent = await mutate(
          w,
          w.key,
          "postCaseMessage",
          "PostCaseMessageInput",
          { caseId, direction: "SELLER", body: "Sorry for the wait, here is what we will do." },
          "case { firstResponseAt }",
        );
        expect(sent.userErrors).toEqual([]);
      }
      expect(await health()).toEqual(silent);
      expect(await firstReplyDays()).toEqual(missedDays);
      expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
      await checkInvariants(w.db);
    },
  );

  it(
    "counts first replies to the buyer's disputes only: system cases the seller opens and answers lift nothing, " +
      "live or rebuilt",
    async () => {
      const w = await world();
      const { caseId } = await buyerOpensCase(w, "DAMAGED");
      w.now = new Date(w.now.getTime() + 10 * DAY); // answered long past respondBy
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "Sorry for the delay." },
        "case { id }",
      );
      const rate = async () =>
        (
          await graphql(
            w.api,
            `{ seller(id: "${w.sellerId}") { health { metrics { name numerator denominator } } } }`,
            {
              key: w.key,
            },
          )
        ).body.data.seller.health.metrics.find((m: any) => m.name === "ON_TIME_FIRST_RESPONSE_RATE");
      expect(await rate()).toMatchObject({ numerator: 0, denominator: 1 });

      const own = await orderDue(w, 48);
      for (let i = 0; i < 3; i++) {
        const opened = await mutate(
          w,
          w.key,
          "openCase",
          "OpenCaseInput",
          { orderId: own.id, reason: "OTHER", source: "SYSTEM" },
          "case { id }",
        );
        const answered = await mutate(
          w,
          w.key,
          "postCaseMessage",
          "PostCaseMessageInput",
          { caseId: opened.case.id, direction: "SELLER", body: "Noted." },
          "case { firstResponseAt }",
        );
        expect(answered.case.firstResponseAt).not.toBeNull();
      }
      expect(await rate()).toMatchObject({ numerator: 0, denominator: 1 });
      // `npm run stats -- rebuild` derives the same counters from the stored cases.
      expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
      await checkInvariants(w.db);
    },
  );

  it("ends in the same state as one clean run when killed after k writes and run again", async () => {
    const build = async () => {
      const w = await world();
      for (let i = 0; i < 4; i++) {
        const order = await orderDue(w, 48);
        await mutate(
          w,
          w.marketplace,
          "openCase",
          "OpenCaseInput",
          { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER" },
          CASE,
        );
      }
      w.now = new Date(w.now.getTime() + 6 * 24 * HOUR);
      return w;
    };
    const summary = async (w: Awaited<ReturnType<typeof world>>) => {
      const items = await scanTable(w.db, "Cases");
      return {
        overdue: items.filter((i) => i.entity === "CASE" && i.responseOverdueAt).length,
        events: items.filter((i) => i.entity === "EVENT" && i.type === "RESPONSE_OVERDUE").length,
        due: items.filter((i) => i.entity === "CASE" && i.nextDeadlineAt).length,
      };
    };
    const clean = await build();
    await clean.caseDeadlines();
    const expected = await summary(clean);
    expect(expected).toEqual({ overdue: 4, events: 4, due: 0 });
    for (const k of [0, 1, 3]) {
      const w = await build();
      await expect(w.caseDeadlines(instrumented(w.db, { failWritesAfter: k }).db)).rejects.toThrow(/failures/);
      await w.caseDeadlines();
      expect(await summary(w), `crash after ${k} writes`).toEqual(expected);
    }
  }, 120_000);
});

/** The case-deadline job's tables, where each GetItem on `table` takes 90 s of the world's clock. */
function slowReadsOf(w: World, table: "Sellers" | "Orders") {
  const doc = createDocumentClient();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string };
      if (/^Get(Item)?Command$/.test(String(context.commandName)) && input.TableName === w.db.tables[table])
        w.now = new Date(w.now.getTime() + 90_000);
      return next(args);
    },
    { step: "initialize", name: "slowReads" },
  );
  return linkedOnly({ doc, tables: w.db.tables }, functionTables.caseDeadlines);
}

describe("the case-deadline job's instant", () => {
  it("is taken after the seller's read: a slow read does not date the change and its event before it", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    w.now = new Date(w.now.getTime() + 6 * DAY);
    // A buyer's case never answered: its first reply counts, missed, in the seller's counters, so the job reads the
    // seller; that read takes 90 s (throttled, timed out and retried).
    const decidedAt = w.now.getTime() + 90_000;
    expect(await w.caseDeadlines(slowReadsOf(w, "Sellers"))).toMatchObject({ responsesOverdue: 1, failures: 0 });
    const stored = (await scanTable(w.db, "Cases")).find((i) => i.entity === "CASE" && i.id === caseId)!;
    expect(stored.responseOverdueAt).toBe(new Date(decidedAt).toISOString());
    const events = (await scanTable(w.db, "Events"))
      .map((i) => EventsRepo.fromItem(i))
      .filter((e) => e.objectId === caseId && e.type === "CASE_OVERDUE");
    expect(events.map((e) => e.occurredAt)).toEqual([new Date(decidedAt).toISOString()]);
  });
});

describe("the case-deadline job's instant, when a lapsing refund return releases its order's hold", () => {
  it("is taken after the order's read: a slow read does not date the change and its event before it", async () => {
    const w = await world();
    const { caseId, orderId } = await acceptedReturn(w, {
      kind: "REFUND_WITH_RETURN",
      amount: { amountMinor: 1500, currency: "USD" },
    });
    w.now = new Date(w.now.getTime() + 15 * DAY);
    // The return was never shipped: it lapses, and the order's hold for it is released in the same transaction, so
    // the job reads the order; that read takes 90 s (throttled, timed out and retried). Stamped before it, the change
    // would be dated 90 s early and its 20 s commit window closed before its transaction: failed on every slow read.
    const decidedAt = new Date(w.now.getTime() + 90_000).toISOString();
    expect(await w.caseDeadlines(slowReadsOf(w, "Orders"))).toMatchObject({ returnsExpired: 1, failures: 0 });
    const events = (await scanTable(w.db, "Events"))
      .map((i) => EventsRepo.fromItem(i))
      .filter((e) => e.objectId === caseId && e.actorKeyId === "job:case-deadlines");
    expect(events.map((e) => [e.type, e.occurredAt])).toEqual([["RETURN_EXPIRED", decidedAt]]);
    const order = (await scanTable(w.db, "Orders")).find((i) => i.sk === "ORDER" && i.id === orderId)!;
    expect(order.updatedAt).toBe(decidedAt);
    await checkInvariants(w.db);
  });
});
