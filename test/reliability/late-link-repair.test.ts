import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { CasesRepo, OrdersRepo, type Db } from "@seller-ops/db";
import { REPAIR_ACTOR, repairLateShipmentLinks } from "../../tools/repair-late-shipment-links";
import { HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * `npm run repair:late-links`: orders an earlier release left naming a buyer's LATE_SHIPMENT dispute as their
 * late-shipment incident are left as today's late-order job would have left them, and nothing else is touched.
 */

/** The buyer (the world's marketplace key) opens a LATE_SHIPMENT dispute; its id. */
async function buyerDisputesDelay(w: World, orderId: string): Promise<string> {
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId, reason: "LATE_SHIPMENT", source: "BUYER" },
    "case { id }",
  );
  expect(opened.userErrors).toEqual([]);
  return opened.case.id;
}

/** What the earlier release's case opening wrote on the order with the dispute: the order names it. */
async function linkAsOldRelease(db: Db, orderId: string, caseId: string) {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.tables.Orders,
      Key: OrdersRepo.orderKey(orderId),
      UpdateExpression: "SET lateShipmentCaseId = :c",
      ExpressionAttributeValues: { ":c": caseId },
    }),
  );
}

const order = async (w: World, id: string) => (await OrdersRepo.getOrder(w.db, id, { consistent: true }))!;
const kase = (w: World, id: string) => CasesRepo.getCase(w.db, id, { consistent: true });
const ship = (w: World, orderId: string) =>
  mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId, carrier: "Cainiao", trackingNumber: "LP00123456789" },
    "order { id }",
  );

/**
 * One world in the old shape: B, C and D flagged by the old job, which adopted their buyer's dispute (C cancelled, D
 * shipped since); A and G with a dispute linked before any flag (G shipped late first); E with the seller's own
 * incident, adopted; F with the job's incident.
 */
async function oldWorld() {
  const w = await world();
  const b = await orderDue(w, 2);
  const c = await orderDue(w, 2);
  const d = await orderDue(w, 2);
  const e = await orderDue(w, 2);
  const f = await orderDue(w, 2);
  w.now = new Date(w.now.getTime() + 3 * HOUR);
  const disputes: Record<string, string> = {};
  for (const o of [b, c, d]) {
    const id = await buyerDisputesDelay(w, o.id);
    disputes[o.id] = id;
    await linkAsOldRelease(w.db, o.id, id);
  }
  const own = await mutate(
    w,
    w.key,
    "openCase",
    "OpenCaseInput",
    { orderId: e.id, reason: "LATE_SHIPMENT", source: "SYSTEM" },
    "case { id }",
  );
  // Today's flagLate adopts whatever the order names: with the link written, it does what the old job did.
  expect(await w.lateOrders()).toMatchObject({ newlyLate: 5, casesOpened: 1, casesAdopted: 4, failures: 0 });
  await mutate(w, w.key, "cancelOrder", "CancelOrderInput", { orderId: c.id, reason: "OUT_OF_STOCK" }, "order { id }");
  await ship(w, d.id);
  const a = await orderDue(w, -1);
  disputes[a.id] = await buyerDisputesDelay(w, a.id);
  await linkAsOldRelease(w.db, a.id, String(disputes[a.id]));
  const g = await orderDue(w, -1);
  await ship(w, g.id);
  disputes[g.id] = await buyerDisputesDelay(w, g.id);
  await linkAsOldRelease(w.db, g.id, String(disputes[g.id]));
  w.now = new Date(w.now.getTime() + HOUR);
  return { w, a, b, c, d, e, f, g, ownCaseId: own.case.id as string, disputes };
}

