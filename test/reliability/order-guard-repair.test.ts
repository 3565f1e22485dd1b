import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { createDocumentClient, OrdersRepo, transactWrite, type Db } from "@seller-ops/db";
import { ulid } from "ulid";
import { outcomeLine, repairOrderGuards, summaryLines, type OrderGuardOutcome } from "../../tools/repair-order-guards";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { scanTable } from "../support/scan";
import { createOrderAs, DECOMPOSED, PRECOMPOSED, world, type World } from "../support/world";

/**
 * `npm run repair:order-guards`: an order an earlier release created under a marketplace id NFKC changes has its
 * uniqueness guard keyed as typed, so the same order sent today (folded) would be a second one. The tool gives it the
 * guard of the folded spelling, and reports the marketplace orders already recorded twice.
 */

/** An order as a release before the folding stored it: its id kept as typed, in the order and in its guard's key. */
async function legacyOrder(w: World, typed: string): Promise<string> {
  const made = await createOrderAs(w, `SEED-${ulid()}`);
  expect(made.userErrors).toEqual([]);
  const stored = await OrdersRepo.getOrder(w.db, made.order.id, { consistent: true });
  const legacy = { ...stored!, id: ulid(), marketplaceOrderId: typed, createdAt: w.now.toISOString() };
  expect((await transactWrite(w.db.doc, OrdersRepo.createOrderWrites(w.db, legacy))).ok).toBe(true);
  return legacy.id;
}

const guard = async (w: World, marketplaceOrderId: string) =>
  (
    await w.db.doc.send(
      new GetCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.marketplaceGuardKey(w.sellerId, marketplaceOrderId),
        ConsistentRead: true,
      }),
    )
  ).Item;

