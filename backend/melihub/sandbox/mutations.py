"""State changes ML applies to resources (item writes, answers, messages, timestamps)."""

from __future__ import annotations

import copy
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from melihub.sandbox.world import Raw, iso_ml, iso_z, parse_time

ANSWER_MAX = 2000
SELLER_MESSAGE_MAX = 350
BUYER_MESSAGE_MAX = 3500  # buyer_max_message_length (reference §9)
BUYER_CLIENT_ID = 123456789  # ML's own site, as the fixture's buyer message names it
ITEM_STATUSES = ("active", "paused", "closed")
MAX_TITLE = 60
_TIME_KEYS: dict[str, tuple[str, ...]] = {
    "items": ("last_updated",),
    "orders": ("last_updated", "date_last_updated"),
    "shipments": ("last_updated",),
    "packs": ("last_updated",),
    "claims": ("last_updated",),
    "descriptions": ("last_updated",),
}


class Invalid(ValueError):
    """A write ML refuses with 400; ``body`` is ML's error body."""

    def __init__(self, body: Raw) -> None:
        super().__init__(body.get("message", "invalid"))
        self.body = body


def _cause(code: str, reference: str, message: str) -> Invalid:
    return Invalid(
        {
            "message": "Validation error",
            "error": "validation_error",
            "status": 400,
            "cause": [
                {
                    "department": "items",
                    "cause_id": 361,
                    "type": "error",
                    "code": code,
                    "references": [reference],
                    "message": message,
                }
            ],
        }
    )


def bump(kind: str, raw: Raw) -> None:
    """Move the resource's last-updated stamp(s) to now, strictly after the previous value."""
    for key in _TIME_KEYS.get(kind, ()):
        if key not in raw and key != "last_updated":
            continue
        previous = parse_time(raw.get(key))
        moment = datetime.now(UTC)
        if previous is not None and moment <= previous:
            moment = previous + timedelta(milliseconds=1)
        raw[key] = iso_z(moment) if kind == "items" else iso_ml(moment)


# ---- items ----------------------------------------------------------------------------------


def _min_price(item: Raw) -> float:
    return 8.0 if item.get("currency_id") == "BRL" else 1.0


