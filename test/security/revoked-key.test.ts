import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ApiKeys, createDocumentClient, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { linkedOnly, world } from "../support/world";

/**
 * A key is revoked to shut off a leak: the next request with it is UNAUTHENTICATED. Real DynamoDB may answer an
 * eventually consistent GetItem from a replica that has not seen the revocation yet (DynamoDB Local never lags), so
 * the API's client here answers such a read of the key with the item as it was before the revocation, as that
 * replica would; a strongly consistent read gets the table as it is.
 */
describe("a revoked key", () => {
  it("is UNAUTHENTICATED on the very next request, even while a replica still holds it live", async () => {
    const w = await world();
    const keyHash = ApiKeys.hashSecret(w.partner);
    const key = { TableName: w.db.tables.ApiKeys, Key: { keyHash }, ConsistentRead: true };
    const beforeRevocation = (await w.db.doc.send(new GetCommand(key))).Item;
    expect(beforeRevocation?.revokedAt).toBeUndefined();

    const doc = createDocumentClient();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; ConsistentRead?: boolean; Key?: unknown };
        const result = await next(args);
        const staleRead =
          /^Get(Item)?Command$/.test(context.commandName ?? "") &&
          input.TableName === key.TableName &&
          JSON.stringify(input.Key).includes(keyHash);
        if (staleRead && !input.ConsistentRead) (result.output as { Item?: unknown }).Item = beforeRevocation;
        return result;
      },
      { step: "initialize", name: "staleReplica" },
    );
    const stale: Db = { doc, tables: w.db.tables };
    const api = createGraphqlHandler({ db: linkedOnly(stale, functionTables.graphql), clock: () => w.now });

    const revoked = await graphql(
      w.api,
      "mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { userErrors { code } } }",
      { key: w.operator, variables: { input: { keyId: beforeRevocation?.keyId } } },
    );
    expect(revoked.body.data.revokeApiKey.userErrors).toEqual([]);

    const next = await graphql(api, "{ orders(first: 1) { edges { node { id } } } }", {
      key: w.partner,
      variables: {},
    });
    expect(next.body.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual([
      "UNAUTHENTICATED",
    ]);
    // The seller's live key still works through the same client.
    const live = await graphql(api, "{ orders(first: 1) { edges { node { id } } } }", { key: w.key });
    expect(live.body.errors).toBeUndefined();
  });
});
