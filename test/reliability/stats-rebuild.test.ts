import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Time } from "@seller-ops/core";
import { CasesRepo, createDocumentClient, currentShape, MIGRATIONS, StatsRepo, type Db } from "@seller-ops/db";
import { graphql } from "../support/api";
import { DAY } from "../support/clock";
import { migrate } from "../../tools/migrate";
import { rebuildStats } from "../../tools/stats-rebuild";
import { checkInvariants } from "../support/invariants";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * `npm run stats -- rebuild` repairs drifted daily counters (`STATS#<day>`) while the service keeps
 * changing them: a change that lands during the repair is neither lost nor counted twice, as for the
 * overview (overview-rebuild.test.ts).
 */

/** The moment of a repair a change lands in. */
type Moment = "between the read and the recount" | "between the recount and the write";

/**
 * A client for the rebuild that lets the service change the seller once, at `moment`: right after
 * the repair has read the seller's days (before its recount), or right before its first write to one.
 */
function rebuildClient(w: World, moment: Moment, change: () => Promise<void>) {
  const doc = createDocumentClient();
  const partition = `SELLER#${w.sellerId}`;
  let landed = false;
  const repairWrites = { accepted: 0, refused: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; Key?: Record<string, unknown> };
      const sellersScan = context.commandName === "ScanCommand" && input.TableName === w.db.tables.Sellers;
      const write =
        context.commandName === "UpdateItemCommand" &&
        input.Key?.pk === partition &&
        String(input.Key?.sk).startsWith("STATS#");
      if (write && moment === "between the recount and the write" && !landed) {
        landed = true;
        await change();
      }
      const result = await next(args).catch((error: Error) => {
        if (write && error.name === "ConditionalCheckFailedException") repairWrites.refused++;
        throw error;
      });
      if (write) repairWrites.accepted++;
      // The pass reads the sellers' counters first, then what they count: the change lands in between.
      const lastPage = sellersScan && !(result.output as { LastEvaluatedKey?: unknown }).LastEvaluatedKey;
      if (lastPage && moment === "between the read and the recount" && !landed) {
        landed = true;
        await change();
      }
      return result;
    },
    { step: "initialize", name: "changeDuringRepair" },
  );
  return { db: { doc, tables: w.db.tables } as Db, landed: () => landed, repairWrites: () => repairWrites };
}

/** The day a counter is stored on, and its value there (the world's cases all open on one day). */
async function storedCounter(w: World, counter: "casesOpened" | "ordersPlaced") {
  const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
  const [day, counters] = Object.entries(days).find(([, c]) => (c[counter] ?? 0) > 0)!;
  return { day, value: counters[counter] };
}

describe("the daily counters rebuild, while the service keeps writing", () => {
  for (const moment of ["between the read and the recount", "between the recount and the write"] as const) {
    it(`repairs a drifted day exactly when a change lands ${moment}`, async () => {
      const w = await world();
      await buyerOpensCase(w);
      const { day } = await storedCounter(w, "casesOpened");
      // A drift: 3 cases opened more than there were (a lost or doubled write, the kind of bug the rebuild is for).
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Sellers,
          Key: StatsRepo.statsKey(w.sellerId, day),
          UpdateExpression: "ADD casesOpened :x",
          ExpressionAttributeValues: { ":x": 3 },
        }),
      );
      expect(await storedCounter(w, "casesOpened")).toEqual({ day, value: 4 });

      // The change opens a case on the drifted day and places an order on another one.
      const client = rebuildClient(w, moment, async () => {
        await buyerOpensCase(w);
      });
      const report = await rebuildStats(client.db, { write: true });
      expect(client.landed()).toBe(true);
      const drifted = { sellerId: w.sellerId, day, counter: "casesOpened", stored: 4 };
      if (moment === "between the recount and the write")
        expect(report.mismatches).toEqual([{ ...drifted, expected: 1 }]);
      // The pass read the counters before the change and the cases after it: the change shows in its check, and its
      // writes, conditional on the versions it read, are refused; the seller is then repaired on its own.
      else expect(report.mismatches).toContainEqual({ ...drifted, expected: 2 });
      expect(report.sellersRepairedAlone).toBe(1);
      expect(report.daysWritten).toBe(1);

      expect(await storedCounter(w, "casesOpened")).toEqual({ day, value: 2 });
      expect((await storedCounter(w, "ordersPlaced")).value).toBe(2);
      expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
      await checkInvariants(w.db);
      // The writes the change overtook were refused (it moved their days' versions: both of its days when it
      // landed before the recount, the drifted one when after) and the repair started over.
      expect(client.repairWrites()).toEqual({
        accepted: 1,
        refused: moment === "between the read and the recount" ? 2 : 1,
      });
    });
  }
});

