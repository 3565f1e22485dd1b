import { Errors, I18n, Inputs, Sellers, Webhooks, type Result, type UserError } from "@seller-ops/core";
import {
  WebhookDeliveriesRepo,
  WebhookEndpointsRepo,
  type StoredEndpoint,
  type UnreadableEndpoint,
} from "@seller-ops/db";
import { actingSellerId, type Context } from "../context";
import { forbiddenBecause } from "../errors";
import { mutationInput, type Effect, type MutationSpec, type Payload } from "../mutation";
import { loadSellerForWrite } from "../sellers/load";
import { ownerStandingOf } from "./access";

/**
 * The endpoint mutations. Who may do what (core/src/webhooks/registry.ts, docs/using-the-api.md):
 * operators for any scope, the operator scope included; a seller key for its own seller; a
 * read-write partner key for a seller it is granted, and then only the endpoints it registered.
 * Marketplace keys never. A signing secret is in the clear only in the answer that creates it and in a
 * replay of that answer: the idempotency record keeps it sealed, as the endpoint item does (`storedPayload`,
 * `sealedSecretPayload`), for the record's life (24 h) and its caller only; the table keeps it sealed.
 */

/**
 * The answer of a key's record (a replay of a registration or a rotation): the secret the record keeps sealed,
 * opened with the webhook keyring (bound to the endpoint, as the item's). Null from a record of the previous
 * release (it kept none), or when the key that sealed it has left the keyring since without `npm run
 * webhooks:reseal` re-sealing the record first (`resealedSecretAnswer`): logged without the secret.
 */
function openedSecretPayload(ctx: Context, stored: SecretPayload): SecretPayload {
  const { sealedSigningSecret: sealed, ...rest } = stored;
  const endpointId = rest.webhookEndpoint?.endpointId;
  if (!sealed || !endpointId) return { ...rest, signingSecret: null };
  try {
    const secret = Webhooks.unseal({ sealed, keyring: ctx.config.webhooks.keyring, context: endpointId });
    return { ...rest, signingSecret: secret };
  } catch (error) {
    if (!(error instanceof Webhooks.SealError)) throw error;
    ctx.logger.warn("a replayed signing secret no longer opens: answered without it", { endpointId });
    return { ...rest, signingSecret: null };
  }
}

/** The mutations whose key's record keeps a sealed secret (`sealedSecretPayload`), which `webhooks:reseal` reads. */
export const SEALED_ANSWER_MUTATIONS = ["registerWebhookEndpoint", "rotateWebhookSecret"] as const;

/** What `resealedSecretAnswer` found in a key's record. */
export type ResealedAnswer = { kind: "noSecret" } | { kind: "current" } | { kind: "resealed"; payload: unknown };

/**
 * After the `WebhookSecretKey` rotates (`NEW OLD`), a key's kept answer (as `storedPayloadOf` decodes it) with its
 * sealed secret re-sealed under the keyring's current key (bound to the same endpoint), so a retry still answers
 * the secret once OLD has left the keyring. `noSecret`: an answer that keeps none (another mutation's, a refusal,
 * a record of the release that kept none); `current`: sealed under the current key already. A SealError when no
 * key of the keyring opens it. `iv`: 12 fresh random bytes.
 */
export function resealedSecretAnswer(stored: unknown, keyring: Webhooks.Keyring, iv: Buffer): ResealedAnswer {
  if (typeof stored !== "object" || stored === null) return { kind: "noSecret" };
  const answer = stored as SecretPayload;
  const sealed = answer.sealedSigningSecret;
  const endpointId = answer.webhookEndpoint?.endpointId;
  if (typeof sealed !== "string" || typeof endpointId !== "string") return { kind: "noSecret" };
  if (Webhooks.sealedKeyId(sealed) === keyring.currentKeyId) return { kind: "current" };
  const resealed = Webhooks.reseal({ sealed, keyring, context: endpointId, iv });
  return { kind: "resealed", payload: { ...answer, sealedSigningSecret: resealed } };
}

