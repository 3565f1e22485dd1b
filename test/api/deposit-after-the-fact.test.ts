import { createDocumentClient, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { orderInput } from "../support/fixtures";
import { mutate, world, type World } from "../support/world";

/**
 * Sellers report their orders' `placedAt` and `settlementAmount` themselves. A figure reported once a deposit's term
 * is over must not move the term's result: an order recorded after the term ended, more than 7 days after the
 * `placedAt` it claims, does not count toward the term's sales. And the operator decides on the rules' verdict at the
 * time, not only on the one the application was made under, which a cancellation since may have made stale.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const DOCS = [
  { kind: "SALES_DATA", reference: "evidence/sales.csv", checksum: "a".repeat(64), title: "Sales" },
  { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/qc.pdf", checksum: "b".repeat(64), title: "QC" },
];
// January 2026 in Shanghai: the term's instants start seller days, so its first and last days need no order reads.
const TERM = { termStart: "2026-01-01T00:00:00+08:00", termEnd: "2026-02-01T00:00:00+08:00" };

async function limitedTerm(w: World, target: number): Promise<string> {
  const input = { sellerId: w.sellerId, kind: "LIMITED_TERM", amount: CNY(10_000), ...TERM, salesTarget: CNY(target) };
  const recorded = await mutate(
    w,
    w.operator,
    "recordDeposit",
    "RecordDepositInput",
    { ...input, paidAt: "2025-12-28T10:00:00+08:00" },
    "deposit { id }",
  );
  expect(recorded.userErrors).toEqual([]);
  return recorded.deposit.id;
}

/** The seller records an order at the world's clock, reporting it as placed at `placedAt`. */
async function recordOrder(w: World, placedAt: string, yuan: number): Promise<string> {
  const input = orderInput({ placedAt, settlementAmount: CNY(yuan) });
  const created = await mutate(w, w.key, "createOrder", "CreateOrderInput", input, "order { id }");
  expect(created.userErrors).toEqual([]);
  return created.order.id;
}

async function cancel(w: World, orderId: string) {
  const input = { orderId, reason: "OUT_OF_STOCK" };
  const cancelled = await mutate(w, w.key, "cancelOrder", "CancelOrderInput", input, "order { status }");
  expect(cancelled.userErrors).toEqual([]);
}

/** A client on the same tables that records each request it sends: the command, its table and index. */
function recording(db: Db): { db: Db; sent: string[] } {
  const doc = createDocumentClient();
  const sent: string[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; IndexName?: string };
      sent.push([context.commandName, input.TableName, input.IndexName].filter(Boolean).join(" "));
      return next(args);
    },
    { step: "initialize", name: "requestRecorder" },
  );
  return { db: { doc, tables: db.tables }, sent };
}

