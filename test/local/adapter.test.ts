import { request } from "node:http";
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { SellersRepo, OrdersRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import {
  MAX_ADAPTER_BODY_BYTES,
  startHttpAdapter,
  type HttpAdapter,
  type HttpApiHandler,
} from "../../packages/local/src/http-adapter";
import { DEMO_KEYS, DEMO_SELLERS, seedDemoData } from "../../packages/local/src/seed";
import { HISTORY_ORDER_PREFIX } from "../../packages/local/src/seed-deposits";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeSeller, orderInput, scanWhere, testDb } from "../support/fixtures";

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One raw HTTP request; header values given as arrays are sent as repeated header lines. */
function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: Buffer | string } = {},
): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? "GET",
        path: options.path ?? target.pathname,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const adapters: HttpAdapter[] = [];
async function serve(handler: HttpApiHandler): Promise<HttpAdapter> {
  const adapter = await startHttpAdapter({ handler, port: 0, host: "127.0.0.1", onError: () => undefined });
  adapters.push(adapter);
  return adapter;
}
afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.close()));
});

/** A handler that remembers what it was called with and answers `answer`. */
function recorder(answer: APIGatewayProxyResultV2) {
  const calls: { event: APIGatewayProxyEventV2; context: Context }[] = [];
  const handler: HttpApiHandler = async (event, context) => {
    calls.push({ event, context });
    return answer;
  };
  return { handler, calls };
}

const BINARY = Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7f, 0x0a, 0xfe]);