/**
 * What a key's record keeps of a registration or a rotation: the answer, its secret sealed as the endpoint item
 * keeps it (never in the clear), so that a retry with the key answers it again (`openedSecretPayload`).
 */
const sealedSecretPayload = (payload: Payload<SecretPayload>): Payload<SecretPayload> => ({
  ...payload,
  signingSecret: null,
});

/**
 * The answer of an endpoint change, from the endpoint as the change stored it (a key's attempt that
 * finds another attempt's change landed: oneItemEffect.ts): every change sets `updatedAt` to its
 * instant, the one its answer was computed at. A rotation's secret is not in it: shown once, never stored.
 */
function answerOfChange(_ctx: Context, item: Record<string, unknown>): EndpointPayload {
  const endpoint = WebhookEndpointsRepo.fromItem(item);
  return { webhookEndpoint: endpointView(endpoint, endpoint.updatedAt) };
}

/** What every answer shows of an endpoint: never its secrets, sealed or not. */
export type WebhookEndpointView = Omit<Webhooks.WebhookEndpoint, "secrets"> & { secretOverlapEndsAt: string | null };

export function endpointView(endpoint: Webhooks.WebhookEndpoint, now: string): WebhookEndpointView {
  const { secrets: _sealed, ...rest } = endpoint;
  return { ...rest, secretOverlapEndsAt: Webhooks.overlapEndsAt({ endpoint, now }) };
}

/**
 * Webhook endpoints are the seller's side and the platform's: a marketplace key speaks for the buyer and has none,
 * nor reads the seller's (nor their events in its feed, events/resolvers.ts).
 */
export function requireEndpointReader(ctx: Context): void {
  if (ctx.principal.role === "MARKETPLACE") throw forbiddenBecause("webhooksNotForMarketplace");
}

/**
 * The scope a request names: a seller (checked against the credential's grant, top-level
 * FORBIDDEN otherwise) or, for an operator naming none, the operator scope.
 */
export function scopeFor(ctx: Context, sellerId: string | null | undefined, access: "READ" | "WRITE"): string {
  requireEndpointReader(ctx);
  if (!sellerId && ctx.principal.role === "OPERATOR") return Webhooks.OPERATOR_SCOPE;
  const scope = actingSellerId(ctx, sellerId, access);
  // A seller stored under the reserved id before it was refused would otherwise act for the platform.
  if (Sellers.isReservedSellerId(scope) && ctx.principal.role !== "OPERATOR")
    throw forbiddenBecause("platformWebhooksOperatorsOnly");
  return scope;
}

const notFound = () =>
  Errors.userError("NOT_FOUND", I18n.text("refusal.notFound", { what: "webhookEndpoint" }), ["input", "endpointId"]);

/**
 * An endpoint whose stored item this code cannot read (a newer release's value during a deploy, or a hand edit):
 * a change to it is refused, as it could not be made from what is stored, and nothing is written.
 */
export const endpointUnreadable = () =>
  Errors.userError("INVALID_TRANSITION", I18n.text("refusal.webhook.endpointUnreadable", {}), ["input", "endpointId"]);

/** An error log line naming an endpoint item this code cannot read: its ids and why, never what it stores. */
export function logUnreadableEndpoint(ctx: Context, endpoint: UnreadableEndpoint): void {
  ctx.logger.error("webhook endpoint item cannot be read", WebhookEndpointsRepo.unreadableFields(endpoint));
}

/**
 * A stored endpoint, readable or not, when this caller may manage it (a partner only the endpoints it registered,
 * judged from the item's owner key id even when the rest does not parse); null when it is not there for this caller.
 */
