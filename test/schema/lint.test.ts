/**
 * The schema's house rules, enforced with `@graphql-eslint` through ESLint's own API (no config
 * file, no CLI): descriptions everywhere, naming, the Relay connection shape, and mutation
 * payloads that carry `userErrors`. The example operations in `graphql/operations/` are linted
 * too (named, described with a `#` comment, camelCase variables).
 *
 * A failure prints `file:line:column rule: message` for each problem, so the fix is one click away.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import graphqlPlugin from "@graphql-eslint/eslint-plugin";
import { Linter, type Rule } from "eslint";
import {
  getNamedType,
  GraphQLList,
  GraphQLNonNull,
  isNonNullType,
  isObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const schemaFile = join(root, "graphql/schema.graphql");
const schemaSdl = readFileSync(schemaFile, "utf8");

/** `[UserError!]!`, exactly. */
function isUserErrorList(type: GraphQLType): boolean {
  if (!(type instanceof GraphQLNonNull) || !(type.ofType instanceof GraphQLList)) return false;
  const item = type.ofType.ofType;
  return isNonNullType(item) && getNamedType(item).name === "UserError";
}

/**
 * The API's mutation convention (design/api.md): every mutation returns a non-null object payload
 * named `<Mutation>Payload` with `userErrors: [UserError!]!`. Not a stock rule, so a small local one.
 */
const mutationPayloadRule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: { description: "Every Mutation field returns `<Name>Payload!` with `userErrors: [UserError!]!`." },
    schema: [],
  },
  create(context) {
    const schema = (context.sourceCode.parserServices as { schema?: GraphQLSchema }).schema;
    if (!schema) throw new Error("mutation-payload-user-errors needs the schema (parserOptions.schemaSdl)");
    return {
      'ObjectTypeDefinition[name.value="Mutation"] > FieldDefinition'(node: any) {
        const name: string = node.name.value;
        const field = schema.getMutationType()?.getFields()[name];
        if (!field) return;
        const expected = `${name.charAt(0).toUpperCase()}${name.slice(1)}Payload`;
        const payload = getNamedType(field.type);
        if (!isNonNullType(field.type) || !isObjectType(payload) || payload.name !== expected) {
          context.report({
            node: node.name,
            message:
              `Mutation \`${name}\` must return \`${expected}!\` (an object payload), not ` +
              `\`${String(field.type)}\`.`,
          });
          return;
        }
        const userErrors = payload.getFields().userErrors;
        if (!userErrors || !isUserErrorList(userErrors.type)) {
          context.report({ node: node.name, message: `\`${expected}\` must have \`userErrors: [UserError!]!\`.` });
        }
      },
    };
  },
};

const plugins = {
  "@graphql-eslint": graphqlPlugin as unknown as NonNullable<Linter.Config["plugins"]>[string],
  "seller-ops": { rules: { "mutation-payload-user-errors": mutationPayloadRule } },
};
const languageOptions = { parser: graphqlPlugin.parser as Linter.Parser, parserOptions: { schemaSdl } };

