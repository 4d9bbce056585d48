"""A small graphql-transport-ws client for tests (the protocol the dashboard's graphql-ws speaks)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets


class GraphQLSocket:
    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self._next_id = 0

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        self._next_id += 1
        operation = str(self._next_id)
        await self.socket.send(
            json.dumps(
                {"id": operation, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}}
            )
        )
        return operation

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next message other than pings/pongs."""
        while True:
            message: dict[str, Any] = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
            if message["type"] == "ping":
                await self.socket.send(json.dumps({"type": "pong"}))
                continue
            if message["type"] != "pong":
                return message

    async def next_payload(self, timeout: float = 5.0) -> dict[str, Any]:
        message = await self.receive(timeout)
        assert message["type"] == "next", message
        payload: dict[str, Any] = message["payload"]
        return payload


@asynccontextmanager
async def graphql_socket(
    base_url: str, *, authorization: str | None = None, cookies: dict[str, str] | None = None
) -> AsyncIterator[GraphQLSocket]:
    url = base_url.replace("http://", "ws://") + "/graphql"
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else None
    async with websockets.connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        additional_headers=headers,
    ) as socket:
        params = {"authorization": authorization} if authorization else {}
        await socket.send(json.dumps({"type": "connection_init", "payload": params}))
        ack = json.loads(await asyncio.wait_for(socket.recv(), 5))
        if ack["type"] != "connection_ack":
            raise ConnectionError(f"not acknowledged: {ack}")
        yield GraphQLSocket(socket)