describe("a day stored with the set of quality-dispute marks an older release kept", () => {
  it("reads and checks as before, and npm run migrate drops the set", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "QUALITY_ISSUE");
    await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId, note: "Broken" }, "case { id }");
    await mutate(
      w,
      w.operator,
      "resolveCase",
      "ResolveCaseInput",
      { caseId, outcome: "DECIDED_FOR_BUYER", note: "Not as described." },
      "case { id }",
    );
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    const [day] = Object.entries(days).find(([, d]) => d.qualityDisputesLost === 1)!;
    // The day as the release before wrote it: shape 1, with the set next to the counter.
    const key = StatsRepo.statsKey(w.sellerId, day);
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: key,
        UpdateExpression: "SET #shape = :one ADD qualityDisputesLostAt :marks",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":one": 1, ":marks": new Set([`${w.now.toISOString()}#${caseId}`]) },
      }),
    );

    expect(await StatsRepo.readDays(w.db, w.sellerId, day, day)).toEqual({ [day]: days[day] });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    // A transaction of the service writes the day at the moment migrate does: DynamoDB refuses migrate's update
    // with TransactionConflictException (the SDK does not retry it). Migrate reads the day again and retries.
    const conflicts = { left: 1 };
    await migrate(conflictingOnce(w.db, conflicts), { tables: ["Sellers"] });
    expect(conflicts.left).toBe(0);
    const item = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Sellers, Key: key }))).Item!;
    expect(item).not.toHaveProperty("qualityDisputesLostAt");
    expect(item.qualityDisputesLost).toBe(1);
    expect(await StatsRepo.readDays(w.db, w.sellerId, day, day)).toEqual({ [day]: days[day] });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });
});

/** The buyer accepts the seller's offer of `kind` on the case: the case's `resolvedAt`. */
async function offerAccepted(w: World, caseId: string, kind: string, amountMinor: number): Promise<string> {
  const offer = { caseId, kind, amount: { amountMinor, currency: "USD" } };
  const made = await mutate(
    w,
    w.key,
    "makeCompensationOffer",
    "MakeCompensationOfferInput",
    { ...offer, expiresAt: new Date(w.now.getTime() + 86_400_000).toISOString() },
    "case { pendingOffer { id } }",
  );
  const answer = { caseId, offerId: made.case.pendingOffer.id, accept: true };
  const accepted = await mutate(
    w,
    w.marketplace,
    "respondToCompensationOffer",
    "RespondToCompensationOfferInput",
    answer,
    "case { outcome resolvedAt }",
  );
  expect(accepted.case.outcome).toBe("COMPENSATION_ACCEPTED");
  return accepted.case.resolvedAt as string;
}

/**
 * A refund recorded, then a one-cent coupon the buyer accepts: the rule of migration step case-11 (a full refund
 * then; goodwill now fits only beside what was not refunded, so all but the cent of the order's price).
 */
async function couponAfterRefund(w: World, caseId: string): Promise<string> {
  const order = (
    await graphql(w.api, `{ case(id: "${caseId}") { order { buyerTotal { amountMinor currency } } } }`, {
      key: w.key,
    })
  ).body.data.case.order.buyerTotal;
  const amount = { amountMinor: order.amountMinor - 1, currency: order.currency };
  const input = { caseId, kind: "PARTIAL_REFUND", amount };
  const refunded = await mutate(w, w.key, "recordRemedy", "RecordRemedyInput", input, "case { id }");
  expect(refunded.userErrors).toEqual([]);
  return offerAccepted(w, caseId, "COUPON", 1);
}