const schemaConfig: Linter.Config[] = [
  {
    files: ["**/*.graphql"],
    plugins,
    languageOptions,
    rules: {
      "@graphql-eslint/require-description": [
        "error",
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      "@graphql-eslint/naming-convention": [
        "error",
        {
          types: "PascalCase",
          FieldDefinition: "camelCase",
          InputValueDefinition: "camelCase",
          Argument: "camelCase",
          DirectiveDefinition: "camelCase",
          EnumValueDefinition: "UPPER_CASE",
        },
      ],
      "@graphql-eslint/relay-connection-types": "error",
      "@graphql-eslint/relay-edge-types": [
        "error",
        { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false },
      ],
      "@graphql-eslint/relay-page-info": "error",
      // Forward pagination only (`first`/`after`): the design allows `last`/`before` "where it makes sense", none does
      // yet.
      "@graphql-eslint/relay-arguments": ["error", { includeBoth: false }],
      "@graphql-eslint/input-name": ["error", { checkInputType: true, caseSensitiveInputType: false }],
      "@graphql-eslint/no-hashtag-description": "error",
      "@graphql-eslint/unique-enum-value-names": "error",
      "@graphql-eslint/no-unreachable-types": "error",
      "seller-ops/mutation-payload-user-errors": "error",
    },
  },
];

const operationsConfig: Linter.Config[] = [
  {
    files: ["**/*.graphql"],
    plugins,
    languageOptions,
    rules: {
      "@graphql-eslint/no-anonymous-operations": "error",
      "@graphql-eslint/require-description": ["error", { OperationDefinition: true }],
      "@graphql-eslint/naming-convention": [
        "error",
        { OperationDefinition: "PascalCase", VariableDefinition: "camelCase" },
      ],
      "@graphql-eslint/no-deprecated": "error",
      "@graphql-eslint/lone-executable-definition": "error",
    },
  },
];

function lint(file: string, config: Linter.Config[]): string[] {
  const linter = new Linter({ configType: "flat", cwd: root });
  const messages = linter.verify(readFileSync(file, "utf8"), config, { filename: file });
  return messages.map((m) => `${relative(root, file)}:${m.line}:${m.column} ${m.ruleId ?? "parse"}: ${m.message}`);
}

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".graphql"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

describe("schema lint (graphql/schema.graphql)", () => {
  it(
    "every type, field, argument and enum value is described; names follow the conventions; connections are Relay; " +
      "mutations answer payloads with userErrors",
    () => {
      expect(lint(schemaFile, schemaConfig)).toEqual([]);
    },
  );

  it("the rules do bite: a schema breaking each of them is reported", () => {
    const bad = `
      "Root." type Query { "A." things(first: Int, after: String): ThingConnection! }
      "Root." type Mutation { "Does." doIt(input: DoItInput!): Boolean! "Renames." renameThing(input:
        RenameThingInput!): RenameThingPayload! }
      "In." input DoItInput { "x." x: Int }
      "In." input RenameThingInput { "x." x: Int }
      "Out." type RenameThingPayload { "ok." ok: Boolean! }
      "Page." type ThingConnection { "e." edges: [ThingEdge!]! }
      "Edge." type ThingEdge { "n." node: thing! }
      type thing { bad_name: String "v." kind: Kind }
      "K." enum Kind { lowerValue }
    `;
    const linter = new Linter({ configType: "flat", cwd: root });
    const config: Linter.Config[] = [
      { ...schemaConfig[0]!, languageOptions: { ...languageOptions, parserOptions: { schemaSdl: bad } } },
    ];
    const rules = new Set(linter.verify(bad, config, { filename: join(root, "bad.graphql") }).map((m) => m.ruleId));
    expect([...rules].sort()).toEqual(
      expect.arrayContaining([
        "@graphql-eslint/naming-convention",
        "@graphql-eslint/relay-connection-types",
        "@graphql-eslint/relay-edge-types",
        "@graphql-eslint/require-description",
        "seller-ops/mutation-payload-user-errors",
      ]),
    );
  });
});

describe("example operations lint (graphql/operations/)", () => {
  const files = graphqlFiles(join(root, "graphql/operations"));

  it("there are example operations", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("the rules do bite: an undescribed, anonymous or badly named operation is reported", () => {
    const linter = new Linter({ configType: "flat", cwd: root });
    const check = (text: string) =>
      linter
        .verify(text, operationsConfig, { filename: join(root, "graphql/operations/bad.graphql") })
        .map((m) => m.ruleId);
    expect(check("query { lateOrders { edges { cursor } } }")).toEqual(
      expect.arrayContaining(["@graphql-eslint/no-anonymous-operations", "@graphql-eslint/require-description"]),
    );
    expect(
      check("# Described.\nquery late_orders($First: Int) { lateOrders(first: $First) { edges { cursor } } }"),
    ).toEqual(["@graphql-eslint/naming-convention", "@graphql-eslint/naming-convention"]);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    "%s: named, described, camelCase variables, nothing deprecated",
    (_, file) => {
      expect(lint(file, operationsConfig)).toEqual([]);
    },
  );
});
