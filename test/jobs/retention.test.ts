import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "@seller-ops/api/src/log";
import { createDocumentClient, RetentionRepo } from "@seller-ops/db";
import { describe, expect, it } from "vitest";
import { createRetentionJobHandler } from "@seller-ops/functions/src/jobs/retention";
import { functionTables } from "@seller-ops/functions/src/tables";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { scheduledEvent } from "../support/events";
import { checkInvariants } from "../support/invariants";
import { racedApi } from "../support/interleave";
import { scanTable } from "../support/scan";
import { buyerOpensCase, linkedOnly, mutate, orderDue, world, type World } from "../support/world";
import { DAY } from "../support/clock";
import { migrate } from "../../tools/migrate";

describe("the retention job", () => {
  it(
    "redacts buyer message bodies and evidence references after their retention period, keeping the timeline's " +
      "shape",
    async () => {
      const w = await world();
      const order = await orderDue(w, 48);
      const opened = await mutate(
        w,
        w.marketplace,
        "openCase",
        "OpenCaseInput",
        { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "I live at 12 Secret Street." },
        "case { id }",
      );
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId: opened.case.id, direction: "SELLER", body: "Sorry, a replacement is coming." },
        "case { id }",
      );
      const deposit = await mutate(
        w,
        w.operator,
        "recordDeposit",
        "RecordDepositInput",
        {
          sellerId: w.sellerId,
          kind: "LIMITED_TERM",
          amount: { amountMinor: 1_000_000, currency: "CNY" },
          paidAt: "2025-10-01T00:00:00Z",
          termStart: "2025-10-01T00:00:00Z",
          termEnd: "2026-10-01T00:00:00Z",
          salesTarget: { amountMinor: 100, currency: "CNY" },
        },
        "deposit { id }",
      );
      const documents = [
        {
          kind: "SALES_DATA",
          reference: "https://files.example.com/sales-2026.csv?token=abc",
          checksum: "a".repeat(64),
          title: "Sales",
        },
        {
          kind: "QUALITY_INSPECTION_REPORT",
          reference: "evidence/qc-report.pdf",
          checksum: "b".repeat(64),
          title: "QC",
        },
      ];
      const applied = await mutate(
        w,
        w.key,
        "applyForDepositRefund",
        "ApplyForDepositRefundInput",
        { depositId: deposit.deposit.id, documents },
        "application { id }",
      );
      expect(applied.userErrors).toEqual([]);

      const job = (at: Date) =>
        createRetentionJobHandler({ db: linkedOnly(w.db, functionTables.retention), clock: () => at })(
          scheduledEvent(),
          {
            awsRequestId: ulid(),
            getRemainingTimeInMillis: () => 600_000,
          },
        );
      expect(await job(new Date(w.now.getTime() + 300 * DAY))).toMatchObject({ examined: 0, messagesRedacted: 0 });
      expect(await job(new Date(w.now.getTime() + 366 * DAY))).toMatchObject({
        messagesRedacted: 2,
        applicationsRedacted: 0,
        failures: 0,
      });
      expect(await job(new Date(w.now.getTime() + 731 * DAY))).toMatchObject({
        examined: 1,
        messagesRedacted: 0,
        applicationsRedacted: 1,
      });
      expect(await job(new Date(w.now.getTime() + 800 * DAY))).toMatchObject({ examined: 0 });

      const timeline = await graphql(
        w.api,
        `{ case(id: "${opened.case.id}") { timeline { edges { node { type actor body summary } } } } }`,
        { key: w.key },
      );
      expect(timeline.body.data.case.timeline.edges.map((e: any) => [e.node.type, e.node.actor, e.node.body])).toEqual([
        ["MESSAGE", "SELLER", null],
        ["MESSAGE", "BUYER", null],
        ["OPENED", "BUYER", null],
      ]);
      const stored = JSON.stringify([...(await scanTable(w.db, "Cases")), ...(await scanTable(w.db, "Deposits"))]);
      expect(stored).not.toContain("Secret Street");
      expect(stored).not.toContain("files.example.com");
      await checkInvariants(w.db);
    },
  );

  it(
    "redacts case evidence like deposit evidence: each piece's reference and description 730 days after it was " +
      "submitted, the piece and its timeline event kept",
    async () => {
      const w = await world();
      const { caseId } = await buyerOpensCase(w);
      const first = {
        caseId,
        side: "SELLER",
        kind: "TRACKING_PROOF",
        reference: "https://tracking.example.com/LP1?token=secret-one",
        description: "Signed by J. Doe, 12 Secret Street.",
      };
      expect(
        (await mutate(w, w.key, "submitCaseEvidence", "SubmitCaseEvidenceInput", first, "evidence { id }")).userErrors,
      ).toEqual([]);
      // A second piece a hundred days later falls due a hundred days later.
      w.now = new Date(w.now.getTime() + 100 * DAY);
      const second = {
        caseId,
        side: "BUYER",
        kind: "PHOTO",
        reference: "uploads/secret-two.jpg",
        description: "Photo of the empty box.",
      };
      expect(
        (await mutate(w, w.marketplace, "submitCaseEvidence", "SubmitCaseEvidenceInput", second, "evidence { id }"))
          .userErrors,
      ).toEqual([]);
      const start = w.now.getTime() - 100 * DAY;

      const job = (at: number) =>
        createRetentionJobHandler({ db: linkedOnly(w.db, functionTables.retention), clock: () => new Date(at) })(
          scheduledEvent(),
          {
            awsRequestId: ulid(),
            getRemainingTimeInMillis: () => 600_000,
          },
        );
      const read = async () => {
        const r = await graphql(
          w.api,
          `{ case(id: "${caseId}") { evidence { seller { kind side reference description redactedAt } buyer { kind ` +
            `side reference description redactedAt } } timeline { edges { node { type } } } } }`,
          { key: w.operator },
        );
        return r.body.data.case;
      };
      expect(await job(start + 729 * DAY)).toMatchObject({ caseEvidenceRedacted: 0, failures: 0 });
      expect((await read()).evidence.seller[0].reference).toBe(first.reference);

      expect(await job(start + 731 * DAY)).toMatchObject({ caseEvidenceRedacted: 1, failures: 0 });
      let c = await read();
      expect(c.evidence.seller).toEqual([
        {
          kind: "TRACKING_PROOF",
          side: "SELLER",
          reference: "[redacted]",
          description: null,
          redactedAt: new Date(start + 731 * DAY).toISOString(),
        },
      ]);
      expect(c.evidence.buyer[0]).toMatchObject({
        reference: second.reference,
        description: second.description,
        redactedAt: null,
      });
      // A rerun the same day finds nothing due: the case is scheduled for its second piece now.
      expect(await job(start + 731 * DAY)).toMatchObject({ caseEvidenceRedacted: 0, failures: 0 });

      expect(await job(start + 831 * DAY)).toMatchObject({ caseEvidenceRedacted: 1, failures: 0 });
      c = await read();
      expect(c.evidence.buyer).toEqual([
        {
          kind: "PHOTO",
          side: "BUYER",
          reference: "[redacted]",
          description: null,
          redactedAt: new Date(start + 831 * DAY).toISOString(),
        },
      ]);
      expect(
        c.timeline.edges.map((e: any) => e.node.type).filter((t: string) => t === "EVIDENCE_SUBMITTED"),
      ).toHaveLength(2);
      // Nothing is left to redact: the case has left the redaction index.
      expect(await job(start + 2000 * DAY)).toMatchObject({ examined: 0 });
      const stored = JSON.stringify(await scanTable(w.db, "Cases"));
      for (const secret of ["secret-one", "secret-two", "Secret Street", "empty box"])
        expect(stored).not.toContain(secret);
      const caseItem = (await scanTable(w.db, "Cases")).find((i) => i.sk === "CASE" && i.id === caseId)!;
      expect(caseItem.redactShard).toBeUndefined();
      await checkInvariants(w.db);
    },
  );

  it(
    "redacts the notes given with an escalation and a resolution like message bodies: the entry's body, never its " +
      "summary",
    async () => {
      const w = await world();
      const { caseId } = await buyerOpensCase(w);
      const escalationNote = "NOTE: call me on +34 600 123 456, I live at 12 Secret Street, Madrid.";
      const decisionNote = "Buyer reached on +34 600 123 456: refund to the card.";
      const done = [
        await mutate(
          w,
          w.marketplace,
          "escalateCase",
          "EscalateCaseInput",
          { caseId, note: escalationNote },
          "case { id }",
        ),
        await mutate(
          w,
          w.operator,
          "resolveCase",
          "ResolveCaseInput",
          { caseId, outcome: "DECIDED_FOR_BUYER", note: decisionNote },
          "case { id }",
        ),
      ];
      expect(done.map((d) => d.userErrors)).toEqual([[], []]);
      // While kept, the note is the entry's body; the summary is the line without it (and the platform's refund).
      const decided = "Resolved: decided for the buyer. The platform refunded the buyer $40.00 of the order.";
      expect(await notedEntries(w, caseId)).toEqual([
        { type: "RESOLVED", body: decisionNote, summary: decided },
        { type: "ESCALATED", body: escalationNote, summary: "Escalated to the platform." },
      ]);

      expect(await retentionRun(w, 300 * DAY)).toMatchObject({ messagesRedacted: 0, failures: 0 });
      expect(await retentionRun(w, 800 * DAY)).toMatchObject({ failures: 0 });
      expect(await notedEntries(w, caseId)).toEqual([
        { type: "RESOLVED", body: null, summary: decided },
        { type: "ESCALATED", body: null, summary: "Escalated to the platform." },
      ]);
      const stored = JSON.stringify(await scanTable(w.db, "Cases"));
      expect(stored).not.toContain("600 123 456");
      expect(stored).not.toContain("Secret Street");
      await checkInvariants(w.db);
    },
  );

  it(
    "redacts the notes of entries stored before notes were bodies, once migrated: a timeline text's and an older " +
      "English line's",
    async () => {
      const w = await world();
      const { caseId } = await buyerOpensCase(w);
      const escalationNote = "Call me on +34 600 123 456 (after 6 pm).";
      const decisionNote = "Refund agreed with the buyer at 12 Secret Street.";
      await mutate(
        w,
        w.marketplace,
        "escalateCase",
        "EscalateCaseInput",
        { caseId, note: escalationNote },
        "case { id }",
      );
      await mutate(
        w,
        w.operator,
        "resolveCase",
        "ResolveCaseInput",
        { caseId, outcome: "DECIDED_FOR_BUYER", note: decisionNote },
        "case { id }",
      );
      // The two entries as earlier releases stored them: the escalation with its note among its timeline text's
      // figures (caseEvent shape 2), the decision before timeline texts (shape 1: the note only in the English
      // line); neither with a body nor scheduled for redaction.
      const entries = (await scanTable(w.db, "Cases")).filter((i) => i.type === "ESCALATED" || i.type === "RESOLVED");
      const old = (item: Record<string, unknown>): Record<string, unknown> => {
        const { redactShard: _shard, redactAfter: _after, ...kept } = item;
        return item.type === "ESCALATED"
          ? {
              ...kept,
              shape: 2,
              body: null,
              summary: `Escalated to the platform: ${escalationNote}`,
              said: { key: "timeline.escalated", params: { note: escalationNote } },
            }
          : { ...kept, shape: 1, body: null, summary: `Resolved: DECIDED_FOR_BUYER (${decisionNote}).`, said: null };
      };
      for (const item of entries)
        await w.db.doc.send(new PutCommand({ TableName: w.db.tables.Cases, Item: old(item) }));
      expect(await notedEntries(w, caseId)).toEqual([
        { type: "RESOLVED", body: decisionNote, summary: "Resolved: DECIDED_FOR_BUYER." },
        { type: "ESCALATED", body: escalationNote, summary: "Escalated to the platform." },
      ]);

      const [report] = await migrate(w.db, { tables: ["Cases"], now: () => w.now.toISOString() });
      expect(report!.migrated).toMatchObject({ caseEvent: 2 });
      expect(await retentionRun(w, 800 * DAY)).toMatchObject({ failures: 0 });
      expect(await notedEntries(w, caseId)).toEqual([
        { type: "RESOLVED", body: null, summary: "Resolved: DECIDED_FOR_BUYER." },
        { type: "ESCALATED", body: null, summary: "Escalated to the platform." },
      ]);
      const stored = JSON.stringify(await scanTable(w.db, "Cases"));
      expect(stored).not.toContain("600 123 456");
      expect(stored).not.toContain("Secret Street");
    },
  );

  it("sweeps deposit evidence alongside a backlog of case messages: a short run reaches both", async () => {
    const w = await world();
    await appliedForRefund(w);
    // A year later, a busy case: 40 messages, all due the day after the application's evidence is.
    const startedAt = w.now.getTime();
    w.now = new Date(startedAt + 366 * DAY);
    const { caseId } = await buyerOpensCase(w);
    for (let i = 0; i < 40; i++) {
      await mutate(
        w,
        w.key,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "SELLER", body: `Update ${i}: the parcel is on its way.` },
        "case { id }",
      );
    }
    // A run whose time runs out after 25 looks at the clock: far fewer than the case backlog alone takes.
    let looks = 0;
    const run = createRetentionJobHandler({
      db: linkedOnly(w.db, functionTables.retention),
      clock: () => new Date(startedAt + 732 * DAY),
    });
    const report = await run(scheduledEvent(), {
      awsRequestId: ulid(),
      getRemainingTimeInMillis: () => (++looks <= 25 ? 600_000 : 0),
    });
    expect(report).toMatchObject({ stoppedEarly: true, applicationsRedacted: 1 });
    expect(report.messagesRedacted).toBeLessThan(40);
  });

  it(
    "a decision that read the application before its evidence was redacted cannot write the references back: it " +
      "loses the race and is decided again on the redacted application",
    async () => {
      const w = await world();
      const applicationId = await appliedForRefund(w);
      // The application is still undecided when its evidence falls due: the retention run lands between the
      // decision's read of the application and its write.
      const { api, ran } = racedApi(w, "Deposits", () => retentionRun(w, 731 * DAY));
      const input = { applicationId, outcome: "DENY", reason: "Sales below target." };
      const decide = (handler: World["api"]) =>
        graphql(
          handler,
          "mutation($input: DecideDepositRefundInput!) { decideDepositRefund(input: $input) { " +
            "application { status } userErrors { code } } }",
          { key: w.operator, variables: { input } },
        );
      const raced = (await decide(api)).body.data.decideDepositRefund;
      expect(ran()).toBe(true);
      // The decision lost the race to the redaction and was decided again on the redacted application.
      expect(raced).toEqual({ application: { status: "DENIED" }, userErrors: [] });
      const stored = JSON.stringify(await scanTable(w.db, "Deposits"));
      expect(stored).not.toContain("files.example.com");
      expect(stored).toContain('"status":"DENIED"');
      await checkInvariants(w.db);
    },
  );

  it("redacts an application's evidence only from a copy at its stored version, never a lagging one", async () => {
    const w = await world();
    const applicationId = await appliedForRefund(w);
    const stored = async () =>
      (await scanTable(w.db, "Deposits")).find((i) => i.id === applicationId) as Record<string, any>;
    const application = await stored();
    // What the index would hand the job if it lagged a write that changed the application (its version moved on).
    const lagging = { ...application, version: application.version - 1, documents: [] };
    const later = new Date(w.now.getTime() + 731 * DAY).toISOString();
    expect(await RetentionRepo.redact(w.db, "Deposits", lagging, later)).toBe(false);
    expect(await stored()).toEqual(application); // nothing written; still scheduled
    expect(await RetentionRepo.redact(w.db, "Deposits", application, later)).toBe(true);
    const redacted = await stored();
    expect(redacted.documents.map((d: { reference: string }) => d.reference)).toEqual([
      RetentionRepo.REDACTED,
      RetentionRepo.REDACTED,
    ]);
    expect(redacted.version).toBe(application.version + 1);
  });

  it("logs a redaction that fails with the item's key, never its body; the run fails for a retry", async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "I live at 12 Secret Street." },
      "case { id }",
    );
    // Every write to Cases fails, as one persistently failing item does (a ValidationException).
    const doc = createDocumentClient();
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input?: { TableName?: string } }).input;
        if (context.commandName === "UpdateItemCommand" && input?.TableName === w.db.tables.Cases)
          throw Object.assign(new Error("Item size has exceeded the maximum allowed size"), {
            name: "ValidationException",
          });
        return next(args);
      },
      { step: "initialize", name: "failCaseUpdates" },
    );
    const lines: Record<string, unknown>[] = [];
    const run = createRetentionJobHandler({
      db: { ...w.db, doc },
      clock: () => new Date(w.now.getTime() + 366 * DAY),
      logger: createLogger({}, (line) => lines.push(JSON.parse(line))),
    });
    const context = { awsRequestId: ulid(), getRemainingTimeInMillis: () => 600_000 };
    await expect(run(scheduledEvent(), context)).rejects.toThrow("retention job: 1 failures");
    const failures = lines.filter((l) => l.message === "redaction failed");
    expect(failures).toEqual([
      expect.objectContaining({
        table: "Cases",
        pk: `CASE#${opened.case.id}`,
        sk: expect.stringMatching(/^EVENT#/),
        errorName: "ValidationException",
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("Secret Street");
  });
});

/** A retention run `afterMs` after the world's clock. */
/**
 * A limited-term deposit whose term ended, and the seller's refund application with its two documents, each an https
 * reference on files.example.com: the application's id.
 */
async function appliedForRefund(w: World): Promise<string> {
  const deposit = await mutate(
    w,
    w.operator,
    "recordDeposit",
    "RecordDepositInput",
    {
      sellerId: w.sellerId,
      kind: "LIMITED_TERM",
      amount: { amountMinor: 1_000_000, currency: "CNY" },
      paidAt: "2025-10-01T00:00:00Z",
      termStart: "2025-10-01T00:00:00Z",
      termEnd: "2026-10-01T00:00:00Z",
      salesTarget: { amountMinor: 100, currency: "CNY" },
    },
    "deposit { id }",
  );
  const documents = ["SALES_DATA", "QUALITY_INSPECTION_REPORT"].map((kind, i) => ({
    kind,
    reference: `https://files.example.com/${kind}.pdf?token=${i}`,
    checksum: String(i).repeat(64),
    title: kind,
  }));
  const applied = await mutate(
    w,
    w.key,
    "applyForDepositRefund",
    "ApplyForDepositRefundInput",
    { depositId: deposit.deposit.id, documents },
    "application { id }",
  );
  expect(applied.userErrors).toEqual([]);
  return applied.application.id;
}

function retentionRun(w: World, afterMs: number) {
  return createRetentionJobHandler({
    db: linkedOnly(w.db, functionTables.retention),
    clock: () => new Date(w.now.getTime() + afterMs),
  })(scheduledEvent(), { awsRequestId: ulid(), getRemainingTimeInMillis: () => 600_000 });
}

/** The case's escalation and resolution entries as the seller reads them, newest first. */
async function notedEntries(w: World, caseId: string) {
  const r = await graphql(w.api, `{ case(id: "${caseId}") { timeline { edges { node { type body summary } } } } }`, {
    key: w.key,
  });
  expect(r.body.errors).toBeUndefined();
  return r.body.data.case.timeline.edges
    .map((e: any) => e.node)
    .filter((n: any) => n.type === "ESCALATED" || n.type === "RESOLVED");
}
