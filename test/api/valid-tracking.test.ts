import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
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

describe("a tracking number", () => {
  it("needs 4 letters or digits, dashes only between them: none of dashes alone ships the order", async () => {
    const w = await world();
    const order = await orderDue(w, 24);
    const ship = (trackingNumber: string) =>
      mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "Cainiao", trackingNumber },
        "order { status trackingNumber version }",
      );
    for (const refused of ["----", "-----------", "-LP0001", "LP0001-", "LP--0001", "A-B-C"]) {
      expect(await ship(refused), refused).toMatchObject({
        order: null,
        userErrors: [{ field: ["input", "trackingNumber"], code: "INVALID_INPUT" }],
      });
    }
    // Nothing was written by the refusals: the order is as created, and ships with a real number.
    expect(await ship("LX-123-456-789-CN")).toMatchObject({
      order: { status: "SHIPPED", trackingNumber: "LX-123-456-789-CN", version: 2 },
      userErrors: [],
    });
  });
});

describe("reportInvalidTracking", () => {
  it("reports a number stored before the rule (dashes alone) by that number, and takes no other", async () => {
    const w = await world();
    const orderId = await shippedOrder(w, "LP00000009CN");
    // As an order shipped before tracking numbers needed 4 letters or digits still carries it.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: { pk: `ORDER#${orderId}`, sk: "ORDER" },
        UpdateExpression: "SET trackingNumber = :t",
        ExpressionAttributeValues: { ":t": "----" },
      }),
    );
    const other = await report(w, w.marketplace, { orderId, trackingNumber: "-----" });
    expect(other.body.data.reportInvalidTracking.userErrors).toMatchObject([{ code: "INVALID_INPUT" }]);
    const same = await report(w, w.marketplace, { orderId, trackingNumber: "----" });
    expect(same.body.data.reportInvalidTracking).toMatchObject({
      order: { id: orderId, trackingInvalidAt: w.now.toISOString() },
      userErrors: [],
    });
  });

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

const withdraw = (w: World, key: string, input: Record<string, unknown>) =>
  graphql(
    w.api,
    `mutation($input: WithdrawInvalidTrackingReportInput!) { withdrawInvalidTrackingReport(input: $input) {
      ${SELECTION} userErrors { field code message } } }`,
    { key, variables: { input } },
  );

const orderVersion = async (w: World, id: string) =>
  Number((await scanTable(w.db, "Orders")).find((i) => i.sk === "ORDER" && i.id === id)?.version);

const withdrawnEvents = async (w: World) =>
  (await scanTable(w.db, "Events")).filter((i) => i.type === "ORDER_TRACKING_REPORT_WITHDRAWN").length;

/** The withdrawals' events as stored (what the events query and webhooks deliver, after their settle window). */
const withdrawalsOf = async (w: World, orderId: string) =>
  (await scanTable(w.db, "Events"))
    .filter((i) => i.type === "ORDER_TRACKING_REPORT_WITHDRAWN" && i.objectId === orderId)
    .map((i) => ({ type: i.type, objectVersion: i.objectVersion, payload: i.payload }));

