import { Events } from "@seller-ops/core";
import { EventsRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { ApiKeys } from "@seller-ops/db";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { HOUR, testEpoch } from "../support/clock";
import { buyerOpensCase, mutate, orderDue, world, type World } from "../support/world";

const EVENTS = `query($sellerId: ID, $filter: EventFilter, $first: Int, $after: String) {
  events(sellerId: $sellerId, filter: $filter, first: $first, after: $after) {
    edges { cursor node { id type sellerId objectType objectId objectVersion partId occurredAt actorKeyId payload } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Node = {
  id: string;
  type: string;
  sellerId: string | null;
  objectType: string;
  objectId: string;
  objectVersion: number;
  partId: string | null;
  occurredAt: string;
  actorKeyId: string;
  payload: Record<string, unknown>;
};

async function page(w: World, key: string, variables: Record<string, unknown> = {}) {
  const response = await graphql(w.api, EVENTS, { key, variables });
  return response.body;
}

/** Every event the reader has not seen, page after page, as a partner's catch-up loop does. */
async function catchUp(w: World, key: string, after: string | null, variables: Record<string, unknown> = {}) {
  const seen: Node[] = [];
  let cursor = after;
  for (;;) {
    const body = await page(w, key, { ...variables, first: 3, after: cursor });
    expect(body.errors).toBeUndefined();
    const connection = body.data.events;
    seen.push(...connection.edges.map((e: { node: Node }) => e.node));
    cursor = connection.pageInfo.endCursor ?? cursor;
    if (!connection.pageInfo.hasNextPage) return { seen, cursor };
  }
}

const later = (w: World, ms: number) => {
  w.now = new Date(w.now.getTime() + ms);
};

describe("the events query", () => {
  let w: World;
  beforeAll(async () => {
    w = await world(testEpoch());
  });

  it("records each change in its transaction, with the actor's key id and a compact payload", async () => {
    const order = await orderDue(w, 48);
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      {
        orderId: order.id,
        carrier: "Cainiao",
        trackingNumber: "LP00123",
      },
      "order { id }",
    );
    later(w, 2 * 60_000);
    const { seen } = await catchUp(w, w.partner, null, { sellerId: w.sellerId, filter: { objectId: order.id } });
    expect(seen.map((e) => [e.type, e.objectVersion])).toEqual([
      ["ORDER_IMPORTED", 1],
      ["ORDER_SHIPPED", 2],
    ]);
    const shipped = seen[1]!;
    expect(shipped).toMatchObject({ sellerId: w.sellerId, objectType: "ORDER", objectId: order.id, partId: null });
    expect(shipped.actorKeyId).toMatch(/^key_/);
    expect(shipped.payload).toMatchObject({ id: order.id, status: "SHIPPED", carrier: "Cainiao", version: 2 });
    expect(shipped.payload).not.toHaveProperty("items");
    expect(shipped.payload).not.toHaveProperty("availableActions");
  });

  it("serves nothing younger than the settle window, then serves it", async () => {
    const order = await orderDue(w, 48);
    const fresh = await catchUp(w, w.key, null, { filter: { objectId: order.id } });
    expect(fresh.seen).toEqual([]);
    later(w, 61_000);
    const settled = await catchUp(w, w.key, null, { filter: { objectId: order.id } });
    expect(settled.seen.map((e) => e.type)).toEqual(["ORDER_IMPORTED"]);
  });

  it("a reader offline for a day reads exactly what it missed, in order, even what committed late", async () => {
    later(w, 5 * 60_000);
    const start = await catchUp(w, w.partner, null, { sellerId: w.sellerId });
    const cursor = start.cursor;
    // A day passes: orders, a case, an offer; one event is committed late with an id of an earlier
    // instant (a slow writer), which the settle window must still let the reader see.
    const written: string[] = [];
    for (let hour = 0; hour < 24; hour += 6) {
      later(w, 6 * HOUR);
      const order = await orderDue(w, 48);
      written.push(`ORDER_IMPORTED:${order.id}`);
    }
    later(w, 1000);
    const caseOrder = await orderDue(w, 48);
    later(w, 1000);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: caseOrder.id, reason: "NOT_RECEIVED", source: "BUYER" },
      "case { id }",
    );
    written.push(`ORDER_IMPORTED:${caseOrder.id}`, `CASE_OPENED:${opened.case.id}`);
    // The slow writer attempted its transaction between the last two orders' writes.
    const slowAt = new Date(w.now.getTime() - 1500).toISOString();
    later(w, 20_000);
    // Read now, while the slow writer has not committed yet: nothing past the horizon is served.
    const early = await catchUp(w, w.partner, cursor, { sellerId: w.sellerId });
    const slow = EventsRepo.writesFor(w.db, {
      drafts: [
        Events.sellerEvent({
          seller: {
            id: w.sellerId,
            name: "x",
            settlementCurrency: "CNY",
            timeZone: "UTC",
            language: "en",
            version: 1,
            createdAt: slowAt,
            updatedAt: null,
          },
        }),
      ],
      occurredAt: slowAt,
      actorKeyId: "key_slow",
    });
    expect(await transactWrite(w.db.doc, slow.writes)).toEqual({ ok: true });
    later(w, 61_000);
    const rest = await catchUp(w, w.partner, early.cursor, { sellerId: w.sellerId });
    const all = [...early.seen, ...rest.seen];
    // In id order: the late-committed event sits before the case's events, which the reader would
    // have passed already if the window let them out while the slow writer was still running.
    const late = `SELLER_CREATED:${w.sellerId}`;
    expect(all.map((e) => `${e.type}:${e.objectId}`)).toEqual([...written.slice(0, 4), late, ...written.slice(4)]);
    expect(early.seen.map((e) => e.type)).toEqual(["ORDER_IMPORTED", "ORDER_IMPORTED", "ORDER_IMPORTED"]);
    const ids = all.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Caught up: the cursor it keeps serves nothing more.
    expect((await catchUp(w, w.partner, rest.cursor, { sellerId: w.sellerId })).seen).toEqual([]);
  });

  it("a call that finds nothing new hands back the cursor it was given: the reader keeps its place", async () => {
    const order = await orderDue(w, 48);
    later(w, 61_000);
    const vars = { sellerId: w.sellerId, filter: { objectId: order.id } };
    // docs/events.md: keep the last endCursor, start from it next time; nothing else.
    const first = (await page(w, w.partner, vars)).data.events;
    expect(first.edges.map((e: { node: Node }) => e.node.type)).toEqual(["ORDER_IMPORTED"]);
    later(w, HOUR);
    const quiet = await page(w, w.partner, { ...vars, after: first.pageInfo.endCursor });
    expect(quiet.errors).toBeUndefined();
    expect(quiet.data.events.edges).toEqual([]);
    expect(quiet.data.events.pageInfo).toEqual({ hasNextPage: false, endCursor: first.pageInfo.endCursor });
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00777" },
      "order { id }",
    );
    later(w, 61_000);
    const next = await page(w, w.partner, { ...vars, after: quiet.data.events.pageInfo.endCursor });
    expect(next.data.events.edges.map((e: { node: Node }) => e.node.type)).toEqual(["ORDER_SHIPPED"]);
  });

  it("takes a cursor back whatever the order or repeats of the types it was read with", async () => {
    const order = await orderDue(w, 48);
    later(w, 61_000);
    const filter = (types: string[]) => ({ types, objectId: order.id });
    const first = await page(w, w.key, { first: 1, filter: filter(["ORDER_IMPORTED", "ORDER_SHIPPED"]) });
    const cursor = first.data.events.pageInfo.endCursor;
    for (const types of [
      ["ORDER_SHIPPED", "ORDER_IMPORTED"],
      ["ORDER_IMPORTED", "ORDER_SHIPPED", "ORDER_IMPORTED"],
    ]) {
      const again = await page(w, w.key, { first: 1, after: cursor, filter: filter(types) });
      expect(again.errors, types.join()).toBeUndefined();
      expect(again.data.events.edges).toEqual([]);
    }
    // Another set of types is another list.
    const other = await page(w, w.key, { first: 1, after: cursor, filter: filter(["ORDER_IMPORTED"]) });
    expect(other.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("filters by type and time", async () => {
    const since = new Date(w.now.getTime()).toISOString();
    const opened = await buyerOpensCase(w);
    await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      {
        caseId: opened.caseId,
        direction: "SELLER",
        body: "We are on it: the parcel left today.",
      },
      "case { id }",
    );
    later(w, 61_000);
    const { seen } = await catchUp(w, w.key, null, { filter: { since, types: ["CASE_OPENED", "CASE_ANSWERED"] } });
    expect(seen.map((e) => e.type)).toEqual(["CASE_OPENED", "CASE_ANSWERED"]);
    expect(JSON.stringify(seen)).not.toContain("the parcel left today");
    const before = await catchUp(w, w.key, null, { filter: { until: since, objectId: opened.caseId } });
    expect(before.seen).toEqual([]);
  });

  it("a refused mutation records no event", async () => {
    const order = await orderDue(w, 48);
    const refused = await mutate(
      w,
      w.key,
      "markOrderDelivered",
      "MarkOrderDeliveredInput",
      {
        orderId: order.id,
        expectedVersion: 7,
      },
      "order { id }",
    );
    expect(refused.userErrors.length).toBeGreaterThan(0);
    later(w, 61_000);
    const { seen } = await catchUp(w, w.key, null, { filter: { objectId: order.id } });
    expect(seen.map((e) => e.type)).toEqual(["ORDER_IMPORTED"]);
  });

  it("is isolated per seller like every list; operator-level events reach operators only", async () => {
    const createdAt = w.now.toISOString();
    const otherSeller = `seller_${ulid()}`;
    const otherPartner = `partner_${ulid()}`;
    await ApiKeys.putApiKey(w.db, otherSeller, {
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "other",
      sellerId: "sel_other",
      createdAt,
    });
    await ApiKeys.putApiKey(w.db, otherPartner, {
      role: "PARTNER",
      keyId: `key_${ulid()}`,
      label: "other partner",
      sellerIds: ["sel_other"],
      access: "READ",
      createdAt,
    });
    const foreign = await page(w, otherSeller, { sellerId: w.sellerId });
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const partnerOther = await page(w, otherPartner, { sellerId: w.sellerId });
    expect(partnerOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // A seller key without `sellerId` reads its own seller: none of this seller's events.
    const own = await catchUp(w, otherSeller, null, {});
    expect(own.seen).toEqual([]);
    const created = await mutate(
      w,
      w.operator,
      "createApiKey",
      "CreateApiKeyInput",
      {
        role: "SELLER",
        sellerId: w.sellerId,
        label: "till",
      },
      "apiKey { id }",
    );
    await mutate(w, w.operator, "revokeApiKey", "RevokeApiKeyInput", { keyId: created.apiKey.id }, "apiKey { id }");
    later(w, 61_000);
    const operators = await catchUp(w, w.operator, null, { filter: { objectId: created.apiKey.id } });
    expect(operators.seen.map((e) => [e.type, e.sellerId, e.objectVersion])).toEqual([
      ["API_KEY_CREATED", null, 1],
      ["API_KEY_REVOKED", null, 2],
    ]);
    const sellers = await catchUp(w, w.key, null, { filter: { objectId: created.apiKey.id } });
    expect(sellers.seen).toEqual([]);
    const marketplace = await catchUp(w, w.marketplace, null, {
      sellerId: w.sellerId,
      filter: { types: ["API_KEY_REVOKED"] },
    });
    expect(marketplace.seen).toEqual([]);
    const operatorForSeller = await catchUp(w, w.operator, null, {
      sellerId: w.sellerId,
      filter: { types: ["CASE_OPENED"] },
    });
    expect(operatorForSeller.seen.length).toBeGreaterThan(0);
    expect(operatorForSeller.seen.every((e) => e.sellerId === w.sellerId)).toBe(true);
  });

  it("bounds the page size and refuses a cursor of another list", async () => {
    const tooBig = await page(w, w.key, { first: 101 });
    expect(tooBig.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const first = await page(w, w.key, { first: 1 });
    const cursor = first.data.events.pageInfo.endCursor;
    const other = await page(w, w.key, { first: 1, after: cursor, filter: { types: ["ORDER_LATE"] } });
    expect(other.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("events of the jobs", () => {
  it("the late-order job records ORDER_AT_RISK, then ORDER_LATE with its case's CASE_OPENED", async () => {
    const w = await world(testEpoch());
    const order = await orderDue(w, 10);
    later(w, 1 * HOUR);
    await w.lateOrders();
    later(w, 10 * HOUR);
    await w.lateOrders();
    later(w, 61_000);
    const { seen } = await catchUp(w, w.key, null, {});
    expect(seen.map((e) => [e.type, e.actorKeyId])).toEqual([
      ["ORDER_IMPORTED", expect.stringMatching(/^key_/)],
      ["ORDER_AT_RISK", "job:late-orders"],
      ["ORDER_LATE", "job:late-orders"],
      ["CASE_OPENED", "job:late-orders"],
    ]);
    expect(seen[2]!.objectId).toBe(order.id);
  });
});
