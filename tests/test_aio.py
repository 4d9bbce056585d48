"""cancel_and_wait: cancel a child task, wait for it, and never swallow the caller's own cancellation."""

from __future__ import annotations

import asyncio

import pytest

from melihub.aio import cancel_and_wait


async def _slow_to_stop(stopped: asyncio.Event) -> None:
    try:
        await asyncio.sleep(60)
    except asyncio.CancelledError:
        await asyncio.sleep(0.2)  # cleaning up after its cancellation takes a moment
        stopped.set()
        raise


async def test_the_child_is_cancelled_and_waited_for() -> None:
    stopped = asyncio.Event()
    child = asyncio.create_task(_slow_to_stop(stopped))
    await asyncio.sleep(0)
    await cancel_and_wait(child)
    assert child.cancelled() and stopped.is_set()


async def test_a_caller_cancelled_while_it_waits_stays_cancelled() -> None:
    child = asyncio.create_task(_slow_to_stop(asyncio.Event()))
    went_on = False

    async def caller() -> None:
        nonlocal went_on
        await cancel_and_wait(child)
        went_on = True  # suppress(CancelledError) around `await child` got here

    waiting = asyncio.create_task(caller())
    await asyncio.sleep(0.05)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert not went_on
    await asyncio.wait({child})


async def test_a_child_that_had_failed_raises_its_failure() -> None:
    async def fails() -> None:
        raise ValueError("broken")

    child = asyncio.create_task(fails())
    await asyncio.sleep(0)
    with pytest.raises(ValueError, match="broken"):
        await cancel_and_wait(child)
