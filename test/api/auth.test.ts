import { describe, expect, it } from "vitest";
import { ApiKeys } from "@seller-ops/db";
import { handler } from "@seller-ops/functions/src/graphql";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeSeller, orderInput, testDb } from "../support/fixtures";

/** An event as API Gateway delivers it on a route with the JWT authorizer: the token already verified. */
function jwtEvent(query: string, claims: Record<string, unknown>) {
  const event = httpEvent({ body: JSON.stringify({ query }), headers: { "content-type": "application/json", authorization: "Bearer eyJhbGciOi.fake.jwt" } });
  return { ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } } };
}

describe("frontend users with verified JWT claims", () => {
  it("act for the seller named by the seller claim", async () => {
    const { seller, key } = await makeSeller();
    const created = await graphql(handler, `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`, { key, variables: { input: orderInput() } });
    const orderId = created.body.data.createOrder.order.id;
    const result = parse<any>(await handler(jwtEvent("{ orders(first: 5) { edges { node { id sellerId } } } }", { sub: "user-123", "custom:seller_id": seller.id }) as never, lambdaContext()));
    expect(result.body.data.orders.edges.map((e: any) => e.node)).toEqual([{ id: orderId, sellerId: seller.id }]);
  });

  it("are refused without the seller claim", async () => {
    const result = parse<any>(await handler(jwtEvent("{ orders(first: 5) { edges { cursor } } }", { sub: "user-123" }) as never, lambdaContext()));
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("API keys", () => {
  it("are stored only as SHA-256 hashes", async () => {
    const { key } = await makeSeller();
    const stored = await testDb().doc.send(new (await import("@aws-sdk/lib-dynamodb")).GetCommand({ TableName: testDb().tables.ApiKeys, Key: { keyHash: ApiKeys.hashSecret(key) } }));
    expect(stored.Item).toBeDefined();
    expect(JSON.stringify(stored.Item)).not.toContain(key);
    expect(stored.Item!.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stop working at once when revoked", async () => {
    const { key } = await makeSeller();
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key })).status).toBe(200);
    const stored = await testDb().doc.send(new (await import("@aws-sdk/lib-dynamodb")).GetCommand({ TableName: testDb().tables.ApiKeys, Key: { keyHash: ApiKeys.hashSecret(key) } }));
    expect(await ApiKeys.revokeKey(testDb(), stored.Item!.keyHash, new Date().toISOString())).toBe(true);
    const after = await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
