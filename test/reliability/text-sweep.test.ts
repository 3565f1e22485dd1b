import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from "graphql";
import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { Errors, Keys, Orders, Webhooks } from "@seller-ops/core";
import * as CaseMutations from "@seller-ops/api/src/cases/mutations";
import * as DepositMutations from "@seller-ops/api/src/deposits/mutations";
import { mutationInput } from "@seller-ops/api/src/mutation";
import * as OrderMutations from "@seller-ops/api/src/orders/mutations";
import * as ReturnMutations from "@seller-ops/api/src/returns/mutations";
import * as SellerMutations from "@seller-ops/api/src/sellers/mutations";
import * as WebhookMutations from "@seller-ops/api/src/webhooks/mutations";

/**
 * Every String and ID field of every mutation's input, found by walking graphql/schema.graphql (input objects and
 * lists, however deep), is parsed by the mutation's own input schema with half a surrogate pair in it, and every
 * identifier also with a zero-width space: each must be refused with INVALID_INPUT naming that field. A refused input
 * writes nothing (the resolvers parse before they read or write; bad-input.test.ts checks that through the handler).
 * A new input field is swept without more code; a new String field must be named below as an identifier or a text.
 */

const NOW = "2026-11-26T10:00:00.000Z";
const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));

/** String fields compared or put in a key, by field name (ID fields always are). */
const IDENTIFIER_STRINGS = new Set([
  "marketplaceOrderId",
  "trackingNumber",
  "idempotencyKey",
  "supportTicketRef",
  "reference",
  "checksum",
  "timeZone",
]);
/** String fields a person writes: a zero-width joiner builds emoji and some scripts' letters, so Cf is kept. */
const FREE_TEXT_STRINGS = new Set([
  "sku",
  "title",
  "carrier",
  "note",
  "reason",
  "claimText",
  "body",
  "description",
  "name",
  "label",
  "url",
]);

/** Each mutation's input schema, found among the exports of the mutation modules (the objects the resolvers use). */
const SPECS: Record<string, z.ZodMiniType> = {
  createApiKey: mutationInput(Keys.CreateInput),
  revokeApiKey: mutationInput(Keys.RevokeInput),
  redeliverWebhookEvent: mutationInput(Webhooks.RedeliverInput),
};
for (const module of [
  CaseMutations,
  DepositMutations,
  OrderMutations,
  ReturnMutations,
  SellerMutations,
  WebhookMutations,
]) {
  for (const [name, spec] of Object.entries(module)) {
    if (spec && typeof spec === "object" && "input" in spec) SPECS[name] = (spec as { input: z.ZodMiniType }).input;
  }
}

type Path = (string | number)[];
interface Site {
  mutation: string;
  path: Path;
  steps: GraphQLInputType[];
  identifier: boolean;
}

function sitesOf(mutation: string, type: GraphQLInputObjectType, path: Path, steps: GraphQLInputType[]): Site[] {
  return Object.values(type.getFields()).flatMap((field): Site[] => {
    let t = getNullableType(field.type);
    const here = [...path, field.name];
    const hereSteps = [...steps, field.type];
    // A list's first item stands for the list.
    while (isListType(t)) {
      here.push(0);
      hereSteps.push(t.ofType);
      t = getNullableType(t.ofType);
    }
    if (isInputObjectType(t)) return sitesOf(mutation, t, here, hereSteps);
    if (!isScalarType(t) || (t.name !== "String" && t.name !== "ID")) return [];
    if (t.name === "String" && IDENTIFIER_STRINGS.has(field.name) === FREE_TEXT_STRINGS.has(field.name)) {
      throw new Error(`${type.name}.${field.name}: name it in IDENTIFIER_STRINGS or FREE_TEXT_STRINGS`);
    }
    return [
      { mutation, path: here, steps: hereSteps, identifier: t.name === "ID" || IDENTIFIER_STRINGS.has(field.name) },
    ];
  });
}

