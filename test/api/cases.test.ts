import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { makeMarketplace, makePartner, makeSeller, orderInput, scanWhere } from "../support/fixtures";
import { orderDue, world, type World } from "../support/world";
import { DAY, testEpoch } from "../support/clock";

const CASE_FIELDS = `id status outcome reason source respondBy firstResponseAt unansweredBuyerMessages version overdue
  availableActions claimAmount { amountMinor currency }
  offers { id kind status amount { amountMinor currency } expiresAt } pendingOffer { id }
  remedies { kind amount { amountMinor } reference }
  order { id refunded { amountMinor } compensated { amountMinor } refundable { amountMinor } }`;

const PAYLOAD = `case { ${CASE_FIELDS} } userErrors { field message code }`;

/** A world on the run's shared tables (the tests add sellers and keys with the fixtures) with one order. */
type Setup = World & { orderId: string };

async function setup(orderOverrides: Record<string, unknown> = {}): Promise<Setup> {
  const w = await world(new Date("2026-11-26T08:00:00.000Z"), { tables: "shared" });
  const created = await graphql(
    w.api,
    `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { message } } }`,
    {
      key: w.key,
      variables: {
        input: orderInput({
          placedAt: "2026-11-20T00:00:00Z",
          buyerTotal: { amountMinor: 4000, currency: "USD" },
          items: [{ sku: "S", title: "T", quantity: 1 }],
          ...orderOverrides,
        }),
      },
    },
  );
  expect(created.body.data.createOrder.userErrors).toEqual([]);
  return Object.assign(w, { orderId: created.body.data.createOrder.order.id as string });
}

