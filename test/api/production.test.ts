import { describe, expect, it } from "vitest";
import { configFromEnv, createLogger } from "@seller-ops/api";
import { LOCAL_CURSOR_SECRET } from "@seller-ops/api/src/config";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, OrdersRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeMarketplace, makeSeller, orderInput, testDb, testTables } from "../support/fixtures";

const production = (overrides: Parameters<typeof createGraphqlHandler>[0] = {}) =>
  createGraphqlHandler({
    config: { ...configFromEnv(), mode: "production", cursorSecret: "a-production-secret-for-tests" },
    ...overrides,
  });

describe("production mode", () => {
  it("turns introspection off", async () => {
    const { key } = await makeSeller();
    const response = await graphql(production(), "{ __schema { types { name } } }", { key });
    expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect(response.body.data).toBeUndefined();
    // Development keeps it for the explorer and codegen.
    expect(
      (await graphql(createGraphqlHandler(), "{ __schema { queryType { name } } }", { key })).body.errors,
    ).toBeUndefined();
  });

  it("gives no field suggestions", async () => {
    const { key } = await makeSeller();
    const response = await graphql(production(), "{ ordrs { edges { cursor } } }", { key });
    expect(response.body.errors?.[0]?.message).not.toMatch(/did you mean/i);
    expect(JSON.stringify(response.body)).not.toContain("orders");
  });

  it("masks internal errors to a generic message with the request id, without stack or cause", async () => {
    const { key } = await makeSeller();
    const tables = { ...testTables(), Orders: "missing-table" };
    const response = await graphql(
      production({ db: { doc: createDocumentClient(), tables } }),
      "{ orders(first: 1) { edges { cursor } } }",
      { key },
    );
    const error = response.body.errors?.[0];
    expect(error?.message).toBe(`Internal server error. Reference: ${response.headers["x-request-id"]}.`);
    expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: response.headers["x-request-id"] });
    expect(JSON.stringify(response.body)).not.toMatch(/missing-table|ResourceNotFound|stacktrace/);
  });

  it("keeps CSRF prevention on: a GET without a preflight header or a JSON content type is refused", async () => {
    const { key } = await makeSeller();
    const result = await production()(
      httpEvent({
        method: "GET",
        rawQueryString: "query=%7B__typename%7D",
        headers: { authorization: `Bearer ${key}` },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
    expect(result.body).toMatch(/CSRF|preflight/i);
  });

  it("needs a cursor secret: production never falls back to the local default", () => {
    expect(() => configFromEnv({ APP_MODE: "production" })).toThrow(/CursorSecret/);
  });

  it("a deployed stage's secret set empty stops the function in any mode, never using the public stand-in", () => {
    const linked = { CursorSecret: { value: "" }, WebhookSecretKey: { value: "a-staging-sealing-key" } };
    for (const env of [{ APP_MODE: "production" }, {}]) {
      expect(() => configFromEnv(env, linked)).toThrow(/The CursorSecret secret is linked but empty/);
      const blank = { ...linked, CursorSecret: { value: "   " } };
      expect(() => configFromEnv(env, blank)).toThrow(/The CursorSecret secret is linked but empty/);
    }
    // Nothing linked (npm start, tests): development mode's public stand-ins.
    expect(configFromEnv({}, {}).cursorSecret).toBe(LOCAL_CURSOR_SECRET);
  });

  it("requires only the secrets a function is linked to, and reading another one fails naming it", () => {
    const production = { APP_MODE: "production" };
    // The webhook functions: the sealing key alone.
    const dispatcher = configFromEnv(production, { WebhookSecretKey: { value: "a-production-sealing-key" } }, [
      "WebhookSecretKey",
    ]);
    expect(dispatcher.webhooks.keyring.keys.size).toBe(1);
    expect(() => dispatcher.cursorSecret).toThrow(/not linked to the CursorSecret secret/);
    // The scheduled jobs: none, in either mode (no local stand-in is signed with instead).
    for (const env of [production, {}]) {
      const job = configFromEnv(env, {}, []);
      expect(job.caseRules).toBeDefined();
      expect(() => job.cursorSecret).toThrow(/not linked to the CursorSecret secret/);
      expect(() => job.webhooks.keyring).toThrow(/not linked to the WebhookSecretKey secret/);
      // A copy does not lose the guard: copying reads the field, and fails the same way.
      expect(() => ({ ...job.webhooks })).toThrow(/not linked to the WebhookSecretKey secret/);
      expect(() => JSON.stringify(job)).toThrow(/not linked to the CursorSecret secret/);
    }
    // The GraphQL API: both; one missing stops it at start.
    expect(() =>
      configFromEnv(production, { CursorSecret: { value: "a-production-cursor-key" } }, [
        "CursorSecret",
        "WebhookSecretKey",
      ]),
    ).toThrow(/The WebhookSecretKey secret is required in production mode/);
  });
});

describe("a hostile request is the caller's error, never an internal one", () => {
  it("a subscription is a 400 validation error naming what the API has", async () => {
    const { key } = await makeSeller();
    const response = await graphql(production(), "subscription { viewer { role } }", { key });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors?.[0]?.message).toMatch(/no subscription operations: send a query or a mutation/);
  });

  it("a deeply nested variable the operation never uses is ignored, not a 500", async () => {
    const { key } = await makeSeller();
    const depth = 20_000; // 40 kB of body, far under the 256 kB limit
    const body = `{"query":"{ viewer { role } }","variables":{"junk":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const response = parse<{ viewer: { role: string } }>(
      await production()(httpEvent({ body, headers }), lambdaContext()),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data?.viewer.role).toBe("SELLER");
  });
});

describe("logs", () => {
  it("are JSON lines with a request id, never an API key or a buyer's message", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "graphql" }, (line) => lines.push(line));
    const h = createGraphqlHandler({ logger });
    const { seller, key } = await makeSeller();
    const partner = await makeMarketplace([seller.id]);
    const order = (
      await graphql(h, `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`, {
        key,
        variables: { input: orderInput() },
      })
    ).body.data.createOrder.order;
    const secretBody = "My address is 12 Secret Street and my phone is 555-0199";
    const opened = await graphql(
      h,
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { code } } }`,
      {
        key: partner,
        variables: { input: { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER", claimText: secretBody } },
      },
    );
    expect(opened.body.data.openCase.userErrors).toEqual([]);
    await graphql(
      h,
      `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { userErrors { code } } }`,
      {
        key: partner,
        variables: { input: { caseId: opened.body.data.openCase.case.id, direction: "BUYER", body: secretBody } },
      },
    );
    // An internal error path too: its log line must not carry the request's secrets either.
    const broken = createGraphqlHandler({
      logger,
      db: { doc: createDocumentClient(), tables: { ...testTables(), Cases: "missing-table" } },
    });
    await graphql(broken, `{ cases(first: 1) { edges { cursor } } }`, { key });

    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry.requestId, line).toEqual(expect.any(String));
      expect(line).not.toContain(key);
      expect(line).not.toContain(partner);
      expect(line).not.toContain("Secret Street");
    }
    expect(lines.some((l) => JSON.parse(l).level === "ERROR")).toBe(true);
  });

  it("name each request's own id on a masked internal error (answer and log), requests served at once", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ service: "graphql" }, (line) => lines.push(JSON.parse(line)));
    const { key } = await makeSeller();
    // A resolver fails (the cases table is missing) and, before any resolver, the key lookup fails (no key table).
    const resolverFails = createGraphqlHandler({
      logger,
      db: { doc: createDocumentClient(), tables: { ...testTables(), Cases: "missing-table" } },
    });
    const contextFails = createGraphqlHandler({
      logger,
      db: { doc: createDocumentClient(), tables: { ...testTables(), ApiKeys: "missing-table" } },
    });
    const query = "query FirstCase { cases(first: 1) { edges { cursor } } }";
    const answers = await Promise.all(
      [resolverFails, contextFails, resolverFails, contextFails].map((h) => graphql(h, query, { key })),
    );
    expect(new Set(answers.map((a) => a.headers["x-request-id"])).size).toBe(4);
    for (const [i, answer] of answers.entries()) {
      const requestId = answer.headers["x-request-id"];
      const [error] = answer.body.errors ?? [];
      expect(error?.message).toBe(`Internal server error. Reference: ${requestId}.`);
      expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId });
      const logged = lines.filter((l) => l.requestId === requestId);
      const failure = logged.filter((l) => l.message === "internal error");
      const request = logged.find((l) => l.message === "request");
      expect(failure, JSON.stringify(logged)).toHaveLength(1);
      // The caller is named once authenticated: the request line and the error line agree.
      expect(failure[0]!.principalId).toBe(i % 2 === 0 ? request?.principalId : null);
      if (i % 2 === 0) expect(request?.principalId).toEqual(expect.any(String));
      // The operation too, once resolved: the failed key lookup came before it.
      const operation =
        i % 2 === 0 ? { operation: "query", operationName: "FirstCase" } : { operation: null, operationName: null };
      expect(failure[0]).toMatchObject(operation);
      expect(failure[0]!.path).toEqual(i % 2 === 0 ? ["cases"] : undefined);
      expect(request).toMatchObject(operation);
    }
  });

  it("name a stored item the service cannot read by its key, so an operator can find and mend it", async () => {
    const lines: Record<string, unknown>[] = [];
    const h = createGraphqlHandler({ logger: createLogger({ service: "graphql" }, (l) => lines.push(JSON.parse(l))) });
    const { key } = await makeSeller();
    const create = "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }";
    const created = await graphql(h, create, { key, variables: { input: orderInput() } });
    const orderId = created.body.data.createOrder.order.id as string;
    // A hand edit, or a release rolled back from: a status this one does not know.
    await testDb().doc.send(
      new UpdateCommand({
        TableName: testTables().Orders,
        Key: OrdersRepo.orderKey(orderId),
        UpdateExpression: "SET #s = :s",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": "ON_HOLD" },
      }),
    );
    const answer = await graphql(h, "{ orders(first: 10) { edges { node { id } } } }", { key });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const failure = lines.find((l) => l.message === "internal error");
    expect(failure).toMatchObject({ errorName: "UnreadableItem", path: ["orders"] });
    expect(failure!.errorMessage).toContain(`Stored order ORDER#${orderId}/ORDER (shape `);
    expect(failure!.errorMessage).toContain("status");
  });
});
