import { Cases, Events, Stats, type Order, type Seller } from "@seller-ops/core";
import {
  CasesRepo,
  EventsRepo,
  OrdersRepo,
  OverviewRepo,
  SellersRepo,
  StatsRepo,
  transactWrite,
  type Db,
  type TransactItem,
} from "@seller-ops/db";
import { commandArgs, maintenanceDatabase, runWhenCalled, scanItems } from "../packages/local/src/maintenance";

/**
 * `npm run repair:late-links [-- --dry-run]`: a one-off repair after the release in which the late-order job stopped
 * adopting a buyer's LATE_SHIPMENT dispute as the order's late-shipment incident. Orders stored before it may still
 * name the buyer's dispute in `lateShipmentCaseId` (docs/changing-stored-data.md); each is left as today's job would
 * have left it (`Cases.repairLateLink`): unlinked when the job will still flag it, or given the job's incident when
 * it was flagged already. A pure migration step cannot do it (it reads the named case and writes a case), and a
 * maintenance tool may Scan. One transaction per order, under the order's version: an order changed meanwhile is
 * counted as a conflict (never overwritten) and a second run finishes it. Idempotent: a repaired order names no case
 * or the job's own, so a second run repairs nothing.
 */

/** The actor of the events the repair writes (the incident's CASE_OPENED, and its CASE_DECIDED when it ends). */
export const REPAIR_ACTOR = Events.toolActor("repair-late-links");

export interface RepairedOrder {
  orderId: string;
  sellerId: string;
  /** The buyer's case the order named. */
  caseId: string;
  action: "unlink" | "open";
  /** The incident opened (action "open"), and how it was left. */
  incident: { id: string; status: string } | null;
}

export interface LateLinkReport {
  dryRun: boolean;
  /** Orders naming a late-shipment case (the job's, an adopted SYSTEM incident or a buyer's dispute). */
  scanned: number;
  /** Already right: naming the job's incident or another SYSTEM incident. */
  current: number;
  /** Orders unlinked (or, in a dry run, that would be): the job's next run flags them and opens their incident. */
  unlinked: number;
  /** Orders whose incident was opened (or would be), one of them ended ORDER_CANCELLED with its order. */
  opened: number;
  /** Orders changed while they were repaired: left as they are; run again. */
  conflicts: number;
  /** `orderId/caseId` of orders naming a case that is not found: left as they are. */
  missing: string[];
  repaired: RepairedOrder[];
}

export async function repairLateShipmentLinks(
  db: Db,
  options: { clock: () => Date; dryRun?: boolean; caseRules?: Cases.CaseRules },
): Promise<LateLinkReport> {
  const report: LateLinkReport = {
    dryRun: options.dryRun ?? false,
    scanned: 0,
    current: 0,
    unlinked: 0,
    opened: 0,
    conflicts: 0,
    missing: [],
    repaired: [],
  };
  const sellers = new Map<string, Seller>();
  for await (const item of scanItems(db, {
    TableName: db.tables.Orders,
    // An order naming no case stores NULL (or, before order-2, nothing): nothing to repair there.
    FilterExpression: "sk = :order AND attribute_type(lateShipmentCaseId, :string)",
    ExpressionAttributeValues: { ":order": "ORDER", ":string": "S" },
  })) {
    report.scanned++;
    const order = OrdersRepo.fromItem(item);
    const named = order.lateShipmentCaseId;
    // The job's own id is only ever its incident: not read.
    const linked =
      named && named !== Cases.lateShipmentCaseId(order.id)
        ? await CasesRepo.getCase(db, named, { consistent: true })
        : null;
    const now = options.clock().toISOString();
    const repair = Cases.repairLateLink({ order, linked, now, rules: options.caseRules });
    if (repair.kind === "current") {
      report.current++;
      continue;
    }
    if (repair.kind === "missing") {
      report.missing.push(`${order.id}/${repair.caseId}`);
      continue;
    }
    const repaired: RepairedOrder = {
      orderId: order.id,
      sellerId: order.sellerId,
      caseId: String(named),
      action: repair.kind,
      incident: repair.kind === "open" ? { id: repair.case.id, status: repair.case.status } : null,
    };
    if (!options.dryRun) {
      const seller = await sellerOf(db, sellers, order.sellerId);
      const result = await transactWrite(db.doc, writesOf(db, { order, repair, seller, now }));
      if (!result.ok) {
        report.conflicts++;
        continue;
      }
    }
    report.repaired.push(repaired);
    if (repair.kind === "unlink") report.unlinked++;
    else report.opened++;
  }
  return report;
}

