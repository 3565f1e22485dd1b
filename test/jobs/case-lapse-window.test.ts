import { describe, expect, it } from "vitest";
import { Time } from "@seller-ops/core";
import { CasesRepo, EventsRepo, StatsRepo } from "@seller-ops/db";
import { rebuildStats } from "../../tools/stats-rebuild";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { readOverview, recountOverview } from "../support/overview";
import { scanTable } from "../support/scan";
import { buyerOpensCase, mutate, world, type World } from "../support/world";
import { DAY, HOUR } from "../support/clock";

/**
 * The window between a moment the case changes by itself (a pending offer's `expiresAt`, the seller's `respondBy`)
 * and the case-deadline job's next run: every case verb acts on the case as it reads in that window, and ends as it
 * would had the job run first.
 */

const READ = `status version respondBy firstResponseAt responseOverdueAt overdue escalatedAt
  outcome offers { kind status madeAt expiresAt answeredAt } pendingOffer { id }
  timeline(first: 50) { edges { node { type actor statusAfter summary } } }`;

type Verb = { name: string; key: (w: World) => string; mutation: string; type: string; input: object };

/** Every case verb a seller or the buyer may take on the case awaiting the seller again after the offer lapsed. */
const VERBS: Verb[] = [
  {
    name: "the seller writes",
    key: (w) => w.key,
    mutation: "postCaseMessage",
    type: "PostCaseMessageInput",
    input: { direction: "SELLER", body: "Sorry the coupon lapsed: a replacement goes out today." },
  },
  {
    name: "the buyer writes",
    key: (w) => w.marketplace,
    mutation: "postCaseMessage",
    type: "PostCaseMessageInput",
    input: { direction: "BUYER", body: "The coupon expired before I could use it." },
  },
  {
    name: "the seller records a remedy",
    key: (w) => w.key,
    mutation: "recordRemedy",
    type: "RecordRemedyInput",
    input: { kind: "RESEND" },
  },
  {
    name: "the seller submits evidence",
    key: (w) => w.key,
    mutation: "submitCaseEvidence",
    type: "SubmitCaseEvidenceInput",
    input: { side: "SELLER", kind: "TRACKING_PROOF", reference: "https://tracking.example/LP00123456789CN" },
  },
  {
    name: "the buyer escalates",
    key: (w) => w.marketplace,
    mutation: "escalateCase",
    type: "EscalateCaseInput",
    input: {},
  },
  {
    name: "the buyer withdraws",
    key: (w) => w.marketplace,
    mutation: "resolveCase",
    type: "ResolveCaseInput",
    input: { outcome: "BUYER_WITHDREW" },
  },
];

/** A buyer's case with a 25-hour coupon offer pending, and the clock an hour past its `expiresAt`. */
async function lapsedOffer(w: World) {
  const { caseId, version } = await buyerOpensCase(w);
  const made = await mutate(
    w,
    w.key,
    "makeCompensationOffer",
    "MakeCompensationOfferInput",
    {
      caseId,
      kind: "COUPON",
      amount: { amountMinor: 400, currency: "USD" },
      expiresAt: new Date(w.now.getTime() + 25 * HOUR).toISOString(),
    },
    "case { version }",
  );
  expect(made.userErrors).toEqual([]);
  w.now = new Date(w.now.getTime() + 26 * HOUR);
  return { caseId, version: version + 1 };
}

/** When the case stored as missing the seller's first answer (not in the schema). */
const missedAt = async (w: World, caseId: string) =>
  (await CasesRepo.getCase(w.db, caseId, { consistent: true }))!.firstResponseMissedAt;

