"""``melihub queue status [--channel ML|HUB]``: what waits, retries and failed, in a table."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import click
from rich.console import Console
from rich.table import Table

from melihub.events.queue_status import CHANNEL_SOURCES, QueueStatus, queue_status


@click.group("queue")
def queue_command() -> None:
    """The integration queue: notifications waiting for the workers, retries, failures."""


def _age(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "—"
    seconds = int((now - moment).total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def render(status: QueueStatus, now: datetime) -> Table:
    table = Table(title="integration queue")
    for header in ("channel", "pending", "oldest pending", "retrying", "failed", "reprocesses pending"):
        table.add_column(header, justify="left" if header == "channel" else "right")
    for backlog in status.channels:
        table.add_row(
            backlog.channel,
            str(backlog.pending),
            _age(backlog.oldest_pending, now),
            str(backlog.retrying),
            str(backlog.failed),
            str(backlog.reprocess_pending),
        )
    return table


@queue_command.command("status")
@click.option("--channel", type=click.Choice(sorted(CHANNEL_SOURCES), case_sensitive=False), default=None)
def status_command(channel: str | None) -> None:
    """Backlog, oldest pending, retrying, failed and pending reprocesses (per channel), and queued jobs."""
    from melihub.config import ConfigError, get_settings
    from melihub.runtime import Services
    from melihub.stores import resolve_stores, stores_reachable

    console = Console()
    try:
        settings = get_settings()
    except (ConfigError, ValueError) as exc:
        raise click.ClickException(f"configuration error: {exc}") from None
    with stores_reachable():
        urls = resolve_stores(settings)

        async def run() -> QueueStatus:
            services = Services.create(settings, urls.app_database_url, urls.redis_url)
            try:
                return await queue_status(services, channel.upper() if channel else None)
            finally:
                await services.close()

        status = asyncio.run(run())
    now = datetime.now(UTC)
    console.print(render(status, now))
    console.print(f"jobs waiting for a worker: {status.queued_jobs}")
    for name, (count, oldest) in sorted(status.notifications.items()):
        console.print(f"hub ready notifications {name}: {count} (oldest {_age(oldest, now)})")
