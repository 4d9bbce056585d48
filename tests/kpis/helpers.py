"""What the KPI tests share: applying payloads as notifications and sync pages, and reading a report."""

from __future__ import annotations

from datetime import date
from typing import Any

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.kpis.metrics import Comparison, Granularity, LocalRange, MetricData, MetricKey
from melihub.kpis.queries import KpiReportData, kpi_report
from melihub.resources import registry
from tests.kpis.payloads import bundle


async def notify(db: Database, account: MeliAccount, kind: str, raw: dict[str, Any]) -> None:
    """Apply one payload the way a notification's bundle is applied (its own transaction)."""
    async with db.tenant(account.tenant_id) as session:
        await registry.apply_bundle(session, account, bundle(kind, raw), None)


async def sync_page(db: Database, account: MeliAccount, kind: str, raws: list[dict[str, Any]]) -> None:
    """Apply payloads the way a sync commits a page (one transaction, batched appliers)."""
    async with db.tenant(account.tenant_id) as session:
        await registry.apply_batch(session, account, [bundle(kind, raw) for raw in raws])


def owner_of(account: MeliAccount, accounts: frozenset[Any] | None = None) -> Principal:
    return Principal(tenant_id=account.tenant_id, role=Role.OWNER, method=AuthMethod.SESSION, meli_account_ids=accounts)


async def report(
    db: Database,
    principal: Principal,
    first: date,
    last: date,
    granularity: Granularity = Granularity.DAY,
    compare_to: Comparison | None = None,
    account_ids: list[Any] | None = None,
) -> KpiReportData:
    async with db.tenant(principal.tenant_id) as session:
        return await kpi_report(
            session,
            principal=principal,
            range_=LocalRange(first, last),
            account_ids=account_ids,
            granularity=granularity,
            compare_to=compare_to,
        )


def metric(data: KpiReportData, key: MetricKey, currency: str | None = None) -> MetricData:
    found = [m for m in data.metrics if m.key is key and m.currency == currency]
    assert len(found) == 1, (key, currency, [(m.key, m.currency) for m in data.metrics])
    return found[0]
