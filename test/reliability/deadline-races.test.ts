import { describe, expect, it } from "vitest";
import { functionTables } from "@seller-ops/functions/src/tables";
import { graphql } from "../support/api";
import { DAY, HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { changeBeforeFirstWrite, racedApi } from "../support/interleave";
import { scanTable } from "../support/scan";
import { buyerOpensCase, linkedOnly, mutate, orderDue, world, type World } from "../support/world";

/**
 * The case-deadline job and a person acting on the same case at the same moment. The job decides on the case as it
 * read it and writes it under that version; a mutation does the same and, having lost, decides again on a fresh read
 * (packages/api/src/mutation.ts). Each story forces one order: the other side's write lands between the reads and
 * the write of the side under test (test/support/interleave.ts), every time. Whatever the order, no write is lost,
 * the case's version steps once per write that landed, and the case ends as one of the two serial orders leaves it.
 * Two conditions each refuse the stale write on their own: the case's version, and its timeline entry's id (the
 * case's next entry number, written only if absent); these stories fail only when both are gone.
 */

const CASE = `case { id status version respondBy overdue responseOverdueAt escalatedAt
  returns { status receiveBy settleBy receivedAt receiptOverdueAt } }`;

/** One mutation through `api`; its payload, after checking it was answered (a userError, never an internal error). */
async function send(api: World["api"], key: string, name: string, input: Record<string, unknown>) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const response = await graphql(
    api,
    `mutation($input: ${type}!) { ${name}(input: $input) { ${CASE} userErrors { field code } } }`,
    { key, variables: { input } },
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data[name];
}

async function readCase(w: World, caseId: string) {
  const read = await graphql(w.api, `query($id: ID!) { ${CASE.replace(/^case/, "case(id: $id)")} }`, {
    key: w.key,
    variables: { id: caseId },
  });
  expect(read.body.errors).toBeUndefined();
  return read.body.data.case;
}

/**
 * The case's timeline entries, as a sorted list (entries made at one instant have no order among them), and its
 * events in the log, in their order (one process numbers the events of one instant in sequence).
 */
async function history(w: World, caseId: string) {
  const timeline = (await scanTable(w.db, "Cases"))
    .filter((i) => i.pk === `CASE#${caseId}` && i.entity === "EVENT")
    .map((i) => String(i.type))
    .sort();
  const events = (await scanTable(w.db, "Events"))
    .filter((e) => e.objectId === caseId)
    .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)))
    .map((e) => String(e.type));
  return { timeline, events };
}

/** The seller's counter summed over its days. */
async function counter(w: World, name: string): Promise<number> {
  const days = (await scanTable(w.db, "Sellers")).filter(
    (i) => i.pk === `SELLER#${w.sellerId}` && String(i.sk).startsWith("STATS#"),
  );
  return days.reduce((sum, d) => sum + Number(d[name] ?? 0), 0);
}

/** The case-deadline job, with `meanwhile` landing between its read of the due case and its write of it. */
function racedJob(w: World, meanwhile: () => Promise<unknown>) {
  const raced = changeBeforeFirstWrite(linkedOnly(w.db, functionTables.caseDeadlines), "Cases", meanwhile);
  return { run: () => w.caseDeadlines(raced.db), ran: raced.ran };
}

