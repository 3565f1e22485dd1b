import { text, type Text } from "../i18n/texts";
import { assertNever, userError, type Result, type UserError } from "../errors";
import type { Principal } from "../auth";
import * as Time from "../time";
import type { Instant } from "../time";
import { signingAt, type EndpointSecret } from "./rotation";

/**
 * A registered webhook endpoint and what may happen to it: the pure decisions behind the endpoint
 * mutations (the API loads, asks here, writes). An endpoint receives the events of exactly one
 * scope: one seller's events, or the operator-level events (a key revoked, an operator endpoint
 * switched off), which belong to no seller.
 */

/** The scope of operator-level events; any other scope is a seller id. */
export const OPERATOR_SCOPE = "OPERATORS";

/** A scope's endpoints are one small list (one Query per event for the dispatcher): capped. */
export const MAX_ENDPOINTS_PER_SCOPE = 10;

/**
 * A partner tool's share of a seller's endpoints: without one, a single tool (a careless loop or a hostile key) could
 * take all `MAX_ENDPOINTS_PER_SCOPE`, and the seller's own receivers and its other tools would be refused. A tool
 * needs one receiver per environment it runs (production, a staging copy) and one more while it moves between
 * URLs; three leaves the seller's other seven places to the seller and its other tools. Sellers and operators have
 * no share of their own: the scope's cap is theirs.
 */
export const MAX_ENDPOINTS_PER_TOOL_PER_SCOPE = 3;

/**
 * Redeliveries of one event to one endpoint while the delivery log keeps them (30 days). Each is an item in the
 * (endpoint, object) group that every drain of the group reads past, so without a cap a client redelivering in a
 * loop makes every later delivery of that object dearer. A real subscriber redelivers an event after an outage or
 * a bug on its side, once or a few times; ten leaves room for a few failed fixes and bounds a group at eleven
 * items per event (the first delivery and ten redeliveries).
 */
export const MAX_REDELIVERIES_PER_EVENT = 10;

/** An endpoint subscribes to at most this many event types; an empty list means every type. */
export const MAX_EVENT_TYPES = 64;

export type EndpointStatus = "ENABLED" | "DISABLED";

/**
 * Why an endpoint is off: its owner switched it off, the dispatcher did after repeated failures, or the key that
 * registered it was revoked (`disableForRevokedKey`).
 */
export const DISABLED_REASONS = ["BY_OWNER", "REPEATED_FAILURES", "KEY_REVOKED"] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/**
 * Who switched an endpoint off, by role: the dispatcher after repeated failures (`SYSTEM`), the partner tool that
 * registered it (`PARTNER`: a partner manages only its own endpoints), its seller, or an operator. A caller switches
 * it on again only with at least the authority of the one that switched it off (`mayReenable`).
 */
export const DISABLED_BY = ["SYSTEM", "PARTNER", "SELLER", "OPERATOR"] as const;
export type DisabledBy = (typeof DISABLED_BY)[number];

/** The authority of each role over an endpoint: the seller decides which tools receive its data, operators above. */
const AUTHORITY: Record<DisabledBy, number> = { SYSTEM: 0, PARTNER: 0, SELLER: 1, OPERATOR: 2 };

/** The role a caller that manages endpoints acts in (a marketplace key manages none: `mayRegister`). */
export function actorOf(principal: Principal): DisabledBy {
  if (principal.role === "MARKETPLACE") throw new Error("actorOf: a marketplace key manages no webhook endpoint.");
  return principal.role;
}

/**
 * Who switched off an endpoint stored before `disabledBy` was recorded (the `webhookEndpoint-3-disabled-by` step):
 * the dispatcher for `REPEATED_FAILURES`; for `BY_OWNER`, which did not say who, its seller (the operators for the
 * operator scope). Neither a partner nor the seller can tell now whether it was the seller: the seller's word wins,
 * so the partner tool cannot switch back on what its seller may have switched off, and the seller can.
 */
export function presumedDisabledBy(endpoint: Pick<WebhookEndpoint, "disabledReason" | "scope">): DisabledBy {
  if (endpoint.disabledReason === "REPEATED_FAILURES" || endpoint.disabledReason === "KEY_REVOKED") return "SYSTEM";
  return endpoint.scope === OPERATOR_SCOPE ? "OPERATOR" : "SELLER";
}

