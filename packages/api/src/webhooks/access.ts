import { Auth, Webhooks } from "@seller-ops/core";
import { WebhookEndpointsRepo } from "@seller-ops/db";
import type { Context } from "../context";
import type { WebhookDisabledReason } from "../generated/resolvers-types";

/** The keys endpoints answer to that a request looked up, by key id: one lookup per key, whatever asks. */
const ownerKeysOf = new WeakMap<Context, Map<string, Promise<Webhooks.OwnerKey | null>>>();

type Endpoint = Pick<
  Webhooks.WebhookEndpoint,
  "status" | "ownerKeyId" | "scope" | "disabledReason" | "disabledBy" | "updatedAt"
>;

/**
 * Where the key an endpoint answers to stands now (`Webhooks.ownerStanding`): one a frontend user registered has no
 * key to look up; one the caller's own key set is `ENTITLED` (the key is live: it authenticated this request, read
 * consistently, and it acts for the scope). Otherwise one key lookup per key and request.
 */
export async function ownerStandingOf(ctx: Context, endpoint: Endpoint): Promise<Webhooks.OwnerStanding> {
  const ownerIsToken = endpoint.ownerKeyId.startsWith(Auth.TOKEN_PRINCIPAL_PREFIX);
  if (ownerIsToken) return Webhooks.ownerStanding({ owner: null, ownerIsToken, scope: endpoint.scope });
  if (endpoint.ownerKeyId === ctx.principal.principalId) return "ENTITLED";
  const keys = ownerKeysOf.get(ctx) ?? new Map<string, Promise<Webhooks.OwnerKey | null>>();
  ownerKeysOf.set(ctx, keys);
  const owner = keys.get(endpoint.ownerKeyId) ?? WebhookEndpointsRepo.ownerKey(ctx.db, endpoint.ownerKeyId);
  keys.set(endpoint.ownerKeyId, owner);
  return Webhooks.ownerStanding({
    owner: await owner,
    ownerIsToken,
    scope: endpoint.scope,
    writtenJustNow: Webhooks.writtenJustNow(endpoint, ctx.now),
  });
}

/**
 * How an endpoint is shown: as stored, except one stored ENABLED that delivers nothing because of the key it answers
 * to. Under a revoked key it is shown as the revocation's switch-off leaves it (`DISABLED`, `KEY_REVOKED`, by
 * `SYSTEM`); under a partner tool's key that no longer covers the seller, `DISABLED` with `OWNER_ACCESS_ENDED`
 * (stored as it is, `disabledBy` null). An endpoint stored DISABLED says why itself: no lookup.
 */
export async function shownSwitch(
  ctx: Context,
  endpoint: Endpoint,
): Promise<Pick<Webhooks.WebhookEndpoint, "status" | "disabledBy"> & { disabledReason: WebhookDisabledReason | null }> {
  const stored = { status: endpoint.status, disabledReason: endpoint.disabledReason, disabledBy: endpoint.disabledBy };
  if (endpoint.status !== "ENABLED") return stored;
  const standing = await ownerStandingOf(ctx, endpoint);
  if (standing === "KEY_REVOKED") return { status: "DISABLED", disabledReason: "KEY_REVOKED", disabledBy: "SYSTEM" };
  if (standing === "ACCESS_ENDED")
    return { status: "DISABLED", disabledReason: "OWNER_ACCESS_ENDED", disabledBy: null };
  return stored;
}
