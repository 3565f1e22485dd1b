import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LOCAL_CURSOR_SECRET } from "@seller-ops/api/src/config";
import { createGraphqlHandler, handler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { HOUR, testEpoch } from "../support/clock";
import { makeSeller, orderInput, scanWhere } from "../support/fixtures";

const ORDER_FIELDS = `id sellerId marketplaceOrderId status shipBy late atRisk timeLeftSeconds shippedLate version
  placedAt handlingDays carrier trackingNumber shippedAt
  buyerTotal { amountMinor currency formatted } settlementAmount { amountMinor currency formatted }
  items { sku title quantity unitPrice { amountMinor currency } }`;

const CREATE = `mutation Create($input: CreateOrderInput!) {
  createOrder(input: $input) { order { ${ORDER_FIELDS} } userErrors { field message code } }
}`;
const SHIP = `mutation Ship($input: MarkOrderShippedInput!) {
  markOrderShipped(input: $input) { order { ${ORDER_FIELDS} } userErrors { field message code } }
}`;
const GET = `query Get($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const LIST = `query List($first: Int, $after: String, $filter: OrderFilter, $orderBy: OrderSort) {
  orders(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id marketplaceOrderId shipBy status late atRisk } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function createOrder(key: string, input: Record<string, unknown>, h = handler) {
  const response = await graphql(h, CREATE, { key, variables: { input } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.createOrder as {
    order: any;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
}

async function ordersOf(sellerId: string) {
  return scanWhere("Orders", (item) => item.sellerId === sellerId);
}

describe("orders end to end through the Lambda handler", () => {
  it("creates an order with shipBy derived from the handling time, reads it back, lists it and ships it", async () => {
    const { seller, key } = await makeSeller();
    const placedAt = "2026-11-20T08:00:00+08:00";
    const created = await createOrder(key, orderInput({ placedAt, handlingDays: 3 }));
    expect(created.userErrors).toEqual([]);
    const order = created.order;
    expect(order.sellerId).toBe(seller.id);
    expect(order.status).toBe("AWAITING_SHIPMENT");
    expect(order.placedAt).toBe("2026-11-20T00:00:00.000Z");
    expect(order.shipBy).toBe("2026-11-23T00:00:00.000Z");
    expect(order.buyerTotal).toEqual({ amountMinor: 2500, currency: "USD", formatted: "$25.00" });
    expect(order.settlementAmount.formatted).toBe("CN¥160.00");
    expect(order.version).toBe(1);

    const read = await graphql(handler, GET, { key, variables: { id: order.id } });
    // Everything but the time left, which moves with the clock between the two requests.
    expect({ ...read.body.data.order, timeLeftSeconds: 0 }).toEqual({ ...order, timeLeftSeconds: 0 });

    const list = await graphql(handler, LIST, { key, variables: { first: 10 } });
    expect(list.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([order.id]);

    const shipped = await graphql(handler, SHIP, {
      key,
      variables: {
        input: { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456789CN", expectedVersion: 1 },
      },
    });
    expect(shipped.body.data.markOrderShipped.userErrors).toEqual([]);
    expect(shipped.body.data.markOrderShipped.order).toMatchObject({
      status: "SHIPPED",
      carrier: "Cainiao",
      trackingNumber: "LP00123456789CN",
      version: 2,
      late: false,
      timeLeftSeconds: null,
    });
    const again = await graphql(handler, SHIP, {
      key,
      variables: { input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD0000000001" } },
    });
    expect(again.body.data.markOrderShipped.order).toBeNull();
    expect(again.body.data.markOrderShipped.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_TRANSITION", message: expect.stringContaining("SHIPPED") }),
    ]);
    const [stored] = await ordersOf(seller.id);
    expect(stored).toMatchObject({ status: "SHIPPED", carrier: "Cainiao", version: 2 });
    // Shipped orders leave the late-order job's sparse index.
    expect(stored!.nextCheckAt).toBeUndefined();
    expect(stored!.checkShard).toBeUndefined();
  });

  it("accepts an explicit shipBy and derives late / at risk from the clock at read time", async () => {
    let now = new Date("2026-11-26T10:00:00.000Z");
    const h = createGraphqlHandler({ clock: () => now });
    const { key } = await makeSeller();
    const created = await createOrder(
      key,
      orderInput({ placedAt: "2026-11-25T10:00:00Z", handlingDays: null, shipBy: "2026-11-27T00:00:00Z" }),
      h,
    );
    expect(created.order).toMatchObject({
      shipBy: "2026-11-27T00:00:00.000Z",
      handlingDays: null,
      late: false,
      atRisk: true,
    });
    expect(created.order.timeLeftSeconds).toBe(14 * 3600);

    now = new Date("2026-11-27T02:00:00.000Z");
    const read = await graphql(h, GET, { key, variables: { id: created.order.id } });
    expect(read.body.data.order).toMatchObject({ late: true, atRisk: false, timeLeftSeconds: -2 * 3600 });
    // Whole seconds rounded down: negative from the first instant the order is late, 0 at shipBy itself.
    const at = async (iso: string) => {
      now = new Date(iso);
      return (await graphql(h, GET, { key, variables: { id: created.order.id } })).body.data.order;
    };
    expect(await at("2026-11-27T00:00:00.400Z")).toMatchObject({ late: true, timeLeftSeconds: -1 });
    expect(await at("2026-11-27T00:00:00.000Z")).toMatchObject({ late: false, timeLeftSeconds: 0 });
    expect(await at("2026-11-26T23:59:59.600Z")).toMatchObject({ late: false, timeLeftSeconds: 0 });
  });

  it("filters by status, late, at risk and shipByBefore from indexes", async () => {
    const now = new Date("2026-11-26T12:00:00.000Z");
    const h = createGraphqlHandler({ clock: () => now });
    const { key } = await makeSeller();
    const make = async (name: string, shipBy: string) =>
      (
        await createOrder(
          key,
          orderInput({ marketplaceOrderId: name, placedAt: "2026-11-20T00:00:00Z", handlingDays: null, shipBy }),
          h,
        )
      ).order.id as string;
    const late = await make("late", "2026-11-25T00:00:00Z");
    const atRisk = await make("at-risk", "2026-11-27T00:00:00Z");
    const later = await make("later", "2026-11-30T00:00:00Z");
    const shipped = await make("shipped", "2026-11-24T00:00:00Z");
    await graphql(h, SHIP, {
      key,
      variables: { input: { orderId: shipped, carrier: "DHL", trackingNumber: "JD12345678" } },
    });

    const ids = async (filter: Record<string, unknown>, orderBy = "SHIP_BY_ASC") => {
      const response = await graphql(h, LIST, { key, variables: { first: 50, filter, orderBy } });
      expect(response.body.errors, JSON.stringify(filter)).toBeUndefined();
      return response.body.data.orders.edges.map((e: any) => e.node.id);
    };

    expect(await ids({})).toEqual([shipped, late, atRisk, later]);
    expect(await ids({}, "SHIP_BY_DESC")).toEqual([later, atRisk, late, shipped]);
    expect(await ids({ late: true })).toEqual([late]);
    expect(await ids({ atRisk: true })).toEqual([atRisk]);
    expect(await ids({ late: true, atRisk: true })).toEqual([]);
    expect(await ids({ late: false })).toEqual([shipped, atRisk, later]);
    expect(await ids({ late: false, atRisk: false })).toEqual([shipped, later]);
    expect(await ids({ status: "SHIPPED" })).toEqual([shipped]);
    expect(await ids({ status: "AWAITING_SHIPMENT" })).toEqual([late, atRisk, later]);
    expect(await ids({ status: "SHIPPED", late: true })).toEqual([]);
    expect(await ids({ shipByBefore: "2026-11-27T00:00:00Z" })).toEqual([shipped, late]);
    expect(await ids({ status: "AWAITING_SHIPMENT", shipByBefore: "2026-11-28T00:00:00Z" })).toEqual([late, atRisk]);

    const bad = await graphql(h, LIST, { key, variables: { filter: { shipByBefore: "yesterday" } } });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.body.errors?.[0]?.message).toContain("shipByBefore");
  });

  it("pages through many orders with no order lost or repeated", async () => {
    const { key } = await makeSeller();
    const created: string[] = [];
    for (let i = 0; i < 23; i++) {
      const placedAt = new Date(Date.UTC(2026, 10, 1, i)).toISOString();
      created.push((await createOrder(key, orderInput({ marketplaceOrderId: `AE-PAGE-${i}`, placedAt }))).order.id);
    }
    for (const orderBy of ["SHIP_BY_ASC", "SHIP_BY_DESC"]) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: any = (await graphql(handler, LIST, { key, variables: { first: 5, after, orderBy } })).body.data
          .orders;
        pages++;
        seen.push(...page.edges.map((e: any) => e.node.id));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        // The page's bounds are its first and last edges' cursors (the last page has no resume key of its own).
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        if (!page.pageInfo.hasNextPage) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.edges).toHaveLength(5);
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      expect(seen).toEqual(orderBy === "SHIP_BY_ASC" ? created : [...created].reverse());
    }

    // Resuming from any edge's cursor continues right after that edge.
    const first: any = (await graphql(handler, LIST, { key, variables: { first: 10, orderBy: "SHIP_BY_ASC" } })).body
      .data.orders;
    const fromThird: any = (
      await graphql(handler, LIST, {
        key,
        variables: { first: 2, after: first.edges[2].cursor, orderBy: "SHIP_BY_ASC" },
      })
    ).body.data.orders;
    expect(fromThird.edges.map((e: any) => e.node.id)).toEqual([created[3], created[4]]);
  });

  it("pages the at-risk filter on while the order a page ended on passes its ship-by deadline", async () => {
    // The at-risk range starts at the request's `now`: between two pages the last order of the
    // first may fall below it (it became late), and its cursor with it.
    let now = testEpoch();
    const h = createGraphqlHandler({ clock: () => now });
    const { key } = await makeSeller();
    const dueIn = async (hours: number) =>
      (
        await createOrder(
          key,
          orderInput({
            placedAt: new Date(now.getTime() - 2 * HOUR).toISOString(),
            handlingDays: null,
            shipBy: new Date(now.getTime() + hours * HOUR).toISOString(),
          }),
          h,
        )
      ).order.id as string;
    const [in10min, in1h, in5h, in20h] = [await dueIn(10 / 60), await dueIn(1), await dueIn(5), await dueIn(20)];
    const page = async (orderBy: string, first: number, after: string | null) => {
      const response = await graphql(h, LIST, { key, variables: { first, after, orderBy, filter: { atRisk: true } } });
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      return response.body.data.orders;
    };
    const start = now;

    // Earliest deadline first: 15 minutes after page 1 its only order is late; page 2 goes on
    // with the earliest order still at risk, and the rest follows without a repeat.
    const ascending = await page("SHIP_BY_ASC", 1, null);
    expect(ascending.edges.map((e: any) => e.node.id)).toEqual([in10min]);
    now = new Date(start.getTime() + 0.25 * HOUR);
    const next = await page("SHIP_BY_ASC", 1, ascending.pageInfo.endCursor);
    expect(next.edges.map((e: any) => e.node.id)).toEqual([in1h]);
    expect(next.pageInfo.hasNextPage).toBe(true);
    const rest = await page("SHIP_BY_ASC", 5, next.pageInfo.endCursor);
    expect(rest.edges.map((e: any) => e.node.id)).toEqual([in5h, in20h]);

    // Latest deadline first: page 1 ends on the order due in an hour; 70 minutes later every order
    // after it is late, so page 2 is empty and the last.
    now = start;
    const descending = await page("SHIP_BY_DESC", 3, null);
    expect(descending.edges.map((e: any) => e.node.id)).toEqual([in20h, in5h, in1h]);
    expect(descending.pageInfo.hasNextPage).toBe(true);
    now = new Date(start.getTime() + (70 / 60) * HOUR);
    const after70min = await page("SHIP_BY_DESC", 3, descending.pageInfo.endCursor);
    expect(after70min.edges).toEqual([]);
    expect(after70min.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a tampered cursor, a cursor from another list, and an out-of-range page size", async () => {
    const { key } = await makeSeller();
    for (let i = 0; i < 3; i++) await createOrder(key, orderInput());
    const page: any = (await graphql(handler, LIST, { key, variables: { first: 1 } })).body.data.orders;
    const cursor: string = page.pageInfo.endCursor;
    const [payload, signature] = cursor.split(".");
    const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString());
    decoded.k.pk = "ORDER#someone-elses";
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${signature}`;

    for (const [after, message] of [
      [forged, "altered"],
      [`${cursor}x`, "altered"],
      ["not-a-cursor", "malformed"],
    ] as const) {
      const response = await graphql(handler, LIST, { key, variables: { first: 1, after } });
      expect(response.body.data).toBeNull();
      expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
      expect(response.body.errors?.[0]?.message).toContain(message);
    }
    // Signed with the development secret, which is public (`npm start`, stages not run as production): a payload
    // that is not a cursor's object is still a bad cursor, never an internal error.
    for (const body of ["null", "42", '"text"', "{not json"]) {
      const signedPayload = Buffer.from(body).toString("base64url");
      const signature = createHmac("sha256", LOCAL_CURSOR_SECRET).update(signedPayload).digest("base64url");
      const signed = `${signedPayload}.${signature}`;
      const response = await graphql(handler, LIST, { key, variables: { first: 1, after: signed } });
      expect(response.body.errors?.[0], body).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
      expect(response.body.errors?.[0]?.message, body).toContain("malformed");
    }
    const otherList = await graphql(handler, LIST, {
      key,
      variables: { first: 1, after: cursor, filter: { late: true } },
    });
    expect(otherList.body.errors?.[0]?.message).toContain("different list");
    // "No condition" spelled another way is the same list: the cursor keeps its place.
    for (const filter of [null, {}, { late: null, status: null }, undefined]) {
      const samePlace = await graphql(handler, LIST, { key, variables: { first: 1, after: cursor, filter } });
      expect(samePlace.body.errors, JSON.stringify(filter)).toBeUndefined();
      expect(
        samePlace.body.data.orders.edges.map((e: any) => e.node.id),
        JSON.stringify(filter),
      ).toEqual([expect.any(String)]);
      expect(samePlace.body.data.orders.edges[0].node.id).not.toBe(page.edges[0].node.id);
    }

    for (const first of [0, 101]) {
      const response = await graphql(handler, LIST, { key, variables: { first } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("refuses invalid input with userErrors naming the field, and writes nothing", async () => {
    const { seller, key } = await makeSeller();
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ buyerTotal: { amountMinor: -1, currency: "USD" } }, ["input", "buyerTotal", "amountMinor"], "INVALID_INPUT"],
      [{ buyerTotal: { amountMinor: 100, currency: "XYZ" } }, ["input", "buyerTotal", "currency"], "INVALID_INPUT"],
      [{ buyerTotal: { amountMinor: 100, currency: "usd" } }, ["input", "buyerTotal", "currency"], "INVALID_INPUT"],
      [{ items: [] }, ["input", "items"], "INVALID_INPUT"],
      [{ items: [{ sku: "A", title: "B", quantity: 0 }] }, ["input", "items", "0", "quantity"], "INVALID_INPUT"],
      [
        { handlingDays: null, shipBy: "2026-11-01T00:00:00Z", placedAt: "2026-11-02T00:00:00Z" },
        ["input", "shipBy"],
        "INVALID_INPUT",
      ],
      [{ handlingDays: 2, shipBy: "2026-11-05T00:00:00Z" }, ["input", "shipBy"], "INVALID_INPUT"],
      [{ handlingDays: null }, ["input", "handlingDays"], "INVALID_INPUT"],
      [{ placedAt: "2026-13-45T00:00:00Z" }, ["input", "placedAt"], "INVALID_INPUT"],
      [{ placedAt: new Date(Date.now() + 86_400_000).toISOString() }, ["input", "placedAt"], "INVALID_INPUT"],
      [{ marketplaceOrderId: "x".repeat(100_000) }, ["input", "marketplaceOrderId"], "INVALID_INPUT"],
      [{ marketplaceOrderId: "   " }, ["input", "marketplaceOrderId"], "INVALID_INPUT"],
      [{ buyerCountry: "ZZ" }, ["input", "buyerCountry"], "INVALID_INPUT"],
      [
        { settlementAmount: { amountMinor: 100, currency: "USD" } },
        ["input", "settlementAmount", "currency"],
        "CURRENCY_MISMATCH",
      ],
      [{ sellerId: "someone-else" }, [], "FORBIDDEN"],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await graphql(handler, CREATE, { key, variables: { input: orderInput(overrides) } });
      if (code === "FORBIDDEN") {
        expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        continue;
      }
      const payload = response.body.data.createOrder;
      expect(payload.order, JSON.stringify(overrides).slice(0, 80)).toBeNull();
      expect(payload.userErrors, JSON.stringify(overrides).slice(0, 80)).toContainEqual(
        expect.objectContaining({ field, code }),
      );
    }

    // Type errors (a float or a string where the schema says Int) are refused by GraphQL's own
    // input coercion before any resolver runs: a request error that names the field.
    const float = await graphql(handler, CREATE, {
      key,
      variables: { input: orderInput({ buyerTotal: { amountMinor: 12.5, currency: "USD" } }) },
    });
    expect(float.status).toBe(400);
    expect(float.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(float.body.errors?.[0]?.message).toContain("input.buyerTotal.amountMinor");

    const body = await graphql(handler, CREATE, { key, variables: { input: { ...orderInput(), unknownField: 1 } } });
    expect(body.status).toBe(400);

    expect(await ordersOf(seller.id)).toEqual([]);
    expect(await scanWhere("Orders", (item) => String(item.pk).startsWith(`MARKETPLACE_ORDER#${seller.id}#`))).toEqual(
      [],
    );
  });

  it("refuses a second order with the same marketplace order id and names the existing order", async () => {
    const { seller, key } = await makeSeller();
    const first = await createOrder(key, orderInput({ marketplaceOrderId: "AE-DUP-1" }));
    const second = await createOrder(
      key,
      orderInput({ marketplaceOrderId: "AE-DUP-1", buyerTotal: { amountMinor: 999, currency: "USD" } }),
    );
    expect(second.order).toBeNull();
    expect(second.userErrors).toEqual([
      {
        code: "DUPLICATE_ORDER",
        field: ["input", "marketplaceOrderId"],
        message: expect.stringContaining(first.order.id),
      },
    ]);
    expect(await ordersOf(seller.id)).toHaveLength(1);

    // The same marketplace order id at another seller is another order.
    const other = await makeSeller();
    expect((await createOrder(other.key, orderInput({ marketplaceOrderId: "AE-DUP-1" }))).userErrors).toEqual([]);
  });
});

describe("authentication and tenant isolation", () => {
  it("answers UNAUTHENTICATED with 401 without a key or with an unknown key", async () => {
    for (const key of [null, "sk_unknown_key_123456"]) {
      const response = await graphql(handler, LIST, { key });
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.body.data).toBeUndefined();
    }
    const malformed = await graphql(handler, LIST, { headers: { authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
  });

  it("hides seller A's orders from seller B: not found, not listed, not shippable", async () => {
    const a = await makeSeller();
    const b = await makeSeller();
    const order = (await createOrder(a.key, orderInput())).order;

    expect((await graphql(handler, GET, { key: b.key, variables: { id: order.id } })).body.data.order).toBeNull();
    expect((await graphql(handler, LIST, { key: b.key })).body.data.orders.edges).toEqual([]);
    const ship = await graphql(handler, SHIP, {
      key: b.key,
      variables: { input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD12345678" } },
    });
    expect(ship.body.data.markOrderShipped).toEqual({
      order: null,
      userErrors: [{ code: "NOT_FOUND", field: ["input", "orderId"], message: "No such order." }],
    });
    // The same answer as for an order that does not exist at all.
    const missing = await graphql(handler, SHIP, {
      key: b.key,
      variables: { input: { orderId: "01NOTANORDER", carrier: "DHL", trackingNumber: "JD12345678" } },
    });
    expect(missing.body.data.markOrderShipped).toEqual(ship.body.data.markOrderShipped);

    const list = await graphql(handler, `{ orders(sellerId: "${a.seller.id}") { edges { node { id } } } }`, {
      key: b.key,
    });
    expect(list.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await graphql(handler, `{ seller(id: "${a.seller.id}") { id } }`, { key: b.key })).body.data.seller,
    ).toBeNull();
    expect(
      (
        await graphql(handler, `{ seller(id: "${a.seller.id}") { id name settlementCurrency timeZone } }`, {
          key: a.key,
        })
      ).body.data.seller,
    ).toEqual({ id: a.seller.id, name: a.seller.name, settlementCurrency: "CNY", timeZone: "Asia/Shanghai" });

    const [stored] = await ordersOf(a.seller.id);
    expect(stored).toMatchObject({ status: "AWAITING_SHIPMENT", version: 1 });
  });
});

describe("idempotent retries", () => {
  // A payload carries `timeLeftSeconds`, which moves with the clock, so replays are compared under a
  // fixed one (from the real date: the idempotency records it writes carry a TTL; see clock.ts).
  const epoch = testEpoch();
  const fixedClock = createGraphqlHandler({ clock: () => epoch });
  const retried = (idempotencyKey: string) =>
    orderInput({ idempotencyKey, placedAt: new Date(epoch.getTime() - HOUR).toISOString() });

  it("replays the same payload for a retried key and creates one order", async () => {
    const { seller, key } = await makeSeller();
    const input = retried("retry-key-0001");
    const first = await createOrder(key, input, fixedClock);
    const second = await createOrder(key, input, fixedClock);
    expect(second).toEqual(first);
    expect(await ordersOf(seller.id)).toHaveLength(1);

    const reused = await createOrder(key, { ...input, buyerTotal: { amountMinor: 1, currency: "USD" } }, fixedClock);
    expect(reused.userErrors).toEqual([
      expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED", field: ["input", "idempotencyKey"] }),
    ]);
    expect(await ordersOf(seller.id)).toHaveLength(1);
  });

  it("runs twenty concurrent first attempts with one key exactly once", async () => {
    const { seller, key } = await makeSeller();
    const input = retried("concurrent-key-0001");
    const payloads = await Promise.all(Array.from({ length: 20 }, () => createOrder(key, input, fixedClock)));
    expect(payloads[0]!.userErrors).toEqual([]);
    for (const payload of payloads) expect(payload).toEqual(payloads[0]);
    expect(await ordersOf(seller.id)).toHaveLength(1);
  });

  it("replays refusals too, and treats a key past its retention window as a new request", async () => {
    let now = new Date();
    const h = createGraphqlHandler({ clock: () => now });
    const { seller, key } = await makeSeller();
    const order = (await createOrder(key, orderInput(), h)).order;
    const ship = { orderId: order.id, carrier: "DHL", trackingNumber: "JD12345678", idempotencyKey: "ship-key-0001" };
    const shipped = await graphql(h, SHIP, { key, variables: { input: ship } });
    expect(shipped.body.data.markOrderShipped.order.version).toBe(2);
    const replay = await graphql(h, SHIP, { key, variables: { input: ship } });
    expect(replay.body).toEqual(shipped.body);

    const input = orderInput({ idempotencyKey: "expiring-key-0001", marketplaceOrderId: "AE-EXPIRE" });
    expect((await createOrder(key, input, h)).userErrors).toEqual([]);
    now = new Date(now.getTime() + 25 * 3_600_000);
    // After 24 h the key is forgotten: this is a new request, refused as a duplicate order.
    const later = await createOrder(key, input, h);
    expect(later.userErrors).toEqual([expect.objectContaining({ code: "DUPLICATE_ORDER" })]);
    expect(await ordersOf(seller.id)).toHaveLength(2);
  });

  it("refuses a stale expectedVersion with VERSION_CONFLICT and changes nothing", async () => {
    const { seller, key } = await makeSeller();
    const order = (await createOrder(key, orderInput())).order;
    const response = await graphql(handler, SHIP, {
      key,
      variables: { input: { orderId: order.id, carrier: "DHL", trackingNumber: "JD12345678", expectedVersion: 7 } },
    });
    expect(response.body.data.markOrderShipped.userErrors).toEqual([
      expect.objectContaining({ code: "VERSION_CONFLICT", field: ["input", "expectedVersion"] }),
    ]);
    const [stored] = await ordersOf(seller.id);
    expect(stored).toMatchObject({ status: "AWAITING_SHIPMENT", version: 1 });
  });
});
