"""The sandbox's ``PUT /items/{id}`` behaves as the reference says Mercado Livre's does (§5.1, §5.2, §5.4, §13).

Each test writes its own fixture item (the sandbox is shared by this module).
"""

from __future__ import annotations

import concurrent.futures
import time

import pytest

from melihub.sandbox.testing import SandboxHandle

from .conftest import Api


@pytest.fixture(autouse=True)
def _clean(sandbox: SandboxHandle) -> None:
    sandbox.set_faults({})
    sandbox.configure(rate_limit_per_s=1000, item_write_rate_per_s=0, write_delay_ms=5)


def put(api: Api, item_id: str, body: object) -> dict:
    answer = api.request("PUT", f"/items/{item_id}", json=body)
    assert answer.status_code == 200, answer.text
    result: dict = answer.json()
    return result


def test_the_variations_put_deletes_the_variations_it_leaves_out(api: Api) -> None:
    item = api.get("/items/MLB3012345602").json()
    kept = [{"id": v["id"]} for v in item["variations"][:2]]

    updated = put(api, "MLB3012345602", {"variations": kept})

    assert [v["id"] for v in updated["variations"]] == [v["id"] for v in item["variations"][:2]]
    assert updated["available_quantity"] == sum(v["available_quantity"] for v in item["variations"][:2])
    assert [v["id"] for v in api.get("/items/MLB3012345602").json()["variations"]] == [v["id"] for v in kept]


def test_every_variation_at_zero_pauses_the_item_and_stock_back_reactivates_it(api: Api) -> None:
    item = api.get("/items/MLB3012345607").json()

    empty = put(
        api, "MLB3012345607", {"variations": [{"id": v["id"], "available_quantity": 0} for v in item["variations"]]}
    )
    back = put(
        api, "MLB3012345607", {"variations": [{"id": v["id"], "available_quantity": 1} for v in item["variations"]]}
    )

    assert (empty["status"], empty["sub_status"], empty["available_quantity"]) == ("paused", ["out_of_stock"], 0)
    assert (back["status"], back["sub_status"], back["available_quantity"]) == ("active", [], 2)


def test_different_variation_prices_are_not_refused_the_highest_becomes_every_ones(api: Api) -> None:
    # Reference §13 (unsure): one price for all variations; the listing shows and charges the highest.
    item = api.get("/items/MLB3012345601").json()
    prices = [61.0, 75.5, 59.9, 60.0]

    updated = put(
        api,
        "MLB3012345601",
        {"variations": [{"id": v["id"], "price": p} for v, p in zip(item["variations"], prices, strict=True)]},
    )

    assert updated["price"] == 75.5
    assert {v["price"] for v in updated["variations"]} == {75.5}


def test_a_closed_item_cannot_be_reopened_or_edited(api: Api) -> None:
    assert put(api, "MLB3012345606", {"status": "closed"})["status"] == "closed"

    reopen = api.request("PUT", "/items/MLB3012345606", json={"status": "active"})
    reprice = api.request("PUT", "/items/MLB3012345606", json={"price": 99})

    for answer in (reopen, reprice):
        assert answer.status_code == 400
        body = answer.json()
        assert (body["error"], body["status"]) == ("validation_error", 400)
        assert body["cause"][0]["references"] == ["item.status"]
    assert api.get("/items/MLB3012345606").json()["status"] == "closed"


def test_a_validation_error_has_the_references_body(api: Api) -> None:
    answer = api.request("PUT", "/items/MLB3012345608", json={"price": 2})

    assert answer.status_code == 400
    assert answer.json()["cause"] == [
        {
            "department": "items",
            "cause_id": 361,
            "type": "error",
            "code": "item.price.invalid",
            "references": ["item.price"],
            "message": "The price must be greater than or equal to 8",
        }
    ]


def test_every_write_emits_an_items_notification_and_lands_in_the_call_log_with_its_body(
    sandbox: SandboxHandle, api: Api
) -> None:
    sandbox.configure(callback_url="http://127.0.0.1:9/webhooks/meli")  # nobody answers: sending is counted
    try:
        sent = sandbox.stats()["notifications"]["sent"]
        since = time.time()
        put(api, "MLB3012345604", {"available_quantity": 11})
        put(api, "MLB3012345604", {"price": 120})
        assert sandbox.stats()["notifications"]["sent"] == sent + 2
    finally:
        sandbox.configure(callback_url=None)
    writes = [c for c in sandbox.calls(since) if c["method"] == "PUT"]
    assert [(c["path"], c["body"], c["status"]) for c in writes] == [
        ("/items/MLB3012345604", {"available_quantity": 11}, 200),
        ("/items/MLB3012345604", {"price": 120}, 200),
    ]
    assert all(c["body"] is None for c in sandbox.calls(since) if c["method"] == "GET")


def test_concurrent_writes_to_one_item_answer_409(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.configure(write_delay_ms=300)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(lambda q: api.request("PUT", "/items/MLB3012345605", json={"available_quantity": q}), (1, 2))
        )

    assert sorted(a.status_code for a in answers) == [200, 409]
    refused = next(a for a in answers if a.status_code == 409)
    assert refused.json()["status"] == 409


def test_a_held_write_ends_when_the_hold_is_lowered(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.configure(write_delay_ms=60_000)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        held = pool.submit(api.request, "PUT", "/items/MLB3012345605", json={"available_quantity": 3})
        time.sleep(0.3)
        assert not held.done()  # still holding the item
        sandbox.configure(write_delay_ms=5)
        answer = held.result(timeout=5)

    assert answer.status_code == 200 and time.monotonic() - started < 5
    assert api.get("/items/MLB3012345605").json()["available_quantity"] == 3


def test_item_writes_have_a_budget_of_their_own(sandbox: SandboxHandle, api: Api) -> None:
    sandbox.configure(item_write_rate_per_s=2)

    statuses = [
        api.request("PUT", "/items/MLB3012345608", json={"available_quantity": 50 + i}).status_code for i in range(4)
    ]
    reads = [api.get("/items/MLB3012345608").status_code for _ in range(4)]

    assert statuses[:2] == [200, 200] and 429 in statuses[2:]
    assert reads == [200, 200, 200, 200]  # reads are not item writes
