"""What a generated listing shows buyers: its pictures and its attributes, for listing-quality demos.

Each item draws from its own RNG, seeded by the world's seed and the item's id, never from the
world's RNG: the rest of a seed's world (orders, stock, prices...) stays exactly as it was. Nothing
here depends on the clock either, so a world generated at another ``now`` differs only in its dates.

Pictures follow ML's shape ``{id, url, secure_url, size, max_size, quality}``: ``max_size`` is the
uploaded original, ``size`` the ``-O`` rendition (at most 500 px on its longest side). Counts run
from 1 to 8; most originals are >= 1200 px, some are smaller and a few are under 500 px. Attributes
follow the item's category (:mod:`melihub.sandbox.categories`); BRAND, MODEL and GTIN are missing
from some items and the optional ones from more, so completeness scores vary.
"""

from __future__ import annotations

import random
from typing import Any

from melihub.sandbox.categories import CORE, Spec, domain_id, kind_of, lang, specs_of
from melihub.sandbox.world import Raw

PICTURE_HOST = "http2.mlstatic.com"
PICTURE_SUFFIX = "_032025"  # the fixtures' month; no date, so that a world at another clock keeps its ids
SHOWN_MAX_PX = 500  # the -O rendition ML serves as ``size``
PICTURE_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8)
PICTURE_COUNT_WEIGHTS = (3, 3, 3, 2, 2, 2, 1, 1)
# By the smaller side of the original: ML recommends 1200 px (zoom), 500 px is its minimum.
SIZE_TIERS: dict[str, tuple[str, ...]] = {
    "high": ("1200x1200", "1600x1200", "1500x1500", "2000x2000", "1920x1280"),
    "mid": ("1200x900", "800x800", "1000x750", "900x900", "1024x768", "700x700"),
    "low": ("480x480", "400x300", "450x450", "300x300", "640x480"),
}
STRAY_CHANCE = 0.15  # a picture of another tier than its listing's (a phone shot among studio ones)
BRANDS = ("Aurora Basics", "Passo Firme", "Termo Sul", "Casa Serra", "Rio Verde", "Lago Azul", "SolNorte", "Pampa")
GTIN_PREFIX = {"MLB": "789", "MLA": "779"}  # GS1 prefixes of Brazil and Argentina
SKIPPED = frozenset({"SELLER_SKU", "ITEM_CONDITION"})  # filled from the item's own fields
# How likely an attribute is filled: the core identifiers, then required and optional ones.
FILL_CHANCE = {"BRAND": 0.8, "MODEL": 0.65, "GTIN": 0.55}
REQUIRED_CHANCE = 0.85
OPTIONAL_CHANCE = 0.55


def listing_rng(seed: int, item_id: str) -> random.Random:
    return random.Random(f"listing:{seed}:{item_id}")  # str seeds are hashed stably (sha512)


def _scaled(max_size: str) -> str:
    width, height = (int(side) for side in max_size.split("x"))
    longest = max(width, height)
    if longest <= SHOWN_MAX_PX:
        return max_size
    return f"{round(width * SHOWN_MAX_PX / longest)}x{round(height * SHOWN_MAX_PX / longest)}"


def _tier(rng: random.Random) -> str:
    roll = rng.random()
    return "low" if roll < 0.1 else "mid" if roll < 0.35 else "high"


def build_pictures(rng: random.Random, item_id: str) -> list[Raw]:
    """1-8 pictures; most of one item's pictures share its size tier, a few come from another."""
    count = rng.choices(PICTURE_COUNTS, weights=PICTURE_COUNT_WEIGHTS)[0]
    tier = _tier(rng)
    digits = item_id[3:]
    pictures = []
    for index in range(count):
        max_size = rng.choice(SIZE_TIERS[_tier(rng) if rng.random() < STRAY_CHANCE else tier])
        picture_id = f"{700 + index:03d}{digits[-3:]}-{item_id}{PICTURE_SUFFIX}"
        path = f"{PICTURE_HOST}/D_{picture_id}-O.jpg"
        pictures.append(
            {
                "id": picture_id,
                "url": f"http://{path}",
                "secure_url": f"https://{path}",
                "size": _scaled(max_size),
                "max_size": max_size,
                "quality": "",
            }
        )
    return pictures


def _gtin(rng: random.Random, site: str) -> str:
    body = GTIN_PREFIX.get(site, "200") + "".join(str(rng.randrange(10)) for _ in range(9))
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _free_text(rng: random.Random, spec: Spec, item: Raw) -> str:
    if spec.id == "BRAND":
        return rng.choice(BRANDS)
    if spec.id == "MODEL":
        return f"{str(item.get('title') or 'Modelo').split()[0]} {rng.randint(100, 999)}"
    if spec.id == "GTIN":
        return _gtin(rng, str(item.get("site_id")))
    return rng.choice(spec.samples) if spec.samples else f"{spec.names[lang(str(item.get('site_id')))]} padrão"


