"""Which pages may open the GraphQL WebSocket: the dashboard's own origin always, a listed dev origin
(`MELIHUB_DEV_ORIGINS`, for `npm run dev`) too, any other site never (it would act with the user's
cookies)."""

from __future__ import annotations

import pytest
import websockets

from melihub.app import create_app
from melihub.config import Settings
from melihub.testing.server import serve_in_thread

DEV_ORIGIN = "http://127.0.0.1:3000"


async def _handshake(base: str, origin: str) -> str | None:
    """The upgrade itself (what the origin rule decides); signing in comes after, at connection_init."""
    url = base.replace("http", "ws") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"], origin=origin) as socket:  # type: ignore[list-item,arg-type]
        return socket.subprotocol


async def test_the_same_origin_and_a_listed_dev_origin_may_open_the_socket(live_settings: Settings) -> None:
    settings = live_settings.model_copy(update={"dev_origins": [DEV_ORIGIN]})
    with serve_in_thread(create_app(settings=settings)) as base:
        assert await _handshake(base, base) == "graphql-transport-ws"
        assert await _handshake(base, DEV_ORIGIN) == "graphql-transport-ws"


async def test_another_site_is_refused_unless_listed(live_settings: Settings) -> None:
    with (
        serve_in_thread(create_app(settings=live_settings)) as base,
        pytest.raises(websockets.exceptions.InvalidStatus) as refused,
    ):
        await _handshake(base, DEV_ORIGIN)
    assert refused.value.response.status_code == 403


def test_dev_origins_read_from_a_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELIHUB_DEV_ORIGINS", "http://127.0.0.1:3000, http://localhost:3000")
    assert Settings().dev_origins == ["http://127.0.0.1:3000", "http://localhost:3000"]
