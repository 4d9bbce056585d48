"""pg_dump and pg_restore: which binary fits the server, and running it without a password on its command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.db.engine import async_url, plain_url

SYSTEM_POSTGRES = Path("/usr/lib/postgresql")


class PgToolError(RuntimeError):
    """No fitting binary, or the binary failed: the message says which and why."""


@dataclass(frozen=True)
class PgTool:
    path: Path
    major: int


async def server_major(url: str) -> int:
    """The server's major version (``server_version_num`` 150020 → 15)."""
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            number = int((await conn.execute(text("SHOW server_version_num"))).scalar_one())
    finally:
        await engine.dispose()
    return number // 10000


def _embedded_bin() -> Path | None:
    """The binaries the pgserver package ships (the embedded PostgreSQL's own)."""
    try:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError:
        return None
    folder = Path(pgserver.__file__).parent / "pginstall" / "bin"
    return folder if folder.is_dir() else None


def _candidates(name: str, *, embedded: bool) -> Iterator[Path]:
    embedded_bin = _embedded_bin()
    if embedded and embedded_bin:
        yield embedded_bin / name
    if SYSTEM_POSTGRES.is_dir():
        for folder in sorted(SYSTEM_POSTGRES.iterdir(), reverse=True):
            yield folder / "bin" / name
    on_path = shutil.which(name)
    if on_path:
        yield Path(on_path)
    if embedded_bin and not embedded:
        yield embedded_bin / name


def _major_of(binary: Path) -> int | None:
    try:
        out = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=10, check=True)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", out.stdout)
    return int(found.group(1)) if found else None


def find_tool(name: str, *, server: int, at_least: int = 0, embedded: bool = False) -> PgTool:
    """The ``name`` binary of the server's major version, else the oldest newer one (pg_dump reads older
    servers; pg_restore reads older archives). ``at_least``: the archive's pg_dump major, for pg_restore.
    With ``embedded``, pgserver's own binaries come first."""
    found: dict[Path, int] = {}
    for path in _candidates(name, embedded=embedded):
        if path.is_file() and path not in found:
            major = _major_of(path)
            if major is not None:
                found[path] = major
    floor = max(server, at_least)
    exact = [PgTool(path, major) for path, major in found.items() if major == floor]
    newer = sorted((PgTool(path, major) for path, major in found.items() if major > floor), key=lambda t: t.major)
    if exact or newer:
        return (exact or newer)[0]
    seen = ", ".join(f"{path} ({major})" for path, major in found.items()) or "none"
    raise PgToolError(f"no {name} for PostgreSQL {floor} or newer (found: {seen}); install postgresql-client-{floor}")


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password (a command line is visible to every user) and the environment carrying it."""
    parts = urlsplit(plain_url(url))
    env = {}
    netloc = parts.netloc
    if "@" in netloc:
        credentials, host = netloc.rsplit("@", 1)
        user, _, password = credentials.partition(":")
        if password:
            env["PGPASSWORD"] = unquote(password)
        netloc = f"{user}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), env


def run_tool(tool: PgTool, args: list[str], url: str) -> None:
    target, env = libpq_target(url)
    completed = subprocess.run(  # noqa: S603 - a PostgreSQL binary found above, arguments built here
        [str(tool.path), *args, f"--dbname={target}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise PgToolError(f"{tool.path.name} failed: {' / '.join(detail[-3:])[:600]}")
