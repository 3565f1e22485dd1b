import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";
import { OrdersRepo, StatsRepo } from "@seller-ops/db";
import * as Maintenance from "../../tools/stats-rebuild";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { DEMO_KEYS, seedDemoData } from "../../packages/local/src/seed";
import { DEMO_OPERATOR_KEY } from "../../packages/local/src/seed-deposits";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented, isolatedTables } from "../support/isolated";
import { buyerOpensCase, mutate, orderDue, world } from "../support/world";

const RISK = "risk { score level modelVersion factors { code contribution explanation } recommendedActions { code } }";

describe("risk on the demo data", () => {
  it(
    "ranks the forgotten order, the unanswered dispute and the seller with the violation highest, with reasons a " +
      "seller can read",
    async () => {
      const db = await isolatedTables("risk");
      await seedDemoData(db, new Date());
      const h = createGraphqlHandler({ db });
      const shenzhen = DEMO_KEYS["seller-shenzhen-gadgets"];

      const orders = (
        await graphql(h, `{ orders(first: 50) { edges { node { marketplaceOrderId ${RISK} } } } }`, { key: shenzhen })
      ).body.data.orders.edges.map((e: any) => e.node);
      const byRisk = [...orders].sort((a: any, b: any) => b.risk.score - a.risk.score);
      expect(byRisk[0].marketplaceOrderId).toBe("AE-3001000101");
      expect(byRisk[0].risk.level).toMatch(/HIGH|CRITICAL/);
      expect(byRisk[0].risk.recommendedActions[0].code).toBe("CONTACT_BUYER");
      expect(byRisk[0].risk.factors[0].explanation).toMatch(/overdue|ship-by/i);
      for (const order of orders)
        expect(order.risk.factors.reduce((s: number, f: any) => s + f.contribution, 0)).toBe(order.risk.score);

      const cases = (
        await graphql(h, `{ cases(first: 50) { edges { node { id status ${RISK} } } } }`, { key: shenzhen })
      ).body.data.cases.edges.map((e: any) => e.node);
      const topCase = [...cases].sort((a: any, b: any) => b.risk.score - a.risk.score)[0];
      expect(topCase.id).toBe("demo-case-AE-3001000107");
      expect(topCase.risk.factors.map((f: any) => f.code)).toEqual(
        expect.arrayContaining(["NO_SELLER_REPLY", "UNANSWERED_BUYER_MESSAGES"]),
      );
      expect(topCase.risk.recommendedActions[0].code).toBe("POST_SELLER_MESSAGE");

      const sellers = (
        await graphql(
          h,
          `{ sellers(first: 10) { edges { node { id health { status risk { score level } depositConsequences { code ` +
            `effect } metrics { name value numerator denominator window target status } } } } } }`,
          { key: DEMO_OPERATOR_KEY },
        )
      ).body.data.sellers.edges.map((e: any) => e.node);
      expect(sellers.map((s: any) => s.id).sort()).toEqual(["seller-shenzhen-gadgets", "seller-yiwu-home"]);
      const ranked = [...sellers].sort((a: any, b: any) => b.health.risk.score - a.health.risk.score);
      expect(ranked[0].id).toBe("seller-yiwu-home");
      expect(ranked[0].health.depositConsequences).toContainEqual(
        expect.objectContaining({ code: "QUALITY_VIOLATION", effect: "BLOCKS_REFUND" }),
      );
      expect(ranked[0].health.metrics.map((m: any) => m.name)).toEqual([
        "LATE_SHIPMENT_RATE",
        "DISPUTE_RATE",
        "ON_TIME_FIRST_RESPONSE_RATE",
        "VALID_TRACKING_RATE",
        "SELLER_CANCELLATION_RATE",
      ]);

      // The same through the root fields, with the same answer.
      const direct = await graphql(h, `{ sellerRisk { score } orderRisk(orderId: "none") { score } }`, {
        key: shenzhen,
      });
      expect(direct.body.data.orderRisk).toBeNull();
      expect(typeof direct.body.data.sellerRisk.score).toBe("number");
      // Only operators list every seller.
      expect(
        (await graphql(h, `{ sellers { edges { cursor } } }`, { key: shenzhen })).body.errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
    },
  );
});

describe("no N+1", () => {
  it("a page of orders or cases with risk costs the same number of " +
    "DynamoDB requests for 5 items as for 50", async () => {
    const w = await world();
    for (let i = 0; i < 50; i++) {
      const order = await orderDue(w, i % 2 ? -10 : 30);
      await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
        "case { id }",
      );
    }
    const counted = instrumented(w.db);
    const h = createGraphqlHandler({ db: counted.db, clock: () => w.now });
    const requests = async (query: string) => {
      counted.log.reset();
      const response = await graphql(h, query, { key: w.key });
      expect(response.body.errors).toBeUndefined();
      return {
        total: counted.log.count(),
        scans: counted.log.count("ScanCommand"),
        commands: [...counted.log.commands],
      };
    };
    const orders = (n: number) => requests(`{ orders(first: ${n}) { edges { node { id risk { score } } } } }`);
    const cases = (n: number) =>
      requests(`{ cases(first: ${n}) { edges { node { id order { id shipBy } risk { score level } } } } }`);
    const [o5, o50, c5, c50] = [await orders(5), await orders(50), await cases(5), await cases(50)];
    expect(o50.total).toBe(o5.total);
    expect(c50.total).toBe(c5.total);
    expect(o50.scans + c50.scans).toBe(0);
    // The key lookup, one Query for the page, one BatchGetItem for the orders and their seller together.
    expect(c50.total, c50.commands.join(", ")).toBeLessThanOrEqual(3);
    // The key lookup, the page's Query, one BatchGetItem for the seller (time zone, language) and the orders' open
    // cases together, then the seller's 30-day counters.
    expect(o50.total, o50.commands.join(", ")).toBeLessThanOrEqual(4);
    // Both risks on the cases page: the seller rides in the orders' BatchGetItem (the case risk asks for it in
    // that tick), so the order risk's counters, which need its time zone, cost one Query and no read of their own.
    const both = await requests(
      `{ cases(first: 50) { edges { node { id risk { score level } order { id risk { score level } } } } } }`,
    );
    expect(both.total, both.commands.join(", ")).toBeLessThanOrEqual(4);
  }, 120_000);
});

