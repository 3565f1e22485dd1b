import { BatchWriteCommand, DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { Orders, type Order } from "@seller-ops/core";
import { AWS_REQUEST_TIMEOUTS, createDocumentClient, OrdersRepo, type Db } from "@seller-ops/db";
import { SETTLE_MS } from "@seller-ops/api/src/events/resolvers";
import { COMMIT_WITHIN_MS } from "@seller-ops/functions/src/jobs/sweep";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { checkInvariants } from "../support/invariants";
import { linkedOnly, mutate, orderDue, world as newWorld, type World } from "../support/world";
import { afterFirstQuery } from "../support/interleave";
import { laggingReads } from "../support/lagging-reads";
import { cancelTransactions } from "../support/faults";
import { functionTables } from "@seller-ops/functions/src/tables";
import { HOUR } from "../support/clock";
import { rebuildStats } from "../../tools/stats-rebuild";

const T0 = new Date("2026-11-26T12:00:00.000Z");

const PLAN = `query Queue { lateOrders(first: 50) { edges { node { id marketplaceOrderId late atRisk lateFlaggedAt
  remedyPlan { cause daysLate complete steps { code done instruction buyerMessages { language text }
    suggestedCompensation { kind percentOfOrder amount { amountMinor currency formatted } } } } } }
  pageInfo { hasNextPage } } }`;

async function createOrder(
  w: World,
  overrides: { placedAt: string; shipBy: string; handlingDays: null },
): Promise<Order> {
  const { shipBy, placedAt } = overrides;
  const hours = (Date.parse(shipBy) - w.now.getTime()) / HOUR;
  return (await orderDue(w, hours, { placedAt })) as Order;
}

const iso = (ms: number) => new Date(ms).toISOString();

const SHIPPED = (orderId: string) => ({ orderId, carrier: "Cainiao", trackingNumber: "LP00123456789" });

/** An order placed 3 days before T0 whose ship-by deadline is `hoursFromT0` away. */
const due = (hoursFromT0: number) => ({
  placedAt: iso(T0.getTime() - 72 * HOUR),
  handlingDays: null,
  shipBy: iso(T0.getTime() + hoursFromT0 * HOUR),
});

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

async function casesOf(db: Db) {
  return (await scanTable(db, "Cases")).filter((item) => item.sk === "CASE");
}

describe("the late-order job", () => {
  let w: World;
  beforeEach(async () => {
    w = await newWorld(T0);
  });

  it(
    "gives a forgotten order past its deadline exactly one late-shipment case, with a plan that starts with " +
      "contacting the buyer",
    async () => {
      const forgotten = await createOrder(w, due(-5));
      const report = await w.lateOrders();
      expect(report).toMatchObject({ examined: 1, newlyLate: 1, casesOpened: 1, failures: 0 });

      const cases = await casesOf(w.db);
      expect(cases).toEqual([
        expect.objectContaining({
          id: `late-${forgotten.id}`,
          orderId: forgotten.id,
          reason: "LATE_SHIPMENT",
          source: "SYSTEM",
          status: "AWAITING_SELLER",
          sellerId: w.sellerId,
        }),
      ]);
      const events = (await scanTable(w.db, "Cases")).filter((item) => String(item.sk).startsWith("EVENT#"));
      expect(events).toHaveLength(1);

      const queue = (await graphql(w.api, PLAN, { key: w.key })).body.data.lateOrders.edges;
      expect(queue).toHaveLength(1);
      const node = queue[0].node;
      expect(node).toMatchObject({ id: forgotten.id, late: true, lateFlaggedAt: T0.toISOString() });
      expect(node.remedyPlan.cause).toBe("UNKNOWN");
      expect(node.remedyPlan.steps.map((s: any) => s.code)).toEqual([
        "CONTACT_BUYER",
        "EXPEDITE_AND_SHIP",
        "OFFER_COMPENSATION",
      ]);
      const contact = node.remedyPlan.steps[0];
      expect(contact.done).toBe(false);
      // Spanish buyer: the apology comes in English and in Spanish.
      expect(contact.buyerMessages.map((m: any) => m.language)).toEqual(["en", "es"]);
      expect(contact.buyerMessages[0].text).toContain(node.marketplaceOrderId);
      expect(node.remedyPlan.steps[2].suggestedCompensation).toMatchObject({
        kind: "COUPON",
        amount: { currency: "USD" },
      });

      const again = await w.lateOrders();
      expect(again).toMatchObject({ examined: 0, newlyLate: 0, casesOpened: 0 });
      expect(await casesOf(w.db)).toHaveLength(1);
    },
  );

  it(
    "shows the compensation step as awaiting the buyer once offered on the late-shipment case, and not started " +
      "again once withdrawn",
    async () => {
      const order = await createOrder(w, due(-5));
      await w.lateOrders();
      const steps = async () =>
        (
          await graphql(
            w.api,
            `query { order(id: "${order.id}") { remedyPlan { steps { code status done doneAt } } } }`,
            { key: w.key },
          )
        ).body.data.order.remedyPlan.steps;
      expect((await steps())[2]).toEqual({
        code: "OFFER_COMPENSATION",
        status: "NOT_STARTED",
        done: false,
        doneAt: null,
      });

      const offered = await graphql(
        w.api,
        `mutation($input: MakeCompensationOfferInput!) { makeCompensationOffer(input: $input) { case { pendingOffer ` +
          `{ id } } userErrors { code message } } }`,
        {
          key: w.key,
          variables: {
            input: {
              caseId: `late-${order.id}`,
              kind: "COUPON",
              amount: { amountMinor: 300, currency: "USD" },
              expiresAt: iso(T0.getTime() + 48 * HOUR),
            },
          },
        },
      );
      expect(offered.body.data.makeCompensationOffer.userErrors).toEqual([]);
      expect((await steps())[2]).toEqual({
        code: "OFFER_COMPENSATION",
        status: "AWAITING_BUYER",
        done: false,
        doneAt: null,
      });

      const offerId = offered.body.data.makeCompensationOffer.case.pendingOffer.id;
      const withdrawn = await graphql(
        w.api,
        `mutation($input: WithdrawCompensationOfferInput!) { withdrawCompensationOffer(input: $input) { userErrors ` +
          `{ code } } }`,
        { key: w.key, variables: { input: { caseId: `late-${order.id}`, offerId } } },
      );
      expect(withdrawn.body.data.withdrawCompensationOffer.userErrors).toEqual([]);
      expect((await steps())[2]).toMatchObject({ status: "NOT_STARTED", done: false });
    },
  );

  it("keeps a late flag when the seller then reports a shipment from before the deadline", async () => {
    const forgotten = await createOrder(w, due(1));
    const notDueYet = await createOrder(w, due(100));
    w.now = new Date(T0.getTime() + 72 * HOUR);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1 });
    const ship = async (orderId: string, shippedAt: string) =>
      graphql(
        w.api,
        `mutation($i: MarkOrderShippedInput!) { markOrderShipped(input: $i) {
          order { shippedAt shippedLate } userErrors { code } } }`,
        { key: w.key, variables: { i: { orderId, carrier: "Cainiao", trackingNumber: "LP00123456789", shippedAt } } },
      );
    // The seller's word is recorded, but the job saw the order unshipped past its deadline: a late shipment.
    const backdated = (await ship(forgotten.id, iso(T0.getTime()))).body.data.markOrderShipped;
    expect(backdated).toEqual({ order: { shippedAt: iso(T0.getTime()), shippedLate: true }, userErrors: [] });
    // The plan and the risk say so too: 3 days late on the seller's calendar (due 21:00 in Shanghai, flagged 71 h
    // later at 20:00 three dates on), not "before" it.
    const read = await graphql(
      w.api,
      `query($id: ID!) { order(id: $id) { remedyPlan { daysLate } risk { factors { explanation } } } }`,
      { key: w.key, variables: { id: forgotten.id } },
    );
    expect(read.body.data.order.remedyPlan.daysLate).toBe(3);
    const said = read.body.data.order.risk.factors.map((f: { explanation: string }) => f.explanation).join(" ");
    expect(said).toContain("after its ship-by deadline");
    expect(said).not.toContain("before its ship-by deadline");
    const unflagged = (await ship(notDueYet.id, iso(T0.getTime() + HOUR))).body.data.markOrderShipped;
    expect(unflagged.order.shippedLate).toBe(false);
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 2 });
  });

  it("keeps a late shipment in the 30-day rate when its reported shippedAt is older than the window", async () => {
    // 40 days to ship; forgotten, flagged a day after its deadline, then reported as shipped the day after placing.
    const order = await createOrder(w, {
      placedAt: iso(T0.getTime()),
      shipBy: iso(T0.getTime() + 40 * 24 * HOUR),
      handlingDays: null,
    });
    w.now = new Date(T0.getTime() + 41 * 24 * HOUR);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1 });
    const shipped = await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { ...SHIPPED(order.id), shippedAt: iso(T0.getTime() + 24 * HOUR) },
      "order { shippedLate }",
    );
    expect(shipped.order.shippedLate).toBe(true);
    // It counts on the day it was seen late, not on the day it claims, 40 days back and out of the window.
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 1 });
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("counts a shipment declared after the deadline as late before the job has flagged the order", async () => {
    const declaredLate = await createOrder(w, due(1));
    const declaredInTime = await createOrder(w, due(3));
    // An hour past the first deadline: the job (every 15 minutes) has not run since, nothing is flagged.
    w.now = new Date(T0.getTime() + 2 * HOUR);
    const ship = async (orderId: string, shippedAt: string) =>
      mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { ...SHIPPED(orderId), shippedAt },
        "order { shippedAt shipmentDeclaredAt shippedLate lateFlaggedAt remedyPlan { daysLate } }",
      );
    // Both claim a shipment half an hour before the first deadline; only the one declared before its own is on time.
    const claimed = iso(T0.getTime() + 0.5 * HOUR);
    expect(await ship(declaredLate.id, claimed)).toEqual({
      order: {
        shippedAt: claimed,
        shipmentDeclaredAt: w.now.toISOString(),
        shippedLate: true,
        lateFlaggedAt: null,
        remedyPlan: { daysLate: 0 },
      },
      userErrors: [],
    });
    expect((await ship(declaredInTime.id, claimed)).order).toMatchObject({ shippedLate: false, remedyPlan: null });
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 2 });
    // The job's next run finds nothing to flag: a shipped order opens no late-shipment case, however late.
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 0, casesOpened: 0 });
    // The live counters equal a recount from the orders, and the rebuild finds nothing to repair.
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("counts a shipment declared before the deadline as on time when its shippedAt is ahead by skew", async () => {
    const order = await createOrder(w, due(1));
    // A minute before the deadline, from a partner whose clock runs 2 minutes fast (5 minutes ahead are tolerated):
    // its own clock says a minute past shipBy.
    w.now = new Date(T0.getTime() + HOUR - 60_000);
    const erpClock = iso(w.now.getTime() + 2 * 60_000);
    const shipped = await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { ...SHIPPED(order.id), shippedAt: erpClock },
      "order { shippedAt shipmentDeclaredAt shippedLate remedyPlan { daysLate } }",
    );
    // The partner's word is kept, but the shipment counts from its declaration: before the deadline.
    expect(shipped).toEqual({
      order: { shippedAt: erpClock, shipmentDeclaredAt: w.now.toISOString(), shippedLate: false, remedyPlan: null },
      userErrors: [],
    });
    expect(await lateShipmentRate(w)).toEqual({ numerator: 0, denominator: 1 });
    w.now = new Date(T0.getTime() + 2 * HOUR);
    const lateCase = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "LATE_SHIPMENT", source: "BUYER" },
      "case { id }",
    );
    expect(lateCase.userErrors).toMatchObject([{ code: "INVALID_TRANSITION", field: ["input", "reason"] }]);
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("counts a forgotten order as late whether it then waits, ships or is cancelled", async () => {
    const onTime = await createOrder(w, due(24));
    const forgotten = [await createOrder(w, due(1)), await createOrder(w, due(2)), await createOrder(w, due(3))];
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", SHIPPED(onTime.id), "order { id }");
    w.now = new Date(T0.getTime() + 40 * HOUR);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 3, casesOpened: 3 });
    // The seller gives up on one (a seller-side cancellation) and ships another a day late; the third still waits.
    await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: forgotten[0]!.id, reason: "OUT_OF_STOCK" },
      "order { id }",
    );
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", SHIPPED(forgotten[1]!.id), "order { id }");
    const waiting = await createOrder(w, due(100));
    const read = await graphql(
      w.api,
      `query($seller: ID!, $order: ID!) {
        seller(id: $seller) { health { status metrics { name numerator denominator } } }
        order(id: $order) { risk { factors { code value } } } }`,
      { key: w.key, variables: { seller: w.sellerId, order: waiting.id } },
    );
    const { health } = read.body.data.seller;
    // 3 of 4: the shipment on time, and three forgotten orders, whatever became of them.
    expect(health.metrics).toContainEqual({ name: "LATE_SHIPMENT_RATE", numerator: 3, denominator: 4 });
    expect(health.metrics).toContainEqual({ name: "VALID_TRACKING_RATE", numerator: 2, denominator: 2 });
    expect(health.status).toBe("BAD");
    expect(read.body.data.order.risk.factors).toContainEqual({ code: "SELLER_LATE_RATE", value: 75 });
    // The counters the job and the mutations wrote equal a recount from the orders as they are now.
    await checkInvariants(w.db);
  });

  it("counts a forgotten order cancelled before the job flagged it, once, on the day of the cancellation", async () => {
    const flaggedFirst = await createOrder(w, due(1));
    const cancelledFirst = await createOrder(w, due(1));
    const cancelledInTime = await createOrder(w, due(3));
    const cancel = (orderId: string) =>
      mutate(w, w.key, "cancelOrder", "CancelOrderInput", { orderId, reason: "OUT_OF_STOCK" }, "order { id }");
    // Ten minutes past the deadline, before the job's next run: the seller gives up on one forgotten order, and on
    // another order still in time (that one never went late).
    w.now = new Date(T0.getTime() + HOUR + 10 * 60_000);
    await cancel(cancelledFirst.id);
    await cancel(cancelledInTime.id);
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 1 });
    // The job runs and flags the other one (the cancelled one left its index), which the seller then cancels too.
    w.now = new Date(T0.getTime() + HOUR + 15 * 60_000);
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1 });
    await cancel(flaggedFirst.id);
    // Both forgotten orders count against the rate, each once, whichever came first: the job's flag or the cancel.
    expect(await lateShipmentRate(w)).toEqual({ numerator: 2, denominator: 2 });
    const stats = (await scanTable(w.db, "Sellers")).filter((item) => String(item.sk).startsWith("STATS#"));
    expect(stats.reduce((n, day) => n + Number(day.lateUnshipped ?? 0), 0)).toBe(2);
    await checkInvariants(w.db);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("reads a seller its eventually consistent read missed again, consistently, before flagging", async () => {
    await createOrder(w, due(-5));
    // The job's client reads from a copy that has not caught up with the seller yet (a seller created, and its
    // orders imported, a moment before the run): the seller is written again through it.
    const lag = laggingReads(w.db);
    const [profile] = (await scanTable(w.db, "Sellers")).filter((i) => i.pk === `SELLER#${w.sellerId}`);
    await lag.db.doc.send(new PutCommand({ TableName: w.db.tables.Sellers, Item: profile }));
    const report = await w.lateOrders(linkedOnly(lag.db, functionTables.lateOrders));
    expect(report).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    // The flag and its case moved the seller's counters in the same transaction.
    expect(await lateShipmentRate(w)).toEqual({ numerator: 1, denominator: 1 });
    await checkInvariants(w.db);
  });

  it("fails an order whose seller it cannot read at all, flagging nothing, and flags it on a later run", async () => {
    const order = await createOrder(w, due(-5));
    const [profile] = (await scanTable(w.db, "Sellers")).filter((i) => i.pk === `SELLER#${w.sellerId}`);
    await w.db.doc.send(
      new DeleteCommand({ TableName: w.db.tables.Sellers, Key: { pk: profile!.pk, sk: profile!.sk } }),
    );
    await expect(w.lateOrders()).rejects.toThrow("late-orders job: 1 failures");
    expect(await casesOf(w.db)).toEqual([]);
    const stored = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(stored).toMatchObject({ lateFlaggedAt: null, version: 1 });
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.Sellers, Item: profile }));
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    await checkInvariants(w.db);
  });

  it("stamps its change after its reads: a slow seller read cannot put its event behind a reader", async () => {
    await createOrder(w, due(-5));
    const other = await createOrder(w, due(48));
    const EVENTS = `query($after: String) { events(first: 100, after: $after) { edges { cursor node { type } } } }`;
    let cursor: string | null = null;
    // The job's seller GetItem takes 90 s (throttled, timed out and retried); meanwhile the seller expedites another
    // order (+10 s) and a catch-up reader polls (+90 s), keeping the last cursor it was given.
    const doc = createDocumentClient();
    let slowed = false;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string };
        if (
          !slowed &&
          /^Get(Item)?Command$/.test(String(context.commandName)) &&
          input.TableName === w.db.tables.Sellers
        ) {
          slowed = true;
          const start = w.now.getTime();
          w.now = new Date(start + 10_000);
          await mutate(w, w.key, "expediteOrder", "ExpediteOrderInput", { orderId: other.id }, "order { id }");
          w.now = new Date(start + 90_000);
          const page = await graphql(w.api, EVENTS, { key: w.key, variables: { after: null } });
          cursor = page.body.data.events.edges.at(-1)?.cursor ?? null;
        }
        return next(args);
      },
      { step: "initialize", name: "slowSellerRead" },
    );
    const report = await w.lateOrders(linkedOnly({ doc, tables: w.db.tables }, functionTables.lateOrders));
    expect(report).toMatchObject({ newlyLate: 1, casesOpened: 1 });
    expect(cursor).not.toBeNull();
    // The reader's next catch-up gets the flag and its case: stamped after the read, not before it.
    w.now = new Date(w.now.getTime() + 10 * 60_000);
    const next = await graphql(w.api, EVENTS, { key: w.key, variables: { after: cursor } });
    expect(next.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual([
      "ORDER_LATE",
      "CASE_OPENED",
    ]);
  });

  it("fails an order whose transaction cannot commit well within the events' settle window", async () => {
    const order = await createOrder(w, due(-5));
    // Throttled 9 times in a row, 8 s per attempt: the 10th attempt would commit 72 s after the change's instant,
    // behind a reader the events feed (60 s settle window) had already served.
    const throttled = cancelTransactions(w.db, { reason: "ThrottlingError", times: 9 });
    const slowAttempts: Parameters<typeof throttled.db.doc.middlewareStack.add>[0] =
      (next, context) => async (args) => {
        if (/^TransactWrite(Items)?Command$/.test(String(context.commandName)))
          w.now = new Date(w.now.getTime() + 8_000);
        return next(args);
      };
    // Outside the cancellation, so that every attempt takes its time, cancelled or not.
    throttled.db.doc.middlewareStack.addRelativeTo(slowAttempts, {
      relation: "before",
      toMiddleware: "cancelTransactions",
      name: "slowAttempts",
    });
    await expect(w.lateOrders(linkedOnly(throttled.db, functionTables.lateOrders))).rejects.toThrow(
      "late-orders job: 1 failures",
    );
    // No attempt starts 20 s after the instant: the item fails, nothing is written, and the next run retries it.
    expect(throttled.log.attempts).toBe(3);
    // The last attempt lasts at most the SDK's three timed attempts and their backoff (under 1 s): a job's change
    // commits within half the settle window of its instant, or not at all.
    expect(COMMIT_WITHIN_MS + 3 * AWS_REQUEST_TIMEOUTS.requestMs + 1_000).toBeLessThanOrEqual(SETTLE_MS / 2);
    expect(await OrdersRepo.getOrder(w.db, order.id, { consistent: true })).toMatchObject({ lateFlaggedAt: null });
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    await checkInvariants(w.db);
  });

  /**
   * The job's DynamoDB as when throttled: every transaction attempt takes 8 s on the world's clock and the first 9
   * are cancelled (`ThrottlingError`); with `sellerReadMs`, the seller's read takes that long too.
   */
  const throttledJobDb = (sellerReadMs = 0) => {
    const throttled = cancelTransactions(w.db, { reason: "ThrottlingError", times: 9 });
    const slow: Parameters<typeof throttled.db.doc.middlewareStack.add>[0] = (next, context) => async (args) => {
      const command = String(context.commandName);
      if (/^TransactWrite(Items)?Command$/.test(command)) w.now = new Date(w.now.getTime() + 8_000);
      const table = (args.input as { TableName?: string }).TableName;
      if (/^Get(Item)?Command$/.test(command) && table === w.db.tables.Sellers)
        w.now = new Date(w.now.getTime() + sellerReadMs);
      return next(args);
    };
    throttled.db.doc.middlewareStack.addRelativeTo(slow, {
      relation: "before",
      toMiddleware: "cancelTransactions",
      name: "slowAttempts",
    });
    return { db: linkedOnly(throttled.db, functionTables.lateOrders), log: throttled.log };
  };

  it("stops within the Lambda's time when one item would outlast it: stopped early, not failed", async () => {
    const order = await createOrder(w, due(-5));
    // The Lambda ends 10.5 s after the run starts, on the job's clock: one throttled attempt takes 8 s.
    const endsAt = w.now.getTime() + 10_500;
    const job = throttledJobDb();
    const report = await w.lateOrders(job.db, () => endsAt - w.now.getTime());
    expect(w.now.getTime()).toBeLessThanOrEqual(endsAt);
    expect(report).toMatchObject({ failures: 0, newlyLate: 0, stoppedEarly: true });
    expect(await OrdersRepo.getOrder(w.db, order.id, { consistent: true })).toMatchObject({ lateFlaggedAt: null });
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    await checkInvariants(w.db);
  });

  it("ends an item's retries before the Lambda's time runs out, reads included; the next run takes it", async () => {
    const order = await createOrder(w, due(-5));
    // Enough time to take the item; its seller's read then takes 20 s and each throttled attempt 8 s: retried until
    // the events' bound (20 s after its instant), its last attempt would end 44 s in, after the Lambda (41 s).
    const endsAt = w.now.getTime() + 41_000;
    const job = throttledJobDb(20_000);
    const report = await w.lateOrders(job.db, () => endsAt - w.now.getTime());
    // No attempt started within a last call's time of the end: the run returned, with its report and metrics.
    expect(w.now.getTime()).toBeLessThanOrEqual(endsAt);
    expect(job.log.attempts).toBeGreaterThanOrEqual(1);
    expect(report).toMatchObject({ examined: 1, failures: 0, newlyLate: 0, stoppedEarly: true });
    expect(report.unfinishedShards).toHaveLength(1);
    expect(await OrdersRepo.getOrder(w.db, order.id, { consistent: true })).toMatchObject({ lateFlaggedAt: null });
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    await checkInvariants(w.db);
  });

  it("puts the platform support ticket first when a system error is recorded", async () => {
    const order = await createOrder(w, due(-30));
    const incident = await graphql(
      w.api,
      `mutation($input: RecordShippingIncidentInput!) { recordShippingIncident(input: $input) { order { incidents ` +
        `{ cause supportTicketRef } } userErrors { code field } } }`,
      {
        key: w.key,
        variables: {
          input: {
            orderId: order.id,
            cause: "SYSTEM_ERROR",
            note: "The order never reached our ERP.",
            supportTicketRef: "AE-SUP-7781",
          },
        },
      },
    );
    expect(incident.body.data.recordShippingIncident.userErrors).toEqual([]);
    const noTicket = await graphql(
      w.api,
      `mutation($input: RecordShippingIncidentInput!) { recordShippingIncident(input: $input) { userErrors { code ` +
        `field } } }`,
      { key: w.key, variables: { input: { orderId: order.id, cause: "SYSTEM_ERROR", note: "again" } } },
    );
    expect(noTicket.body.data.recordShippingIncident.userErrors).toEqual([
      { code: "INVALID_INPUT", field: ["input", "supportTicketRef"] },
    ]);

    await w.lateOrders();
    const plan = (await graphql(w.api, PLAN, { key: w.key })).body.data.lateOrders.edges[0].node.remedyPlan;
    expect(plan.cause).toBe("SYSTEM_ERROR");
    // 30 hours past shipBy: one whole day.
    expect(plan.daysLate).toBe(1);
    expect(plan.steps.map((s: any) => [s.code, s.done])).toEqual([
      ["PLATFORM_SUPPORT_TICKET", true],
      ["CONTACT_BUYER", false],
      ["EXPEDITE_AND_SHIP", false],
      ["GOODWILL_GESTURE", false],
    ]);
  });

  it(
    "for a suspected platform fault, contacting support is the " + "first to-do until the ticket is recorded later",
    async () => {
      const order = await createOrder(w, due(-30));
      const record = (input: Record<string, unknown>) =>
        graphql(
          w.api,
          `mutation($input: RecordShippingIncidentInput!) { recordShippingIncident(input: $input) { userErrors { ` +
            `code field message } } }`,
          { key: w.key, variables: { input: { orderId: order.id, ...input } } },
        );
      expect(
        (await record({ cause: "SUSPECTED_PLATFORM_ERROR", note: "The order is missing from the platform's export." }))
          .body.data.recordShippingIncident.userErrors,
      ).toEqual([]);
      await w.lateOrders();
      const plan = async () =>
        (
          await graphql(
            w.api,
            `query { order(id: "${order.id}") { remedyPlan { cause steps { code status doneAt buyerMessages {
              language ` + `text } } } } }`,
            { key: w.key },
          )
        ).body.data.order.remedyPlan;
      const before = await plan();
      expect(before.cause).toBe("SUSPECTED_PLATFORM_ERROR");
      expect(before.steps.map((s: any) => [s.code, s.status])).toEqual([
        ["PLATFORM_SUPPORT_TICKET", "NOT_STARTED"],
        ["CONTACT_BUYER", "NOT_STARTED"],
        ["EXPEDITE_AND_SHIP", "NOT_STARTED"],
        ["GOODWILL_GESTURE", "NOT_DUE"],
      ]);
      expect(before.steps[1].buyerMessages[0].text).not.toMatch(/mistake/i);

      expect(
        (
          await record({
            cause: "SUSPECTED_PLATFORM_ERROR",
            note: "Support ticket opened.",
            supportTicketRef: "AE-SUP-9001",
          })
        ).body.data.recordShippingIncident.userErrors,
      ).toEqual([]);
      const after = await plan();
      expect(after.steps[0]).toMatchObject({
        code: "PLATFORM_SUPPORT_TICKET",
        status: "DONE",
        doneAt: T0.toISOString(),
      });
    },
  );

  it(
    "flags an order at risk when it enters the window, then late when it passes shipBy; shipping removes it from " +
      "the queue",
    async () => {
      const order = await createOrder(w, due(30));
      const normal = await createOrder(w, due(100));
      expect(await w.lateOrders()).toMatchObject({ examined: 0 });

      w.now = new Date(T0.getTime() + 10 * HOUR); // 20 h left: inside the 24 h window
      expect(await w.lateOrders()).toMatchObject({ examined: 1, newlyAtRisk: 1, newlyLate: 0 });
      let queue = (await graphql(w.api, PLAN, { key: w.key })).body.data.lateOrders.edges.map((e: any) => e.node);
      expect(queue.map((n: any) => [n.id, n.atRisk, n.late, n.remedyPlan])).toEqual([[order.id, true, false, null]]);

      w.now = new Date(T0.getTime() + 31 * HOUR);
      // Between runs the API already shows it late (derived on read), before the job flags it.
      queue = (await graphql(w.api, PLAN, { key: w.key })).body.data.lateOrders.edges.map((e: any) => e.node);
      expect(queue[0]).toMatchObject({ id: order.id, late: true, lateFlaggedAt: null });
      expect(await w.lateOrders()).toMatchObject({ examined: 1, newlyLate: 1, casesOpened: 1 });

      const shipped = await graphql(
        w.api,
        `mutation($input: MarkOrderShippedInput!) { markOrderShipped(input: $input) { order { status remedyPlan { ` +
          `steps { code done } } } userErrors { code } } }`,
        { key: w.key, variables: { input: { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00998877CN" } } },
      );
      expect(shipped.body.data.markOrderShipped.userErrors).toEqual([]);
      expect(shipped.body.data.markOrderShipped.order.remedyPlan.steps).toContainEqual({
        code: "EXPEDITE_AND_SHIP",
        done: true,
      });
      queue = (await graphql(w.api, PLAN, { key: w.key })).body.data.lateOrders.edges;
      expect(queue).toEqual([]);
      expect((await scanTable(w.db, "Orders")).find((i) => i.id === normal.id)).toMatchObject({
        nextCheckAt: iso(T0.getTime() + 76 * HOUR),
      });
    },
  );

  it("flags an order whose shipBy passes while the run works through its backlog late, not at risk", async () => {
    const order = await createOrder(w, due(2));
    const shipBy = T0.getTime() + 2 * HOUR;
    // The run starts a minute before shipBy and reaches this order five minutes after it (a backlog): the order
    // is in its at-risk window when the index is read, and late when it is decided.
    w.now = new Date(shipBy - 60_000);
    const reached = new Date(shipBy + 5 * 60_000);
    const slowRun = afterFirstQuery(linkedOnly(w.db, functionTables.lateOrders), () => {
      w.now = reached;
    });

    const report = await w.lateOrders(slowRun);
    expect(report).toMatchObject({ examined: 1, newlyLate: 1, newlyAtRisk: 0, casesOpened: 1, failures: 0 });
    const events = (await scanTable(w.db, "Events"))
      .filter((e) => e.objectId === order.id && ["ORDER_AT_RISK", "ORDER_LATE"].includes(String(e.type)))
      .map((e) => ({ type: e.type, occurredAt: e.occurredAt }));
    expect(events).toEqual([{ type: "ORDER_LATE", occurredAt: reached.toISOString() }]);
    const read = await graphql(w.api, `{ order(id: "${order.id}") { late atRisk lateFlaggedAt } }`, { key: w.key });
    expect(read.body.data.order).toMatchObject({ late: true, lateFlaggedAt: reached.toISOString() });
  });

  it("stops early when its Lambda time runs short, says what is left, and the next run continues", async () => {
    await createOrder(w, due(-5));
    await createOrder(w, due(-6));
    const short = await w.lateOrders(undefined, 5_000);
    expect(short).toMatchObject({ examined: 0, stoppedEarly: true, unfinishedShards: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect(await w.lateOrders()).toMatchObject({
      examined: 2,
      newlyLate: 2,
      stoppedEarly: false,
      unfinishedShards: [],
    });
  });

  it("ends in the same state as one clean run when killed after k writes and run again, for many k", async () => {
    const offsets = [-50, -20, -3, -1, 5, 10, 20, 200];
    const clean = await newWorld(T0);
    for (const hours of offsets) await createOrder(clean, due(hours));
    await clean.lateOrders();
    const expected = summary(await scanTable(clean.db, "Orders"), await casesOf(clean.db));
    expect(expected.filter((o) => o.late)).toHaveLength(4);
    expect(expected.filter((o) => o.atRisk)).toHaveLength(3);

    // 7 orders change state: a crash after k < 7 writes leaves the run incomplete.
    for (const k of [0, 1, 3, 4, 6]) {
      const crashed = await newWorld(T0);
      for (const hours of offsets) await createOrder(crashed, due(hours));
      const dying = instrumented(crashed.db, { failWritesAfter: k });
      await expect(crashed.lateOrders(dying.db)).rejects.toThrow(/failures/);
      const rerun = await crashed.lateOrders();
      expect(rerun.failures).toBe(0);
      expect(await crashed.lateOrders()).toMatchObject({ examined: 0 });
      expect(
        summary(await scanTable(crashed.db, "Orders"), await casesOf(crashed.db)),
        `crash after ${k} writes`,
      ).toEqual(expected);
    }
  }, 120_000);
});

/** What a run decides, independent of ids and timestamps: per ship-by offset, the flags and the case. */
function summary(orders: Record<string, unknown>[], cases: Record<string, unknown>[]) {
  return orders
    .filter((o) => o.sk === "ORDER")
    .map((o) => ({
      shipBy: o.shipBy,
      atRisk: o.atRiskFlaggedAt != null,
      late: o.lateFlaggedAt != null,
      nextCheckAt: o.nextCheckAt ?? null,
      cases: cases.filter((c) => c.orderId === o.id).length,
    }))
    .sort((a, b) => String(a.shipBy).localeCompare(String(b.shipBy)));
}

describe("the late-order job at scale", () => {
  it("examines only the orders that change state among 5,000, with no " +
    "Scan, and none of them again an hour later", async () => {
    const w = await newWorld(T0);
    const make = (hoursFromT0: number, i: number): Order => {
      const created = Orders.create({
        id: ulid(),
        sellerId: w.sellerId,
        settlementCurrency: "CNY",
        timeZone: "UTC",
        input: {
          marketplaceOrderId: `AE-SCALE-${i}`,
          items: [{ sku: "S", title: "T", quantity: 1 }],
          buyerTotal: { amountMinor: 1000, currency: "USD" },
          settlementAmount: { amountMinor: 7000, currency: "CNY" },
          buyerCountry: "US",
          ...due(hoursFromT0),
        },
        now: iso(T0.getTime() - 72 * HOUR),
      });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      return created.value;
    };
    const items = Array.from({ length: 5000 }, (_, i) =>
      i < 50 ? make(-2 - (i % 40), i) : i < 150 ? make(12 + (i % 10), i) : make(48 + (i % 500), i),
    );
    for (let i = 0; i < items.length; i += 25) {
      await w.db.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [w.db.tables.Orders]: items.slice(i, i + 25).map((o) => ({ PutRequest: { Item: OrdersRepo.toItem(o) } })),
          },
        }),
      );
    }

    const counted = instrumented(w.db);
    const first = await w.lateOrders(counted.db);
    expect(first).toMatchObject({ examined: 150, newlyLate: 50, newlyAtRisk: 100, casesOpened: 50, failures: 0 });
    expect(counted.log.count("ScanCommand")).toBe(0);
    // One Query per shard (plus one per extra page) and one transaction per changed order.
    expect(counted.log.count("QueryCommand")).toBeLessThanOrEqual(8 + 2);
    expect(counted.log.count("TransactWriteItemsCommand")).toBe(150);

    w.now = new Date(T0.getTime() + HOUR);
    counted.log.reset();
    const second = await w.lateOrders(counted.db);
    expect(second).toMatchObject({ examined: 0, newlyLate: 0, newlyAtRisk: 0 });
    expect(counted.log.count("ScanCommand")).toBe(0);
    expect(counted.log.count("TransactWriteItemsCommand")).toBe(0);
  }, 120_000);
});
