import { GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { schemaTables } from "./generated/type-defs";
import { buildSchemaFromTables } from "./schema-tables";
import type { Resolvers } from "./generated/resolvers-types";
import { caseResolvers } from "./cases/resolvers";
import { returnResolvers } from "./returns/resolvers";
import { depositResolvers } from "./deposits/resolvers";
import { orderResolvers } from "./orders/resolvers";
import { keyResolvers } from "./keys/resolvers";
import { riskResolvers } from "./risk/resolvers";
import { sellerResolvers } from "./sellers/resolvers";
import { scalarResolvers } from "./scalars";
import { viewerResolvers } from "./viewer/resolvers";
import { webhookResolvers } from "./webhooks/resolvers";
import { userErrorResolvers } from "./language";
import { remedyResolvers } from "./orders/remedy";
import { webhookDeliveryResolvers } from "./webhooks/deliveries";
import { eventResolvers } from "./events/resolvers";

/** Every concept contributes its resolvers; a type defined twice is a bug caught at start. */
const resolverModules: Resolvers[] = [
  scalarResolvers,
  sellerResolvers,
  orderResolvers,
  caseResolvers,
  returnResolvers,
  depositResolvers,
  riskResolvers,
  keyResolvers,
  viewerResolvers,
  webhookResolvers,
  remedyResolvers,
  userErrorResolvers,
  webhookDeliveryResolvers,
  eventResolvers,
];

/**
 * The executable schema: the SDL (the contract) plus the resolver maps. Attached by hand to the
 * built schema to avoid another dependency for what is a dozen lines.
 */
export function makeExecutableSchemaFrom(): GraphQLSchema {
  // The SDL comes parsed, as schema tables (generated/type-defs.ts), and validated where they are made
  // (codegen) and in test/schema/schema-tables.test.ts: parsing and validating it here were most of the
  // module init (bench/README.md, cold start).
  const schema = buildSchemaFromTables(schemaTables);
  for (const module of resolverModules) {
    for (const [typeName, fields] of Object.entries(module)) {
      const type = schema.getType(typeName);
      if (!type) throw new Error(`Resolvers for unknown type ${typeName}.`);
      if (fields instanceof GraphQLScalarType) {
        const scalar = type as GraphQLScalarType;
        scalar.serialize = fields.serialize;
        scalar.parseValue = fields.parseValue;
        scalar.parseLiteral = fields.parseLiteral;
        continue;
      }
      if (!("getFields" in type)) throw new Error(`Type ${typeName} has no fields.`);
      const typeFields = (type as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
      for (const [fieldName, resolve] of Object.entries(fields as Record<string, unknown>)) {
        const field = typeFields[fieldName];
        if (!field) throw new Error(`Resolver for unknown field ${typeName}.${fieldName}.`);
        if (field.resolve) throw new Error(`Field ${typeName}.${fieldName} resolved twice.`);
        field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
}
