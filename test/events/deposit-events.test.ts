import { Events, Webhooks } from "@seller-ops/core";
import { EventsRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * Deposits are between the seller and the platform's operators: a marketplace key may not read them
 * (test/api/deposits.test.ts), and its events feed leaves their events out, whatever it asks for. So with the
 * seller's webhook endpoints, which `webhookEndpoints` refuses a marketplace key (test/webhooks/endpoints-api.test.ts).
 */
const EVENTS = `query($sellerId: ID, $filter: EventFilter) {
  events(sellerId: $sellerId, filter: $filter, first: 50) { edges { node { type } } }
}`;

/** The event the dispatcher records when it switches one of the seller's endpoints off (as dispatch.ts does). */
function endpointSwitchedOff(w: World, eventId: string): Events.EventRecord {
  const at = w.now.toISOString();
  return Events.record({
    draft: Webhooks.endpointDisabledDraft({
      endpoint: {
        endpointId: `whe_${ulid()}`,
        scope: w.sellerId,
        sellerId: w.sellerId,
        url: "https://erp.example.com/hooks",
        eventTypes: [],
        status: "DISABLED",
        disabledReason: "REPEATED_FAILURES",
        disabledBy: "SYSTEM",
        ownerKeyId: "key_erp",
        secrets: [{ sealed: "sealed", createdAt: at, expiresAt: null }],
        version: 2,
        createdAt: at,
        updatedAt: at,
      },
    }),
    eventId,
    occurredAt: at,
    actorKeyId: Events.jobActor("webhook-dispatch"),
  });
}

describe("the events feed of a marketplace key", () => {
  it("leaves out the seller's deposit events, and refuses a request for them alone", async () => {
    const w = await world();
    const recorded = await mutate(
      w,
      w.operator,
      "recordDeposit",
      "RecordDepositInput",
      {
        sellerId: w.sellerId,
        kind: "UNLIMITED",
        amount: { amountMinor: 2_000_000, currency: "CNY" },
        paidAt: new Date(w.now.getTime() - 86_400_000).toISOString(),
        sustainedRule: { minMonthlySales: { amountMinor: 5_000_000, currency: "CNY" }, months: 3 },
      },
      "deposit { id }",
    );
    expect(recorded.userErrors).toEqual([]);
    await buyerOpensCase(w);
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const typesSeenBy = async (key: string, filter?: Record<string, unknown>) => {
      const response = await graphql(w.api, EVENTS, { key, variables: { sellerId: w.sellerId, filter } });
      return response;
    };
    const typesOf = (response: Awaited<ReturnType<typeof typesSeenBy>>) =>
      response.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type);

    expect(typesOf(await typesSeenBy(w.key))).toEqual(expect.arrayContaining(["DEPOSIT_RECORDED", "CASE_OPENED"]));
    const relayed = typesOf(await typesSeenBy(w.marketplace));
    expect(relayed).toContain("CASE_OPENED");
    expect(relayed).not.toContain("DEPOSIT_RECORDED");
    const mixed = typesOf(await typesSeenBy(w.marketplace, { types: ["DEPOSIT_RECORDED", "CASE_OPENED"] }));
    expect(mixed).toEqual(["CASE_OPENED"]);
    // What is left out is left out of the query, not of the cursor: a cursor of the same list and filter (one a
    // catch-up loop kept from before deposit events were left out) still reads on.
    const pageOfOne = `query($sellerId: ID, $after: String) {
      events(sellerId: $sellerId, first: 1, after: $after) { edges { node { type } } pageInfo { endCursor } } }`;
    const sellersFirst = await graphql(w.api, pageOfOne, { key: w.key, variables: { sellerId: w.sellerId } });
    const onward = await graphql(w.api, pageOfOne, {
      key: w.marketplace,
      variables: { sellerId: w.sellerId, after: sellersFirst.body.data.events.pageInfo.endCursor },
    });
    expect(onward.body.errors).toBeUndefined();
    const depositsOnly = await typesSeenBy(w.marketplace, { types: ["DEPOSIT_RECORDED"] });
    expect(depositsOnly.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(depositsOnly.body.data?.events ?? null).toBeNull();
  });

  it("leaves out the seller's webhook endpoint events, and refuses a request for them alone", async () => {
    const w = await world();
    await buyerOpensCase(w);
    // The dispatcher switched one of the seller's endpoints off (as dispatch.ts records it).
    const switchedOff = endpointSwitchedOff(w, ulid(w.now.getTime()));
    expect((await transactWrite(w.db.doc, [EventsRepo.put(w.db, switchedOff)])).ok).toBe(true);
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const seenBy = (key: string, filter?: Record<string, unknown>) =>
      graphql(w.api, EVENTS, { key, variables: { sellerId: w.sellerId, filter } });
    const typesOf = (response: Awaited<ReturnType<typeof seenBy>>) =>
      response.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type);

    expect(typesOf(await seenBy(w.key))).toEqual(expect.arrayContaining(["WEBHOOK_ENDPOINT_DISABLED", "CASE_OPENED"]));
    const relayed = typesOf(await seenBy(w.marketplace));
    expect(relayed).toContain("CASE_OPENED");
    expect(relayed).not.toContain("WEBHOOK_ENDPOINT_DISABLED");
    const mixed = await seenBy(w.marketplace, { types: ["WEBHOOK_ENDPOINT_DISABLED", "CASE_OPENED"] });
    expect(typesOf(mixed)).toEqual(["CASE_OPENED"]);
    // Left out of the query, not of the cursor: a cursor the seller's own read of the same list handed out reads on.
    const pageOfOne = `query($sellerId: ID, $after: String) {
      events(sellerId: $sellerId, first: 1, after: $after) { edges { node { type } } pageInfo { endCursor } } }`;
    const sellersFirst = await graphql(w.api, pageOfOne, { key: w.key, variables: { sellerId: w.sellerId } });
    const onward = await graphql(w.api, pageOfOne, {
      key: w.marketplace,
      variables: { sellerId: w.sellerId, after: sellersFirst.body.data.events.pageInfo.endCursor },
    });
    expect(onward.body.errors).toBeUndefined();
    for (const types of [["WEBHOOK_ENDPOINT_DISABLED"], ["WEBHOOK_ENDPOINT_DISABLED", "DEPOSIT_RECORDED"]]) {
      const alone = await seenBy(w.marketplace, { types });
      expect(alone.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(alone.body.data?.events ?? null).toBeNull();
    }
  });

  it("fails the page on an event of a type only a newer release knows, as for others: none passed over", async () => {
    const w = await world();
    await buyerOpensCase(w);
    // A newer release recorded an event of a type this one does not know (its deploy, then a rollback).
    const recorded = endpointSwitchedOff(w, ulid(w.now.getTime() + 1));
    const item = { ...EventsRepo.put(w.db, recorded).Put!.Item!, type: "ORDER_RELISTED" };
    expect((await transactWrite(w.db.doc, [{ Put: { TableName: w.db.tables.Events, Item: item } }])).ok).toBe(true);
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const seenBy = (key: string, filter?: Record<string, unknown>) =>
      graphql(w.api, EVENTS, { key, variables: { sellerId: w.sellerId, filter } });

    for (const key of [w.key, w.marketplace]) {
      const everything = await seenBy(key);
      expect(everything.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(everything.body.data?.events ?? null).toBeNull();
    }
    // A reader that asks for types by name is not held up by one it did not ask for.
    const asked = await seenBy(w.marketplace, { types: ["CASE_OPENED"] });
    expect(asked.body.errors).toBeUndefined();
    expect(asked.body.data.events.edges.map((e: { node: { type: string } }) => e.node.type)).toContain("CASE_OPENED");
  });
});
