import { describe, expect, it } from "vitest";
import { SellersRepo, StatsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { DEMO_OPERATOR_KEY, DEMO_PARTNER_KEY, seedDemoDeposits } from "../../packages/local/src/seed-deposits";
import { graphql } from "../support/api";
import { isolatedTables } from "../support/isolated";
import { scanTable } from "../support/scan";

describe("demo deposits", () => {
  it("show every branch of the refund rules through the API, and seeding twice writes nothing more", async () => {
    // Own tables: the seed's ids and keys are fixed, and the review queue spans all sellers.
    const db = await isolatedTables("seed-deposits");
    const now = new Date("2026-11-26T04:00:00.000Z");
    const sellers = ["demo-a", "demo-b"].map((id) => ({
      id,
      name: id,
      settlementCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      createdAt: "2026-01-01T00:00:00.000Z",
    }));
    for (const seller of sellers) await SellersRepo.putSellerIfAbsent(db, seller);

    const first = await seedDemoDeposits(db, now, sellers);
    expect(first.deposits.every((d) => d.created)).toBe(true);
    const itemsAfterFirst = await scanTable(db, "Deposits");
    const countersAfterFirst = await StatsRepo.readDays(db, "demo-a", "2025-01-01", "2026-12-31");
    const second = await seedDemoDeposits(db, new Date("2026-11-26T05:00:00.000Z"), sellers);
    expect(second.deposits.some((d) => d.created)).toBe(false);
    expect(await scanTable(db, "Deposits")).toHaveLength(itemsAfterFirst.length);
    expect(await StatsRepo.readDays(db, "demo-a", "2025-01-01", "2026-12-31")).toEqual(countersAfterFirst);

    const h = createGraphqlHandler({ db, clock: () => now });
    const recommendation = async (key: string, depositId: string) => {
      const response = await graphql(
        h,
        `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible recommendation blockers { code } } }`,
        {
          key,
          variables: { id: depositId },
        },
      );
      expect(response.body.errors).toBeUndefined();
      const e = response.body.data.depositRefundEligibility;
      return [e.eligible, e.recommendation, e.blockers.map((b: { code: string }) => b.code)];
    };
    const byId = Object.fromEntries(first.deposits.map((d) => [d.id, d]));
    expect(Object.keys(byId)).toHaveLength(5);
    // The partner tool is granted both sellers; the operator sees all.
    expect(await recommendation(DEMO_PARTNER_KEY, "demo-deposit-shenzhen-limited-target-reached")).toEqual([
      true,
      "REFUND_IN_FULL",
      [],
    ]);
    expect(await recommendation(DEMO_PARTNER_KEY, "demo-deposit-shenzhen-unlimited")).toEqual([
      true,
      "REFER_TO_OPERATOR",
      [],
    ]);
    expect(await recommendation(DEMO_PARTNER_KEY, "demo-deposit-shenzhen-limited-new-term")).toEqual([
      false,
      "NOT_YET_ELIGIBLE",
      ["TERM_NOT_ENDED"],
    ]);
    expect(await recommendation(DEMO_OPERATOR_KEY, "demo-deposit-yiwu-limited-quality")).toEqual([
      false,
      "NOT_ELIGIBLE",
      ["QUALITY_VIOLATION"],
    ]);
    // Applied for: no other application is taken, and the operator still reads the rules' verdict.
    expect(await recommendation(DEMO_OPERATOR_KEY, "demo-deposit-shenzhen-limited-ended")).toEqual([
      false,
      "REFER_TO_OPERATOR",
      ["REFUND_ALREADY_REQUESTED"],
    ]);
    expect(byId["demo-deposit-shenzhen-limited-ended"]).toMatchObject({
      sellerId: "demo-a",
      status: "REFUND_REQUESTED",
    });
    expect(byId["demo-deposit-yiwu-limited-quality"]).toMatchObject({ sellerId: "demo-b" });

    const queue = await graphql(
      h,
      `{ depositRefundApplications { edges { node { id status recommendation deposit { id status } } } } }`,
      { key: DEMO_OPERATOR_KEY },
    );
    expect(queue.body.data.depositRefundApplications.edges.map((e: any) => e.node)).toEqual([
      {
        id: first.pendingApplicationId,
        status: "PENDING",
        // Its term ended short of its target: refundable, the operator weighs how much.
        recommendation: "REFER_TO_OPERATOR",
        deposit: { id: "demo-deposit-shenzhen-limited-ended", status: "REFUND_REQUESTED" },
      },
    ]);
  });
});
