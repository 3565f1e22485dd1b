import { GraphQLScalarType, Kind } from "graphql";
import { I18n, Money } from "@seller-ops/core";
import { callerLanguage } from "./language";
import type { Resolvers } from "./generated/resolvers-types";

/**
 * The custom scalars accept any string at the GraphQL layer; their meaning (a real instant, a
 * known currency or country) is checked by the zod schemas, so a bad value becomes a userError
 * naming the field instead of a request-level error.
 */
function stringScalar(name: string, description: string) {
  const asString = (value: unknown) => {
    if (typeof value !== "string") throw new TypeError(`${name} must be a string.`);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: asString,
    parseValue: asString,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw new TypeError(`${name} must be a string.`);
      return ast.value;
    },
  });
}

/**
 * Minor units travel as JSON numbers. Any whole number passes the GraphQL layer so that zod can
 * refuse a negative or a value past 2^53 − 1 as a userError naming the field; a fraction, a string
 * or any other type is a request error, as it was for Int. Going out, anything but a safe integer
 * is an AMOUNT_OVERFLOW error: a rounded amount is never sent.
 */
const minorUnits = new GraphQLScalarType({
  name: "MinorUnits",
  description: "A whole number of minor units, 0 to 2^53 − 1, as a JSON number.",
  serialize(value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      throw new Money.AmountOverflow("answer", typeof value === "number" || typeof value === "bigint" ? value : null);
    return value;
  },
  parseValue(value) {
    if (typeof value !== "number" || !Number.isInteger(value))
      throw new TypeError("MinorUnits must be a whole JSON number.");
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new TypeError("MinorUnits must be a whole number.");
    return Number(ast.value);
  },
});

export const scalarResolvers: Resolvers = {
  MinorUnits: minorUnits,
  DateTime: stringScalar("DateTime", "ISO 8601 instant in UTC."),
  CurrencyCode: stringScalar("CurrencyCode", "ISO 4217 currency code."),
  CountryCode: stringScalar("CountryCode", "ISO 3166-1 alpha-2 country code."),
  Money: {
    // In the reader's language: `CN¥1,234.50` / `¥1,234.50` (language.ts says which).
    formatted: async (money, _args, ctx, info) => I18n.money({ language: await callerLanguage(ctx, info), money }),
  },
};
