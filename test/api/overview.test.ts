import { describe, expect, it } from "vitest";
import { ApiKeys, SellersRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { OVERVIEW_FIELDS, readOverview, recountOverview } from "../support/overview";
import { acceptedReturn, ok } from "../support/returns";
import { buyerOpensCase, mutate, orderDue, world, type World } from "../support/world";

/**
 * `Seller.overview`, the dashboard's first screen: what it counts, when a case is "due within
 * 24 h", and who may read it (the rules of `Seller`: one's own seller, a partner's granted ones, any
 * for an operator).
 */

const zeros = {
  ordersLate: 0,
  ordersAtRisk: 0,
  casesAwaitingSeller: 0,
  casesAwaitingAnswerOnOffer: 0,
  casesDueWithin24h: 0,
  offersPending: 0,
  refundApplicationsOpen: 0,
  returnsAwaitingSeller: 0,
  returnsDueWithin24h: 0,
};

const later = (w: World, hours: number) => {
  w.now = new Date(w.now.getTime() + hours * HOUR);
};
const inHours = (w: World, hours: number) => new Date(w.now.getTime() + hours * HOUR).toISOString();

describe("a seller's overview", () => {
  it("counts late and at-risk orders as the late-order job flags them, and forgets them once shipped", async () => {
    const w = await world();
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual({ ...zeros, asOf: w.now.toISOString() });
    const late = await orderDue(w, -5);
    const atRisk = await orderDue(w, 10);
    await orderDue(w, 100);
    // Not flagged yet: the overview counts what the job decided, as `lateOrders`' cases do.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ ordersLate: 0, ordersAtRisk: 0 });
    await w.lateOrders();
    // The late order's late-shipment case waits for the seller.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      ordersLate: 1,
      ordersAtRisk: 1,
      casesAwaitingSeller: 1,
    });
    later(w, 11);
    await w.lateOrders();
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ ordersLate: 2, ordersAtRisk: 0 });
    for (const order of [late, atRisk])
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "DHL", trackingNumber: `JD${order.id}` },
        "order { status }",
      );
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ ordersLate: 0, ordersAtRisk: 0 });
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  });

  it("counts a case due within 24 h of the request's clock: the deadline included, a passed one not", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const read = await graphql(w.api, `query($id: ID!) { case(id: $id) { respondBy } }`, {
      key: w.key,
      variables: { id: caseId },
    });
    const respondBy = new Date(read.body.data.case.respondBy as string);
    const at = async (ms: number) => {
      w.now = new Date(respondBy.getTime() + ms);
      return (await readOverview(w.api, w.key, w.sellerId)).casesDueWithin24h;
    };
    expect(await at(-24 * HOUR - 1)).toBe(0);
    expect(await at(-24 * HOUR)).toBe(1);
    expect(await at(-HOUR)).toBe(1);
    expect(await at(0)).toBe(1);
    expect(await at(1)).toBe(0);
    // Answered: no longer the seller's move, so no longer due.
    w.now = new Date(respondBy.getTime() - HOUR);
    await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "We are on it." },
      "case { status }",
    );
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      casesAwaitingSeller: 0,
      casesDueWithin24h: 0,
    });
  });

  it("counts pending offers until the buyer answers or they expire", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt: inHours(w, 24) },
      "case { status }",
    );
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ offersPending: 1, casesAwaitingSeller: 0 });
    later(w, 25);
    await w.caseDeadlines();
    // Expired unanswered: the seller must answer again.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ offersPending: 0, casesAwaitingSeller: 1 });
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  });
});