describe("the statistics rebuild", () => {
  it("finds a counter that drifted, repairs it, and finds nothing afterwards", async () => {
    const w = await world();
    await orderDue(w, 10);
    await orderDue(w, -10);
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    const day = Object.keys(days)[0]!;
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD ordersPlaced :x",
        ExpressionAttributeValues: { ":x": 3 },
      }),
    );
    const check = await Maintenance.rebuildStats(w.db, { write: false });
    expect(check.mismatches).toEqual([{ sellerId: w.sellerId, day, counter: "ordersPlaced", stored: 5, expected: 2 }]);
    const rebuilt = await Maintenance.rebuildStats(w.db, { write: true });
    expect(rebuilt.daysWritten).toBe(1);
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });
});

describe("the dispute rate", () => {
  it("counts an order once, with its first buyer dispute, however many follow, as the rebuild recounts it", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const open = (orderId: string, reason: string) =>
      mutate(w, w.marketplace, "openCase", "OpenCaseInput", { orderId, reason, source: "BUYER" }, "case { id }");
    const withdraw = async (caseId: string) =>
      expect(
        (
          await mutate(
            w,
            w.marketplace,
            "resolveCase",
            "ResolveCaseInput",
            { caseId, outcome: "BUYER_WITHDREW" },
            "case { id }",
          )
        ).userErrors,
      ).toEqual([]);
    // An order stored before it kept its buyer disputes: the attributes an older release did not write.
    const storedBefore = (orderId: string) =>
      w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Orders,
          Key: OrdersRepo.orderKey(orderId),
          UpdateExpression: "REMOVE buyerDisputed, openBuyerCaseReasons",
        }),
      );

    await orderDue(w, 48); // never disputed
    // Two complaints about one order, and the first one's relay retried (refused): one order led to a dispute.
    const twice = await orderDue(w, 48);
    const notReceived = await open(twice.id, "NOT_RECEIVED");
    expect((await open(twice.id, "QUALITY_ISSUE")).userErrors).toEqual([]);
    expect((await open(twice.id, "NOT_RECEIVED")).userErrors).toEqual([
      expect.objectContaining({ code: "DUPLICATE_CASE", message: expect.stringContaining(notReceived.case.id) }),
    ]);
    // A dispute after the first one is over counts no more, on an order stored before it kept that it was disputed
    // (its cases are read), and an open dispute kept before the order kept its reason is still found.
    const older = await orderDue(w, 48);
    const damaged = await open(older.id, "DAMAGED");
    await withdraw(damaged.case.id);
    await storedBefore(older.id);
    const damagedAgain = await open(older.id, "DAMAGED");
    expect(damagedAgain.userErrors).toEqual([]);
    await storedBefore(older.id);
    expect((await open(older.id, "DAMAGED")).userErrors).toEqual([
      expect.objectContaining({ code: "DUPLICATE_CASE", message: expect.stringContaining(damagedAgain.case.id) }),
    ]);

    const health = await graphql(
      w.api,
      `query($id: ID!) { seller(id: $id) { health { metrics { name numerator denominator explanation } } } }`,
      { key: w.key, variables: { id: w.sellerId } },
    );
    const rate = health.body.data.seller.health.metrics.find((m: any) => m.name === "DISPUTE_RATE");
    expect(rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(rate.explanation).toContain("2 of 3 orders placed led to a buyer dispute");
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await checkInvariants(w.db);
  });
});

