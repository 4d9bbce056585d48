"""A generated world for sync tests, dated up to now, and linking every one of its sellers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from tests.conftest import link_seller


def sellers_of(truth: dict[str, Any]) -> list[tuple[int, str]]:
    return [(int(uid), user["site_id"]) for uid, user in truth["users"].items() if user.get("site_id")]


async def link_every_seller(http: Any, sandbox: Any, services: Any, tenant_id: uuid.UUID) -> dict[int, uuid.UUID]:
    """Link each seller of the sandbox to the tenant; ``ml user id → our account id``."""
    for seller, site in sellers_of(sandbox.export()):
        response = await link_seller(http, sandbox, seller, site=site)
        assert response.status_code == 200, response.text
    async with services.db.tenant(tenant_id) as session:
        rows = (await session.exec(text("SELECT ml_user_id, id FROM meli_accounts"))).all()
    return {int(ml_user_id): account_id for ml_user_id, account_id in rows}


def generated(orders: int, *, seed: int, burst: float = 0.0, days: float = 90) -> Any:
    from melihub.sandbox.generate import generate_world

    return generate_world(orders, seed=seed, now=datetime.now(UTC), days=days, burst=burst)
