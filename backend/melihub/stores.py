"""Where PostgreSQL and Redis are: the configured servers, or embedded ones under the data folder."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click
from redis.exceptions import RedisError
from sqlalchemy import make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

from melihub.config import Settings
from melihub.db.engine import app_url_for, async_url, with_database
from melihub.embedded import postgres_running, start_postgres, start_redis

EMBEDDED_DATABASE = "melihub"


@dataclass(frozen=True)
class StoreUrls:
    admin_database_url: str  # owns the schema; used by migrations only
    app_database_url: str  # the row-level-security-bound role every request and job uses
    redis_url: str
    embedded_postgres: bool
    embedded_redis: bool
    # Embedded servers this process started (not joined): what ``melihub demo`` stops when it stops.
    started_postgres: bool = False
    started_redis: bool = False


async def _ensure_database(maintenance_url: str, name: str) -> None:
    engine = create_async_engine(async_url(maintenance_url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            found = (await conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})).scalar()
            if not found:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


def create_database_if_missing(urls: StoreUrls) -> None:
    """A first run against a fresh server: create the database DATABASE_URL names (best effort).

    Needs a connection to the server's ``postgres`` database; where that is not allowed (managed
    servers), the database must exist already and the real connection reports it if not. The
    embedded server's database was created when it started.
    """
    url = make_url(urls.admin_database_url)
    if urls.embedded_postgres or not url.database or url.database == "postgres":
        return
    maintenance = url.set(database="postgres").render_as_string(hide_password=False)
    try:
        _run_blocking(_ensure_database(maintenance, url.database))
    except (OSError, SQLAlchemyError):
        return


def _run_blocking(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to completion from sync code, even when called under a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def resolve_stores(settings: Settings, *, keep_embedded_running: bool = False, export: bool = False) -> StoreUrls:
    """Start what is missing; with ``export``, put the URLs in the environment for child processes."""
    embedded_pg = not settings.database_url
    started_pg = False
    if settings.database_url:
        admin_url = settings.database_url
    else:
        started_pg = not postgres_running(settings.data_dir)
        maintenance = start_postgres(settings.data_dir, stop_on_exit=not keep_embedded_running)
        _run_blocking(_ensure_database(maintenance, EMBEDDED_DATABASE))
        admin_url = with_database(maintenance, EMBEDDED_DATABASE)
    started_redis = False
    if settings.redis_url:
        redis_url = settings.redis_url
    else:
        embedded_redis = start_redis(settings.data_dir)
        redis_url, started_redis = embedded_redis.url, embedded_redis.started_here
    urls = StoreUrls(
        admin_database_url=admin_url,
        app_database_url=app_url_for(settings, admin_url),
        redis_url=redis_url,
        embedded_postgres=embedded_pg,
        embedded_redis=not settings.redis_url,
        started_postgres=started_pg,
        started_redis=started_redis,
    )
    if export:
        os.environ["DATABASE_URL"] = urls.admin_database_url
        os.environ["REDIS_URL"] = urls.redis_url
    return urls


@contextmanager
def stores_reachable() -> Iterator[None]:
    """For commands: PostgreSQL or Redis unreachable or refusing is one clear line and exit code 2."""
    try:
        yield
    except (OSError, SQLAlchemyError, RedisError) as exc:
        click.echo(f"cannot use the database or Redis: {str(exc).splitlines()[0][:300]}", err=True)
        sys.exit(2)
