"""bench/fanout: 2,000 WebSocket subscribers of one tenant on one API process; time to deliver each change.

One ``melihub serve`` process; the subscribers (graphql-transport-ws, ``orderChanged``, one API token each,
sent in ``connection_init``) run in client processes of their own so that their work does not share the API's
interpreter. Then ``BENCH_FANOUT_CHANGES`` changes of different stored orders are published on the Redis bus
(what the workers do after a commit), ``BENCH_FANOUT_SPACING_MS`` apart. Delivery latency = the client's
``time.time()`` on receiving the payload minus the publisher's ``time.time()`` just before publishing (one machine,
one clock). Prints p50/p95/p99/max, messages received against expected, connect time and the API's CPU and RSS.
Uses DATABASE_URL/REDIS_URL when set (REDIS_URL's server, database ``BENCH_REDIS_DB``, default 15, emptied).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import resource
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil
import websockets
from redis.asyncio import Redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common import bench_redis_url, fresh_database, start_process, stop_process

from melihub.accounts.api_tokens import create_api_token
from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import create_tenant
from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database, app_url_for
from melihub.orders.models import Order
from melihub.realtime.bus import Change, publish
from melihub.stores import resolve_stores
from melihub.testing.stores import free_port

SUBSCRIBERS = int(os.environ.get("BENCH_FANOUT_SUBSCRIBERS", "2000"))
CHANGES = int(os.environ.get("BENCH_FANOUT_CHANGES", "50"))
SPACING_S = int(os.environ.get("BENCH_FANOUT_SPACING_MS", "200")) / 1000
CLIENT_PROCESSES = int(os.environ.get("BENCH_FANOUT_CLIENT_PROCESSES", "4"))
CONNECT_CONCURRENCY = 50  # per client process: the API authenticates each socket's token
RECEIVE_TIMEOUT_S = 30.0  # a subscriber waiting this long for its next change has missed the rest
SUBSCRIPTION = "subscription { orderChanged { id mlId status totalAmount { amount currency } } }"
FIRST_ML_ID = 2000000000001
PROBE_ML_ID = str(FIRST_ML_ID + CHANGES)  # published until every socket has had it: all registered


# ---- Setup: tenant, account, orders, tokens ------------------------------------------------------


async def seed(settings: Settings, admin_url: str) -> tuple[list[Change], list[str]]:
    """A tenant with one account, ``CHANGES`` orders and ``SUBSCRIBERS`` analyst tokens."""
    db = Database(app_url_for(settings, admin_url), pool_size=1)
    tenant, _ = await create_tenant(db, name="Fanout", owner_email="fanout@melihub.dev", owner_password="bench-pass-1")
    owner = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION)
    account = MeliAccount(tenant_id=tenant.id, ml_user_id=2409876543, site_id="MLB", nickname="LOJA_FANOUT")
    orders = [
        Order(
            tenant_id=tenant.id,
            meli_account_id=account.id,
            ml_id=FIRST_ML_ID + n,
            status="paid",
            date_created=datetime.now(UTC),
            total_amount=Decimal("199.90"),
            paid_amount=Decimal("199.90"),
            currency_id="BRL",
            synced_at=datetime.now(UTC),
        )
        for n in range(CHANGES + 1)  # the last one is the probe
    ]
    async with db.tenant(tenant.id) as session:
        session.add(account)
        await session.flush()
        session.add_all(orders)
        tokens = [
            (await create_api_token(session, owner, name=f"fanout-{n}", role=Role.ANALYST))[1]
            for n in range(SUBSCRIBERS)
        ]
    await db.dispose()
    changes = [Change(str(tenant.id), "order", str(o.id), "v1", str(account.id)) for o in orders]
    return changes, tokens  # changes[-1] is the probe's


# ---- Client processes ----------------------------------------------------------------------------


async def _subscribe(url: str, token: str) -> Any:
    socket = await websockets.connect(url, subprotocols=["graphql-transport-ws"], open_timeout=60)  # type: ignore[list-item]
    await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
    ack = json.loads(await asyncio.wait_for(socket.recv(), 60))
    if ack["type"] != "connection_ack":
        raise ConnectionError(f"not acknowledged: {ack}")
    subscribe = {"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}
    await socket.send(json.dumps(subscribe))
    return socket


async def _first_probe(socket: Any) -> None:
    while True:  # the server has registered this subscription once a probe change reaches it
        message = json.loads(await asyncio.wait_for(socket.recv(), 300))
        if message["type"] == "ping":
            await socket.send(json.dumps({"type": "pong"}))
        elif message["type"] == "next" and message["payload"]["data"]["orderChanged"]["mlId"] == PROBE_ML_ID:
            return


async def _receive(socket: Any, expected: int) -> tuple[list[tuple[str, float]], list[str]]:
    """(mlId, receive time) of every payload, and anything else the server sent, until ``expected`` arrived."""
    received: list[tuple[str, float]] = []
    other: list[str] = []
    while len(received) < expected:
        try:
            raw = await asyncio.wait_for(socket.recv(), RECEIVE_TIMEOUT_S)
        except (TimeoutError, websockets.ConnectionClosed) as exc:
            other.append(type(exc).__name__)
            break
        at = time.time()
        message = json.loads(raw)
        if message["type"] == "ping":
            await socket.send(json.dumps({"type": "pong"}))
        elif message["type"] == "next" and "errors" not in message["payload"]:
            ml_id = message["payload"]["data"]["orderChanged"]["mlId"]
            if ml_id != PROBE_ML_ID:
                received.append((ml_id, at))
        elif message["type"] != "pong":
            other.append(raw[:200])
    await socket.close()
    return received, other


async def _client(url: str, tokens: list[str], expected: int, pipe: Connection) -> None:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def connect(token: str) -> Any:
        async with gate:
            return await _subscribe(url, token)

    started = time.monotonic()
    sockets = await asyncio.gather(*(connect(token) for token in tokens))
    await asyncio.gather(*(_first_probe(socket) for socket in sockets))
    pipe.send(("ready", time.monotonic() - started))
    results = await asyncio.gather(*(_receive(socket, expected) for socket in sockets))
    pipe.send(("done", results))


def client_process(url: str, tokens: list[str], expected: int, pipe: Connection) -> None:
    asyncio.run(_client(url, tokens, expected, pipe))


# ---- Measuring -----------------------------------------------------------------------------------


async def publish_changes(redis_url: str, changes: list[Change]) -> dict[str, float]:
    """Publish each change ``SPACING_S`` apart; the publish time of each order's mlId."""
    redis = Redis.from_url(redis_url)
    published: dict[str, float] = {}
    for n, change in enumerate(changes):
        published[str(FIRST_ML_ID + n)] = time.time()
        await publish(redis, change)
        await asyncio.sleep(SPACING_S)
    await redis.aclose()
    return published


