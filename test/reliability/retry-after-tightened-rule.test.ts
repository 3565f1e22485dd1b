import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { withoutNulls } from "@seller-ops/api/src/mutation";
import { ApiKeys, stableJson } from "@seller-ops/db";
import { buildSchema, getNamedType, isEnumType, type GraphQLInputObjectType } from "graphql";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { graphql } from "../support/api";
import { HOUR } from "../support/clock";
import { checkInvariants } from "../support/invariants";
import { instrumented } from "../support/isolated";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { MUTATIONS, type MutationCase } from "./catalog";

/**
 * A partner tool sends a mutation with a key, the effect lands, the answer is lost; before its retry, a deploy
 * tightens a rule (a character no longer accepted, a lower cap), and the retry's input is refused. The effect is in
 * place, so the retry must get its answer, not INVALID_INPUT: the key's record keeps a hash of the input as sent
 * (`sentHash`), and a refused input under a key is answered from a record of that very input.
 *
 * The release before is played by its record: the first attempt runs under today's rules (its record must carry the
 * hash of the input as sent: checked here, computed as the contract says, not by the service's function), then the
 * record is given the hash of an input today's rules refuse, as a release that accepted that input would have
 * written it. An effect made of parts (importOrders) answers from its parts, which needs the input parsed: excluded.
 */

const sentHash = (input: Record<string, unknown>) => {
  const { idempotencyKey: _key, ...sent } = input;
  return createHash("sha256")
    .update(stableJson(withoutNulls(sent)))
    .digest("base64url")
    .slice(0, 16);
};

/** The mutations whose effect is one item and no event: a claim, the item, then the record (oneItemEffect.ts). */
const ONE_ITEM = ["rotateWebhookSecret", "disableWebhookEndpoint", "updateWebhookEndpoint"];

const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));

/**
 * `input` with its first top-level text field (not an enum, which GraphQL itself checks) carrying a control character,
 * which no rule of today accepts anywhere; an input with no text field (a language) gets a version below 1.
 */
function refusedToday(mutation: MutationCase, input: Record<string, unknown>, variant = 0) {
  const fields = (schema.getType(mutation.inputType) as GraphQLInputObjectType).getFields();
  const field = Object.keys(input).find(
    (k) => typeof input[k] === "string" && k in fields && !isEnumType(getNamedType(fields[k]!.type)),
  );
  if (field) return { ...input, [field]: `${input[field]}${String.fromCharCode(variant)}` };
  if ("expectedVersion" in fields) return { ...input, expectedVersion: -1 - variant };
  throw new Error(`${mutation.name}: the catalog's input has no field to spoil`);
}

/** Another credential with the same authority as `key` (one of the world's): another caller who may send the input. */
async function sameAuthorityAs(w: World, key: string): Promise<string> {
  const secret = `other_${ulid()}`;
  const common = { keyId: `key_${ulid()}`, label: "another caller", createdAt: w.now.toISOString() };
  const grants = {
    [w.key]: { role: "SELLER", sellerId: w.sellerId },
    [w.partner]: { role: "PARTNER", sellerIds: [w.sellerId], access: "READ_WRITE" },
    [w.marketplace]: { role: "MARKETPLACE", allSellers: false, sellerIds: [w.sellerId] },
    [w.operator]: { role: "OPERATOR" },
  } as const;
  await ApiKeys.putApiKey(w.db, secret, { ...common, ...grants[key]! } as ApiKeys.NewApiKey);
  return secret;
}

function sender(w: World, mutation: MutationCase, key: string) {
  const selection = mutation.shownOnce ? `${mutation.selection} ${mutation.shownOnce}` : mutation.selection;
  return async (input: Record<string, unknown>, idempotencyKey?: string) => {
    const response = await graphql(
      w.api,
      `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${selection} ` +
        `userErrors { field code message } } }`,
      { key, variables: { input: idempotencyKey ? { ...input, idempotencyKey } : input } },
    );
    expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
    return response.body.data[mutation.name] as Record<string, unknown> & { userErrors: { code: string }[] };
  };
}

