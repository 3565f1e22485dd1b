import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ApiKeys, DepositsRepo, SellersRepo, StatsRepo, transactWrite, type Db } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { makeOperator, makePartner, makeSeller, orderInput, scanWhere, testDb } from "../support/fixtures";
import { testEpoch } from "../support/clock";
import { world, type World } from "../support/world";

/**
 * The seller guide's deposit stories through the Lambda handler on DynamoDB Local. Sellers settle
 * in CNY in Shanghai; the clock is injected, so terms and months are fixed dates.
 */

const CNY = (yuan: number) => ({ amountMinor: yuan * 100, currency: "CNY" });
const sha = (c: string) => c.repeat(64);
const SALES_DATA = {
  kind: "SALES_DATA",
  reference: "evidence/sales-2026-h1.csv",
  checksum: sha("a"),
  title: "Sales 2026 H1",
};
const INSPECTION = {
  kind: "QUALITY_INSPECTION_REPORT",
  reference: "https://files.example.com/qc/2026-05.pdf",
  checksum: sha("b"),
  title: "QC report May 2026",
};

const DEPOSIT = `id sellerId kind status version amount { amountMinor currency formatted } paidAt termStart termEnd
  salesTarget { amountMinor currency } sustainedRule { minMonthlySales { amountMinor currency } months }
  refundedAmount { amountMinor currency }`;
const APPLICATION = `id depositId sellerId status recommendation appliedAt decidedAt version
  documents { kind reference checksum title }
  decision { outcome amount { amountMinor currency } reason recommendation }`;
const ELIGIBILITY = `depositId eligible recommendation blockers { code message } requiredDocuments missingDocuments
  assessedAt
  progress { salesToDate { amountMinor currency } salesTarget { amountMinor currency } termEndsAt daysLeft
    monthsMeetingRule monthsRequired
    monthlySales { month sales { amountMinor } meetsRule } }`;

type Handler = World["api"];
type UserError = { field: string[] | null; message: string; code: string };

/** A world on the run's shared tables (the tests add sellers and keys with the fixtures). */
type Setup = World;

async function setup(at = "2026-06-15T04:00:00.000Z"): Promise<Setup> {
  const w = await world(new Date(at), { tables: "shared" });
  sellerOfKey.set(w.key, w.sellerId);
  return w;
}

