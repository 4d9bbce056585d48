"""Contract: every fixture file of the default scenario is exactly what its endpoint answers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from melihub.sandbox.testing import SandboxHandle
from melihub.sandbox.world import DEFAULT_SCENARIO
from melihub.testing.fixtures import SELLER_A, SELLER_B, fixtures_dir
from melihub.testing.stores import free_port

from .conftest import Api, login, token_call

FILES = sorted(p.relative_to(DEFAULT_SCENARIO).as_posix() for p in DEFAULT_SCENARIO.rglob("*.json"))
REFERENCE = fixtures_dir()  # ../shared/meli/fixtures where present, else the packaged copy


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    """`melihub sandbox --scenario <the reference fixtures>`, as a user starts it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "melihub", "sandbox", "--port", str(port), "--scenario", str(REFERENCE)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/_sandbox/stats", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield SandboxHandle(url)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_packaged_default_scenario_is_the_reference_verbatim() -> None:
    for name in FILES:
        assert (REFERENCE / name).read_bytes() == (DEFAULT_SCENARIO / name).read_bytes(), name
    assert len(list(REFERENCE.rglob("*.json"))) == len(FILES)


NEW_FORMAT = {"x-format-new": "true"}


def load(name: str) -> Any:
    return json.loads((DEFAULT_SCENARIO / name).read_text(encoding="utf-8"))


def owner_of(kind: str, body: Any) -> int:
    if kind == "orders":
        return int(body["seller"]["id"])
    if kind == "shipments":
        return int(body["origin"]["sender_id"])
    return int(body.get("seller_id") or body.get("id"))


def resource_request(name: str, body: Any) -> tuple[str, dict[str, Any], int]:
    """``(path, request kwargs, seller)`` of a one-resource fixture file."""
    kind, stem = name.split("/", 1)[0], Path(name).stem
    if kind == "users":
        return f"/users/{stem}", {}, int(stem)
    if kind == "items":
        return f"/items/{stem}", {}, owner_of("items", body)
    if kind == "descriptions":
        return f"/items/{stem}/description", {}, owner_of("items", load(f"items/{stem}.json"))
    if kind == "performance":
        return f"/item/{stem}/performance", {}, owner_of("items", load(f"items/{stem}.json"))
    if kind == "orders":
        return f"/orders/{stem}", {}, owner_of("orders", body)
    if kind == "shipments" and stem.endswith("_items"):
        return f"/shipments/{stem.removesuffix('_items')}/items", {"headers": NEW_FORMAT}, int(body[0]["sender_id"])
    if kind == "shipments":
        return f"/shipments/{stem}", {"headers": NEW_FORMAT}, owner_of("shipments", body)
    if kind == "packs":
        return f"/packs/{stem}", {}, SELLER_A
    if kind == "questions":
        return f"/questions/{stem}", {"params": {"api_version": 4}}, owner_of("questions", body)
    if kind == "messages":
        pack = stem.removeprefix("pack_")
        return f"/messages/packs/{pack}/sellers/{SELLER_A}", {"params": {"tag": "post_sale"}}, SELLER_A
    raise KeyError(name)


A_ITEMS = f"/users/{SELLER_A}/items/search"
QUERIES: dict[str, tuple[str, dict[str, Any]]] = {
    "search/orders_search_page1.json": (
        "/orders/search",
        {"params": {"seller": SELLER_A, "sort": "date_desc", "offset": 0, "limit": 5}},
    ),
    "search/orders_search_page2.json": (
        "/orders/search",
        {"params": {"seller": SELLER_A, "sort": "date_desc", "offset": 5, "limit": 5}},
    ),
    "search/items_search.json": (A_ITEMS, {}),
    "search/items_scan.json": (A_ITEMS, {"params": {"search_type": "scan", "limit": 100}}),
    "search/questions_search.json": ("/questions/search", {"params": {"seller_id": SELLER_A, "api_version": 4}}),
    "multiget/items_partial.json": ("/items", {"params": {"ids": "MLB3012345603,MLB3012345605,MLB3099999999"}}),
    "multiget/items_attributes.json": (
        "/items",
        {
            "params": {
                "ids": "MLB3012345601,MLB3012345604,MLB3012345605",
                "attributes": "id,price,available_quantity,status",
            }
        },
    ),
    "claims/claims_search.json": ("/post-purchase/v1/claims/search", {"params": {"status": "opened"}}),
    "missed_feeds.json": ("/missed_feeds", {"params": {"app_id": "5503910054141466"}}),
    "errors/404_item.json": ("/items/MLB3099999999", {}),
    "errors/404_order.json": ("/orders/2000009999999999", {}),
    "errors/403.json": ("/orders/2000011223344551", {}),  # seller B's order, seller A's token
}
ERROR_STATUS = {"errors/404_item.json": 404, "errors/404_order.json": 404, "errors/403.json": 403}


