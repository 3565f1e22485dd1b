import { Orders, Sellers, Stats, Time, type Order, type Seller } from "@seller-ops/core";
import { ApiKeys, OrdersRepo, OverviewRepo, SellersRepo, StatsRepo, transactWrite, type Db } from "@seller-ops/db";
import { seedDemoCases } from "./seed-cases";
import { DEMO_MARKETPLACE_KEY, DEMO_OPERATOR_KEY, DEMO_PARTNER_KEY, seedDemoDeposits } from "./seed-deposits";
import { ulid } from "ulid";

/**
 * Demo data for the local runtime: two sellers from Guangdong and Zhejiang, each with a fixed
 * API key and a handful of orders covering what the service is for: a forgotten order already
 * past its ship-by date, one about to be late, one shipped, and ordinary ones.
 *
 * Orders are decided by `Orders.create` / `Orders.markShipped` and written with the same
 * repository writes the API uses, so they are exactly what `createOrder` would have stored.
 * Seeding is idempotent: marketplace order ids are fixed, so the uniqueness guard refuses a
 * second copy, and the first seller's profile is written last as the "seeded" marker.
 */

/**
 * Local-only demo API keys, printed by `npm start`. They exist only in DynamoDB Local seeded by
 * this module; they are not secrets and never work against a deployed stage.
 */
export const DEMO_KEYS = {
  "seller-shenzhen-gadgets": "demo-seller-shenzhen-gadgets-key",
  "seller-yiwu-home": "demo-seller-yiwu-home-key",
} as const;

export type DemoSellerId = keyof typeof DEMO_KEYS;

/** What a demo order is there to show. */
export type DemoOrderKind = "forgotten" | "late" | "at-risk" | "shipped" | "normal";

interface DemoOrder {
  kind: DemoOrderKind;
  marketplaceOrderId: string;
  items: { sku: string; title: string; quantity: number; unitPriceMinor: number }[];
  currency: "USD" | "EUR";
  /** After marketplace fees, converted, in CNY fen. */
  settlementMinor: number;
  buyerCountry: string;
  /** Hours before `now` the order was placed. */
  placedHoursAgo: number;
  handlingDays?: number;
  /** Explicit deadline, in hours from `now` (instead of handling days). */
  shipByInHours?: number;
  shipment?: { carrier: string; trackingNumber: string; shippedHoursAgo: number };
}

interface DemoSeller {
  id: DemoSellerId;
  name: string;
  orders: DemoOrder[];
}

const HOUR = Time.HOUR_MS;

