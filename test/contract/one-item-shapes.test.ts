import { describe, expect, it } from "vitest";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { currentShape } from "@seller-ops/db";
import { migrate } from "../../tools/migrate";
import { graphql } from "../support/api";
import { world, type World } from "../support/world";
import { webhookEndpoint } from "../reliability/catalog";

/**
 * The shapes the one-item effects moved (packages/api/src/oneItemEffect.ts): a webhook endpoint
 * may carry a key's marker (webhookEndpoint 2), a key's record may be a claim naming its item
 * (idempotencyRecord 3). Both steps only record the version: an endpoint the previous release
 * stored (shape 1, no marker) is changed and replayed under a key as a new one is, and migrate
 * stamps it without changing anything else.
 */

const endpointKey = (w: World, endpointId: string) => ({ pk: `SCOPE#${w.sellerId}`, sk: `ENDPOINT#${endpointId}` });
const readEndpoint = async (w: World, endpointId: string) =>
  (
    await w.db.doc.send(
      new GetCommand({
        TableName: w.db.tables.WebhookEndpoints,
        Key: endpointKey(w, endpointId),
        ConsistentRead: true,
      }),
    )
  ).Item!;

describe("stored shapes of one-item effects", () => {
  it("an endpoint stored by the previous release (shape 1) is changed under a key, replayed, and migrated", async () => {
    const w = await world();
    const endpointId = await webhookEndpoint(w);
    // What the previous release stored: the same attributes, stamped shape 1.
    const { shape: _current, ...attributes } = await readEndpoint(w, endpointId);
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.WebhookEndpoints, Item: { ...attributes, shape: 1 } }));
    const migrated = await migrate(w.db, { tables: ["WebhookEndpoints"], now: () => w.now.toISOString() });
    expect(migrated[0]!.migrated).toEqual({ webhookEndpoint: 1 });
    expect(await readEndpoint(w, endpointId)).toEqual({ ...attributes, shape: currentShape("webhookEndpoint") });
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.WebhookEndpoints, Item: { ...attributes, shape: 1 } }));

    const send = () =>
      graphql(
        w.api,
        "mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) { " +
          "webhookEndpoint { id status version } userErrors { code } } }",
        {
          key: w.partner,
          variables: { input: { sellerId: w.sellerId, endpointId, idempotencyKey: "old-shape-0001" } },
        },
      );
    const first = (await send()).body.data.disableWebhookEndpoint;
    expect(first).toEqual({ webhookEndpoint: { id: endpointId, status: "DISABLED", version: 2 }, userErrors: [] });
    expect((await send()).body.data.disableWebhookEndpoint).toEqual(first);
    const changed = await readEndpoint(w, endpointId);
    expect(changed).toMatchObject({ shape: currentShape("webhookEndpoint"), version: 2, keyedBy: expect.any(String) });

    // A second run finds every endpoint and record current.
    const again = await migrate(w.db, { tables: ["WebhookEndpoints", "Idempotency"], now: () => w.now.toISOString() });
    expect(again.map((r) => r.migrated)).toEqual([{}, {}]);
  });
});
