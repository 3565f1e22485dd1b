import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SellersRepo, type Db } from "@seller-ops/db";
import { isolatedTables } from "../support/isolated";
import { scanTable } from "../support/scan";
import { sstShellEnv } from "../support/sst-shell";

/**
 * `npm run keys -- create` for a seller, a partner or a marketplace checks the sellers it names
 * against Sellers, as `createApiKey` does: a key for a seller that does not exist is refused with
 * a non-zero exit, and nothing is written (no key, no event). The real command, in its own process,
 * against a stage of fresh tables.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function keys(db: Db, args: string[]) {
  const env = sstShellEnv({
    stage: "keys-cli",
    tables: db.tables,
    secretValues: { CursorSecret: "keys-cli-cursor-secret" },
    base: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT ?? "",
    },
  });
  return spawnSync("npm", ["run", "--silent", "keys", "--", "create", ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run keys -- create, for sellers that do not exist", () => {
  it("refuses a seller key, a partner key and a marketplace key naming a missing seller, writing nothing; " +
    "issues them once the sellers exist", async () => {
    const db = await isolatedTables("keys-cli");
    await SellersRepo.putSellerIfAbsent(db, {
      id: "seller-real",
      name: "Real Seller",
      settlementCurrency: "CNY",
      timeZone: "Asia/Shanghai",
      createdAt: "2026-01-01T00:00:00.000Z",
    });

    const seller = keys(db, ["--role", "seller", "--seller", "seller-ghost"]);
    expect(seller.status, seller.stdout).not.toBe(0);
    expect(seller.stderr).toContain("No such seller: seller-ghost.");
    expect(seller.stdout).not.toMatch(/Secret/);

    const partner = keys(db, ["--role", "partner", "--sellers", "seller-real,seller-ghost", "--access", "read"]);
    expect(partner.status, partner.stdout).not.toBe(0);
    expect(partner.stderr).toContain("No such seller: seller-ghost.");

    const marketplace = keys(db, ["--role", "marketplace", "--sellers", "seller-gone,seller-real,seller-ghost"]);
    expect(marketplace.status, marketplace.stdout).not.toBe(0);
    expect(marketplace.stderr).toContain("No such seller: seller-gone, seller-ghost.");

    expect(await scanTable(db, "ApiKeys")).toEqual([]);
    expect(await scanTable(db, "Events")).toEqual([]);

    // The same commands for sellers that exist issue their keys.
    const issued = keys(db, ["--role", "seller", "--seller", "seller-real"]);
    expect(issued.status, issued.stderr).toBe(0);
    expect(issued.stdout).toMatch(/^Created SELLER key key_\S+ /);
    const shared = keys(db, ["--role", "partner", "--sellers", "seller-real", "--access", "read"]);
    expect(shared.status, shared.stderr).toBe(0);
    expect((await scanTable(db, "ApiKeys")).map((item) => item.role).sort()).toEqual(["PARTNER", "SELLER"]);
  }, 180_000);
});