def _check_price(item: Raw, value: Any, reference: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _cause("item.price.invalid", reference, "The price must be a number")
    try:
        price = float(value)
    except ValueError:
        raise _cause("item.price.invalid", reference, "The price must be a number") from None
    minimum = _min_price(item)
    if price < minimum:
        raise _cause("item.price.invalid", reference, f"The price must be greater than or equal to {minimum:g}")
    return price


def _check_quantity(value: Any, reference: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _cause("item.available_quantity.invalid", reference, "available_quantity must be an integer >= 0")
    return value


def _merge_variations(item: Raw, wanted: Any) -> None:
    if not isinstance(wanted, list):
        raise _cause("item.variations.invalid", "item.variations", "variations must be a list")
    existing = {int(v["id"]): v for v in item.get("variations") or []}
    next_id = max([*existing, 180000000000]) + 1
    merged: list[Raw] = []
    for change in wanted:
        if not isinstance(change, dict):
            raise _cause("item.variations.invalid", "item.variations", "each variation must be an object")
        base = existing.get(int(change["id"])) if change.get("id") is not None else None
        if change.get("id") is not None and base is None:
            raise _cause("item.variations.invalid", "item.variations.id", f"variation {change['id']} not found")
        variation = copy.deepcopy(base) if base else {"id": next_id, "sold_quantity": 0, "attribute_combinations": []}
        next_id += 0 if base else 1
        for key, value in change.items():
            if key == "available_quantity":
                value = _check_quantity(value, "item.variations.available_quantity")
            elif key == "price":
                value = _check_price(item, value, "item.variations.price")
            variation[key] = value
        merged.append(variation)
    item["variations"] = merged
    # One price for all variations of an item; "only the highest price will be seen … and will also be
    # taken into account at the time the payment is made" (ML's variations guide, reference §13). We
    # read that as: different prices are not refused, the highest becomes every variation's and the
    # item's (unsure: ML may keep each variation's own number and only show and charge the highest).
    prices = [float(v["price"]) for v in merged if v.get("price") is not None]
    if prices:
        item["price"] = item["base_price"] = max(prices)
        for variation in merged:
            variation["price"] = max(prices)
    item["available_quantity"] = sum(int(v.get("available_quantity") or 0) for v in merged)


def _check_title(item: Raw, title: Any) -> None:
    """Reference §13: once an item has sales its title cannot change (the cause's code and wording are
    unsure: ML's pages say only that it is refused)."""
    if not isinstance(title, str) or not 0 < len(title.strip()) <= MAX_TITLE:
        raise _cause("item.title.length.invalid", "item.title", f"title must have 1 to {MAX_TITLE} characters")
    if title != item.get("title") and int(item.get("sold_quantity") or 0) > 0:
        raise _cause("item.title.not_modifiable", "item.title", "You cannot modify the title if the item has sales")


def update_item(item: Raw, changes: Raw) -> Raw:
    """Apply a ``PUT /items/{id}`` body to a copy of ``item``; raises :class:`Invalid`."""
    item = copy.deepcopy(item)
    status = changes.get("status")
    if status is not None and status not in ITEM_STATUSES:
        raise _cause("item.status.invalid", "item.status", f"Invalid status {status}")
    edits = set(changes) - {"status", "deleted"}
    if item.get("status") == "closed" and (edits or status not in (None, "closed")):
        # Reference §13: a closed item cannot be reactivated, only relisted; edits need it active or paused
        # (which field ML names in the cause for a price edit of a closed item is unsure: we say status).
        raise _cause("item.status.invalid", "item.status", "A closed item cannot be modified")
    if "title" in changes:
        _check_title(item, changes["title"])
    if "variations" in changes:
        _merge_variations(item, changes["variations"])
    if "available_quantity" in changes:
        if item.get("variations") and "variations" not in changes:
            raise _cause(
                "item.available_quantity.invalid",
                "item.available_quantity",
                "Items with variations take their stock from variations",
            )
        item["available_quantity"] = _check_quantity(changes["available_quantity"], "item.available_quantity")
    if "price" in changes:
        price = _check_price(item, changes["price"], "item.price")
        item["price"] = item["base_price"] = price
        for variation in item.get("variations") or []:
            variation["price"] = price
    for key, value in changes.items():
        if key not in ("variations", "available_quantity", "price", "status", "deleted", "id", "seller_id"):
            item[key] = value
    _apply_status(item, status, changes.get("deleted"))
    return item


def _apply_status(item: Raw, status: str | None, deleted: Any) -> None:
    """Stock 0 pauses an active item (``out_of_stock``); stock back reactivates it (reference §5.1)."""
    previous = item.get("status")
    was_out = "out_of_stock" in (item.get("sub_status") or [])
    sub = [s for s in item.get("sub_status") or [] if s != "out_of_stock"]
    stock = int(item.get("available_quantity") or 0)
    if status == "closed" or (status is None and previous == "closed"):
        item["status"] = "closed"
        if str(deleted).lower() == "true" and "deleted" not in sub:
            sub.append("deleted")
    elif stock == 0 and (status == "active" or (status is None and (previous == "active" or was_out))):
        item["status"] = "paused"
        sub.append("out_of_stock")
    elif status is None and was_out:
        item["status"] = "active"
    elif status is not None:
        item["status"] = status
    item["sub_status"] = sub


# ---- questions, messages --------------------------------------------------------------------


# Every refused answer is a 400 (reference §8: "answering an already answered question → 400"); the
# messages are ours (the reference gives no bodies), so melihub must not rely on their wording.
ANSWER_REFUSALS = {
    "ANSWERED": "The question is already answered",
    "CLOSED_UNANSWERED": "The question can no longer be answered: its item is closed",
    "DELETED": "The question was deleted",
    "BANNED": "The question was banned and cannot be answered",
}


def answer_question(question: Raw, text: Any, too_long: Raw) -> Raw:
    if not isinstance(text, str) or not text.strip():
        raise Invalid({"message": "text is required", "error": "bad_request", "status": 400, "cause": []})
    if len(text) > ANSWER_MAX:
        raise Invalid(too_long)
    status = question.get("status")
    if status != "UNANSWERED":
        message = ANSWER_REFUSALS.get(str(status), f"A question with status {status} cannot be answered")
        raise Invalid({"message": message, "error": "bad_request", "status": 400, "cause": []})
    question = copy.deepcopy(question)
    question["status"] = "ANSWERED"
    question["answer"] = {"text": text, "status": "ACTIVE", "date_created": iso_ml()}
    return question


def _too_long(limit: int) -> Invalid:
    return Invalid(
        {
            "message": f"The text exceeds the maximum length of {limit} characters",
            "error": "bad_request",
            "status": 400,
            "cause": [],
        }
    )


def _message(
    template: Raw | None, pack_id: str, seller_id: int, sender: int, to_user: int, text: str, client: int
) -> Raw:
    """A message of the pack's thread as ML stores it (a template copies the thread's site and shape)."""
    now = iso_z()
    message: Raw = copy.deepcopy(template) if template else {"site_id": None, "message_attachments": None}
    message.update(
        {
            "id": secrets.token_hex(16),
            "client_id": client,
            "from": {"user_id": sender},
            "to": {"user_id": int(to_user)},
            "status": "available",
            "text": text,
            "message_date": {"received": now, "available": now, "notified": now, "created": now, "read": None},
            "message_moderation": {"status": "clean", "reason": None, "source": "online", "moderation_date": now},
            "message_resources": [{"id": str(pack_id), "name": "packs"}, {"id": str(seller_id), "name": "sellers"}],
            "conversation_first_message": template is None,
        }
    )
    return message


def new_message(template: Raw | None, pack_id: str, seller_id: int, body: Raw, app_id: int) -> Raw:
    """The seller's ``POST`` to the thread: ``text`` (at most 350 characters) to ``to.user_id``."""
    text = body.get("text")
    to_user = (body.get("to") or {}).get("user_id")
    if not isinstance(text, str) or not text.strip() or to_user is None:
        raise Invalid(
            {"message": "text and to.user_id are required", "error": "bad_request", "status": 400, "cause": []}
        )
    if len(text) > SELLER_MESSAGE_MAX:
        raise _too_long(SELLER_MESSAGE_MAX)
    return _message(template, pack_id, seller_id, seller_id, int(to_user), text, app_id)


def new_buyer_message(template: Raw | None, pack_id: str, seller_id: int, buyer_id: int, text: Any) -> Raw:
    """What a buyer writes in the thread from Mercado Livre's site (at most 3,500 characters)."""
    if not isinstance(text, str) or not text.strip():
        raise Invalid({"message": "text is required", "error": "bad_request", "status": 400, "cause": []})
    if len(text) > BUYER_MESSAGE_MAX:
        raise _too_long(BUYER_MESSAGE_MAX)
    return _message(template, pack_id, seller_id, buyer_id, seller_id, text, BUYER_CLIENT_ID)
