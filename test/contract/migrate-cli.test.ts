import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { currentShape, kindOf, tableLinkEnv, TABLE_NAMES } from "@seller-ops/db";
import { isolatedTables } from "../support/isolated";
import { loadFixture, scanAll, storedItemFixtures } from "../support/stored-items";

/** `npm run migrate` as an operator runs it: its own process, the tables linked as `sst shell` links them. */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

describe("npm run migrate (the command)", () => {
  it("--dry-run reports the counts and writes nothing; the run migrates; a second run migrates nothing", async () => {
    const fixture = storedItemFixtures()[0]!;
    const db = await isolatedTables("cli");
    await loadFixture(db, fixture);
    const env = { ...process.env, ...tableLinkEnv(db.tables) };
    const migrate = (...args: string[]) =>
      run("npx", ["tsx", "tools/migrate.ts", ...args], { cwd: ROOT, env, timeout: 90_000 });

    const before = await scanAll(db);
    const dry = await migrate("--dry-run", "--table", "Orders");
    const orders = fixture.items.Orders.filter((i) => kindOf("Orders", i) === "order").length;
    const guards = fixture.items.Orders.length - orders;
    expect(dry.stdout.trim()).toBe(
      `Orders: scanned ${fixture.items.Orders.length}, would migrate order ${orders}, marketplaceOrderGuard ` +
        `${guards}, current 0, unknown 0, conflicts 0`,
    );
    expect(await scanAll(db)).toEqual(before);

    const real = await migrate();
    expect(real.stdout).toContain(
      `Orders: scanned ${fixture.items.Orders.length}, migrated order ${orders}, marketplaceOrderGuard ${guards}`,
    );
    const after = await scanAll(db);
    for (const table of TABLE_NAMES)
      for (const item of after[table]) expect(item.shape).toBe(currentShape(kindOf(table, item)!));

    const again = await migrate();
    expect(again.stdout.match(/migrated none/g)).toHaveLength(TABLE_NAMES.length);
  }, 240_000);
});