const SITES: Site[] = Object.values(schema.getMutationType()!.getFields()).flatMap((m) =>
  m.args.flatMap((arg) => {
    const t = getNamedType(arg.type);
    return isInputObjectType(t) ? sitesOf(m.name, t, [arg.name], [arg.type]) : [];
  }),
);

/** A plausible value of a type, to build the objects on the way to a field. */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [sample(t.ofType)];
  if (isInputObjectType(t)) {
    const required = Object.values(t.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, sample(f.type)]));
  }
  if (isEnumType(t)) return t.getValues()[0]!.value;
  return t.name === "Int" || t.name === "MinorUnits" ? 1 : t.name === "Boolean" ? true : "sample-1";
}

/** The mutation's arguments with `value` at the site, the objects and lists on the way filled with samples. */
function withValue(site: Site, value: string): Record<string, unknown> {
  const root: Record<string | number, unknown> = {};
  let node = root;
  for (let i = 0; i < site.path.length - 1; i++) {
    const key = site.path[i]!;
    if (node[key] == null) node[key] = sample(site.steps[i]!);
    node = node[key] as Record<string | number, unknown>;
  }
  node[site.path.at(-1)!] = value;
  return root;
}

/** The userErrors the mutation's input schema answers for the site's field. */
function refusalsAt(site: Site, value: string) {
  const arg = site.path[0]!;
  const args = withValue(site, value);
  // importOrders takes its orders as they come and parses each as createOrder's input, refused in its own result.
  const row = site.mutation === "importOrders" && site.path[1] === "orders";
  const parsed = row
    ? Errors.parseInput(Orders.CreateInput, (args[arg] as { orders: unknown[] }).orders[0], {
        now: NOW,
        root: "input.orders.0",
      })
    : Errors.parseInput(SPECS[site.mutation]!, args[arg], { now: NOW, root: String(arg) });
  const where = site.path.join(".");
  return parsed.ok ? [] : parsed.errors.filter((e) => (e.field ?? []).join(".") === where);
}

const name = (s: Site) => `${s.mutation}(${s.path.join(".")})`;

describe("every String and ID field of every mutation input", () => {
  it("has the mutation's input schema to check it (a new mutation is swept too)", () => {
    const missing = [...new Set(SITES.map((s) => s.mutation))].filter((m) => !SPECS[m]);
    expect(missing).toEqual([]);
    expect(SITES.length).toBeGreaterThan(100);
  });

  it("refuses half of a surrogate pair, alone or inside a text, with INVALID_INPUT naming the field", () => {
    const accepted: string[] = [];
    for (const site of SITES) {
      for (const value of ["AE-77\ud800-1", "\udc00AE-778899", "AE-778899\ud83d"]) {
        const errors = refusalsAt(site, value);
        if (!errors.some((e) => e.code === "INVALID_INPUT")) accepted.push(`${name(site)} ${JSON.stringify(value)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("refuses an invisible formatting character in every identifier", () => {
    const accepted: string[] = [];
    for (const site of SITES.filter((s) => s.identifier)) {
      for (const value of ["AE-778899\u200b", "AE-77\u2060-8899", "AE-77\ufeff8899"]) {
        const errors = refusalsAt(site, value);
        if (!errors.some((e) => e.code === "INVALID_INPUT")) accepted.push(`${name(site)} ${JSON.stringify(value)}`);
      }
    }
    expect(accepted).toEqual([]);
  });

  it("keeps zero-width joiners in every free text (emoji, Indic and Arabic scripts are written with them)", () => {
    const refused: string[] = [];
    for (const site of SITES.filter((s) => !s.identifier)) {
      // `url` is a URL: its own rules (an https URL) refuse any text; it is swept for surrogates above.
      if (site.path.at(-1) === "url") continue;
      const errors = refusalsAt(site, "Family 👩\u200d👩\u200d👧 क्\u200dष");
      if (errors.length > 0) refused.push(`${name(site)}: ${errors.map((e) => e.message).join("; ")}`);
    }
    expect(refused).toEqual([]);
  });
});