describe.each([
  {
    rule: "an accepted refund offer",
    shapeBefore: 5,
    settle: (w: World, id: string) => offerAccepted(w, id, "PARTIAL_REFUND", 1_000),
  },
  { rule: "a coupon after a full refund", shapeBefore: 10, settle: couponAfterRefund },
])("days and cases stored before a quality dispute settled by $rule counted as lost", ({ shapeBefore, settle }) => {
  it("npm run stats -- rebuild recounts the days by the rule, npm run migrate puts the case in the index", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "QUALITY_ISSUE");
    const lostAt = await settle(w, caseId);
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    const [day] = Object.entries(days).find(([, d]) => d.qualityDisputesLost === 1)!;
    expect(days[day]).toMatchObject({ casesResolvedForBuyer: 1, qualityDisputesLost: 1 });

    // As the release before wrote them: the day counted no case resolved for the buyer and no quality dispute lost,
    // and the case (of the shape before the rule) was not in the index of lost quality disputes.
    const caseKey = CasesRepo.caseKey(caseId);
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD casesResolvedForBuyer :less, qualityDisputesLost :less",
        ExpressionAttributeValues: { ":less": -1 },
      }),
    );
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Cases,
        Key: caseKey,
        UpdateExpression: "SET #shape = :before REMOVE qualityDisputeLostAt",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":before": shapeBefore },
      }),
    );
    const stored = { sellerId: w.sellerId, day, stored: 0, expected: 1 };
    const drift = [
      { ...stored, counter: "casesResolvedForBuyer" },
      { ...stored, counter: "qualityDisputesLost" },
    ];
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual(drift);
    const index = () => CasesRepo.listQualityDisputesLostBetween(w.db, w.sellerId, lostAt, "2100-01-01T00:00:00Z");
    expect(await index()).toEqual([]);

    const rebuilt = await rebuildStats(w.db, { write: true });
    expect([rebuilt.mismatches, rebuilt.daysWritten]).toEqual([drift, 1]);
    expect((await StatsRepo.readDays(w.db, w.sellerId, day, day))[day]).toMatchObject({
      casesResolvedForBuyer: 1,
      qualityDisputesLost: 1,
    });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);

    await migrate(w.db, { tables: ["Cases"] });
    expect(await index()).toEqual([{ caseId, lostAt }]);
    const item = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Cases, Key: caseKey }))).Item!;
    expect(item).toMatchObject({ shape: currentShape("case"), qualityDisputeLostAt: lostAt });
  });
});

