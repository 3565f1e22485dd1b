import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ApiKeys, createDocumentClient, SellersRepo, transactWrite, type Db, KeyRevocation } from "@seller-ops/db";
import { migrate } from "../../tools/migrate";
import { isolatedTables } from "../support/isolated";
import { loadFixture, storedItemFixtures } from "../support/stored-items";

/**
 * `npm run migrate` runs right after a deploy, with traffic flowing (README, "Upgrading a stage"): a request that
 * writes an item between migrate's read of it and migrate's write must win. These requests only ADD attributes to
 * the old item (a revocation's `revokedAt`; a seller's `language` and `version`, which the seller step adds too),
 * so every attribute migrate read is still equal when it writes.
 */

const fixture = storedItemFixtures()[0]!;
const now = () => fixture.clock.toISOString();

/**
 * Migrate's client: `change` (another process's request) lands right before migrate's first write of the item
 * `isTarget` names, after migrate has read it.
 */
function racingClient(db: Db, isTarget: (written: string) => boolean, change: () => Promise<void>) {
  const doc = createDocumentClient();
  const race = { landed: false };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: unknown; Item?: unknown };
      const write = context.commandName === "UpdateItemCommand" || context.commandName === "PutItemCommand";
      if (!race.landed && write && isTarget(`${input.TableName} ${JSON.stringify(input.Key ?? input.Item)}`)) {
        race.landed = true;
        await change();
      }
      return next(args);
    },
    { step: "initialize", name: "requestLandsFirst" },
  );
  return { db: { doc, tables: db.tables } as Db, race };
}

describe("npm run migrate beside live traffic", () => {
  it("keeps a key revoked when the revocation lands between migrate's read of the key and its write", async () => {
    const db = await isolatedTables("mig-race");
    await loadFixture(db, fixture);
    const keyHash = ApiKeys.hashSecret("demo-partner-key");
    expect(await ApiKeys.principalForSecret(db, "demo-partner-key")).not.toBeNull();

    const racing = racingClient(
      db,
      (written) => written.startsWith(db.tables.ApiKeys) && written.includes(keyHash),
      async () => {
        expect((await KeyRevocation.revokeKey(db, keyHash, "2026-12-01T00:00:00.000Z")).revoked).toBe(true);
      },
    );
    const [report] = await migrate(racing.db, { tables: ["ApiKeys"], now });
    expect(racing.race.landed).toBe(true);
    expect(report!.conflicts).toBe(0);

    const stored = (
      await db.doc.send(new GetCommand({ TableName: db.tables.ApiKeys, Key: { keyHash }, ConsistentRead: true }))
    ).Item!;
    // Migrated (apiKey-2 marks the read-write partner key) and still revoked.
    expect(stored).toMatchObject({ shape: 2, formerlyBuyerSide: true, revokedAt: "2026-12-01T00:00:00.000Z" });
    expect(await ApiKeys.principalForSecret(db, "demo-partner-key")).toBeNull();
  });

  it("keeps a seller's language change that lands between migrate's read of the profile and its write", async () => {
    const db = await isolatedTables("mig-race");
    await loadFixture(db, fixture);
    const sellerId = "seller-shenzhen-gadgets";

    const racing = racingClient(
      db,
      (written) =>
        written.startsWith(db.tables.Sellers) &&
        written.includes(`"SELLER#${sellerId}"`) &&
        written.includes('"PROFILE"'),
      async () => {
        // The updateSellerSettings mutation's write, on the profile stored before languages (read as version 1).
        const seller = (await SellersRepo.getSeller(db, sellerId, { consistent: true }))!;
        expect(seller).toMatchObject({ language: "en", version: 1 });
        const changed = { ...seller, language: "zh-CN" as const, version: 2, updatedAt: "2026-12-01T00:00:00.000Z" };
        expect((await transactWrite(db.doc, [SellersRepo.updateSellerSettingsWrite(db, changed, 1)])).ok).toBe(true);
      },
    );
    const [report] = await migrate(racing.db, { tables: ["Sellers"], now });
    expect(racing.race.landed).toBe(true);
    expect(report!.conflicts).toBe(0);

    const profile = (
      await db.doc.send(
        new GetCommand({ TableName: db.tables.Sellers, Key: { pk: `SELLER#${sellerId}`, sk: "PROFILE" } }),
      )
    ).Item!;
    expect(profile).toMatchObject({ shape: 2, language: "zh-CN", version: 2, updatedAt: "2026-12-01T00:00:00.000Z" });
    expect(await SellersRepo.getSeller(db, sellerId, { consistent: true })).toMatchObject({
      language: "zh-CN",
      version: 2,
    });
  });
});
