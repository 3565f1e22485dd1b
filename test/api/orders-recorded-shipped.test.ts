import { beforeEach, describe, expect, it } from "vitest";
import { EventsRepo } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { HOUR, testEpoch } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { mutate, world as newWorld, type World } from "../support/world";

/**
 * Orders a partner's sync records after the seller already shipped them (`shipment` on createOrder / importOrders),
 * through the exported Lambda handler, with the late-order job on the same clock.
 */

// Today (the test epoch): an idempotency record kept at T0 expires in the real future, as DynamoDB Local needs.
const T0 = testEpoch();
const iso = (hoursFromT0: number) => new Date(T0.getTime() + hoursFromT0 * HOUR).toISOString();
const ORDER = "order { id status version shipBy shippedAt shipmentDeclaredAt shippedLate late lateFlaggedAt carrier }";

/** Placed 5 days before T0, due 3 days before T0: recorded now, without a shipment it would be late at once. */
const pastOrder = (marketplaceOrderId: string, shipment?: Record<string, unknown>) => ({
  marketplaceOrderId,
  items: [{ sku: "LED-STRIP-5M", title: "LED strip 5 m", quantity: 1 }],
  buyerTotal: { amountMinor: 4000, currency: "USD" },
  settlementAmount: { amountMinor: 26000, currency: "CNY" },
  buyerCountry: "ES",
  placedAt: iso(-120),
  shipBy: iso(-72),
  ...(shipment ? { shipment } : {}),
});
const shipment = (shippedAt: string) => ({ carrier: "Cainiao", trackingNumber: "LP00123456789CN", shippedAt });

/** The seller's late-shipment rate as its health reads it. */
async function lateShipmentRate(w: World): Promise<{ numerator: number; denominator: number }> {
  const read = await graphql(
    w.api,
    `query($id: ID!) { seller(id: $id) { health { metrics { name numerator denominator } } } }`,
    { key: w.key, variables: { id: w.sellerId } },
  );
  const { numerator, denominator } = read.body.data.seller.health.metrics.find(
    (m: { name: string }) => m.name === "LATE_SHIPMENT_RATE",
  );
  return { numerator, denominator };
}

async function eventsOf(w: World, orderId: string) {
  return (await scanTable(w.db, "Events"))
    .map((item) => EventsRepo.fromItem(item))
    .filter((e) => e.objectId === orderId)
    .sort((a, b) => a.eventId.localeCompare(b.eventId))
    .map((e) => ({ type: e.type, version: e.objectVersion, status: e.payload.status }));
}

const casesOf = async (w: World) => (await scanTable(w.db, "Cases")).filter((item) => item.sk === "CASE");
const ordersOf = async (w: World) => (await scanTable(w.db, "Orders")).filter((item) => item.sk === "ORDER");

