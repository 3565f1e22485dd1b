import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import type { Resolvers } from "../generated/resolvers-types";

/**
 * `JSON`: an object sent as it is. Only event payloads use it, and only going out; an input of
 * this type (none today) would need to be an object.
 */
function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    default:
      return null;
  }
}

const asObject = (value: unknown) => {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError("JSON values here are objects.");
  return value;
};

export const scalarResolvers: Resolvers = {
  JSON: new GraphQLScalarType({
    name: "JSON",
    description: "A JSON object.",
    serialize: asObject,
    parseValue: asObject,
    parseLiteral: (ast) => asObject(literal(ast)),
  }),
};