export interface WebhookEndpoint {
  endpointId: string;
  /** A seller id, or `OPERATOR_SCOPE`. */
  scope: string;
  /** The seller whose events it receives; null for the operator scope. */
  sellerId: string | null;
  url: string;
  /** The event types it receives; empty = every type. */
  eventTypes: string[];
  status: EndpointStatus;
  disabledReason: DisabledReason | null;
  /** Who switched it off (null while enabled): the least authority that may switch it on again. */
  disabledBy: DisabledBy | null;
  /**
   * The credential that answers for it (an API key id, or a frontend user's principal id): the one that registered it,
   * or since then set its URL (`update`) or switched it on again after its key's revocation (`enable`).
   */
  ownerKeyId: string;
  /** Sealed signing secrets: the current one, and the previous one during a rotation's overlap. */
  secrets: EndpointSecret[];
  version: number;
  createdAt: Instant;
  updatedAt: Instant;
}

/** The scope an endpoint of this seller (null: operator-level events) belongs to. */
export function scopeOf(sellerId: string | null): string {
  return sellerId ?? OPERATOR_SCOPE;
}

/** When the previous secret stops signing (a rotation's overlap end), or null when only one secret signs. */
export function overlapEndsAt(args: { endpoint: Pick<WebhookEndpoint, "secrets">; now: Instant }): Instant | null {
  const ends = signingAt({ secrets: args.endpoint.secrets, now: args.now })
    .map((s) => s.expiresAt)
    .filter((at): at is Instant => at !== null);
  return ends[0] ?? null;
}

/** Whether an endpoint wants events of this type. */
export function subscribes(args: { endpoint: Pick<WebhookEndpoint, "eventTypes">; type: string }): boolean {
  return args.endpoint.eventTypes.length === 0 || args.endpoint.eventTypes.includes(args.type);
}

const FIELD_ID = ["input", "endpointId"];

const refused = (code: UserError["code"], message: Text, field: string[]): Result<never> => ({
  ok: false,
  errors: [userError(code, message, field)],
});

/**
 * The endpoint switched off: by a caller that manages it (`BY_OWNER`, recording its role), or by the dispatcher after
 * repeated failures (`REPEATED_FAILURES`, by `SYSTEM`). One already off is switched off again only by a caller with
 * more authority than the one that switched it off: the switch-off becomes the caller's (`disabledBy`, the reason
 * `reason`), so the failure streak's or the partner tool's switch-off can be taken over by the seller or an operator
 * and the partner tool can no longer switch it back on (`mayReenable`). Otherwise refused: nothing would change.
 */
export function disable(args: {
  endpoint: WebhookEndpoint;
  reason: DisabledReason;
  by: DisabledBy;
  now: Instant;
}): Result<WebhookEndpoint> {
  const raises = AUTHORITY[args.by] > AUTHORITY[args.endpoint.disabledBy ?? presumedDisabledBy(args.endpoint)];
  if (args.endpoint.status === "DISABLED" && !raises)
    return refused("INVALID_TRANSITION", text("refusal.webhook.already", { state: "DISABLED" }), [
      "input",
      "endpointId",
    ]);
  return {
    ok: true,
    value: {
      ...args.endpoint,
      status: "DISABLED",
      disabledReason: args.reason,
      disabledBy: args.by,
      updatedAt: args.now,
    },
  };
}

/**
 * Whether a caller acting as `by` may switch a disabled endpoint on again: only with at least the authority of the
 * one that switched it off. The registering partner tool recovers what it or the failure streak switched off; the
 * seller also what its partner switched off (not what an operator did); an operator anything.
 */
export function mayReenable(args: {
  endpoint: Pick<WebhookEndpoint, "disabledBy" | "disabledReason" | "scope">;
  by: DisabledBy;
}): boolean {
  const disabledBy = args.endpoint.disabledBy ?? presumedDisabledBy(args.endpoint);
  return AUTHORITY[args.by] >= AUTHORITY[disabledBy];
}

/**
 * Who switched an endpoint off as far as its authority goes (`presumedDisabledBy` for one stored before it was
 * recorded), when that is above `by`: a switch-off `by` may not lift (`mayReenable`). Null while it is on, or when
 * `by` may lift it (the failure streak's or the partner tool's own switch-off stands above no one).
 */
export function switchedOffAbove(args: {
  endpoint: Pick<WebhookEndpoint, "status" | "disabledBy" | "disabledReason" | "scope">;
  by: DisabledBy;
}): DisabledBy | null {
  if (args.endpoint.status !== "DISABLED" || mayReenable(args)) return null;
  return args.endpoint.disabledBy ?? presumedDisabledBy(args.endpoint);
}

