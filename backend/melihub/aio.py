"""Small asyncio pieces the domains share."""

from __future__ import annotations

import asyncio
from typing import Any


async def cancel_and_wait(task: asyncio.Future[Any]) -> None:
    """Cancel ``task`` and wait until it has ended; re-raise its failure if it ended otherwise.

    ``task.cancel()`` then ``with suppress(CancelledError): await task`` also swallows a cancellation of
    the *caller* that arrives meanwhile, and the caller runs on as if never cancelled: an arq job went on
    after its worker cancelled it, and a test worker's teardown waited on it (267 s on CI).
    ``asyncio.wait`` raises nothing of ``task``'s own, so only the caller's cancellation propagates.
    """
    task.cancel()
    await asyncio.wait({task})
    if not task.cancelled():
        task.result()
