import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { Cases, Deposits, Orders, Returns } from "@seller-ops/core";
import {
  CasesRepo,
  DepositsRepo,
  DYNAMODB_ITEM_LIMIT_BYTES,
  Idempotency,
  itemSizeBytes,
  OrdersRepo,
} from "@seller-ops/db";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { buyerOpensCase, mutate, orderDue, world } from "../support/world";

/**
 * No item grows without bound. Lists that grow with use live in items of their own (timeline
 * events, refund applications, violations) or are capped in core (a case's remedies and offers,
 * an order's open cases and incidents): the worst case of every item, built from the input
 * limits, stays far below DynamoDB's 400 KB, and at a cap the action is a LIMIT_REACHED userError
 * and leaves `availableActions`, while the case can still be escalated, decided and read.
 */

/**
 * Worst case per character: text limits count UTF-16 units (core's `maxChars`), and a BMP CJK character is 3
 * UTF-8 bytes for 1 unit (an emoji is 4 bytes for 2: checked below).
 */
const wide = (n: number) => "界".repeat(n);

/** The longest string of `wide` characters (or of `char`) the schema accepts: the limit read from zod itself. */
function longest(schema: z.ZodMiniType, wrap: (s: string) => unknown = (s) => s, char = "界"): number {
  let lo = 0;
  let hi = 100_000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (schema.safeParse(wrap(char.repeat(mid))).success) lo = mid;
    else hi = mid - 1;
  }
  expect(lo, "a string field without a maximum").toBeLessThan(100_000);
  return lo;
}

/** The longest ASCII string (an object key of `e`s) the schema accepts. */
function asciiLongest(schema: z.ZodMiniType): number {
  let lo = 0;
  let hi = 100_000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (schema.safeParse("e".repeat(mid)).success) lo = mid;
    else hi = mid - 1;
  }
  expect(lo, "an ASCII string field without a maximum").toBeLessThan(100_000);
  return lo;
}

/** A field of an input schema; core's input schemas are built on first use (`z.lazy`), so this builds them. */
const fieldOf = <T extends z.ZodMiniObject>(schema: T | z.ZodMiniLazy<T>, field: keyof T["shape"]) =>
  objectOf(schema).shape[field as string] as z.ZodMiniType;
const objectOf = <T extends z.ZodMiniObject>(schema: T | z.ZodMiniLazy<T>): T =>
  schema._zod.def.type === "lazy" ? (schema as z.ZodMiniLazy<T>)._zod.innerType : (schema as T);
/** Half the limit: room for attributes a later change adds, and for DynamoDB's own rounding. */
const BOUND = DYNAMODB_ITEM_LIMIT_BYTES / 2;
const T = "2026-11-29T12:00:00.000Z";
const money = { amountMinor: Number.MAX_SAFE_INTEGER, currency: "USD" };
const id64 = wide(64);
/** Tracking numbers are ASCII letters, digits and dashes: the longest one allowed. */
const tracking64 = "A".repeat(64);

