import fc from "fast-check";
import {
  coerceInputValue,
  getNullableType,
  GraphQLNonNull,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import { Errors, Inputs, Keys, Orders, Webhooks } from "@seller-ops/core";
import { createDocumentClient, type Db } from "@seller-ops/db";
import * as CaseMutations from "@seller-ops/api/src/cases/mutations";
import * as DepositMutations from "@seller-ops/api/src/deposits/mutations";
import { mutationInput } from "@seller-ops/api/src/mutation";
import * as OrderMutations from "@seller-ops/api/src/orders/mutations";
import * as ReturnMutations from "@seller-ops/api/src/returns/mutations";
import * as SellerMutations from "@seller-ops/api/src/sellers/mutations";
import * as WebhookMutations from "@seller-ops/api/src/webhooks/mutations";
import { makeExecutableSchemaFrom } from "@seller-ops/api/src/schema";
import { createGraphqlHandler } from "@seller-ops/functions/src/graphql";
import { parse } from "../support/api";
import { httpEvent, lambdaContext } from "../support/events";
import { scanTable } from "../support/scan";
import { world, type World } from "../support/world";
import { MUTATIONS, type MutationCase } from "./catalog";

/**
 * Invalid input, generated: for every mutation of the catalog, fast-check derives inputs from the
 * GraphQL input type (every field, present or not, nested objects and lists) and breaks them —
 * wrong JSON types, floats for money, out-of-range numbers, unknown enum values, empty and 100 kB
 * strings, lone surrogates, RTL and zero-width marks, emoji, NUL, missing required fields, extra
 * fields, nested garbage. Each input is classified by the service's own rules before it is sent:
 * the executable schema's variable coercion (a request error, HTTP 400) and then the mutation's
 * zod schema (a userError). Inputs both accept are valid and dropped, so every input sent is
 * invalid. Each goes through the real Lambda handler; every answer must be the predicted
 * rejection naming the field, never an internal error or a 5xx, and nothing may be written: not
 * an item, not an idempotency record (no write command per batch, and every table unchanged).
 *
 * Then inputs both schemas accept but whose ids name nothing (unicode edge cases, key separators,
 * empty strings where the schema allows them): refused, never internal, tables unchanged.
 * A fixed seed by default, so the suite never changes its mind from one run to the next; FC_SEED=<seed> explores
 * others (a failure prints its seed, to replay it).
 */

const FC_SEED = Number(process.env.FC_SEED ?? 20261201);

const TOTAL_TARGET = 10_000;
const BATCH = 20;
const BATCHES = Math.ceil(TOTAL_TARGET / MUTATIONS.length / BATCH) + 1;

const schema = makeExecutableSchemaFrom();

/** The zod schema each mutation parses its input with (the same objects the resolvers use). */
const ZOD: Record<string, z.ZodMiniType> = {
  createOrder: OrderMutations.createOrder.input,
  importOrders: OrderMutations.importOrders.input,
  markOrderShipped: OrderMutations.markOrderShipped.input,
  markOrderDelivered: OrderMutations.markOrderDelivered.input,
  expediteOrder: OrderMutations.expediteOrder.input,
  cancelOrder: OrderMutations.cancelOrder.input,
  recordShippingIncident: OrderMutations.recordShippingIncident.input,
  reportInvalidTracking: OrderMutations.reportInvalidTracking.input,
  withdrawInvalidTrackingReport: OrderMutations.withdrawInvalidTrackingReport.input,
  openCase: CaseMutations.openCase.input,
  postCaseMessage: CaseMutations.postCaseMessage.input,
  recordRemedy: CaseMutations.recordRemedy.input,
  makeCompensationOffer: CaseMutations.makeCompensationOffer.input,
  respondToCompensationOffer: CaseMutations.respondToCompensationOffer.input,
  withdrawCompensationOffer: CaseMutations.withdrawCompensationOffer.input,
  escalateCase: CaseMutations.escalateCase.input,
  resolveCase: CaseMutations.resolveCase.input,
  closeCase: CaseMutations.closeCase.input,
  shipReturn: ReturnMutations.shipReturn.input,
  confirmReturnReceived: ReturnMutations.confirmReturnReceived.input,
  refundReturn: ReturnMutations.refundReturn.input,
  shipReplacement: ReturnMutations.shipReplacement.input,
  cancelReturn: ReturnMutations.cancelReturn.input,
  submitCaseEvidence: CaseMutations.submitCaseEvidence.input,
  recordDeposit: DepositMutations.recordDeposit.input,
  recordViolation: DepositMutations.recordViolation.input,
  voidViolation: DepositMutations.voidViolation.input,
  applyForDepositRefund: DepositMutations.applyForDepositRefund.input,
  decideDepositRefund: DepositMutations.decideDepositRefund.input,
  // The key specs are private to their resolver module; they are built the same way.
  createApiKey: mutationInput(Keys.CreateInput),
  revokeApiKey: mutationInput(Keys.RevokeInput),
  createSeller: SellerMutations.createSeller.input,
  registerWebhookEndpoint: WebhookMutations.registerWebhookEndpoint.input,
  rotateWebhookSecret: WebhookMutations.rotateWebhookSecret.input,
  disableWebhookEndpoint: WebhookMutations.disableWebhookEndpoint.input,
  enableWebhookEndpoint: WebhookMutations.enableWebhookEndpoint.input,
  updateWebhookEndpoint: WebhookMutations.updateWebhookEndpoint.input,
  deleteWebhookEndpoint: WebhookMutations.deleteWebhookEndpoint.input,
  setSellerLanguage: SellerMutations.setSellerLanguage.input,
  redeliverWebhookEvent: mutationInput(Webhooks.RedeliverInput),
};

/**
 * ID fields that name a new object rather than an existing one: any id their zod schema accepts is a valid input, not
 * an unknown reference.
 */
const NEW_IDS: Record<string, string[]> = { createSeller: ["id"] };

type Path = (string | number)[];

/** What the service must answer, predicted from its own schemas. */
type Expectation =
  | { kind: "valid" }
  /** Variable coercion fails: HTTP 400, BAD_USER_INPUT errors naming each path. */
  | { kind: "request"; errors: { path: Path; reason: string }[] }
  /** zod refuses: the payload's userErrors name exactly these fields. */
  | { kind: "userErrors"; fields: Path[] }
  /** importOrders: the batch is accepted, every order is rejected with these fields. */
  | { kind: "rows"; rows: Path[][] };

interface Generated {
  input: unknown;
  site: Path;
  how: string;
  expect: Expectation;
}

const printPath = (path: Path) => path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");

/** Classifies one input the way the service will see it: after a JSON round trip, coercion, then zod. */
function classify(mutation: string, type: GraphQLInputObjectType, raw: unknown): Expectation {
  const input = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
  const errors: { path: Path; reason: string }[] = [];
  const coerced = coerceInputValue(input, new GraphQLNonNull(type), (path, _value, error) =>
    errors.push({ path: [...path], reason: error.message }),
  );
  if (errors.length > 0) return { kind: "request", errors };
  const parsed = ZOD[mutation]!.safeParse(coerced);
  if (!parsed.success)
    return { kind: "userErrors", fields: parsed.error.issues.map((i) => ["input", ...(i.path as Path)]) };
  if (mutation === "importOrders") {
    const rows = (parsed.data as { orders: unknown[] }).orders.map((order, index) => {
      const row = Orders.CreateInput.safeParse(order);
      return row.success ? null : row.error.issues.map((i) => ["input", "orders", index, ...(i.path as Path)]);
    });
    if (rows.every((r) => r !== null)) return { kind: "rows", rows: rows as Path[][] };
  }
  return { kind: "valid" };
}

// ---------------------------------------------------------------------------------------------
// Generators: broken values by GraphQL type.

const HUGE = "x".repeat(100_000);
const EDGE_STRINGS = [
  "",
  " ",
  "\t\n \r",
  HUGE,
  "x".repeat(65),
  "x".repeat(92),
  "x".repeat(129),
  "x".repeat(201),
  "x".repeat(257),
  "x".repeat(1_025),
  "x".repeat(2_001),
  "x".repeat(5_001),
  "\uD800",
  "a\uDC00b",
  "\uDBFF\uDBFF",
  "\u200F\u202E",
  "\u200B",
  "\u200B\u200D\u2060",
  "\u0000",
  "a\u0000b",
  "\uFEFF",
  "\u2028\u2029",
  "👩‍👩‍👧‍👦",
  "🙂".repeat(40),
  "e\u0301\u0301\u0301",
  "مرحبا\u200F",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, sent as written
  "${jndi:ldap://x}",
  // dates
  "2026-02-30T00:00:00Z",
  "2026-11-26",
  "2026-11-26T09:00:00",
  "26/11/2026",
  "2026-13-01T00:00:00Z",
  "2026-11-26T25:00:00Z",
  "+275760-09-13T00:00:00Z",
  "2026-11-26T09:00:00.1234567890Z",
  "2026-11-26T09:00:00Z\u200B",
  "yesterday",
  // currencies, countries
  "usd",
  "US",
  "USDD",
  "XYZ",
  "€",
  "ＵＳＤ",
  "USA",
  "us",
  "ZZ",
  "ＵＳ",
  // idempotency keys, checksums, references, tracking numbers
  "short",
  "has space 1234",
  "key-🙂-12345",
  "key\u0000-12345",
  "A".repeat(64),
  "a".repeat(63),
  "g".repeat(64),
  "javascript:alert(1)",
  "http://files.example.com/a.pdf",
  "/etc/passwd",
  "ftp://files.example.com/a.pdf",
  "https://",
  "a\u0001b",
  "JD 0001",
  "JD#0001",
  "abc",
];
const WEIRD_UNIT = fc.constantFrom(
  "\uD800",
  "\uDFFF",
  "\u200F",
  "\u202E",
  "\u200B",
  "\u0000",
  "🙂",
  "e",
  "\u0301",
  " ",
  "\uFEFF",
  "\n",
);
const badString = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: WEIRD_UNIT, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) },
);
const notAString = fc.constantFrom<unknown>(1, 0, -1, 1.5, true, false, {}, [], ["a"], { value: "a" });
const badInt = fc.oneof(
  fc.constantFrom<unknown>(
    1.5,
    19.99,
    0.1,
    -0.5,
    1e-7,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    1e21,
    -1,
    -(2 ** 31),
    0,
    2_000_000_001,
    10_001,
    101,
    25,
    61,
    -0.0001,
  ),
  fc.constantFrom<unknown>("12", "", "1.5", true, false, {}, [], [1], "１２"),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
);
const badBoolean = fc.constantFrom<unknown>("true", "false", 1, 0, "", "yes", [], {}, [true]);
const nestedGarbage = fc.jsonValue({ maxDepth: 4 });
const EXTRA_NAMES = [
  "foo",
  "__proto__",
  "constructor",
  "toString",
  "",
  " ",
  "amountMinor ",
  "ID",
  "idempotencykey",
  "name\u200B",
  "🙂",
  "$where",
  "a.b",
];

