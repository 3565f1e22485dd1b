import { describe, expect, it } from "vitest";
import { armorRules, depthCounting, LIMITS } from "@seller-ops/api/src/limits";
import { handler } from "@seller-ops/functions/src/graphql";
import { graphql, parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { makeOperator, makeSeller, orderInput, scanWhere } from "../support/fixtures";
import { withNamedFragments } from "../support/fragments";

/** Each limit: the request at the limit passes, one past it is refused with a clear error. */
describe("GraphQL limits", () => {
  const code = (response: Awaited<ReturnType<typeof graphql>>) => response.body.errors?.[0]?.extensions?.code;

  it(`allows ${LIMITS.maxAliases} aliases, refuses one more`, async () => {
    const { key } = await makeSeller();
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: seller(id: "s${i}") { id }`).join(" ")} }`;
    expect((await graphql(handler, aliases(LIMITS.maxAliases), { key })).body.errors).toBeUndefined();
    const refused = await graphql(handler, aliases(LIMITS.maxAliases + 1), { key });
    expect(code(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.body.errors?.[0]?.message).toMatch(/alias/i);
    // An alias spelt `__typename` is an alias like any other: it hid one more call from the count.
    const hidden = `{ __typename: seller(id: "s99") { id } ${aliases(LIMITS.maxAliases).slice(1)}`;
    expect(code(await graphql(handler, hidden, { key }))).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it(`refuses a document of more than ${LIMITS.maxTokens} tokens`, async () => {
    const { key } = await makeSeller();
    // `{ __typename ... }`: 2 braces + n fields.
    const doc = (n: number) => `{ ${Array.from({ length: n }, () => "__typename").join(" ")} }`;
    expect(
      (await graphql(handler, doc(LIMITS.maxTokens - 2), { key })).body.errors?.some((e) => /token/i.test(e.message)) ??
        false,
    ).toBe(false);
    const refused = await graphql(handler, doc(LIMITS.maxTokens), { key });
    expect(refused.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it(`allows ${LIMITS.maxDirectives} directives, refuses one more`, async () => {
    const { key } = await makeSeller();
    const doc = (n: number) =>
      `{ ${Array.from({ length: n }, () => "... @include(if: true) { __typename }").join(" ")} }`;
    expect((await graphql(handler, doc(LIMITS.maxDirectives), { key })).body.errors).toBeUndefined();
    const refused = await graphql(handler, doc(LIMITS.maxDirectives + 1), { key });
    expect(refused.body.errors?.[0]?.message).toMatch(/directive/i);
  });

  it(`allows depth ${LIMITS.maxDepth}, refuses one more`, async () => {
    const { key } = await makeSeller();
    expect((await graphql(handler, deepQuery(LIMITS.maxDepth), { key })).body.errors).toBeUndefined();
    const refused = await graphql(handler, deepQuery(LIMITS.maxDepth + 1), { key });
    expect(code(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.body.errors?.[0]?.message).toBe(
      `Query depth limit of ${LIMITS.maxDepth} exceeded, found ${LIMITS.maxDepth + 1}.`,
    );
  });

  it("counts the depth of a query written with named fragments as written inline", async () => {
    const { key } = await makeSeller();
    const { buildSchema, parse, print } = await import("graphql");
    const { readFileSync } = await import("node:fs");
    const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
    const inFragments = (depth: number) => print(withNamedFragments(schema, parse(deepQuery(depth))));
    expect(inFragments(LIMITS.maxDepth)).toContain("fragment F9 on Deposit");
    const atLimit = await graphql(handler, inFragments(LIMITS.maxDepth), { key });
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.body.data).toEqual((await graphql(handler, deepQuery(LIMITS.maxDepth), { key })).body.data);
    const refused = await graphql(handler, inFragments(LIMITS.maxDepth + 1), { key });
    expect(code(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(refused.body.errors?.[0]?.message).toBe(
      `Query depth limit of ${LIMITS.maxDepth} exceeded, found ${LIMITS.maxDepth + 1}.`,
    );
  });

  it(
    "refuses a query whose cost, multiplied by page sizes, is above " +
      "the budget, and reports the cost of every query",
    async () => {
      const { key } = await makeSeller();
      const cheap = await graphql(handler, "{ orders(first: 10) { edges { node { id shipBy } } } }", { key });
      expect(cheap.body.errors).toBeUndefined();
      expect((cheap.body as any).extensions.cost).toEqual({ requested: expect.any(Number), budget: LIMITS.maxCost });
      const tenTimes = await graphql(handler, "{ orders(first: 100) { edges { node { id shipBy } } } }", { key });
      expect((tenTimes.body as any).extensions.cost.requested).toBeGreaterThan(
        9 * (cheap.body as any).extensions.cost.requested,
      );
      // A page of 100 cases with 100 timeline events each: 10,000 events.
      const costly = await graphql(
        handler,
        "{ cases(first: 100) { edges { node { id timeline(first: 100) { edges { node { id } } } } } } }",
        { key },
      );
      expect(code(costly)).toBe("QUERY_TOO_COSTLY");
      expect(costly.body.errors?.[0]?.message).toContain(String(LIMITS.maxCost));
      expect(costly.body.data).toBeUndefined();
    },
  );

  it("counts the orders an import writes: one full import fits, two aliases of it write nothing", async () => {
    const { seller, key } = await makeSeller();
    const orders = Array.from({ length: 100 }, () => {
      const { idempotencyKey: _k, ...order } = orderInput();
      return order;
    });
    const imports = (n: number) =>
      `mutation($o: [ImportOrderInput!]!) { ${Array.from(
        { length: n },
        (_, i) => `i${i}: importOrders(input: { orders: $o }) { createdCount duplicateCount }`,
      ).join(" ")} }`;
    // Two aliases of one 100-order variable: 200 writes in one request (15 aliases made 1,500).
    const twice = await graphql(handler, imports(2), { key, variables: { o: orders } });
    expect(code(twice)).toBe("QUERY_TOO_COSTLY");
    expect((twice.body as any).extensions.cost.requested).toBeGreaterThan(200 * LIMITS.importedOrderCost);
    expect(twice.body.data).toBeUndefined();
    expect(await scanWhere("Orders", (item) => item.sellerId === seller.id)).toEqual([]);
    const once = await graphql(handler, imports(1), { key, variables: { o: orders } });
    expect(once.body.errors).toBeUndefined();
    expect(once.body.data.i0).toEqual({ createdCount: 100, duplicateCount: 0 });
    expect((once.body as any).extensions.cost.requested).toBeGreaterThan(100 * LIMITS.importedOrderCost);
  });

  it("prices a field that assesses a deposit when read: a review queue page pays for its assessments", async () => {
    const operator = await makeOperator();
    const page = (first: number, fields: string) =>
      `{ depositRefundApplications(first: ${first}) { edges { node { id ${fields} } } } }`;
    const plain = await graphql(handler, page(100, "recommendation"), { key: operator });
    expect(plain.body.errors).toBeUndefined();
    const assessed = await graphql(handler, page(100, "currentRecommendation"), { key: operator });
    expect(assessed.body.errors).toBeUndefined();
    const each = LIMITS.assessedFieldCosts["DepositRefundApplication.currentRecommendation"]!;
    expect((assessed.body as any).extensions.cost.requested).toBe(
      // In place of a field that costs 1.
      (plain.body as any).extensions.cost.requested + 100 * (each - 1),
    );
    // Aliased pages of assessments: refused before any deposit is read.
    const aliased = `{ ${Array.from(
      { length: 3 },
      (_, i) =>
        `p${i}: depositRefundApplications(first: 100) { edges { node { currentEligibility { recommendation } } } }`,
    ).join(" ")} }`;
    const refused = await graphql(handler, aliased, { key: operator });
    expect(code(refused)).toBe("QUERY_TOO_COSTLY");
    expect(refused.body.data).toBeUndefined();
  });

  it("prices a connection below the root per call: aliased case pages each reading every case's timeline", async () => {
    const { key } = await makeSeller();
    const timeline = "timeline(first: 1) { edges { node { id } } }";
    const page = (withIt: boolean) => `{ cases(first: 100) { edges { node { id ${withIt ? timeline : ""} } } } }`;
    const without = await graphql(handler, page(false), { key });
    const withTimeline = await graphql(handler, page(true), { key });
    expect(withTimeline.body.errors).toBeUndefined();
    // Per case: the timeline field (1), its page of one entry (edges, node, id: 3) and the call itself.
    expect((withTimeline.body as any).extensions.cost.requested).toBe(
      (without.body as any).extensions.cost.requested + 100 * (1 + 3 + LIMITS.nestedConnectionCallCost),
    );
    // Nine such pages would be 900 Queries: refused before any case is read.
    const aliased = `{ ${Array.from(
      { length: 9 },
      (_, i) => `p${i}: cases(first: 100) { edges { node { timeline(first: 1) { edges { node { id } } } } } }`,
    ).join(" ")} }`;
    const refused = await graphql(handler, aliased, { key });
    expect(code(refused)).toBe("QUERY_TOO_COSTLY");
    expect(refused.body.data).toBeUndefined();
  });

  it("prices a case's availableActions for the reads it may make", async () => {
    const { key } = await makeSeller();
    const page = (field: string) => `{ cases(first: 100) { edges { node { id ${field} } } } }`;
    const plain = await graphql(handler, page("status"), { key });
    const actions = await graphql(handler, page("availableActions"), { key });
    expect(actions.body.errors).toBeUndefined();
    expect((actions.body as any).extensions.cost.requested).toBe(
      (plain.body as any).extensions.cost.requested + 100 * (LIMITS.assessedFieldCosts["Case.availableActions"]! - 1),
    );
  });

  it("prices a seller's health and overview for the reads they make", async () => {
    const operator = await makeOperator();
    const page = (field: string) => `{ sellers(first: 100) { edges { node { id ${field} } } } }`;
    const plain = await graphql(handler, page("name"), { key: operator });
    const health = await graphql(handler, page("health { status }"), { key: operator });
    const overview = await graphql(handler, page("overview { ordersLate }"), { key: operator });
    for (const r of [health, overview]) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const requested = (r: typeof plain) => (r.body as any).extensions.cost.requested as number;
    // Per seller, in place of `name` (1): the field at its cost for the reads, and the one field it selects (1).
    expect(requested(health)).toBe(requested(plain) + 100 * LIMITS.assessedFieldCosts["Seller.health"]!);
    expect(requested(overview)).toBe(requested(plain) + 100 * LIMITS.assessedFieldCosts["Seller.overview"]!);
    // sellerRisk runs the same health read: the field at that cost, and the one field it selects.
    const { key } = await makeSeller();
    const risk = await graphql(handler, "{ sellerRisk { score } }", { key });
    expect(risk.body.errors, JSON.stringify(risk.body.errors)).toBeUndefined();
    expect(requested(risk)).toBe(LIMITS.assessedFieldCosts["Query.sellerRisk"]! + 1);
  });

  it(`refuses first above ${LIMITS.maxPageSize}`, async () => {
    const { key } = await makeSeller();
    expect(
      (await graphql(handler, `{ orders(first: ${LIMITS.maxPageSize}) { edges { cursor } } }`, { key })).body.errors,
    ).toBeUndefined();
    expect(
      code(await graphql(handler, `{ orders(first: ${LIMITS.maxPageSize + 1}) { edges { cursor } } }`, { key })),
    ).toBe("BAD_USER_INPUT");
  });

  it("refuses batched requests", async () => {
    const { key } = await makeSeller();
    const result = await handler(
      httpEvent({
        body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(400);
  });
});

/** Ways around the cost budget: each is priced or refused, never run unpriced. */
describe("the cost budget cannot be skipped", () => {
  const code = (response: Awaited<ReturnType<typeof graphql>>) => response.body.errors?.[0]?.extensions?.code;
  const requested = (response: Awaited<ReturnType<typeof graphql>>) => (response.body as any).extensions.cost.requested;
  // 100 cases of 100 timeline events: far above the budget alone.
  const heavy = "cases(first: 100) { edges { node { id timeline(first: 100) { edges { node { id } } } } } }";
  /** One POST naming the operation to run, as a client of a multi-operation document sends it. */
  const send = async (key: string, body: { query: string; operationName?: string; variables?: object }) =>
    parse<any>(
      await handler(
        httpEvent({
          body: JSON.stringify(body),
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        }),
        lambdaContext(),
      ),
    );

  it("prices the operation a document selects, not the others (whose variables it need not carry)", async () => {
    const { key } = await makeSeller();
    const other = "query B($x: ID!) { seller(id: $x) { id } }";
    // The other operation's variable is missing: pricing the whole document failed, and A ran unpriced.
    const refused = await send(key, { query: `query A { ${heavy} } ${other}`, operationName: "A", variables: {} });
    expect(code(refused)).toBe("QUERY_TOO_COSTLY");
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    // Each operation of one document at its own cost (the same parsed document, priced twice).
    const both = `query Light { orders(first: 1) { edges { cursor } } } query Heavy { ${heavy} }`;
    const light = await send(key, { query: both, operationName: "Light" });
    expect(light.body.errors).toBeUndefined();
    expect(requested(light)).toBeLessThan(10);
    expect(code(await send(key, { query: both, operationName: "Heavy" }))).toBe("QUERY_TOO_COSTLY");
    expect(requested(await send(key, { query: both, operationName: "Light" }))).toBeLessThan(10);
    // The selected operation's own variables still answer as before: a 400 naming the variable.
    const missing = await send(key, { query: `query A { ${heavy} } ${other}`, operationName: "B" });
    expect(missing.status).toBe(400);
    expect(code(missing)).toBe("BAD_USER_INPUT");
    expect(missing.body.errors?.[0]?.message).toMatch(/\$x/);
  });

  it("refuses imports above the budget beside an operation missing its variables, and writes nothing", async () => {
    const { seller, key } = await makeSeller();
    const orders = Array.from({ length: 100 }, () => {
      const { idempotencyKey: _k, ...order } = orderInput();
      return order;
    });
    const imports = ["i0", "i1"].map((i) => `${i}: importOrders(input: { orders: $o }) { createdCount }`).join(" ");
    const twice = await send(key, {
      query: `mutation M($o: [ImportOrderInput!]!) { ${imports} } query B($x: ID!) { seller(id: $x) { id } }`,
      operationName: "M",
      variables: { o: orders },
    });
    expect(code(twice)).toBe("QUERY_TOO_COSTLY");
    expect(twice.body.data).toBeUndefined();
    expect(await scanWhere("Orders", (item) => item.sellerId === seller.id)).toEqual([]);
  });

  it("refuses a query it cannot price: fragments spread into more fields than the cost walk counts", async () => {
    const { key } = await makeSeller();
    // 200 spreads of 300 fields: 60,000 fields from a document of ~550 tokens.
    const spreads = Array.from({ length: 200 }, () => "...P").join(" ");
    const fields = Array.from({ length: 300 }, () => "__typename").join(" ");
    const padded = await send(key, { query: `{ ${heavy} viewer { ${spreads} } } fragment P on Viewer { ${fields} }` });
    expect(code(padded)).toBe("QUERY_TOO_COSTLY");
    expect(padded.status).toBe(400);
    expect(padded.body.data).toBeUndefined();
    expect(padded.body.errors?.[0]?.message).toMatch(/fragment/);
    // Also without a costly list: the fields alone cannot be priced.
    const fieldsOnly = await send(key, { query: `{ viewer { ${spreads} } } fragment P on Viewer { ${fields} }` });
    expect(code(fieldsOnly)).toBe("QUERY_TOO_COSTLY");
  });

  it(`prices a page below 1 as a page of ${LIMITS.maxPageSize}: a negative one cancels no other cost`, async () => {
    const { key } = await makeSeller();
    const negative = await send(key, { query: `{ ${heavy} x: orders(first: -2147483648) { edges { cursor } } }` });
    expect(code(negative)).toBe("QUERY_TOO_COSTLY");
    expect(negative.body.data).toBeUndefined();
    const page = (first: number) => `{ orders(first: ${first}) { edges { node { id shipBy } } } }`;
    const full = requested(await send(key, { query: page(LIMITS.maxPageSize) }));
    for (const first of [-1, 0, -2147483648]) {
      const refused = await send(key, { query: page(first) });
      expect(code(refused), `first: ${first}`).toBe("BAD_USER_INPUT");
      expect(requested(refused), `first: ${first}`).toBe(full);
    }
  });
});

/**
 * A valid query exactly `depth` levels deep as Armor counts them (the leaf is a level, fragments are none).
 * A deposit lists its refund applications and each names its deposit: the one path of the schema that goes
 * as deep as asked, and cheap enough at the limit (a seller's first deposit, three levels of applications).
 */
function deepQuery(depth: number): string {
  const path = ["deposits(first: 1)", "edges", "node"];
  while (path.length < depth - 1) path.push(path.length % 2 === 1 ? "refundApplications" : "deposit");
  const fields = path.slice(0, depth - 1);
  return `{ ${fields.map((f) => `${f} {`).join(" ")} __typename ${"}".repeat(fields.length)} }`;
}

describe("the depth limit", () => {
  it(
    "is the deepest example operation plus 2, and every example operation is within every limit, at its default and " +
      "at its largest page",
    async () => {
      const { readdirSync, readFileSync } = await import("node:fs");
      const { join } = await import("node:path");
      const { buildSchema, parse, specifiedRules, validate } = await import("graphql");
      const { maxDepthRule } = await import("@escape.tech/graphql-armor-max-depth");
      const { payloadCost, queryCost } = await import("@seller-ops/api/src/limits");
      const root = new URL("../../graphql/", import.meta.url).pathname;
      const schema = buildSchema(readFileSync(join(root, "schema.graphql"), "utf8"));
      const files = ["seller", "partner", "marketplace", "operator"].flatMap((dir) =>
        readdirSync(join(root, "operations", dir))
          .filter((f) => f.endsWith(".graphql"))
          .map((f) => join(root, "operations", dir, f)),
      );
      expect(files.length).toBeGreaterThan(5);
      // The depth of a document as Armor counts it: the smallest limit that accepts it.
      const depthOf = (doc: ReturnType<typeof parse>) => {
        try {
          validate(schema, doc, [maxDepthRule({ n: 0, exposeLimits: true, ...depthCounting })]);
        } catch (error) {
          const found = /found (\d+)/.exec((error as Error).message);
          if (found) return Number(found[1]);
          throw error;
        }
        return 0;
      };
      let deepest = 0;
      for (const file of files) {
        const source = readFileSync(file, "utf8");
        const doc = parse(source, { maxTokens: LIMITS.maxTokens });
        deepest = Math.max(deepest, depthOf(doc));
        expect(validate(schema, doc), file).toEqual([]);
        // Written with named fragments (every selection set in one of its own), it is as deep, as costly,
        // and passes the same limits.
        const inFragments = withNamedFragments(schema, doc);
        expect(inFragments.definitions.length, file).toBeGreaterThan(doc.definitions.length);
        expect(depthOf(inFragments), `${file} in fragments`).toBe(depthOf(doc));
        expect(validate(schema, inFragments, [...specifiedRules, ...armorRules()]), `${file} in fragments`).toEqual([]);
        const variablesFile = file.replace(/\.graphql$/, ".variables.json");
        const variables = (() => {
          try {
            return JSON.parse(readFileSync(variablesFile, "utf8"));
          } catch {
            return {};
          }
        })();
        expect(queryCost(schema, doc, variables), file).toBeLessThanOrEqual(LIMITS.maxCost);
        // A mutation's payload, at the largest input it takes (an import of 100 orders), fits its own budget
        // with room to spare.
        if (doc.definitions.some((d) => d.kind === "OperationDefinition" && d.operation === "mutation")) {
          const orders = variables.input?.orders;
          const largest = orders ? { input: { ...variables.input, orders: Array(100).fill(orders[0]) } } : variables;
          expect(payloadCost(schema, doc, largest), `${file} payload`).toBeLessThanOrEqual(LIMITS.maxPayloadCost * 0.7);
        }
        expect(queryCost(schema, inFragments, variables), `${file} in fragments`).toBe(
          queryCost(schema, doc, variables),
        );
        // The documented page sizes must work: every list at the largest page a list allows fits the budget.
        expect(
          queryCost(schema, doc, { ...variables, first: LIMITS.maxPageSize }),
          `${file} at first: ${LIMITS.maxPageSize}`,
        ).toBeLessThanOrEqual(LIMITS.maxCost);
        expect((source.match(/\w+\s*:\s*\w+\s*[({]/g) ?? []).length, `${file} aliases`).toBeLessThanOrEqual(
          LIMITS.maxAliases,
        );
      }
      expect(LIMITS.maxDepth).toBe(deepest + 2);
    },
  );
});

describe("the mutation payload budget", () => {
  it("knows the longest value of every text field: those not weighed are ids, codes and cursors", async () => {
    const { readFileSync } = await import("node:fs");
    const { buildSchema, getNamedType, isObjectType } = await import("graphql");
    const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
    const texts = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
      .flatMap((type) =>
        Object.values((type as import("graphql").GraphQLObjectType).getFields())
          .filter((field) => ["String", "JSON"].includes(getNamedType(field.type).name))
          .map((field) => `${type.name}.${field.name}`),
      );
    const unweighed = texts.filter((field) => !(field in LIMITS.payloadTextUnits)).sort();
    // At most 64 characters each, or ASCII (cursors): one payload unit. A new text field longer than that goes into
    // LIMITS.payloadTextUnits instead, or a mutation's answer could pass what the budget promises.
    expect(unweighed).toEqual(
      [
        "ApiKeyEdge.cursor",
        "BuyerMessage.language",
        "CaseEdge.cursor",
        "CaseEventEdge.cursor",
        "CaseEvidence.submittedBy",
        "CreateApiKeyPayload.secret",
        "DepositEdge.cursor",
        "DepositRefundApplicationEdge.cursor",
        "DepositRefundProgress.salesBasis",
        "EvidenceDocument.checksum",
        "Event.actorKeyId",
        "EventEdge.cursor",
        "HealthMetric.window",
        "MonthlySales.month",
        "Money.formatted",
        "Order.carrier",
        "Order.marketplaceOrderId",
        "Order.trackingNumber",
        "OrderEdge.cursor",
        "OrderItem.sku",
        "PageInfo.endCursor",
        "PageInfo.startCursor",
        "RegisterWebhookEndpointPayload.signingSecret",
        "ImportOrderResult.marketplaceOrderId",
        "ReturnShipment.carrier",
        "ReturnShipment.trackingNumber",
        "RiskAssessment.modelVersion",
        "RotateWebhookSecretPayload.signingSecret",
        "SellerEdge.cursor",
        "SellerHealth.modelVersion",
        "Seller.timeZone",
        "UserError.field",
        "Violation.voidedBy",
        "WebhookDelivery.objectType",
        "WebhookDeliveryEdge.cursor",
        "WebhookEndpointEdge.cursor",
      ].sort(),
    );
  });
});
