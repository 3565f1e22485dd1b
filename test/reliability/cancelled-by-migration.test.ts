import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Time } from "@seller-ops/core";
import { currentShape, MIGRATIONS, OrdersRepo, StatsRepo } from "@seller-ops/db";
import { migrate } from "../../tools/migrate";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * Who recorded a cancellation is kept on the order (`cancelledBy`, step `order-4-cancelled-by`), so that
 * `npm run stats -- rebuild`, which recounts the days from the stored orders, agrees with the live counters: for the
 * cancellations recorded since (the seller's side's BUYER_REQUESTED counts, the platform's does not) and for the ones
 * stored before it, which were counted by their reason alone and keep being so (NOT_RECORDED).
 */

const step = MIGRATIONS.find((s) => s.name === "order-4-cancelled-by")!;

async function cancel(w: World, key: string, orderId: string, reason: string) {
  const done = await mutate(w, key, "cancelOrder", "CancelOrderInput", { orderId, reason }, "order { cancelledBy }");
  expect(done.userErrors).toEqual([]);
  return done.order.cancelledBy as string;
}

const stored = async (w: World, id: string) =>
  (
    await w.db.doc.send(
      new GetCommand({ TableName: w.db.tables.Orders, Key: OrdersRepo.orderKey(id), ConsistentRead: true }),
    )
  ).Item!;

describe("who recorded a cancellation, stored on the order", () => {
  it("the step marks an order cancelled before it NOT_RECORDED, and nothing else", () => {
    expect(step).toMatchObject({ kind: "order", from: 3, to: 4 });
    expect(currentShape("order")).toBe(4);
    const cancelled = { shape: 3, id: "o1", status: "CANCELLED", cancelReason: "BUYER_REQUESTED" };
    expect(step.up(cancelled)).toEqual({ ...cancelled, cancelledBy: "NOT_RECORDED" });
    const open = { shape: 3, id: "o2", status: "AWAITING_SHIPMENT" };
    expect(step.up(open)).toEqual(open);
    // Written by this release and read back through the step (a rollback's older write is not): kept as it is.
    const recorded = { ...cancelled, cancelledBy: "PLATFORM" };
    expect(step.up(recorded)).toEqual(recorded);
  });

  it("the rebuild agrees with the live counters, for cancellations recorded since and stored before", async () => {
    const w = await world();
    const bySeller = (await orderDue(w, 24)).id;
    const byMarketplace = (await orderDue(w, 24)).id;
    expect(await cancel(w, w.key, bySeller, "BUYER_REQUESTED")).toBe("SELLER");
    expect(await cancel(w, w.marketplace, byMarketplace, "BUYER_REQUESTED")).toBe("PLATFORM");
    const day = Time.dayOf(w.now.toISOString(), "Asia/Shanghai");
    const counted = async () => (await StatsRepo.readDays(w.db, w.sellerId, day, day))[day];
    expect(await counted()).toMatchObject({ cancelledBySeller: 1, cancelledByBuyer: 1 });
    // Recorded since: the recount reads who recorded each from the orders, as the live change counted.
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);

    // As the release before stored them: no `cancelledBy`, shape 3, and the seller's BUYER_REQUESTED counted as the
    // buyer's (by the reason alone).
    for (const id of [bySeller, byMarketplace])
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Orders,
          Key: OrdersRepo.orderKey(id),
          UpdateExpression: "SET #shape = :three REMOVE cancelledBy",
          ExpressionAttributeNames: { "#shape": "shape" },
          ExpressionAttributeValues: { ":three": 3 },
        }),
      );
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD cancelledBySeller :less, cancelledByBuyer :more",
        ExpressionAttributeValues: { ":less": -1, ":more": 1 },
      }),
    );
    expect(await counted()).toMatchObject({ cancelledBySeller: 0, cancelledByBuyer: 2 });
    // The rebuild reads them through the step (before npm run migrate as after it): counted as they were.
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await migrate(w.db, { tables: ["Orders"] });
    for (const id of [bySeller, byMarketplace])
      expect(await stored(w, id)).toMatchObject({ shape: 4, cancelledBy: "NOT_RECORDED" });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    // The API says so to the seller, who reads why the order counted as it did.
    const read = await graphql(w.api, "query($id: ID!) { order(id: $id) { cancelReason cancelledBy } }", {
      key: w.key,
      variables: { id: bySeller },
    });
    expect(read.body.data.order).toEqual({ cancelReason: "BUYER_REQUESTED", cancelledBy: "NOT_RECORDED" });
  });
});