function badEnum(values: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>("UNKNOWN", "", " ", "🙂", "null", 1, true, {}, [values[0]]),
    fc.constantFrom(...values).map((v) => v.toLowerCase()),
    fc.constantFrom(...values).map((v) => `${v}\u200B`),
    fc.constantFrom(...values).map((v) => ` ${v}`),
    fc.constantFrom(...values).map((v) => v.replace(/_/g, "-")),
  );
}

/** A plausible valid value of a type, to fill an absent object before breaking something inside it. */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [sample(t.ofType)];
  if (isInputObjectType(t)) {
    return Object.fromEntries(
      Object.values(t.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  if (isEnumType(t)) return t.getValues()[0]!.value;
  switch (t.name) {
    case "Int":
    case "MinorUnits":
      return 1;
    case "Boolean":
      return true;
    case "DateTime":
      return "2026-11-20T00:00:00Z";
    case "CurrencyCode":
      return "USD";
    case "CountryCode":
      return "US";
    default:
      return "sample";
  }
}

/** Broken values for a field of this type (the field itself, not its children). */
function brokenValue(type: GraphQLInputType): fc.Arbitrary<{ how: string; value: unknown }> {
  const t = getNullableType(type);
  const tag = (how: string) => (a: fc.Arbitrary<unknown>) => a.map((value) => ({ how, value }));
  const common = [tag("null")(fc.constant(null)), tag("nested garbage")(nestedGarbage)];
  if (isListType(t)) {
    const item = sample(t.ofType);
    return fc.oneof(
      ...common,
      tag("list")(fc.constantFrom<unknown>([], [null], ["x"], [[item]], {}, "x", 1)),
      tag("too many items")(fc.constantFrom(21, 101).map((n) => Array.from({ length: n }, () => item))),
      brokenValue(t.ofType).map(({ how, value }) => ({ how: `list of ${how}`, value: [value] })),
    );
  }
  if (isInputObjectType(t)) {
    const valid = sample(t) as Record<string, unknown>;
    return fc.oneof(
      ...common,
      tag("not an object")(fc.constantFrom<unknown>("x", 1, 1.5, true, [], [valid], "{}")),
      tag("empty object")(fc.constant({})),
      tag("extra field")(fc.constantFrom(...EXTRA_NAMES).map((name) => withField({ ...valid }, name, 1))),
    );
  }
  if (isEnumType(t)) return fc.oneof(...common, tag("unknown enum value")(badEnum(t.getValues().map((v) => v.name))));
  if (isScalarType(t)) {
    switch (t.name) {
      case "Int":
      case "MinorUnits":
        return fc.oneof(...common, tag("bad number")(badInt));
      case "Boolean":
        return fc.oneof(...common, tag("not a boolean")(badBoolean));
      default:
        return fc.oneof(
          { weight: 1, arbitrary: fc.oneof(...common) },
          { weight: 1, arbitrary: tag("not a string")(notAString) },
          { weight: 6, arbitrary: tag("bad string")(badString) },
        );
    }
  }
  throw new Error(`No generator for ${String(type)}`);
}

/** Sets an own enumerable property, even one named `__proto__`. */
function withField(target: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

interface Site {
  /** Path of the field inside `input`. */
  path: Path;
  /** The type of the value at each prefix of the path: `steps[i]` is the type at `path[0..i]`. */
  steps: GraphQLInputType[];
}

/**
 * Every field of the input type, present in the base input or not, with nested objects and first list items, 3 levels
 * deep.
 */
function sitesOf(type: GraphQLInputObjectType, path: Path = [], steps: GraphQLInputType[] = [], depth = 0): Site[] {
  const out: Site[] = [];
  for (const field of Object.values(type.getFields())) {
    const here = [...path, field.name];
    const hereSteps = [...steps, field.type];
    out.push({ path: here, steps: hereSteps });
    if (depth >= 2) continue;
    const t = getNullableType(field.type);
    if (isInputObjectType(t)) out.push(...sitesOf(t, here, hereSteps, depth + 1));
    if (isListType(t) && isInputObjectType(getNullableType(t.ofType))) {
      out.push(
        ...sitesOf(
          getNullableType(t.ofType) as GraphQLInputObjectType,
          [...here, 0],
          [...hereSteps, t.ofType],
          depth + 1,
        ),
      );
    }
  }
  return out;
}

/** A deep copy of `base` with the field at the site changed; absent objects on the way are filled with samples. */
function change(base: unknown, site: Site, edit: (parent: Record<string, unknown>, key: string) => void): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let node = root as Record<string | number, unknown>;
  for (let i = 0; i < site.path.length - 1; i++) {
    const key = site.path[i]!;
    if (node[key] === null || typeof node[key] !== "object") node[key] = sample(site.steps[i]!);
    node = node[key] as Record<string | number, unknown>;
  }
  edit(node as Record<string, unknown>, String(site.path[site.path.length - 1]));
  return root;
}

let keyCounter = 0;

/** Invalid inputs for one mutation, built from its valid base input. */
function invalidInputs(
  m: MutationCase,
  type: GraphQLInputObjectType,
  base: Record<string, unknown>,
): fc.Arbitrary<Generated> {
  const sites = sitesOf(type);
  const atSite = fc.constantFrom(...sites).chain((site) =>
    fc.oneof(
      {
        weight: 1,
        arbitrary: fc.constant({ site: site.path, how: "missing", input: change(base, site, (p, k) => delete p[k]) }),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...EXTRA_NAMES).map((name) => ({
          site: site.path.slice(0, -1),
          how: `extra field ${JSON.stringify(name)}`,
          input: change(base, site, (p) => withField(p, name, "x")),
        })),
      },
      {
        weight: 8,
        arbitrary: brokenValue(site.steps[site.steps.length - 1]!).map(({ how, value }) => ({
          site: site.path,
          how,
          input: change(base, site, (p, k) => {
            p[k] = value;
          }),
        })),
      },
    ),
  );
  const wholeInput = fc
    .constantFrom<unknown>("x", 1, true, [], [base], "{}")
    .map((input) => ({ site: [] as Path, how: "input not an object", input }));
  return fc
    .tuple(
      fc.oneof({ weight: 30, arbitrary: atSite }, { weight: 1, arbitrary: wholeInput }),
      fc.integer({ min: 0, max: 9 }),
    )
    .map(([g, dice]) => {
      // Now and then a well-formed idempotency key rides along: validation comes first, so no record may be written.
      let input = g.input;
      if (dice === 0 && input && typeof input === "object" && !Array.isArray(input) && g.site[0] !== "idempotencyKey") {
        input = { ...(input as Record<string, unknown>), idempotencyKey: `bad-input-${m.name}-${++keyCounter}` };
      }
      let expectation = classify(m.name, type, input);
      if (expectation.kind === "rows" && (input as Record<string, unknown>).idempotencyKey) {
        // An import whose every order is rejected is still a well-formed batch, answered with one
        // result per order: with a key, that answer is kept for replays. Send such ones without.
        const { idempotencyKey: _k, ...rest } = input as Record<string, unknown>;
        input = rest;
        expectation = classify(m.name, type, input);
      }
      return { input, site: g.site, how: g.how, expect: expectation };
    })
    .filter((g) => g.expect.kind !== "valid");
}

/**
 * Inputs both schemas accept whose ids name nothing: lone surrogates, NUL, RTL and zero-width
 * marks, emoji, key separators (`#`, `.`) reach DynamoDB as key values. They must be refused
 * (NOT_FOUND or a documented refusal) like any unknown id. Sent without an idempotency key: a
 * refusal of a well-formed request is remembered for replays, which is a write.
 */
function referenceSites(m: MutationCase, type: GraphQLInputObjectType) {
  return sitesOf(type)
    .filter((site) => getNullableType(site.steps[site.steps.length - 1]!).toString() === "ID")
    .filter((site) => !(NEW_IDS[m.name] ?? []).includes(site.path.join(".")));
}

function unknownReferences(
  m: MutationCase,
  type: GraphQLInputObjectType,
  base: Record<string, unknown>,
): fc.Arbitrary<Generated> | null {
  const idSites = referenceSites(m, type);
  if (idSites.length === 0) return null;
  const ids = fc.oneof(
    badString,
    fc.constantFrom(
      "#",
      "a#b",
      "DEPOSIT#x",
      ".",
      "a.",
      ".b",
      "x".repeat(63) + ".",
      "%00",
      "\\u0000",
      "null",
      "undefined",
    ),
  );
  return fc
    .constantFrom(...idSites)
    .chain((site) =>
      ids.map((id) => ({
        site: site.path,
        how: `id ${JSON.stringify(id)}`,
        input: change(base, site, (p, k) => {
          p[k] = id;
        }),
      })),
    )
    .map((g) => ({ ...g, expect: classify(m.name, type, g.input) }))
    .filter((g) => g.expect.kind === "valid");
}

/** The same, at every id site, for the ids most likely to slip through: always tried first. */
function unknownReferenceExamples(
  m: MutationCase,
  type: GraphQLInputObjectType,
  base: Record<string, unknown>,
): Generated[] {
  const idSites = referenceSites(m, type);
  return idSites
    .flatMap((site) =>
      ["", " ", "\uD800", "\u200B", "#", "."].map((id) => ({
        site: site.path,
        how: `id ${JSON.stringify(id)}`,
        input: change(base, site, (p, k) => {
          p[k] = id;
        }),
      })),
    )
    .map((g) => ({ ...g, expect: classify(m.name, type, g.input) }))
    .filter((g) => g.expect.kind === "valid");
}

/**
 * An input that names nothing: refused with userErrors naming input fields, or a documented request error; never
 * internal.
 */
function checkUnknownReference(m: MutationCase, g: Generated, response: Answer) {
  const context =
    `${m.name} ${g.how} at input${printPath(g.site)}\n→ ${response.status} ` +
    `${JSON.stringify(response.body).slice(0, 600)}`;
  expect(response.status, context).toBeLessThan(500);
  if (response.body.errors) {
    for (const error of response.body.errors)
      expect(["FORBIDDEN", "BAD_USER_INPUT"], context).toContain(error.extensions?.code);
    expect(response.body.data?.[m.name] ?? null, context).toBeNull();
    return;
  }
  const payload = response.body.data[m.name];
  if (payload.userErrors.length === 0) {
    throw new Error(
      `${m.name} accepted an input whose ${printPath(g.site).slice(1)} names nothing (${g.how}) and performed ` +
        `it\n${context}`,
    );
  }
  for (const error of payload.userErrors) {
    expect(error.field === null || error.field[0] === "input", context).toBe(true);
    expect(error.message, context).not.toMatch(VALIDATOR_WORDING);
  }
  expectRefusedPayload(payload, context);
}

// ---------------------------------------------------------------------------------------------
// Checking one answer.

type Answer = Awaited<ReturnType<typeof sendRaw>>;

async function sendRaw(api: ReturnType<typeof createGraphqlHandler>, key: string, query: string, input: unknown) {
  const body = JSON.stringify({ query, variables: { input } });
  return parse<any>(
    await api(
      httpEvent({ body, headers: { "content-type": "application/json", authorization: `Bearer ${key}` } }),
      lambdaContext(),
    ),
  );
}

const pathKey = (p: Path) => JSON.stringify(p.map(String));

/**
 * zod's own wording, which tells a person nothing they can act on ("Too small: expected string to have >=1
 * characters").
 */
const VALIDATOR_WORDING = new RegExp(
  [
    "Too (small|big)",
    "Invalid (input|option|string|element|key|union|format)",
    "Unrecognized key",
    "expected \\w+ to (have|be)",
    "received (undefined|null|string|number|object|array|boolean)",
    "[<>]=",
    "^Required$",
  ].join("|"),
);

/** A userError written for a person: a sentence that names the field it is about, without validator wording. */
function expectWrittenForPeople(error: { field: Path | null; message: string }, context: string) {
  expect(error.message, context).not.toMatch(VALIDATOR_WORDING);
  const named = (error.field ?? []).slice(1).filter((p): p is string => typeof p === "string" && !/^\d+$/.test(p));
  // The field, or the words of the schema's own message for it ("The note cannot be empty.").
  if (named.length > 0) {
    const last = named.at(-1)!;
    expect(Errors.mentions(error.message, last), `${context}\nthe message does not name ${last}`).toBe(true);
  }
}

function checkAnswer(m: MutationCase, g: Generated, response: Answer) {
  const context =
    `${m.name} ${g.how} at input${printPath(g.site)}: ${JSON.stringify(g.input)?.slice(0, 300)}\n→ ` +
    `${response.status} ${JSON.stringify(response.body).slice(0, 600)}`;
  expect(response.status, context).toBeLessThan(500);
  for (const error of response.body.errors ?? [])
    expect(error.extensions?.code, context).not.toBe("INTERNAL_SERVER_ERROR");
  const e = g.expect;
  switch (e.kind) {
    case "request": {
      expect(response.status, context).toBe(400);
      const errors = response.body.errors ?? [];
      expect(errors.length, context).toBeGreaterThan(0);
      expect(response.body.data ?? null, context).toBeNull();
      for (const error of errors) {
        expect(error.extensions?.code, context).toBe("BAD_USER_INPUT");
        // Every error names where: the path inside the input, or the field it is about.
        expect(error.message, context).toMatch(/at "input[.[]|Field "[^"]*"|Variable "\$input"/);
      }
      for (const predicted of e.errors) {
        const where =
          predicted.path.length > 0 ? `at "input${printPath(predicted.path)}"` : `Variable "$input" got invalid value`;
        expect(
          errors.some((error) => error.message.includes(where) && error.message.includes(predicted.reason)),
          `${context}\nexpected an error ${where}; ${predicted.reason}`,
        ).toBe(true);
      }
      return;
    }
    case "userErrors": {
      expect(response.status, context).toBe(200);
      expect(response.body.errors, context).toBeUndefined();
      const payload = response.body.data[m.name];
      expectRefusedPayload(payload, context);
      expect(payload.userErrors.length, context).toBeGreaterThan(0);
      for (const error of payload.userErrors) {
        expect(error.code, context).toBe("INVALID_INPUT");
        expect(error.message, context).toMatch(/\S/);
        expect(Array.isArray(error.field) && error.field[0] === "input", context).toBe(true);
        expectWrittenForPeople(error, context);
      }
      expect(new Set(payload.userErrors.map((u: { field: Path }) => pathKey(u.field))), context).toEqual(
        new Set(e.fields.map(pathKey)),
      );
      return;
    }
    case "rows": {
      expect(response.status, context).toBe(200);
      expect(response.body.errors, context).toBeUndefined();
      const payload = response.body.data[m.name];
      expect(payload.userErrors, context).toEqual([]);
      expect(payload.results.length, context).toBe(e.rows.length);
      payload.results.forEach(
        (
          result: { outcome: string; order: unknown; errors: { field: Path; code: string; message: string }[] },
          i: number,
        ) => {
          expect(result.outcome, context).toBe("REJECTED");
          expect(result.order, context).toBeNull();
          expect(new Set(result.errors.map((u) => pathKey(u.field))), context).toEqual(
            new Set(e.rows[i]!.map(pathKey)),
          );
          for (const error of result.errors) expectWrittenForPeople(error, context);
        },
      );
      return;
    }
    case "valid":
      throw new Error("valid inputs are never sent");
  }
}

/** A refusal carries no object: every field besides userErrors is null, an empty list or a zero count. */
function expectRefusedPayload(payload: Record<string, unknown>, context: string) {
  for (const [field, value] of Object.entries(payload)) {
    if (field !== "userErrors")
      expect(
        value === null || value === 0 || (Array.isArray(value) && value.length === 0),
        `${context}\n${field} of a refusal`,
      ).toBe(true);
  }
}

async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = Object.keys(db.tables) as (keyof Db["tables"])[];
  const scans = await Promise.all(
    tables.map(
      async (t) => [t, (await scanTable(db, t)).map((i) => JSON.stringify(i, Object.keys(i).sort())).sort()] as const,
    ),
  );
  return Object.fromEntries(scans);
}

// ---------------------------------------------------------------------------------------------

const WRITES = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "TransactWriteItemsCommand",
  "BatchWriteItemCommand",
]);

