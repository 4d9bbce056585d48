"""Generated listings vary in what listing quality judges (pictures, their resolution, attributes),
deterministically by seed, in ML's shapes; the reference's items stay exactly as its fixtures."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from melihub.meli.models import Item
from melihub.sandbox.categories import attributes_body, node_of
from melihub.sandbox.generate import generate_world
from melihub.sandbox.world import load_scenario
from melihub.testing.fixtures import fixture_ids, load_fixture

PICTURE_KEYS = {"id", "url", "secure_url", "size", "max_size", "quality"}
SIZE = re.compile(r"(\d+)x(\d+)")


def sides(text: str) -> tuple[int, int]:
    match = SIZE.fullmatch(text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def items_of(orders: int, seed: int, **knobs: Any) -> list[dict[str, Any]]:
    return list(generate_world(orders, seed=seed, **knobs).export()["items"].values())


def test_generated_pictures_are_mls_shape_and_vary_in_count_and_resolution() -> None:
    items = items_of(400, 3)
    counts = Counter(len(item["pictures"]) for item in items)
    assert set(counts) <= set(range(1, 9)) and len(counts) >= 6
    smallest = []
    for item in items:
        ids = [picture["id"] for picture in item["pictures"]]
        assert len(set(ids)) == len(ids) and item["thumbnail_id"] == ids[0]
        for picture in item["pictures"]:
            assert set(picture) == PICTURE_KEYS and picture["secure_url"].startswith("https://")
            assert picture["url"] == picture["secure_url"].replace("https://", "http://", 1)
            (width, height), (max_width, max_height) = sides(picture["size"]), sides(picture["max_size"])
            assert max(width, height) == min(500, max(max_width, max_height))  # the -O rendition
            assert abs(width / height - max_width / max_height) < 0.01
        for variation in item["variations"]:  # variations show pictures of their listing
            assert variation["picture_ids"] and set(variation["picture_ids"]) <= set(ids)
        smallest.append(min(min(sides(p["max_size"])) for p in item["pictures"]))
    assert sum(side >= 1200 for side in smallest) > len(items) / 3
    assert 0 < sum(side < 1200 for side in smallest) < len(items)
    assert 0 < sum(side < 500 for side in smallest) < len(items) / 3


def test_generated_attributes_follow_the_category_and_some_identifiers_are_missing() -> None:
    world = generate_world(400, seed=3)
    items = list(world.export()["items"].values())
    missing = Counter(
        key for item in items for key in ("BRAND", "MODEL", "GTIN") if not Item.from_raw(item).attribute(key)
    )
    assert all(0 < missing[key] < len(items) for key in ("BRAND", "MODEL", "GTIN"))
    for item in items:
        found = node_of(world, item["category_id"])
        assert found is not None
        asked = {attribute["id"]: attribute for attribute in attributes_body(*found)}
        model = Item.from_raw(item)
        for attribute in model.attributes:
            assert attribute.id in asked and attribute.text, (item["id"], attribute.id)
            assert attribute.name == asked[attribute.id]["name"]  # the site's language
            if asked[attribute.id]["values"]:
                assert {"id": attribute.value_id, "name": attribute.value_name} in asked[attribute.id]["values"]
        assert model.attribute("ITEM_CONDITION") is not None
        gtin = model.gtin
        if gtin:
            digits = [int(d) for d in gtin]
            assert len(digits) == 13 and sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
        if not item["variations"]:
            assert model.item_sku and model.item_sku == item["seller_custom_field"]  # SKU kept
        for variation in model.variations:
            assert all(c.name == asked[c.id]["name"] for c in variation.attribute_combinations)


def test_listings_are_deterministic_by_seed_and_independent_of_the_clock() -> None:
    def listing(items: list[dict[str, Any]]) -> str:
        keys = ("id", "pictures", "attributes", "thumbnail", "domain_id")
        return json.dumps([{k: item[k] for k in keys} for item in items], sort_keys=True)

    assert listing(items_of(120, 5)) == listing(items_of(120, 5))
    assert listing(items_of(120, 5)) != listing(items_of(120, 6))
    later = items_of(120, 5, now=datetime(2026, 7, 1, tzinfo=UTC))
    assert listing(later) == listing(items_of(120, 5))


def test_the_reference_items_are_served_as_their_fixtures() -> None:
    world = load_scenario()
    for item_id in fixture_ids("items"):
        assert world.get("items", item_id) == load_fixture(f"items/{item_id}.json")
