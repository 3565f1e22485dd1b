import { createHash } from "node:crypto";
import * as z from "zod/mini";
import { Auth, Errors, Events, I18n, Money, type UserError } from "@seller-ops/core";
import {
  DepositsRepo,
  EventsRepo,
  Idempotency,
  isCounterAdd,
  type KeyedItems,
  stableJson,
  transactWrite,
  type TransactItem,
} from "@seller-ops/db";
import { type Context, withinWorkWindow } from "./context";
import {
  answerOfRecord,
  awaitClaim,
  claimOf,
  inProgress,
  refusal,
  releaseAfterError,
  writeUnderKey,
  writeWithoutKey,
  type ItemAttempt,
  type Keyed,
  type OneItemSpec,
} from "./oneItemEffect";

/**
 * The one mechanism every mutation goes through:
 * 1. the input is parsed by zod; any issue is a `userError` naming the field, nothing is written;
 * 2. an `idempotencyKey` is looked up (one consistent read): a repeat replays the stored payload,
 *    a different input with the same key is `IDEMPOTENCY_KEY_REUSED`; nothing is written for the
 *    key before the effect, except for an effect made of parts (`replayByParts`, a batch import),
 *    whose key is claimed with the request's hash before its first part;
 * 3. the effect decides (in core) and stages writes and the events they make; they run in one
 *    transaction together with one Put per event (id and time from the injected clock, the
 *    caller's key id) and the key's completed record, conditioned on the key having none, so the
 *    effect, its events and its payload land together or not at all (a refused or failed mutation
 *    records no event). Of concurrent attempts with one key, one transaction lands; the others fail
 *    on the record and answer the record that won;
 * 4. a failed condition (a duplicate, a stale version) becomes a `userError`, kept as the key's
 *    answer like any refusal (a Put of the record alone); a refusal decided on a read that may lag
 *    (`fromLaggingRead`) is not kept, so a retry decides again (an attempt of the same request that landed meanwhile
 *    answers for it). An internal error writes no record, so a
 *    retry with the key runs at once (a one-item effect's claim is given up, unless its item write
 *    was sent and its outcome is unknown), and is masked by formatError;
 * One-item effects (one item, no event) are not transactions: the key is claimed, the item written
 * with the key's marker, then the record completed, one write unit each (oneItemEffect.ts).
 * 5. a version race — another writer changed what we wrote between our read and our write — is no
 *    answer: the effect runs again on a fresh read, at the clock's instant then (what it lost to landed
 *    after the request began: decided at the request's start, a shipment would be declared before the
 *    late flag it was decided on), up to `RACE_ATTEMPTS` times within the work window, whether the client
 *    sent `expectedVersion` or not. A change also writes objects whose version the client did not
 *    send (a case change, its order), and a race on those says nothing about the client's version;
 *    a sent version that really is stale is refused by the decision on the fresh read (core's
 *    checkVersion). A race answer (VERSION_CONFLICT from a failed condition, after the last attempt)
 *    is never kept as the idempotent answer, so a retry with the same key decides again.
 */

/**
 * How often an effect is decided again after losing version races, and not once the invocation's time runs short
 * (`withinWorkWindow`: answered, not cut off at the function's timeout). The count covers the 50
 * concurrent writers on one object of the reliability target (a write without a version always lands): when each
 * round lets one of them land, the last lands on its 50th attempt. Past either, the answer is VERSION_CONFLICT, kept
 * for no key.
 */
export const RACE_ATTEMPTS = 60;
/** Backoff between those attempts: jittered, doubling from the base up to the cap. */
const RACE_BACKOFF_BASE_MS = 5;
const RACE_BACKOFF_CAP_MS = 200;

export type Payload<P> = P & { userErrors: UserError[] };

