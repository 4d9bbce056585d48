"""Scale-out: two API processes and two workers on one PostgreSQL and one Redis, behind a load balancer.

Mercado Livre's notifications spread over both APIs; every subscriber, on either API, receives every change
once; one API and one worker are killed mid-run, and still nothing is lost and nothing applied twice.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import text
from websockets.exceptions import ConnectionClosed

from melihub.realtime.bus import tenant_channel
from melihub.testing.balancer import RoundRobinBalancer
from melihub.testing.server import serve_in_thread
from melihub.testing.stores import free_port, start_private_redis
from melihub.testing.ws import GraphQLSocket, graphql_socket
from tests.conftest import api_token_for
from tests.events.convergence import (
    assert_matches_ground_truth,
    fault_run,
    link_all_sellers,
    notify_everything,
    settle,
    start_worker,
)

pytestmark = pytest.mark.slow

LISTING_CHANGED = "subscription { listingChanged { mlId status availableQuantity } }"
QUIET_S = 3.0


@contextmanager
def api_processes(env: dict[str, str], ports: list[int]) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``melihub serve`` processes of their own, started together, ready when each /readyz says so."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "melihub", "serve", "--port", str(port), "--no-migrate"],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 90
        for process, port in zip(processes, ports, strict=True):
            while not _ready(f"http://127.0.0.1:{port}"):
                assert process.poll() is None and time.monotonic() < deadline, "an API did not become ready"
                time.sleep(0.2)
        yield processes
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)


def _ready(base: str) -> bool:
    try:
        return httpx.get(f"{base}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


class Received:
    """What one subscriber got, in order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.changes: list[dict[str, Any]] = []

    async def collect(self, socket: GraphQLSocket) -> None:
        await socket.subscribe(LISTING_CHANGED)
        while True:
            try:
                message = await socket.receive(timeout=3600)
            except ConnectionClosed:
                return  # its API was killed
            assert message["type"] == "next", (self.name, message)
            self.changes.append(message["payload"]["data"]["listingChanged"])


@asynccontextmanager
async def published_changes(redis_url: str, tenant_id: str) -> Any:
    """Every listingChanged the workers publish for the tenant, as Redis carries it: the ground truth."""
    redis = Redis.from_url(redis_url)
    pubsub = redis.pubsub()
    await pubsub.subscribe(tenant_channel(tenant_id))
    seen: list[dict[str, Any]] = []

    async def listen() -> None:
        async for message in pubsub.listen():
            if message["type"] == "message":
                change = json.loads(message["data"])
                if change["type"] == "listing":
                    seen.append(change)

    task = asyncio.create_task(listen())
    try:
        yield seen
    finally:
        task.cancel()
        await pubsub.aclose()
        await redis.aclose()


async def _quiet(counters: list[list[Any]], quiet_s: float = QUIET_S, limit_s: float = 90) -> None:
    """Until nothing new arrived for ``quiet_s``: the link's history sync is over."""
    deadline = time.monotonic() + limit_s
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        total = sum(len(c) for c in counters)
        if total != last:
            last, since = total, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        await asyncio.sleep(0.2)
    raise AssertionError("changes kept coming")


