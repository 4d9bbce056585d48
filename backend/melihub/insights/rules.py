"""The score's rules: pure functions of a listing's facts, each a share of its weight in [0, 1].

A rule answers None when it does not apply (a listing without variations has no price coherence to
judge; ML's quality score or the category's attributes not fetched yet). The score is the weighted
share over the rules that apply, 0-100. Thresholds follow Mercado Livre's own guidance where the
reference gives it (6 pictures or more, §5.8's fixture; titles up to 60 characters, §5.1; one price for
all variations, §13); the rest (banned words, description length, coverage days) are melihub's reading
of ML's seller-centre advice and are marked as such in docs/insights.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Rule(StrEnum):
    TITLE_LENGTH = "TITLE_LENGTH"
    TITLE_REPEATED_WORDS = "TITLE_REPEATED_WORDS"
    TITLE_BANNED_WORDS = "TITLE_BANNED_WORDS"
    TITLE_KEY_ATTRIBUTES = "TITLE_KEY_ATTRIBUTES"
    PICTURES_COUNT = "PICTURES_COUNT"
    PICTURES_RESOLUTION = "PICTURES_RESOLUTION"
    ATTRIBUTES_COMPLETE = "ATTRIBUTES_COMPLETE"
    DESCRIPTION = "DESCRIPTION"
    FREE_SHIPPING = "FREE_SHIPPING"
    LOGISTIC_TYPE = "LOGISTIC_TYPE"
    LISTING_TYPE = "LISTING_TYPE"
    VARIATION_PRICES = "VARIATION_PRICES"
    STOCK_COVERAGE = "STOCK_COVERAGE"
    UNANSWERED_QUESTIONS = "UNANSWERED_QUESTIONS"
    MELI_QUALITY = "MELI_QUALITY"


WEIGHTS: dict[Rule, int] = {
    Rule.TITLE_LENGTH: 8,
    Rule.TITLE_REPEATED_WORDS: 4,
    Rule.TITLE_BANNED_WORDS: 6,
    Rule.TITLE_KEY_ATTRIBUTES: 6,
    Rule.PICTURES_COUNT: 10,
    Rule.PICTURES_RESOLUTION: 6,
    Rule.ATTRIBUTES_COMPLETE: 12,
    Rule.DESCRIPTION: 8,
    Rule.FREE_SHIPPING: 6,
    Rule.LOGISTIC_TYPE: 5,
    Rule.LISTING_TYPE: 5,
    Rule.VARIATION_PRICES: 4,
    Rule.STOCK_COVERAGE: 8,
    Rule.UNANSWERED_QUESTIONS: 6,
    Rule.MELI_QUALITY: 6,
}

MAX_TITLE = 60
GOOD_TITLE = 40
BEST_PICTURES = 6
GOOD_PIXELS = 1200
MIN_PIXELS = 500
GOOD_DESCRIPTION = 500
SHORT_DESCRIPTION = 200
SAFE_COVERAGE_DAYS = 15
LOW_COVERAGE_DAYS = 7
RECENT_DAYS = 30

# Words Mercado Livre asks to keep out of titles (price, promotion, shipping and stock claims belong to
# the listing's own fields), by the listing's language; compared without accents.
BANNED_WORDS = {
    "pt": (
        "promocao",
        "oferta",
        "desconto",
        "frete gratis",
        "gratis",
        "barato",
        "imperdivel",
        "liquidacao",
        "queima de estoque",
        "pronta entrega",
        "envio imediato",
        "melhor preco",
        "black friday",
    ),
    "es": (
        "oferta",
        "promocion",
        "descuento",
        "envio gratis",
        "gratis",
        "barato",
        "imperdible",
        "liquidacion",
        "entrega inmediata",
        "mejor precio",
        "black friday",
    ),
}
BANNED_SIGNS = ("!", "*", "%", "$")
STOP_WORDS = frozenset(
    [
        "com",
        "para",
        "sem",
        "por",
        "uma",
        "uns",
        "das",
        "dos",
        "nas",
        "nos",
        "con",
        "los",
        "las",
        "del",
        "una",
        "por",
        "the",
        "and",
        "for",
    ]
)
LOGISTIC_SHARES = {"fulfillment": 1.0, "cross_docking": 0.8, "xd_drop_off": 0.8, "self_service": 0.8, "drop_off": 0.6}
LISTING_TYPE_SHARES = {"gold_pro": 1.0, "gold_premium": 1.0, "gold_special": 0.7, "gold": 0.5, "silver": 0.4}
_SIZE = re.compile(r"(\d+)\s*x\s*(\d+)")


@dataclass(frozen=True)
class ListingFacts:
    """What the rules read of one listing; built by ``queries.facts_of`` (no buyer data in here)."""

    ml_id: str
    site_id: str
    title: str
    status: str
    listing_type_id: str | None
    logistic_type: str | None
    free_shipping: bool
    price: Decimal | None
    available_quantity: int
    pictures: list[dict[str, Any]] = field(default_factory=list)
    attributes: list[dict[str, Any]] = field(default_factory=list)  # the item's and its variations'
    variation_prices: list[Decimal | None] = field(default_factory=list)
    description: str | None = None
    category_attributes: list[dict[str, Any]] | None = None  # None: not fetched yet
    quality_score: int | None = None
    quality_pending: list[str] = field(default_factory=list)
    units_recent: int | None = None  # units sold in the last RECENT_DAYS days
    unanswered_questions: int = 0
    oldest_unanswered_hours: float | None = None

    @property
    def language(self) -> str:
        return "pt" if self.site_id == "MLB" else "es"


@dataclass(frozen=True)
class Outcome:
    share: float  # of the rule's weight, 0..1
    evidence: dict[str, Any]


Judge = Callable[[ListingFacts], Outcome | None]


def folded(text: str) -> str:
    """Lower case without accents: how titles and attribute values are compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded(text))


