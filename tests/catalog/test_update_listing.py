"""updateListing: a listing's price, stock or status reaches Mercado Livre (the sandbox) through the write
budget, Mercado Livre's rules are said before anything is sent, and Mercado Livre's answer is stored at once
with the change kept in the listing's history and audited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import pytest
import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.runtime import Services
from tests.catalog.world import CHANGES, SIMPLE, UPDATE_LISTING, VARIATIONS, World, editing_world


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.OPERATOR, Role.ANALYST)) as built:
        yield built


def payload(body: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = body["data"]["updateListing"]
    return result


async def update(world: World, ml_id: str, given: dict[str, Any], **variables: Any) -> dict[str, Any]:
    body = await world.call(
        "operator", UPDATE_LISTING, {"id": await world.listing_id(ml_id), "input": given, **variables}
    )
    return payload(body)


# ---- the edit reaches Mercado Livre and is stored at once ---------------------------------------


async def test_an_operator_changes_the_price_and_melihub_shows_mercado_livres_answer(world: World) -> None:
    result = await update(world, SIMPLE, {"price": "91.50"})

    assert result["errors"] == []
    assert result["listing"]["price"] == {"amount": "91.50"}
    assert world.sandbox.get("items", SIMPLE)["price"] == 91.5
    [put] = world.item_puts(SIMPLE)
    assert put["body"] == {"price": 91.5} and put["status"] == 200
    stored = await world.listing(SIMPLE)
    assert stored.price == Decimal("91.50")
    assert (
        stored.ml_last_updated is not None
        and stored.raw["last_updated"] == world.sandbox.get("items", SIMPLE)["last_updated"]
    )


async def test_the_read_before_the_write_and_the_write_go_to_mercado_livre_once_each(world: World) -> None:
    assert (await update(world, SIMPLE, {"availableQuantity": 12}))["errors"] == []

    calls = [(c["method"], c["route"]) for c in world.sandbox.calls() if c["route"].startswith("/items")]
    assert calls == [("GET", "/items/{id}"), ("PUT", "/items/{id}")]


async def test_stock_zero_pauses_the_listing_as_mercado_livre_does_and_the_history_says_so(world: World) -> None:
    result = await update(world, SIMPLE, {"availableQuantity": 0})

    assert result["errors"] == []
    assert result["listing"]["status"] == "paused" and result["listing"]["subStatus"] == ["out_of_stock"]
    changes = {(c.field, c.from_value, c.to_value, c.source) for c in await world.changes(SIMPLE)}
    assert changes == {
        ("availableQuantity", "40", "0", "MELIHUB"),
        ("status", "active", "paused", "MELIHUB"),
    }

    back = await update(world, SIMPLE, {"availableQuantity": 3})
    assert back["listing"]["status"] == "active" and back["listing"]["subStatus"] == []


async def test_the_change_is_in_the_listings_history_with_who_made_it(world: World) -> None:
    await update(world, SIMPLE, {"price": "95.00", "status": "paused"})

    body = await world.call("operator", CHANGES, {"id": await world.listing_id(SIMPLE)})
    nodes = body["data"]["listing"]["changes"]["nodes"]
    assert sorted((n["field"], n["from"], n["to"], n["source"]) for n in nodes) == [
        ("price", "89.90", "95.00", "MELIHUB"),
        ("status", "active", "paused", "MELIHUB"),
    ]
    assert {n["actor"]["user"]["email"] for n in nodes} == {"operator@aurora.example"}
    assert {n["actor"]["kind"] for n in nodes} == {"USER"}


async def test_the_edit_writes_one_audit_row_with_before_and_after(world: World) -> None:
    await update(world, SIMPLE, {"price": "95.00"})

    rows = await world.sql(
        "SELECT actor_user_id, target_type, target_id, before, after FROM audit_log WHERE action = 'updateListing'"
    )
    [(actor, target_type, target_id, before, after)] = rows
    assert (actor, target_type, target_id) == (world.user_ids["operator"], "Listing", await world.listing_id(SIMPLE))
    assert (before["price"], after["price"]) == ("89.90", "95.00")
    assert before["availableQuantity"] == after["availableQuantity"] == 40


async def test_a_price_on_a_listing_with_variations_goes_to_every_variation(world: World) -> None:
    result = await update(world, VARIATIONS, {"price": "64.90"})

    assert result["errors"] == []
    [put] = world.item_puts(VARIATIONS)
    assert put["body"] == {
        "variations": [{"id": v, "price": 64.9} for v in (180000000101, 180000000102, 180000000103, 180000000104)]
    }
    assert {v["price"]["amount"] for v in result["listing"]["variations"]} == {"64.90"}
    assert [v["availableQuantity"] for v in result["listing"]["variations"]] == [14, 9, 6, 0]


async def test_values_already_as_asked_send_nothing(world: World) -> None:
    result = await update(world, SIMPLE, {"price": "89.90", "availableQuantity": 40, "status": "active"})

    assert result["errors"] == [] and result["listing"]["price"] == {"amount": "89.90"}
    assert world.item_puts() == []


# ---- Mercado Livre's rules, said before anything is sent ----------------------------------------


@pytest.mark.parametrize(
    ("ml_id", "given", "field", "code"),
    [
        (SIMPLE, {"price": "0"}, "price", "INVALID_PRICE"),
        (SIMPLE, {"price": "-5"}, "price", "INVALID_PRICE"),
        (SIMPLE, {"price": "10.555"}, "price", "INVALID_PRICE"),
        (SIMPLE, {"price": "NaN"}, "price", "INVALID_PRICE"),
        (SIMPLE, {"availableQuantity": -1}, "availableQuantity", "INVALID_QUANTITY"),
        (SIMPLE, {"status": "under_review"}, "status", "INVALID_STATUS"),
        (SIMPLE, {}, "input", "NOTHING_TO_CHANGE"),
        (VARIATIONS, {"availableQuantity": 10}, "availableQuantity", "HAS_VARIATIONS"),
    ],
)
async def test_rules_refuse_before_mercado_livre_is_asked(
    world: World, ml_id: str, given: dict[str, Any], field: str, code: str
) -> None:
    result = await update(world, ml_id, given)

    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert [c for c in world.sandbox.calls() if c["route"].startswith("/items")] == []


async def test_a_closed_listing_cannot_be_reopened_or_edited(world: World) -> None:
    closed = await update(world, SIMPLE, {"status": "closed"})
    assert closed["errors"] == [] and closed["listing"]["status"] == "closed"
    world.sandbox.reset_stats()

    reopened = await update(world, SIMPLE, {"status": "active"})
    repriced = await update(world, SIMPLE, {"price": "99.00"})

    assert [(e["field"], e["code"]) for e in reopened["errors"]] == [("status", "LISTING_CLOSED")]
    assert [(e["field"], e["code"]) for e in repriced["errors"]] == [("id", "LISTING_CLOSED")]
    assert world.item_puts() == []


async def test_mercado_livres_validation_causes_come_back_on_their_fields(world: World) -> None:
    result = await update(world, SIMPLE, {"price": "5.00"})  # the sandbox's BRL minimum is 8

    [error] = result["errors"]
    assert (error["field"], error["code"]) == ("price", "MELI_VALIDATION")
    assert "greater than or equal to 8" in error["message"] and "item.price.invalid" in error["message"]
    assert result["listing"]["price"] == {"amount": "89.90"}  # as Mercado Livre still has it
    assert [p["status"] for p in world.item_puts(SIMPLE)] == [400]


# ---- refusals and outages -----------------------------------------------------------------------


async def test_mercado_livre_unavailable_is_said_and_nothing_is_stored(world: World) -> None:
    world.sandbox.set_faults({"endpoints": {"items": {"5xx": 1.0}}})
    try:
        result = await update(world, SIMPLE, {"price": "95.00"})
    finally:
        world.sandbox.set_faults({})

    assert [e["code"] for e in result["errors"]] == ["MELI_UNAVAILABLE"]
    assert (await world.listing(SIMPLE)).price == Decimal("89.90")
    assert world.item_puts() == []


async def test_a_foreign_item_is_refused_by_mercado_livre(world: World) -> None:
    # Seller B's item held under seller A's account: Mercado Livre answers the PUT with 403.
    from tests.catalog.world import store_items

    await store_items(world.services, world.account, world.sandbox, ("MLA1523456789",))
    result = await update(world, "MLA1523456789", {"availableQuantity": 3})

    assert [e["code"] for e in result["errors"]] == ["REFUSED"]
    assert [p["status"] for p in world.item_puts("MLA1523456789")] == [403]


async def test_an_account_that_must_be_linked_again_is_said_before_any_call(world: World) -> None:
    await world.sql("UPDATE meli_accounts SET status = 'reauth_required' WHERE id = :id", id=world.account.id)

    result = await update(world, SIMPLE, {"price": "95.00"})

    assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "ACCOUNT_INACTIVE")]
    assert world.sandbox.calls() == []


# ---- roles and account limits -------------------------------------------------------------------


async def test_an_analyst_may_not_edit_listings(world: World) -> None:
    body = await world.call("analyst", UPDATE_LISTING, {"id": await world.listing_id(SIMPLE), "input": {"price": "95"}})

    assert [e["code"] for e in payload(body)["errors"]] == ["FORBIDDEN"]
    assert payload(body)["listing"] is None and world.sandbox.calls() == []
