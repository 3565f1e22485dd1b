import { createLogger } from "@seller-ops/api/src/log";
import type { Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { createLateOrderJobHandler } from "@seller-ops/functions/src/jobs/late-orders";
import { functionTables } from "@seller-ops/functions/src/tables";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { scheduledEvent } from "../support/events";
import { cancelTransactions, withTransactionConflicts } from "../support/faults";
import { importBatch } from "../support/fixtures";
import { checkInvariants } from "../support/invariants";
import { linkedOnly, orderDue, world, type World } from "../support/world";

/**
 * In AWS a transaction is cancelled for reasons DynamoDB Local never gives: another transaction writing one of
 * its items (`TransactionConflict`), or throughput (`ThrottlingError`, `ProvisionedThroughputExceeded`).
 * Every order and case change of a seller ADDs to the same counter items (its day's STATS item, its
 * overview), so a seller's concurrent writes meet there. `transactWrite` retries those cancellations;
 * these tests apply AWS's rules with client middlewares (test/support/faults.ts) and expect every write to
 * land once, with every invariant holding after.
 */

/**
 * The time a TransactWriteItems holds its items in AWS: its latency, about 10 to 30 ms; the upper end. Writers left to
 * meet by chance meet less the busier the machine (DynamoDB Local's 100-300 ms transactions space their attempts far
 * apart), so the test of two writers side by side makes them meet (`meetingClient`).
 */
const HOLD_MS = 25;

const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
  results { outcome } createdCount userErrors { code } } }`;

/** The largest import (MAX_IMPORT), all placed two hours ago: one day's counters, the seller's overview. */
const hundredOrders = (w: World) => importBatch(w.now, 100, `IMP-${ulid()}`);

/** 40 orders of the world's seller, all past their ship-by deadline an hour from now. */
async function fortyLateOrders(w: World): Promise<void> {
  for (let i = 0; i < 40; i++) await orderDue(w, 2);
  w.now = new Date(w.now.getTime() + 3 * HOUR);
}

/**
 * The late-order job on `db` (the world's clock), with its log kept: a run with failures rejects with only their
 * count, and the log is muted in tests, so its WARN and ERROR lines are returned for the assertion's message (which
 * item failed, and with what error). They named the cause of a failure met under CI's load: the conflict rule of
 * test/support/faults.ts, asked twice across a hold's end, cancelled a transaction with every reason `None`.
 */
async function lateOrderJobLogged(w: World, db: Db) {
  const lines: string[] = [];
  const run = createLateOrderJobHandler({
    db,
    clock: () => w.now,
    logger: createLogger({}, (line) => lines.push(line)),
  });
  const context = { awsRequestId: ulid(), getRemainingTimeInMillis: () => 600_000 };
  const outcome = await run(scheduledEvent(), context as never).then(
    (report) => ({ report, error: undefined }),
    (error: Error) => ({ report: undefined, error: error.message }),
  );
  const problems = lines.filter((line) => /"level":"(WARN|ERROR)"/.test(line));
  return { ...outcome, problems };
}

describe("transactions cancelled by conflicts on a seller's counters", { timeout: 180_000 }, () => {
  it("an import of 100 orders creates them all, and its own transactions never conflict", async () => {
    const w = await world();
    const aws = withTransactionConflicts(w.db, { holdMs: HOLD_MS });
    const api = createGraphqlHandler({ db: linkedOnly(aws.db, functionTables.graphql), clock: () => w.now });

    const response = await graphql(api, IMPORT, { key: w.key, variables: { input: { orders: hundredOrders(w) } } });

    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect(response.body.data.importOrders.createdCount).toBe(100);
    // All its orders meet on the seller's counters: written side by side they would only cancel each other.
    expect(aws.log).toEqual({ transactions: 100, conflicts: 0 });
    expect((await checkInvariants(w.db)).orders).toBe(100);
  });

  it("the late-order job flags 40 late orders of one seller in one run, its shards conflicting", async () => {
    const w = await world();
    await fortyLateOrders(w);
    const aws = withTransactionConflicts(w.db, { holdMs: HOLD_MS });

    const job = await lateOrderJobLogged(w, linkedOnly(aws.db, functionTables.lateOrders));

    expect(job.error, job.problems.join("\n")).toBeUndefined();
    expect(job.report).toMatchObject({ newlyLate: 40, casesOpened: 40, failures: 0, skippedChanged: 0 });
    expect(aws.log.conflicts).toBeGreaterThan(0);
    const counted = await checkInvariants(w.db);
    expect(counted).toMatchObject({ orders: 40, cases: 40 });
  });

  it("an import while the late-order job flags the same seller's orders: both complete", async () => {
    const w = await world();
    await fortyLateOrders(w);
    const aws = withTransactionConflicts(w.db, { holdMs: HOLD_MS });
    // The import's first transaction is sent while one of the job's holds the seller's counters: they meet for sure.
    const importing = aws.meetingClient();
    const api = createGraphqlHandler({ db: linkedOnly(importing.db, functionTables.graphql), clock: () => w.now });

    const [job, response] = await Promise.all([
      lateOrderJobLogged(w, linkedOnly(aws.db, functionTables.lateOrders)),
      graphql(api, IMPORT, { key: w.key, variables: { input: { orders: hundredOrders(w) } } }),
    ]);

    expect(job.error, job.problems.join("\n")).toBeUndefined();
    expect(job.report).toMatchObject({ newlyLate: 40, failures: 0 });
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    expect(response.body.data.importOrders.createdCount).toBe(100);
    // The import was cancelled by the job's transaction at least once, and each of its 100 writes landed once.
    expect(importing.log.conflicts).toBeGreaterThan(0);
    expect(importing.log.transactions - importing.log.conflicts).toBe(100);
    expect(await checkInvariants(w.db)).toMatchObject({ orders: 140, cases: 40 });
  });

  it("a job's transaction cancelled by conflicts 12 times in a row commits in its window: no failed run", async () => {
    const w = await world();
    await orderDue(w, 2);
    w.now = new Date(w.now.getTime() + 3 * HOUR);
    // A busy seller's counters: ten cancellations in a row were the end of an API request's transaction, but a job
    // has its commit window (20 s) to wait the burst out.
    const conflicts = cancelTransactions(w.db, { reason: "TransactionConflict", times: 12 });

    const report = await w.lateOrders(linkedOnly(conflicts.db, functionTables.lateOrders));

    expect(report).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    expect(conflicts.log.attempts).toBe(13);
    expect(await checkInvariants(w.db)).toMatchObject({ orders: 1, cases: 1 });
  });
});

describe("transactions cancelled by throttling", () => {
  it.each(["ThrottlingError", "ProvisionedThroughputExceeded"])(
    "an order whose transaction is cancelled once for %s is created on the next attempt",
    async (reason) => {
      const w = await world();
      const throttled = cancelTransactions(w.db, { reason, times: 1 });
      const api = createGraphqlHandler({ db: linkedOnly(throttled.db, functionTables.graphql), clock: () => w.now });

      const response = await graphql(api, IMPORT, {
        key: w.key,
        variables: { input: { orders: hundredOrders(w).slice(0, 1) } },
      });

      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      expect(response.body.data.importOrders.createdCount).toBe(1);
      expect(throttled.log.attempts).toBe(2);
      expect((await checkInvariants(w.db)).orders).toBe(1);
    },
  );

  it("a transaction cancelled for another reason (ValidationError) is not tried again", async () => {
    const w = await world();
    const refused = cancelTransactions(w.db, { reason: "ValidationError", times: 1 });
    const api = createGraphqlHandler({ db: linkedOnly(refused.db, functionTables.graphql), clock: () => w.now });

    const response = await graphql(api, IMPORT, {
      key: w.key,
      variables: { input: { orders: hundredOrders(w).slice(0, 1) } },
    });

    expect(response.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(refused.log.attempts).toBe(1);
    expect((await checkInvariants(w.db)).orders).toBe(0);
  });
});
