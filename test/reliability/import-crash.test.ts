import { describe, expect, it } from "vitest";
import { createDocumentClient, type Db } from "@seller-ops/db";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { importBatch } from "../support/fixtures";

/**
 * A batch import cannot be one transaction (TransactWriteItems takes at most 100 items, and each
 * order needs its guard, its counters and its answer), so each order is idempotent on its own:
 * a process killed between two orders' writes leaves some orders written with their own answers,
 * and a retry with the same key finishes the batch and answers exactly what the batch did.
 */
const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
  results { index marketplaceOrderId outcome order { id } existingOrderId errors { code } }
  createdCount duplicateCount rejectedCount userErrors { code } } }`;

describe("a batch import killed between writes", () => {
  // The batch below makes 14 writes: the import's own record (its key, claimed first), then 10 orders
  // (one transaction each, with its answer), a duplicate's failed transaction and its answer, and a
  // rejected order's answer. After 13, one order's write or answer is lost.
  for (const failWritesAfter of [1, 4, 9, 13]) {
    it(
      `killed after ${failWritesAfter} writes, then retried with the ` + `same key: the answer is what the batch did`,
      async () => {
        const w = await world();
        const tag = ulid();
        // One order of the batch was created before, by another request: it is a true duplicate.
        const batch = importBatch(w.now, 12, `IMP-${tag}`);
        const earlier = await graphql(w.api, IMPORT, { key: w.key, variables: { input: { orders: [batch[5]] } } });
        expect(earlier.body.data.importOrders.createdCount).toBe(1);
        // One order is invalid: rejected, every time.
        batch[8] = { ...batch[8]!, buyerCountry: "XX" };
        const input = { orders: batch, idempotencyKey: `import-${tag}` };

        const crashing = createGraphqlHandler({ db: instrumented(w.db, { failWritesAfter }).db, clock: () => w.now });
        const crashed = await graphql(crashing, IMPORT, { key: w.key, variables: { input } });
        expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");

        // Nothing holds the key: the retry runs at once and finishes the batch.
        const retried = (await graphql(w.api, IMPORT, { key: w.key, variables: { input } })).body.data.importOrders;
        expect(retried.userErrors).toEqual([]);
        expect(retried.results.map((r: { outcome: string }) => r.outcome)).toEqual(
          batch.map((_, i) => (i === 5 ? "DUPLICATE" : i === 8 ? "REJECTED" : "CREATED")),
        );
        expect({
          created: retried.createdCount,
          duplicates: retried.duplicateCount,
          rejected: retried.rejectedCount,
        }).toEqual({ created: 10, duplicates: 1, rejected: 1 });

        // The answer matches the effect: every order it calls created exists, once, with that id.
        const stored = (await scanTable(w.db, "Orders")).filter(
          (i) => i.sk === "ORDER" && String(i.marketplaceOrderId).startsWith(`IMP-${tag}-`),
        );
        expect(stored).toHaveLength(11);
        const created = retried.results
          .filter((r: { outcome: string }) => r.outcome === "CREATED")
          .map((r: { order: { id: string } }) => r.order.id);
        expect(new Set(created)).toEqual(
          new Set(stored.filter((o) => o.marketplaceOrderId !== `IMP-${tag}-5`).map((o) => o.id)),
        );
        expect(retried.results[5].existingOrderId).toBe(earlier.body.data.importOrders.results[0].order.id);

        // A later replay answers the same, and writes nothing.
        const replayed = (await graphql(w.api, IMPORT, { key: w.key, variables: { input } })).body.data.importOrders;
        expect(replayed).toEqual(retried);
        expect(
          (await scanTable(w.db, "Orders")).filter(
            (i) => i.sk === "ORDER" && String(i.marketplaceOrderId).startsWith(`IMP-${tag}-`),
          ),
        ).toHaveLength(11);
        await checkInvariants(w.db);
      },
    );
  }
});

/** Orders stored under a tag's marketplace ids. */
async function storedOf(w: World, tag: string) {
  return (await scanTable(w.db, "Orders")).filter(
    (i) => i.sk === "ORDER" && String(i.marketplaceOrderId).startsWith(`IMP-${tag}-`),
  );
}

/**
 * Clients whose first write waits until every one of them has reached its first write: each
 * request has read all it reads before its first write, so none sees another's writes.
 */
function startingTogether(db: Db, count: number): Db[] {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return Array.from({ length: count }, () => {
    const doc = createDocumentClient();
    let first = true;
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (first && /^(Put|Update|Delete|TransactWrite|BatchWrite)/.test(String(context.commandName))) {
          first = false;
          if (++arrived === count) open();
          await gate;
        }
        return next(args);
      },
      { step: "initialize", name: "startTogether" },
    );
    return { doc: doc as DynamoDBDocumentClient, tables: db.tables };
  });
}

describe("one key, two different batches", () => {
  // A changed payload under the same key is refused before any of its orders is written: the
  // import's key is taken (with the request's hash) before its first order.
  it("sent at the same time: one runs, the other is refused and writes no order", async () => {
    for (let round = 0; round < 3; round++) {
      const w = await world();
      const [a, b] = [ulid(), ulid()];
      const key = `import-${ulid()}`;
      const [dbA, dbB] = startingTogether(w.db, 2);
      const [answerA, answerB] = await Promise.all(
        [
          { db: dbA!, tag: a },
          { db: dbB!, tag: b },
        ].map(async ({ db, tag }) => {
          const api = createGraphqlHandler({ db, clock: () => w.now });
          const input = { orders: importBatch(w.now, 12, `IMP-${tag}`), idempotencyKey: key };
          return (await graphql(api, IMPORT, { key: w.key, variables: { input } })).body.data.importOrders;
        }),
      );
      const sides = [
        { tag: a, answer: answerA, stored: await storedOf(w, a) },
        { tag: b, answer: answerB, stored: await storedOf(w, b) },
      ];
      const ran = sides.filter((s) => s.answer.userErrors.length === 0);
      const refused = sides.filter((s) => s.answer.userErrors.length > 0);
      expect(ran).toHaveLength(1);
      expect(ran[0]!.answer.createdCount).toBe(12);
      expect(ran[0]!.stored).toHaveLength(12);
      expect(refused[0]!.answer.userErrors).toEqual([{ code: "IDEMPOTENCY_KEY_REUSED" }]);
      expect(refused[0]!.answer.results).toEqual([]);
      expect(refused[0]!.stored).toHaveLength(0);
      await checkInvariants(w.db);
    }
  });

  for (const failWritesAfter of [1, 4, 9]) {
    it(`killed after ${failWritesAfter} writes, then retried with other orders: refused, nothing mixed`, async () => {
      const w = await world();
      const [a, b] = [ulid(), ulid()];
      const key = `import-${ulid()}`;
      const first = { orders: importBatch(w.now, 12, `IMP-${a}`), idempotencyKey: key };
      const crashing = createGraphqlHandler({ db: instrumented(w.db, { failWritesAfter }).db, clock: () => w.now });
      const crashed = await graphql(crashing, IMPORT, { key: w.key, variables: { input: first } });
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");

      const changed = { orders: importBatch(w.now, 12, `IMP-${b}`), idempotencyKey: key };
      for (let retry = 0; retry < 2; retry++) {
        const refused = (await graphql(w.api, IMPORT, { key: w.key, variables: { input: changed } })).body.data
          .importOrders;
        expect(refused.userErrors).toEqual([{ code: "IDEMPOTENCY_KEY_REUSED" }]);
        expect(refused.results).toEqual([]);
      }
      // (The crashed request's last transactions may still land: its other workers were in flight.)
      expect(await storedOf(w, b)).toHaveLength(0);

      // The first batch, sent again, finishes: its answer is all twelve, once each.
      const finished = (await graphql(w.api, IMPORT, { key: w.key, variables: { input: first } })).body.data
        .importOrders;
      expect(finished.userErrors).toEqual([]);
      expect(finished.createdCount).toBe(12);
      expect(await storedOf(w, a)).toHaveLength(12);
      await checkInvariants(w.db);
    });
  }
});
