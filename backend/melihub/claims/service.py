"""Post-purchase claims (``GET /post-purchase/v1/claims/{id}``), applied idempotently."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.claims.models import Claim
from melihub.connections.models import MeliAccount
from melihub.db.idempotent import ApplyResult, apply_resource, version_of
from melihub.meli.values import as_int, ml_int_id, ml_time

ENTITY = "claim"
KEY_TYPE = "CLAIM"


def claim_values(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "resource": raw.get("resource"),
        "resource_id": as_int(raw.get("resource_id")),
        "status": str(raw.get("status") or "unknown"),
        "stage": raw.get("stage"),
        "type": raw.get("type"),
        "reason_id": raw.get("reason_id"),
        "date_created": ml_time(raw.get("date_created")),
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