describe("an order recorded after it already shipped", () => {
  let w: World;
  beforeEach(async () => {
    w = await newWorld(T0);
  });

  it("shipped before shipBy: stored shipped on time, never late, no case, counted on time", async () => {
    const input = {
      sellerId: w.sellerId,
      ...pastOrder("AE-ON-TIME", shipment(iso(-96))),
      idempotencyKey: "recorded-shipped-0001",
    };
    const created = await mutate(w, w.partner, "createOrder", "CreateOrderInput", input, ORDER);
    expect(created.userErrors).toEqual([]);
    expect(created.order).toMatchObject({
      status: "SHIPPED",
      version: 2,
      shippedAt: iso(-96),
      shipmentDeclaredAt: iso(-96),
      shippedLate: false,
      late: false,
      lateFlaggedAt: null,
      carrier: "Cainiao",
    });
    // The events of a create and a shipment, in one write.
    expect(await eventsOf(w, created.order.id)).toEqual([
      { type: "ORDER_IMPORTED", version: 1, status: "AWAITING_SHIPMENT" },
      { type: "ORDER_SHIPPED", version: 2, status: "SHIPPED" },
    ]);
    // Never in the late-order job's index: the job does not examine it, and opens no case.
    const [stored] = await ordersOf(w);
    expect(stored!.nextCheckAt).toBeUndefined();
    expect(stored!.checkShard).toBeUndefined();
    expect(await w.lateOrders()).toMatchObject({ examined: 0, newlyLate: 0, casesOpened: 0 });
    expect(await casesOf(w)).toEqual([]);
    expect(await lateShipmentRate(w)).toEqual({ numerator: 0, denominator: 1 });
    // The same key and input answer the same order again, and write nothing more.
    const again = await mutate(w, w.partner, "createOrder", "CreateOrderInput", input, ORDER);
    expect(again).toEqual(created);
    expect(await ordersOf(w)).toHaveLength(1);
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("shipped after shipBy: counted late by its real shippedAt, and still no late-order case", async () => {
    const created = await mutate(
      w,
      w.partner,
      "createOrder",
      "CreateOrderInput",
      { sellerId: w.sellerId, ...pastOrder("AE-LATE", shipment(iso(-48))) },
      ORDER,
    );
    expect(created.order).toMatchObject({ status: "SHIPPED", shippedAt: iso(-48), shippedLate: true });
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 1 });
    expect(await w.lateOrders()).toMatchObject({ examined: 0, newlyLate: 0, casesOpened: 0 });
    expect(await casesOf(w)).toEqual([]);
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("refuses a shippedAt in the future or before placedAt, and writes nothing", async () => {
    const refusals = [];
    for (const shippedAt of [iso(1), iso(-121)]) {
      const refused = await mutate(
        w,
        w.partner,
        "createOrder",
        "CreateOrderInput",
        { sellerId: w.sellerId, ...pastOrder(`AE-${shippedAt}`, shipment(shippedAt)) },
        ORDER,
      );
      expect(refused.order).toBeNull();
      refusals.push(...refused.userErrors);
    }
    expect(refusals).toEqual([
      {
        code: "INVALID_INPUT",
        field: ["input", "shipment", "shippedAt"],
        message: "shippedAt cannot be in the future.",
      },
      {
        code: "INVALID_INPUT",
        field: ["input", "shipment", "shippedAt"],
        message: "shippedAt cannot be before the order was placed.",
      },
    ]);
    expect(await ordersOf(w)).toEqual([]);
    expect(await scanTable(w.db, "Events")).toEqual([]);
    expect(await lateShipmentRate(w)).toEqual({ numerator: 0, denominator: 0 });
  });

  it("importOrders: each order with its shipment stands alone; the unshipped one alone goes late", async () => {
    const imported = await mutate(
      w,
      w.partner,
      "importOrders",
      "ImportOrdersInput",
      {
        sellerId: w.sellerId,
        orders: [
          pastOrder("AE-IMP-ON-TIME", shipment(iso(-96))),
          pastOrder("AE-IMP-LATE", shipment(iso(-48))),
          pastOrder("AE-IMP-FUTURE", shipment(iso(1))),
          pastOrder("AE-IMP-UNSHIPPED"),
        ],
      },
      `results { index outcome errors { field code } ${ORDER} }`,
    );
    expect(imported.results).toMatchObject([
      { outcome: "CREATED", order: { status: "SHIPPED", version: 2, shippedLate: false } },
      { outcome: "CREATED", order: { status: "SHIPPED", version: 2, shippedLate: true } },
      {
        outcome: "REJECTED",
        order: null,
        errors: [{ code: "INVALID_INPUT", field: ["input", "orders", "2", "shipment", "shippedAt"] }],
      },
      { outcome: "CREATED", order: { status: "AWAITING_SHIPMENT", version: 1 } },
    ]);
    expect(await eventsOf(w, imported.results[0].order.id)).toEqual([
      { type: "ORDER_IMPORTED", version: 1, status: "AWAITING_SHIPMENT" },
      { type: "ORDER_SHIPPED", version: 2, status: "SHIPPED" },
    ]);
    // The job examines the unshipped order only, and opens its one case.
    expect(await w.lateOrders()).toMatchObject({ examined: 1, newlyLate: 1, casesOpened: 1 });
    expect((await casesOf(w)).map((c) => c.orderId)).toEqual([imported.results[3].order.id]);
    expect(await lateShipmentRate(w)).toEqual({ numerator: 2, denominator: 3 });
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });
});