describe("a seller confirming a return's receipt as the job flags the missed receiveBy", () => {
  /**
   * A return the buyer shipped back, an hour past its `receiveBy`, the job not run since: the seller confirms the
   * parcel arrived (late) at the very moment the job comes to flag the missed deadline and escalate the case.
   */
  async function returnPastReceiveBy() {
    const w = await world();
    const order = await orderDue(w, 24);
    await mutate(
      w,
      w.key,
      "markOrderShipped",
      "MarkOrderShippedInput",
      { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" },
      "order { id }",
    );
    const opened = await mutate(
      w,
      w.marketplace,
      "openCase",
      "OpenCaseInput",
      { orderId: order.id, reason: "DAMAGED", source: "BUYER", claimText: "Broken on arrival." },
      "case { id }",
    );
    const id = opened.case.id as string;
    const offered = await send(w.api, w.key, "makeCompensationOffer", {
      caseId: id,
      kind: "REFUND_WITH_RETURN",
      amount: { amountMinor: 1000, currency: "USD" },
      expiresAt: new Date(w.now.getTime() + 2 * DAY).toISOString(),
    });
    expect(offered.userErrors).toEqual([]);
    const offerId = (
      await graphql(w.api, `query($id: ID!) { case(id: $id) { pendingOffer { id } } }`, {
        key: w.marketplace,
        variables: { id },
      })
    ).body.data.case.pendingOffer.id as string;
    expect(
      (await send(w.api, w.marketplace, "respondToCompensationOffer", { caseId: id, offerId, accept: true }))
        .userErrors,
    ).toEqual([]);
    const shipped = await send(w.api, w.marketplace, "shipReturn", {
      caseId: id,
      returnId: offerId,
      carrier: "YunExpress",
      trackingNumber: "YT2611290001",
    });
    expect(shipped.userErrors).toEqual([]);
    w.now = new Date(Date.parse(shipped.case.returns[0].receiveBy) + HOUR);
    return { w, caseId: id, returnId: offerId, version: shipped.case.version as number };
  }

  it("the seller's receipt landing between the job's read and write: the job's stale flag is refused", async () => {
    const { w, caseId, returnId, version } = await returnPastReceiveBy();
    const before = await history(w, caseId);
    let confirmed: any;
    const job = racedJob(w, async () => {
      confirmed = await send(w.api, w.key, "confirmReturnReceived", { caseId, returnId });
    });

    const report = await job.run();
    expect(job.ran()).toBe(true);
    expect(confirmed.userErrors).toEqual([]);
    // The job lost the race: nothing of its decision landed, and it says so; it does not fail.
    expect(report).toMatchObject({ examined: 1, returnsEscalated: 0, skippedChanged: 1, failures: 0 });

    // As if the seller had confirmed first and the job come after: received late, the deadline missed on record
    // (by the seller's own step), not escalated: the seller acted.
    const after = await readCase(w, caseId);
    expect(after).toMatchObject({
      status: "RETURN_IN_PROGRESS",
      version: version + 1,
      escalatedAt: null,
      returns: [{ status: "RECEIVED", receivedAt: w.now.toISOString(), receiptOverdueAt: w.now.toISOString() }],
    });
    expect(await history(w, caseId)).toEqual({
      timeline: [...before.timeline, "RETURN_RECEIVED"].sort(),
      events: [...before.events, "RETURN_RECEIVED"],
    });
    expect({ overdue: await counter(w, "returnsOverdue"), escalated: await counter(w, "casesEscalated") }).toEqual({
      overdue: 1,
      escalated: 0,
    });
    // The next run finds nothing left to do: the refund is due by settleBy, days away.
    expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0, skippedChanged: 0 });
    expect((await readCase(w, caseId)).version).toBe(version + 1);
    await checkInvariants(w.db);
  });

  it("the job's flag landing between the receipt's read and write: the receipt is decided again on it", async () => {
    const { w, caseId, returnId, version } = await returnPastReceiveBy();
    const before = await history(w, caseId);
    let report: any;
    const { api, ran } = racedApi(w, "Cases", async () => {
      report = await w.caseDeadlines();
    });

    const confirmed = await send(api, w.key, "confirmReturnReceived", { caseId, returnId });
    expect(ran()).toBe(true);
    expect(report).toMatchObject({ examined: 1, returnsEscalated: 1, skippedChanged: 0, failures: 0 });
    // The seller's receipt lands on top of the job's flag, not over it.
    expect(confirmed.userErrors).toEqual([]);
    expect(confirmed.case.version).toBe(version + 2);

    // As if the job had run first and the seller confirmed after: escalated by the job, the deadline missed once (the
    // job's instant), and the parcel received.
    const after = await readCase(w, caseId);
    expect(after).toMatchObject({
      status: "ESCALATED",
      version: version + 2,
      escalatedAt: w.now.toISOString(),
      returns: [{ status: "RECEIVED", receivedAt: w.now.toISOString(), receiptOverdueAt: w.now.toISOString() }],
    });
    expect(await history(w, caseId)).toEqual({
      timeline: [...before.timeline, "RETURN_OVERDUE", "RETURN_RECEIVED"].sort(),
      events: [...before.events, "RETURN_OVERDUE", "RETURN_RECEIVED"],
    });
    expect({ overdue: await counter(w, "returnsOverdue"), escalated: await counter(w, "casesEscalated") }).toEqual({
      overdue: 1,
      escalated: 1,
    });
    expect(await w.caseDeadlines()).toMatchObject({ returnsEscalated: 0, skippedChanged: 0 });
    await checkInvariants(w.db);
  });

  it("a receipt sent with the version read before the job's flag is VERSION_CONFLICT, writing nothing", async () => {
    const { w, caseId, returnId, version } = await returnPastReceiveBy();
    const { api, ran } = racedApi(w, "Cases", () => w.caseDeadlines());

    const refused = await send(api, w.key, "confirmReturnReceived", { caseId, returnId, expectedVersion: version });
    expect(ran()).toBe(true);
    expect(refused).toEqual({
      case: null,
      userErrors: [{ field: ["input", "expectedVersion"], code: "VERSION_CONFLICT" }],
    });
    // Only the job's flag is on the case; the seller reads it and confirms again.
    expect(await readCase(w, caseId)).toMatchObject({
      status: "ESCALATED",
      version: version + 1,
      returns: [{ status: "SHIPPED_BACK", receiptOverdueAt: w.now.toISOString() }],
    });
    await checkInvariants(w.db);
  });
});

