import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { CasesRepo, createDocumentClient, RefundGuardsRepo, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { functionTables } from "@seller-ops/functions/src/tables";
import {
  outcomeLine,
  repairRefundGuards,
  summaryLines,
  type RefundGuardOutcome,
} from "../../tools/repair-refund-guards";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { laggingReads } from "../support/lagging-reads";
import { scanTable } from "../support/scan";
import { linkedOnly, mutate, orderDue, world, type World } from "../support/world";

/**
 * `npm run repair:refund-guards`: refunds recorded before a refund's reference took a guard item per order have
 * none; the tool gives each the guard the service writes today, so DUPLICATE_REFUND holds for them without the
 * cases index (which lags: `laggingReads`).
 */

interface Scene {
  w: World;
  orderId: string;
  a: string;
  b: string;
  lag: ReturnType<typeof laggingReads>;
  api: World["api"];
}

/** A shipped order of 40.00 USD with two buyer cases; the API from then on reads through a lagging copy. */
async function twoCases(w?: World): Promise<Scene> {
  const at = w ?? (await world());
  const order = await orderDue(at, 24);
  await mutate(
    at,
    at.key,
    "markOrderShipped",
    "MarkOrderShippedInput",
    { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" },
    "order { id }",
  );
  const open = async (reason: string) =>
    (
      await mutate(
        at,
        at.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason, source: "BUYER" },
        "case { id }",
      )
    ).case.id as string;
  const a = await open("DAMAGED");
  const b = await open("WRONG_ITEM");
  const lag = laggingReads(at.db);
  const api = createGraphqlHandler({ db: linkedOnly(lag.db, functionTables.graphql), clock: () => at.now });
  return { w: at, orderId: order.id, a, b, lag, api };
}

async function remedy(s: Scene, caseId: string, input: Record<string, unknown>): Promise<any> {
  const response = await graphql(
    s.api,
    `mutation($input: RecordRemedyInput!) { recordRemedy(input: $input) {
      case { id } userErrors { code message field } } }`,
    { key: s.w.key, variables: { input: { caseId, ...input } } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.recordRemedy;
}

const refund = (s: Scene, caseId: string, reference: string, amountMinor: number) =>
  remedy(s, caseId, { kind: "PARTIAL_REFUND", reference, amount: { amountMinor, currency: "USD" } });

const guardItem = async (s: Scene, reference: string) =>
  (
    await s.w.db.doc.send(
      new GetCommand({
        TableName: s.w.db.tables.Orders,
        Key: RefundGuardsRepo.refundGuardKey(s.orderId, reference),
        ConsistentRead: true,
      }),
    )
  ).Item;

/** A refund as the release before the guard recorded it: recorded, then its guard deleted. The guard it had. */
async function oldRefund(s: Scene, caseId: string, sent: string, amountMinor: number) {
  expect((await refund(s, caseId, sent, amountMinor)).userErrors).toEqual([]);
  const reference = sent.trim();
  const guard = await guardItem(s, reference);
  expect(guard).toMatchObject({ caseId, reference });
  await s.w.db.doc.send(
    new DeleteCommand({ TableName: s.w.db.tables.Orders, Key: RefundGuardsRepo.refundGuardKey(s.orderId, reference) }),
  );
  return guard;
}

async function orderRefunded(s: Scene): Promise<number> {
  s.lag.catchUp();
  const read = await graphql(s.w.api, "query($id: ID!) { order(id: $id) { refunded { amountMinor } } }", {
    key: s.w.key,
    variables: { id: s.orderId },
  });
  return read.body.data.order.refunded.amountMinor;
}

/**
 * Case A: an old refund (sent with spaces around its reference, stored trimmed) and a support ticket's reference
 * (no refund: never guarded); case B: a refund the current release recorded, guarded.
 */
async function oldWorld() {
  const s = await twoCases();
  const serviceGuard = await oldRefund(s, s.a, "  AE-REFUND-1 ", 1500);
  const ticket = await remedy(s, s.a, { kind: "PLATFORM_SUPPORT_TICKET", reference: "TICKET-1" });
  expect(ticket.userErrors).toEqual([]);
  expect((await refund(s, s.b, "AE-REFUND-2", 1000)).userErrors).toEqual([]);
  return { s, serviceGuard };
}

describe("npm run repair:refund-guards", { timeout: 120_000 }, () => {
  it("gives an old refund the service's guard: its reference is refused on another case at once", async () => {
    const { s, serviceGuard } = await oldWorld();
    const outcomes: RefundGuardOutcome[] = [];
    const report = await repairRefundGuards(s.w.db, { onOutcome: (o) => outcomes.push(o) });
    expect(report).toEqual({
      dryRun: false,
      examined: 2,
      references: 2,
      written: 1,
      alreadyGuarded: 1,
      conflicts: [],
    });
    // The very item the service wrote with the refund, shape stamp included.
    expect(await guardItem(s, "AE-REFUND-1")).toEqual(serviceGuard);
    expect(await guardItem(s, "TICKET-1")).toBeUndefined();
    expect(outcomes.map((o) => outcomeLine(o, false)).filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^guarded reference AE-REFUND-1 of order ${s.orderId}: case ${s.a} `)),
    ]);

    // The ERP syncs the old refund onto case B while the index still misses case A's refund: refused at once.
    const again = await refund(s, s.b, "AE-REFUND-1", 1500);
    expect(again.case).toBeNull();
    expect(again.userErrors).toEqual([
      expect.objectContaining({ code: "DUPLICATE_REFUND", message: expect.stringContaining(`on case ${s.a}`) }),
    ]);
    expect(await orderRefunded(s)).toBe(2500);

    // A second run writes nothing.
    const orders = await scanTable(s.w.db, "Orders");
    const second = await repairRefundGuards(s.w.db);
    expect(second).toMatchObject({ examined: 2, references: 2, written: 0, alreadyGuarded: 2, conflicts: [] });
    expect(await scanTable(s.w.db, "Orders")).toEqual(orders);
  });

  it("a dry run lists the guards it would write and writes nothing", async () => {
    const { s } = await oldWorld();
    const tables = ["Orders", "Cases"] as const;
    const before = await Promise.all(tables.map((t) => scanTable(s.w.db, t)));
    const lines: string[] = [];
    const report = await repairRefundGuards(s.w.db, {
      dryRun: true,
      onOutcome: (o) => lines.push(outcomeLine(o, true) ?? ""),
    });
    expect(report).toMatchObject({ dryRun: true, examined: 2, references: 2, written: 1, alreadyGuarded: 1 });
    expect(lines.filter(Boolean)).toEqual([expect.stringMatching(/^would guard reference AE-REFUND-1 /)]);
    expect(summaryLines(report)).toEqual([
      "Cases examined: 2, refunds with a reference 2, guards to write 1 (dry run: 0 written), " +
        "already guarded 1, conflicts 0",
    ]);
    expect(await Promise.all(tables.map((t) => scanTable(s.w.db, t)))).toEqual(before);
  });

  it("reports a reference already counted on two cases of the order, and guards the earliest", async () => {
    const s = await twoCases();
    const first = await oldRefund(s, s.a, "AE-REFUND-9", 1500);
    s.w.now = new Date(s.w.now.getTime() + HOUR);
    // The old release read the order's other cases from the lagging index only: counted twice.
    await oldRefund(s, s.b, "AE-REFUND-9", 1200);
    expect(await orderRefunded(s)).toBe(2700);

    const report = await repairRefundGuards(s.w.db);
    expect(report).toMatchObject({ examined: 2, references: 2, written: 1, alreadyGuarded: 0 });
    expect(report.conflicts).toEqual([
      {
        orderId: s.orderId,
        reference: "AE-REFUND-9",
        refund: expect.objectContaining({ caseId: s.b, amount: { amountMinor: 1200, currency: "USD" } }),
        holder: expect.objectContaining({ caseId: s.a, amount: { amountMinor: 1500, currency: "USD" } }),
      },
    ]);
    expect(await guardItem(s, "AE-REFUND-9")).toEqual(first);
    const [conflict] = report.conflicts;
    expect(outcomeLine({ kind: "conflict", ...conflict! }, false)).toBe(
      `CONFLICT order ${s.orderId} reference AE-REFUND-9: case ${s.b} remedy ${conflict!.refund.remedyId} ` +
        `(PARTIAL_REFUND 1200 USD, recorded ${conflict!.refund.recordedAt}) is also recorded on case ${s.a} ` +
        `remedy ${conflict!.holder.remedyId} (PARTIAL_REFUND 1500 USD, recorded ${conflict!.holder.recordedAt}), ` +
        "which holds the guard",
    );
    expect(summaryLines(report)[1]).toMatch(/^1 refund reference\(s\) are recorded on two cases of one order/);

    // Run again: nothing written, the conflict reported again (it needs an operator).
    const second = await repairRefundGuards(s.w.db);
    expect(second).toMatchObject({ written: 0, alreadyGuarded: 1, conflicts: [expect.anything()] });
  });

  it("guards a reference an earlier release stored as typed under the folded spelling sent today", async () => {
    const s = await twoCases();
    await oldRefund(s, s.a, "AE-REFUND-5", 1500);
    // As the release before references were folded (NFKC) stored it: the full-width spelling a Chinese input method
    // types, on the case and in the guard's key.
    const typed = "ＡＥ－ＲＥＦＵＮＤ－５";
    const stored = (
      await s.w.db.doc.send(new GetCommand({ TableName: s.w.db.tables.Cases, Key: CasesRepo.caseKey(s.a) }))
    ).Item!;
    const remedies = (stored.remedies as { reference: string | null }[]).map((r) =>
      r.reference === "AE-REFUND-5" ? { ...r, reference: typed } : r,
    );
    await s.w.db.doc.send(new PutCommand({ TableName: s.w.db.tables.Cases, Item: { ...stored, remedies } }));
    const typedKey = { pk: `ORDER_REFUND#${s.orderId}#${typed}`, sk: "GUARD" };
    await s.w.db.doc.send(new PutCommand({ TableName: s.w.db.tables.Orders, Item: { ...typedKey, reference: typed } }));
    expect(await guardItem(s, "AE-REFUND-5")).toBeUndefined();

    const report = await repairRefundGuards(s.w.db);
    expect(report).toMatchObject({ examined: 2, references: 1, written: 1, alreadyGuarded: 0, conflicts: [] });
    expect(await guardItem(s, "AE-REFUND-5")).toMatchObject({ caseId: s.a, reference: typed });

    // Sent today, folded, on case B while the index still misses case A's refund: the folded guard refuses it.
    const again = await refund(s, s.b, typed, 1500);
    expect(again.userErrors).toEqual([
      expect.objectContaining({ code: "DUPLICATE_REFUND", message: expect.stringContaining(`on case ${s.a}`) }),
    ]);
    expect(await orderRefunded(s)).toBe(1500);
  });

  it("never overwrites a guard the live service wrote between its read and its write", async () => {
    const { s } = await oldWorld();
    // The service's guard of the reference for a refund on case B, written just before the tool's own write.
    const live: RefundGuardsRepo.RefundGuard = {
      orderId: s.orderId,
      reference: "AE-REFUND-1",
      caseId: s.b,
      remedyId: "live-remedy",
      kind: "FULL_REFUND",
      amount: { amountMinor: 2500, currency: "USD" },
      recordedAt: s.w.now.toISOString(),
    };
    const doc = createDocumentClient();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        // The key may be seen plain or marshalled ({ S: "…" }), as in `laggingReads`.
        const pk = (args.input as { Item?: { pk?: unknown } }).Item?.pk;
        const key = pk && typeof pk === "object" && "S" in pk ? pk.S : pk;
        if (/^Put(Item)?Command$/.test(context.commandName ?? "") && String(key).startsWith("ORDER_REFUND#")) {
          await s.w.db.doc.send(new PutCommand(RefundGuardsRepo.refundGuardWrite(s.w.db, live).Put!));
        }
        return next(args);
      },
      { step: "initialize", name: "liveServiceFirst" },
    );
    const racing: Db = { doc, tables: s.w.db.tables };
    const report = await repairRefundGuards(racing);
    expect(report).toMatchObject({ written: 0, alreadyGuarded: 1 });
    expect(report.conflicts).toEqual([
      expect.objectContaining({ refund: expect.objectContaining({ caseId: s.a }), holder: live }),
    ]);
    expect(await RefundGuardsRepo.getRefundGuard(s.w.db, s.orderId, "AE-REFUND-1")).toEqual(live);
  });
});
