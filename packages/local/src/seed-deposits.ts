import { Deposits, type Errors, Orders, Stats, Time, type Deposit, type Seller } from "@seller-ops/core";
import {
  ApiKeys,
  DepositsRepo,
  OrdersRepo,
  OverviewRepo,
  SellersRepo,
  StatsRepo,
  transactWrite,
  type Db,
} from "@seller-ops/db";
import { ulid } from "ulid";

/**
 * Demo deposits for the local runtime: one of each kind, with different eligibility, so a person
 * can see every branch of the refund rules, and the operator and partner keys to look at them.
 *
 * For the first demo seller (its sales history: 48,000 CNY a month for the last six months):
 * - a limited-term 10,000 CNY deposit whose 200,000 CNY target was reached within its five-month term, which
 *   ended last month → `REFUND_IN_FULL` (a running term would wait on the seller's demo quality complaint, opened
 *   30 hours ago and still open: `QUALITY_DISPUTES_OPEN`);
 * - an unlimited 20,000 CNY deposit meeting "40,000 CNY in each of the last 3 months" →
 *   eligible, `REFER_TO_OPERATOR`;
 * - a limited-term 5,000 CNY deposit whose term began this month, far from its target →
 *   `NOT_YET_ELIGIBLE` (`TERM_NOT_ENDED`, and `QUALITY_DISPUTES_OPEN` with the full demo's cases when the month
 *   began before the demo quality complaint opened);
 * - a limited-term 8,000 CNY deposit whose term ended two months ago short of its target, already applied
 *   for with both documents → `REFUND_REQUESTED`, its application (`REFER_TO_OPERATOR`: the whole deposit
 *   is promised only at the target) waiting in the operator's review queue.
 *
 * For the second demo seller (45,000 CNY a month for the last three months): a limited-term
 * 10,000 CNY deposit with its target reached, blocked by a MINOR `QUALITY` violation an operator
 * recorded last month → `NOT_ELIGIBLE` (`QUALITY_VIOLATION`).
 *
 * Every deposit is decided by core (`Deposits.record`, `recordViolation`, `applyForRefund`) and
 * written with the repository's writes, like the API would. The sales history is real orders
 * (one bulk order on each history day, shipped on time and delivered), decided by
 * `Orders.create` / `markShipped` / `markDelivered` and written with their daily counters in one
 * transaction, so `npm run stats -- rebuild --check` recounts exactly what was seeded and its
 * repair mode keeps the history deposit eligibility depends on. Marketplace order ids are fixed and
 * guarded, so a second seed (or the rest of an interrupted one) never adds the sales twice. Dates
 * are relative to `now`, in the seller's time zone, so the branches hold whenever the demo is started.
 */

/**
 * Local-only demo keys, printed by `npm start`: an operator (all sellers; records violations and
 * decides refunds), a read-write partner tool granted to both demo sellers (the seller's side) and
 * a marketplace integration for all sellers (the buyer's and the platform's side). They exist only
 * in DynamoDB Local seeded by this module; they are not secrets and never work against a deployed stage.
 */
export const DEMO_OPERATOR_KEY = "demo-operator-key";
export const DEMO_PARTNER_KEY = "demo-partner-key";
export const DEMO_MARKETPLACE_KEY = "demo-marketplace-key";

const DEMO_CREATED_AT = "2026-01-01T00:00:00.000Z";
/** Marketplace order ids of the sales-history orders start with this. */
export const HISTORY_ORDER_PREFIX = "AE-HIST-";
const CNY_YUAN = 100;

export interface DemoDeposit {
  id: string;
  sellerId: string;
  kind: Deposits.DepositKind;
  status: Deposits.DepositStatus;
  /** What `depositRefundEligibility` shows for it (for the one applied for, the status blocker first). */
  shows: string;
  /** False when it was already there from an earlier seed. */
  created: boolean;
}

export interface DepositSeedSummary {
  operatorKey: string;
  partnerKey: string;
  marketplaceKey: string;
  deposits: DemoDeposit[];
  /** The pending application in the operator's review queue. */
  pendingApplicationId: string;
}

/**
 * Seeds the demo deposits, violation, sales history and keys; idempotent. `sellers` are the demo
 * sellers, already seeded: the first gets the eligible deposits, the second the one blocked by a
 * quality violation. Amounts use each seller's settlement currency.
 */
