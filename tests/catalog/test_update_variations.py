"""updateVariations: some variations' price or stock in one ``PUT`` that names every variation (Mercado Livre
deletes the ones left out), with one price for all variations said before anything is sent."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from melihub.accounts.models import Tenant, User
from melihub.runtime import Services
from tests.catalog.world import SIMPLE, UPDATE_VARIATIONS, VARIATIONS, World, editing_world

IDS = (180000000101, 180000000102, 180000000103, 180000000104)  # stock 14, 9, 6, 0; 59.90 each


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a) as built:
        yield built


async def change(world: World, entries: list[dict[str, Any]], ml_id: str = VARIATIONS, **more: Any) -> dict[str, Any]:
    body = await world.call(
        "operator", UPDATE_VARIATIONS, {"listingId": await world.listing_id(ml_id), "variations": entries, **more}
    )
    result: dict[str, Any] = body["data"]["updateVariations"]
    return result


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in result["errors"]]


async def test_one_variations_stock_goes_out_in_a_put_naming_every_variation(world: World) -> None:
    ids = await world.variation_ids(VARIATIONS)

    result = await change(world, [{"id": ids[180000000104], "availableQuantity": 5}])

    assert codes(result) == []
    [put] = world.item_puts(VARIATIONS)
    assert put["body"] == {
        "variations": [
            {"id": 180000000101},
            {"id": 180000000102},
            {"id": 180000000103},
            {"id": 180000000104, "available_quantity": 5},
        ]
    }
    held = world.sandbox.get("items", VARIATIONS)
    assert [(v["id"], v["available_quantity"]) for v in held["variations"]] == [
        (180000000101, 14),
        (180000000102, 9),
        (180000000103, 6),
        (180000000104, 5),
    ]
    assert result["listing"]["availableQuantity"] == 34  # the sum of its variations'
    assert [v["availableQuantity"] for v in result["listing"]["variations"]] == [14, 9, 6, 5]
    history = {(c.field, c.from_value, c.to_value, c.source) for c in await world.changes(VARIATIONS)}
    assert history == {
        ("variation:180000000104.availableQuantity", "0", "5", "MELIHUB"),
        ("availableQuantity", "29", "34", "MELIHUB"),
    }


async def test_a_variation_added_on_mercado_livre_meanwhile_is_kept(world: World) -> None:
    raw = world.sandbox.get("items", VARIATIONS)
    added = copy.deepcopy(raw["variations"][0]) | {"id": 180000000199, "available_quantity": 2}
    raw["variations"].append(added)
    world.sandbox.put("items", VARIATIONS, raw)  # melihub is not told: the read before the write shows it
    ids = await world.variation_ids(VARIATIONS)

    result = await change(world, [{"id": ids[180000000101], "availableQuantity": 20}])

    assert codes(result) == []
    [put] = world.item_puts(VARIATIONS)
    assert [entry["id"] for entry in put["body"]["variations"]] == [*IDS, 180000000199]
    assert len(world.sandbox.get("items", VARIATIONS)["variations"]) == 5
    assert len(result["listing"]["variations"]) == 5


async def test_the_same_new_price_for_every_variation_goes_out(world: World) -> None:
    ids = await world.variation_ids(VARIATIONS)

    result = await change(world, [{"id": ids[ml_id], "price": "64.90"} for ml_id in IDS])

    assert codes(result) == []
    [put] = world.item_puts(VARIATIONS)
    assert put["body"] == {"variations": [{"id": ml_id, "price": 64.9} for ml_id in IDS]}
    assert {v["price"]["amount"] for v in result["listing"]["variations"]} == {"64.90"}
    assert result["listing"]["price"] == {"amount": "64.90"}


async def test_one_price_for_all_variations_is_said_before_sending(world: World) -> None:
    ids = await world.variation_ids(VARIATIONS)

    different = await change(
        world, [{"id": ids[180000000101], "price": "64.90"}, {"id": ids[180000000102], "price": "69.90"}]
    )
    only_one = await change(world, [{"id": ids[180000000103], "price": "64.90"}])

    assert codes(different) == [
        ("variations[0].price", "VARIATION_PRICES_DIFFER"),
        ("variations[1].price", "VARIATION_PRICES_DIFFER"),
    ]
    assert codes(only_one) == [("variations[0].price", "VARIATION_PRICES_DIFFER")]
    assert "highest" in only_one["errors"][0]["message"]
    assert world.item_puts() == [] and only_one["listing"]["price"] == {"amount": "59.90"}


async def test_checks_of_each_entry_name_the_entry(world: World) -> None:
    ids = await world.variation_ids(VARIATIONS)

    negative = await change(
        world, [{"id": ids[180000000101], "availableQuantity": 3}, {"id": ids[180000000102], "availableQuantity": -1}]
    )
    twice = await change(
        world, [{"id": ids[180000000101], "availableQuantity": 3}, {"id": ids[180000000101], "availableQuantity": 4}]
    )
    no_variations = await change(world, [{"id": ids[180000000101], "availableQuantity": 3}], ml_id=SIMPLE)

    assert codes(negative) == [("variations[1].availableQuantity", "INVALID_QUANTITY")]
    assert codes(twice) == [("variations[1].id", "DUPLICATE_VARIATION")]
    assert codes(no_variations) == [("variations[0].id", "NOT_FOUND")]
    assert no_variations["listing"] is None  # not this listing's: nothing is shown
    assert world.item_puts() == []


async def test_a_variation_of_another_listing_is_not_found(world: World) -> None:
    other = await world.variation_ids("MLB3012345607")

    result = await change(world, [{"id": next(iter(other.values())), "availableQuantity": 3}])

    assert codes(result) == [("variations[0].id", "NOT_FOUND")] and result["listing"] is None
    assert world.sandbox.calls() == []


async def test_mercado_livres_refusal_of_a_variation_price_names_the_entry(world: World) -> None:
    ids = await world.variation_ids(VARIATIONS)

    result = await change(world, [{"id": ids[ml_id], "price": "5.00"} for ml_id in IDS])

    [error] = result["errors"]
    assert (error["field"], error["code"]) == ("variations[0].price", "MELI_VALIDATION")
    assert [put["status"] for put in world.item_puts()] == [400]