export async function managedEndpoint(ctx: Context, scope: string, endpointId: string): Promise<StoredEndpoint | null> {
  // An id longer than any the API issues names no endpoint, nor a seller id an operator passes any scope (as keys,
  // DynamoDB would refuse them: a 500).
  const named = Inputs.couldBeId(scope) && Inputs.couldBeId(endpointId);
  const stored = named ? await WebhookEndpointsRepo.getStored(ctx.db, scope, endpointId) : null;
  if (!stored) return null;
  const ownerKeyId = stored.ownerKeyId;
  // An unreadable item naming no owner: only those who manage every endpoint of the scope (not a partner) see it.
  const manages =
    ownerKeyId === null
      ? ctx.principal.role !== "PARTNER"
      : Webhooks.mayManage({ principal: ctx.principal, endpoint: { ownerKeyId } });
  if (!manages) return null;
  if (WebhookEndpointsRepo.isUnreadable(stored)) logUnreadableEndpoint(ctx, stored);
  return stored;
}

/** The URL rule at registration and update, with the configuration's word on local endpoints. */
function checkUrl(ctx: Context, url: string): Result<string> {
  const checked = Webhooks.checkRegistration({ url, allowLocal: ctx.config.webhooks.allowLocalEndpoints });
  if (checked.ok) return Errors.ok(checked.url.toString());
  return Errors.refuse(Errors.userError("WEBHOOK_URL_REFUSED", checked.text, ["input", "url"]));
}

type EndpointPayload = { webhookEndpoint: WebhookEndpointView | null };
/**
 * `sealedSigningSecret`: the shown secret as the endpoint item keeps it, for the key's record (not in the schema,
 * so never in an answer).
 */
type SecretPayload = EndpointPayload & { signingSecret: string | null; sealedSigningSecret?: string | null };

const RegisterInput = mutationInput(Webhooks.RegisterInput);

export const registerWebhookEndpoint: MutationSpec<typeof RegisterInput, SecretPayload> = {
  name: "registerWebhookEndpoint",
  input: RegisterInput,
  refusedPayload: { webhookEndpoint: null, signingSecret: null },
  async execute(ctx, input) {
    const scope = scopeFor(ctx, input.sellerId, "WRITE");
    const sellerId = scope === Webhooks.OPERATOR_SCOPE ? null : scope;
    if (sellerId) {
      const seller = await loadSellerForWrite(ctx, sellerId);
      if (!seller.ok) return { kind: "refused", errors: seller.errors };
    }
    const url = checkUrl(ctx, input.url);
    if (!url.ok) return { kind: "refused", errors: url.errors };
    // Nothing new for a caller while an endpoint it manages stands switched off above it (one Query page: the scope
    // holds at most 10). An item this code cannot read delivers nothing, so it holds nothing back either; it still
    // takes a place in its tool's share.
    const listed = await WebhookEndpointsRepo.listScopeForRegistration(ctx.db, scope);
    const endpoints = listed.endpoints.filter(
      (e): e is Webhooks.WebhookEndpoint => !WebhookEndpointsRepo.isUnreadable(e),
    );
    const beside = Webhooks.allowsNewEndpoint({ principal: ctx.principal, endpoints });
    if (!beside.ok) return { kind: "refused", errors: beside.errors };
    const share = Webhooks.withinToolShare({
      principal: ctx.principal,
      ownerKeyIds: listed.endpoints.map((e) => e.ownerKeyId),
    });
    if (!share.ok) return { kind: "refused", errors: share.errors };
    // A partner's share was counted on this read: it lands only if the scope is as read, so two registrations of one
    // tool at the same moment cannot both take its last place (the one that lost decides again on a fresh read).
    const seenChanges = ctx.principal.role === "PARTNER" ? listed.changes : undefined;
    const prepared = WebhookEndpointsRepo.prepareEndpoint({
      endpointId: `whe_${ctx.newId()}`,
      sellerId,
      url: url.value,
      eventTypes: input.eventTypes ?? [],
      ownerKeyId: ctx.principal.principalId,
      keyring: ctx.config.webhooks.keyring,
      now: ctx.now,
    });
    return {
      kind: "write",
      writes: WebhookEndpointsRepo.registerWrites(ctx.db, prepared.endpoint, seenChanges),
      // Endpoint configuration is the caller's own setup, not news for the seller: no event
      // (docs/events.md). The dispatcher records WEBHOOK_ENDPOINT_DISABLED when it switches one off.
      events: [],
      payload: {
        webhookEndpoint: endpointView(prepared.endpoint, ctx.now),
        signingSecret: prepared.secret,
        sealedSigningSecret: prepared.endpoint.secrets[0]!.sealed,
      },
      async onConditionFailed(failed) {
        if (!failed.includes(0))
          throw new Error("registerWebhookEndpoint: a new endpoint id collided with a stored one.");
        if (seenChanges === undefined || (await WebhookEndpointsRepo.scopeFull(ctx.db, scope)))
          return [WebhookEndpointsRepo.limitReached()];
        return [scopeChangedMeanwhile()];
      },
    };
  },
  // A retry with the key answers the same secret: the record keeps it sealed, never in the clear.
  storedPayload: sealedSecretPayload,
  answerOfStored: openedSecretPayload,
};

