import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Events, Webhooks } from "@seller-ops/core";
import { type ApiKeyRecord, keyFromItem, revokeKeyWrite } from "./apiKeys";
import type { Db } from "./context";
import * as EventsRepo from "./events";
import { transactWrite, type TransactItem } from "./transact";
import * as WebhookEndpointsRepo from "./webhookEndpoints";

/**
 * Revoking a key, in one place for the `revokeApiKey` mutation and the maintenance tool (`npm run keys -- revoke`):
 * the key, its `API_KEY_REVOKED` event and the webhook endpoints it registered, in every scope, switched off
 * (`KEY_REVOKED`, by `SYSTEM`), each with its `WEBHOOK_ENDPOINT_DISABLED` event, in one transaction. The endpoints
 * are found through the keys-only index `webhookEndpointsByOwner` (never a Scan) and each is read again
 * consistently: its version guards the write. At most `Webhooks.MAX_ENDPOINTS_DISABLED_PER_REVOKE` per
 * transaction; revoking the key again switches off the next ones (docs/webhooks.md).
 */

export interface RevocationPlan {
  /** Whether the key is still live: then index 0 of `writes` revokes it (and fails if it was revoked meanwhile). */
  revokesKey: boolean;
  /** The key's write (when live), then one versioned write per endpoint switched off. */
  writes: TransactItem[];
  events: Events.EventDraft[];
  /** The endpoints switched off, as the writes store them. */
  disabled: Webhooks.WebhookEndpoint[];
  /** Whether the key registered more ENABLED endpoints than one transaction switches off. */
  more: boolean;
}

/**
 * The key's ENABLED endpoints, at most `limit` (and whether there are more). The index is eventually consistent: an
 * endpoint registered within about a second may not be listed yet, and one an enabling caller took over since
 * (`Webhooks.enable`) is skipped on the consistent read.
 */
export async function enabledEndpointsOf(
  db: Db,
  keyId: string,
  limit = Webhooks.MAX_ENDPOINTS_DISABLED_PER_REVOKE,
): Promise<{ endpoints: Webhooks.WebhookEndpoint[]; more: boolean }> {
  const endpoints: Webhooks.WebhookEndpoint[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tables.WebhookEndpoints,
        IndexName: "webhookEndpointsByOwner",
        KeyConditionExpression: "ownerKeyId = :owner",
        ExpressionAttributeValues: { ":owner": keyId },
        ExclusiveStartKey: start,
        Limit: 50,
      }),
    );
    const read = await Promise.all(
      (page.Items ?? []).map(async (keys) => {
        const got = await db.doc.send(
          new GetCommand({
            TableName: db.tables.WebhookEndpoints,
            Key: { pk: keys.pk, sk: keys.sk },
            ConsistentRead: true,
          }),
        );
        return got.Item ? WebhookEndpointsRepo.readItem(got.Item) : null;
      }),
    );
    for (const stored of read) {
      // An item this code cannot read is left as it is (it delivers nothing: `listDeliverable`).
      if (!stored || WebhookEndpointsRepo.isUnreadable(stored)) continue;
      if (stored.ownerKeyId !== keyId || stored.status !== "ENABLED") continue;
      if (endpoints.length === limit) return { endpoints, more: true };
      endpoints.push(stored);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { endpoints, more: false };
}

/** What the key's `API_KEY_REVOKED` event says of it. */
function keyFacts(key: ApiKeyRecord, revokedAt: string): Events.KeyFacts {
  return {
    keyId: key.keyId,
    role: key.role,
    access: "access" in key ? key.access : null,
    createdAt: key.createdAt,
    revokedAt,
  };
}

/**
 * The writes and events that revoke `key` (unless it is revoked already) and switch off the next endpoints it
 * registered that are still ENABLED. Nothing to write when the key is revoked and none is left.
 */
export async function planRevocation(db: Db, key: ApiKeyRecord & { keyHash: string }, now: string) {
  const revokesKey = !key.revokedAt;
  const found = await enabledEndpointsOf(db, key.keyId);
  const disabled: Webhooks.WebhookEndpoint[] = [];
  const endpointWrites: TransactItem[] = [];
  for (const endpoint of found.endpoints) {
    const next = Webhooks.disableForRevokedKey({ endpoint, now });
    if (!next) continue;
    const changed = WebhookEndpointsRepo.changeWrite(db, endpoint, next);
    disabled.push(changed.endpoint);
    endpointWrites.push(changed.write);
  }
  const plan: RevocationPlan = {
    revokesKey,
    writes: [...(revokesKey ? [revokeKeyWrite(db, key.keyHash, now)] : []), ...endpointWrites],
    events: [
      ...(revokesKey ? [Events.apiKeyEvent({ type: "API_KEY_REVOKED", key: keyFacts(key, now) })] : []),
      ...disabled.map((endpoint) => Webhooks.endpointDisabledDraft({ endpoint })),
    ],
    disabled,
    more: found.more,
  };
  return plan;
}

/** The actor of the maintenance tool's key changes in the event log. */
const TOOL_ACTOR = Events.toolActor("keys");

export interface RevokeOutcome {
  /** Whether this call revoked the key (false: it was revoked already, or does not exist). */
  revoked: boolean;
  /** The endpoints this call switched off. */
  disabledEndpoints: Webhooks.WebhookEndpoint[];
  /** Whether the key still has ENABLED endpoints: run it again. */
  more: boolean;
}

/**
 * Revokes a key at once (the next request with it is UNAUTHENTICATED) with what `planRevocation` writes, as the
 * `revokeApiKey` mutation does. For the maintenance tool (`npm run keys`), whose actor is named by `actorKeyId`.
 * Re-run on a revoked key, it switches off what is left (nothing, usually). A racing change to one of the endpoints
 * fails the transaction: it is planned again (three tries).
 */
export async function revokeKey(db: Db, keyHash: string, now: string, actorKeyId = TOOL_ACTOR): Promise<RevokeOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await db.doc.send(
      new GetCommand({ TableName: db.tables.ApiKeys, Key: { keyHash }, ConsistentRead: true }),
    );
    if (!stored.Item) return { revoked: false, disabledEndpoints: [], more: false };
    const plan = await planRevocation(db, { ...keyFromItem(stored.Item), keyHash }, now);
    if (plan.writes.length === 0) return { revoked: false, disabledEndpoints: [], more: false };
    const { writes } = EventsRepo.writesFor(db, { drafts: plan.events, occurredAt: now, actorKeyId });
    const result = await transactWrite(db.doc, [...plan.writes, ...writes]);
    if (result.ok) return { revoked: plan.revokesKey, disabledEndpoints: plan.disabled, more: plan.more };
  }
  throw new Error("revokeKey: the key or its endpoints kept changing meanwhile; nothing was written. Run it again.");
}