describe("worst-case item sizes from the input limits", () => {
  it("no text takes more bytes at its limit from emoji than from CJK characters", () => {
    // zod's own maxLength counts an emoji once: 4 bytes a counted character, a third over the bounds below.
    const texts = {
      message: fieldOf(Cases.PostCaseMessageInput, "body"),
      remedyNote: fieldOf(Cases.RecordRemedyInput, "note"),
      remedyReference: fieldOf(Cases.RecordRemedyInput, "reference"),
      evidence: fieldOf(Cases.SubmitCaseEvidenceInput, "description"),
      title: fieldOf(Orders.CreateInput, "marketplaceOrderId"),
      incidentNote: fieldOf(Orders.IncidentInput, "note"),
      ticket: fieldOf(Orders.IncidentInput, "supportTicketRef"),
      carrier: fieldOf(Orders.ShipInput, "carrier"),
      reason: fieldOf(Deposits.DecideRefundInput, "reason"),
    };
    const bytes = (s: string) => Buffer.byteLength(s, "utf8");
    for (const [name, schema] of Object.entries(texts)) {
      const cjk = longest(schema);
      const emoji = longest(schema, undefined, "😀");
      expect(bytes("😀".repeat(emoji)), name).toBeLessThanOrEqual(bytes(wide(cjk)));
    }
  });

  const trackingInput = fieldOf(Returns.ShipReturnInput, "trackingNumber");
  expect([trackingInput.safeParse(tracking64).success, trackingInput.safeParse(`${tracking64}A`).success]).toEqual([
    true,
    false,
  ]);
  const remedyNote = longest(fieldOf(Cases.RecordRemedyInput, "note"));
  const remedyReference = longest(fieldOf(Cases.RecordRemedyInput, "reference"));
  const offerNote = longest(fieldOf(Cases.MakeCompensationOfferInput, "note"));
  const body = longest(fieldOf(Cases.PostCaseMessageInput, "body"));
  const description = longest(fieldOf(Cases.SubmitCaseEvidenceInput, "description"));
  // References are printable ASCII: the longest accepted, 1 byte a character (a wide one is refused).
  expect(fieldOf(Cases.SubmitCaseEvidenceInput, "reference").safeParse(`evidence/${wide(10)}`).success).toBe(false);
  const evidenceReference = asciiLongest(fieldOf(Cases.SubmitCaseEvidenceInput, "reference"));
  // Who submitted: an API key id, or `jwt:` and the token's subject (a UUID at Cognito; 255 characters allowed here).
  const submittedBy = `jwt:${"s".repeat(255)}`;
  const evidence = Cases.EVIDENCE_SIDES.flatMap((side) =>
    Array.from({ length: Cases.EVIDENCE_LIMITS[side] }, () => ({
      id: id64,
      kind: "INSPECTION_REPORT",
      side,
      submittedBy,
      submittedAt: T,
      reference: "e".repeat(evidenceReference),
      description: wide(description),
      redactedAt: T,
    })),
  );

  // Returns live in the case item too (packages/core/src/returns): every one of them with both parcels.
  const returnCarrier = longest(fieldOf(Returns.ShipReturnInput, "carrier"));
  // Tracking numbers are ASCII letters, digits and dashes: the longest one allowed, not wide characters.
  const parcel = { carrier: wide(returnCarrier), trackingNumber: tracking64, shippedAt: T };
  const returns = Array.from({ length: Cases.CASE_LIMITS.returns }, () => ({
    id: id64,
    kind: "REFUND_WITH_RETURN",
    status: "REFUNDED",
    refund: money,
    authorisedAt: T,
    shipBackBy: T,
    returnShipment: parcel,
    receiveBy: T,
    receivedAt: T,
    settleBy: T,
    refundedAt: T,
    replacementShipment: parcel,
    endedAt: T,
    receiptOverdueAt: T,
    settlementOverdueAt: T,
  }));

  const worstCase: Cases.Case = Cases.Info.parse({
    id: id64,
    sellerId: id64,
    orderId: id64,
    reason: "NOT_AS_DESCRIBED",
    source: "BUYER",
    status: "ESCALATED",
    outcome: "DECIDED_FOR_BUYER",
    claimAmount: money,
    openedAt: T,
    respondBy: T,
    firstResponseAt: T,
    firstResponseWithinDeadline: true,
    lastBuyerMessageAt: T,
    firstSellerMessageAt: T,
    lastSellerMessageAt: T,
    unansweredBuyerMessages: Number.MAX_SAFE_INTEGER,
    responseOverdueAt: T,
    remedies: Array.from({ length: Cases.CASE_LIMITS.remedies }, () => ({
      id: id64,
      kind: "RETURN_AND_REFUND",
      amount: money,
      note: wide(remedyNote),
      reference: wide(remedyReference),
      recordedAt: T,
    })),
    offers: Array.from({ length: Cases.CASE_LIMITS.offers }, () => ({
      id: id64,
      kind: "PARTIAL_REFUND",
      amount: money,
      percentOff: 100,
      note: wide(offerNote),
      status: "WITHDRAWN",
      madeAt: T,
      expiresAt: T,
      answeredAt: T,
    })),
    evidence,
    returns,
    escalatedAt: T,
    resolvedAt: T,
    closedAt: T,
    nextDeadlineAt: T,
    eventCount: Number.MAX_SAFE_INTEGER,
    version: Number.MAX_SAFE_INTEGER,
    createdAt: T,
    updatedAt: T,
  });

  const itemCount = 100;
  const orderItems = objectOf(Orders.CreateInput).shape.items;
  expect(
    orderItems.safeParse(Array.from({ length: itemCount + 1 }, () => ({ sku: "A", title: "B", quantity: 1 }))).success,
  ).toBe(false);
  const itemSchema = orderItems.def.element;
  const sku = longest(fieldOf(itemSchema, "sku"));
  const title = longest(fieldOf(itemSchema, "title"));
  const incidentNote = longest(fieldOf(Orders.IncidentInput, "note"));
  const ticket = longest(fieldOf(Orders.IncidentInput, "supportTicketRef"));
  const cancelNote = longest(fieldOf(Orders.CancelInput, "note"));
  const carrier = longest(fieldOf(Orders.ShipInput, "carrier"));
  const tracking = longest(fieldOf(Orders.ShipInput, "trackingNumber"));

  const worstOrder: Orders.Order = Orders.Info.parse({
    id: id64,
    sellerId: id64,
    marketplaceOrderId: id64,
    status: "CANCELLED",
    items: Array.from({ length: itemCount }, () => ({
      sku: wide(sku),
      title: wide(title),
      quantity: Number.MAX_SAFE_INTEGER,
      unitPrice: money,
    })),
    buyerTotal: money,
    settlementAmount: money,
    buyerCountry: "DE",
    placedAt: T,
    handlingDays: Number.MAX_SAFE_INTEGER,
    shipBy: T,
    shippedAt: T,
    carrier: wide(carrier),
    trackingNumber: wide(tracking),
    expedited: true,
    expeditedAt: T,
    deliveredAt: T,
    cancelledAt: T,
    cancelReason: "OTHER",
    cancelNote: wide(cancelNote),
    incidents: Array.from({ length: Orders.MAX_INCIDENTS }, () => ({
      id: id64,
      cause: "SYSTEM_ERROR",
      note: wide(incidentNote),
      supportTicketRef: wide(ticket),
      recordedAt: T,
    })),
    refundedMinor: Number.MAX_SAFE_INTEGER,
    compensatedMinor: Number.MAX_SAFE_INTEGER,
    // One hold per open case at most: a case has one open return at a time.
    heldForReturns: Object.fromEntries(
      Array.from({ length: Cases.MAX_OPEN_CASE_IDS }, (_, i) => [
        `${wide(60)}${String(i).padStart(4, "0")}`,
        Number.MAX_SAFE_INTEGER,
      ]),
    ),
    openCaseIds: Array.from({ length: Cases.MAX_OPEN_CASE_IDS }, () => id64),
    // Which of them the buyer and the platform opened, each side at its cap.
    openBuyerCaseIds: Array.from({ length: Cases.ORDER_CASE_LIMITS.openCasesPerSide }, () => id64),
    // Their reasons: an order stored before one open dispute per reason was kept may hold the side's whole cap.
    openBuyerCaseReasons: Object.fromEntries(
      Array.from({ length: Cases.ORDER_CASE_LIMITS.openCasesPerSide }, (_, i) => [
        `${wide(62)}${String(i).padStart(2, "0")}`,
        "NOT_AS_DESCRIBED",
      ]),
    ),
    buyerDisputed: true,
    openPlatformCaseIds: Array.from({ length: Cases.ORDER_CASE_LIMITS.openCasesPerSide }, () => id64),
    casesOpened: Object.fromEntries(Cases.CASE_OPENERS.map((side) => [side, Cases.ORDER_CASE_LIMITS.casesPerSide])),
    lateShipmentCaseId: id64,
    shipmentDeclaredAt: T,
    atRiskFlaggedAt: T,
    lateFlaggedAt: T,
    nextCheckAt: T,
    version: Number.MAX_SAFE_INTEGER,
    createdAt: T,
    updatedAt: T,
  });

  const documentSchema = Deposits.EvidenceDocumentInput;
  const reference = longest(fieldOf(documentSchema, "reference"));
  const docTitle = longest(fieldOf(documentSchema, "title"));
  const reason = longest(fieldOf(Deposits.DecideRefundInput, "reason"));
  const worstApplication = Deposits.RefundApplication.parse({
    id: wide(91),
    depositId: id64,
    sellerId: id64,
    status: "DENIED",
    recommendation: "REFER_TO_OPERATOR",
    appliedAt: T,
    decidedAt: T,
    version: Number.MAX_SAFE_INTEGER,
    updatedAt: T,
    documents: Array.from({ length: Deposits.MAX_DOCUMENTS }, () => ({
      kind: "OTHER",
      reference: wide(reference),
      checksum: "f".repeat(64),
      title: wide(docTitle),
    })),
    decision: { outcome: "DENY", amount: money, reason: wide(reason) },
  });

  const idempotencyRecord = (payload: unknown) => ({
    pk: `${wide(64)}#respondToCompensationOffer#${"k".repeat(128)}`,
    status: "COMPLETED",
    requestHash: "f".repeat(64),
    lockToken: "f".repeat(36),
    createdAt: T,
    expiresAt: T,
    expiresAtEpoch: Number.MAX_SAFE_INTEGER,
    completedAt: T,
    shape: 1,
    payload,
  });

  const sizes: Record<string, number> = {
    case: itemSizeBytes(CasesRepo.toItem(worstCase)),
    "case's idempotent answer": itemSizeBytes(idempotencyRecord({ case: worstCase, userErrors: [] })),
    "timeline event": itemSizeBytes({
      pk: id64,
      sk: id64,
      caseId: id64,
      eventId: "999999",
      type: "OFFER_WITHDRAWN",
      at: T,
      actor: "PLATFORM",
      summary: wide(offerNote + 200),
      // The same line as a text: its figures are codes, amounts, instants and a parcel's, never a note (a note is
      // the body: at most 1,000 characters, a message's 5,000).
      said: {
        key: "timeline.returnShippedBack",
        params: { carrier: wide(returnCarrier), trackingNumber: tracking64, receiveBy: T },
      },
      body: wide(body),
      statusAfter: "ESCALATED",
    }),
    order: itemSizeBytes(OrdersRepo.toItem(worstOrder)),
    "order's idempotent answer": itemSizeBytes(idempotencyRecord({ order: worstOrder, userErrors: [] })),
    "an imported order's own answer": itemSizeBytes(
      idempotencyRecord({
        index: 99,
        marketplaceOrderId: id64,
        outcome: "CREATED",
        order: worstOrder,
        existingOrderId: id64,
        errors: [],
      }),
    ),
    "refund application": itemSizeBytes(DepositsRepo.applicationToItem(worstApplication)),
  };

  // `PRINT_SIZES=1 npx vitest run test/reliability/item-growth.test.ts` prints the figures.
  if (process.env.PRINT_SIZES) console.log(JSON.stringify(sizes));
  it.each(Object.keys(sizes))("%s stays below half of DynamoDB's 400 KB", (name) => {
    expect(sizes[name], `${name}: ${sizes[name]} bytes`).toBeLessThan(BOUND);
  });

  it("an idempotency record refuses an answer above its bound, naming the mutation", () => {
    const db = { doc: null as never, tables: { Idempotency: "x" } as never };
    const tooBig = { ...worstCase, remedies: Array.from({ length: 200 }, () => worstCase.remedies[0]!) };
    expect(() =>
      Idempotency.recordWrite(
        db,
        { principalId: "p", mutation: "recordRemedy", key: "k" },
        {
          requestHash: "h",
          payload: { case: tooBig },
          at: T,
        },
      ),
    ).toThrow(/recordRemedy.*cap/);
  });
});

