import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLInputObjectType } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { graphql } from "../support/api";
import { checkInvariants } from "../support/invariants";
import { world } from "../support/world";
import { MUTATIONS } from "./catalog";

const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));
/** The catalog's mutations whose input names the seller acted for. */
const TAKES_SELLER = MUTATIONS.filter(
  (m) => "sellerId" in (schema.getType(m.inputType) as GraphQLInputObjectType).getFields(),
);
const forbiddenChecked = new Set<string>();

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

  // A refusal thrown as a request error (FORBIDDEN: the caller named a seller it may not write for) keeps nothing
  // under the key, whatever the mutation: the caller corrects the seller and retries with the same key. Every
  // mutation whose input names a seller, sent by the catalog's seller or partner key (an operator may name any).
  it.each(TAKES_SELLER.map((m) => [m.name, m] as const))(
    "%s: a FORBIDDEN seller keeps nothing under the key, the corrected retry runs",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      if (key === w.operator) return;
      forbiddenChecked.add(mutation.name);
      const before = await mutation.effects(w);
      const idempotencyKey = `forbidden-${mutation.name}-0001`;
      const send = (body: Record<string, unknown>) =>
        graphql(
          w.api,
          `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${mutation.selection} ` +
            `userErrors { field code message } } }`,
          { key, variables: { input: { ...body, idempotencyKey } } },
        );

      const forbidden = await send({ ...input, sellerId: "sel_01M8ZXR7X0HEMJH9HPDXWK4AN9" });
      expect(forbidden.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await mutation.effects(w)).toBe(before);
      const corrected = await send(input);
      expect(corrected.body.errors, JSON.stringify(corrected.body.errors)).toBeUndefined();
      expect(corrected.body.data[mutation.name].userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + (mutation.name === "importOrders" ? 2 : 1));
      await checkInvariants(w.db);
    },
    60_000,
  );

  afterAll(() => {
    // The check above ran where it matters most (a batch import claims its key before its first order).
    if (forbiddenChecked.size > 0) expect([...forbiddenChecked]).toContain("importOrders");
  });
});
