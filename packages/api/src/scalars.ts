import { GraphQLScalarType, Kind } from "graphql";
import { Money } from "@seller-ops/core";
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

export const scalarResolvers: Resolvers = {
  DateTime: stringScalar("DateTime", "ISO 8601 instant in UTC."),
  CurrencyCode: stringScalar("CurrencyCode", "ISO 4217 currency code."),
  CountryCode: stringScalar("CountryCode", "ISO 3166-1 alpha-2 country code."),
  Money: {
    formatted: (money) => Money.format(money),
  },
};
