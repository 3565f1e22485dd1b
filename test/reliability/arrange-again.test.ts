import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { world } from "../support/world";
import { MUTATIONS } from "./catalog";

/**
 * The capacity bench (bench/lib/mutation-capacity.ts) sets each mutation's stage several times on one world and runs
 * it after each, with a new idempotency key: its timing samples. A stage that can be set only once per world (a
 * violation recorded twice at one instant is DUPLICATE_VIOLATION) fails the bench at its second sample, far from any
 * test. This runs every catalog entry the same way, twice.
 */
describe("a catalog mutation's stage set again on the same world", () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    "%s: arranged and run twice, both succeed",
    async (_, mutation) => {
      const w = await world();
      for (const attempt of [1, 2]) {
        const { key, input } = await mutation.arrange(w);
        const response = await graphql(
          w.api,
          `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${mutation.selection} ` +
            `userErrors { field code message } } }`,
          { key, variables: { input: { ...input, idempotencyKey: `again-${mutation.name}-${attempt}` } } },
        );
        expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
        expect(response.body.data[mutation.name].userErrors, `attempt ${attempt}`).toEqual([]);
      }
    },
  );
});
