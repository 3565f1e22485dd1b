import { Auth, Errors, I18n, type UserError } from "@seller-ops/core";
import { Idempotency, KeyedItems, stableJson } from "@seller-ops/db";
import type { Context } from "./context";
import { forbidden } from "./errors";
import type { Payload } from "./mutation";

/**
 * A one-item effect under an idempotency key (one item, no event: a webhook endpoint's change; a
 * redelivery was one until it wrote its event's guard too), written without a transaction: the
 * key's claim, the item with the key's marker, the key's completed record — one write unit each,
 * where a transaction of the item and the record costs four (packages/db/src/idempotency.ts,
 * "One-item effects"; docs/using-the-api.md). The claim goes first so that no other input under the
 * key writes anything, on any item.
 */

/** A request's idempotency key: where its record lives and what makes another request "the same". */
export interface Keyed {
  scope: Idempotency.IdempotencyScope;
  requestHash: string;
  /**
   * The input as sent, hashed before any rule of this release parsed it: kept in the key's completed record, so
   * that a retry a later release refuses still gets the answer of the effect that landed (`answerOfRefusedRetry`).
   */
  sentHash: string;
  /** The hash the previous release gave the same request, where it differs (`MutationSpec.comparedInput`). */
  formerRequestHash?: string;
}

/** What a one-item mutation adds to its spec: its answer rebuilt from the item its effect stored. */
export interface OneItemSpec<P extends object> {
  refusedPayload: P;
  /**
   * The answer as the key's record keeps it (`storedPayload`), from the item as the effect stored it
   * (for a changed item, its current state; a new item may have changed since). Used by an attempt
   * that finds another attempt's effect landed and its record missing.
   */
  answerOfItem?: (ctx: Context, item: Record<string, unknown>) => P;
  /**
   * The answer a kept record gives (a replay, or another attempt's answer), from what the record keeps
   * (`storedPayload`, or `answerOfItem`'s): by default the kept payload as it is. A webhook secret is kept
   * sealed and opened here, for the key's own caller only (a record is one principal's).
   */
  answerOfStored?: (ctx: Context, stored: Payload<P>) => P;
}

/**
 * The answer of a record's kept payload (`answerOfStored`), its userErrors as kept. Only to a caller that may
 * still read every seller the answer is about (`sellersOfAnswer`): a replay's objects resolve their nested
 * fields live (a case's timeline, an order's risk), so a partner or marketplace key whose grant lost the
 * seller since would read through its old key what `case(id:)` no longer shows it. Refused as a new request
 * for that seller would be.
 */
export function answerOfRecord<P extends object>(ctx: Context, spec: OneItemSpec<P>, kept: unknown): Payload<P> {
  const stored = kept as Payload<P>;
  for (const sellerId of sellersOfAnswer(stored)) {
    if (!Auth.canAccessSeller(ctx.principal, sellerId, "READ"))
      throw forbidden(I18n.text("refusal.request.sellerForbidden", {}));
  }
  if (!spec.answerOfStored) return stored;
  return { ...spec.answerOfStored(ctx, stored), userErrors: stored.userErrors };
}

/**
 * The sellers whose objects an answer carries at its top level, alone or in a list: a case, an order, a deposit,
 * an application, a violation, a webhook endpoint (`sellerId`; null for the operator scope), a seller (`id`).
 */
function sellersOfAnswer(payload: object): Set<string> {
  const sellers = new Set<string>();
  for (const [field, value] of Object.entries(payload)) {
    for (const object of Array.isArray(value) ? value : [value]) {
      if (typeof object !== "object" || object === null) continue;
      const owner = field === "seller" ? (object as { id?: unknown }).id : (object as { sellerId?: unknown }).sellerId;
      if (typeof owner === "string") sellers.add(owner);
    }
  }
  return sellers;
}

/** One attempt's hold on a key: its claim id, the effect id its new item is named by, the claim it replaces. */
export interface ItemAttempt {
  attempt: string;
  effectId: string;
  /** True once this attempt's claim is stored: a later write of the key replaces it (`replacing`). */
  holds: boolean;
  /** A claim whose lease is over, taken over by this attempt. */
  replacing: string | null;
  /** True once this attempt has sent a claim (it may be stored even if its answer was lost). */
  claimSent: boolean;
  /**
   * True from the moment the item write is sent until it is known not to have landed: while it is,
   * an internal error keeps the claim, for a retry to read the item (`releaseAfterError`).
   */
  writeSent: boolean;
}

/** The claim an answer of this attempt replaces: its own, or the dead one it takes over; null when none. */
export const claimOf = (hold: ItemAttempt): string | null => (hold.holds ? hold.attempt : hold.replacing);

