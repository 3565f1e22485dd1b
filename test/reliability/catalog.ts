import { DeleteCommand, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Events, Webhooks } from "@seller-ops/core";
import { ApiKeys, EventsRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { scanTable } from "../support/scan";
import { mutate, orderDue, recordBackingRemedy, sellerSettles, type World } from "../support/world";

/**
 * Every mutation of the API with a way to set the stage for it, a valid input, a second valid
 * input that differs, and a count of its effect in the tables. The retry and bad-input suites
 * iterate over it; a mutation missing here fails `catalog.test.ts`.
 */
export interface MutationCase {
  name: string;
  inputType: string;
  /** The payload fields to select besides userErrors. */
  selection: string;
  /** Sets the stage; returns the key to call with and two different valid inputs. */
  arrange: (w: World) => Promise<{ key: string; input: Record<string, unknown>; otherInput: Record<string, unknown> }>;
  /** How many times the effect happened: rows, events or versions, from the tables. */
  effects: (w: World) => Promise<number>;
  /**
   * A payload field shown only in the answer of the attempt whose write made the effect (an API key's
   * secret, never stored at all): of concurrent attempts with one key, exactly one gets it, the
   * others get null and otherwise the same payload, and so does every replay (retries.test.ts).
   */
  shownOnce?: string;
}

const inHours = (w: World, hours: number) => new Date(w.now.getTime() + hours * 3_600_000).toISOString();

let violationsArranged = 0;

const items = async (w: World, table: "Orders" | "Cases", match: (i: Record<string, unknown>) => boolean) =>
  (await scanTable(w.db, table)).filter(match).length;
const orders = (w: World) => items(w, "Orders", (i) => i.sk === "ORDER");
const events = (type: string) => (w: World) => items(w, "Cases", (i) => i.entity === "EVENT" && i.type === type);
const orderVersions = async (w: World) =>
  (await scanTable(w.db, "Orders")).filter((i) => i.sk === "ORDER").reduce((s, i) => s + Number(i.version), 0);

async function openDispute(w: World, reason = "NOT_RECEIVED"): Promise<{ caseId: string; orderId: string }> {
  const order = await orderDue(w, 48);
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: order.id, reason, source: "BUYER", claimText: "Nothing arrived." },
    "case { id }",
  );
  return { caseId: opened.case.id, orderId: order.id };
}

async function withOffer(w: World): Promise<{ caseId: string; offerId: string }> {
  const { caseId } = await openDispute(w);
  const offered = await mutate(
    w,
    w.key,
    "makeCompensationOffer",
    "MakeCompensationOfferInput",
    { caseId, kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt: inHours(w, 48) },
    "case { pendingOffer { id } }",
  );
  return { caseId, offerId: offered.case.pendingOffer.id };
}

/** A partner key for the seller, written straight to the table (through `db`: a lagging client in a race test). */
export async function putKeyToRevoke(w: World, db: World["db"]): Promise<string> {
  const keyId = `key_${ulid()}`;
  await ApiKeys.putApiKey(db, `partner_${ulid()}`, {
    role: "PARTNER",
    keyId,
    label: "to revoke",
    sellerIds: [w.sellerId],
    access: "READ",
    createdAt: w.now.toISOString(),
  });
  return keyId;
}

export const WEBHOOK_URL = "https://erp.example.com/hooks/seller-ops";
const endpointItems = async (w: World) => (await scanTable(w.db, "WebhookEndpoints")).filter((i) => i.endpointId);
const endpointVersions = async (w: World) => (await endpointItems(w)).reduce((s, i) => s + Number(i.version), 0);

/**
 * Deletes in the world's seller scope, as places freed under its cap: by its counter and by its
 * endpoint items, which must agree (NaN, failing any count, when a delete freed a place twice or
 * left its counter behind).
 */
async function endpointsDeleted(w: World): Promise<number> {
  const count = await w.db.doc.send(
    new GetCommand({
      TableName: w.db.tables.WebhookEndpoints,
      Key: { pk: `SCOPE#${w.sellerId}`, sk: "COUNT" },
      ConsistentRead: true,
    }),
  );
  const byCounter = Webhooks.MAX_ENDPOINTS_PER_SCOPE - Number(count.Item?.registered ?? 0);
  const byItems = Webhooks.MAX_ENDPOINTS_PER_SCOPE - (await endpointItems(w)).length;
  return byCounter === byItems ? byItems : Number.NaN;
}

