import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { orderInput } from "../support/fixtures";
import { mutate, world, type World } from "../support/world";

/**
 * A cancelled order through the API: the marketplace's cancellation refunded the buyer, so `refundable` reads 0 and
 * a case still open on the order takes no refund nor money-back offer, nor the acceptance of one made before: each is
 * refused INVALID_TRANSITION with a sentence saying so (English and Chinese), writes nothing, and is not among the
 * case's `availableActions`. A coupon (goodwill) is still offered and accepted.
 */

const CASE_FIELDS = `id version status availableActions offers { id kind status }
  order { status refunded { amountMinor } compensated { amountMinor } refundable { amountMinor } }`;
const CASE = `case { ${CASE_FIELDS} }`;

async function call(w: World, key: string, name: string, type: string, input: object, language = "en") {
  const response = await graphql(
    w.api,
    `mutation($input: ${type}!) { ${name}(input: $input) { ${CASE} userErrors { field code message } } }`,
    { key, variables: { input }, headers: { "accept-language": language } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data[name];
}

const readCase = async (w: World, key: string, id: string) =>
  (await graphql(w.api, `query($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { key, variables: { id } })).body.data
    .case;

describe("a cancelled order's open case", () => {
  it("refunds nothing more: refunds and money-back offers are refused and not offered; a coupon still is", async () => {
    const w = await world(new Date("2026-11-26T08:00:00.000Z"), { tables: "shared" });
    const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });
    const created = await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: "2026-11-25T00:00:00Z", buyerTotal: usd(4_000) }),
      "order { id }",
    );
    const orderId = created.order.id;
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId, reason: "NOT_RECEIVED", source: "BUYER", claimText: "Where is it?" },
      "case { id }",
    );
    const caseId = opened.case.id;
    const expiresAt = "2026-11-29T08:00:00.000Z";
    const offer = await call(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId,
      kind: "PARTIAL_REFUND",
      amount: usd(1_500),
      expiresAt,
    });
    expect(offer.userErrors).toEqual([]);
    const offerId = offer.case.offers[0].id;
    const cancel = await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId, reason: "OUT_OF_STOCK" },
      "order { status refundable { amountMinor } }",
    );
    expect(cancel.order).toEqual({ status: "CANCELLED", refundable: { amountMinor: 0 } });

    const before = await readCase(w, w.marketplace, caseId);
    expect(before.order).toMatchObject({ refunded: { amountMinor: 0 }, refundable: { amountMinor: 0 } });
    expect(before.availableActions).not.toContain("ACCEPT_OFFER");
    expect(before.availableActions).toContain("DECLINE_OFFER");

    const refusals = [
      [
        w.marketplace,
        "respondToCompensationOffer",
        "RespondToCompensationOfferInput",
        { caseId, offerId, accept: true },
      ],
      [w.key, "recordRemedy", "RecordRemedyInput", { caseId, kind: "FULL_REFUND" }],
      [w.key, "recordRemedy", "RecordRemedyInput", { caseId, kind: "PARTIAL_REFUND", amount: usd(100) }],
    ] as const;
    for (const [key, name, type, input] of refusals) {
      for (const language of ["en", "zh-CN"]) {
        const refused = await call(w, key, name, type, input, language);
        expect(refused.case, name).toBeNull();
        expect(refused.userErrors, name).toEqual([
          expect.objectContaining({
            code: "INVALID_TRANSITION",
            message:
              language === "en"
                ? expect.stringContaining("cancellation already refunded the buyer")
                : expect.stringContaining("该订单已取消"),
          }),
        ]);
      }
    }
    // Nothing was written.
    expect(await readCase(w, w.marketplace, caseId)).toEqual(before);

    // The buyer declines the offer; the seller's discount is refused, its coupon taken and accepted.
    const declined = await call(w, w.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
      caseId,
      offerId,
      accept: false,
    });
    expect(declined.userErrors).toEqual([]);
    const discount = await call(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId,
      kind: "DISCOUNT",
      percentOff: 10,
      expiresAt,
    });
    expect(discount.userErrors).toEqual([expect.objectContaining({ code: "INVALID_TRANSITION" })]);
    const sellerSees = (await readCase(w, w.key, caseId)).availableActions;
    expect(sellerSees).toContain("MAKE_OFFER");
    const coupon = await call(w, w.key, "makeCompensationOffer", "MakeCompensationOfferInput", {
      caseId,
      kind: "COUPON",
      amount: usd(500),
      expiresAt,
    });
    expect(coupon.userErrors).toEqual([]);
    const couponId = coupon.case.offers.find((o: { kind: string }) => o.kind === "COUPON").id;
    const buyerSees = (await readCase(w, w.marketplace, caseId)).availableActions;
    expect(buyerSees).toContain("ACCEPT_OFFER");
    const accepted = await call(w, w.marketplace, "respondToCompensationOffer", "RespondToCompensationOfferInput", {
      caseId,
      offerId: couponId,
      accept: true,
    });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.case).toMatchObject({
      status: "RESOLVED",
      order: { refunded: { amountMinor: 0 }, compensated: { amountMinor: 500 }, refundable: { amountMinor: 0 } },
    });
  });
});
