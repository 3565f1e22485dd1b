import { WORK_MARGIN_MS } from "@seller-ops/api/src/context";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { importBatch } from "../support/fixtures";
import { racedApiTimes } from "../support/interleave";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";

/**
 * An import writes its orders one after another, each in its own transaction, and a burst of conflicts on the seller's
 * counters can make each slow. No order is begun with less than `WORK_MARGIN_MS` of the invocation left: the rest are
 * answered NOT_ATTEMPTED, with nothing written, and the request is answered before the function's end instead of cut
 * off. The same request under the same key goes on from there.
 */
const IMPORT = `mutation($input: ImportOrdersInput!) { importOrders(input: $input) {
  results { index marketplaceOrderId outcome order { id } errors { code } }
  createdCount duplicateCount rejectedCount notAttemptedCount userErrors { code } } }`;

describe("an import whose writes are slow", () => {
  it("begins no order once the invocation's time runs short: the rest are NOT_ATTEMPTED, and the same key goes on", {
    timeout: 90_000,
  }, async () => {
    const w = await world();
    const tag = ulid();
    const input = { orders: importBatch(w.now, 60, `SLOW-${tag}`), idempotencyKey: `slow-import-${tag}` };
    // Each order's transaction waits 400 ms before it is sent (conflicts backing off, as under a burst).
    const slow = racedApiTimes(w, "Orders", 10_000, () => new Promise((resolve) => setTimeout(resolve, 400)));
    const send = (api: World["api"], invocationMs?: number) =>
      graphql(api, IMPORT, { key: w.key, variables: { input }, invocationMs }).then((r) => r.body.data.importOrders);

    // A function of 20 s: no order is begun 10 s in.
    const invocationMs = 20_000;
    const started = performance.now();
    const first = await send(slow.api, invocationMs);
    const tookMs = performance.now() - started;
    expect(first.userErrors).toEqual([]);
    expect(tookMs).toBeGreaterThanOrEqual(invocationMs - WORK_MARGIN_MS);
    expect(tookMs).toBeLessThan(invocationMs);
    expect(first.createdCount).toBeGreaterThan(0);
    expect(first.notAttemptedCount).toBeGreaterThan(0);
    expect(first.createdCount + first.notAttemptedCount).toBe(60);
    // The orders begun are a prefix of the batch; the others were not written, and say which they are.
    const created = first.createdCount;
    const outcomes = first.results.map((r: { outcome: string }) => r.outcome);
    expect(outcomes).toEqual([
      ...Array.from({ length: created }, () => "CREATED"),
      ...Array.from({ length: 60 - created }, () => "NOT_ATTEMPTED"),
    ]);
    const skipped = first.results.filter((r: { outcome: string }) => r.outcome === "NOT_ATTEMPTED");
    expect(skipped[0]).toMatchObject({ marketplaceOrderId: `SLOW-${tag}-${created}`, order: null });
    const stored = async () =>
      (await scanTable(w.db, "Orders")).filter(
        (i) => i.sk === "ORDER" && String(i.marketplaceOrderId).startsWith(`SLOW-${tag}-`),
      );
    expect(await stored()).toHaveLength(created);
    const firstIds = first.results.slice(0, created).map((r: { order: { id: string } }) => r.order.id);
    const idsOf = (answer: typeof first) =>
      answer.results.slice(0, created).map((r: { order: { id: string } }) => r.order.id);

    // The same key in an invocation with no time for new work: the orders decided answer from their records as they
    // did, and nothing more is begun.
    const noTime = await send(w.api, WORK_MARGIN_MS);
    expect(noTime).toMatchObject({ createdCount: created, notAttemptedCount: 60 - created, userErrors: [] });
    expect(idsOf(noTime)).toEqual(firstIds);
    expect(await stored()).toHaveLength(created);

    // The same key, once the writes are quick again: the others are created now.
    const again = await send(w.api);
    expect(again).toMatchObject({ createdCount: 60, duplicateCount: 0, notAttemptedCount: 0, userErrors: [] });
    expect(idsOf(again)).toEqual(firstIds);
    expect(await stored()).toHaveLength(60);
    await checkInvariants(w.db);
  });
});
