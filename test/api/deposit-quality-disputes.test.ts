import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { CasesRepo, createDocumentClient, type Db } from "@seller-ops/db";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { orderInput } from "../support/fixtures";
import { mutate, world, type World } from "../support/world";

/**
 * The quality disputes of a limited term that outlast it. The guide refunds a term with no quality problem; a
 * quality dispute (QUALITY_ISSUE, NOT_AS_DESCRIBED) opened during the term belongs to it however long it stays
 * open: while it is open the refund waits (QUALITY_DISPUTES_OPEN), and lost after the term ended it counts against
 * the term (TOO_MANY_QUALITY_DISPUTES), so a dispute dragged past `termEnd` does not escape the rule.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const TERM = { termStart: "2026-01-01T00:00:00+08:00", termEnd: "2026-02-01T00:00:00+08:00" };

/** A Shanghai seller with a January term (target CN¥100, met by the orders the disputes are about). */
async function sellerWithTerm() {
  const w = await world(new Date("2026-01-20T04:00:00.000Z"));
  const input = {
    sellerId: w.sellerId,
    kind: "LIMITED_TERM",
    amount: CNY(10_000),
    paidAt: "2025-12-28T10:00:00+08:00",
    ...TERM,
    salesTarget: CNY(100),
  };
  const dep = await mutate(w, w.operator, "recordDeposit", "RecordDepositInput", input, "deposit { id }");
  expect(dep.userErrors).toEqual([]);
  return { w, depositId: dep.deposit.id as string };
}

/** The buyer's quality dispute on a new order placed in the term, escalated to the platform; its id. */
async function escalatedDispute(w: World, reason = "QUALITY_ISSUE"): Promise<string> {
  const caseId = await dispute(w, reason);
  const e = await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
  expect(e.userErrors).toEqual([]);
  return caseId;
}

/** The buyer's quality dispute on a new order placed in the term; its id. */
async function dispute(w: World, reason = "QUALITY_ISSUE"): Promise<string> {
  const o = await mutate(
    w,
    w.key,
    "createOrder",
    "CreateOrderInput",
    orderInput({ placedAt: "2026-01-10T02:00:00Z" }),
    "order { id }",
  );
  const input = { orderId: o.order.id, reason, source: "BUYER", claimText: "Broke on day one." };
  const c = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
  expect(c.userErrors).toEqual([]);
  return c.case.id;
}

async function decide(w: World, caseId: string, outcome: "DECIDED_FOR_BUYER" | "DECIDED_FOR_SELLER") {
  const r = await mutate(
    w,
    w.operator,
    "resolveCase",
    "ResolveCaseInput",
    { caseId, outcome, note: "Photos reviewed." },
    "case { id }",
  );
  expect(r.userErrors).toEqual([]);
}

/**
 * A client on the same tables that records each request it sends (the command, its table and index) and, for a
 * Query, how many items DynamoDB read for it (`ScannedCount`, what a FilterExpression does not save), by index.
 */
function recording(db: Db): { db: Db; sent: string[]; read: Record<string, number> } {
  const doc = createDocumentClient();
  const sent: string[] = [];
  const read: Record<string, number> = {};
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; IndexName?: string };
      sent.push([context.commandName, input.TableName, input.IndexName].filter(Boolean).join(" "));
      const result = await next(args);
      const scanned = (result.output as { ScannedCount?: number }).ScannedCount;
      if (input.IndexName && scanned !== undefined) read[input.IndexName] = (read[input.IndexName] ?? 0) + scanned;
      return result;
    },
    { step: "initialize", name: "requestRecorder" },
  );
  return { db: { doc, tables: db.tables }, sent, read };
}

interface Answer {
  eligible: boolean;
  recommendation: string;
  blockers: { code: string; message: string }[];
}

