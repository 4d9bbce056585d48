"""Conflicts: an edit made on what the user saw (``expectedUpdatedAt``) never overwrites a change made since,
on Mercado Livre or by a colleague; nothing is sent (the sandbox's request log shows it) and the payload
carries the current values. Mercado Livre's 409 (another write to the item in flight) is retried with
backoff, reading the item again between tries, then answered as CONFLICT."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from decimal import Decimal
from typing import Any

import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.catalog.service import apply_item
from melihub.connections.runtime import meli_client
from melihub.connections.tokens import account_ref
from melihub.runtime import Services
from tests.catalog.world import LISTING, SIMPLE, UPDATE_LISTING, World, editing_world


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.OPERATOR, Role.INTEGRATOR)) as built:
        yield built


async def seen(world: World, ml_id: str = SIMPLE) -> dict[str, Any]:
    """The listing as the user's screen shows it (its updatedAt is the version an edit names)."""
    body = await world.call("operator", LISTING, {"id": await world.listing_id(ml_id)})
    listing: dict[str, Any] = body["data"]["listing"]
    return listing


async def edit(world: World, given: dict[str, Any], expected: str | None, role: str = "operator") -> dict[str, Any]:
    variables = {"id": await world.listing_id(SIMPLE), "input": given, "expected": expected}
    result: dict[str, Any] = (await world.call(role, UPDATE_LISTING, variables))["data"]["updateListing"]
    return result


def changed_on_mercado_livre(world: World, **values: Any) -> dict[str, Any]:
    """Someone edits the item on Mercado Livre's site; melihub is not told (yet)."""
    raw: dict[str, Any] = world.sandbox.get("items", SIMPLE)
    raw.update(values)
    world.sandbox.put("items", SIMPLE, raw)
    stored: dict[str, Any] = world.sandbox.get("items", SIMPLE)
    return stored


def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in result["errors"]]


# ---- changed since the user saw it: nothing is sent ------------------------------------------------


async def test_a_price_changed_on_mercado_livre_a_minute_ago_is_a_conflict_and_nothing_is_sent(world: World) -> None:
    before = await seen(world)
    changed_on_mercado_livre(world, price=79.9)

    result = await edit(world, {"price": "95.00"}, before["updatedAt"])

    assert codes(result) == [("expectedUpdatedAt", "CONFLICT")]
    assert result["listing"]["price"] == {"amount": "79.90"}  # Mercado Livre's, read before writing
    assert result["listing"]["updatedAt"] != before["updatedAt"]
    assert world.item_puts() == []
    assert world.sandbox.get("items", SIMPLE)["price"] == 79.9
    history = {(c.field, c.from_value, c.to_value, c.source) for c in await world.changes(SIMPLE)}
    assert history == {("price", "89.90", "79.90", "MERCADO_LIVRE")}


async def test_keeping_mine_after_a_conflict_sends_it_on_the_version_just_shown(world: World) -> None:
    before = await seen(world)
    changed_on_mercado_livre(world, price=79.9)
    conflict = await edit(world, {"price": "95.00"}, before["updatedAt"])

    kept = await edit(world, {"price": "95.00"}, conflict["listing"]["updatedAt"])

    assert codes(kept) == [] and kept["listing"]["price"] == {"amount": "95.00"}
    assert [put["body"] for put in world.item_puts()] == [{"price": 95}]


async def test_a_colleagues_edit_since_is_a_conflict_for_the_second_one(world: World) -> None:
    before = await seen(world)
    first = await edit(world, {"availableQuantity": 10}, before["updatedAt"], role="integrator")
    assert codes(first) == []

    second = await edit(world, {"availableQuantity": 25}, before["updatedAt"])

    assert codes(second) == [("expectedUpdatedAt", "CONFLICT")]
    assert second["listing"]["availableQuantity"] == 10
    assert [put["body"] for put in world.item_puts()] == [{"available_quantity": 10}]


