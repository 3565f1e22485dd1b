import { createHash } from "node:crypto";
import * as z from "zod";
import { Errors, type Events, I18n, type UserError } from "@seller-ops/core";
import { EventsRepo, Idempotency, stableJson, transactWrite, type TransactItem } from "@seller-ops/db";
import type { Context } from "./context";

/**
 * The one mechanism every mutation goes through:
 * 1. the input is parsed by zod; any issue is a `userError` naming the field, nothing is written;
 * 2. an `idempotencyKey` takes a conditional in-progress record before the effect: a repeat
 *    replays the stored payload, a concurrent duplicate waits, a different input with the same
 *    key is `IDEMPOTENCY_KEY_REUSED`;
 * 3. the effect decides (in core) and stages writes and the events they make; they run in one
 *    transaction together with one Put per event (id and time from the injected clock, the
 *    caller's key id) and the completed idempotency record, so the effect, its events and its
 *    payload land together or not at all (a refused or failed mutation records no event);
 * 4. a failed condition (a duplicate, a stale version) becomes a `userError`; an internal error
 *    releases the key and is masked by formatError;
 * 5. a version race — another writer changed the object between our read and our write — is no
 *    answer for a client that sent no `expectedVersion` (it asked for no version check): the effect
 *    runs again on a fresh read, up to `RACE_ATTEMPTS` times. A race answer (VERSION_CONFLICT from a
 *    failed condition) is never kept as the idempotent answer: the key is released, so a retry with
 *    the same key decides again.
 */

/** How often an effect is decided again after losing a version race, for a client that sent no version. */
export const RACE_ATTEMPTS = 40;
/** Backoff between those attempts: jittered, doubling from the base up to the cap. */
const RACE_BACKOFF_BASE_MS = 5;
const RACE_BACKOFF_CAP_MS = 200;

export type Payload<P> = P & { userErrors: UserError[] };

export type Effect<P> =
  | { kind: "refused"; errors: UserError[] }
  /**
   * The effect wrote on its own (several transactions, e.g. a batch import where each order
   * stands alone, each with its events: `eventWrites`); the idempotency record is completed right after.
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
    };

/** What a mutation decides from: its parsed input, less the `idempotencyKey` every input accepts. */
export type MutationInput<S extends z.ZodType> = Omit<z.output<S>, "idempotencyKey">;

export interface MutationSpec<S extends z.ZodType, P extends object> {
  /** The mutation's name: scopes idempotency keys. */
  name: string;
  input: S;
  /** The payload's object fields when nothing was done, e.g. `{ order: null }`. */
  refusedPayload: P;
  /**
   * Decides and stages the writes. `input` is the parsed input without the idempotency key (the
   * pipeline's business); a mutation whose parts keep their own answers reads the key from `request`.
   */
  execute: (ctx: Context, input: MutationInput<S>, request: { idempotencyKey: string | null }) => Promise<Effect<P>>;
  /**
   * What the idempotency record keeps of a successful payload, when it must not keep all of it
   * (a new API key's secret is shown once and never stored). Replays answer this.
   */
  storedPayload?: (payload: Payload<P>) => Payload<P>;
  /**
   * For effects made of parts that keep their own idempotent answers (a batch import: one record
   * per order, written with the order): a replay of the key runs the effect again, and each part
   * answers from its own record (or, after a crash, is done now). So the answer always says what
   * was done, and the key's own record needs to keep none of the parts.
   */
  replayByParts?: boolean;
}

/** Idempotency keys: what partner tools commonly send (UUIDs, ULIDs, their own job ids). */
export const IdempotencyKey = z
  .string()
  .min(8, "An idempotency key has at least 8 characters.")
  .max(128, "An idempotency key has at most 128 characters.")
  .regex(/^[A-Za-z0-9._:-]+$/, "An idempotency key has letters, digits and . _ : - only.");

/** Adds the fields every mutation input accepts to a core input schema. */
export function mutationInput<Shape extends z.core.$ZodShape>(schema: z.ZodObject<Shape, z.core.$strict>) {
  return schema.extend({ idempotencyKey: IdempotencyKey.nullish() });
}

export async function runMutation<S extends z.ZodType, P extends object>(
  ctx: Context,
  spec: MutationSpec<S, P>,
  rawInput: unknown,
): Promise<Payload<P>> {
  const parsed = Errors.parseInput(spec.input, rawInput, { now: ctx.now });
  if (!parsed.ok) return { ...spec.refusedPayload, userErrors: parsed.errors };
  const { idempotencyKey, ...input } = parsed.value as z.output<S> & { idempotencyKey?: string | null };
  const key = idempotencyKey ?? null;
  if (!key) return (await perform(ctx, spec, input, key, null)).payload;

  const scope: Idempotency.IdempotencyScope = { principalId: ctx.principal.principalId, mutation: spec.name, key };
  const started = await Idempotency.begin(ctx.db, scope, requestHash(input), ctx.clock, ctx.config.idempotency);
  switch (started.kind) {
    case "replay":
      if (spec.replayByParts) return (await perform(ctx, spec, input, key, null)).payload;
      return started.payload as Payload<P>;
    case "reused":
      return refusal(spec, "IDEMPOTENCY_KEY_REUSED", I18n.text("error.idempotencyKeyReused", {}));
    case "busy":
      return refusal(spec, "IDEMPOTENCY_IN_PROGRESS", I18n.text("error.idempotencyInProgress", {}));
    case "acquired":
      try {
        const outcome = await perform(ctx, spec, input, key, { scope, lockToken: started.lockToken });
        if (outcome.race) await releaseKey(ctx, spec.name, scope, started.lockToken);
        return outcome.payload;
      } catch (error) {
        await releaseKey(ctx, spec.name, scope, started.lockToken);
        throw error;
      }
  }
}

