import { describe, expect, it } from "vitest";
import { Cases, Orders, Stats } from "@seller-ops/core";
import {
  CasesRepo,
  currentShape,
  OrdersRepo,
  kindOf,
  RefundGuardsRepo,
  SHAPE_ATTRIBUTE,
  TABLE_NAMES,
  type Db,
  type ItemKind,
  type TableName,
  upgraded,
} from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { migrate } from "../../tools/migrate";
import { rebuildStats } from "../../tools/stats-rebuild";
import { readOverview, recountOverview } from "../support/overview";
import { graphql, type LambdaHttpHandler } from "../support/api";
import { DAY, testEpoch } from "../support/clock";
import { isolatedTables } from "../support/isolated";
import { everyField, loadFixture, scanAll, storedItemFixtures, type StoredItemsFixture } from "../support/stored-items";

/**
 * Stored data survives every change (docs/changing-stored-data.md): the items older mains wrote,
 * committed as fixtures, are migrated by `npm run migrate` and then read through every read path
 * of the GraphQL handler. The demo keys' secrets are fixed (packages/local/src/seed*.ts), so the
 * fixture's own keys authenticate the reads.
 */

const SELLER_KEY = "demo-seller-shenzhen-gadgets-key";
const SELLER_ID = "seller-shenzhen-gadgets";
const PARTNER_KEY = "demo-partner-key";
const OPERATOR_KEY = "demo-operator-key";

function countByKind(items: Record<TableName, Record<string, unknown>[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    for (const item of items[table]) {
      const kind = kindOf(table, item);
      const label = kind ?? `${table}:unknown`;
      counts[label] = (counts[label] ?? 0) + 1;
    }
  }
  return counts;
}

async function query(api: LambdaHttpHandler, key: string, text: string, variables?: Record<string, unknown>) {
  const response = await graphql(api, text, { key, variables });
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data;
}

/**
 * Every read path, authenticated by the fixture's own keys; returns what was read, to compare before and after
 * migration.
 */