export async function seedDemoDeposits(
  db: Db,
  now: Date,
  sellers: readonly { id: string }[],
): Promise<DepositSeedSummary> {
  if (sellers.length < 2) throw new Error("seedDemoDeposits needs two demo sellers.");
  const [first, second] = await Promise.all(sellers.slice(0, 2).map((s) => loadSeller(db, s.id)));
  const nowIso = now.toISOString();

  await ApiKeys.putApiKey(db, DEMO_OPERATOR_KEY, {
    role: "OPERATOR",
    keyId: "key-demo-operator",
    label: "Local demo operator key",
    createdAt: DEMO_CREATED_AT,
  });
  await ApiKeys.putApiKey(db, DEMO_PARTNER_KEY, {
    role: "PARTNER",
    keyId: "key-demo-partner",
    label: "Local demo partner tool key",
    sellerIds: [first!.id, second!.id],
    access: "READ_WRITE",
    createdAt: DEMO_CREATED_AT,
  });
  await ApiKeys.putApiKey(db, DEMO_MARKETPLACE_KEY, {
    role: "MARKETPLACE",
    keyId: "key-demo-marketplace",
    label: "Local demo marketplace integration key",
    allSellers: true,
    sellerIds: [],
    createdAt: DEMO_CREATED_AT,
  });

  const a = calendar(first!, nowIso);
  const b = calendar(second!, nowIso);
  const money = (seller: Seller, yuan: number) => ({
    amountMinor: yuan * CNY_YUAN,
    currency: seller.settlementCurrency,
  });
  const deposits: DemoDeposit[] = [];

  // The sellers' sales history first: eligibility is read from it.
  await seedSalesHistory(db, first!, nowIso, a, { months: 6, days: [3, 10, 17, 24], perDayMinor: 12_000 * CNY_YUAN });
  await seedSalesHistory(db, second!, nowIso, b, { months: 3, days: [5, 15, 25], perDayMinor: 15_000 * CNY_YUAN });

  // First seller.
  deposits.push(
    // Its term ended last month: the seller's demo quality complaint, opened since and still open, is not its.
    await seedDeposit(db, first!, nowIso, "demo-deposit-shenzhen-limited-target-reached", "REFUND_IN_FULL", {
      kind: "LIMITED_TERM",
      amount: money(first!, 10_000),
      paidAt: a.startOfMonth(-6, -3),
      termStart: a.startOfMonth(-6),
      termEnd: a.startOfMonth(-1),
      salesTarget: money(first!, 200_000),
    }),
    await seedDeposit(db, first!, nowIso, "demo-deposit-shenzhen-unlimited", "REFER_TO_OPERATOR", {
      kind: "UNLIMITED",
      amount: money(first!, 20_000),
      paidAt: a.startOfMonth(-13, 14),
      sustainedRule: { minMonthlySales: money(first!, 40_000), months: 3 },
    }),
    await seedDeposit(db, first!, nowIso, "demo-deposit-shenzhen-limited-new-term", "NOT_YET_ELIGIBLE", {
      kind: "LIMITED_TERM",
      amount: money(first!, 5_000),
      paidAt: a.startOfMonth(0, -1),
      termStart: a.startOfMonth(0),
      termEnd: a.startOfMonth(12),
      salesTarget: money(first!, 500_000),
    }),
  );

  // Second seller: sales enough for its target, and a quality violation during the term.
  const violation = decided(
    Deposits.recordViolation({
      id: "demo-violation-yiwu-quality",
      sellerId: second!.id,
      input: Deposits.RecordViolationInput.parse({
        sellerId: second!.id,
        kind: "QUALITY",
        severity: "MINOR",
        occurredAt: b.startOfMonth(-1, 11, 10),
        note: "Ceramic mugs arrived chipped in 4 of 20 inspected parcels; the buyer-side inspection failed.",
      }),
      now: nowIso,
    }),
    "demo violation",
  );
  // With its guard, as recordViolation writes it (index 0 failing: seeded before).
  const written = await transactWrite(db.doc, [
    DepositsRepo.recordViolationWrite(db, violation),
    DepositsRepo.violationGuardWrite(db, violation, []),
  ]);
  if (!written.ok && !written.failedConditions.includes(0))
    throw new Error("Demo violation: unexpected failed conditions.");
  deposits.push(
    await seedDeposit(db, second!, nowIso, "demo-deposit-yiwu-limited-quality", "NOT_ELIGIBLE (QUALITY_VIOLATION)", {
      kind: "LIMITED_TERM",
      amount: money(second!, 10_000),
      paidAt: b.startOfMonth(-3, -2),
      termStart: b.startOfMonth(-3),
      termEnd: b.startOfMonth(9),
      salesTarget: money(second!, 100_000),
    }),
  );

  // First seller again: a term that ended, applied for, waiting for the operator.
  const applied = await seedAppliedDeposit(db, first!, nowIso, {
    kind: "LIMITED_TERM",
    amount: money(first!, 8_000),
    paidAt: a.startOfMonth(-14, -2),
    termStart: a.startOfMonth(-14),
    termEnd: a.startOfMonth(-2),
    salesTarget: money(first!, 300_000),
  });
  deposits.push(applied.deposit);

  return {
    operatorKey: DEMO_OPERATOR_KEY,
    partnerKey: DEMO_PARTNER_KEY,
    marketplaceKey: DEMO_MARKETPLACE_KEY,
    deposits,
    pendingApplicationId: applied.applicationId,
  };
}

