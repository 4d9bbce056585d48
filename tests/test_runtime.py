"""A process's services: the clients start-up created are closed in the reverse order."""

from __future__ import annotations

from typing import Any

from melihub.runtime import Services


class Part:
    def __init__(self, name: str, closed: list[str]) -> None:
        self.name, self.closed = name, closed

    async def aclose(self) -> None:
        self.closed.append(self.name)


async def test_close_runs_in_reverse_of_start_up_and_forgets_the_parts(settings, db, clean_redis) -> None:
    services = Services.create(settings, db.url, clean_redis)
    closed: list[str] = []
    parts: dict[str, Any] = {name: Part(name, closed) for name in ("meli", "hub", "resource_queue")}
    services.meli, services.hub, services.resource_queue = parts["meli"], parts["hub"], parts["resource_queue"]
    services.connector_factory = services.account_notes = object()  # type: ignore[assignment]

    await services.close()

    assert closed == ["resource_queue", "hub", "meli"]
    assert (services.meli, services.hub, services.resource_queue) == (None, None, None)
    assert (services.connector_factory, services.account_notes) == (None, None)
