import { expect } from "vitest";
import { Cases, Compensation, Orders, Overview, Returns, Stats, type Case, type Order } from "@seller-ops/core";
import { DepositsRepo, kindOf, OverviewRepo, type Db } from "@seller-ops/db";
import { scanTable } from "./scan";
import { realNow as realClockNow } from "./shifted-clock.cjs";

/**
 * Every rule that must hold in the tables whatever happened before (retries, races, faults,
 * crashed jobs), checked by reading everything — a test helper, never a request path:
 * - every case's timeline is complete: events 1..eventCount exist, the last one's statusAfter is
 *   the case's status, and there is no event without its case;
 * - every late-flagged order has its one late-shipment case, and no order has two;
 * - every order's refunded and compensated totals equal what its cases recorded, and neither
 *   exceeds what the buyer paid; its list of open cases is exactly its open cases, and those it keeps apart
 *   (the buyer's, the platform's system cases) are exactly those;
 * - every order has its uniqueness guard and every guard its order;
 * - every seller's daily counters equal a recount from the orders and cases, and its overview
 *   counters a recount from the orders, cases and refund applications;
 * - no deposit refund is above the deposit;
 * - every idempotency record still stored expires (TTL) in the real future, matching its expiry
 *   instant: a test clock in the real past would have DynamoDB delete records mid-test.
 */
