import { describe, expect, it } from "vitest";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { migrate } from "../../tools/migrate";
import { graphql } from "../support/api";
import { isolatedTables } from "../support/isolated";
import { loadFixture, scanAll, storedItemFixtures } from "../support/stored-items";

/**
 * The partner keys an older main stored (read-write ones could act for the buyer then) after
 * `npm run migrate`: they keep their grant and secret, act for the seller only, and the read-write
 * ones are marked `formerlyBuyerSide` so operators can find the tools that need a marketplace key.
 */
describe.each(storedItemFixtures().map((f) => [f.name, f] as const))("stored partner keys (%s)", (_, fixture) => {
  it(
    "are migrated to seller-side only, marked when they could act " + "for the buyer, and refused buyer actions",
    async () => {
      const db = await isolatedTables("keys");
      await loadFixture(db, fixture);
      await migrate(db, { pageSize: 10, now: () => fixture.clock.toISOString(), tables: ["ApiKeys"] });
      const keys = (await scanAll(db)).ApiKeys;
      const partners = keys.filter((k) => k.role === "PARTNER");
      expect(partners.length).toBeGreaterThan(1);
      for (const key of partners) {
        expect(key.shape).toBe(2);
        expect(key.formerlyBuyerSide ?? false, String(key.keyId)).toBe(key.access === "READ_WRITE");
      }

      // The demo partner key (read-write, stored by the older main) still works for the seller's side…
      const api = createGraphqlHandler({ db, clock: () => fixture.clock });
      const cases = await graphql(
        api,
        `{ cases(sellerId: "seller-shenzhen-gadgets", first: 50) { edges { node { id status availableActions } } } }`,
        { key: "demo-partner-key" },
      );
      expect(cases.body.errors).toBeUndefined();
      const open = cases.body.data.cases.edges
        .map((e: any) => e.node)
        .filter((c: any) => c.status !== "RESOLVED" && c.status !== "CLOSED");
      expect(open.length).toBeGreaterThan(0);
      for (const c of open) {
        expect(c.availableActions).toContain("POST_SELLER_MESSAGE");
        expect(c.availableActions).not.toContain("POST_BUYER_MESSAGE");
      }
      // …and is refused the buyer's.
      const buyer = await graphql(
        api,
        `mutation($input: PostCaseMessageInput!) { postCaseMessage(input: $input) { case { id } userErrors { code } }
          ` + `}`,
        {
          key: "demo-partner-key",
          variables: { input: { caseId: open[0].id, direction: "BUYER", body: "I accept." } },
        },
      );
      expect(buyer.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    },
  );
});
