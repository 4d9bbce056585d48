"""Questions and answers, post-sale messages, claims and missed feeds."""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from melihub.sandbox.core import ParamError, bad_request, forbidden, int_param, ml_json, not_found
from melihub.sandbox.mutations import answer_question, new_message
from melihub.sandbox.search import claim_search, question_search
from melihub.sandbox.service import Caller, Sandbox, answer, api, owned, sandbox_of
from melihub.sandbox.world import Raw, iso_ml, iso_z

# ---- questions ------------------------------------------------------------------------------


async def get_question(request: Request, caller: Caller) -> Response:
    key = request.path_params["id"]
    return answer(owned(sandbox_of(request), "questions", key, caller, f"Question with id {key} not found"))


async def search_questions(request: Request, caller: Caller) -> Response:
    params = request.query_params
    seller = params.get("seller_id")
    if seller is None and not params.get("item"):
        raise ParamError("seller_id or item is required")
    if seller is not None and seller != str(caller.user_id):
        return forbidden()
    return ml_json(question_search(sandbox_of(request).world, caller.user_id, int(seller or caller.user_id), params))


async def post_answer(request: Request, caller: Caller) -> Response:
    sandbox = sandbox_of(request)
    try:
        body: Any = await request.json()
    except ValueError:
        return bad_request("body must be JSON")
    key = str(body.get("question_id", "")) if isinstance(body, dict) else ""
    question = owned(sandbox, "questions", key, caller, f"Question with id {key} not found")
    if isinstance(question, Response):
        return question
    too_long = sandbox.world.template("errors/400_answer_too_long") or {}
    answered = answer_question(question, body.get("text"), too_long)
    sandbox.store("questions", key, answered)
    return ml_json(answered)


# ---- messages -------------------------------------------------------------------------------


def thread_of(sandbox: Sandbox, pack_id: str, seller: int) -> Raw | None:
    """The pack's thread (an empty one for a sale of ``seller`` without messages yet); None: not the seller's."""
    thread = sandbox.world.get("messages", pack_id)
    if thread is not None:
        return thread
    if sandbox.world.seller_of("messages", pack_id) != seller:
        return None
    order = sandbox.world.get("orders", pack_id) or {}
    pack = sandbox.world.get("packs", pack_id) or {}
    shipping = (pack.get("shipment") or order.get("shipping") or {}).get("id")
    return {
        "paging": {"limit": 10, "offset": 0, "total": 0},
        "conversation_status": {
            "path": f"/packs/{pack_id}",
            "status": "active",
            "substatus": None,
            "status_date": pack.get("date_created") or order.get("date_created") or iso_ml(),
            "status_update_allowed": False,
            "claim_id": None,
            "shipping_id": shipping,
        },
        "messages": [],
        "seller_max_message_length": 350,
        "buyer_max_message_length": 3500,
    }


def _thread_access(request: Request, caller: Caller) -> tuple[Sandbox, str, Raw] | Response:
    sandbox = sandbox_of(request)
    pack_id, seller = request.path_params["pack_id"], request.path_params["seller_id"]
    if seller != str(caller.user_id):
        return forbidden()
    thread = thread_of(sandbox, pack_id, caller.user_id)
    if thread is None:
        return not_found(f"Pack {pack_id} not found")
    return sandbox, pack_id, thread


async def get_thread(request: Request, caller: Caller) -> Response:
    found = _thread_access(request, caller)
    if isinstance(found, Response):
        return found
    sandbox, pack_id, thread = found
    params = request.query_params
    offset = int_param(params.get("offset"), 0, name="offset")
    limit = int_param(params.get("limit"), 10, name="limit")
    if params.get("mark_as_read", "true").lower() != "false" and pack_id in sandbox.world.kind("messages"):
        for message in thread["messages"]:
            dates = message.get("message_date") or {}
            if (message.get("to") or {}).get("user_id") == caller.user_id and dates.get("read") is None:
                dates["read"] = iso_z()
    page = copy.copy(thread)
    page["paging"] = {"limit": limit, "offset": offset, "total": len(thread["messages"])}
    page["messages"] = thread["messages"][offset : offset + limit]
    return ml_json(page)


