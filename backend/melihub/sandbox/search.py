"""Searches as ML answers them: item ids (offset cap, scan/scroll), orders, questions, claims, multiget."""

from __future__ import annotations

import base64
import binascii
import math
import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from melihub.sandbox.core import ParamError, SandboxConfig, error_body, int_param
from melihub.sandbox.world import Raw, World, parse_time

ITEM_SEARCH_MAX = 1000
ITEM_LIMIT_MAX = 100
ORDER_LIMIT_MAX = 50
MULTIGET_MAX = 20
ORDER_WINDOW = timedelta(days=365)  # "orders older than 12 months are not returned by search"
PAID_PAYMENTS = frozenset({"approved", "refunded"})  # money was taken at some point
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Params = Mapping[str, str]


def _time(raw: Raw, key: str) -> datetime:
    return parse_time(raw.get(key)) or _EPOCH


# ---- items ----------------------------------------------------------------------------------


def item_skus(item: Raw) -> set[str]:
    skus = {str(item["seller_custom_field"])} if item.get("seller_custom_field") else set()
    holders = [item, *(item.get("variations") or [])]
    for holder in holders:
        if holder.get("seller_custom_field"):
            skus.add(str(holder["seller_custom_field"]))
        for attr in holder.get("attributes") or []:
            if attr.get("id") == "SELLER_SKU" and attr.get("value_name"):
                skus.add(str(attr["value_name"]))
    return skus


_ITEM_SORTS: dict[str, Callable[[Raw], Any]] = {
    "stop_time": lambda i: i["id"],
    "start_time": lambda i: (_time(i, "date_created"), i["id"]),
    "available_quantity": lambda i: (i.get("available_quantity") or 0, i["id"]),
    "sold_quantity": lambda i: (i.get("sold_quantity") or 0, i["id"]),
    "total_sold_quantity": lambda i: (i.get("sold_quantity") or 0, i["id"]),
    "price": lambda i: (i.get("price") or 0, i["id"]),
    "last_updated": lambda i: (_time(i, "last_updated"), i["id"]),
    "inventory_id": lambda i: (str(i.get("inventory_id") or ""), i["id"]),
}


def _seller_items(world: World, seller_id: int, params: Params) -> list[Raw]:
    status, sku = params.get("status"), params.get("seller_sku") or params.get("sku")
    items = [i for i in world.kind("items").values() if str(i.get("seller_id")) == str(seller_id)]
    if status:
        items = [i for i in items if i.get("status") == status]
    if sku:
        items = [i for i in items if sku in item_skus(i)]
    order = params.get("orders") or "stop_time_asc"
    field, _, direction = order.rpartition("_")
    key = _ITEM_SORTS.get(field)
    if key is None or direction not in ("asc", "desc"):
        raise ParamError(f"invalid orders value: {order}")
    return sorted(items, key=key, reverse=direction == "desc")


class ScrollRegistry:
    """Scroll ids handed out by scan searches; each expires after ``scroll_ttl_s`` without use."""

    def __init__(self, config: SandboxConfig) -> None:
        self._config = config  # read at each resolve: PUT /_sandbox/config changes the TTL at run time
        self._last_use: dict[str, float] = {}

    def issue(self, world: World, seller_id: int, last_id: str) -> str:
        text = f"apicore-items:scan:{seller_id}:{world.clock_ms}:{last_id}"
        scroll = base64.b64encode(text.encode()).decode()
        self._last_use[scroll] = time.monotonic()
        return scroll

    def expire_all(self) -> int:
        """Expire every scroll issued so far (``POST /_sandbox/expire_scrolls``); returns how many."""
        for scroll in self._last_use:
            self._last_use[scroll] = -math.inf
        return len(self._last_use)

    def resolve(self, scroll: str, seller_id: int) -> str:
        """The last item id served through ``scroll``; ``ParamError`` if unknown/expired."""
        used = self._last_use.get(scroll)
        if used is not None and time.monotonic() - used > self._config.scroll_ttl_s:
            raise ParamError("scroll_id expired")
        try:
            parts = base64.b64decode(scroll.encode(), validate=True).decode().split(":")
        except (binascii.Error, UnicodeDecodeError):
            raise ParamError("invalid scroll_id") from None
        if len(parts) != 5 or parts[:2] != ["apicore-items", "scan"] or parts[2] != str(seller_id):
            raise ParamError("invalid scroll_id")
        return parts[4]


