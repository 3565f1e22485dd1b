import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { EventsRepo, MIGRATIONS } from "@seller-ops/db";
import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { DAY, HOUR, testEpoch } from "../support/clock";
import { readOverview } from "../support/overview";
import { buyerOpensCase, orderDue, world, type World } from "../support/world";

/** The types of the case's events, oldest first, as stored (no settle window: the store itself). */
async function caseEventTypes(w: World, caseId: string): Promise<string[]> {
  const window = {
    sellerId: w.sellerId,
    fromMs: testEpoch().getTime() - DAY,
    toMs: w.now.getTime() + 30 * DAY,
    objectId: caseId,
  };
  const page = await EventsRepo.listPage(w.db, window, { first: 100, after: null });
  return page.items.map(({ item }) => item.type);
}

describe("a case nearing its response deadline", () => {
  it("is announced once by the case-deadline job a day before respondBy, before the deadline is missed", async () => {
    const w = await world(testEpoch());
    const { caseId } = await buyerOpensCase(w);
    const read = await graphql(w.api, `query($id: ID!) { case(id: $id) { respondBy version } }`, {
      key: w.key,
      variables: { id: caseId },
    });
    const respondBy = new Date(read.body.data.case.respondBy as string);
    const dueSoon = (types: string[]) => types.filter((t) => t === "CASE_RESPONSE_DUE_SOON").length;

    w.now = new Date(respondBy.getTime() - 25 * HOUR);
    await w.caseDeadlines();
    expect(dueSoon(await caseEventTypes(w, caseId))).toBe(0);

    w.now = new Date(respondBy.getTime() - 23 * HOUR);
    await w.caseDeadlines();
    await w.caseDeadlines();
    expect(dueSoon(await caseEventTypes(w, caseId))).toBe(1);

    w.now = new Date(respondBy.getTime() + 60_000);
    await w.caseDeadlines();
    const types = await caseEventTypes(w, caseId);
    expect(dueSoon(types)).toBe(1);
    expect(types.indexOf("CASE_RESPONSE_DUE_SOON")).toBeLessThan(types.indexOf("CASE_OVERDUE"));
  });

  it("gives a late-order job's case 24 hours, warned 12 hours before, due within 24 h at once", async () => {
    const w = await world(testEpoch());
    const order = await orderDue(w, -5);
    await w.lateOrders();
    const caseId = `late-${order.id}`;
    const read = await graphql(w.api, `query($id: ID!) { case(id: $id) { reason source openedAt respondBy } }`, {
      key: w.key,
      variables: { id: caseId },
    });
    const c = read.body.data.case;
    expect(c).toMatchObject({ reason: "LATE_SHIPMENT", source: "SYSTEM", openedAt: w.now.toISOString() });
    const respondBy = new Date(c.respondBy as string);
    expect(respondBy.getTime()).toBe(w.now.getTime() + DAY);
    // The seller's overview counts it among the cases due within 24 h from the start: it is.
    expect(await readOverview(w.api, w.key, w.sellerId)).toMatchObject({
      casesAwaitingSeller: 1,
      casesDueWithin24h: 1,
    });
    const dueSoon = async () => (await caseEventTypes(w, caseId)).filter((t) => t === "CASE_RESPONSE_DUE_SOON").length;

    await w.caseDeadlines();
    w.now = new Date(respondBy.getTime() - 13 * HOUR);
    await w.caseDeadlines();
    expect(await dueSoon()).toBe(0);
    w.now = new Date(respondBy.getTime() - 11 * HOUR);
    await w.caseDeadlines();
    await w.caseDeadlines();
    expect(await dueSoon()).toBe(1);
  });

  it("is not announced for a case the seller already answered", async () => {
    const w = await world(testEpoch());
    const { caseId, version } = await buyerOpensCase(w);
    const replied = await graphql(
      w.api,
      `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { ` +
        `case { status respondBy } userErrors { code } } }`,
      {
        key: w.key,
        variables: { input: { caseId, direction: "SELLER", expectedVersion: version, body: "We are on it." } },
      },
    );
    expect(replied.body.data?.postCaseMessage?.userErrors).toEqual([]);
    w.now = new Date(w.now.getTime() + 2 * DAY);
    await w.caseDeadlines();
    expect(await caseEventTypes(w, caseId)).not.toContain("CASE_RESPONSE_DUE_SOON");
  });
});

describe("the case-4-response-due-soon migration step", () => {
  const step = MIGRATIONS.find((s) => s.name === "case-4-response-due-soon");

  /** A case as the previous release stored it: no warning recorded, the job watching respondBy itself. */
  async function storedBeforeWarnings(): Promise<Record<string, unknown>> {
    const w = await world(testEpoch());
    const { caseId } = await buyerOpensCase(w);
    const got = await w.db.doc.send(
      new GetCommand({ TableName: w.db.tables.Cases, Key: { pk: `CASE#${caseId}`, sk: "CASE" } }),
    );
    const { responseDueSoonFor: _never, ...item } = got.Item ?? {};
    return { ...item, shape: 3, nextDeadlineAt: item.respondBy };
  }

  it("schedules the job a day before respondBy for a watched case that was never warned", async () => {
    const item = await storedBeforeWarnings();
    const dayBefore = new Date(Date.parse(String(item.respondBy)) - DAY).toISOString();
    expect(step?.up(item)).toMatchObject({ responseDueSoonFor: null, nextDeadlineAt: dayBefore });
  });

  it("takes both index keys off a case with nothing left to watch (never a NULL key)", async () => {
    const closed = { ...(await storedBeforeWarnings()), status: "CLOSED" };
    expect(closed).toHaveProperty("deadlineShard");
    const up = step?.up(closed) ?? {};
    expect(up).not.toHaveProperty("nextDeadlineAt");
    expect(up).not.toHaveProperty("deadlineShard");
  });
});
