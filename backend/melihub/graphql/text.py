"""A NUL character (U+0000) anywhere in an operation's strings is refused before the operation runs.

PostgreSQL's ``text`` and ``jsonb`` cannot hold U+0000: a string carrying one used to reach the
database and fail there as an unexpected error (a masked ``INTERNAL_SERVER_ERROR``; schemathesis found
it with ``createApiToken(name: "\\u0000…")``). No melihub input needs the character, so the operation is
refused with ``BAD_USER_INPUT``, the way a value of the wrong type is, wherever the string is: a literal
in the document (string or block string, argument or default) or a variable, at any depth.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import BREAK, DocumentNode, StringValueNode, Visitor, visit
from strawberry.extensions import SchemaExtension

from melihub.graphql.errors import AppError

NUL = "\x00"


def holds_nul(value: Any) -> bool:
    """Whether a decoded JSON value has U+0000 in a string or key (iterative: JSON may nest deeply)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


class _NulLiteral(Visitor):
    found = False

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> Any:
        if NUL in node.value:
            self.found = True
            return BREAK
        return None


def document_holds_nul(document: DocumentNode) -> bool:
    finder = _NulLiteral()
    visit(document, finder)
    return finder.found


class NulRefusal(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if holds_nul(context.variables) or (document is not None and document_holds_nul(document)):
            raise AppError("text may not contain the NUL character (U+0000)", "BAD_USER_INPUT")
        yield
