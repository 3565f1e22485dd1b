import { describe, expect, it } from "vitest";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { instrumented } from "../support/isolated";
import { buyerOpensCase, mutate, orderDue, world, type World } from "../support/world";

/**
 * The case timeline's lines are written when read: in the reader's language (the seller's setting,
 * or `Accept-Language`), dates on the seller's clock (the world's seller is in Asia/Shanghai),
 * money as the language writes it, and kinds and reasons in words, never as codes.
 */

async function timeline(w: World, caseId: string, language: string) {
  const response = await graphql(
    w.api,
    `query($id: ID!) { case(id: $id) { timeline(first: 20) { edges { node { type summary } } } } }`,
    { key: w.key, headers: { "accept-language": language }, variables: { id: caseId } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  // Newest first: reversed, to read in the order it happened.
  return (response.body.data.case.timeline.edges as { node: { type: string; summary: string } }[])
    .map((e) => e.node)
    .reverse();
}

describe("Case.timeline.summary", () => {
  it("reads in Chinese under Accept-Language: zh-CN, in English otherwise, dates in the seller's zone", async () => {
    const w = await world();
    const order = await orderDue(w, 40);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "Broken on arrival." },
      "case { id }",
    );
    const caseId = opened.case.id as string;
    // 48 h after the world's 12:00 UTC: 20:00 in Shanghai.
    const expiresAt = new Date(w.now.getTime() + 48 * HOUR);
    const expiresUtc = expiresAt.toISOString();
    const offer = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: { amountMinor: 200, currency: "USD" }, expiresAt: expiresUtc },
      "case { offers { id } }",
    );
    await mutate(
      w,
      w.marketplace,
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      { caseId, offerId: offer.case.offers[0].id, accept: false },
      "case { id }",
    );

    const zh = await timeline(w, caseId, "zh-CN");
    expect(zh.map((e) => e.type)).toEqual(["OPENED", "MESSAGE", "OFFER_MADE", "OFFER_DECLINED"]);
    expect(zh.map((e) => e.summary)).toEqual([
      "买家方发起了纠纷：商品损坏。",
      "买家方发送了留言。",
      expect.stringMatching(
        /^卖家提出了补偿方案：优惠券，金额 US\$2\.00，有效期至 (\d{4}年)?\d{1,2}月\d{1,2}日 20:00。$/,
      ),
      "买家拒绝了优惠券补偿方案。",
    ]);
    for (const e of zh) expect(e.summary, e.type).not.toMatch(/COUPON|DAMAGED|BUYER|T\d\d:\d\d/);

    const en = await timeline(w, caseId, "en");
    expect(en[2]!.summary).toMatch(/^Offer made: coupon of \$2\.00, valid until \d+ \w{3}( \d{4})?, 20:00\.$/);
    expect(en[0]!.summary).toBe("Case opened by the buyer side: item damaged.");
  });

  it("a page reads the profile for its summaries, through fragments too, and none without them", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const counted = instrumented(w.db);
    const api = createGraphqlHandler({ db: counted.db, clock: () => w.now });
    const ask = async (selection: string, fragments = "") => {
      counted.log.reset();
      const answer = await graphql(
        api,
        `query($id: ID!) { case(id: $id) { timeline(first: 20) { edges { ${selection} } } } } ${fragments}`,
        { key: w.key, headers: { "accept-language": "zh-CN" }, variables: { id: caseId } },
      );
      expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
      return { edges: answer.body.data.case.timeline.edges, commands: [...counted.log.commands] };
    };

    const plain = await ask("node { summary }");
    expect(plain.edges.map((e: any) => e.node.summary)).toEqual(["买家方发起了纠纷：未收到货。"]);
    // The key, the case, the page, then the seller's profile for the language and the clock.
    expect(plain.commands).toEqual(["GetItemCommand", "BatchGetItemCommand", "QueryCommand", "BatchGetItemCommand"]);
    const spread = await ask(
      "... on CaseEventEdge { n: node { ...Line } }",
      "fragment Line on CaseEvent { s: summary }",
    );
    expect(spread.edges.map((e: any) => e.n.s)).toEqual(plain.edges.map((e: any) => e.node.summary));
    expect(spread.commands).toEqual(plain.commands);

    const none = await ask("node { type at }");
    expect(none.edges.length).toBe(plain.edges.length);
    expect(none.commands).toEqual(["GetItemCommand", "BatchGetItemCommand", "QueryCommand"]);
  });
});
