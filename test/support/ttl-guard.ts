import { afterEach, expect } from "vitest";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { kindOf, tableSpecs } from "@seller-ops/db";
import { realNow } from "./shifted-clock.cjs";

/**
 * Fails a test at once when it writes an item whose TTL attribute is already in the real past.
 *
 * DynamoDB (and DynamoDB Local within about a second) deletes such an item, whatever the injected
 * clock says, so a test clock set in the past makes idempotency records vanish mid-test and
 * concurrent duplicates both run. That failed only days after the clock's date; this guard fails
 * on the first write, on any day. Every document client the service builds is checked: the guard
 * wraps `send` of the document client class, which all repositories use.
 */

const ttlAttributes = [...new Set(Object.values(tableSpecs).flatMap((spec) => (spec.ttl ? [spec.ttl] : [])))];
const violations: string[] = [];

type Input = Record<string, any>;

/**
 * Every mutation records an event kept 30 days (TTL), so a test clock on a fixed date writes event
 * items that DynamoDB Local deletes at once. That changes nothing for a test that does not read
 * events; tests that read them (test/events/) start their clocks from test/support/clock.ts, and
 * their assertions fail if the events vanish. So event-log items are left out of this guard.
 */
function isEventLogItem(item: Input): boolean {
  return kindOf("Events", item) === "event" && typeof item.objectType === "string";
}

function ttlValues(command: { constructor: { name: string }; input: Input }): number[] {
  const input = command.input ?? {};
  const items: Input[] = [];
  if (input.Item) items.push(input.Item);
  for (const t of input.TransactItems ?? []) if (t.Put?.Item) items.push(t.Put.Item);
  // BatchWriteItem: RequestItems maps each table to a list of requests (BatchGetItem's is an object).
  for (const requests of Object.values<unknown>(input.RequestItems ?? {})) {
    if (Array.isArray(requests)) for (const r of requests) if (r.PutRequest?.Item) items.push(r.PutRequest.Item);
  }
  const values = items
    .filter((item) => !isEventLogItem(item))
    .flatMap((item) => ttlAttributes.map((a) => item[a]).filter((v) => v !== undefined));
  // An update that sets the attribute: `SET expiresAtEpoch = :x` (directly or through a #name).
  const updates: Input[] = [input, ...(input.TransactItems ?? []).map((t: Input) => t.Update).filter(Boolean)];
  for (const u of updates) {
    if (typeof u.UpdateExpression !== "string") continue;
    for (const attribute of ttlAttributes) {
      const names = [
        attribute,
        ...Object.entries<string>(u.ExpressionAttributeNames ?? {})
          .filter(([, v]) => v === attribute)
          .map(([k]) => k),
      ];
      for (const name of names) {
        const match = new RegExp(`${name.replace(/[#$]/g, "\\$&")}\\s*=\\s*(:\\w+)`).exec(u.UpdateExpression);
        if (match) values.push(u.ExpressionAttributeValues?.[match[1]!]);
      }
    }
  }
  return values;
}

const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function guardedSend(
  this: DynamoDBDocumentClient,
  command: any,
  ...rest: any[]
) {
  const realNowSeconds = realNow() / 1000;
  for (const value of ttlValues(command)) {
    if (typeof value !== "number" || value <= realNowSeconds) {
      const message =
        `${command.constructor.name} writes a TTL attribute of ${String(value)} ` +
        `(${new Date(Number(value) * 1000).toISOString()}), ` +
        `not in the real future (now ${new Date(realNow()).toISOString()}): DynamoDB deletes such an item at once. ` +
        `Start the test clock from test/support/clock.ts, not from a fixed past date.`;
      violations.push(message);
      return Promise.reject(Object.assign(new Error(message), { name: "ExpiredTtlWrite" }));
    }
  }
  return (send as any).call(this, command, ...rest);
} as typeof send;

/** Takes the violations recorded so far (for the guard's own test, which provokes one on purpose). */
export function takeTtlViolations(): string[] {
  return violations.splice(0);
}

afterEach(() => {
  const found = violations.splice(0);
  expect(found, "items written with a TTL in the real past").toEqual([]);
});