def item_search(world: World, scrolls: ScrollRegistry, seller_id: int, params: Params) -> Raw:
    template = world.template("search/items_search") or {}
    limit = int_param(params.get("limit"), 50, name="limit")
    if limit < 1 or limit > ITEM_LIMIT_MAX:
        raise ParamError(f"limit must be between 1 and {ITEM_LIMIT_MAX}")
    items = _seller_items(world, seller_id, params)
    default_order = [o for o in template.get("available_orders", []) if o["id"] == "stop_time_asc"]
    if params.get("search_type") == "scan":
        return _scan_page(world, scrolls, seller_id, params, items, limit, default_order)
    offset = int_param(params.get("offset"), 0, name="offset")
    if offset < 0 or offset + limit > ITEM_SEARCH_MAX:
        raise ParamError(
            f"Invalid offset and limit: offset + limit must not be greater than {ITEM_SEARCH_MAX}. "
            "Use search_type=scan to go further"
        )
    order_id = params.get("orders") or "stop_time_asc"
    chosen = [o for o in template.get("available_orders", []) if o["id"] == order_id]
    return {
        "seller_id": str(seller_id),
        "query": params.get("q"),
        "paging": {"limit": limit, "offset": offset, "total": len(items)},
        "results": [i["id"] for i in items[offset : offset + limit]],
        "orders": chosen or [{"id": order_id, "name": order_id.replace("_", " ")}],
        "available_orders": template.get("available_orders", []),
    }


def _scan_page(
    world: World,
    scrolls: ScrollRegistry,
    seller_id: int,
    params: Params,
    items: list[Raw],
    limit: int,
    default_order: list[Raw],
) -> Raw:
    ids = [i["id"] for i in items]
    start = 0
    if params.get("scroll_id"):
        last = scrolls.resolve(params["scroll_id"], seller_id)
        start = next((n + 1 for n, item_id in enumerate(ids) if item_id == last), len(ids))
    page = ids[start : start + limit]
    return {
        "seller_id": str(seller_id),
        "query": None,
        "paging": {"limit": limit, "total": len(ids)},
        "results": page,
        "scroll_id": scrolls.issue(world, seller_id, page[-1]) if page else None,
        "orders": default_order,
        "available_orders": [],
    }


def trim(body: Raw, attributes: str | None) -> Raw:
    if not attributes:
        return body
    wanted = [a.strip() for a in attributes.split(",") if a.strip()]
    return {k: body[k] for k in wanted if k in body}


def multiget(
    ids_param: str | None, lookup: Callable[[str], Raw | None], missing: Callable[[str], str], attributes: str | None
) -> list[Raw]:
    ids = [i.strip() for i in (ids_param or "").split(",") if i.strip()]
    if not ids:
        raise ParamError("ids is required")
    if len(ids) > MULTIGET_MAX:
        raise ParamError(f"The maximum number of ids is {MULTIGET_MAX}")
    entries = []
    for key in ids:
        body = lookup(key)
        if body is None:
            entries.append({"code": 404, "body": error_body(404, missing(key), "not_found")})
        else:
            entries.append({"code": 200, "body": trim(body, attributes)})
    return entries


# ---- orders ---------------------------------------------------------------------------------


