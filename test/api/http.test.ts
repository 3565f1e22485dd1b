import { describe, expect, it } from "vitest";
import { createGraphqlHandler, handler } from "@seller-ops/functions/src/graphql";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeSeller, orderInput, scanWhere } from "../support/fixtures";

/** The endpoint follows the GraphQL-over-HTTP specification as Apollo Server implements it. */
describe("GraphQL over HTTP", () => {
  it("serves queries over GET with the query in the URL", async () => {
    const { seller, key } = await makeSeller();
    const query = encodeURIComponent(`{ seller(id: "${seller.id}") { id } }`);
    const result = parse<any>(
      await handler(
        httpEvent({
          method: "GET",
          rawQueryString: `query=${query}`,
          headers: { authorization: `Bearer ${key}`, "apollo-require-preflight": "true" },
        }),
        lambdaContext(),
      ),
    );
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toMatch(/^application\/json/);
    expect(result.body.data.seller.id).toBe(seller.id);
  });

  it("tells caches to keep no answer: success, GraphQL error, refused request", async () => {
    const { seller, key } = await makeSeller();
    const ok = await graphql(handler, `{ seller(id: "${seller.id}") { id } }`, { key });
    expect(ok.status).toBe(200);
    expect(ok.headers["cache-control"]).toBe("no-store");
    const unauthenticated = await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", {});
    expect(unauthenticated.headers["cache-control"]).toBe("no-store");
    const tooLarge = await handler(
      httpEvent({
        body: JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(300_000) } }),
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      }),
      lambdaContext(),
    );
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.headers?.["cache-control"]).toBe("no-store");
  });

  it("decodes a base64-encoded JSON body (API Gateway sends some bodies so)", async () => {
    const { seller, key } = await makeSeller();
    const body = JSON.stringify({ query: `{ seller(id: "${seller.id}") { id } }` });
    const result = parse<any>(
      await handler(
        httpEvent({
          body: Buffer.from(body, "utf8").toString("base64"),
          isBase64Encoded: true,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        }),
        lambdaContext(),
      ),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.seller.id).toBe(seller.id);
  });

  it("refuses a body that is not UTF-8 (a Latin-1 one) with a 400, and writes nothing", async () => {
    const { seller, key } = await makeSeller();
    const body = JSON.stringify({
      query: "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }",
      variables: { input: orderInput({ items: [{ sku: "SKU-1", title: "Café crème", quantity: 1 }] }) },
    });
    const latin1 = httpEvent({
      body: Buffer.from(body, "latin1").toString("base64"),
      isBase64Encoded: true,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json; charset=iso-8859-1" },
    });
    const result = parse<any>(await handler(latin1, lambdaContext()));
    expect(result.status, JSON.stringify(result.body)).toBe(400);
    expect(result.body.errors?.[0]?.message).toMatch(/not valid UTF-8/);
    expect(await scanWhere("Orders", (item) => item.sellerId === seller.id)).toEqual([]);
  });

  it("reads the media type of the body case-insensitively (RFC 9110), with or without parameters", async () => {
    const { seller, key } = await makeSeller();
    const body = JSON.stringify({ query: `{ seller(id: "${seller.id}") { id } }` });
    for (const type of ["Application/JSON", "APPLICATION/JSON; Charset=UTF-8", " application/json ;charset=utf-8"]) {
      const result = parse<any>(
        await handler(
          httpEvent({ body, headers: { authorization: `Bearer ${key}`, "content-type": type } }),
          lambdaContext(),
        ),
      );
      expect(result.status, type).toBe(200);
      expect(result.body.data?.seller.id, type).toBe(seller.id);
    }
    // Only JSON is a GraphQL body: another type (even one that starts alike) is still refused.
    for (const type of ["application/jsonx", "Text/Plain"]) {
      const result = await handler(
        httpEvent({ body, headers: { authorization: `Bearer ${key}`, "content-type": type } }),
        lambdaContext(),
      );
      expect(result.statusCode, type).toBe(400);
    }
  });

  it("answers a failure of the adapter itself with a masked 500, an unparsable body with a 400", async () => {
    const { key } = await makeSeller();
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const malformed = httpEvent({ body: JSON.stringify({ query: "{ __typename }" }), headers });
    // An event without its HTTP method: reading the request fails inside the adapter.
    (malformed.requestContext as { http?: unknown }).http = undefined;
    const failed = parse<any>(await handler(malformed, lambdaContext()));
    expect(failed.status).toBe(500);
    expect(failed.headers["cache-control"]).toBe("no-store");
    const error = failed.body.errors?.[0];
    expect(error?.message).toMatch(/^Internal server error\. Reference: [0-9a-f-]{36}\.$/);
    expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: failed.headers["x-request-id"] });
    expect(JSON.stringify(failed.body)).not.toMatch(/method|undefined|TypeError/);
    const notJson = parse<any>(await handler(httpEvent({ body: "{not json", headers }), lambdaContext()));
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
  });

  it("refuses mutations over GET with 405 and writes nothing", async () => {
    const { seller, key } = await makeSeller();
    const query = encodeURIComponent(
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`,
    );
    const variables = encodeURIComponent(JSON.stringify({ input: orderInput() }));
    const result = await handler(
      httpEvent({
        method: "GET",
        rawQueryString: `query=${query}&variables=${variables}`,
        headers: { authorization: `Bearer ${key}`, "apollo-require-preflight": "true" },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(405);
    expect(await scanWhere("Orders", (item) => item.sellerId === seller.id)).toEqual([]);
  });

  it("refuses a GET without a preflight header (CSRF prevention)", async () => {
    const { key } = await makeSeller();
    const result = await handler(
      httpEvent({
        method: "GET",
        rawQueryString: "query=%7B__typename%7D",
        headers: { authorization: `Bearer ${key}` },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
  });

  it("answers malformed requests with a 4xx and a message, never a crash", async () => {
    const { key } = await makeSeller();
    const auth = { authorization: `Bearer ${key}` };
    const notJson = await handler(
      httpEvent({ body: "{not json", headers: { ...auth, "content-type": "application/json" } }),
      lambdaContext(),
    );
    expect(notJson.statusCode).toBe(400);
    const noQuery = await handler(
      httpEvent({ body: "{}", headers: { ...auth, "content-type": "application/json" } }),
      lambdaContext(),
    );
    expect(noQuery.statusCode).toBe(400);
    const empty = await handler(
      httpEvent({ body: "", headers: { ...auth, "content-type": "application/json" } }),
      lambdaContext(),
    );
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    expect(empty.statusCode).toBeLessThan(500);
    const badSyntax = await graphql(handler, "{ orders(first: ", { key });
    expect(badSyntax.status).toBe(400);
    expect(badSyntax.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    const huge = await handler(
      httpEvent({
        body: JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(300_000) } }),
        headers: { ...auth, "content-type": "application/json" },
      }),
      lambdaContext(),
    );
    expect(huge.statusCode).toBe(413);
  });

  it("masks internal errors: a generic message with a request id, no stack, no DynamoDB message", async () => {
    const { key } = await makeSeller();
    const healthy = createGraphqlHandler();
    // Same credentials store, but the orders table does not exist: DynamoDB fails underneath.
    const { createDocumentClient } = await import("@seller-ops/db");
    const { testTables } = await import("../support/fixtures");
    const tables = { ...testTables(), Orders: "no-such-table" };
    const broken = createGraphqlHandler({ db: { doc: createDocumentClient(), tables } });
    const ok = await graphql(healthy, "{ orders(first: 1) { edges { cursor } } }", { key });
    expect(ok.body.errors).toBeUndefined();
    const response = await graphql(broken, "{ orders(first: 1) { edges { cursor } } }", { key });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error?.message).toMatch(/^Internal server error\. Reference: [0-9a-f-]{36}\.$/);
    expect(JSON.stringify(response.body)).not.toMatch(/no-such-table|ResourceNotFound|stack|at /i);
    expect(error?.extensions?.requestId).toBe(response.headers["x-request-id"]);
  });
});
