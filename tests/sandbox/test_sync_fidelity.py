"""What a sync engine's backfill meets in ``/orders/search`` and the items scan, on the reference world.

The reference world's clock is ``DEFAULT_CLOCK_MS`` (2025-03-13T17:20:00Z); orders added here are
copies of a fixture order with other ids, dates and payments.
"""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from melihub.sandbox.testing import SandboxHandle
from melihub.sandbox.world import DEFAULT_CLOCK_MS, iso_ml
from melihub.testing.fixtures import SELLER_A

from .conftest import Api

CLOCK = datetime.fromtimestamp(DEFAULT_CLOCK_MS / 1000, tz=UTC)
A_ITEMS = f"/users/{SELLER_A}/items/search"
REFUNDED_CANCELLED = 2000009876543205  # fixture: cancelled after an approved payment was refunded
EXPIRED = {"message": "scroll_id expired", "error": "bad_request", "status": 400, "cause": []}


@pytest.fixture(autouse=True)
def _defaults(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({})
    sandbox.configure(rate_limit_per_s=1000, order_search_max_offset=1000, scroll_ttl_s=300)


def search(api: Api, **params: Any) -> httpx.Response:
    return api.get("/orders/search", params={"seller": SELLER_A, "limit": 50, **params})


def ids(page: httpx.Response) -> set[int]:
    return {o["id"] for o in page.json()["results"]}


def status_counts(page: httpx.Response) -> dict[str, int]:
    (offered,) = [f for f in page.json()["available_filters"] if f["id"] == "order.status"]
    return {v["id"]: v["results"] for v in offered["values"]}


def add_order(sandbox: SandboxHandle, api: Api, order_id: int, **changes: Any) -> None:
    """A copy of fixture order 2000009876543201 (seller A, paid) with another id and ``changes``."""
    order = copy.deepcopy(api.get("/orders/2000009876543201").json())
    order.update({"id": order_id, "pack_id": None, **changes})
    for payment in order["payments"]:
        payment["order_id"] = order_id
    sandbox.put("orders", order_id, order)


def test_search_reaches_back_12_months_from_the_worlds_clock_but_get_still_answers(
    sandbox: SandboxHandle, api: Api
) -> None:
    before = search(api).json()["paging"]["total"]
    add_order(sandbox, api, 2000019000000001, date_created=iso_ml(CLOCK - timedelta(days=365, minutes=1)))
    add_order(sandbox, api, 2000019000000002, date_created=iso_ml(CLOCK - timedelta(days=364, hours=23)))
    page = search(api)
    assert 2000019000000002 in ids(page) and 2000019000000001 not in ids(page)
    assert page.json()["paging"]["total"] == before + 1
    asked_by_date = search(api, **{"order.date_created.from": "2020-01-01T00:00:00.000-00:00"})
    assert 2000019000000001 not in ids(asked_by_date)
    assert search(api, q="2000019000000001").json()["results"] == []
    assert api.get("/orders/2000019000000001").json()["id"] == 2000019000000001


def test_never_paid_cancelled_orders_show_only_when_the_status_filter_names_cancelled(
    sandbox: SandboxHandle, api: Api
) -> None:
    before = search(api)
    assert REFUNDED_CANCELLED in ids(before)  # paid, then refunded: search keeps it
    template = api.get("/orders/2000009876543201").json()["payments"][0]
    expired = {**template, "status": "cancelled", "status_detail": "expired", "date_approved": None}
    add_order(sandbox, api, 2000019000000011, status="cancelled", payments=[expired], tags=["not_paid"])
    add_order(sandbox, api, 2000019000000012, status="cancelled", payments=[], tags=["not_paid"])
    hidden = {2000019000000011, 2000019000000012}

    plain = search(api)
    assert ids(plain) == ids(before) and not hidden & ids(plain)
    assert plain.json()["paging"]["total"] == before.json()["paging"]["total"]
    assert status_counts(plain) == status_counts(before) and status_counts(plain)["cancelled"] == 1
    cancelled = search(api, **{"order.status": "cancelled"})
    assert ids(cancelled) == {REFUNDED_CANCELLED, *hidden} and cancelled.json()["paging"]["total"] == 3
    assert hidden <= ids(search(api, **{"order.status": "paid,cancelled"}))
    assert not hidden & ids(search(api, **{"order.status": "paid"}))
    assert api.get("/orders/2000019000000012").json()["status"] == "cancelled"


def test_order_search_refuses_offset_plus_limit_past_the_cap(sandbox: SandboxHandle, api: Api) -> None:
    assert httpx.get(f"{sandbox.url}/_sandbox/config").json()["order_search_max_offset"] == 1000
    assert search(api, offset=950, limit=50).status_code == 200
    refused = search(api, offset=951, limit=50)
    assert refused.status_code == 400
    assert refused.json() == {
        "message": "Invalid offset and limit: offset + limit must not be greater than 1000",
        "error": "bad_request",
        "status": 400,
        "cause": [],
    }
    sandbox.configure(order_search_max_offset=4)
    assert len(search(api, offset=0, limit=4).json()["results"]) == 4
    assert search(api, offset=3, limit=1).status_code == 200
    assert search(api, offset=2, limit=3).status_code == 400


def scan(api: Api, scroll_id: str | None = None) -> httpx.Response:
    params = {"search_type": "scan", "limit": 3, **({"scroll_id": scroll_id} if scroll_id else {})}
    return api.get(A_ITEMS, params=params)


def test_expire_scrolls_ends_every_scan_in_progress_and_a_new_scan_starts_over(
    sandbox: SandboxHandle, api: Api
) -> None:
    first = scan(api).json()
    second = scan(api, first["scroll_id"]).json()
    assert len(second["results"]) == 3
    assert sandbox.expire_scrolls() >= 2
    for stale in (first["scroll_id"], second["scroll_id"]):
        answer = scan(api, stale)
        assert answer.status_code == 400 and answer.json() == EXPIRED
    assert full_scan(api) == [f"MLB30123456{n:02d}" for n in range(1, 9)]


def full_scan(api: Api) -> list[str]:
    seen: list[str] = []
    page = scan(api).json()
    while page["results"]:
        seen += page["results"]
        page = scan(api, page["scroll_id"]).json()
    return seen


def test_scroll_ttl_is_a_config_knob(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.configure(scroll_ttl_s=0.3)
    first = scan(api).json()
    assert scan(api, first["scroll_id"]).status_code == 200  # used at once: still alive
    time.sleep(0.5)
    late = scan(api, first["scroll_id"])
    assert late.status_code == 400 and late.json() == EXPIRED


def test_stats_reset_starts_a_new_measurement(sandbox: SandboxHandle, api: Api) -> None:
    api.get("/items/MLB3012345603")
    assert sandbox.stats()["total_calls"] > 0 and sandbox.calls()
    assert sandbox.reset_stats() == {
        "total_calls": 0,
        "calls": {},
        "token_calls": {"authorization_code": 0, "refresh_token": 0},
        "notifications": {"sent": 0, "acknowledged": 0, "missed": 0, "attempts": 0},
    }
    assert sandbox.calls() == []
    search(api)
    api.get("/items/MLB3099999999")
    stats = sandbox.stats()
    assert stats["total_calls"] == 2
    assert stats["calls"] == {"GET /orders/search": {"200": 1}, "GET /items/{id}": {"404": 1}}
    assert [c["path"] for c in sandbox.calls()] == ["/orders/search", "/items/MLB3099999999"]