export type Effect<P> =
  | {
      kind: "refused";
      errors: UserError[];
      /**
       * Decided on a read that may lag the latest writes (an index, never strongly consistent) and no
       * consistent read can settle: answered, but not kept under the key, so a retry with it decides again.
       */
      fromLaggingRead?: boolean;
    }
  /**
   * The effect wrote on its own (several transactions, e.g. a batch import where each order
   * stands alone, each with its events: `eventWrites`); the idempotency record is written right after.
   */
  | { kind: "performed"; payload: P }
  | {
      kind: "write";
      writes: TransactItem[];
      /**
       * What the change makes known (docs/events.md): every write that changes state yields at least
       * one event; the catalog in test/events/ holds every mutation to it.
       */
      events: Events.EventDraft[];
      payload: P;
      /** Turns the indexes of failed conditions into userErrors (e.g. the guard of a duplicate). */
      onConditionFailed: (failed: number[]) => Promise<UserError[]>;
      /**
       * Called once the writes landed, before the payload resolves: e.g. to put what was written into the request's
       * loaders, so the payload reads it as written rather than from a copy that may lag the write.
       */
      landed?: () => void;
    }
  /**
   * One item and no event (configuration the caller owns, a redelivery): written alone, no
   * transaction, under a key between its claim and its record (oneItemEffect.ts). The spec rebuilds
   * its answer from the item (`answerOfItem`) for an attempt that finds it landed.
   */
  | {
      kind: "oneItem";
      write: KeyedItems.OneItemWrite;
      payload: P;
      /** The userErrors of a failed condition (index 0: the item's version, or its new key). */
      onConditionFailed: (failed: number[]) => Promise<UserError[]>;
    };

/** What a mutation decides from: its parsed input, less the `idempotencyKey` every input accepts. */
export type MutationInput<S extends z.ZodMiniType> = Omit<z.output<S>, "idempotencyKey">;

export interface MutationSpec<S extends z.ZodMiniType, P extends object> extends OneItemSpec<P> {
  /** The mutation's name: scopes idempotency keys. */
  name: string;
  input: S;
  /** The payload's object fields when nothing was done, e.g. `{ order: null }`. */
  refusedPayload: P;
  /**
   * Decides and stages the writes. `input` is the parsed input without the idempotency key (the
   * pipeline's business); a mutation whose parts keep their own answers reads the key from `request`.
   * `effectId` names a new item of a one-item effect: one per request, kept when another attempt
   * takes the key over, so two attempts of one request cannot both create it.
   */
  execute: (
    ctx: Context,
    input: MutationInput<S>,
    request: { idempotencyKey: string | null; effectId: string },
  ) => Promise<Effect<P>>;
  /**
   * What the idempotency record keeps of a successful payload, when it must not keep all of it
   * (a new API key's secret is shown once and never stored). Replays answer this, through `answerOfStored`.
   */
  storedPayload?: (payload: Payload<P>) => Payload<P>;
  /**
   * For effects made of parts that keep their own idempotent answers (a batch import: one record
   * per order, written with the order): a replay of the key runs the effect again, and each part
   * answers from its own record (or, after a crash, is done now). So the answer always says what
   * was done, and the key's own record needs to keep none of the parts.
   */
  replayByParts?: boolean;
  /**
   * For an effect made of parts, whose key is taken before its first part: the request's own checks that refuse by
   * throwing (the seller it may act for), made before the key is taken, so that such a refusal keeps nothing under
   * the key, as for every other mutation.
   */
  checkBeforeKey?: (ctx: Context, input: MutationInput<S>) => void;
  /**
   * What of the input makes two requests with one key the same request, where the input is not all parsed by now
   * (a batch import parses each order on its own, so its orders come as sent): it, parsed, so that a retry that
   * spells a value otherwise (spaces around an id, another Unicode form) is the same request, as it is for
   * every other mutation.
   */
  comparedInput?: (input: MutationInput<S>) => Record<string, unknown>;
}

/** Idempotency keys: what partner tools commonly send (UUIDs, ULIDs, their own job ids). */
export const IdempotencyKey = z.string().check(
  z.minLength(8, I18n.says("schema.tooShort", { what: "idempotencyKey", min: 8 })),
  z.maxLength(128, I18n.says("schema.tooLong", { what: "idempotencyKey", max: 128 })),
  // `*`, not `+`: an empty key is refused once, as too short, not also for its characters.
  z.regex(/^[A-Za-z0-9._:-]*$/, I18n.says("schema.idempotencyKeyCharacters", {})),
);

