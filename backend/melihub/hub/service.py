"""The hub's flow, RECEBIDO → PRONTO → RETIRADO, and the actions the hub's staff take on an order.

An order enters PRONTO (``ready_at``) on its own once every precondition holds: not waiting on a mapping,
not closed by a terminal status, its label available, and every volume received with a shelf position.
Entering PRONTO creates its one ready notification (``ready:<order>`` is unique: replays, duplicates and
retries of the transaction cannot make a second); the worker sends it. ``confirm_pickup`` moves a PRONTO
order to RETIRADO after the receiver's document matches; any other move is a ``DomainError``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from melihub.accounts.permissions import Permission
from melihub.accounts.principal import Principal
from melihub.db.base import utcnow
from melihub.errors import DomainError
from melihub.hub.models import DeliveryStatus, HubNotification, HubOrder, HubStatus, HubVolume, VolumeStatus
from melihub.hub.privacy import digits
from melihub.hub.timeline import Step, record

HUB_ORDER_TYPE, HUB_VOLUME_TYPE = "HubOrder", "HubVolume"
READY, RESEND = "ready", "resend"


async def volumes_of(session: AsyncSession, hub_order_id: uuid.UUID) -> Sequence[HubVolume]:
    query = select(HubVolume).where(col(HubVolume.hub_order_id) == hub_order_id).order_by(col(HubVolume.number))
    return (await session.exec(query)).all()


def blockers(hub_order: HubOrder, volumes: Sequence[HubVolume]) -> list[str]:
    """What keeps the order from PRONTO (codes, empty when nothing does)."""
    found = []
    if hub_order.mapping_needed:
        found.append("MAPPING_NEEDED")
    if hub_order.closed:
        found.append("CLOSED")
    if not hub_order.label_ready:
        found.append("LABEL_NOT_READY")
    if not volumes:
        found.append("NO_VOLUMES")
    elif any(v.status != VolumeStatus.RECEBIDO.value or not v.position for v in volumes):
        found.append("VOLUMES_NOT_POSITIONED")
    return found


async def advance(session: AsyncSession, hub_order: HubOrder) -> bool:
    """Move a RECEBIDO order to PRONTO if it may now, with its ready notification; whether it moved."""
    if hub_order.status != HubStatus.RECEBIDO.value or blockers(hub_order, await volumes_of(session, hub_order.id)):
        return False
    now = utcnow()
    hub_order.status, hub_order.ready_at, hub_order.updated_at = HubStatus.PRONTO.value, now, now
    session.add(hub_order)
    await session.flush()
    await _notification(session, hub_order, READY, f"{READY}:{hub_order.id}")
    await record(
        session, hub_order.tenant_id, hub_order.id, Step.PROCESSED, "PRONTO", account_id=hub_order.meli_account_id
    )
    return True


async def _notification(
    session: AsyncSession, hub_order: HubOrder, reason: str, dedupe_key: str, created_by: uuid.UUID | None = None
) -> uuid.UUID | None:
    """Insert the notification unless its key exists; its id when inserted."""
    now = utcnow()
    statement = (
        insert(HubNotification)
        .values(
            id=uuid.uuid4(),
            tenant_id=hub_order.tenant_id,
            hub_order_id=hub_order.id,
            reason=reason,
            dedupe_key=dedupe_key,
            status=DeliveryStatus.PENDING.value,
            attempts=0,
            next_attempt_at=now,
            created_by=created_by,
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "dedupe_key"])
        .returning(col(HubNotification.id))
    )
    return (await session.exec(statement)).scalar_one_or_none()


async def _locked_order(session: AsyncSession, principal: Principal, hub_order_id: uuid.UUID) -> HubOrder:
    query = select(HubOrder).where(col(HubOrder.id) == hub_order_id).with_for_update()
    hub_order = (await session.exec(query)).first()
    if hub_order is None or (
        hub_order.meli_account_id is not None and not principal.sees_account(hub_order.meli_account_id)
    ):
        raise DomainError("no such hub order", field="id", code="NOT_FOUND")
    return hub_order


async def receive_volume(
    session: AsyncSession, principal: Principal, volume_id: uuid.UUID, position: str
) -> tuple[HubVolume, HubOrder]:
    """The volume is at the hub, on shelf ``position`` (again: moved to another shelf)."""
    principal.require(Permission.OPERATE)
    shelf = position.strip()
    if not shelf:
        raise DomainError("a shelf position is required", field="position", code="INVALID")
    volume = await session.get(HubVolume, volume_id)
    if volume is None:
        raise DomainError("no such volume", field="id", code="NOT_FOUND")
    hub_order = await _locked_order(session, principal, volume.hub_order_id)
    if hub_order.status == HubStatus.RETIRADO.value:
        raise DomainError("the order was already picked up", field="id", code="INVALID_TRANSITION")
    volume.status, volume.position = VolumeStatus.RECEBIDO.value, shelf
    volume.received_at = volume.received_at or utcnow()
    session.add(volume)
    await session.flush()
    await advance(session, hub_order)
    return volume, hub_order


async def confirm_pickup(
    session: AsyncSession, principal: Principal, hub_order_id: uuid.UUID, receiver_document: str
) -> HubOrder:
    """PRONTO → RETIRADO once the receiver's document matches the recipient's (when the hub holds one)."""
    principal.require(Permission.OPERATE)
    hub_order = await _locked_order(session, principal, hub_order_id)
    if hub_order.status != HubStatus.PRONTO.value:
        message = f"only a PRONTO order can be picked up (this one is {hub_order.status})"
        raise DomainError(message, field="id", code="INVALID_TRANSITION")
    given = digits(receiver_document)
    if not given:
        raise DomainError("the receiver's document is required", field="receiverDocument", code="INVALID")
    if hub_order.recipient_document and digits(hub_order.recipient_document) != given:
        raise DomainError(
            "the document does not match the recipient's", field="receiverDocument", code="DOCUMENT_MISMATCH"
        )
    now = utcnow()
    hub_order.status, hub_order.picked_up_at, hub_order.picked_up_by = HubStatus.RETIRADO.value, now, principal.user_id
    hub_order.updated_at = now
    session.add(hub_order)
    await session.flush()
    await record(
        session, hub_order.tenant_id, hub_order.id, Step.PROCESSED, "RETIRADO", account_id=hub_order.meli_account_id
    )
    return hub_order


async def resend_ready_notification(
    session: AsyncSession, principal: Principal, hub_order_id: uuid.UUID
) -> tuple[HubOrder, uuid.UUID]:
    """One more ready notification for a PRONTO order (audited); the new notification's id."""
    principal.require(Permission.OPERATE)
    hub_order = await _locked_order(session, principal, hub_order_id)
    if hub_order.status != HubStatus.PRONTO.value:
        message = f"only a PRONTO order is notified (this one is {hub_order.status})"
        raise DomainError(message, field="orderId", code="INVALID_TRANSITION")
    notification_id = await _notification(
        session, hub_order, RESEND, f"{RESEND}:{uuid.uuid4()}", created_by=principal.user_id
    )
    assert notification_id is not None  # a fresh key
    return hub_order, notification_id


async def set_recipient_email(
    session: AsyncSession, principal: Principal, hub_order_id: uuid.UUID, email: str | None
) -> HubOrder:
    """The address the hub was given for the ready e-mail (Mercado Livre shares none)."""
    principal.require(Permission.OPERATE)
    hub_order = await _locked_order(session, principal, hub_order_id)
    cleaned = (email or "").strip() or None
    if cleaned is not None and ("@" not in cleaned or " " in cleaned or len(cleaned) > 254):
        raise DomainError("not an e-mail address", field="email", code="INVALID")
    hub_order.recipient_email, hub_order.updated_at = cleaned, utcnow()
    session.add(hub_order)
    await session.flush()
    return hub_order