export async function checkInvariants(db: Db): Promise<{ orders: number; cases: number; events: number }> {
  const realNow = realClockNow();
  const [orderItems, caseItems, sellerItems, depositItems, idempotencyItems] = await Promise.all([
    scanTable(db, "Orders"),
    scanTable(db, "Cases"),
    scanTable(db, "Sellers"),
    scanTable(db, "Deposits"),
    scanTable(db, "Idempotency"),
  ]);
  const orders: Order[] = orderItems.filter((i) => i.sk === "ORDER").map((i) => Orders.Info.parse(i));
  const cases: Case[] = caseItems.filter((i) => i.sk === "CASE").map((i) => Cases.Info.parse(i));
  const events = caseItems.filter((i) => String(i.sk).startsWith("EVENT#")).map((i) => Cases.CaseEvent.parse(i));
  // Marketplace order id guards; a refund reference's guard (`ORDER_REFUND#…`) shares the table and the sort key.
  const guards = orderItems.filter((i) => i.sk === "GUARD" && String(i.pk).startsWith("MARKETPLACE_ORDER#"));

  // Timelines.
  const caseById = new Map(cases.map((c) => [c.id, c]));
  for (const event of events)
    expect(caseById.has(event.caseId), `event ${event.caseId}/${event.eventId} without its case`).toBe(true);
  for (const c of cases) {
    const own = events.filter((e) => e.caseId === c.id).sort((a, b) => a.eventId.localeCompare(b.eventId));
    expect(
      own.map((e) => Number(e.eventId)),
      `timeline of ${c.id}`,
    ).toEqual(Array.from({ length: c.eventCount }, (_, i) => i + 1));
    expect(own.at(-1)?.statusAfter, `last event of ${c.id}`).toBe(c.status);
  }

  // A case lost as a quality dispute is in the seller's index of them at its instant; no other case is.
  for (const item of caseItems.filter((i) => i.sk === "CASE")) {
    const lostAt = Stats.qualityDisputeLostAt(Cases.Info.parse(item));
    expect(item.qualityDisputeLostAt, `qualityDisputeLostAt of ${String(item.pk)}`).toBe(lostAt ?? undefined);
    // A quality dispute is in the seller's index of them at its opening; no other case is.
    const opened = Stats.isQualityDispute(Cases.Info.parse(item)) ? item.openedAt : undefined;
    expect(item.qualityDisputeOpenedAt, `qualityDisputeOpenedAt of ${String(item.pk)}`).toBe(opened);
  }

  // Late orders and their cases; money per order; uniqueness guards.
  for (const order of orders) {
    const own = cases.filter((c) => c.orderId === order.id);
    // Exactly one late-shipment incident (source SYSTEM) per late order, however it was opened; never two on any
    // order. A buyer's LATE_SHIPMENT dispute is a complaint of its own beside it, never the order's incident.
    const lateCases = own.filter((c) => c.reason === "LATE_SHIPMENT" && c.source === "SYSTEM").map((c) => c.id);
    expect(
      lateCases.length,
      `order ${order.id} has ${lateCases.length} late-shipment cases: ${lateCases.join(", ")}`,
    ).toBeLessThanOrEqual(1);
    // The job flags only an order it read unshipped, so a shipment is declared after the flag (orders shipped before
    // declarations were kept have none).
    if (order.lateFlaggedAt && order.shipmentDeclaredAt)
      expect(
        order.shipmentDeclaredAt >= order.lateFlaggedAt,
        `order ${order.id} declared shipped before its flag`,
      ).toBe(true);
    if (order.lateFlaggedAt)
      expect(lateCases, `late order ${order.id} without its one late-shipment case`).toEqual([
        Cases.lateShipmentCaseOf(order),
      ]);
    if (order.lateShipmentCaseId)
      expect(lateCases, `order ${order.id} names a late-shipment case it does not have`).toEqual([
        order.lateShipmentCaseId,
      ]);
    const refunded = own.reduce(
      (sum, c) =>
        sum +
        c.remedies.reduce((s, r) => s + (r.amount?.amountMinor ?? 0), 0) +
        c.offers
          .filter((o) => o.status === "ACCEPTED" && o.kind === "PARTIAL_REFUND")
          .reduce((s, o) => s + o.amount.amountMinor, 0) +
        // A return for a refund gives its money back on receipt, not on acceptance.
        c.returns.filter((r) => r.status === "REFUNDED").reduce((s, r) => s + (r.refund?.amountMinor ?? 0), 0) +
        // The platform's decision for the buyer refunds it on the order.
        (c.platformRefund?.amountMinor ?? 0),
      0,
    );
    const compensation = (o: Case["offers"][number]) =>
      o.status === "ACCEPTED" && o.kind !== "PARTIAL_REFUND" && !Compensation.isReturnOffer(o.kind);
    const compensated = own.reduce(
      (sum, c) => sum + c.offers.filter(compensation).reduce((s, o) => s + o.amount.amountMinor, 0),
      0,
    );
    for (const c of own) {
      // A return under way holds its case open, one at a time, and only there.
      const openReturns = c.returns.filter((r) => Returns.isOpenReturn(r.status)).length;
      expect(openReturns, `case ${c.id} has ${openReturns} open returns`).toBeLessThanOrEqual(1);
      if (c.status === "RETURN_IN_PROGRESS")
        expect(openReturns, `case ${c.id} in RETURN_IN_PROGRESS without its return`).toBe(1);
      if (openReturns > 0)
        expect(["RETURN_IN_PROGRESS", "ESCALATED"], `case ${c.id} with an open return`).toContain(c.status);
    }
    expect(
      { refunded: order.refundedMinor, compensated: order.compensatedMinor },
      `money of order ${order.id}`,
    ).toEqual({ refunded, compensated });
    // What the order holds is each open refund return's amount (one accepted before holds were kept holds nothing),
    // and refunds plus holds stay within what was paid.
    const openRefundReturns = own.flatMap((c) =>
      c.returns
        .filter((r) => r.kind === "REFUND_WITH_RETURN" && Returns.isOpenReturn(r.status))
        .map((r) => [r.id, r.refund?.amountMinor ?? 0] as const),
    );
    for (const [returnId, amountMinor] of Object.entries(order.heldForReturns))
      expect(openRefundReturns, `order ${order.id} holds ${amountMinor} for ${returnId}`).toContainEqual([
        returnId,
        amountMinor,
      ]);
    expect(
      order.refundedMinor + Compensation.heldMinor(order),
      `order ${order.id} refunded and held more than was paid`,
    ).toBeLessThanOrEqual(order.buyerTotal.amountMinor);
    // Refunds within what was paid, goodwill too (Compensation). Goodwill fits beside refunds when given, but a refund
    // owed after it (a lost parcel, a return) is never reduced, so the two together may pass the price: no check here.
    expect(order.refundedMinor, `order ${order.id} refunded more than was paid`).toBeLessThanOrEqual(
      order.buyerTotal.amountMinor,
    );
    expect(order.compensatedMinor, `order ${order.id} gave goodwill above what was paid`).toBeLessThanOrEqual(
      order.buyerTotal.amountMinor,
    );
    expect(
      guards.filter((g) => g.orderId === order.id),
      `guard of order ${order.id}`,
    ).toHaveLength(1);
    const open = own
      .filter((c) => c.status !== "RESOLVED" && c.status !== "CLOSED")
      .map((c) => c.id)
      .sort();
    expect([...order.openCaseIds].sort(), `open cases listed on order ${order.id}`).toEqual(open);
    // Which of them the buyer opened, where the order keeps it (null: an order stored before it was kept).
    if (order.openBuyerCaseIds !== null) {
      const openByBuyer = own
        .filter((c) => open.includes(c.id) && c.source === "BUYER")
        .map((c) => c.id)
        .sort();
      expect([...order.openBuyerCaseIds].sort(), `open buyer cases listed on order ${order.id}`).toEqual(openByBuyer);
    }
    // The reasons kept of the open buyer cases are theirs (a case opened before they were kept has none), and no two
    // open buyer cases of the order share a reason (the second one is DUPLICATE_CASE).
    const openBuyerCases = own.filter((c) => open.includes(c.id) && c.source === "BUYER");
    for (const [id, reason] of Object.entries(order.openBuyerCaseReasons))
      expect(openBuyerCases.find((c) => c.id === id)?.reason, `reason kept of case ${id} on order ${order.id}`).toBe(
        reason,
      );
    const reasons = openBuyerCases.map((c) => c.reason);
    expect(new Set(reasons).size, `open buyer disputes of order ${order.id}: ${reasons.join(", ")}`).toBe(
      reasons.length,
    );
    // Whether a buyer ever disputed the order, where it keeps it (null: an order stored before it was kept).
    if (order.buyerDisputed !== null)
      expect(order.buyerDisputed, `order ${order.id} disputed`).toBe(own.some((c) => c.source === "BUYER"));
    // Which of them are system cases the platform opened: their OPENED entry's actor (every order here was written
    // by the current code, so none has a platform case opened before the list was kept).
    const openedByPlatform = new Set(
      events.filter((e) => e.type === "OPENED" && e.actor === "PLATFORM").map((e) => e.caseId),
    );
    const openByPlatform = own
      .filter((c) => open.includes(c.id) && c.source === "SYSTEM" && openedByPlatform.has(c.id))
      .map((c) => c.id)
      .sort();
    expect([...order.openPlatformCaseIds].sort(), `open platform cases listed on order ${order.id}`).toEqual(
      openByPlatform,
    );
  }
  const orderIds = new Set(orders.map((o) => o.id));
  for (const guard of guards)
    expect(orderIds.has(String(guard.orderId)), `guard ${String(guard.pk)} without its order`).toBe(true);

  // Counters equal a recount.
  const profiles = sellerItems.filter((i) => i.sk === "PROFILE");
  for (const profile of profiles) {
    const sellerId = String(profile.id);
    const expected = nonZero(
      Stats.recountAll(
        orders.filter((o) => o.sellerId === sellerId),
        cases.filter((c) => c.sellerId === sellerId),
        String(profile.timeZone),
      ),
    );
    const stored: Stats.CounterDeltas = {};
    for (const item of sellerItems.filter((i) => i.pk === `SELLER#${sellerId}` && String(i.sk).startsWith("STATS#"))) {
      stored[String(item.day)] = Object.fromEntries(
        Stats.COUNTERS.filter((c) => typeof item[c] === "number").map((c) => [c, item[c] as number]),
      );
    }
    expect(nonZero(stored), `counters of seller ${sellerId}`).toEqual(expected);
    // A day item holds counters only: nothing in it grows with the day's activity (every write is charged on its size).
    for (const item of sellerItems.filter((i) => i.pk === `SELLER#${sellerId}` && String(i.sk).startsWith("STATS#")))
      expect(item, `${String(item.sk)} of seller ${sellerId}`).not.toHaveProperty("qualityDisputesLostAt");
    // The overview's current-state counters equal a recount too (all 0 when the seller has no overview item).
    const overviewItem = sellerItems.find((i) => i.pk === `SELLER#${sellerId}` && i.sk === "OVERVIEW");
    expect(OverviewRepo.storedCounters(overviewItem ?? {}), `overview of seller ${sellerId}`).toEqual(
      Overview.recount({
        orders: orders.filter((o) => o.sellerId === sellerId),
        cases: cases.filter((c) => c.sellerId === sellerId),
        applications: depositItems
          .filter((i) => kindOf("Deposits", i) === "refundApplication" && i.sellerId === sellerId)
          .map((i) => DepositsRepo.applicationFromItem(i)),
      }),
    );
  }

  // Deposits never refund more than was deposited.
  for (const deposit of depositItems.filter((i) => i.sk === "DEPOSIT")) {
    const amount = (deposit.amount as { amountMinor: number } | undefined)?.amountMinor ?? 0;
    const refunded = (deposit.refundedAmount as { amountMinor: number } | null | undefined)?.amountMinor ?? 0;
    expect(refunded, `deposit ${String(deposit.pk)} refunded above its amount`).toBeLessThanOrEqual(amount);
  }
  // TTL'd records expire in the real future, and exactly when their expiry instant says.
  for (const record of idempotencyItems) {
    const epoch = Number(record.expiresAtEpoch);
    expect(epoch * 1000, `idempotency record ${String(record.pk)} expires in the real past`).toBeGreaterThan(realNow);
    expect(epoch, `TTL of ${String(record.pk)}`).toBe(Math.ceil(Date.parse(String(record.expiresAt)) / 1000));
  }
  return { orders: orders.length, cases: cases.length, events: events.length };
}

function nonZero(days: Stats.CounterDeltas): Stats.CounterDeltas {
  return Object.fromEntries(
    Object.entries(days)
      .map(([day, counters]) => [day, Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0))] as const)
      .filter(([, counters]) => Object.keys(counters).length > 0),
  );
}
