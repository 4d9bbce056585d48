"""Global object identification (Relay): opaque, stable, type-tagged ids and the ``Node`` interface.

A global id is ``base64url("<TypeName>:<uuid>")`` without padding. It names one object of one type;
clients must treat it as opaque. ``node(id)``/``nodes(ids)`` resolve any of them through the registry
each domain fills with ``register_node`` (batched: one SQL statement per type asked for).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import strawberry

from melihub.accounts.principal import Principal
from melihub.globalids import global_id_text
from melihub.graphql.errors import AppError

MAX_NODES = 100


class InvalidGlobalId(ValueError):
    """Not one of our global ids (or not of the expected type)."""


def global_id(type_name: str, row_id: uuid.UUID | str) -> strawberry.ID:
    return strawberry.ID(global_id_text(type_name, row_id))


def optional_global_id(type_name: str, row_id: uuid.UUID | None) -> strawberry.ID | None:
    return global_id(type_name, row_id) if row_id is not None else None


def decode_global_id(value: str) -> tuple[str, uuid.UUID]:
    """The type name and row id a global id names; ``InvalidGlobalId`` when it is not one of ours."""
    text = str(value).strip()
    if not text or len(text) > 200:
        raise InvalidGlobalId("not a melihub id")
    try:
        decoded = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        type_name, _, row_id = decoded.partition(":")
        if not type_name.isidentifier():
            raise ValueError(type_name)
        return type_name, uuid.UUID(row_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise InvalidGlobalId("not a melihub id") from None


def row_id_of(value: str, *type_names: str) -> uuid.UUID:
    """The row id of a global id of one of ``type_names``; ``InvalidGlobalId`` otherwise."""
    type_name, row_id = decode_global_id(value)
    if type_names and type_name not in type_names:
        raise InvalidGlobalId(f"not the id of a {' or '.join(type_names)}")
    return row_id


def not_found(field: str, value: object) -> AppError:
    return AppError(f"{field}: no object with id {str(value)[:80]!r} is visible to you", "NOT_FOUND", field=field)


def parse_global_id(value: str, field: str, *type_names: str) -> uuid.UUID:
    """For query arguments: a malformed id, or one of another type, is ``NOT_FOUND`` (as an unseen one)."""
    try:
        return row_id_of(value, *type_names)
    except InvalidGlobalId:
        raise not_found(field, value) from None


@strawberry.interface(description="An object with a global id: fetch it again with `node(id)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Opaque, stable, type-tagged global id.")


FetchMany = Callable[[Any, Principal, list[uuid.UUID]], Awaitable[Sequence[Any]]]


@dataclass(frozen=True)
class NodeKind:
    """How ``node(id)`` finds objects of one type: batch-fetch rows the caller may see, then shape them."""

    type_name: str
    fetch: FetchMany
    node_of: Callable[[Any], Any]


NODE_KINDS: dict[str, NodeKind] = {}


def register_node(type_name: str, fetch: FetchMany, node_of: Callable[[Any], Any]) -> None:
    NODE_KINDS[type_name] = NodeKind(type_name, fetch, node_of)


async def resolve_nodes(
    session_factory: Callable[[], Any], principal: Principal, ids: Sequence[str], field: str
) -> list[Any]:
    """Each id's node, or a NOT_FOUND error in its place (malformed, unknown type, or not visible)."""
    wanted: dict[str, list[uuid.UUID]] = defaultdict(list)
    parsed: list[tuple[str, uuid.UUID] | None] = []
    for value in ids:
        try:
            type_name, row_id = decode_global_id(value)
        except InvalidGlobalId:
            parsed.append(None)
            continue
        parsed.append((type_name, row_id))
        if type_name in NODE_KINDS:
            wanted[type_name].append(row_id)
    found: dict[tuple[str, uuid.UUID], Any] = {}
    for type_name, row_ids in wanted.items():
        kind = NODE_KINDS[type_name]
        async with session_factory() as session:
            rows = await kind.fetch(session, principal, row_ids)
        for row in rows:
            found[(type_name, row.id)] = kind.node_of(row)
    return [
        found[key] if key is not None and key in found else not_found(field, value)
        for key, value in zip(parsed, ids, strict=True)
    ]