async def probe_until_ready(redis_url: str, probe: Change, pipes: list[Connection]) -> float:
    """Publish the probe every second until every client process says each of its sockets received it;
    the slowest process's connect + subscribe + first delivery time."""
    redis = Redis.from_url(redis_url)
    waiting, slowest = set(range(len(pipes))), 0.0
    while waiting:
        await publish(redis, probe)
        await asyncio.sleep(1.0)
        for k in [k for k in waiting if pipes[k].poll()]:
            slowest = max(slowest, pipes[k].recv()[1])
            waiting.discard(k)
    await asyncio.sleep(3.0)  # the last probes drain before the first measured change
    await redis.aclose()
    return slowest


def raise_open_files_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = SUBSCRIBERS * 2 + 1024  # the API's sockets and the clients' (each process inherits the limit)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


def measure(url: str, redis_url: str, api: psutil.Process, changes: list[Change], tokens: list[str]) -> None:
    spawn = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for k in range(CLIENT_PROCESSES):
        ours, theirs = spawn.Pipe()
        share = tokens[k::CLIENT_PROCESSES]
        process = spawn.Process(target=client_process, args=(url, share, len(changes) - 1, theirs), daemon=True)
        process.start()
        pipes.append(ours)
        processes.append(process)
    connect_s = asyncio.run(probe_until_ready(redis_url, changes[-1], pipes))
    rss_connected = api.memory_info().rss
    cpu_before, wall_before = api.cpu_times(), time.monotonic()
    published = asyncio.run(publish_changes(redis_url, changes[:-1]))
    results = [result for pipe in pipes for result in pipe.recv()[1]]
    cpu_after, wall = api.cpu_times(), time.monotonic() - wall_before
    for process in processes:
        process.join(timeout=10)
    cpu_s = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
    report(published, results, connect_s, cpu_s, wall, rss_connected, api.memory_info().rss)