export const DEMO_SELLERS: readonly DemoSeller[] = [
  {
    id: "seller-shenzhen-gadgets",
    name: "Shenzhen Bright Gadgets Co., Ltd.",
    orders: [
      {
        kind: "forgotten",
        marketplaceOrderId: "AE-3001000101",
        items: [
          {
            sku: "SZG-PD65-GAN-US",
            title: "65W GaN USB-C fast charger, 3 ports, US plug",
            quantity: 2,
            unitPriceMinor: 1899,
          },
        ],
        currency: "USD",
        settlementMinor: 23_650,
        buyerCountry: "US",
        placedHoursAgo: 5 * 24,
        handlingDays: 3,
      },
      {
        kind: "at-risk",
        marketplaceOrderId: "AE-3001000102",
        items: [
          { sku: "SZG-TWS-A40-BLK", title: "A40 wireless earbuds with ANC, black", quantity: 1, unitPriceMinor: 2999 },
          { sku: "SZG-CASE-A40-SIL", title: "Silicone case for A40 earbuds", quantity: 1, unitPriceMinor: 399 },
        ],
        currency: "USD",
        settlementMinor: 21_420,
        buyerCountry: "CA",
        placedHoursAgo: 3 * 24 - 8, // ship-by in 8 hours
        handlingDays: 3,
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3001000103",
        items: [
          {
            sku: "SZG-MAGSAFE-PB10K",
            title: "10000 mAh magnetic power bank, white",
            quantity: 1,
            unitPriceMinor: 3450,
          },
        ],
        currency: "EUR",
        settlementMinor: 23_780,
        buyerCountry: "DE",
        placedHoursAgo: 2 * 24,
        handlingDays: 4,
        shipment: { carrier: "Cainiao", trackingNumber: "LP00612345678CN", shippedHoursAgo: 20 },
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3001000107",
        items: [{ sku: "SZG-SW-K9-BLK", title: "K9 smartwatch, AMOLED, black", quantity: 1, unitPriceMinor: 4599 }],
        currency: "USD",
        settlementMinor: 29_800,
        buyerCountry: "US",
        placedHoursAgo: 22 * 24,
        handlingDays: 3,
        shipment: { carrier: "Cainiao", trackingNumber: "LP00611112222CN", shippedHoursAgo: 20 * 24 },
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3001000108",
        items: [
          { sku: "SZG-PB-20K-WHT", title: "20000 mAh power bank, PD 22.5 W, white", quantity: 2, unitPriceMinor: 2250 },
        ],
        currency: "EUR",
        settlementMinor: 33_900,
        buyerCountry: "FR",
        placedHoursAgo: 18 * 24,
        handlingDays: 2,
        shipment: { carrier: "Cainiao", trackingNumber: "LP00633334444CN", shippedHoursAgo: 17 * 24 },
      },
      {
        kind: "normal",
        marketplaceOrderId: "AE-3001000104",
        items: [
          {
            sku: "SZG-CBL-C2C-2M-3PK",
            title: "USB-C to USB-C braided cable 2 m, pack of 3",
            quantity: 3,
            unitPriceMinor: 1149,
          },
        ],
        currency: "EUR",
        settlementMinor: 23_760,
        buyerCountry: "FR",
        placedHoursAgo: 6,
        handlingDays: 5,
      },
      {
        kind: "normal",
        marketplaceOrderId: "AE-3001000105",
        items: [
          {
            sku: "SZG-SMARTWATCH-W7-GRY",
            title: "W7 smartwatch, 1.9 inch AMOLED, grey",
            quantity: 1,
            unitPriceMinor: 4599,
          },
        ],
        currency: "USD",
        settlementMinor: 29_460,
        buyerCountry: "US",
        placedHoursAgo: 26,
        handlingDays: 7,
      },
      {
        kind: "normal",
        marketplaceOrderId: "AE-3001000106",
        items: [
          {
            sku: "SZG-LED-STRIP-5M-RGB",
            title: "RGB LED strip 5 m with app control",
            quantity: 2,
            unitPriceMinor: 1299,
          },
        ],
        currency: "USD",
        settlementMinor: 16_650,
        buyerCountry: "AU",
        placedHoursAgo: 1,
        shipByInHours: 4 * 24,
      },
    ],
  },
  {
    id: "seller-yiwu-home",
    name: "Yiwu Happy Home Goods Trading Co.",
    orders: [
      {
        kind: "forgotten",
        marketplaceOrderId: "AE-3002000201",
        items: [
          {
            sku: "YWH-MUG-CER-350-4PK",
            title: "Ceramic coffee mugs 350 ml, set of 4",
            quantity: 1,
            unitPriceMinor: 2450,
          },
        ],
        currency: "EUR",
        settlementMinor: 16_900,
        buyerCountry: "ES",
        placedHoursAgo: 5 * 24,
        handlingDays: 3,
      },
      {
        kind: "late",
        marketplaceOrderId: "AE-3002000202",
        items: [
          {
            sku: "YWH-ORG-BAMBOO-DRW",
            title: "Bamboo drawer organiser, 6 compartments",
            quantity: 2,
            unitPriceMinor: 1575,
          },
        ],
        currency: "USD",
        settlementMinor: 20_180,
        buyerCountry: "US",
        placedHoursAgo: 3 * 24 + 3, // missed ship-by 3 hours ago
        handlingDays: 3,
      },
      {
        kind: "at-risk",
        marketplaceOrderId: "AE-3002000203",
        items: [
          {
            sku: "YWH-CURTAIN-BLK-140",
            title: "Blackout curtains 140 x 245 cm, pair, navy",
            quantity: 1,
            unitPriceMinor: 3299,
          },
          { sku: "YWH-HOOK-RING-20", title: "Curtain rings with hooks, 20 pieces", quantity: 1, unitPriceMinor: 499 },
        ],
        currency: "EUR",
        settlementMinor: 26_210,
        buyerCountry: "IT",
        placedHoursAgo: 2 * 24 - 11, // ship-by in 11 hours
        handlingDays: 2,
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3002000204",
        items: [
          { sku: "YWH-VASE-GLASS-30", title: "Ribbed glass flower vase, 30 cm", quantity: 1, unitPriceMinor: 2199 },
        ],
        currency: "USD",
        settlementMinor: 14_090,
        buyerCountry: "GB",
        placedHoursAgo: 3 * 24,
        handlingDays: 5,
        shipment: { carrier: "YunExpress", trackingNumber: "YT2412345678901", shippedHoursAgo: 30 },
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3002000207",
        items: [
          { sku: "YW-VASE-CER-L", title: "Ceramic flower vase, large, matte white", quantity: 2, unitPriceMinor: 1850 },
        ],
        currency: "EUR",
        settlementMinor: 27_300,
        buyerCountry: "DE",
        placedHoursAgo: 25 * 24,
        handlingDays: 3,
        shipment: { carrier: "YunExpress", trackingNumber: "YT2410000000207", shippedHoursAgo: 23 * 24 },
      },
      {
        kind: "shipped",
        marketplaceOrderId: "AE-3002000208",
        items: [
          { sku: "YW-CURT-BO-200", title: "Blackout curtains 2 x 200 cm, grey", quantity: 1, unitPriceMinor: 3490 },
        ],
        currency: "USD",
        settlementMinor: 22_100,
        buyerCountry: "ES",
        placedHoursAgo: 30 * 24,
        handlingDays: 3,
        shipment: { carrier: "YunExpress", trackingNumber: "YT2410000000208", shippedHoursAgo: 28 * 24 },
      },
      {
        kind: "normal",
        marketplaceOrderId: "AE-3002000205",
        items: [
          {
            sku: "YWH-STOR-BOX-FAB-3PK",
            title: "Foldable fabric storage boxes, set of 3, beige",
            quantity: 2,
            unitPriceMinor: 1899,
          },
        ],
        currency: "USD",
        settlementMinor: 24_320,
        buyerCountry: "US",
        placedHoursAgo: 10,
        handlingDays: 5,
      },
      {
        kind: "normal",
        marketplaceOrderId: "AE-3002000206",
        items: [
          {
            sku: "YWH-LAMP-RATTAN-E27",
            title: "Rattan pendant lamp shade, E27, 40 cm",
            quantity: 1,
            unitPriceMinor: 3950,
          },
        ],
        currency: "EUR",
        settlementMinor: 27_300,
        buyerCountry: "NL",
        placedHoursAgo: 2,
        handlingDays: 7,
      },
    ],
  },
];

