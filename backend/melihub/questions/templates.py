"""A tenant's canned answers to buyers' questions, and filling their placeholders from a question.

A template's text may hold placeholders (``{{comprador}}``, ``{{titulo}}``, …, see ``PLACEHOLDERS``);
an unknown one is refused when the template is saved, so rendering never meets one. Rendering fills them
from what melihub stores of the question (its listing, its asker, its account) and lists in ``missing``
those it had to fill with a neutral stand-in, for the operator to check before sending.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.catalog.models import Listing
from melihub.connections.models import MeliAccount
from melihub.db.base import utcnow
from melihub.db.paging import visible
from melihub.errors import DomainError
from melihub.orders.models import Customer
from melihub.questions.answers import MAX_ANSWER_CHARS as MAX_TEXT
from melihub.questions.models import Question, QuestionTemplate
from melihub.questions.queries import get_question

MAX_NAME = 100
# MAX_TEXT: a template is an answer to be, so answerQuestion's limit (and counting) holds for it.
MAX_SHORTCUT = 30
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# What each placeholder is filled with (``fill`` below holds how).
PLACEHOLDERS: dict[str, str] = {
    "comprador": "the buyer's nickname",
    "titulo": "the listing's title",
    "preco": "the listing's price, formatted in pt-BR for its currency",
    "estoque": "the listing's available quantity",
    "prazo_envio": "the listing's manufacturing (handling) time",
    "vendedor": "the Mercado Livre account's nickname",
    "link": "the listing's permalink",
}
# The API's names of the template's fields, for errors and audit rows.
API_NAMES = {"name": "name", "text": "text", "shortcut": "shortcut"}
UNIQUE_NAME = "question_templates_tenant_id_name_key"
UNIQUE_SHORTCUT = "ix_question_templates_tenant_shortcut"


class TemplateError(DomainError):
    """A template that cannot be saved as asked, or one that is not there."""


@dataclass(frozen=True)
class TemplateChange:
    """A template after an update, and each changed field's value before and after (API names)."""

    template: QuestionTemplate
    before: dict[str, Any]
    after: dict[str, Any]


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use, each once."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text)))


def clean_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise TemplateError("a template needs a name", field="name", code="INVALID")
    if len(cleaned) > MAX_NAME:
        raise TemplateError(f"a template's name has at most {MAX_NAME} characters", field="name", code="INVALID")
    return cleaned


def clean_text(text: str) -> str:
    """The text without outer whitespace; blank, too long or with an unknown placeholder is refused."""
    cleaned = text.strip()
    if not cleaned:
        raise TemplateError("a template needs a text", field="text", code="EMPTY_TEXT")
    if len(cleaned) > MAX_TEXT:
        raise TemplateError(
            f"the text has {len(cleaned)} characters; Mercado Livre takes at most {MAX_TEXT} in an answer",
            field="text",
            code="TEXT_TOO_LONG",
        )
    unknown = [name for name in placeholders_in(cleaned) if name not in PLACEHOLDERS]
    if unknown:
        named = ", ".join(f"{{{{{name}}}}}" for name in unknown)
        known = ", ".join(f"{{{{{name}}}}}" for name in PLACEHOLDERS)
        raise TemplateError(f"unknown placeholder {named}; known: {known}", field="text", code="UNKNOWN_PLACEHOLDER")
    return cleaned


