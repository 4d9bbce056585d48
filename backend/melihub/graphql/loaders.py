"""The two shapes every named DataLoader takes: one row per key, or all rows per key.

One SQL statement per batch; a loader lives in its context (a request, or one subscription event), so
nothing is cached across them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import TypeVar

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
