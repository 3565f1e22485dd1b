import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { Authority } from "@seller-ops/core";
import { ApiKeys, CasesRepo, EventsRepo, SellersRepo, WebhookDeliveriesRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql, type GraphqlResponse } from "../support/api";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world, type World } from "../support/world";
import { sellerEvent, withReturn } from "../reliability/catalog";

/**
 * Tenant isolation, operation by operation, generated from the schema: every query and every
 * mutation is called on seller A's objects with credentials that must not reach them — seller
 * B's key, a partner key granted only B, and (for mutations) a read-only partner key granted A.
 * Each answer must be "not found" or FORBIDDEN, no table may change, and no list may contain A's
 * items. An operation without an entry here fails the test.
 */

interface Fixture {
  w: World;
  a: {
    sellerId: string;
    orderId: string;
    marketplaceOrderId: string;
    caseId: string;
    offerId: string;
    depositId: string;
    applicationId: string;
    returnCaseId: string;
    returnId: string;
    webhookEndpointId: string;
    eventId: string;
  };
  b: { sellerId: string; key: string; orderId: string; plantedCaseId: string };
  partnerOfB: string;
  marketplaceOfB: string;
  readOnlyPartnerOfA: string;
}

type Check = (response: GraphqlResponse, f: Fixture) => void;

/** The object is not there for this caller: null, or FORBIDDEN. */
const notFoundOrForbidden =
  (field: string): Check =>
  (response) => {
    const code = response.body.errors?.[0]?.extensions?.code;
    if (code) expect(code, JSON.stringify(response.body)).toBe("FORBIDDEN");
    else expect(response.body.data?.[field], JSON.stringify(response.body)).toBeNull();
  };

/** A list the caller may read (its own): must not contain any of A's ids. */
const ownListOnly =
  (field: string): Check =>
  (response, f) => {
    const code = response.body.errors?.[0]?.extensions?.code;
    if (code) return expect(code).toBe("FORBIDDEN");
    const text = JSON.stringify(response.body.data?.[field] ?? null);
    for (const id of Object.values(f.a)) expect(text).not.toContain(id);
  };

/** A refused mutation: FORBIDDEN, or a NOT_FOUND userError. */
const refusedMutation =
  (field: string): Check =>
  (response) => {
    const code = response.body.errors?.[0]?.extensions?.code;
    if (code) return expect(code, JSON.stringify(response.body)).toBe("FORBIDDEN");
    const payload = response.body.data?.[field];
    expect(payload?.userErrors?.[0]?.code, JSON.stringify(response.body)).toBe("NOT_FOUND");
  };

interface Entry {
  query: (f: Fixture) => { query: string; variables?: Record<string, unknown> };
  check: Check;
}

const money = { amountMinor: 1000, currency: "USD" };

const QUERIES: Record<string, Entry> = {
  seller: {
    query: (f) => ({
      query: `{ seller(id: "${f.a.sellerId}") { id overview { casesAwaitingSeller offersPending } } }`,
    }),
    check: notFoundOrForbidden("seller"),
  },
  order: { query: (f) => ({ query: `{ order(id: "${f.a.orderId}") { id } }` }), check: notFoundOrForbidden("order") },
  orders: {
    query: (f) => ({ query: `{ orders(sellerId: "${f.a.sellerId}") { edges { node { id } } } }` }),
    check: ownListOnly("orders"),
  },
  viewer: {
    query: () => ({ query: `{ viewer { role keyId sellerId sellerIds allSellers access { caseActors } } }` }),
    check: ownListOnly("viewer"),
  },
  lateOrders: {
    query: (f) => ({ query: `{ lateOrders(sellerId: "${f.a.sellerId}") { edges { node { id } } } }` }),
    check: ownListOnly("lateOrders"),
  },
  case: { query: (f) => ({ query: `{ case(id: "${f.a.caseId}") { id } }` }), check: notFoundOrForbidden("case") },
  events: {
    query: (f) => ({
      query: `query($s: ID) { events(sellerId: $s) { edges { node { id objectId sellerId payload } } } }`,
      variables: { s: f.a.sellerId },
    }),
    check: ownListOnly("events"),
  },
  cases: {
    query: (f) => ({ query: `{ cases(sellerId: "${f.a.sellerId}") { edges { node { id } } } }` }),
    check: ownListOnly("cases"),
  },
  deposit: {
    query: (f) => ({ query: `{ deposit(id: "${f.a.depositId}") { id } }` }),
    check: notFoundOrForbidden("deposit"),
  },
  deposits: {
    query: (f) => ({ query: `{ deposits(sellerId: "${f.a.sellerId}") { edges { node { id } } } }` }),
    check: ownListOnly("deposits"),
  },
  depositRefundApplications: {
    query: () => ({ query: `{ depositRefundApplications { edges { node { id } } } }` }),
    check: ownListOnly("depositRefundApplications"),
  },
  depositRefundEligibility: {
    query: (f) => ({ query: `{ depositRefundEligibility(depositId: "${f.a.depositId}") { eligible } }` }),
    check: notFoundOrForbidden("depositRefundEligibility"),
  },
  orderRisk: {
    query: (f) => ({ query: `{ orderRisk(orderId: "${f.a.orderId}") { score } }` }),
    check: notFoundOrForbidden("orderRisk"),
  },
  caseRisk: {
    query: (f) => ({ query: `{ caseRisk(caseId: "${f.a.caseId}") { score } }` }),
    check: notFoundOrForbidden("caseRisk"),
  },
  sellerRisk: {
    query: (f) => ({ query: `{ sellerRisk(sellerId: "${f.a.sellerId}") { score } }` }),
    check: notFoundOrForbidden("sellerRisk"),
  },
  sellers: { query: () => ({ query: `{ sellers { edges { node { id } } } }` }), check: ownListOnly("sellers") },
  apiKeys: { query: () => ({ query: `{ apiKeys { edges { node { id } } } }` }), check: ownListOnly("apiKeys") },
  webhookEndpoints: {
    query: (f) => ({ query: `{ webhookEndpoints(sellerId: "${f.a.sellerId}") { edges { node { id url } } } }` }),
    check: ownListOnly("webhookEndpoints"),
  },
  webhookDeliveries: {
    query: (f) => ({
      query:
        `{ webhookDeliveries(sellerId: "${f.a.sellerId}", endpointId: "${f.a.webhookEndpointId}") { edges { node { ` +
        `id eventId } } } }`,
    }),
    check: ownListOnly("webhookDeliveries"),
  },
};

