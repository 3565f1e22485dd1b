import { Auth, Webhooks } from "@seller-ops/core";
import { WebhookEndpointsRepo } from "@seller-ops/db";
import type { Context } from "../context";

/** The registering keys a request looked up, by key id: one lookup per key, whatever fields and endpoints ask. */
const ownerKeysOf = new WeakMap<Context, Map<string, Promise<Webhooks.OwnerKey | null>>>();

/**
 * Whether an endpoint stored ENABLED receives nothing because the key that registered it lost access to the scope
 * (`Webhooks.ownerEntitled`): the view shows it DISABLED (`OWNER_ACCESS_ENDED`), and switching it on is refused so.
 * An endpoint stored DISABLED says why itself; one a frontend user registered has no key to look up; one the
 * caller's own key registered is entitled (the key is live, and it acts for the scope). Otherwise one key lookup per
 * registering key and request.
 */
export async function accessEnded(
  ctx: Context,
  endpoint: Pick<Webhooks.WebhookEndpoint, "status" | "ownerKeyId" | "scope">,
): Promise<boolean> {
  if (endpoint.status !== "ENABLED" || endpoint.ownerKeyId.startsWith(Auth.TOKEN_PRINCIPAL_PREFIX)) return false;
  if (endpoint.ownerKeyId === ctx.principal.principalId) return false;
  const keys = ownerKeysOf.get(ctx) ?? new Map<string, Promise<Webhooks.OwnerKey | null>>();
  ownerKeysOf.set(ctx, keys);
  const owner = keys.get(endpoint.ownerKeyId) ?? WebhookEndpointsRepo.ownerKey(ctx.db, endpoint.ownerKeyId);
  keys.set(endpoint.ownerKeyId, owner);
  return !Webhooks.ownerEntitled({ owner: await owner, ownerIsToken: false, scope: endpoint.scope });
}
