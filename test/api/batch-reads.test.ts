import { describe, expect, it } from "vitest";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetItems, OrdersRepo, SellersRepo, type ItemRead } from "@seller-ops/db";
import { graphql } from "../support/api";
import { instrumented } from "../support/isolated";
import { buyerOpensCase, orderDue, world } from "../support/world";

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
      expect(found.map((item) => (item instanceof Error ? item : (item?.id ?? null)))).toEqual([
        a.id,
        w.sellerId,
        null,
        b.id,
        a.id,
      ]);
      expect(found[1]).toMatchObject({ timeZone: "Asia/Shanghai" });
      expect(counted.log.commands).toEqual(["BatchGetItemCommand"]);

      counted.log.reset();
      const many = [
        ...reads,
        ...Array.from({ length: 100 }, (_, i) => ({ kind: OrdersRepo.byId, id: `ord_none_${i}` })),
      ];
      const answer = await batchGetItems(counted.db, many);
      expect(answer.slice(0, 5).map((item) => (item instanceof Error ? item : (item?.id ?? null)))).toEqual([
        a.id,
        w.sellerId,
        null,
        b.id,
        a.id,
      ]);
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
    expect(found.map((item) => (item instanceof Error ? item : item?.id))).toEqual([w.sellerId, order.id]);
    expect(counted.log.commands).toEqual(["BatchGetItemCommand", "BatchGetItemCommand"]);
  });

  it("a stored item that does not parse fails only its own reads, not the others sharing the request", async () => {
    const w = await world();
    const [good, bad] = [await orderDue(w, 30), await orderDue(w, 20)];
    // A damaged item (a status no release wrote): what a bad manual edit or a half-applied migration leaves.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.byId.key(bad.id),
        UpdateExpression: "SET #status = :bogus",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":bogus": "NOT_A_STATUS" },
      }),
    );
    const counted = instrumented(w.db);
    const found = await batchGetItems(counted.db, [
      { kind: OrdersRepo.byId, id: good.id },
      { kind: OrdersRepo.byId, id: bad.id },
      { kind: SellersRepo.byId, id: w.sellerId },
    ]);
    expect(found[0]).toMatchObject({ id: good.id });
    expect(found[1]).toBeInstanceOf(Error);
    expect(found[2]).toMatchObject({ id: w.sellerId });
    expect(counted.log.commands).toEqual(["BatchGetItemCommand"]);
    // A repository's read of several ids still wants all of them: it fails as a whole.
    await expect(OrdersRepo.batchGetOrders(w.db, [good.id, bad.id])).rejects.toThrow();
  });

  it("through the API, a case page with one damaged order shows the other orders and masks the one error", async () => {
    const w = await world();
    const first = await buyerOpensCase(w);
    const second = await buyerOpensCase(w);
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.byId.key(second.order.id),
        UpdateExpression: "SET #status = :bogus",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":bogus": "NOT_A_STATUS" },
      }),
    );
    const answer = await graphql(w.api, "{ cases(first: 10) { edges { node { id order { id } } } } }", { key: w.key });
    const nodes = answer.body.data.cases.edges.map((e: any) => e.node);
    expect(nodes.find((n: any) => n.id === first.caseId).order).toEqual({ id: first.order.id });
    expect(nodes.find((n: any) => n.id === second.caseId).order).toBeNull();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0]!.extensions!.code).toBe("INTERNAL_SERVER_ERROR");
    expect(answer.body.errors![0]!.message).not.toMatch(/NOT_A_STATUS|zod|invalid/i);
  });
});
