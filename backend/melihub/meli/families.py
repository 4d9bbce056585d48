"""Endpoint families: the unit of rate budgets, circuit breakers and log lines."""

from __future__ import annotations

USERS = "users"
ITEMS = "items"
ORDERS = "orders"
SHIPMENTS = "shipments"
QUESTIONS = "questions"
MESSAGES = "messages"
CLAIMS = "claims"
# Categories and their attributes (reference §13): public catalogue data, read rarely and cached by
# callers. A family of its own rather than items: its budget and breaker are apart, so a categories
# outage or throttling never holds back item syncs and stock/price writes (and vice versa).
CATEGORIES = "categories"
NOTIFICATIONS = "notifications"
OAUTH = "oauth"
OTHER = "other"

FAMILIES: tuple[str, ...] = (
    USERS,
    ITEMS,
    ORDERS,
    SHIPMENTS,
    QUESTIONS,
    MESSAGES,
    CLAIMS,
    CATEGORIES,
    NOTIFICATIONS,
    OTHER,
)

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("/oauth", OAUTH),
    ("/items", ITEMS),
    ("/item/", ITEMS),  # /item/{id}/performance (singular)
    ("/orders", ORDERS),
    ("/packs", ORDERS),
    ("/collections", ORDERS),
    ("/payments", ORDERS),
    ("/shipment_labels", SHIPMENTS),
    ("/shipments", SHIPMENTS),
    ("/questions", QUESTIONS),
    ("/answers", QUESTIONS),
    ("/messages", MESSAGES),
    ("/post-purchase", CLAIMS),
    ("/categories", CATEGORIES),
    ("/missed_feeds", NOTIFICATIONS),
    ("/users", USERS),
)


def family_of(path: str) -> str:
    """The family of an API path, e.g. ``/users/1/items/search`` -> ``items``."""
    path = "/" + path.split("?", 1)[0].lstrip("/")
    if path.startswith("/users/") and "/items" in path:
        return ITEMS
    for prefix, family in _PREFIXES:
        if path == prefix.rstrip("/") or path.startswith(prefix.rstrip("/") + "/"):
            return family
    return OTHER
