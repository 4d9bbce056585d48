"""The two shapes every named DataLoader takes: one row per key, or all rows per key.

One SQL statement per batch; a loader lives in its context (a request, or one subscription event), so
nothing is cached across them.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession
from strawberry.dataloader import DataLoader

from melihub.accounts.principal import Principal
from melihub.graphql.context import Context

Key = TypeVar("Key", bound=Hashable)
Row = TypeVar("Row")
FetchRows = Callable[[AsyncSession, Principal, list[Key]], Awaitable[Sequence[Row]]]


def one_per_key(
    context: Context, name: str, fetch: FetchRows[Key, Row], key_of: Callable[[Row], Key]
) -> DataLoader[Key, Row | None]:
    """Key → its row, None when not stored or not visible to the caller."""

    def create(ctx: Context) -> DataLoader[Key, Row | None]:
        async def load(keys: list[Key]) -> list[Row | None]:
            async with ctx.session() as session:
                rows = await fetch(session, ctx.require(), keys)
            found = {key_of(row): row for row in rows}
            return [found.get(key) for key in keys]

        return DataLoader(load_fn=load)

    loader: DataLoader[Key, Row | None] = context.loader(name, create)
    return loader


def all_per_key(
    context: Context, name: str, fetch: FetchRows[Key, Row], key_of: Callable[[Row], Key]
) -> DataLoader[Key, list[Row]]:
    """Key → its rows, in the order ``fetch`` returns them; an empty list when there are none."""

    def create(ctx: Context) -> DataLoader[Key, list[Row]]:
        async def load(keys: list[Key]) -> list[list[Row]]:
            async with ctx.session() as session:
                rows = await fetch(session, ctx.require(), keys)
            grouped: dict[Key, list[Row]] = defaultdict(list)
            for row in rows:
                grouped[key_of(row)].append(row)
            return [grouped.get(key, []) for key in keys]

        return DataLoader(load_fn=load)

    loader: DataLoader[Key, list[Row]] = context.loader(name, create)
    return loader


Value = TypeVar("Value")
Shaped = TypeVar("Shaped")


def load_now(loader: DataLoader[Key, Value], key: Key) -> Value | Awaitable[Value]:
    """The value itself when the loader already holds it (primed for a page), else the awaitable load.

    A field answered without awaiting takes graphql-core's synchronous path: no coroutine and no task per
    field, which is most of what a nested page costs.
    """
    cached = loader.cache_map.get(key) if loader.cache_map is not None else None
    if cached is not None and cached.done() and not cached.cancelled() and cached.exception() is None:
        return cached.result()
    return loader.load(key)


def then(value: Value | Awaitable[Value], shape: Callable[[Value], Shaped]) -> Any:
    """``shape(value)`` now, or once the awaitable ``value`` resolves (graphql-core awaits what it gets).

    Typed ``Any`` so a field can declare the shaped type it answers with, whichever way it comes.
    """
    if inspect.isawaitable(value):
        pending = value

        async def shaped() -> Shaped:
            return shape(await pending)

        return shaped()
    return shape(value)
