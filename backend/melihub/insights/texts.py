"""What a finding says and recommends, pt-BR first, English second; filled from the finding's evidence.

Findings are stored without words (rule, severity, evidence), so a listing scored once reads in the
language of whoever looks at it.
"""

from __future__ import annotations

from typing import Any

from melihub.i18n import DEFAULT_LOCALE
from melihub.insights.rules import BEST_PICTURES, GOOD_DESCRIPTION, GOOD_PIXELS, GOOD_TITLE, MAX_TITLE

# rule → (message, recommendation); {names} come from the evidence (lists joined with ", ").
FINDING_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "pt-BR": {
        "TITLE_LENGTH": (
            "O título tem {length} caracteres (o ideal é de {best} a {max}).",
            "Use o espaço do título com produto, marca, modelo e a característica principal, sem passar de {max}.",
        ),
        "TITLE_REPEATED_WORDS": (
            "O título repete palavras: {words}.",
            "Tire as repetições e use o espaço para um atributo que o comprador procura.",
        ),
        "TITLE_BANNED_WORDS": (
            "O título tem termos que o Mercado Livre pede para evitar: {words}.",
            "Tire do título preço, promoção, frete e estoque: eles têm campos próprios no anúncio.",
        ),
        "TITLE_KEY_ATTRIBUTES": (
            "A marca ou o modelo não estão no título: {missing}.",
            "Inclua no título {values}: compradores buscam por eles.",
        ),
        "PICTURES_COUNT": (
            "O anúncio tem {count} foto(s).",
            "Anúncios com {best} fotos ou mais vendem mais: mostre o produto de vários ângulos, em uso e os detalhes.",
        ),
        "PICTURES_RESOLUTION": (
            "{small} de {pictures} foto(s) têm menos de {best} px no menor lado (a menor: {smallestSide} px).",
            "Suba fotos de pelo menos {best}x{best} px, com fundo branco, para o zoom funcionar.",
        ),
        "ATTRIBUTES_COMPLETE": (
            "Faltam atributos que a categoria pede: {missingRequired} (e {missingOptional} opcional(is)).",
            "Preencha a ficha técnica: atributos completos melhoram a posição na busca e os filtros.",
        ),
        "DESCRIPTION": (
            "A descrição tem {length} caracteres.",
            "Escreva uma descrição de pelo menos {best} caracteres: uso, medidas, material, o que vem na caixa.",
        ),
        "FREE_SHIPPING": (
            "O anúncio não oferece frete grátis.",
            "Ofereça frete grátis: o Mercado Livre destaca esses anúncios e o comprador filtra por ele.",
        ),
        "LOGISTIC_TYPE": (
            "A logística do anúncio é {logisticType}.",
            "Full ou Flex entregam mais rápido e ganham destaque; avalie mudar a logística.",
        ),
        "LISTING_TYPE": (
            "O tipo de anúncio é {listingType}.",
            "O Premium tem mais exposição e parcelamento sem juros; avalie para os seus mais vendidos.",
        ),
        "VARIATION_PRICES": (
            "As variações têm preços diferentes ({prices}): o Mercado Livre mostra e cobra {charged}.",
            "Deixe um só preço para todas as variações, ou separe-as em anúncios.",
        ),
        "STOCK_COVERAGE": (
            "O estoque cobre {days} dia(s) de vendas ({stock} un., {unitsLast30Days} vendidas em 30 dias).",
            "Reponha o estoque: um anúncio sem estoque é pausado e perde posição.",
        ),
        "UNANSWERED_QUESTIONS": (
            "{count} pergunta(s) sem resposta (a mais antiga há {oldestHours} h).",
            "Responda as perguntas: o tempo de resposta conta para a reputação e para a venda.",
        ),
        "MELI_QUALITY": (
            "A qualidade do anúncio no Mercado Livre é {score}/100. Pendências: {pending}.",
            "Resolva as pendências que o Mercado Livre aponta na qualidade do anúncio.",
        ),
    },
    "en": {
        "TITLE_LENGTH": (
            "The title has {length} characters (best: {best} to {max}).",
            "Use the title for the product, brand, model and its key feature, within {max} characters.",
        ),
        "TITLE_REPEATED_WORDS": (
            "The title repeats words: {words}.",
            "Remove the repeats and use the room for an attribute buyers search for.",
        ),
        "TITLE_BANNED_WORDS": (
            "The title has terms Mercado Livre asks to avoid: {words}.",
            "Keep price, promotion, shipping and stock out of the title: the listing has fields for them.",
        ),
        "TITLE_KEY_ATTRIBUTES": (
            "The brand or model is missing from the title: {missing}.",
            "Put {values} in the title: buyers search for them.",
        ),
        "PICTURES_COUNT": (
            "The listing has {count} picture(s).",
            "Listings with {best} pictures or more sell more: show angles, the product in use and its details.",
        ),
        "PICTURES_RESOLUTION": (
            "{small} of {pictures} picture(s) are under {best} px on the smaller side (smallest: {smallestSide} px).",
            "Upload pictures of at least {best}x{best} px on a white background so zoom works.",
        ),
        "ATTRIBUTES_COMPLETE": (
            "Attributes the category asks for are missing: {missingRequired} (and {missingOptional} optional).",
            "Fill in the technical sheet: complete attributes rank better and appear in filters.",
        ),
        "DESCRIPTION": (
            "The description has {length} characters.",
            "Write at least {best} characters: use, sizes, material, what is in the box.",
        ),
        "FREE_SHIPPING": (
            "The listing does not offer free shipping.",
            "Offer free shipping: Mercado Livre highlights such listings and buyers filter by it.",
        ),
        "LOGISTIC_TYPE": (
            "The listing ships by {logisticType}.",
            "Fulfillment or Flex deliver faster and get highlighted; consider changing logistics.",
        ),
        "LISTING_TYPE": (
            "The listing type is {listingType}.",
            "Premium gets more exposure and interest-free instalments; consider it for your best sellers.",
        ),
        "VARIATION_PRICES": (
            "Variations have different prices ({prices}): Mercado Livre shows and charges {charged}.",
            "Give every variation one price, or split them into listings.",
        ),
        "STOCK_COVERAGE": (
            "Stock covers {days} day(s) of sales ({stock} units, {unitsLast30Days} sold in 30 days).",
            "Restock: a listing out of stock is paused and loses its position.",
        ),
        "UNANSWERED_QUESTIONS": (
            "{count} question(s) unanswered (the oldest for {oldestHours} h).",
            "Answer the questions: response time counts for reputation and for the sale.",
        ),
        "MELI_QUALITY": (
            "Mercado Livre rates the listing's quality {score}/100. Pending: {pending}.",
            "Resolve what Mercado Livre's listing quality points out.",
        ),
    },
}


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items()) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


