"""conversations / conversation: the inbox lists unread conversations first, then the latest message first.

Each conversation is a thread Mercado Livre keeps per pack (or per order without pack); its messages read
oldest first with who wrote them and when the other side read them; members limited to some accounts see
only those accounts' conversations.
"""

from __future__ import annotations

import uuid
from typing import Any

from melihub.accounts.models import Role
from melihub.accounts.principal import AuthMethod, Principal
from melihub.accounts.service import set_member_accounts
from melihub.connections.models import MeliAccount
from melihub.messages.service import apply_message
from melihub.runtime import Services
from melihub.testing.fixtures import SELLER_B
from melihub.testing.graphql import gid, gql
from tests.messages.conftest import LONE_ORDER, NEWEST_ORDER, PACK, PACK_ORDERS
from tests.questions.test_answer import member, signed_in

INBOX = """
query Inbox($filter: ConversationFilter, $first: Int, $after: String) {
  conversations(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id threadMlId unreadCount lastMessageAt lastMessage { text fromSeller } }
  }
}
"""

THREAD = """
query Thread($id: ID!) {
  conversation(id: $id) {
    threadMlId packMlId unreadCount canSend sellerMaxMessageLength status
    buyer { mlUserId nickname }
    orders { mlId }
    meliAccount { mlUserId }
    messages { totalCount nodes { mlId text fromSeller dateCreated readAt sentBy { email } } }
  }
}
"""


def nodes(body: dict[str, Any]) -> list[dict[str, Any]]:
    assert not body.get("errors"), body
    found: list[dict[str, Any]] = body["data"]["conversations"]["nodes"]
    return found


async def test_unread_conversations_come_first_then_the_latest_message(inbox: dict[str, Any]) -> None:
    listed = nodes(await gql(inbox["http"], INBOX))

    assert [(c["threadMlId"], c["unreadCount"]) for c in listed] == [
        (str(NEWEST_ORDER), 1),
        (str(LONE_ORDER), 1),
        (str(PACK), 0),
    ]
    assert listed[0]["lastMessage"] == {"text": "Chegou faltando uma peça 😕", "fromSeller": False}
    assert listed[2]["lastMessage"]["fromSeller"] is True  # the seller's reply closes the reference's thread


async def test_a_new_buyer_message_moves_a_read_conversation_to_the_top(
    inbox: dict[str, Any], sandbox: Any, meli_services: Services
) -> None:
    async with meli_services.db.tenant(inbox["tenant"].id) as session:
        await apply_message(session, inbox["account"], sandbox.buyer_message(PACK, "E a nota fiscal?"))

    listed = nodes(await gql(inbox["http"], INBOX))

    top = listed[0]
    assert (top["threadMlId"], top["unreadCount"]) == (str(PACK), 1)


async def test_the_unread_filter_keeps_or_drops_conversations_with_unread_buyer_messages(
    inbox: dict[str, Any],
) -> None:
    unread = nodes(await gql(inbox["http"], INBOX, {"filter": {"unread": True}}))
    read = nodes(await gql(inbox["http"], INBOX, {"filter": {"unread": False}}))

    assert [c["id"] for c in unread] == [inbox["newest"], inbox["lone"]]
    assert [c["id"] for c in read] == [inbox["pack"]]


async def test_pages_follow_the_inbox_order(inbox: dict[str, Any]) -> None:
    first = (await gql(inbox["http"], INBOX, {"first": 2}))["data"]["conversations"]
    rest = (await gql(inbox["http"], INBOX, {"first": 2, "after": first["pageInfo"]["endCursor"]}))["data"]

    assert [c["id"] for c in first["nodes"]] == [inbox["newest"], inbox["lone"]]
    assert first["pageInfo"]["hasNextPage"] is True and first["totalCount"] == 3
    assert [c["id"] for c in rest["conversations"]["nodes"]] == [inbox["pack"]]
    assert rest["conversations"]["pageInfo"]["hasNextPage"] is False


async def _second_account(services: Services, inbox: dict[str, Any]) -> MeliAccount:
    """Seller B linked to the same tenant, with a conversation of its own."""
    tenant = inbox["tenant"]
    other = MeliAccount(tenant_id=tenant.id, ml_user_id=SELLER_B, site_id="MLA", nickname="TIENDA_PAMPA_SUR")
    raw = {
        "id": uuid.uuid4().hex,
        "from": {"user_id": 1122334455},
        "to": {"user_id": SELLER_B},
        "text": "¿Cuándo llega?",
        "status": "available",
        "message_date": {"created": "2025-03-12T18:00:00.000Z", "read": None},
        "message_resources": [{"id": "2000011223344551", "name": "packs"}],
    }
    async with services.db.tenant(tenant.id) as session:
        session.add(other)
        await session.flush()
        await apply_message(session, other, raw)
    return other


