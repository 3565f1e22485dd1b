import { beforeAll, describe, expect, it } from "vitest";
import { ApiKeys, createDocumentClient, SellersRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { mutate, orderDue, world, type World } from "../support/world";

/**
 * What a partner tool needs to find its way without paging through everything: an order by the
 * marketplace's own id, the orders and cases changed since its last visit, and who its key is.
 * Each lookup is counted in DynamoDB requests through a client that records them.
 */

interface Sent {
  command: string;
  input: Record<string, any>;
  scanned?: number;
}

/** A client on the same tables that records every request it sends, with what each Query read. */
function recording(db: Db): { db: Db; sent: Sent[] } {
  const doc = createDocumentClient();
  const sent: Sent[] = [];
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const entry: Sent = { command: String(context.commandName), input: args.input as Record<string, any> };
      sent.push(entry);
      const result = await next(args);
      const output = result.output as { ScannedCount?: number };
      if (typeof output.ScannedCount === "number") entry.scanned = output.ScannedCount;
      return result;
    },
    { step: "initialize", name: "requestRecorder" },
  );
  return { db: { doc, tables: db.tables }, sent };
}

const code = (response: Awaited<ReturnType<typeof graphql>>) => response.body.errors?.[0]?.extensions?.code;

describe("order by the marketplace's order id", () => {
  let w: World;
  let order: { id: string; marketplaceOrderId: string };
  let other: { sellerId: string; key: string };

  beforeAll(async () => {
    w = await world();
    order = await orderDue(w, 48);
    other = { sellerId: `sel_${ulid()}`, key: `other_${ulid()}` };
    await SellersRepo.putSellerIfAbsent(w.db, {
      id: other.sellerId,
      name: "Other",
      settlementCurrency: "CNY",
      timeZone: "UTC",
      createdAt: w.now.toISOString(),
    });
    await ApiKeys.putApiKey(w.db, other.key, {
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "other",
      sellerId: other.sellerId,
      createdAt: w.now.toISOString(),
    });
  }, 60_000);

  const byMarketplaceId = `query($m: String, $s: ID) {
    order(marketplaceOrderId: $m, sellerId: $s) { id marketplaceOrderId sellerId } }`;

  it("a seller key finds its order in three requests: its key, the guard item, the order; no Query", async () => {
    const { db, sent } = recording(w.db);
    const api = createGraphqlHandler({ db, clock: () => w.now });
    const response = await graphql(api, byMarketplaceId, { key: w.key, variables: { m: order.marketplaceOrderId } });
    expect(response.body.data.order).toEqual({
      id: order.id,
      marketplaceOrderId: order.marketplaceOrderId,
      sellerId: w.sellerId,
    });
    expect(sent.map((s) => s.command)).toEqual(["GetItemCommand", "GetItemCommand", "BatchGetItemCommand"]);
    expect(sent[1]!.input.Key).toEqual({
      pk: `MARKETPLACE_ORDER#${w.sellerId}#${order.marketplaceOrderId}`,
      sk: "GUARD",
    });
    // A read-only lookup takes the eventually consistent read (half the cost of createOrder's).
    expect(sent[1]!.input.ConsistentRead).toBe(false);
  });

  it("a partner names the seller: without it BAD_USER_INPUT, an ungranted one FORBIDDEN", async () => {
    const found = await graphql(w.api, byMarketplaceId, {
      key: w.partner,
      variables: { m: order.marketplaceOrderId, s: w.sellerId },
    });
    expect(found.body.data.order.id).toBe(order.id);
    const unnamed = await graphql(w.api, byMarketplaceId, {
      key: w.partner,
      variables: { m: order.marketplaceOrderId },
    });
    expect(code(unnamed)).toBe("BAD_USER_INPUT");
    const ungranted = await graphql(w.api, byMarketplaceId, {
      key: w.partner,
      variables: { m: order.marketplaceOrderId, s: other.sellerId },
    });
    expect(code(ungranted)).toBe("FORBIDDEN");
  });

  it("the same marketplace id under another seller is that seller's, so another seller sees null", async () => {
    const response = await graphql(w.api, byMarketplaceId, {
      key: other.key,
      variables: { m: order.marketplaceOrderId },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ order: null });
    const unknown = await graphql(w.api, byMarketplaceId, { key: w.key, variables: { m: `AE-${ulid()}` } });
    expect(unknown.body.data).toEqual({ order: null });
    const tooLong = await graphql(w.api, byMarketplaceId, { key: w.key, variables: { m: "A".repeat(65) } });
    expect(tooLong.body.data).toEqual({ order: null });
  });

  it("reads the id as createOrder stores it: spaces pasted around it are trimmed, as on the way in", async () => {
    const found = async (m: string) =>
      (await graphql(w.api, byMarketplaceId, { key: w.key, variables: { m } })).body.data.order?.id ?? null;
    expect(await found(`${order.marketplaceOrderId} `)).toBe(order.id);
    expect(await found(`  ${order.marketplaceOrderId}`)).toBe(order.id);
    // The longest id createOrder takes, pasted with a space: still that id, not one too long to exist.
    const longest = await orderDue(w, 48, { marketplaceOrderId: `AE-${ulid()}`.padEnd(64, "0") });
    expect(longest.marketplaceOrderId).toHaveLength(64);
    expect(await found(`${longest.marketplaceOrderId} `)).toBe(longest.id);
    // What createOrder refuses names no order.
    expect(await found("   ")).toBeNull();
  });

  it("takes exactly one of id and marketplaceOrderId, and sellerId only with marketplaceOrderId", async () => {
    const both = await graphql(
      w.api,
      `{ order(id: "${order.id}", marketplaceOrderId: "${order.marketplaceOrderId}") { id } }`,
      { key: w.key },
    );
    expect(code(both)).toBe("BAD_USER_INPUT");
    expect(code(await graphql(w.api, `{ order { id } }`, { key: w.key }))).toBe("BAD_USER_INPUT");
    const idWithSeller = await graphql(w.api, `{ order(id: "${order.id}", sellerId: "${w.sellerId}") { id } }`, {
      key: w.partner,
    });
    expect(code(idWithSeller)).toBe("BAD_USER_INPUT");
    expect((await graphql(w.api, `{ order(id: "${order.id}") { id } }`, { key: w.key })).body.data.order.id).toBe(
      order.id,
    );
  });
});

