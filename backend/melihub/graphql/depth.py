"""strawberry's depth limiter, refusing documents too deep for it to measure instead of failing inside.

``QueryDepthLimiter`` measures by recursing through fragment spreads: a chain of a few hundred
fragments (well within the token limit) exhausts the interpreter's stack, which surfaced as an
INTERNAL_SERVER_ERROR with a logged traceback. Here it is a validation error like any too-deep query.
"""

from __future__ import annotations

from graphql import ASTValidationRule, GraphQLError, ValidationContext
from strawberry.extensions import QueryDepthLimiter


class QueryDepthLimiterSafe(QueryDepthLimiter):
    def __init__(self, max_depth: int) -> None:
        super().__init__(max_depth=max_depth)
        measure = self.validation_rules[0]

        class MeasureOrRefuse(ASTValidationRule):
            # strawberry's rule does all its work in __init__ (it has no visitor methods): wrapping it is enough.
            def __init__(self, context: ValidationContext) -> None:
                super().__init__(context)
                try:
                    measure(context)
                except RecursionError:
                    self.report_error(GraphQLError("the document is nested too deeply to run"))

        self.validation_rules = [MeasureOrRefuse]
