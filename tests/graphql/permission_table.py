"""The permissions table of docs/graphql.md, read as data: the one source the doc and its test share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphql import GraphQLSchema, build_schema

from melihub.accounts.models import Role

DOC = Path(__file__).resolve().parents[2] / "docs" / "graphql.md"
ROLES: tuple[str, ...] = tuple(role.value for role in Role)
KINDS = ("query", "mutation", "subscription")
HEADER = ("kind", "field", *ROLES)
OPEN_MARK = "†"  # the field works signed out too
ALLOWED, DENIED = "✓", "\N{EN DASH}"
CELLS = {ALLOWED: True, DENIED: False, "✗": False}


@dataclass(frozen=True)
class Row:
    kind: str
    field: str
    allowed: frozenset[str]  # the roles with ✓
    open: bool

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.field


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _row(cells: list[str], number: int) -> Row:
    kind, field, *marks = cells
    if kind not in KINDS or len(marks) != len(ROLES) or any(mark not in CELLS for mark in marks):
        raise ValueError(f"docs/graphql.md line {number}: not a permissions row: {cells}")
    name = field.replace(OPEN_MARK, "").strip().strip("`")
    allowed = frozenset(role for role, mark in zip(ROLES, marks, strict=True) if CELLS[mark])
    return Row(kind=kind, field=name, allowed=allowed, open=OPEN_MARK in field)


def read_table(text: str | None = None) -> list[Row]:
    """The rows of the table whose header is ``| kind | field | owner | … | integrator |``."""
    lines = (DOC.read_text(encoding="utf-8") if text is None else text).splitlines()
    start = next((i for i, line in enumerate(lines) if tuple(_cells(line)) == HEADER), None)
    if start is None:
        raise ValueError(f"docs/graphql.md has no table headed {' | '.join(HEADER)}")
    rows: list[Row] = []
    # start + 1 is the |---| separator; the table ends at the first line that is not a table row.
    for number, line in enumerate(lines[start + 2 :], start=start + 3):
        if not line.startswith("|"):
            break
        rows.append(_row(_cells(line), number))
    return rows


def served_schema() -> GraphQLSchema:
    """The schema the API serves, rebuilt from its SDL as any client would (not schema.graphql, which may lag)."""
    from melihub.graphql.schema import schema

    return build_schema(schema.as_str())


def root_fields(schema: GraphQLSchema) -> set[tuple[str, str]]:
    """(kind, name) of every root field, ``__typename`` included where GraphQL allows it at the root."""
    roots = {"query": schema.query_type, "mutation": schema.mutation_type, "subscription": schema.subscription_type}
    fields = {(kind, name) for kind, root in roots.items() if root is not None for name in root.fields}
    # A subscription must select exactly one field of its own: __typename is not one.
    return fields | {(kind, "__typename") for kind in ("query", "mutation") if roots[kind] is not None}
