import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Time } from "@seller-ops/core";
import { createDocumentClient, StatsRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { orderInput } from "../support/fixtures";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * A limited term that starts or ends inside one of the seller's days. The day's counters hold the
 * whole day, so what the seller lost outside the term on that day must be taken back out: quality
 * disputes lost after the term ended (or before it began) do not block its refund. A term entered in
 * UTC for a seller in Shanghai always cuts its days at 08:00.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });

async function run(w: World, key: string, name: string, type: string, input: unknown, selection: string) {
  const response = await graphql(
    w.api,
    `mutation($input: ${type}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`,
    { key, variables: { input } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.body.data[name].userErrors).toEqual([]);
  return response.body.data[name];
}

/**
 * A seller (Shanghai) with a deposit over `term` and a 1,000 CNY target, met by 1,500 CNY of sales
 * placed at `salesAt` (inside the term), and three orders placed on 18 Nov whose quality disputes the
 * seller lost at `lostAt`.
 */
async function sellerWithTerm(term: { termStart: string; termEnd: string }, salesAt: string, lostAt: string) {
  const w = await world(new Date("2026-11-18T04:00:00.000Z"));
  const order = async (placedAt: string, yuan: number) => {
    w.now = new Date(Math.max(w.now.getTime(), Date.parse(placedAt) + 60_000));
    const input = orderInput({ placedAt, settlementAmount: CNY(yuan) });
    return (await run(w, w.key, "createOrder", "CreateOrderInput", input, "order { id }")).order.id as string;
  };
  const disputed = [];
  for (let i = 0; i < 3; i++) disputed.push(await order("2026-11-18T03:00:00Z", 100));
  // In the order things happened: the clock only moves forward.
  if (lostAt < salesAt) await qualityDisputesLost(w, disputed, lostAt);
  for (let i = 0; i < 3; i++) await order(salesAt, 500);
  if (lostAt >= salesAt) await qualityDisputesLost(w, disputed, lostAt);
  const input = {
    sellerId: w.sellerId,
    kind: "LIMITED_TERM",
    amount: CNY(10_000),
    paidAt: "2026-11-01T00:00:00+08:00",
    ...term,
    salesTarget: CNY(1_000),
  };
  const deposit = await run(w, w.operator, "recordDeposit", "RecordDepositInput", input, "deposit { id }");
  return { w, disputed, depositId: deposit.deposit.id as string };
}

/** The buyer's quality dispute on each order, decided for the buyer by the platform at `at`. */
async function qualityDisputesLost(w: World, orderIds: string[], at: string) {
  expect(Date.parse(at)).toBeGreaterThanOrEqual(w.now.getTime());
  w.now = new Date(at);
  for (const orderId of orderIds) {
    const input = { orderId, reason: "QUALITY_ISSUE", source: "BUYER" };
    const opened = await run(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
    const caseId = opened.case.id;
    await run(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId, note: "Broken" }, "case { id }");
    await run(
      w,
      w.operator,
      "resolveCase",
      "ResolveCaseInput",
      { caseId, outcome: "DECIDED_FOR_BUYER", note: "Not as shown." },
      "case { id }",
    );
  }
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

async function eligibility(w: World, depositId: string) {
  return (await eligibilityWithRequests(w, depositId)).answer;
}

/** The eligibility answer and the DynamoDB requests it took (the key lookup included). */
async function eligibilityWithRequests(w: World, depositId: string) {
  const { db, sent } = recording(w.db);
  const api = createGraphqlHandler({ db, clock: () => w.now });
  const response = await graphql(
    api,
    "query($id: ID!) { depositRefundEligibility(depositId: $id) { recommendation blockers { code message } } }",
    { key: w.key, variables: { id: depositId } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return { answer: response.body.data.depositRefundEligibility, sent };
}

const lostIndexQueries = (sent: string[]) => sent.filter((r) => r.endsWith("qualityDisputesLostBySeller"));

describe("quality disputes on a term's first and last days", () => {
  it("those lost after the term ended, on its last day, do not block the refund", async () => {
    const { w, depositId } = await sellerWithTerm(
      { termStart: "2026-11-01T00:00:00+08:00", termEnd: "2026-11-30T15:00:00+08:00" },
      "2026-11-20T03:00:00Z",
      "2026-11-30T08:00:00.000Z", // 16:00 in Shanghai, after 15:00
    );
    const { answer, sent } = await eligibilityWithRequests(w, depositId);
    expect(answer).toEqual({ recommendation: "REFUND_IN_FULL", blockers: [] });
    // The key, the deposit, the counters, the violations, the last day's orders after the term, and (that day lost
    // quality disputes) one Query of the index of them.
    expect(lostIndexQueries(sent)).toHaveLength(1);
    expect(sent.filter((r) => r.startsWith("Scan"))).toEqual([]);
  });

  it("a term cut mid-day whose edge days lost none reads no dispute, and counts those lost inside", async () => {
    const { w, depositId } = await sellerWithTerm(
      { termStart: "2026-11-01T00:00:00+08:00", termEnd: "2026-11-30T15:00:00+08:00" },
      "2026-11-19T03:00:00Z",
      "2026-11-20T03:00:00.000Z", // inside the term, on no edge day
    );
    w.now = new Date("2026-12-01T00:00:00.000Z");
    const { answer, sent } = await eligibilityWithRequests(w, depositId);
    expect(answer.blockers.map((b: { code: string }) => b.code)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(lostIndexQueries(sent)).toEqual([]);
    // Its last day is cut at 15:00: the orders placed after the term are read, as before.
    expect(sent.filter((r) => r.endsWith("ordersBySellerPlacedAt"))).toHaveLength(1);
  });

  it("those lost before the term began, on its first day, do not block the refund", async () => {
    const { w, depositId } = await sellerWithTerm(
      { termStart: "2026-11-19T12:00:00+08:00", termEnd: "2026-11-28T00:00:00+08:00" },
      "2026-11-19T05:00:00Z",
      "2026-11-19T02:00:00.000Z", // 10:00 in Shanghai, before 12:00
    );
    w.now = new Date("2026-11-29T00:00:00.000Z");
    expect(await eligibility(w, depositId)).toEqual({ recommendation: "REFUND_IN_FULL", blockers: [] });
  });

  it("those lost inside the term on its last day still block it", async () => {
    const { w, depositId } = await sellerWithTerm(
      { termStart: "2026-11-01T00:00:00+08:00", termEnd: "2026-11-30T15:00:00+08:00" },
      "2026-11-20T03:00:00Z",
      "2026-11-30T06:00:00.000Z", // 14:00 in Shanghai, before 15:00
    );
    w.now = new Date("2026-11-30T09:00:00.000Z");
    const answer = await eligibility(w, depositId);
    expect(answer.recommendation).toBe("NOT_ELIGIBLE");
    expect(answer.blockers.map((b: { code: string }) => b.code)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(answer.blockers[0].message).toContain("3");
  });
});

describe("a seller day that lost many quality disputes", () => {
  /** The stored size of the seller's counter item for `day`, roughly as DynamoDB charges it (names and values). */
  async function dayItemBytes(w: World, day: string) {
    const key = StatsRepo.statsKey(w.sellerId, day);
    const item = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Sellers, Key: key }))).Item!;
    return JSON.stringify(item, (_, v) => (v instanceof Set ? [...v] : v)).length;
  }

  async function loseQualityDispute(w: World) {
    const { caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    await mutate(
      w,
      w.marketplace,
      "escalateCase",
      "EscalateCaseInput",
      { caseId, note: "Not as shown" },
      "case { id }",
    );
    const input = { caseId, outcome: "DECIDED_FOR_BUYER", note: "Not as shown." };
    await mutate(w, w.operator, "resolveCase", "ResolveCaseInput", input, "case { id }");
  }

  it("keeps the day's counter item the same size, so every other write to that day costs the same", async () => {
    const w = await world();
    const day = Time.dayOf(w.now.toISOString(), "Asia/Shanghai");
    await loseQualityDispute(w);
    const afterOne = await dayItemBytes(w, day);
    for (let i = 0; i < 20; i++) await loseQualityDispute(w);
    const days = await StatsRepo.readDays(w.db, w.sellerId, day, day);
    expect(days[day]?.qualityDisputesLost).toBe(21);
    // Only the counters' digits may grow (a few bytes); a list of the disputes would add some 50 bytes each, and
    // thousands of them made every order or case write to the day dearer, then past 400 KB impossible.
    expect((await dayItemBytes(w, day)) - afterOne).toBeLessThan(40);
    await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: w.now.toISOString() }),
      "order { id }",
    );
  }, 120_000);
});