/** What a case, its events and the seller's counters say, with the world's own ids taken out. */
async function told(w: World, caseId: string) {
  const read = await graphql(w.api, `{ case(id: "${caseId}") { ${READ} } }`, { key: w.key });
  expect(read.body.errors).toBeUndefined();
  const overview = await readOverview(w.api, w.key, w.sellerId);
  expect(overview).toEqual(await recountOverview(w.db, w.sellerId, w.now));
  const ids = new Set<string>();
  const events = (await scanTable(w.db, "Events"))
    .map((i) => EventsRepo.fromItem(i))
    .filter((e) => e.objectId === caseId)
    .sort((a, b) => a.objectVersion - b.objectVersion)
    .map((e) => {
      if (e.partId) ids.add(e.partId);
      return { type: e.type, objectVersion: e.objectVersion, payload: e.payload };
    });
  const stats = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
  const missed = { firstResponseMissedAt: await missedAt(w, caseId) };
  let said = JSON.stringify({ case: read.body.data.case, missed, overview, events, stats });
  for (const id of [caseId, w.sellerId, ...ids]) said = said.replaceAll(id, "<id>");
  return JSON.parse(said.replace(/"orderId":"[^"]+"/g, '"orderId":"<id>"'));
}

describe("a case verb after a pending offer's expiresAt, before the case-deadline job looked", () => {
  for (const verb of VERBS) {
    it(`${verb.name}: records the lapse first, as the job would, and ends as if the job ran first`, async () => {
      // Twin worlds on one clock: in one the job records the lapse before the verb, in the other the verb comes first.
      const story = async (jobFirst: boolean) => {
        const w = await world();
        const { caseId, version } = await lapsedOffer(w);
        if (jobFirst) expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 1, failures: 0 });
        // The version the seller reads is the stored one (the case reads lapsed, the write records it).
        const sent = { caseId, ...verb.input, ...(jobFirst ? {} : { expectedVersion: version }) };
        const done = await mutate(w, verb.key(w), verb.mutation, verb.type, sent, "case { version }");
        expect(done.userErrors).toEqual([]);
        expect(done.case.version).toBe(version + 2);
        expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 0, failures: 0 });
        // Five days on (past the fresh respondBy): what the job then does, it does alike in both worlds.
        w.now = new Date(w.now.getTime() + 5 * DAY);
        await w.caseDeadlines();
        await checkInvariants(w.db);
        expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
        return told(w, caseId);
      };
      const [jobFirst, verbFirst] = [await story(true), await story(false)];
      expect(verbFirst).toEqual(jobFirst);
      expect(verbFirst.case.offers.map((o: { status: string }) => o.status)).toEqual(["EXPIRED"]);
      const entries = verbFirst.case.timeline.edges.map((e: any) => `${e.node.type}/${e.node.actor}`).reverse();
      expect(entries.slice(0, 3)).toEqual(["OPENED/BUYER", "OFFER_MADE/SELLER", "OFFER_EXPIRED/SYSTEM"]);
      expect(verbFirst.events.map((e: { type: string }) => e.type).slice(0, 3)).toEqual([
        "CASE_OPENED",
        "OFFER_MADE",
        "OFFER_LAPSED",
      ]);
    });
  }

  it("a seller's answer in the window answers: the case awaits the buyer and is never flagged overdue", async () => {
    const w = await world();
    const { caseId } = await lapsedOffer(w);
    const answered = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry the coupon lapsed: a replacement goes out today." },
      "case { status responseOverdueAt lastSellerMessageAt }",
    );
    expect(answered.case).toEqual({
      status: "AWAITING_BUYER",
      responseOverdueAt: null,
      lastSellerMessageAt: w.now.toISOString(),
    });
    w.now = new Date(w.now.getTime() + 10 * DAY);
    expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 0, responsesOverdue: 0, failures: 0 });
    const read = await graphql(w.api, `{ case(id: "${caseId}") { status overdue responseOverdueAt } }`, { key: w.key });
    expect(read.body.data.case).toEqual({ status: "AWAITING_BUYER", overdue: false, responseOverdueAt: null });
  });

  it("the buyer's escalation and withdrawal leave the lapsed offer EXPIRED, not declined or withdrawn", async () => {
    for (const verb of VERBS.filter((v) => ["escalateCase", "resolveCase"].includes(v.mutation))) {
      const w = await world();
      const { caseId } = await lapsedOffer(w);
      const done = await mutate(
        w,
        w.marketplace,
        verb.mutation,
        verb.type,
        { caseId, ...verb.input },
        `case { ${READ} }`,
      );
      expect(done.userErrors).toEqual([]);
      expect(
        done.case.offers.map((o: { status: string }) => o.status),
        verb.name,
      ).toEqual(["EXPIRED"]);
      const newest = done.case.timeline.edges[0].node.summary as string;
      expect(newest, verb.name).not.toMatch(/offer/);
    }
  });

  it("an answer to the lapsed offer itself is still refused OFFER_EXPIRED and records nothing", async () => {
    const w = await world();
    const { caseId, version } = await lapsedOffer(w);
    const offerId = (await graphql(w.api, `{ case(id: "${caseId}") { offers { id } } }`, { key: w.key })).body.data.case
      .offers[0].id;
    const accepted = await mutate(
      w,
      w.marketplace,
      "respondToCompensationOffer",
      "RespondToCompensationOfferInput",
      { caseId, offerId, accept: true },
      "case { id }",
    );
    expect(accepted.userErrors).toEqual([expect.objectContaining({ code: "OFFER_EXPIRED" })]);
    const withdrawn = await mutate(
      w,
      w.key,
      "withdrawCompensationOffer",
      "WithdrawCompensationOfferInput",
      { caseId, offerId },
      "case { id }",
    );
    expect(withdrawn.userErrors).toEqual([expect.objectContaining({ code: "OFFER_EXPIRED" })]);
    const read = await graphql(w.api, `{ case(id: "${caseId}") { version } }`, { key: w.key });
    expect(read.body.data.case.version).toBe(version);
    expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 1, failures: 0 });
    // Once the job has recorded the lapse (the case awaits the seller again), the same answers are refused the same
    // way, not as the new status's INVALID_TRANSITION; the other side's verb is still FORBIDDEN to it.
    const answers = [
      ["respondToCompensationOffer", w.marketplace, { accept: true }],
      ["respondToCompensationOffer", w.marketplace, { accept: false }],
      ["withdrawCompensationOffer", w.key, {}],
    ] as const;
    for (const [name, key, extra] of answers) {
      const inputType =
        name === "withdrawCompensationOffer" ? "WithdrawCompensationOfferInput" : "RespondToCompensationOfferInput";
      const input = { caseId, offerId, ...extra };
      const answered = await mutate(w, key, name, inputType, input, "case { id }");
      expect(answered.userErrors, name).toEqual([
        expect.objectContaining({ code: "OFFER_EXPIRED", field: ["input", "offerId"] }),
      ]);
    }
    const stale = await mutate(
      w,
      w.key,
      "withdrawCompensationOffer",
      "WithdrawCompensationOfferInput",
      {
        caseId,
        offerId,
        expectedVersion: version,
      },
      "case { id }",
    );
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: "VERSION_CONFLICT" })]);
    const wrongSide = await graphql(
      w.api,
      `mutation($i: RespondToCompensationOfferInput!) {
        respondToCompensationOffer(input: $i) { userErrors { code } }
      }`,
      { key: w.key, variables: { i: { caseId, offerId, accept: true } } },
    );
    expect(wrongSide.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const after = await graphql(w.api, `{ case(id: "${caseId}") { version status } }`, { key: w.key });
    expect(after.body.data.case).toEqual({ version: version + 1, status: "AWAITING_SELLER" });
  });

  it("a stale expectedVersion is refused on the stored case and records no lapse", async () => {
    const w = await world();
    const { caseId, version } = await lapsedOffer(w);
    const stale = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Hello", expectedVersion: version - 1 },
      "case { id }",
    );
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: "VERSION_CONFLICT" })]);
    expect(await w.caseDeadlines()).toMatchObject({ offersExpired: 1, failures: 0 });
  });
});