def attribute_value(facts: ListingFacts, attribute_id: str) -> str | None:
    for attribute in facts.attributes:
        if attribute.get("id") == attribute_id and (attribute.get("value_name") or attribute.get("value_id")):
            return str(attribute.get("value_name") or attribute.get("value_id"))
    return None


def title_length(facts: ListingFacts) -> Outcome:
    length = len(facts.title.strip())
    if length > MAX_TITLE:
        share = 0.0
    elif length >= GOOD_TITLE:
        share = 1.0
    else:
        share = max(0.0, length / GOOD_TITLE) * 0.8
    return Outcome(round(share, 3), {"length": length, "best": GOOD_TITLE, "max": MAX_TITLE})


def title_repeated_words(facts: ListingFacts) -> Outcome:
    seen: set[str] = set()
    repeated: list[str] = []
    for word in words_of(facts.title):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        if word in seen and word not in repeated:
            repeated.append(word)
        seen.add(word)
    return Outcome(0.0 if repeated else 1.0, {"words": repeated})


def title_banned_words(facts: ListingFacts) -> Outcome:
    title = " ".join(words_of(facts.title))
    found = [w for w in BANNED_WORDS[facts.language] if re.search(rf"\b{re.escape(w)}\b", title)]
    found += [sign for sign in BANNED_SIGNS if sign in facts.title]
    return Outcome(0.0 if found else 1.0, {"words": found})


def title_key_attributes(facts: ListingFacts) -> Outcome | None:
    wanted = {key: value for key in ("BRAND", "MODEL") if (value := attribute_value(facts, key))}
    if not wanted:
        return None
    title = " ".join(words_of(facts.title))
    missing = [key for key, value in wanted.items() if " ".join(words_of(value)) not in title]
    share = 1 - len(missing) / len(wanted)
    return Outcome(share, {"missing": missing, "values": {key: wanted[key] for key in missing}})


def pictures_count(facts: ListingFacts) -> Outcome:
    count = len(facts.pictures)
    return Outcome(min(count, BEST_PICTURES) / BEST_PICTURES, {"count": count, "best": BEST_PICTURES})


def _smaller_side(picture: dict[str, Any]) -> int | None:
    found = _SIZE.search(str(picture.get("max_size") or picture.get("size") or ""))
    return min(int(found.group(1)), int(found.group(2))) if found else None


def pictures_resolution(facts: ListingFacts) -> Outcome | None:
    sides = [side for side in map(_smaller_side, facts.pictures) if side is not None]
    if not sides:
        return None
    shares = [1.0 if side >= GOOD_PIXELS else 0.5 if side >= MIN_PIXELS else 0.0 for side in sides]
    small = sum(side < GOOD_PIXELS for side in sides)
    evidence = {"small": small, "pictures": len(sides), "smallestSide": min(sides), "best": GOOD_PIXELS}
    return Outcome(round(sum(shares) / len(shares), 3), evidence)


def _asks(attribute: dict[str, Any]) -> str | None:
    """``required`` or ``optional`` for an attribute the seller fills; None for hidden/read-only ones."""
    tags = attribute.get("tags") or {}
    if any(tags.get(tag) for tag in ("hidden", "read_only", "fixed")):
        return None
    if any(tags.get(tag) for tag in ("required", "catalog_required", "conditional_required")):
        return "required"
    return None if tags.get("variation_attribute") else "optional"


