import { PutCommand, ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { currentShape, kindOf, SHAPE_ATTRIBUTE, type Db } from "@seller-ops/db";
import { AnotherRunRecorded, formatReport, migrate, type TableReport } from "../../tools/migrate";
import { isolatedTables } from "../support/isolated";
import { loadFixture, scanAll, storedItemFixtures } from "../support/stored-items";

/**
 * A run of `npm run migrate` that dies before the end of its pass, after it left items behind (conflicts) or met
 * items no repository writes (unknown): the next run, as README says ("on exit status 1, run it again"), resumes
 * after the last recorded page, and must neither forget those items nor exit 0 while one is still behind.
 */

const fixture = storedItemFixtures()[0]!;
const crash = new Error("the process died here");

/** Migrate's status as `npm run migrate` sets it. */
const exitStatus = (reports: readonly TableReport[]) => (reports.some((r) => r.conflicts > 0 || r.unknown > 0) ? 1 : 0);

/** Orders items still behind their kind's current shape. */
async function behind(db: Db) {
  return (await scanAll(db)).Orders.filter((i) => Number(i[SHAPE_ATTRIBUTE] ?? 0) < currentShape(kindOf("Orders", i)!));
}

/**
 * Migrate's client, with the first `count` Orders items it tries to upgrade busy under live traffic: every update of
 * them loses its condition, so migrate leaves them behind. `busy` holds their keys, shared between runs.
 */
function busyClient(db: Db, busy: Set<string>, count: number): Db {
  const send = (command: unknown) => {
    if (command instanceof UpdateCommand && command.input.TableName === db.tables.Orders) {
      const key = JSON.stringify(command.input.Key);
      if (busy.size < count) busy.add(key);
      if (busy.has(key)) {
        const error = new Error("The conditional request failed");
        error.name = "ConditionalCheckFailedException";
        return Promise.reject(error);
      }
    }
    return db.doc.send(command as never);
  };
  return { ...db, doc: { send } as unknown as Db["doc"] };
}

/** Orders dies after its third page (of eight: the fixture has 38 orders and guards, five a page). */
const diesAfterPage3 = { pageSize: 5, afterPage: (table: string, pages: number) => dieAt(table, pages === 3) };
function dieAt(table: string, now: boolean) {
  if (table === "Orders" && now) throw crash;
}

describe("npm run migrate resumed after an interruption", () => {
  it("revisits the items the interrupted run left behind, and then reports none", async () => {
    const db = await isolatedTables("mig-resume");
    await loadFixture(db, fixture);
    const busy = new Set<string>();
    await expect(migrate(busyClient(db, busy, 1), diesAfterPage3)).rejects.toBe(crash);
    expect(busy.size).toBe(1);

    const second = await migrate(db, { pageSize: 5 });
    const orders = second.find((r) => r.table === "Orders")!;
    expect(orders.resumed).toBe(true);
    expect(orders.scanned).toBe(fixture.items.Orders.length - 15); // the recorded pages are not read again
    expect(orders.conflicts).toBe(0);
    expect(exitStatus(second)).toBe(0);
    expect(await behind(db)).toEqual([]);
  }, 120_000);

  it("reports an item still busy when revisited, or one the record did not keep; the next pass takes it", async () => {
    const db = await isolatedTables("mig-resume");
    await loadFixture(db, fixture);
    const busy = new Set<string>();
    // Two items left behind; the progress record keeps the key of one of them only.
    const options = { ...diesAfterPage3, leftBehindKept: 1 };
    await expect(migrate(busyClient(db, busy, 2), options)).rejects.toBe(crash);
    expect(busy.size).toBe(2);

    // Still busy: the kept one is revisited and left behind again; the other is counted all the same.
    const second = await migrate(busyClient(db, busy, 2), { pageSize: 5, leftBehindKept: 1 });
    expect(second.find((r) => r.table === "Orders")!).toMatchObject({ resumed: true, conflicts: 2 });
    expect(exitStatus(second)).toBe(1);
    expect(await behind(db)).toHaveLength(2);

    // The traffic is gone: the pass is finished, so the next run is a new pass over the whole table.
    const third = await migrate(db, { pageSize: 5 });
    expect(third.find((r) => r.table === "Orders")!).toMatchObject({ resumed: false, conflicts: 0 });
    expect(exitStatus(third)).toBe(0);
    expect(await behind(db)).toEqual([]);
  }, 120_000);

  it("--restart begins a new pass: what a rolled-back release rewrote on pages done is upgraded", async () => {
    const db = await isolatedTables("mig-resume");
    await loadFixture(db, fixture);
    await expect(migrate(db, { ...diesAfterPage3, tables: ["Orders"] })).rejects.toBe(crash);
    // The release before comes back for a while and writes the orders again at its shapes, those of the three pages
    // the pass did among them; then this release is deployed again.
    await loadFixture(db, fixture);
    const [restarted] = await migrate(db, { pageSize: 5, tables: ["Orders"], restart: true });
    expect(restarted).toMatchObject({ resumed: false, scanned: fixture.items.Orders.length, conflicts: 0 });
    expect(await behind(db)).toEqual([]);
  }, 120_000);

  it("a second run of the same stage at once stops the first at its next page: no record overwritten", async () => {
    const db = await isolatedTables("mig-resume");
    await loadFixture(db, fixture);
    const busy = new Set<string>();
    // The first run leaves an item behind on its first page; then a second run starts, resumes the first's record,
    // records its own next page and dies. The first, going on, would write its record over the second's.
    const first = migrate(busyClient(db, busy, 1), {
      pageSize: 5,
      tables: ["Orders"],
      afterPage: async (_table, pages) => {
        if (pages !== 1) return;
        const second = migrate(db, { pageSize: 5, tables: ["Orders"], afterPage: (_t, p) => dieAt("Orders", p === 2) });
        await expect(second).rejects.toBe(crash);
      },
    });
    await expect(first).rejects.toThrow(AnotherRunRecorded);
    expect(busy.size).toBe(1);
    // The record is the second run's: a third run resumes it and finishes the pass with nothing behind.
    const [third] = await migrate(db, { pageSize: 5, tables: ["Orders"] });
    expect(third).toMatchObject({ resumed: true, conflicts: 0 });
    expect(await behind(db)).toEqual([]);
  }, 120_000);

  it("still reports an item no repository writes that the interrupted run met", async () => {
    const db = await isolatedTables("mig-resume");
    await loadFixture(db, fixture);
    const junk = { pk: "NOT_A_KIND#1", sk: "ORDER" };
    await db.doc.send(new PutCommand({ TableName: db.tables.Orders, Item: junk }));
    // The run dies right after the page that held the unknown item (and before the last page).
    let seen = false;
    const watching: Db = {
      ...db,
      doc: {
        send: async (command: unknown) => {
          const out = await db.doc.send(command as never);
          if (command instanceof ScanCommand && command.input.TableName === db.tables.Orders)
            seen ||= (out as { Items?: Record<string, unknown>[] }).Items?.some((i) => i.pk === junk.pk) === true;
          return out;
        },
      } as unknown as Db["doc"],
    };
    await expect(migrate(watching, { pageSize: 5, afterPage: (table) => dieAt(table, seen) })).rejects.toBe(crash);

    const second = await migrate(db, { pageSize: 5 });
    const orders = second.find((r) => r.table === "Orders")!;
    // Named by its key, from the record the interrupted run kept, so the operator can look at it.
    expect(orders).toMatchObject({ resumed: true, unknown: 1, unknownListed: [junk] });
    expect(formatReport([orders], false)).toContain(`unknown ${JSON.stringify(junk)}: no repository writes this key`);
    expect(exitStatus(second)).toBe(1);
  }, 120_000);
});
