import { Kind, type GraphQLResolveInfo, type SelectionNode } from "graphql";

/**
 * Whether the query asks for the field at `path` below the field being resolved, e.g.
 * `asks(info, ["edges", "node", "summary"])` in a connection's resolver. Fragments are followed by
 * name and inline; `@skip` / `@include` are not evaluated, so a field they may drop counts as asked
 * (the answer may be an unneeded read, never a missing field). Aliases do not matter: names do.
 */
export function asks(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, path: readonly string[]): boolean {
  const within = (selections: readonly SelectionNode[], depth: number): boolean =>
    selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value !== path[depth]) return false;
          if (depth === path.length - 1) return true;
          return !!selection.selectionSet && within(selection.selectionSet.selections, depth + 1);
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet.selections, depth);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          return !!fragment && within(fragment.selectionSet.selections, depth);
        }
        default:
          // GraphQL 16 has no other kind of selection; one a later version adds counts as asking.
          return true;
      }
    });
  return info.fieldNodes.some((node) => !!node.selectionSet && within(node.selectionSet.selections, 0));
}
