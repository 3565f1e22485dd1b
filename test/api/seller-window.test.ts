import { SellersRepo, StatsRepo, transactWrite } from "@seller-ops/db";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { createLoaders } from "../../packages/api/src/context";
import { isolatedTables } from "../support/isolated";

/**
 * The seller's last N days (health, seller and order risk read rates over 30 and 60 of them) are N
 * calendar days in the seller's time zone, at any hour: also in the weeks after a DST change, when
 * stepping back N × 24 hours from the clock lands a day off for the hour around midnight.
 */
describe("a seller's window of days", () => {
  it.each([
    ["Australia/Sydney", "2026-11-29T13:30:00.000Z", 60], // 00:30 on 30 Nov, daylight time since 4 Oct
    ["America/New_York", "2026-03-20T04:30:00.000Z", 30], // 00:30 on 20 Mar, daylight time since 8 Mar
    ["Europe/London", "2026-04-10T23:30:00.000Z", 30], // 00:30 on 11 Apr, summer time since 29 Mar
    ["America/New_York", "2026-11-21T04:30:00.000Z", 30], // 23:30 on 20 Nov, standard time since 1 Nov
    ["Asia/Shanghai", "2026-11-29T16:30:00.000Z", 30], // no DST
  ])("in %s at %s holds %i days", async (timeZone, now, days) => {
    const db = await isolatedTables("window");
    const sellerId = `sel_${ulid()}`;
    await SellersRepo.putSellerIfAbsent(db, {
      id: sellerId,
      name: "S",
      settlementCurrency: "CNY",
      timeZone,
      createdAt: now,
    });
    // One order placed on each of the 80 calendar days up to the seller's today.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(now));
    const deltas = Object.fromEntries(
      Array.from({ length: 80 }, (_, i) => [
        new Date(Date.parse(`${today}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10),
        { ordersPlaced: 1 },
      ]),
    );
    const writes = StatsRepo.counterWrites(db, sellerId, deltas);
    for (let i = 0; i < writes.length; i += 25) await transactWrite(db.doc, writes.slice(i, i + 25));
    const window = await createLoaders(db, now).sellerWindow.load(`${sellerId}|${days}`);
    expect(window.ordersPlaced).toBe(days);
  });
});