async function mutate(
  h: Handler,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
) {
  const response = await graphql(
    h,
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field message code } } }`,
    {
      key,
      variables: { input },
    },
  );
  return response;
}

/** Runs a mutation that must succeed; returns its payload. */
async function ok(
  h: Handler,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
) {
  const response = await mutate(h, key, name, inputType, input, selection);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.body.data[name].userErrors).toEqual([]);
  return response.body.data[name];
}

const CASE_ID = "case { id }";

/** Runs a mutation that must be refused with userErrors (and no object); returns them. */
async function refused(
  h: Handler,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
): Promise<UserError[]> {
  const response = await mutate(h, key, name, inputType, input, selection);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  const payload = response.body.data[name];
  for (const field of selection.split(/\s+/).filter((f) => /^[a-z]+$/.test(f)))
    expect(payload[field] ?? null).toBeNull();
  expect(payload.userErrors.length).toBeGreaterThan(0);
  return payload.userErrors;
}

async function forbidden(
  h: Handler,
  key: string,
  name: string,
  inputType: string,
  input: Record<string, unknown>,
  selection: string,
) {
  const response = await mutate(h, key, name, inputType, input, selection);
  expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("FORBIDDEN");
  expect(response.body.data?.[name] ?? null).toBeNull();
}

/** 10,000 CNY for calendar 2026 (Shanghai) with a 3,000 CNY sales target. */
const limitedTerm = (overrides: Record<string, unknown> = {}) => ({
  kind: "LIMITED_TERM",
  amount: CNY(10_000),
  paidAt: "2025-12-28T10:00:00+08:00",
  termStart: "2026-01-01T00:00:00+08:00",
  termEnd: "2027-01-01T00:00:00+08:00",
  salesTarget: CNY(3_000),
  ...overrides,
});

/** 20,000 CNY, refundable (by an operator's decision) after at least 50,000 CNY in each of the last 3 months. */
const unlimited = (overrides: Record<string, unknown> = {}) => ({
  kind: "UNLIMITED",
  amount: CNY(20_000),
  paidAt: "2025-06-01T00:00:00Z",
  sustainedRule: { minMonthlySales: CNY(50_000), months: 3 },
  ...overrides,
});

/** The seller each seller key acts for: deposits are recorded by an operator naming the seller. */
const sellerOfKey = new Map<string, string>();
let operatorKey: string | undefined;

/**
 * Records a deposit for the seller of `sellerKey` (or the one the input names), as the platform does: with an operator
 * key.
 */
const recordDeposit = async (
  s: Pick<Setup, "api">,
  sellerKey: string,
  input: Record<string, unknown>,
  operator?: string,
) => {
  operatorKey ??= await makeOperator();
  const sellerId = (input.sellerId as string | undefined) ?? sellerOfKey.get(sellerKey);
  return (
    await ok(
      s.api,
      operator ?? operatorKey,
      "recordDeposit",
      "RecordDepositInput",
      { ...input, sellerId },
      `deposit { ${DEPOSIT} }`,
    )
  ).deposit;
};

const eligibilityOf = async (s: Pick<Setup, "api">, key: string, depositId: string, documentKinds?: string[]) => {
  const response = await graphql(
    s.api,
    `query($id: ID!, $kinds: [EvidenceDocumentKind!]) { depositRefundEligibility(depositId: $id, documentKinds: ` +
      `$kinds) { ${ELIGIBILITY} } }`,
    { key, variables: { id: depositId, kinds: documentKinds } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.depositRefundEligibility;
};

const apply = (s: Pick<Setup, "api">, key: string, input: Record<string, unknown>) =>
  ok(
    s.api,
    key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    input,
    `application { ${APPLICATION} } deposit { ${DEPOSIT} }`,
  );
const applyRefused = (s: Pick<Setup, "api">, key: string, input: Record<string, unknown>) =>
  refused(
    s.api,
    key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    input,
    `application { id } deposit { id }`,
  );
const decide = (s: Pick<Setup, "api">, key: string, input: Record<string, unknown>) =>
  ok(
    s.api,
    key,
    "decideDepositRefund",
    "DecideDepositRefundInput",
    input,
    `application { ${APPLICATION} } deposit { ${DEPOSIT} }`,
  );
const decideRefused = (s: Pick<Setup, "api">, key: string, input: Record<string, unknown>) =>
  refused(s.api, key, "decideDepositRefund", "DecideDepositRefundInput", input, `application { id } deposit { id }`);

const readDeposit = async (s: Pick<Setup, "api">, key: string, id: string) => {
  const response = await graphql(
    s.api,
    `query($id: ID!) { deposit(id: $id) { ${DEPOSIT} refundApplications { ${APPLICATION} } } }`,
    { key, variables: { id } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.deposit;
};

/**
 * Arranges months of sales history by writing the seller's daily counter items directly, with
 * the same `StatsRepo.counterWrites` the order mutations use: creating hundreds of orders through
 * the API months before the injected clock would only slow the suite down.
 */
async function seedDailySales(db: Db, sellerId: string, salesByDay: Record<string, number>) {
  const deltas = Object.fromEntries(
    Object.entries(salesByDay).map(([day, minor]) => [day, { settledSalesMinor: minor }]),
  );
  const written = await transactWrite(db.doc, StatsRepo.counterWrites(db, sellerId, deltas));
  expect(written.ok).toBe(true);
}

describe("a limited-term deposit", () => {
  it("counts the sales of orders placed within its term's instants, net of cancellations, and says so", async () => {
    const s = await setup("2026-03-10T00:00:00.000Z");
    // Each order recorded a minute after it was placed, as the term went: one recorded after the term ended, more than
    // 7 days after its placedAt, would not count toward it (test/api/deposit-after-the-fact.test.ts).
    const place = async (placedAt: string) => {
      s.now = new Date(Date.parse(placedAt) + 60_000);
      return (
        await ok(
          s.api,
          s.key,
          "createOrder",
          "CreateOrderInput",
          orderInput({ placedAt, settlementAmount: CNY(160) }),
          "order { id }",
        )
      ).order.id as string;
    };
    await place("2026-03-10T09:00:00+08:00"); // the term's first day, before termStart
    await place("2026-03-10T11:00:00+08:00");
    const cancelled = await place("2026-04-01T12:00:00+08:00");
    await place("2026-06-10T14:00:00+08:00");
    await place("2026-06-10T16:00:00+08:00"); // the term's last day, after termEnd
    s.now = new Date("2026-06-15T04:00:00.000Z");
    await ok(
      s.api,
      s.key,
      "cancelOrder",
      "CancelOrderInput",
      { orderId: cancelled, reason: "OUT_OF_STOCK" },
      "order { id }",
    );

    const deposit = await recordDeposit(
      s,
      s.operator,
      limitedTerm({
        sellerId: s.sellerId,
        paidAt: "2026-03-01T00:00:00+08:00",
        termStart: "2026-03-10T10:00:00+08:00",
        termEnd: "2026-06-10T15:00:00+08:00",
        salesTarget: CNY(1_000),
      }),
    );
    const response = await graphql(
      s.api,
      `query($id: ID!) { depositRefundEligibility(depositId: $id) { progress { salesToDate { amountMinor currency } ` +
        `salesBasis } } }`,
      {
        key: s.key,
        variables: { id: deposit.id },
      },
    );
    expect(response.body.errors).toBeUndefined();
    const progress = response.body.data.depositRefundEligibility.progress;
    expect(progress.salesToDate).toEqual(CNY(320));
    expect(progress.salesBasis).toContain("net of cancellations and of the refunds given on those same orders");
  });

  it("reads a deposit's counters and violations once per request, whatever the aliases' documents", async () => {
    const s = await setup("2026-06-15T04:00:00.000Z");
    const deposit = await recordDeposit(s, s.key, limitedTerm());
    const kinds = ["[]", "[SALES_DATA]", "[SALES_DATA, QUALITY_INSPECTION_REPORT]"];
    const query = (n: number) =>
      `query($id: ID!) { ${kinds
        .slice(0, n)
        .map((k, i) => `e${i}: depositRefundEligibility(depositId: $id, documentKinds: ${k}) { missingDocuments }`)
        .join(" ")} }`;
    const readsOf = async (n: number) => {
      let reads = 0;
      s.db.doc.middlewareStack.add(
        (next, context) => async (args) => {
          if (/^(Query|GetItem|BatchGetItem)Command$/.test(context.commandName ?? "")) reads++;
          return next(args);
        },
        { step: "initialize", name: "countReads" },
      );
      try {
        const response = await graphql(s.api, query(n), { key: s.key, variables: { id: deposit.id } });
        expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
        // Each alias answers for its own documents.
        expect(Object.values(response.body.data).map((e: any) => e.missingDocuments.length)).toEqual(
          [2, 1, 0].slice(0, n),
        );
        expect((response.body as any).extensions.cost.requested).toBe(n * (20 + 1));
      } finally {
        s.db.doc.middlewareStack.remove("countReads");
      }
      return reads;
    };
    await readsOf(1); // the caller's key is then known to the handler, as it is for the two counted below
    const once = await readsOf(1);
    expect(once).toBeGreaterThan(2); // the key, the deposit and its seller, then the counters and violations
    expect(await readsOf(3)).toBe(once);
  });

  it(
    "is refunded in full as soon as the sales target is reached " + "within the term, months before the term ends",
    async () => {
      const s = await setup("2026-06-15T04:00:00.000Z");
      const deposit = await recordDeposit(s, s.key, limitedTerm());
      expect(deposit).toMatchObject({
        sellerId: s.sellerId,
        kind: "LIMITED_TERM",
        status: "HELD",
        version: 1,
        amount: { amountMinor: 1_000_000, currency: "CNY", formatted: "CN¥10,000.00" },
        termStart: "2025-12-31T16:00:00.000Z",
        termEnd: "2026-12-31T16:00:00.000Z",
        sustainedRule: null,
        refundedAmount: null,
      });

      const before = await eligibilityOf(s, s.key, deposit.id);
      expect(before).toMatchObject({
        eligible: false,
        recommendation: "NOT_YET_ELIGIBLE",
        missingDocuments: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"],
      });
      expect(before.blockers.map((b: { code: string }) => b.code)).toEqual(["TERM_NOT_ENDED"]);

      // Sales arrive as orders through the API: each order moves the seller's settled-sales counter.
      for (const [placedAt, settled] of [
        ["2026-03-02T02:00:00Z", 1_800],
        ["2026-06-10T09:00:00Z", 1_200],
      ] as const) {
        await ok(
          s.api,
          s.key,
          "createOrder",
          "CreateOrderInput",
          orderInput({ placedAt, settlementAmount: CNY(settled) }),
          "order { id }",
        );
      }

      const reached = await eligibilityOf(s, s.key, deposit.id, ["SALES_DATA", "QUALITY_INSPECTION_REPORT"]);
      expect(reached).toMatchObject({
        depositId: deposit.id,
        eligible: true,
        recommendation: "REFUND_IN_FULL",
        blockers: [],
        requiredDocuments: ["SALES_DATA", "QUALITY_INSPECTION_REPORT"],
        missingDocuments: [],
        assessedAt: "2026-06-15T04:00:00.000Z",
        progress: {
          salesToDate: CNY(3_000),
          salesTarget: CNY(3_000),
          termEndsAt: "2026-12-31T16:00:00.000Z",
          daysLeft: 200,
          monthsMeetingRule: null,
          monthsRequired: null,
          monthlySales: null,
        },
      });

      const applied = await apply(s, s.key, {
        depositId: deposit.id,
        documents: [SALES_DATA, INSPECTION],
        expectedVersion: 1,
      });
      expect(applied.deposit).toMatchObject({ status: "REFUND_REQUESTED", version: 2 });
      expect(applied.application).toMatchObject({
        depositId: deposit.id,
        sellerId: s.sellerId,
        status: "PENDING",
        recommendation: "REFUND_IN_FULL",
        appliedAt: "2026-06-15T04:00:00.000Z",
        decision: null,
        documents: [SALES_DATA, INSPECTION],
      });

      // While the application waits, the deposit explains why it cannot be applied for again.
      const waiting = await eligibilityOf(s, s.key, deposit.id);
      expect(waiting.blockers.map((b: { code: string }) => b.code)).toEqual(["REFUND_ALREADY_REQUESTED"]);
      const again = await applyRefused(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(again.map((e) => e.code)).toEqual(["APPLICATION_ALREADY_OPEN"]);

      s.now = new Date("2026-06-16T02:00:00.000Z");
      const decided = await decide(s, s.operator, {
        applicationId: applied.application.id,
        outcome: "APPROVE_FULL",
        expectedVersion: 1,
      });
      expect(decided.application).toMatchObject({
        status: "APPROVED",
        decidedAt: "2026-06-16T02:00:00.000Z",
        version: 2,
        decision: { outcome: "APPROVE_FULL", amount: CNY(10_000), reason: null },
      });
      expect(decided.deposit).toMatchObject({ status: "REFUNDED", version: 3, refundedAmount: CNY(10_000) });

      const read = await readDeposit(s, s.key, deposit.id);
      expect(read).toMatchObject({ status: "REFUNDED", refundedAmount: CNY(10_000) });
      expect(read.refundApplications.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
        [applied.application.id, "APPROVED"],
      ]);
    },
  );

  it(
    "is not eligible before the term ends while the target is not reached: the blocker says what is missing, and an " +
      "application is refused",
    async () => {
      const s = await setup("2026-12-01T16:00:00.000Z");
      const deposit = await recordDeposit(s, s.key, limitedTerm({ salesTarget: CNY(500_000) }));
      await ok(
        s.api,
        s.key,
        "createOrder",
        "CreateOrderInput",
        orderInput({ placedAt: "2026-05-01T02:00:00Z", settlementAmount: CNY(30_000) }),
        "order { id }",
      );

      const result = await eligibilityOf(s, s.key, deposit.id);
      expect(result).toMatchObject({
        eligible: false,
        recommendation: "NOT_YET_ELIGIBLE",
        progress: { salesToDate: CNY(30_000), salesTarget: CNY(500_000), daysLeft: 30 },
      });
      expect(result.blockers).toHaveLength(1);
      expect(result.blockers[0].code).toBe("TERM_NOT_ENDED");
      expect(result.blockers[0].message).toContain("CN¥470,000.00 more in sales");
      expect(result.blockers[0].message).toContain("30 days left");

      const errors = await applyRefused(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(errors).toEqual([
        {
          code: "NOT_ELIGIBLE",
          field: ["input", "depositId"],
          message: expect.stringContaining("CN¥470,000.00 more in sales"),
        },
      ]);
      // A refused application writes nothing.
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({
        status: "HELD",
        version: 1,
        refundApplications: [],
      });

      // Once the term is over it is refundable even below the target (no violations, no quality problems); the
      // whole deposit is promised only at the target, so below it the operator weighs the refund.
      s.now = new Date("2027-01-02T00:00:00.000Z");
      expect(await eligibilityOf(s, s.key, deposit.id)).toMatchObject({
        eligible: true,
        recommendation: "REFER_TO_OPERATOR",
        progress: { daysLeft: 0 },
      });
    },
  );

  it(
    "is blocked by a QUALITY violation an operator recorded " + "during the term, even with the target reached",
    async () => {
      const s = await setup("2026-06-15T04:00:00.000Z");
      const deposit = await recordDeposit(s, s.key, limitedTerm());
      await ok(
        s.api,
        s.key,
        "createOrder",
        "CreateOrderInput",
        orderInput({ placedAt: "2026-04-01T02:00:00Z", settlementAmount: CNY(5_000) }),
        "order { id }",
      );
      expect((await eligibilityOf(s, s.key, deposit.id)).eligible).toBe(true);

      const recorded = await ok(
        s.api,
        s.operator,
        "recordViolation",
        "RecordViolationInput",
        {
          sellerId: s.sellerId,
          kind: "QUALITY",
          severity: "MINOR",
          occurredAt: "2026-04-10T02:00:00Z",
          note: "Phone cases cracked on arrival; inspection failed.",
        },
        "violation { id sellerId kind severity occurredAt note recordedAt }",
      );
      expect(recorded.violation).toMatchObject({
        sellerId: s.sellerId,
        kind: "QUALITY",
        severity: "MINOR",
        occurredAt: "2026-04-10T02:00:00.000Z",
        recordedAt: "2026-06-15T04:00:00.000Z",
      });

      const blocked = await eligibilityOf(s, s.key, deposit.id);
      expect(blocked).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
      expect(blocked.blockers).toEqual([
        { code: "QUALITY_VIOLATION", message: expect.stringContaining("minor quality violation on 2026-04-10") },
      ]);
      const errors = await applyRefused(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(errors.map((e) => e.code)).toEqual(["NOT_ELIGIBLE"]);
    },
  );

  it(
    "is blocked by three quality disputes the seller conceded, whether by a refund offer, a discount or a " +
      "replacement; a coupon the buyer accepted is goodwill and does not count",
    async () => {
      const s = await setup("2026-06-15T04:00:00.000Z");
      const deposit = await recordDeposit(s, s.key, limitedTerm({ salesTarget: CNY(100) }));
      const usd = (minor: number) => ({ amountMinor: minor, currency: "USD" });
      /** A buyer's QUALITY_ISSUE dispute on a new order of the term, ended by `settle`. */
      const dispute = async (settle: (caseId: string, orderId: string) => Promise<void>) => {
        const input = orderInput({ placedAt: "2026-06-01T02:00:00Z", buyerTotal: usd(2_500) });
        const order = await ok(s.api, s.key, "createOrder", "CreateOrderInput", input, "order { id }");
        const raw = { orderId: order.order.id, reason: "QUALITY_ISSUE", source: "BUYER", claimText: "Came apart." };
        const opened = await ok(s.api, s.marketplace, "openCase", "OpenCaseInput", raw, "case { id }");
        await settle(opened.case.id, order.order.id);
      };
      /** The buyer accepts the seller's offer of `kind`. */
      const accepted = (kind: string, terms: Record<string, unknown>) => async (caseId: string) => {
        const offer = { caseId, kind, ...terms, expiresAt: "2026-06-20T00:00:00Z" };
        const made = await ok(
          s.api,
          s.key,
          "makeCompensationOffer",
          "MakeCompensationOfferInput",
          offer,
          "case { pendingOffer { id } }",
        );
        const answer = { caseId, offerId: made.case.pendingOffer.id, accept: true };
        const after = await ok(
          s.api,
          s.marketplace,
          "respondToCompensationOffer",
          "RespondToCompensationOfferInput",
          answer,
          "case { outcome }",
        );
        expect(after.case.outcome).toBe("COMPENSATION_ACCEPTED");
      };
      /**
       * The buyer takes the seller's exchange: the goods go back and the seller ships new ones (a seller cannot close a
       * buyer's dispute as REPLACED on a replacement it only recorded). Shipped in time, so no late shipment counts.
       */
      const replaced = async (caseId: string, orderId: string) => {
        const shipped = {
          orderId,
          carrier: "Cainiao",
          trackingNumber: "LP00000001",
          shippedAt: "2026-06-02T02:00:00Z",
        };
        await ok(s.api, s.key, "markOrderShipped", "MarkOrderShippedInput", shipped, "order { id }");
        const offer = { caseId, kind: "REPLACEMENT_WITH_RETURN", expiresAt: "2026-06-20T00:00:00Z" };
        const made = await ok(
          s.api,
          s.key,
          "makeCompensationOffer",
          "MakeCompensationOfferInput",
          offer,
          "case { pendingOffer { id } }",
        );
        const returnId = made.case.pendingOffer.id;
        const answer = { caseId, offerId: returnId, accept: true };
        await ok(
          s.api,
          s.marketplace,
          "respondToCompensationOffer",
          "RespondToCompensationOfferInput",
          answer,
          CASE_ID,
        );
        const back = { caseId, returnId, carrier: "YunExpress", trackingNumber: "YT0000000001" };
        await ok(s.api, s.marketplace, "shipReturn", "ShipReturnInput", back, CASE_ID);
        await ok(s.api, s.key, "confirmReturnReceived", "ConfirmReturnReceivedInput", { caseId, returnId }, CASE_ID);
        const parcel = { caseId, returnId, carrier: "Cainiao", trackingNumber: "LP00000002" };
        const after = await ok(s.api, s.key, "shipReplacement", "ShipReplacementInput", parcel, "case { outcome }");
        expect(after.case.outcome).toBe("REPLACED");
      };
      const blockers = async () =>
        (await eligibilityOf(s, s.key, deposit.id)).blockers.map((b: { code: string; message: string }) => b);
      const health = async () =>
        (
          await graphql(s.api, `query($s: ID!) { seller(id: $s) { health { depositConsequences { code } } } }`, {
            key: s.key,
            variables: { s: s.sellerId },
          })
        ).body.data.seller.health.depositConsequences.map((c: { code: string }) => c.code);

      await dispute(accepted("PARTIAL_REFUND", { amount: usd(1_000) }));
      await dispute(replaced);
      await dispute(accepted("COUPON", { amount: usd(500) }));
      // Two conceded (the allowed number); the coupon settled the third without conceding it.
      expect(await blockers()).toEqual([]);
      expect(await health()).not.toContain("TOO_MANY_QUALITY_DISPUTES");

      await dispute(accepted("DISCOUNT", { percentOff: 20 }));
      expect(await blockers()).toEqual([
        { code: "TOO_MANY_QUALITY_DISPUTES", message: expect.stringContaining("3 disputes about quality") },
      ]);
      // The seller's health reads the same counter over 60 days: it says the same.
      expect(await health()).toContain("TOO_MANY_QUALITY_DISPUTES");
    },
  );

  it("refuses a sales target or a deposit in another currency than the seller's settlement currency", async () => {
    const s = await setup();
    const errors = await refused(
      s.api,
      s.operator,
      "recordDeposit",
      "RecordDepositInput",
      limitedTerm({ sellerId: s.sellerId, salesTarget: { amountMinor: 50_000, currency: "USD" } }),
      "deposit { id }",
    );
    expect(errors).toEqual([
      {
        code: "CURRENCY_MISMATCH",
        field: ["input", "salesTarget", "currency"],
        message: expect.stringContaining("CNY"),
      },
    ]);
    const amount = await refused(
      s.api,
      s.operator,
      "recordDeposit",
      "RecordDepositInput",
      unlimited({ sellerId: s.sellerId, amount: { amountMinor: 100_000, currency: "EUR" } }),
      "deposit { id }",
    );
    expect(amount.map((e) => [e.code, e.field])).toEqual([["CURRENCY_MISMATCH", ["input", "amount", "currency"]]]);
    expect(await scanWhere("Deposits", (item) => item.sellerId === s.sellerId)).toEqual([]);
  });

  it("refuses a term that ended before the deposit was paid: sales made unheld do not refund it", async () => {
    const s = await setup();
    // Paid in 2026; the operator types the term of 2025 (the wrong year). Sales of 2025 would meet its target at once.
    const errors = await refused(
      s.api,
      s.operator,
      "recordDeposit",
      "RecordDepositInput",
      limitedTerm({
        sellerId: s.sellerId,
        paidAt: "2026-06-15T03:00:00Z",
        termStart: "2026-06-15T03:00:00Z",
        termEnd: "2026-06-15T03:00:00Z",
      }),
      "deposit { id }",
    );
    expect(errors.map((e) => e.field?.join("."))).toEqual(["input.termEnd"]);
    const lastYear = await refused(
      s.api,
      s.operator,
      "recordDeposit",
      "RecordDepositInput",
      limitedTerm({ sellerId: s.sellerId, paidAt: "2026-06-15T03:00:00Z", termEnd: "2026-02-01T00:00:00+08:00" }),
      "deposit { id }",
    );
    expect(lastYear).toEqual([
      { code: "INVALID_INPUT", field: ["input", "termEnd"], message: expect.stringContaining("paidAt") },
      { code: "INVALID_INPUT", field: ["input", "termStart"], message: expect.stringContaining("paidAt") },
    ]);
    expect(await scanWhere("Deposits", (item) => item.sellerId === s.sellerId)).toEqual([]);
  });
});

describe("an unlimited deposit", () => {
  it(
    "that meets the sustained-sales rule is eligible, but the recommendation is to refer it to an operator, who " +
      "decides",
    async () => {
      const s = await setup("2026-06-15T04:00:00.000Z");
      await seedDailySales(testDb(), s.sellerId, {
        "2026-02-27": 9_000_000, // before the rule's months: does not count
        "2026-03-05": 3_000_000,
        "2026-03-20": 2_500_000,
        "2026-04-11": 5_000_000,
        "2026-05-31": 7_000_000,
        "2026-06-01": 100, // the current month does not count until it is over
      });
      const deposit = await recordDeposit(s, s.key, unlimited());
      const result = await eligibilityOf(s, s.key, deposit.id, ["SALES_DATA", "QUALITY_INSPECTION_REPORT"]);
      expect(result).toMatchObject({
        eligible: true,
        recommendation: "REFER_TO_OPERATOR",
        blockers: [],
        progress: {
          salesToDate: CNY(175_000),
          salesTarget: null,
          termEndsAt: null,
          daysLeft: null,
          monthsMeetingRule: 3,
          monthsRequired: 3,
          monthlySales: [
            { month: "2026-03", sales: { amountMinor: 5_500_000 }, meetsRule: true },
            { month: "2026-04", sales: { amountMinor: 5_000_000 }, meetsRule: true },
            { month: "2026-05", sales: { amountMinor: 7_000_000 }, meetsRule: true },
          ],
        },
      });

      const applied = await apply(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(applied.application).toMatchObject({ status: "PENDING", recommendation: "REFER_TO_OPERATOR" });

      // The operator weighs sales and reputation: here a denial, with a reason; the deposit is held again.
      const denied = await decide(s, s.operator, {
        applicationId: applied.application.id,
        outcome: "DENY",
        reason: "Return rate above category average; apply again in 3 months.",
      });
      expect(denied.application).toMatchObject({
        status: "DENIED",
        decision: { outcome: "DENY", amount: null, reason: expect.stringContaining("Return rate") },
      });
      expect(denied.deposit).toMatchObject({ status: "HELD", refundedAmount: null, version: 3 });
    },
  );

  it(
    "paid days ago is not refundable on the sales of the months before it was paid, and says for how few months " +
      "it was held",
    async () => {
      const s = await setup("2026-06-15T04:00:00.000Z");
      // Three good months, all before the deposit existed.
      await seedDailySales(testDb(), s.sellerId, {
        "2026-03-05": 6_000_000,
        "2026-04-05": 6_000_000,
        "2026-05-05": 6_000_000,
      });
      const deposit = await recordDeposit(s, s.key, unlimited({ paidAt: "2026-06-10T00:00:00Z" }));
      const result = await eligibilityOf(s, s.key, deposit.id, ["SALES_DATA", "QUALITY_INSPECTION_REPORT"]);
      expect(result).toMatchObject({
        eligible: false,
        recommendation: "NOT_ELIGIBLE",
        progress: { salesToDate: CNY(180_000), monthsMeetingRule: 0, monthsRequired: 3 },
      });
      expect(result.progress.monthlySales.map((m: { meetsRule: boolean }) => m.meetsRule)).toEqual([
        false,
        false,
        false,
      ]);
      expect(result.blockers).toEqual([
        {
          code: "SUSTAINED_SALES_NOT_MET",
          message: expect.stringContaining(
            "The deposit was paid on 2026-06-10: it has been held for 0 of the 3 full calendar months",
          ),
        },
      ]);
      expect(result.blockers[0].message).toContain("the rule can be met on 2026-10-01 at the earliest");

      const errors = await applyRefused(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(errors.map((e) => [e.code, e.field])).toEqual([["NOT_ELIGIBLE", ["input", "depositId"]]]);
      expect(errors[0]!.message).toContain("held for 0 of the 3 full calendar months");
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({ status: "HELD", refundApplications: [] });
    },
  );

  it("that falls short in one month is not eligible, naming the month", async () => {
    const s = await setup("2026-06-15T04:00:00.000Z");
    await seedDailySales(testDb(), s.sellerId, {
      "2026-03-05": 6_000_000,
      "2026-04-11": 4_200_000,
      "2026-05-31": 7_000_000,
    });
    const deposit = await recordDeposit(s, s.key, unlimited());
    const result = await eligibilityOf(s, s.key, deposit.id);
    expect(result).toMatchObject({
      eligible: false,
      recommendation: "NOT_ELIGIBLE",
      progress: { monthsMeetingRule: 2, monthsRequired: 3 },
    });
    expect(result.blockers).toEqual([
      {
        code: "SUSTAINED_SALES_NOT_MET",
        message: expect.stringContaining("2026-04 (CN¥42,000.00, CN¥8,000.00 short)"),
      },
    ]);
  });
});

describe("a blocking violation at the far end of the window", () => {
  it("blocks the deposit and shows in the seller's health alike, across a DST change in a leap year", async () => {
    // 2 April 2028, 23:59 in Sydney (AEST: daylight time ended that morning); February had 29 days.
    const s = await setup("2028-04-02T13:59:00.000Z");
    const created = await ok(
      s.api,
      s.operator,
      "createSeller",
      "CreateSellerInput",
      { name: "Sydney Seller", settlementCurrency: "AUD", timeZone: "Australia/Sydney" },
      "seller { id }",
    );
    const sellerId = created.seller.id;
    // 3 April 2027, 00:30 in Sydney (AEDT): the first day of the trailing 12 months, 366 days and 29 minutes ago.
    const violation = await ok(
      s.api,
      s.operator,
      "recordViolation",
      "RecordViolationInput",
      {
        sellerId,
        kind: "COUNTERFEIT",
        severity: "MAJOR",
        occurredAt: "2027-04-02T13:30:00.000Z",
        note: "Counterfeit.",
      },
      "violation { id }",
    );
    const deposit = await recordDeposit(s, s.key, {
      ...unlimited({ amount: { amountMinor: 1_000_000, currency: "AUD" } }),
      sellerId,
      sustainedRule: { minMonthlySales: { amountMinor: 100, currency: "AUD" }, months: 1 },
    });
    const read = await graphql(
      s.api,
      `query($s: ID!, $d: ID!) {
        seller(id: $s) { health { depositConsequences { code violationId } } }
        depositRefundEligibility(depositId: $d) { blockers { code } } }`,
      { key: s.operator, variables: { s: sellerId, d: deposit.id } },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.depositRefundEligibility.blockers).toContainEqual({ code: "BLOCKING_VIOLATION" });
    expect(read.body.data.seller.health.depositConsequences).toContainEqual({
      code: "BLOCKING_VIOLATION",
      violationId: violation.violation.id,
    });
  });
});

describe("refund applications and decisions", () => {
  async function eligibleDeposit(s: Setup) {
    const deposit = await recordDeposit(s, s.key, limitedTerm({ salesTarget: CNY(100) }));
    await ok(
      s.api,
      s.key,
      "createOrder",
      "CreateOrderInput",
      orderInput({ placedAt: "2026-06-01T02:00:00Z", settlementAmount: CNY(160) }),
      "order { id }",
    );
    return deposit;
  }

  it(
    "an application without the quality inspection report is refused with MISSING_DOCUMENTS naming it, and writes " +
      "nothing",
    async () => {
      const s = await setup();
      const deposit = await eligibleDeposit(s);
      expect((await eligibilityOf(s, s.key, deposit.id, ["SALES_DATA"])).missingDocuments).toEqual([
        "QUALITY_INSPECTION_REPORT",
      ]);

      const errors = await applyRefused(s, s.key, { depositId: deposit.id, documents: [SALES_DATA] });
      expect(errors).toEqual([
        {
          code: "MISSING_DOCUMENTS",
          field: ["input", "documents"],
          message: expect.stringContaining("missing: a quality inspection report (QUALITY_INSPECTION_REPORT)"),
        },
      ]);
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({
        status: "HELD",
        version: 1,
        refundApplications: [],
      });

      // A malformed document is an INVALID_INPUT naming the field.
      const bad = await applyRefused(s, s.key, {
        depositId: deposit.id,
        documents: [SALES_DATA, { ...INSPECTION, checksum: "abc" }],
      });
      expect(bad.map((e) => [e.code, e.field])).toEqual([["INVALID_INPUT", ["input", "documents", "1", "checksum"]]]);
    },
  );

  it(
    "one file given as both the sales data and the quality inspection report is refused with MISSING_DOCUMENTS, " +
      "and writes nothing",
    async () => {
      const s = await setup();
      const deposit = await eligibleDeposit(s);
      const errors = await applyRefused(s, s.key, {
        depositId: deposit.id,
        documents: [SALES_DATA, { ...INSPECTION, reference: SALES_DATA.reference, checksum: SALES_DATA.checksum }],
      });
      expect(errors).toEqual([
        {
          code: "MISSING_DOCUMENTS",
          field: ["input", "documents"],
          message: expect.stringContaining(
            "One file (evidence/sales-2026-h1.csv) is given as sales data (SALES_DATA) and a " +
              "quality inspection report (QUALITY_INSPECTION_REPORT)",
          ),
        },
      ]);
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({
        status: "HELD",
        version: 1,
        refundApplications: [],
      });
      // One reference given as both with two different checksums: the caller's checksums do not make it two files.
      const sameReference = await applyRefused(s, s.key, {
        depositId: deposit.id,
        documents: [{ ...SALES_DATA, reference: "HTTPS://FILES.example.com/qc/2026-05.pdf" }, INSPECTION],
      });
      expect(sameReference).toEqual([
        {
          code: "MISSING_DOCUMENTS",
          field: ["input", "documents"],
          message: expect.stringContaining(
            "One file (HTTPS://FILES.example.com/qc/2026-05.pdf) is given as sales data",
          ),
        },
      ]);
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({ status: "HELD", refundApplications: [] });
    },
  );

  it(
    "while an application waits, the operator reading the deposit's eligibility before deciding sees a blocking " +
      "violation recorded since",
    async () => {
      const s = await setup();
      const deposit = await eligibleDeposit(s);
      const applied = await apply(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      expect(applied.application.recommendation).toBe("REFUND_IN_FULL");
      // No other application is taken, and the rules' verdict is still the one the seller applied under.
      const waiting = await eligibilityOf(s, s.operator, deposit.id);
      expect(waiting).toMatchObject({ eligible: false, recommendation: "REFUND_IN_FULL" });
      expect(waiting.blockers.map((b: { code: string }) => b.code)).toEqual(["REFUND_ALREADY_REQUESTED"]);

      // A counterfeit found during the term, recorded while the application waits.
      await ok(
        s.api,
        s.operator,
        "recordViolation",
        "RecordViolationInput",
        {
          sellerId: s.sellerId,
          kind: "COUNTERFEIT",
          severity: "CRITICAL",
          occurredAt: "2026-06-01T00:00:00Z",
          note: "Counterfeit listing found in a platform sweep",
        },
        "violation { id }",
      );
      const since = await eligibilityOf(s, s.operator, deposit.id);
      expect(since).toMatchObject({ eligible: false, recommendation: "NOT_ELIGIBLE" });
      expect(since.blockers).toEqual([
        { code: "REFUND_ALREADY_REQUESTED", message: expect.any(String) },
        {
          code: "BLOCKING_VIOLATION",
          message: expect.stringContaining("critical counterfeit violation on 2026-06-01, during the term"),
        },
      ]);
      // The application keeps what was recommended when the seller applied.
      expect((await readDeposit(s, s.operator, deposit.id)).refundApplications).toMatchObject([
        { status: "PENDING", recommendation: "REFUND_IN_FULL" },
      ]);
      // Refunding in full against the verdict now overrides the rules: only with the reason why, and refused it writes
      // nothing.
      const applicationId = applied.application.id;
      for (const reason of [undefined, null, "   "]) {
        const unexplained = await decideRefused(s, s.operator, { applicationId, outcome: "APPROVE_FULL", reason });
        expect(unexplained.map((e) => [e.code, e.field])).toEqual([["INVALID_INPUT", ["input", "reason"]]]);
        // Blank text is refused as blank, before any rule; no reason at all as an override without one.
        expect(unexplained[0]!.message).toContain(reason === "   " ? "cannot be empty" : "overriding");
      }
      expect(await readDeposit(s, s.operator, deposit.id)).toMatchObject({ status: "REFUND_REQUESTED", version: 2 });
      const reason = "The listing was the brand owner's own; the violation is under appeal.";
      const overridden = await decide(s, s.operator, { applicationId, outcome: "APPROVE_FULL", reason });
      expect(overridden.application).toMatchObject({
        status: "APPROVED",
        decision: { outcome: "APPROVE_FULL", reason, recommendation: "NOT_ELIGIBLE" },
      });
    },
  );

  it(
    "a partial refund is never above the deposit, needs a deduction reason, and a decided application cannot be " +
      "decided again",
    async () => {
      const s = await setup();
      const deposit = await eligibleDeposit(s);
      const applied = await apply(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      const applicationId = applied.application.id;

      const above = await decideRefused(s, s.operator, {
        applicationId,
        outcome: "APPROVE_PARTIAL",
        amount: CNY(12_000),
        reason: "Deduction for QC failures",
      });
      expect(above).toEqual([
        {
          code: "AMOUNT_ABOVE_DEPOSIT",
          field: ["input", "amount", "amountMinor"],
          message: expect.stringContaining("CN¥10,000.00"),
        },
      ]);
      const noReason = await decideRefused(s, s.operator, {
        applicationId,
        outcome: "APPROVE_PARTIAL",
        amount: CNY(8_000),
      });
      expect(noReason.map((e) => [e.code, e.field])).toEqual([["INVALID_INPUT", ["input", "reason"]]]);
      const wrongCurrency = await decideRefused(s, s.operator, {
        applicationId,
        outcome: "APPROVE_PARTIAL",
        amount: { amountMinor: 800_000, currency: "USD" },
        reason: "x",
      });
      expect(wrongCurrency.map((e) => e.code)).toEqual(["CURRENCY_MISMATCH"]);
      const wholeInWrongCurrency = await decideRefused(s, s.operator, {
        applicationId,
        outcome: "APPROVE_FULL",
        amount: { amountMinor: 1_000_000, currency: "USD" },
      });
      expect(wholeInWrongCurrency.map((e) => [e.code, e.field])).toEqual([
        ["CURRENCY_MISMATCH", ["input", "amount", "currency"]],
      ]);
      const stale = await decideRefused(s, s.operator, {
        applicationId,
        outcome: "DENY",
        reason: "x",
        expectedVersion: 7,
      });
      expect(stale.map((e) => e.code)).toEqual(["VERSION_CONFLICT"]);

      const partial = await decide(s, s.operator, {
        applicationId,
        outcome: "APPROVE_PARTIAL",
        amount: CNY(8_000),
        reason: "CN¥2,000 deducted for two upheld quality complaints.",
      });
      expect(partial.application).toMatchObject({
        status: "PARTIALLY_APPROVED",
        decision: { outcome: "APPROVE_PARTIAL", amount: CNY(8_000) },
      });
      expect(partial.deposit).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedAmount: CNY(8_000) });

      const twice = await decideRefused(s, s.operator, { applicationId, outcome: "APPROVE_FULL" });
      expect(twice).toEqual([
        {
          code: "INVALID_TRANSITION",
          field: null,
          message: expect.stringContaining("already decided (PARTIALLY_APPROVED"),
        },
      ]);
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({
        status: "PARTIALLY_REFUNDED",
        refundedAmount: CNY(8_000),
      });
    },
  );

  it("the same idempotency key records one deposit, and answers the first payload again", async () => {
    // An idempotency record carries a TTL: its clock must not lie in the real past (see test/support/clock.ts).
    const s = await setup(testEpoch().toISOString());
    const input = { ...limitedTerm(), idempotencyKey: `dep-${randomUUID()}` };
    const first = await recordDeposit(s, s.key, input);
    const second = await recordDeposit(s, s.key, input);
    expect(second.id).toBe(first.id);
    expect(
      await scanWhere("Deposits", (item) => item.sellerId === s.sellerId && item.entity === "DEPOSIT"),
    ).toHaveLength(1);
  });
});

describe("who may do what", () => {
  it(
    "only operators record violations and decide refunds; a seller or a partner doing either is FORBIDDEN, and " +
      "nothing is written",
    async () => {
      const s = await setup();
      const partner = await makePartner([s.sellerId]);
      const violation = {
        sellerId: s.sellerId,
        kind: "FRAUD",
        severity: "CRITICAL",
        occurredAt: "2026-06-01T00:00:00Z",
        note: "Self-dealing orders.",
      };
      await forbidden(s.api, s.key, "recordViolation", "RecordViolationInput", violation, "violation { id }");
      await forbidden(s.api, partner, "recordViolation", "RecordViolationInput", violation, "violation { id }");
      // Deposit terms are the platform's: a seller (or its tool) recording its own CN¥0.01 sales target is FORBIDDEN.
      const ownTerms = limitedTerm({ salesTarget: { amountMinor: 1, currency: "CNY" } });
      await forbidden(s.api, s.key, "recordDeposit", "RecordDepositInput", ownTerms, "deposit { id }");
      await forbidden(
        s.api,
        partner,
        "recordDeposit",
        "RecordDepositInput",
        { ...ownTerms, sellerId: s.sellerId },
        "deposit { id }",
      );
      expect(await scanWhere("Deposits", (item) => item.pk === `SELLER#${s.sellerId}`)).toEqual([]);

      const deposit = await recordDeposit(s, s.key, limitedTerm({ salesTarget: CNY(100) }));
      await ok(
        s.api,
        s.key,
        "createOrder",
        "CreateOrderInput",
        orderInput({ placedAt: "2026-06-01T02:00:00Z", settlementAmount: CNY(160) }),
        "order { id }",
      );
      // A read-write partner tool applies for the seller.
      const applied = await apply(s, partner, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      await forbidden(
        s.api,
        s.key,
        "decideDepositRefund",
        "DecideDepositRefundInput",
        { applicationId: applied.application.id, outcome: "APPROVE_FULL" },
        "application { id }",
      );
      await forbidden(
        s.api,
        partner,
        "decideDepositRefund",
        "DecideDepositRefundInput",
        { applicationId: applied.application.id, outcome: "APPROVE_FULL" },
        "application { id }",
      );
      expect(await readDeposit(s, s.key, deposit.id)).toMatchObject({ status: "REFUND_REQUESTED" });

      // The review queue is the operator's.
      for (const key of [s.key, partner]) {
        const queue = await graphql(s.api, `{ depositRefundApplications { edges { node { id } } } }`, { key });
        expect(queue.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      }
      // The seller applies, the platform decides: an operator does not apply for a seller. Another payment (paid a
      // day later): the first one recorded again would be a DUPLICATE_DEPOSIT.
      const other = await recordDeposit(s, s.operator, {
        ...limitedTerm({ paidAt: "2025-12-29T10:00:00+08:00" }),
        sellerId: s.sellerId,
      });
      expect(other.sellerId).toBe(s.sellerId);
      await forbidden(
        s.api,
        s.operator,
        "applyForDepositRefund",
        "ApplyForDepositRefundInput",
        { depositId: other.id, documents: [SALES_DATA, INSPECTION] },
        "application { id }",
      );
      // A read-only partner sees the deposit but cannot apply.
      const reader = await makePartner([s.sellerId], "READ");
      expect((await readDeposit(s, reader, other.id)).id).toBe(other.id);
      await forbidden(
        s.api,
        reader,
        "applyForDepositRefund",
        "ApplyForDepositRefundInput",
        { depositId: other.id, documents: [SALES_DATA, INSPECTION] },
        "application { id }",
      );
    },
  );

  it(
    "a marketplace key granted the seller is FORBIDDEN its deposits, their refund evidence and their consequences; " +
      "its other reads of the seller still answer",
    async () => {
      const s = await setup();
      const deposit = await recordDeposit(s, s.key, limitedTerm({ salesTarget: CNY(100) }));
      await ok(
        s.api,
        s.key,
        "createOrder",
        "CreateOrderInput",
        orderInput({ placedAt: "2026-06-01T02:00:00Z", settlementAmount: CNY(160) }),
        "order { id }",
      );
      await apply(s, s.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
      const reads: Record<string, [string, Record<string, string>]> = {
        deposits: [
          `query($s: ID!) { deposits(sellerId: $s) { edges { node { id amount { amountMinor } ` +
            `refundApplications { documents { reference checksum } } } } } }`,
          { s: s.sellerId },
        ],
        deposit: [
          `query($id: ID!) { deposit(id: $id) { id refundApplications { documents { reference } } } }`,
          { id: deposit.id },
        ],
        depositRefundEligibility: [
          `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible } }`,
          { id: deposit.id },
        ],
        depositConsequences: [
          `query($s: ID!) { seller(id: $s) { health { status depositConsequences { code } } } }`,
          { s: s.sellerId },
        ],
        refundApplicationsOpen: [
          `query($s: ID!) { seller(id: $s) { overview { refundApplicationsOpen } } }`,
          { s: s.sellerId },
        ],
      };
      for (const [name, [query, variables]] of Object.entries(reads)) {
        const own = await graphql(s.api, query, { key: s.key, variables });
        expect(own.body.errors, `${name} by the seller`).toBeUndefined();
        const relayed = await graphql(s.api, query, { key: s.marketplace, variables });
        expect(relayed.body.errors?.[0]?.extensions?.code, `${name}: ${JSON.stringify(relayed.body)}`).toBe(
          "FORBIDDEN",
        );
        expect(JSON.stringify(relayed.body.data ?? null), name).not.toMatch(
          /evidence|amountMinor|eligible|code|refundApplicationsOpen/,
        );
      }
      // The buyer's side still reads the seller's health and orders.
      const other = await graphql(
        s.api,
        `query($s: ID!) { seller(id: $s) { health { status metrics { name } } } orders(sellerId: $s) { edges {
          node { id } } } }`,
        { key: s.marketplace, variables: { s: s.sellerId } },
      );
      expect(other.body.errors).toBeUndefined();
      expect(other.body.data.orders.edges).toHaveLength(1);
    },
  );

  it("seller B cannot see seller A's deposit: it is simply not found", async () => {
    const a = await setup();
    const b = await makeSeller();
    const deposit = await recordDeposit(a, a.key, limitedTerm());

    expect(await readDeposit(a, b.key, deposit.id)).toBeNull();
    const eligibility = await graphql(
      a.api,
      `query($id: ID!) { depositRefundEligibility(depositId: $id) { eligible } }`,
      { key: b.key, variables: { id: deposit.id } },
    );
    expect(eligibility.body.errors).toBeUndefined();
    expect(eligibility.body.data).toEqual({ depositRefundEligibility: null });
    const errors = await applyRefused(a, b.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
    expect(errors).toEqual([{ code: "NOT_FOUND", field: ["input", "depositId"], message: "No such deposit." }]);
    const own = await graphql(a.api, `{ deposits { edges { node { id } } } }`, { key: b.key });
    expect(own.body.data.deposits.edges).toEqual([]);
    const theirs = await graphql(a.api, `query($s: ID!) { deposits(sellerId: $s) { edges { node { id } } } }`, {
      key: b.key,
      variables: { s: a.sellerId },
    });
    expect(theirs.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a seller lists its own deposits newest first; an operator lists any seller's by naming it", async () => {
    const s = await setup();
    const older = await recordDeposit(s, s.key, limitedTerm({ paidAt: "2025-11-01T00:00:00Z" }));
    const newer = await recordDeposit(s, s.key, unlimited({ paidAt: "2026-02-01T00:00:00Z" }));
    const query =
      `query($s: ID, $after: String) { deposits(sellerId: $s, first: 1, after: $after) { edges { node { id kind } } ` +
      `pageInfo { hasNextPage endCursor } } }`;
    const first = await graphql(s.api, query, { key: s.key });
    expect(first.body.data.deposits.edges.map((e: any) => e.node.id)).toEqual([newer.id]);
    expect(first.body.data.deposits.pageInfo.hasNextPage).toBe(true);
    const second = await graphql(s.api, query, {
      key: s.key,
      variables: { after: first.body.data.deposits.pageInfo.endCursor },
    });
    expect(second.body.data.deposits.edges.map((e: any) => e.node.id)).toEqual([older.id]);

    const operator = await graphql(s.api, `query($s: ID) { deposits(sellerId: $s) { edges { node { id } } } }`, {
      key: s.operator,
      variables: { s: s.sellerId },
    });
    expect(operator.body.data.deposits.edges.map((e: any) => e.node.id)).toEqual([newer.id, older.id]);
    const unnamed = await graphql(s.api, `{ deposits { edges { node { id } } } }`, { key: s.operator });
    expect(unnamed.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("the operator's review queue", () => {
  it(
    "lists pending applications across sellers, oldest first, page " + "by page; a decided application leaves it",
    async () => {
      // Own tables: the queue spans every seller, so only this story's applications may be in it.
      const w = await world(new Date("2026-06-15T04:00:00.000Z"));
      const { db, operator } = w;
      const sellers: { sellerId: string; key: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const sellerId = `sel_${ulid()}`;
        const key = `seller_${randomUUID()}`;
        await SellersRepo.putSellerIfAbsent(db, {
          id: sellerId,
          name: `Queue seller ${i}`,
          settlementCurrency: "CNY",
          timeZone: "Asia/Shanghai",
          createdAt: "2026-01-01T00:00:00.000Z",
        });
        await ApiKeys.putApiKey(db, key, {
          role: "SELLER",
          keyId: `key_${ulid()}`,
          label: "queue seller",
          sellerId,
          createdAt: "2026-01-01T00:00:00.000Z",
        });
        await seedDailySales(db, sellerId, {
          "2026-03-01": 6_000_000,
          "2026-04-01": 6_000_000,
          "2026-05-01": 6_000_000,
        });
        sellers.push({ sellerId, key });
        sellerOfKey.set(key, sellerId);
      }

      // Applied in the order 2, 0, 1, an hour apart.
      const applications: string[] = [];
      for (const [hour, i] of [
        [1, 2],
        [2, 0],
        [3, 1],
      ] as const) {
        w.now = new Date(`2026-06-15T0${hour}:00:00.000Z`);
        const deposit = await recordDeposit(w, sellers[i]!.key, unlimited(), operator);
        const applied = await apply(w, sellers[i]!.key, { depositId: deposit.id, documents: [SALES_DATA, INSPECTION] });
        applications.push(applied.application.id);
      }

      const queueQuery = `query($after: String, $status: DepositRefundApplicationStatus) {
      depositRefundApplications(status: $status, first: 2, after: $after) {
        edges { node { id sellerId appliedAt recommendation deposit { id status } } } pageInfo { hasNextPage
          endCursor } } }`;
      const page1 = await graphql(w.api, queueQuery, { key: operator });
      expect(page1.body.errors).toBeUndefined();
      const q1 = page1.body.data.depositRefundApplications;
      expect(q1.edges.map((e: any) => e.node.id)).toEqual(applications.slice(0, 2));
      expect(q1.edges[0].node).toMatchObject({
        sellerId: sellers[2]!.sellerId,
        appliedAt: "2026-06-15T01:00:00.000Z",
        recommendation: "REFER_TO_OPERATOR",
        deposit: { status: "REFUND_REQUESTED" },
      });
      expect(q1.pageInfo.hasNextPage).toBe(true);
      const page2 = await graphql(w.api, queueQuery, { key: operator, variables: { after: q1.pageInfo.endCursor } });
      expect(page2.body.data.depositRefundApplications.edges.map((e: any) => e.node.id)).toEqual([applications[2]]);
      expect(page2.body.data.depositRefundApplications.pageInfo.hasNextPage).toBe(false);

      // A cursor from the PENDING queue does not read another status's list.
      const crossed = await graphql(w.api, queueQuery, {
        key: operator,
        variables: { after: q1.pageInfo.endCursor, status: "APPROVED" },
      });
      expect(crossed.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

      w.now = new Date("2026-06-16T02:00:00.000Z");
      await decide(w, operator, { applicationId: applications[0], outcome: "APPROVE_FULL" });
      const after = await graphql(w.api, queueQuery, { key: operator });
      expect(after.body.data.depositRefundApplications.edges.map((e: any) => e.node.id)).toEqual([
        applications[1],
        applications[2],
      ]);
      const approved = await graphql(w.api, queueQuery, { key: operator, variables: { status: "APPROVED" } });
      expect(approved.body.data.depositRefundApplications.edges.map((e: any) => e.node.id)).toEqual([applications[0]]);

      // The queue is an index Query: the items carry the queue partition, decided or not.
      const stored = await DepositsRepo.getDepositWithApplications(
        db,
        DepositsRepo.depositIdOfApplication(applications[0]!)!,
      );
      expect(stored?.applications.map((a) => a.status)).toEqual(["APPROVED"]);
    },
  );
});
