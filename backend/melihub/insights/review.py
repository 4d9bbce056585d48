"""What the LLM is asked about a listing: the prompt (a versioned file, in the listing's site language), the
listing's own data as JSON, and the JSON schema its answer must match.

Only the listing's own data goes out: title, category, price, shipping, attributes, picture count, the
description and the score's findings. Nothing about buyers (questions, orders, messages) is read here.
The digest of that input is the listing version an analysis judged: the same input is answered once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from melihub.catalog.models import Listing
from melihub.insights.texts import finding_texts

PROMPT_VERSION = "listing_review.v1"
PROMPTS = Path(__file__).parent / "prompts"
MAX_DESCRIPTION = 1500
MAX_ATTRIBUTES = 25
SCHEMA_NAME = "listing_review"


# Short on purpose: a seller reads advice, not essays, and an answer within these bounds fits the token
# budget of a small model (a truncated answer is not JSON).
REASON_MAX = 60


def _reasoned(key: str, max_length: int, max_items: int, min_items: int = 0) -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": min_items,
        "maxItems": max_items,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": [key, "reason"],
            "properties": {
                key: {"type": "string", "minLength": 2, "maxLength": max_length},
                "reason": {"type": "string", "minLength": 2, "maxLength": REASON_MAX},
            },
        },
    }


ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["seo", "hacks", "critique", "risks"],
    "properties": {
        "seo": {
            "type": "object",
            "additionalProperties": False,
            "required": ["titleSuggestions", "keywords"],
            "properties": {
                "titleSuggestions": _reasoned("title", 60, 2, min_items=1),
                "keywords": _reasoned("keyword", 25, 3),
            },
        },
        "hacks": _reasoned("text", 80, 2),
        "critique": _reasoned("text", 80, 2),
        "risks": _reasoned("text", 80, 2),
    },
}


@dataclass(frozen=True)
class ReviewRequest:
    language: str  # pt-BR for MLB, es elsewhere
    system: str
    user: str
    listing_version: str  # sha256 of what the LLM reads (with the prompt version)


def language_of(site_id: str) -> str:
    return "pt-BR" if site_id == "MLB" else "es"


@cache
def prompt_text(language: str) -> str:
    return (PROMPTS / f"{PROMPT_VERSION}.{language}.txt").read_text(encoding="utf-8")


def listing_input(listing: Listing, findings: list[dict[str, Any]], language: str) -> dict[str, Any]:
    """The listing as the LLM reads it: its own data only."""
    raw = listing.raw or {}
    attributes = [
        {"name": a.get("name") or a.get("id"), "value": a.get("value_name")}
        for a in raw.get("attributes") or []
        if isinstance(a, dict) and a.get("value_name") and a.get("id") != "SELLER_SKU"
    ][:MAX_ATTRIBUTES]
    locale = "pt-BR" if language == "pt-BR" else "en"
    return {
        "title": listing.title,
        "categoryId": listing.category_id,
        "price": str(listing.price) if listing.price is not None else None,
        "currency": listing.currency_id,
        "condition": listing.condition,
        "listingType": listing.listing_type_id,
        "freeShipping": listing.free_shipping,
        "logisticType": listing.logistic_type,
        "pictures": len(raw.get("pictures") or []),
        "variations": len(raw.get("variations") or []),
        "attributes": attributes,
        "description": (listing.description or "")[:MAX_DESCRIPTION],
        # The recommendations, not the messages: a message's numbers (hours a question waits) move by
        # themselves, and the listing would read as changed.
        "findings": sorted(finding_texts(f["rule"], {}, locale)[1] for f in findings),
    }


def review_request(listing: Listing, findings: list[dict[str, Any]]) -> ReviewRequest:
    language = language_of(listing.site_id)
    given = listing_input(listing, findings, language)
    user = json.dumps(given, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(f"{PROMPT_VERSION}\n{user}".encode()).hexdigest()
    return ReviewRequest(language, prompt_text(language), user, digest)


def title_suggestions(result: dict[str, Any] | None) -> list[str]:
    suggestions = ((result or {}).get("seo") or {}).get("titleSuggestions") or []
    return [str(s.get("title") or "") for s in suggestions if isinstance(s, dict)]