// Each test builds its world through the API and the job: slower than the default 30 s on a loaded machine.
describe("npm run repair:late-links", { timeout: 180_000 }, () => {
  it("leaves each order as today's job would have, nothing else touched; the next job run does the rest", async () => {
    const { w, a, b, c, d, e, f, g, ownCaseId, disputes } = await oldWorld();
    const disputesBefore = await Promise.all(Object.values(disputes).map((id) => kase(w, id)));
    const untouched = await Promise.all([order(w, e.id), order(w, f.id)]);

    const report = await repairLateShipmentLinks(w.db, { clock: () => w.now });
    expect(report).toMatchObject({ dryRun: false, scanned: 7, current: 2, unlinked: 2, opened: 3, conflicts: 0 });
    expect(report.missing).toEqual([]);

    // Not flagged yet (A), or never to be (G, shipped before the job saw it): unlinked, no incident.
    for (const o of [a, g]) {
      expect((await order(w, o.id)).lateShipmentCaseId).toBeNull();
      expect(await kase(w, `late-${o.id}`)).toBeNull();
    }
    // Flagged: the job's incident, named by the order, open beside the dispute; ended with the cancelled order.
    for (const o of [b, d]) {
      const repaired = await order(w, o.id);
      expect(repaired.lateShipmentCaseId).toBe(`late-${o.id}`);
      expect(repaired.openCaseIds).toEqual([disputes[o.id], `late-${o.id}`]);
      expect(await kase(w, `late-${o.id}`)).toMatchObject({ source: "SYSTEM", status: "AWAITING_SELLER" });
    }
    const cancelled = await order(w, c.id);
    expect(cancelled.lateShipmentCaseId).toBe(`late-${c.id}`);
    expect(cancelled.openCaseIds).toEqual([disputes[c.id]]);
    expect(await kase(w, `late-${c.id}`)).toMatchObject({ status: "RESOLVED", outcome: "ORDER_CANCELLED" });
    // The buyers' disputes and the orders already right are as they were.
    expect(await Promise.all(Object.values(disputes).map((id) => kase(w, id)))).toEqual(disputesBefore);
    expect(await Promise.all([order(w, e.id), order(w, f.id)])).toEqual(untouched);
    expect(untouched[0].lateShipmentCaseId).toBe(ownCaseId);

    // The job's events for what it opened, and counters and overview that a recount agrees with.
    const events = (await scanTable(w.db, "Events")).filter((i) => i.actorKeyId === REPAIR_ACTOR);
    expect(events.map((i) => `${i.type} ${i.objectId}`).sort()).toEqual(
      [`late-${b.id}`, `late-${c.id}`, `late-${d.id}`]
        .map((id) => `CASE_OPENED ${id}`)
        .concat(`CASE_DECIDED late-${c.id}`)
        .sort(),
    );

    // The job's next run opens A's incident; a second repair finds nothing to do.
    w.now = new Date(w.now.getTime() + HOUR);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, casesAdopted: 0, failures: 0 });
    expect((await order(w, a.id)).lateShipmentCaseId).toBe(`late-${a.id}`);
    await checkInvariants(w.db);
    const orders = await scanTable(w.db, "Orders");
    const again = await repairLateShipmentLinks(w.db, { clock: () => w.now });
    expect(again).toMatchObject({ scanned: 6, current: 6, unlinked: 0, opened: 0, conflicts: 0, repaired: [] });
    expect(await scanTable(w.db, "Orders")).toEqual(orders);
  });

  it("a dry run reports what it would repair and writes nothing", async () => {
    const { w, a, b } = await oldWorld();
    const tables = ["Orders", "Cases", "Sellers", "Events"] as const;
    const before = await Promise.all(tables.map((t) => scanTable(w.db, t)));
    const report = await repairLateShipmentLinks(w.db, { clock: () => w.now, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, scanned: 7, current: 2, unlinked: 2, opened: 3, conflicts: 0 });
    expect(report.repaired).toContainEqual(
      expect.objectContaining({ orderId: a.id, action: "unlink", incident: null }),
    );
    expect(report.repaired).toContainEqual(
      expect.objectContaining({
        orderId: b.id,
        action: "open",
        incident: { id: `late-${b.id}`, status: "AWAITING_SELLER" },
      }),
    );
    expect(await Promise.all(tables.map((t) => scanTable(w.db, t)))).toEqual(before);
  });

  it("an order changed since it was read is a conflict, left as it is, and a second run repairs it", async () => {
    const { w, b } = await oldWorld();
    // A writer moves B's version after the Scan read it, just before the repair's first transaction.
    let moved = false;
    const racing: Db = {
      tables: w.db.tables,
      doc: new Proxy(w.db.doc, {
        get(target, prop, receiver) {
          if (prop !== "send") return Reflect.get(target, prop, receiver);
          return async (command: { constructor: { name: string } }) => {
            if (command.constructor.name === "TransactWriteCommand" && !moved) {
              moved = true;
              await w.db.doc.send(
                new UpdateCommand({
                  TableName: w.db.tables.Orders,
                  Key: OrdersRepo.orderKey(b.id),
                  UpdateExpression: "SET version = version + :one",
                  ExpressionAttributeValues: { ":one": 1 },
                }),
              );
            }
            return target.send(command as never);
          };
        },
      }),
    };
    const first = await repairLateShipmentLinks(racing, { clock: () => w.now });
    expect(first).toMatchObject({ conflicts: 1, unlinked: 2, opened: 2 });
    expect(await kase(w, `late-${b.id}`)).toBeNull();
    const second = await repairLateShipmentLinks(w.db, { clock: () => w.now });
    expect(second.conflicts).toBe(0);
    expect((await order(w, b.id)).lateShipmentCaseId).toBe(`late-${b.id}`);
    await checkInvariants(w.db);
  });
});
