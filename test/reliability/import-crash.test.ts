import { describe, expect, it } from "vitest";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { HOUR } from "../support/clock";

/**
 * A batch import cannot be one transaction (TransactWriteItems takes at most 100 items, and each
 * order needs its guard, its counters and its answer), so each order is idempotent on its own:
 * a process killed between two orders' writes leaves some orders written with their own answers,
 * and a retry with the same key finishes the batch and answers exactly what the batch did.
 */
const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
  results { index marketplaceOrderId outcome order { id } existingOrderId errors { code } }
  createdCount duplicateCount rejectedCount userErrors { code } } }`;

function orders(w: World, count: number, tag: string) {
  const now = w.now.getTime();
  return Array.from({ length: count }, (_, i) => ({
    marketplaceOrderId: `IMP-${tag}-${i}`,
    items: [{ sku: `SKU-${i}`, title: "Phone case", quantity: 1 }],
    buyerTotal: { amountMinor: 1000 + i, currency: "USD" },
    settlementAmount: { amountMinor: 7000 + i, currency: "CNY" },
    buyerCountry: "DE",
    placedAt: new Date(now - 2 * HOUR).toISOString(),
    handlingDays: 3,
  }));
}

describe("a batch import killed between writes", () => {
  // The batch below makes 14 writes: 10 orders (one transaction each, with its answer), a duplicate's
  // failed transaction and its answer, a rejected order's answer, then the import's own record. After 13,
  // every order is done and only the import's record is lost.
  for (const failWritesAfter of [1, 4, 9, 13]) {
    it(
      `killed after ${failWritesAfter} writes, then retried with the ` + `same key: the answer is what the batch did`,
      async () => {
        const w = await world();
        const tag = ulid();
        // One order of the batch was created before, by another request: it is a true duplicate.
        const batch = orders(w, 12, tag);
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
