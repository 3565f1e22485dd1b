import { Errors, Events, I18n, Keys } from "@seller-ops/core";
import { ApiKeys, KeyRevocation, type ApiKeyView } from "@seller-ops/db";
import type { Context } from "../context";
import { forbiddenBecause } from "../errors";
import type { Resolvers } from "../generated/resolvers-types";
import { mutationInput, runMutation, type MutationSpec } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import { loadSellerForWrite } from "../sellers/load";
import { endpointView, type WebhookEndpointView } from "../webhooks/mutations";

/** Key management is the operators' alone. */
function operatorOnly(ctx: Context) {
  if (ctx.principal.role !== "OPERATOR") throw forbiddenBecause("operatorsManageKeys");
}

const CreateInput = mutationInput(Keys.CreateInput);
type CreatePayload = { apiKey: ApiKeyView | null; secret: string | null };

const createApiKey: MutationSpec<typeof CreateInput, CreatePayload> = {
  name: "createApiKey",
  input: CreateInput,
  refusedPayload: { apiKey: null, secret: null },
  async execute(ctx, input) {
    const grant = Keys.decideGrant(input);
    if (!grant.ok) return { kind: "refused", errors: grant.errors };
    const sellerIds = Keys.grantedSellerIds(grant.value);
    // Each miss of the batched, eventually consistent read is read again consistently (loadSellerForWrite): the
    // refusal is kept under the retry key, and a seller created a moment ago must not be NOT_FOUND for a day.
    const found = await Promise.all(sellerIds.map((sellerId) => loadSellerForWrite(ctx, sellerId)));
    const missing = sellerIds.filter((_, i) => !found[i]!.ok);
    if (missing.length > 0) {
      return {
        kind: "refused",
        errors: [
          Errors.userError("NOT_FOUND", I18n.text("refusal.key.unknownSellers", { sellerIds: missing }), [
            "input",
            grant.value.role === "SELLER" ? "sellerId" : "sellerIds",
          ]),
        ],
      };
    }
    const prepared = ApiKeys.prepareKey(grant.value, input.label, ctx.now);
    return {
      kind: "write",
      writes: [ApiKeys.createKeyWrite(ctx.db, prepared)],
      // Operator-level: no seller's stream carries it, even for a seller's own key.
      events: [Events.apiKeyEvent({ type: "API_KEY_CREATED", key: prepared.key })],
      payload: { apiKey: prepared.key, secret: prepared.secret },
      async onConditionFailed() {
        throw new Error("createApiKey: a fresh 32-byte secret collided with an existing key.");
      },
    };
  },
  // The secret is shown once: the idempotency record keeps the key, never its secret.
  storedPayload: (payload) => ({ ...payload, secret: null }),
};

const RevokeInput = mutationInput(Keys.RevokeInput);
type RevokePayload = {
  apiKey: ApiKeyView | null;
  disabledWebhookEndpoints: WebhookEndpointView[];
  moreWebhookEndpointsToDisable: boolean;
};

/**
 * Revokes a key and switches off the webhook endpoints it registered, in one transaction (KeyRevocation: the same
 * code as `npm run keys -- revoke`). A key revoked already is refused as before, unless endpoints it registered are
 * still ENABLED (more than one transaction holds, or registered just before the revocation reached the index):
 * then those are switched off and listed.
 */
const revokeApiKey: MutationSpec<typeof RevokeInput, RevokePayload> = {
  name: "revokeApiKey",
  input: RevokeInput,
  refusedPayload: { apiKey: null, disabledWebhookEndpoints: [], moreWebhookEndpointsToDisable: false },
  async execute(ctx, input) {
    // Found through an index, which may not hold a key created a moment ago yet (and no consistent read
    // finds a key by its id): a miss is answered but not kept under the retry key, so a retry looks again.
    const key = await ApiKeys.findByKeyId(ctx.db, input.keyId);
    if (!key)
      return {
        kind: "refused",
        errors: [Errors.userError("NOT_FOUND", I18n.text("error.notFound", { what: "apiKey" }), ["input", "keyId"])],
        fromLaggingRead: true,
      };
    const plan = await KeyRevocation.planRevocation(ctx.db, key, ctx.now);
    if (!plan.revokesKey && plan.disabled.length === 0) {
      const revocable = Keys.checkRevocable(key);
      if (!revocable.ok) return { kind: "refused", errors: revocable.errors };
    }
    const { keyHash: _hash, ...view } = key;
    const revokedAt = key.revokedAt ?? ctx.now;
    return {
      kind: "write",
      writes: plan.writes,
      events: plan.events,
      payload: {
        apiKey: { ...view, revokedAt },
        disabledWebhookEndpoints: plan.disabled.map((endpoint) => endpointView(endpoint, ctx.now)),
        moreWebhookEndpointsToDisable: plan.more,
      },
      async onConditionFailed(failed) {
        if (plan.revokesKey && failed.includes(0))
          return [
            Errors.userError("INVALID_TRANSITION", I18n.text("refusal.key.revokedMeanwhile", {}), ["input", "keyId"]),
          ];
        // An endpoint changed between the read and the write: nothing was written; a retry plans again.
        return [
          Errors.userError("VERSION_CONFLICT", I18n.text("refusal.changedMeanwhile", { what: "endpoint" }), [
            "input",
            "keyId",
          ]),
        ];
      },
    };
  },
};

export const keyResolvers: Resolvers = {
  Query: {
    async apiKeys(_root, args, ctx) {
      operatorOnly(ctx);
      const scope = { list: "apiKeys", args: {} };
      const request = pageRequest(ctx, scope, args);
      return toConnection(ctx, scope, request, await ApiKeys.listKeys(ctx.db, request));
    },
  },
  Mutation: {
    createApiKey: (_root, { input }, ctx) => {
      operatorOnly(ctx);
      return runMutation(ctx, createApiKey, input);
    },
    revokeApiKey: (_root, { input }, ctx) => {
      operatorOnly(ctx);
      return runMutation(ctx, revokeApiKey, input);
    },
  },
  ApiKey: {
    id: (key) => key.keyId,
    sellerId: (key) => ("sellerId" in key ? key.sellerId : null),
    sellerIds: (key) => ("sellerIds" in key ? key.sellerIds : null),
    access: (key) => ("access" in key ? key.access : null),
    allSellers: (key) => ("allSellers" in key ? key.allSellers : null),
    revokedAt: (key) => key.revokedAt ?? null,
  },
};