describe("the dispute rate's window", () => {
  it("holds the disputes of the orders placed in it: old orders disputed now do not count against new ones", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const day = 86_400_000;
    const placedAt = new Date(w.now.getTime() - 70 * day).toISOString();
    const shipBy = new Date(w.now.getTime() - 67 * day).toISOString();
    const old = [];
    for (let i = 0; i < 3; i++) old.push(await orderDue(w, 0, { placedAt, shipBy }));
    await orderDue(w, 24); // placed 3 days ago, inside the 60-day window
    for (const o of old) {
      const opened = await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: o.id, reason: "NOT_SHIPPED", source: "BUYER" },
        "case { id }",
      );
      expect(opened.userErrors).toEqual([]);
    }
    const r = await graphql(
      w.api,
      `query($id: ID!) { seller(id: $id) { health { metrics { name numerator denominator
      status note } } } }`,
      { key: w.key, variables: { id: w.sellerId } },
    );
    const rate = r.body.data.seller.health.metrics.find((m: any) => m.name === "DISPUTE_RATE");
    expect(rate).toMatchObject({ numerator: 0, denominator: 1, status: "GOOD", note: null });
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    await checkInvariants(w.db);
  });
});

describe("ORDER_VALUE's average order", () => {
  it("divides the net settled sales by the orders that kept a sale; a rebuild counts days stored before", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const kept = await orderDue(w, 48); // CN¥260.00, as every orderDue
    await orderDue(w, 48); // the one other order that kept its sale: the average the kept one is compared with
    const cancelled = await orderDue(w, 48);
    const cancel = { orderId: cancelled.id, reason: "BUYER_REQUESTED" };
    expect((await mutate(w, w.key, "cancelOrder", "CancelOrderInput", cancel, "order { id }")).userErrors).toEqual([]);
    const explanation = async () => {
      const r = await graphql(w.api, `query($id: ID!) { orderRisk(orderId: $id) { factors { code explanation } } }`, {
        key: w.key,
        variables: { id: kept.id },
      });
      return r.body.data.orderRisk.factors.find((f: any) => f.code === "ORDER_VALUE").explanation;
    };
    expect(await explanation()).toContain("1.0 times the seller's average order of the last 30 days (CN¥260.00)");
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    // A day stored before the counter existed: the rebuild names it and counts it.
    const [day] = Object.keys(await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01"));
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day!),
        UpdateExpression: "REMOVE ordersSettled",
      }),
    );
    expect((await Maintenance.rebuildStats(w.db, { write: false })).mismatches).toEqual([
      { sellerId: w.sellerId, day, counter: "ordersSettled", stored: 0, expected: 2 },
    ]);
    await Maintenance.rebuildStats(w.db, { write: true });
    expect(await explanation()).toContain("(CN¥260.00)");
    await checkInvariants(w.db);
  });
});

