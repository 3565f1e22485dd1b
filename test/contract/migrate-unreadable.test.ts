import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { OrdersRepo, tableLinkEnv } from "@seller-ops/db";
import { READ_CHECKED_KINDS } from "../../packages/db/src/readers";
import { migrate } from "../../tools/migrate";
import { graphql } from "../support/api";
import { scanAll } from "../support/stored-items";
import { orderDue, world } from "../support/world";

/**
 * A stored item the service cannot read fails every page that reads it (`UnreadableItem`). `npm run migrate` reads
 * each item as the service does and names those it refuses, so an operator finds them before a seller's list breaks.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

describe("npm run migrate names the items the service cannot read", () => {
  it("a hand-edited order: listed with its key and why, the command exits 1, and nothing is written", async () => {
    const w = await world();
    const good = await orderDue(w, 24);
    const bad = await orderDue(w, 48);
    // As a console edit might leave it: a status no release ever wrote.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.orderKey(bad.id),
        // Stored by an older release too (order shape 2), so a real run would upgrade it.
        UpdateExpression: "SET #status = :lost, #shape = :two",
        ExpressionAttributeNames: { "#status": "status", "#shape": "shape" },
        ExpressionAttributeValues: { ":lost": "LOST_IN_TRANSIT", ":two": 2 },
      }),
    );
    // The seller's list of orders fails on it, as the report says it would.
    const list = await graphql(w.api, "{ orders(first: 10) { edges { node { id } } } }", { key: w.key });
    expect(list.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");

    const before = await scanAll(w.db);
    const [orders] = await migrate(w.db, { tables: ["Orders"], dryRun: true });
    expect(orders!.unreadable).toBe(1);
    expect(orders!.unreadableListed).toHaveLength(1);
    expect(orders!.unreadableListed[0]!.key).toEqual(OrdersRepo.orderKey(bad.id));
    expect(orders!.unreadableListed[0]!.reason).toContain(`order ORDER#${bad.id}/ORDER`);
    expect(orders!.unreadableListed[0]!.reason).toContain("status");
    expect(JSON.stringify(orders!.unreadableListed)).not.toContain(good.id);
    expect(READ_CHECKED_KINDS).toEqual(expect.arrayContaining(["order", "case", "seller", "apiKey", "deposit"]));

    const env = { ...process.env, ...tableLinkEnv(w.db.tables) };
    const command = run("npx", ["tsx", "tools/migrate.ts", "--dry-run", "--table", "Orders"], {
      cwd: ROOT,
      env,
      timeout: 90_000,
    });
    const failed = await command.then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed!.stdout).toContain(", unreadable 1\n");
    expect(failed!.stdout).toContain(`  unreadable {"pk":"ORDER#${bad.id}","sk":"ORDER"}: Stored order`);
    expect(failed!.stderr).toContain("cannot be read by the service");
    expect(await scanAll(w.db)).toEqual(before);

    // A real run leaves it as it is (an upgrade step may parse it too): still shape 2, still named.
    const [real] = await migrate(w.db, { tables: ["Orders"] });
    expect(real).toMatchObject({ unreadable: 1, migrated: {} });
    const stored = await w.db.doc.send(
      new GetCommand({ TableName: w.db.tables.Orders, Key: OrdersRepo.orderKey(bad.id) }),
    );
    expect(stored.Item).toMatchObject({ status: "LOST_IN_TRANSIT", shape: 2 });

    // Mended, the table reads clean, and the next run upgrades it.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.orderKey(bad.id),
        UpdateExpression: "SET #status = :unshipped",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":unshipped": "AWAITING_SHIPMENT" },
      }),
    );
    const [mended] = await migrate(w.db, { tables: ["Orders"], dryRun: true });
    expect(mended).toMatchObject({ unreadable: 0, unreadableListed: [] });
    const [upgradedNow] = await migrate(w.db, { tables: ["Orders"] });
    expect(upgradedNow).toMatchObject({ unreadable: 0, conflicts: 0, migrated: { order: 1 } });
  }, 120_000);

  /** Three orders, the first in the table's order made unreadable, and a one-item-page run that dies right after it. */
  async function interruptedAfterUnreadable() {
    const w = await world();
    for (const hours of [24, 36, 48]) await orderDue(w, hours);
    // Pages of one item, in the table's own order: the first order, which is not the table's last item.
    const items = (await w.db.doc.send(new ScanCommand({ TableName: w.db.tables.Orders }))).Items ?? [];
    const at = items.findIndex((i) => i.sk === "ORDER");
    expect(at).toBeLessThan(items.length - 1);
    const bad = items[at]!;
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: { pk: bad.pk, sk: bad.sk },
        UpdateExpression: "SET #status = :lost",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":lost": "LOST_IN_TRANSIT" },
      }),
    );
    const crash = new Error("the process died here");
    const diesAfterIt = {
      tables: ["Orders" as const],
      pageSize: 1,
      afterPage: (_: string, pages: number) => {
        if (pages === at + 1) throw crash;
      },
    };
    await expect(migrate(w.db, diesAfterIt)).rejects.toBe(crash);
    return { w, badKey: { pk: bad.pk, sk: "ORDER" } };
  }

  it("a run interrupted after the page that held it: the resumed run still counts and names it", async () => {
    const { w, badKey } = await interruptedAfterUnreadable();
    const [resumed] = await migrate(w.db, { tables: ["Orders"], pageSize: 1 });
    expect(resumed).toMatchObject({ resumed: true, unreadable: 1 });
    expect(resumed!.unreadableListed.map((u) => u.key)).toEqual([badKey]);
    // The pass is over: the next run reads every page again, and finds it still there.
    const [next] = await migrate(w.db, { tables: ["Orders"], pageSize: 1 });
    expect(next).toMatchObject({ resumed: false, unreadable: 1 });
  }, 120_000);

  it.each([
    ["kept no unreadable items (no read checks recorded)", "REMOVE readChecks, unreadable, unreadableListed", {}],
    ["checked fewer kinds", "SET readChecks = :fewer", { ":fewer": "apiKey,case,order" }],
  ])(
    "a pass recorded by a release that %s is read again from its first page",
    async (_, update, values) => {
      const { w, badKey } = await interruptedAfterUnreadable();
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Idempotency,
          Key: { pk: "MIGRATE#Orders" },
          UpdateExpression: update,
          ConditionExpression: "attribute_exists(readChecks) AND attribute_exists(unreadable)",
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      const [run] = await migrate(w.db, { tables: ["Orders"], pageSize: 1 });
      expect(run).toMatchObject({ resumed: false, unreadable: 1 });
      expect(run!.unreadableListed.map((u) => u.key)).toEqual([badKey]);
    },
    120_000,
  );

  it("the dispatcher's own items: an endpoint's health, a group's lease, an event's redelivery guard", async () => {
    const w = await world();
    const group = `GROUP#ep_${ulid()}#CASE#cas_${ulid()}`;
    const items = [
      // The endpoint's failing streak, its count written as text; one without a count reads as no streak.
      { pk: `ENDPOINT#ep_${ulid()}`, sk: "HEALTH", failedAttempts: "3", failingSince: "2026-12-01T00:00:00.000Z" },
      { pk: `ENDPOINT#ep_${ulid()}`, sk: "HEALTH", lastSucceededAt: "2026-12-01T00:00:00.000Z" },
      { pk: group, sk: "LEASE", settledThrough: 7 },
      { pk: group, sk: `REDELIVERIES#evt_${ulid()}`, redeliveries: "2" },
    ];
    for (const item of items)
      await w.db.doc.send(new PutCommand({ TableName: w.db.tables.WebhookDeliveries, Item: { ...item, shape: 1 } }));
    const [deliveries] = await migrate(w.db, { tables: ["WebhookDeliveries"], dryRun: true });
    expect(deliveries!.unreadable).toBe(3);
    expect(deliveries!.unreadableListed.map((u) => u.key)).toEqual(
      expect.arrayContaining([0, 2, 3].map((i) => ({ pk: items[i]!.pk, sk: items[i]!.sk }))),
    );
    expect(READ_CHECKED_KINDS).toEqual(
      expect.arrayContaining(["webhookEndpointHealth", "webhookDeliveryLease", "webhookRedeliveryGuard"]),
    );
  });

  it("an API key is named by its key id, never by its key, which is derived from the secret", async () => {
    const w = await world();
    const keys = (await w.db.doc.send(new ScanCommand({ TableName: w.db.tables.ApiKeys }))).Items ?? [];
    const key = keys[0]!;
    const corrupt = (role: unknown) =>
      w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.ApiKeys,
          Key: { keyHash: key.keyHash },
          UpdateExpression: "SET #role = :role",
          ExpressionAttributeNames: { "#role": "role" },
          ExpressionAttributeValues: { ":role": role },
        }),
      );
    await corrupt("SUPERUSER");
    const [apiKeys] = await migrate(w.db, { tables: ["ApiKeys"], dryRun: true });
    expect(apiKeys!.unreadableListed).toEqual([{ key: { keyId: key.keyId }, reason: expect.any(String) }]);
    expect(apiKeys!.unreadableListed[0]!.reason).toContain(`key id ${String(key.keyId)}`);
    expect(JSON.stringify(apiKeys)).not.toContain(String(key.keyHash));
    await corrupt(key.role);
  });
});
