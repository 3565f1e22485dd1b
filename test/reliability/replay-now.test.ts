import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { scanTable } from "../support/scan";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * A replay's objects are read as they are now (docs/using-the-api.md, "Idempotency keys"): the key's record keeps the
 * copy the first attempt answered, but `late`, `timeLeftSeconds`, the remedy plan and `availableActions` read the
 * clock and the live order. Answered from the old copy, a retry after the order shipped in time read it late and
 * unshipped: a state it never was in, on which a partner tool would send the buyer an apology.
 */

const ORDER_FIELDS = "id version status late timeLeftSeconds remedyPlan { steps { code } }";
const advance = (w: World, ms: number) => (w.now = new Date(w.now.getTime() + ms));

const orderDueIn = (w: World, hours: number, marketplaceOrderId: string) => ({
  marketplaceOrderId,
  items: [{ sku: "SKU-R", title: "Replay item", quantity: 1 }],
  buyerTotal: { amountMinor: 4000, currency: "USD" },
  settlementAmount: { amountMinor: 26000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: new Date(w.now.getTime() - 48 * HOUR).toISOString(),
  shipBy: new Date(w.now.getTime() + hours * HOUR).toISOString(),
});

async function ship(w: World, orderId: string, expectedVersion: number) {
  const shipped = await mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId, carrier: "CAINIAO", trackingNumber: "LP00123456789CN", expectedVersion },
    "order { status }",
  );
  expect(shipped.userErrors).toEqual([]);
}

const ordersStored = async (w: World) => (await scanTable(w.db, "Orders")).filter((i) => i.sk === "ORDER").length;

