import { describe, expect, it } from "vitest";
import { Stats, Orders } from "@seller-ops/core";
import { StatsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { makeSeller, orderInput, scanWhere, testDb } from "../support/fixtures";

const PAYLOAD = `order { id status version expedited expeditedAt deliveredAt cancelledAt cancelReason shippedLate
  incidents { cause note supportTicketRef } } userErrors { field message code }`;

const mutate = async (
  h: ReturnType<typeof createGraphqlHandler>,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
) => {
  const response = await graphql(h, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${PAYLOAD} } }`, {
    key,
    variables: { input },
  });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data[name] as {
    order: any;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
};

describe("the order lifecycle", () => {
  it(
    "goes AWAITING_SHIPMENT → SHIPPED → DELIVERED, and refuses " + "every other move naming the current status",
    async () => {
      const h = createGraphqlHandler();
      const { key } = await makeSeller();
      const created = await mutate(h, key, "createOrder", "CreateOrderInput", orderInput());
      const id = created.order.id;

      const early = await mutate(h, key, "markOrderDelivered", "MarkOrderDeliveredInput", { orderId: id });
      expect(early.userErrors).toEqual([
        expect.objectContaining({ code: "INVALID_TRANSITION", message: expect.stringContaining("AWAITING_SHIPMENT") }),
      ]);

      const expedited = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", {
        orderId: id,
        expectedVersion: 1,
      });
      expect(expedited.order).toMatchObject({ expedited: true, version: 2 });
      const twice = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id });
      expect(twice.userErrors[0]?.code).toBe("INVALID_TRANSITION");

      await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
        orderId: id,
        carrier: "Cainiao",
        trackingNumber: "LP1234567CN",
      });
      const cancel = await mutate(h, key, "cancelOrder", "CancelOrderInput", { orderId: id, reason: "OUT_OF_STOCK" });
      expect(cancel.userErrors).toEqual([
        expect.objectContaining({ code: "INVALID_TRANSITION", message: expect.stringContaining("SHIPPED") }),
      ]);
      const expediteShipped = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id });
      expect(expediteShipped.userErrors[0]?.message).toContain("SHIPPED");

      const delivered = await mutate(h, key, "markOrderDelivered", "MarkOrderDeliveredInput", { orderId: id });
      expect(delivered.order).toMatchObject({ status: "DELIVERED", version: 4 });
      const after = await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
        orderId: id,
        carrier: "DHL",
        trackingNumber: "JD1234567",
      });
      expect(after.userErrors[0]).toMatchObject({
        code: "INVALID_TRANSITION",
        message: expect.stringContaining("DELIVERED"),
      });
    },
  );

  it("marks an order expedited again once at risk when marked before it; never twice otherwise", async () => {
    let now = new Date("2026-11-20T03:00:00.000Z");
    const h = createGraphqlHandler({ clock: () => now });
    const { key } = await makeSeller();
    const created = await mutate(h, key, "createOrder", "CreateOrderInput", {
      ...orderInput({ placedAt: "2026-11-20T02:00:00.000Z", handlingDays: 3 }),
    });
    const { id } = created.order;
    const shipBy = Date.parse(
      (await graphql(h, `query($id: ID!) { order(id: $id) { shipBy } }`, { key, variables: { id } })).body.data.order
        .shipBy,
    );
    const risk = async () => {
      const read = await graphql(
        h,
        `query($id: ID!) { order(id: $id) { expeditedAt risk { factors { code contribution }
          recommendedActions { code } } } }`,
        { key, variables: { id } },
      );
      const { expeditedAt, risk } = read.body.data.order;
      return {
        expeditedAt,
        expedite: risk.factors.find((f: { code: string }) => f.code === "EXPEDITE").contribution,
        actions: risk.recommendedActions.map((a: { code: string }) => a.code),
      };
    };
    // A tool marks it as it is placed; marking it again while the at-risk window is ahead is refused.
    expect((await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id })).userErrors).toEqual([]);
    const again = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id });
    expect(again.userErrors[0]?.code).toBe("INVALID_TRANSITION");
    // 10 hours before shipBy the early mark is not credited: the advice is to expedite, and the mark is taken.
    now = new Date(shipBy - 10 * 3_600_000);
    const atRisk = await risk();
    expect(atRisk.expedite).toBeGreaterThan(0);
    expect(atRisk.actions).toContain("EXPEDITE_AND_SHIP");
    const renewed = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id, expectedVersion: 2 });
    expect(renewed.userErrors).toEqual([]);
    expect(renewed.order).toMatchObject({ expedited: true, expeditedAt: now.toISOString(), version: 3 });
    const handled = await risk();
    expect(handled.expedite).toBe(0);
    expect(handled.actions).toContain("SHIP_BEFORE_DEADLINE");
    expect(handled.actions).not.toContain("EXPEDITE_AND_SHIP");
    // This mark counts: a third is refused, and nothing is written.
    now = new Date(shipBy - 3_600_000);
    const third = await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: id });
    expect(third.userErrors[0]?.code).toBe("INVALID_TRANSITION");
    expect((await risk()).expeditedAt).toBe(renewed.order.expeditedAt);
  });

  it("cancels only unshipped orders, with a reason, and takes them out of the late-order job's index", async () => {
    const h = createGraphqlHandler();
    const { seller, key } = await makeSeller();
    const { order } = await mutate(h, key, "createOrder", "CreateOrderInput", orderInput());
    const cancelled = await mutate(h, key, "cancelOrder", "CancelOrderInput", {
      orderId: order.id,
      reason: "BUYER_REQUESTED",
      note: "Buyer changed their mind.",
    });
    expect(cancelled.order).toMatchObject({ status: "CANCELLED", cancelReason: "BUYER_REQUESTED" });
    const [stored] = await scanWhere("Orders", (item) => item.sellerId === seller.id);
    expect(stored!.nextCheckAt).toBeUndefined();
    expect(stored!.checkShard).toBeUndefined();
    const bad = await graphql(
      h,
      `mutation { cancelOrder(input: { orderId: "${order.id}", reason: MAYBE }) { userErrors { code } } }`,
      { key },
    );
    expect(bad.status).toBe(400);
  });

  it("records shipping incidents; a system error needs the support ticket", async () => {
    const h = createGraphqlHandler();
    const { key } = await makeSeller();
    const { order } = await mutate(h, key, "createOrder", "CreateOrderInput", orderInput());
    const human = await mutate(h, key, "recordShippingIncident", "RecordShippingIncidentInput", {
      orderId: order.id,
      cause: "HUMAN_ERROR",
      note: "Picker missed the order.",
    });
    expect(human.order.incidents).toEqual([
      { cause: "HUMAN_ERROR", note: "Picker missed the order.", supportTicketRef: null },
    ]);
    const system = await mutate(h, key, "recordShippingIncident", "RecordShippingIncidentInput", {
      orderId: order.id,
      cause: "SYSTEM_ERROR",
      note: "Dropped by sync.",
    });
    expect(system.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "supportTicketRef"] }),
    ]);
    const empty = await mutate(h, key, "recordShippingIncident", "RecordShippingIncidentInput", {
      orderId: order.id,
      cause: "UNKNOWN",
      note: "",
    });
    expect(empty.userErrors).toEqual([expect.objectContaining({ field: ["input", "note"] })]);
  });
});

describe("importOrders", () => {
  const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
    results { index marketplaceOrderId outcome existingOrderId order { id marketplaceOrderId } errors { field code
      message } }
    createdCount duplicateCount rejectedCount userErrors { field code message } } }`;

  it("reports each order as created, duplicate or rejected, and one bad order does not stop the others", async () => {
    const h = createGraphqlHandler();
    const { seller, key } = await makeSeller();
    const existing = (
      await mutate(h, key, "createOrder", "CreateOrderInput", orderInput({ marketplaceOrderId: "AE-IMP-OLD" }))
    ).order;
    const row = (id: string, overrides: Record<string, unknown> = {}) => {
      const { idempotencyKey: _k, ...input } = orderInput({ marketplaceOrderId: id, ...overrides }) as Record<
        string,
        unknown
      >;
      return input;
    };
    const orders = [
      row("AE-IMP-1"),
      row("AE-IMP-OLD"),
      row("AE-IMP-2", { buyerTotal: { amountMinor: -5, currency: "USD" } }),
      row("AE-IMP-3", { settlementAmount: { amountMinor: 100, currency: "EUR" } }),
      row("AE-IMP-1"),
      row("AE-IMP-4"),
    ];
    const response = await graphql(h, IMPORT, {
      key,
      variables: { input: { orders, idempotencyKey: "import-batch-0001" } },
    });
    const payload = response.body.data.importOrders;
    expect(payload.userErrors).toEqual([]);
    expect(payload.results.map((r: any) => [r.index, r.marketplaceOrderId, r.outcome])).toEqual([
      [0, "AE-IMP-1", expect.stringMatching(/CREATED|DUPLICATE/)],
      [1, "AE-IMP-OLD", "DUPLICATE"],
      [2, "AE-IMP-2", "REJECTED"],
      [3, "AE-IMP-3", "REJECTED"],
      [4, "AE-IMP-1", expect.stringMatching(/CREATED|DUPLICATE/)],
      [5, "AE-IMP-4", "CREATED"],
    ]);
    // The same marketplace order id twice in one batch: exactly one of the two wins.
    expect([payload.results[0].outcome, payload.results[4].outcome].sort()).toEqual(["CREATED", "DUPLICATE"]);
    expect(payload.results[1].existingOrderId).toBe(existing.id);
    expect(payload.results[2].errors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "orders", "2", "buyerTotal", "amountMinor"] }),
    ]);
    expect(payload.results[3].errors).toEqual([
      expect.objectContaining({
        code: "CURRENCY_MISMATCH",
        field: ["input", "orders", "3", "settlementAmount", "currency"],
      }),
    ]);
    expect(payload).toMatchObject({ createdCount: 2, duplicateCount: 2, rejectedCount: 2 });
    expect(await scanWhere("Orders", (i) => i.sellerId === seller.id && i.sk === "ORDER")).toHaveLength(3);

    // A retry with the same key answers the same report and creates nothing more.
    const retry = await graphql(h, IMPORT, {
      key,
      variables: { input: { orders, idempotencyKey: "import-batch-0001" } },
    });
    expect(retry.body).toEqual(response.body);
    expect(await scanWhere("Orders", (i) => i.sellerId === seller.id && i.sk === "ORDER")).toHaveLength(3);
  });

  it("an order not matching the input types fails the whole request, naming its path, and writes nothing", async () => {
    const h = createGraphqlHandler();
    const { seller, key } = await makeSeller();
    const row = (id: string, amountMinor: number) => {
      const { idempotencyKey: _k, ...input } = orderInput({
        marketplaceOrderId: id,
        buyerTotal: { amountMinor, currency: "USD" },
      }) as Record<string, unknown>;
      return input;
    };
    // 19.99 * 100 is 1998.9999999999998 in binary floating point: a client's bug, not an amount.
    const orders = [row("AE-TYPE-1", 4000), row("AE-TYPE-2", 19.99 * 100), row("AE-TYPE-3", 5000)];
    const response = await graphql(h, IMPORT, { key, variables: { input: { orders } } });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('at "input.orders[1].buyerTotal.amountMinor"'),
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }),
      }),
    ]);
    expect(await scanWhere("Orders", (i) => i.sellerId === seller.id)).toEqual([]);
  });

  it("a retry that sends a left-out field as null is the same batch: each order answers what was done", async () => {
    const h = createGraphqlHandler();
    const { seller, key } = await makeSeller();
    const { idempotencyKey: _k, ...order } = orderInput({
      items: [{ sku: "SKU-1", title: "Phone case", quantity: 2 }],
    }) as Record<string, any>;
    const first = await graphql(h, IMPORT, {
      key,
      variables: { input: { orders: [order], idempotencyKey: "nulls-0001" } },
    });
    expect(first.body.data.importOrders.results[0].outcome).toBe("CREATED");

    const spelled = { ...order, shipBy: null, items: [{ ...order.items[0], unitPrice: null }] };
    const retry = await graphql(h, IMPORT, {
      key,
      variables: { input: { orders: [spelled], idempotencyKey: "nulls-0001" } },
    });
    expect(retry.body).toEqual(first.body);
    expect(await scanWhere("Orders", (i) => i.sellerId === seller.id && i.sk === "ORDER")).toHaveLength(1);
  });

  it("refuses more than 100 orders or none at all as a whole, writing nothing", async () => {
    const h = createGraphqlHandler();
    const { seller, key } = await makeSeller();
    const { idempotencyKey: _k, ...one } = orderInput() as Record<string, unknown>;
    for (const orders of [
      [],
      Array.from({ length: 101 }, (_, i) => ({ ...one, marketplaceOrderId: `AE-MANY-${i}` })),
    ]) {
      const response = await graphql(h, IMPORT, { key, variables: { input: { orders } } });
      expect(response.body.data.importOrders.results).toEqual([]);
      expect(response.body.data.importOrders.userErrors).toEqual([
        expect.objectContaining({ field: ["input", "orders"], code: "INVALID_INPUT" }),
      ]);
    }
    expect(await scanWhere("Orders", (i) => i.sellerId === seller.id)).toEqual([]);
  });
});

