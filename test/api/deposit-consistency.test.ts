import type { Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY, testEpoch } from "../support/clock";
import { orderInput } from "../support/fixtures";
import { laggingReads } from "../support/lagging-reads";
import { linkedOnly, mutate, world, type World } from "../support/world";

/**
 * A refund application decides on what was recorded a moment before it: on real DynamoDB an eventually
 * consistent read may not hold the last moment's writes yet (DynamoDB Local never lags, so the handler here
 * reads through `laggingReads`). The application reads the seller's counters and violations strongly
 * consistently; the term's edges, read from a global index that is never consistent, count the smaller figure.
 * The eligibility query stays eventually consistent: half the read capacity, and a moment late at worst.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const DOCUMENTS = [
  { kind: "SALES_DATA", reference: "evidence/sales.csv", checksum: "a".repeat(64), title: "Sales" },
  { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/qc.pdf", checksum: "b".repeat(64), title: "QC" },
];

/** The world's handler on a client whose eventually consistent reads lag its writes until `catchUp()`. */
function lagging(w: World) {
  const lag = laggingReads(w.db);
  w.api = createGraphqlHandler({ db: linkedOnly(lag.db, functionTables.graphql), clock: () => w.now });
  return lag;
}

async function deposit(
  w: World,
  term: { termStart: string; termEnd: string },
  target: number,
  paidAt = "2025-12-28T10:00:00+08:00",
) {
  const input = {
    sellerId: w.sellerId,
    kind: "LIMITED_TERM",
    amount: CNY(10_000),
    paidAt,
    ...term,
    salesTarget: CNY(target),
  };
  const recorded = await mutate(w, w.operator, "recordDeposit", "RecordDepositInput", input, "deposit { id }");
  expect(recorded.userErrors).toEqual([]);
  return recorded.deposit.id as string;
}

const apply = (w: World, depositId: string) =>
  mutate(
    w,
    w.key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    { depositId, documents: DOCUMENTS },
    "application { id recommendation }",
  );

const eligibility = async (w: World, depositId: string) => {
  const response = await graphql(
    w.api,
    `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation blockers { code } } }`,
    { key: w.key, variables: { id: depositId } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.depositRefundEligibility;
};

/** The Queries a client sends, as sent: table, index and whether strongly consistent. */
function recordQueries(db: Db) {
  const sent: { table: string; index: string | null; consistent: boolean }[] = [];
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, any>;
      if (String(context.commandName).startsWith("Query"))
        sent.push({
          table: input.TableName,
          index: input.IndexName ?? null,
          consistent: input.ConsistentRead === true,
        });
      return next(args);
    },
    { step: "initialize", name: "recordQueries" },
  );
  return sent;
}