describe("the seller's risk as a marketplace key reads it", () => {
  it("leaves the violations out (they are the deposit side's), where the seller's own key reads them", async () => {
    const w = await world();
    const recorded = await mutate(
      w,
      w.operator,
      "recordViolation",
      "RecordViolationInput",
      {
        sellerId: w.sellerId,
        kind: "QUALITY",
        severity: "MAJOR",
        occurredAt: new Date(w.now.getTime() - 5 * 86_400_000).toISOString(),
        note: "Counterfeit listing.",
      },
      "violation { id }",
    );
    expect(recorded.userErrors).toEqual([]);
    const query = `query($id: ID!) {
      sellerRisk(sellerId: $id) { factors { code display explanation } recommendedActions { code } }
      seller(id: $id) { health { status risk { factors { code } } } }
    }`;
    const read = async (key: string) => {
      const response = await graphql(w.api, query, { key, variables: { id: w.sellerId } });
      expect(response.body.errors).toBeUndefined();
      return response.body.data;
    };
    const codes = (factors: { code: string }[]) => factors.map((f) => f.code);

    const seller = await read(w.key);
    expect(codes(seller.sellerRisk.factors)).toContain("VIOLATIONS");
    expect(codes(seller.sellerRisk.recommendedActions)).toContain("REVIEW_VIOLATIONS");
    expect(seller.seller.health.status).toBe("BAD");

    const marketplace = await read(w.marketplace);
    expect(codes(marketplace.sellerRisk.factors)).not.toContain("VIOLATIONS");
    expect(codes(marketplace.seller.health.risk.factors)).not.toContain("VIOLATIONS");
    expect(codes(marketplace.sellerRisk.recommendedActions)).not.toContain("REVIEW_VIOLATIONS");
    expect(marketplace.seller.health.status).toBe("GOOD");
    expect(JSON.stringify(marketplace)).not.toMatch(/violation|deposit refund/i);
  });
});