describe("HTTP adapter: API Gateway HTTP API (payload 2.0) in front of a handler", () => {
  it("forwards a well-formed v2 event and writes the handler's answer back unchanged", async () => {
    const stub = recorder({
      statusCode: 418,
      headers: { "content-type": "application/octet-stream", "x-teapot": "short and stout", "X-Mixed-Case": "Kept" },
      cookies: ["session=abc; Path=/; HttpOnly", "theme=dark"],
      body: BINARY.toString("base64"),
      isBase64Encoded: true,
    });
    const adapter = await serve(stub.handler);
    const body = JSON.stringify({ query: "{ __typename }", note: "价格 €" });
    const answer = await send(adapter.url, {
      method: "POST",
      path: "/graphql?first=5&name=two%20words&first=6",
      headers: {
        "Content-Type": "application/json",
        "X-Custom-Header": "Value",
        "x-dup": ["a", "b"],
        Cookie: "c1=v1; c2=v2",
        "User-Agent": "adapter-test/1.0",
      },
      body,
    });

    expect(stub.calls).toHaveLength(1);
    const { event, context } = stub.calls[0]!;
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /graphql",
      rawPath: "/graphql",
      rawQueryString: "first=5&name=two%20words&first=6",
      queryStringParameters: { first: "5,6", name: "two words" },
      cookies: ["c1=v1", "c2=v2"],
      body,
      isBase64Encoded: false,
      requestContext: {
        http: {
          method: "POST",
          path: "/graphql",
          protocol: "HTTP/1.1",
          sourceIp: "127.0.0.1",
          userAgent: "adapter-test/1.0",
        },
        routeKey: "POST /graphql",
        stage: "$default",
      },
    });
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(event.headers).toMatchObject({
      "content-type": "application/json",
      "x-custom-header": "Value",
      "x-dup": "a,b",
      "user-agent": "adapter-test/1.0",
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);

    expect(answer.status).toBe(418);
    expect(answer.headers["content-type"]).toBe("application/octet-stream");
    expect(answer.headers["x-teapot"]).toBe("short and stout");
    expect(answer.headers["x-mixed-case"]).toBe("Kept");
    expect(answer.headers["set-cookie"]).toEqual(["session=abc; Path=/; HttpOnly", "theme=dark"]);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(answer.body.equals(BINARY)).toBe(true);
  });

  it(
    "passes non-text bodies base64-encoded, requests without a body " + "without one, and any method to the handler",
    async () => {
      const stub = recorder({ statusCode: 405, headers: { allow: "GET, POST" }, body: "" });
      const adapter = await serve(stub.handler);

      await send(adapter.url, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: BINARY,
      });
      expect(stub.calls[0]!.event.isBase64Encoded).toBe(true);
      expect(Buffer.from(stub.calls[0]!.event.body!, "base64").equals(BINARY)).toBe(true);

      const get = await send(`${adapter.url}`, { path: "/graphql" });
      expect(stub.calls[1]!.event).toMatchObject({
        routeKey: "GET /graphql",
        rawQueryString: "",
        isBase64Encoded: false,
      });
      expect(stub.calls[1]!.event.body).toBeUndefined();
      expect(stub.calls[1]!.event.queryStringParameters).toBeUndefined();
      expect(get.status).toBe(405);

      const put = await send(adapter.url, { method: "PUT", headers: { "content-type": "text/plain" }, body: "x" });
      expect(stub.calls[2]!.event.routeKey).toBe("PUT /graphql");
      expect(put.status).toBe(405);
      expect(put.headers.allow).toBe("GET, POST");
    },
  );

  it("answers 404 for other paths, 413 above 11 MB and 500 when the handler throws, as API Gateway does", async () => {
    const stub = recorder({ statusCode: 200, body: "{}" });
    const adapter = await serve(stub.handler);

    const notFound = await send(adapter.url, { path: "/graphql/extra" });
    expect(notFound.status).toBe(404);
    expect(JSON.parse(notFound.body.toString())).toEqual({ error: "Not found: the API is at /graphql" });

    const tooLarge = await send(adapter.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(MAX_ADAPTER_BODY_BYTES + 1, 0x20),
    });
    expect(tooLarge.status).toBe(413);
    expect(stub.calls).toHaveLength(0);

    const failing = await serve(async () => {
      throw new Error("boom");
    });
    const failed = await send(failing.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body.toString())).toEqual({ message: "Internal Server Error" });
  });

  it("answers through HTTP exactly what the real GraphQL handler answers when called directly", async () => {
    const handler = createGraphqlHandler();
    const adapter = await serve(handler);
    const { key } = await makeSeller();
    const created = await graphql(
      handler,
      `mutation C($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`,
      {
        key,
        variables: { input: orderInput({ marketplaceOrderId: "AE-3009000001" }) },
      },
    );
    expect(created.body.data.createOrder.userErrors).toEqual([]);

    const cases: {
      name: string;
      method: "GET" | "POST";
      rawQueryString?: string;
      headers: Record<string, string>;
      body?: string;
    }[] = [
      {
        name: "list orders",
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: "{ orders(first: 5) { edges { node { id marketplaceOrderId shipBy late } } } }",
        }),
      },
      {
        name: "GET query",
        method: "GET",
        rawQueryString: `query=${encodeURIComponent("{ orders(first: 1) { edges { node { marketplaceOrderId } } } }")}`,
        headers: { "apollo-require-preflight": "true", authorization: `Bearer ${key}` },
      },
      {
        name: "no key",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ orders { edges { node { id } } } }" }),
      },
      {
        name: "syntax error",
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: '{"query":"{ orders("}',
      },
    ];
    for (const c of cases) {
      const direct = parse(
        await handler(
          httpEvent({ method: c.method, headers: c.headers, rawQueryString: c.rawQueryString, body: c.body }),
          lambdaContext(),
        ),
      );
      const viaHttp = await send(adapter.url, {
        method: c.method,
        path: `/graphql${c.rawQueryString ? `?${c.rawQueryString}` : ""}`,
        headers: c.headers,
        body: c.body,
      });
      expect({ case: c.name, status: viaHttp.status }).toEqual({ case: c.name, status: direct.status });
      expect(viaHttp.headers["content-type"]).toBe(direct.headers["content-type"]);
      expect(JSON.parse(viaHttp.body.toString("utf8"))).toEqual(direct.body);
      expect(viaHttp.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(viaHttp.headers["content-length"]).toBe(String(viaHttp.body.length));
    }
  });
});