async function loadSeller(db: Db, id: string): Promise<Seller> {
  const seller = await SellersRepo.getSeller(db, id);
  if (!seller) throw new Error(`Demo seller ${id} is not seeded yet: seed the sellers before their deposits.`);
  return seller;
}

function decided<T>(result: Errors.Result<T>, what: string): T {
  if (!result.ok) throw new Error(`The ${what} was refused: ${result.errors.map((e) => e.message).join(" ")}`);
  return result.value;
}

function recordDeposit(seller: Seller, id: string, now: string, input: Record<string, unknown>): Deposit {
  return decided(
    Deposits.record({
      id,
      sellerId: seller.id,
      settlementCurrency: seller.settlementCurrency,
      input: Deposits.RecordDepositInput.parse(input),
      now,
    }),
    `demo deposit ${id}`,
  );
}

/** Puts a deposit, only if absent. */
async function seedDeposit(
  db: Db,
  seller: Seller,
  now: string,
  id: string,
  shows: string,
  input: Record<string, unknown>,
): Promise<DemoDeposit> {
  const deposit = recordDeposit(seller, id, now, input);
  // With its payment's guard, as recordDeposit writes it (index 0 failing: seeded before).
  const written = await transactWrite(db.doc, DepositsRepo.recordNewDepositWrites(db, deposit));
  if (!written.ok && !written.failedConditions.includes(0))
    throw new Error(`Demo deposit ${id}: unexpected failed conditions ${written.failedConditions.join(",")}.`);
  return { id, sellerId: seller.id, kind: deposit.kind, status: deposit.status, shows, created: written.ok };
}

/** A deposit already applied for: eligibility read like the API reads it, the application decided by core. */
async function seedAppliedDeposit(
  db: Db,
  seller: Seller,
  now: string,
  input: Record<string, unknown>,
): Promise<{ deposit: DemoDeposit; applicationId: string }> {
  const id = "demo-deposit-shenzhen-limited-ended";
  const applicationId = DepositsRepo.newApplicationId(id, "application-1");
  const held = recordDeposit(seller, id, now, input);
  const window = Deposits.eligibilityWindow({ deposit: held, now, timeZone: seller.timeZone });
  const eligibility = Deposits.eligibility({
    deposit: held,
    ...(await DepositsRepo.readEligibilityInputs(db, held, window)),
    now,
    timeZone: seller.timeZone,
  });
  const documents: Deposits.EvidenceDocument[] = [
    {
      kind: "SALES_DATA",
      reference: `evidence/${seller.id}/sales-term-ended.csv`,
      checksum: "5".repeat(64),
      title: "Settled sales over the term",
    },
    {
      kind: "QUALITY_INSPECTION_REPORT",
      reference: `evidence/${seller.id}/qc-term-ended.pdf`,
      checksum: "c".repeat(64),
      title: "Third-party quality inspection",
    },
  ];
  const applied = decided(
    Deposits.applyForRefund({
      deposit: held,
      eligibility,
      documents,
      existingOpenApplication: null,
      id: applicationId,
      now,
    }),
    `demo application ${applicationId}`,
  );
  // Written as it stands after the application: the deposit (REFUND_REQUESTED), its payment's guard and the
  // application, all only if absent.
  const written = await transactWrite(db.doc, [
    ...DepositsRepo.recordNewDepositWrites(db, applied.deposit),
    DepositsRepo.newApplicationWrite(db, applied.application),
    ...OverviewRepo.applicationChangeWrites(db, null, applied.application),
  ]);
  if (!written.ok && !written.failedConditions.includes(0))
    throw new Error(`Demo deposit ${id}: unexpected failed conditions ${written.failedConditions.join(",")}.`);
  return {
    deposit: {
      id,
      sellerId: seller.id,
      kind: held.kind,
      status: applied.deposit.status,
      shows: "REFUND_ALREADY_REQUESTED (application PENDING)",
      created: written.ok,
    },
    applicationId,
  };
}