describe("a seller's answer restarting respondBy as the job flags the case overdue", () => {
  /**
   * No verb restarts `respondBy` on a case that already awaits the seller (a buyer's reminder deliberately does not,
   * core/cases/messages.ts): it restarts when the buyer declines an offer. So the real race is a seller answering a
   * case an hour past its `respondBy` with an offer, which the buyer declines at once, while the job comes to flag
   * the case overdue. Serially: answered then declined, the case awaits the seller again under a fresh `respondBy`
   * and is not overdue (the job then finds nothing due); or flagged, then answered (which clears the flag), then
   * declined: the same case, with the RESPONSE_OVERDUE entry in its timeline. Never overdue under a fresh deadline.
   */
  async function casePastRespondBy() {
    const w = await world();
    const { caseId, version } = await buyerOpensCase(w);
    const opened = await readCase(w, caseId);
    w.now = new Date(Date.parse(opened.respondBy) + HOUR);
    return { w, caseId, version };
  }

  const offer = (w: World, api: World["api"], caseId: string) =>
    send(api, w.key, "makeCompensationOffer", {
      caseId,
      kind: "COUPON",
      amount: { amountMinor: 400, currency: "USD" },
      expiresAt: new Date(w.now.getTime() + 2 * DAY).toISOString(),
    });

  async function buyerDeclines(w: World, caseId: string) {
    const { pendingOffer } = (
      await graphql(w.api, `query($id: ID!) { case(id: $id) { pendingOffer { id } } }`, {
        key: w.marketplace,
        variables: { id: caseId },
      })
    ).body.data.case;
    const declined = await send(w.api, w.marketplace, "respondToCompensationOffer", {
      caseId,
      offerId: pendingOffer.id,
      accept: false,
    });
    expect(declined.userErrors).toEqual([]);
    return declined;
  }

  const freshRespondBy = (w: World) => new Date(w.now.getTime() + 5 * DAY).toISOString();

  it("the offer and its decline landing between the job's read and write: the stale flag is refused", async () => {
    const { w, caseId, version } = await casePastRespondBy();
    const before = await history(w, caseId);
    const job = racedJob(w, async () => {
      expect((await offer(w, w.api, caseId)).userErrors).toEqual([]);
      await buyerDeclines(w, caseId);
    });

    const report = await job.run();
    expect(job.ran()).toBe(true);
    expect(report).toMatchObject({ examined: 1, responsesOverdue: 0, skippedChanged: 1, failures: 0 });
    expect(await readCase(w, caseId)).toMatchObject({
      status: "AWAITING_SELLER",
      version: version + 2,
      respondBy: freshRespondBy(w),
      overdue: false,
      responseOverdueAt: null,
    });
    expect(await history(w, caseId)).toEqual({
      timeline: [...before.timeline, "OFFER_MADE", "OFFER_DECLINED"].sort(),
      events: [...before.events, "OFFER_MADE", "OFFER_DECLINED"],
    });
    // Nothing is due under the fresh deadline: the next run leaves the case alone.
    expect(await w.caseDeadlines()).toMatchObject({ responsesOverdue: 0, skippedChanged: 0 });
    expect((await readCase(w, caseId)).version).toBe(version + 2);
    await checkInvariants(w.db);
  });

  it("the job's flag landing between the offer's read and write: the offer is decided again on it", async () => {
    const { w, caseId, version } = await casePastRespondBy();
    const before = await history(w, caseId);
    let report: any;
    const { api, ran } = racedApi(w, "Cases", async () => {
      report = await w.caseDeadlines();
    });

    const offered = await offer(w, api, caseId);
    expect(ran()).toBe(true);
    expect(report).toMatchObject({ examined: 1, responsesOverdue: 1, skippedChanged: 0, failures: 0 });
    expect(offered.userErrors).toEqual([]);
    // The offer answers the case the job had just flagged: the flag is cleared by it, not lost under it.
    expect(offered.case).toMatchObject({ status: "OFFER_PENDING", version: version + 2, responseOverdueAt: null });
    await buyerDeclines(w, caseId);

    expect(await readCase(w, caseId)).toMatchObject({
      status: "AWAITING_SELLER",
      version: version + 3,
      respondBy: freshRespondBy(w),
      overdue: false,
      responseOverdueAt: null,
    });
    expect(await history(w, caseId)).toEqual({
      timeline: [...before.timeline, "RESPONSE_OVERDUE", "OFFER_MADE", "OFFER_DECLINED"].sort(),
      events: [...before.events, "CASE_OVERDUE", "OFFER_MADE", "OFFER_DECLINED"],
    });
    expect(await w.caseDeadlines()).toMatchObject({ responsesOverdue: 0, skippedChanged: 0 });
    await checkInvariants(w.db);
  });
});

