"""Post-sale messages (``GET /messages/{id}?tag=post_sale``), applied idempotently.

ML gives a message no last-updated time: its version is the latest of its dates (created, read,
moderated…) plus a digest of the payload. Each stored change recounts the message's conversation.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult, Version, apply_resource, content_version, latest
from melihub.meli.values import as_dict, as_int, dig, external_id, ml_time
from melihub.messages.conversations import refresh_conversation
from melihub.messages.models import Message

ENTITY = "message"
KEY_TYPE = "MESSAGE"


def pack_of(raw: dict[str, Any]) -> int | None:
    """The thread the message belongs to: its pack, or its order when the sale has no pack."""
    resources = [as_dict(r) for r in raw.get("message_resources") or []]
    for name in ("packs", "orders"):
        found = next((as_int(r.get("id")) for r in resources if r.get("name") == name), None)
        if found is not None:
            return found
    return None


def message_values(raw: dict[str, Any]) -> dict[str, Any]:
    dates = as_dict(raw.get("message_date"))
    return {
        "pack_ml_id": pack_of(raw),
        "from_ml_user_id": as_int(dig(raw, "from", "user_id")),
        "to_ml_user_id": as_int(dig(raw, "to", "user_id")),
        "text": str(raw.get("text") or ""),
        "status": raw.get("status"),
        "date_created": ml_time(dates.get("created")) or ml_time(dates.get("received")),
        "read_at": ml_time(dates.get("read")),
    }


def message_version(raw: dict[str, Any]) -> Version:
    dates = as_dict(raw.get("message_date"))
    moderated = dig(raw, "message_moderation", "moderation_date")
    return content_version(raw, latest(*dates.values(), moderated))


async def apply_message(
    session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
) -> ApplyResult:
    """Upsert one message of a thread; an older state never replaces a newer one."""
    values = message_values(raw)
    result = await apply_resource(
        session,
        account,
        Message,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=external_id(raw, "message"),
        raw=raw,
        version=message_version(raw),
        values=values,
        event_id=event_id,
    )
    if result.changed and values["pack_ml_id"] is not None:
        await refresh_conversation(session, account, values["pack_ml_id"])
    return result
