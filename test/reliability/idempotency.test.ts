import { describe, expect, it } from "vitest";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, itemSizeBytes, storedPayloadOf, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { buyerOpensCase, world, type World } from "../support/world";
import { HOUR } from "../support/clock";

/**
 * The idempotency window, step by step on the world's clock: nothing is written for a key before
 * its effect, so an attempt that dies before its transaction leaves nothing (not even a record)
 * and blocks no retry; one whose answer is lost after the transaction landed is replayed; a key
 * is remembered for 24 hours and is a new request after that.
 */

const CREATE =
  `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id marketplaceOrderId } userErrors { ` +
  `field code message } } }`;
const VIOLATION =
  `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { violation { id note } userErrors { ` +
  `field code message } } }`;

const VOID = `mutation($input: VoidViolationInput!) { voidViolation(input: $input) { userErrors { field code } } }`;

const orderInput = (w: World, marketplaceOrderId: string) => ({
  marketplaceOrderId,
  items: [{ sku: "SKU-I", title: "Idempotency item", quantity: 1 }],
  buyerTotal: { amountMinor: 4000, currency: "USD" },
  settlementAmount: { amountMinor: 26000, currency: "CNY" },
  buyerCountry: "US",
  placedAt: new Date(w.now.getTime() - 24 * HOUR).toISOString(),
  handlingDays: 3,
});

const orders = async (w: World) => (await scanTable(w.db, "Orders")).filter((i) => i.sk === "ORDER").length;
const records = (w: World) => scanTable(w.db, "Idempotency");
const advance = (w: World, ms: number) => (w.now = new Date(w.now.getTime() + ms));

/** A client whose first TransactWriteItems lands and then fails, as when the answer is lost on the way back. */
function losingFirstAnswer(db: Db): Db {
  const doc = createDocumentClient();
  let lost = false;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "TransactWriteItemsCommand" && !lost) {
        lost = true;
        throw Object.assign(new Error("injected: the answer was lost after the write"), { name: "TimeoutError" });
      }
      return result;
    },
    { step: "initialize", name: "loseFirstAnswer" },
  );
  return { doc, tables: db.tables };
}