async function recordOf(w: World, mutation: string, idempotencyKey: string) {
  const found = (await scanTable(w.db, "Idempotency")).filter((i) =>
    String(i.pk).endsWith(`#${mutation}#${idempotencyKey}`),
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

const codes = (answer: { userErrors: { code: string }[] }) => answer.userErrors.map((e) => e.code);

describe("a keyed retry that a later release's rules refuse", () => {
  it.each(MUTATIONS.filter((m) => m.name !== "importOrders").map((m) => [m.name, m] as const))(
    "%s: answered as the attempt that landed, nothing written; another input, key, caller or a day later is refused",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const send = sender(w, mutation, key);
      const otherCaller = await sameAuthorityAs(w, key);
      const idempotencyKey = `tightened-${mutation.name}`;
      const refused = refusedToday(mutation, input);
      expect(codes(await send(refused))).toContain("INVALID_INPUT"); // today's rules refuse it, as the premise says

      const first = await send(input, idempotencyKey);
      expect(first.userErrors).toEqual([]);
      const record = await recordOf(w, mutation.name, idempotencyKey);
      expect(record.sentHash).toBe(sentHash(input));
      // The release that accepted `refused` kept its hash, with the answer of the effect it made.
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Idempotency,
          Key: { pk: record.pk },
          UpdateExpression: "SET sentHash = :sent",
          ExpressionAttributeValues: { ":sent": sentHash(refused) },
        }),
      );
      const effects = await mutation.effects(w);
      const stored = await scanTable(w.db, "Idempotency");
      const hidden = (a: Record<string, unknown>) => (mutation.shownOnce ? { ...a, [mutation.shownOnce]: null } : a);

      expect(await send(refused, idempotencyKey)).toEqual(hidden(first));
      expect(await mutation.effects(w)).toBe(effects);
      expect(await scanTable(w.db, "Idempotency")).toEqual(stored);

      // Only that input, under that key, from that caller, while the key lives.
      expect(codes(await send(refusedToday(mutation, input, 1), idempotencyKey))).toContain("INVALID_INPUT");
      expect(codes(await send(refused, `${idempotencyKey}-other`))).toContain("INVALID_INPUT");
      expect(codes(await sender(w, mutation, otherCaller)(refused, idempotencyKey))).toContain("INVALID_INPUT");
      w.now = new Date(w.now.getTime() + 25 * HOUR);
      expect(codes(await send(refused, idempotencyKey))).toContain("INVALID_INPUT");
      expect(await mutation.effects(w)).toBe(effects);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it.each(ONE_ITEM.map((name) => [name, MUTATIONS.find((m) => m.name === name)!] as const))(
    "%s, whose attempt died after its item write: the refused retry settles the claim as any retry does",
    async (_, mutation) => {
      const w = await world();
      const { key, input } = await mutation.arrange(w);
      const idempotencyKey = `tightened-claim-${mutation.name}`;
      const before = await mutation.effects(w);
      // The claim and the item are written, the record is not: the process died before its third write.
      const dying = createGraphqlHandler({ db: instrumented(w.db, { failWritesAfter: 2 }).db, clock: () => w.now });
      const crashed = await graphql(
        dying,
        `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { ${mutation.selection} ` +
          `userErrors { field code message } } }`,
        { key, variables: { input: { ...input, idempotencyKey } } },
      );
      expect(crashed.body.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      expect(await mutation.effects(w)).toBe(before + 1);
      const claim = await recordOf(w, mutation.name, idempotencyKey);
      expect(claim).toMatchObject({ status: "IN_PROGRESS", sentHash: sentHash(input) });
      const refused = refusedToday(mutation, input);
      await w.db.doc.send(
        new UpdateCommand({
          TableName: w.db.tables.Idempotency,
          Key: { pk: claim.pk },
          UpdateExpression: "SET sentHash = :sent",
          ExpressionAttributeValues: { ":sent": sentHash(refused) },
        }),
      );

      const send = sender(w, mutation, key);
      const answer = await send(refused, idempotencyKey);
      expect(answer.userErrors).toEqual([]);
      expect(await mutation.effects(w)).toBe(before + 1);
      expect(await recordOf(w, mutation.name, idempotencyKey)).toMatchObject({ status: "COMPLETED" });
      expect(await send(refused, idempotencyKey)).toEqual(answer);
      await checkInvariants(w.db);
    },
    60_000,
  );

  it("a record written before records kept the sent input's hash answers no refused retry", async () => {
    const [, mutation] = [0, MUTATIONS.find((m) => m.name === "createOrder")!] as const;
    const w = await world();
    const { key, input } = await mutation.arrange(w);
    const send = sender(w, mutation, key);
    await send(input, "tightened-before-sent-hash");
    const record = await recordOf(w, mutation.name, "tightened-before-sent-hash");
    await w.db.doc.send(
      new UpdateCommand({
        TableName: w.db.tables.Idempotency,
        Key: { pk: record.pk },
        UpdateExpression: "REMOVE sentHash",
      }),
    );
    expect(codes(await send(refusedToday(mutation, input), "tightened-before-sent-hash"))).toContain("INVALID_INPUT");
  });
});
