import { describe, expect, it } from "vitest";
import { WORK_MARGIN_MS } from "@seller-ops/api/src/context";
import { graphql } from "../support/api";
import { racedApiTimes } from "../support/interleave";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { buyerOpensCase, mutate, world } from "../support/world";

/**
 * A client that sends no `expectedVersion` asked for no version check: the server re-reads and
 * decides again when another writer got there first, and an answer caused by such a race is
 * never kept as the idempotent answer of its key.
 */
const POST =
  `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { version } userErrors { code ` +
  `message } } }`;

describe("writers that send no version", () => {
  it("10 concurrent messages with their own keys all land; blind retries of each key write nothing more", async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    const input = (i: number) => ({
      caseId,
      direction: "SELLER",
      body: `answer ${i}`,
      idempotencyKey: `blind-${caseId}-${i}`,
    });

    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) => graphql(w.api, POST, { key: w.key, variables: { input: input(i) } })),
    );
    const answers = first.map((r) => r.body.data.postCaseMessage);
    expect(answers.map((a) => a.userErrors)).toEqual(Array.from({ length: 10 }, () => []));
    // Every writer landed on its own version: 10 distinct versions after the opened one.
    expect(answers.map((a) => a.case.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => version + 1 + i),
    );

    const messages = (await scanTable(w.db, "Cases")).filter((i) => i.caseId === caseId && i.type === "MESSAGE");
    expect(messages.map((m) => m.body).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `answer ${i}`).sort());

    const retried = await Promise.all(
      Array.from({ length: 10 }, (_, i) => graphql(w.api, POST, { key: w.key, variables: { input: input(i) } })),
    );
    // Each replay answers no error and the case as it is now, with all 10 messages (not the version its message made).
    expect(retried.map((r) => r.body.data.postCaseMessage)).toEqual(
      Array.from({ length: 10 }, () => ({ case: { version: version + 10 }, userErrors: [] })),
    );
    const after = (await scanTable(w.db, "Cases")).filter((i) => i.caseId === caseId && i.type === "MESSAGE");
    expect(after).toHaveLength(10);
    await checkInvariants(w.db);
  });

  it("50 concurrent writers without a version all land, one version each, and the timeline holds all 50", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        graphql(w.api, POST, {
          key: w.marketplace,
          variables: { input: { caseId, direction: "PLATFORM", body: `note ${i}` } },
        }).then((r) => r.body.data.postCaseMessage),
      ),
    );
    expect(results.filter((r) => r.userErrors.length > 0)).toEqual([]);
    const versions = results.map((r) => r.case.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => version + 1 + i));

    // The final state is the landed writes replayed in version order: each version's event is its message.
    const events = (await scanTable(w.db, "Cases"))
      .filter((i) => i.caseId === caseId && i.type === "MESSAGE")
      .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)));
    expect(events).toHaveLength(50);
    expect(new Set(events.map((e) => e.body)).size).toBe(50);
    await checkInvariants(w.db);
  });

  it(
    "a writer that sends a stale version still gets " + "VERSION_CONFLICT, and that is not a race retried for it",
    async () => {
      const w = await world();
      const { caseId, version } = await buyerOpensCase(w);
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "first" },
        "case { version }",
      );
      const stale = await graphql(w.api, POST, {
        key: w.key,
        variables: { input: { caseId, direction: "SELLER", body: "second", expectedVersion: version } },
      });
      expect(stale.body.data.postCaseMessage.userErrors.map((e: { code: string }) => e.code)).toEqual([
        "VERSION_CONFLICT",
      ]);
    },
  );

  it("a writer without a version that loses 55 races in a row still lands: 50 writers may take 50 rounds", {
    timeout: 60_000,
  }, async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    let noted = 0;
    const raced = racedApiTimes(w, "Cases", 55, () =>
      graphql(w.api, POST, {
        key: w.marketplace,
        variables: { input: { caseId, direction: "PLATFORM", body: `meanwhile ${noted++}` } },
      }),
    );
    const answer = await graphql(raced.api, POST, {
      key: w.key,
      variables: { input: { caseId, direction: "SELLER", body: "the seller's answer" } },
    });
    expect(answer.body.data.postCaseMessage).toEqual({ case: { version: version + 56 }, userErrors: [] });
    expect(raced.changes()).toBe(55);
    const bodies = (await scanTable(w.db, "Cases")).filter((i) => i.caseId === caseId && i.type === "MESSAGE");
    expect(bodies).toHaveLength(56);
    await checkInvariants(w.db);
  });

  it("writers that keep losing stop deciding again once the invocation's time runs short: VERSION_CONFLICT", {
    timeout: 60_000,
  }, async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    // Another writer lands before each of its writes, a second after its reads (a slow round, as under load).
    let noted = 0;
    const raced = racedApiTimes(w, "Cases", 1_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return graphql(w.api, POST, {
        key: w.marketplace,
        variables: { input: { caseId, direction: "PLATFORM", body: `meanwhile ${noted++}` } },
      });
    });
    // Two mutation fields in one document: GraphQL runs them one after the other, in the same invocation.
    const TWO = `mutation($a: PostCaseMessageInput!, $b: PostCaseMessageInput!) {
      a: postCaseMessage(input: $a) { case { version } userErrors { code } }
      b: postCaseMessage(input: $b) { case { version } userErrors { code } } }`;
    const input = (part: string) => ({
      caseId,
      direction: "SELLER",
      body: `answer ${part}`,
      idempotencyKey: `${part}-${caseId}`,
    });
    // A function of 20 s: new work stops 10 s in.
    const invocationMs = 20_000;
    const started = performance.now();
    const lost = await graphql(raced.api, TWO, {
      key: w.key,
      variables: { a: input("slow-a"), b: input("slow-b") },
      invocationMs,
    });
    const tookMs = performance.now() - started;
    for (const field of ["a", "b"]) {
      expect(lost.body.data[field].userErrors.map((e: { code: string }) => e.code)).toEqual(["VERSION_CONFLICT"]);
    }
    // It decided again until the time ran short, then began nothing more: answered before the invocation's end.
    expect(tookMs).toBeGreaterThanOrEqual(invocationMs - WORK_MARGIN_MS);
    expect(tookMs).toBeLessThan(invocationMs);
    expect(raced.changes()).toBeLessThan(15);
    // Kept for no key: the same key, once the other writer stops, decides again and lands.
    const retried = await graphql(w.api, POST, { key: w.key, variables: { input: input("slow-a") } });
    expect(retried.body.data.postCaseMessage).toEqual({
      case: { version: version + raced.changes() + 1 },
      userErrors: [],
    });
    await checkInvariants(w.db);
  });
});
