"""Look-ahead for list fields: which nested fields a connection's nodes ask for, so a page primes its loaders.

A page of 50 orders asks for buyers, lines, listings… through DataLoaders. Loading them per field works
(one statement per loader) but makes every field of every row wait on an awaitable. Priming the loaders
once the page is known, in as few waves as the nesting needs, lets the fields answer synchronously
(``melihub.graphql.loaders.load_now``), which is most of a nested page's cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from melihub.graphql.context import Info

Path = tuple[str, ...]


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def _walk(selections: Iterable[Selection], prefix: Path, into: set[Path]) -> None:
    for field in _fields(selections):
        path = (*prefix, field.name)
        into.add(path)
        _walk(field.selections, path, into)


@dataclass(frozen=True)
class Wanted:
    """The field paths selected under a connection's nodes (``edges { node }`` and ``nodes`` alike)."""

    paths: frozenset[Path]

    def __call__(self, *path: str) -> bool:
        return path in self.paths


def wanted_under_nodes(info: Info) -> Wanted:
    paths: set[Path] = set()
    for connection in info.selected_fields:
        for child in _fields(connection.selections):
            if child.name == "nodes":
                _walk(child.selections, (), paths)
            elif child.name == "edges":
                for edge_field in _fields(child.selections):
                    if edge_field.name == "node":
                        _walk(edge_field.selections, (), paths)
    return Wanted(frozenset(paths))