describe("updatedSince on the order and case lists", () => {
  let w: World;
  let orders: { id: string; marketplaceOrderId: string }[];
  let start: string;
  let caseId: string;

  beforeAll(async () => {
    w = await world();
    start = w.now.toISOString();
    orders = [];
    for (let i = 0; i < 4; i++) orders.push(await orderDue(w, 72 + i));
    // An hour later the second order ships; two hours later the fourth is cancelled and a buyer
    // opens a case on the first.
    w.now = new Date(w.now.getTime() + HOUR);
    const shipped = await mutate(
      w,
      w.partner,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: orders[1]!.id, carrier: "DHL", trackingNumber: "JD0001" },
      "order { id }",
    );
    expect(shipped.userErrors).toEqual([]);
    w.now = new Date(w.now.getTime() + HOUR);
    const cancelled = await mutate(
      w,
      w.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: orders[3]!.id, reason: "OUT_OF_STOCK" },
      "order { id }",
    );
    expect(cancelled.userErrors).toEqual([]);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: orders[0]!.id, reason: "DAMAGED", source: "BUYER" },
      "case { id }",
    );
    expect(opened.userErrors).toEqual([]);
    caseId = opened.case.id;
  }, 60_000);

  const changedOrders = `query($s: ID, $f: OrderFilter, $after: String, $first: Int) {
    orders(sellerId: $s, filter: $f, first: $first, after: $after) {
      edges { node { id status updatedAt } } pageInfo { hasNextPage endCursor } } }`;
  /**
   * The orders changed after the start, in change order: the shipped one, then the two changed at
   * the same instant (cancelled; a case opened), in no defined order between them (DynamoDB does
   * not order an index's equal keys), so each run of equal `updatedAt` is compared sorted by id.
   */
  const changedInOrder = () => [orders[1]!.id, ...[orders[3]!.id, orders[0]!.id].sort()];
  const ids = (edges: any[]) => {
    const times = edges.map((e) => e.node.updatedAt);
    expect(times).toEqual([...times].sort());
    const key = (e: any) => `${e.node.updatedAt} ${e.node.id}`;
    return [...edges].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((e) => e.node.id);
  };
  const at = (hours: number) => new Date(new Date(start).getTime() + hours * HOUR).toISOString();

  it("lists only the orders changed since, oldest change first, in one Query that reads nothing else", async () => {
    const { db, sent } = recording(w.db);
    const api = createGraphqlHandler({ db, clock: () => w.now });
    const response = await graphql(api, changedOrders, {
      key: w.partner,
      variables: { s: w.sellerId, f: { updatedSince: at(0.5) } },
    });
    expect(response.body.errors).toBeUndefined();
    // The first order changed too: opening its case wrote the order's open-case list.
    expect(ids(response.body.data.orders.edges)).toEqual(changedInOrder());
    const queries = sent.filter((s) => s.command === "QueryCommand");
    expect(queries).toHaveLength(1);
    expect(queries[0]!.input).toMatchObject({ IndexName: "ordersBySellerUpdatedAt", ScanIndexForward: true });
    expect(queries[0]!.input.FilterExpression).toBeUndefined();
    expect(queries[0]!.scanned).toBe(3);
    expect(sent.some((s) => s.command === "ScanCommand")).toBe(false);
  });

  it("includes a change exactly at the instant (a tool resumes from the last updatedAt it read)", async () => {
    const all = await graphql(w.api, changedOrders, { key: w.key, variables: { f: { updatedSince: start } } });
    expect(all.body.data.orders.edges).toHaveLength(4);
    const last = all.body.data.orders.edges.at(-1).node;
    const again = await graphql(w.api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: last.updatedAt } },
    });
    // Two orders changed at that very instant (the cancellation and the case's open-case list): both come again.
    const sameInstant = all.body.data.orders.edges.filter((e: any) => e.node.updatedAt === last.updatedAt);
    expect(ids(sameInstant)).toEqual(changedInOrder().slice(1));
    expect(ids(again.body.data.orders.edges)).toEqual(changedInOrder().slice(1));
    const none = await graphql(w.api, changedOrders, { key: w.key, variables: { f: { updatedSince: at(3) } } });
    expect(none.body.data.orders.edges).toEqual([]);
  });

  it("combines with other filters inside the changed range only; pages with a cursor bound to it", async () => {
    const { db, sent } = recording(w.db);
    const api = createGraphqlHandler({ db, clock: () => w.now });
    const shipped = await graphql(api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: at(0.5), status: "SHIPPED" } },
    });
    expect(shipped.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([orders[1]!.id]);
    const query = sent.find((s) => s.command === "QueryCommand")!;
    expect(query.input.IndexName).toBe("ordersBySellerUpdatedAt");
    expect(query.scanned).toBe(3); // the changed range, never the seller's whole partition (4 orders)

    const first = await graphql(w.api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: at(0.5) }, first: 2 },
    });
    expect(first.body.data.orders.pageInfo.hasNextPage).toBe(true);
    const cursor = first.body.data.orders.pageInfo.endCursor;
    const second = await graphql(w.api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: at(0.5) }, first: 2, after: cursor },
    });
    expect(ids([...first.body.data.orders.edges, ...second.body.data.orders.edges])).toEqual(changedInOrder());
    const otherFilter = await graphql(w.api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: at(1.5) }, first: 2, after: cursor },
    });
    expect(code(otherFilter)).toBe("BAD_USER_INPUT");
  });

  it("late and at-risk filters hold inside the changed range as they do elsewhere", async () => {
    w.now = new Date(new Date(start).getTime() + 75 * HOUR); // orders 0 and 2 (72 h and 74 h) are now late, unshipped
    try {
      const late = await graphql(w.api, changedOrders, {
        key: w.key,
        variables: { f: { updatedSince: start, late: true } },
      });
      expect(late.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([orders[2]!.id, orders[0]!.id]);
      const notLate = await graphql(w.api, changedOrders, {
        key: w.key,
        variables: { f: { updatedSince: start, late: false } },
      });
      expect(notLate.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([orders[1]!.id, orders[3]!.id]);
      const before = await graphql(w.api, changedOrders, {
        key: w.key,
        variables: { f: { updatedSince: start, shipByBefore: at(73.5) } },
      });
      expect(before.body.data.orders.edges.map((e: any) => e.node.id).sort()).toEqual(
        [orders[0]!.id, orders[1]!.id].sort(),
      );
    } finally {
      w.now = new Date(new Date(start).getTime() + 2 * HOUR);
    }
  });

  it("cases changed since come from their own index, oldest change first; a message moves a case", async () => {
    const changedCases = `query($s: ID, $f: CaseFilter) {
      cases(sellerId: $s, filter: $f) { edges { node { id status updatedAt } } } }`;
    const { db, sent } = recording(w.db);
    const api = createGraphqlHandler({ db, clock: () => w.now });
    const since = at(1.5);
    const before = await graphql(api, changedCases, {
      key: w.partner,
      variables: { s: w.sellerId, f: { updatedSince: since } },
    });
    expect(before.body.data.cases.edges.map((e: any) => e.node.id)).toEqual([caseId]);
    const query = sent.find((s) => s.command === "QueryCommand")!;
    expect(query.input).toMatchObject({ IndexName: "casesBySellerUpdatedAt", ScanIndexForward: true });
    expect(query.scanned).toBe(1);

    w.now = new Date(w.now.getTime() + HOUR);
    const posted = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry, a new one ships today." },
      "case { id }",
    );
    expect(posted.userErrors).toEqual([]);
    const after = await graphql(w.api, changedCases, {
      key: w.key,
      variables: { f: { updatedSince: w.now.toISOString() } },
    });
    expect(after.body.data.cases.edges.map((e: any) => [e.node.id, e.node.updatedAt])).toEqual([
      [caseId, w.now.toISOString()],
    ]);
    const byStatus = await graphql(w.api, changedCases, {
      key: w.key,
      variables: { f: { updatedSince: since, status: "AWAITING_SELLER" } },
    });
    expect(byStatus.body.data.cases.edges).toEqual([]);
    const byOrder = await graphql(w.api, changedCases, {
      key: w.key,
      variables: { f: { updatedSince: at(10), orderId: orders[0]!.id } },
    });
    expect(byOrder.body.data.cases.edges).toEqual([]);
    const byOrderEarlier = await graphql(w.api, changedCases, {
      key: w.key,
      variables: { f: { updatedSince: since, orderId: orders[0]!.id } },
    });
    expect(byOrderEarlier.body.data.cases.edges.map((e: any) => e.node.id)).toEqual([caseId]);
  });

  it("a bad instant is BAD_USER_INPUT naming the filter", async () => {
    const response = await graphql(w.api, changedOrders, {
      key: w.key,
      variables: { f: { updatedSince: "2026-02-30T00:00:00Z" } },
    });
    expect(code(response)).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toContain("updatedSince");
  });
});

