import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, GraphQLNonNull, type GraphQLField } from "graphql";
import { describe, expect, it } from "vitest";
import { MUTATIONS } from "./catalog";

/**
 * The reliability suites (retries, bad input) iterate over `catalog.ts`. A mutation added to the
 * contract without a catalog entry would silently escape them: this fails the build instead.
 */
const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {}) as GraphQLField<unknown, unknown>[];

describe("the reliability catalog", () => {
  it("has an entry for every mutation of graphql/schema.graphql", () => {
    expect(mutationFields.length).toBeGreaterThan(0);
    const missing = mutationFields.map((f) => f.name).filter((name) => !MUTATIONS.some((m) => m.name === name));
    expect(missing, `mutations without reliability coverage: add them to test/reliability/catalog.ts`).toEqual([]);
  });

  it("names only mutations that exist, once each, with the input type the schema declares", () => {
    const names = MUTATIONS.map((m) => m.name);
    expect(new Set(names).size, "a mutation listed twice").toBe(names.length);
    for (const entry of MUTATIONS) {
      const field = mutationFields.find((f) => f.name === entry.name);
      expect(field, `${entry.name} is not a mutation of the schema`).toBeDefined();
      const input = field!.args.find((a) => a.name === "input");
      expect(input?.type, `${entry.name} takes one required input`).toBeInstanceOf(GraphQLNonNull);
      expect(getNamedType(input!.type).name, `${entry.name}'s input type`).toBe(entry.inputType);
    }
  });
});
