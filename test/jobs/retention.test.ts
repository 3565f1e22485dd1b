import { describe, expect, it } from "vitest";
import { createRetentionJobHandler } from "@seller-ops/functions/src/jobs/retention";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { scheduledEvent } from "../support/events";
import { checkInvariants } from "../support/invariants";
import { scanTable } from "../support/scan";
import { mutate, orderDue, world } from "../support/world";
import { DAY } from "../support/clock";


describe("the retention job", () => {
  it("redacts buyer message bodies and evidence references after their retention period, keeping the timeline's shape", async () => {
    const w = await world();
    const order = await orderDue(w, 48);
    const opened = await mutate(w, w.marketplace, "openCase", "OpenCaseInput", { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "I live at 12 Secret Street." }, "case { id }");
    await mutate(w, w.key, "postCaseMessage", "PostCaseMessageInput", { caseId: opened.case.id, direction: "SELLER", body: "Sorry, a replacement is coming." }, "case { id }");
    const deposit = await mutate(w, w.operator, "recordDeposit", "RecordDepositInput", {
      sellerId: w.sellerId,
      kind: "LIMITED_TERM",
      amount: { amountMinor: 1_000_000, currency: "CNY" },
      paidAt: "2025-10-01T00:00:00Z",
      termStart: "2025-10-01T00:00:00Z",
      termEnd: "2026-10-01T00:00:00Z",
      salesTarget: { amountMinor: 100, currency: "CNY" },
    }, "deposit { id }");
    const documents = [
      { kind: "SALES_DATA", reference: "https://files.example.com/sales-2026.csv?token=abc", checksum: "a".repeat(64), title: "Sales" },
      { kind: "QUALITY_INSPECTION_REPORT", reference: "evidence/qc-report.pdf", checksum: "b".repeat(64), title: "QC" },
    ];
    const applied = await mutate(w, w.key, "applyForDepositRefund", "ApplyForDepositRefundInput", { depositId: deposit.deposit.id, documents }, "application { id }");
    expect(applied.userErrors).toEqual([]);

    const job = (at: Date) => createRetentionJobHandler({ db: w.db, clock: () => at })(scheduledEvent(), { awsRequestId: ulid(), getRemainingTimeInMillis: () => 600_000 });
    expect(await job(new Date(w.now.getTime() + 300 * DAY))).toMatchObject({ examined: 0, messagesRedacted: 0 });
    expect(await job(new Date(w.now.getTime() + 366 * DAY))).toMatchObject({ messagesRedacted: 2, applicationsRedacted: 0, failures: 0 });
    expect(await job(new Date(w.now.getTime() + 731 * DAY))).toMatchObject({ examined: 1, messagesRedacted: 0, applicationsRedacted: 1 });
    expect(await job(new Date(w.now.getTime() + 800 * DAY))).toMatchObject({ examined: 0 });

    const timeline = await graphql(w.api, `{ case(id: "${opened.case.id}") { timeline { edges { node { type actor body summary } } } } }`, { key: w.key });
    expect(timeline.body.data.case.timeline.edges.map((e: any) => [e.node.type, e.node.actor, e.node.body])).toEqual([
      ["MESSAGE", "SELLER", null],
      ["MESSAGE", "BUYER", null],
      ["OPENED", "BUYER", null],
    ]);
    const stored = JSON.stringify([...(await scanTable(w.db, "Cases")), ...(await scanTable(w.db, "Deposits"))]);
    expect(stored).not.toContain("Secret Street");
    expect(stored).not.toContain("files.example.com");
    await checkInvariants(w.db);
  });
});
