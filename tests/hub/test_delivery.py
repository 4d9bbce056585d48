"""Ready notifications reach the buyer once, through a real SMTP server and a real HTTP provider stand-in,
retried with backoff when the provider fails, and tried again when a worker died holding one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from sqlalchemy import text

from melihub.config import Settings
from melihub.connections.models import MeliAccount
from melihub.db.engine import Database
from melihub.hub import delivery, hub_settings, mappings, service
from melihub.hub.models import HubOrder
from melihub.runtime import Services
from melihub.testing.http_receiver import HttpReceiver, Reply
from melihub.testing.smtp_server import TEMPORARY_FAILURE, LocalSmtpServer
from tests.hub.world import arrive, hub_on, notifications_of, only_hub_order, order, shipment, volumes_of
from tests.kpis.helpers import owner_of

HUB = {
    "name": "Hub Vila Mariana",
    "address": "Rua Domingos de Morais 1200, São Paulo",
    "pickup_hours": "seg-sex 9h-18h",
}


async def _pronto(services: Services, account: MeliAccount, *, email: str | None = "joao@example.com") -> HubOrder:
    """A PRONTO order whose recipient has a phone (from the shipment) and, unless None, an e-mail."""
    await hub_on(services.db, account)
    owner = owner_of(account)
    async with services.db.tenant(account.tenant_id) as session:
        await mappings.set_sku_mapping(session, owner, channel="ML", external_sku="CAN-AZUL", internal_sku="INT-1")
        await hub_settings.update_settings(session, owner, services.keyring, **HUB)
    await arrive(services.db, account, ("shipment", shipment()), ("order", order(2200001)))
    hub_order = await only_hub_order(services.db, account)
    [volume] = await volumes_of(services.db, account, hub_order)
    async with services.db.tenant(account.tenant_id) as session:
        if email:
            await service.set_recipient_email(session, owner, hub_order.id, email)
        await service.receive_volume(session, owner, volume.id, "A-01")
    return await only_hub_order(services.db, account)


async def _company_smtp(services: Services, account: MeliAccount, url: str) -> None:
    async with services.db.tenant(account.tenant_id) as session:
        await hub_settings.update_settings(
            session, owner_of(account), services.keyring, smtp_url=url, smtp_from="hub@aurora.example"
        )


async def _make_due(db: Database, account: MeliAccount) -> None:
    async with db.tenant(account.tenant_id) as session:
        await session.exec(text("UPDATE hub_notifications SET next_attempt_at = now()"))  # type: ignore[call-overload]


@pytest_asyncio.fixture
async def sms_services(
    db: Database, settings: Settings, clean_redis: str
) -> AsyncIterator[tuple[Services, HttpReceiver]]:
    """Services whose process-wide default is an SMS provider (a real local HTTP server)."""
    with HttpReceiver() as provider:
        configured = settings.model_copy(update={"sms_url": f"{provider.url}/sms", "sms_token": "sms-secret"})
        svc = Services.create(configured, db.url, clean_redis)
        yield svc, provider
        await svc.close()


async def test_the_ready_email_arrives_once_with_the_hubs_details(
    services: Services, meli_account_a: MeliAccount
) -> None:
    with LocalSmtpServer(auth=("mailer", "s3cret")) as smtp:
        await _company_smtp(services, meli_account_a, smtp.url)
        hub_order = await _pronto(services, meli_account_a)
        assert await delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) == ["SENT"]
        assert await delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) == []
        assert await delivery.sweep(services) == 0

        [mail] = smtp.received
    body = mail.message.get_body(("plain",))
    assert body is not None
    content = body.get_content()
    assert mail.rcpt_tos == ["joao@example.com"] and mail.authenticated_as == "mailer"
    assert "2200001" in content and HUB["address"] in content and HUB["pickup_hours"] in content
    assert "João" in content
    [sent] = await notifications_of(services.db, meli_account_a)
    assert (sent.status, sent.channel, sent.attempts, sent.destination) == ("SENT", "email", 1, "j***@example.com")


async def test_a_failing_provider_is_retried_with_backoff_under_one_key(
    sms_services: tuple[Services, HttpReceiver], meli_account_a: MeliAccount
) -> None:
    services, provider = sms_services
    provider.reply(Reply(503), Reply(200, {"id": "sms-77"}))
    hub_order = await _pronto(services, meli_account_a, email=None)

    assert await delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) == ["RETRYING"]
    [waiting] = await notifications_of(services.db, meli_account_a)
    assert waiting.next_attempt_at is not None and waiting.last_error
    assert await delivery.sweep(services) == 0  # not due before its backoff ends
    await _make_due(services.db, meli_account_a)
    assert await delivery.sweep(services) == 1

    [sent] = await notifications_of(services.db, meli_account_a)
    assert (sent.status, sent.channel, sent.provider_id, sent.attempts) == ("SENT", "sms", "sms-77", 2)
    keys = {request.headers["idempotency-key"] for request in provider.requests}
    assert len(provider.requests) == 2 and len(keys) == 1
    assert provider.requests[1].json["to"] == "+55 11 98765-4321"
    assert provider.requests[1].headers["authorization"] == "Bearer sms-secret"


async def test_a_claim_left_by_a_dead_worker_is_tried_again_once_its_lease_ends(
    services: Services, meli_account_a: MeliAccount
) -> None:
    with LocalSmtpServer() as smtp:
        await _company_smtp(services, meli_account_a, smtp.url)
        hub_order = await _pronto(services, meli_account_a)
        async with services.db.tenant(meli_account_a.tenant_id) as session:  # a try that died before it sent
            claim = "status = 'SENDING', attempts = 1, next_attempt_at = now() + interval '2 minutes'"
            await session.exec(text(f"UPDATE hub_notifications SET {claim}"))  # type: ignore[call-overload]
        assert await delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) == ["SKIPPED"]
        await _make_due(services.db, meli_account_a)
        assert await delivery.sweep(services) == 1
        assert len(smtp.received) == 1
    [sent] = await notifications_of(services.db, meli_account_a)
    assert (sent.status, sent.attempts) == ("SENT", 2)


async def test_two_workers_at_once_send_it_once(services: Services, meli_account_a: MeliAccount) -> None:
    with LocalSmtpServer() as smtp:
        smtp.delay_s = 0.3
        await _company_smtp(services, meli_account_a, smtp.url)
        hub_order = await _pronto(services, meli_account_a)
        both = await asyncio.gather(
            *(delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) for _ in range(2))
        )
        assert sorted(outcome for outcomes in both for outcome in outcomes) == ["SENT", "SKIPPED"]
        assert len(smtp.received) == 1


async def test_a_temporary_smtp_refusal_waits_and_no_channel_fails_clearly(
    services: Services, meli_account_a: MeliAccount
) -> None:
    with LocalSmtpServer() as smtp:
        smtp.fail_next(TEMPORARY_FAILURE)
        await _company_smtp(services, meli_account_a, smtp.url)
        hub_order = await _pronto(services, meli_account_a)
        assert await delivery.deliver_order(services, meli_account_a.tenant_id, hub_order.id) == ["RETRYING"]
    await _company_smtp(services, meli_account_a, "")  # the company turns e-mail off; no SMS/WhatsApp either
    await _make_due(services.db, meli_account_a)
    assert await delivery.sweep(services) == 1
    [failed] = await notifications_of(services.db, meli_account_a)
    assert failed.status == "FAILED" and "no configured channel" in (failed.last_error or "")


@pytest.mark.parametrize("bad", ["smtp://", "ftp://x"])
async def test_a_malformed_company_smtp_url_is_refused(
    services: Services, meli_account_a: MeliAccount, bad: str
) -> None:
    from melihub.errors import DomainError

    with pytest.raises(DomainError) as refused:
        await _company_smtp(services, meli_account_a, bad)
    assert refused.value.field == "smtpUrl" and "s3cret" not in str(refused.value)
