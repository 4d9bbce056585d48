"""node(id) and nodes(ids): any object by its global id, as the Relay spec asks."""

from __future__ import annotations

from typing import Any

import strawberry

from melihub.graphql.context import Info
from melihub.graphql.errors import AppError
from melihub.graphql.relay import MAX_NODES, Node, resolve_nodes


async def resolve_node(info: Info, id: strawberry.ID) -> Node | None:
    principal = info.context.require()
    (found,) = await resolve_nodes(info.context.session, principal, [id], "id")
    if isinstance(found, Exception):
        raise found
    node: Node = found
    return node


async def resolve_nodes_field(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    principal = info.context.require()
    if len(ids) > MAX_NODES:
        raise AppError(f"at most {MAX_NODES} ids at once, got {len(ids)}", "BAD_USER_INPUT")
    # graphql-core raises an exception found in a list in place: that item is null with its own error.
    found: list[Any] = await resolve_nodes(info.context.session, principal, ids, "ids")
    return found


@strawberry.type
class NodeQuery:
    node: Node | None = strawberry.field(
        resolver=resolve_node, description="Any object by its global id; null with NOT_FOUND when not visible."
    )
    nodes: list[Node | None] = strawberry.field(
        resolver=resolve_nodes_field, description=f"Up to {MAX_NODES} objects by global id, in the order asked."
    )
