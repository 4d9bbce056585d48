"""Demo data: link the sandbox's sellers to the demo tenant through the real OAuth flow; the sync that
linking starts imports their history. A few buyers then write in their sales' threads (unread messages)."""

from __future__ import annotations

from typing import Any

import httpx

from melihub.observability import get_logger
from melihub.security.csrf import CSRF_HEADER

log = get_logger("melihub.demo")

LOGIN = """mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { message } } }"""
START_LINK = """mutation($s: String!) { startMeliLink(site: $s) { authorizeUrl errors { message } } }"""


def _gql(http: httpx.Client, base: str, query: str, variables: dict[str, object] | None = None) -> dict[str, object]:
    response = http.post(f"{base}/graphql", json={"query": query, "variables": variables or {}})
    response.raise_for_status()
    body: dict[str, object] = response.json()
    if body.get("errors"):
        raise RuntimeError(f"GraphQL error: {body['errors']}")
    data = body["data"]
    assert isinstance(data, dict)
    return data


def _link(http: httpx.Client, base: str, seller_id: str, site: str) -> None:
    started = _gql(http, base, START_LINK, {"s": site})["startMeliLink"]
    assert isinstance(started, dict) and started["authorizeUrl"], started
    # The sandbox's authorize page approves at once for one of its sellers; the redirect lands on our callback.
    response = http.get(f"{started['authorizeUrl']}&user_id={seller_id}", follow_redirects=True)
    if response.status_code != 200:
        raise RuntimeError(f"linking seller {seller_id} failed: {response.status_code} {response.text[:200]}")


# What buyers of the demo's sales write after linking: unread conversations for the /mensagens inbox.
BUYER_MESSAGES = (
    "Olá! Vocês já enviaram meu pedido? Preciso até sexta.",
    "Bom dia, o produto tem nota fiscal?",
    "Chegou certinho, obrigada! Posso trocar a cor de um deles?",
)


def _buyers_write(http: httpx.Client, sandbox: str, world: dict[str, Any]) -> int:
    """A buyer message in the threads of a few paid sales (each notifies its seller); returns how many."""
    threads = list(
        dict.fromkeys(
            str(order.get("pack_id") or order["id"])
            for order in world.get("orders", {}).values()
            if order.get("status") == "paid"
        )
    )
    written = 0
    for thread, text in zip(threads, BUYER_MESSAGES, strict=False):
        if http.post(f"{sandbox}/_sandbox/messages/{thread}/buyer", json={"text": text}).status_code == 201:
            written += 1
    return written


def seed(base: str, sandbox: str, email: str, password: str) -> int:
    """Link every sandbox seller; returns how many. Linking queues each account's backfill, so the
    history arrives the way it does for a real seller (the worker imports it within seconds).

    Sellers linked by an earlier demo run are linked again: each run starts a new sandbox, which knows
    none of the tokens melihub kept (they would fail as invalid_grant and need re-authorisation).
    """
    linked = 0
    # Signed in by cookie as the dashboard is: its mutations carry the CSRF header the dashboard sends.
    with httpx.Client(timeout=30, headers={CSRF_HEADER: "1"}) as http:
        _gql(http, base, LOGIN, {"e": email, "p": password})
        world = http.get(f"{sandbox}/_sandbox/export").json()
        for seller_id, user in world.get("users", {}).items():
            if user.get("site_id"):
                _link(http, base, seller_id, user["site_id"])
                log.info("demo.linked", seller=seller_id)
                linked += 1
        log.info("demo.buyer_messages", written=_buyers_write(http, sandbox, world))
    return linked
