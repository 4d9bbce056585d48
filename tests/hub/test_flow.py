"""Mercado Livre orders flow into the hub: created once, updated after, mapped, made PRONTO, handed over."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from melihub.accounts.models import Tenant, User
from melihub.connections.models import MeliAccount
from melihub.errors import DomainError
from melihub.hub import mappings, service
from melihub.hub.models import HubStatus, VolumeStatus
from melihub.runtime import Services
from tests.hub.world import (
    arrive,
    hub_on,
    hub_orders,
    lines_of,
    notifications_of,
    only_hub_order,
    order,
    shipment,
    volumes_of,
)
from tests.kpis.helpers import owner_of


async def _map(services: Services, account: MeliAccount, external: str = "CAN-AZUL", internal: str = "INT-1") -> None:
    async with services.db.tenant(account.tenant_id) as session:
        await mappings.set_sku_mapping(
            session, owner_of(account), channel="ML", external_sku=external, internal_sku=internal
        )


async def _receive(services: Services, account: MeliAccount, position: str = "A-01") -> None:
    hub_order = await only_hub_order(services.db, account)
    [volume] = await volumes_of(services.db, account, hub_order)
    async with services.db.tenant(account.tenant_id) as session:
        await service.receive_volume(session, owner_of(account), volume.id, position)


async def test_nothing_flows_while_the_flags_are_off(services: Services, meli_account_a: MeliAccount) -> None:
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2000001)))
    assert await hub_orders(services.db, meli_account_a) == []


async def test_an_order_is_created_once_then_updated(services: Services, meli_account_a: MeliAccount) -> None:
    await hub_on(services.db, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment(substatus="invoice_pending")))
    await arrive(services.db, meli_account_a, ("order", order(2000001)), ("order", order(2000001)))  # a replay

    created = await only_hub_order(services.db, meli_account_a)
    assert (created.code, created.status, created.external_status) == ("2000001", HubStatus.RECEBIDO.value, "paid")
    assert created.recipient_name == "João Pereira da Silva" and created.recipient_phone == "+55 11 98765-4321"
    assert created.label_ready is False
    [line] = await lines_of(services.db, meli_account_a, created)
    assert (line.external_sku, line.quantity, line.internal_sku) == ("CAN-AZUL", 2, None)
    [volume] = await volumes_of(services.db, meli_account_a, created)
    assert (volume.weight_grams, volume.dimensions, volume.external_label) == (520, "12x10x28", "45000000001")
    assert volume.status == VolumeStatus.PENDENTE.value

    await arrive(services.db, meli_account_a, ("shipment", shipment(version=2)))  # the label is out now
    updated = await only_hub_order(services.db, meli_account_a)
    assert updated.id == created.id and updated.label_ready is True
    assert len(await lines_of(services.db, meli_account_a, updated)) == 1


async def test_an_order_delivered_before_the_hub_knew_it_stays_out(
    services: Services, meli_account_a: MeliAccount
) -> None:
    await hub_on(services.db, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment(status="delivered", substatus=None)))
    await arrive(services.db, meli_account_a, ("order", order(2000002)))
    assert await hub_orders(services.db, meli_account_a) == []


async def test_an_unmapped_sku_holds_the_order_until_its_mapping_is_added(
    services: Services, meli_account_a: MeliAccount
) -> None:
    await hub_on(services.db, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2000003)))
    await _receive(services, meli_account_a)

    waiting = await only_hub_order(services.db, meli_account_a)
    assert waiting.mapping_needed == "CAN-AZUL" and waiting.status == HubStatus.RECEBIDO.value

    await _map(services, meli_account_a)
    released = await only_hub_order(services.db, meli_account_a)
    assert released.mapping_needed is None
    assert released.status == HubStatus.PRONTO.value  # label out and volume on its shelf: ready at once
    assert [line.internal_sku for line in await lines_of(services.db, meli_account_a, released)] == ["INT-1"]


async def test_pronto_once_every_volume_is_on_a_shelf_with_exactly_one_notification(
    services: Services, meli_account_a: MeliAccount
) -> None:
    await hub_on(services.db, meli_account_a)
    await _map(services, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2000004)))
    assert (await only_hub_order(services.db, meli_account_a)).status == HubStatus.RECEBIDO.value  # not on a shelf

    await _receive(services, meli_account_a, "B-07")
    ready = await only_hub_order(services.db, meli_account_a)
    assert ready.status == HubStatus.PRONTO.value and ready.ready_at is not None
    for replay in (("order", order(2000004)), ("shipment", shipment(version=3)), ("order", order(2000004, version=2))):
        await arrive(services.db, meli_account_a, replay)
    await _receive(services, meli_account_a, "B-08")  # moved to another shelf
    [notification] = await notifications_of(services.db, meli_account_a)
    assert (notification.reason, notification.status) == ("ready", "PENDING")


async def test_pickup_needs_a_pronto_order_and_the_recipients_document(
    services: Services, meli_account_a: MeliAccount, tenant_a: tuple[Tenant, User]
) -> None:
    await hub_on(services.db, meli_account_a)
    await _map(services, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2000005)))
    hub_order = await only_hub_order(services.db, meli_account_a)
    owner = replace(owner_of(meli_account_a), user_id=tenant_a[1].id)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        document = text("UPDATE hub_orders SET recipient_document = '123.456.789-09' WHERE id = :id")
        await session.exec(document, params={"id": hub_order.id})  # type: ignore[call-overload]
    with pytest.raises(DomainError) as early:
        async with services.db.tenant(meli_account_a.tenant_id) as session:
            await service.confirm_pickup(session, owner, hub_order.id, "12345678909")
    assert early.value.code == "INVALID_TRANSITION"

    await _receive(services, meli_account_a)
    with pytest.raises(DomainError) as wrong:
        async with services.db.tenant(meli_account_a.tenant_id) as session:
            await service.confirm_pickup(session, owner, hub_order.id, "111.111.111-11")
    assert (wrong.value.code, wrong.value.field) == ("DOCUMENT_MISMATCH", "receiverDocument")
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        picked = await service.confirm_pickup(session, owner, hub_order.id, "123.456.789-09")
    assert picked.status == HubStatus.RETIRADO.value and picked.picked_up_at is not None
    assert picked.picked_up_by == tenant_a[1].id

    with pytest.raises(DomainError) as again:
        async with services.db.tenant(meli_account_a.tenant_id) as session:
            await service.confirm_pickup(session, owner, hub_order.id, "123.456.789-09")
    assert again.value.code == "INVALID_TRANSITION"


async def test_a_resend_makes_one_more_notification(services: Services, meli_account_a: MeliAccount) -> None:
    await hub_on(services.db, meli_account_a)
    await _map(services, meli_account_a)
    await arrive(services.db, meli_account_a, ("shipment", shipment()), ("order", order(2000006)))
    await _receive(services, meli_account_a)
    hub_order = await only_hub_order(services.db, meli_account_a)
    async with services.db.tenant(meli_account_a.tenant_id) as session:
        await service.resend_ready_notification(session, owner_of(meli_account_a), hub_order.id)
    assert [n.reason for n in await notifications_of(services.db, meli_account_a)] == ["ready", "resend"]
