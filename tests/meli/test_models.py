"""Models parse the reference fixtures: typed fields, Decimal money, aware datetimes, raw kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from melihub.meli import errors, family_of, format_ml_datetime
from melihub.meli.models import (
    Item,
    MessageThread,
    MissedFeedsPage,
    Notification,
    Order,
    Question,
    Shipment,
    ShipmentItem,
    TokenResponse,
    User,
)

from .conftest import fixture_json


def test_item_with_variations_resolves_sku_per_variation() -> None:
    item = Item.from_raw(fixture_json("items/MLB3012345601.json"))
    assert item.price == Decimal("59.9") and isinstance(item.price, Decimal)
    assert item.available_quantity == sum(v.available_quantity for v in item.variations) == 29
    assert item.sku_for(180000000101) == "CAM-BAS-PRT-M"
    assert item.sku_for(None) is None  # an item with variations has no item-level SKU
    assert item.sku_for(999) is None
    assert item.variation(180000000104) is not None and item.variation(180000000104).available_quantity == 0
    assert item.variations[0].label == "Preto / M"
    assert item.date_created == datetime(2024, 11, 2, 13, 10, 44, tzinfo=UTC)


def test_sku_resolution_order_falls_back_to_seller_custom_field() -> None:
    raw = fixture_json("items/MLB3012345601.json")
    raw["variations"][0]["attributes"] = []
    raw["variations"][0]["seller_custom_field"] = "LEGACY-1"
    assert Item.from_raw(raw).sku_for(180000000101) == "LEGACY-1"
    simple = fixture_json("items/MLB3012345603.json")
    assert Item.from_raw(simple).sku_for() == "GT-INOX-1L" and Item.from_raw(simple).gtin == "7891234567895"
    simple["attributes"] = [a for a in simple["attributes"] if a["id"] != "SELLER_SKU"]
    simple["seller_custom_field"] = "SCF-ONLY"
    assert Item.from_raw(simple).sku_for() == "SCF-ONLY"


def test_unknown_fields_are_kept_and_raw_is_the_original_dict() -> None:
    raw = fixture_json("orders/2000009876543204.json")
    raw["brand_new_field"] = {"x": 1}
    order = Order.from_raw(raw)
    assert order.raw is raw
    assert order.model_extra is not None and order.model_extra["brand_new_field"] == {"x": 1}
    assert order.order_items[1].raw is raw["order_items"][1]
    assert order.total_amount == Decimal("439.8")
    assert sum(line.line_total for line in order.order_items) == order.total_amount
    assert order.date_created is not None and order.date_created.utcoffset() == timedelta(hours=-4)
    assert order.mediations[0].id == 5212345678 and order.shipment_id == 44123456704


def test_big_ids_are_ints_and_pack_is_the_message_thread() -> None:
    order = Order.from_raw(fixture_json("orders/2000009876543202.json"))
    assert order.pack_id == 2000004567890123 and order.message_pack_id == order.pack_id
    alone = Order.from_raw(fixture_json("orders/2000009876543201.json"))
    assert alone.pack_id is None and alone.message_pack_id == alone.id
    assert alone.paid_amount is not None and alone.total_amount is not None
    assert alone.paid_amount > alone.total_amount  # buyer paid shipping
    user = User.from_raw(fixture_json("users/2401234567.json"))
    assert user.id == 2401234567 > 2**31 and user.seller_reputation is not None


def test_shipment_question_message_notification_token() -> None:
    shipment = Shipment.from_raw(fixture_json("shipments/44123456701.json"))
    assert (shipment.status, shipment.substatus) == ("ready_to_ship", "ready_to_print")
    items = [ShipmentItem.from_raw(x) for x in fixture_json("shipments/44123456702_items.json")]
    assert {i.order_id for i in items} == {2000009876543202, 2000009876543203}
    question = Question.from_raw(fixture_json("questions/13012345602.json"))
    assert question.buyer_id == 1498765432 and question.answer is not None
    assert question.model_dump(by_alias=True)["from"] == {"id": 1498765432}
    thread = MessageThread.from_raw(fixture_json("messages/pack_2000004567890123.json"))
    assert thread.messages[0].resource_id("packs") == "2000004567890123"
    note = Notification.from_raw(fixture_json("notifications/messages.json"))
    assert note.id == "f8c6b7a9-aeb3-44c5-9f46-0718293a4b56" and note.actions == ["created"]
    missed = MissedFeedsPage.from_raw(fixture_json("missed_feeds.json"))
    assert missed.total == 2 and missed.messages[0].raw["response"]["http_code"] == 504
    token = TokenResponse.from_raw(fixture_json("oauth/token.json"))
    assert "APP_USR" not in repr(token) and "TG-" not in repr(token)
    assert token.scopes == {"offline_access", "read", "write"}


@pytest.mark.parametrize(
    ("name", "status", "cls", "error"),
    [
        ("errors/401.json", 401, errors.Unauthorized, "unauthorized"),
        ("errors/401_legacy.json", 401, errors.Unauthorized, "not_found"),
        ("errors/403.json", 403, errors.Forbidden, "forbidden"),
        ("errors/404_item.json", 404, errors.NotFound, "not_found"),
        ("errors/400_item_validation.json", 400, errors.ValidationError, "validation_error"),
        ("errors/429.json", 429, errors.RateLimited, "too_many_requests"),
    ],
)
def test_error_bodies_are_classified_by_status(name: str, status: int, cls: type, error: str) -> None:
    content = (__import__("json").dumps(fixture_json(name))).encode()
    exc = errors.error_for(status, content, method="GET", path="/x")
    assert type(exc) is cls and exc.status == status and exc.error == error and exc.message


def test_token_endpoint_errors_and_opaque_bodies() -> None:
    body = b'{"message":"bad","error":"invalid_grant","status":400,"cause":[]}'
    assert isinstance(errors.error_for(400, body, token_endpoint=True), errors.InvalidGrant)
    assert type(errors.error_for(400, body)) is errors.ValidationError  # only at the token endpoint
    html = errors.error_for(502, b"<html>Bad Gateway</html>")
    assert isinstance(html, errors.Unavailable) and html.error is None and "Bad Gateway" in html.message
    leaked = errors.error_for(400, b'{"message":"token APP_USR-123-abc-2401234567 and TG-abc-1 bad"}')
    assert "APP_USR" not in str(leaked) and "TG-" not in repr(leaked) and "[redacted]" in leaked.message


def test_families_and_search_dates() -> None:
    assert family_of("/users/2401234567/items/search") == "items"
    assert family_of("/item/MLB1/performance") == "items"
    assert family_of("/users/me") == "users"
    assert family_of("/shipment_labels") == family_of("/shipments/1/items") == "shipments"
    assert family_of("/packs/1") == "orders" and family_of("/answers") == "questions"
    assert family_of("/post-purchase/v1/claims/search") == "claims"
    assert format_ml_datetime(datetime(2025, 3, 1, tzinfo=UTC)) == "2025-03-01T00:00:00.000-00:00"
    brt = datetime(2025, 3, 1, 8, tzinfo=UTC).astimezone(__import__("datetime").timezone(timedelta(hours=-3)))
    assert format_ml_datetime(brt) == "2025-03-01T05:00:00.000-03:00"
    with pytest.raises(ValueError):
        format_ml_datetime(datetime(2025, 3, 1))  # naive
