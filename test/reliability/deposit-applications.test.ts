import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@seller-ops/api/src/limits";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { instrumented } from "../support/isolated";
import { mutate, world, type World } from "../support/world";

/**
 * `Deposit.refundApplications` on a page of deposits: the applications of the whole page are read
 * together (one Query on the seller's applications), never one read per deposit, and the query
 * cost counts the list as the applications it may return.
 */

const DEPOSITS = 24;
const documents = [
  { kind: "SALES_DATA", reference: "evidence/2026/sales.csv", checksum: "a".repeat(64), title: "Sales" },
  { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/2026/qc.pdf", checksum: "b".repeat(64), title: "QC" },
];

describe("a page of deposits with their refund applications", () => {
  let w: World;
  /** Deposit id → its application ids, oldest first. */
  const expected = new Map<string, string[]>();

  beforeAll(async () => {
    w = await world();
    const day = 86_400_000;
    for (let i = 0; i < DEPOSITS; i++) {
      // Terms that ended: each deposit can be applied for.
      const recorded = await mutate(
        w,
        w.operator,
        "recordDeposit",
        "RecordDepositInput",
        {
          sellerId: w.sellerId,
          kind: "LIMITED_TERM",
          amount: { amountMinor: 100_000 + i, currency: "CNY" },
          paidAt: new Date(w.now.getTime() - (400 + i) * day).toISOString(),
          termStart: new Date(w.now.getTime() - (400 + i) * day).toISOString(),
          termEnd: new Date(w.now.getTime() - 30 * day).toISOString(),
          salesTarget: { amountMinor: 100, currency: "CNY" },
        },
        "deposit { id }",
      );
      expect(recorded.userErrors).toEqual([]);
      const id = recorded.deposit.id as string;
      expected.set(id, []);
      // Every third deposit has none, every fourth was denied once and applied for again.
      if (i % 3 === 0) continue;
      const applied = await mutate(
        w,
        w.key,
        "applyForDepositRefund",
        "ApplyForDepositRefundInput",
        { depositId: id, documents },
        "application { id }",
      );
      expect(applied.userErrors).toEqual([]);
      expected.get(id)!.push(applied.application.id);
      if (i % 4 === 1) {
        const denied = await mutate(
          w,
          w.operator,
          "decideDepositRefund",
          "DecideDepositRefundInput",
          { applicationId: applied.application.id, outcome: "DENY", reason: "Sales data unreadable." },
          "application { id }",
        );
        expect(denied.userErrors).toEqual([]);
        w.now = new Date(w.now.getTime() + 60_000);
        const again = await mutate(
          w,
          w.key,
          "applyForDepositRefund",
          "ApplyForDepositRefundInput",
          { depositId: id, documents },
          "application { id }",
        );
        expect(again.userErrors).toEqual([]);
        expected.get(id)!.push(again.application.id);
      }
    }
  }, 120_000);

  const page = (first: number) =>
    `{ deposits(first: ${first}) { edges { node { id refundApplications { id depositId status } } } } }`;

  it("costs the same number of DynamoDB requests for 3 deposits as for 24", async () => {
    const counted = instrumented(w.db);
    const api = createGraphqlHandler({ db: counted.db, clock: () => w.now });
    const requests: Record<number, string[]> = {};
    for (const first of [3, DEPOSITS]) {
      counted.log.reset();
      const response = await graphql(api, page(first), { key: w.key });
      expect(response.body.errors).toBeUndefined();
      const nodes = response.body.data.deposits.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(first);
      for (const node of nodes) {
        expect(
          node.refundApplications.map((a: any) => a.id),
          node.id,
        ).toEqual(expected.get(node.id));
        for (const application of node.refundApplications) expect(application.depositId).toBe(node.id);
      }
      requests[first] = [...counted.log.commands];
    }
    expect(requests[DEPOSITS]).toEqual(requests[3]);
    // The page's Query, the caller's key, the applications of the page: a constant, whatever the page size.
    expect(requests[DEPOSITS]!.filter((c) => c === "QueryCommand").length).toBeLessThanOrEqual(3);
  });

  it("a single deposit reads its applications the same way", async () => {
    const [id, applications] = [...expected].find(([, a]) => a.length === 2)!;
    const response = await graphql(w.api, `query($id: ID!) { deposit(id: $id) { refundApplications { id status } } }`, {
      key: w.key,
      variables: { id },
    });
    expect(response.body.data.deposit.refundApplications.map((a: any) => a.id)).toEqual(applications);
    expect(response.body.data.deposit.refundApplications.map((a: any) => a.status)).toEqual(["DENIED", "PENDING"]);
  });

  it("counts refundApplications in the query cost as the applications it may return", async () => {
    const cost = async (query: string) => {
      const response = await graphql(w.api, query, { key: w.key });
      return {
        cost: (response.body as any).extensions?.cost?.requested as number,
        code: response.body.errors?.[0]?.extensions?.code,
      };
    };
    const withFields = await cost(
      `{ deposits(first: 10) { edges { node { id refundApplications { id status appliedAt } } } } }`,
    );
    const withOneField = await cost(`{ deposits(first: 10) { edges { node { id refundApplications { id } } } } }`);
    // Two more fields on each of the applications a deposit may have, on each of 10 deposits.
    expect(withFields.cost - withOneField.cost).toBeGreaterThanOrEqual(
      10 * 2 * LIMITS.assumedListSizes["Deposit.refundApplications"]!,
    );
    // The request: five aliases of a 100-deposit page with applications is over budget.
    const aliases = Array.from(
      { length: 5 },
      (_, i) =>
        `d${i}: deposits(first: 100) { edges { node { id refundApplications { id status appliedAt documents { kind } ` +
        `} } } }`,
    ).join(" ");
    expect((await cost(`{ ${aliases} }`)).code).toBe("QUERY_TOO_COSTLY");
    // A normal page with its applications stays well within it.
    const normal = await cost(
      `{ deposits(first: 20) { edges { node { id status refundApplications { id status appliedAt } } } } }`,
    );
    expect(normal.code).toBeUndefined();
    expect(normal.cost).toBeLessThan(LIMITS.maxCost);
  });
});
