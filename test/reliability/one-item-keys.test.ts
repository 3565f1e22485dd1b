import { describe, expect, it } from "vitest";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { configFromEnv } from "@seller-ops/api";
import { createDocumentClient, Idempotency, WebhookEndpointsRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { linkedOnly, world, type World } from "../support/world";
import { MUTATIONS, WEBHOOK_URL, webhookEndpoint, type MutationCase } from "./catalog";

/**
 * Mutations whose effect is one item and no event (a webhook endpoint's change) are
 * not transactions: the key is claimed, the item written alone with the key's marker, then the
 * key's record completed (packages/api/src/oneItemEffect.ts). Between any two of those writes a
 * process can die, and another input can come under the same key on another item: each case
 * ends in one effect at most, and the answer of the effect that landed or a clean refusal.
 */

// A redelivery writes its event's guard with the delivery (packages/db/src/webhookDeliveries.ts): a transaction.
const ONE_ITEM = ["rotateWebhookSecret", "disableWebhookEndpoint", "updateWebhookEndpoint"];
const cases = MUTATIONS.filter((m) => ONE_ITEM.includes(m.name)).map((m) => [m.name, m] as const);
const LEASE_MS = Idempotency.CLAIM_LEASE_MS;

type Api = ReturnType<typeof createGraphqlHandler>;

function sender(mutation: MutationCase, key: string, idempotencyKey: string, selection = mutation.selection) {
  return (api: Api, input: Record<string, unknown>) =>
    graphql(
      api,
      `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${selection} ` +
        `userErrors { field code message } } }`,
      { key, variables: { input: { ...input, idempotencyKey } } },
    );
}

/** The handler on a client whose writes fail from the (n + 1)th on, before they are sent: the process died there. */
const dyingAfter = (w: World, writes: number) =>
  createGraphqlHandler({ db: instrumented(w.db, { failWritesAfter: writes }).db, clock: () => w.now });

/** An input naming another item than `input` does: another endpoint. */
async function onAnotherItem(w: World, mutation: MutationCase, input: Record<string, unknown>) {
  const endpointId = await webhookEndpoint(w, { disabled: mutation.name === "enableWebhookEndpoint" });
  return { ...input, endpointId };
}

describe("one-item effects under an idempotency key", () => {
  it.each(cases)(
    "%s: another input under the key on another item, at once and after: one effect, the rest IDEMPOTENCY_KEY_REUSED",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const elsewhere = await onAnotherItem(w, mutation, input);
      const before = await mutation.effects(w);
      const send = sender(mutation, key, `elsewhere-${mutation.name}`);

      const answers = (
        await Promise.all(Array.from({ length: 16 }, (_, i) => send(w.api, i % 2 === 0 ? input : elsewhere)))
      ).map((r) => r.body.data[mutation.name]);
      const done = answers.filter((a) => a.userErrors.length === 0);
      const refused = answers.filter((a) => a.userErrors.length > 0);
      expect(new Set(done.map((a) => JSON.stringify(a))).size).toBe(1);
      for (const a of refused)
        expect(a.userErrors.map((e: { code: string }) => e.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
      expect(await mutation.effects(w)).toBe(before + 1);

      // Whichever won, the other input is refused later too, and writes nothing.
      const winner = answers.findIndex((a) => a.userErrors.length === 0) % 2 === 0 ? input : elsewhere;
      const loser = winner === input ? elsewhere : input;
      expect((await send(w.api, loser)).body.data[mutation.name].userErrors).toEqual([
        expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED", field: ["input", "idempotencyKey"] }),
      ]);
      expect(await mutation.effects(w)).toBe(before + 1);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it.each(cases)(
    "%s: the process dies after its claim, before the item: a retry waits and answers IDEMPOTENCY_IN_PROGRESS; " +
      "once the lease is over, 10 concurrent retries make one effect and one answer",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      const send = sender(mutation, key, `claim-only-${mutation.name}`);

      const crashed = await send(dyingAfter(w, 1), input);
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await mutation.effects(w)).toBe(before);

      const early = (await send(w.api, input)).body.data[mutation.name];
      expect(early.userErrors).toEqual([expect.objectContaining({ code: "IDEMPOTENCY_IN_PROGRESS" })]);
      expect(await mutation.effects(w)).toBe(before);

      w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
      const retries = (await Promise.all(Array.from({ length: 10 }, () => send(w.api, input)))).map((r) =>
        JSON.stringify(r.body.data[mutation.name]),
      );
      expect(new Set(retries).size, retries[0]).toBe(1);
      expect(JSON.parse(retries[0]!).userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + 1);
      expect(JSON.stringify((await send(w.api, input)).body.data[mutation.name])).toBe(retries[0]);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it.each(cases)(
    "%s: the process dies after the item, before the record: a retry at once answers the effect, as replays do",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      const send = sender(mutation, key, `item-landed-${mutation.name}`);

      const crashed = await send(dyingAfter(w, 2), input);
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await mutation.effects(w)).toBe(before + 1);

      const retried = (await send(w.api, input)).body.data[mutation.name];
      expect(retried.userErrors).toEqual([]);
      if (mutation.name === "rotateWebhookSecret") {
        // Rebuilt from the item: the secret its rotation made (the item keeps it sealed), not null.
        const stored = (await WebhookEndpointsRepo.get(w.db, w.sellerId, String(input.endpointId)))!;
        const keyring = configFromEnv({}).webhooks.keyring;
        expect(retried.signingSecret).toMatch(/^whsec_/);
        expect(WebhookEndpointsRepo.signingSecrets(stored, keyring, w.now.toISOString())[0]).toBe(
          retried.signingSecret,
        );
      }
      const replayed = (await send(w.api, input)).body.data[mutation.name];
      expect(replayed).toEqual(retried);
      expect(await mutation.effects(w)).toBe(before + 1);
      const records = (await scanTable(w.db, "Idempotency")).filter((r) =>
        String(r.pk).endsWith(`item-landed-${mutation.name}`),
      );
      expect(records).toEqual([expect.objectContaining({ status: "COMPLETED" })]);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it.each(cases)(
    "%s: the item's answer is lost and the SDK sends the write again: the first answer stands, one effect",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      // A rotation's selection asks for its secret (catalog.ts).
      const send = sender(mutation, key, `resent-${mutation.name}`);

      const answer = (await send(createGraphqlHandler({ db: losingFirstItemAnswer(w.db), clock: () => w.now }), input))
        .body.data[mutation.name];
      expect(answer.userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + 1);
      if (mutation.name === "rotateWebhookSecret") {
        // The secret shown is the one stored (sealed): the write that landed is the one answered.
        const stored = (await WebhookEndpointsRepo.get(w.db, w.sellerId, String(input.endpointId)))!;
        const keyring = configFromEnv({}).webhooks.keyring;
        expect(WebhookEndpointsRepo.signingSecrets(stored, keyring, w.now.toISOString())[0]).toBe(answer.signingSecret);
      }
      const replayed = (await send(w.api, input)).body.data[mutation.name];
      // A rotation's secret too: the key's record keeps it sealed (webhooks/secret-replay.test.ts).
      expect(replayed).toEqual(answer);
      expect(await mutation.effects(w)).toBe(before + 1);
    },
    60_000,
  );
});

describe("a lost answer the SDK sends again", () => {
  it.each(cases)(
    "%s without a key: the item's answer is lost and the write sent again: the first answer stands, one effect",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      const { idempotencyKey: _none, ...unkeyed } = input;
      const api = createGraphqlHandler({ db: losingFirstItemAnswer(w.db), clock: () => w.now });
      const response = await graphql(
        api,
        `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${mutation.selection} ` +
          "userErrors { field code message } } }",
        { key, variables: { input: unkeyed } },
      );
      expect(response.body.data[mutation.name].userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + 1);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it.each(cases)(
    "%s: the key's claim lands and loses its answer: the attempt goes on under its own claim, one effect",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      const send = sender(mutation, key, `claim-resent-${mutation.name}`);
      const api = createGraphqlHandler({
        db: losingFirstPutAnswer(w.db, [w.db.tables.Idempotency]),
        clock: () => w.now,
      });
      const answer = (await send(api, input)).body.data[mutation.name];
      expect(answer.userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + 1);
      expect((await send(w.api, input)).body.data[mutation.name]).toEqual(answer);
    },
    60_000,
  );
});

describe("a one-item effect whose attempt died, and the item changed since", () => {
  const disable = MUTATIONS.find((m) => m.name === "disableWebhookEndpoint")!;
  const endpointOf = async (w: World, endpointId: string) =>
    (
      await w.db.doc.send(
        new GetCommand({
          TableName: w.db.tables.WebhookEndpoints,
          Key: { pk: `SCOPE#${w.sellerId}`, sk: `ENDPOINT#${endpointId}` },
          ConsistentRead: true,
        }),
      )
    ).Item!;
  const enable = (w: World, endpointId: string) =>
    graphql(
      w.api,
      "mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { userErrors { code } } }",
      { key: w.partner, variables: { input: { sellerId: w.sellerId, endpointId } } },
    );

  it("landed, then changed again before any retry: the retry cannot tell, refuses, writes nothing", async () => {
    const w = await world();
    const { key, input } = await disable.arrange(w);
    const endpointId = String(input.endpointId);
    const send = sender(disable, key, "overwritten-0001");
    expect((await send(dyingAfter(w, 2), input)).body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await endpointOf(w, endpointId)).toMatchObject({
      status: "DISABLED",
      version: 2,
      keyedBy: expect.any(String),
    });
    // Another change replaces the item, marker and all (a change sent without a key marks it with its attempt).
    const marker = (await endpointOf(w, endpointId)).keyedBy;
    expect((await enable(w, endpointId)).body.data.enableWebhookEndpoint.userErrors).toEqual([]);
    expect((await endpointOf(w, endpointId)).keyedBy).not.toBe(marker);

    w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried).toEqual({
      webhookEndpoint: null,
      userErrors: [
        expect.objectContaining({
          code: "VERSION_CONFLICT",
          field: ["input", "idempotencyKey"],
          message: expect.stringContaining("cannot be told"),
        }),
      ],
    });
    expect(await endpointOf(w, endpointId)).toMatchObject({ status: "ENABLED", version: 3 });
  });

  it("not landed, and changed once by another writer: after the lease a retry decides again, once", async () => {
    const w = await world();
    const { key, input } = await disable.arrange(w);
    const endpointId = String(input.endpointId);
    const send = sender(disable, key, "lost-0001");
    expect((await send(dyingAfter(w, 1), input)).body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    // Another writer produces the version the dead attempt was to produce (its write can never land now).
    const updated = await graphql(
      w.api,
      "mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }",
      { key: w.partner, variables: { input: { sellerId: w.sellerId, endpointId, eventTypes: ["CASE_OPENED"] } } },
    );
    expect(updated.body.data.updateWebhookEndpoint.userErrors).toEqual([]);

    w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried).toMatchObject({ userErrors: [], webhookEndpoint: { status: "DISABLED", version: 3 } });
    expect(await endpointOf(w, endpointId)).toMatchObject({ status: "DISABLED", version: 3 });
    expect((await send(w.api, input)).body.data.disableWebhookEndpoint).toEqual(retried);
  });

  it("not landed, another request made the change: after the lease the retry's refusal is the key's", async () => {
    const w = await world();
    const { key, input } = await disable.arrange(w);
    const endpointId = String(input.endpointId);
    const send = sender(disable, key, "refused-0001");
    expect((await send(dyingAfter(w, 1), input)).body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const other = await sender(disable, key, "another-key-0001")(w.api, input);
    expect(other.body.data.disableWebhookEndpoint.userErrors).toEqual([]);

    w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried).toEqual({
      webhookEndpoint: null,
      userErrors: [expect.objectContaining({ code: "INVALID_TRANSITION" })],
    });
    // The refusal replaced the dead claim: every later retry replays it, none waits for a lease.
    expect(await recordsOf(w, "refused-0001")).toEqual([expect.objectContaining({ status: "COMPLETED" })]);
    expect((await send(w.api, input)).body.data.disableWebhookEndpoint).toEqual(retried);
    expect(await endpointOf(w, endpointId)).toMatchObject({ status: "DISABLED", version: 2 });
  });

  it("not landed, with expectedVersion, changed by another writer: the retry's refusal is the key's", async () => {
    const w = await world();
    const { key, input: unversioned } = await disable.arrange(w);
    const input: Record<string, unknown> = { ...unversioned, expectedVersion: 1 };
    const endpointId = String(input.endpointId);
    const send = sender(disable, key, "stale-0001");
    expect((await send(dyingAfter(w, 1), input)).body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const updated = await graphql(
      w.api,
      "mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }",
      { key: w.partner, variables: { input: { sellerId: w.sellerId, endpointId, eventTypes: ["CASE_OPENED"] } } },
    );
    expect(updated.body.data.updateWebhookEndpoint.userErrors).toEqual([]);

    w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried).toEqual({
      webhookEndpoint: null,
      userErrors: [expect.objectContaining({ code: "VERSION_CONFLICT", field: ["input", "expectedVersion"] })],
    });
    expect(await recordsOf(w, "stale-0001")).toEqual([expect.objectContaining({ status: "COMPLETED" })]);
    expect((await send(w.api, input)).body.data.disableWebhookEndpoint).toEqual(retried);
    expect(await endpointOf(w, endpointId)).toMatchObject({ status: "ENABLED", version: 2 });
  });
});

describe("an internal error after the claim, before the item write was sent", () => {
  const disable = MUTATIONS.find((m) => m.name === "disableWebhookEndpoint")!;

  it("the claim's answer is lost: the claim is given up, a retry at once makes the change, once", async () => {
    const w = await world();
    const { key, input } = await disable.arrange(w);
    const before = await disable.effects(w);
    const send = sender(disable, key, "claim-lost-0001");
    const faulty = failing(w.db, ({ command, table, sent }) =>
      command === "PutItemCommand" && table === w.db.tables.Idempotency && sent ? "after" : null,
    );
    const failed = await send(createGraphqlHandler({ db: faulty, clock: () => w.now }), input);
    expect(failed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await disable.effects(w)).toBe(before);
    expect(await recordsOf(w, "claim-lost-0001")).toEqual([]);

    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried.userErrors).toEqual([]);
    expect(await disable.effects(w)).toBe(before + 1);
    expect((await send(w.api, input)).body.data.disableWebhookEndpoint).toEqual(retried);
  });

  it("a read fails while deciding again after a lost race: the claim is given up, a retry runs at once", async () => {
    const w = await world();
    const { key, input } = await disable.arrange(w);
    const endpointId = String(input.endpointId);
    const send = sender(disable, key, "read-failed-0001");
    let raced = false;
    let readsAfterRace = 0;
    const faulty = failing(w.db, async ({ command, table, sent }) => {
      if (sent || table !== w.db.tables.WebhookEndpoints) return null;
      if (command === "PutItemCommand" && !raced) {
        // Another writer changes the endpoint between this attempt's read and its write.
        raced = true;
        expect(await updateEventTypes(w, endpointId)).toEqual([]);
        return null;
      }
      // The first read after the race says whether the write landed; the second is the new decision's.
      if (command === "GetItemCommand" && raced && ++readsAfterRace === 2) return "before";
      return null;
    });
    const failed = await send(createGraphqlHandler({ db: faulty, clock: () => w.now }), input);
    expect(failed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(readsAfterRace).toBe(2);
    expect(await recordsOf(w, "read-failed-0001")).toEqual([]);

    const retried = (await send(w.api, input)).body.data.disableWebhookEndpoint;
    expect(retried).toMatchObject({ userErrors: [], webhookEndpoint: { status: "DISABLED", version: 3 } });
    expect((await send(w.api, input)).body.data.disableWebhookEndpoint).toEqual(retried);
  });
});

/** Another writer's change of the endpoint (no key): its userErrors. */
const updateEventTypes = async (w: World, endpointId: string) =>
  (
    await graphql(
      w.api,
      "mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { userErrors { code } } }",
      { key: w.partner, variables: { input: { sellerId: w.sellerId, endpointId, eventTypes: ["CASE_OPENED"] } } },
    )
  ).body.data.updateWebhookEndpoint.userErrors;

/** The key's records (a claim or a completed record) for an idempotency key. */
const recordsOf = async (w: World, idempotencyKey: string) =>
  (await scanTable(w.db, "Idempotency")).filter((r) => String(r.pk).endsWith(`#${idempotencyKey}`));

type Fault = "before" | "after" | null;

/**
 * A client on which a request fails as the hook says: "before" it is sent, or "after" it landed
 * (its answer lost, as an error the SDK does not retry). The hook sees each request twice.
 */
function failing(
  db: Db,
  hook: (request: { command: string; table?: string; sent: boolean }) => Fault | Promise<Fault>,
): Db {
  const doc = createDocumentClient();
  const injected = () => Object.assign(new Error("injected failure"), { name: "InjectedFailure" });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const table = (args.input as { TableName?: string }).TableName;
      if ((await hook({ command, table, sent: false })) === "before") throw injected();
      const result = await next(args);
      if ((await hook({ command, table, sent: true })) === "after") throw injected();
      return result;
    },
    { step: "initialize", name: "injectFailure" },
  );
  return { doc, tables: db.tables };
}