/**
 * The world's tables through a client that counts every write command, so a batch that wrote is
 * caught at once. It also remembers the API key lookups (one GetItem on the keys table per
 * request, always the same few keys): ten thousand identical reads would only measure DynamoDB
 * Local, and authentication has its own tests (test/api/auth.test.ts). Everything else goes to
 * DynamoDB as usual.
 */
function watchedDb(db: Db): { db: Db; writes: () => number } {
  const doc = createDocumentClient();
  let writes = 0;
  const keyLookups = new Map<string, Promise<unknown>>();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      if (WRITES.has(name)) writes++;
      const input = args.input as { TableName?: string };
      if (name === "GetItemCommand" && input.TableName === db.tables.ApiKeys) {
        const cacheKey = JSON.stringify(input);
        let lookup = keyLookups.get(cacheKey);
        if (!lookup) {
          lookup = next(args);
          keyLookups.set(cacheKey, lookup);
        }
        const { response, output } = (await lookup) as Awaited<ReturnType<typeof next>>;
        return { response, output: structuredClone(output) };
      }
      return next(args);
    },
    { step: "initialize", name: "badInputWatch" },
  );
  return { db: { doc, tables: db.tables }, writes: () => writes };
}

const counts = { total: 0, request: 0, userErrors: 0, rows: 0, withIdempotencyKey: 0, unknownIds: 0 };
const started = Date.now();
/** One world for every mutation: each arranges its own objects in it, and the tables are compared around each run. */
let shared: Promise<{ w: World; api: ReturnType<typeof createGraphqlHandler>; writes: () => number }> | undefined;
const sharedWorld = () =>
  (shared ??= world().then((w) => {
    const watched = watchedDb(w.db);
    return { w, api: createGraphqlHandler({ db: watched.db, clock: () => w.now }), writes: watched.writes };
  }));

