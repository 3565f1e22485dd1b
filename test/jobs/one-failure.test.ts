import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "@seller-ops/api/src/log";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { CasesRepo, createDocumentClient, OrdersRepo, OverviewRepo } from "@seller-ops/db";
import { createCaseDeadlineJobHandler } from "@seller-ops/functions/src/jobs/case-deadlines";
import { createLateOrderJobHandler } from "@seller-ops/functions/src/jobs/late-orders";
import { describe, expect, it } from "vitest";
import { HOUR } from "../support/clock";
import { scheduledEvent } from "../support/events";
import { buyerOpensCase, mutate, orderDue, world, type World } from "../support/world";

/**
 * An item a job cannot read (a status a later release wrote, a hand edit) sits in its due index
 * until someone mends it. It must fail alone, named in the log, and not stop the rest of its
 * shard: the sweep used to parse the whole page, so one such order left its shard's every later
 * late order unflagged, run after run.
 */
const context = { awsRequestId: "run-1", getRemainingTimeInMillis: () => 600_000 };

async function stored(w: World, table: "Orders" | "Cases" | "Sellers", key: Record<string, string>) {
  const result = await w.db.doc.send(new GetCommand({ TableName: w.db.tables[table], Key: key }));
  return result.Item!;
}

async function overwrite(w: World, table: "Orders" | "Cases" | "Sellers", item: Record<string, unknown>) {
  await w.db.doc.send(new PutCommand({ TableName: w.db.tables[table], Item: item }));
}

function logged() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({}, (line) => lines.push(JSON.parse(line))) };
}

describe("a due item the job cannot read", () => {
  it("fails alone in the late-order job: the rest of its shard is flagged, and the log names it", async () => {
    const w = await world();
    const orders: Awaited<ReturnType<typeof orderDue>>[] = [];
    for (let i = 0; i < 24; i++) orders.push(await orderDue(w, -5));
    const shardOf = (id: string) => OrdersRepo.checkShardOf(id, OrdersRepo.defaultOrderStorageRules.checkShards);
    // Ids are random, so the shards are: the bad order is one that shares its shard with another (24 orders in 8
    // shards always hold such a pair), or the check below would fail one run in twenty.
    const bad = orders.find((o) => orders.some((p) => p !== o && shardOf(p.id) === shardOf(o.id)));
    const rest = orders.filter((o) => o !== bad);
    const sameShard = rest.filter((o) => shardOf(o.id) === shardOf(bad!.id));
    expect(sameShard.length).toBeGreaterThan(0);
    await overwrite(w, "Orders", { ...(await stored(w, "Orders", OrdersRepo.orderKey(bad!.id))), status: "ON_HOLD" });

    const { lines, logger } = logged();
    const run = createLateOrderJobHandler({ db: w.db, clock: () => w.now, logger });
    await expect(run(scheduledEvent(), context)).rejects.toThrow("late-orders job: 1 failures");

    for (const order of rest) {
      expect((await stored(w, "Orders", OrdersRepo.orderKey(order.id))).lateFlaggedAt, order.id).toBeTruthy();
    }
    const failure = lines.find((line) => line.message === "order check failed");
    expect(failure).toMatchObject({
      orderId: bad!.id,
      errorName: "UnreadableItem",
      errorMessage: expect.stringContaining(`Stored order ORDER#${bad!.id}/ORDER (shape `),
    });
    expect(failure!.errorMessage).toContain("status");
  });

  it("fails alone in the case-deadline job", async () => {
    const w = await world();
    const opened = [];
    for (let i = 0; i < 12; i++) opened.push(await buyerOpensCase(w));
    const [bad, ...rest] = opened;
    await overwrite(w, "Cases", {
      ...(await stored(w, "Cases", CasesRepo.caseKey(bad!.caseId))),
      reason: "UNHEARD_OF",
    });
    w.now = new Date(w.now.getTime() + 10 * 24 * HOUR);

    const { lines, logger } = logged();
    const run = createCaseDeadlineJobHandler({ db: w.db, clock: () => w.now, logger });
    await expect(run(scheduledEvent(), context)).rejects.toThrow("case-deadlines job: 1 failures");

    for (const c of rest) {
      expect((await stored(w, "Cases", CasesRepo.caseKey(c.caseId))).responseOverdueAt, c.caseId).toBeTruthy();
    }
    expect(lines.find((line) => line.message === "case deadline check failed")).toMatchObject({
      caseId: bad!.caseId,
    });
  });
});