/**
 * Settled sales on a few fixed days of each of the last `months` full months: on each day one
 * bulk order placed at 10:00 local time, shipped the next day with tracking (on time) and
 * delivered within the week, decided by core like the API's createOrder, markOrderShipped and
 * markOrderDelivered. The final order is written with its uniqueness guard and the counters of
 * its whole life (`Stats.orderDeltas(null, order)`, what the API's three writes add up to) in one
 * transaction; a second seed finds the guard and writes nothing.
 */
async function seedSalesHistory(
  db: Db,
  seller: Seller,
  now: string,
  cal: ReturnType<typeof calendar>,
  args: { months: number; days: number[]; perDayMinor: number },
): Promise<void> {
  for (let m = -args.months; m < 0; m++) {
    for (const d of args.days) {
      const placedAt = cal.startOfMonth(m, d - 1, 10);
      const marketplaceOrderId = `${HISTORY_ORDER_PREFIX}${cal.month(m)}-${String(d).padStart(2, "0")}`;
      const quantity = Math.max(1, Math.round(args.perDayMinor / 10_000));
      const created = decided(
        Orders.create({
          id: ulid(Time.toMs(placedAt)),
          sellerId: seller.id,
          settlementCurrency: seller.settlementCurrency,
          timeZone: seller.timeZone,
          input: Orders.CreateInput.parse({
            marketplaceOrderId,
            items: [
              {
                sku: "BULK-LOT-MIXED",
                title: "Wholesale lot, mixed assortment",
                quantity,
                unitPrice: { amountMinor: 1_500, currency: "USD" },
              },
            ],
            buyerTotal: { amountMinor: quantity * 1_500, currency: "USD" },
            settlementAmount: { amountMinor: args.perDayMinor, currency: seller.settlementCurrency },
            buyerCountry: "US",
            placedAt,
            handlingDays: 3,
          }),
          now,
        }),
        `history order ${marketplaceOrderId}`,
      );
      // The history: each order was recorded when it was placed. Recorded now, weeks after its `placedAt`, it would
      // not count toward a term that ended before now (`Orders.recordedLate`), as the demo's full refund needs.
      created.createdAt = placedAt;
      const shipped = decided(
        Orders.markShipped({
          order: created,
          input: Orders.ShipInput.parse({
            orderId: created.id,
            carrier: "Cainiao",
            trackingNumber: `LPHIST${marketplaceOrderId.replace(/\D/g, "")}`,
            shippedAt: Time.addMs(placedAt, Time.DAY_MS),
          }),
          now,
        }),
        `shipment of ${marketplaceOrderId}`,
      );
      // The history: each shipment was declared when it was made. Declared now, a shipment made before its deadline
      // would count late (a shipment counts from when it is declared).
      shipped.shipmentDeclaredAt = shipped.shippedAt;
      const deliveredAt = Time.fromMs(Math.min(Time.toMs(Time.addMs(placedAt, 6 * Time.DAY_MS)), Time.toMs(now)));
      const delivered = decided(
        Orders.markDelivered({ order: shipped, input: { orderId: created.id, deliveredAt }, now }),
        `delivery of ${marketplaceOrderId}`,
      );
      const written = await transactWrite(db.doc, [
        ...OrdersRepo.createOrderWrites(db, delivered),
        ...StatsRepo.counterWrites(db, seller.id, Stats.orderDeltas(null, delivered, seller.timeZone)),
        ...OverviewRepo.orderChangeWrites(db, null, delivered),
      ]);
      if (!written.ok && !written.failedConditions.includes(OrdersRepo.DUPLICATE_GUARD_INDEX)) {
        throw new Error(
          `History order ${marketplaceOrderId}: unexpected failed conditions ${written.failedConditions.join(",")}.`,
        );
      }
    }
  }
}

/** The seller's calendar around `now`: months and midnights in the seller's time zone. */
function calendar(seller: Seller, now: string) {
  const today = Time.dayOf(now, seller.timeZone);
  const month = (delta: number): string => {
    const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + delta;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  };
  /** The instant a local day (the 1st of a month shifted by `delta`, plus `dayOffset` days, plus `hour`) begins. */
  const startOfMonth = (delta: number, dayOffset = 0, hour = 0): string => {
    const [y, m] = month(delta).split("-").map(Number) as [number, number];
    const wall = Date.UTC(y, m - 1, 1 + dayOffset, hour);
    // The wall clock's offset from UTC at that reading (good enough away from DST switches).
    return Time.fromMs(wall - (Time.wallClockMs(Time.fromMs(wall), seller.timeZone) - wall));
  };
  return { month, startOfMonth };
}
