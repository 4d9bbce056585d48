"""An order notification GETs the order, and its shipment only when melihub does not hold it as that order's.

Shipments have their own topic, so a shipment we hold for this very order is already as fresh as the
notifications make it. A first-seen order, or one whose shipping changed, still brings its shipment; a
sync engine's ``Kind.fetch`` always does.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from melihub.connections.models import MeliAccount
from melihub.meli.connector import MARKETPLACE_MELI, Fetched, MeliConnector
from melihub.resources import registry
from melihub.resources.registry import Bundle
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture
from tests.meli.conftest import SELLER_A, MakeClient, route_calls

ORDER, SHIPMENT = "2000009876543201", 44123456701
OTHER_SHIPMENT = 44123456704  # another order's, also in the sandbox
OLDER = "2025-03-01T00:00:00.000-04:00"  # before the sandbox's version of the order


@pytest.fixture
def connector(make_client: MakeClient) -> MeliConnector:
    return MeliConnector(make_client(), SELLER_A)


@pytest.fixture
def open_session(services: Services, meli_account_a: MeliAccount) -> Callable[[], Any]:
    return lambda: services.db.tenant(meli_account_a.tenant_id)


def calls(sandbox: Any) -> tuple[int, int]:
    """(orders, shipments) GETs the sandbox has answered so far."""
    return route_calls(sandbox, "GET /orders/{id}"), route_calls(sandbox, "GET /shipments/{id}")


async def notified(connector: MeliConnector, sandbox: Any, open_session: Any) -> tuple[Bundle, tuple[int, int]]:
    """The bundle of an ``orders_v2`` notification for ORDER and the (orders, shipments) GETs it cost."""
    before = calls(sandbox)
    bundle = await registry.fetch_notification(connector, "orders_v2", f"/orders/{ORDER}", open_session)
    after = calls(sandbox)
    return bundle, (after[0] - before[0], after[1] - before[1])


async def hold(open_session: Any, account: MeliAccount, shipping: int, *shipments: int) -> None:
    """Store an older version of ORDER naming ``shipping`` as its shipment, and these shipments."""
    order = copy.deepcopy(load_fixture(f"orders/{ORDER}.json"))
    order["shipping"]["id"], order["last_updated"] = shipping, OLDER
    held = [Fetched(MARKETPLACE_MELI, "shipment", str(s), load_fixture(f"shipments/{s}.json")) for s in shipments]
    bundle = Bundle(Fetched(MARKETPLACE_MELI, "order", ORDER, order), related=held)
    async with open_session() as session:
        await registry.apply_bundle(session, account, bundle, uuid.uuid4())


async def apply(open_session: Any, account: MeliAccount, bundle: Bundle) -> list[tuple[str, bool]]:
    async with open_session() as session:
        applied = await registry.apply_bundle(session, account, bundle, uuid.uuid4())
    return [(result.entity_type, result.changed) for result in applied]


async def stored_shipment_of_order(open_session: Any) -> int:
    async with open_session() as session:
        found = (await session.exec(text(f"SELECT shipment_ml_id FROM orders WHERE ml_id = {ORDER}"))).one()  # type: ignore[call-overload]
    return int(found[0])


async def test_a_first_seen_order_fetches_its_shipment(connector, sandbox, open_session, meli_account_a) -> None:
    bundle, cost = await notified(connector, sandbox, open_session)
    assert cost == (1, 1)
    assert [(f.kind, f.external_id) for f in bundle.related] == [("shipment", str(SHIPMENT))]
    assert await apply(open_session, meli_account_a, bundle) == [("shipment", True), ("order", True)]


async def test_an_order_whose_shipment_is_held_fetches_only_the_order(
    connector, sandbox, open_session, meli_account_a
) -> None:
    await hold(open_session, meli_account_a, SHIPMENT, SHIPMENT)
    bundle, cost = await notified(connector, sandbox, open_session)
    assert cost == (1, 0) and bundle.related == []
    # The order applies without its shipment in the bundle and still names the one we hold.
    assert await apply(open_session, meli_account_a, bundle) == [("order", True)]
    assert await stored_shipment_of_order(open_session) == SHIPMENT


async def test_an_order_whose_shipping_changed_fetches_the_new_shipment(
    connector, sandbox, open_session, meli_account_a
) -> None:
    # We hold the new shipment too, but not as this order's: the order's shipping changed since.
    await hold(open_session, meli_account_a, OTHER_SHIPMENT, OTHER_SHIPMENT, SHIPMENT)
    bundle, cost = await notified(connector, sandbox, open_session)
    assert cost == (1, 1)
    assert [f.external_id for f in bundle.related] == [str(SHIPMENT)]
    assert (await apply(open_session, meli_account_a, bundle))[-1] == ("order", True)
    assert await stored_shipment_of_order(open_session) == SHIPMENT


async def test_a_sync_engine_fetching_by_id_always_brings_the_shipment(
    connector, sandbox, open_session, meli_account_a
) -> None:
    await hold(open_session, meli_account_a, SHIPMENT, SHIPMENT)
    before = calls(sandbox)
    bundle = await registry.KINDS["order"].fetch(connector, ORDER)
    assert [f.external_id for f in bundle.related] == [str(SHIPMENT)]
    assert calls(sandbox)[1] - before[1] == 1