/** The seller's eligibility answer, and the DynamoDB requests it took (the key lookup included). */
async function eligibility(w: World, depositId: string) {
  const { db, sent } = recording(w.db);
  const api = createGraphqlHandler({ db, clock: () => w.now });
  const response = await graphql(
    api,
    `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation blockers { code }
      progress { salesToDate { amountMinor } salesRecordedAfterTerm { amountMinor } salesBasis } } }`,
    { key: w.key, variables: { id: depositId } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return { answer: response.body.data.depositRefundEligibility, sent };
}

describe("an order reported after a deposit's term ended", () => {
  it("recorded ten days after the term, backdated into it, does not reach the target: one request more", async () => {
    const w = await world(new Date("2026-01-05T02:01:00.000Z"));
    const depositId = await limitedTerm(w, 500_000);
    // Real sales in the term, recorded as they happened: a little.
    await recordOrder(w, "2026-01-05T10:00:00+08:00", 1_000);
    w.now = new Date("2026-02-10T04:00:00.000Z");
    expect((await eligibility(w, depositId)).answer).toMatchObject({
      recommendation: "REFER_TO_OPERATOR",
      progress: { salesToDate: { amountMinor: 100_000 }, salesRecordedAfterTerm: { amountMinor: 0 } },
    });

    // Ten days after the term ended, the seller records one order "placed" in it, for the rest of the target.
    const backdated = await recordOrder(w, "2026-01-20T10:00:00+08:00", 499_000);
    const { answer, sent } = await eligibility(w, depositId);
    expect(answer).toMatchObject({
      eligible: true,
      recommendation: "REFER_TO_OPERATOR",
      progress: { salesToDate: { amountMinor: 100_000 }, salesRecordedAfterTerm: { amountMinor: 49_900_000 } },
    });
    expect(answer.progress.salesBasis).toContain(
      "nor does an order recorded here after the term ended, more than 7 days after it was placed " +
        "(CN¥499,000.00 of such orders left out).",
    );
    // The key, the deposit and its seller, then together the counters, the violations and the term's orders recorded
    // late (the sparse index of them): one request more than before the term ended, whatever the seller's orders.
    expect(sent.filter((r) => r.endsWith("lateRecordedOrdersBySeller"))).toHaveLength(1);
    expect(sent).toHaveLength(6);
    expect(sent.filter((r) => r.startsWith("Scan"))).toEqual([]);

    const applied = await mutate(
      w,
      w.key,
      "applyForDepositRefund",
      "ApplyForDepositRefundInput",
      { depositId, documents: DOCS },
      "application { recommendation }",
    );
    expect(applied).toMatchObject({ userErrors: [], application: { recommendation: "REFER_TO_OPERATOR" } });
    // Cancelled after all, the order leaves its day's counter and nothing is left out twice.
    await cancel(w, backdated);
    expect((await eligibility(w, depositId)).answer).toMatchObject({
      recommendation: "REFER_TO_OPERATOR",
      progress: { salesToDate: { amountMinor: 100_000 }, salesRecordedAfterTerm: { amountMinor: 0 } },
    });
  }, 120_000);

  it("synced by an ERP within 7 days of its placedAt still counts, after the term ended", async () => {
    const w = await world(new Date("2026-01-05T02:01:00.000Z"));
    const depositId = await limitedTerm(w, 1_000);
    await recordOrder(w, "2026-01-05T10:00:00+08:00", 600);
    // Placed on the term's last evening, synced three days after the term ended.
    w.now = new Date("2026-02-03T01:00:00.000Z");
    await recordOrder(w, "2026-01-31T20:00:00+08:00", 600);
    expect((await eligibility(w, depositId)).answer).toMatchObject({
      recommendation: "REFUND_IN_FULL",
      progress: { salesToDate: { amountMinor: 120_000 }, salesRecordedAfterTerm: { amountMinor: 0 } },
    });
  }, 120_000);

  it("imported late while the term ran still counts once it ended: the term was not over then", async () => {
    const w = await world(new Date("2026-01-25T02:00:00.000Z"));
    const depositId = await limitedTerm(w, 1_000);
    // Placed on 2 January, recorded on 25 January: late, but within the term.
    await recordOrder(w, "2026-01-02T10:00:00+08:00", 1_200);
    w.now = new Date("2026-02-20T04:00:00.000Z");
    expect((await eligibility(w, depositId)).answer).toMatchObject({
      recommendation: "REFUND_IN_FULL",
      progress: { salesToDate: { amountMinor: 120_000 }, salesRecordedAfterTerm: { amountMinor: 0 } },
    });
  }, 120_000);
});

const QUEUE = `query($status: DepositRefundApplicationStatus) {
  depositRefundApplications(status: $status, first: 50) { edges { node {
    id recommendation currentRecommendation
    currentEligibility { recommendation progress { salesToDate { amountMinor } } }
    decision { outcome recommendation }
  } } } }`;

describe("the operator's review of a refund application", () => {
  it("shows the rules' verdict now beside the one applied under; the decision keeps its own", async () => {
    const w = await world(new Date("2026-01-10T02:00:00.000Z"));
    const depositId = await limitedTerm(w, 1_000);
    const sale = await recordOrder(w, "2026-01-10T09:00:00+08:00", 2_000);
    // The target is reached within the term: refundable in full right away.
    const applied = await mutate(
      w,
      w.key,
      "applyForDepositRefund",
      "ApplyForDepositRefundInput",
      { depositId, documents: DOCS },
      "application { id recommendation currentRecommendation }",
    );
    expect(applied).toMatchObject({
      userErrors: [],
      application: { recommendation: "REFUND_IN_FULL", currentRecommendation: "REFUND_IN_FULL" },
    });
    const applicationId = applied.application.id;

    // Then the sale that reached the target is cancelled.
    w.now = new Date("2026-01-12T02:00:00.000Z");
    await cancel(w, sale);
    const queue = await graphql(w.api, QUEUE, { key: w.operator, variables: { status: "PENDING" } });
    expect(queue.body.errors, JSON.stringify(queue.body.errors)).toBeUndefined();
    expect(queue.body.data.depositRefundApplications.edges.map((e: any) => e.node)).toEqual([
      {
        id: applicationId,
        recommendation: "REFUND_IN_FULL",
        currentRecommendation: "NOT_YET_ELIGIBLE",
        currentEligibility: { recommendation: "NOT_YET_ELIGIBLE", progress: { salesToDate: { amountMinor: 0 } } },
        decision: null,
      },
    ]);
    // The seller sees the same on its own deposit.
    const own = await graphql(
      w.api,
      "query($id: ID!) { deposit(id: $id) { refundApplications { currentRecommendation } } }",
      {
        key: w.key,
        variables: { id: depositId },
      },
    );
    expect(own.body.data.deposit.refundApplications).toEqual([{ currentRecommendation: "NOT_YET_ELIGIBLE" }]);

    const decided = await mutate(
      w,
      w.operator,
      "decideDepositRefund",
      "DecideDepositRefundInput",
      { applicationId, outcome: "DENY", reason: "The sale that reached the target was cancelled." },
      "application { recommendation currentRecommendation decision { outcome recommendation } }",
    );
    expect(decided).toMatchObject({
      userErrors: [],
      application: {
        recommendation: "REFUND_IN_FULL",
        currentRecommendation: null,
        decision: { outcome: "DENY", recommendation: "NOT_YET_ELIGIBLE" },
      },
    });
    const denied = await graphql(w.api, QUEUE, { key: w.operator, variables: { status: "DENIED" } });
    expect(denied.body.data.depositRefundApplications.edges.map((e: any) => e.node)).toEqual([
      {
        id: applicationId,
        recommendation: "REFUND_IN_FULL",
        currentRecommendation: null,
        currentEligibility: null,
        decision: { outcome: "DENY", recommendation: "NOT_YET_ELIGIBLE" },
      },
    ]);
  }, 120_000);
});

/** An unlimited deposit of the seller, paid on 1 January 2026 (Shanghai): 50,000 CNY in each of the last 3 months. */
async function unlimitedDeposit(w: World): Promise<string> {
  const input = {
    sellerId: w.sellerId,
    kind: "UNLIMITED",
    amount: CNY(20_000),
    paidAt: "2026-01-01T00:00:00+08:00",
    sustainedRule: { minMonthlySales: CNY(50_000), months: 3 },
  };
  const recorded = await mutate(w, w.operator, "recordDeposit", "RecordDepositInput", input, "deposit { id }");
  expect(recorded.userErrors).toEqual([]);
  return recorded.deposit.id;
}

async function monthly(w: World, depositId: string) {
  const response = await graphql(
    w.api,
    `query($id: ID!) { depositRefundEligibility(depositId: $id) { recommendation blockers { code }
      progress { monthsMeetingRule monthlySales { month sales { amountMinor } meetsRule } } } }`,
    { key: w.key, variables: { id: depositId } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.depositRefundEligibility;
}

describe("an order reported after its month ended, toward an unlimited deposit's sustained-sales rule", () => {
  it("recorded today but dated into the past months does not meet the rule: one request more", async () => {
    const w = await world(new Date("2026-12-01T02:00:00.000Z"));
    const depositId = await unlimitedDeposit(w);
    expect((await eligibility(w, depositId)).answer).toMatchObject({
      recommendation: "NOT_ELIGIBLE",
      blockers: [{ code: "SUSTAINED_SALES_NOT_MET" }],
    });

    // The next day the seller records three orders "placed" in the three months of the rule.
    w.now = new Date("2026-12-02T02:00:00.000Z");
    for (const placedAt of ["2026-09-10T10:00:00+08:00", "2026-10-10T10:00:00+08:00", "2026-11-10T10:00:00+08:00"]) {
      await recordOrder(w, placedAt, 50_000);
    }
    const { answer, sent } = await eligibility(w, depositId);
    expect(answer).toMatchObject({
      eligible: false,
      recommendation: "NOT_ELIGIBLE",
      blockers: [{ code: "SUSTAINED_SALES_NOT_MET" }],
      progress: { salesToDate: { amountMinor: 0 }, salesRecordedAfterTerm: { amountMinor: 15_000_000 } },
    });
    expect(answer.progress.salesBasis).toContain(
      "nor does an order recorded here after its month ended, more than 7 days after it was placed " +
        "(CN¥150,000.00 of such orders left out).",
    );
    expect((await monthly(w, depositId)).progress).toMatchObject({
      monthsMeetingRule: 0,
      monthlySales: ["2026-09", "2026-10", "2026-11"].map((month) => ({ month, sales: { amountMinor: 0 } })),
    });
    // The key, the deposit and its seller, then together the counters, the violations and the months' orders recorded
    // late (the sparse index of them): 6, as a limited term once it ended.
    expect(sent.filter((r) => r.endsWith("lateRecordedOrdersBySeller"))).toHaveLength(1);
    expect(sent).toHaveLength(6);
    expect(sent.filter((r) => r.startsWith("Scan"))).toEqual([]);
  }, 120_000);

  it("counts an order recorded late before its month ended on the seller's clock, not a moment after", async () => {
    const w = await world(new Date("2026-09-05T02:00:00.000Z"));
    const depositId = await unlimitedDeposit(w);
    // The first instant of September in Shanghai (31 August in UTC), synced four days later: September's.
    await recordOrder(w, "2026-09-01T00:00:00+08:00", 50_000);
    w.now = new Date("2026-10-12T02:00:00.000Z");
    await recordOrder(w, "2026-10-10T10:00:00+08:00", 50_000);
    // Recorded ten days after it was placed, on November's last instant in Shanghai: the month had not ended.
    w.now = new Date("2026-11-30T15:59:59.999Z");
    await recordOrder(w, "2026-11-20T10:00:00+08:00", 50_000);
    // Recorded on December's first instant in Shanghai (still 30 November in UTC): November had ended.
    w.now = new Date("2026-11-30T16:00:00.000Z");
    await recordOrder(w, "2026-11-21T10:00:00+08:00", 500_000);
    // And one dated to September's first instant in Shanghai, recorded in December: left out of September.
    w.now = new Date("2026-12-02T02:00:00.000Z");
    await recordOrder(w, "2026-09-01T00:00:00+08:00", 7);

    const { answer } = await eligibility(w, depositId);
    expect(answer).toMatchObject({
      eligible: true,
      recommendation: "REFER_TO_OPERATOR",
      progress: { salesToDate: { amountMinor: 15_000_000 }, salesRecordedAfterTerm: { amountMinor: 50_000_700 } },
    });
    expect((await monthly(w, depositId)).progress).toMatchObject({
      monthsMeetingRule: 3,
      monthlySales: ["2026-09", "2026-10", "2026-11"].map((month) => ({ month, sales: { amountMinor: 5_000_000 } })),
    });
  }, 120_000);
});
