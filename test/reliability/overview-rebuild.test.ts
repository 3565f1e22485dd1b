import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient, OverviewRepo, type Db } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { readOverview, recountOverview } from "../support/overview";
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
      const input = args.input as { ConsistentRead?: boolean; Key?: Record<string, unknown> };
      const onOverview = input.Key?.pk === overview.pk && input.Key?.sk === overview.sk;
      const read = context.commandName === "GetItemCommand" && onOverview && input.ConsistentRead === true;
      const write = context.commandName === "UpdateItemCommand" && onOverview;
      if (write) repairWrites++;
      if (write && moment === "between the recount and the write" && !landed) {
        landed = true;
        await change();
      }
      const result = await next(args);
      if (read && moment === "between the read and the recount" && !landed) {
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

      const overview = await readOverview(w.api, w.key, w.sellerId);
      expect(overview).toMatchObject({ casesAwaitingSeller: 2 });
      expect(overview).toEqual(await recountOverview(w.db, w.sellerId, w.now));
      expect((await rebuildStats(w.db, { write: false })).overviewMismatches).toEqual([]);
      // The first write was refused (the change moved the version) and the repair started over.
      expect(client.repairWrites()).toBe(2);
    });
  }
});
