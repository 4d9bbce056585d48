"""Categories (reference §13): every category the world's items use answers ``GET /categories/{id}`` and
``/categories/{id}/attributes`` in ML's shapes, in the site's language; an unknown one is ML's 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.testing.fixtures import fixture_ids, load_fixture

from .conftest import Api, login

CATEGORY_KEYS = {"id", "name", "path_from_root", "settings"}
ATTRIBUTE_KEYS = {
    "id",
    "name",
    "tags",
    "value_type",
    "values",
    "value_max_length",
    "attribute_group_id",
    "attribute_group_name",
}
TAGS = {
    "required",
    "catalog_required",
    "conditional_required",
    "allow_variations",
    "variation_attribute",
    "hidden",
    "fixed",
    "read_only",
}
VALUE_TYPES = {"string", "number", "number_unit", "boolean", "list"}
CORE = ("BRAND", "MODEL", "GTIN", "ITEM_CONDITION", "SELLER_SKU")


def fixture_categories() -> set[str]:
    return {load_fixture(f"items/{item_id}.json")["category_id"] for item_id in fixture_ids("items")}


def by_id(attributes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {attribute["id"]: attribute for attribute in attributes}


def check_category(body: dict[str, Any], category_id: str) -> None:
    assert set(body) == CATEGORY_KEYS and body["id"] == category_id and body["name"]
    path = body["path_from_root"]
    assert len(path) >= 2 and all(set(step) == {"id", "name"} and step["name"] for step in path)
    assert path[-1] == {"id": category_id, "name": body["name"]}
    assert all(step["id"].startswith(category_id[:3]) for step in path)
    assert isinstance(body["settings"], dict) and body["settings"]["listing_allowed"] is True


def check_attributes(body: list[dict[str, Any]]) -> None:
    assert body and all(set(attribute) == ATTRIBUTE_KEYS for attribute in body)
    for attribute in body:
        assert attribute["value_type"] in VALUE_TYPES and attribute["name"]
        assert set(attribute["tags"]) <= TAGS and all(flag is True for flag in attribute["tags"].values())
        assert all(set(value) == {"id", "name"} for value in attribute["values"])
        assert isinstance(attribute["value_max_length"], int) and attribute["attribute_group_name"]
        if attribute["value_type"] in ("list", "boolean"):
            assert attribute["values"]
    attributes = by_id(body)
    assert len(attributes) == len(body) and all(core in attributes for core in CORE)
    assert attributes["BRAND"]["tags"]["required"] and attributes["MODEL"]["tags"]["required"]
    assert attributes["GTIN"]["tags"]["catalog_required"]
    assert attributes["ITEM_CONDITION"]["tags"]["required"]
    assert attributes["SELLER_SKU"]["tags"] == {"hidden": True, "variation_attribute": True}


def test_every_fixture_items_category_resolves_in_mls_shapes(api: Api) -> None:
    categories = fixture_categories()
    assert len(categories) == 10
    for category_id in sorted(categories):
        category = api.get(f"/categories/{category_id}")
        assert category.status_code == 200, category_id
        assert category.headers["content-type"].startswith("application/json")
        check_category(category.json(), category_id)
        attributes = api.get(f"/categories/{category_id}/attributes")
        assert attributes.status_code == 200, category_id
        check_attributes(attributes.json())


def test_names_are_pt_br_on_mlb_and_spanish_on_mla(api: Api) -> None:
    shirt = by_id(api.get("/categories/MLB31447/attributes").json())
    assert shirt["ITEM_CONDITION"]["name"] == "Condição do item" and shirt["GENDER"]["name"] == "Gênero"
    assert {"id": "110461", "name": "Sem gênero"} in shirt["GENDER"]["values"]
    assert shirt["COLOR"]["name"] == "Cor" and shirt["ITEM_CONDITION"]["attribute_group_name"] == "Principais"
    mate = api.get("/categories/MLA412348").json()
    assert mate["name"] == "Mates" and mate["path_from_root"][0] == {"id": "MLA1574", "name": "Hogar, Muebles y Jardín"}
    assert mate["settings"]["currencies"] == ["ARS"]
    attributes = by_id(api.get("/categories/MLA412348/attributes").json())
    assert attributes["ITEM_CONDITION"]["name"] == "Condición del ítem"
    assert {"id": "2230284", "name": "Nuevo"} in attributes["ITEM_CONDITION"]["values"]


def test_each_domain_asks_for_its_own_attributes(api: Api) -> None:
    shirt = by_id(api.get("/categories/MLB31447/attributes").json())
    for axis in ("COLOR", "SIZE"):
        assert shirt[axis]["tags"]["allow_variations"] and shirt[axis]["tags"]["variation_attribute"]
    assert shirt["GENDER"]["tags"] == {"required": True} and shirt["GENDER"]["value_type"] == "list"
    headphones = by_id(api.get("/categories/MLB196208/attributes").json())
    assert {"VOLTAGE", "CONNECTIVITY"} <= set(headphones) and "GENDER" not in headphones
    assert "required" not in headphones["SIZE"]["tags"]  # an optional variation axis outside fashion
    assert headphones["IS_WIRELESS"]["value_type"] == "boolean"
    thermos = by_id(api.get("/categories/MLB255209/attributes").json())
    assert thermos["CAPACITY"]["value_type"] == "number_unit" and thermos["MATERIAL"]["value_type"] == "list"
    assert "GENDER" not in thermos
    assert api.get("/categories/MLB31447").json()["settings"]["max_variations_allowed"] == 250  # fashion (§13)
    assert api.get("/categories/MLB255209").json()["settings"]["max_variations_allowed"] == 100


def test_the_categories_of_a_path_resolve_too(api: Api) -> None:
    for step in api.get("/categories/MLB23332").json()["path_from_root"][:-1]:
        parent = api.get(f"/categories/{step['id']}")
        assert parent.status_code == 200 and parent.json()["name"] == step["name"]
        assert parent.json()["settings"]["listing_allowed"] is False  # items are listed in leaves


@pytest.mark.parametrize("path", ["/categories/MLB999999999", "/categories/MLB999999999/attributes", "/categories/x1"])
def test_an_unknown_category_is_mls_404(api: Api, path: str) -> None:
    answer = api.get(path)
    assert answer.status_code == 404
    body = answer.json()
    assert set(body) == set(load_fixture("errors/404_item.json"))  # {message, error, status, cause}
    assert body == {"message": "Category not found", "error": "not_found", "status": 404, "cause": []}


def test_categories_are_public_but_a_bearer_sent_is_checked(api: Api) -> None:
    anonymous = httpx.get(f"{api.handle.url}/categories/MLB31447/attributes")
    assert anonymous.status_code == 200 and anonymous.json() == api.get("/categories/MLB31447/attributes").json()
    garbage = httpx.get(f"{api.handle.url}/categories/MLB31447", headers={"Authorization": "Bearer nope"})
    assert garbage.status_code == 401
    assert api.get("/categories/MLA412349", seller=2401234567).status_code == 200  # no owner check


@pytest.fixture(scope="module")
def generated() -> Iterator[SandboxHandle]:
    with running_sandbox(generate=150, seed=4) as handle:
        yield handle


def test_every_category_of_a_generated_world_resolves(generated: SandboxHandle) -> None:
    items = generated.export()["items"].values()
    categories = {item["category_id"] for item in items}
    assert any(c.startswith("MLA") for c in categories) and any(c.startswith("MLB") for c in categories)
    seller = int(next(iter(generated.export()["users"])))
    headers = {"Authorization": f"Bearer {login(generated.url, seller)['access_token']}"}
    domains: dict[str, str] = {}
    with httpx.Client(base_url=generated.url, headers=headers) as http:
        for category_id in sorted(categories):
            category = http.get(f"/categories/{category_id}")
            assert category.status_code == 200, category_id
            check_category(category.json(), category_id)
            domains[category_id] = category.json()["settings"]["catalog_domain"]
            check_attributes(http.get(f"/categories/{category_id}/attributes").json())
    assert all(item["domain_id"] == domains[item["category_id"]] for item in items)  # the category's domain


def test_a_category_only_an_item_of_the_world_uses_resolves_as_a_generic_one(generated: SandboxHandle) -> None:
    item = dict(next(iter(generated.export()["items"].values())))
    item.update({"id": "MLB3999999901", "category_id": "MLB777777", "domain_id": "MLB-GARDEN_HOSES"})
    generated.put("items", item["id"], item)
    body = httpx.get(f"{generated.url}/categories/MLB777777").json()
    assert body["name"] == "Garden Hoses" and body["path_from_root"][0]["id"] == "MLB1953"
    check_attributes(httpx.get(f"{generated.url}/categories/MLB777777/attributes").json())
    assert httpx.get(f"{generated.url}/categories/MLB777778").status_code == 404