async def _syncs_succeeded(services: Any, tenant_id: Any, limit_s: float = 120) -> None:
    """Until every seller's history sync (started by linking) has finished."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        async with services.db.tenant(tenant_id) as session:
            statuses = {row[0] for row in (await session.exec(text("SELECT status FROM sync_runs"))).all()}
        if statuses == {"succeeded"}:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"the link's syncs did not finish: {statuses}")


async def _both_served(balancer: RoundRobinBalancer, before: Counter[str], limit_s: float = 30) -> list[int]:
    """Notifications taken by each API since ``before``, once both have taken some."""
    deadline = time.monotonic() + limit_s
    while True:
        spread = [balancer.served[f"{u} /webhooks/meli"] - before[f"{u} /webhooks/meli"] for u in balancer.upstreams]
        if min(spread) >= 5 or time.monotonic() > deadline:
            return spread
        await asyncio.sleep(0.1)


async def test_two_apis_and_two_workers_lose_nothing_when_one_of_each_dies(
    services, settings, database_factory, db_name, tenant_a
) -> None:
    from melihub.sandbox.testing import running_sandbox

    redis_server = start_private_redis("scale-out")
    tenant_id = str(tenant_a[0].id)
    api_ports = [free_port(), free_port()]
    upstreams = [f"http://127.0.0.1:{port}" for port in api_ports]
    balancer = RoundRobinBalancer(upstreams)
    workers: list[subprocess.Popen[bytes]] = []
    with running_sandbox(generate=60, seed=5, time_scale=0.002) as sandbox:
        run = fault_run(
            settings,
            database_url=database_factory.admin_url_of(db_name),
            redis_url=redis_server.url,
            port=free_port(),
            sandbox_url=sandbox.url,
        )
        env = run.worker_env
        workers += [start_worker(env), start_worker(env)]  # while the APIs start
        try:
            with (
                serve_in_thread(balancer.app, port=run.port) as base,
                api_processes(env, api_ports) as apis,
            ):
                # Four processes, the sandbox and the balancer share two cores: ML's 500 ms is not what is tested.
                sandbox.configure(callback_url=f"{base}/webhooks/meli", delivery_timeout_s=5.0)
                world = sandbox.export()
                link_all_sellers(base, sandbox, [(uid, user["site_id"]) for uid, user in world["users"].items()])
                bearer = f"Bearer {await api_token_for(services, tenant_a[0])}"
                await _syncs_succeeded(services, tenant_a[0].id)
                await notify_everything(sandbox, world, minimum=100)  # what the backfill's window leaves out
                await settle(services, tenant_a[0].id, sandbox, workers[-1])
                async with published_changes(redis_server.url, tenant_id) as published:
                    subscribers = [Received(f"api{n}-{k}") for n in (1, 2) for k in (1, 2)]
                    async with (
                        graphql_socket(upstreams[0], authorization=bearer) as s1,
                        graphql_socket(upstreams[0], authorization=bearer) as s2,
                        graphql_socket(upstreams[1], authorization=bearer) as s3,
                        graphql_socket(upstreams[1], authorization=bearer) as s4,
                    ):
                        tasks = [
                            asyncio.create_task(sub.collect(socket))
                            for sub, socket in zip(subscribers, (s1, s2, s3, s4), strict=True)
                        ]
                        await _quiet([published, *[s.changes for s in subscribers]])
                        published.clear()
                        for subscriber in subscribers:
                            subscriber.changes.clear()
                        before = balancer.served.copy()

                        summary = sandbox.simulate(events=400, seed=13)
                        spread = await _both_served(balancer, before)
                        apis[0].send_signal(signal.SIGKILL)
                        workers[0].send_signal(signal.SIGKILL)

                        await settle(services, tenant_a[0].id, sandbox, workers[1])
                        await _quiet([published, *[s.changes for s in subscribers[2:]]])
                        truth = sandbox.export()
                        delivered = sandbox.stats()["notifications"]
                        for task in tasks:
                            task.cancel()
        finally:
            for worker in workers:
                worker.kill()
            redis_server.stop()

    assert summary["notifications"] > 0 and all(n > 0 for n in spread), (summary, spread)
    assert delivered["acknowledged"] == delivered["sent"], delivered  # every notification answered 200 in the end
    await assert_matches_ground_truth(services, tenant_a[0].id, truth)  # nothing lost, each version applied once
    assert len(published) > 0
    survivors = subscribers[2:]
    for subscriber in survivors:  # the surviving API's subscribers saw every change exactly once
        assert len(subscriber.changes) == len(published), (subscriber.name, len(subscriber.changes), len(published))
    assert [c["mlId"] for c in survivors[0].changes] == [c["mlId"] for c in survivors[1].changes]
    for subscriber in subscribers[:2]:  # the killed API's got a part of them before it died, never more
        assert len(subscriber.changes) <= len(published)
    final = {change["mlId"]: (change["status"], change["availableQuantity"]) for change in survivors[0].changes}
    for ml_id, (status, stock) in final.items():
        assert (truth["items"][ml_id]["status"], truth["items"][ml_id]["available_quantity"]) == (status, stock), ml_id