const SETTLEMENT_CURRENCY = "CNY";
const TIME_ZONE = "Asia/Shanghai";
const DEMO_CREATED_AT = "2026-01-01T00:00:00.000Z";

export interface SeedSummary {
  /** True when the demo sellers were already there and nothing was written. */
  alreadySeeded: boolean;
  sellers: { id: DemoSellerId; name: string; apiKey: string }[];
  ordersCreated: number;
  ordersShipped: number;
  casesOpened: number;
  depositsRecorded: number;
  /**
   * Local-only keys for the other roles: a partner tool granted both sellers, a marketplace integration for all, and an
   * operator.
   */
  partnerKey: string;
  marketplaceKey: string;
  operatorKey: string;
}

/** Seeds the demo sellers, keys and orders once; a second call finds them and writes nothing. */
export async function seedDemoData(db: Db, now: Date): Promise<SeedSummary> {
  const sellers = DEMO_SELLERS.map((s) => ({ id: s.id, name: s.name, apiKey: DEMO_KEYS[s.id] }));
  const marker = DEMO_SELLERS[0]!;
  if (await SellersRepo.getSeller(db, marker.id)) {
    return {
      alreadySeeded: true,
      sellers,
      ordersCreated: 0,
      ordersShipped: 0,
      casesOpened: 0,
      depositsRecorded: 0,
      partnerKey: DEMO_PARTNER_KEY,
      marketplaceKey: DEMO_MARKETPLACE_KEY,
      operatorKey: DEMO_OPERATOR_KEY,
    };
  }

  const nowIso = now.toISOString();
  let ordersCreated = 0;
  let ordersShipped = 0;
  let casesOpened = 0;
  // The marker (first seller's profile) goes last: an interrupted seed is completed next time.
  for (const demo of [...DEMO_SELLERS].reverse()) {
    const seller: Seller = Sellers.withDefaults({
      id: demo.id,
      name: demo.name,
      settlementCurrency: SETTLEMENT_CURRENCY,
      timeZone: TIME_ZONE,
      createdAt: DEMO_CREATED_AT,
    });
    const key = {
      role: "SELLER" as const,
      keyId: `key-demo-${demo.id}`,
      label: "Local demo key",
      sellerId: demo.id,
      createdAt: DEMO_CREATED_AT,
    };
    await ApiKeys.putApiKey(db, DEMO_KEYS[demo.id], key);
    const orders = new Map<string, Order>();
    for (const spec of demo.orders) {
      const { created, order } = await createDemoOrder(db, seller, spec, nowIso);
      if (created) ordersCreated++;
      if (spec.shipment && order.status === "AWAITING_SHIPMENT") {
        await shipDemoOrder(db, seller, order, spec.shipment, now);
        ordersShipped++;
      }
      orders.set(spec.marketplaceOrderId, (await OrdersRepo.getOrder(db, order.id))!);
    }
    casesOpened += await seedDemoCases(db, seller, orders, now);
    await SellersRepo.putSellerIfAbsent(db, seller);
  }
  // Deposits after the sellers' orders (their sales history is part of the deposit seed).
  const deposits = await seedDemoDeposits(db, now, DEMO_SELLERS);
  return {
    alreadySeeded: false,
    sellers,
    ordersCreated,
    ordersShipped,
    casesOpened,
    depositsRecorded: deposits.deposits.filter((d) => d.created).length,
    partnerKey: DEMO_PARTNER_KEY,
    marketplaceKey: DEMO_MARKETPLACE_KEY,
    operatorKey: DEMO_OPERATOR_KEY,
  };
}

