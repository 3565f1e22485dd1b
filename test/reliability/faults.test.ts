import { describe, expect, it } from "vitest";
import { configFromEnv } from "@seller-ops/api";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { createLateOrderJobHandler } from "@seller-ops/functions/src/jobs/late-orders";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { withFaults } from "../support/faults";
import { scheduledEvent } from "../support/events";
import { checkInvariants } from "../support/invariants";
import { world } from "../support/world";
import { HOUR } from "../support/clock";

/**
 * With 20% of DynamoDB calls failing underneath the SDK's retry policy (throttling, 500s, lost
 * answers after a write, transaction conflicts), every mutation ends in success or a clean error
 * — a userError, or a masked internal error with a request id — and afterwards every invariant
 * holds. A partner tool retrying with its idempotency key gets every effect exactly once.
 */
describe("faults underneath the SDK", () => {
  it.each([7, 1234])(
    "20 percent of calls failing, seed %i: only clean outcomes, retries with the same key succeed once, invariants " +
      "hold",
    async (seed) => {
      const w = await world();
      const faulty = withFaults(w.db, { rate: 0.2, seed });
      // Time passes as it would.
      const started = Date.now();
      const clock = () => new Date(w.now.getTime() + (Date.now() - started));
      const api = createGraphqlHandler({ db: faulty.db, clock, config: configFromEnv() });
      const outcomes: Record<string, number> = {};

      /** A partner tool's call: retried with the same idempotency key until it gets a definite answer. */
      const call = async (
        key: string,
        name: string,
        inputType: string,
        input: Record<string, unknown>,
        selection: string,
      ) => {
        const idempotencyKey = `fault-${ulid()}`;
        for (let attempt = 1; attempt <= 12; attempt++) {
          const response = await graphql(
            api,
            `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code } } }`,
            {
              key,
              variables: { input: { ...input, idempotencyKey } },
            },
          );
          const error = response.body.errors?.[0];
          if (error) {
            // The only top-level errors allowed: masked internal errors (and a failed key lookup, which is internal
            // too).
            expect(error.extensions?.code, JSON.stringify(response.body)).toBe("INTERNAL_SERVER_ERROR");
            expect(error.message).toMatch(/^Internal server error\. Reference: /);
            outcomes.internal = (outcomes.internal ?? 0) + 1;
            continue;
          }
          const payload = response.body.data[name];
          const code = payload.userErrors[0]?.code;
          if (code === "IDEMPOTENCY_IN_PROGRESS") {
            outcomes.inProgress = (outcomes.inProgress ?? 0) + 1;
            await new Promise((r) => setTimeout(r, 300));
            continue;
          }
          outcomes[code ?? "ok"] = (outcomes[code ?? "ok"] ?? 0) + 1;
          return payload;
        }
        throw new Error(`${name}: no definite answer after 12 attempts`);
      };

      const orderIds: string[] = [];
      for (let i = 0; i < 12; i++) {
        const created = await call(
          w.key,
          "createOrder",
          "CreateOrderInput",
          {
            marketplaceOrderId: `AE-F-${i}`,
            items: [{ sku: "S", title: "T", quantity: 1 }],
            buyerTotal: { amountMinor: 4000, currency: "USD" },
            settlementAmount: { amountMinor: 26000, currency: "CNY" },
            buyerCountry: "US",
            placedAt: new Date(w.now.getTime() - 72 * HOUR).toISOString(),
            shipBy: new Date(w.now.getTime() + (i % 3 === 0 ? -5 : 30) * HOUR).toISOString(),
          },
          "order { id }",
        );
        expect(created.userErrors).toEqual([]);
        orderIds.push(created.order.id);
      }
      // The job too runs on the faulty client; a failed run is retried by Lambda, so run it until clean.
      const job = createLateOrderJobHandler({ db: faulty.db, clock: () => w.now });
      for (let run = 0; run < 6; run++) {
        try {
          await job(scheduledEvent(), { awsRequestId: ulid(), getRemainingTimeInMillis: () => 600_000 });
          break;
        } catch {
          outcomes.jobRetry = (outcomes.jobRetry ?? 0) + 1;
        }
      }
      for (const [i, orderId] of orderIds.entries()) {
        if (i % 4 === 1)
          await call(
            w.key,
            "markOrderShipped",
            "MarkOrderShippedInput",
            { orderId, carrier: "DHL", trackingNumber: `JD0000${i}00` },
            "order { id }",
          );
        if (i % 4 === 2) {
          const opened = await call(
            w.marketplace,
            "openCase",
            "OpenCaseInput",
            { orderId, reason: "QUALITY_ISSUE", source: "BUYER", claimText: "Poor." },
            "case { id }",
          );
          const caseId = opened.case.id;
          await call(
            w.key,
            "postCaseMessage",
            "PostCaseMessageInput",
            { caseId, direction: "SELLER", body: "Sorry!" },
            "case { id }",
          );
          await call(
            w.key,
            "recordRemedy",
            "RecordRemedyInput",
            { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 1500, currency: "USD" } },
            "case { id }",
          );
          const offered = await call(
            w.key,
            "makeCompensationOffer",
            "MakeCompensationOfferInput",
            {
              caseId,
              kind: "PARTIAL_REFUND",
              amount: { amountMinor: 2000, currency: "USD" },
              expiresAt: new Date(w.now.getTime() + 48 * HOUR).toISOString(),
            },
            "case { pendingOffer { id } }",
          );
          await call(
            w.marketplace,
            "respondToCompensationOffer",
            "RespondToCompensationOfferInput",
            { caseId, offerId: offered.case.pendingOffer.id, accept: true },
            "case { id }",
          );
          // Above what is left: refused by policy, whatever the faults.
          const over = await call(
            w.key,
            "recordRemedy",
            "RecordRemedyInput",
            { caseId, kind: "PARTIAL_REFUND", amount: { amountMinor: 1000, currency: "USD" } },
            "case { id }",
          );
          expect(over.userErrors[0]?.code).toBe("INVALID_TRANSITION");
        }
      }

      expect(faulty.log.calls).toBeGreaterThan(100);
      expect(Object.values(faulty.log.injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
      const counted = await checkInvariants(w.db);
      expect(counted.orders).toBe(12);
      // Every late order was flagged once and got its one case.
      expect(counted.cases).toBe(4 + 3);
      console.info(
        `faults injected ${JSON.stringify(faulty.log.injected)} over ${faulty.log.calls} calls; outcomes ` +
          `${JSON.stringify(outcomes)}`,
      );
    },
    120_000,
  );
});
