import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { Inputs } from "@seller-ops/core";
import { graphql } from "../support/api";
import { makeMarketplace, makeOperator } from "../support/fixtures";
import { world, type World } from "../support/world";

/**
 * An id a query reads by is a key in DynamoDB, which refuses one past its key size (2,048 bytes for a partition
 * key, 1,024 for a sort key) with an error: unchecked, an odd id was a masked INTERNAL_SERVER_ERROR, and three of
 * those in five minutes set off the production alarm (docs/metrics.md), from any key. Every id argument of every
 * query, walked from the schema so a new one is covered, is answered as an id that does not exist: null, an empty
 * page, or the refusal a missing seller gets; a `sellerId` no seller can have is refused as such (BAD_USER_INPUT).
 */

const schema = buildSchema(readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8"));

/** Past the longest id the API issues; past both of DynamoDB's key limits, and past only the sort key's. */
const ODD_IDS = { long: "x".repeat(1_100), huge: "y".repeat(2_100), barely: "z".repeat(Inputs.ID_MAX_LENGTH + 1) };

/** Arguments an id argument needs beside it to be read at all (`sellerId` names the seller of a marketplace id). */
const COMPANIONS: Record<string, Record<string, string>> = {
  "order.sellerId": { marketplaceOrderId: "AE-1" },
};

/** A value for a required argument that is not the one under test. */
function filler(arg: GraphQLArgument, w: World, endpointId: string): string {
  const named = getNamedType(arg.type);
  if (arg.name === "endpointId") return JSON.stringify(endpointId);
  if (arg.name === "sellerId") return JSON.stringify(w.sellerId);
  if (named.name === "ID" || named.name === "String") return JSON.stringify("01J0000000000000000000000");
  throw new Error(`no filler for ${arg.name}: ${named.name}`);
}

/** `{ field(args) { __typename } }` with `odd` as the argument under test (`path`: an argument, or its field). */
function queryFor(field: GraphQLField<unknown, unknown>, path: string[], odd: string, w: World, endpointId: string) {
  const [arg, inner] = path as [string, string?];
  const args: Record<string, string> = { [arg]: inner ? `{ ${inner}: ${JSON.stringify(odd)} }` : JSON.stringify(odd) };
  for (const [name, value] of Object.entries(COMPANIONS[`${field.name}.${arg}`] ?? {}))
    args[name] = JSON.stringify(value);
  for (const other of field.args)
    if (!(other.name in args) && isNonNullType(other.type)) args[other.name] = filler(other, w, endpointId);
  const list = Object.entries(args).map(([name, value]) => `${name}: ${value}`);
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `{ ${field.name}(${list.join(", ")})${selection} }`;
}

/** Every query argument that is an id, or an input object's field that is one: the query reads by it. */
function idArguments(): [GraphQLField<unknown, unknown>, string[]][] {
  const pairs: [GraphQLField<unknown, unknown>, string[]][] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (named.name === "ID") pairs.push([field, [arg.name]]);
      if (isInputObjectType(named))
        for (const inner of Object.values(named.getFields()))
          if (getNamedType(inner.type).name === "ID") pairs.push([field, [arg.name, inner.name]]);
    }
  }
  return pairs;
}

describe("ids no object can have, in query arguments", () => {
  let w: World;
  let keys: [string, string][];
  let endpointId: string;
  beforeAll(async () => {
    w = await world(undefined, { tables: "shared" });
    keys = [
      ["seller", w.key],
      ["partner", w.partner],
      ["marketplace", w.marketplace],
      ["all-sellers marketplace", await makeMarketplace("ALL")],
      ["operator", await makeOperator()],
    ];
    // An endpoint of the seller's, so that an odd event id is read against one that exists.
    const registered = await graphql(
      w.api,
      `mutation($input: RegisterWebhookEndpointInput!) {
        registerWebhookEndpoint(input: $input) { webhookEndpoint { id } userErrors { code } } }`,
      { key: w.key, variables: { input: { url: "https://hooks.example.com/odd-ids", eventTypes: ["ORDER_SHIPPED"] } } },
    );
    expect(registered.body.data.registerWebhookEndpoint.userErrors).toEqual([]);
    endpointId = registered.body.data.registerWebhookEndpoint.webhookEndpoint.id;
  }, 60_000);

  it("covers the queries that read by id", () => {
    const names = idArguments().map(([field, path]) => `${field.name}.${path.join(".")}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "order.id",
        "order.sellerId",
        "sellerRisk.sellerId",
        "webhookDeliveries.endpointId",
        "webhookDeliveries.eventId",
        "case.id",
        "deposit.id",
        "seller.id",
        "cases.filter.orderId",
      ]),
    );
  });

  it("are answered as ids that do not exist, never as an internal error, for every key", async () => {
    const internal: string[] = [];
    for (const [field, path] of idArguments()) {
      const arg = path.join(".");
      for (const [size, odd] of Object.entries(ODD_IDS)) {
        const query = queryFor(field, path, odd, w, endpointId);
        for (const [who, key] of keys) {
          const answer = await graphql(w.api, query, { key });
          const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
          // What an id that does not exist gets: nothing found, or a refusal the caller can read.
          if (answer.status >= 500 || codes.some((code) => code !== "FORBIDDEN" && code !== "BAD_USER_INPUT"))
            internal.push(`${who}: ${field.name}(${arg}: <${size}>) -> ${answer.status} ${JSON.stringify(codes)}`);
        }
      }
    }
    expect(internal).toEqual([]);
  }, 120_000);

  it("a well-formed id that does not exist is answered the same way as an odd one", async () => {
    const operator = keys.find(([who]) => who === "operator")![1];
    const answers = async (marketplaceOrderId: string) => {
      const answer = await graphql(
        w.api,
        `{ order(marketplaceOrderId: "${marketplaceOrderId}", sellerId: "${w.sellerId}") { id } }`,
        { key: operator },
      );
      return { data: answer.body.data, codes: (answer.body.errors ?? []).map((e) => e.extensions?.code) };
    };
    expect(await answers(ODD_IDS.huge)).toEqual(await answers("AE-NEVER-SOLD"));
  });

  it("a `sellerId` no seller can have is refused as such; a well-formed one names a seller with nothing", async () => {
    // The seller a request acts for is not an object looked up: an operator's list of an odd seller would be a
    // Query whose key AWS refuses, so the shape is checked first (`actingSellerId`), for every query alike.
    const operator = keys.find(([who]) => who === "operator")![1];
    const answers = async (sellerId: string) => {
      const answer = await graphql(
        w.api,
        `{ order(marketplaceOrderId: "AE-1", sellerId: "${sellerId}") { id }
           orders(sellerId: "${sellerId}") { edges { cursor } } }`,
        { key: operator },
      );
      return { data: answer.body.data, codes: (answer.body.errors ?? []).map((e) => e.extensions?.code) };
    };
    expect(await answers("sel_01J0000000000000000000000")).toEqual({
      data: { order: null, orders: { edges: [] } },
      codes: [],
    });
    expect(await answers(ODD_IDS.huge)).toEqual({ data: null, codes: ["BAD_USER_INPUT", "BAD_USER_INPUT"] });
    const risk = async (sellerId: string) =>
      (await graphql(w.api, `{ sellerRisk(sellerId: "${sellerId}") { score } }`, { key: operator })).body.errors?.map(
        (e) => e.extensions?.code,
      );
    expect(await risk(ODD_IDS.huge)).toEqual(["BAD_USER_INPUT"]);
  });
});