def _struct(spec: Spec, text: str) -> Any:
    if spec.value_type != "number_unit":
        return None
    number, _, unit = text.partition(" ")
    return {"number": float(number), "unit": unit}


def item_attribute(spec: Spec, site: str, value_id: str | None, value_name: str) -> Raw:
    """An item's attribute as ``GET /items/{id}`` shows it (the fixtures' shape)."""
    return {
        "id": spec.id,
        "name": spec.names[lang(site)],
        "value_id": value_id,
        "value_name": value_name,
        "values": [{"id": value_id, "name": value_name, "struct": _struct(spec, value_name)}],
        "value_type": spec.value_type,
    }


CONDITION = next(spec for spec in CORE if spec.id == "ITEM_CONDITION")
CONDITION_VALUES = {"new": "2230284", "used": "2230581"}  # the item's ``condition`` -> ITEM_CONDITION's value


def _axes(kind: str) -> dict[str, Spec]:
    return {spec.id: spec for spec in specs_of(kind) if "allow_variations" in spec.tags}


def _condition(item: Raw, site: str) -> Raw:
    value_id = CONDITION_VALUES.get(str(item.get("condition")), "2230284")
    value = next(v for v in CONDITION.values if v[0] == value_id)
    return item_attribute(CONDITION, site, value[0], value[1 + lang(site)])


def localise_axes(item: Raw) -> None:
    """Name the variations' COLOR/SIZE combinations in the item's site language (the template's are pt-BR)."""
    index = lang(str(item.get("site_id")))
    axes = _axes(kind_of(str(item.get("category_id"))))
    for variation in item.get("variations") or []:
        for combo in variation.get("attribute_combinations") or []:
            spec = axes.get(combo.get("id"))
            value = next((v for v in spec.values if v[0] == combo.get("value_id")), None) if spec else None
            if spec is None or value is None:
                continue
            combo.update({"name": spec.names[index], "value_name": value[1 + index]})
            combo["values"] = [{"id": value[0], "name": value[1 + index], "struct": None}]


def _fill_chance(spec: Spec) -> float:
    return FILL_CHANCE.get(spec.id, REQUIRED_CHANCE if "required" in spec.tags else OPTIONAL_CHANCE)


def build_attributes(rng: random.Random, item: Raw) -> list[Raw]:
    """The item's attributes for its category, some left out; the variations' axes stay on the variations."""
    site = str(item.get("site_id"))
    index = lang(site)
    axes = {c.get("id") for v in item.get("variations") or [] for c in v.get("attribute_combinations") or []}
    attributes = []
    for spec in specs_of(kind_of(str(item.get("category_id")))):
        if spec.id in SKIPPED or spec.id in axes:
            continue
        draw = rng.random()  # one draw per attribute, filled or not: the others keep their values
        if draw >= _fill_chance(spec):
            continue
        if spec.values:
            value = rng.choice(spec.values)
            attributes.append(item_attribute(spec, site, value[0], value[1 + index]))
        else:
            attributes.append(item_attribute(spec, site, None, _free_text(rng, spec, item)))
    return [*attributes, _condition(item, site)]


def dress_listing(item: Raw, seed: int) -> None:
    """Give a generated ``item`` (ids, category and variations already set) its pictures and attributes.

    The item's SELLER_SKU attribute, when it has one, is kept last as the fixtures keep theirs.
    """
    localise_axes(item)
    rng = listing_rng(seed, str(item["id"]))
    pictures = build_pictures(rng, str(item["id"]))
    item["pictures"] = pictures
    item["thumbnail_id"] = pictures[0]["id"]
    item["thumbnail"] = pictures[0]["url"].replace("-O.jpg", "-I.jpg")
    colours: list[Any] = []
    for variation in item.get("variations") or []:
        colour = next((c.get("value_id") for c in variation["attribute_combinations"] if c["id"] == "COLOR"), None)
        if colour not in colours:
            colours.append(colour)
        variation["picture_ids"] = [pictures[colours.index(colour) % len(pictures)]["id"]]
    skus = [a for a in item.get("attributes") or [] if a.get("id") == "SELLER_SKU"]
    item["attributes"] = [*build_attributes(rng, item), *skus]
    item["domain_id"] = domain_id(str(item.get("category_id"))) or item.get("domain_id")
