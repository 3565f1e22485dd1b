import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configFromEnv, createLogger } from "@seller-ops/api";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeMarketplace, makeOperator, makePartner, makeSeller, orderInput, testDb } from "../support/fixtures";
import { ApiKeys } from "@seller-ops/db";
import { ulid } from "ulid";

/**
 * What a careless or hostile client can send at the edges of a request: persisted-query
 * extensions the server does not support, forged cursors signed with a known secret, and the
 * log lines every request leaves behind.
 */

const modes = {
  development: () => configFromEnv({}),
  production: () => ({
    ...configFromEnv({}),
    mode: "production" as const,
    cursorSecret: "a-production-secret-for-tests",
  }),
};

function capturingHandler(mode: keyof typeof modes) {
  const lines: string[] = [];
  const logger = createLogger({ service: "graphql" }, (line) => lines.push(line));
  const config = modes[mode]();
  return { h: createGraphqlHandler({ logger, config }), lines, config };
}

describe("persisted queries", () => {
  for (const mode of ["development", "production"] as const) {
    it(`are refused as a client error with a stable code and no error log (${mode})`, async () => {
      const { key } = await makeSeller();
      const { h, lines } = capturingHandler(mode);
      const bodies = [
        // A hash that does not match the query, a hash alone (never registered), an unknown version.
        { query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "abc" } } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: "a".repeat(64) } } },
        { query: "{ __typename }", extensions: { persistedQuery: { version: 2, sha256Hash: "abc" } } },
      ];
      for (const body of bodies) {
        const result = await h(
          httpEvent({
            body: JSON.stringify(body),
            headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          }),
          lambdaContext(),
        );
        const parsed = JSON.parse(result.body ?? "{}");
        expect(result.statusCode, result.body).toBe(400);
        expect(parsed.errors?.[0]?.extensions?.code, result.body).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
        expect(result.body).not.toMatch(/stack|\.ts:|\.js:/);
      }
      // A GET carrying the extension in its query string answers the same.
      const extensions = encodeURIComponent(
        JSON.stringify({ persistedQuery: { version: 1, sha256Hash: "a".repeat(64) } }),
      );
      const get = await h(
        httpEvent({
          method: "GET",
          rawQueryString: `extensions=${extensions}`,
          headers: { authorization: `Bearer ${key}`, "apollo-require-preflight": "1" },
        }),
        lambdaContext(),
      );
      expect(get.statusCode, get.body).toBe(400);
      expect(JSON.parse(get.body ?? "{}").errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");

      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        expect(entry.level, line).not.toBe("ERROR");
        expect(line).not.toMatch(/stack|\.ts:\d|\.js:\d/);
      }
    });
  }
});

