"""The change kinds a subscription may ask for: the ones melihub already publishes on its realtime bus.

Each event names the bus's change types behind it and the GraphQL type whose global id ``data.id`` is,
so an integrator fetches the object itself with ``node(id)`` (the webhook says *what* changed, not how).
"""

from __future__ import annotations

from enum import StrEnum

from melihub.globalids import global_id_text
from melihub.realtime.bus import Change


class WebhookEvent(StrEnum):
    ORDER_CHANGED = "orderChanged"
    LISTING_CHANGED = "listingChanged"
    SHIPMENT_CHANGED = "shipmentChanged"
    QUESTION_CHANGED = "questionChanged"
    MESSAGE_CHANGED = "messageChanged"
    CLAIM_CHANGED = "claimChanged"
    MELI_ACCOUNT_CHANGED = "meliAccountChanged"


# bus change type -> (event, GraphQL type of its id)
CHANGE_EVENTS: dict[str, tuple[WebhookEvent, str]] = {
    "order": (WebhookEvent.ORDER_CHANGED, "Order"),
    "listing": (WebhookEvent.LISTING_CHANGED, "Listing"),
    "shipment": (WebhookEvent.SHIPMENT_CHANGED, "Shipment"),
    "question": (WebhookEvent.QUESTION_CHANGED, "Question"),
    "message": (WebhookEvent.MESSAGE_CHANGED, "ConversationMessage"),
    "conversation": (WebhookEvent.MESSAGE_CHANGED, "Conversation"),
    "claim": (WebhookEvent.CLAIM_CHANGED, "Claim"),
    "meli_account": (WebhookEvent.MELI_ACCOUNT_CHANGED, "MeliAccount"),
}


def event_of(change: Change) -> WebhookEvent | None:
    found = CHANGE_EVENTS.get(change.type)
    return found[0] if found else None


def data_of(change: Change) -> dict[str, str | None]:
    """What the payload's ``data`` says of a change: ids an integrator can query, and the version."""
    _, type_name = CHANGE_EVENTS[change.type]
    account = global_id_text("MeliAccount", change.meli_account_id) if change.meli_account_id else None
    return {
        "type": type_name,
        "id": global_id_text(type_name, change.id),
        "version": change.version,
        "meliAccountId": account,
    }


def dedupe_key(change: Change) -> str | None:
    """The same version of the same object is one delivery; a change without a version is never merged."""
    return f"{change.type}:{change.id}:{change.version}" if change.version else None
