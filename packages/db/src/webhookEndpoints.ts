import { randomBytes } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod/mini";
import { Auth, Errors, I18n, Webhooks, type Time, type UserError } from "@seller-ops/core";
import { findByKeyId, grantOf } from "./apiKeys";
import type { Db } from "./context";
import type { OneItemWrite } from "./keyedItems";
import { queryPage, type Page, type PageRequest } from "./pagination";
import { currentShape, stamped, readItem as readStoredItem } from "./shapes";
import { putIfVersion, type TransactItem } from "./transact";

/**
 * Webhook endpoints, one item collection per scope (`SCOPE#<sellerId>` or `SCOPE#OPERATORS`), so
 * one Query finds every endpoint that may receive an event. Signing secrets are stored sealed
 * (AES-256-GCM under the `WebhookSecretKey` secret, bound to the endpoint id: core/src/webhooks/
 * sealing.ts), never in the clear; a plain secret exists only in the answer that shows it once.
 * Each scope also has one counter item (`COUNT`) that caps its endpoints inside the registering
 * transaction, so two racing registrations cannot pass the cap.
 */

const ENDPOINT_PREFIX = "ENDPOINT#";
const COUNT_SK = "COUNT";

export const scopeKey = (scope: string) => `SCOPE#${scope}`;
const endpointKey = (scope: string, endpointId: string) => ({
  pk: scopeKey(scope),
  sk: `${ENDPOINT_PREFIX}${endpointId}`,
});

const EndpointSecretItem = z.object({ sealed: z.string(), createdAt: z.string(), expiresAt: z.nullable(z.string()) });

