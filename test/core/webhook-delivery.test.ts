import { Time, Webhooks } from "@seller-ops/core";
import { describe, expect, it } from "vitest";

/** The delivery rules: backoff with jitter over the retry period, giving up, switching an endpoint off. */

const policy = Webhooks.DEFAULT_RETRY_POLICY;
const MINUTE = 60_000;
const t0 = "2026-11-30T12:00:00.000Z";

describe("retries", () => {
  it("wait 1, 4, 16, 64, 256 minutes, then every 12 hours (jitter in the middle)", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
      Webhooks.retryDelayMs({ failedAttempts: n, policy, jitter: 0.5 }),
    );
    expect(waits).toEqual([1, 4, 16, 64, 256, 720, 720, 720].map((m) => m * MINUTE));
  });

  it("spread each wait by ±25 % with the jitter, never beyond", () => {
    expect(Webhooks.retryDelayMs({ failedAttempts: 1, policy, jitter: 0 })).toBe(45_000);
    expect(Webhooks.retryDelayMs({ failedAttempts: 1, policy, jitter: 0.999999 })).toBe(75_000);
    expect(Webhooks.retryDelayMs({ failedAttempts: 1, policy, jitter: 7 })).toBeLessThanOrEqual(75_000);
    expect(Webhooks.retryDelayMs({ failedAttempts: 1, policy, jitter: -1 })).toBe(45_000);
  });

  it("give a delivery up when its next attempt would fall past 3 days from its first", () => {
    let now = t0;
    const attempts: string[] = [now];
    for (let failed = 1; failed < 50; failed++) {
      const next = Webhooks.afterFailure({ since: t0, failedAttempts: failed, now, policy, jitter: 0.5 });
      if (next.status === "GAVE_UP") break;
      now = next.nextAttemptAt;
      attempts.push(now);
    }
    expect(attempts).toHaveLength(11);
    const span = Time.toMs(attempts.at(-1)!) - Time.toMs(t0);
    expect(span).toBeLessThanOrEqual(3 * Time.DAY_MS);
    expect(span).toBeGreaterThan(2.5 * Time.DAY_MS);
  });
});

describe("switching an endpoint off", () => {
  const disable = Webhooks.DEFAULT_DISABLE_POLICY;
  const at = (hours: number) => Time.addMs(t0, hours * Time.HOUR_MS);

  it("needs both: 10 failed attempts in a row, and a day since the first of them", () => {
    const streak = (failedAttempts: number) => ({ failedAttempts, failingSince: t0 });
    expect(Webhooks.shouldDisable({ streak: streak(10), now: at(24), policy: disable })).toBe(true);
    expect(Webhooks.shouldDisable({ streak: streak(9), now: at(48), policy: disable })).toBe(false);
    expect(Webhooks.shouldDisable({ streak: streak(500), now: at(23.9), policy: disable })).toBe(false);
  });
});

describe("attempts in the stream", () => {
  it("only for an endpoint with no failing streak that has not failed in this invocation", () => {
    const streak = { failedAttempts: 1, failingSince: t0 };
    expect(Webhooks.attemptInStream({ streak: null, failedInThisRun: false })).toBe(true);
    expect(Webhooks.attemptInStream({ streak, failedInThisRun: false })).toBe(false);
    expect(Webhooks.attemptInStream({ streak: null, failedInThisRun: true })).toBe(false);
  });
});

describe("the body", () => {
  it("is the event's fields in a fixed order, whatever order they were given in", () => {
    const body = Webhooks.deliveryBody({
      payload: { status: "SHIPPED" },
      object: { partId: null, version: 2, id: "ord_1", type: "ORDER" },
      sellerId: "sel_1",
      occurredAt: t0,
      type: "ORDER_SHIPPED",
      id: "01J",
    });
    expect(body).toBe(
      '{"id":"01J","type":"ORDER_SHIPPED","occurredAt":"2026-11-30T12:00:00.000Z","sellerId":"sel_1",' +
        '"object":{"type":"ORDER","id":"ord_1","version":2,"partId":null},"payload":{"status":"SHIPPED"}}',
    );
  });

  it("sorts the payload's keys at every depth: a stream image and a read give the same bytes", () => {
    const event = {
      id: "1",
      type: "T",
      occurredAt: t0,
      sellerId: null,
      object: { type: "O", id: "o", version: 1, partId: null },
    };
    const one = Webhooks.deliveryBody({ ...event, payload: { b: 1, a: { d: [{ f: 1, e: 2 }], c: 2 } } });
    const other = Webhooks.deliveryBody({ ...event, payload: { a: { c: 2, d: [{ e: 2, f: 1 }] }, b: 1 } });
    expect(one).toBe(other);
    expect(one).toContain('"payload":{"a":{"c":2,"d":[{"e":2,"f":1}]},"b":1}');
  });

  it("keeps at most 256 characters of a response in the log", () => {
    expect(Webhooks.loggedExcerpt("ok")).toBe("ok");
    expect(Array.from(Webhooks.loggedExcerpt("é".repeat(300)))).toHaveLength(257);
  });
});
