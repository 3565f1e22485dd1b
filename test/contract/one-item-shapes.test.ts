import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentShape, kindOf, type Db, type TableName } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { migrate } from "../../tools/migrate";
import { graphql, type LambdaHttpHandler } from "../support/api";
import { DAY, testEpoch } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { loadFixture, readFixture, scanAll } from "../support/stored-items";

/**
 * The shapes the one-item effects moved (packages/api/src/oneItemEffect.ts): a webhook endpoint
 * may carry a key's marker (webhookEndpoint 2), a key's record may be a claim naming its item
 * (idempotencyRecord 3). Both steps only record the version. The items are the ones the previous
 * release (49e9e21) wrote, committed in test/fixtures/webhook-items-v1/ (how: its README): an
 * endpoint registered and then disabled under a key, a redelivery under a key, their two completed
 * records, and the seller, keys and event they need. Migrated, they are replayed and changed
 * through the API as new ones are. The endpoint, switched off `BY_OWNER` before an endpoint recorded who switched
 * it off, is taken as switched off by its seller (webhookEndpoint 3): its partner no longer switches it on.
 */

const FIXTURE = "webhook-items-v1";
const fixture = readFixture(FIXTURE);
const capture = JSON.parse(readFileSync(new URL(`../fixtures/${FIXTURE}/capture.json`, import.meta.url), "utf8")) as {
  sellerId: string;
  partner: string;
  seller: string;
  endpointId: string;
  eventId: string;
};

/** The tables the fixture holds items of, and the kinds migrate moves there. */
const TABLES: TableName[] = ["ApiKeys", "Sellers", "Events", "WebhookEndpoints", "WebhookDeliveries", "Idempotency"];

async function send(api: LambdaHttpHandler, query: string, input: Record<string, unknown>, key = capture.partner) {
  const response = await graphql(api, query, { key, variables: { input } });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return Object.values(response.body.data as Record<string, unknown>)[0];
}

const DISABLE =
  "mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { " +
  "webhookEndpoint { id status version } userErrors { code } } }";
const ENABLE =
  "mutation($input: EnableWebhookEndpointInput!) { enableWebhookEndpoint(input: $input) { " +
  "webhookEndpoint { id status version } userErrors { code } } }";
const REDELIVER =
  "mutation($input: RedeliverWebhookEventInput!) { redeliverWebhookEvent(input: $input) { " +
  "delivery { id eventId status redelivery } userErrors { code } } }";
const REQUESTED_BY =
  "query($s: ID, $e: ID!) { webhookDeliveries(sellerId: $s, endpointId: $e) { edges { node { requestedBy } } } }";

/**
 * Every item of the fixture's tables without its shape version (what a step that only records it
 * keeps), leaving out migrate's own progress records.
 */