describe("what the seller owes by a deadline", () => {
  const caseIds = async (w: World, filter: Record<string, unknown>) => {
    const response = await graphql(w.api, `query($f: CaseFilter) { cases(filter: $f) { edges { node { id } } } }`, {
      key: w.key,
      variables: { f: filter },
    });
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    return (response.body.data.cases.edges as { node: { id: string } }[]).map((e) => e.node.id);
  };

  it("counts an answer owed on a pending offer apart, due within 24 h like a case awaiting the seller", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const offer = { kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt: inHours(w, 200) };
    await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", { caseId, ...offer }, "case { id }");
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ offersPending: 1, casesDueWithin24h: 0 });
    // The buyer writes while the offer is pending: the offer still waits for the buyer, an answer for the seller.
    const message = { caseId, direction: "BUYER", body: "Can you refund instead?" };
    await mutate(w, w.marketplace, "postCaseMessage", "PostCaseMessageInput", message, "case { status }");
    const read = await graphql(w.api, `query($id: ID!) { case(id: $id) { status respondBy } }`, {
      key: w.key,
      variables: { id: caseId },
    });
    expect(read.body.data.case.status).toBe("OFFER_PENDING");
    const respondBy = new Date(read.body.data.case.respondBy as string);
    w.now = new Date(respondBy.getTime() - 2 * HOUR);
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual({
      ...zeros,
      offersPending: 1,
      casesAwaitingAnswerOnOffer: 1,
      casesDueWithin24h: 1,
      asOf: w.now.toISOString(),
    });
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
    // The list filter lists what the counts count.
    expect(await caseIds(w, { status: "OFFER_PENDING", owesAnswer: true })).toEqual([caseId]);
    expect(await caseIds(w, { owesAnswer: true })).toEqual([caseId]);
    expect(await caseIds(w, { status: "AWAITING_SELLER" })).toEqual([]);
    expect(await caseIds(w, { owesAnswer: false })).toEqual([]);
    w.now = new Date(respondBy.getTime() - 25 * HOUR);
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ casesDueWithin24h: 0 });
    // Answered: the offer still waits for the buyer, the seller owes nothing.
    const answer = { caseId, direction: "SELLER", body: "The coupon stands; a refund needs the parcel back." };
    await mutate(w, w.key, "postCaseMessage", "PostCaseMessageInput", answer, "case { status }");
    w.now = new Date(respondBy.getTime() - 2 * HOUR);
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      offersPending: 1,
      casesAwaitingAnswerOnOffer: 0,
      casesDueWithin24h: 0,
    });
    expect(await caseIds(w, { owesAnswer: true })).toEqual([]);
    expect(await caseIds(w, { status: "OFFER_PENDING", owesAnswer: false })).toEqual([caseId]);
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  });

  it("counts a return due within 24 h by the seller's step: receipt by receiveBy, then by settleBy", async () => {
    const w = await world();
    const r = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: { amountMinor: 1000, currency: "USD" } });
    const parcel = { carrier: "YunExpress", trackingNumber: "YT2611290002" };
    // AUTHORISED: the buyer's move to ship it back, by a deadline of the buyer's.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ returnsDueWithin24h: 0 });
    const shipped = await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...parcel });
    const receiveBy = new Date(shipped.returns[0].receiveBy as string);
    const at = async (deadline: Date, ms: number) => {
      w.now = new Date(deadline.getTime() + ms);
      return (await readOverview(w.api, w.key, w.sellerId)).returnsDueWithin24h;
    };
    expect(await at(receiveBy, -24 * HOUR - 1)).toBe(0);
    expect(await at(receiveBy, -24 * HOUR)).toBe(1);
    expect(await at(receiveBy, 0)).toBe(1);
    expect(await at(receiveBy, 1)).toBe(0);
    w.now = new Date(receiveBy.getTime() - 2 * HOUR);
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      returnsAwaitingSeller: 1,
      returnsDueWithin24h: 1,
      casesDueWithin24h: 0,
    });
    const received = await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    const settleBy = new Date(received.returns[0].settleBy as string);
    expect(await at(settleBy, -HOUR)).toBe(1);
    expect(await readOverview(w.api, w.key, w.sellerId)).toEqual(await recountOverview(w.db, w.sellerId, w.now));
    await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      returnsAwaitingSeller: 0,
      returnsDueWithin24h: 0,
    });
  });
});

