"""``melihub demo``: embedded stores, migrations, a demo tenant, the sandbox, API and worker."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import subprocess
import sys
import time

import click
import httpx

from melihub.accounts.service import AccountError, create_tenant
from melihub.config import get_settings
from melihub.db.engine import Database
from melihub.db.migrate import migrate
from melihub.demo_seed import seed
from melihub.stores import create_database_if_missing, resolve_stores, stores_reachable

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


@click.command()
@click.option("--port", type=int, default=None, help="API port (default MELIHUB_PORT or 8000).")
@click.option("--sandbox-port", type=int, default=8001, show_default=True)
def demo(port: int | None, sandbox_port: int) -> None:
    """Run the whole product locally with demo data from the sandbox."""
    if importlib.util.find_spec("melihub.sandbox") is None:  # the wheel leaves the sandbox out
        raise click.ClickException("the demo needs the Mercado Livre sandbox, which comes with a checkout (make demo)")
    settings = get_settings()
    port = port or settings.port
    with stores_reachable():
        urls = resolve_stores(settings, keep_embedded_running=True, export=True)
        create_database_if_missing(urls)
        migrate(urls.admin_database_url, settings)
        asyncio.run(ensure_demo_tenant(urls.app_database_url))
    base = f"http://{settings.host}:{port}"
    os.environ.setdefault("MELIHUB_PUBLIC_URL", base)
    os.environ.setdefault("MELIHUB_MELI_API_URL", f"http://127.0.0.1:{sandbox_port}")
    os.environ.setdefault("MELIHUB_MELI_AUTH_URL", f"http://127.0.0.1:{sandbox_port}")
    # Explicit handlers: started from a script or a background job, SIGINT may be ignored, and SIGTERM
    # must stop the children too (they used to outlive the demo and its stores).
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    children = [
        # Rebased: the reference world's sales happened "this week", inside the backfill's 30 days.
        _spawn(["sandbox", "--port", str(sandbox_port), "--callback-url", f"{base}/webhooks/meli", "--rebase-clock"]),
        _spawn(["serve", "--port", str(port), "--no-migrate"]),
        _spawn(["worker"]),
    ]
    try:
        sandbox = f"http://127.0.0.1:{sandbox_port}"
        if wait_until_ok(f"{base}/readyz") and wait_until_ok(f"{sandbox}/_sandbox/stats"):
            try:
                linked = seed(base, sandbox, DEMO_EMAIL, DEMO_PASSWORD)
                click.echo(f"demo data: {linked} sandbox sellers linked; their history is syncing")
            except Exception as exc:  # noqa: BLE001 - the product still runs; say why the data is missing
                click.echo(f"could not load demo data: {exc}", err=True)
            click.echo(
                f"\nmelihub is ready: dashboard {base}/ · GraphQL {base}/graphql — "
                f"sign in as {DEMO_EMAIL} / {DEMO_PASSWORD}\n"
            )
        else:
            click.echo("melihub did not become ready; see the logs above", err=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        _stop_children(children)
