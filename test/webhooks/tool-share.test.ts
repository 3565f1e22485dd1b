import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { Webhooks } from "@seller-ops/core";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { scanTable } from "../support/scan";
import { anotherPartner, world, type World } from "../support/world";

/**
 * A partner tool's share of a seller's webhook endpoints (`MAX_ENDPOINTS_PER_TOOL_PER_SCOPE`): one tool cannot take
 * the seller's ten places, so the seller and its other tools can still register; a tool's registrations at the same
 * moment cannot pass its share together; the share counts what the tool holds now (a deleted one frees its place).
 */

const SHARE = Webhooks.MAX_ENDPOINTS_PER_TOOL_PER_SCOPE;

async function register(w: World, key: string, sellerId?: string) {
  const response = await graphql(
    w.api,
    "mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { " +
      "webhookEndpoint { id } userErrors { field code message } } }",
    {
      key,
      variables: { input: { url: "https://erp.example.com/hooks/seller-ops", ...(sellerId ? { sellerId } : {}) } },
    },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.registerWebhookEndpoint as {
    webhookEndpoint: { id: string } | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

async function deleteEndpoint(w: World, key: string, endpointId: string) {
  const response = await graphql(
    w.api,
    "mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { userErrors { code } } }",
    { key, variables: { input: { sellerId: w.sellerId, endpointId } } },
  );
  expect(response.body.data.deleteWebhookEndpoint.userErrors).toEqual([]);
}

const endpointItems = async (w: World) =>
  (await scanTable(w.db, "WebhookEndpoints")).filter((item) => item.pk === `SCOPE#${w.sellerId}` && item.endpointId);

async function counter(w: World): Promise<Record<string, unknown> | undefined> {
  const count = await w.db.doc.send(
    new GetCommand({
      TableName: w.db.tables.WebhookEndpoints,
      Key: { pk: `SCOPE#${w.sellerId}`, sk: "COUNT" },
      ConsistentRead: true,
    }),
  );
  return count.Item;
}

describe("a partner tool's share of a seller's endpoints", () => {
  it("is three: the next is LIMIT_REACHED, nothing written; the seller and other tools still register", async () => {
    const w = await world();
    for (let i = 0; i < SHARE; i++) expect((await register(w, w.partner, w.sellerId)).userErrors).toEqual([]);

    const over = await register(w, w.partner, w.sellerId);
    expect(over.webhookEndpoint).toBeNull();
    expect(over.userErrors).toEqual([
      { field: ["input"], code: "LIMIT_REACHED", message: expect.stringContaining(`at most ${SHARE} endpoints`) },
    ]);
    expect(await endpointItems(w)).toHaveLength(SHARE);
    expect((await counter(w))?.registered).toBe(SHARE);

    // The seller's own receivers and its other tools are not held back by the first tool.
    expect((await register(w, w.key)).userErrors).toEqual([]);
    const other = await anotherPartner(w);
    for (let i = 0; i < SHARE; i++) expect((await register(w, other, w.sellerId)).userErrors).toEqual([]);
    expect((await register(w, other, w.sellerId)).userErrors).toEqual([
      expect.objectContaining({ code: "LIMIT_REACHED" }),
    ]);
    expect(await endpointItems(w)).toHaveLength(2 * SHARE + 1);
  });

  it("counts what the tool holds now: deleting one of its endpoints frees its place", async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < SHARE; i++) ids.push((await register(w, w.partner, w.sellerId)).webhookEndpoint!.id);
    await deleteEndpoint(w, w.partner, ids[0]!);
    expect((await register(w, w.partner, w.sellerId)).userErrors).toEqual([]);
    expect((await register(w, w.partner, w.sellerId)).userErrors).toEqual([
      expect.objectContaining({ code: "LIMIT_REACHED" }),
    ]);
  });

  it("still leaves the seller's scope cap to the seller: at ten the seller is refused as before", async () => {
    const w = await world();
    for (let i = 0; i < Webhooks.MAX_ENDPOINTS_PER_SCOPE; i++)
      expect((await register(w, w.key)).userErrors).toEqual([]);
    const partnerOver = await register(w, w.partner, w.sellerId);
    expect(partnerOver.userErrors).toEqual([
      {
        field: ["input"],
        code: "LIMIT_REACHED",
        message: expect.stringContaining(`at most ${Webhooks.MAX_ENDPOINTS_PER_SCOPE} endpoints`),
      },
    ]);
    expect(await endpointItems(w)).toHaveLength(Webhooks.MAX_ENDPOINTS_PER_SCOPE);
  });

  // A scope registered before the counter kept its changes has a COUNT item without `changes`; a fresh one has none.
  it.each([
    ["a new scope", false],
    ["a scope counted before changes were", true],
  ])(
    "holds for %s when a tool registers eight at the same moment: three land, the rest LIMIT_REACHED",
    async (_, legacy) => {
      const w = await world();
      if (legacy) {
        expect((await register(w, w.key)).userErrors).toEqual([]);
        await w.db.doc.send(
          new UpdateCommand({
            TableName: w.db.tables.WebhookEndpoints,
            Key: { pk: `SCOPE#${w.sellerId}`, sk: "COUNT" },
            UpdateExpression: "REMOVE changes",
          }),
        );
      }
      const before = legacy ? 1 : 0;

      const answers = await Promise.all(Array.from({ length: 8 }, () => register(w, w.partner, w.sellerId)));

      expect(answers.filter((a) => a.userErrors.length === 0)).toHaveLength(SHARE);
      for (const refused of answers.filter((a) => a.userErrors.length > 0))
        expect(refused.userErrors).toEqual([expect.objectContaining({ code: "LIMIT_REACHED" })]);
      expect(await endpointItems(w)).toHaveLength(before + SHARE);
      expect((await counter(w))?.registered).toBe(before + SHARE);
    },
  );
});