/** A core input schema, built the first time a mutation parses with it (a `z.lazy` in core's inputs modules). */
export type LazyInput<Shape extends z.core.$ZodShape = z.core.$ZodShape> = z.ZodMiniLazy<
  z.ZodMiniObject<Shape, z.core.$strict>
>;

/**
 * Adds the fields every mutation input accepts to a core input schema, and `added`: fields the API adds
 * or spells its own way (a new key after `idempotencyKey`, a replaced one where the core schema has it).
 * Built on the mutation's first call, like the core schema: a container builds the schemas of the
 * mutations it serves, not all of them at module init (bench/README.md, cold start).
 */
export function mutationInput<Shape extends z.core.$ZodShape, Added extends z.core.$ZodShape = Record<never, never>>(
  schema: LazyInput<Shape>,
  added?: Added,
) {
  return z.lazy(() =>
    z.extend(schema._zod.innerType, { idempotencyKey: z.nullish(IdempotencyKey), ...(added as Added) }),
  );
}

export async function runMutation<S extends z.ZodMiniType, P extends object>(
  ctx: Context,
  spec: MutationSpec<S, P>,
  rawInput: unknown,
): Promise<Payload<P>> {
  const parsed = Errors.parseInput(spec.input, rawInput, { now: ctx.now });
  if (!parsed.ok) {
    const refused = { ...spec.refusedPayload, userErrors: parsed.errors };
    return (await answerOfRefusedRetry(ctx, spec, rawInput)) ?? refused;
  }
  const { idempotencyKey, ...input } = parsed.value as z.output<S> & { idempotencyKey?: string | null };
  const key = idempotencyKey ?? null;
  if (!key) return perform(ctx, spec, input, key, null);

  const keyed: Keyed = {
    scope: { principalId: Auth.retryOwnerId(ctx.principal), mutation: spec.name, key },
    sentHash: sentHashOf(rawInput),
    requestHash: requestHash(spec.comparedInput ? spec.comparedInput(input) : input),
    // The release before hashed the input as it came; the records it kept live 24 h, then this can go.
    ...(spec.comparedInput ? { formerRequestHash: requestHash(input) } : {}),
  };
  const known = await answerOfKey(ctx, spec, keyed);
  if (known && "takeOver" in known) return perform(ctx, spec, input, key, keyed, known.takeOver);
  if (known) return known.replayByParts ? perform(ctx, spec, input, key, null) : known.payload;
  if (!spec.replayByParts) return perform(ctx, spec, input, key, keyed);
  // Parts are written one by one, each with its own record, before anything could record the key
  // after them: so the key is taken first, and another input under it writes no part.
  spec.checkBeforeKey?.(ctx, input);
  return (await claimForParts(ctx, spec, keyed)) ?? perform(ctx, spec, input, key, null);
}

/**
 * The answer a key kept for this input as sent, when today's rules refuse the input: the retry of an attempt that
 * landed before a deploy tightened a rule (a character no longer accepted, a lower cap) gets the answer of what was
 * done, as any retry does, instead of INVALID_INPUT for an effect that is in place. Only the same input, sent under
 * the same key by the same principal, within the key's retention, and never for an effect made of parts (their
 * answer is rebuilt from the parts, which needs the input parsed). Null when none: the refusal stands.
 */
