"""A field answers synchronously when its loader was primed for the page, and waits only when it was not."""

from __future__ import annotations

import inspect

from strawberry.dataloader import DataLoader

from melihub.graphql.loaders import load_now, then


async def _double(keys: list[int]) -> list[int]:
    return [key * 2 for key in keys]


async def test_a_primed_key_is_answered_without_awaiting() -> None:
    loader = DataLoader(load_fn=_double)
    await loader.load_many([1, 2])

    assert load_now(loader, 2) == 4
    assert then(load_now(loader, 1), lambda value: value + 1) == 3


async def test_an_unknown_key_is_loaded_and_shaped_when_awaited() -> None:
    loader = DataLoader(load_fn=_double)

    pending = then(load_now(loader, 5), lambda value: f"got {value}")

    assert inspect.isawaitable(pending)
    assert await pending == "got 10"
