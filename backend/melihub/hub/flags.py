"""Per-tenant feature flags (``integracao.ml.enabled``, ``hub.enabled``): off unless set on; audited."""

from __future__ import annotations

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.hub.models import FeatureFlag, Flag

FLAG_TYPE = "FeatureFlag"


def parse_flag(key: str) -> Flag:
    try:
        return Flag(key)
    except ValueError:
        known = ", ".join(flag.value for flag in Flag)
        raise DomainError(f"unknown feature flag {key!r} (known: {known})", field="key", code="UNKNOWN_FLAG") from None


async def flags_of(session: AsyncSession, tenant_id: uuid.UUID) -> dict[Flag, bool]:
    """Every known flag of the tenant, off where no row says on."""
    rows = (await session.exec(select(FeatureFlag).where(col(FeatureFlag.tenant_id) == tenant_id))).all()
    stored = {row.key: row.enabled for row in rows}
    return {flag: stored.get(flag.value, False) for flag in Flag}


async def hub_flow_enabled(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether Mercado Livre orders flow into the hub: both the integration and the hub are on."""
    flags = await flags_of(session, tenant_id)
    return flags[Flag.ML_INTEGRATION] and flags[Flag.HUB]


async def set_flag(session: AsyncSession, principal: Principal, key: str, enabled: bool) -> FeatureFlag:
    principal.require(Permission.MANAGE_TENANT)
    flag = parse_flag(key)
    query = select(FeatureFlag).where(col(FeatureFlag.tenant_id) == principal.tenant_id, FeatureFlag.key == flag.value)
    row = (await session.exec(query.with_for_update())).first()
    if row is None:
        row = FeatureFlag(tenant_id=principal.tenant_id, key=flag.value)
    row.enabled, row.updated_at, row.updated_by = enabled, utcnow(), principal.user_id
    session.add(row)
    await session.flush()
    return row
