import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { functionTables } from "@seller-ops/functions/src/tables";
import { changeBeforeFirstWrite } from "../support/interleave";
import { linkedOnly, mutate, orderDue, world, type World } from "../support/world";
import { HOUR } from "../support/clock";

/**
 * A late order has exactly one late-shipment case, however it was opened: the seller's side
 * opening one through `openCase`, the late-order job opening its own, in either order or at the
 * same moment. The counters count it once and the remedy plan reads that one case.
 */
const OPEN =
  `mutation($input: OpenCaseInput!) { openCase(input: $input) { case ` + `{ id } userErrors { code message field } } }`;
const PLAN = `query($id: ID!) { order(id: $id) { remedyPlan { steps { code done } } } }`;

async function lateShipmentCases(w: World, orderId: string) {
  return (await scanTable(w.db, "Cases")).filter(
    (i) => i.sk === "CASE" && i.orderId === orderId && i.reason === "LATE_SHIPMENT",
  );
}

async function lateCounter(w: World): Promise<number> {
  const days = (await scanTable(w.db, "Sellers")).filter(
    (i) => i.pk === `SELLER#${w.sellerId}` && String(i.sk).startsWith("STATS#"),
  );
  return days.reduce((sum, d) => sum + (Number(d.casesOpenedLateShipment) || 0), 0);
}