async function answerOfRefusedRetry<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P> & { name: string; replayByParts?: boolean },
  rawInput: unknown,
): Promise<Payload<P> | null> {
  if (spec.replayByParts || !rawInput || typeof rawInput !== "object") return null;
  const key = z.safeParse(IdempotencyKey, (rawInput as Record<string, unknown>).idempotencyKey);
  if (!key.success) return null;
  const scope = { principalId: Auth.retryOwnerId(ctx.principal), mutation: spec.name, key: key.data };
  const sentHash = sentHashOf(rawInput);
  const kept = await Idempotency.answerOfSent(ctx.db, scope, sentHash, ctx.clock());
  if (!kept) return null;
  if (kept.kind === "answer") return asTheyAreNow(ctx, answerOfRecord(ctx, spec, kept.payload as Payload<P>));
  // A one-item effect whose attempt claimed the key and did not record: settled as any retry of it is (its item
  // shows whether the effect landed). One that did not land cannot be decided again from a refused input.
  const settled = await awaitClaim(ctx, spec, { scope, requestHash: kept.requestHash, sentHash }, kept.claim);
  return settled.kind === "answer" ? settled.payload : null;
}

/**
 * Takes the key of an effect made of parts (`replayByParts`) before its first part: null when it is
 * this request's (first, or the same input at once or after a crash), else the key's refusal. The
 * record keeps no answer (each part keeps its own), so it is complete before the parts are.
 */
async function claimForParts<P extends object>(
  ctx: Context,
  spec: { refusedPayload: P; replayByParts?: boolean },
  keyed: Keyed,
): Promise<Payload<P> | null> {
  const payload: Payload<P> = { ...spec.refusedPayload, userErrors: [] };
  const at = ctx.clock();
  const args = { requestHash: keyed.requestHash, payload, at };
  if (await Idempotency.claim(ctx.db, keyed.scope, args, ctx.config.idempotency)) return null;
  const known = await answerOfKey(ctx, spec, keyed);
  if (!known || "takeOver" in known) return inProgress(spec);
  return known.replayByParts ? null : known.payload;
}

/**
 * What the key already answers, or null when it has no record yet. A replay of a mutation made of
 * parts runs again (`replayByParts`): each part answers from its own record. A one-item effect's
 * claim by another attempt of this request is waited for (`awaitClaim`), or taken over (`takeOver`).
 */
async function answerOfKey<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P> & { replayByParts?: boolean },
  keyed: Keyed,
  ownClaim: string | null = null,
): Promise<{ payload: Payload<P>; replayByParts: boolean } | { takeOver: Idempotency.ItemClaim } | null> {
  const found = await Idempotency.lookup(ctx.db, keyed.scope, keyed.requestHash, ctx.clock(), keyed.formerRequestHash);
  switch (found.kind) {
    case "absent":
      return null;
    case "claimed": {
      // The claim this attempt holds (or took over) answers nothing: waiting on it would wait on ourselves.
      if (found.claim.attempt === ownClaim) return null;
      const settled = await awaitClaim(ctx, spec, keyed, found.claim);
      if (settled.kind === "absent") return null;
      if (settled.kind === "takeOver") return { takeOver: settled.claim };
      return { payload: settled.payload, replayByParts: false };
    }
    case "replay":
      return {
        payload: await asTheyAreNow(ctx, answerOfRecord(ctx, spec, found.payload)),
        replayByParts: spec.replayByParts === true,
      };
    case "reused":
      return {
        payload: refusal(spec, "IDEMPOTENCY_KEY_REUSED", I18n.text("error.idempotencyKeyReused", {})),
        replayByParts: false,
      };
    case "busy":
      return { payload: inProgress(spec), replayByParts: false };
  }
}

/**
 * A replayed answer's objects as they are now: its order, case, deposit and refund application. The key's record keeps
 * the copies the first attempt answered, but a replay's objects are read now: their fields that read the clock
 * (`late`, `timeLeftSeconds`, an offer's lapse, `availableActions`, an application's current eligibility) and their
 * nested ones (a case's order, a deposit's applications). An old copy read now mixes then and now: an order shipped
 * on time since would read late, an application decided since would read pending with today's eligibility. The kept
 * copy stays when the read finds none as new (a read that lags the write it follows, an item deleted since).
 * Each read skips the request's loader cache: an earlier mutation of the same document may have changed the item.
 */