/** An endpoint the caller may change, read strongly consistent (its version guards the write), at the version asked. */
async function loadForChange(
  ctx: Context,
  input: { sellerId?: string | null; endpointId: string; expectedVersion?: number | null },
): Promise<Result<Webhooks.WebhookEndpoint>> {
  const scope = scopeFor(ctx, input.sellerId, "WRITE");
  const endpoint = await managedEndpoint(ctx, scope, input.endpointId);
  if (!endpoint) return Errors.refuse(notFound());
  if (WebhookEndpointsRepo.isUnreadable(endpoint)) return Errors.refuse(endpointUnreadable());
  const version = Inputs.checkVersion(endpoint, input.expectedVersion);
  return version.ok ? Errors.ok(endpoint) : version;
}

/** A registration that lost a race to another change of the scope: decided again (mutation.ts), not an answer. */
const scopeChangedMeanwhile = () =>
  Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "endpoint" }), ["input"]);

const versionConflict = async (): Promise<UserError[]> => [
  Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "endpoint" }), [
    "input",
    "expectedVersion",
  ]),
];

const RotateInput = mutationInput(Webhooks.RotateInput);

export const rotateWebhookSecret: MutationSpec<typeof RotateInput, SecretPayload> = {
  name: "rotateWebhookSecret",
  input: RotateInput,
  refusedPayload: { webhookEndpoint: null, signingSecret: null },
  async execute(ctx, input) {
    const loaded = await loadForChange(ctx, input);
    if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
    const rotated = WebhookEndpointsRepo.rotateSecret({
      endpoint: loaded.value,
      keyring: ctx.config.webhooks.keyring,
      now: ctx.now,
      overlapMs: input.overlapHours,
    });
    if (!rotated.ok)
      return {
        kind: "refused",
        errors: [Errors.userError("INVALID_INPUT", rotated.text, ["input", "overlapHours"])],
      };
    const changed = WebhookEndpointsRepo.changeItem(loaded.value, rotated.endpoint);
    return {
      // Configuration: no event (see registerWebhookEndpoint), so one item written alone.
      kind: "oneItem",
      write: changed.write,
      payload: {
        webhookEndpoint: endpointView(changed.endpoint, ctx.now),
        signingSecret: rotated.secret,
        sealedSigningSecret: currentSealed(rotated.endpoint),
      },
      onConditionFailed: versionConflict,
    };
  },
  // A retry with the key answers the same secret (rotating again would stop the one the receiver has).
  storedPayload: sealedSecretPayload,
  answerOfStored: openedSecretPayload,
  // The item this key's rotation produced: its current secret is the one the rotation made.
  answerOfItem: (ctx, item) => ({
    ...answerOfChange(ctx, item),
    signingSecret: null,
    sealedSigningSecret: currentSealed(WebhookEndpointsRepo.fromItem(item)),
  }),
};

/** The sealed current secret of an endpoint (the one a rotation or a registration made). */
const currentSealed = (endpoint: Webhooks.WebhookEndpoint): string | null =>
  endpoint.secrets.find((s) => s.expiresAt === null)?.sealed ?? null;

