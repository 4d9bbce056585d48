"""Idempotency keys and versions: one row per applied resource version, per tenant."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text

from melihub.db.idempotent import claim_version, content_version, idempotency_key, version_of
from melihub.meli.values import ml_time, money


async def keys(services, tenant_id) -> list[tuple]:
    async with services.db.tenant(tenant_id) as session:
        result = await session.exec(text("SELECT key, event_id FROM idempotency_keys ORDER BY key"))  # type: ignore[call-overload]
        return [tuple(row) for row in result.all()]


def test_key_format() -> None:
    tenant = uuid.UUID("6f1d2c3b-0000-4000-8000-000000000001")
    assert idempotency_key(tenant, "order", 2000009876543201, "v1741633304000000") == (
        f"ML|{tenant}|ORDER|2000009876543201|v1741633304000000"
    )
    assert idempotency_key(tenant, "ITEM", "MLB1", 42) == f"ML|{tenant}|ITEM|MLB1|v42"


def test_version_is_microseconds_of_last_updated_in_utc() -> None:
    version = version_of({"last_updated": "2026-10-02T14:20:11.000-04:00"})
    expected = datetime(2026, 10, 2, 18, 20, 11, tzinfo=UTC)
    assert version.at == expected
    assert version.token == f"v{int((expected - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()) * 1_000_000}"
    assert version_of({"date_last_updated": "2026-10-02T18:20:11.000Z"}).token == version.token
    assert version_of({"last_updated": "2026-10-02T18:20:11.001Z"}).token != version.token


def test_times_are_timezone_aware_and_money_is_exact() -> None:
    at = ml_time("2025-03-10T15:01:44.000-04:00")
    assert at is not None and at.utcoffset() == timedelta(hours=-4)
    assert at == datetime(2025, 3, 10, 19, 1, 44, tzinfo=UTC)
    assert ml_time("2025-03-10T19:01:44Z") == at
    assert ml_time(None) is None and ml_time("not a date") is None
    assert money(59.9) == Decimal("59.9") and money(0.1) + money(0.2) == Decimal("0.3")
    assert money(None) is None


def test_content_version_moves_when_payload_changes_without_a_timestamp() -> None:
    question = {"id": 1, "status": "UNANSWERED", "date_created": "2025-03-13T15:02:11.412-04:00"}
    at = ml_time(question["date_created"])
    first = content_version(question, at)
    assert first == content_version(dict(question), at)
    banned = content_version({**question, "status": "BANNED"}, at)
    assert banned.token != first.token and banned.at == first.at
    assert first.token.startswith("v")


async def test_claim_inserts_once_per_version(services, meli_account_a, meli_account_b) -> None:
    event = uuid.uuid4()
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert await claim_version(session, meli_account_a, "ORDER", "2000009876543201", "v1", event_id=event)
        assert not await claim_version(session, meli_account_a, "ORDER", "2000009876543201", "v1")
        assert await claim_version(session, meli_account_a, "ORDER", "2000009876543201", "v2")
        assert await claim_version(session, meli_account_a.tenant_id, "SHIPMENT", "2000009876543201", "v1")
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert not await claim_version(session, meli_account_a, "order", "2000009876543201", "v2")
    tenant = meli_account_a.tenant_id
    assert await keys(services, tenant) == [
        (f"ML|{tenant}|ORDER|2000009876543201|v1", event),
        (f"ML|{tenant}|ORDER|2000009876543201|v2", None),
        (f"ML|{tenant}|SHIPMENT|2000009876543201|v1", None),
    ]
    # Another tenant has its own keys and sees none of tenant A's.
    async with services.db.tenant(meli_account_b.tenant_id) as session:
        assert await claim_version(session, meli_account_b, "ORDER", "2000009876543201", "v1")
    assert [k for k, _ in await keys(services, meli_account_b.tenant_id)] == [
        f"ML|{meli_account_b.tenant_id}|ORDER|2000009876543201|v1"
    ]


async def test_a_rolled_back_claim_can_be_claimed_again(services, meli_account_a) -> None:
    class Boom(Exception):
        pass

    try:
        async with services.db.tenant(meli_account_a.tenant_id) as session:
            assert await claim_version(session, meli_account_a, "ITEM", "MLB3012345601", "v7")
            raise Boom
    except Boom:
        pass
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert await claim_version(session, meli_account_a, "ITEM", "MLB3012345601", "v7")