async function asTheyAreNow<P extends object>(ctx: Context, payload: Payload<P>): Promise<Payload<P>> {
  const kept = payload as { order?: unknown; case?: unknown; deposit?: unknown; application?: unknown };
  const depositId = isVersioned(kept.deposit)
    ? kept.deposit.id
    : (kept.application as { depositId?: string } | null | undefined)?.depositId;
  const [order, kase, deposited] = await Promise.all([
    orderAsItIsNow(ctx, kept.order),
    isVersioned(kept.case) ? ctx.loaders.caseById.clear(kept.case.id).load(kept.case.id) : null,
    depositId ? DepositsRepo.getDepositWithApplications(ctx.db, depositId, { consistent: true }) : null,
  ]);
  const application = deposited?.applications.find(
    (a) => isVersioned(kept.application) && a.id === kept.application.id,
  );
  const now: Record<string, unknown> = {
    order,
    case: newerOf(kept.case, kase),
    deposit: newerOf(kept.deposit, deposited?.deposit),
    application: newerOf(kept.application, application),
  };
  return { ...payload, ...Object.fromEntries(Object.entries(now).filter(([field]) => field in kept)) };
}

/** A replayed answer's order as stored now (`asTheyAreNow`), read past the request's loader cache. */
export async function orderAsItIsNow<T>(ctx: Context, kept: T): Promise<T> {
  if (!isVersioned(kept)) return kept;
  return newerOf(kept, await ctx.loaders.orderById.clear(kept.id).load(kept.id));
}

/** The stored item a kept copy is of, when it is at least as new (by version); else the kept copy. */
function newerOf<T>(kept: T, current: Versioned | null | undefined): T {
  return isVersioned(kept) && current && current.version >= kept.version ? (current as T) : kept;
}

interface Versioned {
  id: string;
  version: number;
}

function isVersioned(value: unknown): value is Versioned {
  const { id, version } = (value ?? {}) as Partial<Versioned>;
  return typeof id === "string" && typeof version === "number";
}

/**
 * The answer of the attempt whose record landed before ours could (a concurrent duplicate, or the
 * SDK's retry of our own write whose first answer was lost), or null when the key has none.
 * `ours` is answered when the key's answer is rebuilt from parts (they answered from their records).
 * `ownClaim`: the one-item claim this attempt holds or took over, which is no winner.
 */
async function answerOfWinner<P extends object>(
  ctx: Context,
  spec: OneItemSpec<P> & { replayByParts?: boolean },
  keyed: Keyed,
  ours: Payload<P>,
  ownClaim: string | null = null,
): Promise<Payload<P> | null> {
  const known = await answerOfKey(ctx, spec, keyed, ownClaim);
  if (!known || "takeOver" in known) return null;
  return known.replayByParts ? ours : known.payload;
}

/** A refusal that only says "someone else wrote first": every error is a VERSION_CONFLICT. */
function isVersionRace(errors: UserError[]): boolean {
  return errors.length > 0 && errors.every((e) => e.code === "VERSION_CONFLICT");
}

const raceBackoff = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(RACE_BACKOFF_CAP_MS, RACE_BACKOFF_BASE_MS * 2 ** attempt)),
  );

/**
 * Decides and writes. A lost race is decided again on a fresh read. With a key, the answer
 * is recorded: in the effect's transaction, or alone for an answer that wrote nothing else, or (a one-item effect)
 * in place of the key's claim; when another attempt's record landed first, its answer is this request's too.
 * `takeOver`: a claim of this request whose lease is over and whose effect did not land, decided again here.
 */
async function perform<S extends z.ZodMiniType, P extends object>(
  ctx: Context,
  spec: MutationSpec<S, P>,
  input: MutationInput<S>,
  idempotencyKey: string | null,
  keyed: Keyed | null,
  takeOver: Idempotency.ItemClaim | null = null,
): Promise<Payload<P>> {
  const hold: ItemAttempt = {
    attempt: ctx.newId(),
    effectId: takeOver?.effectId ?? ctx.newId(),
    holds: false,
    replacing: takeOver?.attempt ?? null,
    claimSent: false,
    writeSent: false,
  };
  try {
    return await decideAndWrite(ctx, spec, input, idempotencyKey, keyed, hold);
  } catch (error) {
    // An internal error: the key stays claimed only while the item write's outcome is unknown.
    if (keyed) await releaseAfterError(ctx, keyed, hold);
    throw error;
  }
}

