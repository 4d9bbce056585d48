"""markConversationRead: melihub reads the thread on Mercado Livre the way that marks it read, and stores it.

The thread's buyer messages get read dates on Mercado Livre (the sandbox), the conversation's unread count
drops to 0, the audit row says from how many, and roles apply (support and operators may, analysts not).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from melihub.accounts.models import Role
from melihub.runtime import Services
from melihub.testing.graphql import gql
from tests.messages.conftest import LONE_ORDER, THREAD_ROUTE, calls_to, store_messages
from tests.questions.test_answer import member, signed_in

READ = """
mutation Read($conversationId: ID!) {
  markConversationRead(conversationId: $conversationId) {
    conversation { id unreadCount status messages { nodes { text fromSeller readAt } } }
    errors { field message code }
  }
}
"""


def payload(body: dict[str, Any]) -> dict[str, Any]:
    assert not body.get("errors"), body
    result: dict[str, Any] = body["data"]["markConversationRead"]
    return result


def buyer_messages_in_sandbox(sandbox: Any, thread: int) -> list[dict[str, Any]]:
    return [m for m in sandbox.get("messages", thread)["messages"] if m["to"]["user_id"] == 2401234567]


async def test_reading_marks_the_buyers_messages_read_on_mercado_livre_and_in_melihub(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    second = sandbox.buyer_message(LONE_ORDER, "Alô?")
    await store_messages(meli_services, inbox["account"], second)
    assert all(m["message_date"]["read"] is None for m in buyer_messages_in_sandbox(sandbox, LONE_ORDER))

    body = payload(await gql(inbox["http"], READ, {"conversationId": inbox["lone"]}))

    assert body["errors"] == []
    conversation = body["conversation"]
    assert (conversation["unreadCount"], conversation["status"]) == (0, "active")
    assert [m["text"] for m in conversation["messages"]["nodes"]] == ["Oi, meu pedido já saiu?", "Alô?"]
    assert all(m["readAt"] is not None for m in conversation["messages"]["nodes"])
    in_sandbox = buyer_messages_in_sandbox(sandbox, LONE_ORDER)
    assert len(in_sandbox) == 2 and all(m["message_date"]["read"] is not None for m in in_sandbox)
    reads = calls_to(sandbox, "GET", THREAD_ROUTE)
    assert reads and all("mark_as_read" not in call["query"] for call in reads)  # a plain GET marks it read


async def test_the_read_writes_its_audit_row_with_the_unread_count_before(
    inbox: dict[str, Any], meli_services: Services
) -> None:
    payload(await gql(inbox["http"], READ, {"conversationId": inbox["newest"]}))

    async with meli_services.db.tenant(inbox["tenant"].id) as session:
        rows = (
            await session.exec(
                text(
                    "SELECT actor_user_id, target_type, target_id, before, after FROM audit_log "
                    "WHERE action = 'markConversationRead'"
                )
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (inbox["support_id"], "Conversation", inbox["newest"], {"unreadCount": 1}, {"unreadCount": 0})
    ]


async def test_a_read_conversation_drops_below_the_unread_ones(inbox: dict[str, Any]) -> None:
    payload(await gql(inbox["http"], READ, {"conversationId": inbox["newest"]}))

    listed = await gql(inbox["http"], "{ conversations(filter: {unread: true}) { nodes { id } } }")

    assert [c["id"] for c in listed["data"]["conversations"]["nodes"]] == [inbox["lone"]]


async def test_when_mercado_livre_is_down_the_conversation_stays_unread(inbox: dict[str, Any], sandbox: Any) -> None:
    sandbox.set_faults({"endpoints": {"messages": {"5xx": 1.0}}})

    body = payload(await gql(inbox["http"], READ, {"conversationId": inbox["newest"]}))

    assert [(e["field"], e["code"]) for e in body["errors"]] == [("conversationId", "MELI_UNAVAILABLE")]
    sandbox.set_faults({})
    thread = await gql(
        inbox["http"], "query($id: ID!) { conversation(id: $id) { unreadCount } }", {"id": inbox["newest"]}
    )
    assert thread["data"]["conversation"] == {"unreadCount": 1}


@pytest.mark.parametrize(("role", "allowed"), [(Role.OPERATOR, True), (Role.ANALYST, False)])
async def test_operators_read_and_analysts_may_not(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services, role: Role, allowed: bool
) -> None:
    email = f"{role.value}@aurora.example"
    _, password = await member(meli_services, inbox["tenant"], inbox["owner"], role, email)
    async with signed_in(inbox["new_client"], email, password) as http:
        body = payload(await gql(http, READ, {"conversationId": inbox["newest"]}))

    if allowed:
        assert body["errors"] == [] and body["conversation"]["unreadCount"] == 0
    else:
        assert [e["code"] for e in body["errors"]] == ["FORBIDDEN"]
        assert calls_to(sandbox, "GET", THREAD_ROUTE) == []
