import { describe, expect, it } from "vitest";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { DEMO_OPERATOR_KEY } from "../../packages/local/src/seed-deposits";
import { seedDemoData } from "../../packages/local/src/seed";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { testEpoch } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { readOverview, recountOverview } from "../support/overview";

/**
 * The demo data passes the project's own consistency check: every daily counter the seed wrote
 * is what a recount of its orders and cases gives (`npm run stats -- rebuild --check`), and the
 * repair mode therefore changes nothing — in particular not the sales history deposit
 * eligibility is decided from.
 */
describe("the demo data", () => {
  it("has counters that match a recount from its orders and cases, so a repair changes nothing", async () => {
    const db = await isolatedTables("seed-check");
    const now = testEpoch();
    await seedDemoData(db, now);

    const check = await rebuildStats(db, { write: false });
    expect(check.sellers).toBe(2);
    expect(check.daysChecked).toBeGreaterThan(30);
    expect(check.mismatches).toEqual([]);
    // The overview counters the seed kept with every write equal a recount, and are not all zeros.
    expect(check.overviewMismatches).toEqual([]);

    const h = createGraphqlHandler({ db, clock: () => now });
    const shenzhen = await readOverview(h, DEMO_OPERATOR_KEY, "seller-shenzhen-gadgets");
    expect(shenzhen).toEqual(await recountOverview(db, "seller-shenzhen-gadgets", now));
    expect(shenzhen.casesAwaitingSeller + shenzhen.offersPending + shenzhen.refundApplicationsOpen).toBeGreaterThan(0);
    const eligibility = async () => {
      const response = await graphql(
        h,
        `{ deposits(sellerId: "seller-shenzhen-gadgets", first: 10) { edges { node { id } } } y: deposits(sellerId: ` +
          `"seller-yiwu-home", first: 10) { edges { node { id } } } }`,
        { key: DEMO_OPERATOR_KEY },
      );
      const ids = [...response.body.data.deposits.edges, ...response.body.data.y.edges].map(
        (e: any) => e.node.id as string,
      );
      const answers: Record<string, unknown> = {};
      for (const id of ids.sort()) {
        const e = await graphql(
          h,
          `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation blockers { code } ` +
            `progress { salesToDate { amountMinor } } } }`,
          { key: DEMO_OPERATOR_KEY, variables: { id } },
        );
        answers[id] = e.body.data.depositRefundEligibility;
      }
      return answers;
    };
    const before = await eligibility();
    expect(Object.keys(before)).toHaveLength(5);
    // The sales history is there: the deposits that show a reached target still do.
    expect(before["demo-deposit-shenzhen-limited-target-reached"]).toMatchObject({
      eligible: true,
      recommendation: "REFUND_IN_FULL",
    });
    expect(before["demo-deposit-shenzhen-unlimited"]).toMatchObject({
      eligible: true,
      recommendation: "REFER_TO_OPERATOR",
    });

    const repair = await rebuildStats(db, { write: true });
    expect(repair.mismatches).toEqual([]);
    expect(repair.daysWritten).toBe(0);
    expect(repair.overviewsWritten).toBe(0);
    expect(await eligibility()).toEqual(before);
  }, 120_000);
});