async function withoutShapes(db: Db) {
  const all = await scanAll(db);
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      all[table]
        .filter((item) => kindOf(table, item) !== "migrationProgress")
        .map(({ shape: _shape, ...rest }) => rest)
        .sort(byKey),
    ]),
  );
}
const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`);

describe("stored shapes of one-item effects: items the previous release wrote", () => {
  it("are migrated (shape only), replayed under their keys, and changed under a new key", async () => {
    expect(fixture.capturedFrom).toBe("49e9e21");
    // The handler's clock: today, so that records written now live past the real now; the old
    // records are kept until a day after it, as if the retries came within their 24 hours.
    const now = new Date(Math.max(testEpoch().getTime(), fixture.clock.getTime()));
    const db = await isolatedTables("oneitem");
    await loadFixture(db, fixture, { keepRecordsUntil: new Date(now.getTime() + DAY) });
    const before = await withoutShapes(db);
    const kinds = TABLES.flatMap((table) => fixture.items[table].map((item) => kindOf(table, item)));
    expect(kinds).toEqual(expect.arrayContaining(["webhookEndpoint", "webhookDelivery", "idempotencyRecord"]));
    const endpoint = fixture.items.WebhookEndpoints.find((i) => kindOf("WebhookEndpoints", i) === "webhookEndpoint")!;
    expect(endpoint).toMatchObject({ shape: 1, status: "DISABLED", version: 2 });
    expect(endpoint).not.toHaveProperty("keyedBy");
    const records = fixture.items.Idempotency.filter((i) => kindOf("Idempotency", i) === "idempotencyRecord");
    expect(records.map((r) => [r.shape, r.status])).toEqual([
      [2, "COMPLETED"],
      [2, "COMPLETED"],
    ]);

    const migrated = await migrate(db, { tables: TABLES, now: () => now.toISOString() });
    const counts = Object.assign({}, ...migrated.map((r) => r.migrated));
    expect(counts).toMatchObject({ webhookEndpoint: 1, idempotencyRecord: 2 });
    // The one change beside the versions: the endpoint switched off BY_OWNER is the seller's doing now.
    const presumed = {
      ...before,
      WebhookEndpoints: before.WebhookEndpoints!.map((item) =>
        item.sk === endpoint.sk ? { ...item, disabledBy: "SELLER" } : item,
      ),
    };
    expect(await withoutShapes(db)).toEqual(presumed);
    const after = await scanAll(db);
    for (const table of TABLES) {
      for (const item of after[table]) expect(item.shape, table).toBe(currentShape(kindOf(table, item)!));
    }
    const again = await migrate(db, { tables: TABLES, now: () => now.toISOString() });
    expect(again.map((r) => r.migrated)).toEqual(TABLES.map(() => ({})));

    const api = createGraphqlHandler({ db, clock: () => now });
    const ids = { sellerId: capture.sellerId, endpointId: capture.endpointId };
    // The old records answer their retries: the same answer, nothing changed again.
    expect(await send(api, DISABLE, { ...ids, idempotencyKey: "capture-disable-0001" })).toEqual({
      webhookEndpoint: { id: capture.endpointId, status: "DISABLED", version: 2 },
      userErrors: [],
    });
    const redelivered = (await send(api, REDELIVER, {
      ...ids,
      eventId: capture.eventId,
      idempotencyKey: "capture-redeliver-0001",
    })) as { delivery: { id: string } };
    expect(redelivered).toEqual({
      delivery: { id: expect.any(String), eventId: capture.eventId, status: "PENDING", redelivery: true },
      userErrors: [],
    });
    const log = await graphql(
      api,
      "query($s: ID, $e: ID!) { webhookDeliveries(sellerId: $s, endpointId: $e) { edges { node { id status } } } }",
      { key: capture.partner, variables: { s: capture.sellerId, e: capture.endpointId } },
    );
    expect(log.body.data.webhookDeliveries.edges).toEqual([
      { node: { id: redelivered.delivery.id, status: "PENDING" } },
    ]);
    // The old delivery keeps no requester's side: the partner that asked reads its key id, the seller `side:unknown`.
    const requestedBy = async (key: string) => {
      const variables = { s: key === capture.seller ? null : capture.sellerId, e: capture.endpointId };
      const body = (await graphql(api, REQUESTED_BY, { key, variables })).body;
      return body.data.webhookDeliveries.edges.map((e: { node: { requestedBy: string } }) => e.node.requestedBy);
    };
    const partnerKeyId = fixture.items.WebhookDeliveries.find((i) => i.requestedBy)?.requestedBy;
    expect(partnerKeyId).toMatch(/^key_/);
    expect(await requestedBy(capture.partner)).toEqual([partnerKeyId]);
    expect(await requestedBy(capture.seller)).toEqual(["side:unknown"]);
    expect(await withoutShapes(db)).toEqual(presumed);

    // Its partner no longer switches it on (who switched it off is not known: taken as the seller), and writes nothing.
    const refused = await send(api, ENABLE, { ...ids, idempotencyKey: "partner-enable-0001" });
    expect(refused).toEqual({ webhookEndpoint: null, userErrors: [{ code: "INVALID_TRANSITION" }] });
    expect((await scanAll(db)).WebhookEndpoints.find((i) => i.sk === endpoint.sk)).toMatchObject({ version: 2 });

    // The old endpoint is changed under a new key as a new one is, then replayed. Enabling is a
    // transaction (it drops the failing streak too), so the key's record goes with it: no marker.
    const enable = { ...ids, idempotencyKey: "after-upgrade-0001" };
    const enabled = await send(api, ENABLE, enable, capture.seller);
    expect(enabled).toEqual({
      webhookEndpoint: { id: capture.endpointId, status: "ENABLED", version: 3 },
      userErrors: [],
    });
    expect(await send(api, ENABLE, enable, capture.seller)).toEqual(enabled);
    const changed = (await scanAll(db)).WebhookEndpoints.find((i) => i.sk === endpoint.sk)!;
    expect(changed).toMatchObject({ shape: currentShape("webhookEndpoint"), version: 3 });
    expect(changed).not.toHaveProperty("keyedBy");
  });
});
