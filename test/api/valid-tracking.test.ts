import { describe, expect, it } from "vitest";
import * as Maintenance from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * `reportInvalidTracking` through the Lambda handler: the platform's report that the carrier does not know a shipped
 * order's number moves the seller's valid-tracking rate, once per order, and only the platform's side may make it.
 */

const SELECTION = "order { id version trackingInvalidAt }";

async function shippedOrder(w: World, trackingNumber: string): Promise<string> {
  const order = await orderDue(w, 24);
  await mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId: order.id, carrier: "Cainiao", trackingNumber },
    "order { id }",
  );
  return order.id;
}

const report = (w: World, key: string, input: Record<string, unknown>) =>
  graphql(
    w.api,
    `mutation($input: ReportInvalidTrackingInput!) { reportInvalidTracking(input: $input) { ${SELECTION}
      userErrors { field code message } } }`,
    { key, variables: { input } },
  );

async function trackingHealth(w: World) {
  const r = await graphql(
    w.api,
    `query($id: ID!) { seller(id: $id) { health { metrics { name numerator denominator status explanation }
      risk { recommendedActions { code } } } } }`,
    { key: w.key, variables: { id: w.sellerId } },
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  const health = r.body.data.seller.health;
  return {
    metric: health.metrics.find((m: { name: string }) => m.name === "VALID_TRACKING_RATE"),
    actions: health.risk.recommendedActions.map((a: { code: string }) => a.code) as string[],
  };
}

const trackingEvents = async (w: World) =>
  (await scanTable(w.db, "Events")).filter((i) => i.type === "ORDER_TRACKING_INVALID").length;

describe("reportInvalidTracking", () => {
  it("moves the valid-tracking rate once per order, for the platform's side only", { timeout: 120_000 }, async () => {
    const w = await world();
    const first = await shippedOrder(w, "LP00000001CN");
    const second = await shippedOrder(w, "LP00000002CN");
    const third = await shippedOrder(w, "LP00000003CN");
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 3, denominator: 3, status: "GOOD" });

    // The seller's side may not say its own numbers are good or bad: refused before anything is read or written.
    for (const key of [w.key, w.partner]) {
      const refused = await report(w, key, { orderId: first, trackingNumber: "LP00000001CN" });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(refused.body.errors?.[0]?.message).toContain("Only the platform");
    }
    expect(await trackingEvents(w)).toBe(0);

    const reported = await report(w, w.marketplace, {
      orderId: first,
      trackingNumber: "LP00000001CN",
      idempotencyKey: "relay-0001",
    });
    const order = reported.body.data.reportInvalidTracking.order;
    expect(reported.body.data.reportInvalidTracking.userErrors).toEqual([]);
    expect(order).toMatchObject({ id: first, trackingInvalidAt: w.now.toISOString() });

    // The relay retried: with its key, under another key, and without one. The answer is the order as it is; nothing
    // is written again and the rate counts the shipment out once.
    for (const idempotencyKey of ["relay-0001", "relay-0002", undefined]) {
      const again = await report(w, w.marketplace, { orderId: first, trackingNumber: "LP00000001CN", idempotencyKey });
      expect(again.body.data.reportInvalidTracking).toMatchObject({
        order: { version: order.version },
        userErrors: [],
      });
    }
    expect(await trackingEvents(w)).toBe(1);
    const after = await trackingHealth(w);
    expect(after.metric).toMatchObject({ numerator: 2, denominator: 3, status: "BAD" });
    expect(after.metric.explanation).toContain("reported invalid by the marketplace");
    expect(after.actions).toContain("SHIP_WITH_VALID_TRACKING");

    // A number the order does not carry, and an order not shipped yet: refused, nothing written.
    const wrong = await report(w, w.marketplace, { orderId: second, trackingNumber: "LP99999999CN" });
    expect(wrong.body.data.reportInvalidTracking.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "trackingNumber"] }),
    ]);
    const unshipped = await orderDue(w, 24);
    const early = await report(w, w.marketplace, { orderId: unshipped.id, trackingNumber: "LP00000004CN" });
    expect(early.body.data.reportInvalidTracking.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_TRANSITION" }),
    ]);
    expect(await trackingEvents(w)).toBe(1);

    // An operator reports for the platform too.
    const byOperator = await report(w, w.operator, { orderId: third, trackingNumber: "LP00000003CN" });
    expect(byOperator.body.data.reportInvalidTracking.userErrors).toEqual([]);
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 1, denominator: 3 });

    // The counters are what the orders say: a rebuild finds nothing to correct.
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await checkInvariants(w.db);
  });
});