describe("a replay answers its objects as they are now", () => {
  it("createOrder retried after the order shipped in time and its shipBy passed: shipped, not late", async () => {
    const w = await world();
    const input = { ...orderDueIn(w, 2, "AE-REPLAY-1"), idempotencyKey: "replay-now-create-1" };
    const create = () => mutate(w, w.key, "createOrder", "CreateOrderInput", input, `order { ${ORDER_FIELDS} }`);
    const first = await create();
    expect(first.order).toMatchObject({ status: "AWAITING_SHIPMENT", late: false });
    await ship(w, first.order.id, first.order.version);

    advance(w, 3 * HOUR); // past shipBy, within the key's 24 hours
    const retried = await create();
    expect(retried.userErrors).toEqual([]);
    expect(retried.order).toMatchObject({
      id: first.order.id,
      status: "SHIPPED",
      late: false,
      timeLeftSeconds: null,
      remedyPlan: null,
    });
    expect(retried.order.version).toBeGreaterThan(first.order.version);
    expect(await ordersStored(w)).toBe(1); // still a replay: no second order
  });

  it("importOrders retried after an order shipped: each order's result reads the order now", async () => {
    const w = await world();
    const input = { orders: [orderDueIn(w, 2, "AE-REPLAY-2")], idempotencyKey: "replay-now-import-1" };
    const run = () =>
      mutate(w, w.key, "importOrders", "ImportOrdersInput", input, `results { outcome order { ${ORDER_FIELDS} } }`);
    const first = await run();
    expect(first.results[0]).toMatchObject({ outcome: "CREATED", order: { status: "AWAITING_SHIPMENT" } });
    await ship(w, first.results[0].order.id, first.results[0].order.version);

    advance(w, 3 * HOUR);
    const retried = await run();
    expect(retried.results[0]).toMatchObject({ outcome: "CREATED", order: { status: "SHIPPED", late: false } });
    expect(await ordersStored(w)).toBe(1);
  });

  it("a retried importOrders reads its orders again in one batch, not one read per order", async () => {
    const w = await world();
    const orders = ["AE-REPLAY-3", "AE-REPLAY-4", "AE-REPLAY-5"].map((id) => orderDueIn(w, 2, id));
    const input = { orders, idempotencyKey: "replay-now-import-2" };
    const run = () => mutate(w, w.key, "importOrders", "ImportOrdersInput", input, "results { outcome order { id } }");
    const first = await run();
    const ids = first.results.map((r: { order: { id: string } }) => r.order.id);
    expect(ids).toHaveLength(3);

    // The order keys of each BatchGetItem the retry sends (the handler's document client is the world's).
    const orderBatches: string[][] = [];
    w.db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const items = (args as { input?: { RequestItems?: Record<string, { Keys: { pk?: unknown }[] }> } }).input
          ?.RequestItems;
        const keys = items?.[w.db.tables.Orders]?.Keys;
        if (context.commandName === "BatchGetItemCommand" && keys) orderBatches.push(keys.map((k) => String(k.pk)));
        return next(args);
      },
      { step: "initialize", name: "watchOrderReads" },
    );
    const retried = await run().finally(() => w.db.doc.middlewareStack.remove("watchOrderReads"));
    expect(retried.results.map((r: { order: { id: string } }) => r.order.id)).toEqual(ids);
    expect(orderBatches).toHaveLength(1);
    expect(ids.every((id: string) => orderBatches[0]!.some((pk) => pk.includes(id)))).toBe(true);
  });

  it("makeCompensationOffer retried after the buyer accepted: the case resolved and the offer accepted", async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    const input = {
      caseId,
      kind: "PARTIAL_REFUND",
      amount: { amountMinor: 500, currency: "USD" },
      expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
      expectedVersion: version,
      idempotencyKey: "replay-now-offer-1",
    };
    const offer = () =>
      mutate(
        w,
        w.key,
        "makeCompensationOffer",
        "MakeCompensationOfferInput",
        input,
        "case { status availableActions offers { id status } }",
      );
    const first = await offer();
    expect(first.case).toMatchObject({ status: "OFFER_PENDING", offers: [{ status: "PENDING" }] });
    const accepted = await graphql(
      w.api,
      `mutation($input: RespondToCompensationOfferInput!) {
        respondToCompensationOffer(input: $input) { userErrors { code } } }`,
      { key: w.marketplace, variables: { input: { caseId, offerId: first.case.offers[0].id, accept: true } } },
    );
    expect(accepted.body.data.respondToCompensationOffer.userErrors).toEqual([]);

    advance(w, HOUR);
    const retried = await offer();
    expect(retried.userErrors).toEqual([]);
    expect(retried.case).toMatchObject({ status: "RESOLVED", offers: [{ status: "ACCEPTED" }] });
    expect(retried.case.availableActions).not.toContain("WITHDRAW_OFFER");
  });

  it("applyForDepositRefund retried after the operator approved: application decided, deposit refunded", async () => {
    const w = await world();
    const day = 24 * HOUR;
    const recorded = await mutate(
      w,
      w.operator,
      "recordDeposit",
      "RecordDepositInput",
      {
        sellerId: w.sellerId,
        kind: "LIMITED_TERM",
        amount: { amountMinor: 100_000, currency: "CNY" },
        paidAt: new Date(w.now.getTime() - 400 * day).toISOString(),
        termStart: new Date(w.now.getTime() - 400 * day).toISOString(),
        termEnd: new Date(w.now.getTime() - 30 * day).toISOString(),
        salesTarget: { amountMinor: 100, currency: "CNY" },
      },
      "deposit { id }",
    );
    expect(recorded.userErrors).toEqual([]);
    const input = {
      depositId: recorded.deposit.id,
      documents: [
        { kind: "SALES_DATA", reference: "evidence/2026/sales.csv", checksum: "a".repeat(64), title: "Sales" },
        { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/2026/qc.pdf", checksum: "b".repeat(64), title: "QC" },
      ],
      idempotencyKey: "replay-now-deposit-1",
    };
    const fields = "application { id status currentEligibility { eligible } } deposit { status version }";
    const apply = () => mutate(w, w.key, "applyForDepositRefund", "ApplyForDepositRefundInput", input, fields);
    const first = await apply();
    expect(first.application.status).toBe("PENDING");
    const decided = await mutate(
      w,
      w.operator,
      "decideDepositRefund",
      "DecideDepositRefundInput",
      { applicationId: first.application.id, outcome: "APPROVE_FULL" },
      "application { status } deposit { status }",
    );
    expect(decided.userErrors).toEqual([]);

    advance(w, HOUR);
    const retried = await apply();
    expect(retried.userErrors).toEqual([]);
    expect(retried.application).toMatchObject({ id: first.application.id, status: decided.application.status });
    expect(retried.application.currentEligibility).toBeNull(); // decided: no eligibility of today to weigh
    expect(retried.deposit.status).toBe(decided.deposit.status);
    expect(retried.deposit.version).toBeGreaterThan(first.deposit.version);
  });
});
