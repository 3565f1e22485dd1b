import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Overview, Stats, type Case } from "@seller-ops/core";
import { CasesRepo, DepositsRepo, kindOf, OrdersRepo, type Db } from "@seller-ops/db";

/**
 * The recount side of `npm run stats -- rebuild` (tools/stats-rebuild.ts): what every seller's daily counters and
 * overview counters should be, from the orders, cases and refund applications as they are. It reads each Scan page
 * as it arrives and keeps only totals per seller (and, until the orders are read, what each order's cases add), never
 * the items: the memory a pass needs grows with the number of sellers and their days, not with the tables.
 */

type Table = keyof Db["tables"];

/**
 * Each page of a strongly consistent Scan of a whole table, handed to `onPage` before the next page is read. The items
 * are read whole: the repositories upgrade an item of an older shape before parsing it, and a step may read any of its
 * attributes, so a projection could hand them an item they cannot upgrade.
 */
export async function scanPages(db: Db, table: Table, onPage: (items: Record<string, unknown>[]) => void) {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tables[table], ExclusiveStartKey: start, ConsistentRead: true }),
    );
    onPage(page.Items ?? []);
    start = page.LastEvaluatedKey;
  } while (start);
}

/** One seller's recount: numbers only. */
export interface Recount {
  /** Per day (the seller's), what `Stats.recountAll` would count from all the seller's orders and cases. */
  days: Stats.CounterDeltas;
  /** What `Overview.recount` would count from all the seller's orders, cases and applications. */
  overview: Overview.Counters;
}

/** As much of a case as `Stats.firstDisputes` and `Stats.disputeDeltas` read. */
type DisputeCandidate = Pick<Case, "id" | "orderId" | "openedAt" | "source">;

/** What one order's cases add to its seller's days once the order is read (a case without its order counts nowhere). */
interface OrderCases {
  activity: Stats.CounterDeltas;
  firstDispute: DisputeCandidate | null;
}

/** `totals` plus `part`, summed by core's own `Stats.merged` over the days `part` touches. */
function addDays(totals: Stats.CounterDeltas, part: Stats.CounterDeltas): Stats.CounterDeltas {
  const touched = Object.fromEntries(Object.keys(part).flatMap((day) => (totals[day] ? [[day, totals[day]]] : [])));
  return Object.assign(totals, Stats.merged(touched, part));
}

/**
 * A recount fed page by page: cases and applications first, then orders (a case's days count only once its order is
 * read, and its first dispute on the order's placed day). Only the sellers it is given are counted.
 */
export class Recounter {
  private readonly sellers = new Map<
    string,
    { timeZone: string; days: Stats.CounterDeltas; overview: Overview.Deltas }
  >();
  /** Per seller and order: what the order's cases add to the days, until the order is read. */
  private readonly casesByOrder = new Map<string, OrderCases>();

  constructor(timeZones: ReadonlyMap<string, string>) {
    for (const [sellerId, timeZone] of timeZones) this.sellers.set(sellerId, { timeZone, days: {}, overview: {} });
  }

  addCases(items: Record<string, unknown>[]) {
    for (const item of items) {
      if (item.sk !== "CASE") continue;
      const c = CasesRepo.caseFromItem(item);
      const seller = this.sellers.get(c.sellerId);
      if (!seller) continue;
      seller.overview = Overview.combine({ parts: [seller.overview, Overview.recount(only({ cases: [c] }))] });
      const key = `${c.sellerId}#${c.orderId}`;
      const kept = this.casesByOrder.get(key) ?? { activity: {}, firstDispute: null };
      addDays(kept.activity, Stats.caseActivityDeltas(null, c, seller.timeZone));
      const candidate: DisputeCandidate = { id: c.id, orderId: c.orderId, openedAt: c.openedAt, source: c.source };
      const [first] = Stats.firstDisputes([...(kept.firstDispute ? [kept.firstDispute] : []), candidate]);
      kept.firstDispute = first ?? null;
      this.casesByOrder.set(key, kept);
    }
  }

  addApplications(items: Record<string, unknown>[]) {
    for (const item of items) {
      if (kindOf("Deposits", item) !== "refundApplication") continue;
      const application = DepositsRepo.applicationFromItem(item);
      const seller = this.sellers.get(application.sellerId);
      if (!seller) continue;
      const part = Overview.recount(only({ applications: [application] }));
      seller.overview = Overview.combine({ parts: [seller.overview, part] });
    }
  }

  addOrders(items: Record<string, unknown>[]) {
    for (const item of items) {
      if (item.sk !== "ORDER") continue;
      const order = OrdersRepo.fromItem(item);
      const seller = this.sellers.get(order.sellerId);
      if (!seller) continue;
      addDays(seller.days, Stats.recount([order], seller.timeZone));
      seller.overview = Overview.combine({ parts: [seller.overview, Overview.recount(only({ orders: [order] }))] });
      const key = `${order.sellerId}#${order.id}`;
      const cases = this.casesByOrder.get(key);
      if (!cases) continue;
      this.casesByOrder.delete(key);
      addDays(seller.days, cases.activity);
      if (cases.firstDispute)
        addDays(seller.days, Stats.disputeDeltas(cases.firstDispute, order, false, seller.timeZone));
    }
  }

  /** The recount of every seller given; the cases whose order was never read count nowhere, as in `recountAll`. */
  finish(): Map<string, Recount> {
    this.casesByOrder.clear();
    return new Map(
      [...this.sellers].map(([id, s]) => [id, { days: s.days, overview: { ...Overview.zero(), ...s.overview } }]),
    );
  }
}

const only = (parts: Partial<Parameters<typeof Overview.recount>[0]>) => ({
  orders: [],
  cases: [],
  applications: [],
  ...parts,
});

/**
 * The recount of the sellers in `timeZones` (id to time zone) from one strongly consistent Scan of Cases, Deposits and
 * Orders each, whatever the number of sellers.
 */
export async function recount(db: Db, timeZones: ReadonlyMap<string, string>): Promise<Map<string, Recount>> {
  const recounter = new Recounter(timeZones);
  await Promise.all([
    scanPages(db, "Cases", (items) => recounter.addCases(items)),
    scanPages(db, "Deposits", (items) => recounter.addApplications(items)),
  ]);
  await scanPages(db, "Orders", (items) => recounter.addOrders(items));
  return recounter.finish();
}
