import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, type TableName } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { MUTATIONS } from "../../test/reliability/catalog";
import { world } from "../../test/support/world";
import { call, type LambdaHttpHandler } from "./api";
import { describe, meter, mutationFloor, total, type MeteredRequest, type Units } from "./capacity";
import { median } from "./stats";

export interface MutationCapacity {
  name: string;
  measured: Units;
  floor: ReturnType<typeof mutationFloor>;
  /** Write units of the idempotency record: its Put in the effect's transaction (alone, for a refusal). */
  idempotencyWrite: number;
  /** Bytes of the completed idempotency record. */
  recordBytes: number;
  /** What the event log adds to the mutation's transaction: Puts on Events, their bytes and write units. */
  events: { items: number; bytes: number; writeUnits: number };
  requests: string;
  /** Median of TIMING_SAMPLES runs through an unmetered handler: wall time, and the time waiting on DynamoDB. */
  timing: { handlerMs: number; directMs: number };
}

const TIMING_SAMPLES = 3;

/** Wall time with at least one request of `doc` in flight: what the handler spent waiting on DynamoDB. */
function waitClock(doc: DynamoDBDocumentClient): { ms: () => number; reset: () => void } {
  let inFlight = 0;
  let since = 0;
  let total = 0;
  doc.middlewareStack.add(
    (next) => async (args) => {
      if (inFlight++ === 0) since = performance.now();
      try {
        return await next(args);
      } finally {
        if (--inFlight === 0) total += performance.now() - since;
      }
    },
    { step: "initialize", name: "benchWaitClock" },
  );
  return {
    ms: () => total,
    reset: () => {
      total = 0;
    },
  };
}

/** The Events items a mutation wrote: one Put each, inside its transaction (so each started KB counts twice). */
function eventWrites(requests: MeteredRequest[]): MutationCapacity["events"] {
  const events = requests.flatMap((r) =>
    r.write > 0
      ? r.items.filter((it) => it.role === "event").map((it) => ({ it, transactional: r.transactional }))
      : [],
  );
  return {
    items: events.length,
    bytes: events.reduce((s, { it }) => s + it.bytes, 0),
    writeUnits: events.reduce(
      (s, { it, transactional }) => s + Math.ceil(it.bytes / 1024) * (transactional ? 2 : 1),
      0,
    ),
  };
}

/**
 * Every mutation of the reliability catalog (`test/reliability/catalog.ts`, which a test keeps
 * complete), once, with an `idempotencyKey`, on its own tables: the stage is set through the
 * plain handler, then the mutation runs through a handler whose client is metered.
 */
export async function mutationCapacity(): Promise<MutationCapacity[]> {
  const out: MutationCapacity[] = [];
  const raw = createDocumentClient();
  for (const mutation of MUTATIONS) {
    const w = await world();
    const run = async (api: LambdaHttpHandler, n: number) => {
      const { key, input } = await mutation.arrange(w);
      const started = performance.now();
      const { body } = await call(
        api,
        `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${mutation.selection} ` +
          `userErrors { field code message } } }`,
        key,
        { input: { ...input, idempotencyKey: `bench-capacity-${mutation.name}-${n}` } },
      );
      const ms = performance.now() - started;
      const payload = body.data?.[mutation.name];
      if (body.errors?.length || !payload || payload.userErrors?.length)
        throw new Error(`${mutation.name}: ${JSON.stringify(body.errors ?? payload?.userErrors)}`);
      return ms;
    };
    const timed = createDocumentClient();
    const wait = waitClock(timed);
    const plain = createGraphqlHandler({ db: { doc: timed, tables: w.db.tables }, clock: () => w.now });
    const handlerMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < TIMING_SAMPLES; i++) {
      wait.reset();
      handlerMs.push(await run(plain, i));
      directMs.push(wait.ms());
    }
    timed.destroy();

    const doc = createDocumentClient();
    const metered = meter(doc, raw, w.db.tables as Record<TableName, string>);
    await run(createGraphqlHandler({ db: { doc, tables: w.db.tables }, clock: () => w.now }), TIMING_SAMPLES);
    const requests = [...metered.requests];
    // The record's writes only (its lookup before the effect is a read, counted with the reads).
    const idempotency = requests.flatMap((r) =>
      r.write > 0
        ? r.items.filter((it) => it.role === "idempotency").map((it) => ({ it, transactional: r.transactional }))
        : [],
    );
    out.push({
      name: mutation.name,
      measured: total(requests),
      floor: mutationFloor(requests),
      idempotencyWrite: idempotency.reduce(
        (s, { it, transactional }) => s + Math.max(1, Math.ceil(it.bytes / 1024)) * (transactional ? 2 : 1),
        0,
      ),
      recordBytes: Math.max(0, ...idempotency.map(({ it }) => it.bytes)),
      events: eventWrites(requests),
      requests: describe(requests),
      timing: { handlerMs: median(handlerMs), directMs: median(directMs) },
    });
    doc.destroy();
  }
  raw.destroy();
  return out;
}
