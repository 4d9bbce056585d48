"""``melihub queue status``: the backlog per channel, counted across tenants, as a table."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from melihub.connections.models import MeliAccount
from melihub.events.models import IntegrationEvent
from melihub.events.queue_status import queue_status
from melihub.runtime import Services
from melihub.testing.databases import DatabaseFactory


def _event(
    account: MeliAccount, n: int, status: str, *, minutes_ago: int = 0, reprocessed: int = 0
) -> IntegrationEvent:
    return IntegrationEvent(
        tenant_id=account.tenant_id,
        meli_account_id=account.id,
        notification_id=f"q-{n}",
        topic="orders_v2",
        resource=f"/orders/{n}",
        status=status,
        reprocessed=reprocessed,
        received_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
    )


async def test_the_backlog_of_every_tenant_by_channel(
    services: Services,
    meli_account_a: MeliAccount,
    meli_account_b: MeliAccount,
    database_factory: DatabaseFactory,
    db_name: str,
    redis_url: str,
) -> None:
    for account, rows in (
        (meli_account_a, [("received", 30, 0), ("retrying", 5, 0), ("failed", 0, 0), ("processed", 0, 0)]),
        (meli_account_b, [("received", 1, 1), ("failed", 0, 0)]),
    ):
        async with services.db.tenant(account.tenant_id) as session:
            for n, (status, minutes_ago, reprocessed) in enumerate(rows):
                session.add(_event(account, n, status, minutes_ago=minutes_ago, reprocessed=reprocessed))

    status = await queue_status(services, "ML")
    [ml] = status.channels
    assert (ml.pending, ml.retrying, ml.failed, ml.reprocess_pending) == (3, 1, 2, 1)
    assert ml.oldest_pending is not None and datetime.now(UTC) - ml.oldest_pending > timedelta(minutes=29)
    assert [c.channel for c in (await queue_status(services, None)).channels] == ["ML", "HUB"]

    env = {
        **os.environ,
        "DATABASE_URL": database_factory.admin_url_of(db_name),
        "REDIS_URL": redis_url,
        "COLUMNS": "160",
    }

    def command(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "melihub", "queue", "status", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    shown = await asyncio.to_thread(command, "--channel", "ML")
    assert shown.returncode == 0, shown.stderr
    row = next(line for line in shown.stdout.splitlines() if line.strip("│ ").startswith("ML"))
    assert [cell.strip() for cell in row.strip("│").split("│")] == ["ML", "3", "30 min", "1", "2", "1"]
    refused = await asyncio.to_thread(command, "--channel", "SMS")
    assert refused.returncode == 2 and "SMS" in refused.stderr
