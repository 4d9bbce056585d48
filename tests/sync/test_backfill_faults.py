"""Acceptance: a backfill of 3,000+ generated orders through 10 % 5xx, 5 % 429 and 2 % timeouts, with a
day holding more orders than offset paging reaches, ends with the database equal to the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from melihub.sync import engine
from melihub.sync.models import RunKind, RunStatus
from tests.sync.conftest import point_at
from tests.sync.equality import assert_database_equals_export
from tests.sync.world import generated, link_every_seller

pytestmark = pytest.mark.slow
# The reference leaves the cap of /orders/search's offset paging unsure; both sides are set to 150 here
# so that one seller's busiest day (half of 3,200 orders over 8 sellers) holds several caps' worth of orders.
CAP = 150
FAULTS = {"5xx": 0.10, "429": 0.05, "timeout": 0.02}


@pytest.fixture
def sandbox() -> Iterator[Any]:
    from melihub.sandbox.testing import running_sandbox

    with running_sandbox(world=generated(3200, seed=5, burst=0.5), order_search_max_offset=CAP) as handle:
        yield handle


@pytest.fixture
def meli_services(services, sandbox):
    return point_at(
        services,
        sandbox,
        sync_order_search_max_offset=CAP,
        sync_backfill_days=120,
        meli_timeout_s=1.0,
        meli_max_retries=3,
        meli_breaker_failures=1000,
        # The busy day is three days ago: a 1-day window keeps its 1,600 message threads out of this test
        # (tests/sync/test_backfill.py covers messages).
        sync_messages_days=1,
    )


async def test_a_faulty_backfill_of_thousands_of_orders_converges(meli_client_http, meli_services, sandbox, tenant_a):
    tenant = tenant_a[0]
    accounts = await link_every_seller(meli_client_http, sandbox, meli_services, tenant.id)
    truth = sandbox.export()
    busiest = _busiest_day(truth)
    assert sum(1 for _ in truth["orders"]) >= 3000 and busiest > CAP, busiest
    async with meli_services.db.tenant(tenant.id) as session:
        runs = (await session.exec(text("SELECT id, kind, status FROM sync_runs"))).all()
    assert len(runs) == len(accounts) and {(k, s) for _, k, s in runs} == {(RunKind.BACKFILL.value, "queued")}
    sandbox.set_faults(FAULTS)
    outcomes = await asyncio.gather(*(engine.execute(meli_services, tenant.id, run_id) for run_id, _, _ in runs))
    sandbox.set_faults({})
    assert {o.status for o in outcomes} == {RunStatus.SUCCEEDED.value}, outcomes
    calls = sandbox.stats()["calls"]
    faulted = sum(n for per in calls.values() for code, n in per.items() if code in ("429", "500", "502", "503", "504"))
    assert faulted > 300, faulted  # the faults really happened
    compared = await assert_database_equals_export(meli_services, tenant.id, sandbox.export(), set(accounts))
    assert compared["orders"] >= 3000 and compared["shipments"] > 2000 and compared["listings"] > 500, compared
    async with meli_services.db.tenant(tenant.id) as session:
        split = (await session.exec(text("SELECT count(*) FROM sync_checkpoints WHERE state ? 'split'"))).one()[0]
    assert split > 0  # some window was too big for offset paging and was halved


def _busiest_day(truth: dict[str, Any]) -> int:
    per: dict[tuple[str, str], int] = {}
    for raw in truth["orders"].values():
        key = (str(raw["seller"]["id"]), raw["date_created"][:10])
        per[key] = per.get(key, 0) + 1
    return max(per.values())