/**
 * Room for `room` more endpoints in the world's seller scope: suites that share one world arrange many
 * endpoints, and a scope holds at most 10 (LIMIT_REACHED), so a full scope is emptied first, in
 * the table at once (a test may write; deleteWebhookEndpoint would take one request per endpoint).
 * So is a scope where an endpoint stands switched off above the partner (an earlier probe's seller or
 * operator switch-off), which refuses the partner's registration until it is lifted.
 */
async function roomForEndpoint(w: World, room = 1): Promise<void> {
  const pk = `SCOPE#${w.sellerId}`;
  const count = await w.db.doc.send(
    new GetCommand({ TableName: w.db.tables.WebhookEndpoints, Key: { pk, sk: "COUNT" }, ConsistentRead: true }),
  );
  const switchedOffAbovePartner = (await endpointItems(w)).some(
    (item) =>
      item.pk === pk &&
      Webhooks.switchedOffAbove({ endpoint: item as unknown as Webhooks.WebhookEndpoint, by: "PARTNER" }) !== null,
  );
  const full = Number(count.Item?.registered ?? 0) + room >= Webhooks.MAX_ENDPOINTS_PER_SCOPE;
  // The partner's own share of the scope (MAX_ENDPOINTS_PER_TOOL_PER_SCOPE) fills sooner than the scope.
  const partnerId = (await ApiKeys.principalForSecret(w.db, w.partner))!.principalId;
  const ofPartner = (await endpointItems(w)).filter((item) => item.pk === pk && item.ownerKeyId === partnerId).length;
  const partnerFull = ofPartner + room > Webhooks.MAX_ENDPOINTS_PER_TOOL_PER_SCOPE;
  if (!full && !partnerFull && !switchedOffAbovePartner) return;
  const items = await w.db.doc.send(
    new QueryCommand({
      TableName: w.db.tables.WebhookEndpoints,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
    }),
  );
  for (const item of items.Items ?? [])
    await w.db.doc.send(new DeleteCommand({ TableName: w.db.tables.WebhookEndpoints, Key: { pk, sk: item.sk } }));
}

/**
 * An endpoint of the world's seller registered by the world's partner key: the seller, its partner
 * and operators may change it (a partner changes only the endpoints it registered).
 */
export async function webhookEndpoint(w: World, options: { disabled?: boolean; room?: number } = {}): Promise<string> {
  await roomForEndpoint(w, options.room);
  const registered = await mutate(
    w,
    w.partner,
    "registerWebhookEndpoint",
    "RegisterWebhookEndpointInput",
    { sellerId: w.sellerId, url: WEBHOOK_URL },
    "webhookEndpoint { id }",
  );
  const endpointId: string = registered.webhookEndpoint.id;
  if (options.disabled)
    await mutate(
      w,
      w.partner,
      "disableWebhookEndpoint",
      "DisableWebhookEndpointInput",
      { sellerId: w.sellerId, endpointId },
      "webhookEndpoint { id }",
    );
  return endpointId;
}

/** An event of the world's seller in its event log (an order shipped), as a mutation records one. */
export async function sellerEvent(w: World): Promise<string> {
  const event = Events.record({
    draft: {
      type: "ORDER_SHIPPED",
      sellerId: w.sellerId,
      objectType: "ORDER",
      objectId: `ord_${ulid()}`,
      objectVersion: 2,
      partId: null,
      payload: { status: "SHIPPED" },
    },
    eventId: ulid(w.now.getTime()),
    occurredAt: w.now.toISOString(),
    actorKeyId: "job:test",
  });
  const written = await transactWrite(w.db.doc, [EventsRepo.put(w.db, event)]);
  if (!written.ok) throw new Error("the event was not written");
  return event.eventId;
}

type ReturnStage = "AUTHORISED" | "SHIPPED_BACK" | "RECEIVED";

/**
 * A dispute on a shipped order whose seller's return offer the buyer's side accepted, brought to
 * `stage`: an exchange (REPLACEMENT_WITH_RETURN) or a return for a $5 refund.
 */
