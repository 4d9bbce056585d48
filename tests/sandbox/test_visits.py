"""Contract: the sandbox's visits endpoints (reference §13) answer ML's shapes, consistently with its world."""

from __future__ import annotations

from datetime import date, timedelta

from melihub.sandbox.api_visits import today
from melihub.testing.fixtures import SELLER_A, SELLER_B

from .conftest import Api

ITEM = "MLB3012345601"  # created 2024-11-02; ordered 2025-03-08 and 2025-03-11; asked 2025-03-13
OTHER = "MLB3012345608"  # ordered twice: 2025-03-11 and 2025-03-13


def visits(api: Api, ids: str, first: str, last: str, seller: int = SELLER_A) -> list[dict]:
    answer = api.get("/items/visits", seller, params={"ids": ids, "date_from": first, "date_to": last})
    assert answer.status_code == 200, answer.text
    body: list[dict] = answer.json()
    return body


def test_items_visits_answers_one_entry_per_id_in_asked_order(api: Api) -> None:
    body = visits(api, f"{OTHER},{ITEM}", "2025-03-01", "2025-03-13")
    assert [entry["item_id"] for entry in body] == [OTHER, ITEM]
    for entry in body:
        assert entry["date_from"] == "2025-03-01T00:00:00Z" and entry["date_to"] == "2025-03-13T00:00:00Z"
        assert entry["visits_detail"] == [{"company": "mercadolibre", "quantity": entry["total_visits"]}]
        assert entry["total_visits"] > 0


def test_visits_are_deterministic_and_add_up_over_days(api: Api) -> None:
    whole = visits(api, ITEM, "2025-03-01", "2025-03-13")[0]["total_visits"]
    again = visits(api, ITEM, "2025-03-01", "2025-03-13")[0]["total_visits"]
    by_day = [visits(api, ITEM, f"2025-03-{d:02d}", f"2025-03-{d:02d}")[0]["total_visits"] for d in range(1, 14)]
    assert whole == again == sum(by_day)


def test_a_day_has_at_least_one_visit_per_order_and_question(api: Api) -> None:
    assert visits(api, ITEM, "2025-03-08", "2025-03-08")[0]["total_visits"] >= 1  # one order
    assert visits(api, ITEM, "2025-03-13", "2025-03-13")[0]["total_visits"] >= 1  # one question
    assert visits(api, OTHER, "2025-03-11", "2025-03-11")[0]["total_visits"] >= 1


def test_no_visits_before_the_item_existed_nor_after_today(api: Api) -> None:
    assert visits(api, ITEM, "2024-10-01", "2024-11-01")[0]["total_visits"] == 0
    tomorrow = today() + timedelta(days=1)
    assert visits(api, ITEM, tomorrow.isoformat(), (tomorrow + timedelta(days=9)).isoformat())[0]["total_visits"] == 0


def test_unknown_items_have_no_visits(api: Api) -> None:
    assert visits(api, "MLB999", "2025-03-01", "2025-03-13") == [
        {
            "item_id": "MLB999",
            "date_from": "2025-03-01T00:00:00Z",
            "date_to": "2025-03-13T00:00:00Z",
            "total_visits": 0,
            "visits_detail": [{"company": "mercadolibre", "quantity": 0}],
        }
    ]


def test_a_span_over_150_days_is_refused_with_mls_error_shape(api: Api) -> None:
    first = date(2025, 1, 1)
    ok = api.get("/items/visits", params={"ids": ITEM, "date_from": first, "date_to": first + timedelta(days=149)})
    assert ok.status_code == 200
    refused = api.get("/items/visits", params={"ids": ITEM, "date_from": first, "date_to": first + timedelta(days=150)})
    assert refused.status_code == 400
    body = refused.json()
    assert set(body) == {"message", "error", "status", "cause"}
    assert body["status"] == 400 and body["error"] == "bad_request" and "150" in body["message"]


def test_missing_or_malformed_parameters_are_bad_requests(api: Api) -> None:
    assert api.get("/items/visits", params={"ids": ITEM, "date_from": "2025-03-01"}).status_code == 400
    assert api.get("/items/visits", params={"date_from": "2025-03-01", "date_to": "2025-03-02"}).status_code == 400
    bad = api.get("/items/visits", params={"ids": ITEM, "date_from": "yesterday", "date_to": "2025-03-02"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_request"
    many = ",".join(f"MLB{n}" for n in range(51))
    assert (
        api.get("/items/visits", params={"ids": many, "date_from": "2025-03-01", "date_to": "2025-03-01"}).status_code
        == 400
    )


def test_time_window_lists_each_day_and_matches_the_range_form(api: Api) -> None:
    answer = api.get(f"/items/{ITEM}/visits/time_window", params={"last": 7, "unit": "day", "ending": "2025-03-13"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {k: body[k] for k in ("item_id", "last", "unit", "date_from", "date_to")} == {
        "item_id": ITEM,
        "last": 7,
        "unit": "day",
        "date_from": "2025-03-07T00:00:00Z",
        "date_to": "2025-03-13T00:00:00Z",
    }
    assert [r["date"][:10] for r in body["results"]] == [f"2025-03-{d:02d}" for d in range(7, 14)]
    assert body["total_visits"] == sum(r["total"] for r in body["results"])
    assert body["total_visits"] == visits(api, ITEM, "2025-03-07", "2025-03-13")[0]["total_visits"]


def test_time_window_refuses_what_ml_refuses(api: Api) -> None:
    path = f"/items/{ITEM}/visits/time_window"
    assert api.get(path, params={"last": 151, "unit": "day"}).status_code == 400
    assert api.get(path, params={"last": 3, "unit": "week"}).status_code == 400
    missing = api.get("/items/MLB999/visits/time_window", params={"last": 3, "unit": "day"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_time_window_ends_today_by_default(api: Api) -> None:
    body = api.get(f"/items/{ITEM}/visits/time_window", params={"last": 2, "unit": "day"}).json()
    assert body["date_to"][:10] == today().isoformat()


def test_user_items_visits_is_the_sum_of_the_sellers_items(api: Api, sandbox) -> None:
    first, last = "2025-03-01", "2025-03-13"
    answer = api.get(f"/users/{SELLER_A}/items_visits", params={"date_from": first, "date_to": last})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    items = [key for key, raw in sandbox.export()["items"].items() if raw["seller_id"] == SELLER_A]
    assert len(items) == 8
    expected = sum(entry["total_visits"] for entry in visits(api, ",".join(items), first, last))
    assert body["user_id"] == SELLER_A and body["total_visits"] == expected > 0
    other = api.get(f"/users/{SELLER_B}/items_visits", seller=SELLER_B, params={"date_from": first, "date_to": last})
    assert other.status_code == 200 and other.json()["total_visits"] != body["total_visits"]
