import { describe, expect, it } from "vitest";
import { configFromEnv } from "@seller-ops/api";
import { ApiKeys, encodeCursor, EventsRepo, KeyRevocation } from "@seller-ops/db";
import { createGraphqlHandler, handler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { ulid } from "ulid";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeSeller, orderInput, testDb } from "../support/fixtures";
import { laggingReads } from "../support/lagging-reads";
import { scanTable } from "../support/scan";
import { linkedOnly, world } from "../support/world";

/** An event as API Gateway delivers it on a route with the JWT authorizer: the token already verified. */
function jwtEvent(query: string, claims: Record<string, unknown>) {
  const event = httpEvent({
    body: JSON.stringify({ query }),
    headers: { "content-type": "application/json", authorization: "Bearer eyJhbGciOi.fake.jwt" },
  });
  return { ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } } };
}

describe("frontend users with verified JWT claims", () => {
  it("act for the seller named by the seller claim", async () => {
    const { seller, key } = await makeSeller();
    const created = await graphql(
      handler,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`,
      { key, variables: { input: orderInput() } },
    );
    const orderId = created.body.data.createOrder.order.id;
    const result = parse<any>(
      await handler(
        jwtEvent("{ orders(first: 5) { edges { node { id sellerId } } } }", {
          sub: "user-123",
          "custom:seller_id": seller.id,
        }) as never,
        lambdaContext(),
      ),
    );
    expect(result.body.data.orders.edges.map((e: any) => e.node)).toEqual([{ id: orderId, sellerId: seller.id }]);
  });

  it("are refused without the seller claim", async () => {
    const result = parse<any>(
      await handler(
        jwtEvent("{ orders(first: 5) { edges { cursor } } }", { sub: "user-123" }) as never,
        lambdaContext(),
      ),
    );
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("a frontend user's seller claim", () => {
  // The claim goes into the keys the seller's data is under, and OPERATORS is the platform's own webhook scope.
  it.each([
    ["the platform's reserved id", "OPERATORS"],
    ["a key separator", "sel_a#ORDER"],
    ["padding", " sel_padded"],
    ["too short a value", "ab"],
  ])("is refused when it holds %s", async (_what, claim) => {
    const result = parse<any>(
      await handler(
        jwtEvent("{ webhookEndpoints(first: 5) { edges { node { id } } } }", {
          sub: "user-123",
          "custom:seller_id": claim,
        }) as never,
        lambdaContext(),
      ),
    );
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.body.data ?? null).toBeNull();
  });
});

describe("a frontend user's retry keys", () => {
  it("belong to the user and the token's seller: the same key and input for two sellers are two requests", async () => {
    const a = await makeSeller();
    const b = await makeSeller();
    const input = { ...orderInput(), idempotencyKey: `retry-${a.seller.id}` };
    const create = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id sellerId } } }`;
    const send = async (sellerId: string, query: string, variables?: unknown) =>
      parse<any>(
        await handler(
          {
            ...jwtEvent(query, { sub: "agent-7", "custom:seller_id": sellerId }),
            body: JSON.stringify({ query, variables }),
          } as never,
          lambdaContext(),
        ),
      );
    const forA = await send(a.seller.id, create, { input });
    const forB = await send(b.seller.id, create, { input });
    expect(forA.body.data.createOrder.order.sellerId).toBe(a.seller.id);
    expect(forB.body.data.createOrder.order.sellerId).toBe(b.seller.id);
    expect(forB.body.data.createOrder.order.id).not.toBe(forA.body.data.createOrder.order.id);
    // Each seller has exactly its one order, and a retry for A still answers A's first order.
    const listed = await send(b.seller.id, "{ orders(first: 5) { edges { node { id } } } }");
    expect(listed.body.data.orders.edges.map((e: any) => e.node.id)).toEqual([forB.body.data.createOrder.order.id]);
    const retryA = await send(a.seller.id, create, { input });
    expect(retryA.body.data.createOrder.order).toEqual(forA.body.data.createOrder.order);
  });
});

describe("API keys", () => {
  it("are stored only as SHA-256 hashes", async () => {
    const { key } = await makeSeller();
    const stored = await testDb().doc.send(
      new (await import("@aws-sdk/lib-dynamodb")).GetCommand({
        TableName: testDb().tables.ApiKeys,
        Key: { keyHash: ApiKeys.hashSecret(key) },
      }),
    );
    expect(stored.Item).toBeDefined();
    expect(JSON.stringify(stored.Item)).not.toContain(key);
    expect(stored.Item!.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stop working at once when revoked", async () => {
    const { key } = await makeSeller();
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key })).status).toBe(200);
    const stored = await testDb().doc.send(
      new (await import("@aws-sdk/lib-dynamodb")).GetCommand({
        TableName: testDb().tables.ApiKeys,
        Key: { keyHash: ApiKeys.hashSecret(key) },
      }),
    );
    const at = new Date();
    expect((await KeyRevocation.revokeKey(testDb(), stored.Item!.keyHash, at.toISOString())).revoked).toBe(true);
    // The maintenance tool's revocation records its operator-level event in the same transaction.
    const window = {
      sellerId: null,
      fromMs: at.getTime() - 1000,
      toMs: at.getTime() + 1000,
      objectId: stored.Item!.keyId,
    };
    const events = await EventsRepo.listPage(testDb(), window, { first: 10, after: null });
    expect(events.items.map(({ item: e }) => [e.type, e.actorKeyId, e.sellerId ?? null])).toEqual([
      ["API_KEY_REVOKED", "tool:keys", null],
    ]);
    expect((await KeyRevocation.revokeKey(testDb(), stored.Item!.keyHash, at.toISOString())).revoked).toBe(false);
    const after = await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("are created by the maintenance tool with their event, in one transaction", async () => {
    const { seller } = await makeSeller();
    const grant = { role: "SELLER" as const, sellerId: seller.id };
    const at = new Date();
    const now = at.toISOString();
    // The event cannot be written (its table is missing): the key is not stored either.
    const label = `tool key without its event ${seller.id}`;
    const noEvents = { ...testDb(), tables: { ...testDb().tables, Events: "no-such-events-table" } };
    await expect(ApiKeys.createKey(noEvents, { grant, label, now })).rejects.toThrow();
    const stored = await scanTable(testDb(), "ApiKeys");
    expect(stored.filter((item) => item.label === label)).toEqual([]);

    const { secret, key } = await ApiKeys.createKey(testDb(), { grant, label: "tool key", now });
    const window = { sellerId: null, fromMs: at.getTime() - 1000, toMs: at.getTime() + 1000, objectId: key.keyId };
    const events = await EventsRepo.listPage(testDb(), window, { first: 10, after: null });
    expect(events.items.map(({ item: e }) => [e.type, e.objectVersion, e.actorKeyId, e.sellerId ?? null])).toEqual([
      ["API_KEY_CREATED", 1, "tool:keys", null],
    ]);
    expect(events.items[0]!.item.payload).toMatchObject({ keyId: key.keyId, role: "SELLER" });
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key: secret })).status).toBe(200);
  });
});