describe("forged cursors", () => {
  /** Re-signs a cursor with the given secret after editing its start key: what anyone knowing the secret can do. */
  function forge(cursor: string, secret: string, edit: (key: Record<string, unknown>) => unknown): string {
    const [payload] = cursor.split(".");
    const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as {
      s: string;
      k: Record<string, unknown>;
    };
    const forged = Buffer.from(JSON.stringify({ s: decoded.s, k: edit(decoded.k) })).toString("base64url");
    return `${forged}.${createHmac("sha256", secret).update(forged).digest("base64url")}`;
  }

  for (const mode of ["development", "production"] as const) {
    it(`are BAD_USER_INPUT whatever the start key says (${mode}; the development secret is public)`, async () => {
      const { seller, key } = await makeSeller();
      const other = await makeSeller();
      const { h, config, lines } = capturingHandler(mode);
      for (let i = 0; i < 2; i++) {
        const created = await graphql(
          h,
          `mutation($input: CreateOrderInput!) { createOrder(input: $input) { userErrors { code } } }`,
          { key, variables: { input: orderInput() } },
        );
        expect(created.body.data.createOrder.userErrors).toEqual([]);
      }
      const first = await graphql(h, `{ orders(first: 1) { pageInfo { endCursor } } }`, { key });
      const cursor = first.body.data.orders.pageInfo.endCursor as string;
      const edits: Record<string, (k: Record<string, unknown>) => unknown> = {
        "another seller's partition": (k) => ({
          ...k,
          sellerStatus: String(k.sellerStatus).replace(seller.id, other.seller.id),
          pk: "ORDER#x",
        }),
        "an attribute the list is not keyed on": (k) => ({ ...k, foo: "bar" }),
        "a key attribute missing": (k) => Object.fromEntries(Object.entries(k).slice(1)),
        "a number where the key is a string": (k) => ({ ...k, pk: 7 }),
        "no attributes at all": () => ({}),
        "an empty string": (k) => ({ ...k, sk: "" }),
      };
      for (const [what, edit] of Object.entries(edits)) {
        const response = await graphql(
          h,
          `query($after: String) { orders(first: 1, after: $after) { edges { node { id } } } }`,
          {
            key,
            variables: { after: forge(cursor, config.cursorSecret, edit) },
          },
        );
        expect(response.body.errors?.[0]?.extensions?.code, `${what}: ${JSON.stringify(response.body)}`).toBe(
          "BAD_USER_INPUT",
        );
      }
      expect(lines.filter((l) => JSON.parse(l).level === "ERROR")).toEqual([]);
    });
  }

  it("whose start key lies outside the list's key range are refused as such, not as another list's", async () => {
    const { seller, key } = await makeSeller();
    const marketplace = await makeMarketplace([seller.id]);
    const { h, config, lines } = capturingHandler("development");
    const created = await graphql(
      h,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`,
      { key, variables: { input: orderInput() } },
    );
    const opened = await graphql(
      h,
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { code } } }`,
      {
        key: marketplace,
        variables: {
          input: { orderId: created.body.data.createOrder.order.id, reason: "NOT_RECEIVED", source: "BUYER" },
        },
      },
    );
    expect(opened.body.data.openCase.userErrors).toEqual([]);
    const TIMELINE = `query($id: ID!, $after: String) {
      case(id: $id) { timeline(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } }
    }`;
    const id = opened.body.data.openCase.case.id;
    const first = await graphql(h, TIMELINE, { key, variables: { id, after: null } });
    // The same case's partition and list, but the case item itself: outside the timeline's `EVENT#` range.
    const after = forge(first.body.data.case.timeline.pageInfo.endCursor, config.cursorSecret, (k) => ({
      ...k,
      sk: "CASE",
    }));
    const response = await graphql(h, TIMELINE, { key, variables: { id, after } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.body.errors?.[0]?.message).toBe(
      "The cursor points outside what this list reads now; start again without `after`.",
    );
    expect(lines.filter((l) => JSON.parse(l).level === "ERROR")).toEqual([]);
  });
});

describe("a sellerId no seller can have", () => {
  // Keys that may name any seller put the id straight into a Query's key. Past 2,048 bytes AWS refuses
  // that Query (a masked 500); DynamoDB Local answers an empty list, so only the refusal shows it here.
  const lists = ["orders", "lateOrders", "cases", "deposits", "webhookEndpoints", "events"];
  const page = (list: string, sellerId: string) =>
    `{ ${list}(sellerId: ${JSON.stringify(sellerId)}, first: 1) { edges { cursor } } }`;

  it("is refused on `sellerId`, read by nothing, for an operator and an all-sellers marketplace key", async () => {
    const h = createGraphqlHandler({});
    const operator = await makeOperator();
    const marketplace = await makeMarketplace("ALL");
    for (const sellerId of ["s".repeat(3_000), " seller-padded ", "seller#ORDER", "ab"]) {
      for (const key of [operator, marketplace]) {
        // Deposits and webhook endpoints refuse marketplace keys outright (FORBIDDEN), whatever the seller.
        const refusedOutright = key === marketplace ? ["deposits", "webhookEndpoints"] : [];
        for (const list of lists.filter((l) => !refusedOutright.includes(l))) {
          const r = (await graphql(h, page(list, sellerId), { key })).body;
          const error = r.errors?.[0];
          expect(error?.extensions?.code, `${list} ${sellerId.slice(0, 20)}: ${JSON.stringify(r)}`).toBe(
            "BAD_USER_INPUT",
          );
          expect(error?.extensions?.argument).toBe("sellerId");
          expect(error?.message).toMatch(/^No seller has that id/);
        }
      }
    }
  });

  it("of the right shape is still a seller with nothing yet: an empty page", async () => {
    const h = createGraphqlHandler({});
    const r = (await graphql(h, page("orders", "sel_nobody_yet"), { key: await makeOperator() })).body;
    expect(r.errors, JSON.stringify(r)).toBeUndefined();
    expect(r.data.orders.edges).toEqual([]);
  });
});

describe("request log lines", () => {
  it("carry the principal's key id on every request, and no key", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "graphql" }, (line) => lines.push(line));
    const h = createGraphqlHandler({ logger });
    const { seller, key } = await makeSeller();
    const partner = await makePartner([seller.id]);
    const operator = `operator_${ulid()}`;
    const operatorKeyId = `key_${ulid()}`;
    await ApiKeys.putApiKey(testDb(), operator, {
      role: "OPERATOR",
      keyId: operatorKeyId,
      label: "op",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const keyIdOf = async (secret: string) => (await ApiKeys.principalForSecret(testDb(), secret))!.principalId;

    const calls: { key: string | null; query: string }[] = [
      { key, query: "{ orders(first: 1) { edges { cursor } } }" },
      { key: partner, query: `{ orders(sellerId: "${seller.id}", first: 1) { edges { cursor } } }` },
      { key: operator, query: "{ sellers(first: 1) { edges { cursor } } }" },
      // Refused requests are logged too: a validation error, a FORBIDDEN, a persisted query.
      { key, query: "{ nope }" },
      { key: partner, query: `{ orders(sellerId: "sel_other", first: 1) { edges { cursor } } }` },
    ];
    const expected: (string | null)[] = [];
    for (const call of calls) {
      await graphql(h, call.query, { key: call.key });
      expected.push(call.key ? await keyIdOf(call.key) : null);
    }
    // No credential at all: the line says so explicitly.
    await graphql(h, "{ __typename }", { key: null });
    expected.push(null);

    const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.message === "request");
    expect(requests).toHaveLength(expected.length);
    expect(requests.map((r) => r.principalId)).toEqual(expected);
    expect(requests.map((r) => r.principalId)).toContain(operatorKeyId);
    for (const line of lines) {
      expect(line).not.toContain(key);
      expect(line).not.toContain(partner);
      expect(line).not.toContain(operator);
    }
  });

  it("carry the key id on an internal error's line too", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: "graphql" }, (line) => lines.push(line));
    const { key } = await makeSeller();
    const keyId = (await ApiKeys.principalForSecret(testDb(), key))!.principalId;
    const broken = createGraphqlHandler({
      logger,
      db: { doc: testDb().doc, tables: { ...testDb().tables, Orders: "missing-table" } },
    });
    await graphql(broken, `{ orders(first: 1) { edges { cursor } } }`, { key });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e.level === "ERROR")?.principalId).toBe(keyId);
    expect(entries.find((e) => e.message === "request")?.principalId).toBe(keyId);
  });
});
