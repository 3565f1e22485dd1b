import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * The same operations with every selection set moved into a named fragment of its own, the way
 * Apollo Client and Relay apps colocate their selections taken to the extreme:
 * `query { orders { edges { node { id } } } }` becomes `query { ...F0 }` with
 * `fragment F0 on Query { orders { ...F1 } }`, `fragment F1 on OrderConnection { edges { ...F2 } }`, …
 * The fields asked for, and so the answer, are the same.
 */
export function withNamedFragments(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const fragments: FragmentDefinitionNode[] = [];

  const spreadOf = (type: GraphQLCompositeType, selectionSet: SelectionSetNode): SelectionSetNode => {
    const name = `F${fragments.length}`;
    const fragment: FragmentDefinitionNode = {
      kind: Kind.FRAGMENT_DEFINITION,
      name: { kind: Kind.NAME, value: name },
      typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type.name } },
      selectionSet: { kind: Kind.SELECTION_SET, selections: [] },
    };
    fragments.push(fragment);
    (fragment as { selectionSet: SelectionSetNode }).selectionSet = rewrite(type, selectionSet);
    return {
      kind: Kind.SELECTION_SET,
      selections: [{ kind: Kind.FRAGMENT_SPREAD, name: { kind: Kind.NAME, value: name } }],
    };
  };

  const rewrite = (type: GraphQLCompositeType, selectionSet: SelectionSetNode): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) return selection;
        const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
        const field = fields[selection.name.value];
        if (!field) throw new Error(`${type.name} has no field ${selection.name.value}`);
        const fieldType = getNamedType(field.type) as GraphQLCompositeType;
        return { ...selection, selectionSet: spreadOf(fieldType, selection.selectionSet) } satisfies FieldNode;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : type;
        return { ...selection, selectionSet: rewrite(on, selection.selectionSet) };
      }
      return selection;
    }),
  });

  const operations = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return definition;
    const root = schema.getRootType(definition.operation);
    if (!root) throw new Error(`the schema has no ${definition.operation} type`);
    return { ...definition, selectionSet: spreadOf(root, definition.selectionSet) };
  });
  return { ...document, definitions: [...operations, ...fragments] };
}
