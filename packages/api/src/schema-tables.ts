import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLUnionType,
  specifiedScalarTypes,
  type GraphQLArgumentConfig,
  type GraphQLEnumValueConfigMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLNullableType,
  type GraphQLOutputType,
  type GraphQLType,
} from "graphql";

/**
 * graphql/schema.graphql as the handler ships it (generated/type-defs.ts, written by
 * codegen/type-defs-plugin.cjs): one row per type, in the SDL's order, with what the schema
 * needs to answer and to introspect (descriptions, default values, deprecations), and no AST.
 * Building the schema from these rows with graphql-js's type constructors costs about half of
 * decoding the document AST and running `buildASTSchema` over it, at every cold start
 * (bench/README.md, cold start). test/schema/schema-tables.test.ts checks that the schema built
 * from them prints and introspects exactly as `buildSchema(sdl)` does, and validates it fully.
 */
export interface SchemaTables {
  description?: string;
  query?: string;
  mutation?: string;
  subscription?: string;
  types: TypeRow[];
}

/** A description, or 0 for none (shorter than null in the packed JSON). */
export type Text = string | 0;
/** A field's or argument's type as SDL spells it: `ID`, `[Order!]!`. */
export type TypeRef = string;
/** An argument or input field; the default value is boxed so that a default of `null` stays one. */
export type ArgumentRow = [
  name: string,
  description: Text,
  type: TypeRef,
  defaultValue?: [unknown] | 0,
  deprecated?: string,
];
/** A field; 0 for no arguments. */
export type FieldRow = [name: string, description: Text, type: TypeRef, args?: ArgumentRow[] | 0, deprecated?: string];
/** An enum value: its name alone when it has neither description nor deprecation. */
export type EnumValueRow = string | [name: string, description: Text, deprecated?: string];
export type TypeRow =
  | [kind: "scalar", name: string, description: Text, specifiedByURL: Text]
  | [kind: "enum", name: string, description: Text, values: EnumValueRow[]]
  | [kind: "input", name: string, description: Text, fields: ArgumentRow[], oneOf: 0 | 1]
  | [kind: "object" | "interface", name: string, description: Text, fields: FieldRow[], interfaces: string[]]
  | [kind: "union", name: string, description: Text, members: string[]];

const text = (value: Text | undefined): string | undefined => (value === 0 ? undefined : value);

/**
 * The schema the rows describe, as `buildASTSchema` builds it from the SDL (same types, order,
 * descriptions and defaults; custom scalars with graphql-js's default coercion, which the
 * resolver maps replace), without AST nodes and marked valid: the SDL is validated where the
 * rows are made (codegen) and the built schema in the test named above.
 */
export function buildSchemaFromTables(tables: SchemaTables): GraphQLSchema {
  const named = new Map<string, GraphQLNamedType>(specifiedScalarTypes.map((t) => [t.name, t]));
  const refs = new Map<TypeRef, GraphQLType>();
  const typeOf = (ref: TypeRef): GraphQLType => {
    let type = refs.get(ref);
    if (type) return type;
    if (ref.endsWith("!")) type = new GraphQLNonNull(typeOf(ref.slice(0, -1)) as GraphQLNullableType);
    else if (ref.startsWith("[")) type = new GraphQLList(typeOf(ref.slice(1, -1)));
    else type = namedType(ref);
    refs.set(ref, type);
    return type;
  };
  const namedType = (name: string): GraphQLNamedType => {
    const type = named.get(name);
    if (!type) throw new Error(`Schema tables: unknown type ${name}.`);
    return type;
  };
  const argumentMap = (rows: ArgumentRow[]): Record<string, GraphQLArgumentConfig> => {
    const map: Record<string, GraphQLArgumentConfig> = {};
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      map[row[0]] = {
        type: typeOf(row[2]) as GraphQLInputType,
        description: text(row[1]),
        defaultValue: row[3] ? row[3][0] : undefined,
        deprecationReason: row[4],
      };
    }
    return map;
  };
  const fieldMap = (rows: FieldRow[]): GraphQLFieldConfigMap<unknown, unknown> => {
    const map: GraphQLFieldConfigMap<unknown, unknown> = {};
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      map[row[0]] = {
        type: typeOf(row[2]) as GraphQLOutputType,
        description: text(row[1]),
        args: row[3] ? argumentMap(row[3]) : {},
        deprecationReason: row[4],
      };
    }
    return map;
  };
  const enumValues = (rows: EnumValueRow[]): GraphQLEnumValueConfigMap => {
    const map: GraphQLEnumValueConfigMap = {};
    for (const row of rows) {
      if (typeof row === "string") map[row] = {};
      else map[row[0]] = { description: text(row[1]), deprecationReason: row[2] };
    }
    return map;
  };

  // Fields, interfaces and union members are thunks: a type may name one defined further down.
  const types = tables.types.map((row): GraphQLNamedType => {
    const kind = row[0];
    const name = row[1];
    const description = row[2];
    let type: GraphQLNamedType;
    switch (row[0]) {
      case "scalar":
        type = new GraphQLScalarType({ name, description: text(description), specifiedByURL: text(row[3]) });
        break;
      case "enum":
        type = new GraphQLEnumType({ name, description: text(description), values: enumValues(row[3]) });
        break;
      case "input": {
        const fields = row[3];
        const oneOf = row[4];
        type = new GraphQLInputObjectType({
          name,
          description: text(description),
          fields: () => argumentMap(fields),
          isOneOf: oneOf === 1,
        });
        break;
      }
      case "object":
      case "interface": {
        const fields = row[3];
        const interfaces = row[4];
        const config = {
          name,
          description: text(description),
          fields: () => fieldMap(fields),
          interfaces: () => interfaces.map((i) => namedType(i) as GraphQLInterfaceType),
        };
        type = kind === "object" ? new GraphQLObjectType(config) : new GraphQLInterfaceType(config);
        break;
      }
      case "union": {
        const members = row[3];
        type = new GraphQLUnionType({
          name,
          description: text(description),
          types: () => members.map((m) => namedType(m) as GraphQLObjectType),
        });
        break;
      }
      default:
        throw new Error(`Schema tables: unknown kind of type ${String(kind)}.`);
    }
    named.set(name, type);
    return type;
  });
  const root = (name: string | undefined) => (name ? (namedType(name) as GraphQLObjectType) : undefined);
  return new GraphQLSchema({
    description: tables.description,
    query: root(tables.query),
    mutation: root(tables.mutation),
    subscription: root(tables.subscription),
    types,
    assumeValid: true,
  });
}
