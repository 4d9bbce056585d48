"""Categories through the client (reference §13): the models parse the sandbox's answers, ``required``
reads the tags, the calls count in the ``categories`` family; the connector's listing-quality reads."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from melihub.meli import MeliClient, MeliConnector, NotFound, family_of
from melihub.meli.families import FAMILIES
from melihub.meli.models import Category, CategoryAttribute, ItemPerformance

from .conftest import SELLER_A, SELLER_B, MakeClient


async def test_get_category_parses_name_path_and_settings(client: MeliClient) -> None:
    category = await client.get_category(SELLER_A, "MLB31447")
    assert isinstance(category, Category) and (category.id, category.name) == ("MLB31447", "Camisetas")
    assert [step.id for step in category.path_from_root] == ["MLB1430", "MLB31447"]
    assert category.path_from_root[0].name == "Calçados, Roupas e Bolsas"
    assert category.settings["catalog_domain"] == "MLB-T_SHIRTS" and category.raw["settings"] == category.settings
    spanish = await client.get_category(SELLER_B, "MLA412349")
    assert spanish.name == "Bombillas" and spanish.path_from_root[-1].id == "MLA412349"


async def test_get_category_attributes_parses_tags_and_required(client: MeliClient) -> None:
    attributes = await client.get_category_attributes(SELLER_A, "MLB31447")
    assert attributes and all(isinstance(a, CategoryAttribute) for a in attributes)
    found = {a.id: a for a in attributes}
    assert found["BRAND"].required and found["BRAND"].tags == {"required": True}
    assert found["GTIN"].required and not found["GTIN"].tagged("required")  # catalog_required counts
    assert found["GENDER"].required and found["GENDER"].value_type == "list"
    assert {(v.id, v.name) for v in found["GENDER"].values} >= {("110461", "Sem gênero")}
    assert not found["COLOR"].required and found["COLOR"].variation_attribute
    assert found["SELLER_SKU"].hidden and not found["SELLER_SKU"].required
    assert found["BRAND"].attribute_group_id == "MAIN" and found["BRAND"].value_max_length == 255
    assert found["BRAND"].raw["tags"] == {"required": True}  # the JSON as the sandbox sent it


def test_tags_read_tolerantly() -> None:
    assert CategoryAttribute.from_raw({"id": "X", "tags": {"catalog_required": True}}).required
    assert not CategoryAttribute.from_raw({"id": "X"}).required
    assert CategoryAttribute.from_raw({"id": "X", "tags": ["required"]}).tags == {"required": True}
    loose = CategoryAttribute.from_raw({"id": "X", "tags": {"required": "false", "hidden": 1, "fixed": None}})
    assert loose.tags == {"required": False, "hidden": True, "fixed": False} and not loose.required


async def test_an_unknown_category_raises_not_found(client: MeliClient) -> None:
    with pytest.raises(NotFound) as raised:
        await client.get_category_attributes(SELLER_A, "MLB999999999")
    assert raised.value.status == 404 and raised.value.message == "Category not found"
    with pytest.raises(NotFound):
        await client.get_category(SELLER_A, "MLB999999999")


async def test_category_calls_are_their_own_family(fresh_sandbox: Any, client: MeliClient) -> None:
    assert family_of("/categories/MLB31447") == family_of("/categories/MLB31447/attributes") == "categories"
    assert "categories" in FAMILIES and family_of("/items/MLB1") == "items"
    since = time.time()
    await client.get_category_attributes(SELLER_A, "MLB255209")
    calls = httpx.get(f"{fresh_sandbox.url}/_sandbox/calls", params={"since": since}).json()
    assert [(c["route"], c["status"], c["user_id"]) for c in calls if c["route"].startswith("/categories")] == [
        ("/categories/{id}/attributes", 200, SELLER_A.ml_user_id)
    ]  # the bearer was sent and accepted


async def test_connector_reads_category_attributes_and_item_performance(make_client: MakeClient) -> None:
    connector = MeliConnector(make_client(), SELLER_A)
    attributes = await connector.fetch_category_attributes("MLB255209")
    assert {"CAPACITY", "MATERIAL"} <= {a.id for a in attributes}
    performance = await connector.fetch_item_performance("MLB3012345603")
    assert isinstance(performance, ItemPerformance) and performance.entity_id == "MLB3012345603"
    assert performance.score is not None
    assert await connector.fetch_item_performance("MLB3099999999") is None  # 404: no quality for it
