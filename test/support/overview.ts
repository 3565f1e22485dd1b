import { expect } from "vitest";
import { Cases, Orders, type Overview } from "@seller-ops/core";
import { DepositsRepo, kindOf, type Db } from "@seller-ops/db";
import { graphql, type LambdaHttpHandler } from "./api";
import { scanTable } from "./scan";

/** Every field of `Seller.overview`, as the dashboard selects it. */
export const OVERVIEW_FIELDS =
  "ordersLate ordersAtRisk casesAwaitingSeller casesAwaitingAnswerOnOffer casesDueWithin24h offersPending " +
  "refundApplicationsOpen returnsAwaitingSeller returnsDueWithin24h asOf";

/** A seller's overview through the handler, read with `key`. */
export async function readOverview(api: LambdaHttpHandler, key: string, sellerId: string) {
  const response = await graphql(api, `query($id: ID!) { seller(id: $id) { overview { ${OVERVIEW_FIELDS} } } }`, {
    key,
    variables: { id: sellerId },
  });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.seller.overview as Overview.View;
}

/**
 * The overview recounted from the stored items (a test may Scan), written here from the schema's
 * definitions rather than with core's own counting, so a wrong rule in core shows too.
 */
export async function recountOverview(db: Db, sellerId: string, now: Date): Promise<Overview.View> {
  const [orderItems, caseItems, depositItems] = await Promise.all([
    scanTable(db, "Orders"),
    scanTable(db, "Cases"),
    scanTable(db, "Deposits"),
  ]);
  const orders = orderItems
    .filter((i) => kindOf("Orders", i) === "order" && i.sellerId === sellerId)
    .map((i) => Orders.Info.parse(i))
    .filter((o) => o.status === "AWAITING_SHIPMENT");
  const cases = caseItems
    .filter((i) => kindOf("Cases", i) === "case" && i.sellerId === sellerId)
    .map((i) => Cases.Info.parse(i));
  const applications = depositItems
    .filter((i) => kindOf("Deposits", i) === "refundApplication" && i.sellerId === sellerId)
    .map((i) => DepositsRepo.applicationFromItem(i));
  const awaiting = cases.filter((c) => c.status === "AWAITING_SELLER");
  // The buyer wrote after the seller's offer: the seller owes an answer while the offer waits for the buyer.
  const answerOnOffer = cases.filter((c) => c.status === "OFFER_PENDING" && c.unansweredBuyerMessages > 0);
  // A return waits on the seller once the buyer has shipped it back (receipt, then refund or replacement), while
  // its case is in progress: an escalated case is the platform's to decide.
  const returnsAwaiting = cases.filter(
    (c) =>
      c.status === "RETURN_IN_PROGRESS" &&
      c.returns.some((r) => r.status === "SHIPPED_BACK" || r.status === "RECEIVED"),
  );
  const dayLater = new Date(now.getTime() + 24 * 3_600_000);
  const within = (at: string | null | undefined) => !!at && new Date(at) >= now && new Date(at) <= dayLater;
  const returnDueBy = (c: (typeof cases)[number]) => {
    const open = c.returns.find((r) => r.status === "SHIPPED_BACK" || r.status === "RECEIVED");
    return open?.status === "SHIPPED_BACK" ? open.receiveBy : open?.settleBy;
  };
  return {
    ordersLate: orders.filter((o) => o.lateFlaggedAt).length,
    ordersAtRisk: orders.filter((o) => o.atRiskFlaggedAt && !o.lateFlaggedAt).length,
    casesAwaitingSeller: awaiting.length,
    casesAwaitingAnswerOnOffer: answerOnOffer.length,
    casesDueWithin24h: [...awaiting, ...answerOnOffer].filter((c) => within(c.respondBy)).length,
    offersPending: cases.flatMap((c) => c.offers).filter((o) => o.status === "PENDING").length,
    refundApplicationsOpen: applications.filter((a) => a.status === "PENDING").length,
    returnsAwaitingSeller: returnsAwaiting.length,
    returnsDueWithin24h: returnsAwaiting.filter((c) => within(returnDueBy(c))).length,
    asOf: now.toISOString(),
  };
}
