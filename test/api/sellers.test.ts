import { describe, expect, it } from "vitest";
import { SellersRepo } from "@seller-ops/db";
import { ulid } from "ulid";
import { graphql } from "../support/api";
import { world } from "../support/world";

const CREATE =
  `mutation($input: CreateSellerInput!) { createSeller(input: $input) { seller { id name settlementCurrency ` +
  `timeZone createdAt } userErrors { field code message } } }`;

describe("createSeller: sellers are onboarded by the platform", () => {
  it("an operator creates a seller with the id it chose; it is readable at once and listed", async () => {
    const w = await world();
    const id = `acme-${ulid().toLowerCase()}`;
    const response = await graphql(w.api, CREATE, {
      key: w.operator,
      variables: {
        input: { id, name: "  Acme Trading Ltd.  ", settlementCurrency: "HKD", timeZone: "Asia/Hong_Kong" },
      },
    });
    expect(response.body.data.createSeller).toEqual({
      seller: {
        id,
        name: "Acme Trading Ltd.",
        settlementCurrency: "HKD",
        timeZone: "Asia/Hong_Kong",
        createdAt: w.now.toISOString(),
      },
      userErrors: [],
    });
    expect(await SellersRepo.getSeller(w.db, id)).toEqual({
      id,
      name: "Acme Trading Ltd.",
      settlementCurrency: "HKD",
      timeZone: "Asia/Hong_Kong",
      language: "en",
      version: 1,
      createdAt: w.now.toISOString(),
      updatedAt: null,
    });
    const listed = await graphql(w.api, `{ sellers(first: 100) { edges { node { id } } } }`, { key: w.operator });
    expect(listed.body.data.sellers.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it("without an id, the seller gets a new sel_<ULID> id", async () => {
    const w = await world();
    const response = await graphql(w.api, CREATE, {
      key: w.operator,
      variables: { input: { name: "No Id Co.", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" } },
    });
    expect(response.body.data.createSeller.userErrors).toEqual([]);
    expect(response.body.data.createSeller.seller.id).toMatch(/^sel_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("a second seller with the same id is refused with DUPLICATE_SELLER and the first is unchanged", async () => {
    const w = await world();
    const input = { id: `dup-${ulid()}`, name: "First", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" };
    await graphql(w.api, CREATE, { key: w.operator, variables: { input } });
    const second = await graphql(w.api, CREATE, {
      key: w.operator,
      variables: { input: { ...input, name: "Second", settlementCurrency: "USD" } },
    });
    expect(second.body.data.createSeller.seller).toBeNull();
    expect(second.body.data.createSeller.userErrors).toEqual([
      { field: ["input", "id"], code: "DUPLICATE_SELLER", message: `A seller with the id ${input.id} already exists.` },
    ]);
    expect((await SellersRepo.getSeller(w.db, input.id))?.name).toBe("First");
  });

  it.each([
    ["an unknown currency", { settlementCurrency: "XYZ" }, "settlementCurrency"],
    ["a lower-case currency", { settlementCurrency: "cny" }, "settlementCurrency"],
    ["an unknown time zone", { timeZone: "Asia/Atlantis" }, "timeZone"],
    ["an offset instead of a zone", { timeZone: "+08:00" }, "timeZone"],
    ["an offset spelled as a zone name", { timeZone: "Etc/GMT-8" }, "timeZone"],
    ["a legacy fixed-offset zone", { timeZone: "SystemV/EST5" }, "timeZone"],
    ["an abbreviation that is a fixed offset", { timeZone: "EST" }, "timeZone"],
    ["another such abbreviation", { timeZone: "HST" }, "timeZone"],
    ["an id with a key separator", { id: "a#b" }, "id"],
    ["an id too short", { id: "ab" }, "id"],
    ["an empty name", { name: "   " }, "name"],
  ])("%s is refused naming the field, nothing written", async (_, change, field) => {
    const w = await world();
    const id = `bad-${ulid()}`;
    const response = await graphql(w.api, CREATE, {
      key: w.operator,
      variables: { input: { id, name: "Valid Name", settlementCurrency: "CNY", timeZone: "Asia/Shanghai", ...change } },
    });
    const payload = response.body.data?.createSeller;
    if (payload) {
      expect(payload.seller).toBeNull();
      expect(payload.userErrors.length).toBeGreaterThan(0);
      for (const e of payload.userErrors) expect([e.code, e.field]).toEqual(["INVALID_INPUT", ["input", field]]);
    } else {
      // A currency the CurrencyCode scalar refuses never reaches the mutation.
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(response.body)).toBe("BAD_USER_INPUT");
      expect(response.body.errors?.[0]?.message).toContain(field);
    }
    expect(await SellersRepo.getSeller(w.db, (change as { id?: string }).id ?? id)).toBeNull();
  });

  it("a time zone alias is stored under its canonical name", async () => {
    const w = await world();
    const response = await graphql(w.api, CREATE, {
      key: w.operator,
      variables: { input: { name: "Alias Co.", settlementCurrency: "EUR", timeZone: "PRC" } },
    });
    // An old name of a real zone is taken; `EST`, an old name of a fixed offset, is not (above).
    expect(response.body.data.createSeller.seller.timeZone).toBe("Asia/Shanghai");
  });

  it("a zone's current name is stored as given, not the older one the runtime reports", async () => {
    const w = await world();
    for (const [given, stored] of [
      ["Asia/Kolkata", "Asia/Kolkata"],
      ["Asia/Calcutta", "Asia/Kolkata"],
      ["Europe/Kyiv", "Europe/Kyiv"],
      ["asia/ho_chi_minh", "Asia/Ho_Chi_Minh"],
      ["America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ]) {
      const response = await graphql(w.api, CREATE, {
        key: w.operator,
        variables: { input: { name: "Zone Co.", settlementCurrency: "EUR", timeZone: given } },
      });
      expect(response.body.data.createSeller.seller.timeZone, given).toBe(stored);
    }
  });

  it.each([
    ["a seller key", "key"],
    ["a read-write partner key", "partner"],
  ] as const)("%s is FORBIDDEN and nothing is written", async (_, who) => {
    const w = await world();
    const id = `forbidden-${ulid()}`;
    const response = await graphql(w.api, CREATE, {
      key: w[who],
      variables: { input: { id, name: "Sneaky", settlementCurrency: "CNY", timeZone: "Asia/Shanghai" } },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(response.body.data?.createSeller ?? null).toBeNull();
    expect(await SellersRepo.getSeller(w.db, id)).toBeNull();
  });
});
