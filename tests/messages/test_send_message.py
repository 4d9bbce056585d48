"""sendMessage: the message reaches the pack's thread on Mercado Livre (the sandbox) and melihub stores it
with who sent it, at once.

Before Mercado Livre sees it the text is checked against the thread's seller limit (350: EMPTY_TEXT,
TEXT_TOO_LONG) and the conversation's status (MESSAGING_BLOCKED); Mercado Livre's refusals come back with
its message after melihub read the thread's status again; roles and account limits apply; the message is
audited and published as a conversation change.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from melihub.accounts.models import Role
from melihub.messages.service import apply_message
from melihub.realtime.bus import tenant_channel
from melihub.runtime import Services
from melihub.testing.graphql import gql
from tests.conftest import api_token_for
from tests.messages.conftest import PACK, THREAD_ROUTE, calls_to, conversation_id, store_messages
from tests.questions.test_answer import member, signed_in

SEND = """
mutation Send($conversationId: ID!, $text: String!) {
  sendMessage(conversationId: $conversationId, text: $text) {
    conversation { id unreadCount canSend status substatus lastMessage { text fromSeller } }
    message { mlId text fromSeller sentAt sentBy { email } }
    errors { field message code }
  }
}
"""
BUYER = 1501234987  # the pack's buyer (reference world)


def payload(body: dict[str, Any]) -> dict[str, Any]:
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["sendMessage"]
    return result


def posts(sandbox: Any) -> list[dict[str, Any]]:
    return calls_to(sandbox, "POST", THREAD_ROUTE)


async def stored_messages(services: Services, tenant_id: Any) -> list[tuple[Any, ...]]:
    async with services.db.tenant(tenant_id) as session:
        rows = await session.exec(
            text(
                "SELECT ml_id, text, from_ml_user_id, to_ml_user_id, sent_by_user_id, sent_at IS NOT NULL "
                "FROM messages WHERE pack_ml_id = :p ORDER BY date_created"
            ).bindparams(p=PACK)
        )
        return [tuple(row) for row in rows.all()]


async def test_a_support_member_writes_and_the_message_is_in_the_packs_thread_at_once(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "  Enviamos hoje! 📦 "}))

    assert body["errors"] == []
    message = body["message"]
    assert (message["text"], message["fromSeller"], message["sentBy"]) == (
        "Enviamos hoje! 📦",  # sent trimmed
        True,
        {"email": "sol@aurora.example"},
    )
    assert message["sentAt"] is not None
    assert body["conversation"]["lastMessage"] == {"text": "Enviamos hoje! 📦", "fromSeller": True}
    thread = sandbox.get("messages", PACK)["messages"]
    assert (thread[-1]["id"], thread[-1]["text"], thread[-1]["to"]["user_id"]) == (
        message["mlId"],
        "Enviamos hoje! 📦",
        BUYER,
    )
    assert len(posts(sandbox)) == 1
    rows = await stored_messages(meli_services, inbox["tenant"].id)
    assert rows[-1] == (
        message["mlId"],
        "Enviamos hoje! 📦",
        inbox["account"].ml_user_id,
        BUYER,
        inbox["support_id"],
        True,
    )


async def test_the_notification_that_follows_applies_the_same_message_once(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    sent = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Oi!"}))["message"]
    from_mercado_livre = next(m for m in sandbox.get("messages", PACK)["messages"] if m["id"] == sent["mlId"])

    async with meli_services.db.tenant(inbox["tenant"].id) as session:
        again = await apply_message(session, inbox["account"], from_mercado_livre)

    assert not again.changed
    rows = await stored_messages(meli_services, inbox["tenant"].id)
    assert [row[0] for row in rows].count(sent["mlId"]) == 1 and rows[-1][4] == inbox["support_id"]


async def test_the_message_writes_its_audit_row(inbox: dict[str, Any], meli_services: Services) -> None:
    payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Obrigado pela compra!"}))

    async with meli_services.db.tenant(inbox["tenant"].id) as session:
        rows = (
            await session.exec(
                text("SELECT actor_user_id, target_type, target_id, after FROM audit_log WHERE action = 'sendMessage'")
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (inbox["support_id"], "Conversation", inbox["pack"], {"message": "Obrigado pela compra!"})
    ]


async def test_the_message_is_published_as_a_conversation_change(
    inbox: dict[str, Any], meli_services: Services
) -> None:
    pubsub = meli_services.redis.pubsub()
    await pubsub.subscribe(tenant_channel(inbox["tenant"].id))
    try:
        await pubsub.get_message(timeout=1)  # the subscription's confirmation
        payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Já enviamos."}))
        changes = []
        for _ in range(20):
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
            if message is not None:
                changes.append(json.loads(message["data"]))
    finally:
        await pubsub.aclose()
    published = [(c["type"], c["meli_account_id"]) for c in changes]
    assert ("conversation", str(inbox["account"].id)) in published


async def test_exactly_three_hundred_fifty_characters_go_out(inbox: dict[str, Any], sandbox: Any) -> None:
    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "é" * 350}))

    assert body["errors"] == [] and body["message"]["text"] == "é" * 350
    assert len(posts(sandbox)) == 1


# ---- checked before Mercado Livre sees it ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "code", "said"),
    [
        ("", "EMPTY_TEXT", "write the message first"),
        (" \n\t ", "EMPTY_TEXT", "write the message first"),
        ("x" * 351, "TEXT_TOO_LONG", "at most 350 characters (this one has 351)"),
        ("😀" * 351, "TEXT_TOO_LONG", "at most 350 characters"),
    ],
)
async def test_empty_or_too_long_text_is_refused_before_mercado_livre_sees_it(
    inbox: dict[str, Any], sandbox: Any, given: str, code: str, said: str
) -> None:
    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": given}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("text", code)]
    assert said in body["errors"][0]["message"]
    assert posts(sandbox) == [] and sandbox.calls() == []


# ---- Mercado Livre's refusals ---------------------------------------------------------------------------


async def test_a_conversation_mercado_livre_blocked_refuses_and_melihub_learns_the_block(
    inbox: dict[str, Any], sandbox: Any
) -> None:
    sandbox.set_conversation_status(PACK, "blocked", "blocked_by_time")

    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Ainda dá?"}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("conversationId", "MESSAGING_BLOCKED")]
    assert "blocked_by_time" in body["errors"][0]["message"]
    assert body["message"] is None
    conversation = body["conversation"]
    assert (conversation["canSend"], conversation["status"], conversation["substatus"]) == (
        False,
        "blocked",
        "blocked_by_time",
    )
    assert [c["status"] for c in posts(sandbox)] == [403]
    reads = calls_to(sandbox, "GET", THREAD_ROUTE)
    assert len(reads) == 1 and "mark_as_read=false" in reads[0]["query"]  # learning the status reads nothing

    again = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "E agora?"}))

    assert [e["code"] for e in again["errors"]] == ["MESSAGING_BLOCKED"]
    assert len(posts(sandbox)) == 1  # known blocked: Mercado Livre is not asked again


async def test_any_other_refusal_is_refused_with_mercado_livres_message(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    foreign = 2000011223344551  # seller B's sale: Mercado Livre knows no such thread of seller A
    await store_messages(
        meli_services,
        inbox["account"],
        {
            "id": uuid.uuid4().hex,
            "from": {"user_id": 1122334455},
            "to": {"user_id": inbox["account"].ml_user_id},
            "text": "Hola",
            "message_date": {"created": "2025-03-12T18:00:00.000Z"},
            "message_resources": [{"id": str(foreign), "name": "packs"}],
        },
    )
    conversation = await conversation_id(meli_services, inbox["tenant"].id, foreign)

    body = payload(await gql(inbox["http"], SEND, {"conversationId": conversation, "text": "Oi"}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("conversationId", "REFUSED")]
    assert f"Pack {foreign} not found" in body["errors"][0]["message"]
    assert body["conversation"]["canSend"] is True and body["message"] is None
    assert [c["status"] for c in posts(sandbox)] == [404]


async def test_when_mercado_livre_is_down_nothing_is_stored_and_the_message_can_be_sent_later(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    before = await stored_messages(meli_services, inbox["tenant"].id)
    sandbox.set_faults({"endpoints": {"messages": {"5xx": 1.0}}})
    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Enviado"}))
    assert [e["code"] for e in body["errors"]] == ["MELI_UNAVAILABLE"]
    assert await stored_messages(meli_services, inbox["tenant"].id) == before

    sandbox.set_faults({})
    again = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Enviado"}))
    assert again["errors"] == [] and again["message"]["text"] == "Enviado"


async def test_an_account_that_needs_linking_again_is_refused_before_mercado_livre(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    async with meli_services.db.tenant(inbox["tenant"].id) as session:
        await session.exec(text("UPDATE meli_accounts SET status = 'reauth_required'"))

    body = payload(await gql(inbox["http"], SEND, {"conversationId": inbox["pack"], "text": "Oi"}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("conversationId", "ACCOUNT_INACTIVE")]
    assert posts(sandbox) == []


# ---- roles and account limits ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN])
async def test_operators_and_admins_write(inbox: dict[str, Any], meli_services: Services, role: Role) -> None:
    email = f"{role.value}@aurora.example"
    _, password = await member(meli_services, inbox["tenant"], inbox["owner"], role, email)
    async with signed_in(inbox["new_client"], email, password) as http:
        body = payload(await gql(http, SEND, {"conversationId": inbox["pack"], "text": "Oi"}))

    assert body["errors"] == [] and body["message"]["sentBy"] == {"email": email}


async def test_an_analyst_may_not_write(inbox: dict[str, Any], sandbox: Any, meli_services: Services) -> None:
    _, password = await member(meli_services, inbox["tenant"], inbox["owner"], Role.ANALYST, "ana.lista@aurora.example")
    async with signed_in(inbox["new_client"], "ana.lista@aurora.example", password) as http:
        body = payload(await gql(http, SEND, {"conversationId": inbox["pack"], "text": "Oi"}))

    assert [e["code"] for e in body["errors"]] == ["FORBIDDEN"] and body["conversation"] is None
    assert posts(sandbox) == []


async def test_an_integrator_token_writes_as_nobody(inbox: dict[str, Any], meli_services: Services) -> None:
    token = await api_token_for(meli_services, inbox["tenant"], Role.INTEGRATOR)
    async with inbox["new_client"]() as http:
        body = payload(await gql(http, SEND, {"conversationId": inbox["pack"], "text": "Oi"}, token=token))

    assert body["errors"] == [] and body["message"]["sentBy"] is None and body["message"]["sentAt"] is not None


async def test_a_conversation_of_another_tenant_is_not_found(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services, tenant_b: Any
) -> None:
    token = await api_token_for(meli_services, tenant_b[0], Role.OPERATOR)
    async with inbox["new_client"]() as http:
        body = payload(await gql(http, SEND, {"conversationId": inbox["pack"], "text": "Oi"}, token=token))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("conversationId", "NOT_FOUND")]
    assert posts(sandbox) == []