const EndpointItem = z.lazy(() =>
  z.object({
    endpointId: z.string(),
    scope: z.string(),
    sellerId: z.nullish(z.string()),
    url: z.string(),
    eventTypes: z.array(z.string()),
    status: z.enum(["ENABLED", "DISABLED"]),
    disabledReason: z.nullish(z.enum(Webhooks.DISABLED_REASONS)),
    disabledBy: z.nullish(z.enum(Webhooks.DISABLED_BY)),
    ownerKeyId: z.string(),
    secrets: z.array(EndpointSecretItem).check(z.minLength(1)),
    version: z.number().check(z.int()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

/** A stored endpoint (or a stream image of one), brought to the current shape and parsed. */
export function fromItem(raw: Record<string, unknown>): Webhooks.WebhookEndpoint {
  const item = readStoredItem("webhookEndpoint", EndpointItem, raw);
  return {
    ...item,
    sellerId: item.sellerId ?? null,
    disabledReason: item.disabledReason ?? null,
    disabledBy: item.disabledBy ?? null,
  };
}

/**
 * An endpoint item this code cannot parse: during a deploy a newer release can store a value this one does not
 * know (a new `disabledReason`), and a hand edit can break one. It is named by its ids and its owner's key id only
 * (who may manage it), never its contents: the url and the sealed secrets stay out of logs and answers.
 */
export interface UnreadableEndpoint {
  unreadable: true;
  scope: string;
  endpointId: string;
  /** The owner's key id when the item still holds one as a string, else null (then only operators and its seller). */
  ownerKeyId: string | null;
  errorName: string;
  errorMessage: string;
}

export type StoredEndpoint = Webhooks.WebhookEndpoint | UnreadableEndpoint;

export const isUnreadable = (stored: StoredEndpoint): stored is UnreadableEndpoint => "unreadable" in stored;

/**
 * A stored endpoint, or what names it when this code cannot parse it. One seller's unreadable item must not fail
 * every reader of its scope (the dispatcher's whole stream batch, the retry job's groups, the seller's list), so
 * the readers of a scope skip it and say so, and a change naming it is refused (docs/webhooks.md).
 */
export function readItem(raw: Record<string, unknown>): StoredEndpoint {
  try {
    return fromItem(raw);
  } catch (error) {
    const sk = typeof raw.sk === "string" ? raw.sk : "";
    return {
      unreadable: true,
      scope: typeof raw.pk === "string" ? raw.pk.slice("SCOPE#".length) : "",
      endpointId: sk.startsWith(ENDPOINT_PREFIX) ? sk.slice(ENDPOINT_PREFIX.length) : sk,
      ownerKeyId: typeof raw.ownerKeyId === "string" ? raw.ownerKeyId : null,
      errorName: error instanceof Error ? error.name : typeof error,
      // A schema error names the attribute paths and the values it expected, never the values read.
      errorMessage: error instanceof Error ? error.message.slice(0, 500) : String(error),
    };
  }
}

/** What a log line says of an unreadable endpoint: its ids and why, nothing stored in it. */
export function unreadableFields(endpoint: UnreadableEndpoint): Record<string, string> {
  const { unreadable: _flag, ownerKeyId: _owner, ...fields } = endpoint;
  return fields;
}

/** The stored item of an endpoint: absent optional attributes stay absent (no nulls stored). */
function toItem(endpoint: Webhooks.WebhookEndpoint): Record<string, unknown> {
  const { sellerId, disabledReason, disabledBy, ...rest } = endpoint;
  return stamped("webhookEndpoint", {
    ...endpointKey(endpoint.scope, endpoint.endpointId),
    ...rest,
    ...(sellerId ? { sellerId } : {}),
    ...(disabledReason ? { disabledReason } : {}),
    ...(disabledBy ? { disabledBy } : {}),
  });
}

/** A new signing secret: shown once to the caller, stored only sealed. */
function newSigningSecret(keyring: Webhooks.Keyring, endpointId: string): { secret: string; sealed: string } {
  const secret = Webhooks.signingSecretFrom(randomBytes(32));
  return { secret, sealed: Webhooks.seal({ plaintext: secret, keyring, context: endpointId, iv: randomBytes(12) }) };
}

/** A new endpoint with a fresh signing secret, not yet stored; `secret` is the plain one, to show once. */
export function prepareEndpoint(args: {
  endpointId: string;
  sellerId: string | null;
  url: string;
  eventTypes: string[];
  ownerKeyId: string;
  keyring: Webhooks.Keyring;
  now: string;
}): { endpoint: Webhooks.WebhookEndpoint; secret: string } {
  const { secret, sealed } = newSigningSecret(args.keyring, args.endpointId);
  return {
    secret,
    endpoint: {
      endpointId: args.endpointId,
      scope: Webhooks.scopeOf(args.sellerId),
      sellerId: args.sellerId,
      url: args.url,
      eventTypes: [...new Set(args.eventTypes)],
      status: "ENABLED",
      disabledReason: null,
      disabledBy: null,
      ownerKeyId: args.ownerKeyId,
      secrets: [{ sealed, createdAt: args.now, expiresAt: null }],
      version: 1,
      createdAt: args.now,
      updatedAt: args.now,
    },
  };
}

/**
 * The writes that store a new endpoint: the scope's counter, only while under the cap (index 0 fails at the cap),
 * and the endpoint, only if its id is new (index 1). With `seenChanges` (the scope's `changes` as read with its
 * endpoints, `listScopeForRegistration`), index 0 also fails when any registration or deletion landed in the scope
 * since: what was decided from that read (a partner tool's share) still holds when it lands.
 */
export function registerWrites(db: Db, endpoint: Webhooks.WebhookEndpoint, seenChanges?: number): TransactItem[] {
  const unchanged =
    seenChanges === undefined
      ? ""
      : seenChanges === 0
        ? " AND attribute_not_exists(#changes)"
        : " AND #changes = :seen";
  return [
    {
      Update: {
        TableName: db.tables.WebhookEndpoints,
        Key: { pk: scopeKey(endpoint.scope), sk: COUNT_SK },
        UpdateExpression:
          "SET registered = if_not_exists(registered, :zero) + :one, " +
          "#changes = if_not_exists(#changes, :zero) + :one, #shape = :shape",
        ConditionExpression: `(attribute_not_exists(registered) OR registered < :max)${unchanged}`,
        ExpressionAttributeNames: { "#shape": "shape", "#changes": "changes" },
        ExpressionAttributeValues: {
          ":zero": 0,
          ":one": 1,
          ":max": Webhooks.MAX_ENDPOINTS_PER_SCOPE,
          ":shape": currentShape("webhookScopeCount"),
          ...(seenChanges ? { ":seen": seenChanges } : {}),
        },
      },
    },
    {
      Put: {
        TableName: db.tables.WebhookEndpoints,
        Item: toItem(endpoint),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  ];
}

/**
 * The writes that delete an endpoint: the endpoint, only if still at the version read (index 0:
 * a racing change or delete fails it), and the scope's counter one lower (index 1), so the cap has
 * room again in the same transaction. The counter cannot go below zero: a failure there means the
 * counter and the endpoints disagree, which is a bug to surface, not a refusal.
 */
export function deleteWrites(db: Db, endpoint: Webhooks.WebhookEndpoint): TransactItem[] {
  return [
    {
      Delete: {
        TableName: db.tables.WebhookEndpoints,
        Key: endpointKey(endpoint.scope, endpoint.endpointId),
        ConditionExpression: "version = :expected",
        ExpressionAttributeValues: { ":expected": endpoint.version },
      },
    },
    {
      Update: {
        TableName: db.tables.WebhookEndpoints,
        Key: { pk: scopeKey(endpoint.scope), sk: COUNT_SK },
        UpdateExpression:
          "SET registered = registered - :one, #changes = if_not_exists(#changes, :zero) + :one, #shape = :shape",
        ConditionExpression: "registered >= :one",
        ExpressionAttributeNames: { "#shape": "shape", "#changes": "changes" },
        ExpressionAttributeValues: { ":zero": 0, ":one": 1, ":shape": currentShape("webhookScopeCount") },
      },
    },
  ];
}

/** Whether the scope's counter stands at the cap (read strongly consistent): why a registration's index 0 failed. */
export async function scopeFull(db: Db, scope: string): Promise<boolean> {
  const count = await db.doc.send(
    new GetCommand({
      TableName: db.tables.WebhookEndpoints,
      Key: { pk: scopeKey(scope), sk: COUNT_SK },
      ConsistentRead: true,
    }),
  );
  return Number(count.Item?.registered ?? 0) >= Webhooks.MAX_ENDPOINTS_PER_SCOPE;
}

/** The userError when the registering transaction's counter condition failed. */
export function limitReached(): UserError {
  return Errors.userError(
    "LIMIT_REACHED",
    I18n.text("refusal.limit.webhookEndpoints", { max: Webhooks.MAX_ENDPOINTS_PER_SCOPE }),
    ["input"],
  );
}

/**
 * The write that stores `next` in place of `before`, only if the stored item is still at
 * `before`'s version; returns the endpoint as stored (version + 1).
 */
export function changeWrite(
  db: Db,
  before: Webhooks.WebhookEndpoint,
  next: Webhooks.WebhookEndpoint,
): { endpoint: Webhooks.WebhookEndpoint; write: TransactItem } {
  const changed = changeItem(before, next);
  return {
    endpoint: changed.endpoint,
    write: putIfVersion(db.tables.WebhookEndpoints, changed.write.item, before.version),
  };
}

/**
 * The same change as one item written alone (an owner's change: no event goes with it, so no
 * transaction; packages/db/src/keyedItems.ts); returns the endpoint as stored (version + 1).
 */
export function changeItem(
  before: Webhooks.WebhookEndpoint,
  next: Webhooks.WebhookEndpoint,
): { endpoint: Webhooks.WebhookEndpoint; write: OneItemWrite } {
  const endpoint = { ...next, version: before.version + 1 };
  return { endpoint, write: { table: "WebhookEndpoints", item: toItem(endpoint), expectedVersion: before.version } };
}

/**
 * Switches an endpoint off (the dispatcher after repeated failures: `REPEATED_FAILURES`, by `SYSTEM`; a caller
 * that manages it: `BY_OWNER`, by its role), as writes the caller runs in its own transaction with the event that
 * says so. A failed condition on the write means someone changed the endpoint meanwhile: read it again.
 */
export function disable(
  db: Db,
  endpoint: Webhooks.WebhookEndpoint,
  reason: Webhooks.DisabledReason,
  now: string,
  by: Webhooks.DisabledBy = Webhooks.presumedDisabledBy({ disabledReason: reason, scope: endpoint.scope }),
): { ok: true; endpoint: Webhooks.WebhookEndpoint; writes: TransactItem[] } | { ok: false; errors: UserError[] } {
  const decided = Webhooks.disable({ endpoint, reason, by, now });
  if (!decided.ok) return decided;
  const changed = changeWrite(db, endpoint, decided.value);
  return { ok: true, endpoint: changed.endpoint, writes: [changed.write] };
}

/**
 * A rotation: a new current secret (returned plain, to show once) and the previous one signing for
 * `overlapMs` (core/src/webhooks/rotation.ts; refused outside 0 … 7 days).
 */
export function rotateSecret(args: {
  endpoint: Webhooks.WebhookEndpoint;
  keyring: Webhooks.Keyring;
  now: string;
  overlapMs?: number;
}): { ok: true; endpoint: Webhooks.WebhookEndpoint; secret: string } | { ok: false; message: string; text: I18n.Text } {
  const { secret, sealed } = newSigningSecret(args.keyring, args.endpoint.endpointId);
  const rotated = Webhooks.rotate({
    secrets: args.endpoint.secrets,
    added: sealed,
    now: args.now,
    overlapMs: args.overlapMs,
  });
  if (!rotated.ok) return rotated;
  return { ok: true, secret, endpoint: { ...args.endpoint, secrets: rotated.secrets, updatedAt: args.now } };
}

/** The plain secrets that sign a delivery made at `now`, the newest first (one, or two during an overlap). */
export function signingSecrets(endpoint: Webhooks.WebhookEndpoint, keyring: Webhooks.Keyring, now: string): string[] {
  return Webhooks.signingAt({ secrets: endpoint.secrets, now }).map((s) =>
    Webhooks.unseal({ sealed: s.sealed, keyring, context: endpoint.endpointId }),
  );
}

/**
 * After the `WebhookSecretKey` rotates (`NEW OLD`), the write that re-seals an endpoint's secrets
 * under the keyring's current key, or null when they all are already. Conditioned on the version
 * read (a racing change fails it, and a re-run re-reads), and it bumps the version: a mutation
 * that read the endpoint before the re-seal then fails its own version check, instead of writing
 * back secrets sealed under the old key (which stops opening once OLD leaves the keyring).
 */
export function resealWrite(
  db: Db,
  endpoint: Webhooks.WebhookEndpoint,
  keyring: Webhooks.Keyring,
): TransactItem | null {
  if (endpoint.secrets.every((s) => Webhooks.sealedKeyId(s.sealed) === keyring.currentKeyId)) return null;
  const secrets = endpoint.secrets.map((s) => ({
    ...s,
    sealed: Webhooks.reseal({ sealed: s.sealed, keyring, context: endpoint.endpointId, iv: randomBytes(12) }),
  }));
  return changeWrite(db, endpoint, { ...endpoint, secrets }).write;
}

/** One endpoint of a scope (a strongly consistent read: mutations decide from it), or null; throws when unreadable. */
export async function get(db: Db, scope: string, endpointId: string): Promise<Webhooks.WebhookEndpoint | null> {
  const item = await getItem(db, scope, endpointId);
  return item ? fromItem(item) : null;
}

/** The same read for a caller that deals with an item it cannot parse (`readItem`) instead of failing. */
export async function getStored(db: Db, scope: string, endpointId: string): Promise<StoredEndpoint | null> {
  const item = await getItem(db, scope, endpointId);
  return item ? readItem(item) : null;
}

async function getItem(db: Db, scope: string, endpointId: string): Promise<Record<string, unknown> | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.tables.WebhookEndpoints,
      Key: endpointKey(scope, endpointId),
      ConsistentRead: true,
    }),
  );
  return result.Item;
}

/**
 * A page of a scope's endpoints in id order (the API's ids are ULIDs: oldest first); `ownerKeyId` keeps only one
 * owner's (a partner sees the endpoints it registered). Never a secret in the clear: the sealed
 * ones stay in the record, and the API shows none.
 */
export async function listPage(
  db: Db,
  args: { scope: string; ownerKeyId?: string },
  page: PageRequest,
): Promise<Page<StoredEndpoint>> {
  return queryPage(
    db,
    {
      TableName: db.tables.WebhookEndpoints,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :endpoint)",
      ...(args.ownerKeyId ? { FilterExpression: "ownerKeyId = :owner" } : {}),
      ExpressionAttributeValues: {
        ":pk": scopeKey(args.scope),
        ":endpoint": ENDPOINT_PREFIX,
        ...(args.ownerKeyId ? { ":owner": args.ownerKeyId } : {}),
      },
    },
    page,
    ["pk", "sk"],
    readItem,
  );
}

/** Every endpoint of a scope (at most MAX_ENDPOINTS_PER_SCOPE: one Query page), and those this code cannot read. */
export async function listScope(db: Db, scope: string): Promise<StoredEndpoint[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookEndpoints,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :endpoint)",
      ExpressionAttributeValues: { ":pk": scopeKey(scope), ":endpoint": ENDPOINT_PREFIX },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map(readItem);
}

