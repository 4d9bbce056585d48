"""Post-purchase claims (``GET /post-purchase/v1/claims/{id}``), applied idempotently."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.claims.models import Claim
from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult, apply_resource, version_of
from melihub.meli.values import as_dict, as_int, ml_int_id, ml_time

ENTITY = "claim"
KEY_TYPE = "CLAIM"


def players(raw: dict[str, Any]) -> list[dict[str, Any]]:
    found = raw.get("players")
    return [as_dict(player) for player in found] if isinstance(found, list) else []


def seller_actions(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """What the seller (the respondent) may or must do next, as Mercado Livre lists it."""
    actions: list[dict[str, Any]] = []
    for player in players(raw):
        listed = player.get("available_actions")
        if player.get("role") == "respondent" and player.get("type") == "seller" and isinstance(listed, list):
            actions.extend(action for action in listed if isinstance(action, dict))
    return actions


def claim_values(raw: dict[str, Any]) -> dict[str, Any]:
    dues = [due for due in (ml_time(action.get("due_date")) for action in seller_actions(raw)) if due is not None]
    buyer = next(
        (p.get("user_id") for p in players(raw) if p.get("role") == "complainant" and p.get("type") == "buyer"), None
    )
    return {
        "resource": raw.get("resource"),
        "resource_id": as_int(raw.get("resource_id")),
        "status": str(raw.get("status") or "unknown"),
        "stage": raw.get("stage"),
        "type": raw.get("type"),
        "reason_id": raw.get("reason_id"),
        "date_created": ml_time(raw.get("date_created")),
        "due_at": min(dues, default=None),
        "buyer_ml_id": as_int(buyer),
    }


async def apply_claim(
    session: AsyncSession, account: MeliAccount, raw: dict[str, Any], *, event_id: uuid.UUID | None = None
) -> ApplyResult:
    """Upsert the claim; an older version never replaces a newer one."""
    return await apply_resource(
        session,
        account,
        Claim,
        entity_type=ENTITY,
        key_type=KEY_TYPE,
        ml_id=ml_int_id(raw, "claim"),
        raw=raw,
        version=version_of(raw, "last_updated", "date_last_updated"),
        values=claim_values(raw),
        event_id=event_id,
    )
