"""Each rule of the listing score: a listing that triggers it and one that does not; and how the score,
its level and its findings follow from the rules."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from melihub.insights.rules import JUDGES, WEIGHTS, ListingFacts, Rule
from melihub.insights.scoring import Level, compute
from melihub.insights.texts import FINDING_TEXTS, finding_texts

BIG = {"max_size": "1200x1200"}
CATEGORY = [
    {"id": "BRAND", "name": "Marca", "tags": {"required": True}},
    {"id": "MODEL", "name": "Modelo", "tags": {"required": True}},
    {"id": "COLOR", "name": "Cor", "tags": {}},
    {"id": "SELLER_SKU", "name": "SKU", "tags": {"hidden": True}},
]
GOOD = ListingFacts(
    ml_id="MLB1",
    site_id="MLB",
    title="Garrafa Térmica Aço Inox Stanley Classic 1 Litro Verde",
    status="active",
    listing_type_id="gold_pro",
    logistic_type="fulfillment",
    free_shipping=True,
    price=Decimal("199.90"),
    available_quantity=60,
    pictures=[BIG] * 6,
    attributes=[
        {"id": "BRAND", "value_name": "Stanley"},
        {"id": "MODEL", "value_name": "Classic"},
        {"id": "COLOR", "value_name": "Verde"},
    ],
    description="x" * 600,
    category_attributes=CATEGORY,
    quality_score=100,
    units_recent=30,
)

# rule → a change of the good listing that makes the rule cost points
TRIGGERS: dict[Rule, dict[str, Any]] = {
    Rule.TITLE_LENGTH: {"title": "Garrafa Stanley Classic"},
    Rule.TITLE_REPEATED_WORDS: {"title": "Garrafa Térmica Stanley Classic Garrafa Inox 1 Litro Verde"},
    Rule.TITLE_BANNED_WORDS: {"title": "Garrafa Térmica Stanley Classic 1 Litro Frete Grátis Promoção"},
    Rule.TITLE_KEY_ATTRIBUTES: {"title": "Garrafa Térmica Aço Inox Grande de 1 Litro na Cor Verde"},
    Rule.PICTURES_COUNT: {"pictures": [BIG] * 2},
    Rule.PICTURES_RESOLUTION: {"pictures": [{"max_size": "400x300"}] + [BIG] * 5},
    Rule.ATTRIBUTES_COMPLETE: {"attributes": [{"id": "BRAND", "value_name": "Stanley"}]},
    Rule.DESCRIPTION: {"description": "Garrafa boa."},
    Rule.FREE_SHIPPING: {"free_shipping": False},
    Rule.LOGISTIC_TYPE: {"logistic_type": "drop_off"},
    Rule.LISTING_TYPE: {"listing_type_id": "gold_special"},
    Rule.VARIATION_PRICES: {"variation_prices": [Decimal("10.00"), Decimal("12.00")]},
    Rule.STOCK_COVERAGE: {"available_quantity": 3},
    Rule.UNANSWERED_QUESTIONS: {"unanswered_questions": 2, "oldest_unanswered_hours": 5.0},
    Rule.MELI_QUALITY: {"quality_score": 40},
}


def failed(facts: ListingFacts) -> set[str]:
    return set(compute(facts).failed_rules)


def test_every_rule_has_a_weight_a_trigger_and_texts_in_both_languages() -> None:
    assert set(JUDGES) == set(WEIGHTS) == set(TRIGGERS) == set(Rule)
    assert sum(WEIGHTS.values()) == 100
    for locale in ("pt-BR", "en"):
        assert set(FINDING_TEXTS[locale]) == {rule.value for rule in Rule}


def test_the_good_listing_triggers_no_rule_and_scores_100() -> None:
    computed = compute(GOOD)
    assert computed.findings == []
    assert (computed.value, computed.level) == (100, Level.PROFESSIONAL)


@pytest.mark.parametrize("rule", list(Rule), ids=lambda rule: rule.value)
def test_each_rule_costs_points_when_its_listing_triggers_it(rule: Rule) -> None:
    triggered = dataclasses.replace(GOOD, **TRIGGERS[rule])
    computed = compute(triggered)
    assert rule.value in computed.failed_rules
    assert computed.value < 100
    finding = next(f for f in computed.findings if f["rule"] == rule.value)
    assert finding["pointsLost"] > 0
    message, recommendation = finding_texts(rule.value, finding["evidence"])
    assert message and recommendation and "{" not in message + recommendation


def test_rules_without_their_facts_do_not_apply_instead_of_failing() -> None:
    unknown = dataclasses.replace(
        GOOD, category_attributes=None, quality_score=None, units_recent=0, pictures=[{"id": "p"}]
    )
    judged = {rule for rule, judge in JUDGES.items() if judge(unknown) is not None}
    assert Rule.ATTRIBUTES_COMPLETE not in judged  # the category's attributes not fetched yet
    assert Rule.MELI_QUALITY not in judged
    assert Rule.STOCK_COVERAGE not in judged  # no sales: no velocity to cover
    assert Rule.PICTURES_RESOLUTION not in judged  # no size known
    assert Rule.VARIATION_PRICES not in judged  # no variations


def test_evidence_says_what_was_found() -> None:
    computed = compute(dataclasses.replace(GOOD, **TRIGGERS[Rule.TITLE_BANNED_WORDS]))
    banned = next(f for f in computed.findings if f["rule"] == "TITLE_BANNED_WORDS")
    assert banned["evidence"]["words"] == ["promocao", "frete gratis", "gratis"]
    coverage = compute(dataclasses.replace(GOOD, **TRIGGERS[Rule.STOCK_COVERAGE]))
    found = next(f for f in coverage.findings if f["rule"] == "STOCK_COVERAGE")
    assert found["evidence"] == {"days": 3.0, "stock": 3, "unitsLast30Days": 30}


def test_spanish_listings_are_judged_against_spanish_words() -> None:
    argentine = dataclasses.replace(GOOD, site_id="MLA", title="Mate de Calabaza Stanley Classic Envío Gratis")
    assert "TITLE_BANNED_WORDS" in failed(argentine)
    assert "TITLE_BANNED_WORDS" not in failed(dataclasses.replace(argentine, title="Mate Stanley Classic Calabaza"))


def test_findings_come_most_costly_first_with_severity_by_points() -> None:
    poor = dataclasses.replace(
        GOOD, **TRIGGERS[Rule.PICTURES_COUNT], free_shipping=False, listing_type_id="gold_special"
    )
    findings = compute(poor).findings
    assert [f["pointsLost"] for f in findings] == sorted((f["pointsLost"] for f in findings), reverse=True)
    assert findings[0]["rule"] == "PICTURES_COUNT" and findings[0]["severity"] == "HIGH"
    assert findings[-1]["severity"] in ("LOW", "MEDIUM")


def test_levels_follow_the_value() -> None:
    bare = ListingFacts(
        ml_id="MLB2",
        site_id="MLB",
        title="Caneca",
        status="active",
        listing_type_id="free",
        logistic_type=None,
        free_shipping=False,
        price=Decimal("10"),
        available_quantity=1,
        unanswered_questions=3,
    )
    computed = compute(bare)
    assert computed.level is Level.BASIC and computed.value < 50
    assert finding_texts("UNANSWERED_QUESTIONS", {"count": 3, "oldestHours": None}, "en")[0] == (
        "3 question(s) unanswered (the oldest for — h)."
    )


def test_attribute_ids_read_as_names_in_the_message() -> None:
    computed = compute(dataclasses.replace(GOOD, **TRIGGERS[Rule.TITLE_KEY_ATTRIBUTES]))
    finding = next(f for f in computed.findings if f["rule"] == "TITLE_KEY_ATTRIBUTES")
    assert finding["evidence"]["missing"] == ["BRAND", "MODEL"]
    message, recommendation = finding_texts("TITLE_KEY_ATTRIBUTES", finding["evidence"])
    assert message == "A marca ou o modelo não estão no título: Marca, Modelo."
    assert recommendation == "Inclua no título Marca: Stanley, Modelo: Classic: compradores buscam por eles."
    assert finding_texts("TITLE_KEY_ATTRIBUTES", finding["evidence"], "en")[0].endswith("Brand, Model.")


def test_a_recommendation_read_without_evidence_keeps_its_numbers() -> None:
    """The account's costliest rules show recommendations without a listing's evidence."""
    assert finding_texts("PICTURES_COUNT", {})[1].startswith("Anúncios com 6 fotos ou mais")
    assert finding_texts("DESCRIPTION", {}, "en")[1].startswith("Write at least 500 characters")
    assert (
        finding_texts("TITLE_KEY_ATTRIBUTES", {})[1]
        == "Inclua no título a marca e o modelo: compradores buscam por eles."
    )
    for locale in ("pt-BR", "en"):
        for rule in Rule:
            assert "  " not in finding_texts(rule.value, {}, locale)[1], (rule, locale)


def test_ids_and_decimals_read_as_a_seller_reads_them() -> None:
    assert (
        finding_texts("LOGISTIC_TYPE", {"logisticType": "drop_off"})[0]
        == "A logística do anúncio é agência (drop-off)."
    )
    assert finding_texts("LISTING_TYPE", {"listingType": "gold_special"})[0] == "O tipo de anúncio é Clássico."
    assert "há 7,2 h" in finding_texts("UNANSWERED_QUESTIONS", {"count": 1, "oldestHours": 7.2})[0]
    assert "for 7.2 h" in finding_texts("UNANSWERED_QUESTIONS", {"count": 1, "oldestHours": 7.2}, "en")[0]