describe("demo data", () => {
  it("seeds sellers, keys and orders once; a second run creates nothing; the forgotten order is late", async () => {
    const db = testDb();
    const now = new Date();
    const first = await seedDemoData(db, now);
    const expectedOrders = DEMO_SELLERS.reduce((n, s) => n + s.orders.length, 0);
    const expectedShipped = DEMO_SELLERS.reduce((n, s) => n + s.orders.filter((o) => o.shipment).length, 0);
    expect(first).toMatchObject({
      alreadySeeded: false,
      ordersCreated: expectedOrders,
      ordersShipped: expectedShipped,
      casesOpened: 4,
    });
    const second = await seedDemoData(db, new Date(now.getTime() + 60_000));
    expect(second).toMatchObject({ alreadySeeded: true, ordersCreated: 0, ordersShipped: 0, casesOpened: 0 });

    // Open disputes in several states make a realistic queue.
    const cases = await scanWhere(
      "Cases",
      (item) => item.entity === "CASE" && String(item.id).startsWith("demo-case-"),
    );
    expect(cases.map((c) => c.status).sort()).toEqual(["AWAITING_SELLER", "ESCALATED", "OFFER_PENDING", "RESOLVED"]);

    for (const [i, seller] of DEMO_SELLERS.entries()) {
      const all = await scanWhere("Orders", (item) => item.sellerId === seller.id && item.sk === "ORDER");
      const orders = all.filter((o) => !String(o.marketplaceOrderId).startsWith(HISTORY_ORDER_PREFIX));
      expect(orders).toHaveLength(seller.orders.length);
      // The sales history deposits are decided from: delivered orders of past months (6 × 4 days, 3 × 3 days).
      const history = all.filter((o) => String(o.marketplaceOrderId).startsWith(HISTORY_ORDER_PREFIX));
      expect(history).toHaveLength(i === 0 ? 24 : 9);
      expect(new Set(history.map((o) => o.status))).toEqual(new Set(["DELIVERED"]));
      expect(await SellersRepo.getSeller(db, seller.id)).toMatchObject({
        id: seller.id,
        settlementCurrency: "CNY",
        timeZone: "Asia/Shanghai",
      });
    }

    const forgottenId = await OrdersRepo.findByMarketplaceOrderId(db, "seller-shenzhen-gadgets", "AE-3001000101");
    const forgotten = await OrdersRepo.getOrder(db, forgottenId!);
    expect(forgotten!.status).toBe("AWAITING_SHIPMENT");
    expect(Date.parse(forgotten!.shipBy)).toBeLessThan(now.getTime());
    expect(forgotten!.handlingDays).toBe(3);

    // The demo key works through the real handler and the API sees the forgotten order as late.
    const late = await graphql(
      createGraphqlHandler(),
      "{ orders(filter: { late: true }) { edges { node { marketplaceOrderId late status } } } }",
      {
        key: DEMO_KEYS["seller-shenzhen-gadgets"],
      },
    );
    expect(late.body.errors).toBeUndefined();
    expect(late.body.data.orders.edges.map((e: any) => e.node)).toEqual([
      { marketplaceOrderId: "AE-3001000101", late: true, status: "AWAITING_SHIPMENT" },
    ]);
    const atRisk = await graphql(
      createGraphqlHandler(),
      "{ orders(filter: { atRisk: true }) { edges { node { marketplaceOrderId } } } }",
      {
        key: DEMO_KEYS["seller-shenzhen-gadgets"],
      },
    );
    expect(atRisk.body.data.orders.edges.map((e: any) => e.node.marketplaceOrderId)).toEqual(["AE-3001000102"]);
  });

  it("completes an interrupted seed without duplicating orders", async () => {
    const db = testDb();
    await seedDemoData(db, new Date());
    // Simulate a seed cut short before its last step (the first seller's profile, the marker).
    await db.doc.send(
      new DeleteCommand({ TableName: db.tables.Sellers, Key: SellersRepo.sellerKey("seller-shenzhen-gadgets") }),
    );
    const resumed = await seedDemoData(db, new Date());
    expect(resumed).toMatchObject({ alreadySeeded: false, ordersCreated: 0 });
    expect(await SellersRepo.getSeller(db, "seller-shenzhen-gadgets")).not.toBeNull();
    const orders = await scanWhere(
      "Orders",
      (item) => item.sellerId === "seller-shenzhen-gadgets" && item.sk === "ORDER",
    );
    expect(orders).toHaveLength(DEMO_SELLERS[0]!.orders.length + 24);
  });
});