/** `perform`'s rounds: decide, write, and on a lost race decide again; `hold` is this attempt's hold on the key. */
async function decideAndWrite<S extends z.ZodMiniType, P extends object>(
  ctx: Context,
  spec: MutationSpec<S, P>,
  input: MutationInput<S>,
  idempotencyKey: string | null,
  keyed: Keyed | null,
  hold: ItemAttempt,
): Promise<Payload<P>> {
  /**
   * Records an answer that wrote nothing else: in place of the claim this attempt holds, or of the
   * dead one it took over (so that later retries replay it rather than wait on that claim); the
   * winner's answer when another record or claim got there first.
   */
  const settle = async (payload: Payload<P>, stored: Payload<P>, at: string): Promise<Payload<P>> => {
    if (!keyed) return payload;
    const args = { requestHash: keyed.requestHash, sentHash: keyed.sentHash, payload: stored, at };
    const claim = claimOf(hold);
    const recorded = claim
      ? await Idempotency.completeClaim(ctx.db, keyed.scope, { ...args, attempt: claim }, ctx.config.idempotency)
      : await Idempotency.record(ctx.db, keyed.scope, args, ctx.config.idempotency);
    if (recorded) return payload;
    // The record that beat ours expired in between (24 h later), or another attempt's claim holds
    // the key and its lease is over: nothing to answer but "try again".
    return (await answerOfWinner(ctx, spec, keyed, payload)) ?? inProgress(spec);
  };
  /**
   * Answers without recording, so a retry with the key decides again: the claim is given up (this attempt's,
   * or a dead one it took over).
   */
  const unkept = async (payload: Payload<P>): Promise<Payload<P>> => {
    const claim = claimOf(hold);
    if (keyed && claim) await Idempotency.releaseClaim(ctx.db, keyed.scope, claim);
    return payload;
  };
  for (let attempt = 1; ; attempt++) {
    // Decided again after a lost race: at this instant, after the write it lost to. The request's own context moves
    // on (the caches keyed by it stay the request's), and its answer is read at the same instant.
    if (attempt > 1) ctx.now = ctx.clock();
    const effect = await spec.execute(ctx, input, { idempotencyKey, effectId: hold.effectId });
    const at = ctx.clock();

    if (effect.kind === "refused") {
      const payload: Payload<P> = { ...spec.refusedPayload, userErrors: effect.errors };
      if (!effect.fromLaggingRead) return settle(payload, payload, at);
      // Kept for no key; but an attempt of this request that read the index after it caught up may have landed
      // meanwhile, and the key's answer is then its answer, not this refusal (one request, one answer).
      const winner = keyed ? await answerOfWinner(ctx, spec, keyed, payload, claimOf(hold)) : null;
      return winner ?? unkept(payload);
    }

    const payload: Payload<P> = { ...effect.payload, userErrors: [] };
    const stored = spec.storedPayload ? spec.storedPayload(payload) : payload;
    if (effect.kind === "performed") return settle(payload, stored, at);

    let failed: number[];
    if (effect.kind === "oneItem") {
      if (!keyed) {
        const answer = await writeWithoutKey(ctx, spec, hold, { write: effect.write, payload, stored });
        if (answer) return answer;
      } else {
        const written = await writeUnderKey(ctx, spec, keyed, hold, { write: effect.write, payload, stored });
        if (written.kind === "answer") return written.payload;
        if (written.kind === "key") {
          // Another attempt's claim or record holds the key: its answer, or (its claim given up or
          // its lease over) this attempt decides again.
          const known = await answerOfKey(ctx, spec, keyed);
          if (known && !("takeOver" in known)) return known.payload;
          hold.replacing = known ? known.takeOver.attempt : null;
          if (known) hold.effectId = known.takeOver.effectId;
          continue;
        }
      }
      failed = [0];
    } else {
      const items = keyed
        ? [...staged(ctx, effect, at), recordOf(ctx, keyed, stored, at, claimOf(hold))]
        : staged(ctx, effect, at);
      const result = await transactWrite(ctx.db.doc, items);
      if (result.ok) {
        effect.landed?.();
        return payload;
      }
      if (keyed) {
        // Another attempt with this key may have landed first: its record failed ours, and the rest of
        // its effect may have failed our other conditions (a version, a duplicate guard). Its answer
        // is ours, whichever conditions the cancellation names.
        const winner = await answerOfWinner(ctx, spec, keyed, payload, claimOf(hold));
        if (winner) return winner;
      }
      failed = result.failedConditions;
      if (failed.some((i) => isCounterAdd(items[i]))) {
        // A seller's counter would pass 2^53 − 1 (counterItems.ts): no answer the seller could act on, and none
        // kept for the key; the request fails as AMOUNT_OVERFLOW and nothing is written.
        throw new Money.AmountOverflow("sellerTotal");
      }
    }

    const errors = await effect.onConditionFailed(failed);
    if (isVersionRace(errors)) {
      if (attempt < RACE_ATTEMPTS && withinWorkWindow(ctx)) {
        await raceBackoff(attempt);
        continue;
      }
      // A race answer is kept for no key: a retry with the same key decides again.
      return unkept({ ...spec.refusedPayload, userErrors: errors });
    }
    const refused: Payload<P> = { ...spec.refusedPayload, userErrors: errors };
    return settle(refused, refused, at);
  }
}