describe("the ESCALATED entry names the pending offer the escalation declines", () => {
  it("in the reader's language; an escalation with no offer pending says only that it escalated", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    const offer = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      {
        caseId,
        kind: "COUPON",
        amount: { amountMinor: 400, currency: "USD" },
        expiresAt: new Date(w.now.getTime() + 2 * DAY).toISOString(),
      },
      "case { id }",
    );
    expect(offer.userErrors).toEqual([]);
    const escalated = await mutate(
      w,
      w.marketplace,
      "escalateCase",
      "EscalateCaseInput",
      { caseId },
      "case { offers { status } }",
    );
    expect(escalated.case.offers).toEqual([{ status: "DECLINED" }]);
    const newest = async (language: string, id = caseId) =>
      (
        await graphql(w.api, `{ case(id: "${id}") { timeline(first: 1) { edges { node { type summary } } } } }`, {
          key: w.key,
          headers: { "accept-language": language },
        })
      ).body.data.case.timeline.edges[0].node;
    expect(await newest("en")).toEqual({
      type: "ESCALATED",
      summary: "Escalated to the platform. The pending coupon offer counts as declined.",
    });
    expect((await newest("zh-CN")).summary).toBe("纠纷已升级至平台。待答复的优惠券补偿方案视为已拒绝。");

    const plain = await buyerOpensCase(w);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId: plain.caseId }, "case { id }");
    expect(await newest("en", plain.caseId)).toEqual({ type: "ESCALATED", summary: "Escalated to the platform." });
    expect((await newest("zh-CN", plain.caseId)).summary).toBe("纠纷已升级至平台。");
  });
});