describe("generated invalid input", () => {
  it("every catalog mutation has the zod schema its input is parsed with", () => {
    expect(MUTATIONS.map((m) => m.name).filter((name) => !ZOD[name])).toEqual([]);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    `%s: ${BATCHES * BATCH} invalid inputs, each refused naming the field, none an internal error, nothing written`,
    async (_, m) => {
      const { w, api, writes } = await sharedWorld();
      const arranged = await m.arrange(w);
      const base =
        m.name === "importOrders"
          ? { ...arranged.input, orders: (arranged.input.orders as unknown[]).slice(0, 1) }
          : arranged.input;
      const type = schema.getType(m.inputType) as GraphQLInputObjectType;
      // importOrders reports rejected orders in its results: ask for their errors too.
      const selection =
        m.name === "importOrders" ? `${m.selection} results { index errors { field code message } }` : m.selection;
      const query =
        `mutation($input: ${m.inputType}!) { ${m.name}(input: $input) { ${selection} userErrors { field code ` +
        `message } } }`;
      const before = await snapshot(w.db);

      await fc.assert(
        fc.asyncProperty(
          fc.array(invalidInputs(m, type, base), { minLength: BATCH, maxLength: BATCH }),
          async (batch) => {
            const writesBefore = writes();
            const responses = await Promise.all(batch.map((g) => sendRaw(api, arranged.key, query, g.input)));
            batch.forEach((g, i) => {
              checkAnswer(m, g, responses[i]!);
            });
            expect(writes(), `${m.name}: a batch of invalid inputs wrote to DynamoDB`).toBe(writesBefore);
            counts.total += batch.length;
            for (const g of batch) {
              counts[g.expect.kind as "request" | "userErrors" | "rows"]++;
              if (
                g.input &&
                typeof g.input === "object" &&
                "idempotencyKey" in g.input &&
                g.site[0] !== "idempotencyKey"
              )
                counts.withIdempotencyKey++;
            }
          },
        ),
        { numRuns: BATCHES, seed: FC_SEED },
      );

      // Well-formed inputs whose ids name nothing. A refusal may have tried a conditional write (a
      // transaction whose condition failed), so here the tables are the judge, compared below.
      const unknown = unknownReferences(m, type, base);
      if (unknown) {
        const examples = unknownReferenceExamples(m, type, base);
        await fc.assert(
          fc.asyncProperty(fc.array(unknown, { minLength: 1, maxLength: BATCH }), async (batch) => {
            const responses = await Promise.all(batch.map((g) => sendRaw(api, arranged.key, query, g.input)));
            batch.forEach((g, i) => {
              checkUnknownReference(m, g, responses[i]!);
            });
            counts.unknownIds += batch.length;
          }),
          {
            numRuns: 2,
            examples: examples.length > 0 ? [[examples]] : [],
            seed: FC_SEED,
          },
        );
      }

      expect(await snapshot(w.db), `${m.name}: the tables changed`).toEqual(before);
    },
    120_000,
  );

  it(`generated at least ${TOTAL_TARGET} invalid inputs across all mutations`, () => {
    expect(counts.total).toBeGreaterThanOrEqual(TOTAL_TARGET);
  });

  afterAll(() => {
    console.info(`bad input: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});

/**
 * Requests that are not GraphQL over HTTP at all. Each gets a 4xx with a message a person can
 * read, never a crash or a 5xx, and writes nothing.
 */
describe("malformed HTTP", () => {
  const TEN_MB = 10 * 1024 * 1024;
  const mutation =
    `mutation($input: ExpediteOrderInput!) { expediteOrder(input: ` + `$input) { order { id } userErrors { code } } }`;
  const json = (value: unknown) => JSON.stringify(value);
  const CASES: { name: string; body?: string; contentType?: string | null; base64?: boolean; status?: number }[] = [
    { name: "not JSON", body: "{not json" },
    { name: "truncated JSON", body: '{"query": "mutation($input: ExpediteOrderInput!) { expediteOrder(input: $in' },
    { name: "an empty body", body: "" },
    { name: "no body at all", body: undefined },
    { name: "JSON null", body: "null" },
    { name: "a JSON number", body: "123" },
    { name: "a JSON string", body: json("{ __typename }") },
    { name: "a batch (batching is off)", body: json([{ query: "{ __typename }" }]) },
    { name: "no query", body: json({ variables: { input: {} } }) },
    { name: "a query that is not a string", body: json({ query: 42 }) },
    { name: "variables that are not an object", body: json({ query: mutation, variables: "input" }) },
    { name: "variables as a list", body: json({ query: mutation, variables: [1] }) },
    {
      name: "an unknown operation name",
      body: json({ query: mutation, operationName: "Nope", variables: { input: { orderId: "x" } } }),
    },
    {
      name: "a text/plain content type (CSRF prevention)",
      body: json({ query: mutation, variables: { input: { orderId: "x" } } }),
      contentType: "text/plain",
    },
    {
      name: "a form content type",
      body: `query=${encodeURIComponent(mutation)}`,
      contentType: "application/x-www-form-urlencoded",
    },
    {
      name: "a multipart content type",
      body: '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--b--',
      contentType: "multipart/form-data; boundary=b",
    },
    {
      name: "no content type",
      body: json({ query: mutation, variables: { input: { orderId: "x" } } }),
      contentType: null,
    },
    {
      name: "base64 of bytes that are not UTF-8 JSON",
      body: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28]).toString("base64"),
      base64: true,
    },
    {
      name: "a 10 MB JSON body",
      body: json({ query: mutation, variables: { input: { orderId: "x".repeat(TEN_MB) } } }),
      status: 413,
    },
    { name: "a 10 MB body that is not JSON", body: "{".repeat(TEN_MB), status: 413 },
    { name: "a 10 MB base64 body", body: Buffer.alloc(TEN_MB, "a").toString("base64"), base64: true, status: 413 },
  ];

  it.each(CASES.map((c) => [c.name, c] as const))("%s → a 4xx with a message, nothing written", async (_, c) => {
    const { w, api, writes } = await sharedWorld();
    const headers: Record<string, string> = { authorization: `Bearer ${w.key}` };
    if (c.contentType !== null) headers["content-type"] = c.contentType ?? "application/json";
    const writesBefore = writes();
    const result = await api(httpEvent({ body: c.body, headers, isBase64Encoded: c.base64 }), lambdaContext());
    const response = parse<any>(result);
    const context = `${c.name} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
    if (c.status) expect(response.status, context).toBe(c.status);
    expect(response.status, context).toBeGreaterThanOrEqual(400);
    expect(response.status, context).toBeLessThan(500);
    const message = response.body.errors?.[0]?.message;
    expect(typeof message === "string" && message.trim().length > 10, context).toBe(true);
    expect(message, context).not.toMatch(/\.ts:\d+|node_modules|Internal server error/);
    expect(writes(), context).toBe(writesBefore);
  });
});

/**
 * Control and bidirectional-override characters in an id or a text: refused before anything is
 * looked up or written, and never echoed back (an ESC sequence would recolour the caller's
 * terminal, U+202E show `gpj.exe` as `exe.jpg`). Stored, such an id also went into the
 * DUPLICATE_ORDER message of the next create.
 */
describe("control and bidirectional characters", () => {
  const ORDER = {
    items: [{ sku: "SKU-C", title: "Control test item", quantity: 1 }],
    buyerTotal: { amountMinor: 4000, currency: "USD" },
    settlementAmount: { amountMinor: 26000, currency: "CNY" },
    buyerCountry: "US",
    handlingDays: 3,
  };
  /** The strings of an answer that carry such a character. */
  const echoed = (answer: unknown) => {
    const found: string[] = [];
    JSON.stringify(answer, (_key, value) => {
      if (typeof value === "string" && Inputs.hasControlCharacters(value)) found.push(value);
      return value;
    });
    return found;
  };

  it("createOrder refuses them in the marketplace id, the SKU and the title, writes nothing, echoes none", async () => {
    const { w, api, writes } = await sharedWorld();
    const before = await snapshot(w.db);
    const writesBefore = writes();
    const placedAt = new Date(w.now.getTime() - 3_600_000).toISOString();
    const query =
      "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id marketplaceOrderId } " +
      "userErrors { field code message } } }";
    const bad = {
      ...ORDER,
      placedAt,
      marketplaceOrderId: "AE-1\u0000\n\u001b[31m\u202e",
      items: [{ sku: "S\u0000KU", title: "\u202egpj.exe \u0007", quantity: 1 }],
    };
    // Twice, the second under an idempotency key: the second create of a stored id was a DUPLICATE_ORDER naming it.
    for (const input of [bad, { ...bad, idempotencyKey: `control-${Date.now()}` }]) {
      const response = await sendRaw(api, w.key, query, input);
      const context = JSON.stringify(response.body);
      expect(response.status, context).toBe(200);
      expect(response.body.errors, context).toBeUndefined();
      const payload = response.body.data.createOrder;
      expect(payload.order, context).toBeNull();
      expect(payload.userErrors.map((e: { field: string[]; code: string }) => [e.code, e.field.join(".")])).toEqual([
        ["INVALID_INPUT", "input.marketplaceOrderId"],
        ["INVALID_INPUT", "input.items.0.sku"],
        ["INVALID_INPUT", "input.items.0.title"],
      ]);
      expect(payload.userErrors[0].message).toMatch(/control characters/);
      expect(echoed(response.body), context).toEqual([]);
    }
    // importOrders: the order is rejected, and its marketplace id not echoed.
    const imported = await sendRaw(
      api,
      w.key,
      "mutation($input: ImportOrdersInput!) { importOrders(input: $input) { createdCount " +
        "results { marketplaceOrderId outcome errors { field code } } userErrors { code } } }",
      { orders: [bad] },
    );
    expect(echoed(imported.body)).toEqual([]);
    expect(imported.body.data.importOrders).toMatchObject({
      createdCount: 0,
      results: [{ marketplaceOrderId: null, outcome: "REJECTED" }],
      userErrors: [],
    });
    expect(writes()).toBe(writesBefore);
    expect(await snapshot(w.db)).toEqual(before);
  });

  it("importOrders echoes an over-long id cut between whole characters, and no id with half a character", async () => {
    const { w, api } = await sharedWorld();
    const placedAt = new Date(w.now.getTime() - 3_600_000).toISOString();
    const head = `AE-${"7".repeat(60)}`; // 63 UTF-16 units: the 64th is the first half of the emoji
    const imported = await sendRaw(
      api,
      w.key,
      "mutation($input: ImportOrdersInput!) { importOrders(input: $input) { " +
        "results { marketplaceOrderId outcome errors { field code } } userErrors { code } } }",
      {
        orders: [
          { ...ORDER, placedAt, marketplaceOrderId: `${head}\u{1f4e6}-1` },
          { ...ORDER, placedAt, marketplaceOrderId: "AE-\ud83d-2" },
        ],
      },
    );
    const results = imported.body.data.importOrders.results;
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(["REJECTED", "REJECTED"]);
    expect(results[0].errors).toEqual([
      { field: ["input", "orders", "0", "marketplaceOrderId"], code: "INVALID_INPUT" },
    ]);
    expect(results[0].marketplaceOrderId).toBe(head);
    expect(results[1].marketplaceOrderId).toBeNull();
  });
});
