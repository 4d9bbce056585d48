"""The ``melihub`` command: serve, worker, migrate, demo, sync, admin, audit, keys, backup, export-schema, sandbox."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from pathlib import Path

import click
from rich.console import Console

from melihub import metrics_dir
from melihub.config import ConfigError, Settings, get_settings
from melihub.observability import configure_logging, get_logger

console = Console(stderr=True)


def load_settings() -> Settings:
    try:
        return get_settings()
    except (ConfigError, ValueError) as exc:
        console.print(f"[red]configuration error:[/red] {exc}")
        sys.exit(2)


@click.group()
def main() -> None:
    """melihub — operations hub for Mercado Livre sellers."""


@main.command()
@click.option("--host", default=None, help="Bind address (MELIHUB_HOST).")
@click.option("--port", type=int, default=None, help="Port (MELIHUB_PORT).")
@click.option("--workers", type=int, default=1, show_default=True, help="API processes.")
@click.option("--migrate/--no-migrate", default=None, help="Migrate first (default: only for embedded stores).")
def serve(host: str | None, port: int | None, workers: int, migrate: bool | None) -> None:
    """Run the API (GraphQL, webhooks, health)."""
    import uvicorn

    from melihub.db.migrate import migrate as run_migrations
    from melihub.stores import resolve_stores

    settings = load_settings()
    metrics_dir.prepare(settings.metrics_folder)  # the API processes (and workers here) share /metrics
    urls = resolve_stores(settings, keep_embedded_running=workers > 1, export=True)
    if migrate or (migrate is None and urls.embedded_postgres):
        run_migrations(urls.admin_database_url, settings)
    get_settings.cache_clear()
    uvicorn.run(
        "melihub.app:create_app_from_env",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_config=None,
        proxy_headers=True,
        ws_ping_interval=20,
        lifespan="on",
    )


@main.command()
def worker() -> None:
    """Run a background worker (arq): notification processing, sync, crons."""
    from arq.worker import run_worker
    from redis.exceptions import RedisError

    from melihub.stores import resolve_stores
    from melihub_workers.settings import WorkerSettings, redis_settings

    settings = load_settings()
    configure_logging(settings.log_level, json=settings.log_json)
    metrics_dir.prepare(settings.metrics_folder)  # read by the /metrics of the APIs of this machine
    resolve_stores(settings, export=True)
    get_settings.cache_clear()
    _use_uvloop()
    # arq's worker exits when Redis goes away; start it again rather than leaving a dead process behind.
    delay = 1.0
    while True:
        started = time.monotonic()
        try:
            run_worker(WorkerSettings, redis_settings=redis_settings())  # type: ignore[arg-type]
            return
        except (RedisError, OSError) as exc:
            _restore_signals()
            delay = 1.0 if time.monotonic() - started > 60 else min(delay * 2, 30.0)
            get_logger("melihub.worker").warning("worker.redis_lost", error=type(exc).__name__, restart_in_s=delay)
            time.sleep(delay)


def _restore_signals() -> None:
    """arq's handlers stay on the loop it left when Redis went away; the loop waits no more, so SIGTERM
    must stop the process again while it sleeps before the next try (a fresh loop for that try)."""
    loop = asyncio.get_event_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.remove_signal_handler(number)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    loop.close()
    asyncio.set_event_loop(asyncio.new_event_loop())


def _use_uvloop() -> None:
    """uvloop (uvicorn's, which the API already runs on) for the worker too: a sync's worker is bound by
    the CPU of its event loop, HTTP client and drivers, and uvloop takes a good share of the loop's."""
    try:
        import uvloop
    except ImportError:  # a platform without it: the standard loop works, a little slower
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    asyncio.set_event_loop(asyncio.new_event_loop())


@main.command()
def migrate() -> None:
    """Upgrade the schema to head and refresh the application role's grants (idempotent)."""
    from melihub.db.migrate import migrate as run_migrations
    from melihub.stores import create_database_if_missing, resolve_stores, stores_reachable

    settings = load_settings()
    with stores_reachable():
        urls = resolve_stores(settings)
        create_database_if_missing(urls)
        run_migrations(urls.admin_database_url, settings)
    console.print("[green]database is at head[/green]")


@main.command("export-schema")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="File (default: stdout).")
@click.option("--check", is_flag=True, help="Exit 1 if the file differs from the code's schema.")
def export_schema(output: Path | None, check: bool) -> None:
    """Print the GraphQL schema (SDL) generated from the code."""
    from melihub.graphql.schema import schema_sdl

    sdl = schema_sdl()
    if check:
        target = output or Path("schema.graphql")
        if not target.exists() or target.read_text() != sdl:
            console.print(f"[red]{target} is stale: run `melihub export-schema -o {target}`[/red]")
            sys.exit(1)
        return
    if output:
        output.write_text(sdl)
    else:
        click.echo(sdl, nl=False)