describe("a refund application decides on what was recorded a moment before", () => {
  it("a CRITICAL violation recorded a moment before the seller applies stops the application", async () => {
    const w = await world(new Date("2026-06-15T04:00:00.000Z"));
    const depositId = await deposit(
      w,
      { termStart: "2026-01-01T00:00:00+08:00", termEnd: "2027-01-01T00:00:00+08:00" },
      100,
    );
    await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: "2026-03-01T02:00:00Z" }),
      "order { id }",
    );
    const lag = lagging(w);
    const violation = await mutate(
      w,
      w.operator,
      "recordViolation",
      "RecordViolationInput",
      {
        sellerId: w.sellerId,
        kind: "FRAUD",
        severity: "CRITICAL",
        occurredAt: "2026-06-15T03:00:00Z",
        note: "fake tracking",
      },
      "violation { id }",
    );
    expect(violation.userErrors).toEqual([]);
    // The eligibility query may not see it yet (eventually consistent, as documented)...
    expect(await eligibility(w, depositId)).toMatchObject({ eligible: true });
    // ...the application does.
    const applied = await apply(w, depositId);
    expect(applied.application).toBeNull();
    expect(applied.userErrors.map((e: { code: string }) => e.code)).toEqual(["NOT_ELIGIBLE"]);
    lag.catchUp();
    expect(await eligibility(w, depositId)).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
  });

  it(
    "an order imported a moment before, placed on the term's first day before it began, does not reach the target " +
      "for the application",
    async () => {
      const w = await world(new Date("2026-06-15T04:00:00.000Z"));
      // The term begins at noon on 1 January (Shanghai): the morning's orders are in that day's counter, not the term.
      const term = { termStart: "2026-01-01T12:00:00+08:00", termEnd: "2027-01-01T00:00:00+08:00" };
      const depositId = await deposit(w, term, 1_000);
      const order = (placedAt: string, yuan: number) =>
        mutate(
          w,
          w.key,
          "createOrder",
          "CreateOrderInput",
          orderInput({ placedAt, settlementAmount: CNY(yuan) }),
          "order { id }",
        );
      await order("2026-01-01T15:00:00+08:00", 600);
      const lag = lagging(w);
      await order("2026-01-01T09:00:00+08:00", 5_000);
      // The index of orders by placed time does not hold it yet; the day's counter, read consistently, does.
      const applied = await apply(w, depositId);
      expect(applied.application).toBeNull();
      expect(applied.userErrors.map((e: { code: string }) => e.code)).toEqual(["NOT_ELIGIBLE"]);
      expect(applied.userErrors[0].message).toContain("CN¥600.00");
      // Caught up, the query and the application agree: the morning's order is not the term's.
      lag.catchUp();
      expect(await eligibility(w, depositId)).toMatchObject({
        eligible: false,
        blockers: [{ code: "TERM_NOT_ENDED" }],
      });
      await order("2026-01-01T16:00:00+08:00", 400);
      lag.catchUp();
      expect((await apply(w, depositId)).application).toMatchObject({ recommendation: "REFUND_IN_FULL" });
    },
  );

  it("reads the table strongly consistently to apply, and eventually consistently to answer the query", async () => {
    const w = await world(new Date("2026-06-15T04:00:00.000Z"));
    const term = { termStart: "2026-01-01T12:00:00+08:00", termEnd: "2027-01-01T00:00:00+08:00" };
    const depositId = await deposit(w, term, 100);
    await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: "2026-03-01T02:00:00Z" }),
      "order { id }",
    );
    const lag = lagging(w);
    const sent = recordQueries(lag.db);
    await eligibility(w, depositId);
    const queried = sent.splice(0);
    const counters = (q: (typeof queried)[number]) => q.table === w.db.tables.Sellers && q.index === null;
    const violations = (q: (typeof queried)[number]) => q.table === w.db.tables.Deposits && q.index === null;
    expect(queried.filter(counters)).toEqual([{ table: w.db.tables.Sellers, index: null, consistent: false }]);
    expect(queried.filter(violations)).toEqual([{ table: w.db.tables.Deposits, index: null, consistent: false }]);
    expect(queried.filter((q) => q.index === "ordersBySellerPlacedAt")).toHaveLength(1);
    expect((await apply(w, depositId)).userErrors).toEqual([]);
    expect(sent.filter(counters)).toEqual([{ table: w.db.tables.Sellers, index: null, consistent: true }]);
    expect(sent.filter(violations).every((q) => q.consistent)).toBe(true);
    expect(sent.filter((q) => q.index === "ordersBySellerPlacedAt")).toHaveLength(1);
  });

  it("a refusal decided on an index that lagged is not kept under the key: a retry decides again", async () => {
    // Idempotency records expire 24 h on, and DynamoDB deletes a record whose expiry is in the real past: the world
    // runs at the real date (testEpoch), with the term around it, so the test passes on any date.
    const w = await world(testEpoch());
    const localDay = (daysFromEpoch: number) =>
      new Date(testEpoch().getTime() + daysFromEpoch * DAY).toISOString().slice(0, 10);
    const termStartDay = localDay(-30);
    const depositId = await deposit(
      w,
      { termStart: `${termStartDay}T12:00:00+08:00`, termEnd: `${localDay(335)}T00:00:00+08:00` },
      1_000,
      `${localDay(-31)}T10:00:00+08:00`,
    );
    const lag = lagging(w);
    // An order of the term's first day (after its noon start) that reaches the target, synced a moment ago.
    const order = orderInput({ placedAt: `${termStartDay}T15:00:00+08:00`, settlementAmount: CNY(1_000) });
    expect((await mutate(w, w.key, "createOrder", "CreateOrderInput", order, "order { id }")).userErrors).toEqual([]);
    const input = { depositId, documents: DOCUMENTS, idempotencyKey: "erp-apply-0001" };
    const sel = "application { id recommendation }";
    const first = await mutate(w, w.key, "applyForDepositRefund", "ApplyForDepositRefundInput", input, sel);
    expect(first.userErrors.map((e: { code: string }) => e.code)).toEqual(["NOT_ELIGIBLE"]);
    lag.catchUp();
    w.now = new Date(w.now.getTime() + 60_000);
    const retried = await mutate(w, w.key, "applyForDepositRefund", "ApplyForDepositRefundInput", input, sel);
    expect(retried.userErrors).toEqual([]);
    expect(retried.application).toMatchObject({ recommendation: "REFUND_IN_FULL" });
    // Kept from then on: the same key answers the application again.
    const again = await mutate(w, w.key, "applyForDepositRefund", "ApplyForDepositRefundInput", input, sel);
    expect(again.application).toEqual(retried.application);
  });
});
