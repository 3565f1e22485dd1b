import { describe, expect, it } from "vitest";
import { Cases } from "@seller-ops/core";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { laggingReads } from "../support/lagging-reads";
import { linkedOnly, mutate, orderDue, world, type World } from "../support/world";

/**
 * resolveCase on a buyer's claim about the delay counts the refunds on the order's other cases about it. The order's
 * index of cases lags a write of a moment ago (`laggingReads`): the late-shipment incident is read by its key, and
 * the cases the index lists are read again by key, strongly consistent, so the money decided is current. A refusal
 * that may still rest on the index (a case it does not list yet) is not kept under the idempotency key.
 */

const USD = (amountMinor: number) => ({ amountMinor, currency: "USD" });

/** A 40.00 order gone late with its incident and the buyer's NOT_SHIPPED claim of 10.00; then a lagging API. */
async function delayClaim(w: World, escalate = false) {
  const order = await orderDue(w, -20);
  await w.lateOrders();
  const input = { orderId: order.id, reason: "NOT_SHIPPED", source: "BUYER", claimAmount: USD(10_00) };
  const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
  expect(opened.userErrors).toEqual([]);
  const caseId = opened.case.id as string;
  if (escalate) await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
  const lag = laggingReads(w.db);
  const api = createGraphqlHandler({ db: linkedOnly(lag.db, functionTables.graphql), clock: () => w.now });
  const call = async (key: string, name: string, inputType: string, vars: object, selection: string) => {
    const query = `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code } } }`;
    const response = await graphql(api, query, { key, variables: { input: vars } });
    return response.body.data[name];
  };
  const refundIncident = async (amountMinor: number) => {
    const remedy = { caseId: Cases.lateShipmentCaseId(order.id), kind: "PARTIAL_REFUND", amount: USD(amountMinor) };
    const recorded = await call(w.key, "recordRemedy", "RecordRemedyInput", remedy, "case { id }");
    expect(recorded.userErrors).toEqual([]);
  };
  return { orderId: order.id, caseId, lag, call, refundIncident };
}

const SETTLED = "case { outcome order { refunded { amountMinor } } }";

describe("a buyer's delay claim decided while the order's index lags", () => {
  it("is settled REFUNDED at once after the seller refunded the incident, under its idempotency key", async () => {
    const w = await world();
    const { caseId, call, refundIncident } = await delayClaim(w);
    await refundIncident(10_00);
    const input = { caseId, outcome: "REFUNDED", idempotencyKey: "erp-settle-0001" };
    const settled = await call(w.key, "resolveCase", "ResolveCaseInput", input, SETTLED);
    expect(settled.userErrors).toEqual([]);
    expect(settled.case).toEqual({ outcome: "REFUNDED", order: { refunded: { amountMinor: 10_00 } } });
    // The retry replays the answer kept under the key (its order is read eventually consistent, as a replay reads it).
    const again = await call(w.key, "resolveCase", "ResolveCaseInput", input, "case { outcome }");
    expect(again).toEqual({ case: { outcome: "REFUNDED" }, userErrors: [] });
  });

  it("is decided for the buyer at once without paying again what the incident refunded", async () => {
    const w = await world();
    const { caseId, call, refundIncident } = await delayClaim(w, true);
    await refundIncident(10_00);
    const input = { caseId, outcome: "DECIDED_FOR_BUYER", note: "The order was late." };
    const selection = "case { outcome platformRefund { amountMinor } order { refunded { amountMinor } } }";
    const decided = await call(w.operator, "resolveCase", "ResolveCaseInput", input, selection);
    expect(decided.userErrors).toEqual([]);
    expect(decided.case.outcome).toBe("DECIDED_FOR_BUYER");
    expect(decided.case.platformRefund?.amountMinor ?? 0).toBe(0);
    expect(decided.case.order.refunded.amountMinor).toBe(10_00);
  });

  it("refused on a refund the index does not list yet, decides again under the same key once it does", async () => {
    const w = await world();
    const { orderId, caseId, lag, call } = await delayClaim(w);
    // The buyer's LATE_SHIPMENT dispute, opened, refunded and settled within the index's lag: listed nowhere yet.
    const other = { orderId, reason: "LATE_SHIPMENT", source: "BUYER", claimAmount: USD(10_00) };
    const opened = await call(w.marketplace, "openCase", "OpenCaseInput", other, "case { id }");
    expect(opened.userErrors).toEqual([]);
    const otherId = opened.case.id as string;
    const remedy = { caseId: otherId, kind: "PARTIAL_REFUND", amount: USD(10_00) };
    expect((await call(w.key, "recordRemedy", "RecordRemedyInput", remedy, "case { id }")).userErrors).toEqual([]);
    const closing = { caseId: otherId, outcome: "REFUNDED" };
    expect((await call(w.key, "resolveCase", "ResolveCaseInput", closing, "case { id }")).userErrors).toEqual([]);
    const input = { caseId, outcome: "REFUNDED", idempotencyKey: "erp-settle-0002" };
    const first = await call(w.key, "resolveCase", "ResolveCaseInput", input, SETTLED);
    expect(first.userErrors).toEqual([{ code: "INVALID_TRANSITION" }]);
    lag.catchUp();
    const retry = await call(w.key, "resolveCase", "ResolveCaseInput", input, SETTLED);
    expect(retry.userErrors).toEqual([]);
    expect(retry.case).toEqual({ outcome: "REFUNDED", order: { refunded: { amountMinor: 10_00 } } });
  });
});
