import { execFileSync } from "node:child_process";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY, HOUR, testEpoch } from "../support/clock";
import { fixturePlacedAt, orderInput } from "../support/fixtures";
import { realNow } from "../support/shifted-clock.cjs";
import { takeTtlViolations } from "../support/ttl-guard";
import { world } from "../support/world";

/**
 * The suite passes on any date: test clocks start from the real date (test/support/clock.ts), and
 * a write whose TTL is already in the real past fails the test at once (test/support/ttl-guard.ts)
 * instead of making DynamoDB Local delete records mid-test a day later.
 */
describe("tests on any date", () => {
  it("a world's clock starts today at 12:00 UTC, so its idempotency records expire in the real future", async () => {
    const w = await world();
    // At most 12 h ahead of the real now; behind it by at most 12 h plus the run's length so far (well under a day).
    expect(w.now.getTime() - Date.now()).toBeLessThanOrEqual(DAY / 2 + 60_000);
    expect(Date.now() - w.now.getTime()).toBeLessThan(DAY);
    expect(w.now.toISOString()).toMatch(/T12:00:00\.000Z$/);
  });

  it("the process clock and a Node process a test starts read the epoch's day (TEST_EPOCH on any day)", () => {
    // Exported handlers and the tools read the process clock, not a world's: on another day than today it is moved
    // there (test/support/shifted-clock.cjs), or fixtures of the epoch's day lie in their future and are refused.
    const child = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(Date.now()))"]).toString());
    for (const now of [Date.now(), child]) {
      expect(Math.abs(now - testEpoch().getTime()), new Date(now).toISOString()).toBeLessThan(DAY / 2 + HOUR * 2);
    }
  });

  it("the epoch's day is read once for the whole run, so a run crossing midnight UTC keeps one day", () => {
    // Every worker gets the day the run started on; without it, a world made at 23:59 and a fixture made at
    // 00:01 would be a day apart and the fixture's placedAt would lie in the world's future.
    expect(process.env.TEST_EPOCH).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(testEpoch().toISOString()).toBe(`${process.env.TEST_EPOCH}T12:00:00.000Z`);
  });

  it("the order fixture's placedAt is in the past of every clock a handler reads, at any time of day", () => {
    // The real now lies anywhere within 12 h of the test epoch, whatever the hour the suite runs at.
    const placedAt = Date.parse(fixturePlacedAt());
    for (const clock of [testEpoch().getTime(), testEpoch().getTime() - DAY / 2, testEpoch().getTime() + DAY / 2])
      expect(placedAt, new Date(clock).toISOString()).toBeLessThan(clock);
    expect(Date.parse(orderInput().placedAt as string)).toBe(placedAt);
  });

  it("the guard refuses a write whose TTL is in the real past, whatever the injected clock says", async () => {
    const w = await world();
    const write = w.db.doc.send(
      new PutCommand({
        TableName: w.db.tables.Idempotency,
        Item: { pk: "guard-probe", expiresAtEpoch: Math.floor(realNow() / 1000) - 60 },
      }),
    );
    await expect(write).rejects.toThrow(/not in the real future/);
    expect(takeTtlViolations()).toHaveLength(1);
  });

  it("a world a week before the real date trips the guard on its first idempotent mutation", async () => {
    // The real date's noon, not the epoch's: a run moved to a later day (TEST_EPOCH) writes in the real future.
    const realNoon = Date.parse(`${new Date(realNow()).toISOString().slice(0, 10)}T12:00:00.000Z`);
    const w = await world(new Date(realNoon - 7 * DAY));
    const response = await graphql(
      w.api,
      `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`,
      {
        key: w.key,
        variables: {
          input: {
            ...orderInput({ placedAt: new Date(w.now.getTime() - 3_600_000).toISOString() }),
            idempotencyKey: "set-back-a-week",
          },
        },
      },
    );
    // The refused write surfaces as a (masked) internal error; the guard names the cause.
    expect(response.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const violations = takeTtlViolations();
    expect(violations).toHaveLength(1);
    // The first write of a keyed mutation is its transaction, the idempotency record in it.
    expect(violations[0]).toMatch(/TransactWriteCommand writes a TTL attribute .* not in the real future/);
  });
});
