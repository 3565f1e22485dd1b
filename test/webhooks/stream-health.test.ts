import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "@seller-ops/api";
import { EventsRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { afterEach, describe, expect, it } from "vitest";
import { webhookWorld, type WebhookWorld } from "../support/webhooks";

/**
 * The Events stream is read in order, one batch at a time per shard: whatever one record or one
 * endpoint costs the dispatcher, every seller on the shard waits for. These tests hold it to
 * what docs/webhooks.md promises: a record it cannot read, or a receiver that hangs, never
 * holds the other sellers' deliveries back.
 */

let world: WebhookWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const sellerId = () => `sel_${ulid()}`;

function logged() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({}, (line) => lines.push(JSON.parse(line))) };
}

describe("an event record this dispatcher cannot read", () => {
  it("is logged with its key and sequence number and skipped; the rest of the batch is delivered", async () => {
    world = await webhookWorld();
    const seller = sellerId();
    await world.register({ sellerId: seller, path: "/all", ownerKeyId: await world.sellerKey(seller) });
    const before = await world.writeEvent({ sellerId: seller, objectId: "ord_1", version: 1 });
    world.advance(1);
    // What a newer release writes during a deploy: an event of a type this code does not know.
    const newer = { ...before, eventId: ulid(world.now().getTime()), objectId: "ord_2" };
    const item: Record<string, unknown> = { ...EventsRepo.toItem(newer), type: "ORDER_ON_HOLD" };
    await world.db.doc.send(new PutCommand({ TableName: world.db.tables.Events, Item: item }));
    world.advance(1);
    const after = await world.writeEvent({ sellerId: seller, objectId: "ord_3", version: 1 });

    const { lines, logger } = logged();
    const { records, report } = await world.pump({ logger });

    expect(records).toBe(3);
    expect(report).toMatchObject({ events: 2, unreadable: 1, recorded: 2, delivered: 2 });
    // Two objects, two groups drained side by side: either may arrive first.
    const received = world.received("/all").map((r) => r.eventId);
    expect(received.sort()).toEqual([before.eventId, after.eventId].sort());
    const skipped = lines.filter((l) => l.message === "webhook dispatch skipped an event record it cannot read");
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ pk: item.pk, sk: item.sk });
    expect(skipped[0]!.sequenceNumber).toEqual(expect.any(String));
  });
});