/**
 * After an internal error, gives up this attempt's claim when its item write was not sent, so that a
 * retry with the key runs at once; keeps it when the write may have landed (a retry reads the item,
 * or waits out the lease). If the release fails too, the claim stays, as after a crash.
 */
export async function releaseAfterError(ctx: Context, keyed: Keyed, hold: ItemAttempt): Promise<void> {
  if (!hold.claimSent || hold.writeSent) return;
  try {
    await Idempotency.releaseClaim(ctx.db, keyed.scope, hold.attempt);
  } catch {
    // The error the caller rethrows is the one to report; the claim ends with its lease.
  }
}

export function refusal<P extends object>(
  spec: { refusedPayload: P },
  code: UserError["code"],
  message: I18n.Text,
): Payload<P> {
  return { ...spec.refusedPayload, userErrors: [Errors.userError(code, message, ["input", "idempotencyKey"])] };
}

export const inProgress = <P extends object>(spec: { refusedPayload: P }) =>
  refusal(spec, "IDEMPOTENCY_IN_PROGRESS", I18n.text("error.idempotencyInProgress", {}));

/**
 * The item changed twice since a claim's attempt decided, which died before its record: whether its
 * write is among those changes cannot be told, so nothing is written again. VERSION_CONFLICT says
 * what a client does with it (read, then decide), and the text says why.
 */
const outcomeUnknown = <P extends object>(spec: { refusedPayload: P }) =>
  refusal(spec, "VERSION_CONFLICT", I18n.text("error.idempotencyOutcomeUnknown", {}));

const marker = (keyed: Keyed) => KeyedItems.markerOf(keyed.scope, keyed.requestHash);

const complete = (ctx: Context, keyed: Keyed, payload: unknown, attempt: string) =>
  Idempotency.completeClaim(
    ctx.db,
    keyed.scope,
    { requestHash: keyed.requestHash, sentHash: keyed.sentHash, payload, at: ctx.clock(), attempt },
    ctx.config.idempotency,
  );

/** The answer when the item holds this key's effect: ours as decided, or another attempt's rebuilt from the item. */
function answerOf<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P>,
  item: Record<string, unknown>,
  ours: { write: KeyedItems.OneItemWrite; payload: Payload<P>; stored: Payload<P> } | null,
): { answer: Payload<P>; stored: Payload<P> } {
  const { [KeyedItems.MARKER_ATTRIBUTE]: _marker, ...stored } = item;
  if (ours && stableJson(stored) === stableJson(ours.write.item)) return { answer: ours.payload, stored: ours.stored };
  if (!spec.answerOfItem) throw new Error("A one-item effect's mutation must rebuild its answer (answerOfItem).");
  const rebuilt: Payload<P> = { ...spec.answerOfItem(ctx, item), userErrors: [] };
  return { answer: answerOfRecord(ctx, spec, rebuilt), stored: rebuilt };
}

/**
 * Writes a decided one-item effect under the key: claim, item, record. Answers the effect's payload
 * when it landed (ours, or found landed by an earlier send of the same write); `conflict` when the
 * item changed before the write (decide again or refuse, as for a transaction's failed version);
 * `key` when another attempt's claim or record is the key's (answer the key).
 */
export async function writeUnderKey<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P>,
  keyed: Keyed,
  hold: ItemAttempt,
  effect: { write: KeyedItems.OneItemWrite; payload: Payload<P>; stored: Payload<P> },
): Promise<{ kind: "answer"; payload: Payload<P> } | { kind: "conflict" } | { kind: "key" }> {
  const target = KeyedItems.targetOf(effect.write);
  const replacing = claimOf(hold) ?? undefined;
  hold.claimSent = true;
  const claimed = await Idempotency.claimItem(
    ctx.db,
    keyed.scope,
    {
      requestHash: keyed.requestHash,
      sentHash: keyed.sentHash,
      claim: { attempt: hold.attempt, effectId: hold.effectId, target },
      at: ctx.clock(),
      replacing,
    },
    ctx.config.idempotency,
  );
  // A claim whose answer was lost and that the SDK sent again fails on itself: the key then holds our own claim.
  if (!claimed && !(await holdsOwnClaim(ctx, keyed, hold))) {
    hold.holds = false;
    return { kind: "key" };
  }
  hold.holds = true;
  hold.replacing = null;
  hold.writeSent = true;
  const written = await KeyedItems.writeOne(ctx.db, effect.write, marker(keyed));
  if (written.ok) {
    // False only when our claim was taken over meanwhile: our effect landed all the same, its answer stands.
    await complete(ctx, keyed, effect.stored, hold.attempt);
    return { kind: "answer", payload: effect.payload };
  }
  const state = await KeyedItems.stateOf(ctx.db, target, marker(keyed));
  if (state.kind === "landed") {
    // An earlier send of our write landed and its answer was lost (the SDK sent it again), or an
    // attempt that took our claim over wrote first: the item says which.
    const { answer, stored } = answerOf(ctx, spec, state.item, effect);
    await complete(ctx, keyed, stored, hold.attempt);
    return { kind: "answer", payload: answer };
  }
  if (state.kind === "unknown" && written.sentMoreThanOnce) {
    const refused = outcomeUnknown(spec);
    await complete(ctx, keyed, refused, hold.attempt);
    return { kind: "answer", payload: refused };
  }
  // Not landed, and it cannot land any more: an error from here on gives the claim up.
  hold.writeSent = false;
  return { kind: "conflict" };
}