const Q = (name: string, input: string, selection: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { ${selection} userErrors { code message field } } }`;

describe("every growing list driven to its cap and beyond through the handler", () => {
  it("a case at its remedy and offer caps refuses more with LIMIT_REACHED, drops both actions, and can still be " +
    "escalated, decided and read", {
    timeout: 180_000,
  }, async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    const remedy = (i: number) => ({
      caseId,
      kind: "APOLOGY",
      note: wide(1000),
      reference: wide(256),
      idempotencyKey: `remedy-${caseId}-${i}`,
    });
    const recordRemedy = (i: number) =>
      graphql(w.api, Q("recordRemedy", "RecordRemedyInput", "case { id }"), {
        key: w.key,
        variables: { input: remedy(i) },
      });

    for (let i = 0; i < Cases.CASE_LIMITS.remedies; i++)
      expect((await recordRemedy(i)).body.data.recordRemedy.userErrors).toEqual([]);
    const expiresAt = new Date(w.now.getTime() + 3 * 86_400_000).toISOString();
    for (let i = 0; i < Cases.CASE_LIMITS.offers; i++) {
      const made = await mutate(
        w,
        w.key,
        "makeCompensationOffer",
        "MakeCompensationOfferInput",
        {
          caseId,
          kind: "COUPON",
          amount: { amountMinor: 100, currency: "USD" },
          expiresAt,
          note: wide(1000),
          idempotencyKey: `offer-${caseId}-${i}`,
        },
        "case { offers { id status } }",
      );
      expect(made.userErrors).toEqual([]);
      const pending = made.case.offers.find((o: { status: string }) => o.status === "PENDING");
      expect(
        (
          await mutate(
            w,
            w.key,
            "withdrawCompensationOffer",
            "WithdrawCompensationOfferInput",
            { caseId, offerId: pending.id },
            "case { id }",
          )
        ).userErrors,
      ).toEqual([]);
    }

    const actions = async (key: string) =>
      (await graphql(w.api, `{ case(id: "${caseId}") { availableActions } }`, { key })).body.data.case
        .availableActions as string[];
    const sellerActions = await actions(w.key);
    expect(sellerActions).not.toContain("RECORD_REMEDY");
    expect(sellerActions).not.toContain("MAKE_OFFER");
    expect(sellerActions).toContain("POST_SELLER_MESSAGE");

    const beyondRemedy = (await recordRemedy(Cases.CASE_LIMITS.remedies)).body;
    expect(beyondRemedy.errors).toBeUndefined();
    expect(beyondRemedy.data.recordRemedy.userErrors).toEqual([
      expect.objectContaining({
        code: "LIMIT_REACHED",
        message: expect.stringContaining(String(Cases.CASE_LIMITS.remedies)),
      }),
    ]);
    const beyondOffer = await mutate(
      w,
      w.key,
      "makeCompensationOffer",
      "MakeCompensationOfferInput",
      { caseId, kind: "COUPON", amount: { amountMinor: 100, currency: "USD" }, expiresAt },
      "case { id }",
    );
    expect(beyondOffer.userErrors).toEqual([
      expect.objectContaining({
        code: "LIMIT_REACHED",
        message: expect.stringContaining(String(Cases.CASE_LIMITS.offers)),
      }),
    ]);
    // A blind retry of a capped remedy's key answers the same.
    expect((await recordRemedy(Cases.CASE_LIMITS.remedies)).body).toEqual(beyondRemedy);

    expect(
      (
        await mutate(
          w,
          w.marketplace,
          "escalateCase",
          "EscalateCaseInput",
          { caseId, note: wide(1000) },
          "case { status }",
        )
      ).case.status,
    ).toBe("ESCALATED");
    expect(await actions(w.operator)).toContain("DECIDE");
    const decided = await mutate(
      w,
      w.operator,
      "resolveCase",
      "ResolveCaseInput",
      { caseId, outcome: "DECIDED_FOR_BUYER", note: wide(1000), idempotencyKey: `decide-${caseId}` },
      "case { status outcome }",
    );
    expect(decided).toMatchObject({ userErrors: [], case: { status: "RESOLVED", outcome: "DECIDED_FOR_BUYER" } });

    const read = await graphql(
      w.api,
      `{ case(id: "${caseId}") { status remedies { id } offers { id status } timeline(first: 100) { edges { node ` +
        `{ type } } } } }`,
      { key: w.key },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.case.remedies).toHaveLength(Cases.CASE_LIMITS.remedies);
    expect(read.body.data.case.offers).toHaveLength(Cases.CASE_LIMITS.offers);
    expect(read.body.data.case.timeline.edges.length).toBe(
      1 + Cases.CASE_LIMITS.remedies + 2 * Cases.CASE_LIMITS.offers + 2,
    );
    await checkInvariants(w.db);
  });

  it("each source counts only its own open cases: the seller's system cases at their cap leave the buyer's " +
    "dispute its slots, and the late-order job's case still passes the cap", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const order = await orderDue(w, 1);
    const cap = Cases.ORDER_CASE_LIMITS.openCasesPerSide;
    const openSystem = async () =>
      (
        await graphql(w.api, Q("openCase", "OpenCaseInput", "case { id }"), {
          key: w.key,
          variables: { input: { orderId: order.id, reason: "OTHER", source: "SYSTEM" } },
        })
      ).body.data.openCase;
    for (let i = 0; i < cap; i++) expect((await openSystem()).userErrors).toEqual([]);
    expect(await openSystem()).toEqual({
      case: null,
      userErrors: [
        expect.objectContaining({
          code: "LIMIT_REACHED",
          field: ["input", "orderId"],
          message: expect.stringContaining(`${cap} open system cases`),
        }),
      ],
    });

    const dispute = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "NOT_RECEIVED", source: "BUYER", claimText: "Never arrived." },
      "case { id }",
    );
    expect(dispute.userErrors).toEqual([]);

    w.now = new Date(w.now.getTime() + 2 * 3_600_000); // past shipBy, unshipped
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1 });
    const stored = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(stored!.openCaseIds).toHaveLength(cap + 2);
    expect(stored!.openCaseIds.length).toBeLessThanOrEqual(Cases.MAX_OPEN_CASE_IDS);
    await checkInvariants(w.db);
  });

  it("the platform's system cases have a cap of their own: the seller's system cases at their cap never refuse " +
    "the marketplace's or an operator's case on the order, nor the other way round", {
    timeout: 180_000,
  }, async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const cap = Cases.ORDER_CASE_LIMITS.openCasesPerSide;
    const openSystem = async (key: string) =>
      (
        await graphql(w.api, Q("openCase", "OpenCaseInput", "case { id source }"), {
          key,
          variables: { input: { orderId: order.id, reason: "OTHER", source: "SYSTEM" } },
        })
      ).body.data.openCase;
    const refused = (who: string) => ({
      case: null,
      userErrors: [
        expect.objectContaining({
          code: "LIMIT_REACHED",
          field: ["input", "orderId"],
          message: expect.stringContaining(`${cap} open system cases (source SYSTEM) opened by ${who}`),
        }),
      ],
    });
    // A hostile seller fills the order with system cases of its own, to keep the platform's off it.
    for (let i = 0; i < cap; i++) expect((await openSystem(w.key)).userErrors).toEqual([]);
    expect(await openSystem(w.key)).toEqual(refused("the seller's side"));

    // The platform still opens its own: a marketplace key and an operator share the platform's slots.
    expect(await openSystem(w.marketplace)).toMatchObject({ case: { source: "SYSTEM" }, userErrors: [] });
    expect(await openSystem(w.operator)).toMatchObject({ case: { source: "SYSTEM" }, userErrors: [] });
    for (let i = 2; i < cap; i++) expect((await openSystem(i % 2 ? w.operator : w.marketplace)).userErrors).toEqual([]);
    expect(await openSystem(w.marketplace)).toEqual(refused("the platform"));
    expect(await openSystem(w.operator)).toEqual(refused("the platform"));
    // The platform's cases at their cap take none of the seller's slots either, and none of the buyer's.
    expect(await openSystem(w.key)).toEqual(refused("the seller's side"));
    const dispute = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "Broken." },
      "case { id }",
    );
    expect(dispute.userErrors).toEqual([]);

    const stored = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(stored!.openCaseIds).toHaveLength(2 * cap + 1);
    expect(stored!.openPlatformCaseIds).toHaveLength(cap);
    expect(stored!.openCaseIds.length).toBeLessThanOrEqual(Cases.MAX_OPEN_CASE_IDS);
    await checkInvariants(w.db);
  });

  it("each side opens at most its cap of cases on one order in all, open or closed: past it LIMIT_REACHED, nothing " +
    "written; the other sides and the late-order job's case still open", {
    timeout: 300_000,
  }, async () => {
    const w = await world();
    const order = await orderDue(w, 1);
    const cap = Cases.ORDER_CASE_LIMITS.casesPerSide;
    const open = (key: string, input: Record<string, unknown>) =>
      mutate(w, key, "openCase", "OpenCaseInput", { orderId: order.id, ...input }, "case { id }");
    const dispute = { reason: "DAMAGED", source: "BUYER", claimText: "Broken." };
    // A relay opens and withdraws the buyer's dispute again and again: never more than one open, so only the cap in
    // all stops it (each case opened is read again by every refund recorded with a reference on the order).
    for (let i = 0; i < cap; i++) {
      const opened = await open(w.marketplace, dispute);
      expect(opened.userErrors).toEqual([]);
      const withdrawn = await mutate(
        w,
        w.marketplace,
        "resolveCase",
        "ResolveCaseInput",
        { caseId: opened.case.id, outcome: "BUYER_WITHDREW" },
        "case { status }",
      );
      expect(withdrawn.userErrors).toEqual([]);
    }
    const before = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(before!.casesOpened).toEqual({ BUYER: cap });
    expect(before!.openCaseIds).toEqual([]);
    expect(await open(w.marketplace, dispute)).toEqual({
      case: null,
      userErrors: [
        expect.objectContaining({
          code: "LIMIT_REACHED",
          field: ["input", "orderId"],
          message: expect.stringContaining(`at most ${cap} buyer cases (source BUYER) in all`),
        }),
      ],
    });
    const refused = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(refused!.version).toBe(before!.version);
    const { items } = await CasesRepo.listCases(w.db, {
      sellerId: w.sellerId,
      filter: { orderId: order.id },
      page: { first: 100, after: null },
    });
    expect(items).toHaveLength(cap);

    // The buyer's side at its cap takes nothing from the seller's side or the platform.
    expect((await open(w.key, { reason: "OTHER", source: "SYSTEM" })).userErrors).toEqual([]);
    expect((await open(w.operator, { reason: "OTHER", source: "SYSTEM" })).userErrors).toEqual([]);
    w.now = new Date(w.now.getTime() + 2 * 3_600_000); // past shipBy, unshipped: the job's case is not a side's
    expect(await w.lateOrders()).toMatchObject({ newlyLate: 1, casesOpened: 1 });
    const after = await OrdersRepo.getOrder(w.db, order.id, { consistent: true });
    expect(after!.casesOpened).toEqual({ BUYER: cap, SELLER: 1, PLATFORM: 1 });
    expect(after!.openCaseIds).toHaveLength(3);
    await checkInvariants(w.db);
  });

  it("a typical order is stored within one KB (a write unit) and reads back the same", async () => {
    const w = await world();
    const { id } = await orderDue(w, 48);
    const order = (await OrdersRepo.getOrder(w.db, id, { consistent: true }))!;
    const raw = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Orders, Key: OrdersRepo.orderKey(id) })))
      .Item!;
    expect(itemSizeBytes(raw)).toBeLessThanOrEqual(1024);
    expect(OrdersRepo.fromItem(raw)).toEqual(order);
    expect(OrdersRepo.fromItem(OrdersRepo.toItem(order))).toEqual(order);
  });

  it("opening a case reads none of the order's open cases: the order keeps the buyer's, and why", async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const openCase = (
      api: typeof w.api,
      key: string,
      source: string,
      reason = source === "BUYER" ? "DAMAGED" : "OTHER",
    ) =>
      graphql(api, Q("openCase", "OpenCaseInput", "case { id }"), {
        key,
        variables: { input: { orderId: order.id, reason, source } },
      }).then((r) => r.body.data.openCase);
    expect((await openCase(w.api, w.marketplace, "BUYER")).userErrors).toEqual([]);
    expect((await openCase(w.api, w.key, "SYSTEM")).userErrors).toEqual([]);
    // The tables each batch read of a handler on `db` reads.
    const batchReads = (db: typeof w.db) => {
      const tables: string[][] = [];
      db.doc.middlewareStack.add(
        (next, context) => async (args) => {
          const input = (args as { input: { RequestItems?: Record<string, unknown> } }).input;
          if (String(context.commandName).startsWith("BatchGet")) tables.push(Object.keys(input.RequestItems ?? {}));
          return next(args);
        },
        { step: "initialize", name: "batchReadTables" },
      );
      return { api: createGraphqlHandler({ db, clock: () => w.now }), tables };
    };
    const counted = batchReads(instrumented(w.db).db);
    // Another complaint (one open dispute per reason, checked against the reasons the order keeps).
    expect((await openCase(counted.api, w.marketplace, "BUYER", "WRONG_ITEM")).userErrors).toEqual([]);
    // No batch read of cases, however large they grew: the sources and the buyer's reasons are on the order.
    expect(counted.tables.flat()).not.toContain(w.db.tables.Cases);
    await checkInvariants(w.db);

    // An order stored before the list was kept has its open cases read, and the cap still counts each source.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Orders,
        Key: OrdersRepo.orderKey(order.id),
        UpdateExpression: "REMOVE openBuyerCaseIds",
      }),
    );
    expect((await OrdersRepo.getOrder(w.db, order.id, { consistent: true }))!.openBuyerCaseIds).toBeNull();
    const legacy = batchReads(instrumented(w.db).db);
    expect((await openCase(legacy.api, w.key, "SYSTEM")).userErrors).toEqual([]);
    expect(legacy.tables.flat()).toContain(w.db.tables.Cases);
    expect((await OrdersRepo.getOrder(w.db, order.id, { consistent: true }))!.openCaseIds).toHaveLength(4);
    await checkInvariants(w.db);
  });

  it("an order at its open-case and incident caps refuses more with LIMIT_REACHED and is still read and changed", {
    timeout: 120_000,
  }, async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    // The buyer's side has one open dispute per reason (a second is DUPLICATE_CASE), each with the longest claim; the
    // order is not late, so no LATE_SHIPMENT. The seller's side's system cases then reach their side's cap.
    const reasons = Cases.CASE_REASONS.filter((reason) => reason !== "LATE_SHIPMENT");
    const open = (i: number) =>
      graphql(w.api, Q("openCase", "OpenCaseInput", "case { id }"), {
        key: i < reasons.length ? w.marketplace : w.key,
        variables: {
          input: {
            orderId: order.id,
            ...(i < reasons.length
              ? { reason: reasons[i], source: "BUYER", claimText: wide(5000) }
              : { reason: "OTHER", source: "SYSTEM" }),
            idempotencyKey: `open-${order.id}-${i}`,
          },
        },
      });
    const cases = reasons.length + Cases.ORDER_CASE_LIMITS.openCasesPerSide;
    for (let i = 0; i < cases; i++) expect((await open(i)).body.data.openCase.userErrors).toEqual([]);
    const beyond = (await open(cases)).body.data.openCase;
    expect(beyond.userErrors).toEqual([
      expect.objectContaining({
        code: "LIMIT_REACHED",
        field: ["input", "orderId"],
        message: expect.stringContaining(String(Cases.ORDER_CASE_LIMITS.openCasesPerSide)),
      }),
    ]);

    const incident = (i: number) =>
      graphql(w.api, Q("recordShippingIncident", "RecordShippingIncidentInput", "order { id }"), {
        key: w.key,
        variables: {
          input: {
            orderId: order.id,
            cause: "HUMAN_ERROR",
            note: wide(2000),
            idempotencyKey: `incident-${order.id}-${i}`,
          },
        },
      });
    for (let i = 0; i < Orders.MAX_INCIDENTS; i++)
      expect((await incident(i)).body.data.recordShippingIncident.userErrors).toEqual([]);
    const tooMany = (await incident(Orders.MAX_INCIDENTS)).body.data.recordShippingIncident;
    expect(tooMany.userErrors).toEqual([
      expect.objectContaining({
        code: "LIMIT_REACHED",
        message: expect.stringContaining(String(Orders.MAX_INCIDENTS)),
      }),
    ]);

    const read = await graphql(
      w.api,
      `{ order(id: "${order.id}") { id incidents { id } risk { score } remedyPlan { complete } } }`,
      { key: w.key },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.order.incidents).toHaveLength(Orders.MAX_INCIDENTS);
    const shipped = await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "DHL", trackingNumber: "JD0123456789" },
      "order { status }",
    );
    expect(shipped).toMatchObject({ userErrors: [], order: { status: "SHIPPED" } });
    await checkInvariants(w.db);
  });
});
