"""``melihub demo``: embedded stores, migrations, a demo tenant, the sandbox, API and worker."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import httpx

from melihub.accounts.service import AccountError, create_tenant
from melihub.config import Settings, get_settings
from melihub.db.engine import Database
from melihub.db.migrate import migrate
from melihub.demo_seed import seed
from melihub.embedded import stop_postgres, stop_redis
from melihub.observability import configure_logging
from melihub.stores import StoreUrls, create_database_if_missing, resolve_stores, stores_reachable

DEMO_EMAIL = "demo@melihub.dev"
DEMO_PASSWORD = "melihub-demo"
DEMO_SLUG = "demo"


async def ensure_demo_tenant(app_database_url: str) -> None:
    db = Database(app_database_url, pool_size=1)
    try:
        await create_tenant(db, name="Loja Demo", owner_email=DEMO_EMAIL, owner_password=DEMO_PASSWORD, slug=DEMO_SLUG)
    except AccountError:
        pass  # created by an earlier run: the embedded data survives restarts
    finally:
        await db.dispose()


class _Stop(Exception):
    """SIGTERM (or SIGINT) asked the demo to stop."""


def _raise_stop(_signum: int, _frame: object) -> None:
    raise _Stop


def _stop_children(children: list[subprocess.Popen[bytes]], timeout_s: float = 15.0) -> None:
    """SIGTERM every child, then SIGKILL whatever still runs at one shared deadline."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "melihub", *args], env=os.environ.copy())  # noqa: S603


def wait_until_ok(url: str, timeout_s: float = 60) -> bool:
    """Poll ``url`` until it answers 200 (True) or ``timeout_s`` passes (False)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    return False


def stop_stores(urls: StoreUrls, data_dir: Path) -> None:
    """Stop the embedded servers this demo started; say so for the ones another process started."""
    if urls.started_redis:
        stop_redis(data_dir)
    if urls.started_postgres:
        stop_postgres(data_dir)
    stopped = [name for name, mine in (("PostgreSQL", urls.started_postgres), ("Redis", urls.started_redis)) if mine]
    if stopped:
        click.echo(f"stopped the embedded {' and '.join(stopped)} this demo started")
    folder = data_dir.resolve()
    if urls.embedded_postgres and not urls.started_postgres:
        click.echo(
            f"the embedded PostgreSQL under {folder / 'postgres'} was running before the demo, so it keeps running;"
            f" it stops with the melihub process that started it,"
            f" or: kill -INT $(head -1 {folder}/postgres/postmaster.pid)"
        )
    if urls.embedded_redis and not urls.started_redis:
        click.echo(
            f"the embedded Redis under {folder / 'redis'} was running before the demo, so it keeps running;"
            f" to stop it: kill $(cat {folder}/redis/redis.pid)"
        )


def _prepare(settings: Settings) -> StoreUrls:
    with stores_reachable():
        urls = resolve_stores(settings, keep_embedded_running=True, export=True)
        create_database_if_missing(urls)
        migrate(urls.admin_database_url, settings)
        asyncio.run(ensure_demo_tenant(urls.app_database_url))
    return urls


def _run(children: list[subprocess.Popen[bytes]], base: str, sandbox_port: int) -> None:
    """Seed the demo data once everything answers, then wait until a child ends or a signal comes."""
    sandbox = f"http://127.0.0.1:{sandbox_port}"
    if wait_until_ok(f"{base}/readyz") and wait_until_ok(f"{sandbox}/_sandbox/stats"):
        try:
            linked = seed(base, sandbox, DEMO_EMAIL, DEMO_PASSWORD)
            click.echo(f"demo data: {linked} sandbox sellers linked; their history is syncing")
        except Exception as exc:  # noqa: BLE001 - the product still runs; say why the data is missing
            click.echo(f"could not load demo data: {exc}", err=True)
        click.echo(
            f"\nmelihub is ready: dashboard {base}/ · GraphQL {base}/graphql — "
            f"sign in as {DEMO_EMAIL} / {DEMO_PASSWORD} (Ctrl+C stops it all)\n"
        )
    else:
        click.echo("melihub did not become ready; see the logs above", err=True)
    while all(child.poll() is None for child in children):
        time.sleep(0.5)


@click.command()
@click.option("--port", type=int, default=None, help="API port (default MELIHUB_PORT or 8000).")
@click.option("--sandbox-port", type=int, default=8001, show_default=True)
def demo(port: int | None, sandbox_port: int) -> None:
    """Run the whole product locally with demo data from the sandbox; Ctrl+C or SIGTERM stops it all."""
    if importlib.util.find_spec("melihub.sandbox") is None:  # the wheel leaves the sandbox out
        raise click.ClickException("the demo needs the Mercado Livre sandbox, which comes with a checkout (make demo)")
    # A person reads the demo's terminal: coloured console lines, for its children too (they inherit it).
    os.environ.setdefault("MELIHUB_LOG_JSON", "false")
    get_settings.cache_clear()
    settings = get_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    port = port or settings.port
    # Explicit handlers, before the stores start: started from a script or a background job, SIGINT may be
    # ignored, and SIGTERM must stop the children and the embedded stores too (they used to outlive the demo).
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    urls: StoreUrls | None = None
    children: list[subprocess.Popen[bytes]] = []
    try:
        urls = _prepare(settings)
        base = f"http://{settings.host}:{port}"
        os.environ.setdefault("MELIHUB_PUBLIC_URL", base)
        os.environ.setdefault("MELIHUB_MELI_API_URL", f"http://127.0.0.1:{sandbox_port}")
        os.environ.setdefault("MELIHUB_MELI_AUTH_URL", f"http://127.0.0.1:{sandbox_port}")
        callback = f"{base}/webhooks/meli"
        children = [
            # Rebased: the reference world's sales happened "this week", inside the backfill's 30 days.
            _spawn(["sandbox", "--port", str(sandbox_port), "--callback-url", callback, "--rebase-clock"]),
            _spawn(["serve", "--port", str(port), "--no-migrate"]),
            _spawn(["worker"]),
        ]
        _run(children, base, sandbox_port)
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        _stop_children(children)
        if urls is not None:
            stop_stores(urls, settings.data_dir)