def report(
    published: dict[str, float],
    results: list[tuple[list[tuple[str, float]], list[str]]],
    connect_s: float,
    cpu_s: float,
    wall_s: float,
    rss_connected: int,
    rss_end: int,
) -> None:
    latencies = [(at - published[ml_id]) * 1000 for received, _ in results for ml_id, at in received]
    expected = len(results) * len(published)
    duplicates = sum(len(received) - len({ml_id for ml_id, _ in received}) for received, _ in results)
    incomplete = sum(1 for received, _ in results if len(received) < len(published))
    others = [item for _, other in results for item in other]
    print(f"subscribers={len(results)} on 1 API process, {CLIENT_PROCESSES} client processes")
    print(f"changes={len(published)} published {SPACING_S * 1000:.0f} ms apart; subscribed in {connect_s:.1f} s")
    print(f"received {len(latencies)} of {expected} ({expected - len(latencies)} missing, {duplicates} duplicate)")
    print(f"subscribers missing a change: {incomplete}; other messages: {len(others)} {others[:3]}")
    if len(latencies) >= 2:
        cuts = statistics.quantiles(latencies, n=100)
        print(f"p50 {cuts[49]:.1f} ms  p95 {cuts[94]:.1f} ms  p99 {cuts[98]:.1f} ms  max {max(latencies):.1f} ms")
    print("target: p99 < 250 ms")
    print(f"API CPU {cpu_s:.1f} s over {wall_s:.1f} s of publishing ({cpu_s / wall_s * 100:.0f}% of one core)")
    print(f"API RSS {rss_connected / 2**20:.0f} MB with all subscribed, {rss_end / 2**20:.0f} MB at the end")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


# uvicorn re-raises SIGTERM once it has shut down: the profile is written by a handler of that signal.
PROFILED_SERVE = (
    "import cProfile, os, signal, sys; from melihub.cli import main; profile = cProfile.Profile(); "
    "signal.signal(signal.SIGTERM, lambda *_: (profile.disable(), "
    "profile.dump_stats(os.environ['BENCH_FANOUT_PROFILE']), os._exit(0))); profile.enable()"
)


def main() -> int:
    os.environ.setdefault("MELIHUB_DATA_DIR", ".melihub/bench")
    raise_open_files_limit()
    settings = Settings()
    urls = resolve_stores(settings, keep_embedded_running=True)
    admin_url = asyncio.run(fresh_database(settings, urls.admin_database_url, "melihub_bench_fanout"))
    changes, tokens = asyncio.run(seed(settings, admin_url))
    redis_url = bench_redis_url(urls.redis_url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "DATABASE_URL": admin_url,
        "REDIS_URL": redis_url,
        "MELIHUB_PUBLIC_URL": base,
        "MELIHUB_LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
    }
    # BENCH_FANOUT_PROFILE=<file>: the API runs under cProfile (stats written when it stops).
    profile = os.environ.get("BENCH_FANOUT_PROFILE")
    profiled = f"{PROFILED_SERVE}; main(prog_name='melihub')" if profile else "from melihub.cli import main; main()"
    serve = [sys.executable, "-c", profiled, "serve", "--host", "127.0.0.1", "--port", str(port)]
    api = start_process(serve, env, f"{base}/readyz", os.environ.get("BENCH_API_LOG"))
    try:
        measure(f"ws://127.0.0.1:{port}/graphql", redis_url, psutil.Process(api.pid), changes, tokens)
    finally:
        stop_process(api)
    return 0


if __name__ == "__main__":
    sys.exit(main())
