"""The seam through which connections puts what happens to an account on the integration timeline.

The timeline (``integration_events``) belongs to ``melihub.events``, which sits above connections: the
event pipeline reads accounts. So connections never imports it; each process hands the timeline's
writer (``melihub.events.timeline_notes.record``) to :func:`melihub.connections.runtime.install_meli`.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount


class AccountNotes(Protocol):
    """Writes one note (linked, token refused, connection tested…) in the caller's transaction."""

    async def __call__(
        self,
        session: AsyncSession,
        account: MeliAccount,
        kind: str,
        message: str,
        *,
        failed: bool = False,
        details: dict[str, Any] | None = None,
    ) -> object: ...