# Ids the evidence names (attributes, logistic and listing types), as a seller reads them.
NAMES = {
    "pt-BR": {
        "BRAND": "Marca",
        "MODEL": "Modelo",
        "fulfillment": "Full",
        "cross_docking": "Coleta",
        "xd_drop_off": "Mercado Envios Places",
        "self_service": "Flex",
        "drop_off": "agência (drop-off)",
        "gold_pro": "Premium",
        "gold_special": "Clássico",
        "free": "Grátis",
    },
    "en": {
        "BRAND": "Brand",
        "MODEL": "Model",
        "fulfillment": "Fulfillment",
        "cross_docking": "cross docking",
        "xd_drop_off": "Mercado Envios Places",
        "self_service": "Flex",
        "drop_off": "drop-off",
        "gold_pro": "Premium",
        "gold_special": "Classic",
        "free": "Free",
    },
}
# What a recommendation says when it is read without a listing's evidence (the account's costliest rules).
STATIC_EVIDENCE: dict[str, dict[str, Any]] = {
    "TITLE_LENGTH": {"best": GOOD_TITLE, "max": MAX_TITLE},
    "PICTURES_COUNT": {"best": BEST_PICTURES},
    "PICTURES_RESOLUTION": {"best": GOOD_PIXELS},
    "DESCRIPTION": {"best": GOOD_DESCRIPTION},
}
BRAND_AND_MODEL = {"pt-BR": "a marca e o modelo", "en": "the brand and the model"}


def _named(value: Any, names: dict[str, str], locale: str) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, float) and locale == "pt-BR":
        return f"{value:g}".replace(".", ",")
    if isinstance(value, dict):
        return {names.get(key, key): item for key, item in value.items()}
    if isinstance(value, list):
        return [names.get(item, item) if isinstance(item, str) else item for item in value]
    return value


def finding_texts(rule: str, evidence: dict[str, Any], locale: str = DEFAULT_LOCALE) -> tuple[str, str]:
    """(message, recommendation) of a finding, in ``locale`` (pt-BR when it has none)."""
    table = FINDING_TEXTS.get(locale, FINDING_TEXTS[DEFAULT_LOCALE])
    message, recommendation = table.get(rule) or FINDING_TEXTS[DEFAULT_LOCALE].get(rule) or (rule, "")
    names = NAMES.get(locale, NAMES[DEFAULT_LOCALE])
    given = {**STATIC_EVIDENCE.get(rule, {}), **evidence}
    values = {key: _shown(_named(value, names, locale)) for key, value in given.items()}
    if rule == "TITLE_KEY_ATTRIBUTES" and "values" not in evidence:
        values["values"] = BRAND_AND_MODEL.get(locale, BRAND_AND_MODEL[DEFAULT_LOCALE])
    values.setdefault("best", "")
    values.setdefault("max", "60")
    return message.format_map(_Blank(values)), recommendation.format_map(_Blank(values))


class _Blank(dict[str, str]):
    """An evidence a text names but a finding lacks reads as a dash, not a KeyError."""

    def __missing__(self, key: str) -> str:
        return "—"
