"""Look-ahead sees the nested fields a connection's nodes ask for, through edges, nodes and fragments."""

from __future__ import annotations

import strawberry

from melihub.graphql.prefetch import Wanted, wanted_under_nodes

seen: list[Wanted] = []


@strawberry.type
class Leaf:
    name: str = "x"


@strawberry.type
class Item:
    title: str = "t"
    leaf: Leaf = strawberry.field(default_factory=Leaf)


@strawberry.type
class Thing:
    id: str = "1"
    items: list[Item] = strawberry.field(default_factory=lambda: [Item()])


@strawberry.type
class Edge:
    node: Thing


@strawberry.type
class ThingConnection:
    edges: list[Edge]
    nodes: list[Thing]


@strawberry.type
class Query:
    @strawberry.field
    def things(self, info: strawberry.Info) -> ThingConnection:
        seen.append(wanted_under_nodes(info))
        return ThingConnection(edges=[Edge(node=Thing())], nodes=[Thing()])


schema = strawberry.Schema(query=Query)


def paths_of(query: str) -> frozenset[tuple[str, ...]]:
    seen.clear()
    result = schema.execute_sync(query)
    assert result.errors is None, result.errors
    return seen[0].paths


def test_edges_node_selection_is_seen() -> None:
    assert paths_of("{ things { edges { node { id items { title } } } } }") == {("id",), ("items",), ("items", "title")}


def test_nodes_and_fragments_are_seen_alike() -> None:
    query = """
    fragment Parts on Item { leaf { name } }
    { things { nodes { ... on Thing { items { ...Parts } } } } }
    """
    paths = paths_of(query)
    assert ("items", "leaf", "name") in paths
    wanted = Wanted(paths)
    assert wanted("items", "leaf") and not wanted("id")
