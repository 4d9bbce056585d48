"""``eraseCustomerData``: anonymise one buyer everywhere melihub holds them, keeping the financial facts.

The erasure writes a mark (``buyer_erasures``); the database's triggers (migration 0025) scrub every row of a
marked buyer whenever it is written. So erasing is: mark, then touch the buyer's rows so the triggers scrub
what is stored, then clean what no trigger guards (hub notifications' log, notification payloads, finished
export files that may name the buyer). A later re-sync or notification of the same order is scrubbed on its
way in. Amounts, dates, items, fees, statuses and ids are never touched: the sales, KPIs and buyer
rollups stay as they were.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.db.idempotent import table_of
from melihub.exports import storage
from melihub.exports.models import ExportKind, ExportStatus
from melihub.privacy.export import scope_params
from melihub.privacy.models import BuyerErasure
from melihub.privacy.scope import EVENTS_OF_BUYER, BuyerScope, buyer_scope, require_whole_company

# Touching a row (``SET x = x``) fires its erasure trigger, which scrubs it: the one definition of "scrubbed".
TOUCH: dict[str, str] = {
    "customers": "UPDATE customers t SET nickname = t.nickname WHERE t.id = :customer",
    "orders": "UPDATE orders t SET raw = t.raw WHERE t.id = ANY(:orders)",
    "shipments": "UPDATE shipments t SET raw = t.raw WHERE t.ml_id = ANY(:shipments)",
    "messages": "UPDATE messages t SET raw = t.raw WHERE t.ml_id = ANY(:messages)",
    "questions": "UPDATE questions t SET raw = t.raw WHERE t.ml_id = ANY(:questions)",
    "claims": "UPDATE claims t SET raw = t.raw WHERE t.ml_id = ANY(:claims)",
    "hubOrders": "UPDATE hub_orders t SET updated_at = t.updated_at WHERE t.id = ANY(:hub)",
    # The log of ready notifications sent: where to (masked) and the provider's error may name the recipient.
    "hubNotifications": "UPDATE hub_notifications t SET destination = NULL, last_error = NULL "
    "WHERE t.hub_order_id = ANY(:hub)",
    "integrationEvents": "UPDATE integration_events t SET payload = melihub_scrub_pii(t.payload), "
    f"last_error = NULL WHERE {EVENTS_OF_BUYER}",
}
# Files that list buyers' nicknames, question texts or receivers: dropped, as they may name this buyer.
NAMING_BUYERS = (ExportKind.ORDERS.value, ExportKind.QUESTIONS.value, ExportKind.SHIPMENTS.value)
_EXPIRE_EXPORTS = text(
    "UPDATE exports SET status = :expired, updated_at = :now WHERE status = :done AND kind = ANY(:kinds) RETURNING id"
)


@dataclass
class Erasure:
    customer_id: uuid.UUID
    erased_at: datetime
    rows: dict[str, int] = field(default_factory=dict)  # table (API name) → rows scrubbed
    exports_expired: int = 0


async def _mark(session: AsyncSession, scope: BuyerScope, principal: Principal, now: datetime) -> None:
    table = table_of(BuyerErasure)
    statement = insert(table).values(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        ml_user_id=scope.ml_user_id,
        erased_at=now,
        erased_by_user_id=principal.user_id,
    )
    # Erasing again (after an old copy came back from a backup, say) scrubs again; the mark keeps its first time.
    await session.exec(statement.on_conflict_do_nothing(index_elements=[table.c.tenant_id, table.c.ml_user_id]))


async def _expire_exports(session: AsyncSession, now: datetime) -> int:
    params = {"expired": ExportStatus.EXPIRED.value, "done": ExportStatus.DONE.value, "kinds": list(NAMING_BUYERS)}
    ids = [row[0] for row in (await session.exec(_EXPIRE_EXPORTS, params={**params, "now": now})).all()]  # type: ignore[call-overload]
    for export_id in ids:
        await storage.drop_chunks(session, export_id)
    return len(ids)


async def erase_customer(session: AsyncSession, principal: Principal, customer_id: uuid.UUID) -> Erasure:
    """Mark the buyer erased and scrub every stored row of theirs, in the caller's transaction."""
    principal.require(Permission.MANAGE_PERSONAL_DATA)
    scope = await buyer_scope(session, customer_id)  # NOT_FOUND first: another tenant's id says nothing more
    await require_whole_company(session, principal, customer_id)
    now = utcnow()
    await _mark(session, scope, principal, now)
    params = scope_params(scope)
    erasure = Erasure(customer_id=customer_id, erased_at=now)
    for name, sql in TOUCH.items():
        bound = {key: value for key, value in params.items() if f":{key}" in sql}
        result = await session.exec(text(sql), params=bound)  # type: ignore[call-overload]
        erasure.rows[name] = int(result.rowcount or 0)
    erasure.exports_expired = await _expire_exports(session, now)
    return erasure
