import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { laggingReads } from "../support/lagging-reads";
import { putKeyToRevoke } from "./catalog";
import { world } from "../support/world";

/**
 * A refusal that rests on an index that may lag (revokeApiKey finds the key through one) is answered but kept for no
 * key, so a retry decides again. Two attempts of one request run side by side, as a partner tool's retry after a
 * timeout does: one read the index before it caught up and refuses; the other read it after and landed, with its
 * record. The request has one answer, the landed one; the refusing attempt answers it too, not NOT_FOUND for a key
 * its twin revoked.
 */
const REVOKE = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) {
  apiKey { id revokedAt } userErrors { code field } } }`;

describe("a refusal read from a lagging index, while another attempt of the request lands", () => {
  it("answers the attempt that landed, not its own refusal", async () => {
    const w = await world();
    const lagging = laggingReads(w.db);
    // The key to revoke, written through the lagging client: its index reads do not find it yet.
    const keyId = await putKeyToRevoke(w, lagging.db);
    // The lagging attempt is held at its index read until the other attempt has landed.
    let reached!: () => void;
    const atIndexRead = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    lagging.db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; IndexName?: string };
        if (context.commandName === "QueryCommand" && input.TableName === w.db.tables.ApiKeys && input.IndexName) {
          reached();
          await released;
        }
        return next(args);
      },
      { step: "initialize", name: "holdIndexRead", priority: "low" },
    );
    const laggingApi = createGraphqlHandler({ db: lagging.db, clock: () => w.now });
    const input = { keyId, idempotencyKey: `revoke-${ulid()}` };

    const first = graphql(laggingApi, REVOKE, { key: w.operator, variables: { input } });
    await atIndexRead;
    const twin = (await graphql(w.api, REVOKE, { key: w.operator, variables: { input } })).body.data.revokeApiKey;
    expect(twin.userErrors).toEqual([]);
    expect(twin.apiKey).toEqual({ id: keyId, revokedAt: expect.any(String) });
    release();

    const refusedFirst = (await first).body;
    expect(refusedFirst.errors).toBeUndefined();
    expect(refusedFirst.data.revokeApiKey).toEqual(twin);
  });
});