async function releaseKey(
  ctx: Context,
  mutation: string,
  scope: Idempotency.IdempotencyScope,
  lockToken: string,
): Promise<void> {
  await Idempotency.release(ctx.db, scope, lockToken).catch((releaseError: unknown) =>
    ctx.logger.warn("could not release idempotency key", { mutation, error: String(releaseError) }),
  );
}

/** A refusal that only says "someone else wrote first": every error is a VERSION_CONFLICT. */
function isVersionRace(errors: UserError[]): boolean {
  return errors.length > 0 && errors.every((e) => e.code === "VERSION_CONFLICT");
}

/** The client asked for a version check when it sent `expectedVersion` (at the top of its input). */
function sentVersion(input: unknown): boolean {
  return (
    typeof input === "object" && input !== null && (input as { expectedVersion?: unknown }).expectedVersion != null
  );
}

const raceBackoff = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(RACE_BACKOFF_CAP_MS, RACE_BACKOFF_BASE_MS * 2 ** attempt)),
  );

/**
 * Decides and writes; `race` is true when the answer is a lost version race (not to be kept for
 * the key). Without `expectedVersion`, a lost race is decided again on a fresh read.
 */
async function perform<S extends z.ZodType, P extends object>(
  ctx: Context,
  spec: MutationSpec<S, P>,
  input: MutationInput<S>,
  idempotencyKey: string | null,
  lock: { scope: Idempotency.IdempotencyScope; lockToken: string } | null,
): Promise<{ payload: Payload<P>; race: boolean }> {
  const retryRaces = !sentVersion(input);
  for (let attempt = 1; ; attempt++) {
    const effect = await spec.execute(ctx, input, { idempotencyKey });
    const at = ctx.clock();

    if (effect.kind === "refused") {
      const payload: Payload<P> = { ...spec.refusedPayload, userErrors: effect.errors };
      if (lock) await Idempotency.complete(ctx.db, lock.scope, lock.lockToken, payload, at);
      return { payload, race: false };
    }

    if (effect.kind === "performed") {
      const payload: Payload<P> = { ...effect.payload, userErrors: [] };
      if (lock)
        await Idempotency.complete(
          ctx.db,
          lock.scope,
          lock.lockToken,
          spec.storedPayload ? spec.storedPayload(payload) : payload,
          at,
        );
      return { payload, race: false };
    }

    const payload: Payload<P> = { ...effect.payload, userErrors: [] };
    const stored = spec.storedPayload ? spec.storedPayload(payload) : payload;
    // Events go after the effect's writes (its failed-condition indexes stay its own) and before the
    // idempotency record (last, as the lease check below expects). They carry no condition.
    const staged = [...effect.writes, ...eventWrites(ctx, effect.events, at)];
    const writes = lock
      ? [...staged, Idempotency.completeWrite(ctx.db, lock.scope, lock.lockToken, stored, at)]
      : staged;
    const result = await transactWrite(ctx.db.doc, writes);
    if (result.ok) return { payload, race: false };

    if (lock && result.failedConditions.includes(writes.length - 1)) {
      // Our lease ran out and another attempt took the key over: it owns the outcome now.
      return {
        payload: refusal(spec, "IDEMPOTENCY_IN_PROGRESS", I18n.text("error.idempotencyInProgress", {})),
        race: false,
      };
    }
    const errors = await effect.onConditionFailed(result.failedConditions);
    if (isVersionRace(errors)) {
      if (retryRaces && attempt < RACE_ATTEMPTS) {
        await raceBackoff(attempt);
        continue;
      }
      return { payload: { ...spec.refusedPayload, userErrors: errors }, race: true };
    }
    const refused: Payload<P> = { ...spec.refusedPayload, userErrors: errors };
    if (lock) await Idempotency.complete(ctx.db, lock.scope, lock.lockToken, refused, at);
    return { payload: refused, race: false };
  }
}

/** The Puts recording events at `at` (the write attempt's instant) for the calling credential. */
export function eventWrites(
  ctx: Context,
  drafts: readonly Events.EventDraft[],
  at: string = ctx.clock(),
): TransactItem[] {
  return EventsRepo.writesFor(ctx.db, { drafts, occurredAt: at, actorKeyId: ctx.principal.principalId }).writes;
}

function refusal<P extends object>(
  spec: { refusedPayload: P },
  code: UserError["code"],
  message: I18n.Text,
): Payload<P> {
  return { ...spec.refusedPayload, userErrors: [Errors.userError(code, message, ["input", "idempotencyKey"])] };
}

/** What makes two requests "the same input": the parsed, normalised input (the key is not part of it). */
function requestHash(input: Record<string, unknown>): string {
  return createHash("sha256")
    .update(stableJson(withoutNulls(input)))
    .digest("hex");
}

function withoutNulls(value: unknown): unknown {
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
