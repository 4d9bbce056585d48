"""Searches (filters, paging, offset cap, scan/scroll, multiget) and the limiter and injected faults."""

from __future__ import annotations

import concurrent.futures
import time
from collections import Counter

import httpx
import pytest

from melihub.sandbox.testing import SandboxHandle
from melihub.testing.fixtures import SELLER_A, SELLER_B

from .conftest import Api

A_ITEMS = f"/users/{SELLER_A}/items/search"


@pytest.fixture(autouse=True)
def _clean(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({})
    sandbox.configure(rate_limit_per_s=1000)


def test_item_search_filters_paging_and_offset_cap(api: Api) -> None:
    paused = api.get(A_ITEMS, params={"status": "paused"}).json()
    assert sorted(paused["results"]) == ["MLB3012345604", "MLB3012345605"] and paused["paging"]["total"] == 2
    by_sku = api.get(A_ITEMS, params={"seller_sku": "CAM-BAS-PRT-G"}).json()
    assert by_sku["results"] == ["MLB3012345601"]
    page = api.get(A_ITEMS, params={"offset": 3, "limit": 3}).json()
    assert page["results"] == ["MLB3012345604", "MLB3012345605", "MLB3012345606"]
    assert page["paging"] == {"limit": 3, "offset": 3, "total": 8}
    by_price = api.get(A_ITEMS, params={"orders": "price_desc"}).json()["results"]
    assert len(by_price) == 8 and by_price != sorted(by_price)
    capped = api.get(A_ITEMS, params={"offset": 990, "limit": 50})
    assert capped.status_code == 400 and capped.json()["error"] == "bad_request" and capped.json()["status"] == 400
    assert api.get(A_ITEMS, params={"limit": 101}).status_code == 400
    assert api.get(f"/users/{SELLER_B}/items/search").status_code == 403


def test_scan_follows_scroll_ids_to_an_empty_page(api: Api) -> None:
    seen: list[str] = []
    params: dict[str, str | int] = {"search_type": "scan", "limit": 3}
    for _ in range(10):
        page = api.get(A_ITEMS, params=params).json()
        if not page["results"]:
            assert page["scroll_id"] is None
            break
        seen += page["results"]
        params["scroll_id"] = page["scroll_id"]
    assert seen == [f"MLB30123456{n:02d}" for n in range(1, 9)]
    assert api.get(A_ITEMS, params={"search_type": "scan", "scroll_id": "bm9wZQ=="}).status_code == 400


def test_order_search_filters_sort_and_limit(api: Api) -> None:
    paid = api.get("/orders/search", params={"seller": SELLER_A, "order.status": "paid"}).json()
    assert paid["paging"]["total"] == 6 and all(o["status"] == "paid" for o in paid["results"])
    assert round(sum(o["total_amount"] for o in paid["results"]), 2) == 1054.0
    assert paid["filters"][-1]["id"] == "order.status"
    window = api.get(
        "/orders/search",
        params={
            "seller": SELLER_A,
            "order.date_last_updated.from": "2025-03-12T00:00:00.000-00:00",
            "order.date_last_updated.to": "2025-03-13T00:00:00.000-00:00",
            "sort": "date_asc",
        },
    ).json()
    assert [o["id"] for o in window["results"]] == [2000009876543206, 2000009876543202, 2000009876543203]
    assert api.get("/orders/search", params={"seller": SELLER_A, "limit": 51}).status_code == 400
    assert api.get("/orders/search", params={"seller": SELLER_B}).status_code == 403
    other = api.get("/orders/search", SELLER_B, params={"seller": SELLER_B}).json()
    assert other["paging"]["total"] == 2


def test_question_search_status_and_item(api: Api) -> None:
    unanswered = api.get("/questions/search", params={"seller_id": SELLER_A, "status": "UNANSWERED"}).json()
    assert unanswered["total"] == 2 and {q["status"] for q in unanswered["questions"]} == {"UNANSWERED"}
    by_item = api.get("/questions/search", params={"seller_id": SELLER_A, "item": "MLB3012345602"}).json()
    assert [q["id"] for q in by_item["questions"]] == [13012345602]
    paged = api.get("/questions/search", params={"seller_id": SELLER_A, "limit": 2, "offset": 4}).json()
    assert paged["total"] == 5 and len(paged["questions"]) == 1


def test_multiget_codes_and_20_ids_max(api: Api) -> None:
    ids = ["MLB3012345601", "MLB3099999999", "MLA1523456789"]
    entries = api.get("/items", params={"ids": ",".join(ids)}).json()
    assert [e["code"] for e in entries] == [200, 404, 200]
    assert entries[1]["body"]["error"] == "not_found" and entries[0]["body"]["id"] == ids[0]
    too_many = api.get("/items", params={"ids": ",".join(f"MLB30999999{n:02d}" for n in range(21))})
    assert too_many.status_code == 400


def test_ownership_403_and_404(api: Api) -> None:
    assert api.get("/orders/2000011223344551").status_code == 403
    assert api.get("/orders/2000011223344551", SELLER_B).status_code == 200
    assert api.get("/shipments/44200000009", headers={"x-format-new": "true"}).status_code == 403
    assert api.get("/questions/13012345606").status_code == 403
    assert api.request("PUT", "/items/MLA1523456789", json={"price": 100}).status_code == 403
    assert api.get("/packs/2000000000000000").status_code == 404


def test_item_writes_stock_pause_and_conflict(sandbox: SandboxHandle, api: Api) -> None:
    zero = api.request("PUT", "/items/MLB3012345608", json={"available_quantity": 0}).json()
    assert zero["status"] == "paused" and "out_of_stock" in zero["sub_status"]
    back = api.request("PUT", "/items/MLB3012345608", json={"available_quantity": 5}).json()
    assert back["status"] == "active" and back["sub_status"] == [] and back["last_updated"] > zero["last_updated"]
    item = api.get("/items/MLB3012345607").json()
    variations = [{"id": v["id"], "available_quantity": 2} for v in item["variations"]]
    updated = api.request("PUT", "/items/MLB3012345607", json={"variations": variations}).json()
    assert updated["available_quantity"] == 2 * len(variations)
    sandbox.configure(write_delay_ms=300)
    try:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            answers = list(
                pool.map(lambda p: api.request("PUT", "/items/MLB3012345603", json={"price": p}), (90.0, 91.0))
            )
    finally:
        sandbox.configure(write_delay_ms=5)
    assert sorted(a.status_code for a in answers) == [200, 409]


def test_rate_limit_answers_429_with_retry_after(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.configure(rate_limit_per_s=2)
    try:
        statuses = [api.get("/users/me") for _ in range(5)]
    finally:
        sandbox.configure(rate_limit_per_s=1000)
    throttled = [r for r in statuses if r.status_code == 429]
    assert statuses[0].status_code == 200 and throttled
    assert throttled[0].json() == {
        "message": "Too Many Requests",
        "error": "too_many_requests",
        "status": 429,
        "cause": [],
    }
    assert float(throttled[0].headers["Retry-After"]) >= 1


def test_fault_share_per_family_override_and_clear(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.set_faults({"5xx": 0.3})
    codes = Counter(api.get("/items/MLB3012345603").status_code >= 500 for _ in range(200))
    assert 30 <= codes[True] <= 95  # ~60 of 200
    sandbox.set_faults({"endpoints": {"orders": {"5xx": 1.0}}})
    assert api.get("/orders/2000009876543201").status_code >= 500
    assert api.get("/items/MLB3012345603").status_code == 200
    sandbox.set_faults({"5xx": 1.0, "endpoints": {"items": {"5xx": 0.0}}})
    assert api.get("/items/MLB3012345603").status_code == 200 and api.get("/users/me").status_code >= 500
    sandbox.set_faults({"429": 1.0})
    assert api.get("/users/me").status_code == 429
    sandbox.set_faults({"latency_ms": 300})
    started = time.monotonic()
    assert api.get("/users/me").status_code == 200 and time.monotonic() - started >= 0.3
    sandbox.set_faults({})
    assert all(api.get("/users/me").status_code == 200 for _ in range(20))
    assert httpx.put(f"{sandbox.url}/_sandbox/faults", json={"endpoints": {"nope": {}}}).status_code == 400


def test_timeout_fault_outlasts_the_client(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.set_faults({"timeout": 1.0})
    try:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(
                f"{sandbox.url}/users/me", headers={"Authorization": f"Bearer {api.tokens[SELLER_A]}"}, timeout=0.5
            )
    finally:
        sandbox.set_faults({})


def test_stats_and_calls_use_route_templates(sandbox: SandboxHandle, api: Api) -> None:
    since = time.time()
    api.get("/items/MLB3012345603")
    api.get("/items/MLB3099999999")
    stats = sandbox.stats()
    assert stats["calls"]["GET /items/{id}"]["200"] >= 1 and stats["calls"]["GET /items/{id}"]["404"] >= 1
    calls = sandbox.calls(since)
    assert [(c["route"], c["status"]) for c in calls] == [("/items/{id}", 200), ("/items/{id}", 404)]
    assert calls[0]["user_id"] == SELLER_A and calls[0]["client_id"] == "5503910054141466"
    assert calls[0]["path"] == "/items/MLB3012345603" and calls[0]["method"] == "GET"
