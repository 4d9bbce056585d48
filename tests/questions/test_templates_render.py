"""renderQuestionTemplate: a template filled on the server from what melihub stores about the question.

The world is the reference's: seller A's question 13012345601 on the T-shirt MLB3012345601, asked by
buyer 1387654012, who bought before as RAFAEL_MOTTA (order 2000009876543204). Each is applied as the
sync applies it; the answer is what an operator edits before sending.
"""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlmodel import select

from melihub.catalog.service import apply_item
from melihub.connections.models import MeliAccount
from melihub.orders.service import apply_order
from melihub.questions.models import Question
from melihub.questions.service import apply_question
from melihub.questions.templates import SHIPPING_FALLBACK, format_price
from melihub.runtime import Services
from melihub.testing.fixtures import load_fixture
from melihub.testing.graphql import error_codes, gid, gql, login
from tests.conftest import OWNER_PASSWORD

QUESTION = "questions/13012345601.json"
ITEM = "items/MLB3012345601.json"
ORDER = "orders/2000009876543204.json"  # buyer 1387654012, the asker, nickname RAFAEL_MOTTA
CREATE = """mutation($name: String!, $text: String!) {
  createQuestionTemplate(name: $name, text: $text) { questionTemplate { id } errors { code } }
}"""
RENDER = (
    """query($t: ID!, $q: ID!) { renderQuestionTemplate(templateId: $t, questionId: $q) { text missing tooLong } }"""
)
EVERYTHING = (
    "Olá, {{comprador}}! A {{titulo}} sai por {{preco}}, temos {{estoque}} em estoque e enviamos em "
    "{{prazo_envio}}. Veja: {{link}} — {{vendedor}}"
)


async def apply(services: Services, account: MeliAccount, *, item: Any = ITEM, order: bool = True) -> str:
    """Store the question (and, unless left out, its listing and the asker's earlier order); its global id."""
    async with services.db.tenant(account.tenant_id) as session:
        if item is not None:
            await apply_item(session, account, load_fixture(item) if isinstance(item, str) else item)
        if order:
            await apply_order(session, account, load_fixture(ORDER))
        await apply_question(session, account, load_fixture(QUESTION))
        question = (await session.exec(select(Question).where(Question.ml_id == 13012345601))).one()
    return gid("Question", question.id)


async def template(client: httpx.AsyncClient, text: str, name: str = "Resposta") -> str:
    made = (await gql(client, CREATE, {"name": name, "text": text}))["data"]["createQuestionTemplate"]
    assert made["errors"] == [], made
    template_id: str = made["questionTemplate"]["id"]
    return template_id


async def render(client: httpx.AsyncClient, template_id: str, question_id: str) -> dict:
    body = await gql(client, RENDER, {"t": template_id, "q": question_id})
    assert not body.get("errors"), body
    rendered: dict = body["data"]["renderQuestionTemplate"]
    return rendered


@pytest.fixture
async def owner(client: httpx.AsyncClient, tenant_a) -> httpx.AsyncClient:
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    return client


