"""`make demo` runs `melihub demo`: on a fresh data folder it must serve within 90 s, with demo data; SIGTERM
stops all it started, the embedded PostgreSQL and Redis included."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from melihub.demo import DEMO_EMAIL, DEMO_PASSWORD, wait_until_ok
from melihub.embedded import stop_postgres, stop_redis
from melihub.testing.fixtures import fixture_ids
from melihub.testing.stores import free_port

pytestmark = pytest.mark.slow
READY_WITHIN_S = 90
DEMO_DATA = "{ meliAccounts { nodes { nickname status } } orders(first: 100) { edges { node { mlId } } } }"
FIXTURE_ORDERS = 10
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"


@pytest.fixture
def demo_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, float, Path]]:
    """`melihub demo` as a newcomer runs it: no DATABASE_URL/REDIS_URL, an empty data folder. The teardown's
    stops are a safety net for a failed test: the test itself checks that the demo stopped its stores."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"MELIHUB_DATA_DIR": str(tmp_path / "data"), "MELIHUB_LOG_LEVEL": "WARNING"}
    port, sandbox_port = free_port(), free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "melihub", "demo", "--port", str(port), "--sandbox-port", str(sandbox_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process, f"http://127.0.0.1:{port}", started, tmp_path / "data"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        stop_redis(tmp_path / "data")
        stop_postgres(tmp_path / "data")


def _store_processes(data: Path) -> list[psutil.Process]:
    """The embedded servers of this data folder: PostgreSQL's postmaster with its backends, and Redis."""
    found: list[psutil.Process] = []
    for pid_file in (data / "postgres" / "postmaster.pid", data / "redis" / "redis.pid"):
        server = psutil.Process(int(pid_file.read_text().split()[0]))
        found += [server, *server.children(recursive=True)]
    return found


def _mentioning(data: Path) -> list[psutil.Process]:
    """Any process whose command line names the data folder (postgres -D …, redis-server --dir …)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if str(data.resolve()) in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


def test_demo_is_ready_within_90_s_and_loads_the_sandbox_world(demo_process) -> None:
    process, base, started, data = demo_process
    ready = wait_until_ok(f"{base}/readyz", timeout_s=started + READY_WITHIN_S - time.monotonic())
    assert ready, f"/readyz not 200 within {READY_WITHIN_S} s (exit code {process.poll()})"
    typename = httpx.post(f"{base}/graphql", json={"query": "{ __typename }"}, timeout=5).json()
    assert typename["data"] == {"__typename": "Query"}

    with httpx.Client(base_url=base, timeout=10) as http:
        login = http.post("/graphql", json={"query": LOGIN, "variables": {"e": DEMO_EMAIL, "p": DEMO_PASSWORD}})
        assert login.json()["data"]["login"]["errors"] == []
        deadline = time.monotonic() + 60
        nicknames: set[str] = set()
        orders: set[str] = set()
        while time.monotonic() < deadline and (len(nicknames) < 2 or len(orders) < FIXTURE_ORDERS):
            answer = http.post("/graphql", json={"query": DEMO_DATA}).json()["data"]
            nicknames = {a["nickname"] for a in answer["meliAccounts"]["nodes"] if a["status"] == "ACTIVE"}
            orders = {edge["node"]["mlId"] for edge in answer["orders"]["edges"]}
            time.sleep(1)
    assert nicknames == {"LOJA_CASA_AURORA", "TIENDA_PAMPA_SUR"}
    assert orders == set(fixture_ids("orders"))

    children = psutil.Process(process.pid).children()
    assert len(children) == 3  # sandbox, API, worker
    stores = _store_processes(data)
    assert len(stores) > 2 and _mentioning(data)  # the postmaster, its backends and Redis
    process.send_signal(signal.SIGTERM)  # what a service manager (or the test runner) sends
    assert process.wait(timeout=30) == 0
    assert not [child for child in children if child.is_running()], "the demo's processes outlived it"
    assert not [server for server in stores if server.is_running()], "the embedded stores outlived the demo"
    assert not _mentioning(data)