export async function withReturn(
  w: World,
  stage: ReturnStage,
  kind = "REFUND_WITH_RETURN",
): Promise<{ caseId: string; returnId: string; orderId: string }> {
  const order = await orderDue(w, 48);
  await mutate(
    w,
    w.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00000001" },
    "order { id }",
  );
  const opened = await mutate(
    w,
    w.marketplace,
    "openCase",
    "OpenCaseInput",
    { orderId: order.id, reason: "DAMAGED", source: "BUYER" },
    "case { id }",
  );
  const caseId = opened.case.id as string;
  const amount = kind === "REFUND_WITH_RETURN" ? { amount: { amountMinor: 500, currency: "USD" } } : {};
  const offered = await mutate(
    w,
    w.key,
    "makeCompensationOffer",
    "MakeCompensationOfferInput",
    { caseId, kind, ...amount, expiresAt: inHours(w, 48) },
    "case { pendingOffer { id } }",
  );
  const returnId = offered.case.pendingOffer.id as string;
  await mutate(
    w,
    w.marketplace,
    "respondToCompensationOffer",
    "RespondToCompensationOfferInput",
    { caseId, offerId: returnId, accept: true },
    "case { id }",
  );
  if (stage !== "AUTHORISED") {
    await mutate(
      w,
      w.marketplace,
      "shipReturn",
      "ShipReturnInput",
      { caseId, returnId, carrier: "YunExpress", trackingNumber: "YT00000001" },
      "case { id }",
    );
  }
  if (stage === "RECEIVED")
    await mutate(w, w.key, "confirmReturnReceived", "ConfirmReturnReceivedInput", { caseId, returnId }, "case { id }");
  return { caseId, returnId, orderId: order.id };
}