async def test_a_change_already_notified_since_is_a_conflict_too(world: World) -> None:
    before = await seen(world)
    raw = changed_on_mercado_livre(world, available_quantity=3)
    async with world.services.db.tenant(world.tenant.id) as session:  # its notification was processed
        assert (await apply_item(session, world.account, raw)).changed

    result = await edit(world, {"availableQuantity": 30}, before["updatedAt"])

    assert codes(result) == [("expectedUpdatedAt", "CONFLICT")]
    assert result["listing"]["availableQuantity"] == 3
    assert world.item_puts() == []


async def test_a_change_of_nothing_an_edit_touches_is_no_conflict(world: World) -> None:
    before = await seen(world)
    changed_on_mercado_livre(world, title="Garrafa térmica inox 1 L — nova foto")

    result = await edit(world, {"price": "95.00"}, before["updatedAt"])

    assert codes(result) == [] and result["listing"]["price"] == {"amount": "95.00"}


async def test_without_an_expected_version_the_last_write_wins(world: World) -> None:
    changed_on_mercado_livre(world, price=79.9)

    result = await edit(world, {"price": "95.00"}, None)

    assert codes(result) == [] and world.sandbox.get("items", SIMPLE)["price"] == 95


# ---- Mercado Livre's 409: another write to the item is in flight ------------------------------------


async def _concurrent_write(world: World, hold_s: float, **body: Any) -> asyncio.Task[Any]:
    """Another app's write that holds the item for ``hold_s`` (the sandbox answers others 409 meanwhile)."""
    world.sandbox.configure(write_delay_ms=hold_s * 1000)
    client, ref = meli_client(world.services), account_ref(world.account)
    task = asyncio.create_task(client.update_item(ref, SIMPLE, body))
    await asyncio.sleep(0.2)  # it holds the item now
    return task


async def test_a_409_is_retried_with_backoff_and_the_edit_goes_through(world: World) -> None:
    other = await _concurrent_write(world, 1.0, available_quantity=7)
    try:
        result = await edit(world, {"price": "95.00"}, None)
    finally:
        await other
        world.sandbox.configure(write_delay_ms=5)

    assert codes(result) == [] and result["listing"]["price"] == {"amount": "95.00"}
    mine = [put["status"] for put in world.item_puts() if put["body"] == {"price": 95}]
    assert mine[0] == 409 and mine[-1] == 200 and len(mine) >= 2
    assert (await world.listing(SIMPLE)).price == Decimal("95.00")
    assert world.sandbox.get("items", SIMPLE)["available_quantity"] == 7  # the other write stands too


async def test_a_409_that_lasts_ends_as_a_conflict(world: World) -> None:
    before = await seen(world)
    other = await _concurrent_write(world, 4.0, available_quantity=7)
    try:
        result = await edit(world, {"price": "95.00"}, before["updatedAt"])
    finally:
        await other
        world.sandbox.configure(write_delay_ms=5)

    assert codes(result) == [("expectedUpdatedAt", "CONFLICT")]
    mine = [put["status"] for put in world.item_puts() if put["body"] == {"price": 95}]
    assert mine == [409, 409, 409, 409]  # the first try and three retries
    assert world.sandbox.get("items", SIMPLE)["price"] == 89.9


async def test_a_409_after_which_the_item_changed_is_a_conflict_for_an_edit_on_what_was_seen(world: World) -> None:
    before = await seen(world)
    other = await _concurrent_write(world, 60.0, available_quantity=7)  # held until released below
    mine = asyncio.create_task(edit(world, {"price": "95.00"}, before["updatedAt"]))
    try:
        # Release the other write while the edit sleeps before its second retry: the first try and
        # the first retry were refused, and the re-read that follows must see the other write landed.
        await _until(lambda: _my_price_puts(world) == [409, 409])
        world.sandbox.configure(write_delay_ms=5)
        await other
        result = await mine
    finally:
        world.sandbox.configure(write_delay_ms=5)

    assert codes(result) == [("expectedUpdatedAt", "CONFLICT")]
    assert result["listing"]["availableQuantity"] == 7 and result["listing"]["price"] == {"amount": "89.90"}
    assert _my_price_puts(world) == [409, 409]  # refused while the other write held the item; not sent after it


def _my_price_puts(world: World) -> list[int]:
    return [put["status"] for put in world.item_puts() if put["body"] == {"price": 95}]


async def _until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)