def _range(params: Params, name: str) -> tuple[datetime | None, datetime | None]:
    bounds = []
    for side in ("from", "to"):
        value = params.get(f"order.{name}.{side}")
        parsed = parse_time(value) if value else None
        if value and parsed is None:
            raise ParamError(f"invalid date for order.{name}.{side}: {value}")
        bounds.append(parsed)
    return bounds[0], bounds[1]


def _in(moment: datetime, bounds: tuple[datetime | None, datetime | None]) -> bool:
    low, high = bounds
    return (low is None or moment >= low) and (high is None or moment <= high)


def _status_name(status: str) -> str:
    return status.replace("_", " ").capitalize()


def _order_filters(world: World, seller_id: int, params: Params) -> list[Raw]:
    created, updated = _range(params, "date_created"), _range(params, "date_last_updated")
    q, tags = params.get("q"), [t for t in (params.get("tags") or "").split(",") if t]
    # The window follows the world's clock, not the wall clock: a fixed world answers the same every day.
    oldest = datetime.fromtimestamp(world.clock_ms / 1000, tz=UTC) - ORDER_WINDOW
    orders = []
    for order in world.kind("orders").values():
        if str((order.get("seller") or {}).get("id")) != str(seller_id):
            continue
        if _time(order, "date_created") < oldest or not _in(_time(order, "date_created"), created):
            continue
        if not _in(parse_time(order.get("date_last_updated") or order.get("last_updated")) or _EPOCH, updated):
            continue
        if tags and not set(tags) <= set(order.get("tags") or []):
            continue
        if q and not _order_matches(order, q):
            continue
        orders.append(order)
    return orders


def _order_matches(order: Raw, q: str) -> bool:
    if q == str(order.get("id")):
        return True
    lines = [line.get("item") or {} for line in order.get("order_items") or []]
    return any(q == i.get("id") or q.lower() in str(i.get("title", "")).lower() for i in lines)


def never_paid_cancelled(order: Raw) -> bool:
    """A cancelled order no payment ever went through for: search hides it unless asked by status.

    The reference says only "some cancelled orders (e.g. never paid)"; never-paid is the rule we chose.
    """
    if order.get("status") != "cancelled":
        return False
    return not any(p.get("status") in PAID_PAYMENTS for p in order.get("payments") or [])


def _order_page_params(params: Params, max_offset: int) -> tuple[int, int, str]:
    limit = int_param(params.get("limit"), ORDER_LIMIT_MAX, name="limit")
    offset = int_param(params.get("offset"), 0, name="offset")
    if not 1 <= limit <= ORDER_LIMIT_MAX or offset < 0:
        raise ParamError(f"limit must be between 1 and {ORDER_LIMIT_MAX}")
    if offset + limit > max_offset:
        # Worded like the items search's cap; ML's real cap and text for orders are not documented.
        raise ParamError(f"Invalid offset and limit: offset + limit must not be greater than {max_offset}")
    sort = params.get("sort") or "date_asc"
    if sort not in ("date_asc", "date_desc"):
        raise ParamError(f"invalid sort: {sort}")
    return limit, offset, sort


def _status_filters(seller_id: int, status: str | None, counts: Counter[str]) -> tuple[list[Raw], list[Raw]]:
    """``(filters, available_filters)``: the applied status, or the count of each status on offer."""
    filters: list[Raw] = [
        {"id": "seller", "name": "Seller", "type": "text", "values": [{"id": str(seller_id), "name": str(seller_id)}]}
    ]
    available: list[Raw] = []
    if status:
        chosen: list[Raw] = [{"id": s, "name": _status_name(s)} for s in status.split(",")]
        filters.append({"id": "order.status", "name": "Order Status", "type": "text", "values": chosen})
    elif counts:
        values: list[Raw] = [
            {"id": s, "name": _status_name(s), "results": n}
            for s, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
        ]
        available.append({"id": "order.status", "name": "Order Status", "type": "text", "values": values})
    return filters, available