const newOrderInput = (w: World, marketplaceOrderId: string) => ({
  marketplaceOrderId,
  items: [{ sku: "SKU-R", title: "Retry test item", quantity: 1 }],
  buyerTotal: { amountMinor: 4000, currency: "USD" },
  settlementAmount: { amountMinor: 26000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: inHours(w, -24),
  handlingDays: 3,
});

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const sha = (c: string) => c.repeat(64);
export const EVIDENCE = [
  { kind: "SALES_DATA", reference: "evidence/sales-2025.csv", checksum: sha("a"), title: "Sales 2025" },
  {
    kind: "QUALITY_INSPECTION_REPORT",
    reference: "https://files.example.com/qc/2025-12.pdf",
    checksum: sha("b"),
    title: "QC report December 2025",
  },
];

/** Deposits arranged so far: each is paid a millisecond after the one before. */
let depositsPaid = 0;

/**
 * A limited-term deposit for calendar 2025 (Shanghai): its term ended before the world's clock, so it is refundable in
 * full. Each call is a payment of its own (paid on 28 December 2024, a millisecond after the last call's): one payment
 * recorded twice for a seller is a DUPLICATE_DEPOSIT.
 */
export const endedTermDeposit = (yuan = 10_000) => ({
  kind: "LIMITED_TERM",
  amount: CNY(yuan),
  paidAt: new Date(Date.parse("2024-12-28T10:00:00+08:00") + depositsPaid++).toISOString(),
  termStart: "2025-01-01T00:00:00+08:00",
  termEnd: "2026-01-01T00:00:00+08:00",
  salesTarget: CNY(3_000),
});

/** A deposit the world's seller may apply to have refunded now. */
export async function eligibleDeposit(w: World): Promise<{ id: string; version: number }> {
  const recorded = await mutate(
    w,
    w.operator,
    "recordDeposit",
    "RecordDepositInput",
    { ...endedTermDeposit(), sellerId: w.sellerId },
    "deposit { id version }",
  );
  return recorded.deposit;
}

/** An eligible deposit with a pending refund application. */
export async function pendingApplication(
  w: World,
): Promise<{ depositId: string; applicationId: string; version: number }> {
  const deposit = await eligibleDeposit(w);
  const applied = await mutate(
    w,
    w.key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    { depositId: deposit.id, documents: EVIDENCE, expectedVersion: deposit.version },
    "application { id version }",
  );
  return { depositId: deposit.id, applicationId: applied.application.id, version: applied.application.version };
}

const depositItems =
  (entity: string, match: (i: Record<string, unknown>) => boolean = () => true) =>
  async (w: World) =>
    (await scanTable(w.db, "Deposits")).filter((i) => i.entity === entity && match(i)).length;

export const MUTATIONS: MutationCase[] = [
  {
    name: "createOrder",
    inputType: "CreateOrderInput",
    selection: "order { id version }",
    arrange: async (w) => ({
      key: w.key,
      input: newOrderInput(w, `AE-R-${ulid()}`),
      otherInput: newOrderInput(w, `AE-R-${ulid()}`),
    }),
    effects: orders,
  },
  {
    name: "importOrders",
    inputType: "ImportOrdersInput",
    selection: "results { outcome order { id } } createdCount",
    arrange: async (w) => ({
      key: w.key,
      input: { orders: [newOrderInput(w, `AE-RI-${ulid()}`), newOrderInput(w, `AE-RI-${ulid()}`)] },
      otherInput: { orders: [newOrderInput(w, `AE-RI-${ulid()}`)] },
    }),
    effects: orders,
  },
  {
    name: "markOrderShipped",
    inputType: "MarkOrderShippedInput",
    selection: "order { id status version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      return {
        key: w.key,
        input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD00000001" },
        otherInput: { orderId: order.id, carrier: "UPS", trackingNumber: "1Z000000002" },
      };
    },
    effects: orderVersions,
  },
  {
    name: "markOrderDelivered",
    inputType: "MarkOrderDeliveredInput",
    selection: "order { id status version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "DHL", trackingNumber: "JD00000001" },
        "order { id }",
      );
      return {
        key: w.key,
        input: { orderId: order.id },
        otherInput: { orderId: order.id, deliveredAt: inHours(w, -0.1) },
      };
    },
    effects: orderVersions,
  },
  {
    name: "expediteOrder",
    inputType: "ExpediteOrderInput",
    selection: "order { id expedited version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      return { key: w.key, input: { orderId: order.id }, otherInput: { orderId: order.id, expectedVersion: 1 } };
    },
    effects: orderVersions,
  },
  {
    name: "cancelOrder",
    inputType: "CancelOrderInput",
    selection: "order { id status version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      return {
        key: w.key,
        input: { orderId: order.id, reason: "OUT_OF_STOCK" },
        otherInput: { orderId: order.id, reason: "BUYER_REQUESTED" },
      };
    },
    effects: orderVersions,
  },
  {
    name: "recordShippingIncident",
    inputType: "RecordShippingIncidentInput",
    selection: "order { id incidents { id } }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      return {
        key: w.key,
        input: { orderId: order.id, cause: "HUMAN_ERROR", note: "Missed in picking." },
        otherInput: { orderId: order.id, cause: "UNKNOWN", note: "Unclear." },
      };
    },
    effects: async (w) =>
      (await scanTable(w.db, "Orders"))
        .filter((i) => i.sk === "ORDER")
        .reduce((s, i) => s + (i.incidents as unknown[]).length, 0),
  },
  {
    name: "reportInvalidTracking",
    inputType: "ReportInvalidTrackingInput",
    selection: "order { id trackingInvalidAt version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      const shipped = await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "DHL", trackingNumber: "JD00000001" },
        "order { version }",
      );
      return {
        key: w.marketplace,
        input: { orderId: order.id, trackingNumber: "JD00000001" },
        otherInput: { orderId: order.id, trackingNumber: "JD00000001", expectedVersion: shipped.order.version },
      };
    },
    effects: orderVersions,
  },
  {
    name: "withdrawInvalidTrackingReport",
    inputType: "WithdrawInvalidTrackingReportInput",
    selection: "order { id trackingInvalidAt version }",
    arrange: async (w) => {
      const order = await orderDue(w, 24);
      await mutate(
        w,
        w.key,
        "markOrderShipped",
        "MarkOrderShippedInput",
        { orderId: order.id, carrier: "DHL", trackingNumber: "JD00000002" },
        "order { id }",
      );
      await mutate(
        w,
        w.marketplace,
        "reportInvalidTracking",
        "ReportInvalidTrackingInput",
        { orderId: order.id, trackingNumber: "JD00000002" },
        "order { id }",
      );
      return {
        key: w.marketplace,
        input: { orderId: order.id, reason: "The carrier's first scan turned up." },
        otherInput: { orderId: order.id, reason: "Reported on the wrong order." },
      };
    },
    effects: orderVersions,
  },
  {
    name: "openCase",
    inputType: "OpenCaseInput",
    selection: "case { id version }",
    arrange: async (w) => {
      const order = await orderDue(w, 48);
      return {
        key: w.marketplace,
        input: { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "Broken." },
        otherInput: { orderId: order.id, reason: "WRONG_ITEM", source: "BUYER" },
      };
    },
    effects: events("OPENED"),
  },
  {
    name: "postCaseMessage",
    inputType: "PostCaseMessageInput",
    selection: "case { id version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      return {
        key: w.key,
        input: { caseId, direction: "SELLER", body: "Sorry, checking now." },
        otherInput: { caseId, direction: "SELLER", body: "Another answer." },
      };
    },
    effects: events("MESSAGE"),
  },
  {
    name: "recordRemedy",
    inputType: "RecordRemedyInput",
    selection: "case { id version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      return {
        key: w.key,
        input: { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 500, currency: "USD" } },
        otherInput: { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 600, currency: "USD" } },
      };
    },
    effects: events("REMEDY_RECORDED"),
  },
  {
    name: "makeCompensationOffer",
    inputType: "MakeCompensationOfferInput",
    selection: "case { id version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      return {
        key: w.key,
        input: { caseId, kind: "COUPON", amount: { amountMinor: 300, currency: "USD" }, expiresAt: inHours(w, 48) },
        otherInput: { caseId, kind: "GIFT", amount: { amountMinor: 200, currency: "USD" }, expiresAt: inHours(w, 48) },
      };
    },
    effects: events("OFFER_MADE"),
  },
  {
    name: "respondToCompensationOffer",
    inputType: "RespondToCompensationOfferInput",
    selection: "case { id status version }",
    arrange: async (w) => {
      const { caseId, offerId } = await withOffer(w);
      return {
        key: w.marketplace,
        input: { caseId, offerId, accept: true },
        otherInput: { caseId, offerId, accept: false },
      };
    },
    effects: async (w) => (await events("OFFER_ACCEPTED")(w)) + (await events("OFFER_DECLINED")(w)),
  },
  {
    name: "withdrawCompensationOffer",
    inputType: "WithdrawCompensationOfferInput",
    selection: "case { id status version }",
    arrange: async (w) => {
      const { caseId, offerId } = await withOffer(w);
      return { key: w.key, input: { caseId, offerId }, otherInput: { caseId, offerId, expectedVersion: 99 } };
    },
    effects: events("OFFER_WITHDRAWN"),
  },
  {
    name: "escalateCase",
    inputType: "EscalateCaseInput",
    selection: "case { id status version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      return {
        key: w.marketplace,
        input: { caseId, note: "No answer." },
        otherInput: { caseId, note: "Different note." },
      };
    },
    effects: events("ESCALATED"),
  },
  {
    name: "resolveCase",
    inputType: "ResolveCaseInput",
    selection: "case { id status version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      await recordBackingRemedy(w, caseId, "REFUNDED");
      return {
        key: w.key,
        input: { caseId, outcome: "REFUNDED" },
        otherInput: { caseId, outcome: "RETURNED_AND_REFUNDED" },
      };
    },
    effects: events("RESOLVED"),
  },
  {
    name: "closeCase",
    inputType: "CloseCaseInput",
    selection: "case { id status version }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      await sellerSettles(w, caseId, "REFUNDED");
      return { key: w.operator, input: { caseId }, otherInput: { caseId, expectedVersion: 99 } };
    },
    effects: events("CLOSED"),
  },
  {
    name: "shipReturn",
    inputType: "ShipReturnInput",
    selection: "case { id status version openReturn { id status returnShipment { trackingNumber } } }",
    arrange: async (w) => {
      const { caseId, returnId } = await withReturn(w, "AUTHORISED");
      const parcel = { caseId, returnId, carrier: "YunExpress" };
      return {
        key: w.marketplace,
        input: { ...parcel, trackingNumber: "YT00000002" },
        otherInput: { ...parcel, trackingNumber: "YT00000003" },
      };
    },
    effects: events("RETURN_SHIPPED_BACK"),
  },
  {
    name: "confirmReturnReceived",
    inputType: "ConfirmReturnReceivedInput",
    selection: "case { id status version openReturn { id status settleBy } }",
    arrange: async (w) => {
      const { caseId, returnId } = await withReturn(w, "SHIPPED_BACK");
      return { key: w.key, input: { caseId, returnId }, otherInput: { caseId, returnId, expectedVersion: 99 } };
    },
    effects: events("RETURN_RECEIVED"),
  },
  {
    name: "refundReturn",
    inputType: "RefundReturnInput",
    selection: "case { id status outcome version order { refunded { amountMinor } } }",
    arrange: async (w) => {
      const { caseId, returnId } = await withReturn(w, "RECEIVED");
      return { key: w.key, input: { caseId, returnId }, otherInput: { caseId, returnId, expectedVersion: 99 } };
    },
    effects: events("RETURN_REFUNDED"),
  },
  {
    name: "shipReplacement",
    inputType: "ShipReplacementInput",
    selection: "case { id status outcome version returns { replacementShipment { trackingNumber } } }",
    arrange: async (w) => {
      const { caseId, returnId } = await withReturn(w, "RECEIVED", "REPLACEMENT_WITH_RETURN");
      const parcel = { caseId, returnId, carrier: "Cainiao" };
      return {
        key: w.key,
        input: { ...parcel, trackingNumber: "LP00000002" },
        otherInput: { ...parcel, trackingNumber: "LP00000003" },
      };
    },
    effects: events("REPLACEMENT_SHIPPED"),
  },
  {
    name: "cancelReturn",
    inputType: "CancelReturnInput",
    selection: "case { id status version returns { status endedAt } }",
    arrange: async (w) => {
      const { caseId, returnId } = await withReturn(w, "AUTHORISED");
      return {
        key: w.marketplace,
        input: { caseId, returnId, note: "Kept the item." },
        otherInput: { caseId, returnId, note: "Changed my mind." },
      };
    },
    effects: events("RETURN_CANCELLED"),
  },
  {
    name: "submitCaseEvidence",
    inputType: "SubmitCaseEvidenceInput",
    selection: "case { id version evidence { seller { id } } } evidence { id side }",
    arrange: async (w) => {
      const { caseId } = await openDispute(w);
      return {
        key: w.key,
        input: {
          caseId,
          side: "SELLER",
          kind: "TRACKING_PROOF",
          reference: "https://tracking.example.com/JD0001234567",
          description: "Delivered, signed.",
        },
        otherInput: { caseId, side: "SELLER", kind: "PHOTO", reference: "evidence/packing-photo.jpg" },
      };
    },
    effects: events("EVIDENCE_SUBMITTED"),
  },
  {
    name: "recordDeposit",
    inputType: "RecordDepositInput",
    selection: "deposit { id status version }",
    arrange: async (w) => ({
      key: w.operator,
      input: { ...endedTermDeposit(10_000), sellerId: w.sellerId },
      otherInput: { ...endedTermDeposit(20_000), sellerId: w.sellerId },
    }),
    effects: depositItems("DEPOSIT"),
  },
  {
    name: "recordViolation",
    inputType: "RecordViolationInput",
    selection: "violation { id kind severity }",
    arrange: async (w) => ({
      key: w.operator,
      input: {
        sellerId: w.sellerId,
        kind: "OTHER",
        severity: "MINOR",
        // A violation of its own each time it is arranged (the capacity bench arranges it again for each sample on one
        // world): the same one recorded again would be refused DUPLICATE_VIOLATION.
        occurredAt: inHours(w, -48 - violationsArranged++ / 60),
        note: "Answered a buyer rudely.",
      },
      otherInput: {
        sellerId: w.sellerId,
        kind: "QUALITY",
        severity: "MAJOR",
        occurredAt: inHours(w, -48),
        note: "Shipped worn items.",
      },
    }),
    effects: depositItems("VIOLATION"),
  },
  {
    name: "voidViolation",
    inputType: "VoidViolationInput",
    selection: "violation { id voided voidedAt voidReason }",
    arrange: async (w) => {
      const recorded = await mutate(
        w,
        w.operator,
        "recordViolation",
        "RecordViolationInput",
        {
          sellerId: w.sellerId,
          kind: "OTHER",
          severity: "MAJOR",
          // A violation of its own each time it is arranged (one world may arrange it for several keys): the same
          // one recorded again would be refused DUPLICATE_VIOLATION.
          occurredAt: inHours(w, -48 - violationsArranged++ / 60),
          note: "Recorded against the wrong seller.",
        },
        "violation { id }",
      );
      const target = { sellerId: w.sellerId, violationId: recorded.violation.id };
      return {
        key: w.operator,
        input: { ...target, reason: "Recorded by mistake." },
        otherInput: { ...target, reason: "Another seller's violation." },
      };
    },
    effects: depositItems("VIOLATION", (i) => typeof i.voidedAt === "string"),
  },
  {
    name: "applyForDepositRefund",
    inputType: "ApplyForDepositRefundInput",
    selection: "application { id status version } deposit { id status version }",
    arrange: async (w) => {
      const deposit = await eligibleDeposit(w);
      return {
        key: w.key,
        input: { depositId: deposit.id, documents: EVIDENCE, expectedVersion: deposit.version },
        otherInput: {
          depositId: deposit.id,
          documents: [
            ...EVIDENCE,
            { kind: "OTHER", reference: "evidence/letter.pdf", checksum: sha("c"), title: "Letter" },
          ],
        },
      };
    },
    effects: depositItems("APPLICATION"),
  },
  {
    name: "decideDepositRefund",
    inputType: "DecideDepositRefundInput",
    selection:
      "application { id status version } deposit { id status version refundedAmount { amountMinor currency } }",
    arrange: async (w) => {
      const { applicationId } = await pendingApplication(w);
      return {
        key: w.operator,
        input: { applicationId, outcome: "APPROVE_FULL" },
        otherInput: { applicationId, outcome: "DENY", reason: "Quality complaints are still open." },
      };
    },
    effects: depositItems("APPLICATION", (i) => i.status !== "PENDING"),
  },
  {
    name: "createSeller",
    inputType: "CreateSellerInput",
    selection: "seller { id name settlementCurrency timeZone createdAt }",
    arrange: async (w) => ({
      key: w.operator,
      input: { id: `sel_${ulid()}`, name: "Retry Seller Co.", settlementCurrency: "EUR", timeZone: "Europe/Berlin" },
      otherInput: {
        id: `sel_${ulid()}`,
        name: "Other Seller Co.",
        settlementCurrency: "USD",
        timeZone: "America/New_York",
      },
    }),
    effects: async (w) => (await scanTable(w.db, "Sellers")).filter((i) => i.sk === "PROFILE").length,
  },
  {
    name: "setSellerLanguage",
    inputType: "SetSellerLanguageInput",
    selection: "seller { id language version }",
    // The language the seller does not have yet, so every arrangement is a change (the bench runs it
    // several times on one seller).
    arrange: async (w) => {
      const profile = (await scanTable(w.db, "Sellers")).find((i) => i.sk === "PROFILE" && i.id === w.sellerId);
      const language = profile?.language === "zh-CN" ? "EN" : "ZH_CN";
      return { key: w.key, input: { language }, otherInput: { language, expectedVersion: 1 } };
    },
    // Each change is a new version of the profile.
    effects: async (w) =>
      (await scanTable(w.db, "Sellers"))
        .filter((i) => i.sk === "PROFILE" && i.id === w.sellerId)
        .reduce((sum, i) => sum + Number(i.version ?? 1) - 1, 0),
  },
  {
    name: "createApiKey",
    inputType: "CreateApiKeyInput",
    selection: "apiKey { id role label sellerId sellerIds access revokedAt }",
    shownOnce: "secret",
    arrange: async (w) => ({
      key: w.operator,
      input: { role: "SELLER", label: "Retry seller key", sellerId: w.sellerId },
      otherInput: { role: "PARTNER", label: "Retry partner key", sellerIds: [w.sellerId], access: "READ" },
    }),
    effects: async (w) => (await scanTable(w.db, "ApiKeys")).length,
  },
  {
    name: "revokeApiKey",
    inputType: "RevokeApiKeyInput",
    selection: "apiKey { id role revokedAt }",
    arrange: async (w) => {
      const keyId = await putKeyToRevoke(w, w.db);
      return { key: w.operator, input: { keyId }, otherInput: { keyId: `key_${ulid()}` } };
    },
    effects: async (w) => (await scanTable(w.db, "ApiKeys")).filter((i) => typeof i.revokedAt === "string").length,
  },
  {
    name: "registerWebhookEndpoint",
    inputType: "RegisterWebhookEndpointInput",
    // Not shownOnce: the key's record keeps the secret sealed, and every attempt with the key answers it.
    selection: "webhookEndpoint { id scope sellerId url eventTypes status version } signingSecret",
    arrange: async (w) => {
      await roomForEndpoint(w);
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, url: WEBHOOK_URL, eventTypes: ["ORDER_SHIPPED"] },
        otherInput: { sellerId: w.sellerId, url: "https://crm.example.com/hooks" },
      };
    },
    effects: async (w) => (await endpointItems(w)).length,
  },
  {
    name: "rotateWebhookSecret",
    inputType: "RotateWebhookSecretInput",
    // Not shownOnce: the key's record keeps the secret sealed, and every attempt with the key answers it.
    selection: "webhookEndpoint { id version secretOverlapEndsAt } signingSecret",
    arrange: async (w) => {
      const endpointId = await webhookEndpoint(w);
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, endpointId, overlapHours: 24 },
        otherInput: { sellerId: w.sellerId, endpointId, overlapHours: 0 },
      };
    },
    effects: endpointVersions,
  },
  {
    name: "disableWebhookEndpoint",
    inputType: "DisableWebhookEndpointInput",
    selection: "webhookEndpoint { id status disabledReason version }",
    arrange: async (w) => {
      const endpointId = await webhookEndpoint(w);
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, endpointId },
        otherInput: { sellerId: w.sellerId, endpointId, expectedVersion: 1 },
      };
    },
    effects: endpointVersions,
  },
  {
    name: "enableWebhookEndpoint",
    inputType: "EnableWebhookEndpointInput",
    selection: "webhookEndpoint { id status disabledReason version }",
    arrange: async (w) => {
      const endpointId = await webhookEndpoint(w, { disabled: true });
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, endpointId },
        otherInput: { sellerId: w.sellerId, endpointId, expectedVersion: 2 },
      };
    },
    effects: endpointVersions,
  },
  {
    name: "updateWebhookEndpoint",
    inputType: "UpdateWebhookEndpointInput",
    selection: "webhookEndpoint { id url eventTypes version }",
    arrange: async (w) => {
      const endpointId = await webhookEndpoint(w);
      return {
        key: w.partner,
        // Event types only: a new URL also drops the failing streak, a transaction (one-item-keys.test.ts).
        input: { sellerId: w.sellerId, endpointId, eventTypes: ["CASE_OPENED"] },
        otherInput: { sellerId: w.sellerId, endpointId, url: "https://erp.example.com/hooks/v2" },
      };
    },
    effects: endpointVersions,
  },
  {
    name: "deleteWebhookEndpoint",
    inputType: "DeleteWebhookEndpointInput",
    selection: "deletedEndpointId",
    arrange: async (w) => {
      // Room for both first: making room for the second must not delete the first.
      const endpointId = await webhookEndpoint(w, { room: 2 });
      // A second endpoint keeps the scope's counter above 1: a delete counted twice would show.
      await webhookEndpoint(w);
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, endpointId },
        otherInput: { sellerId: w.sellerId, endpointId, expectedVersion: 1 },
      };
    },
    effects: endpointsDeleted,
  },
  {
    name: "redeliverWebhookEvent",
    inputType: "RedeliverWebhookEventInput",
    selection: "delivery { id endpointId eventId status redelivery attemptCount }",
    arrange: async (w) => {
      const endpointId = await webhookEndpoint(w);
      const [eventId, otherEventId] = [await sellerEvent(w), await sellerEvent(w)];
      return {
        key: w.partner,
        input: { sellerId: w.sellerId, endpointId, eventId },
        otherInput: { sellerId: w.sellerId, endpointId, eventId: otherEventId },
      };
    },
    effects: async (w) => (await scanTable(w.db, "WebhookDeliveries")).filter((i) => i.logKey).length,
  },
];
