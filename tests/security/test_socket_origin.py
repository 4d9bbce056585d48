"""The WebSocket checks Origin (no CORS protects a socket): a page on another site is refused even with
the user's session cookie; the dashboard's own origin and clients sending no Origin (integrators' tools,
which carry no ambient cookie) are let through to sign in at connection_init."""

from __future__ import annotations

import json

import httpx
import pytest
import websockets

from melihub.app import create_app
from melihub.config import Settings
from melihub.testing.graphql import gql, login
from melihub.testing.server import serve_in_thread
from tests.conftest import OWNER_PASSWORD

FOREIGN = "https://evil.example"


async def _signed_in_cookie(base: str) -> str:
    async with httpx.AsyncClient(base_url=base) as http:
        assert (await login(http, "ana@aurora.example", OWNER_PASSWORD))["errors"] == []
        assert (await gql(http, "{ me { role } }"))["data"]["me"] == {"role": "OWNER"}
        return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


async def _acknowledged(base: str, cookie: str, origin: str | None) -> bool:
    """Open the socket with the cookie (and Origin, if any) and send connection_init: acknowledged?"""
    url = base.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers={"Cookie": cookie},
        origin=origin,  # type: ignore[arg-type]
    ) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        return bool(json.loads(await socket.recv())["type"] == "connection_ack")


async def test_a_foreign_page_cannot_use_the_session_cookie_on_the_socket(live_settings: Settings, tenant_a) -> None:
    with serve_in_thread(create_app(settings=live_settings)) as base:
        cookie = await _signed_in_cookie(base)
        assert await _acknowledged(base, cookie, origin=base), "the dashboard's own origin signs in"
        assert await _acknowledged(base, cookie, origin=None), "no Origin: not a browser, let through"
        with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
            await _acknowledged(base, cookie, origin=FOREIGN)
        assert refused.value.response.status_code == 403
        with pytest.raises(websockets.exceptions.InvalidStatus):
            await _acknowledged(base, cookie, origin=base.replace("127.0.0.1", "localhost"))  # another host


async def test_no_origin_without_credentials_is_still_asked_to_sign_in(live_settings: Settings) -> None:
    with serve_in_thread(create_app(settings=live_settings)) as base:
        url = base.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as socket:  # type: ignore[list-item]
            await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                await socket.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
