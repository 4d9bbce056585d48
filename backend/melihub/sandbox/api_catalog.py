"""Users and items: ``/users/me``, ``/users/{id}``, ``/items``, ``/items/{id}``, writes, search, categories."""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.sandbox.categories import attributes_body, category_body, node_of
from melihub.sandbox.core import bad_request, forbidden, ml_error, ml_json, not_found
from melihub.sandbox.mutations import update_item
from melihub.sandbox.search import item_search, multiget, trim
from melihub.sandbox.service import Caller, Sandbox, api, sandbox_of
from melihub.sandbox.world import Raw, iso_z

PUBLIC_USER_FIELDS = (
    "id",
    "nickname",
    "registration_date",
    "country_id",
    "address",
    "user_type",
    "tags",
    "logo",
    "points",
    "site_id",
    "permalink",
    "seller_reputation",
    "buyer_reputation",
    "status",
)


def _user_view(sandbox: Sandbox, user_id: str, caller: Caller) -> Raw | None:
    user = sandbox.world.get("users", user_id) or sandbox.world.get("buyers", user_id)
    if user is None or str(caller.user_id) == str(user_id):
        return user
    public = {k: user[k] for k in PUBLIC_USER_FIELDS if k in user}
    if isinstance(public.get("address"), dict):
        public["address"] = {k: v for k, v in public["address"].items() if k in ("city", "state")}
    if isinstance(public.get("status"), dict):
        public["status"] = {"site_status": public["status"].get("site_status")}
    return public


async def get_me(request: Request, caller: Caller) -> Response:
    user = sandbox_of(request).world.get("users", caller.user_id)
    return ml_json(user) if user else not_found("User not found")


async def get_user(request: Request, caller: Caller) -> Response:
    user = _user_view(sandbox_of(request), request.path_params["id"], caller)
    return ml_json(user) if user is not None else not_found("User not found")


async def get_users(request: Request, caller: Caller) -> Response:
    sandbox = sandbox_of(request)
    entries = multiget(
        request.query_params.get("ids"),
        lambda key: _user_view(sandbox, key, caller),
        lambda key: f"User with id {key} not found",
        request.query_params.get("attributes"),
    )
    return ml_json(entries)


def _live_item(sandbox: Sandbox, item_id: str) -> Raw | None:
    item = sandbox.world.get("items", item_id)
    return None if item is None or "deleted" in (item.get("sub_status") or []) else item


def _item_missing(item_id: str) -> Response:
    return not_found(f"Item with id {item_id} not found")


def _owned_item(sandbox: Sandbox, item_id: str, caller: Caller) -> Raw | Response:
    item = _live_item(sandbox, item_id)
    if item is None:
        return _item_missing(item_id)
    if sandbox.world.owner("items", item) != caller.user_id:
        return forbidden()
    return item


async def get_items(request: Request, caller: Caller) -> Response:
    sandbox = sandbox_of(request)
    entries = multiget(
        request.query_params.get("ids"),
        lambda key: _live_item(sandbox, key),
        lambda key: f"Item with id {key} not found",
        request.query_params.get("attributes"),
    )
    return ml_json(entries)


async def get_item(request: Request, caller: Caller) -> Response:
    item_id = request.path_params["id"]
    item = _live_item(sandbox_of(request), item_id)
    if item is None:
        return _item_missing(item_id)
    return ml_json(trim(item, request.query_params.get("attributes")))


async def put_item(request: Request, caller: Caller) -> Response:
    sandbox, item_id = sandbox_of(request), request.path_params["id"]
    item = _owned_item(sandbox, item_id, caller)
    if isinstance(item, Response):
        return item
    try:
        changes: Any = await request.json()
    except ValueError:
        return bad_request("body must be a JSON object")
    if not isinstance(changes, dict):
        return bad_request("body must be a JSON object")
    if not await sandbox.hold_item(item_id):
        return ml_error(409, f"Item {item_id} is being updated by another request, retry later", "conflict")
    try:
        current = sandbox.world.get("items", item_id) or item
        updated = update_item(current, changes)
        sandbox.store("items", item_id, updated)
    finally:
        sandbox.writing.discard(item_id)
    return ml_json(updated)


def _description(sandbox: Sandbox, item_id: str, item: Raw) -> Raw:
    found = sandbox.world.get("descriptions", item_id)
    if found is not None:
        return found
    return {
        "text": "",
        "plain_text": "",
        "last_updated": item.get("last_updated"),
        "date_created": item.get("date_created"),
        "snapshot": {"url": f"http://descriptions.mlstatic.com/D-{item_id}.jpg?hash=0_0", "width": 0, "height": 0},
    }


async def get_description(request: Request, caller: Caller) -> Response:
    sandbox, item_id = sandbox_of(request), request.path_params["id"]
    item = _live_item(sandbox, item_id)
    if item is None:
        return _item_missing(item_id)
    return ml_json(_description(sandbox, item_id, item))


async def put_description(request: Request, caller: Caller) -> Response:
    sandbox, item_id = sandbox_of(request), request.path_params["id"]
    item = _owned_item(sandbox, item_id, caller)
    if isinstance(item, Response):
        return item
    body: Any = await request.json()
    text = body.get("plain_text") if isinstance(body, dict) else None
    if not isinstance(text, str) or "<" in text:
        return bad_request("plain_text is required and must not contain HTML")
    description = copy.deepcopy(_description(sandbox, item_id, item))
    description.update({"text": "", "plain_text": text})
    sandbox.store("descriptions", item_id, description, notify=False)
    sandbox.store("items", item_id, copy.deepcopy(item))
    return ml_json(description)


async def get_performance(request: Request, caller: Caller) -> Response:
    sandbox, item_id = sandbox_of(request), request.path_params["id"]
    found = sandbox.world.get("performance", item_id)
    if found is not None:
        return ml_json(found)
    item = _live_item(sandbox, item_id)
    template = next(iter(sandbox.world.kind("performance").values()), None)
    if item is None or template is None:
        return not_found(f"Performance for item {item_id} not found")
    derived = copy.deepcopy(template)
    derived.update({"entity_id": item_id, "calculated_at": iso_z()})
    return ml_json(derived)


async def get_category(request: Request, caller: Caller) -> Response:
    """``GET /categories/{id}`` (public on ML: no owner check; reference §13)."""
    found = node_of(sandbox_of(request).world, request.path_params["id"])
    return ml_json(category_body(*found)) if found else not_found("Category not found")


async def get_category_attributes(request: Request, caller: Caller) -> Response:
    found = node_of(sandbox_of(request).world, request.path_params["id"])
    return ml_json(attributes_body(*found)) if found else not_found("Category not found")


async def search_items(request: Request, caller: Caller) -> Response:
    seller = request.path_params["id"]
    if seller != str(caller.user_id):
        return forbidden()
    sandbox = sandbox_of(request)
    return ml_json(item_search(sandbox.world, sandbox.scrolls, caller.user_id, request.query_params))


ROUTES: list[Route] = [
    api("GET", "/users/me", get_me),
    api("GET", "/users", get_users),
    api("GET", "/users/{id}/items/search", search_items),
    api("GET", "/users/{id}", get_user),
    api("GET", "/items", get_items),
    api("GET", "/items/{id}/description", get_description),
    api("PUT", "/items/{id}/description", put_description),
    api("GET", "/items/{id}", get_item),
    api("PUT", "/items/{id}", put_item),
    api("GET", "/item/{id}/performance", get_performance),
    api("GET", "/categories/{id}/attributes", get_category_attributes, public=True),
    api("GET", "/categories/{id}", get_category, public=True),
]