async def post_message(request: Request, caller: Caller) -> Response:
    found = _thread_access(request, caller)
    if isinstance(found, Response):
        return found
    sandbox, pack_id, thread = found
    body: Any = await request.json()
    if not isinstance(body, dict):
        return bad_request("body must be a JSON object")
    status = thread.get("conversation_status") or {}
    if is_blocked(status):
        return blocked_refusal(status)
    template = thread["messages"][-1] if thread["messages"] else None
    message = new_message(template, pack_id, caller.user_id, body, sandbox.world.app_id)
    thread = copy.deepcopy(thread)
    thread["messages"].append(message)
    sandbox.world.put("messages", pack_id, thread)
    sandbox.notifier.notify(caller.user_id, "messages", message["id"], actions=["created"])
    return ml_json(message, 201)


def is_blocked(status: Raw) -> bool:
    return str(status.get("status") or "").lower() == "blocked"


def blocked_refusal(status: Raw) -> Response:
    """ML's answer to a seller writing in a blocked conversation. The reference says messaging "can be
    blocked by conversation_status" but gives no body or status code: this 403 is our guess (unsure)."""
    reason = status.get("substatus") or "blocked"
    return ml_json(
        {
            "message": f"The conversation is blocked for the seller ({reason})",
            "error": "forbidden",
            "status": 403,
            "cause": [],
        },
        403,
    )


def _find_message(sandbox: Sandbox, message_id: str, caller: int) -> Raw | None:
    for pack_id, thread in sandbox.world.kind("messages").items():
        for message in thread.get("messages", []):
            if message.get("id") == message_id and sandbox.world.seller_of("messages", pack_id) == caller:
                return message
    return None


async def get_message(request: Request, caller: Caller) -> Response:
    message = _find_message(sandbox_of(request), request.path_params["id"], caller.user_id)
    return ml_json(message) if message else not_found("Message not found")


async def get_unread(request: Request, caller: Caller) -> Response:
    sandbox = sandbox_of(request)
    results = []
    for pack_id, thread in sandbox.world.kind("messages").items():
        count = sum(
            1
            for m in thread.get("messages", [])
            if (m.get("to") or {}).get("user_id") == caller.user_id
            and (m.get("message_date") or {}).get("read") is None
        )
        if count:
            results.append({"resource": f"/packs/{pack_id}/sellers/{caller.user_id}", "count": count})
    return ml_json({"user_id": caller.user_id, "results": results})


# ---- claims, missed feeds -------------------------------------------------------------------


async def search_claims(request: Request, caller: Caller) -> Response:
    return ml_json(claim_search(sandbox_of(request).world, caller.user_id, request.query_params))


async def get_claim(request: Request, caller: Caller) -> Response:
    key = request.path_params["id"]
    return answer(owned(sandbox_of(request), "claims", key, caller, f"Claim {key} not found"))


async def missed_feeds(request: Request, caller: Caller) -> Response:
    sandbox, params = sandbox_of(request), request.query_params
    app_id = params.get("app_id")
    if not app_id:
        raise ParamError("app_id is required")
    if app_id != caller.client_id:
        return forbidden("the application does not belong to the caller")
    offset = int_param(params.get("offset"), 0, name="offset")
    limit = int_param(params.get("limit"), 10, name="limit")
    return ml_json(sandbox.notifier.missed_page(app_id, params.get("topic"), offset, limit))


ROUTES: list[Route] = [
    api("GET", "/questions/search", search_questions),
    api("GET", "/questions/{id}", get_question),
    api("POST", "/answers", post_answer),
    api("GET", "/messages/unread", get_unread),
    api("GET", "/messages/packs/{pack_id}/sellers/{seller_id}", get_thread),
    api("POST", "/messages/packs/{pack_id}/sellers/{seller_id}", post_message),
    api("GET", "/messages/{id}", get_message),
    api("GET", "/post-purchase/v1/claims/search", search_claims),
    api("GET", "/post-purchase/v1/claims/{id}", get_claim),
    api("GET", "/missed_feeds", missed_feeds),
]