describe("days and cases stored before a buyer's case never answered counted as a first reply missed", () => {
  it("npm run stats -- rebuild counts it on the missed deadline's day, npm run migrate records it", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "NOT_AS_DESCRIBED");
    w.now = new Date(w.now.getTime() + 6 * DAY);
    await w.caseDeadlines();
    const caseKey = CasesRepo.caseKey(caseId);
    const respondBy = String(
      (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Cases, Key: caseKey }))).Item!.respondBy,
    );
    const day = Time.dayOf(respondBy, "Asia/Shanghai");
    expect((await StatsRepo.readDays(w.db, w.sellerId, day, day))[day]).toMatchObject({ firstReplies: 1 });

    // As the release before wrote them: the case flagged overdue (shape 6, no missed first answer recorded), and
    // no first reply counted anywhere.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD firstReplies :less",
        ExpressionAttributeValues: { ":less": -1 },
      }),
    );
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Cases,
        Key: caseKey,
        UpdateExpression: "SET #shape = :six REMOVE firstResponseMissedAt",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":six": 6 },
      }),
    );
    const drift = [{ sellerId: w.sellerId, day, counter: "firstReplies", stored: 0, expected: 1 }];
    // The rebuild reads the case through the step (as every read does): before npm run migrate as after it.
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual(drift);
    const rebuilt = await rebuildStats(w.db, { write: true });
    expect([rebuilt.mismatches, rebuilt.daysWritten]).toEqual([drift, 1]);

    await migrate(w.db, { tables: ["Cases"] });
    const item = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Cases, Key: caseKey }))).Item!;
    expect(item).toMatchObject({ shape: currentShape("case"), firstResponseMissedAt: respondBy });

    // The seller's late answer is that missed first reply: counted once.
    w.now = new Date(w.now.getTime() + DAY);
    const sent = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry, we will look into it." },
      "case { id }",
    );
    expect(sent.userErrors).toEqual([]);
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    expect(Object.values(days).reduce((n, c) => n + (c.firstReplies ?? 0), 0)).toBe(1);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("the step leaves a case the seller answered, or whose deadline has not passed, with none", async () => {
    const step = MIGRATIONS.find((s) => s.name === "case-7-first-response-missed")!;
    const stored = { shape: 6, respondBy: "2026-12-06T00:00:00.000Z", firstResponseAt: null, responseOverdueAt: null };
    expect(step.up(stored)).toMatchObject({ firstResponseMissedAt: null });
    const answered = { ...stored, firstResponseAt: "2026-12-07T00:00:00.000Z" };
    expect(step.up(answered)).toMatchObject({ firstResponseMissedAt: null });
    const flagged = { ...stored, responseOverdueAt: "2026-12-06T00:05:00.000Z" };
    expect(step.up(flagged)).toMatchObject({ firstResponseMissedAt: "2026-12-06T00:00:00.000Z" });
  });
});

describe("days and cases stored before an escalation past respondBy before the job looked counted it missed", () => {
  it("npm run stats -- rebuild counts it on the missed deadline's day, npm run migrate records it", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w, "QUALITY_ISSUE");
    const caseKey = CasesRepo.caseKey(caseId);
    const stored = async () =>
      (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.Cases, Key: caseKey, ConsistentRead: true }))).Item!;
    const respondBy = String((await stored()).respondBy);
    w.now = new Date(Date.parse(respondBy) + 10 * 60_000);
    const escalated = await mutate(w, w.marketplace, "escalateCase", "EscalateCaseInput", { caseId }, "case { id }");
    expect(escalated.userErrors).toEqual([]);
    const day = Time.dayOf(respondBy, "Asia/Shanghai");
    expect((await StatsRepo.readDays(w.db, w.sellerId, day, day))[day]).toMatchObject({ firstReplies: 1 });

    // As the release before wrote them: the case escalated with no missed first answer recorded (shape 7), and no
    // first reply counted anywhere.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, day),
        UpdateExpression: "ADD firstReplies :less",
        ExpressionAttributeValues: { ":less": -1 },
      }),
    );
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Cases,
        Key: caseKey,
        UpdateExpression: "SET #shape = :seven, firstResponseMissedAt = :none",
        ExpressionAttributeNames: { "#shape": "shape" },
        ExpressionAttributeValues: { ":seven": 7, ":none": null },
      }),
    );
    const drift = [{ sellerId: w.sellerId, day, counter: "firstReplies", stored: 0, expected: 1 }];
    // The rebuild reads the case through the step (as every read does): before npm run migrate as after it.
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual(drift);
    const rebuilt = await rebuildStats(w.db, { write: true });
    expect([rebuilt.mismatches, rebuilt.daysWritten]).toEqual([drift, 1]);

    await migrate(w.db, { tables: ["Cases"] });
    expect(await stored()).toMatchObject({ shape: currentShape("case"), firstResponseMissedAt: respondBy });

    // The seller's late answer on the escalated case is that missed first reply: counted once.
    w.now = new Date(w.now.getTime() + DAY);
    const sent = await mutate(
      w,
      w.key,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Sorry, we will look into it." },
      "case { id }",
    );
    expect(sent.userErrors).toEqual([]);
    const days = await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01");
    expect(Object.values(days).reduce((n, c) => n + (c.firstReplies ?? 0), 0)).toBe(1);
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
  });

  it("the step leaves a case answered, left before its deadline, or still awaiting the seller, with none", async () => {
    const step = MIGRATIONS.find((s) => s.name === "case-8-first-response-missed-on-leaving")!;
    const respondBy = "2026-12-06T00:00:00.000Z";
    const awaiting = {
      shape: 7,
      respondBy,
      firstResponseAt: null,
      firstResponseMissedAt: null,
      escalatedAt: null,
      resolvedAt: null,
    };
    expect(step.up(awaiting)).toMatchObject({ firstResponseMissedAt: null });
    const early = { ...awaiting, escalatedAt: "2026-12-05T23:00:00.000Z", resolvedAt: "2026-12-09T00:00:00.000Z" };
    expect(step.up(early)).toMatchObject({ firstResponseMissedAt: null });
    const escalated = { ...awaiting, escalatedAt: "2026-12-06T00:10:00.000Z" };
    expect(step.up(escalated)).toMatchObject({ firstResponseMissedAt: respondBy });
    const withdrawn = { ...awaiting, resolvedAt: "2026-12-07T00:00:00.000Z" };
    expect(step.up(withdrawn)).toMatchObject({ firstResponseMissedAt: respondBy });
    const answered = { ...escalated, firstResponseAt: "2026-12-07T00:00:00.000Z" };
    expect(step.up(answered)).toMatchObject({ firstResponseMissedAt: null });
    // An item from before shape 7 reaches this step through case-7, which set the field (null or a deadline).
    const flagged = { ...escalated, firstResponseMissedAt: "2026-12-01T00:00:00.000Z" };
    expect(step.up(flagged)).toMatchObject({ firstResponseMissedAt: "2026-12-01T00:00:00.000Z" });
  });
});