describe("withdrawInvalidTrackingReport", () => {
  it("puts the shipment back into the valid-tracking rate, once, with its reason", { timeout: 120_000 }, async () => {
    const w = await world();
    const first = await shippedOrder(w, "LP00000011CN");
    const second = await shippedOrder(w, "LP00000012CN");
    await shippedOrder(w, "LP00000013CN");
    const noReport = { orderId: first, reason: "A scan turned up." };

    // Nothing reported yet: nothing to withdraw, nothing written.
    const versionBefore = await orderVersion(w, first);
    const early = await withdraw(w, w.marketplace, noReport);
    expect(early.body.data.withdrawInvalidTrackingReport).toMatchObject({
      order: null,
      userErrors: [{ code: "TRACKING_NOT_REPORTED_INVALID", field: ["input", "orderId"], message: expect.any(String) }],
    });
    expect(await orderVersion(w, first)).toBe(versionBefore);
    expect(await withdrawnEvents(w)).toBe(0);

    await report(w, w.marketplace, { orderId: first, trackingNumber: "LP00000011CN" });
    await report(w, w.marketplace, { orderId: second, trackingNumber: "LP00000012CN" });
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 1, denominator: 3, status: "BAD" });

    // The seller's side may not take the report back any more than make it.
    for (const key of [w.key, w.partner]) {
      const refused = await withdraw(w, key, noReport);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    // Bad input and a stale version: refused, nothing written.
    for (const [input, code, field] of [
      [{ ...noReport, reason: "   " }, "INVALID_INPUT", ["input", "reason"]],
      [{ ...noReport, reason: "x".repeat(281) }, "INVALID_INPUT", ["input", "reason"]],
      [{ ...noReport, expectedVersion: 1 }, "VERSION_CONFLICT", ["input", "expectedVersion"]],
    ] as const) {
      const refused = await withdraw(w, w.marketplace, input);
      expect(refused.body.data.withdrawInvalidTrackingReport.userErrors).toEqual([
        expect.objectContaining({ code, field }),
      ]);
    }
    expect(await withdrawnEvents(w)).toBe(0);
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 1, denominator: 3 });

    const reported = await orderVersion(w, first);
    const withdrawn = await withdraw(w, w.marketplace, {
      ...noReport,
      expectedVersion: reported,
      idempotencyKey: "withdraw-0001",
    });
    expect(withdrawn.body.data.withdrawInvalidTrackingReport).toMatchObject({
      order: { id: first, trackingInvalidAt: null, version: reported + 1 },
      userErrors: [],
    });
    // The seller's health and risk read the restored rate; the event tells it why, at the order's new version.
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 2, denominator: 3 });
    expect(await withdrawalsOf(w, first)).toEqual([
      {
        type: "ORDER_TRACKING_REPORT_WITHDRAWN",
        objectVersion: reported + 1,
        payload: expect.objectContaining({ id: first, reason: "A scan turned up.", trackingInvalidAt: null }),
      },
    ]);
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);

    // Retried under its key: the same answer, once. Under another key, the report no longer stands.
    const replay = await withdraw(w, w.marketplace, {
      ...noReport,
      expectedVersion: reported,
      idempotencyKey: "withdraw-0001",
    });
    expect(replay.body.data.withdrawInvalidTrackingReport).toEqual(withdrawn.body.data.withdrawInvalidTrackingReport);
    const again = await withdraw(w, w.marketplace, { ...noReport, idempotencyKey: "withdraw-0002" });
    expect(again.body.data.withdrawInvalidTrackingReport.userErrors).toEqual([
      expect.objectContaining({ code: "TRACKING_NOT_REPORTED_INVALID" }),
    ]);
    expect(await withdrawnEvents(w)).toBe(1);
    expect(await orderVersion(w, first)).toBe(reported + 1);

    // A new report after the withdrawal counts the shipment out again, once however often it is repeated.
    for (const idempotencyKey of ["relay-0011", "relay-0012"]) {
      await report(w, w.marketplace, { orderId: first, trackingNumber: "LP00000011CN", idempotencyKey });
    }
    expect(await trackingEvents(w)).toBe(3);
    expect((await trackingHealth(w)).metric).toMatchObject({ numerator: 1, denominator: 3, status: "BAD" });
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);

    // An operator withdraws for the platform too: both shipments count again, and the risk no longer asks for it.
    for (const orderId of [first, second]) {
      const byOperator = await withdraw(w, w.operator, { orderId, reason: "The carrier confirmed the scans." });
      expect(byOperator.body.data.withdrawInvalidTrackingReport.userErrors).toEqual([]);
    }
    const restored = await trackingHealth(w);
    expect(restored.metric).toMatchObject({ numerator: 3, denominator: 3, status: "GOOD" });
    expect(restored.actions).not.toContain("SHIP_WITH_VALID_TRACKING");
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await checkInvariants(w.db);
  });
});
