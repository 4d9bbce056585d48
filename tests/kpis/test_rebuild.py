"""``melihub kpis rebuild``: the rollups recomputed from the raw tables, by tenant, from a date."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.kpis.metrics import MetricKey
from melihub.kpis.rebuild import rebuild_tenant
from melihub.runtime import Services
from melihub.testing.databases import DatabaseFactory
from melihub.testing.fixtures import SELLER_A
from tests.kpis import payloads
from tests.kpis.helpers import metric, owner_of, report, sync_page

ZONE = ZoneInfo("America/Sao_Paulo")


def _order(ml_id: int, day: date, amount: str) -> dict[str, object]:
    created = datetime(day.year, day.month, day.day, 12, tzinfo=ZONE)
    return payloads.order(
        ml_id,
        seller=SELLER_A,
        buyer=1,
        created=created,
        updated=created,
        status="paid",
        lines=[("MLB9", 1, Decimal(amount))],
    )


async def _gmv(services: Services, account: MeliAccount, first: date, last: date) -> Decimal | None:
    return metric(await report(services.db, owner_of(account), first, last), MetricKey.GMV, "BRL").total


async def _rollup_rows(services: Services, account: MeliAccount) -> int:
    async with services.db.tenant(account.tenant_id) as session:
        return int((await session.exec(text("SELECT count(*) FROM kpi_sales_hours"))).one()[0])  # type: ignore[call-overload]


async def test_rebuild_from_a_date_recomputes_only_from_it(services: Services, meli_account_a: MeliAccount) -> None:
    march, april = date(2026, 3, 2), date(2026, 4, 6)
    await sync_page(services.db, meli_account_a, "order", [_order(1, march, "10.00"), _order(2, april, "20.00")])
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        for table in ("kpi_sales_hours", "kpi_sales_days"):
            await session.exec(text(f"UPDATE {table} SET gmv = 999"))  # type: ignore[call-overload]

    rebuilt = await rebuild_tenant(services.db, meli_account_a.tenant_id, since=date(2026, 4, 1))

    assert rebuilt.first == date(2026, 4, 1) and rebuilt.slices >= 1
    assert await _gmv(services, meli_account_a, april, april) == Decimal("20.00")
    assert await _gmv(services, meli_account_a, march, march) == Decimal("999")  # before --since: left alone
    await rebuild_tenant(services.db, meli_account_a.tenant_id)
    assert await _gmv(services, meli_account_a, march, april) == Decimal("30.00")


async def test_the_command_rebuilds_a_tenant_by_slug(
    services: Services, meli_account_a: MeliAccount, database_factory: DatabaseFactory, db_name: str, redis_url: str
) -> None:
    day = date(2026, 3, 2)
    await sync_page(services.db, meli_account_a, "order", [_order(1, day, "10.00")])
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        await session.exec(text("DELETE FROM kpi_sales_hours"))  # type: ignore[call-overload]
    env = {**os.environ, "DATABASE_URL": database_factory.admin_url_of(db_name), "REDIS_URL": redis_url}

    def rebuild(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "melihub", "kpis", "rebuild", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    unknown = await asyncio.to_thread(rebuild, "--tenant", "nobody")
    done = await asyncio.to_thread(rebuild, "--tenant", "aurora", "--since", str(day - timedelta(days=1)))

    assert unknown.returncode == 2 and "no tenant has the slug 'nobody'" in unknown.stdout
    assert done.returncode == 0, done.stderr
    assert "aurora: 2026-03-01 … " in done.stdout and "rebuilt the KPI rollups of 1 tenant(s)" in done.stdout
    assert await _rollup_rows(services, meli_account_a) > 0
    assert await _gmv(services, meli_account_a, day, day) == Decimal("10.00")
