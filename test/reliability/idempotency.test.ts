import { describe, expect, it } from "vitest";
import { configFromEnv } from "@seller-ops/api";
import { itemSizeBytes, storedPayloadOf } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { HOUR } from "../support/clock";

/**
 * The idempotency window, step by step on the world's clock: an attempt that dies holding its key
 * leaves neither its effect nor a payload (they are written in one transaction), blocks retries
 * only until its lease ends, and is then taken over by exactly one retry; a key is remembered for
 * 24 hours and is a new request after that.
 */

const CREATE =
  `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id marketplaceOrderId } userErrors { ` +
  `field code message } } }`;
const VIOLATION =
  `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { violation { id note } userErrors { ` +
  `field code message } } }`;

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

describe("the idempotency window", () => {
  it(
    "an attempt that dies holding its key leaves nothing behind, blocks retries until its lease ends, then one " +
      "retry takes over",
    async () => {
      const w = await world();
      const rules = configFromEnv().idempotency;
      const config = (waitMs: number) => ({ ...configFromEnv(), idempotency: { ...rules, waitMs } });
      const input = { ...orderInput(w, "AE-CRASH-1"), idempotencyKey: "crash-test-0001" };

      // The process dies right after taking the key: the in-progress record is its one write; the
      // effect's transaction, and the release after the error, never reach DynamoDB.
      const dying = instrumented(w.db, { failWritesAfter: 1 });
      const crashed = await graphql(
        createGraphqlHandler({ db: dying.db, clock: () => w.now, config: config(200) }),
        CREATE,
        { key: w.key, variables: { input } },
      );
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await orders(w)).toBe(0);
      const [held] = await records(w);
      expect(held).toMatchObject({ status: "IN_PROGRESS" });
      expect(held!.payload).toBeUndefined(); // the payload is written only with the effect

      // Within the lease, a retry is told to wait: it does not run the effect a second time.
      const early = await graphql(createGraphqlHandler({ db: w.db, clock: () => w.now, config: config(200) }), CREATE, {
        key: w.key,
        variables: { input },
      });
      expect(early.body.data.createOrder.userErrors).toEqual([
        expect.objectContaining({ code: "IDEMPOTENCY_IN_PROGRESS", field: ["input", "idempotencyKey"] }),
      ]);
      expect(await orders(w)).toBe(0);

      // Once the lease has run out, 20 concurrent retries: one takes the key over, all get its answer.
      advance(w, rules.leaseMs + 1_000);
      const api = createGraphqlHandler({ db: w.db, clock: () => w.now, config: config(rules.waitMs) });
      const retries = await Promise.all(
        Array.from({ length: 20 }, () => graphql(api, CREATE, { key: w.key, variables: { input } })),
      );
      const payloads = retries.map((r) => JSON.stringify(r.body.data.createOrder));
      expect(new Set(payloads).size, payloads[0]).toBe(1);
      expect(retries[0]!.body.data.createOrder.userErrors).toEqual([]);
      expect(await orders(w)).toBe(1);
      const completed = await records(w);
      expect(completed).toEqual([expect.objectContaining({ status: "COMPLETED" })]);
      // The answer is kept compressed, so the record (written inside the transaction, where every
      // started KB is charged twice) stays within one KB; the lock's token is gone with the lock.
      expect(completed[0]!.payloadZ).toBeInstanceOf(Uint8Array);
      expect(completed[0]!.lockToken).toBeUndefined();
      expect(itemSizeBytes(completed[0]!)).toBeLessThanOrEqual(1024);
      expect(storedPayloadOf(completed[0]!)).toMatchObject({
        userErrors: [],
        order: { id: retries[0]!.body.data.createOrder.order.id },
      });

      // The same key with another input is still refused.
      const reused = await graphql(api, CREATE, {
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
      const after = await send();
      expect(after.body.data.recordViolation.userErrors).toEqual([]);
      expect(after.body.data.recordViolation.violation.id).not.toBe(first.body.data.recordViolation.violation.id);
      expect(await violations()).toBe(2);
      await checkInvariants(w.db);
    },
  );
});