/**
 * `updateWebhookEndpoint` is one item when the URL stays, and a transaction when it moves (the endpoint's old URL is
 * released and the new one guarded): a request decided again after another writer moved the URL takes the other path
 * under the key its first decision claimed. Its record replaces that claim; it used to fail on it.
 */
describe("a one-item effect decided again as a transaction, under the claim it took", () => {
  const OTHER_URL = "https://erp.example.com/hooks/other";
  const update = (api: Api, w: World, input: Record<string, unknown>) =>
    graphql(
      api,
      "mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { " +
        "webhookEndpoint { url eventTypes version } userErrors { code } } }",
      { key: w.partner, variables: { input: { sellerId: w.sellerId, ...input } } },
    );
  const keyRecords = async (w: World, key: string) =>
    (await scanTable(w.db, "Idempotency"))
      .filter((r) => String(r.pk).endsWith(`#${key}`))
      .map((r) => ({ status: r.status, claimed: r.target !== undefined }));

  it("the URL moved between the claim and the item write: answered as a transaction, once, and kept", async () => {
    const w = await world();
    const endpointId = await webhookEndpoint(w);
    const input = { endpointId, url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], idempotencyKey: "kind-switch-0001" };
    const raced = changesBefore(w.db, { beforeItemPut: () => update(w.api, w, { endpointId, url: OTHER_URL }) });
    const api = createGraphqlHandler({ db: linkedOnly(raced.db, functionTables.graphql), clock: () => w.now });

    const first = (await update(api, w, input)).body.data.updateWebhookEndpoint;
    expect(raced.ran()).toBe(1);
    // Version 2 is the other writer's URL; the request, decided again, moved it back with its event types.
    expect(first).toEqual({
      webhookEndpoint: { url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], version: 3 },
      userErrors: [],
    });
    expect(await keyRecords(w, "kind-switch-0001")).toEqual([{ status: "COMPLETED", claimed: false }]);
    expect((await update(w.api, w, input)).body.data.updateWebhookEndpoint).toEqual(first);
    await checkInvariants(w.db);
  });

  it("and its transaction then loses a version race: decided again at once, not waiting on its own claim", async () => {
    const w = await world();
    const endpointId = await webhookEndpoint(w);
    const input = { endpointId, url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], idempotencyKey: "kind-switch-0003" };
    const raced = changesBefore(w.db, {
      beforeItemPut: () => update(w.api, w, { endpointId, url: OTHER_URL }),
      beforeTransaction: () => update(w.api, w, { endpointId, eventTypes: ["ORDER_SHIPPED"] }),
    });
    const api = createGraphqlHandler({ db: linkedOnly(raced.db, functionTables.graphql), clock: () => w.now });

    const first = (await update(api, w, input)).body.data.updateWebhookEndpoint;
    expect(raced.ran()).toBe(2);
    expect(first).toEqual({
      webhookEndpoint: { url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], version: 4 },
      userErrors: [],
    });
    expect(await keyRecords(w, "kind-switch-0003")).toEqual([{ status: "COMPLETED", claimed: false }]);
    expect((await update(w.api, w, input)).body.data.updateWebhookEndpoint).toEqual(first);
    await checkInvariants(w.db);
  });

  it("the attempt died after its claim and the URL moved: after the lease a retry lands as a transaction", async () => {
    const w = await world();
    const endpointId = await webhookEndpoint(w);
    const input = { endpointId, url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], idempotencyKey: "kind-switch-0002" };
    const died = await update(dyingAfter(w, 1), w, input);
    expect(died.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await keyRecords(w, "kind-switch-0002")).toEqual([{ status: "IN_PROGRESS", claimed: true }]);
    expect((await update(w.api, w, { endpointId, url: OTHER_URL })).body.data.updateWebhookEndpoint.userErrors).toEqual(
      [],
    );

    w.now = new Date(w.now.getTime() + LEASE_MS + 1_000);
    const retried = (await update(w.api, w, input)).body.data.updateWebhookEndpoint;
    expect(retried).toEqual({
      webhookEndpoint: { url: WEBHOOK_URL, eventTypes: ["CASE_OPENED"], version: 3 },
      userErrors: [],
    });
    expect(await keyRecords(w, "kind-switch-0002")).toEqual([{ status: "COMPLETED", claimed: false }]);
    w.now = new Date(w.now.getTime() + 60 * 60_000);
    expect((await update(w.api, w, input)).body.data.updateWebhookEndpoint).toEqual(retried);
    await checkInvariants(w.db);
  });
});

