"""Recording who did what. Called inside the transaction of the change it records."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.audit.models import AuditEntry
from melihub.observability import current_request_id


async def record(
    session: AsyncSession,
    principal: Principal | None,
    action: str,
    *,
    tenant_id: uuid.UUID | None = None,
    target_type: str | None = None,
    target_id: object = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    tenant = tenant_id or (principal.tenant_id if principal else None)
    if tenant is None:
        raise ValueError("an audit entry needs a tenant")
    entry = AuditEntry(
        tenant_id=tenant,
        actor_user_id=principal.user_id if principal else None,
        actor_token_id=principal.api_token_id if principal else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        data=data or {},
        request_id=current_request_id(),
    )
    session.add(entry)
    await session.flush()
    return entry


async def recent(session: AsyncSession, limit: int = 50) -> list[AuditEntry]:
    result = await session.exec(select(AuditEntry).order_by(col(AuditEntry.created_at).desc()).limit(limit))
    return list(result.all())