def clean_shortcut(shortcut: str | None) -> str | None:
    """None or blank: no shortcut; otherwise one word of at most ``MAX_SHORTCUT`` characters."""
    cleaned = (shortcut or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > MAX_SHORTCUT or any(char.isspace() for char in cleaned):
        raise TemplateError(
            f"a shortcut is one word of at most {MAX_SHORTCUT} characters", field="shortcut", code="INVALID"
        )
    return cleaned


def _templates(principal: Principal) -> Any:
    return select(QuestionTemplate).where(QuestionTemplate.tenant_id == principal.tenant_id)


async def list_templates(session: AsyncSession, principal: Principal) -> list[QuestionTemplate]:
    """Every template of the tenant, by name (case-insensitive), then id."""
    principal.require(Permission.READ)
    query = _templates(principal).order_by(func.lower(QuestionTemplate.name), col(QuestionTemplate.id))
    return list((await session.exec(query)).all())


async def templates_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[QuestionTemplate]:
    """For ``node``/``nodes``: the tenant's templates with these ids."""
    principal.require(Permission.READ)
    return list((await session.exec(_templates(principal).where(col(QuestionTemplate.id).in_(list(ids))))).all())


async def get_template(session: AsyncSession, principal: Principal, template_id: uuid.UUID) -> QuestionTemplate | None:
    principal.require(Permission.READ)
    return (await session.exec(_templates(principal).where(QuestionTemplate.id == template_id))).first()


async def _existing(session: AsyncSession, principal: Principal, template_id: uuid.UUID) -> QuestionTemplate:
    query = _templates(principal).where(QuestionTemplate.id == template_id).with_for_update()
    template = (await session.exec(query)).first()
    if template is None:
        raise TemplateError("no question template with this id is visible to you", field="id", code="NOT_FOUND")
    return template


async def _refuse_duplicates(
    session: AsyncSession, principal: Principal, *, name: str | None, shortcut: str | None, own: uuid.UUID | None
) -> None:
    """Another template with this name or shortcut (case-insensitive) is refused."""
    checks = (("name", name, "DUPLICATE_NAME"), ("shortcut", shortcut, "DUPLICATE_SHORTCUT"))
    for field, value, code in checks:
        if value is None:
            continue
        column = getattr(QuestionTemplate, field)
        query = _templates(principal).where(func.lower(column) == value.lower())
        if own is not None:
            query = query.where(QuestionTemplate.id != own)
        if (await session.exec(query)).first() is not None:
            raise TemplateError(f"another template already has the {field} {value!r}", field=field, code=code)


async def _flush(session: AsyncSession, template: QuestionTemplate) -> None:
    """Write now: two callers saving the same name at once meet the unique index, not a second row."""
    try:
        await session.flush()
    except IntegrityError as exc:
        reason = str(exc.orig)
        if UNIQUE_NAME in reason:
            message = f"another template already has the name {template.name!r}"
            raise TemplateError(message, field="name", code="DUPLICATE_NAME") from None
        if UNIQUE_SHORTCUT in reason:
            message = f"another template already has the shortcut {template.shortcut!r}"
            raise TemplateError(message, field="shortcut", code="DUPLICATE_SHORTCUT") from None
        raise


async def create_template(
    session: AsyncSession, principal: Principal, *, name: str, text: str, shortcut: str | None = None
) -> QuestionTemplate:
    principal.require(Permission.ANSWER)
    now = utcnow()
    template = QuestionTemplate(
        tenant_id=principal.tenant_id,
        name=clean_name(name),
        text=clean_text(text),
        shortcut=clean_shortcut(shortcut),
        created_by_user_id=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    await _refuse_duplicates(session, principal, name=template.name, shortcut=template.shortcut, own=None)
    session.add(template)
    await _flush(session, template)
    return template


async def update_template(
    session: AsyncSession,
    principal: Principal,
    template_id: uuid.UUID,
    *,
    name: str | None = None,
    text: str | None = None,
    shortcut: str | None = None,
) -> TemplateChange:
    """Only the fields given (not null) change; an empty ``shortcut`` removes it."""
    principal.require(Permission.ANSWER)
    wanted: dict[str, Any] = {}
    if name is not None:
        wanted["name"] = clean_name(name)
    if text is not None:
        wanted["text"] = clean_text(text)
    if shortcut is not None:
        wanted["shortcut"] = clean_shortcut(shortcut)
    template = await _existing(session, principal, template_id)
    changed = {field: value for field, value in wanted.items() if getattr(template, field) != value}
    await _refuse_duplicates(
        session, principal, name=changed.get("name"), shortcut=changed.get("shortcut"), own=template.id
    )
    before = {API_NAMES[field]: getattr(template, field) for field in changed}
    for field, value in changed.items():
        setattr(template, field, value)
    if changed:
        template.updated_at = utcnow()
        session.add(template)
        await _flush(session, template)
    return TemplateChange(template, before, {API_NAMES[field]: value for field, value in changed.items()})


async def delete_template(session: AsyncSession, principal: Principal, template_id: uuid.UUID) -> QuestionTemplate:
    """The template as it was before it went."""
    principal.require(Permission.ANSWER)
    template = await _existing(session, principal, template_id)
    await session.delete(template)
    await session.flush()
    return template


def audit_fields(template: QuestionTemplate) -> dict[str, Any]:
    """What an audit row keeps of a template (API names)."""
    return {"name": template.name, "text": template.text, "shortcut": template.shortcut}


# ---- Rendering: a template filled from one question ------------------------------------------------

BUYER_FALLBACK = "cliente"  # "Olá, {{comprador}}!" still greets when the asker's nickname is unknown
SHIPPING_FALLBACK = "o prazo informado no anúncio"
FALLBACKS = {"comprador": BUYER_FALLBACK, "prazo_envio": SHIPPING_FALLBACK}
CURRENCY_SYMBOLS = {"BRL": "R$", "USD": "US$", "MXN": "MX$", "EUR": "€"}
WHOLE_CURRENCIES = {"CLP", "PYG"}  # priced in whole units (§1: CLP and COP prices are normally integral)


@dataclass(frozen=True)
class QuestionFacts:
    """What melihub stores about a question that placeholders are filled from (None: not stored)."""

    buyer_nickname: str | None = None
    seller_nickname: str | None = None
    title: str | None = None
    price: Decimal | None = None
    currency_id: str | None = None
    available_quantity: int | None = None
    manufacturing_time: str | None = None
    permalink: str | None = None


@dataclass(frozen=True)
class Rendering:
    """The filled text (what the operator edits before sending) and the placeholders that had no value."""

    text: str
    missing: list[str]

    @property
    def too_long(self) -> bool:
        return len(self.text) > MAX_TEXT


def format_price(amount: Decimal, currency_id: str) -> str:
    """pt-BR money: ``R$ 1.234,50``; currencies without a common symbol show their code (``ARS 18.500,00``)."""
    places = 0 if currency_id in WHOLE_CURRENCIES else 2
    exact = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, cents = f"{exact:,.{places}f}".partition(".")
    number = whole.replace(",", ".") + (f",{cents}" if places else "")
    return f"{CURRENCY_SYMBOLS.get(currency_id, currency_id)} {number}"


def manufacturing_time(sale_terms: Any) -> str | None:
    """The item's ``MANUFACTURING_TIME`` sale term (e.g. "15 dias"), when it has one."""
    for term in sale_terms if isinstance(sale_terms, list) else []:
        if not isinstance(term, dict) or term.get("id") != "MANUFACTURING_TIME":
            continue
        if term.get("value_name"):
            return str(term["value_name"]).strip()
        struct = term.get("value_struct") if isinstance(term.get("value_struct"), dict) else {}
        if struct and struct.get("number") is not None:
            return f"{struct['number']} {struct.get('unit') or ''}".strip()
    return None


def placeholder_values(facts: QuestionFacts) -> dict[str, str | None]:
    price = None
    if facts.price is not None and facts.currency_id:
        price = format_price(facts.price, facts.currency_id)
    quantity = facts.available_quantity
    return {
        "comprador": facts.buyer_nickname or None,
        "titulo": facts.title or None,
        "preco": price,
        "estoque": str(quantity) if quantity is not None else None,
        "prazo_envio": facts.manufacturing_time,
        "vendedor": facts.seller_nickname or None,
        "link": facts.permalink or None,
    }


def fill(text: str, facts: QuestionFacts) -> Rendering:
    """Each placeholder replaced by its value; one without a value gets its neutral stand-in (or stays as
    written, for the operator to fill) and is listed in ``missing``."""
    values, missing = placeholder_values(facts), []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is not None:
            return value
        if name not in missing:
            missing.append(name)
        return FALLBACKS.get(name, match.group(0))

    return Rendering(text=PLACEHOLDER.sub(replace, text), missing=missing)


async def facts_of(session: AsyncSession, principal: Principal, question: Question) -> QuestionFacts:
    """The question's listing (as the caller may see it), its asker's nickname and its account's."""
    listing = (await session.exec(visible(Listing, principal).where(Listing.ml_id == question.item_ml_id))).first()
    account = await session.get(MeliAccount, question.meli_account_id)
    buyer = None
    if question.from_ml_user_id is not None:
        # Questions carry only the asker's id (§8, ``from{id}``); a buyer who ordered before has a nickname.
        query = select(Customer.nickname).where(
            Customer.tenant_id == principal.tenant_id, Customer.ml_user_id == question.from_ml_user_id
        )
        buyer = (await session.exec(query)).first()
    if listing is None:
        return QuestionFacts(buyer_nickname=buyer, seller_nickname=account.nickname if account else None)
    terms = (await session.exec(select(col(Listing.raw)["sale_terms"]).where(Listing.id == listing.id))).first()
    return QuestionFacts(
        buyer_nickname=buyer,
        seller_nickname=account.nickname if account else None,
        title=listing.title,
        price=listing.price,
        currency_id=listing.currency_id,
        available_quantity=listing.available_quantity,
        manufacturing_time=manufacturing_time(terms),
        permalink=listing.permalink,
    )


async def render_template(
    session: AsyncSession, principal: Principal, template_id: uuid.UUID, question_id: uuid.UUID
) -> Rendering:
    """The template filled for this question; NOT_FOUND for a template or question the caller cannot see."""
    principal.require(Permission.READ)
    template = await get_template(session, principal, template_id)
    if template is None:
        raise TemplateError("no question template with this id is visible to you", field="templateId", code="NOT_FOUND")
    question = await get_question(session, principal, question_id)
    if question is None:
        raise TemplateError("no question with this id is visible to you", field="questionId", code="NOT_FOUND")
    return fill(template.text, await facts_of(session, principal, question))