/** Whether the key's claim is this attempt's own (its claim landed, and the SDK's resend failed on it). */
async function holdsOwnClaim(ctx: Context, keyed: Keyed, hold: ItemAttempt): Promise<boolean> {
  const found = await Idempotency.lookup(ctx.db, keyed.scope, keyed.requestHash, ctx.clock());
  return found.kind === "claimed" && found.claim.attempt === hold.attempt;
}

/**
 * Writes a decided one-item effect sent without a key: the item alone, marked with this attempt. When
 * its condition failed on a write the SDK sent more than once, the first send may have landed and its
 * answer been lost, and the failed condition be our own change: the item's marker tells, and then that
 * is the answer (deciding again would apply the change twice: a secret rotated twice, a disable answered
 * "already disabled"). Null when the write did not land: decide again, as after any lost race.
 */
export async function writeWithoutKey<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P>,
  hold: ItemAttempt,
  effect: { write: KeyedItems.OneItemWrite; payload: Payload<P>; stored: Payload<P> },
): Promise<Payload<P> | null> {
  const ownMarker = `attempt:${hold.attempt}`;
  const written = await KeyedItems.writeOne(ctx.db, effect.write, ownMarker);
  if (written.ok) return effect.payload;
  if (!written.sentMoreThanOnce) return null;
  const state = await KeyedItems.stateOf(ctx.db, KeyedItems.targetOf(effect.write), ownMarker);
  if (state.kind === "landed") return answerOf(ctx, spec, state.item, effect).answer;
  return state.kind === "unknown" ? outcomeUnknown(spec) : null;
}

/** How long a request waits for a concurrent attempt's claim to end in a record: about 2 s in all. */
const WAIT_ROUNDS = 12;
const waitBackoff = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, (0.5 + Math.random() / 2) * Math.min(250, 10 * 2 ** round)));

/**
 * The answer of a key that another attempt of this request claimed: its record once complete;
 * the effect's answer when the item shows it landed (the claiming attempt died, or has not recorded
 * yet); `takeOver` once the claim's lease is over and the effect did not land (or cannot be told
 * from a write that did not happen), so this attempt decides again in its place; `absent` when the
 * claim was given up (decide afresh). Waits about 2 s, then answers IDEMPOTENCY_IN_PROGRESS.
 */
export async function awaitClaim<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P>,
  keyed: Keyed,
  first: Idempotency.ItemClaim,
): Promise<
  { kind: "answer"; payload: Payload<P> } | { kind: "takeOver"; claim: Idempotency.ItemClaim } | { kind: "absent" }
> {
  let claim = first;
  for (let round = 0; ; round++) {
    const state = await KeyedItems.stateOf(ctx.db, claim.target, marker(keyed));
    if (state.kind === "landed") {
      const { answer, stored } = answerOf(ctx, spec, state.item, null);
      if (await complete(ctx, keyed, stored, claim.attempt)) return { kind: "answer", payload: answer };
      // Completed (or taken over) meanwhile: the record says.
    } else if (claim.lockedUntil < ctx.clock()) {
      if (state.kind === "unknown") return { kind: "answer", payload: outcomeUnknown(spec) };
      return { kind: "takeOver", claim };
    } else if (round >= WAIT_ROUNDS) {
      return { kind: "answer", payload: inProgress(spec) };
    } else {
      await waitBackoff(round);
    }
    const found = await Idempotency.lookup(ctx.db, keyed.scope, keyed.requestHash, ctx.clock());
    switch (found.kind) {
      case "absent":
        return { kind: "absent" };
      case "replay":
        return { kind: "answer", payload: answerOfRecord(ctx, spec, found.payload) };
      case "reused":
        return {
          kind: "answer",
          payload: refusal(spec, "IDEMPOTENCY_KEY_REUSED", I18n.text("error.idempotencyKeyReused", {})),
        };
      case "busy":
        return { kind: "answer", payload: inProgress(spec) };
      case "claimed":
        claim = found.claim;
    }
  }
}
