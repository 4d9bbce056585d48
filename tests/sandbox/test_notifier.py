"""Notification delivery to a real receiver: retries on non-200, acknowledgement, drop after 8 -> missed_feeds."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.sandbox.testing import SandboxHandle, running_sandbox
from melihub.sandbox.world import DEFAULT_SCENARIO
from melihub.testing.fixtures import SELLER_A
from melihub.testing.server import serve_in_thread

from .conftest import login


class Receiver:
    """Answers 500 to the first ``failures[resource]`` deliveries of a resource, then 200."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.failures: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    async def webhook(self, request: Request) -> Response:
        body = await request.json()
        with self.lock:
            self.bodies.append(body)
            seen = sum(1 for b in self.bodies if b["resource"] == body["resource"])
        return Response(status_code=500 if seen <= self.failures[body["resource"]] else 200)

    def of(self, resource: str) -> list[dict[str, Any]]:
        with self.lock:
            return [b for b in self.bodies if b["resource"] == resource]


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


def wait_for(predicate: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


def test_delivery_is_the_ml_body_and_is_acknowledged(notifying: SandboxHandle, receiver: tuple[Receiver, str]) -> None:
    got = receiver[0]
    note = notifying.notify(SELLER_A, "orders_v2", "/orders/2000009876543201")
    assert note is not None
    wait_for(lambda: notifying.stats()["notifications"]["acknowledged"] == 1)
    [body] = got.of("/orders/2000009876543201")
    fixture = json.loads((DEFAULT_SCENARIO / "notifications/orders_v2.json").read_text())
    assert set(body) == set(fixture) and body["_id"] == note["_id"] and body["attempts"] == 1
    assert (body["user_id"], body["topic"], body["application_id"]) == (SELLER_A, "orders_v2", 5503910054141466)


def test_non_200_is_retried_with_the_same_id_then_acknowledged(
    notifying: SandboxHandle, receiver: tuple[Receiver, str]
) -> None:
    got = receiver[0]
    got.failures["/questions/13012345601"] = 3
    notifying.notify(SELLER_A, "questions", "/questions/13012345601")
    wait_for(lambda: notifying.stats()["notifications"]["acknowledged"] == 1)
    bodies = got.of("/questions/13012345601")
    assert [b["attempts"] for b in bodies] == [1, 2, 3, 4]
    assert len({b["_id"] for b in bodies}) == 1 and len({b["received"] for b in bodies}) == 1
    stats = notifying.stats()["notifications"]
    assert stats == {"sent": 1, "acknowledged": 1, "missed": 0, "attempts": 4}


def test_dropped_after_8_attempts_and_listed_in_missed_feeds(
    notifying: SandboxHandle, receiver: tuple[Receiver, str]
) -> None:
    got = receiver[0]
    got.failures["/items/MLB3012345604"] = 100
    started = time.monotonic()
    notifying.notify(SELLER_A, "items", "/items/MLB3012345604")
    wait_for(lambda: notifying.stats()["notifications"]["missed"] == 1)
    assert time.monotonic() - started < 10  # ~1 hour of ML retries, scaled by time_scale
    assert [b["attempts"] for b in got.of("/items/MLB3012345604")] == list(range(1, 9))
    token = login(notifying.url, SELLER_A)["access_token"]
    feeds = httpx.get(
        f"{notifying.url}/missed_feeds",
        params={"app_id": "5503910054141466", "topic": "items"},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert feeds["total"] == 1 and feeds["offset"] == 0 and feeds["limit"] == 10
    [missed] = feeds["messages"]
    assert missed["resource"] == "/items/MLB3012345604" and missed["attempts"] == 8
    assert missed["response"]["http_code"] == 500 and missed["request"]["data"]["_id"] == missed["_id"]
    assert notifying.stats()["notifications"] == {"sent": 1, "acknowledged": 0, "missed": 1, "attempts": 8}


def test_unreachable_callback_and_state_changes_notify(
    notifying: SandboxHandle, receiver: tuple[Receiver, str]
) -> None:
    token = login(notifying.url, SELLER_A)["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    answer = httpx.post(
        f"{notifying.url}/answers", json={"question_id": 13012345604, "text": "Sim! 🎧"}, headers=headers
    )
    assert answer.status_code == 200 and answer.json()["status"] == "ANSWERED"
    item = httpx.put(f"{notifying.url}/items/MLB3012345603", json={"price": 95.5}, headers=headers)
    assert item.status_code == 200
    raw = notifying.get("orders", 2000009876543207)
    notifying.put("orders", 2000009876543207, {**raw, "status": "paid"}, notify=True)
    wait_for(lambda: notifying.stats()["notifications"]["acknowledged"] == 3)
    resources = {b["resource"] for b in receiver[0].bodies}
    assert resources == {"/questions/13012345604", "/items/MLB3012345603", "/orders/2000009876543207"}
    notifying.configure(callback_url="http://127.0.0.1:9/closed")
    notifying.notify(SELLER_A, "shipments", "/shipments/44123456702")
    wait_for(lambda: notifying.stats()["notifications"]["missed"] == 1)