def attributes_complete(facts: ListingFacts) -> Outcome | None:
    if facts.category_attributes is None:
        return None
    filled = {str(a.get("id")) for a in facts.attributes if a.get("value_name") or a.get("value_id")}
    missing: dict[str, list[str]] = {"required": [], "optional": []}
    asked: dict[str, int] = {"required": 0, "optional": 0}
    for attribute in facts.category_attributes:
        kind = _asks(attribute)
        if kind is None:
            continue
        asked[kind] += 1
        if str(attribute.get("id")) not in filled:
            missing[kind].append(str(attribute.get("name") or attribute.get("id")))
    if not asked["required"] and not asked["optional"]:
        return None
    required = 1 - len(missing["required"]) / asked["required"] if asked["required"] else 1.0
    optional = 1 - len(missing["optional"]) / asked["optional"] if asked["optional"] else 1.0
    evidence = {"missingRequired": missing["required"][:8], "missingOptional": len(missing["optional"])}
    return Outcome(round(0.8 * required + 0.2 * optional, 3), evidence)


def description(facts: ListingFacts) -> Outcome:
    length = len((facts.description or "").strip())
    share = 1.0 if length >= GOOD_DESCRIPTION else 0.6 if length >= SHORT_DESCRIPTION else 0.3 if length else 0.0
    return Outcome(share, {"length": length, "best": GOOD_DESCRIPTION})


def free_shipping(facts: ListingFacts) -> Outcome:
    return Outcome(1.0 if facts.free_shipping else 0.0, {"freeShipping": facts.free_shipping})


def logistic_type(facts: ListingFacts) -> Outcome:
    share = LOGISTIC_SHARES.get(facts.logistic_type or "", 0.2)
    return Outcome(share, {"logisticType": facts.logistic_type})


def listing_type(facts: ListingFacts) -> Outcome:
    share = LISTING_TYPE_SHARES.get(facts.listing_type_id or "", 0.0)
    return Outcome(share, {"listingType": facts.listing_type_id})


def variation_prices(facts: ListingFacts) -> Outcome | None:
    if len(facts.variation_prices) < 2:
        return None
    prices = sorted({str(p) for p in facts.variation_prices if p is not None}, key=Decimal)
    share = 1.0 if len(prices) <= 1 else 0.0
    return Outcome(share, {"prices": prices, "charged": prices[-1] if prices else None})


def stock_coverage(facts: ListingFacts) -> Outcome | None:
    if facts.status == "closed" or not facts.units_recent:
        return None  # no sales lately: no velocity to cover
    days = facts.available_quantity / (facts.units_recent / RECENT_DAYS)
    share = 1.0 if days >= SAFE_COVERAGE_DAYS else 0.5 if days >= LOW_COVERAGE_DAYS else 0.0
    evidence = {"days": round(days, 1), "stock": facts.available_quantity, "unitsLast30Days": facts.units_recent}
    return Outcome(share, evidence)


def unanswered_questions(facts: ListingFacts) -> Outcome:
    count = facts.unanswered_questions
    hours = round(facts.oldest_unanswered_hours, 1) if facts.oldest_unanswered_hours is not None else None
    return Outcome(1.0 if count == 0 else 0.0, {"count": count, "oldestHours": hours})


def meli_quality(facts: ListingFacts) -> Outcome | None:
    if facts.quality_score is None:
        return None
    score = max(0, min(100, facts.quality_score))
    return Outcome(score / 100, {"score": score, "pending": facts.quality_pending[:5]})


JUDGES: dict[Rule, Judge] = {
    Rule.TITLE_LENGTH: title_length,
    Rule.TITLE_REPEATED_WORDS: title_repeated_words,
    Rule.TITLE_BANNED_WORDS: title_banned_words,
    Rule.TITLE_KEY_ATTRIBUTES: title_key_attributes,
    Rule.PICTURES_COUNT: pictures_count,
    Rule.PICTURES_RESOLUTION: pictures_resolution,
    Rule.ATTRIBUTES_COMPLETE: attributes_complete,
    Rule.DESCRIPTION: description,
    Rule.FREE_SHIPPING: free_shipping,
    Rule.LOGISTIC_TYPE: logistic_type,
    Rule.LISTING_TYPE: listing_type,
    Rule.VARIATION_PRICES: variation_prices,
    Rule.STOCK_COVERAGE: stock_coverage,
    Rule.UNANSWERED_QUESTIONS: unanswered_questions,
    Rule.MELI_QUALITY: meli_quality,
}