async def test_the_account_filter_keeps_one_accounts_conversations(
    inbox: dict[str, Any], meli_services: Services
) -> None:
    other = await _second_account(meli_services, inbox)

    mine = nodes(
        await gql(inbox["http"], INBOX, {"filter": {"meliAccountId": gid("MeliAccount", inbox["account"].id)}})
    )
    theirs = nodes(await gql(inbox["http"], INBOX, {"filter": {"meliAccountIds": [gid("MeliAccount", other.id)]}}))
    everything = nodes(await gql(inbox["http"], INBOX))

    assert {c["id"] for c in mine} == {inbox["newest"], inbox["lone"], inbox["pack"]}
    assert [c["threadMlId"] for c in theirs] == ["2000011223344551"]
    assert len(everything) == 4


async def test_a_member_limited_to_one_account_sees_only_its_conversations(
    inbox: dict[str, Any], meli_services: Services
) -> None:
    other = await _second_account(meli_services, inbox)
    tenant, owner = inbox["tenant"], inbox["owner"]
    principal = Principal(tenant_id=tenant.id, role=Role.OWNER, method=AuthMethod.SESSION, user_id=owner.id)
    user_id, password = await member(meli_services, tenant, owner, Role.OPERATOR, "limitado@aurora.example")
    async with meli_services.db.tenant(tenant.id) as session:
        await set_member_accounts(session, principal, user_id, [other.id])

    async with signed_in(inbox["new_client"], "limitado@aurora.example", password) as http:
        listed = nodes(await gql(http, INBOX))
        hidden = await gql(http, THREAD, {"id": inbox["newest"]})

    assert [c["threadMlId"] for c in listed] == ["2000011223344551"]
    assert hidden["data"]["conversation"] is None
    assert [e["extensions"]["code"] for e in hidden["errors"]] == ["NOT_FOUND"]


async def test_a_pack_thread_reads_oldest_first_with_its_orders_and_buyer(inbox: dict[str, Any]) -> None:
    body = await gql(inbox["http"], THREAD, {"id": inbox["pack"]})

    assert not body.get("errors"), body
    thread = body["data"]["conversation"]
    assert (thread["threadMlId"], thread["packMlId"]) == (str(PACK), str(PACK))
    assert [o["mlId"] for o in thread["orders"]] == [str(o) for o in PACK_ORDERS]
    assert thread["buyer"] == {"mlUserId": "1501234987", "nickname": "MARIANA.COSTA_SP"}
    assert thread["meliAccount"] == {"mlUserId": str(inbox["account"].ml_user_id)}
    assert (thread["canSend"], thread["sellerMaxMessageLength"], thread["status"]) == (True, 350, None)
    assert thread["messages"]["totalCount"] == 2
    buyer, seller = thread["messages"]["nodes"]
    assert (buyer["fromSeller"], buyer["readAt"], buyer["dateCreated"]) == (
        False,
        "2025-03-12T14:20:00+00:00",
        "2025-03-12T14:00:02+00:00",
    )
    assert buyer["text"] == "Oi! Consegue enviar as duas coisas juntas? Obrigada."
    assert (seller["fromSeller"], seller["readAt"], seller["sentBy"]) == (True, None, None)  # not sent by melihub


async def test_an_order_without_pack_is_its_own_thread(inbox: dict[str, Any]) -> None:
    body = await gql(inbox["http"], THREAD, {"id": inbox["lone"]})

    thread = body["data"]["conversation"]
    assert (thread["threadMlId"], thread["packMlId"]) == (str(LONE_ORDER), None)
    assert [o["mlId"] for o in thread["orders"]] == [str(LONE_ORDER)]
    assert [(m["text"], m["fromSeller"], m["readAt"]) for m in thread["messages"]["nodes"]] == [
        ("Oi, meu pedido já saiu?", False, None)
    ]


async def test_a_conversation_is_a_node(inbox: dict[str, Any]) -> None:
    body = await gql(
        inbox["http"], "query($id: ID!) { node(id: $id) { ... on Conversation { threadMlId } } }", {"id": inbox["pack"]}
    )

    assert body["data"]["node"] == {"threadMlId": str(PACK)}
