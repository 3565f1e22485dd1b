/**
 * The example operations' dates, as the explorer preloads them, hold on any day: written as of one day, they are moved
 * by the whole days since (`exampleVariablesOn`). Read as written, the example offer's `expiresAt` passed a week after
 * it was written and the offer was refused; the test that runs the examples on the real date sees what the explorer
 * serves, and this one looks years ahead.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXAMPLES_WRITTEN_ON, exampleVariablesOn } from "../../packages/local/src/example-dates";
import { exampleTabs } from "../../packages/local/src/explorer";

const operationsDir = fileURLToPath(new URL("../../graphql/operations/", import.meta.url));
const keys = { seller: "s", partner: "p", marketplace: "m", operator: "o" };
const DAY = 86_400_000;

/** The variables of the tab whose operation is `name`, as the explorer serves them at `now`. */
function served(name: string, now: Date): { text: string; input: Record<string, any> } {
  const tab = exampleTabs(operationsDir, keys, now).find((t) => new RegExp(`mutation ${name}\\b`).test(t.query))!;
  return { text: tab.variables!, input: JSON.parse(tab.variables!).input };
}

describe("the example operations' dates", () => {
  // Late in a day and early in one, years after the examples were written, and on the day itself.
  const days = ["2031-07-14T23:59:00Z", "2029-02-28T00:01:00Z", EXAMPLES_WRITTEN_ON].map((d) => new Date(d));

  it.each(days)("on %s the example offer expires between one and fourteen days ahead", (now) => {
    const { input } = served("MakeCompensationOffer", now);
    const ahead = Date.parse(input.expiresAt) - now.getTime();
    expect(ahead).toBeGreaterThan(DAY);
    expect(ahead).toBeLessThanOrEqual(14 * DAY);
  });

  it.each(days)("on %s the example import's orders are placed already and not yet due to ship", (now) => {
    const { input } = served("ImportOrders", now);
    for (const order of input.orders) {
      expect(Date.parse(order.placedAt)).toBeLessThan(now.getTime());
      const shipBy = order.shipBy ? Date.parse(order.shipBy) : Date.parse(order.placedAt) + order.handlingDays * DAY;
      expect(shipBy, order.marketplaceOrderId).toBeGreaterThan(now.getTime());
    }
  });

  it("move by whole days: the time of day, its offset and the file's layout kept", () => {
    const file = readFileSync(`${operationsDir}partner/import-orders.variables.json`, "utf8");
    const { text, input } = served("ImportOrders", new Date("2031-07-14T23:59:00Z"));
    expect(text.split("\n").length).toBe(file.split("\n").length);
    expect(input.orders[0].placedAt).toMatch(/T08:30:00Z$/);
    expect(exampleVariablesOn(file, new Date(EXAMPLES_WRITTEN_ON))).toBe(file);
    const written = '{ "a": "2026-11-25T08:30:00+08:00", "b": "2026-11-30T10:00:00.123456Z", "c": "2026-11-25" }';
    expect(exampleVariablesOn(written, new Date("2026-12-29T12:00:00Z"))).toBe(
      '{ "a": "2026-12-27T08:30:00+08:00", "b": "2027-01-01T10:00:00.123456Z", "c": "2026-11-25" }',
    );
  });

  it("leave what only looks like a date as it is", () => {
    const written = '{ "a": "2026-13-40T10:00:00Z", "b": "2026-02-30T10:00:00Z" }';
    expect(exampleVariablesOn(written, new Date("2031-07-14T00:00:00Z"))).toBe(written);
  });

  it("move the day in an idempotency key with them: the next day's request is a new one, not a reused key", () => {
    const today = served("ImportOrders", new Date("2031-07-14T10:00:00Z")).input.idempotencyKey;
    expect(served("ImportOrders", new Date("2031-07-14T23:00:00Z")).input.idempotencyKey).toBe(today);
    expect(served("ImportOrders", new Date("2031-07-15T01:00:00Z")).input.idempotencyKey).not.toBe(today);
    const offer = served("MakeCompensationOffer", new Date("2031-07-14T10:00:00Z")).input.idempotencyKey;
    expect(served("MakeCompensationOffer", new Date("2031-07-15T10:00:00Z")).input.idempotencyKey).not.toBe(offer);
  });
});
