"""What a GraphQL operation costs, by Shopify's rule: before it runs (requested) and after (actual).

A scalar or enum field costs 0; a field returning an object (interface, union) costs 1 plus its
selection; a top-level mutation field costs 10 plus its selection. A connection (a field whose type's
name ends with ``Connection``) costs 2, plus its ``edges``/``nodes`` selection once per item asked for
(``first``/``last``, else the resolvers' default page) and its other fields once. An edge costs
nothing of its own: it is the same row as its node, which costs 1. A plain list of objects counts its
elements once, not per element (the resolvers bound them). Introspection (``__schema``, ``__type``,
``__typename``) is free: its own depth rule guards it (``melihub.graphql.introspection``).

The requested cost is the worst case, from the validated document with variables and ``@skip`` /
``@include`` applied, fragments and inline fragments counted where they stand. The actual cost walks the
result instead: connections count the items returned, null objects cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLIncludeDirective,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    OperationType,
    SelectionNode,
    SelectionSetNode,
    get_argument_values,
    get_directive_values,
    get_named_type,
    get_operation_ast,
    get_variable_values,
    is_leaf_type,
)
from graphql.execution.values import VariableValues

from melihub.graphql.pagination import DEFAULT_PAGE

OBJECT_COST = 1
CONNECTION_COST = 2
MUTATION_COST = 10
FREE_FIELDS = frozenset({"__schema", "__type", "__typename"})
PAGED_FIELDS = frozenset({"edges", "nodes"})

# Stands for "the result is not known yet": cost the worst case.
_WORST_CASE: Any = object()


def requested_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: dict[str, Any] | None = None,
    default_page: int = DEFAULT_PAGE,
) -> int:
    """The cost of the operation if every connection returns as many items as it may."""
    return _cost(schema, document, operation_name, variables, _WORST_CASE, default_page)


def actual_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    data: dict[str, Any] | None,
) -> int:
    """The cost of what the operation returned (``data`` of its result)."""
    return _cost(schema, document, operation_name, variables, data or {}, DEFAULT_PAGE)


def _cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    data: Any,
    default_page: int,
) -> int:
    operation = get_operation_ast(document, operation_name)
    root = schema.get_root_type(operation.operation) if operation else None
    if operation is None or root is None:
        return 0  # execution reports the missing or ambiguous operation
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables or {})
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    walk = _Walk(
        schema,
        fragments,
        coerced if isinstance(coerced, VariableValues) else None,
        default_page,
        mutation=operation.operation is OperationType.MUTATION,
    )
    return walk.selection(operation.selection_set, root, data, None)


def _value_at(data: Any, node: FieldNode) -> Any:
    return data.get((node.alias or node.name).value) if isinstance(data, dict) else None


# A field that may cost (node, its definition, its named type, None), or a fragment (None, None, its type,
# its selection set).
_Entry = tuple[FieldNode | None, GraphQLField | None, GraphQLNamedType, SelectionSetNode | None]


@dataclass
class _Walk:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: VariableValues | None
    default_page: int
    mutation: bool
    # Worst-case costs by (selection set, type, page): a fragment spread in many places is costed once,
    # so fragments fanning out cannot make the walk itself expensive.
    memo: dict[tuple[int, str, int | None], int] = field(default_factory=dict)
    plans: dict[tuple[int, str], list[_Entry]] = field(default_factory=dict)

    def selection(self, selection_set: SelectionSetNode, parent: GraphQLNamedType, data: Any, page: int | None) -> int:
        """``page``: the items asked for when ``parent`` is a connection (its edges/nodes multiply)."""
        key = (id(selection_set), parent.name, page)
        if data is _WORST_CASE and key in self.memo:
            return self.memo[key]
        total = 0
        for node, definition, named, inner in self._plan(selection_set, parent):
            if node is not None and definition is not None:
                total += self._field(node, definition, named, parent, data, page)
            elif inner is not None:
                total += self.selection(inner, named, data, page)
        if data is _WORST_CASE:
            self.memo[key] = total
        return total

    def _plan(self, selection_set: SelectionSetNode, parent: GraphQLNamedType) -> list[_Entry]:
        """The selections that can cost anything, once per selection set and type: leaves cost nothing, so
        walking a result (the actual cost) skips the three quarters of its fields that are scalars."""
        key = (id(selection_set), parent.name)
        known = self.plans.get(key)
        if known is not None:
            return known
        plan: list[_Entry] = []
        top_mutation = self.mutation and parent is self.schema.mutation_type
        fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        for node in selection_set.selections:
            if not self._included(node):
                continue
            if isinstance(node, FieldNode):
                definition = fields.get(node.name.value)
                if node.name.value in FREE_FIELDS or definition is None:
                    continue
                named = get_named_type(definition.type)
                if top_mutation or not (is_leaf_type(named) or node.selection_set is None):
                    plan.append((node, definition, named, None))
                continue
            inner = self._fragment(node, parent)
            if inner is not None:
                plan.append((None, None, inner[1], inner[0].selection_set))
        self.plans[key] = plan
        return plan

    def _field(
        self,
        node: FieldNode,
        definition: GraphQLField,
        named: GraphQLNamedType,
        parent: GraphQLNamedType,
        data: Any,
        page: int | None,
    ) -> int:
        name = node.name.value
        value = data if data is _WORST_CASE else _value_at(data, node)
        connection = named.name.endswith("Connection")
        top_mutation = self.mutation and parent is self.schema.mutation_type
        if is_leaf_type(named) or node.selection_set is None or value is None:
            return MUTATION_COST if top_mutation else 0  # a mutation is charged even when it returns nothing
        own = MUTATION_COST if top_mutation else CONNECTION_COST if connection else OBJECT_COST
        if page is not None and name in PAGED_FIELDS:
            return self._paged(node.selection_set, named, value, page, 0 if name == "edges" else OBJECT_COST)
        if connection:
            return own + self.selection(node.selection_set, named, value, self._page(node, definition))
        if isinstance(value, list):  # a plain list: its elements are counted once
            items = (self.selection(node.selection_set, named, item, None) for item in value if item is not None)
            return own + max(items, default=0)
        return own + self.selection(node.selection_set, named, value, None)

    def _paged(
        self, selection_set: SelectionSetNode, item_type: GraphQLNamedType, value: Any, page: int, own: int
    ) -> int:
        """A connection's edges or nodes: ``page`` times one item, or each item returned."""
        if value is _WORST_CASE:
            return page * (own + self.selection(selection_set, item_type, value, None))
        items = value if isinstance(value, list) else []
        return sum(own + self.selection(selection_set, item_type, item, None) for item in items if item is not None)

    def _page(self, node: FieldNode, definition: GraphQLField) -> int:
        try:
            arguments = get_argument_values(definition, node, self.variables)
        except GraphQLError:
            arguments = {}  # execution reports the bad argument
        sizes = [arguments[name] for name in ("first", "last") if isinstance(arguments.get(name), int)]
        return max(0, *sizes) if sizes else self.default_page

    def _fragment(
        self, node: SelectionNode, parent: GraphQLNamedType
    ) -> tuple[InlineFragmentNode | FragmentDefinitionNode, GraphQLNamedType] | None:
        fragment: InlineFragmentNode | FragmentDefinitionNode | None
        if isinstance(node, FragmentSpreadNode):
            fragment = self.fragments.get(node.name.value)
        else:
            fragment = node if isinstance(node, InlineFragmentNode) else None
        if fragment is None:
            return None
        condition = fragment.type_condition
        on = self.schema.get_type(condition.name.value) if condition else parent
        return (fragment, on) if on is not None else None

    def _included(self, node: SelectionNode) -> bool:
        if not node.directives:
            return True
        try:
            skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
            include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        except GraphQLError:
            return True  # costed as if present; execution reports the bad variable
        return not (skip and skip.get("if") is True) and not (include and include.get("if") is False)
