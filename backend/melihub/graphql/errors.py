"""Errors clients can act on carry a ``code`` in ``extensions``; anything else is masked."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from melihub.accounts.principal import AuthError
from melihub.errors import DomainError


class AppError(GraphQLError):
    """An error safe to show, with a machine-readable code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND…)."""

    def __init__(self, message: str, code: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": code, **extensions})


@strawberry.type(description="A problem with the input of a mutation; nothing was changed.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault, when there is one.")
    message: str
    code: str


def _is_safe(error: GraphQLError) -> bool:
    original = error.original_error
    # graphql-core raises GraphQLError for coercion problems: messages about the query, safe to show.
    return original is None or isinstance(original, GraphQLError | AuthError)


class CodedMaskErrors(MaskErrors):
    """Mask unexpected exceptions (no stack traces or internals leak), code the rest."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not _is_safe(error), error_message="Internal server error")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        return GraphQLError(
            self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR"},
        )

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            extensions = error.extensions or {}
            if "code" in extensions:
                continue
            original = error.original_error
            if isinstance(original, AuthError):
                code = original.code
            elif original is None:
                syntax = error.message.startswith("Syntax Error")
                code = "GRAPHQL_PARSE_FAILED" if syntax else "GRAPHQL_VALIDATION_FAILED"
            else:
                code = "BAD_USER_INPUT"
            error.extensions = {**extensions, "code": code}
        return processed


def user_errors(error: DomainError) -> list[UserError]:
    return [UserError(field=error.field, message=str(error), code=error.code)]
