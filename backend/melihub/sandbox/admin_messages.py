"""The sandbox's control of post-sale threads under ``/_sandbox/messages/`` (not part of ML).

* ``POST /_sandbox/messages/{pack_id}/buyer {"text"}``: the pack's buyer writes in the thread (as on
  Mercado Livre's site); the seller gets the ``messages`` notification, whose resource is the bare hex
  message id (reference §3.3).
* ``PUT /_sandbox/messages/{pack_id}/status {"status", "substatus"}``: set the thread's
  ``conversation_status`` (``blocked`` makes the seller's ``POST`` fail).

``pack_id`` is the thread's id: the pack, or the order of a sale without pack.
"""

from __future__ import annotations

import copy
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from melihub.sandbox.api_comms import thread_of
from melihub.sandbox.mutations import Invalid, new_buyer_message
from melihub.sandbox.service import Sandbox, sandbox_of
from melihub.sandbox.world import Raw, iso_ml


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _body(request: Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _buyer_of(sandbox: Sandbox, pack_id: str) -> int | None:
    """The pack's buyer, or the order's when the thread is an order's."""
    pack = sandbox.world.get("packs", pack_id) or {}
    order = sandbox.world.get("orders", pack_id)
    if order is None and pack.get("orders"):
        order = sandbox.world.get("orders", pack["orders"][0].get("id"))
    found = (pack.get("buyer") or {}).get("id") or ((order or {}).get("buyer") or {}).get("id")
    return int(found) if found is not None else None


def _thread(sandbox: Sandbox, pack_id: str) -> tuple[int, Raw] | None:
    seller = sandbox.world.seller_of("messages", pack_id)
    thread = thread_of(sandbox, pack_id, seller) if seller is not None else None
    return (seller, copy.deepcopy(thread)) if seller is not None and thread is not None else None


async def buyer_message(request: Request) -> Response:
    sandbox, pack_id = sandbox_of(request), request.path_params["pack_id"]
    body = await _body(request)
    if body is None:
        return _error(400, "body must be a JSON object with text")
    found = _thread(sandbox, pack_id)
    buyer = body.get("buyer_id") or _buyer_of(sandbox, pack_id)
    if found is None or buyer is None:
        return _error(404, f"no sale with pack or order id {pack_id}")
    seller, thread = found
    template = thread["messages"][-1] if thread["messages"] else None
    try:
        message = new_buyer_message(template, pack_id, seller, int(buyer), body.get("text"))
    except Invalid as exc:
        return JSONResponse(exc.body, status_code=400)
    thread["messages"].append(message)
    sandbox.world.put("messages", pack_id, thread)
    note = sandbox.notifier.notify(seller, "messages", message["id"], actions=["created"])
    return JSONResponse({"message": message, "notified": note is not None}, status_code=201)


async def conversation_status(request: Request) -> Response:
    sandbox, pack_id = sandbox_of(request), request.path_params["pack_id"]
    body = await _body(request)
    if body is None or not isinstance(body.get("status"), str):
        return _error(400, "body must be a JSON object with status (e.g. active, blocked)")
    found = _thread(sandbox, pack_id)
    if found is None:
        return _error(404, f"no sale with pack or order id {pack_id}")
    _, thread = found
    status = thread["conversation_status"]
    status.update({"status": body["status"], "substatus": body.get("substatus"), "status_date": iso_ml()})
    sandbox.world.put("messages", pack_id, thread)
    return JSONResponse(status)


ROUTES: list[Route] = [
    Route("/_sandbox/messages/{pack_id}/buyer", buyer_message, methods=["POST"]),
    Route("/_sandbox/messages/{pack_id}/status", conversation_status, methods=["PUT"]),
]
