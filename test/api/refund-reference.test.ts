import { expect, it } from "vitest";
import { RefundGuardsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { laggingReads } from "../support/lagging-reads";
import { linkedOnly, mutate, orderDue, world, type World } from "../support/world";

/**
 * A marketplace refund id (a refund's reference) names one refund of an order, whichever case it is sent to. The
 * order's other cases are read from an index that lags a write of a moment ago (`laggingReads`); a guard item per
 * (order, reference), written in the remedy's transaction, holds the reference at once.
 */

const ORDER_READ = "refunded { amountMinor } refundable { amountMinor }";

/** An order of 40.00 USD, shipped, with two buyer cases; the API from then on reads through a lagging copy. */
async function twoCases(): Promise<{
  w: World;
  orderId: string;
  a: string;
  b: string;
  lag: ReturnType<typeof laggingReads>;
  api: World["api"];
}> {
  const w = await world();
  const order = await orderDue(w, 24);
  await mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" },
    "order { id }",
  );
  const open = async (reason: string) =>
    (
      await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason, source: "BUYER" },
        "case { id }",
      )
    ).case.id as string;
  const a = await open("DAMAGED");
  const b = await open("WRONG_ITEM");
  const lag = laggingReads(w.db);
  const api = createGraphqlHandler({ db: linkedOnly(lag.db, functionTables.graphql), clock: () => w.now });
  return { w, orderId: order.id, a, b, lag, api };
}

async function refund(
  s: { w: World; api: World["api"] },
  caseId: string,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const response = await graphql(
    s.api,
    `mutation($input: RecordRemedyInput!) { recordRemedy(input: $input) {
      case { id version order { ${ORDER_READ} } } userErrors { code message field } } }`,
    {
      key: s.w.key,
      variables: {
        input: {
          caseId,
          kind: "PARTIAL_REFUND",
          reference: "AE-REFUND-777",
          amount: { amountMinor: 1500, currency: "USD" },
          ...extra,
        },
      },
    },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.recordRemedy;
}

async function orderNow(s: { w: World }, orderId: string) {
  const read = await graphql(s.w.api, `query($id: ID!) { order(id: $id) { ${ORDER_READ} } }`, {
    key: s.w.key,
    variables: { id: orderId },
  });
  return read.body.data.order;
}

it("refuses a refund reference already recorded on another case of the order while the cases index lags", async () => {
  const s = await twoCases();
  const first = await refund(s, s.a);
  expect(first.userErrors).toEqual([]);
  // The order's guard of the reference names the refund and its case.
  expect(await RefundGuardsRepo.getRefundGuard(s.w.db, s.orderId, "AE-REFUND-777")).toMatchObject({
    caseId: s.a,
    kind: "PARTIAL_REFUND",
    amount: { amountMinor: 1500, currency: "USD" },
  });
  // A moment later the ERP syncs the same marketplace refund onto the other case.
  const second = await refund(s, s.b);
  expect(second.case).toBeNull();
  expect(second.userErrors).toEqual([
    {
      code: "DUPLICATE_REFUND",
      field: ["input", "reference"],
      message: expect.stringMatching(new RegExp(`AE-REFUND-777 .*\\(partial refund of \\$15\\.00\\) on case ${s.a} `)),
    },
  ]);
  s.lag.catchUp();
  expect(await orderNow(s, s.orderId)).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
  // The buyer's real remaining refund is still taken.
  const rest = await refund(s, s.b, { reference: "AE-REFUND-778", amount: { amountMinor: 2500, currency: "USD" } });
  expect(rest.userErrors).toEqual([]);
});

it("records a refund reference sent to two cases of the order at once only once", async () => {
  const s = await twoCases();
  const answers = await Promise.all([refund(s, s.a), refund(s, s.b)]);
  const codes = answers.map((r) => r.userErrors.map((e: { code: string }) => e.code));
  expect(codes.sort()).toEqual([[], ["DUPLICATE_REFUND"]]);
  s.lag.catchUp();
  expect(await orderNow(s, s.orderId)).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
});

it("answers the same refund sent twice at once to one case (two keys) as recorded, once", async () => {
  const s = await twoCases();
  const [one, two] = await Promise.all([
    refund(s, s.a, { idempotencyKey: `erp-1-${s.a}` }),
    refund(s, s.a, { idempotencyKey: `erp-2-${s.a}` }),
  ]);
  expect(one.userErrors).toEqual([]);
  expect(two.userErrors).toEqual([]);
  expect(one.case.version).toBe(two.case.version);
  s.lag.catchUp();
  expect(await orderNow(s, s.orderId)).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
});

it("answers a refund's payload with the order it just wrote, not a lagging copy", async () => {
  const s = await twoCases();
  const first = await refund(s, s.a);
  expect(first.userErrors).toEqual([]);
  expect(first.case.order).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
  // Sent again (another key): nothing is written, and the payload reads the order as the mutation read it.
  const again = await refund(s, s.a);
  expect(again.userErrors).toEqual([]);
  expect(again.case.order).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
});

it("answers a new case's payload with the order it just wrote, not a lagging copy", async () => {
  const s = await twoCases();
  const order = await orderDue(s.w, 24);
  const response = await graphql(
    s.api,
    `mutation($input: OpenCaseInput!) { openCase(input: $input) {
      case { id order { id } } userErrors { code } } }`,
    { key: s.w.marketplace, variables: { input: { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER" } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.body.data.openCase.case.order.id).toBe(order.id);
});

it("refuses a refund reference with an invisible character or half a surrogate pair: no second refund", async () => {
  const s = await twoCases();
  expect((await refund(s, s.a)).userErrors).toEqual([]);
  // The same marketplace refund pasted with a zero-width space, a word joiner or a byte order mark: no new reference.
  for (const reference of ["AE-REFUND-777\u200b", "\u2060AE-REFUND-777", "AE-REFUND-\ufeff777", "AE-REFUND-\ud800-1"]) {
    const answer = await refund(s, s.b, { reference });
    expect(answer.case, JSON.stringify(reference)).toBeNull();
    expect(answer.userErrors, JSON.stringify(reference)).toEqual([
      { code: "INVALID_INPUT", field: ["input", "reference"], message: expect.stringMatching(/reference/i) },
    ]);
  }
  s.lag.catchUp();
  expect(await orderNow(s, s.orderId)).toEqual({ refunded: { amountMinor: 1500 }, refundable: { amountMinor: 2500 } });
});