async def test_every_placeholder_is_filled_from_the_stored_question(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    question_id = await apply(services, meli_account_a)
    rendered = await render(owner, await template(owner, EVERYTHING), question_id)
    item = load_fixture(ITEM)
    assert rendered == {
        "text": (
            "Olá, RAFAEL_MOTTA! A Camiseta Básica Algodão Unissex sai por R$ 59,90, temos 29 em estoque e "
            f"enviamos em {SHIPPING_FALLBACK}. Veja: {item['permalink']} — LOJA_CASA_AURORA"
        ),
        # The reference's items have no MANUFACTURING_TIME sale term: the phrase stands in, for the operator.
        "missing": ["prazo_envio"],
        "tooLong": False,
    }


async def test_the_listings_manufacturing_time_is_the_shipping_time(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    item = copy.deepcopy(load_fixture(ITEM))
    item["sale_terms"] = [
        {"id": "WARRANTY_TYPE", "name": "Tipo de garantia", "value_name": "Garantia do vendedor"},
        {
            "id": "MANUFACTURING_TIME",
            "name": "Disponibilidade de estoque",
            "value_name": "15 dias",
            "value_struct": {"number": 15, "unit": "dias"},
        },
    ]
    question_id = await apply(services, meli_account_a, item=item)
    rendered = await render(owner, await template(owner, "Enviamos em {{ prazo_envio }}."), question_id)
    assert rendered == {"text": "Enviamos em 15 dias.", "missing": [], "tooLong": False}


async def test_an_asker_who_never_bought_is_greeted_neutrally(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    question_id = await apply(services, meli_account_a, order=False)
    rendered = await render(owner, await template(owner, "Olá, {{comprador}}! {{comprador}}, obrigado."), question_id)
    assert rendered == {"text": "Olá, cliente! cliente, obrigado.", "missing": ["comprador"], "tooLong": False}


async def test_without_the_listing_its_placeholders_stay_for_the_operator(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    question_id = await apply(services, meli_account_a, item=None)
    rendered = await render(owner, await template(owner, EVERYTHING), question_id)
    assert rendered["text"] == (
        "Olá, RAFAEL_MOTTA! A {{titulo}} sai por {{preco}}, temos {{estoque}} em estoque e enviamos em "
        f"{SHIPPING_FALLBACK}. Veja: {{{{link}}}} — LOJA_CASA_AURORA"
    )
    assert rendered["missing"] == ["titulo", "preco", "estoque", "prazo_envio", "link"]


async def test_the_listings_current_state_is_what_is_rendered(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    question_id = await apply(services, meli_account_a)
    template_id = await template(owner, "{{preco}}, {{estoque}} unidades")
    assert (await render(owner, template_id, question_id))["text"] == "R$ 59,90, 29 unidades"
    changed = copy.deepcopy(load_fixture(ITEM))
    changed.update(price=1289.5, available_quantity=0, last_updated="2025-03-20T10:00:00.000Z")
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        assert (await apply_item(session, meli_account_a, changed)).changed
    assert (await render(owner, template_id, question_id))["text"] == "R$ 1.289,50, 0 unidades"


async def test_a_filled_text_over_2000_characters_is_flagged_not_cut(
    owner: httpx.AsyncClient, services, meli_account_a
) -> None:
    question_id = await apply(services, meli_account_a)
    text = "a" * 1990 + "{{titulo}}"  # 2,000 as written; the title is longer than its placeholder
    rendered = await render(owner, await template(owner, text), question_id)
    assert rendered["tooLong"] is True
    assert rendered["text"] == "a" * 1990 + "Camiseta Básica Algodão Unissex"
    short = await render(owner, await template(owner, "a" * 1960 + "{{titulo}}", name="Curta"), question_id)
    assert (len(short["text"]), short["tooLong"]) == (1991, False)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("89.9", "BRL", "R$ 89,90"),
        ("1234567.5", "BRL", "R$ 1.234.567,50"),
        ("0.5", "BRL", "R$ 0,50"),
        ("18500", "ARS", "ARS 18.500,00"),
        ("10", "USD", "US$ 10,00"),
        ("18500", "CLP", "CLP 18.500"),
        ("199.999", "MXN", "MX$ 200,00"),
    ],
)
def test_prices_are_written_the_brazilian_way_in_their_currency(amount: str, currency: str, expected: str) -> None:
    assert format_price(Decimal(amount), currency) == expected


async def test_unknown_or_unseen_template_or_question_is_not_found(
    client: httpx.AsyncClient, services, meli_account_a, meli_account_b, tenant_b
) -> None:
    question_id = await apply(services, meli_account_a)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    template_id = await template(client, "Olá, {{comprador}}!")
    cases = [
        (gid("QuestionTemplate", uuid.uuid4()), question_id, "templateId"),
        (template_id, gid("Question", uuid.uuid4()), "questionId"),
        (question_id, question_id, "templateId"),  # an id of another type
        (template_id, "garbage", "questionId"),
    ]
    for given_template, given_question, field in cases:
        body = await gql(client, RENDER, {"t": given_template, "q": given_question})
        assert error_codes(body) == ["NOT_FOUND"], body
        assert body["errors"][0]["extensions"]["field"] == field
        assert body["data"] is None
    # Tenant B sees neither A's template nor A's question.
    client.cookies.clear()
    await login(client, "bruno@pampa.example", OWNER_PASSWORD)
    own = await template(client, "Hola {{comprador}}")
    assert error_codes(await gql(client, RENDER, {"t": template_id, "q": question_id})) == ["NOT_FOUND"]
    assert error_codes(await gql(client, RENDER, {"t": own, "q": question_id})) == ["NOT_FOUND"]


INVITE = """mutation($email: String!) {
  inviteUser(email: $email, role: SUPPORT) { user { id } temporaryPassword errors { code } }
}"""
LIMIT = """mutation($u: ID!, $a: [ID!]) { setMemberAccounts(userId: $u, meliAccountIds: $a) { errors { code } } }"""


async def test_a_member_limited_to_another_account_cannot_render_its_questions(
    client: httpx.AsyncClient, services, meli_account_a, tenant_a
) -> None:
    question_id = await apply(services, meli_account_a)
    outlet = MeliAccount(tenant_id=tenant_a[0].id, ml_user_id=2409999999, site_id="MLB", nickname="AURORA_OUTLET")
    async with services.db.tenant(tenant_a[0].id) as session:
        session.add(outlet)
    await login(client, "ana@aurora.example", OWNER_PASSWORD)
    template_id = await template(client, "Olá, {{comprador}}!")
    invited = (await gql(client, INVITE, {"email": "sup@aurora.example"}))["data"]["inviteUser"]
    limited = await gql(client, LIMIT, {"u": invited["user"]["id"], "a": [gid("MeliAccount", outlet.id)]})
    assert limited["data"]["setMemberAccounts"]["errors"] == []
    client.cookies.clear()
    await login(client, "sup@aurora.example", invited["temporaryPassword"])
    assert error_codes(await gql(client, RENDER, {"t": template_id, "q": question_id})) == ["NOT_FOUND"]
    # The tenant's templates are the whole team's: the limited member still sees them.
    listed = await gql(client, "{ questionTemplates { nodes { id } } }")
    assert listed["data"]["questionTemplates"]["nodes"] == [{"id": template_id}]