/** The client of `db` whose first `left` UpdateItems fail as racing a transaction, before they are sent. */
function conflictingOnce(db: Db, conflicts: { left: number }): Db {
  const doc = createDocumentClient();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "UpdateItemCommand" && conflicts.left > 0) {
        conflicts.left--;
        throw Object.assign(new Error("Transaction is ongoing for the item"), {
          name: "TransactionConflictException",
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    { step: "initialize", name: "transactionConflictOnce" },
  );
  return { doc, tables: db.tables };
}

describe("days stored while every buyer dispute counted in disputesOpened", () => {
  it("a change counts an order once, on its placed day; the rebuild recounts older days so", async () => {
    const w = await world();
    const { order, caseId: first } = await buyerOpensCase(w, "NOT_RECEIVED");
    const disputesByDay = async () =>
      Object.fromEntries(
        Object.entries(await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01"))
          .filter(([, c]) => (c.disputesOpened ?? 0) > 0)
          .map(([day, c]) => [day, c.disputesOpened]),
      );
    const [firstDay] = Object.keys(await disputesByDay());
    // Two days later, a second complaint about the same order: the order led to a dispute already.
    w.now = new Date(w.now.getTime() + 2 * 86_400_000);
    const second = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "QUALITY_ISSUE", source: "BUYER" },
      "case { id }",
    );
    expect(second.userErrors).toEqual([]);
    expect(await disputesByDay()).toEqual({ [firstDay!]: 1 });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);

    // The day of the second dispute as the release before counted it (each buyer dispute): the rebuild finds it.
    const secondDay = Object.keys(await StatsRepo.readDays(w.db, w.sellerId, "2000-01-01", "2100-01-01"))
      .sort()
      .at(-1)!;
    expect(secondDay).not.toBe(firstDay);
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Sellers,
        Key: StatsRepo.statsKey(w.sellerId, secondDay),
        UpdateExpression: "ADD disputesOpened :one",
        ExpressionAttributeValues: { ":one": 1 },
      }),
    );
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([
      { sellerId: w.sellerId, day: secondDay, counter: "disputesOpened", stored: 1, expected: 0 },
    ]);
    expect((await rebuildStats(w.db, { write: true })).daysWritten).toBe(1);
    expect(await disputesByDay()).toEqual({ [firstDay!]: 1 });
    expect((await rebuildStats(w.db, { write: false })).mismatches).toEqual([]);
    expect(first).not.toBe(second.case.id);
    await checkInvariants(w.db);
  });
});
