"""answerQuestion: the answer reaches Mercado Livre (the sandbox) once, and melihub stores who sent it.

Before Mercado Livre sees it the text is checked (EMPTY_TEXT, TEXT_TOO_LONG); Mercado Livre's refusals
come back as ALREADY_ANSWERED, QUESTION_CLOSED or REFUSED with its message, after melihub has read the
question again from Mercado Livre; roles and account limits apply; the answer is audited and published.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from melihub.accounts.models import Role, Tenant, User
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import invite_user, set_member_accounts
from melihub.app import create_app
from melihub.connections.models import MeliAccount
from melihub.questions.models import Question
from melihub.questions.service import apply_question
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_A, SELLER_B
from melihub.testing.graphql import gid, gql, login
from tests.conftest import PUBLIC_URL, api_token_for, link_seller

OPEN_QUESTION = 13012345601  # UNANSWERED, seller A (fixture world)
ANSWERED_QUESTION = 13012345602  # ANSWERED, seller A
OTHER_SELLERS_QUESTION = 13012345606  # seller B's

ANSWER = """
mutation Answer($questionId: ID!, $text: String!) {
  answerQuestion(questionId: $questionId, text: $text) {
    question { id status answer answerStatus answeredAt answerSentAt answeredBy { email } }
    errors { field message code }
  }
}
"""

NewClient = Callable[[], httpx.AsyncClient]


@asynccontextmanager
async def melihub(services: Services) -> AsyncIterator[NewClient]:
    """melihub in this process (Mercado Livre: the sandbox); yields a factory of clients with their own cookies."""
    application = create_app(services)
    async with application.router.lifespan_context(application):
        yield lambda: httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url=PUBLIC_URL)


async def linked_account(new_client: NewClient, sandbox: Any, services: Services, tenant: Tenant) -> MeliAccount:
    async with new_client() as owner:
        assert (await link_seller(owner, sandbox, SELLER_A)).status_code == 200
    async with services.db.tenant(tenant.id) as session:
        account = (
            await session.exec(text("SELECT id FROM meli_accounts WHERE ml_user_id = :u").bindparams(u=SELLER_A))
        ).one()
        row = await session.get(MeliAccount, account[0])
    assert row is not None
    return row


async def stored_question(services: Services, account: MeliAccount, ml_id: int, raw: dict[str, Any]) -> uuid.UUID:
    """The question as melihub holds it (applied as a notification would), whatever the sandbox says now."""
    async with services.db.tenant(account.tenant_id) as session:
        result = await apply_question(session, account, {**raw, "id": ml_id})
    assert result.entity_id is not None
    return result.entity_id


async def member(services: Services, tenant: Tenant, owner: User, role: Role, email: str) -> tuple[uuid.UUID, str]:
    """A new member with ``role``: their user id and one-time password."""
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    async with services.db.tenant(tenant.id) as session:
        view, password = await invite_user(session, principal, email=email, role=role)
    assert password is not None
    return view.user.id, password


@asynccontextmanager
async def signed_in(new_client: NewClient, email: str, password: str) -> AsyncIterator[httpx.AsyncClient]:
    async with new_client() as http:
        assert (await login(http, email, password))["errors"] == []
        yield http


async def stored(services: Services, tenant: Tenant, question_id: uuid.UUID) -> Question:
    async with services.db.tenant(tenant.id) as session:
        row = await session.get(Question, question_id)
    assert row is not None
    return row


def answer_posts(sandbox: Any) -> list[dict[str, Any]]:
    return [call for call in sandbox.calls() if call["route"] == "/answers" and call["method"] == "POST"]


def payload(body: dict[str, Any]) -> dict[str, Any]:
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["answerQuestion"]
    return result


@pytest.fixture
async def world(meli_services: Services, sandbox: Any, tenant_a: tuple[Tenant, User]) -> AsyncIterator[dict[str, Any]]:
    """Seller A linked to tenant A, its open question stored, a support member signed in."""
    tenant, owner = tenant_a
    async with melihub(meli_services) as new_client:
        account = await linked_account(new_client, sandbox, meli_services, tenant)
        question_id = await stored_question(
            meli_services, account, OPEN_QUESTION, sandbox.get("questions", OPEN_QUESTION)
        )
        user_id, password = await member(meli_services, tenant, owner, Role.SUPPORT, "sol@aurora.example")
        async with signed_in(new_client, "sol@aurora.example", password) as http:
            sandbox.reset_stats()
            yield {
                "tenant": tenant,
                "owner": owner,
                "account": account,
                "question_id": question_id,
                "question": gid("Question", question_id),
                "support_id": user_id,
                "http": http,
                "new_client": new_client,
            }


# ---- the answer goes out, once, and is stored --------------------------------------------------------


async def test_a_support_member_answers_and_melihub_stores_the_answer_who_sent_it_and_when(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "  Sim, temos! 😀 "}))

    assert body["errors"] == []
    question = body["question"]
    assert question["status"] == "ANSWERED"
    assert question["answer"] == "Sim, temos! 😀"  # sent trimmed
    assert question["answerStatus"] == "ACTIVE"
    assert question["answeredBy"] == {"email": "sol@aurora.example"}
    assert question["answerSentAt"] is not None and question["answeredAt"] is not None
    assert len(answer_posts(sandbox)) == 1
    held = sandbox.get("questions", OPEN_QUESTION)
    assert held["status"] == "ANSWERED" and held["answer"]["text"] == "Sim, temos! 😀"
    row = await stored(meli_services, world["tenant"], world["question_id"])
    assert row.status == "ANSWERED" and row.answer_text == "Sim, temos! 😀"
    assert row.answered_by_user_id == world["support_id"] and row.answer_sent_at is not None


async def test_the_answer_writes_its_audit_row(world: dict[str, Any], meli_services: Services) -> None:
    payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Enviamos hoje."}))

    async with meli_services.db.tenant(world["tenant"].id) as session:
        rows = (
            await session.exec(
                text(
                    "SELECT actor_user_id, target_type, target_id, after FROM audit_log WHERE action = 'answerQuestion'"
                )
            )
        ).all()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (world["support_id"], "Question", world["question"], {"status": "ANSWERED", "answer": "Enviamos hoje."})
    ]


async def test_the_answer_is_published_as_a_question_change(world: dict[str, Any], meli_services: Services) -> None:
    pubsub = meli_services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(world["tenant"].id))
    try:
        await pubsub.get_message(timeout=1)  # the subscription's confirmation
        payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Temos sim."}))
        changes = []
        for _ in range(20):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
            if message is not None:
                changes.append(json.loads(message["data"]))
    finally:
        await pubsub.aclose()
    published = [(c["type"], c["id"], c["meli_account_id"]) for c in changes]
    assert ("question", str(world["question_id"]), str(world["account"].id)) in published


async def test_exactly_two_thousand_characters_go_out(world: dict[str, Any], sandbox: Any) -> None:
    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "á" * 2000}))

    assert body["errors"] == [] and body["question"]["answer"] == "á" * 2000
    assert len(answer_posts(sandbox)) == 1


# ---- checked before Mercado Livre sees it ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "code"),
    [("", "EMPTY_TEXT"), ("  \n\t ", "EMPTY_TEXT"), ("x" * 2001, "TEXT_TOO_LONG"), ("😀" * 2001, "TEXT_TOO_LONG")],
)
async def test_empty_or_too_long_text_is_refused_before_mercado_livre_sees_it(
    world: dict[str, Any], sandbox: Any, meli_services: Services, given: str, code: str
) -> None:
    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": given}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("text", code)]
    assert answer_posts(sandbox) == []
    assert (await stored(meli_services, world["tenant"], world["question_id"])).status == "UNANSWERED"


async def test_a_question_melihub_holds_as_answered_is_not_sent_again(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    raw = sandbox.get("questions", ANSWERED_QUESTION)
    answered = gid("Question", await stored_question(meli_services, world["account"], ANSWERED_QUESTION, raw))

    body = payload(await gql(world["http"], ANSWER, {"questionId": answered, "text": "De novo"}))

    assert [e["code"] for e in body["errors"]] == ["ALREADY_ANSWERED"]
    assert raw["answer"]["text"] in body["errors"][0]["message"]
    assert body["question"]["answer"] == raw["answer"]["text"]
    assert answer_posts(sandbox) == []


# ---- Mercado Livre's refusals ---------------------------------------------------------------------------


def _moved_on(sandbox: Any, status: str, answer: dict[str, Any] | None = None) -> None:
    """The question changed on Mercado Livre (answered on the site, item closed…) without melihub knowing."""
    raw = sandbox.get("questions", OPEN_QUESTION)
    raw["status"] = status
    raw["answer"] = answer
    sandbox.put("questions", OPEN_QUESTION, raw)


async def test_a_question_answered_on_mercado_livre_directly_is_already_answered_and_refreshed(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    elsewhere = {"text": "Respondido pelo site", "status": "ACTIVE", "date_created": "2026-01-05T10:00:00.000-03:00"}
    _moved_on(sandbox, "ANSWERED", elsewhere)

    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Pelo melihub"}))

    assert [e["code"] for e in body["errors"]] == ["ALREADY_ANSWERED"]
    message = body["errors"][0]["message"]
    assert "The question is already answered" in message and "Respondido pelo site" in message  # ML's, and the winner
    assert body["question"]["status"] == "ANSWERED" and body["question"]["answer"] == "Respondido pelo site"
    assert body["question"]["answeredBy"] is None and body["question"]["answerSentAt"] is None
    assert [c["status"] for c in answer_posts(sandbox)] == [400]
    row = await stored(meli_services, world["tenant"], world["question_id"])
    assert (row.status, row.answer_text, row.answer_sent_at, row.answered_by_user_id) == (
        "ANSWERED",
        "Respondido pelo site",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("status", "code", "said"),
    [
        ("CLOSED_UNANSWERED", "QUESTION_CLOSED", "its item is closed"),
        ("DELETED", "QUESTION_CLOSED", "The question was deleted"),
        ("BANNED", "REFUSED", "The question was banned"),
    ],
)
async def test_mercado_livre_refusals_come_back_with_its_message_and_the_question_as_it_now_stands(
    world: dict[str, Any], sandbox: Any, meli_services: Services, status: str, code: str, said: str
) -> None:
    _moved_on(sandbox, status)

    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Ainda dá?"}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("questionId", code)]
    assert said in body["errors"][0]["message"]
    assert body["question"]["status"] == status
    assert [c["status"] for c in answer_posts(sandbox)] == [400]
    row = await stored(meli_services, world["tenant"], world["question_id"])
    assert (row.status, row.answer_sent_at, row.answered_by_user_id) == (status, None, None)


async def test_any_other_refusal_is_refused_with_mercado_livres_message_and_can_be_tried_again(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    raw = sandbox.get("questions", OTHER_SELLERS_QUESTION)  # Mercado Livre answers 403: not this seller's
    foreign = await stored_question(meli_services, world["account"], OTHER_SELLERS_QUESTION, raw)

    for _ in range(2):
        body = payload(await gql(world["http"], ANSWER, {"questionId": gid("Question", foreign), "text": "Oi"}))
        assert [e["code"] for e in body["errors"]] == ["REFUSED"]
        assert "caller.id does not match owner" in body["errors"][0]["message"]

    assert [c["status"] for c in answer_posts(sandbox)] == [403, 403]  # the claim was released each time
    row = await stored(meli_services, world["tenant"], foreign)
    assert (row.status, row.answer_sent_at, row.answered_by_user_id) == ("UNANSWERED", None, None)


async def test_when_mercado_livre_is_down_nothing_is_stored_and_the_question_can_be_answered_later(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    sandbox.set_faults({"endpoints": {"questions": {"5xx": 1.0}}})
    body = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Temos"}))
    assert [e["code"] for e in body["errors"]] == ["MELI_UNAVAILABLE"]
    assert (await stored(meli_services, world["tenant"], world["question_id"])).answer_sent_at is None

    sandbox.set_faults({})
    again = payload(await gql(world["http"], ANSWER, {"questionId": world["question"], "text": "Temos"}))
    assert again["errors"] == [] and again["question"]["status"] == "ANSWERED"


# ---- roles and account limits ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
async def test_operators_and_admins_answer(world: dict[str, Any], meli_services: Services, role: Role) -> None:
    email = f"{role.value}@aurora.example"
    _, password = await member(meli_services, world["tenant"], world["owner"], role, email)
    async with signed_in(world["new_client"], email, password) as http:
        body = payload(await gql(http, ANSWER, {"questionId": world["question"], "text": "Sim"}))

    assert body["errors"] == [] and body["question"]["answeredBy"] == {"email": email}


async def test_an_analyst_may_not_answer(world: dict[str, Any], sandbox: Any, meli_services: Services) -> None:
    _, password = await member(meli_services, world["tenant"], world["owner"], Role.ANALYST, "ana.lista@aurora.example")
    async with signed_in(world["new_client"], "ana.lista@aurora.example", password) as http:
        body = payload(await gql(http, ANSWER, {"questionId": world["question"], "text": "Sim"}))

    assert [e["code"] for e in body["errors"]] == ["FORBIDDEN"] and body["question"] is None
    assert answer_posts(sandbox) == []


@pytest.mark.parametrize(("role", "allowed"), [(Role.ANALYST, False), (Role.INTEGRATOR, True)])
async def test_api_tokens_answer_by_their_role_and_are_nobody(
    world: dict[str, Any], meli_services: Services, role: Role, allowed: bool
) -> None:
    token = await api_token_for(meli_services, world["tenant"], role)
    async with world["new_client"]() as http:
        body = payload(await gql(http, ANSWER, {"questionId": world["question"], "text": "Sim"}, token=token))

    if not allowed:
        assert [e["code"] for e in body["errors"]] == ["FORBIDDEN"]
        return
    assert body["errors"] == [] and body["question"]["answeredBy"] is None
    row = await stored(meli_services, world["tenant"], world["question_id"])
    assert row.answered_by_user_id is None and row.answer_sent_at is not None


async def test_a_member_limited_to_other_accounts_cannot_find_the_question(
    world: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    tenant = world["tenant"]
    other = MeliAccount(tenant_id=tenant.id, ml_user_id=SELLER_B, site_id="MLA", nickname="TIENDA_PAMPA_SUR")
    owner = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=world["owner"].id)
    user_id, password = await member(meli_services, tenant, world["owner"], Role.OPERATOR, "limitado@aurora.example")
    async with meli_services.db.tenant(tenant.id) as session:
        session.add(other)
        await session.flush()
        await set_member_accounts(session, owner, user_id, [other.id])
    async with signed_in(world["new_client"], "limitado@aurora.example", password) as http:
        body = payload(await gql(http, ANSWER, {"questionId": world["question"], "text": "Sim"}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("questionId", "NOT_FOUND")]
    assert answer_posts(sandbox) == []


async def test_a_question_of_another_tenant_is_not_found(
    world: dict[str, Any], sandbox: Any, meli_services: Services, tenant_b: tuple[Tenant, User]
) -> None:
    token = await api_token_for(meli_services, tenant_b[0], Role.OPERATOR)
    async with world["new_client"]() as http:
        body = payload(await gql(http, ANSWER, {"questionId": world["question"], "text": "Sim"}, token=token))

    assert [e["code"] for e in body["errors"]] == ["NOT_FOUND"]
    assert answer_posts(sandbox) == []