def order_search(world: World, seller_id: int, params: Params, *, max_offset: int) -> Raw:
    template = world.template("search/orders_search_page1") or {}
    limit, offset, sort = _order_page_params(params, max_offset)
    orders = _order_filters(world, seller_id, params)
    status = params.get("order.status")
    wanted = set(status.split(",")) if status else set()
    if "cancelled" not in wanted:
        orders = [o for o in orders if not never_paid_cancelled(o)]
    counts = Counter(str(o.get("status")) for o in orders)
    if wanted:
        orders = [o for o in orders if o.get("status") in wanted]
    sign = -1 if sort == "date_desc" else 1
    orders.sort(key=lambda o: (sign * _time(o, "date_created").timestamp(), int(o["id"])))
    filters, available = _status_filters(seller_id, status, counts)
    names = {"date_asc": "Date ascending", "date_desc": "Date descending"}
    return {
        "query": params.get("q"),
        "results": orders[offset : offset + limit],
        "sort": {"id": sort, "name": names[sort]},
        "available_sorts": [{"id": s, "name": n} for s, n in names.items() if s != sort],
        "filters": filters,
        "available_filters": available,
        "paging": {"total": len(orders), "offset": offset, "limit": limit},
        "display": template.get("display", "complete"),
    }


# ---- questions, claims ----------------------------------------------------------------------

_QUESTION_SORTS: dict[str, Callable[[Raw], Any]] = {
    "date_created": lambda q: _time(q, "date_created"),
    "item_id": lambda q: str(q.get("item_id")),
    "from_id": lambda q: int((q.get("from") or {}).get("id") or 0),
    "seller_id": lambda q: int(q.get("seller_id") or 0),
}


def question_search(world: World, caller: int, seller_id: int | None, params: Params) -> Raw:
    template = world.template("search/questions_search") or {}
    limit = int_param(params.get("limit"), 50, name="limit")
    offset = int_param(params.get("offset"), 0, name="offset")
    questions = [q for q in world.kind("questions").values() if str(q.get("seller_id")) == str(caller)]
    for key, test in (
        ("status", lambda q, v: q.get("status") == v),
        ("item", lambda q, v: q.get("item_id") == v),
        ("from", lambda q, v: str((q.get("from") or {}).get("id")) == v),
    ):
        if params.get(key):
            questions = [q for q in questions if test(q, params[key])]
    field, direction = params.get("sort_fields"), (params.get("sort_types") or "DESC").upper()
    sort_key = _QUESTION_SORTS.get(field or "date_created")
    if sort_key is None:
        raise ParamError(f"invalid sort_fields: {field}")
    questions.sort(key=lambda q: int(q["id"]))
    questions.sort(key=sort_key, reverse=direction == "DESC")
    return {
        "total": len(questions),
        "limit": limit,
        "questions": questions[offset : offset + limit],
        "filters": {
            "limit": limit,
            "offset": offset,
            "api_version": params.get("api_version", "4"),
            "is_admin": False,
            "sorts": [f"{field} {direction}"] if field else [],
            "caller": caller,
            "seller": str(seller_id if seller_id is not None else caller),
        },
        "available_filters": template.get("available_filters", []),
        "available_sorts": template.get("available_sorts", []),
    }


CLAIM_FILTERS = ("status", "stage", "type", "resource", "resource_id", "id", "reason_id", "site_id")


def claim_search(world: World, caller: int, params: Params) -> Raw:
    applied = {k: params[k] for k in CLAIM_FILTERS if params.get(k)}
    if not applied:
        raise ParamError("at least one filter is required")
    limit = int_param(params.get("limit"), 30, name="limit")
    offset = int_param(params.get("offset"), 0, name="offset")
    claims = [
        c
        for c in world.kind("claims").values()
        if world.owner("claims", c) == caller and all(str(c.get(k)) == v for k, v in applied.items())
    ]
    claims.sort(key=lambda c: int(c["id"]))
    return {"paging": {"offset": offset, "limit": limit, "total": len(claims)}, "data": claims[offset : offset + limit]}