/**
 * More ways into the same root fields: an order by A's marketplace order id (named under A, and
 * under the caller's own seller), and A's lists filtered by `updatedSince`. Each runs with every
 * caller of the matrix.
 */
const LOOKUPS: Record<string, Entry> = {
  "order by A's marketplace order id, naming A": {
    query: (f) => ({
      query: `query($m: String!, $s: ID!) { order(marketplaceOrderId: $m, sellerId: $s) { id } }`,
      variables: { m: f.a.marketplaceOrderId, s: f.a.sellerId },
    }),
    check: notFoundOrForbidden("order"),
  },
  "order by A's marketplace order id, naming the caller's own seller": {
    query: (f) => ({
      query: `query($m: String!, $s: ID!) { order(marketplaceOrderId: $m, sellerId: $s) { id } }`,
      variables: { m: f.a.marketplaceOrderId, s: f.b.sellerId },
    }),
    check: notFoundOrForbidden("order"),
  },
  "A's orders changed since": {
    query: (f) => ({
      query:
        `query($s: ID!) { orders(sellerId: $s, filter: { updatedSince: "2000-01-01T00:00:00Z" }) { edges { node { ` +
        `id } } } }`,
      variables: { s: f.a.sellerId },
    }),
    check: ownListOnly("orders"),
  },
  "own orders changed since": {
    query: (f) => ({
      query:
        `query($s: ID!) { orders(sellerId: $s, filter: { updatedSince: "2000-01-01T00:00:00Z" }) { edges { node { ` +
        `id } } } }`,
      variables: { s: f.b.sellerId },
    }),
    check: ownListOnly("orders"),
  },
  "A's events about A's order": {
    query: (f) => ({
      query:
        "query($s: ID, $o: ID) { events(sellerId: $s, filter: { objectId: $o }) { edges { node { id objectId } } } }",
      variables: { s: f.a.sellerId, o: f.a.orderId },
    }),
    check: ownListOnly("events"),
  },
  "own events (no seller named), A's order named": {
    query: (f) => ({
      query: `query($o: ID) { events(filter: { objectId: $o }) { edges { node { id objectId } } } }`,
      variables: { o: f.a.orderId },
    }),
    check: (response, f) => {
      // Partner and marketplace keys must name a seller (a request error); a seller key reads its own.
      const code = response.body.errors?.[0]?.extensions?.code;
      if (code) return expect(code).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(response.body.data?.events ?? null)).not.toContain(f.a.orderId);
    },
  },
  "A's cases changed since": {
    query: (f) => ({
      query:
        `query($s: ID!) { cases(sellerId: $s, filter: { updatedSince: "2000-01-01T00:00:00Z" }) { edges { node { id ` +
        `} } } }`,
      variables: { s: f.a.sellerId },
    }),
    check: ownListOnly("cases"),
  },
  "own cases changed since, A's order named": {
    query: (f) => ({
      query:
        `query($s: ID!, $o: ID!) { cases(sellerId: $s, filter: { updatedSince: "2000-01-01T00:00:00Z", orderId: $o ` +
        `}) { edges { node { id } } } }`,
      variables: { s: f.b.sellerId, o: f.a.orderId },
    }),
    check: ownListOnly("cases"),
  },
};

