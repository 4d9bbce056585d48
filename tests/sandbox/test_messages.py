"""Post-sale threads in the sandbox: a buyer writes (with its ``messages`` notification), the seller's thread
reads mark it read unless ``mark_as_read=false``, and a blocked conversation refuses the seller's messages."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from melihub.resources.registry import TOPICS
from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread

from .conftest import login
from .test_notifier import Receiver

PACK = 2000004567890123  # orders 202 and 203, buyer 1501234987
LONE_ORDER = 2000009876543201  # no pack, buyer 1498765432
THREAD = f"/messages/packs/{PACK}/sellers/{SELLER_A}"


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver()
    app = Starlette(routes=[Route("/webhooks/meli", receiver.webhook, methods=["POST"])])
    with serve_in_thread(app) as url:
        yield receiver, f"{url}/webhooks/meli"


@pytest.fixture
def notifying(receiver: tuple[Receiver, str]) -> Iterator[SandboxHandle]:
    with running_sandbox(time_scale=0.0002, callback_url=receiver[1]) as sandbox:
        yield sandbox


class Seller:
    def __init__(self, sandbox: SandboxHandle) -> None:
        self.url, self.token = sandbox.url, login(sandbox.url, SELLER_A)["access_token"]

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"}
        return httpx.request(method, f"{self.url}{path}", headers=headers, timeout=10, **kwargs)

    def send(self, thread: int, buyer: int, text: str) -> httpx.Response:
        body = {"from": {"user_id": SELLER_A}, "to": {"user_id": buyer}, "text": text}
        return self.call("POST", f"/messages/packs/{thread}/sellers/{SELLER_A}", params={"tag": "post_sale"}, json=body)


def _wait_for(receiver: Receiver, resource: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if found := receiver.of(resource):
            return found
        time.sleep(0.02)
    raise AssertionError(f"no notification for {resource}")


def test_a_buyer_message_joins_the_thread_and_notifies_the_seller_with_a_bare_hex_id(
    notifying: SandboxHandle, receiver: tuple[Receiver, str]
) -> None:
    message = notifying.buyer_message(PACK, "Vocês enviam juntas?")

    assert (message["from"], message["to"], message["text"]) == (
        {"user_id": 1501234987},
        {"user_id": SELLER_A},
        "Vocês enviam juntas?",
    )
    assert message["message_date"]["read"] is None
    assert {"id": str(PACK), "name": "packs"} in message["message_resources"]
    assert notifying.get("messages", PACK)["messages"][-1] == message
    [note] = _wait_for(receiver[0], message["id"])
    assert (note["topic"], note["user_id"], note["actions"]) == ("messages", SELLER_A, ["created"])
    assert re.fullmatch(r"[0-9a-f]{32}", note["resource"])  # reference §3.3: the bare hex id
    assert TOPICS["messages"].resource.fullmatch(note["resource"])  # what melihub's webhook accepts


def test_an_order_without_pack_gets_a_thread_of_its_own(notifying: SandboxHandle) -> None:
    message = notifying.buyer_message(LONE_ORDER, "Oi")

    thread = Seller(notifying).call("GET", f"/messages/packs/{LONE_ORDER}/sellers/{SELLER_A}").json()
    assert [m["id"] for m in thread["messages"]] == [message["id"]]
    assert message["from"] == {"user_id": 1498765432}
    assert thread["conversation_status"]["status"] == "active" and thread["seller_max_message_length"] == 350


def test_only_a_plain_get_marks_the_buyers_messages_read(notifying: SandboxHandle) -> None:
    seller = Seller(notifying)
    message = notifying.buyer_message(PACK, "Alô?")

    background = seller.call("GET", THREAD, params={"tag": "post_sale", "mark_as_read": "false"}).json()
    unread = [m for m in background["messages"] if m["id"] == message["id"]]
    assert unread[0]["message_date"]["read"] is None
    unread_summary = seller.call("GET", "/messages/unread", params={"role": "seller", "tag": "post_sale"}).json()
    assert {"resource": f"/packs/{PACK}/sellers/{SELLER_A}", "count": 1} in unread_summary["results"]

    seller.call("GET", THREAD, params={"tag": "post_sale"})

    held = notifying.get("messages", PACK)["messages"]
    assert next(m for m in held if m["id"] == message["id"])["message_date"]["read"] is not None
    summary = seller.call("GET", "/messages/unread", params={"role": "seller", "tag": "post_sale"}).json()
    assert summary["results"] == []


def test_a_blocked_conversation_refuses_the_sellers_message_until_it_is_active_again(
    notifying: SandboxHandle,
) -> None:
    seller = Seller(notifying)
    status = notifying.set_conversation_status(PACK, "blocked", "blocked_by_time")
    assert (status["status"], status["substatus"]) == ("blocked", "blocked_by_time")

    refused = seller.send(PACK, 1501234987, "Oi")

    assert refused.status_code == 403
    assert refused.json()["error"] == "forbidden" and "blocked_by_time" in refused.json()["message"]
    assert seller.call("GET", THREAD).json()["conversation_status"]["status"] == "blocked"

    notifying.set_conversation_status(PACK, "active")
    assert seller.send(PACK, 1501234987, "Oi").status_code == 201


def test_limits_and_unknown_threads(notifying: SandboxHandle) -> None:
    admin = f"{notifying.url}/_sandbox/messages"
    assert Seller(notifying).send(PACK, 1501234987, "x" * 351).status_code == 400
    assert httpx.post(f"{admin}/{PACK}/buyer", json={"text": "x" * 3501}).status_code == 400
    assert httpx.post(f"{admin}/{PACK}/buyer", json={"text": "x" * 3500}).status_code == 201
    assert httpx.post(f"{admin}/2000000000000999/buyer", json={"text": "Oi"}).status_code == 404
    assert httpx.put(f"{admin}/2000000000000999/status", json={"status": "blocked"}).status_code == 404
    assert httpx.put(f"{admin}/{PACK}/status", json={}).status_code == 400