describe("risk reads a case as Case.status does", () => {
  it("after an offer's expiresAt, before the case-deadline job: it waits on the seller, in its risk", async () => {
    const w = await world();
    const { order, caseId } = await buyerOpensCase(w, "DAMAGED");
    const expiresAt = new Date(w.now.getTime() + 24 * 3_600_000).toISOString();
    const offer = { caseId, kind: "COUPON", amount: { amountMinor: 500, currency: "USD" }, expiresAt };
    const made = await mutate(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", offer, "case { id }");
    expect(made.userErrors).toEqual([]);
    w.now = new Date(w.now.getTime() + 25 * 3_600_000); // the offer lapsed; the job has not looked yet
    const factors = "factors { code contribution explanation } recommendedActions { code }";
    const r = await graphql(
      w.api,
      `query($case: ID!, $order: ID!) {
        case(id: $case) { status risk { score ${factors} } order { risk { ${factors} } } }
        caseRisk(caseId: $case) { score ${factors} }
        orderRisk(orderId: $order) { ${factors} }
      }`,
      { key: w.key, variables: { case: caseId, order: order.id } },
    );
    expect(r.body.errors).toBeUndefined();
    const { case: c, caseRisk, orderRisk } = r.body.data;
    expect(c.status).toBe("AWAITING_SELLER");
    for (const risk of [c.risk, caseRisk]) {
      const factor = (code: string) => risk.factors.find((f: any) => f.code === code);
      expect(factor("RESPOND_BY_DEADLINE").explanation).not.toMatch(/does not wait for a seller answer/);
      expect(factor("REJECTED_OFFERS").contribution).toBeGreaterThan(0);
      expect(factor("REJECTED_OFFERS").explanation).toMatch(/expired/);
      expect(risk.recommendedActions.map((a: any) => a.code)).toEqual(
        expect.arrayContaining(["POST_SELLER_MESSAGE", "MAKE_OFFER"]),
      );
    }
    expect(caseRisk.score).toBe(c.risk.score);
    // The order's risk reads its open case the same way: a dispute awaiting the seller asks for an answer.
    for (const risk of [c.order.risk, orderRisk])
      expect(risk.recommendedActions.map((a: any) => a.code)).toContain("POST_SELLER_MESSAGE");
  });
});

describe("SELLER_LATE_RATE reads the seller's other orders", () => {
  it("a new seller's only late order is no history, before and after the late-order job flags it", async () => {
    const w = await world();
    const order = await orderDue(w, -2); // 2 h overdue, never shipped
    const other = await orderDue(w, 30);
    const read = async (id: string) =>
      (await graphql(w.api, `{ order(id: "${id}") { ${RISK} } }`, { key: w.key })).body.data.order.risk;
    const lateRate = (risk: any) => risk.factors.find((f: any) => f.code === "SELLER_LATE_RATE");
    const before = await read(order.id);
    expect((await w.lateOrders()).newlyLate).toBe(1);
    const after = await read(order.id);
    // The job opened the late-shipment case, which counts in OPEN_CASES; nothing else moved.
    const openCases = (risk: any) => risk.factors.find((f: any) => f.code === "OPEN_CASES").contribution;
    expect(after.score - openCases(after)).toBe(before.score - openCases(before));
    expect(after.modelVersion).toBe("risk-2026.12-4");
    expect(lateRate(after)).toEqual(lateRate(before));
    expect(lateRate(after).contribution).toBe(0);
    expect(lateRate(after).explanation).toMatch(/^Apart from this order, the seller shipped no orders/);
    // For the seller's next order the late one is history: 1 of 1 other order went late.
    const next = lateRate(await read(other.id));
    expect(next.contribution).toBeGreaterThan(0);
    expect(next.explanation).toMatch(/1 of the seller's 1 other order shipped or due went late \(100\.00%/);
  });
});

describe("an order's recommended actions once its late-shipment case is closed", () => {
  it("recommends no step that needs the case, and the plan no longer lists an offer that cannot be made", async () => {
    const w = await world();
    const order = await orderDue(w, -20);
    await w.lateOrders();
    const lateCase = Cases.lateShipmentCaseId(order.id);
    const read = async () =>
      (
        await graphql(
          w.api,
          `{ order(id: "${order.id}") {
               risk { recommendedActions { code } } remedyPlan { complete steps { code status } } }
             case(id: "${lateCase}") { status availableActions } }`,
          { key: w.key },
        )
      ).body.data;
    expect((await read()).order.risk.recommendedActions.map((a: any) => a.code)).toEqual([
      "CONTACT_BUYER",
      "EXPEDITE_AND_SHIP",
      "OFFER_COMPENSATION",
    ]);
    await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      {
        caseId: lateCase,
        direction: "SELLER",
        body: "Sorry for the delay, shipping today.",
      },
      "case { id }",
    );
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      {
        orderId: order.id,
        carrier: "DHL",
        trackingNumber: "JD0146000044",
      },
      "order { status }",
    );
    await mutate(w, w.key, "resolveCase", "ResolveCaseInput", { caseId: lateCase, outcome: "SHIPPED" }, "case { id }");
    const r = await read();
    expect(r.case).toEqual({ status: "RESOLVED", availableActions: [] });
    expect(r.order.risk.recommendedActions).toEqual([]);
    expect(r.order.remedyPlan.steps).toEqual([
      { code: "CONTACT_BUYER", status: "DONE" },
      { code: "EXPEDITE_AND_SHIP", status: "DONE" },
    ]);
    expect(r.order.remedyPlan.complete).toBe(true);
  });
});
