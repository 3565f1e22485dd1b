import type { Db } from "@seller-ops/db";
import { Time } from "@seller-ops/core";
import { detectFeatures, must, mutate, type LambdaHttpHandler, type Operation, type SchemaFeatures } from "./api";
import type { JobReport } from "./job-scaling";
import { scheduledEvent } from "./events";
import { benchSeller, bulkLoadOrders, decideOrder, iso, putBenchKeys, putSeller } from "./seed";

/** The size of the data the API benchmarks read (stated in the printed header and the README). */
export const API_DATASET = { backgroundOrders: 2_000, lateOrders: 60, atRiskOrders: 20, timelineEvents: 50 };

export interface ApiDataset {
  sellerId: string;
  keys: { seller: string; marketplace: string; operator: string };
  disputeCaseId: string;
  depositId: string | null;
  depositNote: string | null;
  features: SchemaFeatures;
  summary: string;
}

type JobHandler = (
  event: unknown,
  context: { awsRequestId: string; getRemainingTimeInMillis: () => number },
) => Promise<JobReport>;

/**
 * One seller with a realistic dashboard's worth of data, on the real clock:
 * 2,000 orders due in 2–30 days, 60 past `shipBy` and 20 inside the at-risk window (bulk-loaded
 * as `createOrder` would store them), then the late-order job run once through its handler (60
 * late-shipment cases opened, 20 orders flagged at risk), then through the API: a buyer dispute
 * on one order with 49 messages (a timeline of 50 events) and, when the schema has deposits, a
 * limited-term deposit.
 */
