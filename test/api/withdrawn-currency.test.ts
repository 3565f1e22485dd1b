import { describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { OrdersRepo, SellersRepo } from "@seller-ops/db";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { mutate, orderDue, type World, world } from "../support/world";

/**
 * A currency withdrawn after records were kept in it (the Bulgarian lev, replaced by the euro on 2026-01-01): a new
 * order is never paid in it, but an order paid in it before and a seller settled in it are still refunded,
 * compensated and given deposits in it. Only the currency a new record is kept in is checked against the currencies
 * in use; every other amount is compared with the currency on record.
 */

const BGN = (amountMinor: number) => ({ amountMinor, currency: "BGN" });
const ERRORS = "userErrors { field code }";

/** Rewrites stored attributes as an earlier release wrote them, when BGN was still taken for new records. */
async function rewrite(
  w: World,
  table: "Orders" | "Sellers",
  key: Record<string, string>,
  set: Record<string, unknown>,
) {
  const names = Object.keys(set);
  await w.db.doc.send(
    new UpdateCommand({
      TableName: w.db.tables[table],
      Key: key,
      UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(", ")}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n]])),
      ConditionExpression: "attribute_exists(pk)",
    }),
  );
}

const orderCount = async (w: World) =>
  (await graphql(w.api, "{ orders(first: 50) { edges { node { id } } } }", { key: w.key })).body.data.orders.edges
    .length as number;

describe("a currency withdrawn after records were kept in it", () => {
  it("is refused for a new order, and taken for refunds, offers, decisions and deposits on old records", async () => {
    const w = await world();
    await rewrite(w, "Sellers", SellersRepo.sellerKey(w.sellerId), { settlementCurrency: "BGN" });

    // A new order is paid in a currency in use: BGN is refused naming the field, and nothing is written.
    const refused = await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      {
        marketplaceOrderId: "AE-LEV-1",
        items: [{ sku: "S", title: "T", quantity: 1 }],
        buyerTotal: BGN(4000),
        settlementAmount: BGN(3800),
        buyerCountry: "BG",
        placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
        handlingDays: 3,
      },
      "order { id }",
    );
    expect(refused.order).toBeNull();
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "buyerTotal", "currency"] }),
    ]);
    expect(await orderCount(w)).toBe(0);

    // The seller's settlement currency is on record: new orders settle in it, and in nothing else.
    const order = await orderDue(w, 24, {
      buyerTotal: { amountMinor: 4000, currency: "EUR" },
      settlementAmount: BGN(7800),
    });
    const settledElsewhere = await graphql(
      w.api,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } ${ERRORS} } }`,
      {
        key: w.key,
        variables: {
          input: {
            marketplaceOrderId: "AE-LEV-2",
            items: [{ sku: "S", title: "T", quantity: 1 }],
            buyerTotal: { amountMinor: 4000, currency: "EUR" },
            settlementAmount: { amountMinor: 7800, currency: "XYZ" },
            buyerCountry: "BG",
            placedAt: new Date(w.now.getTime() - 3_600_000).toISOString(),
            handlingDays: 3,
          },
        },
      },
    );
    expect(settledElsewhere.body.data.createOrder.userErrors).toEqual([
      { code: "CURRENCY_MISMATCH", field: ["input", "settlementAmount", "currency"] },
    ]);
    expect(await orderCount(w)).toBe(1);

    // An order paid in BGN in December 2025, as stored then.
    await rewrite(w, "Orders", OrdersRepo.orderKey(order.id), { buyerTotal: BGN(4000) });
    const parcel = { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" };
    await mutate(w, w.key, "markOrderShipped", "MarkOrderShippedInput", parcel, "order { id }");
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER", claimAmount: BGN(2500) },
      `case { id version claimAmount { amountMinor currency formatted } } ${ERRORS}`,
    );
    expect(opened.userErrors).toEqual([]);
    expect(opened.case.claimAmount).toEqual({ ...BGN(2500), formatted: "BGN\u00a025.00" });
    const caseId = opened.case.id as string;

    // Another currency than the order's is still a mismatch, written nowhere.
    const inEuro = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 500, currency: "EUR" } },
      "case { id }",
    );
    expect(inEuro.userErrors).toEqual([
      expect.objectContaining({ code: "CURRENCY_MISMATCH", field: ["input", "amount", "currency"] }),
    ]);
    const refund = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId, kind: "PARTIAL_REFUND", amount: BGN(500), reference: "RF-LEV-1" },
      "case { id order { refunded { amountMinor currency } } }",
    );
    expect(refund.userErrors).toEqual([]);
    expect(refund.case.order.refunded).toEqual(BGN(500));

    const offer = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: BGN(300), expiresAt: new Date(w.now.getTime() + 86_400_000).toISOString() },
      "case { id }",
    );
    expect(offer.userErrors).toEqual([]);

    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
    const decided = await mutate(
      w,
      w.operator,
      "resolveCase",
      "ResolveCaseInput",
      { caseId, outcome: "DECIDED_FOR_BUYER", platformRefund: BGN(2000), note: "Never delivered." },
      "case { status platformRefund { amountMinor currency } order { refunded { amountMinor currency } } }",
    );
    expect(decided.userErrors).toEqual([]);
    expect(decided.case).toEqual({
      status: "RESOLVED",
      platformRefund: BGN(2000),
      order: { refunded: BGN(2500) },
    });

    // A deposit is kept in the seller's settlement currency on record.
    const deposit = await mutate(
      w,
      w.operator,
      "recordDeposit",
      "RecordDepositInput",
      {
        sellerId: w.sellerId,
        kind: "UNLIMITED",
        amount: BGN(1_000_000),
        paidAt: "2025-11-03T00:00:00.000Z",
        sustainedRule: { minMonthlySales: BGN(500_000), months: 3 },
      },
      "deposit { amount { amountMinor currency } }",
    );
    expect(deposit.userErrors).toEqual([]);
    expect(deposit.deposit.amount).toEqual(BGN(1_000_000));

    await checkInvariants(w.db);
  });
});