describe("the idempotency window", () => {
  it(
    "an attempt that dies before its transaction leaves no effect and no record, and a retry runs at once: 20 " +
      "concurrent retries make one effect and one answer",
    async () => {
      const w = await world();
      const input = { ...orderInput(w, "AE-CRASH-1"), idempotencyKey: "crash-test-0001" };

      // The process dies at its first write, the effect's transaction: nothing reaches DynamoDB.
      const dying = instrumented(w.db, { failWritesAfter: 0 });
      const crashed = await graphql(createGraphqlHandler({ db: dying.db, clock: () => w.now }), CREATE, {
        key: w.key,
        variables: { input },
      });
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(dying.log.count("TransactWriteItemsCommand")).toBe(1);
      expect(await orders(w)).toBe(0);
      expect(await records(w)).toEqual([]); // no lock was taken: nothing holds the key

      // At the same instant, 20 concurrent retries: one transaction lands, the others answer its record.
      const retries = await Promise.all(
        Array.from({ length: 20 }, () => graphql(w.api, CREATE, { key: w.key, variables: { input } })),
      );
      const payloads = retries.map((r) => JSON.stringify(r.body.data.createOrder));
      expect(new Set(payloads).size, payloads[0]).toBe(1);
      expect(retries[0]!.body.data.createOrder.userErrors).toEqual([]);
      expect(await orders(w)).toBe(1);
      const completed = await records(w);
      expect(completed).toEqual([expect.objectContaining({ status: "COMPLETED" })]);
      // The answer is kept compressed, so the record (written inside the transaction, where every
      // started KB is charged twice) stays within one KB; no lock's token or lease was ever written.
      expect(completed[0]!.payloadZ).toBeInstanceOf(Uint8Array);
      expect(completed[0]!.lockToken).toBeUndefined();
      expect(completed[0]!.lockedUntil).toBeUndefined();
      expect(itemSizeBytes(completed[0]!)).toBeLessThanOrEqual(1024);
      expect(storedPayloadOf(completed[0]!)).toMatchObject({
        userErrors: [],
        order: { id: retries[0]!.body.data.createOrder.order.id },
      });

      // The same key with another input is still refused.
      const reused = await graphql(w.api, CREATE, {
        key: w.key,
        variables: { input: { ...input, marketplaceOrderId: "AE-CRASH-2" } },
      });
      expect(reused.body.data.createOrder.userErrors).toEqual([
        expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED" }),
      ]);
      expect(await orders(w)).toBe(1);
      await checkInvariants(w.db);
    },
  );

  it("an answer lost after the transaction landed: the retry with the key replays it, no second effect", async () => {
    const w = await world();
    const input = { ...orderInput(w, "AE-LOST-1"), idempotencyKey: "lost-answer-0001" };
    const losing = createGraphqlHandler({ db: losingFirstAnswer(w.db), clock: () => w.now });
    const lost = await graphql(losing, CREATE, { key: w.key, variables: { input } });
    expect(lost.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(await orders(w)).toBe(1);

    const retried = await graphql(w.api, CREATE, { key: w.key, variables: { input } });
    expect(retried.body.data.createOrder.userErrors).toEqual([]);
    const [order] = (await scanTable(w.db, "Orders")).filter((i) => i.sk === "ORDER");
    expect(retried.body.data.createOrder.order.id).toBe(order!.id);
    expect(await orders(w)).toBe(1);
    await checkInvariants(w.db);
  });

  it("retries of one key with expectedVersion: one lands, the others answer its record, not a conflict", async () => {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    const input = { caseId, direction: "SELLER", body: "On its way.", expectedVersion: version };
    const send = () =>
      graphql(
        w.api,
        `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { version } userErrors { ` +
          `code } } }`,
        { key: w.key, variables: { input: { ...input, idempotencyKey: "versioned-retry-0001" } } },
      );
    // The losers' transactions fail on the case's version as well as on the record: the record decides.
    const answers = (await Promise.all(Array.from({ length: 10 }, send))).map((r) => r.body.data.postCaseMessage);
    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ case: { version: version + 1 }, userErrors: [] })));
    const messages = (await scanTable(w.db, "Cases")).filter((i) => i.caseId === caseId && i.type === "MESSAGE");
    expect(messages).toHaveLength(1);
    await checkInvariants(w.db);
  });

  it(
    "a key held by an attempt of the previous release (an in-progress record) answers IDEMPOTENCY_IN_PROGRESS " +
      "until its lease ends, then the next attempt takes it over once",
    async () => {
      const w = await world();
      const input = {
        sellerId: w.sellerId,
        kind: "OTHER",
        severity: "MINOR",
        occurredAt: new Date(w.now.getTime() - HOUR).toISOString(),
        note: "Held by the previous release.",
      };
      const send = (idempotencyKey: string) =>
        graphql(w.api, VIOLATION, { key: w.operator, variables: { input: { ...input, idempotencyKey } } });
      const violations = async () => (await scanTable(w.db, "Deposits")).filter((i) => i.entity === "VIOLATION").length;

      // The same input under another key, for its record's request hash and principal.
      const probed = await send("legacy-probe-0001");
      expect(probed.body.data.recordViolation.userErrors).toEqual([]);
      const [probe] = await records(w);
      // The probe's violation is voided, so the same violation may be recorded again (else DUPLICATE_VIOLATION).
      const voided = await graphql(w.api, VOID, {
        key: w.operator,
        variables: {
          input: { sellerId: w.sellerId, violationId: probed.body.data.recordViolation.violation.id, reason: "Probe." },
        },
      });
      expect(voided.body.data.voidViolation.userErrors).toEqual([]);
      // What the previous release wrote before its effect: a 30 s lock on the key, shape 2.
      const expiresAt = new Date(w.now.getTime() + 24 * HOUR).toISOString();
      await w.db.doc.send(
        new PutCommand({
          TableName: w.db.tables.Idempotency,
          Item: {
            pk: String(probe!.pk).replace("legacy-probe-0001", "legacy-lock-0001"),
            status: "IN_PROGRESS",
            requestHash: probe!.requestHash,
            lockToken: "the-old-attempts-token",
            lockedUntil: new Date(w.now.getTime() + 30_000).toISOString(),
            createdAt: w.now.toISOString(),
            expiresAt,
            expiresAtEpoch: Math.ceil(Date.parse(expiresAt) / 1000),
            shape: 2,
          },
        }),
      );

      const held = await send("legacy-lock-0001");
      expect(held.body.data.recordViolation.userErrors).toEqual([
        expect.objectContaining({ code: "IDEMPOTENCY_IN_PROGRESS", field: ["input", "idempotencyKey"] }),
      ]);
      expect(await violations()).toBe(1);

      // The old attempt died: once its lease is over, 10 concurrent retries make one effect.
      advance(w, 31_000);
      const retries = await Promise.all(Array.from({ length: 10 }, () => send("legacy-lock-0001")));
      const payloads = retries.map((r) => JSON.stringify(r.body.data.recordViolation));
      expect(new Set(payloads).size, payloads[0]).toBe(1);
      expect(retries[0]!.body.data.recordViolation.userErrors).toEqual([]);
      expect(await violations()).toBe(2);
      const taken = (await records(w)).find((r) => String(r.pk).endsWith("legacy-lock-0001"));
      expect(taken).toMatchObject({ status: "COMPLETED" });
      expect(taken!.lockToken).toBeUndefined();
      await checkInvariants(w.db);
    },
  );

  it(
    "a key is remembered for 24 hours: a retry just inside the " + "window replays, one after it is a new request",
    async () => {
      const w = await world();
      const input = {
        sellerId: w.sellerId,
        kind: "OTHER",
        severity: "MINOR",
        occurredAt: new Date(w.now.getTime() - HOUR).toISOString(),
        note: "Slow answers.",
        idempotencyKey: "window-test-0001",
      };
      const send = () => graphql(w.api, VIOLATION, { key: w.operator, variables: { input } });
      const violations = async () => (await scanTable(w.db, "Deposits")).filter((i) => i.entity === "VIOLATION").length;

      const first = await send();
      expect(first.body.data.recordViolation.userErrors).toEqual([]);
      advance(w, 24 * HOUR - 60_000);
      const inside = await send();
      expect(inside.body.data).toEqual(first.body.data);
      expect(await violations()).toBe(1);

      advance(w, 2 * 60_000);
      // A new request, decided again: the violation is recorded already, so it is refused and names the first.
      const after = await send();
      expect(after.body.data.recordViolation.userErrors).toEqual([
        expect.objectContaining({ code: "DUPLICATE_VIOLATION", field: ["input", "occurredAt"] }),
      ]);
      expect(after.body.data.recordViolation.userErrors[0].message).toContain(
        first.body.data.recordViolation.violation.id,
      );
      expect(await violations()).toBe(1);
      await checkInvariants(w.db);
    },
  );

  it("a key is 8 to 128 letters, digits and . _ : - (as the schema says): one userError for a bad one", async () => {
    const w = await world();
    const before = await orders(w);
    const refused = {
      "": "An idempotency key has at least 8 characters.",
      short: "An idempotency key has at least 8 characters.",
      ["k".repeat(129)]: "An idempotency key is at most 128 characters.",
      "job 0001/retry": "An idempotency key has letters, digits and . _ : - only.",
    };
    for (const [idempotencyKey, message] of Object.entries(refused)) {
      const input = { ...orderInput(w, `AE-KEY-${idempotencyKey.length}`), idempotencyKey };
      const response = await graphql(w.api, CREATE, { key: w.key, variables: { input } });
      expect(response.body.data.createOrder.userErrors, JSON.stringify(idempotencyKey)).toEqual([
        { field: ["input", "idempotencyKey"], code: "INVALID_INPUT", message },
      ]);
    }
    expect(await orders(w)).toBe(before);
    for (const idempotencyKey of ["01J9Z3K4M5N6P7Q8R9S0T1V2W3", "erp:job.2026-11-26_0001", "k".repeat(128)]) {
      const input = { ...orderInput(w, `AE-KEY-OK-${idempotencyKey.length}`), idempotencyKey };
      const response = await graphql(w.api, CREATE, { key: w.key, variables: { input } });
      expect(response.body.data.createOrder.userErrors, idempotencyKey).toEqual([]);
    }
  });
});