/**
 * Whether a caller acting as `by` may delete the endpoint: deleting lifts its switch-off, so an endpoint switched off
 * above the caller (`switchedOffAbove`) is deleted only by that authority or one above, as it is switched on again:
 * a partner tool does not delete what its seller switched off, nor a seller what an operator did. Refused
 * `INVALID_TRANSITION` naming who may; anything else (on, or off by the caller, the tool or the failure streak) goes.
 */
export function remove(args: { endpoint: WebhookEndpoint; by: DisabledBy }): Result<WebhookEndpoint> {
  const above = switchedOffAbove(args);
  if (above) return refused("INVALID_TRANSITION", text("refusal.webhook.deleteSwitchedOff", { by: above }), FIELD_ID);
  return { ok: true, value: args.endpoint };
}

/**
 * Whether a caller may register another endpoint in a scope, given the scope's endpoints (one Query page, at most
 * `MAX_ENDPOINTS_PER_SCOPE`): not while an endpoint it manages there (`mayManage`: a partner tool the ones it
 * registered, the seller every one of its scope, whoever registered it) stands switched off above it
 * (`switchedOffAbove`). Otherwise a tool
 * its seller switched off, or a seller an operator switched off, would be delivering again with one more endpoint.
 * Refused `INVALID_TRANSITION` naming that endpoint, until who switched it off switches it on again or deletes it.
 * Operators are above every switch-off: never refused.
 */
export function allowsNewEndpoint(args: { principal: Principal; endpoints: WebhookEndpoint[] }): Result<null> {
  const by = actorOf(args.principal);
  for (const endpoint of args.endpoints) {
    if (!mayManage({ principal: args.principal, endpoint })) continue;
    const above = switchedOffAbove({ endpoint, by });
    if (above)
      return refused(
        "INVALID_TRANSITION",
        text("refusal.webhook.registerWhileSwitchedOff", { by: above, endpointId: endpoint.endpointId }),
        ["input"],
      );
  }
  return { ok: true, value: null };
}

/**
 * Whether a partner tool has room in its share of the scope (`MAX_ENDPOINTS_PER_TOOL_PER_SCOPE`), given the key ids
 * that own the scope's stored endpoints (readable or not: each takes a place). Refused `LIMIT_REACHED` at its share:
 * it reuses one of its own (`updateWebhookEndpoint`) or deletes one. Sellers and operators: always room here (the
 * scope's cap holds them, in the registering transaction).
 */
export function withinToolShare(args: { principal: Principal; ownerKeyIds: readonly (string | null)[] }): Result<null> {
  if (args.principal.role !== "PARTNER") return { ok: true, value: null };
  const owned = args.ownerKeyIds.filter((id) => id === args.principal.principalId).length;
  if (owned < MAX_ENDPOINTS_PER_TOOL_PER_SCOPE) return { ok: true, value: null };
  return refused(
    "LIMIT_REACHED",
    text("refusal.limit.webhookEndpointsPerTool", { max: MAX_ENDPOINTS_PER_TOOL_PER_SCOPE }),
    ["input"],
  );
}

/**
 * The endpoint switched on again by a caller acting as `by`: how an owner recovers one the dispatcher switched off
 * after repeated failures (once the receiver works), or one it switched off itself. Refused when someone with more
 * authority switched it off (`mayReenable`): a tool does not overrule its seller, nor a seller the operators. One
 * stored ENABLED whose partner tool lost the seller (`ACCESS_ENDED`) is refused naming that cause. One whose key is
 * revoked (`KEY_REVOKED`, stored so or found so: `ownerStanding`) becomes the caller's: it delivers under a live key
 * from then on, and never again under the revoked one, whoever switched it off last.
 */