def expected_status(name: str) -> int:
    return ERROR_STATUS.get(name, 200)


@pytest.mark.parametrize("name", FILES)
def test_fixture_is_what_the_endpoint_answers(name: str, sandbox: SandboxHandle, api: Api) -> None:
    expected = load(name)
    kind = name.split("/", 1)[0]
    if name in QUERIES:
        path, kwargs = QUERIES[name]
        answer = api.get(path, SELLER_A, **kwargs)
    elif name == "search/items_scan_end.json":
        first = api.get(A_ITEMS, params={"search_type": "scan", "limit": 100}).json()
        answer = api.get(A_ITEMS, params={"search_type": "scan", "limit": 100, "scroll_id": first["scroll_id"]})
    elif kind in ("errors", "oauth", "notifications"):
        special_cases[kind](name, expected, sandbox, api)
        return
    else:
        path, kwargs, seller = resource_request(name, expected)
        answer = api.get(path, seller, **kwargs)
    assert answer.status_code == expected_status(name), answer.text
    assert answer.json() == expected


def _errors(name: str, expected: Any, sandbox: SandboxHandle, api: Api) -> None:
    stem = Path(name).stem
    if name in QUERIES:  # handled above
        raise AssertionError(name)
    if stem == "401":
        answer = httpx.get(f"{sandbox.url}/users/me", headers={"Authorization": "Bearer APP_USR-garbage"})
    elif stem == "401_legacy":
        sandbox.configure(legacy_401=True)
        try:
            answer = httpx.get(f"{sandbox.url}/users/me", headers={"Authorization": "Bearer nope"})
        finally:
            sandbox.configure(legacy_401=False)
    elif stem == "429":
        sandbox.set_faults({"429": 1.0})
        try:
            answer = api.get("/users/me")
        finally:
            sandbox.set_faults({})
    elif stem == "400_invalid_grant":
        answer = token_call(sandbox.url, grant_type="refresh_token", refresh_token="TG-not-a-token-1")
    elif stem == "400_answer_too_long":
        answer = api.request("POST", "/answers", json={"question_id": 13012345601, "text": "x" * 2001})
    elif stem == "400_item_validation":
        answer = api.request("PUT", "/items/MLB3012345603", json={"price": 5})
    else:
        raise AssertionError(f"no contract for {name}")
    assert answer.status_code == int(stem[:3]), answer.text
    assert answer.json() == expected


def _oauth(name: str, expected: Any, sandbox: SandboxHandle, api: Api) -> None:
    """Token values are random: same fields, types and formats as the fixture."""
    body = login(sandbox.url, SELLER_A)
    if Path(name).stem == "token_refreshed":
        answer = token_call(sandbox.url, grant_type="refresh_token", refresh_token=body["refresh_token"])
        assert answer.status_code == 200
        body = answer.json()
    assert set(body) == set(expected)
    assert {k: type(v) for k, v in body.items()} == {k: type(v) for k, v in expected.items()}
    assert body["access_token"].startswith("APP_USR-5503910054141466-") and body["access_token"].endswith("-2401234567")
    assert body["refresh_token"].startswith("TG-") and body["refresh_token"].endswith("-2401234567")
    assert (body["token_type"], body["expires_in"], body["user_id"]) == ("Bearer", 21600, SELLER_A)
    assert set(body["scope"].split()) == set(expected["scope"].split())


def _notifications(name: str, expected: Any, sandbox: SandboxHandle, api: Api) -> None:
    """Bodies the sandbox POSTs: same fields as the fixture (delivery itself is in test_notifier)."""
    sandbox.configure(callback_url="http://127.0.0.1:9/unreachable")
    try:
        note = sandbox.notify(expected["user_id"], expected["topic"], expected["resource"])
    finally:
        sandbox.configure(callback_url=None)
    assert note is not None
    assert set(note) == set(expected) - {"actions"}
    assert {k: type(v) for k, v in note.items()} == {k: type(v) for k, v in expected.items() if k != "actions"}
    assert note["application_id"] == expected["application_id"] and note["sent"].endswith("Z")


special_cases = {"errors": _errors, "oauth": _oauth, "notifications": _notifications}


def test_every_fixture_file_is_covered() -> None:
    assert len(FILES) >= 60
    for name in FILES:
        if name in QUERIES or name == "search/items_scan_end.json" or name.split("/")[0] in special_cases:
            continue
        assert resource_request(name, load(name))[0].startswith("/"), name


def test_users_me_and_public_view(api: Api) -> None:
    assert api.get("/users/me").json() == load(f"users/{SELLER_A}.json")
    public = api.get(f"/users/{SELLER_B}").json()
    assert public["id"] == SELLER_B and "email" not in public and "identification" not in public
