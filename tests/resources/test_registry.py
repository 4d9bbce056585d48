"""The one table of Mercado Livre resource kinds: what each topic fetches, with what, and who applies it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from melihub.errors import DomainError
from melihub.events.notifications import parse_notification
from melihub.meli.connector import MARKETPLACE_MELI, Fetched, MeliConnector
from melihub.resources import registry
from melihub.resources.registry import Bundle, Unresolved, UnsupportedResource
from melihub.testing.fixtures import load_fixture
from tests.meli.conftest import SELLER_A, MakeClient, fixture_json


@pytest.fixture
def connector(make_client: MakeClient) -> MeliConnector:
    return MeliConnector(make_client(), SELLER_A)


def no_session() -> Any:
    raise AssertionError("only a via topic or an order (is its shipment held?) reads the database")


def test_the_topics_melihub_fetches_and_polls() -> None:
    handled, polled = registry.HANDLED_TOPICS, registry.MISSED_FEEDS_TOPICS
    assert handled == {
        "orders_v2",
        "orders",
        "items",
        "questions",
        "shipments",
        "messages",
        "claims",
        "payments",
    }
    assert polled == (
        "orders_v2",
        "items",
        "questions",
        "shipments",
        "messages",
        "claims",
        "payments",
    )
    assert parse_notification(b'{"_id": "1", "topic": "items", "resource": "/items/MLB1", "user_id": 1}').handled
    assert not parse_notification(b'{"_id": "2", "topic": "invoices", "resource": "/x/1", "user_id": 1}').handled


def test_each_kind_publishes_its_domains_change_type() -> None:
    assert {name: kind.change_type for name, kind in registry.KINDS.items()} == {
        "order": "order",
        "item": "listing",
        "shipment": "shipment",
        "question": "question",
        "message": "message",
        "claim": "claim",
    }
    assert {name: topic.kind.name for name, topic in registry.TOPICS.items()} == {
        "orders_v2": "order",
        "orders": "order",
        "created_orders": "order",
        "items": "item",
        "questions": "question",
        "shipments": "shipment",
        "messages": "message",
        "claims": "claim",
        "post_purchase": "claim",
        "payments": "order",
    }


@pytest.mark.parametrize(
    ("name", "kind", "related"),
    [
        # orders_v2: tests/resources/test_order_notifications.py (it asks what we hold)
        ("notifications/items.json", "item", []),
        ("notifications/questions.json", "question", []),
        ("notifications/shipments.json", "shipment", []),
        ("notifications/messages.json", "message", []),
    ],
)
async def test_a_notification_fetches_its_resource_with_companions(
    connector: MeliConnector, name: str, kind: str, related: list[str]
) -> None:
    note = fixture_json(name)
    bundle = await registry.fetch_notification(connector, note["topic"], note["resource"], no_session)
    assert bundle.primary.kind == kind and bundle.primary.external_id in note["resource"]
    assert [f.kind for f in bundle.related] == related
    assert (bundle.description is not None) == (kind == "item")


async def test_paths_outside_the_topic_and_unknown_topics_are_refused(connector: MeliConnector) -> None:
    with pytest.raises(UnsupportedResource, match="does not fit topic 'orders_v2'"):
        await registry.fetch_notification(connector, "orders_v2", "/users/me", no_session)
    with pytest.raises(UnsupportedResource, match="unsupported notification topic 'invoices'"):
        await registry.fetch_notification(connector, "invoices", "/whatever/1", no_session)


async def test_a_payment_refetches_its_order_once_we_hold_it(services, meli_account_a, connector) -> None:
    """Sync-engine style too: fetch a kind by id, apply the bundle, then the payment finds its order."""
    note = fixture_json("notifications/payments.json")

    def session() -> Any:
        return services.db.tenant(meli_account_a.tenant_id)

    with pytest.raises(Unresolved, match="payment of an order not yet known"):
        await registry.fetch_notification(connector, "payments", note["resource"], session)
    with pytest.raises(Unresolved):
        await registry.fetch_notification(connector, "payments", "/collections/not-a-number", session)

    order = await registry.KINDS["order"].fetch(connector, "2000009876543207")
    async with session() as db:
        applied = await registry.apply_bundle(db, meli_account_a, order, uuid.uuid4())
    assert [(r.entity_type, r.changed) for r in applied] == [("shipment", True), ("order", True)]

    bundle = await registry.fetch_notification(connector, "payments", note["resource"], session)
    assert (bundle.primary.kind, bundle.primary.external_id) == ("order", "2000009876543207")
    assert bundle.related == []  # its shipment is held, as this order's


async def test_a_kind_without_an_applier_is_a_permanent_error(services, meli_account_a) -> None:
    raw = load_fixture("orders/2000009876543201.json")
    stray = Fetched(MARKETPLACE_MELI, "invoice", "1", raw)
    async with services.db.tenant(meli_account_a.tenant_id) as db:
        with pytest.raises(DomainError, match="no handler for 'invoice' resources"):
            await registry.apply_bundle(db, meli_account_a, Bundle(stray), None)