describe("seller statistics", () => {
  it("equal a recount from the orders after a mixed sequence of order changes", async () => {
    let now = new Date("2026-11-26T03:00:00.000Z");
    const h = createGraphqlHandler({ clock: () => now });
    // A seller in New York: days are counted in its own time zone.
    const { seller, key } = await makeSeller({ timeZone: "America/New_York" });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const placedAt = new Date(Date.UTC(2026, 10, 20 + (i % 4), 2 + i * 3)).toISOString();
      const created = await mutate(
        h,
        key,
        "createOrder",
        "CreateOrderInput",
        // The first has 10 days: its shipment, reported for the 21st, is declared (now) before its deadline, so it is
        // on time; the others' deadlines have passed, and a shipment declared after the deadline counts late.
        orderInput({
          placedAt,
          handlingDays: i === 0 ? 10 : 2,
          settlementAmount: { amountMinor: 1000 + i * 111, currency: "CNY" },
        }),
      );
      expect(created.userErrors).toEqual([]);
      ids.push(created.order.id);
    }
    await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
      orderId: ids[0],
      carrier: "DHL",
      trackingNumber: "JD0000001",
      shippedAt: "2026-11-21T01:00:00Z",
    });
    await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
      orderId: ids[1],
      carrier: "DHL",
      trackingNumber: "JD0000002",
    });
    await mutate(h, key, "markOrderDelivered", "MarkOrderDeliveredInput", { orderId: ids[1] });
    await mutate(h, key, "cancelOrder", "CancelOrderInput", { orderId: ids[2], reason: "OUT_OF_STOCK" });
    await mutate(h, key, "cancelOrder", "CancelOrderInput", { orderId: ids[3], reason: "BUYER_REQUESTED" });
    await mutate(h, key, "expediteOrder", "ExpediteOrderInput", { orderId: ids[4] });
    now = new Date("2026-11-27T20:00:00.000Z");
    await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
      orderId: ids[4],
      carrier: "DHL",
      trackingNumber: "JD0000005",
    });
    // Refused changes move no counter.
    await mutate(h, key, "cancelOrder", "CancelOrderInput", { orderId: ids[0], reason: "OTHER" });
    await mutate(h, key, "markOrderShipped", "MarkOrderShippedInput", {
      orderId: ids[5],
      carrier: "DHL",
      trackingNumber: "JD0000006",
      expectedVersion: 9,
    });

    const orders = (await scanWhere("Orders", (i) => i.sellerId === seller.id && i.sk === "ORDER")).map((i) =>
      Orders.Info.parse(i),
    );
    const expected = Stats.recount(orders, seller.timeZone);
    const stored = await StatsRepo.readDays(testDb(), seller.id, "2026-01-01", "2026-12-31");
    const nonZero = (days: Record<string, Stats.DayCounters>) =>
      Object.fromEntries(
        Object.entries(days)
          .map(([day, c]) => [day, Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0))])
          .filter(([, c]) => Object.keys(c as object).length > 0),
      );
    expect(nonZero(stored)).toEqual(nonZero(expected));
    const totals = Stats.sum(Object.values(stored));
    expect(totals).toMatchObject({
      ordersPlaced: 8,
      shippedOnTime: 1,
      shippedLate: 2,
      shippedWithTracking: 3,
      // The seller's own BUYER_REQUESTED counts against it: only the platform's word excuses a cancellation.
      cancelledBySeller: 2,
      cancelledByBuyer: 0,
    });
    expect(totals.settledSalesMinor).toBe(
      orders.filter((o) => o.status !== "CANCELLED").reduce((s, o) => s + o.settlementAmount.amountMinor, 0),
    );
  });
});