/**
 * Every endpoint of a scope and the scope's count of changes (each registration and deletion adds one; 0 before the
 * first), from one strongly consistent Query of the scope's items: the endpoints as they stood at that count. A
 * registration decided from them lands only at the same count (`registerWrites`' `seenChanges`).
 */
export async function listScopeForRegistration(
  db: Db,
  scope: string,
): Promise<{ endpoints: StoredEndpoint[]; changes: number }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tables.WebhookEndpoints,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": scopeKey(scope) },
      ConsistentRead: true,
    }),
  );
  const items = result.Items ?? [];
  const count = items.find((item) => item.sk === COUNT_SK);
  return {
    endpoints: items.filter((item) => String(item.sk).startsWith(ENDPOINT_PREFIX)).map(readItem),
    changes: Number(count?.changes ?? 0),
  };
}

/**
 * The keys that registered these endpoints, as they stand now (revoked or not; null: no key has the id), by key id:
 * one lookup per distinct key (a frontend user's endpoint has none to look up). The index is eventually consistent:
 * a revocation is seen usually within a second.
 */
export async function ownerKeys(
  db: Db,
  endpoints: Pick<Webhooks.WebhookEndpoint, "ownerKeyId">[],
): Promise<Map<string, Webhooks.OwnerKey | null>> {
  const keyIds = [
    ...new Set(endpoints.map((e) => e.ownerKeyId).filter((id) => !id.startsWith(Auth.TOKEN_PRINCIPAL_PREFIX))),
  ];
  return new Map(await Promise.all(keyIds.map(async (keyId) => [keyId, await ownerKey(db, keyId)] as const)));
}