describe("exactly one late-shipment case per order", () => {
  it(
    "the job adopts the case the seller opened first: one case, " + "counted once, and the remedy plan reads it",
    async () => {
      const w = await world();
      const order = await orderDue(w, 2);
      w.now = new Date(w.now.getTime() + 3 * HOUR); // past shipBy, before the job ran

      const opened = await graphql(w.api, OPEN, {
        key: w.key,
        variables: { input: { orderId: order.id, reason: "LATE_SHIPMENT", source: "SYSTEM" } },
      });
      expect(opened.body.data.openCase.userErrors).toEqual([]);
      const caseId = opened.body.data.openCase.case.id;
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "Sorry, it ships today." },
        "case { id }",
      );

      const report = await w.lateOrders();
      expect(report).toMatchObject({ newlyLate: 1, casesOpened: 0, casesAdopted: 1, failures: 0 });
      expect((await lateShipmentCases(w, order.id)).map((c) => c.id)).toEqual([caseId]);
      expect(await lateCounter(w)).toBe(1);

      const plan = (await graphql(w.api, PLAN, { key: w.key, variables: { id: order.id } })).body.data.order.remedyPlan;
      expect(plan.steps.find((s: { code: string }) => s.code === "CONTACT_BUYER").done).toBe(true);
      await checkInvariants(w.db);
    },
  );

  it("after the job opened its case, opening another is DUPLICATE_CASE naming it, and nothing is written", async () => {
    const w = await world();
    const order = await orderDue(w, 2);
    w.now = new Date(w.now.getTime() + 3 * HOUR);
    await w.lateOrders();
    const before = await scanTable(w.db, "Cases");

    const again = await graphql(w.api, OPEN, {
      key: w.key,
      variables: { input: { orderId: order.id, reason: "LATE_SHIPMENT", source: "SYSTEM" } },
    });
    expect(again.body.data.openCase.userErrors).toEqual([
      expect.objectContaining({
        code: "DUPLICATE_CASE",
        field: ["input", "reason"],
        message: expect.stringContaining(`late-${order.id}`),
      }),
    ]);
    expect(await scanTable(w.db, "Cases")).toHaveLength(before.length);
    // Other reasons are still open to the order.
    const other = await graphql(w.api, OPEN, {
      key: w.marketplace,
      variables: { input: { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER" } },
    });
    expect(other.body.data.openCase.userErrors).toEqual([]);
    expect(await lateCounter(w)).toBe(1);
    await checkInvariants(w.db);
  });

  it(
    "a buyer's LATE_SHIPMENT dispute is never the order's incident: settled before the job ran, the job still " +
      "opens its own, the order stays tracked, and the buyer may complain again",
    async () => {
      const w = await world();
      const order = await orderDue(w, 1);
      w.now = new Date(w.now.getTime() + 2 * HOUR); // late, the job not yet run
      const dispute = await graphql(w.api, OPEN, {
        key: w.marketplace,
        variables: {
          input: {
            orderId: order.id,
            reason: "LATE_SHIPMENT",
            source: "BUYER",
            claimAmount: { amountMinor: 1, currency: "USD" },
          },
        },
      });
      const caseId = dispute.body.data.openCase.case.id;
      const refund = { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 1, currency: "USD" } };
      await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", refund, "case { id }");
      const settled = await mutate(
        w,
        w.key,
        "resolveCase",
        "ResolveCaseInput",
        { caseId, outcome: "REFUNDED" },
        "case { status }",
      );
      expect(settled).toMatchObject({ case: { status: "RESOLVED" }, userErrors: [] });

      expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, casesAdopted: 0 });
      const cases = (await lateShipmentCases(w, order.id)).map((c) => [c.id, c.source, c.status]);
      expect(cases.sort()).toEqual(
        [
          [caseId, "BUYER", "RESOLVED"],
          [`late-${order.id}`, "SYSTEM", "AWAITING_SELLER"],
        ].sort(),
      );
      // The buyer complains again: a dispute of its own beside the incident (one open at a time).
      const again = async () =>
        (
          await graphql(w.api, OPEN, {
            key: w.marketplace,
            variables: { input: { orderId: order.id, reason: "LATE_SHIPMENT", source: "BUYER" } },
          })
        ).body.data.openCase;
      const second = await again();
      expect(second.userErrors).toEqual([]);
      expect((await again()).userErrors).toEqual([
        expect.objectContaining({ code: "DUPLICATE_CASE", message: expect.stringContaining(second.case.id) }),
      ]);
      await checkInvariants(w.db);
    },
  );

  it(
    "a late-shipment case waits for the deadline to pass: before it openCase is INVALID_TRANSITION and writes " +
      "nothing, so the job opens its own open case when the order goes late",
    async () => {
      const w = await world();
      const order = await orderDue(w, 48);
      for (const [key, source] of [
        [w.key, "SYSTEM"],
        [w.marketplace, "BUYER"],
      ]) {
        const early = await graphql(w.api, OPEN, {
          key,
          variables: { input: { orderId: order.id, reason: "LATE_SHIPMENT", source } },
        });
        expect(early.body.data.openCase).toEqual({
          case: null,
          userErrors: [
            expect.objectContaining({
              code: "INVALID_TRANSITION",
              field: ["input", "reason"],
              message: expect.stringContaining("not late"),
            }),
          ],
        });
      }
      expect(await lateShipmentCases(w, order.id)).toEqual([]);

      w.now = new Date(w.now.getTime() + 50 * HOUR); // 2 h past shipBy, unshipped
      expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1, casesAdopted: 0 });
      expect((await lateShipmentCases(w, order.id)).map((c) => [c.id, c.status])).toEqual([
        [`late-${order.id}`, "AWAITING_SELLER"],
      ]);

      // An order that shipped after its deadline has gone late too: its late-shipment case opens.
      const shippedLate = await orderDue(w, -1);
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: shippedLate.id, carrier: "Cainiao", trackingNumber: "LP00123456789" },
        "order { id }",
      );
      const after = await graphql(w.api, OPEN, {
        key: w.marketplace,
        variables: { input: { orderId: shippedLate.id, reason: "LATE_SHIPMENT", source: "BUYER" } },
      });
      expect(after.body.data.openCase.userErrors).toEqual([]);
      await checkInvariants(w.db);
    },
  );

  it("a seller's case and the job racing on one order still leave exactly one", async () => {
    const w = await world();
    const orders = await Promise.all(Array.from({ length: 6 }, () => orderDue(w, 2)));
    w.now = new Date(w.now.getTime() + 3 * HOUR);
    const [answers] = await Promise.all([
      Promise.all(
        orders.map((o) =>
          graphql(w.api, OPEN, {
            key: w.key,
            variables: { input: { orderId: o.id, reason: "LATE_SHIPMENT", source: "SYSTEM" } },
          }),
        ),
      ),
      w.lateOrders(),
    ]);
    for (const answer of answers) {
      const codes = answer.body.data.openCase.userErrors.map((e: { code: string }) => e.code);
      expect([[], ["DUPLICATE_CASE"]]).toContainEqual(codes);
    }
    await w.lateOrders(); // whatever the race left unflagged is flagged now
    for (const o of orders) expect(await lateShipmentCases(w, o.id)).toHaveLength(1);
    expect(await lateCounter(w)).toBe(6);
    await checkInvariants(w.db);
  });

  it("two runs of the job at once (a throttled run and the next): each order flagged once, no run fails", async () => {
    const w = await world();
    const orders = await Promise.all(Array.from({ length: 3 }, () => orderDue(w, 2)));
    w.now = new Date(w.now.getTime() + 3 * HOUR);
    // The other run flags every order between this run's read of the first and its write: this run's transaction then
    // fails its order's version and its case's "absent" both. A race, not a failure (a failure throws, Lambda retries
    // the run and the failures alarm pages).
    let other: Awaited<ReturnType<World["lateOrders"]>> | null = null;
    const raced = changeBeforeFirstWrite(linkedOnly(w.db, functionTables.lateOrders), "Orders", async () => {
      other = await w.lateOrders();
    });
    const first = await w.lateOrders(raced.db);
    expect(raced.ran()).toBe(true);
    const second = other as unknown as Awaited<ReturnType<World["lateOrders"]>>;
    expect([first.failures, second.failures]).toEqual([0, 0]);
    // The order whose write waited lost to the other run (its others went on meanwhile, in either run).
    expect(first.skippedChanged).toBeGreaterThanOrEqual(1);
    expect(first.newlyLate + second.newlyLate).toBe(orders.length);
    for (const o of orders) expect(await lateShipmentCases(w, o.id)).toHaveLength(1);
    expect(await lateCounter(w)).toBe(orders.length);
    await checkInvariants(w.db);
  });
});
