import { configFromEnv, createLogger } from "@seller-ops/api";
import { Webhooks } from "@seller-ops/core";
import { ApiKeys, SellersRepo, storedPayloadOf, WebhookEndpointsRepo } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { overwriteEndpointItem } from "../support/webhooks";
import { anotherPartner, world, type World } from "../support/world";

/**
 * Webhook endpoints through the Lambda handler: registered with a signing secret shown once,
 * rotated with an overlap, switched off and on, changed; the URL rules; who sees and changes which
 * endpoint; the secret never stored in the clear (a retry with the key answers it, opened from its sealed
 * copy), never logged.
 */

const ENDPOINT =
  "webhookEndpoint { id scope sellerId url eventTypes status disabledReason secretOverlapEndsAt version }";

async function call(w: World, key: string, name: string, type: string, input: Record<string, unknown>) {
  const selection = name === "registerWebhookEndpoint" || name === "rotateWebhookSecret" ? "signingSecret" : "";
  const response = await graphql(
    w.api,
    `mutation($input: ${type}!) { ${name}(input: $input) { ${ENDPOINT} ${selection} ` +
      `userErrors { field code message } } }`,
    { key, variables: { input } },
  );
  return response;
}

async function register(w: World, key: string, input: Record<string, unknown>) {
  const response = await call(w, key, "registerWebhookEndpoint", "RegisterWebhookEndpointInput", {
    url: "https://erp.example.com/hooks/seller-ops",
    ...input,
  });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.registerWebhookEndpoint;
}

async function list(w: World, key: string, sellerId?: string) {
  const response = await graphql(
    w.api,
    `query($sellerId: ID) { webhookEndpoints(sellerId: $sellerId, first: 50) { edges { node { id url } } } }`,
    { key, variables: { sellerId } },
  );
  return response;
}

const ids = (response: Awaited<ReturnType<typeof list>>) =>
  response.body.data.webhookEndpoints.edges.map((e: { node: { id: string } }) => e.node.id);

