import { describe, expect, it } from "vitest";
import { batchGetItems, OrdersRepo, SellersRepo, type ItemRead } from "@seller-ops/db";
import { instrumented } from "../support/isolated";
import { orderDue, world } from "../support/world";

describe("reads by id across tables", () => {
  it(
    "a seller and its orders come back from one BatchGetItem, in the order asked, null where missing; " +
      "more than 100 keys take a second request",
    async () => {
      const w = await world();
      const [a, b] = [await orderDue(w, 30), await orderDue(w, -10)];
      const counted = instrumented(w.db);
      const reads: ItemRead[] = [
        { kind: OrdersRepo.byId, id: a.id },
        { kind: SellersRepo.byId, id: w.sellerId },
        { kind: OrdersRepo.byId, id: "ord_missing" },
        { kind: OrdersRepo.byId, id: b.id },
        { kind: OrdersRepo.byId, id: a.id },
      ];
      const found = await batchGetItems(counted.db, reads);
      expect(found.map((item) => item?.id ?? null)).toEqual([a.id, w.sellerId, null, b.id, a.id]);
      expect(found[1]).toMatchObject({ timeZone: "Asia/Shanghai" });
      expect(counted.log.commands).toEqual(["BatchGetItemCommand"]);

      counted.log.reset();
      const many = [
        ...reads,
        ...Array.from({ length: 100 }, (_, i) => ({ kind: OrdersRepo.byId, id: `ord_none_${i}` })),
      ];
      const answer = await batchGetItems(counted.db, many);
      expect(answer.slice(0, 5).map((item) => item?.id ?? null)).toEqual([a.id, w.sellerId, null, b.id, a.id]);
      expect(answer.slice(5).every((item) => item === null)).toBe(true);
      expect(counted.log.commands).toEqual(["BatchGetItemCommand", "BatchGetItemCommand"]);
    },
  );

  it("asks again for the keys DynamoDB leaves unprocessed, whatever their table", async () => {
    const w = await world();
    const order = await orderDue(w, 30);
    const counted = instrumented(w.db);
    // DynamoDB answers part of a batch under load or past 16 MB and names the rest in UnprocessedKeys: the first
    // answer here keeps the order and hands the seller's key back.
    let first = true;
    counted.db.doc.middlewareStack.add(
      (next) => async (args) => {
        const result: any = await next(args);
        if (!first) return result;
        first = false;
        const sellers = w.db.tables.Sellers;
        const asked = (args.input as any).RequestItems[sellers];
        result.output.Responses[sellers] = [];
        result.output.UnprocessedKeys = { [sellers]: asked };
        return result;
      },
      { step: "initialize", name: "leaveSellersUnprocessed" },
    );
    const found = await batchGetItems(counted.db, [
      { kind: SellersRepo.byId, id: w.sellerId },
      { kind: OrdersRepo.byId, id: order.id },
    ]);
    expect(found.map((item) => item?.id)).toEqual([w.sellerId, order.id]);
    expect(counted.log.commands).toEqual(["BatchGetItemCommand", "BatchGetItemCommand"]);
  });
});
