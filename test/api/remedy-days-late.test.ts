import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { orderDue, world } from "../support/world";

const PLAN = `query($id: ID!) { order(id: $id) { remedyPlan { daysLate
  steps { code suggestedCompensation { kind } } } } }`;

describe("a remedy plan's days late, as the API reads them", () => {
  it("are the seller's calendar days (Asia/Shanghai), not 24-hour blocks nor UTC dates", async () => {
    // The world's seller keeps Asia/Shanghai (UTC+8, no DST); its clock starts at 12:00Z, 20:00 there.
    const w = await world(undefined, { tables: "shared" });
    const placedAt = new Date(w.now.getTime() - 120 * HOUR).toISOString();
    // Due 23:00 yesterday in Shanghai: 21 hours late, across the seller's midnight.
    const acrossMidnight = await orderDue(w, -21, { placedAt });
    // Due 01:00 today in Shanghai, which is still yesterday in UTC: 19 hours late, the same day for the seller.
    const sameLocalDay = await orderDue(w, -19, { placedAt });
    // Due 23:00 four days ago in Shanghai: 3 days and 21 hours, 4 calendar days, so a discount rather than a coupon.
    const fourDays = await orderDue(w, -93, { placedAt });
    const read = async (id: string) => {
      const response = await graphql(w.api, PLAN, { key: w.key, variables: { id } });
      expect(response.body.errors).toBeUndefined();
      const plan = response.body.data.order.remedyPlan;
      const offer = plan.steps.find((s: { code: string }) => s.code === "OFFER_COMPENSATION");
      return { daysLate: plan.daysLate, kind: offer?.suggestedCompensation?.kind };
    };
    expect(await read(acrossMidnight.id)).toEqual({ daysLate: 1, kind: "COUPON" });
    expect(await read(sameLocalDay.id)).toEqual({ daysLate: 0, kind: "COUPON" });
    expect(await read(fourDays.id)).toEqual({ daysLate: 4, kind: "DISCOUNT" });
  });
});
