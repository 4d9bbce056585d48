"""``melihub kpis rebuild [--tenant SLUG] [--since YYYY-MM-DD]``: recompute the rollups from the raw tables."""

from __future__ import annotations

import asyncio
import sys
from datetime import date

import click
from rich.console import Console

from melihub.db.engine import Database


@click.group("kpis")
def kpis_command() -> None:
    """KPI rollups (docs/kpis.md)."""


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date: {value!r} (use 2026-11-01)") from None


@kpis_command.command("rebuild")
@click.option("--tenant", "slug", default=None, help="Only this tenant (its slug).")
@click.option("--since", "since", default=None, help="From this local date (YYYY-MM-DD); default: the oldest row.")
def rebuild_command(slug: str | None, since: str | None) -> None:
    """Recompute every rollup from orders, shipments, questions and messages, a week per transaction."""
    from melihub.cli import load_settings
    from melihub.kpis.rebuild import UnknownTenant, rebuild, tenant_ids
    from melihub.stores import resolve_stores, stores_reachable

    console = Console()
    first = _since(since)
    settings = load_settings()
    with stores_reachable():
        urls = resolve_stores(settings)

        async def run() -> int:
            tenants = await tenant_ids(urls.admin_database_url, slug)
            db = Database(urls.app_database_url, pool_size=2)
            try:
                reports = await rebuild(db, tenants, since=first, echo=console.print)
            finally:
                await db.dispose()
            return len(reports)

        try:
            count = asyncio.run(run())
        except UnknownTenant:
            console.print(f"[red]no tenant has the slug {slug!r}[/red]")
            sys.exit(2)
    console.print(f"rebuilt the KPI rollups of {count} tenant(s)")