export async function seedApiDataset(
  db: Db,
  api: LambdaHttpHandler,
  lateOrderJob: (db: Db) => JobHandler,
): Promise<ApiDataset> {
  const now = Date.now();
  const sellerId = "sel_bench_dashboard";
  await putSeller(db, benchSeller(sellerId, iso(now - 400 * 24 * Time.HOUR_MS)));
  const keys = await putBenchKeys(db, sellerId, iso(now - 400 * 24 * Time.HOUR_MS));
  const features = await detectFeatures(api, keys.seller);

  const orders = [];
  for (let i = 0; i < API_DATASET.backgroundOrders; i++)
    orders.push(decideOrder(sellerId, `AE-BG-${i}`, now - 2 * Time.HOUR_MS, now + (48 + (i % 670)) * Time.HOUR_MS));
  for (let i = 0; i < API_DATASET.lateOrders; i++) {
    const shipBy = now - (1 + i) * Time.HOUR_MS;
    orders.push(decideOrder(sellerId, `AE-LATE-${i}`, shipBy - 72 * Time.HOUR_MS, shipBy));
  }
  for (let i = 0; i < API_DATASET.atRiskOrders; i++)
    orders.push(decideOrder(sellerId, `AE-RISK-${i}`, now - 48 * Time.HOUR_MS, now + (2 + i) * Time.HOUR_MS));
  await bulkLoadOrders(db, orders);

  const report = await lateOrderJob(db)(scheduledEvent(), {
    awsRequestId: "bench-seed",
    getRemainingTimeInMillis: () => 600_000,
  });
  if (report.newlyLate !== API_DATASET.lateOrders || report.newlyAtRisk !== API_DATASET.atRiskOrders) {
    throw new Error(
      `seed: the late-order job flagged ${report.newlyLate} late / ${report.newlyAtRisk} at risk, expected ` +
        `${API_DATASET.lateOrders} / ${API_DATASET.atRiskOrders}`,
    );
  }

  // A buyer dispute relayed by the marketplace integration, then a conversation: 1 OPENED + 49 MESSAGE events.
  const disputed = orders[0]!;
  const opened = await mutate(
    api,
    keys.marketplace,
    "openCase",
    "OpenCaseInput",
    {
      orderId: disputed.id,
      reason: "NOT_RECEIVED",
      source: "BUYER",
      claimText: "The tracking has not moved for ten days. Where is my parcel?",
    },
    "case { id }",
  );
  const disputeCaseId: string = opened.case.id;
  for (let i = 1; i < API_DATASET.timelineEvents; i++) {
    const seller = i % 2 === 1;
    await mutate(
      api,
      seller ? keys.seller : keys.marketplace,
      "postCaseMessage",
      "PostCaseMessageInput",
      {
        caseId: disputeCaseId,
        direction: seller ? "SELLER" : "BUYER",
        body: seller ? `Message ${i}: we are checking with the carrier.` : `Message ${i}: any news?`,
      },
      "case { id }",
    );
  }

  let depositId: string | null = null;
  let depositNote: string | null = null;
  if (features.depositEligibility && features.recordDeposit) {
    const input = {
      sellerId,
      kind: "LIMITED_TERM",
      amount: { amountMinor: 1_000_000, currency: "CNY" },
      paidAt: iso(now - 60 * 24 * Time.HOUR_MS),
      termStart: iso(now - 60 * 24 * Time.HOUR_MS),
      termEnd: iso(now + 300 * 24 * Time.HOUR_MS),
      salesTarget: { amountMinor: 50_000_000, currency: "CNY" },
    };
    const errors: string[] = [];
    for (const key of [keys.operator, keys.seller]) {
      try {
        depositId = (
          await mutate(
            api,
            key,
            "recordDeposit",
            "RecordDepositInput",
            key === keys.seller ? { ...input, sellerId: undefined } : input,
            "deposit { id }",
          )
        ).deposit.id;
        break;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (!depositId)
      depositNote =
        `recordDeposit failed, so deposit eligibility was not ` + `measured: ${errors.join(" / ").slice(0, 300)}`;
  } else {
    depositNote = "the schema has no depositRefundEligibility / recordDeposit yet: deposit eligibility not measured";
  }

  const summary =
    `1 seller; ${orders.length.toLocaleString("en-US")} orders (${API_DATASET.lateOrders} late, ` +
    `${API_DATASET.atRiskOrders} at risk); ` +
    `${API_DATASET.lateOrders + 1} cases (${API_DATASET.lateOrders} late-shipment, 1 dispute with ` +
    `${API_DATASET.timelineEvents} timeline events)` +
    (depositId ? "; 1 limited-term deposit" : "");
  return { sellerId, keys, disputeCaseId, depositId, depositNote, features, summary };
}

/** The dashboard's main queries, with the page size as a parameter. */
export function operations(data: ApiDataset): Operation[] {
  const { features } = data;
  const caseRisk = features.caseRisk ?? "";
  const orderRisk = features.orderRisk ?? "";
  const ops: Operation[] = [
    {
      // The target's operation: the case queue with each case's order and the case's risk.
      id: "cases",
      label: `cases page (50 cases + their orders${caseRisk ? " + case risk" : ""})`,
      key: data.keys.seller,
      query: (n) =>
        `query CasesPage { cases(first: ${n}) { edges { node { id status${caseRisk} order { id shipBy late } } } } ` +
        `}`,
      items: (d) => d.cases.edges.length,
    },
    ...(orderRisk
      ? [
          {
            // The same page asking for the orders' risk too, which reads the seller's counters.
            id: "casesWithOrderRisk",
            label: "cases page (50 cases + their orders + case and order risk)",
            key: data.keys.seller,
            query: (n: number) =>
              `query CasesPageFull { cases(first: ${n}) { edges { node { id status${caseRisk} order { id shipBy ` +
              `late${orderRisk} } } } } }`,
            items: (d: any) => d.cases.edges.length,
          },
        ]
      : []),
    {
      id: "lateOrders",
      label: "late-orders page (50 orders + remedy plans)",
      key: data.keys.seller,
      query: (n) =>
        `query LateQueue { lateOrders(first: ${n}) { edges { node { id remedyPlan { steps { code done } } } } } }`,
      items: (d) => d.lateOrders.edges.filter((e: any) => e.node.remedyPlan).length,
    },
    {
      id: "timeline",
      label: "one case + 50 timeline events",
      key: data.keys.seller,
      variables: { id: data.disputeCaseId },
      query: (n) =>
        `query CaseTimeline($id: ID!) { case(id: $id) { id status timeline(first: ${n}) { edges { node { id type at ` +
        `actor summary body statusAfter } } } } }`,
      items: (d) => d.case.timeline.edges.length,
    },
  ];
  ops.push({
    // The dashboard's first screen: counters, not a list, so the page size changes nothing.
    id: "overview",
    label: "seller overview (dashboard counts)",
    key: data.keys.seller,
    variables: { id: data.sellerId },
    query: () =>
      `query DashboardOverview($id: ID!) { seller(id: $id) { id overview { ordersLate ordersAtRisk ` +
      `casesAwaitingSeller casesDueWithin24h offersPending refundApplicationsOpen ` +
      `returnsAwaitingSeller asOf } } }`,
    items: (d) => (d.seller?.overview ? 1 : 0),
  });
  if (data.depositId) {
    ops.push({
      id: "eligibility",
      label: "deposit refund eligibility",
      key: data.keys.seller,
      variables: { id: data.depositId },
      query: () =>
        `query Eligibility($id: ID!) { depositRefundEligibility(depositId: $id) { depositId eligible recommendation
          blockers { code message }
           progress { salesToDate { amountMinor currency } salesTarget { amountMinor currency } daysLeft }
             requiredDocuments missingDocuments } }`,
      items: (d) => (d.depositRefundEligibility ? 1 : 0),
    });
  }
  return ops;
}

/** Checks an operation answers fully (no errors, a full page) before it is measured. */
export async function checkOperation(api: LambdaHttpHandler, op: Operation, n: number): Promise<void> {
  const data = await must(api, op.query(n), op.key, op.variables);
  const items = op.items(data);
  const expected = op.id === "eligibility" || op.id === "overview" ? 1 : n;
  if (items !== expected) throw new Error(`${op.label}: answered ${items} items, expected ${expected}`);
}