/** The eligibility answer (in `language`) and the DynamoDB requests it took, the key lookup included. */
async function eligibility(
  w: World,
  depositId: string,
  language = "en",
): Promise<{ answer: Answer; sent: string[]; read: Record<string, number> }> {
  const { db, sent, read } = recording(w.db);
  const api = createGraphqlHandler({ db, clock: () => w.now });
  const response = await graphql(
    api,
    "query($id: ID!) { depositRefundEligibility(depositId: $id) { " +
      "eligible recommendation blockers { code message } } }",
    { key: w.key, variables: { id: depositId }, headers: { "accept-language": language } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return { answer: response.body.data.depositRefundEligibility, sent, read };
}

const codes = (answer: Answer) => answer.blockers.map((b) => b.code);

describe("quality disputes opened during a limited term", () => {
  it("still open when the term ends: the refund waits on them, naming them; lost after it, they count", async () => {
    const { w, depositId } = await sellerWithTerm();
    const cases = [await escalatedDispute(w), await escalatedDispute(w, "NOT_AS_DESCRIBED"), await escalatedDispute(w)];

    w.now = new Date("2026-02-03T04:00:00.000Z");
    const { answer: atEnd, sent } = await eligibility(w, depositId);
    expect(atEnd).toMatchObject({ eligible: false, recommendation: "NOT_YET_ELIGIBLE" });
    expect(codes(atEnd)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(atEnd.blockers[0]!.message).toContain("3 disputes about quality");
    for (const id of cases) expect(atEnd.blockers[0]!.message).toContain(id);
    // The term's counters say quality disputes opened: one Query of the index of them, never a Scan.
    expect(sent.filter((r) => r.endsWith("qualityDisputesBySellerOpenedAt"))).toHaveLength(1);
    expect(sent.filter((r) => r.endsWith("casesBySellerOpenedAt"))).toEqual([]);
    expect(sent.filter((r) => r.startsWith("Scan"))).toEqual([]);

    const chinese = (await eligibility(w, depositId, "zh-CN")).answer;
    expect(codes(chinese)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(chinese.blockers[0]!.message).toContain("3 起");
    expect(chinese.blockers[0]!.message).toContain(cases[0]);

    // Applying meanwhile is refused with the same sentence.
    const applied = await mutate(
      w,
      w.key,
      "applyForDepositRefund",
      "ApplyForDepositRefundInput",
      { depositId, documents: [] },
      "application { id }",
    );
    expect(applied.userErrors.map((e: { code: string }) => e.code)).toContain("NOT_ELIGIBLE");

    // The platform decides all three for the buyer after the term ended: they count against the term.
    w.now = new Date("2026-02-04T04:00:00.000Z");
    for (const caseId of cases) await decide(w, caseId, "DECIDED_FOR_BUYER");
    const { answer: after } = await eligibility(w, depositId);
    expect(after).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(codes(after)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(after.blockers[0]!.message).toContain("3 disputes");
  });

  it("decided after the term, no more lost than allowed: the wait lifts and the refund is recommended", async () => {
    const { w, depositId } = await sellerWithTerm();
    const cases = [await escalatedDispute(w), await escalatedDispute(w), await escalatedDispute(w)];
    w.now = new Date("2026-02-03T04:00:00.000Z");
    await decide(w, cases[0]!, "DECIDED_FOR_BUYER");
    await decide(w, cases[1]!, "DECIDED_FOR_SELLER");
    // One left open: the answer still waits on it, and names only it.
    const { answer: waiting } = await eligibility(w, depositId);
    expect(codes(waiting)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(waiting.blockers[0]!.message).toContain("1 dispute about quality");
    expect(waiting.blockers[0]!.message).toContain(cases[2]);
    expect(waiting.blockers[0]!.message).not.toContain(cases[0]);

    await decide(w, cases[2]!, "DECIDED_FOR_BUYER");
    // Two lost (one at the limit's edge): a quality problem only past 2.
    const { answer } = await eligibility(w, depositId);
    expect(answer).toEqual({ eligible: true, recommendation: "REFUND_IN_FULL", blockers: [] });
  });

  it("a dispute opened after the term ended, even on an order placed in it, neither waits nor counts", async () => {
    const { w, depositId } = await sellerWithTerm();
    // Recorded while the term ran (one recorded after it, weeks after it was placed, would not count toward it).
    const o = await mutate(
      w,
      w.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: "2026-01-10T02:00:00Z" }),
      "order { id }",
    );
    w.now = new Date("2026-02-02T04:00:00.000Z");
    const input = { orderId: o.order.id, reason: "QUALITY_ISSUE", source: "BUYER", claimText: "Broke." };
    const c = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
    expect(c.userErrors).toEqual([]);
    const { answer, sent } = await eligibility(w, depositId);
    expect(answer).toMatchObject({ recommendation: "REFUND_IN_FULL", blockers: [] });
    // The term's counters say it opened no quality dispute: no case is read, the requests are as before (the key,
    // the deposit, the seller, the counters, the violations and, the term having ended, its orders recorded late).
    expect(sent.filter((r) => r.includes("Cases"))).toEqual([]);
    expect(sent).toHaveLength(6);
  });

  it("refunded or replaced, then settled with a coupon or withdrawn by the buyer: each still counts", async () => {
    const { w, depositId } = await sellerWithTerm();
    const remedy = async (caseId: string, kind: string, amount?: { amountMinor: number; currency: string }) => {
      const r = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", { caseId, kind, amount }, "case { id }");
      expect(r.userErrors).toEqual([]);
    };
    const coupon = async (caseId: string) => {
      const terms = { caseId, kind: "COUPON", amount: { amountMinor: 1, currency: "USD" } };
      const expiresAt = new Date(w.now.getTime() + 86_400_000).toISOString();
      const made = await mutate(
        w,
        w.key,
        "makeCompensationOffer",
        "MakeCompensationOfferInput",
        { ...terms, expiresAt },
        "case { pendingOffer { id } }",
      );
      const answer = { caseId, offerId: made.case.pendingOffer.id, accept: true };
      const r = await mutate(
        w,
        w.marketplace,
        "respondToCompensationOffer",
        "RespondToCompensationOfferInput",
        answer,
        "case { id }",
      );
      expect(r.userErrors).toEqual([]);
    };
    const [refunded, partly, replaced] = [await dispute(w), await dispute(w), await dispute(w)];
    // All but a cent of the 25.00 refunded: the cent is what goodwill can still fill (refunds plus compensation never
    // pass what was paid), and a coupon of it settles the dispute.
    await remedy(refunded, "PARTIAL_REFUND", { amountMinor: 2499, currency: "USD" });
    await coupon(refunded);
    await remedy(partly, "PARTIAL_REFUND", { amountMinor: 500, currency: "USD" });
    const withdrawal = { caseId: partly, outcome: "BUYER_WITHDREW" };
    const withdrawn = await mutate(w, w.marketplace, "resolveCase", "ResolveCaseInput", withdrawal, "case { id }");
    expect(withdrawn.userErrors).toEqual([]);
    await remedy(replaced, "REPLACEMENT");
    await coupon(replaced);

    w.now = new Date("2026-02-03T04:00:00.000Z");
    const { answer } = await eligibility(w, depositId);
    expect(answer).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
    expect(codes(answer)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
    expect(answer.blockers[0]!.message).toContain("3 disputes");
  });

  it("a seller's other cases, however many, are not read with its quality disputes", async () => {
    const { w, depositId } = await sellerWithTerm();
    const first = await dispute(w);
    // 20 cases of other reasons opened between the first quality dispute and the last, 5 reasons on each of 4 orders.
    w.now = new Date("2026-01-21T04:00:00.000Z");
    for (let i = 0; i < 4; i++) {
      const placed = orderInput({ placedAt: "2026-01-20T02:00:00Z" });
      const o = await mutate(w, w.key, "createOrder", "CreateOrderInput", placed, "order { id }");
      for (const reason of ["NOT_RECEIVED", "DAMAGED", "WRONG_ITEM", "NOT_SHIPPED", "OTHER"]) {
        const input = { orderId: o.order.id, reason, source: "BUYER", claimText: "Where is it?" };
        const c = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", input, "case { id }");
        expect(c.userErrors).toEqual([]);
      }
    }
    w.now = new Date("2026-01-22T04:00:00.000Z");
    const last = await dispute(w, "NOT_AS_DESCRIBED");

    w.now = new Date("2026-02-03T04:00:00.000Z");
    const { answer, sent, read } = await eligibility(w, depositId);
    expect(codes(answer)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(answer.blockers[0]!.message).toContain(first);
    expect(answer.blockers[0]!.message).toContain(last);
    // DynamoDB read the 2 disputes, not the 22 cases opened from the first to the last.
    expect(read.qualityDisputesBySellerOpenedAt).toBe(2);
    expect(read.casesBySellerOpenedAt).toBeUndefined();
    expect(sent.filter((r) => r.startsWith("Scan"))).toEqual([]);
  });

  it("a quality dispute stored before its index is still found, from all the seller's cases of its day", async () => {
    const { w, depositId } = await sellerWithTerm();
    const indexed = await dispute(w);
    w.now = new Date("2026-01-25T04:00:00.000Z");
    const stored = await dispute(w, "NOT_AS_DESCRIBED");
    // As the release before the index stored it (case shape 11): not in the index until `npm run migrate`.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Cases,
        Key: CasesRepo.caseKey(stored),
        UpdateExpression: "SET #shape = :eleven REMOVE qualityDisputeOpenedAt",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":eleven": 11 },
      }),
    );

    w.now = new Date("2026-02-03T04:00:00.000Z");
    const { answer, sent } = await eligibility(w, depositId);
    // Both hold the refund: the index holds one, the day's counter says 1 more opened on the 25th, read again.
    expect(codes(answer)).toEqual(["QUALITY_DISPUTES_OPEN"]);
    expect(answer.blockers[0]!.message).toContain("2 disputes about quality");
    expect(answer.blockers[0]!.message).toContain(indexed);
    expect(answer.blockers[0]!.message).toContain(stored);
    expect(sent.filter((r) => r.endsWith("qualityDisputesBySellerOpenedAt"))).toHaveLength(1);
    expect(sent.filter((r) => r.endsWith("casesBySellerOpenedAt"))).toHaveLength(1);
  });

  it("an open dispute does not hide what already blocks the term for good", async () => {
    const { w, depositId } = await sellerWithTerm();
    const lost = [await escalatedDispute(w), await escalatedDispute(w), await escalatedDispute(w)];
    for (const caseId of lost) await decide(w, caseId, "DECIDED_FOR_BUYER");
    await escalatedDispute(w);
    w.now = new Date("2026-02-03T04:00:00.000Z");
    const { answer } = await eligibility(w, depositId);
    expect(answer.recommendation).toBe("NOT_ELIGIBLE");
    expect(codes(answer)).toEqual(["TOO_MANY_QUALITY_DISPUTES"]);
  });
});