async function sellerOf(db: Db, sellers: Map<string, Seller>, id: string): Promise<Seller> {
  const known = sellers.get(id);
  if (known) return known;
  const seller = await SellersRepo.getSeller(db, id, { consistent: true });
  if (!seller) throw new Error(`Seller ${id} not found.`);
  sellers.set(id, seller);
  return seller;
}

/**
 * What the job writes when it opens the incident, for an order it already flagged: the incident with its timeline
 * and the order under its version, the case counted on its day and in the overview, and its CASE_OPENED (with
 * CASE_DECIDED when it ends with a cancelled order). An unlink writes the order alone: nothing it counts moves.
 */
function writesOf(
  db: Db,
  args: {
    order: Order;
    repair: Extract<Cases.LateLinkRepair, { kind: "unlink" | "open" }>;
    seller: Seller;
    now: string;
  },
): TransactItem[] {
  const { order, repair, seller, now } = args;
  if (repair.kind === "unlink") return [OrdersRepo.updateOrderWrite(db, order, repair.order)];
  const incident = repair.case;
  const drafts = [Events.caseEvent({ type: "CASE_OPENED", case: repair.opened })];
  const ended = repair.events[1];
  if (ended) drafts.push(Events.caseChangeEvent({ before: repair.opened, after: incident, timeline: ended }));
  const deltas = Stats.merged(
    Stats.orderDeltas(order, repair.order, seller.timeZone),
    Stats.caseDeltas(null, incident, order, seller.timeZone),
  );
  return [
    ...CasesRepo.openCaseWrites(db, { case: incident, events: repair.events }, { before: order, after: repair.order }),
    ...OverviewRepo.caseChangeWrites(db, {
      caseBefore: null,
      caseAfter: incident,
      orderBefore: order,
      orderAfter: repair.order,
    }),
    ...StatsRepo.counterWrites(db, seller.id, deltas),
    ...EventsRepo.writesFor(db, { drafts, occurredAt: now, actorKeyId: REPAIR_ACTOR }).writes,
  ];
}

async function main() {
  const { values } = commandArgs("Usage: npm run repair:late-links [-- --dry-run]", {
    "dry-run": { type: "boolean", default: false },
  });
  const dryRun = values["dry-run"] ?? false;
  const report = await repairLateShipmentLinks(maintenanceDatabase(), { clock: () => new Date(), dryRun });
  for (const r of report.repaired) {
    const what =
      r.action === "unlink"
        ? "unlinked (the late-order job opens its incident)"
        : `incident ${r.incident?.id} opened (${r.incident?.status})`;
    process.stdout.write(`${dryRun ? "would repair" : "repaired"} order ${r.orderId} (named ${r.caseId}): ${what}\n`);
  }
  process.stdout.write(
    `Orders naming a late-shipment case: ${report.scanned}, already right ${report.current}, ` +
      `${dryRun ? "would unlink" : "unlinked"} ${report.unlinked}, ` +
      `${dryRun ? "would open an incident for" : "incident opened for"} ${report.opened}, ` +
      `conflicts ${report.conflicts}, naming no stored case ${report.missing.length}\n` +
      (dryRun
        ? `Repaired: 0 (dry run: ${report.repaired.length} to repair)\n`
        : `Repaired: ${report.repaired.length}\n`),
  );
  if (report.missing.length > 0) {
    process.stderr.write(
      `These orders name a case that is not stored, left as they are: ${report.missing.join(", ")}\n`,
    );
  }
  if (report.conflicts > 0) {
    process.stderr.write("Some orders changed while they were repaired: run again.\n");
    process.exitCode = 1;
  }
}

runWhenCalled(import.meta.url, main);