describe("each count is the length of the list the operations pair it with", () => {
  // What a dashboard opens when the seller clicks a count (graphql/operations/seller/dashboard-overview.graphql).
  // Deposits are left out: `refundApplicationsOpen` is the seller's deposits in REFUND_REQUESTED, one application each.
  const LISTS = `{
    late: orders(filter: { late: true }, first: 50) { edges { node { id } } }
    atRisk: orders(filter: { atRisk: true }, first: 50) { edges { node { id } } }
    queue: lateOrders(first: 50) { edges { node { id } } }
    awaiting: cases(filter: { status: AWAITING_SELLER }, first: 50) { edges { node { respondBy } } }
    owedOnOffer: cases(filter: { status: OFFER_PENDING, owesAnswer: true }, first: 50) { edges { node { respondBy } } }
    offers: cases(filter: { status: OFFER_PENDING }, first: 50) { edges { node { id } } }
    returns: cases(filter: { status: RETURN_IN_PROGRESS }, first: 50) { edges { node { openReturn { status dueBy } } } }
    due: cases(filter: { owesAnswer: true, dueWithin24h: true }, first: 50) { edges { node { id } } }
    notDue: cases(filter: { owesAnswer: true, dueWithin24h: false }, first: 50) { edges { node { id } } }
    dueAwaiting: cases(filter: { status: AWAITING_SELLER, dueWithin24h: true }, first: 50) { edges { node { id } } }
    dueOnOffer: cases(filter: { status: OFFER_PENDING, owesAnswer: true, dueWithin24h: true }, first: 50) {
      edges { node { id } }
    }
    awaitingNotDue: cases(filter: { status: AWAITING_SELLER, dueWithin24h: false }, first: 50) { edges { node { id } } }
  }`;
  type Node = { id?: string; respondBy?: string; openReturn?: { status: string; dueBy: string } | null };
  type Lists = Record<string, { edges: { node: Node }[] }>;
  const fromLists = async (w: World) => {
    const response = await graphql(w.api, LISTS, { key: w.key });
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    const lists = response.body.data as Lists;
    const nodes = (name: string) => lists[name]!.edges.map((e) => e.node);
    const asOf = w.now.getTime();
    const dueWithin24h = (at?: string) => Date.parse(at!) >= asOf && Date.parse(at!) <= asOf + 24 * HOUR;
    const answersOwed = [...nodes("awaiting"), ...nodes("owedOnOffer")];
    const returnsWaiting = nodes("returns")
      .flatMap((c) => (c.openReturn ? [c.openReturn] : []))
      .filter((r) => ["SHIPPED_BACK", "RECEIVED"].includes(r.status));
    // The work queue lists the late and the at-risk orders together.
    expect(nodes("queue")).toHaveLength(nodes("late").length + nodes("atRisk").length);
    // The answers due are one list (`dueWithin24h`), or the two queues' key ranges; the others are the rest.
    const due = answersOwed.filter((c) => dueWithin24h(c.respondBy));
    expect(nodes("due")).toHaveLength(due.length);
    expect(nodes("dueAwaiting").length + nodes("dueOnOffer").length).toBe(due.length);
    expect(nodes("notDue")).toHaveLength(answersOwed.length - due.length);
    expect(nodes("awaitingNotDue")).toHaveLength(nodes("awaiting").length - nodes("dueAwaiting").length);
    return {
      ordersLate: nodes("late").length,
      ordersAtRisk: nodes("atRisk").length,
      casesAwaitingSeller: nodes("awaiting").length,
      casesAwaitingAnswerOnOffer: nodes("owedOnOffer").length,
      casesDueWithin24h: nodes("due").length,
      offersPending: nodes("offers").length,
      returnsAwaitingSeller: returnsWaiting.length,
      returnsDueWithin24h: returnsWaiting.filter((r) => dueWithin24h(r.dueBy)).length,
    };
  };
  // The order counts are the job's flags: compared once the job has seen the orders at this instant.
  const compareAt = async (w: World) => {
    await w.lateOrders();
    const listed = await fromLists(w);
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject(listed);
    return listed;
  };

  it("holds for orders, answers, offers and returns as deadlines come and pass", async () => {
    const w = await world();
    const money = { amountMinor: 1000, currency: "USD" };
    await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: money });
    const back = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: money });
    const parcel = { carrier: "YunExpress", trackingNumber: "YT2611290003" };
    const shipped = await ok(w, w.marketplace, "shipReturn", {
      caseId: back.caseId,
      returnId: back.returnId,
      ...parcel,
    });
    await buyerOpensCase(w);
    const { caseId } = await buyerOpensCase(w);
    const offer = { caseId, kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt: inHours(w, 200) };
    await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", offer, "case { id }");
    const message = { caseId, direction: "BUYER", body: "Can you refund instead?" };
    await mutate(w, w.marketplace, "postCaseMessage", "PostCaseMessageInput", message, "case { status }");
    await orderDue(w, -5);
    await orderDue(w, 10);
    await orderDue(w, 100);
    // Now: one late order (its case due in 24 h), one at risk, the buyers' cases due in days, one return shipped back.
    expect(await compareAt(w)).toEqual({
      ordersLate: 1,
      ordersAtRisk: 1,
      casesAwaitingSeller: 2,
      casesAwaitingAnswerOnOffer: 1,
      casesDueWithin24h: 1,
      offersPending: 1,
      returnsAwaitingSeller: 1,
      returnsDueWithin24h: 0,
    });
    // 20 h on the at-risk order is late too; 26 h on the first late-shipment case is overdue, no longer due.
    later(w, 20);
    expect(await compareAt(w)).toMatchObject({ ordersLate: 2, ordersAtRisk: 0, casesDueWithin24h: 2 });
    later(w, 6);
    expect(await compareAt(w)).toMatchObject({ ordersLate: 2, casesAwaitingSeller: 3, casesDueWithin24h: 1 });
    // Two hours before the seller must confirm the return's receipt.
    w.now = new Date(Date.parse(shipped.returns[0].receiveBy as string) - 2 * HOUR);
    expect(await compareAt(w)).toMatchObject({ returnsAwaitingSeller: 1, returnsDueWithin24h: 1 });
  });
});