const m = (name: string, inputType: string, input: (f: Fixture) => Record<string, unknown>): Entry => ({
  query: (f) => ({
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { userErrors { code } } }`,
    variables: { input: input(f) },
  }),
  check: refusedMutation(name),
});

const order = (f: Fixture, extra: Record<string, unknown> = {}) => ({
  sellerId: f.a.sellerId,
  marketplaceOrderId: `AE-X-${ulid()}`,
  items: [{ sku: "S", title: "T", quantity: 1 }],
  buyerTotal: money,
  settlementAmount: { amountMinor: 7000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: "2026-11-20T00:00:00Z",
  handlingDays: 3,
  ...extra,
});

const MUTATIONS: Record<string, Entry> = {
  createOrder: m("createOrder", "CreateOrderInput", (f) => order(f)),
  importOrders: m("importOrders", "ImportOrdersInput", (f) => {
    const { sellerId: _s, ...one } = order(f);
    return { sellerId: f.a.sellerId, orders: [one] };
  }),
  markOrderShipped: m("markOrderShipped", "MarkOrderShippedInput", (f) => ({
    orderId: f.a.orderId,
    carrier: "DHL",
    trackingNumber: "JD123456",
  })),
  markOrderDelivered: m("markOrderDelivered", "MarkOrderDeliveredInput", (f) => ({ orderId: f.a.orderId })),
  expediteOrder: m("expediteOrder", "ExpediteOrderInput", (f) => ({ orderId: f.a.orderId })),
  cancelOrder: m("cancelOrder", "CancelOrderInput", (f) => ({ orderId: f.a.orderId, reason: "OUT_OF_STOCK" })),
  recordShippingIncident: m("recordShippingIncident", "RecordShippingIncidentInput", (f) => ({
    orderId: f.a.orderId,
    cause: "HUMAN_ERROR",
    note: "x",
  })),
  reportInvalidTracking: m("reportInvalidTracking", "ReportInvalidTrackingInput", (f) => ({
    orderId: f.a.orderId,
    trackingNumber: "LP00000001CN",
  })),
  withdrawInvalidTrackingReport: m("withdrawInvalidTrackingReport", "WithdrawInvalidTrackingReportInput", (f) => ({
    orderId: f.a.orderId,
    reason: "A scan turned up.",
  })),
  openCase: m("openCase", "OpenCaseInput", (f) => ({ orderId: f.a.orderId, reason: "OTHER", source: "BUYER" })),
  postCaseMessage: m("postCaseMessage", "PostCaseMessageInput", (f) => ({
    caseId: f.a.caseId,
    direction: "SELLER",
    body: "hi",
  })),
  recordRemedy: m("recordRemedy", "RecordRemedyInput", (f) => ({ caseId: f.a.caseId, kind: "APOLOGY" })),
  makeCompensationOffer: m("makeCompensationOffer", "MakeCompensationOfferInput", (f) => ({
    caseId: f.a.caseId,
    kind: "COUPON",
    amount: money,
    expiresAt: "2026-12-01T00:00:00Z",
  })),
  respondToCompensationOffer: m("respondToCompensationOffer", "RespondToCompensationOfferInput", (f) => ({
    caseId: f.a.caseId,
    offerId: f.a.offerId,
    accept: true,
  })),
  withdrawCompensationOffer: m("withdrawCompensationOffer", "WithdrawCompensationOfferInput", (f) => ({
    caseId: f.a.caseId,
    offerId: f.a.offerId,
  })),
  escalateCase: m("escalateCase", "EscalateCaseInput", (f) => ({ caseId: f.a.caseId })),
  resolveCase: m("resolveCase", "ResolveCaseInput", (f) => ({ caseId: f.a.caseId, outcome: "REFUNDED" })),
  closeCase: m("closeCase", "CloseCaseInput", (f) => ({ caseId: f.a.caseId })),
  shipReturn: m("shipReturn", "ShipReturnInput", (f) => ({
    caseId: f.a.returnCaseId,
    returnId: f.a.returnId,
    carrier: "YunExpress",
    trackingNumber: "YT123456",
  })),
  confirmReturnReceived: m("confirmReturnReceived", "ConfirmReturnReceivedInput", (f) => ({
    caseId: f.a.returnCaseId,
    returnId: f.a.returnId,
  })),
  refundReturn: m("refundReturn", "RefundReturnInput", (f) => ({ caseId: f.a.returnCaseId, returnId: f.a.returnId })),
  shipReplacement: m("shipReplacement", "ShipReplacementInput", (f) => ({
    caseId: f.a.returnCaseId,
    returnId: f.a.returnId,
    carrier: "Cainiao",
    trackingNumber: "LP123456",
  })),
  cancelReturn: m("cancelReturn", "CancelReturnInput", (f) => ({ caseId: f.a.returnCaseId, returnId: f.a.returnId })),
  submitCaseEvidence: m("submitCaseEvidence", "SubmitCaseEvidenceInput", (f) => ({
    caseId: f.a.caseId,
    side: "SELLER",
    kind: "PHOTO",
    reference: "evidence/photo.jpg",
  })),
  recordDeposit: m("recordDeposit", "RecordDepositInput", (f) => ({
    sellerId: f.a.sellerId,
    kind: "UNLIMITED",
    amount: { amountMinor: 1_000_000, currency: "CNY" },
    paidAt: "2026-01-01T00:00:00Z",
    sustainedRule: { minMonthlySales: { amountMinor: 10_000, currency: "CNY" }, months: 3 },
  })),
  recordViolation: m("recordViolation", "RecordViolationInput", (f) => ({
    sellerId: f.a.sellerId,
    kind: "QUALITY",
    severity: "MAJOR",
    occurredAt: "2026-11-01T00:00:00Z",
    note: "x",
  })),
  // Operator-only: every caller of the probe is refused before the violation is looked up.
  voidViolation: m("voidViolation", "VoidViolationInput", (f) => ({
    sellerId: f.a.sellerId,
    violationId: "01VIOLATIONOFSELLERA",
    reason: "x",
  })),
  applyForDepositRefund: m("applyForDepositRefund", "ApplyForDepositRefundInput", (f) => ({
    depositId: f.a.depositId,
    documents: [{ kind: "SALES_DATA", reference: "evidence/2026/sales.csv", checksum: "a".repeat(64), title: "Sales" }],
  })),
  decideDepositRefund: m("decideDepositRefund", "DecideDepositRefundInput", (f) => ({
    applicationId: f.a.applicationId,
    outcome: "DENY",
    reason: "x",
  })),
  createApiKey: m("createApiKey", "CreateApiKeyInput", (f) => ({ role: "SELLER", label: "x", sellerId: f.a.sellerId })),
  revokeApiKey: m("revokeApiKey", "RevokeApiKeyInput", () => ({ keyId: "key_anything" })),
  registerWebhookEndpoint: m("registerWebhookEndpoint", "RegisterWebhookEndpointInput", (f) => ({
    sellerId: f.a.sellerId,
    url: "https://intruder.example.com/hooks",
  })),
  rotateWebhookSecret: m("rotateWebhookSecret", "RotateWebhookSecretInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
  })),
  disableWebhookEndpoint: m("disableWebhookEndpoint", "DisableWebhookEndpointInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
  })),
  enableWebhookEndpoint: m("enableWebhookEndpoint", "EnableWebhookEndpointInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
  })),
  redeliverWebhookEvent: m("redeliverWebhookEvent", "RedeliverWebhookEventInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
    eventId: f.a.eventId,
  })),
  updateWebhookEndpoint: m("updateWebhookEndpoint", "UpdateWebhookEndpointInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
    url: "https://intruder.example.com/hooks",
  })),
  deleteWebhookEndpoint: m("deleteWebhookEndpoint", "DeleteWebhookEndpointInput", (f) => ({
    sellerId: f.a.sellerId,
    endpointId: f.a.webhookEndpointId,
  })),
  setSellerLanguage: m("setSellerLanguage", "SetSellerLanguageInput", (f) => ({
    sellerId: f.a.sellerId,
    language: "ZH_CN",
  })),
  createSeller: m("createSeller", "CreateSellerInput", () => ({
    id: `sel_${ulid()}`,
    name: "Not allowed",
    settlementCurrency: "CNY",
    timeZone: "Asia/Shanghai",
  })),
};

async function snapshot(w: World) {
  const tables = [
    "Sellers",
    "Orders",
    "Cases",
    "Deposits",
    "ApiKeys",
    "Idempotency",
    "WebhookEndpoints",
    "WebhookDeliveries",
  ] as const;
  return JSON.stringify(
    await Promise.all(
      tables.map((t) => scanTable(w.db, t).then((items) => items.map((i) => JSON.stringify(i)).sort())),
    ),
  );
}

describe("tenant isolation matrix", () => {
  let f: Fixture;

  beforeAll(async () => {
    const w = await world();
    // Seller A's objects: an order, a dispute with a pending offer, a deposit with an application.
    const o = await orderDue(w, -20);
    await w.lateOrders();
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: o.id, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    );
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId: opened.case.id,
        kind: "COUPON",
        amount: { amountMinor: 300, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 86_400_000).toISOString(),
      },
      "case { pendingOffer { id } }",
    );
    const deposit = await mutate(
      w,
      w.operator,
      "recordDeposit",
      "RecordDepositInput",
      {
        sellerId: w.sellerId,
        kind: "LIMITED_TERM",
        amount: { amountMinor: 1_000_000, currency: "CNY" },
        paidAt: "2025-10-01T00:00:00Z",
        termStart: "2025-10-01T00:00:00Z",
        termEnd: "2026-10-01T00:00:00Z",
        salesTarget: { amountMinor: 100, currency: "CNY" },
      },
      "deposit { id }",
    );
    expect(deposit.userErrors).toEqual([]);
    const documents = [
      { kind: "SALES_DATA", reference: "evidence/2026/sales.csv", checksum: "a".repeat(64), title: "Sales" },
      { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/2026/qc.pdf", checksum: "b".repeat(64), title: "QC" },
    ];
    const applied = await mutate(
      w,
      w.key,
      "applyForDepositRefund",
      "ApplyForDepositRefundInput",
      { depositId: deposit.deposit.id, documents },
      "application { id }",
    );
    expect(applied.userErrors).toEqual([]);
    // And a return under way, on a shipped order's dispute.
    const returned = await withReturn(w, "AUTHORISED");
    // And a webhook endpoint receiving A's events.
    const endpoint = await mutate(
      w,
      w.key,
      "registerWebhookEndpoint",
      "RegisterWebhookEndpointInput",
      { url: "https://erp-of-a.example.com/hooks" },
      "webhookEndpoint { id }",
    );
    // And an event of A's delivered to that endpoint (its log has an entry).
    const eventId = await sellerEvent(w);
    const stored = await EventsRepo.get(w.db, w.sellerId, eventId);
    await WebhookDeliveriesRepo.createIfAbsent(
      w.db,
      WebhookDeliveriesRepo.newDelivery({
        endpointId: endpoint.webhookEndpoint.id,
        event: WebhookDeliveriesRepo.deliveredEvent(stored!),
        now: w.now.toISOString(),
      }),
    );

    // Seller B, a partner granted only B, and a read-only partner granted A.
    const b = { sellerId: `sel_${ulid()}`, key: `b_${ulid()}` };
    await SellersRepo.putSellerIfAbsent(w.db, {
      id: b.sellerId,
      name: "Seller B",
      settlementCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      createdAt: w.now.toISOString(),
    });
    await ApiKeys.putApiKey(w.db, b.key, {
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "B",
      sellerId: b.sellerId,
      createdAt: w.now.toISOString(),
    });
    const partnerOfB = `pb_${ulid()}`;
    await ApiKeys.putApiKey(w.db, partnerOfB, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "partner of B",
      sellerIds: [b.sellerId],
      access: "READ_WRITE",
      createdAt: w.now.toISOString(),
    });
    const readOnlyPartnerOfA = `ra_${ulid()}`;
    await ApiKeys.putApiKey(w.db, readOnlyPartnerOfA, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "read-only partner of A",
      sellerIds: [w.sellerId],
      access: "READ",
      createdAt: w.now.toISOString(),
    });
    const marketplaceOfB = `mb_${ulid()}`;
    await ApiKeys.putApiKey(w.db, marketplaceOfB, {
      role: "MARKETPLACE",
      keyId: `key_${ulid()}`,
      label: "marketplace of B",
      allSellers: false,
      sellerIds: [b.sellerId],
      createdAt: w.now.toISOString(),
    });
    const bOrder = await mutate(
      w,
      b.key,
      "createOrder",
      "CreateOrderInput",
      order({ a: { sellerId: b.sellerId } } as Fixture, { sellerId: undefined }),
      "order { id }",
    );
    // A corrupt reference planted across tenants: a case of B's that names A's order. Nested
    // fields must check the owner of what they load, not trust the parent's.
    const aCase = (await CasesRepo.batchGetCases(w.db, [opened.case.id]))[0]!;
    const plantedCaseId = `planted-${ulid()}`;
    await w.db.doc.send(
      new PutCommand({
        TableName: w.db.tables.Cases,
        Item: CasesRepo.toItem({ ...aCase, id: plantedCaseId, sellerId: b.sellerId, nextDeadlineAt: null }),
      }),
    );

    f = {
      w,
      a: {
        sellerId: w.sellerId,
        orderId: o.id,
        marketplaceOrderId: o.marketplaceOrderId,
        caseId: opened.case.id,
        offerId: offered.case.pendingOffer.id,
        depositId: deposit.deposit.id,
        applicationId: applied.application.id,
        returnCaseId: returned.caseId,
        returnId: returned.returnId,
        webhookEndpointId: endpoint.webhookEndpoint.id,
        eventId,
      },
      b: { ...b, orderId: bOrder.order.id, plantedCaseId },
      partnerOfB,
      marketplaceOfB,
      readOnlyPartnerOfA,
    };
  }, 120_000);

  it("has an entry for every query and every mutation of the schema", () => {
    const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(Object.keys(QUERIES).sort());
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  const callers = (kind: "query" | "mutation") =>
    [
      ["seller B's key", (x: Fixture) => x.b.key],
      ["a partner key granted only B", (x: Fixture) => x.partnerOfB],
      ["a marketplace key granted only B", (x: Fixture) => x.marketplaceOfB],
      ...(kind === "mutation"
        ? ([["a read-only partner key granted A", (x: Fixture) => x.readOnlyPartnerOfA]] as const)
        : []),
    ] as const;

  for (const [name, entry] of Object.entries(QUERIES)) {
    for (const [who, key] of callers("query")) {
      it(`query ${name} with ${who}: not found or forbidden, nothing of A's listed`, async () => {
        const { query, variables } = entry.query(f);
        entry.check(await graphql(f.w.api, query, { key: key(f), variables }), f);
      });
    }
  }

  for (const [name, entry] of Object.entries(LOOKUPS)) {
    for (const [who, key] of callers("query")) {
      it(`lookup ${name} with ${who}: not found or forbidden, nothing of A's listed`, async () => {
        const { query, variables } = entry.query(f);
        const response = await graphql(f.w.api, query, { key: key(f), variables });
        entry.check(response, f);
        expect(JSON.stringify(response.body.data ?? null)).not.toContain(f.a.marketplaceOrderId);
      });
    }
  }

  // Nested fields: each path starts at something the caller may read (or at A's id) and walks
  // through the links between objects; nothing of A's may come back at any depth.
  const NESTED: Record<string, (x: Fixture) => string> = {
    "case → order → risk": (x) => `{ case(id: "${x.a.caseId}") { id order { id sellerId risk { score } } } }`,
    "order → remedy plan, risk": (x) =>
      `{ order(id: "${x.a.orderId}") { id remedyPlan { steps { code } } risk { factors { code } } } }`,
    // (The planted case's own `orderId` field is B's stored data: these paths ask only what is loaded through it.)
    "own cases → order": (x) =>
      `{ cases(sellerId: "${x.b.sellerId}", first: 20) { edges { node { id order { id sellerId marketplaceOrderId ` +
      `risk { score } } } } } }`,
    "planted case (B's, naming A's order) → order": (x) =>
      `{ case(id: "${x.b.plantedCaseId}") { id order { id sellerId } risk { score } } }`,
    "own late orders → remedy plan": (x) =>
      `{ lateOrders(sellerId: "${x.b.sellerId}", first: 20) { edges { node { id remedyPlan { steps { code } } } } } }`,
    "own deposits → applications → deposit → applications": (x) =>
      `{ deposits(sellerId: "${x.b.sellerId}", first: 10) { edges { node { id refundApplications { id depositId ` +
      `deposit { id refundApplications { id } } } } } } }`,
    "A's deposit → applications → deposit": (x) =>
      `{ deposit(id: "${x.a.depositId}") { id refundApplications { id deposit { id } } } }`,
    "case risk → factors": (x) => `{ caseRisk(caseId: "${x.a.caseId}") { score factors { code explanation } } }`,
  };
  for (const [path, query] of Object.entries(NESTED)) {
    for (const [who, key] of callers("query")) {
      it(`nested ${path} with ${who}: nothing of A's at any depth`, async () => {
        const response = await graphql(f.w.api, query(f), { key: key(f) });
        const code = response.body.errors?.[0]?.extensions?.code;
        if (code) expect(code, JSON.stringify(response.body)).toBe("FORBIDDEN");
        const text = JSON.stringify(response.body.data ?? null);
        for (const id of Object.values(f.a)) expect(text, JSON.stringify(response.body)).not.toContain(id);
      });
    }
  }

  it("the planted case's order is null for B, while A's own key still sees the order through A's case", async () => {
    const planted = await graphql(f.w.api, `{ case(id: "${f.b.plantedCaseId}") { id order { id } } }`, {
      key: f.b.key,
    });
    expect(planted.body.data.case).toEqual({ id: f.b.plantedCaseId, order: null });
    const own = await graphql(f.w.api, `{ case(id: "${f.a.caseId}") { order { id } } }`, { key: f.w.key });
    expect(own.body.data.case.order).toEqual({ id: f.a.orderId });
  });

  // sellerId string tricks: A's id disguised (padding, case, NUL, comma lists, wildcards) must
  // never act for A. Each answer is FORBIDDEN, BAD_USER_INPUT, a NOT_FOUND userError or the
  // caller's own data; never A's, never an internal error, and nothing is written.
  const tricks = (x: Fixture): Record<string, string> => ({
    "leading space": ` ${x.a.sellerId}`,
    "trailing space": `${x.a.sellerId} `,
    "tab and newline": `\t${x.a.sellerId}\n`,
    "upper case": x.a.sellerId.toUpperCase(),
    "lower case": x.a.sellerId.toLowerCase(),
    "trailing NUL": `${x.a.sellerId}\u0000`,
    "NUL between own and A's": `${x.b.sellerId}\u0000${x.a.sellerId}`,
    "comma list, own first": `${x.b.sellerId},${x.a.sellerId}`,
    "comma list, A first": `${x.a.sellerId},${x.b.sellerId}`,
    "comma and space": `${x.b.sellerId}, ${x.a.sellerId}`,
    "JSON array": JSON.stringify([x.b.sellerId, x.a.sellerId]),
    wildcard: "*",
    "prefix of A's id": x.a.sellerId.slice(0, 8),
    "zero-width space": `${x.a.sellerId}\u200b`,
  });
  const acceptableCodes = new Set(["FORBIDDEN", "BAD_USER_INPUT"]);
  for (const [who, key] of callers("query")) {
    it(`sellerId tricks with ${who}: never A's data, never an internal error, nothing written`, async () => {
      const before = await snapshot(f.w);
      for (const [trick, sellerId] of Object.entries(tricks(f))) {
        const reads = [
          `query($s: ID) { orders(sellerId: $s) { edges { node { id sellerId } } } lateOrders(sellerId: $s) { ` +
            `edges { node { id } } } }`,
          `query($s: ID) { cases(sellerId: $s) { edges { node { id sellerId } } } deposits(sellerId: $s) { edges ` +
            `{ node { id sellerId } } } }`,
          `query($s: ID!) { seller(id: $s) { id overview { ordersLate } } sellerRisk(sellerId: $s) { score } }`,
          `query($s: ID) { webhookEndpoints(sellerId: $s) { edges { node { id sellerId } } } }`,
        ];
        for (const query of reads) {
          const response = await graphql(f.w.api, query, { key: key(f), variables: { s: sellerId } });
          const context = `${trick}: ${JSON.stringify(response.body)}`;
          for (const error of response.body.errors ?? [])
            expect(acceptableCodes.has(error.extensions?.code), context).toBe(true);
          const text = JSON.stringify(response.body.data ?? null);
          for (const id of Object.values(f.a)) expect(text, context).not.toContain(id);
        }
        const writes = [
          { name: "createOrder", type: "CreateOrderInput", input: order(f, { sellerId }) },
          {
            name: "registerWebhookEndpoint",
            type: "RegisterWebhookEndpointInput",
            input: { sellerId, url: "https://intruder.example.com/hooks" },
          },
          {
            name: "recordDeposit",
            type: "RecordDepositInput",
            input: {
              sellerId,
              kind: "UNLIMITED",
              amount: { amountMinor: 1_000_000, currency: "CNY" },
              paidAt: "2026-01-01T00:00:00Z",
              sustainedRule: { minMonthlySales: { amountMinor: 10_000, currency: "CNY" }, months: 3 },
            },
          },
        ];
        for (const write of writes) {
          const response = await graphql(
            f.w.api,
            `mutation($input: ${write.type}!) { ${write.name}(input: $input) { userErrors { code field } } }`,
            { key: key(f), variables: { input: write.input } },
          );
          const context = `${write.name} ${trick}: ${JSON.stringify(response.body)}`;
          for (const error of response.body.errors ?? [])
            expect(acceptableCodes.has(error.extensions?.code), context).toBe(true);
          const payload = response.body.data?.[write.name];
          if (payload) expect(payload.userErrors.length, context).toBeGreaterThan(0);
        }
      }
      expect(await snapshot(f.w)).toBe(before);
    });
  }

  for (const [name, entry] of Object.entries(MUTATIONS)) {
    for (const [who, key] of callers("mutation")) {
      it(`mutation ${name} with ${who}: refused, nothing changed`, async () => {
        const before = await snapshot(f.w);
        const { query, variables } = entry.query(f);
        const response = await graphql(f.w.api, query, { key: key(f), variables });
        entry.check(response, f);
        expect(await snapshot(f.w)).toBe(before);
      });
    }
  }
});

