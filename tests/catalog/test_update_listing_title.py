"""updateListing's title: Mercado Livre refuses a new title once the listing has sales (reference §13) and
melihub shows its reason on the title field; a listing without sales takes it, and the history records
it; a title changed on Mercado Livre since the user saw the listing is a conflict for a title edit only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from melihub.accounts.models import Role, Tenant, User
from melihub.runtime import Services
from tests.catalog.test_listing_conflicts import changed_on_mercado_livre, codes, edit, seen
from tests.catalog.world import CHANGES, SIMPLE, World, editing_world

NEW_TITLE = "Garrafa Térmica Aço Inox Parede Dupla 1 Litro Tampa Rosca"


@pytest_asyncio.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[World]:
    async with editing_world(meli_services, sandbox, *tenant_a, roles=(Role.OPERATOR,)) as built:
        yield built


async def test_a_listing_with_sales_keeps_its_title_and_the_user_reads_mercado_livres_reason(world: World) -> None:
    assert world.sandbox.get("items", SIMPLE)["sold_quantity"] > 0
    result = await edit(world, {"title": NEW_TITLE}, None)

    assert codes(result) == [("title", "MELI_VALIDATION")]
    assert "cannot modify the title" in result["errors"][0]["message"]
    assert world.sandbox.get("items", SIMPLE)["title"] != NEW_TITLE


async def test_a_listing_without_sales_takes_the_new_title_and_its_history_says_so(world: World) -> None:
    changed_on_mercado_livre(world, sold_quantity=0)
    result = await edit(world, {"title": f"  {NEW_TITLE} "}, None)

    assert codes(result) == []
    assert world.sandbox.get("items", SIMPLE)["title"] == NEW_TITLE
    [put] = [c for c in world.item_puts(SIMPLE) if "title" in c["body"]]
    assert put["body"] == {"title": NEW_TITLE}
    history = await world.call("operator", CHANGES, {"id": await world.listing_id(SIMPLE)})
    titles = [c for c in history["data"]["listing"]["changes"]["nodes"] if c["field"] == "title"]
    assert [(c["to"], c["source"]) for c in titles] == [(NEW_TITLE, "MELIHUB")]


async def test_a_title_of_more_than_60_characters_is_refused_before_anything_is_sent(world: World) -> None:
    result = await edit(world, {"title": "x" * 61}, None)

    assert codes(result) == [("title", "INVALID_TITLE")]
    assert world.item_puts(SIMPLE) == []


async def test_a_title_changed_on_mercado_livre_is_a_conflict_for_a_title_edit(world: World) -> None:
    before = await seen(world)
    changed_on_mercado_livre(world, sold_quantity=0, title="Garrafa térmica inox 1 L — nova foto")

    result = await edit(world, {"title": NEW_TITLE}, before["updatedAt"])

    assert codes(result) == [("expectedUpdatedAt", "CONFLICT")]
    assert world.sandbox.get("items", SIMPLE)["title"] == "Garrafa térmica inox 1 L — nova foto"