@main.group()
def admin() -> None:
    """Administrative tasks."""


@admin.command("create-tenant")
@click.option("--name", required=True)
@click.option("--owner-email", required=True)
@click.option("--password", required=True, help="The owner's password (ignored if the user exists).")
@click.option("--slug", default=None)
def create_tenant(name: str, owner_email: str, password: str, slug: str | None) -> None:
    """Create a tenant and its first owner."""
    from melihub.accounts.service import AccountError
    from melihub.accounts.service import create_tenant as create
    from melihub.db.engine import Database
    from melihub.stores import resolve_stores

    settings = load_settings()
    urls = resolve_stores(settings)

    async def run() -> None:
        db = Database(urls.app_database_url, pool_size=1)
        try:
            tenant, user = await create(db, name=name, owner_email=owner_email, owner_password=password, slug=slug)
        finally:
            await db.dispose()
        click.echo(f"tenant {tenant.slug} ({tenant.id}) created; owner {user.email}")

    try:
        asyncio.run(run())
    except AccountError as exc:
        console.print(f"[red]{exc}[/red]")
        sys.exit(1)


@main.group()
def audit() -> None:
    """The audit log: every change, hash-chained per tenant."""


@audit.command("verify")
@click.option("--tenant", "slug", default=None, help="Only this tenant (its slug).")
def audit_verify(slug: str | None) -> None:
    """Recompute each tenant's audit chain; exit 1 naming the first row changed, removed or inserted."""
    from melihub.audit.verify import UnknownTenant, render, verify_chains
    from melihub.stores import resolve_stores, stores_reachable

    settings = load_settings()
    with stores_reachable():
        urls = resolve_stores(settings)
        try:
            reports = asyncio.run(verify_chains(urls.admin_database_url, slug))
        except UnknownTenant:
            console.print(f"[red]no tenant has the slug {slug!r}[/red]")
            sys.exit(2)
    render(reports, Console())
    if any(not report.intact for report in reports):
        sys.exit(1)


@main.group()
def keys() -> None:
    """Encryption keys for Mercado Livre tokens at rest."""


@keys.command("generate")
@click.option("--id", "key_id", required=True, help="Key id (no dots), e.g. k2026a.")
def keys_generate(key_id: str) -> None:
    """Print a new 'id:base64key' entry to put first in MELIHUB_TOKEN_KEYS."""
    from melihub.security.keyring import generate_key_spec

    click.echo(generate_key_spec(key_id))


@keys.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every stored token (and TOTP secret) with the first key of MELIHUB_TOKEN_KEYS."""
    from melihub.accounts.flows import rotate_mfa_secrets
    from melihub.connections.maintenance import rotate_token_keys
    from melihub.runtime import Services
    from melihub.stores import resolve_stores

    settings = load_settings()
    urls = resolve_stores(settings)

    async def run() -> tuple[int, int]:
        services = Services.create(settings, urls.app_database_url, urls.redis_url)
        try:
            return await rotate_token_keys(services), await rotate_mfa_secrets(services)
        finally:
            await services.close()

    changed, mfa_secrets = asyncio.run(run())
    click.echo(f"re-encrypted the tokens of {changed} account(s) with key {settings.token_keys[0].split(':')[0]}")
    click.echo(f"re-encrypted the second-factor secrets of {mfa_secrets} user(s)")

    async def run_webhooks() -> int:
        from melihub.integrator_webhooks.maintenance import rotate_secret_keys

        services = Services.create(settings, urls.app_database_url, urls.redis_url)
        try:
            return await rotate_secret_keys(services)
        finally:
            await services.close()

    click.echo(f"re-encrypted the signing secrets of {asyncio.run(run_webhooks())} webhook subscription(s)")


def _register_optional_commands() -> None:
    from melihub.backup.cli import backup_command
    from melihub.demo import demo
    from melihub.events.cli import queue_command
    from melihub.kpis.cli import kpis_command
    from melihub.sync.cli import sync_command

    main.add_command(backup_command)
    main.add_command(demo)
    main.add_command(kpis_command)
    main.add_command(queue_command)
    main.add_command(sync_command)
    try:
        from melihub.sandbox.cli import sandbox
    except ImportError:  # the sandbox ships with melihub; absent only in a partial checkout
        return
    main.add_command(sandbox)


_register_optional_commands()