async function readEverything(db: Db, fixture: StoredItemsFixture) {
  const api = createGraphqlHandler({ db, clock: () => fixture.clock });
  const sellerOrders = fixture.items.Orders.filter((i) => kindOf("Orders", i) === "order" && i.sellerId === SELLER_ID);
  const sellerCases = fixture.items.Cases.filter((i) => kindOf("Cases", i) === "case" && i.sellerId === SELLER_ID);
  const sellerDeposits = fixture.items.Deposits.filter(
    (i) => kindOf("Deposits", i) === "deposit" && i.sellerId === SELLER_ID,
  );
  const order = sellerOrders[0]!;
  const aCase = sellerCases[0]!;

  const orders = await query(
    api,
    SELLER_KEY,
    `{ orders(first: 50) { edges { node { ${everyField("Order", 2)} } } pageInfo { hasNextPage } } }`,
  );
  expect(orders.orders.edges.map((e: any) => e.node.id).sort()).toEqual(sellerOrders.map((o) => o.id).sort());
  const eachOrder = [];
  for (const o of sellerOrders)
    eachOrder.push(
      await query(api, SELLER_KEY, `query($id: ID!) { order(id: $id) { ${everyField("Order", 4)} } }`, { id: o.id }),
    );
  const late = await query(
    api,
    SELLER_KEY,
    `{ late: orders(filter: { late: true }, first: 100) { edges { node { id late } } } atRisk: orders(filter: { ` +
      `atRisk: true }, first: 100) { edges { node { id atRisk } } } queue: lateOrders(first: 100) { edges { node { ` +
      `id remedyPlan { __typename } } } } }`,
  );
  expect(late.late.edges.every((e: any) => e.node.late)).toBe(true);
  expect(late.atRisk.edges.every((e: any) => e.node.atRisk)).toBe(true);
  expect(late.late.edges.length + late.atRisk.edges.length).toBeGreaterThan(0);
  const one = await query(
    api,
    SELLER_KEY,
    `query($id: ID!) { order(id: $id) { ${everyField("Order", 3)} } orderRisk(orderId: $id) { ` +
      `${everyField("RiskAssessment", 2)} } }`,
    { id: order.id },
  );
  expect(one.order.id).toBe(order.id);

  // A page of 30: every field of a case, its returns' and availableActions' costs included, is over the budget at 40
  // (the fixture has fewer cases: the page must hold them all).
  const cases = await query(api, SELLER_KEY, `{ cases(first: 30) { edges { node { ${everyField("Case", 2)} } } } }`);
  expect(cases.cases.edges.map((e: any) => e.node.id).sort()).toEqual(sellerCases.map((c) => c.id).sort());
  const eachCase = [];
  for (const c of sellerCases) {
    const read = await query(
      api,
      SELLER_KEY,
      `query($id: ID!) { case(id: $id) { ${everyField("Case", 3, ["Case.order"])} fullTimeline: timeline(first: ` +
        `100) { edges { node { ${everyField("CaseEvent", 2)} } } } } }`,
      { id: c.id },
    );
    const events = fixture.items.Cases.filter((i) => kindOf("Cases", i) === "caseEvent" && i.caseId === c.id);
    expect(read.case.fullTimeline.edges, `timeline of ${String(c.id)}`).toHaveLength(events.length);
    // Entries written before timeline texts (caseEvent shape 2) read as their stored English line, less the note
    // given with an escalation or a resolution, which reads as the entry's body (caseEvent shape 3).
    const stored = new Map(events.map((e) => [e.eventId, e]));
    for (const { node } of read.case.fullTimeline.edges) {
      const before = stored.get(node.id)!;
      if (before.said !== undefined) continue;
      if (node.type === "MESSAGE" || node.type === "OPENED" || node.body === null)
        expect([node.summary, node.body], String(node.id)).toEqual([before.summary, before.body]);
      else expect(before.summary, String(node.id)).toBe(`${node.summary.slice(0, -1)}: ${node.body}`);
    }
    eachCase.push(read);
  }
  const caseOne = await query(
    api,
    PARTNER_KEY,
    `query($id: ID!) { case(id: $id) { ${everyField("Case", 3)} } caseRisk(caseId: $id) { ` +
      `${everyField("RiskAssessment", 2)} } }`,
    { id: aCase.id },
  );
  expect(caseOne.case.id).toBe(aCase.id);

  // Partner lookups over stored items: every order and case a main wrote carries `updatedAt`, so
  // the `updatedSince` indexes hold them all without a backfill step (the test fails if one does not).
  for (const item of [...sellerOrders, ...sellerCases]) expect(typeof item.updatedAt, String(item.pk)).toBe("string");
  const byMarketplaceId = [];
  for (const o of sellerOrders) {
    const read = await query(
      api,
      PARTNER_KEY,
      `query($m: String!, $s: ID!) { order(marketplaceOrderId: $m, sellerId: $s) { id marketplaceOrderId } }`,
      {
        m: o.marketplaceOrderId,
        s: SELLER_ID,
      },
    );
    expect(read.order).toEqual({ id: o.id, marketplaceOrderId: o.marketplaceOrderId });
    byMarketplaceId.push(read);
  }
  const since = [...sellerOrders, ...sellerCases].map((i) => String(i.updatedAt)).sort()[0];
  const changed = await query(
    api,
    PARTNER_KEY,
    `query($s: ID!, $since: DateTime!) {
    orders(sellerId: $s, filter: { updatedSince: $since }, first: 100) { edges { node { id updatedAt } } pageInfo {
      hasNextPage } }
    cases(sellerId: $s, filter: { updatedSince: $since }, first: 100) { edges { node { id updatedAt } } pageInfo {
      hasNextPage } } }`,
    { s: SELLER_ID, since },
  );
  expect(changed.orders.edges.map((e: any) => e.node.id).sort()).toEqual(sellerOrders.map((o) => o.id).sort());
  expect(changed.cases.edges.map((e: any) => e.node.id).sort()).toEqual(sellerCases.map((c) => c.id).sort());
  const changeOrder = (edges: any[]) => edges.map((e) => e.node.updatedAt);
  expect(changeOrder(changed.orders.edges)).toEqual([...changeOrder(changed.orders.edges)].sort());
  expect(changeOrder(changed.cases.edges)).toEqual([...changeOrder(changed.cases.edges)].sort());

  // A page of 20: with every field of up to 10 applications per deposit (the cost's assumption), 100 is over the query
  // budget. An application's verdict now (each an assessment, priced as such) is read below, through the operator's
  // queue.
  expect(sellerDeposits.length).toBeLessThanOrEqual(20);
  const skipped = [
    "DepositRefundApplication.deposit",
    "DepositRefundApplication.currentEligibility",
    "DepositRefundApplication.currentRecommendation",
  ];
  const deposits = await query(
    api,
    SELLER_KEY,
    `{ deposits(first: 20) { edges { node { ${everyField("Deposit", 3, skipped)} } } } }`,
  );
  expect(deposits.deposits.edges.map((e: any) => e.node.id).sort()).toEqual(sellerDeposits.map((d) => d.id).sort());
  const eligibility = [];
  for (const deposit of sellerDeposits) {
    const read = await query(
      api,
      SELLER_KEY,
      `query($id: ID!) { depositRefundEligibility(depositId: $id) { ${everyField("DepositRefundEligibility", 4)} ` +
        `} deposit(id: $id) { id status } }`,
      { id: deposit.id },
    );
    expect(read.depositRefundEligibility.depositId).toBe(deposit.id);
    eligibility.push(read);
  }

  const operator = {
    ...(await query(
      api,
      OPERATOR_KEY,
      `{ apiKeys(first: 50) { edges { node { ${everyField("ApiKey", 2)} } } } sellerRisk(sellerId: ` +
        `"${SELLER_ID}") { ${everyField("RiskAssessment", 2)} } }`,
    )),
    ...(await query(api, OPERATOR_KEY, `{ sellers(first: 10) { edges { node { ${everyField("Seller", 4)} } } } }`)),
    ...(await query(
      api,
      OPERATOR_KEY,
      // The deposit's own fields are read above (the seller's deposits): here its id, so that its applications, each
      // with a priced assessment, are not read again under each application.
      `{ pending: depositRefundApplications(status: PENDING, first: 20) { edges { node {
        ${everyField("DepositRefundApplication", 3, ["DepositRefundApplication.deposit"])} deposit { id status } } } }
         denied: depositRefundApplications(status: DENIED, first: 20) { edges { node { id status } } } }`,
    )),
  };
  expect(operator.apiKeys.edges).toHaveLength(fixture.items.ApiKeys.length);
  expect(operator.sellers.edges).toHaveLength(
    fixture.items.Sellers.filter((i) => kindOf("Sellers", i) === "seller").length,
  );
  const applications = fixture.items.Deposits.filter((i) => kindOf("Deposits", i) === "refundApplication");
  expect(operator.pending.edges.length + operator.denied.edges.length).toBe(
    applications.filter((a) => a.status === "PENDING" || a.status === "DENIED").length,
  );
  const seller = await query(
    api,
    SELLER_KEY,
    `{ seller(id: "${SELLER_ID}") { ${everyField("Seller", 4)} } sellerRisk { score } }`,
  );
  expect(seller.seller.id).toBe(SELLER_ID);
  // Profiles stored before the language setting read as English, version 1 (seller-2-language-and-version).
  expect(seller.seller).toMatchObject({ language: "EN", version: 1 });

  return {
    orders,
    eachOrder,
    late,
    one,
    cases,
    eachCase,
    caseOne,
    byMarketplaceId,
    changed,
    deposits,
    eligibility,
    operator,
    seller,
  };
}

