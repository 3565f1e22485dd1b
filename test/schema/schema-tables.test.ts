/**
 * The handler builds its schema from schema tables (packages/api/src/schema-tables.ts, written by
 * codegen from graphql/schema.graphql) and skips graphql-js's validation of it at each cold start.
 * These checks are why that loses nothing: the schema it builds is the SDL's, exactly (printed and
 * introspected as `buildSchema(sdl)` makes it: types, their order, descriptions, defaults), and it
 * passes graphql-js's full validation here; the codegen step refuses a schema that does not.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { makeExecutableSchemaFrom } from "@seller-ops/api/src/schema";
import { schemaTables } from "@seller-ops/api/src/generated/type-defs";
import { buildSchemaFromTables, type SchemaTables } from "@seller-ops/api/src/schema-tables";
import {
  buildSchema,
  GraphQLSchema,
  introspectionFromSchema,
  printSchema,
  validateSchema,
  type GraphQLError,
} from "graphql";
import { describe, expect, it } from "vitest";

const sdl = readFileSync(fileURLToPath(new URL("../../graphql/schema.graphql", import.meta.url)), "utf8");
const plugin = createRequire(import.meta.url)("../../packages/api/codegen/type-defs-plugin.cjs") as {
  schemaTables(schema: GraphQLSchema): SchemaTables;
};

/** graphql-js's full validation, which a schema built with `assumeValid` would skip (it caches "no errors"). */
function fullValidation(schema: GraphQLSchema): readonly GraphQLError[] {
  return validateSchema(new GraphQLSchema({ ...schema.toConfig(), assumeValid: false }));
}

describe("the schema the handler builds", () => {
  const fromSdl = buildSchema(sdl);

  it("is graphql/schema.graphql's, exactly: the same SDL printed and the same introspection", () => {
    for (const built of [buildSchemaFromTables(schemaTables), makeExecutableSchemaFrom()]) {
      expect(printSchema(built)).toBe(printSchema(fromSdl));
      expect(introspectionFromSchema(built)).toEqual(introspectionFromSchema(fromSdl));
    }
  });

  it("passes graphql-js's full validation (the handler does not run it at start)", () => {
    expect(fullValidation(makeExecutableSchemaFrom()).map(String)).toEqual([]);
  });

  it("the validation above finds a broken schema (the check can fail)", () => {
    // An order that claims to implement an interface whose field it does not have.
    const broken: SchemaTables = {
      ...schemaTables,
      types: [
        ...schemaTables.types.map((row) =>
          row[0] === "object" && row[1] === "Order" ? ([...row.slice(0, 4), ["Labelled"]] as typeof row) : row,
        ),
        ["interface", "Labelled", "A thing with a label.", [["label", 0, "String!"]], []],
      ],
    };
    expect(fullValidation(buildSchemaFromTables(broken)).map(String)).toEqual([
      expect.stringContaining("Interface field Labelled.label expected but Order does not provide it."),
    ]);
  });

  it("codegen refuses a schema that does not validate, and one with directives the tables do not carry", () => {
    const invalid = buildSchema(`${sdl}\ninterface Labelled { label: String! }\nextend type Order implements Labelled`);
    expect(() => plugin.schemaTables(invalid)).toThrow(/is not valid: Interface field Labelled\.label expected/);
    const directive = buildSchema(`${sdl}\ndirective @internal on FIELD_DEFINITION`);
    expect(() => plugin.schemaTables(directive)).toThrow("Schema tables carry no custom directives: @internal.");
  });
});