/** A change a core verb decides from the loaded endpoint (disable, enable, update), written at its version. */
async function change(
  ctx: Context,
  input: { sellerId?: string | null; endpointId: string; expectedVersion?: number | null },
  decide: (endpoint: Webhooks.WebhookEndpoint) => Result<Webhooks.WebhookEndpoint>,
): Promise<Effect<EndpointPayload>> {
  const loaded = await loadForChange(ctx, input);
  if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
  const decided = decide(loaded.value);
  if (!decided.ok) return { kind: "refused", errors: decided.errors };
  const changed = WebhookEndpointsRepo.changeItem(loaded.value, decided.value);
  return {
    // Configuration: no event (see registerWebhookEndpoint), so one item written alone.
    kind: "oneItem",
    write: changed.write,
    payload: { webhookEndpoint: endpointView(changed.endpoint, ctx.now) },
    onConditionFailed: versionConflict,
  };
}

const SwitchInput = mutationInput(Webhooks.SwitchInput);

export const disableWebhookEndpoint: MutationSpec<typeof SwitchInput, EndpointPayload> = {
  name: "disableWebhookEndpoint",
  input: SwitchInput,
  refusedPayload: { webhookEndpoint: null },
  execute: (ctx, input) =>
    change(ctx, input, (endpoint) =>
      Webhooks.disable({ endpoint, reason: "BY_OWNER", by: Webhooks.actorOf(ctx.principal), now: ctx.now }),
    ),
  answerOfItem: answerOfChange,
};

/**
 * Switches an endpoint on again and, in the same transaction, drops its failing streak, when the caller's role is at
 * least the one that switched it off (`Webhooks.mayReenable`; INVALID_TRANSITION otherwise, nothing written): the owner
 * enables it once the receiver works, so the failures from before count no more (kept, one failure
 * after enabling would switch it off again). Two items, so the normal keyed path, as for a delete.
 */
export const enableWebhookEndpoint: MutationSpec<typeof SwitchInput, EndpointPayload> = {
  name: "enableWebhookEndpoint",
  input: SwitchInput,
  refusedPayload: { webhookEndpoint: null },
  async execute(ctx, input) {
    const loaded = await loadForChange(ctx, input);
    if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
    // Only with at least the authority of whoever switched it off (a tool does not overrule its seller); one shown
    // DISABLED as its partner tool lost the seller (OWNER_ACCESS_ENDED, as the view decides it) is refused so.
    const endpoint = loaded.value;
    const ownerStanding = await ownerStandingOf(ctx, endpoint);
    const by = Webhooks.actorOf(ctx.principal);
    // One whose key is revoked (KEY_REVOKED) becomes the caller's: it delivers under a live key.
    const principalId = ctx.principal.principalId;
    const decided = Webhooks.enable({ endpoint, by, now: ctx.now, ownerStanding, principalId });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const changed = WebhookEndpointsRepo.changeWrite(ctx.db, loaded.value, decided.value);
    return {
      kind: "write",
      writes: [changed.write, WebhookDeliveriesRepo.forgetStreak(ctx.db, loaded.value.endpointId)],
      // Configuration, as every endpoint change: no event (test/events/catalog.ts NO_EVENT).
      events: [],
      payload: { webhookEndpoint: endpointView(changed.endpoint, ctx.now) },
      async onConditionFailed(failed) {
        if (failed.includes(0)) return versionConflict();
        throw new Error("enableWebhookEndpoint: dropping the failing streak has no condition that can fail.");
      },
    };
  },
};

const UpdateInput = mutationInput(Webhooks.UpdateInput);

/**
 * Changes an endpoint's URL or event types. A new URL is a new receiver: its failing streak is dropped in
 * the same transaction, as on enabling (kept, the old receiver's failures would switch the new one off at
 * its first failure, and hold its stream deliveries while the streak stands). Two items, so the normal keyed
 * path; a change that keeps the URL stays a one-item write.
 */
