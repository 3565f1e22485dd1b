import { describe, expect, it } from "vitest";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { cancelTransactions } from "../support/faults";
import { checkInvariants } from "../support/invariants";
import { buyerOpensCase, linkedOnly, world } from "../support/world";

/**
 * The case-deadline job within its Lambda's time, as the late-order job (test/jobs/late-orders.test.ts): an item whose
 * reads and throttled transaction would outlast the run is cut short before the end, left for the next run, and the
 * run returns its report (stopped early) instead of being killed by Lambda's timeout.
 */
describe("the case-deadline job's time", () => {
  it("ends an overdue case's retries before the Lambda's end, its seller read included; flagged next run", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "QUALITY_ISSUE");
    const { respondBy } = (await graphql(w.api, `{ case(id: "${caseId}") { respondBy } }`, { key: w.key })).body.data
      .case;
    w.now = new Date(Date.parse(respondBy) + 10 * 60_000);
    // Its first answer missed moves the seller's counters: the seller is read (20 s), then each throttled attempt of
    // the transaction takes 8 s. The Lambda ends 41 s after the run starts, on the job's clock.
    const throttled = cancelTransactions(w.db, { reason: "ThrottlingError", times: 9 });
    const slow: Parameters<typeof throttled.db.doc.middlewareStack.add>[0] = (next, context) => async (args) => {
      const command = String(context.commandName);
      const table = (args.input as { TableName?: string }).TableName;
      if (/^TransactWrite(Items)?Command$/.test(command)) w.now = new Date(w.now.getTime() + 8_000);
      if (/^Get(Item)?Command$/.test(command) && table === w.db.tables.Sellers)
        w.now = new Date(w.now.getTime() + 20_000);
      return next(args);
    };
    throttled.db.doc.middlewareStack.addRelativeTo(slow, {
      relation: "before",
      toMiddleware: "cancelTransactions",
      name: "slowAttempts",
    });
    const endsAt = w.now.getTime() + 41_000;
    const report = await w.caseDeadlines(linkedOnly(throttled.db, functionTables.caseDeadlines), () => {
      return endsAt - w.now.getTime();
    });
    expect(w.now.getTime()).toBeLessThanOrEqual(endsAt);
    expect(throttled.log.attempts).toBeGreaterThanOrEqual(1);
    expect(report).toMatchObject({ examined: 1, responsesOverdue: 0, failures: 0, stoppedEarly: true });

    expect(await w.caseDeadlines()).toMatchObject({ responsesOverdue: 1, failures: 0 });
    await checkInvariants(w.db);
  });
});