/** The key that registered an endpoint, as it stands now; null when no key has the id. */
export async function ownerKey(db: Db, keyId: string): Promise<Webhooks.OwnerKey | null> {
  const record = await findByKeyId(db, keyId);
  return record ? { grant: grantOf(record), revoked: Boolean(record.revokedAt) } : null;
}

/**
 * Whether who registered the endpoint still lets it deliver (`Webhooks.ownerEntitled`), from `ownerKeys`, at `now` (an
 * endpoint written a moment ago may name a key the index does not hold yet: `Webhooks.writtenJustNow`).
 */
export function ownerEntitled(
  endpoint: Pick<Webhooks.WebhookEndpoint, "ownerKeyId" | "scope" | "updatedAt">,
  owners: Map<string, Webhooks.OwnerKey | null>,
  now: Time.Instant,
): boolean {
  return Webhooks.ownerEntitled({
    owner: owners.get(endpoint.ownerKeyId) ?? null,
    ownerIsToken: endpoint.ownerKeyId.startsWith(Auth.TOKEN_PRINCIPAL_PREFIX),
    scope: endpoint.scope,
    writtenJustNow: Webhooks.writtenJustNow(endpoint, now),
  });
}

/**
 * The endpoints that receive a scope's events now: ENABLED, and answering to a key that is live and covers the scope
 * (`Webhooks.ownerEntitled`: one under a revoked key, whoever it was issued to, receives nothing even when the
 * revocation missed it). One Query for the scope, plus one key lookup per distinct owning key (at most the scope's
 * cap, usually one or two). An item this code cannot read receives nothing either: it is returned apart, for the
 * caller to log and count, and the scope's other endpoints are delivered as usual.
 */
export async function listDeliverable(
  db: Db,
  scope: string,
  now: Time.Instant,
): Promise<{ endpoints: Webhooks.WebhookEndpoint[]; unreadable: UnreadableEndpoint[] }> {
  const stored = await listScope(db, scope);
  const unreadable = stored.filter(isUnreadable);
  const enabled = stored.filter((e): e is Webhooks.WebhookEndpoint => !isUnreadable(e) && e.status === "ENABLED");
  const owners = await ownerKeys(db, enabled);
  const endpoints = enabled.filter((e) => ownerEntitled(e, owners, now));
  return { endpoints, unreadable };
}