describe("registering a webhook endpoint", () => {
  let w: World;
  const lines: string[] = [];
  beforeAll(async () => {
    w = await world();
    // Every log line the handler writes, to prove no secret reaches the logs.
    w.api = createGraphqlHandler({
      db: w.db,
      clock: () => w.now,
      config: configFromEnv({ METRICS_DISABLED: "true" }),
      logger: createLogger({}, (line) => lines.push(line)),
    });
  }, 60_000);

  it("answers the signing secret, and again to a retry with its key: stored sealed only, never logged", async () => {
    const input = { sellerId: w.sellerId, eventTypes: ["ORDER_SHIPPED", "CASE_OPENED"], idempotencyKey: ulid() };
    const first = await register(w, w.operator, input);
    expect(first.userErrors).toEqual([]);
    expect(first.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(first.webhookEndpoint).toMatchObject({
      scope: "SELLER",
      sellerId: w.sellerId,
      url: "https://erp.example.com/hooks/seller-ops",
      eventTypes: ["ORDER_SHIPPED", "CASE_OPENED"],
      status: "ENABLED",
      disabledReason: null,
      secretOverlapEndsAt: null,
      version: 1,
    });
    const replay = await register(w, w.operator, input);
    expect(replay).toEqual(first);

    const secret: string = first.signingSecret;
    const body = secret.slice("whsec_".length);
    const stored = JSON.stringify([await scanTable(w.db, "WebhookEndpoints"), await scanTable(w.db, "Idempotency")]);
    expect(stored).toContain(first.webhookEndpoint.id);
    expect(stored).not.toContain(body);
    expect(stored).not.toContain("local-development-webhook-secret-key");
    // The idempotency record keeps the secret sealed, never in the clear (the answer is stored
    // compressed: read it as a replay does, or the check could not see a secret).
    const answers = (await scanTable(w.db, "Idempotency")).map((record) => storedPayloadOf(record));
    expect(JSON.stringify(answers)).toContain(first.webhookEndpoint.id);
    expect(JSON.stringify(answers)).toContain("whsealed1.");
    expect(JSON.stringify(answers)).not.toContain(body);
    expect(JSON.stringify(answers)).not.toContain("whsec_");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(body);

    // The server still signs with it: the sealed secret opens with the configured key.
    const endpoint = await WebhookEndpointsRepo.get(w.db, w.sellerId, first.webhookEndpoint.id);
    expect(
      WebhookEndpointsRepo.signingSecrets(endpoint!, configFromEnv({}).webhooks.keyring, w.now.toISOString()),
    ).toEqual([secret]);
  });

  it("lists a scope's endpoints without any secret field", async () => {
    const registered = await register(w, w.key, {});
    const response = await graphql(
      w.api,
      `{ webhookEndpoints(first: 50) { edges { node { id scope eventTypes status createdAt updatedAt } } } }`,
      { key: w.key },
    );
    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data.webhookEndpoints.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual(
      expect.objectContaining({ id: registered.webhookEndpoint.id, scope: "SELLER", eventTypes: [] }),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/whsec_|whsealed/);
  });

  it("refuses URLs that break the rules with WEBHOOK_URL_REFUSED, writing nothing", async () => {
    const before = (await scanTable(w.db, "WebhookEndpoints")).length;
    for (const url of [
      "http://erp.example.com/hooks",
      "https://user:pass@erp.example.com/hooks",
      "https://10.0.0.5/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://[fd00::1]/hooks",
      "https://127.0.0.2/hooks",
      "http://localhost:4010/hooks",
      "ftp://erp.example.com/hooks",
      "not a url",
      "https://erp.example.com:25/hooks",
      "https://erp.example.com:22/hooks",
      "https://erp.example.com:1023/hooks",
    ]) {
      const answer = await register(w, w.operator, { sellerId: w.sellerId, url });
      expect(answer.userErrors, url).toEqual([
        expect.objectContaining({ code: "WEBHOOK_URL_REFUSED", field: ["input", "url"] }),
      ]);
      expect(answer.webhookEndpoint).toBeNull();
      expect(answer.signingSecret).toBeNull();
    }
    expect((await scanTable(w.db, "WebhookEndpoints")).length).toBe(before);
  });

  it("accepts http://localhost only where the configuration allows local endpoints (npm start)", async () => {
    const local = createGraphqlHandler({
      db: w.db,
      clock: () => w.now,
      config: configFromEnv({ WEBHOOKS_ALLOW_LOCAL_ENDPOINTS: "true", METRICS_DISABLED: "true" }),
    });
    const response = await graphql(
      local,
      `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { ` +
        `webhookEndpoint { url } userErrors { code } } }`,
      { key: w.operator, variables: { input: { sellerId: w.sellerId, url: "http://localhost:4010/hooks" } } },
    );
    expect(response.body.data.registerWebhookEndpoint).toEqual({
      webhookEndpoint: { url: "http://localhost:4010/hooks" },
      userErrors: [],
    });
  });

  it("operators register operator-scope endpoints by naming no seller; no one else can", async () => {
    const ops = await register(w, w.operator, {});
    expect(ops.webhookEndpoint).toMatchObject({ scope: "OPERATORS", sellerId: null });
    expect(ids(await list(w, w.operator))).toContain(ops.webhookEndpoint.id);
    expect(ids(await list(w, w.operator, w.sellerId))).not.toContain(ops.webhookEndpoint.id);
    // A seller key naming no seller registers for its own seller, never the operator scope.
    expect((await register(w, w.key, {})).webhookEndpoint.scope).toBe("SELLER");
    const marketplace = await call(w, w.marketplace, "registerWebhookEndpoint", "RegisterWebhookEndpointInput", {
      sellerId: w.sellerId,
      url: "https://market.example.com/hooks",
    });
    expect(marketplace.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await list(w, w.marketplace, w.sellerId)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the operator scope is no seller's", () => {
  it("no seller can be created under its id", async () => {
    const w = await world();
    const response = await graphql(
      w.api,
      "mutation($input: CreateSellerInput!) { createSeller(input: $input) { seller { id } " +
        "userErrors { field code message } } }",
      {
        key: w.operator,
        variables: {
          input: { id: "OPERATORS", name: "Ops Ltd", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" },
        },
      },
    );
    expect(response.body.data.createSeller).toEqual({
      seller: null,
      userErrors: [
        {
          field: ["input", "id"],
          code: "INVALID_INPUT",
          message: "The seller id OPERATORS is reserved for the platform: choose another.",
        },
      ],
    });
    expect(await SellersRepo.getSeller(w.db, "OPERATORS")).toBeNull();
  });

  it("a seller stored under it before it was reserved neither sees nor changes the operators' endpoints", async () => {
    const w = await world();
    const ops = await register(w, w.operator, { url: "https://ops.example.com/hooks" });
    const createdAt = w.now.toISOString();
    await SellersRepo.putSellerIfAbsent(w.db, {
      id: "OPERATORS",
      name: "Ops Ltd",
      settlementCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      createdAt,
    });
    const sellerKey = `seller_${ulid()}`;
    await ApiKeys.putApiKey(w.db, sellerKey, {
      role: "SELLER",
      keyId: `key_${ulid()}`,
      label: "a seller named like the scope",
      sellerId: "OPERATORS",
      createdAt,
    });
    const endpointId = ops.webhookEndpoint.id;
    const attempts = [
      await list(w, sellerKey),
      await call(w, sellerKey, "rotateWebhookSecret", "RotateWebhookSecretInput", { endpointId }),
      await call(w, sellerKey, "updateWebhookEndpoint", "UpdateWebhookEndpointInput", {
        endpointId,
        url: "https://elsewhere.example.net/hooks",
      }),
      await call(w, sellerKey, "registerWebhookEndpoint", "RegisterWebhookEndpointInput", {
        url: "https://elsewhere.example.net/hooks",
      }),
    ];
    for (const response of attempts) expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const after = await graphql(w.api, "{ webhookEndpoints(first: 50) { edges { node { id url version } } } }", {
      key: w.operator,
    });
    expect(after.body.data.webhookEndpoints.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: endpointId, url: "https://ops.example.com/hooks", version: ops.webhookEndpoint.version },
    ]);
  });
});

describe("rotating, switching off and on, changing", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  }, 60_000);

  it("a rotation shows the new secret, and to a retry with its key; both sign until the overlap ends", async () => {
    const registered = await register(w, w.key, {});
    const id = registered.webhookEndpoint.id;
    const input = { endpointId: id, overlapHours: 48, expectedVersion: 1, idempotencyKey: ulid() };
    const rotated = (await call(w, w.key, "rotateWebhookSecret", "RotateWebhookSecretInput", input)).body.data
      .rotateWebhookSecret;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(rotated.signingSecret).not.toBe(registered.signingSecret);
    const overlapEnd = new Date(w.now.getTime() + 48 * 3_600_000).toISOString();
    expect(rotated.webhookEndpoint).toMatchObject({ version: 2, secretOverlapEndsAt: overlapEnd });
    const replay = (await call(w, w.key, "rotateWebhookSecret", "RotateWebhookSecretInput", input)).body.data
      .rotateWebhookSecret;
    // A retry with the key answers the same secret (the record keeps it sealed): no second rotation.
    expect(replay.signingSecret).toBe(rotated.signingSecret);
    expect(replay.webhookEndpoint.version).toBe(2);

    const stored = (await WebhookEndpointsRepo.get(w.db, w.sellerId, id))!;
    const keyring = configFromEnv({}).webhooks.keyring;
    expect(WebhookEndpointsRepo.signingSecrets(stored, keyring, w.now.toISOString())).toEqual([
      rotated.signingSecret,
      registered.signingSecret,
    ]);
    expect(WebhookEndpointsRepo.signingSecrets(stored, keyring, overlapEnd)).toEqual([rotated.signingSecret]);

    const tooLong = (
      await call(w, w.key, "rotateWebhookSecret", "RotateWebhookSecretInput", {
        endpointId: id,
        overlapHours: 169,
      })
    ).body.data.rotateWebhookSecret;
    expect(tooLong.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_INPUT", field: ["input", "overlapHours"] }),
    ]);
  });

  it("costs: registering is 4 requests, rotating 3 (6 with a key: claim, endpoint, record), listing 2", async () => {
    const { db, log } = instrumented(w.db);
    const counted = { ...w, api: createGraphqlHandler({ db, clock: () => w.now }) };
    const registered = await register(counted, w.key, {});
    // The scope's endpoints are one Query page (at most 10): none may stand switched off above the caller.
    expect(log.commands).toEqual([
      "GetItemCommand",
      "BatchGetItemCommand",
      "QueryCommand",
      "TransactWriteItemsCommand",
    ]);
    log.reset();
    await call(counted, w.key, "rotateWebhookSecret", "RotateWebhookSecretInput", {
      endpointId: registered.webhookEndpoint.id,
    });
    // The endpoint is one item and no event: written alone, not in a transaction.
    expect(log.commands).toEqual(["GetItemCommand", "GetItemCommand", "PutItemCommand"]);
    log.reset();
    await call(counted, w.key, "rotateWebhookSecret", "RotateWebhookSecretInput", {
      endpointId: registered.webhookEndpoint.id,
      idempotencyKey: ulid(),
    });
    expect(log.commands).toEqual([
      "GetItemCommand", // the API key
      "GetItemCommand", // the idempotency key's record
      "GetItemCommand", // the endpoint
      "PutItemCommand", // the key's claim
      "PutItemCommand", // the endpoint, with the key's marker
      "PutItemCommand", // the key's completed record, in place of its claim
    ]);
    log.reset();
    await list(counted, w.key);
    expect(log.commands).toEqual(["GetItemCommand", "QueryCommand"]);
  });

  it("disable and enable: an owner recovers an endpoint switched off for repeated failures", async () => {
    const registered = await register(w, w.partner, { sellerId: w.sellerId });
    const id = registered.webhookEndpoint.id;
    const target = { sellerId: w.sellerId, endpointId: id };
    const off = (await call(w, w.partner, "disableWebhookEndpoint", "DisableWebhookEndpointInput", target)).body.data
      .disableWebhookEndpoint;
    expect(off.webhookEndpoint).toMatchObject({ status: "DISABLED", disabledReason: "BY_OWNER", version: 2 });
    const again = (await call(w, w.partner, "disableWebhookEndpoint", "DisableWebhookEndpointInput", target)).body.data
      .disableWebhookEndpoint;
    expect(again.userErrors[0].code).toBe("INVALID_TRANSITION");
    const on = (await call(w, w.partner, "enableWebhookEndpoint", "EnableWebhookEndpointInput", target)).body.data
      .enableWebhookEndpoint;
    expect(on.webhookEndpoint).toMatchObject({ status: "ENABLED", disabledReason: null, version: 3 });

    // The dispatcher switches it off after repeated failures (its repo call), the owner switches it on.
    const stored = (await WebhookEndpointsRepo.get(w.db, w.sellerId, id))!;
    const failing = WebhookEndpointsRepo.disable(w.db, stored, "REPEATED_FAILURES", w.now.toISOString());
    if (!failing.ok) throw new Error("refused");
    await w.db.doc.send(
      new (await import("@aws-sdk/lib-dynamodb")).TransactWriteCommand({ TransactItems: failing.writes }),
    );
    const listed = await graphql(
      w.api,
      `query($s: ID) { webhookEndpoints(sellerId: $s) { edges { node { id status disabledReason } } } }`,
      { key: w.partner, variables: { s: w.sellerId } },
    );
    expect(listed.body.data.webhookEndpoints.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      id,
      status: "DISABLED",
      disabledReason: "REPEATED_FAILURES",
    });
    const stale = (
      await call(w, w.partner, "enableWebhookEndpoint", "EnableWebhookEndpointInput", {
        ...target,
        expectedVersion: 3,
      })
    ).body.data.enableWebhookEndpoint;
    expect(stale.userErrors[0].code).toBe("VERSION_CONFLICT");
    const recovered = (
      await call(w, w.partner, "enableWebhookEndpoint", "EnableWebhookEndpointInput", {
        ...target,
        expectedVersion: 4,
      })
    ).body.data.enableWebhookEndpoint;
    expect(recovered.webhookEndpoint).toMatchObject({ status: "ENABLED", version: 5 });
    expect(
      (await WebhookEndpointsRepo.listDeliverable(w.db, w.sellerId, w.now.toISOString())).endpoints.map(
        (e) => e.endpointId,
      ),
    ).toContain(id);
  });

  it("update changes the URL under the same rules, and the event types", async () => {
    const { webhookEndpoint } = await register(w, w.key, { eventTypes: ["ORDER_SHIPPED"] });
    const update = (input: Record<string, unknown>) =>
      call(w, w.key, "updateWebhookEndpoint", "UpdateWebhookEndpointInput", {
        endpointId: webhookEndpoint.id,
        ...input,
      });
    const refused = (await update({ url: "https://192.168.1.10/hooks" })).body.data.updateWebhookEndpoint;
    expect(refused.userErrors[0].code).toBe("WEBHOOK_URL_REFUSED");
    expect((await update({})).body.data.updateWebhookEndpoint.userErrors[0].code).toBe("INVALID_INPUT");
    const toSmtp = (await update({ url: "https://erp.example.com:25/h" })).body.data.updateWebhookEndpoint;
    expect(toSmtp.userErrors[0]).toMatchObject({ code: "WEBHOOK_URL_REFUSED", message: expect.stringContaining("25") });
    const changed = (await update({ url: "https://erp2.example.com/h", eventTypes: [] })).body.data
      .updateWebhookEndpoint;
    expect(changed.webhookEndpoint).toMatchObject({ url: "https://erp2.example.com/h", eventTypes: [], version: 2 });
  });
});