async function call(s: Setup, key: string, mutation: string, inputType: string, input: Record<string, unknown>) {
  const response = await graphql(
    s.api,
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${PAYLOAD} } }`,
    { key, variables: { input } },
  );
  return response;
}

async function ok(s: Setup, key: string, mutation: string, inputType: string, input: Record<string, unknown>) {
  const response = await call(s, key, mutation, inputType, input);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.body.data[mutation].userErrors).toEqual([]);
  return response.body.data[mutation].case;
}

async function refused(s: Setup, key: string, mutation: string, inputType: string, input: Record<string, unknown>) {
  const response = await call(s, key, mutation, inputType, input);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.body.data[mutation].case).toBeNull();
  return response.body.data[mutation].userErrors as { field: string[] | null; message: string; code: string }[];
}

async function forbidden(s: Setup, key: string, mutation: string, inputType: string, input: Record<string, unknown>) {
  const response = await call(s, key, mutation, inputType, input);
  expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  return response.body.errors![0]!.message;
}

const openDispute = (s: Setup, reason = "NOT_RECEIVED", extra: Record<string, unknown> = {}) =>
  ok(s, s.marketplace, "openCase", "OpenCaseInput", {
    orderId: s.orderId,
    reason,
    source: "BUYER",
    claimText: "Where is my parcel? It has been weeks.",
    ...extra,
  });

/** Three disputes of different reasons on the setup's order, opened (and so due) an hour apart, the first first. */
async function threeDisputesAnHourApart(s: Setup) {
  const first = await openDispute(s, "NOT_RECEIVED");
  s.now = new Date(s.now.getTime() + 3_600_000);
  const second = await openDispute(s, "DAMAGED");
  s.now = new Date(s.now.getTime() + 3_600_000);
  const third = await openDispute(s, "NOT_AS_DESCRIBED");
  return [first, second, third];
}

const inDays = (s: Setup, days: number) => new Date(s.now.getTime() + days * DAY).toISOString();

describe("keep communication open", () => {
  it("a quick seller reply sets firstResponseAt and moves the case to AWAITING_BUYER", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    expect(opened).toMatchObject({
      status: "AWAITING_SELLER",
      source: "BUYER",
      respondBy: "2026-12-01T08:00:00.000Z",
      unansweredBuyerMessages: 1,
      firstResponseAt: null,
      overdue: false,
    });
    // The marketplace key relays the buyer's and the marketplace's side, and never the seller's.
    expect(opened.availableActions).toEqual([
      "POST_BUYER_MESSAGE",
      "POST_PLATFORM_MESSAGE",
      "ESCALATE",
      "WITHDRAW_BY_BUYER",
      "SUBMIT_BUYER_EVIDENCE",
      "SUBMIT_PLATFORM_EVIDENCE",
    ]);

    s.now = new Date("2026-11-26T09:30:00.000Z");
    const replied = await ok(s, s.key, "postCaseMessage", "PostCaseMessageInput", {
      caseId: opened.id,
      direction: "SELLER",
      body: "We are so sorry: the parcel is in customs, here is the tracking link.",
      expectedVersion: opened.version,
    });
    expect(replied).toMatchObject({
      status: "AWAITING_BUYER",
      firstResponseAt: "2026-11-26T09:30:00.000Z",
      unansweredBuyerMessages: 0,
      version: opened.version + 1,
    });
    // A seller key sees only the seller's side of the table.
    expect(replied.availableActions).toEqual([
      "POST_SELLER_MESSAGE",
      "RECORD_REMEDY",
      "MAKE_OFFER",
      "SUBMIT_SELLER_EVIDENCE",
    ]);

    // The buyer writes again: back to the seller, respondBy restarts.
    s.now = new Date("2026-11-27T10:00:00.000Z");
    const buyer = await ok(s, s.marketplace, "postCaseMessage", "PostCaseMessageInput", {
      caseId: opened.id,
      direction: "BUYER",
      body: "Still nothing.",
    });
    expect(buyer).toMatchObject({
      status: "AWAITING_SELLER",
      respondBy: "2026-12-02T10:00:00.000Z",
      firstResponseAt: "2026-11-26T09:30:00.000Z",
    });

    const timeline = await graphql(
      s.api,
      `{ case(id: "${opened.id}") { timeline(first: 10) { edges { node { id type actor body statusAfter } } } } }`,
      { key: s.key },
    );
    expect(
      timeline.body.data.case.timeline.edges.map((e: any) => [e.node.type, e.node.actor, e.node.statusAfter]),
    ).toEqual([
      ["MESSAGE", "BUYER", "AWAITING_SELLER"],
      ["MESSAGE", "SELLER", "AWAITING_BUYER"],
      ["MESSAGE", "BUYER", "AWAITING_SELLER"],
      ["OPENED", "BUYER", "AWAITING_SELLER"],
    ]);
  });

  it("a platform support ticket or expedited shipping answers nobody: the case still awaits the seller", async () => {
    const s = await setup();
    const opened = await openDispute(s, "NOT_SHIPPED");
    // A system error: the guide's first step is platform support, before the buyer is told anything.
    s.now = new Date("2026-11-26T09:00:00.000Z");
    const ticket = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
      caseId: opened.id,
      kind: "PLATFORM_SUPPORT_TICKET",
      reference: "SUP-1",
    });
    const expedited = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
      caseId: opened.id,
      kind: "EXPEDITED_SHIPPING",
    });
    for (const recorded of [ticket, expedited]) {
      expect(recorded).toMatchObject({
        status: "AWAITING_SELLER",
        respondBy: opened.respondBy,
        firstResponseAt: null,
        unansweredBuyerMessages: 1,
      });
    }
    expect(expedited.remedies.map((r: { kind: string }) => r.kind)).toEqual([
      "PLATFORM_SUPPORT_TICKET",
      "EXPEDITED_SHIPPING",
    ]);
    const read = async () =>
      (
        await graphql(
          s.api,
          `{ case(id: "${opened.id}") { status overdue firstResponseAt lastSellerMessageAt
            risk { factors { code value } } } }`,
          { key: s.key },
        )
      ).body.data.case;
    const risk = await read();
    expect(risk.lastSellerMessageAt).toBeNull();
    expect(risk.risk.factors.find((f: { code: string }) => f.code === "NO_SELLER_REPLY").value).toBe(1);
    // Past respondBy with the buyer never told anything, the case is overdue.
    s.now = new Date(Date.parse(opened.respondBy) + 1000);
    expect(await read()).toMatchObject({ status: "AWAITING_SELLER", overdue: true, firstResponseAt: null });

    // An apology is addressed to the buyer: that is the seller's (late) answer.
    const apology = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", { caseId: opened.id, kind: "APOLOGY" });
    expect(apology).toMatchObject({
      status: "AWAITING_BUYER",
      firstResponseAt: s.now.toISOString(),
      unansweredBuyerMessages: 0,
    });
  });

  it("shows the case overdue once respondBy passes without an answer", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    const read = async (msPastRespondBy: number) => {
      s.now = new Date(Date.parse(opened.respondBy) + msPastRespondBy);
      const response = await graphql(s.api, `{ case(id: "${opened.id}") { overdue respondTimeLeftSeconds } }`, {
        key: s.key,
      });
      return response.body.data.case;
    };
    expect(await read(1000)).toEqual({ overdue: true, respondTimeLeftSeconds: -1 });
    // Whole seconds rounded down: negative from the first instant it is overdue, 0 at respondBy itself.
    expect(await read(400)).toEqual({ overdue: true, respondTimeLeftSeconds: -1 });
    expect(await read(0)).toEqual({ overdue: false, respondTimeLeftSeconds: 0 });
    expect(await read(-400)).toEqual({ overdue: false, respondTimeLeftSeconds: 0 });
  });
});

describe("a professional attitude and a concrete solution", () => {
  it("a quality complaint resolved by an accepted partial refund", async () => {
    const s = await setup();
    const opened = await openDispute(s, "QUALITY_ISSUE", {
      claimAmount: { amountMinor: 2000, currency: "USD" },
      claimText: "The stitching came apart after one day.",
    });
    const offered = await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "PARTIAL_REFUND",
      amount: { amountMinor: 1500, currency: "USD" },
      expiresAt: inDays(s, 3),
      note: "We are sorry about the quality: 15 USD back, keep the item.",
    });
    expect(offered).toMatchObject({ status: "OFFER_PENDING", pendingOffer: { id: offered.offers[0].id } });

    // The seller cannot answer its own offer.
    expect(
      await forbidden(s, s.key, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
        caseId: opened.id,
        offerId: offered.offers[0].id,
        accept: true,
      }),
    ).toContain("buyer");

    const accepted = await ok(s, s.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
      caseId: opened.id,
      offerId: offered.offers[0].id,
      accept: true,
    });
    expect(accepted).toMatchObject({
      status: "RESOLVED",
      outcome: "COMPENSATION_ACCEPTED",
      offers: [{ status: "ACCEPTED" }],
      order: { refunded: { amountMinor: 1500 }, compensated: { amountMinor: 0 }, refundable: { amountMinor: 2500 } },
      availableActions: ["CLOSE"],
    });
  });

  it("a return-and-refund settles the order in full", async () => {
    const s = await setup();
    const opened = await openDispute(s, "NOT_AS_DESCRIBED");
    const remedy = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
      caseId: opened.id,
      kind: "RETURN_AND_REFUND",
      note: "Return label sent.",
    });
    expect(remedy).toMatchObject({
      status: "AWAITING_BUYER",
      remedies: [{ kind: "RETURN_AND_REFUND", amount: { amountMinor: 4000 } }],
      order: { refundable: { amountMinor: 0 } },
    });
    const resolved = await ok(s, s.key, "resolveCase", "ResolveCaseInput", {
      caseId: opened.id,
      outcome: "RETURNED_AND_REFUNDED",
    });
    expect(resolved).toMatchObject({ status: "RESOLVED", outcome: "RETURNED_AND_REFUNDED" });
    const closed = await ok(s, s.operator, "closeCase", "CloseCaseInput", { caseId: opened.id });
    expect(closed.status).toBe("CLOSED");
    const after = await refused(s, s.key, "postCaseMessage", "PostCaseMessageInput", {
      caseId: opened.id,
      direction: "SELLER",
      body: "One more thing",
    });
    expect(after).toEqual([
      expect.objectContaining({ code: "INVALID_TRANSITION", message: expect.stringContaining("CLOSED") }),
    ]);
  });
});

describe("the platform's rules and the dispute process", () => {
  it(
    "records a marketplace refund once: sent again under another key it is answered as recorded and writes " +
      "nothing; its reference under another amount, or on another case of the order, is DUPLICATE_REFUND",
    async () => {
      // On the test clock (the idempotency records kept under the keys expire in the real future).
      const w = await world(testEpoch(), { tables: "shared" });
      const s: Setup = Object.assign(w, { orderId: (await orderDue(w, 48)).id }); // 40.00 USD
      const damaged = await openDispute(s, "DAMAGED");
      const refund = { caseId: damaged.id, kind: "PARTIAL_REFUND", amount: { amountMinor: 1500, currency: "USD" } };
      const first = await ok(s, s.partner, "recordRemedy", "RecordRemedyInput", {
        ...refund,
        reference: "RF-778812",
        idempotencyKey: `erp-a-${damaged.id}`,
      });
      // The ERP lost the answer; another worker sends the same refund under a key of its own.
      const retry = await ok(s, s.partner, "recordRemedy", "RecordRemedyInput", {
        ...refund,
        reference: "RF-778812",
        idempotencyKey: `erp-b-${damaged.id}`,
      });
      expect(retry).toEqual(first);
      expect(retry.remedies).toEqual([
        { kind: "PARTIAL_REFUND", amount: { amountMinor: 1500 }, reference: "RF-778812" },
      ]);
      expect(retry.order.refunded.amountMinor).toBe(1500);

      const otherAmount = await refused(s, s.partner, "recordRemedy", "RecordRemedyInput", {
        ...refund,
        amount: { amountMinor: 1600, currency: "USD" },
        reference: "RF-778812",
      });
      expect(otherAmount).toEqual([
        {
          code: "DUPLICATE_REFUND",
          field: ["input", "reference"],
          message: expect.stringMatching(
            /RF-778812 is already recorded as remedy \S+ \(partial refund of \$15\.00\) on this case/,
          ),
        },
      ]);

      // What is really left, 25.00, is refunded in full; its retry without an amount is the same full refund.
      const rest = { caseId: damaged.id, kind: "FULL_REFUND", reference: "RF-778900" };
      const full = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        ...rest,
        amount: { amountMinor: 2500, currency: "USD" },
      });
      expect(full.order.refunded.amountMinor).toBe(4000);
      expect(await ok(s, s.key, "recordRemedy", "RecordRemedyInput", rest)).toEqual(full);

      // The refund id names one refund of the order, whichever case it is sent to.
      const lost = await openDispute(s, "NOT_RECEIVED");
      const elsewhere = await refused(s, s.key, "recordRemedy", "RecordRemedyInput", {
        ...refund,
        caseId: lost.id,
        reference: "RF-778812",
      });
      expect(elsewhere).toEqual([
        expect.objectContaining({
          code: "DUPLICATE_REFUND",
          message: expect.stringContaining(`on case ${damaged.id} of this order`),
        }),
      ]);
      const read = await graphql(s.api, `{ case(id: "${damaged.id}") { version remedies { reference } } }`, {
        key: s.key,
      });
      expect(read.body.data.case).toEqual({
        version: full.version,
        remedies: [{ reference: "RF-778812" }, { reference: "RF-778900" }],
      });
    },
  );

  it("lets the seller settle a dispute only with the remedy its outcome names on record", async () => {
    const s = await setup();
    const opened = await openDispute(s, "NOT_AS_DESCRIBED");
    // Nothing given yet: the seller cannot close the buyer's dispute as refunded, and is not offered to.
    expect(opened.availableActions).not.toContain("RESOLVE_BY_SELLER");
    for (const outcome of ["REFUNDED", "REPLACED", "RETURNED_AND_REFUNDED"]) {
      const errors = await refused(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: opened.id, outcome });
      expect(errors).toEqual([expect.objectContaining({ code: "INVALID_TRANSITION", field: ["input", "outcome"] })]);
    }
    expect(
      (await refused(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: opened.id, outcome: "REFUNDED" }))[0]!
        .message,
    ).toContain("full refund (FULL_REFUND) or partial refund (PARTIAL_REFUND)");
    // The whole order: no amount was claimed (refunds short of a claim: the next test).
    const refunded = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
      caseId: opened.id,
      kind: "FULL_REFUND",
    });
    // The refusals wrote nothing: the remedy is the case's next version.
    expect(refunded.version).toBe(opened.version + 1);
    expect(refunded.availableActions).toContain("RESOLVE_BY_SELLER");
    // A refund backs REFUNDED, not a return and refund.
    const returned = await refused(s, s.key, "resolveCase", "ResolveCaseInput", {
      caseId: opened.id,
      outcome: "RETURNED_AND_REFUNDED",
    });
    expect(returned[0]).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringContaining("(RETURN_AND_REFUND)"),
    });
    const settled = await ok(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: opened.id, outcome: "REFUNDED" });
    expect(settled).toMatchObject({ status: "RESOLVED", outcome: "REFUNDED" });
  });

  it("keeps one open dispute per reason: a relay retried under a new key is DUPLICATE_CASE naming it", async () => {
    const s = await setup();
    // Each relay a request of its own, as a retry under a new idempotency key is (the keys' records are left out
    // here: this file's clock is fixed in the past, and their TTL would be too).
    const relay = (reason: string) => ({
      orderId: s.orderId,
      reason,
      source: "BUYER",
      claimText: "Where is my parcel? It has been weeks.",
    });
    const orderVersion = async () =>
      (await graphql(s.api, `{ order(id: "${s.orderId}") { version } }`, { key: s.key })).body.data.order.version;
    // The first request timed out after the case was written; the integration's retry is a new job with a new key.
    const first = await ok(s, s.marketplace, "openCase", "OpenCaseInput", relay("NOT_RECEIVED"));
    const version = await orderVersion();
    expect(await refused(s, s.marketplace, "openCase", "OpenCaseInput", relay("NOT_RECEIVED"))).toEqual([
      {
        code: "DUPLICATE_CASE",
        field: ["input", "reason"],
        message:
          `Order ${s.orderId} already has an open buyer dispute about the same problem (item not received): ` +
          `case ${first.id}; add to that case instead.`,
      },
    ]);
    const chinese = await graphql(
      s.api,
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { userErrors { code message } } }`,
      {
        key: s.marketplace,
        headers: { "accept-language": "zh-CN" },
        variables: { input: relay("NOT_RECEIVED") },
      },
    );
    expect(chinese.body.data.openCase.userErrors).toEqual([
      {
        code: "DUPLICATE_CASE",
        message: `订单 ${s.orderId} 已有一个因“未收到货”发起且仍未结束的买家纠纷 ${first.id}；请在该纠纷中继续处理。`,
      },
    ]);
    // The refusals wrote nothing: the order did not move.
    expect(await orderVersion()).toBe(version);

    // Another complaint about the order is a dispute of its own (within the cap on the buyer's open cases).
    expect(await openDispute(s, "QUALITY_ISSUE")).toMatchObject({ reason: "QUALITY_ISSUE", status: "AWAITING_SELLER" });
    // Once the first is over, the same complaint may open again (the replacement never arrived either).
    await ok(s, s.marketplace, "resolveCase", "ResolveCaseInput", { caseId: first.id, outcome: "BUYER_WITHDREW" });
    const again = await ok(s, s.marketplace, "openCase", "OpenCaseInput", relay("NOT_RECEIVED"));
    expect(again.id).not.toBe(first.id);
  });

  it("refuses an offer above its kind's cap, naming the cap, and writes nothing", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    const errors = await refused(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "GIFT",
      amount: { amountMinor: 800, currency: "USD" },
      expiresAt: inDays(s, 2),
    });
    expect(errors).toEqual([
      {
        code: "AMOUNT_ABOVE_POLICY",
        field: ["input", "amount"],
        message: expect.stringMatching(/capped at 10% of the order \(\$4\.00\)/),
      },
    ]);
    const discount = await refused(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "DISCOUNT",
      percentOff: 60,
      expiresAt: inDays(s, 2),
    });
    expect(discount).toEqual([
      expect.objectContaining({
        code: "AMOUNT_ABOVE_POLICY",
        field: ["input", "percentOff"],
        message: expect.stringContaining("50%"),
      }),
    ]);
    const read = await graphql(s.api, `{ case(id: "${opened.id}") { status version offers { id } } }`, { key: s.key });
    expect(read.body.data.case).toEqual({ status: "AWAITING_SELLER", version: opened.version, offers: [] });
  });

  it("allows one open offer per case; a lapsed one is answered by nobody, reads expired, may be replaced", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    const offered = await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "COUPON",
      amount: { amountMinor: 500, currency: "USD" },
      expiresAt: inDays(s, 1),
    });
    const second = await refused(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "COUPON",
      amount: { amountMinor: 400, currency: "USD" },
      expiresAt: inDays(s, 1),
    });
    expect(second[0]).toMatchObject({ code: "INVALID_TRANSITION", message: expect.stringContaining("one open offer") });

    s.now = new Date(s.now.getTime() + 2 * DAY);
    const late = await refused(s, s.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
      caseId: opened.id,
      offerId: offered.offers[0].id,
      accept: true,
    });
    expect(late).toEqual([expect.objectContaining({ code: "OFFER_EXPIRED", field: ["input", "offerId"] })]);
    // Nor withdrawn by the seller before the case-deadline job records the expiry: it lapsed, nobody took it back.
    const withdrawn = await refused(s, s.key, "withdrawCompensationOffer", "WithdrawCompensationOfferInput", {
      caseId: opened.id,
      offerId: offered.offers[0].id,
    });
    expect(withdrawn).toEqual([expect.objectContaining({ code: "OFFER_EXPIRED", field: ["input", "offerId"] })]);
    // Before the case-deadline job has looked, the case reads as the job leaves it (nothing is written yet): the
    // offer expired, the seller to answer by expiresAt + 5 days, and a new offer among what the seller may do.
    const read = await graphql(
      s.api,
      `{ case(id: "${opened.id}") { status version respondBy overdue respondTimeLeftSeconds pendingOffer { id }
        offers { status answeredAt } availableActions } }`,
      { key: s.key },
    );
    const respondBy = new Date(Date.parse(offered.offers[0].expiresAt) + 5 * DAY);
    expect(read.body.data.case).toEqual({
      status: "AWAITING_SELLER",
      version: offered.version,
      respondBy: respondBy.toISOString(),
      overdue: false,
      respondTimeLeftSeconds: (respondBy.getTime() - s.now.getTime()) / 1000,
      pendingOffer: null,
      offers: [{ status: "EXPIRED", answeredAt: null }],
      availableActions: ["POST_SELLER_MESSAGE", "RECORD_REMEDY", "MAKE_OFFER", "SUBMIT_SELLER_EVIDENCE"],
    });
    // The new offer records the lapsed one's expiry first, in the same change (test/jobs/case-stories.test.ts holds
    // it to what the job writes).
    const again = await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "COUPON",
      amount: { amountMinor: 400, currency: "USD" },
      expiresAt: inDays(s, 1),
      expectedVersion: offered.version,
    });
    expect(again).toMatchObject({
      status: "OFFER_PENDING",
      version: offered.version + 2,
      offers: [{ status: "EXPIRED" }, { status: "PENDING", amount: { amountMinor: 400 } }],
      pendingOffer: { id: again.offers[1].id },
    });
  });

  it("says in the RESOLVED entry that resolving withdrew the pending offer, in the reader's language", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId: opened.id,
      kind: "COUPON",
      amount: { amountMinor: 500, currency: "USD" },
      expiresAt: inDays(s, 2),
    });
    const resolved = await ok(s, s.marketplace, "resolveCase", "ResolveCaseInput", {
      caseId: opened.id,
      outcome: "BUYER_WITHDREW",
    });
    expect(resolved.offers).toEqual([expect.objectContaining({ status: "WITHDRAWN" })]);
    const newest = async (language: string) => {
      const read = await graphql(
        s.api,
        `{ case(id: "${opened.id}") { timeline(first: 2) { edges { node { type actor summary } } } } }`,
        { key: s.key, headers: { "accept-language": language } },
      );
      return read.body.data.case.timeline.edges.map((e: { node: unknown }) => e.node);
    };
    // One entry, as for a return the resolution voids: the change is one event, CASE_DECIDED, not an
    // OFFER_WITHDRAWN, which would say the seller took the offer back.
    expect(await newest("en")).toEqual([
      {
        type: "RESOLVED",
        actor: "BUYER",
        summary: "Resolved: the buyer withdrew. The pending coupon offer is withdrawn.",
      },
      expect.objectContaining({ type: "OFFER_MADE" }),
    ]);
    expect((await newest("zh-CN"))[0].summary).toBe("纠纷已解决：买家撤回了纠纷。待答复的优惠券补偿方案已撤回。");
    s.now = new Date(s.now.getTime() + 2 * 60_000);
    const events = await graphql(
      s.api,
      `query($seller: ID!, $id: ID!) { events(sellerId: $seller, first: 10, filter: { objectId: $id }) {
        edges { node { type } } } }`,
      { key: s.key, variables: { seller: s.sellerId, id: opened.id } },
    );
    expect(events.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual([
      "CASE_OPENED",
      "OFFER_MADE",
      "CASE_DECIDED",
    ]);
  });

  it("lets exactly one of two racing offers land; the other gets VERSION_CONFLICT", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    const offer = (amount: number) =>
      call(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
        caseId: opened.id,
        kind: "COUPON",
        amount: { amountMinor: amount, currency: "USD" },
        expiresAt: inDays(s, 2),
        expectedVersion: opened.version,
      });
    const [a, b] = await Promise.all([offer(300), offer(400)]);
    const payloads = [a.body.data.makeCompensationOffer, b.body.data.makeCompensationOffer];
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].userErrors[0].code).toBe("VERSION_CONFLICT");
    const read = await graphql(
      s.api,
      `{ case(id: "${opened.id}") { version offers { amount { amountMinor } } timeline { edges { node { type } } } } }`,
      { key: s.key },
    );
    expect(read.body.data.case.version).toBe(opened.version + 1);
    expect(read.body.data.case.offers).toEqual(
      [{ amount: winners[0].case.offers[0].amount }].map((o) => ({ amount: { amountMinor: o.amount.amountMinor } })),
    );
    expect(read.body.data.case.timeline.edges.filter((e: any) => e.node.type === "OFFER_MADE")).toHaveLength(1);
  });

  it(
    "lets the seller call a buyer's dispute refunded only once the refunds on it cover the claim, or the whole " +
      "order when no amount was claimed; cases no buyer opened keep the remedy rule",
    async () => {
      const s = await setup(); // 40.00 USD
      const claimed = await openDispute(s, "NOT_AS_DESCRIBED", { claimAmount: { amountMinor: 2500, currency: "USD" } });
      const token = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: claimed.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 1, currency: "USD" },
      });
      // 0.01 of 25.00 does not settle the claim: not offered, and refused (the buyer keeps its escalation).
      expect(token.availableActions).not.toContain("RESOLVE_BY_SELLER");
      const short = await refused(s, s.key, "resolveCase", "ResolveCaseInput", {
        caseId: claimed.id,
        outcome: "REFUNDED",
      });
      expect(short).toEqual([
        {
          code: "INVALID_TRANSITION",
          field: ["input", "outcome"],
          message: expect.stringContaining("$0.01 refunded, $25.00 claimed"),
        },
      ]);
      const rest = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: claimed.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 2499, currency: "USD" },
      });
      // The refusal wrote nothing: the second refund is the case's next version.
      expect(rest.version).toBe(token.version + 1);
      expect(rest.availableActions).toContain("RESOLVE_BY_SELLER");
      const settled = await ok(s, s.key, "resolveCase", "ResolveCaseInput", {
        caseId: claimed.id,
        outcome: "REFUNDED",
      });
      expect(settled).toMatchObject({ status: "RESOLVED", outcome: "REFUNDED" });

      // A case the seller opened itself: a refund of the right kind is enough, as before.
      const own = await ok(s, s.key, "openCase", "OpenCaseInput", {
        orderId: s.orderId,
        reason: "OTHER",
        source: "SYSTEM",
      });
      await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: own.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 100, currency: "USD" },
      });
      await ok(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: own.id, outcome: "REFUNDED" });

      // No amount claimed: what is owed is the whole order, 14.00 still refundable.
      const unclaimed = await openDispute(s, "DAMAGED");
      const part = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: unclaimed.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 400, currency: "USD" },
      });
      expect(part.availableActions).not.toContain("RESOLVE_BY_SELLER");
      const partly = await refused(s, s.key, "resolveCase", "ResolveCaseInput", {
        caseId: unclaimed.id,
        outcome: "REFUNDED",
      });
      expect(partly[0]).toMatchObject({
        code: "INVALID_TRANSITION",
        message: expect.stringContaining(
          "no amount claimed, so the whole order: $4.00 refunded on this case, $10.00 still",
        ),
      });
      const full = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: unclaimed.id,
        kind: "FULL_REFUND",
      });
      expect(full).toMatchObject({ order: { refundable: { amountMinor: 0 } } });
      expect(full.availableActions).toContain("RESOLVE_BY_SELLER");
      await ok(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: unclaimed.id, outcome: "REFUNDED" });
    },
  );

  it("refuses a claim of 0, which would let a refund of 0.01 settle the dispute, and writes nothing", async () => {
    const s = await setup(); // 40.00 USD
    const errors = await refused(s, s.marketplace, "openCase", "OpenCaseInput", {
      orderId: s.orderId,
      reason: "NOT_AS_DESCRIBED",
      source: "BUYER",
      claimAmount: { amountMinor: 0, currency: "USD" },
    });
    expect(errors).toEqual([
      {
        code: "INVALID_INPUT",
        field: ["input", "claimAmount", "amountMinor"],
        message: "A claim of 0 claims nothing: leave claimAmount out when the buyer names no amount.",
      },
    ]);
    expect(await scanWhere("Cases", (i) => i.orderId === s.orderId)).toEqual([]);
  });

  it(
    "never lets the seller close a buyer's dispute as REPLACED on a replacement it only recorded: the buyer keeps " +
      "its escalation; cases no buyer opened keep the remedy rule",
    async () => {
      const s = await setup(); // 40.00 USD
      const claimed = await openDispute(s, "NOT_AS_DESCRIBED", { claimAmount: { amountMinor: 4000, currency: "USD" } });
      // A bare RESEND (no tracking, no reference, nothing from the buyer) is a promise, not the goods received.
      const resend = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", { caseId: claimed.id, kind: "RESEND" });
      expect(resend.availableActions).not.toContain("RESOLVE_BY_SELLER");
      const replacement = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: claimed.id,
        kind: "REPLACEMENT",
        reference: "REPL-1",
      });
      expect(replacement.availableActions).not.toContain("RESOLVE_BY_SELLER");
      const errors = await refused(s, s.key, "resolveCase", "ResolveCaseInput", {
        caseId: claimed.id,
        outcome: "REPLACED",
      });
      // The refusal names what the seller can do instead: an exchange the buyer accepts (test/api/returns.test.ts
      // resolves it REPLACED), the buyer's withdrawal, or a refund of the claim.
      expect(errors).toEqual([
        {
          code: "INVALID_TRANSITION",
          field: ["input", "outcome"],
          message: expect.stringMatching(/buyer's dispute as REPLACED.*REPLACEMENT_WITH_RETURN.*withdraw.*REFUNDED/),
        },
      ]);
      // It wrote nothing, and the buyer can still take the dispute to the platform.
      const escalated = await ok(s, s.marketplace, "escalateCase", "EscalateCaseInput", {
        caseId: claimed.id,
        note: "Nothing was resent.",
      });
      expect(escalated).toMatchObject({ status: "ESCALATED", version: replacement.version + 1 });

      // A case the seller opened itself: the recorded resend is enough, as before.
      const own = await ok(s, s.key, "openCase", "OpenCaseInput", {
        orderId: s.orderId,
        reason: "OTHER",
        source: "SYSTEM",
      });
      const resent = await ok(s, s.key, "recordRemedy", "RecordRemedyInput", { caseId: own.id, kind: "RESEND" });
      expect(resent.availableActions).toContain("RESOLVE_BY_SELLER");
      const settled = await ok(s, s.key, "resolveCase", "ResolveCaseInput", { caseId: own.id, outcome: "REPLACED" });
      expect(settled).toMatchObject({ status: "RESOLVED", outcome: "REPLACED" });
    },
  );

  it(
    "sends escalated cases to the platform: only an operator decides (never the marketplace key that escalated), " +
      "and the pending offer counts as declined",
    async () => {
      const s = await setup();
      const opened = await openDispute(s, "DAMAGED");
      const offered = await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
        caseId: opened.id,
        kind: "COUPON",
        amount: { amountMinor: 300, currency: "USD" },
        expiresAt: inDays(s, 2),
      });
      expect(await forbidden(s, s.key, "escalateCase", "EscalateCaseInput", { caseId: opened.id })).toContain("buyer");
      const escalated = await ok(s, s.marketplace, "escalateCase", "EscalateCaseInput", {
        caseId: opened.id,
        note: "The seller only offers a coupon.",
      });
      expect(escalated).toMatchObject({
        status: "ESCALATED",
        offers: [{ id: offered.offers[0].id, status: "DECLINED" }],
        pendingOffer: null,
      });
      expect(
        await forbidden(s, s.key, "resolveCase", "ResolveCaseInput", {
          caseId: opened.id,
          outcome: "DECIDED_FOR_SELLER",
          note: "For me.",
        }),
      ).toContain("operator");
      // The marketplace key escalated for the buyer: it does not then decide the case (design: OPERATOR only).
      expect(escalated.availableActions).not.toContain("DECIDE");
      expect(
        await forbidden(s, s.marketplace, "resolveCase", "ResolveCaseInput", {
          caseId: opened.id,
          outcome: "DECIDED_FOR_BUYER",
          note: "For the buyer.",
        }),
      ).toBe("Only an operator may decide.");
      const sellerSettles = await refused(s, s.key, "resolveCase", "ResolveCaseInput", {
        caseId: opened.id,
        outcome: "REFUNDED",
      });
      expect(sellerSettles[0]).toMatchObject({
        code: "INVALID_TRANSITION",
        message: expect.stringContaining("ESCALATED"),
      });
      const decided = await ok(s, s.operator, "resolveCase", "ResolveCaseInput", {
        caseId: opened.id,
        outcome: "DECIDED_FOR_BUYER",
        note: "The photos show the damage.",
      });
      expect(decided).toMatchObject({ status: "RESOLVED", outcome: "DECIDED_FOR_BUYER" });
      expect(
        (
          await refused(s, s.operator, "resolveCase", "ResolveCaseInput", {
            caseId: opened.id,
            outcome: "DECIDED_FOR_SELLER",
            note: "Again.",
          })
        )[0]?.code,
      ).toBe("INVALID_TRANSITION");
    },
  );

  it(
    "keeps the two sides apart: a partner key acts for the seller only, a marketplace key for the buyer and the " +
      "platform only",
    async () => {
      const s = await setup();
      // A partner key (the seller's ERP) can no longer open a buyer dispute…
      expect(
        await forbidden(s, s.partner, "openCase", "OpenCaseInput", {
          orderId: s.orderId,
          reason: "NOT_RECEIVED",
          source: "BUYER",
        }),
      ).toContain("buyer");
      const opened = await openDispute(s);
      const offered = await ok(s, s.partner, "makeCompensationOffer", "MakeCompensationOfferInput", {
        caseId: opened.id,
        kind: "COUPON",
        amount: { amountMinor: 300, currency: "USD" },
        expiresAt: inDays(s, 2),
      });
      expect(offered.availableActions).toEqual([
        "POST_SELLER_MESSAGE",
        "RECORD_REMEDY",
        "WITHDRAW_OFFER",
        "SUBMIT_SELLER_EVIDENCE",
      ]);
      // …nor accept the offer it made as the seller: the reproduction of COMPENSATION_ACCEPTED by one key.
      expect(
        await forbidden(s, s.partner, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
          caseId: opened.id,
          offerId: offered.offers[0].id,
          accept: true,
        }),
      ).toContain("buyer");
      expect(
        await forbidden(s, s.partner, "postCaseMessage", "PostCaseMessageInput", {
          caseId: opened.id,
          direction: "BUYER",
          body: "I accept.",
        }),
      ).toContain("buyer");
      // The marketplace key cannot act as the seller, on the case or on the order.
      expect(
        await forbidden(s, s.marketplace, "withdrawCompensationOffer", "WithdrawCompensationOfferInput", {
          caseId: opened.id,
          offerId: offered.offers[0].id,
        }),
      ).toContain("seller");
      expect(
        await forbidden(s, s.marketplace, "postCaseMessage", "PostCaseMessageInput", {
          caseId: opened.id,
          direction: "SELLER",
          body: "Sorry!",
        }),
      ).toContain("seller");
      const ship = await graphql(
        s.api,
        `mutation($input: MarkOrderShippedInput!) { markOrderShipped(input: $input) { order { id } userErrors { ` +
          `code } } }`,
        {
          key: s.marketplace,
          variables: { input: { orderId: s.orderId, carrier: "DHL", trackingNumber: "JD0001234567" } },
        },
      );
      expect(ship.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      // It answers for the buyer.
      const accepted = await ok(s, s.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
        caseId: opened.id,
        offerId: offered.offers[0].id,
        accept: true,
      });
      expect(accepted).toMatchObject({ status: "RESOLVED", outcome: "COMPENSATION_ACCEPTED" });
      // A marketplace key granted other sellers does not see this one; one for all sellers does.
      const elsewhere = await makeMarketplace([(await makeSeller()).seller.id]);
      expect(
        (await graphql(s.api, `{ case(id: "${opened.id}") { id } }`, { key: elsewhere })).body.data.case,
      ).toBeNull();
      const everywhere = await makeMarketplace("ALL");
      expect(
        (await graphql(s.api, `{ case(id: "${opened.id}") { id availableActions } }`, { key: everywhere })).body.data
          .case,
      ).toEqual({ id: opened.id, availableActions: ["CLOSE"] });
    },
  );

  it(
    "replays the stuck-offer story through the handler: what " + "availableActions lists is what the server accepts",
    async () => {
      const s = await setup({ buyerTotal: { amountMinor: 7000, currency: "USD" } });
      const a = await openDispute(s);
      const b = await openDispute(s, "DAMAGED");
      const offered = await ok(s, s.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
        caseId: a.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 5000, currency: "USD" },
        expiresAt: inDays(s, 2),
      });
      await ok(s, s.key, "recordRemedy", "RecordRemedyInput", {
        caseId: b.id,
        kind: "PARTIAL_REFUND",
        amount: { amountMinor: 5000, currency: "USD" },
      });
      const seen = await graphql(s.api, `{ case(id: "${a.id}") { status availableActions } }`, { key: s.marketplace });
      expect(seen.body.data.case).toEqual({
        status: "OFFER_PENDING",
        availableActions: [
          "POST_BUYER_MESSAGE",
          "POST_PLATFORM_MESSAGE",
          "DECLINE_OFFER",
          "ESCALATE",
          "WITHDRAW_BY_BUYER",
          "SUBMIT_BUYER_EVIDENCE",
          "SUBMIT_PLATFORM_EVIDENCE",
        ],
      });
      // Not listed, so refused; every listed action is accepted (decline here).
      const accept = await refused(s, s.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
        caseId: a.id,
        offerId: offered.offers[0].id,
        accept: true,
      });
      expect(accept[0]?.code).toBe("AMOUNT_ABOVE_POLICY");
      const declined = await ok(s, s.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
        caseId: a.id,
        offerId: offered.offers[0].id,
        accept: false,
      });
      expect(declined.status).toBe("AWAITING_SELLER");
      // Nothing is left beyond $20: a seller may still offer up to it, and the list says so.
      expect(declined.availableActions).toContain("POST_BUYER_MESSAGE");
      const sellerView = await graphql(s.api, `{ case(id: "${a.id}") { availableActions } }`, { key: s.key });
      expect(sellerView.body.data.case.availableActions).toContain("MAKE_OFFER");
    },
  );

  it(
    "refuses the wrong roles: a seller cannot open a buyer dispute, a read-only partner cannot write, another " +
      "seller cannot see",
    async () => {
      const s = await setup();
      expect(
        await forbidden(s, s.key, "openCase", "OpenCaseInput", {
          orderId: s.orderId,
          reason: "NOT_RECEIVED",
          source: "BUYER",
        }),
      ).toContain("buyer");
      const opened = await openDispute(s);
      const readOnly = await makePartner([s.sellerId], "READ");
      expect(
        (
          await call(s, readOnly, "postCaseMessage", "PostCaseMessageInput", {
            caseId: opened.id,
            direction: "BUYER",
            body: "hi",
          })
        ).body.errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
      const readOnlyView = await graphql(s.api, `{ case(id: "${opened.id}") { id availableActions } }`, {
        key: readOnly,
      });
      expect(readOnlyView.body.data.case).toEqual({ id: opened.id, availableActions: [] });

      const other = await makeSeller();
      expect(
        (await graphql(s.api, `{ case(id: "${opened.id}") { id } }`, { key: other.key })).body.data.case,
      ).toBeNull();
      expect(
        await refused(s, other.key, "postCaseMessage", "PostCaseMessageInput", {
          caseId: opened.id,
          direction: "SELLER",
          body: "hi",
        }),
      ).toEqual([{ code: "NOT_FOUND", field: ["input", "caseId"], message: "No such case." }]);
      const stranger = await makePartner([other.seller.id]);
      expect(
        await refused(s, stranger, "openCase", "OpenCaseInput", {
          orderId: s.orderId,
          reason: "NOT_RECEIVED",
          source: "BUYER",
        }),
      ).toEqual([{ code: "NOT_FOUND", field: ["input", "orderId"], message: "No such order." }]);
      const list = await graphql(s.api, `{ cases(first: 50) { edges { node { id } } } }`, { key: other.key });
      expect(list.body.data.cases.edges).toEqual([]);
    },
  );

  it("lists a seller's cases by status (nearest deadline first), reason, order and source", async () => {
    const s = await setup();
    const first = await openDispute(s, "NOT_RECEIVED");
    s.now = new Date(s.now.getTime() + 3_600_000);
    const second = await openDispute(s, "DAMAGED");
    s.now = new Date(s.now.getTime() + 3_600_000);
    const system = await ok(s, s.key, "openCase", "OpenCaseInput", {
      orderId: s.orderId,
      reason: "OTHER",
      source: "SYSTEM",
    });
    // The last change: after the system case opened, so the change order is first, system, second.
    s.now = new Date(s.now.getTime() + 3_600_000);
    await ok(s, s.key, "postCaseMessage", "PostCaseMessageInput", {
      caseId: second.id,
      direction: "SELLER",
      body: "On it.",
    });
    const ids = async (filter: Record<string, unknown>) =>
      (
        await graphql(
          s.api,
          `query($filter: CaseFilter) { cases(filter: $filter, first: 50) { edges { node { id } } } }`,
          { key: s.key, variables: { filter } },
        )
      ).body.data.cases.edges.map((e: any) => e.node.id);
    expect(await ids({})).toEqual([system.id, second.id, first.id]);
    expect(await ids({ status: "AWAITING_SELLER" })).toEqual([first.id, system.id]);
    expect(await ids({ status: "AWAITING_BUYER" })).toEqual([second.id]);
    expect(await ids({ reason: "DAMAGED" })).toEqual([second.id]);
    expect(await ids({ source: "SYSTEM" })).toEqual([system.id]);
    expect(await ids({ orderId: s.orderId, source: "BUYER" })).toEqual([second.id, first.id]);
    expect(await ids({ orderId: "01UNKNOWNORDER" })).toEqual([]);
    // With orderId the list is the order's own index, newest opened first whatever else the filter gives (as the
    // schema says): not the status queue's nearest deadline first, nor the change order of updatedSince.
    expect(await ids({ orderId: s.orderId, status: "AWAITING_SELLER" })).toEqual([system.id, first.id]);
    const since = new Date(s.now.getTime() - 24 * 3_600_000).toISOString();
    expect(await ids({ updatedSince: since })).toEqual([first.id, system.id, second.id]);
    expect(await ids({ orderId: s.orderId, updatedSince: since })).toEqual([system.id, second.id, first.id]);
  });

  it("the open-case queue is read live: a case whose respondBy restarts between pages comes again later", async () => {
    const s = await setup();
    const [first, second, third] = await threeDisputesAnHourApart(s);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await graphql(
          s.api,
          `query($after: String) { cases(first: 1, after: $after, filter: { status: AWAITING_SELLER }) { ` +
            `edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { key: s.key, variables: { after } },
        )
      ).body.data.cases;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      if (seen.length === 1) {
        // The seller answers the case just read and the buyer writes back: its respondBy restarts, after the
        // other two (a buyer's reminder before the seller answers leaves respondBy where it was).
        s.now = new Date(s.now.getTime() + 3_600_000);
        await ok(s, s.key, "postCaseMessage", "PostCaseMessageInput", {
          caseId: first.id,
          direction: "SELLER",
          body: "We are checking with the carrier.",
        });
        await ok(s, s.marketplace, "postCaseMessage", "PostCaseMessageInput", {
          caseId: first.id,
          direction: "BUYER",
          body: "Any news?",
        });
      }
    } while (after && seen.length < 10);
    // What the `cases` description and using-the-api.md tell clients: deduplicate by id.
    expect(seen).toEqual([first.id, second.id, third.id, first.id]);
    expect(new Set(seen)).toEqual(new Set([first.id, second.id, third.id]));
  });

  it("the due-within-24h queue pages on while the case a page ended on passes its respondBy", async () => {
    // The window starts at the request's `now`: between two pages the last case of the first may fall below it, and
    // its cursor with it. Three cases due an hour apart.
    const s = await setup();
    const [first, second, third] = await threeDisputesAnHourApart(s);
    const page = async (first: number, after: string | null) => {
      const response = await graphql(
        s.api,
        `query($first: Int, $after: String) { cases(first: $first, after: $after, ` +
          `filter: { status: AWAITING_SELLER, dueWithin24h: true }) { ` +
          `edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { key: s.key, variables: { first, after } },
      );
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      return response.body.data.cases;
    };

    s.now = new Date(Date.parse(first.respondBy) - 3_600_000);
    const one = await page(1, null);
    expect(one.edges.map((e: any) => e.node.id)).toEqual([first.id]);
    // Half an hour past the first case's deadline: the next page goes on from the earliest case still due.
    s.now = new Date(Date.parse(first.respondBy) + 1_800_000);
    const two = await page(1, one.pageInfo.endCursor);
    expect(two.edges.map((e: any) => e.node.id)).toEqual([second.id]);
    expect(two.pageInfo.hasNextPage).toBe(true);
    const rest = await page(5, two.pageInfo.endCursor);
    expect(rest.edges.map((e: any) => e.node.id)).toEqual([third.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });
  it("a filter's left-out fields sent as null on the next page keep the cursor's place", async () => {
    const s = await setup();
    const opened = [];
    for (const reason of ["NOT_RECEIVED", "DAMAGED", "NOT_AS_DESCRIBED"]) {
      opened.push((await openDispute(s, reason)).id);
      s.now = new Date(s.now.getTime() + 3_600_000);
    }
    const page = async (filter: Record<string, unknown> | null, after: string | null) =>
      (
        await graphql(
          s.api,
          "query($filter: CaseFilter, $after: String) { cases(first: 1, after: $after, filter: $filter) { " +
            "edges { node { id } } pageInfo { endCursor } } }",
          { key: s.key, variables: { filter, after } },
        )
      ).body;
    const first = (await page({ status: "AWAITING_SELLER" }, null)).data.cases;
    const spelledOut = await page(
      { status: "AWAITING_SELLER", reason: null, orderId: null, source: null, updatedSince: null, owesAnswer: null },
      first.pageInfo.endCursor,
    );
    expect(spelledOut.errors).toBeUndefined();
    expect(spelledOut.data.cases.edges.map((e: any) => e.node.id)).toEqual([opened[1]]);
    // A cursor of the unfiltered list continues under null and an empty filter alike, and no further.
    const unfiltered = (await page(null, null)).data.cases;
    expect((await page({}, unfiltered.pageInfo.endCursor)).errors).toBeUndefined();
    const refused = await page({ status: "AWAITING_SELLER" }, unfiltered.pageInfo.endCursor);
    expect(refused.errors?.[0]?.message).toContain("different list");
  });

  it("pages through a long timeline, newest first, with no event lost or repeated", async () => {
    const s = await setup();
    const opened = await openDispute(s);
    for (let i = 0; i < 12; i++) {
      s.now = new Date(s.now.getTime() + 60_000);
      await ok(s, i % 2 ? s.key : s.marketplace, "postCaseMessage", "PostCaseMessageInput", {
        caseId: opened.id,
        direction: i % 2 ? "SELLER" : "BUYER",
        body: `message ${i}`,
      });
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await graphql(
          s.api,
          `query($after: String) { case(id: "${opened.id}") { timeline(first: 5, after: $after) { edges { node { ` +
            `id body } } pageInfo { hasNextPage endCursor } } } }`,
          { key: s.key, variables: { after } },
        )
      ).body.data.case.timeline;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(14);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(await scanWhere("Cases", (i) => i.caseId === opened.id && i.entity === "EVENT")).toHaveLength(14);
  });
});