describe("a first answer missed, then the case leaves AWAITING_SELLER before the job looked", () => {
  const firstReplyDays = async (w: World) =>
    Object.fromEntries(
      Object.entries(await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01"))
        .filter(([, c]) => (c.firstReplies ?? 0) !== 0 || (c.firstRepliesOnTime ?? 0) !== 0)
        .map(([day, c]) => [day, [c.firstReplies ?? 0, c.firstRepliesOnTime ?? 0]]),
    );
  const LEAVING = [
    { name: "the buyer escalates", mutation: "escalateCase", type: "EscalateCaseInput", input: {} },
    {
      name: "the buyer withdraws",
      mutation: "resolveCase",
      type: "ResolveCaseInput",
      input: { outcome: "BUYER_WITHDREW" },
    },
  ];

  for (const leaving of LEAVING) {
    it(`${leaving.name} 10 minutes past respondBy: counted missed once, as when the job ran first`, async () => {
      const story = async (jobFirst: boolean) => {
        const w = await world();
        const { caseId } = await buyerOpensCase(w, "QUALITY_ISSUE");
        const { respondBy } = (await graphql(w.api, `{ case(id: "${caseId}") { respondBy } }`, { key: w.key })).body
          .data.case;
        w.now = new Date(Date.parse(respondBy) + 10 * 60_000);
        if (jobFirst) expect(await w.caseDeadlines()).toMatchObject({ responsesOverdue: 1, failures: 0 });
        const sent = { caseId, ...leaving.input };
        const done = await mutate(w, w.marketplace, leaving.mutation, leaving.type, sent, "case { id }");
        expect(done.userErrors).toEqual([]);
        expect(await missedAt(w, caseId)).toBe(respondBy);
        await w.caseDeadlines();
        // Counted once, not on time, on the seller's day of the deadline it missed.
        expect(await firstReplyDays(w)).toEqual({ [Time.dayOf(respondBy, "Asia/Shanghai")]: [1, 0] });
        expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
        await checkInvariants(w.db);
        return firstReplyDays(w);
      };
      expect(await story(false)).toEqual(await story(true));
    });
  }

  it("a late answer after the escalation is not counted again; leaving before respondBy misses nothing", async () => {
    const w = await world();
    const late = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    const early = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    const t0 = w.now.getTime();
    w.now = new Date(t0 + 4 * DAY);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId: early.caseId }, "case { id }");
    w.now = new Date(t0 + 6 * DAY);
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId: late.caseId }, "case { id }");
    w.now = new Date(t0 + 7 * DAY);
    for (const { caseId } of [late, early]) {
      const answered = await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: "Sorry for the wait." },
        "case { firstResponseAt }",
      );
      expect(answered.userErrors).toEqual([]);
    }
    await w.caseDeadlines();
    const { respondBy } = (await graphql(w.api, `{ case(id: "${late.caseId}") { respondBy } }`, { key: w.key })).body
      .data.case;
    expect(await missedAt(w, late.caseId)).toBe(respondBy);
    expect(await missedAt(w, early.caseId)).toBeNull();
    // Two first replies, neither on time: the missed one (counted once) and the early case's late answer.
    const days = Object.values(await firstReplyDays(w)) as [number, number][];
    expect(days.reduce(([n, onTime], [a, b]) => [n + a, onTime + b], [0, 0])).toEqual([2, 0]);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });
});