describe("who sees and changes which endpoint", () => {
  let w: World;
  let otherPartner: string;
  let readOnlyPartner: string;
  beforeAll(async () => {
    w = await world();
    otherPartner = await anotherPartner(w);
    readOnlyPartner = await anotherPartner(w, { access: "READ", label: "a reporting tool" });
  }, 60_000);

  it("a partner sees and changes only its own endpoints; the seller and operators see every one", async () => {
    const ofPartner = (await register(w, w.partner, { sellerId: w.sellerId })).webhookEndpoint.id;
    const ofSeller = (await register(w, w.key, {})).webhookEndpoint.id;
    expect(ids(await list(w, w.partner, w.sellerId))).toEqual([ofPartner]);
    expect(ids(await list(w, otherPartner, w.sellerId))).toEqual([]);
    expect(ids(await list(w, w.key))).toEqual(expect.arrayContaining([ofPartner, ofSeller]));
    expect(ids(await list(w, w.operator, w.sellerId))).toEqual(expect.arrayContaining([ofPartner, ofSeller]));

    for (const endpointId of [ofPartner, ofSeller]) {
      const taken = await call(w, otherPartner, "disableWebhookEndpoint", "DisableWebhookEndpointInput", {
        sellerId: w.sellerId,
        endpointId,
      });
      expect(taken.body.data.disableWebhookEndpoint.userErrors[0].code).toBe("NOT_FOUND");
    }
    const sellerDisables = await call(w, w.key, "disableWebhookEndpoint", "DisableWebhookEndpointInput", {
      endpointId: ofPartner,
    });
    expect(sellerDisables.body.data.disableWebhookEndpoint.webhookEndpoint.status).toBe("DISABLED");
    const readOnly = await call(w, readOnlyPartner, "registerWebhookEndpoint", "RegisterWebhookEndpointInput", {
      sellerId: w.sellerId,
      url: "https://reports.example.com/hooks",
    });
    expect(readOnly.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a revoked key's endpoints are listed but no longer deliverable", async () => {
    const created = await graphql(
      w.api,
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }`,
      {
        key: w.operator,
        variables: { input: { role: "PARTNER", label: "soon revoked", sellerIds: [w.sellerId], access: "READ_WRITE" } },
      },
    );
    const { apiKey, secret } = created.body.data.createApiKey;
    const endpointId = (await register(w, secret, { sellerId: w.sellerId })).webhookEndpoint.id;
    const deliverable = async () =>
      (await WebhookEndpointsRepo.listDeliverable(w.db, w.sellerId, w.now.toISOString())).endpoints.map(
        (e) => e.endpointId,
      );
    expect(await deliverable()).toContain(endpointId);
    await graphql(w.api, `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } } }`, {
      key: w.operator,
      variables: { input: { keyId: apiKey.id } },
    });
    expect(await deliverable()).not.toContain(endpointId);
    expect(ids(await list(w, w.key))).toContain(endpointId);
  });

  it("a scope holds at most 10 endpoints: the next is LIMIT_REACHED, nothing written", async () => {
    const fresh = await world();
    for (let i = 0; i < Webhooks.MAX_ENDPOINTS_PER_SCOPE; i++)
      expect((await register(fresh, fresh.key, {})).userErrors).toEqual([]);
    const over = await register(fresh, fresh.key, {});
    expect(over.userErrors).toEqual([expect.objectContaining({ code: "LIMIT_REACHED" })]);
    const endpoints = (await scanTable(fresh.db, "WebhookEndpoints")).filter((i) => i.endpointId);
    expect(endpoints).toHaveLength(Webhooks.MAX_ENDPOINTS_PER_SCOPE);
  });
});

describe("an endpoint item this code cannot read", () => {
  it("is left out of the scope's list, not failing it; a change to it is refused, writing nothing", async () => {
    const w = await world();
    const lines: Record<string, unknown>[] = [];
    w.api = createGraphqlHandler({
      db: w.db,
      clock: () => w.now,
      config: configFromEnv({ METRICS_DISABLED: "true" }),
      logger: createLogger({}, (line) => lines.push(JSON.parse(line))),
    });
    const otherPartner = await anotherPartner(w);
    const ofSeller = (await register(w, w.key, {})).webhookEndpoint.id;
    const ofPartner = (await register(w, w.partner, { sellerId: w.sellerId })).webhookEndpoint.id;
    const ofPartnerUnreadable = (await register(w, w.partner, { sellerId: w.sellerId })).webhookEndpoint.id;
    for (const endpointId of [ofSeller, ofPartnerUnreadable])
      await overwriteEndpointItem(w.db, { scope: w.sellerId, endpointId });

    for (const [key, sellerId] of [[w.key], [w.operator, w.sellerId], [w.partner, w.sellerId]] as const) {
      const listed = await list(w, key, sellerId);
      expect(listed.body.errors).toBeUndefined();
      expect(ids(listed)).toEqual([ofPartner]);
    }
    const logged = lines.filter((l) => l.message === "webhook endpoint item cannot be read");
    expect(logged.map((l) => l.endpointId)).toContain(ofSeller);
    expect(logged[0]).toMatchObject({ level: "ERROR", scope: w.sellerId });
    expect(JSON.stringify(lines)).not.toContain("erp.example.com");

    const stored = async () => (await scanTable(w.db, "WebhookEndpoints")).find((i) => i.endpointId === ofSeller);
    const before = await stored();
    const changes = [
      ["disableWebhookEndpoint", "DisableWebhookEndpointInput", {}],
      ["enableWebhookEndpoint", "EnableWebhookEndpointInput", {}],
      ["updateWebhookEndpoint", "UpdateWebhookEndpointInput", { eventTypes: ["ORDER_SHIPPED"] }],
      ["rotateWebhookSecret", "RotateWebhookSecretInput", {}],
    ] as const;
    for (const [name, type, input] of changes) {
      const refused = await call(w, w.key, name, type, { endpointId: ofSeller, ...input });
      expect(refused.body.errors, name).toBeUndefined();
      expect(refused.body.data[name].userErrors, name).toEqual([
        expect.objectContaining({ code: "INVALID_TRANSITION", field: ["input", "endpointId"] }),
      ]);
      expect(refused.body.data[name].userErrors[0].message).toMatch(/cannot be read by this version/);
    }
    const deleted = await graphql(
      w.api,
      `mutation($input: DeleteWebhookEndpointInput!) {
        deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { code } }
      }`,
      { key: w.key, variables: { input: { endpointId: ofSeller } } },
    );
    expect(deleted.body.data.deleteWebhookEndpoint).toEqual({
      deletedEndpointId: null,
      userErrors: [{ code: "INVALID_TRANSITION" }],
    });
    expect(await stored()).toEqual(before);
    // A partner learns of none but its own, as of a readable endpoint.
    const notItsOwn = await call(w, otherPartner, "disableWebhookEndpoint", "DisableWebhookEndpointInput", {
      sellerId: w.sellerId,
      endpointId: ofPartnerUnreadable,
    });
    expect(notItsOwn.body.data.disableWebhookEndpoint.userErrors[0].code).toBe("NOT_FOUND");
  });
});
