// Emits the schema for the Lambda bundle, so the handler carries it without reading files at run
// time: graphql/schema.graphql (with every description, which development stages serve through
// introspection) as schema tables, one row per type (packages/api/src/schema-tables.ts describes
// them and builds the schema from them). Parsing the ~95 KB of SDL with graphql-js at every cold
// start was the largest part of the handler's module init; decoding its document AST (~385 KB of
// JSON) and running `buildASTSchema` over it still cost ~20 ms of CPU; building from the tables
// (~124 KB of JSON) costs about half of that (bench/README.md, cold start). The SDL is built and
// fully validated here, so the handler need not validate it again at every cold start. It ships
// Brotli-compressed (base64: ~34 KB in the bundle) and is decompressed once per cold start. Part
// of `npm run codegen`; the drift test regenerates and compares it (Brotli at fixed parameters is
// deterministic).
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { brotliCompressSync, constants } = require("node:zlib");
const graphql = require("graphql");

/** 0 for "none" (see `Text` in schema-tables.ts). */
const text = (value) => (value == null ? 0 : value);

/** Trailing optional entries are left out when they are empty: most arguments have neither. */
function trimmed(row) {
  while (row.length > 3 && (row[row.length - 1] === undefined || row[row.length - 1] === 0)) row.pop();
  return row;
}

function argumentRows(args) {
  return args.map((a) =>
    trimmed([
      a.name,
      text(a.description),
      String(a.type),
      a.defaultValue === undefined ? 0 : [a.defaultValue],
      a.deprecationReason ?? undefined,
    ]),
  );
}

function fieldRows(fields) {
  return Object.values(fields).map((f) =>
    trimmed([
      f.name,
      text(f.description),
      String(f.type),
      f.args.length > 0 ? argumentRows(f.args) : 0,
      f.deprecationReason ?? undefined,
    ]),
  );
}

function typeRow(type) {
  const head = [type.name, text(type.description)];
  if (graphql.isScalarType(type)) return ["scalar", ...head, text(type.specifiedByURL)];
  if (graphql.isEnumType(type)) {
    const values = type.getValues().map((v) => {
      if (v.value !== v.name) throw new Error(`Schema tables: enum value ${type.name}.${v.name} has its own value.`);
      if (v.description == null && v.deprecationReason == null) return v.name;
      return v.deprecationReason == null
        ? [v.name, text(v.description)]
        : [v.name, text(v.description), v.deprecationReason];
    });
    return ["enum", ...head, values];
  }
  if (graphql.isInputObjectType(type))
    return ["input", ...head, argumentRows(Object.values(type.getFields())), type.isOneOf ? 1 : 0];
  if (graphql.isObjectType(type) || graphql.isInterfaceType(type)) {
    const interfaces = type.getInterfaces().map((i) => i.name);
    return [graphql.isObjectType(type) ? "object" : "interface", ...head, fieldRows(type.getFields()), interfaces];
  }
  if (graphql.isUnionType(type)) return ["union", ...head, type.getTypes().map((t) => t.name)];
  throw new Error(`Schema tables: unknown kind of type ${type.name}.`);
}

/** The schema as tables; fails on what the tables cannot carry rather than dropping it. */
function schemaTables(schema) {
  const errors = graphql.validateSchema(schema);
  if (errors.length > 0) throw new Error(`graphql/schema.graphql is not valid: ${errors.map(String).join("; ")}`);
  const custom = schema.getDirectives().filter((d) => !graphql.isSpecifiedDirective(d));
  if (custom.length > 0)
    throw new Error(`Schema tables carry no custom directives: ${custom.map((d) => `@${d.name}`).join(", ")}.`);
  const types = Object.values(schema.getTypeMap()).filter(
    (t) => !graphql.isIntrospectionType(t) && !graphql.isSpecifiedScalarType(t),
  );
  return {
    description: schema.description ?? undefined,
    query: schema.getQueryType()?.name,
    mutation: schema.getMutationType()?.name,
    subscription: schema.getSubscriptionType()?.name,
    types: types.map(typeRow),
  };
}

module.exports = {
  schemaTables,
  plugin(_schema, _documents, config) {
    const sdl = readFileSync(resolve(process.cwd(), config.schemaFile), "utf8");
    const json = JSON.stringify(schemaTables(graphql.buildSchema(sdl)));
    const packed = brotliCompressSync(Buffer.from(json, "utf8"), {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      },
    }).toString("base64");
    return [
      `import { brotliDecompressSync } from "node:zlib";`,
      `import type { SchemaTables } from "../schema-tables";`,
      ``,
      `/** graphql/schema.graphql as schema tables (../schema-tables.ts): JSON, Brotli-compressed, base64-encoded. */`,
      `const packed = ${JSON.stringify(packed)};`,
      ``,
      `export const schemaTables: SchemaTables = JSON.parse(`,
      `  brotliDecompressSync(Buffer.from(packed, "base64")).toString("utf8"),`,
      `);`,
      ``,
    ].join("\n");
  },
};