export function enable(args: {
  endpoint: WebhookEndpoint;
  by: DisabledBy;
  now: Instant;
  /** The caller's key id (or token principal): who takes over an endpoint whose key is revoked. */
  principalId?: string;
  /** Where the key it answers to stands now (`ownerStanding`); the API shows it DISABLED when not `ENTITLED`. */
  ownerStanding?: OwnerStanding;
}): Result<WebhookEndpoint> {
  const standing = args.ownerStanding ?? "ENTITLED";
  // Stored ENABLED, but its partner tool lost the seller (shown OWNER_ACCESS_ENDED): switching on cannot help.
  if (args.endpoint.status === "ENABLED" && standing === "ACCESS_ENDED")
    return refused("INVALID_TRANSITION", text("refusal.webhook.ownerAccessEnded", {}), ["input", "endpointId"]);
  if (args.endpoint.status === "ENABLED" && standing === "ENTITLED")
    return refused("INVALID_TRANSITION", text("refusal.webhook.already", { state: "ENABLED" }), [
      "input",
      "endpointId",
    ]);
  // Stored ENABLED under a revoked key: as the revocation's switch-off would have left it (shown so).
  const endpoint = disableForRevokedKey({ endpoint: args.endpoint, now: args.now }) ?? args.endpoint;
  if (!mayReenable({ endpoint, by: args.by }))
    return refused(
      "INVALID_TRANSITION",
      text("refusal.webhook.disabledByHigher", { by: endpoint.disabledBy ?? presumedDisabledBy(endpoint) }),
      ["input", "endpointId"],
    );
  const takesOver = endpoint.disabledReason === "KEY_REVOKED" || standing === "KEY_REVOKED";
  return {
    ok: true,
    value: {
      ...args.endpoint,
      ...(takesOver && args.principalId ? { ownerKeyId: args.principalId } : {}),
      status: "ENABLED",
      disabledReason: null,
      disabledBy: null,
      updatedAt: args.now,
    },
  };
}

/**
 * The most endpoints one revocation switches off in its transaction (2 items each: the endpoint and its
 * `WEBHOOK_ENDPOINT_DISABLED` event, beside the key, its event and the idempotency record: under DynamoDB's 100). A
 * key that registered more (only an operator key can: 10 per scope) is revoked with the first ones; revoking it
 * again switches off the next ones (`revokeApiKey` answers whether more remain).
 */
export const MAX_ENDPOINTS_DISABLED_PER_REVOKE = 40;

/**
 * The endpoint as a revocation of the key that registered it leaves it: an ENABLED one switched off (`KEY_REVOKED`,
 * by `SYSTEM`: whoever manages it may switch it on again, and then takes it over: `enable`); null for one already off
 * (it delivers nothing; its switch-off stands as it is).
 */
export function disableForRevokedKey(args: { endpoint: WebhookEndpoint; now: Instant }): WebhookEndpoint | null {
  if (args.endpoint.status !== "ENABLED") return null;
  return {
    ...args.endpoint,
    status: "DISABLED",
    disabledReason: "KEY_REVOKED",
    disabledBy: "SYSTEM",
    updatedAt: args.now,
  };
}

/**
 * A new URL and/or event types; what is not given stays. A new URL makes the endpoint the changing credential's
 * (`ownerKeyId` := `by`): whoever last chose where the seller's events go answers for it, so revoking that key switches
 * it off (`disableForRevokedKey`) as it would one the key registered. Otherwise a leaked seller key could point the
 * seller's endpoint at its own receiver and keep it receiving after the key was revoked. A partner tool's endpoint its
 * seller (or an operator) points elsewhere is no longer the tool's: it no longer sees or manages it (`mayManage`).
 */
export function update(args: {
  endpoint: WebhookEndpoint;
  url?: string | null;
  eventTypes?: string[] | null;
  /** The caller's key id (or token principal). */
  by: string;
  now: Instant;
}): Result<WebhookEndpoint> {
  if (args.url == null && args.eventTypes == null)
    return refused("INVALID_INPUT", text("refusal.webhook.updateNothing", {}), ["input"]);
  const newUrl = args.url != null && args.url !== args.endpoint.url;
  return {
    ok: true,
    value: {
      ...args.endpoint,
      ...(newUrl ? { ownerKeyId: args.by } : {}),
      url: args.url ?? args.endpoint.url,
      eventTypes: args.eventTypes ? [...new Set(args.eventTypes)] : args.endpoint.eventTypes,
      updatedAt: args.now,
    },
  };
}

/**
 * Who may register an endpoint for a scope, and manage it: operators for any scope (the operator
 * scope included); a seller key for its own seller; a read-write partner key for a seller it is
 * granted. Marketplace keys speak for buyers and the platform: the seller's event stream is not
 * theirs to subscribe to.
 */
export function mayRegister(args: { principal: Principal; scope: string }): boolean {
  const { principal, scope } = args;
  if (scope === OPERATOR_SCOPE) return principal.role === "OPERATOR";
  switch (principal.role) {
    case "OPERATOR":
      return true;
    case "SELLER":
      return principal.sellerId === scope;
    case "PARTNER":
      return principal.access === "READ_WRITE" && principal.sellerIds.includes(scope);
    case "MARKETPLACE":
      return false;
    default:
      return assertNever(principal);
  }
}

