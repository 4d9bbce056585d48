"""Recording who did what. Called inside the transaction of the change it records.

Each row is the next link of its tenant's hash chain (``melihub.audit.chain``). Taking the next link
locks the tenant's chain head until the transaction ends, so concurrent changes of one tenant queue
for their audit rows instead of forking the chain; record as the last write of a change.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.principal import Principal
from melihub.audit.chain import row_hash, sanitized
from melihub.audit.models import AuditEntry
from melihub.db.base import utcnow
from melihub.observability import current_request_id

# ON CONFLICT DO UPDATE locks the head row and, under READ COMMITTED, sees the last committed link even
# when it had to wait for it. RETURNING gives the new seq and the hash not yet replaced: the previous one.
NEXT_LINK = text(
    "INSERT INTO audit_chain_heads AS h (id, tenant_id, seq, hash) VALUES (:id, :tenant, 1, NULL) "
    "ON CONFLICT (tenant_id) DO UPDATE SET seq = h.seq + 1 RETURNING h.seq, h.hash"
)
SET_HEAD = text("UPDATE audit_chain_heads SET hash = :hash WHERE tenant_id = :tenant AND seq = :seq")


async def record(
    session: AsyncSession,
    principal: Principal | None,
    action: str,
    *,
    tenant_id: uuid.UUID | None = None,
    target_type: str | None = None,
    target_id: object = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
    actor_user_id: uuid.UUID | None = None,
) -> AuditEntry:
    """Append one row to the tenant's audit chain; secrets in ``before``/``after``/``data`` are redacted."""
    tenant = tenant_id or (principal.tenant_id if principal else None)
    if tenant is None:
        raise ValueError("an audit entry needs a tenant")
    claim = {"id": uuid.uuid4(), "tenant": tenant}
    link = (await session.exec(NEXT_LINK, params=claim)).one()  # type: ignore[call-overload]
    entry = AuditEntry(
        tenant_id=tenant,
        actor_user_id=(principal.user_id if principal else None) or actor_user_id,
        actor_token_id=principal.api_token_id if principal else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        before=sanitized(before),
        after=sanitized(after),
        data=sanitized(data) or {},
        ip=ip,
        user_agent=user_agent,
        request_id=current_request_id(),
        # Stamped once the chain is ours, so time order follows chain order.
        created_at=utcnow(),
        seq=link.seq,
        prev_hash=link.hash,
    )
    entry.hash = row_hash(entry)
    session.add(entry)
    await session.flush()
    head = {"hash": entry.hash, "tenant": tenant, "seq": entry.seq}
    await session.exec(SET_HEAD, params=head)  # type: ignore[call-overload]
    return entry


async def recent(session: AsyncSession, limit: int = 50) -> list[AuditEntry]:
    result = await session.exec(select(AuditEntry).order_by(col(AuditEntry.created_at).desc()).limit(limit))
    return list(result.all())
