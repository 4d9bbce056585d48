"""The reference: the least a webhook receiver can do — one INSERT of the body, then 200."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DSN = os.environ["BENCH_DSN"]
pool: asyncpg.Pool | None = None


async def receive(request: Request) -> Response:
    body = await request.body()
    assert pool is not None
    await pool.execute("INSERT INTO bench_inbox (payload) VALUES ($1::jsonb)", body.decode())
    return Response(b"ok", status_code=200)


async def healthz(_request: Request) -> Response:
    return Response(b"ok")


@asynccontextmanager
async def lifespan(_app: Starlette) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(DSN, min_size=1, max_size=10)
    yield
    await pool.close()


app = Starlette(
    routes=[Route("/webhooks/meli", receive, methods=["POST"]), Route("/healthz", healthz)], lifespan=lifespan
)