describe("a seller declaring a shipment as the late-order job flags the order", () => {
  it("the job's flag landing between the shipment's read and write: it is declared after the flag", async () => {
    const w = await world();
    const order = await orderDue(w, 1 / 3600); // shipBy one second from now
    const requestStart = w.now.toISOString();
    let report: any;
    const { api, ran } = racedApi(w, "Orders", async () => {
      // The shipment's first write is held two seconds: the deadline passes, and the job flags the order unshipped.
      w.now = new Date(w.now.getTime() + 2_000);
      report = await w.lateOrders();
    });

    const shipped = await graphql(
      api,
      `mutation($input: MarkOrderShippedInput!) { markOrderShipped(input: $input) {
        order { shipBy shippedAt shipmentDeclaredAt lateFlaggedAt shippedLate version updatedAt }
        userErrors { code } } }`,
      { key: w.key, variables: { input: { orderId: order.id, carrier: "Cainiao", trackingNumber: "LP00123456" } } },
    );
    expect(ran()).toBe(true);
    expect(report).toMatchObject({ newlyLate: 1, casesOpened: 1, failures: 0 });
    const payload = shipped.body.data.markOrderShipped;
    expect(payload.userErrors).toEqual([]);
    // Decided again on the flagged order, at the instant it was decided: declared (and, with no shippedAt sent,
    // shipped) after the flag it saw, late. Decided at the request's start instead, it would say "shipped and declared
    // before shipBy, yet late", and its order's updatedAt would step back.
    const flaggedAt = w.now.toISOString();
    expect(payload.order).toMatchObject({
      shippedAt: flaggedAt,
      shipmentDeclaredAt: flaggedAt,
      lateFlaggedAt: flaggedAt,
      shippedLate: true,
      version: 3,
      updatedAt: flaggedAt,
    });
    expect(Date.parse(payload.order.shipmentDeclaredAt)).toBeGreaterThan(Date.parse(requestStart));
    await checkInvariants(w.db);
  });
});