async function createDemoOrder(
  db: Db,
  seller: Seller,
  spec: DemoOrder,
  now: string,
): Promise<{ created: boolean; order: Order }> {
  const nowMs = Time.toMs(now);
  const placedAt = Time.fromMs(nowMs - spec.placedHoursAgo * HOUR);
  const input = Orders.CreateInput.parse({
    marketplaceOrderId: spec.marketplaceOrderId,
    items: spec.items.map((item) => ({
      sku: item.sku,
      title: item.title,
      quantity: item.quantity,
      unitPrice: { amountMinor: item.unitPriceMinor, currency: spec.currency },
    })),
    buyerTotal: {
      amountMinor: spec.items.reduce((sum, item) => sum + item.quantity * item.unitPriceMinor, 0),
      currency: spec.currency,
    },
    settlementAmount: { amountMinor: spec.settlementMinor, currency: seller.settlementCurrency },
    buyerCountry: spec.buyerCountry,
    placedAt,
    ...(spec.shipByInHours != null
      ? { shipBy: Time.fromMs(nowMs + spec.shipByInHours * HOUR) }
      : { handlingDays: spec.handlingDays }),
  });
  const decided = Orders.create({
    id: ulid(nowMs),
    sellerId: seller.id,
    settlementCurrency: seller.settlementCurrency,
    timeZone: seller.timeZone,
    input,
    now,
  });
  if (!decided.ok)
    throw new Error(`Demo order ${spec.marketplaceOrderId} refused: ${decided.errors.map((e) => e.message).join(" ")}`);

  const written = await transactWrite(db.doc, [
    ...OrdersRepo.createOrderWrites(db, decided.value),
    ...StatsRepo.counterWrites(db, seller.id, Stats.orderDeltas(null, decided.value, seller.timeZone)),
    ...OverviewRepo.orderChangeWrites(db, null, decided.value),
  ]);
  if (written.ok) return { created: true, order: decided.value };
  if (!written.failedConditions.includes(OrdersRepo.DUPLICATE_GUARD_INDEX)) {
    throw new Error(
      `Demo order ${spec.marketplaceOrderId}: unexpected failed conditions ${written.failedConditions.join(",")}`,
    );
  }
  // Already there from an earlier (interrupted) seed: keep it as it is.
  const existingId = await OrdersRepo.findByMarketplaceOrderId(db, seller.id, spec.marketplaceOrderId);
  const existing = existingId ? await OrdersRepo.getOrder(db, existingId) : null;
  if (!existing) throw new Error(`Demo order ${spec.marketplaceOrderId}: guard found but no order.`);
  return { created: false, order: existing };
}

async function shipDemoOrder(
  db: Db,
  seller: Seller,
  order: Order,
  shipment: NonNullable<DemoOrder["shipment"]>,
  now: Date,
): Promise<void> {
  const input = Orders.ShipInput.parse({
    orderId: order.id,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    shippedAt: Time.fromMs(now.getTime() - shipment.shippedHoursAgo * HOUR),
  });
  const decided = Orders.markShipped({ order, input, now: now.toISOString() });
  if (!decided.ok)
    throw new Error(
      `Demo order ${order.marketplaceOrderId} not shipped: ${decided.errors.map((e) => e.message).join(" ")}`,
    );
  // The demo history: each shipment was declared when it was made. Declared now, a shipment made before its
  // deadline would count late (a shipment counts from when it is declared).
  const shipped: Order = { ...decided.value, shipmentDeclaredAt: input.shippedAt ?? null };
  const written = await transactWrite(db.doc, [
    OrdersRepo.updateOrderWrite(db, order, shipped),
    ...StatsRepo.counterWrites(db, seller.id, Stats.orderDeltas(order, shipped, seller.timeZone)),
    ...OverviewRepo.orderChangeWrites(db, order, shipped),
  ]);
  if (!written.ok) throw new Error(`Demo order ${order.marketplaceOrderId} changed while it was being shipped.`);
}
