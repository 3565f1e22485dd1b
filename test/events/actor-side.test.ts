import { Events, type Principal } from "@seller-ops/core";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { EventsRepo } from "@seller-ops/db";
import { beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * An event names its actor's key to the actor's own side only: a seller (its keys, its partners'
 * tools) does not learn which marketplace key acted on its case, nor the marketplace which of the
 * seller's keys did, as `CaseEvidence.submittedBy` already hides it.
 */
const EVENTS = `query($sellerId: ID, $filter: EventFilter) {
  events(sellerId: $sellerId, filter: $filter, first: 50) { edges { node { type actorKeyId } } }
}`;

async function actorsSeenBy(w: World, key: string, caseId: string): Promise<string[][]> {
  const response = await graphql(w.api, EVENTS, {
    key,
    variables: { sellerId: w.sellerId, filter: { objectId: caseId } },
  });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.events.edges.map((e: { node: { type: string; actorKeyId: string } }) => [
    e.node.type,
    e.node.actorKeyId,
  ]);
}

/** An evidence event of the case, as a marketplace key's change recorded it. */
const messageDraft = (sellerId: string, caseId: string): Events.EventDraft => ({
  type: "EVIDENCE_SUBMITTED",
  sellerId,
  objectType: "CASE",
  objectId: caseId,
  objectVersion: 3,
  partId: null,
  payload: { id: caseId, version: 3 },
});

async function keyIdOf(w: World, key: string): Promise<string> {
  const response = await graphql(w.api, "{ viewer { keyId } }", { key });
  return response.body.data.viewer.keyId;
}

describe("the actor of an event, as each side sees it", () => {
  let w: World;
  let caseId: string;
  const ids: Record<"seller" | "partner" | "marketplace" | "operator", string> = {
    seller: "",
    partner: "",
    marketplace: "",
    operator: "",
  };
  beforeAll(async () => {
    w = await world();
    for (const who of ["seller", "partner", "marketplace", "operator"] as const)
      ids[who] = await keyIdOf(w, who === "seller" ? w.key : w[who]);
    const opened = await buyerOpensCase(w);
    caseId = opened.caseId;
    await mutate(
      w,
      w.partner,
      "postCaseMessage",
      "PostCaseMessageInput",
      { caseId, direction: "SELLER", body: "Tracking shows it in the destination country." },
      "case { id }",
    );
    w.now = new Date(w.now.getTime() + 2 * 60_000);
  });

  it("a seller's key and its partner's tool see their side's key ids and only the marketplace's side", async () => {
    const expected = [
      ["CASE_OPENED", "side:marketplace"],
      ["CASE_ANSWERED", ids.partner],
    ];
    expect(await actorsSeenBy(w, w.key, caseId)).toEqual(expected);
    expect(await actorsSeenBy(w, w.partner, caseId)).toEqual(expected);
  });

  it("the marketplace sees its own key and only the seller's side", async () => {
    expect(await actorsSeenBy(w, w.marketplace, caseId)).toEqual([
      ["CASE_OPENED", ids.marketplace],
      ["CASE_ANSWERED", "side:seller"],
    ]);
  });

  it("an operator sees every key", async () => {
    expect(await actorsSeenBy(w, w.operator, caseId)).toEqual([
      ["CASE_OPENED", ids.marketplace],
      ["CASE_ANSWERED", ids.partner],
    ]);
  });

  it("an event stored before the side was kept names a key to that key and to operators only", async () => {
    const at = w.now.toISOString();
    const { records } = EventsRepo.writesFor(w.db, {
      drafts: [messageDraft(w.sellerId, caseId)],
      occurredAt: at,
      actorKeyId: ids.marketplace,
      actorSide: "MARKETPLACE",
    });
    const { actorSide: _dropped, ...stored } = EventsRepo.toItem(records[0]!);
    await w.db.doc.send(new PutCommand({ TableName: w.db.tables.Events, Item: stored }));
    w.now = new Date(w.now.getTime() + 2 * 60_000);
    const last = (rows: string[][]) => rows[rows.length - 1];
    expect(last(await actorsSeenBy(w, w.key, caseId))).toEqual(["EVIDENCE_SUBMITTED", "side:unknown"]);
    expect(last(await actorsSeenBy(w, w.marketplace, caseId))).toEqual(["EVIDENCE_SUBMITTED", ids.marketplace]);
    expect(last(await actorsSeenBy(w, w.operator, caseId))).toEqual(["EVIDENCE_SUBMITTED", ids.marketplace]);
  });
});

describe("Events.actorSeenBy", () => {
  const seller: Principal = { role: "SELLER", principalId: "key_S", sellerId: "sel_1" };
  const token: Principal = { role: "SELLER", principalId: "jwt:user-1", sellerId: "sel_1" };
  const marketplace: Principal = { role: "MARKETPLACE", principalId: "key_M", allSellers: true, sellerIds: [] };
  const operator: Principal = { role: "OPERATOR", principalId: "key_O" };
  const legacy = (actorKeyId: string) => ({ actorKeyId, actorSide: null });

  it("reads a job's, a tool's and a frontend user's side from the id when none was stored", () => {
    expect(Events.actorSeenBy(marketplace, legacy("job:late-orders"))).toBe("job:late-orders");
    expect(Events.actorSeenBy(seller, legacy("tool:keys"))).toBe("tool:keys");
    expect(Events.actorSeenBy(seller, legacy("jwt:user-2"))).toBe("jwt:user-2");
    expect(Events.actorSeenBy(marketplace, legacy("jwt:user-2"))).toBe("side:seller");
  });

  it("hides an old event's key from everyone but the key itself and operators", () => {
    expect(Events.actorSeenBy(seller, legacy("key_M"))).toBe("side:unknown");
    expect(Events.actorSeenBy(token, legacy("key_M"))).toBe("side:unknown");
    expect(Events.actorSeenBy(marketplace, legacy("key_M"))).toBe("key_M");
    expect(Events.actorSeenBy(operator, legacy("key_M"))).toBe("key_M");
  });

  it("shows an operator's key to operators only", () => {
    const byOperator = { actorKeyId: "key_O", actorSide: "OPERATOR" as const };
    expect(Events.actorSeenBy(seller, byOperator)).toBe("side:operator");
    expect(Events.actorSeenBy(marketplace, byOperator)).toBe("side:operator");
    expect(Events.actorSeenBy({ ...operator, principalId: "key_O2" }, byOperator)).toBe("key_O");
  });

  it("records a credential's key with no side as unknown, a job's as the service's", () => {
    const draft = messageDraft("sel_1", "case_1");
    expect(
      Events.record({ draft, eventId: "E1", occurredAt: "2026-01-01T00:00:00.000Z", actorKeyId: "key_X" }),
    ).toMatchObject({ actorSide: null });
    expect(
      Events.record({ draft, eventId: "E2", occurredAt: "2026-01-01T00:00:00.000Z", actorKeyId: "job:x" }),
    ).toMatchObject({ actorSide: "SERVICE" });
  });
});
