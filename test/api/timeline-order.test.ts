import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { CasesRepo } from "@seller-ops/db";
import { graphql } from "../support/api";
import { buyerOpensCase, mutate, world } from "../support/world";

describe("a case past its millionth timeline event", () => {
  it("still reads its timeline newest first, across pages", async () => {
    const w = await world();
    const { caseId } = await buyerOpensCase(w);
    // A case's running event count, not its stored events, names the next id: start it near the six-digit edge
    // rather than write a million events.
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Cases,
        Key: CasesRepo.caseKey(caseId),
        UpdateExpression: "SET eventCount = :n",
        ExpressionAttributeValues: { ":n": 999_997 },
      }),
    );
    const bodies = ["before the edge", "at the edge", "the millionth", "past it"];
    for (const body of bodies) {
      w.now = new Date(w.now.getTime() + 60_000);
      const posted = await mutate(
        w,
        w.marketplace,
        "postCaseMessage",
        "PostCaseMessageInput",
        { caseId, direction: "BUYER", body },
        "case { id }",
      );
      expect(posted.userErrors).toEqual([]);
    }

    const read = async (after: string | null) =>
      (
        await graphql(
          w.api,
          `query($after: String) { case(id: "${caseId}") { timeline(first: 2, after: $after) { edges { node { ` +
            `id body } } pageInfo { hasNextPage endCursor } } } }`,
          { key: w.key, variables: { after } },
        )
      ).body.data.case.timeline;
    const seen: { id: string; body: string | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await read(after);
      seen.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Newest first: the four messages in reverse, then the opening event (000001).
    expect(seen.slice(0, 4).map((e) => e.body)).toEqual([...bodies].reverse());
    expect(seen.map((e) => e.id)).toEqual(["A1000001", "A1000000", "999999", "999998", "000001"]);
  });
});
