"""The raw-payload retention: the cron's purge replaces old processed payloads, keeps the rows and the rest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.events.models import IntegrationEvent
from melihub.privacy import retention
from melihub.runtime import Services
from melihub_workers.tasks.privacy import purge_raw_payloads
from tests.kpis.helpers import owner_of

PAYLOAD = {"resource": "/orders/1", "topic": "orders_v2", "user_id": 1}


async def _events(services: Services, account: MeliAccount, *specs: tuple[str, int, str, str]) -> None:
    """(notification id, age in days, status, source) each."""
    now = utcnow()
    async with services.db.tenant(account.tenant_id) as session:
        for notification_id, days, status, source in specs:
            session.add(
                IntegrationEvent(
                    tenant_id=account.tenant_id,
                    meli_account_id=account.id,
                    source=source,
                    notification_id=notification_id,
                    topic="orders_v2",
                    resource="/orders/1",
                    payload=PAYLOAD,
                    status=status,
                    received_at=now - timedelta(days=days),
                    processed_at=now - timedelta(days=days),
                )
            )


async def _payloads(services: Services, account: MeliAccount) -> dict[str, Any]:
    async with services.db.tenant(account.tenant_id) as session:
        rows = (await session.exec(text("SELECT notification_id, status, payload FROM integration_events"))).all()  # type: ignore[call-overload]
    return {row.notification_id: (row.status, row.payload) for row in rows}


async def test_the_cron_purges_old_processed_payloads_only_and_keeps_every_row(
    services: Services, meli_account_a: MeliAccount, meli_account_b: MeliAccount
) -> None:
    await _events(
        services,
        meli_account_a,
        ("old", 120, "processed", "meli"),
        ("old-failed", 100, "failed", "meli"),
        ("old-pending", 120, "retrying", "meli"),  # the pipeline may still need it
        ("old-note", 120, "processed", "melihub"),  # melihub's own timeline note
        ("recent", 30, "processed", "meli"),
    )
    await _events(services, meli_account_b, ("b-old", 120, "processed", "meli"), ("b-older", 400, "processed", "meli"))
    async with services.db.tenant(meli_account_b.tenant_id) as session:  # tenant B keeps a year
        await retention.set_retention_days(session, owner_of(meli_account_b), 365)

    result = await purge_raw_payloads({"services": services})

    assert result == {"tenants": 2, "purged": 3}
    a = await _payloads(services, meli_account_a)
    assert set(a) == {"old", "old-failed", "old-pending", "old-note", "recent"}
    assert set(a["old"][1]) == {"purged_at"} and a["old"][0] == "processed" and set(a["old-failed"][1]) == {"purged_at"}
    assert a["old-pending"][1] == a["old-note"][1] == a["recent"][1] == PAYLOAD
    b = await _payloads(services, meli_account_b)
    assert b["b-old"][1] == PAYLOAD and set(b["b-older"][1]) == {"purged_at"}
    assert await purge_raw_payloads({"services": services}) == {"tenants": 0, "purged": 0}  # once only


async def test_zero_keeps_every_payload_and_bad_values_are_refused(
    services: Services, meli_account_a: MeliAccount, tenant_a: tuple[Tenant, User]
) -> None:
    await _events(services, meli_account_a, ("ancient", 3000, "processed", "meli"))
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert await retention.retention_days(session) == 90
        await retention.set_retention_days(session, owner_of(meli_account_a), 0)
        for bad in (-1, 3651):
            with pytest.raises(DomainError) as refused:
                await retention.set_retention_days(session, owner_of(meli_account_a), bad)
            assert (refused.value.code, refused.value.field) == ("INVALID_RETENTION", "days")
        assert await retention.retention_days(session) == 0
    assert await purge_raw_payloads({"services": services}, now=utcnow() + timedelta(days=1)) == {
        "tenants": 0,
        "purged": 0,
    }
    assert (await _payloads(services, meli_account_a))["ancient"][1] == PAYLOAD