/**
 * The two sides of a case: on seller A's own objects, a marketplace key granted A is refused
 * every seller-side mutation, and A's read-write partner key every buyer-side one. FORBIDDEN,
 * and nothing written.
 */
const SELLER_SIDE = [
  "createOrder",
  "importOrders",
  "markOrderShipped",
  "markOrderDelivered",
  "expediteOrder",
  // cancelOrder is not here: a marketplace key relays a buyer's cancellation request for a seller it serves
  // (test/api/seller-cancellation-rate.test.ts).
  "recordShippingIncident",
  "postCaseMessage",
  "recordRemedy",
  "makeCompensationOffer",
  "withdrawCompensationOffer",
  "resolveCase",
  "submitCaseEvidence",
  "recordDeposit",
  "applyForDepositRefund",
  "confirmReturnReceived",
  "refundReturn",
  "shipReplacement",
  "setSellerLanguage",
] as const;

const BUYER_SIDE: Record<string, Entry> = {
  openCase: MUTATIONS.openCase!,
  respondToCompensationOffer: MUTATIONS.respondToCompensationOffer!,
  escalateCase: MUTATIONS.escalateCase!,
  reportInvalidTracking: MUTATIONS.reportInvalidTracking!,
  withdrawInvalidTrackingReport: MUTATIONS.withdrawInvalidTrackingReport!,
  shipReturn: MUTATIONS.shipReturn!,
  cancelReturn: MUTATIONS.cancelReturn!,
  "postCaseMessage as the buyer": m("postCaseMessage", "PostCaseMessageInput", (f) => ({
    caseId: f.a.caseId,
    direction: "BUYER",
    body: "I accept.",
  })),
  "resolveCase as the buyer withdrawing": m("resolveCase", "ResolveCaseInput", (f) => ({
    caseId: f.a.caseId,
    outcome: "BUYER_WITHDREW",
  })),
  "submitCaseEvidence for the buyer": m("submitCaseEvidence", "SubmitCaseEvidenceInput", (f) => ({
    caseId: f.a.caseId,
    side: "BUYER",
    kind: "PHOTO",
    reference: "evidence/damage.jpg",
  })),
  "submitCaseEvidence for the platform": m("submitCaseEvidence", "SubmitCaseEvidenceInput", (f) => ({
    caseId: f.a.caseId,
    side: "PLATFORM",
    kind: "OTHER",
    reference: "evidence/ruling.pdf",
  })),
};