describe("a counter the job cannot add to", () => {
  it("fails the order, naming the counter, and is never skipped as a change made meanwhile", async () => {
    const w = await world();
    const late = [await orderDue(w, -5), await orderDue(w, -5)];
    // A hand edit left the seller's overview counting late orders as a string: every ADD's condition fails on it.
    const key = OverviewRepo.overviewKey(w.sellerId);
    const overview = { ...key, sellerId: w.sellerId, ...(await stored(w, "Sellers", key)) };
    await overwrite(w, "Sellers", { ...overview, ordersLate: "0" });

    const { lines, logger } = logged();
    const run = createLateOrderJobHandler({ db: w.db, clock: () => w.now, logger });
    await expect(run(scheduledEvent(), context)).rejects.toThrow("late-orders job: 2 failures");
    const failures = lines.filter((line) => line.message === "order check failed");
    expect(failures.map((line) => line.orderId).sort()).toEqual(late.map((o) => o.id).sort());
    for (const line of failures)
      expect(line.errorMessage).toContain(`${w.db.tables.Sellers} SELLER#${w.sellerId}/OVERVIEW`);
    expect(lines.find((line) => line.message === "late-orders job finished")).toMatchObject({ skippedChanged: 0 });
    // Nothing of the orders' change landed: they are still due, and flagged once the counter is mended.
    for (const order of late)
      expect((await stored(w, "Orders", OrdersRepo.orderKey(order.id))).lateFlaggedAt, order.id).toBeUndefined();
    await overwrite(w, "Sellers", { ...overview, ordersLate: 0 });
    await w.lateOrders();
    for (const order of late)
      expect((await stored(w, "Orders", OrdersRepo.orderKey(order.id))).lateFlaggedAt, order.id).toBeTruthy();
  });
});

describe("a counter the case-deadline job cannot add to", () => {
  it("fails the case, naming the counter: an offer past expiresAt is not skipped as changed meanwhile", async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    const expiresAt = new Date(w.now.getTime() + 24 * HOUR).toISOString();
    const offer = {
      caseId,
      kind: "COUPON",
      amount: { amountMinor: 300, currency: "USD" },
      expiresAt,
      expectedVersion: version,
    };
    expect(
      (await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", offer, "case { id }")).userErrors,
    ).toEqual([]);
    const key = OverviewRepo.overviewKey(w.sellerId);
    const overview = { ...key, sellerId: w.sellerId, ...(await stored(w, "Sellers", key)) };
    await overwrite(w, "Sellers", { ...overview, casesAwaitingSeller: "0" });
    w.now = new Date(w.now.getTime() + 2 * 24 * HOUR);

    const { lines, logger } = logged();
    const run = createCaseDeadlineJobHandler({ db: w.db, clock: () => w.now, logger });
    await expect(run(scheduledEvent(), context)).rejects.toThrow("case-deadlines job: 1 failures");
    expect(lines.find((line) => line.message === "case deadline check failed")).toMatchObject({
      caseId,
      errorMessage: expect.stringContaining(`${w.db.tables.Sellers} SELLER#${w.sellerId}/OVERVIEW`),
    });
    expect(lines.find((line) => line.message === "case-deadlines job finished")).toMatchObject({ skippedChanged: 0 });
  });
});

describe("a seller read that fails once", () => {
  it("fails only the orders waiting on it: the seller's next orders read again", async () => {
    const w = await world();
    for (let i = 0; i < 6; i++) await orderDue(w, -5);
    const doc = createDocumentClient();
    let sellerReads = 0;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input?: { TableName?: string } }).input;
        if (context.commandName === "GetItemCommand" && input?.TableName === w.db.tables.Sellers && ++sellerReads === 1)
          throw Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" });
        return next(args);
      },
      { step: "initialize", name: "throttleTheFirstSellerRead" },
    );
    const outcome = await w.lateOrders({ doc: doc as DynamoDBDocumentClient, tables: w.db.tables }).catch((e) => e);
    // The orders in flight while the read failed share its failure (shards run in parallel); the rest read again.
    const failures = Number(/late-orders job: (\d+) failures/.exec(String(outcome))?.[1]);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(failures).toBeLessThan(6);
    expect(sellerReads).toBe(2);
  });
});
