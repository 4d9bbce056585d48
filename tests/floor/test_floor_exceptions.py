"""The floor's shipment-exception tile: one count per exception, for the accounts asked about, over GraphQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.floor.queries import floor_figures
from melihub.runtime import Services
from melihub.shipments.exceptions import ShipmentException
from melihub.shipments.models import Shipment
from melihub.testing.graphql import gid, gql, login
from tests.conftest import OWNER_PASSWORD
from tests.floor.rows import owner_of, shipment, store

HOUR = timedelta(hours=1)
TILE = """query($accounts: [ID!]) { floor(meliAccountIds: $accounts) {
  shipmentsLate shipmentExceptions { lateToDispatch notDelivered returning cancelledAfterLabel }
} }"""


def exceptional(account: MeliAccount, now: datetime, late: int, lost: int, back: int, cancelled: int) -> list[Shipment]:
    """``late`` late to dispatch, ``lost`` not delivered, ``back`` returning, ``cancelled`` cancelled after label;
    and one of each near miss (on time, delivered, cancelled without label, returned long ago)."""
    rows = [shipment(account, now - HOUR) for _ in range(late)]
    rows += [shipment(account, None, status="not_delivered") for _ in range(lost)]
    rows += [shipment(account, None, status="not_delivered") for _ in range(back)]
    rows += [shipment(account, None, status="cancelled") for _ in range(cancelled)]
    for row in rows[late + lost : late + lost + back]:
        row.substatus = "returning_to_sender"
    for row in rows[late + lost + back :]:
        row.label_printed_at = now - HOUR
    misses = [
        shipment(account, now + HOUR),
        shipment(account, None, status="delivered"),
        shipment(account, None, status="cancelled"),
        shipment(account, None, status="not_delivered"),
    ]
    misses[-1].ml_last_updated = now - timedelta(days=40)
    for row in rows + misses:
        row.ml_last_updated = row.ml_last_updated or now - HOUR
    return rows + misses


async def test_the_floor_counts_each_exception_of_the_accounts_asked_about(
    services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> None:
    now = utcnow()
    outlet = MeliAccount(tenant_id=tenant_a[0].id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    await store(services, meli_account_a, outlet)
    await store(services, meli_account_a, *exceptional(meli_account_a, now, 3, 2, 4, 1))
    await store(services, meli_account_a, *exceptional(outlet, now, 1, 1, 1, 1))

    async with services.db.tenant(tenant_a[0].id) as session:
        both = await floor_figures(session, owner_of(meli_account_a), now=now)
        aurora = await floor_figures(session, owner_of(meli_account_a), meli_account_ids=[meli_account_a.id], now=now)
        limited = await floor_figures(session, owner_of(meli_account_a, limited_to=[outlet]), now=now)

    kinds = list(ShipmentException)
    assert [both.shipment_exceptions[k] for k in kinds] == [4, 3, 5, 2]
    assert [aurora.shipment_exceptions[k] for k in kinds] == [3, 2, 4, 1]
    assert [limited.shipment_exceptions[k] for k in kinds] == [1, 1, 1, 1]
    assert both.shipment_exceptions[ShipmentException.LATE_TO_DISPATCH] == both.shipments_late


async def test_the_tile_is_served_by_the_floor_query(
    client: httpx.AsyncClient, services: Services, tenant_a: tuple[Tenant, User], meli_account_a: MeliAccount
) -> None:
    await store(services, meli_account_a, *exceptional(meli_account_a, utcnow(), 2, 1, 0, 3))
    assert (await login(client, tenant_a[1].email, OWNER_PASSWORD))["errors"] == []

    body = await gql(client, TILE, {"accounts": [gid("MeliAccount", meli_account_a.id)]})

    assert not body.get("errors"), body
    assert body["data"]["floor"] == {
        "shipmentsLate": 2,
        "shipmentExceptions": {"lateToDispatch": 2, "notDelivered": 1, "returning": 0, "cancelledAfterLabel": 3},
    }
