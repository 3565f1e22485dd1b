import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiKeys } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { buyerOpensCase, mutate, world, type World } from "../support/world";

/**
 * A replayed answer's objects resolve their nested fields live (a case's timeline, its risk). A partner tool
 * removed from a seller's grant kept, for the 24 hours of its idempotency records, a way to read that seller's
 * cases through them: resend an earlier write's key, and read the timeline the buyer wrote since. The replay is
 * now given only to a caller that may still read the seller; otherwise it is refused, as a new write is.
 */

let w: World;
beforeAll(async () => {
  w = await world();
});

const POST = `mutation($input: PostCaseMessageInput!) {
  postCaseMessage(input: $input) {
    case { id timeline(first: 10) { edges { node { actor body } } } }
    userErrors { code }
  }
}`;

/** Narrows the partner key's grant to no seller, as a grant change rewrites the key item. */
async function removeGrant(secret: string) {
  const Key = { keyHash: ApiKeys.hashSecret(secret) };
  const item = (await w.db.doc.send(new GetCommand({ TableName: w.db.tables.ApiKeys, Key }))).Item!;
  await w.db.doc.send(new PutCommand({ TableName: w.db.tables.ApiKeys, Item: { ...item, sellerIds: [] } }));
}

describe("an idempotency key replayed after the key lost the seller", () => {
  it("is refused FORBIDDEN, and shows nothing written since", async () => {
    const { caseId } = await buyerOpensCase(w);
    const input = { caseId, direction: "SELLER", body: "Shipped today.", idempotencyKey: `k-${ulid()}` };
    const first = await graphql(w.api, POST, { key: w.partner, variables: { input } });
    expect(first.body.errors, JSON.stringify(first.body)).toBeUndefined();
    // While the grant holds, the replay answers as the first time.
    const again = await graphql(w.api, POST, { key: w.partner, variables: { input } });
    expect(again.body).toEqual(first.body);

    await removeGrant(w.partner);
    const secret = "PRIVATE: my phone is +34 600 000 000";
    await mutate(
      w,
      w.marketplace,
      "postCaseMessage",
      "PostCaseMessageInput",
      {
        caseId,
        direction: "BUYER",
        body: secret,
      },
      "case { id }",
    );

    const direct = await graphql(w.api, `{ case(id: "${caseId}") { id } }`, { key: w.partner });
    expect(direct.body.data).toEqual({ case: null });
    const replay = await graphql(w.api, POST, { key: w.partner, variables: { input } });
    expect(replay.body.data, JSON.stringify(replay.body)).toBeNull();
    expect(replay.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(replay.body)).not.toContain(secret);
  });
});
