"""Introspection may not nest deeper than a standard introspection query needs.

The depth limiter ignores ``__schema``/``__type`` (tools' queries nest deeply), so these rules bound
them instead. graphql-core's port of graphql-js's ``MaxIntrospectionDepthRule`` refuses a third nested
``fields``/``interfaces``/``possibleTypes``/``inputFields`` (each multiplies the answer by a list). It
does not count ``ofType``, which does not multiply but was answered 40 deep; the standard query
(GraphiQL, graphql-codegen: ``graphql.get_introspection_query()``) chains it 9 deep, so
``MaxOfTypeDepthRule`` refuses a chain longer than 10.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    ASTValidationRule,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    SelectionSetNode,
    ValidationContext,
    VisitorAction,
)
from graphql.language import SKIP
from graphql.validation import MaxIntrospectionDepthRule, specified_rules

MAX_OF_TYPE_DEPTH = 10
INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


class MaxOfTypeDepthRule(ASTValidationRule):
    """Refuses an introspection selection with ``ofType`` nested more than ``MAX_OF_TYPE_DEPTH`` deep."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        # The deepest ofType chain inside each fragment, computed once however often it is spread.
        self._fragment_depths: dict[str, int] = {}

    def enter_field(self, node: FieldNode, *_args: Any) -> VisitorAction:
        if node.name.value not in INTROSPECTION_ROOTS or node.selection_set is None:
            return None
        try:
            too_deep = self._depth(node.selection_set) > MAX_OF_TYPE_DEPTH
        except RecursionError:
            too_deep = True
        if too_deep:
            self.report_error(GraphQLError("Maximum introspection depth exceeded (ofType nested too deeply)", [node]))
            return SKIP
        return None

    def _depth(self, selection_set: SelectionSetNode) -> int:
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = self._depth(selection.selection_set) if selection.selection_set else 0
                deepest = max(deepest, inner + (selection.name.value == "ofType"))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self._depth(selection.selection_set))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, self._fragment_depth(selection.name.value))
        return deepest

    def _fragment_depth(self, name: str) -> int:
        if name not in self._fragment_depths:
            fragment = self.context.get_fragment(name)
            # 0 while in progress: a fragment cycle is NoFragmentCyclesRule's to report, not ours to loop on.
            self._fragment_depths[name] = 0
            self._fragment_depths[name] = self._depth(fragment.selection_set) if fragment else 0
        return self._fragment_depths[name]


# graphql-core 3.3 already validates with MaxIntrospectionDepthRule (a "recommended" rule among its
# specified ones); added here only if a version stops doing so, since running it twice reports twice.
INTROSPECTION_RULES: list[type[ASTValidationRule]] = [
    rule for rule in (MaxIntrospectionDepthRule, MaxOfTypeDepthRule) if rule not in specified_rules
]
