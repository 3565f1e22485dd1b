import { describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { world } from "../support/world";
import { MUTATIONS } from "./catalog";

/**
 * Partner tools retry. For every mutation: the same idempotency key sent 20 times at once has
 * exactly one effect and 20 identical answers; the same key with another input is refused and
 * changes nothing. For a transaction, nothing holds the key before the effect: the 20 run side by
 * side up to their transactions, one record lands with its effect, and the 19 others fail on it and
 * answer it. A one-item effect's key is claimed first (one-item-keys.test.ts): one attempt claims
 * it, the others wait for its record and answer it. An API key's secret (`shownOnce`) is the exception to
 * "identical": only the attempt whose write made it shows it; the 19 others and every replay answer
 * null in its place (the record never keeps it). A webhook signing secret is kept sealed in the record,
 * so all 20 answer it (it is in the catalog's selection).
 */
describe("retries with an idempotency key", () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    "%s: 20 concurrent retries, one effect, identical payloads",
    async (_, mutation) => {
      const w = await world();
      const { key, input, otherInput } = await mutation.arrange(w);
      const before = await mutation.effects(w);
      const idempotencyKey = `retry-${mutation.name}-0001`;
      const selection = mutation.shownOnce ? `${mutation.selection} ${mutation.shownOnce}` : mutation.selection;
      const send = (body: Record<string, unknown>) =>
        graphql(
          w.api,
          `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${selection} ` +
            `userErrors { field code message } } }`,
          {
            key,
            variables: { input: { ...body, idempotencyKey } },
          },
        );

      const responses = await Promise.all(Array.from({ length: 20 }, () => send(input)));
      for (const response of responses)
        expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
      const answers: Record<string, unknown>[] = responses.map((r) => r.body.data[mutation.name]);
      const secretField = mutation.shownOnce;
      if (secretField) {
        const shown = answers.filter((a) => a[secretField] !== null);
        expect(shown.length, `${secretField} in ${shown.length} of 20 answers`).toBe(1);
        expect(shown[0]![secretField]).toEqual(expect.stringMatching(/.{16}/));
      }
      const withoutSecret = (a: unknown) => JSON.stringify(secretField ? { ...(a as object), [secretField]: null } : a);
      const payloads = answers.map(withoutSecret);
      expect(new Set(payloads).size, payloads[0]).toBe(1);
      expect(responses[0]!.body.data[mutation.name].userErrors).toEqual([]);
      if (secretField) {
        // A replay answers the same, the secret never again.
        const replayed = (await send(input)).body.data[mutation.name];
        expect(JSON.stringify(replayed)).toBe(payloads[0]);
      }
      expect(await mutation.effects(w)).toBe(before + (mutation.name === "importOrders" ? 2 : 1));

      const reused = await send(otherInput);
      expect(reused.body.data[mutation.name].userErrors).toEqual([
        expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED", field: ["input", "idempotencyKey"] }),
      ]);
      expect(await mutation.effects(w)).toBe(before + (mutation.name === "importOrders" ? 2 : 1));
      await checkInvariants(w.db);
    },
    60_000,
  );
});