describe("who may read an overview", () => {
  it("follows Seller's rules: its own seller, a partner's granted ones, every seller for an operator", async () => {
    const w = await world();
    await buyerOpensCase(w);
    const other = `sel_${ulid()}`;
    const createdAt = w.now.toISOString();
    await SellersRepo.putSellerIfAbsent(w.db, {
      id: other,
      name: "Other",
      settlementCurrency: "CNY",
      timeZone: "UTC",
      createdAt,
    });
    const otherKey = `seller_${ulid()}`;
    const otherPartner = `partner_${ulid()}`;
    await ApiKeys.putApiKey(w.db, otherKey, {
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "o",
      sellerId: other,
      createdAt,
    });
    await ApiKeys.putApiKey(w.db, otherPartner, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "partner of other",
      sellerIds: [other],
      access: "READ",
      createdAt,
    });
    const own = await readOverview(w.api, w.key, w.sellerId);
    expect(own.casesAwaitingSeller).toBe(1);
    // The partner granted this seller and any operator read the same numbers.
    expect(await readOverview(w.api, w.partner, w.sellerId)).toEqual(own);
    expect(await readOverview(w.api, w.operator, w.sellerId)).toEqual(own);
    // Another seller, and a partner granted only that one, find no such seller.
    for (const key of [otherKey, otherPartner]) {
      const response = await graphql(w.api, `query($id: ID!) { seller(id: $id) { overview { ${OVERVIEW_FIELDS} } } }`, {
        key,
        variables: { id: w.sellerId },
      });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ seller: null });
    }
    // Each sees its own: the other seller has nothing counted.
    expect(await readOverview(w.api, otherKey, other)).toMatchObject({ casesAwaitingSeller: 0 });
    // The operator's list of sellers shows each seller's own overview.
    const listed = await graphql(
      w.api,
      `{ sellers(first: 100) { edges { node { id overview { casesAwaitingSeller } } } } }`,
      {
        key: w.operator,
      },
    );
    const byId = Object.fromEntries(
      (listed.body.data.sellers.edges as { node: { id: string; overview: unknown } }[]).map((e) => [
        e.node.id,
        e.node.overview,
      ]),
    );
    expect(byId[w.sellerId]).toEqual({ casesAwaitingSeller: 1 });
    expect(byId[other]).toEqual({ casesAwaitingSeller: 0 });
  });
});
