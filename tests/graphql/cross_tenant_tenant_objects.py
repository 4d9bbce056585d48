"""The cross-tenant world's objects of a whole company (not of one Mercado Livre account): its audit trail,
hub mappings, own application, question templates and outbound webhooks; and the row helpers the world uses."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from sqlmodel import col
from sqlmodel import select as sqlmodel_select

from melihub.audit.models import AuditEntry
from melihub.connections.models import MeliApplication
from melihub.hub.models import SkuMapping, StatusMapping
from melihub.integrator_webhooks.models import WebhookDelivery, WebhookSubscription
from melihub.questions.models import QuestionTemplate
from melihub.runtime import Services
from melihub.testing.graphql import gid

ml_ids = itertools.count(2000007000000001)


async def add_rows(services: Services, tenant_id: uuid.UUID, *rows: Any) -> None:
    async with services.db.tenant(tenant_id) as session:
        session.add_all(rows)


async def audit_entry(services: Services, tenant_id: uuid.UUID) -> str:
    """The global id of the tenant's first audit entry (inviting and limiting the member wrote some)."""
    async with services.db.tenant(tenant_id) as session:
        first = (await session.exec(sqlmodel_select(AuditEntry).order_by(col(AuditEntry.seq)))).first()
    assert first is not None, "the owner's mutations should have been audited"
    return gid("AuditEntry", first.id)


async def mappings(services: Services, tenant_id: uuid.UUID) -> dict[str, str]:
    """The global ids of a SKU and a status mapping of the tenant (the whole hub's, not an account's)."""
    number = next(ml_ids)
    sku = SkuMapping(tenant_id=tenant_id, external_sku=f"SKU-{number}", internal_sku="INT-1")
    status = StatusMapping(tenant_id=tenant_id, external_status=f"status-{number}", internal_status="ABERTO")
    await add_rows(services, tenant_id, sku, status)
    return {"SkuMapping": gid("SkuMapping", sku.id), "StatusMapping": gid("StatusMapping", status.id)}


async def application(services: Services, tenant_id: uuid.UUID) -> dict[str, str]:
    """The global id of the tenant's own Mercado Livre application (one a company)."""
    application = MeliApplication(
        tenant_id=tenant_id, client_id=str(next(ml_ids)), client_secret_enc="not-read-here", store_name="Loja"
    )
    await add_rows(services, tenant_id, application)
    return {"MeliApplication": gid("MeliApplication", application.id)}


async def template(services: Services, tenant_id: uuid.UUID) -> str:
    """The global id of a question template of the tenant (templates are the whole team's)."""
    template = QuestionTemplate(tenant_id=tenant_id, name="Frete", text="Olá, {{comprador}}!", shortcut="frete")
    await add_rows(services, tenant_id, template)
    return gid("QuestionTemplate", template.id)


async def webhooks(services: Services, tenant_id: uuid.UUID) -> dict[str, str]:
    """The global ids of an outbound webhook subscription of the tenant and of one of its deliveries."""
    subscription = WebhookSubscription(
        tenant_id=tenant_id, url="http://127.0.0.1:9/in", events=["orderChanged"], secret_encrypted="not-read-here"
    )
    delivery = WebhookDelivery(
        tenant_id=tenant_id,
        subscription_id=subscription.id,
        event="orderChanged",
        event_id=uuid.uuid4(),
        body="{}",
        status="DELIVERED",
    )
    await add_rows(services, tenant_id, subscription)
    await add_rows(services, tenant_id, delivery)
    ids = {"WebhookSubscription": subscription.id, "WebhookDelivery": delivery.id}
    return {name: gid(name, row_id) for name, row_id in ids.items()}