async function byMarketplaceId(w: World, marketplaceOrderId: string): Promise<string | null> {
  const q = `query($m: String) { order(marketplaceOrderId: $m) { id } }`;
  const response = await graphql(w.api, q, { key: w.key, variables: { m: marketplaceOrderId } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.order?.id ?? null;
}

const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

describe("npm run repair:order-guards", { timeout: 120_000 }, () => {
  it("guards an order stored under a decomposed id: the folded spelling sent today is DUPLICATE_ORDER", async () => {
    const w = await world();
    const legacy = await legacyOrder(w, DECOMPOSED);
    const outcomes: OrderGuardOutcome[] = [];
    const report = await repairOrderGuards(w.db, { onOutcome: (o) => outcomes.push(o) });
    // The seed order and the legacy one; only the legacy one's id changes under NFKC.
    expect(report).toEqual({ dryRun: false, examined: 2, unfolded: 1, written: 1, alreadyGuarded: 0, conflicts: [] });
    expect(outcomes.map((o) => outcomeLine(o, false))).toEqual([
      `guarded ${PRECOMPOSED} for order ${legacy} of seller ${w.sellerId} (marketplace id "${DECOMPOSED}", ` +
        `created ${w.now.toISOString()})`,
    ]);
    // The item createOrder writes, shape stamp included, under the folded key; the typed one stays.
    const written = await guard(w, PRECOMPOSED);
    const typed = await guard(w, DECOMPOSED);
    expect(written).toEqual({ ...typed, pk: OrdersRepo.marketplaceGuardKey(w.sellerId, PRECOMPOSED).pk });
    expect(written?.orderId).toBe(legacy);

    const again = await createOrderAs(w, PRECOMPOSED);
    expect(again.order).toBeNull();
    expect(codes(again)).toEqual(["DUPLICATE_ORDER"]);
    expect(again.userErrors[0].message).toContain(legacy);
    expect(await byMarketplaceId(w, PRECOMPOSED)).toBe(legacy);
    expect(await byMarketplaceId(w, DECOMPOSED)).toBe(legacy);

    // A second run writes nothing.
    const before = await scanTable(w.db, "Orders");
    const second = await repairOrderGuards(w.db);
    expect(second).toMatchObject({ unfolded: 1, written: 0, alreadyGuarded: 1, conflicts: [] });
    expect(await scanTable(w.db, "Orders")).toEqual(before);
  });

  it("a dry run lists the guards it would write and writes nothing", async () => {
    const w = await world();
    await legacyOrder(w, "ＡＥ－２０２６－７７");
    const before = await scanTable(w.db, "Orders");
    const lines: string[] = [];
    const report = await repairOrderGuards(w.db, {
      dryRun: true,
      onOutcome: (o) => lines.push(outcomeLine(o, true) ?? ""),
    });
    expect(report).toMatchObject({ dryRun: true, unfolded: 1, written: 1, alreadyGuarded: 0 });
    expect(lines).toEqual([expect.stringMatching(/^would guard AE-2026-77 for order /)]);
    expect(summaryLines(report)).toEqual([
      "Orders examined: 2, with a marketplace id NFKC changes 1, guards to write 1 (dry run: 0 written), " +
        "already guarded 0, conflicts 0",
    ]);
    expect(await scanTable(w.db, "Orders")).toEqual(before);
  });

  it("reports a marketplace order already recorded twice, and guards the earliest of two old spellings", async () => {
    const w = await world();
    // Already counted twice: the old release's decomposed order, then today's precomposed create.
    const old = await legacyOrder(w, DECOMPOSED);
    const today = (await createOrderAs(w, PRECOMPOSED)).order.id as string;
    // Two old spellings of one full-width id, an hour apart, neither folded.
    const first = await legacyOrder(w, "ＡＥ－９");
    w.now = new Date(w.now.getTime() + HOUR);
    const later = await legacyOrder(w, "AE－９");

    const report = await repairOrderGuards(w.db);
    expect(report).toMatchObject({ unfolded: 3, written: 1, alreadyGuarded: 0 });
    expect(report.conflicts.map((c) => [c.order.orderId, c.holderOrderId])).toEqual(
      expect.arrayContaining([
        [old, today],
        [later, first],
      ]),
    );
    expect(report.conflicts).toHaveLength(2);
    expect((await guard(w, "AE-9"))?.orderId).toBe(first);
    expect((await guard(w, PRECOMPOSED))?.orderId).toBe(today);
    const conflict = report.conflicts.find((c) => c.order.orderId === old)!;
    expect(outcomeLine(conflict, false)).toBe(
      `CONFLICT order ${old} of seller ${w.sellerId} (marketplace id "${DECOMPOSED}", ` +
        `created ${conflict.order.createdAt}) ` +
        `is the marketplace order ${PRECOMPOSED}, already recorded as order ${today}, which holds the guard`,
    );
    expect(summaryLines(report)[1]).toMatch(/^2 order\(s\) are a marketplace order recorded twice/);

    // Run again: nothing written, the conflicts reported again (they need an operator).
    const second = await repairOrderGuards(w.db);
    expect(second).toMatchObject({ written: 0, alreadyGuarded: 1, conflicts: [expect.anything(), expect.anything()] });
  });

  it("never overwrites a guard the live service wrote between its read and its write", async () => {
    const w = await world();
    const legacy = await legacyOrder(w, DECOMPOSED);
    const live = ulid();
    const doc = createDocumentClient();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const pk = (args.input as { Item?: { pk?: unknown } }).Item?.pk;
        const key = pk && typeof pk === "object" && "S" in pk ? pk.S : pk;
        if (/^Put(Item)?Command$/.test(context.commandName ?? "") && String(key).startsWith("MARKETPLACE_ORDER#")) {
          const order = { id: live, sellerId: w.sellerId, createdAt: w.now.toISOString() };
          await w.db.doc.send(new PutCommand(OrdersRepo.marketplaceGuardWrite(w.db, order, PRECOMPOSED).Put!));
        }
        return next(args);
      },
      { step: "initialize", name: "liveServiceFirst" },
    );
    const racing: Db = { doc, tables: w.db.tables };
    const report = await repairOrderGuards(racing);
    expect(report).toMatchObject({ written: 0, alreadyGuarded: 0 });
    expect(report.conflicts.map((c) => [c.order.orderId, c.holderOrderId])).toEqual([[legacy, live]]);
    expect((await guard(w, PRECOMPOSED))?.orderId).toBe(live);
  });
});