describe.each(storedItemFixtures().map((f) => [f.name, f] as const))(
  "items stored by an older main (%s)",
  (_, fixture) => {
    it("has every kind of item the service writes", () => {
      const counts = countByKind(fixture.items);
      const kinds: ItemKind[] = [
        "seller",
        "sellerDay",
        "order",
        "marketplaceOrderGuard",
        "case",
        "caseEvent",
        "deposit",
        "refundApplication",
        "violation",
        "apiKey",
        "idempotencyRecord",
      ];
      for (const kind of kinds) expect(counts[kind], kind).toBeGreaterThan(0);
      expect(Object.keys(counts).filter((k) => k.endsWith(":unknown"))).toEqual([]);
    });

    it("are read as they are, migrated to the current shapes, read the same afterwards, and a second run changes " +
      "nothing", async () => {
      const db = await isolatedTables("stored");
      await loadFixture(db, fixture);
      const before = await readEverything(db, fixture);

      const first = await migrate(db, { pageSize: 10, now: () => fixture.clock.toISOString() });
      const migrated = Object.fromEntries(
        Object.entries(countByKind(fixture.items)).filter(([kind]) => currentShape(kind as ItemKind) > 0),
      );
      const reported: Record<string, number> = {};
      for (const r of first)
        for (const [kind, n] of Object.entries(r.migrated)) reported[kind] = (reported[kind] ?? 0) + n;
      // Every fixture item older than its kind's current shape was written once; nothing conflicted or was unknown.
      const older = countByKind(
        Object.fromEntries(
          TABLE_NAMES.map((t) => [
            t,
            fixture.items[t].filter((i) => (typeof i.shape === "number" ? i.shape : 0) < currentShape(kindOf(t, i)!)),
          ]),
        ) as never,
      );
      expect(reported).toEqual(older);
      expect(first.every((r) => r.conflicts === 0 && r.unknown === 0 && !r.resumed)).toBe(true);
      expect(Object.keys(migrated).length).toBeGreaterThan(0);

      const afterFirst = await scanAll(db);
      for (const table of TABLE_NAMES) {
        for (const item of afterFirst[table])
          expect(item[SHAPE_ATTRIBUTE], `${table} ${String(item.pk ?? item.keyHash)}`).toBe(
            currentShape(kindOf(table, item)!),
          );
      }

      const second = await migrate(db, { pageSize: 10, now: () => fixture.clock.toISOString() });
      expect(second.map((r) => r.migrated)).toEqual(TABLE_NAMES.map(() => ({})));
      const afterSecond = await scanAll(db);
      const withoutProgress = (all: typeof afterSecond) => ({
        ...all,
        Idempotency: all.Idempotency.filter((i) => kindOf("Idempotency", i) !== "migrationProgress"),
      });
      expect(withoutProgress(afterSecond)).toEqual(withoutProgress(afterFirst));

      const after = await readEverything(db, fixture);
      expect(after).toEqual(before);

      // order-2: an order the job flagged late names the job's case as its one late-shipment case.
      const flagged = afterSecond.Orders.filter((i) => kindOf("Orders", i) === "order" && i.lateFlaggedAt);
      expect(flagged.length).toBeGreaterThan(0);
      for (const o of flagged) expect(o.lateShipmentCaseId, String(o.id)).toBe(`late-${String(o.id)}`);
      for (const o of afterSecond.Orders.filter((i) => kindOf("Orders", i) === "order" && !i.lateFlaggedAt))
        expect(o.lateShipmentCaseId ?? null).toBeNull();
      // order-3: an order recorded more than 7 days after its placedAt is in its seller's index of them, at its
      // placedAt; no other order. The fixture's seed recorded some of its orders' history late.
      const storedOrders = afterSecond.Orders.filter((i) => kindOf("Orders", i) === "order");
      const recordedLate = storedOrders.filter((o) => Orders.recordedLate(Orders.Info.parse(o)));
      expect(recordedLate.length).toBeGreaterThan(0);
      for (const o of storedOrders)
        expect(o.recordedLatePlacedAt, String(o.id)).toBe(recordedLate.includes(o) ? o.placedAt : undefined);
      for (const o of recordedLate) {
        const at = String(o.placedAt);
        const found = await OrdersRepo.listRecordedLatePlacedBetween(
          db,
          String(o.sellerId),
          at,
          "2100-01-01T00:00:00Z",
        );
        expect(
          found.map((f) => f.id),
          String(o.id),
        ).toContain(o.id);
      }
      // refundApplication-2: a decision made before keeps no recommendation of its own.
      const decided = afterSecond.Deposits.filter((i) => kindOf("Deposits", i) === "refundApplication" && i.decision);
      expect(decided.length).toBeGreaterThan(0);
      for (const a of decided) expect(a.decision, String(a.id)).toMatchObject({ recommendation: null });
      // case-2 and case-3: every case written before returns and evidence keeps empty lists of them, and
      // nothing scheduled for redaction.
      const storedCases = afterSecond.Cases.filter((i) => kindOf("Cases", i) === "case");
      expect(storedCases.length).toBeGreaterThan(0);
      for (const c of storedCases)
        expect([c.returns, c.evidence, c.redactShard], String(c.id)).toEqual([[], [], undefined]);
      // case-5: a case lost as a quality dispute is in its seller's index of them, at its resolution; no other case.
      const lost = storedCases.filter((c) => Stats.qualityDisputeLostAt(Cases.Info.parse(c)) !== null);
      expect(lost.length).toBeGreaterThan(0);
      for (const c of storedCases)
        expect(c.qualityDisputeLostAt, String(c.id)).toBe(lost.includes(c) ? c.resolvedAt : undefined);
      for (const c of lost) {
        const at = String(c.resolvedAt);
        const from = await CasesRepo.listQualityDisputesLostBetween(db, String(c.sellerId), at, "2100-01-01T00:00:00Z");
        expect(from, String(c.id)).toContainEqual({ caseId: c.id, lostAt: at });
      }
      // case-12: a quality dispute is in its seller's index of them, at its opening; no other case.
      const disputes = storedCases.filter((c) => Stats.isQualityDispute(Cases.Info.parse(c)));
      expect(disputes.length).toBeGreaterThan(0);
      expect(disputes.length).toBeLessThan(storedCases.length);
      for (const c of storedCases)
        expect(c.qualityDisputeOpenedAt, String(c.id)).toBe(disputes.includes(c) ? c.openedAt : undefined);
      for (const c of disputes) {
        const at = String(c.openedAt);
        const found = await CasesRepo.listQualityDisputesOpenedBetween(
          db,
          String(c.sellerId),
          at,
          "2100-01-01T00:00:00Z",
        );
        expect(
          found.map((f) => f.id),
          String(c.id),
        ).toContain(c.id);
      }
      // case-7: no stored case was flagged overdue before a seller answer, so none records a missed first answer.
      for (const c of storedCases) expect(c.firstResponseMissedAt, String(c.id)).toBeNull();
      // caseEvent-3: the buyer's escalation note is the entry's body, scheduled for redaction 365 days after it.
      const escalated = afterSecond.Cases.filter((i) => kindOf("Cases", i) === "caseEvent" && i.type === "ESCALATED");
      expect(escalated.length).toBeGreaterThan(0);
      for (const e of escalated) {
        const note = fixture.items.Cases.find((i) => i.pk === e.pk && i.sk === e.sk)!.summary as string;
        expect(e, String(e.pk)).toMatchObject({
          summary: "Escalated to the platform.",
          body: note.slice("Escalated to the platform: ".length),
          redactShard: expect.stringMatching(/^REDACT#/),
          redactAfter: new Date(Date.parse(String(e.at)) + 365 * DAY).toISOString(),
        });
      }
      // sellerDay-2: no day keeps a set of quality-dispute marks.
      for (const d of afterSecond.Sellers.filter((i) => kindOf("Sellers", i) === "sellerDay"))
        expect(d, String(d.sk)).not.toHaveProperty("qualityDisputesLostAt");
    }, 180_000); // every read path twice, some 60 requests: slow on a loaded 2-core machine

    it("sellers stored before the overview get it from the stats rebuild, which then equals a recount", async () => {
      const db = await isolatedTables("overview");
      await loadFixture(db, fixture);
      await migrate(db, { pageSize: 50, now: () => fixture.clock.toISOString() });
      // Nothing wrote overview items yet: the check names every counter that is not 0 in truth.
      const check = await rebuildStats(db, { write: false });
      expect(check.overviewMismatches.length).toBeGreaterThan(0);
      expect(check.overviewMismatches.every((m) => m.stored === 0)).toBe(true);
      const rebuilt = await rebuildStats(db, { write: true });
      expect(rebuilt.overviewsWritten).toBe(new Set(check.overviewMismatches.map((m) => m.sellerId)).size);
      expect((await rebuildStats(db, { write: false })).overviewMismatches).toEqual([]);
      const api = createGraphqlHandler({ db, clock: () => fixture.clock });
      const overview = await readOverview(api, SELLER_KEY, SELLER_ID);
      expect(overview).toEqual(await recountOverview(db, SELLER_ID, fixture.clock));
      expect(overview.ordersLate + overview.casesAwaitingSeller).toBeGreaterThan(0);
    }, 120_000);

    it("the stats rebuild reads them before npm run migrate as after it, and repairs them", async () => {
      // Read through the repositories, which upgrade an older item in memory: the order of the two does not matter.
      const before = await isolatedTables("rebuild");
      await loadFixture(before, fixture);
      const check = await rebuildStats(before, { write: false });
      const after = await isolatedTables("rebuild");
      await loadFixture(after, fixture);
      await migrate(after, { pageSize: 50, now: () => fixture.clock.toISOString() });
      expect(check).toEqual(await rebuildStats(after, { write: false }));
      expect(check.overviewMismatches.length).toBeGreaterThan(0);

      // The repair, before migrate too, reads each seller again (sellerAsItIs) and ends with nothing to repair.
      expect((await rebuildStats(before, { write: true })).overviewsWritten).toBeGreaterThan(0);
      const again = await rebuildStats(before, { write: false });
      expect([again.mismatches, again.overviewMismatches]).toEqual([[], []]);
    }, 120_000);

    it("an interrupted migration resumes where it stopped and ends with every item current", async () => {
      const db = await isolatedTables("resume");
      await loadFixture(db, fixture);
      const crash = new Error("the process died here");
      await expect(
        migrate(db, {
          pageSize: 5,
          afterPage: (table, pages) => {
            if (table === "Orders" && pages === 3) throw crash;
          },
        }),
      ).rejects.toBe(crash);

      const resumed = await migrate(db, { pageSize: 5 });
      const orders = resumed.find((r) => r.table === "Orders")!;
      expect(orders.resumed).toBe(true);
      // The resumed pass starts after the 15 items already recorded: it reads only the rest.
      expect(orders.scanned).toBe(fixture.items.Orders.length - 15);
      expect(resumed.find((r) => r.table === "Sellers")!.resumed).toBe(false); // finished before the crash: a new pass
      expect(resumed.find((r) => r.table === "Sellers")!.migrated).toEqual({});
      const all = await scanAll(db);
      for (const table of TABLE_NAMES)
        for (const item of all[table]) expect(item[SHAPE_ATTRIBUTE]).toBe(currentShape(kindOf(table, item)!));
    }, 120_000);

    it("a dry run reports what it would migrate and writes nothing", async () => {
      const db = await isolatedTables("dry");
      await loadFixture(db, fixture);
      const before = await scanAll(db);
      const report = await migrate(db, { dryRun: true });
      expect(report.find((r) => r.table === "Orders")!.migrated.order).toBe(
        fixture.items.Orders.filter((i) => kindOf("Orders", i) === "order").length,
      );
      expect(await scanAll(db)).toEqual(before);
    });

    it("an idempotency record the older main completed still replays its answer", async () => {
      // The record was kept for 24 h after the fixture's clock; replaying it writes a lock attempt
      // whose TTL follows the handler's clock, which must be in the real future: read it under the
      // test epoch, with the record's retention moved past it.
      const now = testEpoch();
      const db = await isolatedTables("replay");
      await loadFixture(db, fixture, { keepRecordsUntil: new Date(now.getTime() + 2 * DAY) });
      await migrate(db);
      const api = createGraphqlHandler({ db, clock: () => now });
      const violation = fixture.items.Deposits.find(
        (i) => kindOf("Deposits", i) === "violation" && i.note === "Listing photos did not match.",
      )!;
      const input = {
        sellerId: violation.sellerId,
        kind: violation.kind,
        severity: violation.severity,
        occurredAt: violation.occurredAt,
        note: violation.note,
        idempotencyKey: "capture-violation-1",
      };
      const data = await query(
        api,
        OPERATOR_KEY,
        `mutation($input: RecordViolationInput!) { recordViolation(input: $input) { violation { id } userErrors { ` +
          `code } } }`,
        { input },
      );
      expect(data.recordViolation).toEqual({ violation: { id: violation.id }, userErrors: [] });
      const all = await scanAll(db);
      expect(all.Deposits.filter((i) => kindOf("Deposits", i) === "violation")).toHaveLength(
        fixture.items.Deposits.filter((i) => kindOf("Deposits", i) === "violation").length,
      );
    });

    it(
      "an order stored before the platform's system cases were kept apart reads none, and one the platform opens " +
        "on it is kept apart from the seller's, with no migration step",
      async () => {
        const db = await isolatedTables("platform-cases");
        await loadFixture(db, fixture);
        const stored = fixture.items.Orders.find(
          (i) =>
            kindOf("Orders", i) === "order" &&
            i.sellerId === SELLER_ID &&
            i.status === "AWAITING_SHIPMENT" &&
            (i.openCaseIds as unknown[] | undefined)?.length,
        )!;
        expect(stored).not.toHaveProperty("openPlatformCaseIds");
        const before = (await OrdersRepo.getOrder(db, String(stored.id), { consistent: true }))!;
        // Its open case counts with the seller's side: absent reads as none of the platform's.
        expect(before.openPlatformCaseIds).toEqual([]);
        expect(Cases.openCaseOpenersOf(before)).toBeNull(); // its open cases are read for their source, as before

        const api = createGraphqlHandler({ db, clock: () => fixture.clock });
        const data = await query(
          api,
          OPERATOR_KEY,
          `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id source } userErrors { code } } }`,
          { input: { orderId: stored.id, reason: "OTHER", source: "SYSTEM" } },
        );
        expect(data.openCase).toMatchObject({ case: { source: "SYSTEM" }, userErrors: [] });
        const after = (await OrdersRepo.getOrder(db, String(stored.id), { consistent: true }))!;
        expect(after.openCaseIds).toEqual([...before.openCaseIds, data.openCase.case.id]);
        expect(after.openPlatformCaseIds).toEqual([data.openCase.case.id]);
      },
    );
  },
);

describe("kinds of item written since the fixtures were taken", () => {
  it("knows a refund reference's guard by its keys, and stamps and reads it at its current shape", () => {
    const key = RefundGuardsRepo.refundGuardKey("ord_1", "AE-REFUND-777");
    expect(kindOf("Orders", key)).toBe("refundReferenceGuard");
    // Not the order's own item, nor a marketplace order's guard, whatever the reference holds.
    expect(kindOf("Orders", OrdersRepo.orderKey("ord_1"))).toBe("order");
    expect(kindOf("Orders", RefundGuardsRepo.refundGuardKey("ord_1", "ORDER#x"))).toBe("refundReferenceGuard");
    expect(currentShape("refundReferenceGuard")).toBe(1);
    const unversioned = { ...key, orderId: "ord_1", reference: "AE-REFUND-777", caseId: "cas_1" };
    expect(upgraded("refundReferenceGuard", unversioned)).toEqual({ ...unversioned, [SHAPE_ATTRIBUTE]: 1 });
  });
});
