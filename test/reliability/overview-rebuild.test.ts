import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient, OverviewRepo, type Db } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { readOverview, recountOverview } from "../support/overview";
import { acceptedReturn, ok } from "../support/returns";
import { buyerOpensCase, world, type World } from "../support/world";

/**
 * `npm run stats -- rebuild` repairs a drifted overview while the service keeps changing it: a
 * change that lands during the repair is neither lost nor counted twice.
 */

/** The moment of a repair a change lands in. */
type Moment = "between the read and the recount" | "between the recount and the write";

/**
 * A client for the rebuild that lets the service change the seller once, at `moment`: right after
 * the repair has read the counters (before its recount), or right before its first write to them.
 */
function rebuildClient(w: World, moment: Moment, change: () => Promise<void>) {
  const doc = createDocumentClient();
  const overview = OverviewRepo.overviewKey(w.sellerId);
  let landed = false;
  let repairWrites = 0;
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: Record<string, unknown> };
      const onOverview = input.Key?.pk === overview.pk && input.Key?.sk === overview.sk;
      const sellersScan = context.commandName === "ScanCommand" && input.TableName === w.db.tables.Sellers;
      const write = context.commandName === "UpdateItemCommand" && onOverview;
      if (write) repairWrites++;
      if (write && moment === "between the recount and the write" && !landed) {
        landed = true;
        await change();
      }
      const result = await next(args);
      // The pass reads the sellers' counters first, then what they count: the change lands in between.
      const lastPage = sellersScan && !(result.output as { LastEvaluatedKey?: unknown }).LastEvaluatedKey;
      if (lastPage && moment === "between the read and the recount" && !landed) {
        landed = true;
        await change();
      }
      return result;
    },
    { step: "initialize", name: "changeDuringRepair" },
  );
  return { db: { doc, tables: w.db.tables } as Db, landed: () => landed, repairWrites: () => repairWrites };
}

describe("the overview rebuild, while the service keeps writing", () => {
  for (const moment of ["between the read and the recount", "between the recount and the write"] as const) {
    it(`repairs a drifted counter exactly when a change lands ${moment}`, async () => {
      const w = await world();
      await buyerOpensCase(w);
      // A drift: 3 cases more than there are (a lost or doubled write, the kind of bug the rebuild is for).
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Sellers,
          Key: OverviewRepo.overviewKey(w.sellerId),
          UpdateExpression: "ADD casesAwaitingSeller :x",
          ExpressionAttributeValues: { ":x": 3 },
        }),
      );
      expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ casesAwaitingSeller: 4 });

      const client = rebuildClient(w, moment, async () => {
        await buyerOpensCase(w);
      });
      const report = await rebuildStats(client.db, { write: true });
      expect(client.landed()).toBe(true);
      expect(report.overviewsWritten).toBe(1);
      expect(report.sellersRepairedAlone).toBe(1);

      const overview = await readOverview(w.api, w.key, w.sellerId);
      expect(overview).toMatchObject({ casesAwaitingSeller: 2 });
      expect(overview).toEqual(await recountOverview(w.db, w.sellerId, w.now));
      expect((await rebuildStats(w.db, { write: false })).overviewMismatches).toEqual([]);
      // The first write was refused (the change moved the version) and the repair started over.
      expect(client.repairWrites()).toBe(2);
    });
  }
});

describe("the overview rebuild, for an overview stored before returnsAwaitingSeller", () => {
  it("reports the missing counter and writes it from the seller's returns", async () => {
    const w = await world();
    const r = await acceptedReturn(w, { kind: "REFUND_WITH_RETURN", amount: { amountMinor: 1000, currency: "USD" } });
    const parcel = { carrier: "YunExpress", trackingNumber: "YT2611290001" };
    await ok(w, w.marketplace, "shipReturn", { caseId: r.caseId, returnId: r.returnId, ...parcel });
    // The item as a release before the counter left it: every other counter, none for returns.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: OverviewRepo.overviewKey(w.sellerId),
        UpdateExpression: "REMOVE returnsAwaitingSeller",
      }),
    );
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ returnsAwaitingSeller: 0 });

    const check = await rebuildStats(w.db, { write: false });
    expect(check.overviewMismatches).toEqual([
      { sellerId: w.sellerId, counter: "returnsAwaitingSeller", stored: 0, expected: 1 },
    ]);
    expect(check.overviewsWritten).toBe(0);
    expect((await rebuildStats(w.db, { write: true })).overviewsWritten).toBe(1);
    const overview = await readOverview(w.api, w.key, w.sellerId);
    expect(overview).toMatchObject({ returnsAwaitingSeller: 1 });
    expect(overview).toEqual(await recountOverview(w.db, w.sellerId, w.now));
    // Kept by the changes from then on.
    await ok(w, w.key, "confirmReturnReceived", { caseId: r.caseId, returnId: r.returnId });
    await ok(w, w.key, "refundReturn", { caseId: r.caseId, returnId: r.returnId });
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({ returnsAwaitingSeller: 0 });
    expect((await rebuildStats(w.db, { write: false })).overviewMismatches).toEqual([]);
  });
});
