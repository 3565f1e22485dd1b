import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Events, type Order } from "@seller-ops/core";
import { EventsRepo, transactWrite, type Db } from "@seller-ops/db";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { testEpoch } from "../support/clock";
import { isolatedTables } from "../support/isolated";

const order: Order = {
  id: "ord-1",
  sellerId: "seller-1",
  marketplaceOrderId: "MP-1",
  status: "CANCELLED",
  items: [{ sku: "SKU", title: "A title a buyer reads", quantity: 1 }],
  buyerTotal: { amountMinor: 2500, currency: "EUR" },
  settlementAmount: { amountMinor: 2400, currency: "USD" },
  buyerCountry: "DE",
  placedAt: "2026-01-01T00:00:00.000Z",
  handlingDays: 2,
  shipBy: "2026-01-03T00:00:00.000Z",
  shippedAt: null,
  carrier: null,
  trackingNumber: null,
  trackingInvalidAt: null,
  expedited: false,
  expeditedAt: null,
  deliveredAt: null,
  cancelledAt: "2026-01-02T00:00:00.000Z",
  cancelReason: "OUT_OF_STOCK",
  cancelledBy: "SELLER",
  cancelNote: "private words about the buyer",
  incidents: [],
  refundedMinor: 0,
  compensatedMinor: 0,
  heldForReturns: {},
  openCaseIds: [],
  openBuyerCaseIds: [],
  openBuyerCaseReasons: {},
  buyerDisputed: false,
  openPlatformCaseIds: [],
  casesOpened: {},
  lateShipmentCaseId: null,
  delayRemedies: {
    sellerContactedAt: null,
    compensationAcceptedAt: null,
    supportTicketAt: null,
    offersAwaitingBuyer: [],
  },
  shipmentDeclaredAt: null,
  atRiskFlaggedAt: null,
  lateFlaggedAt: null,
  nextCheckAt: null,
  version: 3,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-02T00:00:00.000Z",
};

describe("event payloads", () => {
  it("are the object's own scalars: no nested lists, no free text, no bookkeeping", () => {
    const payload = Events.orderEvent({ type: "ORDER_CANCELLED", order }).payload;
    expect(payload).toMatchObject({ id: "ord-1", status: "CANCELLED", version: 3, cancelReason: "OUT_OF_STOCK" });
    expect(payload).not.toHaveProperty("items");
    expect(payload).not.toHaveProperty("incidents");
    expect(payload).not.toHaveProperty("cancelNote");
    expect(payload).not.toHaveProperty("nextCheckAt");
    expect(JSON.stringify(payload)).not.toContain("private words");
  });

  it("keep money amounts and stay under 4 KB with every id at its longest", () => {
    const long = "x".repeat(200);
    const big = {
      ...order,
      id: long,
      sellerId: long,
      marketplaceOrderId: long,
      buyerTotal: { amountMinor: 1234, currency: "EUR" },
    };
    const payload = Events.orderEvent({ type: "ORDER_IMPORTED", order: big as Order }).payload;
    expect(payload.buyerTotal).toEqual({ amountMinor: 1234, currency: "EUR" });
    expect(Events.payloadBytes(payload)).toBeLessThanOrEqual(Events.MAX_PAYLOAD_BYTES);
    expect(payload).not.toHaveProperty("truncated");
  });

  it("are cut to the identity fields when a snapshot would pass the cap", () => {
    const huge = { ...order, carrier: "c".repeat(5000) };
    const payload = Events.orderEvent({ type: "ORDER_SHIPPED", order: huge as Order }).payload;
    expect(payload).toEqual({ id: "ord-1", sellerId: "seller-1", status: "CANCELLED", version: 3, truncated: true });
    expect(Events.payloadBytes(payload)).toBeLessThanOrEqual(Events.MAX_PAYLOAD_BYTES);
  });
});

describe("the Events table", () => {
  let db: Db;
  beforeAll(async () => {
    db = await isolatedTables("events");
  });

  it("is created with a NEW_IMAGE stream and the TTL attribute", async () => {
    const client = new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const described = await client.send(new DescribeTableCommand({ TableName: db.tables.Events }));
    client.destroy();
    expect(described.Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_IMAGE" });
    expect(described.Table?.LatestStreamArn).toBeTruthy();
  });

  it("stores a record and reads it back; operator-level events have no seller", async () => {
    const at = testEpoch().toISOString();
    const sellerEvent = Events.record({
      draft: Events.orderEvent({ type: "ORDER_CANCELLED", order }),
      eventId: ulid(Date.parse(at)),
      occurredAt: at,
      actorKeyId: "key_1",
    });
    const keyEvent = Events.record({
      draft: Events.apiKeyEvent({
        type: "API_KEY_REVOKED",
        key: { keyId: "key_2", role: "PARTNER", createdAt: at, revokedAt: at },
      }),
      eventId: ulid(Date.parse(at)),
      occurredAt: at,
      actorKeyId: "key_op",
    });
    expect(await transactWrite(db.doc, [EventsRepo.put(db, sellerEvent), EventsRepo.put(db, keyEvent)])).toEqual({
      ok: true,
    });
    const item = EventsRepo.toItem(keyEvent);
    expect(item).toMatchObject({ pk: "OPERATORS", sk: `EVENT#${keyEvent.eventId}`, shape: 1 });
    expect(item).not.toHaveProperty("sellerId");
    expect(item.expiresAtEpoch).toBe(Math.floor(Date.parse(at) / 1000) + 30 * 24 * 3600);

    const window = { fromMs: Date.parse(at) - 1000, toMs: Date.parse(at) + 1000 };
    const sellers = await EventsRepo.listPage(db, { sellerId: "seller-1", ...window }, { first: 10, after: null });
    expect(sellers.items.map((i) => i.item)).toEqual([sellerEvent]);
    const operators = await EventsRepo.listPage(db, { sellerId: null, ...window }, { first: 10, after: null });
    expect(operators.items.map((i) => i.item)).toEqual([keyEvent]);
    expect(keyEvent.sellerId).toBeNull();
  });
});