describe("the two sides of a case", () => {
  let f: Fixture & { marketplaceOfA: string; partnerOfA: string };

  beforeAll(async () => {
    const w = await world();
    const o = await orderDue(w, 48);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: o.id, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    );
    const offered = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId: opened.case.id,
        kind: "COUPON",
        amount: { amountMinor: 300, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 86_400_000).toISOString(),
      },
      "case { pendingOffer { id } }",
    );
    // A received return: each of its moves is one side's (the seller's moves are allowed now, the buyer's checked by
    // side first).
    const returned = await withReturn(w, "RECEIVED");
    f = {
      w,
      a: {
        sellerId: w.sellerId,
        orderId: o.id,
        marketplaceOrderId: o.marketplaceOrderId,
        caseId: opened.case.id,
        offerId: offered.case.pendingOffer.id,
        depositId: "none",
        applicationId: "none",
        returnCaseId: returned.caseId,
        returnId: returned.returnId,
        webhookEndpointId: "none",
        eventId: "none",
      },
      b: { sellerId: "none", key: "none", orderId: "none", plantedCaseId: "none" },
      partnerOfB: "none",
      marketplaceOfB: "none",
      readOnlyPartnerOfA: "none",
      marketplaceOfA: w.marketplace,
      partnerOfA: w.partner,
    };
  }, 120_000);

  const forbiddenOnly: Check = (response) =>
    expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");

  it("lists only mutations the authority table keeps, in some field, from marketplace keys", () => {
    // A mutation with a row per side (postCaseMessage's direction, resolveCase's outcome) stays on the list for its
    // seller-side rows; one whose every row admits a marketplace key does not belong here.
    const rowsOf = (name: string) => Authority.FIELD_AUTHORITY.filter((row) => row.mutation === name);
    const openToMarketplace = SELLER_SIDE.filter((name) =>
      rowsOf(name).every((row) => row.setBy.includes("MARKETPLACE")),
    );
    expect(openToMarketplace).toEqual([]);
  });

  for (const name of SELLER_SIDE) {
    it(`a marketplace key granted the seller is FORBIDDEN the seller-side ${name}, nothing changed`, async () => {
      const before = await snapshot(f.w);
      const { query, variables } = MUTATIONS[name]!.query(f);
      forbiddenOnly(await graphql(f.w.api, query, { key: f.marketplaceOfA, variables }), f);
      expect(await snapshot(f.w)).toBe(before);
    });
  }

  for (const [name, entry] of Object.entries(BUYER_SIDE)) {
    it(`the seller's read-write partner key is FORBIDDEN the buyer-side ${name}, nothing changed`, async () => {
      const before = await snapshot(f.w);
      const { query, variables } = entry.query(f);
      forbiddenOnly(await graphql(f.w.api, query, { key: f.partnerOfA, variables }), f);
      expect(await snapshot(f.w)).toBe(before);
    });
  }
});
