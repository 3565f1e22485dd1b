import { beforeAll, describe, expect, it } from "vitest";
import { Events } from "@seller-ops/core";
import { EventsRepo, REQUEST_EXTRA_QUERY_CALLS, transactWrite } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { instrumented } from "../support/isolated";
import { world, type World } from "../support/world";

/**
 * A filtered list may need several Query calls for one page (its FilterExpression drops what it read), up to 10.
 * Aliases repeat a list, and the query cost prices a list by what it returns, not by what it reads: so the extra
 * calls come from one allowance per request (`REQUEST_EXTRA_QUERY_CALLS`), and a page past it ends early with a
 * cursor, as a page at its own cap does.
 */
const EVENTS = 1200;
const FILTERED = `events(sellerId: $seller, first: 1, after: $after, filter: { objectId: "ord_none" }) {
  edges { node { id } } pageInfo { hasNextPage endCursor } }`;

let w: World;
beforeAll(async () => {
  w = await world();
  // 1,200 events of the seller over the last hours, none of the object the lists ask for.
  const start = w.now.getTime() - 3 * 3_600_000;
  const puts = Array.from({ length: EVENTS }, (_, i) =>
    EventsRepo.put(
      w.db,
      Events.record({
        draft: {
          type: "ORDER_SHIPPED",
          sellerId: w.sellerId,
          objectType: "ORDER",
          objectId: `ord_${ulid()}`,
          objectVersion: 2,
          partId: null,
          payload: { status: "SHIPPED" },
        },
        eventId: ulid(start + i * 1000),
        occurredAt: new Date(start + i * 1000).toISOString(),
        actorKeyId: "job:test",
      }),
    ),
  );
  for (let i = 0; i < puts.length; i += 25)
    expect((await transactWrite(w.db.doc, puts.slice(i, i + 25))).ok).toBe(true);
}, 120_000);

function counted() {
  const { db, log } = instrumented(w.db);
  return { api: createGraphqlHandler({ db, clock: () => w.now }), log };
}

describe("filtered lists share one allowance of extra Query calls per request", () => {
  it("one filtered page alone still reads up to its own cap of 10 calls, and ends early with a cursor", async () => {
    const { api, log } = counted();
    const response = await graphql(api, `query($seller: ID, $after: String) { ${FILTERED} }`, {
      key: w.partner,
      variables: { seller: w.sellerId },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.events).toMatchObject({ edges: [], pageInfo: { hasNextPage: true } });
    expect(log.count("QueryCommand")).toBe(10);
  });

  it("15 aliases of it make one call each once the allowance is spent: 42 calls, not 150", async () => {
    const { api, log } = counted();
    const aliases = Array.from({ length: 15 }, (_, i) => `e${i}: ${FILTERED}`).join("\n");
    const response = await graphql(api, `query($seller: ID, $after: String) { ${aliases} }`, {
      key: w.partner,
      variables: { seller: w.sellerId },
    });
    expect(response.body.errors).toBeUndefined();
    expect(log.count("QueryCommand")).toBe(15 + REQUEST_EXTRA_QUERY_CALLS);
    for (let i = 0; i < 15; i++) {
      expect(response.body.data[`e${i}`]).toMatchObject({
        edges: [],
        pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
      });
    }
  });

  it("a page cut short by the allowance resumes where it stopped: followed, its cursors reach the end", async () => {
    const { api } = counted();
    const aliases = Array.from({ length: 15 }, (_, i) => `e${i}: ${FILTERED}`).join("\n");
    let after: string | null = null;
    let requests = 0;
    for (;;) {
      const response: { body: any } = await graphql(api, `query($seller: ID, $after: String) { ${aliases} }`, {
        key: w.partner,
        variables: { seller: w.sellerId, after },
      });
      expect(response.body.errors).toBeUndefined();
      requests += 1;
      // The last alias is the one the allowance is spent before: one call, ~50 events, a request.
      const page: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.body.data.e14;
      expect(page.edges).toEqual([]);
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).not.toBe(after);
      after = page.pageInfo.endCursor;
      expect(requests).toBeLessThan(EVENTS / 10);
    }
    expect(requests).toBeGreaterThan(1);
  });
});
