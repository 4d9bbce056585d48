"""A real HTTP server on a loopback port standing in for an SMS/WhatsApp provider.

It records every request and answers from a queue of replies, then with 200 ``{"id": "msg-N"}``::

    with HttpReceiver(Reply(503), Reply(200, {"id": "sms-1"})) as provider:
        ... POST to provider.url + "/messages" ...
        assert provider.requests[0].json["to"] == "+5511..."
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from melihub.testing.server import serve_in_thread


@dataclass(frozen=True)
class Reply:
    status: int = 200
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # answer late, for clients' timeouts


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    json: Any


class HttpReceiver:
    def __init__(self, *replies: Reply) -> None:
        self.requests: list[ReceivedRequest] = []
        self._replies: deque[Reply] = deque(replies)
        self._lock = threading.Lock()
        self._server: contextlib.ExitStack | None = None
        self.url = ""
        self.app = Starlette(routes=[Route("/{path:path}", self._receive, methods=["GET", "POST", "PUT"])])

    def reply(self, *replies: Reply) -> None:
        """Queue the answers to the next requests."""
        with self._lock:
            self._replies.extend(replies)

    def _next_reply(self) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
            return Reply(200, {"id": f"msg-{len(self.requests)}"})

    async def _receive(self, request: Request) -> Response:
        body = await request.body()
        try:
            document = await request.json() if body else None
        except ValueError:
            document = None
        headers = {name.lower(): value for name, value in request.headers.items()}
        self.requests.append(ReceivedRequest(request.method, request.url.path, headers, body, document))
        reply = self._next_reply()
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.json is None:
            return Response(status_code=reply.status, headers=reply.headers)
        return JSONResponse(reply.json, status_code=reply.status, headers=reply.headers)

    def start(self) -> HttpReceiver:
        stack = contextlib.ExitStack()
        self.url = stack.enter_context(serve_in_thread(self.app))
        self._server = stack
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> HttpReceiver:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