describe("viewer", () => {
  let w: World;
  let readOnly: string;
  beforeAll(async () => {
    w = await world();
    readOnly = `ro_${ulid()}`;
    await ApiKeys.putApiKey(w.db, readOnly, {
      role: "PARTNER",
      keyId: `key_ro_${ulid()}`,
      label: "read-only",
      sellerIds: [w.sellerId],
      access: "READ",
      createdAt: w.now.toISOString(),
    });
  }, 60_000);

  const viewer = `{ viewer { role credential keyId sellerId sellerIds allSellers partnerAccess
    access { read actsAsSeller actsForBuyer operates caseActors } } }`;
  const keyIdOf = async (secret: string) => (await ApiKeys.principalForSecret(w.db, secret))!.principalId;

  it("tells every kind of credential who it is and what it may do, and never a secret", async () => {
    const answers: Record<string, unknown> = {};
    for (const [name, key] of Object.entries({
      seller: w.key,
      partner: w.partner,
      readOnly,
      marketplace: w.marketplace,
      operator: w.operator,
    })) {
      const response = await graphql(w.api, viewer, { key });
      expect(response.body.errors).toBeUndefined();
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(key);
      expect(text).not.toContain(ApiKeys.hashSecret(key));
      answers[name] = response.body.data.viewer;
    }
    const access = (actsAsSeller: boolean, actsForBuyer: boolean, operates: boolean, caseActors: string[]) => ({
      read: true,
      actsAsSeller,
      actsForBuyer,
      operates,
      caseActors,
    });
    expect(answers).toEqual({
      seller: {
        role: "SELLER",
        credential: "API_KEY",
        keyId: await keyIdOf(w.key),
        sellerId: w.sellerId,
        sellerIds: [w.sellerId],
        allSellers: false,
        partnerAccess: null,
        access: access(true, false, false, ["SELLER"]),
      },
      partner: {
        role: "PARTNER",
        credential: "API_KEY",
        keyId: await keyIdOf(w.partner),
        sellerId: null,
        sellerIds: [w.sellerId],
        allSellers: false,
        partnerAccess: "READ_WRITE",
        access: access(true, false, false, ["SELLER"]),
      },
      readOnly: {
        role: "PARTNER",
        credential: "API_KEY",
        keyId: await keyIdOf(readOnly),
        sellerId: null,
        sellerIds: [w.sellerId],
        allSellers: false,
        partnerAccess: "READ",
        access: access(false, false, false, []),
      },
      marketplace: {
        role: "MARKETPLACE",
        credential: "API_KEY",
        keyId: await keyIdOf(w.marketplace),
        sellerId: null,
        sellerIds: [w.sellerId],
        allSellers: false,
        partnerAccess: null,
        access: access(false, true, false, ["BUYER", "PLATFORM"]),
      },
      operator: {
        role: "OPERATOR",
        credential: "API_KEY",
        keyId: await keyIdOf(w.operator),
        sellerId: null,
        sellerIds: [],
        allSellers: true,
        partnerAccess: null,
        access: access(false, false, true, ["PLATFORM", "OPERATOR"]),
      },
    });
  });

  it("a frontend token is a TOKEN with no key id; without a credential the answer is UNAUTHENTICATED", async () => {
    const { httpEvent, lambdaContext } = await import("../support/events");
    const event = httpEvent({
      body: JSON.stringify({ query: viewer }),
      headers: { "content-type": "application/json" },
    });
    const withClaims = {
      ...event,
      requestContext: {
        ...event.requestContext,
        authorizer: { jwt: { claims: { sub: "user-1", "custom:seller_id": w.sellerId }, scopes: null } },
      },
    };
    const result = await w.api(withClaims as typeof event, lambdaContext());
    const body = JSON.parse(result.body ?? "{}");
    expect(body.data.viewer).toMatchObject({
      role: "SELLER",
      credential: "TOKEN",
      keyId: null,
      sellerId: w.sellerId,
      sellerIds: [w.sellerId],
    });
    expect(code(await graphql(w.api, viewer, { key: null }))).toBe("UNAUTHENTICATED");
  });

  it("costs one request: the credential's own lookup", async () => {
    const { db, sent } = recording(w.db);
    const api = createGraphqlHandler({ db, clock: () => w.now });
    await graphql(api, viewer, { key: w.partner });
    expect(sent.map((s) => s.command)).toEqual(["GetItemCommand"]);
  });
});
