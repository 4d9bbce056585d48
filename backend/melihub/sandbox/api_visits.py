"""Visits (reference §13): ``/items/visits``, ``/items/{id}/visits/time_window``, ``/users/{id}/items_visits``.

The sandbox makes up a listing's daily visits, the same for the same item and date on every run, and
consistent with its world: none before the item was created nor after today, and on every day at least
one visit per question asked and per order placed on the item that day (a buyer looks before asking or
buying) plus a seeded share of browsing. Dates are days at ML's ``-04:00`` offset, the one its orders and
questions come back with (which zone ML's visit dates use is not in the reference: unsure).

What the reference leaves open, chosen here (each unsure): the list form answers one entry per asked id,
in asked order, an unknown id with ``total_visits`` 0; at most 50 ids per call; ``date_to`` inclusive and
a query spanning more than 150 days is a 400 ``bad_request``; visits are public (no ownership check);
no 48-hour lag (a day's count is final at once); ``time_window`` takes ``unit=day`` only.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.sandbox.core import ParamError, int_param, ml_json, not_found
from melihub.sandbox.service import Caller, api, sandbox_of
from melihub.sandbox.world import ML_OFFSET, Raw, World, parse_time

MAX_SPAN_DAYS = 150
MAX_IDS = 50
COMPANY = "mercadolibre"


def ml_day(moment: datetime) -> date:
    return moment.astimezone(ML_OFFSET).date()


def today() -> date:
    return ml_day(datetime.now(UTC))


@dataclass
class _Activity:
    """Orders and questions per (item id, day): the floor under each day's visits."""

    sizes: tuple[int, int] = (-1, -1)
    per_day: Counter[tuple[str, date]] = field(default_factory=Counter)


_ACTIVITY: dict[int, _Activity] = {}  # by id(world): the sandbox process's one world, recounted as it grows


def _activity(world: World) -> _Activity:
    orders, questions = world.kind("orders"), world.kind("questions")
    found = _ACTIVITY.setdefault(id(world), _Activity())
    if found.sizes == (len(orders), len(questions)):
        return found
    found.per_day.clear()
    for order in orders.values():
        created = parse_time(order.get("date_created"))
        if created is None:
            continue
        for item_id in {str((line.get("item") or {}).get("id")) for line in order.get("order_items") or []}:
            found.per_day[(item_id, ml_day(created))] += 1
    for question in questions.values():
        created = parse_time(question.get("date_created"))
        if created is not None:
            found.per_day[(str(question.get("item_id")), ml_day(created))] += 1
    found.sizes = (len(orders), len(questions))
    return found


def _seeded(item_id: str, day: date, spread: int) -> int:
    digest = hashlib.blake2b(f"{item_id}|{day.isoformat()}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % spread


def daily_visits(world: World, item: Raw | None, item_id: str, day: date) -> int:
    """The item's visits on ``day`` (0 for an unknown item, before it existed, or in the future)."""
    created = parse_time(item.get("date_created")) if item else None
    if created is None or day < ml_day(created) or day > today():
        return 0
    popularity = 1 + _seeded(item_id, date.min, 12)  # some listings draw more eyes than others
    return _seeded(item_id, day, 4 * popularity + 1) + _activity(world).per_day[(item_id, day)]


def _date(value: str | None, name: str) -> date:
    if not value:
        raise ParamError(f"{name} is required")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ParamError(f"invalid value for parameter {name}: {value}") from None


def _span(request: Request) -> tuple[date, date]:
    first = _date(request.query_params.get("date_from"), "date_from")
    last = _date(request.query_params.get("date_to"), "date_to")
    if last < first:
        raise ParamError("date_to must not be before date_from")
    if (last - first).days + 1 > MAX_SPAN_DAYS:
        raise ParamError(f"the date range may span at most {MAX_SPAN_DAYS} days")
    return first, last


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _total(world: World, item_id: str, first: date, last: date) -> int:
    item = world.get("items", item_id)
    return sum(daily_visits(world, item, item_id, day) for day in _days(first, last))


def _detail(quantity: int) -> list[dict[str, Any]]:
    return [{"company": COMPANY, "quantity": quantity}]


async def items_visits(request: Request, caller: Caller) -> Response:
    world = sandbox_of(request).world
    ids = [i for i in (request.query_params.get("ids") or "").split(",") if i]
    if not ids:
        raise ParamError("ids is required")
    if len(ids) > MAX_IDS:
        raise ParamError(f"at most {MAX_IDS} ids per request")
    first, last = _span(request)
    entries = []
    for item_id in ids:
        total = _total(world, item_id, first, last)
        entries.append(
            {
                "item_id": item_id,
                "date_from": _stamp(first),
                "date_to": _stamp(last),
                "total_visits": total,
                "visits_detail": _detail(total),
            }
        )
    return ml_json(entries)


async def item_time_window(request: Request, caller: Caller) -> Response:
    world, item_id = sandbox_of(request).world, request.path_params["id"]
    item = world.get("items", item_id)
    if item is None:
        return not_found(f"Item with id {item_id} not found")
    last_n = int_param(request.query_params.get("last"), 0, name="last")
    unit = request.query_params.get("unit") or ""
    if unit != "day":
        raise ParamError(f"invalid value for parameter unit: {unit or 'missing'} (only day)")
    if not 1 <= last_n <= MAX_SPAN_DAYS:
        raise ParamError(f"last must be between 1 and {MAX_SPAN_DAYS}")
    ending = request.query_params.get("ending")
    end = _date(ending, "ending") if ending else today()
    days = _days(end - timedelta(days=last_n - 1), end)
    counts = [daily_visits(world, item, item_id, day) for day in days]
    results = [{"date": _stamp(d), "total": n, "visits_detail": _detail(n)} for d, n in zip(days, counts, strict=True)]
    body = {
        "item_id": item_id,
        "total_visits": sum(counts),
        "date_from": _stamp(days[0]),
        "date_to": _stamp(days[-1]),
        "last": last_n,
        "unit": unit,
        "results": results,
    }
    return ml_json(body)


async def user_items_visits(request: Request, caller: Caller) -> Response:
    world, user_id = sandbox_of(request).world, request.path_params["id"]
    if not world.get("users", user_id):
        return not_found("User not found")
    first, last = _span(request)
    owned = [key for key, item in world.kind("items").items() if world.owner("items", item) == int(user_id)]
    total = sum(_total(world, item_id, first, last) for item_id in owned)
    body = {
        "user_id": int(user_id),
        "date_from": _stamp(first),
        "date_to": _stamp(last),
        "total_visits": total,
        "visits_detail": _detail(total),
    }
    return ml_json(body)


# Before /items/{id} (api_catalog): "visits" is not an item id.
ROUTES: list[Route] = [
    api("GET", "/items/visits", items_visits),
    api("GET", "/items/{id}/visits/time_window", item_time_window),
    api("GET", "/users/{id}/items_visits", user_items_visits),
]
