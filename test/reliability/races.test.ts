import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { racedApi } from "../support/interleave";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { buyerOpensCase, mutate, orderDue, world, type World } from "../support/world";

/**
 * 50 concurrent updates to one object, all carrying the version they read: each either lands
 * (version + 1) or is refused with VERSION_CONFLICT, and the final state is exactly the landed
 * writes applied in version order — no update is lost or applied twice.
 */
// 50 concurrent writers each: on a loaded 2-core CI machine that can take longer than the default
// 30 s test timeout (a timeout is not a target here; the benchmarks measure time).
describe("racing updates", { timeout: 120_000 }, () => {
  it(
    "50 concurrent messages on one case: every message lands or conflicts, and the timeline is the landed ones in " +
      "version order",
    async () => {
      const w = await world();
      const { caseId, version } = await buyerOpensCase(w);

      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          graphql(
            w.api,
            `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { version } ` +
              `userErrors { ` +
              `code } } }`,
            {
              key: w.key,
              variables: { input: { caseId, direction: "SELLER", body: `answer ${i}`, expectedVersion: version } },
            },
          ).then((r) => ({ i, payload: r.body.data.postCaseMessage })),
        ),
      );
      const landed = results.filter((r) => r.payload.userErrors.length === 0);
      const conflicts = results.filter((r) => r.payload.userErrors[0]?.code === "VERSION_CONFLICT");
      expect(landed.length + conflicts.length).toBe(50);
      expect(landed).toHaveLength(1); // all read the same version: exactly one can win
      expect(landed[0]!.payload.case.version).toBe(version + 1);

      const messages = (await scanTable(w.db, "Cases")).filter((i) => i.caseId === caseId && i.type === "MESSAGE");
      expect(messages.map((m) => m.body)).toEqual([`answer ${landed[0]!.i}`]);
      await checkInvariants(w.db);
    },
  );

  it(
    "50 concurrent updates that re-read before writing: every landed write is in the history in version order, " +
      "nothing lost",
    async () => {
      const w = await world();
      const { caseId, version } = await buyerOpensCase(w);

      // Each writer reads the current version, then writes with it — a lost-update check: the
      // history must hold exactly the landed writes, one per version.
      const history: { version: number; body: string }[] = [];
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const read = await graphql(w.api, `{ case(id: "${caseId}") { version } }`, { key: w.key });
          const expectedVersion = read.body.data.case.version;
          const body = `note ${i}`;
          const written = await graphql(
            w.api,
            `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { version } ` +
              `userErrors { ` +
              `code } } }`,
            {
              key: w.marketplace,
              variables: { input: { caseId, direction: "PLATFORM", body, expectedVersion } },
            },
          );
          const payload = written.body.data.postCaseMessage;
          if (payload.userErrors.length === 0) history.push({ version: payload.case.version, body });
          else expect(payload.userErrors[0].code).toBe("VERSION_CONFLICT");
        }),
      );
      expect(history.length).toBeGreaterThanOrEqual(1);
      history.sort((a, b) => a.version - b.version);
      // Versions are consecutive from the opened case: no two writes landed on the same version.
      expect(history.map((h) => h.version)).toEqual(history.map((_, i) => version + 1 + i));
      const events = (await scanTable(w.db, "Cases"))
        .filter((i) => i.caseId === caseId && i.type === "MESSAGE")
        .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)));
      expect(events.map((e) => e.body)).toEqual(history.map((h) => h.body));
      const final = await graphql(w.api, `{ case(id: "${caseId}") { version } }`, { key: w.key });
      expect(final.body.data.case.version).toBe(version + history.length);
      await checkInvariants(w.db);
    },
  );

  it(
    "50 concurrent changes to one order: expedite, incidents and " + "shipment land once each in version order",
    async () => {
      const w = await world();
      const order = await orderDue(w, 48);
      const history: { version: number; what: string }[] = [];
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const read = await graphql(w.api, `{ order(id: "${order.id}") { version } }`, { key: w.key });
          const expectedVersion = read.body.data.order.version;
          const [name, inputType, input] =
            i % 10 === 0
              ? (["expediteOrder", "ExpediteOrderInput", { orderId: order.id, expectedVersion }] as const)
              : ([
                  "recordShippingIncident",
                  "RecordShippingIncidentInput",
                  { orderId: order.id, cause: "HUMAN_ERROR", note: `incident ${i}`, expectedVersion },
                ] as const);
          const written = await graphql(
            w.api,
            `mutation($input: ${inputType}!) { ${name}(input: $input) { order { version } userErrors { code } } }`,
            { key: w.key, variables: { input } },
          );
          const payload = written.body.data[name];
          if (payload.userErrors.length === 0)
            history.push({
              version: payload.order.version,
              what: name === "expediteOrder" ? "expedite" : `incident ${i}`,
            });
          else
            expect(["VERSION_CONFLICT", "INVALID_TRANSITION", "INVALID_INPUT"]).toContain(payload.userErrors[0].code);
        }),
      );
      history.sort((a, b) => a.version - b.version);
      expect(history.map((h) => h.version)).toEqual(history.map((_, i) => 2 + i));
      const stored = (await scanTable(w.db, "Orders")).find((i) => i.id === order.id)!;
      expect(stored.version).toBe(1 + history.length);
      expect((stored.incidents as { note: string }[]).map((x) => x.note)).toEqual(
        history.filter((h) => h.what !== "expedite").map((h) => h.what),
      );
      expect(stored.expedited).toBe(history.some((h) => h.what === "expedite"));
      await checkInvariants(w.db);
    },
  );
});