export const updateWebhookEndpoint: MutationSpec<typeof UpdateInput, EndpointPayload> = {
  name: "updateWebhookEndpoint",
  input: UpdateInput,
  refusedPayload: { webhookEndpoint: null },
  async execute(ctx, input) {
    const loaded = await loadForChange(ctx, input);
    if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
    const url = input.url == null ? null : checkUrl(ctx, input.url);
    if (url && !url.ok) return { kind: "refused", errors: url.errors };
    const endpoint = loaded.value;
    const decided = Webhooks.update({
      endpoint,
      url: url?.value ?? null,
      eventTypes: input.eventTypes,
      by: ctx.principal.principalId,
      now: ctx.now,
    });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    if (decided.value.url === endpoint.url) {
      const changed = WebhookEndpointsRepo.changeItem(endpoint, decided.value);
      return {
        kind: "oneItem",
        write: changed.write,
        payload: { webhookEndpoint: endpointView(changed.endpoint, ctx.now) },
        onConditionFailed: versionConflict,
      };
    }
    const changed = WebhookEndpointsRepo.changeWrite(ctx.db, endpoint, decided.value);
    return {
      kind: "write",
      writes: [changed.write, WebhookDeliveriesRepo.forgetStreak(ctx.db, endpoint.endpointId)],
      // Configuration, as every endpoint change: no event (test/events/catalog.ts NO_EVENT).
      events: [],
      payload: { webhookEndpoint: endpointView(changed.endpoint, ctx.now) },
      async onConditionFailed(failed) {
        if (failed.includes(0)) return versionConflict();
        throw new Error("updateWebhookEndpoint: dropping the failing streak has no condition that can fail.");
      },
    };
  },
  answerOfItem: answerOfChange,
};

const DeleteInput = mutationInput(Webhooks.SwitchInput);
type DeletePayload = { deletedEndpointId: string | null };

/**
 * Deletes an endpoint, in any state, with the authority to change it (`loadForChange`); one switched off above the
 * caller (a partner tool's by its seller, a seller's by an operator) only with the authority to switch it on again
 * (`Webhooks.remove`: INVALID_TRANSITION, nothing written), or the switch-off would be lifted. The endpoint,
 * its scope's counter (the cap frees up at once) and its failing streak go in one transaction, so
 * the normal keyed path (the key's record in that transaction), not the one-item one. Deliveries
 * still waiting stay in the log until their TTL and are never sent: the dispatcher and the retry job
 * find no deliverable endpoint for them and settle them GAVE_UP (docs/webhooks.md).
 */
export const deleteWebhookEndpoint: MutationSpec<typeof DeleteInput, DeletePayload> = {
  name: "deleteWebhookEndpoint",
  input: DeleteInput,
  refusedPayload: { deletedEndpointId: null },
  async execute(ctx, input) {
    const loaded = await loadForChange(ctx, input);
    if (!loaded.ok) return { kind: "refused", errors: loaded.errors };
    // Deleting lifts a switch-off: only with the authority that switches it on again (`Webhooks.remove`).
    const decided = Webhooks.remove({ endpoint: loaded.value, by: Webhooks.actorOf(ctx.principal) });
    if (!decided.ok) return { kind: "refused", errors: decided.errors };
    const endpoint = decided.value;
    return {
      kind: "write",
      writes: [
        ...WebhookEndpointsRepo.deleteWrites(ctx.db, endpoint),
        WebhookDeliveriesRepo.forgetStreak(ctx.db, endpoint.endpointId),
      ],
      // Configuration, as every endpoint change: no event (test/events/catalog.ts NO_EVENT).
      events: [],
      payload: { deletedEndpointId: endpoint.endpointId },
      async onConditionFailed(failed) {
        if (failed.includes(0)) return versionConflict();
        throw new Error("deleteWebhookEndpoint: the scope's endpoint counter is below its endpoints.");
      },
    };
  },
};
