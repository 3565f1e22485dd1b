import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { asks } from "../../packages/api/src/selection";

/** What a resolver of the query's first root field sees: its field node and the document's fragments. */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

const SUMMARY = ["edges", "node", "summary"];

describe("asks: whether a query selects a field below the one being resolved", () => {
  it("finds the field by name along the path, through aliases and fragments", () => {
    expect(asks(infoOf("{ timeline { edges { node { id summary } } } }"), SUMMARY)).toBe(true);
    expect(asks(infoOf("{ timeline { e: edges { n: node { line: summary } } } }"), SUMMARY)).toBe(true);
    expect(asks(infoOf("{ timeline { edges { ... on CaseEventEdge { node { summary } } } } }"), SUMMARY)).toBe(true);
    expect(
      asks(infoOf("{ timeline { edges { node { ...Line } } } } fragment Line on CaseEvent { summary }"), SUMMARY),
    ).toBe(true);
    // A field @skip or @include may drop counts as asked: at worst an unneeded read.
    expect(asks(infoOf("{ timeline { edges { node { summary @include(if: false) } } } }"), SUMMARY)).toBe(true);
  });

  it("says no when the field is not on that path", () => {
    expect(asks(infoOf("{ timeline { edges { node { id body } } } }"), SUMMARY)).toBe(false);
    expect(asks(infoOf("{ timeline { pageInfo { hasNextPage } } }"), SUMMARY)).toBe(false);
    expect(asks(infoOf("{ timeline { edges { summary } } }"), SUMMARY)).toBe(false);
    expect(asks(infoOf("{ timeline { edges { node { ...Missing } } } }"), SUMMARY)).toBe(false);
  });
});