/**
 * A transaction's items: the effect's writes, then one Put per event (they carry no condition, and
 * the effect's failed-condition indexes stay its own); the key's record goes last (`recordOf`).
 */
function staged<P>(ctx: Context, effect: Extract<Effect<P>, { kind: "write" }>, at: string): TransactItem[] {
  return [...effect.writes, ...eventWrites(ctx, effect.events, at)];
}

/**
 * The key's completed record, for the effect's own transaction: in place of `claim` when the attempt holds a one-item
 * claim (its own, or a dead one it took over) and was decided again as a transaction.
 */
function recordOf(ctx: Context, keyed: Keyed, stored: unknown, at: string, claim: string | null): TransactItem {
  return Idempotency.recordWrite(
    ctx.db,
    keyed.scope,
    { requestHash: keyed.requestHash, sentHash: keyed.sentHash, payload: stored, at, claim },
    ctx.config.idempotency,
  );
}

/** The Puts recording events at `at` (the write attempt's instant) for the calling credential. */
export function eventWrites(
  ctx: Context,
  drafts: readonly Events.EventDraft[],
  at: string = ctx.clock(),
): TransactItem[] {
  const actor = { actorKeyId: ctx.principal.principalId, actorSide: Events.sideOf(ctx.principal) };
  return EventsRepo.writesFor(ctx.db, { drafts, occurredAt: at, ...actor }).writes;
}

/** What makes two requests "the same input": the parsed, normalised input (the key is not part of it). */
/**
 * The input as the caller sent it (after GraphQL's coercion, before any rule of ours), less its key and null fields:
 * 96 bits of its SHA-256, enough to tell one principal's inputs under one key apart, in 24 bytes of each record.
 */
export function sentHashOf(rawInput: unknown): string {
  const { idempotencyKey: _key, ...sent } = (rawInput ?? {}) as Record<string, unknown>;
  return createHash("sha256")
    .update(stableJson(withoutNulls(sent)))
    .digest("base64url")
    .slice(0, 16);
}

function requestHash(input: Record<string, unknown>): string {
  return createHash("sha256")
    .update(stableJson(withoutNulls(input)))
    .digest("hex");
}

/** `value` without its null and undefined fields, at any depth: a field sent as null is a field left out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}