/**
 * Which endpoints of a scope a caller sees and changes (it may act for the scope): operators and
 * the seller itself every one (the seller owns its data and decides which tools receive it); a
 * partner only those it owns (`ownerKeyId`: registered, and not pointed elsewhere since by its seller or an operator;
 * another tool's URL is not its business).
 */
export function mayManage(args: { principal: Principal; endpoint: Pick<WebhookEndpoint, "ownerKeyId"> }): boolean {
  return args.principal.role !== "PARTNER" || args.endpoint.ownerKeyId === args.principal.principalId;
}

/**
 * The credential that registered an endpoint as it stands now: the grant it was issued with (kept after a
 * revocation) and whether it is revoked; null when no key has the id.
 */
export interface OwnerKey {
  grant: Principal;
  revoked: boolean;
}

/**
 * Where the credential an endpoint answers to (`ownerKeyId`: the key that registered it or last set its URL) stands
 * now. `ENTITLED`: it delivers (when ENABLED). `KEY_REVOKED`: the key is revoked (or no key has the id). Revoking a
 * key switches its endpoints off (`disableForRevokedKey`), but the revocation finds them through an index that lags,
 * and a release before that switch-off left them ENABLED: an endpoint stored ENABLED under a revoked key is treated
 * as the switch-off would have left it, whoever the key was issued to. Otherwise a leaked seller key that pointed
 * the seller's endpoint at its own receiver a moment before its revocation would keep receiving the seller's data.
 * `ACCESS_ENDED`: the key is live but no longer covers the scope (a partner tool taken out of the seller's grant).
 * A frontend user's endpoint (`ownerIsToken`) answers to the seller, not to a key: never revoked.
 */
export type OwnerStanding = "ENTITLED" | "KEY_REVOKED" | "ACCESS_ENDED";

/**
 * How long after an endpoint was written a key not found is taken for the key index a moment behind, not for a key
 * gone. The key that set `ownerKeyId` authenticated that write (a consistent read of the key item) and keys are never
 * deleted, so a lookup that misses it then is the `apiKeysByKeyId` index not holding a key created a moment before
 * (usually under a second): the endpoint delivers as registered, and its scope's events of that moment are not lost.
 * A key missing later is treated as revoked, as before.
 */
export const OWNER_KEY_INDEX_LAG_MS = 60_000;

/** Whether `endpoint` was written so recently that its owner key may not be in the key index yet. */
export function writtenJustNow(endpoint: Pick<WebhookEndpoint, "updatedAt">, now: Instant): boolean {
  return Time.toMs(now) - Time.toMs(endpoint.updatedAt) < OWNER_KEY_INDEX_LAG_MS;
}

export interface OwnerStandingArgs {
  /** The key `ownerKeyId` names, as the key index finds it; null when it does not. */
  owner: OwnerKey | null;
  ownerIsToken: boolean;
  scope: string;
  /** `writtenJustNow` of the endpoint: a key not found is then the index lagging, not a key gone. */
  writtenJustNow?: boolean;
}

export function ownerStanding(args: OwnerStandingArgs): OwnerStanding {
  if (args.ownerIsToken) return args.scope !== OPERATOR_SCOPE ? "ENTITLED" : "ACCESS_ENDED";
  // The key authenticated the endpoint's write a moment ago, covering the scope then (registration checks it).
  if (!args.owner) return args.writtenJustNow ? "ENTITLED" : "KEY_REVOKED";
  if (args.owner.revoked) return "KEY_REVOKED";
  const { grant } = args.owner;
  const covers = (yes: boolean): OwnerStanding => (yes ? "ENTITLED" : "ACCESS_ENDED");
  // Every seller's operator-level events: only an operator key's.
  if (args.scope === OPERATOR_SCOPE) return covers(grant.role === "OPERATOR");
  switch (grant.role) {
    case "OPERATOR":
      return "ENTITLED";
    case "SELLER":
      return covers(grant.sellerId === args.scope);
    case "PARTNER":
      return covers(grant.sellerIds.includes(args.scope));
    case "MARKETPLACE":
      return "ACCESS_ENDED";
    default:
      return assertNever(grant);
  }
}

/** Whether an endpoint delivers its scope's events given whom it answers to (it is ENABLED besides). */
export function ownerEntitled(args: OwnerStandingArgs): boolean {
  return ownerStanding(args) === "ENTITLED";
}
