"""``melihub sync --account ID --since DATE``: a backfill in the foreground, a progress bar per resource.

Exits 0 when the run succeeds; otherwise 1 (failed or cancelled) or 3 (the account needs
re-authorisation), printing the reason. When the account already has a run a worker is working, the
command follows that run instead of starting a second one.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from melihub.connections.maintenance import DirectoryEntry, directory
from melihub.connections.runtime import install_meli
from melihub.runtime import Services
from melihub.sync import engine, queries, service
from melihub.sync.models import FINISHED_STATUSES, RESOURCES, RunKind, RunStatus, SyncRun

EXIT_FAILED = 1
EXIT_REAUTH = 3
POLL_S = 0.5


def find_account(entries: list[DirectoryEntry], wanted: str) -> DirectoryEntry | None:
    """By our account id (uuid) or by the Mercado Livre user id."""
    for entry in entries:
        if wanted == str(entry.account_id) or (wanted.isdigit() and int(wanted) == entry.ml_user_id):
            return entry
    return None


def parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date: {value!r} (use 2026-11-01 or 2026-11-01T00:00:00-03:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _follow(services: Services, run: SyncRun, worker: asyncio.Task[engine.Outcome] | None) -> SyncRun:
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bars:
        tasks: dict[str, TaskID] = {name: bars.add_task(name, total=None) for name in RESOURCES}
        while True:
            async with services.db.tenant(run.tenant_id) as session:
                current = await queries.run_by_id(session, run.id)
            assert current is not None
            for name, task in tasks.items():
                counts = current.progress.get(name, {})
                bars.update(task, completed=counts.get("done", 0), total=counts.get("total") or None)
            if current.status not in (RunStatus.QUEUED.value, RunStatus.RUNNING.value) or (worker and worker.done()):
                if worker is not None:
                    await worker
                    async with services.db.tenant(run.tenant_id) as session:
                        current = await queries.run_by_id(session, run.id) or current
                    for name, task in tasks.items():
                        counts = current.progress.get(name, {})
                        bars.update(task, completed=counts.get("done", 0), total=counts.get("total") or 0)
                if current.status in FINISHED_STATUSES or current.status == RunStatus.REAUTH_REQUIRED.value:
                    return current
            await asyncio.sleep(POLL_S)


async def run_sync(services: Services, wanted: str, since: datetime | None) -> SyncRun:
    entry = find_account(await directory(services), wanted)
    if entry is None:
        raise click.ClickException(f"no linked Mercado Livre account {wanted!r} (give its user id or melihub id)")
    run, joined = await service.queue_run(
        services, entry.tenant_id, entry.account_id, kind=RunKind.BACKFILL, since=since
    )
    if joined:
        Console(stderr=True).print(f"[yellow]the account already has a {run.kind} run ({run.status}); following it[/]")
    worker = asyncio.create_task(engine.execute(services, run.tenant_id, run.id))
    finished = await _follow(services, run, worker)
    return finished


@click.command("sync")
@click.option("--account", "wanted", required=True, help="The Mercado Livre user id, or melihub's account id.")
@click.option("--since", default=None, help="Backfill from this date (default: the setting, 30 days).")
def sync_command(wanted: str, since: str | None) -> None:
    """Backfill one account now, in the foreground, with progress per resource."""
    from melihub.config import ConfigError, get_settings
    from melihub.events import timeline_notes
    from melihub.stores import resolve_stores, stores_reachable

    try:
        settings = get_settings()
    except (ConfigError, ValueError) as exc:
        raise click.ClickException(f"configuration error: {exc}") from None
    moment = parse_since(since)

    async def run(database_url: str, redis_url: str) -> SyncRun:
        services = await Services.create(settings, database_url, redis_url).start()
        install_meli(services, timeline_notes.record)
        try:
            return await run_sync(services, wanted, moment)
        finally:
            await services.close()

    with stores_reachable():
        urls = resolve_stores(settings)
        finished = asyncio.run(run(urls.app_database_url, urls.redis_url))
    total = sum(int(c.get("done", 0)) for c in finished.progress.values())
    line = f"sync {finished.status}: {total} records, {finished.requests} requests, {finished.errors} errors"
    if finished.status == RunStatus.SUCCEEDED.value:
        click.echo(line)
        for note in finished.notes:
            click.echo(f"  note: {note}")
        return
    click.echo(f"{line}; {finished.reason or 'no reason recorded'}", err=True)
    sys.exit(EXIT_REAUTH if finished.status == RunStatus.REAUTH_REQUIRED.value else EXIT_FAILED)
