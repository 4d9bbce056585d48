"""The recipient's document, for the pickup desk, from Mercado Livre's billing data of the hub order.

A worker job lists, across tenants, the open hub orders (RECEBIDO or PRONTO) of active accounts without a
document and not checked within ``CHECK_AGAIN_AFTER`` (``melihub_hub_documents_wanted``: ids only), and asks
``/orders/{id}/billing_info`` of each one's first order through its account's connector (within the
account's rate budget). A document found is stored as ML wrote it, digits and punctuation, and the board is
told; billing data ML does not give (most MLB orders) stamps ``document_checked_at`` so the order is not
asked again for ``CHECK_AGAIN_AFTER``; a failure (429, 5xx, 404, an open breaker…) changes nothing and the
next run asks again. The call happens outside any transaction. No log line carries the document.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import col, select

from melihub.connections.models import AccountStatus, MeliAccount
from melihub.db.base import utcnow
from melihub.db.unit import unit_of_work
from melihub.hub import flows
from melihub.hub.models import HubOrder, HubOrderLine, HubStatus
from melihub.hub.timeline import Step, record
from melihub.meli.billing import BillingIdentity
from melihub.meli.errors import MeliError
from melihub.observability import get_logger
from melihub.runtime import Services

CHECK_AGAIN_AFTER = timedelta(hours=6)
BATCH = 500  # hub orders listed per run; a run cut by its deadline leaves the rest to the next
OPEN = (HubStatus.RECEBIDO.value, HubStatus.PRONTO.value)
WANTED = "SELECT tenant_id, hub_order_id FROM melihub_hub_documents_wanted(:checked_before, :limit)"
log = get_logger("melihub.hub.recipients")


@dataclass(frozen=True)
class Ask:
    """What one billing call needs: the account to ask through and the order to ask about."""

    account: MeliAccount
    order_ml_id: int


async def _ask_for(services: Services, tenant_id: uuid.UUID, hub_order_id: uuid.UUID) -> Ask | None:
    """The account and first order of a hub order that still wants its document; None otherwise."""
    async with services.db.tenant(tenant_id) as session:
        hub_order = await session.get(HubOrder, hub_order_id)
        if hub_order is None or hub_order.recipient_document or hub_order.status not in OPEN:
            return None
        account = await session.get(MeliAccount, hub_order.meli_account_id) if hub_order.meli_account_id else None
        query = (
            select(HubOrderLine.order_ml_id)
            .where(col(HubOrderLine.hub_order_id) == hub_order_id)
            .order_by(col(HubOrderLine.order_ml_id), col(HubOrderLine.line_no))
            .limit(1)
        )
        order_ml_id = (await session.exec(query)).first()
    if account is None or account.status != AccountStatus.ACTIVE.value or order_ml_id is None:
        return None
    return Ask(account, order_ml_id)


async def _store(
    services: Services, tenant_id: uuid.UUID, hub_order_id: uuid.UUID, identity: BillingIdentity | None
) -> bool:
    """Record the answer (the document when there is one, the check either way); whether a document was stored."""
    async with unit_of_work(services.db, tenant_id) as work:
        hub_order = await work.session.get(HubOrder, hub_order_id, with_for_update=True)
        if hub_order is None or hub_order.recipient_document:
            return False  # gone, or filled meanwhile by another run
        now = utcnow()
        hub_order.document_checked_at = now
        if identity is not None:
            hub_order.recipient_document, hub_order.updated_at = identity.doc_number, now
        work.session.add(hub_order)
        await work.session.flush()
        if identity is None:
            return False
        # The document's type only: the number is personal data.
        message = f"recipient document ({identity.doc_type or 'document'}) from Mercado Livre's billing data"
        await record(
            work.session, tenant_id, hub_order.id, Step.PROCESSED, message, account_id=hub_order.meli_account_id
        )
        flows.after_commit(services, work, [hub_order], deliver=False)
    return True


async def fill_document(services: Services, tenant_id: uuid.UUID, hub_order_id: uuid.UUID) -> bool:
    """Ask ML for one hub order's recipient document; whether one was stored."""
    ask = await _ask_for(services, tenant_id, hub_order_id)
    if ask is None:
        return False
    if services.connector_factory is None:
        raise RuntimeError("no Mercado Livre connector: call connections.runtime.install_meli at start-up")
    try:
        identity = await services.connector_factory(ask.account).billing_identity(str(ask.order_ml_id))
    except MeliError as exc:  # the next run asks again
        log.warning(
            "hub.document.unavailable",
            hub_order=str(hub_order_id),
            error=type(exc).__name__,
            status=exc.status,
        )
        return False
    return await _store(services, tenant_id, hub_order_id, identity)


async def fill_documents(services: Services, *, deadline: float) -> int:
    """Fill the documents of every hub order that wants one, until ``deadline`` (monotonic); how many."""
    async with services.db.global_session() as session:
        params = {"checked_before": utcnow() - CHECK_AGAIN_AFTER, "limit": BATCH}
        wanted = (await session.exec(text(WANTED), params=params)).all()  # type: ignore[call-overload]
    filled = asked = 0
    for tenant_id, hub_order_id in wanted:
        if time.monotonic() >= deadline:
            break
        asked += 1
        filled += await fill_document(services, tenant_id, hub_order_id)
    if asked:
        log.info("hub.documents.checked", asked=asked, filled=filled, left=len(wanted) - asked)
    return filled
