"""A round-robin HTTP load balancer for tests: what stands in front of several API processes in production.

Each request goes to the next upstream; one that refuses the connection is skipped, as a health-checking
balancer would after a process dies, so the caller sees a failure only when no upstream answers (502).
A request the upstream took but never answered (it died mid-request) is a 502 too: the sender retries, as
Mercado Livre does.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# Hop-by-hop headers, and the body framing httpx has already undone (it decodes gzip).
DOWN_FOR_S = 5.0
NOT_FORWARDED = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length", "content-encoding"}
)


class RoundRobinBalancer:
    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self.served: Counter[str] = Counter()  # "upstream path" -> answered requests
        self._turn = itertools.cycle(range(len(upstreams)))
        self._lock = threading.Lock()
        self._http: httpx.AsyncClient | None = None
        self._down_until: dict[str, float] = {}  # skipped (tried last) until then, as a health check would
        self.app = Starlette(routes=[Route("/{path:path}", self._forward, methods=["GET", "POST", "PUT", "DELETE"])])

    def _client(self) -> httpx.AsyncClient:
        # One pool, made on the serving loop's first request: a client per request costs an SSL context each.
        if self._http is None:
            self._http = httpx.AsyncClient(
                timeout=httpx.Timeout(15, connect=1), limits=httpx.Limits(max_connections=200)
            )
        return self._http

    def _order(self) -> list[str]:
        with self._lock:
            first = next(self._turn)
        turn = self.upstreams[first:] + self.upstreams[:first]
        now = time.monotonic()
        return [u for u in turn if self._down_until.get(u, 0) <= now] + [
            u for u in turn if self._down_until.get(u, 0) > now
        ]

    async def _forward(self, request: Request) -> Response:
        body = await request.body()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in NOT_FORWARDED}
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        for upstream in self._order():
            try:
                answer = await self._client().request(request.method, upstream + target, content=body, headers=headers)
            except (httpx.ConnectError, httpx.ConnectTimeout):
                self._down_until[upstream] = time.monotonic() + DOWN_FOR_S
                continue  # down: the next one takes it
            except httpx.HTTPError:  # taken, then no answer (it died mid-request): the sender retries
                return Response(status_code=502)
            self.served[f"{upstream} {request.url.path}"] += 1
            kept = [(k, v) for k, v in answer.headers.multi_items() if k.lower() not in NOT_FORWARDED]
            response = Response(content=answer.content, status_code=answer.status_code)
            response.raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in kept]
            return response
        return Response(status_code=502)