/**
 * A case change also writes the case's order, under the order's version: an order changed at the same moment
 * fails that condition. The client's `expectedVersion` is the case's, and says nothing about the order.
 */
describe("a change with expectedVersion that also writes another object", () => {
  const RESOLVE =
    `mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { case { status version } userErrors { ` +
    `field code } } }`;

  /** An open case whose resolution closes it on its order too (its order, status and version). */
  async function refundedCase(w: World) {
    const { order, caseId } = await buyerOpensCase(w);
    const remedy = await mutate(
      w,
      w.key,
      "recordRemedy",
      "RecordRemedyInput",
      { caseId, kind: "FULL_REFUND" },
      "case { status version }",
    );
    return { order, caseId, status: remedy.case.status as string, version: remedy.case.version as number };
  }

  it("lands when the order changes between its read and its write: the race is decided again", async () => {
    const w = await world();
    const { order, caseId, version } = await refundedCase(w);
    const { api, ran } = racedApi(w, "Orders", () =>
      mutate(
        w,
        w.partner,
        "recordShippingIncident",
        "RecordShippingIncidentInput",
        { orderId: order.id, cause: "HUMAN_ERROR", note: "meanwhile" },
        "order { id }",
      ),
    );
    const input = { caseId, outcome: "REFUNDED", expectedVersion: version, idempotencyKey: `resolve-${caseId}` };
    const resolved = (await graphql(api, RESOLVE, { key: w.key, variables: { input } })).body.data.resolveCase;
    expect(ran()).toBe(true);
    expect(resolved).toEqual({ case: { status: "RESOLVED", version: version + 1 }, userErrors: [] });
    // Both changes are on the order: the incident, and the case no longer open on it.
    const stored = (await scanTable(w.db, "Orders")).find((i) => i.id === order.id)!;
    expect((stored.incidents as { note: string }[]).map((x) => x.note)).toEqual(["meanwhile"]);
    expect(stored.openCaseIds ?? []).not.toContain(caseId);
    await checkInvariants(w.db);
  });

  it("a version made stale by a change between its read and its write is still refused VERSION_CONFLICT", async () => {
    const w = await world();
    const { caseId, status, version } = await refundedCase(w);
    const { api, ran } = racedApi(w, "Cases", () =>
      mutate(
        w,
        w.marketplace,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "PLATFORM", body: "meanwhile" },
        "case { version }",
      ),
    );
    const input = { caseId, outcome: "REFUNDED", expectedVersion: version };
    const refused = (await graphql(api, RESOLVE, { key: w.key, variables: { input } })).body.data.resolveCase;
    expect(ran()).toBe(true);
    expect(refused).toEqual({
      case: null,
      userErrors: [{ field: ["input", "expectedVersion"], code: "VERSION_CONFLICT" }],
    });
    const now = await graphql(w.api, `{ case(id: "${caseId}") { status version } }`, { key: w.key });
    expect(now.body.data.case).toEqual({ status, version: version + 1 });
    await checkInvariants(w.db);
  });
});
