import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient, SellersRepo, StatsRepo, type Db } from "@seller-ops/db";
import { EXTRA_PASSES, rebuildStats } from "../../tools/stats-rebuild";
import { isolatedTables } from "../support/isolated";
import { buyerOpensCase, world } from "../support/world";

/**
 * `npm run stats -- rebuild` on a production stage: its Scans do not multiply with the sellers a change reaches during
 * the pass, and it is done with each Scan page before it reads the next (it keeps totals per seller, not items).
 */

const DRIFTED_DAY = "2026-11-20";
const sellerIdOf = (s: number) => `sel_${String(s).padStart(4, "0")}`;

/** `sellers` sellers with one drifted day each (what a counting-rule change leaves on every seller's days). */
async function driftedSellers(sellers: number): Promise<Db> {
  const db = await isolatedTables("rebuild-scale");
  for (let s = 0; s < sellers; s++) {
    const sellerId = sellerIdOf(s);
    const seller = { id: sellerId, name: `Seller ${s}`, settlementCurrency: "CNY", timeZone: "Asia/Shanghai" };
    await SellersRepo.putSellerIfAbsent(db, { ...seller, createdAt: "2026-11-01T00:00:00.000Z" });
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tables.Sellers,
        Key: StatsRepo.statsKey(sellerId, DRIFTED_DAY),
        UpdateExpression: "SET #day = :day ADD ordersPlaced :one",
        ExpressionAttributeNames: { "#day": "day" },
        ExpressionAttributeValues: { ":day": DRIFTED_DAY, ":one": 1 },
      }),
    );
  }
  return db;
}

/** A change to the seller's drifted day, as the service's ADD moves its version (what the pass did not count). */
const changeDay = (db: Db, sellerId: string) =>
  db.doc.send(
    new UpdateCommand({
      TableName: db.tables.Sellers,
      Key: StatsRepo.statsKey(sellerId, DRIFTED_DAY),
      UpdateExpression: "ADD version :one",
      ExpressionAttributeValues: { ":one": 1 },
    }),
  );

/**
 * The rebuild's report and the Scans it sent. `changed` sellers' days change once right after the pass read the
 * stored counters (the last page of its Scan of Sellers); `busy` sellers' day changes before each repair write to it.
 */
async function rebuildCountingScans(db: Db, changes: { changed?: string[]; busy?: string[] } = {}) {
  const doc = createDocumentClient();
  let scans = 0;
  let landed = false;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: Record<string, unknown> };
      if (context.commandName === "ScanCommand") scans++;
      const busy = changes.busy?.find((id) => input.Key?.pk === `SELLER#${id}`);
      if (context.commandName === "UpdateItemCommand" && busy) await changeDay(db, busy);
      const result = await next(args);
      const sellersRead =
        context.commandName === "ScanCommand" &&
        input.TableName === db.tables.Sellers &&
        !(result.output as { LastEvaluatedKey?: unknown }).LastEvaluatedKey;
      if (sellersRead && !landed) {
        landed = true;
        for (const sellerId of changes.changed ?? []) await changeDay(db, sellerId);
      }
      return result;
    },
    { step: "initialize", name: "countScans" },
  );
  const report = await rebuildStats({ doc, tables: db.tables }, { write: true });
  return { report, scans };
}

describe("the rebuild at scale", () => {
  it("repairs every seller from one Scan of each table, whatever the number of sellers", async () => {
    for (const sellers of [2, 12]) {
      const db = await driftedSellers(sellers);
      const { report, scans } = await rebuildCountingScans(db);
      // Sellers, Orders, Cases, Deposits: once each.
      expect({ sellers, scans }).toEqual({ sellers, scans: 4 });
      expect(report).toMatchObject({ sellers, daysWritten: sellers, sellersRepairedAlone: 0, extraPasses: 0 });
      expect(report.mismatches).toHaveLength(sellers);
      expect((await rebuildStats(db, { write: false })).mismatches).toEqual([]);
    }
  });

  it("recounts all the sellers a change reached during the pass in one more pass, whatever their number", async () => {
    for (const sellers of [3, 12]) {
      const db = await driftedSellers(sellers);
      const changed = Array.from({ length: sellers - 1 }, (_, s) => sellerIdOf(s + 1));
      const { report, scans } = await rebuildCountingScans(db, { changed });
      // The pass (4 Scans), then Orders, Cases and Deposits once more for all the changed sellers together.
      expect({ sellers, scans }).toEqual({ sellers, scans: 4 + 3 });
      expect(report).toMatchObject({
        sellers,
        daysWritten: sellers,
        sellersRepairedAlone: changed.length,
        extraPasses: 1,
        sellersStillChanging: [],
      });
      expect((await rebuildStats(db, { write: false })).mismatches).toEqual([]);
    }
  });

  it("reports a seller changing during every pass after a bounded number of passes, the others repaired", async () => {
    const db = await driftedSellers(3);
    const busy = sellerIdOf(1);
    const { report, scans } = await rebuildCountingScans(db, { busy: [busy] });
    expect(scans).toBe(4 + 3 * EXTRA_PASSES);
    expect(report).toMatchObject({
      daysWritten: 2,
      sellersRepairedAlone: 0,
      extraPasses: EXTRA_PASSES,
      sellersStillChanging: [busy],
    });
    const left = (await rebuildStats(db, { write: false })).mismatches;
    expect(left.map((m) => m.sellerId)).toEqual([busy]);
  });
});

/**
 * A client whose Scans read `limit` items a page and that spoils every item of a page once the next page of its table
 * is asked for: any later read of the item throws. A rebuild that keeps items past their page fails on it.
 */
function pageByPage(db: Db, limit: number): { db: Db; pages: () => number } {
  const doc = createDocumentClient();
  const previous = new Map<string, Record<string, unknown>[]>();
  let pages = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "ScanCommand") return next(args);
      const input = args.input as { TableName: string; Limit?: number };
      input.Limit = limit;
      for (const item of previous.get(input.TableName) ?? []) {
        for (const name of Object.keys(item))
          Object.defineProperty(item, name, {
            get() {
              throw new Error(`${input.TableName} item read after its Scan page (${name})`);
            },
          });
      }
      const result = await next(args);
      pages++;
      previous.set(input.TableName, (result.output as { Items?: Record<string, unknown>[] }).Items ?? []);
      return result;
    },
    { step: "initialize", name: "pageByPage" },
  );
  return { db: { doc, tables: db.tables }, pages: () => pages };
}

describe("what the rebuild keeps of the tables", () => {
  it("is done with each Scan page before it reads the next: it keeps totals per seller, not items", async () => {
    const w = await world();
    for (const reason of ["NOT_RECEIVED", "QUALITY_ISSUE", "NOT_AS_DESCRIBED"] as const)
      await buyerOpensCase(w, reason);
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    const [day] = Object.entries(days).find(([, c]) => (c.casesOpened ?? 0) > 0)!;
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD casesOpened :x",
        ExpressionAttributeValues: { ":x": 3 },
      }),
    );
    const wholeTables = await rebuildStats(w.db, { write: false });
    expect(wholeTables.mismatches).toHaveLength(1);

    const client = pageByPage(w.db, 2);
    const report = await rebuildStats(client.db, { write: true });
    expect(client.pages()).toBeGreaterThan(8);
    expect(report).toMatchObject({ ...wholeTables, daysWritten: 1 });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });
});
