"""Every SALES, SERVICE and LOGISTICS metric equals plain SQL on the raw tables, over generated worlds.

Each example is a new tenant whose events (several accounts and currencies, packs, partial and full
refunds, cancellations, shipments on time, late and returned, questions in and out of SLA, threads) are
applied through the real appliers, as notifications or as sync pages, replayed and out of order. Its
reports (by DAY with the previous period, by MONTH with the previous year, and for one account only) must
match ``reference.expected``, the definitions as plain SQL; so must they once the rollups are emptied and
rebuilt by ``kpis rebuild``.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from melihub.accounts.service import create_tenant
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.kpis.metrics import (
    Comparison,
    Granularity,
    LocalRange,
    MetricData,
    MetricGroup,
    MetricKey,
    MetricUnit,
    bucket_starts,
)
from melihub.kpis.models import ROLLUP_TABLES
from melihub.kpis.queries import KpiReportData
from melihub.kpis.rebuild import rebuild_tenant
from melihub.resources import registry
from melihub.runtime import Services
from tests.kpis import reference
from tests.kpis.helpers import notify, owner_of, report
from tests.kpis.payloads import bundle
from tests.kpis.world import Event, worlds

CHECKED = {MetricGroup.SALES, MetricGroup.SERVICE, MetricGroup.LOGISTICS}
SUMS = {MetricKey.GMV, MetricKey.REFUNDED_AMOUNT}  # MONEY metrics that are sums (0 when empty); the ticket is a rate
REPORTS = (
    (date(2026, 3, 31), date(2026, 4, 29), Granularity.DAY, Comparison.PREVIOUS_PERIOD),  # compared: 1 to 30 March
    (date(2026, 3, 1), date(2026, 4, 29), Granularity.MONTH, Comparison.PREVIOUS_YEAR),
)


async def _accounts(db: Database, sellers: list[int]) -> list[MeliAccount]:
    tag = uuid.uuid4().hex[:12]
    tenant, _ = await create_tenant(
        db, name=f"Loja {tag}", owner_email=f"{tag}@kpi.example", owner_password="x" * 12, slug=f"kpi-{tag}"
    )
    accounts = [
        MeliAccount(tenant_id=tenant.id, ml_user_id=seller, site_id="MLB", nickname=f"S{seller}") for seller in sellers
    ]
    async with db.tenant(tenant.id) as session:
        session.add_all(accounts)
    return accounts


async def _apply(db: Database, accounts: list[MeliAccount], events: list[Event], pages: bool) -> None:
    """One by one as notifications, or as sync pages (consecutive events of one account, no entity twice)."""
    if not pages:
        for event in events:
            await notify(db, accounts[event.account], event.kind, event.raw)
        return
    page: list[Event] = []
    for event in [*events, None]:
        if page and (
            event is None
            or event.account != page[0].account
            or event.entity in {e.entity for e in page}
            or len(page) == 4
        ):
            async with db.tenant(accounts[0].tenant_id) as session:
                await registry.apply_batch(session, accounts[page[0].account], [bundle(e.kind, e.raw) for e in page])
            page = []
        if event is not None:
            page.append(event)


def _empty(metric: MetricData) -> Decimal | None:
    """What a metric is over no rows: 0 for counts and sums, nothing for rates and percentiles."""
    return Decimal(0) if metric.unit is MetricUnit.COUNT or metric.key in SUMS else None


def _close(actual: Decimal | None, wanted: Decimal | None) -> bool:
    if actual is None or wanted is None:
        return actual is wanted
    return abs(actual - wanted) <= Decimal("1e-9") * max(Decimal(1), abs(wanted))


def _series_match(
    metric: MetricData, values: reference.Values, range_: LocalRange, granularity: Granularity, previous: bool
) -> None:
    starts = bucket_starts(range_, granularity)
    for index, point in enumerate(metric.series):
        got = point.previous if previous else point.value
        wanted = values.get(starts[index].date(), _empty(metric)) if index < len(starts) else None
        assert _close(got, wanted), (metric.key, metric.currency, previous, point.start, got, wanted)


async def _expected(
    db: Database, accounts: list[MeliAccount], range_: LocalRange, data: KpiReportData
) -> reference.Expected:
    async with db.tenant(accounts[0].tenant_id) as session:
        return await reference.expected(session, range_, data.granularity, [a.id for a in accounts])


async def _matches(db: Database, accounts: list[MeliAccount], data: KpiReportData) -> None:
    now = await _expected(db, accounts, data.range_, data)
    before = await _expected(db, accounts, data.compared_range, data) if data.compared_range else None
    checked = [m for m in data.metrics if m.group in CHECKED]
    assert {key for key in now.metrics if key[1] is not None} <= {(m.key, m.currency) for m in checked}
    for metric in checked:
        values = now.metrics.get((metric.key, metric.currency), {})
        assert _close(metric.total, values.get(None, _empty(metric))), (metric.key, metric.currency, metric.total)
        _series_match(metric, values, data.range_, data.granularity, previous=False)
        if before is not None and data.compared_range is not None:
            old = before.metrics.get((metric.key, metric.currency), {})
            assert _close(metric.previous, old.get(None, _empty(metric))), (metric.key, "previous", metric.previous)
            _series_match(metric, old, data.compared_range, data.granularity, previous=True)


async def _reports(db: Database, accounts: list[MeliAccount]) -> list[KpiReportData]:
    owner = owner_of(accounts[0])
    found = [
        await report(db, owner, first, last, granularity, compare) for first, last, granularity, compare in REPORTS
    ]
    first, last, granularity, compare = REPORTS[0]
    found.append(await report(db, owner, first, last, granularity, compare, account_ids=[accounts[0].id]))
    return found


def _figures(data: KpiReportData) -> list[tuple[object, ...]]:
    return [(m.key, m.currency, m.total, m.previous, [(p.value, p.previous) for p in m.series]) for m in data.metrics]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(world=worlds(), pages=st.booleans())
async def test_every_metric_equals_sql_on_the_raw_tables(
    services: Services, world: tuple[list[int], list[Event]], pages: bool
) -> None:
    sellers, events = world
    accounts = await _accounts(services.db, sellers)
    await _apply(services.db, accounts, events, pages)

    reports = await _reports(services.db, accounts)
    for data, scope in zip(reports, ([*accounts], [*accounts], [accounts[0]]), strict=True):
        await _matches(services.db, scope, data)

    async with services.db.tenant(accounts[0].tenant_id) as session:
        for table in ROLLUP_TABLES:
            await session.exec(text(f"DELETE FROM {table}"))  # type: ignore[call-overload]
    await rebuild_tenant(services.db, accounts[0].tenant_id)
    rebuilt = await _reports(services.db, accounts)
    for again, first in zip(rebuilt, reports, strict=True):
        assert [(m.key, m.currency) for m in again.metrics] == [(m.key, m.currency) for m in first.metrics]
        for a, b in zip(_figures(again), _figures(first), strict=True):
            assert a == b