/**
 * A client that runs `beforeItemPut` once, just before its first single-item Put to the webhook endpoints, and
 * `beforeTransaction` (if given) once, just before its first transaction writing to them.
 */
function changesBefore(
  db: Db,
  changes: { beforeItemPut: () => Promise<unknown>; beforeTransaction?: () => Promise<unknown> },
): { db: Db; ran: () => number } {
  const doc = createDocumentClient();
  const pending = new Map<string, () => Promise<unknown>>([["PutItemCommand", changes.beforeItemPut]]);
  if (changes.beforeTransaction) pending.set("TransactWriteItemsCommand", changes.beforeTransaction);
  let ran = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; TransactItems?: Record<string, { TableName?: string }>[] };
      const tables = [input.TableName, ...(input.TransactItems ?? []).flatMap((i) => Object.values(i))];
      const change = pending.get(String(context.commandName));
      if (change && tables.some((t) => (typeof t === "string" ? t : t?.TableName) === db.tables.WebhookEndpoints)) {
        pending.delete(String(context.commandName));
        ran++;
        await change();
      }
      return next(args);
    },
    { step: "initialize", name: "changesBefore", priority: "high" },
  );
  return { db: { doc, tables: db.tables }, ran: () => ran };
}

/**
 * A client whose first single-item Put to the webhook tables lands and then fails as a reset
 * connection, below the SDK's retry layer: the SDK sends it again, and its condition fails on the
 * change it made itself.
 */
function losingFirstItemAnswer(db: Db): Db {
  return losingFirstPutAnswer(db, [db.tables.WebhookEndpoints, db.tables.WebhookDeliveries]);
}

function losingFirstPutAnswer(db: Db, tableNames: readonly string[]): Db {
  const doc = createDocumentClient();
  let lost = false;
  const tables = new Set(tableNames);
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const table = (args.input as { TableName?: string }).TableName;
      if (context.commandName === "PutItemCommand" && table && tables.has(table) && !lost) {
        lost = true;
        throw Object.assign(new Error("socket hang up"), { name: "Error", code: "ECONNRESET" });
      }
      return result;
    },
    { step: "deserialize", name: "loseFirstItemAnswer", priority: "high" },
  );
  return { doc, tables: db.tables };
}
