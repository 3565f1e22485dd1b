import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { Events } from "@seller-ops/core";
import { createLogger } from "@seller-ops/api";
import { EventsRepo, transactWrite } from "@seller-ops/db";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookDispatchHandler } from "../../packages/functions/src/webhooks/dispatcher";
import { lambdaContext } from "../support/events";
import { TEST_KEYRING, TEST_LIMITS, webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * AWS: "stream records from the same transaction may appear at different times … consumers should not assume
 * transactional atomicity or ordering". An order recorded already shipped writes ORDER_IMPORTED (version 1) and
 * ORDER_SHIPPED (version 2) in one transaction; their records can reach the dispatcher in either order, a batch apart.
 */
let world: WebhookWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const draft = (type: Events.EventType, objectType: Events.ObjectType, objectId: string, version: number) => ({
  type,
  sellerId: "S1",
  objectType,
  objectId,
  objectVersion: version,
  partId: null,
  payload: { id: objectId, version },
});

/** An order imported already shipped, with a case opened in the same transaction: the three stored items. */
async function importedShippedWithCase(w: WebhookWorld) {
  const { records, writes } = EventsRepo.writesFor(w.db, {
    drafts: [
      draft("ORDER_IMPORTED", "ORDER", "ord_1", 1),
      draft("CASE_OPENED", "CASE", "cas_1", 1),
      draft("ORDER_SHIPPED", "ORDER", "ord_1", 2),
    ],
    occurredAt: w.now().toISOString(),
    actorKeyId: "job:test",
  });
  expect((await transactWrite(w.db.doc, writes)).ok).toBe(true);
  const items = await Promise.all(
    records.map(async (event) => {
      const key = { pk: `SELLER#${event.sellerId}`, sk: `EVENT#${event.eventId}` };
      const { Item } = await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Events, Key: key }));
      return Item!;
    }),
  );
  return { records, items };
}

function dispatcher(w: WebhookWorld, logLines: string[] = []) {
  const handler = createWebhookDispatchHandler({
    db: w.db,
    clock: () => w.now(),
    logger: createLogger({}, (line) => logLines.push(line)),
    keyring: TEST_KEYRING,
    allowLocalEndpoints: true,
    limits: TEST_LIMITS,
    random: () => 0.5,
  });
  return (...items: Record<string, unknown>[]) =>
    handler(
      {
        Records: items.map((item) => ({ eventName: "INSERT", dynamodb: { NewImage: marshall(item) } })),
      } as unknown as DynamoDBStreamEvent,
      lambdaContext("webhook-dispatch", { timeoutMs: 120_000 }) as never,
    );
}

describe("the events of one object written in one transaction", () => {
  it("reach an endpoint in version order though the later one's stream record comes a batch first", async () => {
    world = await webhookWorld();
    const w = world;
    await w.register({ sellerId: "S1", path: "/orders", ownerKeyId: await w.sellerKey("S1") });
    const {
      records,
      items: [imported, opened, shipped],
    } = await importedShippedWithCase(w);
    // Only a later event of the same object names the one before it.
    expect([imported, opened, shipped].map((item) => EventsRepo.followsOf(item!))).toEqual([
      null,
      null,
      records[0]!.eventId,
    ]);
    // Not part of the event: what an endpoint or a catch-up reader gets is unchanged.
    expect(EventsRepo.fromItem(shipped!)).toEqual(records[2]);

    const handler = dispatcher(w);
    const first = await handler(shipped!, opened!);
    expect(first).toMatchObject({ events: 2, recorded: 3, alreadyRecorded: 0, delivered: 3 });
    const second = await handler(imported!);
    expect(second).toMatchObject({ events: 1, recorded: 0, alreadyRecorded: 1, delivered: 0 });

    const received = w.receiver.received.map((r) => [r.event?.object.id, r.event?.object.version]);
    expect(received.filter(([id]) => id === "ord_1")).toEqual([
      ["ord_1", 1],
      ["ord_1", 2],
    ]);
    expect(received).toHaveLength(3);
  });

  it("in order in one batch: the later one's record reads nothing back and writes nothing twice", async () => {
    world = await webhookWorld();
    const w = world;
    await w.register({ sellerId: "S1", path: "/orders", ownerKeyId: await w.sellerKey("S1") });
    const { items } = await importedShippedWithCase(w);
    const reads = { events: 0 };
    const counting = {
      ...w.db,
      doc: {
        send: (command: { constructor: { name: string }; input: { TableName?: string } }, ...rest: unknown[]) => {
          if (command.constructor.name === "GetCommand" && command.input.TableName === w.db.tables.Events)
            reads.events++;
          return (w.db.doc.send as (...args: unknown[]) => unknown)(command, ...rest);
        },
      },
    } as unknown as WebhookWorld["db"];

    const report = await dispatcher({ ...w, db: counting })(...items);

    expect(report).toMatchObject({ events: 3, recorded: 3, alreadyRecorded: 0, delivered: 3 });
    expect(reads.events).toBe(0);
    expect(
      w.receiver.received.filter((r) => r.event?.object.id === "ord_1").map((r) => r.event?.object.version),
    ).toEqual([1, 2]);
  });

  it("go on without the earlier one when this release cannot read it, as its own record is skipped", async () => {
    world = await webhookWorld();
    const w = world;
    await w.register({ sellerId: "S1", path: "/orders", ownerKeyId: await w.sellerKey("S1") });
    const { items } = await importedShippedWithCase(w);
    // What a newer release can write during a deploy: an event type this code does not know.
    const unknown = { ...items[0]!, type: "ORDER_ON_HOLD" };
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.Events, Item: unknown }));
    const logLines: string[] = [];

    const report = await dispatcher(w, logLines)(items[2]!, unknown);

    expect(report).toMatchObject({ events: 1, unreadable: 1, recorded: 1, delivered: 1 });
    expect(w.receiver.received.map((r) => r.event?.object.version)).toEqual([2]);
    expect(logLines.map((line) => JSON.parse(line).message)).toContain(
      "webhook dispatch cannot read the event an event follows",
    );
  });
});