describe("key management by operators", () => {
  const CREATE =
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id role label sellerId sellerIds ` +
    `access revokedAt } secret userErrors { field code message } } }`;
  const REVOKE =
    `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { ` +
    `field code } } }`;

  it("issues a key whose secret is shown once, lists keys without secrets, and revokes a key at once", async () => {
    const { makeOperator } = await import("../support/fixtures");
    const operator = await makeOperator();
    const { seller } = await makeSeller();
    const created = await graphql(handler, CREATE, {
      key: operator,
      variables: {
        input: { role: "SELLER", label: "ERP connector", sellerId: seller.id, idempotencyKey: "issue-key-0001" },
      },
    });
    const payload = created.body.data.createApiKey;
    expect(payload.userErrors).toEqual([]);
    expect(payload.secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(payload.apiKey).toMatchObject({ role: "SELLER", sellerId: seller.id, revokedAt: null });

    // The new secret works; a retry with the same idempotency key answers the key without its secret.
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key: payload.secret })).status).toBe(
      200,
    );
    const replay = await graphql(handler, CREATE, {
      key: operator,
      variables: {
        input: { role: "SELLER", label: "ERP connector", sellerId: seller.id, idempotencyKey: "issue-key-0001" },
      },
    });
    expect(replay.body.data.createApiKey).toEqual({ ...payload, secret: null });

    const listed = await graphql(handler, "{ apiKeys(first: 100) { edges { node { id role label } } } }", {
      key: operator,
    });
    expect(JSON.stringify(listed.body)).not.toContain(payload.secret);
    const all: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await graphql(
          handler,
          `query($after: String) { apiKeys(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage ` +
            `endCursor } } }`,
          { key: operator, variables: { after } },
        )
      ).body.data.apiKeys;
      all.push(...page.edges);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(all.map((e) => e.node.id)).toContain(payload.apiKey.id);

    const revoked = await graphql(handler, REVOKE, {
      key: operator,
      variables: { input: { keyId: payload.apiKey.id } },
    });
    expect(revoked.body.data.revokeApiKey.userErrors).toEqual([]);
    expect(revoked.body.data.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key: payload.secret })).status).toBe(
      401,
    );
    const twice = await graphql(handler, REVOKE, { key: operator, variables: { input: { keyId: payload.apiKey.id } } });
    expect(twice.body.data.revokeApiKey.userErrors).toEqual([expect.objectContaining({ code: "INVALID_TRANSITION" })]);
  });

  /** The GraphQL handler on a client whose eventually consistent reads lag its own writes until `catchUp()`. */
  const lagging = () => {
    const { db, catchUp } = laggingReads(testDb());
    return { api: createGraphqlHandler({ db: linkedOnly(db, functionTables.graphql) }), catchUp };
  };

  it("issues a key for a seller created a moment ago, not NOT_FOUND kept under its retry key", async () => {
    const { makeOperator } = await import("../support/fixtures");
    const operator = await makeOperator();
    const { seller: known } = await makeSeller();
    const { api } = lagging();
    const sellerId = `sel_${ulid()}`;
    const created = await graphql(
      api,
      `mutation($input: CreateSellerInput!) { createSeller(input: $input) { seller { id } userErrors { code } } }`,
      {
        key: operator,
        variables: {
          input: { id: sellerId, name: "New Seller", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" },
        },
      },
    );
    expect(created.body.data.createSeller.userErrors).toEqual([]);

    // The request's batched read of the sellers does not hold the new one yet: it is read again consistently.
    const input = { role: "SELLER", label: "onboarding", sellerId, idempotencyKey: `onboard-${sellerId}` };
    const issued = (await graphql(api, CREATE, { key: operator, variables: { input } })).body.data.createApiKey;
    expect(issued.userErrors).toEqual([]);
    expect(issued.apiKey).toMatchObject({ role: "SELLER", sellerId });
    const replay = (await graphql(api, CREATE, { key: operator, variables: { input } })).body.data.createApiKey;
    expect(replay).toEqual({ ...issued, secret: null });

    // A seller that does not exist is still refused, and only that one is named.
    const partner = { role: "PARTNER", label: "erp", sellerIds: [sellerId, known.id, "sel_nobody"] };
    const refused = (await graphql(api, CREATE, { key: operator, variables: { input: partner } })).body.data
      .createApiKey;
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND", field: ["input", "sellerIds"] })]);
    expect(refused.userErrors[0].message).toContain("sel_nobody");
    expect(refused.userErrors[0].message).not.toContain(sellerId);
  });

  it("revoking a key created a moment ago: the index's NOT_FOUND is not kept, the retry revokes it", async () => {
    const { makeOperator } = await import("../support/fixtures");
    const operator = await makeOperator();
    const { seller } = await makeSeller();
    const { api, catchUp } = lagging();
    const made = await graphql(api, CREATE, {
      key: operator,
      variables: { input: { role: "SELLER", label: "leaked", sellerId: seller.id } },
    });
    const { apiKey, secret } = made.body.data.createApiKey;
    const input = { keyId: apiKey.id, idempotencyKey: `revoke-${apiKey.id}` };

    // A key is found by its id through an index, which does not hold the new key yet.
    const first = await graphql(api, REVOKE, { key: operator, variables: { input } });
    expect(first.body.data.revokeApiKey.userErrors).toEqual([
      expect.objectContaining({ code: "NOT_FOUND", field: ["input", "keyId"] }),
    ]);
    catchUp();
    const retried = await graphql(api, REVOKE, { key: operator, variables: { input } });
    expect(retried.body.data.revokeApiKey.userErrors).toEqual([]);
    expect(retried.body.data.revokeApiKey.apiKey).toEqual({ id: apiKey.id, revokedAt: expect.any(String) });
    expect((await graphql(handler, "{ orders(first: 1) { edges { cursor } } }", { key: secret })).status).toBe(401);
    // That answer is the key's from now on.
    const again = await graphql(api, REVOKE, { key: operator, variables: { input } });
    expect(again.body.data.revokeApiKey).toEqual(retried.body.data.revokeApiKey);
  });

  it("pages the key list with cursors that hold no key's hash: every key once, an old cursor refused", async () => {
    // Own tables: every key listed is one of the world's or one made here, and each one's stored hash is known.
    const w = await world();
    const cursorSecret = "a-cursor-secret-for-the-key-list";
    const api = createGraphqlHandler({
      db: linkedOnly(w.db, functionTables.graphql),
      clock: () => w.now,
      config: { ...configFromEnv({}), cursorSecret },
    });
    for (let i = 0; i < 5; i++) {
      const input = { role: "SELLER", label: `cursor ${i}`, sellerId: w.sellerId };
      expect(
        (await graphql(api, CREATE, { key: w.operator, variables: { input } })).body.data.createApiKey.userErrors,
      ).toEqual([]);
    }
    const stored = await scanTable(w.db, "ApiKeys");
    expect(stored).toHaveLength(9);
    const PAGE =
      "query($after: String) { apiKeys(first: 2, after: $after) { edges { cursor node { id } } pageInfo { " +
      "hasNextPage endCursor } } }";
    const ids: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await graphql(api, PAGE, { key: w.operator, variables: { after } })).body.data.apiKeys;
      ids.push(...page.edges.map((e: any) => e.node.id));
      cursors.push(...page.edges.map((e: any) => e.cursor), page.pageInfo.endCursor);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(stored.map((k) => String(k.keyId)).sort());
    const decoded = cursors.map((c) => Buffer.from(c.split(".")[0]!, "base64url").toString("utf8"));
    for (const text of decoded) {
      expect(JSON.parse(text).k).toEqual({ keyId: expect.stringMatching(/^key_/) });
      for (const { keyHash } of stored) expect(text).not.toContain(String(keyHash));
    }

    // A cursor issued before, with the index's start key (the hash among it), is refused like any malformed one.
    const [first] = stored;
    const old = encodeCursor(
      cursorSecret,
      { list: "apiKeys", args: {} },
      {
        keyHash: String(first!.keyHash),
        listing: String(first!.listing),
        keyId: String(first!.keyId),
      },
    );
    const refused = await graphql(api, PAGE, { key: w.operator, variables: { after: old } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses grants that do not fit the role, unknown sellers, and anyone but an operator", async () => {
    const { makeOperator, makePartner } = await import("../support/fixtures");
    const operator = await makeOperator();
    const { seller, key } = await makeSeller();
    const refused = async (input: Record<string, unknown>) =>
      (await graphql(handler, CREATE, { key: operator, variables: { input } })).body.data.createApiKey.userErrors;
    expect(await refused({ role: "SELLER", label: "x" })).toEqual([
      expect.objectContaining({ field: ["input", "sellerId"], code: "INVALID_INPUT" }),
    ]);
    expect(await refused({ role: "PARTNER", label: "x", sellerIds: [] })).toEqual([
      expect.objectContaining({ field: ["input", "sellerIds"] }),
    ]);
    expect(await refused({ role: "OPERATOR", label: "x", sellerId: seller.id })).toEqual([
      expect.objectContaining({ field: ["input", "role"] }),
    ]);
    expect(await refused({ role: "SELLER", label: "x", sellerId: "no-such-seller" })).toEqual([
      expect.objectContaining({ code: "NOT_FOUND", field: ["input", "sellerId"] }),
    ]);
    for (const caller of [key, await makePartner([seller.id])]) {
      expect(
        (
          await graphql(handler, CREATE, {
            key: caller,
            variables: { input: { role: "OPERATOR", label: "escalate me" } },
          })
        ).body.errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
      expect(
        (await graphql(handler, "{ apiKeys { edges { cursor } } }", { key: caller })).body.errors?.[0]?.extensions
          ?.code,
      ).toBe("FORBIDDEN");
    }
  });
});
